//! Archive pages (RFC 5005) and `WebSub`: the chain of pages followed from
//! each subscription feed holds every item once; full pages never change
//! (bytes and modification time) when records arrive; an edited record
//! rewrites only its page; pages parse and validate; `build --ping` posts
//! to a real HTTP server started here, once per changed feed; bad `archive`
//! and `hub` values are config errors.

mod util;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};
use util::Site;

const BASE: &str = "https://log.example.org/";
const FH: &str = "http://purl.org/syndication/history/1.0";
const ATOM: &str = "http://www.w3.org/2005/Atom";

/// The fixture: seven records, `archive = 3`, `limit = 2`, all three
/// formats and two hubs.
fn site() -> Site {
    Site::fixture("archive")
}

/// The fixture's `feed.toml` with `key = value` lines replaced, or added
/// at the top (where a key belongs to no table).
fn set_config(site: &Site, lines: &[(&str, &str)]) {
    let mut text = site.read("feed.toml");
    for (key, value) in lines {
        let line = format!("{key} = {value}\n");
        let existing = text
            .lines()
            .find(|existing| existing.starts_with(&format!("{key} = ")))
            .map(|existing| format!("{existing}\n"));
        text = match existing {
            Some(existing) => text.replace(&existing, &line),
            None => format!("{line}{text}"),
        };
    }
    site.write("feed.toml", text);
}

/// Turns on one feed per tag.
fn with_tag_feeds(site: &Site) {
    site.write(
        "feed.toml",
        site.read("feed.toml") + "\n[feeds]\ntags = true\n",
    );
}

fn record(slug: &str, date: &str, tags: &str) -> String {
    format!(
        "+++\ntitle = \"Note {slug}\"\ndate = \"{date}\"\ntags = [{tags}]\n+++\nA short note about {slug}.\n"
    )
}

/// The output file a published URL names.
fn local(site: &Site, url: &str) -> String {
    let relative = url.strip_prefix(BASE).expect("a URL of the site");
    site.read(&format!("public/{relative}"))
}

/// One XML document's links (rel → href), item ids and whether it says
/// `fh:archive`.
struct XmlDoc {
    links: BTreeMap<String, Vec<String>>,
    ids: Vec<String>,
    archive_marker: bool,
}

fn xml_doc(text: &str) -> XmlDoc {
    let doc = roxmltree::Document::parse(text).expect("well-formed XML");
    let root = doc.root_element();
    // RSS keeps its feed-level elements in <channel>.
    let top = if root.has_tag_name("rss") {
        root.children()
            .find(|node| node.has_tag_name("channel"))
            .expect("channel")
    } else {
        root
    };
    let mut links: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for link in top
        .children()
        .filter(|node| node.has_tag_name((ATOM, "link")))
    {
        links
            .entry(link.attribute("rel").unwrap_or("alternate").to_string())
            .or_default()
            .push(link.attribute("href").expect("href").to_string());
    }
    let ids = top
        .children()
        .filter(|node| node.has_tag_name("item") || node.has_tag_name((ATOM, "entry")))
        .map(|item| {
            item.children()
                .find(|node| node.has_tag_name("guid") || node.has_tag_name((ATOM, "id")))
                .and_then(|id| id.text())
                .expect("an id")
                .to_string()
        })
        .collect();
    let archive_marker = top
        .children()
        .any(|node| node.has_tag_name((FH, "archive")));
    XmlDoc {
        links,
        ids,
        archive_marker,
    }
}

fn one_link(doc: &XmlDoc, rel: &str) -> Option<String> {
    let links = doc.links.get(rel)?;
    assert_eq!(links.len(), 1, "one {rel} link: {links:?}");
    links.first().cloned()
}

