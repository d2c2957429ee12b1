//! End-to-end tests: the real binary run against sites in temporary
//! folders. Fixtures live in `tests/fixtures/<case>/`, snapshots in
//! `tests/snapshots/`.

mod util;

use std::process::{Command, Stdio};
use util::{
    Related, Site, atom_items, on_path, relative_urls, rss_items, rss_related_links, titles,
};

/// An item's fields that RSS and Atom both carry.
fn shared(item: &util::Item) -> util::Item {
    util::Item {
        updated: None,
        content: String::new(),
        ..item.clone()
    }
}

/// Names as one byline: "A", "A and B", "A, B and C".
fn byline(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn related(href: &str, title: Option<&str>) -> Related {
    Related {
        href: href.to_string(),
        title: title.map(str::to_string),
    }
}

fn find<'a>(items: &'a [util::Item], title: &str) -> &'a util::Item {
    items
        .iter()
        .find(|item| item.title == title)
        .unwrap_or_else(|| panic!("no item {title:?} in {:?}", titles(items)))
}

// 1. The repository's own sample site.

#[test]
fn sample_site_builds_valid_agreeing_feeds() {
    let site = Site::sample();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.is_empty(), "stdout: {}", run.stdout);
    insta::assert_snapshot!("sample_stderr", run.stderr);

    let rss_text = site.rss();
    let atom_text = site.atom();
    let rss = rss_items(&rss_text);
    let atom = atom_items(&atom_text);

    // 14 records, one of them a draft.
    assert_eq!(rss.len(), 13, "{:?}", titles(&rss));
    assert_eq!(atom.len(), 13, "{:?}", titles(&atom));
    let draft = "Harbour Tunnel Survey: Early Findings";
    assert!(!rss_text.contains(draft) && !atom_text.contains(draft));
    assert!(
        !rss_text.contains("draft-harbour-tunnel") && !atom_text.contains("draft-harbour-tunnel")
    );

    // RSS and Atom say the same thing about every item, in the same order;
    // RSS names several authors in one `dc:creator` ("A, B and C"), since
    // common readers show only one of several.
    let rss_shared: Vec<_> = rss.iter().map(shared).collect();
    let atom_shared: Vec<_> = atom
        .iter()
        .map(|item| util::Item {
            authors: vec![byline(&item.authors)],
            ..shared(item)
        })
        .collect();
    assert!(rss.iter().all(|item| item.authors.len() == 1));
    assert_eq!(rss_shared, atom_shared);
    for (r, a) in rss.iter().zip(&atom) {
        assert_eq!(
            r.content.trim(),
            a.content.trim(),
            "content of {:?}",
            r.title
        );
    }

    // Newest first; same instant → ascending id.
    for pair in atom.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            a.published > b.published || (a.published == b.published && a.id < b.id),
            "{:?} ({:?}) before {:?} ({:?})",
            a.title,
            a.published,
            b.title,
            b.published
        );
    }
    assert_eq!(
        atom.first().map(|i| i.title.as_str()),
        Some("Riverside Traders Count the Cost of January’s Floods")
    );
    assert_eq!(
        atom.last().map(|i| i.title.as_str()),
        Some("Ferry Crews Walk Out Over Night-Shift Rota")
    );

    for item in rss.iter().chain(&atom) {
        assert!(item.link.starts_with("https://"), "{item:?}");
        assert!(!item.content.is_empty(), "no content: {:?}", item.title);
        let relative = relative_urls(&item.content);
        assert!(
            relative.is_empty(),
            "{:?}: relative URLs {relative:?}",
            item.title
        );
        // The "Related" list is there exactly when related links are.
        let has_list = item.content.contains("<h2>Related</h2>");
        assert_eq!(has_list, !item.related.is_empty(), "{:?}", item.title);
        for link in &item.related {
            assert!(
                item.content.contains(&format!("href=\"{}\"", link.href)),
                "{:?}: related {} not in the HTML list",
                item.title,
                link.href
            );
        }
    }

    // The feeds' last-updated date is the newest item's, never the clock.
    assert!(rss_text.contains("<lastBuildDate>Tue, 03 Feb 2026 00:00:00 +0000</lastBuildDate>"));
    assert!(atom_text.contains("\n  <updated>2026-02-03T00:00:00+00:00</updated>"));

    insta::assert_snapshot!("sample_rss", rss_text);
    insta::assert_snapshot!("sample_atom", atom_text);
}

