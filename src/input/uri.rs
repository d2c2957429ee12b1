//! Syntax checks for the URIs and media types a record gives, applied
//! before anything is written: a feed reader compares ids as strings and
//! trusts links, so a malformed one must stop the build, not reach a feed.

/// Characters RFC 3986 allows in a URI (besides `%` escapes); non-ASCII
/// letters are allowed too, as IRIs (RFC 3987) — Atom ids are IRIs. `[`
/// and `]` (RFC 3986 keeps them for IPv6 hosts) are left out: feed
/// validators refuse them anywhere in an id.
fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '-' | '.'
                | '_'
                | '~'
                | ':'
                | '/'
                | '?'
                | '#'
                | '@'
                | '!'
                | '$'
                | '&'
                | '\''
                | '('
                | ')'
                | '*'
                | '+'
                | ','
                | ';'
                | '='
        )
        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace() && c != '\u{FFFD}')
}

/// `None` when every `%` starts a two-digit hex escape and every character
/// may stand in a URI; else the first offending character.
fn bad_char(text: &str) -> Option<char> {
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '%' {
            let escaped: String = chars.clone().take(2).collect();
            if escaped.len() != 2 || !escaped.chars().all(|h| h.is_ascii_hexdigit()) {
                return Some('%');
            }
            chars.nth(1);
        } else if !is_uri_char(c) {
            return Some(c);
        }
    }
    None
}

/// The scheme of an absolute URI (`scheme ":" …`), if it has a valid one.
fn scheme(text: &str) -> Option<&str> {
    let (scheme, _) = text.split_once(':')?;
    let mut chars = scheme.chars();
    (chars.next()?.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// Does `text` begin with something a URL parser would take for a scheme?
pub fn has_scheme(text: &str) -> bool {
    scheme(text).is_some()
}

/// An item id: an absolute URI (RFC 3986 syntax), and for a `tag:` id the
/// RFC 4151 form `tag:authority,date:specific`.
pub fn check_id(id: &str) -> Result<(), String> {
    let advice = "use a form such as \"tag:news.example.com,2025:my-story\" or \"urn:uuid:…\"";
    let Some(scheme) = scheme(id) else {
        return Err(format!("`id` {id:?} is not an absolute URI; {advice}"));
    };
    if let Some(bad) = bad_char(id) {
        return Err(format!(
            "`id` {id:?} contains {bad:?}, which a URI cannot hold; {advice}"
        ));
    }
    // An id is shown as a link by some readers: only schemes that name a
    // thing, never one that runs code (`javascript:`, `data:`). Other
    // characters than ASCII need percent-encoding in a URI.
    if !matches!(
        scheme.to_ascii_lowercase().as_str(),
        "http" | "https" | "tag" | "urn"
    ) {
        return Err(format!(
            "`id` {id:?} uses the scheme {scheme:?}; ids are http(s), tag: or urn: URIs — {advice}"
        ));
    }
    if let Some(wide) = id.chars().find(|c| !c.is_ascii()) {
        return Err(format!(
            "`id` {id:?} contains {wide:?}; write it percent-encoded, as a URI must"
        ));
    }
    let rest = &id[scheme.len() + 1..];
    if rest.is_empty() {
        return Err(format!(
            "`id` {id:?} has nothing after its scheme; {advice}"
        ));
    }
    if scheme.eq_ignore_ascii_case("urn") {
        check_urn(rest).map_err(|why| format!("`id` {id:?} is not a valid urn: URI ({why})"))?;
    }
    if scheme.eq_ignore_ascii_case("tag") {
        check_tag(rest).map_err(|why| {
            format!(
                "`id` {id:?} is not a valid tag: URI ({why}); the form is tag:AUTHORITY,DATE:NAME, such as \"tag:news.example.com,2025:my-story\""
            )
        })?;
    } else if matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https")
        && url::Url::parse(id).map_or(true, |url| url.host().is_none())
    {
        return Err(format!("`id` {id:?} is not a valid http(s) URL; {advice}"));
    }
    Ok(())
}

/// RFC 8141: `NID ":" NSS`, the NID 2 to 32 letters, digits and `-`; a
/// `urn:uuid:` id must hold a UUID (RFC 9562's 8-4-4-4-12 hex digits).
fn check_urn(rest: &str) -> Result<(), &'static str> {
    let (nid, nss) = rest.split_once(':').ok_or("no `:` after the namespace")?;
    if !(2..=32).contains(&nid.len())
        || !nid.starts_with(|c: char| c.is_ascii_alphanumeric())
        || !nid.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        return Err("the namespace must be 2 to 32 letters, digits or `-`");
    }
    if nss.is_empty() {
        return Err("nothing follows the namespace");
    }
    if nid.eq_ignore_ascii_case("uuid") {
        let groups: Vec<&str> = nss.split('-').collect();
        let shape = [8, 4, 4, 4, 12];
        let is_uuid = groups.len() == shape.len()
            && groups.iter().zip(shape).all(|(group, len)| {
                group.len() == len && group.bytes().all(|b| b.is_ascii_hexdigit())
            });
        if !is_uuid {
            return Err(
                "a uuid is 8-4-4-4-12 hexadecimal digits, such as 2f1c0b1e-8d4a-4c39-9a8e-1b5f3e9c7d20",
            );
        }
    }
    Ok(())
}

