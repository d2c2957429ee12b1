//! Content folders in the shapes Zola, Hugo, Jekyll and Eleventy give them
//! (fixtures written here, in `tests/fixtures/sites/`), built as they are:
//! every item's title, dates, authors, categories, summary and link are
//! compared with values worked out by hand from the fixture files, and
//! both feeds are kept as snapshots.

mod util;

use std::fmt::Write as _;
use util::Site;

/// What one Atom entry says, as feed-rs reads it.
#[derive(Debug, PartialEq)]
struct Entry {
    title: String,
    link: String,
    published: String,
    updated: String,
    authors: Vec<String>,
    categories: Vec<String>,
    summary: String,
}

fn entries(site: &Site) -> Vec<Entry> {
    let xml = site.atom();
    let feed = feed_rs::parser::parse(xml.as_bytes()).expect("feed-rs reads the Atom feed");
    feed.entries
        .iter()
        .map(|entry| Entry {
            title: entry
                .title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default(),
            link: entry
                .links
                .first()
                .map(|l| l.href.clone())
                .unwrap_or_default(),
            published: entry.published.map(|d| d.to_rfc3339()).unwrap_or_default(),
            updated: entry.updated.map(|d| d.to_rfc3339()).unwrap_or_default(),
            authors: entry
                .authors
                .iter()
                .filter_map(|p| p.name.clone())
                .collect(),
            categories: entry.categories.iter().map(|c| c.term.clone()).collect(),
            summary: entry
                .summary
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default(),
        })
        .collect()
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(ToString::to_string).collect()
}

/// The RSS feed carries the same items, in the same order.
fn rss_agrees(site: &Site, expected: &[Entry]) {
    let rss = util::rss_items(&site.rss());
    assert_eq!(rss.len(), expected.len());
    for (item, entry) in rss.iter().zip(expected) {
        assert_eq!(item.title, entry.title);
        assert_eq!(item.link, entry.link);
        assert_eq!(item.categories, entry.categories);
    }
}

fn build(case: &str) -> (Site, util::Run) {
    let site = Site::fixture(&format!("sites/{case}"));
    let run = site.build_ok(&[]);
    (site, run)
}

