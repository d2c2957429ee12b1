//! The catalog: which records become feed items, with their permanent ids,
//! links and resolved related items, in a total order. It needs every
//! record at once (duplicates, links between articles), so it runs after
//! all parsing and before any content is rendered.

use crate::input::record::{Record, Reference};
use crate::report::diagnostic::Diagnostic;
use crate::site::config::{Config, PermalinkCase, PermalinkDates};
use crate::site::plan::{self, Facet, FeedPlan};
use chrono::{DateTime, Datelike, FixedOffset, Utc};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use unicode_normalization::UnicodeNormalization;
use url::Url;

#[derive(Debug, Clone, Copy, Default)]
pub struct Selection {
    pub include_drafts: bool,
    pub include_future: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RelatedLink {
    /// `None` for a reference that resolved to nothing: it is still listed,
    /// unlinked, so the reader sees what the author meant to point at.
    pub href: Option<String>,
    /// The target's title, or the reference's own text when unresolved.
    pub title: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Item {
    pub record: Record,
    pub link: Url,
    pub id: String,
    /// RSS `isPermaLink`: only an http(s) id is a link a reader may follow.
    pub id_is_permalink: bool,
    pub updated: DateTime<FixedOffset>,
    pub related: Vec<RelatedLink>,
}

#[derive(Debug, Default)]
pub struct Catalog {
    /// Newest first, then by id; at most `limit`.
    pub items: Vec<Item>,
    /// Records read, including drafts and future ones.
    pub record_count: usize,
    /// The published records that are not items, slim: kept (they were in
    /// memory anyway) so that a body's link to any page can be resolved.
    pub others: Vec<Box<Record>>,
    /// The feed documents to write, each naming its items in `items`.
    pub plans: Vec<crate::site::plan::FeedPlan>,
    /// Undated pages that name their own address (file, address).
    pub page_addresses: Vec<(std::path::PathBuf, String)>,
    /// With `archive`: every item of the site's feed, as item positions in
    /// pages of `archive` items, oldest page first, each page's items in
    /// feed order (newest first). The last page may be short or empty.
    pub archive: Vec<Vec<usize>>,
}

/// Links between pages written in bodies (Zola's `@/blog/post.md`, Hugo's
/// `{{< ref "post.md" >}}`), resolved to the target's permalink. The index
/// (a permalink per page) is built on first use: most sites never link
/// this way, and an archive's permalinks are the catalog's largest cost.
pub struct Links<'a> {
    config: &'a Config,
    items: Vec<(String, String, String)>,
    others: &'a [Box<Record>],
    page_addresses: &'a [(std::path::PathBuf, String)],
    /// (path below the articles folder, link, title) of every page.
    pages: std::sync::OnceLock<Vec<(String, String, String)>>,
    by_path: std::sync::OnceLock<HashMap<String, usize>>,
    /// File name → page, for Hugo's `ref "post.md"`; `None` when shared.
    by_name: std::sync::OnceLock<HashMap<String, Option<usize>>>,
}

impl<'a> Links<'a> {
    pub fn new(
        config: &'a Config,
        items: &[Item],
        others: &'a [Box<Record>],
        page_addresses: &'a [(std::path::PathBuf, String)],
    ) -> Self {
        Self {
            config,
            items: items
                .iter()
                .map(|item| {
                    (
                        relative_path(config, &item.record),
                        item.link.to_string(),
                        item.record.title.clone(),
                    )
                })
                .collect(),
            others,
            page_addresses,
            pages: std::sync::OnceLock::new(),
            by_path: std::sync::OnceLock::new(),
            by_name: std::sync::OnceLock::new(),
        }
    }

    /// Where the site is published, for links to pages outside it.
    pub fn base_url(&self) -> &Url {
        &self.config.base_url
    }

    fn pages(&self) -> &[(String, String, String)] {
        self.pages.get_or_init(|| {
            let mut pages = self.items.clone();
            pages.extend(self.others.iter().filter_map(|record| {
                let link = permalink(self.config, record).ok()?;
                Some((
                    relative_path(self.config, record),
                    link.to_string(),
                    record.title.clone(),
                ))
            }));
            // A page with no date has no title worth naming a link by:
            // only its address is known.
            pages.extend(self.page_addresses.iter().filter_map(|(path, address)| {
                let link = link_of_address(self.config, address).ok()?;
                Some((
                    path_below_articles(self.config, path),
                    link.to_string(),
                    String::new(),
                ))
            }));
            pages
        })
    }

    /// `resolve`, preferring the target's translation into `language`, as
    /// Hugo's `ref` looks a page up in the referring page's language:
    /// `post.md` or `post` → `post.fr.md`, a bundle `post` →
    /// `post/index.fr.md`; the page itself when it has no such translation.
    pub fn resolve_in(&self, reference: &str, language: Option<&str>) -> Option<(String, String)> {
        if let Some(language) = language {
            let (path, fragment) = match reference.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (reference, None),
            };
            let path = path.trim().trim_end_matches('/');
            let stem = path.strip_suffix(".md").unwrap_or(path);
            for candidate in [
                format!("{stem}.{language}.md"),
                format!("{stem}/index.{language}.md"),
            ] {
                let candidate = match fragment {
                    Some(fragment) => format!("{candidate}#{fragment}"),
                    None => candidate,
                };
                if let Some(found) = self.resolve(&candidate) {
                    return Some(found);
                }
            }
        }
        self.resolve(reference)
    }

    /// The link and title a reference names: a path below the articles
    /// folder (or below a parent of it, as Zola's `@/` paths start at
    /// `content/`), with or without `.md`, a bundle's folder, or a file
    /// name that only one page has. A `#fragment` is kept.
    pub fn resolve(&self, reference: &str) -> Option<(String, String)> {
        let (path, fragment) = match reference.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (reference, None),
        };
        let path = path.trim().trim_start_matches("@/").trim_matches('/');
        let by_path = self.by_path.get_or_init(|| {
            let mut index = HashMap::with_capacity(self.pages().len() * 2);
            for (position, (relative, _, _)) in self.pages().iter().enumerate() {
                index.insert(relative.clone(), position);
                for suffix in ["/index.md", "/index.markdown", ".md", ".markdown", ".txt"] {
                    if let Some(stem) = relative.strip_suffix(suffix) {
                        index.entry(stem.to_string()).or_insert(position);
                    }
                }
            }
            index
        });
        let mut found = None;
        let mut rest = path;
        // `blog/post.md` when the articles folder is `content/blog`.
        loop {
            if let Some(&position) = by_path.get(rest) {
                found = Some(position);
                break;
            }
            match rest.split_once('/') {
                Some((_, tail)) => rest = tail,
                None => break,
            }
        }
        if found.is_none() && !path.contains('/') {
            let by_name = self.by_name.get_or_init(|| {
                let mut index: HashMap<String, Option<usize>> = HashMap::new();
                for (position, (relative, _, _)) in self.pages().iter().enumerate() {
                    let name = relative.rsplit('/').next().unwrap_or(relative);
                    index
                        .entry(name.to_string())
                        .and_modify(|slot| *slot = None)
                        .or_insert(Some(position));
                }
                index
            });
            found = by_name.get(path).copied().flatten();
        }
        let (_, link, title) = &self.pages()[found?];
        let link = match fragment {
            Some(fragment) if !fragment.is_empty() => format!("{link}#{fragment}"),
            _ => link.clone(),
        };
        Some((link, title.clone()))
    }
}

