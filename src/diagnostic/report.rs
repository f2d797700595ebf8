//! Diagnostics as people and CI systems read them: rustc's look with the
//! source line quoted, or one JSON object per line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Diagnostic, Severity};

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
            Severity::Note => Level::NOTE,
        };
        let source_line = if d.line > 0 {
            let lines = files.entry(root.join(&d.file)).or_insert_with_key(|p| read_lines(p));
            lines.as_ref().and_then(|l| l.get(d.line - 1)).cloned()
        } else {
            None
        };
        let path = d.file.display().to_string();
        let location = d.location();
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
            None => title.element(annotate_snippets::Origin::path(location.as_str())),
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
