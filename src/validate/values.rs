//! The value forms feeds use — dates, URIs, e-mail addresses, language
//! tags, MIME types, numbers — each checked by a small function that says
//! which rule a value breaks, if any. Written from RFC 822/2822, RFC 3339,
//! the W3C date profile, RFC 3986/4151 (tag:)/2141 (urn:) and BCP 47, with
//! the leniencies the W3C Feed Validation Service allows.

use regex::Regex;
use std::sync::LazyLock;

/// A rule a value breaks: its code, and whether it is only a warning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Broken {
    pub code: &'static str,
    pub warning: bool,
}

// Option-returning on purpose: the rule functions return these directly.
#[allow(clippy::unnecessary_wraps)]
const fn error(code: &'static str) -> Option<Broken> {
    Some(Broken {
        code,
        warning: false,
    })
}

#[allow(clippy::unnecessary_wraps)]
const fn warning(code: &'static str) -> Option<Broken> {
    Some(Broken {
        code,
        warning: true,
    })
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid built-in pattern")
}

static RFC2822: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?(\d\d?) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{4}) (\d\d):(\d\d)(?::(\d\d))? ([+-]?\d\d[03]0|UT|GMT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|Z)$",
    )
});
/// What old RSS readers still understand: any case, two-digit years,
/// military zones, loose spacing.
static RFC822_LOOSE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:(?:mon|tue|wed|thu|fri|sat|sun)\s*,\s*)?\d\d?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\s+\d\d(?:\d\d)?\s+\d\d:\d\d(?::\d\d)?\s+(?:[+-]\d{4}|ut|gmt|est|edt|cst|cdt|mst|mdt|pst|pdt|[a-ik-z])?$",
    )
});
static RFC3339: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.\d*)?(?:Z|[+-](\d\d):(\d\d))$")
});
static W3CDTF: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(\d{4})(?:-(\d\d)(?:-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d)(?:\.\d*)?)?(?:Z|[+-]\d\d:\d\d))?)?)?$",
    )
});

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Day of the week (0 = Monday) by Zeller's congruence.
fn weekday(year: i64, month: u32, day: u32) -> usize {
    let (y, m) = if month < 3 {
        (year - 1, i64::from(month) + 12)
    } else {
        (year, i64::from(month))
    };
    let h = (i64::from(day) + (13 * (m + 1)) / 5 + y + y / 4 - y / 100 + y / 400) % 7;
    // Zeller: 0 = Saturday.
    usize::try_from((h + 5) % 7).unwrap_or(0)
}

/// Seconds since 1970 of a civil date and time in UTC.
fn epoch_seconds(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    let (y, m) = if month <= 2 {
        (year - 1, i64::from(month) + 9)
    } else {
        (year, i64::from(month) - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    days * 86_400 + i64::from(hour) * 3600 + i64::from(minute) * 60
}

fn now_seconds() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |elapsed| {
            i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
        })
}

/// A date before 1990 or more than a day ahead is almost always a mistake
/// (a default value, a swapped field), though it is well-formed.
fn implausible(year: i64, month: u32, day: u32, hour: u32, minute: u32) -> bool {
    year < 1990 || epoch_seconds(year, month, day, hour, minute) > now_seconds() + 86_400
}

fn number<T: std::str::FromStr + Default>(capture: Option<regex::Match>) -> T {
    capture
        .and_then(|m| m.as_str().parse().ok())
        .unwrap_or_default()
}

/// The common case, `Mon, 06 Jan 2025 10:00:00 +0000`, read without a
/// regular expression: every item has a date.
/// `None` when the value is not in that form (the general reader decides);
/// `Some(result)` when it is.
#[allow(clippy::option_option)]
fn rfc822_fast(value: &str) -> Option<Option<Broken>> {
    let b = value.as_bytes();
    if b.len() != 31
        || &b[3..5] != b", "
        || b[7] != b' '
        || b[11] != b' '
        || b[16] != b' '
        || b[19] != b':'
        || b[22] != b':'
        || b[25] != b' '
        || !matches!(b[26], b'+' | b'-')
    {
        return None;
    }
    let digits = |range: std::ops::Range<usize>| {
        b[range.clone()]
            .iter()
            .all(u8::is_ascii_digit)
            .then(|| value[range].parse::<u32>().ok())
            .flatten()
    };
    let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    let weekday_index = names.iter().position(|n| *n == &value[0..3])?;
    let month = u32::try_from(MONTHS.iter().position(|m| *m == &value[8..11])? + 1).ok()?;
    let (day, year, hour, minute, second) = (
        digits(5..7)?,
        digits(12..16)?,
        digits(17..19)?,
        digits(20..22)?,
        digits(23..25)?,
    );
    let zone = digits(27..31)?;
    if zone % 100 % 30 != 0 {
        return None;
    }
    let year = i64::from(year);
    if day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
        return Some(error("InvalidRFC2822Date"));
    }
    if year > 1900 && weekday(year, month, day) != weekday_index {
        return Some(error("IncorrectDOW"));
    }
    if implausible(year, month, day, hour, minute) {
        return Some(warning("ImplausibleDate"));
    }
    Some(None)
}

