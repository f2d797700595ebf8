//! What tells readers the guide is kept current, and lets them say what is
//! wrong: each page's review and last-updated dates, its `changes:`, the
//! "What's new" list of every change, and the feedback links at the end of
//! a page. The Atom feed of the same changes is in [`super::feeds`].

use chrono::{Datelike, NaiveDate};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;

use crate::guide::DocId;
use crate::load::config::Feedback;
use crate::load::content::Change;
use crate::render::view::{Item, View};
use crate::resolve::reviews;

/// A date as the page shows it, and as `<time datetime>` gives it.
#[derive(Serialize, Clone)]
pub struct Dated {
    pub iso: String,
    pub text: String,
}

#[derive(Serialize, Default, Clone)]
pub struct PageDates {
    pub reviewed: Option<Dated>,
    pub next_review: Option<Dated>,
    /// From git: the last commit that changed the page's file.
    pub updated: Option<Dated>,
}

#[derive(Serialize, Clone)]
pub struct ChangeItem {
    pub date: Dated,
    pub note: String,
    /// The note's language, when it is not the page's (a translation without
    /// notes of its own shows its source's).
    pub lang: Option<String>,
    /// On "What's new": the page that changed.
    pub page: Option<Item>,
    /// Its published address, for the feed.
    #[serde(skip)]
    pub address: String,
}

/// The links that end a page when guide.yaml has `feedback:`.
#[derive(Serialize)]
pub struct FeedbackLinks {
    pub yes: String,
    pub no: String,
    pub problem: String,
}

pub fn dated(v: &View, date: NaiveDate) -> Dated {
    Dated { iso: date.format("%Y-%m-%d").to_string(), text: v.strings().date(date.year(), date.month(), date.day()) }
}

/// A doc's dates, or `None` when it has none to show.
pub fn page_dates(v: &View, id: DocId) -> Option<PageDates> {
    let d = &v.guide.docs[id];
    let dates = PageDates {
        reviewed: d.reviewed.map(|r| dated(v, r)),
        next_review: reviews::due(d, v.guide.config.review_every).map(|r| dated(v, r)),
        updated: d.updated.map(|u| dated(v, u)),
    };
    (dates.reviewed.is_some() || dates.next_review.is_some() || dates.updated.is_some()).then_some(dates)
}

/// The dates a handout prints under a part, as leaflets print "Published /
/// Review date": when it was last reviewed and when it is due again.
pub fn review_dates(v: &View, id: DocId) -> Option<PageDates> {
    let dates = page_dates(v, id)?;
    let dates = PageDates { updated: None, ..dates };
    (dates.reviewed.is_some() || dates.next_review.is_some()).then_some(dates)
}

/// The latest day any page of this edition was reviewed or changed: the
/// date a cover prints as the guide's last update.
pub fn guide_updated(v: &View) -> Option<Dated> {
    (0..v.guide.originals)
        .filter(|&source| !v.guide.docs[source].failed)
        .map(|source| &v.guide.docs[v.shown(source)])
        .flat_map(|d| [d.reviewed, d.updated])
        .flatten()
        .max()
        .map(|date| dated(v, date))
}

/// The changes a doc's page lists, newest first: the translation's own
/// notes, or its source's in the guide's language.
pub fn page_changes(v: &View, id: DocId) -> Vec<ChangeItem> {
    let (changes, lang) = changes_of(v, id);
    let mut out: Vec<ChangeItem> = changes
        .iter()
        .map(|c| ChangeItem {
            date: dated(v, c.date),
            note: c.note.clone(),
            lang: lang.clone(),
            page: None,
            address: String::new(),
        })
        .collect();
    out.sort_by(|a, b| b.date.iso.cmp(&a.date.iso));
    out
}

fn changes_of<'g>(v: &View<'g>, id: DocId) -> (&'g [Change], Option<String>) {
    let g = v.guide;
    let source = g.original(id);
    let d = &g.docs[id];
    if d.changes.is_empty() && source != id || v.foreign(id) {
        let lang = (!v.edition().default).then(|| g.default_edition().code.clone());
        (&g.docs[source].changes, lang)
    } else {
        (&d.changes, None)
    }
}

/// Every change of the guide in this edition, newest first, with its page;
/// changes of one day in the order of the guide's pages.
pub fn whats_new(v: &View) -> Vec<ChangeItem> {
    let mut out = Vec::new();
    for source in 0..v.guide.originals {
        if v.guide.docs[source].failed {
            continue;
        }
        let (changes, lang) = changes_of(v, v.shown(source));
        for c in changes {
            out.push(ChangeItem {
                date: dated(v, c.date),
                note: c.note.clone(),
                lang: lang.clone(),
                page: Some(v.item(source)),
                address: v.guide.addresses.absolute(v.guide.path(v.shown(source))),
            });
        }
    }
    out.sort_by(|a, b| b.date.iso.cmp(&a.date.iso));
    out
}

/// What a link may carry as a query value: all but letters, digits and `-._~`.
const QUERY: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The feedback links of a doc's page, made from guide.yaml's `feedback:`
/// with the page's title and published address filled in.
pub fn feedback(v: &View, id: DocId) -> Option<FeedbackLinks> {
    let feedback = v.guide.config.feedback.as_ref()?;
    let d = &v.guide.docs[id];
    let url = v.guide.addresses.absolute(v.guide.path(id));
    let title = if d.title.is_empty() { v.guide_title() } else { d.title.clone() };
    let enc = |s: &str| utf8_percent_encode(s, QUERY).to_string();
    let link = |answer: &str| match feedback {
        Feedback::Mail(address) => {
            let subject = v.strings().format(&format!("feedback_subject_{answer}"), None, &[("title", &title)]);
            let body = v.strings().format("feedback_body", None, &[("url", &url)]);
            format!("mailto:{address}?subject={}&body={}", enc(&subject), enc(&body))
        }
        Feedback::Url(template) => {
            template.replace("{url}", &enc(&url)).replace("{title}", &enc(&title)).replace("{answer}", answer)
        }
    };
    Some(FeedbackLinks { yes: link("yes"), no: link("no"), problem: link("problem") })
}
