//! The publishing workflows in docs/publishing/ (which `practica init --ci`
//! writes): valid YAML, the full history checked out, only commands the
//! reference (docs/reference.md) documents, and their `build` line builds the shipped guide.

use std::fs;
use std::path::Path;
use std::process::Command;

use crate::common::{copy_dir, manifest_dir, run};
use serde_yaml::Value;

fn workflow(name: &str) -> (String, Value) {
    let text = fs::read_to_string(manifest_dir().join("docs/publishing").join(name)).unwrap();
    let yaml = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("docs/publishing/{name} is not valid YAML: {e}"));
    (text, yaml)
}

/// The practica lines of a list of shell commands.
fn practica_lines(commands: impl IntoIterator<Item = String>) -> Vec<String> {
    commands
        .into_iter()
        .flat_map(|c| c.lines().map(str::trim).map(String::from).collect::<Vec<_>>())
        .filter(|l| l.starts_with("practica "))
        .collect()
}

fn github_commands(yaml: &Value) -> Vec<String> {
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().expect("jobs.build.steps");
    steps.iter().filter_map(|s| s["run"].as_str().map(String::from)).collect()
}

fn gitlab_commands(yaml: &Value) -> Vec<String> {
    let script = yaml["pages"]["script"].as_sequence().expect("pages.script");
    script.iter().map(|s| s.as_str().expect("a script line is a string").to_string()).collect()
}

/// Every practica line uses a command and flags the reference's usage lists.
fn documented(lines: &[String]) {
    let readme = fs::read_to_string(manifest_dir().join("docs/reference.md")).unwrap();
    for line in lines {
        let words: Vec<&str> = line.split_whitespace().collect();
        let usage = format!("practica {} ", words[1]);
        let usage_line = readme
            .lines()
            .find(|l| l.starts_with(&usage))
            .unwrap_or_else(|| panic!("`{line}` runs a command docs/reference.md's usage does not list"));
        for flag in words.iter().filter(|w| w.starts_with("--")) {
            assert!(
                usage_line.contains(&format!("[{flag}")),
                "`{line}` uses {flag}, which docs/reference.md's `{usage_line}` lacks"
            );
        }
    }
}

/// The shipped guide, as a repository holding only it would have it.
fn shipped_guide() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for file in ["guide.yaml", "guide.es.yaml"] {
        fs::copy(manifest_dir().join(file), dir.path().join(file)).unwrap();
    }
    for folder in ["content", "themes"] {
        copy_dir(&manifest_dir().join(folder), &dir.path().join(folder));
    }
    dir
}

/// Runs a workflow's practica line in `dir` as the host's shell would, with
/// `"$VAR"` standing for `value`.
fn run_line(line: &str, dir: &Path, var: &str, value: &str) -> std::process::Output {
    let args: Vec<String> = line
        .split_whitespace()
        .skip(1)
        .map(|w| if w == format!("\"${var}\"") { value.to_string() } else { w.to_string() })
        .collect();
    assert!(
        args.iter().all(|a| !a.contains('$') && !a.contains('"')),
        "`{line}` needs more of a shell than this test has"
    );
    Command::new(env!("CARGO_BIN_EXE_practica")).args(&args).current_dir(dir).env("NO_COLOR", "1").output().unwrap()
}

/// The workflow's check passes and its build writes a site for the host's address.
fn builds_the_shipped_guide(lines: &[String], var: &str) {
    let guide = shipped_guide();
    // Hosts give the address without the closing slash.
    let address = "https://owner.example.io/peer-guide";
    let check = lines.iter().find(|l| l.starts_with("practica check")).expect("the workflow checks the guide");
    let o = run_line(check, guide.path(), var, address);
    assert!(o.status.success(), "`{check}` failed:\n{}", String::from_utf8_lossy(&o.stdout));
    let build = lines.iter().find(|l| l.starts_with("practica build")).expect("the workflow builds the guide");
    let o = run_line(build, guide.path(), var, address);
    assert!(o.status.success(), "`{build}` failed:\n{}", String::from_utf8_lossy(&o.stderr));
    // The folder the workflow uploads is the one the build wrote.
    let sitemap = fs::read_to_string(guide.path().join("public/sitemap.xml")).unwrap();
    assert!(sitemap.contains("<loc>https://owner.example.io/peer-guide/practices/"), "{sitemap}");
    assert!(fs::read_to_string(guide.path().join("public/index.html")).unwrap().contains("Growing and Sustaining"));
}

