//! Diagnostics as people and CI systems read them: rustc's look with the
//! source line quoted, or one JSON object per line.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::printable::{printable, printed_len};
use super::{Diagnostic, Severity};

/// How many problems of one code the text report shows; the rest are
/// counted. A guide with 100,000 broken links printed 36 MB; `--format json`
/// still lists every one.
pub const SHOWN_PER_CODE: usize = 20;

/// Renders diagnostics the way rustc does, quoting the offending source line.
/// `root` is where relative paths are read from to quote the line. Shows the
/// first [`SHOWN_PER_CODE`] problems of each code and counts the rest.
pub fn render_text(diagnostics: &[Diagnostic], root: &Path, color: bool) -> String {
    let renderer = if color { Renderer::styled() } else { Renderer::plain() };
    let mut out = String::new();
    // Each file is read once: a file with thousands of problems was read, and
    // its lines counted, once per problem.
    let mut files: HashMap<PathBuf, Option<Vec<String>>> = HashMap::new();
    let mut shown: BTreeMap<(Severity, &'static str), (usize, usize)> = BTreeMap::new();
    for d in diagnostics {
        let count = shown.entry((d.severity, d.code.as_str())).or_default();
        if count.0 == SHOWN_PER_CODE {
            count.1 += 1;
            continue;
        }
        count.0 += 1;
        let level = match d.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Note => Level::NOTE,
        };
        let source_line = if d.line > 0 {
            let lines = files.entry(root.join(&d.file)).or_insert_with_key(|p| read_lines(p));
            lines.as_ref().and_then(|l| l.get(d.line - 1)).cloned()
        } else {
            None
        };
        // Names and values from the guide reach the terminal: nothing in them may act on it.
        let path = printable(&d.file.display().to_string(), false).into_owned();
        let location = printable(&d.location(), false).into_owned();
        let message = printable(&d.message, true);
        let title = level.primary_title(message.as_ref()).id(d.code.as_str());
        // The quoted line made printable, and the caret's span in it.
        let quoted = source_line.map(|text| {
            let col = floor_char_boundary(&text, d.column.saturating_sub(1).min(text.len()));
            let end = span_end(&text, col).max((col + 1).min(text.len()));
            let end = floor_char_boundary(&text, end).max(col);
            let span = printed_len(&text, col, true)..printed_len(&text, end, true);
            (printable(&text, true).into_owned(), span)
        });
        let mut group = match &quoted {
            Some((text, span)) => title.element(
                Snippet::source(text.as_str())
                    .line_start(d.line)
                    .path(path.as_str())
                    .annotation(AnnotationKind::Primary.span(span.clone())),
            ),
            None => title.element(annotate_snippets::Origin::path(location.as_str())),
        };
        let help = d.help.as_deref().map(|h| printable(h, true));
        if let Some(help) = &help {
            group = group.element(Level::HELP.message(help.as_ref()));
        }
        let report: &[Group] = &[group];
        out.push_str(&renderer.render(report));
        out.push_str("\n\n");
    }
    for ((severity, code), (_, hidden)) in shown.into_iter().filter(|(_, (_, hidden))| *hidden > 0) {
        let kind = severity.as_str();
        out.push_str(&format!(
            "... and {} more {kind}{} like these ({code}); `practica check --format json` lists every one\n\n",
            thousands(hidden),
            if hidden == 1 { "" } else { "s" },
        ));
    }
    out
}

/// `99980` → `99,980`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
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
