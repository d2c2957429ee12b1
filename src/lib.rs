//! feedwright turns a folder of article records into RSS 2.0 and Atom 1.0
//! feeds. This file is the pipeline, over a plain `Request`: input (find
//! and parse records) → site (config, catalog) → content (HTML) → feeds
//! (bytes) → validate → output (write). Each stage is a folder that hands
//! plain values to the next; `cli` sits above and `report` below them all.

pub mod cli;
pub mod content;
pub mod feeds;
pub mod input;
pub mod output;
pub mod report;
pub mod site;
pub mod util;
pub mod validate;

// The paths embedders and the fuzz targets have long used.
pub use input::{dates, discover, record};
pub use output::write;
pub use report::{UsageError, diagnostic};

use chrono::{DateTime, Utc};
use input::parse::{self, ProgressHook};
use output::manifest;
use rayon::prelude::*;
use report::diagnostic::Diagnostic;
use report::outcome::FeedKind;
use report::outcome::{FileOutcome, Status};
use report::{Command, Report};
use site::catalog::{self, Catalog, Selection};
use site::config::Config;
use site::plan::FeedPlan;
use site::{lint, lock};
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::sync::Arc;

/// What a run needs, every value checked: the library's only input, built
/// by the command line or by any other caller.
#[derive(Debug, Clone)]
pub struct Request {
    pub config: PathBuf,
    pub out: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
    pub selection: Selection,
    /// Records dated after this are future records.
    pub now: DateTime<Utc>,
    /// Ignore `limit` (for `check`, which looks at every record).
    pub all_items: bool,
    /// `build --accept-id-changes`: publish items whose id differs from
    /// the one in `feedwright.lock`, and record the new ids there.
    pub accept_id_changes: bool,
    pub progress: Option<ProgressHook>,
}

/// `build` (or `build --check` when `check_only`): every record read and
/// checked, the feeds rendered, then written or compared.
pub fn build(options: &Request, check_only: bool) -> Result<Report, UsageError> {
    let mut report = build_all(options, check_only)?;
    report.diagnostics.cap_per_file(MAX_PROBLEMS_PER_FILE);
    Ok(report)
}

/// Messages shown per file; the rest are counted in one more line.
pub const MAX_PROBLEMS_PER_FILE: usize = 20;

/// An extra feed whose value is gone, as `build --check` reports it.
fn obsolete_outcome((path, kind): (PathBuf, FeedKind)) -> FileOutcome {
    FileOutcome {
        path,
        kind,
        status: Status::Obsolete,
        item_count: 0,
        change: None,
    }
}

