//! RSS 1.0 (RDF Site Summary): `rdf:RDF` holding one `channel`, an
//! optional `image` and `textinput`, and the `item`s, each named by
//! `rdf:about`; the channel lists its items in `items/rdf:Seq`.

use super::{
    ADMIN, DC, DCTERMS, GEO, Kind, RDF, RSS1, SLASH, SYNDICATION, TRACKBACK, Walker, elements,
    name_of,
};
use crate::validate::values::{self, UriForm};
use roxmltree::Node;
use std::collections::HashMap;

/// Each RSS 1.0 element's children from the specification, and which of
/// them it must have.
fn core_children(name: &str) -> Option<(&'static [&'static str], &'static [&'static str])> {
    Some(match name {
        "channel" => (
            &[
                "title",
                "link",
                "description",
                "image",
                "items",
                "textinput",
            ],
            &["title", "link", "description", "items"],
        ),
        "image" => (&["title", "url", "link"], &["title", "url", "link"]),
        "textinput" => (
            &["title", "description", "name", "link"],
            &["title", "description", "name", "link"],
        ),
        "item" => (&["title", "link", "description"], &["title", "link"]),
        _ => return None,
    })
}

/// RSS 0.90, RSS 1.0's predecessor: the same elements in its own
/// namespace, without `rdf:about` and without `items`.
const RSS090: &str = "http://my.netscape.com/rdf/simple/0.9/";

impl Walker<'_, '_> {
    /// An `rdf:RDF` document: RSS 1.0, or RSS 0.90.
    pub(crate) fn rdf(&mut self, root: Node) {
        let core = if elements(root).any(|c| c.tag_name().namespace() == Some(RSS090)) {
            RSS090
        } else {
            RSS1
        };
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for child in elements(root) {
            match child.tag_name().namespace() {
                None | Some("") => {
                    self.undeterminable(child);
                    continue;
                }
                Some(ns) if ns == core => {}
                Some(_) => continue,
            }
            let name = child.tag_name().name();
            let count = {
                let slot = seen.entry(name).or_default();
                *slot += 1;
                *slot
            };
            let Some((allowed, required)) = core_children(name) else {
                self.undefined(child, root);
                continue;
            };
            // One channel, image and text input per document; items repeat.
            if count > 1 && name != "item" {
                self.duplicate(child);
            }
            if core == RSS1 {
                self.rdf_about(child);
                self.rdf_container(child, core, allowed, required);
            } else {
                let required: Vec<&str> =
                    required.iter().copied().filter(|r| *r != "items").collect();
                self.rdf_container(child, core, allowed, &required);
            }
        }
        if !seen.contains_key("channel") {
            self.missing(root, "channel");
        }
    }

    /// `rdf:about` names every channel, image, text input and item.
    fn rdf_about(&mut self, node: Node) {
        match node.attribute((RDF, "about")) {
            None => self.error(
                node,
                "MissingAttribute",
                format!("<{}> has no rdf:about naming it", name_of(node)),
            ),
            Some(about) => {
                if let Some(broken) = values::uri(about.trim(), UriForm::Reference, "InvalidLink") {
                    self.report(node, broken, &format!("has rdf:about={about:?}"));
                }
            }
        }
    }

    fn rdf_container(&mut self, node: Node, core: &str, allowed: &[&str], required: &[&str]) {
        let mut seen: HashMap<(&str, &str), usize> = HashMap::new();
        for child in elements(node) {
            let ns = child.tag_name().namespace().unwrap_or_default();
            let name = child.tag_name().name();
            let count = {
                let slot = seen.entry((ns, name)).or_default();
                *slot += 1;
                *slot
            };
            match ns {
                "" => self.undeterminable(child),
                ns if ns == core && !allowed.contains(&name) => self.undefined(child, node),
                ns if ns == core => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    self.rdf_core(child, node);
                }
                // Dublin Core values may be RDF resources (a foaf:Person,
                // an rdf:Description) instead of text.
                DC if elements(child).next().is_none() => self.dublin_core(child, node, count),
                TRACKBACK if child.attribute((RDF, "resource")).is_none() => self.error(
                    child,
                    "MissingAttribute",
                    format!(
                        "<{}> in RSS 1.0 names its URL in rdf:resource",
                        name_of(child)
                    ),
                ),
                SYNDICATION | ADMIN | SLASH | TRACKBACK | DCTERMS => {
                    self.module(child, node, ns, count);
                }
                geo if GEO.contains(&geo) => self.module(child, node, ns, count),
                _ => {}
            }
        }
        for name in required {
            if !seen.contains_key(&(core, *name)) {
                self.missing(node, name);
            }
        }
    }

    fn rdf_core(&mut self, node: Node, parent: Node) {
        match node.tag_name().name() {
            "image" | "textinput" if parent.tag_name().name() == "channel" => {
                if node.attribute((RDF, "resource")).is_none() {
                    self.error(
                        node,
                        "MissingAttribute",
                        format!("<{}> in <channel> names it in rdf:resource", name_of(node)),
                    );
                }
            }
            "items" => self.rdf_items(node),
            name => {
                // A literal: markup inside would be RDF, not text.
                if elements(node).next().is_some() {
                    self.error(
                        node,
                        "InvalidRDF",
                        format!("<{name}> holds elements; in RSS 1.0 it is text"),
                    );
                    return;
                }
                let kind = if ["link", "url"].contains(&name) {
                    Kind::FullUri
                } else {
                    Kind::Text
                };
                self.leaf(node, kind);
            }
        }
    }

    /// `items` holds one `rdf:Seq` of `rdf:li`, each naming an item by
    /// `rdf:resource` (or the bare `resource` older feeds write).
    fn rdf_items(&mut self, node: Node) {
        for li in node.descendants().filter(|n| {
            n.is_element() && n.tag_name().namespace() == Some(RDF) && n.tag_name().name() == "li"
        }) {
            for attribute in li.attributes() {
                let known = matches!(
                    (attribute.namespace(), attribute.name()),
                    (Some(RDF) | None, "resource")
                );
                if !known {
                    self.error(
                        li,
                        "UnexpectedAttribute",
                        format!(
                            "<rdf:li> has an attribute {} it does not take",
                            attribute.name()
                        ),
                    );
                }
            }
        }
    }
}
