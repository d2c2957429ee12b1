//! The namespaces a document declares and uses, checked against the
//! ones readers know (`vocabularies`).

use super::Walker;
use crate::validate::vocabularies::{KNOWN, is_known, legacy};

const XHTML: &str = "http://www.w3.org/1999/xhtml";
use roxmltree::Node;
use std::collections::HashSet;

impl Walker<'_, '_> {
    /// The namespaces a document declares: a conventional prefix bound to
    /// another namespace (`ReservedPrefix`), the old wiki one on usemod.com
    /// (`ObsoleteWikiNamespace`) and ones no reader knows
    /// (`UnknownNamespace`). The root's declarations are read directly;
    /// below it, each element's namespace is looked at once, in the pass
    /// over the elements that other document-wide rules make anyway.
    pub(crate) fn declared_namespaces(&mut self, root: Node) {
        let mut reported: HashSet<&str> = HashSet::new();
        for namespace in root.namespaces() {
            let uri = namespace.uri();
            // Reported here or not at all: a declaration is one finding.
            let first = reported.insert(uri);
            let prefix = namespace.name().unwrap_or_default();
            if uri.contains(char::is_whitespace) {
                // A namespace name is a URI (Namespaces in XML 1.0, 2),
                // and no URI holds a space: parsers that check refuse it.
                self.error(
                    root,
                    "SAXError",
                    format!("the namespace {uri:?} holds white space, so it is no URI"),
                );
            } else if prefix == "wiki" && uri.contains("usemod") {
                self.warning(root, "ObsoleteWikiNamespace", format!("the wiki namespace {uri:?} is obsolete; use http://purl.org/rss/1.0/modules/wiki/"));
            } else if !prefix.is_empty()
                && !legacy(uri)
                && let Some((preferred, _)) = KNOWN.iter().find(|(_, p)| *p == prefix)
                && !KNOWN.iter().any(|(u, p)| *u == uri && *p == prefix)
            {
                self.warning(
                    root,
                    "ReservedPrefix",
                    format!("the prefix {prefix}: is by convention {preferred}, not {uri:?}"),
                );
            } else if !uri.is_empty() && !is_known(uri) && first {
                self.unknown_namespace(root, uri);
            }
        }
        let rss = root.tag_name().name() == "rss";
        let atom = root.tag_name().namespace() == Some(super::ATOM);
        let mut prefixed_xhtml = false;
        let mut last: Option<&str> = None;
        for element in root.descendants().filter(Node::is_element) {
            let Some(uri) = element.tag_name().namespace().filter(|u| !u.is_empty()) else {
                if rss {
                    self.rss_core_element(element);
                }
                continue;
            };
            if atom && !prefixed_xhtml && uri == XHTML {
                prefixed_xhtml = element.lookup_prefix(XHTML).is_some_and(|p| !p.is_empty())
                    && !element
                        .namespaces()
                        .any(|ns| ns.name().is_none() && ns.uri() == XHTML);
                if prefixed_xhtml {
                    self.warning(
                        element,
                        "AvoidNamespacePrefix",
                        "write XHTML content in the default namespace; some readers drop prefixed XHTML".into(),
                    );
                }
            }
            if last.is_some_and(|l| std::ptr::eq(l, uri)) {
                continue;
            }
            last = Some(uri);
            if !is_known(uri) && reported.insert(uri) {
                self.unknown_namespace(element, uri);
            }
        }
    }

    /// An element of RSS 2.0 itself (no namespace): inside an extension it
    /// must be namespaced too (`NotInANamespace`); attributes from unknown
    /// namespaces on `<rss>` are ignored by readers (`UseOfExtensionAttr`).
    fn rss_core_element(&mut self, element: Node) {
        if element
            .parent_element()
            .and_then(|p| p.tag_name().namespace())
            .is_some_and(|ns| !ns.is_empty())
        {
            self.error(
                element,
                "NotInANamespace",
                format!(
                    "<{}> inside an extension element is in no namespace",
                    element.tag_name().name()
                ),
            );
        }
        // The RSS Advisory Board's profile allows extension attributes on
        // channel and item elements; on <rss> itself readers ignore them
        // (and the W3C service warns only there).
        if element.parent_element().is_some() {
            return;
        }
        for attribute in element.attributes() {
            if let Some(ns) = attribute.namespace()
                && !is_known(ns)
            {
                self.warning(
                    element,
                    "UseOfExtensionAttr",
                    format!(
                        "<{}> carries the extension attribute {}; RSS 2.0 elements take none",
                        element.tag_name().name(),
                        attribute.name()
                    ),
                );
            }
        }
    }

    fn unknown_namespace(&mut self, node: Node, uri: &str) {
        self.warning(
            node,
            "UnknownNamespace",
            format!("the namespace {uri:?} is not one readers know; they will ignore its elements"),
        );
    }
}
