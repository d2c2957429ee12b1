//! Hardening of content and feed writing (SPEC, "Hardening: what holds for
//! any input"): every URL-bearing attribute held to one policy, styles to
//! a validator-safe allow-list, well-formed sanitiser output, plain-text
//! fields that no validator takes for HTML, summaries never blank, and
//! `<noscript>` kept as markup. Each case runs the real binary on a site
//! in a temporary folder; a property test throws hostile HTML at the
//! library and checks the feeds it writes.

mod util;

use clap::Parser as _;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use proptest::prelude::*;
use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;
use util::{MINIMAL_CONFIG, Site};

/// Attributes any HTML reader may load or follow a URL from.
const URL_ATTRIBUTES: &[&str] = &[
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

/// Elements that must never reach a feed's content.
const BANNED_ELEMENTS: &[&str] = &[
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "select",
    "textarea", "svg", "math", "noscript", "template", "base", "link", "meta", "frame", "applet",
];

fn site_with(records: &[(&str, &str)]) -> Site {
    let site = Site::empty();
    site.write("feed.toml", MINIMAL_CONFIG);
    for (name, text) in records {
        site.write(&format!("articles/{name}"), text);
    }
    site
}

fn record(title: &str, body: &str) -> String {
    format!("+++\ntitle = {title:?}\ndate = \"2026-05-02T09:00:00Z\"\n+++\n{body}")
}

/// The text of every element called `name` (any namespace) in a feed.
fn texts(xml: &str, name: &str) -> Vec<String> {
    let document = roxmltree::Document::parse(xml).expect("well-formed XML");
    document
        .descendants()
        .filter(|node| node.is_element() && node.tag_name().name() == name)
        .map(|node| node.text().unwrap_or_default().to_string())
        .collect()
}

/// The HTML content of every item in both feeds.
fn contents(site: &Site) -> Vec<String> {
    let mut all = texts(&site.rss(), "encoded");
    all.extend(texts(&site.atom(), "content"));
    all
}

/// Everything wrong with one item's HTML, checked with a parser of its
/// own (`lol_html`, values decoded here with `html_escape`), not with the
/// sanitiser's: a URL attribute that is not an absolute http(s) or mailto
/// URL, an event attribute, an unsafe style, a banned element, a `<p>`
/// inside a `<p>`.
fn problems(html: &str) -> Vec<String> {
    let found = Rc::new(RefCell::new(Vec::new()));
    let open_paragraphs = Rc::new(RefCell::new(0usize));
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("*", |el| {
            let tag = el.tag_name();
            if BANNED_ELEMENTS.contains(&tag.as_str()) {
                found.borrow_mut().push(format!("element <{tag}>"));
            }
            if tag == "p" {
                if *open_paragraphs.borrow() > 0 {
                    found.borrow_mut().push("<p> inside <p>".into());
                }
                *open_paragraphs.borrow_mut() += 1;
                let open = Rc::clone(&open_paragraphs);
                let close: lol_html::EndTagHandler<'static> = Box::new(move |_| {
                    *open.borrow_mut() -= 1;
                    Ok(())
                });
                el.on_end_tag(close)?;
            }
            for attribute in el.attributes() {
                let name = attribute.name();
                let value = html_escape::decode_html_entities(&attribute.value()).into_owned();
                if name.starts_with("on") {
                    found.borrow_mut().push(format!("{name} attribute"));
                } else if name == "style" {
                    let lower = value.to_ascii_lowercase();
                    if [
                        "url",
                        "expression",
                        "\\",
                        "/*",
                        "@",
                        "behavior",
                        "binding",
                        "(",
                    ]
                    .iter()
                    .any(|bad| lower.contains(bad))
                        && !lower.contains("rgb(")
                    {
                        found.borrow_mut().push(format!("style {value:?}"));
                    }
                } else if URL_ATTRIBUTES.contains(&name.as_str()) {
                    let urls: Vec<String> = if name.ends_with("srcset") {
                        value
                            .split(',')
                            .filter_map(|c| c.split_whitespace().next())
                            .map(str::to_string)
                            .collect()
                    } else {
                        vec![value.clone()]
                    };
                    for url in urls {
                        let lower = url.to_ascii_lowercase();
                        let web = lower.starts_with("https://") || lower.starts_with("http://");
                        if !(web || lower.starts_with("mailto:"))
                            || url
                                .chars()
                                .any(|c| c.is_ascii_whitespace() || c.is_control())
                            || (web && url::Url::parse(&url).is_err())
                        {
                            found.borrow_mut().push(format!("{name}={url:?}"));
                        }
                    }
                }
            }
            Ok(())
        }));
    rewrite_str(html, settings).expect("lol_html reads the content");
    found.take()
}

