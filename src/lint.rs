//! Checks beyond parsing that `check` runs: things that are legal but that
//! readers or validators stumble on, reported as warnings.

use crate::diagnostic::Diagnostic;
use crate::record::Record;
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;

/// Longer explicit summaries are cut or hidden by many readers.
pub const SUMMARY_LIMIT: usize = 500;

pub fn lint(records: &[Box<Record>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut by_title: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    // Dates compare as instants, whatever their offsets.
    let mut by_updated: BTreeMap<DateTime<FixedOffset>, Vec<&Record>> = BTreeMap::new();
    for record in records
        .iter()
        .map(AsRef::as_ref)
        .filter(|record| !record.draft)
    {
        by_title
            .entry(crate::catalog::title_key(&record.title))
            .or_default()
            .push(record);
        by_updated
            .entry(record.updated.unwrap_or(record.date))
            .or_default()
            .push(record);
        if let Some(summary) = &record.details().summary {
            let length = summary.chars().count();
            if length > SUMMARY_LIMIT {
                problems.push(
                    Diagnostic::warning(
                        &record.path,
                        None,
                        format!("the summary is {length} characters long; readers show about {SUMMARY_LIMIT} at most"),
                    )
                    .with_hint("shorten `summary`, or remove it to use the start of the body"),
                );
            }
        }
    }
    for group in by_title.values().filter(|group| group.len() > 1) {
        for record in &group[1..] {
            problems.push(
                Diagnostic::warning(
                    &record.path,
                    Some(1),
                    format!(
                        "the title {:?} is also the title of {}; readers cannot tell them apart and a related reference to it is ambiguous",
                        record.title,
                        group[0].path.display()
                    ),
                ),
            );
        }
    }
    for group in by_updated.values().filter(|group| group.len() > 1) {
        for record in &group[1..] {
            problems.push(
                Diagnostic::warning(
                    &record.path,
                    None,
                    format!(
                        "updated at the same instant as {}; feed validators flag entries with equal `updated` times",
                        group[0].path.display()
                    ),
                )
                .with_hint("give one of them a different `date` or `updated` time, such as 2025-09-01T09:30:00+01:00"),
            );
        }
    }
    problems
}
