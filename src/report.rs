//! What a run did and found, returned by `run` as a value (no global
//! state) and printed by `main`.

use crate::diagnostic::{Diagnostic, Diagnostics, Severity};
use crate::write::{FileOutcome, Status};
use std::fmt::Write as _;

#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Diagnostics,
    pub files: Vec<FileOutcome>,
    pub records: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.has_errors()
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

    /// The human summary for stderr: every diagnostic, then what happened
    /// to each file, then the counts.
    pub fn render(&self, quiet: bool) -> String {
        let mut out = String::new();
        for diagnostic in self.diagnostics.sorted() {
            if quiet && !diagnostic.is_error() {
                continue;
            }
            let _ = writeln!(out, "{diagnostic}");
        }
        if quiet {
            return out;
        }
        for file in &self.files {
            let verb = match file.status {
                Status::Written => "wrote",
                Status::Unchanged => "unchanged",
            };
            let _ = writeln!(
                out,
                "{verb}: {} ({} item{})",
                file.path.display(),
                file.item_count,
                if file.item_count == 1 { "" } else { "s" }
            );
        }
        let errors = self.diagnostics.error_count();
        let warnings = self.diagnostics.warning_count();
        if errors > 0 {
            let _ = writeln!(
                out,
                "build failed: {}, {}; no feed was written",
                count(errors, "error"),
                count(warnings, "warning")
            );
        } else if !self.files.is_empty() && self.files.iter().all(|f| f.status == Status::Unchanged)
        {
            let _ = writeln!(
                out,
                "{} read, feeds already up to date ({})",
                count(self.records, "record"),
                count(warnings, "warning")
            );
        } else {
            let _ = writeln!(
                out,
                "{} read, {}",
                count(self.records, "record"),
                count(warnings, "warning")
            );
        }
        out
    }
}

fn count(n: usize, noun: &str) -> String {
    format!("{n} {noun}{}", if n == 1 { "" } else { "s" })
}