#[test]
fn a_zola_blog_with_bundles_taxonomies_and_internal_links() {
    let (site, run) = build("zola");
    let expected = vec![
        Entry {
            title: "Repairing the harbour walls".into(),
            link: "https://lantern.example/blog/harbour-walls/".into(),
            published: "2024-04-10T07:15:00+00:00".into(),
            updated: "2024-04-10T07:15:00+00:00".into(),
            authors: strings(&["Tomás Reyes", "Mira Osei"]),
            categories: strings(&["walls", "breakwater"]),
            // The part before `<!-- more -->`.
            summary: "Masons started on the north wall this week, working between tides.".into(),
        },
        Entry {
            // Dated by its bundle folder `2024-03-01_first-light`, slug
            // `first-light`; `extra.author` credits it.
            title: "First light on the breakwater".into(),
            link: "https://lantern.example/blog/first-light/".into(),
            published: "2024-03-01T00:00:00+00:00".into(),
            updated: "2024-03-04T00:00:00+00:00".into(),
            authors: strings(&["Mira Osei"]),
            categories: strings(&["Harbour", "lamps", "breakwater"]),
            summary: "The new lamp on the breakwater was lit for the first time.".into(),
        },
        Entry {
            // Two `python.md` in two folders: `{path}` keeps them apart.
            title: "Python spotted near the quay".into(),
            link: "https://lantern.example/blog/news/python/".into(),
            published: "2024-02-02T00:00:00+00:00".into(),
            updated: "2024-02-02T00:00:00+00:00".into(),
            // No author in the record: the site's, which every entry names.
            authors: strings(&["Lantern Quay Desk"]),
            categories: vec![],
            summary: "A visiting reptile keeper lost a python. It was found asleep on a bollard."
                .into(),
        },
        Entry {
            title: "A guide to the python-shaped quay".into(),
            link: "https://lantern.example/blog/guides/python/".into(),
            published: "2024-02-01T00:00:00+00:00".into(),
            updated: "2024-02-01T00:00:00+00:00".into(),
            // No author in the record: the site's, which every entry names.
            authors: strings(&["Lantern Quay Desk"]),
            categories: vec![],
            summary: "Why the quay curls the way it does.".into(),
        },
    ];
    assert_eq!(entries(&site), expected);
    rss_agrees(&site, &expected);
    // The section page and the bundle's attachment are not items; the
    // translation `index.fr.md` is not in the site's feed (with language
    // feeds off, one warning on feed.toml, whose switch it names, says
    // so); the page without a date is named once; no key of the table is
    // reported.
    assert!(
        run.stderr
            .contains("feed.toml: warning: 1 translation (fr: 1) is in no feed"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "content/blog/about.md: warning: 1 Markdown file with no date (pages, not posts) left out of the feeds: [SITE]/content/blog/about.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("unknown front-matter key"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("notes.txt"), "{}", run.stderr);
    // `@/` links resolve to the target's link, the fragment kept; a section
    // goes where Zola publishes it, with a warning at its line.
    let atom = site.atom();
    assert!(atom.contains("href=&quot;https://lantern.example/blog/first-light/#top&quot;"));
    assert!(atom.contains("href=&quot;https://lantern.example/blog/guides/python/&quot;"));
    assert!(!atom.contains("@/"), "{atom}");
    assert!(
        run.stderr.contains(
            "content/blog/harbour-walls.md:18: warning: the internal link \"@/blog/_index.md\""
        ),
        "{}",
        run.stderr
    );
    // A template tag outside code is reported once, with its line; the one
    // in a code block is not counted.
    assert!(
        run.stderr.contains(
            "content/blog/harbour-walls.md:20: warning: template tag \"{% note(kind=\\\"tip\\\") %}\" and 1 more left as text"
        ),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!("zola_atom", atom);
    insta::assert_snapshot!("zola_rss", site.rss());
}

#[test]
fn a_hugo_blog_with_yaml_and_toml_front_matter() {
    let (site, run) = build("hugo");
    let expected = vec![
        Entry {
            title: "Winter ferry times".into(),
            link: "https://ferrylog.example/posts/ferry-times/".into(),
            published: "2024-11-02T09:00:00+00:00".into(),
            // `lastmod`
            updated: "2024-11-05T10:30:00+00:00".into(),
            // `author: "miek"`, a plain string.
            authors: strings(&["miek"]),
            categories: strings(&["ferries", "timetables", "Travel"]),
            // `description`
            summary: "The winter timetable starts on Monday.".into(),
        },
        Entry {
            title: "New lights on the quay".into(),
            link: "https://ferrylog.example/posts/quay-lights/".into(),
            // `publishDate`, midnight in Europe/Lisbon (summer time, +01:00).
            published: "2024-09-30T23:00:00+00:00".into(),
            updated: "2024-09-30T23:00:00+00:00".into(),
            authors: strings(&["Ana Lima", "Rui Costa"]),
            categories: strings(&["lights"]),
            summary: "Twelve new lamps light the quay.".into(),
        },
    ];
    assert_eq!(entries(&site), expected);
    rss_agrees(&site, &expected);
    // `{{< ref >}}` is a link; `{{< figure >}}` is reported, once.
    let atom = site.atom();
    assert!(atom.contains("href=&quot;https://ferrylog.example/posts/quay-lights/&quot;"));
    assert!(
        run.stderr.contains(
            "content/posts/ferry-times/index.md:18: warning: template tag \"{{< figure src=\\\"boat.jpg\\\" alt=\\\"The ferry\\\" >}}\" left as text"
        ),
        "{}",
        run.stderr
    );
    // A theme's own keys are reported, each once; `keywords`, `menu` and
    // `draft` are known.
    assert!(
        run.stderr
            .contains("unknown front-matter key `showToc` in this file is ignored")
    );
    assert!(
        run.stderr
            .contains("unknown front-matter key `cover` in this file is ignored")
    );
    assert_eq!(
        run.stderr.matches("unknown front-matter key").count(),
        2,
        "{}",
        run.stderr
    );
    // The bundle's attachment is an asset, never a record.
    assert!(!run.stderr.contains("timetable.txt"), "{}", run.stderr);
    insta::assert_snapshot!("hugo_atom", atom);
    insta::assert_snapshot!("hugo_rss", site.rss());
}

#[test]
fn a_jekyll_posts_folder() {
    let (site, run) = build("jekyll");
    let expected = vec![
        Entry {
            // Dated by its file name, midnight in America/New_York.
            title: "Tide tables for May".into(),
            link: "https://market.example/2024/05/07/tide-tables/".into(),
            published: "2024-05-07T04:00:00+00:00".into(),
            updated: "2024-05-07T04:00:00+00:00".into(),
            // No author in the record: the site's, which every entry names.
            authors: strings(&["Market Notes"]),
            categories: strings(&["tides"]),
            summary: "High water is at noon on Saturday.".into(),
        },
        Entry {
            title: "Market report: a good week for mackerel".into(),
            link: "https://market.example/2024/05/06/market-report/".into(),
            published: "2024-05-06T22:30:22+00:00".into(),
            // `last_modified_at`
            updated: "2024-05-07T12:00:00+00:00".into(),
            authors: strings(&["Lena Park"]),
            // `categories: news markets`, Jekyll's space-separated form.
            categories: strings(&["news", "markets"]),
            // Up to the record's own `excerpt_separator`.
            summary: "Mackerel prices fell by a third.".into(),
        },
    ];
    assert_eq!(entries(&site), expected);
    rss_agrees(&site, &expected);
    // `published: false` keeps a post out, without a word.
    assert!(!site.atom().contains("Not ready"));
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    // `{% post_url %}` is a link.
    assert!(
        site.atom()
            .contains("href=&quot;https://market.example/2024/05/07/tide-tables/&quot;")
    );
    // `image: {path: …}` is the lead image.
    assert!(
        site.rss()
            .contains("<media:thumbnail url=\"https://market.example/assets/tides-feature.jpg\""),
        "{}",
        site.rss()
    );
    // The author's email reaches the Atom entry.
    assert!(site.atom().contains("<email>lena@market.example</email>"));
    insta::assert_snapshot!("jekyll_atom", site.atom());
    insta::assert_snapshot!("jekyll_rss", site.rss());
}

#[test]
fn an_eleventy_blog_with_string_tags_and_json_front_matter() {
    let (site, run) = build("eleventy");
    let expected = vec![
        Entry {
            // `---json` front matter; a folder whose file is not `index.md`
            // is not a bundle, so the slug is the file's.
            title: "Crabs of the north pool".into(),
            link: "https://tidepool.example/blog/tidepool/".into(),
            published: "2018-08-24T00:00:00+00:00".into(),
            updated: "2018-08-24T00:00:00+00:00".into(),
            // No author in the record: the site's, which every entry names.
            authors: strings(&["Tidepool"]),
            categories: strings(&["crabs", "number 2"]),
            summary: "Three kinds of crab live in the north pool.".into(),
        },
        Entry {
            title: "This is my first post.".into(),
            link: "https://tidepool.example/blog/firstpost/".into(),
            published: "2018-05-01T00:00:00+00:00".into(),
            updated: "2018-05-01T00:00:00+00:00".into(),
            // No author in the record: the site's, which every entry names.
            authors: strings(&["Tidepool"]),
            // `tags: another tag` is one tag.
            categories: strings(&["another tag"]),
            summary: "A first look into the rock pools.".into(),
        },
    ];
    assert_eq!(entries(&site), expected);
    rss_agrees(&site, &expected);
    // `eleventyNavigation` and a `permalink` pattern are known and ignored.
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    insta::assert_snapshot!("eleventy_atom", site.atom());
}

#[test]
fn javascript_front_matter_is_an_error_that_exclude_can_leave_out() {
    let site = Site::fixture("sites/eleventy");
    site.write(
        "content/blog/fifthpost.md",
        "---js\n{\n  title: \"Computed\",\n  draft: true,\n}\n---\nText.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/blog/fifthpost.md:1: error: JavaScript front matter (`---js`) cannot be read"
        ),
        "{}",
        run.stderr
    );
    // gitignore-style patterns, relative to the articles folder.
    let config = site.read("feed.toml").replace(
        "permalink = ",
        "exclude = [\"fifth*.md\", \"drafts/\"]\npermalink = ",
    );
    site.write("feed.toml", config);
    site.write("content/blog/drafts/broken.md", "not front matter at all\n");
    let run = site.build_ok(&[]);
    assert!(run.stderr.contains("2 items"), "{}", run.stderr);
}

#[test]
fn yaml_errors_are_located_and_name_the_key() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write(
        "articles/a-syntax.md",
        "\n---\ntitle: Broken\ndate: 2025-01-02\ntags: [one, two\n---\nBody.\n",
    );
    site.write(
        "articles/b-type.md",
        "---\ntitle: Typed\ndate: 2025-01-02\ntags:\n  - one\n  - { nested: map }\n---\nBody.\n",
    );
    site.write(
        "articles/c-date.md",
        "---\ntitle: Dated\ndate: the day after tomorrow\n---\nBody.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    // A blank line before the fence: the YAML error counts from the top.
    assert!(
        run.stderr
            .contains("[SITE]/articles/a-syntax.md:6:1: error: invalid YAML in front matter"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[SITE]/articles/b-type.md:6:5: error: `tags` must be a string, not table"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[SITE]/articles/c-date.md:3:7: error: `date`")
            && run.stderr.contains("the day after tomorrow"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));
}

#[test]
fn a_billion_laughs_is_refused_and_the_build_goes_on_to_report_it() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    let mut bomb = String::from(
        "---\ntitle: Laughs\ndate: 2025-01-02\na: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n",
    );
    let names = ["b", "c", "d", "e", "f", "g", "h", "i"];
    let mut previous = "a";
    for name in names {
        let refs = vec![format!("*{previous}"); 9].join(", ");
        let _ = writeln!(bomb, "{name}: &{name} [{refs}]");
        previous = name;
    }
    bomb.push_str("---\nBody.\n");
    site.write("articles/laughs.md", bomb);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("expands to more than 1000000 values"),
        "{}",
        run.stderr
    );
}

