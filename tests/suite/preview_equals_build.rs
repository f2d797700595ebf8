//! The preview always equals a fresh build (issue 28): each kind of edit an
//! editor makes is applied to a running `practica serve`, and then every file
//! a fresh `practica build` of the same folder writes is fetched from the
//! preview and compared byte for byte (the preview's live-reload script
//! aside, which it adds as it serves a page). A file the build no longer
//! writes must be gone from the preview too.
//!
//! Both run without the search index, which the preview always makes again
//! whole, a moment after the pages.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use crate::common::server::spawn;
use crate::common::*;

struct Preview {
    child: Child,
    addr: String,
    base: String,
    lines: Receiver<String>,
}

impl Preview {
    fn start(root: &Path) -> Preview {
        let s = spawn(&["serve", "--root", root.to_str().unwrap(), "--port", "0", "--no-search"], &[], Stdio::null());
        Preview { child: s.child, addr: s.addr, base: s.base, lines: s.lines }
    }

    /// Waits for the rebuild that follows an edit.
    fn rebuilt(&self, edit: &str) {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Ok(l) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if l.starts_with("Rebuilt") || l.starts_with("Rebuild failed") {
                assert!(l.starts_with("Rebuilt"), "{edit}: {l}");
                return;
            }
        }
        panic!("{edit}: no rebuild within 30 s");
    }

    fn get(&self, site_path: &str) -> (u16, Vec<u8>) {
        let mut s = TcpStream::connect(&self.addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        write!(s, "GET {}{site_path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n", self.base, self.addr).unwrap();
        let mut raw = Vec::new();
        s.read_to_end(&mut raw).unwrap();
        let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("a response head");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let status = head.split_whitespace().nth(1).unwrap().parse().unwrap();
        (status, without_live_script(&raw[split + 4..]))
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The page as the build wrote it: the preview adds one script element, and
/// the editing bar while editing is on.
fn without_live_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.find("<script data-practica-live") else { return body.to_vec() };
    let end = start + text[start..].find("</script>").expect("the live script ends") + "</script>".len();
    let mut text = format!("{}{}", &text[..start], &text[end..]);
    // The editing bar and its print style.
    for (open, close) in [
        ("<style data-practica-editbar>", "</style>"),
        ("<nav aria-label=\"Editing\" lang=\"en\" data-practica-editbar", "</nav>"),
    ] {
        if let Some(start) = text.find(open) {
            let end = start + text[start..].find(close).expect("the editing bar ends") + close.len();
            text = format!("{}{}", &text[..start], &text[end..]);
        }
    }
    text.into_bytes()
}

/// Every file of a fresh build of `root`, by site path.
fn fresh_build(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let run = build(root, &site, &["--no-search"]);
    assert_eq!(run.code, 0, "the fresh build failed:\n{}", run.stderr);
    snapshot(&site)
        .into_iter()
        .map(|(p, bytes)| (p.to_string_lossy().replace('\\', "/"), bytes))
        // The mark by which a build knows its own output folder is not a page.
        .filter(|(p, _)| p != ".practica-output")
        .collect()
}

/// The files that differ between the preview and a fresh build, and the
/// files the preview still serves that the build no longer writes.
fn differences(preview: &Preview, built: &BTreeMap<String, Vec<u8>>, gone: &[String]) -> Vec<String> {
    let mut out = Vec::new();
    for (path, bytes) in built {
        let (status, served) = preview.get(path);
        if status != 200 {
            out.push(format!("{path}: the preview answers {status}"));
        } else if &served != bytes {
            out.push(format!("{path}: differs from the build{}", first_difference(&served, bytes)));
        }
    }
    for path in gone {
        let (status, _) = preview.get(path);
        if status == 200 {
            out.push(format!("{path}: still served, but the build no longer writes it"));
        }
    }
    out
}

fn first_difference(served: &[u8], built: &[u8]) -> String {
    let at = served.iter().zip(built).position(|(a, b)| a != b).unwrap_or(served.len().min(built.len()));
    let around = |b: &[u8]| String::from_utf8_lossy(&b[at.saturating_sub(60)..(at + 60).min(b.len())]).into_owned();
    format!(" near byte {at}:\n    preview: …{}…\n    build:   …{}…", around(served), around(built))
}

fn edit(root: &Path, file: &str, change: impl FnOnce(String) -> String) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    let new = change(text.clone());
    assert_ne!(new, text, "the edit of {file} changes nothing");
    fs::write(&path, new).unwrap();
}

