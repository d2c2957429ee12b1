//! Content: takes a catalog item and gives its HTML and summary. The body
//! rendered (Markdown) or taken as is (plain-text
//! records), unsafe markup removed (see `sanitize`), every relative URL made absolute
//! against the item's link (many readers ignore `xml:base`), the lead image
//! and the "Related" list added; and the plain-text summary.

use crate::input::record::Body;
use crate::report::diagnostic::Diagnostic;
mod direct;
#[cfg(test)]
mod direct_redteam_tests;
#[cfg(test)]
mod direct_tests;
pub mod links;
mod liquid;
#[cfg(test)]
mod sanitiser_input_redteam_tests;
mod tags;

use crate::site::catalog::{Item, Links, RelatedLink};
use html_escape::{encode_double_quoted_attribute, encode_text};
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::cell::RefCell;
use std::fmt::Write as _;
use url::Url;

pub mod sanitize;

/// Longest default summary, in characters, before it is cut at a word.
const SUMMARY_CHARS: usize = 280;

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

/// A body's HTML and the HTML of its excerpt when the author marked one.
struct BodyHtml {
    html: String,
    /// Set when `html` is already what sanitising and making URLs absolute
    /// would give (see `direct`; otherwise it is the raw HTML): the text
    /// the summary is made from.
    prose: Option<String>,
    excerpt: Option<String>,
}

/// The body as HTML, and the HTML of its excerpt. In Markdown, links
/// between pages are resolved and template tags reported first.
fn body_html(item: &Item, pages: &Links, diagnostics: &mut Vec<Diagnostic>) -> BodyHtml {
    let record = &item.record;
    let details = record.details();
    match &details.body {
        Body::Markdown(markdown) => {
            let (markdown, findings) = links::replace_tags(
                markdown,
                details.body_line,
                pages,
                details.translation.as_deref(),
            );
            diagnostics.extend(findings.iter().map(|finding| {
                Diagnostic::warning(&record.path, Some(finding.line), finding.message.clone())
            }));
            let excerpt = links::excerpt(&markdown, details.excerpt_separator.as_deref())
                .map(markdown_to_html);
            if let Some(direct) = direct::sanitized_html(&markdown, &item.link) {
                return BodyHtml {
                    html: direct.html,
                    prose: Some(direct.prose),
                    excerpt,
                };
            }
            let html = direct::html_for_sanitiser(&markdown, &item.link)
                .unwrap_or_else(|| markdown_to_html(&markdown));
            let (html, more) = links::replace_internal_links(
                &html,
                &markdown,
                details.body_line,
                pages,
                pages.base_url(),
            );
            diagnostics.extend(more.into_iter().map(|finding| {
                Diagnostic::warning(&record.path, Some(finding.line), finding.message)
            }));
            BodyHtml {
                html,
                prose: None,
                excerpt,
            }
        }
        // An `.html` record's author may mark the excerpt as in Markdown.
        Body::Html(html) => BodyHtml {
            html: html.clone(),
            prose: None,
            excerpt: links::excerpt(html, details.excerpt_separator.as_deref()).map(str::to_owned),
        },
        Body::NotLoaded => BodyHtml {
            html: String::new(),
            prose: None,
            excerpt: None,
        },
    }
}

