//! The names front matter uses for other things — `related` practices, the
//! practices and areas a tip `applies_to`, `source` and `audience` keys of
//! guide.yaml, `tags` — resolved into links between docs and into the guide's
//! topics and audiences.

use std::collections::{BTreeMap, HashMap};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};
use crate::guide::{Area, Config, Doc, DocId, Kind, Relations, Term};
use crate::text::slugify;

/// What the front matter of every doc says about the others.
pub struct Resolved {
    pub relations: Vec<Relations>,
    pub tags: Vec<Term>,
    pub audiences: Vec<Term>,
}

/// `practices` are all practices in reading order; `by_weight` orders a list of tips.
pub fn resolve(
    config: &Config,
    docs: &[Doc],
    drafts: &std::collections::HashSet<String>,
    areas: &[Area],
    practices: &[DocId],
    by_weight: &dyn Fn(&mut Vec<DocId>),
    diags: &mut Diagnostics,
) -> Resolved {
    let mut relations = vec![Relations::default(); docs.len()];
    for a in areas {
        relations[a.doc].area = Some(a.doc);
        for (n, &p) in a.practices.iter().enumerate() {
            let r = &mut relations[p];
            r.area = Some(a.doc);
            r.prev = n.checked_sub(1).map(|k| a.practices[k]);
            r.next = a.practices.get(n + 1).copied();
        }
    }

    let names = Practices::new(docs, practices);
    let area_by_slug: HashMap<&str, DocId> = areas.iter().map(|a| (docs[a.doc].slug.as_str(), a.doc)).collect();
    let source_keys: Vec<&str> = config.sources.iter().map(|s| s.key.as_str()).collect();
    let audience_keys: Vec<&str> = config.audiences.iter().map(|a| a.key.as_str()).collect();
    let mut tag_map: BTreeMap<String, Term> = BTreeMap::new();
    let mut audience_map: BTreeMap<String, Vec<DocId>> = BTreeMap::new();
    let mut tips_for: Vec<Vec<DocId>> = vec![Vec::new(); docs.len()];

    for (i, d) in docs.iter().enumerate() {
        for name in &d.related {
            match names.find(name) {
                Err(None) if crate::guide::draft_practice(drafts, name) => diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        format!("related practice `{name}` is a draft; it is left out unless you build with --drafts"),
                    )
                    .with_help("publish it (remove `draft: true`), or take it out of related until it is"),
                ),
                Err(Some(help)) => diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        format!(
                            "related practice `{name}` is ambiguous: more than one area has a practice of that name"
                        ),
                    )
                    .with_help(help),
                ),
                Ok(p) if p == i => diags.push(
                    Diagnostic::warning(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        "a practice lists itself as related",
                    )
                    .with_help(format!("remove `{name}` from related")),
                ),
                Ok(p) => relations[i].related.push(p),
                Err(None) => diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("related"),
                        format!("related practice `{name}` does not exist"),
                    )
                    .with_help(suggest(name, &names.slugs)),
                ),
            }
        }
        for name in &d.applies_to {
            let area = || {
                let n = name.trim().trim_start_matches("practices/").trim_matches('/');
                area_by_slug.get(n).copied()
            };
            let problem = match names.find(name) {
                Ok(t) => Ok(t),
                Err(None) => area().ok_or(None),
                Err(Some(help)) => Err(Some(help)),
            };
            match problem {
                Ok(t) => {
                    relations[i].applies_to.push(t);
                    tips_for[t].push(i);
                }
                Err(ambiguous) => {
                    let (message, help) = match ambiguous {
                        Some(help) => (
                            format!(
                                "`{name}` in applies_to is ambiguous: more than one area has a practice of that name"
                            ),
                            help,
                        ),
                        None if crate::guide::draft_practice(drafts, name) => (
                            format!("`{name}` in applies_to is a draft; it is left out unless you build with --drafts"),
                            "publish it (remove `draft: true`), or take it out of applies_to until it is".to_string(),
                        ),
                        None => {
                            let mut known = names.slugs.clone();
                            known.extend(areas.iter().map(|a| docs[a.doc].slug.as_str()));
                            (format!("`{name}` in applies_to is neither a practice nor an area"), suggest(name, &known))
                        }
                    };
                    diags.push(
                        Diagnostic::error(Code::UnknownReference, &d.file, d.line_of("applies_to"), message)
                            .with_help(help),
                    );
                }
            }
        }
        for key in &d.source {
            if config.source(key).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("source"),
                        format!("source `{key}` is not listed in guide.yaml"),
                    )
                    .with_help(format!("{} — or add it under sources: in guide.yaml", suggest(key, &source_keys))),
                );
            }
        }
        for key in &d.audience {
            if config.audience(key).is_none() {
                diags.push(
                    Diagnostic::error(
                        Code::UnknownReference,
                        &d.file,
                        d.line_of("audience"),
                        format!("audience `{key}` is not listed in guide.yaml"),
                    )
                    .with_help(format!("{} — or add it under audiences: in guide.yaml", suggest(key, &audience_keys))),
                );
            } else if d.kind == Kind::Practice {
                audience_map.entry(key.clone()).or_default().push(i);
            }
        }
        if d.kind == Kind::Practice {
            for tag in &d.tags {
                let slug = slugify(tag);
                tag_map
                    .entry(slug.clone())
                    .or_insert_with(|| Term { slug, label: tag.clone(), docs: Vec::new() })
                    .docs
                    .push(i);
            }
        }
    }
    for (t, mut list) in tips_for.into_iter().enumerate() {
        by_weight(&mut list);
        relations[t].tips = list;
    }
    // A tip for an area applies to each of its practices too.
    for a in areas {
        let area_tips = relations[a.doc].tips.clone();
        for &p in &a.practices {
            for &t in &area_tips {
                if !relations[p].tips.contains(&t) {
                    relations[p].tips.push(t);
                }
            }
        }
    }

    let position: HashMap<DocId, usize> = practices.iter().enumerate().map(|(n, &p)| (p, n)).collect();
    let in_reading_order = |mut ids: Vec<DocId>| {
        ids.sort_by_key(|i| position.get(i).copied().unwrap_or(usize::MAX));
        ids
    };
    let tags = tag_map.into_values().map(|t| Term { docs: in_reading_order(t.docs), ..t }).collect();
    let audiences = config
        .audiences
        .iter()
        .filter_map(|a| {
            let docs = in_reading_order(audience_map.remove(&a.key)?);
            Some(Term { slug: slugify(&a.key), label: a.label.clone(), docs })
        })
        .collect();
    Resolved { relations, tags, audiences }
}

