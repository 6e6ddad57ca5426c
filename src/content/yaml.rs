//! Turning serde_yaml errors into diagnostics that point at the user's file, and writing text
//! as a YAML value that reads back as written.

use crate::diagnostics::{nearest, Diagnostic};
use serde::de::DeserializeOwned;
use std::path::Path;

/// How deep `[` and `{` may nest in a YAML file.
pub const MAX_DEPTH: usize = 64;

/// Where (line, column, 1-based) a flow list or mapping (`[`, `{`) first nests past
/// [`MAX_DEPTH`]. Only YAML's own brackets count: one that opens a value (after `: `, `- ` or
/// at a line's start) or stands inside another; text in quotes, comments, and brackets inside
/// plain text (`范围是 [0, 1)`) are skipped.
pub fn too_deep(text: &str) -> Option<(usize, usize)> {
    let mut depth = 0usize;
    for (n, line) in text.lines().enumerate() {
        // A top-level key ends whatever was left open above it (that is a syntax error of its
        // own, which YAML reports).
        if leading_key(line).is_some_and(|(_, rest)| rest.starts_with(':')) {
            depth = 0;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        // Block context: where a value may start on this line.
        let mut value_start = true;
        while i < chars.len() {
            let c = chars[i];
            if depth == 0 {
                match c {
                    ' ' | '\t' => {}
                    '#' if i == 0 || chars[i - 1] == ' ' => break,
                    '-' | '?' if value_start && chars.get(i + 1).is_none_or(|&c| c == ' ') => {}
                    '[' | '{' if value_start => {
                        depth = 1;
                    }
                    ':' if chars.get(i + 1).is_none_or(|&c| c == ' ') => value_start = true,
                    '"' | '\'' if value_start => break, // a quoted value: text to the line's end
                    _ => value_start = false,
                }
            } else {
                match c {
                    '[' | '{' => {
                        depth += 1;
                        if depth > MAX_DEPTH {
                            return Some((n + 1, i + 1));
                        }
                    }
                    ']' | '}' => depth -= 1,
                    '#' if i > 0 && chars[i - 1] == ' ' => break,
                    '"' | '\'' => {
                        // A quoted scalar inside the flow: to its closing quote on this line.
                        let q = c;
                        i += 1;
                        while i < chars.len() {
                            if chars[i] == '\\' && q == '"' {
                                i += 1;
                            } else if chars[i] == q {
                                if q == '\'' && chars.get(i + 1) == Some(&'\'') {
                                    i += 1;
                                } else {
                                    break;
                                }
                            }
                            i += 1;
                        }
                    }
                    _ => {}
                }
            }
            i += 1;
        }
    }
    None
}

/// Where (line, column, 1-based) lines of YAML first nest past [`MAX_DEPTH`] levels by their
/// indentation (a key under a key under a key …, or `- - -`): the parser took 18 s on a file
/// nested 3,000 levels deep, to say it was too deep (robustness review). Each line's levels:
/// its indentation, and each `- ` that opens an item on it.
pub fn indented_too_deep(text: &str) -> Option<(usize, usize)> {
    let mut open: Vec<usize> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let mut at = line.len() - body.len();
        let mut levels = vec![at];
        let mut rest = body;
        while let Some(r) = rest.strip_prefix("- ").or(rest.strip_prefix("-\t")) {
            let next = r.trim_start_matches(' ');
            at += rest.len() - next.len();
            if next.is_empty() || next.starts_with('#') {
                break;
            }
            levels.push(at);
            rest = next;
        }
        while open.last().is_some_and(|&o| o >= levels[0]) {
            open.pop();
        }
        for l in levels {
            open.push(l);
            if open.len() > MAX_DEPTH {
                return Some((n + 1, line[..l].chars().count() + 1));
            }
        }
    }
    None
}

/// Parses `text` (which starts at line `first_line` of `file`) into `T`.
/// `fields` lists valid keys, used to suggest the nearest one for a misspelt key.
pub fn parse<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    parse_read(file, text, first_line, fields).map_err(|mut d| {
        yaml_words(&mut d);
        d
    })
}

/// [`parse`] before its last step ([`yaml_words`]): its message as the steps after it read.
fn parse_read<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Result<T, Diagnostic> {
    serde_yaml::from_str::<T>(text).map_err(|e| {
        let mut d = to_diagnostic(file, &e, first_line, fields);
        refine_position(&mut d, text, first_line);
        d
    })
}

/// Parses `text` like [`parse`], and on failure reports every mistake of the file's data, not
/// only serde's first: each further one at its own field (`handbook check` reports all errors
/// at once; a quiz with five wrong values took five runs), and past a syntax error, those after
/// it ([`past_syntax_errors`]).
pub fn parse_all<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Result<T, Vec<Diagnostic>> {
    parse_read::<T>(file, text, first_line, fields).map_err(|first| {
        // Lines indented with tabs: each named at its line, and the rest read with the tabs
        // as spaces (before the colons: a tab's line was taken for an item's text).
        if let Some(tabs) = tabs_read::<T>(file, text, first_line, fields) {
            let mut found = tabs.diagnostics(file, first_line);
            if let Err(more) = parse_all::<T>(file, &tabs.text, first_line, fields) {
                let moved = tabs.moved(first_line);
                for mut d in more {
                    column_back(&moved, &mut d);
                    found.push(d);
                }
            }
            return found;
        }
        // Keys written without their colon (`title 升级处理`, `time_limits` alone): YAML reads
        // each with the lines after it as one text and trips far below (or reports the whole
        // file as one text). Each is named at its line, and the rest is read with the colons
        // put in, so that what else is wrong is found as in a file without them.
        if let Some((mended, mut found)) = colonless_keys(file, text, first_line) {
            if let Err(more) = parse_all::<T>(file, &mended, first_line, fields) {
                found.extend(more);
            }
            return found;
        }
        let mut all = vec![first];
        all.extend(later_errors::<T>(file, text, first_line, fields));
        let (syntax, data, readable) = past_syntax_errors::<T>(file, text, first_line, fields);
        // Once the file reads with its slips set aside, its data's mistakes are those found
        // so: what serde made of the text before the slip is none (` time_limit: 20` a space
        // in under `exam: true` was read as `exam: "true time_limit"`, told as no boolean).
        // (A key given twice is one of them: it was read.)
        if readable.is_some() {
            all.retain(|d| duplicate_named(&d.message));
        }
        // On a line YAML cannot read, what serde made of it (`id: [onboarding` read as a
        // list) is no mistake to fix: the syntax error is; nor a field missing because it
        // is on such a line (`value:` indented a space off: the syntax error says so).
        all.retain(|d| {
            !syntax.iter().any(|s| {
                s.line == d.line
                    || (missing_named(&d.message).is_some()
                        && d.hint
                            .as_deref()
                            .is_some_and(|h| indented_field_hint_names(h, s.line)))
            })
        });
        for d in syntax.into_iter().chain(data) {
            if !all
                .iter()
                .any(|k| k.line == d.line && k.message == d.message)
            {
                all.push(d);
            }
        }
        all.iter_mut().for_each(yaml_words);
        // A missing field is told at the key its item's line begins with, as serde's first
        // error places it: a later reading placed it at the key's colon (`- change:` at 11).
        let lines: Vec<&str> = text.split('\n').collect();
        for d in all
            .iter_mut()
            .filter(|d| missing_named(&d.message).is_some())
        {
            let Some(line) = d.line.checked_sub(first_line).and_then(|i| lines.get(i)) else {
                continue;
            };
            if line.chars().nth(d.col.wrapping_sub(1)) == Some(':') {
                let body = line.trim_start();
                let item = body.strip_prefix("- ").map_or(body, str::trim_start);
                d.col = line[..line.len() - item.len()].chars().count() + 1;
            }
        }
        // (One mistake found twice, by the first reading and a later one, placed at the key
        // and at its colon: said once, at the first.)
        let mut seen = std::collections::HashSet::new();
        all.retain(|d| seen.insert((d.line, d.message.clone())));
        all
    })
}

/// The mistakes of a file YAML cannot read, past its first syntax error: the line of each
/// syntax error, with the lines indented under it (under its key, for an item's first key:
/// the item's `-` stays), is set aside (read as empty) and the rest read again; once it
/// reads, its data's mistakes are found as in a valid file. A trainer's rule with a
/// full-width colon on line 5, a Chinese value on line 6, a tab on line 20 and a date written
/// 2026/12/01 on line 28 took four runs of `check`; the first three are now found in one (the
/// date is checked once the rule reads). Not reported: a mistake that setting the lines aside
/// makes (a required field that was on them, and what its stand-in then makes), one already
/// known, and anything once a syntax error is found on a line already set aside.
/// A file that is a list is read an item at a time ([`top_items`]): each read of the whole
/// text after each slip made a file of 400 rules with a slip in each take 5-10 s; a file
/// whose items do not read alone (an alias of another item's anchor) is read whole.
/// Returns the syntax errors and the data's mistakes apart.
fn past_syntax_errors<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> (Vec<Diagnostic>, Vec<Diagnostic>, Option<Readable>) {
    let Some((lines, slips)) = slips_set_aside(file, text, first_line, fields, true) else {
        return (Vec::new(), Vec::new(), None);
    };
    if !slips.read {
        return (slips.syntax, Vec::new(), None);
    }
    let Slips {
        syntax,
        aside,
        parents,
        ranges,
        dashes,
        twice,
        ..
    } = slips;
    let mut out: Vec<Diagnostic> = Vec::new();
    let now = lines.join("\n");
    // (A valid file: later_errors has its mistakes. A file that was one mapping and is now a
    // list, or the other way round, is read as something else.)
    if (aside.is_empty() && twice.is_empty()) || super::is_list(&now) != super::is_list(text) {
        return (syntax, out, None);
    }
    let first = parse_read::<T>(file, &now, first_line, fields).err();
    let later = later_errors::<T>(file, &now, first_line, fields);
    for d in first.into_iter().chain(later) {
        // (A field that was on a line set aside is missing only here.)
        let made = missing_named(&d.message).is_some_and(|f| {
            aside.iter().any(|l| {
                let l = l.trim_start().trim_start_matches("- ");
                // (`what: …`, `what：…`, and `what 记录` without its colon.)
                // (Or the field misspelt there: `whatt:` for `what`.)
                leading_key(l).is_some_and(|(k, r)| {
                    (k == f || (k.len() > 2 && strsim::levenshtein(k, f) <= 2))
                        && (r.trim_start().starts_with([':', '：']) || r.starts_with(KEY_GAP))
                })
            })
        });
        // (Nor a key whose lines under it were all set aside: it reads as empty.)
        let emptied = d.message.contains("unit value")
            && parents.contains(&d.line.saturating_sub(first_line));
        // (Nor what is said of an item whose first key was set aside, at its `-`.)
        let dash = dashes.contains(&d.line.saturating_sub(first_line));
        if !made && !emptied && !dash {
            out.push(d);
        }
    }
    (syntax, out, Some(Readable { text: now, ranges }))
}

/// `text`'s lines with its syntax errors' lines set aside ([`past_syntax_errors`]), and what
/// was set aside; None when it reads as it is. `by_items`: a list is read an item at a time
/// (the whole text where its items do not read alone).
fn slips_set_aside(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
    by_items: bool,
) -> Option<(Vec<String>, Slips)> {
    if serde_yaml::from_str::<serde_yaml::Value>(text).is_ok() {
        return None;
    }
    let original: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut lines = original.clone();
    let mut slips = Slips::default();
    let items = if by_items && super::is_list(text) {
        top_items(&lines)
    } else {
        Vec::new()
    };
    let read = items.len() > 1
        && items
            .iter()
            .all(|&(s, e)| slips.set_aside(file, &mut lines[s..e], s, first_line, fields, true))
        && serde_yaml::from_str::<serde_yaml::Value>(&lines.join("\n")).is_ok();
    if !read {
        lines = original;
        slips = Slips::default();
        slips.read = slips.set_aside(file, &mut lines, 0, first_line, fields, false);
    } else {
        slips.read = true;
    }
    Some((lines, slips))
}

/// The lines (0-based, end excluded) of each item of a file that is a list: from a line
/// that starts with `-` at the first column to the next (the first with the comments above
/// it).
pub(crate) fn top_items<S: AsRef<str>>(lines: &[S]) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = (0..lines.len())
        .filter(|&i| {
            let l = lines[i].as_ref();
            l == "-" || l.starts_with("- ") || l.starts_with("-\t")
        })
        .collect();
    let mut items = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let from = if k == 0 { 0 } else { s };
        let to = starts.get(k + 1).copied().unwrap_or(lines.len());
        items.push((from, to));
    }
    items
}

/// What [`past_syntax_errors`] set aside.
#[derive(Default)]
struct Slips {
    syntax: Vec<Diagnostic>,
    /// The lines set aside, as written.
    aside: Vec<String>,
    /// The line (0-based) each set-aside block is under.
    parents: Vec<usize>,
    /// The lines (0-based, end excluded) set aside.
    ranges: Vec<(usize, usize)>,
    /// Items' lines that keep their `-` alone.
    dashes: Vec<usize>,
    /// The lines (0-based, end excluded) of the second of a key given twice, set aside.
    twice: Vec<(usize, usize)>,
    /// Whether the text reads with them set aside.
    read: bool,
}

impl Slips {
    /// `lines` (the file's lines from `offset`, its line `first_line + offset` first) read
    /// with each syntax error's lines set aside, and the second of a key given twice, until
    /// they read (true) or a slip cannot be set aside (false: a slip on a line already set
    /// aside, a key given twice that is not found, or, `item` alone, an alias of an anchor
    /// elsewhere or a key given twice, whose path names the item).
    fn set_aside(
        &mut self,
        file: &Path,
        lines: &mut [String],
        offset: usize,
        first_line: usize,
        fields: &[&str],
        item: bool,
    ) -> bool {
        let first_line = first_line + offset;
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        let indent = lead_len;
        for _ in 0..500 {
            let now = lines.join("\n");
            let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&now) else {
                return true;
            };
            if item && e.to_string().contains("unknown anchor") {
                return false;
            }
            // A key given twice (`title:` again, a step's second `what:`): told as serde
            // tells it, and its second is set aside (the first is read): the rest of the
            // file was not read at all (a slip or a wrong date further down waited).
            if let Some((path, key)) = duplicate_entry(&without_position(&e.to_string())) {
                let Some(loc) = e.location().filter(|_| !item) else {
                    return false;
                };
                let strs: Vec<&str> = lines.iter().map(String::as_str).collect();
                let (start, col) = (loc.line().saturating_sub(1), loc.column().saturating_sub(1));
                let Some((_, again, first_key)) = key_twice(&strs, start, col, &key) else {
                    return false;
                };
                // An item's first key again (its `id:`): the `- ` of another item is lost,
                // and the keys after it are that item's, set aside with it (not each told as
                // given twice).
                let in_item = strs
                    .get(start)
                    .is_some_and(|l| l.trim_start().starts_with("- ") && indent(l) + 2 <= col);
                let lost_dash = in_item && (key == "id" || first_key.as_deref() == Some(&key));
                if ranges.iter().any(|&(a, e)| (a..e).contains(&again)) {
                    return false;
                }
                let named = match path.as_str() {
                    "" => format!("duplicate field `{key}`"),
                    p => format!("{p}: duplicate field `{key}`"),
                };
                let mut d = explain(
                    file,
                    loc.line() + first_line - 1,
                    loc.column(),
                    named,
                    fields,
                );
                refine_position(&mut d, &now, first_line);
                self.syntax.push(d);
                let end = if lost_dash {
                    (again + 1..lines.len())
                        .find(|&i| {
                            let body = lines[i].trim_start();
                            !body.is_empty()
                                && !body.starts_with('#')
                                && past_mapping(body, indent(&lines[i]), col)
                        })
                        .unwrap_or(lines.len())
                } else {
                    block_end(lines, again, indent(&lines[again]))
                };
                for l in &mut lines[again..end] {
                    std::mem::take(l);
                }
                ranges.push((again, end));
                self.twice.push((again + offset, end + offset));
                continue;
            }
            let mut d = to_diagnostic(file, &e, first_line, fields);
            refine_position(&mut d, &now, first_line);
            let Some(at) = d.line.checked_sub(first_line).filter(|&i| i < lines.len()) else {
                return false;
            };
            if ranges.iter().any(|&(a, e)| (a..e).contains(&at)) {
                return false; // on a line set aside: the setting aside did not get past it
            }
            self.syntax.push(d);
            let base = indent(&lines[at]);
            // An item's first key (`  - who： 受理人员`) with more keys of the item under it
            // (`    what： …`): its `-` stays and those keys are read on (their own slips are
            // found in the same run); set aside is the line and what is indented under its
            // key.
            let key_col = base + 2;
            let keep_dash = lines[at]
                .trim_start()
                .strip_prefix("- ")
                .is_some_and(|rest| leading_key(rest).is_some())
                && lines
                    .get(under(lines, at, key_col))
                    .is_some_and(|l| indent(l) == key_col && !l.trim_start().starts_with('-'));
            let end = if keep_dash {
                under(lines, at, key_col)
            } else {
                block_end(lines, at, base)
            };
            if let Some(p) = (0..at)
                .rev()
                .find(|&i| !lines[i].trim().is_empty() && indent(&lines[i]) < base)
            {
                self.parents.push(p + offset);
            }
            for l in &mut lines[at..end] {
                self.aside.push(std::mem::take(l));
            }
            if keep_dash {
                lines[at] = format!("{}-", " ".repeat(base));
                self.dashes.push(at + offset);
            }
            ranges.push((at, end));
            self.ranges.push((at + offset, end + offset));
        }
        false
    }
}

/// The end (0-based, excluded) of the lines from `at + 1` indented past `col` (blank lines
/// among them).
fn under(lines: &[String], at: usize, col: usize) -> usize {
    (at + 1..lines.len())
        .find(|&i| !lines[i].trim().is_empty() && lead_len(&lines[i]) <= col)
        .unwrap_or(lines.len())
}

/// The end (0-based, excluded) of line `at`'s block, the line at column `base`: the lines
/// indented under it, and a key's list standing at the key's own indent (`must:` then
/// `- 记录`).
fn block_end(lines: &[String], at: usize, base: usize) -> usize {
    let mut end = under(lines, at, base);
    if !lines[at].trim_start().starts_with('-') {
        while end < lines.len()
            && (lines[end].trim().is_empty()
                || (lead_len(&lines[end]) == base && lines[end].trim_start().starts_with("- ")))
        {
            end += 1;
        }
    }
    end
}

/// Whether a line (its text after its indentation, `body`, indented by `indent`) is past the
/// end of a mapping whose keys stand at column `col`: further left, or a `- ` that starts
/// another item of the list the mapping is an item of.
fn past_mapping(body: &str, indent: usize, col: usize) -> bool {
    indent < col || (body.starts_with("- ") && indent + 2 <= col)
}

/// libyaml's words for a key given twice, `steps[0]: duplicate entry with key "what"`: the
/// path (`.[1]` as serde names it for a struct, `[1]`) and the key.
fn duplicate_entry(message: &str) -> Option<(String, String)> {
    let (path, key) = message.split_once("duplicate entry with key ")?;
    let path = path.trim_end().trim_end_matches(':');
    let path = path.strip_prefix('.').unwrap_or(path);
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .unwrap_or(key);
    Some((path.to_string(), key.to_string()))
}

/// The lines (0-based) of the first and second key `key` of the mapping that starts at line
/// `start`, its keys at column `col` (0-based; an item's after its `- `), and the mapping's
/// first key.
pub(crate) fn key_twice(
    lines: &[&str],
    start: usize,
    col: usize,
    key: &str,
) -> Option<(usize, usize, Option<String>)> {
    // Each line's key and the column it starts at (after its indentation and any `- `).
    let keyed = |line: &str| -> Option<(usize, String)> {
        let body = line.trim_start_matches(' ');
        let mut at = line.len() - body.len();
        let body = match body.strip_prefix("- ") {
            Some(b) => {
                let b2 = b.trim_start_matches(' ');
                at += 2 + b.len() - b2.len();
                b2
            }
            None => body,
        };
        let (k, after) = leading_key(body)?;
        after
            .trim_start_matches(' ')
            .starts_with(':')
            .then(|| (at, k.to_string()))
    };
    let mut first_key: Option<String> = None;
    let mut first: Option<usize> = None;
    for (i, line) in lines.iter().enumerate().skip(start) {
        let body = line.trim_start_matches(' ');
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        if i > start && past_mapping(body, indent, col) {
            break;
        }
        let Some((at, k)) = keyed(line) else {
            continue;
        };
        if at != col {
            continue;
        }
        if first_key.is_none() {
            first_key = Some(k.clone());
        }
        if k == key {
            match first {
                None => first = Some(i),
                Some(f) => return Some((f, i, first_key)),
            }
        }
    }
    None
}

/// The text [`past_syntax_errors`] got to read, its slips' lines emptied (an item's `-`
/// kept), and the lines (0-based, end excluded) it set aside.
struct Readable {
    text: String,
    ranges: Vec<(usize, usize)>,
}

/// A file's data as it reads once the mistakes [`parse_all`] reports are set aside, for the
/// checks that follow reading (a rule's dates): without it, those were found only in the run
/// after the last type error was fixed.
pub struct PastMistakes<T> {
    /// The data read twice, each time with other stand-ins for the values set aside (`x`
    /// and `y`, 1 and 2, a set's first word and its last ...): a check that finds the same in
    /// both found it in what the trainer wrote, not in a stand-in.
    pub read: [T; 2],
    /// The text read (a key's colon put in where it was full-width or missing; the lines
    /// keep their numbers), for the fields' places.
    pub text: String,
    /// The file's lines where something was set aside or stood in: a mistake found there is
    /// the stand-in's.
    pub aside: Vec<usize>,
    /// Whether an item of a list took another's place or the last was left out (it fitted
    /// nothing else), or a slip's lines were set aside (which may take an item out): a check
    /// that counts a list's items or compares them (a quiz's draw against its questions, a
    /// question id used twice) finds what the copy or the gap makes.
    pub reshaped: bool,
    /// The file's lines indented with tabs, read as spaces ([`TabsRead`]), and how many
    /// characters longer each became: a column found there is that many further left
    /// ([`column_back`]).
    pub moved: Vec<(usize, isize)>,
}

/// [`PastMistakes`] of `text`, None when it still does not read (or reads as something else).
pub fn past_mistakes<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Option<PastMistakes<T>> {
    // A key's colon written full-width (`summary： …`) or left out (`summary …`) is read as
    // meant: the checks see the file as the trainer wrote it. Past another line YAML cannot
    // read, the fields on it are missing, and what the checks make of that is no mistake of
    // the trainer's: those checks wait for it to be fixed.
    let tabs = tabs_read::<T>(file, text, first_line, fields);
    let moved = tabs.as_ref().map_or(Vec::new(), |t| t.moved(first_line));
    let text = tabs.as_ref().map_or(text, |t| t.text.as_str());
    let (text, mut aside) = colons_put_in(file, text, first_line);
    // A key of the file's own indented off (` summary: …`): read at its fields' column.
    let (text, put_back) = own_keys_put_back(file, text, first_line, fields);
    aside.extend(put_back);
    // A key inside a field indented off (a step's `     what:`): read where it fits.
    let text = match keys_put_back::<T>(file, &text, first_line, fields) {
        Some((mended, lines)) => {
            aside.extend(lines);
            mended
        }
        None => text,
    };
    // (Lines set aside may take an item out of a list: counted as reshaped.)
    let mut reshaped = false;
    let text = match serde_yaml::from_str::<serde_yaml::Value>(&text) {
        Ok(_) => text,
        // A slip inside a field of the file's (a tab in a step): the file is read with the
        // slip's lines set aside, and that whole field is taken as stood in (what its
        // nested fields' absence makes is no mistake of the trainer's). A slip in a line of
        // the file's own fields: the checks wait for it.
        Err(_) => {
            let readable = past_syntax_errors::<T>(file, &text, first_line, fields).2?;
            let lines: Vec<&str> = text.split('\n').collect();
            // (A field of a list's item stands under its `- `.)
            let top = if super::is_list(&text) { 2 } else { 0 };
            let indent = lead_len;
            let field_line = |i: usize| {
                let l = lines[i];
                !l.trim().is_empty() && !l.trim_start().starts_with('#') && indent(l) <= top
            };
            for &(a, _) in &readable.ranges {
                // (Nested only as written plainly: indented with spaces under a field that
                // holds more lines, and not a key of the file's own — a tab, or a field of the
                // file's indented off, may be one of its own fields.)
                let slip = lines[a];
                let lead = &slip[..lead_len(slip)];
                let body = slip.trim_start().trim_start_matches("- ");
                let own_key = leading_key(body).is_some_and(|(k, _)| fields.contains(&k));
                if field_line(a) || lead.contains('\t') || indent(slip) < top + 2 || own_key {
                    return None;
                }
                let start = (0..a).rev().find(|&i| field_line(i))?;
                let holds = lines[start]
                    .split(" #")
                    .next()
                    .unwrap_or("")
                    .trim_end()
                    .ends_with(':');
                if !holds {
                    return None;
                }
                let end = (a + 1..lines.len())
                    .find(|&i| field_line(i))
                    .unwrap_or(lines.len());
                aside.extend((start..end).map(|i| i + first_line));
            }
            reshaped = true;
            readable.text
        }
    };
    let text = text.as_str();
    let spans =
        super::spans::Spans::new(std::sync::Arc::new(super::spans::SpanMap::parse(text)), "");
    let mut both = Vec::new();
    for alt in [false, true] {
        let all = set_aside_all::<T>(file, text, first_line, fields, alt);
        // (Only a value written: a missing field's stand-in has no line of its own, and
        // the nearest written above it is a field of the trainer's.)
        for p in all
            .paths
            .iter()
            .map(|p| p.join("."))
            .filter(|p| spans.has(p))
        {
            aside.extend(spans.at(&p).map(|(l, _)| l + first_line - 1));
        }
        reshaped |= all.reshaped;
        both.push(all.read?);
    }
    aside.sort_unstable();
    aside.dedup();
    let [a, b]: [T; 2] = both.try_into().ok()?;
    Some(PastMistakes {
        read: [a, b],
        text: text.to_string(),
        aside,
        reshaped,
        moved,
    })
}

/// Where YAML first trips in `text` (which starts at the file's line `first_line`): Ok when
/// it reads, else the line of `text` (0-based) the slip is placed at, None when that is above
/// it.
fn first_slip(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Result<(), Option<usize>> {
    let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(text) else {
        return Ok(());
    };
    let mut d = to_diagnostic(file, &e, first_line, fields);
    refine_position(&mut d, text, first_line);
    Err(d.line.checked_sub(first_line))
}

/// `text` with each line YAML trips on that holds one of the file's own keys (`fields`)
/// indented off (` summary: …` a space in, `  effective: …` under a list) put back at the
/// column of the file's fields, while that gets YAML past the line, and the lines (of the
/// file) moved. Without it the rule's checks waited: `effective` was missing only there,
/// and `previous` would have been told it needs one. A key already written at that column is
/// not put back (it would be there twice).
fn own_keys_put_back(
    file: &Path,
    text: String,
    first_line: usize,
    fields: &[&str],
) -> (String, Vec<usize>) {
    let top = if super::is_list(&text) { 2 } else { 0 };
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut moved = Vec::new();
    for _ in 0..20 {
        let at = match first_slip(file, &lines.join("\n"), first_line, fields) {
            Err(Some(at)) if at < lines.len() => at,
            _ => break,
        };
        let l = lines[at].clone();
        let lead = indent_of(&l);
        let body = &l[lead..];
        let Some((key, _)) =
            leading_key(body).filter(|(k, r)| r.starts_with(':') && fields.contains(k))
        else {
            break;
        };
        // (The item's own `- ` line holds its first field: `  - id: …` in a list.)
        let at_top = |l: &str| {
            let b = if top == 2 {
                l.strip_prefix("- ").or_else(|| l.strip_prefix("  "))
            } else {
                Some(l)
            };
            b.filter(|b| !b.starts_with(' '))
                .and_then(leading_key)
                .is_some_and(|(k, _)| k == key)
        };
        // (Within the same item of a list: back to its `- ` line.)
        let from = if top == 2 {
            (0..at)
                .rev()
                .find(|&i| lines[i].starts_with("- "))
                .unwrap_or(0)
        } else {
            0
        };
        let to = if top == 2 {
            (at + 1..lines.len())
                .find(|&i| lines[i].starts_with("- "))
                .unwrap_or(lines.len())
        } else {
            lines.len()
        };
        if lead == top || (from..to).any(|i| i != at && at_top(&lines[i])) {
            break;
        }
        let old = std::mem::replace(&mut lines[at], format!("{}{body}", " ".repeat(top)));
        let past = match serde_yaml::from_str::<serde_yaml::Value>(&lines.join("\n")) {
            Ok(_) => true,
            Err(e) => e.location().is_some_and(|loc| loc.line() > at + 1),
        };
        if !past {
            lines[at] = old;
            break;
        }
        moved.push(at + first_line);
    }
    (lines.join("\n"), moved)
}

/// `text` (which YAML cannot read) with each line it trips on that holds a key indented
/// off (a step's `     what:` a space past its `who:`) put where YAML reads past it among
/// the columns of the lines it may belong with ([`meant_col`]), and the lines (of the file)
/// moved; None unless the file then reads and each key moved is a field where it was put
/// (no mistake of the data on its line: a key under the wrong parent is an unknown field
/// there). Without it the checks of the whole field the slip was in waited.
fn keys_put_back<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Option<(String, Vec<usize>)> {
    let top = if super::is_list(text) { 2 } else { 0 };
    let mut lines: Vec<String> = text.split('\n').map(str::to_string).collect();
    let mut moved = Vec::new();
    // (A few: each is placed by reading the whole file again for each column tried; past
    // them, the slips' fields wait, as they did.)
    for round in 0..=5 {
        let at = match first_slip(file, &lines.join("\n"), first_line, fields) {
            Ok(()) => break,
            Err(Some(at)) if at < lines.len() && round < 5 => at,
            Err(_) => return None,
        };
        let l = lines[at].as_str();
        let lead = indent_of(l);
        let body = &l[lead..];
        if moved.contains(&at) || !leading_key(body).is_some_and(|(_, r)| r.starts_with(':')) {
            return None;
        }
        let col = meant_col(&lines, at, top, fields)
            .ok()
            .filter(|&c| c != lead)?;
        lines[at] = format!("{}{body}", " ".repeat(col));
        moved.push(at);
    }
    let text = lines.join("\n");
    if moved.is_empty() || serde_yaml::from_str::<serde_yaml::Value>(&text).is_err() {
        return None;
    }
    let first = parse_read::<T>(file, &text, first_line, fields).err();
    let later = later_errors::<T>(file, &text, first_line, fields);
    let misplaced = first
        .iter()
        .chain(&later)
        .any(|d| moved.iter().any(|&i| d.line == i + first_line));
    (!misplaced).then(|| (text, moved.iter().map(|i| i + first_line).collect()))
}

/// `text` with the colons of its keys put in where a Chinese input method wrote them
/// full-width (`summary： …`) or they were left out ([`colonless_keys`]), and the lines (of the
/// file) mended.
fn colons_put_in(file: &Path, text: &str, first_line: usize) -> (String, Vec<usize>) {
    let (text, mut mended) = match colonless_keys(file, text, first_line) {
        Some((text, found)) => (text, found.iter().map(|d| d.line).collect()),
        None => (text.to_string(), Vec::new()),
    };
    let keys = known_keys();
    let lines: Vec<String> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            let fixed = full_width_key(line)
                .filter(|(k, _)| keys.contains(*k))
                .map(|(_, at)| {
                    let after = line[at..].trim_start_matches(' ');
                    let after = after.strip_prefix('：').unwrap_or(after);
                    format!("{}: {}", &line[..at], after.trim_start())
                });
            match fixed {
                Some(f) => {
                    mended.push(i + first_line);
                    f
                }
                None => line.to_string(),
            }
        })
        .collect();
    (lines.join("\n"), mended)
}

