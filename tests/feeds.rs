//! Many feeds from one site: the `many-feeds` fixture (two folders, tags
//! that slug alike, several authors, a record in Portuguese) built once per
//! test by the real binary, every file read back by independent readers
//! (feed-rs, `serde_json` against the JSON Feed 1.1 rules) and compared with
//! values worked out by hand from the fixture's records.

mod util;

use serde_json::Value;
use util::Site;

/// The site's own items with `limit = 3`: the three newest published
/// records (the draft and the two older ferry records are left out).
const SITE_IDS: [&str; 3] = [
    "https://example.com/news/articles/ferry-strike/",
    "https://example.com/news/articles/market-day/",
    "https://example.com/news/articles/fete/",
];

fn json(site: &Site, relative: &str) -> Value {
    serde_json::from_str(&site.read(relative))
        .unwrap_or_else(|error| panic!("{relative} is not JSON: {error}"))
}

/// The JSON Feed 1.1 rules a reader relies on, checked on the parsed
/// value: the version URL, the required keys and their types, RFC 3339
/// dates, and content in every item.
fn assert_json_feed_rules(feed: &Value) {
    assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
    assert!(feed["title"].is_string());
    for key in ["home_page_url", "feed_url"] {
        let url = feed[key].as_str().expect(key);
        assert!(url.starts_with("https://"), "{key}: {url}");
    }
    for item in feed["items"].as_array().expect("items") {
        assert!(item["id"].is_string(), "{item}");
        assert!(
            item["content_html"].is_string() || item["content_text"].is_string(),
            "{item}"
        );
        for key in ["date_published", "date_modified"] {
            let date = item[key].as_str().expect(key);
            chrono::DateTime::parse_from_rfc3339(date).expect("an RFC 3339 date");
        }
        for author in item["authors"].as_array().expect("authors") {
            assert!(author["name"].is_string(), "{author}");
        }
    }
}

#[test]
fn json_feed_carries_every_field_the_other_formats_carry() {
    let site = Site::fixture("many-feeds");
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("written: [SITE]/public/feed.json (3 items)"),
        "{}",
        run.stderr
    );
    let bytes = site.read_bytes("public/feed.json");

    // feed-rs reads JSON Feed too: the same items, in the same order.
    let parsed = feed_rs::parser::parse(bytes.as_slice()).expect("feed-rs reads it");
    assert_eq!(parsed.feed_type, feed_rs::model::FeedType::JSON);
    let ids: Vec<&str> = parsed.entries.iter().map(|e| e.id.as_str()).collect();
    assert_eq!(ids, SITE_IDS);
    assert_eq!(
        parsed.entries[0].title.as_ref().map(|t| t.content.as_str()),
        Some("Ferry Strike Ends")
    );

    let feed: Value = serde_json::from_slice(&bytes).expect("JSON");
    assert_json_feed_rules(&feed);
    assert_eq!(feed["title"], "Harbour Desk");
    assert_eq!(feed["home_page_url"], "https://example.com/news/");
    assert_eq!(feed["feed_url"], "https://example.com/news/feed.json");
    assert_eq!(feed["language"], "en");
    assert_eq!(
        feed["authors"],
        serde_json::json!([{ "name": "Harbour Desk", "url": "mailto:desk@example.com" }])
    );
    let strike = &feed["items"][0];
    assert_eq!(strike["url"], SITE_IDS[0]);
    assert_eq!(strike["summary"], "Crews return to work on Monday.");
    // `updated` keeps the offset it was written with.
    assert_eq!(strike["date_published"], "2026-03-10T09:00:00+00:00");
    assert_eq!(strike["date_modified"], "2026-03-11T10:30:00+01:00");
    assert_eq!(
        strike["authors"],
        serde_json::json!([{ "name": "Ana Lima", "url": "https://example.com/news/ana/" }])
    );
    assert_eq!(strike["tags"], serde_json::json!(["Ferries", "Labour"]));
    // A root-relative image, like the body's links, is made absolute.
    assert_eq!(strike["image"], "https://example.com/img/ferry.jpg");
    let html = strike["content_html"].as_str().unwrap();
    assert!(html.contains("<a href=\"https://example.com/maps/harbour.png\">the map</a>"));
    assert_eq!(
        strike["attachments"],
        serde_json::json!([{
            "url": "https://media.example.com/strike.mp3",
            "mime_type": "audio/mpeg",
            "size_in_bytes": 12345,
            "duration_in_seconds": 95
        }])
    );
    assert_eq!(
        strike["_related"],
        serde_json::json!([
            { "url": "https://example.com/news/articles/market-day/", "title": "Market Day Moves to the Quay" },
            { "url": "https://elsewhere.example.org/ferry-history" }
        ])
    );
    // A record with no authors has the site's; one with two keeps both.
    assert_eq!(feed["items"][2]["authors"], feed["authors"]);
    assert_eq!(
        feed["items"][1]["authors"],
        serde_json::json!([{ "name": "Ben Okafor" }, { "name": "Ana Lima" }])
    );
    // Optional fields with nothing to say are left out, not written empty.
    assert!(feed["items"][1].get("attachments").is_none());
    assert!(feed["items"][1].get("_related").is_none());
    assert!(feed["items"][1].get("image").is_none());

    // Byte for byte the same on a rebuild, which therefore writes nothing;
    // `build --check` and the JSON report know the format.
    let again = site.build_ok(&[]);
    assert!(
        again.stderr.contains("unchanged: [SITE]/public/feed.json"),
        "{}",
        again.stderr
    );
    assert_eq!(site.read_bytes("public/feed.json"), bytes);
    let validated = site.run(&["validate", "--strict", "public/feed.json"]);
    assert_eq!(validated.code, 0, "{}", validated.stderr);

    check_names_json_changes(&site, &feed);
}