/// RFC 4151: `authorityName "," date ":" specific ["#" fragment]`.
fn check_tag(rest: &str) -> Result<(), &'static str> {
    let (entity, specific) = rest.split_once(':').ok_or("no `:` after the date")?;
    let (authority, date) = entity
        .rsplit_once(',')
        .ok_or("no `,` between authority and date")?;
    let dns = match authority.rsplit_once('@') {
        Some((local, domain)) => {
            if local.is_empty()
                || !local.chars().all(|c| {
                    c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '-' | '.' | '_')
                })
            {
                return Err("the part before `@` holds characters a tag cannot");
            }
            domain
        }
        None => authority,
    };
    // Tags are compared character by character, so RFC 4151 has the
    // authority written in lower case.
    let dns_ok = !dns.is_empty()
        && dns.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
                && !part.starts_with('-')
                && !part.ends_with('-')
        });
    if !dns_ok {
        return Err("the authority must be a domain name or an email address, in lower case");
    }
    let parts: Vec<&str> = date.split('-').collect();
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let date_ok = match parts.as_slice() {
        [year] => digits(year, 4),
        [year, month] => digits(year, 4) && digits(month, 2),
        [year, month, day] => digits(year, 4) && digits(month, 2) && digits(day, 2),
        _ => false,
    };
    if !date_ok {
        return Err("the date must be YYYY, YYYY-MM or YYYY-MM-DD");
    }
    let (specific, fragment) = specific.split_once('#').unwrap_or((specific, ""));
    // `specific` is pchar / "/" / "?"; `bad_char` already refused what no
    // URI holds, so only a second `#` is left to refuse.
    if specific.contains('#') || fragment.contains('#') {
        return Err("it holds more than one `#`");
    }
    Ok(())
}

/// A media type as feeds carry it: `type/subtype` of RFC 6838 names,
/// optionally with `; name=value` parameters.
pub fn check_mime_type(text: &str) -> Result<(), String> {
    let name = |part: &str| {
        !part.is_empty()
            && part.len() <= 127
            && part.starts_with(|c: char| c.is_ascii_alphanumeric())
            && part.chars().all(|c| {
                c.is_ascii_alphanumeric()
                    || matches!(c, '!' | '#' | '$' | '&' | '-' | '^' | '_' | '.' | '+')
            })
    };
    let mut pieces = text.split(';');
    let essence = pieces.next().unwrap_or_default();
    let valid = essence
        .split_once('/')
        .is_some_and(|(kind, sub)| name(kind) && name(sub))
        && pieces.all(|parameter| {
            parameter
                .trim()
                .split_once('=')
                .is_some_and(|(key, value)| {
                    name(key)
                        && !value.is_empty()
                        && value
                            .chars()
                            .all(|c| c.is_ascii_graphic() && !matches!(c, '<' | '>' | '"' | '\\'))
                })
        });
    if valid {
        Ok(())
    } else {
        Err(format!(
            "{text:?} is not a media type; write one such as \"audio/mpeg\""
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for good in [
            "tag:news.example.com,2025:ferry-strike",
            "tag:ana@example.com,2025-09-01:a/b?c",
            "tag:example.com,2025-09:x#frag",
            "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
            "https://news.example.com/articles/x/",
            "https://news.example.com/caf%C3%A9",
        ] {
            assert_eq!(check_id(good), Ok(()), "{good}");
        }
        for bad in [
            "tag:x.com,2025:<script>",
            "tag:x.com:2025:x",
            "tag:x.com,25:x",
            "tag:-x.com,2025:x",
            "tag:x.com,2025",
            "tag:,2025:x",
            "urn:a b",
            "urn:a\"b",
            "urn:a%zz",
            "not a uri",
            "1abc:x",
            "x:",
            // Readers show ids as links; the W3C service flags the rest.
            "javascript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "https://news.example.com/café",
            "tag:example.com,2025:café",
        ] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn mime_types() {
        for good in [
            "audio/mpeg",
            "audio/x-m4a",
            "application/epub+zip",
            "text/vtt; charset=utf-8",
        ] {
            assert_eq!(check_mime_type(good), Ok(()), "{good}");
        }
        for bad in [
            "audio mpeg",
            "audio",
            "audio/",
            "/mpeg",
            "audio/mp<3",
            "audio/mpeg; x",
            "",
        ] {
            assert!(check_mime_type(bad).is_err(), "{bad}");
        }
    }
}
