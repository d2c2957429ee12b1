//! How YAML reads an unquoted scalar, for the full parser's events and the
//! quick reader alike.

use super::super::tree::Value;
use std::borrow::Cow;

/// YAML 1.2's core schema for unquoted scalars: null, booleans, numbers;
/// everything else (dates included) is text, read later by the key that
/// wants it.
pub fn plain_scalar(text: Cow<'_, str>) -> Value<'_> {
    typed(&text).unwrap_or(Value::String(text))
}

/// The value of an unquoted scalar that is not text.
fn typed(text: &str) -> Option<Value<'static>> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    let integer = if let Some(hex) = text.strip_prefix("0x") {
        (!hex.is_empty() && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| i128::from_str_radix(hex, 16).unwrap_or(i128::MAX))
    } else if let Some(octal) = text.strip_prefix("0o") {
        (!octal.is_empty() && octal.chars().all(|c| matches!(c, '0'..='7')))
            .then(|| i128::from_str_radix(octal, 8).unwrap_or(i128::MAX))
    } else if !unsigned.is_empty() && unsigned.chars().all(|c| c.is_ascii_digit()) {
        let magnitude = unsigned.parse::<i128>().unwrap_or(i128::MAX);
        Some(if negative { -magnitude } else { magnitude })
    } else {
        None
    };
    if let Some(integer) = integer {
        return Some(Value::Integer(integer));
    }
    let looks_numeric = unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && unsigned.chars().filter(|c| *c == '.').count() <= 1
        && unsigned.contains(|c: char| c.is_ascii_digit());
    if looks_numeric && let Ok(float) = text.parse::<f64>() {
        return Some(Value::Float(float));
    }
    match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(Value::Float(if negative {
            f64::NEG_INFINITY
        } else {
            f64::INFINITY
        })),
        ".nan" | ".NaN" | ".NAN" => Some(Value::Float(f64::NAN)),
        _ => None,
    }
}