/// Follows `prev-archive` from the subscription feed of an XML format to
/// page 1, checking each page's links; every item id seen, in order.
fn follow_xml(site: &Site, feed_file: &str, format: &str) -> Vec<String> {
    let feed = xml_doc(&site.read(&format!("public/{feed_file}")));
    assert!(!feed.archive_marker, "the feed itself is not an archive");
    let feed_url = format!("{BASE}{feed_file}");
    let mut next = one_link(&feed, "prev-archive");
    let mut newer: Option<String> = None;
    let mut ids = Vec::new();
    let mut pages = 0;
    while let Some(url) = next {
        pages += 1;
        assert!(pages < 100, "the chain loops");
        let page = xml_doc(&local(site, &url));
        assert!(page.archive_marker, "{url} says fh:archive");
        assert_eq!(one_link(&page, "current"), Some(feed_url.clone()), "{url}");
        assert_eq!(one_link(&page, "self"), Some(url.clone()));
        // A full page links the newer page; the newest links none.
        assert_eq!(one_link(&page, "next-archive"), newer, "{url}");
        assert!(
            url.starts_with(&format!("{BASE}archive/{format}/")),
            "{url}"
        );
        ids.extend(page.ids.iter().cloned());
        newer = Some(url);
        next = one_link(&page, "prev-archive");
    }
    assert!(newer.is_some_and(|first| first.ends_with("/1.xml")));
    ids
}

/// The same for JSON Feed, by `next_url`.
fn follow_json(site: &Site) -> Vec<String> {
    let feed: serde_json::Value = serde_json::from_str(&site.read("public/feed.json")).unwrap();
    let mut next = feed["next_url"].as_str().map(String::from);
    let mut ids = Vec::new();
    let mut last = None;
    while let Some(url) = next {
        assert!(ids.len() < 1000, "the chain loops");
        assert!(url.starts_with(&format!("{BASE}archive/json/")), "{url}");
        let page: serde_json::Value = serde_json::from_str(&local(site, &url)).unwrap();
        assert_eq!(page["feed_url"], url.as_str());
        for item in page["items"].as_array().expect("items") {
            ids.push(item["id"].as_str().expect("id").to_string());
        }
        next = page["next_url"].as_str().map(String::from);
        last = Some(url);
    }
    assert!(last.is_some_and(|first| first.ends_with("/1.json")));
    ids
}

fn every_record_link(site: &Site) -> BTreeSet<String> {
    std::fs::read_dir(site.join("articles"))
        .unwrap()
        .map(|entry| {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let stem = name.split_once('.').unwrap().0;
            // 2026-01-05-ice-on-the-slipway → ice-on-the-slipway
            format!("{BASE}articles/{}/", &stem[11..])
        })
        .collect()
}

fn assert_each_once(ids: &[String], expected: &BTreeSet<String>, what: &str) {
    let seen: BTreeSet<String> = ids.iter().cloned().collect();
    assert_eq!(seen.len(), ids.len(), "{what}: an item twice: {ids:?}");
    assert_eq!(&seen, expected, "{what}");
}

#[test]
fn the_chain_from_each_feed_holds_every_item_once() {
    let site = site();
    site.build_ok(&[]);
    let expected = every_record_link(&site);
    assert_eq!(expected.len(), 7);
    let rss = follow_xml(&site, "rss.xml", "rss");
    assert_each_once(&rss, &expected, "rss");
    assert_each_once(&follow_xml(&site, "atom.xml", "atom"), &expected, "atom");
    assert_each_once(&follow_json(&site), &expected, "json");
    // Page 1 holds the oldest three; the chain runs newest to oldest.
    assert_eq!(
        rss.last().map(String::as_str),
        Some("https://log.example.org/articles/ice-on-the-slipway/")
    );
    let page1 = xml_doc(&site.read("public/archive/rss/1.xml"));
    assert_eq!(page1.ids.len(), 3);
    assert!(one_link(&page1, "prev-archive").is_none());
    // The subscription feed still shows only the newest `limit`.
    assert_eq!(xml_doc(&site.rss()).ids.len(), 2);
    // Two records share an instant: the id decides (newest first, then by
    // id; pages are filled in the reverse order), in every format.
    for format in ["rss", "atom"] {
        let page1 = xml_doc(&site.read(&format!("public/archive/{format}/1.xml")));
        let page2 = xml_doc(&site.read(&format!("public/archive/{format}/2.xml")));
        assert_eq!(page1.ids[0], format!("{BASE}articles/tide-tables/"));
        assert_eq!(page2.ids[2], format!("{BASE}articles/pilot-boat/"));
    }
    let json1: serde_json::Value =
        serde_json::from_str(&site.read("public/archive/json/1.json")).unwrap();
    assert!(json1.get("next_url").is_none(), "page 1 has no older page");
}

