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
use std::collections::{BTreeSet, HashMap};
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
    /// `build --ping`: tell the config's `WebSub` hubs of each feed this
    /// build changed. Without it, a build makes no network request.
    pub ping: bool,
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
    let (config, catalog, mut report) = load(options, command)?;
    let lock = lock::Lock::load(&config)?;
    report
        .diagnostics
        .extend(lock.compare(&catalog.items, options.accept_id_changes));
    let Catalog {
        items,
        others,
        plans,
        archive: page_items,
        page_addresses,
        ..
    } = catalog;
    let pages = site::plan::archive(&config, page_items);
    let archive = ArchiveState::new(&config, &items, &others, &page_addresses, &pages);
    let links = catalog::Links::new(&config, &items, &others, &page_addresses);
    let entries = render_items(&items, &plans, &config, &links, &mut report);
    if options.strict {
        report.promote_warnings();
    }
    if report.has_errors() {
        return Ok(report);
    }
    let jobs = archive.jobs(&config, &plans, &pages);
    let besides = besides_feeds(&config, &plans, &entries);
    let mut paths: Vec<PathBuf> = jobs
        .iter()
        .map(|job| feed_path(&config, job.plan, job.kind))
        .collect();
    paths.extend(besides.iter().map(|output| output.path.clone()));
    check_collisions(&config, &paths, &mut report);
    check_view_targets(&config, &besides, &mut report);
    if report.has_errors() {
        return Ok(report);
    }
    let (extra, mut obsolete) = extra_feeds(&config, &plans, &pages);
    // A file this build writes is never removed, even when the last build
    // wrote it as an extra feed (`rss` renamed to where a tag's feed was).
    let written: std::collections::HashSet<&PathBuf> = paths.iter().collect();
    obsolete.retain(|(path, _)| !written.contains(path));
    let documents = Documents {
        config: &config,
        items: &items,
        links: &links,
        entries: &entries,
        // The feeds link the newest page with items: the empty page that
        // follows an exactly full one is there only for that page's
        // `next-archive`, and a JSON Feed reader paging by `next_url` stops
        // at an empty page.
        newest_page: pages
            .iter()
            .rev()
            .find(|page| !page.items.is_empty())
            .and_then(|page| page.page),
    };
    let items: Vec<&catalog::Item> = items.iter().collect();
    if check_only {
        let mut files = documents.each(&jobs, &mut report, |output| Ok(write::check_one(output)));
        if options.strict {
            report.promote_warnings();
        }
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
    let others = match other_outputs(
        &config,
        besides,
        &extra,
        archive.state_output(&config, &pages),
        &lock,
        &items,
        options,
    ) {
        Ok(others) => others,
        Err(problem) => {
            report.diagnostics.push(problem);
            return Ok(report);
        }
    };
    write_all(
        &documents,
        &jobs,
        &others,
        &obsolete,
        options.strict,
        &mut report,
    );
    if options.ping && !report.has_errors() {
        ping(&config, &plans, options.strict, &mut report);
    }
    Ok(report)
}

/// The files written with the feeds: `feeds.opml`, the manifest, the
/// archive state and the lock file (when they change).
fn other_outputs(
    config: &Config,
    besides: Vec<write::Output>,
    extra: &BTreeSet<String>,
    archive_state: Option<write::Output>,
    lock: &lock::Lock,
    items: &[&catalog::Item],
    options: &Request,
) -> Result<Vec<write::Output>, Diagnostic> {
    let mut others = besides;
    // Written with the feeds it lists, so that it never names a feed that
    // is not there, nor misses one that is.
    if !extra.is_empty() || config.output_dir.join(manifest::FILE_NAME).exists() {
        others.push(write::Output {
            path: config.output_dir.join(manifest::FILE_NAME),
            kind: None,
            bytes: manifest::bytes(extra),
            item_count: 0,
        });
    }
    others.extend(archive_state);
    // The lock file is part of the same transaction as the feeds: feeds
    // written without the ids they publish would let the next build miss
    // a changed id.
    if let Some(bytes) = lock.updated_bytes(items, options.accept_id_changes)? {
        others.push(write::Output {
            path: lock.path.clone(),
            kind: None,
            bytes,
            item_count: 0,
        });
    }
    Ok(others)
}

