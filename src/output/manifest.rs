//! The manifest of extra feeds: `.feedwright-feeds` in the output folder
//! lists, one per line, every per-tag, per-author, per-section and
//! per-language feed file and every archive page the last build wrote. A feed whose value has
//! gone (the last record with a tag was deleted) is in the old list but
//! not in the new one: the build removes it, and `build --check` names it.
//! Only files listed here are ever removed, so files of the user's own in
//! the output folder are never touched. `feed.xsl` and the HTML page are
//! listed too, so that turning them off (or renaming the page) removes
//! them.

use crate::report::outcome::FeedKind;
use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

pub const FILE_NAME: &str = crate::util::MANIFEST_FILE;

const HEADER: &str = "# Written by feedwright: the extra feeds of the last build, removed when\n\
# their tag, author, section or language is gone, and its stylesheet and\n\
# page, removed when turned off. Do not edit.\n";

/// The files the last build listed: plain relative paths only, so that a
/// hand-edited or hostile manifest cannot name a file outside the output
/// folder. A missing or unreadable manifest lists nothing.
pub fn read(output_dir: &Path) -> Vec<String> {
    let Ok(text) = std::fs::read_to_string(output_dir.join(FILE_NAME)) else {
        return Vec::new();
    };
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter(|line| is_plain(line))
        .map(String::from)
        .collect()
}

fn is_plain(relative: &str) -> bool {
    !relative.contains('\\')
        && Path::new(relative)
            .components()
            .all(|part| matches!(part, Component::Normal(_)))
}

/// The manifest's bytes for this build's extra feeds, sorted.
pub fn bytes(files: &BTreeSet<String>) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for file in files {
        text.push_str(file);
        text.push('\n');
    }
    text.into_bytes()
}

/// Files the last build wrote that this one does not, and that are still
/// there: the feeds to remove.
pub fn obsolete(output_dir: &Path, old: &[String], new: &BTreeSet<String>) -> Vec<PathBuf> {
    old.iter()
        .filter(|file| !new.contains(*file))
        .filter(|file| is_extra_feed_path(file) || is_ours(output_dir, file))
        .map(|file| output_dir.join(file))
        .filter(|path| std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file()))
        .collect()
}

/// The shapes only extra feeds have: `FOLDER/SLUG/FILE` in one of the
/// `[feeds]` folders, `feeds.opml`, or an archive page. A hand-edited
/// manifest can then never remove the main feeds or anything else in the
/// output folder.
fn is_extra_feed_path(file: &str) -> bool {
    const FOLDERS: &[&str] = &["tags", "authors", "sections", "languages"];
    let parts: Vec<&str> = file.split('/').collect();
    file == "feeds.opml"
        || (parts.len() == 3 && FOLDERS.contains(&parts[0]) && parts.iter().all(|p| !p.is_empty()))
        || archive_kind(file).is_some()
}

/// The format of an archive page (`archive/rss/3.xml`, `archive/atom/3.xml`,
/// `archive/json/3.json`, as `site::archive` names them); `None` for any
/// other path.
pub fn archive_kind(relative: &str) -> Option<FeedKind> {
    let mut parts = relative.split('/');
    let (Some("archive"), Some(format), Some(file), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let (number, extension) = file.split_once('.')?;
    let kind = match (format, extension) {
        ("rss", "xml") => FeedKind::Rss,
        ("atom", "xml") => FeedKind::Atom,
        ("json", "json") => FeedKind::Json,
        _ => return None,
    };
    let plain_number = !number.is_empty()
        && !number.starts_with('0')
        && number.bytes().all(|byte| byte.is_ascii_digit());
    plain_number.then_some(kind)
}

/// `feed.xsl` or an HTML page, and written by feedwright (it says so in
/// its first lines): a hand-added line naming the site's own home page
/// can never remove it, and a build never replaces it.
pub fn is_ours(output_dir: &Path, file: &str) -> bool {
    let path = output_dir.join(file);
    if file == "feed.xsl" {
        return starts_with_mark(&path, b"feed.xsl, written by feedwright");
    }
    is_page(&path)
}

/// An `.html` or `.htm` file that feedwright wrote: its page names
/// feedwright as its generator in its first lines.
pub fn is_page(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"))
        && starts_with_mark(path, b"<meta name=\"generator\" content=\"feedwright")
}

/// Whether `mark` is in the first kilobyte of the file at `path`.
fn starts_with_mark(path: &Path, mark: &[u8]) -> bool {
    use std::io::Read as _;
    let mut head = Vec::with_capacity(1024);
    let read = std::fs::File::open(path).and_then(|file| file.take(1024).read_to_end(&mut head));
    read.is_ok() && head.windows(mark.len()).any(|window| window == mark)
}

#[cfg(test)]
mod tests {
    use super::*;

    // Found by the second red-team pass: a line added to the manifest could
    // remove any feed-named file, such as `podcast/rss.xml`.
    #[test]
    fn only_extra_feed_paths_are_ever_obsolete() {
        let dir = tempfile::tempdir().unwrap();
        for file in [
            "podcast/rss.xml",
            "rss.xml",
            "tags/a/rss.xml",
            "tags/a/b/rss.xml",
        ] {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        }
        let old: Vec<String> = [
            "podcast/rss.xml",
            "rss.xml",
            "tags/a/rss.xml",
            "tags/a/b/rss.xml",
        ]
        .into_iter()
        .map(String::from)
        .collect();
        assert_eq!(
            obsolete(dir.path(), &old, &BTreeSet::new()),
            [dir.path().join("tags/a/rss.xml")]
        );
    }

    #[test]
    fn only_archive_page_paths_name_a_format() {
        for (path, kind) in [
            ("archive/rss/12.xml", FeedKind::Rss),
            ("archive/atom/1.xml", FeedKind::Atom),
            ("archive/json/3.json", FeedKind::Json),
        ] {
            assert_eq!(archive_kind(path), Some(kind));
            assert!(is_extra_feed_path(path));
        }
        for other in [
            "archive/rss/1.json",
            "archive/rss/01.xml",
            "archive/rss/x.xml",
            "archive/rss/.xml",
            "archive/opml/1.xml",
            "archive/rss/1/2.xml",
            "tags/rss/1.xml.bak",
            "rss.xml",
        ] {
            assert_eq!(archive_kind(other), None, "{other}");
        }
    }

    #[test]
    fn only_plain_relative_paths_are_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let files: BTreeSet<String> = ["tags/a/rss.xml", "authors/b/feed.json"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut text = String::from_utf8(bytes(&files)).unwrap();
        text.push_str("../outside.xml\n/etc/passwd\ntags/../../x\n");
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        assert_eq!(read(dir.path()), ["authors/b/feed.json", "tags/a/rss.xml"]);
        std::fs::create_dir_all(dir.path().join("tags/a")).unwrap();
        std::fs::write(dir.path().join("tags/a/rss.xml"), "old").unwrap();
        let kept: BTreeSet<String> = std::iter::once("authors/b/feed.json".into()).collect();
        assert_eq!(
            obsolete(dir.path(), &read(dir.path()), &kept),
            [dir.path().join("tags/a/rss.xml")]
        );
    }
}