/// The key two titles are compared by: case-folded, letters and digits
/// kept, every run of anything else one space — so quote style, dash style
/// and punctuation never decide whether a reference resolves.
pub fn title_key(title: &str) -> String {
    // ASCII needs neither normalisation nor full case folding.
    let folded = if title.is_ascii() {
        title.to_ascii_lowercase()
    } else {
        caseless::default_case_fold_str(&title.nfkc().collect::<String>())
    };
    let mut key = String::with_capacity(folded.len());
    let mut pending_space = false;
    for c in folded.chars() {
        if c.is_alphanumeric() || is_combining_mark(c) {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.push(c);
        } else {
            pending_space = true;
        }
    }
    key
}

/// Marks that belong to the letter before them (Arabic harakat, Devanagari
/// vowel signs) must not split a word.
fn is_combining_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0591..=0x05C7)
}

/// The language a translation's link starts with (`/fr/blog/post/`, as
/// Zola and Hugo publish it): its file name's, when that is not the
/// site's. Such a record is a copy of one in the site's own feed, so it
/// goes only in its language's feed.
pub fn link_language<'r>(config: &Config, record: &'r Record) -> Option<&'r str> {
    record.translated_into(&config.language)
}

pub fn permalink(config: &Config, record: &Record) -> Result<Url, String> {
    if let Some(url) = &record.url {
        return link_of_address(config, url);
    }
    permalink_by_pattern(config, record)
}

/// The link a record's own address (`url`, Zola's `path`, Jekyll's
/// `permalink`) gives it.
fn link_of_address(config: &Config, url: &str) -> Result<Url, String> {
    {
        // An explicit absolute `url` may point anywhere, but only over the
        // web.
        if let Ok(absolute) = Url::parse(url) {
            if !matches!(absolute.scheme(), "http" | "https") || absolute.host().is_none() {
                return Err(format!(
                    "`url` {:?} must be an absolute http(s) URL",
                    absolute.as_str()
                ));
            }
            return crate::util::feed_url(absolute).map_err(|why| format!("`url` {url:?}: {why}"));
        }
        // A path of the site (Zola's `path`, Jekyll's `permalink`): under
        // `base_url`, whatever its leading `/`, and it must stay there.
        let link = config
            .base_url
            .join(url.trim_start_matches('/'))
            .map_err(|error| format!("`url` {url:?}: {error}"))?;
        if !stays_under(&config.base_url, &link) {
            return Err(format!(
                "the link {:?} made from the path {url:?} leaves `base_url` {:?}",
                link.as_str(),
                config.base_url.as_str()
            ));
        }
        crate::util::feed_url(link).map_err(|why| format!("`url` {url:?}: {why}"))
    }
}

fn permalink_by_pattern(config: &Config, record: &Record) -> Result<Url, String> {
    // Most patterns name only the slug; the date is formatted only when
    // used. The slug goes in last, so that no slug is read as a pattern.
    let mut path = config.permalink.clone();
    if ["{year}", "{month}", "{day}", "{i_month}", "{i_day}"]
        .iter()
        .any(|placeholder| path.contains(placeholder))
    {
        let day = link_day(config, record);
        path = path
            .replace("{year}", &format!("{:04}", day.year()))
            .replace("{month}", &format!("{:02}", day.month()))
            .replace("{day}", &format!("{:02}", day.day()))
            .replace("{i_month}", &day.month().to_string())
            .replace("{i_day}", &day.day().to_string());
    }
    path = fill_segments(config, path, "{path}", &record.folder);
    path = fill_segments(config, path, "{categories}", &record.link_categories);
    if let Some(language) = link_language(config, record) {
        path = format!("{}/{path}", language.to_ascii_lowercase());
    }
    let slug = link_case(config, &record.slug);
    let slug: std::borrow::Cow<str> =
        percent_encoding::utf8_percent_encode(&slug, PATH_SEGMENT).into();
    let path = path.replace("{slug}", &slug);
    let link = config
        .base_url
        .join(&path)
        .map_err(|error| format!("cannot make a link from permalink {path:?}: {error}"))?;
    if stays_under(&config.base_url, &link) {
        Ok(link)
    } else {
        Err(format!(
            "the link {:?} made from `permalink` and the slug {:?} leaves `base_url` {:?}",
            link.as_str(),
            record.slug,
            config.base_url.as_str()
        ))
    }
}

/// `pattern` with `value`, a `/`-separated list of names (folders,
/// categories), put in for `placeholder`. An empty value leaves no doubled
/// `/`: "/{path}/{slug}/" at the top is "/{slug}/", as Jekyll's
/// `/:categories/:title/` is `/TITLE/` for a post with none.
fn fill_segments(config: &Config, pattern: String, placeholder: &str, value: &str) -> String {
    if !pattern.contains(placeholder) {
        pattern
    } else if value.is_empty() {
        pattern
            .replace(&format!("{placeholder}/"), "")
            .replace(&format!("/{placeholder}"), "")
            .replace(placeholder, "")
    } else {
        // Each name is one path segment: `?`, `#` or `%` in it must not
        // end the path or start an escape.
        let segments: Vec<String> = value
            .split('/')
            .map(|segment| {
                percent_encoding::utf8_percent_encode(&link_case(config, segment), PATH_SEGMENT)
                    .to_string()
            })
            .collect();
        pattern.replace(placeholder, &segments.join("/"))
    }
}