fn build_all(options: &Request, check_only: bool) -> Result<Report, UsageError> {
    let command = if check_only {
        Command::BuildCheck
    } else {
        Command::Build
    };
    let (config, mut catalog, mut report) = load(options, command)?;
    let lock = lock::Lock::load(&config)?;
    report
        .diagnostics
        .extend(lock.compare(&catalog.items, options.accept_id_changes));
    let plans = std::mem::take(&mut catalog.plans);
    let entries = render_items(catalog, &config, &mut report);
    if options.strict {
        report.promote_warnings();
    }
    if report.has_errors() {
        return Ok(report);
    }
    let jobs: Vec<(&FeedPlan, FeedKind)> = plans
        .iter()
        .flat_map(|plan| config.formats.iter().map(move |kind| (plan, *kind)))
        .collect();
    let besides = besides_feeds(&config, &plans, &entries);
    let mut paths: Vec<PathBuf> = jobs
        .iter()
        .map(|(plan, kind)| feed_path(&config, plan, *kind))
        .collect();
    paths.extend(besides.iter().map(|output| output.path.clone()));
    check_collisions(&config, &paths, &mut report);
    check_view_targets(&config, &besides, &mut report);
    if report.has_errors() {
        return Ok(report);
    }
    let (extra, mut obsolete) = extra_feeds(&config, &plans);
    // A file this build writes is never removed, even when the last build
    // wrote it as an extra feed (`rss` renamed to where a tag's feed was).
    let written: std::collections::HashSet<&PathBuf> = paths.iter().collect();
    obsolete.retain(|(path, _)| !written.contains(path));
    let items: Vec<&catalog::Item> = entries.iter().map(|entry| &entry.item).collect();
    if check_only {
        let mut files = each_feed(&config, &jobs, &entries, &mut report, |output| {
            Ok(write::check_one(output))
        });
        files.extend(besides.iter().filter_map(write::check_one));
        files.extend(obsolete.into_iter().map(obsolete_outcome));
        report.files = files;
        // Committed feeds with a lock file that lacks their ids would let
        // a later build miss a changed id: that is out of date too.
        report
            .diagnostics
            .extend(lock.check(&items, options.accept_id_changes));
        return Ok(report);
    }
    let transaction = match write::Transaction::begin(&config.output_dir) {
        Ok(transaction) => transaction,
        Err(problem) => {
            report.diagnostics.push(problem);
            return Ok(report);
        }
    };
    let mut files = each_feed(&config, &jobs, &entries, &mut report, |output| {
        transaction.add(output)
    });
    if report.has_errors() {
        // Dropping the transaction removes its temporaries: nothing changed.
        return Ok(report);
    }
    let mut others = besides;
    // Written with the feeds it lists, so that it never names a feed that
    // is not there, nor misses one that is.
    if !extra.is_empty() || config.output_dir.join(manifest::FILE_NAME).exists() {
        others.push(write::Output {
            path: config.output_dir.join(manifest::FILE_NAME),
            kind: None,
            bytes: manifest::bytes(&extra),
            item_count: 0,
        });
    }
    // The lock file is part of the same transaction as the feeds: feeds
    // written without the ids they publish would let the next build miss
    // a changed id.
    match lock.updated_bytes(&items, options.accept_id_changes) {
        Ok(Some(bytes)) => others.push(write::Output {
            path: lock.path.clone(),
            kind: None,
            bytes,
            item_count: 0,
        }),
        Ok(None) => {}
        Err(problem) => {
            report.diagnostics.push(problem);
            return Ok(report);
        }
    }
    let finished = others
        .iter()
        .map(|output| transaction.add(output))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|outcomes| {
            files.extend(outcomes.into_iter().flatten());
            transaction.commit(&obsolete)
        });
    match finished {
        Ok(removed) => {
            files.extend(removed);
            report.files = files;
        }
        Err(problem) => report.diagnostics.push(problem),
    }
    Ok(report)
}

fn feed_path(config: &Config, plan: &FeedPlan, kind: FeedKind) -> PathBuf {
    config
        .output_dir
        .join(&plan.folder)
        .join(config.file_of(kind))
}

/// Every planned feed in every chosen format, rendered, checked and handed
/// to `then` (written to its temporary file, or compared) in parallel, one
/// at a time per worker: a feed's bytes are dropped as soon as `then` has
/// them, so a site with a thousand feeds never holds them all. Entries are
/// shared, never rendered again per feed. Outcomes come back in plan order.
fn each_feed(
    config: &Config,
    jobs: &[(&FeedPlan, FeedKind)],
    entries: &[Arc<feeds::Entry>],
    report: &mut Report,
    then: impl Fn(&write::Output) -> Result<Option<FileOutcome>, Diagnostic> + Sync,
) -> Vec<FileOutcome> {
    let checked = Checked::new(entries.len());
    let results: Vec<(Vec<Diagnostic>, Option<FileOutcome>)> = jobs
        .par_iter()
        .map(|&(plan, kind)| {
            let output = render_feed(config, plan, kind, entries, &plan.items);
            // An item in another language than the feed renders with
            // `xml:lang`, so differently from the same item elsewhere: it
            // is checked in every such feed.
            let unchecked = checked.claim(&plan.items, kind, |index| {
                entries
                    .get(index)
                    .is_some_and(|entry| entry.language_if_not(&plan.language).is_some())
            });
            // The site's feed is checked whole. An extra feed is checked
            // with the items no other document of its format has had
            // checked: its own parts (title, self link, language) are
            // always checked, and each item once per format rather than
            // once per feed holding it — an item renders the same in every
            // feed of a format.
            let problems = if plan.folder.is_empty() || unchecked.len() == plan.items.len() {
                rendered_problems(&output)
            } else {
                rendered_problems(&render_feed(config, plan, kind, entries, &unchecked))
            };
            if !problems.is_empty() {
                return (problems, None);
            }
            match then(&output) {
                Ok(outcome) => (Vec::new(), outcome),
                Err(problem) => (vec![problem], None),
            }
        })
        .collect();
    let mut files = Vec::with_capacity(results.len());
    for (problems, outcome) in results {
        report.diagnostics.extend(problems);
        files.extend(outcome);
    }
    files
}

