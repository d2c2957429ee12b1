//! Plain-text news records (`.txt`): a title line, metadata lines such as
//! `• Publish date: Monday، 01 September 2025 Reading time: two min read`, an
//! optional `Related articles` block and a body of blank-line separated
//! paragraphs, headings and bullet lists.
//!
//! The format is what people get when they copy an article out of a news
//! site, so the parser is lenient about layout (bullets, non-breaking spaces,
//! key case, CRLF, BOM) but strict about the one thing a feed cannot do
//! without: a readable publish date.
//!
//! Where the header ends: a metadata line is any line after the title, and
//! before the first body block or `Related articles` block, that contains at
//! least one known key. The first non-blank line in that zone with no known
//! key ends the header and starts the body. This keeps unknown
//! `Key: value` lines harmless (they become body text) instead of turning
//! every colon in a first paragraph into an error.

use std::fmt::Write as _;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::input::dates;
use crate::input::record::{Author, Body, Parsed, Record, Reference};
use crate::report::diagnostic::Diagnostic;

/// Longest single line that can still be a heading: longer lines are
/// sentences that merely lack final punctuation.
const MAX_HEADING_CHARS: usize = 120;

const BULLETS: [char; 4] = ['•', '·', '-', '*'];

/// Sentence-ending punctuation (Latin, CJK and Arabic forms) that makes a
/// lone line a paragraph rather than a heading.
const TERMINAL_PUNCTUATION: [char; 16] = [
    '.', '!', '?', '…', ':', ';', ',', '。', '！', '？', '：', '；', '，', '،', '؛', '؟',
];

/// Looked past when deciding whether a line ends a sentence, so that
/// `He said “no.”` is still a sentence.
const CLOSERS: [char; 10] = ['"', '”', '’', '\'', '»', ')', ']', '›', '」', '』'];

/// Separators people put between metadata fields on one line; they belong to
/// no value.
const FIELD_SEPARATORS: [char; 7] = ['•', '·', '|', ';', ',', '—', '–'];

/// The `Publish date` example named in the missing-date error, kept in one
/// place so the message and the tests agree.
const MISSING_DATE: &str =
    "missing publish date: expected a line such as `Publish date: 1 September 2025`";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Key {
    Published,
    ReadingTime,
    Updated,
    Author,
    Tags,
    Id,
    Draft,
    Language,
    // Podcast episode fields, as in Markdown front matter.
    Enclosure,
    Duration,
    Episode,
    Season,
    EpisodeType,
    Explicit,
    Image,
    Transcript,
    Chapters,
}

impl Key {
    fn label(self) -> &'static str {
        match self {
            Key::Published => "Publish date:",
            Key::ReadingTime => "Reading time:",
            Key::Updated => "Updated:",
            Key::Author => "Author:",
            Key::Tags => "Tags:",
            Key::Id => "Id:",
            Key::Draft => "Draft:",
            Key::Language => "Language:",
            Key::Enclosure => "Enclosure:",
            Key::Duration => "Duration:",
            Key::Episode => "Episode:",
            Key::Season => "Season:",
            Key::EpisodeType => "Episode type:",
            Key::Explicit => "Explicit:",
            Key::Image => "Image:",
            Key::Transcript => "Transcript:",
            Key::Chapters => "Chapters:",
        }
    }
}

/// Spellings of each key as words; any run of whitespace (including
/// non-breaking spaces) may separate the words and precede the colon.
const KEY_SPELLINGS: [(&[&str], Key); 18] = [
    (&["publish", "date"], Key::Published),
    (&["reading", "time"], Key::ReadingTime),
    (&["updated"], Key::Updated),
    (&["author"], Key::Author),
    (&["by"], Key::Author),
    (&["tags"], Key::Tags),
    (&["id"], Key::Id),
    (&["draft"], Key::Draft),
    (&["language"], Key::Language),
    (&["enclosure"], Key::Enclosure),
    (&["duration"], Key::Duration),
    (&["episode", "type"], Key::EpisodeType),
    (&["episode"], Key::Episode),
    (&["season"], Key::Season),
    (&["explicit"], Key::Explicit),
    (&["image"], Key::Image),
    (&["transcript"], Key::Transcript),
    (&["chapters"], Key::Chapters),
];

/// A known key found in a line: where it starts, where its value starts.
#[derive(Debug, Clone, Copy)]
struct KeyHit {
    key: Key,
    start: usize,
    value_start: usize,
}

/// Reads one plain-text record. `path` is only for messages; `slug` comes
/// from the caller. Never panics: every problem becomes a diagnostic, and
/// `record` is `Some` only when none of them is an error.
#[must_use]
pub fn parse(path: &Path, slug: String, text: &str, tz: chrono_tz::Tz) -> Parsed {
    // The BOM sits on line 1, so removing it shifts no line number.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = split_lines(text);
    let mut parser = Parser {
        path,
        tz,
        diagnostics: Vec::new(),
        header: Header::default(),
        related: Vec::new(),
        blocks: Vec::new(),
    };

    let Some(first) = lines.iter().position(|l| !is_blank(l)) else {
        parser.error(1, "missing title: the file has no text");
        return Parsed {
            diagnostics: parser.diagnostics,
            ..Parsed::default()
        };
    };
    let first_text = lines[first];
    let (title, header_start) = if starts_with_key(first_text) || is_related_heading(first_text) {
        // Better one clear message than reading metadata as the title and
        // then reporting a confusing missing date.
        parser.error(
            first + 1,
            format!(
                "missing title: the first line `{}` is metadata; put the article's title on a line of its own above it",
                trim(first_text)
            ),
        );
        (None, first)
    } else {
        (Some(trim(first_text).to_owned()), first + 1)
    };

    parser.read_rest(&lines, header_start);
    parser.finish(path, slug, title, &lines)
}

#[derive(Default)]
struct Header {
    published_line: Option<usize>,
    date: Option<DateTime<FixedOffset>>,
    updated_line: Option<usize>,
    updated: Option<DateTime<FixedOffset>>,
    reading_time_line: Option<usize>,
    reading_time: Option<u32>,
    authors: Vec<Author>,
    tags: Vec<String>,
    id_line: Option<usize>,
    id: Option<String>,
    draft_line: Option<usize>,
    draft: bool,
    language_line: Option<usize>,
    language: Option<String>,
    /// The line that ended the metadata (the first after the title with no
    /// known key), to point at a mistyped date label such as `Published:`.
    metadata_end: Option<usize>,
    episode: crate::input::record::Episode,
    image: Option<String>,
    image_line: usize,
    /// Lines of the single-valued podcast keys, to report a second one.
    podcast_lines: std::collections::HashMap<Key, usize>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Zone {
    Header,
    Related,
    Body,
}

struct Parser<'a> {
    path: &'a Path,
    tz: chrono_tz::Tz,
    diagnostics: Vec<Diagnostic>,
    header: Header,
    related: Vec<Reference>,
    /// Body blocks as raw lines (indentation kept: it tells list-item
    /// continuations from new paragraphs).
    blocks: Vec<Vec<&'a str>>,
}

