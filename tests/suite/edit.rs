//! Editing in the preview (issue 30), over HTTP against the real binary: the
//! guard on every request, what may be read and written, saves that change
//! only what the editor changed, conflicts, new pages and images.

use std::path::Path;

use crate::common::*;
use crate::edit_support::{Preview, differing, git};
use serde_json::json;

const PRACTICE: &str = "content/practices/support/regular-supervision.md";

#[test]
fn pages_carry_the_bar_and_the_views_carry_the_secret() {
    let p = Preview::start(&[]);
    let page = p.request("GET", "/guides/peer/practices/support/regular-supervision/", &[], b"");
    assert_eq!(page.status, 200);
    let bar = page.body.split("<nav aria-label=\"Editing\"").nth(1).expect("the editing bar");
    assert!(bar.contains(
        "href=\"/__practica/edit?file=content%2Fpractices%2Fsupport%2Fregular-supervision.md\">Edit this page"
    ));
    assert!(bar.contains(">Guide status<") && bar.contains(">New page<"));
    let handout = p.request("GET", "/guides/peer/handouts/support/regular-supervision/", &[], b"");
    assert!(handout.body.contains("/__practica/edit?file=content%2Fpractices%2Fsupport%2Fregular-supervision.md"));
    let tags = p.request("GET", "/guides/peer/tags/", &[], b"");
    assert!(tags.body.contains("data-practica-editbar") && !tags.body.contains("Edit this page"));

    for (view, target) in [
        ("edit", "/__practica/edit?file=content%2Fabout.md"),
        ("new", "/__practica/new?kind=tip"),
        ("status", "/__practica/status"),
    ] {
        let shell = p.request("GET", target, &[], b"");
        assert_eq!(shell.status, 200, "{view}");
        assert!(shell.body.contains(&format!("<body data-view=\"{view}\">")), "{view}");
        assert!(shell.body.contains("<html lang=\"en\">") && shell.body.contains("<main id=\"main\""));
        assert!(shell.body.contains("name=\"practica-base\" content=\"/guides/peer/\""));
        assert!(shell.body.contains(&format!("content=\"{}\"", p.secret.as_deref().unwrap())));
        assert!(shell.body.contains("href=\"#main\""), "a skip link");
    }
    let edit = p.request("GET", "/__practica/edit?file=content%2Fabout.md", &[], b"");
    assert!(edit.body.contains("<a href=\"/guides/peer/about/\">Back to the page</a>"));
    // The views' scripts answer even before they are written, so a page never breaks on them.
    let script = p.request("GET", "/__practica/edit/status.js", &[], b"");
    assert_eq!(script.status, 200);
    assert!(script.head.contains("content-type: text/javascript"));
    assert_eq!(p.request("GET", "/__practica/edit/nothing.js", &[], b"").status, 404);
    assert_eq!(p.request("GET", "/__practica/edit/shell.html", &[], b"").status, 404);
}

