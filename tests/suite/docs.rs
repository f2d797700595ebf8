//! Every command and code example in the README and docs/*.md is run, so the
//! docs cannot drift from the tool. Each file's examples run in order, as a
//! reader following the file would, in a copy of the shipped guide:
//!
//! - `sh`/`bash` lines and `console` `$` lines that start with `practica` run
//!   with this build's binary and must succeed; a `console` block's output lines
//!   must appear in what the command printed (`…` stands for anything);
//! - a `yaml` block goes into guide.yaml or, when its keys are front matter,
//!   into a page's front matter, and a `markdown` block becomes a page (when it
//!   has front matter) or ends one; `practica check` must then report no error or
//!   warning it did not report before;
//! - a `json` block must parse, and the schemas it names must be files
//!   `practica schema` writes.
//!
//! After `practica init DIR`, the examples that follow are about that guide.
//! Commands that need the network, a browser or never end are in [`NOT_RUN`]
//! with the reason, and `text` and `js` blocks in [`NOT_RUN_LANGUAGES`].
//! A failure names the file and line of the example.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{copy_dir, manifest_dir};

/// Commands the docs show that this test does not run (by how the line
/// starts), and why.
const NOT_RUN: &[(&str, &str)] = &[
    ("practica serve", "never ends (the preview is tested in tests/suite/serve.rs)"),
    ("cargo run --release -- serve", "never ends, after a release build of minutes"),
    ("cargo test", "runs the tests this test is one of"),
    ("cargo install", "a release build of minutes; the program it installs is the one tested here"),
    ("pipx install", "needs the network (PyPI) or a wheel; tests/suite/wheel.rs builds and installs the wheel"),
    ("pip install", "needs the network (PyPI); tests/suite/wheel.rs builds and installs the wheel"),
    ("maturin build", "a release build of minutes; tests/suite/wheel.rs builds the wheel"),
    ("rsync", "needs a web server to upload to"),
    ("git add", "in the reader's own repository, which pushes to a host"),
    ("git commit", "in the reader's own repository, which pushes to a host"),
    ("git push", "needs a remote host"),
];

/// Fenced blocks that are not code to run, and why.
const NOT_RUN_LANGUAGES: &[(&str, &str)] = &[
    ("text", "a synopsis, a folder layout or output, not input"),
    ("js", "a fragment of a theme's script; tests/browser runs the theme's scripts"),
];

/// The Markdown files of the docs.
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![manifest_dir().join("README.md")];
    let mut docs: Vec<PathBuf> = fs::read_dir(manifest_dir().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    files.extend(docs);
    files
}

/// A fenced block: its language, the line of its first line of code, and the code.
struct Block {
    language: String,
    line: usize,
    code: Vec<String>,
}

fn blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<(usize, Block)> = None;
    for (n, line) in text.lines().enumerate() {
        let indent = line.len() - line.trim_start().len();
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed.starts_with("```") => {
                let language = trimmed.trim_start_matches('`').trim().to_string();
                open = Some((indent, Block { language, line: n + 2, code: Vec::new() }));
            }
            None => {}
            Some((_, _)) if trimmed.starts_with("```") => blocks.push(open.take().unwrap().1),
            Some((indent, block)) => block.code.push(line.get(*indent..).unwrap_or(line.trim_start()).to_string()),
        }
    }
    blocks
}

/// What one docs file's examples run in: a copy of the shipped guide, and the
/// guide they are about (the shipped one, or the last one `init` wrote).
struct Reader {
    dir: tempfile::TempDir,
    guide: PathBuf,
    used: BTreeSet<&'static str>,
}