impl<'a> Parser<'a> {
    fn error(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::error(self.path, Some(line), message));
    }

    fn warning(&mut self, line: usize, message: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::warning(self.path, Some(line), message));
    }

    fn read_rest(&mut self, lines: &[&'a str], start: usize) {
        let mut zone = Zone::Header;
        let mut block: Vec<&'a str> = Vec::new();
        let mut related_start = 0;
        for (index, &line) in lines.iter().enumerate().skip(start) {
            let number = index + 1;
            if is_blank(line) {
                if zone == Zone::Related {
                    self.end_related(related_start, number);
                    zone = Zone::Body;
                }
                if !block.is_empty() {
                    self.blocks.push(std::mem::take(&mut block));
                }
                continue;
            }
            if zone != Zone::Related && is_related_heading(line) {
                // A `Related articles` line ends whatever paragraph it
                // interrupts, wherever it appears.
                if !block.is_empty() {
                    self.blocks.push(std::mem::take(&mut block));
                }
                zone = Zone::Related;
                related_start = number;
                continue;
            }
            match zone {
                Zone::Header => {
                    let hits = find_keys(line);
                    if hits.is_empty() {
                        self.header.metadata_end = Some(number);
                        zone = Zone::Body;
                        block.push(line);
                    } else {
                        self.read_metadata(line, number, &hits);
                    }
                }
                Zone::Related => {
                    let text = strip_bullet(trim(line));
                    if !text.is_empty() {
                        self.related.push(Reference {
                            text: text.to_owned(),
                            line: number,
                        });
                    }
                }
                Zone::Body => block.push(line),
            }
        }
        if zone == Zone::Related {
            self.end_related(related_start, lines.len() + 1);
        }
        if !block.is_empty() {
            self.blocks.push(block);
        }
    }

    /// Warns about a `Related articles` heading that lists nothing: the
    /// titles were most likely separated from it by a blank line and have
    /// silently become body text.
    fn end_related(&mut self, heading_line: usize, end_line: usize) {
        let listed = self
            .related
            .iter()
            .any(|r| r.line > heading_line && r.line < end_line);
        if !listed {
            self.warning(
                heading_line,
                "`Related articles` lists no titles: they must follow it directly, one per line, up to a blank line",
            );
        }
    }

    fn read_metadata(&mut self, line: &str, number: usize, hits: &[KeyHit]) {
        let Some(first) = hits.first() else {
            return;
        };
        // Bullets and separators before the first key are layout, not text;
        // the bullet is not required to be followed by a space here
        // (`•Publish date:` is still a bullet).
        let before = line
            .get(..first.start)
            .unwrap_or_default()
            .trim_matches(|c: char| {
                is_space(c) || BULLETS.contains(&c) || FIELD_SEPARATORS.contains(&c)
            });
        if !before.is_empty() {
            self.warning(
                number,
                format!(
                    "ignored `{before}` before `{}` on a metadata line",
                    first.key.label()
                ),
            );
        }
        for (i, hit) in hits.iter().enumerate() {
            let end = hits.get(i + 1).map_or(line.len(), |next| next.start);
            let value = clean_value(line.get(hit.value_start..end).unwrap_or_default());
            self.read_field(hit.key, value, number);
        }
    }

    fn read_field(&mut self, key: Key, value: &str, number: usize) {
        match key {
            Key::Published => {
                if let Some(date) = self.read_date(key, value, number) {
                    self.header.date = Some(date);
                }
            }
            Key::Updated => {
                if let Some(date) = self.read_date(key, value, number) {
                    self.header.updated = Some(date);
                }
            }
            Key::ReadingTime => {
                if self.check_duplicate(key, number) {
                    return;
                }
                self.header.reading_time_line = Some(number);
                match parse_minutes(value) {
                    Some(minutes) => self.header.reading_time = Some(minutes),
                    None => self.warning(
                        number,
                        format!(
                            "cannot read reading time `{value}`; expected minutes such as `5 min read` or `two min read`"
                        ),
                    ),
                }
            }
            // Several `Author:` or `Tags:` lines add up: writing one person
            // or a few tags per line is a natural way to list them.
            Key::Author => self
                .header
                .authors
                .extend(split_authors(value).map(|name| Author {
                    name: name.to_owned(),
                    email: None,
                    uri: None,
                })),
            Key::Tags => self
                .header
                .tags
                .extend(split_list(value).map(str::to_owned)),
            Key::Enclosure
            | Key::Duration
            | Key::Episode
            | Key::Season
            | Key::EpisodeType
            | Key::Explicit
            | Key::Image
            | Key::Transcript
            | Key::Chapters => {
                if self.check_duplicate(key, number) {
                    return;
                }
                self.header.podcast_lines.insert(key, number);
                if let Err(message) = self.read_podcast_field(key, value, number) {
                    self.error(number, message);
                }
            }
            // As `draft = true` in front matter: `new --txt` writes
            // `Draft: yes` so that a fresh record is not published at once.
            Key::Draft => {
                if self.check_duplicate(key, number) {
                    return;
                }
                self.header.draft_line = Some(number);
                match value.to_ascii_lowercase().as_str() {
                    "yes" | "true" => self.header.draft = true,
                    "no" | "false" => self.header.draft = false,
                    _ => self.error(
                        number,
                        format!("`Draft:` must be `yes` or `no`, not {value:?}"),
                    ),
                }
            }
            // As `language` in front matter: a desk that files stories in
            // several languages marks each, for `xml:lang` and the
            // per-language feeds.
            Key::Language => self.read_language(value, number),
            // Lets a plain-text record pin its id, as `id` does in front
            // matter, when its link changes after publication.
            Key::Id => {
                if self.check_duplicate(key, number) {
                    return;
                }
                self.header.id_line = Some(number);
                match crate::input::frontmatter::check_id(value) {
                    Ok(()) => {
                        if let Some(canonical) = crate::util::canonical_uri(value) {
                            self.warning(
                                number,
                                crate::input::frontmatter::non_canonical_id(value, &canonical),
                            );
                        }
                        self.header.id = Some(value.to_owned());
                    }
                    Err(message) => self.error(number, message),
                }
            }
        }
    }

    /// `Enclosure: URL [type] [length]`, `Transcript: URL [type]`, and the
    /// one-value podcast keys.
    fn read_podcast_field(&mut self, key: Key, value: &str, number: usize) -> Result<(), String> {
        let episode = &mut self.header.episode;
        let label = key.label();
        let whole_number = |text: &str| {
            text.parse::<u32>()
                .ok()
                .filter(|n| *n >= 1)
                .ok_or_else(|| format!("`{label}` {text:?} must be a number from 1 up"))
        };
        match key {
            Key::Enclosure => {
                let mut words = value.split_whitespace();
                let url = words.next().ok_or_else(|| format!("`{label}` is empty"))?;
                let mut spec = crate::input::record::EnclosureSpec {
                    url: url.to_owned(),
                    mime_type: None,
                    length: None,
                    line: number,
                };
                for word in words {
                    if let Ok(length) = word.parse::<u64>() {
                        spec.length = Some(length);
                    } else if word.contains('/') {
                        spec.mime_type = Some(word.to_owned());
                    } else {
                        return Err(format!(
                            "cannot read `{word}` in `{label}`: write `Enclosure: URL [type] [length in bytes]`"
                        ));
                    }
                }
                episode.enclosure = Some(spec);
            }
            Key::Duration => episode.duration = Some(crate::input::episode::parse_duration(value)?),
            Key::Episode => episode.number = Some(whole_number(value)?),
            Key::Season => episode.season = Some(whole_number(value)?),
            Key::EpisodeType => {
                let kind = value.to_lowercase();
                if !crate::input::episode::EPISODE_TYPES.contains(&kind.as_str()) {
                    return Err(format!(
                        "`{label}` {value:?} must be full, trailer or bonus"
                    ));
                }
                episode.episode_type = Some(kind);
            }
            Key::Explicit => {
                episode.explicit = Some(match value.to_lowercase().as_str() {
                    "yes" | "true" => true,
                    "no" | "false" | "clean" => false,
                    _ => return Err(format!("`{label}` {value:?} must be yes or no")),
                });
            }
            Key::Image => {
                self.header.image = Some(value.to_owned());
                self.header.image_line = number;
            }
            Key::Transcript | Key::Chapters => {
                let mut words = value.split_whitespace();
                let written = words.next().unwrap_or_default();
                let url = crate::util::web_url_for_feed(written)
                    .map(String::from)
                    .map_err(|why| format!("`{label}` {written:?}: {why}"))?;
                let url = url.as_str();
                if key == Key::Chapters {
                    episode.chapters = Some(url.to_owned());
                } else {
                    let mime_type = words.next();
                    if let Some(mime_type) = mime_type {
                        crate::input::uri::check_mime_type(mime_type)
                            .map_err(|message| format!("`{label}` type {message}"))?;
                    }
                    episode.transcript = Some(crate::input::record::Transcript {
                        url: url.to_owned(),
                        mime_type: mime_type.map(str::to_owned),
                    });
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Reports a second occurrence of a single-valued key; true when `key`
    /// was already given.
    fn read_language(&mut self, value: &str, number: usize) {
        if self.check_duplicate(Key::Language, number) {
            return;
        }
        self.header.language_line = Some(number);
        if crate::util::is_language_tag(value) {
            self.header.language = Some(value.to_owned());
        } else {
            self.error(
                number,
                format!(
                    "`Language:` {value:?} is not a language tag (one starting with an ISO 639 language code); expected one such as `en` or `pt-BR`"
                ),
            );
        }
    }

    fn check_duplicate(&mut self, key: Key, number: usize) -> bool {
        let first = match key {
            Key::Published => self.header.published_line,
            Key::Updated => self.header.updated_line,
            Key::ReadingTime => self.header.reading_time_line,
            Key::Id => self.header.id_line,
            Key::Draft => self.header.draft_line,
            Key::Language => self.header.language_line,
            Key::Author | Key::Tags => None,
            podcast_key => self.header.podcast_lines.get(&podcast_key).copied(),
        };
        if let Some(first) = first {
            self.error(
                number,
                format!("duplicate `{}` (first given on line {first})", key.label()),
            );
            return true;
        }
        false
    }

    fn read_date(&mut self, key: Key, value: &str, number: usize) -> Option<DateTime<FixedOffset>> {
        if self.check_duplicate(key, number) {
            return None;
        }
        let what = if key == Key::Published {
            self.header.published_line = Some(number);
            "publish date"
        } else {
            self.header.updated_line = Some(number);
            "updated date"
        };
        if value.is_empty() {
            self.error(
                number,
                format!("empty {what}: `{}` has no date after it", key.label()),
            );
            return None;
        }
        match dates::parse_date(value, self.tz) {
            Ok(parsed) => {
                if let Some(warning) = parsed.warning {
                    self.warning(number, warning);
                }
                Some(parsed.instant)
            }
            Err(message) => {
                self.error(number, format!("unreadable {what}: {message}"));
                None
            }
        }
    }

    fn finish(
        mut self,
        path: &Path,
        slug: String,
        title: Option<String>,
        lines: &[&str],
    ) -> Parsed {
        if self.header.published_line.is_none() {
            let mut message = MISSING_DATE.to_owned();
            // The commonest cause is a date written below the body's start,
            // so point at it rather than leave the author guessing.
            if let Some(found) = lines
                .iter()
                .position(|l| find_keys(l).iter().any(|hit| hit.key == Key::Published))
            {
                let _ = write!(
                    message,
                    " (line {} has one, but metadata must come between the title and the body or `Related articles`)",
                    found + 1
                );
                self.error(1, message);
            } else if let Some((line, column, label)) = self.misnamed_date_label(lines) {
                // `Published: …` is no key, so it ended the metadata: say so
                // on its own line rather than on the title's.
                self.diagnostics.push(
                    Diagnostic::error(
                        self.path,
                        Some(line),
                        format!(
                            "missing publish date: `{label}:` is not a metadata key, so the metadata ends on this line"
                        ),
                    )
                    .with_column(column, label.chars().count() + 1)
                    .with_hint("write the date as `Publish date: 1 September 2025`"),
                );
            } else {
                self.error(1, message);
            }
        }
        let body = render_body(&self.blocks);
        let has_error = self.diagnostics.iter().any(Diagnostic::is_error);
        let record = match (has_error, title, self.header.date) {
            (false, Some(title), Some(date)) => Some(Record {
                path: path.to_path_buf(),
                slug,
                slug_line: 1,
                title,
                date,
                updated: self.header.updated,
                id: self.header.id.take(),
                id_line: self.header.id_line.unwrap_or(1),
                url: None,
                url_line: 1,
                related: self.related,
                draft: self.header.draft,
                folder: String::new(),
                link_categories: Box::default(),
                details: Some(Box::new(crate::input::record::Details {
                    summary: None,
                    excerpt_separator: None,
                    tags: self.header.tags,
                    authors: self.header.authors,
                    body: Body::Html(body),
                    // Every text of a plain-text body is escaped, so no
                    // problem is ever located in it.
                    body_line: 1,
                    image_line: self.header.image_line.max(1),
                    reading_time: self.header.reading_time,
                    language: self.header.language.take(),
                    translation: None,
                    episode: std::mem::take(&mut self.header.episode),
                    image: self.header.image.take(),
                })),
                facets: None,
                stamp: None,
            }),
            _ => None,
        };
        Parsed {
            record,
            diagnostics: self.diagnostics,
            ..Parsed::default()
        }
    }
}

impl Parser<'_> {
    /// The line that ended the metadata, when it starts with a label that
    /// looks like a date's (`Published:`, `Date:`, `Posted on:` …): its
    /// number, the label's 1-based column, and the label.
    fn misnamed_date_label<'t>(&self, lines: &[&'t str]) -> Option<(usize, usize, &'t str)> {
        let number = self.header.metadata_end?;
        let line = lines.get(number - 1)?;
        let text = strip_bullet(trim(line));
        let (label, _) = text.split_once(':')?;
        let label = label.trim_end();
        let words: Vec<String> = label.split_whitespace().map(str::to_lowercase).collect();
        let date_like = !words.is_empty()
            && words.len() <= 3
            && words.iter().any(|word| {
                matches!(
                    word.as_str(),
                    "published"
                        | "publish"
                        | "publication"
                        | "date"
                        | "dated"
                        | "posted"
                        | "pubdate"
                )
            });
        if !date_like {
            return None;
        }
        let offset = line.find(label).unwrap_or(0);
        let column = line
            .get(..offset)
            .map_or(1, |before| before.chars().count() + 1);
        Some((number, column, label))
    }
}

/// Splits on `\n`, `\r\n` and lone `\r`; a final line end adds no empty line.
fn split_lines(text: &str) -> Vec<&str> {
    let mut lines = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(['\r', '\n']) {
        lines.push(&rest[..at]);
        let skip = if rest[at..].starts_with("\r\n") { 2 } else { 1 };
        rest = &rest[at + skip..];
    }
    if !rest.is_empty() {
        lines.push(rest);
    }
    lines
}

/// Unicode whitespace covers U+00A0 and U+202F, which pasted news text is
/// full of; a stray BOM from concatenated files is invisible too.
fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}'
}

