//! What would change in a feed file, item by item, for `build --check`: a
//! CI log should say "2 added, 1 changed", not merely "differs".

pub use crate::report::outcome::{Change, FeedKind};
use std::collections::BTreeMap;

pub fn compare(kind: FeedKind, old: &[u8], new: &[u8]) -> Change {
    let compared = match kind {
        FeedKind::Rss => rss_items(old)
            .zip(rss_items(new))
            .map(|(o, n)| compare_items(&o, &n)),
        FeedKind::Atom => atom_items(old)
            .zip(atom_items(new))
            .map(|(o, n)| compare_items(&o, &n)),
        FeedKind::Json => json_items(old)
            .zip(json_items(new))
            .map(|(o, n)| compare_items(&o, &n)),
        FeedKind::Opml => opml_outlines(old)
            .zip(opml_outlines(new))
            .map(|(o, n)| compare_items(&o, &n)),
        // Not lists of items: `write::check_one` never compares them.
        FeedKind::Stylesheet | FeedKind::Page => None,
    };
    let mut change = compared.unwrap_or(Change {
        unreadable: true,
        ..Change::default()
    });
    let (old_rest, old_has) = without_instruction(old);
    let (new_rest, new_has) = without_instruction(new);
    if old_has != new_has {
        change.instruction = Some(if new_has { "added" } else { "removed" });
        change.only_instruction = old_rest == new_rest;
    }
    change
}

/// The document without its `<?xml-stylesheet …?>` line (which
/// `stylesheet = true` puts right after the declaration), and whether it
/// had one.
fn without_instruction(document: &[u8]) -> (Vec<u8>, bool) {
    const START: &[u8] = b"<?xml-stylesheet ";
    let head = &document[..document.len().min(512)];
    let Some(start) = head.windows(START.len()).position(|window| window == START) else {
        return (document.to_vec(), false);
    };
    let end = document[start..]
        .windows(2)
        .position(|window| window == b"?>")
        .map_or(document.len(), |end| start + end + 2);
    let end = end + usize::from(document.get(end) == Some(&b'\n'));
    let mut rest = document[..start].to_vec();
    rest.extend_from_slice(&document[end..]);
    (rest, true)
}

fn compare_items<T: PartialEq>(old: &BTreeMap<String, T>, new: &BTreeMap<String, T>) -> Change {
    let mut change = Change::default();
    for (id, item) in new {
        match old.get(id) {
            None => change.added.push(id.clone()),
            Some(old_item) if old_item != item => change.changed.push(id.clone()),
            Some(_) => {}
        }
    }
    change.removed = old
        .keys()
        .filter(|id| !new.contains_key(*id))
        .cloned()
        .collect();
    change
}

/// Items keyed by id, parsed back with the same crate that wrote them, so
/// that equal items compare equal field by field.
fn rss_items(bytes: &[u8]) -> Option<BTreeMap<String, rss::Item>> {
    let channel = rss::Channel::read_from(bytes).ok()?;
    Some(
        channel
            .items
            .into_iter()
            .map(|item| {
                let id = item
                    .guid
                    .as_ref()
                    .map(|guid| guid.value.clone())
                    .or_else(|| item.link.clone())
                    .unwrap_or_default();
                (id, item)
            })
            .collect(),
    )
}

fn atom_items(bytes: &[u8]) -> Option<BTreeMap<String, atom_syndication::Entry>> {
    let feed = atom_syndication::Feed::read_from(bytes).ok()?;
    Some(
        feed.entries
            .into_iter()
            .map(|entry| (entry.id.clone(), entry))
            .collect(),
    )
}

