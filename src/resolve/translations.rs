//! Translations: each `x.<code>.md` stands in for `x.md` in that language's
//! edition. A translation gives the words (title, summary, body); everything
//! else — where the page sits, its area, relations, audiences — is its
//! source's. A translation records the source text it was brought up to date
//! with (`source_hash:`), so `check` can say when the source changed since,
//! and what changed, without git.

use std::collections::HashMap;

use crate::diagnostic::{Code, Diagnostic, Diagnostics, nearest};
use crate::guide::{Doc, DocId, Edition, Guide, Routes, Scan};
use crate::load::ContentFile;
use crate::load::fields::{FRONT_MATTER, Words};
use crate::load::translations::ConfigText;

/// The parts of a page a translation follows, each hashed on its own so that
/// `check` can say which changed.
const PARTS: [&str; 3] = ["title", "summary", "body"];

/// `source_hash:` for a source page: the CRC-32 of its title, summary and
/// body, as three groups of eight hex digits.
pub fn source_hash(doc: &Doc, body: &str) -> String {
    let parts = [doc.title.as_str(), doc.summary.as_deref().unwrap_or(""), body.trim()];
    parts.iter().map(|p| format!("{:08x}", crc32fast::hash(p.as_bytes()))).collect::<Vec<_>>().join("-")
}

/// Adds the translations to the guide (after its own docs, with their
/// bodies) and makes its editions. `texts` holds guide.yaml's words per
/// other language.
pub fn attach(
    guide: &mut Guide,
    bodies: &mut Vec<String>,
    translations: Vec<ContentFile>,
    mut texts: Vec<(String, ConfigText)>,
    default_name: &str,
    diags: &mut Diagnostics,
) {
    let n = guide.originals;
    let dir = |code: &str| crate::text::direction::of(code, &guide.config.right_to_left);
    guide.editions = vec![Edition {
        dir: dir(&guide.config.language),
        code: guide.config.language.clone(),
        name: default_name.to_string(),
        routes: guide.routes.clone(),
        default: true,
        docs: (0..n).map(Some).collect(),
        text: ConfigText::default(),
    }];
    for language in guide.config.languages.clone() {
        let text = texts.iter().position(|(c, _)| *c == language.code).map(|i| texts.swap_remove(i).1);
        guide.editions.push(Edition {
            dir: crate::text::direction::of(&language.code, &guide.config.right_to_left),
            routes: Routes::language(&language.code),
            default: false,
            docs: vec![None; n],
            text: text.unwrap_or_default(),
            code: language.code,
            name: language.name,
        });
    }
    let by_path: HashMap<String, DocId> = (0..n).map(|i| (guide.docs[i].content_path.clone(), i)).collect();
    for ContentFile { doc, body } in translations {
        let code = doc.lang.clone().unwrap_or_default();
        let Some(e) = guide.editions.iter().position(|e| e.code == code) else { continue };
        let Some(&source) = by_path.get(&doc.content_path) else {
            diags.push(orphan(guide, &doc, &code));
            continue;
        };
        let id = guide.docs.len();
        let src = &guide.docs[source];
        disagreements(src, &doc, diags);
        let translated = Doc {
            title: if doc.title.is_empty() { src.title.clone() } else { doc.title.clone() },
            summary: doc.summary.clone().or_else(|| src.summary.clone()),
            // Where it sits and what it relates to are the source's.
            weight: src.weight,
            draft: src.draft,
            audience: src.audience.clone(),
            tags: src.tags.clone(),
            related: src.related.clone(),
            source: src.source.clone(),
            applies_to: src.applies_to.clone(),
            // A page is reviewed in its own language, with its translations.
            reviewed: src.reviewed,
            next_review: src.next_review,
            ..doc
        };
        guide.paths.push(guide.editions[e].routes.doc(&translated));
        guide.relations.push(guide.relations[source].clone());
        guide.original_of.push(Some(source));
        guide.editions[e].docs[source] = Some(id);
        guide.docs.push(translated);
        bodies.push(body);
    }
}

/// Whether a translation's value of a key kept from its page differs from
/// the page's; `None` for a key that is not one of them.
fn differs(key: &str, src: &Doc, doc: &Doc) -> Option<bool> {
    Some(match key {
        "weight" => doc.weight != src.weight,
        "audience" => doc.audience != src.audience,
        "tags" => doc.tags != src.tags,
        "related" => doc.related != src.related,
        "source" => doc.source != src.source,
        "applies_to" => doc.applies_to != src.applies_to,
        "reviewed" => doc.reviewed != src.reviewed,
        "next_review" => doc.next_review != src.next_review,
        _ => return None,
    })
}

/// A translation may repeat its page's keys that are not words (a copied file
/// keeps them); one that says something else would be silently overruled,
/// so it is an error.
fn disagreements(src: &Doc, doc: &Doc, diags: &mut Diagnostics) {
    for field in FRONT_MATTER.iter().filter(|f| f.words == Words::Kept) {
        let key = field.name;
        let Some(&line) = doc.key_lines.get(key).filter(|_| differs(key, src, doc).unwrap_or(false)) else { continue };
        let help = if key == "tags" {
            "remove it here, or make it the same; to show a tag in another language, give it a label under tags: in guide.<code>.yaml".to_string()
        } else {
            format!("remove it here, or make it the same; to change it, change it in {}", src.file.display())
        };
        diags.push(
            Diagnostic::error(
                Code::TranslationDisagrees,
                &doc.file,
                line,
                format!("`{key}` is not the same as in {}, which decides it for every language", src.file.display()),
            )
            .with_help(help),
        );
    }
}

