//! Reliability (issue 6): bad input of every kind gets a located message
//! and an exit code, never a panic, a hang, a write outside the output
//! folder, or a broken feed; property tests over generated records; and a
//! build killed at random moments never leaves half a feed.
//!
//! Fixture sites live in `tests/fixtures/bad/<case>/`; cases that need
//! symlinks, binary bytes or huge files are built in the test.

mod util;

use clap::Parser as _;
use proptest::prelude::*;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use util::{Site, atom_items, rss_items, titles};

// ---------------------------------------------------------------------
// Helpers

fn bad(case: &str) -> Site {
    Site::fixture(&format!("bad/{case}"))
}

/// Both feeds of a site, checked: well-formed XML (roxmltree is strict
/// about characters XML cannot hold), read back by feed-rs.
fn feeds(site: &Site) -> (String, String) {
    let rss = site.rss();
    let atom = site.atom();
    well_formed(&rss, "rss.xml");
    well_formed(&atom, "atom.xml");
    (rss, atom)
}

fn well_formed(xml: &str, name: &str) {
    if let Err(error) = roxmltree::Document::parse(xml) {
        panic!("{name} is not well-formed XML: {error}\n{xml}");
    }
    if let Err(error) = feed_rs::parser::parse(xml.as_bytes()) {
        panic!("feed-rs cannot read {name}: {error}\n{xml}");
    }
}

/// Control characters that must never reach a feed: C0 but tab, LF and
/// CR; DEL; C1; and the noncharacters U+FFFE and U+FFFF.
fn forbidden(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || matches!(c, '\u{fffe}' | '\u{ffff}')
}

/// The forbidden characters in `text`, as `U+XXXX`, each once, in order.
fn forbidden_chars(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    for c in text.chars().filter(|&c| forbidden(c)) {
        let code = format!("U+{:04X}", u32::from(c));
        if !found.contains(&code) {
            found.push(code);
        }
    }
    found
}

/// Asserts a failed build touched nothing: no output folder at all.
fn nothing_written(site: &Site) {
    assert!(!site.exists("public"), "a failed build created public/");
}

/// Every file below `dir`, relative, sorted (symlinks not followed).
fn tree(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let kind = entry.file_type().expect("file type");
            if kind.is_dir() {
                stack.push(path.clone());
            }
            out.push(
                path.strip_prefix(dir)
                    .expect("inside")
                    .display()
                    .to_string(),
            );
        }
    }
    out.sort();
    out
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|out| String::from_utf8_lossy(&out.stdout).trim() == "0")
}

// ---------------------------------------------------------------------
// 1. Bad inputs, one fixture site per case

#[test]
fn invalid_toml_in_front_matter() {
    let site = bad("invalid-toml");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/articles/broken.md:4:") && run.stderr.contains("invalid TOML"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    insta::assert_snapshot!("invalid_toml", run.stderr);
}

#[test]
fn empty_title() {
    let site = bad("empty-title");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
    for file in ["blank.md", "empty.md"] {
        assert!(
            run.stderr.contains(&format!(
                "[SITE]/articles/{file}:2: error: `title` is empty"
            )) || run.stderr.contains(&format!(
                "[SITE]/articles/{file}:1: error: `title` is empty"
            )),
            "{file}: {}",
            run.stderr
        );
    }
    nothing_written(&site);
    insta::assert_snapshot!("empty_title", run.stderr);
}

#[test]
fn missing_title() {
    let site = bad("missing-title");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for file in ["blank.txt", "untitled.md", "untitled.txt"] {
        assert!(
            run.stderr
                .contains(&format!("[SITE]/articles/{file}:1: error: missing")),
            "{file}: {}",
            run.stderr
        );
    }
    nothing_written(&site);
    insta::assert_snapshot!("missing_title", run.stderr);
}

