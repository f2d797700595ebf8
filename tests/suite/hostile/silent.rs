//! What builds but would be silently wrong is warned about.

use super::*;

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
