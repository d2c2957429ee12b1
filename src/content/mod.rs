//! Content: takes a catalog item and gives its HTML and summary. The body
//! rendered (Markdown) or taken as is (plain-text
//! records), unsafe markup removed, every relative URL made absolute
//! against the item's link (many readers ignore `xml:base`), the lead image
//! and the "Related" list added; and the plain-text summary.

use crate::input::record::Body;
use crate::report::diagnostic::Diagnostic;
pub mod links;

use crate::site::catalog::{Item, Links, RelatedLink};
use html_escape::{encode_double_quoted_attribute, encode_text};
use lol_html::{RewriteStrSettings, element, rewrite_str};
use pulldown_cmark::{Options, Parser};
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use url::Url;

/// Longest default summary, in characters, before it is cut at a word.
const SUMMARY_CHARS: usize = 280;

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

/// Attributes any kept element may carry.
const GENERIC_ATTRIBUTES: &[&str] = &["class", "dir", "id", "lang", "style", "title"];

/// CSS properties kept in `style` attributes (Markdown tables use
/// `text-align`); the validator accepts these with any plain value, and
/// none of them can load anything.
const STYLE_PROPERTIES: &[&str] = &[
    "background-color",
    "color",
    "direction",
    "font-style",
    "font-weight",
    "height",
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

const URL_SCHEMES: &[&str] = &["http", "https", "mailto", "tel", "ftp"];

/// Attributes holding one URL, made absolute; `srcset` is handled apart.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite"];

/// Deeper markup is refused: the HTML parser under the sanitizer takes
/// time quadratic in the depth, so a small hostile record could stall a
/// build for minutes. Real articles stay far below this.
pub const MAX_NESTING: usize = 500;

/// Elements whose end tag may be left out: the parser closes them itself,
/// so they never pile up, and counting them would misjudge plain HTML.
const OPTIONAL_END: &[&str] = &[
    "p", "li", "dt", "dd", "rt", "rp", "optgroup", "option", "colgroup", "caption", "thead",
    "tbody", "tfoot", "tr", "td", "th", "html", "head", "body",
];

pub struct Rendered {
    pub html: String,
    pub summary: String,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn render(item: &Item, pages: &Links) -> Rendered {
    let record = &item.record;
    let mut diagnostics = Vec::new();
    let details = record.details();
    let mut excerpt_html = None;
    let mut raw = match &details.body {
        Body::Markdown(markdown) => {
            let (markdown, mut findings) = links::replace_tags(markdown, details.body_line, pages);
            let html = markdown_to_html(&markdown);
            let (html, more) = links::replace_internal_links(
                &html,
                &markdown,
                details.body_line,
                pages,
                pages.base_url(),
            );
            findings.extend(more);
            diagnostics.extend(findings.into_iter().map(|finding| {
                Diagnostic::warning(&record.path, Some(finding.line), finding.message)
            }));
            excerpt_html = links::excerpt(&markdown, details.excerpt_separator.as_deref())
                .map(markdown_to_html);
            html
        }
        Body::Html(html) => html.clone(),
        Body::NotLoaded => String::new(),
    };
    // Before sanitizing, so that an `image` value is held to the same rules
    // as the body (a `javascript:` URL there is removed and reported too).
    if let Some(image) = &record.details().image {
        raw = format!(
            "<p><img src=\"{}\" alt=\"\"></p>\n{raw}",
            encode_double_quoted_attribute(image)
        );
    }
    let depth = nesting_depth(&raw);
    if depth > MAX_NESTING {
        diagnostics.push(
            Diagnostic::error(
                &record.path,
                None,
                format!("the body's markup is nested {depth} elements deep; feedwright accepts at most {MAX_NESTING}"),
            )
            .with_hint("flatten the nested blockquotes, lists or <div> elements"),
        );
        return Rendered {
            html: String::new(),
            summary: String::new(),
            diagnostics,
        };
    }
    let removed = unsafe_markup(&raw);
    if !removed.is_empty() {
        diagnostics.push(Diagnostic::warning(
            &record.path,
            None,
            format!(
                "unsafe markup removed from the body: {}",
                removed.into_iter().collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let mut html = absolutize(&sanitizer().clean(&raw).to_string(), &item.link);
    // Headings read as run-on words in a one-paragraph summary.
    let summary = record.details().summary.clone().or_else(|| {
        // The author marked where the excerpt ends: all of it, uncut.
        excerpt_html
            .map(|excerpt| plain_text(&sanitizer().clean(&excerpt).to_string()))
            .filter(|text| !text.is_empty())
    });
    let summary = summary.unwrap_or_else(|| {
        summarize(
            &plain_text(&remove_elements(
                &html,
                "h1, h2, h3, h4, h5, h6, figcaption",
            )),
            SUMMARY_CHARS,
        )
    });
    if !item.related.is_empty() {
        html.push_str(&related_list(&item.related));
    }
    Rendered {
        html,
        summary,
        diagnostics,
    }
}

fn markdown_to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, Parser::new_ext(markdown, options));
    html
}

fn sanitizer() -> ammonia::Builder<'static> {
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
        .filter_style_properties(STYLE_PROPERTIES.iter().copied().collect())
        .url_schemes(URL_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        .link_rel(None)
        .strip_comments(true);
    builder
}

/// How deeply elements are nested, counting those that must be closed.
/// The scan stops counting once past the limit, so it stays linear.
fn nesting_depth(html: &str) -> usize {
    use std::rc::Rc;
    let depth = Rc::new(std::cell::Cell::new(0usize));
    let deepest = Rc::new(std::cell::Cell::new(0usize));
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            if !el.can_have_content() || OPTIONAL_END.contains(&el.tag_name().as_str()) {
                return Ok(());
            }
            depth.set(depth.get() + 1);
            deepest.set(deepest.get().max(depth.get()));
            let depth = Rc::clone(&depth);
            // An element without an end tag leaves its count in place: a
            // pile of unclosed elements is exactly what is being measured.
            let decrement: lol_html::EndTagHandler<'static> = Box::new(move |_end| {
                depth.set(depth.get().saturating_sub(1));
                Ok(())
            });
            let _ = el.on_end_tag(decrement);
            Ok(())
        }));
    let _ = rewrite_str(html, settings);
    deepest.get()
}

