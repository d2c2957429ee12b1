//! Bytes → `feedwright::frontmatter::parse`: never panics, and a record is
//! returned only when no error was reported.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = common::record_text(rest) else {
        return;
    };
    let parsed = feedwright::frontmatter::parse(
        Path::new("articles/fuzz.md"),
        "fuzz".to_string(),
        &text,
        common::zone(first),
    );
    let has_error = parsed
        .diagnostics
        .iter()
        .any(feedwright::diagnostic::Diagnostic::is_error);
    assert!(!(has_error && parsed.record.is_some()));
});