#[test]
fn the_api_answers_only_the_previews_own_pages_with_the_secret() {
    let p = Preview::start(&[]);
    let before = snapshot(p.root());
    let secret = p.secret.clone().unwrap();
    let own = format!("http://{}", p.addr);
    let port: u16 = p.addr.rsplit(':').next().unwrap().parse().unwrap();
    let other = format!("http://127.0.0.1:{}", port.wrapping_add(1));
    let change = json!({ "path": PRACTICE, "hash": "x", "changes": { "title": "Hacked" } }).to_string();
    let json_type = ("Content-Type", "application/json");
    let attempts: Vec<(&str, Vec<(&str, &str)>)> = vec![
        ("no secret", vec![json_type, ("Origin", own.as_str())]),
        ("a wrong secret", vec![json_type, ("X-Practica-Secret", "0123"), ("Origin", own.as_str())]),
        ("another port's page", vec![json_type, ("X-Practica-Secret", secret.as_str()), ("Origin", other.as_str())]),
        ("another port's referer", vec![json_type, ("X-Practica-Secret", secret.as_str()), ("Referer", &other)]),
        ("a form", vec![("Content-Type", "application/x-www-form-urlencoded"), ("X-Practica-Secret", secret.as_str())]),
        ("plain text", vec![("Content-Type", "text/plain"), ("X-Practica-Secret", secret.as_str())]),
        ("cross-site fetch", vec![json_type, ("X-Practica-Secret", secret.as_str()), ("Sec-Fetch-Site", "cross-site")]),
    ];
    for (what, headers) in &attempts {
        let a = p.request("POST", "/__practica/api/save", headers, change.as_bytes());
        assert_eq!(a.status, 403, "{what}: {}", a.body);
        assert!(!a.head.contains("access-control-"), "{what}: no CORS headers");
        // A form's content type matters for writes only.
        if !matches!(*what, "a form" | "plain text") {
            let g = p.request("GET", "/__practica/api/guide", headers, b"");
            assert_eq!(g.status, 403, "{what}: reading needs the same");
        }
    }
    let preflight = p.request(
        "OPTIONS",
        "/__practica/api/save",
        &[("Origin", other.as_str()), ("Access-Control-Request-Method", "POST")],
        b"",
    );
    assert_ne!(preflight.status, 200);
    assert!(!preflight.head.contains("access-control-"));
    let guide = p.api("GET", "guide", None);
    assert_eq!(guide.status, 200, "{}", guide.body);
    assert!(!guide.head.contains("access-control-"));
    // Reading, even with the secret, never writes.
    for what in [
        "guide",
        "file?path=content/about.md",
        "status",
        "new-name?kind=tip&title=X",
        "translation?file=content/about.md&lang=es",
    ] {
        p.api("GET", what, None);
    }
    let writes = ["save", "new", "image", "preview"];
    for what in writes {
        assert_eq!(
            p.api("GET", &format!("{what}?path={PRACTICE}&kind=tip&title=X&name=x.png"), None).status,
            405,
            "{what}"
        );
    }
    assert_eq!(snapshot(p.root()), before, "nothing changed");
}

#[test]
fn editing_is_off_beyond_loopback_and_with_no_edit() {
    for (args, says) in [
        (&["--no-edit"][..], "Editing is off (--no-edit)."),
        (&["--bind", "0.0.0.0"][..], "Editing is off: the preview listens on 0.0.0.0; editing needs 127.0.0.1."),
    ] {
        let p = Preview::start(args);
        assert!(p.said.iter().any(|l| l == says), "{args:?}: {:?}", p.said);
        assert!(p.secret.is_none(), "{args:?}");
        let page = p.request("GET", "/guides/peer/about/", &[], b"");
        assert_eq!(page.status, 200);
        assert!(!page.body.contains("data-practica-editbar"), "{args:?}: no bar");
        for target in [
            "/__practica/api/guide",
            "/__practica/edit?file=content%2Fabout.md",
            "/__practica/status",
            "/__practica/edit/edit.js",
        ] {
            assert_eq!(p.request("GET", target, &[], b"").status, 404, "{args:?} {target}");
        }
    }
}

#[test]
fn a_file_is_read_with_its_parts_and_only_inside_the_guide() {
    let p = Preview::start(&[]);
    let f = p.api("GET", &format!("file?path={}", PRACTICE.replace('/', "%2F")), None);
    assert_eq!(f.status, 200, "{}", f.body);
    let v = f.json();
    assert_eq!(v["text"], p.read(PRACTICE));
    assert_eq!((v["kind"].as_str(), v["lang"].as_str()), (Some("practice"), Some("en")));
    assert_eq!(v["front_matter"]["audience"], json!(["supervisors"]));
    assert_eq!(v["body_line"], 9);
    assert!(v["body"].as_str().unwrap().starts_with("## Why it matters"));
    assert_eq!(v["url"], "/guides/peer/practices/support/regular-supervision/");
    assert_eq!(v["hash"].as_str().unwrap().len(), 40);
    assert_eq!(p.api("GET", "file?path=content/nothing.md", None).status, 404);
    for bad in ["../Cargo.toml", "/etc/passwd", "content/../guide.yaml", "templates/base.html", "static/img/map.svg"] {
        let a = p.api("GET", &format!("file?path={bad}"), None);
        assert_eq!(a.status, 400, "{bad}: {}", a.body);
    }
}

