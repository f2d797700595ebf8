//! Reading: the guide as the forms need it, and one file with its parts.

use std::path::Path;

use serde_json::{Value, json};

use super::files::{self, Area};
use super::index::Index;
use crate::load::front_matter;

/// An answer: status and JSON, or why not.
pub type Answer = Result<(u16, Value), Refusal>;

/// A request refused: its status, a sentence for the editor, and the field
/// of the form it is about, if one.
#[derive(Debug)]
pub struct Refusal {
    pub status: u16,
    pub message: String,
    pub field: Option<&'static str>,
}

impl Refusal {
    pub fn at(status: u16, field: &'static str, message: impl Into<String>) -> Refusal {
        Refusal { status, message: message.into(), field: Some(field) }
    }
}

impl From<(u16, String)> for Refusal {
    fn from((status, message): (u16, String)) -> Refusal {
        Refusal { status, message, field: None }
    }
}

pub fn guide(index: &Index, today: &str) -> Answer {
    Ok((
        200,
        json!({
            "title": index.title,
            "lang": index.lang,
            "languages": index.languages,
            "today": today,
            "base": index.base,
            "fields": super::fields::all(),
            "audiences": index.audiences,
            "sources": index.sources,
            "areas": index.areas,
            "tags": index.tags,
            "pages": index.pages,
            "images": index.images,
        }),
    ))
}

/// A file's text with BOM and `\r\n` made plain, as `load` reads it.
pub fn plain(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() }
}

/// The text of `rel` and its hash, or why not.
pub fn text_of(root: &Path, rel: &str) -> Result<(Area, String, String), (u16, String)> {
    let (area, path) = files::resolve(root, rel).map_err(|e| (400, e))?;
    if area == Area::Image {
        return Err((400, format!("`{rel}` is an image, not a text the editor shows")));
    }
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err((404, format!("there is no file `{rel}`"))),
        Err(e) => return Err((500, format!("`{rel}` cannot be read: {e}"))),
    };
    let hash = files::hash(&bytes);
    let text = String::from_utf8(bytes).map_err(|_| (422, format!("`{rel}` is not UTF-8 text")))?;
    Ok((area, text, hash))
}

/// `{path, text, hash, kind, url?, lang, front_matter, body, body_line, original?}`.
pub fn file(root: &Path, rel: &str, index: &Index) -> Answer {
    let (area, text, hash) = text_of(root, rel)?;
    Ok((200, describe(rel, area, &text, &hash, index)))
}

/// A file's parts as the views read them.
pub fn describe(rel: &str, area: Area, text: &str, hash: &str, index: &Index) -> Value {
    let plain = plain(text);
    let (yaml, body, body_line) = match (area, front_matter::split(&plain)) {
        (Area::Content, Ok(s)) => (s.yaml.to_string(), s.body.to_string(), s.body_line),
        (Area::Content, Err(_)) => (String::new(), plain.clone(), 1),
        _ => (plain.clone(), String::new(), 0),
    };
    let front: Value = serde_yaml::from_str::<serde_yaml::Value>(&yaml)
        .ok()
        .and_then(|v| serde_json::to_value(v).ok())
        .filter(Value::is_object)
        .unwrap_or_else(|| json!({}));
    let mut out = json!({
        "path": rel,
        "text": text,
        "hash": hash,
        "front_matter": front,
        "body": body,
        "body_line": body_line,
    });
    let o = out.as_object_mut().expect("an object");
    match area {
        Area::Content => {
            let content_path = rel.strip_prefix("content/").unwrap_or(rel);
            let (kind, lang, original) = place(content_path, &index.languages[1.min(index.languages.len())..]);
            o.insert("kind".into(), json!(kind));
            o.insert("lang".into(), json!(lang.clone().unwrap_or_else(|| index.lang.clone())));
            if let Some(orig) = original {
                o.insert("original".into(), json!(orig));
            }
            if let Some(p) = index.pages.iter().find(|p| p.file == rel) {
                o.insert("url".into(), json!(p.url));
            }
        }
        _ => {
            o.insert("kind".into(), json!("guide"));
            o.insert("lang".into(), json!(index.lang));
        }
    }
    out
}

/// What a content file is by where it sits: its kind, its language if it is
/// a translation, and then its original's path.
pub fn place(content_path: &str, languages: &[String]) -> (&'static str, Option<String>, Option<String>) {
    let (doc, _) = crate::load::content::from_bytes(content_path, languages, b"---\n---\n".to_vec());
    match doc {
        Some(d) => {
            let original = d.doc.lang.as_ref().map(|_| format!("content/{}", d.doc.content_path));
            (d.doc.kind.id(), d.doc.lang, original)
        }
        None => ("page", None, None),
    }
}
