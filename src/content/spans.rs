//! Where each value of a YAML file was written: a second, marker-keeping parse (yaml-rust2's
//! event parser) maps paths such as `questions.2.options.0` to line:column, so semantic errors
//! found after serde has typed the data still point at the exact field. Aliases are not
//! expanded by this parse.

use std::collections::HashMap;
use std::sync::Arc;
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Positions (1-based line and column) of a file's values, by path; `path#key` for keys.
#[derive(Debug, Default)]
pub struct SpanMap {
    map: HashMap<String, (usize, usize)>,
    /// Where a scalar's text starts, when not where the value does: after a quote, or on the
    /// line after a block scalar's `|` / `>` (then `block`), by path.
    text: HashMap<String, TextAt>,
}

/// Where each character of each line of a scalar's text was written (line, column).
pub type Placed = Vec<Vec<(usize, usize)>>;

/// Where a scalar's text is in its file, for placing an error found inside the text (a broken
/// link in a Markdown field): its first character's line and column, and whether it is a block
/// scalar, whose every line is indented by `col - 1`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextAt {
    pub line: usize,
    pub col: usize,
    pub block: bool,
    /// A scalar whose text is not its lines as written (a folded `>` block, a plain or quoted
    /// scalar over several lines, whose line breaks became spaces; escapes in quotes): where
    /// each character of each of its text's lines was written.
    pub folded: Option<Arc<Placed>>,
}

impl TextAt {
    /// A text that starts at `line`:`col` as written.
    pub fn at(line: usize, col: usize) -> TextAt {
        TextAt {
            line,
            col,
            block: false,
            folded: None,
        }
    }

    /// (line, col) in the file of (line, col) in the text, lines counted from 1.
    pub fn place(&self, line: usize, col: usize) -> (usize, usize) {
        if let Some(map) = &self.folded {
            let row = map.get(line.saturating_sub(1)).or(map.last());
            let at = row.and_then(|r| r.get(col.saturating_sub(1)).or(r.last()));
            if let Some(&p) = at {
                return p;
            }
        }
        let in_file = self.line + line - 1;
        // (A flow scalar's later lines are not indented in its text.)
        if self.block || line == 1 {
            (in_file, col + self.col - 1)
        } else {
            (in_file, col)
        }
    }
}

enum Frame {
    Map { key: Option<String> },
    Seq { index: usize },
}

#[derive(Default)]
struct Recv<'a> {
    frames: Vec<(Frame, String)>,
    map: HashMap<String, (usize, usize)>,
    text: HashMap<String, TextAt>,
    /// The file's lines, to see whether a scalar's text is as written.
    lines: Vec<&'a str>,
    /// The plain (unquoted) values, when asked for ([`plain_values`]).
    plain: Option<Vec<PlainValue>>,
}

/// A value written without quotes: its key (`None` for a list's item), its text as YAML reads
/// it, and where its last character was written (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainValue {
    pub key: Option<String>,
    pub value: String,
    pub end: (usize, usize),
}

/// The plain values of a YAML text, in order; none when it does not parse.
pub fn plain_values(text: &str) -> Vec<PlainValue> {
    let mut r = Recv {
        lines: text.lines().collect(),
        plain: Some(Vec::new()),
        ..Recv::default()
    };
    if Parser::new_from_str(text).load(&mut r, false).is_err() {
        return Vec::new();
    }
    r.plain.unwrap_or_default()
}

fn join(path: &str, seg: &str) -> String {
    if path.is_empty() {
        seg.to_string()
    } else {
        format!("{path}.{seg}")
    }
}

