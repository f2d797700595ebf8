//! Splitting a content file into its YAML front matter and its body.

/// The parts of one content file. Line numbers are 1-based lines of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the `---` lines; empty when the file has none.
    pub yaml: &'a str,
    /// The line the YAML starts on.
    pub yaml_line: usize,
    pub body: &'a str,
    /// The line the body starts on.
    pub body_line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SplitError {
    /// An opening `---` without a closing one.
    Unclosed,
}

/// Expects text with a BOM stripped and `\n` line endings.
pub fn split(text: &str) -> Result<Split<'_>, SplitError> {
    let first_end = text.find('\n').unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return Ok(Split { yaml: "", yaml_line: 1, body: text, body_line: 1 });
    }
    if first_end == text.len() {
        return Err(SplitError::Unclosed);
    }
    let yaml_start = first_end + 1;
    let mut pos = yaml_start;
    let mut line = 2;
    while pos <= text.len() {
        let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
        let l = text[pos..end].trim_end_matches([' ', '\t']);
        if l == "---" || l == "..." {
            let body_start = (end + 1).min(text.len());
            return Ok(Split {
                yaml: &text[yaml_start..pos],
                yaml_line: 2,
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        if end == text.len() {
            break;
        }
        pos = end + 1;
        line += 1;
    }
    Err(SplitError::Unclosed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_front_matter() {
        let s = split("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(s.yaml, "title: A\n");
        assert_eq!(s.body, "Body\n");
        assert_eq!(s.body_line, 4);
    }

    #[test]
    fn no_front_matter() {
        let s = split("# Hi\n").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "# Hi\n");
    }

    #[test]
    fn unclosed() {
        assert_eq!(split("---\ntitle: A\nBody\n"), Err(SplitError::Unclosed));
        assert_eq!(split("---"), Err(SplitError::Unclosed));
    }

    #[test]
    fn empty_front_matter_and_end_of_file() {
        let s = split("---\n---").unwrap();
        assert_eq!(s.yaml, "");
        assert_eq!(s.body, "");
    }

    #[test]
    fn a_rule_of_dashes_later_is_not_front_matter() {
        let s = split("Text\n---\nMore\n").unwrap();
        assert_eq!(s.yaml, "");
    }
}
