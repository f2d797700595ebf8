//! The theme: templates, static files and the words of the interface, with
//! the site's own files first.
//!
//! The default theme is compiled into the binary (see build.rs), so a guide
//! made with `practica init` builds without a copy of it. A folder
//! `themes/<name>/` in the site replaces the built-in theme file by file, and
//! the site's templates/, static/ and strings/ folders replace the theme's.
//! Templates are found by walking these folders, so a designer can add a
//! partial and include it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::walk;

include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));

/// A file of the built-in theme by its path under themes/default/ (`static/css/practica.css`).
pub fn builtin(path: &str) -> Option<&'static [u8]> {
    DEFAULT_THEME.iter().find(|(n, _)| *n == path).map(|(_, b)| *b)
}

/// Every file of the built-in theme, for `practica theme copy`.
pub fn builtin_files() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    DEFAULT_THEME.iter().copied()
}

/// A template's text and the file it came from, for error messages.
pub struct TemplateSource {
    pub name: String,
    pub text: String,
    pub file: PathBuf,
}

/// One file to copy into the output: where its bytes come from.
#[derive(Debug, Clone)]
pub enum StaticFile {
    Builtin(&'static [u8]),
    Disk(PathBuf),
}

/// The theme's files for one build.
pub struct Theme {
    pub templates: Vec<TemplateSource>,
    /// Static files by site path (`css/practica.css`); the site's win over the theme's.
    pub statics: BTreeMap<String, StaticFile>,
    /// The interface's words in each of the guide's languages (its own
    /// first), each with the words of the guide's language under any it lacks.
    pub strings: Vec<Words>,
}

/// The interface's words in one language.
pub struct Words {
    pub language: String,
    pub words: BTreeMap<String, String>,
    /// Keys the language's own strings files lack (reported by `check`), with
    /// the language their words are borrowed from.
    pub borrowed: BTreeMap<String, String>,
}

/// The folders the theme is read from, most important first.
struct Folders {
    site: PathBuf,
    theme: PathBuf,
}

impl Folders {
    fn new(root: &Path, theme: &str) -> Folders {
        Folders { site: root.to_path_buf(), theme: root.join("themes").join(theme) }
    }
}

/// The theme for a guide in `languages` (its own language first).
pub fn load(
    root: &Path,
    rules: &walk::Rules,
    theme: &str,
    languages: &[String],
    diags: &mut Diagnostics,
) -> Option<Theme> {
    let folders = Folders::new(root, theme);
    if theme != "default" && !folders.theme.is_dir() {
        diags.push(
            Diagnostic::error(
                Code::ConfigValue,
                "guide.yaml",
                1,
                format!("the theme `{theme}` is not in themes/{theme}/"),
            )
            .with_help("use theme: default, or add the theme's folder"),
        );
        return None;
    }
    let templates = templates(root, rules, &folders, diags);
    let statics = statics(root, rules, &folders, diags);
    let mut strings: Vec<Words> = Vec::new();
    for language in languages {
        let (own, lines) = language_strings(root, rules, &folders, language, diags);
        // Under the guide's own language lie the built-in English words; under
        // another language, the words of the guide's own.
        let (base, base_from) = match strings.first() {
            Some(first) => (first.words.clone(), Some(first)),
            None if language == "en" => (BTreeMap::new(), None),
            None => (language_strings(root, rules, &folders, "en", diags).0, None),
        };
        missing_forms(language, &own, &base, &lines, diags);
        let borrowed = base
            .keys()
            .filter(|k| !own.contains_key(*k))
            .map(|k| {
                let from = base_from.map_or("en", |f| f.borrowed.get(k).unwrap_or(&f.language));
                (k.clone(), from.to_string())
            })
            .collect();
        let mut words = base;
        words.extend(own);
        strings.push(Words { language: language.clone(), words, borrowed });
    }
    Some(Theme { templates, statics, strings })
}

/// Templates by name: the built-in ones, then the theme folder's, then the site's.
fn templates(root: &Path, rules: &walk::Rules, folders: &Folders, diags: &mut Diagnostics) -> Vec<TemplateSource> {
    let mut by_name: BTreeMap<String, TemplateSource> = BTreeMap::new();
    for (name, bytes) in DEFAULT_THEME.iter().filter_map(|(n, b)| Some((n.strip_prefix("templates/")?, *b))) {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let file = PathBuf::from(format!("(built-in theme)/templates/{name}"));
        by_name.insert(name.to_string(), TemplateSource { name: name.to_string(), text, file });
    }
    for dir in [folders.theme.join("templates"), folders.site.join("templates")] {
        for f in walk::files(root, &dir, rules, diags) {
            match std::fs::read_to_string(&f.path) {
                Ok(text) => {
                    let file = walk::relative(root, &f.path);
                    by_name.insert(f.rel.clone(), TemplateSource { name: f.rel, text, file });
                }
                Err(e) => diags.push(Diagnostic::error(
                    Code::Template,
                    walk::relative(root, &f.path),
                    0,
                    format!("this template cannot be read: {e}"),
                )),
            }
        }
    }
    by_name.into_values().collect()
}

fn statics(
    root: &Path,
    rules: &walk::Rules,
    folders: &Folders,
    diags: &mut Diagnostics,
) -> BTreeMap<String, StaticFile> {
    let mut map: BTreeMap<String, StaticFile> = DEFAULT_THEME
        .iter()
        .filter_map(|(n, b)| Some((n.strip_prefix("static/")?.to_string(), StaticFile::Builtin(b))))
        .collect();
    for dir in [folders.theme.join("static"), folders.site.join("static")] {
        for f in walk::files(root, &dir, rules, diags) {
            map.insert(f.rel, StaticFile::Disk(f.path));
        }
    }
    map
}

/// The words the strings files give for `language`: the built-in theme's
/// strings/<language>.yaml, then the theme folder's and the site's, each
/// replacing the words it has.
fn language_strings(
    root: &Path,
    rules: &walk::Rules,
    folders: &Folders,
    language: &str,
    diags: &mut Diagnostics,
) -> (BTreeMap<String, String>, Lines) {
    let name = format!("strings/{language}.yaml");
    let mut out = builtin_strings(&name).cloned().unwrap_or_default();
    let mut lines = Lines::new();
    for dir in [&folders.theme, &folders.site] {
        let path = dir.join(&name);
        if let Some(bytes) = walk::read_one(root, &path, rules, diags) {
            let text = String::from_utf8_lossy(&bytes);
            read_strings(&text, &walk::relative(root, &path), &mut out, &mut lines, diags);
        }
    }
    (out, lines)
}

/// Where a guide's own strings files give each key: file and line.
type Lines = BTreeMap<String, (PathBuf, usize)>;

/// Warnings for counted words a language's own strings give without every
/// plural form its counts take (Russian 3 and 5 need `_few` and `_many`):
/// those counts show the `_other` form. A form the language never uses is
/// left alone, as the browser's script leaves it. The built-in theme's files
/// are tested to be whole, so only the guide's files are reported.
fn missing_forms(
    language: &str,
    own: &BTreeMap<String, String>,
    base: &BTreeMap<String, String>,
    lines: &Lines,
    diags: &mut Diagnostics,
) {
    let needed = crate::text::plural::Plurals::new(language).needed();
    for (stem, (file, line)) in counted_words(own, base, lines) {
        let missing: Vec<&str> = needed.iter().copied().filter(|f| !own.contains_key(&format!("{stem}_{f}"))).collect();
        if missing.is_empty() {
            continue;
        }
        let forms: Vec<String> = missing.iter().map(|f| format!("`_{f}`")).collect();
        let forms = match forms.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
            None => continue,
        };
        let examples: Vec<String> = missing.iter().map(|f| format!("{stem}_{f}: \"...\"")).collect();
        diags.push(
            Diagnostic::warning(
                Code::MissingPluralForm,
                file,
                line,
                format!("{language} needs {forms} for `{stem}`; until then those counts show the `_other` form"),
            )
            .with_help(format!("add {}", examples.join(", "))),
        );
    }
}

