//! `feed.toml`: the site's settings, read strictly (a misspelt key is an
//! error, never silently ignored) and validated before any record is read.

use crate::report::diagnostic::{Diagnostic, line_of_offset};
use crate::report::outcome::FeedKind;
use crate::util::{is_email, is_language_tag};
use chrono_tz::Tz;
use serde::Deserialize;
use std::path::{Component, Path, PathBuf};
use url::Url;

const LOCK_FILE: &str = "feedwright.lock";

/// The list of every feed, written beside the site's feeds when `[feeds]`
/// asks for more than those.
pub const OPML_FILE: &str = "feeds.opml";

/// The XSLT stylesheet that shows the RSS and Atom feeds as a page, at the
/// top of the output folder.
pub const STYLESHEET_FILE: &str = "feed.xsl";

/// The placeholders a `permalink` pattern may use.
const PERMALINK_PLACEHOLDERS: [&str; 8] = [
    "{slug}",
    "{path}",
    "{year}",
    "{month}",
    "{day}",
    "{i_month}",
    "{i_day}",
    "{categories}",
];

/// `permalink_case`: Hugo lower-cases every link it makes from a pattern
/// (its `disablePathToLower = false`), so a Hugo site's `slug:
/// EOY-Letter` is published at `/eoy-letter/`; Zola and Jekyll keep the
/// case. Keeping it is the default, since changing it would change the
/// ids of every site already published.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PermalinkCase {
    #[default]
    Keep,
    Lower,
}

/// `permalink_dates`: which calendar day `{year}`, `{month}` and `{day}`
/// name. Jekyll (and feedwright by default) take the day in the site's
/// `timezone`; Hugo takes it in the offset the date was written with, so
/// `2024-01-01T00:30:00+09:00` is under `/2024/01/01/` there whatever the
/// site's zone.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum PermalinkDates {
    #[default]
    Timezone,
    OwnOffset,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    base_url: String,
    description: String,
    language: String,
    author: RawAuthor,
    #[serde(default = "default_articles")]
    articles: String,
    #[serde(default = "default_output")]
    output: String,
    #[serde(default = "default_limit")]
    limit: usize,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_permalink")]
    permalink: String,
    #[serde(default)]
    permalink_case: PermalinkCase,
    #[serde(default)]
    permalink_dates: PermalinkDates,
    #[serde(default = "default_rss")]
    rss: String,
    #[serde(default = "default_atom")]
    atom: String,
    #[serde(default = "default_json")]
    json: String,
    #[serde(default = "default_formats")]
    formats: Vec<String>,
    #[serde(default)]
    feeds: FeedSwitches,
    #[serde(default = "default_max_record_bytes")]
    max_record_bytes: u64,
    podcast: Option<crate::site::podcast::RawPodcast>,
    #[serde(default)]
    exclude: Vec<String>,
    #[serde(default)]
    stylesheet: bool,
    html: Option<String>,
    /// Read as any value so that a negative or non-integer one gets a
    /// message in words, naming the key, rather than serde's "expected usize".
    archive: Option<toml::Value>,
    #[serde(default)]
    hub: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    name: String,
    email: Option<String>,
    uri: Option<String>,
}

fn default_articles() -> String {
    "articles".into()
}
fn default_output() -> String {
    "public".into()
}
fn default_limit() -> usize {
    50
}
fn default_timezone() -> String {
    "UTC".into()
}
fn default_permalink() -> String {
    "/articles/{slug}/".into()
}
fn default_rss() -> String {
    "rss.xml".into()
}
fn default_atom() -> String {
    "atom.xml".into()
}
fn default_json() -> String {
    "feed.json".into()
}
fn default_formats() -> Vec<String> {
    vec!["rss".into(), "atom".into()]
}

/// `[feeds]`: which extra feeds a build writes besides the site's own, one
/// per value found in the records.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FeedSwitches {
    #[serde(default)]
    pub tags: bool,
    #[serde(default)]
    pub authors: bool,
    #[serde(default)]
    pub sections: bool,
    #[serde(default)]
    pub languages: bool,
}
/// 16 MiB: far above any real article, far below what would hurt memory.
fn default_max_record_bytes() -> u64 {
    16 * 1024 * 1024
}

#[derive(Debug, Clone)]
pub struct SiteAuthor {
    pub name: String,
    pub email: Option<String>,
    pub uri: Option<String>,
}

