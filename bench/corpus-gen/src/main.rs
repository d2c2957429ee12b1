//! corpus-gen: writes a synthetic news archive for feedwright's benchmark.
//!
//! ```text
//! corpus-gen gen N DIR [--seed S] [--threads T]
//! ```
//!
//! writes `DIR/feed.toml` and `N` Markdown records with TOML front matter
//! under `DIR/articles/YYYY/`, about 4 KB each: titles with non-ASCII text,
//! RFC 3339 and date-only dates between 2015-01-01 and 2025-12-31, 1–4
//! tags, 0–3 related slugs pointing at other records of the corpus, ~1 %
//! drafts, bodies with headings, lists, links, relative images, block
//! quotes and code blocks.
//!
//! Deterministic: every record is drawn from its own random stream, seeded
//! by (seed, record index) only, so the same N and seed give byte-identical
//! files whatever the thread count. Uses no crate at all.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

// ---------------------------------------------------------------- random

/// SplitMix64: tiny, fast, and good enough for synthetic text.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, index: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed
            ^ index.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03));
        rng.next();
        rng
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (n > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }
    fn range(&mut self, low: u64, high_inclusive: u64) -> u64 {
        low + self.below(high_inclusive - low + 1)
    }
    fn pick(&mut self, items: &[&'static str]) -> &'static str {
        items[self.below(items.len() as u64) as usize]
    }
    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

// ---------------------------------------------------------------- words

const SLUG_WORDS: &[&str] = &[
    "harbour", "ferry", "council", "budget", "strike", "market", "tram", "bridge", "river",
    "school", "festival", "museum", "housing", "rent", "port", "pier", "storm", "flood",
    "election", "mayor", "hospital", "nurses", "fishing", "co-op", "tourism", "airport", "rail",
    "bus", "cycle", "lane", "park", "library", "theatre", "football", "regatta", "wine", "olive",
    "bakery", "tunnel", "lighthouse", "tide", "heatwave", "drought", "fire", "police", "court",
    "trial", "vote", "tax", "wages", "union", "talks", "deal", "plan", "review", "report",
    "opens", "closes", "delayed", "approved", "rejected", "protest", "inquiry", "record", "new",
    "old", "north", "south", "east", "west", "night", "summer", "winter", "city", "village",
];

const TITLE_NOUNS: &[&str] = &[
    "Ferry Crews", "Harbour Budget", "Câmara Municipal", "Fishermen’s Co-op", "Tram Line 28",
    "Night Market", "Straßenbahn", "Estação do Cais", "Café Owners", "Açores Flights",
    "Zürich Delegation", "Łódź Twin-Town Visit", "Øresund Pilots", "Ribeira Traders",
    "Lighthouse Keepers", "São Bento Residents", "Fähre Nord", "Ærø Ferry", "Kraków Choir",
    "Señora Núñez", "Ελληνική Αντιπροσωπεία", "Делегация из Одессы", "東京 Trade Mission",
    "서울 Exchange Students", "Bibliothèque Mobile", "Crèche Workers", "Pâtisserie Row",
    "Dock Workers’ Union", "Old Town Bakeries", "Regatta Committee", "Coastguard",
];

const TITLE_VERBS: &[&str] = &[
    "Walk Out Over", "Approve", "Reject", "Delay", "Celebrate", "Call for", "Warn of",
    "Open Talks on", "Vote Down", "Back", "Question", "Win Appeal Over", "Lose Bid for",
    "Return to", "Plan", "Review", "Unveil", "Protest Against",
];

const TITLE_OBJECTS: &[&str] = &[
    "Night-Shift Rota", "€4.2m Harbour Plan", "New Cold Store", "Winter Timetable",
    "Rent Controls", "the Riverside Promenade", "Pier 3 Closure", "Bike Lanes on Rua Nova",
    "a Later Last Sailing", "Tourist Tax", "School Meals", "the Lighthouse Museum",
    "„Fair Wages“ Charter", "« Zone Piétonne »", "Flood Barriers", "the Fish Auction",
    "Airport Noise Limits", "the Olive Harvest Festival", "Tunnel Tolls", "Heatwave Plans",
    "the Café Terrace Rules", "Übernachtungssteuer", "Água Pública Referendum",
];

const TITLE_TAILS: &[&str] = &[
    "", "", "", ": What We Know", " — Live Updates", ": Q&A", " (Updated)", " – Analysis",
    ", Officials Say", ": “We Were Not Consulted”", " · Em Português", " — 港口新闻",
];

const TAGS: &[&str] = &[
    "transport", "labour", "ferries", "harbour", "council", "budget", "fishing", "business",
    "trams", "schools", "health", "housing", "culture", "sport", "weather", "environment",
    "tourism", "crime", "courts", "elections", "energy", "water", "festivals", "food",
    "history", "science", "technology", "opinion", "obituaries", "letters", "economia",
    "política", "cultura", "educação", "saúde", "ambiente", "desporto", "Straßenverkehr",
    "café-culture", "região", "международные", "アジア",
];

const AUTHORS: &[&str] = &[
    "Ana Ribeiro", "Tomás Leal", "Rui Fonseca", "Marta Sousa", "João Gonçalves", "Inês Araújo",
    "Jürgen Müller", "Zoë Brontë", "Chloé Lefèvre", "Søren Kierkegård", "Ayşe Yılmaz",
    "Nguyễn Thị Lan", "Wojciech Łukasiewicz", "Desk Staff",
];

const WORDS: &[&str] = &[
    "the", "the", "the", "a", "a", "of", "of", "to", "to", "and", "and", "in", "in", "on", "at",
    "for", "with", "from", "by", "after", "before", "over", "under", "between", "council",
    "harbour", "ferry", "crews", "residents", "traders", "morning", "evening", "night", "week",
    "month", "budget", "plan", "vote", "meeting", "quay", "pier", "river", "bridge", "tram",
    "line", "station", "market", "fish", "catch", "boats", "nets", "tide", "storm", "rain",
    "wind", "sun", "street", "square", "promenade", "café", "terrace", "bakery", "school",
    "children", "parents", "teachers", "nurses", "doctors", "hospital", "museum", "library",
    "festival", "music", "choir", "regatta", "sailing", "timetable", "tickets", "fares",
    "passengers", "commuters", "workers", "union", "operator", "company", "mayor", "minister",
    "spokesperson", "report", "review", "inquiry", "decision", "proposal", "was", "were", "is",
    "are", "said", "says", "told", "asked", "agreed", "refused", "opened", "closed", "approved",
    "delayed", "cancelled", "extended", "reduced", "increased", "expected", "planned", "new",
    "old", "first", "last", "second", "early", "late", "small", "large", "local", "public",
    "private", "north", "south", "older", "younger", "forty", "twenty", "three", "hundred",
    "million", "euros", "per", "cent", "about", "almost", "only", "still", "already", "again",
    "never", "often", "since", "until", "while", "because", "although", "however", "São",
    "Ribeira", "Praça", "Estação", "Straße", "naïve", "façade", "rôle", "déjà", "jalapeño",
    "fiancée", "Zürich", "Malmö", "Ærø", "Gdańsk", "İzmir", "coöperation",
];

const PHRASES_NON_LATIN: &[&str] = &[
    "«Nunca vimos nada assim», disse uma moradora.",
    "„Wir wurden nicht gefragt“, sagte ein Sprecher.",
    "Ένας ψαράς είπε ότι η αλιεία ήταν καλή φέτος.",
    "«Это важный день для города», сказал мэр.",
    "港の再開発は来年の春に始まる予定です。",
    "항구 재개발은 내년 봄에 시작될 예정이다.",
    "قال أحد الصيادين إن الموسم كان جيداً هذا العام.",
    "“It’s the rain I’m worried about,” said a nurse heading to the early shift.",
    "The café’s owner — who asked not to be named — shrugged: “c’est la vie”.",
];

const CODE_LANGS: &[&str] = &["text", "toml", "json", "sh", "python", "rust", ""];

const OFFSETS: &[&str] = &["Z", "+00:00", "+01:00", "+02:00", "-05:00", "+05:30", "+09:00", "-03:00"];

// ---------------------------------------------------------------- dates

/// Days since 1970-01-01 → (year, month, day): Howard Hinnant's algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// 2015-01-01 and 2025-12-31 as days since 1970-01-01.
const FIRST_DAY: u64 = 16_436;
const LAST_DAY: u64 = 20_453;

// ---------------------------------------------------------------- records

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap()
}

/// A record's slug depends on (seed, index) only, so other records can
/// point at it without it being generated first. The base-36 index makes
/// it unique.
fn slug_of(seed: u64, index: u64) -> String {
    let mut rng = Rng::new(seed, index, 1);
    let words = rng.range(2, 4);
    let mut slug = String::new();
    for _ in 0..words {
        slug.push_str(rng.pick(SLUG_WORDS));
        slug.push('-');
    }
    slug.push_str(&base36(index));
    slug
}

fn sentence(rng: &mut Rng, out: &mut String) {
    if rng.chance(7) {
        out.push_str(rng.pick(PHRASES_NON_LATIN));
        return;
    }
    let words = rng.range(8, 22);
    for w in 0..words {
        let word = rng.pick(WORDS);
        if w == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            if rng.chance(3) {
                out.push_str("**");
                out.push_str(word);
                out.push_str("**");
            } else if rng.chance(3) {
                out.push('*');
                out.push_str(word);
                out.push('*');
            } else {
                out.push_str(word);
            }
            if w + 1 < words && rng.chance(6) {
                out.push(',');
            }
        }
    }
    out.push_str(if rng.chance(8) { "?" } else { "." });
}

