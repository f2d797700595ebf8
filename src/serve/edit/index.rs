//! What the editing views need to know about the guide, taken from each
//! good build: its pages with their headings (for the link picker), its
//! tags, areas, audiences, sources and images, and which file each served
//! page was made from (for "Edit this page").

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use crate::guide::{Guide, Texts};
use crate::pipeline::Prepared;

#[derive(Debug, Clone, Serialize)]
pub struct Heading {
    pub id: String,
    pub text: String,
    pub level: u8,
}

#[derive(Debug, Clone, Serialize)]
pub struct PageInfo {
    pub file: String,
    pub title: String,
    pub kind: &'static str,
    pub lang: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub area: Option<String>,
    pub headings: Vec<Heading>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Named {
    pub key: String,
    pub label: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
}

/// Where "Edit this page" leads from one served page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// The page's own file.
    Edit(String),
    /// A translated page: its original and the language.
    Translate(String, String),
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub title: String,
    pub lang: String,
    pub languages: Vec<String>,
    pub base: String,
    pub pages: Vec<PageInfo>,
    pub tags: Vec<String>,
    pub areas: Vec<Named>,
    pub audiences: Vec<Named>,
    pub sources: Vec<Named>,
    pub images: Vec<String>,
    /// By site path (`practices/supervision/x/`).
    pub targets: HashMap<String, Target>,
}

fn file_of(guide: &Guide, id: usize) -> String {
    crate::text::slash_path(&guide.docs[id].file)
}

impl Index {
    pub fn of(p: &Prepared) -> Index {
        let guide = &p.guide;
        let base = guide.addresses.base_path().to_string();
        let pages =
            guide.docs.iter().enumerate().map(|(id, d)| page(guide, &p.texts, id, &base, d.lang.clone())).collect();
        let tags: BTreeSet<String> = guide.docs.iter().flat_map(|d| d.tags.iter().cloned()).collect();
        let areas = guide
            .areas
            .iter()
            .map(|a| {
                let d = &guide.docs[a.doc];
                Named { key: d.slug.clone(), label: d.title.clone(), file: Some(file_of(guide, a.doc)) }
            })
            .collect();
        let c = &guide.config;
        let audiences = c.audiences.iter().map(|a| Named { key: a.key.clone(), label: a.label.clone(), file: None });
        let sources = c.sources.iter().map(|s| Named { key: s.key.clone(), label: s.title.clone(), file: None });
        // As Markdown names them (`/images/x.png`): practica adds the sub-path.
        let images = p.statics.keys().filter(|k| k.starts_with("images/")).map(|k| format!("/{k}")).collect();
        Index {
            title: c.title.clone(),
            lang: c.language.clone(),
            languages: std::iter::once(c.language.clone()).chain(c.languages.iter().map(|l| l.code.clone())).collect(),
            base,
            pages,
            tags: tags.into_iter().collect(),
            areas,
            audiences: audiences.collect(),
            sources: sources.collect(),
            images,
            targets: targets(guide),
        }
    }

    /// What guide.yaml says, for a guide that has not built yet.
    pub fn unbuilt(root: &std::path::Path) -> Index {
        let Some(c) = crate::load::config::load(root, &mut crate::diagnostic::Diagnostics::new()) else {
            return Index::default();
        };
        Index {
            title: c.title.clone(),
            lang: c.language.clone(),
            languages: std::iter::once(c.language.clone()).chain(c.languages.iter().map(|l| l.code.clone())).collect(),
            base: crate::guide::Addresses::new(&c.base_url).base_path().to_string(),
            ..Index::default()
        }
    }

    /// Where "Edit this page" leads from the page served as `key` (a file of
    /// the site, `practices/x/index.html`).
    pub fn target(&self, key: &str) -> Option<&Target> {
        self.targets.get(crate::guide::address::page_of(key)?)
    }
}

fn page(guide: &Guide, texts: &Texts, id: usize, base: &str, lang: Option<String>) -> PageInfo {
    let d = &guide.docs[id];
    let headings = texts.scans.get(id).map_or_else(Vec::new, |s| {
        s.headings.iter().map(|h| Heading { id: h.id.clone(), text: h.text.clone(), level: h.level }).collect()
    });
    PageInfo {
        file: file_of(guide, id),
        title: d.title.clone(),
        kind: d.kind.id(),
        lang: lang.unwrap_or_else(|| guide.config.language.clone()),
        url: format!("{base}{}", guide.paths[id]),
        area: d.area.clone(),
        headings,
    }
}

fn targets(guide: &Guide) -> HashMap<String, Target> {
    let mut out = HashMap::new();
    for (e, edition) in guide.editions.iter().enumerate() {
        for source in 0..guide.originals {
            let Some(id) = edition.doc(source) else { continue };
            let target = if e == 0 || guide.docs[id].lang.is_none() {
                Target::Edit(file_of(guide, id))
            } else {
                Target::Translate(file_of(guide, source), edition.code.clone())
            };
            // A handout leads to its page's file.
            if let Some(h) = edition.routes.handout(&guide.docs[id]) {
                out.insert(h, target.clone());
            }
            out.insert(guide.paths[id].clone(), target);
        }
    }
    out
}