/// A validated configuration: every path is resolved against the config
/// file's folder, every URL is parsed.
#[derive(Debug, Clone)]
pub struct Config {
    pub path: PathBuf,
    pub title: String,
    /// Always ends in `/`, so that joining a relative path keeps its path.
    pub base_url: Url,
    pub description: String,
    pub language: String,
    pub author: SiteAuthor,
    pub articles_dir: PathBuf,
    pub output_dir: PathBuf,
    /// 0 means every item.
    pub limit: usize,
    pub timezone: Tz,
    /// The pattern without its leading `/`, ready to join to `base_url`;
    /// already in lower case under `permalink_case = "lower"`.
    pub permalink: String,
    pub permalink_case: PermalinkCase,
    pub permalink_dates: PermalinkDates,
    pub rss_file: PathBuf,
    pub atom_file: PathBuf,
    pub json_file: PathBuf,
    /// The formats every feed is written in, in the order given, each once.
    pub formats: Vec<FeedKind>,
    pub feeds: FeedSwitches,
    /// A record file larger than this is an error, read no further.
    pub max_record_bytes: u64,
    /// Present when the site is a podcast: turns on the `itunes` and
    /// `podcast` namespaces.
    pub podcast: Option<crate::site::podcast::Podcast>,
    /// gitignore-style globs, relative to the articles folder: files and
    /// folders that are not records.
    pub exclude: Vec<String>,
    /// Write `feed.xsl` and point every RSS and Atom file at it.
    pub stylesheet: bool,
    /// The static HTML page of the site's feeds, inside the output folder.
    pub html_file: Option<PathBuf>,
    /// Items per RFC 5005 archive page of the site's feed; 0: no archive.
    pub archive: usize,
    /// `WebSub` hubs every feed names, and `build --ping` notifies.
    pub hubs: Vec<Url>,
    /// What is legal but does nothing (`stylesheet` with no RSS or Atom
    /// feed), reported by every command that reads the config.
    pub warnings: Vec<Diagnostic>,
    /// The config file's text as it was read: for locating keys in later
    /// messages and for the archive pages' digests, which must see the same
    /// bytes the build used rather than read the file again.
    pub source: String,
}

