//! Output: takes finished bytes and puts them on disk — only when they
//! changed, atomically — or, for `build --check`, says what would change.

pub mod diff;
pub mod manifest;
pub mod state;
pub mod websub;
pub mod write;
