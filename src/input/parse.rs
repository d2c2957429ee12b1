//! The parse stage: every source read and parsed, in parallel, into a
//! `Record` — without its body, which only the few records that end up in
//! a feed need, so memory stays flat however large the archive.

use crate::input::discover::{self, Format, Source};
use crate::input::record::{Body, Parsed, Record, UnknownKey};
use crate::report::diagnostic::Diagnostic;
use chrono_tz::Tz;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;
use std::path::PathBuf;
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
    /// Sources that turned out not to be records (`.html` layouts).
    pub not_records: usize,
    /// Pages (no date, so no records) that name their own address: a
    /// body's link to one goes there, not where its file would put it.
    pub page_addresses: Vec<(std::path::PathBuf, String)>,
}

/// Reads and parses every source. Unless `keep_whole`, each record keeps
/// only what the catalog needs once parsing has checked it (see
/// `Record::slim`) — and its tags and authors when `keep_facets`, for the
/// per-tag and per-author feeds.
pub fn parse_all(
    sources: Vec<Source>,
    tz: Tz,
    progress: Option<&ProgressHook>,
    keep_whole: bool,
    keep_facets: bool,
    max_bytes: u64,
    stamp: bool,
) -> ParsedAll {
    // Records are collected in source order; diagnostics go straight into
    // one list (they are sorted for display), so no per-source result
    // vector is ever held beside the records.
    let diagnostics = Mutex::new(Vec::new());
    let unknown_keys = Mutex::new(Vec::new());
    let undated = Mutex::new(Vec::new());
    let not_records = std::sync::atomic::AtomicUsize::new(0);
    let page_addresses = Mutex::new(Vec::new());
    // Collected into a vector sized once (a growing one would briefly
    // hold twice the records), then compacted in place.
    let mut slots: Vec<Option<Box<Record>>> = Vec::with_capacity(sources.len());
    sources
        .into_par_iter()
        .map(|mut source| {
            let naming = source.naming();
            let parsed = parse_source_stamped(
                &source.path,
                source.format,
                naming.slug,
                tz,
                max_bytes,
                stamp,
            );
            if let Some(progress) = progress {
                (progress.0)();
            }
            if !parsed.diagnostics.is_empty() {
                lock(&diagnostics).extend(parsed.diagnostics);
            }
            if !parsed.unknown_keys.is_empty() {
                lock(&unknown_keys).push((source.path.clone(), parsed.unknown_keys));
            }
            if parsed.not_a_record {
                not_records.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
            if parsed.undated {
                lock(&undated).push(source.path.clone());
            }
            if let Some(address) = parsed.page_url {
                lock(&page_addresses).push((source.path.clone(), address));
            }
            let mut record = parsed.record?;
            if let Some(language) = naming.translation
                && let Some(warning) = apply_translation(&mut record, &source.path, language)
            {
                lock(&diagnostics).push(warning);
            }
            if keep_whole {
                // Even `check` reads bodies again one at a time, when it
                // renders each record; an archive's bodies are never all held.
                if let Some(details) = &mut record.details {
                    details.body = crate::input::record::Body::NotLoaded;
                }
            } else if keep_facets {
                record.slim_keeping_facets();
            } else {
                record.slim();
            }
            // The source's path moves into the record, so an archive's paths
            // are held once, not twice.
            record.path = source.path;
            record.folder = source.folder;
            Some(Box::new(record))
        })
        .collect_into_vec(&mut slots);
    let records: Vec<Box<Record>> = slots.into_iter().flatten().collect();
    let mut diagnostics = diagnostics
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    diagnostics.extend(report_unknown_keys(
        unknown_keys
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    ));
    diagnostics.extend(report_pages(
        undated
            .into_inner()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    ));
    let mut page_addresses = page_addresses
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    page_addresses.sort();
    ParsedAll {
        records,
        diagnostics,
        not_records: not_records.into_inner(),
        page_addresses,
    }
}

/// Gives a translation the language its file name names (`post.fr.md`),
/// unless its front matter names one: the author's word wins, with a
/// warning when the two disagree.
fn apply_translation(record: &mut Record, path: &Path, language: String) -> Option<Diagnostic> {
    // A freshly parsed record is whole.
    let details = record.details.as_deref_mut()?;
    let warning = match &details.language {
        None => {
            details.language = Some(language.clone());
            None
        }
        Some(own) if !own.eq_ignore_ascii_case(&language) => Some(
            Diagnostic::warning(
                path,
                None,
                format!(
                    "the file name makes this the {language:?} translation, but its `language` key says {own:?}: the item is in {own:?}, at the {language:?} translation's link"
                ),
            )
            .with_hint("make the two agree: rename the file, or change or remove the `language` key"),
        ),
        Some(_) => None,
    };
    details.translation = Some(language);
    warning
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One warning per unknown key name for the whole site, at its first
/// place in path order, with the number of files: a theme's own key in a
/// hundred posts is one thing to decide about, not a hundred.
fn report_unknown_keys(mut found: Vec<(PathBuf, Vec<UnknownKey>)>) -> Vec<Diagnostic> {
    found.sort_by(|a, b| a.0.as_os_str().cmp(b.0.as_os_str()));
    let mut by_key: BTreeMap<&str, (usize, &Path, &UnknownKey)> = BTreeMap::new();
    for (path, keys) in &found {
        let mut in_this_file = HashSet::new();
        for key in keys {
            if !in_this_file.insert(key.key.as_str()) {
                continue;
            }
            by_key
                .entry(key.key.as_str())
                .and_modify(|(count, _, _)| *count += 1)
                .or_insert((1, path.as_path(), key));
        }
    }
    by_key
        .into_iter()
        .map(|(key, (count, path, first))| {
            let files = if count == 1 {
                "this file".to_string()
            } else {
                format!("{count} files (first here)")
            };
            let mut warning = Diagnostic::warning(
                path,
                Some(first.line),
                format!("unknown front-matter key `{key}` in {files} is ignored"),
            );
            warning.column = first.column;
            warning
            .with_hint("feedwright reads the keys of Zola, Hugo, Jekyll and Eleventy; see the README's list. Remove the key, or ignore this warning if a theme uses it")
        })
        .collect()
}

/// How many pages the warning about undated files names.
const LISTED: usize = 10;

/// Markdown (and `.html`) files with no date at all are pages (an "about" page), left
/// out of the feeds; one warning lists them all.
fn report_pages(mut pages: Vec<PathBuf>) -> Option<Diagnostic> {
    if pages.is_empty() {
        return None;
    }
    pages.sort();
    let mut list = pages
        .iter()
        .take(LISTED)
        .map(|path| path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if pages.len() > LISTED {
        let _ = write!(list, " and {} more", pages.len() - LISTED);
    }
    let kind = if pages
        .iter()
        .all(|path| discover::format_of(path) == Some(Format::Markdown))
    {
        "Markdown file"
    } else {
        "file with front matter"
    };
    Some(
        Diagnostic::warning(
            &pages[0],
            None,
            format!(
                "{} {kind}{} with no date (pages, not posts) left out of the feeds: {list}",
                pages.len(),
                if pages.len() == 1 { "" } else { "s" },
            ),
        )
        .with_hint("give a post a `date` (or a YYYY-MM-DD- file name) to put it in the feeds"),
    )
}

pub fn parse_source(
    path: &Path,
    format: Format,
    default_slug: String,
    tz: Tz,
    max_bytes: u64,
) -> Parsed {
    parse_source_stamped(path, format, default_slug, tz, max_bytes, false)
}

/// `parse_source`, also giving the record its `Stamp` when `stamp` (only
/// a site with archive pages pays for hashing every file).
fn parse_source_stamped(
    path: &Path,
    format: Format,
    default_slug: String,
    tz: Tz,
    max_bytes: u64,
    stamp: bool,
) -> Parsed {
    let text = match discover::read_text(path, max_bytes) {
        Ok(text) => text,
        Err(problem) => {
            return Parsed {
                diagnostics: vec![problem],
                ..Parsed::default()
            };
        }
    };
    let mut parsed = match format {
        Format::Markdown => crate::input::frontmatter::parse(path, default_slug, &text, tz),
        Format::PlainText => crate::input::plaintext::parse(path, default_slug, &text, tz),
        Format::Html => {
            if !discover::opens_with_fence(&text) {
                return Parsed {
                    not_a_record: true,
                    ..Parsed::default()
                };
            }
            html_record(crate::input::frontmatter::parse(
                path,
                default_slug,
                &text,
                tz,
            ))
        }
    };
    check_publishable(path, &mut parsed);
    if stamp && let Some(record) = parsed.record.as_mut() {
        record.stamp = Some(Box::new(stamp_of(record, &text)));
    }
    parsed
}

/// The body after an `.html` file's front matter is HTML: sanitised like
/// any HTML, never read as Markdown (its indented lines would become code).
fn html_record(mut parsed: Parsed) -> Parsed {
    if let Some(details) = parsed
        .record
        .as_mut()
        .and_then(|record| record.details.as_deref_mut())
        && let Body::Markdown(html) = std::mem::take(&mut details.body)
    {
        details.body = Body::Html(html);
    }
    parsed
}

fn stamp_of(record: &Record, text: &str) -> crate::input::record::Stamp {
    use siphasher::sip128::Hasher128 as _;
    use std::hash::Hasher as _;
    let mut hasher = siphasher::sip128::SipHasher13::new();
    hasher.write(text.as_bytes());
    let digest = hasher.finish128();
    let local_enclosure = record
        .details
        .as_ref()
        .and_then(|details| details.episode.enclosure.as_ref())
        .is_some_and(|spec| url::Url::parse(&spec.url).is_err());
    crate::input::record::Stamp {
        digest: [digest.h1, digest.h2],
        // A cheap over-estimate: any of these anywhere in the file, even in
        // a code block, counts.
        // `&#64;/` and `&commat;/` are `@/` once Markdown has read them.
        links_out: text.contains("@/")
            || text.contains("{{")
            || text.contains("{%")
            || text.contains("&#")
            || text.contains("&commat;"),
        reads_other_files: local_enclosure,
    }
}

/// Feed validators flag any date before this year as implausible.
const PLAUSIBLE_FROM_YEAR: i32 = 1990;

/// What both record formats must hold once the characters a feed cannot
/// carry are gone: a title of only U+FFFD or noncharacters would be
/// published blank, and a blank tag or author name is an empty element.
fn check_publishable(path: &Path, parsed: &mut Parsed) {
    let Some(record) = parsed.record.as_mut() else {
        return;
    };
    let problems = &mut parsed.diagnostics;
    if let Some(details) = record.details.as_deref_mut() {
        let before = details.tags.len();
        details
            .tags
            .retain(|tag| crate::util::has_visible_text(tag));
        if details.tags.len() < before {
            problems.push(Diagnostic::warning(
                path,
                None,
                "a tag with no visible character was left out",
            ));
        }
        if details
            .summary
            .as_deref()
            .is_some_and(|summary| !crate::util::has_visible_text(summary))
        {
            details.summary = None;
            problems.push(Diagnostic::warning(
                path,
                None,
                "`summary` has no visible character; the start of the body is used instead",
            ));
        }
        if details
            .authors
            .iter()
            .any(|a| !crate::util::has_visible_text(&a.name))
        {
            problems.push(Diagnostic::error(
                path,
                None,
                "an author's name has no visible character",
            ));
        }
    }
    if !crate::util::has_visible_text(&record.title) {
        problems.push(
            Diagnostic::error(path, Some(1), "`title` has no visible character")
                .with_hint("U+FFFD, control and format characters, noncharacters and lone combining marks show nothing"),
        );
    }
    if parsed.diagnostics.iter().any(Diagnostic::is_error) {
        parsed.record = None;
        return;
    }
    let year = chrono::Datelike::year(&record.date.naive_utc());
    if year < PLAUSIBLE_FROM_YEAR {
        parsed.diagnostics.push(
            Diagnostic::warning(path, None, format!("the date is in {year}: feed validators call dates before {PLAUSIBLE_FROM_YEAR} implausible"))
                .with_hint("check the year; an archive of older articles may keep it and ignore this warning"),
        );
    }
}

/// Reads a record whole again for rendering (body, summary, tags …). The
/// file was parsed moments ago; if it changed or vanished in between, that
/// is an error, never a feed item with missing parts.
pub fn load_body(record: &mut Record, tz: Tz, max_bytes: u64) -> Result<(), Diagnostic> {
    let Some(format) = discover::format_of(&record.path) else {
        return Err(Diagnostic::error(&record.path, None, "not a record file"));
    };
    // The slug it was given (by a key, or by its file or bundle name) is
    // the default: with no `slug` key the fresh record gets the same one.
    let reparsed = parse_source(&record.path, format, record.slug.clone(), tz, max_bytes);
    match reparsed.record {
        Some(mut fresh)
            if fresh.title == record.title
                && fresh.date == record.date
                && fresh.slug == record.slug
                && fresh.link_categories == record.link_categories =>
        {
            fresh.folder = std::mem::take(&mut record.folder);
            if let Some(language) = record.translation().map(str::to_owned) {
                // Warned about, if at all, when it was first parsed.
                let _ = apply_translation(&mut fresh, &record.path, language);
            }
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