/// A file's lines indented with tabs (a Tab key in Notepad), read as meant: each tab taken as
/// spaces to the next tab stop, at the width that reads (the file's own indentation step
/// first, then 2, 4, 8). Without it a file indented with tabs throughout told a tab error
/// for every few lines, items' keys "missing" that were only behind a tab, and waited with
/// every other check until each tab was gone.
struct TabsRead {
    /// The text with its tabs read as spaces (the lines keep their numbers).
    text: String,
    /// The spaces a tab was read as; 0: each line where it reads among the columns of the
    /// lines it may belong with ([`meant_col`]: a few stray tabs).
    width: usize,
    /// The lines read so.
    lines: Vec<TabLine>,
}

/// A line [`TabsRead`] read with its tabs as spaces.
struct TabLine {
    /// Its number in the text (0-based).
    at: usize,
    /// Its indentation as written, in characters (spaces and tabs).
    written: usize,
    /// The spaces it was read as indented by.
    read: usize,
    /// The column (1-based) of its first tab.
    tab: usize,
}

impl TabsRead {
    /// An error at each line indented with a tab, saying how it was read.
    fn diagnostics(&self, file: &Path, first_line: usize) -> Vec<Diagnostic> {
        let w = self.width;
        self.lines
            .iter()
            .map(|l| {
                let n = l.read;
                Diagnostic::error(
                    file,
                    l.at + first_line,
                    l.tab,
                    t!("this line is indented with a tab", "这一行用 Tab 字符缩进了"),
                )
                .with_hint(if w == 0 && n == 0 {
                    t!(
                        "YAML indentation must use spaces, not tabs: delete the tab, so that the line starts at its first column like the lines it belongs with (the rest of the file was checked reading it so)",
                        "YAML 的缩进只能用空格，不能用 Tab：删掉这个 Tab，让这一行顶格写，和同一层的行对齐（本次已按这样读完并检查了文件的其余部分）"
                    )
                } else if w == 0 {
                    t!(
                        "YAML indentation must use spaces, not tabs: indent this line with {n} spaces instead, like the lines it belongs with (the rest of the file was checked reading it so)",
                        "YAML 的缩进只能用空格，不能用 Tab：把这一行的缩进换成 {n} 个空格，和同一层的行对齐（本次已按这样读完并检查了文件的其余部分）"
                    )
                } else {
                    t!(
                        "YAML indentation must use spaces, not tabs: replace each tab at the start of the line with {w} spaces (the rest of the file was checked reading it so); most editors can convert a whole file's indentation to spaces",
                        "YAML 的缩进只能用空格，不能用 Tab：把行首的每个 Tab 换成 {w} 个空格（本次已按这样读完并检查了文件的其余部分）；多数编辑器能把整个文件的缩进一次换成空格"
                    )
                })
            })
            .collect()
    }

    /// The file's lines read so, and how many characters longer each became ([`column_back`]).
    fn moved(&self, first_line: usize) -> Vec<(usize, isize)> {
        (self.lines.iter())
            .map(|l| (l.at + first_line, l.read as isize - l.written as isize))
            .collect()
    }
}

/// A diagnostic placed in a text whose lines `moved` (the file's line, and how many
/// characters longer it became: [`TabsRead::moved`]) were read with their tabs as spaces,
/// placed in the line as written.
pub(crate) fn column_back(moved: &[(usize, isize)], d: &mut Diagnostic) {
    d.col = col_back(moved, d.line, d.col);
}

/// Column `col` of line `line` in a text read with its tabs as spaces ([`TabsRead::moved`]),
/// placed in the line as written.
pub(crate) fn col_back(moved: &[(usize, isize)], line: usize, col: usize) -> usize {
    match moved.iter().find(|&&(l, _)| l == line) {
        Some(&(_, added)) => (col as isize - added).max(1) as usize,
        None => col,
    }
}

/// [`TabsRead`] of a file YAML cannot read, None when YAML reads it, no line is indented with
/// a tab, or no width reads past them. Of the widths, the one whose first syntax error (if any) is
/// furthest down wins, then the one with the fewest data mistakes on the lines read (a key
/// under the wrong parent is an unknown field there); a width whose first error is on a line
/// read so did not get past it.
fn tabs_read<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Option<TabsRead> {
    let lines: Vec<&str> = text.split('\n').collect();
    let lead = lead_len;
    // The lines to read: a tab in their indentation and something after it (a comment too:
    // YAML trips on its tab as well), and not text inside a block (`body: |`) whose tab
    // comes after its spaces.
    let mut tabbed = Vec::new();
    let mut block: Option<usize> = None;
    // (A quoted value going on over lines: its lines are text, a tab there is YAML's.)
    let mut quoted: Option<char> = None;
    for (i, l) in lines.iter().enumerate() {
        let l = l.trim_end_matches('\r');
        if let Some(q) = quoted {
            if l.contains(q) {
                quoted = None;
            }
            continue;
        }
        if l.trim().is_empty() {
            continue;
        }
        if let Some(b) = block {
            if lead(l) > b && l.starts_with(' ') {
                continue;
            }
            if lead(l) <= b {
                block = None;
            }
        }
        let body = l.trim_start_matches([' ', '\t']).trim_start_matches("- ");
        let value = leading_key(body)
            .and_then(|(_, r)| r.strip_prefix(':'))
            .map_or(body, str::trim_start);
        quoted = ['"', '\'']
            .into_iter()
            .find(|&q| value.starts_with(q) && !value[1..].contains(q));
        if !content_line(l) {
            if l[..lead(l)].contains('\t') {
                tabbed.push(i);
            }
            continue;
        }
        if opens_block(l) {
            block = Some(lead(l));
        }
        if l[..lead(l)].contains('\t') {
            tabbed.push(i);
        }
    }
    // (A file YAML reads has its tabs where YAML takes them.)
    if tabbed.is_empty() || serde_yaml::from_str::<serde_yaml::Value>(text).is_ok() {
        return None;
    }
    // The file's own step: the least indentation of its lines indented with spaces alone.
    let step = lines
        .iter()
        .filter(|l| content_line(l) && !l[..lead(l)].contains('\t'))
        .map(|l| lead(l))
        .filter(|&n| n > 0)
        .min()
        .filter(|n| (2..=8).contains(n));
    // (0: each line where it reads among the columns of the lines it may belong with: a tab
    // slipped in before one of the file's own keys, or a step's.)
    let top = if super::is_list(text) { 2 } else { 0 };
    // (Each line of the last reading is placed by reading the file again: only for a few.)
    let stray = (tabbed.len() <= 20).then_some(0);
    let widths: Vec<usize> = step.into_iter().chain([2, 4, 8]).chain(stray).collect();
    type Score = (
        std::cmp::Reverse<(usize, usize)>,
        usize,
        std::cmp::Reverse<usize>,
    );
    let mut best: Option<(Score, TabsRead)> = None;
    for (k, &w) in widths.iter().enumerate() {
        if widths[..k].contains(&w) {
            continue;
        }
        let mut read: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        let mut placed = Vec::new();
        for &i in &tabbed {
            let l = lines[i];
            let n = lead(l);
            // (Each tab to the next tab stop.)
            let col = if w == 0 {
                meant_col(&read, i, top, fields).unwrap_or_else(|first| first)
            } else {
                l[..n]
                    .chars()
                    .fold(0, |col: usize, c| match (c, col.checked_div(w)) {
                        ('\t', Some(stops)) => (stops + 1) * w,
                        _ => col + 1,
                    })
            };
            read[i] = format!("{}{}", " ".repeat(col), &l[n..]);
            placed.push(TabLine {
                at: i,
                written: n,
                read: col,
                tab: l.find('\t').unwrap_or(0) + 1,
            });
        }
        let read = read.join("\n");
        let on_tabs = |d: &Diagnostic| tabbed.contains(&d.line.saturating_sub(first_line));
        let (first_error, slips, off) = match first_slip(file, &read, first_line, fields) {
            Ok(()) => {
                let first = parse_read::<T>(file, &read, first_line, fields).err();
                let later = later_errors::<T>(file, &read, first_line, fields);
                let off = first.iter().chain(&later).filter(|d| on_tabs(d)).count();
                (usize::MAX, (0, 0), off)
            }
            Err(at) => {
                let at = at.unwrap_or(0);
                if tabbed.contains(&at) {
                    continue; // not past its tabs
                }
                // (A slip of another kind before them, where every width trips: the slips
                // YAML still finds on the tab lines once each is set aside, and the data's
                // mistakes there, tell the widths apart.)
                let (syntax, data, readable) =
                    past_syntax_errors::<T>(file, &read, first_line, fields);
                let tripped = syntax.iter().filter(|d| on_tabs(d)).count();
                let slips = (tripped + usize::from(readable.is_none()), syntax.len());
                (at, slips, data.iter().filter(|d| on_tabs(d)).count())
            }
        };
        let score = (
            std::cmp::Reverse(slips),
            first_error,
            std::cmp::Reverse(off),
        );
        if best.as_ref().is_none_or(|(s, _)| score > *s) {
            best = Some((
                score,
                TabsRead {
                    text: read,
                    width: w,
                    lines: placed,
                },
            ));
        }
    }
    best.map(|(_, t)| t)
}

/// The column a line indented with a tab was meant at, for [`tabs_read`]'s reading of a
/// stray tab (line `i` of `read`, the lines above already read as spaces): among the columns
/// of the lines above it may belong with — the file's own fields' column for one of its keys
/// (`top`), the child's column under a key that opens a block, and each enclosing line's,
/// nearest first (an item's `-` where an item's; a key's where a key's) — the first where YAML
/// reads past the line (Err: none does; the first of them).
fn meant_col(read: &[String], i: usize, top: usize, fields: &[&str]) -> Result<usize, usize> {
    let lead = lead_len;
    let body = read[i].trim_start_matches([' ', '\t']);
    let item = body.starts_with("- ") || body == "-";
    let own =
        !item && leading_key(body).is_some_and(|(k, r)| r.starts_with(':') && fields.contains(&k));
    let mut cands = Vec::new();
    if own {
        cands.push(top);
    }
    let mut least = usize::MAX;
    for j in (0..i).rev() {
        let a = read[j].as_str();
        if !content_line(a) || lead(a) >= least {
            continue;
        }
        if least == usize::MAX && a.split(" #").next().unwrap_or("").trim_end().ends_with(':') {
            cands.push(key_col(a) + 2);
        }
        cands.push(if item { lead(a) } else { key_col(a) });
        least = lead(a);
        if least == 0 {
            break;
        }
    }
    cands.push(top);
    let mut lines: Vec<String> = read.to_vec();
    for &c in &cands {
        lines[i] = format!("{}{body}", " ".repeat(c));
        let past = match serde_yaml::from_str::<serde_yaml::Value>(&lines.join("\n")) {
            Ok(_) => true,
            Err(e) => e.location().is_some_and(|l| l.line() > i + 1),
        };
        if past {
            return Ok(c);
        }
    }
    Err(cands[0])
}

/// The mistakes after the first in a file that is valid YAML: its data deserialized again
/// and again, each time with the last mistake set aside (an unknown field removed, a value of
/// the wrong type replaced by one that fits), until it reads or nothing more can be set aside.
fn later_errors<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
) -> Vec<Diagnostic> {
    set_aside_all::<T>(file, text, first_line, fields, false).errors
}

/// What [`set_aside_all`] found and made.
struct AllSetAside<T> {
    /// The mistakes after the first.
    errors: Vec<Diagnostic>,
    /// The value once they are set aside; None when it still does not read.
    read: Option<T>,
    /// The paths of what was set aside (a missing field's with its name).
    paths: Vec<Vec<String>>,
    /// Whether a list was reshaped ([`SetAside::Reshaped`]).
    reshaped: bool,
}

/// [`later_errors`], with what setting them aside made. `alt` takes other stand-ins
/// ([`set_aside`]). A file that is a list is read an item at a time (each as a list of one),
/// so that a file of 400 rules with a mistake in each costs 400 small reads, not 400 reads of
/// the whole file (which took 9 s), and every item's mistakes are found.
fn set_aside_all<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    first_line: usize,
    fields: &[&str],
    alt: bool,
) -> AllSetAside<T> {
    use serde_yaml::Value;
    let mut all = AllSetAside {
        errors: Vec::new(),
        read: None,
        paths: Vec::new(),
        reshaped: false,
    };
    let Ok(value) = serde_yaml::from_str::<Value>(text) else {
        return all;
    };
    let mut at = Rounds {
        file,
        text,
        first_line,
        fields,
        alt,
        spans: super::spans::Spans::new(
            std::sync::Arc::new(super::spans::SpanMap::parse(text)),
            "",
        ),
        first: true,
        misspelt: Vec::new(),
        part: None,
    };
    match value {
        // (Only where a list is what is wanted: a quiz written as a list is one mistake.)
        Value::Sequence(items)
            if items.len() > 1
                && serde_yaml::from_value::<T>(Value::Sequence(Vec::new())).is_ok() =>
        {
            let n = items.len();
            // (Each item's lines, where they are as many as the items read.)
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let lines: Vec<&str> = text.split('\n').collect();
            let parts: Vec<(&str, usize)> = top_items(&lines)
                .into_iter()
                .map(|(a, e)| {
                    let end = starts.get(e).map_or(text.len(), |&b| b - 1);
                    (&text[starts[a]..end], first_line + a)
                })
                .collect();
            let mut kept: Vec<Option<Value>> = Vec::with_capacity(n);
            for (i, item) in items.into_iter().enumerate() {
                at.part = parts.get(i).copied().filter(|_| parts.len() == n);
                let mut one = Value::Sequence(vec![item]);
                let read = at.rounds::<T>(&mut one, Some(i), &mut all);
                kept.push(match one {
                    Value::Sequence(mut v) if read && v.len() == 1 => v.pop(),
                    _ => None,
                });
            }
            // An item that fits nothing was left out: the nearest item that reads takes its
            // place, so that the others keep their numbers (as [`set_aside`] does in a list).
            let good: Vec<usize> = (0..n).filter(|&i| kept[i].is_some()).collect();
            let mut items = Vec::with_capacity(n);
            for i in 0..n {
                match &kept[i] {
                    Some(v) => items.push(v.clone()),
                    None => {
                        let Some(&j) = good.iter().min_by_key(|&&j| j.abs_diff(i)) else {
                            return all;
                        };
                        all.reshaped = true;
                        items.push(kept[j].clone().unwrap_or(Value::Null));
                    }
                }
            }
            all.read = serde_yaml::from_value::<T>(Value::Sequence(items)).ok();
        }
        mut value => {
            if at.rounds::<T>(&mut value, None, &mut all) {
                all.read = serde_yaml::from_value::<T>(value).ok();
            }
        }
    }
    all
}

/// What [`set_aside_all`] reads with.
struct Rounds<'a> {
    file: &'a Path,
    text: &'a str,
    first_line: usize,
    fields: &'a [&'a str],
    alt: bool,
    spans: super::spans::Spans,
    /// Whether no mistake was met yet: the first is the one `parse` reported.
    first: bool,
    /// The misspelt keys met (`whaat:`): the mapping's path and the field each is nearest.
    /// That field's absence from the mapping is the same mistake, said once (the unknown
    /// key's help names it).
    misspelt: Vec<(Vec<String>, String)>,
    /// The lines of the item read now, when a list is read an item at a time, and the
    /// file's line it starts at: a mistake's place is refined in them (in the whole text,
    /// each of 400 rules' mistakes read it all).
    part: Option<(&'a str, usize)>,
}

impl Rounds<'_> {
    /// `value` read as `T` again and again, each time with its mistake set aside, until it
    /// reads (true) or nothing more can be set aside. `item`: `value` is the list of one that
    /// holds the file's item `item` (its paths start `0`, named and placed as `item`).
    fn rounds<T: DeserializeOwned>(
        &mut self,
        value: &mut serde_yaml::Value,
        item: Option<usize>,
        all: &mut AllSetAside<T>,
    ) -> bool {
        let mut seen = std::collections::HashSet::new();
        for _ in 0..40 {
            let err = match serde_path_to_error::deserialize::<_, T>(value.clone()) {
                Ok(_) => return true,
                Err(e) => e,
            };
            let here = path_of(err.path());
            // (The file's path: the item's number for the list of one's `0`.)
            let mut path = here.clone();
            let mut shown = err.path().to_string();
            if let (Some(i), Some(first)) = (item, path.first_mut()) {
                *first = i.to_string();
                if let Some(rest) = shown.strip_prefix("[0]") {
                    shown = format!("[{i}]{rest}");
                }
            }
            let message = without_position(&err.inner().to_string());
            if !seen.insert((here.clone(), message.clone())) {
                return false; // set aside already, and back: nothing more to learn
            }
            let dotted = path.join(".");
            let unknown = message.starts_with("unknown field");
            let at = if message.ends_with("expected field identifier") {
                // (A key that is no name has no path to find it by.)
                odd_key(self.text)
            } else if unknown {
                let (parent, key) = path.split_at(path.len().saturating_sub(1));
                self.spans.key(&parent.join("."), &key.join(""))
            } else {
                self.spans.at(&dotted)
            };
            let first_line = self.first_line;
            let (line, col) = at.map_or((first_line, 1), |(l, c)| (l + first_line - 1, c));
            // A number or true / false where text is expected is no mistake: reading the
            // file takes it as the text written (`version: 1.10` is "1.10", `customer: 2` is
            // "2"); only the YAML value read here has it typed. Set aside, not reported.
            let scalar_for_text = message.ends_with("expected a string")
                && ["integer", "floating point", "boolean"]
                    .iter()
                    .any(|t| message.starts_with(&format!("invalid type: {t} ")));
            if unknown {
                let (parent, key) = path.split_at(path.len().saturating_sub(1));
                let expected = message.split_once("expected").map_or("", |(_, e)| e);
                if let Some(meant) = nearest(&key.join(""), backticked(expected)) {
                    self.misspelt.push((parent.to_vec(), meant.to_string()));
                }
            }
            let misspelt = serde_missing(&message)
                .is_some_and(|f| self.misspelt.iter().any(|(p, m)| *p == path && m == f));
            // (The first is the one `parse` reported, at serde's own position.)
            if !std::mem::take(&mut self.first) && !scalar_for_text && !misspelt {
                // (Named by its path, as serde_yaml names the first: `questions[1].answer: …`.)
                let named = match shown.as_str() {
                    "" | "." => message.clone(),
                    p => format!("{p}: {message}"),
                };
                let mut d = explain(self.file, line, col, named, self.fields);
                let (text, from) = self
                    .part
                    .filter(|&(t, f)| (f..f + t.split('\n').count()).contains(&line))
                    .unwrap_or((self.text, first_line));
                refine_position(&mut d, text, from);
                all.errors.push(d);
            }
            let mut set = path.clone();
            set.extend(serde_missing(&message).map(str::to_string));
            all.paths.push(set);
            match set_aside::<T>(value, &here, &message, self.alt) {
                SetAside::No => return false,
                SetAside::Stood => {}
                SetAside::Reshaped => all.reshaped = true,
            }
        }
        false
    }
}

/// The words serde puts in backticks in `text` (its fields or values after "expected").
fn backticked(text: &str) -> impl Iterator<Item = &str> {
    text.split('`').skip(1).step_by(2)
}

/// The field serde's "missing field `x`" names.
fn serde_missing(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
}

/// A serde path as the span map's: `questions[1].answer` -> ["questions", "1", "answer"].
fn path_of(p: &serde_path_to_error::Path) -> Vec<String> {
    p.to_string()
        .replace('[', ".")
        .replace(']', "")
        .split('.')
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// serde_yaml's message without the " at line X column Y" it appends (the position is
/// printed apart).
fn without_position(raw: &str) -> String {
    match raw.find(" at line ") {
        Some(i) => raw[..i].to_string(),
        None => raw.to_string(),
    }
}

/// Changes `value` so that the mistake `message` at `path` is not met again: an unknown field
/// is removed; a value of the wrong type, or a missing field, is given the first of a few
/// stand-ins (a listed variant, text, a number, true/false, a list, a mapping) that clears it.
/// False when none does.
fn set_aside<T: DeserializeOwned>(
    value: &mut serde_yaml::Value,
    path: &[String],
    message: &str,
    alt: bool,
) -> SetAside {
    use serde_yaml::Value;
    fn node<'a>(v: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
        let mut v = v;
        for p in path {
            v = match v {
                Value::Mapping(m) => m.get_mut(p.as_str())?,
                Value::Sequence(s) => s.get_mut(p.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(v)
    }
    let (parent, last) = path.split_at(path.len().saturating_sub(1));
    if message.starts_with("unknown field") {
        // (With `alt`, a misspelt key is read as the one it is nearest, when that is not
        // written as well: `effectve: 2025-01-01` is no rule without `effective`.)
        let key = last.join("");
        let expected = message.split_once("expected").map_or("", |(_, e)| e);
        let meant = alt
            .then(|| crate::diagnostics::nearest(&key, backticked(expected)))
            .flatten()
            .map(str::to_string);
        if let (Some(meant), Some(Value::Mapping(m))) = (meant, node(value, parent)) {
            if !m.contains_key(meant.as_str()) {
                let mut tried = value.clone();
                if let Some(Value::Mapping(m)) = node(&mut tried, parent) {
                    if let Some(v) = m.remove(key.as_str()) {
                        m.insert(Value::String(meant.clone()), v);
                    }
                }
                // (Only when the value fits there: otherwise it is taken away as below.)
                let fits = match serde_path_to_error::deserialize::<_, T>(tried.clone()) {
                    Ok(_) => true,
                    Err(e) => !path_of(e.path()).starts_with(&[parent, &[meant]].concat()),
                };
                if fits {
                    *value = tried;
                    return SetAside::Stood;
                }
            }
        }
        return match node(value, parent) {
            Some(Value::Mapping(m)) if m.contains_key(key.as_str()) => {
                m.remove(key.as_str());
                SetAside::Stood
            }
            _ => SetAside::No,
        };
    }
    // (A missing field is reported at its mapping: the stand-in goes in under its name.)
    let missing = serde_missing(message).map(str::to_string);
    let mut stand_ins: Vec<Value> = Vec::new();
    // (The first of the set, or with `alt` the last.)
    let pick = |expected: &str| {
        let words: Vec<&str> = backticked(expected).collect();
        (if alt { words.last() } else { words.first() }).map(|w| Value::String(w.to_string()))
    };
    if let Some(rest) = message.split("unknown variant `").nth(1) {
        let expected = rest.split_once("expected").map_or("", |(_, e)| e);
        stand_ins.extend(pick(expected));
    }
    stand_ins.extend([
        Value::String(if alt { "y" } else { "x" }.into()),
        Value::Number(if alt { 2 } else { 1 }.into()),
        Value::Bool(alt),
        Value::Sequence(Vec::new()),
        Value::Mapping(Default::default()),
    ]);
    let mut k = 0;
    while k < stand_ins.len() {
        let s = stand_ins[k].clone();
        k += 1;
        let mut tried = value.clone();
        let placed = match (&missing, node(&mut tried, path)) {
            (Some(field), Some(Value::Mapping(m))) => {
                m.insert(Value::String(field.clone()), s);
                true
            }
            (None, Some(v)) => {
                *v = s;
                true
            }
            _ => false,
        };
        if !placed {
            return SetAside::No;
        }
        // Cleared when the next mistake is another (or there is none).
        let same = match serde_path_to_error::deserialize::<_, T>(tried.clone()) {
            Ok(_) => false,
            Err(e) => {
                let text = e.inner().to_string();
                // A word where one of a set is expected (a list written for `severity`):
                // the set's first word is the stand-in to try next.
                // (Where the stand-in is: the field's own path, for a missing one.)
                let mut here = path.to_vec();
                here.extend(missing.iter().cloned());
                let at = path_of(e.path());
                if at == here && k <= stand_ins.len() {
                    if let Some(rest) = text.split("unknown variant `").nth(1) {
                        let expected = rest.split_once("expected").map_or("", |(_, e)| e);
                        if let Some(v) = pick(expected) {
                            if !stand_ins.contains(&v) {
                                stand_ins.insert(k, v);
                            }
                        }
                    }
                }
                // (A missing field's stand-in that does not fit is no mistake of the file's:
                // the next is tried, `x` for a question's `type` once said to be one.)
                (missing.is_some() && at == here)
                    || (at == path
                        && missing
                            .as_ref()
                            .is_none_or(|f| text.starts_with(&format!("missing field `{f}`"))))
            }
        };
        if !same {
            *value = tried;
            return SetAside::Stood;
        }
    }
    // Nothing fits (a list where a step's mapping belongs): an item of a list takes the place
    // of another of its list that reads, or, the last, is left out, so that the mistakes after
    // it are still found (at their own places: the items after it keep their numbers).
    let Some(i) = last.first().and_then(|l| l.parse::<usize>().ok()) else {
        return SetAside::No;
    };
    if missing.is_some() {
        return SetAside::No;
    }
    let Some(Value::Sequence(items)) = node(value, parent) else {
        return SetAside::No;
    };
    let items = items.clone();
    // (Its nearest few siblings only: each try reads the whole file again, and a file of
    // thousands of wrong items would take every one of them for each.)
    let mut near: Vec<usize> = (0..items.len()).filter(|&j| j != i).collect();
    near.sort_by_key(|&j| j.abs_diff(i));
    near.truncate(4);
    for j in near {
        let other = &items[j];
        let mut tried = value.clone();
        if let Some(Value::Sequence(list)) = node(&mut tried, parent) {
            list[i] = other.clone();
        }
        let inside = |e: &serde_path_to_error::Error<serde_yaml::Error>| {
            let p = path_of(e.path());
            p.len() >= path.len() && p[..path.len()] == *path
        };
        match serde_path_to_error::deserialize::<_, T>(tried.clone()) {
            Err(e) if inside(&e) => continue,
            _ => {
                *value = tried;
                return SetAside::Reshaped;
            }
        }
    }
    if i + 1 == items.len() {
        if let Some(Value::Sequence(list)) = node(value, parent) {
            list.pop();
            return SetAside::Reshaped;
        }
    }
    SetAside::No
}

/// What [`set_aside`] did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SetAside {
    /// Nothing clears the mistake.
    No,
    /// The value was removed (an unknown field) or given a stand-in.
    Stood,
    /// An item of a list took another's place, or the last was left out: the list now says
    /// something else (its count, an id twice).
    Reshaped,
}

/// The key a YAML line starts with (after its indentation and any `- `), and the rest of the
/// line: ASCII letters, digits, `_` and `-`, a letter first. None when it starts otherwise.
pub(crate) fn leading_key(body: &str) -> Option<(&str, &str)> {
    let len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(body.len());
    body.starts_with(|c: char| c.is_ascii_alphabetic())
        .then(|| body.split_at(len))
}

/// The commonest slips with a Chinese input method; true when one was found and `d` now
/// points at it.
/// The key of a line written `key：` with a Chinese input method's colon (after its
/// indentation and any `- `), and the byte where the key ends.
fn full_width_key(line: &str) -> Option<(&str, usize)> {
    let body = line.trim_start_matches(' ');
    let body = body.strip_prefix("- ").unwrap_or(body);
    let (key, rest) = leading_key(body)?;
    let at = line.len() - rest.len();
    rest.trim_start_matches(' ')
        .starts_with('：')
        .then_some((key, at))
}

fn full_width_slip(d: &mut Diagnostic, text: &str, first_line: usize) -> bool {
    // A full-width colon or space where YAML needs ASCII: serde_yaml then reports something
    // far off (the whole front matter as one string, or a missing `:` a line later). Not when
    // the error already names its key.
    if names_its_key(&d.message) {
        return false;
    }
    for (i, line) in text.lines().enumerate() {
        if let Some((key, at)) = full_width_key(line) {
            d.line = i + first_line;
            d.col = line[..at].chars().count() + 1;
            d.message = t!(
                "`{key}` is followed by a full-width colon `：`",
                "`{key}` 后面是全角冒号 `：`"
            );
            d.hint = Some(t!(
                "YAML needs an ASCII colon and a space: `{key}: ...` (switch the input method to English punctuation)",
                "这里要用半角冒号加一个空格：`{key}: ...`（把输入法切换到英文标点）"
            ));
            return true;
        }
        if line.trim_start_matches(' ').starts_with('\u{3000}') {
            d.line = i + first_line;
            d.col = 1;
            d.message = t!(
                "this line is indented with a full-width space `　`",
                "这一行用全角空格 `　` 缩进"
            );
            d.hint = Some(t!(
                "YAML indentation must use ordinary spaces",
                "缩进只能用普通的半角空格"
            ));
            return true;
        }
    }
    false
}

/// serde_yaml places some errors vaguely (a duplicate key at its mapping's start, an unclosed
/// quote at the end of the file); find the exact spot in the text.
/// The line of `text` (a file's YAML from its line `first_line`) that diagnostic `d` is at.
fn line_at<'t>(d: &Diagnostic, text: &'t str, first_line: usize) -> Option<&'t str> {
    d.line
        .checked_sub(first_line)
        .and_then(|i| text.lines().nth(i))
}

