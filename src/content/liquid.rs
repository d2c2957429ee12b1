//! The Liquid blocks that carry content rather than run templates, done
//! as Jekyll (and Eleventy) does them before the Markdown is read:
//! `{% raw %}…{% endraw %}` keeps its content as written, markers removed,
//! even inside fenced code; `{% highlight LANG %}…{% endhighlight %}`
//! becomes a fenced code block, so it renders exactly as ```` ```LANG ````
//! would. Other tags are left to `links::replace_tags`.

use super::tags::{code_ranges, in_ranges, template_tag};
use std::ops::Range;

/// The Markdown with raw and highlight blocks done, and the byte ranges
/// (in the new text) of raw blocks' content: template tags there are meant
/// literally. `None` when there is nothing to do. `code` holds the byte
/// ranges of `markdown`'s code blocks and spans.
pub fn expand(markdown: &str, code: &[Range<usize>]) -> Option<(String, Vec<Range<usize>>)> {
    // Markdown never sees a highlight block's content, which Liquid turns
    // into markup first: a ``` line in it must not open a code block for
    // the rest of the text. So code is found with those contents blank.
    let bodies = highlight_bodies(markdown);
    let blanked;
    let code = if bodies.is_empty() {
        code
    } else {
        let mut bytes = markdown.as_bytes().to_vec();
        for body in bodies {
            for byte in &mut bytes[body] {
                if *byte != b'\n' {
                    *byte = b' ';
                }
            }
        }
        // Whole characters were replaced by ASCII spaces.
        let text = String::from_utf8(bytes).unwrap_or_default();
        blanked = code_ranges(&text);
        &blanked
    };
    let mut out = String::new();
    let mut literal = Vec::new();
    let mut missing = Vec::new();
    let mut copied = 0;
    let mut tags = Tags {
        markdown,
        search: 0,
    };
    while let Some(tag) = tags.next() {
        let start = tag.start;
        match tag.name {
            "raw" => {
                let Some(close) = Tag::find(markdown, tag.end, "endraw", &mut missing) else {
                    continue;
                };
                out.push_str(&markdown[copied..start]);
                let from = out.len();
                out.push_str(&markdown[tag.end..close.start]);
                literal.push(from..out.len());
                copied = close.end;
            }
            // A highlight block shown inside code is an example, and Jekyll
            // would put its rendered markup there, which no one wants.
            "highlight" if !in_ranges(code, start) => {
                let Some(language) = language(tag.arguments) else {
                    continue;
                };
                let Some(close) = Tag::find(markdown, tag.end, "endhighlight", &mut missing) else {
                    continue;
                };
                out.push_str(&markdown[copied..start]);
                fence(markdown, &tag, &close, &language, &mut out);
                copied = close.end;
            }
            _ => continue,
        }
        tags.search = copied;
    }
    if copied == 0 {
        return None;
    }
    out.push_str(&markdown[copied..]);
    Some((out, literal))
}

/// The content of every highlight block, found as Liquid finds them:
/// anywhere but in a raw block.
fn highlight_bodies(markdown: &str) -> Vec<Range<usize>> {
    let mut bodies = Vec::new();
    let mut missing = Vec::new();
    let mut tags = Tags {
        markdown,
        search: 0,
    };
    while let Some(tag) = tags.next() {
        let closing = match tag.name {
            "raw" => "endraw",
            "highlight" if language(tag.arguments).is_some() => "endhighlight",
            _ => continue,
        };
        if let Some(close) = Tag::find(markdown, tag.end, closing, &mut missing) {
            if tag.name == "highlight" {
                bodies.push(tag.end..close.start);
            }
            tags.search = close.end;
        }
    }
    bodies
}

/// One `{% name arguments %}` tag (`{%- … -%}` too).
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    arguments: &'a str,
}

impl<'a> Tag<'a> {
    fn at(markdown: &'a str, start: usize) -> Option<Self> {
        // `{{%` opens a Hugo shortcode, not a Liquid tag.
        if start > 0 && markdown.as_bytes()[start - 1] == b'{' {
            return None;
        }
        let (end, inner) = template_tag(markdown, start)?;
        let inner = inner
            .strip_prefix('-')
            .unwrap_or(inner)
            .trim_end()
            .trim_end_matches('-')
            .trim();
        let (name, arguments) = inner.split_once(char::is_whitespace).unwrap_or((inner, ""));
        Some(Tag {
            start,
            end,
            name,
            arguments: arguments.trim(),
        })
    }

    /// The first tag named `name` from `from` on: Liquid ends a block at
    /// the first closing tag, whatever lies between. `missing` holds the
    /// names already searched for in vain: searches only move forward, so
    /// they would fail again, and a body of many unclosed `{% raw %}` tags
    /// must cost linear time, not quadratic.
    fn find(
        markdown: &'a str,
        from: usize,
        name: &'static str,
        missing: &mut Vec<&'static str>,
    ) -> Option<Self> {
        if missing.contains(&name) {
            return None;
        }
        let mut tags = Tags {
            markdown,
            search: from,
        };
        let found = tags.find(|tag| tag.name == name);
        if found.is_none() {
            missing.push(name);
        }
        found
    }
}

/// The Liquid tags from byte `search` on, in order; a caller that takes a
/// whole block moves `search` past it.
struct Tags<'a> {
    markdown: &'a str,
    search: usize,
}

impl<'a> Iterator for Tags<'a> {
    type Item = Tag<'a>;

    fn next(&mut self) -> Option<Tag<'a>> {
        while let Some(found) = self.markdown[self.search..].find("{%") {
            let start = self.search + found;
            self.search = start + 2;
            if let Some(tag) = Tag::at(self.markdown, start) {
                self.search = tag.end;
                return Some(tag);
            }
        }
        None
    }
}

