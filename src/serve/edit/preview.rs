//! What a text the editor has not saved would make: the page as the site
//! renders it (the same pipeline, with the text in place of the file) and
//! the problems `check` would report for that file, at their lines.

use serde_json::{Value, json};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::guide::pages::{PageKind, web_pages};
use crate::guide::{Doc, Guide};
use crate::pipeline::{self, Options};
use crate::render::markdown::Rendered;
use crate::render::pages::render_page;

/// The page's HTML (the inside of its `<main>`), its address, the
/// stylesheets it uses, and the file's problems.
pub struct Preview {
    pub html: Option<String>,
    pub url: Option<String>,
    pub stylesheets: Vec<String>,
    pub problems: Vec<Value>,
}

pub fn render(opts: &Options, file: &str, text: &str) -> Preview {
    // A draft is previewed like any page; search is not needed for one page.
    let opts = Options { drafts: true, no_search: true, git_dates: false, ..opts.clone() };
    let mut diags = Diagnostics::new();
    let mut out = Preview { html: None, url: None, stylesheets: Vec::new(), problems: Vec::new() };
    let prepared = pipeline::resolve_replacing(&opts, file, text.as_bytes().to_vec(), &mut diags)
        .and_then(|r| r.with_templates(&opts, &mut diags));
    let Some(p) = prepared else {
        // Nothing could be rendered: the errors that stopped it, wherever they are.
        out.problems = problems(&diags, file, None);
        out.problems.extend(elsewhere(&diags, file));
        return out;
    };
    let id = p.guide.docs.iter().position(|d| crate::text::slash_path(&d.file) == file);
    if let Some(id) = id {
        let page = p.guide.editions.iter().flat_map(|e| web_pages(&p.guide, e)).find(|pg| pg.kind == PageKind::Doc(id));
        if let Some(page) = page {
            out.url = Some(format!("{}{}", p.guide.addresses.base_path(), page.path));
            match render_page(&p.guide, &p.texts, &p.templates, &page, &Rendered::default()) {
                Ok(f) => {
                    let html = String::from_utf8_lossy(&f.bytes).into_owned();
                    out.stylesheets = stylesheets(&html);
                    out.html = main_of(&html);
                }
                Err(d) => diags.push(d),
            }
        }
    }
    out.problems = problems(&diags, file, id.map(|i| &p.guide.docs[i]));
    if out.html.is_none() {
        out.problems.extend(elsewhere(&diags, file));
    }
    out
}

/// The errors in other files than `file` (guide.yaml, a template).
fn elsewhere(diags: &Diagnostics, file: &str) -> Vec<Value> {
    let other = |d: &&Diagnostic| d.is_error() && crate::text::slash_path(&d.file) != file;
    diags.iter().filter(other).map(|d| problem(d, None)).collect()
}

/// What `check` would say about `file`, each with the front-matter key it
/// is about when it is about one.
pub fn problems(diags: &Diagnostics, file: &str, doc: Option<&Doc>) -> Vec<Value> {
    diags.iter().filter(|d| crate::text::slash_path(&d.file) == file).map(|d| problem(d, doc)).collect()
}

pub fn problem(d: &Diagnostic, doc: Option<&Doc>) -> Value {
    let mut v = json!({
        "severity": d.severity.as_str(),
        "code": d.code.as_str(),
        "message": d.message,
        "help": d.help,
        "line": d.line,
        "file": crate::text::slash_path(&d.file),
    });
    if let Some(field) = doc.and_then(|doc| field_at(doc, d.line)) {
        v["field"] = json!(field);
    }
    v
}

/// The front-matter key whose lines hold `line`.
fn field_at(doc: &Doc, line: usize) -> Option<String> {
    if line == 0 || line >= doc.body_line {
        return None;
    }
    doc.key_lines.iter().filter(|(_, l)| **l <= line).max_by_key(|(_, l)| **l).map(|(k, _)| k.clone())
}

/// Every problem `check` finds in the guide, the way `problem` shows them.
pub fn all_problems(guide: Option<&Guide>, diags: &Diagnostics) -> Vec<Value> {
    diags
        .iter()
        .map(|d| {
            let file = crate::text::slash_path(&d.file);
            let doc = guide.and_then(|g| g.docs.iter().find(|doc| crate::text::slash_path(&doc.file) == file));
            problem(d, doc)
        })
        .collect()
}

/// The inside of the page's `<main>`.
fn main_of(html: &str) -> Option<String> {
    let open = html.find("<main")?;
    let start = open + html[open..].find('>')? + 1;
    let end = html.rfind("</main>")?;
    (end >= start).then(|| html[start..end].to_string())
}

/// The page's stylesheets, as its `<link rel="stylesheet">` name them.
fn stylesheets(html: &str) -> Vec<String> {
    let head = &html[..html.find("</head>").unwrap_or(html.len())];
    head.split("<link")
        .skip(1)
        .filter(|l| l.contains("stylesheet"))
        .filter_map(|l| l.split("href=\"").nth(1)?.split('"').next().map(str::to_string))
        .collect()
}
