//! Finds the record files under the articles folder and reads them as text:
//! a sorted list, so that everything downstream sees the same order on
//! every machine.

use crate::report::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    PlainText,
}

#[derive(Debug, Clone)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
}

pub struct Discovered {
    pub sources: Vec<Source>,
    /// Unreadable entries and symlink loops: content errors (exit 1).
    pub problems: Vec<Diagnostic>,
}

/// Walks `dir`; `Err` only when the folder itself cannot be read (a
/// configuration error).
pub fn discover(dir: &Path) -> Result<Discovered, Diagnostic> {
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
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    let walker = WalkDir::new(dir)
        .follow_links(true)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) => {
                if entry.file_type().is_dir() {
                    continue;
                }
                if let Some(format) = format_of(entry.path()) {
                    sources.push(Source {
                        path: entry.path().to_path_buf(),
                        format,
                    });
                }
            }
            Err(error) => {
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
                problems.push(Diagnostic::error(&path, None, message));
            }
        }
    }
    // One sort of the whole paths' bytes: a total order, so every run sees
    // the same one, at a fraction of the cost of comparing components.
    sources.sort_unstable_by(|a, b| a.path.as_os_str().cmp(b.path.as_os_str()));
    Ok(Discovered { sources, problems })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str()
        .is_some_and(|name| name.starts_with('.') || name.starts_with('_'))
}

pub fn format_of(path: &Path) -> Option<Format> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(Format::Markdown),
        "txt" => Some(Format::PlainText),
        _ => None,
    }
}

/// Reads a record as UTF-8 text; a byte-order mark is dropped and CRLF line
/// ends become LF so that parsers see one form and line numbers stay true.
pub fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|error| Diagnostic::error(path, None, format!("cannot read: {error}")))?;
    // simdutf8 validates several times faster than std (which then only
    // locates a bad byte); copying the checked text costs less than
    // validating it a second time.
    let Ok(text) = simdutf8::basic::from_utf8(&bytes) else {
        return Err(invalid_utf8(path, &bytes));
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_owned()
    })
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
/// leading `YYYY-MM-DD-` date.
pub fn slug_from_path(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    strip_date_prefix(&stem).to_string()
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
        && bytes[10] == b'-';
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
