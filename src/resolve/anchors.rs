//! `#anchor` links to headings on other pages, checked once every page's
//! headings are known.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::guide::{DocId, Guide, Scan};
use crate::resolve::links::PendingAnchor;

/// Pages with more headings than this get no "did you mean" for a broken #anchor.
const MAX_SUGGEST_HEADINGS: usize = 200;

/// Reports the anchors of doc `from` that name no heading on their page.
pub fn check(guide: &Guide, scans: &[Scan], from: DocId, pending: Vec<PendingAnchor>, diags: &mut Diagnostics) {
    let doc = &guide.docs[from];
    // Heading ids per target page, gathered once: searching every heading for
    // every link made a page of many links to many headings quadratic.
    let mut ids_of: HashMap<DocId, HashSet<&str>> = HashMap::new();
    for p in pending {
        let target = &scans[p.target];
        let ids = ids_of.entry(p.target).or_insert_with(|| target.headings.iter().map(|h| h.id.as_str()).collect());
        if guide.docs[p.target].failed || ids.contains(p.fragment.as_str()) || is_task(target, &p.fragment) {
            continue;
        }
        // Comparing every broken #anchor with every heading of a long page was
        // quadratic (3,000 of each: minutes); a long page gets no suggestion.
        let help = if ids.len() <= MAX_SUGGEST_HEADINGS {
            let ids: Vec<&str> = target.headings.iter().map(|h| h.id.as_str()).collect();
            suggest(&p.fragment, &ids)
        } else {
            format!("the page has {} headings; copy the id from the one you mean", ids.len())
        };
        diags.push(
            Diagnostic::error(
                Code::BrokenAnchor,
                &doc.file,
                doc.body_line + p.line - 1,
                format!("#{} names no heading on {}", p.fragment, guide.docs[p.target].file.display()),
            )
            .at_column(p.column)
            .with_help(help),
        );
    }
}

/// Checklist items have ids of their own that a link may name.
fn is_task(scan: &Scan, fragment: &str) -> bool {
    fragment.starts_with("task-") || scan.tasks.iter().any(|t| t.id == fragment)
}
