//! The hostile corpus: one small site per case under tests/hostile/, each built
//! with the real binary over a previous build in public/.
//!
//! Every case checks that practica did not panic, finished within a generous
//! bound, and wrote nothing outside its output folder. A case that must fail
//! checks the exit code, the file, line and words of the message (from `build`
//! and from `check`), and that the previous public/ is byte for byte as it was.
//! A case that must build checks what it wrote. Inputs that are large, binary
//! or not portable as file names (20 MB of Markdown, Latin-1 bytes, NUL bytes,
//! symlinks, `c:d.md`) are generated here rather than committed.
//!
//! At the end: a build killed with SIGKILL mid-write leaves public/ as it was,
//! and the next build clears what the killed one left.

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::*;

/// A bound that catches a hang or a quadratic blow-up, not a benchmark.
/// Unoptimised test builds run about ten times slower than release builds.
const BOUND: Duration = Duration::from_secs(if cfg!(debug_assertions) { 300 } else { 60 });

const TEAM: &str = "content/practices/team";

struct Case {
    /// Holds the site folder; removed when the case is dropped.
    _tmp: tempfile::TempDir,
    root: PathBuf,
    out: PathBuf,
    run: Run,
}

impl Case {
    fn page(&self, site_path: &str) -> String {
        read(&self.out, site_path)
    }
}

/// Everything in the temp folder except the output folder, to prove nothing was written elsewhere.
fn outside_output(tmp: &Path, out: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    snapshot(tmp).into_iter().filter(|(p, _)| !tmp.join(p).starts_with(out)).collect()
}

fn file(root: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, bytes).unwrap();
}

/// Copies the case, lets `setup` add generated input, puts a previous build in
/// public/ and builds. Checks what holds for every case.
fn run_case(name: &str, setup: impl FnOnce(&Path)) -> (Case, BTreeMap<PathBuf, Vec<u8>>) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    fs::create_dir_all(&root).unwrap();
    copy_dir(&manifest_dir().join("tests/hostile").join(name), &root);
    setup(&root);
    let out = root.join("public");
    file(&out, "index.html", "<p>the previous build</p>");
    file(&out, "old/page.txt", "kept");
    let before_out = snapshot(&out);
    let before_rest = outside_output(tmp.path(), &out);

    let start = Instant::now();
    let run = build(&root, &out, &[]);
    let elapsed = start.elapsed();

    no_panic(name, &run);
    assert!(elapsed < BOUND, "{name}: took {elapsed:?}, over the bound of {BOUND:?}");
    assert_eq!(outside_output(tmp.path(), &out), before_rest, "{name}: files outside public/ changed");
    let left: Vec<String> = fs::read_dir(&root)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".practica-"))
        .collect();
    assert!(left.is_empty(), "{name}: staging or old folders left: {left:?}");
    (Case { _tmp: tmp, root, out, run }, before_out)
}

fn no_panic(name: &str, run: &Run) {
    assert!(!run.stderr.contains("panicked"), "{name}: panic:\n{}", run.stderr);
    assert_ne!(run.code, 101, "{name}: exit code 101 is a panic");
    assert!(run.code == 0 || run.code == 1, "{name}: exit code {} (killed by a signal?)\n{}", run.code, run.stderr);
}

/// The case must fail: exit 1, `location` and `words` in the message, public/ untouched;
/// `practica check` must say the same.
fn fails(name: &str, setup: impl FnOnce(&Path), location: &str, words: &[&str]) -> Case {
    let (case, before) = run_case(name, setup);
    let r = &case.run;
    assert_eq!(r.code, 1, "{name}: exit code 1 expected; stderr:\n{}", r.stderr);
    assert!(r.stderr.contains(location), "{name}: expected `{location}` in:\n{}", clip(&r.stderr));
    for w in words {
        assert!(r.stderr.contains(w), "{name}: expected `{w}` in:\n{}", clip(&r.stderr));
    }
    assert!(r.stderr.contains("nothing was written"), "{name}: {}", clip(&r.stderr));
    assert_eq!(snapshot(&case.out), before, "{name}: public/ must be unchanged after a failed build");

    let start = Instant::now();
    let c = run(&["check", "--root", case.root.to_str().unwrap()]);
    assert!(start.elapsed() < BOUND, "{name}: check took {:?}", start.elapsed());
    no_panic(name, &c);
    assert_eq!(c.code, 1, "{name}: check must exit 1:\n{}", clip(&c.stdout));
    assert!(c.stdout.contains(location), "{name}: check must report `{location}`:\n{}", clip(&c.stdout));
    assert_eq!(snapshot(&case.out), before, "{name}: check writes nothing");
    case
}

/// The case must build: exit 0, the previous build replaced.
fn builds(name: &str, setup: impl FnOnce(&Path)) -> Case {
    let (case, _) = run_case(name, setup);
    assert_eq!(case.run.code, 0, "{name}: must build; stderr:\n{}", clip(&case.run.stderr));
    assert!(case.run.stdout.starts_with("Built "), "{name}: {}", case.run.stdout);
    assert!(!case.out.join("old/page.txt").exists(), "{name}: public/ is replaced by the new build");
    case
}

/// The start of a long message, for assertion output.
fn clip(s: &str) -> &str {
    let mut end = s.len().min(4000);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

/// Every output file that is text (pages, sitemap, robots.txt, CSS, JS), with its path.
fn text_files(out: &Path) -> Vec<(PathBuf, String)> {
    snapshot(out)
        .into_iter()
        .filter(|(p, _)| {
            matches!(p.extension().and_then(|e| e.to_str()), Some("html" | "xml" | "txt" | "css" | "js" | "json"))
        })
        .map(|(p, b)| (p, String::from_utf8(b).expect("output text is UTF-8")))
        .collect()
}

/// The values of every `name="..."` attribute in `html`, with entities decoded.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let pat = format!(" {name}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let rest = &html[i + pat.len()..];
            let v = &rest[..rest.find('"').unwrap()];
            v.replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
        })
        .collect()
}

/// The scheme of a URL as a browser reads it (tabs and line breaks dropped,
/// leading spaces and controls trimmed), lower-cased.
fn scheme(url: &str) -> Option<String> {
    let url: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = url.find([':', '/', '?', '#'])?;
    url[end..].starts_with(':').then(|| url[..end].to_ascii_lowercase())
}

mod accepted;
mod failures;
mod silent;
mod writes;
