//! Write: the only stage that changes the disk. Rendered files go into a
//! staging folder that replaces the output folder only when the whole build
//! succeeded; handouts are printed to PDF from that folder before the swap.

pub mod archive;
pub mod paths;
pub mod pdf;
pub mod staging;
pub mod target;

pub use paths::safe_join;
pub use staging::{Staging, clean_stale};

/// A folder of the build's own in the temporary directory, removed when it
/// goes out of scope, whatever happened.
pub struct Scratch(pub std::path::PathBuf);

impl Scratch {
    /// `NAME-PID` in the temporary directory: builds running at once do not share it.
    pub fn new(name: &str) -> Scratch {
        Scratch(std::env::temp_dir().join(format!("{name}-{}", std::process::id())))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
