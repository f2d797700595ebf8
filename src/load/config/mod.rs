//! guide.yaml: the site's settings, read once at the start of every build.
//!
//! Read field by field (see `yaml`), so that every mistake is reported with
//! its line, not just the first one serde would stop at.

mod checks;
mod parts;

use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_yaml::Value;

pub use checks::{Feedback, check_base_url, too_long};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::fields;
use crate::load::yaml::{self, Fields};

pub const FILE_NAME: &str = "guide.yaml";

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

    pub(super) fn parse(s: &str) -> Option<Paper> {
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
    /// Who publishes the guide (`publisher:`), for the handouts' covers.
    pub publisher: Option<String>,
    /// The guide's edition (`edition:`), for the handouts' covers.
    pub edition: Option<String>,
    pub base_url: String,
    pub language: String,
    /// The guide's other languages, each published under `/<code>/`.
    pub languages: Vec<Language>,
    /// Languages guide.yaml says are written right to left, besides those
    /// practica knows (`text::direction`).
    pub right_to_left: Vec<String>,
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
    let described = fields::File::Guide.fields();
    f.check_keys(&fields::File::Guide.keys(), "guide.yaml", Code::ConfigUnknownKey);
    let got = fields::read::read(&mut f, fields::GUIDE, &described, None, None);
    let title = match got.text("title") {
        Some(t) if !t.trim().is_empty() => t,
        _ => {
            let example = fields::field(fields::GUIDE, "title").example;
            f.diagnostics.push(
                Diagnostic::error(Code::ConfigValue, file, 1, "guide.yaml has no `title`")
                    .with_help(format!("add a line such as: title: {example}")),
            );
            String::new()
        }
    };
    let base_url = got.text_or_default("base_url");
    if let Some(d) = check_base_url(&base_url, "base_url: ", file, f.line_of("base_url")) {
        f.diagnostics.push(d);
    }
    let language = got.text_or_default("language");
    let theme = got.text_or_default("theme");
    if theme.is_empty() || theme.starts_with('.') || theme.contains(['/', '\\']) {
        let line = f.line_of("theme");
        f.diagnostics.push(
            Diagnostic::error(Code::ConfigValue, file, line, format!("`theme` must be a folder name, not `{theme}`"))
                .with_help("name a folder of themes/, e.g. theme: default"),
        );
    }
    let paper = checks::paper(&mut f, got.text("paper"), "paper").unwrap_or_default();
    let publisher = checks::cover_line(&mut f, got.text("publisher"), "publisher");
    let edition = checks::cover_line(&mut f, got.text("edition"), "edition");
    let review_every = checks::review_every(&mut f, got.int("review_every"));
    let feedback = checks::feedback(&mut f, got.text("feedback"));
    let languages = parts::languages(&mut f, &language);
    let right_to_left = parts::right_to_left(&mut f, got.list("right_to_left"), &language, &languages);
    let audiences_declared = f.get("audiences").is_some();
    let audiences = parts::audiences(&mut f);
    let sources = parts::sources(&mut f);
    let handouts = parts::handouts(&mut f, text, paper);

    let found = f.take_diagnostics();
    let failed = found.has_errors();
    diags.append(found);
    if failed {
        return None;
    }
    Some(Config {
        allow_outside_symlinks: got.bool("allow_outside_symlinks"),
        unsafe_html: got.bool("unsafe_html"),
        offline_download: got.bool("offline_download"),
        review_every,
        feedback,
        title,
        description: got.text_or_default("description"),
        publisher,
        edition,
        base_url,
        language,
        languages,
        right_to_left,
        theme,
        paper,
        audiences,
        audiences_declared,
        sources,
        handouts,
        file: file.to_path_buf(),
    })
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
    fn right_to_left_lists_only_the_guides_languages() {
        let e = errs("title: T\nlanguages:\n  ar: العربية\n  ku: Kurdî\nright_to_left: [ku, ckb]\n");
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].line, 5);
        assert_eq!(e[0].message, "`ckb` in right_to_left is not one of the guide's languages");
        assert_eq!(e[0].help.as_deref(), Some("list codes of `language:` or `languages:` (en, ar, ku)"));
        let mut diags = Diagnostics::new();
        let c = parse("title: T\nlanguages:\n  ku: Kurdî\nright_to_left: [ku]\n", Path::new("guide.yaml"), &mut diags);
        assert_eq!(c.map(|c| c.right_to_left), Some(vec!["ku".to_string()]));
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