/// Names what the sanitizer is about to take out, so the author can be
/// told; the sanitizer, not this scan, does the removing.
fn unsafe_markup(html: &str) -> BTreeSet<String> {
    let found = RefCell::new(BTreeSet::new());
    let allowed_attribute = |tag: &str, name: &str| {
        GENERIC_ATTRIBUTES.contains(&name)
            || TAG_ATTRIBUTES
                .iter()
                .any(|(t, attributes)| *t == tag && attributes.contains(&name))
    };
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            let tag = el.tag_name();
            let mut found = found.borrow_mut();
            if !ALLOWED_TAGS.contains(&tag.as_str()) {
                found.insert(format!("<{tag}>"));
                return Ok(());
            }
            for attribute in el.attributes() {
                let name = attribute.name();
                if name.starts_with("on") {
                    found.insert(format!("{name} attribute"));
                } else if name == "style" {
                    for property in disallowed_style_properties(&attribute.value()) {
                        found.insert(format!("style property {property}"));
                    }
                } else if !allowed_attribute(&tag, &name) {
                    // Harmless presentational attributes are dropped silently.
                } else if URL_ATTRIBUTES.contains(&name.as_str())
                    && let Some(scheme) = disallowed_scheme(&attribute.value())
                {
                    found.insert(format!("{scheme}: URL"));
                }
            }
            Ok(())
        }));
    // A scan that fails to parse only loses the warning; the sanitizer still runs.
    let _ = rewrite_str(html, settings);
    found.into_inner()
}

fn disallowed_style_properties(style: &str) -> Vec<String> {
    style
        .split(';')
        .filter_map(|declaration| declaration.split_once(':'))
        .map(|(property, _)| property.trim().to_ascii_lowercase())
        .filter(|property| !property.is_empty() && !STYLE_PROPERTIES.contains(&property.as_str()))
        .collect()
}