#[test]
fn missing_date() {
    let site = bad("missing-date");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    // The contract changed in December 2026: a Markdown file with no date
    // is a page, left out with a warning; a plain-text record with no
    // publish date is still an error.
    assert!(
        run.stderr.contains(
            "[SITE]/articles/undated.md: warning: 1 Markdown file with no date (pages, not posts) left out of the feeds: [SITE]/articles/undated.md"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[SITE]/articles/undated.txt:1: error: missing publish date"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    insta::assert_snapshot!("missing_date", run.stderr);
}

#[test]
fn unreadable_dates_quote_the_text() {
    let site = bad("unreadable-dates");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    for (at, text) in [
        ("a-typo.md:3:", "31 Septembar 2025"),
        ("b-numeric.md:3:", "09/01/2025"),
        ("c-out-of-range.md:3:", "2025-02-30"),
        ("c-out-of-range.md:4:", "2025-13-01"),
        ("d-words.txt:2:", "sometime next week"),
        ("e-not-a-string.md:3:", "date"),
        ("f-dst-gap.md:3:", "2025-03-30 01:30"),
    ] {
        let line = run
            .errors()
            .into_iter()
            .find(|line| line.starts_with(&format!("[SITE]/articles/{at}")))
            .unwrap_or_else(|| panic!("no error at {at}:\n{}", run.stderr))
            .to_string();
        assert!(line.contains(text), "{at} should quote {text:?}: {line}");
    }
    nothing_written(&site);
    insta::assert_snapshot!("unreadable_dates", run.stderr);
}

#[test]
fn non_utf8_names_byte_offset_and_line() {
    let site = bad("base");
    // 0xE9 (Latin-1 é) on line 2 at byte offset 16; a lone continuation
    // byte on line 4 of a plain-text record at offset 28.
    site.write(
        "articles/latin1.md",
        b"+++\ntitle = \"Caf\xe9 Reopens\"\ndate = \"2025-09-01\"\n+++\nBody.\n",
    );
    site.write(
        "articles/stray.txt",
        b"Stray Byte\nPublish date: 1 Sep 2025\n\nBody \x80 text.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let has = |text: &str| assert!(run.stderr.contains(text), "no {text:?} in\n{}", run.stderr);
    has("[SITE]/articles/latin1.md:2:");
    has("byte offset 16");
    has("[SITE]/articles/stray.txt:4:");
    has("byte offset 42");
    assert_eq!(run.errors().len(), 2, "{}", run.stderr);
    nothing_written(&site);
    insta::assert_snapshot!("non_utf8", run.stderr);
}

#[test]
fn byte_order_mark_builds() {
    let site = bad("bom");
    assert_eq!(site.read_bytes("articles/bom.md")[..3], [0xEF, 0xBB, 0xBF]);
    let run = site.build_ok(&[]);
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    let (rss, atom) = feeds(&site);
    assert!(!rss.contains('\u{feff}') && !atom.contains('\u{feff}'));
    let atom = atom_items(&atom);
    assert_eq!(titles(&atom), ["Plain With a BOM", "Byte-Order Mark"]);
    assert_eq!(titles(&rss_items(&rss)), titles(&atom));
}

#[test]
fn crlf_builds_the_same_feeds_as_lf() {
    let lf = bad("crlf");
    lf.build_ok(&[]);
    let crlf = bad("crlf");
    for file in ["articles/lines.md", "articles/lines-plain.txt"] {
        let text = crlf.read(file);
        assert!(!text.contains('\r'));
        crlf.write(file, text.replace('\n', "\r\n"));
    }
    let run = crlf.build_ok(&[]);
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    feeds(&crlf);
    assert_eq!(
        crlf.read_bytes("public/rss.xml"),
        lf.read_bytes("public/rss.xml")
    );
    assert_eq!(
        crlf.read_bytes("public/atom.xml"),
        lf.read_bytes("public/atom.xml")
    );
    assert!(!crlf.rss().contains('\r'));
}

/// Every C0 control but tab/LF/CR, DEL, C1 (NEL among them) and the
/// noncharacters U+FFFE/U+FFFF.
fn control_chars() -> String {
    (0u32..0x20)
        .filter(|c| !matches!(c, 0x09 | 0x0A | 0x0D))
        .chain(0x7F..=0x9F)
        .chain([0xFFFE, 0xFFFF])
        .filter_map(char::from_u32)
        .collect()
}

/// TOML basic string: every control character escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn control_char_site() -> Site {
    let site = bad("base");
    let ctl = control_chars();
    site.write(
        "articles/controls.md",
        format!(
            "+++\ntitle = {}\ndate = \"2025-09-01\"\ntags = [{}]\nauthors = [{}, {{ name = {} }}]\nsummary = {}\n+++\nBody {ctl} end.\n\n`code {ctl}`\n",
            toml_string(&format!("Title{ctl}Text")),
            toml_string(&format!("tag{ctl}x")),
            toml_string(&format!("Ana{ctl}Ribeiro")),
            toml_string(&format!("Tom{ctl}Leal")),
            toml_string(&format!("Summary{ctl}here")),
        ),
    );
    site.write(
        "articles/controls-plain.txt",
        format!(
            "Plain{ctl}Title\nPublish date: 2 September 2025\nAuthor: Rita{ctl}Gomes\nTags: t{ctl}u, v\n\nBody{ctl}text.\n\n• item{ctl}\n"
        ),
    );
    site
}

#[test]
fn control_characters_in_every_field_keep_feeds_well_formed() {
    let site = control_char_site();
    let run = site.build_ok(&[]);
    let (rss, atom) = feeds(&site);
    let atom = atom_items(&atom);
    assert_eq!(atom.len(), 3, "{}", run.stderr);
    assert_eq!(rss_items(&rss).len(), 3);
}

#[test]
fn control_characters_in_every_field_are_removed() {
    let site = control_char_site();
    site.build_ok(&[]);
    let (rss, atom) = feeds(&site);
    let mut problems = Vec::new();
    for (name, xml) in [("rss.xml", &rss), ("atom.xml", &atom)] {
        for (number, line) in xml.lines().enumerate() {
            let found = forbidden_chars(line);
            if !found.is_empty() {
                let start: String = line
                    .trim_start()
                    .chars()
                    .take_while(|&c| !forbidden(c))
                    .take(30)
                    .collect();
                problems.push(format!(
                    "{name}:{}: {start}… holds {} ({})",
                    number + 1,
                    found.len(),
                    found.join(" ")
                ));
            }
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn cdata_end_marker_in_titles_and_bodies() {
    let site = bad("cdata");
    site.build_ok(&[]);
    let (rss, atom) = feeds(&site);
    let rss_list = rss_items(&rss);
    let atom_list = atom_items(&atom);
    assert_eq!(titles(&atom_list), ["Plain ]]> Title", "Ends ]]> Here"]);
    assert_eq!(titles(&rss_list), titles(&atom_list));
    for item in rss_list.iter().chain(&atom_list) {
        // The HTML carries the marker's text escaped, so a reader shows `]]>`.
        assert!(item.content.contains("]]&gt;"), "{}", item.content);
    }
}

#[test]
fn ten_megabyte_record() {
    let site = bad("base");
    let paragraph = "The harbour master read the tide tables aloud, line by line, to the crews waiting on the quay. ";
    let mut body = String::with_capacity(10 << 20);
    body.push_str("+++\ntitle = \"The Longest Report\"\ndate = \"2025-09-02\"\n+++\n");
    while body.len() < 10 << 20 {
        body.push_str(&paragraph.repeat(10));
        body.push_str("\n\n");
    }
    site.write("articles/huge.md", &body);
    let started = Instant::now();
    let run = site.build();
    let took = started.elapsed();
    println!("10 MB record built in {took:?}: exit {}", run.code);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (rss, atom) = feeds(&site);
    assert!(rss.len() > 10 << 20 && atom.len() > 10 << 20);
    assert_eq!(titles(&atom_items(&atom))[0], "The Longest Report");
}

#[test]
fn one_byte_and_empty_records() {
    let site = bad("one-byte");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("[SITE]/articles/x.md:1: error: "));
    assert!(run.stderr.contains("[SITE]/articles/y.txt:1: error: "));
    // And an empty (zero-byte) file beside them.
    assert!(run.stderr.contains("[SITE]/articles/zero.md:1: error: "));
    nothing_written(&site);
    insta::assert_snapshot!("one_byte", run.stderr);
}

#[test]
fn empty_articles_folder_gives_valid_empty_feeds() {
    let site = bad("empty-articles");
    let run = site.build_ok(&[]);
    let (rss, atom) = feeds(&site);
    assert!(rss_items(&rss).is_empty() && atom_items(&atom).is_empty());
    assert!(!rss.contains("<lastBuildDate>"));
    assert!(atom.contains("<updated>2000-01-01T00:00:00+00:00</updated>"));
    insta::assert_snapshot!("empty_articles", run.stderr);
}

#[test]
fn duplicate_slugs_and_ids_name_both_files() {
    let site = bad("duplicates");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    let slug = errors
        .iter()
        .find(|e| e.contains("duplicate slug \"harbour\""))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(slug.contains("2025-09-01-harbour.md") && slug.contains("archive/harbour.txt"));
    let id = errors
        .iter()
        .find(|e| e.contains("duplicate id"))
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(id.contains("id-a.md") && id.contains("id-b.md"), "{id}");
    nothing_written(&site);
    insta::assert_snapshot!("duplicates", run.stderr);
}

#[test]
fn slug_that_climbs_or_is_absolute_is_refused() {
    let site = bad("slug-escape");
    let before = tree(site.path());
    let beside = site.path().parent().expect("parent").join("x");
    let beside_existed = beside.exists();
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[SITE]/articles/climb.md:4: error: the slug \"../x\""),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("[SITE]/articles/absolute.md:4: error: the slug \"/etc/passwd\""),
        "{}",
        run.stderr
    );
    // Nothing written anywhere: the site's tree is as it was.
    assert_eq!(tree(site.path()), before);
    assert_eq!(beside.exists(), beside_existed);
    insta::assert_snapshot!("slug_escape", run.stderr);
}

// Until December 2026 such a link was followed and built; the SPEC's
// hardening section now forbids symlinks that leave the articles folder.
#[cfg(unix)]
#[test]
fn symlink_to_a_record_outside_the_site_is_an_error() {
    let outside = Site::empty();
    outside.write(
        "elsewhere.md",
        "+++\ntitle = \"Shared From Elsewhere\"\ndate = \"2025-09-03\"\n+++\nKept in another folder.\n",
    );
    let site = bad("base");
    std::os::unix::fs::symlink(
        outside.join("elsewhere.md"),
        site.join("articles/linked.md"),
    )
    .expect("symlink");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[SITE]/articles/linked.md: error: symlink leads outside the articles folder"
        ),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("Kept in another folder"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    // The outside folder was not touched.
    assert_eq!(tree(outside.path()), ["elsewhere.md"]);
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_naming_the_path() {
    let site = bad("base");
    std::fs::create_dir(site.join("articles/desk")).expect("folder");
    std::os::unix::fs::symlink(site.join("articles"), site.join("articles/desk/back"))
        .expect("symlink");
    let started = Instant::now();
    let run = site.build();
    assert!(started.elapsed() < Duration::from_secs(20), "too slow");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[SITE]/articles/desk/back: error: symlink loop"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    insta::assert_snapshot!("symlink_loop", run.stderr);
}

#[cfg(unix)]
#[test]
fn dangling_symlink_is_an_error_naming_the_path() {
    let site = bad("base");
    std::os::unix::fs::symlink(site.join("nowhere.md"), site.join("articles/gone.md"))
        .expect("symlink");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/articles/gone.md"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_an_error_naming_the_path() {
    use std::os::unix::fs::PermissionsExt;
    if is_root() {
        util::skip_note(
            "unreadable_file_is_an_error_naming_the_path: running as root, chmod 000 does not stop reading",
        );
        return;
    }
    let site = bad("base");
    site.write(
        "articles/locked.md",
        "+++\ntitle = \"Locked\"\ndate = \"2025-09-01\"\n+++\nBody.\n",
    );
    let path = site.join("articles/locked.md");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    let run = site.build();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[SITE]/articles/locked.md: error: cannot read"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
}

#[cfg(unix)]
#[test]
fn symlinked_output_subfolder_leading_outside_is_refused() {
    let outside = Site::empty();
    let site = bad("base");
    let config = site.read("feed.toml");
    site.write(
        "feed.toml",
        config.replace("[author]", "rss = \"feeds/rss.xml\"\n\n[author]"),
    );
    std::fs::create_dir(site.join("public")).expect("public");
    std::os::unix::fs::symlink(outside.path(), site.join("public/feeds")).expect("symlink");
    let run = site.build();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/public/feeds/rss.xml") && run.stderr.contains("outside"),
        "{}",
        run.stderr
    );
    assert!(
        tree(outside.path()).is_empty(),
        "{:?}",
        tree(outside.path())
    );
}

// Until December 2026 an output folder inside the articles folder was
// accepted; the SPEC's hardening section now makes it a config error.
#[test]
fn output_inside_articles_is_a_config_error() {
    let site = bad("output-in-articles");
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/feed.toml:") && run.stderr.contains("`output`"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("inside the articles folder"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("articles/public"));
}

#[test]
fn output_at_an_existing_file_is_a_config_error() {
    let site = bad("output-is-file");
    let run = site.build();
    assert_eq!(site.read("existing.txt"), "not a folder\n");
    assert!(run.stderr.contains("[SITE]/existing.txt"), "{}", run.stderr);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("[SITE]/feed.toml:"), "{}", run.stderr);
}

#[test]
fn output_at_an_existing_file_is_left_alone() {
    let site = bad("output-is-file");
    let run = site.build();
    assert_ne!(run.code, 0, "{}", run.stderr);
    assert_eq!(site.read("existing.txt"), "not a folder\n");
    assert!(run.stderr.contains("[SITE]/existing.txt"), "{}", run.stderr);
    insta::assert_snapshot!("output_is_file", run.stderr);
}

#[test]
fn base_url_without_scheme() {
    let site = bad("base-url-no-scheme");
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/feed.toml:2: error: ") && run.stderr.contains("no scheme"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    insta::assert_snapshot!("base_url_no_scheme", run.stderr);
}

#[test]
fn unknown_key_in_feed_toml_is_an_error() {
    let site = bad("unknown-key-config");
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/feed.toml:5") && run.stderr.contains("`colour`"),
        "{}",
        run.stderr
    );
    nothing_written(&site);
    insta::assert_snapshot!("unknown_key_config", run.stderr);
}

