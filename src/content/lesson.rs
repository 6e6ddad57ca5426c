//! Markdown lessons with YAML front matter.

use super::yaml;
use crate::diagnostics::{line_col, Diagnostic};
use serde::{Deserialize, Serialize};
use std::path::Path;

/// What a lesson (or section `_index.md`, or the home page) declares about itself.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub audience: Vec<Audience>,
    #[serde(default)]
    pub sources: Vec<String>,
    /// Leave the page out of the build.
    #[serde(default)]
    pub draft: bool,
    /// The front matter as written (it starts on the file's second line): where a value was
    /// written is looked up in it only when a check after parsing finds an error.
    #[serde(skip)]
    pub yaml: String,
}

impl FrontMatter {
    /// Line and column in the file of the value at `path` (e.g. `sources.1`).
    pub fn pos(&self, path: &str) -> (usize, usize) {
        use super::spans::{SpanMap, Spans};
        Spans::new(std::sync::Arc::new(SpanMap::parse(&self.yaml)), "")
            .at(path)
            .map_or((1, 1), |(l, c)| (l + 1, c))
    }
}

pub const FRONT_MATTER_FIELDS: &[&str] = &[
    "title", "summary", "order", "tags", "audience", "sources", "draft",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Frontline,
    NewStaff,
    Trainer,
}

impl Audience {
    pub fn label(self) -> &'static str {
        match self {
            Audience::Frontline => "一线人员",
            Audience::NewStaff => "新员工",
            Audience::Trainer => "培训师",
        }
    }
}

/// A parsed Markdown source: front matter plus body, with the body's first line number.
#[derive(Debug, Clone)]
pub struct Document {
    pub front: FrontMatter,
    pub body: String,
    /// 1-based line of the file where `body` starts.
    pub body_line: usize,
}

/// Splits and parses a Markdown file. `file` is only used for diagnostics.
pub fn parse_document(
    file: &Path,
    text: &str,
    require_title: bool,
) -> Result<Document, Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(Diagnostic::error(file, 1, 1, "file is empty").with_hint(
            "start the file with front matter, e.g.\n---\ntitle: 课程标题\nsummary: 一句话概要\n---",
        ));
    }
    let (front, body, body_line) = match split_front_matter(text) {
        Split::None => (FrontMatter::default(), text.to_string(), 1),
        Split::Unclosed => {
            return Err(Diagnostic::error(file, 1, 1, "front matter is not closed")
                .with_hint("end the front matter with a line holding only `---`"))
        }
        Split::Found {
            yaml: y,
            body,
            body_line,
        } => {
            let front: FrontMatter = if y.trim().is_empty() {
                FrontMatter::default()
            } else {
                FrontMatter {
                    yaml: y.to_string(),
                    ..yaml::parse(file, y, 2, FRONT_MATTER_FIELDS)?
                }
            };
            (front, body.to_string(), body_line)
        }
    };
    let mut doc = Document {
        front,
        body,
        body_line,
    };
    if doc.front.title.trim().is_empty() {
        if let Some(title) = first_h1(&doc.body) {
            doc.front.title = title;
        } else if require_title {
            return Err(
                Diagnostic::error(file, 1, 1, "the page has no title").with_hint(
                    "add `title: ...` to the front matter, or start the text with a `# 标题` line",
                ),
            );
        }
    }
    Ok(doc)
}

enum Split<'a> {
    None,
    Unclosed,
    Found {
        yaml: &'a str,
        body: &'a str,
        body_line: usize,
    },
}

fn split_front_matter(text: &str) -> Split<'_> {
    let first = text.lines().next().unwrap_or("");
    if first.trim_end() != "---" {
        return Split::None;
    }
    let after_first = text.find('\n').map(|i| i + 1).unwrap_or(text.len());
    let mut pos = after_first;
    let mut line = 2;
    while pos < text.len() {
        let end = text[pos..]
            .find('\n')
            .map(|i| pos + i + 1)
            .unwrap_or(text.len());
        let l = text[pos..end].trim_end();
        if l == "---" || l == "..." {
            return Split::Found {
                yaml: &text[after_first..pos],
                body: &text[end..],
                body_line: line + 1,
            };
        }
        pos = end;
        line += 1;
    }
    Split::Unclosed
}

fn first_h1(body: &str) -> Option<String> {
    body.lines()
        .map(str::trim)
        .find(|l| l.starts_with("# "))
        .map(|l| l.trim_start_matches("# ").trim().to_string())
}

/// Decodes a file's bytes as UTF-8, or says where the first bad byte is.
pub fn decode_utf8(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
        let (line, col) = line_col(&prefix, prefix.len());
        Diagnostic::error(file, line, col, "the file is not valid UTF-8").with_hint(
            "save it as UTF-8 (files saved as GBK/GB2312 by some Windows editors must be converted)",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn p() -> PathBuf {
        PathBuf::from("content/a.md")
    }

    #[test]
    fn parses_front_matter_and_body_line() {
        let d = parse_document(&p(), "---\ntitle: 时限\norder: 3\n---\n正文\n", true).unwrap();
        assert_eq!(d.front.title, "时限");
        assert_eq!(d.front.order, Some(3));
        assert_eq!(d.body, "正文\n");
        assert_eq!(d.body_line, 5);
    }

    #[test]
    fn front_matter_error_reports_file_line() {
        let e = parse_document(&p(), "---\ntitle: a\norder: [\n---\nx", true).unwrap_err();
        assert_eq!(e.file, p());
        assert!(e.line >= 3, "line {}", e.line);
    }

    #[test]
    fn unknown_front_matter_key_suggests() {
        let e = parse_document(&p(), "---\ntitle: a\nsumary: b\n---\n", true).unwrap_err();
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`sumary`"));
        assert!(e.hint.unwrap().contains("`summary`"));
    }

    #[test]
    fn empty_and_unclosed() {
        assert!(parse_document(&p(), "  \n", true)
            .unwrap_err()
            .message
            .contains("empty"));
        assert!(parse_document(&p(), "---\ntitle: a\n", true)
            .unwrap_err()
            .message
            .contains("not closed"));
    }

    #[test]
    fn title_from_h1() {
        let d = parse_document(&p(), "# 标题\n正文", true).unwrap();
        assert_eq!(d.front.title, "标题");
    }

    #[test]
    fn invalid_utf8_position() {
        let e = decode_utf8(&p(), b"ab\n\xff".to_vec()).unwrap_err();
        assert_eq!((e.line, e.col), (2, 1));
    }
}
