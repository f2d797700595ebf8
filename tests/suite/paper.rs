//! The printed page (issue 32): what handouts print beyond the text, review
//! dates on every practice and worksheet, a cover with its publisher, edition
//! and date, a bundle's sources, and the errors of the new guide.yaml keys.
//! The browser half (type sizes, table borders, web pages on paper) runs
//! tests/browser/paper.mjs.

use std::path::Path;

use crate::common::*;

/// The fixture with review dates, a publisher and an edition, and a second
/// source, which the bundle's job-descriptions part comes from.
fn dated_guide(root: &Path) {
    edit(
        root,
        "guide.yaml",
        "language: en\n",
        "language: en\npublisher: Test Consortium Press\nedition: Second edition\nreview_every: 6\n",
    );
    edit(
        root,
        "guide.yaml",
        "    year: 2020\n",
        "    year: 2020\n  manual:\n    title: The Field Manual\n    publisher: Field Office\n",
    );
    edit(
        root,
        "content/practices/support/regular-supervision.md",
        "source: handbook\n",
        "source: handbook\nreviewed: 2026-01-15\n",
    );
    edit(
        root,
        "content/practices/hiring/job-descriptions.md",
        "source: handbook\n",
        "source: manual\nreviewed: 2025-11-02\n",
    );
    edit(
        root,
        "content/checklists/self-check.md",
        "source: handbook\n",
        "source: handbook\nreviewed: 2025-12-01\nnext_review: 2026-09-30\n",
    );
}

fn built_dated() -> (tempfile::TempDir, std::path::PathBuf) {
    let site = copy_fixture("basic");
    dated_guide(site.path());
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (site, out)
}

