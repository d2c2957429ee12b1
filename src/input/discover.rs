//! Finds the record files under the articles folder and reads them as text:
//! a sorted list, so that everything downstream sees the same order on
//! every machine.

use crate::report::diagnostic::Diagnostic;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
    /// `.html` or `.htm`: a record only when it opens with front matter
    /// (Hugo and Jekyll publish such posts); any other is a layout or an
    /// asset, and left alone.
    Html,
}

impl Format {
    /// Whether every file of this format is a record, so that a folder or
    /// an outside symlink named like one is worth reporting: most `.html`
    /// files of a site are layouts, not records.
    fn always_a_record(self) -> bool {
        matches!(self, Format::Markdown | Format::PlainText)
    }
}

#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    /// The folder below the articles folder the page lives in (for a
    /// bundle, the bundle folder's parent), `/`-separated; empty at the top.
    pub folder: String,
    /// A bundle's record, or a translation: the slug its folder or file
    /// name gives it and its language (`index.fr.md`, `post.fr.md`).
    /// `None` for any other file, whose slug its name gives
    /// (`Source::naming`), worked out by the parallel readers since this
    /// walk is serial.
    pub bundle: Option<Box<Naming>>,
}

/// The slug a record gets when it names none, and the language a
/// translation's file name gives it (`post.fr.md`, `index.fr.md`), as Zola
/// and Hugo name them.
#[derive(Debug, Clone)]
pub struct Naming {
    pub slug: String,
    pub translation: Option<String>,
}

impl Source {
    /// The record's `Naming`: the one found by the walk (a bundle's, a
    /// translation's), else its file name's — the stem less a leading date.
    pub fn naming(&mut self) -> Naming {
        if let Some(bundle) = self.bundle.take() {
            return *bundle;
        }
        Naming {
            slug: slug_from_path(&self.path),
            translation: None,
        }
    }
}

pub struct Discovered {
    pub sources: Vec<Source>,
    /// Unreadable entries and symlink loops: content errors (exit 1).
    pub problems: Vec<Diagnostic>,
}

/// Walks `dir`; `Err` only when the folder itself cannot be read (a
/// configuration error), or when an `exclude` pattern is not a glob.
///
/// A folder holding `index.md` (or `index.markdown`, or an `index.html`
/// with front matter) is a page bundle, as Zola and Hugo have them: that file is one record, and so is each of its
/// translations (`index.fr.md`); everything else in the folder and below
/// it is the page's assets, never a record.
pub fn discover(
    dir: &Path,
    exclude: &[String],
    site_language: &str,
) -> Result<Discovered, Diagnostic> {
    match std::fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => {}
        Ok(_) => {
            return Err(Diagnostic::error(
                dir,
                None,
                "the articles folder is not a folder",
            ));
        }
        Err(error) => {
            return Err(Diagnostic::error(
                dir,
                None,
                format!("cannot read the articles folder: {error}"),
            ));
        }
    }
    let excluded = exclude_matcher(dir, exclude)?;
    // Symlinks are followed, but only to places inside the articles
    // folder: a link to `/proc/self/environ` or another site's drafts must
    // not turn into a feed item (or a message quoting it).
    let root = dir.canonicalize().map_err(|error| {
        Diagnostic::error(
            dir,
            None,
            format!("cannot read the articles folder: {error}"),
        )
    })?;
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let mut folders = Vec::new();
    let mut walker = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                problems.push(walk_error(dir, &error));
                continue;
            }
        };
        let relative = || entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let is_dir = entry.file_type().is_dir();
        if entry.depth() == 0 {
            continue;
        }
        if excluded
            .as_ref()
            .is_some_and(|matcher| matcher.matched(relative(), is_dir).is_ignore())
        {
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        let refused = if entry.path_is_symlink() {
            leaves_root(entry.path(), &root)
        } else {
            None
        };
        if let Some(message) = refused {
            // A folder link is not walked, and a file link not read, but
            // only a link that would be read at all is reported.
            if is_dir || format_of(entry.path()).is_some_and(Format::always_a_record) {
                problems.push(Diagnostic::error(entry.path(), None, message));
            }
            if is_dir {
                walker.skip_current_dir();
            }
            continue;
        }
        if is_dir {
            match visit_folder(entry.path(), relative(), &root, excluded.as_ref()) {
                Ok(Some(bundle)) => sources.extend(bundle),
                Ok(None) => {
                    enter_folder(&mut folders, entry.depth(), relative());
                    continue;
                }
                Err(problem) => problems.push(problem),
            }
            walker.skip_current_dir();
            continue;
        }
        let Some(format) = format_of(entry.path()) else {
            continue;
        };
        // FIFOs, devices and sockets are never opened: reading one could
        // block for ever or never end.
        if !entry.file_type().is_file() {
            problems.push(Diagnostic::error(
                entry.path(),
                None,
                "not a regular file (a FIFO, device or socket); only regular files are read",
            ));
            continue;
        }
        sources.push(file_source(
            entry.path(),
            format,
            folder_at(&folders, entry.depth()),
            site_language,
        ));
    }
    // One sort of the whole paths' bytes: a total order, so every run sees
    // the same one, at a fraction of the cost of comparing components.
    sources.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(Discovered { sources, problems })
}

