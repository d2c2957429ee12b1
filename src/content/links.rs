//! Links between pages and template tags in Markdown bodies written for
//! other site generators: Zola's `@/blog/post.md`, Hugo's `{{< ref >}}` and
//! `{{< relref >}}`, Jekyll's `{% link %}` and `{% post_url %}` become the
//! target page's permalink; Liquid's raw and highlight blocks are done as
//! Jekyll does them (see `liquid`); every other template tag is left as
//! text (no feed reader can run it) and reported once per file.

use super::tags::{code_ranges, in_ranges, template_tag};
use crate::site::catalog::Links;
use lol_html::{RewriteStrSettings, element, rewrite_str};
use std::cell::RefCell;

/// Something worth a warning, at a 1-based line of the body.
pub struct Finding {
    pub line: usize,
    pub message: String,
}

/// Where each line starts, so that a tag's line is a binary search: a
/// body with 100,000 tags costs linear time, not quadratic.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Self {
        Lines(
            std::iter::once(0)
                .chain(text.match_indices('\n').map(|(at, _)| at + 1))
                .collect(),
        )
    }

    /// Lines before `offset`.
    fn before(&self, offset: usize) -> usize {
        self.0.partition_point(|&start| start <= offset) - 1
    }
}

/// Unknown link targets reported per body; the rest are counted in one
/// more line, so a body of 100,000 broken links stays quick and readable.
const MAX_FINDINGS: usize = 20;

/// The page a link tag names, if it is one: Hugo's `ref "x"` / `relref
/// "x"`, Jekyll's `link x` / `post_url x`.
fn link_target(inner: &str) -> Option<&str> {
    let inner = inner
        .trim()
        .trim_start_matches('-')
        .trim_end_matches('-')
        .trim();
    let (name, argument) = inner.split_once(char::is_whitespace)?;
    if !matches!(name, "ref" | "relref" | "link" | "post_url") {
        return None;
    }
    let argument = argument.trim();
    let argument = argument
        .strip_prefix("path=")
        .unwrap_or(argument)
        .trim_matches(|c| c == '"' || c == '\'' || c == '`');
    let argument = argument.split_whitespace().next().unwrap_or(argument);
    let argument = argument.trim_matches(|c| c == '"' || c == '\'');
    (!argument.is_empty()).then_some(argument)
}

/// Replaces link tags with their targets' links (in `language`, for a
/// translation); reports link tags whose target is unknown and, once, the
/// other template tags. `first_line` is the body's first line in the file.
pub fn replace_tags(
    markdown: &str,
    first_line: usize,
    pages: &Links,
    language: Option<&str>,
) -> (String, Vec<Finding>) {
    let has_liquid = markdown.contains("{%");
    if !has_liquid && !markdown.contains("{{") {
        return (markdown.to_string(), Vec::new());
    }
    let mut code = code_ranges(markdown);
    // Raw blocks' content is meant literally; highlight blocks are code.
    let expanded = if has_liquid {
        super::liquid::expand(markdown, &code)
    } else {
        None
    };
    let (markdown, literal) = match &expanded {
        Some((text, literal)) => {
            code = code_ranges(text);
            (text.as_str(), literal.as_slice())
        }
        None => (markdown, &[][..]),
    };
    let lines = Lines::new(markdown);
    let mut unknown = 0usize;
    let mut out = String::with_capacity(markdown.len());
    let mut findings = Vec::new();
    // The first other tag and how many there are: one line says it all.
    let mut others: Vec<(usize, String)> = Vec::new();
    let mut other_count = 0usize;
    let mut copied = 0;
    let mut search = 0;
    while let Some(found) = markdown[search..].find('{') {
        let start = search + found;
        search = start + 1;
        if in_ranges(&code, start) || in_ranges(literal, start) {
            continue;
        }
        let Some((end, inner)) = template_tag(markdown, start) else {
            continue;
        };
        let line = first_line + lines.before(start);
        if let Some(target) = link_target(inner) {
            if let Some((address, _)) = pages.resolve_in(target, language) {
                out.push_str(&markdown[copied..start]);
                out.push_str(&address);
                copied = end;
            } else {
                unknown += 1;
                if unknown <= MAX_FINDINGS {
                    findings.push(Finding {
                        line,
                        message: format!(
                            "the link {:?} names no page of the site; it is left as text",
                            markdown[start..end].to_string()
                        ),
                    });
                }
            }
        } else {
            other_count += 1;
            if others.is_empty() {
                others.push((line, markdown[start..end].to_string()));
            }
        }
        search = end;
    }
    out.push_str(&markdown[copied..]);
    if unknown > MAX_FINDINGS {
        findings.push(Finding {
            line: first_line,
            message: format!(
                "{} more links name no page of the site (not listed)",
                unknown - MAX_FINDINGS
            ),
        });
    }
    if let Some((line, first)) = others.first() {
        let shown: String = first.chars().take(60).collect();
        let more = if other_count > 1 {
            format!(" and {} more", other_count - 1)
        } else {
            String::new()
        };
        findings.push(Finding {
            line: *line,
            message: format!(
                "template tag {shown:?}{more} left as text: no feed reader can run a site generator's templates"
            ),
        });
    }
    (out, findings)
}

