//! The shipped guide in content/: it builds cleanly and covers both source handouts.

use std::collections::BTreeMap;

use crate::common::*;

fn build_shipped() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let r = build(&manifest_dir(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "", "the shipped guide builds with no warning");
    assert!(r.stdout.contains("(27 practices, 8 areas, 3 tips, 1 checklist)"), "{}", r.stdout);
    (tmp, out)
}

/// content/practices/a/b.md → practices/a/b/index.html
fn page_for(content_file: &str) -> String {
    let p = content_file.strip_prefix("content/").expect("coverage pages live in content/");
    let p = p.strip_suffix(".md").unwrap();
    let p = p.strip_suffix("/_index").unwrap_or(p);
    format!("{p}/index.html")
}

#[test]
fn every_handout_item_is_on_the_page_the_coverage_table_names() {
    let (_t, out) = build_shipped();
    let table = std::fs::read_to_string(manifest_dir().join("tests/coverage.tsv")).unwrap();
    let mut rows = 0;
    let mut per_seed: BTreeMap<String, usize> = BTreeMap::new();
    let mut missing = Vec::new();
    for line in table.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 4, "coverage.tsv row needs 4 columns: {line}");
        let (seed, item, page, phrase) = (cols[0], cols[1], cols[2], cols[3]);
        rows += 1;
        *per_seed.entry(seed.to_string()).or_default() += 1;
        let html_path = out.join(page_for(page));
        let Ok(html) = std::fs::read_to_string(&html_path) else {
            missing.push(format!("{page}: page missing (for `{item}`)"));
            continue;
        };
        // Smart punctuation may curl quotes; phrases are plain words.
        let text = visible_text(&html).to_lowercase().replace(['\u{2019}', '\u{2018}'], "'");
        if !text.contains(&phrase.to_lowercase()) {
            missing.push(format!("{page}: lacks `{phrase}` (for `{item}`)"));
        }
    }
    assert!(missing.is_empty(), "coverage gaps:\n{}", missing.join("\n"));
    // Seed 000 has 43 bullets, each on a practice and, except the two that only introduce
    // a list (the checklist answers their sub-items one by one), on the checklist;
    // seed 002 has 11 practices and 3 tips.
    assert_eq!(per_seed.get("000"), Some(&84), "{per_seed:?}");
    assert_eq!(per_seed.get("002"), Some(&14), "{per_seed:?}");
    assert_eq!(rows, 98);
}

#[test]
fn every_practice_credits_its_source_and_has_the_three_parts() {
    let (_t, out) = build_shipped();
    let mut practices = 0;
    for e in walkdir::WalkDir::new(out.join("practices")).min_depth(3).into_iter().filter_map(Result::ok) {
        if e.file_name() != "index.html" {
            continue;
        }
        practices += 1;
        let html = std::fs::read_to_string(e.path()).unwrap();
        let name = e.path().display();
        let text = visible_text(&html);
        assert!(
            text.contains("Why it matters")
                && text.contains("How to put it in place")
                && text.contains("In place when"),
            "{name}"
        );
        assert!(html.contains("class=\"attribution\""), "{name} credits a source");
        assert!(html.contains("class=\"task\" id=\"task-"), "{name} has an in-place-when task list");
    }
    assert_eq!(practices, 27);
}

#[test]
fn the_checklist_links_every_item_to_a_practice() {
    let (_t, out) = build_shipped();
    let html = read(&out, "checklists/workforce-integration-self-assessment/index.html");
    let items = html.matches("class=\"task\" id=").count();
    // Seed 000's 43 bullets less the two that only introduce a list.
    assert!(items >= 41, "{items}");
    for area in ["Recruitment and Hiring", "Supervision", "Financing and Sustainability"] {
        assert!(html.contains(&format!(">{area}</h2>")), "{area}");
    }
    for chunk in html.split("<li>").skip(1).filter(|c| c.contains("class=\"task\"")) {
        assert!(chunk.contains("href=\"/practices/"), "item without a practice link: {chunk}");
    }
}

#[test]
fn the_home_page_invites_readers_to_assess_their_organization_in_each_language() {
    let (_t, out) = build_shipped();
    for (page, heading, privacy, checklist) in [
        (
            "index.html",
            "Assess your organization",
            "Your answers stay in your browser and are not sent anywhere.",
            r#"<a href="/checklists/workforce-integration-self-assessment/">Workforce integration self-assessment</a>"#,
        ),
        (
            "es/index.html",
            "Evalúe su organización",
            "Sus respuestas se quedan en su navegador y no se envían a ningún lugar.",
            r#"<a href="/es/checklists/workforce-integration-self-assessment/">Autoevaluación de la integración del personal</a>"#,
        ),
    ] {
        let html = read(&out, page);
        let invite = &html[html.find("class=\"home-assess\"").unwrap_or_else(|| panic!("{page} has no invitation"))..];
        let invite = &invite[..invite.find("</section>").unwrap()];
        assert!(invite.contains(&format!(">{heading}</h2>")), "{page}: {invite}");
        assert!(invite.contains(privacy), "{page}: {invite}");
        assert!(invite.contains(checklist), "{page}: {invite}");
    }
}
