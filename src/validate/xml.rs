//! RSS 2.0 (and its 0.9x ancestors), RSS 1.0 and Atom 1.0 documents, with
//! the namespaces feeds carry. The tree is walked once; each element is
//! checked by the rules of the place it appears in (a channel's `title` is
//! not an item's), and the value rules live in `values` and `html`.

use super::html;
use super::vocabularies;
mod rdf;

mod namespaces;
use super::sink::Sink;
use super::values::{self, Broken, UriForm};
use roxmltree::{Document, Node};
use std::collections::{HashMap, HashSet};

pub(crate) const ATOM: &str = "http://www.w3.org/2005/Atom";
const ATOM_03: &str = "http://purl.org/atom/ns#";
const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";
const DC: &str = "http://purl.org/dc/elements/1.1/";
const DCTERMS: &str = "http://purl.org/dc/terms/";
const ITUNES: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
const MEDIA: &str = "http://search.yahoo.com/mrss/";
const XHTML: &str = "http://www.w3.org/1999/xhtml";
const HISTORY: &str = "http://purl.org/syndication/history/1.0";
const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const SVG: &str = "http://www.w3.org/2000/svg";

/// `MathML` 2 presentation markup.
const MATHML_ELEMENTS: &[&str] = &[
    "annotation",
    "annotation-xml",
    "maction",
    "math",
    "merror",
    "mfrac",
    "mi",
    "mmultiscripts",
    "mn",
    "mo",
    "mover",
    "mpadded",
    "mphantom",
    "mprescripts",
    "mroot",
    "mrow",
    "mspace",
    "msqrt",
    "mstyle",
    "msub",
    "msubsup",
    "msup",
    "mtable",
    "mtd",
    "mtext",
    "mtr",
    "munder",
    "munderover",
    "none",
    "semantics",
];
const MATHML_ATTRIBUTES: &[&str] = &[
    "actiontype",
    "align",
    "columnalign",
    "columnlines",
    "columnspacing",
    "columnspan",
    "depth",
    "display",
    "displaystyle",
    "encoding",
    "equalcolumns",
    "equalrows",
    "fence",
    "fontstyle",
    "fontweight",
    "frame",
    "height",
    "linethickness",
    "lspace",
    "mathbackground",
    "mathcolor",
    "mathvariant",
    "maxsize",
    "minsize",
    "other",
    "rowalign",
    "rowlines",
    "rowspacing",
    "rowspan",
    "rspace",
    "scriptlevel",
    "selection",
    "separator",
    "stretchy",
    "width",
    "xlink:href",
    "xlink:show",
    "xlink:type",
];
/// SVG Tiny 1.2's static and animation elements, without foreign content.
const SVG_ELEMENTS: &[&str] = &[
    "a",
    "animate",
    "animateColor",
    "animateMotion",
    "animateTransform",
    "circle",
    "defs",
    "desc",
    "ellipse",
    "font-face",
    "font-face-name",
    "font-face-src",
    "g",
    "glyph",
    "hkern",
    "linearGradient",
    "line",
    "marker",
    "metadata",
    "missing-glyph",
    "mpath",
    "path",
    "polygon",
    "polyline",
    "radialGradient",
    "rect",
    "set",
    "stop",
    "svg",
    "switch",
    "text",
    "title",
    "tspan",
    "use",
];
const SVG_ATTRIBUTES: &[&str] = &[
    "accent-height",
    "accumulate",
    "additive",
    "alphabetic",
    "arabic-form",
    "ascent",
    "attributeName",
    "attributeType",
    "baseProfile",
    "bbox",
    "begin",
    "by",
    "calcMode",
    "cap-height",
    "class",
    "color",
    "color-rendering",
    "content",
    "cx",
    "cy",
    "d",
    "dx",
    "dy",
    "descent",
    "display",
    "dur",
    "end",
    "fill",
    "fill-opacity",
    "fill-rule",
    "font-family",
    "font-size",
    "font-stretch",
    "font-style",
    "font-variant",
    "font-weight",
    "from",
    "fx",
    "fy",
    "g1",
    "g2",
    "glyph-name",
    "gradientUnits",
    "hanging",
    "height",
    "horiz-adv-x",
    "horiz-origin-x",
    "id",
    "ideographic",
    "k",
    "keyPoints",
    "keySplines",
    "keyTimes",
    "lang",
    "mathematical",
    "marker-end",
    "marker-mid",
    "marker-start",
    "markerHeight",
    "markerUnits",
    "markerWidth",
    "max",
    "min",
    "name",
    "offset",
    "opacity",
    "orient",
    "origin",
    "overline-position",
    "overline-thickness",
    "panose-1",
    "path",
    "pathLength",
    "points",
    "preserveAspectRatio",
    "r",
    "refX",
    "refY",
    "repeatCount",
    "repeatDur",
    "requiredExtensions",
    "requiredFeatures",
    "restart",
    "rotate",
    "rx",
    "ry",
    "slope",
    "stemh",
    "stemv",
    "stop-color",
    "stop-opacity",
    "strikethrough-position",
    "strikethrough-thickness",
    "stroke",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-miterlimit",
    "stroke-opacity",
    "stroke-width",
    "style",
    "systemLanguage",
    "target",
    "text-anchor",
    "to",
    "transform",
    "type",
    "u1",
    "u2",
    "underline-position",
    "underline-thickness",
    "unicode",
    "unicode-range",
    "units-per-em",
    "values",
    "version",
    "viewBox",
    "visibility",
    "width",
    "widths",
    "x",
    "x-height",
    "x1",
    "x2",
    "xlink:actuate",
    "xlink:arcrole",
    "xlink:href",
    "xlink:role",
    "xlink:show",
    "xlink:title",
    "xlink:type",
    "xml:base",
    "xml:lang",
    "xml:space",
    "y",
    "y1",
    "y2",
    "zoomAndPan",
];
const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";
const RSS1: &str = "http://purl.org/rss/1.0/";
const XML: &str = "http://www.w3.org/XML/1998/namespace";
const SYNDICATION: &str = "http://purl.org/rss/1.0/modules/syndication/";
const ADMIN: &str = "http://webns.net/mvcb/";
const SLASH: &str = "http://purl.org/rss/1.0/modules/slash/";
const TRACKBACK: &str = "http://madskills.com/public/xml/rss/module/trackback/";
const CC: &str = "http://web.resource.org/cc/";
const CREATIVE_COMMONS: &str = "http://backend.userland.com/creativeCommonsRssModule";
/// Latitude and longitude in three vocabularies: W3C geo, `GeoURL`, ICBM.
const GEO: &[&str] = &[
    "http://www.w3.org/2003/01/geo/wgs84_pos#",
    "http://geourl.org/rss/module/",
    "http://postneo.com/icbm",
];

/// Deeper than any feed needs; a nesting bomb stops here.
pub(crate) const MAX_DEPTH: usize = 256;

const DC_ELEMENTS: &[&str] = &[
    "title",
    "creator",
    "subject",
    "description",
    "publisher",
    "contributor",
    "date",
    "type",
    "format",
    "identifier",
    "source",
    "language",
    "relation",
    "coverage",
    "rights",
];

/// Link relations registered with IANA (RFC 4287, 5005, 4685, 4946 and
/// the registry's later entries feeds use).
const LINK_RELATIONS: &[&str] = &[
    "alternate",
    "current",
    "describedby",
    "edit",
    "edit-media",
    "enclosure",
    "first",
    "hub",
    "last",
    "license",
    "next",
    "next-archive",
    "payment",
    "prev-archive",
    "previous",
    "related",
    "replies",
    "search",
    "self",
    "service",
    "up",
    "via",
];

pub(crate) struct Walker<'s, 'p> {
    pub sink: &'s mut Sink<'p>,
    /// `rss` version attribute; `None` for Atom and RSS 1.0.
    rss_version: Option<String>,
    guids: HashSet<String>,
    entry_ids: HashSet<String>,
    entry_updated: HashSet<String>,
    /// The channel uses the iTunes namespace: Apple's rules apply.
    podcast: bool,
}

fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

fn at(node: Node) -> usize {
    node.range().start
}

/// The element's text: every text and CDATA child, joined (borrowed from
/// the document when there is one piece, as almost always).
fn text_of<'a>(node: Node<'a, '_>) -> std::borrow::Cow<'a, str> {
    let mut pieces = node.children().filter(Node::is_text);
    let Some(first) = pieces.next() else {
        return std::borrow::Cow::Borrowed("");
    };
    let first = first.text().unwrap_or_default();
    match pieces.next() {
        None => std::borrow::Cow::Borrowed(first),
        Some(second) => {
            let mut text = String::from(first);
            text.push_str(second.text().unwrap_or_default());
            for piece in pieces {
                text.push_str(piece.text().unwrap_or_default());
            }
            std::borrow::Cow::Owned(text)
        }
    }
}

fn name_of(node: Node) -> String {
    let tag = node.tag_name();
    match node
        .lookup_prefix(tag.namespace().unwrap_or_default())
        .filter(|p| !p.is_empty())
    {
        Some(prefix) if tag.namespace().is_some() => format!("{prefix}:{}", tag.name()),
        _ => tag.name().to_string(),
    }
}

/// Which child elements a container has had, and how often: a short list
/// scanned in order beats hashing a formatted key for every child of
/// every item. Keys read `namespace:name` (`:name` for no namespace).
#[derive(Default)]
struct Seen<'a> {
    counts: Vec<(&'a str, &'a str, usize)>,
}

impl<'a> Seen<'a> {
    fn add(&mut self, ns: Option<&'a str>, name: &'a str) -> usize {
        let ns = if is_itunes(ns) {
            ITUNES
        } else {
            ns.unwrap_or_default()
        };
        if let Some(entry) = self
            .counts
            .iter_mut()
            .find(|(n, m, _)| *n == ns && *m == name)
        {
            entry.2 += 1;
            return entry.2;
        }
        self.counts.push((ns, name, 1));
        1
    }

    fn has(&self, ns: Option<&str>, name: &str) -> bool {
        let ns = ns.unwrap_or_default();
        self.counts.iter().any(|(n, m, _)| *n == ns && *m == name)
    }

    fn contains_key(&self, key: &str) -> bool {
        let (ns, name) = key.rsplit_once(':').unwrap_or(("", key));
        self.counts.iter().any(|(n, m, _)| *n == ns && *m == name)
    }
}

/// Value kinds of leaf elements.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    /// Plain text where HTML end tags are a mistake.
    NonHtml,
    /// Escaped HTML a reader renders.
    Html,
    Rfc822,
    Rfc3339,
    W3cdtf,
    FullUri,
    Uri,
    Contact,
    Language,
    PositiveInteger,
}

impl Walker<'_, '_> {
    /// Whether the document is a podcast (it uses the iTunes namespace).
    pub(crate) fn is_podcast(&self) -> bool {
        self.podcast
    }

    pub(crate) fn new<'s, 'p>(sink: &'s mut Sink<'p>) -> Walker<'s, 'p> {
        Walker {
            sink,
            rss_version: None,
            guids: HashSet::new(),
            entry_ids: HashSet::new(),
            entry_updated: HashSet::new(),
            podcast: false,
        }
    }

    fn report(&mut self, node: Node, broken: Broken, what: &str) {
        let message = format!("<{}> {what}", name_of(node));
        if broken.warning {
            self.sink.warning(at(node), broken.code, message);
        } else {
            self.sink.error(at(node), broken.code, message);
        }
    }

    pub(crate) fn error(&mut self, node: Node, code: &'static str, message: String) {
        self.sink.error(at(node), code, message);
    }

    pub(crate) fn warning(&mut self, node: Node, code: &'static str, message: String) {
        self.sink.warning(at(node), code, message);
    }

    fn missing(&mut self, parent: Node, element: &str) {
        self.error(
            parent,
            "MissingElement",
            format!("<{}> has no <{element}>", name_of(parent)),
        );
    }

    fn duplicate(&mut self, node: Node) {
        self.error(
            node,
            "DuplicateElement",
            format!("<{}> appears more than once here", name_of(node)),
        );
    }

    fn undefined(&mut self, node: Node, parent: Node) {
        self.error(
            node,
            "UndefinedElement",
            format!(
                "<{}> is not an element of <{}>",
                name_of(node),
                name_of(parent)
            ),
        );
    }

