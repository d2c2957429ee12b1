//! What every format's writer shares: the entry (an item with its HTML),
//! the feed's last-updated instant, the generator's name, and the filter
//! that keeps characters XML cannot hold out of every document.

use crate::input::record::Author;
use crate::site::catalog::Item;
use crate::site::config::Config;
use chrono::{DateTime, FixedOffset};

/// One catalog item with its HTML and summary: everything a feed entry
/// needs, whichever format.
pub struct Entry {
    pub item: Item,
    pub html: String,
    pub summary: String,
    pub enclosure: Option<crate::site::enclosure::Enclosure>,
    /// The lead image, absolute.
    pub image: Option<String>,
}

impl Entry {
    /// The record's own authors, or the site's when it names none.
    pub fn authors(&self, config: &Config) -> Vec<Author> {
        if self.item.record.details().authors.is_empty() {
            vec![Author {
                name: config.author.name.clone(),
                email: config.author.email.clone(),
                uri: config.author.uri.clone(),
            }]
        } else {
            self.item.record.details().authors.clone()
        }
    }
}

/// The feed's last-updated instant comes from its content, never from the
/// clock, so a rebuild of unchanged input is byte-identical.
pub fn last_updated(entries: &[Entry]) -> Option<DateTime<FixedOffset>> {
    entries.iter().map(|entry| entry.item.updated).max()
}

pub fn generator_name() -> String {
    format!("feedwright {}", env!("CARGO_PKG_VERSION"))
}

/// XML 1.0 cannot hold most control characters, not even escaped, nor
/// U+FFFE/U+FFFF, and it discourages DEL and the C1 controls (U+0080 to
/// U+009F), which no reader shows as text; all are dropped from the
/// finished document so that no field can smuggle them in.
pub fn xml_safe(document: String) -> String {
    if document.chars().all(is_xml_char) {
        return document;
    }
    document.chars().filter(|&c| is_xml_char(c)).collect()
}

fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\u{FFFE}d\te".into()), "abcd\te");
        assert_eq!(xml_safe("x\u{7f}y\u{85}z\u{9f}\u{a0}".into()), "xyz\u{a0}");
        assert_eq!(xml_safe("plain".into()), "plain");
    }
}