/// Every document and the other files, written as one transaction; the
/// outcomes (or the problem that stopped it, leaving every file as it was)
/// go in the report.
fn write_all(
    documents: &Documents,
    jobs: &[Job],
    others: &[write::Output],
    obsolete: &[(PathBuf, FeedKind)],
    strict: bool,
    report: &mut Report,
) {
    let transaction = match write::Transaction::begin(&documents.config.output_dir) {
        Ok(transaction) => transaction,
        Err(problem) => {
            report.diagnostics.push(problem);
            return;
        }
    };
    let mut files = documents.each(jobs, report, |output| transaction.add(output));
    // Archive pages render their items as they go: their warnings arrive
    // here.
    if strict {
        report.promote_warnings();
    }
    if report.has_errors() {
        // Dropping the transaction removes its temporaries: nothing changed.
        return;
    }
    let finished = others
        .iter()
        .map(|output| transaction.add(output))
        .collect::<Result<Vec<_>, _>>()
        .and_then(|outcomes| {
            files.extend(outcomes.into_iter().flatten());
            transaction.commit(obsolete)
        });
    match finished {
        Ok(removed) => {
            files.extend(removed);
            report.files = files;
        }
        Err(problem) => report.diagnostics.push(problem),
    }
}

/// `build --ping`: each hub is told of each feed one subscribes to (the
/// site's and the extra feeds, never an archive page) whose bytes this
/// build changed. A hub that fails is a warning, an error under
/// `--strict`; the feeds are written either way.
fn ping(config: &Config, plans: &[FeedPlan], strict: bool, report: &mut Report) {
    let changed: std::collections::HashSet<&PathBuf> = report
        .files
        .iter()
        .filter(|file| file.status == Status::Written)
        .map(|file| &file.path)
        .collect();
    let feeds: Vec<url::Url> = plans
        .iter()
        .flat_map(|plan| config.formats.iter().map(move |kind| (plan, *kind)))
        .filter(|(plan, kind)| changed.contains(&feed_path(config, plan, *kind)))
        .map(|(plan, kind)| config.feed_url(&plan.folder, kind))
        .collect();
    let problems = output::websub::ping(&config.hubs, &feeds);
    report
        .diagnostics
        .extend(problems.into_iter().map(|problem| {
            if strict {
                Diagnostic {
                    severity: report::diagnostic::Severity::Error,
                    ..problem
                }
            } else {
                problem
            }
        }));
}

/// One document to write in one format. A `fresh` one is an archive page
/// whose file is known to hold what this build would render: it is
/// neither rendered nor written.
struct Job<'a> {
    plan: &'a FeedPlan,
    kind: FeedKind,
    fresh: bool,
}

/// What archive pages were made from: this build's digest of each page,
/// and the state the last build left (see `output::state`).
struct ArchiveState {
    digests: Vec<Option<site::archive::Digest>>,
    last: std::collections::HashMap<String, site::archive::Digest>,
    /// Whether the state file exists, so that a site that turns archives
    /// off gets it emptied rather than left stale.
    exists: bool,
}

impl ArchiveState {
    fn new(
        config: &Config,
        items: &[catalog::Item],
        others: &[Box<record::Record>],
        page_addresses: &[(PathBuf, String)],
        pages: &[FeedPlan],
    ) -> Self {
        let exists = config.output_dir.join(output::state::FILE_NAME).exists();
        if pages.is_empty() {
            return Self {
                digests: Vec::new(),
                last: std::collections::HashMap::new(),
                exists,
            };
        }
        Self {
            digests: site::archive::digests(
                config,
                config.source.as_bytes(),
                items,
                others,
                page_addresses,
                pages,
            ),
            last: output::state::read(&config.output_dir),
            exists,
        }
    }

    fn digest(&self, plan: &FeedPlan) -> Option<site::archive::Digest> {
        let page = plan.page?;
        *self.digests.get(page.checked_sub(1)?)?
    }