#[test]
fn sample_site_items_match_their_records() {
    let site = Site::sample();
    site.build_ok(&[]);
    let rss_text = site.rss();
    let atom = atom_items(&site.atom());
    let rss = rss_items(&rss_text);
    let ferry = find(&atom, "Ferry Crews Walk Out Over Night-Shift Rota");
    assert_eq!(ferry.categories, ["transport", "labour", "ferries"]);
    assert_eq!(ferry.authors, ["Ana Ribeiro", "Tomás Leal"]);
    assert_eq!(
        ferry.related,
        [
            related(
                "https://news.example.com/articles/harbour-budget/",
                Some("Council Approves €4.2m Harbour Budget – With Conditions")
            ),
            related(
                "https://news.example.com/articles/cold-store/",
                Some("Fishermen’s Co-op Opens Cold Store at Pier 3")
            ),
            related("https://www.example.org/background/ferry-concessions", None),
        ]
    );
    let budget = find(
        &atom,
        "Council Approves €4.2m Harbour Budget – With Conditions",
    );
    assert_eq!(
        budget.published.as_deref(),
        Some("2025-10-03T13:20:00+00:00")
    );
    assert_eq!(budget.updated.as_deref(), Some("2025-10-04T08:00:00+00:00"));
    let sanbuk = find(&rss, "Omani Shipwrights Sail a Sanbuk (سنبوك) Into Port");
    assert_eq!(sanbuk.id, "tag:news.example.com,2025:omani-sanbuk");
    assert!(
        rss_text
            .contains("<guid isPermaLink=\"false\">tag:news.example.com,2025:omani-sanbuk</guid>")
    );
    let wire = find(&rss, "Wire Report: Atlantic Storm Season Ends Quietly");
    assert_eq!(
        wire.link,
        "https://wire.example.org/2025/11/atlantic-season-ends"
    );
}

// 2. Related references.

const UNRESOLVED: &str = "[SITE]/articles/alpha.md:11: warning: related reference \"The Harbour Nobody Wrote About\" matches no record's slug or title";

fn alpha_related(include_future: bool) -> Vec<Related> {
    let mut links = vec![
        related(
            "https://example.com/articles/beta/",
            Some("Beta Boats Return to the Slipway"),
        ),
        related(
            "https://example.com/articles/gamma/",
            Some("\"Gamma\" lighthouse - closes for winter"),
        ),
        related("https://elsewhere.example.org/quay-history", None),
    ];
    if include_future {
        links.push(related(
            "https://example.com/articles/future-one/",
            Some("Winter Timetable Announced"),
        ));
    }
    links
}

#[test]
fn related_references_resolve_by_slug_title_and_url() {
    let site = Site::fixture("related");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.warnings(), [UNRESOLVED], "{}", run.stderr);

    let atom = atom_items(&site.atom());
    assert_eq!(
        titles(&atom),
        [
            "Alpha Quay Reopens After Repairs",
            "Beta Boats Return to the Slipway",
            "\"Gamma\" lighthouse - closes for winter"
        ]
    );
    let alpha = find(&atom, "Alpha Quay Reopens After Repairs");
    assert_eq!(alpha.related, alpha_related(false));
    // Beta is named twice (by slug and by title) and listed once.
    assert_eq!(alpha.content.matches("articles/beta/").count(), 1);
    // The unresolved reference is listed, unlinked; draft and future ones are not.
    assert!(
        alpha
            .content
            .contains("<li>The Harbour Nobody Wrote About</li>"),
        "{}",
        alpha.content
    );
    for hidden in [
        "draft-one",
        "future-one",
        "Draft: Harbour",
        "Winter Timetable",
    ] {
        assert!(
            !alpha.content.contains(hidden),
            "{hidden}: {}",
            alpha.content
        );
    }
    for other in [
        "Beta Boats Return to the Slipway",
        "\"Gamma\" lighthouse - closes for winter",
    ] {
        let item = find(&atom, other);
        assert!(item.related.is_empty());
        assert!(!item.content.contains("<h2>Related</h2>"));
    }

    // RSS: item-level atom:link rel="related", read from the text.
    let rss_text = site.rss();
    let rss = rss_items(&rss_text);
    assert_eq!(titles(&rss), titles(&atom));
    let per_item = rss_related_links(&rss_text);
    assert_eq!(per_item[0], alpha_related(false));
    assert!(per_item[1].is_empty() && per_item[2].is_empty());
    assert_eq!(
        find(&rss, "Alpha Quay Reopens After Repairs")
            .content
            .trim(),
        alpha.content.trim()
    );
}