impl Config {
    /// Reads and validates the config file. Every problem is returned at
    /// once: all of them mean exit code 2.
    pub fn load(path: &Path) -> Result<Self, Vec<Diagnostic>> {
        // A FIFO or device would block the read for ever, or never end.
        if std::fs::metadata(path).is_ok_and(|meta| !meta.is_file()) {
            return Err(vec![Diagnostic::error(
                path,
                None,
                "the config is not a regular file (a folder, FIFO or device); name a feed.toml file",
            )]);
        }
        let text = match std::fs::read(path) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(error) => {
                    let offset = error.utf8_error().valid_up_to();
                    let line = line_of_offset(error.as_bytes(), offset);
                    return Err(vec![Diagnostic::error(
                        path,
                        Some(line),
                        format!("not valid UTF-8: invalid byte at offset {offset}"),
                    )]);
                }
            },
            Err(error) => {
                let problem =
                    Diagnostic::error(path, None, format!("cannot read the config file: {error}"));
                if error.kind() != std::io::ErrorKind::NotFound {
                    return Err(vec![problem]);
                }
                // Most often a first run, or a run in the wrong folder.
                let dir = path
                    .parent()
                    .filter(|dir| !dir.as_os_str().is_empty() && *dir != Path::new("."))
                    .map(|dir| format!(" {}", dir.display()))
                    .unwrap_or_default();
                return Err(vec![problem.with_hint(format!(
                    "to start a new site, run `feedwright init{dir}`; to use an existing one, run from its folder or pass `--config PATH/feed.toml`"
                ))]);
            }
        };
        let config = Self::parse(path, &text)?;
        // Caught here, before any record is read: it is the config that is
        // wrong, and the file it names must never be replaced.
        if config.output_dir.exists() && !config.output_dir.is_dir() {
            return Err(vec![
                Diagnostic::error(
                    path,
                    key_line(&text, "output"),
                    format!(
                        "`output` names {}, which is a file, not a folder",
                        config.output_dir.display()
                    ),
                )
                .with_hint("point `output` at a folder (it is created if missing)"),
            ]);
        }
        Ok(config)
    }

    pub fn parse(path: &Path, text: &str) -> Result<Self, Vec<Diagnostic>> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let raw: RawConfig =
            toml::from_str(text).map_err(|error| vec![toml_error(path, text, &error)])?;
        let base_dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String| {
            let line = key_line(text, key);
            problems.push(Diagnostic::error(path, line, message));
        };

        let base_url = match parse_base_url(&raw.base_url) {
            Ok(url) => Some(url),
            Err(message) => {
                problem(
                    "base_url",
                    format!("invalid `base_url` {:?}: {message}", raw.base_url),
                );
                None
            }
        };
        check_required_text(&raw, &mut problem);
        let timezone = if let Ok(tz) = raw.timezone.parse::<Tz>() {
            Some(tz)
        } else {
            problem(
                "timezone",
                format!(
                    "unknown `timezone` {:?}: expected an IANA name such as \"UTC\" or \"Europe/Lisbon\"",
                    raw.timezone
                ),
            );
            None
        };
        let permalink = match check_permalink(&raw.permalink) {
            // Hugo lower-cases the pattern's own text too (`/Blog/:slug/`
            // is published at `/blog/…`); the placeholders are already.
            Ok(pattern) if raw.permalink_case == PermalinkCase::Lower => {
                Some(pattern.to_lowercase())
            }
            Ok(pattern) => Some(pattern),
            Err(message) => {
                problem(
                    "permalink",
                    format!("invalid `permalink` {:?}: {message}", raw.permalink),
                );
                None
            }
        };
        let (formats, [rss_file, atom_file, json_file, html_file]) =
            check_output_names(&raw, &mut problem);
        let (stylesheet, warnings) = check_stylesheet(&raw, &formats, path, text);
        check_reading(&raw, &mut problem);
        let author_uri = check_author(&raw.author, &mut problem);
        let archive = check_archive(raw.archive.as_ref(), &mut problem);
        let hubs = check_hubs(&raw.hub, &mut problem);
        let podcast = raw
            .podcast
            .map(|podcast| podcast.validate(base_url.as_ref(), &mut problem));
        match (
            base_url, timezone, permalink, rss_file, atom_file, json_file,
        ) {
            (
                Some(base_url),
                Some(timezone),
                Some(permalink),
                Some(rss_file),
                Some(atom_file),
                Some(json_file),
            ) if problems.is_empty() => Ok(Config {
                source: text.to_string(),
                path: path.to_path_buf(),
                title: raw.title.trim().to_string(),
                base_url,
                description: raw.description.trim().to_string(),
                language: raw.language,
                author: SiteAuthor {
                    name: raw.author.name.trim().to_string(),
                    email: raw.author.email,
                    uri: author_uri,
                },
                articles_dir: base_dir.join(&raw.articles),
                output_dir: base_dir.join(&raw.output),
                limit: raw.limit,
                timezone,
                permalink,
                permalink_case: raw.permalink_case,
                permalink_dates: raw.permalink_dates,
                rss_file,
                atom_file,
                json_file,
                formats,
                feeds: raw.feeds,
                max_record_bytes: raw.max_record_bytes,
                podcast,
                exclude: raw.exclude,
                stylesheet,
                html_file,
                archive,
                hubs,
                warnings,
            }),
            _ => Err(problems),
        }
    }

    /// `feedwright.lock`, beside the config file.
    pub fn lock_path(&self) -> PathBuf {
        self.path
            .parent()
            .map_or_else(|| PathBuf::from(LOCK_FILE), |dir| dir.join(LOCK_FILE))
    }

    /// The feeds may replace nothing but feeds: not the config file in use,
    /// not the lock file, no record and nothing in the articles folder, and
    /// the output folder is neither `/`, nor the articles folder, nor
    /// inside it or around it. `key` names the setting to blame (`output`,
    /// or `--out` when that overrode it). Paths are compared canonicalised,
    /// so `./public`, a symlink and `..` detours cannot slip past.
    pub fn check_outputs(&self, key: &str) -> Result<(), Vec<Diagnostic>> {
        let text = &self.source;
        let mut problems = Vec::new();
        let mut problem = |key: &str, message: String| {
            let line = if key.starts_with("--") {
                None
            } else {
                key_line(text, key)
            };
            problems.push(Diagnostic::error(&self.path, line, message));
        };
        // Folders are followed to the end: `articles` may itself be a
        // symlink, and `output` naming its target is the same folder.
        let folder = |path: &Path| path.canonicalize().unwrap_or_else(|_| resolve(path));
        let output = folder(&self.output_dir);
        let articles = folder(&self.articles_dir);
        let shown = self.output_dir.display();
        if output.parent().is_none() {
            problem(
                key,
                format!("`{key}` is {shown}, the root folder; name a folder of its own"),
            );
        } else if output == articles {
            problem(
                key,
                format!("`{key}` is the articles folder; the feeds need a folder of their own"),
            );
        } else if articles.starts_with(&output) {
            problem(
                key,
                format!(
                    "`{key}` ({shown}) contains the articles folder; the feeds need a folder of their own"
                ),
            );
        } else if output.starts_with(&articles) {
            problem(
                key,
                format!(
                    "`{key}` ({shown}) lies inside the articles folder, where the feeds would be read as the site's files"
                ),
            );
        }
        let protected = [
            ("the config file", &self.path),
            ("the lock file", &self.lock_path()),
        ];
        let files = [
            ("rss", Some(&self.rss_file)),
            ("atom", Some(&self.atom_file)),
            ("json", Some(&self.json_file)),
            ("html", self.html_file.as_ref()),
        ];
        for (file_key, file) in files
            .into_iter()
            .filter_map(|(key, file)| Some((key, file?)))
        {
            let target = self.output_dir.join(file);
            let real = resolve(&target);
            let followed = target.canonicalize().ok();
            let hits = |other: &Path| {
                let other_real = resolve(other);
                real == other_real || followed.as_deref() == Some(other_real.as_path())
            };
            if let Some((what, _)) = protected.iter().find(|(_, other)| hits(other)) {
                problem(
                    file_key,
                    format!("`{file_key}` would overwrite {what} ({})", target.display()),
                );
            } else if real.starts_with(&articles)
                || followed
                    .as_ref()
                    .is_some_and(|path| path.starts_with(&articles))
            {
                problem(
                    file_key,
                    format!(
                        "`{file_key}` would write {} inside the articles folder",
                        target.display()
                    ),
                );
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    pub fn rss_url(&self) -> Url {
        self.output_url(&self.rss_file)
    }

    pub fn atom_url(&self) -> Url {
        self.output_url(&self.atom_file)
    }

    /// The file name a feed of this format gets, in every feed's folder.
    pub fn file_of(&self, kind: FeedKind) -> &Path {
        match kind {
            FeedKind::Rss => &self.rss_file,
            FeedKind::Atom => &self.atom_file,
            FeedKind::Json => &self.json_file,
            FeedKind::Opml => Path::new(OPML_FILE),
            FeedKind::Stylesheet => Path::new(STYLESHEET_FILE),
            // Asked for only when the page is written.
            FeedKind::Page => self.html_file.as_deref().unwrap_or(Path::new("index.html")),
        }
    }

    /// Where a feed of `kind` in `folder` (below the output folder, `/`
    /// separated, empty for the site's own feeds) is published.
    pub fn feed_url(&self, folder: &str, kind: FeedKind) -> Url {
        let file = self.file_of(kind);
        if folder.is_empty() {
            return self.output_url(file);
        }
        self.output_url(&Path::new(folder).join(file))
    }

    /// Feeds are published at the site root: `base_url` + file name. Each
    /// segment is percent-encoded, so that a `#` or `?` in a file name is
    /// part of the path, as a server publishes it, not a fragment or query.
    fn output_url(&self, file: &Path) -> Url {
        let relative: Vec<String> = file
            .components()
            .map(|part| {
                let part = part.as_os_str().to_string_lossy();
                percent_encoding::utf8_percent_encode(&part, crate::util::PATH_SEGMENT).to_string()
            })
            .collect();
        // Validated as plain relative names, so joining cannot fail or
        // escape; the `./` keeps a first segment such as `a:b.xml` from
        // being read as a scheme.
        self.base_url
            .join(&format!("./{}", relative.join("/")))
            .unwrap_or_else(|_| self.base_url.clone())
    }
}

/// `path` made absolute with every symlink of its existing part followed;
/// the part that does not exist yet is appended as written (it holds no
/// `..`: callers pass paths checked to be plain).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut existing = absolute.as_path();
    let mut missing = Vec::new();
    loop {
        // The file itself is not followed: a rename replaces a symlink, not
        // what it points to. Its folders are.
        let resolved = if missing.is_empty() {
            existing
                .parent()
                .and_then(|parent| Some(parent.canonicalize().ok()?.join(existing.file_name()?)))
        } else {
            existing.canonicalize().ok()
        };
        if let Some(mut resolved) = resolved {
            for part in missing.iter().rev() {
                resolved.push(part);
            }
            return normalize(&resolved);
        }
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                missing.push(name.to_os_string());
                existing = parent;
            }
            _ => return normalize(&absolute),
        }
    }
}