fn assert_clean_contents(site: &Site) {
    for html in contents(site) {
        let problems = problems(&html);
        assert!(problems.is_empty(), "{problems:?} in\n{html}");
    }
}

#[test]
fn every_url_attribute_is_held_to_one_policy_and_the_warning_says_where() {
    let body = r#"The open day starts at ten.

<img src="quay.jpg" srcset="javascript:alert(1) 1x, crane.png 2x" alt="">

<blockquote cite="javascript:alert(2)">A quote.</blockquote>

Inline <q cite="data:text/html,&lt;script&gt;x&lt;/script&gt;">quote</q> and <del cite="&#106;avascript:alert(3)">gone</del>.

<video src="clip.mp4" poster="java&#x09;script:alert(4)"></video>

[Call us](tel:+4412345) or [write](mailto:desk@example.com) or [run](JaVaScRiPt:alert(5)).

<a href="%6Aavascript:alert(6)">encoded</a> <img src="vbscript:x" longdesc="file:///etc/passwd">
"#;
    let site = site_with(&[("hostile.md", &record("Open Day", body))]);
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert_eq!(
        warnings[0],
        "[SITE]/articles/hostile.md:7: warning: unsafe markup removed from the body: \
         javascript: URL in srcset (line 7), javascript: URL in cite (line 9), \
         data: URL in cite (line 11), javascript: URL in poster (line 13), \
         javascript: URL in href (line 15), tel: URL in href (line 15), \
         file: URL in longdesc (line 17), vbscript: URL in src (line 17)"
    );
    assert_clean_contents(&site);
    let html = &contents(&site)[0];
    for kept in [
        r#"srcset="https://example.com/articles/hostile/crane.png 2x""#,
        r"<blockquote>A quote.</blockquote>",
        r"<q>quote</q>",
        r#"href="mailto:desk@example.com""#,
        r#"src="https://example.com/articles/hostile/clip.mp4""#,
    ] {
        assert!(html.contains(kept), "missing {kept} in\n{html}");
    }
    for text in [site.rss(), site.atom()] {
        let lower = text.to_ascii_lowercase();
        for gone in [
            "javascript",
            "vbscript",
            "data:text",
            "file:",
            "tel:",
            "%6aavascript",
        ] {
            assert!(!lower.contains(gone), "{gone} survived:\n{text}");
        }
    }
}

#[test]
fn styles_keep_only_plain_properties_and_values() {
    let body = r#"<p style="color: #336699; position: fixed; width: calc(100% - 2em); color: rgba(0,0,0,.5)">One</p>

<p style="background-color: url(javascript:alert(1)); font-weight: bold; width: expression(alert(1))">Two</p>

<p style="font-family: 'Gill Sans', sans-serif; margin: 0 auto; -moz-binding: url(x.xml#a); behavior: url(a.htc)">Three</p>

<p style="text-align: center /* comment */; color: \72 ed; line-height: 1.5">Four</p>
"#;
    let site = site_with(&[("styled.md", &record("Styles", body))]);
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    for named in [
        "style property position (line 5)",
        "style value width: calc(100% - 2em) (line 5)",
        "style value color: rgba(0,0,0,.5) (line 5)",
        "style value background-color: url(javascript:alert(1)) (line 7)",
        "style property -moz-binding (line 9)",
        "style property behavior (line 9)",
        "style property margin (line 9)",
        "style value text-align: center /* comment */ (line 11)",
    ] {
        assert!(
            warnings[0].contains(named),
            "{named} not in {}",
            warnings[0]
        );
    }
    assert_clean_contents(&site);
    let html = &contents(&site)[0];
    for kept in [
        r#"<p style="color:#336699">One</p>"#,
        r#"<p style="font-weight:bold">Two</p>"#,
        r#"<p style="font-family:'Gill Sans', sans-serif">Three</p>"#,
        r#"<p style="line-height:1.5">Four</p>"#,
    ] {
        assert!(html.contains(kept), "missing {kept} in\n{html}");
    }
}

