//! Checks beyond parsing that `check` runs: things that are legal but that
//! readers or validators stumble on, reported as warnings.

use super::catalog::Item;
use super::config::Config;
use super::enclosure::{Enclosure, resolve_enclosure};
use super::podcast::{ACCEPTED_TYPES, Podcast};
use crate::input::record::Record;
use crate::report::diagnostic::Diagnostic;
use chrono::{DateTime, FixedOffset};
use std::collections::BTreeMap;

/// Longer explicit summaries are cut or hidden by many readers.
pub const SUMMARY_LIMIT: usize = 500;

pub fn records(records: &[Box<Record>]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    // A page and its translations (`post.fr.md`) are never in one feed,
    // and may well share a date or an untranslated title: each language's
    // records are compared among themselves.
    let mut by_title: BTreeMap<(Option<&str>, String), Vec<&Record>> = BTreeMap::new();
    // Dates compare as instants, whatever their offsets.
    let mut by_updated: BTreeMap<(Option<&str>, DateTime<FixedOffset>), Vec<&Record>> =
        BTreeMap::new();
    for record in records
        .iter()
        .map(AsRef::as_ref)
        .filter(|record| !record.draft)
    {
        let language = record.translation();
        by_title
            .entry((language, super::catalog::title_key(&record.title)))
            .or_default()
            .push(record);
        by_updated
            .entry((language, record.updated.unwrap_or(record.date)))
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

/// `check`'s enclosure and podcast rules: every enclosure must resolve
/// (an error otherwise, as in `build`); for a podcast site, the rules
/// directories enforce are warnings that `--strict` makes errors.
pub fn podcast_rules(config: &Config, items: &[Item]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let podcast = config.podcast.as_ref();
    if let Some(podcast) = podcast {
        problems.extend(channel_rules(podcast, config));
    }
    for item in items {
        let record = &item.record;
        let episode = record.episode();
        let enclosure = match &episode.enclosure {
            Some(spec) => match resolve_enclosure(config, record, spec) {
                Ok(enclosure) => Some(enclosure),
                Err(problem) => {
                    problems.push(problem);
                    continue;
                }
            },
            None => None,
        };
        if podcast.is_some() {
            problems.extend(episode_rules(record, enclosure.as_ref()));
        }
    }
    problems
}

fn is_https(url: &str) -> bool {
    url.starts_with("https://")
}

fn channel_rules(podcast: &Podcast, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let site = |message: &str| Diagnostic::warning(&config.path, None, message);
    if podcast.image.is_none() {
        problems.push(site(
            "the podcast has no `image`; Apple Podcasts requires cover art (1400–3000 px square)",
        ));
    }
    if podcast.categories.is_empty() {
        problems.push(site(
            "the podcast has no `categories`; Apple Podcasts requires at least one",
        ));
    }
    if podcast.owner.is_none() {
        problems.push(site(
            "the podcast has no `owner`; directories contact the owner's email to verify the feed",
        ));
    }
    if let Some((url, _)) = &podcast.funding
        && !is_https(url.as_str())
    {
        problems.push(site("the podcast `funding` URL should use https"));
    }
    problems
}

fn episode_rules(record: &Record, enclosure: Option<&Enclosure>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let episode = record.episode();
    let warn = |message: String| Diagnostic::warning(&record.path, None, message);
    match enclosure {
        None => problems.push(warn(
            "an item of a podcast feed has no `enclosure`; podcast apps will skip it".into(),
        )),
        Some(enclosure) => {
            if !ACCEPTED_TYPES.contains(&enclosure.mime_type.as_str()) {
                problems.push(warn(format!(
                    "enclosure type {} is not one Apple Podcasts accepts ({})",
                    enclosure.mime_type,
                    ACCEPTED_TYPES.join(", ")
                )));
            }
            if !is_https(&enclosure.url) {
                problems.push(warn(format!(
                    "the enclosure URL {} should use https",
                    enclosure.url
                )));
            }
        }
    }
    if episode.duration.is_none() {
        problems.push(warn("the episode has no `duration`".into()));
    }
    for (what, url) in [
        (
            "transcript",
            episode.transcript.as_ref().map(|t| t.url.as_str()),
        ),
        ("chapters", episode.chapters.as_deref()),
    ] {
        if let Some(url) = url
            && !is_https(url)
        {
            problems.push(warn(format!(
                "the Podcasting 2.0 namespace wants https URLs; `{what}` is {url}"
            )));
        }
    }
    problems
}
