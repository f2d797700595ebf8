//! Reading YAML mappings with diagnostics that point at the right line.
//!
//! serde's derive stops at the first problem and its messages speak of Rust
//! types. Editors get one clear message per key instead, so guide.yaml and
//! front matter are read field by field from a parsed mapping.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::path::Path;
use std::rc::Rc;

use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Code, Diagnostic, Diagnostics, suggest};

/// Parses YAML text; `first_line` is the line of the file the text starts on.
pub fn parse(text: &str, file: &Path, first_line: usize, code: Code) -> Result<Value, Diagnostic> {
    if let Some((line, col)) = find_tab_indent(text) {
        return Err(Diagnostic::error(
            code,
            file,
            first_line + line - 1,
            "a tab is used for indentation; YAML allows only spaces",
        )
        .at_column(col)
        .with_help("replace the tab with spaces"));
    }
    if let Some((line, col)) = find_deep_flow(text) {
        return Err(Diagnostic::error(
            code,
            file,
            first_line + line - 1,
            format!("brackets are nested more than {MAX_FLOW_DEPTH} levels deep"),
        )
        .at_column(col)
        .with_help("nothing in a guide nests this deep; write lists on one level, e.g. tags: [one, two]"));
    }
    serde_yaml::from_str::<Value>(text).map_err(|e| {
        let (mut line, mut col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        // At the end of the text the parser can name the line after the last one.
        let last = text.lines().count().max(1);
        if line > last {
            line = last;
            col = text.lines().last().map_or(0, |l| l.chars().count()) + 1;
        }
        let mut message = e.to_string();
        if let Some(i) = message.find(" at line ") {
            message.truncate(i);
        }
        let quoted = [line, line.saturating_sub(1)].into_iter().find_map(|l| apostrophe_in_single_quotes(text, l));
        Diagnostic::error(code, file, first_line + line - 1, format!("this is not valid YAML: {message}"))
            .at_column(col)
            .with_help(quoted.unwrap_or_else(|| {
                "check the indentation and quote values that contain `:` or start with a special character, e.g. title: \"Goals: the first year\"".to_string()
            }))
    })
}

/// When line `line` (1-based) of `text` holds a value in single quotes with an
/// apostrophe inside (`title: 'Don't skip breaks'`), the help for it: the
/// apostrophe ends the quoted text early.
fn apostrophe_in_single_quotes(text: &str, line: usize) -> Option<String> {
    let l = text.lines().nth(line.checked_sub(1)?)?;
    let (key, value) = l.split_once(": '")?;
    let inner = value.trim_end().strip_suffix('\'').unwrap_or(value);
    let bytes = inner.as_bytes();
    let apostrophe = (0..bytes.len())
        .find(|&i| bytes[i] == b'\'' && bytes.get(i + 1) != Some(&b'\'') && (i == 0 || bytes[i - 1] != b'\''))?;
    let word_start = inner[..apostrophe].rfind(' ').map_or(0, |i| i + 1);
    let word_end = inner[apostrophe..].find(' ').map_or(inner.len(), |i| apostrophe + i);
    let fixed = inner.replace("''", "'").replace('"', "\\\"");
    Some(format!(
        "the apostrophe in `{}` ends the single-quoted text early; put the value in double quotes: {}: \"{fixed}\"",
        &inner[word_start..word_end],
        key.trim()
    ))
}

/// YAML's scanner takes time that grows with the square of the nesting of `[`
/// and `{`: 100,000 of them took minutes before the parser's own depth limit
/// could say no. Deeper nesting than this is refused before parsing.
const MAX_FLOW_DEPTH: usize = 64;

/// The line and column of the bracket that opens a level beyond `MAX_FLOW_DEPTH`.
/// Brackets inside quoted values do not count; a quote only opens a value where
/// a value can start, so an apostrophe in plain text does not hide the rest.
fn find_deep_flow(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for (i, line) in text.lines().enumerate() {
        let mut prev = None;
        let mut chars = line.char_indices().peekable();
        while let Some((col, c)) = chars.next() {
            match quote {
                Some('"') if c == '\\' => {
                    chars.next();
                }
                Some('\'') if c == '\'' && chars.peek().is_some_and(|(_, n)| *n == '\'') => {
                    chars.next();
                }
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    '"' | '\'' if prev.is_none_or(|p| matches!(p, ':' | '-' | '[' | '{' | ',' | '?')) => {
                        quote = Some(c)
                    }
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_FLOW_DEPTH {
                            return Some((i + 1, line[..col].chars().count() + 1));
                        }
                    }
                    ']' | '}' => depth = depth.saturating_sub(1),
                    _ => {}
                },
            }
            if !c.is_whitespace() {
                prev = Some(c);
            }
        }
    }
    None
}

