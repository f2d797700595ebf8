//! What changed in a page since its translation was brought up to date: the
//! translation's `source_hash` names a version of the original's text, which
//! git's history of the original may hold. The lines of the original's body
//! added or changed since that version are what the translator has to look at.

use std::path::Path;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::load::ContentFile;
use crate::resolve::translations::source_hash;

/// How far back the history is searched.
const VERSIONS: usize = 100;
/// Bodies longer than this (lines) are not compared line by line.
const MOST_LINES: usize = 3000;

/// The page's `source_hash` as it is now.
pub fn hash_of(page: &ContentFile) -> String {
    source_hash(&page.doc, &page.body)
}

/// The lines of `now`'s body (as `{line, text}`, lines of the file) added or
/// changed since the version of `rel` whose hash is `wanted`; empty when
/// `now` is that version; `None` when the history does not say.
pub fn changed_since(
    root: &Path,
    rel: &str,
    wanted: &str,
    now: &ContentFile,
    languages: &[String],
) -> Option<Vec<Value>> {
    if hash_of(now) == wanted {
        return Some(Vec::new());
    }
    let log = git(root, &["log", "--format=%H", &format!("-n{VERSIONS}"), "--", rel])?;
    let content_path = rel.strip_prefix("content/")?;
    for commit in log.lines().map(str::trim).filter(|c| !c.is_empty()) {
        let Some(text) = git(root, &["show", &format!("{commit}:./{rel}")]) else { continue };
        let (Some(old), _) = crate::load::content::from_bytes(content_path, languages, text.into_bytes()) else {
            continue;
        };
        if hash_of(&old) == wanted {
            let added = added_lines(&old.body, &now.body)?;
            let first = now.doc.body_line;
            let body: Vec<&str> = now.body.lines().collect();
            return Some(added.into_iter().map(|i| json!({ "line": first + i, "text": body[i] })).collect());
        }
    }
    None
}

fn git(root: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The indexes of `new`'s lines that are not in the longest common
/// sequence of lines with `old`: added or changed.
fn added_lines(old: &str, new: &str) -> Option<Vec<usize>> {
    let (a, b): (Vec<&str>, Vec<&str>) = (old.lines().collect(), new.lines().collect());
    if a.len() > MOST_LINES || b.len() > MOST_LINES {
        return None;
    }
    // lcs[i][j]: the longest common sequence of a[i..] and b[j..].
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while j < b.len() {
        if i < a.len() && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if i < a.len() && lcs[i + 1][j] >= lcs[i][j + 1] {
            i += 1;
        } else {
            if !b[j].trim().is_empty() {
                out.push(j);
            }
            j += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    #[test]
    fn added_and_changed_lines_are_found() {
        let old = "# A\n\nOne.\nTwo.\n\nThree.\n";
        let new = "# A\n\nOne, changed.\nTwo.\n\nThree.\nFour.\n";
        assert_eq!(super::added_lines(old, new), Some(vec![2, 6]));
        assert_eq!(super::added_lines(old, old), Some(vec![]));
    }
}
