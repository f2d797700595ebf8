//! Search in the offline edition. Pages opened from a folder (`file://`) may
//! not fetch, import modules or run WebAssembly, so Pagefind cannot run there.
//! Each language gets an index of its own as a plain script, loaded with a
//! `<script>` element, which the theme's `js/search-offline.js` searches behind
//! the same search box, results and filters.
//!
//! The index is small on purpose: for each page its address, title, kind,
//! area, summary and the opening of its text (for excerpts), its filter
//! values, and for each word the pages that have it in their title, their
//! summary and their text. Words are
//! folded (lower case, accents dropped) the same way the script folds what is
//! typed.

use std::collections::BTreeMap;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::{Record, records};
use crate::guide::{Guide, Texts};
use crate::render::sink::OutFile;
use crate::render::templates::Templates;

/// One page a search can find. Short keys: at a thousand pages every byte
/// of the script is a byte each reader downloads.
#[derive(Serialize)]
struct Entry<'r> {
    /// Its address, relative to the index script.
    u: String,
    t: &'r str,
    k: &'r str,
    #[serde(skip_serializing_if = "Option::is_none")]
    a: Option<&'r str>,
    /// Its summary, shown under its title when a word searched for is in it.
    s: String,
    /// The opening of its text, where an excerpt around a word searched for
    /// is taken from otherwise.
    x: &'r str,
}

#[derive(Serialize)]
struct Index<'r> {
    pages: Vec<Entry<'r>>,
    /// Filter name → value → the pages that have it.
    filters: BTreeMap<&'r str, BTreeMap<&'r str, String>>,
    /// Word → [pages with it in their title, in their summary, in their text].
    words: BTreeMap<String, [String; 3]>,
}

/// The index script of every edition, at its `search/offline-index.js`.
pub fn render(guide: &Guide, texts: &Texts, templates: &Templates) -> Vec<OutFile> {
    let records = records(guide, texts, templates);
    guide
        .editions
        .iter()
        .map(|e| {
            let path = e.routes.offline_search_index();
            let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
            let mine: Vec<&Record> = records.iter().filter(|r| r.language == e.code).collect();
            let index = index(&mine, |url| guide.addresses.href(folder, url));
            // `<` only occurs inside JSON strings, where `\u003c` means the
            // same: no text of the guide can end the script early.
            let json = serde_json::to_string(&index).unwrap_or_default().replace('<', "\\u003c");
            OutFile { path, bytes: format!("window.practicaSearchIndex = {json};\n").into_bytes() }
        })
        .collect()
}

fn index<'r>(records: &[&'r Record], href: impl Fn(&str) -> String) -> Index<'r> {
    let mut pages = Vec::with_capacity(records.len());
    let mut filters: BTreeMap<&str, BTreeMap<&str, Vec<u32>>> = BTreeMap::new();
    let mut words: BTreeMap<String, [Vec<u32>; 3]> = BTreeMap::new();
    for (n, r) in records.iter().enumerate() {
        let n = n as u32;
        let meta = |key: &str| r.meta.get(key).map(String::as_str);
        pages.push(Entry {
            u: href(&r.url),
            t: meta("title").unwrap_or_default(),
            k: meta("kind").unwrap_or_default(),
            a: meta("area"),
            s: meta("summary").map(str::to_string).unwrap_or_else(|| opening(&r.text[r.body_start..], 30)),
            x: clip(&r.text[r.body_start..], EXCERPT_SOURCE),
        });
        for (name, values) in &r.filters {
            for v in values {
                filters.entry(name).or_default().entry(v).or_default().push(n);
            }
        }
        let places = [meta("title").unwrap_or_default(), meta("summary").unwrap_or_default(), r.text.as_str()];
        for (place, text) in places.into_iter().enumerate() {
            for w in fold_words(text) {
                let ids = &mut words.entry(w).or_default()[place];
                if ids.last() != Some(&n) {
                    ids.push(n);
                }
            }
        }
    }
    Index {
        pages,
        filters: filters
            .into_iter()
            .map(|(name, values)| (name, values.into_iter().map(|(v, ids)| (v, postings(&ids))).collect()))
            .collect(),
        words: words.into_iter().map(|(w, [t, s, b])| (w, [postings(&t), postings(&s), postings(&b)])).collect(),
    }
}

