//! Serving a built site over HTTP under its base path: the one policy for
//! turning a request path into a file, shared by `serve` (files in memory) and
//! PDF printing (the staging folder on disk, for Chromium to print from).
//!
//! A request path is percent-decoded once and refused if any segment is `..`
//! or `.`, or contains a backslash, a NUL or an encoded slash, so no request can
//! reach anything but the site's own files.

mod disk;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{HeaderValue, Response, StatusCode, header};

pub use disk::DiskServer;

/// Where a server finds the site's files, by site path (`practices/a/index.html`).
pub trait Files: Send + Sync {
    fn read(&self, path: &str) -> Option<Arc<[u8]>>;
}

impl Files for std::collections::HashMap<String, Arc<[u8]>> {
    fn read(&self, path: &str) -> Option<Arc<[u8]>> {
        self.get(path).cloned()
    }
}

/// What a request path names.
pub enum Found {
    /// A file, with its site path.
    File(String, Arc<[u8]>),
    /// A folder asked for without its slash, or the base path without one.
    Redirect(String),
    Missing,
}

/// Looks `path` (a request's path, with the base path in front) up in `files`.
pub fn find(files: &dyn Files, base: &str, path: &str) -> Found {
    if format!("{path}/") == base {
        return Found::Redirect(base.to_string());
    }
    let Some(rel) = path.strip_prefix(base).and_then(clean) else { return Found::Missing };
    let key = if rel.is_empty() || rel.ends_with('/') { format!("{rel}index.html") } else { rel.clone() };
    if let Some(bytes) = files.read(&key) {
        return Found::File(key, bytes);
    }
    if files.read(&format!("{rel}/index.html")).is_some() {
        return Found::Redirect(format!("{base}{rel}/"));
    }
    Found::Missing
}

/// Percent-decodes a request path below the base; `None` for anything that could escape.
pub fn clean(rel: &str) -> Option<String> {
    let lower = rel.to_ascii_lowercase();
    if lower.contains("%2f") || lower.contains("%5c") || lower.contains("%00") {
        return None;
    }
    let decoded = percent_decode(rel)?;
    if decoded.starts_with('/') || decoded.contains('\\') || decoded.contains('\0') {
        return None;
    }
    if decoded.split('/').any(|seg| seg == ".." || seg == ".") {
        return None;
    }
    Some(decoded)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

pub fn content_type(path: &str) -> &'static str {
    let ext = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "wasm" => "application/wasm",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// A response with the content type of `key`; never cached, since a
/// preview changes with every save.
pub fn respond(status: StatusCode, key: &str, body: impl Into<Body>) -> Response<Body> {
    let mut r = Response::new(body.into());
    *r.status_mut() = status;
    r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(key)));
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    r
}

pub fn redirect(to: &str) -> Response<Body> {
    let mut r = Response::new(Body::empty());
    *r.status_mut() = StatusCode::MOVED_PERMANENTLY;
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

/// The site's 404 page, or a line of text when it has none.
pub fn not_found(files: &dyn Files) -> Response<Body> {
    match files.read("404.html") {
        Some(b) => respond(StatusCode::NOT_FOUND, "404.html", b.to_vec()),
        None => respond(StatusCode::NOT_FOUND, "404.txt", "not found"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_is_refused() {
        for bad in [
            "../x",
            "a/../../x",
            "%2e%2e/x",
            "%2E%2E/guide.yaml",
            "a%2fb",
            "a%5cb",
            "a\\b",
            "/etc/passwd",
            "%2fetc",
            "a/./b",
            "%00",
            "%zz",
        ] {
            assert_eq!(clean(bad), None, "{bad}");
        }
        assert_eq!(clean("practices/a%20b/").as_deref(), Some("practices/a b/"));
        assert_eq!(clean("").as_deref(), Some(""));
    }

    #[test]
    fn folders_get_their_index_and_a_slash() {
        let mut files: std::collections::HashMap<String, Arc<[u8]>> = Default::default();
        files.insert("a/index.html".into(), Arc::from(&b"A"[..]));
        assert!(matches!(find(&files, "/base/", "/base/a/"), Found::File(k, _) if k == "a/index.html"));
        assert!(matches!(find(&files, "/base/", "/base/a"), Found::Redirect(to) if to == "/base/a/"));
        assert!(matches!(find(&files, "/base/", "/base"), Found::Redirect(to) if to == "/base/"));
        assert!(matches!(find(&files, "/base/", "/other/a/"), Found::Missing));
        assert!(matches!(find(&files, "/base/", "/base/../a/"), Found::Missing));
    }
}
