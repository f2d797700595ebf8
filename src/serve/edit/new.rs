//! New files: a page of any kind (its name from its title, its required
//! keys filled in from the field description), a translation (a copy of its
//! original), and an image in static/images/.

use std::path::Path;

use serde_json::{Map, Value, json};

use super::files;
use super::index::Index;
use super::read::{Answer, Refusal};
use crate::load::Kind;
use crate::load::fields::{File, Type};
use crate::text::slugify;

/// A file name from a title: its slug, not so long that an address breaks.
fn slug_of(text: &str) -> String {
    let mut s = slugify(text);
    if s.len() > 80 {
        s.truncate(80);
        if let Some(cut) = s.rfind('-') {
            s.truncate(cut);
        }
    }
    s
}

fn bad(field: &'static str, message: String) -> Refusal {
    Refusal::at(400, field, message)
}

/// Where a new page of `kind` called `title` goes (`file` overrides the name).
fn path_for(
    index: &Index,
    kind: &str,
    area: Option<&str>,
    title: &str,
    file: Option<&str>,
) -> Result<(Kind, String), Refusal> {
    if title.trim().is_empty() {
        return Err(bad("title", "give the page a title; its file name is made from it".into()));
    }
    let name = match file.map(str::trim).filter(|f| !f.is_empty()) {
        Some(f) => {
            let stem = f.strip_suffix(".md").unwrap_or(f);
            if slugify(stem) != stem || stem.len() > 100 {
                return Err(bad(
                    "file",
                    format!(
                        "`{f}` cannot be a file name here; use lower-case letters, digits and hyphens, e.g. {}",
                        slug_of(stem)
                    ),
                ));
            }
            stem.to_string()
        }
        None => slug_of(title),
    };
    let area_folder = || -> Result<String, Refusal> {
        let key = area
            .filter(|a| !a.is_empty())
            .ok_or_else(|| bad("area", "choose the practice area it belongs to".into()))?;
        let a = index
            .areas
            .iter()
            .find(|a| a.key == key)
            .ok_or_else(|| bad("area", format!("there is no practice area `{key}`")))?;
        let file = a.file.clone().unwrap_or_default();
        Ok(file.strip_suffix("/_index.md").unwrap_or(&file).to_string())
    };
    Ok(match kind {
        "practice" => (Kind::Practice, format!("{}/{name}.md", area_folder()?)),
        "tip" => (Kind::Tip, format!("content/tips/{name}.md")),
        "checklist" => (Kind::Checklist, format!("content/checklists/{name}.md")),
        "area" => (Kind::Area, format!("content/practices/{name}/_index.md")),
        "page" => {
            if crate::guide::address::RESERVED.contains(&name.as_str()) || name == "_index" {
                return Err(bad(
                    "file",
                    format!("`{name}` is the name of one of the site's own pages; choose another"),
                ));
            }
            (Kind::Page, format!("content/{name}.md"))
        }
        other => {
            return Err(bad(
                "kind",
                format!("`{other}` is not a kind of page: practice, tip, checklist, area or page"),
            ));
        }
    })
}

pub fn name(index: &Index, q: Option<&str>) -> Answer {
    let p = |n| super::query::param(q, n);
    let (kind, area, title) = (p("kind").unwrap_or_default(), p("area"), p("title").unwrap_or_default());
    let (_, path) = path_for(index, &kind, area.as_deref(), &title, p("file").as_deref())?;
    Ok((200, json!({ "path": path })))
}

/// The text of a new page: its required keys (the title given, the others
/// the field description's example, for the editor to replace: an empty
/// one would stop the preview building until it is filled in), then an
/// empty body.
fn starting_text(kind: Kind, title: &str) -> String {
    let mut changes = Map::new();
    for f in File::FrontMatter(kind).fields().into_iter().filter(|f| f.required_for(Some(kind))) {
        let v = match (f.name, f.ty) {
            ("title", _) => json!(title.trim()),
            (_, Type::List | Type::OneOrList | Type::Records(_)) => json!([]),
            _ => json!(f.example),
        };
        changes.insert(f.name.to_string(), v);
    }
    let yaml = super::frontmatter::apply("", &changes).unwrap_or_default();
    format!("---\n{yaml}---\n\n")
}

pub fn create(root: &Path, index: &Index, req: &Value) -> Answer {
    let s = |k: &str| req.get(k).and_then(Value::as_str);
    let kind = s("kind").unwrap_or_default();
    let (path, text) = if kind == "translation" {
        translation(root, index, s("original").unwrap_or_default(), s("lang").unwrap_or_default())?
    } else {
        let (k, path) = path_for(index, kind, s("area"), s("title").unwrap_or_default(), s("file"))?;
        (path, starting_text(k, s("title").unwrap_or_default()))
    };
    let (_, on_disk) = files::resolve(root, &path).map_err(|e| (400, e))?;
    if std::fs::symlink_metadata(&on_disk).is_ok() {
        return Err(Refusal::from((409, format!("`{path}` already exists; choose another name, or open it to edit"))));
    }
    match files::write_atomic(&on_disk, text.as_bytes(), true) {
        Ok(()) => Ok((201, json!({ "path": path, "hash": files::hash(text.as_bytes()) }))),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Err(Refusal::from((409, format!("`{path}` already exists"))))
        }
        Err(e) => Err(Refusal::from((500, format!("`{path}` could not be made: {e}")))),
    }
}

