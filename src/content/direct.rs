//! Markdown written straight to the HTML the sanitiser would give back.
//!
//! A Markdown body with no raw HTML can only produce the handful of
//! elements `CommonMark` defines, every one of them on the sanitiser's
//! allow-list; what the sanitiser still does to such a body is hold its
//! URLs to the policy and write the markup out again the way html5ever
//! serialises it, and the link rewriter then makes relative URLs absolute.
//! Doing those three things while walking pulldown-cmark's events gives the
//! same bytes in one pass instead of six (the sanitiser's parse, tree and
//! serialisation, twice, plus three rewriter passes), which is most of the
//! cost of rendering an item.
//!
//! Anything this walk is not sure to write exactly as the sanitiser would
//! — raw HTML, a URL the policy refuses or that needs a warning, Zola's
//! `@/` links, control characters, deep nesting, markup the HTML parser
//! would rearrange — makes it give up (`None`), and the caller takes the
//! full path. Tests compare the two paths on generated and real Markdown.
//!
//! The same walk, told to write plain raw HTML as it is and to leave URLs
//! to the sanitiser, gives a body with raw HTML to the sanitiser already in
//! the sanitiser's own output form (`html_for_sanitiser`), so that one pass
//! of it is known to be enough.

use pulldown_cmark::{
    Alignment, CodeBlockKind, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd,
};
use std::collections::HashMap;
use std::fmt::Write as _;
use url::Url;

/// Deepest nesting written this way; deeper bodies take the full path,
/// whose own limit (`MAX_NESTING`) decides what is refused.
pub(super) const MAX_DEPTH: usize = 64;

/// Markdown as feedwright reads it: `CommonMark` with tables, footnotes and
/// strikethrough.
pub fn parser(markdown: &str) -> Parser<'_> {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
    Parser::new_ext(markdown, options)
}

/// A body written directly.
pub struct Direct {
    /// What the full path would give: sanitised, URLs made absolute.
    pub html: String,
    /// The text the summary is made from, as `super::auto_summary` reads
    /// it from `html`: no headings, code blocks or footnotes, a space where
    /// each block starts; white space not yet collapsed.
    pub prose: String,
}

/// The body as the full path would write it, with URLs made absolute
/// against `base`, or `None` when it must take that path.
pub fn sanitized_html(markdown: &str, base: &Url) -> Option<Direct> {
    // The HTML parser under the sanitiser rewrites CR and NUL, and reports
    // other control characters: left to it.
    if markdown
        .bytes()
        .any(|byte| byte < 0x20 && byte != b'\n' && byte != b'\t')
    {
        return None;
    }
    let writer = Writer::new(markdown, base, false).run(markdown)?;
    Some(Direct {
        html: writer.out,
        prose: writer.prose,
    })
}

/// The body's HTML for the sanitiser when it holds raw HTML that is only
/// plain markup (see `is_plain_markup`): what pulldown-cmark writes, with
/// the Markdown written in the sanitiser's own output form, so that for
/// most such bodies the sanitiser's output is its input and one pass of
/// it is known to be enough (see `sanitize::clean`). It parses to the same
/// tree as pulldown-cmark's HTML: it differs only in how void elements,
/// no-break spaces, quotes and styles are written, which is the same to
/// the HTML parser outside elements whose text is raw, and plain markup
/// opens none of those. `None` for any other raw HTML.
pub fn html_for_sanitiser(markdown: &str, base: &Url) -> Option<String> {
    Some(Writer::new(markdown, base, true).run(markdown)?.out)
}

impl<'u> Writer<'_, 'u> {
    fn new(markdown: &str, base: &'u Url, for_sanitiser: bool) -> Self {
        Writer {
            for_sanitiser,
            out: String::with_capacity(markdown.len() * 3 / 2),
            prose: String::with_capacity(markdown.len()),
            hidden: 0,
            end_newline: true,
            in_head: false,
            alignments: Vec::new(),
            cell: 0,
            numbers: HashMap::new(),
            depth: 0,
            links_open: 0,
            base,
        }
    }
}

