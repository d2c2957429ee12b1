//! The sanitiser: what of a body's HTML may reach a feed, and what the
//! author is told was removed. ammonia (over html5ever) does the
//! removing; one attribute filter applies the crate's URL policy
//! (`util::url_is_publishable`) to every URL-bearing attribute and a CSS
//! allow-list to `style`, and records what it took out, so the warning
//! names exactly what was removed and where.

use crate::util::unpublishable_scheme;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

/// Elements kept in content: what feed readers render and the W3C feed
/// validator accepts; everything else is removed (script and style with
/// their content, the rest keeping their text).
const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "address",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "big",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Whether the sanitiser keeps an element of this name (ASCII case
/// ignored).
pub fn is_kept_element(name: &str) -> bool {
    ALLOWED_TAGS
        .iter()
        .any(|tag| tag.eq_ignore_ascii_case(name))
}

/// Attributes any kept element may carry.
const GENERIC_ATTRIBUTES: &[&str] = &["class", "dir", "id", "lang", "style", "title"];

/// CSS properties kept in `style` attributes (Markdown tables use
/// `text-align`): each is on the W3C feed validator's list of acceptable
/// properties, and none of them can load anything or move an element
/// out of its box.
const STYLE_PROPERTIES: &[&str] = &[
    "background-color",
    "color",
    "direction",
    "font-family",
    "font-size",
    "font-style",
    "font-variant",
    "font-weight",
    "height",
    "letter-spacing",
    "line-height",
    "list-style-type",
    "text-align",
    "text-decoration",
    "text-indent",
    "unicode-bidi",
    "vertical-align",
    "white-space",
    "width",
];

/// Attributes that belong to one element.
const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang", "rel"]),
    (
        "img",
        &[
            "alt", "height", "src", "srcset", "sizes", "width", "loading",
        ],
    ),
    ("source", &["src", "srcset", "sizes", "type", "media"]),
    (
        "video",
        &[
            "src", "poster", "controls", "width", "height", "loop", "muted", "preload",
        ],
    ),
    ("audio", &["src", "controls", "loop", "muted", "preload"]),
    ("track", &["src", "kind", "label", "srclang", "default"]),
    ("blockquote", &["cite"]),
    ("q", &["cite"]),
    ("del", &["cite", "datetime"]),
    ("ins", &["cite", "datetime"]),
    ("time", &["datetime"]),
    ("ol", &["start", "reversed", "type"]),
    ("li", &["value"]),
    ("td", &["colspan", "rowspan", "align"]),
    ("th", &["colspan", "rowspan", "align", "scope"]),
    ("col", &["span"]),
    ("colgroup", &["span"]),
    ("details", &["open"]),
];

/// Removed with everything inside them: their content is code, not text.
const REMOVED_WITH_CONTENT: &[&str] = &["script", "style"];

/// Every attribute that HTML (current or past), SVG or `MathML` reads a URL
/// from. Each is held to the URL policy wherever it is allowed, and one
/// that is dropped anyway (not allowed on its element) is still named in
/// the warning when it held an unsafe URL.
const URL_BEARING: &[&str] = &[
    "action",
    "archive",
    "background",
    "cite",
    "classid",
    "codebase",
    "data",
    "dynsrc",
    "formaction",
    "href",
    "icon",
    "imagesrcset",
    "itemid",
    "itemtype",
    "longdesc",
    "lowsrc",
    "manifest",
    "ping",
    "poster",
    "profile",
    "src",
    "srcset",
    "usemap",
    "xlink:href",
];

/// One thing the sanitiser removes, and how to find it in the source.
#[derive(Debug, Clone)]
pub struct Finding {
    /// What the warning says: `<script>`, `javascript: URL in srcset` …
    pub what: String,
    needle: Needle,
}

#[derive(Debug, Clone)]
enum Needle {
    Tag(String),
    /// An attribute's name and its value (as written, or decoded).
    Attribute {
        name: String,
        value: String,
    },
}

/// Text quoted in a warning: one short line with no control characters.
fn shown(text: &str) -> String {
    let mut out: String = text.chars().filter(|c| !c.is_control()).take(40).collect();
    if text.chars().count() > 40 {
        out.push('…');
    }
    out
}