/// A translation into `lang` of `original`: a copy of its text.
fn translation(root: &Path, index: &Index, original: &str, lang: &str) -> Result<(String, String), Refusal> {
    if !index.languages.iter().skip(1).any(|l| l == lang) {
        return Err(bad(
            "lang",
            format!("`{lang}` is not one of the guide's other languages (guide.yaml's `languages:`)"),
        ));
    }
    let (_, text, _) = super::read::text_of(root, original).map_err(|(s, m)| Refusal::at(s, "original", m))?;
    let stem = original.strip_suffix(".md").filter(|_| original.starts_with("content/"));
    let stem = stem.ok_or_else(|| bad("original", format!("`{original}` is not a page of the guide")))?;
    Ok((format!("{stem}.{lang}.md"), text))
}

/// The largest image accepted.
pub const MAX_IMAGE: usize = super::MAX_IMAGE;

/// The kind of image `bytes` hold, by their first bytes, as its extension.
fn image_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        return Some("png");
    }
    if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        return Some("jpg");
    }
    if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        return Some("gif");
    }
    if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        return Some("webp");
    }
    let text = std::str::from_utf8(bytes).ok()?.trim_start_matches('\u{feff}').trim_start();
    let lower = text.to_ascii_lowercase();
    let starts = lower.starts_with("<svg") || lower.starts_with("<?xml") || lower.starts_with("<!--");
    (starts && lower.contains("<svg")).then_some("svg")
}

/// Whether an SVG could run script when opened on the preview's own address.
fn svg_scripted(bytes: &[u8]) -> bool {
    let lower = String::from_utf8_lossy(bytes).to_ascii_lowercase();
    let handler = lower.match_indices(" on").any(|(i, _)| {
        let rest = &lower[i + 3..];
        let name_len = rest.chars().take_while(|c| c.is_ascii_alphabetic()).count();
        name_len > 0 && rest[name_len..].trim_start().starts_with('=')
    });
    handler
        || ["<script", "javascript:", "<foreignobject", "<iframe", "<embed", "<object"]
            .iter()
            .any(|w| lower.contains(w))
}

pub fn image(root: &Path, q: Option<&str>, bytes: &[u8]) -> Answer {
    if bytes.len() > MAX_IMAGE {
        return Err(Refusal::from((
            413,
            format!(
                "the image is {} MB; images up to 5 MB are accepted — make it smaller first",
                bytes.len() / 1_000_000
            ),
        )));
    }
    let Some(ext) = image_kind(bytes) else {
        return Err(Refusal::from((415, "this is not a PNG, JPEG, GIF, WebP or SVG image".into())));
    };
    if ext == "svg" && svg_scripted(bytes) {
        return Err(Refusal::from((
            415,
            "this SVG holds script, which a guide's images may not; export it again as a plain drawing".into(),
        )));
    }
    let given = super::query::param(q, "name").unwrap_or_default();
    let stem = given.rsplit_once('.').map_or(given.as_str(), |(s, _)| s);
    if stem.trim().is_empty() {
        return Err(Refusal::at(400, "name", "name the image (`?name=`)"));
    }
    let name = format!("{}.{ext}", slug_of(stem));
    let path = format!("static/images/{name}");
    let (_, on_disk) = files::resolve(root, &path).map_err(|e| (400, e))?;
    // As Markdown names it: practica adds the site's sub-path.
    let url = format!("/images/{name}");
    let made = json!({ "path": format!("images/{name}"), "url": url });
    match std::fs::read(&on_disk) {
        Ok(old) if old == bytes => return Ok((200, made)),
        Ok(_) => {
            return Err(Refusal::from((
                409,
                format!("an image `{name}` already exists with other content; give this one another name"),
            )));
        }
        Err(_) => {}
    }
    files::write_atomic(&on_disk, bytes, true).map_err(|e| (500, format!("the image could not be saved: {e}")))?;
    Ok((201, made))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_are_known_by_their_first_bytes() {
        assert_eq!(image_kind(b"\x89PNG\r\n\x1a\n...."), Some("png"));
        assert_eq!(image_kind(&[0xff, 0xd8, 0xff, 0xe0]), Some("jpg"));
        assert_eq!(image_kind(b"GIF89a.."), Some("gif"));
        assert_eq!(image_kind(b"RIFF\0\0\0\0WEBPVP8 "), Some("webp"));
        assert_eq!(image_kind(b"<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"), Some("svg"));
        assert_eq!(image_kind(b"<html><body>"), None);
        assert_eq!(image_kind(b"MZ\x90\0"), None);
        assert!(svg_scripted(b"<svg onload=\"alert(1)\"/>"));
        assert!(svg_scripted(b"<svg><script>x</script></svg>"));
        assert!(!svg_scripted(b"<svg><text>one more</text></svg>"));
    }

    #[test]
    fn a_new_page_starts_with_its_required_keys() {
        assert_eq!(
            starting_text(Kind::Practice, " Hold regular supervision "),
            "---\ntitle: Hold regular supervision\nsummary: One sentence that says what this is and why.\n---\n\n"
        );
        assert_eq!(starting_text(Kind::Tip, "Start: small"), "---\ntitle: \"Start: small\"\n---\n\n");
        assert_eq!(slug_of("Écrire à l'équipe — vite!"), "ecrire-a-l-equipe-vite");
    }
}
