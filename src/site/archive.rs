//! Archive pages (RFC 5005) of the site's feed: where each is published,
//! and one digest per page of everything that decides its bytes, so that a
//! build can tell the pages that cannot have changed without rendering
//! them — with 100,000 records, 1,000 pages of which one changes.

use crate::input::record::Record;
use crate::report::outcome::FeedKind;
use crate::site::catalog::Item;
use crate::site::config::Config;
use crate::site::plan::FeedPlan;
use rayon::prelude::*;
use siphasher::sip128::{Hasher128 as _, SipHasher13};
use std::hash::Hash;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The folder below the output folder that holds every archive page.
pub const FOLDER: &str = "archive";

/// 128 bits of SipHash-1-3 (a fixed algorithm) over values fed through
/// `std::hash::Hash`. A digest that differs from the last build's only
/// costs a page rendered again (its bytes decide whether it is written),
/// so a toolchain that feeds values differently is safe; two inputs with
/// one digest would keep a stale page, which 128 bits make negligible.
pub type Digest = [u64; 2];

/// `archive/rss/3.xml`: a page's file, relative to the output folder and
/// `/`-separated (as the manifest and the state file list it).
pub fn relative_path(kind: FeedKind, page: usize) -> String {
    let extension = if kind == FeedKind::Json {
        "json"
    } else {
        "xml"
    };
    format!("{FOLDER}/{}/{page}.{extension}", kind.as_str())
}

/// Where a page is written.
pub fn path(config: &Config, kind: FeedKind, page: usize) -> PathBuf {
    config.output_dir.join(relative_path(kind, page))
}

/// Where a page is published.
pub fn url(config: &Config, kind: FeedKind, page: usize) -> url::Url {
    config
        .base_url
        .join(&relative_path(kind, page))
        .unwrap_or_else(|_| config.base_url.clone())
}

fn hasher() -> SipHasher13 {
    SipHasher13::new()
}

fn finish(hasher: &SipHasher13) -> Digest {
    let hash = hasher.finish128();
    [hash.h1, hash.h2]
}

/// One digest per page (in `pages` order): the feedwright version, the
/// config file's bytes (title, links, hubs, formats …), the page's number
/// and fullness, and per item its file's digest, path, id, dates and
/// resolved related links — and, for an item whose body links to other pages, those
/// pages' paths and titles. `None` for a page that must always be rendered
/// (an item whose stamp is missing or that reads another file).
pub fn digests(
    config: &Config,
    config_bytes: &[u8],
    items: &[Item],
    others: &[Box<Record>],
    page_addresses: &[(PathBuf, String)],
    pages: &[FeedPlan],
) -> Vec<Option<Digest>> {
    let mut base = hasher();
    env!("CARGO_PKG_VERSION").hash(&mut base);
    config_bytes.hash(&mut base);
    config.archive.hash(&mut base);
    let link_table = OnceLock::new();
    pages
        .par_iter()
        .map(|page| {
            let mut hasher = base;
            page.page.hash(&mut hasher);
            page.items.len().hash(&mut hasher);
            for &index in &page.items {
                let item = items.get(index)?;
                let stamp = item.record.stamp.as_deref()?;
                if stamp.reads_other_files {
                    return None;
                }
                stamp.digest.hash(&mut hasher);
                item.record.path.hash(&mut hasher);
                item.record.folder.hash(&mut hasher);
                item.id.hash(&mut hasher);
                // Dates need not come from the file's bytes: Eleventy's
                // `date: Last Modified` is the file's time.
                for instant in [item.record.date, item.updated] {
                    instant.timestamp().hash(&mut hasher);
                    instant.timestamp_subsec_nanos().hash(&mut hasher);
                    instant.offset().local_minus_utc().hash(&mut hasher);
                }
                item.related.len().hash(&mut hasher);
                for related in &item.related {
                    related.href.hash(&mut hasher);
                    related.title.hash(&mut hasher);
                }
                if stamp.links_out {
                    link_table
                        .get_or_init(|| link_table_digest(items, others, page_addresses))
                        .hash(&mut hasher);
                }
            }
            Some(finish(&hasher))
        })
        .collect()
}

/// What a link from a body to another page (`@/…`, `{{< ref >}}`) can
/// resolve to: every page's path, folder, slug, `url`, date and title (its
/// link is made from these and the config), and the undated pages that
/// name their own address. Made only when some page needs it; any record
/// added, removed or retitled changes it.
fn link_table_digest(
    items: &[Item],
    others: &[Box<Record>],
    page_addresses: &[(PathBuf, String)],
) -> Digest {
    let mut hasher = hasher();
    let records = items
        .iter()
        .map(|item| &item.record)
        .chain(others.iter().map(AsRef::as_ref));
    for record in records {
        record.path.hash(&mut hasher);
        record.folder.hash(&mut hasher);
        record.slug.hash(&mut hasher);
        record.url.hash(&mut hasher);
        record.title.hash(&mut hasher);
        record.date.timestamp().hash(&mut hasher);
        record.date.offset().local_minus_utc().hash(&mut hasher);
    }
    page_addresses.hash(&mut hasher);
    finish(&hasher)
}