/// `<noscript>` unwrapped: its content stays as markup. Feed readers run
/// no scripts, so what it holds is what they must show; left in place,
/// html5ever (parsing as a scripting browser does) would turn that
/// content into escaped text.
pub fn unwrap_noscript(html: &str) -> String {
    let mentioned = html
        .as_bytes()
        .windows(b"noscript".len())
        .any(|window| window.eq_ignore_ascii_case(b"noscript"));
    if !mentioned {
        return html.to_string();
    }
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .with_strict(false)
            .append_element_content_handler(element!("noscript", |el| {
                el.remove_and_keep_content();
                Ok(())
            })),
    )
    .unwrap_or_else(|_| html.to_string())
}

/// Names what the sanitizer will take out that its attribute filter does
/// not see: elements outside the allow-list, event attributes, and unsafe
/// URLs in attributes that are dropped anyway. The sanitizer, not this
/// scan, does the removing.
pub fn scan(html: &str) -> Vec<Finding> {
    let found = RefCell::new(Vec::new());
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            let tag = el.tag_name();
            let mut found = found.borrow_mut();
            if !ALLOWED_TAGS.contains(&tag.as_str()) {
                found.push(Finding {
                    what: format!("<{}>", shown(&tag)),
                    needle: Needle::Tag(tag),
                });
                return Ok(());
            }
            for attribute in el.attributes() {
                let name = attribute.name();
                let value = attribute.value();
                let what = if name.starts_with("on") {
                    format!("{} attribute", shown(&name))
                } else if name == "style" || name.ends_with("srcset") {
                    // The attribute filter judges these, and reports them.
                    continue;
                } else if URL_BEARING.contains(&name.as_str())
                    && let Some(scheme) = unpublishable_scheme(&value)
                {
                    // Also for allowed attributes: ammonia's own scheme
                    // check drops some (`href`, `src`) before the filter
                    // sees them.
                    format!("{scheme}: URL in {name}")
                } else {
                    // Harmless presentational attributes are dropped silently.
                    continue;
                };
                found.push(Finding {
                    what,
                    needle: Needle::Attribute { name, value },
                });
            }
            Ok(())
        }));
    // A scan that fails to parse only loses the warning; the sanitizer still runs.
    let _ = rewrite_str(html, settings);
    found.into_inner()
}

/// How many times the sanitizer may run on its own output before its
/// output stops changing; one or two in practice.
const CLEAN_ROUNDS: usize = 4;

/// The body's HTML with everything unsafe removed, and what the attribute
/// filter removed. The result is well-formed: ammonia serialises a tree
/// in which removing an element can leave, say, a `<p>` inside a `<p>`
/// (`x<select>` did); parsing and cleaning again until nothing changes
/// gives markup that any HTML parser reads back as the same tree.
pub fn clean(html: &str) -> (String, Vec<Finding>) {
    let findings = Arc::new(Mutex::new(Vec::new()));
    let builder = sanitizer(Some(Arc::clone(&findings)));
    let mut out = builder.clean(html).to_string();
    // Given back unchanged, the input is a fixed point, and so the output:
    // no second round can change it.
    let rounds = if out == html { 0 } else { CLEAN_ROUNDS };
    for _ in 0..rounds {
        let again = builder.clean(&out).to_string();
        if again == out {
            break;
        }
        out = again;
    }
    let findings = findings.lock().map(|f| f.clone()).unwrap_or_default();
    (out, findings)
}

/// Whether `html` is what the sanitizer gives back unchanged: well-formed
/// and holding nothing it would remove.
pub fn is_clean(html: &str) -> bool {
    sanitizer(None).clean(html).to_string() == html
}

type Sink = Arc<Mutex<Vec<Finding>>>;

