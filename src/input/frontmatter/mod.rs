//! Markdown records: front matter — TOML between `+++` lines or YAML
//! between `---` lines — then a Markdown body. Both languages are read
//! into one tree (`tree`) and every key through one table (`keys`), with
//! the keys of the site generators people arrive from. Every value keeps
//! where it was written, so messages name the line counted from the top of
//! the file, not from the start of the block.

pub mod keys;
mod toml;
pub mod tree;
mod yaml;

use crate::input::dates;
use crate::input::record::{
    Author, Body, Details, EnclosureSpec, Episode, Parsed, Record, Reference, Transcript,
    UnknownKey, normalize_space,
};
use crate::report::diagnostic::{Diagnostic, line_of_offset, position, span_width};
use chrono::{DateTime, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use keys::Meaning;
use std::collections::BTreeMap;
use std::path::Path;
use tree::{Entry, Node, Spot, Value};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Language {
    Toml,
    Yaml,
}

struct Block<'a> {
    language: Language,
    /// Byte offset of the block's first line in the file.
    offset: usize,
    /// 1-based file line of the block's first line.
    first_line: usize,
    text: &'a str,
    body: &'a str,
}

/// Finds the front matter: blank lines may come before the opening fence
/// (Zola's own documentation starts that way); the BOM is already gone.
fn split_block(text: &str) -> Result<Block<'_>, (usize, String)> {
    let mut offset = 0;
    let mut line_number = 1;
    let mut lines = text.split_inclusive('\n');
    let (language, fence) = loop {
        let Some(line) = lines.next() else {
            return Err((1, missing_fence()));
        };
        offset += line.len();
        match line.trim_end() {
            "" => line_number += 1,
            "+++" => break (Language::Toml, "+++"),
            // Eleventy names the language after the fence; JSON is YAML.
            "---" | "---yaml" | "---json" => break (Language::Yaml, "---"),
            "---js" | "---javascript" => {
                return Err((
                    line_number,
                    "JavaScript front matter (`---js`) cannot be read without running it; write it as YAML, or leave the file out with `exclude`".into(),
                ));
            }
            _ => return Err((line_number, missing_fence())),
        }
    };
    let opened_on = line_number;
    let start = offset;
    for line in lines {
        if line.trim_end() == fence {
            return Ok(Block {
                language,
                offset: start,
                first_line: opened_on + 1,
                text: &text[start..offset],
                body: &text[offset + line.len()..],
            });
        }
        offset += line.len();
    }
    Err((
        opened_on,
        format!(
            "the front matter opened on line {opened_on} is never closed: add a `{fence}` line after it"
        ),
    ))
}

fn missing_fence() -> String {
    "a Markdown record must start with front matter: a `+++` line opening TOML, or a `---` line opening YAML".into()
}

/// The publish date a file name carries, as Jekyll names posts:
/// `2014-05-06-title.md`, or `2014-05-06_title/index.md` for a bundle
/// (and `index.fr.md`, its translation).
pub fn date_in_name(path: &Path) -> Option<NaiveDate> {
    let stem = path.file_stem()?.to_str()?;
    // A bundle's translation (`index.fr.md`) is dated by the folder too.
    let in_bundle = stem == "index"
        || stem
            .strip_prefix("index.")
            .is_some_and(crate::util::is_file_name_language);
    let name = if in_bundle {
        path.parent()?.file_name()?.to_str()?
    } else {
        stem
    };
    let prefix = name.get(..10)?;
    if !matches!(name.as_bytes().get(10), Some(b'-' | b'_')) {
        return None;
    }
    NaiveDate::parse_from_str(prefix, "%Y-%m-%d").ok()
}

/// A date written as folders in a page's own path, as the Rust blog's
/// Zola pages carry it: `2019/05/15/four-years` or
/// `inside-rust/2020/07/17/slug`.
fn date_in_path(path: &str) -> Option<NaiveDate> {
    let parts: Vec<&str> = path.trim_matches('/').split('/').collect();
    parts.windows(4).find_map(|window| {
        let [year, month, day, _] = window else {
            return None;
        };
        if year.len() != 4 || month.len() != 2 || day.len() != 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    })
}

/// Parses one Markdown record. `text` has no BOM and LF line ends.
pub fn parse(path: &Path, default_slug: String, text: &str, tz: Tz) -> Parsed {
    let mut parsed = Parsed::default();
    let block = match split_block(text) {
        Ok(block) => block,
        Err((line, message)) => {
            parsed
                .diagnostics
                .push(Diagnostic::error(path, Some(line), message));
            return parsed;
        }
    };
    let reader = Reader {
        path,
        text,
        line_starts: line_starts(text, block.offset + block.text.len()),
        tz,
        untyped_scalars: matches!(block.language, Language::Yaml),
    };
    let entries = match block.language {
        Language::Toml => toml::parse(block.text, block.offset),
        Language::Yaml => yaml::parse(block.text, block.first_line),
    };
    let entries = match entries {
        Ok(entries) => entries,
        Err(problems) => {
            for problem in problems {
                parsed
                    .diagnostics
                    .push(reader.error(&problem.spot, problem.message));
            }
            return parsed;
        }
    };
    let fields = reader.fields(&entries, &mut parsed);
    let record = reader.finish(
        fields,
        default_slug,
        date_in_name(path),
        block.body,
        &mut parsed,
    );
    if !parsed.diagnostics.iter().any(Diagnostic::is_error) {
        parsed.record = record;
    }
    parsed
}

