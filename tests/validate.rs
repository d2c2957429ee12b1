//! `feedwright validate`: the command's contract (exit codes, formats,
//! hostile input) and the promise that every feed feedwright itself
//! writes — the sample site, the podcast example, every fixture site —
//! passes it without an error or a warning.

mod util;

use serde_json::Value;
use std::fmt::Write as _;
use std::path::Path;
use util::{Run, Site, crate_root};

fn validate(args: &[&str], cwd: &Path) -> Run {
    let mut command = assert_cmd::Command::cargo_bin("feedwright").expect("binary");
    command
        .arg("validate")
        .args(args)
        .env_remove("RUST_BACKTRACE")
        .current_dir(cwd);
    let output = command.output().expect("run feedwright");
    Run::from_output(&output, &[cwd.display().to_string()])
}

const VALID_RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>T</title>
<link>https://example.com/</link>
<description>D</description>
<atom:link href="https://example.com/rss.xml" rel="self" type="application/rss+xml"/>
<item><title>A</title><link>https://example.com/a</link><guid>https://example.com/a</guid>
<pubDate>Mon, 06 Jan 2025 10:00:00 +0000</pubDate></item>
</channel>
</rss>
"#;

/// Every feed a fixture site builds passes validate with no finding —
/// except one the content itself asks for: the `selection` fixture holds
/// two records dated the same instant (to test how ties are ordered), and
/// two Atom entries updated at the same instant are a warning
/// (`DuplicateUpdated`, as at the W3C service; `check` warns authors too).
#[test]
fn everything_feedwright_writes_passes_without_a_finding() {
    let mut sites = vec![("sample".to_string(), Site::sample())];
    for case in [
        "basic",
        "content",
        "lead-image-javascript",
        "plaintext-seed-layout",
        "related",
        "selection",
        "sites/eleventy",
        "sites/hugo",
        "sites/jekyll",
        "sites/zola",
    ] {
        sites.push((case.to_string(), Site::fixture(case)));
    }
    let podcast = Site::empty();
    copy_tree(&crate_root().join("examples/podcast"), podcast.path());
    sites.push(("examples/podcast".to_string(), podcast));
    let mut checked = 0;
    for (name, site) in &sites {
        let out = site.join("validated-out");
        let built = site.run(&["--out", &out.display().to_string(), "build"]);
        assert_eq!(built.code, 0, "{name} did not build:\n{}", built.stderr);
        let run = validate(&[&out.display().to_string()], site.path());
        assert_eq!(run.code, 0, "{name}:\n{}", run.stderr);
        let expected = if name == "selection" {
            assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
            assert!(
                run.stderr.contains("warning: DuplicateUpdated"),
                "{}",
                run.stderr
            );
            "2 feeds checked: 0 errors, 1 warning"
        } else {
            "2 feeds checked: 0 errors, 0 warnings"
        };
        assert!(run.stderr.contains(expected), "{name}:\n{}", run.stderr);
        checked += 1;
    }
    assert_eq!(checked, sites.len());
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

#[test]
fn exit_codes_zero_one_and_two() {
    let site = Site::empty();
    site.write("ok.xml", VALID_RSS);
    site.write("bad.rss", VALID_RSS.replace("<title>T</title>", ""));
    site.write(
        "warn.xml",
        VALID_RSS.replace("<title>A</title>", "<title>A &amp;amp; B</title>"),
    );
    assert_eq!(validate(&["ok.xml"], site.path()).code, 0);

    let bad = validate(&["bad.rss"], site.path());
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr
            .contains("bad.rss:3:1: error: MissingTitle: <channel> has no <title>"),
        "{}",
        bad.stderr
    );

    let warned = validate(&["warn.xml"], site.path());
    assert_eq!(warned.code, 0, "{}", warned.stderr);
    assert!(
        warned.stderr.contains("warning: ContainsHTML"),
        "{}",
        warned.stderr
    );
    assert_eq!(validate(&["--strict", "warn.xml"], site.path()).code, 1);

    let missing = validate(&["nowhere.xml"], site.path());
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    assert!(missing.stderr.contains("no such file or folder"));
}

