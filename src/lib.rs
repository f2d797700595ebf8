//! practica: a static site generator for implementation guides.
//!
//! Data flows one way: `config` and `content` load the site folder, `resolve`
//! ties it into a `Guide`, `render` turns that into files in memory and
//! `output` writes them with an atomic swap. `build` runs the stages in order.

pub mod build;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod frontmatter;
#[doc(hidden)]
pub mod fuzzing;
pub mod handout;
pub mod init;
pub mod markdown;
pub mod output;
pub mod render;
pub mod resolve;
pub mod search;
pub mod serve;
pub mod slug;
pub mod theme;
pub mod url;
mod yaml;