/// The calendar day a link's `{year}`, `{month}` and `{day}` name (see
/// `PermalinkDates`).
fn link_day(config: &Config, record: &Record) -> chrono::NaiveDate {
    match config.permalink_dates {
        PermalinkDates::Timezone => record.date.with_timezone(&config.timezone).date_naive(),
        PermalinkDates::OwnOffset => record.date.date_naive(),
    }
}

/// A slug or folder as the link shows it (see `PermalinkCase`): lower-cased
/// before it is percent-encoded, as Hugo does, so that an escape's hex
/// digits stay upper-case.
fn link_case<'t>(config: &Config, text: &'t str) -> std::borrow::Cow<'t, str> {
    match config.permalink_case {
        PermalinkCase::Keep => std::borrow::Cow::Borrowed(text),
        PermalinkCase::Lower => std::borrow::Cow::Owned(text.to_lowercase()),
    }
}

/// The text of `permalink(config, record)`, made without parsing a URL in
/// the common case, since every record of an archive needs one: a pattern
/// link whose every character is one the URL parser keeps as it is and that
/// has no `.` or `..` segment is `base_url` followed by that path, so it
/// stays under `base_url` by construction. Anything else takes the full
/// path through `permalink`, with its `stays_under` check.
fn permalink_text(config: &Config, record: &Record) -> Result<String, String> {
    let base = &config.base_url;
    if record.url.is_none()
        && base.query().is_none()
        && base.fragment().is_none()
        && base.path().ends_with('/')
        && let Some(path) = plain_pattern_path(config, record)
    {
        let mut link = String::with_capacity(base.as_str().len() + path.len());
        link.push_str(base.as_str());
        link.push_str(&path);
        return Ok(link);
    }
    permalink(config, record).map(String::from)
}

/// The pattern with its placeholders filled in, in one pass, when the
/// result is a plain relative path: only ASCII letters, digits, `-`, `_`,
/// `.`, `~` and `/`, not starting with `/`, no empty, `.` or `..` segment.
/// `None` sends the record the slow way, which handles every other case.
fn plain_pattern_path(config: &Config, record: &Record) -> Option<String> {
    use std::fmt::Write as _;
    let mut path = String::with_capacity(config.permalink.len() + record.slug.len() + 16);
    if let Some(language) = link_language(config, record) {
        path.extend(language.chars().map(|c| c.to_ascii_lowercase()));
        path.push('/');
    }
    let mut local = None;
    let mut rest = config.permalink.as_str();
    while let Some(start) = rest.find('{') {
        path.push_str(&rest[..start]);
        let end = start + rest[start..].find('}')?;
        let mut date = || *local.get_or_insert_with(|| link_day(config, record));
        match &rest[start..=end] {
            "{slug}" => path.push_str(&link_case(config, &record.slug)),
            // An empty folder drops a `/` too; the slow way handles that.
            "{path}" if !record.folder.is_empty() => {
                path.push_str(&link_case(config, &record.folder));
            }
            "{categories}" if !record.link_categories.is_empty() => {
                path.push_str(&link_case(config, &record.link_categories));
            }
            "{year}" => write!(path, "{:04}", date().year()).ok()?,
            "{month}" => write!(path, "{:02}", date().month()).ok()?,
            "{day}" => write!(path, "{:02}", date().day()).ok()?,
            "{i_month}" => write!(path, "{}", date().month()).ok()?,
            "{i_day}" => write!(path, "{}", date().day()).ok()?,
            _ => return None,
        }
        rest = &rest[end + 1..];
    }
    path.push_str(rest);
    let plain = path.bytes().all(|byte| {
        byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~' | b'/')
    });
    let plain = plain
        && !path.starts_with('/')
        && !path.contains("//")
        && !path
            .split('/')
            .any(|segment| segment == "." || segment == "..");
    plain.then_some(path)
}

/// What a folder name or slug must not carry raw into a URL path segment
/// (kept in `util`, which the config shares).
pub(crate) const PATH_SEGMENT: &percent_encoding::AsciiSet = crate::util::PATH_SEGMENT;

/// Does `link` lie under `base` — same scheme, host and port, and below its
/// path once percent-escapes are decoded and `\` is read as `/` (as some
/// servers and browsers do), with no `.` or `..` segment left to climb?
pub fn stays_under(base: &Url, link: &Url) -> bool {
    let decoded = |path: &str| {
        percent_encoding::percent_decode_str(path)
            .decode_utf8_lossy()
            .replace('\\', "/")
    };
    if link.scheme() != base.scheme()
        || link.host() != base.host()
        || link.port_or_known_default() != base.port_or_known_default()
        || !link.username().is_empty()
        || link.password().is_some()
    {
        return false;
    }
    let base_path = decoded(base.path());
    let path = decoded(link.path());
    path.strip_prefix(base_path.as_str())
        .is_some_and(|rest| rest.split('/').all(segment_stays_put))
}

/// A decoded path segment that no server could read as a step up or
/// sideways, even one that decodes percent-escapes again (`%252e%252e`):
/// each further decoding is checked too, a bounded number of times. A
/// plain `%` (a folder named `100%`) is only a character.
fn segment_stays_put(segment: &str) -> bool {
    const ROUNDS: usize = 3;
    let mut text = std::borrow::Cow::Borrowed(segment);
    for _ in 0..=ROUNDS {
        if text == "." || text == ".." || text.contains(['/', '\\']) {
            return false;
        }
        let next = percent_encoding::percent_decode_str(&text)
            .decode_utf8_lossy()
            .into_owned();
        if next == text {
            return true;
        }
        text = std::borrow::Cow::Owned(next);
    }
    false
}