impl Reader {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        for file in ["guide.yaml", "guide.es.yaml"] {
            fs::copy(manifest_dir().join(file), dir.path().join(file)).unwrap();
        }
        for folder in ["content", "themes"] {
            copy_dir(&manifest_dir().join(folder), &dir.path().join(folder));
        }
        let guide = dir.path().to_path_buf();
        Reader { dir, guide, used: BTreeSet::new() }
    }

    /// Runs one command line; None when it is one not run.
    fn command(&mut self, line: &str) -> Result<Option<String>, String> {
        if let Some((start, _)) = NOT_RUN.iter().find(|(start, _)| line.starts_with(start)) {
            self.used.insert(start);
            return Ok(None);
        }
        let words = shell_words(line)?;
        let args: &[String] = match words.first().map(String::as_str) {
            Some("practica") => &words[1..],
            Some("cargo") if words.get(1..4) == Some(&["run".into(), "--release".into(), "--".into()]) => &words[4..],
            _ => return Err(format!("`{line}` is not a practica command, and not in docs.rs's NOT_RUN list")),
        };
        let o = Command::new(env!("CARGO_BIN_EXE_practica"))
            .args(args)
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        let printed = format!("{}{}", String::from_utf8_lossy(&o.stdout), String::from_utf8_lossy(&o.stderr));
        if !o.status.success() {
            return Err(format!("`{line}` exited {:?}:\n{printed}", o.status.code()));
        }
        if args.first().map(String::as_str) == Some("init") {
            let folder =
                args.iter().skip(1).rfind(|a| !a.starts_with("--") && !["github", "gitlab"].contains(&a.as_str()));
            self.guide = self.dir.path().join(folder.expect("init names a folder"));
        }
        Ok(Some(printed))
    }

    /// The errors and warnings `practica check` reports for the guide.
    fn problems(&self) -> BTreeSet<String> {
        let o = Command::new(env!("CARGO_BIN_EXE_practica"))
            .args(["check", "--format", "json", "--root"])
            .arg(&self.guide)
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        String::from_utf8_lossy(&o.stdout)
            .lines()
            .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
            .filter(|d| matches!(d["severity"].as_str(), Some("error" | "warning")))
            .map(|d| format!("{}[{}]: {} ({}:{})", d["severity"], d["code"], d["message"], d["file"], d["line"]))
            .collect()
    }

    /// Puts an example into the guide and checks that practica takes it.
    fn apply(&self, change: impl FnOnce(&Path) -> Result<(), String>) -> Result<(), String> {
        let before = self.problems();
        change(&self.guide)?;
        let new: Vec<_> = self.problems().difference(&before).cloned().collect();
        if new.is_empty() { Ok(()) } else { Err(format!("practica check reports:\n{}", new.join("\n"))) }
    }
}

/// A command line split into words as a shell would, for the quoting the
/// docs use; anything that needs more of a shell is an error.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    if line.contains('$') || line.contains('`') || line.contains('|') || line.contains('>') {
        return Err(format!("`{line}` needs more of a shell than docs.rs runs"));
    }
    let (mut words, mut word, mut quote) = (Vec::new(), String::new(), None);
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, c) if c.is_whitespace() => words.extend((!word.is_empty()).then(|| std::mem::take(&mut word))),
            (_, c) => word.push(c),
        }
    }
    words.extend((!word.is_empty()).then_some(word));
    Ok(words)
}

/// The commands of an `sh` block: one a line, `&&` between them, `#` comments dropped.
fn sh_commands(code: &[String]) -> Vec<(usize, String)> {
    code.iter()
        .enumerate()
        .flat_map(|(n, l)| {
            let l = l.split(" #").next().unwrap_or("").trim();
            let commands = if l.starts_with('#') { Vec::new() } else { l.split("&&").map(str::trim).collect() };
            commands.into_iter().filter(|c| !c.is_empty()).map(move |c| (n, c.to_string()))
        })
        .collect()
}

/// Whether `printed` has a line matching `expected`, where `…` stands for anything.
fn shows(printed: &str, expected: &str) -> bool {
    let parts: Vec<&str> = expected.split('…').collect();
    printed.lines().any(|line| {
        let line = line.trim_end();
        if parts.len() == 1 {
            return line == expected;
        }
        let (first, last) = (parts[0], parts[parts.len() - 1]);
        if !line.starts_with(first) || !line.ends_with(last) || line.len() < first.len() + last.len() {
            return false;
        }
        let mut rest = &line[first.len()..line.len() - last.len()];
        parts[1..parts.len().saturating_sub(1)].iter().all(|p| match rest.find(p) {
            Some(i) => {
                rest = &rest[i + p.len()..];
                true
            }
            None => false,
        })
    })
}

