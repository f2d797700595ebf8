//! The parts of guide.yaml that hold entries of their own: languages,
//! audiences, sources and handout bundles.

use std::collections::HashMap;

use serde_yaml::Value;

use super::checks::{self, scheme, too_long};
use super::{Audience, Bundle, Included, Language, Paper, Source};
use crate::diagnostic::{Code, Diagnostic};
use crate::load::fields::{self, File};
use crate::load::yaml::{self, Fields};
use crate::text::slugify;

/// `languages:`, a map of language codes to their names. A code becomes the
/// folder of that edition (`/es/`) and the suffix of translated files
/// (`about.es.md`), so it must look like a language tag.
pub(super) fn languages(f: &mut Fields, default: &str) -> Vec<Language> {
    let Some(m) = f.mapping("languages") else { return Vec::new() };
    let inner = f.nested(m, f.line_of("languages"));
    let mut out: Vec<Language> = Vec::new();
    for (k, v) in m {
        let code = yaml::key_name(k);
        let line = inner.line_of(&code);
        let tag_like = (2..=3).contains(&code.split('-').next().unwrap_or("").len())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
            && code.chars().next().is_some_and(|c| c.is_ascii_lowercase());
        let problem = if !tag_like {
            Some(format!("`{code}` is not a language code"))
        } else if code == default {
            Some(format!("`{code}` is the guide's own language (language: {default})"))
        } else if out.iter().any(|l| l.code == code) {
            Some(format!("`{code}` is listed twice"))
        } else {
            None
        };
        if let Some(message) = problem {
            f.diagnostics.push(
                Diagnostic::error(Code::ConfigValue, f.file(), line, message)
                    .with_help("list the other languages by their codes and names, e.g. es: Español, zh: 中文"),
            );
            continue;
        }
        let name = match v {
            Value::String(s) if !s.trim().is_empty() => s.clone(),
            _ => {
                f.diagnostics.push(
                    Diagnostic::error(Code::ConfigValue, f.file(), line, format!("language `{code}` needs its name"))
                        .with_help(format!("write it as the language names itself, e.g. {code}: Español")),
                );
                code.clone()
            }
        };
        out.push(Language { code, name });
    }
    out
}

/// `right_to_left:`, the guide's languages written right to left that
/// practica would take for left to right. A code the guide has no edition in
/// would change nothing, so it is a mistake to say.
pub(super) fn right_to_left(f: &mut Fields, codes: Vec<String>, default: &str, languages: &[Language]) -> Vec<String> {
    let line = f.line_of("right_to_left");
    let mut out = Vec::new();
    for code in codes {
        if code != default && !languages.iter().any(|l| l.code == code) {
            let mut known: Vec<&str> = vec![default];
            known.extend(languages.iter().map(|l| l.code.as_str()));
            f.diagnostics.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    f.file(),
                    line,
                    format!("`{code}` in right_to_left is not one of the guide's languages"),
                )
                .with_help(format!("list codes of `language:` or `languages:` ({})", known.join(", "))),
            );
            continue;
        }
        out.push(code);
    }
    out
}

pub(super) fn audiences(f: &mut Fields) -> Vec<Audience> {
    let file = f.file();
    let mut audiences = Vec::new();
    if let Some(m) = f.mapping("audiences") {
        let inner = f.nested(m, f.line_of("audiences"));
        // Each audience has a page at /audience/<slug>/: two keys must not share one.
        let mut by_slug: HashMap<String, String> = HashMap::with_capacity(m.len());
        for (k, v) in m {
            let key = yaml::key_name(k);
            let line = inner.line_of(&key);
            let label = match v {
                Value::String(s) => s.clone(),
                _ => {
                    f.diagnostics.push(
                        Diagnostic::error(Code::ConfigValue, file, line, format!("audience `{key}` needs a label"))
                            .with_help(format!("write it as {key}: Human resources staff")),
                    );
                    key.clone()
                }
            };
            let slug = slugify(&key);
            if let Some(d) = too_long(&key, &slug, "an audience key", file, line) {
                f.diagnostics.push(d);
            } else if let Some(other) = by_slug.get(&slug) {
                f.diagnostics.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        file,
                        line,
                        format!("audiences `{other}` and `{key}` would share the page /audience/{slug}/"),
                    )
                    .with_help("give each audience a key that differs in more than capitals and punctuation"),
                );
            } else {
                by_slug.insert(slug, key.clone());
            }
            audiences.push(Audience { key, label });
        }
    }

    audiences
}

