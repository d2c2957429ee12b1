//! Translations named by file, as Zola (`index.fr.md`, `post.fr.md`) and
//! Hugo (`post.fr.md`) name them, in fixtures written here in those
//! shapes (`tests/fixtures/sites/*-translations/`): every item's title,
//! link and language in every feed is compared with values worked out by
//! hand from the fixture files.

mod util;

use util::Site;

/// (title, link, language) of each entry of an Atom feed, in order. The
/// language is the entry's own `xml:lang` when it states one, else the
/// feed's.
fn entries(atom: &str) -> Vec<(String, String, String)> {
    let feed_language = atom
        .split("<feed ")
        .nth(1)
        .and_then(|tag| util::attribute(&tag[..tag.find('>').unwrap()], "xml:lang"))
        .expect("the feed states its language");
    let items = util::atom_items(atom);
    let chunks: Vec<&str> = atom.split("<entry>").skip(1).collect();
    assert_eq!(items.len(), chunks.len());
    items
        .into_iter()
        .zip(chunks)
        .map(|(item, chunk)| {
            let title_tag = &chunk[chunk.find("<title").unwrap()..];
            let title_tag = &title_tag[..title_tag.find('>').unwrap()];
            let language =
                util::attribute(title_tag, "xml:lang").unwrap_or_else(|| feed_language.clone());
            (item.title, item.link, language)
        })
        .collect()
}

fn expect(rows: &[(&str, &str, &str)]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|(title, link, language)| {
            (
                (*title).to_string(),
                (*link).to_string(),
                (*language).to_string(),
            )
        })
        .collect()
}

/// The RSS feed holds the same items, in the same order.
fn rss_agrees(site: &Site, feed: &str, atom: &[(String, String, String)]) {
    let rss = util::rss_items(&site.read(feed));
    let rss: Vec<(&str, &str)> = rss
        .iter()
        .map(|item| (item.title.as_str(), item.link.as_str()))
        .collect();
    let atom: Vec<(&str, &str)> = atom
        .iter()
        .map(|(title, link, _)| (title.as_str(), link.as_str()))
        .collect();
    assert_eq!(rss, atom, "{feed}");
}