#[test]
fn one_slug_in_two_folders_needs_path_in_the_permalink() {
    let site = Site::fixture("sites/zola");
    let config = site.read("feed.toml").replace(
        "permalink = \"/blog/{path}/{slug}/\"",
        "permalink = \"/blog/{slug}/\"",
    );
    site.write("feed.toml", config);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/blog/news/python.md:1: error: duplicate slug \"python\": [SITE]/content/blog/guides/python.md has it too, and both would be published at https://lantern.example/blog/python/"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("put {path} in `permalink`"),
        "{}",
        run.stderr
    );
}

#[test]
fn an_unknown_key_in_many_files_is_one_warning_with_a_count() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    for day in 1..=5 {
        site.write(
            &format!("articles/post-{day}.md"),
            format!("---\ntitle: Post {day}\ndate: 2025-01-0{day}\nmood: calm\nlayout: post\n---\nBody.\n"),
        );
    }
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[SITE]/articles/post-1.md:4:1: warning: unknown front-matter key `mood` in 5 files (first here) is ignored"
        ),
        "{}",
        run.stderr
    );
}

/// Hugo and Zola give a file or bundle folder named with spaces the link
/// of its name in lower case with dashes; feedwright does the same rather
/// than refuse the record (the name has no other slug).
#[test]
fn names_with_spaces_get_the_links_hugo_and_zola_give_them() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write(
        "articles/Markdown Syntax/index.md",
        "---\ntitle: Markdown syntax\ndate: 2024-01-02\n---\nBody.\n",
    );
    site.write("articles/Markdown Syntax/a b.png", "not an image");
    site.write(
        "articles/2024-01-03-My Post.md",
        "---\ntitle: My post\ndate: 2024-01-03\n---\nBody.\n",
    );
    site.build_ok(&[]);
    let links: Vec<String> = util::rss_items(&site.rss())
        .into_iter()
        .map(|item| item.link)
        .collect();
    assert_eq!(
        links,
        [
            "https://example.com/articles/my-post/",
            "https://example.com/articles/markdown-syntax/"
        ]
    );
}