/// A record file outside a bundle; a translation's naming is settled
/// here, while the walk is in its folder.
fn file_source(path: &Path, format: Format, folder: String, site_language: &str) -> Source {
    let translation = match format {
        Format::Markdown | Format::Html => translation_of(path, site_language),
        Format::PlainText => None,
    };
    Source {
        path: path.to_path_buf(),
        format,
        folder,
        bundle: translation.map(|(name, language)| {
            Box::new(Naming {
                slug: slug_of_name(&name),
                translation: Some(language),
            })
        }),
    }
}

/// A folder is walked (`Ok(None)`), or is a bundle whose records (the
/// page and its translations) are returned, or is named like a record file
/// (an error); the walk skips it in the last two cases.
fn visit_folder(
    folder: &Path,
    relative: &Path,
    root: &Path,
    excluded: Option<&Gitignore>,
) -> Result<Option<Vec<Source>>, Diagnostic> {
    if let Some(mut pages) = bundle_pages(folder, root) {
        // An excluded page or translation is left out; the folder is still
        // a bundle, its other files still its assets.
        if let Some(matcher) = excluded {
            pages.retain(|(path, _)| {
                let name = path.file_name().unwrap_or_default();
                !matcher.matched(relative.join(name), false).is_ignore()
            });
        }
        let name = folder.file_name().unwrap_or_default().to_string_lossy();
        let slug = slug_of_name(&name);
        let parent = folder_of(relative.parent());
        return Ok(Some(
            pages
                .into_iter()
                .map(|(path, translation)| Source {
                    format: format_of(&path).unwrap_or(Format::Markdown),
                    path,
                    folder: parent.clone(),
                    bundle: Some(Box::new(Naming {
                        slug: slug.clone(),
                        translation,
                    })),
                })
                .collect(),
        ));
    }
    if format_of(folder).is_some_and(Format::always_a_record) {
        return Err(Diagnostic::error(
            folder,
            None,
            "a folder named like a record file; rename it, or start its name with `_` to skip it",
        ));
    }
    Ok(None)
}

/// Why a symlink may not be followed: it leads outside the articles folder
/// (or nowhere).
fn leaves_root(link: &Path, root: &Path) -> Option<String> {
    match link.canonicalize() {
        Ok(real) if real.starts_with(root) => None,
        Ok(real) => Some(format!(
            "symlink leads outside the articles folder, to {}; only files inside it are read",
            real.display()
        )),
        Err(error) => Some(format!("cannot follow the symlink: {error}")),
    }
}

/// Why an `exclude` pattern is not a glob, if it is not; the config stage
/// asks this so that the message names feed.toml and the line.
///
/// # Errors
/// The message for the user, quoting the pattern.
pub fn check_exclude_pattern(pattern: &str) -> Result<(), String> {
    // Git reads an unclosed `[` as itself; in a config file it is far more
    // likely a typo, so it is refused rather than quietly matching nothing.
    let unclosed = globset::GlobBuilder::new(pattern.trim_start_matches('!'))
        .build()
        .err()
        .filter(|error| matches!(error.kind(), globset::ErrorKind::UnclosedClass));
    if let Some(error) = unclosed {
        return Err(format!(
            "`exclude` pattern {pattern:?} is not a glob: {error} (write `\\[` for a literal `[`)"
        ));
    }
    GitignoreBuilder::new("")
        .add_line(None, pattern)
        .map(|_| ())
        .map_err(|error| format!("`exclude` pattern {pattern:?} is not a glob: {error}"))
}

/// `exclude` patterns, read as lines of a `.gitignore` placed in the
/// articles folder (ripgrep's `ignore` crate does the matching).
fn exclude_matcher(dir: &Path, patterns: &[String]) -> Result<Option<Gitignore>, Diagnostic> {
    if patterns.is_empty() {
        return Ok(None);
    }
    let mut builder = GitignoreBuilder::new(dir);
    for pattern in patterns {
        check_exclude_pattern(pattern)
            .and_then(|()| {
                builder
                    .add_line(None, pattern)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            })
            .map_err(|message| Diagnostic::error(dir, None, message))?;
    }
    builder
        .build()
        .map(Some)
        .map_err(|error| Diagnostic::error(dir, None, format!("`exclude` patterns: {error}")))
}

