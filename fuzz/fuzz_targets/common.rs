//! What every target shares: the text normalisation `discover::read_text`
//! applies before a parser sees a record, and a choice of time zone.

#![allow(dead_code)]

/// As `feedwright::discover::read_text` does: UTF-8 only, no byte-order
/// mark, LF line ends. `None` for bytes that are not UTF-8 (the pipeline
/// reports those before any parser runs).
pub fn record_text(data: &[u8]) -> Option<String> {
    let text = std::str::from_utf8(data).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Some(text.replace("\r\n", "\n").replace('\r', "\n"))
}

/// A zone picked by one byte: UTC, one with daylight-saving changes on
/// either side of the equator, and one with a half-hour offset.
pub fn zone(byte: u8) -> chrono_tz::Tz {
    match byte % 4 {
        0 => chrono_tz::UTC,
        1 => chrono_tz::Europe::Lisbon,
        2 => chrono_tz::Australia::Adelaide,
        _ => chrono_tz::Asia::Kolkata,
    }
}

/// Runs one record parser on fuzz bytes (the first byte picks the zone):
/// it must not panic, and must return a record only when it reported no
/// error.
pub fn check_parser(
    data: &[u8],
    path: &str,
    parse: fn(&std::path::Path, String, &str, chrono_tz::Tz) -> feedwright::record::Parsed,
) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Some(text) = record_text(rest) else {
        return;
    };
    let parsed = parse(
        std::path::Path::new(path),
        "fuzz".to_string(),
        &text,
        zone(first),
    );
    let has_error = parsed
        .diagnostics
        .iter()
        .any(feedwright::diagnostic::Diagnostic::is_error);
    assert!(!(has_error && parsed.record.is_some()));
}
