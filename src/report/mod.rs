//! What a run did and found, returned by the library as a value (no global
//! state) and turned into text for people or JSON for programs here.

pub mod diagnostic;
pub mod outcome;

use diagnostic::{Diagnostic, Diagnostics, Severity};
use outcome::{FileOutcome, Status};

/// A problem with the run itself rather than with the content: exit 2.
#[derive(Debug)]
pub struct UsageError(pub Vec<Diagnostic>);
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anstyle::{AnsiColor, Style};
use serde_json::{Value, json};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Bumped only when a field changes meaning or disappears; new fields may
/// be added without a bump.
pub const JSON_SCHEMA_VERSION: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Build,
    BuildCheck,
    Check,
    /// `validate`: `records` counts the feed documents checked.
    Validate,
}

impl Command {
    fn as_str(self) -> &'static str {
        match self {
            Command::Build => "build",
            Command::BuildCheck => "build --check",
            Command::Check => "check",
            Command::Validate => "validate",
        }
    }
}

#[derive(Debug)]
pub struct Report {
    pub command: Command,
    pub diagnostics: Diagnostics,
    pub files: Vec<FileOutcome>,
    pub records: usize,
    pub items: usize,
    /// The run stopped before reading records (a usage or config error).
    pub stopped_early: bool,
}