fn write(root: &Path, file: &str, text: &str) {
    let path: PathBuf = root.join(file);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn after_every_kind_of_edit_the_preview_serves_what_a_fresh_build_writes() {
    let dir = copy_fixture("bilingual");
    let root = dir.path();
    // A site's own words for the Spanish edition, edited below.
    write(root, "strings/es.yaml", "search: Buscar\n");
    let preview = Preview::start(root);
    let mut before = fresh_build(root);
    let first = differences(&preview, &before, &[]);
    assert!(first.is_empty(), "before any edit:\n{}", first.join("\n"));

    type Edit = (&'static str, Box<dyn Fn(&Path)>);
    let edits: Vec<Edit> = vec![
        (
            "a body edit",
            Box::new(|r| {
                edit(r, "content/practices/support/regular-supervision.md", |t| t + "\nA new closing paragraph.\n")
            }),
        ),
        (
            "a new checklist item",
            Box::new(|r| {
                edit(r, "content/checklists/self-check.md", |t| t + "- [ ] Peers have a desk of their own.\n")
            }),
        ),
        (
            "a reworded checklist item",
            Box::new(|r| {
                edit(r, "content/checklists/self-check.md", |t| {
                    t.replace("Supervisors meet staff.", "Supervisors meet every peer each week.")
                })
            }),
        ),
        (
            "a change note",
            Box::new(|r| {
                edit(r, "content/practices/hiring/interviews.md", |t| {
                    t.replacen("---\n", "---\nchanges:\n  - date: 2026-11-02\n    note: Questions reordered.\n", 1)
                })
            }),
        ),
        (
            "a review date",
            Box::new(|r| {
                edit(r, "content/practices/hiring/job-descriptions.md", |t| {
                    t.replacen("---\n", "---\nreviewed: 2026-10-01\nnext_review: 2027-10-01\n", 1)
                })
            }),
        ),
        (
            "an edit to a translated page's original",
            Box::new(|r| {
                edit(r, "content/practices/hiring/job-descriptions.md", |t| {
                    t + "\nA sentence the translation does not have yet.\n"
                })
            }),
        ),
        (
            "a translation",
            Box::new(|r| edit(r, "content/practices/hiring/job-descriptions.es.md", |t| t + "\nUna frase nueva.\n")),
        ),
        ("guide.yaml", Box::new(|r| edit(r, "guide.yaml", |t| t.replace("Fixture Guide", "Fixture Guide, 2nd ed.")))),
        (
            "guide.es.yaml",
            Box::new(|r| edit(r, "guide.es.yaml", |t| t.replace("Guía de prueba", "Guía de prueba, 2.ª ed."))),
        ),
        ("a strings file", Box::new(|r| write(r, "strings/es.yaml", "search: Buscar en la guía\n"))),
        ("a template", Box::new(|r| edit(r, "templates/tip.html", |t| t.replacen("</", "<!-- edited -->\n</", 1)))),
        (
            "a new file",
            Box::new(|r| {
                write(
                    r,
                    "content/practices/support/peer-networks.md",
                    "---\ntitle: Join peer networks\nsummary: Peers learn from each other.\n---\n\
                     ## In place when\n\n- [ ] Peers can attend a network meeting.\n",
                )
            }),
        ),
        ("a deleted file", Box::new(|r| fs::remove_file(r.join("content/about.es.md")).unwrap())),
    ];

    let mut failures = Vec::new();
    for (name, apply) in edits {
        apply(root);
        preview.rebuilt(name);
        let after = fresh_build(root);
        let gone: Vec<String> = before.keys().filter(|k| !after.contains_key(*k)).cloned().collect();
        // The complete guide follows a save once the editor pauses, so give it a moment.
        let deadline = Instant::now() + Duration::from_secs(5);
        let found = loop {
            let found = differences(&preview, &after, &gone);
            if found.is_empty() || Instant::now() > deadline {
                break found;
            }
            std::thread::sleep(Duration::from_millis(250));
        };
        if !found.is_empty() {
            failures.push(format!("after {name}:\n  {}", found.join("\n  ")));
        }
        before = after;
    }
    assert!(failures.is_empty(), "the preview differs from a fresh build\n{}", failures.join("\n"));
}
