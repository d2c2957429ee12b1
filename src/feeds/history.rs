//! The links that tie a feed document to the rest of its history (RFC 5005
//! archived feeds) and to the hubs that announce its changes (`WebSub`),
//! shared by the three formats.

use std::collections::BTreeMap;
use url::Url;

/// RFC 5005's namespace, for `fh:archive`.
pub const FH_NAMESPACE: &str = "http://purl.org/syndication/history/1.0";

/// What a document links to besides itself and the site.
#[derive(Debug, Clone, Default)]
pub struct History {
    /// Set on an archive page: it says `fh:archive` and links `current`,
    /// the feed one subscribes to.
    pub current: Option<Url>,
    /// The next older archive page (from the feed: the newest page). JSON
    /// Feed's `next_url` too, which leads from newer to older documents.
    pub prev_archive: Option<Url>,
    /// The next newer archive page; only a full page has one, so a page's
    /// bytes never depend on how many pages follow it.
    pub next_archive: Option<Url>,
    /// `WebSub` hubs (`rel="hub"`).
    pub hubs: Vec<Url>,
}

impl History {
    pub fn is_archive(&self) -> bool {
        self.current.is_some()
    }

    /// `(rel, href)` of every link, hubs first, in a fixed order.
    pub fn links(&self) -> Vec<(&'static str, &Url)> {
        let mut links: Vec<(&'static str, &Url)> =
            self.hubs.iter().map(|hub| ("hub", hub)).collect();
        for (rel, url) in [
            ("current", &self.current),
            ("prev-archive", &self.prev_archive),
            ("next-archive", &self.next_archive),
        ] {
            if let Some(url) = url {
                links.push((rel, url));
            }
        }
        links
    }

    /// The `fh` namespace, when the document is an archive page.
    pub fn namespaces(&self) -> BTreeMap<String, String> {
        let mut namespaces = BTreeMap::new();
        if self.is_archive() {
            namespaces.insert("fh".to_string(), FH_NAMESPACE.to_string());
        }
        namespaces
    }
}

/// The `fh:archive` element, empty, in the extension map both `rss` and
/// `atom_syndication` write (prefix → local name → elements).
pub fn archive_marker<E>(
    history: &History,
    element: impl FnOnce(String) -> E,
) -> BTreeMap<String, BTreeMap<String, Vec<E>>> {
    let mut map = BTreeMap::new();
    if history.is_archive() {
        map.insert(
            "fh".to_string(),
            BTreeMap::from([("archive".to_string(), vec![element("fh:archive".into())])]),
        );
    }
    map
}