/// Where each character of `value` was written, for a scalar that starts at `line`:`col` of
/// `lines` (1-based): each of its characters found in turn in what follows, a space or line
/// break placed after the character before it. `None` when it is written as it reads (on one
/// line, no escapes), or when a character is not found (the text is then placed roughly).
fn align(lines: &[&str], line: usize, col: usize, value: &str) -> Option<Placed> {
    let first = lines.get(line.checked_sub(1)?)?;
    let start = first
        .char_indices()
        .nth(col.saturating_sub(1))
        .map_or(first.len(), |(b, _)| b);
    if !value.contains('\n') && first[start..].starts_with(value) {
        return None;
    }
    // The source after the start, character by character with its place.
    let mut src = lines.iter().enumerate().skip(line - 1).flat_map(|(i, l)| {
        let skip = if i + 1 == line {
            col.saturating_sub(1)
        } else {
            0
        };
        l.chars()
            .enumerate()
            .skip(skip)
            .map(move |(c, ch)| (ch, (i + 1, c + 1)))
            .chain(std::iter::once(('\n', (i + 1, l.chars().count() + 1))))
    });
    let mut out = vec![Vec::new()];
    let mut last = (line, col);
    for ch in value.chars() {
        if ch == '\n' {
            out.push(Vec::new());
            continue;
        }
        let row = out.last_mut()?;
        if ch.is_whitespace() {
            row.push((last.0, last.1 + 1));
            continue;
        }
        // (At most a line's worth of quotes, escapes and indentation between two characters.)
        let mut skipped = 0;
        let at = loop {
            let (c, at) = src.next()?;
            if c == ch {
                break at;
            }
            skipped += 1;
            if skipped > 200 {
                return None;
            }
        };
        row.push(at);
        last = at;
    }
    Some(out)
}

impl Recv<'_> {
    /// The path of the value about to start, or None when the next scalar is a key.
    fn value_path(&self) -> Option<String> {
        match self.frames.last() {
            None => Some(String::new()),
            Some((Frame::Map { key: None }, _)) => None,
            Some((Frame::Map { key: Some(k) }, p)) => Some(join(p, k)),
            Some((Frame::Seq { index }, p)) => Some(join(p, &index.to_string())),
        }
    }
    fn advance(&mut self) {
        match self.frames.last_mut() {
            Some((Frame::Map { key }, _)) => *key = None,
            Some((Frame::Seq { index }, _)) => *index += 1,
            None => {}
        }
    }
}

