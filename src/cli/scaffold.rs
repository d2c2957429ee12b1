//! `new` and `init`: files written for the author to edit. Neither ever
//! overwrites anything: files are created with `create_new`, so even a race
//! with another process cannot clobber an existing record.

use crate::report::diagnostic::Diagnostic;
use crate::site::config::Config;
use chrono::{DateTime, Utc};
use std::io::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordForm {
    Markdown,
    PlainText,
}

/// Creates a record for `title`, dated `now` in the site's timezone, and
/// returns its path. Both forms start as drafts (`draft = true`,
/// `Draft: yes`), so placeholder text is never published by the next build.
pub fn new_record(
    config: &Config,
    title: &str,
    form: RecordForm,
    now: DateTime<Utc>,
) -> Result<PathBuf, Diagnostic> {
    let title = crate::input::record::normalize_space(title);
    if title.is_empty() {
        return Err(Diagnostic::error(
            &config.articles_dir,
            None,
            "the title is empty",
        ));
    }
    let mut slug = slug::slugify(&title);
    if slug.is_empty() {
        slug = "untitled".into();
    }
    let local = now.with_timezone(&config.timezone);
    // A record the next build would reject must not be written.
    if !(1900..=9999).contains(&chrono::Datelike::year(&local)) {
        return Err(Diagnostic::error(
            &config.articles_dir,
            None,
            format!(
                "cannot date a record {}: feeds carry years 1900 to 9999 only; check SOURCE_DATE_EPOCH",
                local.format("%Y-%m-%d")
            ),
        ));
    }
    let (extension, text) = match form {
        RecordForm::Markdown => {
            let quoted_title = toml::Value::String(title.clone()).to_string();
            (
                "md",
                format!(
                    "+++\ntitle = {quoted_title}\ndate = {}\ntags = []\n# Remove this line when the article is ready to publish.\ndraft = true\n+++\nWrite the article here, in Markdown.\n",
                    local.format("%Y-%m-%dT%H:%M:%S%:z")
                ),
            )
        }
        RecordForm::PlainText => (
            "txt",
            format!(
                "{title}\n\n  • Publish date: {} Reading time: 1 min read\n  • Draft: yes\n\nWrite the article here: paragraphs separated by blank lines. When it is ready to publish, delete the draft line above.\n",
                local.format("%A, %d %B %Y %H:%M %:z")
            ),
        ),
    };
    let path = config.articles_dir.join(format!("{slug}.{extension}"));
    std::fs::create_dir_all(&config.articles_dir).map_err(|error| {
        Diagnostic::error(
            &config.articles_dir,
            None,
            format!("cannot create the articles folder: {error}"),
        )
    })?;
    create_new(&path, &text).map_err(|diagnostic| {
        diagnostic.with_hint("choose another title, or edit the existing record")
    })?;
    Ok(path)
}

/// Creates a commented `feed.toml` and one example record in `dir`, which
/// build valid feeds at once. Nothing is written if either already exists.
pub fn init(dir: &Path, now: DateTime<Utc>) -> Result<Vec<PathBuf>, Diagnostic> {
    let config_path = dir.join("feed.toml");
    let record_path = dir.join("articles").join("welcome.md");
    for path in [&config_path, &record_path] {
        if path.exists() {
            return Err(Diagnostic::error(
                path,
                None,
                "already exists; `init` never overwrites",
            ));
        }
    }
    std::fs::create_dir_all(dir.join("articles")).map_err(|error| {
        Diagnostic::error(dir, None, format!("cannot create the site folder: {error}"))
    })?;
    create_new(&config_path, CONFIG_TEMPLATE)?;
    let record = WELCOME_TEMPLATE.replace("{date}", &now.format("%Y-%m-%dT%H:%M:%SZ").to_string());
    create_new(&record_path, &record)?;
    Ok(vec![config_path, record_path])
}

fn create_new(path: &Path, text: &str) -> Result<(), Diagnostic> {
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|error| {
            let message = if error.kind() == std::io::ErrorKind::AlreadyExists {
                "already exists; it was left untouched".to_string()
            } else {
                format!("cannot create: {error}")
            };
            Diagnostic::error(path, None, message)
        })?;
    file.write_all(text.as_bytes())
        .map_err(|error| Diagnostic::error(path, None, format!("cannot write: {error}")))
}

const CONFIG_TEMPLATE: &str = r#"# feedwright site settings. Paths are relative to this file's folder.

title = "My News"                       # the feeds' title
base_url = "https://example.com/"       # where the site is published
description = "News from my desk"       # the feeds' description
language = "en"                         # a language tag: en, pt-BR, ar …

# articles = "articles"          # folder of records (.md, .markdown, .txt)
# output = "public"              # where rss.xml and atom.xml are written
# limit = 50                     # items per feed; 0 = all
# timezone = "UTC"               # IANA name, for dates without an offset
# permalink = "/articles/{slug}/"  # item links: base_url + this ({slug}, {year}, {month}, {day})
# rss = "rss.xml"                # file names inside the output folder
# atom = "atom.xml"

[author]                                # the feeds' author, and every item's unless it names its own
name = "My Name"
# email = "me@example.com"
# uri = "https://example.com/about/"
"#;

const WELCOME_TEMPLATE: &str = r#"+++
title = "Welcome"
date = {date}
tags = ["news"]
+++
This site's feeds are made by [feedwright](https://example.com/feedwright/).
Add records to the `articles` folder with `feedwright new "A title"`, then
run `feedwright build`.
"#;
