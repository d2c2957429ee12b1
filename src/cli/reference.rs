//! The reference tables of what feedwright reads and how it ends: every
//! `feed.toml` key, every record key (front matter and plain-text label)
//! and every exit code. `feedwright man` prints them, and tests check them
//! against what the config and record readers actually accept and against
//! the README, so the three cannot drift apart.

use clap::CommandFactory;
use std::fmt::Write as _;

/// A `feed.toml` key: its name (tables as `author.name`), its default
/// (`None`: required; `Some("")`: optional with no default) and meaning.
pub struct ConfigKey {
    pub key: &'static str,
    pub default: Option<&'static str>,
    pub meaning: &'static str,
}

const fn key(key: &'static str, default: Option<&'static str>, meaning: &'static str) -> ConfigKey {
    ConfigKey {
        key,
        default,
        meaning,
    }
}

pub const CONFIG_KEYS: &[ConfigKey] = &[
    key("title", None, "the feeds' title"),
    key(
        "base_url",
        None,
        "where the site is published: http or https with a host, and no user name, password, query or fragment; a missing trailing / is added",
    ),
    key(
        "description",
        None,
        "the feeds' description (Atom subtitle)",
    ),
    key("language", None, "a language tag such as en or pt-BR"),
    key(
        "articles",
        Some("\"articles\""),
        "the folder of records, relative to feed.toml",
    ),
    key(
        "output",
        Some("\"public\""),
        "where the feeds are written, relative to feed.toml; --out overrides it",
    ),
    key("limit", Some("50"), "items per feed; 0 means all"),
    key(
        "timezone",
        Some("\"UTC\""),
        "an IANA zone name, for dates written without an offset",
    ),
    key(
        "permalink",
        Some("\"/articles/{slug}/\""),
        "each item's link below base_url; placeholders {slug} (required), {path}, {year}, {month}, {day}, {i_month} and {i_day} (no leading zero), {categories} (the categories and category values, lower-cased, joined by /)",
    ),
    key(
        "permalink_case",
        Some("\"keep\""),
        "\"lower\": every link made from permalink in lower case (its text, {path} and {slug}), as Hugo makes them; a record's own url is kept as written",
    ),
    key(
        "permalink_dates",
        Some("\"timezone\""),
        "\"own-offset\": {year}, {month} and {day} from the date in the offset it was written with, as Hugo takes them; \"timezone\": in the site's timezone, as Jekyll does",
    ),
    key(
        "rss",
        Some("\"rss.xml\""),
        "the RSS file's path inside the output folder",
    ),
    key(
        "atom",
        Some("\"atom.xml\""),
        "the Atom file's path inside the output folder",
    ),
    key(
        "formats",
        Some("[\"rss\", \"atom\"]"),
        "the formats every feed is written in: \"rss\", \"atom\", \"json\" (JSON Feed 1.1)",
    ),
    key(
        "json",
        Some("\"feed.json\""),
        "the JSON Feed file's path inside the output folder, written when formats names \"json\"",
    ),
    key(
        "stylesheet",
        Some("false"),
        "write feed.xsl in the output folder and point every RSS and Atom file at it, so a browser shows a feed as a readable page",
    ),
    key(
        "html",
        Some(""),
        "a static HTML page of the site's feeds (such as \"index.html\"), inside the output folder: the newest items, every feed, autodiscovery links",
    ),
    key(
        "exclude",
        Some("[]"),
        "gitignore-style patterns, relative to the articles folder, of files and folders that are not records",
    ),
    key(
        "max_record_bytes",
        Some("16777216"),
        "a larger record file is an error (16 MiB)",
    ),
    key(
        "archive",
        Some("0"),
        "items per RFC 5005 archive page of the site's feed, at archive/rss/N.xml, archive/atom/N.xml and archive/json/N.json; every item is in one page, pages filled oldest first; 0 means no archive",
    ),
    key(
        "hub",
        Some("[]"),
        "WebSub hubs, absolute http(s) URLs: every feed links them (rel=\"hub\"), and build --ping notifies them of changed feeds",
    ),
    key(
        "feeds.tags",
        Some("false"),
        "one feed per tag, at tags/{tag}/ in the output folder",
    ),
    key(
        "feeds.authors",
        Some("false"),
        "one feed per author, at authors/{author}/",
    ),
    key(
        "feeds.sections",
        Some("false"),
        "one feed per top-level folder of the articles, at sections/{folder}/",
    ),
    key(
        "feeds.languages",
        Some("false"),
        "one feed per record language (its language key, or a translation's file name such as post.fr.md), at languages/{lang}/; translations into other languages than the site's are only there",
    ),
    key(
        "author.name",
        None,
        "the feeds' author, and every item's when its record names none",
    ),
    key(
        "author.email",
        Some(""),
        "the author's email; RSS then also gets managingEditor",
    ),
    key(
        "author.uri",
        Some(""),
        "the author's page, absolute http(s)",
    ),
    key(
        "podcast.image",
        Some(""),
        "podcast cover art, relative to base_url or absolute",
    ),
    key(
        "podcast.categories",
        Some("[]"),
        "Apple Podcasts categories, \"Category\" or \"Category > Subcategory\"",
    ),
    key("podcast.explicit", Some("false"), "itunes:explicit"),
    key(
        "podcast.type",
        Some("\"episodic\""),
        "\"episodic\" or \"serial\"",
    ),
    key(
        "podcast.locked",
        Some("false"),
        "podcast:locked, with the owner's email",
    ),
    key(
        "podcast.funding",
        Some(""),
        "{ url, text }: podcast:funding",
    ),
    key(
        "podcast.new_feed_url",
        Some(""),
        "the feed's new address, only when it moves",
    ),
    key("podcast.owner.name", Some(""), "itunes:owner's name"),
    key("podcast.owner.email", Some(""), "itunes:owner's email"),
];