    /// A leaf element: no child elements, and a value of its kind.
    fn leaf<'a>(&mut self, node: Node<'a, '_>, kind: Kind) -> std::borrow::Cow<'a, str> {
        for child in elements(node) {
            self.undefined(child, node);
        }
        let raw = text_of(node);
        let value = raw.trim();
        let broken = match kind {
            Kind::Text => None,
            Kind::NonHtml => self.plain_text(node, value),
            Kind::Html => {
                for broken in html::escaped_html(value) {
                    self.report(node, broken, "holds HTML a reader would remove");
                }
                None
            }
            Kind::Rfc822 => values::rfc822(value),
            Kind::Rfc3339 => values::rfc3339(value),
            Kind::W3cdtf => values::w3cdtf(value),
            Kind::FullUri => values::uri(value, UriForm::Absolute, "InvalidFullLink"),
            Kind::Uri => values::uri(value, UriForm::Reference, "InvalidLink"),
            // A name beside the address is text: HTML there is shown as
            // markup.
            Kind::Contact => {
                values::email_with_name(value).or_else(|| self.plain_text(node, value))
            }
            Kind::Language => values::language(value),
            Kind::PositiveInteger => (!values::positive_integer(value)).then_some(Broken {
                code: "InvalidPositiveInteger",
                warning: false,
            }),
        };
        if let Some(broken) = broken {
            let shown: String = value.chars().take(60).collect();
            self.report(
                node,
                broken,
                &format!("has a value that breaks the rule: {shown:?}"),
            );
        }
        raw
    }

    /// RSS text that readers may take for HTML. The RSS Profile's advice is
    /// to write `&` and `<` in such text as `&#x26;` and `&#x3C;`, which no
    /// reader mistakes; `&amp;`, `&lt;`, decimal references and CDATA are
    /// read differently by different readers.
    fn plain_text(&self, node: Node, value: &str) -> Option<Broken> {
        if html::has_end_tag(value) {
            return Some(Broken {
                code: "ContainsHTML",
                warning: true,
            });
        }
        if self.rss_version.is_none() {
            return html::has_entity(value).then_some(Broken {
                code: "ContainsHTML",
                warning: true,
            });
        }
        let source = node.document().input_text();
        let inner = match (node.first_child(), node.last_child()) {
            (Some(first), Some(last)) => source
                .get(first.range().start..last.range().end)
                .unwrap_or_default(),
            _ => "",
        };
        let ambiguous = ["&amp;", "&#38;", "&lt;", "&#60;", "<![CDATA["]
            .iter()
            .any(|form| inner.contains(form));
        if !ambiguous {
            return None;
        }
        if html::has_entity(value) {
            // Written with the RSS Profile's `&#x` escapes on the same
            // lines, the entity is meant as text.
            (!lines_hold_hex_reference(node)).then_some(Broken {
                code: "ContainsHTML",
                warning: true,
            })
        } else if self.is_rss2() && html::has_markup(value) {
            Some(Broken {
                code: "CharacterData",
                warning: true,
            })
        } else {
            None
        }
    }

    fn not_blank(&mut self, node: Node, value: &str) {
        if value.trim().is_empty() {
            self.warning(
                node,
                "NotBlank",
                format!("<{}> should not be blank", name_of(node)),
            );
        }
    }

    fn attribute_uri(&mut self, node: Node, attribute: &str, form: UriForm, invalid: &'static str) {
        if let Some(value) = node.attribute(attribute)
            && let Some(broken) = values::uri(value, form, invalid)
        {
            self.report(
                node,
                broken,
                &format!("has a {attribute} that breaks the rule: {value:?}"),
            );
        }
    }

    /// Attributes outside any namespace that the element does not take
    /// (`isPermalink` for `isPermaLink`): readers ignore them.
    fn expected_attributes(&mut self, node: Node, expected: &[&str]) {
        for attribute in node.attributes() {
            if attribute.namespace().is_none() && !expected.contains(&attribute.name()) {
                self.error(
                    node,
                    "UnexpectedAttribute",
                    format!(
                        "<{}> does not take the attribute {}",
                        name_of(node),
                        attribute.name()
                    ),
                );
            }
        }
    }

    fn require_attribute(&mut self, node: Node, attribute: &str) -> bool {
        if node.attribute(attribute).is_none() {
            self.error(
                node,
                "MissingAttribute",
                format!("<{}> has no {attribute} attribute", name_of(node)),
            );
            return false;
        }
        true
    }

    // ---------------------------------------------------------------- RSS

    pub(crate) fn rss(&mut self, root: Node) {
        let version = root.attribute("version");
        match version {
            None => self.error(
                root,
                "MissingAttribute",
                "<rss> has no version attribute".into(),
            ),
            Some(v) if !["0.91", "0.92", "0.93", "0.94", "2.0", "2.0.1", "2.01"].contains(&v) => {
                self.error(
                    root,
                    "InvalidRSSVersion",
                    format!("<rss> has version {v:?}; RSS 2.0 feeds say 2.0"),
                );
            }
            Some(_) => {}
        }
        self.rss_version = Some(version.unwrap_or("2.0").to_string());
        if let Some(ns) = root.tag_name().namespace() {
            self.error(
                root,
                "InvalidNamespace",
                format!("<rss> is in the namespace {ns:?}; RSS 2.0 has none"),
            );
        }
        let mut channels = 0;
        for child in elements(root) {
            match (child.tag_name().namespace(), child.tag_name().name()) {
                (None, "channel") => {
                    channels += 1;
                    if channels > 1 {
                        self.duplicate(child);
                    }
                    self.rss_channel(child);
                }
                (None, _) => self.undefined(child, root),
                _ => {}
            }
        }
        if channels == 0 {
            self.missing(root, "channel");
        }
    }

    fn is_rss2(&self) -> bool {
        self.rss_version
            .as_deref()
            .is_some_and(|v| v.starts_with('2'))
    }

    #[allow(clippy::too_many_lines)]
    fn rss_channel(&mut self, channel: Node) {
        self.podcast = channel
            .descendants()
            .any(|node| node.is_element() && is_itunes(node.tag_name().namespace()));
        let mut seen = Seen::default();
        let mut itunes = false;
        let mut items_seen = false;
        let mut misplaced = false;
        for child in elements(channel) {
            let ns = child.tag_name().namespace();
            let name = child.tag_name().name();
            let count = seen.add(ns, name);
            let once = |walker: &mut Self| {
                if count > 1 {
                    walker.duplicate(child);
                }
            };
            match ns {
                None => {
                    if items_seen && !misplaced && name != "item" && self.is_rss2() {
                        // Channel metadata after the items: some readers
                        // stop reading the channel at its first item.
                        misplaced = true;
                        self.warning(
                            child,
                            "MisplacedItem",
                            format!("<{name}> comes after an <item>; items go last in <channel>"),
                        );
                    }
                    match name {
                        "title" => {
                            once(self);
                            let value = self.leaf(child, Kind::NonHtml);
                            self.not_blank(child, &value);
                        }
                        "link" | "docs" => {
                            once(self);
                            self.leaf(child, Kind::FullUri);
                        }
                        "description" | "copyright" => {
                            once(self);
                            self.leaf(child, Kind::NonHtml);
                        }
                        "language" => {
                            once(self);
                            self.leaf(child, Kind::Language);
                        }
                        "managingEditor" | "webMaster" => {
                            once(self);
                            self.leaf(child, Kind::Contact);
                        }
                        "pubDate" | "lastBuildDate" => {
                            once(self);
                            self.leaf(child, Kind::Rfc822);
                        }
                        "category" => {
                            self.leaf(child, Kind::NonHtml);
                        }
                        "generator" | "rating" => {
                            once(self);
                            self.leaf(child, Kind::Text);
                        }
                        "ttl" => {
                            once(self);
                            let value = self.leaf(child, Kind::PositiveInteger);
                            self.not_blank(child, &value);
                        }
                        "cloud" => {
                            once(self);
                            self.cloud(child);
                        }
                        "image" => {
                            once(self);
                            self.rss_image(child, channel);
                            self.loose_text(child);
                        }
                        "textInput" | "textinput" => {
                            once(self);
                            if self.is_rss2() {
                                if name == "textinput" {
                                    self.undefined(child, channel);
                                    continue;
                                }
                                self.warning(
                                    child,
                                    "AvoidTextInput",
                                    "<textInput> is shown by almost no reader".into(),
                                );
                            }
                            self.text_input(child);
                        }
                        "skipHours" => {
                            once(self);
                            self.skip_hours(child);
                        }
                        "skipDays" => {
                            once(self);
                            self.skip_days(child);
                        }
                        "item" => {
                            items_seen = true;
                            self.rss_item(child);
                        }
                        // A long-standing joke element that real feeds
                        // carried; no reader shows it.
                        "blink" => {
                            self.error(child, "NoBlink", "there is no <blink> in RSS".into());
                        }
                        _ => self.undefined(child, channel),
                    }
                }
                Some(ATOM) => self.atom_in_rss(child, channel, count),
                Some(DC) => self.dublin_core(child, channel, count),
                ns if is_itunes(ns) => {
                    itunes = true;
                    self.itunes(child, channel, true, count);
                }
                Some(MEDIA) => self.media(child, channel, count),
                Some(CONTENT) => self.undefined(child, channel),
                Some(other) if other.starts_with("http://search.yahoo.com/mrss") => {
                    self.media_namespace(child);
                }
                Some(other) => self.module(child, channel, other, count),
            }
        }
        self.loose_text(channel);
        if self.is_rss2() && !seen.has(None, "lastBuildDate") {
            self.slash_date(channel);
        }
        let has_self = elements(channel).any(|c| {
            c.tag_name().namespace() == Some(ATOM)
                && c.tag_name().name() == "link"
                && c.attribute("rel") == Some("self")
        });
        if !has_self && self.is_rss2() {
            self.warning(
                channel,
                "MissingAtomSelfLink",
                "<channel> has no <atom:link rel=\"self\"> naming the feed's own URL".into(),
            );
        }
        for (required, code) in [
            ("title", "MissingTitle"),
            ("link", "MissingLink"),
            ("description", "MissingDescription"),
        ] {
            if !seen.contains_key(&format!(":{required}")) {
                self.error(channel, code, format!("<channel> has no <{required}>"));
            }
        }
        // The same fact in a core element and in Dublin Core: readers
        // cannot tell which one to believe.
        for (core, ext) in [
            (":pubDate", "http://purl.org/dc/elements/1.1/:date"),
            (
                ":managingEditor",
                "http://purl.org/dc/elements/1.1/:creator",
            ),
            (":webMaster", "http://purl.org/dc/elements/1.1/:publisher"),
            (":language", "http://purl.org/dc/elements/1.1/:language"),
            (":copyright", "http://purl.org/dc/elements/1.1/:rights"),
            (":category", "http://purl.org/dc/elements/1.1/:subject"),
            (":lastBuildDate", "http://purl.org/dc/terms/:modified"),
            (":generator", "http://webns.net/mvcb/:generatorAgent"),
            (
                "http://backend.userland.com/creativeCommonsRssModule:license",
                "http://web.resource.org/cc/:license",
            ),
        ] {
            if seen.contains_key(core) && seen.contains_key(ext) {
                let core = core.rsplit(':').next().unwrap_or_default();
                let ext = ext.rsplit(':').next().unwrap_or_default();
                self.warning(
                    channel,
                    "DuplicateSemantics",
                    format!(
                        "<channel> says the same thing in <{core}> and in an extension's <{ext}>"
                    ),
                );
            }
        }
        if itunes {
            if !seen.contains_key(":language") {
                self.itunes_missing(channel, "language");
            }
            if !seen.contains_key(&format!("{ITUNES}:category")) {
                self.itunes_missing(channel, "itunes:category");
            }
            if !seen.contains_key(&format!("{ITUNES}:explicit")) {
                self.itunes_missing(channel, "itunes:explicit");
            }
            if !seen.contains_key(&format!("{ITUNES}:owner")) {
                self.warning(
                    channel,
                    "MissingItunesEmail",
                    "<channel> has no <itunes:owner> with an <itunes:email>".into(),
                );
            }
        }
    }

    /// `slash:comments` counts change without the item changing; readers
    /// learn of new comments only from the channel's `lastBuildDate`.
    fn slash_date(&mut self, channel: Node) {
        let counted = elements(channel)
            .filter(|item| item.tag_name().name() == "item")
            .flat_map(elements)
            .find(|c| c.tag_name().namespace() == Some(SLASH) && c.tag_name().name() == "comments");
        if let Some(comments) = counted {
            self.warning(
                comments,
                "SlashDate",
                "<slash:comments> without a <lastBuildDate> in <channel>: readers cannot tell the count changed".into(),
            );
        }
    }

    fn itunes_missing(&mut self, channel: Node, element: &str) {
        self.warning(
            channel,
            "MissingItunesElement",
            format!("a podcast <channel> should have <{element}>"),
        );
    }

    fn cloud(&mut self, cloud: Node) {
        for attribute in ["domain", "port", "path", "registerProcedure", "protocol"] {
            if self.require_attribute(cloud, attribute)
                && attribute == "port"
                && !values::positive_integer(cloud.attribute("port").unwrap_or_default())
            {
                self.error(
                    cloud,
                    "InvalidIntegerAttribute",
                    "<cloud> has a port that is not a positive integer".into(),
                );
            }
        }
    }

