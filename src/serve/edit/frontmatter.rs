//! Changing a file's front matter as text, the way a careful person would:
//! only the lines of the keys whose values change are rewritten. Comments,
//! key order, quoting, blank lines and the body stay byte for byte. A key
//! set to `null` is removed; a new key goes at the end. A list keeps its
//! style (`[a, b]` or one `- item` a line), a text keeps its quotes, and
//! the items of a block list that did not change keep their lines.
//!
//! Never re-serialising the YAML is the point: a parser would drop the
//! comments and normalise the quoting, and every save would be a diff of
//! the whole front matter.

use serde_json::{Map, Value};

/// A top-level key and the lines that hold its value.
struct Entry {
    key: String,
    /// Line indexes: the key's line up to, not including, `end`.
    start: usize,
    end: usize,
}

/// Whether `name` may be written as a key without quotes.
pub fn valid_key(name: &str) -> bool {
    !name.is_empty()
        && name.len() <= 64
        && name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// The key a top-level line starts, if it starts one.
fn key_of(line: &str) -> Option<String> {
    if line.starts_with([' ', '\t', '#', '-']) || line.is_empty() {
        return None;
    }
    let (key, rest) = if let Some(q) = line.strip_prefix('"') {
        let end = q.find('"')?;
        (q[..end].to_string(), &q[end + 1..])
    } else if let Some(q) = line.strip_prefix('\'') {
        let end = q.find('\'')?;
        (q[..end].to_string(), &q[end + 1..])
    } else {
        let colon = line.find(':')?;
        (line[..colon].trim_end().to_string(), &line[colon..])
    };
    let rest = rest.trim_start();
    (rest.starts_with(':') && (rest.len() == 1 || rest[1..].starts_with([' ', '\t']))).then_some(key)
}

/// The top-level entries of `lines`. An entry's lines are its key's and the
/// indented (or `- `) lines after it; blank lines belong to it only when
/// more of its lines follow, and a comment at the margin ends it.
fn entries(lines: &[&str]) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(key) = key_of(lines[i]) else {
            i += 1;
            continue;
        };
        let start = i;
        let mut end = i + 1;
        let mut j = i + 1;
        while j < lines.len() {
            let l = lines[j];
            if l.trim().is_empty() {
                j += 1;
                continue;
            }
            if l.starts_with([' ', '\t']) || l.starts_with("- ") || l == "-" {
                j += 1;
                end = j;
                continue;
            }
            break;
        }
        out.push(Entry { key, start, end });
        i = end;
    }
    out
}

/// What one entry's lines hold, parsed on their own.
fn value_of(lines: &[&str]) -> Option<Value> {
    let text = lines.join("\n");
    let parsed: serde_yaml::Value = serde_yaml::from_str(&text).ok()?;
    let json = serde_json::to_value(parsed).ok()?;
    json.as_object()?.values().next().cloned()
}

/// How the old value was written, to write the new one the same way.
#[derive(Default, Clone, Copy)]
struct Style {
    flow: bool,
    double: bool,
    single: bool,
    /// The indent of block list items (`- ` at 0 or 2 ...).
    indent: usize,
}

fn style_of(lines: &[&str]) -> Style {
    let first = lines.first().copied().unwrap_or_default();
    let after = first.split_once(':').map(|(_, v)| v.trim()).unwrap_or_default();
    let item = lines.iter().skip(1).find(|l| l.trim_start().starts_with('-'));
    Style {
        flow: after.starts_with('[') || after.starts_with('{'),
        double: after.starts_with('"'),
        single: after.starts_with('\''),
        indent: item.map_or(2, |l| l.len() - l.trim_start().len()),
    }
}