#[test]
fn a_zola_blog_with_translated_bundles_and_pages() {
    let site = Site::fixture("sites/zola-translations");
    let run = site.build_ok(&[]);
    // The site's feed: the English pages, and the one written in French
    // with a `language` key (an original, not a copy), which says so. Two
    // dots in a name (`jquery.min`, `notes.v2`) make no translation.
    let site_feed = expect(&[
        (
            "The tide clock is back on the quay",
            "https://lantern.example/blog/tide-clock/",
            "en",
        ),
        (
            "New lights along the harbour",
            "https://lantern.example/blog/harbour-lights/",
            "en",
        ),
        (
            "Le marché du port rouvre",
            "https://lantern.example/blog/marche-du-port/",
            "fr",
        ),
        (
            "Why we still ship jquery.min",
            "https://lantern.example/blog/jquery.min/",
            "en",
        ),
        (
            "Harbour notes, second edition",
            "https://lantern.example/blog/notes.v2/",
            "en",
        ),
    ]);
    assert_eq!(entries(&site.atom()), site_feed);
    rss_agrees(&site, "public/rss.xml", &site_feed);

    // French: the bundle's `index.fr.md` (dated by its folder, like its
    // original) and `harbour-lights.fr.md` at `/fr/…`, then the French
    // original at its own link.
    let french = expect(&[
        (
            "L'horloge des marées est de retour sur le quai",
            "https://lantern.example/fr/blog/tide-clock/",
            "fr",
        ),
        (
            "De nouvelles lumières le long du port",
            "https://lantern.example/fr/blog/harbour-lights/",
            "fr",
        ),
        (
            "Le marché du port rouvre",
            "https://lantern.example/blog/marche-du-port/",
            "fr",
        ),
    ]);
    let french_atom = site.read("public/languages/fr/atom.xml");
    assert_eq!(entries(&french_atom), french);
    rss_agrees(&site, "public/languages/fr/rss.xml", &french);
    assert!(french_atom.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"fr\">"));
    assert!(
        site.read("public/languages/fr/rss.xml")
            .contains("<language>fr</language>")
    );
    let items = util::atom_items(&french_atom);
    // Dated by the bundle folder's name, like the page it translates.
    assert_eq!(
        items[0].published.as_deref(),
        Some("2024-05-01T00:00:00+00:00")
    );
    assert_eq!(items[0].categories, ["horloges"]);
    // The bundle's picture, from the translated page's own folder.
    assert!(
        items[0]
            .content
            .contains("src=\"https://lantern.example/fr/blog/tide-clock/clock.jpg\""),
        "{}",
        items[0].content
    );
    // A related slug shared by a page and its translations means the one
    // in the referring record's language.
    assert_eq!(
        items[1].related,
        [util::Related {
            href: "https://lantern.example/fr/blog/tide-clock/".into(),
            title: Some("L'horloge des marées est de retour sur le quai".into()),
        }]
    );

    let spanish = expect(&[(
        "El reloj de mareas vuelve al muelle",
        "https://lantern.example/es/blog/tide-clock/",
        "es",
    )]);
    assert_eq!(entries(&site.read("public/languages/es/atom.xml")), spanish);
    let english = entries(&site.read("public/languages/en/atom.xml"));
    assert_eq!(
        english,
        site_feed
            .iter()
            .filter(|(_, _, language)| language == "en")
            .cloned()
            .collect::<Vec<_>>()
    );

    // Every page and translation is a record; the bundle's picture and
    // notes, and the section pages in either language, are not.
    assert!(
        run.stderr.contains("8 records read: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("notes.txt"), "{}", run.stderr);
}

/// Each translation has its own lock entry, keyed by language, so a page
/// and its translations never contend for one.
#[test]
fn each_translation_has_its_own_lock_entry() {
    let site = Site::fixture("sites/zola-translations");
    site.build_ok(&[]);
    let lock = site.read("feedwright.lock");
    for line in [
        "tide-clock = \"https://lantern.example/blog/tide-clock/\"",
        "\"tide-clock#fr\" = \"https://lantern.example/fr/blog/tide-clock/\"",
        "\"tide-clock#es\" = \"https://lantern.example/es/blog/tide-clock/\"",
        "\"harbour-lights#fr\" = \"https://lantern.example/fr/blog/harbour-lights/\"",
        "marche-du-port = \"https://lantern.example/blog/marche-du-port/\"",
    ] {
        assert!(lock.contains(line), "{line}\n{lock}");
    }
    // A second build finds every id as it was published.
    let again = site.run(&["build", "--check"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // A changed link is caught for a translation as for its original, each
    // against its own entry.
    site.write(
        "feed.toml",
        site.read("feed.toml")
            .replace("\"/blog/{path}/{slug}/\"", "\"/news/{path}/{slug}/\""),
    );
    let moved = site.run(&["build"]);
    assert_eq!(moved.code, 1, "{}", moved.stderr);
    assert!(
        moved.stderr.contains(
            "2024-05-01_tide-clock/index.fr.md:1: error: the item's id would change from \"https://lantern.example/fr/blog/tide-clock/\""
        ),
        "{}",
        moved.stderr
    );
    assert!(
        moved
            .stderr
            .contains("to \"https://lantern.example/fr/news/tide-clock/\""),
        "{}",
        moved.stderr
    );
}

#[test]
fn a_hugo_blog_translated_by_file_name() {
    let site = Site::fixture("sites/hugo-translations");
    let run = site.build_ok(&[]);
    let english = expect(&[
        (
            "Ferry crews walk out",
            "https://ferrylog.example/posts/ferry-strike/",
            "en",
        ),
        (
            "The new pier opens",
            "https://ferrylog.example/posts/new-pier/",
            "en",
        ),
        // Without its original beside it, a file named for a language is
        // a page of its own, in the site's language, as before files
        // named for languages were translations: a name such as
        // `learn.js.md` must never take a post out of the feed.
        (
            "Un billet seulement en français",
            "https://ferrylog.example/posts/only-in-french.fr/",
            "en",
        ),
        (
            "The timetable chart, minified",
            "https://ferrylog.example/posts/chart.min/",
            "en",
        ),
    ]);
    assert_eq!(entries(&site.atom()), english);
    rss_agrees(&site, "public/rss.xml", &english);
    assert_eq!(entries(&site.read("public/languages/en/atom.xml")), english);
    let french = expect(&[
        (
            "Les équipages des ferries débrayent",
            "https://ferrylog.example/fr/posts/ferry-strike/",
            "fr",
        ),
        (
            "Le nouveau ponton ouvre",
            "https://ferrylog.example/fr/posts/new-pier/",
            "fr",
        ),
    ]);
    assert_eq!(entries(&site.read("public/languages/fr/atom.xml")), french);
    rss_agrees(&site, "public/languages/fr/rss.xml", &french);
    // A region in the tag: the link and folder in lower case, as Hugo's.
    let brazilian = expect(&[(
        "Tripulações das balsas entram em greve",
        "https://ferrylog.example/pt-br/posts/ferry-strike/",
        "pt-br",
    )]);
    assert_eq!(
        entries(&site.read("public/languages/pt-br/atom.xml")),
        brazilian
    );
    let items = util::atom_items(&site.read("public/languages/fr/atom.xml"));
    assert_eq!(items[0].categories, ["travail"]);
    assert_eq!(items[0].authors, ["Ana Ribeiro"]);
    assert_eq!(
        items[0].published.as_deref(),
        Some("2024-06-03T07:45:00+00:00")
    );
    assert!(
        items[1]
            .content
            .contains("src=\"https://ferrylog.example/fr/posts/new-pier/pier.png\""),
        "{}",
        items[1].content
    );
    // Hugo's `ref` finds the page in the referring page's language, and
    // the page itself where it has no translation into that language.
    let link_to = |feed: &str, href: &str| {
        let items = util::atom_items(&site.read(feed));
        let strike = items
            .iter()
            .find(|item| item.link.ends_with("/posts/ferry-strike/"))
            .unwrap();
        assert!(
            strike.content.contains(&format!("href=\"{href}\"")),
            "{feed}: {}",
            strike.content
        );
    };
    link_to(
        "public/atom.xml",
        "https://ferrylog.example/posts/new-pier/",
    );
    link_to(
        "public/languages/fr/atom.xml",
        "https://ferrylog.example/fr/posts/new-pier/",
    );
    link_to(
        "public/languages/pt-br/atom.xml",
        "https://ferrylog.example/posts/new-pier/",
    );
    assert!(
        run.stderr.contains("7 records read: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("pier.png"), "{}", run.stderr);
}

#[test]
fn without_language_feeds_translations_are_named_once() {
    let site = Site::fixture("sites/zola-translations");
    site.write(
        "feed.toml",
        site.read("feed.toml")
            .replace("languages = true", "languages = false"),
    );
    let run = site.build_ok(&[]);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "warning: 3 translations (es: 1, fr: 2) are in no feed: the site's own feed holds its language (en) only"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("set `languages = true` under `[feeds]`"),
        "{}",
        run.stderr
    );
    // The site's feed is as with language feeds on.
    assert_eq!(util::atom_items(&site.atom()).len(), 5);
    assert!(!site.exists("public/languages"));
    // The other way out the hint names: `exclude`, which reaches into
    // bundles too (`index.fr.md`), leaving their pictures assets.
    site.write(
        "feed.toml",
        site.read("feed.toml").replace(
            "permalink = \"/blog/{path}/{slug}/\"\n",
            "permalink = \"/blog/{path}/{slug}/\"\nexclude = [\"*.fr.md\", \"*.es.md\"]\n",
        ),
    );
    let run = site.build_ok(&[]);
    assert!(
        run.stderr.contains("5 records read: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    assert_eq!(util::atom_items(&site.atom()).len(), 5);
}

/// (title link) of each item of the site's Atom feed.
fn titles_and_links(site: &Site, feed: &str) -> Vec<String> {
    util::atom_items(&site.read(feed))
        .into_iter()
        .map(|item| format!("{} {}", item.title, item.link))
        .collect()
}

/// A build that must succeed, and its site feed's (title link), sorted.
fn build_sorted(site: &Site) -> (util::Run, Vec<String>) {
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut titles = titles_and_links(site, "public/atom.xml");
    titles.sort();
    (run, titles)
}

fn post(title: &str, extra: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2025-01-02\n{extra}+++\nBody.\n")
}

/// A file name gives a language only when it ends in a two-letter ISO
/// 639-1 code and the original is beside it: names such as `learn.js.md`
/// or a `post.new.md` beside `post.md` stay posts of their own, in the
/// site's feed, as they were before files named for languages were read
/// as translations.
#[test]
fn a_translation_needs_an_original_and_a_two_letter_language_code() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    // Code topics, no original: pages of their own.
    site.write("articles/learn.js.md", post("Learn JS", ""));
    site.write("articles/2025-02-01-async.rs.md", post("Async Rust", ""));
    site.write("articles/app.min.md", post("App", ""));
    // Copies beside an original: three letters are never a language.
    site.write("articles/ferry.md", post("Ferry", ""));
    for copy in ["new", "bak", "old", "tmp", "alt"] {
        site.write(&format!("articles/ferry.{copy}.md"), post(copy, ""));
    }
    // Asturian beside its original: `ast` is a language, but never one a
    // file name gives.
    site.write("articles/tide.md", post("Tide", ""));
    site.write("articles/tide.ast.md", post("Marea", ""));
    // A real code without its original: a page of its own.
    site.write("articles/lone.fr.md", post("Seul", ""));
    // Beside its original, a real code is a translation, even where the
    // name meant C#: `exclude` or a `language` key is the way out.
    site.write("articles/tips.md", post("Tips", ""));
    site.write("articles/tips.cs.md", post("Tips in C#", ""));
    // The front matter's language wins over the file name's, with a word.
    site.write("articles/quay.md", post("Quay", ""));
    site.write("articles/quay.de.md", post("Kai", "language = \"nl\"\n"));
    let (run, titles) = build_sorted(&site);
    assert_eq!(
        titles,
        [
            "App https://example.com/articles/app.min/",
            "Async Rust https://example.com/articles/async.rs/",
            "Ferry https://example.com/articles/ferry/",
            "Learn JS https://example.com/articles/learn.js/",
            "Marea https://example.com/articles/tide.ast/",
            "Quay https://example.com/articles/quay/",
            "Seul https://example.com/articles/lone.fr/",
            "Tide https://example.com/articles/tide/",
            "Tips https://example.com/articles/tips/",
            "alt https://example.com/articles/ferry.alt/",
            "bak https://example.com/articles/ferry.bak/",
            "new https://example.com/articles/ferry.new/",
            "old https://example.com/articles/ferry.old/",
            "tmp https://example.com/articles/ferry.tmp/",
        ]
    );
    assert!(
        run.stderr.contains(
            "articles/quay.de.md: warning: the file name makes this the \"de\" translation, but its `language` key says \"nl\""
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("feed.toml: warning: 2 translations (cs: 1, de: 1) are in no feed"),
        "{}",
        run.stderr
    );
    // With language feeds, each translation is in its language's feed, at
    // its original's link under the language, and the build is whole.
    site.write(
        "feed.toml",
        format!("{}\n[feeds]\nlanguages = true\n", util::MINIMAL_CONFIG),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        titles_and_links(&site, "public/languages/cs/atom.xml"),
        ["Tips in C# https://example.com/cs/articles/tips/"]
    );
    for absent in ["js", "rs", "new", "bak", "ast", "fr"] {
        assert!(
            !site.exists(&format!("public/languages/{absent}")),
            "{absent}: {}",
            run.stderr
        );
    }
}

/// On an `en-US` site, files named `*.en.md` (Hugo's default language) are
/// in the site's language: in its feed, at links without `/en/`; a
/// `NAME.en.md` is the original its `NAME.fr.md` translates.
#[test]
fn a_file_named_for_the_site_language_is_in_the_site_feed() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace("language = \"en\"", "language = \"en-US\""),
    );
    assert!(site.read("feed.toml").contains("en-US"));
    site.write("articles/first/index.en.md", post("First", ""));
    site.write("articles/second.en.md", post("Second", ""));
    site.write("articles/second.fr.md", post("Deuxième", ""));
    let (run, titles) = build_sorted(&site);
    assert_eq!(
        titles,
        [
            "First https://example.com/articles/first/",
            "Second https://example.com/articles/second/",
        ]
    );
    assert!(
        run.stderr
            .contains("warning: 1 translation (fr: 1) is in no feed"),
        "{}",
        run.stderr
    );
    // `second.md` beside `second.en.md`: one page twice in one language.
    site.write("articles/second.md", post("Second again", ""));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "articles/second.md and [SITE]/articles/second.en.md are the same page \"second\" in the same language, the site's (en-US)"
        ) || run.stderr.contains(
            "articles/second.en.md and [SITE]/articles/second.md are the same page \"second\" in the same language, the site's (en-US)"
        ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("another `slug`"), "{}", run.stderr);
}

/// A language the feeds' validators would refuse is refused before
/// anything is rendered: in feed.toml a configuration error naming the
/// key, in a record an error naming its file and line — never an
/// internal error at build time.
#[test]
fn an_unknown_language_code_is_refused_up_front() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        util::MINIMAL_CONFIG.replace("language = \"en\"", "language = \"zz\""),
    );
    site.write("articles/k.md", post("K", ""));
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 2, "{command}: {}", run.stderr);
        assert!(
            run.stderr.contains("invalid `language` \"zz\""),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    }
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write("articles/k.md", post("K", "language = \"zz\"\n"));
    for command in ["check", "build"] {
        let run = site.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("articles/k.md:4:12: error: `language` \"zz\" is not a language tag"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("internal error"), "{}", run.stderr);
    }
    // Three letters are a language only when ISO 639-2 lists them, as
    // the W3C validator has it.
    site.write("articles/k.md", post("K", "language = \"qqq\"\n"));
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("`language` \"qqq\" is not a language tag"),
        "{}",
        run.stderr
    );
    // Three-letter codes and private tags are languages, as validators
    // have them.
    site.write("articles/k.md", post("K", "language = \"haw\"\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let validated = site.run(&["validate", "public/atom.xml"]);
    assert_eq!(validated.code, 0, "{}", validated.stderr);
}

/// Many languages without feeds: one warning on feed.toml naming ten of
/// them and a count of the rest.
#[test]
fn the_unpublished_translations_warning_names_ten_languages() {
    let site = Site::empty();
    site.write("feed.toml", util::MINIMAL_CONFIG);
    site.write("articles/post.md", post("Post", ""));
    let codes = [
        "ar", "bg", "cs", "da", "de", "el", "es", "fi", "fr", "hu", "it", "ja", "ko",
    ];
    for code in codes {
        site.write(&format!("articles/post.{code}.md"), post(code, ""));
    }
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "feed.toml: warning: 13 translations (ar: 1, bg: 1, cs: 1, da: 1, de: 1, el: 1, es: 1, fi: 1, fr: 1, hu: 1, and 3 more languages) are in no feed"
        ),
        "{}",
        run.stderr
    );
}