/// RSS dates: RFC 822 with four-digit years (RFC 2822's form).
/// The text with its RFC 2822 comments (3.2.3) made spaces: comments
/// nest, and a backslash quotes the next character. An unclosed comment
/// is left as it is, so the date stays invalid.
fn without_comments(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    let mut comment = String::new();
    let mut depth = 0usize;
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if depth == 0 && c != '(' {
            out.push(c);
            continue;
        }
        comment.push(c);
        match c {
            '\\' => comment.extend(chars.next()),
            '(' => depth += 1,
            ')' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            comment.clear();
            out.push(' ');
        }
    }
    out.push_str(&comment);
    out
}

pub(crate) fn rfc822(value: &str) -> Option<Broken> {
    if let Some(result) = rfc822_fast(value) {
        return result;
    }
    if let Some(parts) = RFC2822.captures(value) {
        let day: u32 = number(parts.get(2));
        let month = MONTHS
            .iter()
            .position(|name| Some(*name) == parts.get(3).map(|m| m.as_str()))
            .map_or(0, |index| u32::try_from(index).unwrap_or(0) + 1);
        let year: i64 = number(parts.get(4));
        let hour: u32 = number(parts.get(5));
        let minute: u32 = number(parts.get(6));
        let second: u32 = number(parts.get(7));
        if day == 0 || day > days_in_month(year, month) || hour > 23 || minute > 59 || second > 60 {
            return error("InvalidRFC2822Date");
        }
        if let Some(name) = parts.get(1) {
            let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
            if year > 1900 && names[weekday(year, month, day)] != name.as_str() {
                return error("IncorrectDOW");
            }
        }
        if implausible(year, month, day, hour, minute) {
            return warning("ImplausibleDate");
        }
        return None;
    }
    let stripped = without_comments(value);
    if RFC822_LOOSE.is_match(&stripped.trim().to_lowercase()) {
        warning("ProblematicalRFC822Date")
    } else {
        error("InvalidRFC2822Date")
    }
}

fn check_civil(year: i64, month: u32, day: u32, hour: u32, minute: u32, second: u32) -> bool {
    (1..=12).contains(&month)
        && day >= 1
        && day <= days_in_month(year, month)
        && hour <= 23
        && minute <= 59
        && second <= 60
}

/// Atom dates: RFC 3339 `date-time`, with `T` and a zone.
pub(crate) fn rfc3339(value: &str) -> Option<Broken> {
    let Some(parts) = RFC3339.captures(value) else {
        return error("InvalidRFC3339Date");
    };
    let year: i64 = number(parts.get(1));
    let month: u32 = number(parts.get(2));
    let day: u32 = number(parts.get(3));
    let hour: u32 = number(parts.get(4));
    let minute: u32 = number(parts.get(5));
    let second: u32 = number(parts.get(6));
    let zone_ok = parts
        .get(7)
        .is_none_or(|h| h.as_str().parse::<u32>().unwrap_or(99) <= 23)
        && parts
            .get(8)
            .is_none_or(|m| m.as_str().parse::<u32>().unwrap_or(99) <= 59);
    if !check_civil(year, month, day, hour, minute, second) || !zone_ok {
        return error("InvalidRFC3339Date");
    }
    if implausible(year, month, day, hour, minute) {
        return warning("ImplausibleDate");
    }
    None
}