/// The items of `public/feed.json`, as JSON values.
fn json_items(site: &Site) -> Vec<serde_json::Value> {
    let feed: serde_json::Value =
        serde_json::from_str(&site.read("public/feed.json")).expect("feed.json is JSON");
    feed["items"].as_array().cloned().unwrap_or_default()
}

/// Hugo's leaf bundle with its page in HTML; a folder whose index.html
/// is a plain page is walked as any folder.
fn write_html_bundles(site: &Site) {
    site.write(
        "articles/pier-lights/index.html",
        "---\ntitle: Pier Lights\ndate: 2022-07-01\n---\n<p>Lights.</p>\n",
    );
    site.write("articles/pier-lights/notes.txt", "not a record\n");
    site.write(
        "articles/pier-lights/embed.html",
        "---\ntitle: Embed\n---\n<p>Embed</p>\n",
    );
    site.write("articles/demo/index.html", "<p>A demo page.</p>\n");
    site.write(
        "articles/demo/tide-tables.md",
        "+++\ntitle = \"Tide Tables\"\ndate = \"2022-08-01\"\n+++\nTides.\n",
    );
}

/// Hugo and Jekyll publish an `.html` file that opens with front matter
/// as a post (Let's Encrypt's blog has two); its body is HTML, never read
/// as Markdown. Any other `.html` file is a layout or an asset, left alone.
#[test]
fn html_posts_with_front_matter_are_records_and_other_html_is_left_alone() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        format!(
            "formats = [\"rss\", \"atom\", \"json\"]\n{}",
            util::MINIMAL_CONFIG
        ),
    );
    site.write(
        "articles/2022-04-13-receiving-the-prize.html",
        "\n---\nauthor: Dana Whitfield\ndate: 2022-04-13T00:00:00Z\nslug: receiving-the-prize\ntitle: \"The Harbour Trust Receives the Lantern Prize\"\nexcerpt: \"We are honoured to be recognised.\"\n---\n\n<p>\n  <em\n    >On April 13 the committee presented the prize.</em\n  >\n</p>\n\n<div class=\"main-article\">\n  <p>\n    Thank you to the\n    <a href=\"/about/\">committee</a>.\n  </p>\n\n    <p>Indented four spaces: Markdown would make this code.</p>\n  <script>alert(1)</script>\n</div>\n",
    );
    site.write(
        "articles/night-ferry.htm",
        "+++\ntitle = \"Night Ferry\"\ndate = \"2022-05-01\"\n+++\n<p>Intro &amp; more.</p>\n<!-- more -->\n<p>The rest.</p>\n",
    );
    // A layout, a partial and a bundle's embedded page: never records.
    site.write(
        "articles/layout.html",
        "<!DOCTYPE html>\n<html><body>{{ content }}</body></html>\n",
    );
    site.write(
        "articles/_layouts/post.html",
        "---\nlayout: default\n---\n<article>{{ content }}</article>\n",
    );
    site.write(
        "articles/harbour-walk/index.md",
        "+++\ntitle = \"Harbour Walk\"\ndate = \"2022-06-01\"\n+++\nA walk.\n",
    );
    site.write(
        "articles/harbour-walk/map.html",
        "---\ntitle: Map\ndate: 2022-06-01\n---\n<p>Map</p>\n",
    );
    write_html_bundles(&site);
    let run = site.build_ok(&[]);
    assert!(run.warnings().len() == 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "2022-04-13-receiving-the-prize.html:23: warning: unsafe markup removed from the body: <script> (line 23)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("5 records read"), "{}", run.stderr);
    let items = json_items(&site);
    let titles: Vec<&str> = items
        .iter()
        .map(|item| item["title"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        titles,
        [
            "Tide Tables",
            "Pier Lights",
            "Harbour Walk",
            "Night Ferry",
            "The Harbour Trust Receives the Lantern Prize"
        ]
    );
    assert_eq!(items[1]["url"], "https://example.com/articles/pier-lights/");
    let prize = &items[4];
    assert_eq!(prize["summary"], "We are honoured to be recognised.");
    assert_eq!(prize["authors"][0]["name"], "Dana Whitfield");
    assert_eq!(prize["date_published"], "2022-04-13T00:00:00+00:00");
    let html = prize["content_html"].as_str().unwrap_or_default();
    assert!(
        html.contains("<em>On April 13 the committee presented the prize.</em>"),
        "{html}"
    );
    assert!(
        html.contains("<p>Indented four spaces: Markdown would make this code.</p>")
            && !html.contains("<pre>")
            && !html.contains("<code>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://example.com/about/\">committee</a>"),
        "{html}"
    );
    assert!(
        !html.contains("script") && !html.contains("alert"),
        "{html}"
    );
    // The more marker ends the summary, as in Markdown.
    assert_eq!(items[3]["summary"], "Intro & more.");
    assert!(
        items[3]["content_html"]
            .as_str()
            .unwrap_or_default()
            .contains("<p>The rest.</p>")
    );
}

/// `date` as the Unix `date` command prints it is not a form feedwright
/// reads: the message says so and lists the forms, rather than calling the
/// hour a two-digit year. One-digit parts stay errors that name the part.
#[test]
fn dates_in_forms_not_read_get_messages_that_say_what_is_wrong() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write(
        "articles/unix.md",
        "---\ntitle: Unix\ndate: Fri Sep  3 11:21:31 CEST 2021\n---\nBody.\n",
    );
    site.write(
        "articles/hour.md",
        "---\ntitle: Hour\ndate: 2016-07-19 8:00:00 -07:00\n---\nBody.\n",
    );
    site.write(
        "articles/day.md",
        "---\ntitle: Day\ndate: 2013-05-1 16:30:00 -06:00\n---\nBody.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("two-digit year"), "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "articles/unix.md:3:7: error: `date`: cannot read date \"Fri Sep  3 11:21:31 CEST 2021\": the time comes before the year (as the Unix `date` command writes it), which is not one of the forms feedwright reads; the accepted forms are 2025-09-01, 2025-09-01 09:30, 2025-09-01T09:30:00+02:00 (RFC 3339), Mon, 01 Sep 2025 09:30:00 +0000 (RFC 2822), and 1 September 2025 or September 1, 2025"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("articles/hour.md:3:7: error: `date`")
            && run.stderr.contains("the hour 8 must have two digits"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("articles/day.md:3:7: error: `date`")
            && run.stderr.contains("the day 1 must have two digits"),
        "{}",
        run.stderr
    );
    // Jekyll reads these; the message says what to write for feedwright.
    assert!(
        run.stderr
            .contains("the day 1 must have two digits; write \"2013-05-01 16:30:00 -06:00\"")
            && run.stderr.contains("write \"2016-07-19 08:00:00 -07:00\""),
        "{}",
        run.stderr
    );
}

/// The `<pre>` blocks of an item's HTML, in order.
fn pre_blocks(html: &str) -> Vec<String> {
    html.split("<pre>")
        .skip(1)
        .map(|rest| {
            format!(
                "<pre>{}</pre>",
                rest.split("</pre>").next().unwrap_or_default()
            )
        })
        .collect()
}

/// Jekyll runs Liquid before Markdown: a highlight block is code, rendered
/// as the same fenced block would be; a raw block's markers go (inside
/// fenced code too) and what it holds is meant literally, never reported.
#[test]
fn liquid_highlight_and_raw_blocks_are_done_as_jekyll_does_them() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        format!("formats = [\"json\"]\n{}", util::MINIMAL_CONFIG),
    );
    site.write(
        "articles/2014-03-27-path-fix.markdown",
        "---\nlayout: news_item\ntitle: Path Fix Released\n---\n\nA bug in the path code:\n\n{% highlight ruby %}\n> clean_path(\"/srv/jail\", \"..c:/etc/passwd\")\n=> \"/srv/jail/../etc/passwd\"\n{% endhighlight %}\n\nNow, with <b> & friends:\n\n{% highlight Ruby linenos %}\n\nputs \"<b>\" if a && b\n```\n\n{% endhighlight %}\n\nEleventy names it in quotes:\n\n{% highlight \"js\" %}\nlet a = 1;\n{% endhighlight %}\n\nNot `{{ site.url }}` any more but {% raw %}{{ site.url }} and {% link nowhere.md %}{% endraw %} as written.\n\n{% raw %}\n```liquid\n{{ page.title }}\n```\n{% endraw %}\n\n```liquid\n{% raw %}{% for post in site.posts %}{% endraw %}\n{% highlight ruby %}\nshown as written\n{% endhighlight %}\n```\n\n{% highlight liquid %}\n{% raw %}{{ content }}{% endraw %}\n{% endhighlight %}\n\n{% include note.html %}\n",
    );
    site.write(
        "articles/2014-03-28-fenced.markdown",
        "---\ntitle: Fenced\n---\n\n```ruby\n> clean_path(\"/srv/jail\", \"..c:/etc/passwd\")\n=> \"/srv/jail/../etc/passwd\"\n```\n\n````ruby\nputs \"<b>\" if a && b\n```\n````\n\n```js\nlet a = 1;\n```\n",
    );
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "2014-03-27-path-fix.markdown:47: warning: template tag \"{% include note.html %}\" left as text"
        ),
        "{}",
        run.stderr
    );
    let items = json_items(&site);
    let html = |index: usize| items[index]["content_html"].as_str().unwrap_or_default();
    let (fenced, jekyll) = (pre_blocks(html(0)), pre_blocks(html(1)));
    assert_eq!(fenced.len(), 3);
    assert_eq!(jekyll[..3], fenced[..], "{}", html(1));
    assert_eq!(
        fenced[0],
        "<pre><code class=\"language-ruby\">&gt; clean_path(\"/srv/jail\", \"..c:/etc/passwd\")\n=&gt; \"/srv/jail/../etc/passwd\"\n</code></pre>"
    );
    let body = html(1);
    assert!(!body.contains("<blockquote>"), "{body}");
    assert!(
        body.contains(
            "<p>Not <code>{{ site.url }}</code> any more but {{ site.url }} and {% link nowhere.md %} as written.</p>"
        ),
        "{body}"
    );
    assert_eq!(
        jekyll[3..],
        [
            "<pre><code class=\"language-liquid\">{{ page.title }}\n</code></pre>",
            "<pre><code class=\"language-liquid\">{% for post in site.posts %}\n{% highlight ruby %}\nshown as written\n{% endhighlight %}\n</code></pre>",
            "<pre><code class=\"language-liquid\">{{ content }}\n</code></pre>",
        ]
    );
    assert!(!body.contains("raw %}"), "{body}");
}