#[test]
fn sanitised_html_is_well_formed() {
    let body = "x<select>\n\nA paragraph after it.\n\n<p>a<table><p>b</table>c\n\n<b><p>bold</b> text</p>\n";
    let site = site_with(&[("select.md", &record("Select", body))]);
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.warnings()[0].contains("<select> (line 5)"),
        "{}",
        run.stderr
    );
    assert_clean_contents(&site);
    let html = &contents(&site)[0];
    assert!(html.starts_with("<p>x</p>"), "{html}");
    assert!(html.contains("A paragraph after it."), "{html}");
}

#[test]
fn noscript_content_is_kept_as_markup() {
    let body =
        "<noscript><p>Enable <b>images</b>: <img src=\"map.png\" alt=\"Map\"></p></noscript>\n";
    let site = site_with(&[("noscript.md", &record("Noscript", body))]);
    let run = site.build_ok(&[]);
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    let html = &contents(&site)[0];
    assert!(
        html.contains(r#"<p>Enable <b>images</b>: <img src="https://example.com/articles/noscript/map.png" alt="Map"></p>"#),
        "{html}"
    );
    assert!(!html.contains("&lt;"), "{html}");
}

#[test]
fn empty_href_is_the_item_link_and_empty_src_is_dropped() {
    let body = "<a href=\"\">this page</a> <img src=\"\" alt=\"nothing\">\n";
    let site = site_with(&[("empty.md", &record("Empty", body))]);
    site.build_ok(&[]);
    let html = &contents(&site)[0];
    assert!(
        html.contains(r#"<a href="https://example.com/articles/empty/">this page</a>"#),
        "{html}"
    );
    assert!(html.contains(r#"<img alt="nothing">"#), "{html}");
    assert_clean_contents(&site);
}

#[test]
fn plain_text_fields_carry_no_markup() {
    let text = "+++\ntitle = \"AT&T <b>bold</b> & </i> \u{fffd}\\u0001done\"\ndate = \"2026-05-02T09:00:00Z\"\ntags = [\"C++ & <Rust>\", \"a &amp; b\"]\nauthors = [\"Ann <ann> & </b> Bee\"]\nsummary = \"<b>Bold</b> & co\"\n+++\nBody.\n";
    // An older record whose related link carries that title as an
    // attribute, which the validator checks as it checks a title.
    let older = "+++\ntitle = \"Older\"\ndate = \"2026-05-01T09:00:00Z\"\nrelated = [\"plain\"]\n+++\nSee the other.\n";
    let site = site_with(&[("plain.md", text), ("older.md", older)]);
    site.build_ok(&[]);
    let rss = site.rss();
    let atom = site.atom();
    for xml in [&rss, &atom] {
        assert!(!xml.contains('\u{fffd}') && !xml.contains('\u{1}'), "{xml}");
        // What the W3C validator reads: no `&lt;`/`&amp;` in plain text,
        // and no `</b>` whatever the escaping.
        for line in xml
            .lines()
            // Not the content's "Related" list: that is HTML.
            .filter(|l| {
                (l.contains("AT&") || l.contains("Ann"))
                    && !l.contains("li>")
                    && !l.contains("li&gt;")
            })
        {
            assert!(!line.contains("&lt;") && !line.contains("&amp;"), "{line}");
        }
    }
    let title = "AT&T <b>bold</b> & <\u{2060}/i> done";
    assert_eq!(
        texts(&rss, "title")[1],
        title.replace("</b>", "<\u{2060}/b>")
    );
    assert_eq!(texts(&rss, "category"), ["C++ & <Rust>", "a &amp; b"]);
    assert_eq!(texts(&rss, "creator")[0], "Ann <ann> & <\u{2060}/b> Bee");
    assert!(rss.contains("<title>AT&#x26;T &#x3C;b&#x3E;bold&#x3C;\u{2060}/b&#x3E; &#x26; &#x3C;\u{2060}/i&#x3E; done</title>"), "{rss}");
    // RSS `description` is HTML: the summary, escaped once, is text there.
    assert_eq!(
        texts(&rss, "description")[1],
        "&lt;b&gt;Bold&lt;/b&gt; &amp; co"
    );
    // Atom: plain text, written with character references.
    assert!(atom.contains("<title>AT&#x26;T &#x3C;b&#x3E;bold&#x3C;\u{2060}/b&#x3E; &#x26; &#x3C;\u{2060}/i&#x3E; done</title>"), "{atom}");
    assert!(
        atom.contains("<summary>&#x3C;b&#x3E;Bold&#x3C;\u{2060}/b&#x3E; &#x26; co</summary>"),
        "{atom}"
    );
    // Readers see the text as written (less the control and U+FFFD, and
    // with U+2060 only in the plain RSS fields).
    let items = util::atom_items(&atom);
    assert_eq!(items[0].authors, ["Ann <ann> & <\u{2060}/b> Bee"]);
}

#[test]
fn summaries_are_never_blank_nor_code() {
    let site = site_with(&[
        ("image.md", &record("Image Only", "![](photo.jpg)\n")),
        ("heading.md", &record("Heading Only", "## Just a heading\n")),
        (
            "link.md",
            &record("Link Only", "[The programme](programme/)\n"),
        ),
        (
            "code.md",
            &record(
                "Code First",
                "```html\n<script>alert(1)</script>\n```\n\n    <b>indented</b>\n\nThe prose, at last.\n",
            ),
        ),
        (
            "codeonly.md",
            &record("Code Only", "```\n<script>alert(1)</script>\n```\n"),
        ),
    ]);
    site.build_ok(&[]);
    let rss = site.rss();
    let atom = site.atom();
    let summaries = |xml: &str, entry: &str, field: &str| -> Vec<(String, Option<String>)> {
        let document = roxmltree::Document::parse(xml).expect("feed");
        document
            .descendants()
            .filter(|n| n.tag_name().name() == entry)
            .map(|n| {
                let title = n
                    .children()
                    .find(|c| c.tag_name().name() == "title")
                    .and_then(|c| c.text())
                    .unwrap_or_default()
                    .to_string();
                let summary = n
                    .children()
                    .find(|c| c.tag_name().name() == field)
                    .map(|c| c.text().unwrap_or_default().to_string());
                (title, summary)
            })
            .collect()
    };
    // Atom leaves out a summary there is no prose for; RSS, whose
    // validator wants a description before `content:encoded`, gives the
    // title instead.
    for (got, fallback) in [
        (summaries(&rss, "item", "description"), true),
        (summaries(&atom, "entry", "summary"), false),
    ] {
        let mut got = got;
        got.sort();
        let none = |title: &str| fallback.then(|| title.to_string());
        assert_eq!(
            got,
            [
                (
                    "Code First".to_string(),
                    Some("The prose, at last.".to_string())
                ),
                ("Code Only".to_string(), none("Code Only")),
                ("Heading Only".to_string(), none("Heading Only")),
                ("Image Only".to_string(), none("Image Only")),
                ("Link Only".to_string(), Some("The programme".to_string())),
            ]
        );
    }
}

// ---------------------------------------------------------------------
// Property test: hostile bodies

/// `javascript:` and friends, hidden the ways browsers and lax readers
/// still understand.
fn hostile_url() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec!["javascript", "vbscript", "data", "file", "livescript"]);
    let disguise = 0..12usize;
    let payload = prop::sample::select(vec![
        "alert(1)",
        "text/html,<script>x</script>",
        "//x.example/a",
    ]);
    (scheme, disguise, payload).prop_map(|(scheme, disguise, payload)| {
        let (first, rest) = scheme.split_at(1);
        let hidden = match disguise {
            0 => scheme.to_string(),
            1 => scheme.to_uppercase(),
            2 => format!("&#x{:x};{rest}", first.as_bytes()[0]),
            3 => format!("&#{}{rest}", first.as_bytes()[0]),
            4 => format!("{first}&#x09;{rest}"),
            5 => format!("{first}&Tab;{rest}"),
            6 => format!("%{:X}{rest}", first.as_bytes()[0]),
            7 => format!(" \t{scheme}"),
            8 => format!("{first}&NewLine;{rest}"),
            9 => format!("&amp;#{};{rest}", first.as_bytes()[0]),
            10 => format!("{first}\n{rest}"),
            _ => format!("{}{}", first.to_uppercase(), rest),
        };
        let colon = if disguise % 3 == 0 { "&colon;" } else { ":" };
        format!("{hidden}{colon}{payload}")
    })
}

fn any_url() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => hostile_url(),
        1 => prop::sample::select(vec![
            "https://example.org/a".to_string(),
            "img/b.png".to_string(),
            String::new(),
            "#note".to_string(),
            "mailto:x@example.com".to_string(),
            "tel:+1".to_string(),
            "//cdn.example.net/c.png".to_string(),
        ]),
    ]
}

