//! JSON Feed 1.1 (<https://www.jsonfeed.org/version/1.1/>): the required
//! keys, the type of every known key, URL and RFC 3339 date forms, and
//! attachments. `serde_json` gives no positions, so a finding points at the
//! first place its key or value is written, found in the text.

use super::sink::Sink;
use super::values::{self, UriForm};
use serde_json::{Map, Value};

const VERSIONS: &[&str] = &[
    "https://jsonfeed.org/version/1.1",
    "https://jsonfeed.org/version/1",
];

struct Checker<'s, 'p, 't> {
    sink: &'s mut Sink<'p>,
    text: &'t str,
}

pub(crate) fn check(sink: &mut Sink, text: &str) {
    let feed: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            let offset = line_offset(text, error.line());
            sink.error(
                offset,
                "JSONError",
                format!("the document is not valid JSON: {error}"),
            );
            return;
        }
    };
    let mut checker = Checker { sink, text };
    let Value::Object(feed) = feed else {
        checker
            .sink
            .error(0, "NotAFeed", "a JSON Feed is a JSON object");
        return;
    };
    checker.feed(&feed);
}

fn line_offset(text: &str, line: usize) -> usize {
    if line <= 1 {
        return 0;
    }
    text.match_indices('\n')
        .nth(line - 2)
        .map_or(0, |(index, _)| index + 1)
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Checker<'_, '_, '_> {
    /// Where `"key"` (after `after`) is written, for a finding's position.
    fn locate(&self, key: &str, after: usize) -> usize {
        let needle = format!("\"{key}\"");
        self.text
            .get(after..)
            .and_then(|rest| rest.find(&needle))
            .map_or(after, |index| after + index)
    }

    fn error(&mut self, at: usize, code: &'static str, message: String) {
        self.sink.error(at, code, message);
    }

    fn string<'v>(
        &mut self,
        object: &'v Map<String, Value>,
        key: &str,
        at: usize,
    ) -> Option<&'v str> {
        match object.get(key)? {
            Value::String(text) => Some(text),
            other => {
                let found = type_name(other);
                let at = self.locate(key, at);
                self.error(
                    at,
                    "InvalidType",
                    format!("\"{key}\" must be a string, not {found}"),
                );
                None
            }
        }
    }

    fn url(&mut self, object: &Map<String, Value>, key: &str, at: usize) {
        if let Some(url) = self.string(object, key, at)
            && let Some(broken) = values::uri(url, UriForm::Iri, "InvalidLink")
        {
            let at = self.locate(key, at);
            if broken.warning {
                self.sink.warning(
                    at,
                    broken.code,
                    format!("\"{key}\" {url:?} uses an unregistered scheme"),
                );
            } else {
                self.error(at, broken.code, format!("\"{key}\" {url:?} is not a URL"));
            }
        }
    }

    fn date(&mut self, object: &Map<String, Value>, key: &str, at: usize) {
        if let Some(date) = self.string(object, key, at)
            && let Some(broken) = values::rfc3339(date)
        {
            let at = self.locate(key, at);
            if broken.warning {
                self.sink.warning(
                    at,
                    broken.code,
                    format!("\"{key}\" {date:?} is implausible"),
                );
            } else {
                self.error(
                    at,
                    broken.code,
                    format!("\"{key}\" {date:?} is not an RFC 3339 date-time"),
                );
            }
        }
    }

    #[allow(clippy::too_many_lines)] // one flat list of the spec's keys
    fn feed(&mut self, feed: &Map<String, Value>) {
        match self.string(feed, "version", 0) {
            None if !feed.contains_key("version") => {
                self.error(0, "MissingElement", "a JSON Feed has a \"version\"".into());
            }
            Some(version) if !VERSIONS.contains(&version) => {
                let at = self.locate("version", 0);
                self.error(
                    at,
                    "InvalidVersion",
                    format!("\"version\" {version:?} is not https://jsonfeed.org/version/1.1"),
                );
            }
            _ => {}
        }
        match feed.get("title") {
            None => self.error(0, "MissingElement", "a JSON Feed has a \"title\"".into()),
            Some(_) => {
                self.string(feed, "title", 0);
            }
        }
        for key in ["description", "user_comment", "language"] {
            self.string(feed, key, 0);
        }
        for key in ["home_page_url", "feed_url", "next_url", "icon", "favicon"] {
            self.url(feed, key, 0);
        }
        if let Some(language) = self.string(feed, "language", 0)
            && values::language(language).is_some()
        {
            let at = self.locate("language", 0);
            self.error(
                at,
                "InvalidLanguage",
                format!("\"language\" {language:?} is not a language tag"),
            );
        }
        if let Some(expired) = feed.get("expired")
            && !expired.is_boolean()
        {
            let at = self.locate("expired", 0);
            self.error(
                at,
                "InvalidType",
                "\"expired\" must be true or false".into(),
            );
        }
        self.authors(feed, 0);
        if let Some(hubs) = feed.get("hubs") {
            let at = self.locate("hubs", 0);
            match hubs {
                Value::Array(hubs) => {
                    for hub in hubs {
                        match hub {
                            Value::Object(hub) => {
                                for key in ["type", "url"] {
                                    if !hub.contains_key(key) {
                                        self.error(
                                            at,
                                            "MissingElement",
                                            format!("a hub has a \"{key}\""),
                                        );
                                    }
                                }
                                self.string(hub, "type", at);
                                self.url(hub, "url", at);
                            }
                            other => {
                                let found = type_name(other);
                                self.error(
                                    at,
                                    "InvalidType",
                                    format!("a hub must be an object, not {found}"),
                                );
                            }
                        }
                    }
                }
                other => {
                    let found = type_name(other);
                    self.error(
                        at,
                        "InvalidType",
                        format!("\"hubs\" must be an array, not {found}"),
                    );
                }
            }
        }
        match feed.get("items") {
            None => self.error(
                0,
                "MissingElement",
                "a JSON Feed has \"items\" (an array, maybe empty)".into(),
            ),
            Some(Value::Array(items)) => {
                let mut at = self.locate("items", 0);
                let mut ids = std::collections::HashSet::new();
                for item in items {
                    match item {
                        Value::Object(item) => {
                            at = self.locate("id", at + 1).max(at);
                            self.item(item, at, &mut ids);
                        }
                        other => {
                            let found = type_name(other);
                            self.error(
                                at,
                                "InvalidType",
                                format!("an item must be an object, not {found}"),
                            );
                        }
                    }
                }
            }
            Some(other) => {
                let found = type_name(other);
                let at = self.locate("items", 0);
                self.error(
                    at,
                    "InvalidType",
                    format!("\"items\" must be an array, not {found}"),
                );
            }
        }
    }

    fn authors(&mut self, object: &Map<String, Value>, at: usize) {
        if let Some(authors) = object.get("authors") {
            let at = self.locate("authors", at);
            let Value::Array(authors) = authors else {
                self.error(at, "InvalidType", "\"authors\" must be an array".into());
                return;
            };
            for author in authors {
                let Value::Object(author) = author else {
                    self.error(at, "InvalidType", "an author must be an object".into());
                    continue;
                };
                if !["name", "url", "avatar"]
                    .iter()
                    .any(|key| author.contains_key(*key))
                {
                    self.error(
                        at,
                        "MissingElement",
                        "an author has a \"name\", \"url\" or \"avatar\"".into(),
                    );
                }
                self.string(author, "name", at);
                self.url(author, "url", at);
                self.url(author, "avatar", at);
            }
        }
    }

    #[allow(clippy::too_many_lines)] // one flat list of the spec's keys
    fn item(
        &mut self,
        item: &Map<String, Value>,
        at: usize,
        ids: &mut std::collections::HashSet<String>,
    ) {
        match item.get("id") {
            None => self.error(at, "MissingElement", "an item has an \"id\"".into()),
            Some(Value::String(id)) => {
                if id.trim().is_empty() {
                    self.error(at, "NotBlank", "an item's \"id\" must not be blank".into());
                } else if !ids.insert(id.clone()) {
                    self.sink.warning(
                        at,
                        "DuplicateEntries",
                        format!("two items have the id {id:?}"),
                    );
                }
            }
            Some(Value::Number(_)) => self.sink.warning(
                at,
                "InvalidType",
                "an item's \"id\" should be a string; readers compare it as one",
            ),
            Some(other) => {
                let found = type_name(other);
                self.error(
                    at,
                    "InvalidType",
                    format!("an item's \"id\" must be a string, not {found}"),
                );
            }
        }
        for key in [
            "title",
            "content_html",
            "content_text",
            "summary",
            "language",
        ] {
            self.string(item, key, at);
        }
        if !item.contains_key("content_html") && !item.contains_key("content_text") {
            self.error(
                at,
                "MissingElement",
                "an item has \"content_html\" or \"content_text\"".into(),
            );
        }
        for key in ["url", "external_url", "image", "banner_image"] {
            self.url(item, key, at);
        }
        for key in ["date_published", "date_modified"] {
            self.date(item, key, at);
        }
        if let Some(tags) = item.get("tags")
            && !tags
                .as_array()
                .is_some_and(|tags| tags.iter().all(Value::is_string))
        {
            let at = self.locate("tags", at);
            self.error(
                at,
                "InvalidType",
                "\"tags\" must be an array of strings".into(),
            );
        }
        self.authors(item, at);
        if let Some(attachments) = item.get("attachments") {
            let at = self.locate("attachments", at);
            let Value::Array(attachments) = attachments else {
                self.error(at, "InvalidType", "\"attachments\" must be an array".into());
                return;
            };
            for attachment in attachments {
                let Value::Object(attachment) = attachment else {
                    self.error(at, "InvalidType", "an attachment must be an object".into());
                    continue;
                };
                for key in ["url", "mime_type"] {
                    if !attachment.contains_key(key) {
                        self.error(
                            at,
                            "MissingAttribute",
                            format!("an attachment has a \"{key}\""),
                        );
                    }
                }
                self.url(attachment, "url", at);
                if let Some(mime) = self.string(attachment, "mime_type", at)
                    && !values::mime(mime)
                {
                    self.error(
                        at,
                        "InvalidMIMEType",
                        format!("\"mime_type\" {mime:?} is not a MIME type"),
                    );
                }
                self.string(attachment, "title", at);
                for key in ["size_in_bytes", "duration_in_seconds"] {
                    if let Some(number) = attachment.get(key)
                        && !number.as_f64().is_some_and(|n| n >= 0.0)
                    {
                        self.error(
                            at,
                            "InvalidType",
                            format!("\"{key}\" must be a number of at least 0"),
                        );
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::validate::check;
    use std::path::Path;

    fn codes(text: &str) -> Vec<&'static str> {
        check(Path::new("f.json"), text.as_bytes())
            .iter()
            .filter_map(|d| d.code)
            .collect()
    }

    #[test]
    fn a_minimal_feed_passes() {
        let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[{"id":"1","content_text":"x","date_published":"2024-01-02T03:04:05Z"}]}"#;
        assert_eq!(codes(feed), Vec::<&str>::new());
    }

    #[test]
    fn required_keys_types_and_attachments() {
        assert_eq!(codes(r#"{"title":"t","items":[]}"#), ["MissingElement"]);
        assert_eq!(
            codes(r#"{"version":"https://jsonfeed.org/version/1.1","title":5,"items":[]}"#),
            ["InvalidType"]
        );
        let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"t","items":[
            {"id":"1","content_text":"x","date_published":"2024-01-02","attachments":[{"url":"http://x/a.mp3"}]}]}"#;
        assert_eq!(codes(feed), ["InvalidRFC3339Date", "MissingAttribute"]);
        let problems = check(Path::new("f.json"), feed.as_bytes());
        assert_eq!(problems[0].line, Some(2));
    }
}