fn find_tab_indent(text: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        let indent: String = line.chars().take_while(|c| *c == ' ' || *c == '\t').collect();
        if let Some(p) = indent.find('\t')
            && !line.trim().is_empty()
        {
            return Some((i + 1, p + 1));
        }
    }
    None
}

/// Reads typed fields of one mapping and records a diagnostic for each misfit.
pub struct Fields<'a> {
    map: &'a Mapping,
    /// The text's lines, shared by the nested mappings' fields.
    lines: Rc<Vec<&'a str>>,
    file: &'a Path,
    first_line: usize,
    /// Only lines after this one (0-based, within `text`) belong to this mapping.
    scope_start: usize,
    /// Indentation of this mapping's keys.
    indent: usize,
    pub diagnostics: Diagnostics,
    /// Known keys that an unknown key looked like a typo of: a missing
    /// required key is then already explained, and not reported twice.
    typo_of: Vec<String>,
    /// The line of each key of this mapping, found in one pass on first use:
    /// looking each key up in the text again made many keys quadratic.
    key_lines: OnceCell<HashMap<String, usize>>,
}

impl<'a> Fields<'a> {
    pub fn new(map: &'a Mapping, text: &'a str, file: &'a Path, first_line: usize) -> Self {
        Fields {
            map,
            lines: Rc::new(text.lines().collect()),
            file,
            first_line,
            scope_start: 0,
            indent: 0,
            diagnostics: Diagnostics::new(),
            typo_of: Vec::new(),
            key_lines: OnceCell::new(),
        }
    }

    /// A nested mapping found under `key` of this one.
    pub fn nested(&self, map: &'a Mapping, key_line: usize) -> Fields<'a> {
        let rel = key_line.saturating_sub(self.first_line);
        let indent = self
            .lines
            .get(rel + 1..)
            .unwrap_or_default()
            .iter()
            .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'))
            .map_or(self.indent + 2, |l| {
                let t = l.trim_start();
                let lead = l.len() - t.len();
                if let Some(rest) = t.strip_prefix("- ") {
                    lead + 2 + (rest.len() - rest.trim_start().len())
                } else {
                    lead
                }
            });
        Fields {
            map,
            lines: Rc::clone(&self.lines),
            file: self.file,
            first_line: self.first_line,
            scope_start: rel,
            indent,
            diagnostics: Diagnostics::new(),
            typo_of: Vec::new(),
            key_lines: OnceCell::new(),
        }
    }

    pub fn file(&self) -> &'a Path {
        self.file
    }

    /// The file line of `key`, or of the mapping's start when it cannot be found.
    pub fn line_of(&self, key: &str) -> usize {
        self.key_lines().get(key).copied().unwrap_or(self.first_line + self.scope_start)
    }

    /// The keys written at this mapping's indentation, from its first line to
    /// the line that goes back out of it.
    fn key_lines(&self) -> &HashMap<String, usize> {
        self.key_lines.get_or_init(|| {
            let mut map = HashMap::new();
            for (i, line) in self.lines.iter().enumerate().skip(self.scope_start) {
                let t = line.trim_start();
                if t.is_empty() || t.starts_with('#') {
                    continue;
                }
                let lead = line.len() - t.len();
                let (t, lead) = match t.strip_prefix("- ") {
                    Some(rest) => (rest.trim_start(), lead + 2 + (rest.len() - rest.trim_start().len())),
                    None => (t, lead),
                };
                if i > self.scope_start && lead < self.indent {
                    break;
                }
                if lead != self.indent {
                    continue;
                }
                let t = t.trim_start_matches(['"', '\'']);
                for (colon, _) in t.match_indices(':') {
                    let key = t[..colon].trim_end().trim_end_matches(['"', '\'']);
                    map.entry(key.to_string()).or_insert(self.first_line + i);
                }
            }
            map
        })
    }

    fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Flags every key not in `allowed`, suggesting the nearest one.
    pub fn check_keys(&mut self, allowed: &[&str], what: &str, code: Code) {
        let mut unknown = Vec::new();
        for k in self.map.keys() {
            let name = key_name(k);
            if !allowed.contains(&name.as_str()) {
                unknown.push(name);
            }
        }
        for name in unknown {
            if let Some(n) = crate::diagnostic::nearest(&name, allowed.iter().copied()) {
                self.typo_of.push(n.to_string());
            }
            let line = self.line_of(&name);
            let help = suggest(&name, allowed);
            let col = self.indent + 1;
            self.push(
                Diagnostic::error(code, self.file, line, format!("unknown key `{name}` in {what}"))
                    .at_column(col)
                    .with_help(help),
            );
        }
    }

