//! Keeps the house in shape: each stage folder of `src/` may import only
//! the stages below it, no module (file) takes part in an import circle,
//! and a few stage duties hold (input and site know no feed format; feeds
//! and validate never touch the file system). Read from the sources, so a
//! wrong-way `use` fails here before anyone has to notice it in review.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each stage and the stages it may import. `lib` is the pipeline
/// (`src/lib.rs`); `cli` sits above it and may import anything.
const ALLOWED: &[(&str, &[&str])] = &[
    ("util", &[]),
    ("report", &["util"]),
    ("input", &["report", "util"]),
    ("site", &["input", "report", "util"]),
    ("content", &["site", "input", "report", "util"]),
    ("feeds", &["content", "site", "input", "report", "util"]),
    ("validate", &["report", "util"]),
    ("output", &["report", "util"]),
    (
        "lib",
        &[
            "input", "site", "content", "feeds", "validate", "output", "report", "util",
        ],
    ),
    (
        "cli",
        &[
            "lib", "input", "site", "content", "feeds", "validate", "output", "report", "util",
        ],
    ),
];

/// Crates that write a feed format: only `feeds` (and `output`'s diff,
/// `validate`, which read feeds back) may use them.
const FEED_FORMAT_CRATES: &[&str] = &["rss::", "atom_syndication::"];

struct Module {
    /// `site::config`, `input::frontmatter`, `lib`.
    path: String,
    stage: String,
    /// The code outside `#[cfg(test)]` modules.
    code: String,
}

fn src_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            found.push(path);
        }
    }
}