#[test]
fn every_feed_and_page_links_the_hubs_and_json_lists_them() {
    let site = site();
    with_tag_feeds(&site);
    site.build_ok(&[]);
    let hubs = vec![
        "https://hub.example.net/".to_string(),
        "https://websub.example.com/publish".to_string(),
    ];
    for file in [
        "rss.xml",
        "atom.xml",
        "archive/rss/1.xml",
        "archive/atom/3.xml",
        "tags/works/rss.xml",
        "tags/works/atom.xml",
    ] {
        let doc = xml_doc(&site.read(&format!("public/{file}")));
        assert_eq!(doc.links.get("hub"), Some(&hubs), "{file}");
    }
    // Archive pages are the site's only: a tag's feed links none.
    let tag = xml_doc(&site.read("public/tags/works/rss.xml"));
    assert!(!tag.links.contains_key("prev-archive"));
    assert!(!site.exists("public/tags/works/archive"));
    for file in ["feed.json", "archive/json/2.json", "tags/works/feed.json"] {
        let json: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/{file}"))).unwrap();
        assert_eq!(
            json["hubs"],
            serde_json::json!([
                {"type": "WebSub", "url": "https://hub.example.net/"},
                {"type": "WebSub", "url": "https://websub.example.com/publish"}
            ]),
            "{file}"
        );
    }
    let tag_json: serde_json::Value =
        serde_json::from_str(&site.read("public/tags/works/feed.json")).unwrap();
    assert!(tag_json.get("next_url").is_none());
}

fn page_files(site: &Site) -> Vec<String> {
    let mut files = Vec::new();
    for format in ["rss", "atom", "json"] {
        for entry in std::fs::read_dir(site.join(&format!("public/archive/{format}"))).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            files.push(format!("public/archive/{format}/{name}"));
        }
    }
    files.sort();
    files
}

/// Sets a file's modification time to a fixed past instant, so that a
/// rewrite shows whatever the file system's time resolution.
fn age(site: &Site, relative: &str) -> SystemTime {
    let past = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
    std::fs::File::options()
        .write(true)
        .open(site.join(relative))
        .unwrap()
        .set_modified(past)
        .unwrap();
    past
}

fn snapshot(site: &Site, files: &[String]) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    files
        .iter()
        .map(|file| (file.clone(), (site.read_bytes(file), age(site, file))))
        .collect()
}

fn assert_untouched(site: &Site, before: &BTreeMap<String, (Vec<u8>, SystemTime)>) {
    for (file, (bytes, mtime)) in before {
        assert!(site.read_bytes(file) == *bytes, "{file} changed");
        assert_eq!(site.mtime(file), *mtime, "{file} was rewritten");
    }
}