pub fn render(item: &Item, pages: &Links) -> Rendered {
    let record = &item.record;
    let details = record.details();
    let mut diagnostics = Vec::new();
    let body = body_html(item, pages, &mut diagnostics);
    let excerpt_html = body.excerpt;
    let mut html = if body.prose.is_some() {
        body.html
    } else {
        match sanitized(item, &body.html, &mut diagnostics) {
            Some(html) => html,
            None => {
                return Rendered {
                    html: String::new(),
                    summary: String::new(),
                    diagnostics,
                };
            }
        }
    };
    // Held to the same URL policy as the body; an unsafe one is left out
    // of the content (and of the media tags, see `lib::render_items`).
    if let Some(image) = &details.image {
        match crate::util::unpublishable_scheme(image) {
            None => {
                let lead = format!(
                    "<p><img src=\"{}\" alt=\"\"></p>\n",
                    encode_double_quoted_attribute(image)
                );
                html.insert_str(0, &absolutize(&lead, &item.link));
            }
            Some(scheme) => diagnostics.push(Diagnostic::warning(
                &record.path,
                Some(details.image_line),
                format!("`image`: a {scheme}: URL is unsafe; the lead image is left out"),
            )),
        }
    }
    let summary = details
        .summary
        .clone()
        .or_else(|| {
            // The author marked where the excerpt ends: all of it, uncut.
            excerpt_html
                .map(|excerpt| plain_text(&sanitize::clean(&excerpt).0))
                .filter(|text| !text.is_empty())
        })
        .unwrap_or_else(|| match &body.prose {
            Some(prose) => summary_of(prose),
            None => auto_summary(&html),
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

/// Raw body HTML sanitised (what was removed reported) and its URLs made
/// absolute; `None` when it is refused (an error in `diagnostics`).
fn sanitized(item: &Item, raw: &str, diagnostics: &mut Vec<Diagnostic>) -> Option<String> {
    let record = &item.record;
    let details = record.details();
    let raw = sanitize::unwrap_noscript(raw);
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
        return None;
    }
    let mut findings = sanitize::scan(&raw);
    let (clean, removed) = sanitize::clean(&raw);
    findings.extend(removed);
    // An `.html` record's body is its file's text, so findings have lines;
    // a plain-text record's HTML is made here and has none.
    let source = match &details.body {
        Body::Markdown(text) => text.as_str(),
        Body::Html(html)
            if crate::input::discover::format_of(&record.path)
                == Some(crate::input::discover::Format::Html) =>
        {
            html.as_str()
        }
        Body::Html(_) | Body::NotLoaded => "",
    };
    let (located, unlocated) = sanitize::locate(findings, source, details.body_line);
    if let Some((_, first_line)) = located.first() {
        let mut list: Vec<String> = located
            .iter()
            .take(MAX_LISTED)
            .map(|(what, line)| format!("{what} (line {line})"))
            .collect();
        let more = located.len().saturating_sub(MAX_LISTED) + unlocated;
        if more > 0 {
            list.push(format!("and {more} more"));
        }
        diagnostics.push(Diagnostic::warning(
            &record.path,
            Some(*first_line),
            format!("unsafe markup removed from the body: {}", list.join(", ")),
        ));
    }
    Some(absolutize(&clean, &item.link))
}

/// Findings listed in one warning; the rest are counted.
const MAX_LISTED: usize = 20;

/// The start of the body's prose as plain text, or empty when it has
/// none. Headings read as run-on words in a one-paragraph summary, and a
/// code block (`<pre>`) is not prose: a `<script>` shown in one must never
/// become an item's summary. Inline code stays: it is part of a sentence
/// ("run `cargo test` first"), and the summary is escaped as plain text.
fn auto_summary(html: &str) -> String {
    summary_of(&prose_of(html))
}

/// The text of `html` a summary is made from.
fn prose_of(html: &str) -> String {
    plain_text(&remove_elements(
        html,
        "h1, h2, h3, h4, h5, h6, figcaption, pre",
    ))
}

fn summary_of(prose: &str) -> String {
    summarize(&crate::input::record::normalize_space(prose), SUMMARY_CHARS)
}

fn markdown_to_html(markdown: &str) -> String {
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, direct::parser(markdown));
    html
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

/// Attributes holding one URL, made absolute; `srcset` is handled apart.
const URL_ATTRIBUTES: &[&str] = &["href", "src", "poster", "cite"];

/// Makes every relative URL absolute against `base`; an HTML rewriter, so
/// URLs in text or comments are never touched. An empty `href` means the
/// page itself, so it becomes the item's link; an empty `src`, `poster`
/// or `cite` names nothing and is dropped.
pub fn absolutize(html: &str, base: &Url) -> String {
    let mut settings = RewriteStrSettings::new().with_strict(false);
    for attribute in URL_ATTRIBUTES {
        let selector = format!("[{attribute}]");
        settings = settings.append_element_content_handler(element!(selector, move |el| {
            let Some(value) = el.get_attribute(attribute) else {
                return Ok(());
            };
            let trimmed = value.trim();
            if trimmed.is_empty() && *attribute != "href" {
                el.remove_attribute(attribute);
                return Ok(());
            }
            match base.join(trimmed) {
                Ok(absolute) if absolute.as_str() != value => {
                    el.set_attribute(attribute, absolute.as_str())?;
                }
                Ok(_) => {}
                // `//` or `///x` name no host: no reader can follow them,
                // and left relative they are what validators warn about.
                Err(_) => el.remove_attribute(attribute),
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

/// `srcset` is a list of `URL [descriptor]` candidates.
fn absolutize_srcset(srcset: &str, base: &Url) -> String {
    sanitize::parse_srcset(srcset)
        .into_iter()
        .filter_map(|(url, descriptor)| {
            let absolute = base.join(&url).ok()?;
            Some(sanitize::join_candidate(absolute.as_str(), &descriptor))
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
    // A cut after a word that ends in its own ellipsis ("monde entier…")
    // takes no second one.
    format!(
        "{}…",
        kept.trim_end_matches(
            |c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':' | '.' | '…')
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://news.example.com/articles/story/").unwrap()
    }

    #[test]
    fn a_cut_after_an_ellipsis_adds_no_second_one() {
        let text = format!("{} monde entier… et la suite", "mot ".repeat(60));
        let summary = summarize(&text, 256);
        assert!(summary.ends_with("entier…"), "{summary}");
        assert!(!summary.contains("……"), "{summary}");
        assert_eq!(summarize("court", 280), "court");
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

    /// What `render` reports: the scan's findings and the filter's.
    fn removed(raw: &str) -> (String, Vec<String>) {
        let mut findings = sanitize::scan(raw);
        let (clean, more) = sanitize::clean(raw);
        findings.extend(more);
        let whats = sanitize::locate(findings, raw, 1)
            .0
            .into_iter()
            .map(|(what, _)| what)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        (clean, whats)
    }

    #[test]
    fn unsafe_markup_is_named_and_removed() {
        let raw = r#"<p onclick="x()" style="position: fixed; color: red">Hi <a href="javascript:alert(1)">a</a></p><script>alert(1)</script><iframe src="https://x"></iframe>"#;
        let (clean, found) = removed(raw);
        assert_eq!(
            found,
            [
                "<iframe>",
                "<script>",
                "javascript: URL in href",
                "onclick attribute",
                "style property position"
            ]
        );
        assert_eq!(clean, r#"<p style="color:red">Hi <a>a</a></p>"#);
    }

    #[test]
    fn every_url_attribute_is_held_to_the_policy() {
        let raw = r#"<img src="a.jpg" srcset="javascript:alert(1) 1x, b.jpg 2x"><blockquote cite="javascript:alert(1)">q</blockquote><q cite="data:text/html,x">w</q><del cite="&#106;avascript:x">d</del><video src="v.mp4" poster=" java&#x09;script:x"></video><img src="%6Aavascript:x" longdesc="vbscript:x"><a href="tel:+1">t</a><a href="mailto:a@example.com">m</a>"#;
        let (clean, found) = removed(raw);
        assert_eq!(
            clean,
            r#"<img src="a.jpg" srcset="b.jpg 2x"><blockquote>q</blockquote><q>w</q><del>d</del><video src="v.mp4"></video><img><a>t</a><a href="mailto:a@example.com">m</a>"#
        );
        assert_eq!(
            found,
            [
                "data: URL in cite",
                "javascript: URL in cite",
                "javascript: URL in poster",
                "javascript: URL in src",
                "javascript: URL in srcset",
                "tel: URL in href",
                "vbscript: URL in longdesc"
            ]
        );
    }

    #[test]
    fn the_warning_names_the_line_in_the_file() {
        let markdown = "Intro.\n\nMore text.\n\n<img srcset=\"javascript:alert(1) 1x\">\n\n<script>x</script>\n";
        let html = markdown_to_html(markdown);
        let mut findings = sanitize::scan(&html);
        findings.extend(sanitize::clean(&html).1);
        assert_eq!(
            sanitize::locate(findings, markdown, 5).0,
            [
                ("javascript: URL in srcset".to_string(), 9),
                ("<script>".to_string(), 11)
            ]
        );
    }

    #[test]
    fn only_the_first_findings_are_searched_for() {
        let mut raw = String::new();
        for i in 0..500 {
            let _ = writeln!(raw, "<p style=\"prop{i}: x\">t</p>");
        }
        let (clean, findings) = sanitize::clean(&raw);
        assert!(!clean.contains("style"));
        let (located, more) = sanitize::locate(findings, &raw, 3);
        assert_eq!((located.len(), more), (40, 460));
        assert_eq!(located[0], ("style property prop0".to_string(), 3));
        assert_eq!(located[39], ("style property prop39".to_string(), 42));
    }

    #[test]
    fn styles_keep_only_what_the_validator_calls_safe() {
        let raw = r#"<p style="color: rgba(0,0,0,.5); width: calc(100% - 2em); color: #A0b0C0; background-color: url(x); font-family: 'Times New Roman', serif; text-align: center !important; width: expr5ssion(alert(1)); height: 10px /* c */; line-height: 1.5; font-size: x-large">p</p><span style="behavior: url(a.htc); -moz-binding: url(b)">s</span>"#;
        let (clean, found) = removed(raw);
        assert_eq!(
            clean,
            r#"<p style="color:#A0b0C0;font-family:'Times New Roman', serif;text-align:center !important;line-height:1.5;font-size:x-large">p</p><span>s</span>"#
        );
        assert_eq!(found.len(), 7, "{found:?}");
        assert!(found.contains(&"style value color: rgba(0,0,0,.5)".to_string()));
        assert!(found.contains(&"style property behavior".to_string()));
        for ok in ["rgb(1,2,3)", "#fff", "2em", "bold", "sans-serif"] {
            assert!(sanitize::css_value_is_plain("color", ok), "{ok}");
        }
        for bad in [
            "a-b-c",
            "1em/2",
            "\\75rl(x)",
            "url (x)",
            "rgba(0,0,0,.5)",
            "red;x:y",
            "12.5px",
        ] {
            assert!(!sanitize::css_value_is_plain("margin", bad), "{bad} passed");
        }
    }

    #[test]
    fn output_is_well_formed_and_stable() {
        for raw in [
            "<p>x<select></p>\n<p>y</p>",
            "<p>x<select>\n<p>y</p><p>z</p>",
            "<p>a<table><p>b</table>c",
            "<b><p>x</b>y</p>",
            "<p>a<div>b</div>",
        ] {
            let (clean, _) = sanitize::clean(raw);
            assert!(sanitize::is_clean(&clean), "{raw:?} gave {clean:?}");
            assert!(
                !clean.contains("<p><p>") && !clean.contains("</p></p>"),
                "{raw:?} gave {clean:?}"
            );
        }
        assert_eq!(sanitize::clean("x<select>").0, "x");
    }

    #[test]
    fn noscript_content_stays_markup() {
        let raw = sanitize::unwrap_noscript(
            "<p>a<NoScript><img src=x.png alt=\"B\"></NOSCRIPT></p><noscript><p>Turn <b>on</b></p></noscript>",
        );
        let (clean, found) = removed(&raw);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(
            clean,
            r#"<p>a<img src="x.png" alt="B"></p><p>Turn <b>on</b></p>"#
        );
    }

    #[test]
    fn empty_urls_are_not_left_relative() {
        let out = absolutize(
            r#"<a href="">self</a><img src="" alt="x"><a href=" ">s</a>"#,
            &base(),
        );
        assert_eq!(
            out,
            r#"<a href="https://news.example.com/articles/story/">self</a><img alt="x"><a href="https://news.example.com/articles/story/">s</a>"#
        );
    }

    #[test]
    fn summaries_skip_code_and_may_be_empty() {
        assert_eq!(
            auto_summary(
                "<pre><code>&lt;script&gt;alert(1)&lt;/script&gt;</code></pre><p>Prose.</p>"
            ),
            "Prose."
        );
        assert_eq!(
            auto_summary("<p><img src=\"a.jpg\" alt=\"\"></p><h2>Only a heading</h2>"),
            ""
        );
        // Inline code is part of the sentence; dropping it left summaries
        // such as "a gem created by . Patch …" on real sites.
        assert_eq!(
            auto_summary("<p>Run <code>&lt;b&gt;</code> now.</p>"),
            "Run <b> now."
        );
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
        let (clean, found) = removed(raw);
        assert!(found.is_empty(), "{found:?}");
        assert_eq!(clean, raw);
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
