//! One test per mistake an editor can make: the bad input itself, exit code 1,
//! a message naming file and line, and the previous public/ left untouched.

use std::fs;
use std::path::Path;

use crate::common::*;

/// The common check, plus the location and the closing line every failed build prints.
fn fails_with(breakage: impl FnOnce(&Path), location: &str, words: &[&str]) -> String {
    let mut all = vec![location, "nothing was written"];
    all.extend_from_slice(words);
    crate::common::fails_with(breakage, &[], &all)
}

const JD: &str = "content/practices/hiring/job-descriptions.md";

#[test]
fn unknown_front_matter_key_suggests_the_nearest() {
    let err = fails_with(
        |r| edit(r, JD, "tags:", "tgas:"),
        "content/practices/hiring/job-descriptions.md:5:1",
        &["unknown key `tgas`", "did you mean `tags`?", "P0204"],
    );
    assert!(err.contains("tgas: [hiring, Job Design]"), "quotes the source line: {err}");
}

#[test]
fn missing_required_title() {
    fails_with(
        |r| edit(r, JD, "title: Write job descriptions\n", ""),
        "job-descriptions.md:2",
        &["has no `title`", "title: "],
    );
}

#[test]
fn missing_required_summary() {
    fails_with(
        |r| edit(r, JD, "summary: Clear duties help everyone.\n", ""),
        "job-descriptions.md:2",
        &["has no `summary`"],
    );
}

#[test]
fn malformed_yaml() {
    fails_with(
        |r| edit(r, JD, "tags: [hiring, Job Design]", "tags: [hiring, Job Design"),
        "job-descriptions.md:",
        &["not valid YAML", "P0203"],
    );
}

#[test]
fn tab_indentation_in_yaml() {
    fails_with(|r| edit(r, JD, "weight: 1", "weight:\n\t1"), "job-descriptions.md:9:1", &["tab"]);
}

#[test]
fn unclosed_front_matter() {
    fails_with(
        |r| write(r, JD, "---\ntitle: A\nsummary: B\n\nBody text\n"),
        "job-descriptions.md:1",
        &["never closed", "---"],
    );
}

#[test]
fn wrong_type_string_where_list_expected() {
    fails_with(
        |r| edit(r, JD, "audience: [hr]", "audience: hr"),
        "job-descriptions.md:4",
        &["`audience` must be a list", "audience: [hr]"],
    );
}

#[test]
fn broken_internal_link() {
    fails_with(
        |r| edit(r, JD, "(../support/regular-supervision.md)", "(../support/regular-supervison.md)"),
        "job-descriptions.md:14:5",
        &["points to a page that does not exist", "did you mean `../support/regular-supervision.md`?"],
    );
    // Suggested in the form the editor wrote: from content/ for an @/ link.
    fails_with(
        |r| edit(r, JD, "(@/tips/train-supervisors.md)", "(@/tips/train-supervisor.md)"),
        "job-descriptions.md:14",
        &["did you mean `@/tips/train-supervisors.md`?"],
    );
}

#[test]
fn a_link_to_a_draft_says_so_and_suggests_nothing_else() {
    let err = fails_with(
        |r| edit(r, JD, "(@/tips/train-supervisors.md)", "(secret-draft.md)"),
        "job-descriptions.md:14",
        &["points to a draft; it is left out unless you build with --drafts", "P0301"],
    );
    assert!(!err.contains("did you mean"), "no misleading suggestion: {err}");
    let err = fails_with(
        |r| edit(r, JD, "related: [regular-supervision]", "related: [secret-draft]"),
        "job-descriptions.md:6",
        &["related practice `secret-draft` is a draft", "P0303"],
    );
    assert!(!err.contains("does not exist"), "{err}");
}

#[test]
fn a_related_name_two_areas_share_is_ambiguous() {
    let err = fails_with(
        |r| {
            write(r, "content/practices/support/buddy.md", "---\ntitle: Buddy (support)\nsummary: S.\n---\n");
            write(r, "content/practices/hiring/buddy.md", "---\ntitle: Buddy (hiring)\nsummary: S.\n---\n");
            edit(r, JD, "related: [regular-supervision]", "related: [buddy]");
        },
        "job-descriptions.md:6",
        &["related practice `buddy` is ambiguous", "`hiring/buddy` or `support/buddy`"],
    );
    assert!(!err.contains("does not exist"), "{err}");
}