/// Drops repeated tags, keeping the first of each in order. A record has a
/// handful: comparing with those kept costs less than hashing copies of
/// them, and a hash set is used only for a list long enough to need one.
fn dedupe(tags: &mut Vec<String>) {
    if tags.len() > 16 {
        let mut seen = std::collections::HashSet::new();
        tags.retain(|tag| seen.insert(tag.clone()));
        return;
    }
    let mut kept = 0;
    for index in 0..tags.len() {
        if !tags[..kept].contains(&tags[index]) {
            tags.swap(kept, index);
            kept += 1;
        }
    }
    tags.truncate(kept);
}

/// Byte offsets where each line of the front matter starts.
fn line_starts(text: &str, end: usize) -> Vec<usize> {
    let end = end.min(text.len());
    std::iter::once(0)
        .chain(
            text.as_bytes()[..end]
                .iter()
                .enumerate()
                .filter(|(_, byte)| **byte == b'\n')
                .map(|(index, _)| index + 1),
        )
        .collect()
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
    /// See `Record::link_categories`.
    link_categories: Vec<String>,
    authors: Vec<Author>,
    related: Vec<Reference>,
    draft: bool,
    /// The lead image and the line of its key.
    image: Option<(String, usize)>,
    excerpt_separator: Option<String>,
    language: Option<String>,
    episode: Episode,
}

struct Reader<'a> {
    path: &'a Path,
    /// The whole file, for turning byte spots into lines and columns.
    text: &'a str,
    line_starts: Vec<usize>,
    tz: Tz,
    /// YAML, where `title: 1984` is a number only because nothing quoted
    /// it; in TOML a number is what the author typed.
    untyped_scalars: bool,
}