    /// Every plan (the feeds', then the pages') in every format, each
    /// page marked fresh when it is already in place.
    fn jobs<'a>(
        &self,
        config: &Config,
        plans: &'a [FeedPlan],
        pages: &'a [FeedPlan],
    ) -> Vec<Job<'a>> {
        plans
            .iter()
            .chain(pages)
            .flat_map(|plan| {
                config.formats.iter().map(move |kind| Job {
                    plan,
                    kind: *kind,
                    fresh: self.is_fresh(config, plan, *kind),
                })
            })
            .collect()
    }

    /// Whether `plan` is an archive page already in place in this form.
    fn is_fresh(&self, config: &Config, plan: &FeedPlan, kind: FeedKind) -> bool {
        let (Some(page), Some(digest)) = (plan.page, self.digest(plan)) else {
            return false;
        };
        let relative = site::archive::relative_path(kind, page);
        self.last.get(&relative) == Some(&digest)
            && site::archive::path(config, kind, page).is_file()
    }

    /// The state file for this build's pages, when there are pages or the
    /// last build left one.
    fn state_output(&self, config: &Config, pages: &[FeedPlan]) -> Option<write::Output> {
        if pages.is_empty() && !self.exists {
            return None;
        }
        let mut lines: Vec<(String, site::archive::Digest)> = Vec::new();
        for plan in pages {
            let (Some(page), Some(digest)) = (plan.page, self.digest(plan)) else {
                continue;
            };
            for kind in &config.formats {
                lines.push((site::archive::relative_path(*kind, page), digest));
            }
        }
        Some(write::Output {
            path: config.output_dir.join(output::state::FILE_NAME),
            kind: None,
            bytes: output::state::bytes(
                lines.iter().map(|(path, digest)| (path.as_str(), *digest)),
            ),
            item_count: 0,
        })
    }
}

fn feed_path(config: &Config, plan: &FeedPlan, kind: FeedKind) -> PathBuf {
    if let Some(page) = plan.page {
        return site::archive::path(config, kind, page);
    }
    config
        .output_dir
        .join(&plan.folder)
        .join(config.file_of(kind))
}

/// What rendering a document needs besides its plan: the config, the
/// catalog's items and links, the entries rendered up front (by item
/// position; `None` for an item only archive pages hold, rendered with its
/// page), and the newest archive page, which the site's feed links to.
struct Documents<'a> {
    config: &'a Config,
    items: &'a [catalog::Item],
    links: &'a catalog::Links<'a>,
    entries: &'a [Option<Arc<feeds::Entry>>],
    newest_page: Option<usize>,
}

/// One job's outcome: problems found, and the file's outcome when it got
/// that far.
type JobResult = (Vec<Diagnostic>, Option<FileOutcome>);