#[test]
fn related_reference_to_a_future_record_appears_with_include_future() {
    let site = Site::fixture("related");
    let run = site.build_ok(&["--include-future"]);
    assert_eq!(run.warnings(), [UNRESOLVED], "{}", run.stderr);
    let atom = atom_items(&site.atom());
    assert_eq!(atom.len(), 4);
    assert_eq!(atom[0].title, "Winter Timetable Announced");
    let alpha = find(&atom, "Alpha Quay Reopens After Repairs");
    assert_eq!(alpha.related, alpha_related(true));
    assert_eq!(rss_related_links(&site.rss())[1], alpha_related(true));
}

#[test]
fn unresolved_related_reference_fails_under_strict() {
    let site = Site::fixture("related");
    let run = site.run(&["build", "--strict"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&UNRESOLVED.replace(": warning: ", ": error: ")),
        "{}",
        run.stderr
    );
    assert!(run.warnings().is_empty());
    assert!(!site.exists("public/rss.xml") && !site.exists("public/atom.xml"));
}

// 3. A title shared by two records.

#[test]
fn ambiguous_title_reference_names_both_files() {
    let site = Site::fixture("invalid/ambiguous-title");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    let errors = run.errors();
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("[SITE]/articles/three.md:4: error: "),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("ambiguous"), "{}", errors[0]);
    assert!(
        errors[0].contains("[SITE]/articles/one.md"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("[SITE]/articles/two.md"),
        "{}",
        errors[0]
    );
    assert!(!site.exists("public"));
}

// 4. A plain-text record in the seed's layout.

#[test]
fn plain_text_record_in_seed_layout() {
    let site = Site::fixture("plaintext-seed-layout");
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.warnings().is_empty(), "{}", run.stderr);

    let title = "‘Harbour Pilots’ to Resume Talks on Night Rota in Friday Meeting – As It Happened";
    let rss_text = site.rss();
    let atom_text = site.atom();
    let atom = atom_items(&atom_text);
    let rss = rss_items(&rss_text);
    assert_eq!(atom.len(), 4);
    let item = &atom[0];
    assert_eq!(item.title, title);
    assert_eq!(item.link, "https://example.com/articles/pilots-talks/");
    // Midnight in Lisbon, which is UTC+1 in September.
    assert!(atom_text.contains("<published>2025-09-01T00:00:00+01:00</published>"));
    assert!(rss_text.contains("<pubDate>Mon, 01 Sep 2025 00:00:00 +0100</pubDate>"));
    assert_eq!(item.published.as_deref(), Some("2025-08-31T23:00:00+00:00"));
    let expected = vec![
        related(
            "https://example.com/articles/union-postponed/",
            Some("Pilots' Union Says Night Rota Talks Postponed"),
        ),
        related(
            "https://example.com/articles/dredging/",
            Some("Port Authority Thinks Council Is Delaying Dredging Behind the Scenes"),
        ),
        related(
            "https://example.com/articles/pay-truce/",
            Some("Ferry Operator Calls for Pay Truce at Harbour Talks"),
        ),
    ];
    assert_eq!(item.related, expected);
    assert_eq!(rss_related_links(&rss_text)[0], expected);
    // Headings and paragraphs from the body.
    assert!(
        item.content.contains("<h2>What the Pilots Want</h2>"),
        "{}",
        item.content
    );
    assert!(item.content.contains("<h2>What Happens Next</h2>"));
    assert!(
        item.content
            .contains("<p>If Friday’s meeting ends without an agreement")
    );
    assert!(!item.content.contains("Publish date"));
    assert_eq!(rss[0].title, title);

    insta::assert_snapshot!("plaintext_seed_layout_rss", rss_text);
    insta::assert_snapshot!("plaintext_seed_layout_atom", atom_text);
}

// 5. The seed file itself, when the shared folder is there.

