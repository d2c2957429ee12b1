//! YAML front matter (`---`, as Jekyll, Hugo and Eleventy write it) into
//! the shared tree, read from `saphyr-parser`'s events so that every value
//! keeps its line and column, and so that aliases and nesting are bounded
//! here: a "billion laughs" document is an error after a fixed amount of
//! work, never a hang.

use super::toml::Problem;
use super::tree::{Entry, Node, Spot, Value};
use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use std::borrow::Cow;
use std::collections::HashMap;

mod quick;
mod scalar;

use scalar::plain_scalar;

/// Values a document may hold once every alias is expanded: far above any
/// real front matter (100,000 tags fit), far below what hurts.
const MAX_NODES: usize = 1_000_000;
/// Lists and tables nested deeper than this are no front matter.
const MAX_DEPTH: usize = 64;

/// `block` starts on 1-based line `first_line` of the file.
pub fn parse(block: &str, first_line: usize) -> Result<Vec<Entry<'_>>, Vec<Problem>> {
    if let Some(entries) = quick::parse(block, first_line) {
        return Ok(entries);
    }
    full_parse(block, first_line)
}

/// Any YAML, through `saphyr-parser`'s events.
fn full_parse(block: &str, first_line: usize) -> Result<Vec<Entry<'_>>, Vec<Problem>> {
    let mut builder = Builder {
        first_line,
        stack: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
        root: None,
    };
    for event in Parser::new_from_str(block) {
        let (event, span) = match event {
            Ok(pair) => pair,
            Err(error) => {
                let marker = error.marker();
                return Err(vec![Problem {
                    spot: Spot::LineColumn {
                        line: first_line + marker.line().saturating_sub(1),
                        column: marker.col() + 1,
                        width: 1,
                    },
                    message: format!("invalid YAML in front matter: {}", error.info()),
                }]);
            }
        };
        builder
            .event(event, span)
            .map_err(|problem| vec![problem])?;
    }
    match builder.root {
        None
        | Some(Node {
            value: Value::Null, ..
        }) => Ok(Vec::new()),
        Some(Node {
            value: Value::Table(entries),
            ..
        }) => Ok(entries),
        Some(other) => Err(vec![Problem {
            message: format!(
                "the front matter must be a list of `key: value` lines, not {}",
                other.value.type_name()
            ),
            spot: other.spot,
        }]),
    }
}

enum Open<'a> {
    Sequence {
        items: Vec<Node<'a>>,
        spot: Spot,
        anchor: usize,
    },
    Mapping {
        entries: Vec<Entry<'a>>,
        /// A key read, waiting for its value.
        key: Option<(Cow<'a, str>, Spot)>,
        spot: Spot,
        anchor: usize,
    },
}

struct Builder<'a> {
    first_line: usize,
    stack: Vec<Open<'a>>,
    /// Anchored values with their size in nodes, for aliases.
    anchors: HashMap<usize, (Node<'a>, usize)>,
    nodes: usize,
    root: Option<Node<'a>>,
}

impl<'a> Builder<'a> {
    fn spot(&self, span: Span) -> Spot {
        let (start, end) = (span.start, span.end);
        Spot::LineColumn {
            line: self.first_line + start.line().saturating_sub(1),
            column: start.col() + 1,
            width: if end.line() == start.line() {
                end.index().saturating_sub(start.index()).max(1)
            } else {
                1
            },
        }
    }

    fn count(&mut self, added: usize, spot: &Spot) -> Result<(), Problem> {
        self.nodes = self.nodes.saturating_add(added);
        if self.nodes > MAX_NODES {
            return Err(Problem {
                spot: spot.clone(),
                message: format!(
                    "the front matter expands to more than {MAX_NODES} values (through aliases?); it cannot be read"
                ),
            });
        }
        Ok(())
    }