fn paragraph(rng: &mut Rng, out: &mut String, seed: u64, n: u64) {
    let sentences = rng.range(2, 5);
    for s in 0..sentences {
        if s > 0 {
            out.push(' ');
        }
        sentence(rng, out);
        if rng.chance(12) {
            // A link: absolute, to another article (relative), or a fragment.
            match rng.below(3) {
                0 => {
                    let _ = write!(
                        out,
                        " See the [full statement](https://www.example.org/statements/{}.html).",
                        rng.range(1000, 99_999)
                    );
                }
                1 => {
                    let _ = write!(
                        out,
                        " Our [earlier report](../{}/) has the background.",
                        slug_of(seed, rng.below(n))
                    );
                }
                _ => {
                    let _ = write!(out, " Details are in the [timetable](/timetables/{}.pdf).", rng.range(1, 40));
                }
            }
        }
    }
    out.push_str("\n\n");
}

fn heading(rng: &mut Rng, out: &mut String, level: usize) {
    for _ in 0..level {
        out.push('#');
    }
    out.push(' ');
    let words = rng.range(2, 6);
    for w in 0..words {
        let word = rng.pick(WORDS);
        if w == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.extend(first.to_uppercase());
                out.push_str(chars.as_str());
            }
        } else {
            out.push(' ');
            out.push_str(word);
        }
    }
    out.push_str("\n\n");
}

