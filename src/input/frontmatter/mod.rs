//! Markdown records: a `+++` TOML front-matter block, then a Markdown body.
//! Every value is read with its span so that messages name the line counted
//! from the top of the file, not from the start of the block.

use crate::input::dates;
use crate::input::record::{
    Author, Body, Details, EnclosureSpec, Episode, Parsed, Record, Reference, Transcript,
    normalize_space,
};
use crate::report::diagnostic::Diagnostic;
use chrono::{DateTime, FixedOffset};
use chrono_tz::Tz;
use std::path::Path;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

const FENCE: &str = "+++";

struct Block<'a> {
    toml: &'a str,
    /// 1-based file line of the block's first TOML line.
    first_line: usize,
    body: &'a str,
    /// 1-based file line on which the body starts.
    body_line: usize,
}

fn split_block(text: &str) -> Result<Block<'_>, String> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or_default();
    if opening.trim_end() != FENCE {
        return Err(format!(
            "a Markdown record must start with a `{FENCE}` line opening its TOML front matter"
        ));
    }
    let toml_start = opening.len();
    let mut offset = toml_start;
    for (index, line) in lines.enumerate() {
        if line.trim_end() == FENCE {
            return Ok(Block {
                toml: &text[toml_start..offset],
                first_line: 2,
                body: &text[offset + line.len()..],
                // The opening fence, `index` TOML lines, the closing fence.
                body_line: index + 3,
            });
        }
        offset += line.len();
    }
    Err(format!(
        "the front matter opened on line 1 is never closed: add a `{FENCE}` line after it"
    ))
}

/// Parses one Markdown record. `text` has no BOM and LF line ends.
pub fn parse(path: &Path, default_slug: String, text: &str, tz: Tz) -> Parsed {
    let mut parsed = Parsed::default();
    let block = match split_block(text) {
        Ok(block) => block,
        Err(message) => {
            parsed
                .diagnostics
                .push(Diagnostic::error(path, Some(1), message));
            return parsed;
        }
    };
    let (table, errors) = DeTable::parse_recoverable(block.toml);
    let reader = Reader {
        path,
        toml: block.toml,
        first_line: block.first_line,
        tz,
    };
    if !errors.is_empty() {
        for error in errors {
            let spot = error.span().map_or(Spot::from(block.first_line), |span| {
                reader.spot(&Spanned::new(span, ()))
            });
            parsed.diagnostics.push(reader.error(
                spot,
                format!("invalid TOML in front matter: {}", error.message().trim()),
            ));
        }
        return parsed;
    }
    let mut fields = Fields::default();
    for (key, value) in table.get_ref() {
        reader.field(key, value, &mut fields, &mut parsed.diagnostics);
    }
    let record = reader.finish(
        fields,
        default_slug,
        (block.body, block.body_line),
        &mut parsed.diagnostics,
    );
    if !parsed.diagnostics.iter().any(Diagnostic::is_error) {
        parsed.record = record;
    }
    parsed
}

#[derive(Default)]
struct Fields {
    title: Option<String>,
    title_seen: bool,
    date: Option<DateTime<FixedOffset>>,
    date_seen: bool,
    updated: Option<DateTime<FixedOffset>>,
    slug: Option<(String, usize)>,
    id: Option<(String, usize)>,
    url: Option<(String, usize)>,
    summary: Option<String>,
    tags: Vec<String>,
    authors: Vec<Author>,
    related: Vec<Reference>,
    draft: bool,
    image: Option<(String, usize)>,
    episode: Episode,
}

#[derive(Clone, Copy)]
struct Spot {
    line: usize,
    column: Option<(usize, usize)>,
}

impl From<usize> for Spot {
    fn from(line: usize) -> Self {
        Spot { line, column: None }
    }
}

impl Spot {
    fn place(self, mut diagnostic: Diagnostic) -> Diagnostic {
        diagnostic.line = Some(self.line);
        diagnostic.column = self.column;
        diagnostic
    }
}

