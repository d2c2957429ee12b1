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
    /// For RSS and Atom with `stylesheet = true`: the address of
    /// `feed.xsl` relative to this document.
    pub stylesheet: Option<String>,
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
    if all_carried(&document) {
        return document;
    }
    document
        .chars()
        .filter(|&c| crate::util::feed_can_carry(c))
        .collect()
}

/// An RSS or Atom document as its writer left it, made ready to publish:
/// characters XML cannot hold dropped, plain text written as text, and
/// the stylesheet's processing instruction added when there is one.
pub fn finish_xml(written: Vec<u8>, stylesheet: Option<&str>) -> Vec<u8> {
    let document =
        plain_text_as_text(xml_safe(String::from_utf8(written).unwrap_or_default())).into_bytes();
    match stylesheet {
        Some(href) => super::stylesheet::declared(document, href),
        None => document,
    }
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
    if !has_plain_reference(&document) {
        return document;
    }
    rewrite_plain_runs(&document).unwrap_or(document)
}

/// The document cut into runs of plain markup and the bodies of the HTML
/// elements between them (`false`, `true`), found by a scan over the
/// bytes; `None` when an HTML element's end cannot be found, and the
/// document must be read whole. Each HTML element's start tag ends a plain
/// run and its end tag begins the next, so a text run is never cut.
fn html_regions(document: &str) -> Option<Vec<(std::ops::Range<usize>, bool)>> {
    let bytes = document.as_bytes();
    let mut regions = Vec::new();
    let (mut plain_start, mut at) = (0, 0);
    while let Some(found) = memchr::memmem::find(&bytes[at..], b"<content") {
        let name_at = at + found + b"<content".len();
        let after = &bytes[name_at..];
        let (name_end, close): (usize, &[u8]) = if after.starts_with(b":encoded") {
            (b":encoded".len(), b"</content:encoded>")
        } else {
            (0, b"</content>")
        };
        let tag_end = memchr::memchr(b'>', after)?;
        let named_exactly = after
            .get(name_end)
            .is_some_and(|&byte| matches!(byte, b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r'));
        if !named_exactly || after[..tag_end].ends_with(b"/") {
            // Another element (`<contents>`), or an empty one: plain markup.
            at = name_at;
            continue;
        }
        let body_start = name_at + tag_end + 1;
        let body_end = body_start + memchr::memmem::find(&bytes[body_start..], close)?;
        regions.push((plain_start..body_start, false));
        regions.push((body_start..body_end, true));
        (plain_start, at) = (body_end, body_end);
    }
    regions.push((plain_start..bytes.len(), false));
    Some(regions)
}

/// Whether any text outside the HTML elements holds a reference that
/// `rewrite_plain_text` would change (anything but `&apos;` and `&quot;`,
/// which it writes back as they are). Errs towards `true`.
fn has_plain_reference(document: &str) -> bool {
    let Some(regions) = html_regions(document) else {
        return memchr::memchr(b'&', document.as_bytes()).is_some();
    };
    regions
        .into_iter()
        .any(|(range, html)| !html && has_changing_reference(&document.as_bytes()[range]))
}

/// `rewrite_plain_text` with each HTML element's body taken out first and
/// put back after: a feed's bulk is its HTML, and reading it as XML events
/// only to write it back unchanged cost more than writing the feed. The
/// skeleton (the document without those bodies) is well-formed and holds
/// every plain text, so it is read and rewritten as the whole would be.
fn rewrite_plain_runs(document: &str) -> Option<String> {
    let Some(regions) = html_regions(document) else {
        return rewrite_plain_text(document);
    };
    let bodies: Vec<&str> = regions
        .iter()
        .filter(|(_, html)| *html)
        .map(|(range, _)| &document[range.clone()])
        .collect();
    if bodies.is_empty() {
        return rewrite_plain_text(document);
    }
    let skeleton: String = regions
        .iter()
        .filter(|(_, html)| !*html)
        .map(|(range, _)| &document[range.clone()])
        .collect();
    let rewritten = rewrite_plain_text(&skeleton)?;
    let holes = html_regions(&rewritten)?;
    // Each HTML element is where it was, now empty; anything else means the
    // rewrite changed the markup, and the whole document is read instead.
    let empty_holes = holes
        .iter()
        .filter(|(range, html)| *html && range.is_empty())
        .count();
    if empty_holes != bodies.len() || holes.iter().filter(|(_, html)| *html).count() != empty_holes
    {
        return rewrite_plain_text(document);
    }
    let mut out = String::with_capacity(document.len() + rewritten.len() - skeleton.len());
    let mut bodies = bodies.into_iter();
    for (range, html) in holes {
        if html {
            out.push_str(bodies.next()?);
        } else {
            out.push_str(&rewritten[range]);
        }
    }
    Some(out)
}

fn has_changing_reference(plain: &[u8]) -> bool {
    memchr::memchr_iter(b'&', plain).any(|at| {
        let reference = &plain[at + 1..];
        !(reference.starts_with(b"apos;") || reference.starts_with(b"quot;"))
    })
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

/// Whether `feed_can_carry` takes every character of `text`, looking at
/// a character only where its first byte could begin one it refuses: a
/// C0 control or DEL, `C2` (C1 controls), `EF` (U+F000–U+FFFF: the
/// noncharacters U+FDD0–U+FDEF, U+FFFD–U+FFFF) and `F0`–`F4` (the other
/// planes' U+xFFFE/U+xFFFF). A continuation byte is never one of these,
/// so each hit is the start of a character. Every feed passes through
/// here whole, and most hold none of these bytes in their markup.
fn all_carried(text: &str) -> bool {
    const BLOCK: usize = 64;
    let bytes = text.as_bytes();
    let suspicious = |byte: u8| {
        (byte < 0x20 && !matches!(byte, b'\t' | b'\n' | b'\r'))
            || byte == 0x7F
            || byte == 0xC2
            || byte >= 0xEF
    };
    // Whole blocks are tested without an early exit, which the compiler
    // turns into vector instructions; only a block with a hit is searched.
    let next_hit = |from: usize| -> Option<usize> {
        let mut start = from;
        while start < bytes.len() {
            let end = (start + BLOCK).min(bytes.len());
            let block = &bytes[start..end];
            if block
                .iter()
                .fold(false, |hit, &byte| hit | suspicious(byte))
            {
                return block
                    .iter()
                    .position(|&byte| suspicious(byte))
                    .map(|at| start + at);
            }
            start = end;
        }
        None
    };
    let mut at = 0;
    while let Some(hit) = next_hit(at) {
        at = hit;
        let Some(c) = text[at..].chars().next() else {
            return true;
        };
        if !crate::util::feed_can_carry(c) {
            return false;
        }
        at += c.len_utf8();
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The feed writers put only text (escaped, or one CDATA section) in an
    /// HTML element, never an element.
    fn as_writers_write(document: &str) -> bool {
        html_regions(document).is_none_or(|regions| {
            regions.into_iter().all(|(range, html)| {
                let body = &document[range];
                !html
                    || !body.contains('<')
                    || (body.starts_with("<![CDATA[") && body.ends_with("]]>"))
            })
        })
    }

    /// Pieces of documents, joined at random: text with and without
    /// references, HTML elements (escaped, CDATA, empty), look-alikes.
    const PIECES: &[&str] = &[
        "<title>",
        "</title>",
        "A &amp; B",
        "&lt;b&gt;",
        "it&apos;s",
        "&quot;q&quot;",
        "<content type=\"html\">",
        "</content>",
        "<content:encoded><![CDATA[<p>a &amp; b</p>]]></content:encoded>",
        "<content/>",
        "<contents>",
        "</contents>",
        "text",
        "<link href=\"x\" title=\"a &amp; b\"/>",
        "<content:encoded>",
        "</content:encoded>",
        "&#x26;",
        " ",
        "<entry>",
        "</entry>",
        "&lt;/i&gt;",
    ];

    fn documents() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::strategy::Strategy;
        proptest::collection::vec(proptest::sample::select(PIECES), 0..24)
            .prop_map(|parts| format!("<feed>{}</feed>", parts.concat()))
            .prop_filter("as the writers write", |document| {
                as_writers_write(document)
            })
    }

    proptest::proptest! {
        /// Rewriting the plain runs alone gives what rewriting the whole
        /// document gives.
        #[test]
        fn the_plain_runs_rewrite_as_the_whole_does(document in documents()) {
            // Only documents the whole rewrite can read are compared.
            if let Some(whole) = rewrite_plain_text(&document) {
                proptest::prop_assert_eq!(rewrite_plain_runs(&document), Some(whole));
            }
        }

        /// The scan may skip the rewrite only where the rewrite would
        /// change nothing.
        #[test]
        fn a_skipped_rewrite_is_one_that_changes_nothing(document in documents()) {
            if !has_plain_reference(&document) {
                let rewritten = rewrite_plain_text(&document).unwrap_or_else(|| document.clone());
                proptest::prop_assert_eq!(rewritten, document);
            }
        }
    }

    #[test]
    fn the_byte_scan_agrees_with_the_character_rule() {
        let samples = [
            "plain ASCII",
            "tab\tnewline\n",
            "nul\u{0}",
            "del\u{7f}",
            "nbsp\u{a0}«»",
            "c1\u{85}",
            "curly “quotes” — dash",
            "汉字 and Ж",
            "\u{FDCF}\u{FDD0}",
            "\u{FDEF}",
            "\u{FDF0}",
            "\u{FFFC}",
            "\u{FFFD}",
            "\u{FFFE}",
            "\u{1F600} emoji",
            "\u{1FFFE}",
            "\u{10FFFF}",
            "\u{10FFFD}",
            "\u{E000}\u{F8FF}",
        ];
        for sample in samples {
            assert_eq!(
                all_carried(sample),
                sample.chars().all(crate::util::feed_can_carry),
                "{sample:?}"
            );
        }
    }

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
