//! Keeping the guide current (issue 19): review dates and the notes `check`
//! gives on them, last-updated dates from git, "What's new" and its Atom
//! feed, and the feedback links at the end of a page.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::*;

const INTERVIEWS: &str = "content/practices/hiring/interviews.md";
const JOBS: &str = "content/practices/hiring/job-descriptions.md";
const ABOUT: &str = "content/about.md";

/// Adds front-matter lines to a content file, before its closing `---`.
fn front_matter(root: &Path, rel: &str, lines: &str) {
    let text = fs::read_to_string(root.join(rel)).unwrap();
    let end = text[4..].find("\n---\n").unwrap() + 4;
    fs::write(root.join(rel), format!("{}\n{}{}", &text[..end], lines.trim_end(), &text[end..])).unwrap();
}

fn check_on(root: &Path, today: &str, extra: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["check", "--root", root.to_str().unwrap()])
        .args(extra)
        .env("PRACTICA_TODAY", today)
        .output()
        .unwrap()
}

#[test]
fn check_notes_overdue_and_missing_reviews_and_build_does_not() {
    let site = copy_fixture("basic");
    let root = site.path();
    edit(root, "guide.yaml", "language: en", "language: en\nreview_every: 12");
    front_matter(root, INTERVIEWS, "reviewed: 2025-03-01");
    front_matter(root, JOBS, "reviewed: 2026-01-15");
    front_matter(root, ABOUT, "reviewed: 2020-01-01\nnext_review: 2027-06-01");

    let o = check_on(root, "2026-11-26", &[]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert_eq!(o.status.code(), Some(0), "notes do not fail check: {out}");
    assert!(out.contains("note[P0701]: review overdue: due 2026-03-01, last reviewed 2025-03-01"), "{out}");
    assert!(out.contains(&format!("--> {INTERVIEWS}:")), "{out}");
    assert!(out.contains("set reviewed: 2026-11-26"), "{out}");
    assert_eq!(out.matches("P0701").count(), 1, "only the interviews are overdue: {out}");
    // About's next_review is later than a year after its review: it wins.
    assert!(!out.contains(&format!("--> {ABOUT}")), "{out}");
    assert!(
        out.contains("note[P0702]: never reviewed") && out.contains("content/practices/support/regular-supervision.md"),
        "{out}"
    );

    let o = check_on(root, "2026-11-26", &["--format", "json"]);
    let json: Vec<serde_json::Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let overdue: Vec<&serde_json::Value> = json.iter().filter(|d| d["code"] == "P0701").collect();
    assert_eq!(overdue.len(), 1);
    assert_eq!(overdue[0]["severity"], "note");
    assert_eq!(overdue[0]["file"], INTERVIEWS);

    // On another day, the same guide is due elsewhere.
    let later = String::from_utf8_lossy(&check_on(root, "2027-02-01", &[]).stdout).to_string();
    assert_eq!(later.matches("P0701").count(), 2, "{later}");

    let out = root.join("public");
    let r = build(root, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!r.stderr.contains("P0701") && !r.stderr.contains("P0702"), "{}", r.stderr);
    let page = read(&out, "practices/hiring/interviews/index.html");
    assert!(page.contains("Last reviewed <time datetime=\"2025-03-01\">March 1, 2025</time>"), "{page}");
    assert!(page.contains("Next review due <time datetime=\"2026-03-01\">March 1, 2026</time>"), "{page}");
}

#[test]
fn a_date_that_is_not_a_date_is_an_error_with_the_form_to_use() {
    let site = copy_fixture("basic");
    front_matter(site.path(), JOBS, "reviewed: March 2026");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("`reviewed` must be a date written year-month-day"), "{}", r.stdout);
    assert!(r.stdout.contains("e.g. reviewed: 2026-03-01"), "{}", r.stdout);
    assert!(r.stdout.contains(&format!("--> {JOBS}:")), "{}", r.stdout);
}

