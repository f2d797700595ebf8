//! Hostile input that must build, safely.

use super::*;

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
