//! TOML front matter (`+++`) into the shared tree, with every span moved
//! from the block to the whole file.

use super::tree::{Entry, Node, Spot, Value};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

/// A parse error: where, and what the TOML parser said.
pub struct Problem {
    pub spot: Spot,
    pub message: String,
}

/// `block` starts at byte `offset` of the file.
pub fn parse(block: &str, offset: usize) -> Result<Vec<Entry<'_>>, Vec<Problem>> {
    let (table, errors) = DeTable::parse_recoverable(block);
    if !errors.is_empty() {
        return Err(errors
            .into_iter()
            .map(|error| Problem {
                spot: error.span().map_or(Spot::Bytes(offset..offset), |span| {
                    Spot::Bytes(span.start + offset..span.end + offset)
                }),
                message: format!("invalid TOML in front matter: {}", error.message().trim()),
            })
            .collect());
    }
    Ok(entries(table.get_ref(), offset))
}

fn spot<T>(spanned: &Spanned<T>, offset: usize) -> Spot {
    let span = spanned.span();
    Spot::Bytes(span.start + offset..span.end + offset)
}

fn entries<'a>(table: &DeTable<'a>, offset: usize) -> Vec<Entry<'a>> {
    table
        .iter()
        .map(|(key, value)| Entry {
            key: key.get_ref().clone(),
            key_spot: spot(key, offset),
            node: node(value, offset),
        })
        .collect()
}

fn node<'a>(value: &Spanned<DeValue<'a>>, offset: usize) -> Node<'a> {
    let converted = match value.get_ref() {
        DeValue::String(text) => Value::String(text.clone()),
        DeValue::Integer(integer) => {
            let digits = integer.as_str().replace('_', "");
            let negative = digits.starts_with('-');
            let digits = digits.trim_start_matches(['+', '-']);
            let magnitude = i128::from_str_radix(digits, integer.radix()).unwrap_or(i128::MAX);
            Value::Integer(if negative { -magnitude } else { magnitude })
        }
        DeValue::Float(float) => {
            Value::Float(float.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
        }
        DeValue::Boolean(flag) => Value::Bool(*flag),
        DeValue::Datetime(datetime) => Value::Datetime(datetime.to_string()),
        DeValue::Array(array) => {
            Value::Array(array.iter().map(|item| node(item, offset)).collect())
        }
        DeValue::Table(table) => Value::Table(entries(table, offset)),
    };
    Node {
        value: converted,
        spot: spot(value, offset),
    }
}