    fn rss_image(&mut self, image: Node, channel: Node) {
        let channel_value = |name: &str| {
            elements(channel)
                .find(|c| c.tag_name().namespace().is_none() && c.tag_name().name() == name)
                .map(text_of)
        };
        let channel_title = channel_value("title");
        let channel_link = channel_value("link");
        let mut seen = HashSet::new();
        for child in elements(image) {
            if child.tag_name().namespace().is_some() {
                continue;
            }
            let name = child.tag_name().name();
            if !seen.insert(name.to_string()) {
                self.duplicate(child);
            }
            match name {
                "url" => {
                    let value = self.leaf(child, Kind::FullUri);
                    let extension = value
                        .trim()
                        .rsplit('.')
                        .next()
                        .unwrap_or_default()
                        .to_lowercase();
                    if !extension.is_empty()
                        && extension.chars().all(|c| c.is_alphanumeric() || c == '_')
                        && !["jpg", "jpeg", "gif", "png"].contains(&extension.as_str())
                    {
                        self.warning(
                            child,
                            "ImageUrlFormat",
                            "readers show JPEG, GIF and PNG channel images".into(),
                        );
                    }
                }
                "link" => {
                    let value = self.leaf(child, Kind::FullUri);
                    if channel_link
                        .as_deref()
                        .is_some_and(|link| !link.is_empty() && link != value)
                    {
                        self.warning(
                            child,
                            "ImageLinkDoesntMatch",
                            "<image><link> should be the channel's <link>".into(),
                        );
                    }
                }
                "title" => {
                    let value = self.leaf(child, Kind::NonHtml);
                    if value.trim().is_empty() {
                        self.not_blank(child, &value);
                    }
                    if channel_title
                        .as_deref()
                        .is_some_and(|title| !title.is_empty() && title != value)
                    {
                        self.warning(
                            child,
                            "ImageTitleDoesntMatch",
                            "<image><title> should be the channel's <title>".into(),
                        );
                    }
                }
                "description" => {
                    self.leaf(child, Kind::NonHtml);
                }
                "width" | "height" => {
                    let value = self.leaf(child, Kind::Text);
                    let limit = if name == "width" { 144 } else { 400 };
                    let code = if name == "width" {
                        "InvalidWidth"
                    } else {
                        "InvalidHeight"
                    };
                    if value
                        .trim()
                        .parse::<i64>()
                        .map_or(true, |n| n <= 0 || n > limit)
                    {
                        self.error(
                            child,
                            code,
                            format!("<image><{name}> must be a whole number from 1 to {limit}"),
                        );
                    }
                }
                _ => self.undefined(child, image),
            }
        }
        for (required, code) in [
            ("url", "MissingElement"),
            ("title", "MissingTitle"),
            ("link", "MissingLink"),
        ] {
            if !seen.contains(required) {
                self.error(image, code, format!("<image> has no <{required}>"));
            }
        }
    }

    fn text_input(&mut self, input: Node) {
        let mut seen = HashSet::new();
        for child in elements(input) {
            if child.tag_name().namespace().is_some() {
                continue;
            }
            let name = child.tag_name().name();
            if !seen.insert(name.to_string()) {
                self.duplicate(child);
            }
            match name {
                "title" | "description" => {
                    self.leaf(child, Kind::NonHtml);
                }
                "link" => {
                    self.leaf(child, Kind::FullUri);
                }
                "name" => {
                    let value = self.leaf(child, Kind::Text);
                    let value = value.trim();
                    let valid = value
                        .chars()
                        .next()
                        .is_some_and(|c| c.is_alphabetic() || c == '_')
                        && value
                            .chars()
                            .all(|c| c.is_alphanumeric() || "_-.".contains(c));
                    if !valid {
                        self.error(
                            child,
                            "InvalidFormComponentName",
                            format!("<textInput><name> {value:?} is not a form field name"),
                        );
                    }
                }
                _ => self.undefined(child, input),
            }
        }
        for (required, code) in [
            ("title", "MissingTitle"),
            ("description", "MissingDescription"),
            ("name", "MissingElement"),
            ("link", "MissingLink"),
        ] {
            if !seen.contains(required) {
                self.error(input, code, format!("<textInput> has no <{required}>"));
            }
        }
    }

    fn skip_hours(&mut self, node: Node) {
        let mut hours = HashSet::new();
        let mut count = 0;
        for child in elements(node) {
            if child.tag_name().name() != "hour" || child.tag_name().namespace().is_some() {
                self.undefined(child, node);
                continue;
            }
            count += 1;
            let value = self.leaf(child, Kind::Text);
            match value.trim().parse::<u32>() {
                Ok(hour) if hour <= 23 => {
                    if !hours.insert(hour) {
                        self.error(
                            child,
                            "DuplicateValue",
                            format!("hour {hour} appears twice"),
                        );
                    }
                }
                Ok(24) => {
                    self.warning(
                        child,
                        "UseZeroForMidnight",
                        "midnight is hour 0, not 24".into(),
                    );
                    if !hours.insert(0) {
                        self.error(child, "DuplicateValue", "midnight appears twice".into());
                    }
                }
                _ => self.error(
                    child,
                    "InvalidHour",
                    format!("<hour> {:?} is not 0 to 23", value.trim()),
                ),
            }
        }
        if count == 0 {
            self.missing(node, "hour");
        }
        if count > 24 {
            self.error(
                node,
                "NotEnoughHoursInTheDay",
                "<skipHours> has more than 24 hours".into(),
            );
        }
    }

    fn skip_days(&mut self, node: Node) {
        let mut days = HashSet::new();
        let mut count = 0;
        for child in elements(node) {
            if child.tag_name().name() != "day" || child.tag_name().namespace().is_some() {
                self.undefined(child, node);
                continue;
            }
            count += 1;
            let value = self.leaf(child, Kind::Text);
            let value = value.trim();
            if [
                "Monday",
                "Tuesday",
                "Wednesday",
                "Thursday",
                "Friday",
                "Saturday",
                "Sunday",
            ]
            .contains(&value)
            {
                if !days.insert(value.to_string()) {
                    self.error(child, "DuplicateValue", format!("{value} appears twice"));
                }
            } else {
                self.error(
                    child,
                    "InvalidDay",
                    format!("<day> {value:?} is not a day name"),
                );
            }
        }
        if count == 0 {
            self.missing(node, "day");
        }
        if count > 7 {
            self.error(
                node,
                "EightDaysAWeek",
                "<skipDays> has more than 7 days".into(),
            );
        }
    }

    #[allow(clippy::too_many_lines)]
    fn rss_item(&mut self, item: Node) {
        let mut seen = Seen::default();
        let mut enclosures = 0;
        for child in elements(item) {
            let ns = child.tag_name().namespace();
            let name = child.tag_name().name();
            let count = seen.add(ns, name);
            let once = |walker: &mut Self| {
                if count > 1 {
                    walker.duplicate(child);
                }
            };
            match ns {
                None => match name {
                    "title" => {
                        once(self);
                        let value = self.leaf(child, Kind::NonHtml);
                        self.not_blank(child, &value);
                    }
                    "link" | "comments" => {
                        once(self);
                        self.leaf(child, Kind::FullUri);
                    }
                    "description" => {
                        once(self);
                        let kind = if self.rss_version.as_deref() == Some("0.91") {
                            Kind::NonHtml
                        } else {
                            Kind::Html
                        };
                        let value = self.leaf(child, kind);
                        // RSS has no base URL: a relative link or image in
                        // a description resolves differently in each reader.
                        if value.contains('<') && html::has_relative_reference(&value) {
                            self.warning(
                                child,
                                "ContainsRelRef",
                                "<description> links to a relative URL; RSS has no base to resolve it".into(),
                            );
                        }
                    }
                    "author" => {
                        once(self);
                        self.leaf(child, Kind::Contact);
                    }
                    "category" => {
                        let value = self.leaf(child, Kind::NonHtml);
                        self.not_blank(child, &value);
                    }
                    "pubDate" => {
                        once(self);
                        self.leaf(child, Kind::Rfc822);
                    }
                    "enclosure" => {
                        enclosures += 1;
                        if enclosures > 1 {
                            self.warning(
                                child,
                                "DuplicateEnclosure",
                                "most readers take only the first <enclosure>".into(),
                            );
                        }
                        self.enclosure(child);
                    }
                    "guid" => {
                        once(self);
                        self.guid(child);
                    }
                    "source" => {
                        once(self);
                        self.leaf(child, Kind::NonHtml);
                        if self.require_attribute(child, "url") {
                            self.attribute_uri(child, "url", UriForm::Absolute, "InvalidFullLink");
                        }
                    }
                    _ => self.undefined(child, item),
                },
                Some(CONTENT) => match name {
                    "encoded" => {
                        once(self);
                        if self.is_rss2() && !seen.has(None, "description") {
                            self.warning(
                                child,
                                "NeedDescriptionBeforeContent",
                                "<content:encoded> should follow a <description>".into(),
                            );
                        }
                        self.leaf(child, Kind::Html);
                    }
                    _ => self.undefined(child, item),
                },
                Some(ATOM) => self.atom_in_rss(child, item, count),
                Some(DC) => self.dublin_core(child, item, count),
                ns if is_itunes(ns) => self.itunes(child, item, false, count),
                Some(MEDIA) => self.media(child, item, count),
                Some(XHTML) if name == "body" => {
                    self.warning(
                        child,
                        "DuplicateDescriptionSemantics",
                        "<xhtml:body> repeats what <description> is for".into(),
                    );
                    self.xhtml_body(child, 0);
                }
                Some(other) if other.starts_with("http://search.yahoo.com/mrss") => {
                    self.media_namespace(child);
                }
                Some(other) => self.module(child, item, other, count),
            }
        }
        self.loose_text(item);
        if self.is_rss2() && !seen.has(None, "guid") {
            self.warning(
                item,
                "MissingGuid",
                "<item> has no <guid>, so readers cannot tell it is new".into(),
            );
        }
        if seen.has(Some(CC), "license") && seen.has(Some(CREATIVE_COMMONS), "license") {
            self.warning(
                item,
                "DuplicateItemSemantics",
                "<item> has both <cc:license> and <creativeCommons:license>".into(),
            );
        }
        if !seen.has(None, "title") && !seen.has(None, "description") {
            self.error(
                item,
                "ItemMustContainTitleOrDescription",
                "<item> has neither <title> nor <description>".into(),
            );
        }
        for (core, ext, ext_ns) in [
            ("pubDate", "date", DC),
            ("pubDate", "published", ATOM),
            ("author", "creator", DC),
            ("category", "subject", DC),
            ("guid", "id", ATOM),
            ("source", "source", DC),
        ] {
            if seen.has(None, core) && seen.has(Some(ext_ns), ext) {
                self.warning(
                    item,
                    "DuplicateItemSemantics",
                    format!("<item> has both <{core}> and the same fact as <{ext}>"),
                );
            }
        }
    }

    fn enclosure(&mut self, node: Node) {
        if self.require_attribute(node, "url") {
            self.attribute_uri(node, "url", UriForm::Absolute, "InvalidURLAttribute");
            let url = node.attribute("url").unwrap_or_default();
            let extension = url.rsplit('.').next().unwrap_or_default().to_lowercase();
            // Apple Podcasts plays these formats only.
            if self.podcast
                && !["m4a", "mp3", "mov", "mp4", "m4v", "pdf", "epub"].contains(&extension.as_str())
            {
                self.warning(
                    node,
                    "UnsupportedItunesFormat",
                    format!("Apple Podcasts does not play .{extension} files"),
                );
            }
        }
        if self.require_attribute(node, "length") {
            let length = node.attribute("length").unwrap_or_default().trim();
            match length.parse::<i64>() {
                Ok(n) if n >= 0 => {}
                Ok(_) => self.error(
                    node,
                    "InvalidNonNegativeInteger",
                    "<enclosure> has a negative length".into(),
                ),
                Err(_) => self.error(
                    node,
                    "InvalidIntegerAttribute",
                    "<enclosure> has a length that is not a whole number of bytes".into(),
                ),
            }
        }
        if self.require_attribute(node, "type")
            && !values::mime(node.attribute("type").unwrap_or_default())
        {
            self.error(
                node,
                "InvalidMIMEAttribute",
                "<enclosure> has a type that is not a MIME type".into(),
            );
        }
    }

