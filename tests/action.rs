//! The GitHub Action: `action.yml` runs `scripts/action.sh`, and this runs
//! that script as a runner would, with the `GITHUB_*` and `RUNNER_*`
//! variables pointing at temporary files, and `FEEDWRIGHT_BIN` at the binary
//! `cargo test` built, so nothing is downloaded or compiled. It pins the
//! exit codes, the job summary and the step outputs of each command.

#![cfg(unix)]

mod util;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use util::Site;

/// A runner's files for one job: the variables' targets.
struct Runner {
    temp: tempfile::TempDir,
}

struct Step {
    code: i32,
    stdout: String,
    stderr: String,
    /// What this step appended to `$GITHUB_STEP_SUMMARY`.
    summary: String,
    /// What this step appended to `$GITHUB_OUTPUT`.
    outputs: String,
}

impl Runner {
    fn new() -> Self {
        Self {
            temp: tempfile::tempdir().expect("temp dir"),
        }
    }

    fn file(&self, name: &str) -> PathBuf {
        self.temp.path().join(name)
    }

    fn read(&self, name: &str) -> String {
        std::fs::read_to_string(self.file(name)).unwrap_or_default()
    }

    /// `action.sh STEP` in `site`, with `inputs` as `INPUT_*` variables.
    fn step(&self, site: &Path, step: &str, inputs: &[(&str, &str)]) -> Step {
        for file in ["summary.md", "output", "env", "path"] {
            std::fs::write(self.file(file), "").expect("reset runner file");
        }
        let root = util::crate_root();
        let mut command = Command::new("bash");
        command
            .arg(root.join("scripts/action.sh"))
            .arg(step)
            .current_dir(site)
            .stdin(Stdio::null())
            .env("GITHUB_ACTION_PATH", &root)
            .env("GITHUB_STEP_SUMMARY", self.file("summary.md"))
            .env("GITHUB_OUTPUT", self.file("output"))
            .env("GITHUB_ENV", self.file("env"))
            .env("GITHUB_PATH", self.file("path"))
            .env("RUNNER_TEMP", self.temp.path())
            .env("FEEDWRIGHT_BIN", env!("CARGO_BIN_EXE_feedwright"))
            .env("SOURCE_DATE_EPOCH", util::EPOCH)
            .env("CI", "true")
            .env("NO_COLOR", "1")
            .env_remove("FEEDWRIGHT_REPOSITORY")
            .env_remove("FEEDWRIGHT_ACTION_REF")
            .env_remove("FEEDWRIGHT_ACTION_JSON");
        for (name, value) in inputs {
            command.env(name, value);
        }
        let output = command.output().expect("run bash");
        Step {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
            summary: self.read("summary.md"),
            outputs: self.read("output"),
        }
    }
}

#[track_caller]
fn assert_code(step: &Step, code: i32) {
    assert_eq!(
        step.code, code,
        "stdout:\n{}\nstderr:\n{}\nsummary:\n{}",
        step.stdout, step.stderr, step.summary
    );
}

#[test]
fn install_uses_the_given_binary_and_downloads_nothing() {
    let site = Site::fixture("commands/site");
    let runner = Runner::new();
    let step = runner.step(site.path(), "install", &[("INPUT_VERSION", "latest")]);
    assert_code(&step, 0);
    assert_eq!(
        step.stdout,
        format!("feedwright {}\n", env!("CARGO_PKG_VERSION"))
    );
    assert!(!step.stdout.contains("downloading"));
    assert_eq!(
        runner.read("env"),
        format!("FEEDWRIGHT_BIN={}\n", env!("CARGO_BIN_EXE_feedwright"))
    );
    assert_eq!(runner.read("path"), "");
}

/// Serves the files under `root` over HTTP on 127.0.0.1 (GET only, one
/// request per connection) for as long as the test runs: a stand-in for
/// GitHub's release downloads, so the install step's real path (download,
/// checksum, unpack) is tested without the network.
fn serve(root: PathBuf) -> String {
    use std::io::{BufRead, BufReader, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut reader = BufReader::new(&stream);
            let mut request = String::new();
            if reader.read_line(&mut request).is_err() {
                continue;
            }
            // Headers are read to the blank line so curl sees a clean reply.
            let mut header = String::new();
            while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
                header.clear();
            }
            let path = request.split_whitespace().nth(1).unwrap_or("/");
            let file = root.join(path.trim_start_matches('/'));
            let mut stream = &stream;
            let _ = match std::fs::read(&file) {
                Ok(body) => stream
                    .write_all(
                        format!(
                            "HTTP/1.1 200 OK\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
                            body.len()
                        )
                        .as_bytes(),
                    )
                    .and_then(|()| stream.write_all(&body)),
                Err(_) => stream.write_all(
                    b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                ),
            };
        }
    });
    format!("http://{address}")
}