fn sanitizer(sink: Option<Sink>) -> ammonia::Builder<'static> {
    let mut builder = ammonia::Builder::empty();
    let tag_attributes: HashMap<&str, HashSet<&str>> = TAG_ATTRIBUTES
        .iter()
        .map(|(tag, attributes)| (*tag, attributes.iter().copied().collect()))
        .collect();
    builder
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(REMOVED_WITH_CONTENT.iter().copied().collect())
        .generic_attributes(GENERIC_ATTRIBUTES.iter().copied().collect())
        .tag_attributes(tag_attributes)
        // The filter below has already held URLs to the policy; ammonia's
        // own check, with the same schemes, is a second line.
        .url_schemes(crate::util::PUBLISHABLE_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true)
        .attribute_filter(move |_element, attribute, value| {
            let (kept, removed) = filter_attribute(attribute, value);
            if let Some(sink) = &sink
                && !removed.is_empty()
                && let Ok(mut sink) = sink.lock()
            {
                sink.extend(removed.into_iter().map(|what| Finding {
                    what,
                    needle: Needle::Attribute {
                        name: attribute.to_string(),
                        value: value.to_string(),
                    },
                }));
            }
            kept
        });
    builder
}

/// One allowed attribute (value decoded by the HTML parser) → what is
/// kept of it, and what was removed, for the warning.
fn filter_attribute<'v>(name: &str, value: &'v str) -> (Option<Cow<'v, str>>, Vec<String>) {
    match name {
        "style" => {
            let (kept, removed) = filter_style(value);
            (kept.map(Cow::Owned), removed)
        }
        "srcset" | "imagesrcset" => {
            let mut removed = Vec::new();
            let kept: Vec<String> = parse_srcset(value)
                .into_iter()
                .filter(|(url, _)| match unpublishable_scheme(url) {
                    Some(scheme) => {
                        removed.push(format!("{scheme}: URL in {name}"));
                        false
                    }
                    None => true,
                })
                .map(|(url, descriptor)| join_candidate(&url, &descriptor))
                .collect();
            let kept = (!kept.is_empty()).then(|| Cow::Owned(kept.join(", ")));
            (kept, removed)
        }
        _ if URL_BEARING.contains(&name) => match unpublishable_scheme(value) {
            Some(scheme) => (None, vec![format!("{scheme}: URL in {name}")]),
            None => (Some(Cow::Borrowed(value)), Vec::new()),
        },
        _ => (Some(Cow::Borrowed(value)), Vec::new()),
    }
}

/// `srcset` candidates as the HTML standard splits them: a URL (a run of
/// non-space characters, which may hold commas), then descriptors up to
/// the next comma. A descriptor other than `NNw`, `NNx` or `NNh` is
/// dropped, so that nothing but URLs and numbers is written back.
pub fn parse_srcset(value: &str) -> Vec<(String, String)> {
    let mut candidates = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest
            .find(|c: char| c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let (mut url, after) = rest.split_at(end);
        rest = after;
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let mut depth = 0usize;
            let mut stop = rest.len();
            for (i, c) in rest.char_indices() {
                match c {
                    '(' => depth += 1,
                    ')' => depth = depth.saturating_sub(1),
                    ',' if depth == 0 => {
                        stop = i;
                        break;
                    }
                    _ => {}
                }
            }
            descriptor = rest[..stop].trim();
            rest = &rest[stop..];
        }
        if url.is_empty() {
            continue;
        }
        let plain_descriptor = descriptor.len() > 1
            && descriptor.ends_with(['w', 'x', 'h'])
            && descriptor[..descriptor.len() - 1]
                .chars()
                .all(|c| c.is_ascii_digit() || c == '.');
        candidates.push((
            url.to_string(),
            if plain_descriptor {
                descriptor.to_string()
            } else {
                String::new()
            },
        ));
    }
    candidates
}

pub fn join_candidate(url: &str, descriptor: &str) -> String {
    if descriptor.is_empty() {
        url.to_string()
    } else {
        format!("{url} {descriptor}")
    }
}

