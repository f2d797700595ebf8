//! Finding the browser tools, and skipping loudly without them outside CI.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn find_chromium() -> Option<PathBuf> {
    let fixed = Path::new("/usr/bin/chromium");
    if fixed.is_file() {
        return Some(fixed.to_path_buf());
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).map(|dir| dir.join("chromium")).find(|candidate| candidate.is_file())
}

/// Whether `program arg` starts and exits 0.
pub fn runs(program: &str, arg: &str) -> bool {
    Command::new(program)
        .arg(arg)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.success())
}

/// The Chromium to use, or the list of what is missing.
pub fn prerequisites() -> Result<PathBuf, Vec<&'static str>> {
    let mut missing = Vec::new();
    let chromium = find_chromium();
    if chromium.is_none() {
        missing.push("chromium (apt-get install chromium)");
    }
    if !runs("java", "-version") {
        missing.push("java (Java 17 or later on PATH)");
    }
    if !runs("node", "--version") {
        missing.push("node (Node 20 or later on PATH)");
    }
    let modules = manifest_dir().join("tests/browser/node_modules");
    if !modules.join("playwright-core").is_dir()
        || !modules.join("axe-core").is_dir()
        || !modules.join("vnu-jar").is_dir()
    {
        missing.push("tests/browser/node_modules (run `npm ci` in tests/browser)");
    }
    match chromium {
        Some(path) if missing.is_empty() => Ok(path),
        _ => Err(missing),
    }
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|value| {
        let value = value.trim().to_ascii_lowercase();
        value == "true" || value == "1"
    })
}

/// The Chromium to use; `None` after printing `SKIPPED <test>: ...` when a tool is
/// missing outside CI. Under CI=true a missing tool fails the test instead.
pub fn tools_or_skip(test: &str) -> Option<PathBuf> {
    match prerequisites() {
        Ok(path) => Some(path),
        Err(missing) => {
            let what = missing.join(", ");
            assert!(
                !in_ci(),
                "{test}: missing {what}; CI=true, so this test may not be skipped (.ci/run installs these)"
            );
            // Straight to the process's stderr, past the test harness's capture,
            // so a skip is visible in a plain `cargo test`.
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {what}");
            None
        }
    }
}

/// Chromium alone (for tests that need no Node), or a skip (a failure under CI).
pub fn chromium_or_skip(test: &str) -> Option<PathBuf> {
    match find_chromium() {
        Some(c) => Some(c),
        None => {
            let what = "chromium (apt-get install chromium)";
            assert!(!in_ci(), "{test}: missing {what}; CI=true, so this test may not be skipped");
            let _ = writeln!(std::io::stderr(), "SKIPPED {test}: {what}");
            None
        }
    }
}

/// `node tests/browser/<script>` with the Chromium to use; the caller adds its arguments.
pub fn script(script: &str, chromium: &Path) -> Command {
    let mut cmd = Command::new("node");
    cmd.arg(manifest_dir().join("tests/browser").join(script))
        .env("CHROMIUM", chromium)
        .current_dir(manifest_dir())
        .stdin(Stdio::null());
    cmd
}

/// What a script printed, once it has succeeded; a failure shows both streams.
pub fn report(cmd: &mut Command) -> String {
    let o = cmd.output().expect("run node");
    let report = String::from_utf8_lossy(&o.stdout).into_owned();
    assert!(o.status.success(), "{report}\n{}", String::from_utf8_lossy(&o.stderr));
    report
}