/// A new record: `build --check` reports the JSON Feed stale, with the ids
/// added and pushed out, and writes nothing.
fn check_names_json_changes(site: &Site, feed: &Value) {
    site.write(
        "articles/port/new-pier.md",
        "+++\ntitle = \"New Pier\"\ndate = \"2026-03-12T09:00:00Z\"\n+++\nA pier.\n",
    );
    let check = site.run(&["build", "--check", "--format", "json"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    let report: Value = serde_json::from_str(&check.stdout).expect("a JSON report");
    let json_file = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .find(|file| file["format"] == "json")
        .expect("the JSON Feed is reported");
    assert_eq!(json_file["path"], "[SITE]/public/feed.json");
    assert_eq!(json_file["status"], "stale");
    assert_eq!(
        json_file["change"]["added"],
        serde_json::json!(["https://example.com/news/articles/new-pier/"])
    );
    assert_eq!(
        json_file["change"]["removed"],
        serde_json::json!(["https://example.com/news/articles/fete/"])
    );
    assert_eq!(
        &json(site, "public/feed.json"),
        feed,
        "--check wrote nothing"
    );
}

/// The fixture with `[feeds]` switched on.
fn site_with(switches: &str) -> Site {
    let site = Site::fixture("many-feeds");
    let config = site.read("feed.toml");
    site.write("feed.toml", format!("{config}\n[feeds]\n{switches}"));
    site
}

fn ids_of(site: &Site, relative: &str) -> Vec<String> {
    let bytes = site.read_bytes(relative);
    let feed = feed_rs::parser::parse(bytes.as_slice())
        .unwrap_or_else(|error| panic!("feed-rs cannot read {relative}: {error}"));
    feed.entries.into_iter().map(|entry| entry.id).collect()
}

fn article(slug: &str) -> String {
    format!("https://example.com/news/articles/{slug}/")
}

/// Every file below `public/`, relative to it, sorted.
fn files_below(site: &Site) -> Vec<String> {
    let root = site.join("public");
    let mut files: Vec<String> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| {
            let relative = entry.path().strip_prefix(&root).unwrap();
            relative.to_string_lossy().into_owned()
        })
        .collect();
    files.sort();
    files
}

/// `feeds.opml` read back: OPML 2.0, each outline's text and feed URL.
fn opml_feeds(site: &Site) -> Vec<(String, String)> {
    let text = site.read("public/feeds.opml");
    let document = roxmltree::Document::parse(&text).expect("well-formed OPML");
    let root = document.root_element();
    assert_eq!(root.tag_name().name(), "opml");
    assert_eq!(root.attribute("version"), Some("2.0"));
    root.descendants()
        .filter(|node| node.has_tag_name("outline"))
        .map(|node| {
            assert_eq!(node.attribute("type"), Some("rss"));
            (
                node.attribute("text").unwrap().to_string(),
                node.attribute("xmlUrl").unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn one_feed_per_tag_author_and_section_each_with_its_newest_items() {
    let site = site_with("tags = true\nauthors = true\nsections = true\n");
    let run = site.build_ok(&[]);
    // Worked out by hand from the fixture: "Ferries"/"ferries" are one tag,
    // "!!!" has no feed, the draft's tag and author have none.
    let mut expected = vec![".feedwright-feeds".to_string(), "feeds.opml".to_string()];
    for folder in [
        "",
        "authors/ana-lima/",
        "authors/ben-okafor/",
        "sections/port/",
        "sections/town/",
        "tags/ferries/",
        "tags/festivals/",
        "tags/labour/",
        "tags/markets/",
    ] {
        for file in ["atom.xml", "feed.json", "rss.xml"] {
            expected.push(format!("{folder}{file}"));
        }
    }
    expected.sort();
    assert_eq!(files_below(&site), expected);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 2, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("[SITE]/articles/port/market-day.md: warning: tags \"Ferries\" and \"ferries\" are one feed (tags/ferries/)"),
        "{}",
        warnings[0]
    );
    assert!(
        warnings[1].starts_with(
            "[SITE]/articles/town/fete.md: warning: tag \"!!!\" has no letter or digit"
        ),
        "{}",
        warnings[1]
    );

    // `limit = 3`: the ferries feed holds the three newest of its four
    // records, whichever spelling they use; each format agrees.
    let ferries = [
        article("ferry-strike"),
        article("market-day"),
        article("old-news"),
    ];
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        assert_eq!(
            ids_of(&site, &format!("public/tags/ferries/{file}")),
            ferries
        );
    }
    assert_eq!(
        ids_of(&site, "public/authors/ben-okafor/atom.xml"),
        [article("market-day"), article("older")]
    );
    assert_eq!(
        ids_of(&site, "public/sections/port/rss.xml"),
        [article("ferry-strike"), article("market-day")]
    );
    assert_eq!(
        ids_of(&site, "public/sections/town/rss.xml"),
        [article("fete"), article("old-news"), article("older")]
    );
    // The site's own feed is as it was without `[feeds]`.
    assert_eq!(ids_of(&site, "public/rss.xml"), SITE_IDS);

    // Its own title and self link, in each format.
    let feed = json(&site, "public/tags/ferries/feed.json");
    assert_eq!(feed["title"], "Harbour Desk — Ferries");
    assert_eq!(
        feed["feed_url"],
        "https://example.com/news/tags/ferries/feed.json"
    );
    let rss = site.read("public/authors/ana-lima/rss.xml");
    assert!(
        rss.contains("<title>Harbour Desk — Ana Lima</title>"),
        "{rss}"
    );
    assert!(rss.contains(
        "<atom:link href=\"https://example.com/news/authors/ana-lima/rss.xml\" rel=\"self\""
    ));
    let atom = site.read("public/sections/port/atom.xml");
    assert!(atom.contains("<id>https://example.com/news/sections/port/atom.xml</id>"));

    let validated = site.run(&["validate", "--strict", "public"]);
    assert_eq!(validated.code, 0, "{}", validated.stderr);
    assert!(
        validated
            .stderr
            .contains("27 feeds checked: 0 errors, 0 warnings")
    );
    a_feed_whose_value_is_gone_is_removed(&site);
}

/// The last record tagged "Labour" drops the tag: `--check` names its
/// three feeds, and the build removes them with their folder.
fn a_feed_whose_value_is_gone_is_removed(site: &Site) {
    let record = site.read("articles/port/ferry-strike.md");
    site.write(
        "articles/port/ferry-strike.md",
        record.replace("[\"Ferries\", \"Labour\"]", "[\"Ferries\"]"),
    );
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    for file in ["atom.xml", "feed.json", "rss.xml"] {
        assert!(
            check
                .stderr
                .contains(&format!("obsolete: [SITE]/public/tags/labour/{file}")),
            "{}",
            check.stderr
        );
    }
    assert!(site.exists("public/tags/labour/rss.xml"));
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("removed: [SITE]/public/tags/labour/rss.xml")
    );
    assert!(!site.exists("public/tags/labour"));
    assert!(!site.read("public/.feedwright-feeds").contains("labour"));
    // A file of the user's own in the output folder is never removed, not
    // even when a hand-edited manifest names it.
    site.write("public/tags/notes.txt", "mine");
    let manifest = site.read("public/.feedwright-feeds");
    site.write(
        "public/.feedwright-feeds",
        format!("{manifest}tags/notes.txt\n"),
    );
    let switched_off = site
        .read("feed.toml")
        .replace("tags = true", "tags = false");
    site.write("feed.toml", switched_off);
    site.build_ok(&[]);
    assert!(!site.exists("public/tags/ferries"));
    assert_eq!(site.read("public/tags/notes.txt"), "mine");
    assert!(site.exists("public/authors/ana-lima/rss.xml"));
    let listed = opml_feeds(site);
    assert_eq!(listed.len(), 15, "{listed:?}");
    assert!(listed.iter().all(|(_, url)| !url.contains("/tags/")));
    // With no extra feed asked for, the list goes too.
    let none = site
        .read("feed.toml")
        .replace("authors = true", "authors = false")
        .replace("sections = true", "sections = false");
    site.write("feed.toml", none);
    site.build_ok(&[]);
    assert!(!site.exists("public/feeds.opml"));
    assert!(!site.exists("public/authors"));
}

#[test]
fn a_feed_may_not_be_written_over_another() {
    let site = site_with("tags = true\n");
    let config = site.read("feed.toml");
    site.write(
        "feed.toml",
        // The tag's RSS feed is `tags/ferries/rss.xml` too.
        config.replace("limit = 3", "limit = 3\natom = \"tags/ferries/rss.xml\""),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "two outputs of this build would be written to [SITE]/public/tags/ferries/rss.xml"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));

    // A value is only ever a slug inside its facet's folder.
    site.write("feed.toml", config);
    site.write(
        "articles/escape.md",
        "+++\ntitle = \"Escape\"\ndate = \"2026-02-02T00:00:00Z\"\ntags = [\"../../../outside\", \"/etc/passwd\"]\n+++\nx\n",
    );
    site.build_ok(&[]);
    assert!(site.exists("public/tags/outside/rss.xml"));
    assert!(site.exists("public/tags/etc-passwd/feed.json"));
    assert!(!site.exists("outside"));

    // Tags off, and the site's RSS feed moved to where a tag's was: it is
    // written there, not removed as the tag's old feed.
    site.write(
        "feed.toml",
        site.read("feed.toml")
            .replace("tags = true", "tags = false")
            .replace("limit = 3", "limit = 3\nrss = \"tags/ferries/rss.xml\""),
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("removed: [SITE]/public/tags/ferries/atom.xml"),
        "{}",
        run.stderr
    );
    assert!(
        site.read("public/tags/ferries/rss.xml")
            .contains("<title>Harbour Desk</title>")
    );
}

#[test]
fn one_feed_per_language_and_items_say_when_theirs_differs() {
    let site = site_with("languages = true\n");
    site.build_ok(&[]);
    // The Portuguese record is the only one with a `language`; the others
    // are in the site's English.
    assert_eq!(
        ids_of(&site, "public/languages/en/atom.xml"),
        [
            article("ferry-strike"),
            article("market-day"),
            article("old-news")
        ]
    );
    assert_eq!(
        ids_of(&site, "public/languages/pt/rss.xml"),
        [article("fete")]
    );
    let portuguese = json(&site, "public/languages/pt/feed.json");
    assert_eq!(portuguese["language"], "pt");
    assert_eq!(portuguese["title"], "Harbour Desk — pt");
    // In its own language's feed the item needs no language of its own.
    assert!(portuguese["items"][0].get("language").is_none());
    assert!(
        site.read("public/languages/pt/atom.xml")
            .contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"pt\">")
    );

    // In the English site feed it says it is Portuguese, and only it does.
    let feed = json(&site, "public/feed.json");
    let languages: Vec<&Value> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| &item["language"])
        .collect();
    assert_eq!(languages, [&Value::Null, &Value::Null, &"pt".into()]);
    let atom = site.read("public/atom.xml");
    assert!(
        atom.contains("<title xml:lang=\"pt\">Festa da Vila</title>"),
        "{atom}"
    );
    assert!(atom.contains("<summary xml:lang=\"pt\">Música na praça.</summary>"));
    assert_eq!(atom.matches("xml:lang=\"pt\"").count(), 3, "{atom}");
    let parsed = feed_rs::parser::parse(atom.as_bytes()).expect("feed-rs reads it");
    assert_eq!(parsed.entries.len(), 3);

    // A language key that is not a language tag is the record's error.
    site.write(
        "articles/bad-lang.md",
        "+++\ntitle = \"Bad\"\ndate = \"2026-01-05T00:00:00Z\"\nlanguage = \"Portuguese!\"\n+++\nx\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`language` \"Portuguese!\" is not a language tag"),
        "{}",
        run.stderr
    );
}