#[test]
fn seed_file_alone_builds_with_three_warnings() {
    let seeds = util::crate_root().join("../shared/seeds");
    let seed = seeds.join("000_c19cbf1830d3611b.txt");
    if !seed.is_file() {
        util::skip_note(
            "the project's seed records (../shared/seeds) are not beside this checkout",
        );
        return;
    }
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write(
        "articles/000_c19cbf1830d3611b.txt",
        std::fs::read(&seed).expect("read seed"),
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 3, "{}", run.stderr);
    for (warning, reference) in warnings.iter().zip([
        "Oman FM: Iran-US Nuclear Talks on Saturday Postponed",
        "White House Thinks Europe Is Disrupting End to Ukraine War Behind the Scenes",
        "Oman Calls for Gaza Ceasefire at Gulf-US Talks",
    ]) {
        assert!(
            warning.starts_with("[SITE]/articles/000_c19cbf1830d3611b.txt:")
                && warning.contains(&format!(
                    "related reference {reference:?} matches no record"
                )),
            "{warning}"
        );
    }
    let atom = atom_items(&site.atom());
    let rss = rss_items(&site.rss());
    assert_eq!(atom.len(), 1);
    assert_eq!(rss.len(), 1);
    assert!(
        atom[0]
            .title
            .starts_with("‘Coalition of Willing’ to Hold Talks")
    );
    assert_eq!(
        atom[0].published.as_deref(),
        Some("2025-09-01T00:00:00+00:00")
    );
    assert!(atom[0].related.is_empty());
    assert_eq!(atom[0].content.matches("<li>").count(), 3);
}

// 6. Determinism.

#[test]
fn rebuild_of_unchanged_input_rewrites_nothing() {
    let site = Site::sample();
    site.build_ok(&[]);
    let rss = site.read_bytes("public/rss.xml");
    let atom = site.read_bytes("public/atom.xml");
    let rss_time = site.mtime("public/rss.xml");
    let atom_time = site.mtime("public/atom.xml");
    std::thread::sleep(std::time::Duration::from_millis(50));

    let run = site.build_ok(&[]);
    assert!(
        run.stderr
            .contains("unchanged: [SITE]/public/rss.xml (13 items)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("unchanged: [SITE]/public/atom.xml (13 items)"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("feeds already up to date"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("written:"), "{}", run.stderr);
    assert_eq!(site.read_bytes("public/rss.xml"), rss);
    assert_eq!(site.read_bytes("public/atom.xml"), atom);
    assert_eq!(site.mtime("public/rss.xml"), rss_time);
    assert_eq!(site.mtime("public/atom.xml"), atom_time);

    // A second site from the same input gives the same bytes.
    let other = Site::sample();
    other.build_ok(&[]);
    assert_eq!(other.read_bytes("public/rss.xml"), rss);
    assert_eq!(other.read_bytes("public/atom.xml"), atom);
}

// 7. Nothing lost.

#[test]
fn broken_record_leaves_existing_feeds_untouched() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let rss = site.read_bytes("public/rss.xml");
    let atom = site.read_bytes("public/atom.xml");
    let rss_time = site.mtime("public/rss.xml");
    let atom_time = site.mtime("public/atom.xml");
    std::thread::sleep(std::time::Duration::from_millis(50));

    // A date that is present but unreadable is an error. (A record with no
    // date at all used to be the broken record here; it is now a page, left
    // out of the feeds with a warning.)
    site.write(
        "articles/undated.md",
        "+++\ntitle = \"A Story Without a Date\"\ndate = \"someday\"\n+++\nWhen did this happen?\n",
    );
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[SITE]/articles/undated.md:3:8: error: `date`"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("no feed was written"), "{}", run.stderr);
    assert_eq!(site.read_bytes("public/rss.xml"), rss);
    assert_eq!(site.read_bytes("public/atom.xml"), atom);
    assert_eq!(site.mtime("public/rss.xml"), rss_time);
    assert_eq!(site.mtime("public/atom.xml"), atom_time);
    // No temporary file left beside the feeds.
    let leftovers: Vec<_> = std::fs::read_dir(site.join("public"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(leftovers.len(), 2, "{leftovers:?}");
}

// 8. Stable ids.

#[test]
fn item_id_survives_title_and_body_changes() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let before_rss = rss_items(&site.rss());
    let before_atom = atom_items(&site.atom());
    let old = find(&before_atom, "Swing Bridge Gets a New Coat of Paint").clone();
    assert_eq!(old.id, "https://example.com/articles/bridge-paint/");

    site.write(
        "articles/bridge-paint.md",
        "+++\ntitle = \"Swing Bridge Repainted in Harbour Blue\"\ndate = \"2026-04-10T10:00:00Z\"\nauthors = [\"Rita Gomes\"]\n+++\nThe painters finished a week early.\n",
    );
    site.build_ok(&[]);
    let after_rss = rss_items(&site.rss());
    let after_atom = atom_items(&site.atom());
    let new = find(&after_atom, "Swing Bridge Repainted in Harbour Blue");
    assert_eq!(new.id, old.id);
    assert!(new.content.contains("finished a week early"));
    assert!(after_atom.iter().all(|i| i.title != old.title));
    let old_rss = find(&before_rss, "Swing Bridge Gets a New Coat of Paint");
    let new_rss = find(&after_rss, "Swing Bridge Repainted in Harbour Blue");
    assert_eq!(new_rss.id, old_rss.id);
    assert_eq!(new_rss.id, old.id);
    // The other items' ids did not move either.
    let ids = |items: &[util::Item]| items.iter().map(|i| i.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&after_atom), ids(&before_atom));
}

// 9. Configuration errors.

fn config_error(case: &str, key_text: &str) -> String {
    let site = Site::fixture(&format!("invalid/{case}"));
    let run = site.build();
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains(key_text), "{}", run.stderr);
    assert!(!site.exists("public"));
    assert!(!site.exists("x.xml"));
    run.stderr
}