/// A guide whose content/ holds a link to a folder outside it.
#[cfg(unix)]
fn linked_out(root: &Path) {
    let outside = root.join("../").join(format!("{}-outside", root.file_name().unwrap().to_string_lossy()));
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.md"), "---\ntitle: Outside\n---\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("content/linked")).unwrap();
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_guide_is_neither_read_nor_written() {
    let p = Preview::start_with(linked_out, &[]);
    let outside = p.root().join("../").join(format!("{}-outside", p.root().file_name().unwrap().to_string_lossy()));
    let a = p.api("GET", "file?path=content/linked/secret.md", None);
    assert_eq!(a.status, 400, "{}", a.body);
    assert!(!a.body.contains("Outside"));
    let save = p.api(
        "POST",
        "save",
        Some(json!({ "path": "content/linked/secret.md", "hash": "", "text": "---\ntitle: In\n---\n" })),
    );
    assert_eq!(save.status, 400, "{}", save.body);
    let new = p.api("POST", "new", Some(json!({ "kind": "page", "title": "X", "file": "linked/x.md" })));
    assert!(new.status >= 400, "{}", new.body);
    assert_eq!(std::fs::read_to_string(outside.join("secret.md")).unwrap(), "---\ntitle: Outside\n---\n");
    assert_eq!(std::fs::read_dir(&outside).unwrap().count(), 1);
    let _ = std::fs::remove_dir_all(outside);
}

#[test]
fn the_guide_lists_fields_from_the_one_description() {
    let p = Preview::start(&[]);
    let g = p.api("GET", "guide", None).json();
    assert_eq!(g["title"], "Fixture Guide");
    assert_eq!(g["base"], "/guides/peer/");
    let practice: Vec<&str> =
        g["fields"]["practice"].as_array().unwrap().iter().map(|f| f["name"].as_str().unwrap()).collect();
    assert_eq!(practice[..3], ["title", "summary", "audience"]);
    assert!(practice.contains(&"next_review") && !practice.contains(&"source_hash"));
    // What a translation may say in its own language, from the description.
    let translated = |name: &str| {
        g["fields"]["practice"].as_array().unwrap().iter().find(|f| f["name"] == name).unwrap()["translated"].clone()
    };
    assert_eq!(
        (translated("title"), translated("audience"), translated("tags")),
        (json!(true), json!(false), json!(false))
    );
    assert!(g["audiences"].as_array().unwrap().iter().any(|a| a["key"] == "supervisors"));
    assert!(g["tags"].as_array().unwrap().contains(&json!("supervision")));
    let page = g["pages"].as_array().unwrap().iter().find(|p| p["file"] == PRACTICE).expect("the practice");
    assert_eq!(page["headings"][0]["id"], "why-it-matters");
    assert_eq!(g["today"].as_str().unwrap().len(), 10);
}

/// Front matter written as people write it: comments, odd quoting, a flow
/// list and a block list, blank lines, a body with trailing spaces.
const HAND_WRITTEN: &str = concat!(
    "---\n",
    "# Checked with the supervisors' group.\n",
    "title: 'Regular supervision'\n",
    "summary:   \"Meet regularly.\"   # keep it short\n",
    "\n",
    "audience: [ supervisors ]\n",
    "tags:\n",
    "    - supervision\n",
    "related: [job-descriptions]\n",
    "source: handbook\n",
    "reviewed: 2026-01-05\n",
    "---\n",
    "## Why it matters  \n",
    "\n",
    "Regular meetings.\n",
);

fn hand_written(root: &Path) {
    std::fs::write(root.join(PRACTICE), HAND_WRITTEN).unwrap();
}

