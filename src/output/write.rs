//! Puts a build's files in place as one transaction: every changed file is
//! first written and synced as a temporary file beside its target, and only
//! when all of them (the lock file included) were prepared are they renamed
//! over their targets. A failure before that removes the temporaries and
//! leaves every old file byte-identical, so a build never leaves a new
//! `rss.xml` beside an old `atom.xml`, nor feeds without their lock entries.

use crate::report::diagnostic::Diagnostic;
pub use crate::report::outcome::{FileOutcome, Status};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Output {
    /// Where the file goes. A feed's path lies inside the output folder
    /// (checked again here, after following symlinks); the lock file's is
    /// beside `feed.toml`.
    pub path: PathBuf,
    /// `None` for a file that is not a feed (the lock file): it is written
    /// with the feeds but not listed in the report.
    pub kind: Option<crate::output::diff::FeedKind>,
    pub bytes: Vec<u8>,
    pub item_count: usize,
}

/// `build --check` for one file; `None` for one that is not a feed.
pub fn check_one(output: &Output) -> Option<FileOutcome> {
    let kind = output.kind?;
    let (status, change) = match std::fs::read(&output.path) {
        Ok(existing) if existing == output.bytes => (Status::Unchanged, None),
        // The stylesheet and the page hold no items to count: "stale" says
        // all there is.
        Ok(_)
            if matches!(
                kind,
                crate::output::diff::FeedKind::Stylesheet | crate::output::diff::FeedKind::Page
            ) =>
        {
            (Status::Stale, None)
        }
        Ok(existing) => (
            Status::Stale,
            Some(crate::output::diff::compare(kind, &existing, &output.bytes)),
        ),
        Err(_) => (Status::Missing, None),
    };
    Some(FileOutcome {
        path: output.path.clone(),
        kind,
        status,
        item_count: output.item_count,
        change,
    })
}

/// A file ready to be renamed into place.
struct Prepared {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    /// The target's bytes before this build, to put back if a later rename
    /// of the same transaction fails.
    old: Option<Vec<u8>>,
}

/// The transaction itself, for a build that prepares its files one at a
/// time (in parallel) and drops each one's bytes once its temporary file
/// is written, rather than holding every feed of a large site in memory.
/// Dropped without `commit`, it removes its temporaries and has touched
/// nothing.
pub struct Transaction {
    root: PathBuf,
    prepared: std::sync::Mutex<Vec<Prepared>>,
    /// Folders this transaction created (the output folder, and folders
    /// for its files); those left empty
    /// (by a build that failed) are removed again when it is dropped.
    created: std::sync::Mutex<Vec<PathBuf>>,
}

impl Drop for Transaction {
    fn drop(&mut self) {
        // The temporaries go first, so that their folders can be empty.
        self.prepared
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clear();
        let created = self
            .created
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        created.sort_by_key(|dir| std::cmp::Reverse(dir.components().count()));
        for dir in created.iter() {
            // Fails, harmlessly, for every folder that holds a file.
            let _ = std::fs::remove_dir(dir);
        }
    }
}

impl Transaction {
    /// Creates the output folder if needed; nothing else is touched.
    pub fn begin(output_dir: &Path) -> Result<Self, Diagnostic> {
        if output_dir.exists() && !output_dir.is_dir() {
            return Err(Diagnostic::error(
                output_dir,
                None,
                "the output folder is a file; point `output` (or --out) at a folder",
            ));
        }
        // Made by this build: removed again if it fails before writing.
        let made: Vec<PathBuf> = output_dir
            .ancestors()
            .filter(|dir| !dir.as_os_str().is_empty())
            .take_while(|dir| !dir.exists())
            .map(Path::to_path_buf)
            .collect();
        std::fs::create_dir_all(output_dir).map_err(|error| {
            Diagnostic::error(
                output_dir,
                None,
                format!("cannot create the output folder: {error}"),
            )
        })?;
        let root = output_dir.canonicalize().map_err(|error| {
            Diagnostic::error(
                output_dir,
                None,
                format!("cannot open the output folder: {error}"),
            )
        })?;
        sweep_stale_temps(&root);
        Ok(Self {
            root,
            prepared: std::sync::Mutex::new(Vec::new()),
            created: std::sync::Mutex::new(made),
        })
    }