fn css() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "color: red",
        "color: rgba(0,0,0,.5)",
        "width: calc(100% - 2em)",
        "background-color: url(javascript:alert(1))",
        "width: expression(alert(1))",
        "color: \\72 ed",
        "position: fixed",
        "behavior: url(a.htc)",
        "-moz-binding: url(x)",
        "font-weight: bold /* x */",
        "background-color: #fff",
        "margin: 0 auto",
        "@import 'x'",
    ])
    .prop_map(str::to_string)
}

fn quoted(value: &str, style: usize) -> String {
    match style {
        0 => format!("\"{}\"", value.replace('"', "&quot;")),
        1 => format!("'{}'", value.replace('\'', "&#39;")),
        _ if !value.is_empty()
            && !value.contains([' ', '>', '"', '\'', '=', '`', '<', '\n', '\t']) =>
        {
            value.to_string()
        }
        _ => format!("\"{}\"", value.replace('"', "&quot;")),
    }
}

fn fragment() -> impl Strategy<Value = String> {
    let tag = prop::sample::select(vec![
        "p",
        "div",
        "a",
        "img",
        "q",
        "blockquote",
        "select",
        "noscript",
        "svg",
        "math",
        "table",
        "td",
        "span",
        "video",
        "source",
        "iframe",
        "object",
        "form",
        "button",
        "input",
        "b",
        "pre",
        "code",
        "textarea",
        "template",
        "del",
        "area",
        "image",
        "embed",
        "base",
        "link",
    ]);
    let attribute = prop::sample::select(URL_ATTRIBUTES.to_vec());
    prop_oneof![
        2 => "[a-z ]{1,12}".prop_map(|t| t),
        2 => (tag.clone(), attribute.clone(), any_url(), 0..3usize).prop_map(|(tag, attribute, url, q)| {
            format!("<{tag} {attribute}={}>", quoted(&url, q))
        }),
        1 => (tag.clone(), prop::collection::vec((any_url(), prop::sample::select(vec!["1x", "2x", "100w", ""])), 1..4), 0..3usize)
            .prop_map(|(tag, candidates, q)| {
                let set = candidates
                    .iter()
                    .map(|(u, d)| format!("{u} {d}"))
                    .collect::<Vec<_>>()
                    .join(", ");
                format!("<{tag} srcset={}>", quoted(&set, q))
            }),
        1 => (tag.clone(), prop::collection::vec(css(), 1..4), 0..3usize).prop_map(|(tag, css, q)| {
            format!("<{tag} style={}>", quoted(&css.join("; "), q))
        }),
        1 => (tag.clone(), 0..3usize).prop_map(|(tag, q)| format!("<{tag} onclick={}>", quoted("alert(1)", q))),
        1 => tag.clone().prop_map(|tag| format!("</{tag}>")),
        1 => Just("<script>alert(1)</script>".to_string()),
        1 => any_url().prop_map(|url| format!("[link]({})", url.replace([' ', '\n', '\t'], ""))),
        1 => hostile_url().prop_map(|url| format!("<{}>", url.replace([' ', '\n', '\t'], ""))),
        1 => Just("\n\n".to_string()),
        1 => Just("```\n<a href=\"javascript:x\">code</a>\n```\n".to_string()),
    ]
}

