//! Puts feed files in place: only when their bytes changed, and atomically
//! (a temporary file beside the target, then a rename), so a reader or a
//! crashed build never leaves half a feed behind.

use crate::report::diagnostic::Diagnostic;
pub use crate::report::outcome::{FileOutcome, Status};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone)]
pub struct Output {
    /// Relative to the output folder; validated by `config` to stay inside it.
    pub relative: PathBuf,
    pub kind: crate::output::diff::FeedKind,
    pub bytes: Vec<u8>,
    pub item_count: usize,
}

/// `build --check`: compares without writing anything.
pub fn check_all(output_dir: &Path, outputs: &[Output]) -> Vec<FileOutcome> {
    outputs
        .iter()
        .map(|output| {
            let path = output_dir.join(&output.relative);
            let (status, change) = match std::fs::read(&path) {
                Ok(existing) if existing == output.bytes => (Status::Unchanged, None),
                Ok(existing) => (
                    Status::Stale,
                    Some(crate::output::diff::compare(
                        output.kind,
                        &existing,
                        &output.bytes,
                    )),
                ),
                Err(_) => (Status::Missing, None),
            };
            FileOutcome {
                path,
                kind: output.kind,
                status,
                item_count: output.item_count,
                change,
            }
        })
        .collect()
}

pub fn write_all(output_dir: &Path, outputs: &[Output]) -> Result<Vec<FileOutcome>, Diagnostic> {
    if output_dir.exists() && !output_dir.is_dir() {
        return Err(Diagnostic::error(
            output_dir,
            None,
            "the output folder is a file; point `output` (or --out) at a folder",
        ));
    }
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
    outputs
        .iter()
        .map(|output| write_one(output_dir, &root, output))
        .collect()
}

fn write_one(output_dir: &Path, root: &Path, output: &Output) -> Result<FileOutcome, Diagnostic> {
    let path = output_dir.join(&output.relative);
    let fail = |message: String| Diagnostic::error(&path, None, message);
    let parent = path.parent().unwrap_or(output_dir);
    std::fs::create_dir_all(parent)
        .map_err(|error| fail(format!("cannot create folder: {error}")))?;
    // A symlinked subfolder must not carry the write outside the output folder.
    let real_parent = parent
        .canonicalize()
        .map_err(|error| fail(format!("cannot open folder: {error}")))?;
    if !real_parent.starts_with(root) {
        return Err(fail(format!(
            "refusing to write: {} lies outside the output folder",
            real_parent.display()
        )));
    }
    let outcome = |status| FileOutcome {
        path: path.clone(),
        kind: output.kind,
        status,
        item_count: output.item_count,
        change: None,
    };
    if std::fs::read(&path).is_ok_and(|existing| existing == output.bytes) {
        return Ok(outcome(Status::Unchanged));
    }
    let mut temp = tempfile::Builder::new()
        .prefix(".feedwright-")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(|error| fail(format!("cannot create a temporary file: {error}")))?;
    temp.write_all(&output.bytes)
        .and_then(|()| temp.as_file().sync_all())
        .map_err(|error| fail(format!("cannot write: {error}")))?;
    set_readable_permissions(temp.path(), &path);
    temp.persist(&path)
        .map_err(|error| fail(format!("cannot replace the file: {}", error.error)))?;
    Ok(outcome(Status::Written))
}

/// Replaces one file atomically (a temporary file beside it, then a
/// rename), whatever its contents; used for the lock file.
pub fn replace_file(path: &Path, bytes: &[u8], what: &str) -> Result<(), Diagnostic> {
    let fail = |error: std::io::Error| {
        Diagnostic::error(path, None, format!("cannot write {what}: {error}"))
    };
    let dir = path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    let mut temp = tempfile::Builder::new()
        .prefix(".feedwright-")
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