    /// Writes `output`'s temporary file when its bytes differ from the
    /// file's; the outcome for a feed, `None` for another file.
    pub fn add(&self, output: &Output) -> Result<Option<FileOutcome>, Diagnostic> {
        let mut mine = Vec::new();
        let missing = missing_folders(&output.path);
        let changed = prepare(&self.root, output, &mut mine);
        self.created
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(missing.into_iter().filter(|dir| dir.is_dir()));
        let changed = changed?;
        self.prepared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .extend(mine);
        Ok(output.kind.map(|kind| FileOutcome {
            path: output.path.clone(),
            kind,
            status: if changed {
                Status::Written
            } else {
                Status::Unchanged
            },
            item_count: output.item_count,
            change: None,
        }))
    }

    /// Renames every prepared file into place, then removes `removals`
    /// (checked first); their outcomes.
    pub fn commit(
        mut self,
        removals: &[(PathBuf, crate::output::diff::FeedKind)],
    ) -> Result<Vec<FileOutcome>, Diagnostic> {
        let root = self.root.clone();
        for (path, _) in removals {
            let inside = path
                .parent()
                .and_then(|parent| parent.canonicalize().ok())
                .is_some_and(|parent| parent.starts_with(&root));
            let regular = std::fs::symlink_metadata(path).is_ok_and(|meta| meta.is_file());
            if !inside || !regular {
                return Err(Diagnostic::error(
                    path,
                    None,
                    "refusing to remove it: it is not a regular file inside the output folder",
                ));
            }
        }
        // Each file to remove is first moved aside in its own folder, which
        // can be undone: a removal that fails (a locked folder) must leave
        // the build all-or-nothing like a write that fails.
        let staged = stage_removals(removals)?;
        if let Err(problem) = commit(std::mem::take(
            self.prepared
                .get_mut()
                .unwrap_or_else(std::sync::PoisonError::into_inner),
        )) {
            unstage(&staged);
            return Err(problem);
        }
        let mut outcomes = Vec::new();
        for ((path, kind), (_, aside)) in removals.iter().zip(&staged) {
            // The rename aside worked in this folder, so this does too; a
            // leftover would only be a `.feedwright-*.tmp` file.
            let _ = std::fs::remove_file(aside);
            // Up to (not including) the output folder, each folder left empty.
            let mut folder = path.parent();
            while let Some(dir) = folder.filter(|dir| dir.canonicalize().is_ok_and(|d| d != root)) {
                if std::fs::remove_dir(dir).is_err() {
                    break;
                }
                folder = dir.parent();
            }
            outcomes.push(FileOutcome {
                path: path.clone(),
                kind: *kind,
                status: Status::Removed,
                item_count: 0,
                change: None,
            });
        }
        Ok(outcomes)
    }
}

/// Temporary files carry the id of the process that made them, so that a
/// later build can tell a leftover of a killed build (SIGKILL, or SIGTERM
/// from a CI timeout) from the files of a build running beside it.
fn temp_prefix() -> String {
    format!(".feedwright-{}-", std::process::id())
}

