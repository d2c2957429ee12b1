//! The one table of front-matter keys: feedwright's own and those of the
//! site generators people arrive from (Zola, Hugo, Jekyll, Eleventy), so
//! that their content folders build as they are. Keys are compared without
//! regard to ASCII case, as Hugo does.

/// What a key means to a feed. Where several keys mean one thing, the one
/// with the lowest rank wins (`date` over `publishDate` over `pubDate`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Meaning {
    Title,
    /// Publish date (`published` only when it holds a date; as a boolean
    /// it is `NotPublished`, decided by the reader).
    Date,
    Updated,
    Slug,
    Id,
    /// Where the article lives: `url`, Zola's `path`, Jekyll's literal
    /// `permalink`.
    Link,
    Summary,
    /// Every one of these is read; their values are joined.
    Categories,
    /// Zola's `[taxonomies]`: each list in it is categories.
    Taxonomies,
    Authors,
    Related,
    Draft,
    /// `published = false` (Jekyll).
    NotPublished,
    Image,
    /// Jekyll's per-page `excerpt_separator`.
    ExcerptSeparator,
    /// The record's language, when not the site's (`lang` in Hugo).
    Language,
    /// Podcast episode keys, read by the episode reader.
    Episode,
    /// Zola's `[extra]` and Hugo's `[params]`: only `author`/`authors`
    /// in them mean something to a feed.
    Extra,
    /// Layout and presentation: meaningless in a feed, never reported.
    Ignored,
}

/// `(meaning, rank)` of a top-level key, or `None` for an unknown one.
pub fn meaning(key: &str) -> Option<(Meaning, u8)> {
    // Every key of every record comes here: lower-case it on the stack.
    // No known key is longer than the buffer, so a longer one is unknown.
    let mut buffer = [0u8; 32];
    let lower = buffer.get_mut(..key.len())?;
    lower.copy_from_slice(key.as_bytes());
    lower.make_ascii_lowercase();
    // Lower-casing ASCII bytes keeps UTF-8 valid; a failure cannot happen.
    let lower = std::str::from_utf8(lower).ok()?;
    let found = match lower {
        "title" => (Meaning::Title, 0),
        "date" => (Meaning::Date, 0),
        "publishdate" => (Meaning::Date, 1),
        "pubdate" => (Meaning::Date, 2),
        "published" => (Meaning::Date, 3),
        "updated" => (Meaning::Updated, 0),
        "lastmod" => (Meaning::Updated, 1),
        "last_modified_at" => (Meaning::Updated, 2),
        "modified" => (Meaning::Updated, 3),
        "slug" => (Meaning::Slug, 0),
        "id" => (Meaning::Id, 0),
        "url" => (Meaning::Link, 0),
        "path" => (Meaning::Link, 1),
        "permalink" => (Meaning::Link, 2),
        "summary" => (Meaning::Summary, 0),
        "description" => (Meaning::Summary, 1),
        "excerpt" => (Meaning::Summary, 2),
        "tags" => (Meaning::Categories, 0),
        "categories" => (Meaning::Categories, 1),
        "category" => (Meaning::Categories, 2),
        "taxonomies" => (Meaning::Taxonomies, 0),
        "authors" => (Meaning::Authors, 0),
        "author" => (Meaning::Authors, 1),
        "related" => (Meaning::Related, 0),
        "draft" => (Meaning::Draft, 0),
        "image" => (Meaning::Image, 0),
        "images" => (Meaning::Image, 1),
        "featured_image" => (Meaning::Image, 2),
        "excerpt_separator" => (Meaning::ExcerptSeparator, 0),
        "language" => (Meaning::Language, 0),
        "lang" => (Meaning::Language, 1),
        "enclosure" | "duration" | "episode" | "season" | "episode_type" | "explicit"
        | "transcript" | "chapters" => (Meaning::Episode, 0),
        "extra" | "params" => (Meaning::Extra, 0),
        _ if IGNORED.contains(&lower) => (Meaning::Ignored, 0),
        _ => return None,
    };
    Some(found)
}

/// Presentation keys of the generators, lower-cased: they steer templates,
/// menus, search indexes and page lists, none of which a feed has.
const IGNORED: &[&str] = &[
    // Zola
    "template",
    "weight",
    "aliases",
    "in_search_index",
    "render",
    "insert_anchor_links",
    "sort_by",
    "paginate_by",
    "paginate_path",
    "paginate_reversed",
    "page_template",
    "transparent",
    "generate_feeds",
    "generate_feed",
    "redirect_to",
    // Hugo
    "layout",
    "type",
    "cascade",
    "menu",
    "menus",
    "linktitle",
    "keywords",
    "headless",
    "build",
    "outputs",
    "resources",
    "markup",
    "translationkey",
    "toc",
    "math",
    "sitemap",
    // Jekyll
    "redirect_from",
    "comments",
    "sidebar",
    // Eleventy
    "eleventynavigation",
    "eleventyexcludefromcollections",
    "eleventycomputed",
    "pagination",
    "templateengineoverride",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_generators_spellings_are_known_in_any_case() {
        assert_eq!(meaning("publishDate"), Some((Meaning::Date, 1)));
        assert_eq!(meaning("lastMod"), Some((Meaning::Updated, 1)));
        assert_eq!(meaning("eleventyNavigation"), Some((Meaning::Ignored, 0)));
        assert_eq!(meaning("colour"), None);
        assert_eq!(meaning("eleventyexcludefromcollections_and_more"), None);
    }
}