fn trim(s: &str) -> &str {
    s.trim_matches(is_space)
}

fn is_blank(s: &str) -> bool {
    s.chars().all(is_space)
}

/// The item text of a bullet line (`• text`), if `line` is one. The bullet
/// must be followed by whitespace so that `-5°C` or `*Note*` stay text.
fn bullet_item(line: &str) -> Option<&str> {
    let t = line.trim_start_matches(is_space);
    let mut chars = t.chars();
    let bullet = chars.next().filter(|c| BULLETS.contains(c))?;
    let rest = &t[bullet.len_utf8()..];
    rest.starts_with(is_space).then(|| trim(rest))
}

fn strip_bullet(s: &str) -> &str {
    bullet_item(s).unwrap_or(s)
}

fn clean_value(s: &str) -> &str {
    s.trim_matches(|c: char| is_space(c) || FIELD_SEPARATORS.contains(&c))
}

/// Matches `words` case-insensitively at the start of `s`, separated by
/// whitespace; returns the byte length matched.
fn match_words(s: &str, words: &[&str]) -> Option<usize> {
    let mut at = 0;
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let gap = s[at..].len() - s[at..].trim_start_matches(is_space).len();
            if gap == 0 {
                return None;
            }
            at += gap;
        }
        // Keys are ASCII, so a byte match ends on a char boundary.
        let candidate = s.as_bytes().get(at..at + word.len())?;
        if !candidate.eq_ignore_ascii_case(word.as_bytes()) {
            return None;
        }
        at += word.len();
    }
    Some(at)
}