/// A record key: its front-matter name (`None`: plain-text records only),
/// its plain-text label (`None`: front matter only) and meaning.
pub struct RecordKey {
    pub key: Option<&'static str>,
    pub label: Option<&'static str>,
    pub meaning: &'static str,
}

const fn record(
    key: &'static str,
    label: Option<&'static str>,
    meaning: &'static str,
) -> RecordKey {
    RecordKey {
        key: if key.is_empty() { None } else { Some(key) },
        label,
        meaning,
    }
}

pub const RECORD_KEYS: &[RecordKey] = &[
    record(
        "title",
        None,
        "required; plain text (in a plain-text record, its first non-blank line)",
    ),
    record(
        "date",
        Some("Publish date"),
        "the publish date (required for a post; a Markdown file without one is a page, left out)",
    ),
    record(
        "updated",
        Some("Updated"),
        "the last substantive change; defaults to the publish date",
    ),
    record("slug", None, "overrides the slug taken from the file name"),
    record(
        "language",
        Some("Language"),
        "the record's language tag when it is not the site's (Hugo's lang too); Atom xml:lang and JSON Feed language in a feed of another language, and the record's feed under [feeds] languages",
    ),
    record(
        "id",
        Some("Id"),
        "the item's permanent id, an absolute URI; defaults to its link",
    ),
    record(
        "url",
        None,
        "the canonical link: absolute http(s), or a path under base_url",
    ),
    record(
        "summary",
        None,
        "plain text; defaults to the start of the body",
    ),
    record("tags", Some("Tags"), "categories, a list (Tags: a, b)"),
    record(
        "authors",
        Some("Author"),
        "names, or tables { name, email, uri } (Author: A, B and C; By: works too)",
    ),
    record(
        "related",
        None,
        "references to other items: a slug, a title or an absolute URL (plain text: a Related articles block)",
    ),
    record(
        "draft",
        Some("Draft"),
        "true (Draft: yes) keeps it out of the feeds unless --include-drafts",
    ),
    record(
        "image",
        Some("Image"),
        "the lead image's URL, relative to the item's link or absolute",
    ),
    record(
        "",
        Some("Reading time"),
        "minutes, in digits or words (two min read); one that cannot be read is a warning",
    ),
    record(
        "enclosure",
        Some("Enclosure"),
        "podcast episode file: a path in the site, or { url, type, length }",
    ),
    record("duration", Some("Duration"), "seconds, MM:SS or H:MM:SS"),
    record("episode", Some("Episode"), "episode number, from 1"),
    record("season", Some("Season"), "season number, from 1"),
    record(
        "episode_type",
        Some("Episode type"),
        "full, trailer or bonus",
    ),
    record("explicit", Some("Explicit"), "true or false (yes or no)"),
    record("transcript", Some("Transcript"), "a URL, or { url, type }"),
    record(
        "chapters",
        Some("Chapters"),
        "a URL of a JSON chapters file",
    ),
];