#[test]
fn unknown_key_in_front_matter_warns_and_fails_under_strict() {
    let site = bad("unknown-key-frontmatter");
    let strict = site.run(&["build", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("[SITE]/articles/quay.md:4"));
    nothing_written(&site);
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("[SITE]/articles/quay.md:4") && run.stderr.contains("`colour`"),
        "{}",
        run.stderr
    );
    feeds(&site);
    insta::assert_snapshot!("unknown_key_frontmatter", run.stderr);
}

/// Runs a build, killing it after `limit`: `None` when it did not finish.
fn build_within(site: &Site, limit: Duration) -> Option<(i32, String)> {
    let mut child = spawn_build(site);
    let started = Instant::now();
    while started.elapsed() < limit {
        if child.try_wait().expect("poll").is_some() {
            let output = child.wait_with_output().expect("output");
            let stderr = String::from_utf8_lossy(&output.stderr)
                .replace(&site.path().display().to_string(), "[SITE]");
            return Some((output.status.code().unwrap_or(-1), stderr));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let _ = child.kill();
    let _ = child.wait();
    None
}

#[test]
fn deeply_nested_markup_builds_in_bounded_time() {
    let depth = 20_000;
    for (name, body) in [
        ("quotes", format!("{} deep\n", ">".repeat(depth))),
        (
            "divs",
            format!("{}x{}\n", "<div>".repeat(depth), "</div>".repeat(depth)),
        ),
    ] {
        let site = bad("base");
        site.write(
            &format!("articles/{name}.md"),
            format!("+++\ntitle = \"Nested\"\ndate = \"2025-09-02\"\n+++\n{body}"),
        );
        // Linear work on 20–120 KB takes well under a second; refusing the
        // record with a located error about its depth would do too.
        let Some((code, stderr)) = build_within(&site, Duration::from_secs(10)) else {
            panic!("{name}: a build of {depth} nested elements did not finish in 10 s");
        };
        assert!(
            code == 0 || stderr.contains(&format!("[SITE]/articles/{name}.md:")),
            "{stderr}"
        );
    }
}

// ---------------------------------------------------------------------
// 2. Property tests through the library API

/// One generated record.
#[derive(Debug, Clone)]
struct GenRecord {
    markdown: bool,
    title: String,
    body: String,
    tags: Vec<String>,
    with_id: bool,
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ]{1,12}",
        2 => any::<char>().prop_map(|c| c.to_string()),
        1 => proptest::sample::select(vec![
            "]]>", "<", ">", "&", "&amp;", "<![CDATA[", "\"", "'", "\\",
            "שלום עולם", "مرحبا بالعالم", "\u{202e}", "\u{200f}", "日本語",
            "\u{0}", "\u{7}", "\u{1b}", "\u{7f}", "\u{85}", "\u{fffe}", "\u{ffff}",
            "\t", "\u{a0}", "*", "_", "#", "`", "[x](y)", "+++", "\n",
        ])
        .prop_map(str::to_string),
    ]
}

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 1..max).prop_map(|parts| parts.concat())
}

