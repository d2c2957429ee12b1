//! The podcast site in `examples/podcast`, built by the real binary and
//! read back by independent readers: feed-rs for enclosures, roxmltree for
//! the itunes and podcast tags, Python's feedparser when installed.

mod util;

use util::{Site, crate_root};

/// Values worked out by hand: the sizes of the committed MP3 files, and the
/// `UUIDv5` of "pod.example.com/rss.xml" in the Podcasting 2.0 namespace
/// (`python3 -c "import uuid; print(uuid.uuid5(uuid.UUID('ead4c236-bf58-58c6-a2c6-a6b28d128cb6'), 'pod.example.com/rss.xml'))"`).
const PODCAST_GUID: &str = "8bad6ece-060b-53c1-98fa-da53df8a45a2";
/// Title start, enclosure URL, length, `itunes:duration`, `itunes:episode`,
/// `itunes:episodeType`, newest first.
type Expected = (
    &'static str,
    &'static str,
    u64,
    &'static str,
    Option<&'static str>,
    &'static str,
);
const EPISODES: [Expected; 3] = [
    (
        "Episode 2",
        "https://pod.example.com/media/ep2-night-ferry.mp3",
        31_702,
        "2",
        Some("2"),
        "",
    ),
    (
        "Episode 1",
        "https://pod.example.com/media/ep1-harbour-sounds.mp3",
        47_548,
        "3",
        Some("1"),
        "full",
    ),
    (
        "Trailer",
        "https://pod.example.com/media/ep3-trailer.mp3",
        15_856,
        "1",
        None,
        "trailer",
    ),
];