/// `s` as YAML, in plain style when it reads back as the same text, else
/// quoted as `style` was (double quotes by default). `flow` for inside `[...]`.
fn scalar(s: &str, style: Style, flow: bool) -> String {
    let plain_ok = !s.is_empty()
        && s.trim() == s
        && !s.contains('\n')
        && !s.starts_with([
            '"', '\'', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '%', '@', '`', ',', '?', '-', ':',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !(flow && s.contains([',', '[', ']', '{', '}']))
        && serde_yaml::from_str::<serde_yaml::Value>(&format!("k: {s}"))
            .ok()
            .and_then(|v| v.get("k").cloned())
            .is_some_and(|v| v == serde_yaml::Value::String(s.to_string()));
    if style.single && !s.contains('\n') {
        return format!("'{}'", s.replace('\'', "''"));
    }
    if plain_ok && !style.double {
        return s.to_string();
    }
    // A JSON string is a YAML double-quoted string.
    Value::String(s.to_string()).to_string()
}

/// A value on one line: a scalar, or a list or mapping in flow style.
fn inline(v: &Value, style: Style, flow: bool) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar(s, style, flow),
        Value::Array(items) => {
            let inner = Style { double: false, single: false, ..style };
            format!("[{}]", items.iter().map(|i| inline(i, inner, true)).collect::<Vec<_>>().join(", "))
        }
        Value::Object(m) => {
            let inner = Style { double: false, single: false, ..style };
            let parts: Vec<String> = m.iter().map(|(k, v)| format!("{k}: {}", inline(v, inner, true))).collect();
            format!("{{{}}}", parts.join(", "))
        }
    }
}

/// One item of a block list: `- value`, a mapping's keys lined up under it.
fn block_item(v: &Value, indent: usize) -> String {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(m) if !m.is_empty() => {
            let mut out = String::new();
            for (n, (k, val)) in m.iter().enumerate() {
                let lead = if n == 0 { format!("{pad}- ") } else { format!("{pad}  ") };
                out.push_str(&format!("{lead}{k}: {}\n", inline(val, Style::default(), false)));
            }
            out
        }
        other => format!("{pad}- {}\n", inline(other, Style::default(), false)),
    }
}

/// The block list items of an entry, each as its lines.
fn items<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let indent = style_of(lines).indent;
    for l in &lines[1..] {
        let starts = l.len() - l.trim_start().len() == indent && l.trim_start().starts_with('-');
        match out.last_mut() {
            Some(item) if !starts => item.push(l),
            _ => out.push(vec![l]),
        }
    }
    out
}

/// The new lines for `key`, given its old lines (if any) and its new value.
fn render(key: &str, old: &[&str], new: &Value) -> String {
    let style = style_of(old);
    let block_list = !old.is_empty() && !style.flow && matches!(new, Value::Array(_)) && old.len() > 1;
    match new {
        Value::Array(list) if block_list || (old.is_empty() && list.iter().any(Value::is_object)) => {
            if list.is_empty() {
                return format!("{key}: []\n");
            }
            let indent = if old.is_empty() { 2 } else { style.indent };
            // Unchanged items keep their lines, comments and all.
            let mut kept: Vec<(Option<Value>, Vec<&str>)> = if old.is_empty() {
                Vec::new()
            } else {
                items(old).into_iter().map(|it| (item_value(&it, indent), it)).collect()
            };
            let mut out = format!("{}\n", old.first().map_or_else(|| format!("{key}:"), |f| f.trim_end().to_string()));
            if !old.is_empty() && !old[0].trim_end().ends_with(':') {
                out = format!("{key}:\n");
            }
            for v in list {
                match kept.iter().position(|(k, _)| k.as_ref() == Some(v)) {
                    Some(i) => {
                        for l in kept.remove(i).1 {
                            out.push_str(l);
                            out.push('\n');
                        }
                    }
                    None => out.push_str(&block_item(v, indent)),
                }
            }
            out
        }
        _ => {
            // A comment after a one-line value stays after the new one.
            let comment = match old {
                [one] => trailing_comment(one),
                _ => "",
            };
            format!("{key}: {}{comment}\n", inline(new, style, false))
        }
    }
}

