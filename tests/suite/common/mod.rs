//! Shared helpers for the integration tests: run the real binary on a copy of a fixture.
#![allow(dead_code)]

pub mod browser;
pub mod server;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    manifest_dir().join("tests/fixtures").join(name)
}

/// A throwaway copy of a fixture guide, so a test can break it.
pub fn copy_fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&fixture(name), dir.path());
    dir
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let rel = e.path().strip_prefix(from).unwrap();
        let dest = to.join(rel);
        if e.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else if e.file_type().is_file() {
            fs::copy(e.path(), &dest).unwrap();
        }
    }
}

pub fn practica(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_practica")).args(args).env("NO_COLOR", "1").output().expect("run practica")
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(args: &[&str]) -> Run {
    let o = practica(args);
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
    }
}

/// Builds `root` into `out`; returns the run.
pub fn build(root: &Path, out: &Path, extra: &[&str]) -> Run {
    let mut args = vec!["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

pub fn read(out: &Path, path: &str) -> String {
    fs::read_to_string(out.join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Every file under `dir` with its bytes, to prove a folder did not change.
pub fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| (e.path().strip_prefix(dir).unwrap().to_path_buf(), fs::read(e.path()).unwrap()))
        .collect()
}

/// Text of an HTML page with tags removed and whitespace folded, as a reader sees it.
pub fn visible_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces the first `from` in a file of a site, which must contain it.
pub fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let t = fs::read_to_string(&p).unwrap();
    assert!(t.contains(from), "{rel} has no `{from}`");
    fs::write(p, t.replacen(from, to, 1)).unwrap();
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Builds the fixture, breaks it, builds again (with `extra` flags): exit 1,
/// every one of `words` in the message, no panic, public/ untouched and no
/// staging folder left. Returns the message.
pub fn fails_with(breakage: impl FnOnce(&Path), extra: &[&str], words: &[&str]) -> String {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let first = build(site.path(), &out, &[]);
    assert_eq!(first.code, 0, "fixture must build first: {}", first.stderr);
    let before = snapshot(&out);
    breakage(site.path());
    let r = build(site.path(), &out, extra);
    assert_eq!(r.code, 1, "exit code 1 expected; stderr:\n{}", r.stderr);
    for w in words {
        assert!(r.stderr.contains(w), "expected `{w}` in:\n{}", r.stderr);
    }
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(snapshot(&out), before, "public/ must be unchanged after a failed build");
    let siblings: Vec<_> =
        fs::read_dir(site.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(!siblings.iter().any(|n| n.contains("practica-staging")), "no staging folder left: {siblings:?}");
    r.stderr
}

/// A word of the default theme's strings for `language`, as a page shows it.
pub fn theme_word(language: &str, key: &str) -> String {
    let text = fs::read_to_string(manifest_dir().join(format!("themes/default/strings/{language}.yaml"))).unwrap();
    let yaml: serde_yaml::Value = serde_yaml::from_str(&text).unwrap();
    yaml.get(key)
        .and_then(|v| v.as_str())
        .unwrap_or_else(|| panic!("no `{key}` in strings/{language}.yaml"))
        .to_string()
}

/// A theme's `static/js/handout.js` whose contents list, each time it is
/// numbered, pushes every part a page on: its numbers never settle (P0511).
pub const CONTENTS_THAT_GROW: &str = "window.practicaNumberContents = function () {\n  var pad = document.createElement('div');\n  pad.style.height = '300mm';\n  document.querySelector('.sheet').prepend(pad);\n  return document.querySelectorAll('[data-page-for]').length;\n};\n";