    fn event(&mut self, event: Event<'a>, span: Span) -> Result<(), Problem> {
        let spot = self.spot(span);
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                self.count(1, &spot)?;
                let forced_string = tag.as_ref().is_some_and(|tag| tag.suffix == "str");
                let value = if style == ScalarStyle::Plain && !forced_string {
                    plain_scalar(text)
                } else {
                    Value::String(text)
                };
                self.finish(Node { value, spot }, anchor, 1)
            }
            Event::Alias(anchor) => {
                let Some(size) = self.anchors.get(&anchor).map(|(_, size)| *size) else {
                    return Err(Problem {
                        spot,
                        message: "invalid YAML in front matter: an alias names no anchor".into(),
                    });
                };
                // Counted before the copy is made, so a bomb stops here.
                self.count(size, &spot)?;
                let node = self.anchors[&anchor].0.clone();
                self.finish(node, 0, size)
            }
            Event::SequenceStart(anchor, _) => self.open(Open::Sequence {
                items: Vec::new(),
                spot,
                anchor,
            }),
            Event::MappingStart(anchor, _) => self.open(Open::Mapping {
                entries: Vec::new(),
                key: None,
                spot,
                anchor,
            }),
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(open) = self.stack.pop() else {
                    return Ok(());
                };
                let (node, anchor) = match open {
                    Open::Sequence {
                        items,
                        spot,
                        anchor,
                    } => (
                        Node {
                            value: Value::Array(items),
                            spot,
                        },
                        anchor,
                    ),
                    Open::Mapping {
                        entries,
                        spot,
                        anchor,
                        ..
                    } => (
                        Node {
                            value: Value::Table(entries),
                            spot,
                        },
                        anchor,
                    ),
                };
                self.count(1, &node.spot.clone())?;
                let size = if anchor > 0 { size_of(&node) } else { 0 };
                self.finish(node, anchor, size)
            }
            _ => Ok(()),
        }
    }

    fn open(&mut self, open: Open<'a>) -> Result<(), Problem> {
        if self.stack.len() >= MAX_DEPTH {
            let spot = match &open {
                Open::Sequence { spot, .. } | Open::Mapping { spot, .. } => spot.clone(),
            };
            return Err(Problem {
                spot,
                message: format!(
                    "the front matter nests lists or tables more than {MAX_DEPTH} deep"
                ),
            });
        }
        self.stack.push(open);
        Ok(())
    }

    /// A complete value: into its anchor, then into its parent (as a key
    /// or a value) or as the document.
    fn finish(&mut self, node: Node<'a>, anchor: usize, size: usize) -> Result<(), Problem> {
        if anchor > 0 {
            self.anchors.insert(anchor, (node.clone(), size.max(1)));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::Sequence { items, .. }) => items.push(node),
            Some(Open::Mapping { entries, key, .. }) => {
                if let Some((name, key_spot)) = key.take() {
                    entries.push(Entry {
                        key: name,
                        key_spot,
                        node,
                    });
                } else {
                    let name = match node.value {
                        Value::String(text) => text,
                        Value::Integer(number) => Cow::Owned(number.to_string()),
                        Value::Bool(flag) => Cow::Owned(flag.to_string()),
                        Value::Null => Cow::Borrowed(""),
                        other => {
                            return Err(Problem {
                                spot: node.spot,
                                message: format!(
                                    "a front-matter key must be text, not {}",
                                    other.type_name()
                                ),
                            });
                        }
                    };
                    *key = Some((name, node.spot));
                }
            }
        }
        Ok(())
    }
}