impl Report {
    pub fn new(command: Command) -> Self {
        Self {
            command,
            diagnostics: Diagnostics::default(),
            files: Vec::new(),
            records: 0,
            items: 0,
            stopped_early: false,
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// Outputs that `build --check` found out of date.
    pub fn stale_files(&self) -> usize {
        self.files
            .iter()
            .filter(|file| matches!(file.status, Status::Stale | Status::Missing))
            .count()
    }

    /// 0 success, 1 a content problem or stale output under `--check`.
    pub fn exit_code(&self) -> u8 {
        u8::from(self.has_errors() || self.stale_files() > 0)
    }

    /// Under `--strict` every warning is an error, and says so.
    pub fn promote_warnings(&mut self) {
        let promoted: Vec<Diagnostic> = std::mem::take(&mut self.diagnostics)
            .into_iter()
            .map(|mut diagnostic| {
                diagnostic.severity = Severity::Error;
                diagnostic
            })
            .collect();
        self.diagnostics.extend(promoted);
    }

    /// The human report for stderr, with ANSI styles (the caller strips
    /// them when stderr is not a terminal or `NO_COLOR` is set): every
    /// diagnostic with its source line, then each file, then the counts.
    pub fn render(&self, quiet: bool) -> String {
        let mut out = String::new();
        let mut sources = SourceCache::default();
        for diagnostic in self.diagnostics.sorted() {
            if quiet && !diagnostic.is_error() {
                continue;
            }
            render_diagnostic(&diagnostic, &mut sources, &mut out);
        }
        if quiet {
            return out;
        }
        for file in &self.files {
            let _ = write!(
                out,
                "{}: {} ({})",
                file.status.as_str(),
                file.path.display(),
                count(file.item_count, "item")
            );
            if let Some(change) = &file.change {
                let _ = write!(out, ": {}", change.summary());
            }
            out.push('\n');
        }
        let _ = writeln!(out, "{}", self.summary_line());
        out
    }

    fn summary_line(&self) -> String {
        let counts = format!(
            "{}, {}",
            count(self.diagnostics.error_count(), "error"),
            count(self.diagnostics.warning_count(), "warning")
        );
        let records = count(self.records, "record");
        if self.stopped_early {
            return format!("{counts}; nothing was read or written");
        }
        match self.command {
            Command::Check => format!("{records} checked: {counts}"),
            Command::Validate => format!("{} checked: {counts}", count(self.records, "feed")),
            _ if self.has_errors() => {
                let untouched = if self.command == Command::Build {
                    "; no feed was written"
                } else {
                    ""
                };
                format!("{records} read: {counts}{untouched}")
            }
            Command::BuildCheck if self.stale_files() > 0 => format!(
                "{records} read: {counts}; {} out of date (run `feedwright build`)",
                count(self.stale_files(), "feed file")
            ),
            Command::BuildCheck => format!("{records} read: {counts}; feeds are up to date"),
            Command::Build
                if !self.files.is_empty()
                    && self.files.iter().all(|f| f.status == Status::Unchanged) =>
            {
                format!("{records} read: {counts}; feeds already up to date")
            }
            Command::Build => format!("{records} read: {counts}"),
        }
    }

    /// The machine-readable report of `--format json`; its schema is
    /// documented in the README and in `docs/report.schema.json`.
    pub fn to_json(&self) -> Value {
        let diagnostics: Vec<Value> = self
            .diagnostics
            .sorted()
            .iter()
            .map(|d| {
                json!({
                    "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                    "path": d.path.as_ref().map(|p| p.display().to_string()),
                    "line": d.line,
                    "column": d.column.map(|(column, _)| column),
                    "message": d.message,
                    "hint": d.hint,
                    "code": d.code,
                })
            })
            .collect();
        let files: Vec<Value> = self
            .files
            .iter()
            .map(|file| {
                json!({
                    "path": file.path.display().to_string(),
                    "format": file.kind.as_str(),
                    "status": file.status.as_str(),
                    "items": file.item_count,
                    "change": file.change.as_ref().map(|change| json!({
                        "added": change.added,
                        "removed": change.removed,
                        "changed": change.changed,
                        "unreadable": change.unreadable,
                    })),
                })
            })
            .collect();
        json!({
            "schema_version": JSON_SCHEMA_VERSION,
            "command": self.command.as_str(),
            "ok": self.exit_code() == 0 && !self.stopped_early,
            "records": self.records,
            "items": self.items,
            "errors": self.diagnostics.error_count(),
            "warnings": self.diagnostics.warning_count(),
            "files": files,
            "diagnostics": diagnostics,
        })
    }
}

/// Files read once for their source lines, however many messages name them.
#[derive(Default)]
pub struct SourceCache {
    files: HashMap<PathBuf, Option<String>>,
}

impl SourceCache {
    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        let text = self.files.entry(path.to_path_buf()).or_insert_with(|| {
            std::fs::read(path)
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        });
        let text = text.as_deref()?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        text.lines()
            .nth(line.checked_sub(1)?)
            .map(|line| line.trim_end_matches('\r').to_string())
    }
}

/// `path:line:col: error: message` — the form editors and CI log parsers
/// read — then the source line with a caret underline and any hint.
pub fn render_diagnostic(diagnostic: &Diagnostic, sources: &mut SourceCache, out: &mut String) {
    let (label, style) = match diagnostic.severity {
        Severity::Error => ("error", AnsiColor::BrightRed.on_default().bold()),
        Severity::Warning => ("warning", AnsiColor::BrightYellow.on_default().bold()),
    };
    let bold = Style::new().bold();
    let mut location = String::new();
    if let Some(path) = &diagnostic.path {
        let _ = write!(location, "{}:", path.display());
        if let Some(line) = diagnostic.line {
            let _ = write!(location, "{line}:");
            if let Some((column, _)) = diagnostic.column {
                let _ = write!(location, "{column}:");
            }
        }
        location.push(' ');
    }
    let _ = writeln!(
        out,
        "{bold}{location}{bold:#}{style}{label}{style:#}{bold}: {}{bold:#}",
        diagnostic.message
    );

    let source_line = diagnostic
        .path
        .as_deref()
        .zip(diagnostic.line)
        .and_then(|(path, line)| Some((line, sources.line(path, line)?)))
        // A front-matter fence says nothing about a whole-record problem
        // reported at line 1 (a missing title, a duplicate slug).
        .filter(|(_, text)| !text.trim().is_empty() && text.trim() != "+++");
    let level = match diagnostic.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
    };
    let mut group = Group::with_level(level.clone());
    let mut has_elements = false;
    if let Some((line, text)) = &source_line {
        let span = underline(text, diagnostic.column);
        group = group.element(
            Snippet::source(text.as_str())
                .line_start(*line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        has_elements = true;
    }
    if let Some(hint) = diagnostic.hint.as_deref() {
        group = group.element(Level::HELP.message(hint));
        has_elements = true;
    }
    if has_elements {
        let rendered = Renderer::styled().render(&[group]);
        out.push_str(&rendered);
        out.push('\n');
    }
}

/// The byte range to underline: the given column and width, or the line's
/// text without its indentation.
fn underline(text: &str, column: Option<(usize, usize)>) -> std::ops::Range<usize> {
    let byte_at = |char_index: usize| {
        text.char_indices()
            .nth(char_index)
            .map_or(text.len(), |(index, _)| index)
    };
    if let Some((column, width)) = column {
        let start = byte_at(column.saturating_sub(1));
        let end = byte_at(column.saturating_sub(1) + width).max(start);
        start..end.min(text.len())
    } else {
        let start = text.len() - text.trim_start().len();
        start..text.trim_end().len().max(start)
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
