//! Test helpers: a `Site` in a fresh temporary folder, the real binary run
//! against it, and feeds parsed into plain values that tests can compare.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// `now` for every run: 2026-09-21T14:13:20Z, so that no fixture record is
/// in the future unless it is meant to be.
pub const EPOCH: &str = "1790000000";

pub fn crate_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixtures() -> PathBuf {
    crate_root().join("tests").join("fixtures")
}

/// A site in its own temporary folder, removed when dropped.
pub struct Site {
    dir: tempfile::TempDir,
}

/// What one run of the binary did. `stdout` and `stderr` have the site's
/// folder replaced by `[SITE]`, so snapshots do not depend on it.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// One run's output with each of `roots` shown as `[SITE]`, so that
    /// snapshots do not depend on the temporary folder; a panic fails the
    /// test whatever it asserts.
    pub fn from_output(output: &std::process::Output, roots: &[String]) -> Run {
        let clean = |bytes: &[u8]| {
            let mut text = String::from_utf8_lossy(bytes).into_owned();
            for root in roots.iter().filter(|root| !root.is_empty()) {
                text = text.replace(root.as_str(), "[SITE]");
            }
            text
        };
        let run = Run {
            code: output.status.code().unwrap_or(-1),
            stdout: clean(&output.stdout),
            stderr: clean(&output.stderr),
        };
        assert!(
            !run.stderr.contains("panicked"),
            "feedwright panicked:\n{}",
            run.stderr
        );
        run
    }

    /// Lines of stderr that are warnings.
    pub fn warnings(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.contains(": warning: "))
            .collect()
    }

    pub fn errors(&self) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|line| line.contains(": error: ") || line.starts_with("error: "))
            .collect()
    }
}

impl Site {
    pub fn empty() -> Site {
        let dir = tempfile::Builder::new()
            .prefix("feedwright-test-")
            .tempdir()
            .expect("temp dir");
        Site { dir }
    }

    /// A copy of `tests/fixtures/<case>/`.
    pub fn fixture(case: &str) -> Site {
        let site = Site::empty();
        let from = fixtures().join(case);
        assert!(from.is_dir(), "no fixture folder {}", from.display());
        copy_dir(&from, site.path());
        site
    }

    /// A copy of the repository's own sample site (`feed.toml` + `articles/`).
    pub fn sample() -> Site {
        let site = Site::empty();
        std::fs::copy(
            crate_root().join("feed.toml"),
            site.path().join("feed.toml"),
        )
        .expect("copy feed.toml");
        copy_dir(
            &crate_root().join("articles"),
            &site.path().join("articles"),
        );
        site
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn join(&self, relative: &str) -> PathBuf {
        self.path().join(relative)
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, contents).expect("write file");
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.join(relative)).expect("remove file");
    }

    pub fn exists(&self, relative: &str) -> bool {
        self.join(relative).exists()
    }

    pub fn read(&self, relative: &str) -> String {
        let path = self.join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("cannot read {}: {error}", path.display()))
    }

    pub fn read_bytes(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.join(relative)).expect("read file")
    }

    pub fn mtime(&self, relative: &str) -> SystemTime {
        std::fs::metadata(self.join(relative))
            .and_then(|meta| meta.modified())
            .expect("mtime")
    }

    pub fn rss(&self) -> String {
        self.read("public/rss.xml")
    }

    pub fn atom(&self) -> String {
        self.read("public/atom.xml")
    }

    /// Runs `feedwright --config <site>/feed.toml ARGS…`.
    pub fn run(&self, args: &[&str]) -> Run {
        let mut command = assert_cmd::Command::cargo_bin("feedwright").expect("binary");
        command
            .arg("--config")
            .arg(self.join("feed.toml"))
            .args(args)
            .env("SOURCE_DATE_EPOCH", EPOCH)
            .env_remove("RUST_BACKTRACE")
            .current_dir(self.path());
        let output = command.output().expect("run feedwright");
        Run::from_output(&output, &[self.path().display().to_string()])
    }

    pub fn build(&self) -> Run {
        self.run(&["build"])
    }

    /// `build`, asserting exit 0.
    pub fn build_ok(&self, args: &[&str]) -> Run {
        let mut all = vec!["build"];
        all.extend_from_slice(args);
        let run = self.run(&all);
        assert_eq!(run.code, 0, "build failed:\n{}", run.stderr);
        run
    }
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read fixture folder") {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy fixture file");
        }
    }
}

/// A related link as a feed carries it: href and optional title.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Related {
    pub href: String,
    pub title: Option<String>,
}

/// One feed item, reduced to what the tests compare.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub title: String,
    pub link: String,
    pub id: String,
    /// RFC 3339, in UTC (feed-rs keeps no offset).
    pub published: Option<String>,
    /// Atom only: RSS items have no `updated`.
    pub updated: Option<String>,
    pub categories: Vec<String>,
    pub related: Vec<Related>,
    pub authors: Vec<String>,
    /// The full HTML content.
    pub content: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Rss,
    Atom,
}

