//! Where rendered files go as they are made: written into the staging folder
//! (`build`, see `write`), kept in memory (`serve`) or dropped (`check`).
//! Renderers hand every file to a [`Sink`] and never touch the disk.

use rayon::prelude::*;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};

/// A file of the built site: its path under the output folder and its bytes.
#[derive(Debug, Clone)]
pub struct OutFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Writes a file's bytes piece by piece (see [`Sink::put_streamed`]).
pub type Writer<'w> = dyn FnMut(&mut dyn std::io::Write) -> std::io::Result<()> + 'w;

pub trait Sink: Sync {
    fn put(&self, file: OutFile) -> Result<(), Diagnostic>;

    /// A file of about `size` bytes that `write` makes piece by piece, so a
    /// sink that writes to disk need not hold it whole: the complete guide of
    /// a large guide is over 100 MB. Other sinks are given the bytes whole.
    fn put_streamed(&self, path: String, size: usize, write: &mut Writer) -> Result<(), Diagnostic> {
        let mut bytes = Vec::with_capacity(size);
        write(&mut bytes).map_err(|e| {
            Diagnostic::error(Code::Output, &path, 0, format!("the page could not be made: {e}"))
                .with_help("this is a bug in practica; please report it with the guide that shows it")
        })?;
        self.put(OutFile { path, bytes })
    }
}

/// Keeps every file, in no particular order.
#[derive(Default)]
pub struct Keep(std::sync::Mutex<Vec<OutFile>>);

impl Keep {
    pub fn into_files(self) -> Vec<OutFile> {
        self.0.into_inner().unwrap_or_else(|p| p.into_inner())
    }
}

impl Sink for Keep {
    fn put(&self, file: OutFile) -> Result<(), Diagnostic> {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).push(file);
        Ok(())
    }
}

/// Renders for the errors only.
pub struct Discard;

impl Sink for Discard {
    fn put(&self, _: OutFile) -> Result<(), Diagnostic> {
        Ok(())
    }

    fn put_streamed(&self, _: String, _: usize, write: &mut Writer) -> Result<(), Diagnostic> {
        // Writing to nothing cannot fail.
        let _ = write(&mut std::io::sink());
        Ok(())
    }
}

/// Renders `jobs` in parallel, each putting its file into `sink`. A broken
/// template fails every page it renders; each problem is reported once.
pub fn render_jobs<J: Sync>(
    jobs: &[J],
    sink: &dyn Sink,
    diags: &mut Diagnostics,
    render_one: impl Fn(&J, &dyn Sink) -> Result<(), Diagnostic> + Sync + Send,
) {
    // One job at a time: jobs differ in size by thousands of times (the
    // complete guide and a practice's handout), and rayon's default split
    // leaves runs of jobs on one core that the other cannot take.
    let errors: Vec<Diagnostic> = jobs.par_iter().with_max_len(1).filter_map(|j| render_one(j, sink).err()).collect();
    let mut seen: Vec<Diagnostic> = Vec::new();
    for d in errors {
        if !seen.iter().any(|x| x.file == d.file && x.line == d.line) {
            seen.push(d);
        }
    }
    diags.extend(seen);
}