impl Reader<'_> {
    fn line(&self, spot: &Spot) -> usize {
        match spot {
            Spot::Bytes(range) => self
                .line_starts
                .partition_point(|&start| start <= range.start),
            Spot::LineColumn { line, .. } | Spot::Line(line) => *line,
        }
    }

    fn place(&self, spot: &Spot, mut diagnostic: Diagnostic) -> Diagnostic {
        match spot {
            Spot::Bytes(range) => {
                // Only now, for a message, is the column counted.
                let line = self.line(spot);
                let line_start = self.line_starts[line - 1];
                let line_text = &self.text[line_start..];
                let (_, column) = position(line_text, range.start - line_start);
                let width = span_width(line_text, range.start - line_start..range.end - line_start);
                diagnostic.line = Some(line);
                diagnostic.column = Some((column, width.max(1)));
            }
            Spot::LineColumn {
                line,
                column,
                width,
            } => {
                diagnostic.line = Some(*line);
                diagnostic.column = Some((*column, (*width).max(1)));
            }
            Spot::Line(line) => diagnostic.line = Some(*line),
        }
        diagnostic
    }

    fn error(&self, spot: &Spot, message: String) -> Diagnostic {
        self.place(spot, Diagnostic::error(self.path, None, message))
    }

    fn warning(&self, spot: &Spot, message: String) -> Diagnostic {
        self.place(spot, Diagnostic::warning(self.path, None, message))
    }

    /// Reads every key: the winner for each meaning first chosen by rank,
    /// so the order of keys in the file never decides.
    fn fields(&self, entries: &[Entry], parsed: &mut Parsed) -> Fields {
        let problems = &mut parsed.diagnostics;
        let mut chosen: BTreeMap<Meaning, (u8, &Entry)> = BTreeMap::new();
        let mut categories: Vec<(u8, &Entry)> = Vec::new();
        let mut extra_authors = None;
        let mut fields = Fields::default();
        for entry in entries {
            // An empty value (`date:` or `author: ""` in a Hugo archetype)
            // is no value.
            // (An empty title stays: a post must have one, and is told so.)
            let empty_text = entry
                .node
                .value
                .as_str()
                .is_some_and(|text| text.trim().is_empty())
                && !entry.key.eq_ignore_ascii_case("title");
            if matches!(entry.node.value, Value::Null) || empty_text {
                continue;
            }
            let Some((mut meaning, rank)) = keys::meaning(&entry.key) else {
                let placed = self.place(&entry.key_spot, Diagnostic::general(String::new()));
                parsed.unknown_keys.push(UnknownKey {
                    key: entry.key.to_string(),
                    line: placed.line.unwrap_or(1),
                    column: placed.column,
                });
                continue;
            };
            // Jekyll's `published: false` hides a post; as text it is a date.
            if meaning == Meaning::Date
                && entry.key.eq_ignore_ascii_case("published")
                && entry.node.value.as_flag().is_some()
            {
                meaning = Meaning::NotPublished;
            }
            match meaning {
                Meaning::Categories => categories.push((rank, entry)),
                Meaning::Taxonomies => categories.push((rank + 10, entry)),
                Meaning::Ignored => {}
                Meaning::Episode => {
                    self.episode_field(&entry.key, &entry.node, &mut fields.episode, problems);
                }
                Meaning::Extra => {
                    // `extra.author(s)` / `params.author(s)` count only when
                    // no top-level `authors` or `author` is given.
                    for name in ["authors", "author"] {
                        if extra_authors.is_none()
                            && let Some(node) = entry.node.get(name)
                        {
                            extra_authors = Some(self.authors(
                                &format!("{}.{name}", entry.key),
                                node,
                                problems,
                            ));
                        }
                    }
                }
                Meaning::Date | Meaning::Updated
                    if entry
                        .node
                        .value
                        .as_str()
                        .is_some_and(|text| text.trim().is_empty()) => {}
                _ => {
                    let better = chosen.get(&meaning).is_none_or(|(held, _)| *held > rank);
                    if better {
                        chosen.insert(meaning, (rank, entry));
                    }
                }
            }
        }
        for (meaning, (_, entry)) in &chosen {
            self.field(*meaning, entry, &mut fields, problems);
        }
        if !chosen.contains_key(&Meaning::Authors)
            && let Some(authors) = extra_authors
        {
            fields.authors = authors;
        }
        categories.sort_by_key(|(rank, _)| *rank);
        for (_, entry) in categories {
            let found = fields.tags.len();
            self.categories(entry, &mut fields.tags, problems);
            // Jekyll's `:categories` reads these two keys only.
            if ["categories", "category"]
                .iter()
                .any(|key| entry.key.eq_ignore_ascii_case(key))
            {
                fields.link_categories.extend(
                    fields.tags[found..]
                        .iter()
                        .map(|category| category.to_lowercase()),
                );
            }
        }
        dedupe(&mut fields.tags);
        dedupe(&mut fields.link_categories);
        fields
    }

    /// Eleventy's dates that name a time of the file itself: `Last
    /// Modified` and `Created` are read from the file system as Eleventy
    /// does; its `git` forms too, with a warning, since git history is not
    /// read (running git in a site folder would run its configuration).
    fn file_time(
        &self,
        key: &str,
        text: &str,
        (git, created): (bool, bool),
        spot: &Spot,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<DateTime<FixedOffset>> {
        let time = std::fs::metadata(self.path).and_then(|meta| {
            if created {
                meta.created().or_else(|_| meta.modified())
            } else {
                meta.modified()
            }
        });
        let Ok(time) = time else {
            problems.push(self.error(
                spot,
                format!("`{key}`: cannot read the file's time for {text:?}"),
            ));
            return None;
        };
        if git {
            problems.push(self.warning(
                spot,
                format!("`{key}`: {text:?} is read from the file system, not from git history; write the date to keep it the same in every checkout"),
            ));
        }
        Some(DateTime::<chrono::Utc>::from(time).fixed_offset())
    }

    /// Jekyll themes (Minimal Mistakes, jekyll-seo-tag) and some Hugo
    /// themes give the image as a table: `image: {path: …, width: …}`.
    fn image_in_table(
        &self,
        key: &str,
        node: &Node,
        entries: &[Entry],
        problems: &mut Vec<Diagnostic>,
    ) -> Option<String> {
        const ADDRESS_KEYS: &[&str] = &["path", "url", "src", "feature", "teaser"];
        let address = ADDRESS_KEYS.iter().find_map(|wanted| {
            entries
                .iter()
                .find(|entry| entry.key.eq_ignore_ascii_case(wanted))
        });
        if let Some(entry) = address {
            return self.string(&format!("{key}.{}", entry.key), &entry.node, problems);
        }
        problems.push(self.warning(
            &node.spot,
            format!("`{key}` is a table with none of `path`, `url`, `src`, `feature` or `teaser`; the item has no image"),
        ));
        None
    }

    fn string(&self, key: &str, node: &Node, problems: &mut Vec<Diagnostic>) -> Option<String> {
        if let Some(text) = node.value.as_str() {
            Some(text.to_string())
        } else {
            problems.push(self.error(
                &node.spot,
                format!("`{key}` must be a string, not {}", node.value.type_name()),
            ));
            None
        }
    }

    fn date(
        &self,
        key: &str,
        node: &Node,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<DateTime<FixedOffset>> {
        let text = match &node.value {
            Value::String(text) => text.to_string(),
            Value::Datetime(text) => text.clone(),
            other => {
                problems.push(self.error(
                    &node.spot,
                    format!(
                        "`{key}` must be a date or a string, not {}",
                        other.type_name()
                    ),
                ));
                return None;
            }
        };
        if let Some(form) = file_time_form(&text) {
            return self.file_time(key, &text, form, &node.spot, problems);
        }
        match dates::parse_date(&text, self.tz) {
            Ok(parsed) => {
                if let Some(warning) = parsed.warning {
                    problems.push(self.warning(&node.spot, format!("`{key}`: {warning}")));
                }
                Some(parsed.instant)
            }
            Err(message) => {
                problems.push(self.error(&node.spot, format!("`{key}`: {message}")));
                None
            }
        }
    }

    /// A list of strings; a lone string is a list of one (Eleventy writes
    /// `tags: post`).
    fn strings(
        &self,
        key: &str,
        node: &Node,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, usize)> {
        match &node.value {
            Value::String(text) => vec![(text.to_string(), self.line(&node.spot))],
            Value::Null => Vec::new(),
            Value::Array(items) => items
                .iter()
                .filter_map(|item| {
                    let text = self.string(key, item, problems)?;
                    Some((text, self.line(&item.spot)))
                })
                .collect(),
            other => {
                problems.push(self.error(
                    &node.spot,
                    format!(
                        "`{key}` must be a list of strings, such as [\"a\", \"b\"], not {}",
                        other.type_name()
                    ),
                ));
                Vec::new()
            }
        }
    }

    fn categories(&self, entry: &Entry, tags: &mut Vec<String>, problems: &mut Vec<Diagnostic>) {
        let mut add = |list: Vec<(String, usize)>| {
            tags.extend(
                list.into_iter()
                    .map(|(tag, _)| normalize_space(&tag))
                    .filter(|tag| !tag.is_empty()),
            );
        };
        if keys::meaning(&entry.key).is_some_and(|(meaning, _)| meaning == Meaning::Taxonomies) {
            let Value::Table(taxonomies) = &entry.node.value else {
                problems.push(self.error(
                    &entry.node.spot,
                    format!(
                        "`{}` must be a table of lists, such as tags = [\"a\"]",
                        entry.key
                    ),
                ));
                return;
            };
            for taxonomy in taxonomies {
                add(self.strings(
                    &format!("{}.{}", entry.key, taxonomy.key),
                    &taxonomy.node,
                    problems,
                ));
            }
        } else if entry.key.eq_ignore_ascii_case("categories")
            && let Value::String(text) = &entry.node.value
        {
            // Jekyll: `categories: news markets` is two categories.
            let line = self.line(&entry.node.spot);
            add(text
                .split_whitespace()
                .map(|word| (word.to_string(), line))
                .collect());
        } else {
            add(self.strings(&entry.key, &entry.node, problems));
        }
    }

    /// Authors in every shape the generators write: a name, a list of
    /// names or of tables, or one table.
    fn authors(&self, key: &str, node: &Node, problems: &mut Vec<Diagnostic>) -> Vec<Author> {
        let items: Vec<&Node> = match &node.value {
            Value::Array(items) => items.iter().collect(),
            Value::String(_) | Value::Table(_) => vec![node],
            Value::Null => Vec::new(),
            other => {
                problems.push(self.error(
                    &node.spot,
                    format!(
                        "`{key}` must be a name, a list of names or of tables {{ name, email, uri }}, not {}",
                        other.type_name()
                    ),
                ));
                return Vec::new();
            }
        };
        let mut authors = Vec::new();
        for item in items {
            match &item.value {
                Value::String(name) => {
                    let name = normalize_space(name);
                    if name.is_empty() {
                        problems.push(self.error(&item.spot, "an author's name is empty".into()));
                    } else if let Some((label, uri)) = markdown_link(&name) {
                        authors.push(Author {
                            name: label.to_string(),
                            email: None,
                            uri: Some(uri.to_string()),
                        });
                    } else {
                        authors.push(Author {
                            name: links_as_labels(&name),
                            email: None,
                            uri: None,
                        });
                    }
                }
                Value::Table(entries) => {
                    if let Some(author) = self.author_table(key, entries, &item.spot, problems) {
                        authors.push(author);
                    }
                }
                other => problems.push(self.error(
                    &item.spot,
                    format!(
                        "an entry of `{key}` must be a name or a table, not {}",
                        other.type_name()
                    ),
                )),
            }
        }
        authors
    }

    fn author_table(
        &self,
        key: &str,
        entries: &[Entry],
        spot: &Spot,
        problems: &mut Vec<Diagnostic>,
    ) -> Option<Author> {
        let (mut name, mut email, mut uri) = (None, None, None);
        for entry in entries {
            let key_name = entry.key.as_ref();
            match key_name.to_ascii_lowercase().as_str() {
                "name" => {
                    name = self
                        .string(&format!("{key}.{key_name}"), &entry.node, problems)
                        .map(|name| normalize_space(&name));
                }
                "email" => {
                    if let Some(address) =
                        self.string(&format!("{key}.{key_name}"), &entry.node, problems)
                    {
                        if crate::util::is_email(&address) {
                            email = Some(address);
                        } else {
                            problems.push(self.error(
                                &entry.node.spot,
                                format!("invalid author email {address:?}: expected an address such as ana@example.com"),
                            ));
                        }
                    }
                }
                // Jekyll and Hugo themes write `url` where Atom says `uri`.
                "uri" | "url" => {
                    if let Some(address) =
                        self.string(&format!("{key}.{key_name}"), &entry.node, problems)
                    {
                        match crate::util::web_url_for_feed(&address) {
                            Ok(url) if !address.contains(char::is_whitespace) => {
                                uri = Some(url.into());
                            }
                            Ok(_) => problems.push(self.error(
                                &entry.node.spot,
                                format!("invalid author uri {address:?}: expected an absolute http(s) URL"),
                            )),
                            Err(why) => problems.push(self.error(
                                &entry.node.spot,
                                format!("invalid author uri {address:?}: {why}"),
                            )),
                        }
                    }
                }
                // Themes hang avatars, bios and social handles here; a
                // feed has no place for them.
                _ => {}
            }
        }
        match name {
            Some(name) if !name.is_empty() => Some(Author { name, email, uri }),
            _ => {
                problems.push(self.error(spot, "an author table needs a non-empty `name`".into()));
                None
            }
        }
    }

    fn field(
        &self,
        meaning: Meaning,
        entry: &Entry,
        fields: &mut Fields,
        problems: &mut Vec<Diagnostic>,
    ) {
        let name = entry.key.as_ref();
        let node = &entry.node;
        let line = self.line(&node.spot);
        match meaning {
            Meaning::Title => {
                fields.title_seen = true;
                // `title: 1984` is a number to YAML and a title to its author.
                fields.title = match &node.value {
                    Value::Integer(number) if self.untyped_scalars => Some(number.to_string()),
                    _ => self
                        .string(name, node, problems)
                        .map(|t| normalize_space(&t)),
                };
            }
            Meaning::Date => {
                fields.date_seen = true;
                fields.date = self.date(name, node, problems);
            }
            Meaning::Updated => fields.updated = self.date(name, node, problems),
            Meaning::Slug => fields.slug = self.string(name, node, problems).map(|s| (s, line)),
            Meaning::Id => {
                fields.id = self
                    .string(name, node, problems)
                    .map(|s| (s.trim().to_string(), line));
            }
            Meaning::Link => {
                let Some(address) = self
                    .string(name, node, problems)
                    .map(|s| s.trim().to_string())
                else {
                    return;
                };
                // A permalink pattern (`/:year/:title/`, `{{ page.fileSlug }}/`)
                // is a rule for the generator, not this page's address.
                let pattern = name.eq_ignore_ascii_case("permalink")
                    && (address.contains(':') || address.contains('{') || address.contains('%'));
                if !pattern && !address.is_empty() {
                    // Zola publishes a page whose `path` is `a/b` at `a/b/`:
                    // without the slash, its relative images would resolve
                    // one folder up.
                    let zola_path = name.eq_ignore_ascii_case("path")
                        && !address.ends_with('/')
                        && !crate::input::uri::has_scheme(&address);
                    let address = if zola_path { address + "/" } else { address };
                    fields.url = Some((address, line));
                }
            }
            Meaning::Summary => {
                fields.summary = self
                    .string(name, node, problems)
                    .map(|s| normalize_space(&s));
            }
            Meaning::Image => {
                let image = match &node.value {
                    Value::Array(items) => items
                        .first()
                        .and_then(|first| self.string(name, first, problems)),
                    Value::Table(entries) => self.image_in_table(name, node, entries, problems),
                    _ => self.string(name, node, problems),
                };
                fields.image = image.map(|s| (s.trim().to_string(), line));
            }
            Meaning::Related => {
                fields.related = self
                    .strings(name, node, problems)
                    .into_iter()
                    .map(|(text, line)| Reference {
                        text: text.trim().to_string(),
                        line,
                    })
                    .filter(|reference| !reference.text.is_empty())
                    .collect();
            }
            Meaning::Authors => fields.authors = self.authors(name, node, problems),
            Meaning::Draft => match node.value.as_flag() {
                Some(draft) => fields.draft |= draft,
                None => problems.push(self.error(
                    &node.spot,
                    format!(
                        "`{name}` must be true or false, not {}",
                        node.value.type_name()
                    ),
                )),
            },
            Meaning::NotPublished => match node.value.as_flag() {
                Some(published) => fields.draft |= !published,
                None => problems.push(self.error(
                    &node.spot,
                    format!(
                        "`{name}` must be true or false, or a date, not {}",
                        node.value.type_name()
                    ),
                )),
            },
            Meaning::ExcerptSeparator => {
                fields.excerpt_separator = self.string(name, node, problems);
            }
            Meaning::Language => fields.language = self.language(name, node, problems),
            Meaning::Categories
            | Meaning::Taxonomies
            | Meaning::Episode
            | Meaning::Extra
            | Meaning::Ignored => {}
        }
    }

    /// A record's `language`: a language tag, or an error.
    fn language(&self, key: &str, node: &Node, problems: &mut Vec<Diagnostic>) -> Option<String> {
        let tag = self.string(key, node, problems)?.trim().to_string();
        if crate::util::is_language_tag(&tag) {
            return Some(tag);
        }
        problems.push(self.error(
            &node.spot,
            format!(
                "`{key}` {tag:?} is not a language tag (one starting with an ISO 639 language code); expected one such as \"en\" or \"pt-BR\""
            ),
        ));
        None
    }

    fn integer(&self, key: &str, node: &Node, problems: &mut Vec<Diagnostic>) -> Option<u64> {
        let number = match node.value {
            Value::Integer(number) => u64::try_from(number).ok(),
            _ => None,
        };
        if number.is_none() {
            problems.push(self.error(
                &node.spot,
                format!("`{key}` must be a whole number from 0 to {}", u64::MAX),
            ));
        }
        number
    }

    fn enclosure(&self, node: &Node, problems: &mut Vec<Diagnostic>) -> Option<EnclosureSpec> {
        let line = self.line(&node.spot);
        match &node.value {
            Value::String(url) => Some(EnclosureSpec {
                url: url.trim().to_string(),
                mime_type: None,
                length: None,
                line,
            }),
            Value::Table(entries) => {
                let mut spec = EnclosureSpec {
                    url: String::new(),
                    mime_type: None,
                    length: None,
                    line,
                };
                for entry in entries {
                    match entry.key.as_ref() {
                        "url" => {
                            spec.url = self
                                .string("enclosure.url", &entry.node, problems)
                                .unwrap_or_default();
                        }
                        "type" => {
                            spec.mime_type = self.string("enclosure.type", &entry.node, problems);
                        }
                        "length" => {
                            spec.length = self.integer("enclosure.length", &entry.node, problems);
                        }
                        other => problems.push(self.error(
                            &entry.key_spot,
                            format!(
                                "unknown key `{other}` in `enclosure`: use url, type and length"
                            ),
                        )),
                    }
                }
                if spec.url.trim().is_empty() {
                    problems.push(self.error(&node.spot, "`enclosure` needs a `url`".into()));
                }
                Some(spec)
            }
            other => {
                problems.push(self.error(
                    &node.spot,
                    format!(
                        "`enclosure` must be a URL or a table {{ url, type, length }}, not {}",
                        other.type_name()
                    ),
                ));
                None
            }
        }
    }

    fn transcript(&self, node: &Node, problems: &mut Vec<Diagnostic>) -> Option<Transcript> {
        let mut transcript = match &node.value {
            Value::String(url) => Transcript {
                url: url.trim().to_string(),
                mime_type: None,
            },
            Value::Table(entries) => {
                let mut transcript = Transcript {
                    url: String::new(),
                    mime_type: None,
                };
                for entry in entries {
                    match entry.key.as_ref() {
                        "url" => {
                            transcript.url = self
                                .string("transcript.url", &entry.node, problems)
                                .unwrap_or_default();
                        }
                        "type" => {
                            transcript.mime_type =
                                self.string("transcript.type", &entry.node, problems);
                        }
                        other => problems.push(self.error(
                            &entry.key_spot,
                            format!("unknown key `{other}` in `transcript`: use url and type"),
                        )),
                    }
                }
                transcript
            }
            other => {
                problems.push(self.error(
                    &node.spot,
                    format!(
                        "`transcript` must be a URL or a table {{ url, type }}, not {}",
                        other.type_name()
                    ),
                ));
                return None;
            }
        };
        if let Some(mime_type) = &transcript.mime_type
            && let Err(message) = crate::input::uri::check_mime_type(mime_type)
        {
            problems.push(self.error(&node.spot, format!("`transcript` type {message}")));
        }
        match crate::util::web_url_for_feed(&transcript.url) {
            // Spaces and the like percent-encoded, as a URL must be.
            Ok(url) => transcript.url = url.into(),
            Err(why) => problems.push(self.error(
                &node.spot,
                format!("`transcript` URL {:?}: {why}", transcript.url),
            )),
        }
        Some(transcript)
    }

    /// The podcast keys; see `site::enclosure` for what is done with them.
    fn episode_field(
        &self,
        name: &str,
        node: &Node,
        episode: &mut Episode,
        problems: &mut Vec<Diagnostic>,
    ) {
        let spot = &node.spot;
        match name {
            "enclosure" => episode.enclosure = self.enclosure(node, problems),
            "duration" => {
                episode.duration = match &node.value {
                    Value::Integer(_) => self.integer(name, node, problems),
                    Value::String(text) => match crate::input::episode::parse_duration(text) {
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
                                other.type_name()
                            ),
                        ));
                        None
                    }
                };
            }
            "episode" | "season" => {
                // One message for every wrong value, huge numbers included.
                let number = match node.value {
                    Value::Integer(number) => u32::try_from(number).ok().filter(|n| *n >= 1),
                    _ => None,
                };
                if number.is_none() {
                    problems.push(self.error(
                        spot,
                        format!("`{name}` must be a whole number from 1 to {}", u32::MAX),
                    ));
                }
                if name == "episode" {
                    episode.number = number;
                } else {
                    episode.season = number;
                }
            }
            "episode_type" => {
                if let Some(kind) = self.string(name, node, problems) {
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
            "explicit" => match node.value.as_bool() {
                Some(explicit) => episode.explicit = Some(explicit),
                None => problems.push(self.error(spot, "`explicit` must be true or false".into())),
            },
            "transcript" => episode.transcript = self.transcript(node, problems),
            _ => {
                episode.chapters = self.string(name, node, problems).and_then(|url| {
                    crate::util::web_url_for_feed(&url)
                        .map(String::from)
                        .map_err(|why| {
                            problems
                                .push(self.error(spot, format!("`chapters` URL {url:?}: {why}")));
                        })
                        .ok()
                });
            }
        }
    }

    /// What is wrong with an `id`: an error from `check_id`, or a warning
    /// when it is not written the canonical way.
    fn id_problem(&self, id: &str, line: usize) -> Option<Diagnostic> {
        match check_id(id) {
            Err(message) => Some(self.error(&Spot::Line(line), message)),
            Ok(()) => crate::util::canonical_uri(id)
                .map(|canonical| self.warning(&Spot::Line(line), non_canonical_id(id, &canonical))),
        }
    }

    fn finish(
        &self,
        fields: Fields,
        default_slug: String,
        name_date: Option<NaiveDate>,
        body: &str,
        parsed: &mut Parsed,
    ) -> Option<Record> {
        let date = match (fields.date, fields.date_seen, name_date) {
            (Some(date), _, _) => Some(date),
            // Present but unreadable: already an error.
            (None, true, _) => None,
            (None, false, Some(day)) => {
                dates::parse_date(&day.format("%Y-%m-%d").to_string(), self.tz)
                    .ok()
                    .map(|parsed| parsed.instant)
            }
            // The Rust blog's Zola pages carry their date only in `path`.
            (None, false, None)
                if fields
                    .url
                    .as_ref()
                    .and_then(|(url, _)| date_in_path(url))
                    .is_some() =>
            {
                let day = fields.url.as_ref().and_then(|(url, _)| date_in_path(url))?;
                dates::parse_date(&day.format("%Y-%m-%d").to_string(), self.tz)
                    .ok()
                    .map(|parsed| parsed.instant)
            }
            (None, false, None) => {
                // A page (an "about" page, a section index): not a post, so
                // nothing else about it matters to a feed but where it is
                // published, when it says so, for links to it.
                parsed.undated = true;
                parsed.page_url = fields.url.map(|(url, _)| url);
                return None;
            }
        };
        let problems = &mut parsed.diagnostics;
        let first = Spot::Line(1);
        let title = match fields.title {
            Some(title) if !title.is_empty() => Some(title),
            Some(_) => {
                problems.push(self.error(&first, "`title` is empty".into()));
                None
            }
            // Already reported as a value of the wrong type.
            None if fields.title_seen => None,
            None => {
                problems.push(self.error(&first, "missing `title` in front matter".into()));
                None
            }
        };
        let (slug, slug_line) = fields.slug.unwrap_or((default_slug, 1));
        if let Err(message) = crate::input::discover::check_slug(&slug) {
            problems.push(self.error(&Spot::Line(slug_line), message));
        }
        if let Some((id, line)) = &fields.id {
            problems.extend(self.id_problem(id, *line));
        }
        if let Some((url, line)) = &fields.url
            && !is_web_url(url)
            && !is_site_path(url)
        {
            problems.push(self.error(
                &Spot::Line(*line),
                format!(
                    "`url` {url:?} must be an absolute http(s) URL or a path such as /news/story/"
                ),
            ));
        }
        Some(Record {
            path: self.path.to_path_buf(),
            slug,
            slug_line,
            title: title?,
            date: date?,
            updated: fields.updated,
            id_line: fields.id.as_ref().map_or(1, |(_, line)| *line),
            id: fields.id.map(|(id, _)| id),
            url_line: fields.url.as_ref().map_or(1, |(_, line)| *line),
            url: fields.url.map(|(url, _)| url),
            related: fields.related,
            draft: fields.draft,
            folder: String::new(),
            link_categories: fields.link_categories.join("/").into(),
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
                body_line: line_of_offset(self.text.as_bytes(), self.text.len() - body.len()),
                excerpt_separator: fields.excerpt_separator,
                reading_time: None,
                language: fields.language,
                translation: None,
                episode: fields.episode,
            })),
            facets: None,
            stamp: None,
        })
    }
}

