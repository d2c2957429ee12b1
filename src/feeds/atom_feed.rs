//! Atom 1.0 (RFC 4287).

use super::entry::{Entry, Feed, finish_xml, last_updated};
use crate::site::config::Config;
use atom_syndication::{
    Category, Content, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};

pub fn atom(plan: &Feed) -> Vec<u8> {
    let (config, entries) = (plan.config, &plan.entries);
    let mut links = vec![
        Link {
            href: config.base_url.to_string(),
            rel: "alternate".into(),
            mime_type: Some("text/html".into()),
            ..Link::default()
        },
        Link {
            href: plan.self_url.to_string(),
            rel: "self".into(),
            mime_type: Some("application/atom+xml".into()),
            ..Link::default()
        },
    ];
    links.extend(plan.history.links().into_iter().map(|(rel, url)| Link {
        href: url.to_string(),
        rel: rel.into(),
        ..Link::default()
    }));
    let feed = atom_syndication::Feed {
        title: text(&plan.title),
        id: plan.self_url.to_string(),
        updated: last_updated(entries).unwrap_or_else(epoch),
        authors: vec![Person {
            name: config.author.name.clone(),
            email: config.author.email.clone(),
            uri: config.author.uri.clone(),
            ..Person::default()
        }],
        generator: Some(Generator {
            value: "feedwright".into(),
            uri: None,
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
        links,
        namespaces: plan.history.namespaces(),
        extensions: super::history::archive_marker(&plan.history, |name| {
            atom_syndication::extension::Extension {
                name,
                // See `rss`: no line break inside the empty element.
                value: Some(String::new()),
                ..atom_syndication::extension::Extension::default()
            }
        }),
        subtitle: Some(text(&config.description)),
        lang: Some(plan.language.clone()),
        entries: entries
            .iter()
            .map(|entry| atom_entry(config, entry, &plan.language))
            .collect(),
        ..atom_syndication::Feed::default()
    };
    let mut out = Vec::new();
    feed.write_with_config(
        &mut out,
        WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )
    .expect("writing Atom to memory");
    out.push(b'\n');
    finish_xml(out, plan.stylesheet.as_deref())
}

/// A plain-text value as an Atom text construct: always `type="text"`,
/// which every reader shows as written. Its `&`, `<` and `>` are written
/// as character references (see `plain_text_as_text`), so the validator
/// does not take them for undeclared HTML; `type="html"` would do too, but
/// some readers (feed-rs among them) then hand out the escaped markup.
fn text(value: &str) -> Text {
    Text::plain(value.to_string())
}

/// An empty feed still needs `updated`. A fixed instant keeps rebuilds
/// byte-identical; the validator calls anything before 1990 implausible,
/// hence not the Unix epoch.
fn epoch() -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339("2000-01-01T00:00:00+00:00").unwrap_or_default()
}

/// An entry in another language than its feed says so on each text it
/// holds (`xml:lang` on title, summary and content): Atom has no other
/// place for it, and the attribute applies to what it is written on.
fn atom_entry(config: &Config, entry: &Entry, feed_language: &str) -> atom_syndication::Entry {
    let record = &entry.item.record;
    let lang = entry.language_if_not(feed_language).map(String::from);
    let text = |value: &str| Text {
        lang: lang.clone(),
        ..text(value)
    };
    let mut links = vec![Link {
        href: entry.item.link.to_string(),
        rel: "alternate".into(),
        mime_type: Some("text/html".into()),
        ..Link::default()
    }];
    if let Some(enclosure) = &entry.enclosure {
        links.push(Link {
            href: enclosure.url.clone(),
            rel: "enclosure".into(),
            mime_type: Some(enclosure.mime_type.clone()),
            length: Some(enclosure.length.to_string()),
            ..Link::default()
        });
    }
    links.extend(entry.item.related.iter().filter_map(|related| {
        Some(Link {
            href: related.href.clone()?,
            rel: "related".into(),
            title: related.title.clone(),
            ..Link::default()
        })
    }));
    atom_syndication::Entry {
        title: text(&record.title),
        id: entry.item.id.clone(),
        updated: entry.item.updated,
        published: Some(record.date),
        // The site's author when the record names none: Atom lets an entry
        // inherit the feed's, but common readers then show no author.
        authors: entry
            .authors(config)
            .into_iter()
            .map(|author| Person {
                name: author.name,
                email: author.email,
                uri: author.uri,
                ..Person::default()
            })
            .collect(),
        categories: record
            .details()
            .tags
            .iter()
            .map(|tag| Category {
                term: tag.clone(),
                ..Category::default()
            })
            .collect(),
        links,
        // An empty summary is left out: Atom allows none, not a blank one.
        // An entry needs some text, though: with no content either (a body
        // of nothing but unsafe markup), the title is its summary.
        summary: if !entry.summary.is_empty() {
            Some(text(&entry.summary))
        } else if entry.html.trim().is_empty() {
            Some(text(&entry.item.record.title))
        } else {
            None
        },
        // A body the sanitiser emptied (only unsafe markup) gives no
        // content rather than a blank one; the entry's link stands in.
        content: (!entry.html.trim().is_empty()).then(|| Content {
            value: Some(entry.html.clone()),
            content_type: Some("html".into()),
            lang: lang.clone(),
            ..Content::default()
        }),
        ..atom_syndication::Entry::default()
    }
}
