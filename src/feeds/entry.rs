//! What every format's writer shares: the entry (an item with its HTML),
//! the feed's last-updated instant, the generator's name, and the filter
//! that keeps characters XML cannot hold out of every document.

use crate::input::record::Author;
use crate::site::catalog::Item;
use crate::site::config::Config;
use chrono::{DateTime, FixedOffset};
use std::sync::Arc;

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

impl Entry {
    /// The record's language when it is not the feed's: the one an entry
    /// must state itself (Atom `xml:lang`, JSON Feed `language`).
    pub fn language_if_not(&self, feed_language: &str) -> Option<&str> {
        self.item
            .record
            .language()
            .filter(|language| !language.eq_ignore_ascii_case(feed_language))
    }
}

/// One feed document to write: the site's own feed or a tag's, author's,
/// section's or language's, in any format. Entries are shared with every
/// other feed that holds them: an item's HTML is rendered once per build.
pub struct Feed<'a> {
    pub config: &'a Config,
    pub title: String,
    /// Where this document is published, for its self link.
    pub self_url: url::Url,
    pub language: String,
    pub entries: Vec<Arc<Entry>>,
    /// RFC 5005 and `WebSub` links.
    pub history: super::history::History,
}

/// The feed's last-updated instant comes from its content, never from the
/// clock, so a rebuild of unchanged input is byte-identical.
pub fn last_updated(entries: &[Arc<Entry>]) -> Option<DateTime<FixedOffset>> {
    entries.iter().map(|entry| entry.item.updated).max()
}

pub fn generator_name() -> String {
    format!("feedwright {}", env!("CARGO_PKG_VERSION"))
}

/// Drops from the finished document every character `util::feed_can_carry`
/// refuses, so that no field can smuggle one in.
pub fn xml_safe(document: String) -> String {
    if document.chars().all(crate::util::feed_can_carry) {
        return document;
    }
    document
        .chars()
        .filter(|&c| crate::util::feed_can_carry(c))
        .collect()
}

/// Elements whose text is HTML, left as the writer wrote them: RSS
/// `content:encoded` (CDATA) and Atom `content`.
const HTML_ELEMENTS: &[&[u8]] = &[b"content:encoded", b"content"];

/// Rewrites the text of every element but the HTML ones so that no
/// validator or reader takes plain text for markup: `&`, `<` and `>` are
/// written as the character references `&#x26;`, `&#x3C;` and `&#x3E;`
/// (the RSS Profile's advice, and what the W3C validator looks for before
/// it calls `&amp;` or `&lt;b` in a plain-text element HTML), and a `</`
/// gets an invisible U+2060 WORD JOINER between its two characters, since
/// the validator calls any `</b>` in a title HTML however it is escaped.
/// The document is read and written again with an XML event reader and
/// writer, so markup is never touched as a string; a document it cannot
/// read is returned as it was (the checks after rendering report it).
pub fn plain_text_as_text(document: String) -> String {
    if !document.contains('&') {
        return document;
    }
    rewrite_plain_text(&document).unwrap_or(document)
}

fn rewrite_plain_text(document: &str) -> Option<String> {
    use quick_xml::events::{BytesText, Event};
    let mut reader = quick_xml::Reader::from_str(document);
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 64));
    // The innermost open element is an HTML one.
    let mut html_depth: Vec<bool> = Vec::new();
    // The text (unescaped) of the current run of text and references.
    let mut text = String::new();
    let mut in_text = false;
    loop {
        let event = reader.read_event().ok()?;
        let plain = !html_depth.last().copied().unwrap_or(false);
        match &event {
            Event::Text(chunk) if plain => {
                text.push_str(&quick_xml::escape::unescape(&chunk.decode().ok()?).ok()?);
                in_text = true;
                continue;
            }
            Event::GeneralRef(reference) if plain => {
                let resolved = match reference.resolve_char_ref().ok()? {
                    Some(c) => c.to_string(),
                    None => {
                        quick_xml::escape::resolve_predefined_entity(&reference.decode().ok()?)?
                            .to_string()
                    }
                };
                text.push_str(&resolved);
                in_text = true;
                continue;
            }
            _ => {}
        }
        if in_text {
            let escaped = escape_plain(&text);
            writer
                .write_event(Event::Text(BytesText::from_escaped(escaped)))
                .ok()?;
            text.clear();
            in_text = false;
        }
        let event = match event {
            Event::Start(start) => {
                html_depth.push(HTML_ELEMENTS.contains(&start.name().as_ref()));
                Event::Start(plain_title_attribute(start)?)
            }
            Event::Empty(start) => Event::Empty(plain_title_attribute(start)?),
            Event::End(end) => {
                html_depth.pop();
                Event::End(end)
            }
            Event::Eof => break,
            other => other,
        };
        writer.write_event(event).ok()?;
    }
    String::from_utf8(writer.into_inner()).ok()
}