/// A key with its colon at the start of `s`; returns the key and the byte
/// length up to and including the colon.
fn key_at(s: &str) -> Option<(Key, usize)> {
    KEY_SPELLINGS.iter().find_map(|&(words, key)| {
        let end = match_words(s, words)?;
        let after = s[end..].trim_start_matches(is_space);
        let colon = after.strip_prefix(':')?;
        Some((key, s.len() - colon.len()))
    })
}

/// Every known key in `line`, in order. A key counts only at a word start,
/// so `Standby:` holds no `By:`.
fn find_keys(line: &str) -> Vec<KeyHit> {
    let mut hits = Vec::new();
    let mut previous: Option<char> = None;
    let mut resume = 0;
    for (at, c) in line.char_indices() {
        let at_word_start = previous.is_none_or(|p| !p.is_alphanumeric());
        previous = Some(c);
        if at < resume || !at_word_start {
            continue;
        }
        if let Some((key, len)) = key_at(&line[at..]) {
            hits.push(KeyHit {
                key,
                start: at,
                value_start: at + len,
            });
            resume = at + len;
        }
    }
    hits
}

/// Stricter than `find_keys`: used on the would-be title, where `Stand by:`
/// in the middle of a headline must not make it metadata.
fn starts_with_key(line: &str) -> bool {
    key_at(line.trim_start_matches(|c: char| is_space(c) || BULLETS.contains(&c))).is_some()
}

fn is_related_heading(line: &str) -> bool {
    let t = trim(line);
    let t = t.strip_suffix(':').map_or(t, trim);
    match_words(t, &["related", "articles"]) == Some(t.len())
}

/// Splits on `,`, `and` and `&`, trimmed, empties dropped.
fn split_authors(value: &str) -> impl Iterator<Item = &str> {
    split_list(value).flat_map(|part| {
        let mut names = Vec::new();
        let mut rest = part;
        while let Some((start, end)) = find_conjunction(rest) {
            names.push(trim(&rest[..start]));
            rest = &rest[end..];
        }
        names.push(trim(rest));
        names.into_iter().filter(|n| !n.is_empty())
    })
}

/// The first ` and ` or ` & ` in `s` (any whitespace around it, any case);
/// returns the byte range to cut out.
fn find_conjunction(s: &str) -> Option<(usize, usize)> {
    let mut previous_space = false;
    for (at, c) in s.char_indices() {
        if previous_space {
            let rest = &s[at..];
            let word = match_words(rest, &["and"]).or_else(|| rest.starts_with('&').then_some(1));
            if let Some(len) = word.filter(|&len| rest[len..].starts_with(is_space)) {
                return Some((at, at + len));
            }
        }
        previous_space = is_space(c);
    }
    None
}

/// Comma-separated items (ASCII, Arabic and CJK commas), trimmed, empties
/// dropped.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    value
        .split([',', '،', '、', '，'])
        .map(trim)
        .filter(|s| !s.is_empty())
}

/// Minutes from `12 minutes`, `two min read`, `twenty-five min`, `an hour`,
/// `1 hr 5 min`, `5`. `None` for anything else; the caller only warns.
fn parse_minutes(value: &str) -> Option<u32> {
    let lower = value.to_lowercase();
    let lower = lower.trim_start_matches(['~', '≈']);
    let tokens: Vec<&str> = lower
        .split(|c: char| is_space(c) || c == '-' || c == ',')
        .filter(|t| !t.is_empty())
        .flat_map(split_number_unit)
        .collect();
    let mut i = 0;
    while matches!(
        tokens.get(i).copied(),
        Some("about" | "around" | "approx" | "approx." | "approximately" | "roughly")
    ) {
        i += 1;
    }
    let mut total: Option<u32> = None;
    while let Some((count, used)) = number_at(tokens.get(i..).unwrap_or_default()) {
        let article = matches!(tokens.get(i).copied(), Some("a" | "an"));
        i += used;
        let per_unit = match tokens.get(i).copied() {
            Some("min" | "mins" | "min." | "minute" | "minutes" | "m") => {
                i += 1;
                1
            }
            Some("hour" | "hours" | "hr" | "hrs" | "h") => {
                i += 1;
                60
            }
            // A bare number at the end means minutes: that is the unit the
            // field is about. A bare `a` is no number at all.
            None if !article => 1,
            _ => return None,
        };
        let minutes = count.checked_mul(per_unit)?;
        total = Some(total.unwrap_or(0).checked_add(minutes)?);
        if matches!(tokens.get(i).copied(), Some("and")) {
            i += 1;
        }
    }
    while matches!(tokens.get(i).copied(), Some("read" | "reading" | "long")) {
        i += 1;
    }
    if i == tokens.len() { total } else { None }
}