/// Which items have been checked in a document of each feed format.
struct Checked {
    /// Per item, one flag per format (RSS, Atom, JSON Feed).
    flags: Vec<[std::sync::atomic::AtomicBool; 3]>,
}

impl Checked {
    fn new(items: usize) -> Self {
        Self {
            flags: (0..items).map(|_| Default::default()).collect(),
        }
    }

    /// Marks `items` checked in `kind` and returns those that were not yet,
    /// and those `always` names.
    fn claim(&self, items: &[usize], kind: FeedKind, always: impl Fn(usize) -> bool) -> Vec<usize> {
        let slot = match kind {
            FeedKind::Rss | FeedKind::Opml | FeedKind::Stylesheet | FeedKind::Page => 0,
            FeedKind::Atom => 1,
            FeedKind::Json => 2,
        };
        items
            .iter()
            .copied()
            .filter(|&index| {
                let first = self.flags.get(index).is_some_and(|flags| {
                    !flags[slot].swap(true, std::sync::atomic::Ordering::Relaxed)
                });
                first || always(index)
            })
            .collect()
    }
}

/// One feed document's bytes, at its path, holding `items` (the plan's,
/// or for checking some of them).
fn render_feed(
    config: &Config,
    plan: &FeedPlan,
    kind: FeedKind,
    entries: &[Arc<feeds::Entry>],
    items: &[usize],
) -> write::Output {
    let feed = feeds::Feed {
        config,
        title: plan.title.clone(),
        self_url: config.feed_url(&plan.folder, kind),
        language: plan.language.clone(),
        stylesheet: (config.stylesheet && matches!(kind, FeedKind::Rss | FeedKind::Atom)).then(
            || {
                feeds::stylesheet::href(
                    &std::path::Path::new(&plan.folder).join(config.file_of(kind)),
                )
            },
        ),
        entries: items
            .iter()
            .filter_map(|&index| entries.get(index).map(Arc::clone))
            .collect(),
    };
    write::Output {
        path: feed_path(config, plan, kind),
        kind: Some(kind),
        bytes: feeds::render(kind, &feed),
        item_count: feed.entries.len(),
    }
}