#[test]
fn config_unknown_key_exits_2() {
    let stderr = config_error("config-unknown-key", "unknown key `limt`");
    assert!(
        stderr.starts_with("[SITE]/feed.toml:5:1: error: "),
        "{stderr}"
    );
    insta::assert_snapshot!("config_unknown_key", stderr);
}

#[test]
fn config_base_url_without_scheme_exits_2() {
    let stderr = config_error("config-base-url-no-scheme", "`base_url`");
    assert!(
        stderr.starts_with("[SITE]/feed.toml:2: error: "),
        "{stderr}"
    );
    assert!(stderr.contains("no scheme"), "{stderr}");
    insta::assert_snapshot!("config_base_url_no_scheme", stderr);
}

#[test]
fn config_output_file_outside_output_folder_exits_2() {
    let stderr = config_error("config-rss-outside", "`rss`");
    assert!(
        stderr.starts_with("[SITE]/feed.toml:5: error: "),
        "{stderr}"
    );
    assert!(stderr.contains("../x.xml"), "{stderr}");
    insta::assert_snapshot!("config_rss_outside", stderr);
}

#[test]
fn missing_config_file_exits_2() {
    let stderr = config_error("config-missing", "[SITE]/feed.toml");
    insta::assert_snapshot!("config_missing", stderr);
}

// 10. Record errors: all of them, in one run, sorted.

#[test]
fn record_errors_are_all_reported_sorted() {
    let site = Site::fixture("invalid/record-errors");
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!site.exists("public"));
    let stderr = &run.stderr;
    let has = |text: &str| assert!(stderr.contains(text), "missing {text:?} in\n{stderr}");
    // TOML syntax error: line 4 of the file (line 3 of the block).
    has("[SITE]/articles/a-toml-syntax.md:4:9: error: invalid TOML");
    has("[SITE]/articles/b-bad-date.md:3:8: error: `date`");
    has("\"31 Septembar 2025\"");
    has("[SITE]/articles/c-missing-title.md:1: error: missing `title`");
    has(
        "[SITE]/articles/e-latin1.md:2:13: error: not valid UTF-8: invalid byte 0xE9 at byte offset 16",
    );
    has("byte offset 16");
    has("[SITE]/articles/f-weekday.md:3:8: warning: ");
    has(
        "[SITE]/articles/harbour-notes.md:1: error: duplicate slug \"harbour-notes\": [SITE]/articles/d-2026-01-12-harbour-notes.md has it too",
    );
    assert!(!stderr.contains("f-weekday.md:3: error"));

    // Sorted by file, then line.
    let keys: Vec<(String, usize)> = stderr
        .lines()
        .filter(|line| line.starts_with("[SITE]/"))
        .map(|line| {
            let mut parts = line.splitn(3, ':');
            let path = parts.next().unwrap().to_string();
            let line = parts.next().unwrap().parse().unwrap_or(0);
            (path, line)
        })
        .collect();
    assert!(keys.len() >= 6, "{stderr}");
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    insta::assert_snapshot!("record_errors", stderr);
}

