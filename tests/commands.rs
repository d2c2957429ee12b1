//! The command line for CI jobs and authors (issue 4): `build --check`,
//! `check`, `--format json`, diagnostics, `new`, `init`, the lock file,
//! completions and man page, exit codes, `--quiet` and `--out`.
//!
//! Every test runs the real binary on a copy of a fixture in
//! `tests/fixtures/commands/<case>/`, in the site's folder, with
//! `NO_COLOR=1` (except the colour tests), `CI=true` and
//! `SOURCE_DATE_EPOCH=1790000000` (2026-09-21T14:13:20Z), and pins the exit
//! code, stdout and stderr.

mod util;

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, SystemTime};
use util::{Run, Site, atom_items, rss_items, titles};

/// What `SOURCE_DATE_EPOCH=1790000000` is in the `new` fixture's timezone
/// (Europe/Lisbon, UTC+1 in September).
const NOW_LISBON: &str = "2026-09-21T15:13:20+01:00";

/// An old modification time given to files before a run, so that "not
/// rewritten" is checked exactly rather than racing the clock.
fn long_ago() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_600_000_000)
}

/// Held while a child process is spawned, so that no child inherits (for
/// the moment between fork and exec) a pipe that another test is closing.
static SPAWN: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// How a run's environment differs from the default (`NO_COLOR=1`,
/// `CI=true`, `SOURCE_DATE_EPOCH` set).
#[derive(Clone, Copy, Default)]
struct Env<'a> {
    /// Leave `NO_COLOR` unset.
    colour: bool,
    /// Set `CLICOLOR_FORCE=1`.
    force_colour: bool,
    /// Replace `SOURCE_DATE_EPOCH`.
    epoch: Option<&'a str>,
}

/// `feedwright ARGS…` run in `cwd` (no `--config` added), stdin closed and
/// stdout and stderr piped; `root` is redacted as `[SITE]` in the output.
fn run_in(root: &Path, cwd: &Path, args: &[&str], env: Env) -> Run {
    let mut command = Command::new(env!("CARGO_BIN_EXE_feedwright"));
    command
        .args(args)
        .current_dir(cwd)
        .stdin(Stdio::null())
        .env("SOURCE_DATE_EPOCH", env.epoch.unwrap_or(util::EPOCH))
        .env("CI", "true")
        .env_remove("RUST_BACKTRACE")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .env_remove("TERM");
    if !env.colour {
        command.env("NO_COLOR", "1");
    }
    if env.force_colour {
        command.env("CLICOLOR_FORCE", "1");
    }
    command.stdout(Stdio::piped()).stderr(Stdio::piped());
    let child = {
        let _guard = SPAWN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        command.spawn().expect("spawn feedwright")
    };
    let output = child.wait_with_output().expect("run feedwright");
    let roots = [
        root.display().to_string(),
        root.canonicalize()
            .map(|path| path.display().to_string())
            .unwrap_or_default(),
    ];
    Run::from_output(&output, &roots)
}

/// `feedwright ARGS…` in the site's folder, so `feed.toml` is the default config.
fn run(site: &Site, args: &[&str]) -> Run {
    run_in(site.path(), site.path(), args, Env::default())
}

fn run_env(site: &Site, args: &[&str], env: Env) -> Run {
    run_in(site.path(), site.path(), args, env)
}

/// Asserts the exit code, showing the output when it differs.
#[track_caller]
fn assert_code(run: &Run, code: i32) {
    assert_eq!(
        run.code, code,
        "exit code\n--- stdout\n{}\n--- stderr\n{}",
        run.stdout, run.stderr
    );
}

/// Sets a file's modification time to `long_ago()`.
fn age(site: &Site, relative: &str) {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(site.join(relative))
        .expect("open file to age");
    file.set_modified(long_ago()).expect("set mtime");
}

/// Asserts that a file still has the bytes it had and its aged mtime.
#[track_caller]
fn assert_untouched(site: &Site, relative: &str, bytes: &[u8]) {
    assert!(
        site.read_bytes(relative) == bytes,
        "{relative} was rewritten with other bytes"
    );
    assert_eq!(site.mtime(relative), long_ago(), "{relative} was rewritten");
}

/// The lines of stderr that start a diagnostic, in order.
fn diagnostic_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|line| line.contains(": warning: ") || line.contains(": error: "))
        .collect()
}

const FEEDS: [&str; 2] = ["public/rss.xml", "public/atom.xml"];

/// A built `commands/site` with the feeds and the lock file aged.
fn built_site() -> Site {
    let site = Site::fixture("commands/site");
    let build = run(&site, &["build"]);
    assert_code(&build, 0);
    for file in FEEDS.iter().chain(&["feedwright.lock"]) {
        age(&site, file);
    }
    site
}

// 1. build --check