impl MarkedEventReceiver for Recv<'_> {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let mut pos = (mark.line().max(1), mark.col() + 1);
        // An empty value (`definition:` at a line's end, a bare `-`): the parser marks the
        // token after it, often on a later line; it was written at the end of the line before.
        if let Event::Scalar(s, TScalarStyle::Plain, ..) = &ev {
            if s.is_empty() {
                let written = (0..pos.0.saturating_sub(1).min(self.lines.len()))
                    .rev()
                    .map(|i| (i, self.lines[i].trim_end()))
                    .find(|(_, l)| !l.trim().is_empty() && !l.trim_start().starts_with('#'));
                if let Some((i, l)) = written.filter(|&(i, _)| i + 1 < pos.0) {
                    pos = (i + 1, l.chars().count() + 1);
                }
            }
        }
        match ev {
            Event::Scalar(s, style, ..) => match self.value_path() {
                None => {
                    if let Some((Frame::Map { key }, p)) = self.frames.last_mut() {
                        self.map
                            .entry(format!("{}#key", join(p, &s)))
                            .or_insert(pos);
                        *key = Some(s);
                    }
                }
                Some(path) => {
                    let (line, col) = pos;

                    let text = match style {
                        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
                            let folded = align(&self.lines, line, col + 1, &s).map(Arc::new);
                            Some(TextAt {
                                folded,
                                ..TextAt::at(line, col + 1)
                            })
                        }
                        // (The parser marks a block scalar where its text starts, on the line
                        // after `|`; the column, the block's indentation, is read after. A
                        // folded block's lines are joined: each character is placed.)
                        TScalarStyle::Literal => Some(TextAt {
                            block: true,
                            ..TextAt::at(line, 0)
                        }),
                        TScalarStyle::Folded => Some(TextAt {
                            block: true,
                            folded: align(&self.lines, line, 1, &s).map(Arc::new),
                            ..TextAt::at(line, 0)
                        }),
                        TScalarStyle::Plain if !s.is_empty() => align(&self.lines, line, col, &s)
                            .map(|m| TextAt {
                                folded: Some(Arc::new(m)),
                                ..TextAt::at(line, col)
                            }),
                        _ => None,
                    };
                    if let Some(plain) = self
                        .plain
                        .as_mut()
                        .filter(|_| style == TScalarStyle::Plain && !s.is_empty())
                    {
                        let key = match self.frames.last() {
                            Some((Frame::Map { key }, _)) => key.clone(),
                            _ => None,
                        };
                        // (Placed character by character when not written as it reads.)
                        let last = text
                            .as_ref()
                            .and_then(|t| t.folded.as_ref())
                            .and_then(|f| f.iter().rev().find_map(|row| row.last().copied()));
                        plain.push(PlainValue {
                            key,
                            end: last.unwrap_or((line, col + s.chars().count() - 1)),
                            value: s.clone(),
                        });
                    }
                    if let Some(t) = text {
                        self.text.entry(path.clone()).or_insert(t);
                    }
                    self.map.entry(path).or_insert(pos);
                    self.advance();
                }
            },
            Event::Alias(_) => {
                if let Some(path) = self.value_path() {
                    self.map.entry(path).or_insert(pos);
                }
                self.advance();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                // A complex key (a mapping used as a key) is given a placeholder name.
                let path = self.value_path().unwrap_or_else(|| "?".into());
                self.map.entry(path.clone()).or_insert(pos);
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { key: None }
                } else {
                    Frame::Seq { index: 0 }
                };
                self.frames.push((frame, path));
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.frames.pop();
                self.advance();
            }
            _ => {}
        }
    }
}

impl SpanMap {
    /// Parses `text`; a file that does not parse yields an empty map (serde reports the error).
    pub fn parse(text: &str) -> SpanMap {
        let mut r = Recv {
            lines: text.lines().collect(),
            ..Recv::default()
        };
        let mut p = Parser::new_from_str(text);
        let _ = p.load(&mut r, false);
        let mut texts = r.text;
        if texts.values().any(|t| t.block) {
            // A block scalar's lines are indented as its first line that is not empty.
            for t in texts.values_mut().filter(|t| t.block) {
                let indent = r
                    .lines
                    .iter()
                    .skip(t.line.saturating_sub(1))
                    .find(|l| !l.trim().is_empty())
                    .map_or(0, |l| l.len() - l.trim_start_matches(' ').len());
                t.col = indent + 1;
            }
        }
        SpanMap {
            map: r.map,
            text: texts,
        }
    }
}

/// A value's place inside its file's span map (`prefix` is `3` for the fourth item of a list).
#[derive(Debug, Clone, Default)]
pub struct Spans {
    map: Option<Arc<SpanMap>>,
    prefix: String,
}

impl Spans {
    pub fn new(map: Arc<SpanMap>, prefix: impl Into<String>) -> Spans {
        Spans {
            map: Some(map),
            prefix: prefix.into(),
        }
    }

    /// Line and column of the value at `path` (e.g. `questions.2.options`), or of the nearest
    /// enclosing value that was written.
    pub fn at(&self, path: &str) -> Option<(usize, usize)> {
        let map = &self.map.as_ref()?.map;
        let mut p = join(&self.prefix, path);
        loop {
            if let Some(&pos) = map.get(&p) {
                return Some(pos);
            }
            match p.rfind('.') {
                Some(i) => p.truncate(i),
                None => return map.get(&p).copied().or_else(|| map.get("").copied()),
            }
        }
    }

