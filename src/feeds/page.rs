//! The static HTML page of a site's feeds (`html` in `feed.toml`): the
//! main feed's newest items, every feed the build writes, and the
//! autodiscovery links of the site's own feeds. It needs no script and no
//! stylesheet from elsewhere, so it shows the same view as `feed.xsl` in a
//! browser that no longer runs XSLT. Built with askama, whose template
//! escapes every value it writes.

use super::entry::Entry;
use super::opml::format_name;
use crate::report::outcome::FeedKind;
use crate::site::config::Config;
use crate::site::plan::FeedPlan;
use askama::Template;
use std::sync::Arc;

/// Items the page lists at most: the newest of the main feed. The feeds
/// themselves hold `limit` (or every item); the page stays light.
pub const MAX_ITEMS: usize = 50;

#[derive(Template)]
#[template(path = "page.html")]
struct Page<'a> {
    language: &'a str,
    dir: Option<&'static str>,
    title: &'a str,
    /// The title between FSI and PDI, for `<title>`, which holds no
    /// element to isolate it.
    isolated_title: String,
    description: &'a str,
    generator: String,
    alternates: Vec<Alternate>,
    main_feeds: Vec<FeedLink>,
    items: Vec<Item<'a>>,
    groups: Vec<Group>,
    opml: Option<String>,
}

/// An autodiscovery `<link rel="alternate">`.
struct Alternate {
    mime_type: &'static str,
    title: String,
    url: String,
}

/// One format of one feed: its name, its address relative to the page
/// (so that the page works opened from disk as well as on the web), and
/// its full address to copy.
struct FeedLink {
    format: &'static str,
    href: String,
    url: String,
}

struct Item<'a> {
    title: &'a str,
    link: Option<String>,
    datetime: String,
    date: String,
    summary: &'a str,
    lang: Option<&'a str>,
    /// Only when the item's direction differs from the page's.
    dir: Option<&'static str>,
}

/// The feeds of one `[feeds]` switch, or the site's own.
struct Group {
    heading: &'static str,
    feeds: Vec<ListedFeed>,
}

struct ListedFeed {
    title: String,
    links: Vec<FeedLink>,
}

fn mime_type(kind: FeedKind) -> &'static str {
    match kind {
        FeedKind::Rss => "application/rss+xml",
        FeedKind::Atom => "application/atom+xml",
        FeedKind::Json => "application/feed+json",
        FeedKind::Opml => "text/x-opml",
        FeedKind::Stylesheet => "application/xslt+xml",
        FeedKind::Page => "text/html",
    }
}

/// The heading of the feeds in one `[feeds]` folder.
fn heading(folder: &str) -> &'static str {
    match folder.split('/').next() {
        Some("tags") => "By tag",
        Some("authors") => "By author",
        Some("sections") => "By section",
        Some("languages") => "By language",
        _ => "This site",
    }
}

/// The page's bytes. `plans` are the build's feeds in plan order (the
/// site's own first); `entries` the rendered items they index.
pub fn page(config: &Config, plans: &[FeedPlan], entries: &[Option<Arc<Entry>>]) -> Vec<u8> {
    let page_url = config.feed_url("", FeedKind::Page);
    let link = |folder: &str, kind: FeedKind| {
        let url = config.feed_url(folder, kind);
        FeedLink {
            format: format_name(kind),
            href: page_url
                .make_relative(&url)
                .map_or_else(|| url.to_string(), no_scheme),
            url: url.to_string(),
        }
    };
    let main = plans.iter().find(|plan| plan.folder.is_empty());
    let mut groups: Vec<Group> = Vec::new();
    for plan in plans {
        let heading = heading(&plan.folder);
        let feed = ListedFeed {
            title: plan.title.clone(),
            links: config
                .formats
                .iter()
                .map(|kind| link(&plan.folder, *kind))
                .collect(),
        };
        match groups.last_mut() {
            Some(group) if group.heading == heading => group.feeds.push(feed),
            _ => groups.push(Group {
                heading,
                feeds: vec![feed],
            }),
        }
    }
    let items = main
        .map(|plan| plan.items.as_slice())
        .unwrap_or_default()
        .iter()
        .filter_map(|&index| entries.get(index).and_then(Option::as_ref))
        .take(MAX_ITEMS)
        .map(|entry| item(entry, &config.language))
        .collect();
    // Written whenever `[feeds]` asks for any extra feed.
    let opml = (config.feeds != crate::site::config::FeedSwitches::default())
        .then(|| link("", FeedKind::Opml).href);
    let page = Page {
        language: &config.language,
        dir: is_rtl(&config.language).then_some("rtl"),
        title: &config.title,
        isolated_title: format!("\u{2068}{}\u{2069}", config.title),
        description: &config.description,
        generator: super::entry::generator_name(),
        alternates: config
            .formats
            .iter()
            .map(|kind| Alternate {
                mime_type: mime_type(*kind),
                title: format!("{} ({})", config.title, format_name(*kind)),
                url: config.feed_url("", *kind).to_string(),
            })
            .collect(),
        main_feeds: config.formats.iter().map(|kind| link("", *kind)).collect(),
        items,
        groups,
        opml,
    };
    // Rendering fails only when a value's Display fails, which a String's
    // never does.
    let mut html = page.render().expect("rendering the page to memory");
    html.push('\n');
    super::entry::xml_safe(html).into_bytes()
}

