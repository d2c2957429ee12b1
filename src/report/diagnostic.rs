//! Located problems found while reading a site: every stage reports into a
//! list of these instead of stopping at the first, so one run shows them all.

use std::fmt::{self, Write as _};
use std::path::Path;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file the problem is in; `None` for problems of the run as a whole.
    pub path: Option<Box<Path>>,
    /// 1-based line, when it can be known.
    pub line: Option<usize>,
    /// 1-based column (in characters) and the width of the offending text,
    /// when they can be known; shown as a caret underline.
    pub column: Option<(usize, usize)>,
    pub message: String,
    /// How to fix it, when there is something useful to say. (A boxed
    /// `str`, not a `String`: it never grows, and the 8 bytes saved keep a
    /// `Diagnostic` small enough to return in a `Result`.)
    pub hint: Option<Box<str>>,
    /// A stable rule name for programs (`validate`'s findings carry one;
    /// where the W3C Feed Validation Service has the same rule, it is that
    /// service's message class name).
    pub code: Option<&'static str>,
}

impl Diagnostic {
    pub fn error(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: Some(path.into()),
            line,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    pub fn warning(path: &Path, line: Option<usize>, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            path: Some(path.into()),
            line,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    /// A problem of the run as a whole, in no file.
    pub fn general(message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            path: None,
            line: None,
            column: None,
            message: message.into(),
            hint: None,
            code: None,
        }
    }

    #[must_use]
    pub fn with_column(mut self, column: usize, width: usize) -> Self {
        self.column = Some((column, width.max(1)));
        self
    }

    #[must_use]
    pub fn with_code(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }

    #[must_use]
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into().into_boxed_str());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `text` with every control character (and the bidirectional overrides
/// that can make a line read differently from what it is) written as a
/// Rust-style escape such as `\u{1b}`, so that a file name or a quoted
/// value can never drive the terminal that shows the message.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if needs_escape(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}

/// Tabs and newlines included: a message header is one line.
pub fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}:", escape_controls(&path.display().to_string()))?;
            if let Some(line) = self.line {
                write!(f, "{line}:")?;
                if let Some((column, _)) = self.column {
                    write!(f, "{column}:")?;
                }
            }
            f.write_str(" ")?;
        }
        let label = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{label}: {}", escape_controls(&self.message))
    }
}

/// Everything a stage found, in the order found; sorted once for display.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Keeps the first `limit` problems of each file (in display order) and
    /// replaces the rest with one line that counts them: a record with
    /// 100,000 bad references must not bury every other message, nor take
    /// minutes to print.
    pub fn cap_per_file(&mut self, limit: usize) {
        let sorted = self.sorted();
        let mut kept = Vec::with_capacity(sorted.len().min(limit * 16));
        let mut start = 0;
        while start < sorted.len() {
            let path = &sorted[start].path;
            let end = start + sorted[start..].partition_point(|d| &d.path == path);
            let group = &sorted[start..end];
            if path.is_none() || group.len() <= limit {
                kept.extend_from_slice(group);
            } else {
                kept.extend_from_slice(&group[..limit]);
                let rest = &group[limit..];
                let errors = rest.iter().filter(|d| d.is_error()).count();
                let warnings = rest.len() - errors;
                kept.push(Diagnostic {
                    severity: if errors > 0 { Severity::Error } else { Severity::Warning },
                    path: path.clone(),
                    line: None,
                    column: None,
                    message: format!(
                        "{} more problem{} in this file not shown ({errors} error{}, {warnings} warning{}); fix the ones above and run again",
                        rest.len(),
                        if rest.len() == 1 { "" } else { "s" },
                        if errors == 1 { "" } else { "s" },
                        if warnings == 1 { "" } else { "s" },
                    ),
                    hint: None,
                    code: None,
                });
            }
            start = end;
        }
        self.items = kept;
    }

    /// Sorted by file, then line, so output does not depend on the order in
    /// which parallel or staged work happened to find things.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.path, a.line, a.column, a.severity, &a.message)
                .cmp(&(&b.path, b.line, b.column, b.severity, &b.message))
        });
        items.dedup();
        items
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// 1-based line and 1-based character column of a byte offset in `text`.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |newline| newline + 1);
    let line = before.matches('\n').count() + 1;
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

/// Width in characters of `text[span]`, clipped to its first line.
pub fn span_width(text: &str, span: std::ops::Range<usize>) -> usize {
    text.get(span).map_or(1, |spanned| {
        spanned.lines().next().unwrap_or_default().chars().count()
    })
}

/// 1-based line of a byte offset.
pub fn line_of_offset(bytes: &[u8], offset: usize) -> usize {
    let end = offset.min(bytes.len());
    // Counting newlines is not hot enough to justify a SIMD crate.
    #[allow(clippy::naive_bytecount)]
    let newlines = bytes[..end].iter().filter(|&&b| b == b'\n').count();
    newlines + 1
}
