//! Data flows one way: a module may use the modules of its own stage and of the
//! stages before it, never a later one (README and src/lib.rs describe the
//! stages). This reads every source file and fails on an import that goes
//! backwards, naming the file and the line.

use std::fs;
use std::path::{Path, PathBuf};

/// The stages in order; modules in one group may use each other.
const STAGES: &[&[&str]] = &[
    &["diagnostic", "text", "http"],
    &["load"],
    &["guide"],
    &["resolve"],
    &["render"],
    &["write"],
    &["pipeline"],
    &["serve", "check", "init", "theme_copy", "schema", "fuzzing", "testing"],
    &["main", "cli"],
];

fn stage_of(module: &str) -> Option<usize> {
    STAGES.iter().position(|s| s.contains(&module))
}

/// The top-level module a source file belongs to (`src/render/pages.rs` → `render`).
fn module_of(src: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(src).unwrap();
    let first = rel.components().next().unwrap().as_os_str().to_string_lossy().into_owned();
    first.trim_end_matches(".rs").to_string()
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// Every `crate::x` (or `practica::x` in the binary) named on a line of code.
fn uses(line: &str, prefix: &str) -> Vec<String> {
    let code = line.split("//").next().unwrap_or("");
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find(prefix) {
        let before = rest[..i].chars().last();
        rest = &rest[i + prefix.len()..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue;
        }
        // `use crate::{a, b}` names several modules at once.
        let names: Vec<&str> = match rest.strip_prefix('{') {
            Some(group) => group.split('}').next().unwrap_or("").split(',').collect(),
            None => vec![rest],
        };
        for n in names {
            let n: String = n.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            if !n.is_empty() {
                out.push(n);
            }
        }
    }
    out
}

fn backward_imports(src: &Path) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(src, &mut files);
    files.sort();
    let mut problems = Vec::new();
    for file in &files {
        let module = module_of(src, file);
        let binary = module == "main" || module == "cli";
        if module == "lib" {
            continue;
        }
        let Some(own) = stage_of(&module) else {
            problems.push(format!("{}: module `{module}` is in no stage of tests/suite/stages.rs", file.display()));
            continue;
        };
        let text = fs::read_to_string(file).unwrap();
        let mut in_tests = false;
        for (n, line) in text.lines().enumerate() {
            // Unit tests may build whatever input they need.
            if line.trim_start().starts_with("#[cfg(test)]") {
                in_tests = true;
            }
            if in_tests {
                continue;
            }
            let prefix = if binary { "practica::" } else { "crate::" };
            for used in uses(line, prefix) {
                match stage_of(&used) {
                    Some(s) if s > own => problems.push(format!(
                        "{}:{}: `{module}` (stage {own}) uses `{used}` (stage {s}), a later stage",
                        file.display(),
                        n + 1
                    )),
                    Some(_) => {}
                    None => problems.push(format!(
                        "{}:{}: `{used}` is in no stage of tests/suite/stages.rs",
                        file.display(),
                        n + 1
                    )),
                }
            }
        }
    }
    problems
}

#[test]
fn no_module_uses_a_later_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let problems = backward_imports(&src);
    assert!(problems.is_empty(), "imports against the flow of data:\n{}", problems.join("\n"));
}

#[test]
fn the_check_finds_a_backward_import() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path();
    fs::create_dir_all(src.join("load")).unwrap();
    fs::write(src.join("load/mod.rs"), "use crate::diagnostic::Code;\nuse crate::{text, render::Sink};\n").unwrap();
    fs::write(src.join("render.rs"), "use crate::load::Doc; // crate::write in a comment is fine\n").unwrap();
    let problems = backward_imports(src);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("load/mod.rs:2: `load` (stage 1) uses `render` (stage 4)"), "{problems:?}");
}