/// The number of values in a node, for the alias budget.
fn size_of(node: &Node<'_>) -> usize {
    let mut size = 0usize;
    let mut pending = vec![node];
    while let Some(node) = pending.pop() {
        size = size.saturating_add(1);
        match &node.value {
            Value::Array(items) => pending.extend(items),
            Value::Table(entries) => pending.extend(entries.iter().map(|entry| &entry.node)),
            _ => {}
        }
    }
    size
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn read(text: &str) -> Vec<Entry<'_>> {
        parse(text, 2).unwrap_or_else(|problems| panic!("{}", problems[0].message))
    }

    #[test]
    fn values_keep_their_types_and_places() {
        let entries = read(
            "title: Hello\ndate: 2024-09-26\ndraft: false\nweight: 3\ntags:\n  - a\n  - 'b'\n",
        );
        assert_eq!(entries[0].node.value, Value::String("Hello".into()));
        assert_eq!(entries[1].node.value, Value::String("2024-09-26".into()));
        assert_eq!(entries[2].node.value, Value::Bool(false));
        assert_eq!(entries[3].node.value, Value::Integer(3));
        let Value::Array(tags) = &entries[4].node.value else {
            panic!("tags")
        };
        assert_eq!(tags[1].value, Value::String("b".into()));
        assert_eq!(
            tags[1].spot,
            Spot::LineColumn {
                line: 8,
                column: 5,
                width: 3
            }
        );
    }

    #[test]
    fn quoted_numbers_and_tagged_strings_stay_text() {
        let entries = read("a: \"3\"\nb: !!str 4\nc: 1.5\nd: 1.2.3\n");
        assert_eq!(entries[0].node.value, Value::String("3".into()));
        assert_eq!(entries[1].node.value, Value::String("4".into()));
        assert_eq!(entries[2].node.value, Value::Float(1.5));
        assert_eq!(entries[3].node.value, Value::String("1.2.3".into()));
    }

    #[test]
    fn a_billion_laughs_is_an_error_at_once() {
        let mut bomb = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, previous) in ["b", "c", "d", "e", "f", "g", "h", "i"]
            .iter()
            .zip(["a", "b", "c", "d", "e", "f", "g", "h"])
        {
            let _ = writeln!(
                bomb,
                "{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]"
            );
        }
        // The node budget is what bounds the work; no timing here, since a
        // loaded machine must not fail a test (the README's Limits section
        // gives a measured time).
        let Err(problems) = parse(&bomb, 2) else {
            panic!("a billion laughs was read")
        };
        assert!(
            problems[0].message.contains("more than"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn deep_nesting_is_an_error() {
        // Our own bound, then the parser's.
        for depth in [100, 5000] {
            let deep = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
            let Err(problems) = parse(&deep, 2) else {
                panic!("nesting {depth} deep was read")
            };
            assert!(
                problems[0].message.contains("deep") || problems[0].message.contains("recursion"),
                "{}",
                problems[0].message
            );
        }
    }

    #[test]
    fn syntax_errors_are_located_in_the_file() {
        let Err(problems) = parse("title: a\n  bad: : x\n", 2) else {
            panic!("bad YAML was read")
        };
        let Spot::LineColumn { line, .. } = problems[0].spot else {
            panic!("no line")
        };
        assert_eq!(line, 3);
    }

    /// The full parser's reading of the same block.
    fn full(block: &str) -> Vec<Entry<'_>> {
        full_parse(block, 2).unwrap_or_else(|problems| panic!("{}", problems[0].message))
    }

    #[test]
    fn the_quick_reading_is_the_full_one() {
        let blocks = [
            "title: \"Zürich Delegation – Analysis — Nº 796\"\ndate: \"2019-05-17T22:20:48+09:00\"\ntags: [\"environment\", \"saúde\"]\nrelated: [\"inquiry-drought-wine-1l2\"]\n",
            "title: \"Ελληνική Αντιπροσωπεία\"\ndate: 2019-06-06T08:00:24+09:00\ntags: [\"sport\",\"water\"]\nauthors: ['Rui Fonseca']\n\n",
            "title: Hello\ndraft: false\nweight: 3\nlayout: post\nslug: a-b_c\nempty: []\nratio: 1.5\nversion: 1.2.3\nurl: /2019/05/x/\n",
            "title:   'Quoted'\nn: 4\nx: 0x1F\non: yes\ncount: 007\n",
            "title: \"a\"\nTags: [ \"é\" , \"b\" ]\n",
            "a: [  \"x\"  ,  \"ü\",\"z\"  ]\nb: [ ]\nc: \"\"\nd: ''\ne: [\"\"]\n",
        ];
        for block in blocks {
            let quick = quick::parse(block, 2).unwrap_or_else(|| panic!("declined {block:?}"));
            assert_eq!(quick, full(block), "{block:?}");
        }
    }

    /// Every value form, spaced every way: where the quick reader takes a
    /// line, it reads it as the full parser does.
    #[test]
    fn every_line_it_takes_reads_as_in_full() {
        let values = [
            "\"a # b\"",
            "'a: b'",
            "\"[x]\"",
            "x:y",
            "http://a.example/b?c",
            "1e5",
            "1_000",
            "0o17",
            "-1",
            "~",
            "null",
            "True",
            "2024-09-26",
            "Ærø",
            "\"é\"",
            "[\"a\",\"b\"]",
            "[ \"a\" ]",
            "[\"a\" , \"b\",  \"c\" ]",
            "[]",
            "[ ]",
            "\"\"",
            "''",
            "x/",
            "a:",
            "[\"a\"] ",
            "\"a\" ",
            "5.",
            "1.2e-3",
            ".5",
            "x-",
            "中文",
            "\"中文\"",
        ];
        let mut taken = 0;
        for value in values {
            for gap in [" ", "   "] {
                let block = format!("title: \"t\"\n\nkey:{gap}{value}\n");
                if let Some(quick) = quick::parse(&block, 2) {
                    taken += 1;
                    assert_eq!(quick, full(&block), "{block:?}");
                }
            }
        }
        assert!(taken > 30, "{taken}");
    }

    #[test]
    fn anything_else_goes_the_full_way() {
        for block in [
            "title: a\n  b\n",
            "tags:\n  - a\n",
            "title: a # comment\n",
            "title: \"a\\tb\"\n",
            "title: 'it''s'\n",
            "true: x\n",
            "a: &x \"b\"\n",
            "a: [\"b\",]\n",
            "a: [\"b\", [\"c\"]]\n",
            "a: {b: c}\n",
            "a: \"b\" c\n",
            "date:\n",
            " title: a\n",
            "a: b: c\n",
            "a: -b\n",
            "a: Hello World\n",
        ] {
            assert_eq!(quick::parse(block, 2), None, "{block:?}");
        }
    }
}