fn refine_position(d: &mut Diagnostic, text: &str, first_line: usize) {
    if full_width_slip(d, text, first_line) {
        return;
    }
    // A quote left open on an earlier line (`title: "投诉办理时限`): YAML reads on to the next
    // such quote, many lines down, and trips there. The open quote is the mistake; what it
    // made further down is not reported apart (it goes once the quote is closed).
    let syntax = [
        "did not find expected",
        "could not find expected ':'",
        "mapping values are not allowed",
        "block sequence entries are not allowed",
        "found character that cannot start any token",
    ];
    if syntax.iter().any(|m| d.message.starts_with(m)) {
        if let Some((i, col)) = d
            .line
            .checked_sub(first_line)
            .and_then(|upto| quote_open_above(text, upto))
        {
            d.line = i + first_line;
            d.col = col + 1;
            d.message = t!(
                "this quoted value is never closed",
                "这个值的引号只有开头，没有结尾"
            );
            d.hint = Some(close_quote_hint());
            return;
        }
    }
    // A file (or front matter) YAML read as one text: a first key without its space.
    if (d
        .message
        .starts_with("fields (`key: value` lines) are expected here, not the text")
        || d.message
            .starts_with("这里应该写字段（`key: value` 这样的行），而不是文字"))
        && colon_without_space(
            d,
            text,
            first_line,
            text.lines().position(content_line).unwrap_or(0),
        )
    {
        return;
    }
    // A flow list or mapping never closed: serde places it where the next key begins (or,
    // for a `[` with nothing after it at the end of the file, past the file's last line).
    if d.message.contains("did not find expected ',' or ']'")
        || d.message.contains("did not find expected ',' or '}'")
        || d.message.contains("did not find expected node content")
    {
        let upto = d.line.saturating_sub(first_line) + 1;
        let mut open: Vec<(usize, usize, char)> = Vec::new();
        for (i, line) in text.lines().take(upto).enumerate() {
            let mut quote: Option<char> = None;
            for (col, c) in line.chars().enumerate() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '#') => break,
                    (None, '[' | '{') => open.push((i, col, c)),
                    (None, ']' | '}') => {
                        open.pop();
                    }
                    _ => {}
                }
            }
        }
        // (A value missing elsewhere is another mistake: only a bracket left open on the
        // line or the line above.)
        let near = |i: usize| !d.message.contains("node content") || i + first_line + 1 >= d.line;
        if let Some(&(i, col, c)) = open.last().filter(|o| near(o.0)) {
            let close = if c == '[' { ']' } else { '}' };
            d.line = i + first_line;
            d.col = col + 1;
            d.message = t!(
                "this `{c}` is never closed with `{close}`",
                "这个 `{c}` 后面缺少与它配对的 `{close}`"
            );
            d.hint = Some(t!(
                "close it at the end of its value, e.g. `[a, b]`; or write a list's items as `- ` lines (a `{close}` inside text needs the text in quotes)",
                "在这个值的末尾补上，例如 `[a, b]`；或者把列表的每一项写成单独的 `- ` 行（文字里本身带 `{close}` 的，要把整段文字放进英文引号）"
            ));
            return;
        }
    }
    // libyaml names a byte offset ("at position 647") and serde places it at 1:1.
    if d.message.contains("control characters are not allowed") {
        for (i, line) in text.lines().enumerate() {
            if let Some((col, c)) = line
                .chars()
                .enumerate()
                .find(|&(_, c)| c.is_control() && c != '\t')
            {
                d.line = i + first_line;
                d.col = col + 1;
                let code = c as u32;
                d.message = t!(
                    "an invisible control character (U+{code:04X}) is here: YAML does not allow it",
                    "这里有一个看不见的控制字符（U+{code:04X}），YAML 不允许出现"
                );
                d.hint = Some(t!(
                    "delete it (it comes with text copied out of some PDF or Word files, or a stray key press)",
                    "把它删掉（它通常是从 PDF 或 Word 文件里复制文字时带进来的，或是误按了某个键）"
                ));
                return;
            }
        }
    }
    if let Some(key) = d
        .message
        .strip_prefix("duplicate field `")
        .or_else(|| d.message.strip_prefix(DUPLICATE_ZH))
        .and_then(|r| r.split('`').next())
        .map(str::to_string)
    {
        // The mapping's second line with this key (serde places it at the mapping's start),
        // and where the first is.
        let lines: Vec<&str> = text.lines().collect();
        let col = d.col.saturating_sub(1);
        if let Some((first, again, _)) = d
            .line
            .checked_sub(first_line)
            .and_then(|start| key_twice(&lines, start, col, &key))
        {
            let (first, again) = (first + first_line, again + first_line);
            d.line = again;
            d.col = col + 1;
            let message = &d.message;
            d.message = t!(
                "{message} (first on line {first})",
                "{message}（第一次出现在第 {first} 行）"
            );
            d.hint = Some(twice_hint(&key, again, first));
            return;
        }
        // The second line that starts this key at the same indentation as the first.
        let mut first_indent = None;
        for (i, line) in text.lines().enumerate() {
            let body = line.trim_start_matches([' ', '-']);
            let indent = line.len() - body.len();
            if body.starts_with(&format!("{key}:")) {
                match first_indent {
                    None => first_indent = Some(indent),
                    Some(f) if f == indent => {
                        d.line = i + first_line;
                        d.col = indent + 1;
                        return;
                    }
                    _ => {}
                }
            }
        }
    } else if d.message.contains("more than one document") {
        // A `---` (or `...`) line inside the YAML starts another document.
        for (i, line) in text.lines().enumerate().skip(1) {
            if line.starts_with("---") || line.starts_with("...") {
                d.line = i + first_line;
                d.col = 1;
                let mark = &line[..3];
                d.message = t!(
                    "`{mark}` at the start of a line ends this YAML and begins another",
                    "行首的 `{mark}` 会结束这段 YAML，并开始另一段"
                );
                d.hint = Some(t!(
                    "remove it: a file holds one YAML document (several rules or terms go in one list of `- ` items); if it belongs to a value, indent it and put the text in quotes",
                    "把它删掉：一个文件只能有一段 YAML（多条规则或多个术语写在同一个 `- ` 列表里）；如果它是某个值的一部分，就把它缩进，并把文字放进英文引号"
                ));
                return;
            }
        }
        // Otherwise the YAML starts indented and a later key does not: YAML then reads the
        // first lines as one document and trips over the rest.
        let indent = |l: &str| l.len() - l.trim_start_matches(' ').len();
        let mut lines = text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty());
        if let Some((_, first)) = lines.next() {
            let first_indent = indent(first);
            if let Some((i, _)) = lines.find(|(_, l)| indent(l) < first_indent) {
                d.line = i + first_line;
                d.col = 1;
                d.message = t!(
                    "this key starts further left than the YAML's first line (indented by {first_indent} spaces)",
                    "这个字段比 YAML 的第一行更靠左（第一行缩进了 {first_indent} 个空格）"
                );
                d.hint = Some(t!(
                    "start every top-level key in the first column",
                    "最外层的字段都要从每行的第 1 列开始写"
                ));
                return;
            }
        }
        d.col = d.col.max(1);
        d.message = t!(
            "this YAML holds more than one document",
            "这段 YAML 里有不止一段内容"
        );
        d.hint = Some(t!(
            "a file holds one YAML document: remove the extra `---` or `...` line",
            "一个文件只能有一段 YAML：删掉多出来的 `---` 或 `...` 行"
        ));
    } else if d.message.starts_with("mapping values are not allowed") {
        // `title: 结束通话: 礼貌用语`: a second `: ` in a value.
        let at = line_at(d, text, first_line);
        if let Some((key, value)) =
            at.and_then(|l| l.trim_start().trim_start_matches("- ").split_once(": "))
        {
            // (A mapping written in braces, `{ value: 5, unit: … }`, holds its own `: `.)
            if value.contains(": ") && !value.trim_start().starts_with(['"', '\'', '{', '[']) {
                let key = key.trim();
                d.message = t!(
                    "the value of `{key}` holds `: `, which YAML reads as the start of another key",
                    "`{key}` 的值里有 `: `（冒号加空格），YAML 会把它当成另一个字段的开头"
                );
                // Chinese quotes around it are text to YAML, not quotes: in place of them.
                let value = value.trim();
                let (value, chinese) =
                    match value.strip_prefix('“').and_then(|v| v.strip_suffix('”')) {
                        Some(inner) => (
                            inner,
                            t!(
                                " in place of the Chinese quotes “ ”, which YAML reads as text",
                                "，代替原来的中文引号 “ ”（YAML 会把中文引号当成文字）"
                            ),
                        ),
                        None => (value, String::new()),
                    };
                let quoted = value.replace('"', "\\\"");
                d.hint = Some(t!(
                    "put the value in quotes: `{key}: \"{quoted}\"`{chinese} (or write the colon full-width: `：`)",
                    "把这个值放进英文引号：`{key}: \"{quoted}\"`{chinese}；也可以把值里的冒号写成全角 `：`"
                ));
                return;
            }
        }
        // `  category: x` under `title: t`: a key indented under a key that has its value.
        if let Some(i) = d.line.checked_sub(first_line) {
            let lines: Vec<&str> = text.lines().collect();
            let indent = |l: &str| l.len() - l.trim_start().len();
            let above = lines[..i.min(lines.len())]
                .iter()
                .rev()
                .find(|l| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
            if let (Some(line), Some(above)) = (lines.get(i), above) {
                let has_value = above
                    .trim_start()
                    .trim_start_matches("- ")
                    .split_once(':')
                    .is_some_and(|(_, v)| !v.trim().is_empty());
                // (Or a list's item of text, `- 推诿客户`, with `escalation: |` under it.)
                let item = above.trim_start().strip_prefix("- ").is_some_and(|t| {
                    let t = t.trim();
                    !t.is_empty() && !t.contains(": ") && !t.ends_with(':')
                });
                let keyed = line.contains(": ") || line.trim_end().ends_with(':');
                if item && indent(line) > indent(above) && keyed {
                    d.col = indent(line) + 1;
                    let key = line.trim().split(':').next().unwrap_or("");
                    d.message = t!(
                        "`{key}:` is indented under a list's item of text: YAML reads it as more of that text",
                        "`{key}:` 缩进在一个文字列表项的下面：YAML 会把它当成那一项文字的一部分"
                    );
                    d.hint = Some(t!(
                        "if it is a key of its own, start it at the column of the keys it belongs with (a field of the file at the line's start); if it goes on with the item's text, put that whole text in quotes",
                        "如果它是一个单独的字段，就让它和同一层的字段从同一列开始（文件的字段从行首开始）；如果它是上面那一项文字的延续，就把整段文字放进英文引号"
                    ));
                    return;
                }
                if indent(line) > indent(above) && has_value && line.trim_start().contains(':') {
                    d.col = indent(line) + 1;
                    d.message = t!(
                        "this line is indented under a key that has its value already, and holds `: `",
                        "这一行比上一行缩进得多，但上一行的字段已经写了值（这一行里又有 `: `）"
                    );
                    d.hint = Some(t!(
                        "if it is a key of its own, start it at the same column as the line above; if it goes on with the value above, put that whole value in quotes",
                        "如果它是一个单独的字段，就让它和上一行从同一列开始；如果它是上一行的值的延续，就把整个值放进英文引号"
                    ));
                    return;
                }
            }
        }
        d.hint = Some(t!(
            "a value holding `: ` must be put in quotes: `title: \"甲: 乙\"`",
            "值里有 `: ` 时，要把整个值放进英文引号：`title: \"甲: 乙\"`"
        ));
    } else if d.message == "unknown anchor" {
        // `owner: *id001`: a reference to a value marked `&id001`, which tools that write YAML
        // (PyYAML, exports from a spreadsheet) leave behind; copied alone, its mark is gone.
        let line = line_at(d, text, first_line).unwrap_or("");
        let from: String = line.chars().skip(d.col.saturating_sub(1)).collect();
        let alias: String = from
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',')
            .collect();
        if let Some(name) = alias.strip_prefix('*').filter(|n| !n.is_empty()) {
            let whole = from.trim_end();
            d.message = t!(
                "`{alias}` is a YAML reference to a value marked `&{name}`, and this file has no such mark",
                "`{alias}` 是 YAML 的引用，指向用 `&{name}` 标出的值，可这个文件里没有这个标记"
            );
            d.hint = Some(t!(
                "write the value itself here (a file written by a tool or a spreadsheet export often carries such `*id001` references); if the `*` is text, put the whole value in quotes: `\"{whole}\"`",
                "请在这里写出实际的值（工具生成的或从表格导出的文件常带着这样的 `*id001` 引用）；如果 `*` 本来就是文字，就把整个值放进英文引号：`\"{whole}\"`"
            ));
        }
    } else if d.message.starts_with("could not find expected ':'") {
        // `title:回避`: no space after the colon, so no key; serde_yaml notices a line later.
        let upto = d.line.saturating_sub(first_line);
        if colon_without_space(d, text, first_line, upto) {
            return;
        }
        // `summary 投诉在…`: a key without its colon; libyaml notices on the next line.
        if let Some((i, key, value)) = colonless_key(text, upto) {
            let line = text.lines().nth(i).unwrap_or("");
            d.line = i + first_line;
            d.col = line[..key_col(line)].chars().count() + 1;
            let value = short(value);
            d.message = no_colon_message(key);
            d.hint = Some(t!(
                "write `{key}: {value}` (a key, a colon and a space, then its value)",
                "写成 `{key}: {value}`（字段名、冒号、一个空格，再写值）"
            ));
        } else {
            numbered_item(d, text, first_line, upto);
        }
    } else if [
        "found character that cannot start any token",
        "did not find expected alphabetic or numeric character",
        "did not find expected whitespace or line break",
        "did not find expected comment or line break",
        "did not find expected node content",
        "mapping keys are not allowed in this context",
        "found undefined tag handle",
        "did not find expected tag URI",
    ]
    .iter()
    .any(|m| d.message.contains(m))
    {
        // A value starting with a character YAML keeps for itself: Markdown's `**bold**`, `@`,
        // `&`, `!`, `|`, `>`, `%`, `,`, `?`, a backtick. (A tab keeps the tab hint.)
        let line = line_at(d, text, first_line).unwrap_or("");
        // A tab where the line's indentation or value starts: said as a tab, as libyaml says
        // it elsewhere (not "a character YAML cannot read").
        if d.message == "found character that cannot start any token"
            && line.chars().take(d.col.max(1)).any(|c| c == '\t')
        {
            d.message = "found a tab character that violates indentation".to_string();
        }
        let body = line.trim_start().trim_start_matches("- ");
        let value = leading_key(body)
            .and_then(|(_, r)| r.strip_prefix(": "))
            .unwrap_or(if line.trim_start().starts_with("- ") {
                body
            } else {
                ""
            })
            .trim_start();
        if let Some(c) = value
            .chars()
            .next()
            .filter(|c| "@`*&!|>%,?".contains(*c))
            .filter(|_| !line.contains('\t'))
        {
            let shown = if c == '`' {
                t!("a backtick (`)", "反引号（`）")
            } else {
                format!("`{c}`")
            };
            d.col = line[..line.len() - value.len()].chars().count() + 1;
            d.message = t!(
                "a value cannot start with {shown} in YAML",
                "在 YAML 里，值不能以 {shown} 开头"
            );
            let quoted = short(&value.replace('"', "\\\""));
            let bold = if c == '*' {
                t!(
                    " (Markdown's **bold** is kept inside the quotes)",
                    "（Markdown 的 **加粗** 放进引号后照样有效）"
                )
            } else {
                String::new()
            };
            d.hint = Some(t!(
                "put the whole value in quotes: `\"{quoted}\"`{bold}",
                "把整个值放进英文引号：`\"{quoted}\"`{bold}"
            ));
        } else if let Some(item) = line
            .trim_start()
            .strip_prefix('*')
            .filter(|r| r.starts_with([' ', '\u{3000}']))
            .map(str::trim)
            .filter(|_| d.message.contains("alphabetic or numeric"))
        {
            // `* 记录` under `must:`: a Markdown bullet (to YAML, `*` names an alias).
            d.col = indent_of(line) + 1;
            d.message = t!(
                "did not find expected alphabetic or numeric character",
                "列表的项要以 `- ` 开头，不能用 `*`"
            );
            let item = short(item);
            d.hint = Some(t!(
                "a list's items start with `- `, not `*` (which means something else in YAML): write `- {item}`",
                "把 `* ` 改成 `- `，写成 `- {item}`（`*` 在 YAML 里有别的意思）"
            ));
        } else if d.hint.is_none() {
            // YAML's words are all there is: the characters that make them, and the fix.
            d.hint = if d.message.contains("alphabetic or numeric") {
                Some(t!(
                    "`&` and `*` have a meaning of their own in YAML: if one belongs to the text, put the whole value in quotes",
                    "`&` 和 `*` 在 YAML 里有特殊用途：如果它们是文字的一部分，请把整个值放进英文引号"
                ))
            } else if d.message.contains("comment or line break") {
                Some(t!(
                    "after `|` or `>` (and on a line starting with `%`) nothing more may be written on the line: start the text on the next line, indented; or put the whole value in quotes",
                    "`|`、`>` 后面（还有以 `%` 开头的一行）不能再接着写文字：把文字写到下一行并缩进，或者把整个值放进英文引号"
                ))
            } else if d.message.contains("whitespace or line break") {
                Some(t!(
                    "`!` has a meaning of its own in YAML: if it belongs to the text, put the whole value in quotes",
                    "`!` 在 YAML 里有特殊用途：如果它是文字的一部分，请把整个值放进英文引号"
                ))
            } else if d.message.contains("mapping keys are not allowed") {
                Some(t!(
                    "`? ` starts a key in YAML: if it belongs to the text (a question), put the whole value in quotes",
                    "在 YAML 里，`? ` 开头表示一个字段：如果它是文字的一部分（比如一个问句），请把整个值放进英文引号"
                ))
            } else {
                None
            };
        }
    } else if d
        .message
        .starts_with("block sequence entries are not allowed")
    {
        // `must: - 记录`: a list's first item on its key's line.
        let line = line_at(d, text, first_line).unwrap_or("");
        let body = line.trim_start().trim_start_matches("- ");
        let item = leading_key(body).and_then(|(key, rest)| {
            let item = rest.strip_prefix(':')?.trim_start().strip_prefix('-')?;
            Some((key, short(item.trim())))
        });
        d.message = t!(
            "block sequence entries are not allowed in this context",
            "`- ` 开头的列表项要另起一行"
        );
        d.hint = Some(match item {
            Some((key, item)) => t!(
                "write it on two lines: `{key}:`, then `- {item}` on the next line, indented two spaces (or `{key}: [{item}]`)",
                "写成两行：`{key}:`，下一行缩进两个空格再写 `- {item}`（或者写成 `{key}: [{item}]`）"
            ),
            None => t!(
                "start each `- ` item on a line of its own, under its key and indented",
                "每个 `- ` 列表项都要另起一行，写在它所属的字段下面，并且缩进"
            ),
        });
    } else if let Some(slip) = (d.message.starts_with("did not find expected key")
        || d.message.starts_with("did not find expected '-' indicator"))
    .then(|| line_at(d, text, first_line))
    .flatten()
    .and_then(closed_early)
    {
        closed_early_hint(d, slip);
    } else if d.message.starts_with("did not find expected '-' indicator") {
        // A line of a list's item indented less than its item's keys (an option's `feedback:`
        // two spaces left of its `text:`): libyaml reads it as a list item without its `- `.
        indent_slip(d, text, first_line);
    } else if d.message.starts_with("did not find expected key") {
        d.hint = Some(t!(
            "a line here is indented differently from the keys beside it: give every key of one mapping the same number of spaces",
            "这里有一行的缩进和旁边的字段不一样：同一组字段要缩进同样多的空格"
        ));
    } else if let Some(field) = missing_named(&d.message).map(str::to_string) {
        let field = field.as_str();
        // The field is there, but indented so that it belongs elsewhere.
        // (Near the mapping's start, and not in line with its first key: not a sibling's.)
        let from = d.line.saturating_sub(first_line);
        let key_col = |l: &str| l.len() - l.trim_start().trim_start_matches("- ").len();
        let first = text.lines().nth(from).map(key_col);
        let found = text.lines().enumerate().skip(from).take(8).find(|(_, l)| {
            let b = l.trim_start().trim_start_matches("- ");
            b.strip_prefix(field).is_some_and(|r| r.starts_with(':')) && Some(key_col(l)) != first
        });
        if let Some((i, _)) = found {
            d.hint = Some(indented_field_hint(field, i + first_line));
        }
    } else if d.message.contains("end of stream") {
        // An unclosed quote swallows the rest of the file: point at the line that opened it.
        for (i, line) in text.lines().enumerate() {
            let value = line.split_once(": ").map_or("", |(_, v)| v.trim());
            for q in ['"', '\''] {
                if value.starts_with(q) && (value.len() == 1 || !value[1..].contains(q)) {
                    d.line = i + first_line;
                    d.col = line.find(q).map_or(1, |c| line[..c].chars().count() + 1);
                    d.message = t!(
                        "this quoted value is never closed",
                        "这个值的引号只有开头，没有结尾"
                    );
                    d.hint = Some(close_quote_hint());
                    return;
                }
            }
        }
    }
}

/// The quote (line and column, 0-based) that opens a value on a line above `upto` and is not
/// closed on its line, when YAML read the lines after it as the value's text until a quote on
/// line `upto` (none of the lines between has that quote).
fn quote_open_above(text: &str, upto: usize) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let here = lines.get(upto)?;
    for q in ['"', '\''] {
        if !here.contains(q) {
            continue;
        }
        for i in (0..upto).rev() {
            let line = lines[i];
            let body = line.trim_start().trim_start_matches("- ");
            let value = match leading_key(body).and_then(|(_, r)| r.strip_prefix(':')) {
                Some(v) => v.trim_start(),
                None => body,
            };
            if value.starts_with(q) && !value[1..].contains(q) {
                let at = line.len() - value.len();
                return Some((i, line[..at].chars().count()));
            }
            // (A quote of its own on a line between: the text read on starts below it.)
            if line.contains(q) {
                break;
            }
        }
    }
    None
}

/// YAML's own words for a syntax error, when they are still the message (no step above named
/// the slip in the user's words), in the language of the messages: the last step, after every
/// reading of the message (`refine_position` and `explain` read YAML's words).
fn yaml_words(d: &mut Diagnostic) {
    d.message = match d.message.as_str() {
        "found character that cannot start any token" => t!(
            "found character that cannot start any token",
            "这里有一个 YAML 无法识别的字符"
        ),
        "found a tab character that violates indentation" => t!(
            "found a tab character that violates indentation",
            "这里的 Tab 字符打乱了缩进"
        ),
        "found a tab character where an indentation space is expected" => t!(
            "found a tab character where an indentation space is expected",
            "这里应该用空格缩进，却用了 Tab 字符"
        ),
        "did not find expected key" => t!(
            "did not find expected key",
            "这里应该是一个字段，但没有找到（缩进可能不对）"
        ),
        "did not find expected node content" => t!(
            "did not find expected node content",
            "这里应该有一个值，但没有找到"
        ),
        "did not find expected '-' indicator" => t!(
            "did not find expected '-' indicator",
            "这里应该是一个以 `- ` 开头的列表项"
        ),
        "did not find expected ',' or ']'" => {
            t!("did not find expected ',' or ']'", "这里应该是 `,` 或 `]`")
        }
        "did not find expected ',' or '}'" => t!(
            "did not find expected ',' or '}}'",
            "这里应该是 `,` 或 `}}`"
        ),
        "mapping values are not allowed in this context" => t!(
            "mapping values are not allowed in this context",
            "这里不能出现 `: `（YAML 会把它当成字段名和值）"
        ),
        "mapping keys are not allowed in this context" => t!(
            "mapping keys are not allowed in this context",
            "这里不能写字段"
        ),
        "could not find expected ':'" => t!(
            "could not find expected ':'",
            "这里应该有一个冒号 `:`，但没有找到"
        ),
        "found unexpected end of stream" => t!(
            "found unexpected end of stream",
            "文件在没写完的地方结束了（可能有引号或括号没有结尾）"
        ),
        "did not find expected whitespace or line break" => t!(
            "did not find expected whitespace or line break",
            "这里应该是空格或换行"
        ),
        "did not find expected comment or line break" => t!(
            "did not find expected comment or line break",
            "这里应该是注释或换行"
        ),
        "did not find expected alphabetic or numeric character" => t!(
            "did not find expected alphabetic or numeric character",
            "这里应该是字母或数字"
        ),
        "found unknown escape character" => t!(
            "found unknown escape character",
            "英文双引号里的 `\\` 后面是一个不认识的转义字符"
        ),
        "found undefined tag handle" => t!(
            "found undefined tag handle",
            "这里有一个 YAML 不认识的 `!` 标记"
        ),
        "control characters are not allowed" => t!(
            "control characters are not allowed",
            "YAML 里不允许出现控制字符"
        ),
        "block sequence entries are not allowed in this context" => t!(
            "block sequence entries are not allowed in this context",
            "这里不能开始一个 `- ` 列表项（列表项要另起一行）"
        ),
        "recursion limit exceeded" => t!("recursion limit exceeded", "YAML 嵌套得太深了"),
        "repetition limit exceeded" => t!("repetition limit exceeded", "YAML 别名展开得太多了"),
        _ => return,
    };
}

/// The text of a string as Rust's `{:?}` quotes it (serde_yaml's messages do: `"a\u{3000}b"`).
fn debug_unquote(q: &str) -> Option<String> {
    let inner = q.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::new();
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            'n' => out.push('\n'),
            't' => out.push('\t'),
            'r' => out.push('\r'),
            '0' => out.push('\0'),
            'u' => {
                let hex: String = chars.by_ref().skip(1).take_while(|&c| c != '}').collect();
                out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// A number written in Chinese numerals (`二`, `十五`, `两`), up to 99; `None` otherwise.
fn chinese_number(t: &str) -> Option<u32> {
    let digit = |c: char| {
        "零一二三四五六七八九"
            .chars()
            .position(|d| d == c)
            .map(|n| n as u32)
            .or((c == '两').then_some(2))
    };
    let chars: Vec<char> = t.chars().collect();
    match chars.as_slice() {
        [c] if *c == '十' => Some(10),
        [c] => digit(*c),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(digit(*t)? * 10),
        [t, '十', u] => Some(digit(*t)? * 10 + digit(*u)?),
        _ => None,
    }
}

/// `title:回避` (no space after the colon, or a look-alike one) on line `upto` or above, the
/// nearest first: `d` names it, with the fix; true when one was found.
fn colon_without_space(d: &mut Diagnostic, text: &str, first_line: usize, upto: usize) -> bool {
    // Line `upto` and the nearest line above it that is not blank nor a comment: libyaml
    // notices a line late, and a line further up (`SLA:24小时内回复` in a list) is text.
    let all: Vec<&str> = text.lines().collect();
    for i in [Some(upto), line_above(&all, upto)].into_iter().flatten() {
        let Some(&line) = all.get(i) else {
            continue;
        };
        let body = line.trim_start().trim_start_matches("- ");
        let Some((key, rest)) = leading_key(body) else {
            continue;
        };
        // (A web address, `https://…`, is no key.)
        if rest.starts_with("://") || !known_keys().contains(key) {
            continue;
        }
        if rest.starts_with(':') && !rest[1..].starts_with([' ', '\t']) && !rest[1..].is_empty() {
            d.line = i + first_line;
            d.col = line[..line.len() - rest.len()].chars().count() + 1;
            let value = rest[1..].trim_start_matches(LOOK_ALIKE_SPACES).trim();
            let space = look_alike_space(&rest[1..]);
            d.message = match &space {
                // (It looks like a space, and the hint would look like what is written.)
                Some(name) => t!(
                    "`{key}:` is followed by {name}, which YAML does not take for a space",
                    "`{key}:` 后面是{name}，YAML 不把它当作空格"
                ),
                None => t!(
                    "`{key}:` needs a space after the colon",
                    "`{key}:` 的冒号后面要有一个空格"
                ),
            };
            let retype = if space.is_some() {
                t!(
                    " with an ordinary space (delete the one there and type it again)",
                    "，中间用普通的半角空格（把原来那个空格删掉，重新输入一个）"
                )
            } else {
                String::new()
            };
            d.hint = Some(t!(
                "write `{key}: {value}`{retype}",
                "写成 `{key}: {value}`{retype}"
            ));
            return true;
        }
    }
    false
}

/// Every field name a handbook file has (front matter, rules and their parts, quizzes and
/// their questions, nodes, options, the glossary, course, calendar, tags, sources).
fn known_keys() -> &'static std::collections::HashSet<String> {
    static KEYS: std::sync::OnceLock<std::collections::HashSet<String>> =
        std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        fn walk(v: &serde_json::Value, out: &mut std::collections::HashSet<String>) {
            match v {
                serde_json::Value::Object(m) => {
                    if let Some(serde_json::Value::Object(props)) = m.get("properties") {
                        out.extend(props.keys().cloned());
                    }
                    m.values().for_each(|x| walk(x, out));
                }
                serde_json::Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
                _ => {}
            }
        }
        let mut out = std::collections::HashSet::new();
        walk(&crate::schema::rule_file(), &mut out);
        walk(&crate::schema::quiz_file(), &mut out);
        use crate::content::{calendar, glossary, lesson, quiz, rule, tags};
        for list in [
            lesson::FRONT_MATTER_FIELDS,
            rule::RULE_FIELDS,
            quiz::QUIZ_FIELDS,
            quiz::QUESTION_FIELDS,
            glossary::TERM_FIELDS,
            glossary::CATEGORY_FIELDS,
            glossary::SOURCE_FIELDS,
            glossary::COURSE_FIELDS,
            calendar::CALENDAR_FIELDS,
            tags::TAG_FIELDS,
        ] {
            out.extend(list.iter().map(|k| k.to_string()));
        }
        out.extend(
            [
                "modules",
                "items",
                "lesson",
                "rule",
                "quiz",
                "checkpoint",
                "estimate",
            ]
            .map(String::from),
        );
        out
    })
}

