//! Search in a real browser: the shipped guide built under a sub-path, served on
//! 127.0.0.1, queried through the header box and the /search/ page
//! (tests/browser/search.mjs holds the steps and their assertions).

use crate::common::*;

#[test]
fn search_finds_practices_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("search") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&manifest_dir(), &out, &["--base-url", "http://127.0.0.1/guides/peer/"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("pagefind/pagefind.js").is_file(), "the index is written with the site");
    let report = browser::report(
        browser::script("search.mjs", &chromium).arg("--dir").arg(&out).args(["--base", "/guides/peer/"]),
    );
    assert!(report.contains("search: 12 passed, 0 failed"), "{report}");
}

#[test]
fn the_index_holds_only_the_runtime_and_no_stock_ui() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("basic"), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(out.join("pagefind/pagefind.js").is_file());
    assert!(out.join("pagefind/pagefind-entry.json").is_file());
    assert!(!out.join("pagefind/pagefind-ui.js").exists() && !out.join("pagefind/pagefind-ui.css").exists());
    let home = read(&out, "index.html");
    assert!(home.contains(r#"<form class="site-search" role="search" action="/guides/peer/search/" method="get" data-pagefind="/guides/peer/pagefind/pagefind.js" data-words="{&quot;all&quot;:&quot;See all results&quot;"#), "{home}");
    assert!(read(&out, "search/index.html").contains(r#"name="area" value="Hiring""#));
}

#[test]
fn no_search_skips_the_index_and_the_box() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let r = build(&fixture("basic"), &out, &["--no-search"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(!out.join("pagefind").exists());
    assert!(!out.join("search").exists());
    assert!(!read(&out, "index.html").contains("site-search"));
}

#[test]
fn indexed_text_is_escaped() {
    // Excerpts are shown as HTML, so a title with markup must reach the index as text.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("basic"), &out, &[]);
    let mut record = None;
    for e in std::fs::read_dir(out.join("pagefind/fragment")).unwrap() {
        let mut text = String::new();
        let file = std::fs::File::open(e.unwrap().path()).unwrap();
        std::io::Read::read_to_string(&mut flate2::read::GzDecoder::new(file), &mut text).unwrap();
        if text.contains("practices/hiring/interviews/") {
            record = Some(text);
        }
    }
    let record = record.expect("the practice is indexed");
    let content = record.split("\"content\":\"").nth(1).unwrap().split("\",\"").next().unwrap();
    assert!(content.starts_with("Interview &lt;script&gt;alert(1)&lt;/script&gt; &amp;"), "{content}");
    assert!(!content.contains("<script>"));
}

#[test]
fn a_sharded_index_finds_what_one_index_finds_in_the_browser() {
    let Some(chromium) = browser::tools_or_skip("search shards") else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (one, sharded) = (tmp.path().join("one"), tmp.path().join("sharded"));
    let base = ["--base-url", "http://127.0.0.1/guides/peer/"];
    assert_eq!(build(&manifest_dir(), &one, &base).code, 0);
    let r = build(&manifest_dir(), &sharded, &[&base[..], &["--search-shards", "3"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Both languages have enough pages to be in every shard.
    assert_eq!(
        read(&sharded, "pagefind/shards.json"),
        r#"{"en":["shard-2/","shard-3/"],"es":["shard-2/","shard-3/"]}"#
    );
    assert!(sharded.join("pagefind/shard-3/pagefind-entry.json").is_file());
    assert!(!sharded.join("pagefind/shard-3/pagefind.js").exists(), "a merged shard uses the first one's runtime");
    // The same queries on the search pages of one index and of `sharded`.
    let compare = |one: &std::path::Path, sharded: &std::path::Path| {
        browser::report(
            browser::script("shards.mjs", &chromium)
                .arg("--one")
                .arg(one)
                .arg("--sharded")
                .arg(sharded)
                .args(["--base", "/guides/peer/"]),
        )
    };
    let report = compare(&one, &sharded);
    assert!(report.contains("shards: 23 passed, 0 failed"), "{report}");
    // More shards than Spanish pages: Spanish stays whole in the first shard.
    // The shipped guide is all in Spanish, so a copy keeps three translations.
    let few = tmp.path().join("few-translations");
    std::fs::create_dir_all(&few).unwrap();
    for part in ["guide.yaml", "guide.es.yaml", "content", "themes"] {
        let from = manifest_dir().join(part);
        if from.is_dir() {
            copy_dir(&from, &few.join(part));
        } else {
            std::fs::copy(&from, few.join(part)).unwrap();
        }
    }
    let kept =
        ["content/_index.es.md", "content/about.es.md", "content/practices/supervision/ongoing-supervision.es.md"];
    for e in walkdir::WalkDir::new(few.join("content")).into_iter().filter_map(Result::ok) {
        let rel = e.path().strip_prefix(&few).unwrap().to_string_lossy().replace('\\', "/");
        if rel.ends_with(".es.md") && !kept.contains(&rel.as_str()) {
            std::fs::remove_file(e.path()).unwrap();
        }
    }
    let (few_one, many) = (tmp.path().join("few-one"), tmp.path().join("many"));
    assert_eq!(build(&few, &few_one, &base).code, 0);
    let r = build(&few, &many, &[&base[..], &["--search-shards", "40"]].concat());
    assert_eq!(r.code, 0, "{}", r.stderr);
    let list = read(&many, "pagefind/shards.json");
    assert!(list.ends_with(r#""shard-40/"],"es":[]}"#), "{list}");
    let report = compare(&few_one, &many);
    assert!(report.contains("shards: 23 passed, 0 failed"), "{report}");
}

#[test]
fn one_index_lists_no_shards() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    assert_eq!(build(&fixture("basic"), &out, &[]).code, 0);
    assert_eq!(read(&out, "pagefind/shards.json"), r#"{"en":[]}"#);
    assert!(!out.join("pagefind/shard-2").exists());
}

#[test]
fn search_shards_must_be_a_count_for_a_searched_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let root = fixture("basic");
    for (extra, says) in [
        (&["--search-shards", "0"][..], "0 is not in 1..=64"),
        (&["--search-shards", "65"][..], "65 is not in 1..=64"),
        (&["--search-shards", "2", "--no-search"][..], "cannot be used with '--no-search'"),
        (&["--search-shards", "2", "--offline"][..], "cannot be used with '--offline'"),
    ] {
        let r = build(&root, &out, extra);
        assert_eq!(r.code, 2, "{extra:?}: {}", r.stderr);
        assert!(r.stderr.contains(says), "{extra:?}: {}", r.stderr);
        assert!(!out.exists(), "{extra:?} wrote the site");
    }
}

#[test]
fn shards_with_a_script_that_cannot_merge_them_fail_before_writing() {
    let site = copy_fixture("basic");
    let out = site.path().join("public");
    // A copy of the theme's script from before there were shards.
    let old = std::fs::read_to_string(manifest_dir().join("themes/default/static/js/practica.js"))
        .unwrap()
        .replace("shards.json", "nothing.json");
    std::fs::create_dir_all(site.path().join("static/js")).unwrap();
    std::fs::write(site.path().join("static/js/practica.js"), old).unwrap();
    let r = build(site.path(), &out, &["--search-shards", "2"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("P0509"), "{}", r.stderr);
    assert!(r.stderr.contains("static/js/practica.js"), "{}", r.stderr);
    assert!(r.stderr.contains("search would find only the first shard's pages"), "{}", r.stderr);
    assert!(r.stderr.contains("practica theme copy"), "{}", r.stderr);
    assert!(!out.exists(), "nothing is written");
    // With one index the same script searches everything.
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
}

#[test]
fn pinned_item_ids_are_not_searched_text() {
    // The shipped guide's Spanish checklists pin their items to the English ids
    // (`- [ ] Quienes supervisan ... {#supervisors-of-peer-workers-...}`).
    let tmp = tempfile::tempdir().unwrap();
    let (out, offline) = (tmp.path().join("site"), tmp.path().join("offline"));
    assert_eq!(build(&manifest_dir(), &out, &[]).code, 0);
    let mut spanish = 0;
    for e in std::fs::read_dir(out.join("pagefind/fragment")).unwrap() {
        let path = e.unwrap().path();
        let mut text = String::new();
        std::io::Read::read_to_string(
            &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
            &mut text,
        )
        .unwrap();
        spanish +=
            usize::from(text.contains("Quienes supervisan al personal de apoyo entre pares tienen la disponibilidad"));
        assert!(!text.contains("{#"), "{}: {text}", path.display());
    }
    assert_eq!(spanish, 1, "the pinned Spanish item is indexed, without its pin");
    assert_eq!(build(&manifest_dir(), &offline, &["--offline"]).code, 0);
    // "availability" is in the Spanish pages only as a word of a pinned id.
    let index = read(&offline, "es/search/offline-index.js");
    assert!(index.contains("disponibilidad") && !index.contains("availability"), "offline index");
}
