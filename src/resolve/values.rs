//! Front-matter and guide.yaml values that parse but come out wrong: a value
//! wrapped in Word's curly quotes keeps the quote marks in the title, tab and
//! handout; a control character (YAML `"\x01"`) is something a feed, being
//! XML, cannot carry at all.

use std::path::Path;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::guide::{Doc, Guide};
use crate::text::xml_char;

/// Opening and closing quote marks Word and Google Docs put around text
/// (English, German and the closing mark Word sometimes uses for both).
const OPENING: &[char] = &['“', '”', '„', '‘', '’', '‚'];
const CLOSING: &[char] = &['”', '“', '’', '‘'];

pub fn check(guide: &Guide, diags: &mut Diagnostics) {
    for d in guide.docs.iter().filter(|d| !d.failed) {
        for (key, value) in doc_values(d) {
            check_value(&d.file, d.line_of(key), key, value, diags);
        }
    }
    let c = &guide.config;
    // guide.yaml's keys carry no lines here; bundles have the line they start on.
    check_value(&c.file, 0, "title", &c.title, diags);
    check_value(&c.file, 0, "description", &c.description, diags);
    for b in &c.handouts {
        let fields = [("title", Some(&b.title)), ("subtitle", b.subtitle.as_ref()), ("event", b.event.as_ref())];
        for (key, value) in fields {
            if let Some(v) = value {
                check_value(&c.file, b.line, key, v, diags);
            }
        }
    }
}

/// The text values of a page's front matter that readers see, by key.
fn doc_values(d: &Doc) -> Vec<(&'static str, &str)> {
    let mut out = vec![("title", d.title.as_str())];
    out.extend(d.summary.as_deref().map(|s| ("summary", s)));
    out.extend(d.tags.iter().map(|t| ("tags", t.as_str())));
    out.extend(d.changes.iter().map(|c| ("changes", c.note.as_str())));
    out
}

fn check_value(file: &Path, line: usize, key: &str, value: &str, diags: &mut Diagnostics) {
    if let Some(inner) = curly_quoted(value) {
        diags.push(
            Diagnostic::warning(
                Code::CurlyQuotes,
                file,
                line,
                format!("the value of `{key}` is wrapped in curly quotes, which stay in the text readers see"),
            )
            .with_help(match key {
                // An entry of a list: its words, not a `key: value` line.
                "tags" | "changes" => format!("remove the curly quotes (pasted from Word): {value} → {inner}"),
                _ => format!(
                    "remove the curly quotes (pasted from Word): {key}: {}",
                    if needs_quotes(inner) { format!("\"{}\"", inner.replace('"', "\\\"")) } else { inner.to_string() }
                ),
            }),
        );
    }
    if let Some(c) = value.chars().find(|&c| !xml_char(c)) {
        diags.push(
            Diagnostic::warning(
                Code::ControlCharacter,
                file,
                line,
                format!(
                    "the value of `{key}` holds the control character U+{:04X}, which the Atom feed cannot carry",
                    c as u32
                ),
            )
            .with_help(
                "remove it (look for an escape such as \\x01 or \\f in the quoted value); the feed leaves it out",
            ),
        );
    }
}

/// The text inside, when `value` is wrapped in curly quotes.
fn curly_quoted(value: &str) -> Option<&str> {
    let value = value.trim();
    let first = value.chars().next()?;
    let rest = value.strip_prefix(first)?;
    let last = rest.chars().next_back()?;
    let inner = rest.strip_suffix(last)?;
    (OPENING.contains(&first) && CLOSING.contains(&last)).then_some(inner.trim())
}

/// Whether YAML would read `text` as something other than plain text
/// unless it is quoted (`Note: this`, `#1 tip`, `- item`).
fn needs_quotes(text: &str) -> bool {
    text.contains(": ")
        || text.contains(" #")
        || text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`',
        ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curly_quotes_around_a_whole_value_are_found() {
        assert_eq!(curly_quoted("“Write clear job descriptions”"), Some("Write clear job descriptions"));
        assert_eq!(curly_quoted("‘Peer’s voice’"), Some("Peer’s voice"));
        assert_eq!(curly_quoted("„Gute Praxis“"), Some("Gute Praxis"));
        assert_eq!(curly_quoted("The “peer” role"), None);
        assert_eq!(curly_quoted("“Unclosed"), None);
        assert_eq!(curly_quoted("”"), None);
        assert_eq!(curly_quoted("\"Straight\""), None);
        assert!(needs_quotes("Note: this") && !needs_quotes("Plain words"));
    }
}
