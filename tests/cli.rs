//! The command line itself: help, version, exit codes, init.

mod common;

use common::*;

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
    assert!(r.stdout.contains("(2 practices, 1 areas, 1 tips, 1 checklists)"), "{}", r.stdout);
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