pub const EXIT_CODES: &[(u8, &str)] = &[
    (
        0,
        "success (warnings may have been printed); build --check: every feed and feedwright.lock is up to date",
    ),
    (
        1,
        "a problem in the content: a bad record, a duplicate slug or id, an ambiguous reference, an item whose id would change, an unreadable file, any warning under --strict; build --check: a feed or feedwright.lock is missing or out of date; new and init: the file already exists; validate: a feed breaks a rule. A failed build writes nothing",
    ),
    (
        2,
        "a usage or configuration error: a bad flag, a missing or invalid feed.toml, an unreadable articles folder or feedwright.lock, a bad SOURCE_DATE_EPOCH; validate: a named path that does not exist or cannot be read",
    ),
];

/// Environment variables feedwright reads.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "SOURCE_DATE_EPOCH",
        "seconds since 1970: the \"now\" that decides which records are in the future and the date new writes",
    ),
    ("NO_COLOR", "set: messages are never coloured"),
    ("CLICOLOR_FORCE", "1: messages are coloured even in a pipe"),
    ("CI", "set (and not false): no progress line"),
];

/// The man page: clap's sections (name, synopsis, options, commands),
/// then each command's own flags, the config and record keys, exit codes,
/// environment and files, all from the tables above and clap's own
/// definitions.
pub fn man_page() -> std::io::Result<Vec<u8>> {
    let command = crate::cli::Cli::command();
    let mut page = Vec::new();
    clap_mangen::Man::new(command.clone()).render(&mut page)?;
    let mut extra = String::new();
    commands_section(&command, &mut extra);
    config_section(&mut extra);
    records_section(&mut extra);
    extra.push_str(".SH \"EXIT STATUS\"\n");
    for (code, meaning) in EXIT_CODES {
        let _ = write!(extra, ".TP\n\\fB{code}\\fR\n{}\n", roff(meaning));
    }
    extra.push_str(".SH ENVIRONMENT\n");
    for (name, meaning) in ENVIRONMENT {
        let _ = write!(extra, ".TP\n\\fB{name}\\fR\n{}\n", roff(meaning));
    }
    extra.push_str(concat!(
        ".SH FILES\n.TP\n\\fBfeed.toml\\fR\nthe site's settings (see CONFIGURATION).\n",
        ".TP\n\\fBfeedwright.lock\\fR\nbeside feed.toml: the id each item was first published with. ",
        "Commit it. A build whose items' ids would change fails, naming the line that pins the old id; ",
        "\\fBbuild \\-\\-accept\\-id\\-changes\\fR publishes the new ids and records them.\n",
    ));
    page.extend_from_slice(extra.as_bytes());
    Ok(page)
}

fn commands_section(command: &clap::Command, out: &mut String) {
    out.push_str(".SH \"COMMAND OPTIONS\"\n");
    for sub in command.get_subcommands() {
        let own: Vec<&clap::Arg> = sub
            .get_arguments()
            .filter(|arg| !arg.is_global_set() && !arg.is_hide_set())
            .filter(|arg| !matches!(arg.get_id().as_str(), "help" | "version"))
            .collect();
        if own.is_empty() {
            continue;
        }
        let _ = writeln!(out, ".SS {}", sub.get_name());
        for arg in own {
            let name = match arg.get_long() {
                Some(long) => format!("\\-\\-{}", long.replace('-', "\\-")),
                None => arg.get_id().as_str().to_uppercase(),
            };
            let help = arg.get_help().map(ToString::to_string).unwrap_or_default();
            let _ = write!(out, ".TP\n\\fB{name}\\fR\n{}\n", roff(&help));
        }
    }
}