fn disallowed_scheme(value: &str) -> Option<String> {
    let cleaned: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let (scheme, _) = cleaned.split_once(':')?;
    let valid_scheme = scheme
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    let scheme = scheme.to_ascii_lowercase();
    (valid_scheme && !scheme.is_empty() && !URL_SCHEMES.contains(&scheme.as_str()))
        .then_some(scheme)
}

/// Makes every relative URL absolute against `base`; an HTML rewriter, so
/// URLs in text or comments are never touched.
pub fn absolutize(html: &str, base: &Url) -> String {
    let join = |value: &str| -> Option<String> {
        let value = value.trim();
        if value.is_empty() {
            return None;
        }
        base.join(value).ok().map(String::from)
    };
    let mut settings = RewriteStrSettings::new().with_strict(false);
    for attribute in URL_ATTRIBUTES {
        let selector = format!("[{attribute}]");
        settings = settings.append_element_content_handler(element!(selector, move |el| {
            if let Some(value) = el.get_attribute(attribute)
                && let Some(absolute) = join(&value)
                && absolute != value
            {
                el.set_attribute(attribute, &absolute)?;
            }
            Ok(())
        }));
    }
    settings = settings.append_element_content_handler(element!("[srcset]", move |el| {
        if let Some(value) = el.get_attribute("srcset") {
            el.set_attribute("srcset", &absolutize_srcset(&value, base))?;
        }
        Ok(())
    }));
    rewrite_str(html, settings).unwrap_or_else(|_| html.to_string())
}