fn is_absolute_web_url(text: &str) -> Option<Url> {
    // Most references are slugs; a prefix test spares them a URL parse.
    let lower = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    Url::parse(text)
        .ok()
        .filter(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// Builds the catalog. Diagnostics are returned beside it: errors mean no
/// feed may be written. Every record is checked (links, duplicates,
/// references), but items are built only for the records the feeds show.
pub fn build(
    records: Vec<Box<Record>>,
    config: &Config,
    now: DateTime<Utc>,
    selection: Selection,
) -> (Catalog, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let record_count = records.len();

    // Links are worked out here for every record (ids default to them),
    // but kept only as "has one": the few that are needed are made again,
    // which costs less than holding a URL per record of a large archive.
    // The rare problem is boxed so that this per-record list stays small.
    let checked: Vec<(bool, String, Option<Box<Diagnostic>>)> = records
        .par_iter()
        .map(|record| match permalink_text(config, record) {
            Ok(link) => (true, record.id.clone().unwrap_or(link), None),
            Err(message) => (
                false,
                record.id.clone().unwrap_or_default(),
                Some(Box::new(Diagnostic::error(
                    &record.path,
                    Some(if record.url.is_some() {
                        record.url_line
                    } else {
                        record.slug_line
                    }),
                    message,
                ))),
            ),
        })
        .collect();
    let mut linkable = Vec::with_capacity(records.len());
    let mut ids = Vec::with_capacity(records.len());
    for (has_link, id, problem) in checked {
        linkable.push(has_link);
        ids.push(id);
        problems.extend(problem.map(|problem| *problem));
    }

    report_same_links(&records, config, &mut problems);
    let id_keys: Vec<&str> = ids.iter().map(String::as_str).collect();
    // Default ids are links: two records with one link are reported above
    // (as records sharing a slug), once is enough.
    report_duplicates(
        &records,
        &id_keys,
        "id",
        |r| r.id_line,
        |record, earlier| {
            record.id.is_none() && earlier.id.is_none() && record.slug == earlier.slug
        },
        &mut problems,
    );

    let visible: Vec<bool> = records
        .iter()
        .map(|record| {
            (!record.draft || selection.include_drafts)
                && (record.date <= now || selection.include_future)
        })
        .collect();
    let eligible: Vec<bool> = visible
        .iter()
        .zip(&linkable)
        .map(|(visible, linkable)| *visible && *linkable)
        .collect();
    let (site_all, groups) = choose(config, &records, &ids, &eligible, &mut problems);
    // Archive pages hold every item of the site's feed, which shows the
    // newest `limit` of them.
    let site_selected = if config.archive > 0 && config.limit > 0 {
        &site_all[..site_all.len().min(config.limit)]
    } else {
        &site_all[..]
    };
    let selected = every_selected(&records, &ids, &site_all, &groups);

    let related_of = resolve_related(&records, config, &visible, &selected, &mut problems);

    // Move the selected records out without cloning them.
    let mut slots: Vec<Option<Box<Record>>> = records.into_iter().map(Some).collect();
    let (items, position) = take_items(config, &mut slots, &mut ids, selected, related_of);
    let plans = plans(config, &position, site_selected, groups);
    let archive = archive_pages(config.archive, &position, &site_all);
    let others = slots
        .into_iter()
        .zip(visible.iter().zip(&linkable))
        .filter_map(|(slot, (visible, linkable))| slot.filter(|_| *visible && *linkable))
        .collect();
    (
        Catalog {
            items,
            record_count,
            others,
            plans,
            page_addresses: Vec::new(),
            archive,
        },
        problems,
    )
}

/// The site's items (record indices, newest first) cut into archive pages
/// of `per_page` items from the oldest, so that a page once full keeps
/// its items whatever newer ones arrive. When the newest page is full an
/// empty one follows, since every full page links to the next.
fn archive_pages(
    per_page: usize,
    position: &HashMap<usize, usize>,
    site: &[usize],
) -> Vec<Vec<usize>> {
    if per_page == 0 {
        return Vec::new();
    }
    let oldest_first: Vec<usize> = site
        .iter()
        .rev()
        .filter_map(|index| position.get(index).copied())
        .collect();
    let mut pages: Vec<Vec<usize>> = oldest_first
        .chunks(per_page)
        .map(|page| page.iter().rev().copied().collect())
        .collect();
    if pages.last().is_none_or(|page| page.len() == per_page) {
        pages.push(Vec::new());
    }
    pages
}

/// Every record's `related` references checked, in parallel (with archive
/// pages every published record's links are made); the links of the
/// records some feed shows, by record index. Problems are gathered in
/// record order, as one loop would; the rest of a large archive keeps
/// nothing.
fn resolve_related(
    records: &[Box<Record>],
    config: &Config,
    visible: &[bool],
    selected: &[usize],
    problems: &mut Vec<Diagnostic>,
) -> HashMap<usize, Vec<RelatedLink>> {
    let resolver = Resolver::new(records, config, visible);
    let mut related_of: HashMap<usize, Vec<RelatedLink>> = HashMap::with_capacity(selected.len());
    let is_selected: HashSet<usize> = selected.iter().copied().collect();
    let per_record: Vec<(usize, Vec<RelatedLink>, Vec<Diagnostic>)> = (0..records.len())
        .into_par_iter()
        .filter_map(|index| {
            let mut found = Vec::new();
            let selected = is_selected.contains(&index);
            let related = resolver.resolve(index, selected, &mut found);
            (selected || !found.is_empty()).then(|| {
                let related = if selected { related } else { Vec::new() };
                (index, related, found)
            })
        })
        .collect();
    for (index, related, found) in per_record {
        problems.extend(found);
        if is_selected.contains(&index) {
            related_of.insert(index, related);
        }
    }
    related_of
}

/// The records each feed shows, as record indices: the site's own, and
/// one group per tag, author or section value that `[feeds]` asks for.
fn choose(
    config: &Config,
    records: &[Box<Record>],
    ids: &[String],
    eligible: &[bool],
    problems: &mut Vec<Diagnostic>,
) -> (Vec<usize>, Vec<plan::Group>) {
    let (originals, translations): (Vec<usize>, Vec<usize>) = (0..records.len())
        .filter(|&index| eligible[index])
        .partition(|&index| link_language(config, &records[index]).is_none());
    if !config.feeds.languages {
        problems.extend(unpublished_translations(config, records, &translations));
    }
    let site = select(
        records,
        ids,
        originals,
        if config.archive > 0 { 0 } else { config.limit },
    );
    // Tag, author and section feeds are in the site's language, like its
    // own feed: a translation is only in its language's feed.
    let eligible_originals = (!translations.is_empty()).then(|| {
        let mut mask = eligible.to_vec();
        for &index in &translations {
            mask[index] = false;
        }
        mask
    });
    let mut groups = Vec::new();
    for facet in Facet::chosen(config) {
        let chosen_from = match &eligible_originals {
            Some(mask) if facet != Facet::Language => mask,
            _ => eligible,
        };
        let (found, facet_problems) = plan::groups(config, facet, records, chosen_from);
        problems.extend(facet_problems);
        groups.extend(found);
    }
    for group in &mut groups {
        let members = std::mem::take(&mut group.records);
        group.records = select(records, ids, members, config.limit);
    }
    (site, groups)
}

/// One warning for the build when translations have no feed to go to:
/// the site's feed holds the site's language only (each translation is a
/// copy of an item already in it), and language feeds are off.
fn unpublished_translations(
    config: &Config,
    records: &[Box<Record>],
    translations: &[usize],
) -> Option<Diagnostic> {
    // A site with hundreds of languages gets a line, not a page.
    const NAMED: usize = 10;
    if translations.is_empty() {
        return None;
    }
    let mut languages: std::collections::BTreeMap<String, usize> =
        std::collections::BTreeMap::new();
    for &index in translations {
        if let Some(language) = link_language(config, &records[index]) {
            *languages.entry(language.to_ascii_lowercase()).or_default() += 1;
        }
    }
    let mut counts: Vec<String> = languages
        .iter()
        .take(NAMED)
        .map(|(language, count)| format!("{language}: {count}"))
        .collect();
    if languages.len() > NAMED {
        counts.push(format!("and {} more languages", languages.len() - NAMED));
    }
    let example = languages.keys().next().map_or("fr", String::as_str);
    let count = translations.len();
    // The switch it names is in feed.toml; no one translation is at fault.
    Some(
        Diagnostic::warning(
            &config.path,
            None,
            format!(
                "{count} translation{} ({}) {} in no feed: the site's own feed holds its language ({}) only",
                if count == 1 { "" } else { "s" },
                counts.join(", "),
                if count == 1 { "is" } else { "are" },
                config.language
            ),
        )
        .with_hint(format!("set `languages = true` under `[feeds]` in feed.toml: each language then has its feed (languages/{example}/ …); or leave them out with `exclude = [\"*.{example}.md\"]`")),
    )
}

/// The selected records moved out of their slots into items, in feed
/// order, with each record index's item position.
fn take_items(
    config: &Config,
    slots: &mut [Option<Box<Record>>],
    ids: &mut [String],
    selected: Vec<usize>,
    mut related_of: HashMap<usize, Vec<RelatedLink>>,
) -> (Vec<Item>, HashMap<usize, usize>) {
    let mut position = HashMap::with_capacity(selected.len());
    let mut items: Vec<Item> = Vec::with_capacity(selected.len());
    // Links are parsed in parallel first: with archive pages every
    // published record is an item.
    let links: Vec<Option<(Url, bool)>> = {
        let (slots, ids): (&[Option<Box<Record>>], &[String]) = (slots, ids);
        selected
            .par_iter()
            .map(|&index| {
                let link = permalink(config, slots.get(index)?.as_deref()?).ok()?;
                let id_is_permalink = is_absolute_web_url(ids.get(index)?).is_some();
                Some((link, id_is_permalink))
            })
            .collect()
    };
    for (index, link) in selected.into_iter().zip(links) {
        let Some(record) = slots[index].take() else {
            continue;
        };
        let Some((link, id_is_permalink)) = link else {
            continue;
        };
        let id = std::mem::take(&mut ids[index]);
        position.insert(index, items.len());
        items.push(Item {
            updated: record.updated.unwrap_or(record.date),
            link,
            id_is_permalink,
            id,
            related: related_of.remove(&index).unwrap_or_default(),
            record: *record,
        });
    }
    (items, position)
}

/// The feed plans, their records turned into item positions.
fn plans(
    config: &Config,
    position: &HashMap<usize, usize>,
    site: &[usize],
    groups: Vec<plan::Group>,
) -> Vec<FeedPlan> {
    let positions = |indices: &[usize]| -> Vec<usize> {
        indices
            .iter()
            .filter_map(|index| position.get(index).copied())
            .collect()
    };
    let mut plans = vec![FeedPlan {
        items: positions(site),
        ..plan::site(config)
    }];
    plans.extend(groups.into_iter().map(|group| FeedPlan {
        items: positions(&group.records),
        ..group.plan
    }));
    plans
}

/// The order of every feed: newest first, records with the same instant
/// in ascending order of id, so that the order is total.
fn newest_first<'a>(
    records: &'a [Box<Record>],
    ids: &'a [String],
) -> impl Fn(&usize, &usize) -> std::cmp::Ordering + 'a {
    |a: &usize, b: &usize| {
        records[*b]
            .date
            .cmp(&records[*a].date)
            .then_with(|| ids[*a].cmp(&ids[*b]))
    }
}