    fn guid(&mut self, node: Node) {
        self.expected_attributes(node, &["isPermaLink"]);
        let value = self.leaf(node, Kind::Text);
        let value = value.trim();
        let permalink = match node.attribute("isPermaLink") {
            None | Some("true") => true,
            Some("false") => false,
            Some(other) => {
                self.error(
                    node,
                    "InvalidBooleanAttribute",
                    format!("isPermaLink is {other:?}, not true or false"),
                );
                false
            }
        };
        if permalink {
            // A permalink guid is the item's URL: it must be one.
            let lower = value.to_lowercase();
            if value.is_empty()
                || values::uri(value, UriForm::Absolute, "InvalidHttpGUID")
                    .is_some_and(|b| !b.warning)
            {
                self.error(node, "InvalidHttpGUID", format!("the permalink guid {value:?} is not a URL; say isPermaLink=\"false\" if it is only an id"));
            } else if lower.starts_with("tag:") || lower.starts_with("urn:uuid:") {
                self.error(
                    node,
                    "InvalidPermalink",
                    format!("the guid {value:?} is an id, not a link; say isPermaLink=\"false\""),
                );
            }
        } else if value.len() < 9 && !value.is_empty() && value.chars().all(|c| c.is_ascii_digit())
        {
            self.warning(
                node,
                "NotSufficientlyUnique",
                format!("the guid {value:?} is too short to be unique across feeds"),
            );
        } else {
            self.not_blank(node, value);
        }
        if !value.is_empty() && !self.guids.insert(value.to_string()) {
            self.error(
                node,
                "DuplicateValue",
                format!("the guid {value:?} is used twice"),
            );
        }
    }

    fn atom_in_rss(&mut self, node: Node, parent: Node, count: usize) {
        match node.tag_name().name() {
            "link" => {
                self.atom_link(node);
            }
            "id" => {
                if count > 1 {
                    self.duplicate(node);
                }
                self.leaf(node, Kind::Uri);
            }
            "updated" | "published" => {
                if count > 1 {
                    self.duplicate(node);
                }
                self.leaf(node, Kind::Rfc3339);
            }
            "author" | "contributor" => self.person(node),
            "title" | "subtitle" | "rights" | "summary" | "content" => {
                if count > 1 {
                    self.duplicate(node);
                }
                if node.tag_name().name() != "summary" && node.attribute("src").is_none() {
                    // RSS has its own title, description and copyright:
                    // readers pick one of the two, differently (content
                    // by reference repeats nothing).
                    self.warning(
                        node,
                        "DuplicateDescriptionSemantics",
                        format!("<{}> repeats what an RSS element says", name_of(node)),
                    );
                }
                self.text_construct(node);
            }
            "category" | "generator" | "icon" | "logo" => {}
            _ => self.undefined(node, parent),
        }
    }

    fn dublin_core(&mut self, node: Node, parent: Node, count: usize) {
        let name = node.tag_name().name();
        if !DC_ELEMENTS.contains(&name) {
            self.undefined(node, parent);
            return;
        }
        // One title, date, language … per thing described; people,
        // subjects and relations may repeat.
        let single = [
            "title",
            "description",
            "type",
            "format",
            "source",
            "language",
            "rights",
            "date",
        ];
        if count > 1
            && single.contains(&name)
            && (name != "date" || parent.tag_name().name() != "item")
        {
            self.duplicate(node);
        }
        match name {
            "rights" => {
                self.leaf(node, Kind::NonHtml);
            }
            "date" => {
                self.leaf(node, Kind::W3cdtf);
            }
            "language" => {
                self.leaf(node, Kind::Language);
            }
            _ => {
                self.leaf(node, Kind::Text);
            }
        }
    }

    /// Text directly inside a container element is lost by every reader.
    fn loose_text(&mut self, node: Node) {
        if let Some(text) = node
            .children()
            .find(|c| c.is_text() && !c.text().unwrap_or_default().trim().is_empty())
        {
            self.error(
                text,
                "UnexpectedText",
                format!("<{}> holds text outside any element", name_of(node)),
            );
        }
    }

    /// The older RSS modules: Syndication, Admin, Slash, Trackback,
    /// Dublin Core terms, the geo vocabularies.
    #[allow(clippy::too_many_lines)] // one arm per module element
    fn module(&mut self, node: Node, parent: Node, ns: &str, count: usize) {
        let name = node.tag_name().name();
        let once = |walker: &mut Self| {
            if count > 1 {
                walker.duplicate(node);
            }
        };
        match (ns, name) {
            (SYNDICATION, "updatePeriod") => {
                once(self);
                let value = self.leaf(node, Kind::Text);
                if !["hourly", "daily", "weekly", "monthly", "yearly"].contains(&value.trim()) {
                    self.error(node, "InvalidUpdatePeriod", format!("<sy:updatePeriod> {:?} is not hourly, daily, weekly, monthly or yearly", value.trim()));
                }
            }
            (SYNDICATION, "updateFrequency") => {
                once(self);
                let value = self.leaf(node, Kind::Text);
                if value.trim().is_empty() {
                    self.not_blank(node, &value);
                } else if !values::positive_integer(value.trim()) {
                    self.error(
                        node,
                        "InvalidPositiveInteger",
                        format!(
                            "<sy:updateFrequency> {:?} is not a positive whole number",
                            value.trim()
                        ),
                    );
                }
            }
            (SYNDICATION, "updateBase") | (DCTERMS, "created" | "issued" | "modified") => {
                once(self);
                self.leaf(node, Kind::W3cdtf);
            }
            (SYNDICATION, _) => self.undefined(node, parent),
            (ADMIN, "errorReportsTo" | "generatorAgent") => {
                once(self);
                if let Some(resource) = node.attribute((RDF, "resource"))
                    && let Some(broken) = values::uri(resource, UriForm::Reference, "InvalidLink")
                {
                    self.report(node, broken, "has an rdf:resource that is not a URI");
                }
            }
            (SLASH, "comments") => {
                once(self);
                let value = self.leaf(node, Kind::Text);
                if !values::non_negative_integer(value.trim()) {
                    self.error(
                        node,
                        "InvalidNonNegativeInteger",
                        format!("<slash:comments> {:?} is not a count", value.trim()),
                    );
                }
            }
            (SLASH, "hit_parade") => {
                once(self);
                let value = self.leaf(node, Kind::Text);
                if !value
                    .trim()
                    .split(',')
                    .all(|n| n.trim().parse::<u64>().is_ok())
                {
                    self.error(
                        node,
                        "InvalidCommaSeparatedIntegers",
                        format!(
                            "<slash:hit_parade> {:?} is not comma-separated whole numbers",
                            value.trim()
                        ),
                    );
                }
            }
            (TRACKBACK, "ping" | "about") => {
                // RSS 1.0 names the URL in rdf:resource; RSS 2.0 and Atom
                // in the element's text.
                let rdf = node.document().root_element().tag_name().name() == "RDF";
                let value = node
                    .attribute((RDF, "resource"))
                    .filter(|_| rdf)
                    .map_or_else(|| text_of(node), std::borrow::Cow::Borrowed);
                if let Some(broken) =
                    values::uri(value.trim(), UriForm::Absolute, "InvalidFullLink")
                {
                    self.report(node, broken, "is not a full URL");
                }
            }
            (CREATIVE_COMMONS, "license") => {
                self.leaf(node, Kind::FullUri);
            }
            (geo, "lat" | "latitude") if GEO.contains(&geo) => {
                let value = self.leaf(node, Kind::Text);
                if !value
                    .trim()
                    .parse::<f64>()
                    .is_ok_and(|v| (-90.0..=90.0).contains(&v))
                {
                    self.error(
                        node,
                        "InvalidLatitude",
                        format!("{:?} is not a latitude from -90 to 90", value.trim()),
                    );
                }
            }
            (geo, "long" | "longitude") if GEO.contains(&geo) => {
                let value = self.leaf(node, Kind::Text);
                if !value
                    .trim()
                    .parse::<f64>()
                    .is_ok_and(|v| (-180.0..=180.0).contains(&v))
                {
                    self.error(
                        node,
                        "InvalidLongitude",
                        format!("{:?} is not a longitude from -180 to 180", value.trim()),
                    );
                }
            }
            _ => {}
        }
    }

    #[allow(clippy::too_many_lines)] // one arm per iTunes element
    fn itunes(&mut self, node: Node, parent: Node, channel: bool, count: usize) {
        let name = node.tag_name().name();
        let repeatable = name == "category";
        if count > 1 && !repeatable {
            self.duplicate(node);
        }
        match name {
            "author" | "subtitle" | "keywords" => {
                let value = self.leaf(node, Kind::NonHtml);
                self.too_long(node, &value, 255);
                if name == "keywords" && value.trim().contains(' ') && !value.contains(',') {
                    self.warning(
                        node,
                        "InvalidKeywords",
                        "<itunes:keywords> are separated by commas".into(),
                    );
                }
            }
            "summary" => {
                let value = self.leaf(node, Kind::NonHtml);
                self.too_long(node, &value, 4000);
            }
            "block" => {
                let value = self.leaf(node, Kind::Text);
                if !["yes", "no", "clean"].contains(&value.trim().to_lowercase().as_str()) {
                    self.error(
                        node,
                        "InvalidYesNoClean",
                        format!("<itunes:block> is {:?}", value.trim()),
                    );
                }
            }
            "explicit" => {
                let value = self.leaf(node, Kind::Text);
                // Apple reads the value as it is: " true" is not true.
                if !["true", "false"].contains(&value.to_lowercase().as_str()) {
                    self.error(
                        node,
                        "InvalidTrueFalse",
                        format!("<itunes:explicit> is {:?}, not true or false", value.trim()),
                    );
                }
            }
            "image" => {
                if self.require_attribute(node, "href") {
                    self.attribute_uri(node, "href", UriForm::Absolute, "InvalidFullLink");
                }
            }
            "title" => {
                self.leaf(node, Kind::Text);
            }
            "duration" if !channel => {
                let value = self.leaf(node, Kind::Text);
                if !itunes_duration(value.trim()) {
                    self.error(
                        node,
                        "InvalidDuration",
                        format!(
                            "<itunes:duration> {:?} is not seconds or H:MM:SS",
                            value.trim()
                        ),
                    );
                }
            }
            "episode" | "season" if !channel => {
                self.leaf(node, Kind::PositiveInteger);
            }
            "episodeType" if !channel => {
                let value = self.leaf(node, Kind::Text);
                if !["full", "trailer", "bonus"].contains(&value.trim()) {
                    self.error(
                        node,
                        "InvalidItunesEpisodeType",
                        format!("<itunes:episodeType> is {:?}", value.trim()),
                    );
                }
            }
            "order" | "isClosedCaptioned" if !channel => {
                self.leaf(node, Kind::Text);
            }
            "type" if channel => {
                let value = self.leaf(node, Kind::Text);
                if !["episodic", "serial"].contains(&value.trim()) {
                    self.error(
                        node,
                        "InvalidItunesChannelType",
                        format!("<itunes:type> is {:?}", value.trim()),
                    );
                }
            }
            "category" if channel => self.itunes_category(node, None),
            "owner" if channel => {
                let mut has_email = false;
                for child in elements(node) {
                    match (child.tag_name().namespace(), child.tag_name().name()) {
                        (ns, "email") if is_itunes(ns) => {
                            has_email = true;
                            let value = self.leaf(child, Kind::Text);
                            if !values::addr_spec(value.trim()) {
                                self.error(
                                    child,
                                    "InvalidContact",
                                    format!(
                                        "<itunes:email> {:?} is not an e-mail address",
                                        value.trim()
                                    ),
                                );
                            }
                        }
                        (ns, "name") if is_itunes(ns) => {
                            self.leaf(child, Kind::Text);
                        }
                        _ => self.undefined(child, node),
                    }
                }
                if !has_email {
                    self.missing(node, "itunes:email");
                }
            }
            "new-feed-url" if channel => {
                self.leaf(node, Kind::FullUri);
            }
            "complete" if channel => {
                self.leaf(node, Kind::Text);
            }
            "pubDate" if channel => {
                self.leaf(node, Kind::Rfc822);
            }
            _ => self.undefined(node, parent),
        }
    }

    fn too_long(&mut self, node: Node, value: &str, limit: usize) {
        if value.chars().count() > limit {
            self.error(
                node,
                "TooLong",
                format!("<{}> is longer than {limit} characters", name_of(node)),
            );
        }
    }

    fn itunes_category(&mut self, node: Node, parent_category: Option<&str>) {
        let Some(text) = node.attribute("text") else {
            self.error(
                node,
                "MissingAttribute",
                "<itunes:category> has no text attribute".into(),
            );
            return;
        };
        let known = match parent_category {
            None => ITUNES_CATEGORIES.iter().any(|(top, _)| *top == text),
            Some(top) => ITUNES_CATEGORIES
                .iter()
                .any(|(name, subs)| *name == top && subs.split('|').any(|sub| sub == text)),
        };
        let obsolete = match parent_category {
            None => OLD_ITUNES_CATEGORIES.iter().any(|(top, _)| *top == text),
            Some(top) => OLD_ITUNES_CATEGORIES
                .iter()
                .any(|(name, subs)| *name == top && subs.split('|').any(|sub| sub == text)),
        };
        if !known && obsolete {
            self.warning(
                node,
                "ObsoleteItunesCategory",
                format!("{text:?} is one of Apple Podcasts' categories before 2019"),
            );
        } else if !known {
            self.error(
                node,
                "InvalidItunesCategory",
                format!("{text:?} is not one of Apple Podcasts' categories here"),
            );
        }
        for child in elements(node) {
            if is_itunes(child.tag_name().namespace()) && child.tag_name().name() == "category" {
                if parent_category.is_some() {
                    self.undefined(child, node);
                } else {
                    self.itunes_category(child, Some(text));
                }
            } else {
                self.undefined(child, node);
            }
        }
    }

