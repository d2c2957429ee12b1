//! Where findings go: each one is placed at a byte offset of the document,
//! turned into a line and a character column only when it is reported, so
//! a clean 50 MB feed never pays for a line index.

use crate::report::diagnostic::{Diagnostic, Severity};
use std::path::Path;

/// One document's findings are capped: a feed with a broken rule in each of
/// 100,000 items says so a thousand times and then counts the rest.
const MAX_FINDINGS: usize = 1000;

pub(crate) struct Sink<'a> {
    path: &'a Path,
    text: &'a str,
    /// Byte offsets of every `\n`, built at the first finding.
    newlines: Option<Vec<usize>>,
    found: Vec<Diagnostic>,
    dropped: usize,
}

impl<'a> Sink<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Self {
        Self {
            path,
            text,
            newlines: None,
            found: Vec::new(),
            dropped: 0,
        }
    }

    pub(crate) fn error(&mut self, offset: usize, code: &'static str, message: impl Into<String>) {
        self.push(offset, Severity::Error, code, &message.into());
    }

    pub(crate) fn warning(
        &mut self,
        offset: usize,
        code: &'static str,
        message: impl Into<String>,
    ) {
        self.push(offset, Severity::Warning, code, &message.into());
    }

    fn push(&mut self, offset: usize, severity: Severity, code: &'static str, message: &str) {
        if self.found.len() >= MAX_FINDINGS {
            self.dropped += 1;
            return;
        }
        let (line, column) = self.position(offset);
        let diagnostic = Diagnostic {
            severity,
            path: Some(self.path.into()),
            line: Some(line),
            column: Some((column, 1)),
            message: format!("{code}: {message}"),
            hint: None,
            code: Some(code),
        };
        self.found.push(diagnostic);
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let text = self.text;
        let newlines = self
            .newlines
            .get_or_insert_with(|| memchr_all(text.as_bytes()));
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line_index = newlines.partition_point(|&newline| newline < offset);
        let line_start = if line_index == 0 {
            0
        } else {
            newlines[line_index - 1] + 1
        };
        let column = text[line_start..offset].chars().count() + 1;
        (line_index + 1, column)
    }

    pub(crate) fn finish(mut self) -> Vec<Diagnostic> {
        if self.dropped > 0 {
            let last = self.found.last().and_then(|d| d.line);
            self.found.push(
                Diagnostic::warning(
                    self.path,
                    last,
                    format!(
                        "TooManyFindings: {} more findings were not shown",
                        self.dropped
                    ),
                )
                .with_code("TooManyFindings"),
            );
        }
        self.found
    }
}

fn memchr_all(bytes: &[u8]) -> Vec<usize> {
    bytes
        .iter()
        .enumerate()
        .filter_map(|(index, &byte)| (byte == b'\n').then_some(index))
        .collect()
}