impl Documents<'_> {
    /// Every job rendered, checked and handed to `then` (written to its
    /// temporary file, or compared) in parallel, one plan at a time per
    /// worker: a feed's bytes, and an archive page's entries, are dropped
    /// as soon as `then` has them, so neither a site with a thousand feeds
    /// nor one with a thousand pages holds them all. Outcomes come back in
    /// job order; a fresh archive page is reported unchanged without being
    /// rendered.
    fn each(
        &self,
        jobs: &[Job],
        report: &mut Report,
        then: impl Fn(&write::Output) -> Result<Option<FileOutcome>, Diagnostic> + Sync,
    ) -> Vec<FileOutcome> {
        let checked = Checked::new(self.items.len());
        // Jobs come plan by plan, each plan's formats together: a page's
        // items are rendered once for all its formats.
        let groups: Vec<&[Job]> = jobs.chunk_by(|a, b| std::ptr::eq(a.plan, b.plan)).collect();
        let results: Vec<Vec<JobResult>> = groups
            .par_iter()
            .map(|group| self.each_of_plan(group, &checked, &then))
            .collect();
        let mut files = Vec::with_capacity(jobs.len());
        for (problems, outcome) in results.into_iter().flatten() {
            report.diagnostics.extend(problems);
            files.extend(outcome);
        }
        files
    }

    fn each_of_plan(
        &self,
        group: &[Job],
        checked: &Checked,
        then: &(impl Fn(&write::Output) -> Result<Option<FileOutcome>, Diagnostic> + Sync),
    ) -> Vec<JobResult> {
        let Some(plan) = group.first().map(|job| job.plan) else {
            return Vec::new();
        };
        let mut results = Vec::with_capacity(group.len() + 1);
        let entries = if group.iter().all(|job| job.fresh) {
            HashMap::new()
        } else {
            let (entries, problems) = self.entries_of(plan);
            if problems.iter().any(Diagnostic::is_error) {
                return vec![(problems, None)];
            }
            results.push((problems, None));
            entries
        };
        results.par_extend(group.par_iter().map(|job| {
            let kind = job.kind;
            if job.fresh {
                let outcome = FileOutcome {
                    path: feed_path(self.config, plan, kind),
                    kind,
                    status: Status::Unchanged,
                    item_count: plan.items.len(),
                    change: None,
                };
                return (Vec::new(), Some(outcome));
            }
            let output = self.render(plan, kind, &plan.items, &entries);
            // An item in another language than the feed renders with
            // `xml:lang`, so differently from the same item elsewhere: it
            // is checked in every such feed.
            let unchecked = checked.claim(&plan.items, kind, |index| {
                entries
                    .get(&index)
                    .is_some_and(|entry| entry.language_if_not(&plan.language).is_some())
            });
            // The site's feed is checked whole. An extra feed or an archive
            // page is checked with the items no other document of its
            // format has had checked: its own parts (title, links,
            // language) are always checked, and each item once per format
            // rather than once per document holding it — an item renders
            // the same in every feed of a format.
            let whole = plan.folder.is_empty() && plan.page.is_none();
            let problems = if whole || unchecked.len() == plan.items.len() {
                rendered_problems(&output)
            } else {
                rendered_problems(&self.render(plan, kind, &unchecked, &entries))
            };
            if !problems.is_empty() {
                return (problems, None);
            }
            match then(&output) {
                Ok(outcome) => (Vec::new(), outcome),
                Err(problem) => (vec![problem], None),
            }
        }));
        results
    }

    /// The entries of a plan's items: those rendered up front, and the
    /// rest (an archive page's) rendered now, in parallel.
    fn entries_of(&self, plan: &FeedPlan) -> (HashMap<usize, Arc<feeds::Entry>>, Vec<Diagnostic>) {
        let rendered: Vec<(usize, Option<Arc<feeds::Entry>>, Vec<Diagnostic>)> = plan
            .items
            .par_iter()
            .map(|&index| match self.entries.get(index) {
                Some(Some(entry)) => (index, Some(Arc::clone(entry)), Vec::new()),
                _ => match self.items.get(index) {
                    Some(item) => {
                        let (entry, problems) = render_item(item.clone(), self.config, self.links);
                        (index, entry, problems)
                    }
                    None => (index, None, Vec::new()),
                },
            })
            .collect();
        let mut entries = HashMap::with_capacity(rendered.len());
        let mut problems = Vec::new();
        for (index, entry, found) in rendered {
            problems.extend(found);
            if let Some(entry) = entry {
                entries.insert(index, entry);
            }
        }
        (entries, problems)
    }

    /// One feed document's bytes, at its path, holding `items` (the
    /// plan's, or for checking some of them).
    fn render(
        &self,
        plan: &FeedPlan,
        kind: FeedKind,
        items: &[usize],
        entries: &HashMap<usize, Arc<feeds::Entry>>,
    ) -> write::Output {
        let config = self.config;
        let self_url = match plan.page {
            Some(page) => site::archive::url(config, kind, page),
            None => config.feed_url(&plan.folder, kind),
        };
        let feed = feeds::Feed {
            config,
            title: plan.title.clone(),
            self_url,
            language: plan.language.clone(),
            stylesheet: (config.stylesheet && matches!(kind, FeedKind::Rss | FeedKind::Atom)).then(
                || {
                    let path = feed_path(config, plan, kind);
                    let relative = path.strip_prefix(&config.output_dir).unwrap_or(&path);
                    feeds::stylesheet::href(relative)
                },
            ),
            entries: items
                .iter()
                .filter_map(|index| entries.get(index).map(Arc::clone))
                .collect(),
            history: self.history(plan, kind),
        };
        write::Output {
            path: feed_path(config, plan, kind),
            kind: Some(kind),
            bytes: feeds::render(kind, &feed),
            item_count: feed.entries.len(),
        }
    }

    /// RFC 5005 and `WebSub` links. Nothing on an archive page depends on
    /// how many pages there are, so a full page never changes: it always
    /// links the next page, which is why an empty page follows a full one.
    fn history(&self, plan: &FeedPlan, kind: FeedKind) -> feeds::History {
        let config = self.config;
        let page_url = |page: usize| site::archive::url(config, kind, page);
        let mut history = feeds::History {
            hubs: config.hubs.clone(),
            ..feeds::History::default()
        };
        match plan.page {
            Some(page) => {
                history.current = Some(config.feed_url("", kind));
                history.prev_archive = page.checked_sub(1).filter(|&page| page > 0).map(page_url);
                history.next_archive =
                    (plan.items.len() >= config.archive).then(|| page_url(page + 1));
            }
            None if plan.folder.is_empty() => {
                history.prev_archive = self.newest_page.map(page_url);
            }
            None => {}
        }
        history
    }
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

