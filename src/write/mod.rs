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
