//! The command line itself: help, version, exit codes, init.

use crate::common::*;

#[test]
fn help_and_version_exit_zero() {
    let r = run(&["--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("build") && r.stdout.contains("init"));
    let r = run(&["build", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--base-url") && r.stdout.contains("--drafts") && r.stdout.contains("--output"));
    let r = run(&["--version"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("practica "), "{}", r.stdout);
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(run(&["frobnicate"]).code, 2);
    assert_eq!(run(&["build", "--no-such-flag"]).code, 2);
    assert_eq!(run(&[]).code, 2);
}

#[test]
fn missing_guide_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let r = build(tmp.path(), &tmp.path().join("public"), &[]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("guide.yaml cannot be read"), "{}", r.stderr);
    assert!(r.stderr.contains("practica init"), "{}", r.stderr);
    assert!(!tmp.path().join("public").exists());
}

#[test]
fn init_writes_a_guide_that_builds_without_warnings() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("new-guide");
    let r = run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for f in [
        "guide.yaml",
        "content/_index.md",
        "content/about.md",
        "content/tips/start-small.md",
        "content/checklists/self-assessment.md",
    ] {
        assert!(dir.join(f).is_file(), "{f}");
    }
    let out = dir.join("public");
    let r = build(&dir, &out, &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr, "", "no warnings");
    assert!(r.stdout.contains("(2 practices, 1 area, 1 tip, 1 checklist)"), "{}", r.stdout);
    assert!(read(&out, "practices/teamwork/regular-check-ins/index.html").contains("Hold regular check-ins"));
    // A second init must not overwrite the editor's work.
    let r = run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("already holds a guide"));
}

#[test]
fn no_color_and_plain_output_when_not_a_terminal() {
    let tmp = copy_fixture("basic");
    std::fs::write(tmp.path().join("content/about.md"), "---\ntitel: About\n---\nx\n").unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["build", "--root", tmp.path().to_str().unwrap()])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains('\u{1b}'), "no escape codes when stderr is a pipe: {err}");
}

/// The flags `practica <command> --help` lists, each with whether it has a description.
fn flags(command: &[&str]) -> Vec<(String, bool)> {
    let mut args = command.to_vec();
    args.push("--help");
    let r = run(&args);
    assert_eq!(r.code, 0, "{args:?}");
    r.stdout
        .lines()
        .filter(|l| l.trim_start().starts_with("--") || l.trim_start().starts_with("-h"))
        .map(|l| {
            let t = l.trim_start();
            let flag = t.split([' ', ',']).find(|w| w.starts_with("--")).unwrap_or("").to_string();
            let rest = t.split_once("  ").map(|(_, r)| r.trim()).unwrap_or("");
            (flag, !rest.is_empty())
        })
        .collect()
}

#[test]
fn every_flag_says_what_it_does_and_is_in_the_reference() {
    let readme = std::fs::read_to_string(manifest_dir().join("docs/reference.md")).unwrap();
    for command in [&["build"][..], &["serve"], &["check"], &["init"], &["theme", "copy"]] {
        let usage = format!("practica {} ", command.join(" "));
        let line = readme
            .lines()
            .find(|l| l.starts_with(&usage) || l.trim_end() == usage.trim_end())
            .unwrap_or_else(|| panic!("docs/reference.md's usage has no line for `{usage}`"));
        for (flag, described) in flags(command) {
            assert!(described, "`practica {} {flag}` has no description in --help", command.join(" "));
            if flag != "--help" {
                assert!(
                    line.contains(&format!("[{flag}")),
                    "docs/reference.md's usage of `{usage}` lacks {flag}: {line}"
                );
            }
        }
    }
}

#[test]
fn init_says_how_to_preview_and_build_with_a_command_that_exists_here() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("g");
    let r = run(&["init", dir.to_str().unwrap()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The test binary is in cargo's target folder and `practica` is not on PATH here.
    assert!(r.stdout.contains(&format!("cargo run --release -- serve --root {}", dir.display())), "{}", r.stdout);
    assert!(r.stdout.contains("cargo install --locked --path ."), "{}", r.stdout);
}

#[test]
fn init_run_from_an_installed_copy_never_mentions_cargo() {
    // As pip or pipx install it: a copy outside any cargo target folder.
    let tmp = tempfile::tempdir().unwrap();
    let bin = tmp.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let exe = bin.join(format!("practica{}", std::env::consts::EXE_SUFFIX));
    std::fs::copy(env!("CARGO_BIN_EXE_practica"), &exe).unwrap();
    let dir = tmp.path().join("g");
    for (path, command) in
        [(bin.clone().into_os_string(), "practica".to_string()), ("".into(), exe.display().to_string())]
    {
        let _ = std::fs::remove_dir_all(&dir);
        let o = std::process::Command::new(&exe).arg("init").arg(&dir).env("PATH", &path).output().unwrap();
        let stdout = String::from_utf8_lossy(&o.stdout);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        assert!(
            stdout.contains(&format!("Preview it while you edit:  {command} serve --root {}", dir.display())),
            "{stdout}"
        );
        assert!(!stdout.contains("cargo"), "{stdout}");
    }
}

#[test]
fn a_base_url_without_a_scheme_is_an_error_with_the_meant_value() {
    let site = copy_fixture("basic");
    edit(
        site.path(),
        "guide.yaml",
        "base_url: https://example.org/guides/peer/",
        "base_url: www.example.org/guides/onboarding",
    );
    let out = site.path().join("public");
    let r = build(site.path(), &out, &[]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("P0103") && r.stderr.contains("guide.yaml:3"), "{}", r.stderr);
    assert!(r.stderr.contains("did you mean base_url: https://www.example.org/guides/onboarding/?"), "{}", r.stderr);
    assert!(!out.exists());

    let r = build(&fixture("basic"), &out, &["--base-url", "example.org/sub/"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("did you mean --base-url https://example.org/sub/?"), "{}", r.stderr);
    let r = build(&fixture("basic"), &out, &["--base-url", "guides/peer"]);
    assert!(r.stderr.contains("did you mean --base-url /guides/peer/?"), "{}", r.stderr);
    let tmp = tempfile::tempdir().unwrap();
    for (n, fine) in ["https://example.org/sub/", "/guides/peer/", "http://localhost:8080/"].iter().enumerate() {
        let r = build(&fixture("basic"), &tmp.path().join(format!("out{n}")), &["--base-url", fine]);
        assert_eq!(r.code, 0, "{fine}: {}", r.stderr);
    }
}
