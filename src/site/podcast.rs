//! The `[podcast]` table of feed.toml: owner, cover art, Apple categories
//! and the channel flags, checked when the config is loaded.

use serde::Deserialize;
use url::Url;

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
            if !crate::util::has_visible_text(&owner.name) {
                problem(
                    "owner",
                    format!(
                        "the podcast owner's name {:?} has no visible character",
                        owner.name
                    ),
                );
            }
            if !crate::util::is_email(&owner.email) {
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
        if let Some(funding) = &self.funding
            && !crate::util::has_visible_text(&funding.text)
        {
            problem(
                "funding",
                format!(
                    "the podcast funding text {:?} has no visible character",
                    funding.text
                ),
            );
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