fn config_section(out: &mut String) {
    out.push_str(".SH \"CONFIGURATION (feed.toml)\"\n");
    out.push_str(
        "Paths are relative to the folder of feed.toml. An unknown key is an error naming it. \
         Keys written a.b belong to the [a] table.\n",
    );
    for entry in CONFIG_KEYS {
        let default = match entry.default {
            None => " (required)".to_string(),
            Some("") => String::new(),
            Some(value) => format!(" = {value}"),
        };
        let _ = write!(
            out,
            ".TP\n\\fB{}\\fR{}\n{}\n",
            roff(entry.key),
            roff(&default),
            roff(entry.meaning)
        );
    }
}

fn records_section(out: &mut String) {
    out.push_str(".SH RECORDS\n");
    out.push_str(
        "Markdown records (.md, .markdown) start with TOML front matter between +++ lines or YAML \
         between \\-\\-\\- lines. An .html or .htm file that starts with such front matter is a \
         record whose body is HTML; any other is left alone. Plain-text records (.txt) have the title on their first line, then \
         metadata lines `Label: value' (several may share a line; keys are case-insensitive). \
         Each key, with its plain-text label where there is one:\n",
    );
    for entry in RECORD_KEYS {
        let (name, label) = match (entry.key, entry.label) {
            (Some(key), Some(label)) => (key, format!(" (plain text: {label}:)")),
            (Some(key), None) => (key, String::new()),
            (None, Some(label)) => (label, ": (plain text only)".to_string()),
            (None, None) => continue,
        };
        let _ = write!(
            out,
            ".TP\n\\fB{}\\fR{}\n{}\n",
            roff(name),
            roff(&label),
            roff(entry.meaning)
        );
    }
    out.push_str(
        ".PP\nKeys of Zola, Hugo, Jekyll and Eleventy are read too: publishDate, pubDate, published, \
         lastmod, last_modified_at, modified, author, extra.author(s), params.author(s), categories, \
         category, taxonomies, description, excerpt, published = false, path, permalink, images, \
         featured_image, excerpt_separator; layout keys are ignored. Dates: RFC 3339, 2025\\-09\\-01, \
         2025\\-09\\-01 09:30, RFC 2822 and English forms such as 1 September 2025.\n",
    );
}

