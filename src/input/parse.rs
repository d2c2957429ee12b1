//! The parse stage: every source read and parsed, in parallel, into a
//! `Record` — without its body, which only the few records that end up in
//! a feed need, so memory stays flat however large the archive.

use crate::input::discover::{self, Format, Source};
use crate::input::record::{Parsed, Record};
use crate::report::diagnostic::Diagnostic;
use chrono_tz::Tz;
use rayon::prelude::*;
use std::path::Path;
use std::sync::{Arc, Mutex};

/// Called once per record parsed, from any thread: drives a progress bar
/// without the library knowing about terminals.
#[derive(Clone)]
pub struct ProgressHook(pub Arc<dyn Fn() + Send + Sync>);

impl std::fmt::Debug for ProgressHook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("ProgressHook")
    }
}

pub struct ParsedAll {
    /// In source order (sorted paths), so results never depend on thread
    /// timing. Boxed: gathering them then moves pointers, not records, and
    /// never holds two copies of a large archive's records at once.
    pub records: Vec<Box<Record>>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every source. Unless `keep_whole`, each record keeps
/// only what the catalog needs once parsing has checked it (see
/// `Record::slim`).
pub fn parse_all(
    sources: Vec<Source>,
    tz: Tz,
    progress: Option<&ProgressHook>,
    keep_whole: bool,
    max_bytes: u64,
) -> ParsedAll {
    // Records are collected in source order; diagnostics go straight into
    // one list (they are sorted for display), so no per-source result
    // vector is ever held beside the records.
    let diagnostics = Mutex::new(Vec::new());
    // Collected into a vector sized once (a growing one would briefly
    // hold twice the records), then compacted in place.
    let mut slots: Vec<Option<Box<Record>>> = Vec::with_capacity(sources.len());
    sources
        .into_par_iter()
        .map(|source| {
            let parsed = parse_source(&source.path, source.format, tz, max_bytes);
            if let Some(progress) = progress {
                (progress.0)();
            }
            if !parsed.diagnostics.is_empty() {
                diagnostics
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .extend(parsed.diagnostics);
            }
            let mut record = parsed.record?;
            if keep_whole {
                // Even `check` reads bodies again one at a time, when it
                // renders each record; an archive's bodies are never all held.
                if let Some(details) = &mut record.details {
                    details.body = crate::input::record::Body::NotLoaded;
                }
            } else {
                record.slim();
            }
            // The source's path moves into the record, so an archive's paths
            // are held once, not twice.
            record.path = source.path;
            Some(Box::new(record))
        })
        .collect_into_vec(&mut slots);
    let records: Vec<Box<Record>> = slots.into_iter().flatten().collect();
    ParsedAll {
        records,
        diagnostics: diagnostics
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    }
}

pub fn parse_source(path: &Path, format: Format, tz: Tz, max_bytes: u64) -> Parsed {
    let text = match discover::read_text(path, max_bytes) {
        Ok(text) => text,
        Err(problem) => {
            return Parsed {
                record: None,
                diagnostics: vec![problem],
            };
        }
    };
    let slug = discover::slug_from_path(path);
    match format {
        Format::Markdown => crate::input::frontmatter::parse(path, slug, &text, tz),
        Format::PlainText => crate::input::plaintext::parse(path, slug, &text, tz),
    }
}

/// Reads a record whole again for rendering (body, summary, tags …). The
/// file was parsed moments ago; if it changed or vanished in between, that
/// is an error, never a feed item with missing parts.
pub fn load_body(record: &mut Record, tz: Tz, max_bytes: u64) -> Result<(), Diagnostic> {
    let Some(format) = discover::format_of(&record.path) else {
        return Err(Diagnostic::error(&record.path, None, "not a record file"));
    };
    let reparsed = parse_source(&record.path, format, tz, max_bytes);
    match reparsed.record {
        Some(fresh)
            if fresh.title == record.title
                && fresh.date == record.date
                && fresh.slug == record.slug =>
        {
            *record = fresh;
            Ok(())
        }
        _ => Err(Diagnostic::error(
            &record.path,
            None,
            "the file changed while the feeds were being built; run the build again",
        )),
    }
}
