//! content/: each file's place (what kind of page it is), its front matter
//! and its body.
//!
//! The result is plain data. Nothing here knows about other files; references
//! between pages are checked by `resolve`, and addresses are made by
//! `guide::address` from the kind, area and slug found here.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use rayon::prelude::*;
use serde_yaml::Value;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::load::fields;
use crate::load::front_matter::{self, SplitError};
use crate::load::parsed::Parsed;
use crate::load::walk;
use crate::load::yaml::{self, Fields};
use crate::text::slug::MAX_SLUG;
use crate::text::slugify;

pub const CONTENT_DIR: &str = "content";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Home,
    /// `practices/_index.md`, `tips/_index.md`, `checklists/_index.md`: the introduction of a list page.
    Section,
    Area,
    Practice,
    Tip,
    Checklist,
    Page,
}

impl Kind {
    pub const ALL: &'static [Kind] =
        &[Kind::Home, Kind::Section, Kind::Area, Kind::Practice, Kind::Tip, Kind::Checklist, Kind::Page];

    /// One word for it, as in the names of its JSON Schema.
    pub fn id(self) -> &'static str {
        match self {
            Kind::Home => "home",
            Kind::Section => "section",
            Kind::Area => "area",
            Kind::Practice => "practice",
            Kind::Tip => "tip",
            Kind::Checklist => "checklist",
            Kind::Page => "page",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Kind::Home => "the home page",
            Kind::Section => "a section page",
            Kind::Area => "a practice area",
            Kind::Practice => "a practice",
            Kind::Tip => "a tip",
            Kind::Checklist => "a checklist",
            Kind::Page => "a page",
        }
    }

    /// The front matter a new file of this kind starts with.
    pub fn example(self) -> &'static str {
        match self {
            Kind::Home | Kind::Section | Kind::Page => "title: About this guide\n",
            Kind::Area => "title: Supervision\nsummary: One sentence on what the practices of this area achieve.\n",
            Kind::Practice => {
                "title: Hold regular supervision\nsummary: One sentence that says what this is and why.\naudience: [supervisors]\n"
            }
            Kind::Tip => "title: Start small\napplies_to: [supervision]\n",
            Kind::Checklist => "title: Self-assessment\nsummary: Tick what is already in place.\n",
        }
    }
}

/// A change to a page that matters to its readers, as its editor noted it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub date: NaiveDate,
    pub note: String,
}

/// One content file, as written.
#[derive(Debug, Clone)]
pub struct Doc {
    pub kind: Kind,
    /// Relative to the site root, e.g. `content/practices/supervision/ongoing.md`.
    pub file: PathBuf,
    /// Relative to content/, with `/` separators, e.g. `practices/supervision/ongoing.md`.
    pub content_path: String,
    pub slug: String,
    /// The area's slug, for areas and practices.
    pub area: Option<String>,
    /// For a plain page in a sub-folder of content/, the folders' slugs.
    pub folders: Vec<String>,
    pub title: String,
    pub summary: Option<String>,
    pub weight: i64,
    pub draft: bool,
    pub audience: Vec<String>,
    pub tags: Vec<String>,
    pub related: Vec<String>,
    pub source: Vec<String>,
    pub applies_to: Vec<String>,
    /// Addresses the page had before (`aliases:`), as written.
    pub aliases: Vec<String>,
    /// File line of each front-matter key, for messages about its value.
    pub key_lines: HashMap<String, usize>,
    /// The line of the file the Markdown body starts on.
    pub body_line: usize,
    /// The file could not be read or parsed; it stands in so links to it do not
    /// add a second, misleading error. A build with such a doc always fails.
    pub failed: bool,
    /// For a translation (`about.es.md`), its language; `content_path`, kind
    /// and slug are then the source file's (`about.md`).
    pub lang: Option<String>,
    /// A translation's record of the source text it was brought up to date
    /// with (`source_hash:`), to tell when the source changed since.
    pub source_hash: Option<String>,
    /// When an editor last checked the page is still right (`reviewed:`).
    pub reviewed: Option<NaiveDate>,
    /// When it should be checked next (`next_review:`), if the page says so.
    pub next_review: Option<NaiveDate>,
    /// `changes:`, as written (newest first or not).
    pub changes: Vec<Change>,
    /// The date of the last commit that changed the file, when the guide is
    /// in a git repository (set by `load`, not read from the file).
    pub updated: Option<NaiveDate>,
}