/// The extra feeds this build writes (relative to the output folder), and
/// those the last build wrote that are gone from the plan, with their
/// format: a tag whose last record was deleted loses its feed.
fn extra_feeds(
    config: &Config,
    plans: &[FeedPlan],
) -> (BTreeSet<String>, Vec<(PathBuf, FeedKind)>) {
    let mut extra: BTreeSet<String> = plans
        .iter()
        .filter(|plan| !plan.folder.is_empty())
        .flat_map(|plan| {
            config.formats.iter().map(|kind| {
                format!(
                    "{}/{}",
                    plan.folder,
                    config.file_of(*kind).to_string_lossy()
                )
            })
        })
        .collect();
    if wants_opml(config) {
        extra.insert(site::config::OPML_FILE.into());
    }
    if config.stylesheet {
        extra.insert(site::config::STYLESHEET_FILE.into());
    }
    if let Some(file) = &config.html_file {
        extra.insert(file.to_string_lossy().into_owned());
    }
    let old = manifest::read(&config.output_dir);
    // Only a file with one of the feeds' own names is ever removed, never
    // the config or lock file, whatever a hand-edited manifest says.
    let protected = [
        site::config::resolve(&config.path),
        site::config::resolve(&config.lock_path()),
    ];
    let obsolete = manifest::obsolete(&config.output_dir, &old, &extra)
        .into_iter()
        .filter(|path| !protected.contains(&site::config::resolve(path)))
        .filter_map(|path| {
            // The stylesheet only at the top: a `tags/x/feed.xsl` added to
            // the manifest by hand is no file of ours.
            let stylesheet = (path == config.output_dir.join(site::config::STYLESHEET_FILE))
                .then_some(FeedKind::Stylesheet);
            let kind = stylesheet
                .or_else(|| {
                    [
                        FeedKind::Rss,
                        FeedKind::Atom,
                        FeedKind::Json,
                        FeedKind::Opml,
                    ]
                    .into_iter()
                    .find(|kind| path.ends_with(config.file_of(*kind)))
                })
                // A page the last build wrote under another name than
                // `html` gives now.
                .or_else(|| manifest::is_page(&path).then_some(FeedKind::Page))?;
            Some((path, kind))
        })
        .collect();
    (extra, obsolete)
}

/// The files beside the feeds, each when asked for: the list of them, the
/// stylesheet and the page.
fn besides_feeds(
    config: &Config,
    plans: &[FeedPlan],
    entries: &[Arc<feeds::Entry>],
) -> Vec<write::Output> {
    opml_output(config, plans)
        .into_iter()
        .chain(view_outputs(config, plans, entries))
        .collect()
}

/// `feed.xsl` with `stylesheet = true`, and the HTML page with `html`.
fn view_outputs(
    config: &Config,
    plans: &[FeedPlan],
    entries: &[Arc<feeds::Entry>],
) -> Vec<write::Output> {
    let mut outputs = Vec::new();
    if config.stylesheet {
        outputs.push(write::Output {
            path: config.output_dir.join(site::config::STYLESHEET_FILE),
            kind: Some(FeedKind::Stylesheet),
            bytes: feeds::stylesheet::bytes(),
            item_count: 0,
        });
    }
    if let Some(file) = &config.html_file {
        let shown = plans
            .iter()
            .find(|plan| plan.folder.is_empty())
            .map_or(0, |plan| plan.items.len().min(feeds::page::MAX_ITEMS));
        outputs.push(write::Output {
            path: config.output_dir.join(file),
            kind: Some(FeedKind::Page),
            bytes: feeds::page::page(config, plans, entries),
            item_count: shown,
        });
    }
    outputs
}

/// `feeds.opml` is written when `[feeds]` asks for any extra feed: with
/// many feeds, readers want one list to import.
fn wants_opml(config: &Config) -> bool {
    let switches = config.feeds;
    switches.tags || switches.authors || switches.sections || switches.languages
}

/// `feeds.opml`: every feed of the build, in plan order, each format.
fn opml_output(config: &Config, plans: &[FeedPlan]) -> Option<write::Output> {
    if !wants_opml(config) {
        return None;
    }
    let subscriptions: Vec<feeds::opml::Subscription> = plans
        .iter()
        .flat_map(|plan| {
            config
                .formats
                .iter()
                .map(move |kind| feeds::opml::Subscription {
                    title: plan.title.clone(),
                    kind: *kind,
                    url: config.feed_url(&plan.folder, *kind).to_string(),
                })
        })
        .collect();
    Some(write::Output {
        path: config.output_dir.join(site::config::OPML_FILE),
        kind: Some(FeedKind::Opml),
        bytes: feeds::opml::opml(config, &subscriptions),
        item_count: subscriptions.len(),
    })
}

