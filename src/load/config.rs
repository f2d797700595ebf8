//! guide.yaml: the site's settings, read once at the start of every build.
//!
//! Read field by field (see `yaml`), so that every mistake is reported with
//! its line, not just the first one serde would stop at.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_yaml::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::yaml::{self, Fields};
use crate::text::slug::MAX_SLUG;
use crate::text::slugify;

pub const FILE_NAME: &str = "guide.yaml";

const KEYS: &[&str] = &[
    "title",
    "description",
    "base_url",
    "language",
    "theme",
    "paper",
    "audiences",
    "sources",
    "handouts",
    "allow_outside_symlinks",
    "unsafe_html",
    "languages",
    "offline_download",
    "review_every",
    "feedback",
];
const SOURCE_KEYS: &[&str] = &["title", "publisher", "year", "url", "note"];
const BUNDLE_KEYS: &[&str] = &["name", "title", "subtitle", "event", "date", "paper", "include"];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Paper {
    #[default]
    Letter,
    A4,
}

impl Paper {
    /// As written in guide.yaml and in the names of the paper stylesheets.
    pub fn name(self) -> &'static str {
        match self {
            Paper::Letter => "letter",
            Paper::A4 => "a4",
        }
    }

    fn parse(s: &str) -> Option<Paper> {
        match s.to_ascii_lowercase().as_str() {
            "letter" => Some(Paper::Letter),
            "a4" => Some(Paper::A4),
            _ => None,
        }
    }
}

/// Another language of the guide: its code (`es`) and its name in itself (`Español`).
#[derive(Debug, Clone, Serialize)]
pub struct Language {
    pub code: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Audience {
    pub key: String,
    pub label: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Source {
    pub key: String,
    pub title: String,
    pub publisher: Option<String>,
    pub year: Option<String>,
    pub url: Option<String>,
    pub note: Option<String>,
}

/// One entry of a bundle's `include:` list, with its line for error messages.
#[derive(Debug, Clone)]
pub struct Included {
    pub path: String,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Bundle {
    pub name: String,
    pub title: String,
    pub subtitle: Option<String>,
    pub event: Option<String>,
    pub date: Option<String>,
    pub paper: Paper,
    pub include: Vec<Included>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct Config {
    /// Symlinks in the guide may lead outside its folder (off unless asked for).
    pub allow_outside_symlinks: bool,
    /// Raw HTML in Markdown may hold scripts, frames and event handlers.
    pub unsafe_html: bool,
    /// A build also publishes the offline edition as one zip file.
    pub offline_download: bool,
    /// Months between reviews of a page (`review_every:`), when the guide sets it.
    pub review_every: Option<u32>,
    /// Where readers' feedback on a page goes.
    pub feedback: Option<Feedback>,
    pub title: String,
    pub description: String,
    pub base_url: String,
    pub language: String,
    /// The guide's other languages, each published under `/<code>/`.
    pub languages: Vec<Language>,
    pub theme: String,
    pub paper: Paper,
    pub audiences: Vec<Audience>,
    /// guide.yaml lists `audiences:`; without the list any key is accepted.
    pub audiences_declared: bool,
    pub sources: Vec<Source>,
    pub handouts: Vec<Bundle>,
    /// guide.yaml as the user should see it in messages.
    pub file: PathBuf,
}

impl Config {
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.key == key)
    }

    pub fn audience(&self, key: &str) -> Option<&Audience> {
        self.audiences.iter().find(|a| a.key == key)
    }
}

/// Reads `root/guide.yaml`, reporting every problem found, not just the first.
/// `None` when it has errors.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let file = PathBuf::from(FILE_NAME);
    let bytes = match crate::load::walk::read_file(&root.join(FILE_NAME)) {
        Ok(b) => b,
        Err(e) => {
            let help = if e.kind() == std::io::ErrorKind::NotFound {
                format!(
                    "run practica in a guide's folder, pass --root DIR, or start a new guide with `practica init DIR` (looked in {})",
                    root.display()
                )
            } else {
                e.to_string()
            };
            diags.push(Diagnostic::error(Code::ConfigSyntax, &file, 0, "guide.yaml cannot be read").with_help(help));
            return None;
        }
    };
    let Ok(text) = String::from_utf8(bytes) else {
        diags.push(
            Diagnostic::error(Code::ConfigSyntax, &file, 0, "guide.yaml is not UTF-8 text")
                .with_help("save the file as UTF-8 in your editor"),
        );
        return None;
    };
    // Old Mac files end lines with a lone CR, which YAML reads as a line break too.
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).replace("\r\n", "\n").replace('\r', "\n");
    parse(&text, &file, diags)
}