/// Removes `.` and folds `..` lexically, for the part of a path that does
/// not exist yet.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

fn check_required_text(raw: &RawConfig, problem: &mut impl FnMut(&str, String)) {
    if raw.title.trim().is_empty() {
        problem("title", "`title` must not be empty".into());
    }
    if raw.description.trim().is_empty() {
        problem("description", "`description` must not be empty".into());
    }
    if !is_language_tag(&raw.language) {
        problem(
            "language",
            format!(
                "invalid `language` {:?}: expected a language tag starting with an ISO 639 language code, such as \"en\" or \"pt-BR\"",
                raw.language
            ),
        );
    }
    if raw.author.name.trim().is_empty() {
        problem("name", "`author.name` must not be empty".into());
    }
}

/// The file names of the three formats: plain relative paths, no two alike.
fn check_feed_files(
    raw: &RawConfig,
    problem: &mut impl FnMut(&str, String),
) -> [Option<PathBuf>; 3] {
    let rss_file = named_output_file("rss", &raw.rss, problem);
    let atom_file = named_output_file("atom", &raw.atom, problem);
    let json_file = named_output_file("json", &raw.json, problem);
    if rss_file.is_some() && rss_file == atom_file {
        problem("atom", "`rss` and `atom` name the same file".into());
    }
    if json_file.is_some() && (json_file == rss_file || json_file == atom_file) {
        problem(
            "json",
            "`json` names the same file as `rss` or `atom`".into(),
        );
    }
    [rss_file, atom_file, json_file]
}

/// An output file's name checked as a plain relative path that is not
/// the name of feedwright's own list of extra feeds.
fn named_output_file(
    key: &str,
    value: &str,
    problem: &mut impl FnMut(&str, String),
) -> Option<PathBuf> {
    match check_output_file(value) {
        Ok(file) if file == Path::new(crate::util::MANIFEST_FILE) => {
            problem(
                key,
                format!(
                    "invalid `{key}` {value:?}: that is the name of feedwright's own list of extra feeds"
                ),
            );
            None
        }
        Ok(file) if file == Path::new(crate::util::ARCHIVE_STATE_FILE) => {
            problem(
                key,
                format!(
                    "invalid `{key}` {value:?}: that is the name of feedwright's own list of archive pages"
                ),
            );
            None
        }
        Ok(file) => Some(file),
        Err(message) => {
            problem(key, format!("invalid `{key}` {value:?}: {message}"));
            None
        }
    }
}