#[test]
fn build_check_on_a_fresh_site_reports_every_file_missing() {
    let site = Site::fixture("commands/site");
    let run = run(&site, &["build", "--check"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("build_check_missing", run.stderr);
    assert!(
        !site.exists("public"),
        "build --check created the output folder"
    );
    assert!(
        !site.exists("feedwright.lock"),
        "build --check wrote the lock"
    );
}

#[test]
fn build_check_after_build_is_up_to_date_and_writes_nothing() {
    let site = built_site();
    let feeds: Vec<Vec<u8>> = FEEDS.iter().map(|file| site.read_bytes(file)).collect();
    let lock = site.read_bytes("feedwright.lock");
    let run = run(&site, &["build", "--check"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "unchanged: public/rss.xml (3 items)\n\
         unchanged: public/atom.xml (3 items)\n\
         3 records read: 0 errors, 0 warnings; feeds are up to date\n"
    );
    for (file, bytes) in FEEDS.iter().zip(&feeds) {
        assert_untouched(&site, file, bytes);
    }
    assert_untouched(&site, "feedwright.lock", &lock);
}

#[test]
fn build_check_summarises_added_removed_and_changed_items_by_id() {
    let site = built_site();
    let feeds: Vec<Vec<u8>> = FEEDS.iter().map(|file| site.read_bytes(file)).collect();
    let lock = site.read_bytes("feedwright.lock");
    let paint = site
        .read("articles/bridge-paint.md")
        .replace("Gets a New Coat", "Gets Its First New Coat");
    site.write("articles/bridge-paint.md", paint);
    site.remove("articles/gull-count.txt");
    site.write(
        "articles/slipway.md",
        "+++\ntitle = \"Slipway Reopens\"\ndate = \"2026-05-02T09:00:00Z\"\n+++\nThe slipway is open again.\n",
    );

    let run = run(&site, &["build", "--check"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("build_check_stale", run.stderr);
    for feed in FEEDS {
        let line = run
            .stderr
            .lines()
            .find(|line| line.starts_with(&format!("stale: {feed} ")))
            .unwrap_or_else(|| panic!("no stale line for {feed}:\n{}", run.stderr));
        assert!(
            line.ends_with(
                ": 1 added (https://example.com/articles/slipway/), \
                 1 removed (https://example.com/articles/gull-count/), \
                 1 changed (https://example.com/articles/bridge-paint/)"
            ),
            "{line}"
        );
    }
    for (file, bytes) in FEEDS.iter().zip(&feeds) {
        assert_untouched(&site, file, bytes);
    }
    assert_untouched(&site, "feedwright.lock", &lock);
}

// 2. check

#[test]
fn check_on_a_clean_site_prints_the_count_line() {
    let site = Site::fixture("commands/site");
    let run = run(&site, &["check"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(run.stderr, "3 records checked: 0 errors, 0 warnings\n");
}

#[test]
fn check_lints_titles_instants_references_weekdays_and_summaries() {
    let site = Site::fixture("commands/lint");
    let run = run(&site, &["check"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("check_lint", run.stderr);
    let warnings = diagnostic_lines(&run.stderr);
    let expect = [
        (
            "articles/ferry-fares.txt:3: warning: ",
            "weekday \"Monday\" does not match 2026-04-17, which is a Friday",
        ),
        (
            "articles/lights-on.md:1: warning: ",
            "the title \"Harbour Lights Switched On\" is also the title of articles/lights-again.md",
        ),
        (
            "articles/regatta.md:4: warning: ",
            "related reference \"The Regatta Nobody Planned\" matches no record",
        ),
        (
            // Two date-only dates on one day are one instant.
            "articles/tide-table.md: warning: ",
            "updated at the same instant as articles/quay-notice.md",
        ),
        (
            "articles/walls-report.md: warning: ",
            "the summary is 599 characters long",
        ),
    ];
    assert_eq!(warnings.len(), expect.len(), "{}", run.stderr);
    for (line, (start, text)) in warnings.iter().zip(expect) {
        assert!(line.starts_with(start) && line.contains(text), "{line}");
    }
    assert!(
        run.stderr
            .ends_with("7 records checked: 0 errors, 5 warnings\n")
    );
    assert!(!site.exists("public") && !site.exists("feedwright.lock"));
}

#[test]
fn check_strict_turns_lint_warnings_into_errors() {
    let site = Site::fixture("commands/lint");
    let run = run(&site, &["check", "--strict"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    let lines = diagnostic_lines(&run.stderr);
    assert_eq!(lines.len(), 5, "{}", run.stderr);
    assert!(lines.iter().all(|line| line.contains(": error: ")));
    assert!(
        run.stderr
            .ends_with("7 records checked: 5 errors, 0 warnings\n"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public") && !site.exists("feedwright.lock"));
}

#[test]
fn check_reports_duplicate_ids() {
    let site = Site::fixture("commands/site");
    for (name, title, day) in [("a-one", "One", 1), ("b-two", "Two", 2)] {
        site.write(
            &format!("articles/{name}.md"),
            format!(
                "+++\ntitle = \"{title}\"\ndate = \"2026-01-0{day}T10:00:00Z\"\nid = \"tag:example.com,2026:same\"\n+++\nText.\n"
            ),
        );
    }
    let run = run(&site, &["check"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        diagnostic_lines(&run.stderr),
        [
            "articles/b-two.md:4: error: duplicate id \"tag:example.com,2026:same\": articles/a-one.md has it too"
        ],
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));
}

#[test]
fn check_writes_nothing() {
    for case in ["commands/site", "commands/lint", "commands/errors"] {
        let site = Site::fixture(case);
        for args in [
            &["check"][..],
            &["check", "--strict"],
            &["check", "--format", "json"],
        ] {
            run(&site, args);
        }
        let mut entries: Vec<String> = std::fs::read_dir(site.path())
            .expect("read site")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        entries.sort();
        assert_eq!(entries, ["articles", "feed.toml"], "{case}");
    }
}

// 3. --format json

/// stdout parsed as exactly one JSON object, valid against
/// `docs/report.schema.json` (draft 2020-12).
#[track_caller]
fn json_report(run: &Run) -> Value {
    let mut stream = serde_json::Deserializer::from_str(&run.stdout).into_iter::<Value>();
    let report = match stream.next() {
        Some(Ok(value)) => value,
        other => panic!("stdout is not JSON ({other:?}):\n{}", run.stdout),
    };
    assert!(
        stream.next().is_none(),
        "more than one JSON value:\n{}",
        run.stdout
    );
    assert!(report.is_object(), "{report}");
    assert!(run.stdout.ends_with("}\n"), "{:?}", run.stdout);

    let schema_text = std::fs::read_to_string(util::crate_root().join("docs/report.schema.json"))
        .expect("read docs/report.schema.json");
    let schema: Value = serde_json::from_str(&schema_text).expect("the schema is JSON");
    let validator = jsonschema::draft202012::new(&schema).expect("a valid 2020-12 schema");
    let errors: Vec<String> = validator
        .iter_errors(&report)
        .map(|error| format!("{error} at {}", error.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "the report does not match the schema: {errors:#?}\n{report:#}"
    );
    assert_eq!(
        report["ok"],
        run.code == 0,
        "`ok` is true exactly when the exit code is 0"
    );
    report
}

fn file_statuses(report: &Value) -> Vec<(String, String, String, u64)> {
    report["files"]
        .as_array()
        .expect("files")
        .iter()
        .map(|file| {
            (
                file["path"].as_str().expect("path").to_string(),
                file["format"].as_str().expect("format").to_string(),
                file["status"].as_str().expect("status").to_string(),
                file["items"].as_u64().expect("items"),
            )
        })
        .collect()
}

fn statuses(status: &str) -> Vec<(String, String, String, u64)> {
    vec![
        ("public/rss.xml".into(), "rss".into(), status.into(), 3),
        ("public/atom.xml".into(), "atom".into(), status.into(), 3),
    ]
}

/// (severity, path, line, column, message) of one diagnostic.
type Found = (String, String, Option<u64>, Option<u64>, String);

fn diagnostics(report: &Value) -> Vec<Found> {
    report["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| {
            (
                d["severity"].as_str().expect("severity").to_string(),
                d["path"].as_str().unwrap_or("").to_string(),
                d["line"].as_u64(),
                d["column"].as_u64(),
                d["message"].as_str().expect("message").to_string(),
            )
        })
        .collect()
}

/// `feed.xsl` and the HTML page are reported like the feeds, with their
/// own formats, in a report the schema accepts.
#[test]
fn json_names_the_stylesheet_and_the_page() {
    let site = Site::fixture("view");
    let build = run(&site, &["build", "--format", "json"]);
    assert_code(&build, 0);
    let files = file_statuses(&json_report(&build));
    for (path, format, items) in [
        ("public/feed.xsl", "xsl", 0),
        ("public/index.html", "html", 3),
    ] {
        assert!(
            files.contains(&(path.into(), format.into(), "written".into(), items)),
            "{files:?}"
        );
    }
    // Edited by hand, still feedwright's page.
    let page = site
        .read("public/index.html")
        .replace("Latest posts", "Edited");
    site.write("public/index.html", page);
    let check = run(&site, &["build", "--check", "--format", "json"]);
    assert_code(&check, 1);
    let report = json_report(&check);
    let page = report["files"]
        .as_array()
        .and_then(|files| files.iter().find(|file| file["format"] == "html"))
        .expect("the page in the report");
    assert_eq!(page["status"], "stale");
    assert!(page["change"].is_null(), "{page}");
}

#[test]
fn json_on_a_clean_site() {
    let site = Site::fixture("commands/site");

    let stale = run(&site, &["build", "--check", "--format", "json"]);
    assert_code(&stale, 1);
    let report = json_report(&stale);
    assert_eq!(report["command"], "build --check");
    assert_eq!(file_statuses(&report), statuses("missing"));

    let build = run(&site, &["build", "--format", "json"]);
    assert_code(&build, 0);
    assert_eq!(
        build.stderr, "",
        "JSON mode on success prints nothing on stderr"
    );
    let report = json_report(&build);
    assert_eq!(report["command"], "build");
    assert_eq!(report["schema_version"], 1);
    assert_eq!(report["ok"], true);
    assert_eq!(report["records"], 3);
    assert_eq!(report["items"], 3);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 0);
    assert_eq!(file_statuses(&report), statuses("written"));
    assert!(report["files"][0]["change"].is_null());
    assert_eq!(report["diagnostics"], serde_json::json!([]));

    let rebuild = run(&site, &["build", "--format", "json"]);
    assert_code(&rebuild, 0);
    assert_eq!(rebuild.stderr, "");
    assert_eq!(file_statuses(&json_report(&rebuild)), statuses("unchanged"));

    let current = run(&site, &["build", "--check", "--format", "json"]);
    assert_code(&current, 0);
    assert_eq!(current.stderr, "");
    let report = json_report(&current);
    assert_eq!(report["command"], "build --check");
    assert_eq!(file_statuses(&report), statuses("unchanged"));

    let check = run(&site, &["check", "--format", "json"]);
    assert_code(&check, 0);
    assert_eq!(check.stderr, "");
    let report = json_report(&check);
    assert_eq!(report["command"], "check");
    assert_eq!(report["records"], 3);
    assert_eq!(report["items"], 3);
    assert_eq!(report["files"], serde_json::json!([]));
}

#[test]
fn json_build_check_lists_the_changed_ids() {
    let site = built_site();
    site.remove("articles/gull-count.txt");
    let run = run(&site, &["build", "--check", "--format", "json"]);
    assert_code(&run, 1);
    let report = json_report(&run);
    assert_eq!(report["ok"], false);
    let expected: Vec<_> = statuses("stale")
        .into_iter()
        .map(|(path, format, status, _)| (path, format, status, 2))
        .collect();
    assert_eq!(file_statuses(&report), expected);
    for file in report["files"].as_array().expect("files") {
        assert_eq!(
            file["change"],
            serde_json::json!({
                "added": [],
                "removed": ["https://example.com/articles/gull-count/"],
                "changed": [],
                "unreadable": false,
            })
        );
    }
}

#[test]
fn json_on_a_site_with_warnings() {
    let site = Site::fixture("commands/lint");
    let check = run(&site, &["check", "--format", "json"]);
    assert_code(&check, 0);
    assert_eq!(check.stderr, "");
    let report = json_report(&check);
    assert_eq!(report["command"], "check");
    assert_eq!(report["ok"], true);
    assert_eq!(report["records"], 7);
    assert_eq!(report["errors"], 0);
    assert_eq!(report["warnings"], 5);
    let found = diagnostics(&report);
    let warning = |path: &str, line: Option<u64>, column: Option<u64>, message: &str| {
        (
            "warning".to_string(),
            path.to_string(),
            line,
            column,
            message.to_string(),
        )
    };
    assert_eq!(
        found[0],
        warning(
            "articles/ferry-fares.txt",
            Some(3),
            None,
            "weekday \"Monday\" does not match 2026-04-17, which is a Friday"
        )
    );
    assert_eq!(
        found[2],
        warning(
            "articles/regatta.md",
            Some(4),
            None,
            "related reference \"The Regatta Nobody Planned\" matches no record's slug or title"
        )
    );
    let paths: Vec<&str> = found.iter().map(|d| d.1.as_str()).collect();
    assert_eq!(
        paths,
        [
            "articles/ferry-fares.txt",
            "articles/lights-on.md",
            "articles/regatta.md",
            "articles/tide-table.md",
            "articles/walls-report.md"
        ]
    );
    assert_eq!(
        report["diagnostics"][4]["hint"],
        "shorten `summary`, or remove it to use the start of the body"
    );

    // build reports the warnings it finds (not the lints) and still succeeds.
    let build = run(&site, &["build", "--format", "json"]);
    assert_code(&build, 0);
    assert_eq!(build.stderr, "");
    let report = json_report(&build);
    assert_eq!(report["ok"], true);
    assert_eq!(report["warnings"], 2);
    assert_eq!(report["items"], 7);

    let strict = run(&site, &["check", "--strict", "--format", "json"]);
    assert_code(&strict, 1);
    let report = json_report(&strict);
    assert_eq!(report["errors"], 5);
    assert_eq!(report["warnings"], 0);
}

#[test]
fn json_on_a_site_with_errors() {
    let site = Site::fixture("commands/errors");
    for (args, command) in [
        (&["build", "--format", "json"][..], "build"),
        (&["build", "--check", "--format", "json"], "build --check"),
        (&["check", "--format", "json"], "check"),
    ] {
        let run = run(&site, args);
        assert_code(&run, 1);
        let report = json_report(&run);
        assert_eq!(report["command"], command);
        assert_eq!(report["ok"], false);
        assert_eq!(report["errors"], 3, "{command}");
        assert_eq!(report["warnings"], 1, "{command}");
        assert_eq!(report["files"], serde_json::json!([]), "{command}");
        let found = diagnostics(&report);
        assert_eq!(
            found[0],
            (
                "error".to_string(),
                "articles/a-latin1.md".to_string(),
                Some(2),
                Some(13),
                "not valid UTF-8: invalid byte 0xE9 at byte offset 16".to_string()
            ),
            "{command}"
        );
        assert_eq!(report["diagnostics"][0]["hint"], "save the file as UTF-8");
        assert_eq!(
            (found[1].1.as_str(), found[1].2, found[1].3),
            ("articles/b-dates.md", Some(3), Some(8))
        );
        assert!(
            found[1].4.contains("\"31 Septembar 2025\""),
            "{}",
            found[1].4
        );
        assert_eq!(
            (found[2].1.as_str(), found[2].2, found[2].3),
            ("articles/b-dates.md", Some(4), Some(11))
        );
        assert_eq!(
            found[3],
            (
                "warning".to_string(),
                "articles/c-quay.md".to_string(),
                Some(3),
                Some(8),
                "`date`: weekday \"Wednesday\" does not match 2025-09-02, which is a Tuesday"
                    .to_string()
            ),
            "{command}"
        );
        // On failure the human report still goes to stderr.
        assert!(run.stderr.contains(": error: "), "{}", run.stderr);
    }
    assert!(!site.exists("public"));
}

#[test]
fn json_on_a_config_error() {
    let site = Site::fixture("commands/site");
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace("base_url = \"https://example.com/\"", "base_url = 3"),
    );
    for (args, command) in [
        (&["build", "--format", "json"][..], "build"),
        (&["build", "--check", "--format", "json"], "build --check"),
        (&["check", "--format", "json"], "check"),
    ] {
        let run = run(&site, args);
        assert_code(&run, 2);
        let report = json_report(&run);
        assert_eq!(report["command"], command);
        assert_eq!(report["ok"], false);
        assert_eq!(report["records"], 0);
        assert_eq!(report["errors"], 1);
        assert_eq!(
            diagnostics(&report),
            [(
                "error".to_string(),
                "feed.toml".to_string(),
                Some(2),
                Some(12),
                "`base_url`: invalid type: integer `3`, expected a string".to_string()
            )]
        );
        assert!(
            run.stderr
                .ends_with("1 error, 0 warnings; nothing was read or written\n"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn json_when_the_config_is_missing() {
    let site = Site::empty();
    let run = run(&site, &["check", "--format", "json"]);
    assert_code(&run, 2);
    let report = json_report(&run);
    assert_eq!(report["diagnostics"][0]["path"], "feed.toml");
}

#[test]
fn json_when_source_date_epoch_is_bad() {
    let site = Site::fixture("commands/site");
    let run = run_env(
        &site,
        &["build", "--format", "json"],
        Env {
            epoch: Some("yesterday"),
            ..Env::default()
        },
    );
    assert_code(&run, 2);
    let report = json_report(&run);
    assert_eq!(report["ok"], false);
}

// 4. Diagnostics rendering

#[test]
fn diagnostics_plain_have_location_source_caret_and_help() {
    let site = Site::fixture("commands/errors");
    let run = run(&site, &["build"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("diagnostics_plain", run.stderr);
    assert!(!run.stderr.contains('\x1b'));
    assert!(run.stderr.starts_with(
        "articles/a-latin1.md:2:13: error: not valid UTF-8: invalid byte 0xE9 at byte offset 16\n"
    ));
    assert!(run.stderr.contains("  |             ^\n"), "{}", run.stderr);
    assert!(run.stderr.contains("  = help: save the file as UTF-8\n"));

    // Sorted by file, then line.
    let keys: Vec<(String, usize)> = diagnostic_lines(&run.stderr)
        .iter()
        .map(|line| {
            let mut parts = line.splitn(3, ':');
            let path = parts.next().expect("path").to_string();
            let line = parts.next().expect("line").parse().expect("a line number");
            (path, line)
        })
        .collect();
    assert_eq!(keys.len(), 4, "{}", run.stderr);
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    assert!(
        run.stderr
            .ends_with("3 records read: 3 errors, 1 warning; no feed was written\n"),
        // Every record file counts, the two that failed included (this
        // said "1 record read" before).
        "{}",
        run.stderr
    );
}

#[test]
fn diagnostics_are_coloured_when_forced() {
    let site = Site::fixture("commands/errors");
    let run = run_env(
        &site,
        &["build"],
        Env {
            colour: true,
            force_colour: true,
            ..Env::default()
        },
    );
    assert_code(&run, 1);
    assert!(run.stderr.contains("\x1b["), "{:?}", run.stderr);
    assert!(run.stderr.contains("error"));
    // Colour does not change the text.
    let plain = self::run(&site, &["build"]);
    assert_eq!(strip_ansi(&run.stderr), plain.stderr);
}

#[test]
fn diagnostics_are_plain_when_piped() {
    let site = Site::fixture("commands/errors");
    let run = run_env(
        &site,
        &["build"],
        Env {
            colour: true,
            ..Env::default()
        },
    );
    assert_code(&run, 1);
    assert!(!run.stderr.contains('\x1b'), "{:?}", run.stderr);
    assert!(run.stderr.starts_with("articles/a-latin1.md:2:13: error: "));
}

/// The text without its ANSI SGR sequences (`ESC [ … m`).
fn strip_ansi(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for c in chars.by_ref() {
                if c.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}

// 5. new

#[test]
fn new_creates_a_draft_dated_now_in_the_site_timezone() {
    let site = Site::fixture("commands/new");
    let run = run(&site, &["new", "Harbour Fog Delays Ferries"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "articles/harbour-fog-delays-ferries.md\n");
    assert_eq!(run.stderr, "");
    assert_eq!(
        site.read("articles/harbour-fog-delays-ferries.md"),
        format!(
            "+++\ntitle = \"Harbour Fog Delays Ferries\"\ndate = {NOW_LISBON}\ntags = []\n\
             # Remove this line when the article is ready to publish.\ndraft = true\n+++\n\
             Write the article here, in Markdown.\n"
        )
    );
    // A draft: the next build leaves it out, with no warning.
    let build = self::run(&site, &["build"]);
    assert_code(&build, 0);
    assert!(
        build
            .stderr
            .ends_with("2 records read: 0 errors, 0 warnings\n")
    );
    assert_eq!(
        titles(&atom_items(&site.atom())),
        ["Tram 28 Returns to Its Old Route"]
    );
    // It is published with --include-drafts.
    let drafts = self::run(&site, &["build", "--include-drafts"]);
    assert_code(&drafts, 0);
    let atom = atom_items(&site.atom());
    assert_eq!(atom[0].title, "Harbour Fog Delays Ferries");
    assert_eq!(
        atom[0].published.as_deref(),
        Some("2026-09-21T14:13:20+00:00")
    );
}

#[test]
fn new_prints_the_path_through_the_config_folder() {
    let site = Site::fixture("commands/new");
    std::fs::create_dir(site.join("elsewhere")).expect("mkdir");
    let config = site.join("feed.toml");
    let run = run_in(
        site.path(),
        &site.join("elsewhere"),
        &[
            "--config",
            config.to_str().expect("utf-8 path"),
            "new",
            "Night Market",
        ],
        Env::default(),
    );
    assert_code(&run, 0);
    assert_eq!(run.stdout, "[SITE]/articles/night-market.md\n");
    assert!(site.exists("articles/night-market.md"));
    assert!(!site.exists("elsewhere/articles"));
}

#[test]
fn new_never_overwrites() {
    let site = Site::fixture("commands/new");
    let first = run(&site, &["new", "Harbour Fog Delays Ferries"]);
    assert_code(&first, 0);
    let path = "articles/harbour-fog-delays-ferries.md";
    site.write(path, "+++\ntitle = \"Edited by hand\"\n+++\n");
    age(&site, path);
    let second = run(&site, &["new", "Harbour Fog Delays Ferries"]);
    assert_code(&second, 1);
    assert_eq!(second.stdout, "");
    insta::assert_snapshot!("new_exists", second.stderr);
    assert_untouched(&site, path, b"+++\ntitle = \"Edited by hand\"\n+++\n");
}

/// `new --txt` writes a draft, as `new` does (it used to write a record
/// that the next build published with its placeholder text).
#[test]
fn new_txt_creates_a_plain_text_draft_that_builds() {
    let site = Site::fixture("commands/new");
    let run = run(&site, &["new", "--txt", "Café à la plage – 2025"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "articles/cafe-a-la-plage-2025.txt\n");
    assert_eq!(run.stderr, "");
    let record = "articles/cafe-a-la-plage-2025.txt";
    assert_eq!(
        site.read(record),
        "Café à la plage – 2025\n\n  • Publish date: Monday, 21 September 2026 15:13 +01:00 \
         Reading time: 1 min read\n  • Draft: yes\n\nWrite the article here: paragraphs separated \
         by blank lines. When it is ready to publish, delete the draft line above.\n"
    );
    // A draft: the next build leaves it out, with no warning.
    let build = self::run(&site, &["build"]);
    assert_code(&build, 0);
    assert_eq!(
        build.stderr,
        "written: public/rss.xml (1 item)\nwritten: public/atom.xml (1 item)\n\
         2 records read: 0 errors, 0 warnings\n"
    );
    assert_eq!(
        titles(&atom_items(&site.atom())),
        ["Tram 28 Returns to Its Old Route"]
    );
    // Once the line is deleted, it is published.
    site.write(record, site.read(record).replace("  • Draft: yes\n", ""));
    let build = self::run(&site, &["build"]);
    assert_code(&build, 0);
    let atom = atom_items(&site.atom());
    assert_eq!(
        titles(&atom),
        ["Café à la plage – 2025", "Tram 28 Returns to Its Old Route"]
    );
    assert_eq!(
        atom[0].link,
        "https://lisbon.example.com/articles/cafe-a-la-plage-2025/"
    );
    assert_eq!(
        atom[0].published.as_deref(),
        Some("2026-09-21T14:13:00+00:00")
    );
    assert!(
        site.atom()
            .contains("<published>2026-09-21T15:13:00+01:00</published>")
    );
}

#[test]
fn new_slugs() {
    let site = Site::fixture("commands/new");
    for (title, path) in [
        (
            "  Ferry   Strike: Day 2!  ",
            "articles/ferry-strike-day-2.md",
        ),
        ("Ação já", "articles/acao-ja.md"),
        ("???", "articles/untitled.md"),
    ] {
        let run = run(&site, &["new", title]);
        assert_code(&run, 0);
        assert_eq!(run.stdout, format!("{path}\n"), "{title:?}");
    }
    assert!(
        site.read("articles/ferry-strike-day-2.md")
            .contains("title = \"Ferry Strike: Day 2!\"\n")
    );
    let empty = run(&site, &["new", "   "]);
    assert_code(&empty, 1);
    assert_eq!(empty.stdout, "");
    assert_eq!(empty.stderr, "articles: error: the title is empty\n");
}

#[test]
fn new_without_a_config_exits_2() {
    let site = Site::empty();
    let run = run(&site, &["new", "Lost"]);
    assert_code(&run, 2);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "feed.toml: error: cannot read the config file: No such file or directory (os error 2)\n \
         = help: to start a new site, run `feedwright init`; to use an existing one, run from its folder or pass `--config PATH/feed.toml`\n"
    );
    assert!(!site.exists("articles"));
}

// 6. init

#[test]
fn init_creates_a_site_that_builds_valid_feeds() {
    let root = Site::empty();
    let run = run(&root, &["init", "news"]);
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("init", run.stderr);
    assert!(root.exists("news/feed.toml") && root.exists("news/articles/welcome.md"));
    assert!(
        root.read("news/feed.toml").starts_with('#'),
        "a commented config"
    );

    let build = self::run(&root, &["build", "--config", "news/feed.toml"]);
    assert_code(&build, 0);
    assert_eq!(
        build.stderr,
        "written: news/public/rss.xml (1 item)\nwritten: news/public/atom.xml (1 item)\n\
         1 record read: 0 errors, 0 warnings\n"
    );
    let rss = rss_items(&root.read("news/public/rss.xml"));
    let atom = atom_items(&root.read("news/public/atom.xml"));
    assert_eq!(titles(&rss), ["Welcome"]);
    assert_eq!(titles(&atom), ["Welcome"]);
    assert_eq!(atom[0].link, "https://example.com/articles/welcome/");
    assert_eq!(
        atom[0].published.as_deref(),
        Some("2026-09-21T14:13:20+00:00")
    );

    // `check` is clean too.
    let check = self::run(&root, &["check", "--config", "news/feed.toml"]);
    assert_code(&check, 0);
    assert_eq!(check.stderr, "1 record checked: 0 errors, 0 warnings\n");
}

#[test]
fn init_in_the_current_folder() {
    let root = Site::empty();
    let run = run(&root, &["init"]);
    assert_code(&run, 0);
    assert!(root.exists("feed.toml") && root.exists("articles/welcome.md"));
    let build = self::run(&root, &["build"]);
    assert_code(&build, 0);
}

#[test]
fn init_never_overwrites() {
    let root = Site::empty();
    assert_code(&run(&root, &["init", "news"]), 0);
    let config = root.read_bytes("news/feed.toml");
    let welcome = root.read_bytes("news/articles/welcome.md");
    age(&root, "news/feed.toml");
    age(&root, "news/articles/welcome.md");

    let again = run(&root, &["init", "news"]);
    assert_code(&again, 1);
    assert_eq!(again.stdout, "");
    assert_eq!(
        again.stderr,
        "news/feed.toml: error: already exists; `init` never overwrites\n"
    );
    assert_untouched(&root, "news/feed.toml", &config);
    assert_untouched(&root, "news/articles/welcome.md", &welcome);

    // With only the record gone, nothing is written either.
    root.remove("news/articles/welcome.md");
    let partial = run(&root, &["init", "news"]);
    assert_code(&partial, 1);
    assert_untouched(&root, "news/feed.toml", &config);
    assert!(!root.exists("news/articles/welcome.md"));

    // With only the config gone, the record is named.
    let other = Site::empty();
    other.write("articles/welcome.md", "mine");
    let taken = run(&other, &["init"]);
    assert_code(&taken, 1);
    assert_eq!(
        taken.stderr,
        "./articles/welcome.md: error: already exists; `init` never overwrites\n"
    );
    assert!(!other.exists("feed.toml"));
    assert_eq!(other.read("articles/welcome.md"), "mine");
}

// 7. The lock file

const LOCK: &str = "# feedwright.lock: the id each item was first published with.
# Commit this file. A build whose items' ids would change fails, since feed
# readers would show them again as new; `feedwright build --accept-id-changes`
# publishes the new ids and records them here.
version = 1

[ids]
bridge-paint = \"https://example.com/articles/bridge-paint/\"
gull-count = \"https://example.com/articles/gull-count/\"
market-hours = \"https://example.com/articles/market-hours/\"
";

fn move_site(site: &Site) {
    let config = site
        .read("feed.toml")
        .replace("https://example.com/", "https://news.example.org/");
    site.write("feed.toml", config);
}

#[test]
fn lock_file_lists_each_slug_and_id() {
    let site = built_site();
    assert_eq!(site.read("feedwright.lock"), LOCK);
    assert!(!site.exists("public/feedwright.lock"));
}

/// The id guard: a changed id is an error (it used to be a warning that
/// `build` published anyway), nothing is written, and each message names
/// both ids and the lock-file line that pins the old one.
#[test]
fn changed_ids_fail_the_build_and_name_the_pinning_line() {
    let site = built_site();
    move_site(&site);
    let feeds: Vec<Vec<u8>> = FEEDS.iter().map(|file| site.read_bytes(file)).collect();

    let build = run(&site, &["build"]);
    assert_code(&build, 1);
    assert_eq!(build.stdout, "");
    insta::assert_snapshot!("lock_changed", build.stderr);
    let errors = diagnostic_lines(&build.stderr);
    assert_eq!(errors.len(), 3, "{}", build.stderr);
    // Lines 8, 9 and 10 of LOCK hold bridge-paint, gull-count, market-hours.
    for (slug, line) in [("bridge-paint", 8), ("gull-count", 9), ("market-hours", 10)] {
        let old = format!("https://example.com/articles/{slug}/");
        let new = format!("https://news.example.org/articles/{slug}/");
        assert!(
            errors.iter().any(|e| e.contains(": error: ")
                && e.contains(&format!(
                    "id would change from \"{old}\" (pinned by feedwright.lock:{line}) to \"{new}\""
                ))),
            "{slug}: {}",
            build.stderr
        );
        assert_eq!(
            LOCK.lines().nth(line - 1),
            Some(format!("{slug} = \"{old}\"").as_str())
        );
    }
    assert!(
        build.stderr.ends_with("no feed was written\n"),
        "{}",
        build.stderr
    );
    for (file, bytes) in FEEDS.iter().zip(&feeds) {
        assert_untouched(&site, file, bytes);
    }
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());

    // `check` and `build --check` fail the same way.
    assert_code(&run(&site, &["check"]), 1);
    let stale = run(&site, &["build", "--check"]);
    assert_code(&stale, 1);
    assert_eq!(diagnostic_lines(&stale.stderr).len(), 3, "{}", stale.stderr);
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());
}

#[test]
fn changed_ids_can_be_pinned_in_the_record() {
    let site = built_site();
    move_site(&site);
    // Pin two of them, as the hints say.
    let market = site.read("articles/2026-04-01-market-hours.md").replacen(
        "+++\n",
        "+++\nid = \"https://example.com/articles/market-hours/\"\n",
        1,
    );
    site.write("articles/2026-04-01-market-hours.md", market);
    let gulls = site.read("articles/gull-count.txt").replacen(
        "Tags: wildlife\n",
        "Id: https://example.com/articles/gull-count/\nTags: wildlife\n",
        1,
    );
    site.write("articles/gull-count.txt", gulls);
    let build = run(&site, &["build"]);
    assert_code(&build, 1);
    let errors = diagnostic_lines(&build.stderr);
    assert_eq!(errors.len(), 1, "{}", build.stderr);
    assert!(
        errors[0].starts_with("articles/bridge-paint.md:1: error: the item's id would change"),
        "{}",
        errors[0]
    );
    assert!(
        build.stderr.contains(
            "add `id = \"https://example.com/articles/bridge-paint/\"` to the front matter"
        )
    );

    let paint = site.read("articles/bridge-paint.md").replacen(
        "+++\n",
        "+++\nid = \"https://example.com/articles/bridge-paint/\"\n",
        1,
    );
    site.write("articles/bridge-paint.md", paint);
    let pinned = run(&site, &["build"]);
    assert_code(&pinned, 0);
    let atom = atom_items(&site.atom());
    let ids: Vec<&str> = atom.iter().map(|item| item.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "https://example.com/articles/gull-count/",
            "https://example.com/articles/bridge-paint/",
            "https://example.com/articles/market-hours/"
        ]
    );
    // Every id kept: the lock is not rewritten.
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());
    assert_code(&run(&site, &["check"]), 0);
}

#[test]
fn accept_id_changes_publishes_the_new_ids_and_updates_the_lock() {
    let site = built_site();
    move_site(&site);
    let check = run(&site, &["build", "--check", "--accept-id-changes"]);
    assert_code(&check, 1);
    assert!(
        check.stderr.contains(
            "feedwright.lock: error: the lock file is out of date: `build` would replace 3 entries (bridge-paint, gull-count, market-hours)"
        ),
        "{}",
        check.stderr
    );
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());

    let accept = run(&site, &["build", "--accept-id-changes"]);
    assert_code(&accept, 0);
    assert_eq!(diagnostic_lines(&accept.stderr), Vec::<&str>::new());
    assert_eq!(
        site.read("feedwright.lock"),
        LOCK.replace("https://example.com/", "https://news.example.org/")
    );
    let ids: Vec<String> = atom_items(&site.atom())
        .into_iter()
        .map(|item| item.id)
        .collect();
    assert!(
        ids.iter()
            .all(|id| id.starts_with("https://news.example.org/")),
        "{ids:?}"
    );
    // From now on the new ids are the published ones.
    assert_code(&run(&site, &["build"]), 0);
    assert_code(&run(&site, &["build", "--check"]), 0);
}

#[test]
fn build_check_fails_when_the_lock_file_lacks_entries() {
    let site = built_site();
    site.remove("feedwright.lock");
    let check = run(&site, &["build", "--check"]);
    assert_code(&check, 1);
    assert_eq!(
        check.stderr,
        "feedwright.lock: error: the lock file is out of date: `build` would add 3 entries (bridge-paint, gull-count, market-hours)\n \
         = help: run `feedwright build` and commit feedwright.lock\n\
         unchanged: public/rss.xml (3 items)\n\
         unchanged: public/atom.xml (3 items)\n\
         3 records read: 1 error, 0 warnings\n"
    );
    assert!(!site.exists("feedwright.lock"));
    // `build` adds them; then the check passes.
    assert_code(&run(&site, &["build"]), 0);
    assert_eq!(site.read("feedwright.lock"), LOCK);
    assert_code(&run(&site, &["build", "--check"]), 0);
}

#[test]
fn lock_file_is_rewritten_only_when_an_item_is_added() {
    let site = built_site();
    let again = run(&site, &["build"]);
    assert_code(&again, 0);
    assert!(
        again.stderr.ends_with("feeds already up to date\n"),
        "{}",
        again.stderr
    );
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());

    // A removed record keeps its entry; nothing is added, nothing rewritten.
    site.remove("articles/gull-count.txt");
    assert_code(&run(&site, &["build"]), 0);
    assert_untouched(&site, "feedwright.lock", LOCK.as_bytes());

    // A new item is added.
    site.write(
        "articles/slipway.md",
        "+++\ntitle = \"Slipway Reopens\"\ndate = \"2026-05-02T09:00:00Z\"\n+++\nOpen again.\n",
    );
    assert_code(&run(&site, &["build"]), 0);
    assert_ne!(site.mtime("feedwright.lock"), long_ago());
    assert_eq!(
        site.read("feedwright.lock"),
        format!("{LOCK}slipway = \"https://example.com/articles/slipway/\"\n")
    );

    // build --check and check never write it.
    site.write(
        "articles/pier.md",
        "+++\ntitle = \"Pier Lights\"\ndate = \"2026-05-03T09:00:00Z\"\n+++\nLit.\n",
    );
    age(&site, "feedwright.lock");
    let lock = site.read_bytes("feedwright.lock");
    assert_code(&run(&site, &["build", "--check"]), 1);
    assert_code(&run(&site, &["check"]), 0);
    assert_untouched(&site, "feedwright.lock", &lock);
}

// 7b. Behaviour people rely on (issue 16)

#[test]
fn quiet_build_check_still_names_each_stale_file() {
    let site = built_site();
    let paint = site
        .read("articles/bridge-paint.md")
        .replace("Gets a New Coat", "Gets Its First New Coat");
    site.write("articles/bridge-paint.md", paint);
    let run = run(&site, &["-q", "build", "--check"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "stale: public/rss.xml (3 items): 1 changed (https://example.com/articles/bridge-paint/)\n\
         stale: public/atom.xml (3 items): 1 changed (https://example.com/articles/bridge-paint/)\n"
    );
    // Up to date: -q prints nothing at all.
    site.write(
        "articles/bridge-paint.md",
        site.read("articles/bridge-paint.md")
            .replace("Gets Its First New Coat", "Gets a New Coat"),
    );
    let fresh = self::run(&site, &["--quiet", "build", "--check"]);
    assert_code(&fresh, 0);
    assert_eq!(fresh.stderr, "");
}

#[test]
fn a_missing_config_suggests_init() {
    let site = Site::empty();
    let run = run(&site, &["build"]);
    assert_code(&run, 2);
    assert!(
        run.stderr
            .starts_with("feed.toml: error: cannot read the config file: "),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            " = help: to start a new site, run `feedwright init`; to use an existing one, run from its folder or pass `--config PATH/feed.toml`\n"
        ),
        "{}",
        run.stderr
    );
    let elsewhere = self::run(&site, &["--config", "blog/feed.toml", "check"]);
    assert_code(&elsewhere, 2);
    assert!(
        elsewhere.stderr.contains("run `feedwright init blog`"),
        "{}",
        elsewhere.stderr
    );
}

/// Each Atom `<entry>` of `xml`, as text.
fn atom_entries(xml: &str) -> Vec<&str> {
    xml.split("<entry>").skip(1).collect()
}

#[test]
fn every_atom_entry_names_an_author_and_rss_one_creator() {
    let site = Site::fixture("commands/site");
    site.write(
        "articles/crew.md",
        "+++\ntitle = \"Crew Change\"\ndate = \"2026-05-02T09:00:00Z\"\n\
         authors = [\"Ana Ribeiro\", \"Tomás Leal\", \"Li Wei\"]\n+++\nThree bylines.\n",
    );
    site.write(
        "articles/pair.md",
        "+++\ntitle = \"Pair\"\ndate = \"2026-05-01T09:00:00Z\"\n\
         authors = [\"Ana Ribeiro\", \"Tomás Leal\"]\n+++\nTwo bylines.\n",
    );
    assert_code(&run(&site, &["build"]), 0);
    let atom = site.atom();
    let entries = atom_entries(&atom);
    assert_eq!(entries.len(), 5);
    // The records that name nobody carry the site's author, not nothing.
    for entry in &entries {
        assert!(entry.contains("<author>"), "{entry}");
    }
    let site_authored = entries
        .iter()
        .filter(|entry| entry.contains("<name>Fixture Desk</name>"))
        .count();
    assert_eq!(site_authored, 2, "{atom}");
    assert_eq!(entries[0].matches("<author>").count(), 3);

    let rss = site.rss();
    let items: Vec<&str> = rss.split("<item>").skip(1).collect();
    assert_eq!(items.len(), 5);
    for item in &items {
        assert_eq!(item.matches("<dc:creator>").count(), 1, "{item}");
    }
    assert!(items[0].contains("<dc:creator>Ana Ribeiro, Tomás Leal and Li Wei</dc:creator>"));
    assert!(items[1].contains("<dc:creator>Ana Ribeiro and Tomás Leal</dc:creator>"));
}

#[test]
fn the_count_line_counts_a_record_that_failed() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write(
        "articles/bad.md",
        "+++\ntitle = \"Bad\"\ndate = \"31 Septembar 2025\"\n+++\nBody.\n",
    );
    let build = run(&site, &["build"]);
    assert_code(&build, 1);
    assert!(
        build
            .stderr
            .ends_with("\n1 record read: 1 error, 0 warnings; no feed was written\n"),
        "{}",
        build.stderr
    );
    let check = run(&site, &["check"]);
    assert_code(&check, 1);
    assert!(
        check
            .stderr
            .ends_with("\n1 record checked: 1 error, 0 warnings\n"),
        "{}",
        check.stderr
    );
    let json: Value =
        serde_json::from_str(&run(&site, &["build", "--format", "json"]).stdout).expect("json");
    assert_eq!(json["records"], 1);
    assert_eq!(json["errors"], 1);
}

// 8. completions, man, --version, flags

#[test]
fn completions_for_each_shell() {
    let site = Site::empty();
    for shell in ["bash", "zsh", "fish"] {
        let run = run(&site, &["completions", shell]);
        assert_code(&run, 0);
        assert_eq!(run.stderr, "", "{shell}");
        assert!(run.stdout.len() > 200, "{shell}: {}", run.stdout);
        assert!(run.stdout.contains("feedwright"), "{shell}");
        assert!(run.stdout.contains("build"), "{shell}");
        assert!(run.stdout.contains("check"), "{shell}");
    }
    let bad = run(&site, &["completions", "tcsh"]);
    assert_code(&bad, 2);
    assert_eq!(bad.stdout, "");
    assert!(
        bad.stderr.contains("invalid value 'tcsh'"),
        "{}",
        bad.stderr
    );
}

#[test]
fn man_page_is_roff() {
    let site = Site::empty();
    let run = run(&site, &["man"]);
    assert_code(&run, 0);
    assert_eq!(run.stderr, "");
    assert!(
        run.stdout
            .lines()
            .any(|line| line.starts_with(".TH feedwright 1")),
        "{}",
        run.stdout
    );
    // Before `.TH` only the roff preamble that defines the quote string.
    let before: Vec<&str> = run
        .stdout
        .lines()
        .take_while(|line| !line.starts_with(".TH"))
        .collect();
    assert!(
        before.iter().all(|line| line.starts_with('.')),
        "{before:?}"
    );
    assert!(run.stdout.contains(".SH NAME"));
    assert!(run.stdout.contains("build"));
}

#[test]
fn version_is_the_crate_version() {
    let site = Site::empty();
    let run = run(&site, &["--version"]);
    assert_code(&run, 0);
    assert_eq!(
        run.stdout,
        format!("feedwright {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(run.stdout, "feedwright 0.1.0\n");
    assert_eq!(run.stderr, "");
}

#[test]
fn unknown_flag_exits_2() {
    let site = Site::fixture("commands/site");
    for (args, usage) in [
        (
            &["--bogus", "build"][..],
            "Usage: feedwright [OPTIONS] <COMMAND>",
        ),
        (&["build", "--bogus"], "Usage: feedwright build [OPTIONS]"),
    ] {
        let run = run(&site, args);
        assert_code(&run, 2);
        assert_eq!(run.stdout, "");
        assert!(
            run.stderr
                .starts_with("error: unexpected argument '--bogus' found\n"),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(usage), "{}", run.stderr);
    }
    let none = run(&site, &[]);
    assert_code(&none, 2);
    assert!(!site.exists("public"));
}

#[test]
fn flags_work_before_and_after_the_command() {
    let site = Site::fixture("commands/lint");
    for args in [
        &["--quiet", "build"][..],
        &["build", "--quiet"],
        &["-q", "build"],
    ] {
        let run = run(&site, args);
        assert_code(&run, 0);
        assert_eq!(run.stdout, "", "{args:?}");
        assert_eq!(run.stderr, "", "{args:?}");
    }
    let before = run(&site, &["--format", "json", "--strict", "check"]);
    let after = run(&site, &["check", "--strict", "--format", "json"]);
    assert_code(&before, 1);
    assert_eq!(before.stdout, after.stdout);
    assert_eq!(before.stderr, after.stderr);
    let config = run(&site, &["check", "--config", "feed.toml"]);
    assert_code(&config, 0);
}

/// The README stands alone and documents what the man page's tables hold:
/// every config key, record key and plain-text label, exit code and flag.
#[test]
fn the_readme_documents_every_key_flag_and_exit_code() {
    use clap::CommandFactory;
    use feedwright::cli::reference::{CONFIG_KEYS, EXIT_CODES, RECORD_KEYS};
    let readme = std::fs::read_to_string(util::crate_root().join("README.md")).expect("README");
    for entry in CONFIG_KEYS {
        let name = entry.key.rsplit('.').next().expect("a key");
        assert!(
            readme.contains(&format!("`{name}`")) || readme.contains(&format!("\n{name} = ")),
            "README lacks the config key {}",
            entry.key
        );
    }
    for entry in RECORD_KEYS {
        if let Some(key) = entry.key {
            assert!(readme.contains(&format!("`{key}`")), "README lacks `{key}`");
        }
        if let Some(label) = entry.label {
            assert!(
                readme.contains(&format!("`{label}:")),
                "README lacks `{label}:`"
            );
        }
    }
    for (code, _) in EXIT_CODES {
        assert!(
            readme.contains(&format!("\n| {code} | ")),
            "README lacks exit code {code}"
        );
    }
    let cli = feedwright::cli::Cli::command();
    let commands = std::iter::once(&cli).chain(cli.get_subcommands());
    for arg in commands.flat_map(clap::Command::get_arguments) {
        if let Some(long) = arg
            .get_long()
            .filter(|long| !["help", "version"].contains(long))
        {
            assert!(
                readme.contains(&format!("--{long}")),
                "README lacks --{long}"
            );
        }
    }
    for name in cli.get_subcommands().map(clap::Command::get_name) {
        assert!(
            readme.contains(&format!("`{name}")),
            "README lacks the command {name}"
        );
    }
    // Nothing a user who clones the repository does not have.
    for outside in ["../shared", "SPEC.md", "/work/"] {
        assert!(!readme.contains(outside), "README refers to {outside}");
    }
}

// 9. Exit code 2

#[test]
fn missing_config_exits_2() {
    let site = Site::empty();
    for args in [&["build"][..], &["build", "--check"], &["check"]] {
        let run = run(&site, args);
        assert_code(&run, 2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            "feed.toml: error: cannot read the config file: No such file or directory (os error 2)\n \
             = help: to start a new site, run `feedwright init`; to use an existing one, run from its folder or pass `--config PATH/feed.toml`\n\
             1 error, 0 warnings; nothing was read or written\n"
        );
    }
    let named = run(&site, &["build", "--config", "site/news.toml"]);
    assert_code(&named, 2);
    assert!(
        named.stderr.starts_with("site/news.toml: error: "),
        "{}",
        named.stderr
    );
}

#[test]
fn invalid_config_exits_2() {
    let site = Site::fixture("commands/site");
    site.write(
        "feed.toml",
        "title = \"Desk\"\nbase_url = \"https://example.com/\n",
    );
    let run = run(&site, &["build"]);
    assert_code(&run, 2);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("config_invalid_toml", run.stderr);
    assert!(!site.exists("public"));

    site.write("feed.toml", format!("{}limt = 3\n", util::MINIMAL_CONFIG));
    let typo = self::run(&site, &["check"]);
    assert_code(&typo, 2);
    assert!(
        typo.stderr
            .starts_with("feed.toml:8:1: error: unknown key `limt` in the [author] table\n"),
        "{}",
        typo.stderr
    );
}

#[test]
fn missing_articles_folder_exits_2() {
    let site = Site::fixture("commands/site");
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace(
            "language = \"en\"\n",
            "language = \"en\"\narticles = \"stories\"\n",
        ),
    );
    for args in [&["build"][..], &["build", "--check"], &["check"]] {
        let run = run(&site, args);
        assert_code(&run, 2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            "stories: error: cannot read the articles folder: No such file or directory (os error 2)\n\
             1 error, 0 warnings; nothing was read or written\n"
        );
    }
    assert!(!site.exists("public") && !site.exists("feedwright.lock"));
}

#[test]
fn bad_source_date_epoch_exits_2() {
    let site = Site::fixture("commands/site");
    for epoch in ["yesterday", "1.5e9", ""] {
        let run = run_env(
            &site,
            &["build"],
            Env {
                epoch: Some(epoch),
                ..Env::default()
            },
        );
        assert_code(&run, 2);
        assert_eq!(run.stdout, "");
        assert_eq!(
            run.stderr,
            format!(
                "error: SOURCE_DATE_EPOCH={epoch:?} is not a number of seconds since 1970\n = help: set it to whole seconds since 1970, such as 1756684800, or unset it\n1 error, 0 warnings; nothing was read or written\n"
            )
        );
    }
    assert!(!site.exists("public"));
}

// 10. --quiet and --out

#[test]
fn quiet_prints_only_errors() {
    let site = Site::fixture("commands/errors");
    let run = run(&site, &["build", "--quiet"]);
    assert_code(&run, 1);
    assert_eq!(run.stdout, "");
    insta::assert_snapshot!("quiet_errors", run.stderr);
    assert_eq!(diagnostic_lines(&run.stderr).len(), 3);
    assert!(!run.stderr.contains("warning"));
    assert!(!run.stderr.contains("records read"));

    let clean = Site::fixture("commands/site");
    let build = self::run(&clean, &["--quiet", "build"]);
    assert_code(&build, 0);
    assert_eq!(build.stderr, "");
    assert!(clean.exists("public/rss.xml"));
    let check = self::run(&clean, &["--quiet", "build", "--check"]);
    assert_code(&check, 0);
    assert_eq!(check.stderr, "");
}

#[test]
fn out_writes_to_a_folder_relative_to_the_working_directory() {
    let site = Site::fixture("commands/site");
    std::fs::create_dir(site.join("work")).expect("mkdir");
    let run = run_in(
        site.path(),
        &site.join("work"),
        &["--config", "../feed.toml", "build", "--out", "dist"],
        Env::default(),
    );
    assert_code(&run, 0);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        "written: dist/rss.xml (3 items)\nwritten: dist/atom.xml (3 items)\n\
         3 records read: 0 errors, 0 warnings\n"
    );
    assert_eq!(rss_items(&site.read("work/dist/rss.xml")).len(), 3);
    assert_eq!(atom_items(&site.read("work/dist/atom.xml")).len(), 3);
    assert!(!site.exists("public") && !site.exists("dist"));
    // The lock file stays beside feed.toml.
    assert!(site.exists("feedwright.lock") && !site.exists("work/feedwright.lock"));

    let check = run_in(
        site.path(),
        &site.join("work"),
        &[
            "build",
            "--check",
            "--config",
            "../feed.toml",
            "--out",
            "dist",
        ],
        Env::default(),
    );
    assert_code(&check, 0);
    assert!(
        check.stderr.ends_with("feeds are up to date\n"),
        "{}",
        check.stderr
    );
}

// Broken pipes: `feedwright completions bash | head -1` must not panic.

/// Runs with stdout a pipe whose reading end is already closed; returns
/// the exit code and stderr.
fn run_into_closed_pipe(site: &Site, args: &[&str]) -> (i32, String) {
    // No other child may be spawned (and briefly hold the reading end)
    // between this spawn and the drop below.
    let guard = SPAWN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut child = Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .args(args)
        .current_dir(site.path())
        .env("SOURCE_DATE_EPOCH", util::EPOCH)
        .env("NO_COLOR", "1")
        .env("CI", "true")
        .env_remove("RUST_BACKTRACE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn feedwright");
    drop(child.stdout.take());
    drop(guard);
    let output = child.wait_with_output().expect("wait");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn completions_into_a_closed_pipe_do_not_panic() {
    let site = Site::empty();
    for shell in ["bash", "zsh", "fish"] {
        let (code, stderr) = run_into_closed_pipe(&site, &["completions", shell]);
        assert!(!stderr.contains("panicked"), "{shell}: {stderr}");
        assert_ne!(code, 101, "{shell}");
    }
}

#[test]
fn new_into_a_closed_pipe_does_not_panic() {
    let site = Site::fixture("commands/new");
    let (code, stderr) = run_into_closed_pipe(&site, &["new", "Piped"]);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_ne!(code, 101);
}
