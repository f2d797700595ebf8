//! One error type for everything a user can get wrong.
//!
//! Editors are not programmers: every problem names the file, the line and the
//! column, says what is wrong in plain words, and where possible says how to fix
//! it. Diagnostics are collected, not thrown, so one build reports every problem
//! it found instead of stopping at the first.

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Stable codes, documented in README's editor's guide. Never renumber one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    /// guide.yaml cannot be read or is not valid YAML.
    ConfigSyntax,
    /// guide.yaml has a key practica does not know.
    ConfigUnknownKey,
    /// guide.yaml has a value of the wrong kind or a missing required value.
    ConfigValue,
    /// A content file is not valid UTF-8 or cannot be read.
    Unreadable,
    /// Front matter is missing its closing `---` line.
    FrontMatterUnclosed,
    /// Front matter is not valid YAML.
    FrontMatterSyntax,
    /// Front matter has a key this kind of page does not take.
    UnknownKey,
    /// A required front-matter field is missing or empty.
    MissingField,
    /// A front-matter value has the wrong type.
    WrongType,
    /// A link points to a content file that does not exist.
    BrokenLink,
    /// A link's #anchor names no heading on the target page.
    BrokenAnchor,
    /// `related`, `applies_to`, `source` or `audience` names something that does not exist.
    UnknownReference,
    /// Two files would be written to the same URL.
    DuplicateUrl,
    /// A template cannot be parsed or fails to render.
    Template,
    /// A content file sits where practica does not expect one.
    Misplaced,
    /// A link or image points to a file missing from static/.
    MissingStatic,
    /// The output folder cannot be written.
    Output,
    /// Warning: an image has no alt text.
    MissingAlt,
    /// Warning: a link uses plain http://.
    InsecureLink,
    /// Warning: a heading skips a level (## then ####).
    HeadingSkip,
    /// Warning: a practice's summary is longer than 200 characters.
    LongSummary,
    /// Warning: a practice area has no practices.
    EmptyArea,
    /// Warning: a checklist has no `- [ ]` items.
    EmptyChecklist,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::ConfigSyntax => "P0101",
            Code::ConfigUnknownKey => "P0102",
            Code::ConfigValue => "P0103",
            Code::Unreadable => "P0201",
            Code::FrontMatterUnclosed => "P0202",
            Code::FrontMatterSyntax => "P0203",
            Code::UnknownKey => "P0204",
            Code::MissingField => "P0205",
            Code::WrongType => "P0206",
            Code::Misplaced => "P0207",
            Code::BrokenLink => "P0301",
            Code::BrokenAnchor => "P0302",
            Code::UnknownReference => "P0303",
            Code::DuplicateUrl => "P0304",
            Code::MissingStatic => "P0305",
            Code::Template => "P0401",
            Code::Output => "P0501",
            Code::MissingAlt => "P0306",
            Code::InsecureLink => "P0307",
            Code::HeadingSkip => "P0208",
            Code::LongSummary => "P0209",
            Code::EmptyArea => "P0210",
            Code::EmptyChecklist => "P0211",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub code: Code,
    /// Path as the user should see it: relative to the site root where possible.
    pub file: PathBuf,
    /// 1-based; 0 when the problem is about the whole file.
    pub line: usize,
    /// 1-based; 0 when unknown.
    pub column: usize,
    pub message: String,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: Code, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line,
            column: if line > 0 { 1 } else { 0 },
            message: message.into(),
            help: None,
        }
    }

    pub fn warning(code: Code, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, line, message) }
    }

    pub fn at_column(mut self, column: usize) -> Self {
        self.column = column.max(1);
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        self.help = help;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col`, the form editors and terminals recognise.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.column) {
            (0, _) => file.to_string(),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        }
    }

    fn sort_key(&self) -> (&Path, usize, usize) {
        (&self.file, self.line, self.column)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]: {}\n  --> {}", self.severity.as_str(), self.code.as_str(), self.message, self.location())?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Sorts by file and line, and drops exact repeats.
pub fn sort(diagnostics: &mut Vec<Diagnostic>) {
    diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.severity.cmp(&b.severity)));
    diagnostics.dedup();
}

/// Renders diagnostics the way rustc does, quoting the offending source line.
/// `root` is where relative paths are read from to quote the line.
pub fn render_text(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    // Each file is read once: a file with thousands of problems was read, and
    // its lines counted, once per problem.
    let mut files: HashMap<PathBuf, Option<Vec<String>>> = HashMap::new();
    for d in diagnostics {
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let source_line = if d.line > 0 {
            let lines = files.entry(root.join(&d.file)).or_insert_with_key(|p| read_lines(p));
            lines.as_ref().and_then(|l| l.get(d.line - 1)).cloned()
        } else {
            None
        };
        let path = d.file.display().to_string();
        let title = level.primary_title(d.message.as_str()).id(d.code.as_str());
        let mut group = match &source_line {
            Some(text) => {
                let col = floor_char_boundary(text, d.column.saturating_sub(1).min(text.len()));
                let end = span_end(text, col).max((col + 1).min(text.len()));
                let end = floor_char_boundary(text, end).max(col);
                title.element(
                    Snippet::source(text.as_str())
                        .line_start(d.line)
                        .path(path.as_str())
                        .annotation(AnnotationKind::Primary.span(col..end)),
                )
            }
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        if let Some(help) = &d.help {
            group = group.element(Level::HELP.message(help.as_str()));
        }
        let report: &[Group] = &[group];
        out.push_str(&renderer.render(report));
        out.push_str("\n\n");
    }
    out
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The lines of a file as they are quoted in messages.
fn read_lines(path: &Path) -> Option<Vec<String>> {
    let bytes = std::fs::read(path).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    // Lines are counted as content/ and guide.yaml count them: a lone CR ends one too.
    let lines = text.split('\n').flat_map(|l| l.strip_suffix('\r').unwrap_or(l).split('\r')).map(|l| {
        // Long lines (minified or generated) would flood the terminal.
        if l.len() > 200 { l[..floor_char_boundary(l, 200)].to_string() } else { l.to_string() }
    });
    Some(lines.collect())
}

/// One JSON object per line, for CI systems.
pub fn render_json(diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let obj = serde_json::json!({
            "severity": d.severity.as_str(),
            "code": d.code.as_str(),
            "message": d.message,
            "file": d.file.display().to_string(),
            "line": d.line,
            "column": d.column,
            "help": d.help,
        });
        out.push_str(&obj.to_string());
        out.push('\n');
    }
    out
}

/// The nearest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word_l = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word_l, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Where the caret under the source line stops: the end of a Markdown link or
/// image starting at `col` (`[text](dest)`), else the end of the word.
fn span_end(text: &str, col: usize) -> usize {
    let rest = &text[col..];
    if rest.strip_prefix('!').unwrap_or(rest).starts_with('[')
        && let Some(close) = rest.find("](")
        && let Some(paren) = rest[close..].find(')')
    {
        return col + close + paren + 1;
    }
    rest.find(char::is_whitespace).map_or(text.len(), |n| col + n)
}

/// "did you mean `x`?" or a list of what is allowed.
pub fn suggest(word: &str, candidates: &[&str]) -> String {
    match nearest(word, candidates.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None if candidates.is_empty() => "there is nothing of that kind defined yet".to_string(),
        None if candidates.len() <= 12 => {
            format!("known values are: {}", candidates.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", "))
        }
        None => format!("there are {} known values; check the spelling", candidates.len()),
    }
}