/// Two versions of one page at one link: the message names what they
/// are, not a slug to change.
#[test]
fn clashing_versions_of_a_page_say_what_they_are() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        format!("{}\n[feeds]\nlanguages = true\n", util::MINIMAL_CONFIG),
    );
    site.write("articles/post.md", post("Post", ""));
    site.write("articles/post.fr.md", post("Billet", ""));
    site.write("articles/post/index.fr.md", post("Billet (bundle)", ""));
    site.write(
        "articles/q.md",
        post("Q", "url = \"https://example.com/q/\"\n"),
    );
    site.write(
        "articles/q.fr.md",
        post("Q fr", "url = \"https://example.com/q/\"\n"),
    );
    // A translation copied with its original's `id`.
    site.write("articles/r.md", post("R", "id = \"urn:example:r\"\n"));
    site.write("articles/r.fr.md", post("R fr", "id = \"urn:example:r\"\n"));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "error: [SITE]/articles/post/index.fr.md and [SITE]/articles/post.fr.md are two \"fr\" translations of the page \"post\""
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "error: [SITE]/articles/q.fr.md is the \"fr\" translation of [SITE]/articles/q.md, but both would be published at https://example.com/q/"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("change or remove `url` in [SITE]/articles/q.fr.md"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("duplicate id \"urn:example:r\"")
            && run.stderr.contains(
                "a page and its translation need an id each: remove `id` from [SITE]/articles/r.fr.md"
            ),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("another `slug`"), "{}", run.stderr);
}