/// A release as release.yml lays it out: `latest/download/` holding an
/// archive and its checksum file. The "binary" in it is a script that
/// answers `--version` (packing the 140 MB debug build took seconds).
fn fake_release(dir: &Path, target: &str) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let download = dir.join("latest/download");
    std::fs::create_dir_all(&download).expect("mkdir");
    let staging = dir.join("staging");
    std::fs::create_dir_all(&staging).expect("mkdir");
    let fake = staging.join("feedwright");
    std::fs::write(&fake, "#!/bin/sh\necho \"feedwright 9.9.9 (released)\"\n").expect("write");
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    let archive = format!("feedwright-{target}.tar.gz");
    let tar = Command::new("tar")
        .arg("-czf")
        .arg(download.join(&archive))
        .arg("-C")
        .arg(&staging)
        .arg("feedwright")
        .status()
        .expect("run tar");
    assert!(tar.success());
    let sum = Command::new("sha256sum")
        .arg(&archive)
        .current_dir(&download)
        .output()
        .expect("run sha256sum");
    std::fs::write(download.join(format!("{archive}.sha256")), sum.stdout).expect("write");
    download.join(format!("{archive}.sha256"))
}

#[test]
fn install_downloads_checks_and_unpacks_the_release_binary() {
    if !util::on_path("curl") || !util::on_path("sha256sum") || !util::on_path("tar") {
        util::missing_tool("curl, sha256sum or tar");
        return;
    }
    let site = Site::empty();
    let releases = tempfile::tempdir().expect("temp dir");
    let checksum = fake_release(releases.path(), "x86_64-unknown-linux-musl");
    let url = serve(releases.path().to_path_buf());
    let runner = Runner::new();
    let inputs = [
        ("FEEDWRIGHT_BIN", ""),
        ("FEEDWRIGHT_REPOSITORY", "feedwright/feedwright"),
        ("FEEDWRIGHT_RELEASES", url.as_str()),
        ("RUNNER_OS", "Linux"),
        ("RUNNER_ARCH", "X64"),
        ("INPUT_VERSION", "latest"),
    ];
    let step = runner.step(site.path(), "install", &inputs);
    assert_code(&step, 0);
    let bin_dir = runner.file("feedwright-bin");
    assert_eq!(
        step.stdout,
        format!(
            "downloading {url}/latest/download/feedwright-x86_64-unknown-linux-musl.tar.gz\n\
             feedwright 9.9.9 (released)\n"
        )
    );
    assert_eq!(runner.read("path"), format!("{}\n", bin_dir.display()));
    assert_eq!(
        runner.read("env"),
        format!("FEEDWRIGHT_BIN={}\n", bin_dir.join("feedwright").display())
    );

    // An action pinned to a release installs that release.
    let pinned_dir = releases.path().join("download/v9.9.9");
    std::fs::create_dir_all(&pinned_dir).expect("mkdir");
    for name in [
        "feedwright-x86_64-unknown-linux-musl.tar.gz",
        "feedwright-x86_64-unknown-linux-musl.tar.gz.sha256",
    ] {
        std::fs::copy(
            releases.path().join("latest/download").join(name),
            pinned_dir.join(name),
        )
        .expect("copy");
    }
    let pinned = runner.step(
        site.path(),
        "install",
        &[inputs.as_slice(), &[("FEEDWRIGHT_ACTION_REF", "v9.9.9")]].concat(),
    );
    assert_code(&pinned, 0);
    assert!(
        pinned.stdout.starts_with(&format!(
            "downloading {url}/download/v9.9.9/feedwright-x86_64-unknown-linux-musl.tar.gz\n"
        )),
        "{}",
        pinned.stdout
    );

    // A binary that does not match its checksum is never run.
    std::fs::write(&checksum, format!("{}  x\n", "0".repeat(64))).expect("write");
    std::fs::remove_dir_all(&bin_dir).expect("clean");
    let tampered = runner.step(site.path(), "install", &inputs);
    assert_code(&tampered, 2);
    assert!(
        tampered.stderr.contains("checksum mismatch"),
        "{}",
        tampered.stderr
    );
    assert!(!tampered.stdout.contains("released"), "{}", tampered.stdout);
    assert_eq!(runner.read("env"), "");
}

