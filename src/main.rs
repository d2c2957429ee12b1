//! The binary: parse the command line, run, print, choose the exit code.

use clap::Parser;
use feedwright::cli::{Cli, Command};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = match &cli.command {
        Command::Build => Command::Build,
    };
    let epoch = std::env::var("SOURCE_DATE_EPOCH").ok();
    let options = match cli.into_options(epoch.as_deref()) {
        Ok(options) => options,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(2);
        }
    };
    match command {
        Command::Build => match feedwright::build(&options) {
            Ok(report) => {
                eprint!("{}", report.render(options.quiet));
                if report.has_errors() {
                    ExitCode::from(1)
                } else {
                    ExitCode::SUCCESS
                }
            }
            Err(feedwright::UsageError(problems)) => {
                for problem in problems {
                    eprintln!("{problem}");
                }
                ExitCode::from(2)
            }
        },
    }
}
