//! Located problems found while reading a site: every stage reports into a
//! list of these instead of stopping at the first, so one run shows them all.

use std::fmt;
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

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}:", path.display())?;
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
        write!(f, "{label}: {}", self.message)
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