// 11. Drafts, future records, limit and order.

const NEWEST: &str = "Newest: Regatta Dates Set";
const SECOND: &str = "Second: Slipway Fees Frozen";
const DRAFT: &str = "Draft: Marina Expansion Plans";
const FUTURE: &str = "Future: New Year Swim Route";
const EARLIER_ID: &str = "Same Instant, Earlier Id";
const LATER_ID: &str = "Same Instant, Later Id";

fn selected(site: &Site, args: &[&str]) -> Vec<String> {
    site.build_ok(args);
    let rss = rss_items(&site.rss());
    let atom = atom_items(&site.atom());
    assert_eq!(titles(&rss), titles(&atom));
    atom.into_iter().map(|item| item.title).collect()
}

#[test]
fn drafts_and_future_records_are_left_out_by_default() {
    let site = Site::fixture("selection");
    assert_eq!(selected(&site, &[]), [NEWEST, SECOND, EARLIER_ID, LATER_ID]);
}

#[test]
fn include_drafts_and_include_future() {
    let site = Site::fixture("selection");
    assert_eq!(
        selected(&site, &["--include-drafts"]),
        [NEWEST, DRAFT, SECOND, EARLIER_ID, LATER_ID]
    );
    assert_eq!(
        selected(&site, &["--include-future"]),
        [FUTURE, NEWEST, SECOND, EARLIER_ID, LATER_ID]
    );
    assert_eq!(
        selected(&site, &["--include-drafts", "--include-future"]),
        [FUTURE, NEWEST, DRAFT, SECOND, EARLIER_ID, LATER_ID]
    );
}

#[test]
fn limit_keeps_the_newest() {
    let site = Site::fixture("selection");
    let config = site
        .read("feed.toml")
        .replace("[author]", "limit = 2\n\n[author]");
    site.write("feed.toml", config);
    assert_eq!(selected(&site, &[]), [NEWEST, SECOND]);
    assert_eq!(selected(&site, &["--include-future"]), [FUTURE, NEWEST]);
}

#[test]
fn same_instant_is_ordered_by_ascending_id() {
    let site = Site::fixture("selection");
    site.build_ok(&[]);
    let atom = atom_items(&site.atom());
    let same: Vec<_> = atom
        .iter()
        .filter(|i| i.title.starts_with("Same Instant"))
        .collect();
    assert_eq!(same.len(), 2);
    assert_eq!(same[0].published, same[1].published);
    assert_eq!(same[0].id, "tag:example.com,2026:eta");
    assert_eq!(same[1].id, "tag:example.com,2026:zeta");
}

// 12. Content.

#[test]
fn content_urls_are_made_absolute_against_the_item_link() {
    let site = Site::fixture("content");
    site.build_ok(&[]);
    for items in [rss_items(&site.rss()), atom_items(&site.atom())] {
        let links = find(&items, "Links and Pictures From the Quay");
        assert_eq!(links.link, "https://example.com/blog/articles/links/");
        let html = &links.content;
        for expected in [
            "src=\"https://example.com/blog/articles/links/lead.jpg\"",
            "href=\"https://example.com/blog/articles/other-story/\"",
            "href=\"https://example.com/about/\"",
            "href=\"https://example.com/blog/articles/links/#note\"",
            "href=\"mailto:desk@example.com\"",
            "src=\"https://example.com/blog/articles/links/images/quay.jpg\"",
            "src=\"https://example.com/blog/articles/links/images/crane.png\"",
            "srcset=\"https://example.com/blog/articles/links/images/crane-1x.png 1x, https://example.com/static/crane-2x.png 2x\"",
            "href=\"https://elsewhere.example.org/quay\"",
        ] {
            assert!(html.contains(expected), "missing {expected} in\n{html}");
        }
        for item in &items {
            assert!(relative_urls(&item.content).is_empty(), "{}", item.content);
        }
    }
}

#[test]
fn unsafe_markup_is_removed_with_a_warning() {
    let site = Site::fixture("content");
    let run = site.build_ok(&[]);
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("[SITE]/articles/unsafe.md"),
        "{}",
        warnings[0]
    );
    assert!(warnings[0].contains("<script>"), "{}", warnings[0]);
    assert!(warnings[0].contains("onclick"), "{}", warnings[0]);
    for text in [site.rss(), site.atom()] {
        assert!(
            !text.contains("<script") && !text.contains("&lt;script") && !text.contains("onclick"),
            "{text}"
        );
        assert!(!text.contains("document.cookie"));
        assert!(!text.contains("evil.example"));
    }
    let atom = atom_items(&site.atom());
    let item = find(&atom, "Harbour Open Day Programme");
    assert!(
        item.content
            .contains("<p>Click here for the programme.</p>"),
        "{}",
        item.content
    );
}