pub fn is_web_url(text: &str) -> bool {
    url::Url::parse(text)
        .is_ok_and(|url| matches!(url.scheme(), "http" | "https") && url.host().is_some())
}

/// A link given as a path of the site (`/news/story/`, or Zola's
/// `news/story`), placed under `base_url` by the catalog.
pub fn is_site_path(text: &str) -> bool {
    !text.is_empty()
        && url::Url::parse(text).is_err()
        && !text.starts_with("//")
        && !text.contains('\\')
        && !text.chars().any(|c| c.is_control() || c.is_whitespace())
}

/// The warning for an id that validators call non-canonical; a published
/// id must not change, so it is only a warning.
pub(crate) fn non_canonical_id(id: &str, canonical: &str) -> String {
    format!(
        "`id` {id:?} is not in canonical form, which feed validators warn about; unless it is already published, write {canonical:?}"
    )
}

/// Ids must be absolute URIs: Atom requires it, and readers compare them as
/// strings, so `tag:` and `urn:uuid:` ids are the stable choice.
pub(crate) fn check_id(id: &str) -> Result<(), String> {
    crate::input::uri::check_id(id)
}

/// Eleventy's file-time date values, as (from git, the creation time).
fn file_time_form(text: &str) -> Option<(bool, bool)> {
    match text.trim().to_ascii_lowercase().as_str() {
        "last modified" => Some((false, false)),
        "created" => Some((false, true)),
        "git last modified" => Some((true, false)),
        "git created" => Some((true, true)),
        _ => None,
    }
}