pub fn parse(text: &str, file: &Path, diags: &mut Diagnostics) -> Option<Config> {
    let value = match yaml::parse(text, file, 1, Code::ConfigSyntax) {
        Ok(v) => v,
        Err(d) => {
            diags.push(d);
            return None;
        }
    };
    let empty = serde_yaml::Mapping::new();
    let map = match &value {
        Value::Mapping(m) => m,
        Value::Null => &empty,
        _ => {
            diags.push(
                Diagnostic::error(Code::ConfigSyntax, file, 1, "guide.yaml must be a set of `key: value` lines")
                    .with_help("start with a line such as: title: My guide"),
            );
            return None;
        }
    };
    let mut f = Fields::new(map, text, file, 1);
    f.check_keys(KEYS, "guide.yaml", Code::ConfigUnknownKey);
    let title = match f.string("title") {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            f.diagnostics.push(
                Diagnostic::error(Code::ConfigValue, file, 1, "guide.yaml has no `title`")
                    .with_help("add a line such as: title: Growing and Sustaining the Peer Workforce"),
            );
            String::new()
        }
    };
    let description = f.string("description").unwrap_or_default();
    let base_url = f.string("base_url").unwrap_or_else(|| "/".to_string());
    if let Some(d) = check_base_url(&base_url, "base_url: ", file, f.line_of("base_url")) {
        f.diagnostics.push(d);
    }
    let language = f.string("language").unwrap_or_else(|| "en".to_string());
    let languages = read_languages(&mut f, &language);
    let theme = f.string("theme").unwrap_or_else(|| "default".to_string());
    if theme.is_empty() || theme.starts_with('.') || theme.contains(['/', '\\']) {
        let line = f.line_of("theme");
        f.diagnostics.push(
            Diagnostic::error(Code::ConfigValue, file, line, format!("`theme` must be a folder name, not `{theme}`"))
                .with_help("name a folder of themes/, e.g. theme: default"),
        );
    }
    let paper = read_paper(&mut f, "paper").unwrap_or_default();
    let allow_outside_symlinks = f.bool("allow_outside_symlinks").unwrap_or(false);
    let unsafe_html = f.bool("unsafe_html").unwrap_or(false);
    let offline_download = f.bool("offline_download").unwrap_or(false);
    let review_every = read_review_every(&mut f);
    let feedback = read_feedback(&mut f, file);

    let mut audiences = Vec::new();
    let audiences_declared = f.get("audiences").is_some();
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
            sf.check_keys(SOURCE_KEYS, &format!("source `{key}`"), Code::ConfigUnknownKey);
            let title = sf.string("title").unwrap_or_else(|| {
                sf.diagnostics.push(
                    Diagnostic::error(Code::ConfigValue, file, key_line, format!("source `{key}` has no `title`"))
                        .with_help("add the document's full title under it: title: ..."),
                );
                String::new()
            });
            let url = sf.string("url").filter(|u| {
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
                publisher: sf.string("publisher"),
                year: sf.string("year"),
                url,
                note: sf.string("note"),
            });
            f.diagnostics.append(sf.take_diagnostics());
        }
    }

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
            bf.check_keys(BUNDLE_KEYS, "a handout bundle", Code::ConfigUnknownKey);
            let name = bf.string("name").unwrap_or_default();
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
            let title = bf.string("title").unwrap_or_else(|| name.clone());
            let paper = read_paper(&mut bf, "paper").unwrap_or(paper);
            let include_line = bf.line_of("include");
            let mut include = Vec::new();
            let mut entry_from = include_line;
            for (i, p) in bf.string_list("include").into_iter().enumerate() {
                let line = find_entry_line(&lines, entry_from, &p).unwrap_or(include_line + i + 1);
                entry_from = line;
                include.push(Included { path: p, line });
            }
            handouts.push(Bundle {
                name,
                title,
                subtitle: bf.string("subtitle"),
                event: bf.string("event"),
                date: bf.string("date"),
                paper,
                include,
                line: item_line,
            });
            f.diagnostics.append(bf.take_diagnostics());
        }
    }

    let found = f.take_diagnostics();
    let failed = found.has_errors();
    diags.append(found);
    if failed {
        return None;
    }
    Some(Config {
        allow_outside_symlinks,
        unsafe_html,
        offline_download,
        review_every,
        feedback,
        title,
        description,
        base_url,
        language,
        languages,
        theme,
        paper,
        audiences,
        audiences_declared,
        sources,
        handouts,
        file: file.to_path_buf(),
    })
}