#[test]
fn full_pages_never_change_when_records_arrive() {
    let site = site();
    site.build_ok(&[]);
    let full: Vec<String> = page_files(&site)
        .into_iter()
        .filter(|file| file.contains("/1.") || file.contains("/2."))
        .collect();
    assert_eq!(full.len(), 6);
    let before = snapshot(&site, &full);
    site.write(
        "articles/2026-04-02-buoy.md",
        record("buoy", "2026-04-02T09:00:00Z", ""),
    );
    let run = site.build_ok(&[]);
    assert_untouched(&site, &before);
    for file in &full {
        assert!(
            run.stderr
                .contains(&format!("unchanged: [SITE]/{file} (3 items)")),
            "{file}:\n{}",
            run.stderr
        );
    }
    assert!(
        run.stderr
            .contains("written: [SITE]/public/archive/rss/3.xml (2 items)")
    );
    assert_each_once(
        &follow_xml(&site, "rss.xml", "rss"),
        &every_record_link(&site),
        "rss after one record",
    );

    // The newest page fills up: it now links a next page, which exists,
    // empty, and which the next record fills.
    site.write(
        "articles/2026-04-03-crane.md",
        record("crane", "2026-04-03T09:00:00Z", ""),
    );
    site.build_ok(&[]);
    let page3 = xml_doc(&site.read("public/archive/atom/3.xml"));
    assert_eq!(page3.ids.len(), 3);
    assert_eq!(
        one_link(&page3, "next-archive").as_deref(),
        Some("https://log.example.org/archive/atom/4.xml")
    );
    let page4 = xml_doc(&site.read("public/archive/atom/4.xml"));
    assert!(page4.ids.is_empty() && page4.archive_marker);
    // The feeds link the newest page that holds items, so that a JSON Feed
    // reader paging by `next_url` never meets an empty page first.
    assert_eq!(
        one_link(&xml_doc(&site.atom()), "prev-archive").as_deref(),
        Some("https://log.example.org/archive/atom/3.xml")
    );
    let feed: serde_json::Value = serde_json::from_str(&site.read("public/feed.json")).unwrap();
    assert_eq!(
        feed["next_url"],
        "https://log.example.org/archive/json/3.json"
    );
    let now_full: Vec<String> = page_files(&site)
        .into_iter()
        .filter(|file| !file.contains("/4."))
        .collect();
    let before = snapshot(&site, &now_full);
    site.write(
        "articles/2026-04-04-ferry.md",
        record("ferry", "2026-04-04T09:00:00Z", ""),
    );
    site.build_ok(&[]);
    assert_untouched(&site, &before);
    assert_eq!(
        xml_doc(&site.read("public/archive/atom/4.xml")).ids.len(),
        1
    );
    let expected = every_record_link(&site);
    assert_eq!(expected.len(), 10);
    assert_each_once(&follow_xml(&site, "atom.xml", "atom"), &expected, "atom");
    assert_each_once(&follow_json(&site), &expected, "json");
}

fn stale_files(json: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(json).expect("JSON report");
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|file| file["status"] != "unchanged")
        .map(|file| {
            format!(
                "{} {}",
                file["status"].as_str().unwrap(),
                file["path"].as_str().unwrap()
            )
        })
        .collect()
}

#[test]
fn editing_an_old_record_rewrites_only_its_page() {
    let site = site();
    site.build_ok(&[]);
    let mut files = page_files(&site);
    files.extend(["public/rss.xml", "public/atom.xml", "public/feed.json"].map(String::from));
    let others: Vec<String> = files
        .iter()
        .filter(|file| !file.contains("/1."))
        .cloned()
        .collect();
    let before = snapshot(&site, &others);
    let path = "articles/2026-01-19-new-bollards.md";
    site.write(
        path,
        site.read(path).replace("Six cast-iron", "Eight cast-iron"),
    );
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let stale: Vec<&str> = check
        .stderr
        .lines()
        .filter(|line| line.starts_with("stale") || line.starts_with("missing"))
        .collect();
    assert_eq!(stale.len(), 3, "{}", check.stderr);
    for format in ["rss/1.xml", "atom/1.xml", "json/1.json"] {
        assert!(
            check.stderr.contains(&format!(
                "stale: [SITE]/public/archive/{format} (3 items): 1 changed (https://log.example.org/articles/new-bollards/)"
            )),
            "{}",
            check.stderr
        );
    }
    let json = site.run(&["build", "--check", "--format", "json"]);
    let mut named = stale_files(&json.stdout);
    named.sort();
    assert_eq!(
        named,
        [
            "stale [SITE]/public/archive/atom/1.xml",
            "stale [SITE]/public/archive/json/1.json",
            "stale [SITE]/public/archive/rss/1.xml",
        ]
    );
    let build = site.run(&["build", "--format", "json"]);
    assert_eq!(build.code, 0, "{}", build.stderr);
    let mut written = stale_files(&build.stdout);
    written.sort();
    assert_eq!(
        written,
        [
            "written [SITE]/public/archive/atom/1.xml",
            "written [SITE]/public/archive/json/1.json",
            "written [SITE]/public/archive/rss/1.xml",
        ]
    );
    assert_untouched(&site, &before);
    assert!(
        site.read("public/archive/rss/1.xml")
            .contains("Eight cast-iron")
    );
    // And nothing left to do.
    assert_eq!(site.run(&["build", "--check"]).code, 0);
}

