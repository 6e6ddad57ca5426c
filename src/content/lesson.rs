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
    /// What changed in the page and when, as a rule's `revised`: shown at the page's foot and
    /// on the recent-changes page.
    #[serde(default)]
    pub revised: Vec<super::rule::Revision>,
    /// Paths the page had before it was moved or renamed (`procedure/limits`): each gets a
    /// page that forwards to this one, so bookmarks and links elsewhere keep working.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The front matter as written (it starts on the file's second line): where a value was
    /// written is looked up in it only when a check after parsing finds an error.
    #[serde(skip)]
    pub yaml: String,
    /// The id of the title heading the text opened with, `# 办结后答复 {#reply}`: the page's
    /// title carries it (a section split out into a lesson of its own keeps its address).
    /// With its line in the file.
    #[serde(skip)]
    pub title_id: Option<(String, usize)>,
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

/// The checks of a page's front matter that need nothing else of the book: a tag with a
/// full-width comma (`tags: [流程，时限]` is one tag), its `revised` list's dates and
/// changes. `pos`: a YAML path's line and column in `file`.
pub fn front_checks(
    file: &Path,
    front: &FrontMatter,
    pos: impl Fn(&str) -> (usize, usize),
    diags: &mut Vec<Diagnostic>,
) {
    // `tags: [流程，时限]` is one tag: a full-width comma does not separate YAML items.
    for (k, tag) in front.tags.iter().enumerate() {
        if tag.contains(['，', '、']) {
            let (l, c) = pos(&format!("tags.{k}"));
            diags.push(
                Diagnostic::warning(
                    file,
                    l,
                    c,
                    t!(
                        "the tag `{tag}` holds a full-width comma, so it is one tag",
                        "标签 `{tag}` 里用了全角逗号，整个被当成了一个标签"
                    ),
                )
                .with_hint(t!(
                    "separate tags with an ASCII comma: `[流程, 时限]`",
                    "标签之间用半角逗号隔开：`[流程, 时限]`"
                )),
            );
        }
    }
    crate::book::revision_diags(file, &front.revised, pos, diags);
}

pub const FRONT_MATTER_FIELDS: &[&str] = &[
    "title", "summary", "order", "tags", "audience", "sources", "draft", "revised", "aliases",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Audience {
    Frontline,
    NewStaff,
    Trainer,
}

impl Audience {
    pub const ALL: [Audience; 3] = [Audience::Frontline, Audience::NewStaff, Audience::Trainer];

    /// The name written in front matter and book.toml: `frontline`, `new-staff`, `trainer`.
    pub fn name(self) -> &'static str {
        match self {
            Audience::Frontline => "frontline",
            Audience::NewStaff => "new-staff",
            Audience::Trainer => "trainer",
        }
    }

    /// A reader group as written on the command line or in book.toml: its name, or a Chinese
    /// word front matter's hint reads for it (the site's `一线人员`, `新员工`, `培训师`, or another
    /// common one: `坐席`, `新人`, `讲师`; [`super::yaml::chinese_value`]'s table).
    pub fn parse(word: &str) -> Option<Audience> {
        let w = word.trim();
        let names = Audience::ALL.map(Audience::name);
        let name = (names.iter().copied())
            .find(|n| w.replace('_', "-").eq_ignore_ascii_case(n))
            .or_else(|| super::yaml::chinese_value(w, &names))?;
        Audience::ALL.into_iter().find(|a| a.name() == name)
    }

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
    /// Where the body's lines came from, when it includes snippets (`include.rs`).
    pub origins: Option<std::sync::Arc<super::include::Origins>>,
}

