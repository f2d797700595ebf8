//! One error type for everything a user can get wrong.
//!
//! Editors are not programmers: every problem names the file, the line and the
//! column, says what is wrong in plain words, and where possible says how to fix
//! it. Diagnostics are collected, not thrown, so one build reports every problem
//! it found instead of stopping at the first.

mod printable;
mod report;
mod suggest;

use std::fmt;
use std::path::{Path, PathBuf};

pub use printable::printable;
pub use report::{SHOWN_PER_CODE, render_json, render_text};
pub use suggest::{nearest, suggest};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Error,
    Warning,
    /// Not a problem with the build: the state of translations and reviews,
    /// which `check` reports and `build` does not.
    Note,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// Declares the codes once: the enum, the list of all of them and their text.
macro_rules! codes {
    ($($(#[doc = $doc:literal])* $name:ident = $text:literal,)*) => {
        /// Stable codes, documented in docs/reference.md's table (a test keeps the two in
        /// step). Never renumber one.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $name,)*
        }

        impl Code {
            /// Every code the program can report.
            pub const ALL: &[Code] = &[$(Code::$name,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$name => $text,)*
                }
            }
        }
    };
}

codes! {
    /// guide.yaml cannot be read or is not valid YAML.
    ConfigSyntax = "P0101",
    /// guide.yaml has a key practica does not know.
    ConfigUnknownKey = "P0102",
    /// guide.yaml has a value of the wrong kind or a missing required value.
    ConfigValue = "P0103",
    /// A content file is not valid UTF-8 or cannot be read.
    Unreadable = "P0201",
    /// Front matter is missing its closing `---` line.
    FrontMatterUnclosed = "P0202",
    /// Front matter is not valid YAML.
    FrontMatterSyntax = "P0203",
    /// Front matter has a key this kind of page does not take.
    UnknownKey = "P0204",
    /// A required front-matter field is missing or empty.
    MissingField = "P0205",
    /// A front-matter value has the wrong type.
    WrongType = "P0206",
    /// A content file sits where practica does not expect one.
    Misplaced = "P0207",
    /// Warning: a heading skips a level (## then ####).
    HeadingSkip = "P0208",
    /// Warning: a practice's summary is longer than 200 characters.
    LongSummary = "P0209",
    /// Warning: a practice area has no practices.
    EmptyArea = "P0210",
    /// Warning: a checklist has no `- [ ]` items.
    EmptyChecklist = "P0211",
    /// A symlink in the guide leads outside its folder.
    OutsideSite = "P0212",
    /// Raw HTML in Markdown that runs a script or embeds another page.
    UnsafeHtml = "P0213",
    /// A name too long to be part of a web address.
    NameTooLong = "P0214",
    /// Two checklist items of one page have the same id, so they would share answers.
    DuplicateItem = "P0215",
    /// Warning: a line starts with a bullet pasted from Word (`•`, `·`, `▪`,
    /// `❖`, `–`), which Markdown joins to the text above.
    PastedBullet = "P0216",
    /// Warning: a line looks like a checklist item but its box is not one
    /// (`- []`, `-[ ]`, `[ ]`), so it is text and not in the self-assessment.
    NotATask = "P0217",
    /// Warning: a front-matter value is wrapped in curly quotes, which stay in the text.
    CurlyQuotes = "P0218",
    /// Warning: front matter holds a control character, which a web page or
    /// feed cannot carry; it is left out.
    ControlCharacter = "P0219",
    /// Warning: a summary is still the example a new page starts with.
    Placeholder = "P0220",
    /// Note: a page has no translation into one of the guide's languages.
    Untranslated = "P0601",
    /// Note: a translation's source page changed since it was brought up to date.
    StaleTranslation = "P0602",
    /// Note: the theme has no word for a key in one of the guide's languages.
    MissingString = "P0603",
    /// A translation whose source page does not exist.
    OrphanTranslation = "P0604",
    /// Note: a translated checklist item matches no item of its source page.
    UnmatchedItem = "P0605",
    /// A translation gives a value the page it translates decides (audience,
    /// tags, weight, ...) and gives it differently.
    TranslationDisagrees = "P0606",
    /// Note: a page's review is overdue.
    ReviewOverdue = "P0701",
    /// Note: the guide asks for reviews (`review_every`) and a page was never reviewed.
    NeverReviewed = "P0702",
    /// Warning: a page's `reviewed:` date is still to come.
    ReviewedInFuture = "P0703",
    /// A link points to a content file or page address that does not exist.
    BrokenLink = "P0301",
    /// A link's #anchor names no heading on the target page.
    BrokenAnchor = "P0302",
    /// `related`, `applies_to`, `source` or `audience` names something that does not exist.
    UnknownReference = "P0303",
    /// Two files would be written to the same URL.
    DuplicateUrl = "P0304",
    /// An `aliases:` entry is not an address of the guide's site.
    BadAlias = "P0308",
    /// Note: a page renamed in git left its old address leading nowhere.
    MovedPage = "P0309",
    /// A link or image points to a file missing from static/.
    MissingStatic = "P0305",
    /// Warning: an image has no alt text.
    MissingAlt = "P0306",
    /// Warning: a link uses plain http://.
    InsecureLink = "P0307",
    /// A template cannot be parsed or fails to render.
    Template = "P0401",
    /// A strings file (the interface's words) cannot be read or has a wrong value.
    Strings = "P0402",
    /// Warning: a strings file gives a counted word without every plural form
    /// its language's counts take (`_few`, `_many`, ...); those fall back to `_other`.
    MissingPluralForm = "P0403",
    /// The output folder cannot be written.
    Output = "P0501",
    /// Handouts could not be printed to PDF (no Chromium, or it failed).
    Pdf = "P0502",
    /// The search index could not be built.
    SearchIndex = "P0503",
    /// The preview server cannot listen on the address and port asked for.
    Listen = "P0504",
    /// practica refuses to write where it could destroy files it does not own.
    Refused = "P0505",
    /// Warning: a practice's printed handout runs over one page.
    LongHandout = "P0506",
    /// Warning: the guide is in a shallow git clone, so no "Last updated" dates.
    ShallowHistory = "P0507",
    /// Warning: the guide has changes to publish but no host for the feed's addresses.
    FeedWithoutHost = "P0508",
    /// The search index is in shards and the theme's own script would search the first alone.
    ShardsNotMerged = "P0509",
    /// A file name the offline edition's zip cannot hold safely on every system.
    UnsafeName = "P0510",
    /// Warning: a printed contents list's page numbers did not settle.
    UnsettledContents = "P0511",
    /// `build --pdf`: no installed font covers an edition's script.
    MissingFont = "P0512",
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

    pub fn note(code: Code, file: impl Into<PathBuf>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, ..Diagnostic::error(code, file, line, message) }
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
        let (message, location) = (printable(&self.message, true), self.location());
        let location = printable(&location, false);
        write!(f, "{}[{}]: {message}\n  --> {location}", self.severity.as_str(), self.code.as_str())?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {}", printable(help, true))?;
        }
        Ok(())
    }
}

