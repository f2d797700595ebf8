//! Listing the files of a folder practica reads (content/, static/,
//! templates/, a theme), in a stable order and with one rule for what is left
//! out: hidden files and folders (editors' and tools' own files).

use std::path::{Path, PathBuf};

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// A file found under a folder: its path below the folder with `/`
/// separators, and where it is on disk.
pub struct Found {
    pub rel: String,
    pub path: PathBuf,
}

/// Every regular file under `dir`, sorted by path. Problems reading a folder
/// are reported against `root`-relative paths.
pub fn files(root: &Path, dir: &Path, diags: &mut Diagnostics) -> Vec<Found> {
    let mut out = Vec::new();
    if !dir.is_dir() {
        return out;
    }
    let walker = walkdir::WalkDir::new(dir).follow_links(false).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name())) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let Ok(rel) = e.path().strip_prefix(dir) else { continue };
                let rel: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
                out.push(Found { rel: rel.join("/"), path: e.path().to_path_buf() });
            }
            Ok(_) => {}
            Err(err) => {
                let path = err.path().map(|p| relative(root, p)).unwrap_or_else(|| relative(root, dir));
                diags.push(
                    Diagnostic::error(Code::Unreadable, path, 0, format!("this cannot be read: {err}"))
                        .with_help("check the file's permissions"),
                );
            }
        }
    }
    out
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

/// `p` as the user should see it in messages: relative to the site root where possible.
pub fn relative(root: &Path, p: &Path) -> PathBuf {
    p.strip_prefix(root).map(Path::to_path_buf).unwrap_or_else(|_| p.to_path_buf())
}
