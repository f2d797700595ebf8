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

mod common;

use std::collections::{BTreeMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

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

// ---------------------------------------------------------------- failures

#[test]
fn bad_yaml() {
    // The list is never closed: the message points at its line, not past the YAML.
    fails("bad_yaml", |_| {}, "content/practices/team/broken.md:4", &["not valid YAML", "P0203"]);
}

#[test]
fn unclosed_front_matter() {
    fails("unclosed_front_matter", |_| {}, "content/practices/team/unclosed.md:1", &["never closed", "P0202"]);
}

#[test]
fn tabs_in_yaml() {
    fails("tabs_in_yaml", |_| {}, "content/practices/team/tabs.md:5:1", &["a tab is used for indentation", "P0203"]);
}

#[test]
fn non_utf8_bytes() {
    fails(
        "non_utf8",
        |r| {
            let latin1 = b"---\ntitle: Latin-1\nsummary: One sentence.\n---\n## Why\n\nCaf\xe9 au lait.\n";
            file(r, &format!("{TEAM}/latin1.md"), latin1);
        },
        "content/practices/team/latin1.md:7:4",
        &["not UTF-8", "P0201"],
    );
}

#[test]
fn nul_byte_in_front_matter() {
    fails(
        "nul_in_front_matter",
        |r| file(r, &format!("{TEAM}/nul.md"), "---\ntitle: A\0B\nsummary: One sentence.\n---\nBody.\n"),
        "content/practices/team/nul.md:2",
        &["control characters", "P0203"],
    );
}

#[test]
fn empty_file() {
    fails(
        "empty_file",
        |_| {},
        "content/practices/team/empty.md:1",
        &["this file has no front matter", "title:", "summary:", "P0205"],
    );
}

#[test]
fn a_file_that_is_only_three_dashes() {
    fails("only_dashes", |_| {}, "content/practices/team/dashes.md:1", &["never closed", "P0202"]);
}

#[test]
fn front_matter_that_is_a_list() {
    fails(
        "front_matter_not_a_mapping",
        |_| {},
        "content/practices/team/list.md:2",
        &["must be `key: value` lines", "P0203"],
    );
}

#[test]
fn wrong_types() {
    fails(
        "wrong_types",
        |_| {},
        "content/practices/team/types.md:2",
        &["`title` must be text", "types.md:4", "`audience` must be a list", "P0206"],
    );
}

#[test]
fn a_key_twice() {
    fails("duplicate_yaml_key", |_| {}, "content/practices/team/twice.md:2", &["duplicate entry", "P0203"]);
}

#[test]
fn yaml_anchor_bomb() {
    // Nine levels of nine aliases: 387 million strings if expanded.
    fails("yaml_anchor_bomb", |_| {}, "content/practices/team/bomb.md:2", &["repetition limit exceeded", "P0203"]);
}

#[test]
fn yaml_nested_100000_deep() {
    fails(
        "yaml_deep_nesting",
        |r| {
            let deep = format!(
                "---\ntitle: Deep\nsummary: One sentence.\ntags: {}{}\n---\n",
                "[".repeat(100_000),
                "]".repeat(100_000)
            );
            file(r, &format!("{TEAM}/deep.md"), deep);
        },
        "content/practices/team/deep.md:4:",
        &["nested more than 64 levels deep", "P0203"],
    );
}

#[test]
fn invalid_guide_yaml() {
    fails("invalid_guide_yaml", |_| {}, "guide.yaml:6", &["not valid YAML", "P0101"]);
}

#[test]
fn guide_yaml_that_is_a_list() {
    fails("guide_yaml_not_a_mapping", |_| {}, "guide.yaml:1", &["must be a set of `key: value` lines", "P0101"]);
}

#[test]
fn no_guide_yaml() {
    fails("guide_yaml_missing", |_| {}, "--> guide.yaml", &["guide.yaml cannot be read", "practica init", "P0101"]);
}

#[test]
fn base_url_with_a_javascript_scheme() {
    fails("base_url_javascript", |_| {}, "guide.yaml:3", &["`base_url` cannot be a `javascript:` address", "P0103"]);
}

#[test]
fn theme_that_climbs_out_of_the_guide() {
    fails("theme_outside_the_guide", |_| {}, "guide.yaml:14", &["`theme` must be a folder name", "P0103"]);
}

#[test]
fn audience_keys_that_share_a_page() {
    fails("audience_keys_collide", |_| {}, "guide.yaml:8", &["would share the page /audience/hr/", "P0103"]);
}

#[test]
fn bundle_name_that_climbs_out() {
    fails("bundle_name_traversal", |_| {}, "guide.yaml:15", &["`../../../outside` cannot be used in a web address"]);
}

#[test]
fn template_override_with_a_syntax_error() {
    fails(
        "template_syntax_error",
        |_| {},
        "templates/practice.html:4:17",
        &["template `practice.html`", "expected }}", "P0401"],
    );
}

#[test]
fn template_override_that_includes_itself() {
    fails("template_includes_itself", |_| {}, "--> templates/practice.html", &["Circular include", "P0401"]);
}

#[test]
fn two_practices_claim_one_url() {
    fails(
        "two_practices_one_url",
        |_| {},
        "content/practices/team/check-ins.md:1",
        &["published at /practices/team/check-ins/ like another file", "Check Ins.md", "P0304"],
    );
}

#[test]
fn two_names_of_only_punctuation_claim_one_url() {
    fails("two_slugs_of_punctuation", |_| {}, "content/practices/team/", &["/practices/team/page/", "P0304"]);
}

#[test]
fn page_at_an_address_practica_uses() {
    fails(
        "page_at_a_reserved_address",
        |_| {},
        "content/tags.md:1",
        &["published at /tags/, where practica publishes its own pages", "P0304"],
    );
}

#[test]
fn links_that_climb_out_of_content() {
    fails(
        "link_climbs_out_of_content",
        |_| {},
        "content/practices/team/climb.md:7:5",
        &["points to a page that does not exist", "climb.md:9:5", "not a file in static/"],
    );
}

#[test]
fn twenty_thousand_broken_links() {
    let c = fails(
        "many_broken_links",
        |r| {
            let mut body = String::from("---\ntitle: Broken\nsummary: One sentence.\n---\n## Links\n\n");
            for line in 0..2_000 {
                for n in 0..10 {
                    write!(body, "[x](missing-{line}-{n}.md) ").unwrap();
                }
                body.push('\n');
            }
            file(r, &format!("{TEAM}/broken.md"), body);
        },
        "content/practices/team/broken.md:7:1",
        &["points to a page that does not exist", "20000 errors"],
    );
    // The text report shows 20 of them and counts the rest; JSON lists every one.
    let r = &c.run;
    assert_eq!(count(&r.stderr, "error[P0301]"), 20, "{}", clip(&r.stderr));
    assert!(
        r.stderr
            .contains("... and 19,980 more errors like these (P0301); `practica check --format json` lists every one")
    );
    assert!(r.stderr.len() < 20_000, "{} bytes of text report", r.stderr.len());
    let check = run(&["check", "--root", c.root.to_str().unwrap()]);
    assert_eq!(count(&check.stdout, "error[P0301]"), 20);
    assert!(
        check.stdout.contains("19,980 more errors like these") && check.stdout.contains("20000 errors, 0 warnings.")
    );
    let json = run(&["check", "--root", c.root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(json.stdout.lines().filter(|l| l.contains("\"P0301\"")).count(), 20_000);
}

#[test]
fn three_thousand_broken_anchors_on_a_long_page() {
    fails(
        "many_broken_anchors",
        |r| {
            let mut body = String::from("---\ntitle: Anchors\nsummary: One sentence.\n---\n");
            for i in 0..3_000 {
                write!(body, "## Heading number {i}\n\n[x](#heading-numbr-{i})\n\n").unwrap();
            }
            file(r, &format!("{TEAM}/anchors.md"), body);
        },
        "content/practices/team/anchors.md:7:1",
        &["#heading-numbr-0 names no heading", "the page has 3000 headings", "3000 errors"],
    );
}

#[test]
fn no_content_folder() {
    fails("no_content_folder", |_| {}, "--> content", &["there is no content/ folder", "P0207"]);
}

// ---------------------------------------------------------------- accepted

#[test]
fn bom_crlf_and_lone_cr() {
    let c = builds("bom_and_crlf", |r| {
        for rel in ["guide.yaml", "content/practices/team/check-ins.md"] {
            let text = fs::read_to_string(r.join(rel)).unwrap().replace('\n', "\r\n");
            file(r, rel, format!("\u{feff}{text}"));
        }
        let home = fs::read_to_string(r.join("content/_index.md")).unwrap().replace('\n', "\r");
        file(r, "content/_index.md", home);
    });
    let p = c.page("practices/team/check-ins/index.html");
    assert!(p.contains("<h1>Hold regular check-ins</h1>"), "{p}");
    assert!(p.contains(r#"<h2 id="why-it-matters">Why it matters</h2>"#), "{p}");
    assert!(p.contains(r#"id="task-check-ins-are-on-the-calendar" data-task="check-ins-are-on-the-calendar""#), "{p}");
    assert!(c.page("index.html").contains(r#"href="/guide/practices/team/check-ins/""#));
    for (path, text) in text_files(&c.out) {
        assert!(!text.contains('\r') && !text.contains('\u{feff}'), "{path:?} has a CR or BOM");
    }
}

#[test]
fn markdown_file_of_20_mb() {
    let sections = std::cell::Cell::new(0);
    let c = builds("huge_markdown_20mb", |r| {
        let mut body = String::with_capacity(21 << 20);
        body.push_str("---\ntitle: Huge\nsummary: Twenty megabytes of Markdown.\n---\n");
        let mut n = 0;
        while body.len() < 20 << 20 {
            write!(
                body,
                "## Section {n}\n\nSome *text* with a [link](check-ins.md), `code`, an [anchor](#section-{n}) and \
                 [one back](@/practices/team/check-ins.md#why-it-matters).\n\n- an item\n- [ ] task {n}\n\n"
            )
            .unwrap();
            n += 1;
        }
        sections.set(n);
        file(r, &format!("{TEAM}/huge.md"), body);
    });
    let p = c.page("practices/team/huge/index.html");
    assert!(p.len() > 20 << 20, "{} bytes", p.len());
    assert!(p.contains(&format!("<h2 id=\"section-{}\">", sections.get() - 1)));
    assert!(c.out.join("handouts/team/huge/index.html").is_file());
}

#[test]
fn lists_nested_10000_deep() {
    let c = builds("nested_lists_10000", |r| {
        let body = format!(
            "---\ntitle: Nested\nsummary: Deep.\n---\n{}deep\n\n{}quote\n\n{}emphasis{}\n\n{}link{}\n",
            "- ".repeat(10_000),
            "> ".repeat(10_000),
            "*".repeat(10_000),
            "*".repeat(10_000),
            "[".repeat(10_000),
            "](x)".repeat(10_000)
        );
        file(r, &format!("{TEAM}/nested.md"), body);
    });
    let p = c.page("practices/team/nested/index.html");
    assert!(count(&p, "<ul>") >= 10_000, "{} lists", count(&p, "<ul>"));
    assert!(count(&p, "<blockquote>") >= 10_000);
}

#[test]
fn one_hundred_thousand_links_on_one_page() {
    let c = builds("links_100000", |r| {
        let kinds = [
            "[a](check-ins.md)",
            "[b](@/practices/team/check-ins.md#why-it-matters)",
            "[c](#intro)",
            "[d](https://example.org/)",
            "[e](/css/practica.css)",
        ];
        let mut body = String::from("---\ntitle: Links\nsummary: Many links.\n---\n## Intro\n\n");
        for line in 0..10_000 {
            for n in 0..10 {
                body.push_str(kinds[(line * 10 + n) % kinds.len()]);
                body.push(' ');
            }
            body.push('\n');
        }
        file(r, &format!("{TEAM}/links.md"), body);
    });
    let p = c.page("practices/team/links/index.html");
    assert_eq!(count(&p, r#"<a href="/guide/practices/team/check-ins/">a</a>"#), 20_000);
    assert_eq!(count(&p, r#"<a href="/guide/practices/team/check-ins/#why-it-matters">b</a>"#), 20_000);
    assert_eq!(count(&p, r##"<a href="#intro">c</a>"##), 20_000);
    assert_eq!(count(&p, r#"<a href="/guide/css/practica.css">e</a>"#), 20_000);
}

#[cfg(unix)]
#[test]
fn symlink_loops_and_links_out_of_the_guide() {
    use std::os::unix::fs::symlink;
    let c = fails(
        "symlink_loop",
        |r| {
            let team = r.join(TEAM);
            symlink("..", team.join("loop")).unwrap();
            symlink("b.md", team.join("a.md")).unwrap();
            symlink("a.md", team.join("b.md")).unwrap();
            symlink("/etc/passwd", team.join("passwd.md")).unwrap();
            symlink("/nonexistent/nowhere", team.join("dangling.md")).unwrap();
            fs::create_dir_all(r.join("static")).unwrap();
            symlink("/etc", r.join("static/etc")).unwrap();
            symlink("/etc/hostname", r.join("static/hostname.txt")).unwrap();
            symlink("/proc/self/environ", r.join("templates-environ")).unwrap();
            fs::create_dir_all(r.join("templates")).unwrap();
            symlink("/proc/self/environ", r.join("templates/page.html")).unwrap();
        },
        "content/practices/team/passwd.md",
        &[
            "P0212",
            "leads outside the guide's folder, to /etc/passwd",
            "allow_outside_symlinks",
            "static/etc",
            "static/hostname.txt",
            "templates/page.html",
            "goes round in a loop",
            "leads nowhere",
        ],
    );
    assert!(!c.run.stderr.contains("PATH="), "nothing of the environment reaches the messages");
}

#[cfg(unix)]
#[test]
fn symlinks_inside_the_guide_are_followed_and_outside_ones_allowed_on_request() {
    use std::os::unix::fs::symlink;
    let c = builds("minimal", |r| {
        file(r, "shared/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        fs::create_dir_all(r.join("static/img")).unwrap();
        symlink("../../shared/logo.svg", r.join("static/img/logo.svg")).unwrap();
        let index = fs::read_to_string(r.join("content/_index.md")).unwrap();
        file(r, "content/_index.md", format!("{index}\n![Logo](/img/logo.svg)\n"));
    });
    assert!(c.out.join("img/logo.svg").is_file(), "a symlink inside the guide is published");
    assert!(c.page("index.html").contains("src=\"/guide/img/logo.svg\""));

    let c = builds("minimal", |r| {
        fs::create_dir_all(r.join("static")).unwrap();
        symlink("/etc/hostname", r.join("static/hostname.txt")).unwrap();
        let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
        file(r, "guide.yaml", format!("{yaml}allow_outside_symlinks: true\n"));
    });
    assert_eq!(fs::read(c.out.join("hostname.txt")).unwrap(), fs::read("/etc/hostname").unwrap());
}

#[cfg(unix)]
#[test]
fn a_static_folder_that_is_a_symlink_out_of_the_guide() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.txt"), "not for the web").unwrap();
    let path = outside.path().to_path_buf();
    let c = fails(
        "minimal",
        move |r| symlink(&path, r.join("static")).unwrap(),
        "--> static",
        &["P0212", "leads outside the guide's folder"],
    );
    assert!(!c.out.join("secret.txt").exists());
}

#[cfg(unix)]
#[test]
fn named_pipes_are_refused_not_read() {
    let mkfifo = |p: &Path| {
        let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
        assert!(ok, "mkfifo {}", p.display());
    };
    fails(
        "minimal",
        |r| mkfifo(&r.join(TEAM).join("pipe.md")),
        "content/practices/team/pipe.md",
        &["not a regular file", "P0201"],
    );
    fails(
        "minimal",
        |r| {
            fs::remove_file(r.join("guide.yaml")).unwrap();
            mkfifo(&r.join("guide.yaml"));
        },
        "guide.yaml",
        &["guide.yaml cannot be read", "not a regular file", "P0101"],
    );
}

#[test]
fn raw_html_that_runs_scripts_is_refused_unless_allowed() {
    const BODY: &str = "\n<script>alert(document.cookie)</script>\n\nText <a href=\"javascript:alert(1)\">here</a>.\n\n<iframe src=\"https://example.org/\"></iframe>\n\n<img src=\"x.png\" alt=\"x\" onerror=\"alert(1)\">\n\nKept: <abbr title=\"Peer Specialist\">PS</abbr>, <kbd>Ctrl</kbd>.<br>\n\n<details><summary>More</summary>\n\nHidden.\n\n</details>\n";
    let add = |r: &Path| {
        let p = r.join(TEAM).join("check-ins.md");
        let text = fs::read_to_string(&p).unwrap();
        fs::write(p, format!("{text}{BODY}")).unwrap();
    };
    let c = fails(
        "minimal",
        add,
        "content/practices/team/check-ins.md:16",
        &[
            "P0213",
            "raw HTML with a <script> element",
            "`javascript:` address in `href=`",
            "a <iframe> element",
            "`onerror=`",
            "unsafe_html: true",
        ],
    );
    assert!(!c.run.stderr.contains("<abbr") && !c.run.stderr.contains("<details"), "harmless HTML is not reported");
    let c = builds("minimal", |r| {
        add(r);
        let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
        file(r, "guide.yaml", format!("{yaml}unsafe_html: true\n"));
    });
    let page = c.page("practices/team/check-ins/index.html");
    assert!(page.contains("<script>alert(document.cookie)</script>"), "published as written when allowed");
    assert!(page.contains("<abbr title=\"Peer Specialist\">PS</abbr>"));
}

#[test]
fn twenty_thousand_unknown_front_matter_keys() {
    let keys: String = (0..20_000).map(|n| format!("unknown_key_{n}: x\n")).collect();
    let start = Instant::now();
    fails(
        "minimal",
        |r| file(r, &format!("{TEAM}/keys.md"), format!("---\ntitle: K\nsummary: S.\n{keys}---\nBody.\n")),
        "content/practices/team/keys.md:4",
        &["unknown key `unknown_key_0`", "P0204"],
    );
    eprintln!("twenty_thousand_unknown_front_matter_keys: build and check in {:?}", start.elapsed());
}

#[test]
fn forty_thousand_audiences() {
    let audiences: String = (0..40_000).map(|n| format!("  group-{n}: Group {n}\n")).collect();
    let start = Instant::now();
    builds("minimal", |r| {
        let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
        file(r, "guide.yaml", yaml.replace("audiences:\n", &format!("audiences:\n{audiences}")));
    });
    eprintln!("forty_thousand_audiences: build in {:?}", start.elapsed());
    let c = fails(
        "minimal",
        |r| {
            let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
            let dup = format!("{audiences}  GROUP-7: Group seven again\n");
            file(r, "guide.yaml", yaml.replace("audiences:\n", &format!("audiences:\n{dup}")));
        },
        "guide.yaml:40006",
        &["audiences `group-7` and `GROUP-7` would share the page /audience/group-7/"],
    );
    drop(c);
}

#[test]
fn names_too_long_for_an_address() {
    let long = "a".repeat(300);
    fails(
        "minimal",
        |r| {
            let p = r.join(TEAM).join("check-ins.md");
            let text = fs::read_to_string(&p).unwrap();
            fs::write(p, text.replace("tags: [meetings]", &format!("tags: [meetings, {long}]"))).unwrap();
        },
        "content/practices/team/check-ins.md:5",
        &["a tag of 300 characters is too long for a web address", "under 100 characters", "P0214"],
    );
    let l = long.clone();
    fails(
        "minimal",
        move |r| {
            let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
            file(r, "guide.yaml", yaml.replace("  peers: Peer staff", &format!("  {l}: Long")));
        },
        "guide.yaml:7",
        &["an audience key of 300 characters is too long", "P0214"],
    );
    let l = long.clone();
    fails(
        "minimal",
        move |r| {
            let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
            file(r, "guide.yaml", format!("{yaml}handouts:\n  - name: {l}\n    include: [practices/team]\n"));
        },
        "guide.yaml:15",
        &["a bundle name of 300 characters is too long", "P0214"],
    );
    let name = "b".repeat(150);
    fails(
        "minimal",
        move |r| file(r, &format!("{TEAM}/{name}.md"), "---\ntitle: Long\nsummary: S.\n---\n"),
        "content/practices/team/bbbb",
        &["makes an address part of 150 characters", "P0214"],
    );
}

#[test]
fn file_names_with_spaces_and_accents() {
    let c = builds("file_names_with_spaces_and_accents", |_| {});
    let role = c.page("practices/equipe-ete/role-cle-du-pair/index.html");
    assert!(role.contains("<h1>Rôle clé du pair</h1>"));
    assert!(role.contains(r#"href="/guide/practices/team/check-ins/""#));
    let page = c.page("ri-ben-yu-pezi/index.html");
    assert!(page.contains(r#"href="/guide/practices/equipe-ete/role-cle-du-pair/#pourquoi""#), "{page}");
}

#[test]
fn file_names_that_try_to_leave_the_output_folder() {
    let names = [
        "..md",
        "%2e%2e.md",
        "a\\b.md",
        "c:d.md",
        "..%2f..%2fescape.md",
        "x\\..\\..\\..\\escape.md",
        "CON.md",
        "e\u{202e}vil.md",
        "ctl\u{1}.md",
    ];
    let c = builds("hostile_file_names", |r| {
        for n in names {
            file(r, &format!("{TEAM}/{n}"), format!("---\ntitle: Named {n:?}\nsummary: One sentence.\n---\nBody.\n"));
        }
        file(r, "content/..md", "---\ntitle: Hidden\n---\n");
        file(r, "content/tips/..\\..\\tip.md", "---\ntitle: Hidden tip\n---\n");
        file(r, "content/practices/a\\..\\..\\b/_index.md", "---\ntitle: Area\nsummary: S.\n---\n");
        file(r, "content/practices/a\\..\\..\\b/p.md", "---\ntitle: P\nsummary: S.\n---\n");
        file(r, "static/%2e%2e%2f%2e%2e%2fescape.txt", "static");
    });
    for p in [
        "practices/team/2e-2e/index.html",
        "practices/team/a-b/index.html",
        "practices/team/c-d/index.html",
        "practices/team/x-escape/index.html",
        "practices/team/con/index.html",
        "practices/team/evil/index.html",
        "practices/team/ctl/index.html",
        "practices/a-b/p/index.html",
        "%2e%2e%2f%2e%2e%2fescape.txt",
    ] {
        assert!(c.out.join(p).is_file(), "{p} missing");
    }
    // Names starting with a dot are hidden files, left out like any other.
    for (path, text) in text_files(&c.out) {
        assert!(!text.contains("<h1>Hidden"), "{path:?}");
    }
    for (path, _) in snapshot(&c.out) {
        assert!(path.components().all(|s| matches!(s, std::path::Component::Normal(_))), "{path:?}");
    }
    let site_dir: Vec<_> = fs::read_dir(c.root.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(site_dir, ["site"], "nothing written beside the site");
}

#[test]
fn script_quotes_and_template_syntax_in_front_matter_and_guide_yaml() {
    let c = builds("script_in_front_matter", |_| {});
    // Nothing a title, summary, tag, audience, source or bundle says becomes markup.
    for (path, text) in text_files(&c.out) {
        for raw in ["<script>alert", "<img src=x", "<svg onload", "\" onmouseover=\"alert", "=alert('"] {
            assert!(!text.contains(raw), "{path:?} has `{raw}` unescaped");
        }
    }
    let p = c.page("practices/team/check-ins/index.html");
    assert!(
        p.contains("<h1>Check-ins &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; &quot;quoted&quot; {{ page.title }} {% raw %}</h1>"),
        "{p}"
    );
    assert!(p.contains(r#"<meta name="description" content="Summary &lt;/p&gt;&lt;script&gt;alert(&#39;summary&#39;)&lt;/script&gt; &amp; &#39;single&#39; {{ site.title }}">"#));
    assert!(p.contains("Body text with {{ body }} and {% if x %} stays literal."));
    assert!(p.contains(r#"<h2 id="why&quot;quoted">"#), "an explicit heading id stays inside its attribute");
    assert!(p.contains("&amp; {{ 7*7 }}"), "template syntax in guide.yaml is not evaluated");
    assert!(p.contains(
        r#"href="https://example.org/?a=1&amp;b=&quot;&gt;&lt;script&gt;alert(&#39;url&#39;)&lt;/script&gt;""#
    ));
    let sitemap = c.page("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/guide/practices/team/check-ins/</loc>"));

    // The search index: excerpts are HTML, so the text is escaped; meta is JSON and round-trips.
    let mut found = false;
    for e in fs::read_dir(c.out.join("pagefind/fragment")).unwrap() {
        let mut text = String::new();
        let f = fs::File::open(e.unwrap().path()).unwrap();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(f), &mut text).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text[text.find('{').unwrap()..]).expect("fragment JSON");
        if json["url"].as_str().is_some_and(|u| u.ends_with("practices/team/check-ins/")) {
            found = true;
            let content = json["content"].as_str().unwrap();
            assert!(content.starts_with("Check-ins &lt;script&gt;alert("), "{content}");
            assert!(!content.contains('<'), "{content}");
            assert_eq!(
                json["meta"]["title"],
                "Check-ins <script>alert('title')</script> \"quoted\" {{ page.title }} {% raw %}"
            );
        }
    }
    assert!(found, "the practice is in the search index");

    // JSON diagnostics carry a hostile key name intact.
    file(
        &c.root,
        "content/practices/team/key.md",
        "---\ntitle: K\nsummary: S.\n\"</script><script>alert('key')\": 1\n---\n",
    );
    let r = run(&["check", "--root", c.root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    let messages: Vec<String> = r
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).expect("one JSON object per line")["message"].to_string())
        .collect();
    assert!(messages.iter().any(|m| m.contains("</script><script>alert('key')")), "{messages:?}");
}

#[test]
fn javascript_vbscript_and_data_links_are_neutralised() {
    let c = builds("javascript_and_data_links", |_| {});
    for (path, html) in text_files(&c.out).into_iter().filter(|(p, _)| p.extension().is_some_and(|e| e == "html")) {
        for url in attributes(&html, "href") {
            let s = scheme(&url);
            assert!(!matches!(s.as_deref(), Some("javascript" | "vbscript" | "data")), "{path:?}: href=\"{url}\"");
        }
        for url in attributes(&html, "src") {
            let s = scheme(&url);
            assert!(
                !matches!(s.as_deref(), Some("javascript" | "vbscript"))
                    && (s.as_deref() != Some("data") || url.starts_with("data:image/")),
                "{path:?}: src=\"{url}\""
            );
        }
    }
    let p = c.page("practices/team/links/index.html");
    assert!(count(&p, r##"<a href="#">"##) >= 8, "{p}");
    assert!(p.contains(r#"<img src="data:image/png;base64,iVBORw0KGgo=" alt="pixel" />"#));
}

#[test]
fn source_urls_with_script_schemes_are_left_out() {
    let c = builds("source_url_javascript", |_| {});
    let err = &c.run.stderr;
    for (line, scheme) in [("guide.yaml:16", "javascript"), ("guide.yaml:19", "javascript"), ("guide.yaml:22", "data")]
    {
        assert!(err.contains(line), "{err}");
        assert!(err.contains(&format!("is a `{scheme}:` address; it is left out of the site")), "{err}");
    }
    for (path, text) in text_files(&c.out) {
        assert!(!text.contains("alert('source')") && !text.contains("alert('tab')"), "{path:?}");
        assert!(!text.contains("data:text/html"), "{path:?}");
    }
    let p = c.page("practices/team/check-ins/index.html");
    assert!(p.contains("<cite>Script source</cite>"), "the source is still named");
    assert!(p.contains(r#"<a href="mailto:editor@example.org">Mail source</a>"#));
    assert!(p.contains(r#"<a href="https://example.org/handbook">The Handbook</a>"#));
}

#[test]
fn base_url_with_dot_segments() {
    let c = builds("base_url_with_dot_segments", |_| {});
    let home = c.page("index.html");
    assert!(home.contains(r#"<link rel="canonical" href="https://example.org/a/guide/">"#), "{home}");
    for (path, html) in text_files(&c.out) {
        for url in attributes(&html, "href").into_iter().chain(attributes(&html, "src")) {
            assert!(!url.contains("/../") && !url.contains("/./"), "{path:?}: {url}");
            if url.starts_with('/') {
                assert!(url.starts_with("/a/guide/"), "{path:?}: {url}");
            }
        }
    }
}

#[test]
fn heading_ids_that_collide() {
    let c = builds("heading_id_collisions", |r| {
        let mut body = String::from(
            "---\ntitle: Ids\nsummary: Colliding ids.\n---\n## Task first\n\n- [ ] first\n- [ ] second\n\n## Note\n\n\
             Text[^note] and more[^1].\n\n## 1\n\n[^note]: A note.\n[^1]: One.\n\n## Explicit {#task-second}\n\n",
        );
        for _ in 0..20_000 {
            body.push_str("## Same\n\n");
        }
        body.push_str("[last](#same-19999)\n");
        file(r, &format!("{TEAM}/ids.md"), body);
    });
    let p = c.page("practices/team/ids/index.html");
    let ids = attributes(&p, "id");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "every id on the page is unique");
    assert!(
        p.contains(r#"<span class="task" id="task-first" data-task="first" data-section="Task first">first</span>"#),
        "{p}"
    );
    assert!(p.contains(r#"<h2 id="task-first-1">Task first</h2>"#), "the heading gives way to the item");
    assert!(p.contains(r#"id="task-second" data-task="second""#), "the item keeps its id: {p}");
    assert!(p.contains(r#"<h2 id="same-19999">"#));
}

#[test]
fn related_cycle_and_a_practice_related_to_itself() {
    let c = builds("related_cycle_and_self", |_| {});
    assert!(c.run.stderr.contains("content/practices/team/check-ins.md:7"), "{}", c.run.stderr);
    assert!(c.run.stderr.contains("a practice lists itself as related"));
    assert!(c.page("practices/team/check-ins/index.html").contains(r#"href="/guide/practices/team/one-to-ones/""#));
    assert!(c.page("practices/team/one-to-ones/index.html").contains(r#"href="/guide/practices/team/check-ins/""#));
}

#[test]
fn names_of_only_punctuation() {
    let c = builds("slug_all_punctuation", |_| {});
    assert!(c.page("practices/team/page/index.html").contains("<h1>Only punctuation</h1>"));
    assert!(c.page("tips/page/index.html").contains("<h1>A tip</h1>"));
}

#[test]
fn nul_byte_in_the_body() {
    let c = builds("nul_in_body", |r| {
        file(r, &format!("{TEAM}/nul.md"), "---\ntitle: Nul\nsummary: One sentence.\n---\nBefore\0after.\n");
    });
    for (path, text) in text_files(&c.out) {
        assert!(!text.contains('\0'), "{path:?} has a NUL byte");
    }
    assert!(c.page("practices/team/nul/index.html").contains("Before\u{fffd}after."));
}

#[test]
fn extremely_long_line() {
    let c = builds("extremely_long_line", |r| {
        let mut line = String::with_capacity(5 << 20);
        let mut n = 0;
        while line.len() < 5 << 20 {
            write!(line, "word{n} [link](check-ins.md) ").unwrap();
            n += 1;
        }
        file(r, &format!("{TEAM}/long.md"), format!("---\ntitle: Long\nsummary: One line.\n---\n{line}THE-END\n"));
    });
    assert!(c.page("practices/team/long/index.html").contains("THE-END"));
}

#[test]
fn brackets_inside_quoted_values_are_not_nesting() {
    let c = builds("brackets_in_quotes", |_| {});
    assert!(c.page("practices/team/quoted/index.html").contains("<h1>Brackets [[[[[[[[[["));
}

#[test]
fn empty_home_page() {
    let c = builds("empty_home_page", |_| {});
    assert!(c.page("index.html").contains("<h1>Hostile input</h1>"));
}

// ---------------------------------------------------------------- safe writes

/// A guide large enough that writing it takes a while: the plain base site
/// every case starts from, and many practices.
fn big_guide(root: &Path, practices: usize) {
    copy_dir(&manifest_dir().join("tests/hostile/links_100000"), root);
    let para = "Supervisors and peers meet every week to talk about the work, the load and what helps. ".repeat(20);
    for n in 0..practices {
        file(
            root,
            &format!("{TEAM}/practice-{n}.md"),
            format!(
                "---\ntitle: Practice {n}\nsummary: Practice number {n}.\n---\n## Why\n\n{para}\n\n## How\n\n{para}\n"
            ),
        );
    }
}

fn leftovers(dir: &Path) -> Vec<String> {
    fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".practica-"))
        .collect()
}

#[cfg(unix)]
#[test]
fn a_build_killed_mid_write_leaves_public_intact() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    big_guide(&root, 1500);
    let out = root.join("public");
    let first = build(&root, &out, &["--no-search"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&out);

    // Kill at several points after the staging folder appears; at least one must land mid-write.
    let mut mid_write = 0;
    for delay_ms in [0, 2, 10, 40, 150] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_practica"))
            .args(["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap(), "--no-search"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let staging = out.with_file_name(format!("public.practica-staging-{}", child.id()));
        let start = Instant::now();
        while !staging.exists() && child.try_wait().unwrap().is_none() && start.elapsed() < BOUND {
            std::thread::sleep(Duration::from_micros(200));
        }
        std::thread::sleep(Duration::from_millis(delay_ms));
        let running = child.try_wait().unwrap().is_none();
        let _ = child.kill();
        child.wait().unwrap();
        if running && staging.exists() {
            mid_write += 1;
        }
        // Killed or not, public/ holds a whole site: the old one, byte for byte, as no file changed.
        assert_eq!(snapshot(&out), before, "public/ changed after a kill {delay_ms} ms into writing");
    }
    assert!(mid_write > 0, "no kill landed while the staging folder was being written");
    assert!(!leftovers(&root).is_empty(), "the killed builds left their staging folders");

    let next = build(&root, &out, &["--no-search"]);
    assert_eq!(next.code, 0, "{}", next.stderr);
    assert_eq!(leftovers(&root), Vec::<String>::new(), "the next build removes what killed builds left");
    assert_eq!(snapshot(&out), before, "the same guide builds to the same site");
}

#[cfg(unix)]
#[test]
fn a_build_killed_between_its_two_renames_gets_its_old_site_back() {
    // The swap renames public/ aside, then staging into place. Killed in between,
    // there is no public/; the next build, even a failing one, puts the old site back.
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("site");
    copy_dir(&manifest_dir().join("tests/hostile/bad_yaml"), &root);
    let dead = {
        let mut c = Command::new("true").spawn().unwrap();
        c.wait().unwrap();
        c.id()
    };
    let old = root.join(format!("public.practica-old-{dead}"));
    file(&old, "index.html", "<p>the previous build</p>");
    file(&root.join(format!("public.practica-staging-{dead}")), "index.html", "half");
    let r = build(&root, &root.join("public"), &[]);
    assert_eq!(r.code, 1, "the guide itself is broken: {}", r.stderr);
    assert_eq!(read(&root.join("public"), "index.html"), "<p>the previous build</p>");
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

// ------------------------------------------------ what builds but would be silently wrong

/// The case must build, with every `(location, words)` warning said by
/// `build` and by `check` (which exits 0: warnings are not errors).
fn warns(name: &str, setup: impl FnOnce(&Path), expected: &[(&str, &[&str])]) -> Case {
    let case = builds(name, setup);
    let c = run(&["check", "--root", case.root.to_str().unwrap()]);
    no_panic(name, &c);
    assert_eq!(c.code, 0, "{name}: warnings only, check exits 0:\n{}", clip(&c.stdout));
    for (location, words) in expected {
        for (what, text) in [("build", &case.run.stderr), ("check", &c.stdout)] {
            let at = text.find(&format!("--> {location}\n")).unwrap_or_else(|| {
                panic!("{name}: {what} must report `{location}`:\n{}", clip(text));
            });
            // The words belong to this warning: between its title line and the next one.
            let start = text[..at].rfind("warning[").unwrap_or(0);
            let end = text[at..].find("\nwarning[").map_or(text.len(), |n| at + n);
            for w in *words {
                assert!(
                    text[start..end].contains(w),
                    "{name}: {what}: `{w}` in the warning at {location}:\n{}",
                    &text[start..end]
                );
            }
        }
    }
    case
}

const READINESS: &str = "---\ntitle: Readiness\nsummary: Where the team stands.\n---\n## Hiring\n\n\
    - [ ] Job descriptions list core duties.\n\
    · Supervisors know the peer role.\n\
    •\tPeers have a career ladder.\n\
    - [] Pay is equal to similar roles.\n\
    -[ ] The team meets every week.\n\
    [ ] Training has a budget.\n\
    - [ ] Everyone has a mentor.\n\
    ❖ Leaders speak up for peers.\n\
    \n```\n• a bullet in a code block is code\n- [] and so is this\n```\n";

#[test]
fn bullets_and_boxes_pasted_from_word_are_warned_about() {
    let file_ = "content/checklists/readiness.md";
    let c = warns(
        "minimal",
        |r| file(r, file_, READINESS),
        &[
            (
                &format!("{file_}:8:1"),
                &[
                    "warning[P0216]",
                    "`·` starts this line",
                    "write `- ` for a bullet",
                    ": - Supervisors know the peer role.",
                ],
            ),
            (&format!("{file_}:9:1"), &["warning[P0216]", "`•`", ": - Peers have a career ladder."]),
            (
                &format!("{file_}:10:1"),
                &["warning[P0217]", "`- []`", "did you mean `- [ ]`?", ": - [ ] Pay is equal to similar roles."],
            ),
            (
                &format!("{file_}:11:1"),
                &["warning[P0217]", "`-[ ]`", "did you mean `- [ ]`?", ": - [ ] The team meets every week."],
            ),
            (
                &format!("{file_}:12:1"),
                &["warning[P0217]", "`[ ]`", "left out of the self-assessment", ": - [ ] Training has a budget."],
            ),
            (&format!("{file_}:14:1"), &["warning[P0216]", "`❖`"]),
        ],
    );
    assert_eq!(count(&c.run.stderr, "warning[P021"), 6, "nothing in the code block: {}", c.run.stderr);
    // What Markdown made of it, which the warnings explain: two items, the rest joined to them.
    let page = c.page("checklists/readiness/index.html");
    assert_eq!(count(&page, "class=\"task\""), 2, "{page}");

    // The same lines written right are items, and nothing is said.
    let fixed = READINESS
        .replace("· ", "- [ ] ")
        .replace("•\t", "- [ ] ")
        .replace("- [] ", "- [ ] ")
        .replace("-[ ] ", "- [ ] ")
        .replace("\n[ ] ", "\n- [ ] ")
        .replace("❖ ", "- [ ] ");
    let c = builds("minimal", |r| file(r, file_, &fixed));
    assert!(!c.run.stderr.contains("warning[P021"), "{}", c.run.stderr);
    assert_eq!(count(&c.page("checklists/readiness/index.html"), "class=\"task\""), 8);
}

#[test]
fn a_front_matter_value_in_curly_quotes_is_warned_about() {
    let c = warns(
        "minimal",
        |r| {
            let p = r.join(format!("{TEAM}/check-ins.md"));
            let text = fs::read_to_string(&p).unwrap();
            let text = text
                .replace("title: Hold regular check-ins", "title: “Hold regular check-ins”")
                .replace("tags: [meetings]", "tags: [‘meetings’]");
            fs::write(p, text).unwrap();
            let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
            file(r, "guide.yaml", yaml.replace("title: Hostile input", "title: „Hostile input“"));
        },
        &[
            (
                "content/practices/team/check-ins.md:2:1",
                &[
                    "warning[P0218]",
                    "`title` is wrapped in curly quotes",
                    "remove the curly quotes",
                    "title: Hold regular check-ins",
                ],
            ),
            ("content/practices/team/check-ins.md:5:1", &["warning[P0218]", "`tags`", "‘meetings’ → meetings"]),
            ("guide.yaml", &["warning[P0218]", "`title`", "title: Hostile input"]),
        ],
    );
    // Left as written (the warning says what to do): the marks are what readers see.
    assert!(c.page("practices/team/check-ins/index.html").contains("<h1>“Hold regular check-ins”</h1>"));
}

#[test]
fn a_bundle_date_not_written_year_month_day_is_warned_about() {
    warns(
        "minimal",
        |r| {
            let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
            let bundle = "handouts:\n  - name: day\n    title: Training day\n    date: 03/25/2020\n    include:\n      - practices/team\n";
            file(r, "guide.yaml", format!("{yaml}{bundle}"));
        },
        &[(
            "guide.yaml:15:1",
            &[
                "warning[P0103]",
                "the date `03/25/2020` of the bundle `day` is not written year-month-day",
                "date: 2020-03-25",
            ],
        )],
    );
}

#[test]
fn a_reviewed_date_still_to_come_is_warned_about() {
    warns(
        "minimal",
        |r| {
            let p = r.join(format!("{TEAM}/check-ins.md"));
            let text = fs::read_to_string(&p)
                .unwrap()
                .replace("tags: [meetings]\n", "tags: [meetings]\nreviewed: 2206-01-15\n");
            fs::write(p, text).unwrap();
        },
        &[(
            "content/practices/team/check-ins.md:6:1",
            &[
                "warning[P0703]",
                "`reviewed:` is 2206-01-15, a day still to come",
                "write the day the page was last checked",
            ],
        )],
    );
}

/// Every character XML 1.0 allows (its `Char` production).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

#[test]
fn change_notes_with_control_characters_still_make_a_feed_that_parses() {
    let notes = [
        r#""Bell\x07 and escape\x1b""#,
        r#""Form\x0cfeed""#,
        r#""Nul\0 here""#,
        r#""Ends ]]> a CDATA""#,
        r#""Not characters \uFFFE\uFFFF""#,
    ];
    let changes: String =
        notes.iter().enumerate().map(|(i, n)| format!("  - {{date: 2026-01-0{}, note: {n}}}\n", i + 1)).collect();
    let c = warns(
        "minimal",
        |r| {
            let p = r.join(format!("{TEAM}/check-ins.md"));
            let text = fs::read_to_string(&p).unwrap();
            let text = text.replace("tags: [meetings]\n", &format!("tags: [meetings]\nchanges:\n{changes}"));
            let text = text.replace("title: Hold regular check-ins", "title: \"Hold\\x01 regular check-ins\"");
            fs::write(p, text).unwrap();
        },
        &[
            (
                "content/practices/team/check-ins.md:2:1",
                &["warning[P0219]", "`title` holds the control character U+0001", "the feed leaves it out"],
            ),
            (
                "content/practices/team/check-ins.md:6:1",
                &["warning[P0219]", "`changes` holds the control character U+0007"],
            ),
        ],
    );
    let xml = c.page("feed.xml");
    let bad: Vec<char> = xml.chars().filter(|&ch| !xml_char(ch)).collect();
    assert!(bad.is_empty(), "characters XML 1.0 cannot hold: {bad:?}");
    let feed = atom_syndication::Feed::read_from(xml.as_bytes()).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let mut got: Vec<String> =
        feed.entries().iter().map(|e| e.content().and_then(|c| c.value()).unwrap_or_default().to_string()).collect();
    got.sort();
    assert_eq!(got, ["Bell and escape", "Ends ]]> a CDATA", "Formfeed", "Not characters ", "Nul here"]);
    assert!(feed.entries().iter().all(|e| e.title().as_str() == "Hold regular check-ins"));
}

#[test]
fn file_names_the_offline_zip_cannot_hold_are_refused() {
    let (case, before) = run_case("minimal", |r| {
        let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
        file(r, "guide.yaml", format!("{yaml}offline_download: true\n"));
        file(r, "static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        file(r, "static/sub\\..\\..\\evil.txt", "lands outside the folder on Windows");
        file(r, "static/c:evil.txt", "a drive letter");
        file(r, "static/line\nbreak.txt", "does not unpack on Windows");
    });
    let r = &case.run;
    assert_eq!(r.code, 1, "{}", r.stderr);
    for w in [
        "error[P0510]",
        "--> static/c:evil.txt",
        "cannot hold a file named `c:evil.txt`",
        "names a drive",
        "(`line␊break.txt`, `sub\\..\\..\\evil.txt` too)",
        "nothing was written",
    ] {
        assert!(r.stderr.contains(w), "`{w}` in:\n{}", r.stderr);
    }
    assert_eq!(snapshot(&case.out), before, "public/ is untouched");

    // Without them, every entry of the zip is a plain relative name under one folder.
    let c = builds("minimal", |r| {
        let yaml = fs::read_to_string(r.join("guide.yaml")).unwrap();
        file(r, "guide.yaml", format!("{yaml}offline_download: true\n"));
        file(r, "static/img/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
        file(r, "static/docs/Annual report 2026.txt", "spaces are fine");
    });
    let bytes = fs::read(c.out.join("downloads/hostile-input-offline.zip")).unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let names: Vec<&str> = zip.file_names().collect();
    assert!(names.contains(&"hostile-input-offline/img/logo.svg"), "{names:?}");
    assert!(names.contains(&"hostile-input-offline/docs/Annual report 2026.txt"), "{names:?}");
    for n in names {
        assert!(n.starts_with("hostile-input-offline/"), "{n}");
        let bad = n.contains(['\\', ':', '<', '>', '"', '|', '?', '*']) || n.chars().any(char::is_control);
        assert!(!bad && n.split('/').all(|s| !s.is_empty() && s != ".." && s != "."), "{n:?}");
    }
}

#[cfg(unix)]
#[test]
fn an_editors_lock_file_is_left_out_like_any_hidden_file() {
    use std::os::unix::fs::symlink;
    // Emacs keeps `.#name` beside a file being edited: a symlink to nowhere.
    let c = builds("minimal", |r| {
        symlink("editor@laptop.4242:1764000000", r.join(format!("{TEAM}/.#check-ins.md"))).unwrap();
        fs::create_dir_all(r.join("static")).unwrap();
        symlink("editor@laptop.4242:1764000000", r.join("static/.#logo.svg")).unwrap();
        symlink("/nonexistent", r.join("content/.hidden-folder")).unwrap();
    });
    assert!(!c.run.stderr.contains("leads nowhere"), "{}", c.run.stderr);
    let ch = run(&["check", "--root", c.root.to_str().unwrap()]);
    assert_eq!((ch.code, ch.stdout.trim()), (0, "No problems found."), "{}", ch.stdout);
}

#[test]
fn control_characters_in_names_and_values_never_reach_the_terminal_raw() {
    // A file name that would retitle the terminal and clear it, and a value holding
    // an escape sequence: YAML refuses the raw ESC and the message quotes the line.
    let name = "\u{1b}]0;pwned\u{7}\u{1b}[2J.md";
    let (case, _) = run_case("minimal", |r| {
        file(r, &format!("{TEAM}/{name}"), "---\ntitle: Named\nsummary: One sentence.\ntgas: [x]\n---\nBody.\n");
        file(
            r,
            &format!("{TEAM}/value.md"),
            "---\ntitle: Red \u{1b}[31mtext\u{9b}2J\nsummary: One sentence.\n---\nBody.\n",
        );
    });
    let ch = run(&["check", "--root", case.root.to_str().unwrap()]);
    for (what, text) in [("build", &case.run.stderr), ("check", &ch.stdout)] {
        assert!(text.contains("unknown key `tgas`"), "{what}: {text}");
        let raw: Vec<char> = text.chars().filter(|&c| c.is_control() && c != '\n').collect();
        assert!(raw.is_empty(), "{what} printed control characters {raw:?}:\n{text}");
        assert!(text.contains("␛]0;pwned␇␛[2J.md"), "{what}: the name, made visible:\n{text}");
        assert!(text.contains("title: Red ␛[31mtext\\u{9b}2J"), "{what}: the quoted line, made visible:\n{text}");
    }
    let json = run(&["check", "--root", case.root.to_str().unwrap(), "--format", "json"]);
    assert!(json.stdout.contains(r"\u001b]0;pwned\u0007"), "JSON keeps the name, escaped its own way: {}", json.stdout);
}
