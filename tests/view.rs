//! The human view of the feeds: `feed.xsl` and the static HTML page, opened
//! as a person would open them. Headless Chromium loads `rss.xml`,
//! `atom.xml` and `index.html` from disk, and the tests read the page it
//! rendered (`--dump-dom`): headings, the newest titles as text, escaped
//! markup, autodiscovery links. A screenshot of each is left under
//! `target/tmp/view/` for a person to look at. `xsltproc`, a second XSLT
//! 1.0 processor, renders the feeds too, so the stylesheet stays checked
//! when browsers stop running XSLT.

mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use util::{Site, on_path};

/// The fixture's `feed.toml`, for the tests that change it.
fn config() -> String {
    std::fs::read_to_string(util::fixtures().join("view/feed.toml")).expect("fixture config")
}

/// The titles as a reader must see them, newest first.
const TITLES: [&str; 3] = [
    "Why the <b> tag matters & why it's bold",
    "</title><script>var pwned = 1</script>",
    "Ferries run late",
];

/// A site whose titles and summaries hold markup, `&`, `]]>` and a
/// `javascript:` link, with tag feeds (`tests/fixtures/view/`, which the
/// W3C script also builds and validates).
fn hostile_site() -> Site {
    Site::fixture("view")
}

/// The decoded text of each element `tag` whose content is text only
/// (what the views put in headings, links, `time` and `code`): a
/// serialised DOM writes a text `<` as `&lt;`, so `[^<]*` is all of it.
/// An element holding a value may take its direction from it
/// (`dir="auto"`).
fn texts(dom: &str, tag: &str, attributes: &str) -> Vec<String> {
    let pattern = format!(r#"<{tag}{attributes}(?: dir="auto")?>([^<]*)</{tag}>"#);
    regex::Regex::new(&pattern)
        .expect("pattern")
        .captures_iter(dom)
        .map(|found| {
            // An invisible word joiner keeps `</` from reading as markup
            // to feed validators; a reader sees nothing of it.
            html_escape::decode_html_entities(&found[1]).replace('\u{2060}', "")
        })
        .collect()
}

/// Fails unless `run` printed `text` on stderr.
#[track_caller]
fn said(run: &util::Run, text: &str) {
    assert!(run.stderr.contains(text), "no {text:?} in:\n{}", run.stderr);
}

/// The linked item titles, in order.
fn item_titles(dom: &str) -> Vec<String> {
    texts(
        dom,
        "a",
        r#" href="https://news\.example\.com/articles/[^"]*""#,
    )
}

/// What every view must show, whichever renders it: the site's title as
/// the one `h1`, section headings, the items newest first as linked text,
/// dates as `<time>`, summaries as text, and nothing taken from a title
/// or summary as markup.
fn assert_view(dom: &str, what: &str) {
    assert!(
        !dom.contains("xml-viewer-style") && !dom.contains("&lt;rss") && !dom.contains("<channel"),
        "{what}: raw XML shown:\n{dom}"
    );
    let h1 = texts(dom, "h1", "");
    assert_eq!(h1.len(), 1, "{what}: one h1:\n{dom}");
    assert!(h1[0].starts_with("Harbour & Co"), "{what}: {h1:?}");
    assert!(texts(dom, "h2", r"[^>]*").len() >= 2, "{what}: h2s:\n{dom}");
    assert_eq!(item_titles(dom), TITLES, "{what}:\n{dom}");
    assert!(
        dom.contains(r#"<time datetime="2026-09-20T10:00:00+00:00">20 Sep 2026</time>"#)
            && dom.contains(r#"<time datetime="2026-09-19T09:30:00+02:00">19 Sep 2026</time>"#),
        "{what}: dates as <time>:\n{dom}"
    );
    let summaries = texts(dom, "p", r#" class="summary""#);
    assert!(
        summaries.iter().any(|summary| summary
            == r#"A <b>summary</b> & more, ]]> and <a href="javascript:alert(1)">a link</a>."#),
        "{what}: summary as text: {summaries:?}"
    );
    // No element came from a title or summary: the page has no bold, no
    // script, no link but http(s).
    for element in ["<b>", "<b ", "<script", "<a href=\"javascript"] {
        assert!(!dom.contains(element), "{what}: {element} in\n{dom}");
    }
    // Readable on a phone, styled by itself: nothing is fetched.
    assert!(dom.contains(r#"name="viewport""#), "{what}: viewport");
    for outside in [
        "<img",
        "<iframe",
        "rel=\"stylesheet\"",
        "@import",
        "url(",
        " src=",
    ] {
        assert!(!dom.contains(outside), "{what}: {outside} in\n{dom}");
    }
}

/// Headless Chromium, as Debian installs it.
fn chromium() -> Option<&'static str> {
    ["chromium", "chromium-browser", "google-chrome"]
        .into_iter()
        .find(|name| on_path(name))
}

/// Runs Chromium headless on `url` with `extra` arguments; its stdout. A
/// fresh profile each time; no network of its own (it would hang on
/// refused connections), file pages may load their stylesheet, and XSLT
/// stays on where it is still there but off by default.
fn run_chromium(program: &str, extra: &[&str], url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile folder");
    let mut child = Command::new(program)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
            "--allow-file-access-from-files",
            "--enable-features=XSLT",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(extra)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    while child.try_wait().expect("wait for chromium").is_none() {
        if started.elapsed() > Duration::from_secs(90) {
            let _ = child.kill();
            panic!("chromium took over 90 s on {url} (a script dialog left open?)");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let output = child.wait_with_output().expect("chromium output");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn file_url(path: &Path) -> String {
    url::Url::from_file_path(path)
        .expect("absolute path")
        .to_string()
}

/// Where screenshots go: `target/tmp/view/`.
fn screenshot_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("view");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

fn screenshot(program: &str, page: &Path, name: &str) {
    let png = screenshot_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&png);
    run_chromium(
        program,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=800,1100",
        ],
        &file_url(page),
    );
    let bytes = std::fs::read(&png).unwrap_or_default();
    assert!(
        bytes.starts_with(b"\x89PNG"),
        "no screenshot of {name} at {}",
        png.display()
    );
}

#[test]
fn chromium_shows_the_feeds_and_the_page_as_pages() {
    let Some(program) = chromium() else {
        util::missing_tool("chromium");
        return;
    };
    let site = hostile_site();
    site.build_ok(&[]);
    let public = site.join("public");
    let page = run_chromium(
        program,
        &["--dump-dom"],
        &file_url(&public.join("index.html")),
    );
    assert_view(&page, "index.html");
    assert_page_lists_the_feeds(&page);
    screenshot(program, &public.join("index.html"), "index");
    for name in ["rss", "atom"] {
        let file = public.join(format!("{name}.xml"));
        let dom = run_chromium(program, &["--dump-dom"], &file_url(&file));
        if dom.contains("xml-viewer-style") {
            // Only a browser that no longer runs XSLT shows its XML tree
            // here; xsltproc checks the stylesheet below.
            util::skip_note(&format!(
                "this Chromium does not run XSLT: {name}.xml shows as XML; feed.xsl is checked by xsltproc"
            ));
            continue;
        }
        assert_view(&dom, &format!("{name}.xml"));
        let copy = texts(&dom, "code", "");
        assert_eq!(
            copy,
            [format!("https://news.example.com/{name}.xml")],
            "{name}: the URL to copy"
        );
        screenshot(program, &file, name);
    }
    // A tag's feed, two folders down, finds the stylesheet too.
    let tag = run_chromium(
        program,
        &["--dump-dom"],
        &file_url(&public.join("tags/markup/atom.xml")),
    );
    if !tag.contains("xml-viewer-style") {
        assert_eq!(
            texts(&tag, "code", ""),
            ["https://news.example.com/tags/markup/atom.xml"]
        );
        assert_eq!(item_titles(&tag), TITLES[..2]);
    }
}

/// The page's head announces the site's own feeds, and its body lists
/// every feed written, the tag feeds included, by relative links.
fn assert_page_lists_the_feeds(dom: &str) {
    let head = dom.split("</head>").next().unwrap_or_default();
    for (mime, file, format) in [
        ("application/rss+xml", "rss.xml", "RSS"),
        ("application/atom+xml", "atom.xml", "Atom"),
        ("application/feed+json", "feed.json", "JSON Feed"),
    ] {
        let link = format!(
            r#"<link rel="alternate" type="{mime}" title="Harbour &amp; Co ({format})" href="https://news.example.com/{file}">"#
        );
        assert!(head.contains(&link), "no {link} in\n{head}");
    }
    assert!(head.contains(r#"<html lang="en">"#) || dom.contains(r#"<html lang="en">"#));
    assert!(head.contains(r#"name="viewport""#), "{head}");
    for tag in ["ferries", "html-xml", "markup"] {
        for file in ["rss.xml", "atom.xml", "feed.json"] {
            let href = format!(r#"href="tags/{tag}/{file}""#);
            assert!(dom.contains(&href), "no {href} in\n{dom}");
        }
    }
    assert!(dom.contains(r#"href="feeds.opml""#), "{dom}");
    // The item in another language than the site's says so.
    assert!(dom.contains(r#"<li lang="pt">"#), "{dom}");
}

#[test]
fn xsltproc_renders_both_formats_with_the_stylesheet_they_name() {
    let site = hostile_site();
    site.build_ok(&[]);
    for feed in ["rss.xml", "atom.xml", "tags/markup/rss.xml"] {
        // No stylesheet given: xsltproc follows the feed's own
        // `xml-stylesheet` instruction, as a browser does.
        let Some(html) = xsltproc(&site, feed) else {
            return;
        };
        let expected = if feed.starts_with("tags/") {
            &TITLES[..2]
        } else {
            &TITLES[..]
        };
        assert_eq!(item_titles(&html), expected, "{feed}:\n{html}");
        if !feed.starts_with("tags/") {
            assert_view(&html, feed);
        }
        assert!(html.starts_with("<!DOCTYPE html"), "{feed}: {html}");
        assert!(html.contains(r#"<html lang="en">"#), "{feed}: {html}");
    }
}

/// The feeds' first lines: the declaration, then the instruction naming
/// the stylesheet by a path relative to the feed.
#[test]
fn every_rss_and_atom_file_names_the_stylesheet_relative_to_itself() {
    let site = hostile_site();
    site.build_ok(&[]);
    for (feed, href) in [
        ("rss.xml", "feed.xsl"),
        ("atom.xml", "feed.xsl"),
        ("tags/markup/rss.xml", "../../feed.xsl"),
        ("tags/html-xml/atom.xml", "../../feed.xsl"),
    ] {
        let text = site.read(&format!("public/{feed}"));
        let second = text.lines().nth(1).unwrap_or_default();
        assert_eq!(
            second,
            format!(r#"<?xml-stylesheet type="text/xsl" href="{href}"?>"#),
            "{feed}"
        );
        assert!(text.starts_with("<?xml version=\"1.0\""), "{feed}");
    }
    // JSON Feed has no such thing, and is unchanged.
    assert!(site.read("public/feed.json").starts_with('{'));
    let xsl = site.read("public/feed.xsl");
    assert!(xsl.contains(r#"<xsl:stylesheet version="1.0""#), "{xsl}");
    assert!(!xsl.contains("disable-output-escaping="));
    // Our own validator takes them as they are.
    let run = site.run(&["validate", "public"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    said(&run, "0 errors, 0 warnings");
}

/// A feed's path in `rss` may hold a folder: the stylesheet stays at the
/// top of the output folder, and the page's links follow.
#[test]
fn a_feed_in_a_subfolder_finds_the_stylesheet() {
    let site = hostile_site();
    site.write(
        "feed.toml",
        config().replace(
            "stylesheet = true",
            "stylesheet = true\nrss = \"feeds/main.xml\"",
        ),
    );
    site.build_ok(&[]);
    let text = site.read("public/feeds/main.xml");
    assert!(
        text.contains(r#"<?xml-stylesheet type="text/xsl" href="../feed.xsl"?>"#),
        "{text}"
    );
    assert!(
        site.read("public/tags/markup/feeds/main.xml")
            .contains(r#"href="../../../feed.xsl""#)
    );
    assert!(
        site.read("public/index.html")
            .contains(r#"<a href="feeds/main.xml">RSS</a>"#)
    );
}

/// Off by default: a site that asks for neither gets byte-identical feeds
/// to what it had, and turning both off removes both files in the next
/// build (they are in the manifest); `--check` reports each file.
#[test]
fn the_files_come_and_go_with_their_keys_and_check_covers_them() {
    let site = hostile_site();
    let off = config()
        .replace("stylesheet = true\n", "")
        .replace("html = \"index.html\"\n", "");
    site.write("feed.toml", &off);
    site.build_ok(&[]);
    let plain_rss = site.read("public/rss.xml");
    assert!(!plain_rss.contains("xml-stylesheet"));
    assert!(!site.exists("public/feed.xsl") && !site.exists("public/index.html"));

    site.write("feed.toml", config());
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    said(&check, "missing: [SITE]/public/feed.xsl");
    said(&check, "missing: [SITE]/public/index.html (3 items)");
    let run = site.build_ok(&[]);
    said(&run, "written: [SITE]/public/index.html (3 items)");
    let manifest = site.read("public/.feedwright-feeds");
    assert!(
        manifest.lines().any(|line| line == "feed.xsl"),
        "{manifest}"
    );
    assert!(
        manifest.lines().any(|line| line == "index.html"),
        "{manifest}"
    );
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 0, "{}", check.stderr);
    said(&check, "unchanged: [SITE]/public/feed.xsl");

    // A hand-edited page is stale, and the build puts it back.
    site.write(
        "public/index.html",
        site.read("public/index.html")
            .replace("Latest posts", "Edited"),
    );
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1);
    said(&check, "stale: [SITE]/public/index.html (3 items)\n");
    site.build_ok(&[]);
    assert!(
        site.read("public/index.html")
            .contains("<h1>Harbour &#38; Co</h1>")
    );

    // Renamed: the old page goes. Turned off: both go, the feeds lose
    // their instruction and are as they were.
    site.write("feed.toml", config().replace("index.html", "feeds.html"));
    let run = site.build_ok(&[]);
    said(&run, "removed: [SITE]/public/index.html");
    assert!(site.exists("public/feeds.html"));
    site.write("feed.toml", &off);
    let check = site.run(&["build", "--check"]);
    assert_eq!(check.code, 1);
    said(&check, "obsolete: [SITE]/public/feed.xsl");
    said(&check, "obsolete: [SITE]/public/feeds.html");
    let run = site.build_ok(&[]);
    said(&run, "removed: [SITE]/public/feed.xsl");
    assert!(!site.exists("public/feed.xsl") && !site.exists("public/feeds.html"));
    assert_eq!(site.read("public/rss.xml"), plain_rss);
}

/// A line added by hand to the manifest never removes a page feedwright
/// did not write, such as the site's own home page.
#[test]
fn a_page_of_the_users_own_is_never_removed() {
    let site = hostile_site();
    site.build_ok(&[]);
    site.write("public/home.html", "<!DOCTYPE html><title>Home</title>");
    site.write("public/nested/feed.xsl", "<xsl:stylesheet/>");
    // A copy of feedwright's own stylesheet, where it never writes one.
    site.write("public/tags/markup/feed.xsl", site.read("public/feed.xsl"));
    let mut manifest = site.read("public/.feedwright-feeds");
    manifest.push_str("home.html\nnested/feed.xsl\ntags/markup/feed.xsl\n");
    site.write("public/.feedwright-feeds", manifest);
    site.build_ok(&[]);
    assert!(site.exists("public/home.html"));
    assert!(site.exists("public/nested/feed.xsl"));
    assert!(site.exists("public/tags/markup/feed.xsl"));
}

/// The output folder is often the site's own: an `index.html` or
/// `feed.xsl` feedwright did not write is never replaced, and the build
/// writes nothing.
#[test]
fn a_file_of_the_users_own_is_never_replaced() {
    for (file, key) in [("index.html", "html"), ("feed.xsl", "stylesheet")] {
        let site = hostile_site();
        let own = "<!DOCTYPE html><title>My home page</title>\n";
        site.write(&format!("public/{file}"), own);
        for args in [&["build", "--check"][..], &["build"][..]] {
            let run = site.run(args);
            assert_eq!(run.code, 1, "{file} {args:?}: {}", run.stderr);
            said(
                &run,
                &format!(
                    "`{key}` would replace [SITE]/public/{file}, which feedwright did not write"
                ),
            );
        }
        assert_eq!(site.read(&format!("public/{file}")), own);
        assert!(!site.exists("public/rss.xml"), "nothing written");
    }
}

#[test]
fn the_page_name_follows_the_output_name_rules() {
    let site = hostile_site();
    // Each value as TOML writes it.
    for (value, message) in [
        (r#""../index.html""#, "`..` would leave the output folder"),
        (r#""/tmp/index.html""#, "not absolute"),
        (r#""rss.xml""#, "must end in .html or .htm"),
        (r#""page.txt""#, "must end in .html or .htm"),
        (r#""feed.xsl""#, "must end in .html or .htm"),
        (r#""a\u001bb.html""#, "control characters"),
        (
            r#"".feedwright-feeds""#,
            "feedwright's own list of extra feeds",
        ),
        (r#""pages/""#, "it must name a file"),
    ] {
        site.write(
            "feed.toml",
            config().replace("html = \"index.html\"", &format!("html = {value}")),
        );
        let run = site.build();
        assert_eq!(run.code, 2, "{value}: {}", run.stderr);
        assert!(
            run.stderr.contains("invalid `html`"),
            "{value}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(message), "{value}: {}", run.stderr);
    }
    // A name another output of the build takes.
    site.write(
        "feed.toml",
        config()
            .replace(
                "stylesheet = true",
                "stylesheet = true\nrss = \"home.html\"",
            )
            .replace("html = \"index.html\"", "html = \"home.html\""),
    );
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    said(&run, "another output of the build has that name");
    // One a tag's feed would be written over: nothing is written.
    site.write(
        "feed.toml",
        config()
            .replace("html = \"index.html\"", "html = \"tags/markup/atom.html\"")
            .replace(
                "formats = [\"rss\", \"atom\", \"json\"]",
                "formats = [\"rss\", \"atom\", \"json\"]\natom = \"atom.html\"",
            ),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    said(&run, "two outputs of this build would be written to");
    assert!(!site.exists("public/rss.xml"));
}

/// The page lists the main feed's newest items, 50 at most, however many
/// the feeds hold.
#[test]
fn the_page_shows_at_most_fifty_items() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        config()
            .replace("stylesheet = true\n", "limit = 0\n")
            .replace("[feeds]\ntags = true\n", ""),
    );
    // One a minute, "Day 1" the oldest.
    for day in 1..=60 {
        site.write(
            &format!("articles/day-{day:02}.md"),
            format!(
                "+++\ntitle = \"Day {day}\"\ndate = \"2026-07-01T08:{:02}:00+00:00\"\n+++\nText.\n",
                day - 1
            ),
        );
    }
    let run = site.build_ok(&[]);
    said(&run, "written: [SITE]/public/rss.xml (60 items)");
    said(&run, "written: [SITE]/public/index.html (50 items)");
    let page = site.read("public/index.html");
    let titles = item_titles(&page);
    assert_eq!(titles.len(), 50);
    assert_eq!(titles.first().map(String::as_str), Some("Day 60"));
    assert_eq!(titles.last().map(String::as_str), Some("Day 11"));
    assert!(!page.contains("feeds.opml"), "no [feeds], no list of them");
}

/// Runs xsltproc on `feed` (following its own `xml-stylesheet`
/// instruction); the HTML, or `None` with a note when xsltproc is missing.
fn xsltproc(site: &Site, feed: &str) -> Option<String> {
    if !on_path("xsltproc") {
        util::missing_tool("xsltproc");
        return None;
    }
    let output = Command::new("xsltproc")
        .arg(site.join(&format!("public/{feed}")))
        .stdin(Stdio::null())
        .output()
        .expect("run xsltproc");
    assert!(
        output.status.success(),
        "xsltproc on {feed}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    Some(String::from_utf8(output.stdout).expect("UTF-8"))
}

/// A `:` in an output's name is not portable (Windows refuses it) and in
/// the page's relative links reads as a URL scheme
/// (`href="javascript:alert(1).xml"`): a config error naming the key and
/// its line, from `check` as from `build`.
#[test]
fn an_output_name_with_a_colon_is_a_config_error() {
    let site = hostile_site();
    for (key, value) in [
        ("rss", "javascript:alert(1).xml"),
        ("atom", "feeds:main.xml"),
        ("json", "2025:feed.json"),
        ("html", "mailto:x.html"),
    ] {
        let config = if key == "html" {
            config().replace("html = \"index.html\"", &format!("html = {value:?}"))
        } else {
            config().replace(
                "stylesheet = true\n",
                &format!("stylesheet = true\n{key} = {value:?}\n"),
            )
        };
        let line = config
            .lines()
            .position(|line| line.starts_with(&format!("{key} =")))
            .expect("the key's line")
            + 1;
        site.write("feed.toml", &config);
        for command in ["check", "build"] {
            let run = site.run(&[command]);
            assert_eq!(run.code, 2, "{key} {command}: {}", run.stderr);
            said(
                &run,
                &format!(
                    "feed.toml:{line}: error: invalid `{key}` {value:?}: it must not contain `:`"
                ),
            );
        }
        assert!(!site.exists("public/index.html"), "nothing written");
    }
}

/// libxslt stops a transform past 3000 nested calls, and the view was
/// blank when a summary held ~1,000 escapes: the view now shows the first
/// 600 characters of a summary, then `…`, whatever it holds, and never
/// half an escape.
#[test]
fn a_summary_of_thousands_of_escapes_still_renders() {
    let site = hostile_site();
    let summary = format!("Note {}", "R&D ".repeat(5_000));
    site.write(
        "articles/long.md",
        format!(
            "+++\ntitle = \"Long summary\"\ndate = \"2026-09-21T08:00:00+00:00\"\nsummary = {summary:?}\n+++\nText.\n"
        ),
    );
    site.build_ok(&[]);
    // 600 escaped characters: "Note ", 74 × "R&amp;D ", then "R&a" cut.
    let shown = format!("Note {}R…", "R&D ".repeat(74));
    let mut expected = vec!["Long summary".to_string()];
    expected.extend(TITLES.iter().map(ToString::to_string));
    let check = |html: &str, what: &str| {
        assert_eq!(item_titles(html), expected, "{what}");
        let summaries = texts(html, "p", r#" class="summary""#);
        assert_eq!(summaries.first(), Some(&shown), "{what}");
    };
    if let Some(html) = xsltproc(&site, "rss.xml") {
        check(&html, "xsltproc rss.xml");
    }
    let Some(program) = chromium() else {
        util::missing_tool("chromium");
        return;
    };
    let dom = run_chromium(
        program,
        &["--dump-dom"],
        &file_url(&site.join("public/rss.xml")),
    );
    if dom.contains("xml-viewer-style") {
        util::skip_note("this Chromium does not run XSLT: checked by xsltproc only");
    } else {
        check(&dom, "chromium rss.xml");
    }
}

/// An edited post shows when it was published in every view, as the RSS
/// view and the page do: feedwright writes `updated` before `published`,
/// and the Atom view took the first.
#[test]
fn the_atom_view_shows_the_publication_date() {
    let site = hostile_site();
    site.write(
        "articles/edited.md",
        "+++\ntitle = \"Edited later\"\ndate = \"2026-09-21T08:00:00+00:00\"\nupdated = \"2026-10-15T09:00:00+00:00\"\n+++\nText.\n",
    );
    site.build_ok(&[]);
    let published = r#"<time datetime="2026-09-21T08:00:00+00:00">21 Sep 2026</time>"#;
    assert!(site.read("public/index.html").contains(published));
    for feed in ["atom.xml", "rss.xml"] {
        let Some(html) = xsltproc(&site, feed) else {
            return;
        };
        let times: Vec<&str> = html.matches("<time").collect();
        assert_eq!(times.len(), 4, "{feed}:\n{html}");
        if feed == "atom.xml" {
            assert!(html.contains(published), "{feed}:\n{html}");
        } else {
            assert!(html.contains("21 Sep 2026</time>"), "{feed}:\n{html}");
        }
        assert!(!html.contains("15 Oct 2026"), "{feed}:\n{html}");
    }
}

/// Only RSS and Atom can name a stylesheet: with JSON Feed alone,
/// `stylesheet = true` writes no feed.xsl (nor blocks on one of the
/// user's own) and says so once, naming the key.
#[test]
fn a_stylesheet_with_no_rss_or_atom_feed_is_not_written() {
    let site = hostile_site();
    site.write(
        "feed.toml",
        config().replace(
            "formats = [\"rss\", \"atom\", \"json\"]",
            "formats = [\"json\"]",
        ),
    );
    let own = "<xsl:stylesheet/>\n";
    site.write("public/feed.xsl", own);
    for args in [&["check"][..], &["build", "--check"][..], &["build"][..]] {
        let run = site.run(args);
        assert_ne!(run.code, 2, "{args:?}: {}", run.stderr);
        let warnings = run.warnings();
        let about: Vec<_> = warnings
            .iter()
            .filter(|line| line.contains("stylesheet"))
            .collect();
        assert_eq!(about.len(), 1, "{args:?}: {}", run.stderr);
        said(
            &run,
            "feed.toml:6: warning: `stylesheet = true` does nothing: no RSS or Atom feed is written",
        );
    }
    assert_eq!(site.read("public/feed.xsl"), own);
    assert!(site.exists("public/feed.json") && site.exists("public/index.html"));
    assert!(!site.read("public/.feedwright-feeds").contains("feed.xsl"));
}

/// An output whose path lies inside another's (`html =
/// "rss.xml/index.html"`) could never be written: a config error naming
/// both keys, from `check` too, not an I/O error at write time. The same
/// for a feed named like the stylesheet or the list of feeds.
#[test]
fn an_output_inside_another_outputs_path_is_a_config_error() {
    let site = hostile_site();
    for (change, line, message) in [
        (
            ("html = \"index.html\"", "html = \"rss.xml/index.html\""),
            7,
            r#"invalid `html` "rss.xml/index.html": it would lie inside "rss.xml", the file `rss` writes"#,
        ),
        (
            ("html = \"index.html\"", "html = \"feed.xsl/index.html\""),
            7,
            r#"invalid `html` "feed.xsl/index.html": it would lie inside "feed.xsl", the file `stylesheet` writes"#,
        ),
        (
            ("html = \"index.html\"", "html = \"feeds.opml/index.html\""),
            7,
            r#"invalid `html` "feeds.opml/index.html": it would lie inside "feeds.opml", the file `feeds` writes"#,
        ),
        (
            (
                "stylesheet = true",
                "stylesheet = true\natom = \"rss.xml/atom.xml\"",
            ),
            7,
            r#"invalid `atom` "rss.xml/atom.xml": it would lie inside "rss.xml", the file `rss` writes"#,
        ),
        (
            ("stylesheet = true", "stylesheet = true\nrss = \"feed.xsl\""),
            7,
            r#"invalid `rss` "feed.xsl": `stylesheet = true` writes the stylesheet there"#,
        ),
        (
            (
                "stylesheet = true",
                "stylesheet = true\njson = \"feeds.opml\"",
            ),
            7,
            r#"invalid `json` "feeds.opml": `[feeds]` writes the list of every feed (OPML) there"#,
        ),
    ] {
        site.write("feed.toml", config().replace(change.0, change.1));
        for command in ["check", "build"] {
            let run = site.run(&[command]);
            assert_eq!(run.code, 2, "{change:?} {command}: {}", run.stderr);
            said(&run, &format!("feed.toml:{line}: error: {message}"));
        }
        assert!(!site.exists("public/rss.xml"), "nothing written");
    }
    // Inside a tag's feed, known only once the records are read: an error
    // of the build naming both paths, and nothing written.
    site.write(
        "feed.toml",
        config().replace(
            "html = \"index.html\"",
            "html = \"tags/markup/rss.xml/index.html\"",
        ),
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    said(
        &run,
        "error: an output of this build would be written to [SITE]/public/tags/markup/rss.xml/index.html, inside [SITE]/public/tags/markup/rss.xml",
    );
    assert!(!site.exists("public/rss.xml"), "nothing written");
}

/// A bidi control in a value (an unclosed RIGHT-TO-LEFT OVERRIDE in a
/// tag) ends with the value: the page's inline titles are in `<bdi>`,
/// `<title>`s hold the value between FSI and PDI. A right-to-left item or
/// site is laid out right to left, in the page and in feed.xsl.
#[test]
fn values_are_isolated_and_right_to_left_languages_run_right_to_left() {
    let site = hostile_site();
    site.write(
        "articles/arabic.md",
        "+++\ntitle = \"مقال أصلي (2025)\"\ndate = \"2026-09-21T08:00:00+00:00\"\nlanguage = \"ar\"\ntags = [\"\u{202E}speed\"]\n+++\nنص عربي.\n",
    );
    site.build_ok(&[]);
    let page = site.read("public/index.html");
    assert!(
        page.contains("<title>\u{2068}Harbour &#38; Co\u{2069}: feeds</title>"),
        "{page}"
    );
    assert!(
        page.contains("\u{202E}speed</bdi>: <a href=\"tags/speed/rss.xml\">RSS</a>"),
        "{page}"
    );
    assert!(page.contains("<li><bdi>Harbour &#38; Co</bdi>: <a href=\"rss.xml\">RSS</a>"));
    assert!(page.contains(r#"<li lang="ar" dir="rtl">"#), "{page}");
    assert!(page.contains(r#"<li lang="pt">"#), "{page}");
    assert!(page.contains(r#"<html lang="en">"#), "{page}");
    if let Some(atom) = xsltproc(&site, "atom.xml") {
        assert!(
            atom.contains("<title>\u{2068}Harbour &amp; Co\u{2069} (Atom feed)</title>"),
            "{atom}"
        );
        assert!(atom.contains(r#"<li lang="ar" dir="rtl">"#), "{atom}");
        assert!(atom.contains(r#"<li lang="pt" dir="ltr">"#), "{atom}");
        assert!(atom.contains(r#"<html lang="en">"#), "{atom}");
    }
    // An RSS item names no language: its title and summary take their
    // direction from their own text.
    if let Some(rss) = xsltproc(&site, "rss.xml") {
        assert!(
            rss.contains(r#"<h3 dir="auto"><a href="https://news.example.com/articles/arabic/">مقال أصلي (2025)</a></h3>"#),
            "{rss}"
        );
        assert!(
            rss.contains(r#"<p class="summary" dir="auto">نص عربي.</p>"#),
            "{rss}"
        );
    }
    assert!(
        page.contains(r#"<p class="summary" dir="auto">نص عربي.</p>"#),
        "{page}"
    );

    // A site in Arabic, Persian or Hebrew is right to left throughout.
    for language in ["ar", "fa-IR", "he"] {
        site.write(
            "feed.toml",
            config().replace("language = \"en\"", &format!("language = {language:?}")),
        );
        site.build_ok(&[]);
        let html = format!(r#"<html lang="{language}" dir="rtl">"#);
        let page = site.read("public/index.html");
        assert!(page.contains(&html), "{page}");
        for feed in ["rss.xml", "atom.xml"] {
            let Some(view) = xsltproc(&site, feed) else {
                return;
            };
            assert!(view.contains(&html), "{feed}: {view}");
        }
    }
}

/// The stylesheet holds no items, and a page being removed is not read:
/// their report lines give no count ("(0 items)" said nothing true). A
/// feed that differs only by its `xml-stylesheet` instruction says so.
#[test]
fn the_report_counts_no_items_in_the_stylesheet() {
    let site = hostile_site();
    let run = site.build_ok(&[]);
    said(&run, "written: [SITE]/public/feed.xsl\n");
    said(&run, "written: [SITE]/public/index.html (3 items)\n");
    site.write(
        "feed.toml",
        config()
            .replace("stylesheet = true\n", "")
            .replace("html = \"index.html\"\n", ""),
    );
    let check = site.run(&["build", "--check"]);
    said(&check, "obsolete: [SITE]/public/feed.xsl\n");
    said(&check, "obsolete: [SITE]/public/index.html\n");
    // Only the instruction naming the stylesheet goes: said as such.
    said(
        &check,
        "stale: [SITE]/public/rss.xml (3 items): items unchanged; stylesheet instruction removed\n",
    );
    said(
        &check,
        "stale: [SITE]/public/tags/markup/atom.xml (2 items): items unchanged; stylesheet instruction removed\n",
    );
    let run = site.build_ok(&[]);
    said(&run, "removed: [SITE]/public/feed.xsl\n");
    said(&run, "removed: [SITE]/public/index.html\n");
}