/// A `style` value → the declarations kept (`None` when none is) and one
/// entry per declaration removed. Kept: a property on `STYLE_PROPERTIES`
/// whose value passes `css_value_is_plain`; written back as
/// `property:value` joined by `;`.
fn filter_style(style: &str) -> (Option<String>, Vec<String>) {
    let mut kept = Vec::new();
    let mut removed = Vec::new();
    for declaration in style.split(';') {
        let declaration = declaration.trim();
        if declaration.is_empty() {
            continue;
        }
        let Some((property, value)) = declaration.split_once(':') else {
            removed.push(format!("style {:?}", shown(declaration)));
            continue;
        };
        let property = property.trim().to_ascii_lowercase();
        let value = value.split_ascii_whitespace().collect::<Vec<_>>().join(" ");
        if !STYLE_PROPERTIES.contains(&property.as_str()) {
            removed.push(format!("style property {}", shown(&property)));
        } else if !css_value_is_plain(&property, &value) {
            removed.push(format!("style value {property}: {}", shown(&value)));
        } else {
            kept.push(format!("{property}:{value}"));
        }
    }
    ((!kept.is_empty()).then(|| kept.join(";")), removed)
}

/// A CSS value the W3C feed validator does not call dangerous (its
/// `checkStyle`), made slightly stricter so as to be simple: only ASCII
/// letters, digits, white space and `, # % . !`; a `-` between two word
/// characters as its pattern allows; `(` … `)` holding only digits,
/// commas and spaces (so `rgb(0,0,0)`, but not `rgba(0,0,0,.5)`,
/// `calc(…)`, `url(…)` or `expression(…)`); quoted words. No `:` `;` `\`
/// `/` `@` `*`, so no escapes, comments, `@import` or second declaration.
/// For `background…`, `border…`, `margin…` and `padding…` each word must
/// also be a keyword or a plain number, colour or length, as there.
pub fn css_value_is_plain(property: &str, value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    let squeezed: String = lower.chars().filter(|c| !c.is_whitespace()).collect();
    if value.is_empty()
        || ["expression", "url(", "javascript", "behavior", "binding"]
            .iter()
            .any(|word| squeezed.contains(word))
        || !validator_style_characters(value)
    {
        return false;
    }
    let family = property.split('-').next().unwrap_or_default();
    if matches!(family, "background" | "border" | "margin" | "padding") {
        return lower
            .split_ascii_whitespace()
            .all(|word| crate::util::CSS_KEYWORDS.contains(&word) || css_plain_value(word));
    }
    true
}

fn validator_style_characters(value: &str) -> bool {
    let chars: Vec<char> = value.chars().collect();
    let mut i = 0;
    // Whether the character before `i` is a word character that a
    // `\w-\w` step may still take as its first character.
    let mut free_word = false;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_alphanumeric() {
            free_word = true;
            i += 1;
        } else if c.is_ascii_whitespace() || matches!(c, ',' | '#' | '%' | '.' | '!') {
            free_word = false;
            i += 1;
        } else if c == '-' && free_word && chars.get(i + 1).is_some_and(char::is_ascii_alphanumeric)
        {
            free_word = false;
            i += 2;
        } else if c == '(' {
            let Some(close) = chars[i..].iter().position(|&c| c == ')') else {
                return false;
            };
            let inside = &chars[i + 1..i + close];
            if inside.is_empty()
                || !inside
                    .iter()
                    .all(|c| c.is_ascii_digit() || *c == ',' || c.is_ascii_whitespace())
            {
                return false;
            }
            free_word = false;
            i += close + 1;
        } else if c == '\'' || c == '"' {
            let Some(close) = chars[i + 1..].iter().position(|&q| q == c) else {
                return false;
            };
            let inside = &chars[i + 1..i + 1 + close];
            if inside.is_empty()
                || !inside
                    .iter()
                    .all(|c| c.is_ascii_alphanumeric() || *c == '_' || c.is_ascii_whitespace())
            {
                return false;
            }
            free_word = false;
            i += close + 2;
        } else {
            return false;
        }
    }
    true
}

