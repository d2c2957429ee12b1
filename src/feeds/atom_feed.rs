//! Atom 1.0 (RFC 4287).

use super::entry::{Entry, last_updated, xml_safe};
use crate::site::config::Config;
use atom_syndication::{
    Category, Content, Feed, FixedDateTime, Generator, Link, Person, Text, WriteConfig,
};

pub fn atom(config: &Config, entries: &[Entry]) -> Vec<u8> {
    let feed = Feed {
        title: Text::plain(config.title.clone()),
        id: config.atom_url().to_string(),
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
        links: vec![
            Link {
                href: config.base_url.to_string(),
                rel: "alternate".into(),
                mime_type: Some("text/html".into()),
                ..Link::default()
            },
            Link {
                href: config.atom_url().to_string(),
                rel: "self".into(),
                mime_type: Some("application/atom+xml".into()),
                ..Link::default()
            },
        ],
        subtitle: Some(Text::plain(config.description.clone())),
        lang: Some(config.language.clone()),
        entries: entries.iter().map(atom_entry).collect(),
        ..Feed::default()
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
    xml_safe(String::from_utf8(out).unwrap_or_default()).into_bytes()
}

/// An empty feed still needs `updated`. A fixed instant keeps rebuilds
/// byte-identical; the validator calls anything before 1990 implausible,
/// hence not the Unix epoch.
fn epoch() -> FixedDateTime {
    FixedDateTime::parse_from_rfc3339("2000-01-01T00:00:00+00:00").unwrap_or_default()
}

fn atom_entry(entry: &Entry) -> atom_syndication::Entry {
    let record = &entry.item.record;
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
        title: Text::plain(record.title.clone()),
        id: entry.item.id.clone(),
        updated: entry.item.updated,
        published: Some(record.date),
        // Entries without authors inherit the feed's.
        authors: record
            .details()
            .authors
            .iter()
            .map(|author| Person {
                name: author.name.clone(),
                email: author.email.clone(),
                uri: author.uri.clone(),
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
        // A record whose body has no paragraph (only a heading) has no
        // summary; an empty <summary> is a NotBlank warning, and the
        // content says everything.
        summary: (!entry.summary.is_empty()).then(|| Text::plain(entry.summary.clone())),
        content: Some(Content {
            value: Some(entry.html.clone()),
            content_type: Some("html".into()),
            ..Content::default()
        }),
        ..atom_syndication::Entry::default()
    }
}