/// The lines of a file YAML cannot read that hold a known key without its colon, at a key's
/// place (`title 升级处理`, `- who 承办部门`, `time_limits` alone over its list): an error for
/// each, and the text with the colons put in. `None` when there is none. Lines inside a block
/// text (`summary: |`) are text, not keys.
fn colonless_keys(file: &Path, text: &str, first_line: usize) -> Option<(String, Vec<Diagnostic>)> {
    let keys = known_keys();
    let lines: Vec<&str> = text.split('\n').collect();
    // Whether a line is `key: …`.
    let is_key_line = |l: &str| {
        let body = l.trim_start().trim_start_matches("- ");
        leading_key(body).is_some_and(|(_, r)| r.starts_with(':'))
    };
    let mut block: Option<usize> = None; // the indent of a `key: |` line above, while inside it
    let mut out = Vec::new();
    let mut mended: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    for (i, line) in lines.iter().enumerate() {
        let line = line.trim_end_matches('\r');
        if !content_line(line) {
            continue;
        }
        if let Some(b) = block {
            if indent_of(line) > b {
                continue;
            }
            block = None;
        }
        let trimmed = line.trim_end();
        if opens_block(trimmed) {
            block = Some(indent_of(line));
            continue;
        }
        if line.contains(':') {
            continue;
        }
        let body = line.trim_start();
        let dash = body.starts_with("- ");
        let body = body.trim_start_matches("- ").trim_start();
        // `- 到期以前` over `  feedback: …`: an item whose first key was lost (`text:`); the
        // items beside it say which.
        if dash && !leading_key(body).is_some_and(|(k, _)| keys.contains(k)) {
            let col = key_col(line);
            let goes_on = (i + 1..lines.len())
                .map(|j| lines[j].trim_end_matches('\r'))
                .find(|l| content_line(l))
                .is_some_and(|l| {
                    is_key_line(l) && key_col(l) == col && !l.trim_start().starts_with('-')
                });
            let sibling = (0..i)
                .rev()
                .map(|j| lines[j].trim_end_matches('\r'))
                .filter(|l| indent_of(l) == indent_of(line) && l.trim_start().starts_with("- "))
                .find_map(|l| {
                    let b = l.trim_start().trim_start_matches("- ");
                    leading_key(b)
                        .filter(|(_, r)| r.starts_with(':'))
                        .map(|(k, _)| k)
                });
            if let (true, Some(k)) = (goes_on, sibling) {
                let at = line.len() - body.len();
                out.push(
                    Diagnostic::error(
                        file,
                        i + first_line,
                        line[..at].chars().count() + 1,
                        t!(
                            "this item's `{k}:` is missing before its text",
                            "这一项的文字前面缺少 `{k}:`"
                        ),
                    )
                    .with_hint({
                        let text = short(body.trim());
                        t!(
                            "write `- {k}: {text}` like the items above it",
                            "像上面几项一样，写成 `- {k}: {text}`"
                        )
                    }),
                );
                mended[i] = format!("{}{k}: {}", &line[..at], body.trim());
                continue;
            }
        }
        let Some((key, rest)) = leading_key(body) else {
            continue;
        };
        let value = match rest.strip_prefix(KEY_GAP) {
            Some(v) => v.trim(),
            None if rest.is_empty() => "",
            None => continue,
        };
        if !keys.contains(key) {
            continue;
        }
        // At a key's place: an item's first key, or in line with a key beside it.
        let col = key_col(line);
        let below = (i + 1..lines.len())
            .map(|j| lines[j].trim_end_matches('\r'))
            .find(|l| content_line(l));
        // The nearest lines above and below not further in (a sibling, or the parent's).
        let level = |range: &mut dyn Iterator<Item = usize>| {
            range
                .map(|j| lines[j].trim_end_matches('\r'))
                .filter(|l| content_line(l))
                .find(|l| key_col(l) <= col)
        };
        let beside = [level(&mut (0..i).rev()), level(&mut (i + 1..lines.len()))]
            .into_iter()
            .flatten()
            .any(|l| is_key_line(l) && key_col(l) == col);
        // (A key alone must have its value below it, further in.)
        let alone_ok = !value.is_empty()
            || below.is_some_and(|l| {
                indent_of(l) > indent_of(line)
                    || (l.trim_start().starts_with("- ") && indent_of(l) >= indent_of(line))
            });
        if !(dash || beside) || !alone_ok {
            continue;
        }
        let at = line.len() - body.len();
        let written = if value.is_empty() {
            format!("{key}:")
        } else {
            format!("{key}: {value}")
        };
        out.push(
            Diagnostic::error(
                file,
                i + first_line,
                line[..at].chars().count() + 1,
                no_colon_message(key),
            )
            .with_hint({
                let shown = short(&written);
                let space = if value.is_empty() {
                    String::new()
                } else {
                    t!(" and a space", "、一个空格")
                };
                t!(
                    "write `{shown}` (a key, a colon{space}, then its value)",
                    "写成 `{shown}`（字段名、冒号{space}，再写值）"
                )
            }),
        );
        mended[i] = format!("{}{written}", &line[..at]);
    }
    (!out.is_empty()).then(|| (mended.join("\n"), out))
}

/// Whether a YAML line says something: not blank, not a comment.
fn content_line(l: &str) -> bool {
    !l.trim().is_empty() && !l.trim_start().starts_with('#')
}

/// The nearest line (0-based) above line `upto` that is not blank nor a comment.
fn line_above(lines: &[&str], upto: usize) -> Option<usize> {
    (0..upto.min(lines.len()))
        .rev()
        .find(|&i| content_line(lines[i]))
}

/// Whether a line is a key whose value is a block text (`summary: |`, `- prompt: >-`, with
/// its indicators and a comment after them).
fn opens_block(line: &str) -> bool {
    let body = line
        .trim_start_matches([' ', '\t'])
        .trim_start_matches("- ");
    leading_key(body)
        .and_then(|(_, r)| r.strip_prefix(':'))
        .map(|v| v.split(" #").next().unwrap_or("").trim())
        .and_then(|v| v.strip_prefix(['|', '>']))
        .is_some_and(|v| {
            v.chars()
                .all(|c| c.is_ascii_digit() || c == '-' || c == '+')
        })
}

/// A line's indentation in spaces and tabs (bytes: both are one).
fn lead_len(l: &str) -> usize {
    l.len() - l.trim_start_matches([' ', '\t']).len()
}

/// A line's indentation in spaces.
fn indent_of(l: &str) -> usize {
    l.len() - l.trim_start_matches(' ').len()
}

/// The column a line's key starts at: after its indentation and any `- `.
fn key_col(l: &str) -> usize {
    l.len() - l.trim_start_matches([' ', '-']).len()
}

/// What may stand between a key and its value when the colon was left out: a space or a tab,
/// or a look-alike space.
const KEY_GAP: [char; 4] = [' ', '\t', '\u{3000}', '\u{a0}'];

/// Characters that look like a space and are none to YAML: the full-width space of a Chinese
/// input method and the no-break space of text copied out of Word or a web page.
pub(crate) const LOOK_ALIKE_SPACES: [char; 2] = ['\u{3000}', '\u{a0}'];

/// What the look-alike space `text` starts with is called, for a message (in the messages'
/// language).
pub(crate) fn look_alike_space(text: &str) -> Option<String> {
    match text.chars().next()? {
        '\u{3000}' => Some(t!(
            "a full-width space `　` (U+3000)",
            "全角空格 `　`（U+3000）"
        )),
        '\u{a0}' => Some(t!(
            "a no-break space (U+00A0, from text copied out of Word or a web page)",
            "不换行空格（U+00A0，从 Word 或网页复制文字时带进来的）"
        )),
        _ => None,
    }
}

/// The line (0-based) at or above line `upto` that starts with a key and its value but no
/// colon (`summary 投诉在…`, `wrong_feedback 延长必须事先报批。`): the nearest line above that
/// is not blank nor a comment, or line `upto` itself. Its key and value.
fn colonless_key(text: &str, upto: usize) -> Option<(usize, &str, &str)> {
    let lines: Vec<&str> = text.lines().collect();
    line_above(&lines, upto)
        .into_iter()
        .chain([upto])
        .find_map(|i| {
            let line = *lines.get(i)?;
            let body = line.trim_start().trim_start_matches("- ").trim_start();
            let (key, rest) = leading_key(body)?;
            let value = rest.strip_prefix(KEY_GAP)?.trim();
            // (A value with a colon of its own is some other mistake; a key alone is no key.)
            let plain =
                !value.is_empty() && !value.contains([':', '：']) && !value.starts_with('#');
            plain.then_some((i, key, value))
        })
}

/// `did not find expected '-' indicator` at a line of a list item indented less than the
/// item's keys: the message says so, with the column to line it up with.
fn indent_slip(d: &mut Diagnostic, text: &str, first_line: usize) {
    let lines: Vec<&str> = text.lines().collect();
    let Some(at) = d.line.checked_sub(first_line).filter(|&i| i < lines.len()) else {
        return;
    };
    let line = lines[at];
    let here = indent_of(line);
    // `－ id:`: a full-width dash where a list item's `- ` belongs.
    if let Some(c) = line
        .trim_start()
        .chars()
        .next()
        .filter(|c| ['－', '—', '–'].contains(c))
    {
        d.col = here + 1;
        d.message = t!(
            "this item starts with `{c}`, which is no hyphen to YAML",
            "这一项以 `{c}` 开头，YAML 不把它当作列表的短横线"
        );
        d.hint = Some(t!(
            "begin the item with `- ` (an ASCII hyphen and a space; switch the input method to English punctuation)",
            "每一项要以 `- ` 开头（半角短横线加一个空格；把输入法切换到英文标点）"
        ));
        return;
    }
    // The item above: the nearest line above, not blank nor a comment, whose keys start
    // right of this line.
    let Some(above) = line_above(&lines, at).map(|i| lines[i]) else {
        return;
    };
    let want = key_col(above);
    if want <= here || line.trim_start().starts_with('-') {
        return;
    }
    let key = leading_key(line.trim_start()).map_or("", |(k, _)| k);
    let what = if key.is_empty() {
        t!("this line", "这一行")
    } else {
        t!("`{key}:`", "`{key}:` ")
    };
    let first = above.trim_start().trim_start_matches("- ");
    let beside = leading_key(first).map_or_else(
        // (Said otherwise in Chinese: the item above has no fields.)
        || t!("the keys of the item above it", ""),
        |(k, _)| t!("`{k}:` above it", "上面的 `{k}:`"),
    );
    d.col = here + 1;
    d.message = if leading_key(first).is_none() {
        // (An item of plain text above has no fields: in Chinese, "not lined up with it".)
        t!(
            "{what} is indented by {here} spaces, left of {beside} ({want} spaces)",
            "{what}缩进了 {here} 个空格，和上面的列表项对不齐（它的文字缩进了 {want} 个空格{beside}）"
        )
    } else {
        t!(
            "{what} is indented by {here} spaces, left of {beside} ({want} spaces)",
            "{what}缩进了 {here} 个空格，比{beside}（{want} 个空格）更靠左"
        )
    };
    d.hint = Some(t!(
        "if it belongs to that item, indent it by {want} spaces like the keys beside it; if it starts a new item, begin it with `- `",
        "如果它属于那一项，就像旁边的字段一样缩进 {want} 个空格；如果它是新的一项，就以 `- ` 开头"
    ));
}

/// A value in quotes or brackets with text after its closing quote or bracket, on `line`
/// (`title: '投诉'办理时限`, `- "记录"客户诉求`, `related: [a] 等`): YAML reads the quoted or
/// bracketed part as the whole value and trips over the rest ("did not find expected key").
struct ClosedEarly<'a> {
    /// The key before it (`title`), empty for a list's item.
    key: &'a str,
    /// Whether the line is a list's item (`- …`).
    dash: bool,
    /// The value as written, its closed part and the text after it.
    value: &'a str,
    closed: &'a str,
}

fn closed_early(line: &str) -> Option<ClosedEarly<'_>> {
    let body = line.trim_start();
    let dash = body.starts_with("- ");
    let body = body.trim_start_matches("- ").trim_start();
    let (key, value) = match leading_key(body) {
        Some((k, r)) if r.starts_with(": ") => (k, r[2..].trim()),
        _ if dash => ("", body.trim()),
        _ => return None,
    };
    // (A comment after it is no text.)
    let value = value.split(" #").next().unwrap_or(value).trim_end();
    let open = value.chars().next()?;
    let mut end = None;
    match open {
        '\'' | '"' => {
            let mut chars = value.char_indices().skip(1).peekable();
            while let Some((i, c)) = chars.next() {
                if c == '\\' && open == '"' {
                    chars.next();
                } else if c == open {
                    if open == '\'' && chars.peek().is_some_and(|&(_, c)| c == '\'') {
                        chars.next();
                    } else {
                        end = Some(i + 1);
                        break;
                    }
                }
            }
        }
        '[' | '{' => {
            let mut depth = 0;
            let mut quote = None;
            for (i, c) in value.char_indices() {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '[' | '{') => depth += 1,
                    (None, ']' | '}') => {
                        depth -= 1;
                        if depth == 0 {
                            end = Some(i + 1);
                            break;
                        }
                    }
                    _ => {}
                }
            }
        }
        _ => return None,
    }
    let end = end?;
    (!value[end..].trim().is_empty()).then(|| ClosedEarly {
        key,
        dash,
        value,
        closed: &value[..end],
    })
}

/// `d` says what [`closed_early`] found: the quotes or brackets close before the value ends.
fn closed_early_hint(d: &mut Diagnostic, slip: ClosedEarly) {
    let ClosedEarly {
        key,
        dash,
        value,
        closed,
    } = slip;
    let write = |v: &str| {
        let v = short(v);
        if !key.is_empty() {
            format!("`{key}: {v}`")
        } else if dash {
            format!("`- {v}`")
        } else {
            format!("`{v}`")
        }
    };
    let open = closed.chars().next().unwrap_or('"');
    let close = closed.chars().next_back().unwrap_or('"');
    let shown = short(closed);
    if open == '"' || open == '\'' {
        // The whole value in the other quotes; or the quotes inside it Chinese (text to YAML).
        let whole = if open == '\'' {
            write(&format!(
                "\"{}\"",
                value.replace('\\', "\\\\").replace('"', "\\\"")
            ))
        } else {
            write(&format!("'{}'", value.replace('\'', "''")))
        };
        let inner = &closed[1..closed.len() - 1];
        let chinese = write(&format!("“{inner}”{}", &value[closed.len()..]));
        d.message = t!(
            "quotes go around a whole value: text follows `{shown}`",
            "引号只能把整个值括起来：`{shown}` 后面还有文字"
        );
        d.hint = Some(t!(
            "quotes go around the whole value, or none of it: write {whole}, or drop the quotes; to quote a word inside the text, use Chinese quotes: {chinese}",
            "写成 {whole}（整个值再套一层引号），或者去掉引号；要给文字里的词加引号，可以用中文引号：{chinese}"
        ));
    } else {
        let whole = write(&format!("\"{}\"", value.replace('"', "\\\"")));
        d.message = t!(
            "text follows the closing `{close}` of the value",
            "`{close}` 后面不能再写文字"
        );
        d.hint = Some(t!(
            "the value ends at its `{close}`: put the text after it inside the brackets (after a comma) or delete it; if the whole value is text, put it in quotes: {whole}",
            "这个值写到 `{close}` 就结束了：把后面的文字写进括号里（用逗号隔开），或者删掉；如果整个值是一段文字，请放进英文引号：{whole}"
        ));
    }
}

/// The numbering a line of a Word or Markdown list starts with (`1.`, `2、`, `3)`, `（4）`,
/// `⑤`), and the text after it.
fn list_number(body: &str) -> Option<(&str, &str)> {
    let body = body.trim_start();
    let len = if let Some(r) = body.strip_prefix(['(', '（']) {
        let digits = r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let r = &r[digits..];
        let close = r.chars().next().filter(|c| [')', '）'].contains(c))?;
        (digits > 0).then(|| body.len() - r.len() + close.len_utf8())?
    } else if body.starts_with(|c: char| ('\u{2460}'..='\u{2473}').contains(&c)) {
        '\u{2460}'.len_utf8()
    } else {
        let digits = body.len() - body.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        let r = &body[digits..];
        let mark = r
            .chars()
            .next()
            .filter(|c| ['.', '、', ')', '）', '．'].contains(c))?;
        // (`1.5 小时` is a number: a `.` ends the numbering only before a space.)
        let after = &r[mark.len_utf8()..];
        if digits == 0 || (mark == '.' && !after.starts_with([' ', '\u{3000}'])) {
            return None;
        }
        digits + mark.len_utf8()
    };
    let text = body[len..].trim();
    (!text.is_empty()).then(|| (&body[..len], text))
}

/// `could not find expected ':'` below a line numbered like a Word list (`1. 登记`): libyaml
/// reads the numbered lines as one text, a key, and trips over the next line; `d` is moved to
/// the first of them and says that a list's items start with `- `. (Each numbered line is
/// then set aside in turn, and the lines below it no longer blamed.)
fn numbered_item(d: &mut Diagnostic, text: &str, first_line: usize, upto: usize) {
    let lines: Vec<&str> = text.lines().collect();
    let mut first = None;
    for i in (0..=upto.min(lines.len().saturating_sub(1))).rev() {
        let l = lines[i];
        if !content_line(l) {
            continue;
        }
        if list_number(l).is_some() {
            first = Some(i);
        } else if i != upto {
            break;
        }
    }
    let Some(i) = first else {
        return;
    };
    let Some((mark, item)) = list_number(lines[i]) else {
        return;
    };
    d.line = i + first_line;
    d.col = indent_of(lines[i]) + 1;
    d.message = t!(
        "a list's items start with `- `, not `{mark}`",
        "列表的项要以 `- ` 开头，不能写 `{mark}`"
    );
    let item = short(item);
    d.hint = Some(t!(
        "replace `{mark}` with `- `: write `- {item}`, indented under its key (e.g. `must:`)",
        "把 `{mark}` 改成 `- `，写成 `- {item}`，放在它所属的字段（例如 `must:`）下面并缩进"
    ));
}

/// For a front matter field of Zola, Hugo or mdBook's plugins: what handbook calls it, or that
/// it has none.
fn other_tools_field(key: &str) -> Option<String> {
    Some(match key {
        "weight" => t!(
            "Zola's and Hugo's `weight` is `order:` in handbook (smaller first; 10, 20, 30 … leaves room between)",
            "Zola 和 Hugo 的 `weight` 在 handbook 里写成 `order:`（数字小的排在前面；写 10、20、30 …，中间留出插入的位置）"
        ),
        "description" => t!(
            "`description` is `summary:` in handbook (the line under the title, in the contents and the search)",
            "`description` 在 handbook 里写成 `summary:`（显示在标题下面、目录里和搜索结果里的一句话）"
        ),
        "date" | "updated" | "lastmod" | "publishDate" | "publishdate" | "modified" => t!(
            "`{key}` is `revised:` in handbook, a list of changes, each with its `date:` and what changed, `change:` (shown at the page's foot and on the recent-changes page)",
            "`{key}` 在 handbook 里写成 `revised:`：一个修订列表，每一项写日期 `date:` 和改了什么 `change:`（显示在页面底部和最近更新页面）"
        ),
        "slug" | "url" | "permalink" | "path" => t!(
            "a page's address in handbook is its file's path: rename the file instead of `{key}`, and list the old address in `aliases:` so old links still lead here",
            "在 handbook 里，页面的地址就是文件的路径：不用 `{key}`，请直接给文件改名，并把旧地址写进 `aliases:`，这样旧链接还能打开这个页面"
        ),
        "categories" | "taxonomies" | "keywords" | "series" => t!(
            "`{key}` is `tags:` in handbook (a list of words; each gets its page)",
            "`{key}` 在 handbook 里写成 `tags:`（一个词语列表，每个标签都有自己的页面）"
        ),
        "toc" => t!(
            "the page's contents (本页目录) are made from its ## and ### headings, always: delete `toc`",
            "本页目录总是根据页面里的 ## 和 ### 标题自动生成：删掉 `toc`"
        ),
        "template" | "layout" | "type" | "render" | "in_search_index" | "sort_by" | "paginate_by" => t!(
            "`{key}` has no handbook equivalent (one page layout for every lesson): delete it",
            "handbook 里没有和 `{key}` 对应的字段（所有课程页面用同一种版式）：删掉它"
        ),
        "author" | "authors" => t!(
            "a page has no authors in handbook: the book's `authors` are in book.toml",
            "handbook 的页面不单独写作者：整本手册的作者 `authors` 写在 book.toml 里"
        ),
        _ => return None,
    })
}

pub fn to_diagnostic(
    file: &Path,
    e: &serde_yaml::Error,
    first_line: usize,
    fields: &[&str],
) -> Diagnostic {
    let (line, col) = e
        .location()
        .map(|l| (l.line() + first_line - 1, l.column()))
        .unwrap_or((first_line, 0));
    let message = without_position(&e.to_string());
    explain(file, line, col, message, fields)
}

/// The first line of `text` (line, column, 1-based) whose key is no name: `?` alone or
/// before text (YAML's sign for a key written over lines), or a list or mapping written as a
/// key (`[甲, 乙]: …`).
fn odd_key(text: &str) -> Option<(usize, usize)> {
    text.lines().enumerate().find_map(|(i, l)| {
        let body = l.trim_start_matches([' ', '\t']);
        let body = body.strip_prefix("- ").unwrap_or(body).trim_start();
        let odd = body == "?"
            || body.starts_with("? ")
            || ((body.starts_with('[') && body.contains("]:"))
                || (body.starts_with('{') && body.contains("}:")));
        odd.then(|| (i + 1, l[..l.len() - body.len()].chars().count() + 1))
    })
}

/// serde's path at the head of `message` with the items it names counted from one, as a
/// trainer counts them: `questions[2].options[0].correct: …` gets `(question 3, option 1)`
/// before its colon (`[2]` is the third question; the path itself is kept, as YAML tools
/// write it).
fn counted_from_one(message: &str) -> String {
    // (serde_yaml writes an item of the file's top list `.[0].value`.)
    let message = message
        .strip_prefix(".[")
        .map_or(message.to_string(), |m| format!("[{m}"));
    let message = message.as_str();
    let Some((path, rest)) = message.split_once(": ") else {
        return message.to_string();
    };
    if path.contains(' ') || !path.contains('[') {
        return message.to_string();
    }
    let mut named = Vec::new();
    for part in path.split('.') {
        let Some((name, index)) = part.split_once('[') else {
            continue;
        };
        let Some(n) = index
            .strip_suffix(']')
            .and_then(|i| i.parse::<usize>().ok())
        else {
            return message.to_string();
        };
        // The item's name: questions → question, categories → category, aliases → alias (in
        // Chinese its measure word: 第 3 题, 第 1 个选项).
        let one = if crate::i18n::zh() {
            chinese_item(name)
        } else {
            match name {
                "" => "item".to_string(),
                _ if name.ends_with("ies") => format!("{}y", &name[..name.len() - 3]),
                _ if ["aliases", "sses", "xes"].iter().any(|e| name.ends_with(e)) => {
                    name[..name.len() - 2].to_string()
                }
                _ if name.ends_with("ss") => name.to_string(),
                _ => name.strip_suffix('s').unwrap_or(name).to_string(),
            }
        };
        let n = n + 1;
        named.push(t!("{one} {n}", "第 {n} {one}"));
    }
    let named = named.join(&t!(", ", "，"));
    if crate::i18n::zh() {
        // Chinese leads with the words, `第 1 题，第 1 个选项的 `score``: the programmer's path
        // is left out (the line and column say where). [`item_list`] reads it back.
        let field = path
            .rsplit_once(']')
            .map_or("", |(_, f)| f.trim_start_matches('.'));
        return if field.is_empty() {
            format!("{named}：{rest}")
        } else {
            format!("{named}的 `{field}`：{rest}")
        };
    }
    t!("{path} ({named}): {rest}", "{path}（{named}）：{rest}")
}

/// The list whose item a message's head names, as [`counted_from_one`] wrote it: `questions`
/// for `questions[1] (question 2)` and for `第 2 题` (the Chinese names no path: its last
/// 第 N … is read back); empty for a list at the file's top or one Chinese counts as 项.
pub(crate) fn item_list(head: &str) -> &str {
    let head = head.split(" (").next().unwrap_or(head);
    if head.contains('[') {
        let last = head.rsplit('.').next().unwrap_or(head);
        return last.split('[').next().unwrap_or("");
    }
    let Some(word) = head
        .split('，')
        .next_back()
        .and_then(|w| w.strip_prefix("第 "))
        .and_then(|w| w.split_once(' '))
        .map(|(_, w)| w.split("的 `").next().unwrap_or(w))
    else {
        return "";
    };
    [
        "questions",
        "options",
        "steps",
        "nodes",
        "modules",
        "cards",
        "pairs",
        "categories",
        "aliases",
        "time_limits",
    ]
    .into_iter()
    .find(|l| chinese_item(l) == word)
    .unwrap_or("")
}

/// An item of the list `name` (a field of handbook's files) as Chinese counts it, after
/// 第 N: 题, 个选项, 步; 项 for another list (the path before it names the list).
fn chinese_item(name: &str) -> String {
    match name {
        "questions" => "题".into(),
        "options" => "个选项".into(),
        "steps" => "步".into(),
        "nodes" => "个节点".into(),
        "modules" => "个单元".into(),
        "cards" => "张卡片".into(),
        "pairs" => "对".into(),
        "categories" => "个分类".into(),
        "aliases" => "个别名".into(),
        "time_limits" => "个时限".into(),
        _ => "项".into(),
    }
}

// Messages made here and read back by code (in the language they were made in; both are
// recognised). A unit test, `messages_read_back_work_in_chinese`, runs each in Chinese.

/// The field a "missing required field `x`" message ([`explain`]'s) names: read back by
/// `parse_all`, `past_syntax_errors` and `refine_position`.
fn missing_named(message: &str) -> Option<&str> {
    message
        .strip_prefix("missing required field `")
        .or_else(|| message.strip_prefix("缺少必填字段 `"))
        .and_then(|r| r.split('`').next())
}

/// The help for key `key` given twice in a mapping, on lines `again` and `first`.
pub(crate) fn twice_hint(key: &str, again: usize, first: usize) -> String {
    t!(
        "each key may appear only once in a mapping: remove the `{key}:` on line {again} or the one on line {first}",
        "同一组字段里，每个字段名只能出现一次：删掉第 {again} 行或第 {first} 行的 `{key}:`"
    )
}

/// Whether `message` is [`explain`]'s for a key given twice, in either language.
fn duplicate_named(message: &str) -> bool {
    message.contains("duplicate field `") || message.contains(DUPLICATE_ZH)
}

/// The start of [`explain`]'s Chinese for serde's "duplicate field `x`".
const DUPLICATE_ZH: &str = "重复的字段 `";

/// A duplicate field in a list's item, `questions[1] (question 2): duplicate field \`id\``
/// ([`explain`]'s, in either language): the path with its count, and the key.
pub(crate) fn duplicate_in_item(message: &str) -> Option<(&str, &str)> {
    let (path, rest) = message
        .split_once(": duplicate field `")
        .or_else(|| message.split_once(&format!("：{DUPLICATE_ZH}")))?;
    Some((path, rest.split('`').next()?))
}

/// A message [`full_width_slip`] leaves alone: one that names its key already. (The Chinese of
/// "`true` or `false` is expected here", which starts with a backtick in English, starts
/// 这里应该写 `.)
fn names_its_key(message: &str) -> bool {
    [
        "unknown field",
        "missing required field",
        "duplicate field",
        "`",
        "不认识的字段",
        "缺少必填字段",
        "重复的字段",
        "这里应该写 `",
    ]
    .iter()
    .any(|p| message.starts_with(p))
}

/// The hint to a missing field that is there, on line `line`, indented out of its mapping.
fn indented_field_hint(field: &str, line: usize) -> String {
    t!(
        "`{field}:` on line {line} is indented differently from the keys beside it: give it the same number of spaces as they have",
        "第 {line} 行的 `{field}:` 缩进和旁边的字段不一样：请让它和旁边的字段缩进同样多的空格"
    )
}

/// Whether `hint` is [`indented_field_hint`]'s for line `line`.
fn indented_field_hint_names(hint: &str, line: usize) -> bool {
    hint.contains(&format!(" on line {line} ")) || hint.starts_with(&format!("第 {line} 行的 `"))
}

fn no_colon_message(key: &str) -> String {
    t!("`{key}` has no colon after it", "`{key}` 后面缺少冒号")
}

fn close_quote_hint() -> String {
    t!(
        "close the quotation mark on the same value",
        "在这个值的末尾补上结尾的引号"
    )
}

/// A diagnostic for serde's `message` at `line`:`col`: in the user's words, with a fix.
fn explain(file: &Path, line: usize, col: usize, raw: String, fields: &[&str]) -> Diagnostic {
    let message = counted_from_one(&raw);
    let mut d = Diagnostic::error(file, line, col, message.clone());
    if message.ends_with("expected field identifier") || message.contains("unknown field ``") {
        // `? 为什么…` (YAML's sign for a key written over lines), `[甲, 乙]: …`.
        d.message = t!("a key here is not a field name", "这里的键不是字段名");
        // (The file's fields, for a key at its top: serde does not list them here.)
        let top = raw
            .split_once(": ")
            .is_none_or(|(p, _)| p.contains(' ') || !(p.contains('.') || p.contains('[')));
        let write = match fields {
            [_, ..] if top => t!(
                "write `name: value` with one of the fields ({})",
                "请写成 `字段名: 值`，字段名是其中之一（{}）",
                fields.join(", ")
            ),
            _ => t!("write `name: value`", "请写成 `字段名: 值`"),
        };
        d = d.with_hint(t!(
            "{write}; a line that starts with `?` or `[` is read as a key: put such text in quotes after its key (`prompt: \"? …\"`)",
            "{write}；以 `?` 或 `[` 开头的一行会被当作键：这样的文字请加引号写在字段后面（`prompt: \"? …\"`）"
        ));
    } else if let Some(key) = message
        .split("unknown field `")
        .nth(1)
        .and_then(|s| s.split('`').next())
    {
        d.message = t!("unknown field `{key}`", "不认识的字段 `{key}`");
        // The fields of the mapping it is in, as serde lists them (a question's, a step's),
        // else the file's.
        let listed: Vec<&str> = message
            .split_once("expected")
            .map(|(_, e)| backticked(e).collect())
            .unwrap_or_default();
        let fields: Vec<&str> = if listed.is_empty() {
            fields.to_vec()
        } else {
            listed
        };
        let front_matter = fields.contains(&"aliases") && fields.contains(&"order");
        let rule = fields.contains(&"must_not") && fields.contains(&"steps");
        let chinese = chinese_field(key, &fields);
        // The card's 示范话术 written into the rule: they come from lessons.
        let phrases = rule
            && [
                "phrases",
                "dialogue",
                "dialogues",
                "scripts",
                "script",
                "示范话术",
                "话术",
                "标准话术",
                "参考话术",
            ]
            .contains(&key.trim());
        let valid = fields.join(", ");
        // (A question's `question:` or `stem:` is its `prompt`: the nearest spelling, `veto`
        // or `items`, is another thing.)
        let meant = other_name(key, &fields).or_else(|| nearest(key, fields.iter().copied()));
        d = d.with_hint(match meant {
            _ if phrases => t!(
                "a rule card's 示范话术 come from the ```dialogue good``` blocks of lessons: write the dialogue in a lesson and name it under `related:` (e.g. `related: [lesson:procedure/escalation#phrases]`); the card shows it",
                "规则卡片上的示范话术来自课程里的 ```dialogue good``` 块：请把对话写在课程里，再在规则的 `related:` 下写上这个课程（例如 `related: [lesson:procedure/escalation#phrases]`），卡片就会显示它"
            ),
            _ if front_matter && other_tools_field(key).is_some() => {
                other_tools_field(key).unwrap_or_default()
            }
            _ if chinese.is_some() => {
                let english = chinese.unwrap_or_default();
                t!(
                    "write `{english}` for {key}: field names are written in English. valid fields: {valid}",
                    "“{key}”请写成 `{english}`：字段名要用英文写。可用的字段：{valid}"
                )
            }
            Some(k) => t!(
                "did you mean `{k}`? valid fields: {valid}",
                "是不是想写 `{k}`？可用的字段：{valid}"
            ),
            None => t!("valid fields: {valid}", "可用的字段：{valid}"),
        });
    } else if let Some(field) = message
        .split("missing field `")
        .nth(1)
        .and_then(|s| s.split('`').next())
    {
        d.message = t!("missing required field `{field}`", "缺少必填字段 `{field}`");
        d = d.with_hint(t!("add `{field}: ...`", "请补上 `{field}: ...`"));
    } else if let Some(rest) = message.split("unknown variant `").nth(1) {
        // "unknown variant `weeks`, expected one of `working_days`, `hours`"
        let bad = rest.split('`').next().unwrap_or("");
        let expected: Vec<&str> = rest
            .split("expected")
            .nth(1)
            .unwrap_or("")
            .split('`')
            .skip(1)
            .step_by(2)
            .collect();
        // (Its Chinese starts with the value too, as [`names_its_key`] expects.)
        d.message = t!(
            "`{bad}` is not one of the allowed values",
            "`{bad}` 不是可以填写的值"
        );
        let allowed = expected.join(", ");
        d = d.with_hint(match chinese_value(bad, &expected) {
            // (The words are English in the file; the site shows each in Chinese.)
            Some(k) => t!(
                "write `{k}` for {bad}: these values are written in English. allowed: {allowed}",
                "“{bad}”请写成 `{k}`：这些值要用英文写。可以填写：{allowed}"
            ),
            None => match nearest(bad, expected.iter().copied()) {
                Some(k) => t!(
                    "did you mean `{k}`? allowed: {allowed}",
                    "是不是想写 `{k}`？可以填写：{allowed}"
                ),
                None => t!("allowed: {allowed}", "可以填写：{allowed}"),
            },
        });
    } else if message.contains("duplicate field") || message.contains("duplicate entry") {
        // serde's "PATH: duplicate field `id`", in Chinese (read back by refine_position and
        // content::repeated_key, in either language: [`duplicate_named`]).
        if let Some((head, key)) = message
            .strip_suffix('`')
            .and_then(|m| m.rsplit_once("duplicate field `"))
            .filter(|(_, key)| !key.contains('`'))
        {
            d.message = t!("{head}duplicate field `{key}`", "{head}重复的字段 `{key}`");
        }
        d = d.with_hint(t!(
            "each key may appear only once in a mapping: remove or rename the second one",
            "同一组字段里，每个字段名只能出现一次：删掉第二个，或者给它改名"
        ));
    } else if message.contains("found character that cannot start any token")
        || message.contains("tab")
    {
        d = d.with_hint(t!(
            "YAML indentation must use spaces, not tabs",
            "缩进只能用空格，不能用 Tab 键（Tab 字符）"
        ));
    } else if message.contains("quoted scalar") {
        d = d.with_hint(close_quote_hint());
    } else if message.contains("recursion limit") {
        // (Lists or fields nested more than 128 deep, or aliases expanding to that.)
        d = d.with_hint(t!(
            "lists or fields are nested too deeply here (over 128 levels), or YAML aliases expand to that: write it flatter, with the values written out",
            "这里的列表或字段一层套一层，嵌套得太深了（超过 128 层），或者 YAML 别名（`&`、`*`）展开后这么深：请减少嵌套层数，把值直接写出来"
        ));
    } else if message.contains("repetition limit") {
        d = d.with_hint(t!(
            "this file expands YAML aliases too much; write the values out instead",
            "这个文件里的 YAML 别名（`&`、`*`）展开得太多了：请把值直接写出来"
        ));
    } else if message.contains("YAML tag starting with '!'")
        || message.contains("Value::Tagged enum")
    {
        // serde_yaml's words for a list or mapping where one word of a set is expected.
        let field = message
            .split(": invalid type")
            .next()
            .filter(|f| !f.contains(' ') && !f.is_empty());
        d.message = match field {
            Some(f) => t!(
                "`{f}` takes one word here, not a list or a mapping",
                "`{f}` 这里只能写一个词，不能写列表或多行字段"
            ),
            None => t!(
                "one word is expected here, not a list or a mapping",
                "这里应该写一个词，不能写列表或多行字段"
            ),
        };
        d = d.with_hint(t!(
            "write one of its allowed words on the line, e.g. `severity: high` (`handbook schema` lists each field's words)",
            "在同一行写一个允许的词，例如 `severity: high`（`handbook schema` 会列出每个字段可以填写的词）"
        ));
    } else if message.contains(" as u128") || message.contains(" as i128") {
        let field = message
            .split(": invalid type")
            .next()
            .filter(|f| !f.contains(' ') && !f.is_empty());
        d.message = match field {
            Some(f) => t!("`{f}`: the number is too large", "`{f}`：数字太大了"),
            None => t!("the number is too large", "数字太大了"),
        };
        d = d.with_hint(t!(
            "write a number of a few digits, e.g. `3`",
            "写一个只有几位的数字，例如 `3`"
        ));
    } else if message.contains("invalid type") {
        // (Read with serde's path, `questions[0].options[0]: `, which names the field; its
        // items counted after.)
        let (plain, hint) = plain_type(&raw);
        d.message = counted_from_one(&plain);
        d = d.with_hint(hint.unwrap_or_else(|| type_hint(&raw)));
    }
    d
}

