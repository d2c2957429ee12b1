//! Feed plans: which feed documents a build writes — the site's own and,
//! with `[feeds]`, one per tag, author, section or language — each with
//! its folder, title and the items it holds. Rendering is then a loop over
//! plans × formats, and knows nothing of why a feed exists.

use crate::input::record::Record;
use crate::report::diagnostic::Diagnostic;
use crate::site::config::Config;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPlan {
    /// The feed's folder below the output folder, `/`-separated; empty for
    /// the site's own feeds. Every format's file goes in it.
    pub folder: String,
    pub title: String,
    /// The feed's language (its `language`, `xml:lang`).
    pub language: String,
    /// Indices into the catalog's items, newest first.
    pub items: Vec<usize>,
    /// The page number (from 1, the oldest) of an RFC 5005 archive page of
    /// the site's feed; `None` for a feed one subscribes to.
    pub page: Option<usize>,
}

/// The site's own feed, its items still to be chosen.
pub fn site(config: &Config) -> FeedPlan {
    FeedPlan {
        folder: String::new(),
        title: config.title.clone(),
        language: config.language.clone(),
        items: Vec::new(),
        page: None,
    }
}

/// The site's archive pages, oldest first, from the catalog's pages.
pub fn archive(config: &Config, pages: Vec<Vec<usize>>) -> Vec<FeedPlan> {
    pages
        .into_iter()
        .enumerate()
        .map(|(index, items)| FeedPlan {
            items,
            page: Some(index + 1),
            ..site(config)
        })
        .collect()
}

/// What an extra feed is made per value of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facet {
    Tag,
    Author,
    Section,
    Language,
}

impl Facet {
    /// The folder below the output folder that holds one folder per value.
    pub fn folder(self) -> &'static str {
        match self {
            Facet::Tag => "tags",
            Facet::Author => "authors",
            Facet::Section => "sections",
            Facet::Language => "languages",
        }
    }

    fn noun(self) -> &'static str {
        match self {
            Facet::Tag => "tag",
            Facet::Author => "author",
            Facet::Section => "section",
            Facet::Language => "language",
        }
    }

    /// The facets `[feeds]` turns on, in the order their feeds are listed.
    pub fn chosen(config: &Config) -> Vec<Facet> {
        let switches = config.feeds;
        [
            (switches.tags, Facet::Tag),
            (switches.authors, Facet::Author),
            (switches.sections, Facet::Section),
            (switches.languages, Facet::Language),
        ]
        .into_iter()
        .filter_map(|(on, facet)| on.then_some(facet))
        .collect()
    }

    /// The values a record carries: its tags, its own authors' names (a
    /// record with none is the site's, which has the site's feed), or the
    /// top-level folder it lives in (none at the top), or its language
    /// (the site's unless it gives its own).
    fn values<'r>(self, record: &'r Record, config: &'r Config) -> Vec<&'r str> {
        match self {
            Facet::Tag => record.tags().iter().map(String::as_str).collect(),
            Facet::Author => record.author_names(),
            Facet::Section => record
                .folder
                .split('/')
                .next()
                .filter(|top| !top.is_empty())
                .into_iter()
                .collect(),
            Facet::Language => vec![record.language().unwrap_or(&config.language)],
        }
    }
}

/// The most values of one facet through which one record enters extra
/// feeds. Each of those feeds repeats the item with all its tags, so a
/// record with 10,000 tags would write 10,000 × 10,000 categories.
pub const MAX_FEEDS_PER_RECORD: usize = 64;

/// One extra feed before its items are chosen: every eligible record
/// carrying the value, in the catalog's record order.
#[derive(Debug)]
pub struct Group {
    pub plan: FeedPlan,
    pub records: Vec<usize>,
}

/// How one value's spellings and records are gathered.
#[derive(Default)]
struct Gathered<'r> {
    /// Spelling → (records carrying it, first record carrying it).
    spellings: BTreeMap<&'r str, (usize, usize)>,
    records: Vec<usize>,
}