/// Whether text in the language `tag` is written right to left: by its
/// language, unless a script subtag says otherwise, or by its script. The
/// list matches feed.xsl's.
pub fn is_rtl(tag: &str) -> bool {
    const LANGUAGES: [&str; 16] = [
        "ar", "arc", "ckb", "dv", "fa", "he", "iw", "ji", "ks", "nqo", "ps", "sd", "syr", "ug",
        "ur", "yi",
    ];
    const SCRIPTS: [&str; 7] = ["arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"];
    let tag = tag.to_ascii_lowercase().replace('_', "-");
    let mut subtags = tag.split('-');
    let primary = subtags.next().unwrap_or_default();
    // A script subtag (four letters) decides: `az-Arab`, `sd-Deva`.
    match subtags
        .find(|subtag| subtag.len() == 4 && subtag.bytes().all(|b| b.is_ascii_alphabetic()))
    {
        Some(script) => SCRIPTS.contains(&script),
        None => LANGUAGES.contains(&primary),
    }
}

/// A relative reference whose first segment holds a `:` reads as
/// `scheme:rest` (`javascript:…`) to a browser; `./` keeps it a path.
fn no_scheme(href: String) -> String {
    let first = href.split(['/', '?', '#']).next().unwrap_or_default();
    if first.contains(':') {
        format!("./{href}")
    } else {
        href
    }
}

fn item<'a>(entry: &'a Entry, site_language: &str) -> Item<'a> {
    let record = &entry.item.record;
    let lang = entry.language_if_not(site_language);
    Item {
        title: &record.title,
        // Every item link is http(s) (checked when the catalog is made);
        // any other would be shown as text rather than followed.
        link: matches!(entry.item.link.scheme(), "http" | "https")
            .then(|| entry.item.link.to_string()),
        datetime: record.date.format("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        date: record.date.format("%-d %b %Y").to_string(),
        summary: &entry.summary,
        lang,
        dir: lang
            .map(is_rtl)
            .filter(|&rtl| rtl != is_rtl(site_language))
            .map(|rtl| if rtl { "rtl" } else { "ltr" }),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn right_to_left_languages_and_scripts() {
        for tag in ["ar", "he", "fa-IR", "ur", "ckb", "yi", "az-Arab", "AR_eg"] {
            assert!(super::is_rtl(tag), "{tag}");
        }
        for tag in ["en", "pt-BR", "arn", "az", "ku-Latn", "sd-Deva-IN", ""] {
            assert!(!super::is_rtl(tag), "{tag}");
        }
    }

    #[test]
    fn a_relative_link_never_starts_with_a_scheme() {
        assert_eq!(
            super::no_scheme("javascript:alert(1).xml".into()),
            "./javascript:alert(1).xml"
        );
        assert_eq!(super::no_scheme("a:b/rss.xml".into()), "./a:b/rss.xml");
        assert_eq!(
            super::no_scheme("tags/a:b/rss.xml".into()),
            "tags/a:b/rss.xml"
        );
        assert_eq!(super::no_scheme("../x:y.xml".into()), "../x:y.xml");
        assert_eq!(super::no_scheme("rss.xml".into()), "rss.xml");
    }
}
