//! Validate: takes the bytes of a feed document and gives located problems
//! against the rules of its format — RSS 2.0, Atom 1.0 or JSON Feed 1.1,
//! told apart by content. It knows no site and touches no file, so `build`
//! runs it on every feed it renders before writing anything, and it can
//! check anyone's feed. Each problem carries a stable code; where the W3C
//! Feed Validation Service has the same rule, it is that service's message
//! class name, and the severity is the one that service gives.
//!
//! Hostile input is expected: no DTD internal subset is accepted (so no
//! entity can expand or name a file), nothing is fetched, nesting is
//! bounded, and anything that is not a feed is said to be one error.

mod html;
mod json;
mod sink;
mod values;
mod vocabularies;
mod xml;

use crate::report::diagnostic::Diagnostic;
use roxmltree::{Document, ParsingOptions};
use sink::Sink;
use std::borrow::Cow;
use std::path::Path;

/// File name endings `validate DIR` looks at.
pub const FEED_EXTENSIONS: &[&str] = &["xml", "rss", "atom", "json"];

/// Checks one document; an empty list means it passed every rule.
pub fn check(path: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    let text = match decode(bytes) {
        Ok(text) => text,
        Err(message) => {
            return vec![Diagnostic::error(path, Some(1), message).with_code("UnicodeError")];
        }
    };
    let mut sink = Sink::new(path, &text);
    let trimmed = text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if trimmed.is_empty() {
        sink.error(0, "NotAFeed", "the document is empty");
    } else if trimmed.starts_with('{') {
        json::check(&mut sink, &text);
    } else {
        check_xml(&mut sink, &text);
    }
    sink.finish()
}

/// The text of the document: UTF-8 (with or without a byte order mark),
/// UTF-16 with a byte order mark, or a single-byte encoding the XML
/// declaration names.
fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, String> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        // A UTF-8 byte order mark and a declaration naming another
        // encoding contradict each other; readers pick either.
        let head = String::from_utf8_lossy(&rest[..rest.len().min(200)]).to_lowercase();
        if let Some(declared) = declared_encoding(&head)
            && !["utf-8", "utf8"].contains(&declared.as_str())
        {
            return Err(format!(
                "UnicodeError: the document starts with a UTF-8 byte order mark but declares {declared}"
            ));
        }
        return std::str::from_utf8(rest)
            .map(Cow::Borrowed)
            .map_err(|_| "UnicodeError: the document is not UTF-8".to_string());
    }
    let utf16 = |little: bool, rest: &[u8]| -> Result<Cow<'_, str>, String> {
        let units: Vec<u16> = rest
            .chunks_exact(2)
            .map(|pair| {
                if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            })
            .collect();
        String::from_utf16(&units)
            .map(Cow::Owned)
            .map_err(|_| "UnicodeError: the document is not valid UTF-16".to_string())
    };
    match bytes {
        [0xFF, 0xFE, rest @ ..] => return utf16(true, rest),
        [0xFE, 0xFF, rest @ ..] => return utf16(false, rest),
        _ => {}
    }
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(200)]).to_lowercase();
    let declared = declared_encoding(&head);
    // Without a byte order mark the declaration decides (XML 1.0, 4.3.3):
    // a document that says Latin-1 is read as Latin-1 even when its bytes
    // happen to be UTF-8, as readers do; what that makes of them is what
    // `BadCharacters` then reports.
    match declared.as_deref() {
        Some("iso-8859-1" | "latin1" | "latin-1") if !bytes.is_ascii() => {
            return Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()));
        }
        Some("windows-1252" | "cp1252") if !bytes.is_ascii() => {
            return Ok(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()));
        }
        _ => {}
    }
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(Cow::Borrowed(text));
    }
    match declared.as_deref() {
        Some("us-ascii" | "ascii") => {
            Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()))
        }
        _ => Err(
            "UnicodeError: the document is not UTF-8 and declares no encoding that can be read"
                .to_string(),
        ),
    }
}

/// One windows-1252 byte as a character: Latin-1 but for 0x80–0x9F,
/// where it has typographic characters instead of C1 controls.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