/// serde's "PATH: invalid type: string \"80%\", expected f64" in a trainer's words ("PATH: a
/// number is expected here, not the text \"80%\""), and a hint for a slip it can name (a
/// percent sign, full-width digits or brackets); the message as it is when it reads otherwise.
fn plain_type(message: &str) -> (String, Option<String>) {
    let Some((head, rest)) = message.split_once("invalid type: ") else {
        return (message.to_string(), None);
    };
    let Some((found, expected)) = rest.rsplit_once(", expected ") else {
        return (message.to_string(), None);
    };
    let text = found.strip_prefix("string ").and_then(debug_unquote);
    let number = |w: &str| {
        w.strip_prefix('`')
            .and_then(|w| w.strip_suffix('`'))
            .unwrap_or(w)
            .to_string()
    };
    let found_words = if let Some(t) = &text {
        let t = short(&t.replace('\n', "\\n").replace('\r', "\\r"));
        t!("the text \"{t}\"", "文字 `{t}`")
    } else if let Some(n) = found.strip_prefix("integer ") {
        let n = number(n);
        t!("the number {n}", "数字 {n}")
    } else if let Some(n) = found.strip_prefix("floating point ") {
        let n = number(n);
        t!("the number {n}", "数字 {n}")
    } else if let Some(b) = found.strip_prefix("boolean ") {
        t!("{b}", " `{b}`")
    } else if found == "map" {
        t!("`key: value` lines", " `key: value` 这样的行")
    } else if found == "sequence" {
        t!("a list", "列表")
    } else {
        found.to_string()
    };
    let Some(kind) = expected_kind(expected) else {
        return (message.to_string(), None);
    };
    // (The Chinese of `true` or `false` starts 这里应该写 `: [`names_its_key`].)
    let (want, lines) = match kind {
        Expected::Bool => (t!("`true` or `false`", " `true` 或 `false`"), false),
        Expected::Whole => (t!("a whole number", "一个整数"), false),
        Expected::Number => (t!("a number", "一个数字"), false),
        Expected::List => (t!("a list", "一个列表"), false),
        Expected::Fields => (
            t!(
                "fields (`key: value` lines)",
                "字段（`key: value` 这样的行）"
            ),
            true,
        ),
        Expected::Text => (t!("text", "文字"), false),
    };
    // (No verb in Chinese.)
    let verb = if lines { t!("are", "") } else { t!("is", "") };
    let plain = if found == "unit value" {
        t!(
            "{head}{want} {verb} expected here, but the value is empty",
            "{head}这里应该写{want}{verb}，但这个值是空的"
        )
    } else {
        t!(
            "{head}{want} {verb} expected here, not {found_words}",
            "{head}这里应该写{want}{verb}，而不是{found_words}"
        )
    };
    // The field, for a hint that writes it: the path's last name (`questions[2].answer: `;
    // the items are counted after, by `explain`).
    let key = head
        .trim_end_matches(": ")
        .rsplit('.')
        .next()
        .unwrap_or("")
        .split('[')
        .next()
        .unwrap_or("");
    let write = |v: &str| {
        if key.is_empty() {
            format!("`{v}`")
        } else {
            format!("`{key}: {v}`")
        }
    };
    let hint = text.as_deref().and_then(|t| {
        let t = t.trim();
        let numeric = matches!(kind, Expected::Number | Expected::Whole);
        let half: String = t
            .chars()
            .map(|c| match c {
                '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
                '．' => '.',
                '－' | '−' => '-',
                _ => c,
            })
            .collect();
        if numeric && half != t && half.parse::<f64>().is_ok() {
            let written = write(&half);
            Some(t!(
                "the digits are full-width: write {written} with half-width (半角) digits",
                "数字是全角的：请用半角数字写成 {written}"
            ))
        } else if let Some(n) = numeric
            .then(|| {
                // `一`, `第三`, `五个`: the numeral, without a measure word after it.
                chinese_number(t.trim_start_matches('第').trim_end_matches(['个', '次', '条', '项']))
            })
            .flatten()
        {
            let written = write(&n.to_string());
            Some(t!(
                "write the number in digits: {written}",
                "请用阿拉伯数字写：{written}"
            ))
        } else if numeric
            && t.trim_end_matches(['%', '％']) != t
            && half.trim_end_matches(['%', '％']).trim().parse::<f64>().is_ok()
        {
            let n = half.trim_end_matches(['%', '％']).trim();
            let written = write(n);
            Some(t!(
                "write the number without `%`: {written}",
                "只写数字，不要写 `%`：{written}"
            ))
        } else if numeric {
            // `10分钟`, `5个工作日`, `第10`, `-2分`: the number alone (a unit has a field of its
            // own), its sign kept; only when the text holds one number (`1,000`, `8e1x`: none).
            let runs: Vec<&str> = half
                .split(|c: char| !(c.is_ascii_digit() || c == '.'))
                .filter(|r| r.chars().any(|c| c.is_ascii_digit()))
                .collect();
            let digits = match runs.as_slice() {
                [one] if one.parse::<f64>().is_ok() => {
                    let at = half.find(one).unwrap_or(0);
                    let minus = half[..at].trim_end().ends_with('-');
                    format!("{}{one}", if minus { "-" } else { "" })
                }
                _ => String::new(),
            };
            // (Only a time limit's `value` has a `unit:` beside it.)
            let unit = key == "value" && ['天', '日', '时', '分', '钟'].iter().any(|u| half.contains(*u));
            (!digits.is_empty() && digits.len() < half.len()).then(|| {
                let written = write(&digits);
                let unit = if unit {
                    t!(
                        " (a time limit's unit is its own field, `unit:`)",
                        "（时限的单位单独写在 `unit:` 字段里）"
                    )
                } else {
                    String::new()
                };
                t!(
                    "write the number alone: {written}{unit}",
                    "这里只写数字：{written}{unit}"
                )
            })
        } else if kind == Expected::Bool && key == "answer" && ["对", "正确", "是"].contains(&t) {
            Some(t!(
                "write `answer: true` for “{t}”: `true` or `false`, without quotes",
                "“{t}”请写成 `answer: true`：判断题的答案只写 `true` 或 `false`，不加引号"
            ))
        } else if kind == Expected::Bool && key == "answer" && ["错", "错误", "否", "不对"].contains(&t) {
            Some(t!(
                "write `answer: false` for “{t}”: `true` or `false`, without quotes",
                "“{t}”请写成 `answer: false`：判断题的答案只写 `true` 或 `false`，不加引号"
            ))
        } else if kind == Expected::Bool && ["true", "false"].contains(&t.to_lowercase().as_str()) {
            // `answer: "false"`, `exam: 'true'`: in quotes it is text.
            let written = write(&t.to_lowercase());
            Some(t!(
                "remove the quotes: {written} (in quotes it is text, not `true` or `false`)",
                "去掉引号，写成 {written}（加了引号就成了文字，不再是 `true` 或 `false`）"
            ))
        } else if kind == Expected::Fields && key == "within" {
            // `within: 5个工作日`: a step's deadline is a value and its unit.
            let digits: String = t.chars().filter(|c| c.is_ascii_digit()).collect();
            let value = if digits.is_empty() {
                chinese_number(t.split(['个', '天', '日', '小', '分', '工']).next().unwrap_or(""))
                    .map_or_else(|| "1".to_string(), |n| n.to_string())
            } else {
                digits
            };
            let unit = if t.contains("工作日") {
                "working_days"
            } else if t.contains('天') || t.contains('日') {
                "calendar_days"
            } else if t.contains('分') {
                "minutes"
            } else if t.contains('时') {
                "hours"
            } else {
                "working_days"
            };
            Some(t!(
                "a step's time is a number and its unit: write `within: {{ value: {value}, unit: {unit} }}` (units: working_days, calendar_days, hours, minutes)",
                "一步的时限要分开写数字和单位：写成 `within: {{ value: {value}, unit: {unit} }}`（单位可以写：working_days, calendar_days, hours, minutes）"
            ))
        } else if kind == Expected::Fields && head.contains("options[") {
            // `options:` then `- 5个工作日`: an option is its text and, if right, `correct: true`.
            Some(t!(
                "write each option as `- text: {t}`, and add a line `correct: true` under the right one",
                "每个选项写成 `- text: {t}`，正确的那个选项下面再加一行 `correct: true`"
            ))
        } else if let Some((mark, item)) = (kind == Expected::List)
            .then(|| list_number(t).or_else(|| Some(("*", t.strip_prefix("* ")?))))
            .flatten()
        {
            // `  1. 记录` / `  * 记录` under `must:`: a Word or Markdown list, read as one text.
            let item = short(
                item.split(' ')
                    .take_while(|w| list_number(&format!("{w} x")).is_none() && *w != "*")
                    .collect::<Vec<_>>()
                    .join(" ")
                    .as_str(),
            );
            Some(t!(
                "a list's items start with `- `, not `{mark}`: write each on a line of its own, `- {item}`",
                "列表的项要以 `- ` 开头，不能写 `{mark}`：每一项单独一行，写成 `- {item}`"
            ))
        } else if kind == Expected::List && (t.contains('、') || t.contains('，')) {
            // `responsible: 承办部门、班长`: items parted by a 顿号 or a full-width comma.
            let items = t
                .split(['、', '，'])
                .map(str::trim)
                .filter(|i| !i.is_empty())
                .collect::<Vec<_>>()
                .join(", ");
            let written = write(&format!("[{items}]"));
            Some(t!(
                "`、` and `，` do not separate a list's items: write {written}",
                "`、` 和 `，` 不能分隔列表的项：请写成 {written}（半角逗号）"
            ))
        } else if kind == Expected::List && t.starts_with(['［', '【']) {
            let bracket = t.chars().next().unwrap_or('［');
            Some(t!(
                "the brackets `{bracket}` are full-width: write `[a, b]` with ASCII brackets and commas",
                "括号 `{bracket}` 是全角的：请用半角的方括号和逗号写成 `[a, b]`"
            ))
        } else if kind == Expected::List && t.starts_with('-') && !t.starts_with("- ") {
            // `-\u{a0}延期`, `-　延期`, `-延期`: a dash with a look-alike space, or none.
            Some(match look_alike_space(&t[1..]) {
                Some(name) => t!(
                    "after `-` comes {name}, which YAML does not take for a space: write `- ` with an ordinary space (delete the one there and type it again)",
                    "`-` 后面是{name}，YAML 不把它当作空格：请写成 `- `，用普通的半角空格（把原来那个空格删掉，重新输入一个）"
                ),
                None => t!(
                    "a list's item is `- ` and its text: put a space after `-`",
                    "列表的每一项是 `- ` 再加文字：请在 `-` 后面加一个空格"
                ),
            })
        } else if kind == Expected::List && t.starts_with(['－', '—', '–']) {
            let dash = t.chars().next().unwrap_or('－');
            Some(t!(
                "the items start with `{dash}`, which is no hyphen to YAML: begin each with `- ` (an ASCII hyphen and a space)",
                "这些项以 `{dash}` 开头，YAML 不把它当作列表的短横线：每一项请以 `- ` 开头（半角短横线加一个空格）"
            ))
        } else {
            None
        }
    });
    (plain, hint)
}

/// The field (one of `fields`) meant by another tool's English name for it: a question's
/// `question:` or `stem:` (a question bank's words) is its `prompt`.
pub(crate) fn other_name<'a>(key: &str, fields: &[&'a str]) -> Option<&'a str> {
    let names = [
        ("question stem title body", "prompt"),
        ("choices answers_list", "options"),
        ("analysis solution rationale", "explanation"),
    ];
    let key = key.trim().to_ascii_lowercase();
    names
        .iter()
        .filter(|(words, _)| words.split(' ').any(|w| w == key))
        .find_map(|(_, f)| fields.iter().copied().find(|x| x == f))
        .filter(|_| !fields.contains(&key.as_str()))
}

/// The field (one of `fields`) a trainer meant by a Chinese name (`标签` for `tags`); book.toml's
/// keys too (`描述` for `description`).
pub(crate) fn chinese_field<'a>(key: &str, fields: &[&'a str]) -> Option<&'a str> {
    let names = [
        ("标题 名称 题目名称 书名", "title"),
        ("语言", "language"),
        ("作者", "authors"),
        ("摘要 简介 概要 内容提要", "summary"),
        ("说明 描述 简介", "description"),
        ("标签 关键词 关键字", "tags"),
        ("顺序 排序 序号", "order"),
        ("对象 受众 适用对象 读者", "audience"),
        ("来源 出处 依据", "sources"),
        ("草稿", "draft"),
        ("修订 修订记录", "revised"),
        ("别名 旧地址", "aliases"),
        ("编号 代号", "id"),
        ("分类 类别 类型分类", "category"),
        ("严重程度 级别 等级 重要程度", "severity"),
        ("适用情形 适用范围 适用于", "applies_when"),
        ("时限 办理时限 期限", "time_limits"),
        ("责任部门 责任人 负责人 承办", "responsible"),
        ("步骤 流程 办理步骤", "steps"),
        ("必须 必须做到 要求", "must"),
        ("禁止 严禁 不得", "must_not"),
        ("升级 升级路径", "escalation"),
        ("相关 相关规则 关联", "related"),
        ("版本 版本号", "version"),
        ("生效日期 生效 施行日期", "effective"),
        ("维护部门 归口部门", "owner"),
        ("及格线 及格分 合格线", "pass_mark"),
        ("题目 试题 问题 题库", "questions"),
        ("题型 类型", "type"),
        ("题干 问题 题目", "prompt"),
        ("选项", "options"),
        ("答案 正确答案", "answer"),
        ("解析 答案解析 讲解", "explanation"),
        ("术语 词条", "term"),
        ("同义词 别称 近义词 又称", "synonyms"),
        ("关键词 搜索词 检索词", "keywords"),
        ("定义 释义", "definition"),
    ];
    let key = key.trim();
    names
        .iter()
        .filter(|(words, _)| words.split(' ').any(|w| w == key))
        .find_map(|(_, f)| fields.iter().copied().find(|x| x == f))
}

/// The allowed value (one of `expected`) a trainer meant by a Chinese word: the word the site
/// shows for it (`高` for `high`, `多选题` for `multiple`), or a common other name (`工作日`,
/// `多选`, `新人`). `None` when the word names none of `expected`.
pub(crate) fn chinese_value<'a>(bad: &str, expected: &[&'a str]) -> Option<&'a str> {
    use crate::content::lesson::Audience;
    use crate::content::quiz::{Ending, QuestionType};
    use crate::content::rule::{Condition, Severity, TimeUnit};
    fn name<T: serde::Serialize>(v: T) -> String {
        serde_json::to_value(v)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }
    let word: String = bad.chars().filter(|c| !c.is_whitespace()).collect();
    if !word.chars().any(|c| c > '\u{2E7F}') {
        return None;
    }
    let mut table: Vec<(String, String)> = Vec::new();
    for v in [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
    ] {
        table.push((v.label().into(), name(v)));
    }
    for v in [
        TimeUnit::WorkingDays,
        TimeUnit::CalendarDays,
        TimeUnit::Hours,
        TimeUnit::Minutes,
    ] {
        table.push((v.label().into(), name(v)));
    }
    for v in [Condition::Ordinary, Condition::Complex, Condition::Extended] {
        table.push((v.label().into(), name(v)));
    }
    for v in [Audience::Frontline, Audience::NewStaff, Audience::Trainer] {
        table.push((v.label().into(), name(v)));
    }
    for v in [
        QuestionType::Single,
        QuestionType::Multiple,
        QuestionType::TrueFalse,
        QuestionType::Short,
        QuestionType::Ordering,
        QuestionType::Matching,
        QuestionType::Scenario,
        QuestionType::Flashcards,
    ] {
        table.push((v.label().into(), name(v)));
    }
    for (v, words) in [
        (Ending::Good, "好 好结局 成功"),
        (Ending::Neutral, "中性 一般结局"),
        (Ending::Bad, "差 坏 坏结局 失败"),
    ] {
        table.extend(words.split(' ').map(|w| (w.to_string(), name(v))));
    }
    let others = [
        ("严重 紧急 特急 重大", "critical"),
        ("较高 重要", "high"),
        ("中等 一般 普通", "medium"),
        ("较低", "low"),
        ("工作日 个工作日", "working_days"),
        ("自然日 日历日 日 个自然日", "calendar_days"),
        ("时 个小时 钟头", "hours"),
        ("分", "minutes"),
        ("一般 普通 一般投诉", "ordinary"),
        ("复杂 特殊复杂 复杂投诉", "complex"),
        ("延长 延期 经批准延期", "extended"),
        ("一线 一线员工 坐席 一线人员", "frontline"),
        ("新人 新入职员工 新进员工", "new-staff"),
        ("讲师 培训老师", "trainer"),
    ];
    for (words, v) in others {
        table.extend(words.split(' ').map(|w| (w.to_string(), v.to_string())));
    }
    for (v, words) in [
        (QuestionType::Ordering, "排序"),
        (QuestionType::Matching, "连线 匹配 配对 匹配题 配对题"),
        (
            QuestionType::Scenario,
            "情景 情景题 情景模拟 角色扮演 场景 电话演练",
        ),
        (QuestionType::Flashcards, "卡片 话术卡 记忆卡 闪卡"),
    ] {
        table.extend(words.split(' ').map(|w| (w.to_string(), name(v))));
    }
    // 单选 / 多选 / 判断 / 填空 as the question-bank import reads them.
    if let Some(t) = crate::import::kind(&word) {
        table.push((word.clone(), name(t)));
    }
    table
        .iter()
        .filter(|(w, _)| *w == word)
        .find_map(|(_, v)| expected.iter().copied().find(|e| e == v))
}

/// What serde's "expected X" (after "invalid type: …,") asks for.
#[derive(Clone, Copy, PartialEq)]
enum Expected {
    Bool,
    Whole,
    Number,
    List,
    Text,
    Fields,
}

/// The kind of value `expected` (serde's words after "expected") names; none for another.
fn expected_kind(expected: &str) -> Option<Expected> {
    let is = |words: &[&str]| words.iter().any(|w| expected.contains(w));
    Some(if is(&["boolean"]) {
        Expected::Bool
    } else if is(&[
        "i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "usize", "integer",
    ]) {
        Expected::Whole
    } else if is(&["f32", "f64"]) {
        Expected::Number
    } else if is(&["sequence"]) {
        Expected::List
    } else if is(&["string"]) {
        Expected::Text
    } else if is(&["struct", "map"]) {
        Expected::Fields
    } else {
        return None;
    })
}