    pub fn get(&self, key: &str) -> Option<&'a Value> {
        self.map.get(key).filter(|v| !v.is_null())
    }

    fn wrong_type(&mut self, key: &str, expected: &str, help: String) {
        let line = self.line_of(key);
        let col = self.indent + 1;
        self.push(
            Diagnostic::error(Code::WrongType, self.file, line, format!("`{key}` must be {expected}"))
                .at_column(col)
                .with_help(help),
        );
    }

    pub fn string(&mut self, key: &str) -> Option<String> {
        match self.get(key)? {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            _ => {
                self.wrong_type(key, "text", format!("write it on one line, e.g. {key}: \"...\""));
                None
            }
        }
    }

    pub fn required_string(&mut self, key: &str, what: &str, example: &str) -> String {
        let wrong_type = self.get(key).is_some_and(|v| matches!(v, Value::Sequence(_) | Value::Mapping(_)));
        match self.string(key) {
            Some(s) if !s.trim().is_empty() => s,
            _ if wrong_type || self.typo_of.iter().any(|t| t == key) => String::new(),
            _ => {
                let line = if self.map.contains_key(key) { self.line_of(key) } else { self.first_line.max(1) };
                self.push(
                    Diagnostic::error(Code::MissingField, self.file, line, format!("{what} has no `{key}`"))
                        .with_help(format!("add a line to the front matter, e.g. {key}: {example}")),
                );
                String::new()
            }
        }
    }

    pub fn string_list(&mut self, key: &str) -> Vec<String> {
        match self.get(key) {
            None => Vec::new(),
            Some(Value::Sequence(items)) => {
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    match item {
                        Value::String(s) => out.push(s.clone()),
                        Value::Number(n) => out.push(n.to_string()),
                        _ => {
                            self.wrong_type(
                                key,
                                "a list of words",
                                format!("write each entry as text, e.g. {key}: [one, two]"),
                            );
                            return out;
                        }
                    }
                }
                out
            }
            Some(Value::String(s)) => {
                let s = s.clone();
                self.wrong_type(key, "a list", format!("put the value in brackets: {key}: [{s}]"));
                vec![s]
            }
            Some(_) => {
                self.wrong_type(key, "a list", format!("write it as a list, e.g. {key}: [one, two]"));
                Vec::new()
            }
        }
    }

    /// A single string or a list of them (used where one or several are natural, like `source`).
    pub fn one_or_many(&mut self, key: &str) -> Vec<String> {
        match self.get(key) {
            Some(Value::String(s)) => vec![s.clone()],
            _ => self.string_list(key),
        }
    }

    /// A calendar date written `2026-03-01`.
    pub fn date(&mut self, key: &str) -> Option<chrono::NaiveDate> {
        let text = match self.get(key)? {
            Value::String(s) => s.trim().to_string(),
            _ => String::new(),
        };
        match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(d) if text.len() == 10 => Some(d),
            _ => {
                self.wrong_type(key, "a date written year-month-day", format!("e.g. {key}: 2026-03-01"));
                None
            }
        }
    }

    pub fn int(&mut self, key: &str) -> Option<i64> {
        match self.get(key)? {
            Value::Number(n) if n.as_i64().is_some() => n.as_i64(),
            _ => {
                self.wrong_type(key, "a whole number", format!("e.g. {key}: 10"));
                None
            }
        }
    }

    pub fn bool(&mut self, key: &str) -> Option<bool> {
        match self.get(key)? {
            Value::Bool(b) => Some(*b),
            _ => {
                self.wrong_type(key, "true or false", format!("e.g. {key}: true"));
                None
            }
        }
    }

    pub fn mapping(&mut self, key: &str) -> Option<&'a Mapping> {
        match self.get(key)? {
            Value::Mapping(m) => Some(m),
            _ => {
                self.wrong_type(key, "a set of `key: value` lines", format!("indent the entries under {key}:"));
                None
            }
        }
    }

    pub fn sequence(&mut self, key: &str) -> Option<&'a [Value]> {
        match self.get(key)? {
            Value::Sequence(s) => Some(s),
            _ => {
                self.wrong_type(key, "a list", format!("start each entry under {key}: with `- `"));
                None
            }
        }
    }

    pub fn take_diagnostics(&mut self) -> Diagnostics {
        std::mem::take(&mut self.diagnostics)
    }
}

/// The first line (1-based) of `text` that holds `needle`.
pub fn find_line(text: &str, needle: &str) -> Option<usize> {
    text.lines().position(|l| l.contains(needle)).map(|i| i + 1)
}

pub fn key_name(k: &Value) -> String {
    match k {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => "(complex key)".to_string(),
    }
}