/// The one way stages report: each pushes what it finds here and carries on
/// where it can, so a build reports every problem at once. A stage that cannot
/// produce its value at all returns `None`; the pipeline turns an accumulator
/// holding errors into its `Err`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diagnostics(Vec<Diagnostic>);

impl Diagnostics {
    pub fn new() -> Self {
        Diagnostics(Vec::new())
    }

    pub fn push(&mut self, d: Diagnostic) {
        self.0.push(d);
    }

    pub fn append(&mut self, other: Diagnostics) {
        self.0.extend(other.0);
    }

    pub fn has_errors(&self) -> bool {
        self.0.iter().any(Diagnostic::is_error)
    }

    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Warning).count()
    }

    pub fn notes(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Note).count()
    }

    /// Without the notes, which only `check` shows.
    pub fn without_notes(mut self) -> Diagnostics {
        self.0.retain(|d| d.severity != Severity::Note);
        self
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Diagnostic> {
        self.0.iter()
    }

    pub fn as_slice(&self) -> &[Diagnostic] {
        &self.0
    }

    /// Sorted by file and line, exact repeats dropped.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()).then(a.severity.cmp(&b.severity)));
        self.0.dedup();
    }

    /// `value` and the warnings, or every problem when one is an error.
    pub fn finish<T>(mut self, value: T) -> Result<(T, Diagnostics), Diagnostics> {
        self.sort();
        if self.has_errors() { Err(self) } else { Ok((value, self)) }
    }

    pub fn retain(&mut self, keep: impl FnMut(&Diagnostic) -> bool) {
        self.0.retain(keep);
    }
}

impl From<Diagnostic> for Diagnostics {
    fn from(d: Diagnostic) -> Self {
        Diagnostics(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Diagnostics {
    fn from(v: Vec<Diagnostic>) -> Self {
        Diagnostics(v)
    }
}

impl Extend<Diagnostic> for Diagnostics {
    fn extend<I: IntoIterator<Item = Diagnostic>>(&mut self, iter: I) {
        self.0.extend(iter);
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a> IntoIterator for &'a Diagnostics {
    type Item = &'a Diagnostic;
    type IntoIter = std::slice::Iter<'a, Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}