fn list(rng: &mut Rng, out: &mut String) {
    let ordered = rng.chance(30);
    let items = rng.range(3, 6);
    for i in 1..=items {
        if ordered {
            let _ = write!(out, "{i}. ");
        } else {
            out.push_str("- ");
        }
        let words = rng.range(3, 10);
        for w in 0..words {
            if w > 0 {
                out.push(' ');
            }
            out.push_str(rng.pick(WORDS));
        }
        if rng.chance(20) {
            let _ = write!(out, ": [map](maps/stop-{}.html)", rng.range(1, 99));
        }
        out.push('\n');
    }
    out.push('\n');
}

fn image(rng: &mut Rng, out: &mut String) {
    let n = rng.range(1, 9);
    match rng.below(3) {
        0 => {
            let _ = write!(out, "![Photo {n}: the quay at dawn](images/photo-{n}.jpg)\n\n");
        }
        1 => {
            let _ = write!(
                out,
                "![Chart of the figures](../../media/charts/chart-{}.png \"Source: council\")\n\n",
                rng.range(100, 999)
            );
        }
        _ => {
            let _ = write!(
                out,
                "<figure><img src=\"images/wide-{n}.webp\" alt=\"Wide view\" width=\"1200\"><figcaption>Looking north from the pier.</figcaption></figure>\n\n"
            );
        }
    }
}