/// The bundle's record files, none if the folder is not a bundle: its
/// `index.md` (or `index.markdown`) and the translations beside it
/// (`index.fr.md`), each a regular file or a symlink to one inside the
/// articles folder (the walk's own rules for any record). A folder with
/// only translations is a bundle too, as Zola reads it.
fn bundle_pages(folder: &Path, root: &Path) -> Option<Vec<(PathBuf, Option<String>)>> {
    let readable = |candidate: &Path| {
        candidate.is_file()
            && candidate
                .canonicalize()
                .is_ok_and(|real| real.starts_with(root))
    };
    let original = ["index.md", "index.markdown"]
        .iter()
        .map(|name| folder.join(name))
        .find(|candidate| readable(candidate))
        .or_else(|| {
            // Hugo's leaf bundle may hold its page as HTML; without front
            // matter it is a page of the site, and the folder is walked.
            ["index.html", "index.htm"]
                .iter()
                .map(|name| folder.join(name))
                .find(|candidate| readable(candidate) && opens_with_front_matter(candidate))
        });
    let Ok(entries) = std::fs::read_dir(folder) else {
        return original.map(|path| vec![(path, None)]);
    };
    let mut pages: Vec<(PathBuf, Option<String>)> = entries
        .filter_map(|entry| {
            let name = entry.ok()?.file_name();
            let (stem, language) = split_language(Path::new(&name))?;
            let is_translation = stem == "index" && is_page(&folder.join(&name), &readable);
            is_translation.then(|| (folder.join(&name), Some(language.to_string())))
        })
        .collect();
    pages.sort_unstable();
    pages.splice(0..0, original.map(|path| (path, None)));
    (!pages.is_empty()).then_some(pages)
}

/// Whether `path` is a page (Markdown, or HTML that opens with front
/// matter, as Hugo and Jekyll publish a post written in HTML) that
/// `readable` allows: only a page can be a translation or have one, never
/// a layout such as `post.fr.html` with no front matter.
fn is_page(path: &Path, readable: &dyn Fn(&Path) -> bool) -> bool {
    readable(path) && (format_of(path) != Some(Format::Html) || opens_with_front_matter(path))
}

/// Whether the first line that is not blank opens front matter: what makes
/// an `.html` file a record rather than a layout. Only the first lines are
/// looked at.
pub fn opens_with_fence(text: &str) -> bool {
    text.split_inclusive('\n')
        .map(str::trim_end)
        .find(|line| !line.is_empty())
        .is_some_and(|line| {
            matches!(
                line,
                "+++" | "---" | "---yaml" | "---json" | "---js" | "---javascript"
            )
        })
}

/// Whether the file's first lines open front matter; only its start is
/// read, and only for an `.html` file that could be a bundle's page, a
/// translation or a translation's original.
fn opens_with_front_matter(path: &Path) -> bool {
    use std::io::Read as _;
    let mut start = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(4096).read_to_end(&mut start))
        .is_ok_and(|_| {
            let text = String::from_utf8_lossy(&start);
            opens_with_fence(text.trim_start_matches('\u{feff}'))
        })
}

/// A Markdown or HTML file named `NAME.LANG.md` (or `.markdown`, `.html`,
/// `.htm`) split into `NAME` and `LANG`, when `LANG` is a language as file
/// names give it (`util::is_file_name_language`).
fn split_language(path: &Path) -> Option<(&str, &str)> {
    if !matches!(format_of(path), Some(Format::Markdown | Format::Html)) {
        return None;
    }
    let stem = path.file_stem()?.to_str()?;
    let (name, language) = stem.rsplit_once('.')?;
    (!name.is_empty() && crate::util::is_file_name_language(language)).then_some((name, language))
}