/// `html`: a plain relative name like the feeds', ending in `.html` or
/// `.htm` (what a static host and a browser opening it from disk need to
/// show it as a page), and no other output's name: not a feed's, not
/// `feed.xsl` nor `feeds.opml`.
fn check_page_file(
    value: Option<&str>,
    feeds: &[&Option<PathBuf>],
    problem: &mut impl FnMut(&str, String),
) -> Option<PathBuf> {
    let value = value?;
    let file = named_output_file("html", value, problem)?;
    let is_page = file
        .extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| ext.eq_ignore_ascii_case("html") || ext.eq_ignore_ascii_case("htm"));
    let taken = feeds.iter().any(|feed| feed.as_ref() == Some(&file))
        || file == Path::new(STYLESHEET_FILE)
        || file == Path::new(OPML_FILE);
    if !is_page {
        problem(
            "html",
            format!("invalid `html` {value:?}: the page's name must end in .html or .htm"),
        );
        None
    } else if taken {
        problem(
            "html",
            format!("invalid `html` {value:?}: another output of the build has that name"),
        );
        None
    } else {
        Some(file)
    }
}

/// The formats and the names of the site's own outputs (`rss`, `atom`,
/// `json`, `html`), each checked alone and against the others.
fn check_output_names(
    raw: &RawConfig,
    problem: &mut impl FnMut(&str, String),
) -> (Vec<FeedKind>, [Option<PathBuf>; 4]) {
    let [rss_file, atom_file, json_file] = check_feed_files(raw, problem);
    let html_file = check_page_file(
        raw.html.as_deref(),
        &[&rss_file, &atom_file, &json_file],
        problem,
    );
    let formats = check_formats(&raw.formats, problem);
    check_nesting(
        raw,
        &formats,
        [&rss_file, &atom_file, &json_file, &html_file],
        problem,
    );
    (formats, [rss_file, atom_file, json_file, html_file])
}

/// Only RSS and Atom can name a stylesheet: with neither, feed.xsl would
/// be written for nothing (and could block on a file of the user's own),
/// so it is not, with a warning.
fn check_stylesheet(
    raw: &RawConfig,
    formats: &[FeedKind],
    path: &Path,
    text: &str,
) -> (bool, Vec<Diagnostic>) {
    let stylesheet = raw.stylesheet
        && formats
            .iter()
            .any(|kind| matches!(kind, FeedKind::Rss | FeedKind::Atom));
    let mut warnings = Vec::new();
    if raw.stylesheet && !stylesheet {
        warnings.push(Diagnostic::warning(
            path,
            key_line(text, "stylesheet"),
            "`stylesheet = true` does nothing: no RSS or Atom feed is written (`formats`), so feed.xsl is not written",
        ));
    }
    (stylesheet, warnings)
}

/// No output of the site's own may lie inside another's path
/// (`html = "rss.xml/index.html"`), nor be the stylesheet or the list of
/// feeds: one of the two files could not be written. `files` are the
/// `rss`, `atom`, `json` and `html` names; a format not in `formats` is
/// not written and takes no name.
fn check_nesting(
    raw: &RawConfig,
    formats: &[FeedKind],
    files: [&Option<PathBuf>; 4],
    problem: &mut impl FnMut(&str, String),
) {
    let [rss, atom, json, html] = files;
    let written = |kind: FeedKind| formats.contains(&kind);
    let mut outputs: Vec<(&str, &Path)> = [
        ("rss", rss, written(FeedKind::Rss)),
        ("atom", atom, written(FeedKind::Atom)),
        ("json", json, written(FeedKind::Json)),
        ("html", html, true),
    ]
    .into_iter()
    .filter_map(|(key, file, written)| Some((key, file.as_deref().filter(|_| written)?)))
    .collect();
    let feeds = outputs.clone();
    if raw.stylesheet {
        outputs.push(("stylesheet", Path::new(STYLESHEET_FILE)));
    }
    if raw.feeds != FeedSwitches::default() {
        outputs.push(("[feeds]", Path::new(OPML_FILE)));
    }
    for (key, file) in &feeds {
        let value = file.display();
        for (other, other_file) in outputs.iter().filter(|(other, _)| other != key) {
            if file == other_file && !feeds.iter().any(|(feed, _)| feed == other) {
                let what = if *other == "stylesheet" {
                    "`stylesheet = true` writes the stylesheet there"
                } else {
                    "`[feeds]` writes the list of every feed (OPML) there"
                };
                problem(key, format!("invalid `{key}` {value:?}: {what}"));
            } else if file != other_file && file.starts_with(other_file) {
                problem(
                    key,
                    format!(
                        "invalid `{key}` {value:?}: it would lie inside {:?}, the file `{}` writes; one of the two could not be written",
                        other_file.display(),
                        other.trim_matches(['[', ']'])
                    ),
                );
            }
        }
    }
}

/// The keys that say what is read and where the feeds go.
fn check_reading(raw: &RawConfig, problem: &mut impl FnMut(&str, String)) {
    if raw.articles.trim().is_empty() {
        problem("articles", "`articles` must not be empty".into());
    }
    for pattern in &raw.exclude {
        if let Err(message) = crate::input::discover::check_exclude_pattern(pattern) {
            problem("exclude", message);
        }
    }
    if raw.max_record_bytes == 0 {
        problem(
            "max_record_bytes",
            "`max_record_bytes` must be at least 1".into(),
        );
    }
    if raw.output.trim().is_empty() {
        problem("output", "`output` must not be empty".into());
    }
}