fn code_block(rng: &mut Rng, out: &mut String) {
    let lang = rng.pick(CODE_LANGS);
    let _ = writeln!(out, "```{lang}");
    let lines = rng.range(3, 8);
    for l in 0..lines {
        let _ = writeln!(
            out,
            "sailing_{l} = {{ departs = \"{:02}:{:02}\", pier = {}, fare_eur = {}.{:02} }} # <ok> & \"quoted\"",
            rng.range(5, 23),
            rng.range(0, 59),
            rng.range(1, 9),
            rng.range(1, 9),
            rng.range(0, 99)
        );
    }
    out.push_str("```\n\n");
}

fn quote(rng: &mut Rng, out: &mut String) {
    out.push_str("> ");
    sentence(rng, out);
    out.push_str("\n\n");
}

fn body(rng: &mut Rng, out: &mut String, seed: u64, n: u64) {
    let target = rng.range(3_000, 3_800) as usize;
    let start = out.len();
    paragraph(rng, out, seed, n);
    paragraph(rng, out, seed, n);
    let mut step = 0u32;
    while out.len() - start < target {
        match step % 6 {
            0 => heading(rng, out, 2),
            1 => list(rng, out),
            2 => image(rng, out),
            3 => code_block(rng, out),
            4 => heading(rng, out, 3),
            _ => quote(rng, out),
        }
        paragraph(rng, out, seed, n);
        if rng.chance(50) {
            paragraph(rng, out, seed, n);
        }
        step += 1;
    }
}

struct Generated {
    /// Relative to `articles/`.
    path: String,
    text: String,
}

/// The same front matter in YAML: `key = value` lines become `key: value`
/// (TOML's arrays are YAML flow sequences, its inline tables flow maps).
fn to_yaml(text: &str) -> String {
    let Some(rest) = text.strip_prefix("+++\n") else {
        return text.to_string();
    };
    let Some(end) = rest.find("\n+++\n") else {
        return text.to_string();
    };
    let (front, body) = (&rest[..end], &rest[end + "\n+++\n".len()..]);
    let mut out = String::with_capacity(text.len());
    out.push_str("---\n");
    for line in front.lines() {
        out.push_str(&line.replacen(" = ", ": ", 1).replace(" = \"", ": \""));
        out.push('\n');
    }
    out.push_str("---\n");
    out.push_str(body);
    out
}

/// With `--wide`, each tag and author name takes one of these qualifiers,
/// drawn from a stream of its own (so the rest of a record is the same):
/// 42 × 10 tags and 14 × 7 authors, about 500 values in all, as a large
/// news site's taxonomy has.
const TAG_QUALIFIERS: &[&str] = &[
    "", " (Asia)", " (Europe)", " (Africa)", " (Americas)", " (Oceania)", " — analysis",
    " — opinion", " — explainer", " — live",
];
const AUTHOR_QUALIFIERS: &[&str] = &["", " Jr.", " Sr.", " II", " III", " IV", " V"];