/// A content file as read: what it is, and its Markdown body.
#[derive(Debug, Clone)]
pub struct ContentFile {
    pub doc: Doc,
    pub body: String,
}

impl Doc {
    /// A doc at its place, with nothing read from its front matter yet.
    fn unread(kind: Kind, file: PathBuf, content_path: String, place: &Place, lang: Option<String>) -> Doc {
        Doc {
            kind,
            file,
            content_path,
            slug: place.slug.clone(),
            area: place.area.clone(),
            folders: place.folders.clone(),
            title: String::new(),
            summary: None,
            weight: 0,
            draft: false,
            audience: Vec::new(),
            tags: Vec::new(),
            related: Vec::new(),
            source: Vec::new(),
            applies_to: Vec::new(),
            aliases: Vec::new(),
            key_lines: HashMap::new(),
            body_line: 1,
            failed: true,
            lang,
            source_hash: None,
            reviewed: None,
            next_review: None,
            changes: Vec::new(),
            updated: None,
        }
    }

    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines.get(key).copied().unwrap_or(1)
    }
}

/// Every content file under `root/content/`, in a stable order, and the
/// content paths of the drafts left out (unless asked for). A file named
/// `x.<code>.md`, for a code of `languages`, is the translation of `x.md`.
pub fn load(
    root: &Path,
    rules: &walk::Rules,
    include_drafts: bool,
    languages: &[String],
    parsed: Option<&Parsed>,
    diags: &mut Diagnostics,
) -> (Vec<ContentFile>, Vec<String>) {
    let content = root.join(CONTENT_DIR);
    if !content.is_dir() {
        diags.push(
            Diagnostic::error(Code::Misplaced, CONTENT_DIR, 0, "there is no content/ folder")
                .with_help("create content/_index.md for the home page, or start with `practica init DIR`"),
        );
        return (Vec::new(), Vec::new());
    }
    let files: Vec<PathBuf> = walk::files(root, &content, rules, diags)
        .into_iter()
        .filter(|f| f.rel.ends_with(".md"))
        .map(|f| f.path)
        .collect();
    let results: Vec<(Option<ContentFile>, Vec<Diagnostic>)> =
        files.par_iter().map(|p| load_file(root, &content, p, languages, parsed)).collect();
    let mut sources = Vec::with_capacity(results.len());
    let mut drafts = Vec::new();
    for (source, found) in results {
        diags.extend(found);
        match source {
            // A draft translation leaves its source's page as it is.
            Some(s) if s.doc.draft && !include_drafts && s.doc.lang.is_some() => {}
            Some(s) if s.doc.draft && !include_drafts => drafts.push(s.doc.content_path),
            Some(s) => sources.push(s),
            None => {}
        }
    }
    (sources, drafts)
}

/// What a content file at `content_path` (`practices/a/x.md`) would be by
/// its place alone, unread: enough to know its address.
pub fn unread_at(content_path: &str) -> Option<Doc> {
    let parts: Vec<String> = content_path.split('/').map(String::from).collect();
    let place = place(&parts).ok()?;
    let file = Path::new(CONTENT_DIR).join(content_path);
    Some(Doc::unread(place.kind, file, content_path.to_string(), &place, None))
}

/// Where a file sits decides what it is.
struct Place {
    kind: Kind,
    slug: String,
    area: Option<String>,
    folders: Vec<String>,
}