/// `formats`: known names, each once, at least one. An unknown name is a
/// config error rather than a format silently not written.
fn check_formats(names: &[String], problem: &mut impl FnMut(&str, String)) -> Vec<FeedKind> {
    let mut formats = Vec::new();
    for name in names {
        let kind = match name.as_str() {
            "rss" => FeedKind::Rss,
            "atom" => FeedKind::Atom,
            "json" => FeedKind::Json,
            other => {
                problem(
                    "formats",
                    format!(
                        "unknown format {other:?} in `formats`: expected \"rss\", \"atom\" or \"json\""
                    ),
                );
                continue;
            }
        };
        if formats.contains(&kind) {
            problem("formats", format!("`formats` names {name:?} twice"));
        } else {
            formats.push(kind);
        }
    }
    if names.is_empty() {
        problem(
            "formats",
            "`formats` is empty: name at least one of \"rss\", \"atom\", \"json\"".into(),
        );
    }
    formats
}

/// `archive`: a whole number of items per page, 0 (or absent) for none.
fn check_archive(value: Option<&toml::Value>, problem: &mut impl FnMut(&str, String)) -> usize {
    match value {
        None => 0,
        Some(toml::Value::Integer(count)) if *count >= 0 => {
            usize::try_from(*count).unwrap_or(usize::MAX)
        }
        Some(other) => {
            problem(
                "archive",
                format!(
                    "`archive` must be a whole number of items per archive page (0 for none), not {other}"
                ),
            );
            0
        }
    }
}

/// The most `hub` entries a site may name.
const MAX_HUBS: usize = 10;

/// `hub`: each an absolute http(s) URL, since it is published in every
/// feed and posted to by `build --ping`.
fn check_hubs(hubs: &[String], problem: &mut impl FnMut(&str, String)) -> Vec<Url> {
    // `build --ping` tells the hubs one after another, each within 10 s:
    // a bound on their number bounds the time a ping can take.
    if hubs.len() > MAX_HUBS {
        problem(
            "hub",
            format!(
                "`hub` names {} hubs; at most {MAX_HUBS} are allowed (each is told of every changed feed in turn)",
                hubs.len()
            ),
        );
    }
    let mut found: Vec<Url> = Vec::new();
    for hub in hubs {
        match Url::parse(hub.trim()) {
            Ok(url) if found.contains(&url) => problem(
                "hub",
                format!("`hub` names {hub:?} twice; each hub would be told twice"),
            ),
            Ok(url)
                if matches!(url.scheme(), "http" | "https")
                    && url.host_str().is_some_and(|host| !host.is_empty())
                    && url.username().is_empty()
                    && url.password().is_none() =>
            {
                found.push(url);
            }
            _ => problem(
                "hub",
                format!(
                    "`hub` {hub:?} must be an absolute http(s) URL, such as \"https://websub.example/\""
                ),
            ),
        }
    }
    found
}

/// Returns the author's URI when it is given and valid.
fn check_author(author: &RawAuthor, problem: &mut impl FnMut(&str, String)) -> Option<String> {
    if let Some(email) = &author.email
        && !is_email(email)
    {
        problem(
            "email",
            format!(
                "invalid `author.email` {email:?}: expected an address such as desk@example.com"
            ),
        );
    }
    let uri = author.uri.as_deref()?;
    match Url::parse(uri) {
        Ok(url) if matches!(url.scheme(), "http" | "https") => Some(url.to_string()),
        _ => {
            problem(
                "uri",
                format!("invalid `author.uri` {uri:?}: expected an absolute http(s) URL"),
            );
            None
        }
    }
}

/// A located message for a feed.toml that does not parse or does not fit.
fn toml_error(path: &Path, text: &str, error: &toml::de::Error) -> Diagnostic {
    let (mut message, hint) = describe_toml_error(error.message());
    let mut diagnostic = Diagnostic::error(path, None, String::new());
    if let Some(span) = error.span() {
        let (line, column) = crate::report::diagnostic::position(text, span.start);
        diagnostic.line = Some(line);
        diagnostic = diagnostic.with_column(
            column,
            crate::report::diagnostic::span_width(text, span.clone()),
        );
        // "invalid type: integer `3`, expected a string" says what, not where:
        // name the key written on that line. A missing key has no line of
        // its own (the span is the whole table), so no key is named for it.
        let key = (!message.starts_with("missing required key "))
            .then_some(text)
            .into_iter()
            .flat_map(str::lines)
            .nth(line - 1)
            .and_then(|source| source.split_once('='))
            .map(|(key, _)| key.trim())
            .filter(|key| !key.is_empty() && !key.starts_with('['));
        if let Some(key) = key
            && !message.contains(&format!("`{key}`"))
        {
            message = format!("`{key}`: {message}");
        }
        // A missing key of the top level is reported at no line: the
        // table it belongs to is the whole file, whose first line holds
        // some other key.
        if message.starts_with("missing required key ") && span.start == 0 {
            diagnostic.line = None;
            diagnostic.column = None;
        }
    }
    // An unknown key below a [table] header belongs to that table, which is
    // usually a top-level key written too low in the file.
    let table = diagnostic.line.and_then(|line| {
        let lines: Vec<&str> = text.lines().take(line).collect();
        lines
            .into_iter()
            .rev()
            .map(str::trim)
            .find(|source| source.starts_with('['))
            .map(|header| {
                header
                    .trim_matches(|c| c == '[' || c == ']')
                    .trim()
                    .to_string()
            })
    });
    let mut hint = hint;
    if let Some(table) = table
        && message.starts_with("unknown key ")
    {
        message = message.replace(" in feed.toml", &format!(" in the [{table}] table"));
        hint = hint.map(|known| {
            format!("{known}; top-level keys must come before the first [table] line")
        });
    }
    diagnostic.message = message;
    match hint {
        Some(hint) => diagnostic.with_hint(hint),
        None => diagnostic,
    }
}