/// Zola publishes a page whose `path` is `a/b` at `a/b/`, and a body's
/// `@/` link to an undated page goes to that page's own `path`: both were
/// seen wrong on the Rust blog and phil-opp's `blog_os` (images one folder
/// up, links to where the file would be).
#[test]
fn zola_paths_end_in_a_slash_and_at_links_follow_a_pages_own_path() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace(
            "[author]",
            "articles = \"content\"\npermalink = \"/{path}/{slug}/\"\n\n[author]",
        ),
    );
    site.write(
        "content/blog/post.md",
        "+++\ntitle = \"Post\"\ndate = 2024-01-02\npath = \"2024/01/02/post\"\n+++\nSee [the tools](@/blog/extra/binutils.md), [the zone](@/blog/bundle/index.md) and ![a chart](chart.png).\n",
    );
    site.write(
        "content/blog/extra/binutils.md",
        "+++\ntitle = \"Binutils\"\npath = \"binutils\"\n+++\nA page.\n",
    );
    site.write(
        "content/blog/bundle/index.md",
        "+++\ntitle = \"Zone\"\npath = \"red-zone\"\n+++\nA page.\n",
    );
    let run = site.build_ok(&[]);
    assert!(!run.stderr.contains("names no page"), "{}", run.stderr);
    let items = util::rss_items(&site.rss());
    assert_eq!(items[0].link, "https://example.com/2024/01/02/post/");
    let html = util::unescape_xml(&site.atom());
    let urls = util::html_urls(&html);
    for expected in [
        "https://example.com/binutils/",
        "https://example.com/red-zone/",
        "https://example.com/2024/01/02/post/chart.png",
    ] {
        assert!(
            urls.iter().any(|url| url == expected),
            "{expected} not in {urls:?}"
        );
    }
}

