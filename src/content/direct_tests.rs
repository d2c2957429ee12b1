//! The direct path (`direct`) against the full path: the same bytes for
//! every body the direct path takes.

use super::direct::{MAX_DEPTH, html_for_sanitiser, sanitized_html};
use proptest::prelude::*;
use url::Url;

/// The full path: pulldown-cmark's HTML, sanitised, URLs made absolute.
pub(super) fn full_path(markdown: &str, base: &Url) -> String {
    let raw = super::sanitize::unwrap_noscript(&super::markdown_to_html(markdown));
    super::absolutize(&super::sanitize::clean(&raw).0, base)
}

pub(super) fn base() -> Url {
    Url::parse("https://example.com/blog/2024/post/").unwrap()
}

fn assert_same(markdown: &str) -> bool {
    let base = base();
    match sanitized_html(markdown, &base) {
        Some(direct) => {
            let full = full_path(markdown, &base);
            assert_eq!(direct.html, full, "for {markdown:?}");
            assert_eq!(
                crate::input::record::normalize_space(&direct.prose),
                super::prose_of(&full),
                "the summary's text for {markdown:?}"
            );
            true
        }
        None => false,
    }
}

/// Bodies the direct path must take, each compared with the full path.
const TAKEN: &[&str] = &[
    "",
    "Plain text & more a < b > c \"quoted\" 'single' — ünïcödé\u{a0}nbsp.",
    "# Title\n\nA *b* **c** ~~d~~ `e & <f>`\n\n## Sub\n\ntext",
    "[rel](../other/) [abs](https://example.org/a?b=1&c='2') [site](/x y) [frag](#top) [empty]()",
    "[t](https://example.org/ \"a \\\"title\\\" & <x>\") <https://example.net/auto> <me@example.com>",
    "![alt *em* `code` & \"q\"](images/a b.png \"T\") ![](/abs.png) ![x]()",
    "[![img](i.png)](page.html)",
    "- a\n- b\n  - c\n\n1. x\n2. y\n\n7. seven\n8. eight\n\n- loose\n\n- list",
    "> quote\n> > nested\n\n---\n\n***",
    "```rust\nfn main() { println!(\"<&>\"); }\n```\n\n```\nplain\n```\n\n```a\"b<c x\ncode\n```\n\n    indented\n    code",
    "| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 & | **2** | `3` | [4](x) |\n| 5 |",
    "| only | head |\n|---|---|",
    "Text[^1] and again[^n].\n\n[^1]: Note *one*.\n[^n]: Note two.\n\n[^unused]: never",
    "line one  \nline two\\\nline three\nsoft",
    "&copy; &amp; &lt; &#39; &#x27; &nbsp; &quot; \\* \\_",
    "Autolink http://example.com/x www.example.com",
    "[mail](mailto:someone@example.com?subject=a&body=b) [q](?query=1) [h](//example.org/x)",
    "[ref]\n\n[ref]: https://example.org/ref \"Ref title\"",
    "* [x] not a task list here\n* item",
    "Ünïcödé [lïnk](ünïcödé/päth) ![ïmg](päth/ïmg.png)",
    "a\n\n\n\nb\n\n\n",
    "1) paren\n2) list",
    "> [!NOTE]\n> not an alert: GitHub's alerts are not turned on",
    "[foo[^1]](https://example.org/)\n\n[^1]: note",
    "# Heading with `code` and [link](x)\nSetext\n===",
];

#[test]
fn the_direct_path_writes_what_the_full_path_writes() {
    for markdown in TAKEN {
        assert!(assert_same(markdown), "not taken directly: {markdown:?}");
    }
}

/// Bodies left to the full path: each would be written differently,
/// or needs a warning only the full path gives.
const LEFT: &[&str] = &[
    "<b>raw html</b>",
    "text <span>inline html</span>",
    "[x](javascript:alert(1))",
    "![x](data:image/png;base64,AAAA)",
    "[x](@/blog/post.md)",
    "line\r\nwindows",
    "[x](http://[::1/)",
];

#[test]
fn what_the_direct_path_cannot_write_exactly_is_left_to_the_full_path() {
    for markdown in LEFT {
        assert!(
            sanitized_html(markdown, &base()).is_none(),
            "taken directly: {markdown:?}"
        );
    }
    let deep = "> ".repeat(MAX_DEPTH + 1) + "deep";
    assert!(sanitized_html(&deep, &base()).is_none());
    assert!(assert_same(&("> ".repeat(MAX_DEPTH - 2) + "deep enough")));
}

/// Pieces of Markdown that combine into bodies the two paths must
/// agree on, wherever the direct path takes them.
pub(super) const PIECES: &[&str] = &[
    "word",
    "a & b",
    "<",
    ">",
    "\"",
    "'",
    "\u{a0}",
    "é",
    "*",
    "**",
    "_",
    "~~",
    "`",
    "[",
    "]",
    "(",
    ")",
    "!",
    "#",
    "## ",
    "- ",
    "1. ",
    "3. ",
    "> ",
    "    ",
    "```",
    "```rust",
    "---",
    "|",
    "|:-:|",
    "|---|---|",
    "[^1]",
    "[^1]: ",
    "\\",
    "&amp;",
    "&nbsp;",
    "&#39;",
    "[l](x)",
    "[l](/a?b=1&c=2)",
    "[l](https://example.org/p'q)",
    "[l](../up \"t\")",
    "![a](i.png)",
    "![a *b*](i j.png \"t&\")",
    "<https://example.org/>",
    "<a@example.com>",
    "https://example.org/bare",
    "[r]",
    "[r]: /ref",
    "<b>",
    "<!-- c -->",
    "[j](javascript:x)",
    "  ",
    "\t",
];