#[test]
fn a_page_is_rendered_again_when_what_its_items_link_to_changes() {
    let site = site();
    site.build_ok(&[]);
    // "First Swallows" (page 2, and the subscription feeds) lists "Ice on
    // the Slipway" (page 1) as related, with its title: retitling the
    // target changes both pages and the feeds, and not page 3.
    let path = "articles/2026-01-05-ice-on-the-slipway.md";
    site.write(
        path,
        site.read(path)
            .replace("Ice on the Slipway", "Frost on the Slipway"),
    );
    let json = site.run(&["build", "--check", "--format", "json"]);
    let mut named = stale_files(&json.stdout);
    named.sort();
    let expected: Vec<String> = [
        "archive/atom/1.xml",
        "archive/atom/2.xml",
        "archive/json/1.json",
        "archive/json/2.json",
        "archive/rss/1.xml",
        "archive/rss/2.xml",
        "atom.xml",
        "feed.json",
        "rss.xml",
    ]
    .iter()
    .map(|file| format!("stale [SITE]/public/{file}"))
    .collect();
    assert_eq!(named, expected);
    site.build_ok(&[]);
    let page2 = site.read("public/archive/rss/2.xml");
    assert!(page2.contains("title=\"Frost on the Slipway\""), "{page2}");
    // "Harbour Dues" (page 2) links the bollards note (page 1) from its
    // body: a new slug there moves the link in page 2 as well.
    let path = "articles/2026-01-19-new-bollards.md";
    site.write(
        path,
        site.read(path).replace(
            "tags = [\"works\"]",
            "tags = [\"works\"]\nslug = \"east-quay-bollards\"",
        ),
    );
    site.build_ok(&["--accept-id-changes"]);
    let page2 = site.read("public/archive/rss/2.xml");
    assert!(
        page2.contains("https://log.example.org/articles/east-quay-bollards/"),
        "{page2}"
    );
    assert_eq!(site.run(&["build", "--check"]).code, 0);
}