/// The extra feeds this build writes (relative to the output folder), and
/// those the last build wrote that are gone from the plan, with their
/// format: a tag whose last record was deleted loses its feed.
fn extra_feeds(
    config: &Config,
    plans: &[FeedPlan],
    pages: &[FeedPlan],
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
    // Archive pages too, so that fewer pages (or none, with `archive`
    // off) remove the rest.
    extra.extend(pages.iter().filter_map(|plan| plan.page).flat_map(|page| {
        config
            .formats
            .iter()
            .map(move |kind| site::archive::relative_path(*kind, page))
    }));
    let old = manifest::read(&config.output_dir);
    // Only a file with one of the feeds' own names is ever removed, never
    // the config or lock file, whatever a hand-edited manifest says.
    let protected = protected_files(config);
    let obsolete = manifest::obsolete(&config.output_dir, &old, &extra)
        .into_iter()
        .filter(|path| !protected.contains(&site::config::resolve(path)))
        .filter_map(|path| {
            if let Some(kind) = path
                .strip_prefix(&config.output_dir)
                .ok()
                .and_then(|relative| relative.to_str())
                .and_then(|relative| manifest::archive_kind(&relative.replace('\\', "/")))
            {
                return Some((path, kind));
            }
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
    entries: &[Option<Arc<feeds::Entry>>],
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
    entries: &[Option<Arc<feeds::Entry>>],
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

/// The config and lock files, resolved: no output is ever written over
/// them or removed as obsolete, whatever the names or the manifest say.
fn protected_files(config: &Config) -> [PathBuf; 2] {
    [
        site::config::resolve(&config.path),
        site::config::resolve(&config.lock_path()),
    ]
}

/// No feed may be written over another, nor over the config or lock file:
/// the site's file names may be set to anything plain, such as
/// `rss = "tags/x/rss.xml"`, which a tag's feed would then overwrite.
fn check_collisions(config: &Config, paths: &[PathBuf], report: &mut Report) {
    let protected = protected_files(config);
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
    // A file inside another's path (`html = "tags/t/rss.xml/index.html"`
    // with a tag `t`) could not be written: one would need a folder where
    // the other is a file.
    for path in paths {
        let inside = path
            .ancestors()
            .skip(1)
            .take_while(|folder| {
                folder.starts_with(&config.output_dir) && *folder != config.output_dir
            })
            .find(|folder| seen.contains(&folder.to_path_buf()));
        if let Some(outer) = inside {
            report.diagnostics.push(
                Diagnostic::error(
                    &config.path,
                    None,
                    format!(
                        "an output of this build would be written to {}, inside {}, another output of this build",
                        path.display(),
                        outer.display()
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
    let warnings = std::mem::take(&mut config.warnings);
    if options.all_items {
        config.limit = 0;
    }
    let discovered = discover::discover(&config.articles_dir, &config.exclude, &config.language)
        .map_err(|problem| UsageError(vec![problem]))?;
    let mut report = Report::new(command);
    report.source_roots = vec![
        config.articles_dir.clone(),
        config.path.clone(),
        config.lock_path(),
    ];
    report.diagnostics.extend(warnings);
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
        // Only archive pages need each file's digest.
        command != Command::Check && config.archive > 0,
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

/// Bodies are read back and rendered only for the items of the feeds one
/// subscribes to (every plan's); an archive page renders the rest of its
/// own when it is written, so that a large archive's entries are never
/// all held at once. By item position; `None` for an item left for later
/// (or whose body could not be read back, with the error).
fn render_items(
    items: &[catalog::Item],
    plans: &[FeedPlan],
    config: &Config,
    links: &catalog::Links,
    report: &mut Report,
) -> Vec<Option<Arc<feeds::Entry>>> {
    let mut wanted = vec![false; items.len()];
    for &index in plans.iter().flat_map(|plan| &plan.items) {
        if let Some(slot) = wanted.get_mut(index) {
            *slot = true;
        }
    }
    // In parallel: with per-tag and per-author feeds a build may render
    // thousands of items, each once. Collected in item order.
    let rendered: Vec<(Option<Arc<feeds::Entry>>, Vec<Diagnostic>)> = items
        .par_iter()
        .zip(&wanted)
        .map(|(item, wanted)| {
            if *wanted {
                render_item(item.clone(), config, links)
            } else {
                (None, Vec::new())
            }
        })
        .collect();
    let mut entries = Vec::with_capacity(rendered.len());
    for (entry, problems) in rendered {
        report.diagnostics.extend(problems);
        entries.push(entry);
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