fn qualified(rng: &mut Option<Rng>, name: &str, qualifiers: &[&'static str]) -> String {
    match rng {
        Some(rng) => format!("{name}{}", rng.pick(qualifiers)),
        None => name.to_string(),
    }
}

fn record(seed: u64, index: u64, n: u64, options: Options) -> Generated {
    let Options { yaml_percent, wide } = options;
    let mut rng = Rng::new(seed, index, 0);
    let mut wide_rng = wide.then(|| Rng::new(seed, index, 11));
    let slug = slug_of(seed, index);
    let day = rng.range(FIRST_DAY, LAST_DAY);
    let (year, month, dom) = civil_from_days(day as i64);
    let date_only = rng.chance(35);
    let (hh, mm, ss) = (rng.range(0, 23), rng.range(0, 59), rng.range(0, 59));
    let offset = rng.pick(OFFSETS);

    let mut text = String::with_capacity(4_600);
    text.push_str("+++\n");

    // Title: non-ASCII text, curly quotes, and the index so titles are unique.
    let _ = writeln!(
        text,
        "title = \"{} {} {}{} — Nº {}\"",
        rng.pick(TITLE_NOUNS),
        rng.pick(TITLE_VERBS),
        rng.pick(TITLE_OBJECTS),
        rng.pick(TITLE_TAILS),
        index + 1
    );
    // Dates: quoted RFC 3339, quoted date-only, or unquoted TOML datetimes.
    let quoted = rng.chance(85);
    let q = if quoted { "\"" } else { "" };
    if date_only {
        let _ = writeln!(text, "date = {q}{year:04}-{month:02}-{dom:02}{q}");
    } else {
        let _ = writeln!(
            text,
            "date = {q}{year:04}-{month:02}-{dom:02}T{hh:02}:{mm:02}:{ss:02}{offset}{q}"
        );
    }
    if rng.chance(10) {
        let later = (day + rng.range(0, 30)).min(LAST_DAY);
        let (uy, um, ud) = civil_from_days(later as i64);
        let _ = writeln!(text, "updated = \"{uy:04}-{um:02}-{ud:02}T23:15:00Z\"");
    }
    if rng.chance(20) {
        text.push_str("summary = \"");
        let mut summary = String::new();
        sentence(&mut rng, &mut summary);
        text.push_str(&summary.replace('*', ""));
        text.push_str("\"\n");
    }
    let tag_count = rng.range(1, 4);
    text.push_str("tags = [");
    let mut used_tags: Vec<&str> = Vec::new();
    while used_tags.len() < tag_count as usize {
        let tag = rng.pick(TAGS);
        if !used_tags.contains(&tag) {
            used_tags.push(tag);
        }
    }
    for (i, tag) in used_tags.iter().enumerate() {
        if i > 0 {
            text.push_str(", ");
        }
        let _ = write!(text, "\"{}\"", qualified(&mut wide_rng, tag, TAG_QUALIFIERS));
    }
    text.push_str("]\n");
    if rng.chance(60) {
        text.push_str("authors = [\"");
        let author = rng.pick(AUTHORS);
        text.push_str(&qualified(&mut wide_rng, author, AUTHOR_QUALIFIERS));
        text.push('"');
        if rng.chance(20) {
            let name = qualified(&mut wide_rng, rng.pick(AUTHORS), AUTHOR_QUALIFIERS);
            let _ = write!(
                text,
                ", {{ name = \"{name}\", email = \"staff{}@news.example.com\" }}",
                rng.range(1, 60)
            );
        }
        text.push_str("]\n");
    }
    let related = if n > 1 { rng.range(0, 3) } else { 0 };
    if related > 0 {
        text.push_str("related = [");
        let mut written = 0;
        while written < related {
            let other = rng.below(n);
            if other == index {
                continue;
            }
            if written > 0 {
                text.push_str(", ");
            }
            let _ = write!(text, "\"{}\"", slug_of(seed, other));
            written += 1;
        }
        text.push_str("]\n");
    }
    if rng.chance(1) {
        text.push_str("draft = true\n");
    }
    text.push_str("+++\n");
    body(&mut rng, &mut text, seed, n);

    // Half the files carry the date in their name, as many archives do;
    // the slug is the same either way.
    let path = if rng.chance(50) {
        format!("{year:04}/{year:04}-{month:02}-{dom:02}-{slug}.md")
    } else {
        format!("{year:04}/{slug}.md")
    };
    // A stream of its own, so the records' content is the same whatever
    // the share of YAML.
    let text = if Rng::new(seed, index, 7).chance(yaml_percent) {
        to_yaml(&text)
    } else {
        text
    };
    Generated { path, text }
}

const FEED_TOML: &str = r#"# Generated by bench/corpus-gen: a synthetic news archive for the benchmark.
title = "The Synthetic Gazette — Arquivo"
base_url = "https://gazette.example.com/news/"
description = "A generated archive for feedwright's benchmark"
language = "en"
limit = 50
timezone = "Europe/Lisbon"
permalink = "/{year}/{month}/{slug}/"

[author]
name = "Gazette Desk"
email = "desk@gazette.example.com"
"#;

// ---------------------------------------------------------------- main

fn usage() -> ExitCode {
    eprintln!("usage: corpus-gen gen N DIR [--seed S] [--threads T] [--yaml PERCENT] [--wide]");
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("gen") {
        args.remove(0);
    }
    let mut seed: u64 = 1;
    let mut threads = std::thread::available_parallelism().map_or(2, usize::from);
    let mut options = Options::default();
    let mut positional = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--seed" | "--threads" | "--yaml" => {
                let Some(value) = args.get(i + 1).and_then(|v| v.parse::<u64>().ok()) else {
                    return usage();
                };
                match args[i].as_str() {
                    "--seed" => seed = value,
                    "--yaml" => options.yaml_percent = value.min(100),
                    _ => threads = value.max(1) as usize,
                }
                i += 2;
            }
            "--wide" => {
                options.wide = true;
                i += 1;
            }
            "-h" | "--help" => {
                usage();
                return ExitCode::SUCCESS;
            }
            other => {
                positional.push(other.to_string());
                i += 1;
            }
        }
    }
    let [n, dir] = positional.as_slice() else {
        return usage();
    };
    let Ok(n) = n.replace('_', "").parse::<u64>() else {
        return usage();
    };
    let dir = PathBuf::from(dir);
    match generate(n, &dir, seed, threads, options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("corpus-gen: {message}");
            ExitCode::FAILURE
        }
    }
}

