//! The site: takes feed.toml and the parsed records and gives the catalog —
//! which records are published, their ids and permalinks, related links
//! resolved, the lock file's pinned ids, enclosures resolved, and the
//! lints `check` runs. Knows no output format.

pub mod archive;
pub mod catalog;
pub mod config;
pub mod enclosure;
pub mod lint;
pub mod lock;
pub mod plan;
pub mod podcast;
