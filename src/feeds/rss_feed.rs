//! RSS 2.0, with the `content`, `dc` and `atom` namespaces, and for
//! podcasts `itunes`, `podcast` and `media`.

use super::entry::{Entry, Feed, finish_xml, generator_name, last_updated};
use super::podcast;
use crate::input::dates::to_rfc2822;
use crate::site::config::Config;
use html_escape::encode_text;
use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

pub fn rss(feed: &Feed) -> Vec<u8> {
    let (config, entries) = (feed.config, &feed.entries);
    let self_link = Link {
        href: feed.self_url.to_string(),
        rel: "self".into(),
        mime_type: Some("application/rss+xml".into()),
        ..Link::default()
    };
    let mut links = vec![self_link];
    links.extend(feed.history.links().into_iter().map(|(rel, url)| Link {
        href: url.to_string(),
        rel: rel.into(),
        ..Link::default()
    }));
    let mut namespaces = podcast::namespaces(config, entries);
    namespaces.extend(feed.history.namespaces());
    let mut extensions = config
        .podcast
        .as_ref()
        .map(|podcast| podcast::channel_extensions(config, podcast))
        .unwrap_or_default();
    extensions.extend(super::history::archive_marker(&feed.history, |name| {
        rss::extension::Extension {
            name,
            // Some empty text keeps the pretty printer from putting a
            // line break (text content) inside an element that has none.
            value: Some(String::new()),
            ..rss::extension::Extension::default()
        }
    }));
    let channel = Channel {
        title: feed.title.clone(),
        link: config.base_url.to_string(),
        description: config.description.clone(),
        language: Some(feed.language.clone()),
        managing_editor: config
            .author
            .email
            .as_ref()
            .map(|email| format!("{email} ({})", config.author.name)),
        last_build_date: last_updated(entries).map(|date| to_rfc2822(&date)),
        generator: Some(generator_name()),
        atom_ext: Some(AtomExtension { links }),
        items: entries.iter().map(|entry| item(config, entry)).collect(),
        namespaces,
        itunes_ext: config
            .podcast
            .as_ref()
            .map(|podcast| podcast::channel_itunes(config, podcast)),
        extensions,
        ..Channel::default()
    };
    let mut out = Vec::new();
    // Writing to a Vec cannot fail; an error here would be a bug in `rss`.
    channel
        .pretty_write_to(&mut out, b' ', 2)
        .expect("writing RSS to memory");
    out.push(b'\n');
    finish_xml(out, feed.stylesheet.as_deref())
}

fn item(config: &Config, entry: &Entry) -> Item {
    let record = &entry.item.record;
    let related: Vec<Link> = entry
        .item
        .related
        .iter()
        .filter_map(|related| {
            Some(Link {
                href: related.href.clone()?,
                rel: "related".into(),
                title: related.title.clone(),
                ..Link::default()
            })
        })
        .collect();
    Item {
        title: Some(record.title.clone()),
        link: Some(entry.item.link.to_string()),
        // Plain text in a field readers treat as HTML: escape it so that a
        // literal `<` stays text. An item with no prose (an image, a
        // heading) gets its title rather than a blank description: the
        // validator wants a description before `content:encoded`.
        description: Some(
            encode_text(if entry.summary.is_empty() {
                &record.title
            } else {
                &entry.summary
            })
            .into_owned(),
        ),
        categories: record
            .details()
            .tags
            .iter()
            .map(|tag| Category {
                name: tag.clone(),
                domain: None,
            })
            .collect(),
        guid: Some(Guid {
            value: entry.item.id.clone(),
            permalink: entry.item.id_is_permalink,
        }),
        pub_date: Some(to_rfc2822(&record.date)),
        content: (!entry.html.trim().is_empty()).then(|| entry.html.clone()),
        enclosure: entry.enclosure.as_ref().map(|enclosure| rss::Enclosure {
            url: enclosure.url.clone(),
            length: enclosure.length.to_string(),
            mime_type: enclosure.mime_type.clone(),
        }),
        itunes_ext: config.podcast.as_ref().map(|_| podcast::item_itunes(entry)),
        extensions: podcast::item_extensions(config, entry),
        atom_ext: (!related.is_empty()).then_some(AtomExtension { links: related }),
        dublin_core_ext: Some(DublinCoreExtension {
            // One `dc:creator` naming everyone: common readers show only
            // one of several (the last, often).
            creators: vec![names_in_prose(
                entry.authors(config).into_iter().map(|a| a.name).collect(),
            )],
            ..DublinCoreExtension::default()
        }),
        ..Item::default()
    }
}

/// "A", "A and B", "A, B and C": names as a byline writes them.
fn names_in_prose(mut names: Vec<String>) -> String {
    match names.pop() {
        None => String::new(),
        Some(last) if names.is_empty() => last,
        Some(last) => format!("{} and {last}", names.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn names_are_joined_as_a_byline() {
        let names = |list: &[&str]| {
            super::names_in_prose(list.iter().map(|name| (*name).to_owned()).collect())
        };
        assert_eq!(names(&["Ana"]), "Ana");
        assert_eq!(names(&["Ana", "Tomás"]), "Ana and Tomás");
        assert_eq!(names(&["Ana", "Tomás", "Li Wei"]), "Ana, Tomás and Li Wei");
    }
}