struct Reader<'a> {
    path: &'a Path,
    toml: &'a str,
    first_line: usize,
    tz: Tz,
}

impl Reader<'_> {
    fn line(&self, offset: usize) -> usize {
        self.first_line + crate::report::diagnostic::line_of_offset(self.toml.as_bytes(), offset)
            - 1
    }

    fn line_of<T>(&self, spanned: &Spanned<T>) -> usize {
        self.line(spanned.span().start)
    }

    /// Where a value sits: its line, and its column and width for the caret.
    fn spot<T>(&self, spanned: &Spanned<T>) -> Spot {
        let span = spanned.span();
        let (line, column) = crate::report::diagnostic::position(self.toml, span.start);
        Spot {
            line: self.first_line + line - 1,
            column: Some((
                column,
                crate::report::diagnostic::span_width(self.toml, span),
            )),
        }
    }

    fn error(&self, at: impl Into<Spot>, message: String) -> Diagnostic {
        at.into().place(Diagnostic::error(self.path, None, message))
    }

    fn warning(&self, at: impl Into<Spot>, message: String) -> Diagnostic {
        at.into()
            .place(Diagnostic::warning(self.path, None, message))
    }

    fn string(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        if let Some(text) = value.get_ref().as_str() {
            Some(text.to_string())
        } else {
            problems.push(self.error(
                self.spot(value),
                format!(
                    "`{key}` must be a string, not {}",
                    value.get_ref().type_str()
                ),
            ));
            None
        }
    }

    fn date(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<DateTime<FixedOffset>> {
        let line = self.spot(value);
        let text = match value.get_ref() {
            DeValue::String(text) => text.to_string(),
            DeValue::Datetime(datetime) => datetime.to_string(),
            other => {
                problems.push(self.error(
                    line,
                    format!(
                        "`{key}` must be a date or a string, not {}",
                        other.type_str()
                    ),
                ));
                return None;
            }
        };
        match dates::parse_date(&text, self.tz) {
            Ok(parsed) => {
                if let Some(warning) = parsed.warning {
                    problems.push(self.warning(line, format!("`{key}`: {warning}")));
                }
                Some(parsed.instant)
            }
            Err(message) => {
                problems.push(self.error(line, format!("`{key}`: {message}")));
                None
            }
        }
    }

    fn strings(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, usize)> {
        let Some(array) = value.get_ref().as_array() else {
            problems.push(self.error(
                self.spot(value),
                format!(
                    "`{key}` must be a list of strings, such as [\"a\", \"b\"], not {}",
                    value.get_ref().type_str()
                ),
            ));
            return Vec::new();
        };
        array
            .iter()
            .filter_map(|item| {
                let text = self.string(key, item, problems)?;
                Some((text, self.line_of(item)))
            })
            .collect()
    }

    fn authors(&self, value: &Spanned<DeValue<'_>>, problems: &mut Vec<Diagnostic>) -> Vec<Author> {
        let Some(array) = value.get_ref().as_array() else {
            problems.push(self.error(
                self.spot(value),
                "`authors` must be a list of names or of tables { name, email, uri }".into(),
            ));
            return Vec::new();
        };
        let mut authors = Vec::new();
        for item in array {
            let line = self.spot(item);
            match item.get_ref() {
                DeValue::String(name) => {
                    let name = normalize_space(name);
                    if name.is_empty() {
                        problems.push(self.error(line, "an author's name is empty".into()));
                    } else {
                        authors.push(Author {
                            name,
                            email: None,
                            uri: None,
                        });
                    }
                }
                DeValue::Table(table) => {
                    if let Some(author) = self.author_table(table, line, problems) {
                        authors.push(author);
                    }
                }
                other => problems.push(self.error(
                    line,
                    format!(
                        "an entry of `authors` must be a name or a table, not {}",
                        other.type_str()
                    ),
                )),
            }
        }
        authors
    }

    fn author_table(
        &self,
        table: &DeTable<'_>,
        line: Spot,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Author> {
        let (mut name, mut email, mut uri) = (None, None, None);
        for (key, value) in table {
            let key_name = key.get_ref().as_ref();
            let text = self.string(&format!("authors.{key_name}"), value, problems);
            let value_line = self.spot(value);
            match key_name {
                "name" => name = text.map(|name| normalize_space(&name)),
                "email" => {
                    if let Some(address) = text {
                        if crate::util::is_email(&address) {
                            email = Some(address);
                        } else {
                            problems.push(self.error(
                                value_line,
                                format!("invalid author email {address:?}: expected an address such as ana@example.com"),
                            ));
                        }
                    }
                }
                "uri" => {
                    if let Some(address) = text {
                        if is_web_url(&address) {
                            uri = Some(address);
                        } else {
                            problems.push(self.error(
                                value_line,
                                format!("invalid author uri {address:?}: expected an absolute http(s) URL"),
                            ));
                        }
                    }
                }
                other => problems.push(self.error(
                    self.spot(key),
                    format!("unknown key `{other}` in an author table: use name, email and uri"),
                )),
            }
        }
        match name {
            Some(name) if !name.is_empty() => Some(Author { name, email, uri }),
            _ => {
                problems.push(self.error(line, "an author table needs a non-empty `name`".into()));
                None
            }
        }
    }

    fn field(
        &self,
        key: &Spanned<std::borrow::Cow<'_, str>>,
        value: &Spanned<DeValue<'_>>,
        fields: &mut Fields,
        problems: &mut Vec<Diagnostic>,
    ) {
        let name = key.get_ref().as_ref();
        let line = self.line_of(value);
        match name {
            "title" => {
                fields.title_seen = true;
                fields.title = self.string(name, value, problems).map(|t| normalize_space(&t));
            }
            "date" => {
                fields.date_seen = true;
                fields.date = self.date(name, value, problems);
            }
            "updated" => fields.updated = self.date(name, value, problems),
            "slug" => fields.slug = self.string(name, value, problems).map(|s| (s, line)),
            "id" => fields.id = self.string(name, value, problems).map(|s| (s.trim().to_string(), line)),
            "url" => fields.url = self.string(name, value, problems).map(|s| (s.trim().to_string(), line)),
            "summary" => fields.summary = self.string(name, value, problems).map(|s| normalize_space(&s)),
            "image" => fields.image = self.string(name, value, problems).map(|s| (s.trim().to_string(), line)),
            "tags" => {
                fields.tags = self
                    .strings(name, value, problems)
                    .into_iter()
                    .map(|(tag, _)| normalize_space(&tag))
                    .filter(|tag| !tag.is_empty())
                    .collect();
            }
            "related" => {
                fields.related = self
                    .strings(name, value, problems)
                    .into_iter()
                    .map(|(text, line)| Reference { text: text.trim().to_string(), line })
                    .filter(|reference| !reference.text.is_empty())
                    .collect();
            }
            "authors" => fields.authors = self.authors(value, problems),
            "draft" => match value.get_ref().as_bool() {
                Some(draft) => fields.draft = draft,
                None => problems.push(self.error(
                    line,
                    format!("`draft` must be true or false, not {}", value.get_ref().type_str()),
                )),
            },
            "enclosure" | "duration" | "episode" | "season" | "episode_type" | "explicit"
            | "transcript" | "chapters" => self.episode_field(name, value, &mut fields.episode, problems),
            other => problems.push(self.warning(
                self.spot(key),
                format!(
                    "unknown key `{other}` is ignored; known keys: title, date, updated, slug, id, url, summary, tags, authors, related, draft, image, and for podcasts enclosure, duration, episode, season, episode_type, explicit, transcript, chapters"
                ),
            )),
        }
    }

    fn integer(
        &self,
        key: &str,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<u64> {
        let number = value.get_ref().as_integer().and_then(|integer| {
            u64::from_str_radix(&integer.as_str().replace('_', ""), integer.radix()).ok()
        });
        if number.is_none() {
            problems.push(self.error(
                self.spot(value),
                format!("`{key}` must be a whole number of at least 0"),
            ));
        }
        number
    }

    fn enclosure(
        &self,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<EnclosureSpec> {
        let spot = self.spot(value);
        let line = spot.line;
        match value.get_ref() {
            DeValue::String(url) => Some(EnclosureSpec {
                url: url.trim().to_string(),
                mime_type: None,
                length: None,
                line,
            }),
            DeValue::Table(table) => {
                let mut spec = EnclosureSpec {
                    url: String::new(),
                    mime_type: None,
                    length: None,
                    line,
                };
                for (key, field) in table {
                    match key.get_ref().as_ref() {
                        "url" => {
                            spec.url = self
                                .string("enclosure.url", field, problems)
                                .unwrap_or_default();
                        }
                        "type" => spec.mime_type = self.string("enclosure.type", field, problems),
                        "length" => spec.length = self.integer("enclosure.length", field, problems),
                        other => problems.push(self.error(
                            self.spot(key),
                            format!(
                                "unknown key `{other}` in `enclosure`: use url, type and length"
                            ),
                        )),
                    }
                }
                if spec.url.trim().is_empty() {
                    problems.push(self.error(spot, "`enclosure` needs a `url`".into()));
                }
                Some(spec)
            }
            other => {
                problems.push(self.error(
                    spot,
                    format!(
                        "`enclosure` must be a URL or a table {{ url, type, length }}, not {}",
                        other.type_str()
                    ),
                ));
                None
            }
        }
    }

    fn transcript(
        &self,
        value: &Spanned<DeValue<'_>>,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Transcript> {
        let spot = self.spot(value);
        let transcript = match value.get_ref() {
            DeValue::String(url) => Transcript {
                url: url.trim().to_string(),
                mime_type: None,
            },
            DeValue::Table(table) => {
                let mut transcript = Transcript {
                    url: String::new(),
                    mime_type: None,
                };
                for (key, field) in table {
                    match key.get_ref().as_ref() {
                        "url" => {
                            transcript.url = self
                                .string("transcript.url", field, problems)
                                .unwrap_or_default();
                        }
                        "type" => {
                            transcript.mime_type = self.string("transcript.type", field, problems);
                        }
                        other => problems.push(self.error(
                            self.spot(key),
                            format!("unknown key `{other}` in `transcript`: use url and type"),
                        )),
                    }
                }
                transcript
            }
            other => {
                problems.push(self.error(
                    spot,
                    format!(
                        "`transcript` must be a URL or a table {{ url, type }}, not {}",
                        other.type_str()
                    ),
                ));
                return None;
            }
        };
        if !is_web_url(&transcript.url) {
            problems.push(self.error(
                spot,
                format!(
                    "`transcript` URL {:?} must be an absolute http(s) URL",
                    transcript.url
                ),
            ));
        }
        Some(transcript)
    }

    /// The podcast keys; see `podcast` for what is done with them.
    fn episode_field(
        &self,
        name: &str,
        value: &Spanned<DeValue<'_>>,
        episode: &mut Episode,
        problems: &mut Vec<Diagnostic>,
    ) {
        let spot = self.spot(value);
        match name {
            "enclosure" => episode.enclosure = self.enclosure(value, problems),
            "duration" => {
                episode.duration = match value.get_ref() {
                    DeValue::Integer(_) => self.integer(name, value, problems),
                    DeValue::String(text) => match crate::input::episode::parse_duration(text) {
                        Ok(seconds) => Some(seconds),
                        Err(message) => {
                            problems.push(self.error(spot, message));
                            None
                        }
                    },
                    other => {
                        problems.push(self.error(
                            spot,
                            format!(
                                "`duration` must be seconds or \"H:MM:SS\", not {}",
                                other.type_str()
                            ),
                        ));
                        None
                    }
                };
            }
            "episode" | "season" => {
                let number = self
                    .integer(name, value, problems)
                    .and_then(|n| u32::try_from(n).ok())
                    .filter(|n| *n >= 1);
                if number.is_none() && value.get_ref().as_integer().is_some() {
                    problems.push(self.error(spot, format!("`{name}` must be a number from 1 up")));
                }
                if name == "episode" {
                    episode.number = number;
                } else {
                    episode.season = number;
                }
            }
            "episode_type" => {
                if let Some(kind) = self.string(name, value, problems) {
                    if crate::input::episode::EPISODE_TYPES.contains(&kind.as_str()) {
                        episode.episode_type = Some(kind);
                    } else {
                        problems.push(self.error(
                            spot,
                            format!("`episode_type` {kind:?} must be full, trailer or bonus"),
                        ));
                    }
                }
            }
            "explicit" => match value.get_ref().as_bool() {
                Some(explicit) => episode.explicit = Some(explicit),
                None => problems.push(self.error(spot, "`explicit` must be true or false".into())),
            },
            "transcript" => episode.transcript = self.transcript(value, problems),
            _ => {
                episode.chapters = self.string(name, value, problems);
                if let Some(url) = &episode.chapters
                    && !is_web_url(url)
                {
                    problems.push(self.error(
                        spot,
                        format!("`chapters` URL {url:?} must be an absolute http(s) URL"),
                    ));
                }
            }
        }
    }

    fn finish(
        &self,
        fields: Fields,
        default_slug: String,
        (body, body_line): (&str, usize),
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Record> {
        let title = match fields.title {
            Some(title) if !title.is_empty() => Some(title),
            Some(_) => {
                problems.push(self.error(1, "`title` is empty".into()));
                None
            }
            // Already reported as a value of the wrong type.
            None if fields.title_seen => None,
            None => {
                problems.push(self.error(1, "missing `title` in front matter".into()));
                None
            }
        };
        if !fields.date_seen {
            problems.push(self.error(
                1,
                "missing `date` in front matter: add a line such as date = \"2025-09-01T09:30:00+02:00\"".into(),
            ));
        }
        let (slug, slug_line) = fields.slug.unwrap_or((default_slug, 1));
        if let Err(message) = crate::input::discover::check_slug(&slug) {
            problems.push(self.error(slug_line, message));
        }
        if let Some((id, line)) = &fields.id
            && let Err(message) = check_id(id)
        {
            problems.push(self.error(*line, message));
        }
        if let Some((url, line)) = &fields.url
            && !is_web_url(url)
        {
            problems.push(self.error(
                *line,
                format!("`url` {url:?} must be an absolute http(s) URL"),
            ));
        }
        Some(Record {
            path: self.path.to_path_buf(),
            slug,
            slug_line,
            title: title?,
            date: fields.date?,
            updated: fields.updated,
            id_line: fields.id.as_ref().map_or(1, |(_, line)| *line),
            id: fields.id.map(|(id, _)| id),
            url_line: fields.url.as_ref().map_or(1, |(_, line)| *line),
            url: fields.url.map(|(url, _)| url),
            related: fields.related,
            draft: fields.draft,
            details: Some(Box::new(Details {
                summary: fields.summary.filter(|summary| !summary.is_empty()),
                tags: fields.tags,
                authors: fields.authors,
                image_line: fields.image.as_ref().map_or(1, |(_, line)| *line),
                image: fields
                    .image
                    .map(|(image, _)| image)
                    .filter(|image| !image.is_empty()),
                body: Body::Markdown(body.to_string()),
                body_line,
                reading_time: None,
                episode: fields.episode,
            })),
        })
    }
}

pub fn is_web_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// Ids must be absolute URIs: Atom requires it, and readers compare them as
/// strings, so `tag:` and `urn:uuid:` ids are the stable choice.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    match url::Url::parse(id) {
        Ok(_) if !id.chars().any(char::is_whitespace) => Ok(()),
        _ => Err(format!(
            "`id` {id:?} is not an absolute URI; use a form such as \"tag:news.example.com,2025:my-story\" or \"urn:uuid:…\""
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Parsed {
        parse(
            Path::new("articles/story.md"),
            "story".into(),
            text,
            Tz::UTC,
        )
    }

    #[test]
    fn every_key_is_read() {
        let parsed = parse_text(
            "+++\ntitle = \"Talks  resume\"\ndate = 2025-09-01T09:30:00+02:00\nupdated = \"2025-09-02\"\nslug = \"talks\"\nid = \"tag:example.com,2025:talks\"\nurl = \"https://elsewhere.example.org/x\"\nsummary = \"Short.\"\ntags = [\"a\", \" b \"]\nauthors = [\"Ana\", { name = \"Tomás\", email = \"t@example.com\", uri = \"https://example.com/t\" }]\nrelated = [\"x\", \"Some Title\"]\ndraft = true\nimage = \"images/a.jpg\"\n+++\nBody *here*.\n",
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let record = parsed.record.unwrap();
        assert_eq!(record.title, "Talks resume");
        assert_eq!(record.date.to_rfc3339(), "2025-09-01T09:30:00+02:00");
        assert_eq!(
            record.updated.unwrap().to_rfc3339(),
            "2025-09-02T00:00:00+00:00"
        );
        assert_eq!((record.slug.as_str(), record.slug_line), ("talks", 5));
        assert_eq!(record.details().tags, ["a", "b"]);
        assert_eq!(
            record.details().authors[1].email.as_deref(),
            Some("t@example.com")
        );
        assert_eq!(
            record.related[1],
            Reference {
                text: "Some Title".into(),
                line: 11
            }
        );
        assert!(record.draft);
        assert_eq!(
            record.details().body,
            Body::Markdown("Body *here*.\n".into())
        );
    }

    #[test]
    fn toml_errors_count_lines_from_the_top_of_the_file() {
        let parsed = parse_text("+++\ntitle = \"x\"\ndate = \"2025-09-01\"\ntags = [\"a\",\n+++\n");
        let error = &parsed.diagnostics[0];
        assert!(error.is_error());
        assert!(error.line.unwrap() >= 4, "{error}");
        assert!(parsed.record.is_none());
    }

    #[test]
    fn a_bad_date_is_quoted_at_its_line() {
        let parsed = parse_text("+++\ntitle = \"x\"\n\ndate = \"the day after\"\n+++\n");
        let error = &parsed.diagnostics[0];
        assert_eq!(error.line, Some(4));
        assert!(error.message.contains("the day after"), "{error}");
    }

    #[test]
    fn missing_title_and_date_are_errors_at_line_one() {
        let parsed = parse_text("+++\nslug = \"x\"\n+++\n");
        let messages: Vec<_> = parsed
            .diagnostics
            .iter()
            .map(|d| (d.line, d.message.clone()))
            .collect();
        assert!(
            messages
                .iter()
                .any(|(line, m)| *line == Some(1) && m.contains("missing `title`"))
        );
        assert!(
            messages
                .iter()
                .any(|(line, m)| *line == Some(1) && m.contains("missing `date`"))
        );
    }

    #[test]
    fn unknown_keys_warn_and_wrong_types_fail() {
        let parsed =
            parse_text("+++\ntitle = \"x\"\ndate = \"2025-09-01\"\ncolour = \"red\"\n+++\n");
        assert!(parsed.record.is_some());
        assert_eq!(parsed.diagnostics.len(), 1);
        assert!(!parsed.diagnostics[0].is_error());
        assert!(parsed.diagnostics[0].message.contains("`colour`"));
        assert_eq!(parsed.diagnostics[0].line, Some(4));

        let parsed = parse_text("+++\ntitle = 3\ndate = \"2025-09-01\"\nid = \"not a uri\"\n+++\n");
        assert!(parsed.record.is_none());
        assert_eq!(
            parsed.diagnostics.iter().filter(|d| d.is_error()).count(),
            2
        );
    }

    #[test]
    fn a_missing_fence_is_explained() {
        let parsed = parse_text("title = \"x\"\n");
        assert!(parsed.diagnostics[0].message.contains("+++"));
        let parsed = parse_text("+++\ntitle = \"x\"\n");
        assert!(parsed.diagnostics[0].message.contains("never closed"));
    }
}