#[test]
fn a_folder_is_searched_for_feed_files_only() {
    let site = Site::empty();
    site.write("feeds/a.xml", VALID_RSS);
    site.write(
        "feeds/deeper/b.rss",
        VALID_RSS.replace("<title>T</title>", ""),
    );
    site.write("feeds/notes.txt", "not a feed");
    let run = validate(&["feeds"], site.path());
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("2 feeds checked: 1 error, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn json_report_has_a_code_for_every_diagnostic_and_matches_the_schema() {
    let site = Site::empty();
    site.write(
        "bad.xml",
        VALID_RSS.replace("Mon, 06 Jan 2025", "Monday 6 January 2025"),
    );
    let run = validate(&["--format", "json", "bad.xml"], site.path());
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(&run.stdout).expect("one JSON object");
    assert_eq!(report["command"], "validate");
    assert_eq!(report["records"], 1);
    let codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| d["code"].as_str().expect("a code"))
        .collect();
    assert_eq!(codes, ["InvalidRFC2822Date"]);
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(crate_root().join("docs/report.schema.json")).expect("schema"),
    )
    .expect("schema JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

/// Hostile documents: each is one clear error and exit 1, never a panic
/// (which `Run::from_output` fails on) or a hang.
#[test]
fn hostile_and_non_feed_documents_are_one_error_each() {
    let site = Site::empty();
    // Ten levels of entities, each ten of the one before: 10^10 bytes if
    // anything expanded them.
    let mut entities = String::new();
    for c in b'b'..=b'j' {
        let previous = char::from(c - 1);
        let _ = write!(
            entities,
            "<!ENTITY {} \"{}\">",
            char::from(c),
            format!("&{previous};").repeat(10)
        );
    }
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"{}\">{entities}]><rss version=\"2.0\"><channel><title>&j;</title></channel></rss>",
        "a".repeat(10),
    );
    let depth = 100_000;
    let nesting = format!(
        "<rss version=\"2.0\"><channel>{}{}</channel></rss>",
        "<x>".repeat(depth),
        "</x>".repeat(depth)
    );
    let external = "<?xml version=\"1.0\"?><!DOCTYPE rss SYSTEM \"http://example.com/evil.dtd\"><rss version=\"2.0\"><channel><title>&ext;</title></channel></rss>";
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("laughs.xml", laughs.into_bytes(), "EntityDeclaration"),
        ("nesting.xml", nesting.into_bytes(), "TooDeep"),
        ("external.xml", external.as_bytes().to_vec(), "SAXError"),
        (
            "page.xml",
            b"<!DOCTYPE html><html><body>hi</body></html>".to_vec(),
            "NotAFeed",
        ),
        (
            "binary.xml",
            vec![0x89, b'P', b'N', b'G', 0, 0xff, 0xfe, 0x80],
            "UnicodeError",
        ),
        ("empty.xml", Vec::new(), "NotAFeed"),
        ("words.json", b"{ not json".to_vec(), "JSONError"),
    ];
    for (name, bytes, code) in cases {
        site.write(name, &bytes);
        let run = validate(&["--format", "json", name], site.path());
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
        let codes: Vec<&str> = report["diagnostics"]
            .as_array()
            .expect("diagnostics")
            .iter()
            .filter_map(|d| d["code"].as_str())
            .collect();
        assert_eq!(codes, [code], "{name}");
    }
}

#[test]
fn json_feed_documents_are_checked() {
    let site = Site::empty();
    site.write(
        "feed.json",
        r#"{"version":"https://jsonfeed.org/version/1.1","title":"T","items":[{"id":"1","content_html":"<p>x</p>","url":"https://example.com/1","date_published":"2025-01-06T10:00:00Z"}]}"#,
    );
    site.write(
        "broken.json",
        r#"{"version":"https://jsonfeed.org/version/1.1","items":[{"content_text":"x","attachments":[{"url":"https://example.com/a.mp3"}]}]}"#,
    );
    assert_eq!(validate(&["feed.json"], site.path()).code, 0);
    let run = validate(&["--format", "json", "broken.json"], site.path());
    assert_eq!(run.code, 1);
    let report: Value = serde_json::from_str(&run.stdout).expect("JSON");
    let mut codes: Vec<&str> = report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        ["MissingAttribute", "MissingElement", "MissingElement"]
    );
}