/// Jekyll sites publish a weekly post under one name
/// (`2016-01-01-this-week.md`, `2016-01-08-this-week.md`): one slug in one
/// folder, told apart by their dated links. Each gets its own lock entry,
/// so the second build does not take one for another's changed id (seen
/// on rails/website's 180 "This week in Rails" posts).
#[test]
fn posts_sharing_a_slug_in_one_folder_each_keep_their_own_id_in_the_lock() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace(
            "[author]",
            "permalink = \"/{year}/{month}/{day}/{slug}/\"\n\n[author]",
        ),
    );
    for day in ["01", "08", "15"] {
        site.write(
            &format!("articles/2016-01-{day}-this-week.md"),
            format!("---\ntitle: This week {day}\n---\nNews.\n"),
        );
    }
    site.build_ok(&[]);
    let lock = site.read("feedwright.lock");
    for day in ["01", "08", "15"] {
        assert!(
            lock.contains(&format!(
                "\"this-week@2016-01-{day}\" = \"https://example.com/2016/01/{day}/this-week/\""
            )),
            "{lock}"
        );
    }
    let again = site.build_ok(&[]);
    assert!(
        again.stderr.contains("feeds already up to date"),
        "{}",
        again.stderr
    );
    site.build_ok(&["--check"]);
}