/// The top-level keys of a YAML mapping.
fn keys(yaml: &str) -> Result<Vec<String>, String> {
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).map_err(|e| format!("not valid YAML: {e}"))?;
    let map = value.as_mapping().ok_or("not a YAML mapping")?;
    Ok(map.keys().map(|k| k.as_str().unwrap_or_default().to_string()).collect())
}

/// A YAML mapping cut into its top-level entries, each with its key (none for
/// comments and blank lines before the first key) and its lines.
fn entries(yaml: &str) -> Vec<(Option<String>, Vec<String>)> {
    let mut entries: Vec<(Option<String>, Vec<String>)> = vec![(None, Vec::new())];
    for line in yaml.lines() {
        let top = !line.starts_with([' ', '\t', '-', '#']) && !line.trim().is_empty();
        if top {
            entries.push((Some(line.split(':').next().unwrap_or("").trim().to_string()), Vec::new()));
        }
        entries.last_mut().unwrap().1.push(line.to_string());
    }
    entries
}

/// How far a block's first list item is indented.
fn item_indent(lines: &[String]) -> usize {
    lines.iter().skip(1).find(|l| l.trim_start().starts_with("- ")).map_or(0, |l| l.len() - l.trim_start().len())
}

/// `yaml` with the snippet pasted in as an editor would: a key it sets
/// replaces the old one, except that the items of a list written one a line
/// are added to the list already there.
fn merge(yaml: &str, snippet: &str) -> String {
    let mut merged = entries(yaml);
    for (key, lines) in entries(snippet).into_iter().filter(|(k, _)| k.is_some()) {
        match merged.iter_mut().find(|(k, _)| *k == key) {
            Some((_, old)) if lines.len() > 1 && item_indent(&lines) > 0 && item_indent(old) > 0 => {
                let (from, to) = (item_indent(&lines), item_indent(old));
                old.extend(lines[1..].iter().map(|l| format!("{}{}", " ".repeat(to), l.get(from..).unwrap_or(""))));
            }
            Some((_, old)) => *old = lines,
            None => merged.push((key, lines)),
        }
    }
    let mut out: String = merged.into_iter().flat_map(|(_, lines)| lines).map(|l| l + "\n").collect();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    out
}

/// The first file of the guide's pages of `kind`, as `practica schema` names kinds.
fn page_of_kind(guide: &Path, kind: &str) -> Option<PathBuf> {
    let content = guide.join("content");
    let md = |dir: &Path| -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().path())
            .filter(|p| {
                let name = p.file_name().unwrap().to_string_lossy();
                name.ends_with(".md") && name.matches('.').count() == 1
            })
            .collect();
        files.sort();
        files
    };
    let areas = || {
        let mut areas: Vec<PathBuf> = fs::read_dir(content.join("practices"))
            .into_iter()
            .flatten()
            .map(|e| e.unwrap().path())
            .filter(|p| p.is_dir())
            .collect();
        areas.sort();
        areas
    };
    let under = |dir: &str| md(&content.join(dir)).into_iter().find(|p| !p.ends_with("_index.md"));
    match kind {
        "practice" => areas().iter().find_map(|a| md(a).into_iter().find(|p| !p.ends_with("_index.md"))),
        "area" => areas().first().map(|a| a.join("_index.md")),
        "tip" => under("tips"),
        "checklist" => under("checklists"),
        "home" => Some(content.join("_index.md")),
        _ => under(""),
    }
}

/// The keys `practica schema` says each file takes, by schema name (`guide`, `practice`, …).
fn schema_keys(guide: &Path) -> Vec<(String, BTreeSet<String>)> {
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["schema", "--root"])
        .arg(guide)
        .arg(out.path())
        .output()
        .unwrap();
    assert!(o.status.success(), "practica schema: {}", String::from_utf8_lossy(&o.stderr));
    ["guide", "practice", "tip", "checklist", "area", "page", "home"]
        .iter()
        .map(|name| {
            let text = fs::read_to_string(out.path().join(format!("{name}.schema.json")))
                .unwrap_or_else(|e| panic!("{name}.schema.json: {e}"));
            let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
            let keys = schema["properties"].as_object().expect("properties").keys().cloned().collect();
            (name.to_string(), keys)
        })
        .collect()
}

