//! Bytes → one record in a temporary site → `feedwright::build`. The build
//! may refuse the record, but it must not panic, and when it writes feeds
//! both must be well-formed XML (roxmltree) that feed-rs reads back, pass
//! `feedwright::validate` (no error, and no warning but `ImplausibleDate`,
//! which a record's own old date may earn), hold no U+FFFD, and carry content HTML in which
//! every URL-bearing attribute is an absolute http(s) or mailto URL, no
//! event attribute or unsafe style is left, and no `<p>` opens inside a
//! `<p>` (read with lol_html, not with the sanitiser's own parser).

#![no_main]

use clap::Parser;
use feedwright::cli::Cli;
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = r#"title = "Fuzz Desk"
base_url = "https://example.com/"
description = "Records written by a fuzzer"
language = "en"
limit = 0

[author]
name = "Fuzz Desk"
"#;

fuzz_target!(|data: &[u8]| {
    let Some((&first, record)) = data.split_first() else {
        return;
    };
    let site = tempfile::tempdir().expect("temp dir");
    std::fs::write(site.path().join("feed.toml"), CONFIG).expect("write config");
    let articles = site.path().join("articles");
    std::fs::create_dir(&articles).expect("articles folder");
    let name = if first % 2 == 0 {
        "record.md"
    } else {
        "record.txt"
    };
    std::fs::write(articles.join(name), record).expect("write record");
    let config = site.path().join("feed.toml");
    let mut args = vec![
        "feedwright".into(),
        "--config".into(),
        config.into_os_string(),
        "--include-drafts".into(),
        "--include-future".into(),
        "--quiet".into(),
    ];
    if first & 2 != 0 {
        args.push("--strict".into());
    }
    args.push("build".into());
    let cli = Cli::try_parse_from(args).expect("arguments");
    let options = cli.options(Some("1790000000")).expect("options");
    let report = feedwright::build(&options, false).expect("the config is valid");
    let _ = report.render(false);
    let public = site.path().join("public");
    if report.has_errors() {
        assert!(!public.exists(), "a failed build wrote feeds");
        return;
    }
    for file in ["rss.xml", "atom.xml"] {
        let bytes = std::fs::read(public.join(file)).expect("feed written");
        let text = std::str::from_utf8(&bytes).expect("feed is UTF-8");
        if let Err(error) = roxmltree::Document::parse(text) {
            panic!("{file} is not well-formed XML: {error}\n{text}");
        }
        if let Err(error) = feed_rs::parser::parse(bytes.as_slice()) {
            panic!("feed-rs cannot read {file}: {error}\n{text}");
        }
        let findings: Vec<_> = feedwright::validate::check(std::path::Path::new(file), &bytes)
            .into_iter()
            .filter(|finding| finding.code != Some("ImplausibleDate"))
            .collect();
        assert!(findings.is_empty(), "{file}: {findings:?}\n{text}");
        assert!(!text.contains('\u{fffd}'), "U+FFFD in {file}");
        let document = roxmltree::Document::parse(text).expect("parsed above");
        for node in document.descendants().filter(|node| {
            node.is_element() && matches!(node.tag_name().name(), "encoded" | "content")
        }) {
            let html = node.text().unwrap_or_default();
            let unsafe_markup = content_problems(html);
            assert!(
                unsafe_markup.is_empty(),
                "{file}: {unsafe_markup:?} in\n{html}"
            );
        }
    }
});

/// Attributes a browser or reader loads or follows a URL from.
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

fn content_problems(html: &str) -> Vec<String> {
    use std::cell::RefCell;
    use std::rc::Rc;
    let found = Rc::new(RefCell::new(Vec::new()));
    let open_paragraphs = Rc::new(RefCell::new(0usize));
    let settings = lol_html::RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(lol_html::element!("*", |el| {
            let tag = el.tag_name();
            if matches!(
                tag.as_str(),
                "script"
                    | "style"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "form"
                    | "svg"
                    | "math"
                    | "noscript"
                    | "base"
            ) {
                found.borrow_mut().push(format!("<{tag}>"));
            }
            if tag == "p" {
                if *open_paragraphs.borrow() > 0 {
                    found.borrow_mut().push("<p> inside <p>".to_string());
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
                let lower = value.to_ascii_lowercase();
                if name.starts_with("on") {
                    found.borrow_mut().push(format!("{name} attribute"));
                } else if name == "style" {
                    let squeezed: String = lower.split_whitespace().collect();
                    if [
                        "url(",
                        "expression",
                        "\\",
                        "/*",
                        "@",
                        "behavior",
                        "binding",
                        "javascript",
                    ]
                    .iter()
                    .any(|bad| squeezed.contains(bad))
                    {
                        found.borrow_mut().push(format!("style {value:?}"));
                    }
                } else if URL_ATTRIBUTES.contains(&name.as_str()) {
                    let urls: Vec<&str> = if name.ends_with("srcset") {
                        value
                            .split(',')
                            .filter_map(|c| c.split_whitespace().next())
                            .collect()
                    } else {
                        vec![value.as_str()]
                    };
                    for url in urls {
                        let lower = url.to_ascii_lowercase();
                        let web = lower.starts_with("https://") || lower.starts_with("http://");
                        if !(web || lower.starts_with("mailto:"))
                            || url
                                .chars()
                                .any(|c| c.is_ascii_whitespace() || c.is_control())
                            || (web && url::Url::parse(url).is_err())
                        {
                            found.borrow_mut().push(format!("{name}={url:?}"));
                        }
                    }
                }
            }
            Ok(())
        }));
    lol_html::rewrite_str(html, settings).expect("lol_html reads the content");
    found.take()
}
