//! Feeds: takes catalog items with their rendered HTML and gives the bytes
//! of each feed document, built as typed values with the `rss`,
//! `atom_syndication` and `serde_json` crates: one module per format;
//! and the human view of them, `feed.xsl` (`stylesheet`) and the static
//! HTML page (`page`). Never writes a file.

mod atom_feed;
mod entry;
pub mod history;
mod json_feed;
pub mod opml;
pub mod page;
mod podcast;
mod rss_feed;
pub mod stylesheet;

pub use atom_feed::atom;
pub use entry::{Entry, Feed};
pub use history::History;
pub use json_feed::json;
pub use rss_feed::rss;

use crate::report::outcome::FeedKind;

/// The bytes of `feed` in `kind`'s format.
pub fn render(kind: FeedKind, feed: &Feed) -> Vec<u8> {
    match kind {
        FeedKind::Rss => rss(feed),
        FeedKind::Atom => atom(feed),
        FeedKind::Json => json(feed),
        // Never one of `formats` (the config accepts rss, atom and json):
        // the list of feeds, the stylesheet and the page are written once
        // per build, by `opml::opml` and `view`.
        FeedKind::Opml | FeedKind::Stylesheet | FeedKind::Page => Vec::new(),
    }
}
