//! The RSS tags podcast apps and aggregators read: Apple's `itunes`
//! namespace (typed, from the `rss` crate), Podcasting 2.0's `podcast`
//! namespace and Media RSS (as `rss` extension elements).

use super::entry::Entry;
use crate::site::config::Config;
use crate::site::podcast::Podcast;
use rss::extension::itunes::{
    ITunesCategory, ITunesChannelExtension, ITunesItemExtension, ITunesOwner,
};
use rss::extension::{Extension, ExtensionMap};
use std::collections::BTreeMap;
use uuid::Uuid;

pub const ITUNES_NAMESPACE: &str = "http://www.itunes.com/dtds/podcast-1.0.dtd";
pub const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";
pub const MEDIA_NAMESPACE: &str = "http://search.yahoo.com/mrss/";

/// The namespace UUID the Podcasting 2.0 `<podcast:guid>` tag is derived
/// with (`UUIDv5` of the feed URL without scheme and trailing slashes).
const PODCAST_GUID_NAMESPACE: Uuid = Uuid::from_u128(0xead4_c236_bf58_58c6_a2c6_a6b2_8d12_8cb6);

/// The Podcasting 2.0 guid of a feed URL.
pub fn podcast_guid(feed_url: &str) -> Uuid {
    let without_scheme = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest)
        .trim_end_matches('/');
    Uuid::new_v5(&PODCAST_GUID_NAMESPACE, without_scheme.as_bytes())
}

fn element(name: &str, value: Option<&str>, attrs: &[(&str, &str)]) -> Extension {
    Extension {
        name: name.to_string(),
        value: value.map(str::to_string),
        attrs: attrs
            .iter()
            .map(|(key, value)| ((*key).to_string(), (*value).to_string()))
            .collect(),
        children: BTreeMap::new(),
    }
}

fn add(map: &mut ExtensionMap, extension: Extension) {
    let (prefix, local) = extension
        .name
        .split_once(':')
        .map(|(prefix, local)| (prefix.to_string(), local.to_string()))
        .unwrap_or_default();
    map.entry(prefix)
        .or_default()
        .entry(local)
        .or_default()
        .push(extension);
}

fn yes_no(flag: bool) -> &'static str {
    if flag { "yes" } else { "no" }
}

fn true_false(flag: bool) -> String {
    flag.to_string()
}

pub fn namespaces(config: &Config, entries: &[std::sync::Arc<Entry>]) -> BTreeMap<String, String> {
    let mut namespaces = BTreeMap::new();
    if config.podcast.is_some() {
        namespaces.insert("podcast".into(), PODCAST_NAMESPACE.into());
        namespaces.insert("itunes".into(), ITUNES_NAMESPACE.into());
    }
    if entries.iter().any(|entry| entry.image.is_some()) {
        namespaces.insert("media".into(), MEDIA_NAMESPACE.into());
    }
    namespaces
}

pub fn channel_itunes(config: &Config, podcast: &Podcast) -> ITunesChannelExtension {
    ITunesChannelExtension {
        author: Some(config.author.name.clone()),
        categories: podcast
            .categories
            .iter()
            .map(|category| ITunesCategory {
                text: category.name.clone(),
                subcategory: category.subcategory.as_ref().map(|sub| {
                    Box::new(ITunesCategory {
                        text: sub.clone(),
                        subcategory: None,
                    })
                }),
            })
            .collect(),
        image: podcast.image.as_ref().map(ToString::to_string),
        explicit: Some(true_false(podcast.explicit)),
        new_feed_url: podcast.new_feed_url.as_ref().map(ToString::to_string),
        owner: podcast.owner.as_ref().map(|owner| ITunesOwner {
            name: Some(owner.name.clone()),
            email: Some(owner.email.clone()),
        }),
        ..ITunesChannelExtension::default()
    }
}

pub fn channel_extensions(config: &Config, podcast: &Podcast) -> ExtensionMap {
    let mut map = ExtensionMap::new();
    add(&mut map, element("itunes:type", Some(&podcast.kind), &[]));
    let guid = podcast_guid(config.rss_url().as_str()).to_string();
    add(&mut map, element("podcast:guid", Some(&guid), &[]));
    let owner: Vec<(&str, &str)> = podcast
        .owner
        .iter()
        .map(|owner| ("owner", owner.email.as_str()))
        .collect();
    add(
        &mut map,
        element("podcast:locked", Some(yes_no(podcast.locked)), &owner),
    );
    if let Some((url, text)) = &podcast.funding {
        add(
            &mut map,
            element("podcast:funding", Some(text), &[("url", url.as_str())]),
        );
    }
    map
}

pub fn item_itunes(entry: &Entry) -> ITunesItemExtension {
    let episode = entry.item.record.episode();
    ITunesItemExtension {
        duration: episode.duration.map(|seconds| seconds.to_string()),
        episode: episode.number.map(|n| n.to_string()),
        season: episode.season.map(|n| n.to_string()),
        episode_type: episode.episode_type.clone(),
        explicit: episode.explicit.map(true_false),
        image: entry.image.clone(),
        ..ITunesItemExtension::default()
    }
}

pub fn item_extensions(config: &Config, entry: &Entry) -> ExtensionMap {
    let mut map = ExtensionMap::new();
    if let Some(image) = &entry.image {
        // Beside an audio or video enclosure, `media:content` would name a
        // second piece of media, and some readers (feed-rs among them) then
        // lose the enclosure; a thumbnail is unambiguously the artwork.
        if entry.enclosure.is_none() {
            add(
                &mut map,
                element(
                    "media:content",
                    None,
                    &[("url", image), ("medium", "image")],
                ),
            );
        }
        add(
            &mut map,
            element("media:thumbnail", None, &[("url", image)]),
        );
    }
    if config.podcast.is_some() {
        let episode = entry.item.record.episode();
        if let Some(transcript) = &episode.transcript {
            let mime_type = transcript
                .mime_type
                .clone()
                .unwrap_or_else(|| transcript_type(&transcript.url).to_string());
            add(
                &mut map,
                element(
                    "podcast:transcript",
                    None,
                    &[("url", &transcript.url), ("type", &mime_type)],
                ),
            );
        }
        if let Some(chapters) = &episode.chapters {
            add(
                &mut map,
                element(
                    "podcast:chapters",
                    None,
                    &[("url", chapters), ("type", "application/json+chapters")],
                ),
            );
        }
    }
    map
}

/// The transcript formats the Podcasting 2.0 namespace lists, by extension.
fn transcript_type(url: &str) -> &'static str {
    let extension = url
        .rsplit('.')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match extension.as_str() {
        "vtt" => "text/vtt",
        "srt" => "application/srt",
        "json" => "application/json",
        "html" | "htm" => "text/html",
        _ => "text/plain",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_matches_the_namespace_documentation_example() {
        assert_eq!(
            podcast_guid("https://mp3s.nashownotes.com/pc20rss.xml").to_string(),
            "917393e3-1b1e-5cef-ace4-edaa54e1f810"
        );
        assert_eq!(
            podcast_guid("mp3s.nashownotes.com/pc20rss.xml/"),
            podcast_guid("http://mp3s.nashownotes.com/pc20rss.xml")
        );
    }
}
