//! The archive state: `.feedwright-archive` in the output folder lists,
//! one per line, each archive page the last build left in place with the
//! digest of what its bytes were made from (`digest path`). A page whose
//! digest is the same in this build, and whose file is still there, is
//! neither rendered nor written again, so a full page keeps its bytes and
//! its modification time at no cost. It is written in the same transaction
//! as the pages, so it never names a page that is not in place.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::Path;

pub const FILE_NAME: &str = crate::util::ARCHIVE_STATE_FILE;

const HEADER: &str = "# Written by feedwright: what each archive page was made from, so that\n\
# unchanged pages are not rendered again. Delete it to render every page.\n";

/// Path (relative, `/`-separated) → digest, as the last build wrote them.
/// A missing or unreadable file lists nothing; a line that does not parse
/// is skipped (its page is rendered again, which is always safe).
pub fn read(output_dir: &Path) -> HashMap<String, [u64; 2]> {
    let Ok(text) = std::fs::read_to_string(output_dir.join(FILE_NAME)) else {
        return HashMap::new();
    };
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (digest, path) = line.split_once(' ')?;
            let (high, low) = (digest.get(..16)?, digest.get(16..)?);
            let digest = [
                u64::from_str_radix(high, 16).ok()?,
                u64::from_str_radix(low, 16).ok()?,
            ];
            Some((path.to_string(), digest))
        })
        .collect()
}

/// The file's bytes for `pages` (relative path, digest), in the order
/// given.
pub fn bytes<'a>(pages: impl IntoIterator<Item = (&'a str, [u64; 2])>) -> Vec<u8> {
    let mut text = String::from(HEADER);
    for (path, [high, low]) in pages {
        let _ = writeln!(text, "{high:016x}{low:016x} {path}");
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digests_are_read_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let pages = [
            ("archive/rss/1.xml", [1, u64::MAX]),
            ("archive/json/2.json", [0, 7]),
        ];
        let mut text = String::from_utf8(bytes(pages)).unwrap();
        text.push_str("zz archive/rss/3.xml\n\n");
        std::fs::write(dir.path().join(FILE_NAME), text).unwrap();
        let read = read(dir.path());
        assert_eq!(read.len(), 2);
        assert_eq!(read["archive/rss/1.xml"], [1, u64::MAX]);
        assert_eq!(read["archive/json/2.json"], [0, 7]);
    }
}