fn hash_of(p: &Preview, path: &str) -> String {
    p.api("GET", &format!("file?path={path}"), None).json()["hash"].as_str().unwrap().to_string()
}

#[test]
fn a_save_changes_only_the_lines_of_the_changed_keys() {
    let p = Preview::start_with(hand_written, &[]);
    let hash = hash_of(&p, PRACTICE);
    let everything = json!({
        "title": "Supervision that lasts", "summary": "Meet every week, and write it down.",
        "audience": ["supervisors"], "tags": ["supervision"], "related": ["job-descriptions"],
        "source": "handbook", "reviewed": "2026-01-05",
    });
    let saved = p.api("POST", "save", Some(json!({ "path": PRACTICE, "hash": hash, "changes": everything })));
    assert_eq!(saved.status, 200, "{}", saved.body);
    let now = p.read(PRACTICE);
    assert_eq!(
        differing(HAND_WRITTEN, &now),
        [
            ("title: 'Regular supervision'".to_string(), "title: 'Supervision that lasts'".to_string()),
            (
                "summary:   \"Meet regularly.\"   # keep it short".to_string(),
                "summary: \"Meet every week, and write it down.\"   # keep it short".to_string()
            ),
        ]
    );
    assert_eq!(saved.json()["hash"].as_str().unwrap(), hash_of(&p, PRACTICE));
    assert_eq!(saved.json()["text"], now);

    // null removes a key; a new key goes at the end; the body is replaced as sent.
    let hash = hash_of(&p, PRACTICE);
    let body = "## Why it matters  \n\nRegular meetings, every week.\n";
    let changes = json!({ "reviewed": null, "next_review": "2027-01-15" });
    let saved =
        p.api("POST", "save", Some(json!({ "path": PRACTICE, "hash": hash, "changes": changes, "body": body })));
    assert_eq!(saved.status, 200, "{}", saved.body);
    let after = p.read(PRACTICE);
    assert!(!after.contains("reviewed:"), "{after}");
    assert!(
        after.contains(
            "source: handbook\nnext_review: 2027-01-15\n---\n## Why it matters  \n\nRegular meetings, every week.\n"
        ),
        "{after}"
    );
    assert!(after.starts_with("---\n# Checked with the supervisors' group.\n"));
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten() {
    let p = Preview::start(&[]);
    let opened = hash_of(&p, PRACTICE);
    let theirs = p.read(PRACTICE).replace("Meet regularly.", "Meet every fortnight.");
    std::fs::write(p.root().join(PRACTICE), &theirs).unwrap();
    let a = p.api("POST", "save", Some(json!({ "path": PRACTICE, "hash": opened, "changes": { "title": "Mine" } })));
    assert_eq!(a.status, 409, "{}", a.body);
    let v = a.json();
    assert_eq!(v["disk"]["text"], theirs);
    assert!(v["mine"].as_str().unwrap().contains("title: Mine"));
    assert_eq!(p.read(PRACTICE), theirs, "nothing written");
    // After choosing, the editor saves the whole text against the disk's version.
    let merged = theirs.replace("title: Regular supervision", "title: Mine");
    let a = p.api("POST", "save", Some(json!({ "path": PRACTICE, "hash": v["disk"]["hash"], "text": merged })));
    assert_eq!(a.status, 200, "{}", a.body);
    assert_eq!(p.read(PRACTICE), merged);
}

#[test]
fn a_breaking_save_is_saved_and_the_preview_shows_the_problem() {
    let p = Preview::start(&[]);
    let preview = p.api("POST", "preview", Some(json!({ "path": PRACTICE, "changes": { "audience": ["nobody"] }, "body": "## Steps\n\nSee [x](@/practices/none.md).\n" })));
    assert_eq!(preview.status, 200, "{}", preview.body);
    let v = preview.json();
    assert!(v["text"].as_str().unwrap().contains("audience: [nobody]"));
    assert!(v["html"].as_str().unwrap().contains("<h2 id=\"steps\""), "{}", v["html"]);
    let problems = v["problems"].as_array().unwrap();
    let audience = problems.iter().find(|p| p["field"] == "audience").unwrap_or_else(|| panic!("{problems:?}"));
    assert_eq!((audience["severity"].as_str(), audience["line"].as_u64()), (Some("error"), Some(4)));
    assert!(audience["help"].is_string() && audience["code"].as_str().unwrap().starts_with('P'));
    let link = problems
        .iter()
        .find(|p| p["message"].as_str().unwrap_or_default().contains("none.md"))
        .expect("the broken link");
    assert_eq!(link["line"], 11, "the body's line 3 is the file's line 11");
    assert!(link.get("field").is_none());
    assert_eq!(
        p.read(PRACTICE),
        std::fs::read_to_string(fixture("basic").join(PRACTICE)).unwrap(),
        "a preview writes nothing"
    );

    let hash = hash_of(&p, PRACTICE);
    let saved =
        p.api("POST", "save", Some(json!({ "path": PRACTICE, "hash": hash, "changes": { "audience": ["nobody"] } })));
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(p.read(PRACTICE).contains("audience: [nobody]"));
    let status = p.api("GET", "status", None).json();
    let found =
        status["problems"].as_array().unwrap().iter().any(|d| d["file"] == PRACTICE && d["field"] == "audience");
    assert!(found, "the guide's status shows the saved problem: {}", status["problems"]);
    // The last good site stays up.
    assert_eq!(p.request("GET", "/guides/peer/practices/support/regular-supervision/", &[], b"").status, 200);
}

#[test]
fn writes_outside_the_guides_files_are_refused() {
    let p = Preview::start(&[]);
    let before = snapshot(p.root());
    for bad in [
        "../outside.md",
        "/tmp/x.md",
        "content/../Cargo.toml",
        "content/../guide.yaml/../x.md",
        "templates/base.html",
        "static/img/map.svg",
        "Cargo.toml",
    ] {
        let a = p.api("POST", "save", Some(json!({ "path": bad, "hash": "", "text": "x" })));
        assert!(a.status == 400 || a.status == 404, "{bad}: {} {}", a.status, a.body);
    }
    let get = p.request(
        "GET",
        &format!("/__practica/api/save?path={PRACTICE}"),
        &[("X-Practica-Secret", p.secret.as_deref().unwrap())],
        b"",
    );
    assert_eq!(get.status, 405, "a GET never writes");
    assert_eq!(snapshot(p.root()), before);
}

#[test]
fn a_new_page_gets_its_name_from_its_title_and_never_replaces_a_file() {
    let p = Preview::start(&[]);
    let name = p.api("GET", "new-name?kind=practice&area=support&title=Peer+supervision+%C3%A0+deux", None);
    assert_eq!(name.json()["path"], "content/practices/support/peer-supervision-a-deux.md");
    let made = p.api(
        "POST",
        "new",
        Some(json!({ "kind": "practice", "area": "support", "title": "Peer supervision à deux" })),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    let text = p.read("content/practices/support/peer-supervision-a-deux.md");
    assert_eq!(
        text,
        "---\ntitle: Peer supervision à deux\nsummary: One sentence that says what this is and why.\n---\n\n"
    );
    assert_eq!(made.json()["hash"], hash_of(&p, "content/practices/support/peer-supervision-a-deux.md"));
    // The summary it starts with is the field's example, not the page's own
    // words: check says so until the editor writes one.
    let check = run(&["check", "--root", p.root().to_str().unwrap()]);
    assert!(
        check.stdout.contains("warning[P0220]")
            && check.stdout.contains("content/practices/support/peer-supervision-a-deux.md:3")
            && check.stdout.contains("the summary is still the example a new page starts with"),
        "{}",
        check.stdout
    );

    let again = p.api(
        "POST",
        "new",
        Some(json!({ "kind": "practice", "area": "support", "title": "Peer supervision à deux" })),
    );
    assert_eq!(again.status, 409, "{}", again.body);
    let taken = p.api("POST", "new", Some(json!({ "kind": "page", "title": "Anything", "file": "about" })));
    assert_eq!(taken.status, 409, "{}", taken.body);
    assert_eq!(p.read("content/about.md"), std::fs::read_to_string(fixture("basic").join("content/about.md")).unwrap());

    let tip = p.api("POST", "new", Some(json!({ "kind": "tip", "title": "Start small" })));
    assert_eq!((tip.status, tip.json()["path"].as_str()), (201, Some("content/tips/start-small.md")));
    // The preview picks the new file up like any other: its page is served.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while p.request("GET", "/guides/peer/tips/start-small/", &[], b"").status != 200 {
        assert!(std::time::Instant::now() < deadline, "the new tip's page is not served");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for (req, field) in [
        (json!({ "kind": "practice", "title": "No area" }), "area"),
        (json!({ "kind": "practice", "area": "nowhere", "title": "X" }), "area"),
        (json!({ "kind": "tip", "title": "  " }), "title"),
        (json!({ "kind": "page", "title": "X", "file": "../x" }), "file"),
        (json!({ "kind": "page", "title": "X", "file": "tags" }), "file"),
        (json!({ "kind": "poem", "title": "X" }), "kind"),
    ] {
        let a = p.api("POST", "new", Some(req.clone()));
        assert_eq!((a.status, a.json()["field"].as_str()), (400, Some(field)), "{req}: {}", a.body);
    }
}

#[test]
fn images_are_checked_by_size_and_first_bytes() {
    let p = Preview::start(&[]);
    let secret = p.secret.clone().unwrap();
    let upload = |name: &str, kind: &str, bytes: &[u8]| {
        let h = [("X-Practica-Secret", secret.as_str()), ("Content-Type", kind)];
        p.request("POST", &format!("/__practica/api/image?name={name}"), &h, bytes)
    };
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89";
    let a = upload("Team%20Photo.jpeg", "application/octet-stream", png);
    assert_eq!(a.status, 201, "{}", a.body);
    assert_eq!(a.json()["path"], "images/team-photo.png", "the name from a slug, the type from the bytes");
    assert_eq!(a.json()["url"], "/images/team-photo.png", "as Markdown names it");
    assert_eq!(std::fs::read(p.root().join("static/images/team-photo.png")).unwrap(), png);
    assert_eq!(upload("team-photo.png", "image/png", png).status, 200, "the same image again is fine");
    // Written into a page as the upload names it, the image resolves.
    let body = format!("![The team]({})\n", a.json()["url"].as_str().unwrap());
    let preview = p.api("POST", "preview", Some(json!({ "path": PRACTICE, "body": body }))).json();
    assert_eq!(preview["problems"], json!([]), "{}", preview["problems"]);
    assert!(preview["html"].as_str().unwrap().contains("images/team-photo.png"), "{}", preview["html"]);
    let mut other = png.to_vec();
    other.push(0);
    assert_eq!(upload("team-photo.png", "image/png", &other).status, 409);
    assert_eq!(upload("page.png", "image/png", b"<html><script>alert(1)</script></html>").status, 415);
    assert_eq!(
        upload("x.svg", "image/svg+xml", b"<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>").status,
        415
    );
    let mut big = png.to_vec();
    big.resize(5 * 1024 * 1024 + 1, 0);
    let too_big = upload("big.png", "image/png", &big);
    assert!(too_big.status == 413, "{}", too_big.status);
    assert_eq!(upload("form.png", "multipart/form-data; boundary=x", png).status, 403);
    let names: Vec<_> =
        std::fs::read_dir(p.root().join("static/images")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, ["team-photo.png"]);
}

#[test]
fn the_status_lists_problems_reviews_and_languages() {
    let p = Preview::start_on(
        "bilingual",
        |root| {
            edit(root, "content/about.md", "title: About", "title: About\nnext_review: 2026-12-01");
            edit(root, "content/checklists/self-check.md", "title:", "next_review: 2026-12-20\ntitle:");
            edit(root, PRACTICE, "audience: [supervisors]", "audience: [nobody]");
        },
        &[],
    );
    let a = p.api("GET", "status", None);
    assert_eq!(a.status, 200, "{}", a.body);
    let v = a.json();
    let problems = v["problems"].as_array().unwrap();
    let problem =
        problems.iter().find(|d| d["file"] == PRACTICE && d["severity"] == "error").expect("the audience problem");
    assert_eq!((problem["field"].as_str(), problem["severity"].as_str()), (Some("audience"), Some("error")));
    let reviews = v["reviews"].as_array().unwrap();
    assert_eq!(reviews.len(), 2, "{reviews:?}");
    assert_eq!((reviews[0]["file"].as_str(), reviews[0]["overdue"].as_bool()), (Some("content/about.md"), Some(true)));
    assert_eq!(
        (reviews[1]["next_review"].as_str(), reviews[1]["overdue"].as_bool()),
        (Some("2026-12-20"), Some(false))
    );
    let es = &v["languages"][0];
    assert_eq!(es["lang"], "es");
    let missing: Vec<&str> = es["missing"].as_array().unwrap().iter().map(|m| m["file"].as_str().unwrap()).collect();
    assert!(
        missing.contains(&"content/tips/train-supervisors.md") && !missing.contains(&"content/about.md"),
        "{missing:?}"
    );
}

#[test]
fn a_translation_shows_what_changed_since_and_is_marked_up_to_date() {
    let p = Preview::start_on(
        "bilingual",
        |root| {
            git(root, &["init", "-q"]);
            git(root, &["add", "-A"]);
            git(root, &["commit", "-q", "-m", "first"]);
        },
        &[],
    );
    let page = p.request("GET", "/guides/peer/es/about/", &[], b"");
    assert!(
        page.body.contains("/__practica/translate?file=content%2Fabout.md&amp;lang=es\">Edit this translation"),
        "the bar"
    );
    let shell = p.request("GET", "/__practica/translate?file=content%2Fabout.md&lang=es", &[], b"");
    assert!(shell.body.contains("<body data-view=\"translate\">"));
    assert!(shell.body.contains("<a href=\"/guides/peer/es/about/\">Back to the page</a>"), "the translation's page");
    let v = p.api("GET", "translation?file=content/about.md&lang=es", None).json();
    assert_eq!(v["translation"]["exists"], true);
    assert_eq!(v["changed"], json!([]), "up to date: {v}");
    assert_eq!(v["original"]["source_hash"], v["translation"]["source_hash"]);

    let original = p.read("content/about.md");
    let changed = original.replacen("\n---\n", "\n---\nA new first paragraph.\n\n", 1);
    std::fs::write(p.root().join("content/about.md"), &changed).unwrap();
    git(p.root(), &["commit", "-qam", "second"]);
    let v = p.api("GET", "translation?file=content/about.md&lang=es", None).json();
    let body_line = v["original"]["body_line"].as_u64().unwrap();
    assert_eq!(v["changed"], json!([{ "line": body_line, "text": "A new first paragraph." }]), "{v}");
    assert_ne!(v["original"]["source_hash"], v["translation"]["source_hash"]);

    // Mark as up to date: the translation records the original's hash.
    let tr = &v["translation"];
    let mark =
        json!({ "path": tr["path"], "hash": tr["hash"], "changes": { "source_hash": v["original"]["source_hash"] } });
    assert_eq!(p.api("POST", "save", Some(mark)).status, 200);
    let v = p.api("GET", "translation?file=content/about.md&lang=es", None).json();
    assert_eq!(v["changed"], json!([]));
    let status = p.api("GET", "status", None).json();
    assert_eq!(status["languages"][0]["stale"], json!([]), "{}", status["languages"]);

    // Without a recorded version the history cannot tell, and says so.
    let missing = p.api("GET", "translation?file=content/tips/train-supervisors.md&lang=es", None).json();
    assert_eq!((missing["translation"]["exists"].as_bool(), missing["changed"].is_null()), (Some(false), true));
    let made = p.api(
        "POST",
        "new",
        Some(json!({ "kind": "translation", "original": "content/tips/train-supervisors.md", "lang": "es" })),
    );
    assert_eq!(made.status, 201, "{}", made.body);
    assert_eq!(p.read("content/tips/train-supervisors.es.md"), p.read("content/tips/train-supervisors.md"));
    assert_eq!(p.api("GET", "translation?file=content/about.md&lang=fr", None).status, 400);
}

/// A page of another origin (another port on 127.0.0.1) in headless
/// Chromium: fetch, form posts, a navigation and a frame change nothing
/// (tests/browser/edit-security.mjs). Skips loudly outside CI without the tools.
#[test]
fn another_sites_page_in_a_browser_changes_nothing() {
    let Some(chromium) = crate::common::browser::tools_or_skip("edit-security") else { return };
    let p = Preview::start(&[]);
    let before = snapshot(p.root());
    let report = crate::common::browser::report(
        crate::common::browser::script("edit-security.mjs", &chromium)
            .args(["--preview", &format!("http://{}", p.addr), "--file", PRACTICE])
            .args(["--page", "/guides/peer/practices/support/regular-supervision/", "--site"])
            .arg(p.root()),
    );
    println!("{report}");
    assert!(report.contains("edit-security: 10 passed, 0 failed"), "{report}");
    let after = snapshot(p.root());
    let changed: Vec<_> = after.keys().filter(|k| before.get(*k) != after.get(*k)).collect();
    assert_eq!(changed, [Path::new(PRACTICE)], "only the preview's own save");
    assert!(p.read(PRACTICE).contains("title: Saved by the preview"));
}

/// A name pointed at 127.0.0.1 by another site (DNS rebinding) is no name of
/// the preview: its requests are refused before the API sees them.
#[test]
fn a_request_for_another_host_name_is_refused() {
    use std::io::{Read, Write};
    let p = Preview::start(&[]);
    let before = snapshot(p.root());
    let port = p.addr.rsplit(':').next().unwrap();
    let body = json!({ "path": PRACTICE, "hash": "", "text": "x" }).to_string();
    let mut s = std::net::TcpStream::connect(&p.addr).unwrap();
    let secret = p.secret.clone().unwrap();
    write!(
        s,
        "POST /__practica/api/save HTTP/1.1\r\nHost: evil.example:{port}\r\nOrigin: http://evil.example:{port}\r\n\
         X-Practica-Secret: {secret}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    s.read_to_string(&mut answer).unwrap();
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert_eq!(snapshot(p.root()), before);
}

#[test]
fn guide_yaml_is_edited_as_text_too() {
    let p = Preview::start(&[]);
    let before = p.read("guide.yaml");
    let hash = hash_of(&p, "guide.yaml");
    let saved = p.api(
        "POST",
        "save",
        Some(json!({ "path": "guide.yaml", "hash": hash, "changes": { "title": "Peer Guide" } })),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(
        differing(&before, &p.read("guide.yaml")),
        [("title: Fixture Guide".to_string(), "title: Peer Guide".to_string())]
    );
    let body = p.api("POST", "save", Some(json!({ "path": "guide.yaml", "hash": saved.json()["hash"], "body": "x" })));
    assert_eq!(body.status, 400, "guide.yaml has no body");
}

#[test]
fn a_preview_that_cannot_render_says_why_even_from_another_file() {
    let p = Preview::start(&[]);
    std::fs::write(p.root().join("guide.yaml"), "title: [unclosed\n").unwrap();
    let v = p.api("POST", "preview", Some(json!({ "path": PRACTICE, "changes": { "title": "New" } }))).json();
    assert!(v["html"].is_null());
    let problems = v["problems"].as_array().unwrap();
    assert!(problems.iter().any(|d| d["file"] == "guide.yaml" && d["severity"] == "error"), "{problems:?}");
}