/// Splits `5min` into `5`, `min` so glued forms read like spaced ones.
fn split_number_unit(token: &str) -> Vec<&str> {
    let digits = token.len() - token.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits == token.len() {
        vec![token]
    } else {
        vec![&token[..digits], &token[digits..]]
    }
}

/// A number in digits or English words (`a`/`an` = 1, up to ninety-nine) at
/// the start of `tokens`; returns it and the tokens used.
fn number_at(tokens: &[&str]) -> Option<(u32, usize)> {
    const UNITS: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    let first = *tokens.first()?;
    if first.bytes().all(|b| b.is_ascii_digit()) {
        return first.parse().ok().map(|n| (n, 1));
    }
    if first == "a" || first == "an" {
        return Some((1, 1));
    }
    let position = |list: &[&str], word: &str| {
        list.iter()
            .position(|w| *w == word)
            .and_then(|p| u32::try_from(p).ok())
    };
    if let Some(n) = position(&UNITS, first) {
        return Some((n, 1));
    }
    let tens = position(&TENS, first)?;
    let tens = (tens + 2) * 10;
    match tokens.get(1).and_then(|w| position(&UNITS, w)) {
        Some(unit @ 1..=9) => Some((tens + unit, 2)),
        _ => Some((tens, 1)),
    }
}

fn is_heading(line: &str) -> bool {
    if line.chars().count() > MAX_HEADING_CHARS {
        return false;
    }
    let core = line.trim_end_matches(|c: char| CLOSERS.contains(&c) || is_space(c));
    core.chars()
        .next_back()
        .is_some_and(|last| !TERMINAL_PUNCTUATION.contains(&last))
}

fn render_body(blocks: &[Vec<&str>]) -> String {
    let mut html: Vec<String> = Vec::new();
    for block in blocks {
        render_block(block, &mut html);
    }
    html.join("\n")
}

fn render_block(block: &[&str], html: &mut Vec<String>) {
    if let [line] = block
        && bullet_item(line).is_none()
        && is_heading(trim(line))
    {
        html.push(format!("<h2>{}</h2>", escape(trim(line))));
        return;
    }
    let mut paragraph: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    for &line in block {
        if let Some(item) = bullet_item(line) {
            flush_paragraph(&mut paragraph, html);
            items.push(item.to_owned());
        } else if line.starts_with(is_space) && !items.is_empty() {
            // An indented line under a bullet is that item wrapped; an
            // unindented one is back to prose.
            if let Some(last) = items.last_mut() {
                if !last.is_empty() {
                    last.push(' ');
                }
                last.push_str(trim(line));
            }
        } else {
            flush_list(&mut items, html);
            paragraph.push(trim(line));
        }
    }
    flush_paragraph(&mut paragraph, html);
    flush_list(&mut items, html);
}

fn flush_paragraph(paragraph: &mut Vec<&str>, html: &mut Vec<String>) {
    if !paragraph.is_empty() {
        html.push(format!("<p>{}</p>", escape(&paragraph.join(" "))));
        paragraph.clear();
    }
}

fn flush_list(items: &mut Vec<String>, html: &mut Vec<String>) {
    // `•` followed only by spaces is an empty item: nothing to show.
    let mut list = String::new();
    for item in items.drain(..).filter(|i| !i.is_empty()) {
        list.push_str("<li>");
        list.push_str(&escape(&item));
        list.push_str("</li>");
    }
    if !list.is_empty() {
        html.push(format!("<ul>{list}</ul>"));
    }
}

/// The same five escapes as `pulldown_cmark`'s `escape_html`, which 0.13 no
/// longer exposes publicly; safe in text and in quoted attributes alike.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::diagnostic::Severity;
    use chrono::{TimeZone, Utc};
    use proptest::prelude::*;

    /// Same layout as the canonical seed record, own words.
    const SAMPLE: &str = "\u{201c}Harbour Council\u{201d} Approves Tidal Barrier Plan \u{2013} Live Updates
\n  \u{2022} Publish date: Monday\u{060c} 01 September 2025 Reading time: two min read
Related articles
City Library Extends Opening Hours for Autumn
Rail Strike Talks Resume After Summer Break
Local Bakery Wins Regional Bread Award

The harbour council voted on Thursday to approve a long-debated tidal barrier. Supporters say it will protect homes for decades.

Why the Vote Matters

Engineers warned that storm surges have grown more frequent, and the council\u{2019}s own report called the risk \u{201c}unacceptable\u{201d}.

What Happens Next

Construction is expected to begin next spring\u{2014}pending final funding.";

    const SAMPLE_BODY: &str = "<p>The harbour council voted on Thursday to approve a long-debated tidal barrier. Supporters say it will protect homes for decades.</p>