impl<'a> Writer<'a, '_> {
    fn run(mut self, markdown: &'a str) -> Option<Self> {
        let mut events = parser(markdown);
        while let Some(event) = events.next() {
            self.event(event, &mut events)?;
        }
        Some(self)
    }
}

struct Writer<'a, 'u> {
    /// Writing for the sanitiser (see `html_for_sanitiser`), not for the feed.
    for_sanitiser: bool,
    out: String,
    prose: String,
    /// How many elements the summary leaves out are open.
    hidden: usize,
    /// Whether the output ends a line: blocks start on a line of their own.
    end_newline: bool,
    in_head: bool,
    alignments: Vec<Alignment>,
    cell: usize,
    /// Footnote numbers, in order of first mention.
    numbers: HashMap<CowStr<'a>, usize>,
    depth: usize,
    links_open: usize,
    base: &'u Url,
}

impl<'a> Writer<'a, '_> {
    fn write(&mut self, text: &str) {
        // A line break between tags is a text node of white space, which
        // the summary's text keeps.
        if text.contains('\n') {
            self.prose(" ");
        }
        self.out.push_str(text);
        if !text.is_empty() {
            self.end_newline = text.ends_with('\n');
        }
    }

    /// Text that is part of the prose, unless inside a left-out element.
    fn prose(&mut self, text: &str) {
        if self.hidden == 0 {
            self.prose.push_str(text);
        }
    }

    /// A block's start tag, on a line of its own.
    fn block(&mut self, tag: &str) {
        if !self.end_newline {
            self.write("\n");
        }
        self.write(tag);
    }

    fn event(
        &mut self,
        event: Event<'a>,
        rest: &mut impl Iterator<Item = Event<'a>>,
    ) -> Option<()> {
        match event {
            Event::Start(tag) => {
                self.depth += 1;
                if self.depth > MAX_DEPTH && !self.for_sanitiser {
                    return None;
                }
                self.start(tag, rest)?;
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                self.end(tag);
            }
            Event::Text(text) => {
                self.refuse_carriage_return(&text)?;
                self.prose(&text);
                escape_text(&mut self.out, &text);
                self.end_newline = text.ends_with('\n');
            }
            Event::Code(text) => {
                self.refuse_carriage_return(&text)?;
                self.prose(&text);
                self.out.push_str("<code>");
                escape_text(&mut self.out, &text);
                self.write("</code>");
            }
            Event::SoftBreak => self.write("\n"),
            Event::HardBreak => {
                self.prose(" ");
                self.write("<br>\n");
            }
            Event::Rule => self.block("<hr>\n"),
            Event::FootnoteReference(name) => {
                // A footnote mark inside a link is a link inside a link,
                // which the HTML parser takes apart.
                if self.links_open > 0 && !self.for_sanitiser {
                    return None;
                }
                self.out.push_str("<sup class=\"footnote-reference\"><a");
                self.url_attribute("href", &format!("#{name}"))?;
                self.out.push('>');
                let number = self.number(name);
                let _ = write!(self.out, "{number}");
                self.write("</a></sup>");
            }
            Event::Html(html) | Event::InlineHtml(html)
                if self.for_sanitiser && is_plain_markup(&html) =>
            {
                self.write(&html);
            }
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => return None,
        }
        Some(())
    }

    /// `None` for text holding a carriage return, which a character
    /// reference (`&#13;`) can put in any decoded text: the HTML parser
    /// turns it into a line feed, so the full path must write it.
    fn refuse_carriage_return(&self, text: &str) -> Option<()> {
        (self.for_sanitiser || !text.contains('\r')).then_some(())
    }

    fn number(&mut self, name: CowStr<'a>) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(name).or_insert(next)
    }

    fn start(&mut self, tag: Tag<'a>, rest: &mut impl Iterator<Item = Event<'a>>) -> Option<()> {
        match tag {
            Tag::Paragraph => {
                self.prose(" ");
                self.block("<p>");
            }
            Tag::Heading {
                level,
                id,
                classes,
                attrs,
            } => {
                if id.is_some() || !classes.is_empty() || !attrs.is_empty() {
                    return None;
                }
                self.block(&format!("<{level}>"));
                self.hidden += 1;
            }
            Tag::Table(alignments) => {
                self.alignments = alignments;
                self.write("<table>");
            }
            Tag::TableHead => {
                self.prose(" ");
                self.in_head = true;
                self.cell = 0;
                self.write("<thead><tr>");
            }
            Tag::TableRow => {
                self.prose(" ");
                self.cell = 0;
                self.write("<tr>");
            }
            Tag::TableCell => self.cell_start(),
            Tag::BlockQuote(None) => {
                self.prose(" ");
                self.block("<blockquote>\n");
            }
            Tag::CodeBlock(kind) => {
                if !self.end_newline {
                    self.write("\n");
                }
                self.hidden += 1;
                let language = match &kind {
                    CodeBlockKind::Fenced(info) => info.split(' ').next().unwrap_or_default(),
                    CodeBlockKind::Indented => "",
                };
                self.refuse_carriage_return(language)?;
                if language.is_empty() {
                    self.write("<pre><code>");
                } else {
                    self.out.push_str("<pre><code class=\"language-");
                    escape_attribute(&mut self.out, language);
                    self.write("\">");
                }
            }
            Tag::List(Some(1)) => self.block("<ol>\n"),
            Tag::List(Some(start)) => self.block(&format!("<ol start=\"{start}\">\n")),
            Tag::List(None) => self.block("<ul>\n"),
            Tag::Item => {
                self.prose(" ");
                self.block("<li>");
            }
            Tag::Emphasis => self.write("<em>"),
            Tag::Strong => self.write("<strong>"),
            Tag::Strikethrough => self.write("<del>"),
            Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            } => self.link(link_type, &dest_url, &title)?,
            Tag::Image {
                dest_url, title, ..
            } => self.image(&dest_url, &title, rest)?,
            Tag::FootnoteDefinition(name) => {
                self.block("<div class=\"footnote-definition\" id=\"");
                self.hidden += 1;
                escape_attribute(&mut self.out, &name);
                self.out
                    .push_str("\"><sup class=\"footnote-definition-label\">");
                let number = self.number(name);
                let _ = write!(self.out, "{number}");
                self.write("</sup>");
            }
            // Its lines come as `Html` events, judged one by one.
            Tag::HtmlBlock if self.for_sanitiser => {}
            Tag::BlockQuote(Some(_))
            | Tag::HtmlBlock
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Superscript
            | Tag::Subscript
            | Tag::MetadataBlock(_) => return None,
        }
        Some(())
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.write("</p>\n"),
            TagEnd::Heading(level) => {
                self.hidden -= 1;
                self.write(&format!("</{level}>\n"));
            }
            TagEnd::Table => self.write("</tbody></table>\n"),
            TagEnd::TableHead => {
                self.in_head = false;
                self.write("</tr></thead><tbody>\n");
            }
            TagEnd::TableRow => self.write("</tr>\n"),
            TagEnd::TableCell => {
                self.write(if self.in_head { "</th>" } else { "</td>" });
                self.cell += 1;
            }
            TagEnd::BlockQuote(_) => self.write("</blockquote>\n"),
            TagEnd::CodeBlock => {
                self.hidden -= 1;
                self.write("</code></pre>\n");
            }
            TagEnd::List(true) => self.write("</ol>\n"),
            TagEnd::List(false) => self.write("</ul>\n"),
            TagEnd::Item => self.write("</li>\n"),
            TagEnd::Emphasis => self.write("</em>"),
            TagEnd::Strong => self.write("</strong>"),
            TagEnd::Strikethrough => self.write("</del>"),
            TagEnd::Link => {
                self.links_open = self.links_open.saturating_sub(1);
                self.write("</a>");
            }
            TagEnd::FootnoteDefinition => {
                self.hidden -= 1;
                self.write("</div>\n");
            }
            TagEnd::Image
            | TagEnd::HtmlBlock
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::MetadataBlock(_) => {}
        }
    }

    fn cell_start(&mut self) {
        self.prose(" ");
        self.write(if self.in_head { "<th" } else { "<td" });
        // As the sanitiser's style filter writes them.
        self.write(match self.alignments.get(self.cell) {
            Some(Alignment::Left) => " style=\"text-align:left\">",
            Some(Alignment::Center) => " style=\"text-align:center\">",
            Some(Alignment::Right) => " style=\"text-align:right\">",
            _ => ">",
        });
    }

    fn link(&mut self, link_type: LinkType, destination: &str, title: &str) -> Option<()> {
        // An autolink in a link's text is a link inside a link, which the
        // HTML parser takes apart.
        if self.links_open > 0 && !self.for_sanitiser {
            return None;
        }
        self.refuse_carriage_return(title)?;
        self.links_open += 1;
        let mut href = String::new();
        if link_type == LinkType::Email {
            href.push_str("mailto:");
        }
        href.push_str(&href_value(destination));
        self.out.push_str("<a");
        self.url_attribute("href", &href)?;
        self.title(title);
        self.write(">");
        Some(())
    }

    fn image(
        &mut self,
        destination: &str,
        title: &str,
        rest: &mut impl Iterator<Item = Event<'a>>,
    ) -> Option<()> {
        self.refuse_carriage_return(title)?;
        let src = href_value(destination);
        let alt = self.alt_text(rest)?;
        self.refuse_carriage_return(&alt)?;
        self.out.push_str("<img");
        self.url_attribute("src", &src)?;
        self.out.push_str(" alt=\"");
        escape_attribute(&mut self.out, &alt);
        self.out.push('"');
        self.title(title);
        self.write(">");
        // The image's events up to its end were read for `alt`.
        self.depth = self.depth.saturating_sub(1);
        Some(())
    }

    fn title(&mut self, title: &str) {
        if !title.is_empty() {
            self.out.push_str(" title=\"");
            escape_attribute(&mut self.out, title);
            self.out.push('"');
        }
    }

    /// An image's description, its events read up to the image's end: the
    /// text of everything inside it, as an `alt` attribute holds it.
    fn alt_text(&mut self, rest: &mut impl Iterator<Item = Event<'a>>) -> Option<String> {
        let mut alt = String::new();
        let mut nested = 0usize;
        for event in rest.by_ref() {
            match event {
                Event::Start(_) => nested += 1,
                Event::End(_) if nested == 0 => return Some(alt),
                Event::End(_) => nested -= 1,
                Event::Text(text) | Event::Code(text) => alt.push_str(&text),
                Event::SoftBreak | Event::HardBreak | Event::Rule => alt.push(' '),
                Event::FootnoteReference(name) => {
                    let number = self.number(name);
                    let _ = write!(alt, "[{number}]");
                }
                // As pulldown-cmark writes it: the markup's text, escaped.
                Event::InlineHtml(html) if self.for_sanitiser => alt.push_str(&html),
                Event::Html(_) if self.for_sanitiser => {}
                Event::Html(_)
                | Event::InlineHtml(_)
                | Event::InlineMath(_)
                | Event::DisplayMath(_)
                | Event::TaskListMarker(_) => return None,
            }
        }
        Some(alt)
    }

    /// ` name="…"` for a URL the policy publishes, made absolute as the
    /// link rewriter does; `None` for one the full path must judge.
    fn url_attribute(&mut self, name: &str, value: &str) -> Option<()> {
        if self.for_sanitiser {
            // As pulldown-cmark writes it; the sanitiser judges it.
            let _ = write!(self.out, " {name}=\"");
            escape_attribute(&mut self.out, value);
            self.out.push('"');
            return Some(());
        }
        if value.starts_with("@/") || crate::util::unpublishable_scheme(value).is_some() {
            return None;
        }
        match Url::parse(value) {
            Ok(url) if crate::util::PUBLISHABLE_SCHEMES.contains(&url.scheme()) => {}
            Err(url::ParseError::RelativeUrlWithoutBase) => {}
            // The sanitiser drops it: left to it, which also says so.
            _ => return None,
        }
        // The rewriter reads the attribute as the sanitiser wrote it
        // (character references and all) and writes what it sets with
        // only `"` escaped.
        let mut written = String::with_capacity(value.len());
        escape_attribute(&mut written, value);
        let trimmed = written.trim();
        if trimmed.is_empty() && name != "href" {
            return Some(());
        }
        let Ok(absolute) = self.base.join(trimmed) else {
            return Some(());
        };
        let _ = write!(self.out, " {name}=\"");
        if absolute.as_str() == written {
            self.out.push_str(&written);
        } else {
            self.out.push_str(&absolute.as_str().replace('"', "&quot;"));
        }
        self.out.push('"');
        Some(())
    }
}

