//! Entry points for the fuzz targets in fuzz/. Not part of the library's API.
//!
//! Each takes any text and runs it through the same steps a build does, checking
//! on the way the things that must hold whatever the input: no panic, and every
//! diagnostic and problem on a line that exists.

use std::path::Path;

use serde_yaml::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::Target;
use crate::load::front_matter;
use crate::load::yaml::{self, Fields};
use crate::resolve::scan;

/// A content file's text as content/ loading reads it: BOM and line endings,
/// the front matter split, its YAML parsed and every field read as for a
/// practice. Then the same text read as guide.yaml.
pub fn front_matter(text: &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text).replace("\r\n", "\n").replace('\r', "\n");
    let lines = text.split('\n').count();
    if let Ok(split) = front_matter::split(&text) {
        assert!(split.body_line >= 1 && split.body_line <= lines + 1, "body_line {}", split.body_line);
        let file = Path::new("content/practices/area/practice.md");
        match yaml::parse(split.yaml, file, split.yaml_line, Code::FrontMatterSyntax) {
            Ok(Value::Mapping(map)) => {
                let mut f = Fields::new(&map, split.yaml, file, split.yaml_line);
                let keys = crate::load::fields::File::FrontMatter(crate::load::Kind::Practice).keys();
                f.check_keys(&keys, "the front matter of a practice", Code::UnknownKey);
                f.required_string("title", "Practice", "Regular supervision");
                f.required_string("summary", "Practice", "One sentence.");
                f.string_list("audience");
                f.string_list("tags");
                f.string_list("related");
                f.one_or_many("source");
                f.int("weight");
                f.bool("draft");
                for k in map.keys() {
                    let line = f.line_of(&yaml::key_name(k));
                    assert!(line >= 1 && line <= lines, "key line {line} of {lines}");
                    if let Some(Value::Mapping(inner)) = map.get(k) {
                        let mut nested = f.nested(inner, line);
                        nested.check_keys(&["title"], "a nested mapping", Code::UnknownKey);
                        nested.string("title");
                    }
                }
                lines_exist(f.take_diagnostics().as_slice(), lines);
            }
            Ok(_) => {}
            Err(d) => lines_exist(&[d], lines),
        }
    }
    let mut diags = Diagnostics::new();
    crate::load::config::parse(&text, Path::new("guide.yaml"), &mut diags);
    lines_exist(diags.as_slice(), lines);
}

fn lines_exist(diags: &[Diagnostic], lines: usize) {
    for d in diags {
        assert!(d.line <= lines, "{d} is past the last line ({lines})");
    }
}

/// Markdown scanned with link decisions of every kind, chosen by the
/// destination as the real resolver does for real links.
pub fn markdown(body: &str) {
    let mut resolve = |dest: &str, _image: bool, line: usize, column: usize| {
        assert!(line >= 1 && column >= 1);
        match dest.len() % 4 {
            0 => (Target::Keep, None),
            1 => (Target::Site(format!("base/{dest}/")), None),
            2 => (Target::Nowhere, Some(Diagnostic::error(Code::BrokenLink, "", 0, format!("`{dest}` is broken")))),
            _ => (Target::Keep, Some(Diagnostic::warning(Code::InsecureLink, "", 0, "warns").with_help("help"))),
        }
    };
    let mut diags = Diagnostics::new();
    let s = scan::scan(body, Path::new("x.md"), 1, false, &mut resolve, &mut diags);
    let lines = body.split('\n').count();
    for d in &diags {
        assert!(d.line >= 1 && d.line <= lines && d.column >= 1, "problem at {}:{} of {lines} lines", d.line, d.column);
    }
    for h in &s.headings {
        assert!(h.line >= 1 && h.line <= lines);
    }
    let ids: std::collections::HashSet<&str> = s.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids.len(), s.headings.len(), "heading ids are unique");
    assert!(s.tasks.iter().all(|t| !ids.contains(t.id.as_str())), "no heading takes a task's id");
    crate::render::markdown::render_for_fuzzing(body, &s);
}

#[cfg(test)]
mod tests {
    /// The fuzzers' saved inputs, each still holding what it checks.
    #[test]
    fn the_saved_fuzz_inputs_pass() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
        let mut ran = 0;
        for (target, check) in [("markdown", super::markdown as fn(&str)), ("front_matter", super::front_matter)] {
            for entry in std::fs::read_dir(root.join(target)).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                if let Ok(text) = std::str::from_utf8(&bytes) {
                    check(text);
                    ran += 1;
                }
            }
        }
        assert!(ran > 50, "only {ran} saved inputs");
    }
}
