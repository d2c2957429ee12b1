//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>), written with
//! serde from the typed values below. Field order is the order of the
//! struct fields and no map is used, so the bytes are the same on every
//! build of the same input.

use super::entry::{Entry, Feed};
use crate::input::record::Author;
use serde::Serialize;

const VERSION: &str = "https://jsonfeed.org/version/1.1";

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    feed_url: &'a str,
    /// The next older document of the feed's history (RFC 5005 pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<&'a str>,
    description: &'a str,
    language: &'a str,
    authors: Vec<JsonAuthor>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<Hub<'a>>,
    items: Vec<JsonItem<'a>>,
}

/// A `WebSub` hub, as JSON Feed names one.
#[derive(Serialize)]
struct Hub<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor {
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    /// JSON Feed wants `content_html` or `content_text`; a body the
    /// sanitiser emptied gets its title as text instead.
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    #[serde(skip_serializing_if = "str::is_empty")]
    summary: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    image: Option<&'a str>,
    date_published: String,
    date_modified: String,
    authors: Vec<JsonAuthor>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    /// Only where it differs from the feed's, as Atom's `xml:lang`.
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<Attachment<'a>>,
    /// Related items: JSON Feed has no field for them, so they go in an
    /// extension object (a key starting with `_`, which readers that do
    /// not know it must ignore).
    #[serde(rename = "_related", skip_serializing_if = "Vec::is_empty")]
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Attachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    size_in_bytes: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_in_seconds: Option<u64>,
}

#[derive(Serialize)]
struct Related<'a> {
    url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
}

pub fn json(feed: &Feed) -> Vec<u8> {
    let config = feed.config;
    let document = JsonFeed {
        version: VERSION,
        title: &feed.title,
        home_page_url: config.base_url.as_str(),
        feed_url: feed.self_url.as_str(),
        next_url: feed.history.prev_archive.as_ref().map(url::Url::as_str),
        description: &config.description,
        language: &feed.language,
        authors: vec![author(&Author {
            name: config.author.name.clone(),
            email: config.author.email.clone(),
            uri: config.author.uri.clone(),
        })],
        hubs: feed
            .history
            .hubs
            .iter()
            .map(|hub| Hub {
                kind: "WebSub",
                url: hub.as_str(),
            })
            .collect(),
        items: feed.entries.iter().map(|entry| item(feed, entry)).collect(),
    };
    // Serialising plain structs to memory cannot fail.
    let mut out = serde_json::to_vec_pretty(&document).expect("writing JSON to memory");
    out.push(b'\n');
    out
}

/// JSON Feed authors have a name and a URL; an email address is written
/// as a `mailto:` URL when there is no web page.
fn author(author: &Author) -> JsonAuthor {
    JsonAuthor {
        name: author.name.clone(),
        url: author
            .uri
            .clone()
            .or_else(|| author.email.as_ref().map(|email| format!("mailto:{email}"))),
    }
}

fn item<'a>(feed: &'a Feed, entry: &'a Entry) -> JsonItem<'a> {
    let record = &entry.item.record;
    let has_html = !entry.html.trim().is_empty();
    JsonItem {
        id: &entry.item.id,
        url: entry.item.link.as_str(),
        title: &record.title,
        content_html: has_html.then_some(&*entry.html),
        content_text: (!has_html).then_some(record.title.as_str()),
        summary: &entry.summary,
        image: entry.image.as_deref(),
        date_published: record.date.to_rfc3339(),
        date_modified: entry.item.updated.to_rfc3339(),
        authors: entry.authors(feed.config).iter().map(author).collect(),
        tags: &record.details().tags,
        language: entry.language_if_not(&feed.language),
        attachments: entry
            .enclosure
            .iter()
            .map(|enclosure| Attachment {
                url: &enclosure.url,
                mime_type: &enclosure.mime_type,
                size_in_bytes: enclosure.length,
                duration_in_seconds: record.episode().duration,
            })
            .collect(),
        related: entry
            .item
            .related
            .iter()
            .filter_map(|related| {
                Some(Related {
                    url: related.href.as_deref()?,
                    title: related.title.as_deref(),
                })
            })
            .collect(),
    }
}