#[test]
fn each_command_sets_the_exit_code_summary_and_outputs() {
    let site = Site::fixture("commands/site");
    let runner = Runner::new();

    // A fresh site: the feeds and the lock file are missing.
    let stale = runner.step(site.path(), "run", &[("INPUT_COMMAND", "build --check")]);
    assert_code(&stale, 1);
    assert_eq!(
        stale.summary,
        "### feedwright build --check: failed (exit 1)\n\n\
         | records | items | errors | warnings |\n| ---: | ---: | ---: | ---: |\n\
         | 3 | 3 | 1 | 0 |\n\n\
         Out of date (run `feedwright build` and commit):\n\n\
         - `missing: public/rss.xml`\n- `missing: public/atom.xml`\n"
    );
    let report = runner.file("feedwright-report.json");
    assert_eq!(
        stale.outputs,
        format!(
            "ok=false\nexit-code=1\nerrors=1\nwarnings=0\nreport={}\n",
            report.display()
        )
    );
    // The log shows the problems as text.
    assert!(
        stale.stderr.contains("feedwright.lock: error: "),
        "{}",
        stale.stderr
    );
    assert!(!site.exists("public"));

    let build = runner.step(site.path(), "run", &[("INPUT_COMMAND", "build")]);
    assert_code(&build, 0);
    assert_eq!(
        build.summary,
        "### feedwright build: passed\n\n\
         | records | items | errors | warnings |\n| ---: | ---: | ---: | ---: |\n\
         | 3 | 3 | 0 | 0 |\n"
    );
    assert!(build.outputs.starts_with("ok=true\nexit-code=0\n"));
    assert!(site.exists("public/rss.xml") && site.exists("feedwright.lock"));

    let fresh = runner.step(site.path(), "run", &[("INPUT_COMMAND", "build --check")]);
    assert_code(&fresh, 0);
    assert!(
        fresh
            .summary
            .starts_with("### feedwright build --check: passed\n")
    );

    let check = runner.step(
        site.path(),
        "run",
        &[("INPUT_COMMAND", "check"), ("INPUT_STRICT", "true")],
    );
    assert_code(&check, 0);
    assert!(
        check.summary.contains("| 3 | 3 | 0 | 0 |\n"),
        "{}",
        check.summary
    );

    let validate = runner.step(
        site.path(),
        "run",
        &[
            ("INPUT_COMMAND", "validate"),
            ("INPUT_PATHS", "public/rss.xml public/atom.xml"),
        ],
    );
    assert_code(&validate, 0);
    assert_eq!(
        validate.summary,
        "### feedwright validate: passed\n\n\
         | feeds | items | errors | warnings |\n| ---: | ---: | ---: | ---: |\n\
         | 2 | 0 | 0 | 0 |\n"
    );
}

#[test]
fn a_config_error_and_bad_inputs_exit_2() {
    let site = Site::empty();
    let runner = Runner::new();
    let missing = runner.step(site.path(), "run", &[("INPUT_COMMAND", "check")]);
    assert_code(&missing, 2);
    assert!(
        missing
            .summary
            .starts_with("### feedwright check: failed (exit 2)\n"),
        "{}",
        missing.summary
    );
    assert!(
        missing.stderr.contains("run `feedwright init`"),
        "{}",
        missing.stderr
    );

    let unknown = runner.step(site.path(), "run", &[("INPUT_COMMAND", "deploy")]);
    assert_code(&unknown, 2);
    assert!(
        unknown
            .stderr
            .contains("::error title=feedwright action::unknown command 'deploy'"),
        "{}",
        unknown.stderr
    );
    let strict = runner.step(
        site.path(),
        "run",
        &[("INPUT_COMMAND", "check"), ("INPUT_STRICT", "yes")],
    );
    assert_code(&strict, 2);
    assert!(strict.stderr.contains("strict must be true or false"));
}

/// Self-hosted runners may lack jq: the counts are then read with Python,
/// and the summary is the same.
#[test]
fn the_summary_without_jq_is_the_same() {
    if !util::on_path("python3") {
        util::missing_tool("python3");
        return;
    }
    let site = Site::fixture("commands/site");
    let runner = Runner::new();
    let inputs = [("INPUT_COMMAND", "build --check")];
    let with_jq = runner.step(site.path(), "run", &inputs);
    let python = runner.step(
        site.path(),
        "run",
        &[inputs[0], ("FEEDWRIGHT_ACTION_JSON", "python")],
    );
    assert_code(&python, 1);
    assert_eq!(python.summary, with_jq.summary);
    assert_eq!(python.outputs, with_jq.outputs);
}

/// A feed a build would remove is named in the summary too, with jq and
/// with Python.
#[test]
fn the_summary_names_obsolete_feeds() {
    let site = Site::fixture("commands/site");
    let config = site.read("feed.toml");
    site.write("feed.toml", format!("{config}\n[feeds]\ntags = true\n"));
    site.build_ok(&[]);
    site.write("feed.toml", format!("{config}\n[feeds]\ntags = false\n"));
    let runner = Runner::new();
    let mut helpers = vec!["jq"];
    if util::on_path("python3") {
        helpers.push("python");
    } else {
        util::missing_tool("python3");
    }
    for helper in helpers {
        let step = runner.step(
            site.path(),
            "run",
            &[
                ("INPUT_COMMAND", "build --check"),
                ("FEEDWRIGHT_ACTION_JSON", helper),
            ],
        );
        assert_code(&step, 1);
        for line in [
            "- `obsolete: public/feeds.opml`\n",
            "- `obsolete: public/tags/market/rss.xml`\n",
            "- `obsolete: public/tags/market/atom.xml`\n",
        ] {
            assert!(step.summary.contains(line), "{helper}: {}", step.summary);
        }
    }
}