/// A link destination as pulldown-cmark writes it (characters outside a
/// URL percent-encoded), read back as the HTML parser decodes it: every
/// `&` in it starts one of the escaper's references, so one decoding pass
/// undoes exactly those (a literal `&#x27;`, written `&amp;#x27;`, stays).
fn href_value(destination: &str) -> String {
    let mut escaped = String::with_capacity(destination.len());
    let _ = pulldown_cmark_escape::escape_href(&mut escaped, destination);
    match html_escape::decode_html_entities(&escaped) {
        std::borrow::Cow::Borrowed(_) => escaped,
        std::borrow::Cow::Owned(decoded) => decoded,
    }
}

/// Text as html5ever serialises it: `&`, no-break space, `<` and `>`.
fn escape_text(out: &mut String, text: &str) {
    escape(out, text, false);
}

/// An attribute value as html5ever serialises it: as text, plus `"`.
fn escape_attribute(out: &mut String, text: &str) {
    escape(out, text, true);
}

fn escape(out: &mut String, text: &str, attribute: bool) {
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut index = 0;
    while index < bytes.len() {
        let (replacement, width) = match bytes[index] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' if attribute => ("&quot;", 1),
            // U+00A0 in UTF-8; 0xC2 is never a continuation byte.
            0xC2 if bytes.get(index + 1) == Some(&0xA0) => ("&nbsp;", 2),
            _ => {
                index += 1;
                continue;
            }
        };
        out.push_str(&text[start..index]);
        out.push_str(replacement);
        index += width;
        start = index;
    }
    out.push_str(&text[start..]);
}

