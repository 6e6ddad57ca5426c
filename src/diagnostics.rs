//! Diagnostics: every content error points into the user's file with line and column,
//! says what is wrong and how to fix it. All stages collect them; nothing panics.

use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the user's content, theme or configuration.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Path as the user would type it (relative to the book root when possible).
    pub file: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column; 0 when unknown.
    pub col: usize,
    pub message: String,
    pub hint: Option<String>,
    /// Other files of the book the message or hint names (`also defined at <file>:2`), as
    /// written there: renamed with the diagnostic's own when it is printed from elsewhere
    /// (`handbook --root book check`).
    #[serde(skip)]
    pub related: Vec<PathBuf>,
}

impl Diagnostic {
    pub fn error(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.into(),
            line,
            col,
            message: message.into(),
            hint: None,
            related: Vec::new(),
        }
    }

    pub fn warning(
        file: impl Into<PathBuf>,
        line: usize,
        col: usize,
        message: impl Into<String>,
    ) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, col, message)
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Notes that the message or hint names `file`, another file of the book, as
    /// `file.display()` writes it (see [`Diagnostic::related`]).
    pub fn naming(mut self, file: impl Into<PathBuf>) -> Self {
        self.related.push(file.into());
        self
    }

    /// Renames the diagnostic's file, and the files its message and hint name, by `rename` (a
    /// path from the book's folder to one from the current folder).
    pub fn rename(&mut self, rename: impl Fn(&Path) -> PathBuf) {
        for r in std::mem::take(&mut self.related) {
            let (from, to) = (r.display().to_string(), rename(&r).display().to_string());
            if from != to {
                self.message = self.message.replace(&from, &to);
                self.hint = self.hint.take().map(|h| h.replace(&from, &to));
            }
        }
        self.file = rename(&self.file);
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col` as editors and terminals understand it.
    pub fn location(&self) -> String {
        let file = self.file.display();
        match (self.line, self.col) {
            (0, _) => format!("{file}"),
            (l, 0) => format!("{file}:{l}"),
            (l, c) => format!("{file}:{l}:{c}"),
        }
    }
}

impl Diagnostic {
    /// The diagnostic without its `error:` label (`file:line:col: message` and the help line),
    /// for a command's error that is printed after a label of its own.
    pub fn unlabelled(&self) -> String {
        let text = self.to_string();
        match text.split_once(": ") {
            Some((_, rest)) => rest.to_string(),
            None => text,
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let zh = crate::i18n::zh();
        let label = match (self.severity, zh) {
            (Severity::Error, false) => "error",
            (Severity::Warning, false) => "warning",
            (Severity::Error, true) => "错误",
            (Severity::Warning, true) => "警告",
        };
        let message = crate::i18n::os_errors(&self.message);
        write!(f, "{label}: {}: {message}", self.location())?;
        if let Some(hint) = &self.hint {
            let help = if zh { "提示" } else { "help" };
            write!(f, "\n  = {help}: {}", crate::i18n::os_errors(hint))?;
        }
        Ok(())
    }
}

/// Diagnostics collected across a whole run, so `check` can report all at once.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }
    pub fn extend(&mut self, ds: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(ds);
    }
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }
    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }
    /// `--strict`: every warning becomes an error (so that, say, a 【待填写】 left in a lesson
    /// stops a trainer's CI instead of being published).
    pub fn promote_warnings(&mut self) {
        for d in &mut self.items {
            if d.severity == Severity::Warning {
                d.severity = Severity::Error;
                d.hint = Some(match d.hint.take() {
                    Some(h) => t!(
                        "{h} (a warning, an error under --strict)",
                        "{h}（这是警告，加了 --strict 就算错误）"
                    ),
                    None => t!(
                        "a warning, an error under --strict",
                        "这是警告，加了 --strict 就算错误"
                    ),
                });
            }
        }
    }
    /// The items `keep` keeps as said to a person (the terminal, `serve`'s page): the same
    /// message and hint at three or more lines of one file once, with the other lines (the
    /// first 30: a file indented with tabs throughout has thousands), also where other
    /// mistakes of the file fall between them (the 【待填写】 markers of a file `handbook new`
    /// made: a team's 26 new files gave 161 warnings in 322 lines). Items are in order of
    /// file and line ([`Diagnostics::sort`]). `--format json` / `github` keep each.
    pub fn grouped(&self, keep: impl Fn(&Diagnostic) -> bool) -> Vec<String> {
        let items: Vec<&Diagnostic> = self.items.iter().filter(|d| keep(d)).collect();
        fn key(d: &Diagnostic) -> (&Path, bool, &str, Option<&str>) {
            (&d.file, d.is_error(), &d.message, d.hint.as_deref())
        }
        let mut groups: std::collections::HashMap<_, Vec<usize>> = std::collections::HashMap::new();
        for (j, d) in items.iter().enumerate() {
            if d.line > 0 {
                groups.entry(key(d)).or_default().push(j);
            }
        }
        let mut said = vec![false; items.len()];
        let mut out = Vec::new();
        for i in 0..items.len() {
            if said[i] {
                continue;
            }
            let d = items[i];
            let group = (d.line > 0)
                .then(|| groups.get(&key(d)))
                .flatten()
                .filter(|g| g.len() >= 3)
                .cloned()
                .unwrap_or_else(|| vec![i]);
            group.iter().for_each(|&j| said[j] = true);
            let text = d.to_string();
            if group.len() == 1 {
                out.push(text);
                continue;
            }
            let n = group.len() - 1;
            let mut lines: Vec<String> = group[1..]
                .iter()
                .take(30)
                .map(|&j| items[j].line.to_string())
                .collect();
            if n > lines.len() {
                lines.push("…".to_string());
            }
            let also = t!(
                "  = the same at {n} more places: lines {}",
                "  = 同样的还有 {n} 处：第 {} 行",
                lines.join(if crate::i18n::zh() { "、" } else { ", " })
            );
            out.push(match text.split_once('\n') {
                Some((first, rest)) => format!("{first}\n{also}\n{rest}"),
                None => format!("{text}\n{also}"),
            });
        }
        out
    }

    /// Stable order: by file, then position, errors first.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity).cmp(&(&b.file, b.line, b.col, b.severity))
        });
        self.items.dedup();
    }
}

/// 1-based (line, column) of a byte offset; the column counts characters, not bytes,
/// so it matches what an editor shows for Chinese text.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let mut start = offset;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let before = &text[..start];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map(|i| i + 1).unwrap_or(0);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The closest candidate to a misspelt name, if any is close enough to be a likely typo.
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let candidates: Vec<&str> = candidates.into_iter().collect();
    let mut best: Option<(&str, f64)> = None;
    for &c in &candidates {
        let score = strsim::jaro_winkler(word, c);
        // Ties (`metering-99` is as near `metering-09` as `-19`, `-29` …) go to the fewest
        // edits, then the first in text order: the candidates often come from a hash map,
        // whose order changes from run to run, and the hint with them.
        let better = match best {
            None => score > 0.0,
            Some((b, bs)) => {
                score > bs
                    || (score == bs
                        && (strsim::levenshtein(word, c), c) < (strsim::levenshtein(word, b), b))
            }
        };
        if better {
            best = Some((c, score));
        }
    }
    if let Some((c, _)) = best.filter(|b| b.1 >= 0.7) {
        return Some(c);
    }
    // Chinese names are short: one wrong character of 时限 (时间) is half the word, which
    // Jaro-Winkler scores too low. One character in four may differ then, if only one
    // candidate is that close.
    if word.is_ascii() {
        return None;
    }
    let limit = (word.chars().count() / 4).max(1);
    let mut close: Option<(&str, usize)> = None;
    let mut tied = false;
    for &c in &candidates {
        let d = strsim::levenshtein(word, c);
        match close {
            _ if d > limit => {}
            Some((_, b)) if d == b => tied = true,
            Some((_, b)) if d > b => {}
            _ => {
                close = Some((c, d));
                tied = false;
            }
        }
    }
    close.filter(|_| !tied).map(|c| c.0)
}

/// Whether Windows refuses `name` as a file or folder name on a share or an NTFS disk: a
/// device name (`con`, `nul`, `com1` …), with any extension (`con.md`, `nul.tar.gz`).
pub fn windows_device(name: &str) -> bool {
    let stem = name
        .split('.')
        .next()
        .unwrap_or("")
        .trim_end()
        .to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || (stem.len() == 4
            && (stem.starts_with("com") || stem.starts_with("lpt"))
            && matches!(stem.as_bytes()[3], b'1'..=b'9'))
}

/// Path relative to `root` for display, falling back to the path itself.
pub fn display_path(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The same message at three or more lines of a file is said once with the others'
    /// lines, also past other mistakes between them; two are said each; another file's are
    /// its own; past 30 lines, `…`.
    #[test]
    fn the_same_message_at_many_lines_of_a_file_is_said_once() {
        let tab = |f: &str, l: usize| Diagnostic::error(f, l, 1, "tab").with_hint("spaces");
        let mut all = Diagnostics::default();
        for l in [2, 3] {
            all.push(tab("a.yaml", l));
        }
        all.push(Diagnostic::error("a.yaml", 4, 9, "date"));
        for l in 5..40 {
            all.push(tab("a.yaml", l));
        }
        all.push(tab("b.yaml", 1));
        all.push(tab("b.yaml", 7));
        all.sort();
        let said = all.grouped(|_| true);
        assert_eq!(said.len(), 4, "{said:#?}");
        let lines: Vec<String> = [3]
            .into_iter()
            .chain(5..34)
            .map(|l| l.to_string())
            .collect();
        assert_eq!(
            said[0],
            format!(
                "error: a.yaml:2:1: tab\n  = the same at 36 more places: lines {}, …\n  = help: spaces",
                lines.join(", ")
            )
        );
        assert_eq!(said[1], "error: a.yaml:4:9: date");
        assert_eq!(said[2], "error: b.yaml:1:1: tab\n  = help: spaces");
        assert_eq!(
            all.grouped(|d| d.message == "date"),
            ["error: a.yaml:4:9: date"]
        );
    }

    #[test]
    fn renamed_renames_the_files_a_hint_names_as_well() {
        let mut d = Diagnostic::error("content/b.yaml", 2, 5, "duplicate rule id `X`")
            .with_hint("also defined at content/a b.yaml:2; give one of them a new id")
            .naming("content/a b.yaml");
        d.rename(|f| Path::new("book").join(f));
        assert_eq!(d.file, Path::new("book/content/b.yaml"));
        assert_eq!(
            d.hint.as_deref(),
            Some("also defined at book/content/a b.yaml:2; give one of them a new id")
        );
        assert!(d.related.is_empty());
    }

    #[test]
    fn windows_device_names() {
        for yes in ["con", "CON.md", "nul.tar.gz", "com1", "LPT9.yaml", "aux"] {
            assert!(windows_device(yes), "{yes}");
        }
        for no in ["console", "com0", "com10", "lpt", "concern.md", "投诉", ""] {
            assert!(!windows_device(no), "{no}");
        }
    }

    #[test]
    fn line_col_counts_chars_not_bytes() {
        let text = "第一行\n投诉处理x";
        let off = text.find('x').unwrap();
        assert_eq!(line_col(text, off), (2, 5));
        assert_eq!(line_col(text, 0), (1, 1));
    }

    #[test]
    fn nearest_finds_typos_only() {
        let keys = ["title", "description", "language", "authors"];
        assert_eq!(nearest("titel", keys), Some("title"));
        assert_eq!(nearest("langauge", keys), Some("language"));
        assert_eq!(nearest("zzzz", keys), None);
    }

    /// Candidates equally near give the same answer in any order (they often come from a
    /// hash map: the hint changed from run to run).
    #[test]
    fn nearest_breaks_ties_the_same_way_in_any_order() {
        let mut names = [
            "metering/metering-49",
            "metering/metering-09",
            "metering/metering-29",
            "metering/metering-19",
        ];
        let first = nearest("metering/metering-99", names.iter().copied());
        assert_eq!(first, Some("metering/metering-09"));
        for _ in 0..4 {
            names.rotate_left(1);
            assert_eq!(
                nearest("metering/metering-99", names.iter().copied()),
                first
            );
            names.reverse();
            assert_eq!(
                nearest("metering/metering-99", names.iter().copied()),
                first
            );
        }
    }

    #[test]
    fn nearest_finds_one_wrong_character_of_a_short_chinese_name() {
        let card = [
            "适用情形",
            "时限",
            "办理步骤",
            "必须做到",
            "严禁",
            "升级路径",
        ];
        assert_eq!(nearest("时间", card), Some("时限"));
        assert_eq!(nearest("办理步聚", card), Some("办理步骤"));
        assert_eq!(nearest("严格", card), Some("严禁"));
        // Two names equally close: no guess.
        assert_eq!(nearest("时间", ["时限", "时效"]), None);
        // Nothing alike.
        assert_eq!(nearest("回访", card), None);
        assert_eq!(nearest("", card), None);
    }

    #[test]
    fn display_has_location_and_hint() {
        let d = Diagnostic::error("content/a.md", 3, 7, "bad").with_hint("fix it");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:3:7: bad\n  = help: fix it"
        );
    }
}
