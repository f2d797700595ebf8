//! Which files the editor may read and write, and writing them safely.
//!
//! A path comes from a request, so it is checked as text first (relative,
//! `/` separated, no `..`, in content/, guide.yaml, guide.<lang>.yaml or
//! static/images/), then on disk: no folder on the way and not the file
//! itself may be a symbolic link, so nothing is read or written outside the
//! guide whatever its folders point to. Writes go to a temporary file in the
//! same folder, which is then renamed over the file: a reader (the preview's
//! watcher, a text editor) sees the old text or the new, never half of it.

use std::io::Write;
use std::path::{Path, PathBuf};

/// Where a path may lead.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    /// A Markdown file in content/.
    Content,
    /// guide.yaml or guide.<lang>.yaml.
    Config,
    /// A file in static/images/.
    Image,
}

/// Why a path is refused, as a sentence for the editor.
pub type Refusal = String;

/// `rel` checked as text: which area it is in.
pub fn area_of(rel: &str) -> Result<Area, Refusal> {
    let bad = || Err(format!("`{rel}` is not a file of the guide the editor may change"));
    if rel.is_empty() || rel.starts_with('/') || rel.contains('\\') || rel.contains('\0') || rel.contains(':') {
        return bad();
    }
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|p| p.is_empty() || *p == "." || *p == ".." || p.starts_with('.')) {
        return bad();
    }
    match parts.as_slice() {
        ["content", .., last] if last.ends_with(".md") => Ok(Area::Content),
        [name] if *name == "guide.yaml" || is_guide_translation(name) => Ok(Area::Config),
        ["static", "images", name] if !name.is_empty() => Ok(Area::Image),
        _ => bad(),
    }
}

fn is_guide_translation(name: &str) -> bool {
    name.strip_prefix("guide.").and_then(|n| n.strip_suffix(".yaml")).is_some_and(|code| {
        !code.is_empty() && code.len() <= 12 && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
    })
}

/// `rel` under `root`, checked as text and on disk: no link on the way.
/// The file itself need not exist (a new page), its folders need not either.
pub fn resolve(root: &Path, rel: &str) -> Result<(Area, PathBuf), Refusal> {
    let area = area_of(rel)?;
    let mut at = root.to_path_buf();
    for part in rel.split('/') {
        at.push(part);
        match std::fs::symlink_metadata(&at) {
            Ok(m) if m.file_type().is_symlink() => {
                return Err(format!(
                    "`{rel}` goes through a link to elsewhere; the editor changes only the guide's own files"
                ));
            }
            Ok(_) => {}
            Err(_) => break,
        }
    }
    Ok((area, root.join(rel)))
}

/// The hash the editor names a version of a file by.
pub fn hash(bytes: &[u8]) -> String {
    use sha1::Digest;
    sha1::Sha1::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `bytes` to `path` at once: a temporary file beside it, then a rename.
/// With `new`, fails if the file exists (and leaves it alone).
pub fn write_atomic(path: &Path, bytes: &[u8], new: bool) -> std::io::Result<()> {
    let dir = path.parent().ok_or_else(|| std::io::Error::other("no folder"))?;
    std::fs::create_dir_all(dir)?;
    // Named so the watcher ignores it (a dot and `.tmp`).
    let mut n = [0u8; 6];
    let _ = getrandom::fill(&mut n);
    let tag: String = n.iter().map(|b| format!("{b:02x}")).collect();
    let temp = dir.join(format!(".practica-edit-{tag}.tmp"));
    let result = (|| {
        let mut f = std::fs::OpenOptions::new().write(true).create_new(true).open(&temp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        if new {
            // A hard link fails if the name is taken, where a rename would replace it.
            std::fs::hard_link(&temp, path)?;
            std::fs::remove_file(&temp)
        } else {
            std::fs::rename(&temp, path)
        }
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_guides_editable_files_pass() {
        assert_eq!(area_of("content/practices/a/x.md"), Ok(Area::Content));
        assert_eq!(area_of("guide.yaml"), Ok(Area::Config));
        assert_eq!(area_of("guide.es.yaml"), Ok(Area::Config));
        assert_eq!(area_of("guide.pt-BR.yaml"), Ok(Area::Config));
        assert_eq!(area_of("static/images/a.png"), Ok(Area::Image));
        for bad in [
            "../x.md",
            "/etc/passwd",
            "content/../Cargo.toml",
            "content/../../x.md",
            "content/a/./b.md",
            "content//a.md",
            "content/a.txt",
            "Cargo.toml",
            "static/js/x.js",
            "static/images/sub/x.png",
            "templates/base.html",
            "content\\a.md",
            "C:/x.md",
            "content/.hidden.md",
            "guide..yaml",
            "guide.a/b.yaml",
            "",
        ] {
            assert!(area_of(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_on_the_way_is_refused_and_writes_are_whole() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::create_dir_all(root.join("content")).unwrap();
        let outside = tempfile::tempdir().unwrap();
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(outside.path(), root.join("content/out")).unwrap();
            assert!(resolve(root, "content/out/x.md").is_err());
        }
        let (_, p) = resolve(root, "content/new/a.md").unwrap();
        write_atomic(&p, b"one", true).unwrap();
        assert!(write_atomic(&p, b"two", true).is_err());
        write_atomic(&p, b"three", false).unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"three");
        let left: Vec<_> = std::fs::read_dir(root.join("content/new")).unwrap().collect();
        assert_eq!(left.len(), 1, "no temporary file is left");
    }
}