/// Text safe in a roff paragraph: backslashes escaped, hyphens kept as
/// hyphens, and no line starting with a control character.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;
    use std::path::Path;

    const MINIMAL: &str = "title = \"T\"\nbase_url = \"https://example.com/\"\n\
        description = \"D\"\nlanguage = \"en\"\n";

    /// The keys the config reader knows in one table, read from its own
    /// "known keys here" hint for an unknown key.
    fn known_keys(text: &str) -> BTreeSet<String> {
        let problems = crate::site::config::Config::parse(Path::new("feed.toml"), text)
            .expect_err("an unknown key is an error");
        let hint = problems[0]
            .hint
            .as_deref()
            .expect("a hint listing the keys");
        let list = hint
            .strip_prefix("known keys here: ")
            .expect("the hint lists the keys");
        // serde writes "`a` or `b`" for two keys, "`a`, `b`, `c`" for more.
        let list = list
            .split(';')
            .next()
            .unwrap_or_default()
            .replace("` or `", "`, `");
        list.split(", ")
            .map(|key| key.trim().trim_matches('`').to_string())
            .collect()
    }

    fn table_keys(prefix: &str) -> BTreeSet<String> {
        CONFIG_KEYS
            .iter()
            .filter_map(|entry| entry.key.strip_prefix(prefix))
            .filter_map(|rest| rest.split('.').next())
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn every_config_key_the_reader_knows_is_documented_and_no_other() {
        let top = known_keys(&format!("zzz = 1\n{MINIMAL}[author]\nname = \"A\"\n"));
        assert_eq!(top, table_keys(""));
        let author = known_keys(&format!("{MINIMAL}[author]\nname = \"A\"\nzzz = 1\n"));
        assert_eq!(author, table_keys("author."));
        let podcast = known_keys(&format!(
            "{MINIMAL}[author]\nname = \"A\"\n[podcast]\nzzz = 1\n"
        ));
        assert_eq!(podcast, table_keys("podcast."));
        let owner = known_keys(&format!(
            "{MINIMAL}[author]\nname = \"A\"\n[podcast.owner]\nname = \"O\"\nemail = \"o@example.com\"\nzzz = 1\n"
        ));
        assert_eq!(owner, table_keys("podcast.owner."));
        let feeds = known_keys(&format!(
            "{MINIMAL}[author]\nname = \"A\"\n[feeds]\nzzz = 1\n"
        ));
        assert_eq!(feeds, table_keys("feeds."));
    }

    #[test]
    fn every_documented_record_key_is_read() {
        for key in RECORD_KEYS.iter().filter_map(|entry| entry.key) {
            assert!(
                crate::input::frontmatter::keys::meaning(key).is_some(),
                "front matter does not know `{key}`"
            );
        }
    }

    /// Each plain-text label is read as metadata: it neither ends the
    /// metadata (becoming body text) nor draws a warning.
    #[test]
    fn every_documented_plain_text_label_is_read() {
        let samples = [
            ("Publish date", "2025-09-01"),
            ("Updated", "2025-09-02"),
            ("Id", "tag:example.com,2025:x"),
            ("Tags", "a, b"),
            ("Author", "Ann"),
            ("Draft", "no"),
            ("Language", "pt-BR"),
            ("Image", "https://example.com/a.png"),
            ("Reading time", "3 min"),
            ("Enclosure", "https://example.com/a.mp3 audio/mpeg 1000"),
            ("Duration", "10:00"),
            ("Episode", "2"),
            ("Season", "1"),
            ("Episode type", "full"),
            ("Explicit", "no"),
            ("Transcript", "https://example.com/a.vtt"),
            ("Chapters", "https://example.com/a.json"),
        ];
        let labels: BTreeSet<&str> = RECORD_KEYS.iter().filter_map(|e| e.label).collect();
        assert_eq!(labels, samples.iter().map(|(label, _)| *label).collect());
        for (label, value) in samples {
            let text = format!("Title\nPublish date: 2025-09-01\n{label}: {value}\n\nBody.\n");
            let text = text.replacen("Publish date: 2025-09-01\nPublish date", "Publish date", 1);
            let parsed = crate::input::plaintext::parse(
                Path::new("a.txt"),
                "a".into(),
                &text,
                chrono_tz::UTC,
            );
            assert!(
                parsed.diagnostics.is_empty(),
                "{label}: {:?}",
                parsed.diagnostics
            );
            let record = parsed.record.expect("a record");
            let crate::input::record::Body::Html(html) = &record.details().body else {
                panic!("{label}: no body");
            };
            assert_eq!(html, "<p>Body.</p>", "{label} was read as body text");
        }
    }

    #[test]
    fn the_man_page_has_every_key_and_exit_code() {
        let page = String::from_utf8(man_page().expect("render")).expect("utf-8");
        for entry in CONFIG_KEYS {
            assert!(
                page.contains(&format!("\\fB{}\\fR", roff(entry.key))),
                "{}",
                entry.key
            );
        }
        for entry in RECORD_KEYS {
            match (entry.key, entry.label) {
                (Some(key), Some(label)) => {
                    assert!(
                        page.contains(&format!(
                            "\\fB{}\\fR (plain text: {}:)",
                            roff(key),
                            roff(label)
                        )),
                        "{key}"
                    );
                }
                (Some(key), None) => {
                    assert!(page.contains(&format!("\\fB{}\\fR\n", roff(key))), "{key}");
                }
                (None, Some(label)) => {
                    assert!(
                        page.contains(&format!("\\fB{}\\fR: (plain text only)", roff(label))),
                        "{label}"
                    );
                }
                (None, None) => panic!("a record key with neither a key nor a label"),
            }
        }
        for (code, _) in EXIT_CODES {
            assert!(page.contains(&format!(".TP\n\\fB{code}\\fR\n")));
        }
        assert!(page.contains("\\fB\\-\\-accept\\-id\\-changes\\fR"));
        assert!(page.contains("\\fB\\-\\-txt\\fR"));
        assert!(!page.lines().any(|line| line.starts_with('\'')));
    }
}
