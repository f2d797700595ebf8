//! `practica build` on the fixture guide: what a publisher would find in public/.

use crate::common::*;

fn built() -> (tempfile::TempDir, std::path::PathBuf, Run) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build(&fixture("basic"), &out, &[]);
    (tmp, out, r)
}

#[test]
fn reports_one_summary_line_and_exits_zero() {
    let (_t, out, r) = built();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("Built 32 pages (3 practices, 2 areas, 1 tip, 1 checklist) in "), "{}", r.stdout);
    assert!(r.stdout.trim_end().ends_with(&format!("→ {}/", out.display())), "{}", r.stdout);
    assert_eq!(r.stderr, "", "a clean guide prints no warnings");
}

#[test]
fn links_resolve_under_the_sub_path() {
    let (_t, out, _) = built();
    let home = read(&out, "index.html");
    assert!(home.contains(r#"href="/guides/peer/practices/hiring/job-descriptions/#why-it-matters""#), "{home}");
    assert!(
        home.contains(r#"src="/guides/peer/img/map.svg" alt="Regional map""#),
        "root-relative image gets the base path"
    );
    assert!(home.contains(r#"href="/guides/peer/css/practica.css""#));
    let jd = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(
        jd.contains(r#"<a href="/guides/peer/practices/support/regular-supervision/">supervision</a>"#),
        "relative .md link"
    );
    assert!(jd.contains(r#"<a href="/guides/peer/tips/train-supervisors/">the tip</a>"#), "@/ link");
    assert!(jd.contains(
        r#"<link rel="canonical" href="https://example.org/guides/peer/practices/hiring/job-descriptions/">"#
    ));
    assert!(out.join("img/map.svg").is_file(), "site static copied");
    assert!(out.join("css/practica.css").is_file(), "theme static copied");
}

#[test]
fn base_url_flag_overrides_guide_yaml() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("basic"), &out, &["--base-url", "http://127.0.0.1:8080/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let jd = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(jd.contains(r#"href="/practices/support/regular-supervision/""#));
    assert!(read(&out, "sitemap.xml").contains("<loc>http://127.0.0.1:8080/practices/</loc>"));
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let (_t, out, _) = built();
    assert!(!out.join("practices/hiring/secret-draft").exists());
    assert!(!read(&out, "practices/hiring/index.html").contains("Secret draft practice"));
    assert!(!read(&out, "sitemap.xml").contains("secret-draft"));

    let tmp = tempfile::tempdir().unwrap();
    let out2 = tmp.path().join("public");
    let r = build(&fixture("basic"), &out2, &["--drafts"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&out2, "practices/hiring/secret-draft/index.html").contains("Secret draft practice"));
}

#[test]
fn site_template_overrides_the_theme() {
    let (_t, out, _) = built();
    assert!(read(&out, "tips/train-supervisors/index.html").contains(r#"data-override="site-tip-template""#));
    assert!(!read(&out, "practices/hiring/job-descriptions/index.html").contains("data-override"));
}

#[test]
fn taxonomy_pages_list_the_right_practices() {
    let (_t, out, _) = built();
    let hiring = read(&out, "tags/hiring/index.html");
    assert!(hiring.contains("Write job descriptions"));
    assert!(hiring.contains("Interview &lt;script&gt;"));
    assert!(!hiring.contains("Regular supervision"));
    let jd_tag = read(&out, "tags/job-design/index.html");
    assert!(jd_tag.contains("Topic: Job Design"), "tag label kept, slug made");
    let sup = read(&out, "audience/supervisors/index.html");
    assert!(sup.contains("Regular supervision") && sup.contains("Interview"));
    assert!(!sup.contains("Write job descriptions"));
    let tags = read(&out, "tags/index.html");
    assert!(tags.contains(r#"href="/guides/peer/tags/supervision/""#));
}

#[test]
fn front_matter_is_escaped_and_template_syntax_stays_literal() {
    let (_t, out, _) = built();
    let page = read(&out, "practices/hiring/interviews/index.html");
    assert!(!page.contains("<script>alert(1)"), "title must be escaped");
    assert!(page.contains("<h1>Interview &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;fairly&quot;</h1>"));
    let area = read(&out, "practices/hiring/index.html");
    assert!(!area.contains("<script>alert"));
    let jd = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(jd.contains("Templates like {{ page.title }} and {% raw %} stay literal."), "{jd}");
}

#[test]
fn practice_page_shows_everything_about_the_practice() {
    let (_t, out, _) = built();
    let sup = read(&out, "practices/support/regular-supervision/index.html");
    let text = visible_text(&sup);
    assert!(text.contains("Meet regularly."), "summary");
    assert!(text.contains("For: Supervisors"), "audience: {text}");
    assert!(text.contains("Tips Train supervisors"), "tip for the area applies: {text}");
    assert!(text.contains("Related practices Write job descriptions"), "related");
    assert!(text.contains("Source The Handbook . Test Consortium (2020)."), "attribution: {text}");
    assert!(sup.contains(r#"<div class="callout callout-tip" role="note"><p class="callout-title">Tip</p>"#));
    assert!(text.contains("Home Practices Support Regular supervision"), "breadcrumbs: {text}");
    let jd = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(jd.contains(r#"rel="next""#) && jd.contains("Next</span> Interview"), "prev/next within the area");
    assert!(jd.contains(
        r#"<span class="task" id="task-a-description-exists" data-task="a-description-exists" data-section="In place when">A description exists.</span>"#
    ), "{jd}");
}

#[test]
fn area_lists_practices_in_weight_order() {
    let (_t, out, _) = built();
    let area = read(&out, "practices/hiring/index.html");
    let a = area.find("Write job descriptions").unwrap();
    let b = area.find("Interview &lt;script").unwrap();
    assert!(a < b);
    let all = read(&out, "practices/index.html");
    assert!(all.find(">Hiring<").unwrap() < all.find(">Support<").unwrap());
}

#[test]
fn checklist_groups_items_under_headings() {
    let (_t, out, _) = built();
    let c = read(&out, "checklists/self-check/index.html");
    let h = c.find("id=\"hiring\"").unwrap();
    let item = c.find("Job descriptions exist.").unwrap();
    let s = c.find("id=\"support\"").unwrap();
    assert!(h < item && item < s);
    assert!(c.contains(r#"href="/guides/peer/practices/hiring/job-descriptions/""#));
}

#[test]
fn sitemap_robots_and_404() {
    let (_t, out, _) = built();
    let sm = read(&out, "sitemap.xml");
    assert!(sm.contains("<loc>https://example.org/guides/peer/</loc>"));
    assert!(sm.contains("<loc>https://example.org/guides/peer/practices/support/regular-supervision/</loc>"));
    assert!(!sm.contains("404"));
    assert!(read(&out, "robots.txt").contains("Sitemap: https://example.org/guides/peer/sitemap.xml"));
    let nf = read(&out, "404.html");
    assert!(nf.contains("Page not found") && nf.contains(r#"href="/guides/peer/practices/hiring/""#));
}

#[test]
fn every_page_has_one_h1_lang_and_landmarks() {
    let (_t, out, _) = built();
    for e in walkdir::WalkDir::new(&out).into_iter().filter_map(Result::ok) {
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let name = e.path().display();
        assert_eq!(html.matches("<h1").count(), 1, "{name}");
        assert!(html.contains(r#"<html lang="en" dir="ltr">"#), "{name}");
        assert!(html.contains(r#"<main id="main""#) && html.contains("<header") && html.contains("<footer"), "{name}");
        assert!(html.contains(r##"class="skip-link" href="#main""##), "{name}");
        let elsewhere = requests_to_other_hosts(&html);
        assert!(elsewhere.is_empty(), "{name} asks another host for {elsewhere:?}");
    }
}

/// What a page makes the browser fetch from another host: absolute or
/// protocol-relative addresses in the attributes that load something (not
/// `<a href>` or `<link rel=canonical|alternate>`, which are not requests),
/// and in CSS `url()` and `@import`.
fn requests_to_other_hosts(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let foreign = |v: &str| {
        let v = v.trim().trim_matches(|c| c == '"' || c == '\'');
        (v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")).then(|| v.to_string())
    };
    let mut out = Vec::new();
    for (at, _) in lower.match_indices('<') {
        let tag_end = lower[at..].find('>').map_or(lower.len(), |e| at + e);
        let tag = &lower[at + 1..tag_end];
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').next().unwrap_or_default();
        let loads: &[&str] = match name {
            "script" | "img" | "iframe" | "source" | "video" | "audio" | "embed" | "track" | "input" => {
                &["src=", "srcset=", "poster="]
            }
            "object" => &["data="],
            "form" => &["action="],
            "link" if !tag.contains("rel=\"canonical\"") && !tag.contains("rel=\"alternate\"") => {
                &["href=", "imagesrcset="]
            }
            _ => &[],
        };
        for attr in loads {
            for (i, _) in tag.match_indices(attr) {
                let before = tag[..i].chars().last();
                if before.is_some_and(|c| !c.is_whitespace()) {
                    continue;
                }
                let value = &tag[i + attr.len()..];
                let value = match value.chars().next() {
                    Some(q @ ('"' | '\'')) => value[1..].split(q).next().unwrap_or_default(),
                    _ => value.split_whitespace().next().unwrap_or_default(),
                };
                out.extend(value.split(',').filter_map(|v| foreign(v.split_whitespace().next().unwrap_or_default())));
            }
        }
    }
    for key in ["url(", "@import"] {
        for (i, _) in lower.match_indices(key) {
            let rest = lower[i + key.len()..].trim_start().trim_start_matches("url(");
            out.extend(foreign(rest.split([')', ';', ' ']).next().unwrap_or_default()));
        }
    }
    out
}

#[test]
fn the_check_for_requests_to_other_hosts_finds_them() {
    for page in [
        r#"<script src="https://cdn.example/x.js"></script>"#,
        r#"<link rel="stylesheet" href="//fonts.example/css">"#,
        r#"<img alt="" srcset="/a.png 1x, https://img.example/b.png 2x">"#,
        r#"<div style="background:url('http://x.example/bg.png')"></div>"#,
        r#"<style>@import "https://x.example/a.css";</style>"#,
        r#"<form action="https://collect.example/"></form>"#,
    ] {
        assert_eq!(requests_to_other_hosts(page).len(), 1, "{page}");
    }
    for page in [
        r#"<a href="https://example.org/">a link is not a request</a>"#,
        r#"<link rel="canonical" href="https://example.org/guides/peer/">"#,
        r#"<link rel="alternate" hreflang="es" href="https://example.org/es/">"#,
        r#"<script src="/guides/peer/js/practica.js"></script><img src="img/map.svg" alt="">"#,
    ] {
        assert!(requests_to_other_hosts(page).is_empty(), "{page}");
    }
}

#[test]
fn rebuild_replaces_output_and_leaves_no_staging_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    std::fs::create_dir_all(out.join("stale")).unwrap();
    std::fs::write(out.join("stale/old.html"), "old").unwrap();
    // An earlier build's output, as its marker says.
    std::fs::write(out.join(".practica-output"), "").unwrap();
    // A staging folder left by a killed build (a pid that cannot be running).
    std::fs::create_dir_all(tmp.path().join("public.practica-staging-4294967295")).unwrap();
    let r = build(&fixture("basic"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!out.join("stale").exists(), "output is replaced, not merged");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, vec![std::ffi::OsString::from("public")]);
}

#[test]
fn audiences_need_no_list_in_guide_yaml_until_there_is_one() {
    let site = copy_fixture("basic");
    let yaml = std::fs::read_to_string(site.path().join("guide.yaml")).unwrap();
    let without: String = yaml
        .lines()
        .filter(|l| !l.starts_with("audiences:") && !l.starts_with("  hr:") && !l.starts_with("  supervisors:"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(site.path(), "guide.yaml", &without);
    edit(site.path(), "content/practices/hiring/job-descriptions.md", "audience: [hr]", "audience: [hr, all-staff]");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "any key is accepted without an audiences list: {}", r.stderr);
    let page = read(&out, "practices/hiring/job-descriptions/index.html");
    assert!(page.contains(">HR</a>") && page.contains(">All staff</a>"), "labels made from the keys");
    assert!(read(&out, "audience/all-staff/index.html").contains("For All staff"));

    // Once guide.yaml lists audiences, an unknown key is an error again.
    write(site.path(), "guide.yaml", &format!("{without}audiences:\n  hr: Human resources\n"));
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("audience `all-staff` is not listed in guide.yaml"), "{}", r.stderr);
}