/// The audiences of a guide whose guide.yaml lists none: every key the pages
/// use, in alphabetical order, each labelled from its key.
pub fn audiences_from_pages(docs: &[Doc]) -> Vec<crate::load::config::Audience> {
    let keys: std::collections::BTreeSet<&str> =
        docs.iter().flat_map(|d| d.audience.iter().map(String::as_str)).collect();
    let mut slugs = std::collections::HashSet::new();
    keys.into_iter()
        .filter(|k| slugs.insert(slugify(k)))
        .map(|k| crate::load::config::Audience { key: k.to_string(), label: crate::text::slug::label_from_key(k) })
        .collect()
}

/// Practices by the names front matter uses for them: the slug, or
/// `area/slug` when two areas have a practice of that slug.
struct Practices<'d> {
    docs: &'d [Doc],
    by_slug: HashMap<&'d str, Vec<DocId>>,
    by_full: HashMap<String, DocId>,
    slugs: Vec<&'d str>,
}

impl<'d> Practices<'d> {
    fn new(docs: &'d [Doc], practices: &[DocId]) -> Self {
        let mut by_slug: HashMap<&str, Vec<DocId>> = HashMap::new();
        let mut by_full = HashMap::new();
        for &p in practices {
            let d = &docs[p];
            by_slug.entry(d.slug.as_str()).or_default().push(p);
            by_full.insert(format!("{}/{}", d.area.as_deref().unwrap_or_default(), d.slug), p);
        }
        let slugs = practices.iter().map(|&p| docs[p].slug.as_str()).collect();
        Practices { docs, by_slug, by_full, slugs }
    }

    /// The practice `name` names; `Err` with help when it is ambiguous, `Err(None)` when unknown.
    fn find(&self, name: &str) -> Result<DocId, Option<String>> {
        let name = name.trim().trim_start_matches("practices/").trim_end_matches(".md").trim_matches('/');
        if let Some(&p) = self.by_full.get(name) {
            return Ok(p);
        }
        match self.by_slug.get(name).map(Vec::as_slice) {
            Some([one]) => Ok(*one),
            Some(many) => Err(Some(format!(
                "write it with its area: {}",
                many.iter()
                    .map(|&p| format!("`{}/{name}`", self.docs[p].area.as_deref().unwrap_or_default()))
                    .collect::<Vec<_>>()
                    .join(" or ")
            ))),
            None => Err(None),
        }
    }
}