/// The minimal config with `lines` among its top-level keys.
fn config_with(lines: &str) -> String {
    util::MINIMAL_CONFIG.replace("[author]", &format!("{lines}\n[author]"))
}

/// The posts of the Hugo comparison (`hugo` 0.111 built the same files
/// with `permalinks.posts = "/Blog/:year/:month/:day/:slug/"`): mixed-case
/// names and slugs, and dates written in offsets far from the site's UTC,
/// near midnight.
fn write_hugo_link_posts(site: &Site, config_lines: &str) {
    site.write(
        "feed.toml",
        config_with(&format!(
            "permalink = \"/Blog/{{year}}/{{month}}/{{day}}/{{slug}}/\"\n{config_lines}"
        )),
    );
    site.write(
        "articles/Late-Night.md",
        "---\ntitle: Late Night\ndate: 2024-01-01T00:30:00+09:00\n---\nBody.\n",
    );
    site.write(
        "articles/plain.md",
        "---\ntitle: EOY\nslug: EOY-Letter-2024\ndate: 2024-03-10T23:50:00-05:00\n---\nBody.\n",
    );
    site.write(
        "articles/cafe.md",
        "---\ntitle: Cafe\nslug: Café-ÉTÉ\ndate: 2024-02-29T23:59:00-10:00\n---\nBody.\n",
    );
    site.write(
        "articles/Offsetless.md",
        "---\ntitle: Offsetless\ndate: 2024-06-30T23:30:00\n---\nBody.\n",
    );
    site.write(
        "articles/urlpost.md",
        "---\ntitle: Url\ndate: 2023-06-01T00:30:00+09:00\nurl: /Special/My-Page/\n---\nBody.\n",
    );
}

fn rss_links(site: &Site) -> Vec<String> {
    util::rss_items(&site.rss())
        .into_iter()
        .map(|item| item.link)
        .collect()
}

#[test]
fn hugo_links_are_an_opt_in_that_gives_hugos_exact_links() {
    // Newest first: Offsetless 2024-06-30T23:30Z, EOY 2024-03-11T04:50Z,
    // Cafe 2024-03-01T09:59Z, Late Night 2023-12-31T15:30Z, Url
    // 2023-05-31T15:30Z.
    let site = Site::empty();
    write_hugo_link_posts(&site, "");
    site.build_ok(&[]);
    // By default: the day in the site's timezone (UTC), and the case kept.
    assert_eq!(
        rss_links(&site),
        [
            "https://example.com/Blog/2024/06/30/Offsetless/",
            "https://example.com/Blog/2024/03/11/EOY-Letter-2024/",
            "https://example.com/Blog/2024/03/01/Caf%C3%A9-%C3%89T%C3%89/",
            "https://example.com/Blog/2023/12/31/Late-Night/",
            "https://example.com/Special/My-Page/",
        ]
    );

    // Hugo's links, exactly as `hugo` wrote them for the same files: the
    // day in the date's own offset, the whole path made from the pattern
    // in lower case (its literal `Blog` too), a `url` kept as written.
    let site = Site::empty();
    write_hugo_link_posts(
        &site,
        "permalink_case = \"lower\"\npermalink_dates = \"own-offset\"",
    );
    site.build_ok(&[]);
    assert_eq!(
        rss_links(&site),
        [
            "https://example.com/blog/2024/06/30/offsetless/",
            "https://example.com/blog/2024/03/10/eoy-letter-2024/",
            "https://example.com/blog/2024/02/29/caf%C3%A9-%C3%A9t%C3%A9/",
            "https://example.com/blog/2024/01/01/late-night/",
            "https://example.com/Special/My-Page/",
        ]
    );
}