#[test]
fn yaml_help_fits_the_mistake() {
    fails_with(
        |r| edit(r, JD, "title: Write job descriptions", "title: 'Don't skip job descriptions'"),
        "job-descriptions.md:2",
        &["the apostrophe in `Don't` ends the single-quoted text early", "title: \"Don't skip job descriptions\""],
    );
    let err = fails_with(
        |r| write(r, "content/practices/hiring/interviews.md", "# Interviews\n\nAsk about lived experience.\n"),
        "interviews.md:1",
        &["this file has no front matter", "put these lines at the very top of the file", "---\n          title:"],
    );
    assert_eq!(err.matches("interviews.md").count(), 1, "one message, not one per missing key: {err}");
}

#[test]
fn broken_page_address() {
    // A link copied from the browser's address bar, with a typo.
    let stderr = fails_with(
        |r| {
            edit(
                r,
                JD,
                "[supervision](../support/regular-supervision.md)",
                "[regular supervision of peers](/practices/support/regular-supervison/)",
            )
        },
        "job-descriptions.md:14:5",
        &[
            "`/practices/support/regular-supervison/` is not the address of a page of this guide",
            "did you mean `/practices/support/regular-supervision/`?",
        ],
    );
    // The caret runs under the whole link, not its first word.
    let link = "[regular supervision of peers](/practices/support/regular-supervison/)";
    let carets = format!("    {}\n", "^".repeat(link.chars().count()));
    assert!(stderr.contains(&carets), "a caret under all of `{link}` in:\n{stderr}");
}

/// Builds `root` after adding a link to each of `addresses` to the job
/// descriptions page.
fn build_linking_to(root: &std::path::Path, out: &std::path::Path, addresses: &[impl AsRef<str>]) -> Run {
    let body: String = addresses.iter().map(|l| format!("[to]({}) ", l.as_ref())).collect();
    edit(root, JD, "(../support/regular-supervision.md)", &format!("(../support/regular-supervision.md) {body}"));
    build(root, out, &[])
}

#[test]
fn page_addresses_of_every_kind_are_links_that_resolve() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let links = [
        "/practices/support/regular-supervision/",
        "/practices/support/",
        "/practices/",
        "/tips/",
        "/checklists/",
        "/tags/",
        "/audience/",
        "/handouts/",
        "/handouts/bundles/training-day/",
        "/search/",
    ];
    let r = build_linking_to(site.path(), &out, &links);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = std::fs::read_to_string(out.join("practices/hiring/job-descriptions/index.html")).unwrap();
    for l in links {
        assert!(page.contains(&format!("href=\"/guides/peer{l}\"")), "{l} is a link under the base path");
        let file = out.join(l.trim_start_matches('/')).join("index.html");
        assert!(file.is_file(), "{l} is a page of the built site");
    }

    // The link check keeps its own list of what the build publishes: every
    // page folder of the built site must be an address a link may name.
    let every: Vec<String> = walkdir::WalkDir::new(&out)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name() == "index.html")
        .filter_map(|e| e.path().parent()?.strip_prefix(&out).ok().map(|d| d.to_string_lossy().replace('\\', "/")))
        .filter(|d| !d.is_empty())
        .map(|d| format!("/{d}/"))
        .collect();
    assert!(every.len() > 20, "{every:?}");
    let r = build_linking_to(site.path(), &out, &every);
    assert_eq!(r.code, 0, "a link to a page the build writes was refused:\n{}", r.stderr);
}

#[test]
fn broken_anchor() {
    fails_with(
        |r| edit(r, "content/_index.md", "#why-it-matters", "#why-it-maters"),
        "content/_index.md:5",
        &["#why-it-maters names no heading", "did you mean `why-it-matters`?"],
    );
}

#[test]
fn unknown_related_practice() {
    fails_with(
        |r| edit(r, JD, "related: [regular-supervision]", "related: [regular-supervisoin]"),
        "job-descriptions.md:6",
        &["related practice `regular-supervisoin` does not exist", "did you mean `regular-supervision`?"],
    );
}

