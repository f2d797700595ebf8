//! Previewing and saving an edit. Both take the editor's change as a whole
//! text, or as front-matter changes and a body applied to the text it
//! started from; a save writes only if the file on disk is still that text.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::files::{self, Area};
use super::frontmatter;
use super::read::{Answer, Refusal, text_of};
use crate::pipeline::Options;

/// The request's text: `text` as given, or `changes` and `body` applied to
/// `base` (a content file), or `changes` applied to the whole of guide.yaml.
fn edited(req: &Value, base: &str, area: Area) -> Result<String, (u16, String)> {
    if let Some(t) = req.get("text").and_then(Value::as_str) {
        return Ok(t.to_string());
    }
    let empty = Map::new();
    let changes = match req.get("changes") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(m)) => m,
        Some(_) => return Err((400, "`changes` must be an object of keys and their new values".into())),
    };
    let body = req.get("body").and_then(Value::as_str);
    match area {
        Area::Config if body.is_some() => Err((400, "guide.yaml has no body; send `changes` or `text`".into())),
        Area::Config => frontmatter::edit_yaml(base, changes).map_err(|e| (400, e)),
        _ => frontmatter::edit_file(base, changes, body).map_err(|e| (400, e)),
    }
}

fn path_of(req: &Value) -> Result<String, (u16, String)> {
    req.get("path")
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| (400, "the request names no `path`".into()))
}

pub fn preview(opts: &Options, req: &Value) -> Answer {
    let path = path_of(req)?;
    let (area, path_on_disk) = files::resolve(&opts.root, &path).map_err(|e| (400, e))?;
    if area != Area::Content {
        return Err(Refusal::from((400, format!("`{path}` is not a page of the guide"))));
    }
    let base = match req.get("base").and_then(Value::as_str) {
        Some(b) => b.to_string(),
        None => std::fs::read_to_string(&path_on_disk).unwrap_or_default(),
    };
    let text = edited(req, &base, area)?;
    let p = super::preview::render(opts, &path, &super::read::plain(&text));
    Ok((
        200,
        json!({ "text": text, "html": p.html, "url": p.url, "stylesheets": p.stylesheets, "problems": p.problems }),
    ))
}

pub fn save(root: &Path, req: &Value) -> Answer {
    let path = path_of(req)?;
    let (area, on_disk) = files::resolve(root, &path).map_err(|e| (400, e))?;
    if area == Area::Image {
        return Err(Refusal::from((400, "images are added with api/image".into())));
    }
    let (_, disk, disk_hash) = text_of(root, &path)?;
    let base = req.get("base").and_then(Value::as_str).unwrap_or(&disk);
    let mine = edited(req, base, area)?;
    let hash = req.get("hash").and_then(Value::as_str).unwrap_or_default();
    if hash != disk_hash {
        return Ok((
            409,
            json!({
                "error": "this file changed on disk since you opened it; nothing was saved. Choose a version, or merge them, and save again",
                "disk": { "text": disk, "hash": disk_hash },
                "mine": mine,
            }),
        ));
    }
    if mine != disk {
        files::write_atomic(&on_disk, mine.as_bytes(), false)
            .map_err(|e| (500, format!("`{path}` could not be saved: {e}")))?;
    }
    Ok((200, json!({ "hash": files::hash(mine.as_bytes()), "text": mine })))
}