pub(super) fn sources(f: &mut Fields) -> Vec<Source> {
    let file = f.file();
    let mut sources = Vec::new();
    if let Some(m) = f.mapping("sources") {
        let sources_line = f.line_of("sources");
        let outer = f.nested(m, sources_line);
        for (k, v) in m {
            let key = yaml::key_name(k);
            let key_line = outer.line_of(&key);
            let Value::Mapping(sm) = v else {
                f.diagnostics.push(
                    Diagnostic::error(
                        Code::ConfigValue,
                        file,
                        key_line,
                        format!("source `{key}` must list its details"),
                    )
                    .with_help("indent title:, publisher:, year:, url: and note: under it"),
                );
                continue;
            };
            let mut sf = outer.nested(sm, key_line);
            sf.check_keys(
                &fields::keys(fields::SOURCE, File::Guide),
                &format!("source `{key}`"),
                Code::ConfigUnknownKey,
            );
            let got =
                fields::read::read(&mut sf, fields::SOURCE, &fields::within(fields::SOURCE, File::Guide), None, None);
            let title = got.text("title").unwrap_or_else(|| {
                sf.diagnostics.push(
                    Diagnostic::error(Code::ConfigValue, file, key_line, format!("source `{key}` has no `title`"))
                        .with_help("add the document's full title under it: title: ..."),
                );
                String::new()
            });
            let url = got.text("url").filter(|u| {
                let bad = scheme(u).filter(|s| !matches!(s.as_str(), "http" | "https" | "mailto"));
                if let Some(s) = &bad {
                    let line = sf.line_of("url");
                    sf.diagnostics.push(
                        Diagnostic::warning(
                            Code::ConfigValue,
                            file,
                            line,
                            format!("the `url` of source `{key}` is a `{s}:` address; it is left out of the site"),
                        )
                        .with_help("link to the document's web page: url: https://..."),
                    );
                }
                bad.is_none()
            });
            sources.push(Source {
                key,
                title,
                publisher: got.text("publisher"),
                year: got.text("year"),
                url,
                note: got.text("note"),
            });
            f.diagnostics.append(sf.take_diagnostics());
        }
    }

    sources
}

pub(super) fn handouts(f: &mut Fields, text: &str, paper: Paper) -> Vec<Bundle> {
    let file = f.file();
    let mut handouts = Vec::new();
    if let Some(items) = f.sequence("handouts") {
        let handouts_line = f.line_of("handouts");
        let lines: Vec<&str> = text.lines().collect();
        let mut search_from = handouts_line;
        for item in items {
            let item_line = find_item_line(&lines, search_from);
            search_from = item_line;
            let Value::Mapping(bm) = item else {
                f.diagnostics.push(
                    Diagnostic::error(Code::ConfigValue, file, item_line, "a handout bundle must list its details")
                        .with_help("give it at least name:, title: and include:"),
                );
                continue;
            };
            let mut bf = f.nested(bm, item_line.saturating_sub(1));
            bf.check_keys(&fields::keys(fields::BUNDLE, File::Guide), "a handout bundle", Code::ConfigUnknownKey);
            let got =
                fields::read::read(&mut bf, fields::BUNDLE, &fields::within(fields::BUNDLE, File::Guide), None, None);
            let name = got.text_or_default("name");
            if name.is_empty() {
                bf.diagnostics.push(
                    Diagnostic::error(Code::ConfigValue, file, item_line, "a handout bundle has no `name`").with_help(
                        "add name: conference-2026 (it becomes the address /handouts/bundles/conference-2026/)",
                    ),
                );
            }
            if let Some(d) = too_long(&name, &name, "a bundle name", file, item_line) {
                bf.diagnostics.push(d);
            }
            let title = got.text("title").unwrap_or_else(|| name.clone());
            let paper = checks::paper(&mut bf, got.text("paper"), "paper").unwrap_or(paper);
            let include_line = bf.line_of("include");
            let mut include = Vec::new();
            let mut entry_from = include_line;
            for (i, p) in got.list("include").into_iter().enumerate() {
                let line = find_entry_line(&lines, entry_from, &p).unwrap_or(include_line + i + 1);
                entry_from = line;
                include.push(Included { path: p, line });
            }
            handouts.push(Bundle {
                name,
                title,
                subtitle: got.text("subtitle"),
                event: got.text("event"),
                date: got.text("date"),
                paper,
                include,
                line: item_line,
            });
            f.diagnostics.append(bf.take_diagnostics());
        }
    }

    handouts
}

/// The line of the next `- ` list item after `after` (1-based).
fn find_item_line(lines: &[&str], after: usize) -> usize {
    lines
        .iter()
        .enumerate()
        .skip(after)
        .find(|(_, l)| {
            l.trim_start().starts_with("- ") && !l.trim_start()[2..].trim_start().is_empty() && l.contains(':')
        })
        .map_or(after, |(i, _)| i + 1)
}

/// The line (1-based) at or after `after` that holds `entry`.
fn find_entry_line(lines: &[&str], after: usize, entry: &str) -> Option<usize> {
    lines.iter().enumerate().skip(after.saturating_sub(1)).find(|(_, l)| l.contains(entry)).map(|(i, _)| i + 1)
}