/// The words of `text` as the search script matches them: lower case, accents
/// dropped, split at anything not a letter or digit; single letters left out.
/// Chinese and Japanese write no spaces between words, so a run of their
/// characters is indexed as its overlapping pairs ("督导人员" → 督导, 导人,
/// 人员), and the script splits a query the same way: any word of two or more
/// characters then finds the pages that have it, with no dictionary.
pub fn fold_words(text: &str) -> impl Iterator<Item = String> + '_ {
    let folded: String = text.nfd().filter(|c| !is_combining_mark(*c)).flat_map(char::to_lowercase).collect();
    let mut out = Vec::new();
    for w in folded.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        for (ideographic, run) in runs(w) {
            if ideographic {
                out.extend(bigrams(run));
            } else if run.chars().nth(1).is_some() || run.chars().all(char::is_numeric) {
                out.push(run.to_string());
            }
        }
    }
    out.into_iter()
}

/// Chinese characters, kana and their marks: the scripts written without
/// spaces that the offline index splits into pairs. Korean is written with
/// spaces and is left to the split at spaces. The theme's
/// `js/search-offline.js` lists the same ranges.
pub fn is_ideographic(c: char) -> bool {
    matches!(c as u32,
        0x3005..=0x3007 | 0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF66..=0xFF9F | 0x20000..=0x3FFFF)
}

/// `word` cut where it passes between ideographic and other characters.
fn runs(word: &str) -> impl Iterator<Item = (bool, &str)> {
    let mut rest = word;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let kind = is_ideographic(first);
        let end = rest.char_indices().find(|&(_, c)| is_ideographic(c) != kind).map_or(rest.len(), |(i, _)| i);
        let (run, tail) = rest.split_at(end);
        rest = tail;
        Some((kind, run))
    })
}

/// A run's overlapping pairs of characters; a single character stands alone.
fn bigrams(run: &str) -> Vec<String> {
    let chars: Vec<char> = run.chars().collect();
    if chars.len() < 2 {
        return vec![run.to_string()];
    }
    chars.windows(2).map(|p| p.iter().collect()).collect()
}

/// Ascending page numbers as the gaps between them, in base 36, comma-separated:
/// a word on every page costs two bytes a page.
fn postings(ids: &[u32]) -> String {
    let mut out = String::with_capacity(ids.len() * 2);
    let mut last = 0;
    for (i, &id) in ids.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_base36(&mut out, id - last);
        last = id;
    }
    out
}

fn push_base36(out: &mut String, mut n: u32) {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut buf = [0u8; 7];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = DIGITS[(n % 36) as usize];
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.push_str(std::str::from_utf8(&buf[i..]).unwrap_or_default());
}

/// How much of a page's text the index keeps for excerpts: enough for the
/// first sections, while a thousand pages stay well under 3 MB.
const EXCERPT_SOURCE: usize = 800;

/// The text up to `max` bytes, cut at a space.
fn clip(text: &str, max: usize) -> &str {
    if text.len() <= max {
        return text;
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = &text[..end];
    cut.rfind(' ').map_or(cut, |i| &cut[..i])
}

/// The first `n` words of `text`, for a page without a summary.
fn opening(text: &str, n: usize) -> String {
    let mut words = text.split_whitespace();
    let mut out: Vec<&str> = words.by_ref().take(n).collect();
    if words.next().is_some() {
        out.push("…");
    }
    out.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_folded_as_the_script_folds_them() {
        let w: Vec<String> = fold_words("Supervisión: ¿Qué es? Año 5, a B-12").collect();
        assert_eq!(w, ["supervision", "que", "es", "ano", "5", "12"]);
    }

    #[test]
    fn chinese_and_japanese_runs_are_indexed_as_pairs() {
        let w: Vec<String> = fold_words("督导人员 AIDS Institute建议 会 ひらがな").collect();
        assert_eq!(w, ["督导", "导人", "人员", "aids", "institute", "建议", "会", "ひら", "らか", "かな"]);
    }

    #[test]
    fn postings_are_gaps_in_base_36() {
        assert_eq!(postings(&[0, 1, 2, 40, 1336]), "0,1,1,12,100");
        assert_eq!(postings(&[]), "");
    }
}