/// The counted words the guide's files give in a language, each with the
/// file and line of its first form there: stems of `<stem>_other` keys that
/// have another plural form here or in the words underneath (so
/// `js_import_other`, a word of its own, is not one).
fn counted_words(
    own: &BTreeMap<String, String>,
    base: &BTreeMap<String, String>,
    lines: &Lines,
) -> BTreeMap<String, (PathBuf, usize)> {
    use crate::text::plural::FORMS;
    let has = |stem: &str, f: &str| {
        let key = format!("{stem}_{f}");
        own.contains_key(&key) || base.contains_key(&key)
    };
    let mut out: BTreeMap<String, (PathBuf, usize)> = BTreeMap::new();
    for (key, (file, line)) in lines {
        let Some(stem) = FORMS.iter().find_map(|f| key.strip_suffix(f)?.strip_suffix('_')) else { continue };
        if !has(stem, "other") || !FORMS[..5].iter().any(|f| has(stem, f)) {
            continue;
        }
        let at = out.entry(stem.to_string()).or_insert_with(|| (file.clone(), *line));
        if (file, *line) < (&at.0, at.1) {
            *at = (file.clone(), *line);
        }
    }
    out
}

/// The built-in theme's words in a language (`strings/<code>.yaml`), read
/// once: the preview reads the theme again on every save.
fn builtin_strings(name: &str) -> Option<&'static BTreeMap<String, String>> {
    static READ: std::sync::OnceLock<Vec<(&'static str, BTreeMap<String, String>)>> = std::sync::OnceLock::new();
    let all = READ.get_or_init(|| {
        let files = DEFAULT_THEME.iter().filter(|(n, _)| n.starts_with("strings/") && n.ends_with(".yaml"));
        files
            .map(|(n, bytes)| {
                let mut words = BTreeMap::new();
                // Each file is tested to read cleanly (the test below); a
                // mistake there is a bug of practica's, not the guide's.
                let text = String::from_utf8_lossy(bytes);
                read_strings(
                    &text,
                    &Path::new("(built-in theme)").join(n),
                    &mut words,
                    &mut Lines::new(),
                    &mut Diagnostics::new(),
                );
                (*n, words)
            })
            .collect()
    });
    all.iter().find(|(n, _)| *n == name).map(|(_, w)| w)
}

