//! Escaping for the places the site writes text into: HTML (text and quoted
//! attributes, also what templates autoescape with) and CSS strings.

use std::borrow::Cow;

/// `&`, `<`, `>`, `"` and `'` as entities: safe in element text and in an
/// attribute in either kind of quotes.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    // Every value a template prints comes through here: the text between
    // special characters is copied a run at a time, found byte by byte (each
    // special character is ASCII, so no run splits a character).
    let bytes = s.as_bytes();
    let Some(first) = bytes.iter().position(|b| entity(*b).is_some()) else { return Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len() + 16);
    let mut copied = 0;
    for (at, b) in bytes.iter().enumerate().skip(first) {
        if let Some(e) = entity(*b) {
            out.push_str(&s[copied..at]);
            out.push_str(e);
            copied = at + 1;
        }
    }
    out.push_str(&s[copied..]);
    Cow::Owned(out)
}

fn entity(b: u8) -> Option<&'static str> {
    match b {
        b'&' => Some("&amp;"),
        b'<' => Some("&lt;"),
        b'>' => Some("&gt;"),
        b'"' => Some("&quot;"),
        b'\'' => Some("&#39;"),
        _ => None,
    }
}

/// The same, writing into `out`: what templates autoescape with.
pub fn escape_html_into(s: &str, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    out.write_all(escape_html(s).as_bytes())
}

/// Text for a double-quoted CSS string (`content: "..."`): quotes and
/// backslashes escaped, line breaks folded, and `<` written so that the text
/// cannot close a `<style>` element it sits in.
pub fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            '<' => out.push_str("\\3C "),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_escapes_every_special_character_once() {
        assert_eq!(escape_html("plain"), "plain");
        assert!(matches!(escape_html("plain"), Cow::Borrowed(_)));
        assert_eq!(
            escape_html(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn css_strings_are_escaped() {
        assert_eq!(css_string("A \"B\" \\ </style>"), "A \\\"B\\\" \\\\ \\3C /style>");
    }
}
