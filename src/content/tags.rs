//! Where template tags and code are in a Markdown body: the ground that
//! both link resolution (`links`) and Liquid's blocks (`liquid`) stand on.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// Byte ranges of code (blocks and spans): template tags there are
/// examples being shown, not tags.
pub fn code_ranges(markdown: &str) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut block_start = None;
    for (event, range) in
        Parser::new_ext(markdown, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
            .into_offset_iter()
    {
        match event {
            Event::Start(Tag::CodeBlock(_)) => block_start = Some(range.start),
            Event::End(TagEnd::CodeBlock) => {
                if let Some(start) = block_start.take() {
                    ranges.push(start..range.end);
                }
            }
            Event::Code(_) => ranges.push(range),
            _ => {}
        }
    }
    ranges
}

/// Whether `offset` lies in one of the sorted, disjoint `ranges`.
pub fn in_ranges(ranges: &[Range<usize>], offset: usize) -> bool {
    let after = ranges.partition_point(|range| range.start <= offset);
    after > 0 && ranges[after - 1].contains(&offset)
}

/// The template tag starting at `start` (`{{<`, `{{%`, `{%` or `{{`), as
/// (its end, its inner text), or `None` if it never closes on that line
/// run.
pub fn template_tag(markdown: &str, start: usize) -> Option<(usize, &str)> {
    let rest = &markdown[start..];
    let (open, close) = if rest.starts_with("{{<") {
        ("{{<", ">}}")
    } else if rest.starts_with("{{%") {
        ("{{%", "%}}")
    } else if rest.starts_with("{%") {
        ("{%", "%}")
    } else if rest.starts_with("{{") {
        ("{{", "}}")
    } else {
        return None;
    };
    // Tags are short; a lone `{{` in prose must not swallow the document.
    // The cut may fall inside a character (an Arabic or accented letter):
    // it moves back to the character's start.
    let mut cut = rest.len().min(open.len() + 2000);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &rest[open.len()..cut];
    let end = window.find(close)?;
    let inner = &window[..end];
    Some((start + open.len() + end + close.len(), inner))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_in_code_are_examples_not_tags() {
        let markdown =
            "Text {{< figure src=\"a.png\" >}}\n\n```\n{{< ref \"x\" >}}\n```\n\nand `{% raw %}`\n";
        let ranges = code_ranges(markdown);
        assert_eq!(ranges.len(), 2);
        let code_tag = markdown.find("{{< ref").unwrap();
        assert!(ranges.iter().any(|range| range.contains(&code_tag)));
        assert!(!ranges.iter().any(|range| range.contains(&5)));
    }

    /// The look-ahead for a tag's end stops 2000 bytes on, which may be
    /// inside a character: found on a real site's Arabic and Spanish pages.
    #[test]
    fn the_search_for_a_tags_end_never_cuts_a_character() {
        for pad in 0..4 {
            let markdown = format!("{{{{ toc() {}{}", "x".repeat(1990 + pad), "ح".repeat(8));
            assert_eq!(template_tag(&markdown, 0), None, "{pad}");
            let closed = format!("{markdown} }}}}");
            assert!(template_tag(&closed, 0).is_none());
        }
        let markdown = format!("{{{{ admonition(text=\"í\") }}}}{}", "í".repeat(1500));
        assert_eq!(
            template_tag(&markdown, 0).map(|(_, inner)| inner),
            Some(" admonition(text=\"í\") ")
        );
    }
}
