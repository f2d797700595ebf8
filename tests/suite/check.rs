//! `practica check`: every problem in one run, sorted, as text or JSON, nothing written.

use std::fs;

use crate::common::*;

fn check(root: &std::path::Path, extra: &[&str]) -> Run {
    let mut args = vec!["check", "--root", root.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_clean_guide_has_no_problems_and_writes_nothing() {
    let site = copy_fixture("basic");
    let r = check(site.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert_eq!(r.stdout.trim(), "No problems found.");
    assert!(!site.path().join("public").exists());
}

#[test]
fn errors_and_warnings_together_sorted_by_file_and_line() {
    let site = copy_fixture("basic");
    let root = site.path();
    edit(root, "content/practices/support/regular-supervision.md", "## Why it matters", "#### Why it matters");
    edit(root, "content/practices/hiring/job-descriptions.md", "tags:", "tgas:");
    edit(
        root,
        "content/about.md",
        "About text.",
        "About text, see [the old site](http://example.com/) and ![](/img/map.svg).",
    );
    edit(
        root,
        "content/practices/hiring/interviews.md",
        "summary: Ask fair questions.",
        &format!("summary: {}", "Ask fair questions. ".repeat(12)),
    );
    fs::write(root.join("content/checklists/empty.md"), "---\ntitle: Empty\n---\nNo items yet.\n").unwrap();
    fs::create_dir_all(root.join("content/practices/empty-area")).unwrap();
    fs::write(root.join("content/practices/empty-area/_index.md"), "---\ntitle: Empty area\nsummary: Nothing.\n---\n")
        .unwrap();
    let r = check(root, &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let out = &r.stdout;
    let expect = [
        "warning[P0307]: `http://example.com/` is a plain http:// link\n --> content/about.md:5:",
        "warning[P0306]: this image has no alt text",
        "warning[P0211]: this checklist has no items\n --> content/checklists/empty.md:4",
        "warning[P0210]: the area `Empty area` has no practices",
        "warning[P0209]: the summary is 239 characters",
        "error[P0204]: unknown key `tgas`",
        "warning[P0208]: this heading jumps from level 1 to level 4",
        "1 error, 6 warnings.",
    ];
    let mut last = 0;
    for e in expect {
        let at = out.find(e).unwrap_or_else(|| panic!("missing `{e}` in:\n{out}"));
        assert!(at >= last, "`{e}` out of order in:\n{out}");
        last = at;
    }
    assert!(!root.join("public").exists(), "check writes nothing");
}

#[test]
fn warnings_only_exit_zero() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/about.md", "About text.", "See <http://example.com/>.");
    let r = check(site.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("0 errors, 1 warning."), "{}", r.stdout);
    // A build reports the same warning on stderr and still succeeds.
    let out = site.path().join("public");
    let b = build(site.path(), &out, &[]);
    assert_eq!(b.code, 0);
    assert!(b.stderr.contains("warning[P0307]"), "{}", b.stderr);
}

#[test]
fn json_is_one_object_per_diagnostic() {
    let site = copy_fixture("basic");
    edit(site.path(), "content/practices/hiring/job-descriptions.md", "tags:", "tgas:");
    edit(site.path(), "content/about.md", "About text.", "See <http://example.com/>.");
    let r = check(site.path(), &["--format", "json"]);
    assert_eq!(r.code, 1);
    let lines: Vec<serde_json::Value> =
        r.stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON object per line")).collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    let e = lines.iter().find(|v| v["severity"] == "error").unwrap();
    assert_eq!(e["code"], "P0204");
    assert_eq!(e["file"], "content/practices/hiring/job-descriptions.md");
    assert_eq!(e["line"], 5);
    assert_eq!(e["column"], 1);
    assert_eq!(e["help"], "did you mean `tags`?");
    assert!(e["message"].as_str().unwrap().contains("tgas"));
    let w = lines.iter().find(|v| v["severity"] == "warning").unwrap();
    assert_eq!(w["code"], "P0307");
}

#[test]
fn template_errors_are_found_without_building() {
    let site = copy_fixture("basic");
    fs::write(
        site.path().join("templates/tip.html"),
        "{% extends \"base.html\" %}\n{% block main %}{{ page.nope.deeper }}{% endblock main %}\n",
    )
    .unwrap();
    let r = check(site.path(), &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("templates/tip.html:2") && r.stdout.contains("template `tip.html`"), "{}", r.stdout);
}
