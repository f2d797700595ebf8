//! Where a build may write: practica replaces its output folder whole, so
//! before anything is touched it proves the folder is its own. The output may
//! never be the site folder, hold it, or sit inside a folder practica reads;
//! an existing folder must be an earlier practica output (it carries a marker
//! file) or the site's default `public/`, unless the user says `--force`; a
//! file is never replaced. A symlinked output folder stays a symlink: the site
//! lands in the folder it points to.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic};

/// Written into every output folder, so a later build knows the folder is practica's.
pub const MARKER: &str = ".practica-output";
pub const MARKER_TEXT: &str =
    "This folder was written by practica. Each build replaces it whole; do not keep other files here.\n";

/// The folders and files of a site practica reads.
pub const READ: &[&str] = &["content", "static", "templates", "themes", "strings", "guide.yaml"];

/// The folder a build writes to, after the checks: the real folder behind a symlink.
#[derive(Debug, Clone)]
pub struct Target {
    pub dir: PathBuf,
}

fn refused(path: &Path, message: impl Into<String>, help: impl Into<String>) -> Diagnostic {
    Diagnostic::error(Code::Refused, path, 0, message).with_help(help)
}

/// Checks that building `root` into `output` cannot destroy anything else.
pub fn check(root: &Path, output: &Path, force: bool) -> Result<Target, Diagnostic> {
    let root = fs::canonicalize(root).unwrap_or_else(|_| absolute(root));
    let meta = fs::symlink_metadata(output).ok();
    let is_link = meta.as_ref().is_some_and(|m| m.file_type().is_symlink());
    let dir = if is_link {
        fs::canonicalize(output).map_err(|e| {
            refused(
                output,
                format!("the output folder is a symlink that leads nowhere ({e})"),
                "point the symlink at an existing folder, or remove it so practica creates the folder",
            )
        })?
    } else {
        resolved(output)
    };
    if let Ok(m) = fs::metadata(&dir)
        && !m.is_dir()
    {
        return Err(refused(
            output,
            "the output is a file, not a folder; nothing was written",
            "name a folder for the site with --output, e.g. --output public",
        ));
    }
    if dir == root {
        return Err(refused(
            output,
            "the output folder is the guide's own folder; building there would replace guide.yaml and content/",
            "write the site to a folder of its own, e.g. --output public",
        ));
    }
    if root.starts_with(&dir) {
        return Err(refused(
            output,
            format!("the output folder holds the guide's folder {}; building there would replace it", root.display()),
            "write the site to a folder of its own beside or inside the guide, e.g. --output public",
        ));
    }
    for read in READ {
        let inside = root.join(read);
        if dir.starts_with(&inside) {
            return Err(refused(
                output,
                format!("the output folder is inside {read}, which practica reads to build the site"),
                "write the site elsewhere, e.g. --output public",
            ));
        }
    }
    let default = root.join("public");
    let has_files = fs::read_dir(&dir).is_ok_and(|mut d| d.next().is_some());
    if has_files && !dir.join(MARKER).is_file() && dir != default && !force {
        return Err(refused(
            output,
            "this folder holds files practica did not write; a build would replace all of them",
            "choose an empty or new folder, or pass --force if everything in it may be deleted",
        ));
    }
    Ok(Target { dir })
}

/// An absolute path with `.` and `..` taken out, following symlinks in the
/// part that exists, so that `site/..` and `site/./public` compare rightly.
fn resolved(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in absolute(p).components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                out.push(name);
                // Each existing step is made real, so a `..` after a symlink
                // climbs out of where the symlink leads, as the system does.
                if let Ok(real) = fs::canonicalize(&out) {
                    out = real;
                }
            }
            other => out.push(other),
        }
    }
    out
}

fn absolute(p: &Path) -> PathBuf {
    if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().map(|d| d.join(p)).unwrap_or(p.into()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_compared_after_dots_and_symlinks() {
        let tmp = tempfile::tempdir().unwrap();
        let site = tmp.path().join("site");
        fs::create_dir_all(site.join("content")).unwrap();
        let real = fs::canonicalize(&site).unwrap();
        assert_eq!(resolved(&site.join("a/../b/./c")), real.join("b/c"));
        assert_eq!(resolved(&site.join("..")), real.parent().unwrap());
    }
}