<h2>Why the Vote Matters</h2>
<p>Engineers warned that storm surges have grown more frequent, and the council\u{2019}s own report called the risk \u{201c}unacceptable\u{201d}.</p>
<h2>What Happens Next</h2>
<p>Construction is expected to begin next spring\u{2014}pending final funding.</p>";

    fn run_in(text: &str, tz: chrono_tz::Tz) -> Parsed {
        parse(
            Path::new("articles/harbour.txt"),
            "harbour".to_owned(),
            text,
            tz,
        )
    }

    fn run(text: &str) -> Parsed {
        run_in(text, chrono_tz::UTC)
    }

    fn ok(text: &str) -> Record {
        let parsed = run(text);
        assert!(
            parsed.diagnostics.iter().all(|d| !d.is_error()),
            "{:#?}",
            parsed.diagnostics
        );
        parsed.record.expect("a record when there is no error")
    }

    fn html(record: &Record) -> &str {
        match &record.details().body {
            Body::Html(html) => html,
            Body::Markdown(_) | Body::NotLoaded => panic!("plain text must give HTML"),
        }
    }

    /// The only error, asserting there is exactly one and no record.
    fn only_error(text: &str) -> Diagnostic {
        let parsed = run(text);
        assert!(parsed.record.is_none());
        let errors: Vec<_> = parsed
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        assert_eq!(errors.len(), 1, "{errors:#?}");
        errors.into_iter().next().expect("one error")
    }

    fn with_title(rest: &str) -> String {
        format!("Title\n{rest}")
    }

    #[test]
    fn sample_layout_reads_every_field() {
        let parsed = run(SAMPLE);
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        let record = parsed.record.expect("record");
        assert_eq!(
            record.title,
            "\u{201c}Harbour Council\u{201d} Approves Tidal Barrier Plan \u{2013} Live Updates"
        );
        assert_eq!(
            record.date,
            Utc.with_ymd_and_hms(2025, 9, 1, 0, 0, 0).unwrap()
        );
        assert_eq!(record.date.offset().local_minus_utc(), 0);
        assert_eq!(record.details().reading_time, Some(2));
        let related: Vec<(&str, usize)> = record
            .related
            .iter()
            .map(|r| (r.text.as_str(), r.line))
            .collect();
        assert_eq!(
            related,
            [
                ("City Library Extends Opening Hours for Autumn", 5),
                ("Rail Strike Talks Resume After Summer Break", 6),
                ("Local Bakery Wins Regional Bread Award", 7),
            ]
        );
        assert_eq!(html(&record), SAMPLE_BODY);
        assert_eq!(record.path, Path::new("articles/harbour.txt"));
        assert_eq!(record.slug, "harbour");
        assert_eq!(
            (record.slug_line, record.id_line, record.url_line),
            (1, 1, 1)
        );
        assert!(record.updated.is_none() && record.id.is_none() && record.url.is_none());
        assert!(
            record.details().summary.is_none() && record.details().image.is_none() && !record.draft
        );
        assert!(record.details().tags.is_empty() && record.details().authors.is_empty());
    }

    #[test]
    fn date_without_time_is_midnight_in_the_site_zone() {
        let record = run_in(SAMPLE, chrono_tz::Europe::Lisbon)
            .record
            .expect("record");
        assert_eq!(record.date.to_rfc3339(), "2025-09-01T00:00:00+01:00");
        assert_eq!(
            record.date,
            Utc.with_ymd_and_hms(2025, 8, 31, 23, 0, 0).unwrap()
        );
    }

    #[test]
    fn crlf_cr_bom_and_final_newline_change_nothing() {
        let plain = ok(SAMPLE);
        let variants = [
            format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n")),
            SAMPLE.replace('\n', "\r"),
            format!("{SAMPLE}\n"),
            format!("\u{feff}{SAMPLE}\r\n\r\n"),
        ];
        for text in variants {
            assert_eq!(ok(&text), plain, "{text:?}");
        }
    }

    #[test]
    fn bom_keeps_line_numbers() {
        let error = only_error("\u{feff}Title\r\nPublish date: someday\r\n");
        assert_eq!(error.line, Some(2));
    }

    #[test]
    fn keys_on_their_own_lines_in_any_case() {
        let record = ok(&with_title(
            "PUBLISH DATE: 2025-09-01\nreading TIME: 12 minutes\nBy: Ana Lima and Kenji Sato\nTags: harbour, , council ,\nUpdated: 2025-09-02T10:30:00+02:00\n\nBody text.",
        ));
        assert_eq!(record.date.to_rfc3339(), "2025-09-01T00:00:00+00:00");
        assert_eq!(
            record.updated.map(|u| u.to_rfc3339()),
            Some("2025-09-02T10:30:00+02:00".to_owned())
        );
        assert_eq!(record.details().reading_time, Some(12));
        let names: Vec<&str> = record
            .details()
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Ana Lima", "Kenji Sato"]);
        assert!(
            record
                .details()
                .authors
                .iter()
                .all(|a| a.email.is_none() && a.uri.is_none())
        );
        assert_eq!(record.details().tags, ["harbour", "council"]);
        assert_eq!(html(&record), "<p>Body text.</p>");
    }

    #[test]
    fn several_keys_share_a_line_in_any_order() {
        let parsed = run(&with_title(
            "- Author: Ana Lima, Kenji Sato & Li Wei Publish date: 2025-09-01 | Tags: a, b Reading time: 3 min",
        ));
        assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
        let record = parsed.record.expect("record");
        let names: Vec<&str> = record
            .details()
            .authors
            .iter()
            .map(|a| a.name.as_str())
            .collect();
        assert_eq!(names, ["Ana Lima", "Kenji Sato", "Li Wei"]);
        assert_eq!(record.details().tags, ["a", "b"]);
        assert_eq!(record.details().reading_time, Some(3));
        assert_eq!(record.date.to_rfc3339(), "2025-09-01T00:00:00+00:00");
    }

    #[test]
    fn non_breaking_spaces_count_as_whitespace() {
        let record = ok(
            "\u{a0} Title\u{a0}\u{202f}\n\u{a0}\u{2022}\u{a0}Publish\u{a0}date\u{202f}:\u{a0}2025-09-01\u{a0}Reading\u{a0}time:\u{202f}5\u{a0}min\u{a0}\n\u{a0}\nBody.",
        );
        assert_eq!(record.title, "Title");
        assert_eq!(record.details().reading_time, Some(5));
        assert_eq!(html(&record), "<p>Body.</p>");
    }

    #[test]
    fn any_bullet_may_lead_a_metadata_line() {
        for bullet in ["\u{b7}", "-", "*", "\u{2022}"] {
            let parsed = run(&with_title(&format!(
                "  {bullet} Publish date: 2025-09-01\n{bullet} Tags: x\n{bullet}By: Ann"
            )));
            assert!(parsed.diagnostics.is_empty(), "{:#?}", parsed.diagnostics);
            let record = parsed.record.expect("record");
            assert_eq!(record.details().tags, ["x"], "{bullet}");
            assert_eq!(record.details().authors.len(), 1, "{bullet}");
        }
    }

    #[test]
    fn text_before_the_first_key_is_a_warning() {
        let parsed = run(&with_title("Posted | Publish date: 2025-09-01"));
        assert!(parsed.record.is_some());
        let [warning] = parsed.diagnostics.as_slice() else {
            panic!("{:#?}", parsed.diagnostics);
        };
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.line, Some(2));
        assert!(warning.message.contains("`Posted`"), "{}", warning.message);
    }

    #[test]
    fn a_line_without_keys_ends_the_header() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\nSource: Harbour Gazette\nStandby: generators were ready.",
        ));
        assert_eq!(
            html(&record),
            "<p>Source: Harbour Gazette Standby: generators were ready.</p>"
        );
        assert!(record.details().authors.is_empty());
    }

    #[test]
    fn language_gives_the_record_its_language_tag() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01 | Language: pt-BR\n\nBody.",
        ));
        assert_eq!(record.language(), Some("pt-BR"));
        assert_eq!(ok(&with_title("Publish date: 2025-09-01")).language(), None);
        let error = only_error(&with_title(
            "Publish date: 2025-09-01\nLanguage: Portuguese!",
        ));
        assert_eq!(error.line, Some(3));
        assert_eq!(
            error.message,
            "`Language:` \"Portuguese!\" is not a language tag (one starting with an ISO 639 language code); expected one such as `en` or `pt-BR`"
        );
        let twice = only_error(&with_title(
            "Publish date: 2025-09-01\nLanguage: fr\nLanguage: de",
        ));
        assert!(
            twice.message.starts_with("duplicate `Language:`"),
            "{}",
            twice.message
        );
    }

    #[test]
    fn draft_yes_keeps_a_record_out_and_no_or_absent_does_not() {
        assert!(
            ok(&with_title(
                "Publish date: 2025-09-01\n• Draft: yes\n\nBody."
            ))
            .draft
        );
        assert!(ok(&with_title("DRAFT: True | Publish date: 2025-09-01")).draft);
        assert!(!ok(&with_title("Publish date: 2025-09-01\nDraft: no")).draft);
        assert!(!ok(&with_title("Publish date: 2025-09-01")).draft);
        let error = only_error(&with_title("Publish date: 2025-09-01\nDraft: maybe"));
        assert_eq!(error.line, Some(3));
        assert_eq!(
            error.message,
            "`Draft:` must be `yes` or `no`, not \"maybe\""
        );
        let twice = only_error(&with_title(
            "Publish date: 2025-09-01\nDraft: yes\nDraft: no",
        ));
        assert_eq!(twice.line, Some(4));
        assert!(
            twice.message.starts_with("duplicate `Draft:`"),
            "{}",
            twice.message
        );
    }

    /// `Published:` is no key, so it ends the metadata; the error used to
    /// point at the title (line 1).
    #[test]
    fn a_mistyped_date_label_is_reported_on_its_own_line() {
        let error = only_error("Ferry Times\n\n  • Published: 1 September 2025\n\nBody.\n");
        assert_eq!(error.line, Some(3));
        assert_eq!(error.column, Some((5, 10)));
        assert_eq!(
            error.message,
            "missing publish date: `Published:` is not a metadata key, so the metadata ends on this line"
        );
        assert_eq!(
            error.hint.as_deref(),
            Some("write the date as `Publish date: 1 September 2025`")
        );
        let dated = only_error(&with_title("Author: Ann\nDate: 2025-09-01"));
        assert_eq!(dated.line, Some(3));
        // Any other line that ends the metadata is body text, and the
        // missing date stays an error about the record as a whole.
        let other = only_error(&with_title("Source: Harbour Gazette"));
        assert_eq!(other.line, Some(1));
    }

    #[test]
    fn bullets_make_lists_after_a_paragraph() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\n\nThe plan has three parts:\n\u{2022} a wall\n\u{b7} a gate\n  that closes\n- a pump\n* a fund\nAfter the list.\n\n- lone item",
        ));
        assert_eq!(
            html(&record),
            "<p>The plan has three parts:</p>\n<ul><li>a wall</li><li>a gate that closes</li><li>a pump</li><li>a fund</li></ul>\n<p>After the list.</p>\n<ul><li>lone item</li></ul>"
        );
    }

    #[test]
    fn body_text_is_escaped() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\n\nR&D <Lab> \"Notes\"\n\nCosts < 5 & rising, O'Neil said.",
        ));
        assert_eq!(
            html(&record),
            "<h2>R&amp;D &lt;Lab&gt; &quot;Notes&quot;</h2>\n<p>Costs &lt; 5 &amp; rising, O&#39;Neil said.</p>"
        );
    }

    #[test]
    fn rtl_and_cjk_text_is_kept() {
        let record = ok(
            "\u{645}\u{62c}\u{644}\u{633} \u{627}\u{644}\u{645}\u{64a}\u{646}\u{627}\u{621}\nPublish date: 2025-09-01\n\n\u{627}\u{644}\u{62e}\u{637}\u{629} \u{627}\u{644}\u{62c}\u{62f}\u{64a}\u{62f}\u{629}\n\n\u{627}\u{62c}\u{62a}\u{645}\u{639} \u{627}\u{644}\u{645}\u{62c}\u{644}\u{633}\u{61f}\n\n\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8b70}\u{3002}",
        );
        assert_eq!(
            record.title,
            "\u{645}\u{62c}\u{644}\u{633} \u{627}\u{644}\u{645}\u{64a}\u{646}\u{627}\u{621}"
        );
        assert_eq!(
            html(&record),
            "<h2>\u{627}\u{644}\u{62e}\u{637}\u{629} \u{627}\u{644}\u{62c}\u{62f}\u{64a}\u{62f}\u{629}</h2>\n<p>\u{627}\u{62c}\u{62a}\u{645}\u{639} \u{627}\u{644}\u{645}\u{62c}\u{644}\u{633}\u{61f}</p>\n<p>\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8b70}\u{3002}</p>"
        );
    }

    #[test]
    fn headings_are_short_unpunctuated_lone_lines() {
        let long = "word ".repeat(30);
        let cases = [
            ("A Quiet Week", true),
            ("\u{201c}Not Over Yet\u{201d}", true),
            ("It ended.\u{201d}", false),
            ("Why now?", false),
            ("Wait for it\u{2026}", false),
            ("Next steps:", false),
            ("(aside)", true),
            ("\u{201d}", false),
            (long.trim(), false),
        ];
        for (line, heading) in cases {
            let record = ok(&with_title(&format!("Publish date: 2025-09-01\n\n{line}")));
            assert_eq!(html(&record).starts_with("<h2>"), heading, "{line}");
        }
    }

    #[test]
    fn multi_line_blocks_join_with_one_space() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\n\nFirst half\n   second half",
        ));
        assert_eq!(html(&record), "<p>First half second half</p>");
    }

    #[test]
    fn related_block_strips_bullets_and_may_close_the_file() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\n\nBody.\n\nRelated Articles:\n\u{2022} One\n  - Two",
        ));
        let related: Vec<(&str, usize)> = record
            .related
            .iter()
            .map(|r| (r.text.as_str(), r.line))
            .collect();
        assert_eq!(related, [("One", 7), ("Two", 8)]);
        assert_eq!(html(&record), "<p>Body.</p>");
    }

    #[test]
    fn empty_related_block_warns() {
        let parsed = run(&with_title(
            "Publish date: 2025-09-01\nRelated articles\n\nOne",
        ));
        let record = parsed.record.expect("a warning only");
        assert!(record.related.is_empty());
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].line, Some(3));
        assert_eq!(parsed.diagnostics[0].severity, Severity::Warning);
    }

    #[test]
    fn empty_or_blank_file_has_no_title() {
        for text in ["", "\u{feff}", "  \n\u{a0}\r\n\t"] {
            let error = only_error(text);
            assert_eq!(error.line, Some(1));
            assert!(
                error.message.starts_with("missing title"),
                "{}",
                error.message
            );
        }
    }

    #[test]
    fn metadata_as_first_line_is_a_missing_title() {
        let error = only_error("\n  \u{2022} Publish date: 2025-09-01\n\nBody.");
        assert_eq!(error.line, Some(2));
        assert!(
            error.message.starts_with("missing title"),
            "{}",
            error.message
        );
    }

    #[test]
    fn missing_publish_date_is_reported_on_line_1() {
        let error = only_error("Title\n\nBody.");
        assert_eq!(error.line, Some(1));
        assert_eq!(error.message, MISSING_DATE);
        assert_eq!(
            error.to_string(),
            format!("articles/harbour.txt:1: error: {MISSING_DATE}")
        );
    }

    #[test]
    fn missing_publish_date_points_at_a_misplaced_one() {
        let error = only_error("Title\n\nBody.\nPublish date: 2025-09-01");
        assert_eq!(error.line, Some(1));
        assert!(error.message.starts_with(MISSING_DATE));
        assert!(error.message.contains("line 4"), "{}", error.message);
    }

    #[test]
    fn unreadable_publish_date_is_an_error_quoting_it() {
        let error = only_error(&with_title(
            "\n  \u{2022} Publish date: 31 Smarch 2025 Reading time: 2 min\n\nBody.",
        ));
        assert_eq!(error.line, Some(3));
        assert!(
            error.message.contains("\"31 Smarch 2025\""),
            "{}",
            error.message
        );
        assert!(error.message.starts_with("unreadable publish date"));
    }

    #[test]
    fn empty_publish_date_is_an_error() {
        let error = only_error(&with_title("Publish date: Reading time: 2 min"));
        assert_eq!(error.line, Some(2));
        assert!(
            error.message.starts_with("empty publish date"),
            "{}",
            error.message
        );
    }

    #[test]
    fn an_id_line_pins_the_id() {
        let record = ok(&with_title(
            "Publish date: 2025-09-01\nId: tag:news.example.com,2025:pilots\n\nBody.",
        ));
        assert_eq!(
            record.id.as_deref(),
            Some("tag:news.example.com,2025:pilots")
        );
        assert_eq!(record.id_line, 3);
        let error = only_error(&with_title(
            "Publish date: 2025-09-01 Id: not a uri\n\nBody.",
        ));
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("absolute URI"), "{}", error.message);
    }

    #[test]
    fn unreadable_updated_is_an_error() {
        let error = only_error(&with_title("Publish date: 2025-09-01 Updated: later"));
        assert_eq!(error.line, Some(2));
        assert!(error.message.contains("\"later\""), "{}", error.message);
    }

    #[test]
    fn duplicate_key_is_an_error_at_the_second() {
        let error = only_error(&with_title(
            "Publish date: 2025-09-01\nPublish date: 2025-09-02",
        ));
        assert_eq!(error.line, Some(3));
        assert!(error.message.contains("line 2"), "{}", error.message);
        let error = only_error(&with_title(
            "Publish date: 2025-09-01 Reading time: 2 min\nReading time: 3 min",
        ));
        assert_eq!(error.line, Some(3));
    }

    #[test]
    fn weekday_mismatch_is_a_warning() {
        let parsed = run(&with_title(
            "Publish date: Tuesday\u{60c} 01 September 2025",
        ));
        assert!(parsed.record.is_some());
        assert_eq!(parsed.diagnostics.len(), 1);
        assert_eq!(parsed.diagnostics[0].severity, Severity::Warning);
        assert_eq!(parsed.diagnostics[0].line, Some(2));
    }

    #[test]
    fn unreadable_reading_time_is_only_a_warning() {
        let parsed = run(&with_title(
            "Publish date: 2025-09-01\nReading time: a short while\n\nBody.",
        ));
        let record = parsed.record.expect("a warning does not drop the record");
        assert_eq!(record.details().reading_time, None);
        let [warning] = parsed.diagnostics.as_slice() else {
            panic!("{:#?}", parsed.diagnostics);
        };
        assert_eq!(warning.severity, Severity::Warning);
        assert_eq!(warning.line, Some(3));
        assert!(warning.message.contains("`a short while`"));
        assert!(
            warning
                .to_string()
                .starts_with("articles/harbour.txt:3: warning:")
        );
    }

    #[test]
    fn reading_time_forms() {
        let good = [
            ("two min read", 2),
            ("12 minutes", 12),
            ("1 minute", 1),
            ("twenty-five min", 25),
            ("Twenty Five Minutes", 25),
            ("an hour", 60),
            ("1 hr 5 min", 65),
            ("2 hours and 10 minutes", 130),
            ("5", 5),
            ("5min read", 5),
            ("~7 mins", 7),
            ("about 3 minutes", 3),
            ("3-minute read", 3),
            ("ninety nine min", 99),
            ("0 min", 0),
        ];
        for (text, minutes) in good {
            assert_eq!(parse_minutes(text), Some(minutes), "{text}");
        }
        for text in [
            "",
            "soon",
            "min",
            "2.5 min",
            "99999999999 min",
            "5 min 5 apples",
            "a",
        ] {
            assert_eq!(parse_minutes(text), None, "{text}");
        }
    }

    #[test]
    fn lines_split_on_every_line_end() {
        assert_eq!(split_lines("a\r\nb\rc\n\nd"), ["a", "b", "c", "", "d"]);
        assert_eq!(split_lines("a\n"), ["a"]);
        assert!(split_lines("").is_empty());
    }

    /// Every diagnostic is placed inside the file (one past the end is
    /// allowed for things missing at the end), and a record exists exactly
    /// when nothing is an error.
    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let parsed = run(text);
        let line_count = split_lines(text.strip_prefix('\u{feff}').unwrap_or(text)).len();
        let has_error = parsed.diagnostics.iter().any(Diagnostic::is_error);
        prop_assert_eq!(parsed.record.is_some(), !has_error);
        for diagnostic in &parsed.diagnostics {
            let line = diagnostic.line.unwrap_or(0);
            prop_assert!(line >= 1 && line <= line_count + 1, "{:?}", diagnostic);
        }
        if let Some(record) = parsed.record {
            prop_assert!(!record.title.is_empty());
            prop_assert!(
                record
                    .related
                    .iter()
                    .all(|r| r.line >= 1 && r.line <= line_count)
            );
        }
        Ok(())
    }

    fn fragment() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("Publish date:".to_owned()),
            Just("Publish date: 2025-09-01".to_owned()),
            Just("  \u{2022} Publish date: Monday\u{60c} 01 September 2025 Reading time: two min read".to_owned()),
            Just("Reading time: twenty-five".to_owned()),
            Just("Related articles".to_owned()),
            Just("\u{2022}".to_owned()),
            Just("- ".to_owned()),
            Just("By: A and B & C,".to_owned()),
            Just("Tags: ,x,,".to_owned()),
            Just("Updated:".to_owned()),
            Just("\u{a0}\u{202f}".to_owned()),
            "[a-zA-Z:.,&<> ]{0,16}",
            "\\PC{0,24}",
        ]
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(text in "\\PC*|.*") {
            check_invariants(&text)?;
        }

        #[test]
        fn never_panics_on_record_like_lines(
            lines in prop::collection::vec(fragment(), 0..24),
            end in prop_oneof![Just("\n"), Just("\r\n"), Just("\r")],
            bom in any::<bool>(),
        ) {
            let text = format!("{}{}", if bom { "\u{feff}" } else { "" }, lines.join(end));
            check_invariants(&text)?;
        }
    }
}