/// Dublin Core dates: the W3C profile of ISO 8601 (a year, a month, a day,
/// or a time with a zone).
pub(crate) fn w3cdtf(value: &str) -> Option<Broken> {
    let Some(parts) = W3CDTF.captures(value) else {
        return error("InvalidW3CDTFDate");
    };
    let year: i64 = number(parts.get(1));
    let month: u32 = parts.get(2).map_or(1, |m| m.as_str().parse().unwrap_or(0));
    let day: u32 = parts.get(3).map_or(1, |m| m.as_str().parse().unwrap_or(0));
    let hour: u32 = number(parts.get(4));
    let minute: u32 = number(parts.get(5));
    let second: u32 = number(parts.get(6));
    if !check_civil(year, month, day, hour, minute, second) {
        return error("InvalidW3CDTFDate");
    }
    if implausible(year, month, day, hour, minute) {
        return warning("ImplausibleDate");
    }
    None
}

/// How strictly a URI is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum UriForm {
    /// A URI reference: relative references are fine.
    Reference,
    /// An absolute URI with a scheme.
    Absolute,
    /// An IRI reference (non-ASCII allowed).
    Iri,
    /// An absolute IRI.
    AbsoluteIri,
}

static URI_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[a-zA-Z][0-9a-zA-Z+\-.]*:)?/{0,2}(?:\[[0-9A-Fa-f:]+\])?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]*$",
    )
});
static URI_ABSOLUTE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[a-zA-Z][0-9a-zA-Z+\-.]*:(?://)?[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,#]+$"));
static URN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[Uu][Rr][Nn]:[a-zA-Z0-9][a-zA-Z0-9-]{1,31}:(?:[a-zA-Z0-9()+,.:=@;$_!*'\-]|%[0-9A-Fa-f]{2})+$",
    )
});
static UUID_URN: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^[Uu][Rr][Nn]:[Uu][Uu][Ii][Dd]:[a-fA-F0-9]{8}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{4}-[a-fA-F0-9]{12}$",
    )
});
/// RFC 4151: `tag:` authority `,` date `:` specific.
static TAG: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^tag:(?:[a-z0-9\-._]+?@)?[a-z0-9.\-]+?,\d{4}(?:-\d{2}(?:-\d{2})?)?:[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*(?:#[0-9a-zA-Z;/?:@&=+$.\-_!~*'()%,]*)?$",
    )
});
static HTTP_AUTHORITY: LazyLock<Regex> = LazyLock::new(|| re(r"^\w+://[^/].*"));

fn is_uri_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || ";/?:@&=+$.-_!~*'()%,#".contains(c)
}

/// Registered URI schemes as of RFC 4395's registry, lower case.
const IANA_SCHEMES: &[&str] = &[
    "ftp",
    "http",
    "gopher",
    "mailto",
    "news",
    "nntp",
    "telnet",
    "wais",
    "file",
    "prospero",
    "z39.50s",
    "z39.50r",
    "cid",
    "mid",
    "vemmi",
    "service",
    "imap",
    "nfs",
    "acap",
    "rtsp",
    "tip",
    "pop",
    "data",
    "dav",
    "opaquelocktoken",
    "sip",
    "sips",
    "tel",
    "fax",
    "modem",
    "ldap",
    "https",
    "soap.beep",
    "soap.beeps",
    "xmlrpc.beep",
    "xmlrpc.beeps",
    "urn",
    "go",
    "h323",
    "ipp",
    "tftp",
    "mupdate",
    "pres",
    "im",
    "mtqp",
    "iris.beep",
    "dict",
    "snmp",
    "crid",
    "tag",
    "dns",
    "info",
    "aaa",
    "aaas",
    "cap",
    "iax",
    "icap",
    "iris",
    "iris.xpc",
    "iris.xpcs",
    "iris.lwz",
    "msrp",
    "msrps",
    "shttp",
    "thismessage",
    "tv",
    "xmpp",
];

/// Non-ASCII characters of an IRI stand for their percent-encoded UTF-8.
fn as_ascii(value: &str) -> std::borrow::Cow<'_, str> {
    if value.is_ascii() {
        return value.into();
    }
    value
        .chars()
        .map(|c| {
            if c.is_ascii() {
                c.to_string()
            } else {
                "%XX".replace("XX", "00")
            }
        })
        .collect::<String>()
        .into()
}