    /// Media RSS 1.5 (<https://www.rssboard.org/media-rss>): attribute
    /// forms, text types, ratings, restrictions, credits, hashes.
    #[allow(clippy::too_many_lines)]
    fn media(&mut self, node: Node, parent: Node, count: usize) {
        let name = node.tag_name().name();
        if count > 1 && ["title", "description", "copyright", "adult"].contains(&name) {
            self.duplicate(node);
        }
        match name {
            "content" => self.media_content(node),
            "group" => {
                let contents = elements(node)
                    .filter(|c| {
                        c.tag_name().namespace() == Some(MEDIA) && c.tag_name().name() == "content"
                    })
                    .count();
                if contents < 2 {
                    self.error(
                        node,
                        "MediaGroupWithoutAlternatives",
                        "<media:group> holds alternatives: at least two <media:content>".into(),
                    );
                }
            }
            "adult" => {
                self.warning(
                    node,
                    "DeprecatedMediaAdult",
                    "<media:adult> is deprecated; use <media:rating>".into(),
                );
            }
            "thumbnail" | "player" => {
                if self.require_attribute(node, "url") {
                    self.attribute_uri(node, "url", UriForm::Absolute, "InvalidFullLink");
                }
                for attribute in ["height", "width"] {
                    if let Some(value) = node.attribute(attribute)
                        && !values::positive_integer(value)
                    {
                        self.error(
                            node,
                            "InvalidPositiveInteger",
                            format!("<media:{name}> has {attribute}={value:?}"),
                        );
                    }
                }
                if let Some(time) = node.attribute("time")
                    && !npt(time)
                {
                    self.error(
                        node,
                        "InvalidNPTTime",
                        format!("<media:{name}> has time={time:?}, not a Normal Play Time"),
                    );
                }
            }
            "title" | "description" | "text" => {
                let kind = node.attribute("type").unwrap_or("plain");
                if !["plain", "html"].contains(&kind) {
                    self.error(
                        node,
                        "InvalidMediaTextType",
                        format!("<media:{name}> has type={kind:?}; plain or html"),
                    );
                }
                let value = text_of(node);
                if kind == "html" {
                    for broken in html::escaped_html(&value) {
                        self.report(node, broken, "holds HTML a reader would remove");
                    }
                } else if html::looks_like_html(&value) {
                    self.warning(
                        node,
                        "ContainsUndeclaredHTML",
                        format!("<media:{name}> is plain text but holds HTML; say type=\"html\""),
                    );
                }
                for attribute in ["start", "end"] {
                    if let Some(time) = node.attribute(attribute)
                        && !npt(time)
                    {
                        self.error(
                            node,
                            "InvalidNPTTime",
                            format!(
                                "<media:{name}> has {attribute}={time:?}, not a Normal Play Time"
                            ),
                        );
                    }
                }
                if let Some(lang) = node.attribute("lang")
                    && let Some(broken) = values::language(lang)
                {
                    self.report(node, broken, &format!("has lang={lang:?}"));
                }
            }
            "category" => {
                if let Some(label) = node.attribute("label")
                    && html::looks_like_html(label)
                {
                    self.warning(
                        node,
                        "ContainsHTML",
                        "<media:category> has a label with HTML".into(),
                    );
                }
                if html::looks_like_html(&text_of(node)) {
                    self.warning(node, "ContainsHTML", "<media:category> holds HTML".into());
                }
                self.attribute_uri(node, "scheme", UriForm::Absolute, "InvalidFullLink");
            }
            "copyright" => {
                if html::looks_like_html(&text_of(node)) {
                    self.warning(node, "ContainsHTML", "<media:copyright> holds HTML".into());
                }
                self.attribute_uri(node, "url", UriForm::Absolute, "InvalidFullLink");
            }
            "credit" => {
                self.attribute_uri(node, "scheme", UriForm::Absolute, "InvalidFullLink");
                if let Some(role) = node.attribute("role")
                    && role.chars().any(char::is_uppercase)
                {
                    self.error(
                        node,
                        "InvalidCreditRole",
                        format!("<media:credit> role {role:?} must be lower case"),
                    );
                }
            }
            "rating" => {
                let scheme = node.attribute("scheme").unwrap_or("urn:simple");
                let value = text_of(node);
                let value = value.trim();
                let valid = match scheme {
                    "urn:simple" => ["adult", "nonadult"].contains(&value),
                    "urn:mpaa" => ["g", "m", "nc-17", "pg", "pg-13", "r", "x"].contains(&value),
                    "urn:v-chip" => [
                        "14+", "18+", "c", "c8", "g", "pg", "tv-14", "tv-g", "tv-ma", "tv-pg",
                        "tv-y", "tv-y7", "tv-y7-fv",
                    ]
                    .contains(&value),
                    "urn:icra" => ICRA.is_match(value),
                    _ => {
                        self.attribute_uri(node, "scheme", UriForm::Absolute, "InvalidFullLink");
                        true
                    }
                };
                if !valid {
                    self.error(
                        node,
                        "InvalidMediaRating",
                        format!("{value:?} is not a rating of the scheme {scheme}"),
                    );
                }
            }
            "restriction" => {
                match node.attribute("relationship") {
                    None | Some("") => {
                        self.error(
                            node,
                            "MissingAttribute",
                            "<media:restriction> has no relationship attribute".into(),
                        );
                    }
                    Some("allow" | "deny") => {}
                    Some(other) => self.error(
                        node,
                        "InvalidMediaRestrictionRel",
                        format!("relationship={other:?}; allow or deny"),
                    ),
                }
                let value = text_of(node);
                let value = value.trim();
                match node.attribute("type") {
                    None | Some("") => {
                        if !value.is_empty() && !["all", "none"].contains(&value) {
                            self.error(
                                node,
                                "InvalidMediaRestriction",
                                format!("{value:?}: without a type, a restriction is all or none"),
                            );
                        }
                    }
                    Some("country") => {
                        for code in value.split_whitespace() {
                            let upper = code.to_uppercase();
                            if !(upper.len() == 2 && COUNTRIES.split(' ').any(|c| c == upper)) {
                                self.error(
                                    node,
                                    "InvalidCountryCode",
                                    format!("{code:?} is not an ISO 3166 country code"),
                                );
                            }
                        }
                    }
                    Some("uri") => {
                        if let Some(broken) =
                            values::uri(value, UriForm::Absolute, "InvalidFullLink")
                        {
                            self.report(node, broken, "is not a full URL");
                        }
                    }
                    Some(other) => self.error(
                        node,
                        "InvalidMediaRestrictionType",
                        format!("type={other:?}; country or uri"),
                    ),
                }
            }
            "hash" => {
                let algo = node.attribute("algo").unwrap_or("md5");
                let value = text_of(node);
                let value = value.trim();
                let length = match algo {
                    "md5" => 32,
                    "sha-1" => 40,
                    _ => 0,
                };
                if length == 0
                    || value.len() != length
                    || !value.chars().all(|c| c.is_ascii_hexdigit())
                {
                    self.error(
                        node,
                        "InvalidMediaHash",
                        format!("<media:hash> is not a {algo} digest"),
                    );
                }
            }
            _ => {}
        }
        let _ = parent;
        let mut seen: HashMap<&str, usize> = HashMap::new();
        for child in elements(node) {
            if child.tag_name().namespace() == Some(MEDIA) {
                let slot = seen.entry(child.tag_name().name()).or_default();
                *slot += 1;
                let count = *slot;
                self.media(child, node, count);
            }
        }
    }

    fn media_namespace(&mut self, node: Node) {
        self.error(
            node,
            "MediaRssNamespace",
            format!("Media RSS's namespace is {MEDIA} exactly"),
        );
    }

    fn media_content(&mut self, node: Node) {
        if let Some(url) = node.attribute("url")
            && let Some(broken) = values::uri(url.trim(), UriForm::Absolute, "InvalidFullLink")
        {
            self.report(
                node,
                broken,
                &format!("has a url that breaks the rule: {url:?}"),
            );
        }
        for attribute in ["bitrate", "duration", "framerate", "samplingrate"] {
            if let Some(value) = node.attribute(attribute)
                && !values::float(value)
            {
                self.error(
                    node,
                    "InvalidFloat",
                    format!("<media:content> has {attribute}={value:?}, not a number"),
                );
            }
        }
        for attribute in ["fileSize", "height", "width"] {
            if let Some(value) = node.attribute(attribute)
                && !values::positive_integer(value)
            {
                self.error(
                    node,
                    "InvalidPositiveInteger",
                    format!("<media:content> has {attribute}={value:?}"),
                );
            }
        }
        if let Some(value) = node.attribute("channels")
            && !values::non_negative_integer(value)
        {
            self.error(
                node,
                "InvalidNonNegativeInteger",
                format!("<media:content> has channels={value:?}"),
            );
        }
        if let Some(value) = node.attribute("isDefault")
            && !["true", "false"].contains(&value.to_lowercase().as_str())
        {
            self.error(
                node,
                "InvalidTrueFalse",
                format!("<media:content> has isDefault={value:?}"),
            );
        }
        if let Some(lang) = node.attribute("lang")
            && let Some(broken) = values::language(lang)
        {
            self.report(node, broken, &format!("has lang={lang:?}"));
        }
        if let Some(kind) = node.attribute("type")
            && !values::mime(kind)
        {
            self.error(
                node,
                "InvalidMIMEAttribute",
                format!("<media:content> has type={kind:?}"),
            );
        }
        if let Some(medium) = node.attribute("medium")
            && !["image", "audio", "video", "document", "executable"].contains(&medium)
        {
            self.error(
                node,
                "InvalidMediaMedium",
                format!("<media:content> has medium={medium:?}"),
            );
        }
        if let Some(expression) = node.attribute("expression")
            && !["sample", "full", "nonstop"].contains(&expression)
        {
            self.error(
                node,
                "InvalidMediaExpression",
                format!("<media:content> has expression={expression:?}"),
            );
        }
    }

    // --------------------------------------------------------------- Atom

    pub(crate) fn atom_feed(&mut self, feed: Node) {
        self.prefixed(feed);
        self.xml_attributes(feed);
        self.atom_container(feed, true);
        // Every entry with one id: a publisher that writes the feed's id
        // (or a constant) into each entry, so readers see a single entry.
        let entries = elements(feed)
            .filter(|e| e.tag_name().namespace() == Some(ATOM) && e.tag_name().name() == "entry")
            .count();
        if entries > 9 && self.entry_ids.len() == 1 {
            self.error(
                feed,
                "DuplicateIds",
                format!("all {entries} entries have the same id"),
            );
        }
    }

    /// An Atom entry document (RFC 4287 §4.1.2 as a root).
    pub(crate) fn atom_entry_document(&mut self, entry: Node) {
        self.prefixed(entry);
        self.xml_attributes(entry);
        self.atom_entry(entry, false);
    }

    /// Atom's elements are best written in the default namespace: some
    /// readers match names textually.
    fn prefixed(&mut self, root: Node) {
        if root
            .tag_name()
            .namespace()
            .is_some_and(|ns| root.lookup_prefix(ns).is_some_and(|p| !p.is_empty()))
            && root.lookup_prefix(ATOM).is_some_and(|p| !p.is_empty())
            && !root
                .namespaces()
                .any(|ns| ns.name().is_none() && ns.uri() == ATOM)
        {
            self.warning(
                root,
                "AvoidNamespacePrefix",
                "write Atom's elements without a namespace prefix".into(),
            );
        }
    }

    /// `xml:base` and `xml:lang` wherever they appear.
    fn xml_attributes(&mut self, root: Node) {
        for node in root.descendants().filter(Node::is_element) {
            if let Some(base) = node.attribute((XML, "base"))
                && let Some(broken) = values::uri(base, UriForm::Iri, "InvalidIRI")
            {
                self.report(node, broken, &format!("has xml:base={base:?}"));
            }
            if let Some(lang) = node.attribute((XML, "lang"))
                && !lang.is_empty()
                && let Some(broken) = values::language(lang)
            {
                self.report(node, broken, &format!("has xml:lang={lang:?}"));
            }
        }
    }

