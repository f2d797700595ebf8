//! The staging folder: built files go into a folder beside the output folder,
//! which is swapped in only when everything was written.
//!
//! A failed or interrupted build therefore never leaves a half-written site: the
//! previous output stays byte for byte as it was. Staging folders left by a
//! killed build are removed by the next one.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic};
use crate::load::theme::StaticFile;
use crate::render::sink::Writer;
use crate::render::{OutFile, Sink};
use crate::write::paths::safe_join;

const STAGING_MARK: &str = ".practica-staging-";
const OLD_MARK: &str = ".practica-old-";
/// Bytes a streamed file is written in: few system calls, little memory.
const STREAM_BUFFER: usize = 256 * 1024;

/// The staging folder for `output`, beside it so the final rename stays on one filesystem.
fn staging_dir(output: &Path) -> PathBuf {
    sibling(output, STAGING_MARK)
}

fn sibling(output: &Path, mark: &str) -> PathBuf {
    let name = output.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "public".into());
    output.with_file_name(format!("{name}{mark}{}", std::process::id()))
}

/// Removes staging and old folders of earlier builds of this output that were killed.
///
/// A build killed between the two renames of its swap left the previous site
/// in its old folder and no output folder: that one is put back instead.
pub fn clean_stale(output: &Path) {
    let (Some(parent), Some(name)) = (output.parent(), output.file_name()) else { return };
    let parent = if parent.as_os_str().is_empty() { Path::new(".") } else { parent };
    let name = name.to_string_lossy();
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        let Some(rest) = n.strip_prefix(name.as_ref()) else { continue };
        let (old, pid) = match (rest.strip_prefix(STAGING_MARK), rest.strip_prefix(OLD_MARK)) {
            (Some(pid), _) => (false, pid),
            (_, Some(pid)) => (true, pid),
            _ => continue,
        };
        let Ok(pid) = pid.parse::<u32>() else { continue };
        if pid != std::process::id() && process_alive(pid) {
            continue;
        }
        if old && !output.exists() && fs::rename(e.path(), output).is_ok() {
            continue;
        }
        let _ = fs::remove_dir_all(e.path());
    }
}

fn process_alive(pid: u32) -> bool {
    Path::new(&format!("/proc/{pid}")).exists()
}

/// A fresh staging folder beside the output folder that pages are written into
/// as they are rendered, so a large site is never held in memory whole.
///
/// Dropped before `finish`, it removes itself: the output folder is untouched.
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    written: Mutex<HashSet<String>>,
    swapped: bool,
}

impl Staging {
    pub fn create(output: &Path) -> io::Result<Staging> {
        clean_stale(output);
        if let Some(parent) = output.parent().filter(|p| !p.as_os_str().is_empty()) {
            fs::create_dir_all(parent)?;
        }
        let dir = staging_dir(output);
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        fs::create_dir_all(&dir)?;
        fs::write(dir.join(crate::write::target::MARKER), crate::write::target::MARKER_TEXT)?;
        Ok(Staging { dir, output: output.to_path_buf(), written: Mutex::new(HashSet::new()), swapped: false })
    }

    pub fn write(&self, file: &OutFile) -> io::Result<()> {
        fs::write(self.claim(&file.path)?, &file.bytes)
    }

    /// Where the file at site path `path` goes, with its folder made; each
    /// path is claimed once.
    fn claim(&self, path: &str) -> io::Result<PathBuf> {
        // Two pages written to one file at once leave either, or a mix of both.
        if !self.written.lock().unwrap_or_else(|p| p.into_inner()).insert(path.to_string()) {
            return Err(io::Error::other(format!("two pages would be written to /{path}")));
        }
        let Some(dest) = safe_join(&self.dir, path) else {
            return Err(io::Error::other(format!("refusing to write outside the output folder: {path}")));
        };
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)?;
        }
        Ok(dest)
    }

    /// A file of about `size` bytes written piece by piece as `write` makes it.
    pub fn write_streamed(&self, path: &str, size: usize, write: &mut Writer) -> io::Result<()> {
        let file = fs::File::create(self.claim(path)?)?;
        // A small file in one write, a large one in pieces of the buffer's size.
        let mut out = io::BufWriter::with_capacity(size.clamp(1, STREAM_BUFFER), file);
        write(&mut out)?;
        out.into_inner().map_err(io::IntoInnerError::into_error)?;
        Ok(())
    }

    /// How many HTML pages were written.
    pub fn pages(&self) -> usize {
        self.written.lock().unwrap_or_else(|p| p.into_inner()).iter().filter(|p| p.ends_with(".html")).count()
    }

    /// Copies the static files a page did not take the place of, runs
    /// `before_swap` on the complete folder (printing PDFs needs the written
    /// site; its error abandons the build), then swaps the folder in.
    pub fn finish(
        mut self,
        statics: &std::collections::BTreeMap<String, StaticFile>,
        before_swap: &mut dyn FnMut(&Path) -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|p| p.into_inner()));
        let copied = statics.par_iter().try_for_each(|(path, src)| {
            let Some(dest) = safe_join(&self.dir, path) else { return Ok(()) };
            if written.contains(path.as_str()) {
                return Ok(());
            }
            if let Some(parent) = dest.parent() {
                fs::create_dir_all(parent)?;
            }
            match src {
                StaticFile::Builtin(b) => fs::write(dest, b),
                StaticFile::Disk(p) => fs::copy(p, dest).map(|_| ()),
            }
        });
        copied.map_err(|e| error(&self.output, &e))?;
        before_swap(&self.dir)?;
        swap(&self.dir, &self.output).map_err(|e| error(&self.output, &e))?;
        self.swapped = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

impl Sink for Staging {
    fn put(&self, file: OutFile) -> Result<(), Diagnostic> {
        self.write(&file).map_err(|e| error(&self.output, &e))
    }

    fn put_streamed(&self, path: String, size: usize, write: &mut Writer) -> Result<(), Diagnostic> {
        self.write_streamed(&path, size, write).map_err(|e| error(&self.output, &e))
    }
}

/// The diagnostic for an output folder that could not be written.
pub fn error(output: &Path, e: &io::Error) -> Diagnostic {
    Diagnostic::error(Code::Output, output, 0, format!("the site could not be written: {e}")).with_help(
        "check that the output folder's parent exists and is writable; the previous output was left as it was",
    )
}

fn swap(staging: &Path, output: &Path) -> io::Result<()> {
    if output.exists() {
        let old = sibling(output, OLD_MARK);
        fs::rename(output, &old)?;
        if let Err(e) = fs::rename(staging, output) {
            let _ = fs::rename(&old, output);
            return Err(e);
        }
        fs::remove_dir_all(&old)?;
    } else {
        fs::rename(staging, output)?;
    }
    Ok(())
}