/// Zola's internal links (`href="@/blog/post.md"`) in rendered HTML,
/// replaced by the target's link; unknown targets are reported at the
/// line of the Markdown where they are written.
pub fn replace_internal_links(
    html: &str,
    markdown: &str,
    first_line: usize,
    links: &Links,
    base_url: &url::Url,
) -> (String, Vec<Finding>) {
    if !html.contains("\"@/") {
        return (html.to_string(), Vec::new());
    }
    let findings = RefCell::new(Vec::new());
    let line_index = Lines::new(markdown);
    let unknown = std::cell::Cell::new(0usize);
    let resolve = |value: String| -> Option<String> {
        let reference = html_escape::decode_html_entities(&value).into_owned();
        if let Some((link, _)) = links.resolve(&reference) {
            return Some(link);
        }
        // A section or a page outside the articles folder: linked where
        // Zola publishes it, rather than left as a broken `@/` address.
        let placed = zola_address(&reference, base_url);
        unknown.set(unknown.get() + 1);
        if unknown.get() > MAX_FINDINGS {
            return placed;
        }
        // Searched for only for the few that are reported.
        let line = markdown
            .find(reference.as_str())
            .map_or(first_line, |offset| first_line + line_index.before(offset));
        findings.borrow_mut().push(Finding {
            line,
            message: match &placed {
                Some(url) => format!(
                    "the internal link {reference:?} names no page of these feeds; linked where Zola would publish it, {url}"
                ),
                None => format!("the internal link {reference:?} names no page of the site"),
            },
        });
        placed
    };
    let settings = RewriteStrSettings::new()
        .with_strict(false)
        .append_element_content_handler(element!("a[href^='@/']", |el| {
            if let Some(link) = el.get_attribute("href").and_then(&resolve) {
                el.set_attribute("href", &link)?;
            }
            Ok(())
        }))
        .append_element_content_handler(element!("img[src^='@/']", |el| {
            if let Some(link) = el.get_attribute("src").and_then(&resolve) {
                el.set_attribute("src", &link)?;
            }
            Ok(())
        }));
    let rewritten = rewrite_str(html, settings).unwrap_or_else(|_| html.to_string());
    let mut findings = findings.into_inner();
    if unknown.get() > MAX_FINDINGS {
        findings.push(Finding {
            line: first_line,
            message: format!(
                "{} more internal links name no page of these feeds (not listed)",
                unknown.get() - MAX_FINDINGS
            ),
        });
    }
    (rewritten, findings)
}

