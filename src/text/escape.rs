//! Escaping for the places the site writes text into: HTML (text and quoted
//! attributes, also what templates autoescape with) and CSS strings.

use std::borrow::Cow;

/// `&`, `<`, `>`, `"` and `'` as entities: safe in element text and in an
/// attribute in either kind of quotes.
pub fn escape_html(s: &str) -> Cow<'_, str> {
    let Some(first) = s.find(['&', '<', '>', '"', '\'']) else { return Cow::Borrowed(s) };
    let mut out = String::with_capacity(s.len() + 16);
    out.push_str(&s[..first]);
    for c in s[first..].chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
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