/// No feed may be written over another, nor over the config or lock file:
/// the site's file names may be set to anything plain, such as
/// `rss = "tags/x/rss.xml"`, which a tag's feed would then overwrite.
fn check_collisions(config: &Config, paths: &[PathBuf], report: &mut Report) {
    let protected = [
        site::config::resolve(&config.path),
        site::config::resolve(&config.lock_path()),
    ];
    let mut seen = std::collections::HashSet::with_capacity(paths.len());
    for path in paths {
        let clash = !seen.insert(path)
            || protected.iter().any(|file| {
                file.file_name() == path.file_name() && site::config::resolve(path) == *file
            });
        if clash {
            report.diagnostics.push(
                Diagnostic::error(
                    &config.path,
                    None,
                    format!(
                        "two outputs of this build would be written to {}",
                        path.display()
                    ),
                )
                .with_hint("give `rss`, `atom`, `json` and `html` names that no tag, author, section or language feed uses"),
            );
        }
    }
}

/// The stylesheet and the page replace only files feedwright wrote: the
/// output folder is often the site's own, and its `index.html` (or another
/// tool's `feed.xsl`) must never be overwritten.
fn check_view_targets(config: &Config, outputs: &[write::Output], report: &mut Report) {
    for output in outputs {
        let (Some(FeedKind::Stylesheet | FeedKind::Page), Ok(relative)) =
            (output.kind, output.path.strip_prefix(&config.output_dir))
        else {
            continue;
        };
        let exists = std::fs::symlink_metadata(&output.path).is_ok();
        if exists && !manifest::is_ours(&config.output_dir, &relative.to_string_lossy()) {
            let (key, hint) = if output.kind == Some(FeedKind::Page) {
                (
                    "html",
                    "give `html` another name, such as \"feeds.html\", or move that file away",
                )
            } else {
                (
                    "stylesheet",
                    "move that file away: feedwright's stylesheet is always feed.xsl at the top of the output folder",
                )
            };
            report.diagnostics.push(
                Diagnostic::error(
                    &config.path,
                    None,
                    format!(
                        "`{key}` would replace {}, which feedwright did not write",
                        output.path.display()
                    ),
                )
                .with_hint(hint),
            );
        }
    }
}

/// A rendered feed that breaks a rule is feedwright's bug, not the
/// author's: say so, and write nothing. Warnings are not blocking here:
/// only a rule the feed breaks is.
fn rendered_problems(output: &write::Output) -> Vec<Diagnostic> {
    validate::check(&output.path, &output.bytes)
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|problem| {
            Diagnostic {
                message: format!(
                    "internal error: the rendered feed breaks a rule: {}",
                    problem.message
                ),
                ..problem
            }
            .with_hint(
                "this is a bug in feedwright; please report it with the record that caused it",
            )
        })
        .collect()
}

/// `check`: everything `build` checks, for every record rather than only
/// those in the feeds, plus lints; nothing is written.
pub fn check(options: &Request) -> Result<Report, UsageError> {
    let mut report = check_records(options)?;
    report.diagnostics.cap_per_file(MAX_PROBLEMS_PER_FILE);
    Ok(report)
}

fn check_records(options: &Request) -> Result<Report, UsageError> {
    let mut options = options.clone();
    // Every published record's content is checked, not only the newest.
    options.all_items = true;
    let (config, catalog, mut report) = load(&options, Command::Check)?;
    let lock = lock::Lock::load(&config)?;
    report
        .diagnostics
        .extend(lock.compare(&catalog.items, false));
    report
        .diagnostics
        .extend(lint::podcast_rules(&config, &catalog.items));
    let items = catalog.items;
    let pages = catalog::Links::new(&config, &items, &catalog.others, &catalog.page_addresses);
    for mut item in items {
        if let Err(problem) =
            parse::load_body(&mut item.record, config.timezone, config.max_record_bytes)
        {
            report.diagnostics.push(problem);
            continue;
        }
        report
            .diagnostics
            .extend(content::render(&item, &pages).diagnostics);
    }
    if options.strict {
        report.promote_warnings();
    }
    Ok(report)
}