/// `check` compares dates and titles within a language: the bundle's page
/// and its French translation share their folder's date, but never a feed.
#[test]
fn check_compares_each_language_with_itself() {
    let site = Site::fixture("sites/zola-translations");
    let run = site.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("8 records checked: 0 errors, 0 warnings"),
        "{}",
        run.stderr
    );
    // Two French records at one instant are still named.
    site.write(
        "content/blog/harbour-lights.fr.md",
        site.read("content/blog/harbour-lights.fr.md")
            .replace("date = 2024-04-21T09:00:00Z", "date = 2024-05-01"),
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr.contains(
            "warning: updated at the same instant as [SITE]/content/blog/2024-05-01_tide-clock/index.fr.md"
        ),
        "{}",
        run.stderr
    );
}

/// From a translation, its original's slug (its own too) and Zola's `@/`
/// path both name the original in `related`, with no warning.
#[test]
fn a_translation_relates_to_its_original() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        format!("{}\n[feeds]\nlanguages = true\n", util::MINIMAL_CONFIG),
    );
    site.write("articles/post.md", post("Post EN", ""));
    site.write(
        "articles/post.fr.md",
        post("Post FR", "related = [\"post\", \"@/post.md\"]\n"),
    );
    site.write(
        "articles/other.md",
        post("Other", "related = [\"@/missing.md\"]\n"),
    );
    let run = site.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "articles/other.md:4: warning: related reference \"@/missing.md\" names no record file below the articles folder"
        ),
        "{}",
        run.stderr
    );
    assert_eq!(run.warnings().len(), 1, "{}", run.stderr);
    let french = util::atom_items(&site.read("public/languages/fr/atom.xml"));
    let content = &french[0].content;
    assert_eq!(
        content
            .matches("href=\"https://example.com/articles/post/\"")
            .count(),
        1,
        "{content}"
    );
    assert!(content.contains("Post EN"), "{content}");
    assert!(!content.contains("@/"), "{content}");
}