/// The first character a reader would show as garbage: a C1 control
/// (U+0080–U+009F, windows-1252 read as Latin-1), U+FFFD (a character
/// already lost), or Â or Ã before U+0080–U+00BF (UTF-8 read as Latin-1
/// and encoded again). One scan of the bytes from `from`.
fn bad_characters(text: &str, from: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut at = from;
    while let Some(found) = bytes.get(at..)?.iter().position(|&b| b >= 0xC2) {
        let i = at + found;
        let next = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
        let bad = match bytes[i] {
            0xC2 => (0x80..=0x9F).contains(&next(1)),
            0xC3 => {
                matches!(next(1), 0x82 | 0x83)
                    && next(2) == 0xC2
                    && (0x80..=0xBF).contains(&next(3))
            }
            0xEF => next(1) == 0xBF && next(2) == 0xBD,
            _ => false,
        };
        if bad {
            return Some(i);
        }
        at = i + 1;
    }
    None
}

/// The encoding an XML declaration names, lower case.
fn declared_encoding(head: &str) -> Option<String> {
    let declaration = head
        .trim_start()
        .strip_prefix("<?xml")?
        .split("?>")
        .next()?;
    let rest = declaration.split("encoding").nth(1)?;
    let rest = rest.trim_start().strip_prefix('=')?.trim_start();
    let quote = rest.chars().next()?;
    Some(rest[1..].split(quote).next()?.to_string())
}

/// The DOCTYPE's rules; `None` when the document must not be parsed,
/// else whether it names Netscape's RSS 0.91 DTD.
fn doctype(sink: &mut Sink, text: &str) -> Option<bool> {
    // An internal DTD subset is where entities are declared; a feed needs
    // none, and one could expand without bound (a "billion laughs").
    // A DOCTYPE that only names an outside DTD is read and never fetched.
    let Some(start) = text.find("<!DOCTYPE") else {
        return Some(false);
    };
    let declaration = &text[start..];
    let end = declaration.find('>').unwrap_or(declaration.len());
    if declaration[..end].contains('[') {
        sink.error(
            start,
            "EntityDeclaration",
            "the document declares entities in a DTD; feeds must not (they could expand without bound)",
        );
        return None;
    }
    if declaration[..end].to_lowercase().contains("<!doctype html") {
        sink.error(start, "NotAFeed", "this is an HTML page, not a feed");
        return None;
    }
    // Netscape's RSS 0.91 DTD is gone from my.netscape.com; readers that
    // validate fail to fetch it, and it defines HTML entities that
    // nothing else does.
    let netscape = declaration[..end].contains("my.netscape.com/publish/formats/rss-0.91.dtd");
    if netscape {
        sink.error(
            start,
            "DeprecatedDTD",
            "the DOCTYPE names Netscape's RSS 0.91 DTD, which is no longer served",
        );
    }
    Some(netscape)
}

fn check_xml(sink: &mut Sink, text: &str) {
    let Some(netscape_dtd) = doctype(sink, text) else {
        return;
    };
    // External entities are never resolved: roxmltree's default resolver
    // is none, so an outside DTD or entity is not fetched.
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    if let Some(offset) = xml::too_many_attributes(text) {
        sink.error(
            offset,
            "TooManyAttributes",
            format!(
                "an element has more than {} attributes; no feed does",
                xml::MAX_ATTRIBUTES
            ),
        );
        return;
    }
    let document = match Document::parse_with_options(text, options) {
        Ok(document) => document,
        Err(error) => {
            let position = error.pos();
            let offset = offset_of(text, position.row as usize, position.col as usize);
            if text.trim_start().starts_with('<') {
                sink.error(
                    offset,
                    "SAXError",
                    format!("the document is not well-formed XML: {error}"),
                );
            } else {
                sink.error(0, "NotAFeed", "the document is neither XML nor JSON");
            }
            return;
        }
    };
    if let Some(offset) = xml::too_deep(&document) {
        sink.error(
            offset,
            "TooDeep",
            format!(
                "elements nest deeper than {} levels; no feed does",
                xml::MAX_DEPTH
            ),
        );
        return;
    }
    if let Some(declaration) = text.trim_start_matches('\u{feff}').strip_prefix("<?xml")
        && let Some(version) = declaration
            .split("?>")
            .next()
            .and_then(|d| d.split("version=").nth(1))
        && !version.trim_start_matches(['"', '\'']).starts_with("1.0")
    {
        sink.error(
            0,
            "BadXmlVersion",
            "feeds are XML 1.0; readers may refuse another version",
        );
    }
    let root = document.root_element();
    if netscape_dtd && root.tag_name().name() == "rss" && root.attribute("version") != Some("0.91")
    {
        sink.error(
            root.range().start,
            "InvalidDoctype",
            "the RSS 0.91 DOCTYPE on a document of another version",
        );
    }
    if let Some(offset) = bad_characters(text, root.range().start) {
        sink.warning(
            offset,
            "BadCharacters",
            "the document holds characters readers show as garbage (a C1 control, U+FFFD, or UTF-8 encoded twice); check its encoding",
        );
    }
    let mut walker = xml::Walker::new(sink);
    dispatch(&mut walker, root);
}

