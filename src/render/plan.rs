//! The rebuild plan: what each output of the site is made from, so that the
//! preview makes again exactly the outputs a change reaches, with the same
//! rendering code a build runs for all of them.
//!
//! An output's inputs are digests of what the guide was made from, at three
//! grains:
//! - the guide's **shape**: guide.yaml and its translations, the theme
//!   (templates, words, static files) and every content file's front matter
//!   with where it is published. Every output reads it: navigation, titles,
//!   lists, dates and languages come from it, so a change to any front matter
//!   makes everything again. No list of "fields that matter" is kept.
//! - the **outline** of every body: its headings and checklist items. Pages
//!   that list what other docs contain (the home page's checklists, the list
//!   of every item, generated lists and handout indexes) read it.
//! - each doc's **body**, together with its translations' bodies: its page,
//!   its translations' pages (which say when the original changed since) and
//!   the handouts that print it read it.
//!
//! A digest that is the same in two plans means every output that reads only
//! unchanged inputs would be rendered byte for byte as before; the test
//! tests/suite/preview_equals_build.rs holds the preview to that after each kind of
//! edit.

use std::collections::BTreeMap;
use std::hash::{Hash, Hasher};

use crate::guide::pages::{Handout, HandoutKind, Page, PageKind};
use crate::guide::{DocId, Guide, Texts};
use crate::load::theme::{StaticFile, Theme};

/// One output of the site, as `render` makes it.
#[derive(Clone, Copy)]
pub enum Output<'a> {
    Web(&'a Page),
    Handout(&'a Handout),
    /// The paper stylesheets of every edition.
    PaperCss,
    /// Each edition's list of every checklist item (assessment/items.js).
    Items,
    /// sitemap.xml, robots.txt, the Atom feeds and the pages at old addresses.
    Feeds,
}

/// The inputs of one state of the guide.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    shape: u64,
    outline: u64,
    /// By original doc: its body and its translations' bodies.
    bodies: Vec<u64>,
}

/// Which outputs to make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Selection {
    All,
    /// Those that read the outline (if it changed) or a changed body (by
    /// original doc); the complete guide among them only if `complete`.
    Reading {
        outline: bool,
        bodies: Vec<bool>,
        complete: bool,
        /// Whether the web pages (and lists and feeds) are among them, and
        /// the handouts: the preview makes the handouts after the pages.
        web: bool,
        handouts: bool,
    },
    /// The complete guide of every edition, and nothing else.
    Complete,
}

/// What an output reads besides the shape, which every output reads.
struct Reads {
    outline: bool,
    bodies: Bodies,
}

enum Bodies {
    None,
    /// These original docs' bodies (and their translations').
    Of(Vec<DocId>),
    All,
}

impl Plan {
    /// The inputs of a resolved guide whose theme has digest `theme` (see [`theme_digest`]).
    pub fn of(guide: &Guide, texts: &Texts, theme: u64) -> Plan {
        let mut shape = digest();
        theme.hash(&mut shape);
        format!("{:?}", guide.config).hash(&mut shape);
        for (doc, path) in guide.docs.iter().zip(&guide.paths) {
            // key_lines is a HashMap, whose Debug order differs between two maps.
            let mut d = doc.clone();
            let lines: BTreeMap<String, usize> = std::mem::take(&mut d.key_lines).into_iter().collect();
            format!("{d:?}{lines:?}").hash(&mut shape);
            path.hash(&mut shape);
        }
        for e in &guide.editions {
            let t = &e.text;
            let sorted =
                |m: &std::collections::HashMap<String, String>| format!("{:?}", m.iter().collect::<BTreeMap<_, _>>());
            (&e.code, &e.name, &e.docs, &t.title, &t.description).hash(&mut shape);
            (sorted(&t.audiences), sorted(&t.tags)).hash(&mut shape);
            format!("{:?}", t.sources.iter().collect::<BTreeMap<_, _>>()).hash(&mut shape);
            format!("{:?}", t.handouts.iter().collect::<BTreeMap<_, _>>()).hash(&mut shape);
        }
        let mut outline = digest();
        for scan in &texts.scans {
            for h in &scan.headings {
                (h.level, &h.id, &h.text).hash(&mut outline);
            }
            0xffu8.hash(&mut outline);
            for t in &scan.tasks {
                (&t.id, t.pinned, &t.text, t.checked, &t.group).hash(&mut outline);
            }
            0xfeu8.hash(&mut outline);
        }
        let mut bodies: Vec<_> = (0..guide.originals).map(|_| digest()).collect();
        for (id, body) in texts.bodies.iter().enumerate() {
            (id, body).hash(&mut bodies[guide.original(id)]);
        }
        Plan { shape: shape.finish(), outline: outline.finish(), bodies: bodies.iter().map(Hasher::finish).collect() }
    }

    /// Whether the guide's shape, which the templates and every output
    /// read, is the same in both.
    pub fn same_shape(&self, other: &Plan) -> bool {
        self.shape == other.shape
    }