fn library_options(config: &Path) -> feedwright::cli::Options {
    let cli = feedwright::cli::Cli::try_parse_from([
        "feedwright".as_ref(),
        "--config".as_ref(),
        config.as_os_str(),
        "--quiet".as_ref(),
        "build".as_ref(),
    ])
    .expect("arguments");
    cli.options(Some(util::EPOCH)).expect("options")
}

fn check_hostile_body(body: &str) -> Result<(), TestCaseError> {
    let site = site_with(&[("hostile.md", &record("Hostile <b>&amp;</b>", body))]);
    let options = library_options(&site.join("feed.toml"));
    let report = feedwright::build(&options, false)
        .map_err(|error| TestCaseError::fail(format!("usage error: {:?}", error.0)))?;
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
    prop_assert!(errors.is_empty(), "{errors:?}");
    for warning in report.diagnostics.iter() {
        prop_assert!(warning.line.is_some(), "unlocated: {warning}");
    }
    for file in ["public/rss.xml", "public/atom.xml"] {
        let bytes = site.read_bytes(file);
        let text = std::str::from_utf8(&bytes).expect("UTF-8");
        prop_assert!(roxmltree::Document::parse(text).is_ok(), "{text}");
        let checks = feedwright::validate::check(Path::new(file), &bytes);
        prop_assert!(checks.is_empty(), "{checks:?}");
        prop_assert!(!text.contains('\u{fffd}'), "U+FFFD in {}", file);
    }
    for html in contents(&site) {
        let problems = problems(&html);
        prop_assert!(problems.is_empty(), "{problems:?} in\n{html}\nfrom\n{body}");
    }
    Ok(())
}