/// JSON Feed items keyed by `id`, compared as JSON values: key order and
/// spacing never count as a change.
fn json_items(bytes: &[u8]) -> Option<BTreeMap<String, serde_json::Value>> {
    let mut feed: serde_json::Value = serde_json::from_slice(bytes).ok()?;
    let serde_json::Value::Array(items) = feed.get_mut("items")?.take() else {
        return None;
    };
    Some(
        items
            .into_iter()
            .map(|item| {
                let id = match item.get("id") {
                    Some(serde_json::Value::String(id)) => id.clone(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                };
                (id, item)
            })
            .collect(),
    )
}

/// The feeds an OPML list names, keyed by URL, each with its text: feeds
/// added and removed are the change that matters there.
fn opml_outlines(bytes: &[u8]) -> Option<BTreeMap<String, String>> {
    let text = std::str::from_utf8(bytes).ok()?;
    let document = roxmltree::Document::parse(text).ok()?;
    Some(
        document
            .descendants()
            .filter(|node| node.has_tag_name("outline"))
            .filter_map(|node| {
                Some((
                    node.attribute("xmlUrl")?.to_string(),
                    node.attribute("text").unwrap_or_default().to_string(),
                ))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rss(items: &[(&str, &str)]) -> Vec<u8> {
        let channel = rss::Channel {
            title: "t".into(),
            link: "https://example.com/".into(),
            items: items
                .iter()
                .map(|(id, title)| rss::Item {
                    title: Some((*title).into()),
                    guid: Some(rss::Guid {
                        value: (*id).into(),
                        permalink: false,
                    }),
                    ..rss::Item::default()
                })
                .collect(),
            ..rss::Channel::default()
        };
        channel.to_string().into_bytes()
    }

    #[test]
    fn the_stylesheet_instruction_is_named_when_it_comes_or_goes() {
        // As the feeds are written: the declaration on a line of its own.
        let plain = String::from_utf8(rss(&[("tag:a", "A")]))
            .unwrap()
            .replacen("?>", "?>\n", 1)
            .into_bytes();
        let declared = crate::feeds::stylesheet::declared(plain.clone(), "feed.xsl");
        let added = compare(FeedKind::Rss, &plain, &declared);
        assert_eq!(
            added.summary(),
            "items unchanged; stylesheet instruction added"
        );
        let removed = compare(FeedKind::Rss, &declared, &plain);
        assert_eq!(
            removed.summary(),
            "items unchanged; stylesheet instruction removed"
        );
        let retitled = String::from_utf8(plain.clone()).unwrap().replacen(
            "<title>t</title>",
            "<title>u</title>",
            1,
        );
        let both = compare(FeedKind::Rss, &declared, retitled.as_bytes());
        assert_eq!(
            both.summary(),
            "items unchanged; stylesheet instruction removed; feed-level fields differ"
        );
        let neither = compare(FeedKind::Rss, &plain, retitled.as_bytes());
        assert_eq!(
            neither.summary(),
            "items unchanged; feed-level fields differ"
        );
        let more = compare(
            FeedKind::Rss,
            &declared,
            &rss(&[("tag:a", "A"), ("tag:b", "B")]),
        );
        assert_eq!(
            more.summary(),
            "1 added (tag:b), stylesheet instruction removed"
        );
    }

    #[test]
    fn items_are_compared_by_id() {
        let old = rss(&[("tag:a", "A"), ("tag:b", "B"), ("tag:c", "C")]);
        let new = rss(&[("tag:a", "A"), ("tag:b", "B2"), ("tag:d", "D")]);
        let change = compare(FeedKind::Rss, &old, &new);
        assert_eq!(change.added, ["tag:d"]);
        assert_eq!(change.removed, ["tag:c"]);
        assert_eq!(change.changed, ["tag:b"]);
        assert_eq!(
            change.summary(),
            "1 added (tag:d), 1 removed (tag:c), 1 changed (tag:b)"
        );
    }

    #[test]
    fn a_file_that_is_not_a_feed_is_said_so() {
        let change = compare(FeedKind::Atom, b"not xml", b"<feed/>");
        assert!(change.unreadable);
    }
}
