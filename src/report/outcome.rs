//! What a build did to each output file, and for a stale one what would
//! change item by item: values the writer fills in and the report prints.

use std::fmt::Write as _;
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    Rss,
    Atom,
    Json,
    /// `feeds.opml`: not a feed, the list of them.
    Opml,
    /// `feed.xsl`: the stylesheet that shows RSS and Atom as a page.
    Stylesheet,
    /// The static HTML page of the site's feeds (`html`).
    Page,
}

impl FeedKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedKind::Rss => "rss",
            FeedKind::Atom => "atom",
            FeedKind::Json => "json",
            FeedKind::Opml => "opml",
            FeedKind::Stylesheet => "xsl",
            FeedKind::Page => "html",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Change {
    pub added: Vec<String>,
    pub removed: Vec<String>,
    pub changed: Vec<String>,
    /// The existing file could not be read as a feed of its kind.
    pub unreadable: bool,
    /// The `xml-stylesheet` instruction was "added" or "removed"
    /// (`stylesheet` switched); then `only_instruction` says whether that
    /// is all that differs.
    pub instruction: Option<&'static str>,
    pub only_instruction: bool,
}

impl Change {
    /// One line for a log: counts, then the ids involved.
    pub fn summary(&self) -> String {
        if self.unreadable {
            return "the existing file is not a readable feed; it would be replaced".into();
        }
        let mut parts = Vec::new();
        for (count_of, label) in [
            (&self.added, "added"),
            (&self.removed, "removed"),
            (&self.changed, "changed"),
        ] {
            if !count_of.is_empty() {
                parts.push(format!(
                    "{} {label} ({})",
                    count_of.len(),
                    list_ids(count_of)
                ));
            }
        }
        if let Some(instruction) = self.instruction {
            parts.push(format!("stylesheet instruction {instruction}"));
        }
        if parts.len() == usize::from(self.instruction.is_some()) {
            if self.only_instruction {
                return format!("items unchanged; {}", parts.join(", "));
            }
            parts.insert(0, "items unchanged".into());
            parts.push("feed-level fields differ".into());
            return parts.join("; ");
        }
        parts.join(", ")
    }
}

fn list_ids(ids: &[String]) -> String {
    const SHOWN: usize = 3;
    let mut listed = ids
        .iter()
        .take(SHOWN)
        .cloned()
        .collect::<Vec<_>>()
        .join(", ");
    if ids.len() > SHOWN {
        let _ = write!(listed, ", … {} more", ids.len() - SHOWN);
    }
    listed
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Written,
    Unchanged,
    /// `--check`: the file exists and would change.
    Stale,
    /// `--check`: the file does not exist yet.
    Missing,
    /// An extra feed whose tag, author, section or language is gone:
    /// removed by `build`.
    Removed,
    /// `--check`: such a feed is still there and would be removed.
    Obsolete,
}

impl Status {
    /// What `build --check` reports as out of date: the exit status and
    /// what `-q` still prints both follow it.
    pub fn is_out_of_date(self) -> bool {
        matches!(self, Status::Stale | Status::Missing | Status::Obsolete)
    }
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Written => "written",
            Status::Unchanged => "unchanged",
            Status::Stale => "stale",
            Status::Missing => "missing",
            Status::Removed => "removed",
            Status::Obsolete => "obsolete",
        }
    }
}

#[derive(Debug, Clone)]
pub struct FileOutcome {
    pub path: PathBuf,
    pub kind: FeedKind,
    pub status: Status,
    pub item_count: usize,
    /// For a stale file: what would change, item by item.
    pub change: Option<Change>,
}