/// The validator's `valid_css_values`: `#hex`, `rgb(n,n,n)`, or a number
/// of at most four characters (`\d?\.?\d?\d`) with an optional unit.
fn css_plain_value(word: &str) -> bool {
    if let Some(hex) = word.strip_prefix('#') {
        return !hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    if let Some(inside) = word.strip_prefix("rgb(") {
        let inside = inside.strip_suffix(')').unwrap_or(inside);
        let parts: Vec<&str> = inside.split(',').collect();
        return (1..=3).contains(&parts.len())
            && parts[0]
                .trim_end_matches('%')
                .chars()
                .all(|c| c.is_ascii_digit())
            && !parts[0].trim_end_matches('%').is_empty()
            && parts[1..]
                .iter()
                .all(|p| p.trim_end_matches('%').chars().all(|c| c.is_ascii_digit()));
    }
    let number = [
        "cm", "em", "ex", "in", "mm", "pc", "pt", "px", "%", ",", ")",
    ]
    .iter()
    .find_map(|unit| word.strip_suffix(unit))
    .unwrap_or(word);
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let dots = number.chars().filter(|&c| c == '.').count();
    // `\d?\.?\d?\d`: ends in a digit; at most one dot, with at most one
    // digit on each side of it… except that the last two may both follow.
    number.ends_with(|c: char| c.is_ascii_digit())
        && number.chars().all(|c| c.is_ascii_digit() || c == '.')
        && dots <= 1
        && match number.find('.') {
            None => (1..=3).contains(&digits),
            Some(dot) => dot <= 1 && (1..=2).contains(&(number.len() - dot - 1)),
        }
}

/// Distinct findings located in the source; the rest are only counted,
/// so that a hostile body with thousands of different ones costs no more
/// than this many searches of it.
const MAX_LOCATED: usize = 40;

/// Each distinct finding with the 1-based line of the file where its
/// markup stands, sorted by line, and how many more distinct findings
/// there were. The line is found by searching `source` (the body as
/// written, which starts on line `first_line`) for the element or
/// attribute — for an attribute, one whose value matches — else for the
/// value itself; the body's first line when it cannot be found (Markdown
/// can build a URL from text that is not markup, as in `[a](javascript:x)`).
pub fn locate(
    findings: Vec<Finding>,
    source: &str,
    first_line: usize,
) -> (Vec<(String, usize)>, usize) {
    let mut seen = HashSet::new();
    let mut distinct = Vec::new();
    for finding in findings {
        if seen.insert(finding.what.clone()) {
            distinct.push(finding);
        }
    }
    let more = distinct.len().saturating_sub(MAX_LOCATED);
    let lower = source.to_ascii_lowercase();
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(source.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_at =
        |offset: usize| first_line + line_starts.partition_point(|&start| start <= offset) - 1;
    let mut located: Vec<(String, usize)> = distinct
        .into_iter()
        .take(MAX_LOCATED)
        .map(|Finding { what, needle }| {
            let offset = match &needle {
                Needle::Tag(tag) => find_tag(&lower, &tag.to_ascii_lowercase()),
                Needle::Attribute { name, value } => {
                    find_attribute(source, &lower, &name.to_ascii_lowercase(), value)
                }
            };
            (what, offset.map_or(first_line, line_at))
        })
        .collect();
    located.sort_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)));
    (located, more)
}

fn find_tag(lower: &str, tag: &str) -> Option<usize> {
    let needle = format!("<{tag}");
    lower.match_indices(&needle).map(|(i, _)| i).find(|&i| {
        lower[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| !(c.is_alphanumeric() || c == '-' || c == ':'))
    })
}

fn find_attribute(source: &str, lower: &str, name: &str, value: &str) -> Option<usize> {
    let mut first_named = None;
    for (start, _) in lower.match_indices(name) {
        let before = lower[..start].chars().next_back();
        if !before.is_some_and(|c| c.is_ascii_whitespace() || c == '"' || c == '\'' || c == '/') {
            continue;
        }
        let after = lower[start + name.len()..].trim_start();
        let Some(after) = after.strip_prefix('=') else {
            continue;
        };
        first_named.get_or_insert(start);
        let after = after.trim_start();
        let offset = source.len() - after.len();
        let raw = match after.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                source[offset + 1..].split(quote).next().unwrap_or_default()
            }
            _ => source[offset..]
                .split(|c: char| c.is_ascii_whitespace() || c == '>')
                .next()
                .unwrap_or_default(),
        };
        if raw == value || html_escape::decode_html_entities(raw) == value {
            return Some(start);
        }
    }
    (!value.is_empty())
        .then(|| source.find(value))
        .flatten()
        .or(first_named)
}
