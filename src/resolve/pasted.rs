//! Lines that are list items to the eye but not to Markdown: Word's bullets
//! pasted as text (`• item`), and checklist boxes written almost right
//! (`- [] item`, `-[ ] item`, `[ ] item`). Markdown joins such a line to the
//! text above it or prints the brackets as words, so a checklist silently
//! loses items; each is a warning that says what to write instead.

use std::ops::Range;

use crate::diagnostic::{Code, Diagnostic};

/// Word's and Google Docs' bullet characters, as they arrive when a list is
/// pasted as plain text.
const BULLETS: &[char] = &['·', '•', '▪', '❖', '–', '◦', '‣', '▫', '■', '➢', '►'];

/// Empty boxes of Word's checklists (Wingdings `q` and `o` arrive as ❑ and ❏).
const BOXES: &[char] = &['☐', '□', '❑', '❏'];

/// The problems in `body`, each at its byte offset; lines in one of `skip`
/// (code blocks, HTML blocks) are left alone.
pub fn check(body: &str, skip: &[Range<usize>]) -> Vec<(usize, Diagnostic)> {
    let mut out = Vec::new();
    let mut skip = skip.iter().peekable();
    let mut start = 0;
    for line in body.split_inclusive('\n') {
        let here = start;
        start += line.len();
        while skip.peek().is_some_and(|r| r.end <= here) {
            skip.next();
        }
        // A block may start after a list's indentation or a quote's `>`.
        if skip.peek().is_some_and(|r| r.start < start) {
            continue;
        }
        let line = line.trim_end_matches(['\n', '\r']);
        let (indent, rest) = opening(line);
        if let Some(found) = problem(indent, rest) {
            out.push((here + indent.len(), found));
        }
    }
    out
}

/// A line's indentation and block-quote markers, and the rest.
fn opening(line: &str) -> (&str, &str) {
    let mut rest = line;
    loop {
        let trimmed = rest.trim_start_matches([' ', '\t']);
        match trimmed.strip_prefix('>') {
            Some(after) => rest = after,
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    line.split_at(line.len() - rest.len())
}

fn problem(indent: &str, rest: &str) -> Option<Diagnostic> {
    let first = rest.chars().next()?;
    let after = &rest[first.len_utf8()..];
    let text = after.trim_start_matches([' ', '\t', '\u{a0}']);
    let spaced = text.len() < after.len() && !text.is_empty();
    let keep = |s: &str| format!("{indent}{s}{}", text.trim_end());
    if BULLETS.contains(&first) && spaced {
        return Some(
            Diagnostic::warning(
                Code::PastedBullet,
                "",
                0,
                format!(
                    "`{first}` starts this line like a bullet pasted from Word, but Markdown sees no list item: \
                     the line is joined to the text around it"
                ),
            )
            .with_help(format!("write `- ` for a bullet (or `- [ ] ` for a checklist item): {}", keep("- "))),
        );
    }
    if BOXES.contains(&first) && spaced {
        return Some(not_a_task(&format!("`{first}`"), false, &keep("- [ ] ")));
    }
    // `- [] item`, `-[ ] item`, `[ ] item`, `- [ ]item`.
    let (marker, boxed) = match rest.strip_prefix(['-', '*', '+']) {
        Some(after) => (&rest[..1], after),
        None => ("", rest),
    };
    let gap = boxed.len() - boxed.trim_start_matches([' ', '\t']).len();
    let boxed = &boxed[gap..];
    let (inside, words) = ["[ ]", "[x]", "[X]", "[]"].iter().find_map(|b| Some((*b, boxed.strip_prefix(b)?)))?;
    let item = words.trim_start_matches([' ', '\t']);
    // `[x](url)` and `[x]: url` are links, `[ ][a]` a reference: not boxes.
    if item.is_empty() || item.starts_with(['(', ':', '[']) {
        return None;
    }
    let words_spaced = item.len() < words.len();
    let right = !marker.is_empty() && gap > 0 && inside != "[]" && words_spaced;
    if right {
        return None;
    }
    let checked = inside.eq_ignore_ascii_case("[x]");
    let written = format!("{marker}{}{inside}", " ".repeat(gap.min(1)));
    let fixed = keep_words(indent, checked, item);
    Some(not_a_task(&format!("`{written}`"), checked, &fixed))
}

fn keep_words(indent: &str, checked: bool, item: &str) -> String {
    format!("{indent}- [{}] {}", if checked { "x" } else { " " }, item.trim_end())
}

fn not_a_task(written: &str, checked: bool, fixed: &str) -> Diagnostic {
    let box_ = if checked { "- [x]" } else { "- [ ]" };
    Diagnostic::warning(
        Code::NotATask,
        "",
        0,
        format!(
            "{written} starts this line like a checklist item, but Markdown sees no box: the line is printed as \
             text and left out of the self-assessment"
        ),
    )
    .with_help(format!("did you mean `{box_}`? Write a dash, a space, the box and a space: {fixed}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<(usize, Code, String)> {
        check(body, &[]).into_iter().map(|(at, d)| (at, d.code, d.help.unwrap_or_default())).collect()
    }

    #[test]
    fn word_bullets_and_boxes_are_found_with_their_fix() {
        let f = found("- [ ] One\n· Two\n  •\tThree\n\u{2013} Four\n☐ Five\n");
        assert_eq!(
            f.iter().map(|(at, c, _)| (*at, *c)).collect::<Vec<_>>(),
            [(10, Code::PastedBullet), (19, Code::PastedBullet), (29, Code::PastedBullet), (38, Code::NotATask)]
        );
        assert!(f[0].2.ends_with(": - Two"), "{}", f[0].2);
        assert!(f[1].2.ends_with(":   - Three"), "{}", f[1].2);
        assert!(f[3].2.ends_with(": - [ ] Five"), "{}", f[3].2);
    }

    #[test]
    fn boxes_written_almost_right_are_found() {
        for (line, fix) in [
            ("- [] Item", "- [ ] Item"),
            ("-[ ] Item", "- [ ] Item"),
            ("-[x] Item", "- [x] Item"),
            ("[ ] Item", "- [ ] Item"),
            ("[] Item", "- [ ] Item"),
            ("* [ ]Item", "- [ ] Item"),
            ("> - [] Quoted", "> - [ ] Quoted"),
        ] {
            let f = found(&format!("{line}\n"));
            assert_eq!(f.len(), 1, "{line}: {f:?}");
            assert_eq!(f[0].1, Code::NotATask);
            assert!(f[0].2.ends_with(&format!(": {fix}")), "{line}: {}", f[0].2);
        }
    }

    #[test]
    fn what_is_right_or_not_a_list_is_left_alone() {
        for line in [
            "- [ ] Item",
            "* [x] Done",
            "+ [X] Done",
            "- Item",
            "[x](https://example.org/) is a link",
            "[ref]: https://example.org/",
            "[x]: https://example.org/",
            "A line with • in the middle",
            "•not a bullet without a space",
            "–",
            "-- [] nope",
        ] {
            assert!(found(&format!("{line}\n")).is_empty(), "{line}");
        }
        let fenced = "```\n- [] in code\n• also code\n```\n";
        let block = 0..fenced.len();
        assert!(check(fenced, std::slice::from_ref(&block)).is_empty());
    }
}