/// A `title` attribute (of an Atom `link`, or RSS `atom:link`) is plain
/// text that the validator checks as it checks a title element; it gets
/// the same escaping. Other attributes are copied byte for byte.
fn plain_title_attribute(
    start: quick_xml::events::BytesStart<'_>,
) -> Option<quick_xml::events::BytesStart<'_>> {
    use quick_xml::events::attributes::Attribute;
    let needs_rewrite = start.attributes().any(|attribute| {
        attribute.is_ok_and(|a| a.key.as_ref() == b"title" && a.value.contains(&b'&'))
    });
    if !needs_rewrite {
        return Some(start);
    }
    let name = std::str::from_utf8(start.name().as_ref()).ok()?.to_string();
    let mut rewritten = quick_xml::events::BytesStart::new(name);
    for attribute in start.attributes() {
        let attribute = attribute.ok()?;
        if attribute.key.as_ref() == b"title" {
            let raw = std::str::from_utf8(&attribute.value).ok()?;
            let value = quick_xml::escape::unescape(raw).ok()?;
            rewritten.push_attribute(Attribute {
                key: attribute.key,
                value: std::borrow::Cow::Owned(escape_plain(&value).into_bytes()),
            });
        } else {
            rewritten.push_attribute(attribute);
        }
    }
    Some(rewritten.into_owned())
}

fn escape_plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '&' => out.push_str("&#x26;"),
            '<' => {
                out.push_str("&#x3C;");
                if chars.peek() == Some(&'/') {
                    out.push('\u{2060}');
                }
            }
            '>' => out.push_str("&#x3E;"),
            // As the writers escape them, so that other text is unchanged.
            '\'' => out.push_str("&apos;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_xml_cannot_hold_are_dropped() {
        assert_eq!(xml_safe("a\u{0}b\u{1b}c\u{FFFE}d\te".into()), "abcd\te");
        assert_eq!(xml_safe("x\u{7f}y\u{85}z\u{9f}\u{a0}".into()), "xyz\u{a0}");
        assert_eq!(xml_safe("plain".into()), "plain");
        assert_eq!(xml_safe("lost\u{FFFD}".into()), "lost");
    }

    #[test]
    fn plain_text_is_written_as_character_references() {
        let document = "<rss><title>AT&amp;T &lt;b&gt; &lt;/i&gt; &amp;amp;</title><content:encoded><![CDATA[<p>a &amp; b</p>]]></content:encoded><description>x &amp;lt;y</description><feed><content type=\"html\">&lt;p&gt;</content></feed></rss>";
        assert_eq!(
            plain_text_as_text(document.into()),
            "<rss><title>AT&#x26;T &#x3C;b&#x3E; &#x3C;\u{2060}/i&#x3E; &#x26;amp;</title><content:encoded><![CDATA[<p>a &amp; b</p>]]></content:encoded><description>x &#x26;lt;y</description><feed><content type=\"html\">&lt;p&gt;</content></feed></rss>"
        );
        let link = "<feed><link href=\"https://x.example/?a=1&amp;b=2\" rel=\"related\" title=\"A &amp; &lt;/b&gt; it&apos;s\"/></feed>";
        assert_eq!(
            plain_text_as_text(link.into()),
            "<feed><link href=\"https://x.example/?a=1&amp;b=2\" rel=\"related\" title=\"A &#x26; &#x3C;\u{2060}/b&#x3E; it&apos;s\"/></feed>"
        );
        let untouched = "<rss a=\"b &amp; c\">\n  <title>Plain</title>\n</rss>\n";
        assert_eq!(plain_text_as_text(untouched.into()), untouched);
    }
}