fn gen_record() -> impl Strategy<Value = GenRecord> {
    (
        any::<bool>(),
        text(8),
        text(20),
        proptest::collection::vec(text(4), 0..3),
        any::<bool>(),
    )
        .prop_map(|(markdown, title, body, tags, with_id)| GenRecord {
            markdown,
            title,
            body,
            tags,
            with_id,
        })
}

/// A title's letters: white space, control characters, U+FEFF, U+FFFD
/// (never written, by the SPEC's hardening rules) and U+2060 (put between
/// the `<` and `/` of a `</` in plain text, so that no validator reads an
/// end tag there) dropped.
/// (The two record forms differ in whether a control character inside a
/// title becomes a space or nothing, and a U+FEFF that starts a file is its
/// byte-order mark; the comparison ignores both.)
fn canon(text: &str) -> String {
    text.chars()
        .filter(|&c| {
            !(c.is_whitespace()
                || forbidden(c)
                || matches!(c, '\u{feff}' | '\u{fffd}' | '\u{2060}'))
        })
        .collect()
}

fn write_record(dir: &Path, index: usize, record: &GenRecord) {
    let date = format!("2025-09-{:02}T10:00:00Z", index + 1);
    let (name, contents) = if record.markdown {
        let mut front = format!(
            "+++\ntitle = {}\ndate = \"{date}\"\n",
            toml_string(&record.title)
        );
        if !record.tags.is_empty() {
            let tags: Vec<String> = record.tags.iter().map(|t| toml_string(t)).collect();
            let _ = writeln!(front, "tags = [{}]", tags.join(", "));
        }
        if record.with_id {
            let _ = writeln!(front, "id = \"tag:example.com,2025:r{index}\"");
        }
        (
            format!("r{index}.md"),
            format!("{front}+++\n{}\n", record.body),
        )
    } else {
        let title = record.title.replace(['\n', '\r'], " ");
        let mut head = format!("{title}\nPublish date: {date}\n");
        if !record.tags.is_empty() {
            let tags: Vec<String> = record
                .tags
                .iter()
                .map(|t| t.replace(['\n', '\r', ','], " "))
                .collect();
            let _ = writeln!(head, "Tags: {}", tags.join(", "));
        }
        (
            format!("r{index}.txt"),
            format!("{head}\n{}\n", record.body),
        )
    };
    std::fs::write(dir.join(name), contents).expect("write record");
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

fn check_generated_site(records: &[GenRecord]) -> Result<(), TestCaseError> {
    let site = Site::empty();
    site.write("feed.toml", format!("limit = 0\n{}", util::MINIMAL_CONFIG));
    std::fs::create_dir_all(site.join("articles")).expect("articles");
    for (index, record) in records.iter().enumerate() {
        write_record(&site.join("articles"), index, record);
    }
    let options = library_options(&site.join("feed.toml"));
    let report = match feedwright::build(&options, false) {
        Ok(report) => report,
        Err(feedwright::UsageError(problems)) => {
            return Err(TestCaseError::fail(format!("usage error: {problems:?}")));
        }
    };
    if report.has_errors() {
        // Located errors, and nothing written.
        for diagnostic in report.diagnostics.iter().filter(|d| d.is_error()) {
            prop_assert!(
                diagnostic.path.is_some() && diagnostic.line.is_some(),
                "unlocated error: {diagnostic}"
            );
        }
        prop_assert!(!site.exists("public"));
        return Ok(());
    }
    let (rss, atom) = feeds(&site);
    // The validator is the oracle: what was rendered breaks no rule. Two
    // warnings describe the generated text itself, not its rendering: a
    // title that literally reads `&amp;` (ContainsUndeclaredHTML, as at the
    // W3C service) and a body of only spaces (NotBlank).
    for file in ["public/rss.xml", "public/atom.xml"] {
        let findings: Vec<_> = feedwright::validate::check(Path::new(file), &site.read_bytes(file))
            .into_iter()
            .filter(|f| {
                !matches!(f.code, Some("ContainsUndeclaredHTML" | "NotBlank")) || f.is_error()
            })
            .collect();
        prop_assert!(findings.is_empty(), "{}: {:?}", file, findings);
    }
    let rss_list = rss_items(&rss);
    let atom_list = atom_items(&atom);
    prop_assert_eq!(rss_list.len(), records.len());
    prop_assert_eq!(atom_list.len(), records.len());
    // Newest first: record i is dated September i+1.
    for (position, index) in (0..records.len()).rev().enumerate() {
        let record = &records[index];
        let ext = if record.markdown { "md" } else { "txt" };
        let link = format!("https://example.com/articles/r{index}/");
        let id = if record.with_id && record.markdown {
            format!("tag:example.com,2025:r{index}")
        } else {
            link.clone()
        };
        for item in [&rss_list[position], &atom_list[position]] {
            prop_assert_eq!(
                canon(&item.title),
                canon(&record.title),
                "r{}.{}",
                index,
                ext
            );
            prop_assert_eq!(&item.link, &link);
            prop_assert_eq!(&item.id, &id);
        }
    }
    // A second build: byte-identical, and says so.
    let rss_bytes = site.read_bytes("public/rss.xml");
    let atom_bytes = site.read_bytes("public/atom.xml");
    let again = feedwright::build(&options, false).expect("second build");
    prop_assert!(!again.has_errors());
    prop_assert!(
        again
            .files
            .iter()
            .all(|f| f.status == feedwright::write::Status::Unchanged),
        "{:?}",
        again.files
    );
    prop_assert_eq!(site.read_bytes("public/rss.xml"), rss_bytes);
    prop_assert_eq!(site.read_bytes("public/atom.xml"), atom_bytes);
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
    fn generated_records_give_located_errors_or_sound_feeds(
        records in proptest::collection::vec(gen_record(), 1..=6)
    ) {
        check_generated_site(&records)?;
    }
}

// ---------------------------------------------------------------------
// 3. Crash safety

/// Records in the crash-test site: 600 by default (a debug build of them
/// takes about a second), `FEEDWRIGHT_CRASH_RECORDS=2000` for a larger one.
fn crash_records() -> usize {
    std::env::var("FEEDWRIGHT_CRASH_RECORDS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(600)
}

fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_feedwright"))
}

fn spawn_build(site: &Site) -> Child {
    Command::new(binary())
        .arg("--config")
        .arg(site.join("feed.toml"))
        .arg("--quiet")
        .arg("build")
        .env("SOURCE_DATE_EPOCH", util::EPOCH)
        .current_dir(site.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start feedwright")
}

fn write_large_site(site: &Site, edition: &str) {
    let count = crash_records();
    for index in 0..count {
        site.write(
            &format!("articles/story-{index:04}.md"),
            format!(
                "+++\ntitle = \"Story {index} ({edition} edition)\"\ndate = \"2025-{:02}-{:02}T{:02}:{:02}:00Z\"\ntags = [\"desk-{}\"]\n+++\nParagraph one of story {index}, {edition} edition, with a [link](../story-{:04}/).\n\nParagraph two says a little more about the harbour.\n",
                index % 12 + 1,
                index % 28 + 1,
                index % 24,
                index % 60,
                index % 7,
                (index + 1) % count
            ),
        );
    }
}

/// A tiny deterministic generator (xorshift); the seed is printed so a
/// failure can be replayed with `FEEDWRIGHT_CRASH_SEED`.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

fn crash_seed() -> u64 {
    std::env::var("FEEDWRIGHT_CRASH_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| u64::from(d.subsec_nanos()) ^ d.as_secs())
                | 1
        })
}

/// Runs a build to the end, watching the output folder: how long it took,
/// and when the first temporary file (the start of writing) appeared.
fn timed_build(site: &Site) -> (Duration, Duration) {
    let started = Instant::now();
    let mut child = spawn_build(site);
    let mut first_write = None;
    loop {
        if first_write.is_none()
            && tree(&site.join("public"))
                .iter()
                .any(|name| name.starts_with(".feedwright-"))
        {
            first_write = Some(started.elapsed());
        }
        if let Some(status) = child.try_wait().expect("poll") {
            assert!(status.success(), "the build failed");
            break;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    let full = started.elapsed();
    (full, first_write.unwrap_or(full))
}

fn put_back(site: &Site, file: &str, bytes: &[u8]) {
    let temp = site.join(&format!("public/.restore-{file}"));
    std::fs::write(&temp, bytes).expect("write");
    std::fs::rename(&temp, site.join(&format!("public/{file}"))).expect("rename");
}

#[cfg(unix)]
#[test]
fn sigkill_at_random_moments_leaves_old_or_new_feeds() {
    let site = Site::empty();
    site.write("feed.toml", format!("limit = 0\n{}", util::MINIMAL_CONFIG));
    write_large_site(&site, "first");
    site.build_ok(&[]);
    let old_rss = site.read_bytes("public/rss.xml");
    let old_atom = site.read_bytes("public/atom.xml");
    write_large_site(&site, "second");
    let (full, first_write) = timed_build(&site);
    let new_rss = site.read_bytes("public/rss.xml");
    let new_atom = site.read_bytes("public/atom.xml");
    assert_ne!(old_rss, new_rss);
    well_formed(&String::from_utf8_lossy(&new_rss), "rss.xml");
    well_formed(&String::from_utf8_lossy(&old_atom), "atom.xml");

    let seed = crash_seed();
    let mut rng = Rng(seed);
    let millis = |d: Duration| u64::try_from(d.as_millis()).unwrap_or(u64::MAX);
    let window = millis(full) + 20;
    let writing_from = millis(first_write);
    // `FEEDWRIGHT_CRASH_ITERATIONS=300` for a longer soak; by default 30
    // kills, stopping early after 20 s so that `cargo test` stays quick.
    let (wanted, budget) = match std::env::var("FEEDWRIGHT_CRASH_ITERATIONS") {
        Ok(n) => (n.parse().expect("a number"), Duration::MAX),
        Err(_) => (30, Duration::from_secs(20)),
    };
    let loop_start = Instant::now();
    let (mut iterations, mut killed_running, mut saw_old, mut saw_new) = (0_u32, 0, 0, 0);
    let (mut killed_writing, mut temp_left) = (0, 0);
    while iterations < wanted && loop_start.elapsed() < budget {
        iterations += 1;
        put_back(&site, "rss.xml", &old_rss);
        put_back(&site, "atom.xml", &old_atom);
        let mut child = spawn_build(&site);
        // One kill in three at a random moment of the whole run; the others
        // 0–40 ms after the first temporary file appears (while writing),
        // which timing alone hits rarely on a busy machine.
        let delay = if iterations % 3 == 0 {
            std::thread::sleep(Duration::from_millis(rng.next() % window));
            None
        } else {
            let started = Instant::now();
            while child.try_wait().expect("poll").is_none()
                && !tree(&site.join("public"))
                    .iter()
                    .any(|name| name.starts_with(".feedwright-"))
                && started.elapsed() < full * 4
            {
                std::thread::sleep(Duration::from_micros(500));
            }
            let extra = rng.next() % 40;
            std::thread::sleep(Duration::from_millis(extra));
            Some(extra)
        };
        if child.try_wait().expect("poll").is_none() {
            killed_running += 1;
            if delay.is_some() {
                killed_writing += 1;
            }
        }
        let _ = child.kill(); // SIGKILL on unix
        let _ = child.wait();
        for (file, old, new) in [
            ("rss.xml", &old_rss, &new_rss),
            ("atom.xml", &old_atom, &new_atom),
        ] {
            let now = site.read_bytes(&format!("public/{file}"));
            if &now == old {
                saw_old += 1;
            } else if &now == new {
                saw_new += 1;
            } else {
                panic!(
                    "seed {seed}, iteration {iterations} (kill {delay:?} ms into writing): {file} is neither the old nor the new feed ({} bytes)",
                    now.len()
                );
            }
        }
        for name in tree(&site.join("public")) {
            if name == "rss.xml" || name == "atom.xml" {
                continue;
            }
            assert!(
                name.starts_with(".feedwright-")
                    && Path::new(&name).extension().is_some_and(|e| e == "tmp"),
                "seed {seed}: stray file public/{name}"
            );
            temp_left += 1;
            std::fs::remove_file(site.join(&format!("public/{name}"))).expect("remove temp");
        }
    }
    println!(
        "crash test (seed {seed}, {} records): {iterations} kills in {:?}, full build {window} ms (writing from {writing_from} ms), {killed_running} while running ({killed_writing} while writing); files seen old {saw_old} times, new {saw_new} times; {temp_left} temporary files left behind",
        crash_records(),
        loop_start.elapsed()
    );
    assert!(iterations >= 10, "only {iterations} iterations in budget");
}

#[cfg(unix)]
#[test]
fn two_builds_at_once_leave_complete_valid_feeds() {
    let site = Site::empty();
    site.write("feed.toml", format!("limit = 0\n{}", util::MINIMAL_CONFIG));
    write_large_site(&site, "first");
    site.build_ok(&[]);
    let old_rss = site.read_bytes("public/rss.xml");
    write_large_site(&site, "second");
    for round in 0..3 {
        put_back(&site, "rss.xml", &old_rss);
        let first = spawn_build(&site);
        let second = spawn_build(&site);
        let outputs = [first, second].map(|child| child.wait_with_output().expect("wait"));
        for output in &outputs {
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!stderr.contains("panicked"), "round {round}: {stderr}");
            // Either it built, or it said why (another build holds the site).
            assert!(
                output.status.success() || !stderr.trim().is_empty(),
                "round {round}: silent failure"
            );
        }
        assert!(
            outputs.iter().any(|o| o.status.success()),
            "round {round}: neither build succeeded: {:?}",
            outputs
                .iter()
                .map(|o| String::from_utf8_lossy(&o.stderr).to_string())
                .collect::<Vec<_>>()
        );
        let (rss, atom) = feeds(&site);
        let last = format!("Story {} (second edition)", crash_records() - 1);
        assert!(rss.contains(&last) && atom.contains(&last));
        let leftovers: Vec<String> = tree(&site.join("public"))
            .into_iter()
            .filter(|name| name != "rss.xml" && name != "atom.xml")
            .collect();
        assert!(leftovers.is_empty(), "round {round}: {leftovers:?}");
    }
}

// ---------------------------------------------------------------------
// 4. Fuzzing regressions (inputs found by `cargo fuzz`; see fuzz/)
//
// Every crash `cargo fuzz` finds becomes a test here, its input inline.
// None so far: see the figures in the README's "Reliability" section.
