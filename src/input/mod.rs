//! Input: takes the articles folder and gives `Record`s. Finds the record
//! files (discover), reads each form (front matter, plain text) with its
//! dates and episode keys, and locates every problem in its file. Knows
//! nothing of the site's links or of any feed format.

pub mod dates;
pub mod discover;
pub mod episode;
pub mod frontmatter;
pub mod parse;
pub mod plaintext;
pub mod record;
pub mod uri;
