//! Keeping addresses working (issue 35): a page's `aliases:` are published as
//! pages that send readers on, listed nowhere else; an alias that clashes is
//! an error naming both files; and `check` notes a page renamed in git whose
//! old address now leads nowhere, with the alias line to add.

use std::path::Path;
use std::process::Command;

use crate::common::*;

const PRACTICE: &str = "content/practices/hiring/job-descriptions.md";

fn with_aliases(root: &Path, file: &str, aliases: &str) {
    edit(root, file, "---\n", &format!("---\naliases: {aliases}\n"));
}

#[test]
fn an_alias_page_sends_readers_to_the_page_and_is_listed_nowhere() {
    let site = copy_fixture("basic");
    // The old address as the browser showed it (with the guide's own path),
    // and an old file name.
    with_aliases(site.path(), PRACTICE, "[/guides/peer/practices/hiring/job-posts/, old/jobs.html]");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for file in ["practices/hiring/job-posts/index.html", "old/jobs.html"] {
        let html = read(&out, file);
        let href = "/guides/peer/practices/hiring/job-descriptions/";
        assert!(html.contains(&format!("<meta http-equiv=\"refresh\" content=\"0; url={href}\">")), "{file}: {html}");
        assert!(html.contains(&format!("<a href=\"{href}\">Write job descriptions</a>")), "{file}: {html}");
        assert!(
            html.contains(
                "<link rel=\"canonical\" href=\"https://example.org/guides/peer/practices/hiring/job-descriptions/\">"
            ),
            "{html}"
        );
        assert!(html.contains("<meta name=\"robots\" content=\"noindex\">"), "{html}");
        assert!(visible_text(&html).contains("This page has moved: Write job descriptions"), "{html}");
    }
    let sitemap = read(&out, "sitemap.xml");
    assert!(!sitemap.contains("job-posts") && !sitemap.contains("old/jobs"), "{sitemap}");
    for page in ["index.html", "practices/index.html", "practices/hiring/index.html", "search/index.html"] {
        assert!(!read(&out, page).contains("job-posts"), "{page} lists the alias");
    }
    // Search knows the page once, at its address now.
    let q = Command::new("grep").arg("-rl").arg("job-posts").arg(out.join("pagefind")).output().unwrap();
    assert!(q.stdout.is_empty(), "the search index names the alias: {}", String::from_utf8_lossy(&q.stdout));
}

#[test]
fn an_alias_that_is_a_pages_address_or_another_pages_alias_is_an_error_naming_both() {
    let site = copy_fixture("basic");
    with_aliases(site.path(), PRACTICE, "[practices/hiring/interviews/]");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[P0304]"), "{}", r.stderr);
    assert!(r.stderr.contains(&format!("{PRACTICE}:2")), "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "the alias /practices/hiring/interviews/ is the address of content/practices/hiring/interviews.md"
        ),
        "{}",
        r.stderr
    );
    assert!(!out.exists(), "nothing was written");

    let site = copy_fixture("basic");
    with_aliases(site.path(), PRACTICE, "[old/]");
    with_aliases(site.path(), "content/practices/hiring/interviews.md", "[old/]");
    let r = run(&["check", "--root", site.path().to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("the alias /old/ is also an alias of content/practices/hiring/interviews.md"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_alias_that_is_no_address_of_the_guide_is_an_error_at_its_line() {
    for (bad, why) in [
        ("[../../etc/]", "has an empty, `.` or `..` part"),
        ("[https://elsewhere.example/x/]", "names a web site"),
        ("[\"/a page/\"]", "holds a character"),
        ("[/guides/peer/]", "is the guide's home page"),
    ] {
        let site = copy_fixture("basic");
        with_aliases(site.path(), PRACTICE, bad);
        let r = run(&["check", "--root", site.path().to_str().unwrap()]);
        assert_eq!(r.code, 1, "{bad}: {}", r.stdout);
        assert!(r.stdout.contains("error[P0308]"), "{bad}: {}", r.stdout);
        assert!(r.stdout.contains(&format!("{PRACTICE}:2")), "{bad}: {}", r.stdout);
        assert!(r.stdout.contains(why), "{bad}: {}", r.stdout);
    }
}

fn git(root: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "user.name=Editor", "-c", "user.email=editor@example.org", "-c", "commit.gpgsign=false"])
        .args(args)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn check_notes_a_page_renamed_in_git_and_the_alias_line_quiets_it() {
    if !browser::runs("git", "--version") {
        assert!(!browser::in_ci(), "git is missing; CI=true, so this test may not be skipped");
        eprintln!("SKIPPED aliases: git is missing");
        return;
    }
    let site = copy_fixture("basic");
    let root = site.path();
    git(root, &["init", "-q"]);
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "first"]);
    git(root, &["mv", "content/practices/hiring/interviews.md", "content/practices/hiring/panel-interviews.md"]);
    let check = || run(&["check", "--root", root.to_str().unwrap()]);
    // Staged, then committed: both are noticed.
    for step in ["staged", "committed"] {
        if step == "committed" {
            git(root, &["commit", "-q", "-m", "rename"]);
        }
        let r = check();
        assert_eq!(r.code, 0, "{step}: {}", r.stdout);
        assert!(r.stdout.contains("note[P0309]"), "{step}: {}", r.stdout);
        assert!(r.stdout.contains("content/practices/hiring/panel-interviews.md:2"), "{step}: {}", r.stdout);
        assert!(
            r.stdout.contains(
                "this page was content/practices/hiring/interviews.md, published at /practices/hiring/interviews/"
            ),
            "{step}: {}",
            r.stdout
        );
        assert!(r.stdout.contains("aliases: [practices/hiring/interviews/]"), "{step}: {}", r.stdout);
    }
    // The suggested line, added as said, quiets it and publishes the old address.
    with_aliases(root, "content/practices/hiring/panel-interviews.md", "[practices/hiring/interviews/]");
    let r = check();
    assert!(!r.stdout.contains("P0309"), "{}", r.stdout);
    let out = root.join("public");
    assert_eq!(build(root, &out, &[]).code, 0);
    let moved = read(&out, "practices/hiring/interviews/index.html");
    assert!(moved.contains("url=/guides/peer/practices/hiring/panel-interviews/"), "{moved}");
    // The page's title has markup in it; the alias page shows it as text.
    assert!(moved.contains("Interview &lt;script&gt;") && !moved.contains("<script>"), "{moved}");
}
