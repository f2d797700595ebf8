//! Translated editions: the bilingual fixture (tests/fixtures/bilingual, an
//! English guide with a few pages in Spanish) built and checked as a reader
//! and an editor meet it.

use std::fs;

use crate::common::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf, Run) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build(&fixture("bilingual"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, out, r)
}

#[test]
fn a_spanish_page_is_in_spanish_with_its_alternates_and_switcher() {
    let (_t, out, r) = built();
    assert!(r.stdout.contains("es: 4 of 9 pages translated, 0 out of date"), "{}", r.stdout);
    let es = read(&out, "es/practices/hiring/job-descriptions/index.html");
    assert!(es.contains("<html lang=\"es\" dir=\"ltr\">"), "the page's language");
    assert!(es.contains("<h1>Redactar descripciones del puesto</h1>"));
    let en_url = "https://example.org/guides/peer/practices/hiring/job-descriptions/";
    let es_url = "https://example.org/guides/peer/es/practices/hiring/job-descriptions/";
    assert!(es.contains(&format!("<link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\">")), "{es}");
    assert!(es.contains(&format!("<link rel=\"alternate\" hreflang=\"es\" href=\"{es_url}\">")));
    assert!(
        es.contains(
            "<a href=\"/guides/peer/practices/hiring/job-descriptions/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">English</a>"
        ),
        "switcher: {es}"
    );
    for key in ["nav_practices", "print_handout", "on_this_page", "skip_to_content"] {
        let w = theme_word("es", key);
        assert!(es.contains(&crate_escape(&w)), "Spanish word for {key}: {w}");
    }
    // The same page in English points back.
    let en = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(en.contains(&format!("<link rel=\"alternate\" hreflang=\"es\" href=\"{es_url}\">")), "{en}");
    assert!(en.contains("hreflang=\"es\" lang=\"es\" dir=\"ltr\">Español</a>"));
    // guide.es.yaml's words: the site title, the audience label, the tag label.
    assert!(
        es.contains("Guía de prueba") && es.contains(">Recursos humanos</a>") && es.contains(">contratación</a>"),
        "{es}"
    );
    // A page with no Spanish version: the switcher goes to the Spanish home page, and says so.
    let interviews = read(&out, "practices/hiring/interviews/index.html");
    let missing = crate_escape(&theme_word("es", "switch_home"));
    assert!(interviews.contains(&format!("<a href=\"/guides/peer/es/\" hreflang=\"es\" lang=\"es\" dir=\"ltr\">Español <span class=\"language-missing\">{missing}</span></a>")), "{interviews}");
    assert!(!out.join("es/practices/hiring/interviews").exists(), "no Spanish page without a translation");
    // sitemap.xml lists the alternates (after the page's date, when git gives one).
    let sitemap = read(&out, "sitemap.xml");
    let sitemap: String =
        sitemap.split("<lastmod>").map(|part| part.split_once("</lastmod>").map_or(part, |(_, rest)| rest)).collect();
    assert!(sitemap.contains(&format!("<loc>{es_url}</loc><xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"{en_url}\"/><xhtml:link rel=\"alternate\" hreflang=\"es\" href=\"{es_url}\"/>")), "{sitemap}");
}

/// As templates print text: escaped.
fn crate_escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

#[test]
fn a_link_to_a_page_without_a_translation_goes_to_english_and_says_so() {
    let (_t, out, _) = built();
    let about = read(&out, "es/about/index.html");
    let note = crate_escape(&theme_word("es", "in_language").replace("{language}", "English"));
    assert!(
        about.contains(&format!("<a href=\"/guides/peer/practices/hiring/interviews/\">entrevistas</a> <span class=\"lang-note\">{note}</span>")),
        "{about}"
    );
    // A translated page is linked in Spanish, at the heading of the same place.
    let home = read(&out, "es/index.html");
    assert!(
        home.contains("href=\"/guides/peer/es/practices/hiring/job-descriptions/#por-que-es-importante\""),
        "{home}"
    );
    // Lists link untranslated pages in English, marked with their language.
    let area = read(&out, "es/practices/hiring/index.html");
    assert!(
        area.contains("href=\"/guides/peer/practices/hiring/interviews/\" hreflang=\"en\" lang=\"en\" dir=\"ltr\">"),
        "{area}"
    );
    assert!(
        read(&out, "es/practices/hiring/job-descriptions/index.html")
            .contains("href=\"/guides/peer/es/practices/hiring/\"")
    );
}