/// The rule a URI (or IRI) breaks, if any; `invalid` is the code for a
/// value of the wrong shape at this place.
pub(crate) fn uri(value: &str, form: UriForm, invalid: &'static str) -> Option<Broken> {
    // The common case, read without a regular expression: an http(s) URL
    // with a host, of URI characters only.
    if let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
        && rest
            .bytes()
            .next()
            .is_some_and(|b| b.is_ascii_alphanumeric())
        && rest.chars().all(is_uri_char)
    {
        return None;
    }
    let scheme = value.split(':').next().unwrap_or_default().to_lowercase();
    if scheme == "tag" {
        return if TAG.is_match(value) {
            None
        } else {
            error("InvalidTAG")
        };
    }
    if scheme == "urn" {
        if value.to_lowercase().starts_with("urn:uuid:") && !UUID_URN.is_match(value) {
            return error("InvalidUUID");
        }
        return if URN.is_match(value) {
            None
        } else {
            error("InvalidURN")
        };
    }
    let iri = matches!(form, UriForm::Iri | UriForm::AbsoluteIri);
    let checked = if iri { as_ascii(value) } else { value.into() };
    let pattern = match form {
        UriForm::Reference | UriForm::Iri => &*URI_REFERENCE,
        UriForm::Absolute | UriForm::AbsoluteIri => &*URI_ABSOLUTE,
    };
    if !pattern.is_match(&checked) {
        if checked.chars().any(|c| c.is_ascii() && !is_uri_char(c)) {
            return error("InvalidUriChar");
        }
        if !value.is_ascii() && !iri && pattern.is_match(&as_ascii(value)) {
            return error("UriNotIri");
        }
        return error(invalid);
    }
    if scheme == "http" || scheme == "ftp" {
        if !HTTP_AUTHORITY.is_match(value) {
            return error(invalid);
        }
    } else if value.contains(':')
        && !scheme.is_empty()
        && scheme.chars().all(|c| c.is_ascii_alphabetic())
        && !IANA_SCHEMES.contains(&scheme.as_str())
    {
        return warning("SchemeNotIANARegistered");
    }
    None
}

/// A bare e-mail address (`addr-spec`).
pub(crate) fn addr_spec(value: &str) -> bool {
    crate::util::is_email(value)
}

/// RSS's `managingEditor`, `webMaster` and `author`: an address followed
/// by the person's name in parentheses, `jo@example.com (Jo)`.
/// `user@host` where the host is one label: the shape of an address
/// whose host cannot be reached from elsewhere.
pub(crate) fn single_label_address(value: &str) -> bool {
    value.split_once('@').is_some_and(|(user, host)| {
        !user.is_empty()
            && user
                .chars()
                .all(|c| c.is_alphanumeric() || "._%+-".contains(c))
            && host.starts_with(|c: char| c.is_ascii_alphabetic())
            && host
                .chars()
                .all(|c| c.is_alphanumeric() || c == '_' || c == '.' || c == '-')
    })
}

/// Text holding `<user@example.com>`: an address written into a name.
pub(crate) fn holds_bracketed_address(value: &str) -> bool {
    value.contains('@')
        && value.split('<').skip(1).any(|rest| {
            rest.split_once('>')
                .is_some_and(|(inside, _)| addr_spec(inside))
        })
}

pub(crate) fn email_with_name(value: &str) -> Option<Broken> {
    let decoded;
    let mut value = value;
    if let Some(rest) = value.strip_prefix("mailto:") {
        // RFC 6068: a mailto URL is percent-encoded throughout.
        decoded = percent_encoding::percent_decode_str(rest)
            .decode_utf8_lossy()
            .into_owned();
        value = &decoded;
    }
    if value.find('@').is_some_and(|at| at > 0) && !value.ends_with(')') {
        return if value.find(' ').is_some_and(|space| space > 0) {
            warning("EmailFormat")
        } else {
            warning("MissingRealName")
        };
    }
    let address = if let Some((address, _name)) = value.split_once('(') {
        address.trim()
    } else if let (Some(open), Some(close)) = (value.find('<'), value.rfind('>')) {
        value.get(open + 1..close).unwrap_or(value).trim()
    } else {
        value.trim()
    };
    if addr_spec(address) {
        None
    } else {
        error("InvalidContact")
    }
}

/// A language tag whose primary subtag is a known ISO 639 code: the
/// rule the build holds `language` values to (`util::is_language_tag`).
pub(crate) fn language(value: &str) -> Option<Broken> {
    if crate::util::is_language_tag(value) {
        None
    } else {
        error("InvalidLanguage")
    }
}

static MIME: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r#"^[^\s()<>,;:\\"/\[\]?=]+/[^\s()<>,;:\\"/\[\]?=]+(?:\s*;\s*[^\s()<>,;:\\"/\[\]?=]+=(?:"(?:\\"|[^"])*"|[^\s()<>,;:\\"/\[\]?=]+))*$"#,
    )
});

/// A MIME type (RFC 2045's `type/subtype` with parameters).
pub(crate) fn mime(value: &str) -> bool {
    MIME.is_match(value)
}

