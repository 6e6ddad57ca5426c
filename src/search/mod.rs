//! Chinese-first full-text search: the index is built here at build time and queried by
//! `static/js/search.js` in the browser. See docs/search-index.md.

pub mod index;
pub mod pinyin;
pub mod run_checks;
pub mod swap;
pub mod text;
