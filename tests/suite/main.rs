//! The integration tests, as one test binary: each module was a test file of
//! its own, and each of those linked the whole tool with its search indexer
//! and web server again (see benches/README.md for the measurement). One
//! binary also reports every failing test, where cargo stopped at the first
//! binary that failed.

mod common;

mod aliases;
mod assess;
mod build;
mod check;
mod cli;
mod codes;
mod currency;
mod docs;
mod edit;
mod edit_browser;
mod edit_support;
mod edit_views_browser;
mod errors;
mod guide;
mod handouts;
mod hostile;
mod offline;
mod paper;
mod plurals;
mod preview_equals_build;
mod properties;
mod publishing;
mod quality_gates;
mod safety;
mod schema;
mod screens;
mod search;
mod serve;
mod stages;
mod theme;
mod translations;
mod wheel;
