//! The quality gate (issue 8): public agencies must publish accessible pages
//! (Section 508, WCAG 2.1 AA), and printed handouts come from the same HTML.
//!
//! Each test builds a guide with the real binary and runs
//! `tests/browser/quality.mjs` over the output. That script serves the site
//! under its base path and checks every HTML page: axe-core in headless
//! Chromium (wcag2a, wcag2aa, wcag21a, wcag21aa), the W3C Nu Html Checker,
//! no request to another host and no failed request or console error, every
//! internal link and `#fragment` resolves, and nothing overflows horizontally
//! at 390 px and 1280 px.
//!
//! It needs Chromium (the Debian package, at /usr/bin/chromium or on PATH),
//! Java, Node and `npm ci` in tests/browser. Without them the tests print
//! `SKIPPED quality_gates: ...` and pass, except under `CI=true`, where a
//! missing tool fails them: `.ci/run` installs everything.

use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// The sites are built for a base path that is not `/`, so a link that
/// forgets the base path is caught.
const BASE_URL: &str = "http://127.0.0.1/guides/peer/";
const BASE_PATH: &str = "/guides/peer/";

/// One gate at a time: each runs a Chromium and a JVM, and the machine has
/// two cores.
static GATE: Mutex<()> = Mutex::new(());

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Builds the guide at `root` and runs the quality gate over the output.
fn check_site(name: &str, root: &Path) {
    let Some(chromium) = crate::common::browser::tools_or_skip("quality_gates") else { return };
    assert!(root.join("guide.yaml").is_file(), "quality_gates: {} has no guide.yaml", root.display());

    let _gate = GATE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let temp = tempfile::tempdir().expect("create a temporary folder");
    let site = temp.path().join("site");

    let build = Command::new(env!("CARGO_BIN_EXE_practica"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&site)
        .arg("--base-url")
        .arg(BASE_URL)
        .stdin(Stdio::null())
        .output()
        .expect("run the practica binary");
    assert!(
        build.status.success(),
        "practica build of {name} ({}) failed with {}\n--- stdout\n{}\n--- stderr\n{}",
        root.display(),
        build.status,
        String::from_utf8_lossy(&build.stdout),
        String::from_utf8_lossy(&build.stderr),
    );

    let gate = Command::new("node")
        .arg(manifest_dir().join("tests/browser/quality.mjs"))
        .arg("--dir")
        .arg(&site)
        .arg("--base")
        .arg(BASE_PATH)
        .arg("--chromium")
        .arg(&chromium)
        .current_dir(manifest_dir())
        .stdin(Stdio::null())
        .output()
        .expect("run node tests/browser/quality.mjs");
    let report = String::from_utf8_lossy(&gate.stdout);
    let errors = String::from_utf8_lossy(&gate.stderr);
    assert!(
        gate.status.success(),
        "the quality gate failed for {name} with {}; every problem below names the page, \
         the check and rule, the element and how to fix it\n{report}\n{errors}",
        gate.status,
    );
    // Shown with `cargo test -- --nocapture`: the closing line counts the pages checked.
    println!("{name}: {}", report.trim_end());
}

#[test]
fn shipped_guide_passes_the_quality_gate() {
    check_site("the shipped guide", manifest_dir());
}

#[test]
fn basic_fixture_passes_the_quality_gate() {
    check_site("the fixture tests/fixtures/basic", &manifest_dir().join("tests/fixtures/basic"));
}

/// English, Arabic (right to left) and Chinese pages, at 320, 390 and 1280 px.
#[test]
fn scripts_fixture_passes_the_quality_gate() {
    check_site("the fixture tests/fixtures/scripts", &manifest_dir().join("tests/fixtures/scripts"));
}