    /// A feed or an entry's `source`: the same metadata elements.
    #[allow(clippy::too_many_lines)]
    fn atom_container(&mut self, feed: Node, is_feed: bool) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut has_self = false;
        let mut alternates: HashSet<(String, String)> = HashSet::new();
        let mut entries = 0;
        for child in elements(feed) {
            let name = child.tag_name().name();
            match child.tag_name().namespace() {
                Some(ATOM) => {}
                Some(ITUNES) => {
                    self.itunes(child, feed, true, 1);
                    continue;
                }
                Some(HISTORY) => {
                    if !["complete", "archive"].contains(&name) {
                        self.undefined(child, feed);
                    }
                    continue;
                }
                Some(ns) if ns == ATOM_03 => {
                    self.error(child, "ObsoleteNamespace", "the Atom 0.3 namespace is obsolete; Atom 1.0's is http://www.w3.org/2005/Atom".into());
                    continue;
                }
                None | Some("") => {
                    self.undeterminable(child);
                    continue;
                }
                Some(XHTML) => {
                    self.warning(
                        child,
                        "MisplacedXHTMLContent",
                        format!(
                            "<{}> is XHTML outside a text construct; readers ignore it there",
                            name_of(child)
                        ),
                    );
                    continue;
                }
                Some(ns) => {
                    self.atom_module(child, feed, ns);
                    continue;
                }
            }
            let count = {
                let entry = seen.entry(name).or_default();
                *entry += 1;
                *entry
            };
            if entries > 0 && name != "entry" && is_feed {
                self.error(
                    child,
                    "MisplacedMetadata",
                    format!("<{name}> comes after an <entry>"),
                );
            }
            match name {
                "id" => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    self.atom_id(child);
                }
                "title" | "subtitle" | "rights" => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    self.text_construct(child);
                }
                "updated" => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    self.atom_date(child);
                }
                "generator" => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    let value = self.leaf(child, Kind::NonHtml);
                    self.not_blank(child, &value);
                    self.attribute_uri(child, "uri", UriForm::Iri, "InvalidIRI");
                }
                "icon" | "logo" => {
                    if count > 1 {
                        self.duplicate(child);
                    }
                    let value = self.leaf(child, Kind::Text);
                    self.not_blank(child, &value);
                    self.whitespace(child, &value);
                    if let Some(broken) = values::uri(value.trim(), UriForm::Iri, "InvalidIRI") {
                        self.report(child, broken, "is not a URI");
                    }
                }
                "author" | "contributor" => self.person(child),
                "category" => self.atom_category(child),
                "link" => {
                    let (rel, kind, hreflang) = self.atom_link(child);
                    if rel == "self" {
                        has_self = true;
                    }
                    if rel == "alternate" && !alternates.insert((kind, hreflang)) {
                        self.error(
                            child,
                            "DuplicateAtomLink",
                            "two alternate links with the same type and hreflang".into(),
                        );
                    }
                }
                "entry" if is_feed => {
                    entries += 1;
                    let has_author = seen.contains_key("author");
                    self.atom_entry(child, has_author);
                }
                _ => self.undefined(child, feed),
            }
        }
        for required in ["id", "title", "updated"] {
            if !seen.contains_key(required) {
                if is_feed {
                    self.missing(feed, required);
                } else {
                    self.warning(
                        feed,
                        "MissingSourceElement",
                        format!("<source> should have <{required}>"),
                    );
                }
            }
        }
        if is_feed && !has_self {
            self.warning(
                feed,
                "MissingSelf",
                "<feed> has no <link rel=\"self\"> naming its own URL".into(),
            );
        }
    }

    /// The older RSS modules inside Atom: the same rules, except that a
    /// trackback belongs to an entry.
    fn atom_module(&mut self, node: Node, parent: Node, ns: &str) {
        match ns {
            TRACKBACK if parent.tag_name().name() != "entry" => self.undefined(node, parent),
            SYNDICATION | ADMIN | DCTERMS | TRACKBACK | CREATIVE_COMMONS => {
                self.module(node, parent, ns, 1);
            }
            _ => {}
        }
    }

    /// An element in no namespace inside a namespaced feed (Atom, RSS
    /// 1.0): nothing says which vocabulary it belongs to, so readers
    /// cannot interpret it.
    pub(crate) fn undeterminable(&mut self, node: Node) {
        self.warning(
            node,
            "UndeterminableVocabulary",
            format!(
                "<{}> is in no namespace, so no reader can tell what it means",
                node.tag_name().name()
            ),
        );
    }

    fn whitespace(&mut self, node: Node, value: &str) {
        if value != value.trim() {
            self.error(
                node,
                "UnexpectedWhitespace",
                format!("<{}> has space around its value", name_of(node)),
            );
        }
    }

    fn atom_id(&mut self, node: Node) {
        let value = self.leaf(node, Kind::Text);
        self.whitespace(node, &value);
        let trimmed = value.trim();
        if trimmed.is_empty() {
            // RFC 4287 4.2.6: an IRI, and an empty one is none.
            self.warning(node, "NotBlank", "<id> should not be blank".into());
            self.error(
                node,
                "InvalidFullLink",
                "<id> is blank; it must be an absolute IRI".into(),
            );
            return;
        }
        if let Some(broken) = values::uri(trimmed, UriForm::AbsoluteIri, "InvalidFullLink") {
            self.report(
                node,
                broken,
                &format!("is not an absolute IRI: {trimmed:?}"),
            );
        } else if !is_canonical(&value) {
            self.warning(
                node,
                "NonCanonicalURI",
                format!(
                    "<id> {trimmed:?} is not in canonical form, so equal ids may compare unequal"
                ),
            );
        }
    }

    fn atom_date<'a>(&mut self, node: Node<'a, '_>) -> std::borrow::Cow<'a, str> {
        let value = self.leaf(node, Kind::Rfc3339);
        if value != value.trim() && values::rfc3339(value.trim()).is_none() {
            self.whitespace(node, &value);
        }
        value
    }

    fn person(&mut self, node: Node) {
        let mut seen = HashSet::new();
        for child in elements(node) {
            let name = child.tag_name().name();
            if child.tag_name().namespace() != Some(ATOM) {
                continue;
            }
            if !seen.insert(name) {
                self.duplicate(child);
            }
            match name {
                "name" => {
                    let value = self.leaf(child, Kind::NonHtml);
                    self.not_blank(child, &value);
                    if values::holds_bracketed_address(&value) {
                        self.warning(
                            child,
                            "ContainsEmail",
                            "<name> holds an e-mail address; put it in <email>".into(),
                        );
                    }
                }
                "email" => {
                    let value = self.leaf(child, Kind::Text);
                    let value = value.trim();
                    if values::addr_spec(value) {
                    } else if values::single_label_address(value) {
                        // `user@localhost`: an address, but of a host no
                        // one else can reach.
                        self.warning(
                            child,
                            "UnknownHost",
                            format!("<email> {value:?} names a host without a domain"),
                        );
                    } else {
                        // RFC 4287 3.2.3: an addr-spec, no name, no mailto.
                        self.error(
                            child,
                            "InvalidAddrSpec",
                            format!("<email> {value:?} is not an addr-spec (RFC 2822)"),
                        );
                    }
                }
                "uri" => {
                    let value = self.leaf(child, Kind::Text);
                    self.whitespace(child, &value);
                    if let Some(broken) = values::uri(value.trim(), UriForm::Iri, "InvalidIRI") {
                        self.report(child, broken, "is not a URI");
                    }
                }
                _ => self.undefined(child, node),
            }
        }
        if !seen.contains("name") {
            self.missing(node, "name");
        }
    }

    fn atom_category(&mut self, node: Node) {
        match node.attribute("term") {
            None => {
                self.error(
                    node,
                    "MissingAttribute",
                    "<category> has no term attribute".into(),
                );
            }
            Some("") => self.warning(node, "NotBlank", "<category> has a blank term".into()),
            Some(_) => {}
        }
        if node.attribute("label").is_some_and(html::looks_like_html) {
            self.warning(
                node,
                "ContainsHTML",
                "<category> has a label with HTML".into(),
            );
        }
        // RFC 4287 4.2.2.2: the scheme is an IRI, so absolute.
        self.attribute_uri(node, "scheme", UriForm::AbsoluteIri, "InvalidFullLink");
    }

    /// Returns rel, type and hreflang, for the duplicate-alternate rule.
    fn atom_link(&mut self, node: Node) -> (String, String, String) {
        let rel = node.attribute("rel").unwrap_or("alternate");
        let rel = rel
            .strip_prefix("http://www.iana.org/assignments/relation/")
            .unwrap_or(rel);
        if rel.is_empty() {
            self.warning(node, "AttrNotBlank", "<link> has a blank rel".into());
        } else if !LINK_RELATIONS.contains(&rel)
            && values::uri(rel, UriForm::AbsoluteIri, "InvalidIRI").is_some()
        {
            self.warning(
                node,
                "UnregisteredAtomLinkRel",
                format!("rel={rel:?} is neither registered nor a URI"),
            );
        }
        let kind = node.attribute("type").unwrap_or_default();
        if node.attribute("type").is_some() {
            if !values::mime(kind) {
                self.error(
                    node,
                    "InvalidMIMEType",
                    format!("<link> has type={kind:?}, not a MIME type"),
                );
            } else if rel == "self"
                && ![
                    "application/atom+xml",
                    "application/rss+xml",
                    "application/rdf+xml",
                ]
                .contains(&kind.split(';').next().unwrap_or_default())
            {
                self.warning(node, "SelfNotAtom", "a self link names a feed type".into());
            }
        }
        if let Some(title) = node.attribute("title") {
            if title.is_empty() {
                self.warning(node, "AttrNotBlank", "<link> has a blank title".into());
            } else if html::looks_like_html(title) {
                self.warning(node, "ContainsHTML", "<link> has a title with HTML".into());
            }
        }
        if let Some(length) = node.attribute("length")
            && !values::non_negative_integer(length)
        {
            self.error(
                node,
                "InvalidNonNegativeInteger",
                format!("<link> has length={length:?}"),
            );
        }
        let hreflang = node.attribute("hreflang").unwrap_or_default();
        if node.attribute("hreflang").is_some()
            && let Some(broken) = values::language(hreflang)
        {
            self.report(node, broken, &format!("has hreflang={hreflang:?}"));
        }
        match node.attribute("href") {
            None => self.error(node, "MissingHref", "<link> has no href".into()),
            Some(href) => {
                if let Some(broken) = values::uri(href, UriForm::Iri, "InvalidIRI") {
                    self.report(node, broken, &format!("has href={href:?}"));
                } else if rel != "self" && same_document(node, href) {
                    // (A self link is meant to name this document.)
                    self.warning(
                        node,
                        "SameDocumentReference",
                        format!("href={href:?} resolves to the xml:base itself, which RFC 3986 (4.4) lets readers take for this document"),
                    );
                } else if rel == "self"
                    && !href.contains("://")
                    && node.ancestors().all(|a| {
                        a.attribute((XML, "base"))
                            .is_none_or(|b| !b.contains("://"))
                    })
                {
                    self.warning(
                        node,
                        "RelativeSelf",
                        "a self link should be an absolute URL".into(),
                    );
                }
            }
        }
        if !text_of(node).trim().is_empty() {
            self.warning(node, "AtomLinkNotEmpty", "<link> should be empty".into());
        }
        (rel.to_string(), kind.to_string(), hreflang.to_string())
    }

    #[allow(clippy::too_many_lines, clippy::single_match_else)]
    fn atom_entry(&mut self, entry: Node, feed_has_author: bool) {
        let mut seen: HashMap<&str, usize> = HashMap::new();
        let mut alternates: HashSet<(String, String)> = HashSet::new();
        let mut has_alternate = false;
        let mut content: Option<Node> = None;
        let mut source_author = false;
        for child in elements(entry) {
            let name = child.tag_name().name();
            match child.tag_name().namespace() {
                Some(ATOM) => {}
                Some(ITUNES) => {
                    self.itunes(child, entry, false, 1);
                    continue;
                }
                Some(MEDIA) => {
                    self.media(child, entry, 1);
                    continue;
                }
                None | Some("") => {
                    self.undeterminable(child);
                    continue;
                }
                Some(XHTML) => {
                    self.warning(
                        child,
                        "MisplacedXHTMLContent",
                        format!(
                            "<{}> is XHTML outside a text construct; readers ignore it there",
                            name_of(child)
                        ),
                    );
                    continue;
                }
                Some(ns) => {
                    self.atom_module(child, entry, ns);
                    continue;
                }
            }
            let count = {
                let slot = seen.entry(name).or_default();
                *slot += 1;
                *slot
            };
            let once = |walker: &mut Self| {
                if count > 1 {
                    walker.duplicate(child);
                }
            };
            match name {
                "id" => {
                    once(self);
                    self.atom_id(child);
                    let value = text_of(child).trim().to_string();
                    if !value.is_empty() && !self.entry_ids.insert(value.clone()) {
                        self.warning(
                            child,
                            "DuplicateEntries",
                            format!("two entries have the id {value:?}"),
                        );
                    }
                }
                "title" | "summary" | "rights" => {
                    once(self);
                    self.text_construct(child);
                }
                "content" => {
                    once(self);
                    self.content(child);
                    content = Some(child);
                }
                "updated" | "published" => {
                    once(self);
                    let value = self.atom_date(child);
                    // Entries updated at the same instant cannot be told
                    // apart by readers that order or deduplicate by it.
                    if name == "updated" && !self.entry_updated.insert(value.trim().to_string()) {
                        self.warning(
                            child,
                            "DuplicateUpdated",
                            format!("two entries have the updated time {:?}", value.trim()),
                        );
                    }
                }
                "author" | "contributor" => self.person(child),
                "category" => self.atom_category(child),
                "link" => {
                    let (rel, kind, hreflang) = self.atom_link(child);
                    if rel == "alternate" {
                        has_alternate = true;
                        if !alternates.insert((kind, hreflang)) {
                            self.error(
                                child,
                                "DuplicateAtomLink",
                                "two alternate links with the same type and hreflang".into(),
                            );
                        }
                    }
                }
                "source" => {
                    once(self);
                    source_author |= elements(child).any(|c| {
                        c.tag_name().name() == "author" && c.tag_name().namespace() == Some(ATOM)
                    });
                    self.atom_container(child, false);
                }
                _ => self.undefined(child, entry),
            }
        }
        for required in ["id", "title", "updated"] {
            if !seen.contains_key(required) {
                self.missing(entry, required);
            }
        }
        if !seen.contains_key("author") && !feed_has_author && !source_author {
            self.missing(entry, "author");
        }
        match content {
            Some(content) => {
                let kind = content.attribute("type").unwrap_or("text");
                let binary = kind.contains('/')
                    && !(kind.ends_with("+xml")
                        || kind.ends_with("/xml")
                        || kind.starts_with("text/"));
                if !seen.contains_key("summary") && (content.attribute("src").is_some() || binary) {
                    self.error(
                        entry,
                        "MissingSummary",
                        "<entry> with content a reader cannot show needs a <summary>".into(),
                    );
                }
            }
            None => {
                if !seen.contains_key("summary") {
                    self.warning(
                        entry,
                        "MissingTextualContent",
                        "<entry> has neither <content> nor <summary>".into(),
                    );
                }
                if !has_alternate {
                    self.error(
                        entry,
                        "MissingContentOrAlternate",
                        "<entry> without <content> needs an alternate link".into(),
                    );
                }
            }
        }
    }

    /// Atom text constructs: `type` is text, html or xhtml.
    fn text_construct(&mut self, node: Node) {
        let kind = node.attribute("type").unwrap_or("text");
        if node.attribute("type") == Some("") {
            self.warning(
                node,
                "AttrNotBlank",
                format!("<{}> has a blank type", name_of(node)),
            );
        }
        if kind.contains('/') {
            // Atom 0.3 wrote MIME types here; Atom 1.0 knows three words.
            // The body is still read as that MIME type, as the W3C
            // service does, so what it holds is reported too.
            self.error(
                node,
                "InvalidTextType",
                format!("<{}> has type={kind:?}; text, html or xhtml", name_of(node)),
            );
        }
        self.typed_body(node, kind);
    }

    /// A text construct's or `<content>`'s body, read as its type says.
    fn typed_body(&mut self, node: Node, kind: &str) {
        if ["text", "html", "xhtml", ""].contains(&kind) {
            self.typed_text(node, kind);
        } else if !values::mime(kind) {
            self.error(
                node,
                "InvalidMIMEType",
                format!(
                    "<{}> has type={kind:?}, neither text, html, xhtml nor a MIME type",
                    name_of(node)
                ),
            );
            self.typed_text(node, "text");
        } else {
            self.mime_body(node, kind);
        }
        // Atom 0.3's mode="escaped" promises escaped markup; elements
        // inside break that promise.
        if node.attribute("mode") == Some("escaped") && elements(node).next().is_some() {
            self.error(
                node,
                "NotEscaped",
                format!(
                    "<{}> says mode=\"escaped\" but holds elements",
                    name_of(node)
                ),
            );
        }
    }

    fn typed_text(&mut self, node: Node, kind: &str) {
        match kind {
            "xhtml" => self.xhtml(node),
            "html" => {
                for child in elements(node) {
                    self.undefined(child, node);
                }
                let value = text_of(node);
                for broken in html::escaped_html(&value) {
                    self.report(node, broken, "holds HTML a reader would remove");
                }
                if value.trim().is_empty() {
                    self.not_blank(node, &value);
                }
            }
            _ => {
                for child in elements(node) {
                    self.undefined(child, node);
                }
                let value = text_of(node);
                self.undeclared_html(node, &value, "ContainsUndeclaredHTML");
                if value.trim().is_empty() && node.attribute("src").is_none() {
                    self.not_blank(node, &value);
                }
            }
        }
    }

    fn xhtml(&mut self, node: Node) {
        let mut divs = elements(node);
        let first = divs.next();
        let loose_text = node
            .children()
            .any(|c| c.is_text() && !c.text().unwrap_or_default().trim().is_empty());
        match first {
            Some(div)
                if div.tag_name().namespace() == Some(XHTML)
                    && div.tag_name().name() == "div"
                    && !loose_text
                    && divs.next().is_none() =>
            {
                self.xhtml_body(div, 0);
            }
            _ => {
                self.error(
                    node,
                    "MissingXhtmlDiv",
                    format!("<{}> type=\"xhtml\" holds one XHTML <div>", name_of(node)),
                );
                if let Some(div) = first.filter(|e| e.tag_name().name() == "div") {
                    self.warning(
                        div,
                        "NotHtml",
                        format!("<div> in <{}> is not in the XHTML namespace", name_of(node)),
                    );
                }
            }
        }
        // Markup escaped as text (or hidden in CDATA) is not inline XHTML: a
        // reader shows the tags. A div holding only text counts as text.
        let mut text: String = node
            .children()
            .filter(Node::is_text)
            .map(|c| c.text().unwrap_or_default())
            .collect();
        if let Some(div) = first
            && div.tag_name().namespace() == Some(XHTML)
            && div.tag_name().name() == "div"
            && elements(div).next().is_none()
        {
            text.push_str(&text_of(div));
        }
        self.undeclared_html(node, &text, "NotInline");
    }

    fn xhtml_body(&mut self, node: Node, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in elements(node) {
            match child.tag_name().namespace() {
                Some(XHTML) => {}
                Some(MATHML) => {
                    self.foreign(child, MATHML_ELEMENTS, MATHML_ATTRIBUTES);
                    continue;
                }
                Some(SVG) => {
                    self.foreign(child, SVG_ELEMENTS, SVG_ATTRIBUTES);
                    continue;
                }
                None | Some("") => {
                    self.error(
                        child,
                        "MissingNamespace",
                        format!("<{}> in XHTML content is in no namespace", name_of(child)),
                    );
                    continue;
                }
                Some(ns) if vocabularies::is_known(ns) => {
                    self.undefined(child, node);
                    continue;
                }
                Some(_) => {
                    self.warning(
                        child,
                        "UnknownNamespace",
                        format!(
                            "<{}> in XHTML content is in a namespace readers do not know",
                            name_of(child)
                        ),
                    );
                    continue;
                }
            }
            let mut found = Vec::new();
            let attributes: Vec<(&str, &str)> = child
                .attributes()
                .filter(|a| a.namespace().is_none())
                .map(|a| (a.name(), a.value()))
                .collect();
            html::element_rules(child.tag_name().name(), attributes.into_iter(), &mut found);
            for broken in found {
                self.report(child, broken, "would be removed by a reader");
            }
            self.xhtml_body(child, depth + 1);
        }
    }

    /// `MathML` and SVG inside XHTML: the presentational subsets readers
    /// render; anything else there can script or fetch.
    fn foreign(&mut self, node: Node, allowed: &[&str], attributes: &[&str]) {
        for element in node.descendants().filter(Node::is_element) {
            if !allowed.contains(&element.tag_name().name()) {
                self.warning(
                    element,
                    "SecurityRisk",
                    format!(
                        "<{}> is not one of the elements readers render",
                        name_of(element)
                    ),
                );
            }
            for attribute in element.attributes() {
                let qualified = match attribute.namespace() {
                    Some("http://www.w3.org/1999/xlink") => format!("xlink:{}", attribute.name()),
                    Some(XML) => format!("xml:{}", attribute.name()),
                    _ => attribute.name().to_string(),
                };
                if !attributes.contains(&qualified.as_str()) {
                    self.warning(
                        element,
                        "SecurityRiskAttr",
                        format!(
                            "{qualified} on <{}> is not an attribute readers keep",
                            name_of(element)
                        ),
                    );
                }
            }
        }
    }

    fn content(&mut self, node: Node) {
        let kind = node.attribute("type").unwrap_or("text");
        if node.attribute("type") == Some("") {
            self.warning(node, "AttrNotBlank", "<content> has a blank type".into());
        }
        if kind == "multipart/alternative" {
            // RFC 4287 4.1.3.1: content is one representation, so a
            // multipart type cannot be it.
            self.error(
                node,
                "InvalidMIMEType",
                "<content> cannot be multipart/alternative".into(),
            );
        }
        let Some(src) = node.attribute("src") else {
            self.typed_body(node, kind);
            return;
        };
        if let Some(broken) = values::uri(src, UriForm::Iri, "InvalidURIAttribute") {
            self.report(node, broken, &format!("has src={src:?}"));
        }
        match node.attribute("type") {
            None => self.warning(
                node,
                "MissingTypeAttr",
                "<content src> should say the type".into(),
            ),
            // RFC 4287 4.1.3.1: with src, type is a MIME media type, never
            // text, html or xhtml.
            Some(kind) if !(kind.is_empty() || kind.contains('/') && values::mime(kind)) => {
                self.error(
                    node,
                    "InvalidMIMEType",
                    format!("<content src> has type={kind:?}, not a MIME type"),
                );
            }
            Some(_) => {}
        }
        if !text_of(node).trim().is_empty() {
            self.error(node, "UnexpectedText", "<content src> must be empty".into());
        }
        if !kind.ends_with("+xml") && !kind.ends_with("/xml") {
            for child in elements(node) {
                self.undefined(child, node);
            }
        }
    }

    /// A body whose type is a MIME type: XML types hold elements, text
    /// types text, anything else base64.
    fn mime_body(&mut self, node: Node, kind: &str) {
        let xml = kind.ends_with("+xml") || kind.ends_with("/xml");
        if xml {
            let first = elements(node).next();
            let loose = node
                .children()
                .any(|c| c.is_text() && !c.text().unwrap_or_default().trim().is_empty());
            if first.is_some() && loose {
                self.error(
                    node,
                    "UnexpectedText",
                    format!("<{}> of type {kind} mixes text with its XML", name_of(node)),
                );
            }
            if kind == "application/xhtml+xml"
                && let Some(root) = first
                && root.tag_name().name() != "html"
            {
                self.warning(
                    node,
                    "HtmlFragment",
                    format!(
                        "<{}> of type {kind} should be a whole XHTML document",
                        name_of(node)
                    ),
                );
            }
            return;
        }
        for child in elements(node) {
            self.undefined(child, node);
        }
        if !kind.starts_with("text/") {
            let value: String = text_of(node)
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            match base64_decode(&value) {
                None => self.error(
                    node,
                    "NotBase64",
                    format!("<{}> of type {kind} must be base64", name_of(node)),
                ),
                // HTML sent as base64 is still HTML a reader renders.
                Some(bytes) if kind.ends_with("/html") => {
                    for broken in html::escaped_html(&String::from_utf8_lossy(&bytes)) {
                        self.report(node, broken, "holds HTML (in base64) a reader would remove");
                    }
                }
                Some(_) => {}
            }
        } else if kind.ends_with("/html") {
            let value = text_of(node);
            for broken in html::escaped_html(&value) {
                self.report(node, broken, "holds HTML a reader would remove");
            }
            if !value.contains("<html") {
                self.warning(node, "HtmlFragment", format!("<{}> of type {kind} should be a whole document; use type=\"html\" for a fragment", name_of(node)));
            }
        } else {
            let value = text_of(node);
            self.undeclared_html(node, &value, "ContainsUndeclaredHTML");
        }
    }

    /// Plain text holding HTML, as the W3C service reads it: an end tag
    /// is HTML; something like an entity is HTML only when the lines the
    /// element is written on hold no `&#x` reference (the RSS Profile's
    /// unambiguous escape, which feedwright writes).
    fn undeclared_html(&mut self, node: Node, value: &str, code: &'static str) {
        let entity_is_html = html::has_entity(value) && !lines_hold_hex_reference(node);
        if html::has_end_tag(value) || entity_is_html {
            let message = if code == "NotInline" {
                format!(
                    "<{}> is XHTML but holds escaped HTML as text",
                    name_of(node)
                )
            } else {
                format!(
                    "<{}> is plain text but holds HTML; say type=\"html\"",
                    name_of(node)
                )
            };
            self.warning(node, code, message);
        }
    }
}

