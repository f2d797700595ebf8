//! The self-assessment in a real browser (issue 16): a copy of the fixture
//! guide with a longer checklist, built with the real binary, served on
//! 127.0.0.1 under a sub-path and used as a reader would in headless Chromium.
//! tests/browser/assess.mjs holds the steps and their assertions; it edits
//! the checklist and rebuilds the site between steps, with this binary.
//!
//! Needs what the other browser tests need, and pdftotext for the printed
//! action plan: without them it prints `SKIPPED assess: ...` and passes,
//! except under `CI=true`, where a missing tool fails it.

use std::io::Write;

use crate::common::*;

const CHECKLIST: &str = "---
title: Self check
summary: What is in place.
source: handbook
---
## Hiring

- [ ] Job descriptions exist. ([Job descriptions](@/practices/hiring/job-descriptions.md))
- [ ] Interview panels include a peer worker.
- [ ] Offers explain benefits.

## Support

- [ ] Supervisors meet staff. ([Supervision](@/practices/support/regular-supervision.md))
- [ ] Peer workers have a quiet room.
";

#[test]
fn readers_assess_export_share_and_print_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("assess") else { return };
    if !browser::runs("pdftotext", "-v") {
        let what = "pdftotext (apt-get install poppler-utils)";
        assert!(!browser::in_ci(), "assess: missing {what}; CI=true, so this test may not be skipped");
        let _ = writeln!(std::io::stderr(), "SKIPPED assess: {what}");
        return;
    }
    let site = copy_fixture("basic");
    write(site.path(), "content/checklists/self-check.md", CHECKLIST);
    let out = site.path().join("public");
    let report = browser::report(
        browser::script("assess.mjs", &chromium).arg("--site").arg(site.path()).arg("--out").arg(&out).args([
            "--practica",
            env!("CARGO_BIN_EXE_practica"),
            "--base",
            "/guides/peer/",
        ]),
    );
    assert!(report.contains("assess: 35 passed, 0 failed"), "{report}");
}

/// The assessment script's pure parts (reading and writing answer files, the
/// spreadsheet export, counts by area, the team's answers, rounds compared)
/// under `node --test`: tests/js/ holds them. Without Node it prints
/// `SKIPPED assess-js: ...` and passes, except under `CI=true`.
#[test]
fn the_scripts_pure_parts_pass_their_node_tests() {
    if !browser::runs("node", "--version") {
        let what = "node (Node 20 or later on PATH)";
        assert!(!browser::in_ci(), "assess-js: missing {what}; CI=true, so this test may not be skipped");
        let _ = writeln!(std::io::stderr(), "SKIPPED assess-js: {what}");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = std::process::Command::new("node")
        .arg("--test")
        .arg(root.join("tests/js/"))
        .current_dir(root)
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run node --test");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
    // Something ran: a missing folder or a file with no tests is not a pass.
    let passed = report.lines().find_map(|l| l.strip_prefix("# pass ")).and_then(|n| n.trim().parse::<u32>().ok());
    assert!(passed.is_some_and(|n| n >= 10), "node --test ran fewer tests than tests/js/ holds: {report}");
}