/// toml's messages name fields; our users think in keys. Returns the
/// message and, where one helps, a hint.
fn describe_toml_error(message: &str) -> (String, Option<String>) {
    let message = message.trim();
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (key, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        let hint = (!expected.is_empty()).then(|| {
            format!(
                "known keys here: {}",
                expected.trim_start_matches("one of ")
            )
        });
        return (format!("unknown key {key} in feed.toml"), hint);
    }
    if let Some(rest) = message.strip_prefix("missing field ") {
        return (format!("missing required key {rest}"), None);
    }
    (message.to_string(), None)
}

/// The line where `key = …` is written, for messages about its value.
fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map(|index| index + 1)
}

fn parse_base_url(text: &str) -> Result<Url, String> {
    let url = Url::parse(text.trim()).map_err(|error| match error {
        url::ParseError::RelativeUrlWithoutBase => {
            "it has no scheme; write it in full, such as \"https://news.example.com/\"".to_string()
        }
        other => other.to_string(),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!(
            "the scheme must be http or https, not {:?}",
            url.scheme()
        ));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err("it has no host".into());
    }
    // Credentials would be published in every link; a query or fragment
    // would end up in the middle of every link made from it.
    if !url.username().is_empty() || url.password().is_some() {
        return Err("it must not hold a user name or password".into());
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err("it must not have a query or fragment".into());
    }
    let mut url = crate::util::feed_url(url)?;
    if !url.path().ends_with('/') {
        let path = format!("{}/", url.path());
        url.set_path(&path);
    }
    Ok(url)
}

fn check_permalink(pattern: &str) -> Result<String, String> {
    if Url::parse(pattern).is_ok() {
        return Err("it must be a path below `base_url`, not a full URL".into());
    }
    // URL parsers read `\` as `/` and `//` as the start of a host: either
    // could send every link to another site.
    if pattern.contains(['\\', '?', '#']) || pattern.starts_with("//") {
        return Err("it must be a plain path: no `\\`, no leading `//`, no `?` or `#`".into());
    }
    if !pattern.contains("{slug}") {
        return Err("it must contain {slug}, or two articles would share a link".into());
    }
    let mut rest = pattern;
    while let Some(start) = rest.find('{') {
        let after = &rest[start..];
        let Some(end) = after.find('}') else {
            return Err("a `{` is never closed".into());
        };
        let placeholder = &after[..=end];
        if !PERMALINK_PLACEHOLDERS.contains(&placeholder) {
            return Err(format!(
                "unknown placeholder {placeholder}; use {}",
                PERMALINK_PLACEHOLDERS.join(", ")
            ));
        }
        rest = &after[end + 1..];
    }
    if pattern
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err("it must not contain `.` or `..` segments".into());
    }
    Ok(pattern.trim_start_matches('/').to_string())
}