/// One group per value of `facet` among the eligible records, keyed by the
/// value's slug, so that a value can only ever name a folder of `[a-z0-9-]`
/// inside the facet's folder. Values that slug alike are one feed, with
/// one warning naming the spellings; a value whose slug is empty gets no
/// feed and a warning.
pub fn groups(
    config: &Config,
    facet: Facet,
    records: &[Box<Record>],
    eligible: &[bool],
) -> (Vec<Group>, Vec<Diagnostic>) {
    let mut by_slug: BTreeMap<String, Gathered> = BTreeMap::new();
    let mut unnamed: BTreeMap<&str, usize> = BTreeMap::new();
    // A large archive repeats a few hundred values hundreds of thousands
    // of times: each is slugified once.
    let mut slugs: HashMap<&str, String> = HashMap::new();
    let mut crowded: Vec<(usize, usize)> = Vec::new();
    for (index, record) in records.iter().enumerate() {
        if !eligible[index] {
            continue;
        }
        let values = facet.values(record, config);
        if values.len() > MAX_FEEDS_PER_RECORD {
            crowded.push((index, values.len()));
        }
        for value in values.into_iter().take(MAX_FEEDS_PER_RECORD) {
            let slug = slugs
                .entry(value)
                .or_insert_with(|| crate::util::folder_slug(value));
            if slug.is_empty() {
                unnamed.entry(value).or_insert(index);
                continue;
            }
            if !by_slug.contains_key(slug.as_str()) {
                by_slug.insert(slug.clone(), Gathered::default());
            }
            let Some(gathered) = by_slug.get_mut(slug.as_str()) else {
                continue;
            };
            let spelling = gathered.spellings.entry(value).or_insert((0, index));
            spelling.0 += 1;
            // A record naming a value twice, in two spellings, is once in
            // its feed.
            if gathered.records.last() != Some(&index) {
                gathered.records.push(index);
            }
        }
    }
    let mut problems: Vec<Diagnostic> = unnamed
        .into_iter()
        .map(|(value, index)| {
            Diagnostic::warning(
                &records[index].path,
                None,
                format!(
                    "{} {value:?} has no letter or digit to name a feed folder with; it gets no feed of its own",
                    facet.noun()
                ),
            )
        })
        .collect();
    problems.extend(crowded.into_iter().map(|(index, count)| {
        Diagnostic::warning(
            &records[index].path,
            None,
            format!(
                "{count} {}s: only the first {MAX_FEEDS_PER_RECORD} put the item in feeds of their own",
                facet.noun()
            ),
        )
        .with_hint("every feed holding the item repeats all its values, so the output would grow with the square of their number")
    }));
    let groups = by_slug
        .into_iter()
        .map(|(slug, gathered)| {
            let folder = format!("{}/{slug}", facet.folder());
            if gathered.spellings.len() > 1 {
                problems.push(same_slug_warning(facet, &folder, &gathered, records));
            }
            // The commonest spelling names the feed; ties go to the first
            // in code-point order, so the title never depends on timing.
            let title_value = gathered
                .spellings
                .iter()
                .max_by(|a, b| a.1.0.cmp(&b.1.0).then_with(|| b.0.cmp(a.0)))
                .map_or(slug.as_str(), |(spelling, _)| spelling);
            // A language's feed is in that language; every other feed is
            // in the site's.
            let language = if facet == Facet::Language {
                title_value.to_string()
            } else {
                config.language.clone()
            };
            Group {
                plan: FeedPlan {
                    title: format!("{} — {title_value}", config.title),
                    folder,
                    language,
                    items: Vec::new(),
                    page: None,
                },
                records: gathered.records,
            }
        })
        .collect();
    (groups, problems)
}

fn same_slug_warning(
    facet: Facet,
    folder: &str,
    gathered: &Gathered,
    records: &[Box<Record>],
) -> Diagnostic {
    let spellings: Vec<String> = gathered
        .spellings
        .keys()
        .map(|spelling| format!("{spelling:?}"))
        .collect();
    // Pinned to the first record that wrote the value another way than the
    // first spelling seen, where an author would look to make them agree.
    let first = gathered.spellings.values().map(|(_, index)| *index).min();
    let other = gathered
        .spellings
        .values()
        .map(|(_, index)| *index)
        .filter(|index| Some(*index) != first)
        .min()
        .or(first)
        .unwrap_or_default();
    Diagnostic::warning(
        &records[other].path,
        None,
        format!(
            "{}s {} are one feed ({folder}/): their names give the same folder",
            facet.noun(),
            spellings.join(" and ")
        ),
    )
    .with_hint(format!(
        "spell the {} one way in every record to silence this",
        facet.noun()
    ))
}