/// Each kind of document to its checks, by its root element.
fn dispatch(walker: &mut xml::Walker, root: roxmltree::Node) {
    if ["rss", "feed", "entry", "RDF"].contains(&root.tag_name().name()) {
        walker.declared_namespaces(root);
    }
    match (root.tag_name().namespace(), root.tag_name().name()) {
        (_, "rss") => {
            walker.rss(root);
            // Apple Podcasts reads feeds as UTF-8 only.
            let head = &root.document().input_text()[..root.range().start];
            if walker.is_podcast()
                && declared_encoding(&head.to_lowercase())
                    .is_some_and(|e| !["utf-8", "utf8"].contains(&e.as_str()))
            {
                walker.sink.warning(
                    0,
                    "NotUTF8",
                    "podcast feeds must be UTF-8; Apple Podcasts rejects other encodings",
                );
            }
        }
        (Some(xml::ATOM), "feed") => walker.atom_feed(root),
        (Some(xml::ATOM), "entry") => walker.atom_entry_document(root),
        (Some(ns), "feed") if ns.starts_with("http://purl.org/atom/ns") => walker.sink.error(
            root.range().start,
            "ObsoleteNamespace",
            "this is Atom 0.3 (or older), replaced by Atom 1.0 in 2005; readers may drop it",
        ),
        (Some("http://www.w3.org/1999/02/22-rdf-syntax-ns#"), "RDF") => walker.rdf(root),
        (Some(ns), "feed") => walker.sink.error(
            root.range().start,
            "InvalidNamespace",
            format!(
                "<feed> is in the namespace {ns:?}; Atom 1.0's is {}",
                xml::ATOM
            ),
        ),
        (None, "feed") => walker.sink.error(
            root.range().start,
            "MissingNamespace",
            format!("<feed> is in no namespace; Atom 1.0's is {}", xml::ATOM),
        ),
        (_, "html") => walker.sink.error(
            root.range().start,
            "NotAFeed",
            "this is an HTML page, not a feed",
        ),
        (_, name) => walker.sink.error(
            root.range().start,
            "UndefinedElement",
            format!("<{name}> is not the root of an RSS, Atom or JSON feed"),
        ),
    }
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = text
        .match_indices('\n')
        .nth(line.saturating_sub(2))
        .map_or(0, |(index, _)| if line <= 1 { 0 } else { index + 1 });
    text[line_start..]
        .char_indices()
        .nth(column.saturating_sub(1))
        .map_or(text.len(), |(index, _)| line_start + index)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        check(Path::new("f.xml"), text.as_bytes())
            .iter()
            .filter_map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_channel_without_its_required_elements_is_named() {
        let problems = check(
            Path::new("f.xml"),
            b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>",
        );
        let found: Vec<_> = problems.iter().map(|p| p.code).collect();
        assert_eq!(
            found,
            [
                Some("MissingAtomSelfLink"),
                Some("MissingLink"),
                Some("MissingDescription")
            ]
        );
        assert!(!problems[0].is_error());
        assert!(problems[1].message.starts_with("MissingLink: "));
    }

    // Found by the red-team pass: 100,000 attributes on one element took
    // 27 s, the parser's duplicate check being quadratic.
    #[test]
    fn an_element_with_too_many_attributes_is_refused_before_parsing() {
        let many = (0..=xml::MAX_ATTRIBUTES).fold(String::new(), |mut all, i| {
            use std::fmt::Write as _;
            let _ = write!(all, " a{i}=\"x\"");
            all
        });
        let feed = format!("<rss version=\"2.0\"><channel{many}><title>t</title></channel></rss>");
        assert_eq!(codes(&feed), ["TooManyAttributes"]);
        // Attribute-like text in comments, CDATA and values does not count.
        let hidden = format!(
            "<rss version=\"2.0\"><!--<x{many}>--><channel title=\"{}\"><description><![CDATA[<p{many}>]]></description></channel></rss>",
            "=".repeat(5000)
        );
        assert!(!codes(&hidden).contains(&"TooManyAttributes"));
    }

    #[test]
    fn a_dtd_is_refused_before_any_entity_expands() {
        let bomb = "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><rss version=\"2.0\"><channel><title>&b;</title></channel></rss>";
        assert_eq!(codes(bomb), ["EntityDeclaration"]);
    }

    #[test]
    fn an_atom_entry_needs_id_title_and_updated() {
        let feed = format!(
            "<feed xmlns=\"{}\"><id>http://x/</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><author><name>a</name></author><link rel=\"self\" href=\"http://x/f\"/>\n<entry><id>http://x/y</id><summary>s</summary><link href=\"http://x/y\"/></entry></feed>",
            xml::ATOM
        );
        let problems = check(Path::new("a.xml"), feed.as_bytes());
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(problems[0].line, Some(2));
        assert_eq!(problems[0].column, Some((1, 1)));
    }

    #[test]
    fn rss_1_0_is_read_from_its_specification() {
        let rdf = "<rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\" xmlns=\"http://purl.org/rss/1.0/\"><channel rdf:about=\"http://x/\"><title>t</title><link>http://x/</link><description>d</description><language>en</language></channel><item><title>i</title><link>http://x/i</link></item></rdf:RDF>";
        // <language> is RSS 2.0's; the channel lacks <items>; the item
        // lacks rdf:about.
        assert_eq!(
            codes(rdf),
            ["UndefinedElement", "MissingElement", "MissingAttribute"]
        );
    }

    #[test]
    fn latin_1_read_as_declared_shows_twice_encoded_text() {
        let feed = "<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\"><channel><title>caf\u{e9}</title><link>http://x/</link><description>d</description><atom:link rel=\"self\" href=\"http://x/f\"/></channel></rss>";
        assert_eq!(codes(feed), ["BadCharacters"]);
    }

    #[test]
    fn atom_text_and_content_are_read_as_their_type_says() {
        let entry = |body: &str| {
            format!(
                "<feed xmlns=\"{}\"><id>http://x/</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><author><name>a</name></author><link rel=\"self\" href=\"http://x/f\"/><entry><id>http://x/y</id><title>t</title><updated>2025-01-01T00:00:00Z</updated><link href=\"http://x/y\"/>{body}</entry></feed>",
                xml::ATOM
            )
        };
        // "<script>x</script>" in base64, sent as HTML.
        let script = entry(
            "<content type=\"application/html\">PHNjcmlwdD54PC9zY3JpcHQ+</content><summary>s</summary>",
        );
        assert_eq!(codes(&script), ["SecurityRisk"]);
        let escaped =
            entry("<content type=\"xhtml\">&lt;p&gt;x&lt;/p&gt;</content><summary>s</summary>");
        assert_eq!(codes(&escaped), ["MissingXhtmlDiv", "NotInline"]);
        let mode = entry("<summary type=\"text/plain\" mode=\"escaped\"><b>x</b></summary>");
        assert!(codes(&mode).contains(&"NotEscaped"), "{:?}", codes(&mode));
    }

    #[test]
    fn what_is_not_a_feed_says_so() {
        assert_eq!(codes(""), ["NotAFeed"]);
        assert_eq!(
            codes("<!DOCTYPE html><html><body>x</body></html>"),
            ["NotAFeed"]
        );
        assert_eq!(codes("plain words"), ["NotAFeed"]);
        let binary = check(Path::new("f.bin"), &[0xff, 0x00, 0x80, 0x81, 0x90]);
        assert_eq!(binary[0].code, Some("UnicodeError"));
    }

    #[test]
    fn a_nesting_bomb_is_one_error() {
        let depth = 100_000;
        let bomb = format!(
            "<rss version=\"2.0\"><channel>{}{}</channel></rss>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        assert_eq!(codes(&bomb), ["TooDeep"]);
    }
}