// Found by the red-team pass: every tag feed repeats the item with all its
// tags, so one record with 10,000 tags wrote gigabytes. A record enters at
// most 64 feeds per kind of value, with a warning.
#[test]
fn one_record_with_a_thousand_tags_enters_64_tag_feeds_with_a_warning() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        "title = \"T\"\nbase_url = \"https://example.com/\"\ndescription = \"D\"\nlanguage = \"en\"\nformats = [\"rss\"]\n[feeds]\ntags = true\n[author]\nname = \"A\"\n",
    );
    let tags: Vec<String> = (0..1000).map(|i| format!("\"t{i}\"")).collect();
    site.write(
        "articles/many.md",
        format!(
            "+++\ntitle = \"Many\"\ndate = \"2025-01-01\"\ntags = [{}]\n+++\nBody.\n",
            tags.join(", ")
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("1000 tags: only the first 64 put the item in feeds of their own"),
        "{}",
        run.stderr
    );
    let tag_feeds = files_below(&site)
        .iter()
        .filter(|f| f.starts_with("tags/"))
        .count();
    assert_eq!(tag_feeds, 64);
    assert!(site.exists("public/tags/t63/rss.xml") && !site.exists("public/tags/t64/rss.xml"));
}

#[test]
fn no_output_may_take_the_manifest_name() {
    let site = site_with("tags = true\n");
    let config = site.read("feed.toml");
    for (key, value) in [
        ("json", ".feedwright-feeds"),
        ("rss", "./.feedwright-feeds"),
        ("atom", ".feedwright-feeds"),
    ] {
        site.write(
            "feed.toml",
            config.replace("limit = 3", &format!("limit = 3\n{key} = \"{value}\"")),
        );
        let run = site.build();
        assert_eq!(run.code, 2, "{}", run.stderr);
        assert!(
            run.stderr.contains(&format!(
                "[SITE]/feed.toml:7: error: invalid `{key}` \"{value}\": that is the name of feedwright's own list of extra feeds"
            )),
            "{}",
            run.stderr
        );
        assert!(!site.exists("public"));
    }
    // In a folder of its own, the name is a feed like any other.
    site.write(
        "feed.toml",
        config.replace("limit = 3", "limit = 3\njson = \"json/.feedwright-feeds\""),
    );
    site.build_ok(&[]);
    assert!(site.exists("public/json/.feedwright-feeds"));
    assert!(site.read("public/.feedwright-feeds").contains("tags/"));
}