/// Parses a feed with feed-rs (panicking if it cannot) and reduces its
/// items. RSS item-level `atom:link rel="related"` is not exposed by
/// feed-rs, so for RSS those come from the XML text.
pub fn parse_feed(xml: &str, kind: Kind) -> Vec<Item> {
    let feed = feed_rs::parser::parse(xml.as_bytes())
        .unwrap_or_else(|error| panic!("feed-rs cannot parse the feed: {error}\n{xml}"));
    let expected = match kind {
        Kind::Rss => feed_rs::model::FeedType::RSS2,
        Kind::Atom => feed_rs::model::FeedType::Atom,
    };
    assert_eq!(feed.feed_type, expected);
    let feed_authors: Vec<String> = feed.authors.iter().filter_map(|p| p.name.clone()).collect();
    let rss_related = match kind {
        Kind::Rss => rss_related_links(xml),
        Kind::Atom => Vec::new(),
    };
    if kind == Kind::Rss {
        assert_eq!(rss_related.len(), feed.entries.len(), "<item> count");
    }
    feed.entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            let link = entry
                .links
                .iter()
                .find(|l| matches!(l.rel.as_deref(), None | Some("alternate")))
                .map(|l| l.href.clone())
                .unwrap_or_default();
            let related = match kind {
                Kind::Rss => rss_related[index].clone(),
                Kind::Atom => entry
                    .links
                    .iter()
                    .filter(|l| l.rel.as_deref() == Some("related"))
                    .map(|l| Related {
                        href: l.href.clone(),
                        title: l.title.clone(),
                    })
                    .collect(),
            };
            let mut authors: Vec<String> = entry
                .authors
                .iter()
                .filter_map(|p| p.name.clone())
                .collect();
            // Atom entries without authors inherit the feed's.
            if kind == Kind::Atom && authors.is_empty() {
                authors.clone_from(&feed_authors);
            }
            Item {
                title: entry
                    .title
                    .as_ref()
                    .map(|t| t.content.clone())
                    .unwrap_or_default(),
                link,
                id: entry.id.clone(),
                published: entry.published.map(|d| d.to_rfc3339()),
                updated: match kind {
                    Kind::Rss => None,
                    Kind::Atom => entry.updated.map(|d| d.to_rfc3339()),
                },
                categories: entry.categories.iter().map(|c| c.term.clone()).collect(),
                related,
                authors,
                content: entry
                    .content
                    .as_ref()
                    .and_then(|c| c.body.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

pub fn rss_items(xml: &str) -> Vec<Item> {
    parse_feed(xml, Kind::Rss)
}

pub fn atom_items(xml: &str) -> Vec<Item> {
    parse_feed(xml, Kind::Atom)
}

pub fn titles(items: &[Item]) -> Vec<&str> {
    items.iter().map(|item| item.title.as_str()).collect()
}

/// Per `<item>` of an RSS document, its `<atom:link rel="related" …/>`
/// elements in order, read from the text.
pub fn rss_related_links(xml: &str) -> Vec<Vec<Related>> {
    xml.split("<item>")
        .skip(1)
        .map(|item| {
            let item = item.split("</item>").next().unwrap_or_default();
            item.split("<atom:link ")
                .skip(1)
                .map(|tag| tag.split("/>").next().unwrap_or_default())
                .filter(|tag| attribute(tag, "rel").as_deref() == Some("related"))
                .map(|tag| Related {
                    href: attribute(tag, "href").expect("href"),
                    title: attribute(tag, "title"),
                })
                .collect()
        })
        .collect()
}

/// The value of `name="…"` in the text of one tag, XML entities decoded.
pub fn attribute(tag: &str, name: &str) -> Option<String> {
    let needle = format!(" {name}=\"");
    let padded = format!(" {tag}");
    let start = padded.find(&needle)? + needle.len();
    let end = padded[start..].find('"')? + start;
    Some(unescape_xml(&padded[start..end]))
}

pub fn unescape_xml(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Every value of `href="…"`, `src="…"` and the URLs of `srcset="…"` in an
/// HTML fragment.
pub fn html_urls(html: &str) -> Vec<String> {
    let mut urls = Vec::new();
    for name in ["href", "src", "srcset", "poster", "cite"] {
        let needle = format!(" {name}=\"");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            let start = at + needle.len();
            let end = rest[start..].find('"').map_or(rest.len(), |e| e + start);
            let value = unescape_xml(&rest[start..end]);
            if name == "srcset" {
                urls.extend(
                    value
                        .split(',')
                        .filter_map(|c| c.split_whitespace().next())
                        .map(str::to_string),
                );
            } else {
                urls.push(value);
            }
            rest = &rest[end..];
        }
    }
    urls
}

/// URLs in the HTML that are not absolute http(s) or mailto URLs.
pub fn relative_urls(html: &str) -> Vec<String> {
    html_urls(html)
        .into_iter()
        .filter(|url| {
            !(url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:"))
        })
        .collect()
}

/// Is `program` on PATH?
/// A test that needs an outside program calls this when it is missing:
/// under `FEEDWRIGHT_REQUIRE_TOOLS=1` (CI, which installs them) that is a
/// failure; otherwise the test is skipped with a visible note.
pub fn missing_tool(what: &str) {
    let required = std::env::var("FEEDWRIGHT_REQUIRE_TOOLS").is_ok_and(|value| value == "1");
    assert!(
        !required,
        "{what} is required (FEEDWRIGHT_REQUIRE_TOOLS=1) but was not found"
    );
    skip_note(&format!("{what} not found"));
}

/// Says on the terminal that a test skipped its work. libtest captures
/// what `println!` and `eprintln!` print in a passing test, so a note
/// printed that way never shows and the test reads as a plain "ok"; a
/// write to the process's own stderr handle is not captured.
pub fn skip_note(why: &str) {
    use std::io::Write as _;
    let _ = writeln!(std::io::stderr().lock(), "note: skipped: {why}");
}

pub fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join(program).is_file()))
}

pub const MINIMAL_CONFIG: &str = r#"title = "Fixture Desk"
base_url = "https://example.com/"
description = "Stories written for the feedwright tests"
language = "en"

[author]
name = "Fixture Desk"
"#;
