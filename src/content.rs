//! Load: walks content/, reads each file's front matter and keeps its body.
//!
//! The result is plain data. Nothing here knows about other files; references
//! between pages are checked by `resolve`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde_yaml::Value;

use crate::diagnostic::{Code, Diagnostic};
use crate::frontmatter::{self, SplitError};
use crate::slug::slugify;
use crate::yaml::{self, Fields};

pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Home,
    /// `practices/_index.md`, `tips/_index.md`, `checklists/_index.md`: the introduction of a list page.
    Section,
    Area,
    Practice,
    Tip,
    Checklist,
    Page,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "the home page",
            Kind::Section => "a section page",
            Kind::Area => "a practice area",
            Kind::Practice => "a practice",
            Kind::Tip => "a tip",
            Kind::Checklist => "a checklist",
            Kind::Page => "a page",
        }
    }

    fn keys(self) -> &'static [&'static str] {
        match self {
            Kind::Home | Kind::Section => &["title", "summary"],
            Kind::Area => &["title", "summary", "weight", "draft"],
            Kind::Practice => &["title", "summary", "audience", "tags", "related", "source", "weight", "draft"],
            Kind::Tip => &["title", "summary", "applies_to", "source", "weight", "draft"],
            Kind::Checklist => &["title", "summary", "source", "weight", "draft"],
            Kind::Page => &["title", "summary", "weight", "draft"],
        }
    }
}

/// One content file, as written.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: Kind,
    /// Relative to the site root, e.g. `content/practices/supervision/ongoing.md`.
    pub file: PathBuf,
    /// Relative to content/, with `/` separators, e.g. `practices/supervision/ongoing.md`.
    pub content_path: String,
    pub slug: String,
    /// The area's slug, for areas and practices.
    pub area: Option<String>,
    /// The site path of the page, e.g. `practices/supervision/ongoing/`.
    pub path: String,
    pub title: String,
    pub summary: Option<String>,
    pub weight: i64,
    pub draft: bool,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub related: Vec<String>,
    pub source: Vec<String>,
    pub applies_to: Vec<String>,
    /// File line of each front-matter key, for messages about its value.
    pub key_lines: HashMap<String, usize>,
    pub body: String,
    pub body_line: usize,
    /// The file could not be read or parsed; it stands in so links to it do not
    /// add a second, misleading error. A build with such a doc always fails.
    pub failed: bool,
}

impl Doc {
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// Every content file found, in a stable order.
pub struct Loaded {
    pub docs: Vec<Doc>,
}

pub fn load(root: &Path, include_drafts: bool) -> (Loaded, Vec<Diagnostic>) {
    let content = root.join(CONTENT_DIR);
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    if !content.is_dir() {
        diagnostics.push(
            Diagnostic::error(Code::Misplaced, CONTENT_DIR, 0, "there is no content/ folder")
                .with_help("create content/_index.md for the home page, or start with `practica init DIR`"),
        );
        return (Loaded { docs: Vec::new() }, diagnostics);
    }
    for entry in walkdir::WalkDir::new(&content).follow_links(false).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let p = e.path();
                if p.extension().is_some_and(|x| x == "md") && !is_hidden(p, &content) {
                    files.push(p.to_path_buf());
                }
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| rel(root, p)).unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                diagnostics.push(
                    Diagnostic::error(Code::Unreadable, path, 0, format!("this cannot be read: {err}"))
                        .with_help("check the file's permissions"),
                );
            }
        }
    }

    let results: Vec<(Option<Doc>, Vec<Diagnostic>)> = files.par_iter().map(|p| load_file(root, &content, p)).collect();
    let mut docs = Vec::with_capacity(results.len());
    for (doc, mut diags) in results {
        diagnostics.append(&mut diags);
        if let Some(doc) = doc
            && (include_drafts || !doc.draft)
        {
            docs.push(doc);
        }
    }
    (Loaded { docs }, diagnostics)
}

/// Loads one content file again, for a rebuild after it was saved.
pub fn load_one(root: &Path, path: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    load_file(root, &root.join(CONTENT_DIR), path)
}