fn place(parts: &[String]) -> Result<Place, String> {
    let stem = |s: &str| s.strip_suffix(".md").unwrap_or(s).to_string();
    let parts: Vec<&str> = parts.iter().map(String::as_str).collect();
    let p = |kind, slug: String, area: Option<String>| Ok(Place { kind, slug, area, folders: Vec::new() });
    match parts.as_slice() {
        ["_index.md"] => p(Kind::Home, String::new(), None),
        ["practices", "_index.md"] => p(Kind::Section, "practices".into(), None),
        ["tips", "_index.md"] => p(Kind::Section, "tips".into(), None),
        ["checklists", "_index.md"] => p(Kind::Section, "checklists".into(), None),
        ["practices", area, "_index.md"] => {
            let a = slugify(area);
            p(Kind::Area, a.clone(), Some(a))
        }
        ["practices", area, file] => p(Kind::Practice, slugify(&stem(file)), Some(slugify(area))),
        ["practices", _] => Err("a practice must sit in an area folder: content/practices/<area>/<practice>.md".into()),
        ["tips", file] => p(Kind::Tip, slugify(&stem(file)), None),
        ["checklists", file] => p(Kind::Checklist, slugify(&stem(file)), None),
        ["practices" | "tips" | "checklists", ..] => {
            Err("this folder is nested too deeply: practices/<area>/<practice>.md, tips/<tip>.md, checklists/<checklist>.md".into())
        }
        [.., last] if *last == "_index.md" => Err("only the home page and practice areas use _index.md here".into()),
        _ => {
            let folders = parts[..parts.len() - 1].iter().map(|s| slugify(s)).collect();
            Ok(Place { kind: Kind::Page, slug: slugify(&stem(parts[parts.len() - 1])), area: None, folders })
        }
    }
}

fn load_file(
    root: &Path,
    content: &Path,
    path: &Path,
    languages: &[String],
    parsed: Option<&Parsed>,
) -> (Option<ContentFile>, Vec<Diagnostic>) {
    let read = match parsed {
        Some(cache) => match std::fs::read(path) {
            Ok(bytes) => {
                return cache.get_or_parse(path, bytes, languages, |bytes| {
                    load_bytes(root, content, path, languages, || Ok(bytes))
                });
            }
            Err(e) => Err(e),
        },
        None => std::fs::read(path),
    };
    load_bytes(root, content, path, languages, || read)
}

fn load_bytes(
    root: &Path,
    content: &Path,
    path: &Path,
    languages: &[String],
    read: impl FnOnce() -> std::io::Result<Vec<u8>>,
) -> (Option<ContentFile>, Vec<Diagnostic>) {
    let file = walk::relative(root, path);
    let mut parts: Vec<String> = path
        .strip_prefix(content)
        .unwrap_or(path)
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    let lang = translation_of(&mut parts, languages);
    let (doc, diags) = parse(file, &parts, lang, read);
    let source = doc.map(|d| d.unwrap_or_else(|doc| ContentFile { doc, body: String::new() }));
    (source, diags)
}

/// A content file from its bytes, as if it were at `content/<content_path>`.
pub fn from_bytes(content_path: &str, languages: &[String], bytes: Vec<u8>) -> (Option<ContentFile>, Vec<Diagnostic>) {
    let mut parts: Vec<String> = content_path.split('/').map(String::from).collect();
    let file = Path::new(CONTENT_DIR).join(content_path);
    let lang = translation_of(&mut parts, languages);
    let (doc, diags) = parse(file, &parts, lang, || Ok(bytes));
    (doc.map(|d| d.unwrap_or_else(|doc| ContentFile { doc, body: String::new() })), diags)
}

/// The language of a translated file (`x.es.md`), whose name in `parts`
/// becomes its source's (`x.md`).
fn translation_of(parts: &mut [String], languages: &[String]) -> Option<String> {
    let last = parts.last_mut()?;
    let (stem, code) = last.strip_suffix(".md")?.rsplit_once('.')?;
    let code = languages.iter().find(|l| *l == code)?.clone();
    *last = format!("{stem}.md");
    Some(code)
}