/// Where Zola publishes the page or section an `@/` path names:
/// `@/blog/_index.md` → `BASE/blog/`, `@/blog/post.md` → `BASE/blog/post/`.
fn zola_address(reference: &str, base_url: &url::Url) -> Option<String> {
    let (path, fragment) = match reference.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment)),
        None => (reference, None),
    };
    let path = path.strip_prefix("@/")?.strip_suffix(".md")?;
    // A translation (`_index.ca.md`, `index.fr.md`, `post.fr.md`) is
    // published under its language: `/ca/projects/`.
    let (folder, file) = path.rsplit_once('/').unwrap_or(("", path));
    let (file, language) = match file.rsplit_once('.') {
        Some((stem, language)) if crate::util::is_file_name_language(language) => {
            (stem, Some(language.to_ascii_lowercase()))
        }
        _ => (file, None),
    };
    let path = if matches!(file, "_index" | "index") {
        folder.to_string()
    } else {
        format!("{folder}/{file}")
    };
    let path = match language {
        Some(language) => format!("{language}/{path}"),
        None => path,
    };
    let path = path.trim_matches('/');
    if path.split('/').any(|part| part == ".." || part == ".") || path.contains(['\\', ':']) {
        return None;
    }
    let mut url = if path.is_empty() {
        base_url.clone()
    } else {
        base_url.join(&format!("{path}/")).ok()?
    };
    url.set_fragment(fragment.filter(|fragment| !fragment.is_empty()));
    Some(url.to_string())
}

/// The part of a body before its "more" marker (`<!-- more -->`,
/// `<!--more-->`, or the record's Jekyll `excerpt_separator`), if it has
/// one: the author's own choice of summary.
pub fn excerpt<'a>(markdown: &'a str, separator: Option<&str>) -> Option<&'a str> {
    let found = match separator {
        Some(separator) if !separator.trim().is_empty() => markdown.find(separator),
        _ => None,
    };
    let found = found.or_else(|| {
        ["<!-- more -->", "<!--more-->"]
            .iter()
            .filter_map(|marker| markdown.find(marker))
            .min()
    });
    found
        .map(|end| &markdown[..end])
        .filter(|before| !before.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_tags_name_their_target() {
        assert_eq!(link_target(" ref \"blog/post.md\" "), Some("blog/post.md"));
        assert_eq!(link_target("relref \"/docs/x#y\""), Some("/docs/x#y"));
        assert_eq!(
            link_target(" link _posts/2019-01-01-a.md "),
            Some("_posts/2019-01-01-a.md")
        );
        assert_eq!(
            link_target(" post_url 2010-07-21-name "),
            Some("2010-07-21-name")
        );
        assert_eq!(link_target(" figure src=\"a\" "), None);
    }

    #[test]
    fn zola_sections_are_placed_where_zola_publishes_them() {
        let base = url::Url::parse("https://example.com/blog/").unwrap();
        assert_eq!(
            zola_address("@/_index.md", &base).as_deref(),
            Some("https://example.com/blog/")
        );
        assert_eq!(
            zola_address("@/projects/_index.md#top", &base).as_deref(),
            Some("https://example.com/blog/projects/#top")
        );
        assert_eq!(
            zola_address("@/a/b.md", &base).as_deref(),
            Some("https://example.com/blog/a/b/")
        );
        assert_eq!(
            zola_address("@/projects/_index.ca.md", &base).as_deref(),
            Some("https://example.com/blog/ca/projects/")
        );
        assert_eq!(
            zola_address("@/projects/tabi/index.pt-BR.md#a", &base).as_deref(),
            Some("https://example.com/blog/pt-br/projects/tabi/#a")
        );
        assert_eq!(
            zola_address("@/_index.es.md", &base).as_deref(),
            Some("https://example.com/blog/es/")
        );
        assert_eq!(
            zola_address("@/js/jquery.min.md", &base).as_deref(),
            Some("https://example.com/blog/js/jquery.min/")
        );
        assert_eq!(zola_address("@/../x.md", &base), None);
        assert_eq!(zola_address("@/x.png", &base), None);
    }

    #[test]
    fn the_more_marker_ends_the_excerpt() {
        assert_eq!(
            excerpt("Intro.\n<!-- more -->\nRest", None),
            Some("Intro.\n")
        );
        assert_eq!(excerpt("Intro.<!--more-->Rest", None), Some("Intro."));
        assert_eq!(
            excerpt("Intro.\n<!--cut-->\nRest", Some("<!--cut-->")),
            Some("Intro.\n")
        );
        assert_eq!(excerpt("No marker", None), None);
        assert_eq!(excerpt("<!-- more -->Only after", None), None);
    }
}