#[test]
fn hugo_lower_case_links_take_in_the_folders_too() {
    // Hugo's default links, `/posts/SECTION/NAME/`, as `hugo` wrote them
    // for `content/posts/Travel/Kyoto-Trip.md`: `/posts/travel/kyoto-trip/`.
    let site = Site::empty();
    site.write(
        "feed.toml",
        config_with("permalink = \"/posts/{path}/{slug}/\"\npermalink_case = \"lower\""),
    );
    site.write(
        "articles/Travel/Kyoto-Trip.md",
        "---\ntitle: Kyoto\ndate: 2024-01-01T00:30:00+09:00\n---\nBody.\n",
    );
    site.write(
        "articles/Late-Night.md",
        "---\ntitle: Late Night\ndate: 2023-01-01\n---\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        rss_links(&site),
        [
            "https://example.com/posts/travel/kyoto-trip/",
            "https://example.com/posts/late-night/",
        ]
    );
    // An unknown value is an error naming the key.
    site.write(
        "feed.toml",
        site.read("feed.toml")
            .replace("permalink_case = \"lower\"", "permalink_case = \"upper\""),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("permalink_case"), "{}", run.stderr);
}

#[test]
fn jekyll_categories_and_one_digit_months_and_days_in_links() {
    // Jekyll's `/:categories/:year/:i_month/:i_day/:title.html`: the
    // categories (`categories`, then `category`) lower-cased, each once,
    // joined by `/`, a space escaped; none at all leaves no `//`; `tags`
    // are not categories.
    let site = Site::empty();
    site.write(
        "feed.toml",
        config_with(
            "articles = \"_posts\"\npermalink = \"/{categories}/{year}/{i_month}/{i_day}/{slug}.html\"",
        ),
    );
    site.write(
        "_posts/2024-01-05-new-year.md",
        "---\ntitle: New year\ncategories: [News, Markets]\ntags: [Ignored]\n---\nBody.\n",
    );
    site.write(
        "_posts/2024-03-09-string-cats.md",
        "---\ntitle: String cats\ncategories: Tech tech Web\ncategory: Big Ideas\n---\nBody.\n",
    );
    site.write(
        "_posts/2024-11-20-no-cats.md",
        "---\ntitle: No cats\ntags: [Ignored]\n---\nBody.\n",
    );
    site.build_ok(&[]);
    assert_eq!(
        rss_links(&site),
        [
            "https://example.com/2024/11/20/no-cats.html",
            "https://example.com/tech/web/big%20ideas/2024/3/9/string-cats.html",
            "https://example.com/news/markets/2024/1/5/new-year.html",
        ]
    );
    // The categories are the items' categories too, as before, with the
    // tags first and the case as written.
    let categories: Vec<Vec<String>> = util::rss_items(&site.rss())
        .into_iter()
        .map(|item| item.categories)
        .collect();
    assert_eq!(
        categories,
        [
            strings(&["Ignored"]),
            strings(&["Tech", "tech", "Web", "Big Ideas"]),
            strings(&["Ignored", "News", "Markets"]),
        ]
    );
}

#[test]
fn html_posts_are_translated_by_file_name_as_markdown_ones_are() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        config_with("permalink = \"/{path}/{slug}/\"\n[feeds]\nlanguages = true"),
    );
    let post = |title: &str, date: &str| {
        format!("---\ntitle: {title}\ndate: {date}\n---\n<p>{title}.</p>\n")
    };
    site.write("articles/posts/note.md", post("Note", "2024-01-01"));
    // A layout named like a translation, with no front matter: left alone.
    site.write("articles/posts/note.fr.html", "<p>{{ .Content }}</p>\n");
    site.write("articles/posts/hello.html", post("Hello", "2024-01-02"));
    site.write(
        "articles/posts/hello.fr.html",
        post("Bonjour", "2024-01-02"),
    );
    site.write("articles/posts/trip/index.md", post("Trip", "2024-01-03"));
    site.write(
        "articles/posts/trip/index.fr.html",
        post("Voyage", "2024-01-03"),
    );
    // No original beside it: a page of its own, as `post.fr.md` would be.
    site.write("articles/posts/page.fr.html", post("Page", "2024-01-04"));
    let run = site.build_ok(&[]);
    assert!(run.stderr.contains("6 records read"), "{}", run.stderr);
    let titles_and_links = |feed: &str| -> Vec<(String, String)> {
        util::rss_items(&site.read(feed))
            .into_iter()
            .map(|item| (item.title, item.link))
            .collect()
    };
    let pairs = |rows: &[(&str, &str)]| -> Vec<(String, String)> {
        rows.iter()
            .map(|(title, link)| ((*title).to_string(), format!("https://example.com/{link}")))
            .collect()
    };
    assert_eq!(
        titles_and_links("public/rss.xml"),
        pairs(&[
            ("Page", "posts/page.fr/"),
            ("Trip", "posts/trip/"),
            ("Hello", "posts/hello/"),
            ("Note", "posts/note/"),
        ])
    );
    assert_eq!(
        titles_and_links("public/languages/fr/rss.xml"),
        pairs(&[("Voyage", "fr/posts/trip/"), ("Bonjour", "fr/posts/hello/")])
    );
}
