//! The parse stage: every source read and parsed, in parallel, into a
//! `Record` — without its body, which only the few records that end up in
//! a feed need, so memory stays flat however large the archive.

use crate::cli::ProgressHook;
use crate::diagnostic::Diagnostic;
use crate::discover::{self, Format, Source};
use crate::record::{Parsed, Record};
use chrono_tz::Tz;
use rayon::prelude::*;
use std::path::Path;

pub struct ParsedAll {
    /// In source order (sorted paths), so results never depend on thread timing.
    pub records: Vec<Record>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads and parses every source. Unless `keep_whole`, each record keeps
/// only what the catalog needs once parsing has checked it (see
/// `Record::slim`).
pub fn parse_all(
    sources: &[Source],
    tz: Tz,
    progress: Option<&ProgressHook>,
    keep_whole: bool,
) -> ParsedAll {
    let results: Vec<Parsed> = sources
        .par_iter()
        .map(|source| {
            let mut parsed = parse_source(&source.path, source.format, tz);
            if let Some(progress) = progress {
                (progress.0)();
            }
            if let Some(record) = &mut parsed.record
                && !keep_whole
            {
                record.slim();
            }
            parsed
        })
        .collect();
    let mut records = Vec::with_capacity(results.len());
    let mut diagnostics = Vec::new();
    // Consumed one by one, so each result's memory goes as its record moves.
    for parsed in results {
        diagnostics.extend(parsed.diagnostics);
        records.extend(parsed.record);
    }
    ParsedAll {
        records,
        diagnostics,
    }
}

pub fn parse_source(path: &Path, format: Format, tz: Tz) -> Parsed {
    let text = match discover::read_text(path) {
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
        Format::Markdown => crate::frontmatter::parse(path, slug, &text, tz),
        Format::PlainText => crate::plaintext::parse(path, slug, &text, tz),
    }
}

/// Reads a record whole again for rendering (body, summary, tags …). The
/// file was parsed moments ago; if it changed or vanished in between, that
/// is an error, never a feed item with missing parts.
pub fn load_body(record: &mut Record, tz: Tz) -> Result<(), Diagnostic> {
    let Some(format) = discover::format_of(&record.path) else {
        return Err(Diagnostic::error(&record.path, None, "not a record file"));
    };
    let reparsed = parse_source(&record.path, format, tz);
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