#[test]
fn feed_urls_percent_encode_the_file_name() {
    let site = site_with("tags = true\n");
    let config = site.read("feed.toml");
    site.write(
        "feed.toml",
        config.replace(
            "limit = 3",
            "limit = 3\nrss = \"my#feed.xml\"\natom = \"q?x=1.xml\"\njson = \"a@b.json\"",
        ),
    );
    site.build_ok(&[]);
    let base = "https://example.com/news/";
    let rss = site.read("public/my#feed.xml");
    assert!(
        rss.contains(&format!("href=\"{base}my%23feed.xml\"")),
        "{rss}"
    );
    let atom = site.read("public/tags/ferries/q?x=1.xml");
    assert!(
        atom.contains(&format!("href=\"{base}tags/ferries/q%3Fx=1.xml\"")),
        "{atom}"
    );
    let feed = json(&site, "public/a@b.json");
    assert_eq!(feed["feed_url"], format!("{base}a@b.json"));
    let urls: Vec<String> = opml_feeds(&site).into_iter().map(|(_, url)| url).collect();
    for url in [
        format!("{base}my%23feed.xml"),
        format!("{base}q%3Fx=1.xml"),
        format!("{base}tags/ferries/my%23feed.xml"),
        format!("{base}tags/ferries/a@b.json"),
    ] {
        assert!(urls.contains(&url), "{url} not in {urls:?}");
    }
    assert!(!urls.iter().any(|url| url.contains('#')), "{urls:?}");
}

