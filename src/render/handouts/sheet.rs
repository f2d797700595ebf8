//! A sheet: the parts of one handout page, in order. Each doc on the sheet is
//! a part with its own id prefix (a bundle holds many docs on one page), its
//! headings moved down under the part's title, and checklist boxes to tick by
//! hand.

use std::sync::Arc;

use serde::Serialize;

use crate::guide::{DocId, Kind};
use crate::load::config::Source;
use crate::render::handouts::qr::QrCodes;
use crate::render::markdown;
use crate::render::memo::Memo;
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

#[derive(Serialize, Clone)]
pub struct WorkItem {
    pub html: String,
}

#[derive(Serialize, Clone)]
pub struct WorkGroup {
    pub title: Option<String>,
    pub id: String,
    pub items: Vec<WorkItem>,
}

/// One document on a sheet.
#[derive(Serialize, Default, Clone)]
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
    /// A practice's or worksheet's review dates, printed under it.
    pub dates: Option<crate::render::updates::PageDates>,
    /// The costly work, done when the parts are rendered side by side.
    #[serde(skip)]
    pub(super) later: Later,
}

/// What a part still needs once the sheet is planned: its Markdown as HTML
/// (under its title's level, with its id prefix) and its QR code. A complete
/// guide has a part per document, so planning stays cheap and in order and
/// this work runs on every core.
#[derive(Default, Clone)]
pub(super) struct Later {
    /// The doc whose Markdown the part prints, and the part's id prefix.
    pub(super) markdown: Option<(DocId, String)>,
    pub(super) qr: bool,
}

/// Builds the parts of one sheet, numbering them so ids stay unique on the page.
pub struct Sheet<'v> {
    view: &'v View<'v>,
    pub parts: Vec<Part>,
    /// The sheet opens with a cover, so even its first part starts a page.
    pub cover: bool,
}

impl<'v> Sheet<'v> {
    pub fn new(view: &'v View<'v>) -> Self {
        Sheet { view, parts: Vec::new(), cover: false }
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
        markdown_html(self.view, id, level, &self.next_prefix())
    }

    /// The part's Markdown, rendered when the sheet's parts are (see [`Later`]).
    fn html_later(&self, part: &mut Part, id: DocId) {
        part.later.markdown = Some((id, self.next_prefix()));
    }

    fn tip_lines(&self, id: DocId) -> Vec<Line> {
        let g = self.view.guide;
        g.relations[g.original(id)].tips.iter().map(|&t| self.line(t, self.view.doc_url(t))).collect()
    }

    pub fn practice(&mut self, id: DocId, level: u8) -> String {
        let g = self.view.guide;
        let d = &g.docs[id];
        let mut part = self.base(id, "practice", level);
        self.html_later(&mut part, id);
        part.eyebrow = g.relations[id].area.map(|a| self.view.title(a));
        part.audience = d
            .audience
            .iter()
            .filter_map(|k| g.config.audience(k))
            .map(|a| self.view.audience_label(&a.key, &a.label))
            .collect();
        part.tips = self.tip_lines(id);
        part.dates = crate::render::updates::review_dates(self.view, self.view.shown(id));
        part.later.qr = g.addresses.has_host();
        self.push(part)
    }

    pub fn area(&mut self, area: usize, level: u8) {
        let g = self.view.guide;
        let a = &g.areas[area];
        let mut part = self.base(a.doc, "area", level);
        self.html_later(&mut part, a.doc);
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
        part.dates = crate::render::updates::review_dates(self.view, self.view.shown(id));
        part.later.qr = self.view.guide.addresses.has_host();
        self.push(part)
    }

    pub fn text(&mut self, id: DocId, level: u8) -> String {
        let g = self.view.guide;
        let mut part = self.base(id, "text", level);
        self.html_later(&mut part, id);
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

fn markdown_html(view: &View, id: DocId, level: u8, prefix: &str) -> markdown::DocHtml {
    let shown = view.shown(id);
    markdown::render(&view.texts.bodies[shown], &view.texts.scans[shown], &view.placement(prefix, level - 1, true))
}

/// Practices' parts as sheets print them, made once for all the sheets of
/// one rendering that show them (see [`super::part`]). Not kept across
/// `serve`'s rebuilds, as the text changes.
///
/// `Default` keeps none: every part is rendered for its sheet.
#[derive(Default)]
pub struct Printed {
    /// `None` when the theme's part templates are its own.
    pub(super) parts: Option<Memo<markdown::Key, MadePart>>,
    /// What starting a new page changes in a part, found on the first part
    /// placed (see `part::PageSwitch`).
    pub(super) switch: std::sync::OnceLock<Option<super::part::PageSwitch>>,
}

/// A practice's part made once: `None` when it cannot be placed, the
/// template's error when it fails.
pub(super) type MadePart = Result<Option<Arc<super::part::MovablePart>>, crate::diagnostic::Diagnostic>;

impl Printed {
    pub fn new(templates: &crate::render::templates::Templates) -> Printed {
        Printed { parts: super::part::reusable(templates).then(Memo::default), switch: Default::default() }
    }
}

/// Does what the part left for later: its HTML and its QR code.
pub fn finish(view: &View, qr: &QrCodes, part: &mut Part) {
    if let Some((id, prefix)) = part.later.markdown.take() {
        part.html = view.movable(id).place(&prefix, part.level - 1, true);
    }
    if std::mem::take(&mut part.later.qr) {
        part.qr = qr.code(&part.web_address);
    }
}