fn podcast_site() -> Site {
    let site = Site::empty();
    let from = crate_root().join("examples/podcast");
    std::fs::copy(from.join("feed.toml"), site.join("feed.toml")).unwrap();
    for folder in ["episodes", "media"] {
        for entry in std::fs::read_dir(from.join(folder)).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name();
            site.write(
                &format!("{folder}/{}", name.to_string_lossy()),
                std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    site
}

#[test]
fn enclosures_read_back_with_feed_rs() {
    let site = podcast_site();
    let run = site.build_ok(&[]);
    assert!(run.warnings().is_empty(), "{}", run.stderr);
    for text in [site.rss(), site.atom()] {
        let feed = feed_rs::parser::parse(text.as_bytes()).expect("feed-rs parses the feed");
        assert_eq!(feed.entries.len(), 3);
        for (entry, (title, url, length, ..)) in feed.entries.iter().zip(EPISODES) {
            let entry_title = entry
                .title
                .as_ref()
                .map(|t| t.content.clone())
                .unwrap_or_default();
            assert!(entry_title.starts_with(title), "{entry_title}");
            let from_media = entry
                .media
                .iter()
                .flat_map(|media| &media.content)
                .find_map(|content| {
                    let found = content.url.as_ref()?.to_string();
                    Some((
                        found,
                        content.size,
                        content.content_type.as_ref().map(ToString::to_string),
                    ))
                });
            let from_links = entry
                .links
                .iter()
                .find(|link| link.rel.as_deref() == Some("enclosure"))
                .map(|link| (link.href.clone(), link.length, link.media_type.clone()));
            let (found_url, found_length, found_type) =
                from_media.or(from_links).expect("an enclosure");
            assert_eq!(found_url, url);
            assert_eq!(found_length, Some(length));
            assert_eq!(found_type.as_deref(), Some("audio/mpeg"));
        }
    }
}

#[test]
fn itunes_and_podcast_tags_carry_the_hand_worked_values() {
    let site = podcast_site();
    site.build_ok(&[]);
    let rss = site.rss();
    let document = roxmltree::Document::parse(&rss).expect("well-formed XML");
    let itunes = "http://www.itunes.com/dtds/podcast-1.0.dtd";
    let podcast = "https://podcastindex.org/namespace/1.0";
    let channel = document
        .descendants()
        .find(|node| node.has_tag_name("channel"))
        .unwrap();
    let child_text = |node: roxmltree::Node, ns: &str, name: &str| {
        node.children()
            .find(|child| child.has_tag_name((ns, name)))
            .and_then(|child| child.text())
            .map(str::to_string)
    };
    assert_eq!(
        child_text(channel, podcast, "guid").as_deref(),
        Some(PODCAST_GUID)
    );
    assert_eq!(
        child_text(channel, podcast, "locked").as_deref(),
        Some("yes")
    );
    assert_eq!(
        child_text(channel, itunes, "explicit").as_deref(),
        Some("false")
    );
    assert_eq!(
        child_text(channel, itunes, "type").as_deref(),
        Some("episodic")
    );
    let categories: Vec<(String, Option<String>)> = channel
        .children()
        .filter(|child| child.has_tag_name((itunes, "category")))
        .map(|category| {
            let sub = category
                .children()
                .find(|child| child.has_tag_name((itunes, "category")))
                .and_then(|sub| sub.attribute("text"))
                .map(str::to_string);
            (
                category.attribute("text").unwrap_or_default().to_string(),
                sub,
            )
        })
        .collect();
    assert_eq!(
        categories,
        [
            ("News".to_string(), Some("Daily News".to_string())),
            (
                "Society & Culture".to_string(),
                Some("Places & Travel".to_string())
            )
        ]
    );
    let owner_email = channel
        .descendants()
        .find(|node| node.has_tag_name((itunes, "email")))
        .and_then(|node| node.text());
    assert_eq!(owner_email, Some("ana@news.example.com"));

    let items: Vec<_> = channel
        .children()
        .filter(|node| node.has_tag_name("item"))
        .collect();
    assert_eq!(items.len(), 3);
    for (item, (_, url, length, duration, episode, episode_type)) in items.iter().zip(EPISODES) {
        let enclosure = item
            .children()
            .find(|n| n.has_tag_name("enclosure"))
            .unwrap();
        assert_eq!(enclosure.attribute("url"), Some(url));
        assert_eq!(
            enclosure.attribute("length"),
            Some(length.to_string().as_str())
        );
        assert_eq!(enclosure.attribute("type"), Some("audio/mpeg"));
        assert_eq!(
            child_text(*item, itunes, "duration").as_deref(),
            Some(duration)
        );
        assert_eq!(child_text(*item, itunes, "episode").as_deref(), episode);
        let found_type = child_text(*item, itunes, "episodeType").unwrap_or_default();
        assert_eq!(found_type, episode_type);
    }
    let transcript = items[1]
        .children()
        .find(|n| n.has_tag_name((podcast, "transcript")))
        .unwrap();
    assert_eq!(
        transcript.attribute("url"),
        Some("https://pod.example.com/transcripts/ep1.vtt")
    );
    assert_eq!(transcript.attribute("type"), Some("text/vtt"));
}

#[test]
fn a_news_site_gets_no_podcast_namespaces() {
    let site = Site::sample();
    site.build_ok(&[]);
    let rss = site.rss();
    assert!(!rss.contains("xmlns:itunes"), "{rss}");
    assert!(!rss.contains("xmlns:podcast"));
    // The sample's one record with an image gets Media RSS artwork.
    assert!(rss.contains(
        "<media:thumbnail url=\"https://news.example.com/articles/harbour-map/images/harbour.jpg\">"
    ));
}

#[test]
fn an_unknown_category_names_the_closest_one() {
    let site = podcast_site();
    let config = site
        .read("feed.toml")
        .replace("\"News > Daily News\"", "\"News > Dayly News\"");
    site.write("feed.toml", config);
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "unknown podcast category \"News > Dayly News\"; did you mean \"News > Daily News\"?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_remote_enclosure_needs_type_and_length() {
    let site = podcast_site();
    let record = site.read("episodes/2025-10-08-night-ferry.md").replace(
        "enclosure = { url = \"media/ep2-night-ferry.mp3\", type = \"audio/mpeg\" }",
        "enclosure = \"https://cdn.example.com/ep2.mp3\"",
    );
    site.write("episodes/2025-10-08-night-ferry.md", record);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[SITE]/episodes/2025-10-08-night-ferry.md:6: error: the remote enclosure \"https://cdn.example.com/ep2.mp3\" needs both its type and its length in bytes"
        ),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public/rss.xml"));
}

#[test]
fn a_second_enclosure_is_an_error() {
    let site = podcast_site();
    let record = site.read("episodes/trailer.txt").replace(
        "  • Enclosure: media/ep3-trailer.mp3\n",
        "  • Enclosure: media/ep3-trailer.mp3\n  • Enclosure: media/ep1-harbour-sounds.mp3\n",
    );
    site.write("episodes/trailer.txt", record);
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "[SITE]/episodes/trailer.txt:5: error: duplicate `Enclosure:` (first given on line 4)"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn check_applies_directory_rules() {
    let site = podcast_site();
    let config = site
        .read("feed.toml")
        .replace("image = \"media/cover.png\"", "")
        .replace(
            "base_url = \"https://pod.example.com/\"",
            "base_url = \"http://pod.example.com/\"",
        );
    site.write("feed.toml", config);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings = run.warnings();
    assert!(
        warnings
            .iter()
            .any(|w| w.contains("the podcast has no `image`")),
        "{}",
        run.stderr
    );
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("should use https"))
            .count(),
        3,
        "{}",
        run.stderr
    );
    let strict = site.run(&["check", "--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
}

#[test]
fn feedparser_reads_the_podcast_fields() {
    let python_ok = std::process::Command::new("python3")
        .args(["-c", "import feedparser"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !python_ok {
        util::missing_tool("python3 with feedparser");
        return;
    }
    let site = podcast_site();
    site.build_ok(&[]);
    let script = "import feedparser, sys\n\
        d = feedparser.parse(sys.argv[1])\n\
        assert not d.bozo, d.get('bozo_exception')\n\
        for e in d.entries:\n\
        \x20   enc = e.enclosures[0]\n\
        \x20   print(e.get('itunes_duration'), e.get('itunes_episode'), enc['href'], enc['length'], enc['type'])\n";
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .arg(site.join("public/rss.xml"))
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let lines: Vec<String> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(str::to_string)
        .collect();
    let expected: Vec<String> = EPISODES
        .iter()
        .map(|(_, url, length, duration, episode, _)| {
            format!(
                "{duration} {} {url} {length} audio/mpeg",
                episode.unwrap_or("None")
            )
        })
        .collect();
    assert_eq!(lines, expected);
}

// Found by the red-team pass: a blank owner name and funding text were
// published, and transcript and chapters URLs kept raw spaces.
#[test]
fn blank_podcast_texts_are_errors_and_episode_urls_are_encoded() {
    let site = podcast_site();
    let config = site.read("feed.toml");
    site.write(
        "feed.toml",
        config.replace("name = \"Ana Ribeiro\"", "name = \" \""),
    );
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("owner's name \" \" has no visible character"),
        "{}",
        run.stderr
    );
    site.write(
        "feed.toml",
        config.replace("text = \"Support the show\"", "text = \"\\u00AD\""),
    );
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("funding text"), "{}", run.stderr);
    site.write("feed.toml", &config);
    let episode = "episodes/2025-10-01-harbour-sounds.md";
    let text = site.read(episode);
    site.write(
        episode,
        text.replace("transcripts/ep1.vtt", "transcripts/ep 1.vtt")
            .replace("chapters/ep1.json", "chapters/ep 1.json"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let rss = site.rss();
    assert!(
        rss.contains("url=\"https://pod.example.com/transcripts/ep%201.vtt\""),
        "{rss}"
    );
    assert!(
        rss.contains("url=\"https://pod.example.com/chapters/ep%201.json\""),
        "{rss}"
    );
}