fn is_hidden(p: &Path, content: &Path) -> bool {
    p.strip_prefix(content)
        .map(|r| r.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')))
        .unwrap_or(false)
}

fn rel(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}

/// Where a file sits decides what it is and where it is published.
struct Place {
    kind: Kind,
    slug: String,
    area: Option<String>,
    path: String,
}

fn place(parts: &[String]) -> Result<Place, String> {
    let stem = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_string();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let p = |kind, slug: String, area: Option<String>, path: String| Ok(Place { kind, slug, area, path });
    match parts.as_slice() {
        ["_index.md"] => p(Kind::Home, String::new(), None, String::new()),
        ["practices", "_index.md"] => p(Kind::Section, "practices".into(), None, "practices/".into()),
        ["tips", "_index.md"] => p(Kind::Section, "tips".into(), None, "tips/".into()),
        ["checklists", "_index.md"] => p(Kind::Section, "checklists".into(), None, "checklists/".into()),
        ["practices", area, "_index.md"] => {
            let a = slugify(area);
            p(Kind::Area, a.clone(), Some(a.clone()), format!("practices/{a}/"))
        }
        ["practices", area, file] => {
            let (a, s) = (slugify(area), slugify(&stem(file)));
            p(Kind::Practice, s.clone(), Some(a.clone()), format!("practices/{a}/{s}/"))
        }
        ["practices", _] => Err("a practice must sit in an area folder: content/practices/<area>/<practice>.md".into()),
        ["tips", file] => {
            let s = slugify(&stem(file));
            p(Kind::Tip, s.clone(), None, format!("tips/{s}/"))
        }
        ["checklists", file] => {
            let s = slugify(&stem(file));
            p(Kind::Checklist, s.clone(), None, format!("checklists/{s}/"))
        }
        ["practices" | "tips" | "checklists", ..] => {
            Err("this folder is nested too deeply: practices/<area>/<practice>.md, tips/<tip>.md, checklists/<checklist>.md".into())
        }
        [.., last] if *last == "_index.md" => Err("only the home page and practice areas use _index.md here".into()),
        _ => {
            let mut segs: Vec<String> = parts[..parts.len() - 1].iter().map(|s| slugify(s)).collect();
            let s = slugify(&stem(parts[parts.len() - 1]));
            segs.push(s.clone());
            p(Kind::Page, s, None, format!("{}/", segs.join("/")))
        }
    }
}

fn load_file(root: &Path, content: &Path, path: &Path) -> (Option<Doc>, Vec<Diagnostic>) {
    let (doc, diags) = load_file_inner(root, content, path);
    (doc.map(|d| d.unwrap_or_else(|stub| stub)), diags)
}

/// `Err` carries a stand-in for a file whose text could not be used.
#[allow(clippy::type_complexity)]
fn load_file_inner(root: &Path, content: &Path, path: &Path) -> (Option<Result<Doc, Doc>>, Vec<Diagnostic>) {
    let file = rel(root, path);
    let parts: Vec<String> = path
        .strip_prefix(content)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let content_path = parts.join("/");
    let place = match place(&parts) {
        Ok(p) => p,
        Err(msg) => {
            return (
                None,
                vec![
                    Diagnostic::error(Code::Misplaced, &file, 0, "practica does not know where to publish this file")
                        .with_help(msg),
                ],
            );
        }
    };
    let stub = Doc {
        kind: place.kind,
        file: file.clone(),
        content_path: content_path.clone(),
        slug: place.slug.clone(),
        area: place.area.clone(),
        path: place.path.clone(),
        title: String::new(),
        summary: None,
        weight: 0,
        draft: false,
        audience: Vec::new(),
        tags: Vec::new(),
        related: Vec::new(),
        source: Vec::new(),
        applies_to: Vec::new(),
        key_lines: HashMap::new(),
        body: String::new(),
        body_line: 1,
        failed: true,
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return (
                Some(Err(stub)),
                vec![Diagnostic::error(Code::Unreadable, &file, 0, format!("this file cannot be read: {e}"))],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let col = at - bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(Code::Unreadable, &file, line, "this file is not UTF-8 text")
                        .at_column(col)
                        .with_help("save it as UTF-8 in your editor (often \"Save with encoding\")"),
                ],
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    let split = match frontmatter::split(&text) {
        Ok(s) => s,
        Err(SplitError::Unclosed) => {
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(Code::FrontMatterUnclosed, &file, 1, "the front matter is never closed")
                        .with_help("add a line with just --- after the last front-matter line"),
                ],
            );
        }
    };
    let mut diags = Vec::new();
    let value = if split.yaml.trim().is_empty() {
        Value::Mapping(Default::default())
    } else {
        match yaml::parse(split.yaml, &file, split.yaml_line, Code::FrontMatterSyntax) {
            Ok(v) => v,
            Err(d) => return (Some(Err(stub)), vec![d]),
        }
    };
    let empty = serde_yaml::Mapping::new();
    let map = match &value {
        Value::Mapping(m) => m,
        Value::Null => &empty,
        _ => {
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(
                        Code::FrontMatterSyntax,
                        &file,
                        split.yaml_line,
                        "the front matter must be `key: value` lines",
                    )
                    .with_help("e.g. title: Regular supervision"),
                ],
            );
        }
    };
    let kind = place.kind;
    let mut f = Fields::new(map, split.yaml, &file, split.yaml_line);
    f.check_keys(kind.keys(), &format!("the front matter of {}", kind.name()), Code::UnknownKey);
    let what = kind.name();
    let title = if matches!(kind, Kind::Home | Kind::Section) {
        f.string("title").unwrap_or_default()
    } else {
        f.required_string("title", &capitalise(what), "Regular supervision")
    };
    let summary = if matches!(kind, Kind::Practice | Kind::Area) {
        Some(f.required_string("summary", &capitalise(what), "One sentence that says what this is and why."))
    } else {
        f.string("summary")
    };
    let has = |k: &str| kind.keys().contains(&k);
    let weight = if has("weight") { f.int("weight").unwrap_or(0) } else { 0 };
    let draft = if has("draft") { f.bool("draft").unwrap_or(false) } else { false };
    let audience = if has("audience") { f.string_list("audience") } else { Vec::new() };
    let tags = if has("tags") { f.string_list("tags") } else { Vec::new() };
    let related = if has("related") { f.string_list("related") } else { Vec::new() };
    let applies_to = if has("applies_to") { f.string_list("applies_to") } else { Vec::new() };
    let source = if has("source") { f.one_or_many("source") } else { Vec::new() };
    let key_lines = map
        .keys()
        .map(|k| {
            let name = yaml::key_name(k);
            let line = f.line_of(&name);
            (name, line)
        })
        .collect();
    diags.append(&mut f.take_diagnostics());
    let doc = Doc {
        kind,
        file,
        content_path,
        slug: place.slug,
        area: place.area,
        path: place.path,
        title,
        summary,
        weight,
        draft,
        audience,
        tags,
        related,
        source,
        applies_to,
        key_lines,
        // CommonMark asks for U+0000 to become U+FFFD; pulldown-cmark passes it
        // through, and a NUL in a page is an HTML parse error.
        body: split.body.replace('\0', "\u{fffd}"),
        body_line: split.body_line,
        failed: false,
    };
    (Some(Ok(doc)), diags)
}

fn capitalise(s: &str) -> String {
    let s = s.strip_prefix("a ").or_else(|| s.strip_prefix("the ")).unwrap_or(s);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(String::from).collect()
    }

    #[test]
    fn places() {
        let pl = place(&parts("practices/Role Clarity/Écrire.md")).unwrap();
        assert_eq!(pl.kind, Kind::Practice);
        assert_eq!(pl.path, "practices/role-clarity/ecrire/");
        assert_eq!(place(&parts("about.md")).unwrap().path, "about/");
        assert_eq!(place(&parts("guides/a b.md")).unwrap().path, "guides/a-b/");
        assert!(place(&parts("practices/x.md")).is_err());
        assert!(place(&parts("tips/a/b.md")).is_err());
    }
}