#[test]
fn every_practice_and_worksheet_prints_when_it_was_reviewed_and_is_due_again() {
    let (_site, out) = built_dated();
    let practice = "Last reviewed January 15, 2026 Next review due July 15, 2026";
    let worksheet = "Last reviewed December 1, 2025 Next review due September 30, 2026";
    let jobs = "Last reviewed November 2, 2025 Next review due May 2, 2026";
    for (page, wants) in [
        ("handouts/support/regular-supervision/index.html", &[practice][..]),
        ("handouts/support/index.html", &[practice]),
        ("handouts/checklists/self-check/index.html", &[worksheet]),
        ("handouts/bundles/training-day/index.html", &[practice, worksheet, jobs]),
        ("handouts/complete/index.html", &[practice, worksheet, jobs]),
    ] {
        let text = visible_text(&read(&out, page));
        for want in wants {
            assert!(text.contains(want), "{page}: `{want}` missing from {text}");
        }
    }
    let html = read(&out, "handouts/support/regular-supervision/index.html");
    assert!(html.contains(r#"<time datetime="2026-07-15">July 15, 2026</time>"#), "{html}");
    // A practice never reviewed prints no line rather than an empty one.
    let interviews = read(&out, "handouts/hiring/interviews/index.html");
    assert!(!interviews.contains("part-dates") && !interviews.contains("Last reviewed"), "{interviews}");
}

#[test]
fn a_translated_handout_prints_its_review_dates_in_its_language() {
    let site = tempfile::tempdir().unwrap();
    copy_dir(&fixture("bilingual"), site.path());
    // The source's review date is every translation's.
    edit(
        site.path(),
        "content/practices/hiring/job-descriptions.md",
        "weight: 1\n",
        "weight: 1\nreviewed: 2026-02-03\n",
    );
    edit(
        site.path(),
        "guide.yaml",
        "language: en\n",
        "language: en\nreview_every: 12\npublisher: Test Consortium Press\n",
    );
    edit(site.path(), "guide.es.yaml", "description:", "publisher: Editorial del consorcio\ndescription:");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = visible_text(&read(&out, "es/handouts/hiring/job-descriptions/index.html"));
    let want = format!(
        "{} 3 de febrero de 2026 {} 3 de febrero de 2027",
        theme_word("es", "last_reviewed"),
        theme_word("es", "next_review_due")
    );
    assert!(text.contains(&want), "`{want}` missing from {text}");
    let cover = visible_text(&read(&out, "es/handouts/complete/index.html"));
    let want = format!("{} Editorial del consorcio", theme_word("es", "published_by"));
    assert!(cover.contains(&want), "`{want}` missing from {cover}");
    let english = visible_text(&read(&out, "handouts/complete/index.html"));
    assert!(english.contains("Published by Test Consortium Press"), "{english}");
}

#[test]
fn covers_print_the_publisher_edition_and_last_update_at_their_foot() {
    let (_site, out) = built_dated();
    for page in ["handouts/complete/index.html", "handouts/bundles/training-day/index.html"] {
        let html = read(&out, page);
        let cover = cover_of(&html);
        let text = visible_text(cover);
        // The latest review of any page is the guide's last update (no git history in a copy).
        for want in [
            "Published by Test Consortium Press",
            "Second edition · Last updated January 15, 2026",
            "The whole guide online: https://example.org/guides/peer/",
        ] {
            assert!(text.contains(want), "{page}: `{want}` missing from the cover: {text}");
        }
        in_order(cover, &["<h1>", "class=\"cover-foot\"", "Published by", "Last updated", "class=\"cover-online\""]);
    }
}

#[test]
fn a_bundle_cover_names_the_sources_its_parts_come_from() {
    let (_site, out) = built_dated();
    let html = read(&out, "handouts/bundles/training-day/index.html");
    let cover = visible_text(cover_of(&html));
    let want = "Its parts come from: The Handbook . Test Consortium (2020). The Field Manual . Field Office.";
    assert!(cover.contains(want), "`{want}` missing from the cover: {cover}");
    // The complete guide is the whole guide: its cover lists no sources.
    let complete = read(&out, "handouts/complete/index.html");
    assert!(!complete.contains("cover-sources"), "{complete}");
}

#[test]
fn without_publisher_or_edition_the_cover_prints_only_the_date() {
    let (_t, out) = {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        let r = build(&fixture("basic"), &out, &[]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        (tmp, out)
    };
    let html = read(&out, "handouts/complete/index.html");
    let cover = cover_of(&html);
    assert!(!cover.contains("cover-publisher") && !cover.contains("Published by"), "{cover}");
    assert!(!cover.contains(" · Last updated"), "no edition, no separator: {cover}");
}

#[test]
fn an_empty_or_overlong_publisher_or_edition_is_an_error_at_its_line() {
    let long = "x".repeat(121);
    for (line, key, value, words) in [
        ("publisher: \"  \"\n", "publisher", "  ", vec!["`publisher` is empty"]),
        ("edition: ''\n", "edition", "", vec!["`edition` is empty"]),
        (
            &*format!("publisher: {long}\n"),
            "publisher",
            &*long,
            vec!["`publisher` is 121 characters long", "at most 120"],
        ),
    ] {
        let stderr = fails_with(
            |root| edit(root, "guide.yaml", "language: en\n", &format!("language: en\n{line}")),
            &[],
            &words.iter().copied().chain(["guide.yaml:5", "error[", "leave the key out"]).collect::<Vec<_>>(),
        );
        assert!(stderr.contains(key), "{value:?}: {stderr}");
    }
    // A list where words belong is a type error like any other key's.
    let stderr = fails_with(
        |root| edit(root, "guide.yaml", "language: en\n", "language: en\nedition: [one, two]\n"),
        &[],
        &["guide.yaml:5", "edition"],
    );
    assert!(stderr.contains("error["), "{stderr}");
}

#[test]
fn a_web_page_with_a_handout_gives_its_address_for_paper() {
    let (_site, out) = built_dated();
    for (page, handout) in [
        ("practices/support/regular-supervision/index.html", "handouts/support/regular-supervision/"),
        ("practices/support/index.html", "handouts/support/"),
        ("checklists/self-check/index.html", "handouts/checklists/self-check/"),
    ] {
        let html = read(&out, page);
        let want = format!(
            r#"<span class="handout-address">Printable handout: https://example.org/guides/peer/{handout}</span>"#
        );
        assert!(html.contains(&want), "{page}: `{want}` missing");
    }
}

/// The shipped guide printed (emulated print media in Chromium): handout
/// type sizes, table borders on Letter and A4, hyphenation, and web pages on
/// paper; see tests/browser/paper.mjs.
#[test]
fn printed_pages_have_readable_type_whole_tables_and_no_controls() {
    let Some(chromium) = crate::common::browser::tools_or_skip("paper") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    // At the root of the host, as the script serves it.
    let r = build(&manifest_dir(), &out, &["--base-url", "https://guide.example.org/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report =
        crate::common::browser::report(crate::common::browser::script("paper.mjs", &chromium).arg("--dir").arg(&out));
    assert!(report.contains("paper: 19 passed, 0 failed"), "{report}");
    println!("{}", report.trim_end());
}

/// A sheet's cover, from its `<header class="cover">` to its end.
fn cover_of(html: &str) -> &str {
    let start = html.find("<header class=\"cover\">").unwrap_or_else(|| panic!("no cover in {html}"));
    let end = start + html[start..].find("</header>").unwrap();
    &html[start..end]
}

/// Fails unless each of `wanted` occurs in `html`, in this order.
fn in_order(html: &str, wanted: &[&str]) {
    let at: Vec<usize> =
        wanted.iter().map(|o| html.find(o).unwrap_or_else(|| panic!("`{o}` missing from:\n{html}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {wanted:?} at {at:?}");
}
