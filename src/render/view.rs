//! What every rendered page sees of the guide: the guide in one edition
//! (language), from one place in the site. Titles and texts come from the
//! edition's translation where there is one, else from the guide's own
//! language, marked as such; every address is made from this page.

use serde::Serialize;

use crate::guide::{DocId, Edition, Guide, Kind, Texts};
use crate::load::config::Source;
use crate::render::markdown::{self, Placement};
use crate::render::templates::{Strings, Templates};

/// A link to a page of the guide, as lists show it.
#[derive(Serialize, Clone, Default)]
pub struct Item {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub meta: Option<String>,
    /// The language of the linked page when it is not the page's own (no
    /// translation yet), for `lang=` and a note such as "(English)".
    pub lang: Option<String>,
    pub lang_note: Option<String>,
}

#[derive(Serialize)]
pub struct Crumb {
    pub title: String,
    pub url: String,
}

/// A page's view of the guide: which guide, which edition, and where the page is.
pub struct View<'a> {
    pub guide: &'a Guide,
    pub texts: &'a Texts,
    pub templates: &'a Templates,
    /// The edition, by its index in `Guide::editions`.
    pub edition: usize,
    pub from: &'a str,
    /// Where each doc's Markdown is kept once rendered, for every page of
    /// this rendering that shows it.
    pub markdown: &'a markdown::Rendered,
}

impl View<'_> {
    pub fn edition(&self) -> &Edition {
        &self.guide.editions[self.edition]
    }

    pub fn strings(&self) -> &Strings {
        self.templates.strings(self.edition)
    }

    pub fn word(&self, key: &str) -> String {
        self.strings().get(key)
    }

    pub fn href(&self, to: &str) -> String {
        self.guide.addresses.href(self.from, to)
    }

    /// The doc this edition shows for a doc: its translation if it has one.
    pub fn shown(&self, id: DocId) -> DocId {
        let source = self.guide.original(id);
        self.edition().doc(source).unwrap_or(source)
    }

    /// Whether a doc is shown in the guide's own language on this edition's page.
    pub fn foreign(&self, id: DocId) -> bool {
        let e = self.edition();
        !e.default && e.doc(self.guide.original(id)).is_none()
    }

    /// The guide's own language, and the note that marks a link to a page in it.
    fn foreign_mark(&self) -> (String, String) {
        let default = self.guide.default_edition();
        (default.code.clone(), self.strings().format("in_language", None, &[("language", &default.name)]))
    }

    pub fn doc_url(&self, id: DocId) -> String {
        self.href(self.guide.path(self.shown(id)))
    }

    pub fn title(&self, id: DocId) -> String {
        self.guide.docs[self.shown(id)].title.clone()
    }

    /// A link to a doc's page, in this edition.
    pub fn item(&self, id: DocId) -> Item {
        let g = self.guide;
        let shown = self.shown(id);
        let d = &g.docs[shown];
        let meta = match d.kind {
            Kind::Practice => g.relations[shown].area.map(|a| self.title(a)),
            _ => None,
        };
        let (lang, lang_note) = if self.foreign(id) {
            let (code, note) = self.foreign_mark();
            (Some(code), Some(note))
        } else {
            (None, None)
        };
        Item { title: d.title.clone(), url: self.doc_url(id), summary: d.summary.clone(), meta, lang, lang_note }
    }

    pub fn crumbs(&self, list: &[(&str, &str)]) -> Vec<Crumb> {
        let mut out = vec![Crumb { title: self.word("home"), url: self.href(&self.edition().routes.home()) }];
        out.extend(list.iter().map(|(t, p)| Crumb { title: t.to_string(), url: self.href(p) }));
        out
    }

    /// How Markdown is placed on this page.
    pub fn placement<'p>(&'p self, id_prefix: &'p str, heading_shift: u8, pen: bool) -> Placement<'p> {
        let (_, note) = self.foreign_mark();
        Placement {
            addresses: &self.guide.addresses,
            paths: &self.guide.paths,
            callouts: self.templates.callouts(self.edition),
            from: self.from,
            id_prefix,
            heading_shift,
            pen,
            movable: false,
            edition: Some(markdown::InEdition {
                edition: self.edition(),
                original_of: &self.guide.original_of,
                scans: &self.texts.scans,
                foreign_note: note,
            }),
        }
    }

    /// A doc's Markdown as HTML on this (web) page.
    pub fn html(&self, id: DocId) -> String {
        self.movable(id).place("", 0, false)
    }

    /// A doc's Markdown as this edition shows it, rendered to be placed on
    /// this page or a sheet: once for all the pages of the rendering.
    pub fn movable(&self, id: DocId) -> std::sync::Arc<markdown::MovableHtml> {
        let shown = self.shown(id);
        self.markdown.get(self.markdown_key(id), || {
            markdown::MovableHtml::render(
                &self.texts.bodies[shown],
                &self.texts.scans[shown],
                self.placement("", 0, false),
            )
        })
    }

    /// What a doc's Markdown placed on this page depends on.
    pub fn markdown_key(&self, id: DocId) -> markdown::Key {
        (self.edition, self.shown(id), self.guide.addresses.link_depth(self.from))
    }

    /// A source of guide.yaml, with this edition's words for it.
    pub fn source(&self, key: &str) -> Option<Source> {
        let mut s = self.guide.config.source(key)?.clone();
        if let Some(t) = self.edition().text.sources.get(key) {
            s.title = t.title.clone().unwrap_or(s.title);
            s.publisher = t.publisher.clone().or(s.publisher);
            s.note = t.note.clone().or(s.note);
        }
        Some(s)
    }

    /// An audience's label in this edition.
    pub fn audience_label(&self, key: &str, label: &str) -> String {
        self.edition().text.audiences.get(key).cloned().unwrap_or_else(|| label.to_string())
    }

    /// A tag's label in this edition.
    pub fn tag_label(&self, tag: &str) -> String {
        self.edition().text.tags.get(tag).cloned().unwrap_or_else(|| tag.to_string())
    }

    /// The guide's title in this edition.
    pub fn guide_title(&self) -> String {
        self.edition().text.title.clone().unwrap_or_else(|| self.guide.config.title.clone())
    }

    /// Who publishes the guide, in this edition's words.
    pub fn guide_publisher(&self) -> Option<String> {
        self.edition().text.publisher.clone().or_else(|| self.guide.config.publisher.clone())
    }

    /// The guide's edition, in this edition's words.
    pub fn guide_edition(&self) -> Option<String> {
        self.edition().text.edition.clone().or_else(|| self.guide.config.edition.clone())
    }

    /// The guide's description in this edition.
    pub fn guide_description(&self) -> String {
        self.edition().text.description.clone().unwrap_or_else(|| self.guide.config.description.clone())
    }
}
