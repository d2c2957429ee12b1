//! `Record`: what every article format parses into, so that the catalog,
//! content and render stages never need to know where an article came from.

use chrono::{DateTime, FixedOffset};
use std::path::PathBuf;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    pub email: Option<String>,
    pub uri: Option<String>,
}

/// One entry of `related` / `Related articles`, as the author wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    pub text: String,
    /// 1-based line of the reference in its file.
    pub line: usize,
}

/// The body in the form it was written; turned into HTML by `content` only
/// for the records that end up in a feed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Body {
    Markdown(String),
    /// Already HTML with every text escaped (the plain-text record form).
    Html(String),
    /// Dropped after parsing; read again only for records that are
    /// rendered, so a large archive's bodies are never all in memory.
    #[default]
    NotLoaded,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The file as the user named it (articles folder joined with the
    /// relative path), for messages.
    pub path: PathBuf,
    pub slug: String,
    /// Line of the `slug` key when one was given, else 1.
    pub slug_line: usize,
    pub title: String,
    pub date: DateTime<FixedOffset>,
    pub updated: Option<DateTime<FixedOffset>>,
    pub id: Option<String>,
    pub id_line: usize,
    pub url: Option<String>,
    pub url_line: usize,
    pub related: Vec<Reference>,
    pub draft: bool,
    /// The folder below the articles folder the page lives in (a bundle's
    /// parent folder), `/`-separated, empty at the top: `{path}` in links.
    pub folder: String,
    /// Jekyll's categories (`categories`, then `category`), lower-cased,
    /// each once, joined by `/`: `{categories}` in links, as Jekyll's
    /// `:categories`. Kept apart from the tags, which also hold `tags`
    /// and Zola's taxonomies, and outside `details`, since every link
    /// needs it.
    pub link_categories: Box<str>,
    /// What only rendering needs; `None` once `slim` has dropped it, so the
    /// catalog of a large archive holds little per record.
    pub details: Option<Box<Details>>,
    /// Tags and author names, kept by `slim_keeping_facets` when the site
    /// writes a feed per tag or author: those feeds choose among every
    /// record, not only those the site's feed shows.
    pub facets: Option<Box<Facets>>,
    /// Set only when the site writes archive pages (see `Stamp`); boxed,
    /// so that a site without them pays one pointer per record.
    pub stamp: Option<Box<Stamp>>,
}

/// What decides whether an archive page holding this record can have
/// changed since the last build, taken from the file as it was read: a
/// build that finds every stamp of a page as before need not render it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// 128-bit `SipHash` of the file's bytes (the algorithm is fixed, so a
    /// digest means the same on every machine and release).
    pub digest: [u64; 2],
    /// The body may link to other pages (`@/`, `{{ ref }}`, `{% link %}`),
    /// whose links and titles then end up in this record's entry.
    pub links_out: bool,
    /// The entry depends on another file (a local enclosure's size), which
    /// the digest does not cover: its page is always rendered.
    pub reads_other_files: bool,
}

/// What per-tag and per-author feeds need of a slim record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Facets {
    pub tags: Vec<String>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    /// See `Details::translation`.
    pub translation: Option<String>,
}

/// The parts of a record that only its feed entry needs.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Details {
    pub summary: Option<String>,
    pub tags: Vec<String>,
    pub authors: Vec<Author>,
    pub image: Option<String>,
    /// 1-based line of the `image` key (1 when there is none), so that a
    /// problem with it can be located.
    pub image_line: usize,
    pub body: Body,
    /// 1-based file line where the body starts, for messages about it.
    pub body_line: usize,
    /// Jekyll's per-page marker ending the excerpt, when given.
    pub excerpt_separator: Option<String>,
    /// Minutes, from the plain-text `Reading time:` field.
    pub reading_time: Option<u32>,
    /// The record's language tag, when it gives one.
    pub language: Option<String>,
    /// The language a translation's file name gives it (`post.fr.md`,
    /// `index.fr.md`): its link and lock entry carry it. Kept here, not
    /// in every record of an archive, since translations are few.
    pub translation: Option<String>,
    /// Podcast episode fields; all empty for an ordinary article.
    pub episode: Episode,
}

impl Record {
    /// Drops what only rendering needs (body, summary, tags, authors,
    /// image, episode) so that a large archive's catalog stays small; the
    /// file is parsed again, whole, for the records that are rendered.
    pub fn slim(&mut self) {
        // A translation's link needs its language: it keeps its facets.
        if self
            .details
            .as_ref()
            .is_some_and(|details| details.translation.is_some())
        {
            self.slim_keeping_facets();
        } else {
            self.details = None;
        }
    }

    /// `slim`, keeping the tags and author names (moved, not copied).
    pub fn slim_keeping_facets(&mut self) {
        if let Some(details) = self.details.take() {
            let Details {
                tags,
                authors,
                language,
                translation,
                ..
            } = *details;
            let mut tags = tags;
            // Collected in place, the names would keep the larger buffer
            // of the authors they came from; held for every record of an
            // archive, both lists are trimmed to what they hold.
            let mut authors: Vec<String> = authors.into_iter().map(|author| author.name).collect();
            tags.shrink_to_fit();
            authors.shrink_to_fit();
            self.facets = Some(Box::new(Facets {
                tags,
                authors,
                language,
                translation,
            }));
        }
    }