fn body() -> impl Strategy<Value = String> {
    body_of(PIECES.to_vec())
}

/// Up to 40 of `pieces`, each followed by a separator that may start a
/// line, a paragraph, a quote or a list item.
pub(super) fn body_of(pieces: Vec<&'static str>) -> impl Strategy<Value = String> {
    let piece = prop::sample::select(pieces);
    let separator = prop::sample::select(&["", " ", "\n", "\n\n", "\n  ", "\n> ", "\n- "][..]);
    prop::collection::vec((piece, separator), 0..40).prop_map(|parts| {
        parts
            .into_iter()
            .flat_map(|(piece, separator)| [piece, separator])
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn generated_bodies_are_written_alike_by_both_paths(markdown in body()) {
        assert_same(&markdown);
    }
}

/// The comparison above means something only if many generated bodies
/// take the direct path.
#[test]
fn most_generated_bodies_take_the_direct_path() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = body();
    let taken = (0..1000)
        .filter(|_| {
            let markdown = strategy.new_tree(&mut runner).unwrap().current();
            assert_same(&markdown)
        })
        .count();
    assert!(taken >= 250, "only {taken} of 1000 taken directly");
}

/// The full path as it was before `html_for_sanitiser`: pulldown-cmark's
/// own HTML, sanitised until it stops changing.
pub(super) fn full_path_from_pulldown(markdown: &str, base: &Url) -> String {
    full_path(markdown, base)
}

/// The full path as a build takes it now.
pub(super) fn full_path_now(markdown: &str, base: &Url) -> (String, bool) {
    let plain = html_for_sanitiser(markdown, base);
    let taken = plain.is_some();
    let raw = plain.unwrap_or_else(|| super::markdown_to_html(markdown));
    let raw = super::sanitize::unwrap_noscript(&raw);
    (
        super::absolutize(&super::sanitize::clean(&raw).0, base),
        taken,
    )
}

/// Raw HTML among the pieces: plain markup, and what must not be taken
/// for it (comments, elements whose text is raw, foreign elements,
/// unfinished tags, event attributes, unsafe URLs).
const RAW_PIECES: &[&str] = &[
    "<figure>",
    "</figure>",
    "<img src=\"a b.png\" alt='x \"y\"' width=1200>",
    "<figcaption>",
    "</figcaption>",
    "<div class=\"x\">",
    "</div>",
    "<span title=\"&amp; t\u{a0}\">",
    "</span>",
    "<br/>",
    "<br />",
    "<b>",
    "</b>",
    "<p>",
    "</p>",
    "<table>",
    "<td>",
    "<pre>",
    "<a href=\"/x?a=1&b=2\">",
    "<a href=\"javascript:x\">",
    "</a>",
    "<xmp>",
    "<textarea>",
    "<svg>",
    "<!-- c -->",
    "<script>",
    "<em",
    "<img src=x onerror=y>",
    "<DIV TITLE=a>",
    "<hr/>",
    "<blockquote cite=\"q\">",
];

fn body_with_markup() -> impl Strategy<Value = String> {
    body_of([PIECES, RAW_PIECES].concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
    #[test]
    fn bodies_with_markup_are_sanitised_as_before(markdown in body_with_markup()) {
        let base = base();
        prop_assert_eq!(full_path_now(&markdown, &base).0, full_path_from_pulldown(&markdown, &base), "for {:?}", markdown);
    }
}

#[test]
fn plain_markup_is_written_for_the_sanitiser_and_needs_one_pass() {
    let markdown = "Text with a [link](x) and ![img](i.png)  \nbreak.\n\n<figure><img src=\"images/a.webp\" alt=\"A view\" width=\"1200\"><figcaption>From the pier.</figcaption></figure>\n\nMore *text*.\n";
    let base = base();
    let raw = html_for_sanitiser(markdown, &base).expect("plain markup is taken");
    assert_eq!(
        super::sanitize::clean(&raw).0,
        raw,
        "already in the sanitiser's form"
    );
    assert_eq!(
        full_path_now(markdown, &base).0,
        full_path_from_pulldown(markdown, &base)
    );
    // (Text that only looks like markup, `a <b` or `<em`, is Markdown text.)
    for not_plain in [
        "<!-- c -->",
        "<xmp>a</xmp>",
        "<svg></svg>",
        "<script>x</script>",
        "<select>",
        "<?php x ?>",
        "<!DOCTYPE html>",
    ] {
        assert!(
            html_for_sanitiser(not_plain, &base).is_none(),
            "{not_plain:?}"
        );
    }
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = body_with_markup();
    let taken = (0..1000)
        .filter(|_| {
            use proptest::strategy::ValueTree;
            let markdown = strategy.new_tree(&mut runner).unwrap().current();
            let (now, taken) = full_path_now(&markdown, &base);
            assert_eq!(
                now,
                full_path_from_pulldown(&markdown, &base),
                "for {markdown:?}"
            );
            taken
        })
        .count();
    assert!(
        taken >= 100,
        "only {taken} of 1000 written for the sanitiser"
    );
}
