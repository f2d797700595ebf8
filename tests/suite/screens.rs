//! Every screen and every script (issue 33): the fixture tests/fixtures/scripts
//! in English, Arabic and Chinese. Which way each page reads, in the HTML of
//! the site, its handouts and its offline edition; then, in a browser
//! (tests/browser/screens.mjs), the header, "On this page", breadcrumbs and
//! cards on a phone and a wide screen, and the mirrored Arabic layout.

use std::path::Path;

use crate::common::*;

const BASE: &str = "http://127.0.0.1/guides/peer/";

/// The `<html ...>` tag of a built page.
fn html_tag(out: &Path, path: &str) -> String {
    let page = read(out, path);
    let start = page.find("<html").unwrap_or_else(|| panic!("{path} has no <html>"));
    page[start..start + page[start..].find('>').unwrap() + 1].to_string()
}

#[test]
fn arabic_pages_handouts_and_the_offline_edition_read_right_to_left() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("scripts"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for path in [
        "ar/index.html",
        "ar/practices/supervision/regular-meetings/index.html",
        "ar/checklists/self-check/index.html",
        "ar/handouts/supervision/regular-meetings/index.html",
        "ar/handouts/complete/index.html",
        "ar/search/index.html",
        "ar/404.html",
    ] {
        assert_eq!(html_tag(&out, path), r#"<html lang="ar" dir="rtl">"#, "{path}");
    }
    for (path, lang) in [
        ("index.html", "en"),
        ("handouts/supervision/regular-meetings/index.html", "en"),
        ("zh/practices/supervision/regular-meetings/index.html", "zh"),
    ] {
        assert_eq!(html_tag(&out, path), format!(r#"<html lang="{lang}" dir="ltr">"#), "{path}");
    }

    // The switcher names each language in itself, marked with its own direction.
    let home = read(&out, "index.html");
    assert!(home.contains(r#"hreflang="ar" lang="ar" dir="rtl">العربية</a>"#), "{home}");
    assert!(home.contains(r#"hreflang="zh" lang="zh" dir="ltr">中文</a>"#), "{home}");
    assert!(home.contains(r#"<span class="language-current" aria-current="true" lang="en" dir="ltr">English</span>"#));
    // A practice not yet in Arabic is listed in English, and marked as reading left to right.
    let funding = read(&out, "ar/practices/funding/index.html");
    assert!(
        funding.contains(r#"<a href="/scripts/practices/funding/medicaid-billing/" hreflang="en" lang="en" dir="ltr">Bill Medicaid for peer services</a>"#),
        "{funding}"
    );

    // On paper the page footer mirrors too: the guide's title where an Arabic
    // line starts (the right), the page number where it ends; a part in English
    // inside the Arabic complete guide reads left to right; addresses stay LTR.
    let paper = read(&out, "ar/handouts/paper-letter.css");
    let number = |css: &str| css.lines().find(|l| l.contains("counter(page)")).unwrap_or_default().trim().to_string();
    assert!(number(&paper).starts_with("@bottom-left"), "{paper}");
    assert!(number(&read(&out, "handouts/paper-letter.css")).starts_with("@bottom-right"));
    let complete = read(&out, "ar/handouts/complete/index.html");
    assert!(complete.contains(r#"lang="en" dir="ltr">"#), "an English part is marked: {complete}");
    let handout = read(&out, "ar/handouts/supervision/regular-meetings/index.html");
    assert!(
        handout.contains(r#"dir="ltr">https://example.org/scripts/ar/practices/supervision/regular-meetings/</a>"#),
        "{handout}"
    );

    let offline = tmp.path().join("offline");
    let r = run(&[
        "build",
        "--offline",
        "--root",
        fixture("scripts").to_str().unwrap(),
        "--output",
        offline.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        html_tag(&offline, "ar/practices/supervision/regular-meetings/index.html"),
        r#"<html lang="ar" dir="rtl">"#
    );
    assert_eq!(html_tag(&offline, "index.html"), r#"<html lang="en" dir="ltr">"#);
}

#[test]
fn guide_yaml_names_a_right_to_left_language_practica_does_not_know() {
    let site = copy_fixture("scripts");
    edit(site.path(), "guide.yaml", "  zh: 中文\n", "  zh: 中文\n  ku: کوردی\n");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Kurdish is written in Latin letters too, so its code alone says left to right.
    assert_eq!(html_tag(&out, "ku/index.html"), r#"<html lang="ku" dir="ltr">"#);
    assert!(read(&out, "index.html").contains(r#"hreflang="ku" lang="ku" dir="ltr">کوردی"#));

    edit(site.path(), "guide.yaml", "audiences:", "right_to_left: [ku]\naudiences:");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(html_tag(&out, "ku/index.html"), r#"<html lang="ku" dir="rtl">"#);
    assert!(read(&out, "index.html").contains(r#"hreflang="ku" lang="ku" dir="rtl">کوردی"#));
    assert_eq!(
        html_tag(&out, "ar/index.html"),
        r#"<html lang="ar" dir="rtl">"#,
        "the languages practica knows still are"
    );
}

#[test]
fn right_to_left_for_a_language_the_guide_lacks_is_an_error() {
    let site = copy_fixture("scripts");
    edit(site.path(), "guide.yaml", "audiences:", "right_to_left: [ar, fa]\naudiences:");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    let said = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(r.code, 1, "{said}");
    assert!(said.contains("error[P0103]: `fa` in right_to_left is not one of the guide's languages"), "{said}");
    assert!(said.contains("--> guide.yaml:8:1"), "{said}");
    assert!(said.contains("help: list codes of `language:` or `languages:` (en, ar, zh)"), "{said}");
    assert!(!said.contains("`ar` in right_to_left"), "{said}");
}

#[test]
fn an_areas_cards_on_the_practices_page_do_not_repeat_its_name() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("scripts"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let practices = read(&out, "practices/index.html");
    assert!(practices.contains("Bill Medicaid for peer services"), "{practices}");
    assert!(!practices.contains("card-meta"), "{practices}");
    // Elsewhere a card's area is news, and stays.
    let topic = read(&out, "tags/meetings/index.html");
    assert!(topic.contains(r#"<p class="card-meta">Supervision</p>"#), "{topic}");
}

#[test]
fn phones_and_right_to_left_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("screens") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("scripts"), &out, &["--base-url", BASE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = browser::report(
        browser::script("screens.mjs", &chromium).arg("--dir").arg(&out).args(["--base", "/guides/peer/"]),
    );
    assert!(report.contains("screens: 26 passed, 0 failed"), "{report}");
}

#[test]
fn chinese_and_arabic_words_find_their_pages_online_and_offline_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("scripts-search") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (out, offline) = (tmp.path().join("site"), tmp.path().join("offline"));
    let r = build(&fixture("scripts"), &out, &["--base-url", BASE]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = build(&fixture("scripts"), &offline, &["--offline"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report = browser::report(
        browser::script("scripts-search.mjs", &chromium)
            .arg("--dir")
            .arg(&out)
            .args(["--base", "/guides/peer/"])
            .arg("--offline")
            .arg(&offline),
    );
    assert!(report.contains("scripts-search: 7 passed, 0 failed"), "{report}");
}