#[test]
fn cdata_end_and_control_characters_give_well_formed_feeds() {
    let site = Site::fixture("content");
    site.build_ok(&[]);
    let rss_text = site.rss();
    let atom_text = site.atom();
    for text in [&rss_text, &atom_text] {
        assert!(!text.contains('\u{1}'), "raw control character in the feed");
        assert!(!text.contains("&#1;") && !text.contains("&#x1;"));
    }
    for items in [rss_items(&rss_text), atom_items(&atom_text)] {
        let item = items
            .iter()
            .find(|i| i.title.starts_with("Tides"))
            .expect("the Tides item");
        assert!(item.title.starts_with("Tides ]]> and"), "{:?}", item.title);
        assert!(item.title.ends_with("Bells"), "{:?}", item.title);
        assert!(!item.title.contains('\u{1}'));
        assert!(!item.content.contains('\u{1}'));
        // As HTML, the body text reads `]]>`.
        assert!(
            item.content.contains("rang ]]&gt; all night"),
            "{}",
            item.content
        );
        assert!(
            item.content.contains("Raw HTML with ]]&gt; too."),
            "{}",
            item.content
        );
    }
}

#[test]
fn tag_id_is_not_a_permalink() {
    let site = Site::fixture("content");
    site.build_ok(&[]);
    let rss_text = site.rss();
    assert!(
        rss_text.contains("<guid isPermaLink=\"false\">tag:example.com,2025:x</guid>"),
        "{rss_text}"
    );
    // Ids that are links stay permalinks (the attribute's default).
    assert!(rss_text.contains("<guid>https://example.com/blog/articles/links/</guid>"));
    let atom = atom_items(&site.atom());
    assert_eq!(find(&atom, "Tagged Id Story").id, "tag:example.com,2025:x");
    assert_eq!(
        find(&atom, "Tagged Id Story").link,
        "https://example.com/blog/articles/tagged/"
    );
}

// 13. Independent readers.

