//! Text from the guide as a terminal may print it. A file name or a value can
//! hold control characters (ESC, BEL, a C1 CSI): printed raw, they retitle,
//! recolour or clear the editor's terminal, or hide the text before them. They
//! are shown as visible symbols instead, one symbol for one character, so the
//! caret under a quoted line still points at the right place.

use std::borrow::Cow;

/// `text` with every control character made visible; line breaks and tabs
/// are kept when `keep_breaks` (practica's own messages and help span lines).
pub fn printable(text: &str, keep_breaks: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| hazard(c, keep_breaks)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if hazard(c, keep_breaks) {
            push_visible(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The byte length `text[..end]` takes once made printable: where a column
/// of the original line lands in the printed one.
pub fn printed_len(text: &str, end: usize, keep_breaks: bool) -> usize {
    text[..end]
        .chars()
        .map(|c| {
            if hazard(c, keep_breaks) {
                let mut s = String::new();
                push_visible(&mut s, c);
                s.len()
            } else {
                c.len_utf8()
            }
        })
        .sum()
}

fn hazard(c: char, keep_breaks: bool) -> bool {
    match c {
        '\n' | '\t' => !keep_breaks,
        // C0, DEL and C1: what terminals act on.
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        // Bidirectional overrides and isolates reorder what follows them on the line.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

fn push_visible(out: &mut String, c: char) {
    match c {
        // Unicode's Control Pictures: ␀ … ␟, and ␡ for DEL.
        '\0'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or('?')),
        '\u{7f}' => out.push('\u{2421}'),
        _ => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_become_visible_and_breaks_stay_where_asked() {
        assert_eq!(printable("plain text", false), "plain text");
        assert_eq!(printable("a\u{1b}]0;pwned\u{7}b", false), "a␛]0;pwned␇b");
        assert_eq!(printable("tab\tnew\nline", false), "tab␉new␊line");
        assert_eq!(printable("tab\tnew\nline", true), "tab\tnew\nline");
        assert_eq!(printable("c1 \u{9b}2J \u{202e}", true), "c1 \\u{9b}2J \\u{202e}");
        assert_eq!(printable("DEL\u{7f}", true), "DEL␡");
        let line = "x\u{1b}y";
        assert_eq!(printed_len(line, 2, false), printable("x\u{1b}", false).len());
    }
}