/// `Err` carries a stand-in for a file whose text could not be used.
#[allow(clippy::type_complexity)]
fn parse(
    file: PathBuf,
    parts: &[String],
    lang: Option<String>,
    read: impl FnOnce() -> std::io::Result<Vec<u8>>,
) -> (Option<Result<ContentFile, Doc>>, Vec<Diagnostic>) {
    let content_path = parts.join("/");
    let place = match place(parts) {
        Ok(p) => p,
        Err(msg) => {
            return (
                None,
                vec![
                    Diagnostic::error(Code::Misplaced, &file, 0, "practica does not know where to publish this file")
                        .with_help(msg),
                ],
            );
        }
    };
    let segments = place.folders.iter().chain(place.area.iter()).chain(std::iter::once(&place.slug));
    if let Some(long) = segments.into_iter().find(|s| s.len() > MAX_SLUG) {
        let d = Diagnostic::error(
            Code::NameTooLong,
            &file,
            0,
            format!("this file or folder name makes an address part of {} characters", long.len()),
        )
        .with_help(format!("rename it to under {MAX_SLUG} characters; the title can stay long"));
        return (None, vec![d]);
    }
    let stub = Doc::unread(place.kind, file.clone(), content_path, &place, lang.clone());
    let bytes = match read() {
        Ok(b) => b,
        Err(e) => {
            return (
                Some(Err(stub)),
                vec![Diagnostic::error(Code::Unreadable, &file, 0, format!("this file cannot be read: {e}"))],
            );
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
            let col = at - bytes[..at].iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1) + 1;
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(Code::Unreadable, &file, line, "this file is not UTF-8 text")
                        .at_column(col)
                        .with_help("save it as UTF-8 in your editor (often \"Save with encoding\")"),
                ],
            );
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text = if text.contains('\r') { text.replace("\r\n", "\n").replace('\r', "\n") } else { text.to_string() };
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(SplitError::Unclosed) => {
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(Code::FrontMatterUnclosed, &file, 1, "the front matter is never closed")
                        .with_help("add a line with just --- after the last front-matter line"),
                ],
            );
        }
    };
    let mut diags = Vec::new();
    // A file with no front matter at all gets one message that shows the
    // block to start it with, not one per missing key.
    if !text.starts_with("---") && !matches!(place.kind, Kind::Home | Kind::Section) {
        let d = Diagnostic::error(
            Code::MissingField,
            &file,
            1,
            format!("this file has no front matter; {} starts with a block like this", place.kind.name()),
        )
        .with_help(format!("put these lines at the very top of the file:\n---\n{}---", place.kind.example()));
        return (Some(Err(stub)), vec![d]);
    }
    let value = if split.yaml.trim().is_empty() {
        Value::Mapping(Default::default())
    } else {
        match yaml::parse(split.yaml, &file, split.yaml_line, Code::FrontMatterSyntax) {
            Ok(v) => v,
            Err(d) => return (Some(Err(stub)), vec![d]),
        }
    };
    let empty = serde_yaml::Mapping::new();
    let map = match &value {
        Value::Mapping(m) => m,
        Value::Null => &empty,
        _ => {
            return (
                Some(Err(stub)),
                vec![
                    Diagnostic::error(
                        Code::FrontMatterSyntax,
                        &file,
                        split.yaml_line,
                        "the front matter must be `key: value` lines",
                    )
                    .with_help("e.g. title: Regular supervision"),
                ],
            );
        }
    };
    let kind = place.kind;
    let mut f = Fields::new(map, split.yaml, &file, split.yaml_line);
    let (form, whose) = match lang {
        // A translation is often a copy of its page with the words changed, so
        // it may keep the page's other keys; resolve checks they still agree.
        Some(_) => (fields::File::Translation(kind), "the front matter of a translation of"),
        None => (fields::File::FrontMatter(kind), "the front matter of"),
    };
    let described = form.fields();
    let keys: Vec<&str> = described.iter().map(|d| d.name).collect();
    f.check_keys(&keys, &format!("{whose} {}", kind.name()), Code::UnknownKey);
    let what = capitalise(kind.name());
    let got = fields::read::read(&mut f, fields::FRONT_MATTER, &described, Some(kind), Some(&what));
    let tags = got.list("tags");
    for tag in &tags {
        if let Some(d) = crate::load::config::too_long(tag, &slugify(tag), "a tag", &file, f.line_of("tags")) {
            f.diagnostics.push(d);
        }
    }
    let changes = changes(&mut f, form);
    let key_lines = map
        .keys()
        .map(|k| {
            let name = yaml::key_name(k);
            let line = f.line_of(&name);
            (name, line)
        })
        .collect();
    diags.extend(f.take_diagnostics());
    let doc = Doc {
        title: got.text_or_default("title"),
        summary: got.text("summary"),
        weight: got.int_or_default("weight"),
        draft: got.bool("draft"),
        audience: got.list("audience"),
        tags,
        related: got.list("related"),
        source: got.list("source"),
        applies_to: got.list("applies_to"),
        aliases: got.list("aliases"),
        key_lines,
        body_line: split.body_line,
        failed: false,
        source_hash: got.text("source_hash"),
        reviewed: got.date("reviewed"),
        next_review: got.date("next_review"),
        changes,
        ..stub
    };
    // CommonMark asks for U+0000 to become U+FFFD; pulldown-cmark passes it
    // through, and a NUL in a page is an HTML parse error.
    let body = split.body.replace('\0', "\u{fffd}");
    (Some(Ok(ContentFile { doc, body })), diags)
}

