//! `feedwright.lock`: the id each item was first published with, kept
//! beside `feed.toml` and meant to be committed. Readers treat a changed id
//! as a new item — the commonest complaint about feed generators, usually
//! after a `base_url` or `permalink` change — so a changed id is caught here
//! before it reaches them.

use crate::report::UsageError;
use crate::report::diagnostic::Diagnostic;
use crate::site::catalog::Item;
use crate::site::config::Config;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::PathBuf;

pub const FILE_NAME: &str = "feedwright.lock";

const HEADER: &str = "# feedwright.lock: the id each item was first published with.\n\
# Commit this file. feedwright warns when an item's id changes, since feed\n\
# readers would show it again as new. Delete an entry to accept a new id.\n";

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    version: u32,
    /// Slug → id.
    #[serde(default)]
    ids: BTreeMap<String, String>,
}

#[derive(Debug)]
pub struct Lock {
    pub path: PathBuf,
    ids: BTreeMap<String, String>,
}

impl Lock {
    pub fn load(config: &Config) -> Result<Self, UsageError> {
        let path = config.lock_path();
        // A FIFO or device in its place would block the read for ever.
        if std::fs::metadata(&path).is_ok_and(|meta| !meta.is_file()) {
            return Err(UsageError(vec![Diagnostic::error(
                &path,
                None,
                "the lock file is not a regular file (a folder, FIFO or device); remove it or put the file back",
            )]));
        }
        let ids = match std::fs::read_to_string(&path) {
            Ok(text) => {
                toml::from_str::<LockFile>(&text)
                    .map_err(|error| {
                        let line = error
                            .span()
                            .map(|span| crate::report::diagnostic::position(&text, span.start).0);
                        UsageError(vec![
                            Diagnostic::error(
                                &path,
                                line,
                                format!("cannot read the lock file: {}", error.message().trim()),
                            )
                            .with_hint("fix it, or delete it to start a new one at the next build"),
                        ])
                    })?
                    .ids
            }
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => BTreeMap::new(),
            Err(error) => {
                return Err(UsageError(vec![Diagnostic::error(
                    &path,
                    None,
                    format!("cannot read the lock file: {error}"),
                )]));
            }
        };
        Ok(Self { path, ids })
    }

    /// A warning for every item whose id differs from the published one.
    pub fn compare(&self, items: &[Item]) -> Vec<Diagnostic> {
        items
            .iter()
            .filter_map(|item| {
                let published = self.ids.get(&lock_key(&item.record))?;
                if *published == item.id {
                    return None;
                }
                let record = &item.record;
                let is_markdown = matches!(
                    crate::input::discover::format_of(&record.path),
                    Some(crate::input::discover::Format::Markdown)
                );
                let pin = if is_markdown {
                    if front_matter_is_yaml(&record.path) {
                        format!("add `id: \"{published}\"` to the front matter")
                    } else {
                        format!("add `id = \"{published}\"` to the front matter")
                    }
                } else {
                    format!("add a line `Id: {published}` after the publish date")
                };
                let hint = format!(
                    "to keep it, {pin}; to accept the new id, delete the entry \"{}\" from {FILE_NAME}",
                    lock_key(record)
                );
                Some(
                    Diagnostic::warning(
                        &record.path,
                        Some(record.id_line),
                        format!(
                            "the item's id changed since it was published, from \"{published}\" to \"{}\": feed readers will show it again as new",
                            item.id
                        ),
                    )
                    .with_hint(hint),
                )
            })
            .collect()
    }

    /// Adds the items published for the first time; existing entries are
    /// never changed, so a changed id keeps being reported until the author
    /// decides. `None` when nothing was added: the file is left alone.
    pub fn updated_bytes(&self, items: &[&Item]) -> Result<Option<Vec<u8>>, Diagnostic> {
        let mut ids = self.ids.clone();
        for item in items {
            ids.entry(lock_key(&item.record))
                .or_insert_with(|| item.id.clone());
        }
        if ids == self.ids {
            return Ok(None);
        }
        let body = toml::to_string(&LockFile { version: 1, ids })
            .map_err(|error| Diagnostic::error(&self.path, None, error.to_string()))?;
        Ok(Some(format!("{HEADER}{body}").into_bytes()))
    }
}

/// Entries are keyed by slug, with the record's folder in front when it
/// has one: two folders may each have a post with one slug.
fn lock_key(record: &crate::input::record::Record) -> String {
    if record.folder.is_empty() {
        record.slug.clone()
    } else {
        format!("{}/{}", record.folder, record.slug)
    }
}

/// Whether a Markdown record's front matter is YAML (`---`), so that the
/// hint shows the line in the record's own language. Read only when an id
/// changed, which is rare.
fn front_matter_is_yaml(path: &std::path::Path) -> bool {
    std::fs::read_to_string(path).is_ok_and(|text| {
        text.trim_start_matches('\u{feff}')
            .lines()
            .find(|line| !line.trim().is_empty())
            .is_some_and(|line| line.trim_end() == "---")
    })
}
