//! Enclosures resolved for the feeds: a remote one must state its type and
//! length; a file in the site gives them itself.

use super::config::Config;
use crate::input::record::{EnclosureSpec, Record};
use crate::report::diagnostic::Diagnostic;
use std::io::Read as _;
use std::path::{Component, Path};
use url::Url;

/// An enclosure ready for the feeds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enclosure {
    pub url: String,
    pub mime_type: String,
    pub length: u64,
}

/// A remote enclosure must state its type and length; a file in the site
/// (a path relative to the folder of feed.toml, published at the same path
/// under `base_url`) gives them itself.
/// A file name is a name, not a URL: `#`, `?`, `%` or a space in it must
/// not end the path or start an escape.
fn url_path(relative: &Path) -> String {
    let encoded: Vec<String> = relative
        .components()
        .filter_map(|part| match part {
            Component::Normal(name) => Some(
                percent_encoding::utf8_percent_encode(
                    &name.to_string_lossy(),
                    crate::site::catalog::PATH_SEGMENT,
                )
                .to_string(),
            ),
            _ => None,
        })
        .collect();
    encoded.join("/")
}

pub fn resolve_enclosure(
    config: &Config,
    record: &Record,
    spec: &EnclosureSpec,
) -> Result<Enclosure, Diagnostic> {
    let fail = |message: String| Diagnostic::error(&record.path, Some(spec.line), message);
    // Checked before anything is written: a type with a space or a length
    // no reader can store makes the feed invalid, or worse, misread.
    if let Some(mime_type) = &spec.mime_type {
        crate::input::uri::check_mime_type(mime_type)
            .map_err(|message| fail(format!("enclosure type {message}")))?;
    }
    if let Some(length) = spec.length
        && i64::try_from(length).is_err()
    {
        return Err(fail(format!(
            "enclosure length {length} is larger than any file; give the length in bytes"
        )));
    }
    if let Ok(url) = Url::parse(&spec.url) {
        if !matches!(url.scheme(), "http" | "https") {
            return Err(fail(format!(
                "enclosure {:?} must be an http(s) URL or a path in the site",
                spec.url
            )));
        }
        let url = crate::util::feed_url(url)
            .map_err(|why| fail(format!("enclosure {:?}: {why}", spec.url)))?;
        return match (&spec.mime_type, spec.length) {
            (Some(mime_type), Some(length)) => Ok(Enclosure {
                url: url.to_string(),
                mime_type: mime_type.clone(),
                length,
            }),
            _ => Err(fail(format!(
                "the remote enclosure {:?} needs both its type and its length in bytes",
                spec.url
            ))
            .with_hint(
                "write enclosure = { url = \"…\", type = \"audio/mpeg\", length = 12345678 }",
            )),
        };
    }
    let relative = Path::new(&spec.url);
    if relative
        .components()
        .any(|part| !matches!(part, Component::Normal(_) | Component::CurDir))
    {
        return Err(fail(format!(
            "enclosure {:?} must be a path inside the site (no `..`, not absolute) or an http(s) URL",
            spec.url
        )));
    }
    let site = config
        .path
        .parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let file = site.join(relative);
    let cannot_read = |error: std::io::Error| {
        fail(format!(
            "cannot read the enclosure {}: {error}",
            file.display()
        ))
    };
    let meta = std::fs::metadata(&file).map_err(cannot_read)?;
    // A folder's or a device's "length" means nothing to a podcast app.
    if !meta.is_file() {
        return Err(fail(format!(
            "the enclosure {} is not a regular file",
            file.display()
        )));
    }
    // A symlink may not publish a file from outside the site (its length
    // and type would reveal it, and its URL would not exist).
    let inside = match (file.canonicalize(), site.canonicalize()) {
        (Ok(real), Ok(root)) => real.starts_with(root),
        _ => false,
    };
    if !inside {
        return Err(fail(format!(
            "the enclosure {} leads outside the site folder (the folder of feed.toml)",
            file.display()
        )));
    }
    let length = meta.len();
    let mime_type = match &spec.mime_type {
        Some(mime_type) => mime_type.clone(),
        None => sniff_type(&file).ok_or_else(|| {
            fail(format!(
                "cannot tell the type of {}; add `type`",
                file.display()
            ))
        })?,
    };
    let url = config
        .base_url
        .join(&url_path(relative))
        .map_err(|error| fail(format!("cannot make a URL of {:?}: {error}", spec.url)))?;
    Ok(Enclosure {
        url: url.to_string(),
        mime_type,
        length,
    })
}

/// The type from the file's first bytes, else from its extension.
fn sniff_type(file: &Path) -> Option<String> {
    let mut head = Vec::with_capacity(8192);
    if let Ok(opened) = std::fs::File::open(file) {
        let _ = opened.take(8192).read_to_end(&mut head);
    }
    infer::get(&head)
        .map(|kind| normalize_type(kind.mime_type()).to_string())
        .or_else(|| {
            mime_guess::from_path(file)
                .first()
                .map(|mime| normalize_type(mime.essence_str()).to_string())
        })
}

/// Sniffers name some formats differently from what directories expect.
fn normalize_type(mime_type: &str) -> &str {
    match mime_type {
        "audio/m4a" => "audio/x-m4a",
        "audio/mp3" => "audio/mpeg",
        other => other,
    }
}