/// Splits and parses a Markdown file. `file` is only used for diagnostics.
pub fn parse_document(
    file: &Path,
    text: &str,
    require_title: bool,
) -> Result<Document, Vec<Diagnostic>> {
    // (A byte-order mark is dropped when the file is read: content::load_file.)
    if text.trim().is_empty() {
        // (A folder's `_index.md` is its section's page: a unit's title, and its place.)
        let section = file.file_name().is_some_and(|n| n == "_index.md");
        return Err(vec![Diagnostic::error(
            file,
            1,
            1,
            t!("file is empty", "文件是空的"),
        )
        .with_hint(if section {
            t!(
                "start the file with the section's front matter, e.g.\n---\ntitle: 栏目名称\norder: 1\n---",
                "文件要以栏目的前置信息开头，例如：\n---\ntitle: 栏目名称\norder: 1\n---"
            )
        } else {
            t!(
                "start the file with front matter, e.g.\n---\ntitle: 课程标题\nsummary: 一句话概要\n---",
                "文件要以前置信息开头，例如：\n---\ntitle: 课程标题\nsummary: 一句话概要\n---"
            )
        })]);
    }
    let (front, body, body_line) = match split_front_matter(text) {
        Split::None => {
            if let Some(d) = misplaced_front_matter(file, text) {
                return Err(vec![d]);
            }
            // Hugo's and Zola's TOML front matter, copied from another site.
            if text.lines().next().is_some_and(|l| l.trim_end() == "+++") {
                return Err(vec![Diagnostic::error(file, 1, 1, t!(
                    "front matter between `+++` lines (TOML) is not read: handbook reads YAML between `---` lines",
                    "写在 `+++` 行之间的前置信息（TOML 格式）不会被读取：handbook 读取的是 `---` 行之间的 YAML"
                ))
                .with_hint(t!(
                    "write it as YAML: `---`, then lines such as `title: 课程标题`, then `---`",
                    "请改用 YAML 写：先写一行 `---`，然后是 `title: 课程标题` 这样的行，最后再写一行 `---`"
                ))]);
            }
            (FrontMatter::default(), text.to_string(), 1)
        }
        Split::Unclosed => {
            return Err(vec![Diagnostic::error(
                file,
                1,
                1,
                t!("front matter is not closed", "前置信息没有结束行"),
            )
            .with_hint(t!(
                "end the front matter with a line holding only `---`",
                "请在前置信息的末尾加一行，这一行只写 `---`"
            ))])
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
                    ..yaml::parse_all(file, y, 2, FRONT_MATTER_FIELDS)?
                }
            };
            (front, body.to_string(), body_line)
        }
    };
    let mut doc = Document {
        front,
        body,
        body_line,
        origins: None,
    };
    if doc.front.title.trim().is_empty() {
        if let Some(title) = first_h1(&doc.body) {
            doc.front.title = title;
        } else if require_title {
            // (At a `title:` left empty, where there is one.)
            let (line, col) = text
                .lines()
                .take(doc.body_line.saturating_sub(1))
                .position(|l| l.starts_with("title:"))
                .map_or((1, 1), |i| (i + 1, 1));
            return Err(vec![Diagnostic::error(
                file,
                line,
                col,
                t!("the page has no title", "这个页面没有标题"),
            )
            .with_hint(t!(
                "add `title: ...` to the front matter, or start the text with a `# 标题` line",
                "请在前置信息里补上 `title: ...`，或者让正文以一行 `# 标题` 开头"
            ))]);
        }
    }
    // A text that opens with its title as a `# ` heading (as the hint above suggests): the
    // page header already shows the title, so the heading is not shown twice. One with an id
    // of its own, `# 标题 {#intro}`, gives the header that id (something may link to it);
    // one with other attributes is kept.
    if let Some((text, attrs, lines, rest)) = leading_h1(&doc.body) {
        let id = attrs.as_deref().and_then(|a| {
            let id = a.trim().strip_prefix('#')?;
            (!id.is_empty() && !id.contains(char::is_whitespace)).then(|| id.to_string())
        });
        if (attrs.is_none() || id.is_some()) && text == doc.front.title.trim() {
            doc.body = doc.body[rest..].to_string();
            doc.front.title_id = id.map(|id| (id, doc.body_line + lines - 1));
            doc.body_line += lines;
        }
    }
    Ok(doc)
}

