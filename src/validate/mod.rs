//! Validate: takes the bytes of a feed document and gives located problems
//! against the rules of its format. It knows no site, so `build` runs it on
//! every feed it renders before writing anything, and it can check any
//! feed. Each problem's message starts with a stable rule name; where the
//! W3C Feed Validation Service has the same rule, it is that service's
//! message class name.

use crate::report::diagnostic::Diagnostic;
use crate::report::outcome::FeedKind;
use roxmltree::{Document, Node, ParsingOptions};
use std::path::Path;

const ATOM_NAMESPACE: &str = "http://www.w3.org/2005/Atom";

/// Checks one document; an empty list means it passed every rule.
pub fn check(path: &Path, kind: FeedKind, bytes: &[u8]) -> Vec<Diagnostic> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return vec![Diagnostic::error(
            path,
            None,
            "UnicodeError: the document is not UTF-8",
        )];
    };
    // No DTD: a feed needs none, and an entity in one could expand without
    // bound or name an outside file.
    let options = ParsingOptions {
        allow_dtd: false,
        ..ParsingOptions::default()
    };
    let document = match Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(error) => {
            let position = error.pos();
            return vec![
                Diagnostic::error(
                    path,
                    Some(position.row as usize),
                    format!("SAXError: the document is not well-formed XML: {error}"),
                )
                .with_column(position.col as usize, 1),
            ];
        }
    };
    let mut problems = Vec::new();
    let root = document.root_element();
    match kind {
        FeedKind::Rss => check_rss(path, &document, root, &mut problems),
        FeedKind::Atom => check_atom(path, &document, root, &mut problems),
    }
    problems
}

fn missing(path: &Path, document: &Document, parent: Node, name: &str) -> Diagnostic {
    let position = document.text_pos_at(parent.range().start);
    Diagnostic::error(
        path,
        Some(position.row as usize),
        format!(
            "MissingElement: <{}> has no <{name}>",
            parent.tag_name().name()
        ),
    )
    .with_column(position.col as usize, 1)
}

fn child<'a, 'input>(
    node: Node<'a, 'input>,
    namespace: Option<&str>,
    name: &str,
) -> Option<Node<'a, 'input>> {
    node.children().find(|child| {
        child.is_element()
            && child.tag_name().name() == name
            && child.tag_name().namespace() == namespace
    })
}

fn check_rss(path: &Path, document: &Document, root: Node, problems: &mut Vec<Diagnostic>) {
    if root.tag_name().name() != "rss" || root.attribute("version") != Some("2.0") {
        problems.push(Diagnostic::error(
            path,
            Some(1),
            "UndefinedElement: the root element is not <rss version=\"2.0\">",
        ));
        return;
    }
    let Some(channel) = child(root, None, "channel") else {
        problems.push(missing(path, document, root, "channel"));
        return;
    };
    for name in ["title", "link", "description"] {
        if child(channel, None, name).is_none() {
            problems.push(missing(path, document, channel, name));
        }
    }
    for item in channel
        .children()
        .filter(|node| node.is_element() && node.tag_name().name() == "item")
    {
        if child(item, None, "title").is_none() && child(item, None, "description").is_none() {
            problems.push(missing(path, document, item, "title"));
        }
    }
}

fn check_atom(path: &Path, document: &Document, root: Node, problems: &mut Vec<Diagnostic>) {
    if root.tag_name().name() != "feed" || root.tag_name().namespace() != Some(ATOM_NAMESPACE) {
        problems.push(Diagnostic::error(
            path,
            Some(1),
            "UndefinedElement: the root element is not an Atom <feed>",
        ));
        return;
    }
    let ns = Some(ATOM_NAMESPACE);
    for name in ["id", "title", "updated"] {
        if child(root, ns, name).is_none() {
            problems.push(missing(path, document, root, name));
        }
    }
    for entry in root
        .children()
        .filter(|node| node.is_element() && node.tag_name().name() == "entry")
    {
        for name in ["id", "title", "updated"] {
            if child(entry, ns, name).is_none() {
                problems.push(missing(path, document, entry, name));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_channel_without_its_required_elements_is_named() {
        let problems = check(
            Path::new("f.xml"),
            FeedKind::Rss,
            b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        );
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "MissingElement: <channel> has no <link>",
                "MissingElement: <channel> has no <description>"
            ]
        );
    }

    #[test]
    fn a_dtd_is_refused_before_any_entity_expands() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>";
        let problems = check(Path::new("f.xml"), FeedKind::Rss, bomb.as_bytes());
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("SAXError"), "{problems:?}");
    }

    #[test]
    fn an_atom_entry_needs_id_title_and_updated() {
        let feed = format!(
            "<feed xmlns=\"{ATOM_NAMESPACE}\"><id>x</id><title>t</title><updated>2025-01-01T00:00:00Z</updated>\n<entry><id>y</id></entry></feed>"
        );
        let problems = check(Path::new("a.xml"), FeedKind::Atom, feed.as_bytes());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
    }
}