/// A `yaml` example: guide.yaml when a key is one only guide.yaml takes, else a page's front matter.
fn yaml_example(reader: &Reader, code: &str) -> Result<(), String> {
    let set = keys(code)?;
    let schemas = schema_keys(&reader.guide);
    let takes = |name: &str| schemas.iter().find(|(n, _)| n == name).map(|(_, k)| set.iter().all(|s| k.contains(s)));
    let front_matter = schemas[1..].iter().find(|(_, k)| set.iter().all(|s| k.contains(s))).map(|(n, _)| n.clone());
    let only_guide = set.iter().any(|s| schemas[1..].iter().all(|(_, k)| !k.contains(s)));
    if takes("guide") == Some(true) && (only_guide || front_matter.is_none()) {
        return reader.apply(|g| {
            let path = g.join("guide.yaml");
            fs::write(&path, merge(&fs::read_to_string(&path).unwrap(), code)).map_err(|e| e.to_string())
        });
    }
    let kind = front_matter.ok_or_else(|| format!("keys {set:?} are neither guide.yaml's nor a page's"))?;
    let page = page_of_kind(&reader.guide, &kind).ok_or_else(|| format!("the guide has no {kind} page"))?;
    reader.apply(|_| {
        let text = fs::read_to_string(&page).unwrap();
        let rest = text.strip_prefix("---\n").ok_or("the page has no front matter")?;
        let (front, body) = rest.split_once("\n---\n").ok_or("the page's front matter never ends")?;
        let front = merge(front, code);
        fs::write(&page, format!("---\n{front}---\n{body}")).map_err(|e| e.to_string())
    })
}

/// A `markdown` example: a whole page (with front matter) is added to the first
/// practice area; a part of one ends the first practice.
fn markdown_example(reader: &Reader, code: &str, line: usize) -> Result<(), String> {
    let practice = page_of_kind(&reader.guide, "practice").ok_or("the guide has no practice")?;
    reader.apply(|_| {
        if code.starts_with("---\n") {
            let page = practice.with_file_name(format!("docs-example-{line}.md"));
            fs::write(page, format!("{code}\n")).map_err(|e| e.to_string())
        } else {
            let text = fs::read_to_string(&practice).unwrap();
            fs::write(&practice, format!("{text}\n{code}\n")).map_err(|e| e.to_string())
        }
    })
}

/// A `json` example: an object, or the inside of one; the schema files it
/// names are ones `practica schema` writes.
fn json_example(reader: &Reader, code: &str) -> Result<(), String> {
    let value: serde_json::Value = serde_json::from_str(code)
        .or_else(|_| serde_json::from_str(&format!("{{{code}}}")))
        .map_err(|e| format!("not valid JSON: {e}"))?;
    let mut named = Vec::new();
    let mut stack = vec![&value];
    while let Some(v) = stack.pop() {
        match v {
            serde_json::Value::Object(map) => {
                named.extend(map.keys().filter(|k| k.ends_with(".schema.json")).cloned());
                stack.extend(map.values());
            }
            serde_json::Value::Array(items) => stack.extend(items),
            serde_json::Value::String(s) if s.ends_with(".schema.json") => named.push(s.clone()),
            _ => {}
        }
    }
    let out = tempfile::tempdir().unwrap();
    let o = Command::new(env!("CARGO_BIN_EXE_practica"))
        .args(["schema", "--root"])
        .arg(&reader.guide)
        .arg(out.path().join("schemas"))
        .output()
        .unwrap();
    if !o.status.success() {
        return Err(format!("practica schema failed: {}", String::from_utf8_lossy(&o.stderr)));
    }
    match named.iter().find(|n| !out.path().join(n).is_file()) {
        Some(missing) => Err(format!("names {missing}, which `practica schema` does not write")),
        None => Ok(()),
    }
}

