//! The catalog: which records become feed items, with their permanent ids,
//! links and resolved related items, in a total order. It needs every
//! record at once (duplicates, links between articles), so it runs after
//! all parsing and before any content is rendered.

use crate::input::record::{Record, Reference};
use crate::report::diagnostic::Diagnostic;
use crate::site::config::Config;
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

pub fn permalink(config: &Config, record: &Record) -> Result<Url, String> {
    if let Some(url) = &record.url {
        // An explicit `url` may point anywhere, but only over the web.
        let url = Url::parse(url).map_err(|error| format!("`url` {url:?}: {error}"))?;
        if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
            return Err(format!(
                "`url` {:?} must be an absolute http(s) URL",
                url.as_str()
            ));
        }
        return Ok(url);
    }
    // Most patterns name only the slug; the date is formatted only when
    // used. The slug goes in last, so that no slug is read as a pattern.
    let mut path = config.permalink.clone();
    if path.contains("{year}") || path.contains("{month}") || path.contains("{day}") {
        let local = record.date.with_timezone(&config.timezone);
        path = path
            .replace("{year}", &format!("{:04}", local.year()))
            .replace("{month}", &format!("{:02}", local.month()))
            .replace("{day}", &format!("{:02}", local.day()));
    }
    let path = path.replace("{slug}", &record.slug);
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
    path.strip_prefix(base_path.as_str()).is_some_and(|rest| {
        !rest
            .split('/')
            .any(|segment| segment == "." || segment == ".." || segment.contains('%'))
    })
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
        .map(|record| match permalink(config, record) {
            Ok(link) => (
                true,
                record.id.clone().unwrap_or_else(|| link.to_string()),
                None,
            ),
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

    let slugs: Vec<&str> = records.iter().map(|record| record.slug.as_str()).collect();
    report_duplicates(
        &records,
        &slugs,
        "slug",
        |r| r.slug_line,
        |_, _| false,
        &mut problems,
    );
    let id_keys: Vec<&str> = ids.iter().map(String::as_str).collect();
    // Default ids come from links, and links from slugs: a duplicate slug
    // is already reported, once is enough.
    report_duplicates(
        &records,
        &id_keys,
        "id",
        |r| r.id_line,
        |record, earlier| record.id.is_none() && record.slug == earlier.slug,
        &mut problems,
    );

    let visible: Vec<bool> = records
        .iter()
        .map(|record| {
            (!record.draft || selection.include_drafts)
                && (record.date <= now || selection.include_future)
        })
        .collect();
    let selected = select(&records, &ids, &linkable, &visible, config.limit);

    let resolver = Resolver::new(&records, config, &visible);
    let mut related_of: HashMap<usize, Vec<RelatedLink>> = HashMap::with_capacity(selected.len());
    let is_selected: HashSet<usize> = selected.iter().copied().collect();
    for index in 0..records.len() {
        let selected = is_selected.contains(&index);
        let related = resolver.resolve(index, selected, &mut problems);
        if selected {
            related_of.insert(index, related);
        }
    }
    drop(resolver);

    // Move the selected records out without cloning them.
    let mut slots: Vec<Option<Box<Record>>> = records.into_iter().map(Some).collect();
    let items = selected
        .into_iter()
        .filter_map(|index| {
            let record = *slots[index].take()?;
            let link = permalink(config, &record).ok()?;
            let id = std::mem::take(&mut ids[index]);
            Some(Item {
                updated: record.updated.unwrap_or(record.date),
                link,
                id_is_permalink: is_absolute_web_url(&id).is_some(),
                id,
                related: related_of.remove(&index).unwrap_or_default(),
                record,
            })
        })
        .collect();
    (
        Catalog {
            items,
            record_count,
        },
        problems,
    )
}

/// Indices of the visible records the feeds show, newest first, records
/// with the same instant in ascending order of id: at most `limit` of
/// them, found without sorting the whole archive.
fn select(
    records: &[Box<Record>],
    ids: &[String],
    linkable: &[bool],
    visible: &[bool],
    limit: usize,
) -> Vec<usize> {
    let mut chosen: Vec<usize> = (0..records.len())
        .filter(|&index| visible[index] && linkable[index])
        .collect();
    let order = |a: &usize, b: &usize| {
        records[*b]
            .date
            .cmp(&records[*a].date)
            .then_with(|| ids[*a].cmp(&ids[*b]))
    };
    if limit > 0 && chosen.len() > limit {
        chosen.select_nth_unstable_by(limit - 1, order);
        chosen.truncate(limit);
    }
    chosen.sort_unstable_by(order);
    chosen
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
    by_slug: HashMap<&'a str, usize>,
    /// Built on first use: most references name slugs, and folding every
    /// title of a large archive is the catalog's biggest cost.
    by_title: std::cell::OnceCell<HashMap<String, Vec<usize>>>,
}

impl<'a> Resolver<'a> {
    fn new(records: &'a [Box<Record>], config: &'a Config, visible: &'a [bool]) -> Self {
        let mut by_slug = HashMap::with_capacity(records.len());
        for (index, record) in records.iter().enumerate() {
            // Duplicate slugs are an error of their own; the first one wins here.
            by_slug.entry(record.slug.as_str()).or_insert(index);
        }
        Self {
            records,
            config,
            visible,
            by_slug,
            by_title: std::cell::OnceCell::new(),
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

    fn resolve_one(
        &self,
        index: usize,
        reference: &Reference,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Target> {
        let record = &self.records[index];
        if let Some(url) = is_absolute_web_url(&reference.text) {
            return Some(Target::Url(url));
        }
        let mut report = |severity_is_error: bool, message: String| {
            let make = if severity_is_error {
                Diagnostic::error
            } else {
                Diagnostic::warning
            };
            problems.push(make(&record.path, Some(reference.line), message));
        };
        let target = match self.by_slug.get(reference.text.as_str()) {
            Some(&target) => target,
            None => match self
                .titles()
                .get(&title_key(&reference.text))
                .map(Vec::as_slice)
            {
                Some([target]) => *target,
                Some(several) => {
                    let files: Vec<String> = several
                        .iter()
                        .map(|&i| self.records[i].path.display().to_string())
                        .collect();
                    report(
                        true,
                        format!(
                            "related reference {:?} is ambiguous: records {} share that title; refer to one by its slug",
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
            },
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
            Some(&earlier) => problems.push(Diagnostic::error(
                &records[index].path,
                Some(line(&records[index])),
                format!(
                    "duplicate {what} {key:?}: {} has it too",
                    records[earlier].path.display()
                ),
            )),
            None => {
                first.insert(key, index);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    }
}