fn python_has_feedparser() -> bool {
    Command::new("python3")
        .args(["-c", "import feedparser"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// Not a test of feedwright: a skipping test that the next test runs in a
/// child process (it does nothing unless `FEEDWRIGHT_SKIP_PROBE` is set).
#[test]
fn skip_probe() {
    if std::env::var_os("FEEDWRIGHT_SKIP_PROBE").is_some() {
        util::missing_tool("the probe's imaginary program");
    }
}

/// `cargo test` used to print a bare "ok" for a test that skipped because
/// feedparser or newsboat was missing: its note went to libtest's capture.
#[test]
fn skipped_tests_say_so_where_cargo_test_shows_it() {
    let probe = |require: Option<&str>| {
        let mut command = Command::new(std::env::current_exe().expect("test binary"));
        command
            .args(["skip_probe", "--exact", "--test-threads=1"])
            .env("FEEDWRIGHT_SKIP_PROBE", "1")
            .env_remove("FEEDWRIGHT_REQUIRE_TOOLS")
            .stdin(Stdio::null());
        if let Some(value) = require {
            command.env("FEEDWRIGHT_REQUIRE_TOOLS", value);
        }
        command.output().expect("run the test binary")
    };
    let skipped = probe(None);
    assert!(skipped.status.success());
    let stderr = String::from_utf8_lossy(&skipped.stderr);
    assert!(
        stderr.contains("note: skipped: the probe's imaginary program not found\n"),
        "{stderr}"
    );
    // In CI, which installs the programs, a missing one fails the test.
    let required = probe(Some("1"));
    assert!(!required.status.success());
    assert!(
        String::from_utf8_lossy(&required.stdout)
            .contains("is required (FEEDWRIGHT_REQUIRE_TOOLS=1) but was not found"),
    );
}

#[test]
fn feedparser_reads_sample_feeds_without_bozo() {
    if !python_has_feedparser() {
        util::missing_tool("python3 with feedparser");
        return;
    }
    let site = Site::sample();
    site.build_ok(&[]);
    let script = "import feedparser, sys\n\
                  d = feedparser.parse(sys.argv[1])\n\
                  print(int(d.bozo), len(d.entries), d.version)\n\
                  if d.bozo: print(d.bozo_exception)\n";
    for (file, version) in [("public/rss.xml", "rss20"), ("public/atom.xml", "atom10")] {
        let output = Command::new("python3")
            .args(["-c", script])
            .arg(site.join(file))
            .stdin(Stdio::null())
            .output()
            .expect("run python3");
        let stdout = String::from_utf8_lossy(&output.stdout);
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(stdout.trim(), format!("0 13 {version}"), "{file}: {stdout}");
    }
}

#[test]
fn newsboat_reads_sample_feeds() {
    if !on_path("newsboat") || !on_path("python3") {
        util::missing_tool("newsboat or python3");
        return;
    }
    let site = Site::sample();
    site.build_ok(&[]);
    let expected: Vec<String> = atom_items(&site.atom())
        .into_iter()
        .map(|i| i.title)
        .collect();
    assert_eq!(expected.len(), 13);
    for name in ["rss", "atom"] {
        let home = tempfile::tempdir().expect("temp dir");
        let feed = site.join(&format!("public/{name}.xml"));
        let urls = home.path().join("urls");
        let cache = home.path().join("cache.db");
        let config = home.path().join("config");
        std::fs::write(&urls, format!("\"exec:cat {}\"\n", feed.display())).unwrap();
        std::fs::write(&config, "").unwrap();
        let output = Command::new("newsboat")
            .env("HOME", home.path())
            .arg("-q")
            .arg("-u")
            .arg(&urls)
            .arg("-c")
            .arg(&cache)
            .arg("-C")
            .arg(&config)
            .args(["-x", "reload"])
            .stdin(Stdio::null())
            .output()
            .expect("run newsboat");
        assert!(
            output.status.success(),
            "newsboat on {name}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        let query = Command::new("python3")
            .args([
                "-c",
                "import sqlite3,sys;[print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute('select title from rss_item')]",
            ])
            .arg(&cache)
            .stdin(Stdio::null())
            .output()
            .expect("run python3");
        assert!(
            query.status.success(),
            "{}",
            String::from_utf8_lossy(&query.stderr)
        );
        let stdout = String::from_utf8_lossy(&query.stdout);
        let mut got: Vec<&str> = stdout.lines().collect();
        got.sort_unstable();
        let mut want: Vec<&str> = expected.iter().map(String::as_str).collect();
        want.sort_unstable();
        assert_eq!(got, want, "newsboat titles from {name}.xml");
    }
}

// Found while writing these tests.

#[test]
fn javascript_lead_image_is_removed_with_a_warning() {
    let site = Site::fixture("lead-image-javascript");
    let run = site.build_ok(&[]);
    for text in [site.rss(), site.atom()] {
        assert!(!text.contains("javascript:"), "{text}");
    }
    let warnings = run.warnings();
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("[SITE]/articles/lead-image.md"),
        "{}",
        warnings[0]
    );
}

#[cfg(unix)]
#[test]
fn symlink_loop_is_an_error_naming_the_path() {
    let site = Site::fixture("basic");
    std::fs::create_dir_all(site.join("articles/loop")).unwrap();
    std::os::unix::fs::symlink("..", site.join("articles/loop/back")).unwrap();
    let run = site.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("[SITE]/articles/loop/back: error: symlink loop"),
        "{}",
        run.stderr
    );
    assert!(!site.exists("public"));
}

#[test]
fn plain_text_tags_and_default_author() {
    let site = Site::fixture("basic");
    site.build_ok(&[]);
    let rss = rss_items(&site.rss());
    let atom = atom_items(&site.atom());
    assert_eq!(
        titles(&atom),
        [
            "Volunteers Count the Harbour Gulls",
            "Swing Bridge Gets a New Coat of Paint",
            "Fish Market Extends Its Saturday Hours"
        ]
    );
    for items in [&rss, &atom] {
        assert_eq!(items[0].categories, ["wildlife"]);
        assert_eq!(items[0].authors, ["Fixture Desk"]);
        assert_eq!(items[1].authors, ["Rita Gomes"]);
        assert_eq!(
            items[0].published.as_deref(),
            Some("2026-04-17T00:00:00+00:00")
        );
    }
}