/// Removes, below the output folder, the temporary files of builds that
/// are no longer running: they would otherwise be deployed with the feeds.
/// Best effort: a file that cannot be removed is left.
fn sweep_stale_temps(root: &Path) {
    let stale = |name: &str| {
        let Some(rest) = name
            .strip_prefix(".feedwright-")
            .and_then(|rest| rest.strip_suffix(".tmp"))
        else {
            return false;
        };
        let rest = rest.strip_prefix("removed-").unwrap_or(rest);
        let pid = rest
            .split('-')
            .next()
            .and_then(|pid| pid.parse::<i32>().ok());
        pid.is_some_and(|pid| !process_is_running(pid))
    };
    for entry in walkdir::WalkDir::new(root)
        .max_depth(8)
        .into_iter()
        .filter_map(Result::ok)
    {
        if entry.file_type().is_file() && entry.file_name().to_str().is_some_and(stale) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether a process with this id exists (signal 0 checks without sending).
#[cfg(unix)]
fn process_is_running(pid: i32) -> bool {
    if pid <= 0 {
        return true;
    }
    // SAFETY: kill with signal 0 sends nothing; it only reports whether
    // the process exists.
    let result = unsafe { libc::kill(pid, 0) };
    result == 0 || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

/// Elsewhere every process counts as running: leftovers are kept, never a
/// running build's files removed.
#[cfg(not(unix))]
fn process_is_running(_pid: i32) -> bool {
    true
}

/// Moves each file to a temporary name beside it, as (original, aside);
/// on the first failure the ones already moved are put back and the error
/// returned.
fn stage_removals(
    removals: &[(PathBuf, crate::output::diff::FeedKind)],
) -> Result<Vec<(PathBuf, PathBuf)>, Diagnostic> {
    let mut staged = Vec::with_capacity(removals.len());
    for (index, (path, _)) in removals.iter().enumerate() {
        let aside = path.with_file_name(format!(
            ".feedwright-removed-{}-{index}.tmp",
            std::process::id()
        ));
        if let Err(error) = std::fs::rename(path, &aside) {
            unstage(&staged);
            return Err(Diagnostic::error(
                path,
                None,
                format!("cannot remove the old feed: {error}"),
            ));
        }
        staged.push((path.clone(), aside));
    }
    Ok(staged)
}

/// Puts staged removals back where they were, last first.
fn unstage(staged: &[(PathBuf, PathBuf)]) {
    for (original, aside) in staged.iter().rev() {
        let _ = std::fs::rename(aside, original);
    }
}

/// The folders above `path` that do not exist yet, nearest first.
fn missing_folders(path: &Path) -> Vec<PathBuf> {
    path.ancestors()
        .skip(1)
        .filter(|dir| !dir.as_os_str().is_empty())
        .take_while(|dir| !dir.exists())
        .map(Path::to_path_buf)
        .collect()
}

/// Checks the target and writes its temporary file; `Ok(false)` when the
/// file already holds these bytes and is left alone.
fn prepare(root: &Path, output: &Output, prepared: &mut Vec<Prepared>) -> Result<bool, Diagnostic> {
    let path = &output.path;
    let fail = |message: String| Diagnostic::error(path, None, message);
    let parent = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    std::fs::create_dir_all(&parent)
        .map_err(|error| fail(format!("cannot create folder: {error}")))?;
    // A symlinked subfolder must not carry a feed outside the output folder.
    let real_parent = parent
        .canonicalize()
        .map_err(|error| fail(format!("cannot open folder: {error}")))?;
    if output.kind.is_some() && !real_parent.starts_with(root) {
        return Err(fail(format!(
            "refusing to write: {} lies outside the output folder",
            real_parent.display()
        )));
    }
    // Only a regular file (or nothing) may be replaced: a rename over a
    // folder would fail only after other files had been replaced.
    let old = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.is_file() => Some(
            std::fs::read(path)
                .map_err(|error| fail(format!("cannot read the old file: {error}")))?,
        ),
        Ok(_) => {
            return Err(fail(
                "refusing to replace it: it is not a regular file (a folder, a symlink or a special file is in the way)".into(),
            ));
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(fail(format!("cannot inspect the file: {error}"))),
    };
    if old.as_deref() == Some(output.bytes.as_slice()) {
        return Ok(false);
    }
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(".tmp")
        .tempfile_in(&parent)
        .map_err(|error| fail(format!("cannot create a temporary file: {error}")))?;
    // Made durable together, before any is renamed (see `commit`).
    temp.write_all(&output.bytes)
        .map_err(|error| fail(format!("cannot write: {error}")))?;
    set_readable_permissions(temp.path(), path);
    prepared.push(Prepared {
        temp,
        target: path.clone(),
        old,
    });
    Ok(true)
}

/// Renames every prepared file into place. Each target was checked to be a
/// regular file or absent, so a rename can fail only through an outside
/// change in the meantime; then the files already renamed get their old
/// bytes back, so the transaction still leaves the old state.
fn commit(prepared: Vec<Prepared>) -> Result<(), Diagnostic> {
    // A file renamed into place must already hold its bytes on disk, or a
    // power cut could leave an empty feed under the old name.
    let files: Vec<&std::fs::File> = prepared.iter().map(|file| file.temp.as_file()).collect();
    if let Err(error) = make_durable(&files) {
        return Err(Diagnostic::error(
            prepared
                .first()
                .map_or(Path::new("."), |file| file.target.as_path()),
            None,
            format!("cannot write: {error}"),
        ));
    }
    let folders: Vec<PathBuf> = {
        let mut folders: Vec<PathBuf> = prepared
            .iter()
            .filter_map(|file| file.target.parent().map(Path::to_path_buf))
            .collect();
        folders.sort();
        folders.dedup();
        folders
    };
    let mut done: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
    let mut rest = prepared.into_iter();
    while let Some(file) = rest.next() {
        let target = file.target;
        if let Err(error) = file.temp.persist(&target) {
            // Remove the temporaries not yet renamed before undoing.
            drop(rest);
            drop(error.file);
            for (path, old) in done.into_iter().rev() {
                match old {
                    Some(bytes) => {
                        let _ = replace_file(&path, &bytes, "the old file");
                    }
                    None => {
                        let _ = std::fs::remove_file(&path);
                    }
                }
            }
            return Err(Diagnostic::error(
                &target,
                None,
                format!("cannot replace the file: {}", error.error),
            ));
        }
        done.push((target, file.old));
    }
    sync_folders(&folders);
    Ok(())
}

/// Every file's bytes on disk. A build writes up to thousands of files (a
/// feed per tag, archive pages), and one `fsync` each, one after the
/// other, cost more than writing them: on Linux one `syncfs` of the output
/// folder's file system flushes them all at once.
fn make_durable(files: &[&std::fs::File]) -> std::io::Result<()> {
    if files.len() > 1 && sync_file_system(files[0]) {
        return Ok(());
    }
    files.iter().try_for_each(|file| file.sync_all())
}

/// Flushes the whole file system `file` is on (Linux's `syncfs`); `false`
/// where that is not available or fails, so the caller syncs file by file.
fn sync_file_system(file: &std::fs::File) -> bool {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: `syncfs` only reads the descriptor, which `file` keeps
        // open for the call.
        unsafe { libc::syncfs(file.as_raw_fd()) == 0 }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = file;
        false
    }
}

/// A rename is durable only once its folder is synced; without that, a
/// power cut could bring back the old name. Best effort: not every file
/// system lets a folder be opened for it. Each folder once, after all the
/// renames into it; on Linux one `syncfs` through the first folder covers
/// them all (a feed per tag is a folder per tag), so the rest are opened
/// only if that fails.
fn sync_folders(folders: &[PathBuf]) {
    let mut folders = folders
        .iter()
        .filter(|dir| !dir.as_os_str().is_empty())
        .filter_map(|dir| std::fs::File::open(dir).ok());
    let Some(first) = folders.next() else {
        return;
    };
    if sync_file_system(&first) {
        return;
    }
    let _ = first.sync_all();
    for folder in folders {
        let _ = folder.sync_all();
    }
}

/// Replaces one file atomically (a temporary file beside it, then a
/// rename), whatever its contents.
pub fn replace_file(path: &Path, bytes: &[u8], what: &str) -> Result<(), Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::error(path, None, format!("cannot write {what}: {error}"))
    };
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let mut temp = tempfile::Builder::new()
        .prefix(&temp_prefix())
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(fail)?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(fail)?;
    set_readable_permissions(temp.path(), path);
    temp.persist(path).map_err(|error| fail(error.error))?;
    Ok(())
}

