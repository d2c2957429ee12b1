//! Agreement with the W3C Feed Validation Service's own test suite.
//!
//! The suite is not in this repository (it is the W3C's, under its own
//! licence): check out <https://github.com/w3c/feedvalidator> and point
//! `FEEDWRIGHT_W3C_TESTCASES` at its `testcases` folder, or put the
//! checkout beside this repository as `../feedvalidator`. Without it this
//! test prints a note and passes: the suite is a reference, not a tool
//! feedwright needs, so `FEEDWRIGHT_REQUIRE_TOOLS` does not make it fail.
//!
//! Each case file says what it expects in a comment:
//! `Description: … Expect: [!]ClassName`. A case applies when the class is
//! one of the validator's errors or warnings (its class hierarchy, read
//! from `src/feedvalidator/logging.py` of the same checkout, says which);
//! informational classes such as `ValidURI` do not apply. `X` agrees when
//! feedwright reports a finding with code X (an error when X is an
//! error); `!X` agrees when it reports none; `!Error`, `!Warning` and
//! `!Message` mean no error, no warning, no finding at all.

use feedwright::diagnostic::{Diagnostic, Severity};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

const FOLDERS: &[&str] = &["rss", "rss20", "atom", "ext/itunes", "ext/media"];

/// The agreement this implementation reaches (95.1 % when last raised),
/// rounded down; raise it as agreement grows.
const FLOOR_PERCENT: f64 = 95.0;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Error,
    Warning,
    Info,
}

fn suite() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("FEEDWRIGHT_W3C_TESTCASES") {
        return Some(PathBuf::from(dir));
    }
    let beside = Path::new(env!("CARGO_MANIFEST_DIR")).join("../feedvalidator/testcases");
    beside.is_dir().then_some(beside)
}

/// The kind of class `name`: the nearest of `Error`, `Warning`, `Info`
/// among its ancestors.
fn resolve(name: &str, bases: &HashMap<String, Vec<String>>, depth: usize) -> Option<Class> {
    match name {
        "Error" => return Some(Class::Error),
        "Warning" => return Some(Class::Warning),
        "Info" => return Some(Class::Info),
        _ if depth > 50 => return None,
        _ => {}
    }
    bases
        .get(name)?
        .iter()
        .filter_map(|base| resolve(base, bases, depth + 1))
        .min_by_key(|class| match class {
            Class::Error => 0,
            Class::Warning => 1,
            Class::Info => 2,
        })
}

/// Every class in logging.py and its bases, resolved to error, warning or
/// informational by walking up to `Error`, `Warning` or `Info`.
fn classes(logging_py: &str) -> (HashMap<String, Class>, Bases) {
    let mut bases: HashMap<String, Vec<String>> = HashMap::new();
    for line in logging_py.lines() {
        let Some(rest) = line.strip_prefix("class ") else {
            continue;
        };
        let Some((name, rest)) = rest.split_once('(') else {
            continue;
        };
        let parents = rest.split(')').next().unwrap_or_default();
        bases.insert(
            name.trim().to_string(),
            parents.split(',').map(|p| p.trim().to_string()).collect(),
        );
    }
    let classes = bases
        .keys()
        .filter_map(|name| Some((name.clone(), resolve(name, &bases, 0)?)))
        .collect();
    (classes, bases)
}

type Bases = HashMap<String, Vec<String>>;

/// Whether class `name` is `ancestor` or derives from it.
fn is_a(name: &str, ancestor: &str, bases: &Bases) -> bool {
    let mut todo = vec![name];
    let mut steps = 0;
    while let Some(current) = todo.pop() {
        steps += 1;
        if current == ancestor {
            return true;
        }
        if steps > 200 {
            break;
        }
        if let Some(parents) = bases.get(current) {
            todo.extend(parents.iter().map(String::as_str));
        }
    }
    false
}

/// `(negated, class)` from a case's `Expect:` comment.
fn expectation(text: &str) -> Option<(bool, String)> {
    let start = text.find("Description:")?;
    let rest = &text[start..];
    let end = rest.find("-->")?;
    let comment = &rest[..end];
    let expect = comment.split("Expect:").nth(1)?.trim_start();
    let negated = expect.starts_with('!');
    let name: String = expect
        .trim_start_matches('!')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    Some((negated, name))
}

