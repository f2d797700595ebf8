//! Printable handouts (issue 5): the pages on the fixture guide, the bundle
//! errors, and — with Chromium and poppler-utils — the PDFs of the shipped
//! guide on Letter and A4.
//!
//! The PDF tests print `SKIPPED handouts: ...` and pass when chromium,
//! pdfinfo, pdftotext or pdftoppm is missing, except under `CI=true`, where a
//! missing tool fails them.

use std::collections::HashSet;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Instant;

use crate::common::*;

fn built(extra: &[&str]) -> (tempfile::TempDir, PathBuf, Run) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build(&fixture("basic"), &out, extra);
    assert_eq!(r.code, 0, "{}", r.stderr);
    (tmp, out, r)
}

const HANDOUT_PAGES: &[&str] = &[
    "handouts/index.html",
    "handouts/hiring/index.html",
    "handouts/hiring/job-descriptions/index.html",
    "handouts/hiring/interviews/index.html",
    "handouts/support/index.html",
    "handouts/support/regular-supervision/index.html",
    "handouts/checklists/self-check/index.html",
    "handouts/bundles/training-day/index.html",
    "handouts/complete/index.html",
];

#[test]
fn every_handout_page_is_built_under_the_sub_path() {
    let (_t, out, r) = built(&[]);
    assert_eq!(r.stderr, "", "a guide with an absolute base_url builds handouts without warnings");
    for p in HANDOUT_PAGES {
        let html = read(&out, p);
        assert!(html.contains(r#"href="/guides/peer/css/handout.css""#), "{p}: handout stylesheet under the base path");
        assert!(html.contains(r#"<link rel="canonical" href="https://example.org/guides/peer/handouts/"#), "{p}");
    }
    assert!(!out.join("handouts/hiring/secret-draft").exists(), "drafts get no handout");
    let practice = read(&out, "handouts/hiring/job-descriptions/index.html");
    assert!(practice.contains(r#"href="/guides/peer/handouts/paper-letter.css""#), "site paper: letter");
    assert!(practice.contains(r#"<a href="/guides/peer/practices/hiring/job-descriptions/">Back to the web page</a>"#));
    assert!(practice.contains(r#"<button type="button" class="button-print" data-print hidden>Print</button>"#));
    let bundle = read(&out, "handouts/bundles/training-day/index.html");
    assert!(bundle.contains(r#"href="/guides/peer/handouts/paper-a4.css""#), "the bundle's own paper: a4");
    let css = read(&out, "handouts/paper-a4.css");
    assert!(css.contains("size: A4;") && css.contains(r#"content: "Fixture Guide";"#), "{css}");
    assert!(read(&out, "handouts/paper-letter.css").contains("size: letter;"));
}

#[test]
fn practice_handout_holds_what_the_issue_asks_for() {
    let (_t, out, _) = built(&[]);
    let html = read(&out, "handouts/support/regular-supervision/index.html");
    let text = visible_text(&html);
    for want in [
        "Support",
        "Regular supervision",
        "Meet regularly.",
        "For: Supervisors",
        "Why it matters",
        "Tips that apply Train supervisors — A short course helps.",
        "Source: The Handbook . Test Consortium (2020).",
        "Online: https://example.org/guides/peer/practices/support/regular-supervision/",
    ] {
        assert!(text.contains(want), "`{want}` missing from: {text}");
    }
    assert!(html.contains(r#"<h1 id="p1-top" class="part-title">Regular supervision</h1>"#), "{html}");
    assert!(html.contains(r#"<h2 id="p1-why-it-matters">Why it matters</h2>"#), "body headings under the title");
    let jd = read(&out, "handouts/hiring/job-descriptions/index.html");
    assert!(
        jd.contains(r#"<li><span class="box" aria-hidden="true"></span><span class="box-text">A description exists.</span></li>"#),
        "the in-place list is empty boxes to tick by hand: {jd}"
    );
    assert!(!jd.contains("type=\"checkbox\""));
}

#[test]
fn qr_code_decodes_to_the_practice_address() {
    let (_t, out, _) = built(&[]);
    let html = read(&out, "handouts/hiring/job-descriptions/index.html");
    let url = "https://example.org/guides/peer/practices/hiring/job-descriptions/";
    assert!(html.contains(&format!(r#"aria-label="QR code for {url}""#)), "{html}");
    assert_eq!(decode_svg_qr(&html), url);
    let bundle = read(&out, "handouts/bundles/training-day/index.html");
    assert_eq!(decode_svg_qr(&bundle), "https://example.org/guides/peer/", "the cover's code is the guide's address");
}

#[test]
fn without_a_host_handouts_have_no_qr_and_the_build_says_so_once() {
    let (_t, out, r) = built(&["--base-url", "/guides/peer/"]);
    assert_eq!(r.stderr.matches("without QR codes").count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("warning") && r.stderr.contains("guide.yaml"), "{}", r.stderr);
    assert!(r.stderr.contains("base_url"), "the help says what to set: {}", r.stderr);
    for p in HANDOUT_PAGES {
        let html = read(&out, p);
        assert!(!html.contains("class=\"qr\""), "{p} has a QR code");
        assert!(html.contains(r#"href="/guides/peer/css/handout.css""#), "{p}");
    }
    assert!(read(&out, "handouts/index.html").contains("carry no QR codes"));
}

#[test]
fn bundle_has_a_cover_contents_and_its_parts_in_order() {
    let (_t, out, _) = built(&[]);
    let html = read(&out, "handouts/bundles/training-day/index.html");
    let text = visible_text(&html);
    for want in [
        "Fixture Guide Training Day Pack Hiring and support, for the spring training Spring Training April 1, 2026",
        "Contents Support (1 practice) Self check (worksheet) Write job descriptions Train supervisors (tip) About",
    ] {
        assert!(text.contains(want), "`{want}` missing from: {text}");
    }
    let order = [
        r#"class="part-title">Support</h2>"#,
        r#"class="part-title">Regular supervision</h3>"#,
        r#"class="part-title">Self check</h2>"#,
        r#"class="part-title">Write job descriptions</h2>"#,
        r#"class="part-title">Train supervisors</h2>"#,
        r#"class="part-title">About</h2>"#,
    ];
    let at: Vec<usize> = order
        .iter()
        .map(|o| html.find(o).unwrap_or_else(|| panic!("`{o}` missing from the bundle:\n{html}")))
        .collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "parts out of order: {at:?}");
    assert_eq!(html.matches("<h1").count(), 1);
    assert!(
        html.contains(r#"<h4 id="p2-why-it-matters">Why it matters</h4>"#),
        "a practice in an area sits two levels down"
    );
    assert!(html.contains(r#"<section class="part part-practice new-page""#), "practices start a new page");

    // Several documents share the page: every id is unique and every #link lands.
    let ids = attr_values(&html, " id=\"");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for target in attr_values(&html, "href=\"#") {
        assert!(ids.contains(&target), "#{target} names no id on the page");
    }
}

/// Where each of `wanted` first occurs in `html`, failing on one that is missing or out of order.
fn in_order(html: &str, wanted: &[&str]) {
    let at: Vec<usize> =
        wanted.iter().map(|o| html.find(o).unwrap_or_else(|| panic!("`{o}` missing from:\n{html}"))).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "out of order: {wanted:?} at {at:?}");
}

#[test]
fn complete_guide_has_a_cover_contents_and_every_part_in_reading_order() {
    let (_t, out, _) = built(&[]);
    let html = read(&out, "handouts/complete/index.html");
    let text = visible_text(&html);
    for want in [
        "The complete guide Fixture Guide A small guide the tests build.",
        "The whole guide online: https://example.org/guides/peer/",
        "Contents Hiring (2 practices) Write job descriptions Interview",
        "Support (1 practice) Regular supervision Train supervisors (tip) Self check (worksheet)",
        // The tip's text, and the worksheet's items with boxes, owner and date.
        "Take the course.",
        "Item In place In progress Not yet Owner Target date Job descriptions exist.",
    ] {
        assert!(text.contains(want), "`{want}` missing from: {text}");
    }
    assert_eq!(decode_svg_qr(&html), "https://example.org/guides/peer/", "the cover's code is the guide's address");
    assert!(html.contains(r#"<title>The complete guide (printable handout)"#), "{html}");
    // Areas and practices in the guide's reading order (by weight), then the tips, then the checklists.
    in_order(
        &html,
        &[
            r#"class="part-title">Hiring</h2>"#,
            r#"class="part-title">Write job descriptions</h3>"#,
            r#"class="part-title">Interview "#,
            r#"class="part-title">Support</h2>"#,
            r#"class="part-title">Regular supervision</h3>"#,
            r#"class="part-title">Train supervisors</h2>"#,
            r#"class="part-title">Self check</h2>"#,
        ],
    );
    assert!(!text.contains("Secret draft practice"), "drafts stay out");
    assert_eq!(html.matches("<h1").count(), 1);
    assert_eq!(html.matches(r#"<section class="part part-area new-page""#).count(), 2, "each area starts a page");
    assert_eq!(html.matches(r#"<section class="part part-practice new-page""#).count(), 3);
    assert!(html.contains(r#"<section class="part part-worksheet new-page""#));
    assert_eq!(html.matches(r#"<td class="cell-box"><span class="box" aria-hidden="true"></span></td>"#).count(), 6);
    assert!(html.contains(r#"href="/guides/peer/handouts/paper-letter.css""#), "the guide's paper");
    assert!(html.contains(r#"<a href="/guides/peer/">Back to the web page</a>"#), "back to the home page");

    let ids = attr_values(&html, " id=\"");
    let unique: HashSet<&String> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    for target in attr_values(&html, "href=\"#") {
        assert!(ids.contains(&target), "#{target} names no id on the page");
    }
}

#[test]
fn the_list_of_handouts_offers_the_complete_guide_first() {
    let (_t, out, _) = built(&[]);
    let index = read(&out, "handouts/index.html");
    let first = attr_values(&index, r#"<a href="/guides/peer/handouts/"#).into_iter().find(|h| !h.is_empty());
    assert_eq!(first.as_deref(), Some("complete/"), "{index}");
    let text = visible_text(&index);
    assert!(
        text.contains(
            "The complete guide Fixture Guide Every practice area and practice, the tips and the checklist worksheets"
        ),
        "{text}"
    );
    in_order(&index, &[r#"id="complete-heading""#, r#"id="bundles-heading""#, r#"id="areas-heading""#]);
}

#[test]
fn checklist_worksheet_has_boxes_owner_and_date_by_group() {
    let (_t, out, _) = built(&[]);
    let html = read(&out, "handouts/checklists/self-check/index.html");
    let text = visible_text(&html);
    assert!(
        text.contains(
            "Item In place In progress Not yet Owner Target date Job descriptions exist. ( Job descriptions )"
        ),
        "{text}"
    );
    let (hiring, item, support) = (
        html.find(">Hiring</h2>").unwrap(),
        html.find("Job descriptions exist.").unwrap(),
        html.find(">Support</h2>").unwrap(),
    );
    assert!(hiring < item && item < support);
    assert_eq!(html.matches(r#"<td class="cell-box"><span class="box" aria-hidden="true"></span></td>"#).count(), 6);
    assert!(html.contains(r#"href="/guides/peer/practices/hiring/job-descriptions/""#), "item links kept");
}

#[test]
fn web_pages_link_to_their_handouts() {
    let (_t, out, _) = built(&[]);
    for (page, handout) in [
        ("practices/hiring/job-descriptions/index.html", "/guides/peer/handouts/hiring/job-descriptions/"),
        ("practices/hiring/index.html", "/guides/peer/handouts/hiring/"),
    ] {
        let html = read(&out, page);
        assert!(html.contains(&format!(r#"<a href="{handout}">Print handout</a>"#)), "{page}");
    }
    let checklist = read(&out, "checklists/self-check/index.html");
    let worksheet = r#"<a href="/guides/peer/handouts/checklists/self-check/">Print a blank worksheet</a>"#;
    assert!(checklist.contains(worksheet), "a checklist links its blank worksheet: {checklist}");
    assert!(!read(&out, "about/index.html").contains("Print handout"));
}

#[test]
fn handouts_index_lists_every_handout() {
    let (_t, out, _) = built(&[]);
    let index = read(&out, "handouts/index.html");
    let mut found = 0;
    for e in walkdir::WalkDir::new(out.join("handouts")).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(&out).unwrap().to_string_lossy().replace('\\', "/");
        let Some(dir) = rel.strip_suffix("index.html") else { continue };
        if dir == "handouts/" {
            continue;
        }
        found += 1;
        assert!(index.contains(&format!(r#"<a href="/guides/peer/{dir}">"#)), "/handouts/ does not list /{dir}");
    }
    assert_eq!(found, HANDOUT_PAGES.len() - 1);
    assert!(index.contains("Training Day Pack") && index.contains("Spring Training, April 1, 2026"));
}

// ---------------------------------------------------------------- errors

#[test]
fn bundle_naming_a_missing_part_is_an_error_at_its_line() {
    let err = fails_with(
        |r| {
            edit(
                r,
                "guide.yaml",
                "      - practices/hiring/job-descriptions\n",
                "      - practices/hiring/job-descriptoins\n",
            )
        },
        &[],
        &[
            "guide.yaml:23",
            "`practices/hiring/job-descriptoins`",
            "training-day",
            "did you mean `practices/hiring/job-descriptions`?",
            "P0303",
            "nothing was written",
        ],
    );
    assert!(err.contains("- practices/hiring/job-descriptoins"), "quotes the line: {err}");
}

#[test]
fn two_bundles_with_one_name_is_an_error() {
    fails_with(
        |r| {
            let p = r.join("guide.yaml");
            let mut t = fs::read_to_string(&p).unwrap();
            t.push_str("  - name: training-day\n    title: Again\n    include:\n      - about\n");
            fs::write(p, t).unwrap();
        },
        &[],
        &["guide.yaml:26", "two handout bundles are named `training-day`"],
    );
}

#[test]
fn an_area_called_complete_is_an_error_naming_the_complete_guide() {
    fails_with(
        |r| fs::rename(r.join("content/practices/support"), r.join("content/practices/complete")).unwrap(),
        &[],
        &[
            "content/practices/complete/_index.md:1",
            "an area cannot be called `complete`",
            "/handouts/complete/, where practica publishes the handout of the complete guide",
            "rename the folder content/practices/complete/",
            "nothing was written",
        ],
    );
}

#[test]
fn pdf_without_chromium_fails_clearly_and_writes_nothing() {
    let err =
        fails_with(|_| {}, &["--pdf", "--chrome", "/nonexistent/chromium"], &["--chrome", "apt-get install chromium"]);
    assert!(err.contains("Chromium"), "{err}");
}

/// A build with `--pdf` that must fail, run with PRACTICA_PRINT_TIMEOUT: its
/// error text, after checking that the site written before is untouched.
fn pdf_build_fails(site: &Path, chrome: &Path, timeout: &str) -> String {
    pdf_build_fails_with(site, timeout, |c| {
        c.args(["--chrome", chrome.to_str().unwrap()]);
    })
}

fn pdf_build_fails_with(site: &Path, timeout: &str, setup: impl FnOnce(&mut Command)) -> String {
    let out = site.join("public");
    let first = build(site, &out, &[]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let before = snapshot(&out);
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_practica"));
    cmd.args(["build", "--root", site.to_str().unwrap(), "--output", out.to_str().unwrap(), "--pdf"])
        .env("NO_COLOR", "1")
        .env("PRACTICA_PRINT_TIMEOUT", timeout);
    setup(&mut cmd);
    let o = cmd.output().unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    assert_eq!(o.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("error[P0502]") && stderr.contains("the site was not changed"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(snapshot(&out), before, "the site is as it was");
    stderr
}

#[cfg(unix)]
#[test]
fn a_chromium_that_never_starts_is_cut_off_and_named() {
    use std::os::unix::fs::PermissionsExt;
    let site = copy_fixture("basic");
    // Starts, then never opens the DevTools port it was asked for.
    let fake = site.path().join("stuck-chromium");
    fs::write(&fake, "#!/bin/sh\nsleep 60\n").unwrap();
    fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    let err = pdf_build_fails(site.path(), &fake, "2");
    assert!(
        err.contains("stuck-chromium could not be started as a headless Chromium: it did not answer within 2 s"),
        "{err}"
    );
}

/// Programs on PATH that say who they are and stop (a second later, so that
/// what they said is read before they are seen to stop).
#[cfg(unix)]
fn fake_browsers(dir: &Path, names: &[&str]) -> std::ffi::OsString {
    use std::os::unix::fs::PermissionsExt;
    fs::create_dir_all(dir).unwrap();
    for name in names {
        let fake = dir.join(name);
        fs::write(&fake, format!("#!/bin/sh\necho 'this is {name}' >&2\n/bin/sleep 1\nexit 3\n")).unwrap();
        fs::set_permissions(&fake, fs::Permissions::from_mode(0o755)).unwrap();
    }
    dir.as_os_str().to_owned()
}

#[cfg(unix)]
#[test]
fn without_chrome_the_headless_shell_is_chosen_before_chromium() {
    let site = copy_fixture("basic");
    let path = fake_browsers(&site.path().join("bin"), &["chromium", "chromium-headless-shell"]);
    let err = pdf_build_fails_with(site.path(), "10", |c| {
        c.env("PATH", &path);
    });
    assert!(
        // With its exit status when Chromium's end is seen before its output's.
        err.contains("chromium-headless-shell could not be started as a headless Chromium: it stopped")
            && err.contains("before it answered; it said: this is chromium-headless-shell\n"),
        "{err}"
    );

    // With only the full browser, that is the one used.
    let site = copy_fixture("basic");
    let path = fake_browsers(&site.path().join("bin"), &["chromium"]);
    let err = pdf_build_fails_with(site.path(), "10", |c| {
        c.env("PATH", &path);
    });
    assert!(err.contains("/bin/chromium could not be started") && err.contains("it said: this is chromium\n"), "{err}");
}

/// Values of an attribute written as `prefix` + value + `"`.
fn attr_values(html: &str, prefix: &str) -> Vec<String> {
    html.match_indices(prefix)
        .map(|(i, _)| {
            let rest = &html[i + prefix.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

/// Draws the first QR code's SVG path into a bitmap and decodes it.
fn decode_svg_qr(html: &str) -> String {
    let svg = &html[html.find("<svg class=\"qr\"").expect("a QR code")..];
    let size: usize = attr_values(svg, "viewBox=\"0 0 ")[0].split(' ').next().unwrap().parse().unwrap();
    let d = &attr_values(svg, " d=\"")[0];
    let mut dark = vec![false; size * size];
    // The path strokes runs along module rows: `M x y.5` starts a row, `m dx 0`
    // moves along it, `h n` draws n modules. Read as a browser would.
    let (mut x, mut y) = (0usize, 0usize);
    let commands = d.chars().filter(|c| c.is_ascii_alphabetic());
    let operands = d.split(|c: char| c.is_ascii_alphabetic()).skip(1);
    for (command, operand) in commands.zip(operands) {
        let nums: Vec<f64> = operand.split(' ').filter(|s| !s.is_empty()).map(|s| s.parse().unwrap()).collect();
        match (command, nums.as_slice()) {
            ('M', [nx, ny]) => (x, y) = (*nx as usize, ny.floor() as usize),
            ('m', [dx, dy]) if *dy == 0.0 => x += *dx as usize,
            ('h', [n]) => {
                for i in x..x + *n as usize {
                    dark[y * size + i] = true;
                }
                x += *n as usize;
            }
            other => panic!("unexpected path command {other:?} in {d}"),
        }
    }
    let scale = 6;
    let px = size * scale;
    let mut img =
        rqrr::PreparedImage::prepare_from_greyscale(
            px,
            px,
            |x, y| if dark[(y / scale) * size + x / scale] { 0 } else { 255 },
        );
    let grids = img.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code found");
    grids[0].decode().expect("the QR code decodes").1
}

mod pdfs;