/// Whether raw HTML is only complete start and end tags of elements the
/// sanitiser keeps, with quoted or plain attribute values, and text: no
/// comment, declaration or processing instruction, and no element whose
/// content the HTML parser reads as raw text (`script`, `style`,
/// `textarea`, `title`, `xmp` …) or in another namespace (`svg`, `math`),
/// since those are what could read the Markdown around it differently.
fn is_plain_markup(html: &str) -> bool {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(offset) = memchr::memchr(b'<', &bytes[at..]) {
        at += offset + 1;
        let closing = bytes.get(at) == Some(&b'/');
        if closing {
            at += 1;
        }
        let name_start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            at += 1;
        }
        let name = &html[name_start..at];
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic)
            || !super::sanitize::is_kept_element(name)
        {
            return false;
        }
        let Some(end) = tag_end(bytes, at, closing) else {
            return false;
        };
        at = end;
    }
    true
}

/// Past the `>` that ends a tag whose name ends at `at`, reading its
/// attributes; `None` for anything else.
fn tag_end(bytes: &[u8], mut at: usize, closing: bool) -> Option<usize> {
    loop {
        let spaces = at;
        while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
            at += 1;
        }
        match bytes.get(at)? {
            b'>' => return Some(at + 1),
            b'/' if bytes.get(at + 1) == Some(&b'>') => return Some(at + 2),
            // An attribute needs space before it; an end tag has none.
            _ if closing || at == spaces => return None,
            _ => {}
        }
        at = word_end(bytes, at, b"\"'<>=/`")?;
        if bytes.get(at) != Some(&b'=') {
            continue;
        }
        at += 1;
        at = if let quote @ (b'"' | b'\'') = *bytes.get(at)? {
            at + memchr::memchr(quote, &bytes[at + 1..])? + 2
        } else {
            word_end(bytes, at, b"\"'<>=`")?
        };
    }
}

/// The end of an attribute's name or plain value starting at `at`: up to
/// white space or one of `stops`; `None` when it is empty.
fn word_end(bytes: &[u8], start: usize, stops: &[u8]) -> Option<usize> {
    let length = bytes[start..]
        .iter()
        .take_while(|b| !b.is_ascii_whitespace() && !stops.contains(b))
        .count();
    (length > 0).then_some(start + length)
}
