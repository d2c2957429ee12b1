//! Feed plans: which feed documents a build writes — the site's own and,
//! with `[feeds]`, one per tag, author, section or language — each with
//! its folder, title and the items it holds. Rendering is then a loop over
//! plans × formats, and knows nothing of why a feed exists.

use crate::site::config::Config;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedPlan {
    /// The feed's folder below the output folder, `/`-separated; empty for
    /// the site's own feeds. Every format's file goes in it.
    pub folder: String,
    pub title: String,
    /// The feed's language (its `language`, `xml:lang`).
    pub language: String,
    /// Indices into the catalog's items, newest first.
    pub items: Vec<usize>,
}

/// The site's own feed: every selected item.
pub fn site(config: &Config, item_count: usize) -> FeedPlan {
    FeedPlan {
        folder: String::new(),
        title: config.title.clone(),
        language: config.language.clone(),
        items: (0..item_count).collect(),
    }
}