/// Front matter that is not read as such, and would be published as text with its
/// `draft: true` ignored: a blank line above the opening `---`, or an opening line typed with
/// a Chinese input method's dashes (`———`, `－－－`) or more or spaced hyphens. Only when the
/// line after it starts with a key (`title:`).
fn misplaced_front_matter(file: &Path, text: &str) -> Option<Diagnostic> {
    let mut lines = text
        .lines()
        .enumerate()
        .skip_while(|(_, l)| l.trim().is_empty());
    let (at, first) = lines.next()?;
    let (_, next) = lines.next()?;
    let fence = first.trim();
    let (_, rest) = yaml::leading_key(next.trim_start())?;
    if !rest.trim_start().starts_with([':', '：']) {
        return None;
    }
    let dashes = fence.chars().count() >= 3
        && fence
            .chars()
            .all(|c| matches!(c, '-' | '—' | '–' | '－' | '─' | '一' | ' '));
    if fence == "---" && at > 0 {
        return Some(
            Diagnostic::error(
                file,
                at + 1,
                1,
                t!(
                    "front matter does not start on the first line",
                    "前置信息没有从第 1 行开始"
                ),
            )
            .with_hint(t!(
                "remove the blank line(s) above `---`: front matter is read only when `---` is the file's first line (otherwise it is published as text, and `draft: true` is ignored)",
                "请删掉 `---` 上面的空行：只有 `---` 在文件第 1 行时，前置信息才会被读取（否则它会被当成正文发布，`draft: true` 也不起作用）"
            )),
        );
    }
    if dashes && fence != "---" {
        return Some(
            Diagnostic::error(
                file,
                at + 1,
                1,
                t!(
                    "front matter must open with three ASCII hyphens `---`, not `{fence}`",
                    "前置信息要以三个半角短横线 `---` 开头，而不是 `{fence}`"
                ),
            )
            .with_hint(t!(
                "type `---` with the input method in English punctuation, on the file's first line, and close the front matter with `---` too (otherwise it is published as text, and `draft: true` is ignored)",
                "请把输入法切换到英文标点，在文件第 1 行输入 `---`，前置信息的结尾也用 `---`（否则它会被当成正文发布，`draft: true` 也不起作用）"
            )),
        );
    }
    None
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

/// A page's front matter as written, between its `---` lines (None without one, or unclosed).
pub fn front_matter_yaml(text: &str) -> Option<&str> {
    match split_front_matter(text) {
        Split::Found { yaml, .. } => Some(yaml),
        Split::None | Split::Unclosed => None,
    }
}

/// The line (1-based) the text after a page's front matter starts on, when it has one.
pub fn body_line(text: &str) -> Option<usize> {
    match split_front_matter(text) {
        Split::Found { body_line, .. } => Some(body_line),
        Split::None | Split::Unclosed => None,
    }
}

/// `text` with its front matter's lines emptied but for `title: STAND_IN` (the lines keep
/// their numbers), when it has front matter between `---` lines: the page as it reads without
/// its front matter, so that a mistake there does not hide those of its text (a broken link
/// found only once the front matter was mended took a second run).
pub fn without_front_matter(text: &str, stand_in: &str) -> Option<String> {
    let Split::Found { yaml, body, .. } = split_front_matter(text) else {
        return None;
    };
    // (No line to put the title on without moving the text's lines: not read.)
    let lines = yaml.lines().count();
    if lines == 0 {
        return None;
    }
    let title = crate::content::yaml::yaml_text(stand_in);
    Some(format!(
        "---\ntitle: {title}{}\n---\n{body}",
        "\n".repeat(lines - 1)
    ))
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

/// The text of the first `# ` heading outside fenced code (a `# comment` in a YAML example is
/// not a title).
pub(crate) fn first_h1(body: &str) -> Option<String> {
    let mut fence: Option<&str> = None;
    for l in body.lines() {
        let t = l.trim();
        if let Some(f) = fence {
            if t.starts_with(f) {
                fence = None;
            }
            continue;
        }
        if let Some(f) = ["```", "~~~"].into_iter().find(|f| t.starts_with(f)) {
            fence = Some(f);
            continue;
        }
        if let Some(h) = t.strip_prefix("# ") {
            return Some(h1_text(h).0);
        }
    }
    None
}

/// A `# ` heading's text without a closing run of `#` or an attribute block (`{#id}`), and
/// whether it had one.
fn h1_text(h: &str) -> (String, Option<String>) {
    let h = h.trim();
    let (h, attrs) = match h.rfind('{') {
        Some(i) if h.ends_with('}') => (&h[..i], Some(h[i + 1..h.len() - 1].to_string())),
        _ => (h, None),
    };
    let h = h.trim_end();
    let h = match h.trim_end_matches('#') {
        t if t.len() < h.len() && (t.is_empty() || t.ends_with(' ')) => t,
        _ => h,
    };
    (h.trim().to_string(), attrs)
}

/// When the body's first line with text is a `# ` heading: its text, its attribute block's
/// inside (`#reply`), the number of lines through it, and the byte offset just after it.
fn leading_h1(body: &str) -> Option<(String, Option<String>, usize, usize)> {
    let mut at = 0;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        at += line.len();
        let t = line.trim();
        if t.is_empty() {
            continue;
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let h = t.strip_prefix("# ").filter(|_| indent <= 3)?;
        let (text, attrs) = h1_text(h);
        return Some((text, attrs, n + 1, at));
    }
    None
}

/// Decodes a file's bytes as UTF-8, or says where the first bad byte is.
pub fn decode_utf8(file: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| utf8_error(file, &e))
}

/// Where the first bad byte of a file that is not UTF-8 is.
pub fn utf8_error(file: &Path, e: &std::string::FromUtf8Error) -> Diagnostic {
    // Notepad's "Unicode" and Word's "Unicode text" are UTF-16, with a byte-order mark.
    let b = e.as_bytes();
    if b.starts_with(&[0xff, 0xfe]) || b.starts_with(&[0xfe, 0xff]) {
        return Diagnostic::error(
            file,
            1,
            1,
            t!(
                "the file is saved as UTF-16 (\"Unicode\"), not UTF-8",
                "这个文件保存成了 UTF-16（“Unicode”）编码，而不是 UTF-8"
            ),
        )
        .with_hint(t!(
            "save it again choosing the encoding UTF-8 (in Notepad: 另存为 → 编码 → UTF-8)",
            "请重新保存，编码选 UTF-8（记事本里：另存为 → 编码 → UTF-8）"
        ));
    }
    // (Text in another encoding often starts with a byte pair UTF-8 reads as a character,
    // GBK's 投 as Ͷ: the other encoding starts after the run's Chinese, not at the first
    // byte UTF-8 cannot read.)
    let valid = e.utf8_error().valid_up_to();
    let mut start = valid;
    while start > 0 && b[start - 1] >= 0x80 {
        start -= 1;
    }
    let run = std::str::from_utf8(&b[start..valid]).unwrap_or("");
    let chinese = |c: char| matches!(c, '\u{3000}'..='\u{303f}' | '\u{3400}'..='\u{9fff}' | '\u{ff00}'..='\u{ffef}');
    let valid = start
        + run
            .chars()
            .take_while(|&c| chinese(c))
            .map(char::len_utf8)
            .sum::<usize>();
    let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
    let (line, col) = line_col(&prefix, prefix.len());
    Diagnostic::error(
        file,
        line,
        col,
        t!(
            "the file is not valid UTF-8",
            "这个文件不是有效的 UTF-8 编码"
        ),
    )
    .with_hint(utf8_hint(b, valid, prefix.is_ascii()))
}

/// How to mend a file that stops being UTF-8 at byte `at`: one whose text before is UTF-8
/// Chinese (`ascii` false) had something pasted in another encoding there; one that starts
/// in GBK (two bytes of its ranges) was saved so whole, as Notepad's "ANSI" does -- each
/// with the steps in the editors trainers use.
fn utf8_hint(bytes: &[u8], at: usize, ascii: bool) -> String {
    let gbk = matches!(bytes.get(at), Some(0x81..=0xfe))
        && matches!(bytes.get(at + 1), Some(0x40..=0x7e | 0x80..=0xfe));
    if !ascii {
        t!(
            "the file is UTF-8 up to here, and what starts here is in another encoding (most likely text pasted in GBK): delete it and type or paste it again",
            "这个文件在这之前是 UTF-8，从这里起的文字是别的编码（多半是粘贴进来的 GBK 文字）：删掉这一处，重新输入或再粘贴一次"
        )
    } else if gbk {
        t!(
            "the file looks saved as GBK (Notepad's \"ANSI\"): in Notepad, 文件 → 另存为, 编码 UTF-8, 保存; in VS Code, click GBK at the bottom right → Save with Encoding → UTF-8",
            "这个文件多半是 GBK 编码（记事本叫“ANSI”）：用记事本打开，点“文件 → 另存为”，编码选 UTF-8 再保存；VS Code 里点右下角的 GBK →“通过编码保存”→ UTF-8"
        )
    } else {
        t!(
            "save it as UTF-8 (files saved as GBK/GB2312 by some Windows editors must be converted)",
            "请把它保存成 UTF-8 编码（有些 Windows 编辑器保存的是 GBK/GB2312 编码，需要转换）"
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of a lesson whose front matter does not read, with its lines where they were;
    /// none for an empty front matter (no line for the stand-in title).
    #[test]
    fn without_front_matter_keeps_the_text_on_its_lines() {
        let t = without_front_matter("---\norder: [1\ntags: x\n---\n正文 [a](b.md)\n", "第一课")
            .unwrap();
        assert_eq!(t, "---\ntitle: 第一课\n\n---\n正文 [a](b.md)\n");
        assert_eq!(without_front_matter("---\n---\n\n正文\n", "x"), None);
        assert_eq!(without_front_matter("正文\n", "x"), None);
    }
    use std::path::PathBuf;

    fn p() -> PathBuf {
        PathBuf::from("content/a.md")
    }

    /// A file saved in GBK is told so, with the steps to save it as UTF-8; a UTF-8 file with
    /// one line pasted in GBK is told that line is the one.
    #[test]
    fn a_gbk_file_and_a_gbk_line_are_told_apart() {
        let gbk = |s: &str| -> Vec<u8> {
            // 投诉 in GBK.
            s.replace("投诉", "\u{0}")
                .bytes()
                .flat_map(|b| {
                    if b == 0 {
                        vec![0xcd, 0xb6, 0xcb, 0xdf]
                    } else {
                        vec![b]
                    }
                })
                .collect()
        };
        let whole = crate::i18n::in_chinese(|| {
            decode_utf8(&p(), gbk("---\ntitle: 投诉\n---\n")).unwrap_err()
        });
        assert_eq!((whole.line, whole.col), (2, 8));
        assert!(
            whole
                .hint
                .as_deref()
                .unwrap()
                .contains("GBK 编码（记事本叫“ANSI”）"),
            "{whole:?}"
        );
        let line = crate::i18n::in_chinese(|| {
            decode_utf8(&p(), gbk("---\ntitle: 处理\n---\n正文\n投诉\n")).unwrap_err()
        });
        assert_eq!((line.line, line.col), (5, 1));
        assert!(
            line.hint
                .as_deref()
                .unwrap()
                .contains("粘贴进来的 GBK 文字"),
            "{line:?}"
        );
    }

    #[test]
    fn front_matter_not_read_as_such_is_an_error_not_text() {
        // A blank line above `---`: the front matter (and its draft: true) would be published.
        let e = parse_document(&p(), "\n---\ntitle: 结束通话\ndraft: true\n---\n正文", true)
            .unwrap_err()
            .remove(0);
        assert_eq!((e.line, e.col), (2, 1));
        assert!(e.message.contains("first line"), "{}", e.message);
        // Dashes typed with a Chinese input method, or four hyphens.
        for fence in ["———", "－－－", "----", "- - -"] {
            let e = parse_document(
                &p(),
                &format!("{fence}\ntitle：结束通话\n{fence}\n正文"),
                true,
            )
            .unwrap_err()
            .remove(0);
            assert_eq!((e.line, e.col), (1, 1), "{fence}");
            assert!(e.message.contains("`---`"), "{fence}: {}", e.message);
        }
        // A thematic break above ordinary text is no front matter.
        let d = parse_document(&p(), "# 标题\n\n----\n\n正文：要点", true).unwrap();
        assert_eq!(d.front.title, "标题");
        let d = parse_document(&p(), "\n---\n\n正文", false).unwrap();
        assert!(d.body.contains("正文"));
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
        let e = parse_document(&p(), "---\ntitle: a\norder: [\n---\nx", true)
            .unwrap_err()
            .remove(0);
        assert_eq!(e.file, p());
        assert!(e.line >= 3, "line {}", e.line);
    }

    #[test]
    fn unknown_front_matter_key_suggests() {
        let e = parse_document(&p(), "---\ntitle: a\nsumary: b\n---\n", true)
            .unwrap_err()
            .remove(0);
        assert_eq!(e.line, 3);
        assert!(e.message.contains("`sumary`"));
        assert!(e.hint.unwrap().contains("`summary`"));
    }

    #[test]
    fn empty_and_unclosed() {
        assert!(parse_document(&p(), "  \n", true)
            .unwrap_err()
            .remove(0)
            .message
            .contains("empty"));
        assert!(parse_document(&p(), "---\ntitle: a\n", true)
            .unwrap_err()
            .remove(0)
            .message
            .contains("not closed"));
    }

    #[test]
    fn title_from_h1() {
        let d = parse_document(&p(), "# 标题\n正文", true).unwrap();
        assert_eq!(d.front.title, "标题");
        // Not from a comment in a code block before it; without a closing run or an id.
        let d = parse_document(&p(), "```yaml\n# 注释\n```\n\n# 标题 ##\n", true).unwrap();
        assert_eq!(d.front.title, "标题");
        let d = parse_document(&p(), "# 标题 {#intro}\n正文", true).unwrap();
        assert_eq!(d.front.title, "标题");
        assert_eq!(h1_text("C# #"), ("C#".to_string(), None));
    }

    #[test]
    fn a_leading_h1_that_is_the_title_is_not_shown_twice() {
        // The title from the heading, or the same title in front matter: the heading goes, and
        // the body's line numbers stay those of the file.
        let d = parse_document(&p(), "\n# 标题\n\n正文\n", true).unwrap();
        assert_eq!((d.body.as_str(), d.body_line), ("\n正文\n", 3));
        let d = parse_document(&p(), "---\ntitle: 标题\n---\n# 标题\n正文\n", true).unwrap();
        assert_eq!((d.body.as_str(), d.body_line), ("正文\n", 5));
        // Kept: another heading than the title, one with other attributes, one after some text.
        for text in [
            "---\ntitle: 标题\n---\n# 别的\n正文\n",
            "# 标题 {.wide}\n正文\n",
            "导语\n\n# 标题\n正文\n",
        ] {
            let d = parse_document(&p(), text, true).unwrap();
            assert!(d.body.contains("# "), "{text:?} -> {:?}", d.body);
            assert_eq!(d.front.title_id, None);
        }
        // One with its own id: the page's title carries the id, with its line.
        let d = parse_document(
            &p(),
            "---\ntitle: 标题\n---\n\n# 标题 {#intro}\n正文\n",
            true,
        )
        .unwrap();
        assert_eq!((d.body.as_str(), d.body_line), ("正文\n", 6));
        assert_eq!(d.front.title_id, Some(("intro".to_string(), 5)));
    }

    #[test]
    fn front_matter_mistakes_are_told_in_chinese() {
        crate::i18n::in_chinese(|| {
            let e = parse_document(&p(), "---\ntitle: a\nsumary: b\n---\n", true)
                .unwrap_err()
                .remove(0);
            assert_eq!((e.line, e.message.as_str()), (3, "不认识的字段 `sumary`"));
            assert!(e.hint.unwrap().starts_with("是不是想写 `summary`？"));
            let e = parse_document(&p(), "  \n", true).unwrap_err().remove(0);
            assert_eq!(e.message, "文件是空的");
            let e = parse_document(&p(), "---\ntitle: a\n", true)
                .unwrap_err()
                .remove(0);
            assert_eq!(e.message, "前置信息没有结束行");
            let e = parse_document(&p(), "———\ntitle：结束通话\n———\n正文", true)
                .unwrap_err()
                .remove(0);
            assert_eq!(
                e.message,
                "前置信息要以三个半角短横线 `---` 开头，而不是 `———`"
            );
        });
    }

    #[test]
    fn invalid_utf8_position() {
        let e = decode_utf8(&p(), b"ab\n\xff".to_vec()).unwrap_err();
        assert_eq!((e.line, e.col), (2, 1));
    }
}
