//! Joining a site path to a folder on disk without ever leaving the folder.

use std::path::{Path, PathBuf};

/// Joins a site path to the output folder, refusing anything that could leave it.
pub fn safe_join(base: &Path, site_path: &str) -> Option<PathBuf> {
    let mut p = base.to_path_buf();
    for seg in site_path.split('/') {
        match seg {
            "" | "." => {}
            ".." => return None,
            s if s.contains('\\') || s.contains('\0') || s.contains(':') => return None,
            s => p.push(s),
        }
    }
    (p != base).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::safe_join;
    use std::path::Path;

    #[test]
    fn joins_stay_inside() {
        let b = Path::new("/out");
        assert_eq!(safe_join(b, "a/index.html").unwrap(), Path::new("/out/a/index.html"));
        assert!(safe_join(b, "../x").is_none());
        assert!(safe_join(b, "a/../../x").is_none());
        assert!(safe_join(b, "a\\..\\x").is_none());
        assert_eq!(safe_join(b, "/abs/x").unwrap(), Path::new("/out/abs/x"));
        assert!(safe_join(b, "").is_none());
    }
}
