//! A theme a designer can change: every template documented, the built-in
//! theme copied into a site to edit, and new partials found by walking.

use std::fs;

use crate::common::*;

#[test]
fn every_template_of_the_theme_is_in_the_reference() {
    let docs = fs::read_to_string(manifest_dir().join("docs/templates.md")).unwrap();
    let dir = manifest_dir().join("themes/default/templates");
    let mut missing = Vec::new();
    for e in walkdir::WalkDir::new(&dir) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            let name = e.path().strip_prefix(&dir).unwrap().to_string_lossy().replace('\\', "/");
            if !docs.contains(&format!("`{name}`")) {
                missing.push(name);
            }
        }
    }
    assert!(missing.is_empty(), "templates not described in docs/templates.md: {missing:?}");
}

#[test]
fn theme_copy_writes_the_default_theme_and_a_changed_copy_is_used() {
    let site = copy_fixture("basic");
    let root = site.path().to_str().unwrap();
    let r = run(&["theme", "copy", "--root", root, "brand"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("theme: brand"), "{}", r.stdout);
    let theme = site.path().join("themes/brand");
    for f in ["templates/base.html", "templates/partials/qr.html", "static/css/practica.css", "strings/en.yaml"] {
        assert!(theme.join(f).is_file(), "{f} copied");
    }
    // A designer changes a word and a template, and the site uses them.
    edit(site.path(), "themes/brand/strings/en.yaml", "nav_practices: Practices", "nav_practices: Our practices");
    edit(site.path(), "themes/brand/templates/base.html", "<body class=", "<body data-brand=\"yes\" class=");
    edit(site.path(), "guide.yaml", "language: en", "language: en\ntheme: brand");
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let home = read(&out, "index.html");
    assert!(home.contains("data-brand=\"yes\"") && home.contains(">Our practices</a>"), "{home}");
    // Never over an existing folder.
    let before = snapshot(&theme);
    let r = run(&["theme", "copy", "--root", root, "brand"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("P0505") && r.stderr.contains("exists already"), "{}", r.stderr);
    assert_eq!(snapshot(&theme), before, "the existing theme is untouched");
}

#[test]
fn a_new_partial_can_be_included() {
    let site = copy_fixture("basic");
    write(
        site.path(),
        "templates/partials/banner.html",
        "<p class=\"banner\">{{ t(key=\"home\") }} of {{ site.title }}</p>",
    );
    let base = fs::read_to_string(manifest_dir().join("themes/default/templates/base.html")).unwrap();
    write(
        site.path(),
        "templates/base.html",
        &base.replace("<main id=\"main\"", "{% include \"partials/banner.html\" %}\n<main id=\"main\""),
    );
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(read(&out, "about/index.html").contains("<p class=\"banner\">Home of Fixture Guide</p>"));
}

#[test]
fn a_copy_of_an_older_qr_template_is_an_error_not_a_blank_square() {
    // Before QR codes were drawn as strokes, qr.html filled `qr.path`. Tera
    // prints an unknown value that goes through `| safe` as nothing.
    let site = copy_fixture("basic");
    write(
        site.path(),
        "templates/partials/qr.html",
        "<svg class=\"qr\" viewBox=\"0 0 {{ qr.size }} {{ qr.size }}\">\n<path fill=\"#000\" d=\"{{ qr.path | safe }}\"/></svg>",
    );
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[P0401]") && r.stderr.contains("templates/partials/qr.html:2"), "{}", r.stderr);
    assert!(r.stderr.contains("`qr.path`, which is now `qr.strokes`"), "{}", r.stderr);
    assert!(r.stderr.contains("stroke-width=\"1\""), "the help shows how to draw it: {}", r.stderr);
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_value_that_does_not_exist_printed_through_safe_is_an_error() {
    // Tera's own `safe` filter prints it as nothing, on every page.
    let site = copy_fixture("basic");
    let page = fs::read_to_string(manifest_dir().join("themes/default/templates/page.html")).unwrap();
    let prose = "<div class=\"prose\">{{ content }}</div>";
    assert!(page.contains(prose), "{page}");
    write(
        site.path(),
        "templates/page.html",
        &page.replace(prose, "<div class=\"prose\">{{ page.contnet | safe }}</div>"),
    );
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("error[P0401]") && r.stderr.contains("templates/page.html:"), "{}", r.stderr);
    assert!(r.stderr.contains("the value before `| safe` does not exist"), "{}", r.stderr);
    assert!(!out.exists(), "nothing is written");
}