#[test]
fn the_github_pages_workflow_checks_out_the_history_and_builds_the_guide() {
    let (_, yaml) = workflow("github-pages.yml");
    let steps = yaml["jobs"]["build"]["steps"].as_sequence().unwrap();
    let checkout =
        steps.iter().find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/checkout@"))).unwrap();
    assert_eq!(checkout["with"]["fetch-depth"].as_u64(), Some(0), "dates need the whole history");
    let upload = steps
        .iter()
        .find(|s| s["uses"].as_str().is_some_and(|u| u.starts_with("actions/upload-pages-artifact@")))
        .unwrap();
    assert_eq!(upload["with"]["path"].as_str(), Some("public"));
    assert!(yaml["jobs"]["deploy"]["steps"][0]["uses"].as_str().unwrap().starts_with("actions/deploy-pages@"));
    let lines = practica_lines(github_commands(&yaml));
    documented(&lines);
    builds_the_shipped_guide(&lines, "BASE_URL");
}

#[test]
fn the_gitlab_pages_job_checks_out_the_history_and_builds_the_guide() {
    let (_, yaml) = workflow("gitlab-ci.yml");
    assert_eq!(yaml["pages"]["variables"]["GIT_DEPTH"].as_u64(), Some(0), "dates need the whole history");
    assert_eq!(yaml["pages"]["artifacts"]["paths"][0].as_str(), Some("public"));
    let lines = practica_lines(gitlab_commands(&yaml));
    documented(&lines);
    builds_the_shipped_guide(&lines, "CI_PAGES_URL");
}

#[test]
fn the_publishing_page_shows_the_workflows_and_only_documented_commands() {
    let page = fs::read_to_string(manifest_dir().join("docs/publishing.md")).unwrap();
    for file in ["publishing/github-pages.yml", "publishing/gitlab-ci.yml"] {
        assert!(page.contains(&format!("]({file})")), "docs/publishing.md does not link {file}");
    }
    // Every command line in the page's code blocks, `&&`-joined ones too.
    let mut lines = Vec::new();
    let mut in_code = false;
    for line in page.lines() {
        if line.trim_start().starts_with("```") {
            in_code = !in_code;
        } else if in_code {
            lines.extend(line.split("&&").map(|c| c.trim().to_string()));
        }
    }
    let lines = practica_lines(lines);
    assert!(lines.len() >= 4, "{lines:?}");
    documented(&lines);
}

#[test]
fn init_writes_the_workflow_asked_for_and_says_where() {
    let tmp = tempfile::tempdir().unwrap();
    for (host, file, shipped) in
        [("github", ".github/workflows/publish.yml", "github-pages.yml"), ("gitlab", ".gitlab-ci.yml", "gitlab-ci.yml")]
    {
        let dir = tmp.path().join(host);
        let r = run(&["init", "--ci", host, dir.to_str().unwrap()]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let written = fs::read_to_string(dir.join(file)).unwrap();
        assert_eq!(written, fs::read_to_string(manifest_dir().join("docs/publishing").join(shipped)).unwrap());
        assert!(r.stdout.contains(&dir.join(file).display().to_string()), "{}", r.stdout);
    }
    let plain = tmp.path().join("plain");
    assert_eq!(run(&["init", plain.to_str().unwrap()]).code, 0);
    assert!(!plain.join(".github").exists() && !plain.join(".gitlab-ci.yml").exists());

    let r = run(&["init", "--ci", "bitbucket", tmp.path().join("x").to_str().unwrap()]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("github") && r.stderr.contains("gitlab"), "{}", r.stderr);
}
