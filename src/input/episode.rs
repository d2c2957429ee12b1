//! Episode keys shared by both record forms: durations and episode types.

/// `3600`, `45:10` or `1:02:03` → seconds.
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    let numbers: Option<Vec<u64>> = parts
        .iter()
        .map(|part| {
            (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit()))
                .then(|| part.parse().ok())
                .flatten()
        })
        .collect();
    let invalid =
        || format!("cannot read duration {text:?}: use seconds (3600) or H:MM:SS (1:00:00)");
    let numbers = numbers.ok_or_else(invalid)?;
    let seconds = match numbers.as_slice() {
        [seconds] => Some(*seconds),
        [minutes, seconds] if *seconds < 60 => minutes
            .checked_mul(60)
            .and_then(|m| m.checked_add(*seconds)),
        [hours, minutes, seconds] if *minutes < 60 && *seconds < 60 => hours
            .checked_mul(3600)
            .and_then(|h| h.checked_add(minutes * 60 + seconds)),
        _ => None,
    };
    seconds.ok_or_else(invalid)
}

pub const EPISODE_TYPES: [&str; 3] = ["full", "trailer", "bonus"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(parse_duration("3600"), Ok(3600));
        assert_eq!(parse_duration("45:10"), Ok(2710));
        assert_eq!(parse_duration("1:02:03"), Ok(3723));
        assert!(parse_duration("1:75").is_err());
        assert!(parse_duration("ten").is_err());
        assert!(parse_duration("99999999999999999999:00").is_err());
    }
}
