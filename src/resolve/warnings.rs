//! Things that build but that a reader would trip over: empty areas and
//! checklists, summaries too long for lists, headings that skip a level.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Doc, Guide, Scan};

/// How long a summary may be before lists and search cut it (the editor shows it as one types).
pub const SUMMARY_LENGTH: usize = 200;

pub fn check(g: &Guide, scans: &[Scan], diags: &mut Diagnostics) {
    for a in &g.areas {
        if a.practices.is_empty() {
            let d = &g.docs[a.doc];
            diags.push(
                Diagnostic::warning(Code::EmptyArea, &d.file, 1, format!("the area `{}` has no practices", d.title))
                    .with_help(format!(
                        "add a practice as content/practices/{}/<practice>.md, or remove the area",
                        d.slug
                    )),
            );
        }
    }
    for &c in &g.checklists {
        let d = &g.docs[c];
        if scans[c].tasks.is_empty() && !d.failed {
            diags.push(
                Diagnostic::warning(Code::EmptyChecklist, &d.file, d.body_line, "this checklist has no items")
                    .with_help("write each item as a task: - [ ] Job descriptions list core duties."),
            );
        }
    }
    // "New page" in the preview fills the summary with the field
    // description's example, for the editor to replace; published, it would
    // read as the page's own words.
    let placeholder = crate::load::fields::FRONT_MATTER.iter().find(|f| f.name == "summary").map(|f| f.example);
    for d in &g.docs {
        if d.summary.is_some() && d.summary.as_deref() == placeholder {
            diags.push(
                Diagnostic::warning(
                    Code::Placeholder,
                    &d.file,
                    d.line_of("summary"),
                    "the summary is still the example a new page starts with",
                )
                .with_help("write one sentence that says what this page is and why it matters"),
            );
        }
    }
    for &p in &g.practices {
        let d = &g.docs[p];
        if let Some(s) = &d.summary
            && s.chars().count() > SUMMARY_LENGTH
        {
            diags.push(
                Diagnostic::warning(
                    Code::LongSummary,
                    &d.file,
                    d.line_of("summary"),
                    format!(
                        "the summary is {} characters; lists and search show about {SUMMARY_LENGTH}",
                        s.chars().count()
                    ),
                )
                .with_help("keep the summary to one sentence; move detail into the body"),
            );
        }
    }
}

/// Screen-reader users move by heading level; a jump (## then ####) loses them.
/// The page title is the h1, so the body starts at ##.
pub fn heading_skips(doc: &Doc, scan: &Scan, diags: &mut Diagnostics) {
    let mut prev: usize = 1;
    for h in &scan.headings {
        if h.level as usize > prev + 1 {
            diags.push(
                Diagnostic::warning(
                    Code::HeadingSkip,
                    &doc.file,
                    doc.body_line + h.line - 1,
                    format!("this heading jumps from level {prev} to level {}", h.level),
                )
                .with_help(format!("use {} here: the page title is level 1, its sections ##", "#".repeat(prev + 1))),
            );
        }
        prev = h.level as usize;
    }
}
