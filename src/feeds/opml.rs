//! `feeds.opml` (OPML 2.0, <http://opml.org/spec2.opml>): every feed a
//! build writes, as one subscription list that readers import whole. It is
//! written with quick-xml's element writer, which escapes every value.

use crate::report::outcome::FeedKind;
use crate::site::config::Config;
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

/// One feed in the list.
pub struct Subscription {
    pub title: String,
    pub kind: FeedKind,
    pub url: String,
}

pub fn format_name(kind: FeedKind) -> &'static str {
    match kind {
        FeedKind::Rss => "RSS",
        FeedKind::Atom => "Atom",
        FeedKind::Json => "JSON Feed",
        FeedKind::Opml => "OPML",
        FeedKind::Stylesheet => "XSLT",
        FeedKind::Page => "HTML",
    }
}

/// The document, in the order given. Each feed is one outline of type
/// `rss` (OPML's type for any subscription, whatever the feed's format),
/// its text the feed's title with the format, so that readers offering all
/// three show them apart.
pub fn opml(config: &Config, subscriptions: &[Subscription]) -> Vec<u8> {
    let mut writer = Writer::new_with_indent(Vec::new(), b' ', 2);
    let written: std::io::Result<()> = (|| {
        writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        writer
            .create_element("opml")
            .with_attribute(("version", "2.0"))
            .write_inner_content(|writer| {
                writer.create_element("head").write_inner_content(|head| {
                    head.create_element("title")
                        .write_text_content(BytesText::new(&config.title))?;
                    head.create_element("ownerName")
                        .write_text_content(BytesText::new(&config.author.name))?;
                    if let Some(email) = &config.author.email {
                        head.create_element("ownerEmail")
                            .write_text_content(BytesText::new(email))?;
                    }
                    Ok(())
                })?;
                writer.create_element("body").write_inner_content(|body| {
                    for subscription in subscriptions {
                        let text = format!(
                            "{} ({})",
                            subscription.title,
                            format_name(subscription.kind)
                        );
                        body.create_element("outline")
                            .with_attribute(("type", "rss"))
                            .with_attribute(("text", text.as_str()))
                            .with_attribute(("title", text.as_str()))
                            .with_attribute(("xmlUrl", subscription.url.as_str()))
                            .with_attribute(("htmlUrl", config.base_url.as_str()))
                            .write_empty()?;
                    }
                    Ok(())
                })?;
                Ok(())
            })?;
        Ok(())
    })();
    // Writing to memory cannot fail.
    written.expect("writing OPML to memory");
    let mut out = writer.into_inner();
    out.push(b'\n');
    super::entry::xml_safe(String::from_utf8(out).unwrap_or_default()).into_bytes()
}
