//! The direct path (`direct`) against the full path: the same bytes for
//! every body the direct path takes.

use super::direct::{MAX_DEPTH, sanitized_html};
use proptest::prelude::*;
use url::Url;

/// The full path: pulldown-cmark's HTML, sanitised, URLs made absolute.
pub(super) fn full_path(markdown: &str, base: &Url) -> String {
    let raw = super::sanitize::unwrap_noscript(&super::markdown_to_html(markdown));
    super::absolutize(&super::sanitize::clean(&raw).0, base)
}

fn base() -> Url {
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
const PIECES: &[&str] = &[
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
    let piece = prop::sample::select(PIECES);
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
