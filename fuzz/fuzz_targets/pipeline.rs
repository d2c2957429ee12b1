//! Bytes → one record in a temporary site → `feedwright::build`. The build
//! may refuse the record, but it must not panic, and when it writes feeds
//! both must be well-formed XML (roxmltree) that feed-rs reads back and
//! that `validate` finds no error in. (A warning may be the record's own
//! doing — a date before 1990 is `ImplausibleDate` — so only that one is
//! allowed.)

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
    }
});
