//! HTML inside feeds: escaped markup in RSS descriptions and Atom
//! `type="html"` text, and inline XHTML. Readers render it, so the rules
//! here flag what a reader would strip or what could run script (an
//! element or a style a sanitiser removes), and markup in places declared
//! to hold plain text.

use super::values::Broken;
use regex::Regex;
use std::sync::LazyLock;

/// Every HTML element name (HTML 4, HTML5 and the legacy ones readers know).
pub(crate) const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "applet",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "base",
    "basefont",
    "bdi",
    "bdo",
    "big",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "data",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "eventsource",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "frame",
    "frameset",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hgroup",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "isindex",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "m",
    "main",
    "mark",
    "map",
    "menu",
    "meta",
    "meter",
    "nav",
    "noframes",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "slot",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "xmp",
    "plaintext",
    "embed",
    "comment",
    "listing",
    "video",
    "wbr",
];

/// Elements that feed readers keep; any other HTML element (script,
/// iframe, object, embed, style, meta, link, frame…) can run code or
/// change the reader's page, and is removed by every sanitiser.
const SAFE_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "big",
    "blockquote",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "command",
    "data",
    "datagrid",
    "datalist",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "em",
    "eventsource",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "font",
    "form",
    "header",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hgroup",
    "hr",
    "i",
    "img",
    "input",
    "ins",
    "keygen",
    "kbd",
    "label",
    "legend",
    "li",
    "m",
    "main",
    "map",
    "mark",
    "menu",
    "meter",
    "multicol",
    "nav",
    "nextid",
    "ol",
    "output",
    "optgroup",
    "option",
    "p",
    "picture",
    "pre",
    "progress",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "select",
    "small",
    "sound",
    "source",
    "spacer",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "time",
    "tfoot",
    "th",
    "thead",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "noscript",
    "wbr",
];

/// CSS properties that only change presentation.
const SAFE_CSS: &[&str] = &[
    "azimuth",
    "background",
    "background-color",
    "border",
    "border-bottom",
    "border-bottom-color",
    "border-bottom-style",
    "border-bottom-width",
    "border-collapse",
    "border-color",
    "border-left",
    "border-left-color",
    "border-left-style",
    "border-left-width",
    "border-right",
    "border-right-color",
    "border-right-style",
    "border-right-width",
    "border-spacing",
    "border-style",
    "border-top",
    "border-top-color",
    "border-top-style",
    "border-top-width",
    "border-width",
    "clear",
    "color",
    "cursor",
    "direction",
    "display",
    "elevation",
    "float",
    "font",
    "font-family",
    "font-size",
    "font-style",
    "font-variant",
    "font-weight",
    "height",
    "letter-spacing",
    "line-height",
    "list-style-type",
    "margin",
    "margin-bottom",
    "margin-left",
    "margin-right",
    "margin-top",
    "overflow",
    "padding",
    "padding-bottom",
    "padding-left",
    "padding-right",
    "padding-top",
    "pause",
    "pause-after",
    "pause-before",
    "pitch",
    "pitch-range",
    "richness",
    "speak",
    "speak-header",
    "speak-numeral",
    "speak-punctuation",
    "speech-rate",
    "stress",
    "text-align",
    "text-decoration",
    "text-indent",
    "unicode-bidi",
    "vertical-align",
    "voice-family",
    "volume",
    "white-space",
    "width",
];

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid built-in pattern")
}

/// The start tags of an HTML fragment, each with its attributes, read by
/// hand: this runs over every item's content, where a regular expression
/// with captures was most of the time `validate` took.
fn start_tags(html: &str) -> Vec<(&str, Vec<(&str, &str)>)> {
    let bytes = html.as_bytes();
    let mut tags = Vec::new();
    let mut at = 0;
    while let Some(found) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + found + 1;
        at = start;
        let name_end = start
            + bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'_' | b'-'))
                .count();
        if name_end == start || !bytes[start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[start..name_end];
        let mut attributes = Vec::new();
        let mut i = name_end;
        let mut closed = false;
        while i < bytes.len() {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            if i >= bytes.len() || bytes[i] == b'<' {
                break;
            }
            if bytes[i] == b'>' || (bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'>')) {
                closed = true;
                break;
            }
            let attribute_start = i;
            while i < bytes.len()
                && !bytes[i].is_ascii_whitespace()
                && !matches!(bytes[i], b'=' | b'>' | b'/' | b'<')
            {
                i += 1;
            }
            let attribute = &html[attribute_start..i];
            if attribute.is_empty() {
                i += 1;
                continue;
            }
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            let mut value = "";
            if bytes.get(i) == Some(&b'=') {
                i += 1;
                while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                    i += 1;
                }
                if let Some(&quote) = bytes.get(i).filter(|b| matches!(b, b'"' | b'\'')) {
                    let value_start = i + 1;
                    let value_end = bytes[value_start..]
                        .iter()
                        .position(|&b| b == quote)
                        .map_or(bytes.len(), |end| value_start + end);
                    value = &html[value_start..value_end];
                    i = (value_end + 1).min(bytes.len());
                } else {
                    let value_start = i;
                    while i < bytes.len() && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                        i += 1;
                    }
                    value = &html[value_start..i];
                }
            }
            attributes.push((attribute, value));
        }
        if closed {
            tags.push((name, attributes));
        }
        at = i.max(start);
    }
    tags
}