#[test]
fn quiet_check_names_each_obsolete_feed() {
    let site = site_with("tags = true\n");
    site.build_ok(&[]);
    site.write(
        "feed.toml",
        site.read("feed.toml")
            .replace("tags = true", "tags = false"),
    );
    let run = site.run(&["-q", "build", "--check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert!(
        lines.contains(&"obsolete: [SITE]/public/tags/ferries/rss.xml (0 items)"),
        "{}",
        run.stderr
    );
    let removed = site.run(&["build"]).stderr;
    let gone = removed.lines().filter(|line| line.starts_with("removed: "));
    // One `obsolete:` line per file the build then removes, and nothing else.
    assert_eq!(lines.len(), gone.count(), "{}\n---\n{removed}", run.stderr);
}

#[test]
fn a_tag_too_long_for_a_file_name_gets_a_short_stable_folder() {
    let site = site_with("tags = true\n");
    let long = |end: char| format!("{}{end}", "a".repeat(300));
    site.write(
        "articles/long.md",
        format!(
            "+++\ntitle = \"Long\"\ndate = \"2026-02-02T00:00:00Z\"\ntags = [\"{}\", \"{}\"]\n+++\nx\n",
            long('1'),
            long('2')
        ),
    );
    site.build_ok(&[]);
    let folders: Vec<String> = files_below(&site)
        .into_iter()
        .filter_map(|file| {
            let folder = file.strip_prefix("tags/aaa")?.strip_suffix("/rss.xml")?;
            Some(format!("aaa{folder}"))
        })
        .collect();
    assert_eq!(folders.len(), 2, "{folders:?}");
    for folder in &folders {
        assert_eq!(folder.len(), 80, "{folder}");
        assert!(site.exists(&format!("public/tags/{folder}/feed.json")));
    }
    // The same folders on the next build: nothing is rewritten.
    let again = site.build_ok(&[]);
    assert!(!again.stderr.contains("written: "), "{}", again.stderr);
}

/// A plain-text record's `Language:` line is its language, as `language`
/// is in front matter: its own language feed, and `xml:lang` in the site's.
#[test]
fn a_plain_text_record_names_its_language_with_a_language_line() {
    let site = site_with("languages = true\n");
    site.write(
        "articles/town/feira.txt",
        "Feira do Livro\n• Publish date: 2026-03-05T10:00:00Z • Language: pt-BR\n\nLivros na praça.\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        ids_of(&site, "public/languages/pt-br/atom.xml"),
        [article("feira")]
    );
    assert!(
        site.read("public/atom.xml")
            .contains("<title xml:lang=\"pt-BR\">Feira do Livro</title>"),
        "{}",
        site.read("public/atom.xml")
    );
    let feed = json(&site, "public/feed.json");
    let feira = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["id"] == article("feira").as_str())
        .expect("the plain-text record in the site's JSON Feed");
    assert_eq!(feira["language"], "pt-BR");
}
