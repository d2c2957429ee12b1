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
# Commit this file. A build whose items' ids would change fails, since feed\n\
# readers would show them again as new; `feedwright build --accept-id-changes`\n\
# publishes the new ids and records them here.\n";

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
    /// The file as read, to name the line that pins an id.
    text: String,
    /// The site's `language`: a translation into another is keyed apart.
    site_language: String,
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
        // Its ids are quoted in messages: a link to a file outside the
        // site would print that file's contents.
        if std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.file_type().is_symlink()) {
            let site = path
                .parent()
                .filter(|dir| !dir.as_os_str().is_empty())
                .unwrap_or_else(|| std::path::Path::new("."));
            let inside = match (path.canonicalize(), site.canonicalize()) {
                (Ok(real), Ok(root)) => real.starts_with(root),
                _ => false,
            };
            if !inside {
                return Err(UsageError(vec![Diagnostic::error(
                    &path,
                    None,
                    "the lock file is a symlink that leads outside the site folder; replace it with the file itself",
                )]));
            }
        }
        let mut read = String::new();
        let ids = match std::fs::read_to_string(&path) {
            Ok(text) => {
                let file = toml::from_str::<LockFile>(&text).map_err(|error| {
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
                })?;
                // A later format could mean something else by the same
                // lines; rewriting it as version 1 would lose that.
                if file.version != 1 {
                    return Err(UsageError(vec![Diagnostic::error(
                        &path,
                        Some(1),
                        format!(
                            "the lock file is version {}, which this feedwright does not know (it writes version 1)",
                            file.version
                        ),
                    )
                    .with_hint("use the feedwright that wrote it, or delete the file to start a new one")]));
                }
                read = text;
                file.ids
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
        Ok(Self {
            path,
            ids,
            text: read,
            site_language: config.language.clone(),
        })
    }

    /// An error for every item whose id differs from the published one: a
    /// build that went ahead would make readers show each again as new.
    /// Nothing when the author accepted the changes (`accept`).
    pub fn compare(&self, items: &[Item], accept: bool) -> Vec<Diagnostic> {
        if accept {
            return Vec::new();
        }
        let keys = self.keys(items.iter());
        let changed: Vec<(&Item, String, &String)> = items
            .iter()
            .zip(keys)
            .filter_map(|(item, key)| {
                let (key, published) = if let Some(published) = self.ids.get(&key) {
                    (key, published)
                } else {
                    let earlier = key_by_file_name(&item.record)?;
                    let published = self.ids.get(&earlier)?;
                    (earlier, published)
                };
                (*published != item.id).then_some((item, key, published))
            })
            .collect();
        if changed.is_empty() {
            return Vec::new();
        }
        // One pass over the file for all of them: a `base_url` change
        // changes every id at once.
        let lines = self.entry_lines();
        changed
            .into_iter()
            .map(|(item, key, published)| {
                let record = &item.record;
                let is_markdown = matches!(
                    crate::input::discover::format_of(&record.path),
                    Some(
                        crate::input::discover::Format::Markdown
                            | crate::input::discover::Format::Html
                    )
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
                let pinned_by = match lines.get(&key) {
                    Some(line) => format!("{}:{line}", self.path.display()),
                    None => self.path.display().to_string(),
                };
                let hint = format!(
                    "to keep the published id, {pin}; to publish the new one, run `feedwright build --accept-id-changes`, which rewrites that line of {FILE_NAME}"
                );
                Diagnostic::error(
                    &record.path,
                    Some(record.id_line),
                    format!(
                        "the item's id would change from \"{published}\" (pinned by {pinned_by}) to \"{}\": feed readers would show it again as new",
                        item.id
                    ),
                )
                .with_hint(hint)
            })
            .collect()
    }

    /// The 1-based line of each entry: the lock file is written by
    /// feedwright, one `key = "id"` per line, but may have been edited by
    /// hand, so each line is read as TOML rather than matched as text.
    fn entry_lines(&self) -> std::collections::HashMap<String, usize> {
        self.text
            .lines()
            .enumerate()
            .filter_map(|(index, line)| {
                let entry = toml::from_str::<BTreeMap<String, String>>(line).ok()?;
                let mut keys = entry.into_keys();
                match (keys.next(), keys.next()) {
                    (Some(key), None) => Some((key, index + 1)),
                    _ => None,
                }
            })
            .collect()
    }

    /// What `build` would change in the file: the keys it would add, and
    /// (with `accept`) those whose id it would replace.
    fn pending(&self, items: &[&Item], accept: bool) -> Pending {
        let mut pending = Pending::default();
        for (item, key) in items.iter().zip(self.keys(items.iter().copied())) {
            match self.ids.get(&key) {
                None => pending.added.push((key, item.id.clone())),
                Some(id) if accept && *id != item.id => {
                    pending.replaced.push((key, item.id.clone()));
                }
                Some(_) => {}
            }
        }
        pending
    }

    /// `build --check`: an error when `build` would rewrite the lock file,
    /// so CI notices ids that were never recorded as well as stale feeds.
    pub fn check(&self, items: &[&Item], accept: bool) -> Option<Diagnostic> {
        let mut pending = self.pending(items, accept);
        pending.added.sort();
        pending.replaced.sort();
        if pending.added.is_empty() && pending.replaced.is_empty() {
            return None;
        }
        let mut parts = Vec::new();
        for (keys, verb) in [(&pending.added, "add"), (&pending.replaced, "replace")] {
            if !keys.is_empty() {
                let shown: Vec<&str> = keys.iter().take(3).map(|(key, _)| key.as_str()).collect();
                let more = keys.len().saturating_sub(shown.len());
                let tail = if more > 0 {
                    format!(", … {more} more")
                } else {
                    String::new()
                };
                let noun = if keys.len() == 1 { "entry" } else { "entries" };
                parts.push(format!(
                    "{verb} {} {noun} ({}{tail})",
                    keys.len(),
                    shown.join(", ")
                ));
            }
        }
        Some(
            Diagnostic::error(
                &self.path,
                None,
                format!(
                    "the lock file is out of date: `build` would {}",
                    parts.join(" and ")
                ),
            )
            .with_hint(format!(
                "run `feedwright build{}` and commit {FILE_NAME}",
                if accept { " --accept-id-changes" } else { "" }
            )),
        )
    }

    /// Adds the items published for the first time; an existing entry is
    /// replaced only when the author accepted the change (`accept`), so a
    /// changed id keeps failing the build until they decide. `None` when
    /// nothing changed: the file is left alone.
    pub fn updated_bytes(
        &self,
        items: &[&Item],
        accept: bool,
    ) -> Result<Option<Vec<u8>>, Diagnostic> {
        // Most builds add nothing: then the map (100,000 entries with
        // archive pages) is not copied at all.
        let pending = self.pending(items, accept);
        if pending.added.is_empty() && pending.replaced.is_empty() {
            return Ok(None);
        }
        // Keys are unique among the items, so each new one is added once;
        // a replaced one is there only when the author accepted it.
        let mut ids = self.ids.clone();
        ids.extend(pending.added);
        ids.extend(pending.replaced);
        let body = toml::to_string(&LockFile { version: 1, ids })
            .map_err(|error| Diagnostic::error(&self.path, None, error.to_string()))?;
        Ok(Some(format!("{HEADER}{body}").into_bytes()))
    }
}

impl Lock {
    /// Each item's key, in order. Records may share a key — Jekyll's
    /// `2016-01-01-this-week.md` and `2016-01-08-this-week.md` have one
    /// slug in one folder, told apart by their dated links — and one key
    /// must pin one id: those that share one get `@` and their publish
    /// date (UTC), and those that still share one `@` and their file
    /// name. Keys no other item shares stay as they were, so existing lock
    /// files keep working.
    fn keys<'i>(&self, items: impl Iterator<Item = &'i Item>) -> Vec<String> {
        let records: Vec<&crate::input::record::Record> = items.map(|item| &item.record).collect();
        let mut keys: Vec<String> = records.iter().map(|record| self.key(record)).collect();
        let disambiguate =
            |keys: &mut Vec<String>, suffix: &dyn Fn(&crate::input::record::Record) -> String| {
                let mut counts: std::collections::HashMap<&str, usize> =
                    std::collections::HashMap::with_capacity(keys.len());
                for key in keys.iter() {
                    *counts.entry(key.as_str()).or_default() += 1;
                }
                let shared: Vec<bool> = keys.iter().map(|key| counts[key.as_str()] > 1).collect();
                for ((key, record), shared) in keys.iter_mut().zip(&records).zip(shared) {
                    if shared {
                        key.push('@');
                        key.push_str(&suffix(record));
                    }
                }
            };
        disambiguate(&mut keys, &|record| {
            record
                .date
                .naive_utc()
                .date()
                .format("%Y-%m-%d")
                .to_string()
        });
        disambiguate(&mut keys, &|record| {
            record
                .path
                .file_name()
                .map(|name| name.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        keys
    }

    /// Entries are keyed by slug, with the record's folder in front when
    /// it has one (two folders may each have a post with one slug), and a
    /// translation's language after a `#`, which no slug holds: a page
    /// and its translations share a slug and a folder, not an id.
    fn key(&self, record: &crate::input::record::Record) -> String {
        let mut key = if record.folder.is_empty() {
            record.slug.clone()
        } else {
            format!("{}/{}", record.folder, record.slug)
        };
        if let Some(language) = record.translated_into(&self.site_language) {
            key.push('#');
            key.push_str(&language.to_ascii_lowercase());
        }
        key
    }
}

/// The key a translation had when its whole file name was its slug
/// (`post.fr` for `post.fr.md`), as builds before files named for
/// languages were translations pinned it: its id is still the one readers
/// have, so a new one is a changed id, not a new item.
fn key_by_file_name(record: &crate::input::record::Record) -> Option<String> {
    record.translation()?;
    let slug = crate::input::discover::slug_from_path(&record.path);
    if slug.starts_with("index.") {
        return None;
    }
    Some(if record.folder.is_empty() {
        slug
    } else {
        format!("{}/{slug}", record.folder)
    })
}

/// Lock entries (key, id) `build` would add or replace.
#[derive(Debug, Default)]
struct Pending {
    added: Vec<(String, String)>,
    replaced: Vec<(String, String)>,
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