/// The ` # comment` ending a `key: value` line, spaces before it included.
fn trailing_comment(line: &str) -> &str {
    let Some(colon) = line.find(':') else { return "" };
    let (mut single, mut double, mut escaped) = (false, false, false);
    for (i, c) in line.char_indices().skip_while(|(i, _)| *i <= colon) {
        match c {
            _ if escaped => escaped = false,
            '\\' if double => escaped = true,
            '"' if !single => double = !double,
            '\'' if !double => single = !single,
            '#' if !single && !double && line[..i].ends_with([' ', '\t']) => {
                let start = line[..i].trim_end().len();
                return &line[start..];
            }
            _ => {}
        }
    }
    ""
}

/// The value of one block list item's lines.
fn item_value(lines: &[&str], indent: usize) -> Option<Value> {
    let text: Vec<String> =
        lines.iter().map(|l| l.get(indent.min(l.len())..).unwrap_or_default().to_string()).collect();
    let parsed: serde_yaml::Value = serde_yaml::from_str(&text.join("\n")).ok()?;
    serde_json::to_value(parsed).ok()?.as_array()?.first().cloned()
}

/// Where the field description lists `key` (front matter, then guide.yaml).
fn described_at(key: &str) -> usize {
    use crate::load::fields::{FRONT_MATTER, GUIDE};
    FRONT_MATTER.iter().chain(GUIDE.iter()).position(|f| f.name == key).unwrap_or(usize::MAX)
}

/// The YAML text `yaml` with `changes` made (key → new value, `null` to
/// remove). Keys whose value is unchanged keep their lines.
pub fn apply(yaml: &str, changes: &Map<String, Value>) -> Result<String, String> {
    for k in changes.keys() {
        if !valid_key(k) {
            return Err(format!("`{k}` is not a key a front matter can have"));
        }
    }
    let lines: Vec<&str> = yaml.split_inclusive('\n').map(|l| l.strip_suffix('\n').unwrap_or(l)).collect();
    let found = entries(&lines);
    // Replacements by line index: (start, end, new text).
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut added: Vec<(usize, String)> = Vec::new();
    for (key, new) in changes {
        match found.iter().find(|e| &e.key == key) {
            Some(e) => {
                let old = &lines[e.start..e.end];
                if new.is_null() {
                    edits.push((e.start, e.end, String::new()));
                } else if value_of(old).as_ref() != Some(new) {
                    edits.push((e.start, e.end, render(key, old, new)));
                }
            }
            None if new.is_null() => {}
            None => added.push((described_at(key), render(key, &[], new))),
        }
    }
    edits.sort_by_key(|e| e.0);
    let raw: Vec<&str> = yaml.split_inclusive('\n').collect();
    let mut out = String::with_capacity(yaml.len() + 64);
    let mut i = 0;
    let mut edits = edits.into_iter().peekable();
    while i < raw.len() {
        match edits.next_if(|e| e.0 == i) {
            Some((_, end, text)) => {
                out.push_str(&text);
                i = end;
            }
            None => {
                out.push_str(raw[i]);
                i += 1;
            }
        }
    }
    if !added.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        // New keys in the order the field description lists them.
        added.sort_by_key(|a| a.0);
        for (_, text) in added {
            out.push_str(&text);
        }
    }
    Ok(out)
}

/// A whole file with its front matter changed and, if given, its body
/// replaced. Line endings (`\r\n`) and a byte-order mark are kept.
pub fn edit_file(text: &str, changes: &Map<String, Value>, body: Option<&str>) -> Result<String, String> {
    let bom = text.starts_with('\u{feff}');
    let crlf = text.contains("\r\n");
    let plain = super::read::plain(text);
    let (head, yaml, close, old_body) = match crate::load::front_matter::split(&plain) {
        Ok(s) if plain.starts_with("---") => {
            let y0 = s.yaml.as_ptr() as usize - plain.as_ptr() as usize;
            let y1 = y0 + s.yaml.len();
            let b0 = s.body.as_ptr() as usize - plain.as_ptr() as usize;
            (&plain[..y0], s.yaml, &plain[y1..b0], s.body)
        }
        Ok(_) => ("---\n", "", "---\n", plain.as_str()),
        Err(_) => return Err("the front matter is never closed; add a line with just --- after it, then save".into()),
    };
    let yaml = if changes.is_empty() { yaml.to_string() } else { apply(yaml, changes)? };
    let mut out = String::new();
    if bom {
        out.push('\u{feff}');
    }
    let no_front = !plain.starts_with("---");
    if no_front && yaml.is_empty() {
        out.push_str(body.unwrap_or(old_body));
    } else {
        out.push_str(head);
        out.push_str(&yaml);
        out.push_str(close);
        out.push_str(body.unwrap_or(old_body));
    }
    Ok(if crlf { out.replace("\r\n", "\n").replace('\n', "\r\n") } else { out })
}

