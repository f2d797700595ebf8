//! Hostile input that must fail with a diagnostic, never a panic.

use super::*;

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
