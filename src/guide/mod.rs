//! The guide: the plain-data model every later stage reads. `resolve` builds
//! it once; renderers only read it.
//!
//! Two values, on purpose: [`Guide`] holds what pages are and how they relate
//! (small, kept to the end of a build), and [`Texts`] holds each page's
//! Markdown and what the Markdown pass found in it (large). A build drops the
//! texts once every page is written, before the search index is built; since
//! they are a value of their own, nothing can read them after that.

pub mod address;
pub mod edition;
pub mod pages;

use std::collections::{HashMap, HashSet};

pub use crate::load::{Config, Doc, Kind};
pub use address::{Addresses, Routes};
pub use edition::Edition;

pub type DocId = usize;

#[derive(Debug, Clone)]
pub struct Area {
    pub doc: DocId,
    pub practices: Vec<DocId>,
}

/// A tag or an audience, and the practices that carry it.
#[derive(Debug, Clone)]
pub struct Term {
    pub slug: String,
    pub label: String,
    pub docs: Vec<DocId>,
}

/// Links of one document to others, resolved.
#[derive(Debug, Clone, Default)]
pub struct Relations {
    pub area: Option<DocId>,
    pub prev: Option<DocId>,
    pub next: Option<DocId>,
    pub related: Vec<DocId>,
    /// For practices and areas: tips that apply. For tips: what they apply to.
    pub tips: Vec<DocId>,
    pub applies_to: Vec<DocId>,
}

pub struct Guide {
    pub config: Config,
    pub addresses: Addresses,
    pub routes: Routes,
    /// The content files: first the guide's own (`originals` of them), then
    /// the translations, which stand in for their source in an edition.
    pub docs: Vec<Doc>,
    pub originals: usize,
    /// For a translation, the doc it translates.
    pub original_of: Vec<Option<DocId>>,
    /// The guide in each of its languages, its own first.
    pub editions: Vec<Edition>,
    /// The site path of each doc's page.
    pub paths: Vec<String>,
    pub relations: Vec<Relations>,
    pub home: Option<DocId>,
    /// `practices`, `tips`, `checklists`: the introduction of each list page.
    pub sections: HashMap<String, DocId>,
    /// In weight order.
    pub areas: Vec<Area>,
    /// All practices, area by area, in reading order.
    pub practices: Vec<DocId>,
    pub tips: Vec<DocId>,
    pub checklists: Vec<DocId>,
    pub pages: Vec<DocId>,
    pub tags: Vec<Term>,
    pub audiences: Vec<Term>,
    pub(crate) by_content_path: HashMap<String, DocId>,
    /// Every page address the build publishes, for checking links written as addresses.
    pub(crate) published: HashSet<String>,
    /// Content paths of drafts left out of this build (`practices/a/x.md`).
    pub(crate) drafts: HashSet<String>,
    /// Old addresses that lead to pages (`aliases:`).
    pub aliases: Vec<Alias>,
}

/// An old address of a page (`aliases:`), published as a page that sends
/// readers on to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// A site path as the guide's pages have them: `practices/a/old/`, or a
    /// file such as `old-page.html`.
    pub path: String,
    pub doc: DocId,
}

impl Guide {
    /// The site path of a doc's page.
    pub fn path(&self, id: DocId) -> &str {
        &self.paths[id]
    }

    /// A doc by its path under content/ without `.md` (`practices/a/b`, `practices/a`, `tips/x`, `about`).
    pub fn find(&self, path: &str) -> Option<DocId> {
        let path = path.trim().trim_matches('/').trim_end_matches(".md");
        self.by_content_path
            .get(&format!("{path}.md"))
            .or_else(|| self.by_content_path.get(&format!("{path}/_index.md")))
            .copied()
    }

    /// A doc by its exact path under content/ (`practices/a/b.md`).
    pub fn by_content_path(&self, content_path: &str) -> Option<DocId> {
        self.by_content_path.get(content_path).copied()
    }

    pub fn content_paths(&self) -> impl Iterator<Item = &str> {
        self.by_content_path.keys().map(String::as_str)
    }

    /// Whether `path` (as `find` takes it) names a draft left out of this build.
    pub fn is_draft(&self, path: &str) -> bool {
        let path = path.trim().trim_matches('/').trim_end_matches(".md");
        self.drafts.contains(&format!("{path}.md")) || self.drafts.contains(&format!("{path}/_index.md"))
    }