proptest! {
    // 48 cases by default; `PROPTEST_CASES=1000` for a longer run.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(48),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn hostile_bodies_give_safe_valid_feeds(
        fragments in prop::collection::vec(fragment(), 1..16)
    ) {
        check_hostile_body(&fragments.concat())?;
    }
}

/// The property's own check must catch what it is there to catch.
#[test]
fn the_content_check_sees_unsafe_markup() {
    for bad in [
        "<a href=\"javascript:x\">a</a>",
        "<img srcset=\"https://x.example/a 1x, java&#x73;cript:x 2x\">",
        "<q cite=\"img/rel.png\">q</q>",
        "<p>a<p>b</p></p>",
        "<p style=\"width: expression(x)\">s</p>",
        "<b onmouseover=\"x\">b</b>",
        "<noscript>x</noscript>",
    ] {
        assert!(!problems(bad).is_empty(), "{bad} passed");
    }
    assert!(
        problems("<p><a href=\"https://x.example/\">a</a></p><p style=\"color:rgb(1,2,3)\">b</p>")
            .is_empty()
    );
}

// Found by the red-team pass: `//` and `///x` name no host, could not be
// made absolute and were left relative, which validators warn about.
#[test]
fn hrefs_that_name_no_host_are_removed_not_left_relative() {
    let site = site_with(&[(
        "a.md",
        &record(
            "Hosts",
            "See <a href=\"//\">home</a>, <a href=\"///x\">x</a>, [this](///y) and <img srcset=\"/// 1x, /ok.png 2x\" src=\"a.png\">.",
        ),
    )]);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_clean_contents(&site);
    for html in contents(&site) {
        assert!(html.contains("<a>home</a>"), "{html}");
        assert!(
            html.contains("srcset=\"https://example.com/ok.png 2x\""),
            "{html}"
        );
    }
}