static END_TAG: LazyLock<Regex> = LazyLock::new(|| re(r"</(\w+)>"));
static STYLE_CHARS: LazyLock<Regex> =
    LazyLock::new(|| re(r#"^(?:[:,;#%.\sa-zA-Z0-9!]|\w-\w|'[\s\w]+'|"[\s\w]+"|\([\d,\s]+\))*$"#));
static STYLE_SHAPE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:\s*[-\w]+\s*:\s*[^:;]*(?:;|$))*$"));
static STYLE_DECLARATION: LazyLock<Regex> = LazyLock::new(|| re(r"([-\w]+)\s*:\s*([^:;]*)"));
static CSS_VALUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:#[0-9a-f]+|rgb\(\d+%?,\d*%?,?\d*%?\)?|\d?\.?\d?\d(?:cm|em|ex|in|mm|pc|pt|px|%|,|\))?)$",
    )
});

/// A style attribute is safe when it is plain declarations of known
/// presentational properties with plain values (no `url(`, `expression`,
/// escapes or comments).
pub(crate) fn style_is_safe(style: &str) -> bool {
    if !STYLE_CHARS.is_match(style) || !STYLE_SHAPE.is_match(style) {
        return false;
    }
    let lower = style.to_lowercase();
    STYLE_DECLARATION.captures_iter(&lower).all(|declaration| {
        let property = &declaration[1];
        let value = &declaration[2];
        if !SAFE_CSS.contains(&property) {
            return false;
        }
        let family = property.split('-').next().unwrap_or_default();
        if ["background", "border", "margin", "padding"].contains(&family) {
            value
                .split_whitespace()
                .all(|word| crate::util::CSS_KEYWORDS.contains(&word) || CSS_VALUE.is_match(word))
        } else {
            true
        }
    })
}

/// The rules that an element of the given name and attributes breaks as
/// part of HTML shown by a reader.
pub(crate) fn element_rules<'a>(
    name: &str,
    attributes: impl Iterator<Item = (&'a str, &'a str)>,
    found: &mut Vec<Broken>,
) {
    // Names are ASCII here (see `start_tags`): compared without a copy.
    let is = |tag: &&str| tag.eq_ignore_ascii_case(name);
    if !HTML_TAGS.iter().any(is) {
        found.push(Broken {
            code: "NotHtml",
            warning: true,
        });
        return;
    }
    if !SAFE_TAGS.iter().any(is) {
        found.push(Broken {
            code: "SecurityRisk",
            warning: true,
        });
        return;
    }
    for (attribute, value) in attributes {
        // Only ASCII letters lower-case to `style` or `on`.
        if attribute.eq_ignore_ascii_case("style") {
            if !style_is_safe(value) {
                found.push(Broken {
                    code: "DangerousStyleAttr",
                    warning: true,
                });
            }
        } else if attribute
            .as_bytes()
            .get(..2)
            .is_some_and(|start| start.eq_ignore_ascii_case(b"on"))
        {
            found.push(Broken {
                code: "SecurityRiskAttr",
                warning: true,
            });
        }
    }
}

/// Escaped HTML (an RSS description, Atom `type="html"`): what a reader
/// would strip from it.
pub(crate) fn escaped_html(value: &str) -> Vec<Broken> {
    let mut found = Vec::new();
    if value.contains("&#") && c1_reference(value) {
        found.push(Broken {
            code: "NotHtml",
            warning: true,
        });
    }
    if !value.contains('<') {
        return found;
    }
    // ASCII case is enough: no other letter lower-cases to one of these.
    if memchr::memmem::find_iter(value.as_bytes(), b"<?").any(|at| {
        value.as_bytes()[at + 2..]
            .get(..b"import ".len())
            .is_some_and(|word| word.eq_ignore_ascii_case(b"import "))
    }) {
        found.push(Broken {
            code: "SecurityRisk",
            warning: true,
        });
    }
    // A tag that never closes (`<a href="x"` at the end) is not HTML a
    // reader can parse.
    if let Some(open) = value.rfind('<')
        && value[open + 1..].starts_with(|c: char| c.is_ascii_alphabetic())
        && !value[open..].contains('>')
    {
        found.push(Broken {
            code: "NotHtml",
            warning: true,
        });
    }
    for (name, attributes) in start_tags(value) {
        element_rules(name, attributes.into_iter(), &mut found);
    }
    found
}

