//! One tree for both front-matter languages: TOML and YAML are read into
//! these values, each with where it was written, so that every key is read
//! (and every message located) by one piece of code whatever the language.

use std::borrow::Cow;
use std::ops::Range;

/// Where a value or key was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Spot {
    /// Byte offsets into the whole file's text (TOML); turned into a line
    /// and column only when a message needs them, since counting columns
    /// for every element of a 100,000-entry list on one line would be
    /// quadratic.
    Bytes(Range<usize>),
    /// A 1-based file line, 1-based character column and width (YAML's
    /// parser counts them itself).
    LineColumn {
        line: usize,
        column: usize,
        width: usize,
    },
    /// A whole-record problem, such as a missing key: the line only.
    Line(usize),
}

/// Text is borrowed from the file where the parser allows (most keys and
/// strings have no escapes): every record's keys pass through here, and a
/// copy each is a measurable share of reading an archive.
#[derive(Debug, Clone, PartialEq)]
pub enum Value<'a> {
    /// YAML's `~`, `null` or an empty value; TOML has none.
    Null,
    Bool(bool),
    /// Whole numbers beyond `i128` are held as the nearest bound: they
    /// are out of range for every key that takes a number either way.
    Integer(i128),
    Float(f64),
    String(Cow<'a, str>),
    /// A TOML datetime, in its TOML text form.
    Datetime(String),
    Array(Vec<Node<'a>>),
    Table(Vec<Entry<'a>>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node<'a> {
    pub value: Value<'a>,
    pub spot: Spot,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Entry<'a> {
    pub key: Cow<'a, str>,
    pub key_spot: Spot,
    pub node: Node<'a>,
}

impl Value<'_> {
    /// The type's name as messages give it ("must be a string, not array").
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "an empty value",
            Value::Bool(_) => "boolean",
            Value::Integer(_) => "integer",
            Value::Float(_) => "float",
            Value::String(_) => "string",
            Value::Datetime(_) => "datetime",
            Value::Array(_) => "array",
            Value::Table(_) => "table",
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text.as_ref()),
            _ => None,
        }
    }

    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            _ => None,
        }
    }

    /// A yes/no flag as the generators read it: a boolean, or one of YAML
    /// 1.1's words for one (`yes`, `no`, `on`, `off`, `y`, `n`, `"true"`,
    /// `"false"`, any case). Jekyll reads YAML 1.1, where `published: no`
    /// is false; a YAML 1.2 reader sees the string "no".
    pub fn as_flag(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) => match text.trim().to_ascii_lowercase().as_str() {
                "true" | "yes" | "on" | "y" => Some(true),
                "false" | "no" | "off" | "n" => Some(false),
                _ => None,
            },
            _ => None,
        }
    }
}

impl<'a> Node<'a> {
    /// The entry `key` of a table, if this is a table that has it.
    pub fn get(&self, key: &str) -> Option<&Node<'a>> {
        match &self.value {
            Value::Table(entries) => entries
                .iter()
                .find(|entry| entry.key == key)
                .map(|entry| &entry.node),
            _ => None,
        }
    }
}
