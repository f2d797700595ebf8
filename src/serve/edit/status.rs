//! The guide's status: every problem `check` finds, the reviews due, and
//! per language the pages missing or out of date.

use chrono::Days;
use serde_json::{Value, json};

use super::read::Answer;
use crate::diagnostic::Diagnostics;
use crate::guide::{Guide, Kind};
use crate::pipeline::{self, Options};
use crate::resolve::{reviews, translations};

/// How far ahead a review is shown as due.
const DUE_WITHIN: u64 = 31;

pub fn status(opts: &Options) -> Answer {
    let opts = Options { no_search: true, git_dates: false, ..opts.clone() };
    let mut diags = Diagnostics::new();
    let prepared = pipeline::prepare(&opts, &mut diags);
    // As `check` does: every page rendered and dropped, so template errors show too.
    if let Some(p) = &prepared {
        let all = &crate::render::Selection::All;
        crate::render::render(
            &p.guide,
            &p.texts,
            &p.templates,
            opts.render_options(),
            all,
            &crate::render::Discard,
            &mut diags,
        );
    }
    diags.sort();
    let guide = prepared.as_ref().map(|p| &p.guide);
    let problems = super::preview::all_problems(guide, &diags);
    let (reviews, languages) = match &prepared {
        Some(p) => (due(&p.guide), languages(&p.guide, &p.texts.bodies)),
        None => (Vec::new(), Vec::new()),
    };
    Ok((200, json!({ "problems": problems, "reviews": reviews, "languages": languages })))
}

fn url(guide: &Guide, id: usize) -> String {
    format!("{}{}", guide.addresses.base_path(), guide.paths[id])
}

fn file(guide: &Guide, id: usize) -> String {
    crate::text::slash_path(&guide.docs[id].file)
}

/// Reviews overdue or due within a month, soonest first.
fn due(guide: &Guide) -> Vec<Value> {
    let today = reviews::today();
    let soon = today.checked_add_days(Days::new(DUE_WITHIN)).unwrap_or(today);
    let mut out: Vec<(chrono::NaiveDate, Value)> = (0..guide.originals)
        .filter(|&id| !guide.docs[id].failed)
        .filter_map(|id| {
            let d = &guide.docs[id];
            let due = reviews::due(d, guide.config.review_every).filter(|due| *due <= soon)?;
            let v = json!({
                "file": file(guide, id),
                "title": d.title,
                "url": url(guide, id),
                "next_review": due.format("%Y-%m-%d").to_string(),
                "overdue": due < today,
            });
            Some((due, v))
        })
        .collect();
    out.sort_by_key(|(d, _)| *d);
    out.into_iter().map(|(_, v)| v).collect()
}

/// Per other language, the pages it lacks and those behind their original.
fn languages(guide: &Guide, bodies: &[String]) -> Vec<Value> {
    guide
        .editions
        .iter()
        .skip(1)
        .map(|e| {
            let sources =
                (0..guide.originals).filter(|&s| guide.docs[s].kind != Kind::Section && !guide.docs[s].failed);
            let (mut missing, mut stale) = (Vec::new(), Vec::new());
            for s in sources {
                match e.doc(s) {
                    None => missing.push(json!({ "file": file(guide, s), "title": guide.docs[s].title })),
                    Some(t) if translations::is_stale(guide, bodies, t) => stale.push(json!({
                        "file": file(guide, s),
                        "title": guide.docs[s].title,
                        "translation": file(guide, t),
                    })),
                    Some(_) => {}
                }
            }
            json!({ "lang": e.code, "name": e.name, "missing": missing, "stale": stale })
        })
        .collect()
}