#[test]
fn the_spanish_bundle_prints_a_spanish_date_and_qr_codes_to_spanish_pages() {
    let (_t, out, _) = built();
    let bundle = read(&out, "es/handouts/bundles/training-day/index.html");
    assert!(bundle.contains("<html lang=\"es\" dir=\"ltr\">"));
    let month = theme_word("es", "month_4");
    assert!(visible_text(&bundle).contains(&format!("1 de {month} de 2026")), "{}", visible_text(&bundle));
    assert!(bundle.contains("Paquete del día de capacitación") && bundle.contains("Capacitación de primavera"));
    let practice = read(&out, "es/handouts/hiring/job-descriptions/index.html");
    let qr = theme_word("es", "qr_label")
        .replace("{url}", "https://example.org/guides/peer/es/practices/hiring/job-descriptions/");
    assert!(practice.contains(&format!("aria-label=\"{qr}\"")), "{practice}");
    // The handout's own words are Spanish too.
    let bar = theme_word("es", "handout_bar").replace("{paper}", &theme_word("es", "paper_letter"));
    assert!(visible_text(&practice).contains(&bar), "{}", visible_text(&practice));
    assert!(
        practice.contains(&format!(
            "<title>{}",
            theme_word("es", "handout_page_title").replace("{title}", "Redactar descripciones del puesto")
        )),
        "{practice}"
    );
}