/// Temporary files are private (0600); a feed is meant to be served, so it
/// keeps the old file's mode, or gets the usual 0644.
#[cfg(unix)]
pub fn set_readable_permissions(temp: &Path, target: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let mode = std::fs::metadata(target).map_or(0o644, |meta| meta.permissions().mode());
    let _ = std::fs::set_permissions(temp, std::fs::Permissions::from_mode(mode));
}

#[cfg(not(unix))]
pub fn set_readable_permissions(_temp: &Path, _target: &Path) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// Found by the pipeline fuzz target: a build that failed after the
    /// transaction began (a rendered feed refused before writing) left the
    /// output folder it had made, empty. Nested folders it made go too; a
    /// folder that was there before stays.
    #[test]
    fn a_transaction_dropped_uncommitted_removes_the_output_folders_it_made() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/public");
        let transaction = Transaction::begin(&out).unwrap();
        assert!(out.is_dir());
        drop(transaction);
        assert!(!dir.path().join("site").exists());
        std::fs::create_dir(dir.path().join("kept")).unwrap();
        drop(Transaction::begin(&dir.path().join("kept")).unwrap());
        assert!(dir.path().join("kept").is_dir());
    }

    /// Every output written in one transaction, as `build` writes them.
    fn write_all(output_dir: &Path, outputs: &[Output]) -> Result<Vec<FileOutcome>, Diagnostic> {
        let transaction = Transaction::begin(output_dir)?;
        let mut outcomes = Vec::new();
        for output in outputs {
            outcomes.extend(transaction.add(output)?);
        }
        outcomes.extend(transaction.commit(&[])?);
        Ok(outcomes)
    }

    // Found by the second red-team pass: a build that failed left the
    // folders it had made for new tag feeds, empty.
    #[test]
    fn a_failed_transaction_leaves_no_folder_it_made() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("atom.xml")).unwrap();
        let transaction = Transaction::begin(&out).unwrap();
        transaction
            .add(&output(out.join("tags/new/deep/rss.xml"), "new"))
            .unwrap();
        assert!(out.join("tags/new/deep").is_dir());
        assert!(
            transaction
                .add(&output(out.join("atom.xml"), "new"))
                .is_err()
        );
        drop(transaction);
        assert!(!out.join("tags").exists());
        assert!(out.join("atom.xml").is_dir(), "what was there stays");
        // A committed one keeps its folders.
        let transaction = Transaction::begin(&out).unwrap();
        transaction
            .add(&output(out.join("tags/a/rss.xml"), "x"))
            .unwrap();
        transaction.commit(&[]).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("tags/a/rss.xml")).unwrap(),
            "x"
        );
    }

    // Found by the red-team pass: a build stopped by SIGTERM (a CI
    // timeout) left up to 1,677 temporary files that the next build kept
    // and a deploy would publish.
    #[test]
    fn a_dead_builds_temporary_files_are_swept_and_a_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let sub = dir.path().join("tags/a");
        std::fs::create_dir_all(&sub).unwrap();
        // Process ids above the kernel's maximum (4,194,304) never run.
        let dead = sub.join(".feedwright-999999999-x1.tmp");
        let dead_removal = sub.join(".feedwright-removed-999999999-0.tmp");
        let live = sub.join(format!("{}x2.tmp", temp_prefix()));
        let other = sub.join(".feedwright-notes.tmp");
        for file in [&dead, &dead_removal, &live, &other] {
            std::fs::write(file, "x").unwrap();
        }
        sweep_stale_temps(dir.path());
        assert!(!dead.exists() && !dead_removal.exists());
        assert!(live.exists() && other.exists());
    }

    // Found by the red-team pass: an obsolete feed that could not be
    // removed (a locked folder) failed the build after every other file had
    // been replaced. Removals are now staged first and undone on failure.
    #[test]
    fn a_removal_that_fails_puts_back_the_ones_already_staged() {
        let dir = tempfile::tempdir().unwrap();
        let first = dir.path().join("tags/a/rss.xml");
        std::fs::create_dir_all(first.parent().unwrap()).unwrap();
        std::fs::write(&first, "old").unwrap();
        let missing = dir.path().join("tags/b/rss.xml");
        let removals = [
            (first.clone(), crate::output::diff::FeedKind::Rss),
            (missing, crate::output::diff::FeedKind::Rss),
        ];
        assert!(stage_removals(&removals).is_err());
        assert_eq!(std::fs::read_to_string(&first).unwrap(), "old");
        let left: Vec<_> = std::fs::read_dir(first.parent().unwrap())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(left, ["rss.xml"]);
    }
    use crate::output::diff::FeedKind;

    fn output(path: PathBuf, bytes: &str) -> Output {
        Output {
            path,
            kind: Some(FeedKind::Rss),
            bytes: bytes.as_bytes().to_vec(),
            item_count: 0,
        }
    }

    #[test]
    fn a_failure_in_any_file_replaces_none() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("atom.xml")).unwrap();
        std::fs::write(out.join("rss.xml"), "old rss").unwrap();
        let lock = dir.path().join("feedwright.lock");
        let outputs = [
            output(out.join("rss.xml"), "new rss"),
            output(out.join("atom.xml"), "new atom"),
            Output {
                kind: None,
                ..output(lock.clone(), "new lock")
            },
        ];
        let error = write_all(&out, &outputs).unwrap_err();
        assert!(error.message.contains("not a regular file"), "{error}");
        assert_eq!(
            std::fs::read_to_string(out.join("rss.xml")).unwrap(),
            "old rss"
        );
        assert!(!lock.exists());
        let leftovers: Vec<_> = std::fs::read_dir(&out)
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(leftovers.len(), 2, "{leftovers:?}");
    }

    #[test]
    fn all_files_are_written_and_only_feeds_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let lock = dir.path().join("feedwright.lock");
        let outputs = [
            output(out.join("rss.xml"), "rss"),
            Output {
                kind: None,
                ..output(lock.clone(), "lock")
            },
        ];
        let outcomes = write_all(&out, &outputs).unwrap();
        assert_eq!(outcomes.len(), 1);
        assert_eq!(outcomes[0].status, Status::Written);
        assert_eq!(std::fs::read_to_string(&lock).unwrap(), "lock");
        let again = write_all(&out, &outputs).unwrap();
        assert_eq!(again[0].status, Status::Unchanged);
    }
}