/// `validate FILE|DIR …`: every named file, and every feed-looking file
/// (see `validate::FEED_EXTENSIONS`) under a named folder, checked by the
/// same rules `build` applies to its own output. A path that does not exist
/// or cannot be read is a usage error: nothing was checked.
pub fn validate_files(paths: &[PathBuf], strict: bool) -> Result<Report, UsageError> {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = walkdir::WalkDir::new(path)
                .follow_links(false)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|entry| entry.file_type().is_file())
                .map(walkdir::DirEntry::into_path)
                .filter(|file| {
                    file.extension()
                        .and_then(|ext| ext.to_str())
                        .is_some_and(|ext| {
                            validate::FEED_EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
                        })
                })
                .collect();
            found.sort();
            files.extend(found);
        } else if path.is_file() {
            files.push(path.clone());
        } else {
            problems.push(Diagnostic::error(path, None, "no such file or folder"));
        }
    }
    if !problems.is_empty() {
        return Err(UsageError(problems));
    }
    let mut report = Report::new(Command::Validate);
    for file in files {
        match std::fs::read(&file) {
            Ok(bytes) => {
                report.records += 1;
                report.diagnostics.extend(validate::check(&file, &bytes));
            }
            Err(error) => {
                return Err(UsageError(vec![Diagnostic::error(
                    &file,
                    None,
                    format!("cannot read it: {error}"),
                )]));
            }
        }
    }
    if strict {
        report.promote_warnings();
    }
    Ok(report)
}

/// The stages every command shares: config, discover, parse, catalog.
fn load(options: &Request, command: Command) -> Result<(Config, Catalog, Report), UsageError> {
    let mut config = Config::load(&options.config).map_err(UsageError)?;
    if let Some(out) = &options.out {
        if out.exists() && !out.is_dir() {
            return Err(UsageError(vec![Diagnostic::error(
                out,
                None,
                "--out names a file, not a folder",
            )]));
        }
        config.output_dir.clone_from(out);
    }
    let key = if options.out.is_some() {
        "--out"
    } else {
        "output"
    };
    config.check_outputs(key).map_err(UsageError)?;
    if options.all_items {
        config.limit = 0;
    }
    let discovered = discover::discover(&config.articles_dir, &config.exclude)
        .map_err(|problem| UsageError(vec![problem]))?;
    let mut report = Report::new(command);
    report.source_roots = vec![
        config.articles_dir.clone(),
        config.path.clone(),
        config.lock_path(),
    ];
    report.diagnostics.extend(discovered.problems);

    // `check` lints fields that `build` has no need to keep.
    let parsed_sources = discovered.sources.len();
    let parsed = parse::parse_all(
        discovered.sources,
        config.timezone,
        options.progress.as_ref(),
        command == Command::Check,
        config.feeds.tags || config.feeds.authors || config.feeds.languages,
        config.max_record_bytes,
    );
    report.diagnostics.extend(parsed.diagnostics);
    let source_count = parsed_sources - parsed.not_records;
    let records = parsed.records;
    let page_addresses = parsed.page_addresses;
    // Every record file read counts, those that failed to parse included:
    // "0 records read: 1 error" for one bad record reads as if nothing was.
    report.records = source_count;
    if command == Command::Check {
        report.diagnostics.extend(lint::records(&records));
    }
    let unreadable = source_count - records.len();
    let (mut catalog, problems) = catalog::build(records, &config, options.now, options.selection);
    catalog.page_addresses = page_addresses;
    report
        .diagnostics
        .extend(problems.into_iter().map(|problem| {
            // The reference may name a record that could not be read; say so
            // rather than hide the warning.
            if unreadable > 0
                && problem.message.contains("matches no record")
                && problem.hint.is_none()
            {
                problem.with_hint(format!(
                    "{unreadable} record{} could not be read; this may name one of them",
                    if unreadable == 1 { "" } else { "s" }
                ))
            } else {
                problem
            }
        }));
    report.items = catalog.items.len();
    Ok((config, catalog, report))
}

