//! Plural rules that agree (issue 33): a counted word takes the form CLDR's
//! rules give its language, in the HTML practica writes and in what the
//! theme's script (words.js, with `Intl.PluralRules`) shows for the same
//! count, so a page's words do not change when its script starts. The
//! fixture tests/fixtures/scripts gives Arabic's six forms and, in
//! strings/ru.yaml, Russian's four; these tests add `ru` to its languages.
//! Its Chinese strings leave counted words out, which then show in English
//! with English's forms.

use std::path::Path;

use crate::common::*;

const COUNTS: [u32; 6] = [0, 1, 2, 3, 11, 100];

/// The fixture with a Russian edition, and every page of it ending in a
/// list of counted words as practica writes them, with the words the
/// page gives its scripts (`data-key` is the word's
/// key as the script names it, `data-n` the count).
fn site_with_counts() -> tempfile::TempDir {
    let site = copy_fixture("scripts");
    edit(site.path(), "guide.yaml", "  zh: 中文\n", "  zh: 中文\n  ru: Русский\n");
    let base = std::fs::read_to_string(manifest_dir().join("themes/default/templates/base.html")).unwrap();
    let probe = r#"<div id="plural-probe" hidden>
<script type="application/json" id="plural-probe-words">{{ site.script_words | safe }}</script>
{% for n in [0, 1, 2, 3, 11, 100] %}<p data-key="team_people" data-n="{{ n }}">{{ t(key="js_team_people", n=n) }}</p>
<p data-key="search_found" data-n="{{ n }}">{{ t(key="js_search_found", n=n, q="x") }}</p>
<p data-key="practice_count" data-n="{{ n }}">{{ t(key="practice_count", n=n) }}</p>
{% endfor %}</div>
</body>"#;
    assert!(base.contains("</body>"));
    write(site.path(), "templates/base.html", &base.replace("</body>", probe));
    site
}

/// The counted words of `key` a built page shows, in the order of COUNTS.
fn counted(page: &str, key: &str) -> Vec<String> {
    COUNTS
        .iter()
        .map(|n| {
            let open = format!(r#"<p data-key="{key}" data-n="{n}">"#);
            let at = page.find(&open).unwrap_or_else(|| panic!("no {open}")) + open.len();
            page[at..at + page[at..].find("</p>").unwrap()].replace("&quot;", "\"")
        })
        .collect()
}

fn built(out: &Path) {
    let r = build(site_with_counts().path(), out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn russian_and_arabic_counts_take_their_forms_in_the_html() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    built(&out);
    let ru = read(&out, "ru/index.html");
    assert!(ru.contains(r#"<html lang="ru""#), "{}", &ru[..300.min(ru.len())]);
    assert_eq!(
        counted(&ru, "practice_count"),
        ["0 практик", "1 практика", "2 практики", "3 практики", "11 практик", "100 практик"]
    );
    assert_eq!(
        counted(&ru, "team_people"),
        ["0 человек:", "1 человек:", "2 человека:", "3 человека:", "11 человек:", "100 человек:"]
    );
    assert_eq!(
        counted(&ru, "search_found")[..3],
        [
            "Найдено 0 результатов по запросу «x».",
            "Найден 1 результат по запросу «x».",
            "Найдено 2 результата по запросу «x»."
        ]
    );
    let ar = read(&out, "ar/index.html");
    assert_eq!(
        counted(&ar, "practice_count"),
        ["لا ممارسات", "ممارسة واحدة", "ممارستان", "3 ممارسات", "11 ممارسةً", "100 ممارسة"]
    );
    assert_eq!(counted(&ar, "team_people"), ["لا أحد:", "شخص واحد:", "شخصان:", "3 أشخاص:", "11 شخصًا:", "100 شخص:"]);
    // English keeps its two forms.
    let en = read(&out, "index.html");
    let english = ["0 practices", "1 practice", "2 practices", "3 practices", "11 practices", "100 practices"];
    assert_eq!(counted(&en, "practice_count"), english);
    // The fixture's Chinese strings leave these words out, so they show in
    // English, and with English's forms: Chinese rules, with one form, would
    // pick "1 practices".
    let zh = read(&out, "zh/index.html");
    assert!(zh.contains(r#"<html lang="zh""#), "{}", &zh[..300.min(zh.len())]);
    assert_eq!(counted(&zh, "practice_count"), english);
    assert_eq!(counted(&zh, "search_found")[..2], ["0 results for “x”.", "1 result for “x”."]);
}

#[test]
fn the_script_shows_the_same_counted_words_as_the_html() {
    let Some(chromium) = browser::tools_or_skip("plurals") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    built(&out);
    let report =
        browser::report(browser::script("plurals.mjs", &chromium).arg("--dir").arg(&out).args(["--base", "/scripts/"]));
    assert!(report.contains("plurals: 6 passed, 0 failed"), "{report}");
}

#[test]
fn check_names_the_forms_a_language_lacks() {
    let site = site_with_counts();
    let file = "strings/ru.yaml";
    edit(site.path(), file, "practice_count_few: \"{n} практики\"\npractice_count_many: \"{n} практик\"\n", "");
    let r = run(&["check", "--root", site.path().to_str().unwrap(), "--format", "json"]);
    let found: Vec<serde_json::Value> = r
        .stdout
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|v| v["code"] == "P0403")
        .collect();
    assert_eq!(found.len(), 1, "{}", r.stdout);
    let w = &found[0];
    assert_eq!(
        (w["severity"].as_str(), w["file"].as_str(), w["line"].as_u64()),
        (Some("warning"), Some(file), Some(5))
    );
    let message = w["message"].as_str().unwrap();
    assert!(message.starts_with("ru needs `_few` and `_many` for `practice_count`"), "{message}");
    assert!(w["help"].as_str().unwrap().contains("practice_count_few"), "{w}");
    // A warning: the guide still builds, and 3 shows the `_other` form.
    let out = site.path().join("public");
    assert_eq!(build(site.path(), &out, &[]).code, 0);
    assert_eq!(counted(&read(&out, "ru/index.html"), "practice_count")[3], "3 практики");
}
