//! Bytes → `feedwright::input::frontmatter::parse`: never panics, and a record is
//! returned only when no error was reported.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    common::check_parser(data, "articles/fuzz.md", feedwright::input::frontmatter::parse);
});