/// Base64 (RFC 4648) decoded; `None` when it is not base64.
fn base64_decode(value: &str) -> Option<Vec<u8>> {
    let digit = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    // Every other character is refused by `digit` below.
    if !value.len().is_multiple_of(4) {
        return None;
    }
    let mut out = Vec::with_capacity(value.len() / 4 * 3);
    for chunk in value.trim_end_matches('=').as_bytes().chunks(4) {
        let mut bits = 0u32;
        for &c in chunk {
            bits = (bits << 6) | u32::from(digit(c)?);
        }
        bits <<= 6 * (4 - chunk.len());
        let bytes = bits.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

/// Whether `href` resolves to the in-scope `xml:base` itself: an empty
/// reference, a bare fragment, or `.` against a base ending in `/`.
fn same_document(node: Node, href: &str) -> bool {
    if !(href.is_empty() || href.starts_with('#') || href == "." || href == "./") {
        return false;
    }
    let base = node.ancestors().find_map(|a| a.attribute((XML, "base")));
    base.is_some_and(|base| !href.starts_with('.') || base.ends_with('/'))
}

/// The iTunes namespace, in any letter case: Apple's own early examples
/// wrote `DTDs/Podcast-1.0.dtd`, and Apple Podcasts reads both (the
/// spelling itself is reported as a `ReservedPrefix`).
fn is_itunes(ns: Option<&str>) -> bool {
    ns.is_some_and(|ns| ns.eq_ignore_ascii_case(ITUNES))
}

/// RFC 3986 §6.2.2 normal form, as far as ids compare: lower-case scheme
/// and host, no default port, upper-case percent escapes of only the
/// characters that need them, no empty path for http.
fn is_canonical(id: &str) -> bool {
    let Some((scheme, rest)) = id.split_once(':') else {
        return true;
    };
    if scheme.chars().any(|c| c.is_ascii_uppercase()) {
        return false;
    }
    // Percent escapes: upper-case hex, and not for unreserved characters.
    let bytes = id.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'%' {
            let hex = id.get(index + 1..index + 3).unwrap_or_default();
            if hex.chars().any(|c| c.is_ascii_lowercase()) {
                return false;
            }
            if let Ok(code) = u8::from_str_radix(hex, 16)
                && (code.is_ascii_alphanumeric() || b"-._~".contains(&code))
            {
                return false;
            }
        }
    }
    if let Some(after) = rest.strip_prefix("//") {
        let authority = after.split(['/', '?', '#']).next().unwrap_or_default();
        let (userinfo, host) = authority.rsplit_once('@').unwrap_or(("-", authority));
        // An empty userinfo (`http://:@host/`) is dropped by normalisation.
        if userinfo.is_empty() || userinfo == ":" {
            return false;
        }
        if host.chars().any(|c| c.is_ascii_uppercase()) {
            return false;
        }
        let default_port = match scheme {
            "http" => Some(":80"),
            "https" => Some(":443"),
            "ftp" => Some(":21"),
            _ => None,
        };
        if default_port.is_some_and(|port| host.ends_with(port)) || host.ends_with(':') {
            return false;
        }
        let path = &after[authority.len()..];
        if matches!(scheme, "http" | "https") && path.is_empty() {
            return false;
        }
        if path
            .split(['?', '#'])
            .next()
            .unwrap_or_default()
            .split('/')
            .any(|seg| seg == "." || seg == "..")
        {
            return false;
        }
    }
    true
}

/// RFC 2326 Normal Play Time: seconds, or h:mm:ss, with a fraction; or now.
fn npt(value: &str) -> bool {
    NPT.is_match(value)
}

static NPT: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:now|\d+(?:\.\d*)?|\d+:\d\d:\d\d(?:\.\d*)?)$")
        .expect("a valid built-in pattern")
});