/// `languages:`, a map of language codes to their names. A code becomes the
/// folder of that edition (`/es/`) and the suffix of translated files
/// (`about.es.md`), so it must look like a language tag.
fn read_languages(f: &mut Fields, default: &str) -> Vec<Language> {
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

fn read_paper(f: &mut Fields, key: &str) -> Option<Paper> {
    let s = f.string(key)?;
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

/// Where readers' feedback goes: an email address, or the address of a form
/// or issue tracker with `{url}`, `{title}` and `{answer}` to fill in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Feedback {
    Mail(String),
    Url(String),
}

fn read_review_every(f: &mut Fields) -> Option<u32> {
    let months = f.int("review_every")?;
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

fn read_feedback(f: &mut Fields, file: &Path) -> Option<Feedback> {
    let value = f.string("feedback")?.trim().to_string();
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
fn scheme(url: &str) -> Option<String> {
    let url: String =
        url.trim_start_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
    let end = url.find([':', '/', '?', '#'])?;
    let s = &url[..end];
    (url[end..].starts_with(':') && s.starts_with(|c: char| c.is_ascii_alphabetic())).then(|| s.to_ascii_lowercase())
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

#[cfg(test)]
mod tests {
    use super::*;

    fn errs(text: &str) -> Vec<Diagnostic> {
        let mut diags = Diagnostics::new();
        assert!(parse(text, Path::new("guide.yaml"), &mut diags).is_none());
        diags.into_iter().collect()
    }

    #[test]
    fn unknown_key_names_line_and_nearest() {
        let e = errs("title: T\ndescriptoin: x\n");
        assert_eq!(e[0].line, 2);
        assert!(e[0].message.contains("descriptoin"));
        assert_eq!(e[0].help.as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn nested_source_key_is_checked() {
        let e = errs("title: T\nsources:\n  a:\n    title: A\n    yaer: 2020\n");
        assert_eq!(e[0].line, 5, "{e:?}");
        assert!(e[0].help.as_deref().unwrap().contains("year"));
    }

    #[test]
    fn bundle_include_lines() {
        let c = parse(
            "title: T\nhandouts:\n  - name: a\n    title: A\n    include:\n      - practices/x\n      - tips/y\n",
            Path::new("guide.yaml"),
            &mut Diagnostics::new(),
        )
        .unwrap();
        assert_eq!(c.handouts[0].include[1].line, 7);
        assert_eq!(c.handouts[0].line, 3);
    }

    #[test]
    fn bad_paper() {
        let e = errs("title: T\npaper: legal\n");
        assert!(e[0].message.contains("legal"));
        assert_eq!(e[0].line, 2);
    }
}