    /// The outputs whose inputs differ between `earlier` and this plan.
    pub fn changed_since(&self, earlier: &Plan) -> Selection {
        if self.shape != earlier.shape || self.bodies.len() != earlier.bodies.len() {
            return Selection::All;
        }
        Selection::Reading {
            outline: self.outline != earlier.outline,
            bodies: self.bodies.iter().zip(&earlier.bodies).map(|(a, b)| a != b).collect(),
            complete: true,
            web: true,
            handouts: true,
        }
    }
}

/// The theme's part of the shape: its templates, words and static files (by
/// size and time of change, as their bytes are copied, not read here).
pub fn theme_digest(theme: &Theme) -> u64 {
    let mut h = digest();
    for t in &theme.templates {
        (&t.name, &t.text).hash(&mut h);
    }
    for w in &theme.strings {
        (&w.language, &w.words).hash(&mut h);
    }
    for (path, file) in &theme.statics {
        path.hash(&mut h);
        match file {
            StaticFile::Builtin(bytes) => bytes.len().hash(&mut h),
            StaticFile::Disk(p) => {
                let meta = std::fs::metadata(p).ok();
                (meta.as_ref().map(|m| m.len()), meta.and_then(|m| m.modified().ok())).hash(&mut h);
            }
        }
    }
    h.finish()
}

/// The same digest for the same data in every run (no random keys).
fn digest() -> std::hash::DefaultHasher {
    std::hash::DefaultHasher::new()
}

impl Selection {
    /// Whether `output` is to be made.
    pub fn wants(&self, guide: &Guide, output: Output) -> bool {
        let is_complete = matches!(output, Output::Handout(p) if p.kind == HandoutKind::Complete);
        let on_paper = matches!(output, Output::Handout(_) | Output::PaperCss);
        let (outline, bodies) = match self {
            Selection::All => return true,
            Selection::Complete => return is_complete,
            Selection::Reading { complete: false, .. } if is_complete => return false,
            Selection::Reading { handouts: false, .. } if on_paper => return false,
            Selection::Reading { web: false, .. } if !on_paper => return false,
            Selection::Reading { outline, bodies, .. } => (outline, bodies),
        };
        let reads = reads(guide, output);
        (reads.outline && *outline)
            || match reads.bodies {
                Bodies::None => false,
                Bodies::Of(ids) => ids.iter().any(|&id| bodies.get(id).copied().unwrap_or(true)),
                Bodies::All => bodies.iter().any(|&b| b),
            }
    }

    /// Leaves the complete guide out (the preview makes it once the editor
    /// pauses: it takes as long as all the practices together), and says
    /// whether it was in.
    pub fn defer_complete(&mut self, guide: &Guide) -> bool {
        let Selection::Reading { .. } = self else { return false };
        let page = Handout { path: String::new(), kind: HandoutKind::Complete, edition: 0 };
        let was = self.wants(guide, Output::Handout(&page));
        if let Selection::Reading { complete, .. } = self {
            *complete = false;
        }
        was
    }

    /// Leaves the handouts out, and gives the selection of them alone: the
    /// preview shows the editor's page first and makes the handouts that
    /// print it a moment later, as they take longer than the pages.
    pub fn defer_handouts(&mut self) -> Option<Selection> {
        let Selection::Reading { handouts, .. } = self else { return None };
        if !*handouts {
            return None;
        }
        *handouts = false;
        let mut later = self.clone();
        if let Selection::Reading { web, handouts, .. } = &mut later {
            *web = false;
            *handouts = true;
        }
        Some(later)
    }
}

/// What each output is made from, besides the guide's shape.
fn reads(guide: &Guide, output: Output) -> Reads {
    let of = |ids: Vec<DocId>| Reads { outline: false, bodies: Bodies::Of(ids) };
    match output {
        Output::Web(page) => match page.kind {
            // The home page lists the checklists that have items.
            PageKind::Doc(id) if guide.home == Some(guide.original(id)) => {
                Reads { outline: true, bodies: Bodies::Of(vec![guide.original(id)]) }
            }
            PageKind::Doc(id) => of(vec![guide.original(id)]),
            _ => Reads { outline: true, bodies: Bodies::None },
        },
        Output::Handout(page) => match page.kind {
            HandoutKind::Practice(id) | HandoutKind::Checklist(id) => of(vec![guide.original(id)]),
            HandoutKind::Area(n) => {
                let area = &guide.areas[n];
                of(std::iter::once(area.doc).chain(area.practices.iter().copied()).collect())
            }
            HandoutKind::Bundle(_) => Reads { outline: true, bodies: Bodies::All },
            // Every area and practice, the tips and the worksheets; not the plain pages.
            HandoutKind::Complete => Reads {
                outline: true,
                bodies: Bodies::Of(
                    guide
                        .areas
                        .iter()
                        .map(|a| a.doc)
                        .chain(guide.practices.iter().chain(&guide.tips).chain(&guide.checklists).copied())
                        .collect(),
                ),
            },
            _ => Reads { outline: true, bodies: Bodies::None },
        },
        Output::Items => Reads { outline: true, bodies: Bodies::None },
        Output::PaperCss | Output::Feeds => Reads { outline: false, bodies: Bodies::None },
    }
}
