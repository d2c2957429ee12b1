//! The front matter most records carry — one `key: value` line per key,
//! each value a quoted string, a list of quoted strings on the line, or a
//! plain word — read without the full YAML parser, whose scanner costs
//! several times more than the reading itself. Anything else (nesting,
//! block lists, comments, escapes, anchors, a value running onto the next
//! line …) returns `None` and goes to the full parser. The tree made here
//! is the one the full parser makes, places included: a test compares the
//! two.

use super::super::tree::{Entry, Node, Spot, Value};
use super::scalar::plain_scalar;
use std::borrow::Cow;

/// More values than this go the full way, which keeps the node budget.
const MAX_QUICK_NODES: usize = 4096;

/// `block` starts on 1-based line `first_line` of the file.
pub fn parse(block: &str, first_line: usize) -> Option<Vec<Entry<'_>>> {
    let mut entries = Vec::new();
    let mut nodes = 0;
    for (index, line) in block.split('\n').enumerate() {
        if line.is_empty() {
            continue;
        }
        let line_number = first_line + index;
        let (key, rest) = line.split_once(": ")?;
        if !is_plain_key(key) {
            return None;
        }
        // Spaces after the colon are allowed; the value starts after them.
        let value = rest.trim_start_matches(' ');
        let column = key.len() + 2 + (rest.len() - value.len()) + 1;
        let node = value_node(value, line_number, column, &mut nodes)?;
        if nodes > MAX_QUICK_NODES {
            return None;
        }
        entries.push(Entry {
            key: Cow::Borrowed(key),
            key_spot: Spot::LineColumn {
                line: line_number,
                column: 1,
                width: key.len(),
            },
            node,
        });
    }
    Some(entries)
}

/// A key the full parser reads as the same text: ASCII letters, digits,
/// `_` and `-`, starting with a letter, and not a word YAML reads as
/// something else (`true`, `null` …).
fn is_plain_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || matches!(byte, b'_' | b'-'))
        && matches!(plain_scalar(Cow::Borrowed(key)), Value::String(_))
}

/// The value of a line, starting at 1-based character `column`.
fn value_node<'a>(
    value: &'a str,
    line: usize,
    column: usize,
    nodes: &mut usize,
) -> Option<Node<'a>> {
    *nodes += 1;
    let spot = |column: usize, width: usize| Spot::LineColumn {
        line,
        column,
        width,
    };
    match value.as_bytes().first()? {
        b'"' | b'\'' => {
            let (text, rest) = quoted(value)?;
            rest.is_empty().then(|| Node {
                value: Value::String(Cow::Borrowed(text)),
                spot: spot(column, text.chars().count() + 2),
            })
        }
        b'[' => {
            // The full parser's places of `[` and of each item take in the
            // spaces after them.
            let mut items = Vec::new();
            let mut rest = value[1..].trim_start_matches(' ');
            let open_width = value.len() - rest.len();
            let mut at = column + open_width;
            loop {
                if items.is_empty() && rest == "]" {
                    break;
                }
                let (text, after) = quoted(rest)?;
                let trimmed = after.trim_start_matches(' ');
                let width = text.chars().count() + 2 + after.len() - trimmed.len();
                *nodes += 1;
                items.push(Node {
                    value: Value::String(Cow::Borrowed(text)),
                    spot: spot(at, width),
                });
                at += width;
                let after = trimmed;
                if after == "]" {
                    break;
                }
                let next = after.strip_prefix(',')?;
                rest = next.trim_start_matches(' ');
                at += 1 + next.len() - rest.len();
                if rest.starts_with(']') {
                    return None;
                }
            }
            Some(Node {
                value: Value::Array(items),
                spot: spot(column, open_width),
            })
        }
        _ if is_plain_value(value) => Some(Node {
            value: plain_scalar(Cow::Borrowed(value)),
            spot: spot(column, value.chars().count()),
        }),
        _ => None,
    }
}

/// A quoted string at the start of `text` with nothing inside that the
/// full parser would read differently (an escape, the other quote kind
/// doubled, a control character), and what follows it.
fn quoted(text: &str) -> Option<(&str, &str)> {
    let quote = text.chars().next().filter(|c| matches!(c, '"' | '\''))?;
    let inner = &text[1..];
    let end = inner.find(quote)?;
    let content = &inner[..end];
    if content.contains(['\\', '"', '\'']) || content.contains(char::is_control) {
        return None;
    }
    Some((content, &inner[end + 1..]))
}

/// A plain (unquoted) value that is one word or a date: letters, digits
/// and `-_.+:/`, starting with a letter, digit or `/` (a path), with no
/// `: ` in it (a colon then a space would start a mapping).
fn is_plain_value(value: &str) -> bool {
    value.starts_with(|c: char| c.is_alphanumeric() || c == '/')
        && value
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | ':' | '/'))
        && !value.ends_with(':')
}