/// What to write instead, for serde's "invalid type: ..., expected X".
fn type_hint(message: &str) -> String {
    let kind = expected_kind(message.rsplit("expected").next().unwrap_or(""));
    if kind == Some(Expected::Bool) {
        t!(
            "write `true` or `false`, without quotes (yes / no, 是 / 否 and 对 / 错 are text here)",
            "写 `true` 或 `false`，不加引号（yes / no、是 / 否、对 / 错 在这里都会被当成文字）"
        )
    } else if kind == Some(Expected::Whole) {
        t!(
            "write a whole number, without quotes, e.g. `3`",
            "写一个整数，不加引号，例如 `3`"
        )
    } else if kind == Some(Expected::Number) {
        t!(
            "write a number, without quotes, e.g. `80` or `12.5`",
            "写一个数字，不加引号，例如 `80` 或 `12.5`"
        )
    } else if kind == Some(Expected::List) {
        t!(
            "a list is written `[a, b]` or as `- ` items on lines of their own",
            "列表写成 `[a, b]`，或者每一项单独一行、以 `- ` 开头"
        )
    } else if kind == Some(Expected::Text) {
        // What YAML read instead.
        let found = message
            .split("invalid type: ")
            .nth(1)
            .and_then(|f| f.split(", expected").next())
            .unwrap_or("");
        if found.starts_with("map") {
            t!(
                "the text holds `: ` (a colon and a space), which YAML reads as a key and its value: put the whole text in quotes (`- \"注意: 事先报批\"`) or write the colon full-width (`注意：事先报批`)",
                "这段文字里有 `: `（冒号加空格），YAML 会把它当成字段名和值：请把整段文字放进英文引号（`- \"注意: 事先报批\"`），或者把冒号写成全角（`注意：事先报批`）"
            )
        } else if found.starts_with("floating point") || found.starts_with("integer") {
            // The example is the field written, with its number (as serde has it).
            let n = found
                .split_once(' ')
                .map_or("", |(_, n)| n)
                .trim_matches('`');
            // (A list's item, `must[0]`, is written `- "95598"`.)
            let last = message
                .split(": invalid type")
                .next()
                .filter(|h| !h.contains(' ') && !h.is_empty())
                .and_then(|h| h.rsplit('.').next())
                .filter(|_| n.parse::<f64>().is_ok());
            let example = match last {
                Some(k) if k.ends_with(']') => format!("- \"{n}\""),
                Some(k) => format!("{k}: \"{n}\""),
                None => "version: \"1.10\"".to_string(),
            };
            t!(
                "YAML reads this as a number (`1.10` becomes 1.1, `007` becomes 7): put it in quotes to keep it as written, e.g. `{example}`",
                "YAML 会把它当成数字（`1.10` 会变成 1.1，`007` 会变成 7）：要保持原样，请放进英文引号，例如 `{example}`"
            )
        } else if found.starts_with("boolean") {
            t!(
                "YAML reads this as true or false (`yes`, `no`, `on`, `off`): put it in quotes to keep it as text",
                "YAML 会把它当成 true 或 false（`yes`、`no`、`on`、`off`）：要当文字用，请放进英文引号"
            )
        } else if found.starts_with("sequence") {
            t!(
                "one text is wanted here, not a list: remove the `[ ]` or `- `, or put the text in quotes if it starts with `[`",
                "这里应该写一段文字，而不是列表：删掉 `[ ]` 或 `- `；如果文字本身以 `[` 开头，请放进英文引号"
            )
        } else {
            t!(
                "write text here; put it in quotes if it starts with a character YAML reads (`[`, `{{`, `*`, `&`, `!`, `|`, `>`, `%`, `@`)",
                "这里要写文字；如果文字以 YAML 的特殊字符开头（`[`、`{{`、`*`、`&`、`!`、`|`、`>`、`%`、`@`），请放进英文引号"
            )
        }
    } else if kind == Some(Expected::Fields) {
        t!(
            "write its fields as `key: value` lines, indented under it",
            "在它下面缩进，一行一个 `key: value` 写出它的字段"
        )
    } else {
        t!(
            "check the value's type: a list is written `[a, b]` or with `- ` items, text may need quotes",
            "检查这个值的类型：列表写成 `[a, b]` 或一行一个 `- ` 项，文字可能需要放进英文引号"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list's slips set aside an item at a time are those set aside reading the whole
    /// text after each (which took 5-10 s for 400 rules with a slip in each): the same lines,
    /// the same messages at the same places.
    #[test]
    fn a_list_is_read_past_its_slips_an_item_at_a_time_as_whole() {
        let file = Path::new("r.rules.yaml");
        let fields = crate::content::rule::RULE_FIELDS;
        let item = |i: usize| {
            let slip = match i % 4 {
                0 => "  summary: 登记: 派单\n".to_string(),
                1 => "  responsible: [营销部, 客服\n".to_string(),
                2 => "  steps:\n    - who: 坐席\n      what: 记录: 原话\n    - who: 班长\n      what: 回访\n".to_string(),
                _ => "  summary: ok\n".to_string(),
            };
            format!("# 第 {i} 条\n- id: TS-A-{i:03}\n  title: t\n{slip}  owner: 营销部\n\n")
        };
        let text: String = (0..12).map(item).collect();
        let (by_items, a) = slips_set_aside(file, &text, 3, fields, true).unwrap();
        let (whole, b) = slips_set_aside(file, &text, 3, fields, false).unwrap();
        assert!(a.read && b.read);
        assert_eq!(by_items, whole);
        let said = |s: &Slips| {
            s.syntax
                .iter()
                .map(|d| (d.line, d.col, d.message.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(said(&a), said(&b));
        assert_eq!(a.syntax.len(), 9, "{:#?}", said(&a));
        assert_eq!(
            (&a.aside, &a.parents, &a.ranges, &a.dashes),
            (&b.aside, &b.parents, &b.ranges, &b.dashes)
        );
        // An item with an alias of another item's anchor does not read alone: the whole text
        // is read, and the alias is no slip.
        let text = format!(
            "- id: TS-A-001\n  title: t\n  responsible: &who [营销部]\n- id: TS-A-002\n  title: t\n  responsible: *who\n{}",
            item(4)
        );
        let (_, a) = slips_set_aside(file, &text, 1, fields, true).unwrap();
        assert!(a.read);
        assert_eq!(said(&a).len(), 1, "{:#?}", said(&a));
        assert_eq!(a.syntax[0].line, 10, "{:#?}", said(&a));
    }

    #[test]
    fn serde_paths_count_items_from_one() {
        assert_eq!(
            counted_from_one("questions[2].options[0].correct: invalid type: string \"ok\""),
            "questions[2].options[0].correct (question 3, option 1): invalid type: string \"ok\""
        );
        assert_eq!(
            counted_from_one("steps[0].limit.unit: unknown variant `x`"),
            "steps[0].limit.unit (step 1): unknown variant `x`"
        );
        assert_eq!(
            counted_from_one("[3].synonyms: invalid type"),
            "[3].synonyms (item 4): invalid type"
        );
        assert_eq!(
            counted_from_one("categories[1]: x"),
            "categories[1] (category 2): x"
        );
        assert_eq!(
            counted_from_one("aliases[1]: invalid type"),
            "aliases[1] (alias 2): invalid type"
        );
        // In Chinese the words lead, and the path is left out (review-zh2 3.1).
        crate::i18n::in_chinese(|| {
            assert_eq!(
                counted_from_one("questions[0].nodes[0].options[0].score: invalid type"),
                "第 1 题，第 1 个节点，第 1 个选项的 `score`：invalid type"
            );
            assert_eq!(
                counted_from_one("steps[0].limit.unit: unknown variant `x`"),
                "第 1 步的 `limit.unit`：unknown variant `x`"
            );
            assert_eq!(counted_from_one("questions[1]: x"), "第 2 题：x");
            assert_eq!(
                counted_from_one("[3].synonyms: x"),
                "第 4 项的 `synonyms`：x"
            );
            assert_eq!(counted_from_one("pass_mark: x"), "pass_mark: x");
        });
        // No path, a path without items, text that is not a path: as they were.
        for m in [
            "pass_mark: invalid type",
            "invalid type: a [1] list",
            "missing field `id`",
        ] {
            assert_eq!(counted_from_one(m), m);
        }
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Sample {
        answer: Option<bool>,
        order: Option<i64>,
        pass_mark: Option<f64>,
        tags: Option<Vec<String>>,
    }

    fn hint(yaml: &str) -> String {
        let e = parse::<Sample>(Path::new("x.yaml"), yaml, 1, &[]).unwrap_err();
        e.hint.unwrap_or_default()
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Step {
        who: String,
        what: String,
    }

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Card {
        title: String,
        summary: Option<String>,
        steps: Option<Vec<Step>>,
    }

    fn card_error(yaml: &str) -> Diagnostic {
        parse::<Card>(Path::new("x.yaml"), yaml, 1, &[]).unwrap_err()
    }

    /// `?` alone on a line (YAML's sign for a key written over lines) or a list as a key:
    /// told as a key that is no field name, at its line, first or after another mistake
    /// (it was `?: invalid type: unit value, expected field identifier` at line 2).
    #[test]
    fn a_key_that_is_no_name_is_told_at_its_line() {
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Strict {
            title: String,
            summary: Option<String>,
            steps: Option<Vec<StrictStep>>,
        }
        #[derive(serde::Deserialize, Debug)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct StrictStep {
            who: String,
        }
        let errs = |text: &str| {
            parse_all::<Strict>(Path::new("x.yaml"), text, 1, &["title", "summary", "steps"])
                .unwrap_err()
                .iter()
                .map(|d| {
                    format!(
                        "{}:{} {} | {}",
                        d.line,
                        d.col,
                        d.message,
                        d.hint.as_deref().unwrap_or("")
                    )
                })
                .collect::<Vec<_>>()
        };
        for text in [
            "title: t\nsummary: s\n?\n",
            "title: t\n[甲, 乙]: 3\nsummary: s\n",
        ] {
            let e = errs(text);
            assert_eq!(e.len(), 1, "{e:#?}");
            let l = text
                .lines()
                .position(|l| l.starts_with(['?', '[']))
                .unwrap()
                + 1;
            assert!(e[0].starts_with(&format!("{l}:")), "{e:#?}");
            assert!(e[0].contains("a key here is not a field name"), "{e:#?}");
            assert!(
                e[0].contains("one of the fields (title, summary, steps)"),
                "{e:#?}"
            );
        }
        // After another mistake, where serde no longer gives a position.
        let e = errs("title: [t]\nsummary: s\n?\n");
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[1].starts_with("3:1 a key here is not a field name"),
            "{e:#?}"
        );
        // Inside a step: no list of the file's fields.
        let e = errs("title: t\nsteps:\n  - who: a\n    ? \n");
        assert!(
            e.iter()
                .any(|e| e.starts_with("4:") && e.contains("| write `name: value`;")),
            "{e:#?}"
        );
    }

    #[test]
    fn common_slips_are_named_at_their_line_with_the_fix() {
        // A colon inside a value.
        let e = card_error("title: 结束通话: 礼貌用语\n");
        assert_eq!(e.line, 1);
        assert!(
            e.message.contains("the value of `title` holds `: `"),
            "{}",
            e.message
        );
        assert!(e.hint.unwrap().contains("`title: \"结束通话: 礼貌用语\"`"));
        // No space after the colon: serde_yaml notices a line later.
        let e = card_error("title: 回避\nsummary:有利害关系的回避\nsteps: []\n");
        assert_eq!((e.line, e.col), (2, 8), "{}", e.message);
        assert_eq!(e.message, "`summary:` needs a space after the colon");
        assert_eq!(e.hint.unwrap(), "write `summary: 有利害关系的回避`");
        // A field that is there, indented out of its mapping.
        let e = card_error("title: a\nsteps:\n  - who: 坐席\n   what: 登记\n");
        assert!(
            e.message.contains("missing required field `what`"),
            "{}",
            e.message
        );
        assert!(e
            .hint
            .unwrap()
            .contains("`what:` on line 4 is indented differently"));
        // A sibling's field is not taken for it.
        let e = card_error("title: a\nsteps:\n  - who: 坐席\n  - who: 班长\n    what: 复核\n");
        assert_eq!(e.hint.unwrap(), "add `what: ...`");
    }

    fn error(yaml: &str) -> Diagnostic {
        parse::<Sample>(Path::new("x.yaml"), yaml, 1, &[]).unwrap_err()
    }

    #[test]
    fn a_value_of_the_wrong_type_is_said_in_plain_words_with_the_slip_named() {
        // No f64, i64, struct or unit value: what is expected, and what is there.
        let e = error("pass_mark: 80%\n");
        assert_eq!(
            e.message,
            "pass_mark: a number is expected here, not the text \"80%\""
        );
        assert_eq!(
            e.hint.unwrap(),
            "write the number without `%`: `pass_mark: 80`"
        );
        let e = error("order: １０\n");
        assert_eq!(
            e.message,
            "order: a whole number is expected here, not the text \"１０\""
        );
        assert!(e.hint.unwrap().contains("full-width: write `order: 10`"));
        assert!(error("order: 二\n").hint.unwrap().contains("`order: 2`"));
        assert!(error("order: 十五\n").hint.unwrap().contains("`order: 15`"));
        assert!(error("order: 第一\n").hint.unwrap().contains("`order: 1`"));
        assert!(error("pass_mark: 10分钟\n")
            .hint
            .unwrap()
            .contains("`pass_mark: 10`"));
        // The sign kept (a role-play answer's -2 is no +2); one number or none offered.
        assert!(error("order: -2分\n").hint.unwrap().contains("`order: -2`"));
        assert!(error("order: －２分\n")
            .hint
            .unwrap()
            .contains("`order: -2`"));
        for text in ["1,000", "8e1x", "1e400"] {
            let hint = error(&format!("order: {text}\n")).hint.unwrap_or_default();
            assert!(!hint.contains("alone"), "{text}: {hint}");
        }
        assert!(!error("pass_mark: 10分钟\n").hint.unwrap().contains("unit:"));
        assert!(!error("pass_mark: |\n  80\n  分\n").message.contains('\n'));
        let e = error("tags: ［流程, 升级］\n");
        assert_eq!(
            e.message,
            "tags: a list is expected here, not the text \"［流程, 升级］\""
        );
        assert!(e.hint.unwrap().contains("`［` are full-width"));
        assert!(error("tags: 【流程】\n")
            .hint
            .unwrap()
            .contains("`【` are full-width"));
        let e = error("tags:\n  － 流程\n  － 升级\n");
        assert!(
            e.hint
                .as_deref()
                .unwrap_or("")
                .contains("`－`, which is no hyphen"),
            "{e:?}"
        );
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Num {
            n: u32,
        }
        let e = parse::<Num>(Path::new("x.yaml"), "n:\n", 1, &[]).unwrap_err();
        assert_eq!(
            e.message,
            "n: a whole number is expected here, but the value is empty"
        );
        let e = card_error("就是一句话\n");
        assert_eq!(
            e.message,
            "fields (`key: value` lines) are expected here, not the text \"就是一句话\""
        );
        assert!(!e.message.contains("struct") && !e.message.contains("f64"));
        let e = error("answer: 是\n");
        assert!(e
            .message
            .contains("`true` or `false` is expected here, not the text \"是\""));
        // `"false"` in quotes is text: the fix is to remove them.
        let e = error("answer: \"false\"\n");
        assert_eq!(
            e.hint.as_deref(),
            Some(
                "remove the quotes: `answer: false` (in quotes it is text, not `true` or `false`)"
            )
        );
        let e = error("order: 1.5\n");
        assert_eq!(
            e.message,
            "order: a whole number is expected here, not the number 1.5"
        );
    }

    #[test]
    fn a_key_without_its_colon_is_named_on_its_own_line_once() {
        let text =
            "title: 升级\nsummary 投诉在时限内办不完\nsteps:\n  - who: 坐席\n    what: 记录\n";
        let all = parse_all::<Card>(Path::new("x.yaml"), text, 1, &[]).unwrap_err();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].line, all[0].col), (2, 1));
        assert_eq!(all[0].message, "`summary` has no colon after it");
        assert_eq!(
            all[0].hint.as_deref().unwrap(),
            "write `summary: 投诉在时限内办不完` (a key, a colon and a space, then its value)"
        );
        // Inside a list's item, and after a full-width space.
        let text =
            "title: 升级\nsteps:\n  - who: 坐席\n    what　记录\n  - who: 班长\n    what: 复核\n";
        let all = parse_all::<Card>(Path::new("x.yaml"), text, 1, &[]).unwrap_err();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].line, all[0].col), (4, 5));
        assert_eq!(all[0].message, "`what` has no colon after it");
    }

    #[test]
    fn an_id_like_value_in_chinese_quotes_is_a_warning() {
        let mut out = Vec::new();
        chinese_quote_warnings(
            Path::new("x.yaml"),
            "id: a\nversion: “1.0”\ntitle: “三不”原则\nsummary: “这不归我管”是禁语\n",
            1,
            &mut out,
        );
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!((out[0].line, out[0].col), (2, 10));
        assert!(
            out[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("write `version: \"1.0\"`")
                || out[0]
                    .hint
                    .as_deref()
                    .unwrap()
                    .starts_with("write `version: 1.0`"),
            "{out:?}"
        );
    }

    #[test]
    fn a_comment_set_apart_by_two_spaces_is_no_warning() {
        let warn = |text: &str| {
            let mut out = Vec::new();
            comment_in_text_warnings(Path::new("x.yaml"), text, 1, &mut out);
            out.len()
        };
        // As `handbook new` writes them: a value, spaces, then what it may be.
        assert_eq!(warn("severity: 高          # critical 极高 · high 高\n"), 0);
        assert_eq!(warn("order: 第十  # 排在第十\n"), 0);
        // After text, two spaces do not make it a comment: the text may be cut short.
        assert_eq!(warn("prompt: 客户按  # 号键后转人工\n"), 1);
        // One space: the text may go on past it.
        assert_eq!(warn("title: 客户按 # 号键后转人工\n"), 1);
    }

    #[test]
    fn dialogue_written_into_a_rule_points_to_the_lessons() {
        let fields = [
            "id", "title", "steps", "must", "must_not", "related", "aliases",
        ];
        let e = explain(
            Path::new("r.yaml"),
            9,
            1,
            "unknown field `phrases`".into(),
            &fields,
        );
        let hint = e.hint.unwrap();
        assert!(
            hint.contains("```dialogue good```") && hint.contains("related:"),
            "{hint}"
        );
        assert!(!hint.contains("did you mean `aliases`"));
        let e = explain(
            Path::new("r.yaml"),
            9,
            1,
            "unknown field `示范话术`".into(),
            &fields,
        );
        assert!(e.hint.unwrap().contains("示范话术 come from"));
    }

    /// `owner: *id001`, left by a tool that writes YAML: a reference whose mark is gone, in
    /// words, not libyaml's "unknown anchor".
    #[test]
    fn a_reference_without_its_mark_is_named_with_the_fix() {
        let e = card_error("title: a\nsummary: *id001\nsteps: []\n");
        assert_eq!(
            e.message,
            "`*id001` is a YAML reference to a value marked `&id001`, and this file has no such mark"
        );
        assert!(e
            .hint
            .unwrap()
            .ends_with("put the whole value in quotes: `\"*id001\"`"));
        assert_eq!((e.line, e.col), (2, 10));
        let e = crate::i18n::in_chinese(|| card_error("title: a\nsummary: *id001\nsteps: []\n"));
        assert!(
            e.message.starts_with("`*id001` 是 YAML 的引用"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_value_starting_with_at_or_backtick_is_told_to_take_quotes() {
        for (c, named) in [
            ('@', "`@`"),
            ('`', "a backtick (`)"),
            ('*', "`*`"),
            ('&', "`&`"),
            ('%', "`%`"),
            ('!', "`!`"),
        ] {
            let e = card_error(&format!(
                "title: a\nsummary: {c}{c}注意{c}{c} 张三 负责\nsteps: []\n"
            ));
            assert_eq!(
                e.message,
                format!("a value cannot start with {named} in YAML"),
                "{c}"
            );
            assert!(
                e.hint
                    .unwrap()
                    .starts_with("put the whole value in quotes: `\""),
                "{c}"
            );
            assert_eq!((e.line, e.col), (2, 10), "{c}");
        }
        // A tab keeps its own hint.
        let e = card_error("title: a\nsteps:\n\t- who: x\n");
        assert!(
            e.hint.unwrap_or_default().contains("not tabs"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_first_key_or_a_key_alone_without_its_colon_is_named_once() {
        let errs = |text: &str| parse_all::<Card>(Path::new("x.yaml"), text, 1, &[]).unwrap_err();
        // The first key: YAML read it with the next lines as one text.
        let all = errs("title 升级处理\nsummary: 要点\nsteps:\n  - who: 坐席\n    what: 记录\n");
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(
            (all[0].line, all[0].col, all[0].message.as_str()),
            (1, 1, "`title` has no colon after it")
        );
        // A key whose list is below it.
        let all = errs("title: 升级\nsteps\n  - who: 坐席\n    what: 记录\n");
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(
            (all[0].line, all[0].message.as_str()),
            (2, "`steps` has no colon after it")
        );
        assert!(all[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("write `steps:`"));
        // An item's first key.
        let all = errs("title: 升级\nsteps:\n  - who 坐席\n    what: 记录\n");
        assert_eq!((all.len(), all[0].line, all[0].col), (1, 3, 5), "{all:?}");
        // Another mistake in the same file is still found.
        let all = errs("title 升级\nsummary: [a\n");
        assert!(
            all.len() >= 2 && all[0].message == "`title` has no colon after it",
            "{all:?}"
        );
        // Text in a block (`|`) and text in a list are not keys; a web address is no key.
        let all = errs("title: a\nsummary: |\n  title 不是键\nsteps:\n  - who 坐席\n");
        assert!(all.iter().all(|d| d.line != 3), "{all:?}");
        assert_eq!(all[0].line, 5);
        let e = card_error("title: a\nsummary: b\nsteps:\n  - https://example.com/a\n  - SLA:24小时\nsummary2 x\n  bad: [\n");
        assert!(!e.message.contains("needs a space"), "{e:?}");
    }

    #[test]
    fn a_dash_with_a_look_alike_space_or_none_or_a_full_width_dash_is_named() {
        for (space, name) in [
            ("\u{a0}", "no-break space"),
            ("\u{3000}", "full-width space"),
        ] {
            let e = error(&format!("tags:\n  -{space}流程\n"));
            assert!(
                e.hint
                    .as_deref()
                    .unwrap_or("")
                    .contains(&format!("after `-` comes a {name}")),
                "{e:?}"
            );
        }
        let e = error("tags:\n  -流程\n");
        assert!(e.hint.unwrap().contains("put a space after `-`"));
        let all = parse_all::<Card>(
            Path::new("x.yaml"),
            "title: a\nsteps:\n  - who: 坐席\n    what: 记录\n  － who: 班长\n    what: 复核\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!((all[0].line, all[0].col), (5, 3), "{all:?}");
        assert_eq!(
            all[0].message,
            "this item starts with `－`, which is no hyphen to YAML"
        );
    }

    #[test]
    fn an_item_that_lost_its_first_key_is_named_with_the_key_its_neighbours_have() {
        let all = parse_all::<Card>(
            Path::new("x.yaml"),
            "title: a\nsteps:\n  - who: 坐席\n    what: 记录\n  - 班长\n    what: 复核\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].line, all[0].col), (5, 5));
        assert_eq!(
            all[0].message,
            "this item's `who:` is missing before its text"
        );
        assert_eq!(
            all[0].hint.as_deref(),
            Some("write `- who: 班长` like the items above it")
        );
        // A list of texts is no such item.
        assert!(parse_all::<Card>(
            Path::new("x.yaml"),
            "title: a\nsteps: []\nsummary: b\n",
            1,
            &[]
        )
        .is_ok());
    }

    #[test]
    fn a_look_alike_space_after_the_colon_is_named() {
        for (space, name) in [
            ("\u{3000}", "full-width space"),
            ("\u{a0}", "no-break space"),
        ] {
            let e = card_error(&format!(
                "summary: 要点\ntitle:{space}升级时限\nsteps: []\n"
            ));
            assert!(
                e.message.starts_with("`title:` is followed by a"),
                "{}",
                e.message
            );
            assert!(e.message.contains(name), "{}", e.message);
            assert!(e
                .hint
                .unwrap()
                .starts_with("write `title: 升级时限` with an ordinary space"));
        }
        // A colon with no space at all: as before.
        assert_eq!(
            card_error("title:升级\n").message,
            "`title:` needs a space after the colon"
        );
    }

    #[test]
    fn a_list_items_key_indented_left_of_its_item_says_where_to_line_it_up() {
        let text = "title: 升级\nsteps:\n  - who: 坐席\n   what: 记录\n";
        let all = parse_all::<Card>(Path::new("x.yaml"), text, 1, &[]).unwrap_err();
        assert_eq!(all.len(), 1, "one mistake, one error: {all:?}");
        assert_eq!((all[0].line, all[0].col), (4, 4));
        assert_eq!(
            all[0].message,
            "`what:` is indented by 3 spaces, left of `who:` above it (4 spaces)"
        );
        assert!(all[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("indent it by 4 spaces"));
    }

    #[test]
    fn a_value_of_the_wrong_type_gets_a_hint_for_the_type_expected() {
        assert!(hint("answer: 对\n").contains("`true` or `false`"));
        assert!(hint("answer: yes\n").contains("`true` or `false`"));
        assert!(hint("order: 第二\n").contains("in digits: `order: 2`"));
        assert!(hint("pass_mark: 八十\n").contains("in digits: `pass_mark: 80`"));
        assert!(hint("tags: 回访\n").contains("a list is written"));
        // Text read as something else: what YAML read, and the quotes that keep it.
        assert!(hint("tags:\n  - 注意: 事先报批\n").contains("holds `: `"));
        // (Rules and quizzes are read through a YAML value, where a number is one already.)
        let typed = |m: &str| type_hint(m);
        assert!(
            typed("version: invalid type: floating point `1.1`, expected a string")
                .contains("`1.10` becomes 1.1")
        );
        assert!(
            typed("must[0]: invalid type: integer `95598`, expected a string")
                .contains("as a number")
        );
        assert!(
            typed("x: invalid type: boolean `true`, expected a string").contains("true or false")
        );
    }

    /// Full-width colons on every key, as a Chinese input method types them, those of the
    /// steps' items too: each is told in one run (an item's keys under its first were set
    /// aside with it, and the ninth slip on was left for the next run).
    #[test]
    fn every_full_width_colon_is_told_in_one_run() {
        use crate::content::rule::{Rule, RULE_FIELDS};
        let text = "id： TS-PROC-001\ntitle： 时限\ncategory： procedure\nsummary： 要及时\nseverity： high\nsteps:\n  - who： 坐席\n    what： 登记\n  - who： 班长\n    what： 审核\n    within: {value: 1, unit: hours}\nversion： \"1.0\"\neffective： 2025-01-01\nowner： 客服中心\n";
        let all = parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err();
        let lines: Vec<usize> = all.iter().map(|d| d.line).collect();
        let want: Vec<usize> = text
            .lines()
            .enumerate()
            .filter(|(_, l)| l.contains('：'))
            .map(|(i, _)| i + 1)
            .collect();
        assert_eq!(want.len(), 12);
        assert_eq!(lines, want, "{all:#?}");
        assert!(
            all.iter().all(|d| d.message.contains("full-width colon")),
            "{all:#?}"
        );
    }

    /// A number written where text is expected reads as the text written: no mistake, also
    /// past another one (review-zh 1.9: `customer: 2` was an error, and told `version: "1.10"`,
    /// only when the file had another mistake). The hint's example, where one is given, is the
    /// field written.
    #[test]
    fn a_number_for_text_is_no_mistake_past_another_and_its_hint_names_the_field() {
        use crate::content::rule::{Rule, RULE_FIELDS};
        let rule = "id: TS-PROC-001\ntitle: 时限\ncategory: procedure\nsummary: 要及时\n";
        let all = |text: &str| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        };
        let e = all(&format!(
            "{rule}severity: 高\nversion: 1.10\nowner: 007\nsteps:\n  - who: 2\n    what: x\n"
        ));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].message, "`高` is not one of the allowed values");
        let typed = |m: &str| type_hint(m);
        assert!(
            typed("steps[0].who: invalid type: integer `2`, expected a string")
                .ends_with("e.g. `who: \"2\"`")
        );
        let zh = crate::i18n::in_chinese(|| {
            typed("customer: invalid type: integer `2`, expected a string")
        });
        assert!(zh.ends_with("例如 `customer: \"2\"`"), "{zh}");
        assert!(
            type_hint("must[0]: invalid type: integer `95598`, expected a string")
                .ends_with("e.g. `- \"95598\"`")
        );
    }
}

/// Warnings for flow lists (`tags: [流程，结束]`) written with a full-width comma `，`: YAML
/// reads one item, 流程，结束, so the tag, role or synonym is silently wrong. `text` is YAML
/// (a whole file, or front matter starting at line `first_line`); quoted items are left alone.
pub fn full_width_comma_warnings(
    file: &Path,
    text: &str,
    first_line: usize,
    out: &mut Vec<Diagnostic>,
) {
    if !text.contains('，') {
        return;
    }
    for (i, line) in text.lines().enumerate() {
        let body = line.trim_start();
        if body.starts_with('#') {
            continue;
        }
        let Some(colon) = body.find(": [") else {
            continue;
        };
        let key = body[..colon].trim_start_matches("- ");
        // (A lesson's tags have a check of their own, in book.rs, that also knows `、`.)
        if key.is_empty()
            || key == "tags"
            || !key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        {
            continue;
        }
        let list = &body[colon + 2..];
        let Some(end) = list.find(']') else {
            continue;
        };
        let items = &list[1..end];
        if items.contains(['"', '\'']) {
            continue;
        }
        if let Some(at) = items.find('，') {
            let col = line.len() - body.len() + colon + 3 + at;
            let fixed = items.replace("， ", ", ").replace('，', ", ");
            out.push(
                Diagnostic::warning(
                    file,
                    i + first_line,
                    line[..col].chars().count() + 1,
                    t!(
                        "`{key}: [{items}]` is read as one item: a full-width comma `，` does not separate a list",
                        "`{key}: [{items}]` 会被当成一项：全角逗号 `，` 不能分隔列表的项"
                    ),
                )
                .with_hint(t!(
                    "separate the items with an ASCII comma: `{key}: [{fixed}]` (or, if it is one item, quote it: `[\"{items}\"]`)",
                    "请用半角逗号分隔各项：`{key}: [{fixed}]`（如果它本来就是一项，就放进英文引号：`[\"{items}\"]`）"
                )),
            );
        }
    }
}

/// Warnings for text cut short by a comment: in YAML, ` #` ends an unquoted value and starts a
/// comment, so `prompt: 客户按 # 号键后…` reads `客户按` and the rest of the line is silently
/// gone (from the quiz, the rule card, the search). Warned where the value left has Chinese in
/// it (text, not an id, a number or one of a set of words, after which a comment is usual) or
/// the `#` is not followed by a space (`升级单 #3`); written on a line of its own, a comment is
/// never taken for text. `text` is YAML (a whole file, or front matter from line `first_line`).
pub fn comment_in_text_warnings(
    file: &Path,
    text: &str,
    first_line: usize,
    out: &mut Vec<Diagnostic>,
) {
    // Most files have no `#` after text on a line: they are not parsed again.
    let after_text = |l: &str| {
        let body = l.trim_start();
        !body.starts_with('#') && (body.contains(" #") || body.contains("\t#"))
    };
    if !text.lines().any(after_text) {
        return;
    }
    let lines: Vec<&str> = text.lines().collect();
    // (A file that does not parse has none: its error is reported by the parse that types it.)
    for plain in crate::content::spans::plain_values(text) {
        let crate::content::spans::PlainValue { key, value, end } = plain;
        let Some(src) = lines.get(end.0 - 1) else {
            continue;
        };
        let rest: String = src.chars().skip(end.1).collect();
        let comment = rest.trim_start_matches([' ', '\t']);
        if !comment.starts_with('#') || comment.len() == rest.len() {
            continue;
        }
        // Text: Chinese in it, or words with a space between them (`call extension #3`); not
        // one word, a number or true / false (`order: 10 #第十`, `severity: high #高`), after
        // which a comment is what was meant, with a space after `#` or not.
        let gone = comment[1..].trim_end();
        let cjk = value.chars().any(|c| c > '\u{2E7F}');
        let words = value.contains(' ') && !gone.starts_with([' ', '\t']);
        // Two spaces or more before `#` after a value of a field that takes a word or a
        // number (a comment set apart, as the templates of `new` write them): meant as a
        // comment. After text (`prompt: 客户按  # 号键…`) it may be the text cut short.
        const WORDS: [&str; 20] = [
            "type",
            "severity",
            "unit",
            "condition",
            "audience",
            "category",
            "order",
            "pass_mark",
            "time_guide",
            "time_limit",
            "exam",
            "draft",
            "value",
            "ending",
            "score",
            "correct",
            "answer",
            "version",
            "effective",
            "draw",
        ];
        let apart = rest.chars().count() - comment.chars().count() >= 2
            && key.as_deref().is_some_and(|k| WORDS.contains(&k));
        if gone.is_empty() || !(cjk || words) || apart {
            continue;
        }
        let hash_col = end.1 + (rest.chars().count() - comment.chars().count()) + 1;
        let whole = format!("{value}{rest}").trim_end().to_string();
        let written = match key {
            None => format!("- {}", yaml_text(&whole)),
            Some(key) => format!("{key}: {}", yaml_text(&whole)),
        };
        out.push(
            Diagnostic::warning(
                file,
                end.0 + first_line - 1,
                hash_col,
                {
                    let kept = short(&value);
                    let gone = short(comment.trim_end());
                    t!(
                        "the text stops at `{kept}`: ` #` starts a comment, so `{gone}` is not part of it",
                        "文字到 `{kept}` 就结束了：` #` 是注释的开头，所以 `{gone}` 不算在文字里"
                    )
                },
            )
            .with_hint(t!(
                "if `#` belongs to the text, put the text in quotes: `{written}`; if it is a comment, write it on a line of its own",
                "如果 `#` 是文字的一部分，请把文字放进英文引号：`{written}`；如果它是注释，请把它单独写成一行"
            )),
        );
    }
}

/// `version: “1.0”`: a value of an id-like field (an id, a version, a date, a term's name, a
/// label) wrapped whole in Chinese quotation marks, which YAML keeps as part of the text (the
/// card would show `“1.0”`). A warning with the value written plain.
pub fn chinese_quote_warnings(
    file: &Path,
    text: &str,
    first_line: usize,
    out: &mut Vec<Diagnostic>,
) {
    if !text.contains(['“', '‘']) {
        return;
    }
    const FIELDS: [&str; 9] = [
        "id",
        "version",
        "effective",
        "date",
        "term",
        "label",
        "tag",
        "category",
        "unit",
    ];
    for v in crate::content::spans::plain_values(text) {
        let Some(key) = v.key.as_deref().filter(|k| FIELDS.contains(k)) else {
            continue;
        };
        let inner = v
            .value
            .strip_prefix('“')
            .and_then(|x| x.strip_suffix('”'))
            .or_else(|| v.value.strip_prefix('‘').and_then(|x| x.strip_suffix('’')));
        if let Some(inner) = inner.filter(|i| !i.is_empty()) {
            let col = v.end.1.saturating_sub(v.value.chars().count()) + 1;
            out.push(
                Diagnostic::warning(
                    file,
                    v.end.0 + first_line - 1,
                    col,
                    {
                        let value = &v.value;
                        t!(
                            "`{key}` is written in Chinese quotation marks, which stay part of it: `{value}`",
                            "`{key}` 的值写在中文引号里，引号会成为值的一部分：`{value}`"
                        )
                    },
                )
                .with_hint({
                    let plain = yaml_text(inner);
                    t!(
                        "write `{key}: {plain}` (YAML's own quotes, when needed, are straight: \"…\")",
                        "写成 `{key}: {plain}`（需要引号时，YAML 用的是英文直引号：\"…\"）"
                    )
                }),
            );
        }
    }
}

/// Errors for a list item indented deeper than the item above it (`  - 推诿客户` then
/// `    - 争辩`): YAML reads the deeper line as more of the text above, so the rule card shows
/// one item, `推诿客户 - 争辩`, and nothing else says so. (An error, not a warning: a plain
/// `build` published the joined item on the card.) Found where a plain (unquoted) value
/// goes on over lines and one of its later lines starts with `- `; text wrapped onto the next
/// line and `|` / `>` blocks are left alone. `text` is YAML (a whole file, or front matter from
/// line `first_line`); a file that does not parse has none (its error is reported).
pub fn joined_item_errors(file: &Path, text: &str, first_line: usize, out: &mut Vec<Diagnostic>) {
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::{Marker, TScalarStyle};
    let lines: Vec<&str> = text.lines().collect();
    // (Most files have no `- ` line deeper than a line with text after its `- ` or `: `: they
    // are not parsed again.)
    let has_text = |l: &str| {
        let body = l.trim_start_matches(' ');
        let rest = match body.strip_prefix("- ") {
            Some(r) => r,
            None => body.split_once(": ").map_or("", |(_, v)| v),
        };
        let rest = rest.split(" #").next().unwrap_or("").trim();
        !rest.is_empty() && !rest.starts_with(['|', '>', '"', '\''])
    };
    let deeper = (1..lines.len()).any(|i| {
        lines[i].trim_start_matches(' ').starts_with("- ")
            && line_above(&lines, i)
                .is_some_and(|a| indent_of(lines[i]) > indent_of(lines[a]) && has_text(lines[a]))
    });
    if !deeper {
        return;
    }
    // Each plain value over lines: its text, and where it starts (line 1-based, column 0-based).
    struct Plain(Vec<(String, usize, usize)>);
    impl MarkedEventReceiver for Plain {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            if let Event::Scalar(s, TScalarStyle::Plain, ..) = ev {
                if s.contains(" - ") {
                    self.0.push((s, mark.line(), mark.col()));
                }
            }
        }
    }
    let mut plain = Plain(Vec::new());
    if Parser::new_from_str(text).load(&mut plain, false).is_err() {
        return;
    }
    for (value, line, col) in plain.0 {
        let Some(first) = line.checked_sub(1).and_then(|i| lines.get(i)) else {
            continue;
        };
        let before: String = first.chars().take(col).collect();
        let head: String = first.chars().skip(col).collect();
        let head = head.split(" #").next().unwrap_or("").trim_end();
        let Some(mut rest) = value.strip_prefix(head) else {
            continue;
        };
        // What the value is: a list's item (its `-` at `dash`) or a key's value.
        let item = before
            .trim_end()
            .strip_suffix('-')
            .filter(|b| b.trim().is_empty());
        let dash = item.map(|b| b.chars().count());
        let key = before
            .trim_end()
            .strip_suffix(':')
            .map(|k| k.trim_start_matches([' ', '-']).trim());
        // Its later lines, each found in turn in its text (a line break read as a space, a
        // blank line as a line break).
        for (i, l) in lines.iter().enumerate().skip(line) {
            if rest.is_empty() {
                break;
            }
            let body = l.trim();
            if body.is_empty() {
                continue;
            }
            let body = body.split(" #").next().unwrap_or("").trim_end();
            let Some(after) = rest.trim_start_matches([' ', '\n']).strip_prefix(body) else {
                break;
            };
            rest = after;
            if !body.starts_with("- ") {
                continue;
            }
            let at = indent_of(l);
            let (shown, whole) = (short(body), short(&value));
            let (message, hint) = match (dash, key) {
                (Some(dash), _) => {
                    let (n, column) = (at.saturating_sub(dash), dash + 1);
                    (
                        t!(
                            "the line `{shown}` is indented {n} spaces more than the item above, so YAML joined it onto that item's text: `{whole}`",
                            "这一行 `{shown}` 比上一项多缩进了 {n} 个空格，被接到了上一项的文字后面：`{whole}`"
                        ),
                        t!(
                            "line its `-` up with the `-` above (column {column}), and it is an item of its own",
                            "让它的 `-` 和上一项的 `-` 对齐（第 {column} 列），它才是单独的一项"
                        ),
                    )
                }
                (None, Some(key)) if !key.is_empty() => {
                    let head = short(head);
                    (
                        t!(
                            "the line `{shown}` is indented under `{key}: {head}`, so YAML joined it onto that text: `{whole}`",
                            "这一行 `{shown}` 缩进在 `{key}: {head}` 下面，被接到了它的文字后面：`{whole}`"
                        ),
                        t!(
                            "a list starts on the line after its key: write `{key}:` alone, then each item on a line of its own under it, `- {head}` and `{shown}` lined up",
                            "列表要从字段的下一行开始：`{key}:` 单独写一行，下面每一项单独一行，`- {head}` 和 `{shown}` 对齐"
                        ),
                    )
                }
                _ => continue,
            };
            out.push(Diagnostic::error(file, i + first_line, at + 1, message).with_hint(hint));
        }
    }
}

/// Warnings for a text that goes on over lines without `|` (a plain value, a quoted one, or a
/// `>` block): YAML folds each line break into a space, and between two Chinese characters
/// that space shows (`客户来电反映 家里停电`). Warned at the line after each such break, with
/// the words on either side; `|` blocks are left alone (handbook drops a break between
/// Chinese characters there). `text` is YAML (a whole file, or front matter from line
/// `first_line`); a file that does not parse has none (its error is reported).
pub fn folded_text_warnings(file: &Path, text: &str, first_line: usize, out: &mut Vec<Diagnostic>) {
    use crate::render::markdown::joins;
    use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
    use yaml_rust2::scanner::{Marker, TScalarStyle};
    let lines: Vec<&str> = text.lines().collect();
    let last = |l: &str| l.trim_end().chars().last();
    let first = |l: &str| l.trim_start().chars().next();
    // (Most files have no line ending in Chinese followed by one starting with it: not
    // parsed again. A `|` block's lines do, and are told apart below.)
    let breaks = |i: usize| match (
        lines.get(i).and_then(|l| last(l)),
        lines.get(i + 1).and_then(|l| first(l)),
    ) {
        (Some(a), Some(b)) => joins(a, b),
        _ => false,
    };
    if !(0..lines.len()).any(breaks) {
        return;
    }
    // Every event's place, and for the scalars that fold their style: a scalar's text runs to
    // the next event.
    struct Marks(Vec<(usize, usize, Option<TScalarStyle>)>);
    impl MarkedEventReceiver for Marks {
        fn on_event(&mut self, ev: Event, mark: Marker) {
            let style = match ev {
                Event::Scalar(_, style, ..) => Some(style),
                _ => None,
            };
            self.0.push((mark.line(), mark.col(), style));
        }
    }
    let mut marks = Marks(Vec::new());
    if Parser::new_from_str(text).load(&mut marks, false).is_err() {
        return;
    }
    for (k, &(line, _, style)) in marks.0.iter().enumerate() {
        let folds = matches!(
            style,
            Some(
                TScalarStyle::Plain
                    | TScalarStyle::Folded
                    | TScalarStyle::SingleQuoted
                    | TScalarStyle::DoubleQuoted
            )
        );
        if !folds {
            continue;
        }
        // Its lines (0-based): from its start to the line before the next event's, or the
        // end; each break between two of them.
        let end = marks
            .0
            .get(k + 1)
            .map_or(lines.len(), |m| m.0.max(line) - 1);
        for i in line.saturating_sub(1)..end.saturating_sub(1).min(lines.len()) {
            // (A `>` block's header line ends in `>`, no Chinese: no break; a line with a
            // comment after the text ends the text there.)
            if !breaks(i) || lines[i].contains(" #") {
                continue;
            }
            let next = lines[i + 1];
            // The next line is the same text's only if it is not a key or an item of its own.
            let body = next.trim_start();
            if body.starts_with("- ") || body.starts_with('#') {
                continue;
            }
            let before: String = {
                let t: Vec<char> = lines[i].trim_end().chars().collect();
                t[t.len().saturating_sub(6)..].iter().collect()
            };
            let after: String = body.chars().take(6).collect();
            let col = next.chars().count() - body.chars().count() + 1;
            out.push(
                Diagnostic::warning(
                    file,
                    i + 1 + first_line,
                    col,
                    t!(
                        "this text goes on from the line above without `|`, so YAML reads the line break as a space: `{before} {after}` shows a space between the Chinese characters",
                        "这段文字从上一行接着写，又没有用 `|`，YAML 会把换行读成空格：`{before} {after}` 中间会多出一个空格"
                    ),
                )
                .with_hint(t!(
                    "write the text on one line; or, for a long text, start it with `|` after the field's colon, its lines indented under the field (a line break between Chinese characters is then no space)",
                    "把这段文字写在同一行里；文字较长时，可以在字段的冒号后写 `|`，下面的各行缩进写（这样中文之间的换行不会变成空格）"
                )),
            );
        }
    }
}

/// Warnings for fields written at the end of a block text (`description: |`) and indented
/// with it (`  exam: true` under the description's lines): YAML reads them as more of the
/// text, so the field is not set, and what was said of it (a quiz with `time_limit` "not an
/// exam") pointed elsewhere. Only the block's last lines, each `field: …` with a field name
/// handbook knows, at the text's own indentation. A file that does not parse has none.
pub fn field_in_block_warnings(
    file: &Path,
    text: &str,
    first_line: usize,
    out: &mut Vec<Diagnostic>,
) {
    let lines: Vec<&str> = text.lines().collect();
    // (Most files have no block text: not parsed again.)
    if !lines.iter().any(|l| opens_block(l)) {
        return;
    }
    if serde_yaml::from_str::<serde_yaml::Value>(text).is_err() {
        return;
    }
    let keys = known_keys();
    let mut past = 0; // (A block's lines are its text: none opens a block.)
    for at in 0..lines.len() {
        let head = lines[at];
        if at < past || !opens_block(head) {
            continue;
        }
        let col = key_col(head);
        let key = leading_key(&head[col..]).map_or("", |(k, _)| k);
        // The text's lines: those after the key's indented past its column (and blank ones).
        let end = (at + 1..lines.len())
            .find(|&i| !lines[i].trim().is_empty() && indent_of(lines[i]) <= col)
            .unwrap_or(lines.len());
        past = end;
        let Some(first) = (at + 1..end).find(|&i| !lines[i].trim().is_empty()) else {
            continue;
        };
        let inner = indent_of(lines[first]);
        let mut found = Vec::new();
        for i in (first + 1..end).rev() {
            let l = lines[i];
            if l.trim().is_empty() {
                continue;
            }
            let field = (indent_of(l) == inner)
                .then(|| leading_key(&l[inner..]))
                .flatten()
                .filter(|(k, r)| keys.contains(*k) && (r.starts_with(": ") || *r == ":"));
            match field {
                Some(_) => found.push(i),
                None => break,
            }
        }
        for i in found.into_iter().rev() {
            let shown = short(lines[i].trim());
            let column = col + 1;
            out.push(
                Diagnostic::warning(
                    file,
                    i + first_line,
                    inner + 1,
                    t!(
                        "`{shown}` is indented under `{key}:`, so it is read as more of that text, not as a field",
                        "`{shown}` 缩进在 `{key}:` 下面，被当成了这段文字的一部分，而不是一个字段"
                    ),
                )
                .with_hint(t!(
                    "if it is a field of its own, start it at the column of `{key}:` (column {column}); if it is text, leave it",
                    "如果它是单独的字段，让它和 `{key}:` 左边对齐（第 {column} 列）；如果它本来就是文字，就不用改"
                )),
            );
        }
    }
}

/// `s` shortened to about 30 characters for a message.
fn short(s: &str) -> String {
    if s.chars().count() <= 32 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(30).collect::<String>())
    }
}

#[cfg(test)]
mod comma_tests {
    use super::*;

    #[test]
    fn a_key_indented_under_a_key_with_its_value_says_so() {
        let e = parse::<serde_yaml::Value>(
            Path::new("x.yaml"),
            "id: a\ntitle: t\n  category: x\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!((e.line, e.col), (3, 3), "{}", e.message);
        assert!(
            e.message
                .contains("indented under a key that has its value already"),
            "{}",
            e.message
        );
        // A second `: ` in a value is still told apart.
        let e =
            parse::<serde_yaml::Value>(Path::new("x.yaml"), "title: 结束通话: 礼貌用语\n", 1, &[])
                .unwrap_err();
        assert!(e.message.contains("holds `: `"), "{}", e.message);
        // Under a list's item of text (a key indented by mistake after `must_not`): not told
        // to quote a value holding `: ` (found by mutating the bundled rules).
        for text in [
            "must_not:\n  - 推诿客户\n      escalation: |\n  责任人\nowner: 班长\n",
            "must:\n  - 记录在案\n      must_not:\n  - 推诿\n",
        ] {
            let e = parse::<serde_yaml::Value>(Path::new("x.yaml"), text, 1, &[]).unwrap_err();
            assert_eq!((e.line, e.col), (3, 7), "{}", e.message);
            let told = e
                .message
                .contains(":` is indented under a list's item of text");
            assert!(told, "{}", e.message);
            let hint = e.hint.unwrap_or_default();
            assert!(
                hint.contains("start it at the column of the keys"),
                "{hint}"
            );
        }
    }

    #[test]
    fn a_list_never_closed_is_placed_at_its_bracket() {
        let e = parse::<serde_yaml::Value>(
            Path::new("x.yaml"),
            "id: a\nmust: [先受理, 再登记\nowner: 班长\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!((e.line, e.col), (2, 7), "{}", e.message);
        assert!(
            e.message.contains("`[` is never closed with `]`"),
            "{}",
            e.message
        );
    }

    #[test]
    fn a_control_character_is_placed_at_its_line_and_column() {
        let e = parse::<serde_yaml::Value>(Path::new("x.yaml"), "a: b\nc: 甲\u{0}\n", 3, &[])
            .unwrap_err();
        assert_eq!((e.line, e.col), (4, 5), "{}", e.message);
        assert!(e.message.contains("U+0000"), "{}", e.message);
    }

    #[test]
    fn brackets_nested_past_the_limit_are_found_where_they_go_past_it() {
        assert_eq!(too_deep("must: [a, [b, {c: d}]]\nsteps: []\n"), None);
        let deep = format!("id: x\nmust: {}{}\n", "[".repeat(100), "]".repeat(100));
        assert_eq!(too_deep(&deep), Some((2, 7 + MAX_DEPTH)));
        let deep = format!("- {}\n", "{a: ".repeat(100));
        assert!(too_deep(&deep).is_some());
        // Closed brackets do not add up across the file.
        let many = "a: [[x]]\n".repeat(1000);
        assert_eq!(too_deep(&many), None);
        // Indentation alike: a key under a key … or `- - -` past the limit, where it goes
        // past it; a bundled-sized file, lists and block text are well within it.
        let mut deep = String::from("id: x\nescalation:\n");
        for i in 1..=100 {
            deep.push_str(&format!("{}k:\n", "  ".repeat(i)));
        }
        assert_eq!(
            indented_too_deep(&deep),
            Some((2 + MAX_DEPTH, 2 * MAX_DEPTH + 1))
        );
        let dashes = format!("{}x\n", "- ".repeat(100));
        assert_eq!(indented_too_deep(&dashes), Some((1, 2 * MAX_DEPTH + 1)));
        let fine = "steps:\n  - who: 甲\n    what: |\n      一\n        二\n    within: { value: 5 }\n# c\n- - a\n  - b\n".repeat(500);
        assert_eq!(indented_too_deep(&fine), None);
        // Brackets in text are text: a half-open range in a prompt, quoted or not, in a list
        // item, in a comment, in a quoted item of a flow list.
        let text = "- prompt: \"用电量在 [0, 1) 千瓦时\"\n  note: 范围 [0, 1) 之间\n# [[[[\n  tags: [\"[a\", '[b']\nwrong: [0, 1) 区间\n".repeat(100);
        assert_eq!(too_deep(&text), None);
    }

    #[test]
    fn a_full_width_comma_in_a_flow_list_is_pointed_at() {
        let mut d = Vec::new();
        let text = "title: 结束\naudience: [frontline，new-staff]\nsynonyms: [\"甲，乙\"]\n# tags: [a，b]\nnote: 一，二\n  - related: [TS-INT-001，EX-PROC-001]\n";
        full_width_comma_warnings(Path::new("a.md"), text, 2, &mut d);
        assert_eq!(d.len(), 2, "{d:?}");
        assert_eq!((d[0].line, d[0].col), (3, 21));
        assert!(d[0]
            .message
            .contains("`audience: [frontline，new-staff]` is read as one item"));
        assert!(d[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("`audience: [frontline, new-staff]`"));
        assert_eq!((d[1].line, d[1].col), (7, 25));
    }
}
#[cfg(test)]
mod joined_item_tests {
    use super::*;

    fn warnings(text: &str, first_line: usize) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        joined_item_errors(Path::new("r.yaml"), text, first_line, &mut d);
        d
    }

    /// A list item indented deeper than the one above is joined onto its text by YAML: warned
    /// at its line and column, in both languages (review-zh2 N4).
    #[test]
    fn an_item_indented_deeper_than_the_one_above_is_warned_where_it_is() {
        let text = "title: t\nmust_not:\n  - 推诿客户\n    - 争辩\n    - 挂断 # 不要\nowner: x\n";
        let d = warnings(text, 1);
        assert_eq!(d.len(), 2, "{d:#?}");
        assert_eq!((d[0].line, d[0].col, d[0].is_error()), (4, 5, true));
        assert_eq!(
            d[0].message,
            "the line `- 争辩` is indented 2 spaces more than the item above, so YAML joined it onto that item's text: `推诿客户 - 争辩 - 挂断`"
        );
        assert_eq!(
            d[0].hint.as_deref(),
            Some("line its `-` up with the `-` above (column 3), and it is an item of its own")
        );
        assert_eq!((d[1].line, d[1].col), (5, 5));
        let z = crate::i18n::in_chinese(|| warnings(text, 1));
        assert_eq!(
            z[0].message,
            "这一行 `- 争辩` 比上一项多缩进了 2 个空格，被接到了上一项的文字后面：`推诿客户 - 争辩 - 挂断`"
        );
        assert_eq!(
            z[0].hint.as_deref(),
            Some("让它的 `-` 和上一项的 `-` 对齐（第 3 列），它才是单独的一项")
        );
        // Under a key with its text, in front matter (from line 2).
        let z = crate::i18n::in_chinese(|| warnings("title: t\ntags: 入门\n  - 流程\n", 2));
        assert_eq!((z[0].line, z[0].col), (4, 3), "{z:#?}");
        assert_eq!(
            z[0].message,
            "这一行 `- 流程` 缩进在 `tags: 入门` 下面，被接到了它的文字后面：`入门 - 流程`"
        );
        assert!(z[0]
            .hint
            .as_deref()
            .unwrap()
            .starts_with("列表要从字段的下一行开始：`tags:` 单独写一行"));
    }

    #[test]
    fn wrapped_text_blocks_quotes_and_lists_are_left_alone() {
        for text in [
            // A list as it should be, one nested in an item's fields.
            "must:\n  - 记录\n  - 回访\nsteps:\n  - who: a\n    what: b\n    notes:\n      - c\n",
            // Text wrapped onto the next line.
            "summary: 一般投诉在五个工作日\n  内办结 - 特殊情况除外\nmust:\n  - 记录客户诉求，\n    并且 - 及时回访\n",
            // Block scalars.
            "summary: |\n  要点：\n    - 倾听\n    - 记录\nexplanation: >\n  先说\n    - 再说\n",
            "must:\n  - |\n    一\n      - 二\n",
            // Quoted text over lines.
            "summary: \"一般投诉\n  - 特殊\"\nmust:\n  - '甲\n    - 乙'\n",
            // ` - ` inside one line.
            "must:\n  - 甲 - 乙\n  - 丙\n",
            // A file that does not parse: its error says so.
            "must:\n  - 甲\n    - 乙\n  bad: [\n",
        ] {
            assert!(warnings(text, 1).is_empty(), "{text:?}: {:#?}", warnings(text, 1));
        }
    }
}

#[cfg(test)]
mod comment_tests {
    use super::*;

    fn warnings(text: &str, first_line: usize) -> Vec<Diagnostic> {
        let mut d = Vec::new();
        comment_in_text_warnings(Path::new("q.yaml"), text, first_line, &mut d);
        d
    }

    #[test]
    fn text_cut_short_by_a_comment_is_pointed_at_its_hash() {
        let text = "id: q1 # 第一题\nquestions:\n  - prompt: 客户按 # 号键后，可以自行延长时限。\n    steps:\n      - what: 填写升级单 #3 表格\n      - 注意 #1\n";
        let d = warnings(text, 1);
        let at: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(3, 17), (5, 21), (6, 12)], "{d:#?}");
        assert_eq!(warnings("what: call extension #3\n", 1).len(), 1);
        assert!(
            d[0].message.contains("the text stops at `客户按`"),
            "{}",
            d[0].message
        );
        assert!(d[0]
            .message
            .contains("`# 号键后，可以自行延长时限。` is not part of it"));
        let hint = d[0].hint.as_deref().unwrap();
        assert!(
            hint.contains("`prompt: \"客户按 # 号键后，可以自行延长时限。\"`"),
            "{hint}"
        );
        assert!(d[1]
            .hint
            .as_deref()
            .unwrap()
            .contains("`what: \"填写升级单 #3 表格\"`"));
        assert!(d[2].hint.as_deref().unwrap().contains("`- \"注意 #1\"`"));
        // The quoted form the hint gives reads back as the whole text.
        let fixed = text.replace(
            "prompt: 客户按 # 号键后，可以自行延长时限。",
            "prompt: \"客户按 # 号键后，可以自行延长时限。\"",
        );
        assert_eq!(warnings(&fixed, 1).len(), 2);
    }

    #[test]
    fn comments_that_are_comments_are_left_alone() {
        let text = concat!(
            "# 规则文件\n",
            "id: TS-PROC-001 # 受理\n",   // an id: a comment is usual
            "severity: high  # 高\n",     // a word of a set
            "order: 3 # 第三课\n",        // a number
            "title: \"第一课 # 草稿\"\n", // quoted: the # is text
            "note: '抄表 #3'\n",
            "body: |\n  第一段 # 不是注释\n", // a block scalar keeps its #
            "tags: [流程, 结束] # 标签\n",    // after a flow list
            "label: 时限#3\n",                // no space: part of the text
            "title: 第一课\n# 整行注释\n",
            "summary: Chapter one # draft\n", // English text, `# ` comment
            "order: 10 #第十\n",              // a number, `#` without a space
            "correct: true #对\n",
            "severity: high #高\n",
        );
        assert!(warnings(text, 1).is_empty(), "{:#?}", warnings(text, 1));
    }

    #[test]
    fn a_value_over_several_lines_is_placed_at_its_last_line_and_front_matter_is_offset() {
        let text = "summary: 第一行\n  第二行 # 草稿\ntitle: 课 #1\n";
        let d = warnings(text, 2);
        let at: Vec<(usize, usize)> = d.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(3, 7), (4, 10)], "{d:#?}");
        assert!(
            d[0].message.contains("the text stops at `第一行 第二行`"),
            "{}",
            d[0].message
        );
        // A file YAML cannot read is left to the parse that reports it.
        assert!(warnings("a: [x #1\n", 1).is_empty());
    }
}
#[cfg(test)]
mod later_tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(rename_all = "lowercase")]
    enum Sev {
        Critical,
        High,
        Low,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    struct Step {
        who: String,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(deny_unknown_fields)]
    struct S {
        severity: Sev,
        steps: Vec<Step>,
        owner: String,
        must: Vec<String>,
    }

    #[test]
    fn a_chinese_word_for_an_allowed_value_is_answered_with_the_value() {
        let errs = parse_all::<S>(
            Path::new("r.yaml"),
            "severity: 高\nsteps: []\nowner: x\nmust: []\n",
            1,
            &[],
        )
        .unwrap_err();
        let hint = errs[0].hint.as_deref().unwrap_or("");
        assert!(hint.starts_with("write `high` for 高"), "{hint}");
        let v = |bad: &str, expected: &[&'static str]| chinese_value(bad, expected);
        let units = ["working_days", "calendar_days", "hours", "minutes"];
        assert_eq!(v("工作日", &units), Some("working_days"));
        assert_eq!(v("个工作日", &units), Some("working_days"));
        assert_eq!(v("小时", &units), Some("hours"));
        let types = [
            "single",
            "multiple",
            "true_false",
            "short",
            "ordering",
            "matching",
            "scenario",
            "flashcards",
        ];
        assert_eq!(v("多选", &types), Some("multiple"));
        assert_eq!(v("多选题", &types), Some("multiple"));
        assert_eq!(v("判断题", &types), Some("true_false"));
        assert_eq!(v("情景演练", &types), Some("scenario"));
        assert_eq!(v("连线", &types), Some("matching"));
        assert_eq!(
            v("一线人员", &["frontline", "new-staff", "trainer"]),
            Some("frontline")
        );
        assert_eq!(
            v("新人", &["frontline", "new-staff", "trainer"]),
            Some("new-staff")
        );
        // One word, two meanings: the one the field allows.
        assert_eq!(
            v("一般", &["critical", "high", "medium", "low"]),
            Some("medium")
        );
        assert_eq!(
            v("一般", &["ordinary", "complex", "extended"]),
            Some("ordinary")
        );
        // Field names too, each where the file has that field.
        let front = crate::content::lesson::FRONT_MATTER_FIELDS;
        assert_eq!(chinese_field("标签", front), Some("tags"));
        assert_eq!(
            chinese_field("题目", crate::content::quiz::QUESTION_FIELDS),
            Some("prompt")
        );
        assert_eq!(
            chinese_field("题目", crate::content::quiz::QUIZ_FIELDS),
            Some("questions")
        );
        assert_eq!(chinese_field("选项", front), None);
        // A word of another field, or English, is left to the nearest-name hint.
        assert_eq!(v("高", &units), None);
        assert_eq!(v("hgh", &["high"]), None);
    }

    /// Past a syntax error: each syntax error at its line, and the data's mistakes around
    /// them, in one run; nothing the setting aside itself makes.
    #[test]
    fn mistakes_past_a_syntax_error_are_found_in_the_same_run() {
        let text = "severity: 高\nowner：班长\nsteps:\n\t- who: 坐席\nmust: 3\n";
        let errs = parse_all::<S>(Path::new("r.yaml"), text, 1, &[]).unwrap_err();
        let at: Vec<(usize, &str)> = errs.iter().map(|d| (d.line, d.message.as_str())).collect();
        assert_eq!(errs.len(), 4, "{at:#?}");
        assert!(
            at.iter()
                .any(|(l, m)| *l == 1 && m.contains("`高` is not one of the allowed values")),
            "{at:#?}"
        );
        assert!(
            at.iter()
                .any(|(l, m)| *l == 2 && m.contains("full-width colon")),
            "{at:#?}"
        );
        assert!(
            errs.iter()
                .any(|d| d.line == 4 && d.hint.as_deref().unwrap_or("").contains("tabs")),
            "{at:#?}"
        );
        assert!(
            at.iter().any(|(l, m)| *l == 5 && m.contains("must")),
            "{at:#?}"
        );
        // A key's list at the key's own indent goes aside with it (no made-up errors at its
        // items); a syntax error placed further up after one further down is still found.
        let text = "severity: high\nsteps: []\nowner: x\nmust：\n- 记录\n- 回访\n";
        let errs = parse_all::<S>(Path::new("r.yaml"), text, 1, &[]).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        assert_eq!(errs[0].line, 4);
        let text = "severity: high\nsteps:\n\t- who: 坐席\nowner：x\nmust: 3\n";
        let errs = parse_all::<S>(Path::new("r.yaml"), text, 1, &[]).unwrap_err();
        let lines: Vec<usize> = errs.iter().map(|d| d.line).collect();
        assert!(
            lines.contains(&3) && lines.contains(&4) && lines.contains(&5),
            "{errs:#?}"
        );
        // A valid file's mistakes are as before; a syntax error alone stays alone.
        let errs = parse_all::<S>(
            Path::new("r.yaml"),
            "severity: [high]\nsteps: []\nowner: x\nmust: []\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
        let errs = parse_all::<S>(
            Path::new("r.yaml"),
            "severity: high\nsteps: []\nowner: \"x\nmust: []\n",
            1,
            &[],
        )
        .unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:#?}");
    }

    /// A required word of a set left out: said once, not again as its stand-in (`x` is not one
    /// of the allowed values).
    #[test]
    fn a_missing_word_of_a_set_is_reported_once() {
        let errs = parse_all::<S>(
            Path::new("r.yaml"),
            "steps: []\nowner: x\nmust: 3\n",
            1,
            &[],
        )
        .unwrap_err();
        let messages: Vec<&str> = errs.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("missing required field `severity`")),
            "{messages:#?}"
        );
        assert!(!messages.iter().any(|m| m.contains("`x`")), "{messages:#?}");
        assert_eq!(messages.len(), 2, "{messages:#?}");
    }

    /// A list where one word of a set belongs, or where a list's item should be a mapping,
    /// hid every mistake after it in the file.
    #[test]
    fn mistakes_after_a_list_in_the_wrong_place_are_found_at_their_lines() {
        let text = "severity: [high]\nsteps:\n  - [a]\n  - who: 坐席\n  - [b]\n  - who: 班长\nowner: [x]\nmust: 3\n";
        let errs = parse_all::<S>(Path::new("r.yaml"), text, 1, &[]).unwrap_err();
        let at: Vec<(usize, usize)> = errs.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, [(1, 11), (3, 5), (5, 5), (7, 8), (8, 7)], "{errs:#?}");
    }
}

