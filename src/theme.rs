//! The theme: templates and static files, with the site's own files first.
//!
//! The default theme is compiled into the binary, so a guide made with
//! `practica init` builds without a copy of it. A folder themes/<name>/ in the
//! site replaces a built-in theme file by file, and the site's templates/ and
//! static/ folders replace the theme's, file by file.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

pub const TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "practices.html",
    "area.html",
    "practice.html",
    "tips.html",
    "tip.html",
    "checklists.html",
    "checklist.html",
    "page.html",
    "taxonomy.html",
    "term.html",
    "404.html",
    "search.html",
    "partials/list.html",
    "partials/sources.html",
    "handouts.html",
    "handout.html",
    "partials/handout-practice.html",
    "partials/handout-worksheet.html",
    "partials/handout-source.html",
];

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $name)) as &[u8])),*]
    };
}

static BUILTIN_TEMPLATES: &[(&str, &[u8])] = builtin!(
    "templates/base.html",
    "templates/index.html",
    "templates/practices.html",
    "templates/area.html",
    "templates/practice.html",
    "templates/tips.html",
    "templates/tip.html",
    "templates/checklists.html",
    "templates/checklist.html",
    "templates/page.html",
    "templates/taxonomy.html",
    "templates/term.html",
    "templates/404.html",
    "templates/search.html",
    "templates/partials/list.html",
    "templates/partials/sources.html",
    "templates/handouts.html",
    "templates/handout.html",
    "templates/partials/handout-practice.html",
    "templates/partials/handout-worksheet.html",
    "templates/partials/handout-source.html",
);

static BUILTIN_STATIC: &[(&str, &[u8])] = builtin!(
    "static/css/practica.css",
    "static/js/practica.js",
    "static/favicon.svg",
    "static/css/handout.css",
    "static/js/handout.js"
);

pub fn builtin_static(path: &str) -> Option<&'static [u8]> {
    BUILTIN_STATIC.iter().find(|(n, _)| n.strip_prefix("static/") == Some(path)).map(|(_, b)| *b)
}

/// A template's text and the file it came from, for error messages.
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub file: PathBuf,
}

/// Templates in override order: site templates/, then themes/<theme>/templates/, then built-in.
pub fn templates(root: &Path, theme: &str) -> Result<Vec<TemplateSource>, Vec<Diagnostic>> {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let site_dir = root.join("templates");
    let theme_dir = root.join("themes").join(theme).join("templates");
    if theme != "default" && !theme_dir.is_dir() {
        return Err(vec![
            Diagnostic::error(
                Code::ConfigValue,
                "guide.yaml",
                1,
                format!("the theme `{theme}` is not in themes/{theme}/templates/"),
            )
            .with_help("use theme: default, or add the theme's folder"),
        ]);
    }
    for name in TEMPLATES {
        let candidates = [site_dir.join(name), theme_dir.join(name)];
        let found = candidates.iter().find(|p| p.is_file());
        let (text, file) = match found {
            Some(p) => match std::fs::read_to_string(p) {
                Ok(t) => (t, p.strip_prefix(root).unwrap_or(p).to_path_buf()),
                Err(e) => {
                    diags.push(Diagnostic::error(
                        Code::Template,
                        p.strip_prefix(root).unwrap_or(p),
                        0,
                        format!("this template cannot be read: {e}"),
                    ));
                    continue;
                }
            },
            None => {
                let key = format!("templates/{name}");
                let bytes = BUILTIN_TEMPLATES
                    .iter()
                    .find(|(n, _)| *n == key)
                    .map(|(_, b)| *b)
                    .expect("every template is built in");
                (
                    String::from_utf8_lossy(bytes).into_owned(),
                    PathBuf::from(format!("(built-in theme)/templates/{name}")),
                )
            }
        };
        out.push(TemplateSource { name: name.to_string(), text, file });
    }
    if diags.is_empty() { Ok(out) } else { Err(diags) }
}

/// One file to copy into the output: its site path and where its bytes come from.
pub enum StaticFile {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

/// Static files by site path; the site's static/ wins over the theme's.
pub fn static_files(root: &Path, theme: &str) -> Vec<(String, StaticFile)> {
    let mut map: std::collections::BTreeMap<String, StaticFile> = BUILTIN_STATIC
        .iter()
        .map(|(n, b)| (n.trim_start_matches("static/").to_string(), StaticFile::Builtin(b)))
        .collect();
    for dir in [root.join("themes").join(theme).join("static"), root.join("static")] {
        if !dir.is_dir() {
            continue;
        }
        for e in walkdir::WalkDir::new(&dir).follow_links(false).sort_by_file_name().into_iter().flatten() {
            if !e.file_type().is_file() {
                continue;
            }
            let Ok(rel) = e.path().strip_prefix(&dir) else { continue };
            let site_path: Vec<String> =
                rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if site_path.iter().any(|s| s.starts_with('.')) {
                continue;
            }
            map.insert(site_path.join("/"), StaticFile::Disk(e.path().to_path_buf()));
        }
    }
    map.into_iter().collect()
}
