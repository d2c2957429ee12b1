//! The binary: parse the command line, run, print, choose the exit code.

use clap::{CommandFactory, Parser};
use feedwright::cli::scaffold::{self, RecordForm};
use feedwright::cli::{Cli, Command, Format};
use feedwright::diagnostic::Diagnostic;
use feedwright::input::parse::ProgressHook;
use feedwright::report::{self, Report};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match &cli.command {
        Command::Completions { shell } => {
            // Generated into memory: clap_complete panics if stdout closes
            // early (`| head`); writing ourselves turns that into an error.
            let mut script = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "feedwright", &mut script);
            return print_stdout(&script);
        }
        Command::Man => {
            return match feedwright::cli::reference::man_page() {
                Ok(page) => print_stdout(&page),
                Err(error) => {
                    let _ = writeln!(
                        std::io::stderr(),
                        "error: cannot write the man page: {error}"
                    );
                    ExitCode::from(2)
                }
            };
        }
        _ => {}
    }
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let mut options = match cli.options(epoch.as_deref()) {
        Ok(options) => options,
        Err(message) => {
            let mut report = Report::new(report_command(&cli.command));
            report.diagnostics.push(
                Diagnostic::general(message).with_hint(
                    "set it to whole seconds since 1970, such as 1756684800, or unset it",
                ),
            );
            report.stopped_early = true;
            return finish(&cli, &report, 2);
        }
    };
    let bar = progress_bar(&cli);
    options.progress = bar.as_ref().map(|(_, hook)| hook.clone());

    let result = match &cli.command {
        Command::Build { check, .. } => feedwright::build(&options, *check),
        Command::Check => feedwright::check(&options),
        Command::Validate { paths } => feedwright::validate_files(paths, options.strict),
        Command::New { title, txt } => {
            let form = if *txt {
                RecordForm::PlainText
            } else {
                RecordForm::Markdown
            };
            return new_record(&options.config, title, form, options.now);
        }
        Command::Init { dir } => return init(dir, options.now),
        Command::Completions { .. } | Command::Man => unreachable!("handled above"),
    };
    if let Some((bar, _)) = bar {
        bar.finish_and_clear();
    }
    let command = report_command(&cli.command);
    let (report, code) = match result {
        Ok(report) => {
            let code = report.exit_code();
            (report, code)
        }
        Err(feedwright::UsageError(problems)) => {
            let mut report = Report::new(command);
            // Config errors quote the config file and the lock file, and
            // nothing else.
            report.source_roots = vec![
                options.config.clone(),
                options
                    .config
                    .parent()
                    .unwrap_or(std::path::Path::new(""))
                    .join("feedwright.lock"),
            ];
            report.diagnostics.extend(problems);
            report.stopped_early = true;
            (report, 2)
        }
    };
    finish(&cli, &report, code)
}

fn report_command(command: &Command) -> report::Command {
    match command {
        Command::Check => report::Command::Check,
        Command::Validate { .. } => report::Command::Validate,
        Command::Build { check: true, .. } => report::Command::BuildCheck,
        _ => report::Command::Build,
    }
}

/// Prints the report (JSON on stdout when asked; the human text on
/// stderr, only for failures in JSON mode) and gives the exit code.
fn finish(cli: &Cli, report: &Report, code: u8) -> ExitCode {
    if cli.format == Format::Json {
        let json = format!("{}\n", report.to_json());
        if print_stdout(json.as_bytes()) != ExitCode::SUCCESS {
            return ExitCode::from(2);
        }
    }
    let quiet = cli.quiet || (cli.format == Format::Json && code == 0);
    let _ = write!(anstream::stderr(), "{}", report.render(quiet));
    ExitCode::from(code)
}

/// Writes machine output; a reader that went away (`| head`) is not a
/// crash, only the end of the output.
fn print_stdout(bytes: &[u8]) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            let _ = writeln!(
                std::io::stderr(),
                "error: cannot write to standard output: {error}"
            );
            ExitCode::from(2)
        }
    }
}

/// Prints one problem, quoting lines only of `quotable` (the config file).
fn print_problem(problem: &Diagnostic, quotable: &[std::path::PathBuf]) {
    let mut out = String::new();
    report::render_diagnostic(
        problem,
        &mut report::SourceCache::within(quotable),
        &mut out,
    );
    let _ = write!(anstream::stderr(), "{out}");
}

fn new_record(
    config_path: &std::path::Path,
    title: &str,
    form: RecordForm,
    now: chrono::DateTime<chrono::Utc>,
) -> ExitCode {
    let config = match feedwright::site::config::Config::load(config_path) {
        Ok(config) => config,
        Err(problems) => {
            let quotable = [config_path.to_path_buf()];
            for problem in &problems {
                print_problem(problem, &quotable);
            }
            return ExitCode::from(2);
        }
    };
    match scaffold::new_record(&config, title, form, now) {
        Ok(path) => print_stdout(format!("{}\n", path.display()).as_bytes()),
        Err(problem) => {
            print_problem(&problem, std::slice::from_ref(&config.articles_dir));
            ExitCode::from(1)
        }
    }
}

fn init(dir: &std::path::Path, now: chrono::DateTime<chrono::Utc>) -> ExitCode {
    match scaffold::init(dir, now) {
        Ok(created) => {
            for path in created {
                let _ = writeln!(std::io::stderr(), "created: {}", path.display());
            }
            let _ = writeln!(
                std::io::stderr(),
                "next: edit {}, then run `feedwright --config {} build`",
                dir.join("feed.toml").display(),
                dir.join("feed.toml").display()
            );
            ExitCode::SUCCESS
        }
        Err(problem) => {
            print_problem(&problem, &[]);
            ExitCode::from(1)
        }
    }
}

/// A progress bar for long builds, on a terminal only: never in a pipe, a
/// CI log, with `--quiet` or `--format json`. It stays hidden for the first
/// second so quick builds print nothing extra.
fn progress_bar(cli: &Cli) -> Option<(ProgressBar, ProgressHook)> {
    let in_ci = std::env::var("CI").is_ok_and(|value| !value.is_empty() && value != "false");
    if cli.quiet || cli.format == Format::Json || in_ci || !std::io::stderr().is_terminal() {
        return None;
    }
    if !matches!(cli.command, Command::Build { .. } | Command::Check) {
        return None;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} records read ({per_sec}, {elapsed})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let start = Instant::now();
    let shown = Arc::new(AtomicBool::new(false));
    let hook_bar = bar.clone();
    let hook = ProgressHook(Arc::new(move || {
        hook_bar.inc(1);
        if start.elapsed() > Duration::from_secs(1)
            && shown
                .compare_exchange(false, true, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            hook_bar.set_draw_target(ProgressDrawTarget::stderr());
            hook_bar.enable_steady_tick(Duration::from_millis(120));
        }
    }));
    Some((bar, hook))
}
