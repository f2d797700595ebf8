//! The list of every checklist item of the guide, as a script
//! (`assessment/items.js`) that the assessment pages load: exporting answers,
//! the action plan and the team view need every list's titles, sections and
//! items, not only the page's own. A plain script, not JSON fetched, so that
//! it loads from a folder too (the offline edition).

use serde::Serialize;

use crate::guide::{DocId, Edition, Guide, Kind, Target, Texts};
use crate::render::pages::list_key;
use crate::render::sink::OutFile;

#[derive(Serialize)]
struct Manifest<'g> {
    guide: &'g str,
    lists: Vec<List<'g>>,
}

#[derive(Serialize)]
struct List<'g> {
    key: String,
    kind: Kind,
    title: &'g str,
    url: String,
    sections: Vec<Section<'g>>,
}

#[derive(Serialize)]
struct Section<'g> {
    title: Option<&'g str>,
    items: Vec<Item<'g>>,
}

#[derive(Serialize)]
struct Item<'g> {
    id: &'g str,
    text: &'g str,
    practice: Option<Link<'g>>,
}

#[derive(Serialize)]
struct Link<'g> {
    title: &'g str,
    url: String,
}

/// The docs readers answer items of, checklists first, then practices in
/// reading order, then any other page with items.
fn lists(guide: &Guide, texts: &Texts) -> Vec<DocId> {
    let mut ids: Vec<DocId> = guide.checklists.iter().chain(&guide.practices).copied().collect();
    for (id, d) in guide.docs[..guide.originals].iter().enumerate() {
        if !matches!(d.kind, Kind::Checklist | Kind::Practice) {
            ids.push(id);
        }
    }
    ids.retain(|&id| !texts.scans[id].tasks.is_empty());
    ids
}

/// The manifest of one edition: its translations'
/// words where it has them, the guide's own elsewhere; answers are kept by the
/// source page's key in every language.
pub fn render(guide: &Guide, texts: &Texts, edition: &Edition) -> OutFile {
    let path = edition.routes.assessment_items();
    let href = |to: &str| guide.addresses.href(&path, to);
    let shown = |id: DocId| edition.doc(guide.original(id)).unwrap_or(guide.original(id));
    let link = |id: DocId| Link { title: &guide.docs[shown(id)].title, url: href(guide.path(shown(id))) };
    // The guide's own title, untranslated, names it in answer files: an export
    // from the Spanish pages imports on the English ones, and back.
    let mut manifest = Manifest { guide: &guide.config.title, lists: Vec::new() };
    for source in lists(guide, texts) {
        let id = shown(source);
        let doc = &guide.docs[id];
        let scan = &texts.scans[id];
        let mut sections: Vec<Section> = Vec::new();
        for t in &scan.tasks {
            if sections.last().is_none_or(|s| s.title != t.group.as_deref()) {
                sections.push(Section { title: t.group.as_deref(), items: Vec::new() });
            }
            // The practice an item is about: the practice itself, or the
            // first practice the item links to.
            let practice = if doc.kind == Kind::Practice {
                Some(link(id))
            } else {
                scan.links[t.links.clone()].iter().find_map(|l| match l {
                    Target::Doc { id: p, .. } if guide.docs[*p].kind == Kind::Practice => Some(link(*p)),
                    _ => None,
                })
            };
            let item = Item { id: &t.id, text: &t.text, practice };
            sections.last_mut().expect("a section was just pushed").items.push(item);
        }
        manifest.lists.push(List {
            key: list_key(&guide.docs[source]),
            kind: doc.kind,
            title: &doc.title,
            url: href(guide.path(id)),
            sections,
        });
    }
    // `<` only occurs inside JSON strings, where `\u003c` means the same; so no
    // text of the guide can end a script or look like markup in this file.
    let json = serde_json::to_string(&manifest).unwrap_or_default().replace('<', "\\u003c");
    OutFile { path, bytes: format!("window.practicaItems = {json};\n").into_bytes() }
}