/// A numeric character reference to U+0080–U+009F (`&#x92;`, `&#146;`):
/// an HTML parse error, usually a windows-1252 quote escaped as Latin-1.
fn c1_reference(value: &str) -> bool {
    value.split("&#").skip(1).any(|reference| {
        let (digits, radix) = match reference.strip_prefix(['x', 'X']) {
            Some(hex) => (hex, 16),
            None => (reference, 10),
        };
        let end = digits
            .find(|c: char| !c.is_digit(radix))
            .unwrap_or(digits.len());
        u32::from_str_radix(&digits[..end], radix).is_ok_and(|code| (0x80..=0x9F).contains(&code))
    })
}

/// An `<a href>` or `<img src>` that is a relative reference (no
/// `scheme:` in front).
pub(crate) fn has_relative_reference(html: &str) -> bool {
    start_tags(html).into_iter().any(|(name, attributes)| {
        let wanted = match name.to_ascii_lowercase().as_str() {
            "a" => "href",
            "img" => "src",
            _ => return false,
        };
        attributes
            .iter()
            .filter(|(attribute, _)| attribute.eq_ignore_ascii_case(wanted))
            .any(|(_, value)| {
                let value = value.trim();
                let scheme = value.split(':').next().unwrap_or_default();
                !value.contains(':')
                    || scheme.is_empty()
                    || !scheme.chars().all(|c| c.is_alphanumeric() || c == '_')
            })
    })
}

static ENTITY: LazyLock<Regex> = LazyLock::new(|| re(r"&(#?\w+)"));
static MARKUP: LazyLock<Regex> = LazyLock::new(|| re(r"&#[x0-9]|<[/a-zA-Z]"));

/// HTML entity names a reader would decode a second time (HTML 4's
/// common and Greek ones).
const HTML_ENTITIES: &[&str] = &[
    "amp", "lt", "gt", "quot", "apos", "nbsp", "copy", "reg", "trade", "hellip", "mdash", "ndash",
    "lsquo", "rsquo", "ldquo", "rdquo", "laquo", "raquo", "eacute", "egrave", "agrave", "auml",
    "ouml", "uuml", "szlig", "euro", "pound", "yen", "cent", "middot", "bull", "deg", "para",
    "sect", "times", "divide", "frac12", "alpha", "beta", "gamma", "delta", "epsilon", "zeta",
    "eta", "theta", "iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho", "sigma",
    "tau", "upsilon", "phi", "chi", "psi", "omega", "Alpha", "Beta", "Gamma", "Delta", "Omega",
    "Pi", "Sigma", "micro", "shy", "iexcl", "iquest", "ccedil", "ntilde", "aacute", "iacute",
    "oacute", "uacute", "acirc", "ecirc", "icirc", "ocirc", "ucirc", "aring", "aelig", "oslash",
    "thorn", "eth",
];

/// Plain text with an HTML end tag (`</b>`) was most likely meant as HTML:
/// a reader will show the tags.
pub(crate) fn has_end_tag(value: &str) -> bool {
    value.contains("</")
        && END_TAG
            .captures_iter(value)
            .any(|tag| HTML_TAGS.contains(&tag[1].to_lowercase().as_str()))
}

/// Text that still holds something like an entity reference after XML
/// decoding (`AT&amp;T` written as `AT&amp;amp;T`, or `alpha&omega`):
/// some readers decode it a second time and some do not.
pub(crate) fn has_entity(value: &str) -> bool {
    value.contains('&')
        && ENTITY.captures_iter(value).any(|entity| {
            let name = &entity[1];
            // `&#38`, `&#x26` or a named entity; `&0` is only an ampersand.
            name.strip_prefix('#').is_some_and(|number| {
                number.chars().all(|c| c.is_ascii_digit())
                    || number
                        .strip_prefix(['x', 'X'])
                        .is_some_and(|hex| hex.chars().all(|c| c.is_ascii_hexdigit()))
            }) || HTML_ENTITIES.contains(&name)
        })
}

/// Text holding `&#…` or `<x` after decoding: readers that treat RSS
/// text as HTML would take it for markup.
pub(crate) fn has_markup(value: &str) -> bool {
    MARKUP.is_match(value)
}

/// Either of the two: what the W3C service calls HTML in plain text.
pub(crate) fn looks_like_html(value: &str) -> bool {
    has_end_tag(value) || has_entity(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(value: &str) -> Vec<&'static str> {
        escaped_html(value).iter().map(|b| b.code).collect()
    }

    #[test]
    fn script_handlers_and_styles_are_named() {
        assert_eq!(codes("<p>hi</p>"), Vec::<&str>::new());
        assert_eq!(codes("<script>x</script>"), ["SecurityRisk"]);
        assert_eq!(codes("<img src=x onerror=\"y\">"), ["SecurityRiskAttr"]);
        assert_eq!(
            codes("<p style=\"background: url(x)\">"),
            ["DangerousStyleAttr"]
        );
        assert_eq!(codes("<p style=\"color: red\">"), Vec::<&str>::new());
        assert!(looks_like_html("a <b>bold</b> move"));
        assert!(!looks_like_html("a < b"));
    }
}