#[test]
fn archive_off_removes_the_pages() {
    let site = site();
    site.build_ok(&[]);
    assert!(site.exists("public/archive/rss/3.xml"));
    set_config(&site, &[("archive", "0")]);
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("removed: [SITE]/public/archive/json/2.json"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public/archive"));
    assert!(!xml_doc(&site.rss()).links.contains_key("prev-archive"));
    // A smaller page size rewrites every page, a larger one removes some.
    set_config(&site, &[("archive", "4")]);
    site.build_ok(&[]);
    assert!(site.exists("public/archive/rss/2.xml"));
    assert!(!site.exists("public/archive/rss/3.xml"));
    assert_each_once(
        &follow_xml(&site, "rss.xml", "rss"),
        &every_record_link(&site),
        "rss",
    );
}

#[test]
fn first_middle_and_last_pages_parse_with_feed_rs_and_validate() {
    let site = site();
    site.build_ok(&[]);
    for (page, count) in [(1, 3), (2, 3), (3, 1)] {
        for file in [
            format!("archive/rss/{page}.xml"),
            format!("archive/atom/{page}.xml"),
            format!("archive/json/{page}.json"),
        ] {
            let bytes = site.read_bytes(&format!("public/{file}"));
            let feed = feed_rs::parser::parse(&bytes[..])
                .unwrap_or_else(|error| panic!("{file}: {error}"));
            assert_eq!(feed.entries.len(), count, "{file}");
            assert!(
                feed.entries.iter().all(|entry| !entry.links.is_empty()),
                "{file}"
            );
        }
    }
    let validate = site.run(&["validate", "public"]);
    assert_eq!(validate.code, 0, "{}", validate.stderr);
    assert!(
        validate
            .stderr
            .contains("12 feeds checked: 0 errors, 0 warnings"),
        "{}",
        validate.stderr
    );
}

/// The W3C Feed Validation Service's code: `FEEDWRIGHT_W3C_VALIDATOR` (a
/// checkout of <https://github.com/w3c/feedvalidator>), or one beside this
/// repository as `../feedvalidator`.
fn w3c_validator() -> Option<std::path::PathBuf> {
    let dir = std::env::var_os("FEEDWRIGHT_W3C_VALIDATOR").map_or_else(
        || util::crate_root().join("../feedvalidator"),
        std::path::PathBuf::from,
    );
    dir.join("src/feedvalidator/__init__.py")
        .is_file()
        .then_some(dir)
}

#[test]
fn pages_pass_the_w3c_validator_where_installed() {
    // Not installed by CI (like the W3C test suite in tests/w3c_suite.rs):
    // a skip note, never a failure, when it is absent.
    let Some(validator) = w3c_validator() else {
        util::skip_note(
            "the W3C feedvalidator is absent; set FEEDWRIGHT_W3C_VALIDATOR to a checkout of it",
        );
        return;
    };
    if !util::on_path("python3") {
        util::skip_note("python3 not found, which the W3C feedvalidator needs");
        return;
    }
    let site = site();
    site.build_ok(&[]);
    let script = r"
import sys
sys.path.insert(0, sys.argv[1] + '/src')
import feedvalidator
from feedvalidator import compatibility
from feedvalidator.formatter.text_plain import Formatter
bad = 0
for path, url in zip(sys.argv[2::2], sys.argv[3::2]):
    events = feedvalidator.validateString(open(path, 'rb').read(), firstOccurrenceOnly=1, base=url)['loggedEvents']
    out = Formatter(compatibility.AA(events))
    if out:
        bad = 1
        print(path, *out, sep='\n')
sys.exit(bad)
";
    let mut command = std::process::Command::new("python3");
    command.arg("-c").arg(script).arg(&validator);
    for file in [
        "rss.xml",
        "atom.xml",
        "archive/rss/1.xml",
        "archive/rss/2.xml",
        "archive/rss/3.xml",
        "archive/atom/1.xml",
        "archive/atom/2.xml",
        "archive/atom/3.xml",
    ] {
        command.arg(site.join(&format!("public/{file}")));
        command.arg(format!("{BASE}{file}"));
    }
    let output = command.output().expect("run python3");
    assert!(
        output.status.success(),
        "the W3C validator found problems:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bad_archive_and_hub_values_are_config_errors() {
    for (key, value, expected) in [
        ("archive", "-1", "`archive` must be a whole number"),
        ("archive", "\"x\"", "`archive` must be a whole number"),
        ("archive", "2.5", "`archive` must be a whole number"),
        (
            "hub",
            "[\"ftp://x\"]",
            "`hub` \"ftp://x\" must be an absolute http(s) URL",
        ),
        (
            "hub",
            "[\"/hub\"]",
            "`hub` \"/hub\" must be an absolute http(s) URL",
        ),
        ("hub", "\"https://hub.example/\"", "`hub`"),
        (
            "hub",
            "[\"https://a.example/\", \"https://A.example\"]",
            "`hub` names \"https://A.example\" twice",
        ),
        (
            "hub",
            "[\"https://h1.example/\", \"https://h2.example/\", \"https://h3.example/\", \"https://h4.example/\", \"https://h5.example/\", \"https://h6.example/\", \"https://h7.example/\", \"https://h8.example/\", \"https://h9.example/\", \"https://h10.example/\", \"https://h11.example/\"]",
            "`hub` names 11 hubs; at most 10 are allowed",
        ),
    ] {
        let site = site();
        set_config(&site, &[(key, value)]);
        let line = site
            .read("feed.toml")
            .lines()
            .position(|line| line.starts_with(&format!("{key} = ")))
            .unwrap()
            + 1;
        let run = site.build();
        assert_eq!(run.code, 2, "{key} = {value}:\n{}", run.stderr);
        assert!(
            run.stderr.contains(&format!("feed.toml:{line}:")) && run.stderr.contains(expected),
            "{key} = {value}:\n{}",
            run.stderr
        );
        assert!(!site.exists("public"));
    }
}

// --- WebSub pings --------------------------------------------------------

/// One request the hub received.
#[derive(Debug, Clone)]
struct Received {
    method: String,
    path: String,
    content_type: String,
    body: String,
}

/// A hub on 127.0.0.1 that records each request and answers `status`.
struct Hub {
    url: String,
    received: Arc<Mutex<Vec<Received>>>,
}

impl Hub {
    fn start(status: u16) -> Hub {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let url = format!("http://{}/hub", listener.local_addr().unwrap());
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&received);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                if let Some(request) = read_request(&mut stream) {
                    log.lock().unwrap().push(request);
                }
                let reason = if status < 300 { "OK" } else { "Server Error" };
                let _ = write!(
                    stream,
                    "HTTP/1.1 {status} {reason}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                );
            }
        });
        Hub { url, received }
    }

    fn take(&self) -> Vec<Received> {
        std::mem::take(&mut *self.received.lock().unwrap())
    }
}

