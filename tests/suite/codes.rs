//! The diagnostic codes: docs/reference.md's table lists exactly the codes the program
//! can report, and every one of them is produced here by an input that causes
//! it, run through the real binary.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use crate::common::*;

/// The codes in docs/reference.md's "Diagnostic codes" table.
fn documented() -> BTreeSet<String> {
    let readme = fs::read_to_string(manifest_dir().join("docs/reference.md")).unwrap();
    readme
        .lines()
        .filter_map(|l| l.strip_prefix("| P"))
        .map(|rest| format!("P{}", rest.split_whitespace().next().unwrap_or("")))
        .collect()
}

fn known() -> BTreeSet<String> {
    practica::diagnostic::Code::ALL.iter().map(|c| c.as_str().to_string()).collect()
}

#[test]
fn the_reference_documents_exactly_the_codes_the_program_has() {
    let (doc, code) = (documented(), known());
    let undocumented: Vec<_> = code.difference(&doc).collect();
    let unknown: Vec<_> = doc.difference(&code).collect();
    assert!(undocumented.is_empty(), "codes missing from docs/reference.md's table: {undocumented:?}");
    assert!(unknown.is_empty(), "docs/reference.md documents codes the program does not have: {unknown:?}");
}

const PRACTICE: &str = "content/practices/hiring/job-descriptions.md";

/// How to make one code appear: a change to a copy of the fixture, and the
/// command to run on it (`{root}` is the site folder).
struct Case {
    code: &'static str,
    setup: fn(&Path),
    args: &'static [&'static str],
}

fn check() -> &'static [&'static str] {
    &["check", "--root", "{root}", "--format", "json"]
}