/// The language a highlight tag names, lower case as Jekyll makes it:
/// `ruby` in `highlight ruby linenos`, `js` in Eleventy's `highlight "js"`.
/// `None` for a tag Jekyll would refuse, which is then left as text.
fn language(arguments: &str) -> Option<String> {
    let arguments = arguments.trim_matches(|c| c == '"' || c == '\'');
    let first = arguments.split_whitespace().next()?;
    first
        .bytes()
        .all(|byte| byte.is_ascii_alphanumeric() || b".+#_-".contains(&byte))
        .then(|| first.to_ascii_lowercase())
}

/// Writes the fenced code block a highlight block stands for. The code is
/// as written, with the raw markers in it removed (Liquid reads a
/// highlight block's content) and its leading and trailing blank lines
/// dropped, as Jekyll drops them. The block keeps its place: a fence where
/// the tags were, on lines of their own, and as many lines in all, so
/// that later warnings name the right line.
fn fence(markdown: &str, open: &Tag<'_>, close: &Tag<'_>, language: &str, out: &mut String) {
    let line_start = |at: usize| markdown[..at].rfind('\n').map_or(0, |newline| newline + 1);
    let before_open = &markdown[line_start(open.start)..open.start];
    let indent: String = before_open
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    // After a list marker or a quote's `>`, a fence opens a block there;
    // after text it needs a line of its own.
    if !before_open
        .chars()
        .all(|c| c.is_whitespace() || c.is_ascii_digit() || ">-*+.)".contains(c))
    {
        out.push('\n');
        out.push_str(&indent);
    }
    let before_close = &markdown[line_start(close.start)..close.start];
    let (body_end, close_indent) = if before_close.trim().is_empty() {
        (close.start - before_close.len(), before_close.to_string())
    } else {
        (close.start, indent)
    };
    let body = &markdown[open.end..body_end.max(open.end)];
    let body = strip_raw_markers(body);
    let leading = body.len() - body.trim_start().len();
    let from = body[..leading].rfind('\n').map_or(0, |newline| newline + 1);
    let code = body[from..].trim_end();
    let longest_run = code
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or_default();
    let ticks = "`".repeat(longest_run.max(2) + 1);
    let written = out.len();
    out.push_str(&ticks);
    out.push_str(language);
    out.push('\n');
    if !code.is_empty() {
        out.push_str(code);
        out.push('\n');
    }
    out.push_str(&close_indent);
    out.push_str(&ticks);
    let rest = &markdown[close.end..];
    let rest_of_line = rest.split('\n').next().unwrap_or_default();
    if !rest_of_line.trim().is_empty() {
        out.push('\n');
    }
    let lines_then = markdown[open.start..close.end].matches('\n').count();
    let lines_now = out[written..].matches('\n').count();
    for _ in lines_now..lines_then {
        out.push('\n');
    }
}

/// `text` with each `{% raw %}…{% endraw %}` pair's markers removed.
fn strip_raw_markers(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.contains("{%") {
        return text.into();
    }
    match expand(text, &[]) {
        Some((expanded, _)) => expanded.into(),
        None => text.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(markdown: &str) -> String {
        expand(markdown, &code_ranges(markdown))
            .map_or_else(|| markdown.to_string(), |(text, _)| text)
    }

    #[test]
    fn a_highlight_block_becomes_a_fence_on_as_many_lines() {
        assert_eq!(
            done("a\n{% highlight ruby %}\n\n\nx = 1\n\n{% endhighlight %}\nb\n"),
            "a\n```ruby\nx = 1\n```\n\n\n\nb\n"
        );
        // Tags sharing lines with text get lines of their own.
        assert_eq!(
            done("Run: {%- highlight sh -%}ls{% endhighlight %} then"),
            "Run: \n```sh\nls\n```\n then"
        );
        // Inside a list item, the fence keeps the item's indentation.
        assert_eq!(
            done("1. Try\n\n   {% highlight yaml %}\n   a: 1\n   {% endhighlight %}\n"),
            "1. Try\n\n   ```yaml\n   a: 1\n   ```\n"
        );
        // A fence in the code makes a longer fence.
        assert_eq!(
            done("{% highlight md %}\n````\n{% endhighlight %}"),
            "`````md\n````\n`````"
        );
    }

    #[test]
    fn what_jekyll_would_refuse_is_left_as_it_is() {
        for text in [
            "{% highlight %}\nx\n{% endhighlight %}",
            "{% highlight ruby %}\nnever closed",
            "{% raw %} never closed",
            "{{% raw %}} hugo {{% endraw %}}",
            "{% highlight a`b %}\nx\n{% endhighlight %}",
        ] {
            assert_eq!(done(text), text);
        }
    }

    #[test]
    fn many_unclosed_blocks_cost_linear_time() {
        let text = "{% raw %} {% highlight ruby %}\n".repeat(100_000);
        let started = std::time::Instant::now();
        assert_eq!(done(&text), text);
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn raw_content_is_kept_and_marked_literal() {
        let text = "a {%- raw -%}{{ x }}{% endraw %} b {% raw %}{% endraw %}";
        let (out, literal) = expand(text, &[]).unwrap();
        assert_eq!(out, "a {{ x }} b ");
        assert_eq!(literal, [2..9, 12..12]);
        // The first endraw ends the block, as in Liquid.
        assert_eq!(
            done("{% raw %}{% raw %}{% endraw %}{% endraw %}"),
            "{% raw %}{% endraw %}"
        );
    }
}