/// A whole YAML file (guide.yaml) with `changes` made, its line endings kept.
pub fn edit_yaml(text: &str, changes: &Map<String, Value>) -> Result<String, String> {
    let bom = if text.starts_with('\u{feff}') { "\u{feff}" } else { "" };
    let out = format!("{bom}{}", apply(&super::read::plain(text), changes)?);
    Ok(if text.contains("\r\n") { out.replace('\n', "\r\n") } else { out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const FRONT: &str = concat!(
        "# Kept by the editors; see the style guide.\n",
        "title: 'Regular supervision'   # the short form\n",
        "summary: \"Meet regularly: \\\"often\\\".\"\n",
        "\n",
        "audience: [supervisors, hr]\n",
        "tags:\n",
        "  - supervision   # the main one\n",
        "  - meetings\n",
        "weight: 10\n",
        "changes:\n",
        "  - {date: 2026-01-02, note: First version.}\n",
        "  # the big one\n",
        "  - date: 2026-03-01\n",
        "    note: Rewrote the steps.\n",
        "\n",
        "# review dates\n",
        "reviewed: 2026-03-01\n",
    );

    fn changes(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    /// The lines that differ, old against new, by position.
    fn differing(a: &str, b: &str) -> Vec<(String, String)> {
        let (a, b): (Vec<&str>, Vec<&str>) = (a.lines().collect(), b.lines().collect());
        (0..a.len().max(b.len()))
            .filter(|&i| a.get(i) != b.get(i))
            .map(|i| (a.get(i).unwrap_or(&"").to_string(), b.get(i).unwrap_or(&"").to_string()))
            .collect()
    }

    #[test]
    fn only_the_changed_keys_lines_change_and_quotes_are_kept() {
        let out =
            apply(FRONT, &changes(json!({"title": "Supervision that lasts", "summary": "Meet: every week."}))).unwrap();
        let d = differing(FRONT, &out);
        assert_eq!(
            d,
            [
                (
                    "title: 'Regular supervision'   # the short form".into(),
                    "title: 'Supervision that lasts'   # the short form".into()
                ),
                ("summary: \"Meet regularly: \\\"often\\\".\"".into(), "summary: \"Meet: every week.\"".into())
            ]
        );
    }

    #[test]
    fn unchanged_values_keep_their_lines_even_when_sent() {
        let all = json!({"title": "Regular supervision", "audience": ["supervisors", "hr"], "tags": ["supervision", "meetings"],
            "weight": 10, "reviewed": "2026-03-01",
            "changes": [{"date": "2026-01-02", "note": "First version."}, {"date": "2026-03-01", "note": "Rewrote the steps."}]});
        assert_eq!(apply(FRONT, &changes(all)).unwrap(), FRONT);
    }

    #[test]
    fn null_removes_and_new_keys_go_at_the_end() {
        let out =
            apply(FRONT, &changes(json!({"tags": null, "weight": null, "draft": true, "next_review": "2027-01-15"})))
                .unwrap();
        assert!(!out.contains("tags:") && !out.contains("  - meetings") && !out.contains("weight"));
        assert!(out.ends_with("reviewed: 2026-03-01\ndraft: true\nnext_review: 2027-01-15\n"), "{out}");
        assert!(out.contains("# review dates\n") && out.contains("# Kept by the editors"));
        assert_eq!(apply(FRONT, &changes(json!({"nothing": null}))).unwrap(), FRONT);
    }

    #[test]
    fn lists_keep_their_style_and_their_unchanged_items() {
        let out = apply(FRONT, &changes(json!({"audience": ["hr"], "tags": ["supervision", "meetings", "new: one"]})))
            .unwrap();
        let d = differing(FRONT, &out);
        assert_eq!(d[0], ("audience: [supervisors, hr]".into(), "audience: [hr]".into()));
        assert!(
            out.contains("tags:\n  - supervision   # the main one\n  - meetings\n  - \"new: one\"\nweight"),
            "{out}"
        );
        let note = json!({"changes": [{"date": "2026-12-07", "note": "Added a step."},
            {"date": "2026-01-02", "note": "First version."}, {"date": "2026-03-01", "note": "Rewrote the steps."}]});
        let out = apply(FRONT, &changes(note)).unwrap();
        assert!(
            out.contains("changes:\n  - date: 2026-12-07\n    note: Added a step.\n  - {date: 2026-01-02, note: First version.}\n  # the big one\n  - date: 2026-03-01\n"),
            "{out}"
        );
        let parsed: serde_yaml::Value = serde_yaml::from_str(&out).unwrap();
        assert_eq!(parsed["changes"][0]["note"], serde_yaml::Value::String("Added a step.".into()));
    }

    #[test]
    fn texts_that_need_quotes_get_them_and_read_back_the_same() {
        for s in [
            "yes",
            "10",
            "a: b",
            "# no",
            "- dash",
            "x #y",
            "null",
            "2026-01-01",
            "line\nbreak",
            "  pad",
            "ok é",
            "[x]",
            "'q'",
        ] {
            let out = apply("title: A\n", &changes(json!({ "title": s }))).unwrap();
            let back: serde_yaml::Value = serde_yaml::from_str(&out).unwrap();
            if s != "2026-01-01" {
                assert_eq!(back["title"], serde_yaml::Value::String(s.into()), "{s}: {out}");
            }
        }
        assert_eq!(apply("title: A\n", &changes(json!({"title": "Plain words"}))).unwrap(), "title: Plain words\n");
        // Dates stay plain YAML dates, as people write them.
        let dates = changes(json!({"reviewed": "2026-12-07", "next_review": "2027-12-07"}));
        assert_eq!(apply("reviewed: 2026-01-01\n", &dates).unwrap(), "reviewed: 2026-12-07\nnext_review: 2027-12-07\n");
        let flow = apply("tags: [a]\n", &changes(json!({"tags": ["a, b", "c"]}))).unwrap();
        assert_eq!(flow, "tags: [\"a, b\", c]\n");
    }

    #[test]
    fn the_body_and_the_fences_stay_byte_for_byte() {
        let file = "---\r\ntitle: A\r\n---\r\nBody\r\n\r\nmore  \r\n";
        let out = edit_file(file, &changes(json!({"title": "B"})), None).unwrap();
        assert_eq!(out, "---\r\ntitle: B\r\n---\r\nBody\r\n\r\nmore  \r\n");
        let body = edit_file("---\ntitle: A\n---\nold\n", &Map::new(), Some("new\n")).unwrap();
        assert_eq!(body, "---\ntitle: A\n---\nnew\n");
        let none = edit_file("Just text\n", &changes(json!({"title": "T"})), None).unwrap();
        assert_eq!(none, "---\ntitle: T\n---\nJust text\n");
        assert!(edit_file("---\ntitle: A\n", &changes(json!({"title": "B"})), None).is_err());
        assert!(apply("a: 1\n", &changes(json!({"bad key": 1}))).is_err());
        let guide = "# The guide\r\ntitle: A\r\nlanguage: en\r\n";
        assert_eq!(
            edit_yaml(guide, &changes(json!({"title": "B"}))).unwrap(),
            "# The guide\r\ntitle: B\r\nlanguage: en\r\n"
        );
    }
}