/// A lone `post.fr.md` is a post of its own, pinned in feedwright.lock as
/// `post.fr`; once `post.md` is beside it, it is `post`'s translation
/// with a new link, and the lock catches the changed id as any other.
#[test]
fn the_lock_catches_a_post_that_becomes_a_translation() {
    let site = Site::empty();
    site.write(
        "feed.toml",
        format!("{}\n[feeds]\nlanguages = true\n", util::MINIMAL_CONFIG),
    );
    site.write("articles/post.fr.md", post("Billet", ""));
    site.build_ok(&[]);
    assert!(
        site.read("feedwright.lock")
            .contains("\"post.fr\" = \"https://example.com/articles/post.fr/\""),
        "{}",
        site.read("feedwright.lock")
    );
    site.write("articles/post.md", post("Post", ""));
    let run = site.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "articles/post.fr.md:1: error: the item's id would change from \"https://example.com/articles/post.fr/\""
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("to \"https://example.com/fr/articles/post/\""),
        "{}",
        run.stderr
    );
    let accepted = site.run(&["build", "--accept-id-changes"]);
    assert_eq!(accepted.code, 0, "{}", accepted.stderr);
    assert!(
        site.read("feedwright.lock")
            .contains("\"post#fr\" = \"https://example.com/fr/articles/post/\""),
        "{}",
        site.read("feedwright.lock")
    );
    site.build_ok(&[]);
}
