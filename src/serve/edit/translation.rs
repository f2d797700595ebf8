//! A page and its translation side by side, and what changed in the page
//! since the translation was last brought up to date.

use std::path::Path;

use serde_json::{Value, json};

use super::files::Area;
use super::index::Index;
use super::read::{Answer, Refusal, describe, text_of};

pub fn translation(root: &Path, index: &Index, original: &str, lang: &str) -> Answer {
    let others: Vec<String> = index.languages.iter().skip(1).cloned().collect();
    if !others.iter().any(|l| l == lang) {
        return Err(Refusal::at(400, "lang", format!("`{lang}` is not one of the guide's other languages")));
    }
    let (area, text, hash) = text_of(root, original)?;
    let stem = original.strip_suffix(".md").filter(|_| area == Area::Content);
    let Some(stem) = stem.filter(|s| !others.iter().any(|l| s.ends_with(&format!(".{l}")))) else {
        return Err(Refusal::at(400, "file", format!("`{original}` is not an original page of the guide")));
    };
    let content_path = original.strip_prefix("content/").unwrap_or(original);
    let plain = super::read::plain(&text);
    let (page, _) = crate::load::content::from_bytes(content_path, &others, plain.into_bytes());
    let current = page.as_ref().map(super::history::hash_of);
    let mut orig = describe(original, area, &text, &hash, index);
    orig["source_hash"] = json!(current);

    let path = format!("{stem}.{lang}.md");
    let (tr, recorded) = match text_of(root, &path) {
        Ok((area, t, h)) => {
            let mut v = describe(&path, area, &t, &h, index);
            let recorded = v["front_matter"]["source_hash"].as_str().map(str::to_string);
            v["exists"] = json!(true);
            v["source_hash"] = json!(recorded);
            (v, recorded)
        }
        Err((404, _)) => (json!({ "path": path, "exists": false }), None),
        Err(e) => return Err(e.into()),
    };
    let changed = match (&page, &recorded) {
        (Some(page), Some(wanted)) => super::history::changed_since(root, original, wanted, page, &others),
        _ => None,
    };
    let changed = changed.map_or(Value::Null, Value::Array);
    Ok((200, json!({ "original": orig, "translation": tr, "changed": changed })))
}