fn read_request(stream: &mut std::net::TcpStream) -> Option<Received> {
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    let mut reader = BufReader::new(stream);
    let mut first = String::new();
    reader.read_line(&mut first).ok()?;
    let mut parts = first.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let (mut length, mut content_type) = (0usize, String::new());
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).ok()?;
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(':')?;
        match name.to_ascii_lowercase().as_str() {
            "content-length" => length = value.trim().parse().ok()?,
            "content-type" => content_type = value.trim().to_string(),
            _ => {}
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Received {
        method,
        path,
        content_type,
        body: String::from_utf8(body).ok()?,
    })
}

/// The fixture with `hub` pointing at `hub` only, and per-tag feeds.
fn ping_site(hub: &Hub) -> Site {
    let site = site();
    set_config(&site, &[("hub", &format!("[\"{}\"]", hub.url))]);
    with_tag_feeds(&site);
    site
}

/// `feedwright ARGS…` with no proxy from the environment in the way.
fn run_clean(site: &Site, args: &[&str]) -> util::Run {
    let mut command = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    command
        .arg("--config")
        .arg(site.join("feed.toml"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", util::EPOCH)
        .current_dir(site.path());
    for proxy in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        command.env_remove(proxy);
    }
    util::Run::from_output(
        &command.output().unwrap(),
        &[site.path().display().to_string()],
    )
}

fn pinged_feeds(requests: &[Received]) -> BTreeSet<String> {
    requests
        .iter()
        .map(|request| {
            assert_eq!(request.method, "POST");
            assert_eq!(request.path, "/hub");
            assert_eq!(request.content_type, "application/x-www-form-urlencoded");
            let feed = request
                .body
                .strip_prefix("hub.mode=publish&hub.url=")
                .unwrap_or_else(|| panic!("form body {:?}", request.body));
            feed.replace("%3A", ":").replace("%2F", "/")
        })
        .collect()
}

#[test]
fn ping_tells_the_hub_of_each_changed_feed_once_and_of_nothing_else() {
    let hub = Hub::start(204);
    let site = ping_site(&hub);
    // Without --ping, no request at all.
    let run = run_clean(&site, &["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(hub.take().is_empty());
    // Nothing changed: nothing to tell.
    let run = run_clean(&site, &["build", "--ping"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(hub.take().is_empty());
    // A new record tagged "birds": the site's feeds and that tag's change;
    // the newest archive page changes too, but pages are never announced.
    site.write(
        "articles/2026-04-02-terns.md",
        record("terns", "2026-04-02T09:00:00Z", "\"birds\""),
    );
    let run = run_clean(&site, &["build", "--ping"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("written: [SITE]/public/archive/rss/3.xml"),
        "{}",
        run.stderr
    );
    let requests = hub.take();
    let feeds = pinged_feeds(&requests);
    assert_eq!(
        requests.len(),
        feeds.len(),
        "one ping per feed: {requests:?}"
    );
    let expected: BTreeSet<String> = [
        "rss.xml",
        "atom.xml",
        "feed.json",
        "tags/birds/rss.xml",
        "tags/birds/atom.xml",
        "tags/birds/feed.json",
    ]
    .iter()
    .map(|file| format!("{BASE}{file}"))
    .collect();
    assert_eq!(feeds, expected);
    assert!(
        run.stderr.contains("0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_failing_hub_is_a_warning_or_under_strict_an_error_and_the_feeds_stay_written() {
    let hub = Hub::start(500);
    let site = ping_site(&hub);
    let run = run_clean(&site, &["build", "--ping"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(site.exists("public/rss.xml") && site.exists("public/archive/rss/3.xml"));
    // One warning per changed feed: 3 formats × (the site + 4 tags).
    let warnings = run
        .stderr
        .lines()
        .filter(|line| line.starts_with("warning: WebSub hub "))
        .count();
    assert_eq!(warnings, 15, "{}", run.stderr);
    assert!(
        run.stderr.contains("0 errors, 15 warnings"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "warning: WebSub hub {} answered HTTP 500 Internal Server Error to the ping for {BASE}rss.xml",
            hub.url
        )),
        "{}",
        run.stderr
    );
    assert_eq!(pinged_feeds(&hub.take()).len(), 15);
    site.write(
        "articles/2026-04-02-terns.md",
        record("terns", "2026-04-02T09:00:00Z", "\"birds\""),
    );
    let strict = run_clean(&site, &["build", "--ping", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stderr.contains("error: WebSub hub"),
        "{}",
        strict.stderr
    );
    assert!(site.read("public/rss.xml").contains("Note terns"));
    assert!(
        strict.stderr.contains("the feeds were written")
            && !strict.stderr.contains("no feed was written"),
        "{}",
        strict.stderr
    );
    assert_eq!(pinged_feeds(&hub.take()).len(), 6);
}

#[test]
fn an_unreachable_hub_is_a_warning_and_is_not_tried_again() {
    // A port nothing listens on: bound, then closed.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = site();
    set_config(
        &site,
        &[("hub", &format!("[\"http://127.0.0.1:{port}/\"]"))],
    );
    let run = run_clean(&site, &["build", "--ping"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("could not be reached"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("was not pinged for 2 more changed feeds"),
        "{}",
        run.stderr
    );
}

#[test]
fn ping_and_check_do_not_go_together() {
    let site = site();
    let run = site.run(&["build", "--check", "--ping"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

/// A page is rendered again when what it shows changes without the
/// record's bytes changing, or through a spelling of `@/` that Markdown
/// decodes (both found by the red team: the page kept the old date, or a
/// dead link, and `--check` called it unchanged).
#[test]
fn pages_follow_file_time_dates_and_entity_written_links() {
    let site = site();
    site.write(
        "articles/zz-logbook.md",
        "---\ntitle: Logbook\ndate: Last Modified\n---\nSee [the dues](&#64;/articles/2026-02-20-harbour-dues.md).\n",
    );
    let set_time = |seconds: u64| {
        let file = std::fs::File::options()
            .write(true)
            .open(site.join("articles/zz-logbook.md"))
            .unwrap();
        file.set_modified(SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(seconds))
            .unwrap();
    };
    // 2026-01-01T10:00:00Z: the oldest record, on page 1.
    set_time(1_767_261_600);
    site.build_ok(&[]);
    assert!(
        site.read("public/archive/rss/1.xml")
            .contains("Thu, 01 Jan 2026 10:00:00")
    );
    set_time(1_767_261_600 + 90 * 60);
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    site.build_ok(&[]);
    let page = site.read("public/archive/rss/1.xml");
    assert!(page.contains("Thu, 01 Jan 2026 11:30:00"), "{page}");
    assert!(page.contains("articles/harbour-dues/"), "{page}");
    let path = "articles/2026-02-20-harbour-dues.md";
    site.write(
        path,
        site.read(path)
            .replacen("+++\n", "+++\nslug = \"dues\"\n", 1),
    );
    site.build_ok(&["--accept-id-changes"]);
    let page = site.read("public/archive/rss/1.xml");
    assert!(page.contains("articles/dues/"), "{page}");
}