/// ICRA labels as Media RSS shows them: `r (cz 1 lz 1 nz 1 oz 1 vz 1)`.
static ICRA: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let code = "(?:[nsvlocx]z [01]|(?:n[a-c]|s[a-f]|v[a-j]|l[a-c]|o[a-h]|c[a-b]|x[a-e]) 1)";
    regex::Regex::new(&format!(r"^r \({code}(?: {code})*\)$")).expect("a valid built-in pattern")
});

/// ISO 3166-1 alpha-2 country codes.
const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW UK EU";

/// `itunes:duration`: seconds, or `[[H:]M:]S` (Apple accepts both).
fn itunes_duration(value: &str) -> bool {
    let parts: Vec<&str> = value.split(':').collect();
    parts.len() <= 3
        && parts.iter().all(|part| {
            !part.is_empty() && part.len() <= 10 && part.chars().all(|c| c.is_ascii_digit())
        })
        && parts
            .iter()
            .skip(1)
            .all(|part| part.len() <= 2 && part.parse::<u32>().is_ok_and(|n| n < 60))
}

/// Apple Podcasts' categories and their subcategories (2019 list).
const ITUNES_CATEGORIES: &[(&str, &str)] = &[
    (
        "Arts",
        "Books|Design|Fashion & Beauty|Food|Performing Arts|Visual Arts",
    ),
    (
        "Business",
        "Careers|Entrepreneurship|Investing|Management|Marketing|Non-Profit",
    ),
    ("Comedy", "Comedy Interviews|Improv|Stand-Up"),
    (
        "Education",
        "Courses|How To|Language Learning|Self-Improvement",
    ),
    ("Fiction", "Comedy Fiction|Drama|Science Fiction"),
    ("Government", ""),
    ("History", ""),
    (
        "Health & Fitness",
        "Alternative Health|Fitness|Medicine|Mental Health|Nutrition|Sexuality",
    ),
    (
        "Kids & Family",
        "Education for Kids|Parenting|Pets & Animals|Stories for Kids",
    ),
    (
        "Leisure",
        "Animation & Manga|Automotive|Aviation|Crafts|Games|Hobbies|Home & Garden|Video Games",
    ),
    ("Music", "Music Commentary|Music History|Music Interviews"),
    (
        "News",
        "Business News|Daily News|Entertainment News|News Commentary|Politics|Sports News|Tech News",
    ),
    (
        "Religion & Spirituality",
        "Buddhism|Christianity|Hinduism|Islam|Judaism|Religion|Spirituality",
    ),
    (
        "Science",
        "Astronomy|Chemistry|Earth Sciences|Life Sciences|Mathematics|Natural Sciences|Nature|Physics|Social Sciences",
    ),
    (
        "Society & Culture",
        "Documentary|Personal Journals|Philosophy|Places & Travel|Relationships",
    ),
    (
        "Sports",
        "Baseball|Basketball|Cricket|Fantasy Sports|Football|Golf|Hockey|Rugby|Running|Soccer|Swimming|Tennis|Volleyball|Wilderness|Wrestling",
    ),
    ("Technology", ""),
    ("True Crime", ""),
    (
        "TV & Film",
        "After Shows|Film History|Film Interviews|Film Reviews|TV Reviews",
    ),
];

/// Apple's categories before the 2019 list, still seen in old feeds.
const OLD_ITUNES_CATEGORIES: &[(&str, &str)] = &[
    (
        "Arts",
        "Design|Fashion & Beauty|Food|Literature|Performing Arts|Visual Arts",
    ),
    (
        "Business",
        "Business News|Careers|Investing|Management & Marketing|Shopping",
    ),
    (
        "Education",
        "Educational Technology|Higher Education|K-12|Language Courses|Training",
    ),
    (
        "Games & Hobbies",
        "Automotive|Aviation|Hobbies|Other Games|Video Games",
    ),
    (
        "Government & Organizations",
        "Local|National|Non-Profit|Regional",
    ),
    (
        "Health",
        "Alternative Health|Fitness & Nutrition|Self-Help|Sexuality",
    ),
    ("News & Politics", ""),
    ("Religion & Spirituality", "Other"),
    (
        "Science & Medicine",
        "Medicine|Natural Sciences|Social Sciences",
    ),
    (
        "Society & Culture",
        "History|Personal Journals|Philosophy|Places & Travel",
    ),
    (
        "Sports & Recreation",
        "Amateur|College & High School|Outdoor|Professional",
    ),
    ("Technology", "Gadgets|Podcasting|Software How-To|Tech News"),
    ("Talk Radio", ""),
    ("Travel", ""),
    ("Transportation", "Automotive|Aviation|Bicycles|Commuting"),
    // Categories of the first iTunes podcast directory (2005), retired
    // before 2018's list above.
    (
        "Arts & Entertainment",
        "Architecture|Design|Entertainment|Games|Performing Arts|Photography|Poetry|Science Fiction",
    ),
    ("Audio Blogs", ""),
    ("Business", "Finance|News"),
    ("Comedy", ""),
    ("Education", "Education Technology"),
    ("Family", ""),
    ("Food", ""),
    ("Health", "Diet & Nutrition|Fitness|Relationships"),
    (
        "International",
        "Australian|Belgian|Brazilian|Canadian|Chinese|Dutch|French|German|Hebrew|Italian|Japanese|Norwegian|Polish|Portuguese|Spanish|Swedish",
    ),
    ("Movies & Television", ""),
    ("Politics", ""),
    ("Public Radio", ""),
    (
        "Religion & Spirituality",
        "Buddhism|Christianity|Islam|Judaism|New Age|Philosophy|Spirituality",
    ),
    (
        "Technology",
        "Computers|Developers|Information Technology|News|Operating Systems|Smart Phones|Text/Speech",
    ),
];

/// More attributes than any feed element carries. roxmltree checks each
/// attribute against the element's others for duplicates, so its time
/// grows with the square of their number (100,000 took 27 s); documents
/// past this are refused before it parses them.
pub(crate) const MAX_ATTRIBUTES: usize = 1024;

/// The offset of the first start tag with more than `MAX_ATTRIBUTES`
/// attributes, found by one pass over the bytes: comments, CDATA sections,
/// processing instructions and declarations are skipped, and an `=`
/// counts only outside quotes. A document it misreads is then read by the
/// XML parser, which reports what is wrong.
pub(crate) fn too_many_attributes(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let skip_to = |from: usize, end: &[u8]| {
        memchr::memmem::find(&bytes[from..], end).map_or(bytes.len(), |at| from + at + end.len())
    };
    let mut at = 0;
    while let Some(found) = memchr::memchr(b'<', &bytes[at..]) {
        let start = at + found;
        let rest = &bytes[start..];
        at = if rest.starts_with(b"<!--") {
            skip_to(start, b"-->")
        } else if rest.starts_with(b"<![CDATA[") {
            skip_to(start, b"]]>")
        } else if rest.starts_with(b"<?") {
            skip_to(start, b"?>")
        } else if rest.starts_with(b"<!") || rest.starts_with(b"</") {
            skip_to(start, b">")
        } else {
            let mut quote = None;
            let mut count = 0usize;
            let mut end = bytes.len();
            for (offset, &b) in rest.iter().enumerate().skip(1) {
                match (quote, b) {
                    (Some(q), _) if b == q => quote = None,
                    (None, b'"' | b'\'') => quote = Some(b),
                    (None, b'=') => count += 1,
                    (None, b'>') => {
                        end = start + offset + 1;
                        break;
                    }
                    _ => {}
                }
            }
            if count > MAX_ATTRIBUTES {
                return Some(start);
            }
            end
        };
    }
    None
}

/// RSS 1.0: the RDF form. Checked for its required elements only.
/// The deepest element nesting, counted without recursion.
pub(crate) fn too_deep(document: &Document) -> Option<usize> {
    // Depth-first over first-child and next-sibling links with a counter:
    // no recursion and no stack, however deep the document.
    let mut node = document.root();
    let mut depth = 0usize;
    loop {
        if let Some(child) = node.first_child() {
            node = child;
            depth += 1;
            if depth > MAX_DEPTH {
                return Some(node.range().start);
            }
            continue;
        }
        loop {
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) if depth > 0 => {
                    node = parent;
                    depth -= 1;
                }
                _ => return None,
            }
        }
    }
}

/// Whether the whole lines an element is written on contain `&#x`.
fn lines_hold_hex_reference(node: Node) -> bool {
    let source = node.document().input_text();
    let range = node.range();
    let start = source[..range.start.min(source.len())]
        .rfind('\n')
        .map_or(0, |newline| newline + 1);
    let end = source[range.end.min(source.len())..]
        .find('\n')
        .map_or(source.len(), |newline| range.end + newline);
    source[start..end].contains("&#x")
}
