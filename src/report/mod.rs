//! What a run did and found, returned by the library as a value (no global
//! state) and turned into text for people or JSON for programs here.

pub mod diagnostic;
pub mod outcome;

use diagnostic::{Diagnostic, Diagnostics, Severity};
use outcome::{FeedKind, FileOutcome, Status};

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
    /// The only files whose lines a message may quote: the articles folder
    /// and the config and lock files. A record symlinked to
    /// `/proc/self/environ` must never have its contents printed.
    pub source_roots: Vec<PathBuf>,
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
            source_roots: Vec::new(),
        }
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
    }

    /// Outputs that `build --check` found out of date.
    pub fn stale_files(&self) -> usize {
        self.files
            .iter()
            .filter(|file| file.status.is_out_of_date())
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
        let mut sources = SourceCache::within(&self.source_roots);
        for diagnostic in self.diagnostics.sorted() {
            if quiet && !diagnostic.is_error() {
                continue;
            }
            render_diagnostic(&diagnostic, &mut sources, &mut out);
        }
        for file in &self.files {
            // `-q build --check` still names each out-of-date file (stale,
            // missing, or obsolete: to be removed): in CI
            // that is the answer, not chatter.
            if quiet && !file.status.is_out_of_date() {
                continue;
            }
            let _ = write!(out, "{}: {}", file.status.as_str(), file.path.display());
            // A stylesheet holds no items, and a page being removed is
            // not read: a count would say nothing true.
            let counted = match file.kind {
                FeedKind::Stylesheet => false,
                FeedKind::Page => !matches!(file.status, Status::Obsolete | Status::Removed),
                _ => true,
            };
            if counted {
                let _ = write!(out, " ({})", count(file.item_count, "item"));
            }
            if let Some(change) = &file.change {
                let _ = write!(out, ": {}", change.summary());
            }
            out.push('\n');
        }
        if quiet {
            return out;
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
                let tail = match self.command {
                    // Errors after the commit (a hub that did not answer,
                    // under `--strict`) leave the written feeds in place.
                    Command::Build if !self.files.is_empty() => {
                        "; the feeds were written (see above)".to_string()
                    }
                    Command::Build => "; no feed was written".to_string(),
                    // A stale lock file is an error; the feeds may be
                    // stale as well, and CI should see both.
                    Command::BuildCheck if self.stale_files() > 0 => format!(
                        "; {} out of date (run `feedwright build`)",
                        count(self.stale_files(), "feed file")
                    ),
                    _ => String::new(),
                };
                format!("{records} read: {counts}{tail}")
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
    /// Each file's lines, split once: a line is then found at once, so
    /// thousands of messages about one file cost linear time.
    files: HashMap<PathBuf, Option<Vec<String>>>,
    /// Canonical folders or files that may be quoted; empty: none.
    roots: Vec<PathBuf>,
}

/// Files of the running system rather than of any site.
fn is_machine_file(real: &Path) -> bool {
    ["/proc", "/sys", "/dev"]
        .iter()
        .any(|system| real.starts_with(system))
}

/// No source excerpt from a file larger than this: it is not a record
/// anyone can fix by reading a line of it.
const MAX_QUOTED_FILE: u64 = 64 * 1024 * 1024;

impl SourceCache {
    /// A cache that quotes only regular files inside `roots` (folders, or
    /// files), compared after following symlinks.
    ///
    /// A root that is a symlink to somewhere outside its own folder (a
    /// lock file linked to `/proc/self/environ` or `/etc/passwd`) is no
    /// root, and nothing under the kernel's `/proc`, `/sys` or `/dev` is
    /// ever quoted: what they hold is the machine's, not the site's.
    pub fn within(roots: &[PathBuf]) -> Self {
        Self {
            files: HashMap::new(),
            roots: roots
                .iter()
                .filter_map(|root| {
                    let real = root.canonicalize().ok()?;
                    let is_link = std::fs::symlink_metadata(root)
                        .is_ok_and(|meta| meta.file_type().is_symlink());
                    let stays_home = !is_link
                        || root
                            .parent()
                            .map(|parent| {
                                if parent.as_os_str().is_empty() {
                                    Path::new(".")
                                } else {
                                    parent
                                }
                            })
                            .and_then(|parent| parent.canonicalize().ok())
                            .is_some_and(|parent| real.starts_with(parent));
                    (stays_home && !is_machine_file(&real)).then_some(real)
                })
                .collect(),
        }
    }

    fn may_quote(&self, path: &Path) -> bool {
        let Ok(real) = path.canonicalize() else {
            return false;
        };
        !is_machine_file(&real)
            && self.roots.iter().any(|root| real.starts_with(root))
            && std::fs::metadata(&real)
                .is_ok_and(|meta| meta.is_file() && meta.len() <= MAX_QUOTED_FILE)
    }

    fn line(&mut self, path: &Path, line: usize) -> Option<String> {
        if !self.files.contains_key(path) {
            let lines = self.may_quote(path).then(|| {
                std::fs::read(path).ok().map(|bytes| {
                    let text = String::from_utf8_lossy(&bytes);
                    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
                    text.lines()
                        .map(|line| line.trim_end_matches('\r').to_string())
                        .collect()
                })
            });
            self.files.insert(path.to_path_buf(), lines.flatten());
        }
        let lines = self.files.get(path)?.as_ref()?;
        lines.get(line.checked_sub(1)?).cloned()
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
        let _ = write!(
            location,
            "{}:",
            diagnostic::escape_controls(&path.display().to_string())
        );
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
        diagnostic::escape_controls(&diagnostic.message)
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
    let source_line = source_line.map(|(line, text)| {
        let (escaped, column) = escape_line(&text, diagnostic.column);
        (line, escaped, column)
    });
    let hint = diagnostic.hint.as_deref().map(diagnostic::escape_controls);
    if let Some((line, text, column)) = &source_line {
        let span = underline(text, *column);
        group = group.element(
            Snippet::source(text.as_str())
                .line_start(*line)
                .fold(false)
                .annotation(AnnotationKind::Primary.span(span)),
        );
        has_elements = true;
    }
    if let Some(hint) = &hint {
        group = group.element(Level::HELP.message(hint.as_ref()));
        has_elements = true;
    }
    if has_elements {
        let rendered = Renderer::styled().render(&[group]);
        out.push_str(&rendered);
        out.push('\n');
    }
}

/// A source line with its control characters escaped (tabs kept: they are
/// indentation), and the caret's column moved to match.
fn escape_line(text: &str, column: Option<(usize, usize)>) -> (String, Option<(usize, usize)>) {
    let escape = |c: char| c != '\t' && diagnostic::needs_escape(c);
    if !text.chars().any(escape) {
        return (text.to_string(), column);
    }
    let mut out = String::with_capacity(text.len() + 8);
    // Where each original character starts in the escaped line, in chars.
    let mut starts = Vec::with_capacity(text.len() + 1);
    let mut width = 0;
    for c in text.chars() {
        starts.push(width);
        if escape(c) {
            let escaped = format!("\\u{{{:x}}}", u32::from(c));
            width += escaped.chars().count();
            out.push_str(&escaped);
        } else {
            width += 1;
            out.push(c);
        }
    }
    starts.push(width);
    let column = column.map(|(column, span)| {
        let at = |index: usize| starts[index.min(starts.len() - 1)];
        let start = at(column.saturating_sub(1));
        let end = at(column.saturating_sub(1) + span);
        (start + 1, end.saturating_sub(start).max(1))
    });
    (out, column)
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
