//! Listing the files of a folder practica reads (content/, static/,
//! templates/, a theme), in a stable order, with one rule for all of them:
//!
//! - hidden files and folders (editors' and tools' own files) are left out;
//! - a symlink is followed when it leads inside the site folder; one that
//!   leads outside is an error naming the link and where it leads, unless
//!   guide.yaml allows it (`allow_outside_symlinks: true`), so that nothing
//!   from elsewhere on the machine (`/proc/self/environ`, a home folder) is
//!   published by accident;
//! - anything that is not a regular file or a folder (a named pipe, a device)
//!   is an error: reading one could block the build forever.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// A file found under a folder: its path below the folder with `/`
/// separators, and where it is on disk.
pub struct Found {
    pub rel: String,
    pub path: PathBuf,
}

/// How the site's folders are read.
#[derive(Debug, Clone)]
pub struct Rules {
    /// The site folder, as the system resolves it.
    pub site: PathBuf,
    /// Symlinks may lead outside the site (guide.yaml `allow_outside_symlinks`).
    pub outside_allowed: bool,
}

impl Rules {
    pub fn new(root: &Path, outside_allowed: bool) -> Rules {
        Rules { site: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()), outside_allowed }
    }

    /// Whether `path`, a symlink, may be followed; reports it when not.
    fn may_follow(&self, root: &Path, path: &Path, diags: &mut Vec<Diagnostic>) -> bool {
        match std::fs::canonicalize(path) {
            Ok(target) if self.outside_allowed || target.starts_with(&self.site) => true,
            Ok(target) => {
                diags.push(
                    Diagnostic::error(
                        Code::OutsideSite,
                        relative(root, path),
                        0,
                        format!("this symlink leads outside the guide's folder, to {}", target.display()),
                    )
                    .with_help(
                        "copy what it points to into the guide; or, if it is meant to be published, \
                         set `allow_outside_symlinks: true` in guide.yaml",
                    ),
                );
                false
            }
            Err(e) => {
                let what = if e.raw_os_error() == Some(40) {
                    "this symlink goes round in a loop"
                } else {
                    "this symlink leads nowhere"
                };
                diags.push(
                    Diagnostic::error(Code::Unreadable, relative(root, path), 0, format!("{what} ({e})"))
                        .with_help("remove the symlink or point it at a file of the guide"),
                );
                false
            }
        }
    }
}

/// Every regular file under `dir`, sorted by path. Problems are reported
/// against `root`-relative paths.
pub fn files(root: &Path, dir: &Path, rules: &Rules, diags: &mut Diagnostics) -> Vec<Found> {
    let mut out = Vec::new();
    let Ok(meta) = std::fs::symlink_metadata(dir) else { return out };
    let mut problems = Vec::new();
    if meta.file_type().is_symlink() && !rules.may_follow(root, dir, &mut problems) {
        diags.extend(problems);
        return out;
    }
    if !dir.is_dir() {
        return out;
    }
    let followed = std::cell::RefCell::new(Vec::new());
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    let entries = walker.filter_entry(|e| {
        if e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.') {
            return false;
        }
        !e.path_is_symlink() || e.depth() == 0 || rules.may_follow(root, e.path(), &mut followed.borrow_mut())
    });
    let mut found = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => found.push((e.path().to_path_buf(), e.file_type())),
            Err(err) => {
                let path = err.path().unwrap_or(dir);
                // An editor's lock file (Emacs keeps `.#name.md`, a symlink to
                // nowhere, beside a file being edited) is hidden: left out
                // like every hidden file, before its link is looked at.
                if hidden_below(dir, path) {
                    continue;
                }
                let is_link = std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink());
                if err.loop_ancestor().is_some() {
                    problems.push(
                        Diagnostic::error(
                            Code::Unreadable,
                            relative(root, path),
                            0,
                            "this symlink goes round in a loop: it leads to a folder that holds it",
                        )
                        .with_help("remove the symlink"),
                    );
                } else if is_link {
                    rules.may_follow(root, path, &mut problems);
                } else {
                    problems.push(
                        Diagnostic::error(
                            Code::Unreadable,
                            relative(root, path),
                            0,
                            format!("this cannot be read: {err}"),
                        )
                        .with_help("check the file's permissions"),
                    );
                }
            }
        }
    }
    problems.extend(followed.into_inner());
    for (path, kind) in found {
        if kind.is_dir() {
            continue;
        }
        if !kind.is_file() {
            problems.push(
                Diagnostic::error(
                    Code::Unreadable,
                    relative(root, &path),
                    0,
                    "this is not a regular file (a named pipe or a device?)",
                )
                .with_help("practica reads only files and folders; remove it or move it out of the guide"),
            );
            continue;
        }
        let Ok(rel) = path.strip_prefix(dir) else { continue };
        let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        out.push(Found { rel: rel.join("/"), path });
    }
    diags.extend(problems);
    out
}

/// Whether `path`, under `dir`, is or lies in a hidden file or folder.
fn hidden_below(dir: &Path, path: &Path) -> bool {
    path.strip_prefix(dir).is_ok_and(|rel| rel.components().any(|c| c.as_os_str().to_string_lossy().starts_with('.')))
}

/// `p` as the user should see it in messages: relative to the site root where possible.
pub fn relative(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}

/// One file of the site by its path (a strings file), under the same rules
/// as a folder's files. `None` when it does not exist or may not be read.
pub fn read_one(root: &Path, path: &Path, rules: &Rules, diags: &mut Diagnostics) -> Option<Vec<u8>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    let mut problems = Vec::new();
    if meta.file_type().is_symlink() && !rules.may_follow(root, path, &mut problems) {
        diags.extend(problems);
        return None;
    }
    match read_file(path) {
        Ok(bytes) => Some(bytes),
        Err(e) => {
            diags.push(
                Diagnostic::error(Code::Unreadable, relative(root, path), 0, format!("this cannot be read: {e}"))
                    .with_help("check the file's permissions; practica reads only regular files"),
            );
            None
        }
    }
}

/// Reads a file practica needs whole (guide.yaml, a strings file), refusing
/// anything but a regular file, which could block the build.
pub fn read_file(path: &Path) -> std::io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other("it is not a regular file (a named pipe or a device?)"));
    }
    std::fs::read(path)
}