/// A translation's name and language, for a Markdown file named
/// `NAME.LANG.md` where `LANG` is a two-letter ISO 639-1 code (with at
/// most a script and a region) and its original is beside it: `NAME.md`
/// (or `NAME.markdown`), or `NAME.en.md` on an `en` or `en-US` site, as
/// Hugo names every language's file. Without its original, `post.fr.md`
/// is a page of its own, as `learn.js.md` is. A file named in the site's
/// language (`post.en.md` on an `en-US` site) is that language's version
/// of `NAME`, original or not. Only names with a second dot and a language
/// code after it cost a look at the folder, so this serial walk stays
/// cheap.
fn translation_of(path: &Path, site_language: &str) -> Option<(String, String)> {
    let (name, language) = split_language(path)?;
    let site = crate::util::primary_language(site_language);
    let beside = |stem: &str| {
        ["md", "markdown", "html", "htm"].iter().any(|extension| {
            is_page(
                &path.with_file_name(format!("{stem}.{extension}")),
                &|page| page.is_file(),
            )
        })
    };
    let has_original = || {
        beside(name)
            || [site.clone(), site_language.to_ascii_lowercase()]
                .iter()
                .chain(std::iter::once(&site_language.to_string()))
                .any(|tag| beside(&format!("{name}.{tag}")))
    };
    (crate::util::primary_language(language) == site || has_original())
        .then(|| (name.to_string(), language.to_string()))
}

/// The walk gives a folder before what is in it, so the names of the
/// folders being walked are kept by depth (`folders[d]` is the one at depth
/// d + 1) and a file's folder is looked up, not worked out from its path
/// for each file of this serial walk.
fn enter_folder(folders: &mut Vec<String>, depth: usize, relative: &Path) {
    folders.truncate(depth.saturating_sub(1));
    folders.push(folder_of(Some(relative)));
}

/// The folder of a file at `depth` of the walk (1: the articles folder).
fn folder_at(folders: &[String], depth: usize) -> String {
    depth
        .checked_sub(2)
        .and_then(|index| folders.get(index))
        .cloned()
        .unwrap_or_default()
}