/// Drops comments and everything from the first `#[cfg(test)]` on: unit
/// tests may reach anywhere, and doc comments may name any path.
fn production_code(text: &str) -> String {
    let cut = text.find("#[cfg(test)]").unwrap_or(text.len());
    text[..cut]
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

fn modules() -> Vec<Module> {
    let src = src_dir();
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter(|file| file.file_name().is_some_and(|name| name != "main.rs"))
        .map(|file| {
            let relative = file.strip_prefix(&src).expect("under src");
            let mut parts: Vec<String> = relative
                .with_extension("")
                .iter()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            if parts.last().is_some_and(|last| last == "mod") {
                parts.pop();
            }
            let path = parts.join("::");
            let stage = parts[0].clone();
            let text = std::fs::read_to_string(&file).expect("read source");
            Module {
                path,
                stage,
                code: production_code(&text),
            }
        })
        .collect()
}

/// Every `crate::a::b…` and `super::…` path in the code, resolved to the
/// longest known module path.
fn imports(module: &Module, known: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let code = &module.code;
    let own_parts: Vec<&str> = module.path.split("::").collect();
    // A folder's mod.rs names its own files without `crate::`
    // (`pub use rss_feed::rss;`): those are imports too.
    let children: Vec<&String> = known
        .iter()
        .filter(|other| {
            other
                .strip_prefix(&module.path)
                .and_then(|rest| rest.strip_prefix("::"))
                .is_some_and(|rest| !rest.contains("::"))
        })
        .collect();
    for child in children {
        let name = child.rsplit("::").next().unwrap_or(child);
        let mentioned = code.match_indices(&format!("{name}::")).any(|(at, _)| {
            !code[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':')
        }) || code.contains(&format!("use {name};"));
        if mentioned {
            found.insert(child.clone());
        }
    }
    let mut index = 0;
    while index < code.len() {
        let rest = &code[index..];
        let (base, skip): (Vec<&str>, usize) = if rest.starts_with("crate::") {
            (Vec::new(), "crate::".len())
        } else if rest.starts_with("super::") {
            // `super` is the parent module, however the files are laid out.
            let mut parent = own_parts.clone();
            let mut skip = 0;
            while code[index + skip..].starts_with("super::") {
                skip += "super::".len();
                parent.pop();
            }
            (parent, skip)
        } else {
            index += rest.chars().next().map_or(1, char::len_utf8);
            continue;
        };
        let preceded_by_ident = index > 0
            && code[..index]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_');
        let tail: String = code[index + skip..]
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
            .collect();
        index += skip;
        if preceded_by_ident {
            continue;
        }
        let mut parts = base.iter().map(ToString::to_string).collect::<Vec<_>>();
        parts.extend(
            tail.split("::")
                .filter(|part| !part.is_empty())
                .map(String::from),
        );
        // The longest prefix that names a module; names below it are items.
        while !parts.is_empty() {
            let candidate = parts.join("::");
            if known.contains(&candidate) {
                if candidate != module.path {
                    found.insert(candidate);
                }
                break;
            }
            parts.pop();
        }
    }
    // `lib.rs` names its stages without `crate::`: `use site::…`, `input::parse::…`.
    if module.path == "lib" {
        for line in code.lines() {
            let line = line.trim();
            if line.starts_with("pub mod ") || line.starts_with("mod ") {
                continue;
            }
            for stage in known.iter().filter(|path| !path.contains("::")) {
                if line.contains(&format!("{stage}::")) || line.contains(&format!("use {stage};")) {
                    found.insert(stage.clone());
                }
            }
        }
    }
    found
}

fn stage_of(path: &str) -> &str {
    path.split("::").next().unwrap_or(path)
}

#[test]
fn stages_import_only_the_stages_below_them() {
    let modules = modules();
    let known: BTreeSet<String> = modules.iter().map(|module| module.path.clone()).collect();
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let mut wrong = Vec::new();
    for module in &modules {
        let Some(may_import) = allowed.get(module.stage.as_str()) else {
            wrong.push(format!(
                "src/{}: the stage {:?} is not in the table of stages; add it to ALLOWED",
                module.path, module.stage
            ));
            continue;
        };
        for import in imports(module, &known) {
            let target = stage_of(&import);
            if target != module.stage && !may_import.contains(&target) {
                wrong.push(format!("{} imports {import}", module.path));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports that run the wrong way:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_table_of_stages_is_itself_without_a_circle() {
    let allowed: BTreeMap<&str, &[&str]> = ALLOWED.iter().copied().collect();
    let edges: BTreeMap<String, BTreeSet<String>> = allowed
        .iter()
        .map(|(stage, below)| {
            (
                (*stage).to_string(),
                below.iter().map(ToString::to_string).collect(),
            )
        })
        .collect();
    assert_eq!(find_cycle(&edges), None);
}

#[test]
fn no_module_takes_part_in_an_import_circle() {
    let modules = modules();
    let known: BTreeSet<String> = modules.iter().map(|module| module.path.clone()).collect();
    let edges: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|module| (module.path.clone(), imports(module, &known)))
        .collect();
    assert_eq!(find_cycle(&edges), None, "an import circle");
}

#[test]
fn input_and_site_know_no_feed_format_and_feeds_never_write() {
    let mut wrong = Vec::new();
    for module in modules() {
        if matches!(
            module.stage.as_str(),
            "input" | "site" | "content" | "report"
        ) {
            for name in FEED_FORMAT_CRATES {
                if module.code.contains(name) {
                    wrong.push(format!("{} uses the feed crate {name}", module.path));
                }
            }
        }
        if matches!(module.stage.as_str(), "feeds" | "validate") {
            for call in ["std::fs::", "File::create", "tempfile", "OpenOptions"] {
                if module.code.contains(call) {
                    wrong.push(format!("{} touches the file system ({call})", module.path));
                }
            }
        }
        if module.stage != "cli" && module.code.contains("clap::") {
            wrong.push(format!("{} knows clap, a command-line type", module.path));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn every_stage_folder_says_what_it_takes_and_gives() {
    let src = src_dir();
    for (stage, _) in ALLOWED {
        let file = match *stage {
            "lib" => src.join("lib.rs"),
            "util" => src.join("util.rs"),
            _ => src.join(stage).join("mod.rs"),
        };
        let text = std::fs::read_to_string(&file)
            .unwrap_or_else(|error| panic!("{}: {error}", file.display()));
        assert!(
            text.starts_with("//!"),
            "{} must open with a //! line saying what the stage owns",
            file.display()
        );
    }
}

/// The checker must see what it is meant to see: a wrong-way import and a
/// circle in made-up modules.
#[test]
fn the_checks_catch_a_wrong_way_import_and_a_circle() {
    let known: BTreeSet<String> = ["input", "input::record", "site", "site::config"]
        .into_iter()
        .map(String::from)
        .collect();
    let record = Module {
        path: "input::record".into(),
        stage: "input".into(),
        code: "use crate::site::config::Config;\nfn f() { super::record::x(); }".into(),
    };
    assert_eq!(
        imports(&record, &known),
        BTreeSet::from(["site::config".to_string()])
    );
    let edges: BTreeMap<String, BTreeSet<String>> = [
        ("a", vec!["b"]),
        ("b", vec!["c"]),
        ("c", vec!["a"]),
        ("d", vec![]),
    ]
    .into_iter()
    .map(|(from, to)| (from.to_string(), to.into_iter().map(String::from).collect()))
    .collect();
    assert!(find_cycle(&edges).is_some());
}

/// A circle as the list of modules along it, if there is one.
fn find_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Open,
        Done,
    }
    fn visit(
        node: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        match marks.get(node) {
            Some(Mark::Done) => return None,
            Some(Mark::Open) => {
                let start = stack.iter().position(|n| n == node).unwrap_or(0);
                let mut cycle = stack[start..].to_vec();
                cycle.push(node.to_string());
                return Some(cycle);
            }
            None => {}
        }
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, marks, stack) {
                return Some(cycle);
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in edges.keys() {
        let mut stack = Vec::new();
        if let Some(cycle) = visit(node, edges, &mut marks, &mut stack) {
            return Some(cycle);
        }
    }
    None
}