#[derive(Clone, Copy, Default)]
struct Options {
    /// Share of records with YAML front matter instead of TOML.
    yaml_percent: u64,
    /// About 500 tag and author values instead of 56.
    wide: bool,
}

fn generate(n: u64, dir: &Path, seed: u64, threads: usize, options: Options) -> Result<(), String> {
    let articles = dir.join("articles");
    if articles.exists() {
        return Err(format!(
            "{} already exists; remove it first so no stale record stays behind",
            articles.display()
        ));
    }
    std::fs::create_dir_all(&articles).map_err(|e| format!("{}: {e}", articles.display()))?;
    for year in 2015..=2025 {
        let folder = articles.join(year.to_string());
        std::fs::create_dir_all(&folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    }
    std::fs::write(dir.join("feed.toml"), FEED_TOML).map_err(|e| format!("feed.toml: {e}"))?;

    let threads = threads.max(1) as u64;
    let result: Result<u64, String> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let articles = &articles;
                scope.spawn(move || -> Result<u64, String> {
                    let mut bytes = 0u64;
                    let mut index = t;
                    while index < n {
                        let generated = record(seed, index, n, options);
                        let path = articles.join(&generated.path);
                        std::fs::write(&path, generated.text.as_bytes())
                            .map_err(|e| format!("{}: {e}", path.display()))?;
                        bytes += generated.text.len() as u64;
                        index += threads;
                    }
                    Ok(bytes)
                })
            })
            .collect();
        let mut total = 0;
        for handle in handles {
            total += handle.join().map_err(|_| "a writer thread panicked".to_string())??;
        }
        Ok(total)
    });
    let bytes = result?;
    eprintln!(
        "corpus-gen: {n} records, {:.1} MB, seed {seed}, in {}",
        bytes as f64 / 1e6,
        dir.display()
    );
    Ok(())
}
