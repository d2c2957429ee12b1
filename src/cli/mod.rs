//! The command line: clap's arguments, turned into a plain, validated
//! `Request` for the library before any file is touched; `new` and `init`
//! (scaffold) are commands of their own that create files for the author.

pub mod reference;
pub mod scaffold;

use crate::Request;
use crate::site::catalog::Selection;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Turns a folder of article records into valid RSS 2.0 and Atom 1.0 feeds.
#[derive(Debug, Parser)]
#[command(name = "feedwright", version, about, max_term_width = 100)]
pub struct Cli {
    /// The site's config file; relative paths inside it are relative to its folder.
    #[arg(long, global = true, value_name = "PATH", default_value = "feed.toml")]
    pub config: PathBuf,

    /// Write the feeds into DIR instead of the config's `output` folder.
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Treat warnings (such as an unresolved related reference) as errors.
    #[arg(long, global = true)]
    pub strict: bool,

    /// Print only errors (and, for `build --check`, the stale feed files).
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Put draft records in the feeds.
    #[arg(long, global = true)]
    pub include_drafts: bool,

    /// Put records dated after now in the feeds.
    #[arg(long, global = true)]
    pub include_future: bool,

    /// `json` prints one JSON report on stdout (for `build`, `check` and `validate`).
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the records and write the feeds.
    Build {
        /// Write nothing; exit 1 naming each feed file that would change, or
        /// when feedwright.lock would.
        #[arg(long)]
        check: bool,
        /// Publish items whose id differs from the one in feedwright.lock,
        /// and record their new ids there.
        #[arg(long)]
        accept_id_changes: bool,
        /// After writing, notify each hub listed in `hub` of every feed whose
        /// bytes changed (POST hub.mode=publish); archive pages are not
        /// announced.
        #[arg(long, conflicts_with = "check")]
        ping: bool,
    },
    /// Parse and lint the config and every record; write nothing.
    Check,
    /// Create a draft record dated now and print its path.
    New {
        /// The article's title.
        title: String,
        /// Create a plain-text news record (.txt) instead of Markdown, also
        /// a draft (`Draft: yes`).
        #[arg(long)]
        txt: bool,
    },
    /// Create feed.toml and an articles folder with one example record.
    Init {
        /// The folder to set up (created if missing).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Check RSS 2.0, Atom 1.0 and JSON Feed 1.1 files (any feed, not only
    /// this site's); a folder is searched for .xml, .rss, .atom and .json.
    Validate {
        /// Feed files or folders.
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Print a shell completion script.
    Completions {
        /// bash, zsh, fish, elvish or powershell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) on stdout.
    Man,
}

/// The library's request, named as the command line knows it.
pub type Options = crate::Request;

impl Cli {
    /// `now` is `SOURCE_DATE_EPOCH` when that is set (reproducible builds),
    /// else the clock.
    pub fn options(&self, source_date_epoch: Option<&str>) -> Result<Request, String> {
        let now = match source_date_epoch {
            Some(text) => text
                .trim()
                .parse::<i64>()
                .ok()
                .and_then(|seconds| DateTime::from_timestamp(seconds, 0))
                .ok_or_else(|| {
                    format!("SOURCE_DATE_EPOCH={text:?} is not a number of seconds since 1970")
                })?,
            None => Utc::now(),
        };
        Ok(Request {
            config: self.config.clone(),
            out: self.out.clone(),
            strict: self.strict,
            quiet: self.quiet,
            selection: Selection {
                include_drafts: self.include_drafts,
                include_future: self.include_future,
            },
            now,
            all_items: false,
            accept_id_changes: matches!(
                self.command,
                Command::Build {
                    accept_id_changes: true,
                    ..
                }
            ),
            ping: matches!(self.command, Command::Build { ping: true, .. }),
            progress: None,
        })
    }
}
