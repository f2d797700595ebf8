//! The preview's guide status and side-by-side translation views in a real
//! browser (issue 30): a copy of the bilingual fixture guide, in a git
//! repository of its own (the translation view finds what changed in a page
//! through its history), with a planted problem, an overdue review, a review
//! due soon, a page changed since its Spanish translation, a translation of
//! a version git does not hold and a page with no translation; and a clean
//! guide (`practica init`'s). tests/browser/edit-views.mjs starts `practica
//! serve` on them and uses the views with the keyboard, checking the files
//! they write, what `practica check` says afterwards, axe and the Nu checker.
//!
//! Needs what the other browser tests need, and git: without them it prints
//! `SKIPPED edit-views: ...` and passes, except under `CI=true`, where a
//! missing tool fails it.

use std::io::Write;
use std::path::Path;
use std::process::Command;

use crate::common::*;

/// The day the preview and `check` take as today, so that which reviews are
/// overdue does not depend on when the test runs.
const TODAY: &str = "2026-12-07";

fn edit(site: &Path, rel: &str, from: &str, to: &str) {
    let file = site.join(rel);
    let text = std::fs::read_to_string(&file).unwrap();
    assert!(text.contains(from), "{rel} has no {from:?}");
    std::fs::write(&file, text.replacen(from, to, 1)).unwrap();
}

fn git(site: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(site)
        .env("GIT_AUTHOR_NAME", "Editor")
        .env("GIT_AUTHOR_EMAIL", "editor@example.org")
        .env("GIT_COMMITTER_NAME", "Editor")
        .env("GIT_COMMITTER_EMAIL", "editor@example.org")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", site)
        .output()
        .expect("run git");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn editors_keep_the_guide_current_from_the_status_and_translation_views() {
    let Some(chromium) = browser::tools_or_skip("edit-views") else { return };
    if !browser::runs("git", "--version") {
        let what = "git";
        assert!(!browser::in_ci(), "edit-views: missing {what}; CI=true, so this test may not be skipped");
        let _ = writeln!(std::io::stderr(), "SKIPPED edit-views: {what}");
        return;
    }
    let site = copy_fixture("bilingual");
    let root = site.path();
    // Reviews every year: one page last reviewed over a year before TODAY
    // (overdue); one that names its own next review, within a month of TODAY.
    edit(root, "guide.yaml", "language: en\n", "language: en\nreview_every: 12\n");
    edit(root, "content/practices/support/regular-supervision.md", "title:", "reviewed: 2025-10-01\ntitle:");
    edit(root, "content/tips/train-supervisors.md", "title:", "reviewed: 2025-12-20\nnext_review: 2026-12-20\ntitle:");
    // A problem `check` finds: a heading that skips a level (P0208).
    edit(
        root,
        "content/practices/hiring/interviews.md",
        "Fair questions.",
        "Fair questions.\n\n#### A skipped level\n\nMore.",
    );
    // A translation that names a version of its page no commit holds: what
    // changed since cannot be known.
    edit(
        root,
        "content/about.es.md",
        "source_hash: 74350de7-3fa5c47a-1c7f4aea",
        "source_hash: 00000000-00000000-00000000",
    );
    git(root, &["init", "-q"]);
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "the guide"]);
    // The English page changes after its translation was brought up to date
    // (saved, not committed, as an editor's working copy would be).
    edit(
        root,
        "content/practices/hiring/job-descriptions.md",
        "## In place when",
        "Review each description every year with a peer worker.\n\n## In place when",
    );
    let mut cmd = browser::script("edit-views.mjs", &chromium);
    cmd.arg("--site").arg(root).args(["--practica", env!("CARGO_BIN_EXE_practica"), "--today", TODAY]);
    // Screenshots of both views at 1280 and 1024 px, to look at: EDIT_SHOTS=/some/folder.
    if let Ok(dir) = std::env::var("EDIT_SHOTS") {
        cmd.arg("--shots").arg(dir);
    }
    let report = browser::report(&mut cmd);
    assert!(report.contains("edit-views: 14 passed, 0 failed"), "{report}");
}
