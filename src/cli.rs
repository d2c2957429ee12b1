//! The command line, parsed with clap and turned into validated `Options`
//! before any file is touched.

use crate::catalog::Selection;
use chrono::{DateTime, Utc};
use clap::{Parser, Subcommand};
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

    /// Print only errors.
    #[arg(long, short, global = true)]
    pub quiet: bool,

    /// Put draft records in the feeds.
    #[arg(long, global = true)]
    pub include_drafts: bool,

    /// Put records dated after now in the feeds.
    #[arg(long, global = true)]
    pub include_future: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read the records and write the feeds.
    Build,
}

/// What a run needs, every value checked.
#[derive(Debug, Clone)]
pub struct Options {
    pub config: PathBuf,
    pub out: Option<PathBuf>,
    pub strict: bool,
    pub quiet: bool,
    pub selection: Selection,
    /// Records dated after this are future records.
    pub now: DateTime<Utc>,
}

impl Cli {
    /// `now` is `SOURCE_DATE_EPOCH` when that is set (reproducible builds),
    /// else the clock.
    pub fn into_options(self, source_date_epoch: Option<&str>) -> Result<Options, String> {
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
        Ok(Options {
            config: self.config,
            out: self.out,
            strict: self.strict,
            quiet: self.quiet,
            selection: Selection {
                include_drafts: self.include_drafts,
                include_future: self.include_future,
            },
            now,
        })
    }
}