/// Bodies are read back and rendered only for the items in the feeds.
fn render_items(
    mut catalog: Catalog,
    config: &Config,
    report: &mut Report,
) -> Vec<Arc<feeds::Entry>> {
    let items = std::mem::take(&mut catalog.items);
    let pages = catalog::Links::new(config, &items, &catalog.others, &catalog.page_addresses);
    // In parallel: with per-tag and per-author feeds a build may render
    // thousands of items, each once. Collected in item order.
    let rendered: Vec<(Option<Arc<feeds::Entry>>, Vec<Diagnostic>)> = items
        .into_par_iter()
        .map(|item| render_item(item, config, &pages))
        .collect();
    let mut entries = Vec::with_capacity(rendered.len());
    for (entry, problems) in rendered {
        report.diagnostics.extend(problems);
        entries.extend(entry);
    }
    entries
}

/// One item's entry: its body read again and rendered, its enclosure and
/// lead image resolved. `None` (with the error) when the body cannot be
/// read back.
fn render_item(
    mut item: catalog::Item,
    config: &Config,
    pages: &catalog::Links,
) -> (Option<Arc<feeds::Entry>>, Vec<Diagnostic>) {
    if let Err(problem) =
        parse::load_body(&mut item.record, config.timezone, config.max_record_bytes)
    {
        return (None, vec![problem]);
    }
    let rendered = content::render(&item, pages);
    let mut problems = rendered.diagnostics;
    // The body has served its purpose; the HTML is what the feeds need.
    if let Some(details) = &mut item.record.details {
        details.body = record::Body::NotLoaded;
    }
    let enclosure = match &item.record.episode().enclosure {
        Some(spec) => match site::enclosure::resolve_enclosure(config, &item.record, spec) {
            Ok(enclosure) => Some(enclosure),
            Err(problem) => {
                problems.push(problem);
                None
            }
        },
        None => None,
    };
    let image = item
        .record
        .details()
        .image
        .as_deref()
        .and_then(|image| item.link.join(image).ok())
        // A `javascript:` or `data:` image is removed from the content
        // (with a warning) and must not come back as a media tag.
        .filter(|url| matches!(url.scheme(), "http" | "https"))
        .and_then(|url| util::feed_url(url).ok())
        .map(String::from);
    // Held until every feed is written: with per-tag and per-author feeds
    // that is thousands of items, and the renderers' spare capacity (up to
    // half of each buffer) would be held with them.
    let (mut html, mut summary) = (rendered.html, rendered.summary);
    html.shrink_to_fit();
    summary.shrink_to_fit();
    let entry = feeds::Entry {
        item,
        html,
        summary,
        enclosure,
        image,
    };
    (Some(Arc::new(entry)), problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_is_claimed_for_checking_once_per_format() {
        let checked = Checked::new(4);
        assert_eq!(
            checked.claim(&[0, 1, 2], FeedKind::Rss, |_| false),
            [0, 1, 2]
        );
        assert_eq!(checked.claim(&[1, 2, 3], FeedKind::Rss, |_| false), [3]);
        // Another format has its own flags; `always` items come back.
        assert_eq!(checked.claim(&[2, 3], FeedKind::Atom, |_| false), [2, 3]);
        assert_eq!(checked.claim(&[0, 1, 2, 3], FeedKind::Rss, |i| i == 1), [1]);
        // An index beyond the entries is never claimed.
        assert!(checked.claim(&[9], FeedKind::Json, |_| false).is_empty());
    }
}
