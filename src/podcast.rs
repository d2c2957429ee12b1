//! Podcasts: the `[podcast]` table, episode fields, enclosures resolved
//! from files in the site, and the rules podcast directories enforce.
//! Kept apart so that an ordinary news site never pays for any of it.

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::record::{EnclosureSpec, Record};
use serde::Deserialize;
use std::io::Read as _;
use std::path::{Component, Path};
use url::Url;
use uuid::Uuid;

pub const ITUNES_NAMESPACE: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";
pub const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";

/// The namespace UUID the Podcasting 2.0 `<podcast:guid>` tag is derived
/// with (`UUIDv5` of the feed URL without scheme and trailing slashes).
const PODCAST_GUID_NAMESPACE: Uuid = Uuid::from_u128(0xead4_c236_bf58_58c6_a2c6_a6b2_8d12_8cb6);

/// Apple Podcasts' categories and their subcategories.
pub const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    ("History", &[]),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
];

/// Enclosure types Apple Podcasts accepts.
pub const ACCEPTED_TYPES: &[&str] = &[
    "audio/mpeg",
    "audio/x-m4a",
    "audio/mp4",
    "audio/aac",
    "video/mp4",
    "video/x-m4v",
    "video/quicktime",
    "application/pdf",
    "application/epub+zip",
];

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPodcast {
    owner: Option<RawOwner>,
    image: Option<String>,
    #[serde(default)]
    categories: Vec<String>,
    #[serde(default)]
    explicit: bool,
    #[serde(rename = "type", default = "default_type")]
    kind: String,
    #[serde(default)]
    locked: bool,
    funding: Option<RawFunding>,
    new_feed_url: Option<String>,
}