pub(crate) fn positive_integer(value: &str) -> bool {
    value.parse::<i64>().is_ok_and(|n| n > 0)
}

pub(crate) fn non_negative_integer(value: &str) -> bool {
    value.parse::<i64>().is_ok_and(|n| n >= 0)
}

pub(crate) fn float(value: &str) -> bool {
    let mut parts = value.splitn(2, '.');
    let whole = parts.next().unwrap_or_default();
    let fraction = parts.next().unwrap_or_default();
    !whole.is_empty()
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_dates() {
        // RFC 2822 3.2.3: comments nest and quote with a backslash.
        assert_eq!(
            without_comments("09 (a (b) c\\) d)Feb 2006()23:59"),
            "09  Feb 2006 23:59"
        );
        assert_eq!(without_comments("09 (open"), "09 (open");
        assert_eq!(rfc822("Wed, 02 Oct 2002 13:00:00 GMT"), None);
        assert_eq!(rfc822("Wed, 02 Oct 2002 13:00 +0100"), None);
        assert_eq!(
            rfc822("Thu, 02 Oct 2002 13:00:00 GMT").unwrap().code,
            "IncorrectDOW"
        );
        assert_eq!(
            rfc822("2002-10-02T13:00:00Z").unwrap().code,
            "InvalidRFC2822Date"
        );
        assert_eq!(
            rfc822("wed, 02 oct 02 13:00:00 gmt").unwrap().code,
            "ProblematicalRFC822Date"
        );
        assert_eq!(
            rfc822("Mon, 31 Feb 2003 13:00:00 GMT").unwrap().code,
            "InvalidRFC2822Date"
        );
        assert_eq!(
            rfc822("Tue, 02 Oct 1979 13:00:00 GMT").unwrap().code,
            "ImplausibleDate"
        );
    }

    #[test]
    fn atom_dates() {
        assert_eq!(rfc3339("2003-12-13T18:30:02Z"), None);
        assert_eq!(rfc3339("2003-12-13T18:30:02.25+01:00"), None);
        for bad in [
            "2003-12-13",
            "2003-12-13T18:30Z",
            "2003-13-13T18:30:02Z",
            "2003-12-13 18:30:02Z",
        ] {
            assert_eq!(rfc3339(bad).unwrap().code, "InvalidRFC3339Date", "{bad}");
        }
        assert_eq!(w3cdtf("2003-12"), None);
        assert_eq!(
            w3cdtf("2003-12-13T18:30").unwrap().code,
            "InvalidW3CDTFDate"
        );
    }

    #[test]
    fn uris() {
        assert_eq!(
            uri(
                "http://example.com/a?b=c#d",
                UriForm::Absolute,
                "InvalidFullLink"
            ),
            None
        );
        assert_eq!(
            uri("/relative", UriForm::Absolute, "InvalidFullLink")
                .unwrap()
                .code,
            "InvalidFullLink"
        );
        assert_eq!(uri("/relative", UriForm::Reference, "InvalidLink"), None);
        assert_eq!(
            uri("http://a b", UriForm::Reference, "InvalidLink")
                .unwrap()
                .code,
            "InvalidUriChar"
        );
        assert_eq!(
            uri("tag:example.com,2004:x", UriForm::Reference, "InvalidLink"),
            None
        );
        assert_eq!(
            uri("tag:example.com:x", UriForm::Reference, "InvalidLink")
                .unwrap()
                .code,
            "InvalidTAG"
        );
        assert_eq!(
            uri("urn:x", UriForm::Reference, "InvalidLink")
                .unwrap()
                .code,
            "InvalidURN"
        );
        assert_eq!(
            uri("http:/x", UriForm::Reference, "InvalidLink")
                .unwrap()
                .code,
            "InvalidLink"
        );
    }

    #[test]
    fn contacts_languages_and_types() {
        assert_eq!(email_with_name("jo@example.com (Jo)"), None);
        assert_eq!(email_with_name("Jo").unwrap().code, "InvalidContact");
        assert_eq!(
            email_with_name("jo@example.com").unwrap().code,
            "MissingRealName"
        );
        assert_eq!(language("en-US"), None);
        assert_eq!(language("english").unwrap().code, "InvalidLanguage");
        assert!(mime("text/html; charset=utf-8"));
        assert!(!mime("html"));
        assert!(float("1.5") && !float("-1") && positive_integer("3") && !positive_integer("0"));
    }
}
