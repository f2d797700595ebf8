//! Raw HTML written in Markdown: harmless markup (`<abbr>`, `<details>`,
//! `<kbd>`, `<br>`) is published as written; what runs a script or pulls in
//! another page — `<script>`, frames, `<object>`, `<embed>`, `on…=` event
//! attributes, `javascript:` addresses — is refused unless guide.yaml says
//! `unsafe_html: true`. A consortium has many editors, and the pages go on
//! public agency sites.

/// Elements that run code, embed other documents or change where links go.
const ELEMENTS: &[&str] =
    &["script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "meta", "portal"];

/// Attributes whose value is an address a browser may follow or load.
const URL_ATTRIBUTES: &[&str] =
    &["href", "src", "action", "formaction", "xlink:href", "data", "poster", "background", "lowsrc", "dynsrc"];

/// The first thing in `html` that may not be published, described for a message.
pub fn unsafe_part(html: &str) -> Option<String> {
    let bytes = html.as_bytes();
    let mut i = 0;
    while let Some(at) = html[i..].find('<').map(|n| n + i) {
        i = at + 1;
        let rest = &html[i..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == ':').collect();
        if name.is_empty() {
            continue;
        }
        let lower = name.to_ascii_lowercase();
        if ELEMENTS.contains(&lower.as_str()) {
            return Some(format!("a <{lower}> element"));
        }
        // The attributes, up to the end of the tag.
        let start = i + (html[i..].len() - rest.len()) + name.len();
        let end = html[start..].find('>').map_or(html.len(), |n| start + n);
        if let Some(problem) = unsafe_attribute(&html[start..end]) {
            return Some(problem);
        }
        i = end.min(bytes.len());
    }
    None
}

fn unsafe_attribute(attrs: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        let name: String = rest.chars().take_while(|c| !c.is_whitespace() && !matches!(c, '=' | '>' | '/')).collect();
        if name.is_empty() {
            return None;
        }
        rest = &rest[name.len()..];
        let lower = name.to_ascii_lowercase();
        let mut value = "";
        let after = rest.trim_start();
        if let Some(v) = after.strip_prefix('=') {
            let v = v.trim_start();
            let (val, left) = match v.chars().next() {
                Some(q @ ('"' | '\'')) => {
                    let inner = &v[1..];
                    let close = inner.find(q).unwrap_or(inner.len());
                    (&inner[..close], inner.get(close + 1..).unwrap_or(""))
                }
                _ => {
                    let end = v.find(char::is_whitespace).unwrap_or(v.len());
                    (&v[..end], &v[end..])
                }
            };
            value = val;
            rest = left;
        }
        if lower.len() > 2 && lower.starts_with("on") && lower[2..].chars().all(|c| c.is_ascii_alphabetic()) {
            return Some(format!("an event attribute `{lower}=`"));
        }
        if lower == "srcdoc" {
            return Some("a `srcdoc=` attribute".to_string());
        }
        if URL_ATTRIBUTES.contains(&lower.as_str()) {
            let scheme = decoded_scheme(value);
            if matches!(scheme.as_str(), "javascript" | "vbscript") || (scheme == "data" && lower != "src") {
                return Some(format!("a `{scheme}:` address in `{lower}=`"));
            }
        }
    }
}

/// The scheme of an attribute value as a browser reads it: character
/// references decoded, and tabs, line breaks and leading spaces dropped.
fn decoded_scheme(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(c) = rest.chars().next() {
        if c == '&'
            && let Some(end) = rest.find(';').filter(|e| *e <= 10)
        {
            let entity = &rest[1..end];
            let decoded = match entity.to_ascii_lowercase().as_str() {
                "colon" => Some(':'),
                "tab" | "newline" => None,
                e if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16).ok().and_then(char::from_u32),
                e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
                _ => Some('&'),
            };
            if let Some(d) = decoded {
                out.push(d);
            }
            rest = &rest[end + 1..];
            continue;
        }
        if !(c.is_control() || (out.is_empty() && c == ' ')) {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
        if out.contains(':') || out.len() > 16 {
            break;
        }
    }
    out.split(':').next().filter(|_| out.contains(':')).unwrap_or("").to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::unsafe_part;

    #[test]
    fn harmless_markup_passes() {
        for ok in [
            "<abbr title=\"Peer Specialist\">PS</abbr>",
            "<details><summary>More</summary>",
            "<kbd>Ctrl</kbd>",
            "<br>",
            "<a href=\"https://example.org/\">x</a>",
            "<img src=\"data:image/png;base64,AAAA\" alt=\"\">",
            "<span data-on=\"x\" title=\"javascript: is a word\">",
            "<!-- a comment -->",
            "a < b and c > d",
        ] {
            assert_eq!(unsafe_part(ok), None, "{ok}");
        }
    }

    #[test]
    fn scripts_frames_handlers_and_script_urls_are_found() {
        for (bad, what) in [
            ("<script>alert(1)</script>", "<script>"),
            ("<SCRIPT src=x>", "<script>"),
            ("<iframe src=\"https://x\">", "<iframe>"),
            ("<object data=x>", "<object>"),
            ("<embed src=x>", "<embed>"),
            ("<img src=x onerror=\"alert(1)\">", "`onerror=`"),
            ("<div OnMouseOver='x'>", "`onmouseover=`"),
            ("<a href=\"javascript:alert(1)\">", "`javascript:`"),
            ("<a href=\" JaVa\tScRiPt:x\">", "`javascript:`"),
            ("<a href=\"&#106;avascript:x\">", "`javascript:`"),
            ("<a href=\"javascript&colon;x\">", "`javascript:`"),
            ("<a href=data:text/html,x>", "`data:`"),
        ] {
            let found = unsafe_part(bad).unwrap_or_else(|| panic!("{bad} passed"));
            assert!(found.contains(what), "{bad}: {found}");
        }
    }
}
