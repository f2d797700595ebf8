//! A sheet: the parts of one handout page, in order. Each doc on the sheet is
//! a part with its own id prefix (a bundle holds many docs on one page), its
//! headings moved down under the part's title, and checklist boxes to tick by
//! hand.

use serde::Serialize;

use crate::guide::{DocId, Kind};
use crate::load::config::Source;
use crate::render::handouts::qr::QrCodes;
use crate::render::markdown;
use crate::render::pages::View;

#[derive(Serialize, Clone)]
pub struct Line {
    pub title: String,
    pub url: String,
    pub summary: Option<String>,
    pub meta: Option<String>,
    /// The printed PDF, when the build prints them.
    pub pdf: Option<String>,
    /// The language of the linked page when it is not the sheet's own.
    pub lang: Option<String>,
    pub children: Vec<Line>,
}

#[derive(Serialize)]
pub struct WorkItem {
    pub html: String,
}

#[derive(Serialize)]
pub struct WorkGroup {
    pub title: Option<String>,
    pub id: String,
    pub items: Vec<WorkItem>,
}

/// One document on a sheet.
#[derive(Serialize, Default)]
pub struct Part {
    /// practice | area | worksheet | text
    pub kind: &'static str,
    pub id: String,
    /// Level of the part's title; its own headings come below it.
    pub level: u8,
    pub title: String,
    pub summary: Option<String>,
    pub eyebrow: Option<String>,
    pub html: String,
    pub audience: Vec<String>,
    pub tips: Vec<Line>,
    pub sources: Vec<Source>,
    /// The web page, for the link.
    pub web_url: String,
    /// The web page as printed: absolute when base_url has a host.
    pub web_address: String,
    pub qr: Option<std::sync::Arc<crate::render::handouts::qr::Qr>>,
    pub groups: Vec<WorkGroup>,
    /// An area's practices, linking to their place on this sheet.
    pub items: Vec<Line>,
    pub new_page: bool,
    /// The part's language when it is not the sheet's (no translation yet).
    pub lang: Option<String>,
}

/// Builds the parts of one sheet, numbering them so ids stay unique on the page.
pub struct Sheet<'v> {
    view: &'v View<'v>,
    qr: &'v QrCodes,
    pub parts: Vec<Part>,
    /// The sheet opens with a cover, so even its first part starts a page.
    pub cover: bool,
}

impl<'v> Sheet<'v> {
    pub fn new(view: &'v View<'v>, qr: &'v QrCodes) -> Self {
        Sheet { view, qr, parts: Vec::new(), cover: false }
    }

    fn next_prefix(&self) -> String {
        format!("p{}-", self.parts.len() + 1)
    }

    /// A line of a list on the sheet: a doc's title and summary, linking to `url`.
    pub fn line(&self, id: DocId, url: String) -> Line {
        let d = &self.view.guide.docs[self.view.shown(id)];
        let lang = self.view.foreign(id).then(|| self.view.guide.default_edition().code.clone());
        Line { title: d.title.clone(), url, summary: d.summary.clone(), meta: None, pdf: None, lang, children: vec![] }
    }

    fn base(&self, id: DocId, kind: &'static str, level: u8) -> Part {
        let v = self.view;
        let g = v.guide;
        let shown = v.shown(id);
        let d = &g.docs[shown];
        Part {
            kind,
            id: format!("{}top", self.next_prefix()),
            level,
            title: d.title.clone(),
            summary: d.summary.clone(),
            sources: d.source.iter().filter_map(|k| v.source(k)).collect(),
            web_url: v.doc_url(id),
            web_address: g.addresses.absolute(g.path(shown)),
            new_page: self.cover || !self.parts.is_empty(),
            lang: v.foreign(id).then(|| g.default_edition().code.clone()),
            ..Default::default()
        }
    }

    /// The doc's Markdown as it sits on this sheet, under a title of `level`.
    fn html(&self, id: DocId, level: u8) -> markdown::DocHtml {
        let v = self.view;
        let prefix = self.next_prefix();
        let shown = v.shown(id);
        markdown::render(&v.texts.bodies[shown], &v.texts.scans[shown], &v.placement(&prefix, level - 1, true))
    }

    fn tip_lines(&self, id: DocId) -> Vec<Line> {
        let g = self.view.guide;
        g.relations[g.source(id)].tips.iter().map(|&t| self.line(t, self.view.doc_url(t))).collect()
    }

    pub fn practice(&mut self, id: DocId, level: u8) -> String {
        let g = self.view.guide;
        let d = &g.docs[id];
        let mut part = self.base(id, "practice", level);
        part.html = self.html(id, level).html;
        part.eyebrow = g.relations[id].area.map(|a| self.view.title(a));
        part.audience = d
            .audience
            .iter()
            .filter_map(|k| g.config.audience(k))
            .map(|a| self.view.audience_label(&a.key, &a.label))
            .collect();
        part.tips = self.tip_lines(id);
        part.qr = if g.addresses.has_host() { self.qr.code(&part.web_address) } else { None };
        self.push(part)
    }

    pub fn area(&mut self, area: usize, level: u8) {
        let g = self.view.guide;
        let a = &g.areas[area];
        let mut part = self.base(a.doc, "area", level);
        part.html = self.html(a.doc, level).html;
        part.tips = self.tip_lines(a.doc);
        // The practices follow as parts of their own, numbered after this one.
        let first = self.parts.len() + 2;
        part.items =
            a.practices.iter().enumerate().map(|(n, &p)| self.line(p, format!("#p{}-top", first + n))).collect();
        self.push(part);
        for &p in &a.practices {
            self.practice(p, level + 1);
        }
    }

    pub fn worksheet(&mut self, id: DocId, level: u8) -> String {
        let mut part = self.base(id, "worksheet", level);
        let prefix = self.next_prefix();
        let items = self.html(id, level).tasks;
        let mut groups: Vec<WorkGroup> = Vec::new();
        for (t, html) in self.view.texts.scans[self.view.shown(id)].tasks.iter().zip(items) {
            if groups.last().is_none_or(|last| last.title != t.group) {
                let id = format!("{prefix}g{}", groups.len() + 1);
                groups.push(WorkGroup { title: t.group.clone(), id, items: Vec::new() });
            }
            groups.last_mut().expect("a group was just pushed").items.push(WorkItem { html });
        }
        part.groups = groups;
        part.qr = if self.view.guide.addresses.has_host() { self.qr.code(&part.web_address) } else { None };
        self.push(part)
    }

    pub fn text(&mut self, id: DocId, level: u8) -> String {
        let g = self.view.guide;
        let mut part = self.base(id, "text", level);
        part.html = self.html(id, level).html;
        // Short texts share a page; only the first after other kinds of part starts one.
        part.new_page = self.parts.last().map_or(self.cover, |p| p.kind != "text");
        part.eyebrow = match g.docs[id].kind {
            Kind::Tip => Some(self.view.strings().get("kind_tip")),
            _ => None,
        };
        self.push(part)
    }

    fn push(&mut self, part: Part) -> String {
        let id = part.id.clone();
        self.parts.push(part);
        id
    }
}