    /// Where the text of the scalar at `path` starts (see [`TextAt`]); the value's own
    /// position for a plain scalar, or the nearest enclosing value's when it was not written.
    pub fn text_at(&self, path: &str) -> Option<TextAt> {
        let map = self.map.as_ref()?;
        let p = join(&self.prefix, path);
        if let Some(t) = map.text.get(&p) {
            return Some(t.clone());
        }
        let (line, col) = self.at(path)?;
        Some(TextAt::at(line, col))
    }

    /// Whether a value was written at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.map
            .as_ref()
            .is_some_and(|m| m.map.contains_key(&join(&self.prefix, path)))
    }

    /// Line and column of the key `field` of the mapping at `path`.
    pub fn key(&self, path: &str, field: &str) -> Option<(usize, usize)> {
        let map = &self.map.as_ref()?.map;
        map.get(&format!("{}#key", join(&join(&self.prefix, path), field)))
            .copied()
            .or_else(|| self.at(path))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_lines_and_columns() {
        let text = "id: q\nquestions:\n  - id: a\n    options:\n      - text: x\n        correct: true\n      - text: y\n  - id: b\n    items: [one, two]\n";
        let s = Spans::new(Arc::new(SpanMap::parse(text)), "");
        assert_eq!(s.at("id"), Some((1, 5)));
        assert_eq!(s.at("questions.0.options.1.text"), Some((7, 15)));
        assert_eq!(s.key("questions.0.options.0", "correct"), Some((6, 9)));
        assert_eq!(s.at("questions.1.items.1"), Some((9, 18)));
        // A path that was not written falls back to the nearest enclosing value.
        assert_eq!(s.at("questions.1.nodes.3"), s.at("questions.1"));
        let list = "- id: A\n  title: t\n- id: B\n  title: u\n";
        let s = Spans::new(Arc::new(SpanMap::parse(list)), "1");
        assert_eq!(s.at("title"), Some((4, 10)));
    }

    #[test]
    fn a_scalars_text_is_placed_after_its_quote_or_on_its_block_lines() {
        let src = "a: plain\nb: \"quoted\"\nc: |\n    first\n    second\nd:\n  - 'x'\n";
        let s = Spans::new(Arc::new(SpanMap::parse(src)), "");
        let t = |p: &str| s.text_at(p).map(|t| (t.line, t.col, t.block));
        assert_eq!(t("a"), Some((1, 4, false)));
        assert_eq!(t("b"), Some((2, 5, false)));
        assert_eq!(t("c"), Some((4, 5, true)));
        assert_eq!(t("d.0"), Some((7, 6, false)));
        // Text line 2, column 3 of the block is the file's line 5, column 7.
        assert_eq!(s.text_at("c").unwrap().place(2, 3), (5, 7));
    }

    #[test]
    fn folded_and_multi_line_scalars_place_each_character_where_it_was_written() {
        let src = "a: 第一行\n  第二行 [x](y)\nb: >\n  折叠\n  第二行\n\n  新段\nc: \"转义\\\"引号\\\" [x](y)\"\nd: 'it''s [x](y)'\ne: 一行 [x](y)\n";
        let s = Spans::new(Arc::new(SpanMap::parse(src)), "");
        let place = |p: &str, line, col| s.text_at(p).unwrap().place(line, col);
        // "第一行 第二行 [x](y)": the link, text column 9, is on the file's line 2, column 7.
        assert_eq!(place("a", 1, 9), (2, 7));
        assert_eq!(place("a", 1, 1), (1, 4));
        // "折叠 第二行\n新段\n": text line 1 column 4 is 第 on line 5; line 2 is 新段, line 7.
        assert_eq!(place("b", 1, 4), (5, 3));
        assert_eq!(place("b", 2, 1), (7, 3));
        // Escapes: each escaped quote takes two columns in the file.
        assert_eq!(place("c", 1, 8), (8, 14));
        assert_eq!(place("d", 1, 6), (9, 11));
        // Written as it reads: no map, the start and the column.
        assert!(s.text_at("e").unwrap().folded.is_none());
        assert_eq!(place("e", 1, 4), (10, 7));
    }
}