#[test]
fn unknown_source() {
    fails_with(
        |r| edit(r, JD, "source: handbook", "source: handbok"),
        "job-descriptions.md:7",
        &["source `handbok`", "did you mean `handbook`?"],
    );
}

#[test]
fn unknown_audience() {
    fails_with(
        |r| edit(r, JD, "audience: [hr]", "audience: [h-r]"),
        "job-descriptions.md:4",
        &["audience `h-r`", "did you mean `hr`?"],
    );
}

#[test]
fn unknown_applies_to() {
    fails_with(
        |r| edit(r, "content/tips/train-supervisors.md", "applies_to: [support]", "applies_to: [suport]"),
        "train-supervisors.md:4",
        &["`suport` in applies_to", "did you mean `support`?"],
    );
}

#[test]
fn unknown_guide_yaml_key() {
    fails_with(
        |r| edit(r, "guide.yaml", "language: en", "langauge: en"),
        "guide.yaml:4:1",
        &["unknown key `langauge`", "did you mean `language`?", "P0102"],
    );
}

#[test]
fn invalid_guide_yaml() {
    fails_with(
        |r| edit(r, "guide.yaml", "title: Fixture Guide", "title: [Fixture Guide"),
        "guide.yaml:",
        &["not valid YAML"],
    );
}

#[test]
fn two_files_claim_one_url() {
    fails_with(
        |r| write(r, "content/practices/hiring/Job Descriptions.md", "---\ntitle: Dup\nsummary: Dup.\n---\nx\n"),
        "content/practices/hiring/",
        &["published at /practices/hiring/job-descriptions/", "rename one of the two files", "P0304"],
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    fails_with(
        |r| {
            write(
                r,
                "templates/tip.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{{ page.title \n{% endblock main %}\n",
            )
        },
        "templates/tip.html:",
        &["template `tip.html`", "P0401"],
    );
}

#[test]
fn template_render_error_names_template() {
    fails_with(
        |r| {
            write(
                r,
                "templates/tip.html",
                "{% extends \"base.html\" %}\n{% block main %}\n{{ page.no_such_field.deeper }}\n{% endblock main %}\n",
            )
        },
        "templates/tip.html:3",
        &["template `tip.html` failed while rendering /tips/train-supervisors/"],
    );
}

#[test]
fn non_utf8_file() {
    fails_with(
        |r| fs::write(r.join(JD), b"---\ntitle: Caf\xe9\nsummary: x\n---\n").unwrap(),
        "job-descriptions.md:2:11",
        &["not UTF-8"],
    );
}

#[test]
fn practice_outside_an_area_folder() {
    fails_with(
        |r| write(r, "content/practices/loose.md", "---\ntitle: L\nsummary: L.\n---\n"),
        "content/practices/loose.md",
        &["does not know where to publish", "area folder"],
    );
}

#[test]
fn missing_static_file() {
    fails_with(
        |r| edit(r, "content/_index.md", "/img/map.svg", "/img/mapp.svg"),
        "content/_index.md:7",
        &["not a file in static/"],
    );
}

#[test]
fn every_error_is_reported_in_one_run() {
    let err = fails_with(
        |r| {
            edit(r, JD, "tags:", "tgas:");
            edit(r, "content/tips/train-supervisors.md", "applies_to: [support]", "applies_to: [suport]");
            edit(
                r,
                "content/practices/support/regular-supervision.md",
                "(@/practices/hiring/job-descriptions.md)",
                "(@/nowhere.md)",
            );
        },
        "job-descriptions.md:5",
        &["train-supervisors.md:4", "regular-supervision.md:", "3 errors"],
    );
    // Sorted by file.
    assert!(err.find("job-descriptions.md").unwrap() < err.find("regular-supervision.md").unwrap());
}

#[test]
fn bom_and_crlf_are_accepted() {
    let site = copy_fixture("basic");
    let p = site.path().join(JD);
    let text = fs::read_to_string(&p).unwrap().replace('\n', "\r\n");
    fs::write(&p, format!("\u{feff}{text}")).unwrap();
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&out, "practices/hiring/job-descriptions/index.html").contains("<h1>Write job descriptions</h1>"));
}
