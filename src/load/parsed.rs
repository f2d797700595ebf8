//! Content files as last parsed, for the preview: it reads the whole guide
//! again on every save (so it never differs from a build), and a file whose
//! bytes are the same as last time is not parsed again. Parsing the front
//! matter of every file was most of reading the shipped guide.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::diagnostic::Diagnostic;
use crate::load::ContentFile;

type Read = (Option<ContentFile>, Vec<Diagnostic>);

struct Entry {
    bytes: Vec<u8>,
    languages: Vec<String>,
    read: Read,
}

#[derive(Default)]
pub struct Parsed(Mutex<HashMap<PathBuf, Arc<Entry>>>);

impl std::fmt::Debug for Parsed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Parsed({} files)", self.map().len())
    }
}

impl Parsed {
    fn map(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Arc<Entry>>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// What reading `path`'s `bytes` gives: as last time when the bytes and
    /// the guide's languages (which decide what a file name means) are the
    /// same, or from `parse`.
    pub fn get_or_parse(
        &self,
        path: &Path,
        bytes: Vec<u8>,
        languages: &[String],
        parse: impl FnOnce(Vec<u8>) -> Read,
    ) -> Read {
        let kept = self.map().get(path).cloned();
        if let Some(e) = kept
            && e.bytes == bytes
            && e.languages == languages
        {
            return e.read.clone();
        }
        let read = parse(bytes.clone());
        let entry = Entry { bytes, languages: languages.to_vec(), read: read.clone() };
        self.map().insert(path.to_path_buf(), Arc::new(entry));
        read
    }
}