/// Docsy and other Hugo themes write an author as a Markdown link,
/// `[Name](https://…)`: the name is the label and the link the author's
/// page. Only an http(s) link counts; anything else stays a plain name.
fn markdown_link(text: &str) -> Option<(&str, &str)> {
    let (label, rest) = text.strip_prefix('[')?.split_once("](")?;
    let uri = rest.strip_suffix(')')?;
    let web = crate::util::web_url_for_feed(uri).is_ok();
    let label = label.trim();
    (web && !label.is_empty() && !label.contains(['[', ']']) && !uri.contains(char::is_whitespace))
        .then_some((label, uri))
}

/// A name with Markdown links inside it (v8.dev's `Ingvar Stepanyan
/// ([@RReverser](https://twitter.com/RReverser))`) read as a person would
/// see it rendered: each link's label, never its Markdown or address.
fn links_as_labels(name: &str) -> String {
    if !name.contains("](") {
        return name.to_string();
    }
    let mut out = String::with_capacity(name.len());
    let mut rest = name;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let link = after.split_once("](").and_then(|(label, tail)| {
            // The address may hold balanced parentheses, as Markdown allows.
            let mut depth = 0usize;
            let close = tail.char_indices().find_map(|(at, c)| match c {
                '(' => {
                    depth += 1;
                    None
                }
                ')' if depth == 0 => Some(at),
                ')' => {
                    depth -= 1;
                    None
                }
                _ => None,
            })?;
            (!label.contains(['[', ']'])).then_some((label, &tail[close + 1..]))
        });
        if let Some((label, tail)) = link {
            out.push_str(&rest[..open]);
            out.push_str(label.trim());
            rest = tail;
        } else {
            out.push_str(&rest[..=open]);
            rest = after;
        }
    }
    out.push_str(rest);
    normalize_space(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_links_in_a_name_become_their_labels() {
        assert_eq!(
            links_as_labels("Ingvar Stepanyan ([@RReverser](https://twitter.com/RReverser))"),
            "Ingvar Stepanyan (@RReverser)"
        );
        assert_eq!(
            links_as_labels("[A](https://a.example) and [B](https://b.example)"),
            "A and B"
        );
        assert_eq!(links_as_labels("Plain [name] here"), "Plain [name] here");
        assert_eq!(links_as_labels("Broken [x](y"), "Broken [x](y");
        assert_eq!(links_as_labels("[Ana](javascript:alert(1)) Lee"), "Ana Lee");
    }

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
    fn an_image_table_gives_its_path_and_an_unknown_table_only_a_warning() {
        let parsed = parse_text(
            "---\ntitle: x\ndate: 2025-09-01\nimage:\n  width: 10\n  path: /a.jpg\n---\n",
        );
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        let record = parsed.record.unwrap();
        assert_eq!(record.details().image.as_deref(), Some("/a.jpg"));
        let parsed = parse_text("---\ntitle: x\ndate: 2025-09-01\nimage:\n  width: 10\n---\n");
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert!(!parsed.diagnostics[0].is_error());
        assert_eq!(parsed.diagnostics[0].line, Some(5));
        assert_eq!(parsed.record.unwrap().details().image, None);
    }

    #[test]
    fn an_author_written_as_a_markdown_link_is_a_name_and_a_page() {
        let parsed = parse_text(
            "---\ntitle: x\ndate: 2025-09-01\nauthor: '[Ana Ribeiro](https://example.com/ana)'\n---\n",
        );
        let record = parsed.record.unwrap();
        let author = &record.details().authors[0];
        assert_eq!(author.name, "Ana Ribeiro");
        assert_eq!(author.uri.as_deref(), Some("https://example.com/ana"));
        for plain in [
            "[Ana](javascript:alert(1))",
            "[](https://example.com/)",
            "Ana [x](y)",
        ] {
            assert_eq!(markdown_link(plain), None, "{plain}");
        }
    }

    #[test]
    fn yaml_1_1_words_for_false_hide_a_post_as_jekyll_reads_them() {
        for value in ["no", "\"false\"", "off", "No"] {
            let parsed = parse_text(&format!(
                "---\ntitle: x\ndate: 2025-09-01\npublished: {value}\n---\n"
            ));
            assert!(
                parsed.diagnostics.is_empty(),
                "{value}: {:?}",
                parsed.diagnostics
            );
            assert!(parsed.record.unwrap().draft, "{value}");
        }
        let parsed = parse_text("---\ntitle: x\ndate: 2025-09-01\ndraft: yes\n---\n");
        assert!(parsed.record.unwrap().draft);
        let parsed = parse_text("---\ntitle: x\npublished: 2025-09-01\n---\n");
        assert!(!parsed.record.unwrap().draft);
    }

    #[test]
    fn eleventys_file_dates_are_the_files_times() {
        let dir = std::env::temp_dir().join(format!("fw-eleventy-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("post.md");
        let text = "---\ntitle: x\ndate: Last Modified\n---\n";
        std::fs::write(&path, text).unwrap();
        let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
        let parsed = parse(&path, "post".into(), text, Tz::UTC);
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(
            parsed.record.unwrap().date,
            DateTime::<chrono::Utc>::from(modified).fixed_offset()
        );
        let text = "---\ntitle: x\ndate: git Created\n---\n";
        let parsed = parse(&path, "post".into(), text, Tz::UTC);
        assert_eq!(parsed.diagnostics.len(), 1, "{:?}", parsed.diagnostics);
        assert!(
            parsed.diagnostics[0]
                .message
                .contains("not from git history")
        );
        assert!(parsed.record.is_some());
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_title_yaml_reads_as_a_whole_number_is_still_the_title() {
        let parsed = parse_text("---\ntitle: 1984\ndate: 2025-09-01\n---\n");
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
        assert_eq!(parsed.record.unwrap().title, "1984");
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
    fn a_missing_title_is_an_error_at_line_one_and_no_date_makes_a_page() {
        // The contract changed: a Markdown file with no date is a page
        // (reported once for the site by the parse stage), not an error.
        let parsed = parse_text("+++\ndate = \"2025-09-01\"\n+++\n");
        assert!(
            parsed.diagnostics.iter().any(|d| d.is_error()
                && d.line == Some(1)
                && d.message.contains("missing `title`"))
        );
        let parsed = parse_text("+++\ntitle = \"About\"\n+++\n");
        assert!(parsed.undated);
        assert!(parsed.record.is_none());
        assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    }

    #[test]
    fn unknown_keys_are_collected_and_wrong_types_fail() {
        // Unknown keys are reported once per key name for the whole site
        // by the parse stage, so the parser only collects them.
        let parsed =
            parse_text("+++\ntitle = \"x\"\ndate = \"2025-09-01\"\ncolour = \"red\"\n+++\n");
        assert!(parsed.record.is_some());
        assert!(parsed.diagnostics.is_empty());
        assert_eq!(
            parsed.unknown_keys,
            [UnknownKey {
                key: "colour".into(),
                line: 4,
                column: Some((1, 6))
            }]
        );

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
