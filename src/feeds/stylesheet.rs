//! `feed.xsl` and the `xml-stylesheet` processing instruction that points
//! an RSS or Atom document at it, so that a browser opening a feed shows a
//! page rather than raw XML.

use quick_xml::events::{BytesPI, BytesStart, Event};
use std::path::Path;

/// The stylesheet: XSLT 1.0, one file for RSS 2.0 and Atom 1.0.
const XSL: &str = include_str!("feed.xsl");

pub fn bytes() -> Vec<u8> {
    XSL.as_bytes().to_vec()
}

/// The stylesheet's address as seen from the feed at `feed` (relative to
/// the output folder): relative, so that it is found both on the web and
/// in a folder opened from disk, wherever the site is published.
pub fn href(feed: &Path) -> String {
    let depth = feed.components().count().saturating_sub(1);
    let mut href = "../".repeat(depth);
    href.push_str(crate::site::config::STYLESHEET_FILE);
    href
}

/// `document` with `<?xml-stylesheet type="text/xsl" href="…"?>` right
/// after its XML declaration. The declaration is read and written again as
/// an event and the rest is kept byte for byte. A document with no
/// declaration first is returned as it was (the writers always write one).
pub fn declared(document: Vec<u8>, href: &str) -> Vec<u8> {
    let mut reader = quick_xml::Reader::from_reader(document.as_slice());
    let mut buffer = Vec::new();
    let Ok(Event::Decl(declaration)) = reader.read_event_into(&mut buffer) else {
        return document;
    };
    let declaration = declaration.into_owned();
    let rest = document
        .get(usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX)..)
        .unwrap_or_default()
        .trim_ascii_start();
    // The pseudo-attributes are written as a start tag's attributes are,
    // escaped, then taken as the instruction's content.
    let content =
        BytesStart::new("xml-stylesheet").with_attributes([("type", "text/xsl"), ("href", href)]);
    let content = String::from_utf8_lossy(&content).into_owned();
    let mut writer = quick_xml::Writer::new(Vec::with_capacity(document.len() + 64));
    // Writing to memory cannot fail.
    writer
        .write_event(Event::Decl(declaration))
        .expect("writing to memory");
    writer.get_mut().push(b'\n');
    writer
        .write_event(Event::PI(BytesPI::new(content)))
        .expect("writing to memory");
    let mut out = writer.into_inner();
    out.push(b'\n');
    out.extend_from_slice(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_address_climbs_out_of_the_feeds_folder() {
        assert_eq!(href(Path::new("rss.xml")), "feed.xsl");
        assert_eq!(href(Path::new("feeds/main.xml")), "../feed.xsl");
        assert_eq!(href(Path::new("tags/ferries/atom.xml")), "../../feed.xsl");
    }

    #[test]
    fn the_instruction_follows_the_declaration_and_the_rest_is_kept() {
        let document = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss version=\"2.0\"><channel><title>A &#x26; B</title></channel></rss>\n".to_vec();
        let declared = String::from_utf8(super::declared(document, "../../feed.xsl")).unwrap();
        assert_eq!(
            declared,
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<?xml-stylesheet type=\"text/xsl\" href=\"../../feed.xsl\"?>\n<rss version=\"2.0\"><channel><title>A &#x26; B</title></channel></rss>\n"
        );
        // The href is an attribute's value, escaped as one.
        let odd = String::from_utf8(super::declared(
            b"<?xml version=\"1.0\"?><feed/>".to_vec(),
            "a\"b&c",
        ))
        .unwrap();
        assert!(odd.contains("href=\"a&quot;b&amp;c\""), "{odd}");
        // Without a declaration first, nothing is added.
        assert_eq!(super::declared(b"<feed/>".to_vec(), "feed.xsl"), b"<feed/>");
    }
}