/// `text` as a YAML value that reads back as that text: as it is when YAML reads it so, else
/// double-quoted (`95598`, `yes`, `*重要`, `a: b`, `注意 #1`, a leading or trailing space).
/// Quoted, it is one line whatever it holds (line breaks, tabs and every character YAML does not
/// allow in a file written as an escape), so it can stand after `key: ` or `- `. Used by the
/// commands that write into content files (`mv tag:`, `import questions`).
pub(crate) fn yaml_text(text: &str) -> String {
    // (YAML 1.1 tools, editors among them, read these as booleans.)
    let yaml11 = ["yes", "no", "on", "off", "y", "n"].contains(&text.to_ascii_lowercase().as_str());
    // (A line break, U+2028 among them, reads back as itself at a document's top level, not
    // after `key: `.)
    // (A tab is quoted, `\t`: a plain value holding one reads in handbook, but other YAML
    // readers (Python's) refuse it, and an editor shows it as spaces: maintainer review.)
    if !yaml11 && text.chars().all(printable) {
        if let Ok(serde_yaml::Value::String(s)) = serde_yaml::from_str::<serde_yaml::Value>(text) {
            if s == text {
                return text.to_string();
            }
        }
    }
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if printable(c) => out.push(c),
            _ => out.push_str(&format!("\\u{:04X}", c as u32)),
        }
    }
    out.push('"');
    out
}

/// Whether YAML takes `c` as itself inside a line: its printable characters, less those it
/// reads as line breaks (U+0085, U+2028, U+2029) or a byte-order mark, even inside quotes.
fn printable(c: char) -> bool {
    matches!(c,
        ' '..='~'
        | '\u{A0}'..='\u{2027}'
        | '\u{202A}'..='\u{D7FF}'
        | '\u{E000}'..='\u{FEFE}'
        | '\u{FF00}'..='\u{FFFD}'
        | '\u{10000}'..)
}

#[cfg(test)]
mod text_tests {
    use super::yaml_text;

    #[test]
    fn text_is_written_plain_when_yaml_reads_it_so_else_quoted() {
        assert_eq!(yaml_text("客户 关系"), "客户 关系");
        assert_eq!(yaml_text("*重要"), "\"*重要\"");
        assert_eq!(yaml_text("95598"), "\"95598\"");
        assert_eq!(yaml_text("Yes"), "\"Yes\"");
        assert_eq!(yaml_text("两行\n文字"), "\"两行\\n文字\"");
        // (A tab quoted: other YAML readers refuse it in a plain value.)
        assert_eq!(yaml_text("含\t制表符"), "\"含\\t制表符\"");
    }

    /// Every character, alone and inside text, reads back as written on a `key: ` line and as
    /// a `- ` item (a DEL, a C1 control or U+FFFE made the whole file unreadable).
    #[test]
    fn every_character_reads_back_as_written() {
        let mut cs: Vec<char> = (0u32..0x3000).filter_map(char::from_u32).collect();
        cs.extend([
            '\u{D7FF}',
            '\u{E000}',
            '\u{FEFF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1F600}',
        ]);
        for c in cs {
            for text in [
                c.to_string(),
                format!("甲{c}乙"),
                format!("{c} x"),
                format!("x {c}"),
            ] {
                let written = yaml_text(&text);
                assert!(!written.contains('\n'), "{text:?} -> {written}");
                let doc = format!("k: {written}\nl:\n  - {written}\n");
                let back: std::collections::BTreeMap<String, serde_yaml::Value> =
                    serde_yaml::from_str(&doc)
                        .unwrap_or_else(|e| panic!("{text:?} -> {written}: {e}"));
                assert_eq!(back["k"].as_str(), Some(text.as_str()), "{written}");
                assert_eq!(back["l"][0].as_str(), Some(text.as_str()), "{written}");
            }
        }
    }
}