/// The newest `limit` of the candidate records (indices of visible,
/// linkable records), in feed order, found without sorting them all.
fn select(
    records: &[Box<Record>],
    ids: &[String],
    mut chosen: Vec<usize>,
    limit: usize,
) -> Vec<usize> {
    let order = newest_first(records, ids);
    if limit > 0 && chosen.len() > limit {
        chosen.select_nth_unstable_by(limit - 1, &order);
        chosen.truncate(limit);
    }
    chosen.sort_unstable_by(&order);
    chosen
}

/// Every record some feed shows, each once, in feed order: these become
/// the items, rendered once however many feeds hold them.
fn every_selected(
    records: &[Box<Record>],
    ids: &[String],
    site: &[usize],
    groups: &[plan::Group],
) -> Vec<usize> {
    if groups.is_empty() {
        return site.to_vec();
    }
    let mut all: Vec<usize> = site
        .iter()
        .chain(groups.iter().flat_map(|group| &group.records))
        .copied()
        .collect();
    all.sort_unstable_by(newest_first(records, ids));
    all.dedup();
    all
}

/// What a reference resolved to.
enum Target {
    Url(Url),
    Record(usize),
    /// Still listed, unlinked, in the item's "Related" list.
    Unresolved,
}

/// Resolves `related` references against every record of the site.
struct Resolver<'a> {
    records: &'a [Box<Record>],
    config: &'a Config,
    visible: &'a [bool],
    /// Several records may share a slug in different folders; a
    /// reference to such a slug is ambiguous.
    by_slug: HashMap<&'a str, Vec<usize>>,
    /// Built on first use: most references name slugs, and folding every
    /// title of a large archive is the catalog's biggest cost.
    by_title: std::sync::OnceLock<HashMap<String, Vec<usize>>>,
    /// Each record's file below the articles folder, for Zola's `@/`
    /// references; built only when one is used.
    by_path: std::sync::OnceLock<HashMap<String, usize>>,
}

impl<'a> Resolver<'a> {
    fn new(records: &'a [Box<Record>], config: &'a Config, visible: &'a [bool]) -> Self {
        let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::with_capacity(records.len());
        for (index, record) in records.iter().enumerate() {
            by_slug.entry(record.slug.as_str()).or_default().push(index);
        }
        Self {
            records,
            config,
            visible,
            by_slug,
            by_title: std::sync::OnceLock::new(),
            by_path: std::sync::OnceLock::new(),
        }
    }

