//! Small syntax checks that several stages share; this module imports
//! nothing from the crate, so any stage may use it.

/// The manifest of extra feeds in the output folder (`output::manifest`):
/// here so that the config can refuse it as a feed's file name.
pub const MANIFEST_FILE: &str = ".feedwright-feeds";

/// The digests of the archive pages in the output folder
/// (`output::state`), refused as a feed's file name for the same reason.
pub const ARCHIVE_STATE_FILE: &str = ".feedwright-archive";

/// What a folder name or slug must not carry raw into a URL path segment:
/// what would end the path or start an escape, and what RFC 3986 does not
/// allow in a path at all (`[`, `]`, `^`, `|` …), which validators reject.
pub const PATH_SEGMENT: &percent_encoding::AsciiSet = &percent_encoding::CONTROLS
    .add(b' ')
    .add(b'[')
    .add(b']')
    .add(b'^')
    .add(b'|')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\\');

/// The longest folder name an extra feed's value gets, in bytes: well
/// under the 255 that file systems allow for one name.
const MAX_FOLDER_SLUG: usize = 80;

/// The folder name of a tag, author, section or language value: its slug
/// (`[a-z0-9-]`), cut to [`MAX_FOLDER_SLUG`] bytes when longer. A cut slug
/// ends in `-` and 16 hex digits of a stable hash (64-bit FNV-1a) of the
/// whole slug, so two long values that share a prefix keep apart, and a
/// value gets the same folder on every build and platform.
pub fn folder_slug(value: &str) -> String {
    let slug = slug::slugify(value);
    if slug.len() <= MAX_FOLDER_SLUG {
        return slug;
    }
    let hash = slug.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    });
    // A slug is ASCII, so any byte is a character boundary.
    let keep = MAX_FOLDER_SLUG - 17;
    format!("{}-{hash:016x}", slug[..keep].trim_end_matches('-'))
}

/// An address as RFC 5322's `addr-spec` has it without quoting or
/// comments, ASCII only — the rule the W3C validator applies to an Atom
/// `email` or an RSS `author`, and so the one rule for what `build`
/// accepts and what `validate` reports. Stricter than what mail servers
/// take (quoted local parts, internationalised addresses).
pub fn is_email(text: &str) -> bool {
    static ADDR_SPEC: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^[A-Z0-9_\-+.'!#$%&*/=?^`{|}~]+@(?:[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}\.|(?:[A-Z0-9\-]+\.)+)[A-Z0-9][-A-Z0-9]*$",
        )
        .expect("a valid built-in pattern")
    });
    ADDR_SPEC.is_match(text)
}

/// XML 1.0 cannot hold most control characters, not even escaped, nor
/// U+FFFE/U+FFFF, and it discourages DEL, the C1 controls (U+0080 to
/// U+009F) and the noncharacters (U+FDD0 to U+FDEF, and the last two code
/// points of every plane), which no reader shows as text and which the
/// W3C validator's HTML parser rejects. U+FFFD is refused too: it only
/// ever stands for text that was lost, and the validator warns about it.
pub fn feed_can_carry(c: char) -> bool {
    let noncharacter = matches!(c, '\u{FDD0}'..='\u{FDEF}') || (c as u32) & 0xFFFE == 0xFFFE;
    !noncharacter
        && matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7E}' | '\u{A0}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFC}' | '\u{10000}'..)
}

/// Whether `text` keeps something a reader can see once the characters a
/// feed cannot carry are dropped: a title of only U+FFFD, a soft hyphen,
/// a direction mark, a Hangul filler or a lone combining accent would be
/// published looking blank.
pub fn has_visible_text(text: &str) -> bool {
    text.chars().any(is_visible)
}

fn is_visible(c: char) -> bool {
    use unicode_general_category::{GeneralCategory as G, get_general_category};
    if c.is_ascii() {
        return c.is_ascii_graphic();
    }
    let blank = matches!(
        get_general_category(c),
        G::Control
            | G::Format
            | G::Surrogate
            | G::Unassigned
            | G::PrivateUse
            | G::SpaceSeparator
            | G::LineSeparator
            | G::ParagraphSeparator
            | G::NonspacingMark
            | G::EnclosingMark
    );
    // Letters and symbols that Unicode marks as default-ignorable or that
    // draw nothing: Hangul fillers, Khmer inherent vowels, the Mongolian
    // vowel separator, musical formatting controls, the blank Braille cell.
    let draws_nothing = matches!(
        c,
        '\u{115F}'
            | '\u{1160}'
            | '\u{17B4}'
            | '\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{2800}'
            | '\u{3164}'
            | '\u{FFA0}'
            | '\u{1D173}'..='\u{1D17A}'
    );
    !blank && !draws_nothing && feed_can_carry(c)
}