#[cfg(test)]
mod zh_tests {
    use super::*;
    use crate::i18n::in_chinese;

    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(rename_all = "lowercase")]
    enum Sev {
        High,
        Low,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(deny_unknown_fields)]
    struct Step {
        who: String,
        what: String,
    }
    #[derive(serde::Deserialize, Debug)]
    #[allow(dead_code)]
    #[serde(deny_unknown_fields)]
    struct Rule {
        title: String,
        severity: Sev,
        pass_mark: Option<f64>,
        steps: Vec<Step>,
        owner: String,
        must: Vec<String>,
    }
    const FIELDS: &[&str] = &["title", "severity", "pass_mark", "steps", "owner", "must"];

    fn all(text: &str) -> Vec<Diagnostic> {
        parse_all::<Rule>(Path::new("r.yaml"), text, 1, FIELDS).unwrap_err()
    }

    #[test]
    fn the_commonest_slips_are_told_in_chinese() {
        in_chinese(|| {
            let ok = "title: a\nseverity: high\nsteps: []\nowner: x\nmust: []\n";
            let e = &all(&ok.replace("title", "titel"))[0];
            assert_eq!(e.message, "不认识的字段 `titel`");
            assert!(
                e.hint
                    .as_deref()
                    .unwrap()
                    .starts_with("是不是想写 `title`？可用的字段：title, "),
                "{e:?}"
            );
            let e = &all(&ok.replace("owner: x\n", ""))[0];
            assert_eq!(e.message, "缺少必填字段 `owner`");
            assert_eq!(e.hint.as_deref(), Some("请补上 `owner: ...`"));
            let e = &all(&format!("{ok}pass_mark: 80%\n"))[0];
            assert_eq!(e.message, "pass_mark: 这里应该写一个数字，而不是文字 `80%`");
            assert_eq!(
                e.hint.as_deref(),
                Some("只写数字，不要写 `%`：`pass_mark: 80`")
            );
            let e = &all(&ok.replace("owner: x", "owner:x"))[0];
            assert_eq!(e.message, "`owner:` 的冒号后面要有一个空格");
            assert_eq!(e.hint.as_deref(), Some("写成 `owner: x`"));
            let e = &all(&ok.replace("owner: x", "owner：x"))[0];
            assert_eq!(e.message, "`owner` 后面是全角冒号 `：`");
            let e = &all(&ok.replace("owner: x", "owner 班长"))[0];
            assert_eq!(e.message, "`owner` 后面缺少冒号");
            let e = &all(&ok.replace("high", "高"))[0];
            assert_eq!(e.message, "`高` 不是可以填写的值");
            assert!(
                e.hint.as_deref().unwrap().starts_with("“高”请写成 `high`"),
                "{e:?}"
            );
            let e = &all(&ok.replace("steps: []", "steps:\n\t- who: x"))[0];
            assert!(e.hint.as_deref().unwrap().contains("Tab"), "{e:?}");
        });
    }

    /// The messages code reads back (a missing field, the hint naming where it is, a message
    /// naming its key, a duplicate key, a text where fields belong) give the same diagnostics,
    /// at the same places, in Chinese as in English.
    #[test]
    fn messages_read_back_work_in_chinese() {
        let texts = [
            // A full-width colon, a Chinese value, a tab, a wrong type: past a syntax error.
            "title: a\nseverity: 高\nowner：班长\nsteps:\n\t- who: 坐席\nmust: 3\n",
            // A required field on a line set aside is not reported missing.
            "title: a\nseverity: high\nsteps: []\nowner：x\nmust: []\n",
            // A field indented out of its mapping: missing, with the line it is on.
            "title: a\nseverity: high\nowner: x\nmust: []\nsteps:\n  - who: 坐席\n   what: 登记\n",
            "title: a\nseverity: high\nowner: x\nmust: []\nsteps:\n  - who: 坐席\n   what: 登记\n  - who: [\n",
            // A key that names itself, and a full-width colon further down.
            "title: a\nseverity: high\nsteps: []\nowner: x\nmust: []\nmust_not: 1\nother：x\n",
            "title: a\nseverity: 高\nsteps: []\nowner: x\nmust: []\nnote：x\n",
            "title: a\ntitle: b\nseverity: high\nsteps: []\nowner: x\nmust: []\n",
            "title: a\nseverity: high\nsteps: []\nowner: x\nmust: []\ntitle: b\nx：y\n",
            // The whole file read as one text.
            "title:升级\n",
            "就是一句话\n",
            "title: a\nsteps:\n  - who: x\n    who: y\n    what: z\nseverity: [high]\nowner: x\nmust: 3\n",
        ];
        for text in texts {
            let places = |d: Vec<Diagnostic>| -> Vec<(usize, usize, bool)> {
                d.iter()
                    .map(|d| (d.line, d.col, d.hint.is_some()))
                    .collect()
            };
            let en = all(text);
            let zh = in_chinese(|| all(text));
            assert_eq!(
                places(en.clone()),
                places(zh.clone()),
                "{text:?}\n{en:#?}\n{zh:#?}"
            );
            // (Made in Chinese, but for YAML's own words for a syntax error.)
            assert!(
                en.iter().zip(&zh).any(|(e, z)| e.message != z.message),
                "{text:?}: {zh:#?}"
            );
            for (e, z) in en.iter().zip(&zh) {
                assert!(e.hint.is_none() || e.hint != z.hint, "{text:?}: {z:?}");
            }
        }
        // The hint naming the line of a field indented out of its mapping is read back.
        in_chinese(|| {
            let e = parse::<Rule>(
                Path::new("r.yaml"),
                "title: a\nseverity: high\nowner: x\nmust: []\nsteps:\n  - who: 坐席\n   what: 登记\n",
                1,
                FIELDS,
            )
            .unwrap_err();
            assert!(missing_named(&e.message) == Some("what"), "{e:?}");
            assert!(
                indented_field_hint_names(e.hint.as_deref().unwrap(), 7),
                "{e:?}"
            );
            let e = explain(
                Path::new("q.yaml"),
                3,
                5,
                "questions[1]: duplicate field `id`".into(),
                &[],
            );
            assert_eq!(e.message, "第 2 题：重复的字段 `id`");
            assert_eq!(duplicate_in_item(&e.message), Some(("第 2 题", "id")));
            assert_eq!(item_list("第 2 题"), "questions");
            assert_eq!(item_list("第 1 题，第 2 个选项的 `text`"), "options");
            assert_eq!(item_list("第 2 项"), "");
        });
    }

    const OK: &str = "title: a\nseverity: high\nsteps: []\nowner: x\nmust:\n  - 记录\n";

    /// A Markdown bullet, a Word list's numbers and a first item on its key's line are named
    /// as list slips, in both languages, at the line to mend (once, not on every line after).
    #[test]
    fn list_slips_say_a_list_item_starts_with_a_dash() {
        let bullet = OK.replace("  - 记录", "* 记录");
        let e = &all(&bullet);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!((e[0].line, e[0].col), (6, 1));
        assert_eq!(
            e[0].message,
            "did not find expected alphabetic or numeric character"
        );
        assert!(e[0].hint.as_deref().unwrap().contains("`- 记录`"), "{e:?}");
        let e = &in_chinese(|| all(&bullet))[0];
        assert_eq!(e.message, "列表的项要以 `- ` 开头，不能用 `*`");
        assert_eq!(
            e.hint.as_deref(),
            Some("把 `* ` 改成 `- `，写成 `- 记录`（`*` 在 YAML 里有别的意思）")
        );

        let same_line = OK.replace("must:\n  - 记录", "must: - 记录");
        let e = &in_chinese(|| all(&same_line))[0];
        assert_eq!((e.line, e.col), (5, 7));
        assert_eq!(e.message, "`- ` 开头的列表项要另起一行");
        assert_eq!(
            e.hint.as_deref(),
            Some("写成两行：`must:`，下一行缩进两个空格再写 `- 记录`（或者写成 `must: [记录]`）")
        );
        let e = &all(&same_line)[0];
        assert_eq!(
            e.message,
            "block sequence entries are not allowed in this context"
        );
        assert!(e.hint.as_deref().unwrap().contains("`must: [记录]`"));

        // A numbered line above a key: named once, at its own line (libyaml reads it with the
        // key below as one text, and each key after it was blamed in turn).
        let numbered = "title: a\nseverity: high\n1. 登记\nsteps: []\nowner: x\nmust: []\n";
        let e = &in_chinese(|| all(numbered));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!((e[0].line, e[0].col), (3, 1));
        assert_eq!(e[0].message, "列表的项要以 `- ` 开头，不能写 `1.`");
        assert!(
            e[0].hint
                .as_deref()
                .unwrap()
                .starts_with("把 `1.` 改成 `- `，写成 `- 登记`"),
            "{e:?}"
        );
        let e = &all(numbered);
        assert_eq!((e.len(), e[0].line), (1, 3));
        assert_eq!(e[0].message, "a list's items start with `- `, not `1.`");
        // Numbered lines under their key: YAML reads them as one text.
        let e = &in_chinese(|| all(&OK.replace("  - 记录", "  1、记录\n  2、回访")))[0];
        assert_eq!(
            e.hint.as_deref(),
            Some("列表的项要以 `- ` 开头，不能写 `1、`：每一项单独一行，写成 `- 记录`")
        );
        assert_eq!(list_number("1.5 小时"), None);
        assert_eq!(list_number("（2）回访"), Some(("（2）", "回访")));
        assert_eq!(list_number("③ 回访"), Some(("③", "回访")));
    }

    /// YAML's own words for a slip, where nothing names it better, come with a hint.
    #[test]
    fn yamls_own_words_come_with_a_hint() {
        for (message, has) in [
            ("did not find expected comment or line break", "`|`"),
            ("did not find expected whitespace or line break", "`!`"),
            ("mapping keys are not allowed in this context", "`? `"),
            (
                "did not find expected alphabetic or numeric character",
                "`&`",
            ),
        ] {
            let mut d = Diagnostic::error(Path::new("r.yaml"), 1, 3, message.to_string());
            in_chinese(|| {
                refine_position(&mut d, "a b c\n", 1);
                yaml_words(&mut d);
            });
            assert!(d.hint.as_deref().is_some_and(|h| h.contains(has)), "{d:?}");
        }
        in_chinese(|| {
            let mut d = Diagnostic::error(Path::new("r.yaml"), 1, 1, "recursion limit exceeded");
            yaml_words(&mut d);
            assert_eq!(d.message, "YAML 嵌套得太深了");
        });
    }

    /// Quotes around a word of a value, not the whole value: named, with the value quoted
    /// whole (not blamed on the indentation).
    #[test]
    fn quotes_around_part_of_a_value_are_named() {
        let e = &in_chinese(|| all(&OK.replace("title: a", "title: '投诉'办理时限")))[0];
        assert_eq!((e.line, e.col), (1, 12));
        assert_eq!(e.message, "引号只能把整个值括起来：`'投诉'` 后面还有文字");
        assert_eq!(
            e.hint.as_deref(),
            Some("写成 `title: \"'投诉'办理时限\"`（整个值再套一层引号），或者去掉引号；要给文字里的词加引号，可以用中文引号：`title: “投诉”办理时限`")
        );
        let e = &in_chinese(|| all(&OK.replace("title: a", "title: \"投诉\"办理时限")))[0];
        assert_eq!(e.message, "引号只能把整个值括起来：`\"投诉\"` 后面还有文字");
        assert!(e
            .hint
            .as_deref()
            .unwrap()
            .starts_with("写成 `title: '\"投诉\"办理时限'`"));
        let e = &all(&OK.replace("  - 记录", "  - \"记录\"客户诉求"))[0];
        assert_eq!(
            e.message,
            "quotes go around a whole value: text follows `\"记录\"`"
        );
        assert!(
            e.hint
                .as_deref()
                .unwrap()
                .contains("`- '\"记录\"客户诉求'`"),
            "{e:?}"
        );
        // (A quoted value with a comment after it is no slip; YAML reads it.)
        assert!(closed_early("title: '投诉' # 注释").is_none());
        let e = &in_chinese(|| all(&OK.replace("must:\n  - 记录", "must: [记录] 等")))[0];
        assert_eq!(e.message, "`]` 后面不能再写文字");
    }

    /// A question's `question:`, `stem:`, `题干:` or `题目:` is its `prompt`, with the
    /// question's fields listed.
    #[test]
    fn a_questions_other_names_for_its_prompt_suggest_prompt() {
        use crate::content::quiz::{Quiz, QUIZ_FIELDS};
        let quiz = |key: &str| {
            format!(
                "id: q\ntitle: 测验\nquestions:\n  - id: q1\n    type: true_false\n    {key}: 投诉要登记吗？\n    answer: true\n"
            )
        };
        for key in ["question", "stem", "Question"] {
            let e =
                &parse_all::<Quiz>(Path::new("q.yaml"), &quiz(key), 1, QUIZ_FIELDS).unwrap_err()[0];
            let hint = e.hint.as_deref().unwrap();
            assert!(
                hint.starts_with("did you mean `prompt`? valid fields: id, type, prompt"),
                "{e:?}"
            );
        }
        for key in ["题干", "题目", "stem"] {
            let e = &in_chinese(|| {
                parse_all::<Quiz>(Path::new("q.yaml"), &quiz(key), 1, QUIZ_FIELDS).unwrap_err()
            })[0];
            let hint = e.hint.as_deref().unwrap();
            assert!(
                hint.contains("`prompt`") && hint.contains("可用的字段：id, type, prompt"),
                "{e:?}"
            );
        }
        // (The quiz's own `question:` is its `questions`.)
        let e = &parse_all::<Quiz>(
            Path::new("q.yaml"),
            "id: q\ntitle: 测验\nquestion: []\n",
            1,
            QUIZ_FIELDS,
        )
        .unwrap_err()[0];
        assert!(
            e.hint
                .as_deref()
                .unwrap()
                .starts_with("did you mean `questions`?"),
            "{e:?}"
        );
    }

    /// Values in Chinese messages are in backticks, as the file has them; the sentence for a key
    /// under a key with its value says which line is indented.
    #[test]
    fn values_are_in_backticks_and_indentation_is_said_plainly() {
        in_chinese(|| {
            let e = &all(&OK.replace("must:\n  - 记录", "must: 记录"))[0];
            assert_eq!(e.message, "must: 这里应该写一个列表，而不是文字 `记录`");
            let e = &all(&OK.replace("owner: x", "owner:\n  a: b"))[0];
            assert_eq!(
                e.message,
                "owner: 这里应该写文字，而不是 `key: value` 这样的行"
            );
            let e = &all(&OK.replace("title: a", "title: a\n  owner: b"))[0];
            assert_eq!(
                e.message,
                "这一行比上一行缩进得多，但上一行的字段已经写了值（这一行里又有 `: `）"
            );
        });
    }
}

#[cfg(test)]
mod review_zh2_tests {
    use super::*;
    use crate::content::quiz::{Quiz, QUIZ_FIELDS};
    use crate::content::rule::{Rule, RULE_FIELDS};
    use crate::i18n::in_chinese;

    fn quiz(question: &str) -> Diagnostic {
        let text = format!("id: q\ntitle: 测验\nquestions:\n  - id: q1\n{question}");
        in_chinese(|| parse_all::<Quiz>(Path::new("q.yaml"), &text, 1, QUIZ_FIELDS).unwrap_err())
            .remove(0)
    }

    fn rule(text: &str) -> Diagnostic {
        in_chinese(|| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        })
        .remove(0)
    }

    const RULE: &str =
        "id: TS-PROC-001\ntitle: 时限\ncategory: procedure\nseverity: high\nsummary: 要及时\n";

    /// Options written as plain text (review-zh2 N2); `answer: 正确` on a 判断题 (N3).
    #[test]
    fn plain_options_and_chinese_true_false_answers_are_told_the_fix() {
        let d = quiz("    type: single\n    prompt: 多久？\n    options:\n      - 5个工作日\n      - 1个月\n");
        assert_eq!(
            d.hint.as_deref(),
            Some("每个选项写成 `- text: 5个工作日`，正确的那个选项下面再加一行 `correct: true`"),
            "{d:?}"
        );
        let d = quiz("    type: true_false\n    prompt: 要登记吗？\n    answer: 正确\n");
        assert!(d.message.contains("这里应该写 `true` 或 `false`"), "{d:?}");
        let (_, hint) =
            in_chinese(|| plain_type(&d_raw("questions[0].answer", "正确", "a boolean")));
        assert_eq!(
            hint.as_deref(),
            Some("“正确”请写成 `answer: true`：判断题的答案只写 `true` 或 `false`，不加引号")
        );
        let (_, hint) = in_chinese(|| plain_type(&d_raw("questions[0].answer", "错", "a boolean")));
        assert_eq!(
            hint.as_deref(),
            Some("“错”请写成 `answer: false`：判断题的答案只写 `true` 或 `false`，不加引号")
        );
    }

    /// A tab is said to be a tab wherever YAML trips on it (review-zh2 N18: "a character
    /// YAML cannot read" for a tab at a line's start, "a tab" for one further in).
    #[test]
    fn a_tab_is_named_as_a_tab_at_a_lines_start_too() {
        let all = |text: &str| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        };
        let text = format!("{RULE}must:\n\t- 记录\n");
        let en = all(&text);
        assert_eq!((en[0].line, en[0].col), (7, 1), "{en:#?}");
        assert_eq!(en[0].message, "this line is indented with a tab");
        let zh = in_chinese(|| all(&text));
        assert_eq!((zh[0].line, zh[0].col), (7, 1));
        assert_eq!(zh[0].message, "这一行用 Tab 字符缩进了");
        assert!(zh[0].hint.as_deref().unwrap().contains("Tab"), "{zh:?}");
    }

    /// A file indented with tabs throughout (Notepad's Tab key) is told at each of its tab
    /// lines and read on with each tab as two spaces: its other mistakes are found in the
    /// same run, at their columns in the line as written, and no item's key is told missing
    /// (its `- 记录` under `must:` was taken for a step's text without `who:`). A comment
    /// indented with a tab is one of them (YAML trips on it too).
    #[test]
    fn a_file_indented_with_tabs_is_read_on_as_meant() {
        let all = |text: &str| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        };
        let text = format!(
            "{RULE}time_limits:\n\t- label: 办结\n\t\tvalue: 5天\n\t\tunit: working_days\nsteps:\n\t- who: 坐席\n\t\twhaat: 登记\nmust:\n\t# 先记下\n\t- 记录\nversion: \"1.0\"\nowner: 客服\n"
        );
        let e = all(&text);
        let told: Vec<(usize, usize, &str)> = e
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect();
        let tab = "this line is indented with a tab";
        for line in [7, 8, 9, 11, 12, 14, 15] {
            assert!(told.contains(&(line, 1, tab)), "{line}: {e:#?}");
        }
        let value = e
            .iter()
            .find(|d| d.message.contains("5天"))
            .expect("the value");
        assert_eq!((value.line, value.col), (8, 10), "{e:#?}");
        let key = e
            .iter()
            .find(|d| d.message.contains("whaat"))
            .expect("the key");
        assert_eq!((key.line, key.col), (12, 3), "{e:#?}");
        assert!(
            e[0].hint.as_deref().unwrap().contains("with 2 spaces"),
            "{e:#?}"
        );
        assert!(
            !e.iter().any(|d| d.message.contains("missing before")),
            "{e:#?}"
        );
        // (`what` is not told missing from the step too: `whaat` is said to be it.)
        assert!(!e.iter().any(|d| d.message.contains("missing")), "{e:#?}");
        assert_eq!(e.len(), 7 + 2, "{e:#?}");
    }

    /// A misspelt key (`whaat:`) is one mistake: the field it is nearest is not told missing
    /// from the same mapping as well; another field missing there still is.
    #[test]
    fn a_misspelt_key_is_not_told_again_as_its_field_missing() {
        let told = |steps: &str| -> Vec<String> {
            let tail = "must:\n  - 记录\nversion: \"1.0\"\nowner: 客服\n";
            let text = format!("{RULE}steps:\n{steps}{tail}");
            let e = parse_all::<Rule>(Path::new("r.rule.yaml"), &text, 1, RULE_FIELDS);
            e.unwrap_err().into_iter().map(|d| d.message).collect()
        };
        assert_eq!(
            told("  - who: 坐席\n    whaat: 登记\n  - whoo: 班长\n    what: 派单\n"),
            ["unknown field `whaat`", "unknown field `whoo`"]
        );
        assert_eq!(
            told("  - who: 坐席\n    wthin: 登记\n"),
            ["unknown field `wthin`", "missing required field `what`"]
        );
        // Nor when it is also indented off: the slip is the one mistake told.
        assert_eq!(
            told("  - who: 坐席\n     whatt: 登记\n"),
            ["this line is indented under a key that has its value already, and holds `: `"]
        );
    }

    /// One of a file's own keys indented off is read at its fields' column by the checks
    /// that follow reading (in a list, its item's), while YAML reads past it; one written
    /// twice so is not.
    #[test]
    fn an_own_key_indented_off_is_read_at_its_fields_column() {
        let f = Path::new("r.rule.yaml");
        let tail = "must:\n  - 记录\nversion: \"1.0\"\nowner: 客服\n";
        let one = format!("{RULE}{tail}").replace("summary: ", " summary: ");
        let p = past_mistakes::<Rule>(f, &one, 1, RULE_FIELDS).expect("read");
        assert_eq!(p.read[0].summary, "要及时");
        assert!(p.aside.contains(&5), "{:?}", p.aside);
        let item = |id: &str| {
            format!("{RULE}{tail}")
                .replace("TS-PROC-001", id)
                .lines()
                .enumerate()
                .map(|(i, l)| format!("{}{l}\n", if i == 0 { "- " } else { "  " }))
                .collect::<String>()
        };
        let list = item("TS-PROC-001") + &item("TS-PROC-002").replace("  owner:", "    owner:");
        let p = past_mistakes::<Vec<Rule>>(f, &list, 1, RULE_FIELDS).expect("read");
        assert_eq!(p.read[0][1].owner.as_deref(), Some("客服"));
        let twice = one.replace("summary: 要及时", "summary: 要及时\n summary: 再说一次");
        assert!(past_mistakes::<Rule>(f, &twice, 1, RULE_FIELDS).is_none());
    }

    /// A key indented a space in under a key with its value (` time_limit: 20` under `exam:
    /// true`) is the one mistake: the value YAML read on into it (`true time_limit`) is not
    /// told as no boolean.
    #[test]
    fn a_value_read_on_into_a_slip_is_not_told() {
        let text = "id: q\ntitle: t\nexam: true\n time_limit: 20\nquestions:\n  - id: q-1\n    type: single\n    prompt: p\n    options:\n      - text: a\n        correct: true\n      - text: b\n";
        let e = parse_all::<Quiz>(Path::new("q.quiz.yaml"), text, 1, QUIZ_FIELDS).unwrap_err();
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!((e[0].line, e[0].col), (4, 2), "{e:#?}");
    }

    /// A text going on over lines without `|` shows a space where YAML folded each line break
    /// between Chinese characters: warned at the line after it; `|` blocks, English text, a
    /// list's items and a key on the next line are not.
    #[test]
    fn a_chinese_text_folded_over_lines_is_warned_about() {
        let warn = |text: &str, first: usize| {
            let mut d = Vec::new();
            folded_text_warnings(Path::new("r.yaml"), text, first, &mut d);
            d.iter()
                .map(|x| (x.line, x.col, x.message.clone()))
                .collect::<Vec<_>>()
        };
        // A plain value, a `>` block and a quoted value, each over two lines.
        let d = warn(
            "id: X\nsummary: 客户来电反映\n  家里停电了。\nescalation: >\n  先向班长报告，\n  再转营销部。\ntitle: \"服务\n  态度\"\n",
            1,
        );
        let at: Vec<(usize, usize)> = d.iter().map(|x| (x.0, x.1)).collect();
        assert_eq!(at, vec![(3, 3), (6, 3), (8, 3)], "{d:#?}");
        assert!(d[0].2.contains("`客户来电反映 家里停电了。`"), "{d:#?}");
        // In front matter (from line 2 of the lesson).
        let d = warn("title: 停电\n  通知\n", 2);
        assert_eq!((d[0].0, d[0].1), (3, 3), "{d:#?}");
        // None: `|` blocks, English, items, keys, a comment, a text on one line.
        for text in [
            "summary: |\n  客户来电反映\n  家里停电了。\n",
            "summary: the customer\n  calls again\n",
            "must:\n  - 先致歉\n  - 再核实\n",
            "title: 停电\n说明: 通知\n",
            "title: 停电\n# 注释\nid: X\n",
            "title: 停电通知\nsummary: 客户来电\n",
        ] {
            assert!(warn(text, 1).is_empty(), "{text}");
        }
    }

    /// A field written at the end of a block text and indented with it is warned about at
    /// its line (the quiz then says it has `time_limit` and is "not an exam").
    #[test]
    fn a_field_indented_into_a_block_text_is_warned_about() {
        let warn = |text: &str| {
            let mut d = Vec::new();
            field_in_block_warnings(Path::new("q.quiz.yaml"), text, 1, &mut d);
            d
        };
        let text =
            "id: q\ndescription: |\n  限时考试。\n\n  20分钟。\n  exam: true\ntime_limit: 20\n";
        let d = warn(text);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!((d[0].line, d[0].col), (6, 3), "{d:#?}");
        assert!(
            d[0].message
                .contains("`exam: true` is indented under `description:`"),
            "{d:#?}"
        );
        assert!(
            d[0].hint.as_deref().unwrap().contains("(column 1)"),
            "{d:#?}"
        );
        // In a list's item, and at the block's end only: text that says `note: …` in its
        // middle, or a word no field is named, is text.
        let text = "questions:\n  - id: q-1\n    explanation: >\n      note: 见规则。\n      再说一句。\n      lessons: [a]\n";
        let d = warn(text);
        assert_eq!(d.len(), 1, "{d:#?}");
        assert_eq!((d[0].line, d[0].col), (6, 7), "{d:#?}");
        assert!(
            d[0].hint.as_deref().unwrap().contains("(column 5)"),
            "{d:#?}"
        );
        assert!(warn("summary: |\n  先登记。\n  备注: 再派单\n").is_empty());
    }

    /// A key indented under a key with its value is told so also when its own value is a
    /// mapping in braces (`within: { value: 5, … }`), which holds `: ` of its own: not "put
    /// the value in quotes" (quoted, it would be text).
    #[test]
    fn a_key_indented_off_with_a_braced_value_is_told_as_indented() {
        let text = format!("{RULE}steps:\n  - who: 坐席\n    what: 登记\n      within: {{ value: 5, unit: working_days }}\nmust:\n  - 记录\nversion: \"1.0\"\nowner: 客服\n");
        let e = parse_all::<Rule>(Path::new("r.rule.yaml"), &text, 1, RULE_FIELDS).unwrap_err();
        assert_eq!((e[0].line, e[0].col), (9, 7), "{e:#?}");
        assert!(
            e[0].message
                .contains("indented under a key that has its value already"),
            "{e:#?}"
        );
    }

    /// The width a tab is read as is the one that reads: four spaces in a file indented by
    /// four (a tab for the `    ` before a step's `  what:` under its `- who:`), the column of the key above for
    /// a tab slipped in before one of the file's own keys. Text in a block (`summary: |`)
    /// whose tab comes after its spaces is text, not indentation, as is a quoted text's.
    #[test]
    fn a_tab_is_read_at_the_width_that_reads() {
        let all = |text: &str| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        };
        let four = "steps:\n    - who: 坐席\n\t  what: 登记\nmust:\n    - 记录\nversion: \"1.0\"\nowner: 客服\n";
        let e = all(&format!("{RULE}{four}"));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(
            (e[0].line, e[0].message.as_str()),
            (8, "this line is indented with a tab")
        );
        assert!(
            e[0].hint.as_deref().unwrap().contains("with 4 spaces"),
            "{e:#?}"
        );
        let own = "must:\n  - 记录\n\tversion: \"1.0\"\nowner: 客服\n";
        let e = all(&format!("{RULE}{own}"));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].line, 8, "{e:#?}");
        assert!(
            e[0].hint.as_deref().unwrap().contains("delete the tab"),
            "{e:#?}"
        );
        let block =
            "escalation: |\n  先登记\n  \t再派单\nmust:\n\t- 记录\nversion: \"1.0\"\nowner: 客服\n";
        let e = all(&format!("{RULE}{block}"));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].line, 10, "{e:#?}");
        // Nor a quoted text going on over lines.
        let quoted = block.replace("|\n  先登记\n  \t再派单", "\"先登记\n\t再派单\"");
        assert!(serde_yaml::from_str::<serde_yaml::Value>("a: \"先登记\n\t再派单\"\n").is_ok());
        let e = all(&format!("{RULE}{quoted}"));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert_eq!(e[0].line, 9, "{e:#?}");
        // A slip of another kind above the tab, where every width trips: the width chosen is
        // still the one that reads past the tab (the file's step, 2, would put `what:` left
        // of `who:`, told as a mistake of its own).
        let slip = "escalation: 登记: 派单\nsteps:\n  - who: 坐席\n\twhat: 记录\nowner: 客服\n";
        let e = all(&format!("{RULE}{slip}"));
        assert_eq!(e.len(), 2, "{e:#?}");
        assert_eq!((e[0].line, e[1].line), (9, 6), "{e:#?}");
        assert!(
            e[0].hint.as_deref().unwrap().contains("with 4 spaces"),
            "{e:#?}"
        );
    }

    /// A quote left open (`title: "投诉办理时限`) is the one error, not also where YAML,
    /// reading on, met the next quote (review-zh2 N15).
    #[test]
    fn a_quote_left_open_is_told_once_at_its_line() {
        let text = "id: TS-PROC-001\ntitle: \"时限\ncategory: procedure\nseverity: high\nsummary: 要及时\nmust:\n  - 记录\nversion: \"1.0\"\nowner: 客服\n";
        let all = |text: &str| {
            parse_all::<Rule>(Path::new("r.rule.yaml"), text, 1, RULE_FIELDS).unwrap_err()
        };
        let en = all(text);
        assert_eq!(en.len(), 1, "{en:#?}");
        assert_eq!((en[0].line, en[0].col), (2, 8));
        assert_eq!(en[0].message, "this quoted value is never closed");
        let zh = in_chinese(|| all(text));
        assert_eq!(zh.len(), 1, "{zh:#?}");
        assert_eq!((zh[0].line, zh[0].col), (2, 8));
        assert_eq!(zh[0].message, "这个值的引号只有开头，没有结尾");
        assert_eq!(zh[0].hint.as_deref(), Some("在这个值的末尾补上结尾的引号"));
        // A list item's, and a single quote.
        let text = "id: TS-PROC-001\ntitle: 时限\ncategory: procedure\nseverity: high\nsummary: 要及时\nmust:\n  - '记录\n  - 回访\nowner: 'x'\n";
        let en = all(text);
        assert_eq!(en.len(), 1, "{en:#?}");
        assert_eq!((en[0].line, en[0].col), (7, 5));
    }

    fn d_raw(path: &str, text: &str, expected: &str) -> String {
        format!("{path}: invalid type: string \"{text}\", expected {expected}")
    }

    /// `within: 5个工作日` (N5), `value: 五个` and `responsible: 承办部门、班长` (N18), and the
    /// indentation under an item of plain text (N16).
    #[test]
    fn a_steps_time_a_numeral_with_a_measure_word_and_a_dun_list_are_told_the_fix() {
        let d = rule(&format!(
            "{RULE}steps:\n  - who: 受理人员\n    what: 受理\n    within: 5个工作日\n"
        ));
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("`within: { value: 5, unit: working_days }`")),
            "{d:?}"
        );
        let d = rule(&format!(
            "{RULE}time_limits:\n  - label: 办结\n    value: 五个\n    unit: working_days\n"
        ));
        assert_eq!(
            d.hint.as_deref(),
            Some("请用阿拉伯数字写：`value: 5`"),
            "{d:?}"
        );
        let d = rule(&format!("{RULE}responsible: 承办部门、班长\n"));
        assert!(
            d.hint
                .as_deref()
                .is_some_and(|h| h.contains("`responsible: [承办部门, 班长]`")),
            "{d:?}"
        );
        let d = rule(&format!("{RULE}must:\n  - 记录\n  关键: 值\n"));
        assert!(
            d.message
                .starts_with("这一行缩进了 2 个空格，和上面的列表项对不齐"),
            "{d:?}"
        );
    }
}
