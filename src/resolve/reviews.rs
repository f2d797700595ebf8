//! Reviews: when each page is due to be checked again, and the notes `check`
//! gives for pages whose review is overdue or that were never reviewed. A
//! page's due date is its `next_review:`, or its `reviewed:` date plus
//! guide.yaml's `review_every:` months.

use chrono::{Months, NaiveDate};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Doc, Guide};

/// The environment variable that sets "today" for review dates (`2026-11-26`),
/// so that a check gives the same answer whenever it runs.
pub const TODAY_VAR: &str = "PRACTICA_TODAY";

/// Today's date, or the one `PRACTICA_TODAY` gives.
pub fn today() -> NaiveDate {
    std::env::var(TODAY_VAR)
        .ok()
        .and_then(|d| NaiveDate::parse_from_str(d.trim(), "%Y-%m-%d").ok())
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}

/// When `doc` should next be reviewed, if anything says.
pub fn due(doc: &Doc, review_every: Option<u32>) -> Option<NaiveDate> {
    doc.next_review.or_else(|| doc.reviewed?.checked_add_months(Months::new(review_every?)))
}

/// Notes for `check` on every page of the guide's own language (a
/// translation is reviewed with its page), and a warning for a `reviewed:`
/// date still to come, which would put the page's next review off by as long.
pub fn report(guide: &Guide, diags: &mut Diagnostics) {
    let today = today();
    for d in guide.docs.iter().filter(|d| !d.failed) {
        if let Some(reviewed) = d.reviewed.filter(|r| *r > today) {
            diags.push(
                Diagnostic::warning(
                    Code::ReviewedInFuture,
                    &d.file,
                    d.line_of("reviewed"),
                    format!("`reviewed:` is {reviewed}, a day still to come (today is {today})"),
                )
                .with_help(format!(
                    "write the day the page was last checked, e.g. reviewed: {today}; a day to check it again goes in next_review:"
                )),
            );
        }
    }
    let every = guide.config.review_every;
    for d in guide.docs[..guide.originals].iter().filter(|d| !d.failed) {
        match (due(d, every), d.reviewed) {
            (Some(due), reviewed) if due < today => {
                let line = d.key_lines.get(if d.next_review.is_some() { "next_review" } else { "reviewed" });
                let last = reviewed.map(|r| format!(", last reviewed {r}")).unwrap_or_default();
                diags.push(
                    Diagnostic::note(
                        Code::ReviewOverdue,
                        &d.file,
                        line.copied().unwrap_or(0),
                        format!("review overdue: due {due}{last}"),
                    )
                    .with_help(format!(
                        "check the page is still right, then set reviewed: {today}{}",
                        if d.next_review.is_some() { " and a new next_review:" } else { "" }
                    )),
                );
            }
            (None, None) if every.is_some() => diags.push(
                Diagnostic::note(
                    Code::NeverReviewed,
                    &d.file,
                    0,
                    "never reviewed, and the guide asks for a review every few months",
                )
                .with_help(format!("check the page is still right, then add to its front matter: reviewed: {today}")),
            ),
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_due_date_is_the_next_review_or_months_after_the_last() {
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let mut d = crate::testing::site(crate::testing::GUIDE_YAML, &[("about.md", "---\ntitle: About\n---\n")])
            .guide
            .docs
            .remove(0);
        d.reviewed = Some(day("2026-01-31"));
        assert_eq!(due(&d, Some(1)), Some(day("2026-02-28")), "the end of a shorter month");
        assert_eq!(due(&d, None), None);
        d.next_review = Some(day("2026-06-01"));
        assert_eq!(due(&d, Some(12)), Some(day("2026-06-01")), "next_review wins");
    }
}