/// The brief's rule: a finding with exactly code X (or, with `bases`, the
/// suite runner's own rule: a finding whose class derives from X).
fn agrees(
    negated: bool,
    name: &str,
    class: Class,
    found: &[Diagnostic],
    bases: Option<&Bases>,
) -> bool {
    let matches = |d: &Diagnostic| match (d.code, bases) {
        (Some(code), Some(bases)) => is_a(code, name, bases),
        (Some(code), None) => code == name,
        (None, _) => false,
    };
    let errors = found.iter().any(Diagnostic::is_error);
    let warnings = found.iter().any(|d| d.severity == Severity::Warning);
    match (negated, name) {
        (true, "Error") => !errors,
        (true, "Warning") => !warnings,
        (true, "Message") => found.is_empty(),
        (false, "Error") => errors,
        (false, "Warning") => warnings,
        (true, _) => !found.iter().any(matches),
        (false, _) => found
            .iter()
            .any(|d| matches(d) && (class != Class::Error || d.is_error())),
    }
}

fn xml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            xml_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "xml") {
            found.push(path);
        }
    }
}

/// A skip shown on the terminal: libtest hides what a passing test prints
/// with `println!`, so the note is written to stderr's handle directly.
macro_rules! skip_note {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

#[test]
fn agreement_with_the_w3c_feed_validator_suite() {
    let Some(testcases) = suite() else {
        skip_note!(
            "note: the W3C feedvalidator test suite is absent; set FEEDWRIGHT_W3C_TESTCASES to its testcases folder to measure agreement"
        );
        return;
    };
    let logging = testcases.join("../src/feedvalidator/logging.py");
    let Ok(logging) = std::fs::read_to_string(&logging) else {
        skip_note!(
            "note: {} is missing, so the suite's message classes cannot be told apart; skipped",
            logging.display()
        );
        return;
    };
    let (classes, bases) = classes(&logging);
    let verbose = std::env::var_os("FEEDWRIGHT_W3C_VERBOSE").is_some();
    let mut total = (0usize, 0usize);
    let mut by_subclass = 0usize;
    let mut misses: BTreeMap<String, usize> = BTreeMap::new();
    for folder in FOLDERS {
        let mut files = Vec::new();
        xml_files(&testcases.join(folder), &mut files);
        files.sort();
        let (mut applicable, mut agreed, mut agreed_by_subclass) = (0usize, 0usize, 0usize);
        for file in files {
            let bytes = std::fs::read(&file).expect("read a case");
            let Some((negated, name)) = expectation(&String::from_utf8_lossy(&bytes)) else {
                continue;
            };
            let class = match name.as_str() {
                "Error" => Class::Error,
                // `Message` (either) is only ever negated: `!Message`.
                "Warning" | "Message" => Class::Warning,
                _ => match classes.get(&name) {
                    Some(class) => *class,
                    None => continue,
                },
            };
            if class == Class::Info {
                continue;
            }
            applicable += 1;
            let found = feedwright::validate::check(&file, &bytes);
            if agrees(negated, &name, class, &found, Some(&bases)) {
                agreed_by_subclass += 1;
            }
            if agrees(negated, &name, class, &found, None) {
                agreed += 1;
            } else {
                let key = format!("{}{name}", if negated { "!" } else { "" });
                *misses.entry(key.clone()).or_default() += 1;
                if verbose {
                    let codes: Vec<_> = found.iter().filter_map(|d| d.code).collect();
                    println!("miss {key}: {} found {codes:?}", file.display());
                }
            }
        }
        println!(
            "{folder}: {agreed}/{applicable} applicable cases agree ({:.1} %); {agreed_by_subclass} ({:.1} %) counting subclasses as the suite's runner does",
            percent(agreed, applicable),
            percent(agreed_by_subclass, applicable)
        );
        by_subclass += agreed_by_subclass;
        total.0 += agreed;
        total.1 += applicable;
    }
    println!(
        "all five folders: {}/{} ({:.1} %); {by_subclass} ({:.1} %) counting subclasses",
        total.0,
        total.1,
        percent(total.0, total.1),
        percent(by_subclass, total.1)
    );
    let mut worst: Vec<_> = misses.into_iter().collect();
    worst.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
    let shown: Vec<String> = worst
        .iter()
        .take(25)
        .map(|(k, v)| format!("{k}:{v}"))
        .collect();
    println!("most common disagreements: {}", shown.join(" "));
    assert!(
        total.1 > 0,
        "no applicable case found under {}",
        testcases.display()
    );
    assert!(
        percent(total.0, total.1) >= FLOOR_PERCENT,
        "agreement fell below {FLOOR_PERCENT} %"
    );
}

#[allow(clippy::cast_precision_loss)]
fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}