fn orphan(guide: &Guide, doc: &Doc, code: &str) -> Diagnostic {
    let near = nearest(&doc.content_path, guide.docs[..guide.originals].iter().map(|d| d.content_path.as_str()));
    let help = match near {
        Some(n) => format!(
            "did you mean to translate content/{n}? Then name this file content/{}",
            n.strip_suffix(".md").map(|s| format!("{s}.{code}.md")).unwrap_or_default()
        ),
        None => format!("a translation sits beside its page: x.{code}.md beside x.md; rename it, or remove it"),
    };
    Diagnostic::error(
        Code::OrphanTranslation,
        &doc.file,
        0,
        format!("this translation has no page to translate: there is no content/{}", doc.content_path),
    )
    .with_help(help)
}

/// A translated checklist item is answered under its id; one that matches no
/// item of the source keeps its answers apart from the source item's.
fn unmatched_items(guide: &Guide, source: DocId, translation: DocId, scans: &[Scan], diags: &mut Diagnostics) {
    let ids: Vec<&str> = scans[source].tasks.iter().map(|t| t.id.as_str()).collect();
    let doc = &guide.docs[translation];
    for (n, t) in scans[translation].tasks.iter().enumerate() {
        if ids.contains(&t.id.as_str()) {
            continue;
        }
        let hint = ids.get(n).map(|id| format!(": {{#{id}}}")).unwrap_or_default();
        diags.push(
            Diagnostic::note(
                Code::UnmatchedItem,
                &doc.file,
                doc.body_line + t.line - 1,
                format!(
                    "this item matches no item of {}, so readers' answers to it are kept apart",
                    guide.docs[source].file.display()
                ),
            )
            .with_help(format!("end it with the id of the item it translates{hint}")),
        );
    }
}

/// Notes for `check`: pages without a translation, translations whose source
/// changed since they were brought up to date, and translated checklist items
/// that answer to no item of their source.
pub fn report(guide: &Guide, bodies: &[String], scans: &[Scan], diags: &mut Diagnostics) {
    for e in guide.editions.iter().filter(|e| !e.default) {
        for (source, src) in guide.docs.iter().enumerate().take(guide.originals) {
            if src.failed {
                continue;
            }
            let Some(t) = e.doc(source) else {
                diags.push(
                    Diagnostic::note(
                        Code::Untranslated,
                        &src.file,
                        0,
                        format!("not translated into {} ({}) yet", e.name, e.code),
                    )
                    .with_help(format!("translate it in {}", translation_file(src, &e.code))),
                );
                continue;
            };
            unmatched_items(guide, source, t, scans, diags);
            let now = source_hash(src, &bodies[source]);
            let doc = &guide.docs[t];
            let line = format!("source_hash: {now}");
            let message = match doc.source_hash.as_deref() {
                Some(h) if h == now => continue,
                Some(h) => {
                    let changed: Vec<&str> = PARTS
                        .iter()
                        .zip(h.split('-').zip(now.split('-')))
                        .filter(|(_, (old, new))| old != new)
                        .map(|(part, _)| *part)
                        .collect();
                    let what = if changed.is_empty() { "its text".to_string() } else { changed.join(" and ") };
                    format!("{} changed its {what} since this translation was brought up to date", src.file.display())
                }
                None => format!("this translation does not say which version of {} it follows", src.file.display()),
            };
            let at = if doc.key_lines.contains_key("source_hash") { doc.line_of("source_hash") } else { 1 };
            diags.push(
                Diagnostic::note(Code::StaleTranslation, &doc.file, at, message)
                    .with_help(format!("bring it up to date, then set this line in its front matter: {line}")),
            );
        }
    }
}

/// One line per other language for `build` to print:
/// `es: 14 of 41 pages translated, 2 out of date`.
pub fn status(guide: &Guide, bodies: &[String]) -> Vec<String> {
    guide
        .editions
        .iter()
        .filter(|e| !e.default)
        .map(|e| {
            let total = guide.docs[..guide.originals].iter().filter(|d| d.kind != crate::guide::Kind::Section).count();
            let translated = (0..guide.originals)
                .filter(|&s| guide.docs[s].kind != crate::guide::Kind::Section && e.doc(s).is_some())
                .count();
            let stale = (0..guide.originals).filter_map(|s| e.doc(s)).filter(|&t| is_stale(guide, bodies, t)).count();
            format!("{}: {translated} of {total} pages translated, {stale} out of date", e.code)
        })
        .collect()
}

/// Whether a translation is behind its source (for the notice on its page).
pub fn is_stale(guide: &Guide, bodies: &[String], id: DocId) -> bool {
    let source = guide.original(id);
    source != id
        && guide.docs[id].source_hash.as_deref() != Some(source_hash(&guide.docs[source], &bodies[source]).as_str())
}

fn translation_file(src: &Doc, code: &str) -> String {
    let file = src.file.display().to_string();
    match file.strip_suffix(".md") {
        Some(stem) => format!("{stem}.{code}.md"),
        None => file,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key the description keeps from a page is compared, so a new one
    /// cannot be silently overruled.
    #[test]
    fn every_kept_key_is_compared() {
        let page = crate::testing::practice("P", "", "Text.\n");
        let site = crate::testing::site(crate::testing::GUIDE_YAML, &[("practices/a/p.md", &page)]);
        let doc = &site.guide.docs[0];
        for f in FRONT_MATTER.iter().filter(|f| f.words == Words::Kept) {
            assert_eq!(differs(f.name, doc, doc), Some(false), "`{}` is not compared", f.name);
        }
    }
}