/// The canonical form of a URI, when `uri` is not in it: for http(s) the
/// `url` crate's (scheme and host in lower case, no default port, no `.`
/// or `..` segments), and for any URI percent-escapes of letters, digits,
/// `-`, `.`, `_` and `~` decoded and the others in upper case (RFC 3986,
/// 6.2.2). Feed validators warn about ids and links not in this form,
/// and readers comparing ids as strings would see two.
pub fn canonical_uri(uri: &str) -> Option<String> {
    let lower = uri.get(..8).unwrap_or(uri).to_ascii_lowercase();
    let parsed = if lower.starts_with("http://") || lower.starts_with("https://") {
        url::Url::parse(uri).ok().map(String::from)
    } else {
        None
    };
    let text = parsed.as_deref().unwrap_or(uri);
    let canonical = canonical_escapes(text);
    (canonical != uri).then_some(canonical)
}

fn canonical_escapes(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let (Some(high), Some(low)) = (
                bytes.get(i + 1).copied().and_then(hex),
                bytes.get(i + 2).copied().and_then(hex),
            )
        {
            let byte = high * 16 + low;
            if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
                out.push(char::from(byte));
            } else {
                const HEX: &[u8; 16] = b"0123456789ABCDEF";
                out.push('%');
                out.push(char::from(HEX[usize::from(byte >> 4)]));
                out.push(char::from(HEX[usize::from(byte & 0xF)]));
            }
            i += 3;
        } else {
            let end = text[i..].chars().next().map_or(1, char::len_utf8);
            out.push_str(&text[i..i + end]);
            i += end;
        }
    }
    out
}

