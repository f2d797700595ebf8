//! Small text helpers every stage shares: slugs, escaping, file sizes. One of
//! each, so the site never escapes the same value two ways.

pub mod direction;
pub mod escape;
pub mod plural;
pub mod slug;

pub use escape::escape_html;
pub use slug::slugify;

/// A relative path as a site or git path: its parts joined with `/` whatever
/// the system's separator, so Windows paths make the same keys and addresses.
pub fn slash_path(path: &std::path::Path) -> String {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// A file's size as people read it: `850 KB`, `2.1 MB`, with the decimal
/// separator of the reader's language (`2,1 MB`).
pub fn file_size(bytes: u64, decimal_separator: &str) -> String {
    if bytes < 1_000_000 {
        return format!("{} KB", bytes.div_ceil(1000).max(1));
    }
    let mb = format!("{:.1}", bytes as f64 / 1_000_000.0);
    format!("{} MB", mb.replace('.', decimal_separator))
}

/// Whether XML 1.0 can hold `c` (its `Char` production; Rust strings hold no
/// surrogates). Control characters and U+FFFE/U+FFFF cannot be written in an
/// XML file at all, not even escaped.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
}

#[cfg(test)]
mod tests {
    #[test]
    fn what_xml_cannot_hold() {
        for c in ['\0', '\u{1}', '\u{c}', '\u{1f}', '\u{fffe}', '\u{ffff}'] {
            assert!(!super::xml_char(c), "{c:?}");
        }
        for c in ['\t', '\n', 'a', 'é', '\u{7f}', '\u{fffd}', '😀'] {
            assert!(super::xml_char(c), "{c:?}");
        }
    }

    #[test]
    fn file_sizes_read_as_people_write_them() {
        assert_eq!(super::file_size(894_854, "."), "895 KB");
        assert_eq!(super::file_size(2_149_000, "."), "2.1 MB");
        assert_eq!(super::file_size(2_149_000, ","), "2,1 MB");
        assert_eq!(super::file_size(12, "."), "1 KB");
    }

    #[test]
    fn slash_paths_join_parts_with_slashes() {
        let p: std::path::PathBuf = ["content", "practices", "a.md"].iter().collect();
        assert_eq!(super::slash_path(&p), "content/practices/a.md");
        assert_eq!(super::slash_path(std::path::Path::new("./x//y.md")), "./x/y.md");
    }
}
