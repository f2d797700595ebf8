//! The editing views' pages (one shell, told which view it is) and their
//! scripts and styles, from the built-in theme's preview/edit/.

use std::sync::Arc;

use axum::body::Body;
use axum::extract::State as AxState;
use axum::http::{HeaderValue, Response, StatusCode, Uri, header};

use super::Edit;
use super::query::param;
use crate::text::escape_html;

/// The scripts and styles the shell names: until a view's file exists, an
/// empty one is served, so the page still works without it.
const NAMED: &[&str] = &[
    "common.js",
    "vendor/turndown.js",
    "paste.js",
    "toolbar.js",
    "fields.js",
    "edit.js",
    "conflict.js",
    "new-page.js",
    "translate.js",
    "status.js",
    "edit.css",
    "views.css",
];

fn builtin(file: &str) -> Option<&'static [u8]> {
    crate::load::theme::builtin(&format!("preview/edit/{file}"))
}

pub async fn asset(uri: Uri) -> Response<Body> {
    let file = uri.path().trim_start_matches("/__practica/edit/");
    let kind = if file.ends_with(".js") {
        "text/javascript; charset=utf-8"
    } else if file.ends_with(".css") {
        "text/css; charset=utf-8"
    } else {
        return plain(StatusCode::NOT_FOUND, "not found");
    };
    let bytes = match builtin(file) {
        Some(b) => b,
        None if NAMED.contains(&file) => b"",
        None => return plain(StatusCode::NOT_FOUND, "not found"),
    };
    let mut r = Response::new(Body::from(bytes));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Body::from(text));
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    r
}

pub async fn page(AxState(edit): AxState<Arc<Edit>>, uri: Uri) -> Response<Body> {
    let view = uri.path().trim_start_matches("/__practica/");
    let q = uri.query();
    let index = edit.index();
    let file = param(q, "file").filter(|f| !f.is_empty());
    let heading = match view {
        "edit" => "Edit a page",
        "new" => "New page",
        "translate" => "Translate a page",
        _ => "Guide status",
    };
    // "Back to the page": the page made from the file (in the translate
    // view, its translation's page if it has one yet), when there is one.
    let lang = param(q, "lang").filter(|l| !l.is_empty());
    let page_of = |f: &str| index.pages.iter().find(|p| p.file == f);
    let back = file
        .as_deref()
        .and_then(|f| lang.as_deref().and_then(|l| page_of(&translation_of(f, l))).or_else(|| page_of(f)))
        .map(|p| format!("<li><a href=\"{}\">Back to the page</a></li>", escape_html(&p.url)))
        .unwrap_or_default();
    let current = |v: &str| if v == view { " aria-current=\"page\"" } else { "" };
    let shell = String::from_utf8_lossy(builtin("shell.html").unwrap_or_default()).into_owned();
    let title = if index.title.is_empty() { "The guide".to_string() } else { index.title.clone() };
    let lang = if index.lang.is_empty() { "en".to_string() } else { index.lang.clone() };
    let base = if index.base.is_empty() { "/".to_string() } else { index.base.clone() };
    let html = shell
        .replace("{{lang}}", &escape_html(&lang))
        .replace("{{secret}}", &edit.secret)
        .replace("{{base}}", &escape_html(&base))
        .replace("{{heading}}", heading)
        .replace("{{view}}", view)
        .replace("{{back}}", &back)
        .replace("{{status_current}}", current("status"))
        .replace("{{new_current}}", current("new"))
        .replace("{{title}}", &escape_html(&title));
    let mut r = Response::new(Body::from(html));
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    // The secret is in this page: no other site may frame it.
    r.headers_mut().insert("x-frame-options", HeaderValue::from_static("DENY"));
    r.headers_mut().insert("referrer-policy", HeaderValue::from_static("same-origin"));
    r
}

/// `content/x.md` → `content/x.es.md` for language `lang`.
fn translation_of(file: &str, lang: &str) -> String {
    file.strip_suffix(".md").map_or_else(|| file.to_string(), |s| format!("{s}.{lang}.md"))
}
