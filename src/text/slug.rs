//! Slugs: the URL-safe names of pages, headings and checklist items.

/// The longest slug practica publishes: each becomes a folder name, and
/// file systems refuse names over 255 bytes.
pub const MAX_SLUG: usize = 100;

/// Lower-case ASCII letters, digits and single hyphens. Non-ASCII letters are
/// transliterated (é → e, ß → ss); what has no ASCII form is dropped. Never empty.
pub fn slugify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_hyphen = false;
    let mut push = |c: char, out: &mut String| {
        if c.is_ascii_alphanumeric() {
            if pending_hyphen && !out.is_empty() {
                out.push('-');
            }
            pending_hyphen = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending_hyphen = true;
        }
    };
    for c in text.chars() {
        if c.is_ascii() {
            push(c, &mut out);
        } else if let Some(t) = deunicode::deunicode_char(c) {
            for tc in t.chars() {
                push(tc, &mut out);
            }
        }
    }
    if out.is_empty() { "page".to_string() } else { out }
}

/// A label for a key nobody gave one: `all-staff` → "All staff",
/// `supervisors` → "Supervisors"; a key of one to three letters is taken for
/// an abbreviation: `hr` → "HR".
pub fn label_from_key(key: &str) -> String {
    let key = key.trim();
    if (1..=3).contains(&key.len()) && key.chars().all(|c| c.is_alphabetic()) {
        return key.to_uppercase();
    }
    let words: Vec<&str> = key.split(['-', '_', ' ']).filter(|w| !w.is_empty()).collect();
    let mut out = words.join(" ");
    if let Some(first) = out.chars().next() {
        out = first.to_uppercase().chain(out.chars().skip(1)).collect();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{label_from_key, slugify};

    #[test]
    fn labels_for_keys() {
        assert_eq!(label_from_key("all-staff"), "All staff");
        assert_eq!(label_from_key("hr"), "HR");
        assert_eq!(label_from_key("supervisors"), "Supervisors");
        assert_eq!(label_from_key("peer_workers"), "Peer workers");
    }

    #[test]
    fn examples() {
        assert_eq!(slugify("Why it matters"), "why-it-matters");
        assert_eq!(slugify("  Rôle -- clarté!  "), "role-clarte");
        assert_eq!(slugify("Straße"), "strasse");
        assert_eq!(slugify("日本"), "ri-ben");
        assert_eq!(slugify("!!!"), "page");
        assert_eq!(slugify(""), "page");
        assert_eq!(slugify("../etc/passwd"), "etc-passwd");
    }
}