/// `changes:`, a list of `{date, note}`.
fn changes(f: &mut Fields, form: fields::File) -> Vec<Change> {
    let Some(items) = f.sequence("changes") else { return Vec::new() };
    let line = f.line_of("changes");
    let mut out = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Value::Mapping(m) = item else {
            f.diagnostics.push(
                Diagnostic::error(Code::WrongType, f.file(), line + i + 1, "each change must give its date and a note")
                    .with_help("write it as - {date: 2026-03-01, note: Added guidance on billing codes.}"),
            );
            continue;
        };
        let mut cf = f.nested(m, line + i);
        cf.check_keys(&fields::keys(fields::CHANGE, form), "a change", Code::UnknownKey);
        let date = cf.date("date");
        let note = cf.string("note").map(|n| n.trim().to_string()).filter(|n| !n.is_empty());
        if note.is_none() && cf.get("note").is_none() {
            cf.diagnostics.push(
                Diagnostic::error(Code::MissingField, f.file(), line + i + 1, "this change has no `note`")
                    .with_help("say what changed for readers: note: Added guidance on billing codes."),
            );
        }
        if date.is_none() && cf.get("date").is_none() {
            cf.diagnostics.push(
                Diagnostic::error(Code::MissingField, f.file(), line + i + 1, "this change has no `date`")
                    .with_help("add the day it was made: date: 2026-03-01"),
            );
        }
        f.diagnostics.append(cf.take_diagnostics());
        if let (Some(date), Some(note)) = (date, note) {
            out.push(Change { date, note });
        }
    }
    out
}

fn capitalise(s: &str) -> String {
    let s = s.strip_prefix("a ").or_else(|| s.strip_prefix("the ")).unwrap_or(s);
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(p: &str) -> Vec<String> {
        p.split('/').map(String::from).collect()
    }

    #[test]
    fn places() {
        let pl = place(&parts("practices/Role Clarity/Écrire.md")).unwrap();
        assert_eq!(pl.kind, Kind::Practice);
        assert_eq!((pl.area.as_deref(), pl.slug.as_str()), (Some("role-clarity"), "ecrire"));
        assert_eq!(place(&parts("about.md")).unwrap().slug, "about");
        let nested = place(&parts("guides/a b.md")).unwrap();
        assert_eq!((nested.folders, nested.slug), (vec!["guides".to_string()], "a-b".to_string()));
        assert!(place(&parts("practices/x.md")).is_err());
        assert!(place(&parts("tips/a/b.md")).is_err());
    }
}