fn git(dir: &Path, args: &[&str], date: &str) {
    let o = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .env("GIT_AUTHOR_DATE", format!("{date}T12:00:00+00:00"))
        .env("GIT_COMMITTER_DATE", format!("{date}T12:00:00+00:00"))
        .output()
        .expect("git runs");
    assert!(o.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn last_updated_dates_come_from_git_and_a_shallow_clone_says_why_there_are_none() {
    let repo = copy_fixture("basic");
    let root = repo.path();
    git(root, &["init", "-q", "-b", "main"], "2026-01-10");
    git(root, &["add", "."], "2026-01-10");
    git(root, &["commit", "-q", "-m", "first"], "2026-01-10");
    edit(root, JOBS, "Clear duties help everyone.", "Clear duties help everyone, every day.");
    git(root, &["commit", "-q", "-am", "second"], "2026-03-02");

    let out = tempfile::tempdir().unwrap();
    let r = build(root, out.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let jobs = read(out.path(), "practices/hiring/job-descriptions/index.html");
    assert!(jobs.contains("Last updated <time datetime=\"2026-03-02\">March 2, 2026</time>"), "{jobs}");
    let interviews = read(out.path(), "practices/hiring/interviews/index.html");
    assert!(interviews.contains("Last updated <time datetime=\"2026-01-10\">January 10, 2026</time>"), "{interviews}");
    let sitemap = read(out.path(), "sitemap.xml");
    assert!(
        sitemap.contains(
            "<loc>https://example.org/guides/peer/practices/hiring/job-descriptions/</loc><lastmod>2026-03-02</lastmod>"
        ),
        "{sitemap}"
    );

    // CI's usual checkout has one commit: the dates would all be that one's.
    let clones = tempfile::tempdir().unwrap();
    let shallow = clones.path().join("shallow");
    let url = format!("file://{}", root.display());
    let o = Command::new("git").args(["clone", "-q", "--depth", "1", &url]).arg(&shallow).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = tempfile::tempdir().unwrap();
    let r = build(&shallow, out.path(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("warning[P0507]").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("fetch-depth: 0"), "{}", r.stderr);
    assert!(!read(out.path(), "practices/hiring/job-descriptions/index.html").contains("Last updated"));

    // Outside a repository there are no dates, and nothing to say.
    let plain = copy_fixture("basic");
    let out = tempfile::tempdir().unwrap();
    let r = build(plain.path(), out.path(), &[]);
    assert_eq!(r.stderr, "", "{}", r.stderr);
    assert!(!read(out.path(), "practices/hiring/job-descriptions/index.html").contains("Last updated"));
}

fn with_changes() -> tempfile::TempDir {
    let site = copy_fixture("basic");
    let root = site.path();
    front_matter(
        root,
        JOBS,
        "changes:\n  - date: 2026-02-01\n    note: Added the five things every description covers.\n  - date: 2026-05-20\n    note: Reworded the first step.",
    );
    front_matter(root, INTERVIEWS, "changes:\n  - {date: 2026-03-15, note: \"New question on <benefits> & pay.\"}");
    site
}

#[test]
fn whats_new_lists_every_change_newest_first_and_the_feed_is_atom() {
    let site = with_changes();
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let page = read(&out, "whats-new/index.html");
    let text = visible_text(&page);
    let at = |s: &str| text.find(s).unwrap_or_else(|| panic!("`{s}` not on What's new: {text}"));
    assert!(at("May 20, 2026") < at("March 15, 2026") && at("March 15, 2026") < at("February 1, 2026"), "{text}");
    assert!(text.contains("New question on <benefits> & pay."), "{text}");
    assert!(
        page.contains("href=\"/guides/peer/practices/hiring/job-descriptions/\">Write job descriptions</a>"),
        "{page}"
    );
    // Each page lists its own changes, and every page's footer links What's new.
    let jobs = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(
        jobs.contains("<time datetime=\"2026-05-20\">May 20, 2026</time>: <span>Reworded the first step.</span>"),
        "{jobs}"
    );
    let home = read(&out, "index.html");
    assert!(home.contains("<a href=\"/guides/peer/whats-new/\">What&#39;s new</a>"), "{home}");
    assert!(
        home.contains(
            "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Fixture Guide: what&#39;s new\" href=\"/guides/peer/feed.xml\">"
        ),
        "{home}"
    );

    let xml = fs::read(out.join("feed.xml")).unwrap();
    let feed = atom_syndication::Feed::read_from(&xml[..]).expect("feed.xml is Atom");
    assert_eq!(feed.id(), "https://example.org/guides/peer/whats-new/");
    let entries = feed.entries();
    assert_eq!(entries.len(), 3);
    let notes: Vec<&str> = entries.iter().map(|e| e.content().unwrap().value().unwrap()).collect();
    assert_eq!(
        notes,
        [
            "Reworded the first step.",
            "New question on <benefits> & pay.",
            "Added the five things every description covers."
        ]
    );
    assert_eq!(entries[0].links()[0].href(), "https://example.org/guides/peer/practices/hiring/job-descriptions/");
    assert_eq!(entries[0].updated().to_rfc3339(), "2026-05-20T00:00:00+00:00");
    assert_eq!(feed.updated(), entries[0].updated());
    // Ids stay the same from build to build.
    let ids: Vec<String> = entries.iter().map(|e| e.id().to_string()).collect();
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0);
    let again = atom_syndication::Feed::read_from(&fs::read(out.join("feed.xml")).unwrap()[..]).unwrap();
    assert_eq!(again.entries().iter().map(|e| e.id().to_string()).collect::<Vec<_>>(), ids);
    assert!(ids.iter().all(|id| id.starts_with("https://example.org/guides/peer/practices/hiring/")), "{ids:?}");

    // Without a host there are no absolute addresses for a feed: none, said once.
    let r = build(site.path(), &out, &["--base-url", "/guides/peer/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.matches("warning[P0508]").count(), 1, "{}", r.stderr);
    assert!(!out.join("feed.xml").exists());
    assert!(out.join("whats-new/index.html").is_file());
    assert!(!read(&out, "index.html").contains("application/atom+xml"));
}

#[test]
fn feedback_links_carry_the_page_title_and_address_escaped() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    // Without feedback: nothing is shown.
    assert_eq!(build(site.path(), &out, &[]).code, 0);
    assert!(!read(&out, "practices/hiring/interviews/index.html").contains("Was this page useful?"));

    edit(site.path(), "guide.yaml", "language: en", "language: en\nfeedback: mailto:guide@example.org");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "practices/hiring/interviews/index.html");
    assert!(
        page.contains("<h2 id=\"feedback-heading\" class=\"feedback-question\">Was this page useful?</h2>"),
        "{page}"
    );
    // The title is `Interview <script>alert(1)</script> & "fairly"`.
    let yes = "mailto:guide@example.org?subject=Useful%3A%20Interview%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%26%20%22fairly%22&amp;body=Page%3A%20https%3A%2F%2Fexample.org%2Fguides%2Fpeer%2Fpractices%2Fhiring%2Finterviews%2F";
    assert!(page.contains(&format!("href=\"{yes}\">Yes</a>")), "{page}");
    assert!(
        page.contains("subject=Problem%20with%3A%20Interview") && page.contains(">Report a problem with this page</a>")
    );

    edit(
        site.path(),
        "guide.yaml",
        "feedback: mailto:guide@example.org",
        "feedback: https://forms.example.org/new?page={url}&title={title}&useful={answer}",
    );
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let page = read(&out, "practices/hiring/interviews/index.html");
    let no = "https://forms.example.org/new?page=https%3A%2F%2Fexample.org%2Fguides%2Fpeer%2Fpractices%2Fhiring%2Finterviews%2F&amp;title=Interview%20%3Cscript%3Ealert%281%29%3C%2Fscript%3E%20%26%20%22fairly%22&amp;useful=no";
    assert!(page.contains(&format!("href=\"{no}\">No</a>")), "{page}");

    edit(
        site.path(),
        "guide.yaml",
        "feedback: https://forms.example.org/new?page={url}&title={title}&useful={answer}",
        "feedback: guide@example.org",
    );
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("for an email address write feedback: mailto:guide@example.org"), "{}", r.stdout);
}
