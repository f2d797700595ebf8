//! Small text helpers every stage shares: slugs and escaping. One of each, so
//! the site never escapes the same value two ways.

pub mod escape;
pub mod slug;

pub use escape::escape_html;
pub use slug::slugify;