    /// The language of a translation into another language than the
    /// site's (`site_language`): its file name's. Its link and lock entry
    /// carry it. Only the primary subtags are compared: on an `en-US`
    /// site, `post.en.md` (or `post.en-gb.md`) is in the site's language,
    /// as Hugo publishes its default language at the root.
    pub fn translated_into(&self, site_language: &str) -> Option<&str> {
        self.translation().filter(|language| {
            crate::util::primary_language(language) != crate::util::primary_language(site_language)
        })
    }

    /// The language a translation's file name gives it, whether it is
    /// whole or slim.
    pub fn translation(&self) -> Option<&str> {
        match (&self.details, &self.facets) {
            (Some(details), _) => details.translation.as_deref(),
            (None, Some(facets)) => facets.translation.as_deref(),
            (None, None) => None,
        }
    }

    /// The record's tags, whether it is whole or slim.
    pub fn tags(&self) -> &[String] {
        match (&self.details, &self.facets) {
            (Some(details), _) => &details.tags,
            (None, Some(facets)) => &facets.tags,
            (None, None) => &[],
        }
    }

    /// The record's own language tag, whether it is whole or slim.
    pub fn language(&self) -> Option<&str> {
        match (&self.details, &self.facets) {
            (Some(details), _) => details.language.as_deref(),
            (None, Some(facets)) => facets.language.as_deref(),
            (None, None) => None,
        }
    }

    /// The names of the record's own authors, whether it is whole or slim.
    pub fn author_names(&self) -> Vec<&str> {
        match (&self.details, &self.facets) {
            (Some(details), _) => details.authors.iter().map(|a| a.name.as_str()).collect(),
            (None, Some(facets)) => facets.authors.iter().map(String::as_str).collect(),
            (None, None) => Vec::new(),
        }
    }

    /// Body, summary, tags …: empty once slimmed.
    pub fn details(&self) -> &Details {
        self.details.as_deref().unwrap_or(&NO_DETAILS)
    }

    /// The episode fields, empty for an ordinary article.
    pub fn episode(&self) -> &Episode {
        &self.details().episode
    }
}

static NO_DETAILS: Details = Details {
    summary: None,
    tags: Vec::new(),
    authors: Vec::new(),
    image: None,
    image_line: 1,
    body: Body::NotLoaded,
    body_line: 1,
    excerpt_separator: None,
    reading_time: None,
    language: None,
    translation: None,
    episode: Episode {
        enclosure: None,
        duration: None,
        number: None,
        season: None,
        episode_type: None,
        explicit: None,
        transcript: None,
        chapters: None,
    },
};

/// An enclosure as the record gives it: a path in the site or a URL, with
/// the type and length when the author states them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnclosureSpec {
    pub url: String,
    pub mime_type: Option<String>,
    pub length: Option<u64>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcript {
    pub url: String,
    pub mime_type: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Episode {
    pub enclosure: Option<EnclosureSpec>,
    /// Seconds.
    pub duration: Option<u64>,
    pub number: Option<u32>,
    pub season: Option<u32>,
    /// `full`, `trailer` or `bonus`.
    pub episode_type: Option<String>,
    pub explicit: Option<bool>,
    pub transcript: Option<Transcript>,
    pub chapters: Option<String>,
}

/// What a record parser returns: the record when there was no error, and
/// every problem it found either way.
#[derive(Debug, Default)]
pub struct Parsed {
    pub record: Option<Record>,
    pub diagnostics: Vec<crate::report::diagnostic::Diagnostic>,
    /// Front-matter keys no table knows; reported once per key name for
    /// the whole site, not once per file.
    pub unknown_keys: Vec<UnknownKey>,
    /// A Markdown file with no date anywhere: a page, not a post.
    pub undated: bool,
    /// Not a record at all: an `.html` file without front matter (a
    /// layout or a page of the site), left alone without a word.
    pub not_a_record: bool,
    /// Such a page's own address (Zola's `path`), for links to it.
    pub page_url: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownKey {
    pub key: String,
    pub line: usize,
    /// Column and width of the key, for the caret under it.
    pub column: Option<(usize, usize)>,
}

/// Collapses runs of white space (titles may span lines in TOML strings or
/// carry non-breaking spaces from scrapers) into one space.
/// Control characters go too: XML cannot hold most of them, and a title
/// is one line of text.
pub fn normalize_space(text: &str) -> String {
    let tidy = !text.starts_with(char::is_whitespace)
        && !text.ends_with(char::is_whitespace)
        && !text.contains("  ")
        && !text
            .chars()
            .any(|c| c.is_control() || (c.is_whitespace() && c != ' '));
    if tidy {
        return text.to_string();
    }
    // One pass: control characters dropped, each run of white space one
    // space, none at either end.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = !out.is_empty();
        } else if !c.is_control() {
            if space {
                out.push(' ');
                space = false;
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::normalize_space;
    use proptest::prelude::*;

    /// What `normalize_space` means, written the plain way.
    fn by_definition(text: &str) -> String {
        let visible: String = text
            .chars()
            .filter(|c| c.is_whitespace() || !c.is_control())
            .collect();
        visible.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest! {
        #[test]
        fn normalize_space_collapses_as_defined(
            text in "[ a\u{a0}\u{1}\t\n\u{85}\u{2028}\u{3000}é\u{7f}]{0,40}"
        ) {
            prop_assert_eq!(normalize_space(&text), by_definition(&text));
        }
    }
}