    fn paths(&self) -> &HashMap<String, usize> {
        self.by_path.get_or_init(|| {
            self.records
                .iter()
                .enumerate()
                .map(|(index, record)| (relative_path(self.config, record), index))
                .collect()
        })
    }

    /// Of several records sharing a slug or title, the ones meant: never
    /// the referring record itself (a translation naming its original's
    /// slug, which is its own too, means the original), then those in the
    /// referring record's language, else those in the site's.
    fn meant(&self, index: usize, several: &[usize]) -> Vec<usize> {
        let record = &self.records[index];
        let others: Vec<usize> = several.iter().copied().filter(|&i| i != index).collect();
        let site = &self.config.language;
        let same_language: Vec<usize> = others
            .iter()
            .copied()
            .filter(|&i| self.records[i].translated_into(site) == record.translated_into(site))
            .collect();
        if !same_language.is_empty() {
            return same_language;
        }
        let originals: Vec<usize> = others
            .iter()
            .copied()
            .filter(|&i| self.records[i].translated_into(site).is_none())
            .collect();
        if originals.is_empty() {
            others
        } else {
            originals
        }
    }

    fn titles(&self) -> &HashMap<String, Vec<usize>> {
        self.by_title.get_or_init(|| {
            let mut by_title: HashMap<String, Vec<usize>> = HashMap::new();
            for (index, record) in self.records.iter().enumerate() {
                by_title
                    .entry(title_key(&record.title))
                    .or_default()
                    .push(index);
            }
            by_title
        })
    }
    /// Checks every reference of a record, reporting what is wrong; the
    /// links themselves are made only when `linked` (for the records the
    /// feeds show), since a permalink per reference of a whole archive is
    /// the catalog's largest cost.
    fn resolve(
        &self,
        index: usize,
        linked: bool,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<RelatedLink> {
        let record = &self.records[index];
        let mut related: Vec<RelatedLink> = Vec::new();
        let mut seen = HashSet::new();
        for reference in &record.related {
            let Some(target) = self.resolve_one(index, reference, problems) else {
                continue;
            };
            if !linked {
                continue;
            }
            let link = match target {
                Target::Url(url) => RelatedLink {
                    href: Some(url.to_string()),
                    title: None,
                },
                Target::Unresolved => RelatedLink {
                    href: None,
                    title: Some(reference.text.clone()),
                },
                Target::Record(target) => {
                    let Ok(link) = permalink(self.config, &self.records[target]) else {
                        continue;
                    };
                    RelatedLink {
                        href: Some(link.to_string()),
                        title: Some(self.records[target].title.clone()),
                    }
                }
            };
            let key = link
                .href
                .clone()
                .or_else(|| link.title.as_deref().map(title_key));
            if seen.insert(key) {
                related.push(link);
            }
        }
        related
    }

    /// Zola's `@/blog/post.md`, as in bodies: that file's record.
    fn resolve_zola_path(
        &self,
        index: usize,
        reference: &Reference,
        path: &str,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let path = path.split_once('#').map_or(path, |(path, _)| path);
        match self.paths().get(path) {
            Some(&target) if target != index && self.visible[target] => {
                Some(Target::Record(target))
            }
            Some(_) => None,
            None => {
                problems.push(Diagnostic::warning(
                    &self.records[index].path,
                    Some(reference.line),
                    format!(
                        "related reference {:?} names no record file below the articles folder",
                        reference.text
                    ),
                ));
                None
            }
        }
    }

    fn resolve_one(
        &self,
        index: usize,
        reference: &Reference,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let record = &self.records[index];
        if let Some(url) = is_absolute_web_url(&reference.text) {
            // Held to the rules of every URL a feed carries (`[`, `^` …
            // escaped), as a record's own `url` is.
            return match crate::util::feed_url(url) {
                Ok(url) => Some(Target::Url(url)),
                Err(message) => {
                    problems.push(Diagnostic::error(
                        &record.path,
                        Some(reference.line),
                        format!("`related`: {:?}: {message}", reference.text),
                    ));
                    None
                }
            };
        }
        let mut report = |severity_is_error: bool, message: String| {
            let make = if severity_is_error {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            problems.push(make(&record.path, Some(reference.line), message));
        };
        if let Some(path) = reference.text.strip_prefix("@/") {
            return self.resolve_zola_path(index, reference, path, problems);
        }
        let by_slug = self.by_slug.get(reference.text.as_str()).map(Vec::as_slice);
        let by_title = || {
            self.titles()
                .get(&title_key(&reference.text))
                .map(Vec::as_slice)
        };
        let (candidates, what) = match by_slug {
            Some(found) => (Some(found), "slug"),
            None => (by_title(), "title"),
        };
        // A page and its translations share a slug (and may share a
        // title): the one in the referring record's language is meant.
        let meant: Vec<usize>;
        let candidates = match candidates {
            Some(several) if several.len() > 1 => {
                meant = self.meant(index, several);
                Some(meant.as_slice())
            }
            other => other,
        };
        let target = match candidates {
            Some([target]) => *target,
            Some(several) => {
                // A few names and a count: naming every record that shares
                // a title, in the message of every record that refers to
                // it, grows with the square of the site.
                const NAMED: usize = 3;
                let mut files: Vec<String> = several
                    .iter()
                    .take(NAMED)
                    .map(|&i| self.records[i].path.display().to_string())
                    .collect();
                if several.len() > NAMED {
                    files.push(format!("{} more", several.len() - NAMED));
                }
                let advice = if what == "slug" {
                    "refer to one by its title or its URL"
                } else {
                    "refer to one by its slug"
                };
                report(
                    true,
                    format!(
                        "related reference {:?} is ambiguous: records {} share that {what}; {advice}",
                        reference.text,
                        files.join(" and ")
                    ),
                );
                return None;
            }
            None => {
                report(
                    false,
                    format!(
                        "related reference {:?} matches no record's slug or title",
                        reference.text
                    ),
                );
                return Some(Target::Unresolved);
            }
        };
        if target == index {
            report(
                false,
                format!(
                    "related reference {:?} names this record itself",
                    reference.text
                ),
            );
            return None;
        }
        // A draft or future target is linked once it is published; until
        // then it is left out without a word.
        if !self.visible[target] {
            return None;
        }
        Some(Target::Record(target))
    }
}

/// The record's file below the articles folder, `/`-separated.
fn relative_path(config: &Config, record: &Record) -> String {
    path_below_articles(config, &record.path)
}

/// A file's path below the articles folder, `/`-separated.
fn path_below_articles(config: &Config, path: &std::path::Path) -> String {
    path.strip_prefix(&config.articles_dir)
        .unwrap_or(path)
        .iter()
        .map(|part| part.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Records may share a slug in different folders (`blog/python.md`,
/// `docs/python.md`); it is an error only when their links would be the
/// same. Links are made only for records whose slug is shared, which is
/// rare, rather than held for every record of an archive.
fn report_same_links(records: &[Box<Record>], config: &Config, problems: &mut Vec<Diagnostic>) {
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::new();
    for (index, record) in records.iter().enumerate() {
        by_slug.entry(record.slug.as_str()).or_default().push(index);
    }
    let mut shared: Vec<&Vec<usize>> = by_slug.values().filter(|group| group.len() > 1).collect();
    shared.sort_unstable();
    for group in shared {
        let mut first: HashMap<String, usize> = HashMap::new();
        for &index in group {
            let Ok(link) = permalink(config, &records[index]) else {
                continue;
            };
            match first.get(link.as_str()) {
                Some(&earlier) => {
                    let (record, other) = (&records[index], &records[earlier]);
                    if let Some((message, hint)) = same_page_clash(config, record, other, &link) {
                        problems.push(
                            Diagnostic::error(&record.path, Some(record.slug_line), message)
                                .with_hint(hint),
                        );
                        continue;
                    }
                    let mut problem = Diagnostic::error(
                        &record.path,
                        Some(record.slug_line),
                        format!(
                            "duplicate slug {:?}: {} has it too, and both would be published at {link}",
                            record.slug,
                            other.path.display()
                        ),
                    );
                    if record.folder != other.folder && !config.permalink.contains("{path}") {
                        problem = problem.with_hint(
                            "they are in different folders: put {path} in `permalink`, such as permalink = \"/{path}/{slug}/\", to give each its folder's link",
                        );
                    } else {
                        problem = problem.with_hint("give one of them another `slug`");
                    }
                    problems.push(problem);
                }
                None => {
                    first.insert(link.to_string(), index);
                }
            }
        }
    }
}

/// Why two records with one slug would be published at one link when
/// they are versions of one page: two into one language (`post.fr.md` and
/// `post/index.fr.md`; `post.md` and `post.en.md` on an `en` site), or a
/// translation given its original's `url`. `None` for two unrelated pages,
/// whose fix is another slug.
fn same_page_clash(
    config: &Config,
    record: &Record,
    other: &Record,
    link: &Url,
) -> Option<(String, String)> {
    if record.translation().is_none() && other.translation().is_none() {
        return None;
    }
    let (a, b) = (record.path.display(), other.path.display());
    let slug = &record.slug;
    match (
        record.translated_into(&config.language),
        other.translated_into(&config.language),
    ) {
        (None, None) => Some((
            format!(
                "{a} and {b} are the same page {slug:?} in the same language, the site's ({}): a file named for the site's language is its version of the page, and both would be published at {link}",
                config.language
            ),
            "keep one of them: delete the other, or leave it out with `exclude`".into(),
        )),
        (Some(mine), Some(theirs))
            if crate::util::primary_language(mine) == crate::util::primary_language(theirs) =>
        {
            Some((
                format!(
                    "{a} and {b} are two {mine:?} translations of the page {slug:?}, and both would be published at {link}"
                ),
                "keep one of them: delete the other, or leave it out with `exclude`".into(),
            ))
        }
        (Some(language), None) | (None, Some(language)) => {
            let (translation, original) = if record.translated_into(&config.language).is_some() {
                (record, other)
            } else {
                (other, record)
            };
            let (t, o) = (translation.path.display(), original.path.display());
            let hint = if translation.url.is_some() {
                format!(
                    "a translation needs a `url` of its own, or none (it is then published at its original's link under /{language}/): change or remove `url` in {t}"
                )
            } else {
                format!("give {o} or {t} a `url` of its own")
            };
            Some((
                format!(
                    "{t} is the {language:?} translation of {o}, but both would be published at {link}"
                ),
                hint,
            ))
        }
        (Some(_), Some(_)) => None,
    }
}

/// One error per record whose `keys` value an earlier record already has
/// (empty values aside), naming both files; `already_reported` skips a pair
/// that another check has reported.
fn report_duplicates(
    records: &[Box<Record>],
    keys: &[&str],
    what: &str,
    line: impl Fn(&Record) -> usize,
    already_reported: impl Fn(&Record, &Record) -> bool,
    problems: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(keys.len());
    for (index, key) in keys.iter().enumerate() {
        if key.is_empty() {
            continue;
        }
        match first.get(key) {
            Some(&earlier) if already_reported(&records[index], &records[earlier]) => {}
            Some(&earlier) => {
                let (record, other) = (&records[index], &records[earlier]);
                let mut problem = Diagnostic::error(
                    &record.path,
                    Some(line(record)),
                    format!(
                        "duplicate {what} {key:?}: {} has it too",
                        other.path.display()
                    ),
                );
                // A translation made by copying its original's file keeps
                // the original's `id`.
                if record.slug == other.slug
                    && record.folder == other.folder
                    && let Some(translation) = [record, other]
                        .into_iter()
                        .find(|r| r.translation().is_some())
                {
                    problem = problem.with_hint(format!(
                        "a page and its translation need an {what} each: remove `{what}` from {} (it then has its own link's)",
                        translation.path.display()
                    ));
                }
                problems.push(problem);
            }
            None => {
                first.insert(key, index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::record::Facets;

    #[test]
    fn title_keys_ignore_case_punctuation_quotes_and_dashes() {
        assert_eq!(
            title_key("‘Coalition of Willing’ to Hold Talks – As It Happened"),
            title_key("'coalition of willing' to hold talks - as it happened")
        );
        assert_eq!(
            title_key("  Oman FM:  Iran-US   Talks! "),
            "oman fm iran us talks"
        );
        assert_eq!(title_key("STRASSE"), title_key("Straße"));
        assert_eq!(title_key("Ｆｕｌｌ width"), "full width");
        assert_eq!(title_key("مرحبا بالعالم"), "مرحبا بالعالم");
        assert_ne!(title_key("Talks resume"), title_key("Talks resumed"));
    }

    /// The quick way to a record's link gives exactly the text of the
    /// full way, whatever the pattern, folder and slug; where it cannot,
    /// it leaves the record to the full way (and its errors).
    /// A record dated 2019-12-31T23:30:00-01:00: 00:30 on New Year's Day
    /// in Lisbon (UTC+0 in winter), the day before in its own offset.
    fn record_at(slug: &str, folder: &str) -> Record {
        Record {
            path: "a.md".into(),
            slug: slug.into(),
            slug_line: 1,
            title: "T".into(),
            date: DateTime::parse_from_rfc3339("2019-12-31T23:30:00-01:00").unwrap(),
            updated: None,
            id: None,
            id_line: 1,
            url: None,
            url_line: 1,
            related: Vec::new(),
            draft: false,
            folder: folder.into(),
            link_categories: Box::default(),
            details: None,
            facets: None,
            stamp: None,
        }
    }

    #[test]
    fn permalink_text_is_the_permalink() {
        let patterns = [
            "/{year}/{month}/{slug}/",
            "/{slug}",
            "/{path}/{slug}/",
            "/posts/{year}/{month}/{day}/{slug}.html",
            "/{path}{slug}/",
            "/a b/{slug}/",
            "/ü/{slug}/",
            "/Blog/{year}/{month}/{day}/{slug}/",
            "/{categories}/{year}/{i_month}/{i_day}/{slug}.html",
        ];
        let slugs = [
            "talks", "a.b", "é-story", "a%2e", "{year}", "x~y_z", "...", "EOY-Ü",
        ];
        let folders = ["", "2019/05", "a b", "blog/é", "x.y", "Travel/KYOTO"];
        let mut quick = 0;
        // Hugo's links too: the quick way must lower-case and take the
        // date's own day exactly as the full way does.
        let hugo = "permalink_case = \"lower\"\npermalink_dates = \"own-offset\"\n";
        for (base, links) in ["https://example.com/", "https://example.com/news"]
            .into_iter()
            .flat_map(|base| [(base, ""), (base, hugo)])
        {
            for pattern in patterns {
                let text = format!(
                    "title = \"T\"\ndescription = \"D\"\nlanguage = \"en\"\nbase_url = \"{base}\"\ntimezone = \"Europe/Lisbon\"\npermalink = \"{pattern}\"\n{links}[author]\nname = \"D\"\n"
                );
                let config = Config::parse(std::path::Path::new("feed.toml"), &text).unwrap();
                for (slug, folder, translation) in slugs.iter().flat_map(|slug| {
                    folders.iter().flat_map(move |folder| {
                        // `en` is the site's: no prefix; `pt-BR` goes in
                        // lower case.
                        [None, Some("fr"), Some("pt-BR"), Some("en")]
                            .map(move |translation| (*slug, *folder, translation))
                    })
                }) {
                    {
                        let mut record = record_at(slug, folder);
                        // Categories are `/`-separated names as folders are.
                        record.link_categories = folder.into();
                        record.facets = translation.map(|language| {
                            Box::new(Facets {
                                translation: Some(language.into()),
                                ..Facets::default()
                            })
                        });
                        quick += usize::from(plain_pattern_path(&config, &record).is_some());
                        assert_eq!(
                            permalink_text(&config, &record),
                            permalink(&config, &record).map(String::from),
                            "{base} {links} {pattern} {folder:?} {slug:?} {translation:?}"
                        );
                        // A translation's link starts with its language.
                        if let (Some(language), Ok(link)) = (
                            translation.filter(|l| *l != "en"),
                            permalink(&config, &record),
                        ) {
                            let prefix = format!("/{}/", language.to_ascii_lowercase());
                            assert!(link.path().contains(&prefix), "{link}");
                        }
                    }
                }
            }
        }
        // The common cases do take the quick way.
        assert!(quick > 100, "{quick}");
    }

    #[test]
    fn hugo_links_take_the_dates_own_day_and_lower_case() {
        let link_by = |pattern: &str, lines: &str| {
            let text = format!(
                "title = \"T\"\ndescription = \"D\"\nlanguage = \"en\"\nbase_url = \"https://example.com/\"\ntimezone = \"Europe/Lisbon\"\npermalink = \"{pattern}\"\n{lines}[author]\nname = \"D\"\n"
            );
            let config = Config::parse(std::path::Path::new("feed.toml"), &text).unwrap();
            let record = record_at("EOY-Ünïon", "Travel/Kyoto");
            permalink(&config, &record).unwrap().to_string()
        };
        let link = |lines: &str| link_by("/News/{path}/{year}/{month}/{day}/{slug}/", lines);
        assert_eq!(
            link(""),
            "https://example.com/News/Travel/Kyoto/2020/01/01/EOY-%C3%9Cn%C3%AFon/"
        );
        assert_eq!(
            link("permalink_dates = \"own-offset\"\n"),
            "https://example.com/News/Travel/Kyoto/2019/12/31/EOY-%C3%9Cn%C3%AFon/"
        );
        assert_eq!(
            link_by("/{categories}/{year}/{i_month}/{i_day}/{slug}/", ""),
            "https://example.com/2020/1/1/EOY-%C3%9Cn%C3%AFon/"
        );
        assert_eq!(
            link("permalink_case = \"lower\"\n"),
            "https://example.com/news/travel/kyoto/2020/01/01/eoy-%C3%BCn%C3%AFon/"
        );
    }

    #[test]
    fn links_must_stay_under_base_url() {
        let base = Url::parse("https://example.com/blog/").unwrap();
        let under = |link: &str| stays_under(&base, &Url::parse(link).unwrap());
        assert!(under("https://example.com/blog/articles/x/"));
        assert!(!under("http://example.com/blog/x"));
        assert!(!under("https://example.com:8443/blog/x"));
        assert!(!under("https://evil.example/blog/x"));
        assert!(!under("https://example.com/other/x"));
        assert!(!under("https://example.com/blog/%2e%2e/x"));
        assert!(!under("https://example.com/blog/%2E%2E%5Cx"));
        assert!(!under("https://example.com/blog/a%5c..%5cx"));
        assert!(!under("https://user@example.com/blog/x"));
        assert!(!under("https://example.com/blogger/x"));
        // Double encoding: `%252e` decodes to `%2e`, which a second decoder
        // would read as `.`.
        assert!(!under("https://example.com/blog/%252e%252e/x"));
        assert!(!under("https://example.com/blog/a%252fb/x"));
        assert!(!under("https://example.com/blog/%25252e%25252e/x"));
        // A `%` that escapes nothing is an ordinary character of a name.
        assert!(under("https://example.com/blog/100%25/x/"));
        assert!(under("https://example.com/blog/100%2525/x/"));
    }
}
