//! Feeds: takes catalog items with their rendered HTML and gives the bytes
//! of each feed document, built as typed values with the `rss` and
//! `atom_syndication` crates. Never writes a file.

mod atom_feed;
mod entry;
mod podcast;
mod rss_feed;

pub use atom_feed::atom;
pub use entry::Entry;
pub use rss_feed::rss;