fn read_strings(
    text: &str,
    file: &Path,
    out: &mut BTreeMap<String, String>,
    lines: &mut Lines,
    diags: &mut Diagnostics,
) {
    let value = match crate::load::yaml::parse(text, file, 1, Code::Strings) {
        Ok(v) => v,
        Err(d) => return diags.push(d),
    };
    let serde_yaml::Value::Mapping(map) = value else {
        return diags.push(
            Diagnostic::error(Code::Strings, file, 1, "a strings file must be `key: text` lines")
                .with_help("e.g. print_handout: Print handout"),
        );
    };
    let fields = crate::load::yaml::Fields::new(&map, text, file, 1);
    for (k, v) in &map {
        let key = crate::load::yaml::key_name(k);
        match v {
            serde_yaml::Value::String(s) => {
                lines.insert(key.clone(), (file.to_path_buf(), fields.line_of(&key)));
                out.insert(key, s.clone());
            }
            _ => diags.push(
                Diagnostic::error(Code::Strings, file, fields.line_of(&key), format!("`{key}` must be text"))
                    .with_help(format!("write it on one line: {key}: \"...\"")),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The built-in words are read once and their problems not reported, so
    /// each file must read cleanly, as `key: text` lines.
    #[test]
    fn every_builtin_strings_file_reads_without_problems() {
        let files: Vec<_> = DEFAULT_THEME.iter().filter(|(n, _)| n.starts_with("strings/")).collect();
        assert!(files.len() >= 2, "{files:?}");
        for (name, bytes) in files {
            let mut diags = Diagnostics::new();
            let mut words = BTreeMap::new();
            read_strings(&String::from_utf8_lossy(bytes), Path::new(name), &mut words, &mut Lines::new(), &mut diags);
            assert!(diags.is_empty(), "{name}: {diags:?}");
            assert!(words.len() > 50, "{name}: {} words", words.len());
            assert_eq!(builtin_strings(name), Some(&words), "{name}");
        }
    }

    /// The built-in files' missing forms are never reported (they are not
    /// the guide's), so each must give every form its language's counts take.
    #[test]
    fn every_builtin_strings_file_gives_every_plural_form() {
        let en = builtin_strings("strings/en.yaml").unwrap();
        for (name, _) in DEFAULT_THEME.iter().filter(|(n, _)| n.starts_with("strings/") && n.ends_with(".yaml")) {
            let words = builtin_strings(name).unwrap();
            let language = name.trim_start_matches("strings/").trim_end_matches(".yaml");
            let lines: Lines = words.keys().map(|k| (k.clone(), (PathBuf::from(*name), 1))).collect();
            let mut diags = Diagnostics::new();
            missing_forms(language, words, en, &lines, &mut diags);
            assert!(diags.is_empty(), "{name}: {diags:?}");
        }
    }

    #[test]
    fn a_counted_word_without_the_forms_its_language_needs_is_reported() {
        let en = builtin_strings("strings/en.yaml").unwrap();
        let mut ru = BTreeMap::new();
        let mut lines = Lines::new();
        for (i, key) in ["practice_count_one", "practice_count_few", "practice_count_other", "js_import_other"]
            .into_iter()
            .enumerate()
        {
            ru.insert(key.to_string(), "…".to_string());
            lines.insert(key.to_string(), (PathBuf::from("strings/ru.yaml"), i + 3));
        }
        let mut diags = Diagnostics::new();
        missing_forms("ru", &ru, en, &lines, &mut diags);
        let all: Vec<_> = diags.iter().collect();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].code, all[0].line), (Code::MissingPluralForm, 3));
        assert!(all[0].message.starts_with("ru needs `_many` for `practice_count`"), "{}", all[0].message);
    }
}