fn default_type() -> String {
    "episodic".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawOwner {
    name: String,
    email: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFunding {
    url: String,
    text: String,
}

#[derive(Debug, Clone)]
pub struct Owner {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Category {
    pub name: String,
    pub subcategory: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Podcast {
    pub owner: Option<Owner>,
    pub image: Option<Url>,
    pub categories: Vec<Category>,
    pub explicit: bool,
    /// `episodic` or `serial`.
    pub kind: String,
    pub locked: bool,
    pub funding: Option<(Url, String)>,
    pub new_feed_url: Option<Url>,
}

impl RawPodcast {
    /// Validates the table; `problem(key, message)` reports against the
    /// line of `key` in feed.toml.
    pub fn validate(
        self,
        base_url: Option<&Url>,
        problem: &mut impl FnMut(&str, String),
    ) -> Podcast {
        let mut categories = Vec::new();
        for text in &self.categories {
            match parse_category(text) {
                Ok(category) => categories.push(category),
                Err(message) => problem("categories", message),
            }
        }
        if !matches!(self.kind.as_str(), "episodic" | "serial") {
            problem(
                "type",
                format!(
                    "invalid podcast `type` {:?}: use \"episodic\" or \"serial\"",
                    self.kind
                ),
            );
        }
        let owner = self.owner.map(|owner| {
            if !crate::config::is_email(&owner.email) {
                problem(
                    "email",
                    format!("invalid podcast owner email {:?}", owner.email),
                );
            }
            Owner {
                name: owner.name,
                email: owner.email,
            }
        });
        let mut absolute = |key: &str, text: &str| match base_url.map(|base| base.join(text)) {
            Some(Ok(url)) if matches!(url.scheme(), "http" | "https") => Some(url),
            Some(_) => {
                problem(
                    key,
                    format!("invalid podcast `{key}` {text:?}: expected a URL"),
                );
                None
            }
            None => None,
        };
        let image = self
            .image
            .as_deref()
            .and_then(|image| absolute("image", image));
        let new_feed_url = self
            .new_feed_url
            .as_deref()
            .and_then(|url| absolute("new_feed_url", url));
        let funding = self
            .funding
            .and_then(|funding| absolute("url", &funding.url).map(|url| (url, funding.text)));
        Podcast {
            owner,
            image,
            categories,
            explicit: self.explicit,
            kind: self.kind,
            locked: self.locked,
            funding,
            new_feed_url,
        }
    }
}

/// `"News"` or `"News > Daily News"`, checked against Apple's list; an
/// unknown one is explained with the closest known name.
pub fn parse_category(text: &str) -> Result<Category, String> {
    let (name, subcategory) = match text.split_once('>') {
        Some((name, sub)) => (name.trim(), Some(sub.trim())),
        None => (text.trim(), None),
    };
    let known = CATEGORIES
        .iter()
        .find(|(known, _)| *known == name)
        .filter(|(_, subs)| subcategory.is_none_or(|sub| subs.contains(&sub)));
    if known.is_some() {
        return Ok(Category {
            name: name.to_string(),
            subcategory: subcategory.map(str::to_string),
        });
    }
    Err(format!(
        "unknown podcast category {text:?}; did you mean \"{}\"? (Apple's list: Arts, Business, … written as \"News > Daily News\")",
        closest_category(text)
    ))
}

fn closest_category(text: &str) -> String {
    let wanted = text.to_lowercase();
    CATEGORIES
        .iter()
        .flat_map(|(name, subs)| {
            std::iter::once((*name).to_string())
                .chain(subs.iter().map(move |sub| format!("{name} > {sub}")))
        })
        .max_by(|a, b| {
            let score = |candidate: &String| {
                let candidate = candidate.to_lowercase();
                // A subcategory alone ("Daily News") should find its parent.
                let tail = candidate
                    .rsplit(" > ")
                    .next()
                    .unwrap_or(&candidate)
                    .to_string();
                strsim::jaro_winkler(&wanted, &candidate).max(strsim::jaro_winkler(&wanted, &tail))
            };
            score(a).total_cmp(&score(b)).then_with(|| b.cmp(a))
        })
        .unwrap_or_default()
}

/// The Podcasting 2.0 guid of a feed URL.
pub fn podcast_guid(feed_url: &str) -> Uuid {
    let without_scheme = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    Uuid::new_v5(&PODCAST_GUID_NAMESPACE, without_scheme.as_bytes())
}

/// `3600`, `45:10` or `1:02:03` → seconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let numbers: Option<Vec<u64>> = parts
        .iter()
        .map(|part| {
            (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect();
    let invalid =
        || format!("cannot read duration {text:?}: use seconds (3600) or H:MM:SS (1:00:00)");
    let numbers = numbers.ok_or_else(invalid)?;
    let seconds = match numbers.as_slice() {
        [seconds] => Some(*seconds),
        [minutes, seconds] if *seconds < 60 => minutes
            .checked_mul(60)
            .and_then(|m| m.checked_add(*seconds)),
        [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => hours
            .checked_mul(3600)
            .and_then(|h| h.checked_add(minutes * 60 + seconds)),
        _ => None,
    };
    seconds.ok_or_else(invalid)
}

pub const EPISODE_TYPES: [&str; 3] = ["full", "trailer", "bonus"];

/// An enclosure ready for the feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enclosure {
    pub url: String,
    pub mime_type: String,
    pub length: u64,
}

/// A remote enclosure must state its type and length; a file in the site
/// (a path relative to the folder of feed.toml, published at the same path
/// under `base_url`) gives them itself.
pub fn resolve_enclosure(
    config: &Config,
    record: &Record,
    spec: &EnclosureSpec,
) -> Result<Enclosure, Diagnostic> {
    let fail = |message: String| Diagnostic::error(&record.path, Some(spec.line), message);
    if let Ok(url) = Url::parse(&spec.url) {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(fail(format!(
                "enclosure {:?} must be an http(s) URL or a path in the site",
                spec.url
            )));
        }
        return match (&spec.mime_type, spec.length) {
            (Some(mime_type), Some(length)) => Ok(Enclosure {
                url: url.to_string(),
                mime_type: mime_type.clone(),
                length,
            }),
            _ => Err(fail(format!(
                "the remote enclosure {:?} needs both its type and its length in bytes",
                spec.url
            ))
            .with_hint(
                "write enclosure = { url = \"…\", type = \"audio/mpeg\", length = 12345678 }",
            )),
        };
    }
    let relative = Path::new(&spec.url);
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_) | Component::CurDir))
    {
        return Err(fail(format!(
            "enclosure {:?} must be a path inside the site (no `..`, not absolute) or an http(s) URL",
            spec.url
        )));
    }
    let site = config.path.parent().unwrap_or_else(|| Path::new(""));
    let file = site.join(relative);
    let length = std::fs::metadata(&file)
        .map_err(|error| {
            fail(format!(
                "cannot read the enclosure {}: {error}",
                file.display()
            ))
        })?
        .len();
    let mime_type = match &spec.mime_type {
        Some(mime_type) => mime_type.clone(),
        None => sniff_type(&file).ok_or_else(|| {
            fail(format!(
                "cannot tell the type of {}; add `type`",
                file.display()
            ))
        })?,
    };
    let url = config
        .base_url
        .join(&spec.url)
        .map_err(|error| fail(format!("cannot make a URL of {:?}: {error}", spec.url)))?;
    Ok(Enclosure {
        url: url.to_string(),
        mime_type,
        length,
    })
}

/// The type from the file's first bytes, else from its extension.
fn sniff_type(file: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(8192);
    if let Ok(opened) = std::fs::File::open(file) {
        let _ = opened.take(8192).read_to_end(&mut head);
    }
    infer::get(&head)
        .map(|kind| normalize_type(kind.mime_type()).to_string())
        .or_else(|| {
            mime_guess::from_path(file)
                .first()
                .map(|mime| normalize_type(mime.essence_str()).to_string())
        })
}

/// Sniffers name some formats differently from what directories expect.
fn normalize_type(mime_type: &str) -> &str {
    match mime_type {
        "audio/m4a" => "audio/x-m4a",
        "audio/mp3" => "audio/mpeg",
        other => other,
    }
}

/// `check`'s enclosure and podcast rules: every enclosure must resolve
/// (an error otherwise, as in `build`); for a podcast site, the rules
/// directories enforce are warnings that `--strict` makes errors.
pub fn lint(config: &Config, items: &[crate::catalog::Item]) -> Vec<Diagnostic> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_matches_the_namespace_documentation_example() {
        assert_eq!(
            podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml").to_string(),
            "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        );
        assert_eq!(
            podcast_guid("mp3s.nashownotes.com/pc20rss.xml/"),
            podcast_guid("http://mp3s.nashownotes.com/pc20rss.xml")
        );
    }

    #[test]
    fn categories_are_checked_against_apples_list() {
        assert_eq!(
            parse_category("News > Daily News").unwrap(),
            Category {
                name: "News".into(),
                subcategory: Some("Daily News".into())
            }
        );
        assert!(parse_category("Technology").is_ok());
        let error = parse_category("Technolgy").unwrap_err();
        assert!(error.contains("\"Technology\""), "{error}");
        let error = parse_category("Daily News").unwrap_err();
        assert!(error.contains("\"News > Daily News\""), "{error}");
        assert!(parse_category("News > Cooking").is_err());
    }

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600"), Ok(3600));
        assert_eq!(parse_duration("45:10"), Ok(2710));
        assert_eq!(parse_duration("1:02:03"), Ok(3723));
        assert!(parse_duration("1:75").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("99999999999999999999:00").is_err());
    }
}