/// `url` as a feed may carry it, or why it cannot be: the W3C validator
/// refuses what the `url` crate lets through — an IPv6 address as host (it
/// takes any `[` for a bad character), a `%` that starts no escape — and
/// `[`, `]`, `^`, `|` anywhere after the host, which are percent-encoded.
///
/// # Errors
/// A message naming what is wrong, to follow the value in a diagnostic.
pub fn feed_url(url: url::Url) -> Result<url::Url, String> {
    if matches!(url.host(), Some(url::Host::Ipv6(_))) {
        return Err(
            "an IPv6 address as host is refused by feed validators; use a host name".into(),
        );
    }
    let text = url.as_str();
    let bytes = text.as_bytes();
    if let Some(at) = bytes.iter().enumerate().position(|(i, &b)| {
        b == b'%'
            && !(bytes.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && bytes.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    }) {
        let shown: String = text[at..].chars().take(3).collect();
        return Err(format!(
            "{shown:?} is not a percent-escape; write %25 for a `%`"
        ));
    }
    let canonical = canonical_escapes(text);
    if !canonical.contains(['[', ']', '^', '|']) {
        return if canonical == text {
            Ok(url)
        } else {
            url::Url::parse(&canonical).map_err(|error| error.to_string())
        };
    }
    let escaped = canonical
        .replace('[', "%5B")
        .replace(']', "%5D")
        .replace('^', "%5E")
        .replace('|', "%7C");
    url::Url::parse(&escaped).map_err(|error| error.to_string())
}

/// `text` as an absolute http(s) URL that a feed may carry (see
/// `feed_url`).
///
/// # Errors
/// When it is not an absolute http(s) URL with a host, or `feed_url`
/// refuses it.
pub fn web_url_for_feed(text: &str) -> Result<url::Url, String> {
    let url = url::Url::parse(text.trim()).map_err(|error| error.to_string())?;
    if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none_or(str::is_empty) {
        return Err("it must be an absolute http(s) URL".into());
    }
    feed_url(url)
}

/// The schemes a feed may link to. Everything else (`javascript:`,
/// `data:`, `vbscript:`, `file:`, `tel:`, `ftp:` …) is removed: the
/// contract allows only web links, mail links and relative URLs, which
/// are made absolute against the item's link.
pub const PUBLISHABLE_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// How many rounds of entity and percent decoding are undone before a
/// URL's scheme is judged. One round is what a browser does; more catch
/// readers that decode a second time. Bounded, so hostile input cannot
/// make it loop.
const DECODE_ROUNDS: usize = 4;

/// `raw` (an attribute value as written, or as an HTML parser gave it)
/// with what can hide a scheme undone: HTML character references decoded
/// and percent-escapes decoded, each repeated until nothing changes, and
/// every ASCII white-space or control character removed — browsers drop
/// tabs and newlines anywhere in a URL and controls around it, so
/// `java&#x09;script:` and `\u{1}javascript:` run as `javascript:`.
pub fn decode_url_for_scheme(raw: &str) -> String {
    let mut text = raw.to_string();
    for _ in 0..DECODE_ROUNDS {
        let decoded = html_escape::decode_html_entities(&terminate_char_refs(&text)).into_owned();
        let decoded = percent_decode(&decoded);
        let cleaned: String = decoded
            .chars()
            .filter(|c| !c.is_ascii_whitespace() && !c.is_control())
            .collect();
        if cleaned == text {
            break;
        }
        text = cleaned;
    }
    text
}

/// `&#106` and `&#x6A` end at the first character that is not a digit,
/// semicolon or not, as browsers read them; a `;` is added so that the
/// entity decoder, which wants one, reads them too.
fn terminate_char_refs(text: &str) -> String {
    if !text.contains("&#") {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    while let Some(start) = rest.find("&#") {
        out.push_str(&rest[..start + 2]);
        rest = &rest[start + 2..];
        let hex = rest.starts_with(['x', 'X']);
        let prefix = usize::from(hex);
        let digits = rest[prefix..]
            .find(|c: char| {
                if hex {
                    !c.is_ascii_hexdigit()
                } else {
                    !c.is_ascii_digit()
                }
            })
            .unwrap_or(rest.len() - prefix);
        out.push_str(&rest[..prefix + digits]);
        rest = &rest[prefix + digits..];
        if digits > 0 && !rest.starts_with(';') {
            out.push(';');
        }
    }
    out.push_str(rest);
    out
}

/// `%XX` escapes decoded where they form UTF-8; anything else is kept.
fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2]))
        {
            out.push(high * 16 + low);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

fn hex(byte: u8) -> Option<u8> {
    char::from(byte)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// The scheme of `raw` (lower case, after `decode_url_for_scheme`) when it
/// is one a feed may not carry; `None` for http, https, mailto and
/// relative URLs. Whatever stands before a `:` that comes ahead of any
/// `/`, `?` or `#` counts as a scheme, even when it is not valid scheme
/// syntax: a strict reader would call `jav ascript:` relative, but a lax
/// one may not, and nothing legitimate looks like that.
pub fn unpublishable_scheme(raw: &str) -> Option<String> {
    let decoded = decode_url_for_scheme(raw);
    let end = decoded.find(['/', '?', '#']).unwrap_or(decoded.len());
    let (scheme, _) = decoded[..end].split_once(':')?;
    let scheme = scheme.to_lowercase();
    if PUBLISHABLE_SCHEMES.contains(&scheme.as_str()) {
        return None;
    }
    // Shown in a warning: keep it short and printable.
    let shown: String = scheme
        .chars()
        .filter(|c| c.is_alphanumeric() || matches!(c, '+' | '-' | '.'))
        .take(32)
        .collect();
    Some(if shown.is_empty() {
        "unreadable".into()
    } else {
        shown
    })
}

/// The one URL policy for every URL a feed's content carries: http(s),
/// mailto and relative URLs only, judged after decoding (see
/// `unpublishable_scheme`).
pub fn url_is_publishable(raw: &str) -> bool {
    unpublishable_scheme(raw).is_none()
}

/// Keywords the W3C Feed Validation Service accepts in `background`,
/// `border`, `margin` and `padding` values (its `acceptable_css_keywords`):
/// the sanitiser keeps only these, and `validate` flags any other, so the
/// two can never disagree.
pub const CSS_KEYWORDS: &[&str] = &[
    "aqua",
    "auto",
    "black",
    "block",
    "blue",
    "bold",
    "both",
    "bottom",
    "brown",
    "center",
    "collapse",
    "dashed",
    "dotted",
    "fuchsia",
    "gray",
    "green",
    "!important",
    "italic",
    "left",
    "lime",
    "maroon",
    "medium",
    "none",
    "navy",
    "normal",
    "nowrap",
    "olive",
    "pointer",
    "purple",
    "red",
    "right",
    "solid",
    "silver",
    "teal",
    "top",
    "transparent",
    "underline",
    "white",
    "yellow",
];

/// ISO 639-1 two-letter language codes, the ones feed validators know
/// (the W3C validator's list, withdrawn codes included).
const ISO_639_1: &str = "aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io is it iu iw ja ji jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg sh si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

/// Codes ISO 639-1 has withdrawn (Bihari; Indonesian, Hebrew and Yiddish
/// under their old codes; Moldovan; Serbo-Croatian): a feed may still carry
/// them, but no one names a translation's file with them, while `.sh` is a
/// common part of a file name.
const WITHDRAWN_639_1: &str = "bh in iw ji mo sh";

/// ISO 639-2 three-letter language codes, as the W3C validator lists them.
const ISO_639_2: &str = "aar abk ace ach ada ady afa afh afr ain aka akk alb ale alg alt amh ang anp apa ara arc arg arm arn arp art arw asm ast ath aus ava ave awa aym aze bad bai bak bal bam ban baq bas bat bej bel bem ben ber bho bih bik bin bis bla bnt bod bos bra bre btk bua bug bul bur byn cad cai car cat cau ceb cel ces cha chb che chg chi chk chm chn cho chp chr chu chv chy cmc cop cor cos cpe cpf cpp cre crh crp csb cus cym cze dak dan dar day del den deu dgr din div doi dra dsb dua dum dut dyu dzo efi egy eka ell elx eng enm epo est eus ewe ewo fan fao fas fat fij fil fin fiu fon fra fre frm fro frr frs fry ful fur gaa gay gba gem geo ger gez gil gla gle glg glv gmh goh gon gor got grb grc gre grn gsw guj gwi gws hai hat hau haw heb her hil him hin hit hmn hmo hrv hsb hun hup hye iba ibo ice ido iii ijo iku ile ilo ina inc ind ine inh ipk ira iro isl ita jav jbo jpn jpr jrb kaa kab kac kal kam kan kar kas kat kau kaw kaz kbd kha khi khm kho kik kin kir kmb kok kom kon kor kos kpe krc krl kro kru kua kum kur kut lad lah lam lao lat lav lez lim lin lit lol loz ltz lua lub lug lui lun luo lus mac mad mag mah mai mak mal man mao map mar mas may mdf mdr men mga mic min mis mkd mkh mlg mlt mnc mni mno moh mol mon mos mri msa mul mun mus mwl mwr mya myn myv nah nai nap nau nav nbl nde ndo nds nep new nia nic niu nld nno nob nog non nor nso nub nwc nya nym nyn nyo nzi oci oji ori orm osa oss ota oto paa pag pal pam pan pap pau peo per phi phn pli pol pon por pra pro pus qaa qtz que raj rap rar roa roh rom ron rum run rup rus sad sag sah sai sal sam san sas sat scc scn sco scr sel sem sga sgn shn sid sin sio sit sla slk slo slv sma sme smi smj smn smo sms sna snd snk sog som son sot spa sqi srd srn srp srr ssa ssw suk sun sus sux swa swe syr tah tai tam tat tel tem ter tet tgk tgl tha tib tig tir tiv tkl tlh tli tmh tog ton tpi tsi tsn tso tuk tum tup tur tut tvl twi tyv udm uga uig ukr umb und urd uzb vai ven vie vol vot wak wal war was wel wen wln wol xal xho yao yap yid yor ypk zap zen zha zho znd zul zun";

/// Whether `code` (any case) is in `list`, a sorted list of codes of one
/// length, each followed by a space but the last: a binary search over
/// fixed-width entries, since every record's `language` is looked up.
fn is_listed(list: &str, code: &str) -> bool {
    let width = code.len();
    if width == 0 || !code.is_ascii() {
        return false;
    }
    let code = code.to_ascii_lowercase();
    let count = list.len().div_ceil(width + 1);
    let entry = |index: usize| &list[index * (width + 1)..index * (width + 1) + width];
    let (mut low, mut high) = (0, count);
    while low < high {
        let middle = usize::midpoint(low, high);
        match entry(middle).cmp(code.as_str()) {
            std::cmp::Ordering::Equal => return true,
            std::cmp::Ordering::Less => low = middle + 1,
            std::cmp::Ordering::Greater => high = middle,
        }
    }
    false
}

/// Whether `code` (any case) is an ISO 639-1 code; `current` leaves out the
/// withdrawn ones.
fn is_iso_639_1(code: &str, current: bool) -> bool {
    code.len() == 2 && is_listed(ISO_639_1, code) && !(current && is_listed(WITHDRAWN_639_1, code))
}

/// A language tag as feeds carry it (`en`, `pt-BR`, `zh-Hant-TW`, `haw`):
/// a primary subtag that is an ISO 639-1 or ISO 639-2 code, or the private
/// `x-` prefix, then subtags of one to eight letters and digits — what the
/// W3C validator accepts. The one rule for the site's
/// `language`, a record's, and `feedwright validate`, so that nothing the
/// build accepts is refused in the feed it writes.
pub fn is_language_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let primary = parts.next().unwrap_or_default();
    let known = match primary.len() {
        1 => matches!(primary, "x" | "X") && tag.len() > 2,
        2 => is_iso_639_1(primary, false),
        3 => is_listed(ISO_639_2, primary),
        _ => false,
    };
    known
        && parts.all(|part| {
            (1..=8).contains(&part.len()) && part.chars().all(|c| c.is_ascii_alphanumeric())
        })
}

/// A language as a file name gives it (`post.fr.md`, `index.pt-br.md`):
/// a current ISO 639-1 code, then at most a script (`zh-hant`) and a
/// region (`pt-br`, `es-419`, `zh-hant-tw`). Stricter than
/// `is_language_tag`: three-letter codes are never read from a name, so
/// `post.new.md` or `notes.bak.md` stay pages of their own, and neither
/// are `learn.js.md` or `async.rs.md`.
pub fn is_file_name_language(tag: &str) -> bool {
    let mut parts = tag.split('-').peekable();
    if !parts
        .next()
        .is_some_and(|primary| is_iso_639_1(primary, true))
    {
        return false;
    }
    let letters = |part: &str, length: usize| {
        part.len() == length && part.bytes().all(|byte| byte.is_ascii_alphabetic())
    };
    parts.next_if(|part| letters(part, 4));
    parts.next_if(|part| {
        letters(part, 2) || (part.len() == 3 && part.bytes().all(|byte| byte.is_ascii_digit()))
    });
    parts.next().is_none()
}

/// The primary subtag of a language tag, lowercased (`en` for `en-US`):
/// a file named `post.en.md` on an `en-US` site is in the site's language.
pub fn primary_language(tag: &str) -> String {
    tag.split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn language_tags_are_held_to_iso_639() {
        for good in [
            "en",
            "pt-BR",
            "zh-Hant-TW",
            "haw",
            "x-klingon",
            "EN-us",
            "sh",
            "aa",
            "zu",
            "aar",
            "zun",
            "Ast",
        ] {
            assert!(is_language_tag(good), "{good}");
        }
        for bad in [
            "zz",
            "js",
            "rs",
            "english",
            "x",
            "en-",
            "e",
            "en_US",
            "qq-ZZ",
            "qqq",
            "i-klingon",
            "é",
        ] {
            assert!(!is_language_tag(bad), "{bad}");
        }
    }

    #[test]
    fn file_names_give_only_two_letter_iso_codes() {
        for good in [
            "fr",
            "pt-br",
            "zh-hans",
            "zh-hant-tw",
            "es-419",
            "FR",
            "ab-CD",
        ] {
            assert!(is_file_name_language(good), "{good}");
        }
        for bad in [
            "js",
            "rs",
            "py",
            "zz",
            "new",
            "bak",
            "old",
            "tmp",
            "alt",
            "eng",
            "fra",
            "sh",
            "min",
            "fr-",
            "pt-br-x",
            "zh-tw-hant",
            "v2",
        ] {
            assert!(!is_file_name_language(bad), "{bad}");
        }
        assert_eq!(primary_language("en-US"), "en");
    }

    #[test]
    fn urls_are_held_to_what_feed_validators_accept() {
        let ok = |text: &str| web_url_for_feed(text).map(String::from);
        assert_eq!(
            ok("https://ex.com/a[1]|^").unwrap(),
            "https://ex.com/a%5B1%5D%7C%5E"
        );
        assert_eq!(
            ok("https://ex.com/?q=[x]").unwrap(),
            "https://ex.com/?q=%5Bx%5D"
        );
        assert_eq!(
            ok("https://ex.com/100%25").unwrap(),
            "https://ex.com/100%25"
        );
        assert!(ok("http://[::1]/x").is_err());
        assert!(ok("https://ex.com/%ZZ").is_err());
        assert!(ok("https://ex.com/50%").is_err());
        assert!(ok("javascript:alert(1)").is_err());
        assert!(ok("/relative").is_err());
        assert_eq!(
            ok("https://ex.com/%7Ea/%e2%82%ac").unwrap(),
            "https://ex.com/~a/%E2%82%AC"
        );
        assert_eq!(
            canonical_uri("HTTPS://Ex.com:443/./g/%7e"),
            Some("https://ex.com/g/~".into())
        );
        assert_eq!(
            canonical_uri("tag:ex.com,2025:a%2db"),
            Some("tag:ex.com,2025:a-b".into())
        );
        assert_eq!(canonical_uri("https://ex.com/a%2Fb"), None);
    }

    #[test]
    fn text_that_draws_nothing_is_not_visible() {
        for blank in [
            "",
            " \t",
            "\u{FFFD}",
            "\u{AD}\u{200E}",
            "\u{3164}",
            "\u{34F}",
            "\u{2800}",
            "\u{301}",
            "\u{180E}",
            "\u{202E}",
            "\u{FE0F}",
            "\u{115F}",
            "\u{E0001}",
            "\u{1D173}",
            "\u{3000}",
        ] {
            assert!(!has_visible_text(blank), "{blank:?}");
        }
        for shown in [
            "a",
            "é",
            "e\u{301}",
            "漢",
            "—",
            "\u{1F600}",
            "\u{AD}x",
            "१",
            "ি",
        ] {
            assert!(has_visible_text(shown), "{shown:?}");
        }
    }

    #[test]
    fn hidden_schemes_are_found_after_decoding() {
        for hostile in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " \u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java&#x09;script:alert(1)",
            "java&Tab;script:alert(1)",
            "&#106;avascript:alert(1)",
            "&#x6A;avascript:alert(1)",
            "&#0000106avascript:alert(1)",
            "%6Aavascript:alert(1)",
            "&amp;#106;avascript:alert(1)",
            "javascript&colon;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "file:///etc/passwd",
            "tel:+123",
            "ftp://example.com/",
        ] {
            assert!(!url_is_publishable(hostile), "{hostile:?} passed");
        }
        assert_eq!(
            unpublishable_scheme("java&#x09;script:x").as_deref(),
            Some("javascript")
        );
    }

    #[test]
    fn web_mail_and_relative_urls_pass() {
        for fine in [
            "https://example.com/a?b=c:d",
            "HTTP://example.com/",
            "mailto:desk@example.com",
            "../other/",
            "/img/a.jpg",
            "#fn1",
            "?page=2",
            "a/b:c",
            "",
            "//cdn.example.com/x.png",
            "100%25",
        ] {
            assert!(url_is_publishable(fine), "{fine:?} refused");
        }
    }

    #[test]
    fn long_folder_slugs_are_cut_and_told_apart() {
        assert_eq!(folder_slug("Harbour News"), "harbour-news");
        let exact = "a".repeat(MAX_FOLDER_SLUG);
        assert_eq!(folder_slug(&exact), exact);
        let one = folder_slug(&format!("{}1", "a".repeat(300)));
        let two = folder_slug(&format!("{}2", "a".repeat(300)));
        assert_ne!(one, two);
        for slug in [&one, &two] {
            assert_eq!(slug.len(), MAX_FOLDER_SLUG);
            assert!(slug.starts_with(&"a".repeat(63)), "{slug}");
        }
        assert_eq!(folder_slug(&format!("{}1", "a".repeat(300))), one);
        // A cut that lands after a `-` leaves no `--`.
        let dashed = folder_slug(&"ab ".repeat(100));
        assert!(!dashed.contains("--"), "{dashed}");
        assert!(dashed.len() <= MAX_FOLDER_SLUG);
    }
}
