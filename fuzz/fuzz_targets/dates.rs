//! Bytes → `feedwright::dates::parse_date`: never panics, and a date it
//! accepts can be written in both feed forms without panicking.

#![no_main]

mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    if let Ok(parsed) = feedwright::dates::parse_date(text, common::zone(first)) {
        let _ = feedwright::dates::to_rfc2822(&parsed.instant);
        let _ = feedwright::dates::to_rfc3339(&parsed.instant);
    }
});