/// Runs one block; the error says what went wrong, with the line it is on.
fn run_block(reader: &mut Reader, block: &Block) -> Result<(), (usize, String)> {
    let at = |n: usize, e: String| (block.line + n, e);
    let whole = block.code.join("\n");
    match block.language.as_str() {
        "sh" | "bash" => {
            for (n, command) in sh_commands(&block.code) {
                reader.command(&command).map_err(|e| at(n, e))?;
            }
        }
        "console" => {
            let mut last: Option<(usize, Option<String>)> = None;
            for (n, line) in block.code.iter().enumerate() {
                if let Some(command) = line.strip_prefix("$ ") {
                    last = Some((n, reader.command(command.trim()).map_err(|e| at(n, e))?));
                } else if !line.trim().is_empty() {
                    match &last {
                        Some((_, Some(printed))) if !shows(printed, line.trim_end()) => {
                            return Err(at(n, format!("the command did not print `{line}`; it printed:\n{printed}")));
                        }
                        None => return Err(at(n, "output before any `$ ` command".into())),
                        _ => {}
                    }
                }
            }
        }
        "yaml" => yaml_example(reader, &whole).map_err(|e| at(0, e))?,
        "markdown" => markdown_example(reader, &whole, block.line).map_err(|e| at(0, e))?,
        "json" => json_example(reader, &whole).map_err(|e| at(0, e))?,
        language if NOT_RUN_LANGUAGES.iter().any(|(l, _)| *l == language) => {}
        "" => return Err(at(0, "a code block without a language: `sh` to run it, `text` if it is not code".into())),
        other => return Err(at(0, format!("a `{other}` block, which docs.rs does not know how to run"))),
    }
    Ok(())
}

#[test]
fn every_command_and_example_in_the_docs_runs() {
    let mut failures = Vec::new();
    let mut used = BTreeSet::new();
    let mut ran = 0;
    for file in doc_files() {
        let name = file.strip_prefix(manifest_dir()).unwrap().display().to_string();
        let text = fs::read_to_string(&file).unwrap();
        let mut reader = Reader::new();
        for block in blocks(&text) {
            match run_block(&mut reader, &block) {
                Ok(()) => ran += 1,
                Err((line, e)) => failures.push(format!("{name}:{line}: {e}")),
            }
        }
        used.extend(reader.used);
    }
    for (start, reason) in NOT_RUN {
        eprintln!("not run: `{start} …`: {reason}");
    }
    let stale: Vec<_> = NOT_RUN.iter().map(|(s, _)| *s).filter(|s| !used.contains(s)).collect();
    assert!(failures.is_empty(), "{} of the docs' examples fail:\n\n{}", failures.len(), failures.join("\n\n"));
    assert!(stale.is_empty(), "NOT_RUN lists commands the docs no longer show: {stale:?}");
    assert!(ran >= 20, "only {ran} code blocks found in the docs");
}

/// The runner itself: a wrong command, a wrong key and output that differs
/// are each reported at their line, so the test above can fail.
#[test]
fn a_broken_example_is_reported_with_its_line() {
    let doc = "Intro\n\n```sh\npractica check\npractica buidl\n```\n\n```yaml\ntitel: A guide\n```\n\n\
               ```console\n$ practica check\nNo problems at all.\n```\n\n```\nplain\n```\n";
    let mut reader = Reader::new();
    let errors: Vec<(usize, String)> = blocks(doc).iter().filter_map(|b| run_block(&mut reader, b).err()).collect();
    let lines: Vec<usize> = errors.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [5, 9, 14, 18], "{errors:?}");
    assert!(errors[0].1.contains("`practica buidl` exited Some(2)"), "{}", errors[0].1);
    assert!(errors[1].1.contains("neither guide.yaml's nor a page's"), "{}", errors[1].1);
    assert!(errors[2].1.contains("did not print `No problems at all.`"), "{}", errors[2].1);
    assert!(errors[3].1.contains("without a language"), "{}", errors[3].1);

    // A front-matter key given a wrong type is taken to a page and refused there.
    let doc = "```yaml\naudience: hr\n```\n";
    let errors: Vec<_> = blocks(doc).iter().filter_map(|b| run_block(&mut reader, b).err()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].1.contains("P0206"), "{}", errors[0].1);
}

#[test]
fn console_output_matches_with_ellipses() {
    let printed = "Built 25 pages (2 practices, 1 area) in 31 ms → g/public/\n";
    assert!(shows(printed, "Built … pages (2 practices, 1 area) in … ms → g/public/"));
    assert!(!shows(printed, "Built … pages (3 practices, 1 area) in … ms → g/public/"));
    assert!(shows(printed, "Built 25 pages (2 practices, 1 area) in 31 ms → g/public/"));
    assert!(!shows(printed, "Built"));
}
