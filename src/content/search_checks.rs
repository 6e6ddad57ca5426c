//! `search-checks.yaml` at the top of the content folder: the questions readers ask, each with
//! the page (and section) the search box must list among its first results. A trainer keeps
//! it as a book's own golden queries: `check` makes sure each target exists (through the
//! book's references, as a rule's `related` is checked), and the site's 搜索自查 page
//! (`search-checks/`) types every query into the real search box and says which pass.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SearchCheck {
    /// As a reader types it: 没电了怎么办.
    pub query: String,
    /// Where it must lead, as a `related` reference: `rule:TS-CAT-003`, `rule:TS-PROC-002#时限`,
    /// `lesson:procedure/time-limits#reply`, `quiz:final-exam`, `term:投诉`.
    pub expect: String,
    /// Among the first how many results (1-10; default [`DEFAULT_WITHIN`]).
    #[serde(default)]
    pub within: Option<i64>,
    /// Why this is the answer (shown on the page beside a failed check).
    #[serde(default)]
    pub note: String,
}

pub const FIELDS: &[&str] = &["query", "expect", "within", "note"];

/// The file's name, at the top of the content folder.
pub const FILE: &str = "search-checks.yaml";

/// The first results a check looks in unless it says `within`: what a worker on the phone
/// sees without scrolling.
pub const DEFAULT_WITHIN: i64 = 3;

/// The most `within` may say: the search box lists results ten at a time.
pub const MAX_WITHIN: i64 = 10;

impl SearchCheck {
    pub fn within(&self) -> i64 {
        self.within.unwrap_or(DEFAULT_WITHIN)
    }
}