/// Feed file names are plain relative paths so that no config can make us
/// write outside the output folder.
fn check_output_file(value: &str) -> Result<PathBuf, String> {
    let path = Path::new(value);
    if value.trim().is_empty() {
        return Err("it must not be empty".into());
    }
    if value.contains('\\') || value.contains('\0') {
        return Err("it must be a plain relative path using `/`".into());
    }
    // A name is printed in messages and in the CI action's summary: a
    // newline or escape sequence in it would forge lines there.
    if value.chars().any(char::is_control) {
        return Err("it must not hold control characters".into());
    }
    // Windows cannot name a file with `:`, and in the page's relative
    // links a first segment holding one reads as a URL scheme.
    if value.contains(':') {
        return Err(
            "it must not contain `:` (not portable, and read as a URL scheme in links)".into(),
        );
    }
    let mut parts = 0;
    for component in path.components() {
        match component {
            Component::Normal(_) => parts += 1,
            Component::CurDir => {}
            Component::ParentDir => return Err("`..` would leave the output folder".into()),
            Component::RootDir | Component::Prefix(_) => {
                return Err("it must be relative to the output folder, not absolute".into());
            }
        }
    }
    if parts == 0 || value.ends_with('/') {
        return Err("it must name a file".into());
    }
    Ok(path
        .components()
        .filter(|c| matches!(c, Component::Normal(_)))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = r#"
title = "Example News"
base_url = "https://news.example.com/blog"
description = "Reporting from the example desk"
language = "en"

[author]
name = "Example Desk"
"#;

    #[test]
    fn minimal_config_gets_defaults() {
        let config = Config::parse(Path::new("site/feed.toml"), MINIMAL).unwrap();
        assert_eq!(config.base_url.as_str(), "https://news.example.com/blog/");
        assert_eq!(config.articles_dir, Path::new("site/articles"));
        assert_eq!(config.output_dir, Path::new("site/public"));
        assert_eq!(config.limit, 50);
        assert_eq!(config.timezone, Tz::UTC);
        assert_eq!(config.permalink, "articles/{slug}/");
        assert_eq!(
            config.rss_url().as_str(),
            "https://news.example.com/blog/rss.xml"
        );
        assert_eq!(
            config.atom_url().as_str(),
            "https://news.example.com/blog/atom.xml"
        );
    }

    #[test]
    fn formats_and_feed_urls() {
        let config = Config::parse(Path::new("site/feed.toml"), MINIMAL).unwrap();
        assert_eq!(config.formats, [FeedKind::Rss, FeedKind::Atom]);
        assert_eq!(config.feeds, FeedSwitches::default());
        let text = MINIMAL.replace(
            "[author]",
            "formats = [\"json\", \"rss\"]\njson = \"index.json\"\n[feeds]\ntags = true\n[author]",
        );
        let config = Config::parse(Path::new("site/feed.toml"), &text).unwrap();
        assert_eq!(config.formats, [FeedKind::Json, FeedKind::Rss]);
        assert!(config.feeds.tags && !config.feeds.authors);
        assert_eq!(
            config.feed_url("tags/ferries", FeedKind::Json).as_str(),
            "https://news.example.com/blog/tags/ferries/index.json"
        );
        assert_eq!(
            config.feed_url("", FeedKind::Rss).as_str(),
            "https://news.example.com/blog/rss.xml"
        );
        for (formats, message) in [
            ("[\"rss\", \"rdf\"]", "unknown format \"rdf\""),
            ("[\"rss\", \"rss\"]", "names \"rss\" twice"),
            ("[]", "`formats` is empty"),
        ] {
            let text = MINIMAL.replace("[author]", &format!("formats = {formats}\n[author]"));
            let errors = Config::parse(Path::new("feed.toml"), &text).unwrap_err();
            assert!(errors[0].message.contains(message), "{}", errors[0].message);
            assert_eq!(errors[0].line, Some(7));
        }
        let text = MINIMAL.replace("[author]", "json = \"rss.xml\"\n[author]");
        let errors = Config::parse(Path::new("feed.toml"), &text).unwrap_err();
        assert!(errors[0].message.contains("`json` names the same file"));
    }

    #[test]
    fn the_page_takes_no_other_outputs_name() {
        let with = |keys: &str| MINIMAL.replace("[author]", &format!("{keys}\n[author]"));
        let config =
            Config::parse(Path::new("feed.toml"), &with("html = \"./feeds.HTM\"")).unwrap();
        assert_eq!(config.html_file.as_deref(), Some(Path::new("feeds.HTM")));
        assert!(!config.stylesheet);
        for keys in [
            "json = \"a.html\"\nhtml = \"a.html\"",
            "html = \"feeds.opml\"",
            "html = \"index\"",
        ] {
            let errors = Config::parse(Path::new("feed.toml"), &with(keys)).unwrap_err();
            assert!(
                errors[0].message.contains("invalid `html`"),
                "{keys}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn unknown_key_is_named_with_its_line() {
        let text = MINIMAL.replace("language = \"en\"", "language = \"en\"\nlimt = 3");
        let errors = Config::parse(Path::new("feed.toml"), &text).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].message.contains("unknown key `limt`"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].line, Some(6));
    }

    #[test]
    fn base_url_without_scheme_is_explained() {
        let text = MINIMAL.replace("https://news.example.com/blog", "news.example.com");
        let errors = Config::parse(Path::new("feed.toml"), &text).unwrap_err();
        assert!(
            errors[0].message.contains("`base_url`"),
            "{}",
            errors[0].message
        );
        assert!(
            errors[0].message.contains("no scheme"),
            "{}",
            errors[0].message
        );
        assert_eq!(errors[0].line, Some(3));
    }

    #[test]
    fn output_files_must_stay_inside_the_output_folder() {
        for bad in ["../rss.xml", "/tmp/rss.xml", "", "feeds/"] {
            let text = MINIMAL.replace("[author]", &format!("rss = {bad:?}\n[author]"));
            let errors = Config::parse(Path::new("feed.toml"), &text).unwrap_err();
            assert!(
                errors[0].message.contains("`rss`"),
                "{bad}: {}",
                errors[0].message
            );
        }
        let text = MINIMAL.replace("[author]", "rss = \"feeds/./main.xml\"\n[author]");
        let config = Config::parse(Path::new("feed.toml"), &text).unwrap();
        assert_eq!(config.rss_file, Path::new("feeds/main.xml"));
    }

    #[test]
    fn permalink_patterns_are_checked() {
        assert_eq!(
            check_permalink("/{year}/{slug}.html").unwrap(),
            "{year}/{slug}.html"
        );
        assert!(check_permalink("/posts/").is_err());
        assert!(check_permalink("/{slug}/{hour}/").is_err());
        assert!(check_permalink("https://x.example/{slug}").is_err());
        assert!(check_permalink("/../{slug}").is_err());
        assert!(check_permalink("\\\\evil.example/{slug}").is_err());
        assert!(check_permalink("\\evil.example/{slug}").is_err());
        assert!(check_permalink("///evil.example/{slug}").is_err());
        assert!(check_permalink("/{slug}?x=1").is_err());
    }
}
