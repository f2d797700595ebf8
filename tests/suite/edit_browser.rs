//! Editing in the preview as an editor does it, in a real browser (issue 30):
//! a copy of the fixture guide served by `practica serve` on a free port, and
//! tests/browser/edit.mjs driving headless Chromium through the edit and
//! new-page views while reading the guide's files to see what each save did.
//!
//! Needs what the other browser tests need (Chromium, Node, Java and
//! tests/browser/node_modules): without them it prints `SKIPPED edit: ...`
//! and passes, except under `CI=true`, where a missing tool fails it.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::common::*;

/// The preview, stopped when the test ends however it ends.
struct Serve(Child);

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `practica serve` on `root` at a free port, and the address it prints.
fn serve(root: &std::path::Path) -> (Serve, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["serve", "--root"])
        .arg(root)
        .args(["--port", "0"])
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start practica serve");
    let stdout = BufReader::new(child.stdout.take().expect("piped stdout"));
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        // Keep reading: a closed pipe would fail the server's next status line.
        for line in stdout.lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let serve = Serve(child);
    loop {
        let line = rx.recv_timeout(Duration::from_secs(30)).expect("serve printed its address");
        if let Some(rest) = line.strip_prefix("Serving ") {
            let url = rest.split_whitespace().next().expect("an address").to_string();
            return (serve, url);
        }
    }
}

#[test]
fn an_editor_edits_pastes_links_makes_pages_and_loses_nothing_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("edit") else { return };
    let site = copy_fixture("basic");
    let (_serve, url) = serve(site.path());
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let mut cmd = browser::script("edit.mjs", &chromium);
    cmd.arg("--url").arg(&url).arg("--site").arg(site.path());
    if let Ok(dir) = std::env::var("EDIT_SHOTS") {
        cmd.arg("--shots").arg(dir);
    }
    let report = browser::report(&mut cmd);
    let passed = report.lines().find_map(|l| l.strip_prefix("edit: ")).unwrap_or_default().to_string();
    assert!(passed.ends_with(" passed, 0 failed") && !passed.starts_with("0 "), "{report}");
}

/// The paste conversion's and the toolbar's pure parts under `node --test`.
/// Without Node it prints `SKIPPED edit-js: ...` and passes, except under `CI=true`.
#[test]
fn the_paste_and_toolbar_scripts_pass_their_node_tests() {
    if !browser::runs("node", "--version") {
        let what = "node (Node 20 or later on PATH)";
        assert!(!browser::in_ci(), "edit-js: missing {what}; CI=true, so this test may not be skipped");
        let _ = writeln!(std::io::stderr(), "SKIPPED edit-js: {what}");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = Command::new("node")
        .arg("--test")
        .arg(root.join("tests/js/edit-paste.test.mjs"))
        .arg(root.join("tests/js/edit-toolbar.test.mjs"))
        .current_dir(root)
        .stdin(Stdio::null())
        .output()
        .expect("run node --test");
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{report}\n{}", String::from_utf8_lossy(&out.stderr));
    let passed = report.lines().find_map(|l| l.strip_prefix("# pass ")).and_then(|n| n.trim().parse::<u32>().ok());
    assert!(passed.is_some_and(|n| n >= 18), "node --test ran fewer tests than the two files hold (18): {report}");
}
