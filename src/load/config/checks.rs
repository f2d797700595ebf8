//! The checks of guide.yaml's values that go beyond their types: addresses,
//! paper sizes, review intervals, names that become parts of addresses.

use std::path::Path;

use super::Paper;
use crate::diagnostic::{Code, Diagnostic};
use crate::load::yaml::Fields;
use crate::text::slug::MAX_SLUG;

/// A name that becomes part of a web address and a file name, over the length
/// file systems take, as a diagnostic at its line.
pub fn too_long(name: &str, slug: &str, what: &str, file: &Path, line: usize) -> Option<Diagnostic> {
    (slug.len() > MAX_SLUG).then(|| {
        Diagnostic::error(
            Code::NameTooLong,
            file,
            line,
            format!("{what} of {} characters is too long for a web address", name.chars().count()),
        )
        .with_help(format!(
            "keep it under {MAX_SLUG} characters: it becomes part of page addresses and file names; \
             a short key can still have a long label"
        ))
    })
}

/// `paper:` of guide.yaml or of a bundle, as read.
pub(super) fn paper(f: &mut Fields, value: Option<String>, key: &str) -> Option<Paper> {
    let s = value?;
    match Paper::parse(&s) {
        Some(p) => Some(p),
        None => {
            let line = f.line_of(key);
            f.diagnostics.push(
                Diagnostic::error(
                    Code::ConfigValue,
                    f.file(),
                    line,
                    format!("`{key}` must be letter or a4, not `{s}`"),
                )
                .with_help(format!("{key}: letter (US) or {key}: a4")),
            );
            None
        }
    }
}

/// The longest `publisher:` or `edition:`: a cover gives each one line or two.
const COVER_LINE_MAX: usize = 120;

/// `publisher:` or `edition:` of guide.yaml: words for a cover, short and not blank.
pub(super) fn cover_line(f: &mut Fields, value: Option<String>, key: &str) -> Option<String> {
    let s = value?;
    let trimmed = s.trim();
    let chars = trimmed.chars().count();
    let problem = if trimmed.is_empty() {
        format!("`{key}` is empty")
    } else if chars > COVER_LINE_MAX {
        format!("`{key}` is {chars} characters long")
    } else {
        return Some(trimmed.to_string());
    };
    let example = crate::load::fields::field(crate::load::fields::GUIDE, key).example;
    let line = f.line_of(key);
    f.diagnostics.push(
        Diagnostic::error(Code::ConfigValue, f.file(), line, problem).with_help(format!(
            "the covers print it on a line of their own: write at most {COVER_LINE_MAX} characters, e.g. {key}: {example}, or leave the key out"
        )),
    );
    None
}

/// Where readers' feedback goes: an email address, or the address of a form
/// or issue tracker with `{url}`, `{title}` and `{answer}` to fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    Mail(String),
    Url(String),
}

pub(super) fn review_every(f: &mut Fields, months: Option<i64>) -> Option<u32> {
    let months = months?;
    if (1..=120).contains(&months) {
        return Some(months as u32);
    }
    let line = f.line_of("review_every");
    f.diagnostics.push(
        Diagnostic::error(Code::ConfigValue, f.file(), line, format!("`review_every` is {months} months"))
            .with_help("give the months between reviews of a page, from 1 to 120: review_every: 12"),
    );
    None
}

pub(super) fn feedback(f: &mut Fields, value: Option<String>) -> Option<Feedback> {
    let value = value?.trim().to_string();
    let file = f.file();
    let line = f.line_of("feedback");
    if let Some(address) = value.strip_prefix("mailto:") {
        if address.contains('@') && !address.contains(['?', ' ']) {
            return Some(Feedback::Mail(address.to_string()));
        }
    } else if (value.starts_with("https://") || value.starts_with("http://")) && !value.contains(' ') {
        return Some(Feedback::Url(value));
    }
    let hint = if value.contains('@') && !value.contains(':') {
        format!("for an email address write feedback: mailto:{value}")
    } else {
        "write feedback: mailto:guide@example.org, or the address of a form with {url} and {title} where the page's address and title go: feedback: https://example.org/form?page={url}&title={title}".to_string()
    };
    f.diagnostics.push(
        Diagnostic::error(
            Code::ConfigValue,
            file,
            line,
            format!("`feedback: {value}` is neither a mailto: address nor a web address"),
        )
        .with_help(hint),
    );
    None
}

/// A base_url must be the full address (`https://host/path/`) or a path from
/// the host's root (`/guides/peer/`). Anything else would silently put the
/// host into every link (`/www.example.org/guides/...`), so it is an error
/// whose help writes the value as it was probably meant. `written` is how the
/// value is set (`base_url: ` or `--base-url `), for the help.
pub fn check_base_url(value: &str, written: &str, file: &Path, line: usize) -> Option<Diagnostic> {
    let v = value.trim();
    if v.is_empty() || v.starts_with('/') && !v.starts_with("//") {
        return None;
    }
    let meant = match scheme(v) {
        Some(s) if s == "http" || s == "https" => {
            let host = v.split_once("://").map(|(_, rest)| rest).unwrap_or("");
            if !host.is_empty() && !host.starts_with('/') {
                return None;
            }
            None
        }
        Some(s)
            if !matches!(s.as_str(), "localhost")
                && !v[s.len() + 1..].chars().all(|c| c.is_ascii_digit() || c == '/') =>
        {
            return Some(
                Diagnostic::error(Code::ConfigValue, file, line, format!("`base_url` cannot be a `{s}:` address"))
                    .with_help(format!(
                        "write the address the guide is published at, e.g. {written}https://example.org/guides/peer/ or {written}/guides/peer/"
                    )),
            );
        }
        _ => {
            let bare = v.trim_start_matches('/');
            let first = bare.split('/').next().unwrap_or("");
            let with_slash = if bare.ends_with('/') { bare.to_string() } else { format!("{bare}/") };
            Some(if first.contains('.') || first.contains(':') || first == "localhost" {
                format!("https://{with_slash}")
            } else {
                format!("/{with_slash}")
            })
        }
    };
    let help = match meant {
        Some(m) => format!(
            "did you mean {written}{m}? It must start with https:// (or http://), or with / for a path on any host"
        ),
        None => format!(
            "write the address with its host, e.g. {written}https://example.org/guides/peer/, or a path: {written}/guides/peer/"
        ),
    };
    Some(
        Diagnostic::error(
            Code::ConfigValue,
            file,
            line,
            format!("`{}` is not a web address practica can link under", value.trim()),
        )
        .with_help(help),
    )
}

/// The scheme of a URL, lower-cased, as a browser reads it: browsers drop tabs
/// and line breaks anywhere and control characters and spaces in front, so
/// `java\tscript:` is `javascript:`. `None` for a relative URL.
pub(super) fn scheme(url: &str) -> Option<String> {
    let url: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = url.find([':', '/', '?', '#'])?;
    let s = &url[..end];
    (url[end..].starts_with(':') && s.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| s.to_ascii_lowercase())
}