    /// Whether a practice of that slug (or `area/slug`) is a draft left out of this build.
    pub fn is_draft_practice(&self, name: &str) -> bool {
        draft_practice(&self.drafts, name)
    }

    /// Whether the build publishes a page at this site path.
    pub fn publishes(&self, site_path: &str) -> bool {
        self.published.contains(site_path)
    }

    /// Whether any page notes a change for readers (`changes:`).
    pub fn has_changes(&self) -> bool {
        self.docs[..self.originals].iter().any(|d| !d.changes.is_empty())
    }

    pub fn published(&self) -> impl Iterator<Item = &str> {
        self.published.iter().map(String::as_str)
    }

    /// How many of the guide's own docs (not translations) are of `kind`.
    pub fn count(&self, kind: Kind) -> usize {
        self.docs[..self.originals].iter().filter(|d| d.kind == kind).count()
    }

    /// The doc a doc stands for: the original it translates, when it is a
    /// translation. ("Source" is the bibliographic source of `source:`.)
    pub fn original(&self, id: DocId) -> DocId {
        self.original_of.get(id).copied().flatten().unwrap_or(id)
    }

    /// The guide's own edition.
    pub fn default_edition(&self) -> &Edition {
        &self.editions[0]
    }

    pub fn doc_by_file(&self, file: &std::path::Path) -> Option<DocId> {
        self.docs.iter().position(|d| d.file == file)
    }

    /// The area's entry of a practice area doc.
    pub fn area_of_doc(&self, id: DocId) -> Option<usize> {
        self.areas.iter().position(|a| a.doc == id)
    }

    /// The title a list page shows: its `_index.md`'s title, or `default`.
    pub fn section_title(&self, slug: &str, default: &str) -> String {
        self.sections
            .get(slug)
            .map(|&s| self.docs[s].title.clone())
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| default.to_string())
    }
}

/// Whether `name`, as `related:` names a practice, is one of `drafts` (content paths).
pub fn draft_practice(drafts: &HashSet<String>, name: &str) -> bool {
    let name = name.trim().trim_start_matches("practices/").trim_end_matches(".md").trim_matches('/');
    drafts.iter().any(|d| {
        d.strip_prefix("practices/")
            .and_then(|p| p.strip_suffix(".md"))
            .is_some_and(|p| p == name || p.rsplit_once('/').is_some_and(|(_, slug)| slug == name && slug != "_index"))
    })
}

/// Each doc's Markdown and what the Markdown pass found in it, by `DocId`.
#[derive(Debug, Default)]
pub struct Texts {
    pub bodies: Vec<String>,
    pub scans: Vec<Scan>,
}

/// What `resolve`'s pass over one doc's Markdown found: what every link
/// becomes, the headings and checklist items with their ids, and the plain
/// text for search. The renderer writes the HTML from the Markdown and this.
#[derive(Debug, Clone, Default)]
pub struct Scan {
    /// The plain text, for search.
    pub text: String,
    pub headings: Vec<Heading>,
    pub tasks: Vec<Task>,
    /// What each link and image destination becomes, in the order they appear.
    pub links: Vec<Target>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
    /// 1-based line in the Markdown body.
    pub line: usize,
}

/// One `- [ ]` item with the heading it sits under.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Task {
    /// Stable across edits of other items: made from the item's text, or
    /// pinned by the editor with a trailing `{#id}`. Readers' answers are
    /// kept under it; on the page the item's element id is `task-<id>`.
    pub id: String,
    /// The id was pinned: the trailing `{#id}` is not shown.
    pub pinned: bool,
    /// The item's text, without a pinned id.
    pub text: String,
    pub checked: bool,
    /// Text of the nearest heading above it, if any.
    pub group: Option<String>,
    /// 1-based line in the Markdown body.
    pub line: usize,
    /// Which of the scan's `links` sit in the item's text (for the practice it links to).
    pub links: std::ops::Range<usize>,
}

/// What one link or image destination written in Markdown becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Written out as the editor wrote it (external links, `mailto:`, `#id`).
    Keep,
    /// Another content file's page, maybe at a heading.
    Doc { id: DocId, fragment: Option<String> },
    /// A file or page of the site by its site path (`img/map.svg`, `practices/`),
    /// with any `?query#fragment` kept.
    Site(String),
    /// A link that must go nowhere (broken, or a `javascript:` URL): `#`.
    Nowhere,
}