fn cases() -> Vec<Case> {
    let c = |code, setup: fn(&Path)| Case { code, setup, args: check() };
    vec![
        c("P0101", |r| write(r, "guide.yaml", "title: [unclosed\n")),
        c("P0102", |r| edit(r, "guide.yaml", "description:", "descriptoin:")),
        c("P0103", |r| edit(r, "guide.yaml", "language: en", "language: en\npaper: legal")),
        c("P0201", |r| fs::write(r.join("content/about.md"), b"---\ntitle: A\n---\n\xff\xfe").unwrap()),
        c("P0202", |r| write(r, "content/about.md", "---\ntitle: About\n")),
        c("P0203", |r| write(r, "content/about.md", "---\ntitle: [x\n---\n")),
        c("P0204", |r| edit(r, PRACTICE, "tags:", "tgas:")),
        c("P0205", |r| edit(r, PRACTICE, "summary: Clear duties help everyone.\n", "")),
        c("P0206", |r| edit(r, PRACTICE, "audience: [hr]", "audience: hr")),
        c("P0207", |r| write(r, "content/practices/stray.md", "---\ntitle: Stray\n---\n")),
        c("P0208", |r| edit(r, PRACTICE, "## Why it matters", "#### Why it matters")),
        c("P0209", |r| edit(r, PRACTICE, "Clear duties help everyone.", &"Long. ".repeat(50))),
        c("P0210", |r| write(r, "content/practices/empty/_index.md", "---\ntitle: Empty\nsummary: None yet.\n---\n")),
        c("P0211", |r| write(r, "content/checklists/blank.md", "---\ntitle: Blank\n---\nNo items.\n")),
        c("P0212", |r| {
            #[cfg(unix)]
            std::os::unix::fs::symlink("/etc/hostname", r.join("static/hostname.txt")).unwrap();
        }),
        c("P0213", |r| edit(r, PRACTICE, "## Why it matters\n", "## Why it matters\n\n<script>alert(1)</script>\n")),
        c("P0214", |r| edit(r, PRACTICE, "tags: [hiring", &format!("tags: [{}, hiring", "x".repeat(120)))),
        c("P0215", |r| {
            edit(r, PRACTICE, "- [ ] A description exists.", "- [ ] A description exists.\n- [ ] A description exists!")
        }),
        c("P0216", |r| {
            edit(r, PRACTICE, "- [ ] A description exists.", "- [ ] A description exists.\n• It is current.")
        }),
        c("P0217", |r| edit(r, PRACTICE, "- [ ] A description exists.", "- [] A description exists.")),
        c("P0218", |r| edit(r, PRACTICE, "title: Write job descriptions", "title: “Write job descriptions”")),
        c("P0219", |r| edit(r, PRACTICE, "title: Write job descriptions", "title: \"Write job\\x01 descriptions\"")),
        c("P0220", |r| {
            edit(
                r,
                PRACTICE,
                "summary: Clear duties help everyone.",
                "summary: One sentence that says what this is and why.",
            )
        }),
        c("P0301", |r| edit(r, PRACTICE, "(@/tips/train-supervisors.md)", "(@/tips/no-such-tip.md)")),
        c("P0302", |r| edit(r, PRACTICE, "(@/tips/train-supervisors.md)", "(@/tips/train-supervisors.md#nowhere)")),
        c("P0303", |r| edit(r, PRACTICE, "related: [regular-supervision]", "related: [no-such-practice]")),
        c("P0304", |r| write(r, "content/tags.md", "---\ntitle: Tags\n---\n")),
        c("P0305", |r| edit(r, PRACTICE, "(@/tips/train-supervisors.md)", "(/img/missing.png)")),
        c("P0306", |r| edit(r, PRACTICE, "## Why it matters\n", "## Why it matters\n\n![](/img/map.svg)\n")),
        c("P0307", |r| edit(r, PRACTICE, "(@/tips/train-supervisors.md)", "(http://example.org/)")),
        c("P0308", |r| {
            edit(r, PRACTICE, "title: Write job descriptions", "title: Write job descriptions\naliases: [../x/]")
        }),
        Case {
            code: "P0309",
            setup: |r| {
                git(r, &["init", "-q"]);
                git(r, &["add", "."]);
                git(r, &["commit", "-q", "-m", "one"]);
                git(r, &["mv", "content/practices/hiring/interviews.md", "content/practices/hiring/panels.md"]);
            },
            args: check(),
        },
        c("P0401", |r| {
            write(r, "templates/page.html", "{% extends \"base.html\" %}{% block main %}{{ oops( }}{% endblock main %}")
        }),
        c("P0402", |r| {
            fs::create_dir_all(r.join("strings")).unwrap();
            write(r, "strings/en.yaml", "home: [a, list]\n");
        }),
        c("P0403", |r| {
            edit(r, "guide.yaml", "language: en", "language: en\nlanguages:\n  ru: Русский");
            write(
                r,
                "strings/ru.yaml",
                "practice_count_one: \"{n} практика\"\npractice_count_other: \"{n} практики\"\n",
            );
        }),
        Case { code: "P0601", setup: |r| add_spanish(r, "---\ntitle: Acerca de\n---\nTexto.\n"), args: check() },
        Case {
            code: "P0602",
            setup: |r| add_spanish(r, "---\ntitle: Acerca de\nsource_hash: 00000000-00000000-00000000\n---\nTexto.\n"),
            args: check(),
        },
        Case {
            code: "P0603",
            setup: |r| edit(r, "guide.yaml", "language: en", "language: en\nlanguages:\n  fr: Français"),
            args: check(),
        },
        Case {
            code: "P0604",
            setup: |r| {
                spanish(r);
                write(r, "content/abuot.es.md", "---\ntitle: Acerca de\n---\n");
            },
            args: check(),
        },
        Case {
            code: "P0605",
            setup: |r| {
                spanish(r);
                write(
                    r,
                    "content/checklists/self-check.es.md",
                    "---\ntitle: Autoevaluación\n---\n- [ ] Existen descripciones.\n",
                );
            },
            args: check(),
        },
        Case {
            code: "P0606",
            setup: |r| add_spanish(r, "---\ntitle: Acerca de\nweight: 7\n---\nTexto.\n"),
            args: check(),
        },
        c("P0701", |r| {
            edit(r, "content/about.md", "title: About", "title: About\nreviewed: 2000-01-01\nnext_review: 2001-01-01")
        }),
        c("P0702", |r| edit(r, "guide.yaml", "language: en", "language: en\nreview_every: 12")),
        c("P0703", |r| edit(r, "content/about.md", "title: About", "title: About\nreviewed: 2206-01-01")),
        c("P0508", |r| {
            edit(r, "content/about.md", "title: About", "title: About\nchanges: [{date: 2026-01-01, note: New.}]");
            edit(r, "guide.yaml", "base_url: https://example.org/guides/peer/", "base_url: /guides/peer/");
        }),
        c("P0507", |r| {
            let git = |args: &[&str]| git(r, args);
            git(&["init", "-q"]);
            git(&["add", "."]);
            git(&["commit", "-q", "-m", "one"]);
            // What a `--depth 1` clone leaves: history cut at this commit.
            let head = git(&["rev-parse", "HEAD"]);
            write(r, ".git/shallow", &format!("{head}\n"));
        }),
        Case {
            code: "P0501",
            setup: |r| write(r, "in-the-way", "a file where the output's parent folder should be"),
            args: &["build", "--root", "{root}", "--output", "{root}/in-the-way/public"],
        },
        Case {
            code: "P0502",
            setup: |_| {},
            args: &["build", "--root", "{root}", "--pdf", "--chrome", "/nonexistent/chromium"],
        },
        Case { code: "P0505", setup: |_| {}, args: &["init", "{root}"] },
        Case {
            code: "P0510",
            setup: |r| {
                edit(r, "guide.yaml", "language: en", "language: en\noffline_download: true");
                write(r, "static/sub\\..\\..\\evil.txt", "outside the folder on Windows");
            },
            args: &["build", "--root", "{root}", "--output", "{root}/public"],
        },
        Case {
            code: "P0509",
            setup: |r| write(r, "static/js/practica.js", "// a theme's script from before search had shards\n"),
            args: &["build", "--root", "{root}", "--search-shards", "2"],
        },
    ]
}

/// The fixture with Spanish as a second language and `about.es.md`.
fn add_spanish(r: &Path, about: &str) {
    spanish(r);
    write(r, "content/about.es.md", about);
}

