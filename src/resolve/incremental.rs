//! The fast path of `serve`: a save that changes only a doc's Markdown body
//! re-scans that doc alone instead of resolving the whole guide again.

use crate::diagnostic::Diagnostics;
use crate::guide::{DocId, Guide, Texts};
use crate::load::Source;
use crate::resolve::{Statics, anchors, scan_doc};

/// What replacing one document's text did to the guide.
pub enum Replaced {
    /// The guide now holds the new text; these warnings apply to it.
    Done(Diagnostics),
    /// The new text has errors; the guide is unchanged.
    Failed(Diagnostics),
    /// The change reaches beyond the page (front matter, headings other pages
    /// may link to): the whole guide must be resolved again.
    NeedsFullResolve,
}

/// Swaps in a new version of one document whose front matter is unchanged.
pub fn replace_body(guide: &mut Guide, texts: &mut Texts, id: DocId, new: Source, statics: &Statics) -> Replaced {
    let old = &guide.docs[id];
    let doc = &new.doc;
    let same_front_matter = old.kind == doc.kind
        && old.content_path == doc.content_path
        && old.title == doc.title
        && old.summary == doc.summary
        && old.weight == doc.weight
        && old.draft == doc.draft
        && old.audience == doc.audience
        && old.tags == doc.tags
        && old.related == doc.related
        && old.source == doc.source
        && old.applies_to == doc.applies_to
        && !old.failed
        && !doc.failed;
    if !same_front_matter {
        return Replaced::NeedsFullResolve;
    }
    let Source { doc, body } = new;
    let previous = std::mem::replace(&mut guide.docs[id], doc);
    let (scan, pending, mut diags) = scan_doc(guide, id, &body, statics);
    let old_ids: Vec<&str> = texts.scans[id].headings.iter().map(|h| h.id.as_str()).collect();
    let new_ids: Vec<&str> = scan.headings.iter().map(|h| h.id.as_str()).collect();
    if old_ids != new_ids {
        guide.docs[id] = previous;
        return Replaced::NeedsFullResolve;
    }
    let previous_scan = std::mem::replace(&mut texts.scans[id], scan);
    anchors::check(guide, &texts.scans, id, pending, &mut diags);
    if diags.has_errors() {
        guide.docs[id] = previous;
        texts.scans[id] = previous_scan;
        diags.sort();
        return Replaced::Failed(diags);
    }
    texts.bodies[id] = body;
    Replaced::Done(diags)
}