/// `srcset` is a comma-separated list of `URL [descriptor]` candidates.
fn absolutize_srcset(srcset: &str, base: &Url) -> String {
    srcset
        .split(',')
        .map(str::trim)
        .filter(|candidate| !candidate.is_empty())
        .map(|candidate| {
            let (url, descriptor) = candidate
                .split_once(char::is_whitespace)
                .map_or((candidate, ""), |(url, rest)| (url, rest.trim()));
            let absolute = base
                .join(url)
                .map_or_else(|_| url.to_string(), String::from);
            if descriptor.is_empty() {
                absolute
            } else {
                format!("{absolute} {descriptor}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn related_list(related: &[RelatedLink]) -> String {
    let mut html = String::from("\n<h2>Related</h2>\n<ul>\n");
    for link in related {
        let text = link
            .title
            .as_deref()
            .or(link.href.as_deref())
            .unwrap_or_default();
        match &link.href {
            Some(href) => {
                let _ = writeln!(
                    html,
                    "<li><a href=\"{}\">{}</a></li>",
                    encode_double_quoted_attribute(href),
                    encode_text(text)
                );
            }
            None => {
                let _ = writeln!(html, "<li>{}</li>", encode_text(text));
            }
        }
    }
    html.push_str("</ul>\n");
    html
}

/// Block elements end a run of words: "Heading" and "Paragraph" must not
/// become `HeadingParagraph`.
const BLOCK_TAGS: &str = "p, h1, h2, h3, h4, h5, h6, li, div, br, td, th, blockquote, figure, figcaption, pre, tr, dt, dd";

/// The text of an HTML fragment, entities decoded, white space collapsed,
/// footnote markers left out.
pub fn plain_text(html: &str) -> String {
    // Removed in a pass of their own: text handlers still see the text of
    // an element that another handler removes.
    let without_notes = remove_elements(
        html,
        "sup.footnote-reference, div.footnote-definition, script, style",
    );
    let out = RefCell::new(String::new());
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!(BLOCK_TAGS, |_el| {
            out.borrow_mut().push(' ');
            Ok(())
        }))
        .append_document_content_handler(lol_html::doc_text!(|chunk| {
            out.borrow_mut().push_str(chunk.as_str());
            Ok(())
        }));
    let _ = rewrite_str(&without_notes, settings);
    let text = out.into_inner();
    crate::input::record::normalize_space(&html_escape::decode_html_entities(&text))
}

/// `html` without the elements `selector` matches, content included.
fn remove_elements(html: &str, selector: &str) -> String {
    rewrite_str(
        html,
        RewriteStrSettings::new()
            .with_strict(false)
            .append_element_content_handler(element!(selector, |el| {
                el.remove();
                Ok(())
            })),
    )
    .unwrap_or_else(|_| html.to_string())
}

/// The first `limit` characters, cut after a whole word, with an ellipsis
/// when anything was cut.
pub fn summarize(text: &str, limit: usize) -> String {
    if text.chars().count() <= limit {
        return text.to_string();
    }
    let cut: String = text.chars().take(limit).collect();
    let kept = match cut.rfind(char::is_whitespace) {
        Some(end) if end > limit / 2 => &cut[..end],
        _ => cut.as_str(),
    };
    format!(
        "{}…",
        kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.'))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example.com/articles/story/").unwrap()
    }

    #[test]
    fn relative_urls_become_absolute() {
        let html = r##"<p><a href="../other/">o</a> <a href="https://x.example/a">x</a> <a href="#fn1">1</a></p><img src="img/a.jpg" srcset="img/a.jpg 1x, /img/b.jpg 2x"><p>href="not/a/link"</p>"##;
        let out = absolutize(html, &base());
        assert!(
            out.contains(r#"href="https://news.example.com/articles/other/""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://x.example/a""#));
        assert!(out.contains(r#"href="https://news.example.com/articles/story/#fn1""#));
        assert!(out.contains(r#"src="https://news.example.com/articles/story/img/a.jpg""#));
        assert!(out.contains(r#"srcset="https://news.example.com/articles/story/img/a.jpg 1x, https://news.example.com/img/b.jpg 2x""#), "{out}");
        assert!(
            out.contains(r#"<p>href="not/a/link"</p>"#),
            "text must not be rewritten: {out}"
        );
    }

    #[test]
    fn unsafe_markup_is_named_and_removed() {
        let raw = r#"<p onclick="x()" style="position: fixed; color: red">Hi <a href="javascript:alert(1)">a</a></p><script>alert(1)</script><iframe src="https://x"></iframe>"#;
        let found = unsafe_markup(raw);
        assert_eq!(
            found.into_iter().collect::<Vec<_>>(),
            [
                "<iframe>",
                "<script>",
                "javascript: URL",
                "onclick attribute",
                "style property position"
            ]
        );
        let clean = sanitizer().clean(raw).to_string();
        assert_eq!(clean, r#"<p style="color:red">Hi <a>a</a></p>"#);
    }

    #[test]
    fn nesting_is_measured_without_counting_self_closing_elements() {
        assert_eq!(nesting_depth("<p>a<p>b<p>c<ul><li>x<li>y</ul>"), 1);
        assert_eq!(nesting_depth(&"<div>".repeat(700)), 700);
        assert_eq!(nesting_depth(&"<blockquote>\n".repeat(3)), 3);
        assert_eq!(nesting_depth("<div><img src=a><br></div><div></div>"), 1);
    }

    #[test]
    fn safe_markup_is_kept() {
        let raw = r#"<figure><img src="a.jpg" alt="A crane"><figcaption>Crane</figcaption></figure><p dir="rtl" lang="ar">مرحبا</p>"#;
        assert!(unsafe_markup(raw).is_empty());
        assert_eq!(sanitizer().clean(raw).to_string(), raw);
    }

    #[test]
    fn markdown_extensions_are_on() {
        let html =
            markdown_to_html("| a |\n|---|\n| b |\n\n~~gone~~ note[^1]\n\n[^1]: The note.\n");
        assert!(html.contains("<table>"));
        assert!(html.contains("<del>gone</del>"));
        assert!(html.contains("footnote-definition"));
    }

    #[test]
    fn summary_is_plain_text_cut_at_a_word() {
        let text = plain_text(
            "<h2>Head</h2><p>Fish &amp; chips<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> here.</p>",
        );
        assert_eq!(text, "Head Fish & chips here.");
        assert_eq!(summarize("one two three four", 9), "one two…");
        assert_eq!(summarize("short", 9), "short");
    }
}