/// The guide gains a Spanish edition.
fn spanish(r: &Path) {
    edit(r, "guide.yaml", "language: en", "language: en\nlanguages:\n  es: Español");
}

/// P0503 (the search index) cannot be caused by a guide: Pagefind indexes
/// whatever text it is given. Debug builds fail it on request so that the
/// message is still tested; P0504 needs a port in use (below).
#[test]
fn every_code_is_produced_by_an_input_that_causes_it() {
    let mut seen = BTreeSet::new();
    for case in cases() {
        let site = copy_fixture("basic");
        let root = site.path().to_str().unwrap().to_string();
        (case.setup)(site.path());
        let args: Vec<String> = case.args.iter().map(|a| a.replace("{root}", &root)).collect();
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args);
        let text = format!("{}{}", r.stdout, r.stderr);
        assert!(text.contains(case.code), "{}: {args:?} did not report it:\n{text}", case.code);
        assert!(!text.contains("panicked"), "{}: {text}", case.code);
        seen.insert(case.code.to_string());
    }
    // P0503: the search index, failed on request (debug builds only).
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["build", "--root", site.path().to_str().unwrap(), "--output", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("PRACTICA_FAIL_SEARCH_INDEX", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("P0503") && stderr.contains("--no-search"), "{stderr}");
    assert!(!out.exists(), "nothing written after a failed index");
    seen.insert("P0503".into());
    // P0504: a port in use.
    let taken = std::net::TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let r = run(&["serve", "--root", fixture("basic").to_str().unwrap(), "--port", &port, "--no-search"]);
    assert_eq!(r.code, 1, "a port in use is exit 1: {}", r.stderr);
    assert!(r.stderr.contains("P0504") && r.stderr.contains(&format!("port {port} is already in use")), "{}", r.stderr);
    seen.insert("P0504".into());

    // P0506: a practice whose printed handout runs over one page (needs Chromium).
    if let Some(chromium) = crate::common::browser::chromium_or_skip("codes P0506") {
        let site = copy_fixture("basic");
        let steps: String =
            (1..=60).map(|n| format!("{n}. Step {n}, written out at length to fill the page.\n")).collect();
        write(site.path(), "content/practices/hiring/long.md", &format!("---\ntitle: Long\nsummary: S.\n---\n{steps}"));
        let out = site.path().join("public");
        let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
        assert_eq!(r.code, 0, "a warning, not an error: {}", r.stderr);
        assert!(r.stderr.contains("warning[P0506]"), "{}", r.stderr);
        seen.insert("P0506".into());
    } else {
        seen.insert("P0506".into());
    }

    // P0511: a theme whose contents list moves the parts it numbers (needs Chromium).
    if let Some(chromium) = crate::common::browser::chromium_or_skip("codes P0511") {
        let site = copy_fixture("basic");
        write(site.path(), "static/js/handout.js", crate::common::CONTENTS_THAT_GROW);
        let out = site.path().join("public");
        let r = build(site.path(), &out, &["--pdf", "--chrome", chromium.to_str().unwrap()]);
        assert_eq!(r.code, 0, "a warning, not an error: {}", r.stderr);
        assert!(r.stderr.contains("warning[P0511]"), "{}", r.stderr);
    }
    seen.insert("P0511".into());

    // P0512: an edition in a script this machine has no font for. Which one
    // lacks a font depends on the machine: the first of these that fontconfig
    // lists no font for (CI installs the CJK fonts, not these).
    let lacking = ["bn", "si", "km", "my", "am"].into_iter().find(|l| {
        std::process::Command::new("fc-list")
            .arg(format!(":lang={l}"))
            .arg("family")
            .output()
            .is_ok_and(|o| o.status.success() && o.stdout.trim_ascii().is_empty())
    });
    if let Some(language) = lacking {
        let site = copy_fixture("basic");
        edit(site.path(), "guide.yaml", "language: en", &format!("language: en\nlanguages:\n  {language}: {language}"));
        let out = site.path().join("public");
        // The check comes before Chromium starts, so any executable will do
        // as --chrome: this case needs no browser.
        let r = build(site.path(), &out, &["--pdf", "--chrome", "/bin/sh"]);
        assert_eq!(r.code, 1, "{}", r.stderr);
        assert!(r.stderr.contains("error[P0512]"), "{}", r.stderr);
        assert!(
            r.stderr.contains(&format!("({language})")) && r.stderr.contains("apt-get install fonts-noto-core"),
            "{}",
            r.stderr
        );
        assert!(!out.join("index.html").exists(), "the site is not written: {}", r.stderr);
    } else {
        eprintln!("codes P0512 skipped: fc-list is missing, or this machine has fonts for every language tried");
    }
    seen.insert("P0512".into());

    let missing: Vec<_> = known().difference(&seen).cloned().collect();
    assert!(missing.is_empty(), "no test input produces {missing:?}");
}

/// Runs git in `root` (a throwaway copy), as an editor with no settings of their own.
fn git(root: &Path, args: &[&str]) -> String {
    let o = std::process::Command::new("git")
        .current_dir(root)
        .args(["-c", "user.name=E", "-c", "user.email=e@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout).trim().to_string()
}