fn folder_of(relative: Option<&Path>) -> String {
    relative
        .map(|folder| {
            folder
                .iter()
                .map(|part| part.to_string_lossy())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

fn walk_error(dir: &Path, error: &walkdir::Error) -> Diagnostic {
    let path = error
        .path()
        .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
    let message = if let Some(ancestor) = error.loop_ancestor() {
        format!(
            "symlink loop: this link leads back to {}",
            ancestor.display()
        )
    } else if let Some(io) = error.io_error() {
        format!("cannot read: {io}")
    } else {
        format!("cannot read: {error}")
    };
    Diagnostic::error(&path, None, message)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') || name.starts_with('_'))
}

pub fn format_of(path: &Path) -> Option<Format> {
    // Asked of every file walked: compared without a lower-cased copy.
    let extension = path.extension()?.to_str()?;
    if extension.eq_ignore_ascii_case("md") || extension.eq_ignore_ascii_case("markdown") {
        Some(Format::Markdown)
    } else if extension.eq_ignore_ascii_case("txt") {
        Some(Format::PlainText)
    } else if extension.eq_ignore_ascii_case("html") || extension.eq_ignore_ascii_case("htm") {
        Some(Format::Html)
    } else {
        None
    }
}

/// Reads a record as UTF-8 text; a byte-order mark is dropped and CRLF line
/// ends become LF so that parsers see one form and line numbers stay true.
/// Only a regular file of at most `max_bytes` is read.
pub fn read_text(path: &Path, max_bytes: u64) -> Result<String, Diagnostic> {
    let bytes = read_bounded(path, max_bytes)?;
    // simdutf8 validates several times faster than std (which then only
    // locates a bad byte); copying the checked text costs less than
    // validating it a second time.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        return Err(invalid_utf8(path, &bytes));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // memchr's vector search: this looks at every byte of every record.
    Ok(if memchr::memchr(b'\r', text.as_bytes()).is_some() {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    })
}

/// The file's bytes, if it is a regular file of at most `max_bytes`. The
/// type is checked before opening (a FIFO must not even be opened: that
/// blocks), then again on the open file, in case it was swapped in
/// between; the read itself stops after `max_bytes`, whatever size the
/// file claims (`/proc` files claim 0).
fn read_bounded(path: &Path, max_bytes: u64) -> Result<Vec<u8>, Diagnostic> {
    use std::io::Read as _;
    let fail = |message: String| Diagnostic::error(path, None, message);
    let not_regular = || {
        fail(
            "not a regular file (a FIFO, device, socket or folder); only regular files are read"
                .into(),
        )
    };
    let too_large = || {
        fail(format!(
            "the record is larger than `max_record_bytes` ({max_bytes} bytes)"
        ))
    };
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        // A FIFO (named like a record, or swapped in after the walk) must
        // not make the open wait for a writer; the type is checked on the
        // open file, so no second look-up of the path is needed.
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|error| fail(format!("cannot read: {error}")))?;
    let meta = file
        .metadata()
        .map_err(|error| fail(format!("cannot read: {error}")))?;
    if !meta.is_file() {
        return Err(not_regular());
    }
    if meta.len() > max_bytes {
        return Err(too_large());
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(max_bytes.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|error| fail(format!("cannot read: {error}")))?;
    if bytes.len() as u64 > max_bytes {
        return Err(too_large());
    }
    Ok(bytes)
}

fn invalid_utf8(path: &Path, bytes: &[u8]) -> Diagnostic {
    let offset = std::str::from_utf8(bytes)
        .err()
        .map_or(0, |error| error.valid_up_to());
    let line = crate::report::diagnostic::line_of_offset(bytes, offset);
    let line_start = bytes[..offset]
        .iter()
        .rposition(|&byte| byte == b'\n')
        .map_or(0, |newline| newline + 1);
    // Everything before `offset` is valid UTF-8, so this counts characters.
    let column = String::from_utf8_lossy(&bytes[line_start..offset])
        .chars()
        .count()
        + 1;
    Diagnostic::error(
        path,
        Some(line),
        format!(
            "not valid UTF-8: invalid byte 0x{:02X} at byte offset {offset}",
            bytes.get(offset).copied().unwrap_or_default()
        ),
    )
    .with_column(column, 1)
    .with_hint("save the file as UTF-8")
}

/// The slug a file gets when its record names none: the stem, less a
/// leading `YYYY-MM-DD-` or `YYYY-MM-DD_` date.
pub fn slug_from_path(path: &Path) -> String {
    slug_of_name(&path.file_stem().unwrap_or_default().to_string_lossy())
}

/// A file or bundle folder's name as a slug: less a leading date, and a
/// name with spaces (`Markdown Syntax/`, `My Post.md`) in lower case with
/// each run of spaces one `-`, the link Hugo and Zola give it. Names
/// without spaces are kept exactly, so that no published link changes.
fn slug_of_name(name: &str) -> String {
    let slug = strip_date_prefix(name);
    if !slug.contains(char::is_whitespace) {
        return slug.to_string();
    }
    slug.split_whitespace()
        .collect::<Vec<_>>()
        .join("-")
        .to_lowercase()
}

fn strip_date_prefix(stem: &str) -> &str {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10]
            .iter()
            .enumerate()
            .all(|(index, byte)| match index {
                4 | 7 => *byte == b'-',
                _ => byte.is_ascii_digit(),
            })
        && matches!(bytes[10], b'-' | b'_');
    if dated { &stem[11..] } else { stem }
}

/// Slugs become URL path segments: nothing that could climb out of the
/// permalink or break the URL is allowed.
pub fn check_slug(slug: &str) -> Result<(), String> {
    if slug.trim().is_empty() {
        return Err("the slug is empty".into());
    }
    if slug == "." || slug == ".." {
        return Err(format!("the slug {slug:?} is not a name"));
    }
    // With a pattern such as `{slug}`, a slug like `http:evil.example` or
    // `javascript:x` would be read as a link of its own.
    if crate::input::uri::has_scheme(slug) {
        return Err(format!(
            "the slug {slug:?} begins like a URL scheme (text before `:`), which would turn the link into another URL; use letters, digits, `-` and `_`"
        ));
    }
    if let Some(bad) = slug
        .chars()
        .find(|c| matches!(c, '/' | '\\' | '?' | '#' | '%') || c.is_control() || c.is_whitespace())
    {
        return Err(format!(
            "the slug {slug:?} contains {bad:?}; use letters, digits, `-` and `_`"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slug_drops_a_leading_date() {
        assert_eq!(
            slug_from_path(Path::new("a/2025-09-01-talks-resume.md")),
            "talks-resume"
        );
        assert_eq!(slug_from_path(Path::new("talks-resume.md")), "talks-resume");
        assert_eq!(slug_from_path(Path::new("2025-09-01.md")), "2025-09-01");
        assert_eq!(slug_from_path(Path::new("2025-9-01-x.md")), "2025-9-01-x");
        assert_eq!(
            slug_from_path(Path::new("nested/dir/é-story.txt")),
            "é-story"
        );
        assert_eq!(
            slug_from_path(Path::new("posts/2024-01-02-My  Post\u{a0}Title.md")),
            "my-post-title"
        );
        assert_eq!(slug_from_path(Path::new("Keep-Case.md")), "Keep-Case");
    }

    #[test]
    fn slugs_that_could_escape_are_refused() {
        for bad in [
            "../etc",
            "/abs",
            "a b",
            "..",
            "",
            "x?y",
            "http:evil.example",
            "javascript:x",
            "%2e%2e",
            "a\\b",
        ] {
            assert!(check_slug(bad).is_err(), "{bad}");
        }
        assert!(check_slug("ceasefire-timeline_2").is_ok());
        assert!(check_slug("café").is_ok());
    }
}
