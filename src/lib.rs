//! practica: a static site generator for implementation guides.
//!
//! Data flows one way through stages, each a module that uses only the ones
//! before it (a test checks this):
//!
//! 1. [`load`] reads guide.yaml, content/ and the theme from disk;
//! 2. [`guide`] is the plain-data model, with the address scheme;
//! 3. [`resolve`] ties the loaded files into a `Guide` and checks every reference;
//! 4. [`render`] turns the guide into pages, handouts, feeds and the search index;
//! 5. [`write`](mod@write) puts them in a staging folder, prints PDFs and swaps it in;
//! 6. [`pipeline`] runs the stages for `build`, `check` and `serve`;
//! 7. the commands: [`serve`], [`check`], [`init`], [`theme_copy`], [`schema`].
//!
//! [`diagnostic`], [`text`] and [`http`] are shared by every stage.

pub mod check;
pub mod diagnostic;
#[doc(hidden)]
pub mod fuzzing;
pub mod guide;
pub mod http;
pub mod init;
pub mod load;
pub mod pipeline;
pub mod render;
pub mod resolve;
pub mod schema;
pub mod serve;
#[cfg(test)]
mod testing;
pub mod text;
pub mod theme_copy;
pub mod write;