#[test]
fn the_spanish_complete_guide_prints_the_spanish_where_there_is_one_and_the_english_otherwise() {
    let (_t, out, _) = built();
    let html = read(&out, "es/handouts/complete/index.html");
    assert!(html.contains("<html lang=\"es\" dir=\"ltr\">"));
    let text = visible_text(&html);
    let cover =
        format!("{} Guía de prueba Una guía pequeña que construyen las pruebas.", theme_word("es", "complete_guide"));
    assert!(text.contains(&cover), "a Spanish cover with guide.es.yaml's title and description: {text}");
    assert!(html.contains(">https://example.org/guides/peer/es/</a>"), "the cover leads to the Spanish home page");
    let title = theme_word("es", "handout_page_title").replace("{title}", &theme_word("es", "complete_guide"));
    assert!(html.contains(&format!("<title>{title}")), "{html}");
    let bar = theme_word("es", "handout_bar").replace("{paper}", &theme_word("es", "paper_letter"));
    assert!(text.contains(&bar), "the bar above the sheet speaks Spanish: {text}");
    for (part, title) in [
        (r#"aria-labelledby="p1-top">"#, "Contratación"),
        (r#"aria-labelledby="p2-top">"#, "Redactar descripciones del puesto"),
        (r#"aria-labelledby="p3-top" lang="en" dir="ltr">"#, "Interview"),
        (r#"aria-labelledby="p4-top" lang="en" dir="ltr">"#, "Support"),
        (r#"aria-labelledby="p6-top" lang="en" dir="ltr">"#, "Train supervisors"),
        (r#"aria-labelledby="p7-top" lang="en" dir="ltr">"#, "Self check"),
    ] {
        let at = html.find(part).unwrap_or_else(|| panic!("no part `{part}` in {html}"));
        assert!(html[at..].contains(&format!("class=\"part-title\">{title}")), "`{title}` is not part {part}");
    }
    let index = visible_text(&read(&out, "es/handouts/index.html"));
    let listed =
        format!("{} Guía de prueba {}", theme_word("es", "complete_guide"), theme_word("es", "complete_guide_line"));
    assert!(index.contains(&listed), "{index}");
}

#[test]
fn editing_the_english_page_makes_check_report_the_translation_until_it_is_marked_current() {
    let site = copy_fixture("bilingual");
    let root = site.path().to_str().unwrap();
    let r = run(&["check", "--root", root, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("P0602"), "current at first: {}", r.stdout);
    edit(
        site.path(),
        "content/practices/hiring/job-descriptions.md",
        "## In place when",
        "A new paragraph.\n\n## In place when",
    );
    let r = run(&["check", "--root", root, "--format", "json"]);
    assert_eq!(r.code, 0, "notes do not fail check: {}", r.stdout);
    let stale = r.stdout.lines().find(|l| l.contains("P0602")).unwrap_or_else(|| panic!("{}", r.stdout));
    assert!(
        stale.contains("job-descriptions.es.md") && stale.contains("changed its body since this translation"),
        "{stale}"
    );
    assert!(stale.contains("\"severity\":\"note\""), "{stale}");
    // The page tells readers, with a link to the English page.
    let out = site.path().join("public");
    let b = build(site.path(), &out, &[]);
    assert!(b.stdout.contains("es: 4 of 9 pages translated, 1 out of date"), "{}", b.stdout);
    assert!(!b.stderr.contains("P0602"), "build does not list translation notes: {}", b.stderr);
    let page = read(&out, "es/practices/hiring/job-descriptions/index.html");
    assert!(
        page.contains("class=\"stale-notice\"")
            && page.contains("href=\"/guides/peer/practices/hiring/job-descriptions/\""),
        "{page}"
    );
    // Marking it current is the one line check printed.
    let help: serde_json::Value = serde_json::from_str(stale).unwrap();
    let line = help["help"].as_str().unwrap().split("front matter: ").nth(1).unwrap().to_string();
    assert!(line.starts_with("source_hash: "), "{line}");
    let file = site.path().join("content/practices/hiring/job-descriptions.es.md");
    let text = fs::read_to_string(&file).unwrap();
    let old = text.lines().find(|l| l.starts_with("source_hash:")).unwrap().to_string();
    fs::write(&file, text.replace(&old, &line)).unwrap();
    let r = run(&["check", "--root", root, "--format", "json"]);
    assert!(!r.stdout.contains("P0602"), "marked current: {}", r.stdout);
}

#[test]
fn check_lists_untranslated_pages_and_missing_words_and_build_does_not() {
    let site = copy_fixture("bilingual");
    edit(site.path(), "guide.yaml", "  es: Español\n", "  es: Español\n  fr: Français\n");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("note[P0601]: not translated into Français (fr) yet"), "{}", r.stdout);
    assert!(r.stdout.contains("note[P0603]: the theme has no words in `fr`"), "{}", r.stdout);
    assert!(r.stdout.contains("notes on translations or reviews"), "{}", r.stdout);
    let b = build(site.path(), &site.path().join("public"), &[]);
    assert_eq!(b.code, 0, "{}", b.stderr);
    assert_eq!(b.stderr, "", "a partly translated guide builds quietly");
    assert!(b.stdout.contains("fr: 0 of 9 pages translated"), "{}", b.stdout);
}

#[test]
fn a_translation_without_its_page_is_an_error_with_the_name_meant() {
    let site = copy_fixture("bilingual");
    fs::rename(site.path().join("content/about.es.md"), site.path().join("content/abuot.es.md")).unwrap();
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[P0604]") && r.stdout.contains("content/abuot.es.md"), "{}", r.stdout);
    assert!(
        r.stdout.contains("did you mean to translate content/about.md? Then name this file content/about.es.md"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_translation_may_keep_its_pages_keys_but_not_change_them() {
    // A translator copies the English file and changes its words: the keys
    // that are not words stay as they were, and that is fine.
    let site = copy_fixture("bilingual");
    let es = "content/practices/hiring/job-descriptions.es.md";
    edit(
        site.path(),
        es,
        "summary: Las funciones claras ayudan a todos.",
        "summary: Las funciones claras ayudan a todos.\naudience: [hr]\ntags: [hiring, Job Design]\nrelated: [regular-supervision]\nsource: handbook\nweight: 1",
    );
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains("P0606"), "{}", r.stdout);

    // One that says something else would be overruled without a word: an error.
    edit(site.path(), es, "weight: 1", "weight: 3");
    edit(site.path(), es, "tags: [hiring, Job Design]", "tags: [contratación]");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("error[P0606]: `weight` is not the same as in content/practices/hiring/job-descriptions.md"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains(&format!("--> {es}:8:")), "the weight's line: {}", r.stdout);
    assert!(r.stdout.contains("give it a label under tags: in guide.<code>.yaml"), "{}", r.stdout);
    assert_eq!(r.stdout.matches("P0606").count(), 2, "weight and tags only: {}", r.stdout);

    // A key its kind does not have is unknown, as in any page.
    edit(site.path(), "content/about.es.md", "title: Acerca de", "title: Acerca de\nrelatd: [x]");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert!(r.stdout.contains("error[P0204]: unknown key `relatd`"), "{}", r.stdout);
}

#[test]
fn answers_are_kept_under_the_same_guide_and_items_in_every_language() {
    let (_t, out, _) = built();
    let manifest = |path: &str| -> serde_json::Value {
        let js = read(&out, path);
        let json = js.trim().strip_prefix("window.practicaItems = ").and_then(|s| s.strip_suffix(';')).unwrap();
        serde_json::from_str(json).unwrap()
    };
    let (en, es) = (manifest("assessment/items.js"), manifest("es/assessment/items.js"));
    // An answers file names the guide by its own title: a file exported from
    // the Spanish pages is accepted by the English ones, and back.
    assert_eq!(en["guide"], "Fixture Guide");
    assert_eq!(es["guide"], en["guide"]);
    let keys = |m: &serde_json::Value| -> Vec<String> {
        m["lists"].as_array().unwrap().iter().map(|l| l["key"].as_str().unwrap().to_string()).collect()
    };
    assert_eq!(keys(&es), keys(&en));
    let list = |m: &serde_json::Value, key: &str| {
        m["lists"].as_array().unwrap().iter().find(|l| l["key"] == key).cloned().unwrap()
    };
    let key = "practices/hiring/job-descriptions";
    let (en_list, es_list) = (list(&en, key), list(&es, key));
    assert_eq!(es_list["title"], "Redactar descripciones del puesto");
    assert_eq!(es_list["sections"][0]["items"][0]["id"], en_list["sections"][0]["items"][0]["id"]);
    assert_eq!(es_list["sections"][0]["items"][0]["text"], "Existe una descripción.");
    // The storage key is the same on both editions' pages.
    let storage = |page: &str| {
        let html = read(&out, page);
        let at = html.find("data-answers-key=\"").unwrap() + 18;
        html[at..at + html[at..].find('"').unwrap()].to_string()
    };
    assert_eq!(
        storage("es/practices/hiring/job-descriptions/index.html"),
        storage("practices/hiring/job-descriptions/index.html")
    );
}
