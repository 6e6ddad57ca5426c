//! Markdown to HTML with pulldown-cmark, plus what trainers need: stable Chinese heading ids,
//! callouts, example dialogues, highlighted code and checked cross-references.

use super::{embed, highlight};
use crate::content::include::{self, Origins};
use crate::content::lesson::Audience;
use crate::content::rule::Rule;
use crate::diagnostics::Diagnostic;
use pulldown_cmark::{
    BlockQuoteKind, CodeBlockKind, CowStr, Event, HeadingLevel, LinkType, Options, Parser, Tag,
    TagEnd,
};
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// An entry of the on-page table of contents.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TocEntry {
    pub level: u8,
    pub id: String,
    pub title: String,
}

/// A link to an anchor on another page, checked once every page has been rendered.
#[derive(Debug, Clone)]
pub struct AnchorCheck {
    pub page: String,
    pub anchor: String,
    pub line: usize,
    pub col: usize,
    /// The file and line the link is written in, once `render_with` has placed the body's
    /// lines (a snippet's, or the page's own after an include); `None`: the page's, as counted.
    pub file: Option<std::path::PathBuf>,
}

impl AnchorCheck {
    /// A link at `line`, `col` of the page's own text (`render_with` moves one in a snippet).
    fn in_page(page: String, anchor: String, line: usize, col: usize) -> Self {
        AnchorCheck {
            page,
            anchor,
            line,
            col,
            file: None,
        }
    }
}

/// How a link destination written in the page resolves.
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// The href to write, relative to the current page.
    pub href: String,
    /// Text to show for `[[kind:id]]` links without their own text.
    pub title: Option<String>,
    /// `Some((page key, anchor))` when the anchor must be checked after rendering.
    pub anchor: Option<(String, String)>,
    /// Hover text (the link's `title`) when the Markdown gives none: a rule's summary, a
    /// term's definition.
    pub tooltip: Option<String>,
    /// The target is left out of this build (a page for other readers, `[build] audience`):
    /// the link's text is shown without the link (a `[[lesson:…]]` without text shows
    /// `title`), a picture's description without the picture.
    pub unlinked: bool,
}

impl Resolved {
    /// A target left out of this build ([`Resolved::unlinked`]).
    pub fn unlinked(title: Option<String>) -> Resolved {
        Resolved {
            title,
            unlinked: true,
            ..Resolved::default()
        }
    }
}

/// Resolves links for one page. Errors are `(message, hint)`.
pub trait LinkResolver {
    fn resolve(&self, dest: &str, wiki: bool) -> Result<Option<Resolved>, (String, String)>;
    /// Put before every id the page's HTML gets (headings, footnotes), for pages shown
    /// together on one page (the print page). The table of contents and anchors keep the
    /// plain ids.
    fn id_prefix(&self) -> &str {
        ""
    }
    /// For a ```` ```rule ID``` ```` block: the rule, and the resolver for its fields' links
    /// (written from the content folder, like the rule file's own). `None` where blocks do
    /// not embed rules: inside an embedded rule's own fields, so no rule can embed itself.
    fn embedded_rule(&self, _id: &str) -> Option<(&Rule, Box<dyn LinkResolver + '_>)> {
        None
    }
    /// The content folder, where the relative paths of these links start from it (a YAML
    /// file's text, shown on other pages), not from the Markdown file: for hints.
    fn content_folder(&self) -> Option<String> {
        None
    }
}

/// The resolver of an embedded rule's fields: `R`'s links, and no rule blocks of its own.
pub struct FieldLinks<R>(pub R);

impl<R: LinkResolver> LinkResolver for FieldLinks<R> {
    fn resolve(&self, dest: &str, wiki: bool) -> Result<Option<Resolved>, (String, String)> {
        self.0.resolve(dest, wiki)
    }
    fn id_prefix(&self) -> &str {
        self.0.id_prefix()
    }
    fn content_folder(&self) -> Option<String> {
        self.0.content_folder()
    }
}

/// Characters of text a reader gets through in a minute: the pages' 约 N 分钟, and the
/// course modules' reading time in `handbook report`.
pub const READ_PER_MINUTE: usize = 400;

#[derive(Debug, Default, Clone)]
pub struct Rendered {
    pub html: String,
    pub toc: Vec<TocEntry>,
    pub anchors: HashSet<String>,
    pub anchor_checks: Vec<AnchorCheck>,
    pub diagnostics: Vec<Diagnostic>,
    /// Number of characters of text (for reading-time estimates).
    pub text_len: usize,
    /// `rule:ID` and `quiz:ID` references made by the page, for backlinks.
    pub refs: Vec<String>,
    /// The page's good example dialogues (```` ```dialogue good ````), for 话术汇编.
    pub dialogues: Vec<Dialogue>,
    /// Its bad ones (```` ```dialogue bad ````), each with how many good ones came before it:
    /// 话术汇编 shows one under the good one of its section, to compare.
    pub contrasts: Vec<(usize, Dialogue)>,
}

impl Rendered {
    /// Notes a link to `dest` among the page's references when it names a rule or a quiz
    /// (`rule:ID#part` counts as `rule:ID`), for backlinks.
    fn cites(&mut self, dest: &str) {
        if dest.starts_with("rule:") || dest.starts_with("quiz:") {
            self.refs
                .push(dest.split('#').next().unwrap_or("").trim().to_string());
        }
    }
}

/// A good example dialogue as rendered, with the section of the page it is in.
#[derive(Debug, Default, Clone)]
pub struct Dialogue {
    pub title: String,
    pub html: String,
    /// The heading it comes under: (id, text).
    pub section: Option<(String, String)>,
    /// The ids of every heading it comes under, outermost first: a `lesson:path#id`
    /// reference names the section it is in.
    pub within: Vec<String>,
}

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_GFM
        | Options::ENABLE_WIKILINKS
}

/// A heading id from its text: Chinese and other letters kept, spaces to `-`, punctuation
/// dropped, lower-case. Stable: it depends only on the heading text.
pub fn slugify(text: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in text.trim().chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
            dash = false;
        } else if (c.is_whitespace() || c == '-' || c == '_') && !out.is_empty() && !dash {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("section");
    }
    out
}

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// Line starts of `text`, to turn byte offsets into line numbers quickly.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Lines { starts }
    }
    fn at(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.starts.partition_point(|&s| s <= offset);
        let start = self.starts[line - 1];
        let end = offset.min(text.len());
        let col = text.get(start..end).map(|s| s.chars().count()).unwrap_or(0) + 1;
        (line, col)
    }
}

/// GitHub alert markers, and the Chinese names the callouts show, which may be written
/// instead (`> [!注意]`).
const ALERTS: [(&str, &str); 5] = [
    ("NOTE", "说明"),
    ("TIP", "提示"),
    ("IMPORTANT", "重要"),
    ("WARNING", "注意"),
    ("CAUTION", "禁止"),
];

/// The body with `> [!注意]` (a callout's Chinese name) written as the alert pulldown-cmark
/// knows, `> [!WARNING]`; a marker opening a quote that names no alert (`> [!WARNNG]`, which
/// would show as a plain quote starting with that text) is a warning. Lines in fenced code
/// are left alone. Only that line's length changes, so lines keep their numbers.
fn alert_markers<'b>(
    body: &'b str,
    file: &Path,
    first_line: usize,
    diags: &mut Vec<Diagnostic>,
) -> std::borrow::Cow<'b, str> {
    if !body.contains("[!") {
        return body.into();
    }
    let mut out = String::with_capacity(body.len());
    let mut changed = false;
    let mut fence: Option<(char, usize)> = None;
    let mut quoted = false;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim_start_matches(' ');
        if fence_line(line, &mut fence) {
            out.push_str(line);
            continue;
        }
        let in_quote = indent <= 3 && t.starts_with('>');
        let first_of_quote = in_quote && !quoted;
        quoted = in_quote;
        if fence.is_some() || !first_of_quote {
            out.push_str(line);
            continue;
        }
        let inner = t.trim_start_matches(['>', ' ']).trim_end();
        let name = inner.strip_prefix("[!").and_then(|x| x.strip_suffix(']'));
        let Some(name) = name.filter(|x| !x.is_empty() && !x.contains(' ')) else {
            out.push_str(line);
            continue;
        };
        if ALERTS.iter().any(|(en, _)| en.eq_ignore_ascii_case(name)) {
            out.push_str(line);
        } else if let Some((en, _)) = ALERTS.iter().find(|(_, zh)| *zh == name) {
            out.push_str(&line.replacen(&format!("[!{name}]"), &format!("[!{en}]"), 1));
            changed = true;
        } else {
            let names = ALERTS.iter().flat_map(|(en, zh)| [*en, *zh]);
            let upper = name.to_uppercase();
            let hint = match crate::diagnostics::nearest(&upper, names) {
                Some(n) => t!("did you mean `[!{n}]`?", "是不是想写 `[!{n}]`？"),
                None => t!("write [!NOTE] 说明, [!TIP] 提示, [!IMPORTANT] 重要, [!WARNING] 注意 or [!CAUTION] 禁止 (in English or Chinese)", "请写 `[!NOTE]`、`[!TIP]`、`[!IMPORTANT]`、`[!WARNING]` 或 `[!CAUTION]`，也可以写中文：`[!说明]`、`[!提示]`、`[!重要]`、`[!注意]`、`[!禁止]`"),
            };
            let col = line.find("[!").map_or(1, |i| line[..i].chars().count() + 1);
            diags.push(
                Diagnostic::warning(file, first_line + n, col, t!("`[!{name}]` names no callout: the quote shows as a plain one, starting with that text", "`[!{name}]` 不是提示框的类型：这段引用会显示成普通引用，开头就是这几个字"))
                    .with_hint(hint),
            );
            out.push_str(line);
        }
    }
    if changed {
        out.into()
    } else {
        body.into()
    }
}

/// Slips that silently change a lesson's shape, each a warning at its line: a heading typed
/// without the space after its `#` (`##办理时限`, common with a Chinese input method: shown as
/// a paragraph, missing from the contents and the search's sections), and a code block never
/// closed (the rest of the lesson shows as code, its headings gone).
/// The cells of a table row (`| a | b |` or `a | b`): split at each `|` but `\|` (as GFM
/// does, inside `code` too).
fn table_cells(line: &str) -> usize {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t
        .strip_suffix('|')
        .filter(|r| !r.ends_with('\\'))
        .unwrap_or(t);
    let (mut cells, mut prev) = (1, ' ');
    for c in t.chars() {
        if c == '|' && prev != '\\' {
            cells += 1;
        }
        prev = c;
    }
    cells
}

/// A table's delimiter row: `|---|:--:|`.
fn delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.contains('-')
        && t.contains(['|', '-'])
        && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
        && t.contains('|')
}

/// Lines written as table rows (`| a | b |`) with no delimiter row under the first: Markdown
/// shows them as a paragraph of text, pipes and all. `run` is the first such line's number
/// (in `body`), its cells and how many lines followed; a warning at the first when two or
/// more did.
fn rows_without_table(
    run: &mut Option<(usize, usize, usize)>,
    file: &Path,
    first_line: usize,
    diags: &mut Vec<Diagnostic>,
) {
    if let Some((n, cells, count)) = run.take().filter(|r| r.2 >= 2) {
        // (Shortened past a dozen columns: the hint shows the shape, not every cell.)
        let row = if cells <= 12 {
            format!("|{}", "---|".repeat(cells))
        } else {
            format!("|{}…|---|", "---|".repeat(3))
        };
        diags.push(
            Diagnostic::warning(
                file,
                first_line + n,
                1,
                t!("these {count} lines are no table: the `|---|` line under the header row is missing, so they show as text with the `|` in it", "这 {count} 行不是表格：表头下面缺少 `|---|` 这一行，所以它们会显示成带 `|` 的普通文字"),
            )
            .with_hint(t!(
                "add a line like `{row}` (one `---` a column) right under this line, the header row",
                "请在这一行（表头）的正下方加一行 `{row}`（每一列一个 `---`）"
            )),
        );
    }
}

fn block_slips(body: &str, file: &Path, first_line: usize, diags: &mut Vec<Diagnostic>) {
    let mut fence = None;
    let mut opened = 0;
    // In a table: its header's number of cells.
    let mut table: Option<usize> = None;
    let mut previous = "";
    // Lines like table rows with no table begun: the first's number and cells, how many.
    let mut rows: Option<(usize, usize, usize)> = None;
    // Inside an HTML comment, or an HTML block (a line starting with `<`, to a blank line).
    let (mut comment, mut html) = (false, false);
    for (n, line) in body.lines().enumerate() {
        let was_open = fence.is_some();
        if !comment && fence_line(line, &mut fence) {
            if !was_open && fence.is_some() {
                opened = n;
            }
            rows_without_table(&mut rows, file, first_line, diags);
            continue;
        }
        if was_open {
            continue;
        }
        if line.trim().is_empty() {
            html = false;
        } else if line.trim_start().starts_with('<') {
            html = true;
        }
        let in_comment = comment || line.contains("<!--");
        if comment && line.contains("-->") {
            comment = false;
        }
        if let Some(i) = line.rfind("<!--") {
            comment = !line[i..].contains("-->");
        }
        if in_comment || html {
            rows_without_table(&mut rows, file, first_line, diags);
            continue;
        }
        // An indented code block's line (or a deep list's): its text is not Markdown's.
        let code_indent = line.starts_with('\t') || line.starts_with("    ");
        let t1 = line.trim();
        if !code_indent
            && table.is_none()
            && t1.len() >= 2
            && t1.starts_with('|')
            && t1.ends_with('|')
            && !delimiter_row(line)
        {
            match &mut rows {
                Some(r) => r.2 += 1,
                None => rows = Some((n, table_cells(line), 1)),
            }
        } else if delimiter_row(line) && rows.is_some() {
            // (The table begins: its header was the line before.)
            rows = None;
        } else {
            rows_without_table(&mut rows, file, first_line, diags);
        }
        // A table row with more cells than the header: Markdown drops the extra ones unseen.
        // (The table ends at a blank line, or where another block starts: a heading, a quote,
        // a list item.)
        let t0 = line.trim_start();
        let new_block = t0.starts_with('#')
            || t0.starts_with('>')
            || t0.starts_with("- ")
            || t0.starts_with("* ")
            || t0.starts_with("+ ")
            || t0
                .split_once(". ")
                .is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        if line.trim().is_empty() || new_block || code_indent {
            table = None;
        } else if delimiter_row(line) && previous.contains('|') {
            table = Some(table_cells(previous));
        } else if let Some(header) = table {
            let cells = table_cells(line);
            if cells > header {
                let extra = cells - header;
                let last = if extra == 1 {
                    t!("one is", "1 格")
                } else {
                    t!("{extra} are", "{extra} 格")
                };
                diags.push(
                    Diagnostic::warning(file, first_line + n, 1, t!("this table row has {cells} cells, its header {header}: the last {last} not shown", "表格的这一行有 {cells} 格，表头只有 {header} 格：最后 {last}不会显示"))
                        .with_hint(t!("add a column to the header (and the `---` row), or join the cells; a `|` inside a cell is written `\\|`", "请给表头加一列（`---` 那一行也要加），或者把格子合并；格子里的 `|` 要写成 `\\|`")),
                );
            }
        }
        previous = line;
        // `[[rule:TS-PROC-001` without its `]]`: shown as text, never checked as a link.
        // (Outside `code`; a `]]` later on the line closes it.)
        if !code_indent {
            let mut code = false;
            let mut open: Option<usize> = None;
            let b = line.as_bytes();
            let mut i = 0;
            while i < b.len() {
                match b[i] {
                    b'`' => code = !code,
                    b'[' if !code && b.get(i + 1) == Some(&b'[') && open.is_none() => {
                        open = Some(i);
                        i += 1;
                    }
                    b']' if !code && b.get(i + 1) == Some(&b']') => {
                        // `[[]]` (a link begun and not written) names nothing: it shows as text.
                        if let Some(o) = open.filter(|&o| line[o + 2..i].trim().is_empty()) {
                            diags.push(
                                Diagnostic::warning(
                                    file,
                                    first_line + n,
                                    line[..o].chars().count() + 1,
                                    t!("`[[]]` names no page: it shows as text", "`[[]]` 里没有写链接到哪里：它会显示成普通文字"),
                                )
                                .with_hint(t!("write what it links to inside, e.g. `[[rule:TS-PROC-001]]` or `[[lesson:procedure/time-limits]]`, or remove it", "请在里面写上要链接的内容，例如 `[[rule:TS-PROC-001]]` 或 `[[lesson:procedure/time-limits]]`，或者把它删掉")),
                            );
                        }
                        open = None;
                        i += 1;
                    }
                    _ => {}
                }
                i += 1;
            }
            if let Some(at) = open {
                let col = line[..at].chars().count() + 1;
                diags.push(
                    Diagnostic::warning(
                        file,
                        first_line + n,
                        col,
                        t!(
                            "`[[` is never closed with `]]` on this line: the link shows as text",
                            "`[[` 在这一行里没有用 `]]` 结束：这个链接会显示成普通文字"
                        ),
                    )
                    .with_hint(t!(
                        "close it where the link ends, e.g. `[[rule:TS-PROC-001]]`",
                        "请在链接结束的地方加上 `]]`，例如 `[[rule:TS-PROC-001]]`"
                    )),
                );
            }
        }
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = &line[indent..];
        let hashes = t.len() - t.trim_start_matches('#').len();
        if indent > 3 || !(1..=6).contains(&hashes) {
            continue;
        }
        let Some(next) = t[hashes..].chars().next() else {
            continue;
        };
        // `##\u{a0}标题` or `##　标题`: a space that looks like one and is none to Markdown.
        if let Some(name) = crate::content::yaml::look_alike_space(&t[hashes..]) {
            let rest = t[hashes..].trim_start_matches(crate::content::yaml::LOOK_ALIKE_SPACES);
            let (text, marks, rest) = (t.trim_end(), &t[..hashes], rest.trim_end());
            diags.push(
                Diagnostic::warning(file, first_line + n, indent + hashes + 1, t!("`{text}` is no heading: after `{marks}` comes {name}, which Markdown does not take for a space", "`{text}` 不是标题：`{marks}` 后面是{name}，Markdown 不把它当作空格"))
                    .with_hint(t!("write `{marks} {rest}` with an ordinary space (delete the one there and type it again)", "请写成 `{marks} {rest}`，中间用普通的半角空格（把那里的空格删掉，重新输入一个）")),
            );
            continue;
        }
        // (Not `#1024` going on from a line before, nor a hashtag, `#话题#`.)
        if next.is_alphanumeric() && !next.is_ascii_digit() && !t[hashes..].contains('#') {
            let heading = format!("{} {}", &t[..hashes], &t[hashes..]);
            let (text, marks, heading) = (t.trim_end(), &t[..hashes], heading.trim_end());
            diags.push(
                Diagnostic::warning(file, first_line + n, indent + hashes + 1, t!("`{text}` is no heading: there is no space after `{marks}`", "`{text}` 不是标题：`{marks}` 后面没有空格"))
                    .with_hint(t!("write `{heading}` (it shows as a paragraph, and is missing from the page's contents and the search)", "请写成 `{heading}`（现在它显示成普通段落，页面目录和搜索里都没有它）")),
            );
        }
    }
    rows_without_table(&mut rows, file, first_line, diags);
    if let Some((c, len)) = fence {
        let mark: String = std::iter::repeat_n(c, len).collect();
        diags.push(
            Diagnostic::warning(
                file,
                first_line + opened,
                1,
                t!(
                    "this code block is never closed: everything after it shows as code",
                    "这个代码块没有结束：它后面的内容全都会显示成代码"
                ),
            )
            .with_hint(t!(
                "close it with a line of {mark} where the code ends",
                "请在代码结束的地方加一行 {mark}"
            )),
        );
    }
}

/// Whether `line` starts with a code fence's character (``` or ~~~, at most 3 spaces in), updating
/// `fence`, the open fence's character and length, when it opens or closes one.
pub(crate) fn fence_line(line: &str, fence: &mut Option<(char, usize)>) -> bool {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let t = line.trim_start_matches(' ');
    let Some(c) = t
        .chars()
        .next()
        .filter(|c| (*c == '`' || *c == '~') && indent <= 3)
    else {
        return false;
    };
    let len = t.chars().take_while(|&x| x == c).count();
    match *fence {
        // (A backtick fence's info string holds no backtick: ```code``` is inline code.)
        None if len >= 3 && !(c == '`' && t[len..].contains('`')) => *fence = Some((c, len)),
        Some((fc, fl)) if fc == c && len >= fl && t[len..].trim().is_empty() => *fence = None,
        _ => {}
    }
    true
}

/// Fenced code followed line by line where it may stand in a block quote or a callout
/// (`> ```text`), as [`fence_line`] follows it outside one: the `>` marks are taken off first,
/// and code opened inside a quote ends where the quote does.
#[derive(Debug, Default)]
pub(crate) struct QuotedFences {
    open: Option<(char, usize)>,
    /// How many `>` stand before the open fence's lines.
    depth: usize,
}

impl QuotedFences {
    /// Whether fenced code is open (after the lines seen so far).
    pub(crate) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Whether `line` opens or closes fenced code, or is in it.
    pub(crate) fn code(&mut self, line: &str) -> bool {
        let mut rest = line;
        let mut depth = 0;
        // (In code, only as many `>` as its fence had: a `>` after them is the code's.)
        while self.open.is_none() || depth < self.depth {
            let t = rest.trim_start_matches(' ');
            match t.strip_prefix('>').filter(|_| rest.len() - t.len() <= 3) {
                Some(r) => rest = r.strip_prefix([' ', '\t']).unwrap_or(r),
                None => break,
            }
            depth += 1;
        }
        if self.open.is_some() && depth < self.depth {
            // The quote has ended, and its code with it.
            self.open = None;
        }
        let was_open = self.open.is_some();
        fence_line(rest, &mut self.open);
        if !was_open && self.open.is_some() {
            self.depth = depth;
        }
        // (A line opening a fence, closing one, or in code; one merely starting with inline
        // code, `` `重要`：… ``, is text.)
        was_open || self.open.is_some()
    }
}

/// Links Markdown does not read as links and shows as text: typed with a Chinese input
/// method's punctuation, `[办理时限]（../procedure/time-limits.md）`, `【文字】(rule:X)`,
/// `【【rule:TS-PROC-002】】`, or to a file whose name has a space, `[表](../登记 表.md)`. A
/// warning at each, outside code; only when what is in the parentheses looks like a link's
/// target (a path, an anchor, a web address, `rule:` ...), so that 〔1〕（见附件） and such stay
/// quiet.
fn links_read_as_text(body: &str, file: &Path, first_line: usize, diags: &mut Vec<Diagnostic>) {
    // (One substring search each: a search for either character decodes every character.)
    let wide = body.contains("（") || body.contains("【") || body.contains("）");
    if !wide && !body.contains("](") {
        return;
    }
    let kinds = ["rule:", "lesson:", "quiz:", "term:", "tag:"];
    let target = |t: &str| {
        let t = t.trim();
        t.ends_with(".md")
            || t.contains(".md#")
            || t.starts_with('#')
            || t.starts_with("http")
            || kinds.iter().any(|k| t.starts_with(k))
    };
    let mut fence = None;
    for (n, line) in body.lines().enumerate() {
        let was_open = fence.is_some();
        fence_line(line, &mut fence);
        let punct = wide && (line.contains("（") || line.contains("【") || line.contains("）"));
        if was_open || fence.is_some() || !(punct || spaced_path(line)) {
            continue;
        }
        // The line without its inline code (each character kept in place as a space).
        let mut code = false;
        let chars: Vec<char> = line
            .chars()
            .map(|c| {
                if c == '`' {
                    code = !code;
                }
                if code || c == '`' {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        let mut i = 0;
        while i < chars.len() {
            let c = chars[i];
            // `【【rule:X】】`
            if c == '【' && chars.get(i + 1) == Some(&'【') {
                let rest: String = chars[i + 2..].iter().collect();
                if kinds.iter().any(|k| rest.starts_with(k)) {
                    diags.push(
                        Diagnostic::warning(file, first_line + n, i + 1, t!("`【【` starts no link: its brackets are full-width", "`【【` 不能开始一个链接：这是全角括号"))
                            .with_hint(t!("write `[[rule:…]]` with half-width `[[` `]]` (switch the input method to English punctuation)", "请用半角的 `[[` `]]` 写成 `[[rule:…]]`（把输入法切换到英文标点）")),
                    );
                    i += 2;
                    continue;
                }
            }
            if c != '[' && c != '【' {
                i += 1;
                continue;
            }
            // `[text](…` with a full-width bracket or parenthesis among the four.
            let close = chars[i + 1..]
                .iter()
                .position(|&x| x == ']' || x == '】' || x == '[' || x == '【');
            let Some(j) = close
                .map(|k| i + 1 + k)
                .filter(|&j| chars[j] == ']' || chars[j] == '】')
            else {
                i += 1;
                continue;
            };
            let open = chars.get(j + 1).copied();
            let (Some(o @ ('(' | '（')), cl) = (open, chars[j]) else {
                i = j;
                continue;
            };
            let end = chars[j + 2..].iter().position(|&x| x == ')' || x == '）');
            let Some(e) = end.map(|k| j + 2 + k) else {
                i = j;
                continue;
            };
            let full = [c, cl, o, chars[e]].iter().any(|x| !x.is_ascii());
            let inner: String = chars[j + 2..e].iter().collect();
            let shown = || chars[i..=e].iter().collect::<String>();
            if !full && spaced_target(&inner) {
                let (shown, path) = (shown(), inner.trim());
                // (A picture's `![…](…)`: said as a picture, its `!` shown.)
                let picture = i > 0 && chars[i - 1] == '!';
                diags.push(
                    if picture {
                        Diagnostic::warning(file, first_line + n, i, t!("`!{shown}` is no picture: the file's path has a space", "`!{shown}` 不是图片：文件路径里有空格"))
                    } else {
                        Diagnostic::warning(file, first_line + n, i + 1, t!("`{shown}` is no link: the file's path has a space", "`{shown}` 不是链接：文件路径里有空格"))
                    }
                    .with_hint(t!("rename the file without spaces (use `-`), or put the path in angle brackets: `(<{path}>)`", "请把文件改成不带空格的名字（用 `-` 代替空格），或者把路径放进尖括号：`(<{path}>)`")),
                );
            } else if full && target(&inner) {
                let shown = shown();
                diags.push(
                    Diagnostic::warning(file, first_line + n, i + 1, t!("`{shown}` is no link: it is written with full-width brackets or parentheses", "`{shown}` 不是链接：用了全角的方括号或圆括号"))
                        .with_hint(t!("write `[文字](路径)` with half-width `[` `]` `(` `)` (switch the input method to English punctuation)", "请用半角的 `[` `]` `(` `)` 写成 `[文字](路径)`（把输入法切换到英文标点）")),
                );
            }
            i = e + 1;
        }
    }
}

/// HTML comments in a line's characters blanked out, each in its place; `comment` says
/// whether one is open, from one line to the next.
pub(crate) fn blank_comments(chars: &mut [char], comment: &mut bool) {
    let mut i = 0;
    while i < chars.len() {
        if *comment {
            let close = (i..chars.len()).find(|&k| chars[k..].starts_with(&['-', '-', '>']));
            let end = close.map_or(chars.len(), |k| k + 3);
            chars[i..end].iter_mut().for_each(|c| *c = ' ');
            *comment = close.is_none();
            i = end;
        } else if chars[i..].starts_with(&['<', '!', '-', '-']) {
            // (The search for `-->` starts at the `<!--` itself: `<!-->` and `<!--->` are
            // whole, empty comments, as the renderer reads them.)
            *comment = true;
        } else {
            i += 1;
        }
    }
}

/// `line` with its inline code (`` `…` ``, any run of backticks to the same run) blanked out,
/// as characters: each kept in its place, so that an index is the column less one.
pub(crate) fn without_code_spans(line: &str) -> Vec<char> {
    let spans = code_spans(line);
    line.char_indices()
        .map(
            |(at, c)| match spans.iter().any(|&(s, e)| s <= at && at < e) {
                true => ' ',
                false => c,
            },
        )
        .collect()
}

/// The byte ranges of a Markdown line's inline code (`` `…` ``, any run of backticks to the
/// same run, no more; a run never closed is text).
pub(crate) fn code_spans(line: &str) -> Vec<(usize, usize)> {
    let b = line.as_bytes();
    let mut spans = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'`' {
            i += 1;
            continue;
        }
        let run = b[i..].iter().take_while(|&&c| c == b'`').count();
        let mut j = i + run;
        let mut close = None;
        while j < b.len() {
            if b[j] == b'`' {
                let r = b[j..].iter().take_while(|&&c| c == b'`').count();
                if r == run {
                    close = Some(j + r);
                    break;
                }
                j += r;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                spans.push((i, end));
                i = end;
            }
            None => i += run,
        }
    }
    spans
}

/// A directive of another site generator found in a line: (column from 0, who reads it, how
/// it was written, the name it calls, the text up to where it closes).
struct Foreign {
    at: usize,
    end: usize,
    whose: &'static str,
    shown: String,
    name: String,
    args: String,
}

/// The directive opening at `chars[i]`, if one does: mdBook's `{{#include …}}`, Hugo's
/// `{{< name … >}}` and `{{% name … %}}`, Zola's `{{ name(…) }}` and `{% name(…) %}`.
fn foreign_at(chars: &[char], i: usize) -> Option<Foreign> {
    // (Every form opens with `{{` or `{%`: a lone `{`, as in JSON pasted into a line, is
    // passed over before the rest of the line is copied.)
    if chars[i] != '{' || !matches!(chars.get(i + 1), Some('{' | '%')) {
        return None;
    }
    // (`\{{#include …}}`: mdBook's way of writing one as text.)
    if i > 0 && chars[i - 1] == '\\' {
        return None;
    }
    let rest: String = chars[i..].iter().collect();
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '-')
            .collect()
    };
    // Where `close` ends the directive (in chars from `i`), or the end of the line.
    let until = |open: usize, close: &str| -> (usize, String) {
        match rest[open..].find(close) {
            Some(k) => (
                rest[..open + k + close.len()].chars().count(),
                rest[open..open + k].trim().to_string(),
            ),
            None => (chars.len() - i, rest[open..].trim().to_string()),
        }
    };
    let found = |whose, shown: String, name: String, (len, args): (usize, String)| {
        Some(Foreign {
            at: i,
            end: i + len,
            whose,
            shown,
            name,
            args,
        })
    };
    if let Some(r) = rest.strip_prefix("{{#") {
        let name = ident(r);
        // (mdBook's own directives only: `{{#if vip}}` in a mail-merge template a lesson
        // quotes is Handlebars text, not a slip.)
        if !matches!(
            name.as_str(),
            "include" | "title" | "playground" | "rustdoc_include" | "playpen"
        ) {
            return None;
        }
        let shown = format!("{{{{#{name}}}}}");
        return found("mdBook's", shown, name, until(3, "}}"));
    }
    for (open, close) in [("{{<", ">}}"), ("{{%", "%}}")] {
        if let Some(r) = rest.strip_prefix(open) {
            let r = r.trim_start();
            // (The closing `{{< /notice >}}` of a pair: its opening is the one reported.)
            let name = ident(r);
            if name.is_empty() {
                return None;
            }
            let shown = format!("{open} {name} {close}");
            return found("Hugo's shortcode", shown, name, until(3, close));
        }
    }
    if let Some(r) = rest.strip_prefix("{%") {
        let r = r.trim_start_matches('-').trim_start();
        let name = ident(r);
        if name.is_empty() || name.starts_with("end") || !r[name.len()..].starts_with('(') {
            return None;
        }
        let shown = format!("{{% {name}() %}}");
        return found("Zola's shortcode", shown, name, until(2, "%}"));
    }
    if let Some(r) = rest.strip_prefix("{{") {
        let r = r.trim_start();
        let name = ident(r);
        if name.is_empty() || !r[name.len()..].starts_with('(') {
            return None;
        }
        let shown = format!("{{{{ {name}() }}}}");
        return found("Zola's shortcode", shown, name, until(2, "}}"));
    }
    None
}

/// The value of `key="…"` (or `key='…'`, or the first quoted argument when `key` is empty) in
/// a shortcode's arguments.
fn shortcode_arg(args: &str, key: &str) -> Option<String> {
    let from = if key.is_empty() {
        args
    } else {
        let at = args.find(&format!("{key}="))?;
        &args[at + key.len() + 1..]
    };
    let q = from.find(['"', '\''])?;
    let quote = from[q..].chars().next()?;
    let value = &from[q + 1..];
    Some(value[..value.find(quote)?].to_string())
}

/// What to write in handbook instead of a directive of another site generator.
fn foreign_hint(f: &Foreign, links: &dyn LinkResolver) -> String {
    match f.name.as_str() {
        "include" => t!("put `{{{{#include 路径}}}}` on a line of its own (it takes the whole line); for a rule's text, a ```rule ID``` block quotes the rule file", "`{{{{#include 路径}}}}` 要单独写一行（它占一整行）；要放规则的内容，可以用 ```rule ID``` 块引用规则文件"),
        "rustdoc_include" => t!("write `{{{{#include 路径}}}}` on a line of its own instead (handbook shows code, it does not hide lines of it); for a rule's text, a ```rule ID``` block quotes the rule file", "请改成单独一行的 `{{{{#include 路径}}}}`（handbook 会完整显示代码，不会隐藏其中的行）；要放规则的内容，可以用 ```rule ID``` 块引用规则文件"),
        "title" => t!("a page's title is `title:` in its front matter (or its first `# 标题` line)", "页面的标题写在前置信息的 `title:` 里（或者写在正文第一行的 `# 标题`）"),
        "playground" => t!("write the code as a fenced code block (```rust … ```): handbook shows code, it does not run it", "请把代码写成代码块（```rust … ```）：handbook 只显示代码，不会运行它"),
        "ref" | "relref" => {
            let target = shortcode_arg(&f.args, "").unwrap_or_default();
            let (path, anchor) = match target.split_once('#') {
                Some((p, a)) => (p, format!("#{a}")),
                None => (target.as_str(), String::new()),
            };
            let path = path.trim_start_matches('/').trim_end_matches(".md");
            let path = path.strip_suffix("/_index").or(path.strip_suffix("/index")).unwrap_or(path);
            if path.is_empty() {
                return t!("link with a path relative to this file, e.g. `[文字](../procedure/time-limits.md)`, or `[[lesson:procedure/time-limits]]`", "请用从这个文件算起的相对路径写链接，例如 `[文字](../procedure/time-limits.md)`，或者写 `[[lesson:procedure/time-limits]]`");
            }
            match relative_link(links, &format!("{path}.md{anchor}")) {
                Some(link) => t!("link with a path relative to this file, `[文字]({link})`, or write `[[lesson:{path}{anchor}]]`", "请用从这个文件算起的相对路径写链接：`[文字]({link})`，或者写 `[[lesson:{path}{anchor}]]`"),
                None => t!("link with a path relative to this file (`../` for each folder up), or write `[[lesson:{path}{anchor}]]` (counted from the content folder)", "请用从这个文件算起的相对路径写链接（每往上一层文件夹写一个 `../`），或者写 `[[lesson:{path}{anchor}]]`（从内容文件夹算起）"),
            }
        }
        "figure" | "image" | "img" | "resize" => {
            let src = shortcode_arg(&f.args, "src").unwrap_or_else(|| "picture.png".into());
            let src = src.trim_start_matches('/');
            let alt = shortcode_arg(&f.args, "alt")
                .or_else(|| shortcode_arg(&f.args, "caption"))
                .unwrap_or_else(|| "说明".into());
            t!("show the picture with Markdown: `![{alt}]({src})` (the path relative to this file)", "请用 Markdown 显示图片：`![{alt}]({src})`（路径从这个文件算起）")
        }
        "notice" | "note" | "hint" | "tip" | "warning" | "alert" | "callout" | "admonition"
        | "admonish" | "info" | "caution" | "danger" | "important" | "attention" => t!("write a callout: `> [!WARNING]` (or `[!NOTE]`, `[!TIP]`, `[!IMPORTANT]`, `[!CAUTION]`) on a line of its own, the text on `> ` lines under it", "请写成提示框：单独一行写 `> [!WARNING]`（或 `[!NOTE]`、`[!TIP]`、`[!IMPORTANT]`、`[!CAUTION]`），内容写在它下面以 `> ` 开头的行里"),
        "youtube" | "vimeo" | "video" | "bilibili" | "tweet" | "x" | "gist" | "instagram" => {
            t!("link to it instead, `[标题](https://…)`: an embedded player needs the internet, which an intranet may not have", "请改成链接 `[标题](https://…)`：嵌入的播放器要连互联网，内网可能连不上")
        }
        "highlight" | "code" => t!("write a fenced code block: ```yaml … ``` (the language after the backticks)", "请写成代码块：```yaml … ```（反引号后面写语言）"),
        "details" | "expand" | "collapse" => t!("write `<details><summary>标题</summary>…</details>` as HTML, which handbook shows", "请直接写 HTML：`<details><summary>标题</summary>…</details>`，handbook 会显示它"),
        _ if f.whose == "mdBook's" => t!("handbook has no preprocessors: write the text it would produce", "handbook 没有预处理器（preprocessor）：请直接写出它本来会生成的文字"),
        _ => t!("handbook has no shortcodes: write what it would produce in Markdown (a callout `> [!WARNING]`, a picture `![说明](a.png)`, a link, a ```rule ID``` block)", "handbook 没有短代码（shortcode）：请用 Markdown 直接写出它本来会生成的内容（提示框 `> [!WARNING]`、图片 `![说明](a.png)`、链接、```rule ID``` 块）"),
    }
}

/// Directives of mdBook (`{{#include …}}`, `{{#title …}}`, `{{#playground …}}`) and shortcodes
/// of Hugo (`{{< ref … >}}`, `{{% notice %}}`) and Zola (`{{ youtube(…) }}`, `{% note() %}`):
/// handbook reads none of them, and the page shows them as written. A warning at each, in the
/// prose only (not in code, nor in an HTML comment), with what to write instead.
fn foreign_directives(
    body: &str,
    file: &Path,
    first_line: usize,
    links: &dyn LinkResolver,
    diags: &mut Vec<Diagnostic>,
) {
    if !body.contains("{{") && !body.contains("{%") {
        return;
    }
    // (Code in a callout too: `\{{#include …}}` there is shown without its `\`.)
    let mut fences = QuotedFences::default();
    let mut comment = false;
    for (n, line) in body.lines().enumerate() {
        if fences.code(line) {
            continue;
        }
        // An indented code block's line.
        if line.starts_with('\t') || line.starts_with("    ") {
            continue;
        }
        let mut chars = without_code_spans(line);
        // HTML comments blanked out too, from one line to the next.
        blank_comments(&mut chars, &mut comment);
        if !chars.contains(&'{') {
            continue;
        }
        let mut i = 0;
        while i < chars.len() {
            let Some(f) = foreign_at(&chars, i) else {
                i += 1;
                continue;
            };
            let shown = &f.shown;
            let whose = match f.whose {
                "mdBook's" => t!("mdBook's", "mdBook 的"),
                "Hugo's shortcode" => t!("Hugo's shortcode", "Hugo 的短代码（shortcode）"),
                _ => t!("Zola's shortcode", "Zola 的短代码（shortcode）"),
            };
            diags.push(
                Diagnostic::warning(
                    file,
                    first_line + n,
                    f.at + 1,
                    t!(
                        "{whose} `{shown}` is not supported: the text shows as written",
                        "{whose} `{shown}` 在这里不起作用：这段文字会原样显示"
                    ),
                )
                .with_hint(foreign_hint(&f, links)),
            );
            i = f.end.max(i + 1);
        }
    }
}

/// `path` (from the content folder, `phone/intake.md#steps`) as this page links it, relative to
/// its file (`../phone/intake.md#steps`), when that page exists: what Zola's `@/phone/intake.md`
/// and Hugo's `{{< ref "/phone/intake.md" >}}` mean. (The file's depth is the most `../` a
/// link may start with and stay in the content folder.)
fn relative_link(links: &dyn LinkResolver, path: &str) -> Option<String> {
    // (In Chinese the resolver's message is known as the one a link far out of the content
    // folder gets, its paths aside: book.rs words it.)
    let far = crate::i18n::zh()
        .then(|| {
            links
                .resolve(&format!("{}{path}", "../".repeat(64)), false)
                .err()
        })
        .flatten();
    let outside = |k: usize| match links.resolve(&format!("{}{path}", "../".repeat(k)), false) {
        Err((m, _)) => {
            m.contains("outside the content folder")
                || far.as_ref().is_some_and(|(f, _)| same_but_paths(&m, f))
        }
        _ => false,
    };
    let depth = (0..16).take_while(|&k| !outside(k)).last()?;
    let mut link = format!("{}{path}", "../".repeat(depth));
    let href = |l: &str| match links.resolve(l, false) {
        Ok(Some(r)) => Some(r.href),
        _ => None,
    };
    let to = href(&link)?;
    // `../basics/a.md` from basics/: `a.md`, the same page.
    // (One `../` less, and the folder name after the last one.)
    while let Some(shorter) = link
        .rfind("../")
        .and_then(|i| Some((&link[..i], link[i + 3..].split_once('/')?.1)))
        .map(|(up, rest)| format!("{up}{rest}"))
        .filter(|l| href(l).as_ref() == Some(&to))
    {
        link = shorter;
    }
    Some(link)
}

/// Whether two messages say the same but for what they quote in backticks (paths, links).
fn same_but_paths(a: &str, b: &str) -> bool {
    a.split('`').step_by(2).eq(b.split('`').step_by(2))
}

/// Whether `message`, the resolver's for a link, says that the file it names is missing
/// (book.rs's `link to a missing file`): in English by its words, in Chinese as the message a
/// file that is surely not there gets, its paths aside.
fn missing_file(links: &dyn LinkResolver, message: &str) -> bool {
    message.starts_with("link to a missing file")
        || (crate::i18n::zh()
            && matches!(
                links.resolve("handbook-no-such-file-4f1c.png", false),
                Err((m, _)) if same_but_paths(&m, message)
            ))
}

/// Whether a missing file's `hint` (the resolver's) names the file as it is, written in other
/// letter case than `dest`: in English by its words, in Chinese by a path in backticks that
/// is `dest` but for its letter case.
fn other_case(hint: &str, dest: &str) -> bool {
    hint.contains("in other letter case")
        || (crate::i18n::zh()
            && hint
                .split('`')
                .skip(1)
                .step_by(2)
                .any(|p| p != dest && p.to_lowercase() == dest.to_lowercase().replace(' ', "%20")))
}

/// The hint for a picture not found.
fn picture_hint(links: &dyn LinkResolver) -> String {
    match links.content_folder() {
        Some(src) => t!(
            "in a YAML file's text the path starts from the content folder `{src}/`, not from the file's own folder; put the picture in the content folder, or fix the path (letter case counts on a web server)",
            "YAML 文件里文字中的路径从内容文件夹 `{src}/` 算起，不是从这个文件所在的文件夹算起；请把图片放进内容文件夹，或者改正路径（网站服务器上字母大小写要一致）"
        ),
        None => t!(
            "the path is relative to this Markdown file; put the picture in the content folder, or fix the path (letter case counts on a web server)",
            "路径从这个 Markdown 文件算起；请把图片放进内容文件夹，或者改正路径（网站服务器上字母大小写要一致）"
        ),
    }
}

/// Whether a line has `](…)` around a path with a space in it (see [`spaced_target`]).
fn spaced_path(line: &str) -> bool {
    line.match_indices("](")
        .any(|(i, _)| spaced_target(line[i + 2..].split(')').next().unwrap_or("")))
}

/// Whether what a link's parentheses hold is a path with a space in it, to a file (`.md`, a
/// picture, an attachment), not followed by a link title (`(a.md "标题")` is a link).
fn spaced_target(inner: &str) -> bool {
    const FILES: [&str; 11] = [
        ".md", ".png", ".jpg", ".jpeg", ".gif", ".svg", ".pdf", ".doc", ".docx", ".xls", ".xlsx",
    ];
    let inner = inner.trim();
    // (`({{< relref "a.md" >}})`: a shortcode, warned about as one.)
    if inner.contains("{{") || inner.contains("{%") {
        return false;
    }
    let Some((_, after)) = inner.split_once(' ') else {
        return false;
    };
    let lower = inner.to_ascii_lowercase();
    !inner.starts_with('<')
        && !after.trim_start().starts_with(['"', '\'', '('])
        && (FILES.iter().any(|f| lower.ends_with(f)) || lower.contains(".md#"))
}

/// Where a scan of raw HTML is, from one HTML event to the next (an HTML block comes a line at
/// a time): in a comment, or in a tag (its name).
#[derive(Default)]
pub(crate) struct HtmlScan {
    comment: bool,
    tag: Option<String>,
    /// Inside a `<script>` or `<style>` (its name): text to its end tag, `<!--` and all.
    raw: Option<String>,
}

impl HtmlScan {
    /// In a comment that a later event may end.
    pub(crate) fn in_comment(&self) -> bool {
        self.comment
    }

    /// A block of HTML has ended (Markdown's blank line): a comment or tag still open ends
    /// with it, as the next block is read afresh. Whether a comment was open (broken by a
    /// blank line inside its block).
    pub(crate) fn block_end(&mut self) -> bool {
        let open = self.comment;
        *self = HtmlScan::default();
        open
    }
}

/// What a scan of raw HTML finds: the paths it links or shows ([`html_paths`]), and its
/// comments' byte ranges (`<!--` to `-->`; from the start for one continued from an earlier
/// event, to the end for one still open).
#[derive(Default)]
pub(crate) struct HtmlFound {
    pub paths: Vec<(usize, usize, bool)>,
    pub comments: Vec<(usize, usize)>,
}

/// A raw HTML `src` / `href` value that names no file to check (or for `mv` to rewrite):
/// empty, inline data, a script, a template's `{{ … }}`.
pub(crate) fn not_a_path(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    value.trim().is_empty()
        || lower.starts_with("data:")
        || lower.starts_with("javascript:")
        || value.contains("{{")
}

/// The paths raw HTML links or shows, `<img src>`, `<a href>`, `<source src>` … (not in a
/// comment): each value's byte range in `text`, and whether it is a picture's.
/// (`mv` rewrites the same paths when what they name moves.)
pub(crate) fn html_paths(text: &str, state: &mut HtmlScan) -> Vec<(usize, usize, bool)> {
    html_scan(text, state).paths
}

/// Raw HTML read as a browser reads it, one scan for the renderer (which checks and rewrites
/// the paths and leaves the comments out), the index of linked files and `mv`: its paths and
/// its comments. A comment begins with `<!--` outside a tag (in an attribute's value it is
/// text); `<!-->` and `<!--->` are whole, empty comments.
pub(crate) fn html_scan(text: &str, state: &mut HtmlScan) -> HtmlFound {
    const TAGS: [&str; 7] = ["img", "a", "source", "video", "audio", "track", "embed"];
    let b = text.as_bytes();
    let word = |i: usize| {
        let n = b[i..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        (text[i..i + n].to_ascii_lowercase(), i + n)
    };
    let mut out = Vec::new();
    let mut comments = Vec::new();
    let mut comment_from = 0;
    let mut i = 0;
    while i < b.len() {
        if let Some(name) = &state.raw {
            // (A script's `"<!--"` is no comment: second read.)
            let end = format!("</{name}");
            let lower = text[i..].to_ascii_lowercase();
            match lower.find(&end) {
                Some(k) => {
                    i += k;
                    state.raw = None;
                }
                None => i = b.len(),
            }
            continue;
        }
        if state.comment {
            match b[i..].windows(3).position(|w| w == b"-->") {
                Some(k) => {
                    state.comment = false;
                    i += k + 3;
                }
                None => i = b.len(),
            }
            comments.push((comment_from, i));
            continue;
        }
        let Some(tag) = state.tag.clone() else {
            if b[i..].starts_with(b"<!--") {
                let empty = [&b">"[..], b"->"]
                    .into_iter()
                    .find(|e| b[i + 4..].starts_with(e));
                if let Some(e) = empty {
                    comments.push((i, i + 4 + e.len()));
                    i += 4 + e.len();
                } else {
                    state.comment = true;
                    comment_from = i;
                    i += 4;
                }
            } else if b[i] == b'<' && b.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
                let (name, end) = word(i + 1);
                state.tag = Some(name);
                i = end;
            } else {
                i += 1;
            }
            continue;
        };
        if b[i] == b'>' {
            if matches!(tag.as_str(), "script" | "style") {
                state.raw = Some(tag);
            }
            state.tag = None;
            i += 1;
            continue;
        }
        if !(b[i].is_ascii_alphabetic() && (i == 0 || b[i - 1].is_ascii_whitespace())) {
            i += 1;
            continue;
        }
        let (attr, mut j) = word(i);
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        if b.get(j) != Some(&b'=') {
            i = j.max(i + 1);
            continue;
        }
        j += 1;
        while b.get(j).is_some_and(u8::is_ascii_whitespace) {
            j += 1;
        }
        let (start, end, next) = match b.get(j) {
            Some(&q @ (b'"' | b'\'')) => match text[j + 1..].find(q as char) {
                Some(k) => (j + 1, j + 1 + k, j + 2 + k),
                None => (j + 1, b.len(), b.len()),
            },
            _ => {
                let k = b[j..]
                    .iter()
                    .take_while(|c| !c.is_ascii_whitespace() && **c != b'>')
                    .count();
                (j, j + k, j + k)
            }
        };
        if TAGS.contains(&tag.as_str()) && (attr == "src" || attr == "href") && end > start {
            out.push((start, end, tag != "a"));
        }
        i = next.max(i + 1);
    }
    HtmlFound {
        paths: out,
        comments,
    }
}

fn callout_label(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "说明"),
        BlockQuoteKind::Tip => ("tip", "提示"),
        BlockQuoteKind::Important => ("important", "重要"),
        BlockQuoteKind::Warning => ("warning", "注意"),
        BlockQuoteKind::Caution => ("caution", "禁止"),
    }
}

/// A heading being collected: level, explicit id, classes, inner events, plain text.
type PendingHeading<'a> = (
    HeadingLevel,
    Option<String>,
    Vec<String>,
    Vec<Event<'a>>,
    String,
);

/// Renders one Markdown body: a YAML file's field (a page's text is [`render_with`]'s). `file`
/// and `first_line` place diagnostics in the source file.
pub fn render(body: &str, file: &Path, first_line: usize, links: &dyn LinkResolver) -> Rendered {
    render_body(body, file, first_line, links, None, None, false)
}

/// The ids a page's headings get, as the renderer gives them (and `mv`, splitting a lesson,
/// must know them): a heading's own `{#id}` or its text made an id ([`slugify`]), with `-1`,
/// `-2` … after an id already taken.
#[derive(Default)]
pub struct HeadingIds {
    /// Each id taken, with the line of the heading that took it.
    used: HashMap<String, usize>,
    /// Per id asked for, the number its next `-N` tries first: the numbers below it are
    /// taken, so 10,000 headings alike stay linear.
    next: HashMap<String, usize>,
}

impl HeadingIds {
    /// Takes `id` before any heading (the page title's own).
    pub fn reserve(&mut self, id: &str, line: usize) {
        self.used.insert(id.to_string(), line);
    }

    /// The id of the heading at `line` with `explicit` id or `text`; with, when its own id
    /// was taken already, the line of the heading (or title) that took it.
    pub fn take(
        &mut self,
        explicit: Option<&str>,
        text: &str,
        line: usize,
    ) -> (String, Option<usize>) {
        let base = explicit.map_or_else(|| slugify(text), str::to_string);
        let mut id = base.clone();
        let mut n = self.next.get(&base).copied().unwrap_or(1);
        while self.used.contains_key(&id) {
            id = format!("{base}-{n}");
            n += 1;
        }
        if n > 1 {
            self.next.insert(base.clone(), n);
        }
        let clash = (explicit.is_some() && id != base)
            .then(|| self.used.get(&base).copied().unwrap_or(line));
        self.used.insert(id.clone(), line);
        (id, clash)
    }

    /// The id of an element that is not a heading (a part for some readers, `base` its
    /// section's id and readers): `base`, or `base-1` … when a heading or another such element
    /// has it. Taken once the page's headings have theirs, so it changes none of them.
    pub fn take_other(&mut self, base: &str, line: usize) -> String {
        self.take(Some(base), "", line).0
    }
}

/// [`render`] for a page of a book with snippets (`content/include.rs`): a mistake in a
/// snippet's lines is reported at the snippet's file and line, the snippet's relative links
/// and pictures are read from its own folder, as written there, and a link to a snippet is
/// an error.
/// `title_id`: the id the page header's title carries (`# 标题 {#id}` the text opened with)
/// and its line, which no heading of the text then gets.
pub fn render_with(
    body: &str,
    file: &Path,
    first_line: usize,
    links: &dyn LinkResolver,
    origins: Option<&Origins>,
    title_id: Option<(&str, usize)>,
) -> Rendered {
    let Some(origins) = origins else {
        return render_body(body, file, first_line, links, None, title_id, true);
    };
    let line = std::cell::Cell::new(usize::MAX);
    let rebased = Rebased {
        inner: links,
        origins,
        line: &line,
    };
    let mut out = render_body(
        body,
        file,
        first_line,
        &rebased,
        Some(&line),
        title_id,
        true,
    );
    for d in &mut out.diagnostics {
        if d.file == file {
            if let Some((f, l, c)) = origins.place(first_line, d.line, d.col) {
                (d.file, d.line, d.col) = (f, l, c);
            }
        }
    }
    for c in &mut out.anchor_checks {
        if let Some((f, l, col)) = origins.place(first_line, c.line, c.col) {
            (c.file, c.line, c.col) = (Some(f), l, col);
        }
    }
    out
}

/// A page's links, a snippet's relative paths first made relative to the page; a link to a
/// snippet (text included into pages, never a page) is an error.
struct Rebased<'a> {
    inner: &'a dyn LinkResolver,
    origins: &'a Origins,
    /// The body's line (0-based) being rendered.
    line: &'a std::cell::Cell<usize>,
}

impl LinkResolver for Rebased<'_> {
    fn resolve(&self, dest: &str, wiki: bool) -> Result<Option<Resolved>, (String, String)> {
        let from = self.origins.at(self.line.get()).map(|o| o.3);
        let page = self.origins.page_folder();
        if let Some(e) = self.origins.snippet_link(dest, wiki, from.unwrap_or(page)) {
            return Err(e);
        }
        match from {
            Some(folder) if !wiki && folder != page => match rebase(dest, folder, page) {
                // (A mistake names paths as the snippet has them.)
                Some(Ok(d)) => self.inner.resolve(&d, wiki).map_err(|(m, h)| {
                    let path = |s: &str| s[..s.find(['#', '?']).unwrap_or(s.len())].to_string();
                    let m = m
                        .replace(&format!("`{d}`"), &format!("`{dest}`"))
                        .replace(&format!("`{}`", path(&d)), &format!("`{}`", path(dest)));
                    (m, from_page(&h, page, folder))
                }),
                Some(Err(())) => Err((
                    t!(
                        "`{dest}` leads out of the content folder",
                        "`{dest}` 超出了内容文件夹"
                    ),
                    t!(
                        "a snippet's links are written from its own folder: count the `../` from there",
                        "片段里的链接要从片段自己所在的文件夹算起：请从那里数 `../`"
                    ),
                )),
                None => self.inner.resolve(dest, wiki),
            },
            _ => self.inner.resolve(dest, wiki),
        }
    }
    fn id_prefix(&self) -> &str {
        self.inner.id_prefix()
    }
    fn embedded_rule(&self, id: &str) -> Option<(&Rule, Box<dyn LinkResolver + '_>)> {
        self.inner.embedded_rule(id)
    }
}

/// A relative path written in a file of `folder`, as written in a file of `page`; `None` for
/// what is not a relative path (a web address, `rule:` …, `#anchor`, `/…`), `Err` for one
/// leading out of the content folder.
fn rebase(dest: &str, folder: &str, page: &str) -> Option<Result<String, ()>> {
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(cut);
    let scheme = path.find(':').is_some_and(|i| !path[..i].contains('/'));
    if path.is_empty() || path.starts_with('/') || scheme {
        return None;
    }
    Some(
        include::join(folder, path)
            .map(|t| include::relative(page, &t) + rest)
            .ok_or(()),
    )
}

/// The paths in backticks of a hint written for a file of `page`, as a file of `folder`
/// writes them (`did you mean \`first-lesson.md\`?` for a snippet elsewhere).
fn from_page(hint: &str, page: &str, folder: &str) -> String {
    let mut out = String::with_capacity(hint.len());
    for (k, part) in hint.split('`').enumerate() {
        if k > 0 {
            out.push('`');
        }
        let path = k % 2 == 1
            && !part.is_empty()
            && !part.contains([':', ' ', '[', '(', '#'])
            && (part.contains('/') || part.ends_with(".md"));
        match include::join(page, part).filter(|_| path) {
            Some(t) => out.push_str(&include::relative(folder, &t)),
            None => out.push_str(part),
        }
    }
    out
}

fn render_body(
    body: &str,
    file: &Path,
    first_line: usize,
    links: &dyn LinkResolver,
    line_now: Option<&std::cell::Cell<usize>>,
    title_id: Option<(&str, usize)>,
    // A page's text (else a YAML file's field, where a part for some readers is not one).
    page: bool,
) -> Rendered {
    let mut out = Rendered::default();
    let body = &*alert_markers(body, file, first_line, &mut out.diagnostics);
    // Parts for some readers (`::: 培训师` … `:::`): their `:::` lines emptied, their blocks
    // wrapped in a box that says whom they are for (a site for other readers has left them out
    // already: `content::readers`). Only a page's: a build leaves out nothing of a field.
    let marked = page
        .then(|| crate::content::readers::marked(body))
        .flatten();
    if !page && body.contains(":::") {
        for p in crate::content::readers::scan(body).0 {
            let who = crate::content::readers::label(&p.readers);
            out.diagnostics.push(
                Diagnostic::warning(file, first_line + p.open, 1, t!(
                    "a part for {who} (`::: …` to `:::`) works in a lesson's text only: in a YAML file's text it shows as written, `:::` lines and all, to every reader",
                    "仅供{who}的段落（`::: …` 到 `:::`）只能写在课程正文里：写在 YAML 文件的文字里，会连同 `:::` 这两行原样显示给所有读者"
                ))
                .with_hint(t!(
                    "move it into a lesson the rule, question or term links to, or write it for everyone",
                    "请把它挪到规则、题目或术语链接的课程里，或者改写成所有读者都可以看的话"
                )),
            );
        }
    }
    let (body, mut parts) = match &marked {
        Some((text, parts)) => (text.as_str(), parts.as_slice()),
        None => (body, &[][..]),
    };
    // The end of the part open, and how deep in blocks the events are.
    let mut part_end: Option<usize> = None;
    let mut depth = 0usize;
    // Whether the part open is for trainers only.
    let mut trainers_part = false;
    // Each part's opening tag (its place in `events`), with the id it asks for and its line:
    // given when every heading has its id (`HeadingIds::take_other`).
    let mut part_opens: Vec<(usize, String, usize, String)> = Vec::new();
    // The id of the last heading, which a part after it is named by.
    let mut last_heading: Option<String> = None;
    links_read_as_text(body, file, first_line, &mut out.diagnostics);
    foreign_directives(body, file, first_line, links, &mut out.diagnostics);
    block_slips(body, file, first_line, &mut out.diagnostics);
    let lines = Lines::new(body);
    let mut events: Vec<Event> = Vec::new();
    // Heading ids used so far: the title's (`# 标题 {#id}` on the page header), then the
    // headings'.
    let mut ids = HeadingIds::default();
    if let Some((id, line)) = title_id {
        ids.reserve(id, line);
    }
    // Footnote labels defined so far.
    let mut footnotes: HashSet<String> = HashSet::new();

    // State for multi-event constructs.
    let mut heading: Option<PendingHeading> = None;
    // A code block being read: (info, text).
    let mut code: Option<(String, String)> = None;
    // The flowcharts drawn so far (their arrow heads are named by it).
    let mut charts = 0usize;
    let mut wiki_title: Option<String> = None; // replaces the text of a [[kind:id]] link
    let mut in_wiki = 0usize;
    // The open link or picture leads to what this build leaves out: only its text is written.
    let (mut link_left_out, mut picture_left_out) = (false, false);
    // The last heading, (id, text), for the page's good dialogues (when it has any).
    let mut section: Option<(String, String)> = None;
    // The headings it is under, (level, id), outermost first.
    let mut within: Vec<(u8, String)> = Vec::new();
    let dialogues = body.contains("dialogue");
    // (Raw HTML read from one event to the next; where a comment still open began.)
    let mut html_scan = HtmlScan::default();
    let mut comment_at = (0, 0);

    let parser = Parser::new_ext(body, options()).into_offset_iter();
    for (event, range) in parser {
        if let Some(now) = line_now {
            now.set(lines.at(body, range.start).0 - 1);
        }
        let pos = || {
            let (l, c) = lines.at(body, range.start);
            (l + first_line - 1, c)
        };
        if depth == 0 && (part_end.is_some() || !parts.is_empty()) {
            if part_end.is_some_and(|end| range.start >= end) {
                events.push(Event::Html("</div>\n".into()));
                (part_end, trainers_part) = (None, false);
            }
            while let Some(((r, readers), rest)) = parts.split_first() {
                if part_end.is_some() || range.start < r.start {
                    break;
                }
                parts = rest;
                if range.start < r.end {
                    let names: Vec<&str> = readers.iter().map(|a| a.name()).collect();
                    let who = crate::content::readers::label(readers);
                    // Its id: its section's and its readers' (`break-deadlock-培训师`,
                    // `开场-新员工-培训师`, `培训师` before the first heading), for a search
                    // result to lead to it.
                    let words: Vec<&str> = readers.iter().map(|a| a.label()).collect();
                    let base = match &last_heading {
                        Some(h) => format!("{h}-{}", words.join("-")),
                        None => words.join("-"),
                    };
                    let rest = format!(
                        "\" data-readers=\"{}\" role=\"note\" aria-label=\"仅供{who}\">\n",
                        names.join(" ")
                    );
                    part_opens.push((events.len(), base, pos().0, rest));
                    events.push(Event::Html("".into()));
                    part_end = Some(r.end);
                    trainers_part = readers.iter().all(|a| *a == Audience::Trainer);
                }
            }
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        // Inside a heading: buffer everything until its end.
        if let Some((_, _, _, inner, text)) = heading.as_mut() {
            match &event {
                Event::End(TagEnd::Heading(_)) => {}
                Event::Text(t) | Event::Code(t) => {
                    text.push_str(t);
                    inner.push(event);
                    continue;
                }
                _ => {
                    inner.push(event);
                    continue;
                }
            }
        }
        if let Some((_, text)) = code.as_mut() {
            match event {
                Event::Text(t) => {
                    text.push_str(&t);
                    continue;
                }
                Event::End(TagEnd::CodeBlock) => {}
                _ => continue,
            }
        }
        if in_wiki > 0 {
            match &event {
                Event::End(TagEnd::Link) => {}
                _ => {
                    if wiki_title.is_some() {
                        continue; // replaced by the target's title
                    }
                }
            }
        }
        match event {
            Event::Start(Tag::Heading {
                level, id, classes, ..
            }) => {
                heading = Some((
                    level,
                    id.map(|s| s.to_string()),
                    classes.iter().map(|c| c.to_string()).collect(),
                    Vec::new(),
                    String::new(),
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, explicit, classes, inner, text)) = heading.take() else {
                    continue;
                };
                let (line_here, col_here) = pos();
                let (id, clash) = ids.take(explicit.as_deref(), &text, line_here);
                if let Some(first) = clash {
                    let base = explicit.as_deref().unwrap_or_default();
                    let whose = if title_id.is_some_and(|(t, l)| t == base && l == first) {
                        t!(
                            "the page's title has it, line {first}",
                            "页面标题用了它，在第 {first} 行"
                        )
                    } else {
                        t!("first on line {first}", "第一次出现在第 {first} 行")
                    };
                    out.diagnostics.push(
                        Diagnostic::error(
                            file,
                            line_here,
                            col_here,
                            t!(
                                "heading id `{base}` is used twice on this page ({whose})",
                                "标题 id `{base}` 在这个页面上用了两次（{whose}）"
                            ),
                        )
                        .with_hint(t!(
                            "give each heading its own {{#id}}",
                            "请给每个标题写一个不同的 {{#id}}"
                        )),
                    );
                }
                last_heading = Some(id.clone());
                let lvl = level as u8;
                if dialogues {
                    section = Some((id.clone(), text.trim().to_string()));
                    while within.last().is_some_and(|&(l, _)| l >= lvl) {
                        within.pop();
                    }
                    within.push((lvl, id.clone()));
                }
                if (2..=3).contains(&lvl) {
                    out.toc.push(TocEntry {
                        level: lvl,
                        id: id.clone(),
                        title: text.trim().to_string(),
                    });
                }
                let class_attr = if classes.is_empty() {
                    String::new()
                } else {
                    format!(" class=\"{}\"", escape_html(&classes.join(" ")))
                };
                let eid = escape_html(&format!("{}{id}", links.id_prefix()));
                events.push(Event::Html(
                    format!("<h{lvl} id=\"{eid}\"{class_attr}>").into(),
                ));
                events.extend(inner);
                events.push(Event::Html(
                    format!("<a class=\"anchor\" href=\"#{eid}\" aria-label=\"本节链接\">#</a></h{lvl}>\n").into(),
                ));
                out.anchors.insert(id);
            }
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info.to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((info, String::new()));
            }
            Event::End(TagEnd::CodeBlock) => {
                let Some((info, text)) = code.take() else {
                    continue;
                };
                let mut words = info.split_whitespace();
                let lang = words.next().unwrap_or("");
                let html = if lang == "dialogue" {
                    let rest: Vec<&str> = words.collect();
                    let (l, c) = pos();
                    out.diagnostics
                        .extend(dialogue_warnings(file, l, c, &rest, &text));
                    let html = render_dialogue(&text, &rest);
                    let d = || Dialogue {
                        title: rest[1..].join(" "),
                        html: html.clone(),
                        section: section.clone(),
                        within: within.iter().map(|(_, id)| id.clone()).collect(),
                    };
                    match rest.first() {
                        // (A part for trainers only shows how dialogues are written, not what
                        // to say: 话术汇编 leaves it out, as it does a page for trainers.)
                        _ if trainers_part => {}
                        Some(&"good") => out.dialogues.push(d()),
                        Some(&"bad") => out.contrasts.push((out.dialogues.len(), d())),
                        _ => {}
                    }
                    html
                } else if lang == "mermaid" {
                    let (l, c) = pos();
                    let rest: Vec<&str> = words.collect();
                    charts += 1;
                    mermaid(
                        &text,
                        &rest,
                        (file, l, c),
                        // (Named by its text too: a rule card's fields are rendered apart,
                        // each counting from 1, into one page.)
                        &format!(
                            "{}flow{charts}-{:x}",
                            links.id_prefix(),
                            crate::output::hash_bytes(text.as_bytes()) & 0xff_ffff
                        ),
                        links,
                        &mut out,
                    )
                } else if lang == "quiz" {
                    // ```quiz ID``` embeds that quiz in the lesson (quiz.js plays it; without
                    // JavaScript the link to the quiz page stays).
                    let id = words
                        .next()
                        .map(str::to_string)
                        .unwrap_or_else(|| text.trim().to_string());
                    out.refs.push(format!("quiz:{id}"));
                    match links.resolve(&format!("quiz:{id}"), true) {
                        Ok(Some(r)) => format!(
                            "<div class=\"quiz-app quiz-embed\" data-quiz=\"{q}\" data-src=\"{d}\"><p class=\"quiz-embed-fallback\">随堂测验：<a href=\"{h}\">{t}</a></p></div>\n",
                            q = escape_html(&id),
                            d = escape_html(&format!(
                                "{}data.js",
                                r.href.trim_end_matches("index.html")
                            )),
                            h = escape_html(&r.href),
                            t = escape_html(r.title.as_deref().unwrap_or(&id)),
                        ),
                        Ok(None) => String::new(),
                        Err((message, hint)) => {
                            let (l, c) = pos();
                            out.diagnostics.push(
                                Diagnostic::error(file, l, c, t!("embedded quiz: {message}", "嵌入的测验：{message}"))
                                    .with_hint(hint),
                            );
                            String::new()
                        }
                    }
                } else if lang == "rule" {
                    // ```rule ID [parts]``` shows the rule's summary and the parts named (the
                    // time limits by default), quoted from the rule file at every build.
                    let rest: Vec<&str> = words.collect();
                    let (id, rest) = match rest.split_first() {
                        Some((id, rest)) => (id.to_string(), rest),
                        None => (text.trim().to_string(), &[][..]),
                    };
                    out.refs.push(format!("rule:{id}"));
                    let shown = embed::parts(rest).and_then(|parts| {
                        let r = if id.is_empty() {
                            Err((
                                t!("a ```rule``` block names no rule", "```rule 块没有写规则"),
                                t!(
                                    "write the rule id after `rule`, e.g. ```rule TS-PROC-002",
                                    "请在 `rule` 后面写规则编号，例如 ```rule TS-PROC-002"
                                ),
                            ))
                        } else {
                            links.resolve(&format!("rule:{id}"), true)
                        };
                        Ok(r?.and_then(|r| {
                            let (rule, fields) = links.embedded_rule(&id)?;
                            let deadlines = links.id_prefix().is_empty();
                            Some(embed::rule_html(rule, &r.href, &parts, &*fields, deadlines))
                        }))
                    });
                    // A rule quoted as what to do, after its repeal: the page teaches what no
                    // longer applies (a link to it only says 已废止).
                    let today = crate::content::calendar::today();
                    if let Some((rule, _)) = links
                        .embedded_rule(&id)
                        .filter(|(r, _)| r.repealed_by(today))
                    {
                        let (l, c) = pos();
                        out.diagnostics.push(repealed_quote(
                            file,
                            l,
                            c,
                            rule,
                            &t!("embedded rule", "嵌入的规则"),
                            "rule",
                        ));
                    }
                    match shown {
                        Ok(html) => html.unwrap_or_default(),
                        Err((message, hint)) => {
                            let (l, c) = pos();
                            out.diagnostics.push(
                                Diagnostic::error(
                                    file,
                                    l,
                                    c,
                                    t!("embedded rule: {message}", "嵌入的规则：{message}"),
                                )
                                .with_hint(hint),
                            );
                            String::new()
                        }
                    }
                } else if lang == "limits" {
                    // ```limits ID …``` (ids after the word, or inside, one or more a line):
                    // the rules' time limits as one table, quoted from the rule files at
                    // every build.
                    let (l, c) = pos();
                    let ids = limit_ids(words, &text, l, c);
                    if ids.is_empty() {
                        out.diagnostics.push(
                            Diagnostic::error(file, l, c, t!("a ```limits``` block names no rule", "```limits 块没有写规则"))
                                .with_hint(t!("write the rule ids after `limits`, or one a line inside the block, e.g. ```limits TS-PROC-002 TS-PROC-003", "请在 `limits` 后面写规则编号，或者在块里每行写一个，例如 ```limits TS-PROC-002 TS-PROC-003")),
                        );
                    }
                    let today = crate::content::calendar::today();
                    let mut rows: Vec<(&Rule, String)> = Vec::new();
                    let mut seen: HashSet<String> = HashSet::new();
                    for (id, l, c) in ids {
                        out.refs.push(format!("rule:{id}"));
                        let r = match links.resolve(&format!("rule:{id}"), true) {
                            Ok(Some(r)) => r,
                            Ok(None) => continue,
                            Err((message, hint)) => {
                                out.diagnostics.push(
                                    Diagnostic::error(
                                        file,
                                        l,
                                        c,
                                        t!("time-limits table: {message}", "时限表：{message}"),
                                    )
                                    .with_hint(hint),
                                );
                                continue;
                            }
                        };
                        let Some((rule, _)) = links.embedded_rule(&id) else {
                            continue;
                        };
                        if !seen.insert(rule.id.clone()) {
                            out.diagnostics.push(
                                Diagnostic::warning(
                                    file,
                                    l,
                                    c,
                                    t!(
                                        "time-limits table: rule `{id}` is named twice",
                                        "时限表：规则 `{id}` 写了两次"
                                    ),
                                )
                                .with_hint(t!(
                                    "take this one out: its limits are in the table once",
                                    "请删掉这一个：它的时限在表里已经有了"
                                )),
                            );
                            continue;
                        }
                        if rule.time_limits.is_empty() {
                            out.diagnostics.push(
                                Diagnostic::error(
                                    file,
                                    l,
                                    c,
                                    t!(
                                        "time-limits table: rule `{id}` has no time limits",
                                        "时限表：规则 `{id}` 没有时限"
                                    ),
                                )
                                .with_hint(t!("take it out of the table, or give the rule `time_limits:` in its file; to show the rule itself, quote it: ```rule {id} all", "请把它从表里删掉，或者在规则文件里给它加上 `time_limits:`；要显示规则本身，请这样引用：```rule {id} all")),
                            );
                            continue;
                        }
                        if rule.repealed_by(today) {
                            out.diagnostics.push(repealed_quote(
                                file,
                                l,
                                c,
                                rule,
                                &t!("time-limits table", "时限表"),
                                "limits",
                            ));
                        }
                        rows.push((rule, r.href));
                    }
                    let calculator = links.resolve("time-limits", true).ok().flatten();
                    // (Nothing to show when every rule named is repealed: no empty table.)
                    if rows.iter().all(|(r, _)| r.repealed_by(today)) {
                        String::new()
                    } else {
                        embed::limits_html(
                            &rows,
                            calculator.as_ref().map(|r| r.href.as_str()),
                            today,
                        )
                    }
                } else {
                    let rest: Vec<&str> = words.collect();
                    if let Some((message, hint)) = fence_kind_slip(lang, &rest) {
                        let (l, c) = pos();
                        out.diagnostics
                            .push(Diagnostic::warning(file, l, c, message).with_hint(hint));
                    }
                    plain_code(&text, lang)
                };
                events.push(Event::Html(html.into()));
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = callout_label(kind);
                events.push(Event::Html(
                    format!("<div class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{label}</p>\n")
                        .into(),
                ));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => events.push(Event::Html("</div>\n".into())),
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                mut title,
                id,
            }) => {
                let wiki = matches!(link_type, LinkType::WikiLink { .. });
                let has_text = matches!(link_type, LinkType::WikiLink { has_pothole: true });
                let mut dest: CowStr = dest_url;
                out.cites(&dest);
                match links.resolve(&dest, wiki) {
                    Ok(Some(r)) => {
                        link_left_out = r.unlinked;
                        if let Some((page, anchor)) = r.anchor {
                            let (line, col) = pos();
                            out.anchor_checks
                                .push(AnchorCheck::in_page(page, anchor, line, col));
                        }
                        if wiki && !has_text {
                            wiki_title = r.title;
                        }
                        if title.is_empty() {
                            if let Some(t) = r.tooltip {
                                title = t.into();
                            }
                        }
                        dest = r.href.into();
                    }
                    Ok(None) => {}
                    Err((message, hint)) => {
                        let (l, c) = pos();
                        let (message, hint) = match dest.strip_prefix("@/") {
                            // Zola's path from the content folder.
                            Some(path) => (
                                t!("`{dest}` is Zola's link from the content folder: handbook reads links relative to this file", "`{dest}` 是 Zola 的写法，从内容文件夹算起：handbook 的链接从这个文件算起"),
                                match relative_link(links, path) {
                                    Some(link) => t!("write `{link}`", "请写成 `{link}`"),
                                    None => t!("write the path relative to this file (`../` for each folder up)", "请写从这个文件算起的路径（每往上一层文件夹写一个 `../`）"),
                                } + &{
                                    let lesson = path.replacen(".md", "", 1);
                                    t!(", or `[[lesson:{lesson}]]`", "，或者写 `[[lesson:{lesson}]]`")
                                },
                            ),
                            None => (message, hint),
                        };
                        out.diagnostics
                            .push(Diagnostic::error(file, l, c, message).with_hint(hint));
                    }
                }
                if wiki {
                    in_wiki += 1;
                }
                if !link_left_out {
                    events.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    }));
                }
            }
            Event::End(TagEnd::Link) => {
                if in_wiki > 0 {
                    in_wiki -= 1;
                    if let Some(t) = wiki_title.take() {
                        events.push(Event::Text(t.into()));
                    }
                }
                if !std::mem::take(&mut link_left_out) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::End(TagEnd::Image) if picture_left_out => picture_left_out = false,
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let mut dest: CowStr = dest_url;
                match links.resolve(&dest, false) {
                    Ok(Some(r)) if r.unlinked => {
                        picture_left_out = true;
                        continue;
                    }
                    Ok(Some(r)) => dest = r.href.into(),
                    // A picture from the web: not there offline, nor on an intranet without
                    // the internet.
                    Ok(None) if is_web(&dest) => {
                        let (l, c) = pos();
                        out.diagnostics.push(
                            Diagnostic::warning(file, l, c, t!("picture `{dest}` is loaded from the web: it does not show offline or on an intranet without internet access", "图片 `{dest}` 是从互联网加载的：离线时，或者在上不了外网的内网里，它显示不出来"))
                                .with_hint(t!("save the picture into the content folder (e.g. next to this file) and link it by its relative path", "请把图片保存到内容文件夹里（例如放在这个文件旁边），再用相对路径引用它")),
                        );
                    }
                    Ok(None) => {}
                    Err((message, hint)) => {
                        let (l, c) = pos();
                        let (message, hint) = if missing_file(links, &message) {
                            (
                                t!("picture not found: `{dest}`", "找不到图片：`{dest}`"),
                                if dest.contains('\\') {
                                    let fixed = dest.replace('\\', "/");
                                    t!("write `/` between folders, not `\\`: `{fixed}` (the path is relative to this Markdown file)", "文件夹之间要用 `/` 分隔，不要用 `\\`：`{fixed}`（路径从这个 Markdown 文件算起）")
                                } else if other_case(&hint, &dest) {
                                    hint
                                } else {
                                    picture_hint(links)
                                },
                            )
                        } else {
                            (message, hint)
                        };
                        out.diagnostics
                            .push(Diagnostic::error(file, l, c, message).with_hint(hint));
                    }
                }
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: dest,
                    title,
                    id,
                }));
            }
            // Raw HTML: its paths rewritten as a Markdown link's are (the page is built one
            // folder deeper than its file), and checked.
            Event::Html(h) => {
                let (h, opened) = raw_html(&h, pos(), file, links, &mut html_scan, &mut out);
                comment_at = opened.unwrap_or(comment_at);
                events.push(Event::Html(h));
            }
            Event::InlineHtml(h) => {
                let (h, opened) = raw_html(&h, pos(), file, links, &mut html_scan, &mut out);
                comment_at = opened.unwrap_or(comment_at);
                events.push(Event::InlineHtml(h));
            }
            // A comment still open where its block of HTML ends: a blank line inside a comment
            // that began within a block (`<div>` then `<!--` on the next line). Markdown ends
            // the block there and what follows is text, published, `-->` and all -- an
            // authors' note on the page. An error (the note is not published), and the block
            // after it read as ever.
            // (`block_end` reads the scan afresh from the next block on, in either case.)
            Event::End(TagEnd::HtmlBlock) if html_scan.block_end() => {
                let (l, c) = comment_at;
                // (At the end of the file: no blank line, no `-->` at all.)
                if body[range.end.min(body.len())..].trim().is_empty() {
                    out.diagnostics.push(
                        Diagnostic::error(file, l, c, t!(
                            "this HTML comment never ends: there is no `-->` after it, and everything after it would be hidden from the page",
                            "这段 HTML 注释没有结束：后面没有 `-->`，它后面的内容都不会显示在页面上"
                        ))
                        .with_hint(t!(
                            "write `-->` where the note ends",
                            "在备注结束的地方写上 `-->`"
                        )),
                    );
                    events.push(Event::End(TagEnd::HtmlBlock));
                    continue;
                }
                out.diagnostics.push(
                    Diagnostic::error(file, l, c, t!(
                        "this HTML comment does not end in its block of HTML: Markdown ends the block at the blank line inside the comment, and the note's words after it would be published",
                        "这段 HTML 注释没有在它所在的 HTML 块里结束：注释里有空行，Markdown 在空行处结束这个块，空行后面的备注文字会发布到网站上"
                    ))
                    .with_hint(t!(
                        "take the blank lines out of the comment, or begin it with `<!--` at the start of a line of its own, after a blank line (then it may run over blank lines)",
                        "把注释里的空行删掉；或者让 `<!--` 单独起一行、写在行首，前面空一行，这样的注释可以跨空行"
                    )),
                );
                events.push(Event::End(TagEnd::HtmlBlock));
            }
            Event::Start(Tag::Table(a)) => {
                events.push(Event::Html("<div class=\"table-wrap\">".into()));
                events.push(Event::Start(Tag::Table(a)));
            }
            Event::End(TagEnd::Table) => {
                events.push(Event::End(TagEnd::Table));
                events.push(Event::Html("</div>\n".into()));
            }
            Event::Text(t) => {
                out.text_len += t.chars().count();
                events.push(Event::Text(t));
            }
            // A task list's box says what it shows (it is not an input anyone fills in here).
            Event::TaskListMarker(done) => events.push(Event::Html(
                if done {
                    "<input type=\"checkbox\" disabled checked aria-label=\"已完成\"> "
                } else {
                    "<input type=\"checkbox\" disabled aria-label=\"未完成\"> "
                }
                .into(),
            )),
            // Footnotes take their ids from their labels, after `fn-`: a heading may have the
            // same text (`## 依据` and `[^依据]`), and two elements one id.
            Event::FootnoteReference(label) => events.push(Event::FootnoteReference(
                format!("{}fn-{label}", links.id_prefix()).into(),
            )),
            Event::Start(Tag::FootnoteDefinition(label)) => {
                // Two notes of one label (a snippet's `[^1]` and the page's): every reference
                // leads to the first, and the second's text is never read.
                if !footnotes.insert(label.to_string()) {
                    let (l, c) = pos();
                    out.diagnostics.push(
                        Diagnostic::warning(file, l, c, t!("the footnote `[^{label}]` is defined twice on the page (with the snippets it includes): references lead to the first", "脚注 `[^{label}]` 在这个页面上（连同插入的片段）定义了两次：引用它的地方都会指向第一个"))
                            .with_hint(t!("give this one a label of its own, `[^2]` or `[^来源]`, in the note and in its references", "请给这一个换一个自己的标签，比如 `[^2]` 或 `[^来源]`，脚注本身和引用它的地方都要改")),
                    );
                }
                events.push(Event::Start(Tag::FootnoteDefinition(
                    format!("{}fn-{label}", links.id_prefix()).into(),
                )));
            }
            other => events.push(other),
        }
    }
    if part_end.is_some() {
        events.push(Event::Html("</div>\n".into()));
    }
    for (at, base, line, rest) in part_opens {
        let id = ids.take_other(&base, line);
        let eid = escape_html(&format!("{}{id}", links.id_prefix()));
        events[at] = Event::Html(format!("<div class=\"readers-part\" id=\"{eid}{rest}").into());
    }
    join_wide_lines(&mut events);
    pulldown_cmark::html::push_html(&mut out.html, events.into_iter());
    out
}

/// Whether `c` is a character of Chinese (or Japanese) text or its full-width punctuation:
/// a line break between two of them is no space. (Not Hangul: Korean puts spaces between
/// its words, and a line break there is one, as CSS has it.)
pub(crate) fn wide(c: char) -> bool {
    (crate::search::text::is_cjk(c) && !matches!(c as u32, 0xAC00..=0xD7AF))
        || matches!(c as u32, 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

/// Whether a line break between `before` and `after` is no space: two Chinese characters,
/// or one and the quotation mark, ellipsis or dash Chinese text uses beside it (`和` then
/// `“办结后…”`).
pub(crate) fn joins(before: char, after: char) -> bool {
    let mark = |c: char| matches!(c, '\u{2018}'..='\u{201D}' | '\u{2026}' | '\u{2014}');
    (wide(before) || mark(before)) && (wide(after) || mark(after)) && (wide(before) || wide(after))
}

/// A paragraph's line break between two Chinese characters (`大约八小时，` then `可以分几天`
/// on the next line of a YAML text or a lesson wrapped at 80 columns) left out: browsers
/// show it as a space in the middle of the sentence. (Between a Chinese and a Latin word, or
/// two Latin words, it stays a space.) Through emphasis and links: `**重要**\n提示`.
fn join_wide_lines(events: &mut Vec<Event>) {
    // The character an event's text ends or starts with, None where text does not go on
    // through it (Some(None): an inline tag, looked through).
    let edge = |e: &Event, last: bool| -> Option<Option<char>> {
        match e {
            Event::Text(t) | Event::Code(t) => Some(if last {
                t.chars().next_back()
            } else {
                t.chars().next()
            }),
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. })
            | Event::End(
                TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link,
            ) => None,
            _ => Some(None),
        }
    };
    let gone: Vec<bool> = (0..events.len())
        .map(|i| {
            matches!(events[i], Event::SoftBreak) && {
                let before = events[..i]
                    .iter()
                    .rev()
                    .find_map(|e| edge(e, true))
                    .flatten();
                let after = events[i + 1..]
                    .iter()
                    .find_map(|e| edge(e, false))
                    .flatten();
                before.zip(after).is_some_and(|(b, a)| joins(b, a))
            }
        })
        .collect();
    // (In one pass: removing each in turn moved the rest of a long page's events each time.)
    let mut at = 0;
    events.retain(|_| {
        at += 1;
        !gone[at - 1]
    });
}

/// A code block as code: highlighted where its language is known.
fn plain_code(text: &str, lang: &str) -> String {
    // (mdBook's `rust,editable`, `rust,ignore`: the language is before the comma.)
    let lang = lang.split(',').next().unwrap_or(lang);
    let inner = highlight::highlight(text, lang).unwrap_or_else(|| escape_html(text));
    let class = if lang.is_empty() {
        String::new()
    } else {
        format!(" class=\"language-{}\"", escape_html(lang))
    };
    format!("<pre class=\"hl-code\"><code{class}>{inner}</code></pre>\n")
}

/// A ```` ```mermaid ```` block: a flowchart drawn (its mistakes reported at their line and
/// column, its `click` links resolved and checked), another kind of diagram shown as code
/// with a warning. `info` is the info string after `mermaid` (a caption, when the chart has
/// no `title:`); `at` the fence's file, line and column; `id` the chart's id on the page.
fn mermaid(
    text: &str,
    info: &[&str],
    (file, line, col): (&Path, usize, usize),
    id: &str,
    links: &dyn LinkResolver,
    out: &mut Rendered,
) -> String {
    use super::flow;
    let (mut chart, problems) = match flow::parse(text) {
        flow::Parsed::Flow(f, p) => (f, p),
        flow::Parsed::Other(kind) => {
            out.diagnostics.push(
                Diagnostic::warning(file, line, col, t!("the mermaid `{kind}` shows as plain code: handbook draws flowcharts only", "mermaid 的 `{kind}` 会显示成普通代码：handbook 只画流程图"))
                    .with_hint(t!("draw the steps as a `flowchart TD` (boxes and arrows), or save the diagram as a picture beside this file (e.g. exported from the Mermaid live editor): `![图](diagram.svg)`", "请把步骤画成 `flowchart TD`（方框和箭头），或者把图存成图片放在这个文件旁边（例如从 Mermaid Live Editor 导出）：`![图](diagram.svg)`")),
            );
            return plain_code(text, "mermaid");
        }
    };
    let mut failed = false;
    for p in problems {
        let (l, c) = (line + 1 + p.line, col - 1 + p.col);
        failed |= !p.warning;
        let d = if p.warning {
            Diagnostic::warning(file, l, c, p.message)
        } else {
            let message = p.message;
            Diagnostic::error(file, l, c, t!("flowchart: {message}", "流程图：{message}"))
        };
        out.diagnostics.push(d.with_hint(p.hint));
    }
    if chart.title.is_none() && !info.is_empty() {
        chart.title = Some(info.join(" "));
    }
    let hrefs: Vec<Option<String>> = chart
        .nodes
        .iter()
        .map(|n| {
            let (dest, l, c) = n.link.as_ref()?;
            let (l, c) = (line + 1 + l, col - 1 + c);
            out.cites(dest);
            match links.resolve(dest, false) {
                Ok(Some(r)) => {
                    if let Some((page, anchor)) = r.anchor {
                        out.anchor_checks
                            .push(AnchorCheck::in_page(page, anchor, l, c));
                    }
                    Some(r.href)
                }
                Ok(None) => Some(dest.clone()),
                Err((message, hint)) => {
                    failed = true;
                    out.diagnostics
                        .push(Diagnostic::error(file, l, c, message).with_hint(hint));
                    None
                }
            }
        })
        .collect();
    if failed {
        return plain_code(text, "mermaid");
    }
    flow::svg(&chart, id, &hrefs)
}

/// A code block's kind that handbook shows as plain code though it means more: a misspelt
/// ```` ```dialogue ````, ```` ```rule ```` or ```` ```quiz ```` (`dialog`, `rules`, `Quiz`), or
/// another tool's (mdbook-admonish's `admonish`, `mermaid` diagrams, `math`). The warning's
/// message and hint; `rest` is the info string's words after the kind.
/// The rule ids of a ```` ```limits``` ```` block, each with its line and column: the words
/// after `limits` (at the fence's), then those inside, separated by spaces or commas.
fn limit_ids<'a>(
    info: impl Iterator<Item = &'a str>,
    text: &str,
    line: usize,
    col: usize,
) -> Vec<(String, usize, usize)> {
    let sep = |ch: char| ch.is_whitespace() || matches!(ch, ',' | '，' | '、');
    let mut ids: Vec<(String, usize, usize)> = info
        .flat_map(|w| w.split(sep))
        .filter(|w| !w.is_empty())
        .map(|w| (w.to_string(), line, col))
        .collect();
    for (k, l) in text.lines().enumerate() {
        let mut at = 0;
        for w in l.split(sep) {
            if !w.is_empty() {
                ids.push((w.to_string(), line + 1 + k, col + at));
            }
            at += w.chars().count() + 1;
        }
    }
    ids
}

/// The warning for a block quoting rule `rule` as what to do after its repeal (the page
/// teaches what no longer applies; a link to it only says 已废止). `what` names the block in
/// the message, `fence` is the word that opens it.
fn repealed_quote(
    file: &Path,
    line: usize,
    col: usize,
    rule: &Rule,
    what: &str,
    fence: &str,
) -> Diagnostic {
    let on = rule.repealed.as_deref().unwrap_or_default();
    let hint = match rule.replaced_by.as_deref().map(str::trim) {
        Some(by) => t!(
            "quote `{by}`, which replaced it, instead: ```{fence} {by}",
            "请改为引用取代它的 `{by}`：```{fence} {by}"
        ),
        None => t!(
            "take it out, or link the rule with `[[rule:ID]]` where the page tells its history",
            "请把它删掉；如果页面是在讲这条规则的历史，就用 `[[rule:ID]]` 链接它"
        ),
    };
    let id = &rule.id;
    Diagnostic::warning(
        file,
        line,
        col,
        t!(
            "{what}: rule `{id}` was repealed on {on}",
            "{what}：规则 `{id}` 已于 {on} 废止"
        ),
    )
    .with_hint(hint)
}

fn fence_kind_slip(lang: &str, rest: &[&str]) -> Option<(String, String)> {
    const KINDS: [&str; 4] = ["dialogue", "rule", "quiz", "limits"];
    let lower = lang.to_ascii_lowercase();
    let plain = t!(
        "the code block ```{lang} shows as plain code",
        "代码块 ```{lang} 会显示成普通代码"
    );
    match lower.as_str() {
        "admonish" | "admonition" | "ad-note" | "callout" | "alert" | "notice" | "warning" => {
            let kind = match rest.first().map(|w| w.to_ascii_lowercase()).as_deref() {
                Some("tip" | "hint" | "success") => "TIP",
                Some("important" | "example") => "IMPORTANT",
                Some("warning" | "caution" | "attention") => "WARNING",
                Some("danger" | "error" | "failure" | "bug") => "CAUTION",
                _ if lower == "warning" => "WARNING",
                _ => "NOTE",
            };
            return Some((
                t!("{plain}: handbook has no `{lang}` blocks", "{plain}：handbook 没有 `{lang}` 块"),
                t!("write a callout: `> [!{kind}]` on a line of its own, the text on `> ` lines under it ([!NOTE] 说明, [!TIP] 提示, [!IMPORTANT] 重要, [!WARNING] 注意, [!CAUTION] 禁止)", "请写成提示框：单独一行写 `> [!{kind}]`，内容写在它下面以 `> ` 开头的行里（`[!NOTE]` 说明、`[!TIP]` 提示、`[!IMPORTANT]` 重要、`[!WARNING]` 注意、`[!CAUTION]` 禁止）"),
            ));
        }
        "flowchart" | "flow" | "graph" => {
            let first = if lower == "flow" {
                "flowchart TD".to_string()
            } else {
                t!(
                    "flowchart TD` (or `flowchart LR",
                    "flowchart TD`（或 `flowchart LR"
                )
            };
            return Some((
                t!("{plain}, not a flowchart", "{plain}，不会画成流程图"),
                t!("write ```mermaid, with `{first}` on the chart's first line: handbook draws Mermaid flowcharts", "请写成 ```mermaid，图的第一行写 `{first}`：handbook 画的是 Mermaid 流程图"),
            ));
        }
        "plantuml" | "puml" | "graphviz" | "dot" | "sequence" | "diagram" => {
            return Some((
                t!("{plain}, not a diagram: handbook draws Mermaid flowcharts only", "{plain}，不会画成图：handbook 只画 Mermaid 流程图"),
                t!("write the steps as a ```mermaid block starting `flowchart TD`, or save the diagram as a picture (SVG or PNG) beside this file: `![流程](flow.svg)`", "请把步骤写成以 `flowchart TD` 开头的 ```mermaid 块，或者把图存成图片（SVG 或 PNG）放在这个文件旁边：`![流程](flow.svg)`"),
            ));
        }
        "math" | "katex" | "mathjax" | "asciimath" => {
            return Some((
                t!("{plain}, not typeset: handbook does not typeset formulas", "{plain}，不会排版成公式：handbook 不排版公式"),
                t!("write the formula as text (`时限 = 受理时间 + 5 个工作日`), or save it as a picture beside this file", "请把公式写成文字（`时限 = 受理时间 + 5 个工作日`），或者存成图片放在这个文件旁边"),
            ));
        }
        _ => {}
    }
    if KINDS.contains(&lang) || !lang.is_ascii() || lang.len() < 3 {
        return None;
    }
    let near = KINDS.iter().copied().find(|k| {
        let edits = strsim::damerau_levenshtein(&lower, k);
        lower == *k
            || edits <= if k.len() > 4 { 2 } else { 1 }
            || lower.starts_with(k)
            || (lower.len() >= 4 && k.starts_with(lower.as_str()))
    })?;
    // (`rust`, `ruby`, `lua`: a language of their own, highlighted.)
    if highlight::highlight("", lang).is_some() {
        return None;
    }
    Some((
        t!(
            "{plain}: handbook's own blocks are ```dialogue, ```rule and ```quiz",
            "{plain}：handbook 自己的块是 ```dialogue、```rule 和 ```quiz"
        ),
        t!("did you mean ```{near}?", "是不是想写 ```{near}？"),
    ))
}

/// Raw HTML `html` (an event at `at`, line and column) as the page gets it: the paths of its
/// `src` and `href` resolved as a Markdown link's or picture's are -- to the built page, and
/// checked (an error at the path's own line and column for a missing file) -- and without its
/// comments: a trainer's `<!-- 内部备注：… -->` in a lesson is a note to the authors, not for
/// the site (IT review: published word for word, in the page's source and the print pages).
/// `state` carries a comment or tag over from one event to the next (an HTML block comes a
/// line at a time). With the line and column of a comment it opens and leaves open.
fn raw_html<'a>(
    html: &CowStr<'a>,
    at: (usize, usize),
    file: &Path,
    links: &dyn LinkResolver,
    state: &mut HtmlScan,
    out: &mut Rendered,
) -> (CowStr<'a>, Option<(usize, usize)>) {
    let was = state.in_comment();
    let found = html_scan(html, state);
    if found.paths.is_empty() && found.comments.is_empty() {
        return (html.clone(), None);
    }
    let place = |byte: usize| {
        let before = &html[..byte];
        let line = at.0 + before.matches('\n').count();
        let col = match before.rfind('\n') {
            Some(k) => before[k + 1..].chars().count() + 1,
            None => at.1 + before.chars().count(),
        };
        (line, col)
    };
    // What changes, in order (a path is never inside a comment): a path for its link, a
    // comment for nothing.
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    for (start, end, picture) in found.paths {
        let value = html[start..end].replace("&amp;", "&");
        if not_a_path(&value) {
            continue;
        }
        let (line, col) = place(start);
        match links.resolve(&value, false) {
            Ok(Some(r)) => {
                if let Some((page, anchor)) = r.anchor {
                    out.anchor_checks
                        .push(AnchorCheck::in_page(page, anchor, line, col));
                }
                edits.push((start, end, escape_html(&r.href)));
            }
            Ok(None) => {}
            Err((message, hint)) => {
                let (message, hint) = if picture && missing_file(links, &message) {
                    (
                        t!("picture not found: `{value}`", "找不到图片：`{value}`"),
                        if other_case(&hint, &value) {
                            hint
                        } else {
                            picture_hint(links)
                        },
                    )
                } else {
                    (message, hint)
                };
                out.diagnostics
                    .push(Diagnostic::error(file, line, col, message).with_hint(hint));
            }
        }
    }
    // (A comment left open: the last one, unless it is the one this event went on with.)
    let opened = match found.comments.last() {
        Some(&(from, _)) if state.in_comment() && !(was && found.comments.len() == 1) => {
            Some(place(from))
        }
        _ => None,
    };
    edits.extend(
        found
            .comments
            .into_iter()
            .map(|(s, e)| (s, e, String::new())),
    );
    if edits.is_empty() {
        return (html.clone(), opened);
    }
    (splice(html, edits).into(), opened)
}

/// `text` with each `(start, end, replacement)` edit made: byte ranges of `text` that do not
/// overlap, in any order.
pub(crate) fn splice(text: &str, mut edits: Vec<(usize, usize, String)>) -> String {
    edits.sort_by_key(|e| e.0);
    let mut new = String::with_capacity(text.len());
    let mut last = 0;
    for (start, end, to) in edits {
        new.push_str(&text[last..start]);
        new.push_str(&to);
        last = end;
    }
    new.push_str(&text[last..]);
    new
}

/// An example dialogue: `说话人：内容` lines; `客户` is the customer; `（…）` lines are notes.
/// A dialogue line's speaker and words: `坐席：您好` (a full-width or ASCII colon after a
/// speaker of at most 12 characters); `None` for a stage direction or a line without one.
fn speaker_split(line: &str) -> Option<(&str, &str)> {
    let (i, w) = line
        .find('：')
        .map(|i| (i, '：'.len_utf8()))
        .or_else(|| line.find(':').map(|i| (i, 1)))?;
    (i > 0 && line[..i].chars().count() <= 12).then(|| (line[..i].trim(), line[i + w..].trim()))
}

/// Warnings for a dialogue block opening at `(line, col)`: a first word that looks like a
/// misspelt `good` / `bad` (the block would silently be a plain one, left out of 话术汇编 and
/// the cards' 示范话术), and lines that are neither `说话人：内容` nor a stage direction in
/// （）, which show as stage directions without a 复制 button.
fn dialogue_warnings(
    file: &Path,
    line: usize,
    col: usize,
    info: &[&str],
    text: &str,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some(&w) = info
        .first()
        .filter(|w| w.is_ascii() && !matches!(**w, "good" | "bad"))
    {
        if let Some(n) = crate::diagnostics::nearest(&w.to_ascii_lowercase(), ["good", "bad"]) {
            out.push(
                Diagnostic::warning(file, line, col, t!("`dialogue {w}` is not `dialogue good` or `dialogue bad`: the block shows as a plain dialogue, and is left out of 话术汇编 and the rule cards' 示范话术", "`dialogue {w}` 既不是 `dialogue good` 也不是 `dialogue bad`：这段对话会显示成普通对话，不会收进话术汇编和规则卡片的示范话术"))
                    .with_hint(t!("did you mean `{n}`?", "是不是想写 `{n}`？")),
            );
        }
    }
    for (k, l) in text.lines().enumerate() {
        let t = l.trim();
        if t.is_empty() || t.starts_with('（') || t.starts_with('(') || speaker_split(t).is_some()
        {
            continue;
        }
        let at = l.chars().take_while(|c| c.is_whitespace()).count() + 1;
        out.push(
            Diagnostic::warning(file, line + 1 + k, at, t!("this dialogue line has no speaker: it shows as a stage direction, without a 复制 button", "这一行对话没有写说话人：它会显示成旁白，没有“复制”按钮"))
                .with_hint(t!("write the speaker and a colon first, `坐席：……` (12 characters at most before the colon), or put a stage direction in （）", "请先写说话人和冒号，例如 `坐席：……`（冒号前最多 12 个字）；旁白请放在（）里")),
        );
    }
    out
}

fn render_dialogue(text: &str, info: &[&str]) -> String {
    let (tone, title_words) = match info.first() {
        Some(&"good") => ("good", &info[1..]),
        Some(&"bad") => ("bad", &info[1..]),
        _ => ("plain", info),
    };
    let title = title_words.join(" ");
    let badge = match tone {
        "good" => "<span class=\"dialogue-badge\">✓ 正确示范</span>",
        "bad" => "<span class=\"dialogue-badge\">✗ 反面示例</span>",
        _ => "",
    };
    let mut html = format!("<figure class=\"dialogue dialogue-{tone}\">");
    if !title.is_empty() || !badge.is_empty() {
        html.push_str(&format!(
            "<figcaption>{badge}{}</figcaption>",
            escape_html(&title)
        ));
    }
    html.push_str("<ol class=\"dialogue-lines\">");
    for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
        if line.starts_with('（') || line.starts_with('(') {
            html.push_str(&format!(
                "<li class=\"dialogue-note\">{}</li>",
                escape_html(line)
            ));
            continue;
        }
        match speaker_split(line) {
            Some((speaker, said)) => {
                let role = if speaker.contains("客户") || speaker.contains("用户") {
                    "customer"
                } else {
                    "staff"
                };
                html.push_str(&format!(
                    "<li class=\"dialogue-line dialogue-{role}\"><span class=\"speaker\">{}</span><span class=\"said\">{}</span></li>",
                    escape_html(speaker),
                    escape_html(said)
                ));
            }
            _ => html.push_str(&format!(
                "<li class=\"dialogue-note\">{}</li>",
                escape_html(line)
            )),
        }
    }
    html.push_str("</ol></figure>\n");
    html
}

/// Whether a link goes to the web (`http:`, `https:` or `//host/...`).
fn is_web(dest: &str) -> bool {
    let d = dest.trim_start().to_ascii_lowercase();
    d.starts_with("http:") || d.starts_with("https:") || d.starts_with("//")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    #[test]
    fn splice_makes_edits_given_in_any_order() {
        let edits = vec![
            (11, 14, "戊".to_string()),
            (0, 3, String::new()),
            (5, 7, "xyz".to_string()),
        ];
        assert_eq!(splice("甲a bc 乙丙", edits), "a xyz 乙戊");
        assert_eq!(splice("不变", Vec::new()), "不变");
    }

    struct NoLinks;
    impl LinkResolver for NoLinks {
        fn resolve(&self, dest: &str, _wiki: bool) -> Result<Option<Resolved>, (String, String)> {
            if dest.starts_with("missing") {
                Err(("no such page".into(), "fix".into()))
            } else if let Some(id) = dest.strip_prefix("rule:") {
                Ok(Some(Resolved {
                    href: format!("../rules/{id}/index.html"),
                    title: Some("办理时限".into()),
                    anchor: None,
                    tooltip: Some("一般投诉 5 个工作日办结".into()),
                    unlinked: false,
                }))
            } else {
                Ok(None)
            }
        }
    }

    fn r(md: &str) -> Rendered {
        render(md, &PathBuf::from("content/x.md"), 5, &NoLinks)
    }

    /// An HTML comment is an authors' note: never on the page, in a block of its own (over
    /// several lines too) or inline; the HTML around it stays, and a comment shown as code
    /// stays shown.
    #[test]
    fn html_comments_are_not_published() {
        let html = r("前文\n\n<!-- 内部备注 SECRET1\n下一行 SECRET2 -->\n\n正文<!-- SECRET3 -->继续。\n\n<div>甲<!-- SECRET4 -->乙</div>\n\n`<!-- 示例 -->`\n\n```html\n<!-- 代码里的 -->\n```\n").html;
        for secret in ["SECRET1", "SECRET2", "SECRET3", "SECRET4", "内部备注"] {
            assert!(!html.contains(secret), "{secret}: {html}");
        }
        assert!(html.contains("<p>前文</p>"), "{html}");
        assert!(html.contains("正文继续。"), "{html}");
        assert!(html.contains("<div>甲乙</div>"), "{html}");
        assert!(html.contains("&lt;!-- 示例 --&gt;"), "{html}");
        assert!(html.contains("&lt;!--</span> 代码里的"), "{html}");
        // A comment of its own runs over blank lines; `<!-->` and `<!--->` are whole, empty
        // comments: the HTML after them stays.
        let html = r("<!-- 甲 SECRET5\n\n乙 SECRET6 -->\n\n<!-->\n\n<div class=\"after1\">AFTER1</div>\n\n<!--->\n\n<div>AFTER2</div>\n").html;
        assert!(!html.contains("SECRET"), "{html}");
        assert!(
            html.contains("<div class=\"after1\">AFTER1</div>")
                && html.contains("<div>AFTER2</div>"),
            "{html}"
        );
        let r0 = r("<!-- x -->\n");
        assert!(r0.diagnostics.is_empty(), "{:?}", r0.diagnostics);
    }

    /// A comment begun inside a block of HTML, with a blank line in it: Markdown ends the block
    /// at the blank line, and the note's words after it would be text on the page. An error at
    /// the comment, and the HTML after it (the block's end, a <details>) as written.
    #[test]
    fn a_comment_broken_by_a_blank_line_inside_a_block_is_an_error() {
        let r1 = r("<div>\n<!--\n\n**内部备注 SECRET**\n\n-->\n</div>\n\n<details><summary>详情</summary>\n\n内容\n\n</details>\n");
        let d: Vec<String> = r1.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 1, "{d:?}");
        // (At the `<!--`: its second line, the body beginning at line 5.)
        assert!(
            d[0].contains("content/x.md:6:1:") && d[0].contains("does not end in its block"),
            "{d:?}"
        );
        assert!(
            r1.html.contains("<summary>详情</summary>") && r1.html.contains("</details>"),
            "{}",
            r1.html
        );
    }

    /// Raw HTML read once, as a browser reads it, for its paths and its comments: after an
    /// empty `<!-->` the paths are checked; a `<!--` in an attribute's value is text (the HTML
    /// after it kept); a comment broken by a blank line ends with its block (an error at its
    /// `<!--`, line and column), and the later blocks' paths are checked again.
    #[test]
    fn raw_html_comments_and_paths_are_read_by_one_scan() {
        let r1 = r("<div><!--> <img src=\"missing.png\"></div>\n\n<a title=\"<!--\" href=\"#x\">甲</a> <b>KEPT</b>\n\n<div>\n  <!-- 备注\n\n正文\n\n<div><img src=\"missing2.png\"></div>\n");
        let d: Vec<String> = r1.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 3, "{d:?}");
        assert!(
            d[0].contains("content/x.md:5:22:") && d[0].contains("no such page"),
            "{d:?}"
        );
        assert!(
            d[1].contains("content/x.md:10:3:") && d[1].contains("does not end in its block"),
            "{d:?}"
        );
        assert!(
            d[2].contains("content/x.md:14:16:") && d[2].contains("no such page"),
            "{d:?}"
        );
        assert!(r1.html.contains("<b>KEPT</b>"), "{}", r1.html);
        assert!(
            r1.html.contains("<a title=\"<!--\" href=\"#x\">甲</a>"),
            "{}",
            r1.html
        );
        // Never ended, at the end of the file (robustness review: told of a blank line that is
        // not there): the missing `-->`, in a block of its own or inside another.
        for md in [
            "前言\n\n<!-- 备注\n正文内容很重要\n",
            "前言\n\n<div>\n<!-- 备注\n正文内容很重要",
        ] {
            let d: Vec<String> = r(md).diagnostics.iter().map(|d| d.to_string()).collect();
            assert_eq!(d.len(), 1, "{d:?}");
            assert!(
                d[0].contains("never ends") && d[0].contains("write `-->`"),
                "{d:?}"
            );
        }
        // A script's `"<!--"` is text of the script: no comment, the paths after it checked.
        let r3 = r(
            "<div>\n<script>var s = \"<!--\";</script>\n<a href=\"missing3.md\">B</a>\n</div>\n",
        );
        let d: Vec<String> = r3.diagnostics.iter().map(|d| d.to_string()).collect();
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].contains("content/x.md:7:10:"), "{d:?}");
        assert!(
            r3.html.contains("var s = \"<!--\";</script>"),
            "{}",
            r3.html
        );
        // The prose after an empty comment is read for its warnings as ever.
        let d = r("<!-->\n\n{{< ref \"a.md\" >}}\n").diagnostics;
        assert_eq!(d.len(), 1, "{d:?}");
        assert!(d[0].to_string().contains("content/x.md:7:1:"), "{d:?}");
    }

    /// A line break inside a paragraph between Chinese characters is no space on the page
    /// (a YAML text's `|` lines, a lesson wrapped in the editor); between Latin words, or a
    /// Chinese and a Latin word, it stays one.
    #[test]
    fn a_line_break_between_chinese_characters_is_no_space() {
        let html = r("大约八小时，\n可以分几天完成。办结时限和\n“办结后3个工作日内答复”\n的要求，**重要**\n提示。\n\nsee the\nrules 或者\n95598\n热线。").html;
        assert!(
            html.contains(
                "<p>大约八小时，可以分几天完成。办结时限和“办结后3个工作日内答复”的要求，<strong>重要</strong>提示。</p>"
            ),
            "{html}"
        );
        assert!(
            html.contains("<p>see the\nrules 或者\n95598\n热线。</p>"),
            "{html}"
        );
        // Korean puts spaces between its words: a line break there stays one.
        let html = r("고객 센터에\n문의하세요").html;
        assert!(html.contains("<p>고객 센터에\n문의하세요</p>"), "{html}");
        // In a block of code, lines are lines.
        let html = r("```\n甲\n乙\n```\n").html;
        assert!(html.contains("甲\n乙"), "{html}");
    }

    #[test]
    fn a_part_for_some_readers_is_one_box_around_its_blocks() {
        let md = "前言\n\n::: 培训师\n## 要点\n\n- 一\n- 二\n\n```dialogue good 示范\n坐席：您好\n```\n:::\n\n::: 新员工 培训师\n> [!TIP]\n> 练习\n:::\n##后记\n";
        let file = PathBuf::from("content/x.md");
        let page = |md: &str| render_with(md, &file, 5, &NoLinks, None, None);
        // In a YAML file's field it is no part: shown as written, and said so at its line.
        let field = r(md);
        assert!(field.html.contains("::: 培训师"), "{}", field.html);
        let said: Vec<_> = placed(&field)
            .into_iter()
            .filter(|(_, _, m)| m.contains("works in a lesson's text only"))
            .map(|(l, _, _)| l)
            .collect();
        assert_eq!(said, [7, 18]);
        let out = page(md);
        let html = &out.html;
        assert!(!html.contains(":::"), "{html}");
        assert_eq!(
            html.matches("<div class=\"readers-part\"").count(),
            2,
            "{html}"
        );
        let first = html.find("data-readers=\"trainer\"").unwrap();
        let heading = html.find("<h2").unwrap();
        let end = html[first..]
            .find("</div>\n<div class=\"readers-part\"")
            .unwrap()
            + first;
        assert!(first < heading && heading < end, "{html}");
        assert!(
            html.contains("aria-label=\"仅供新员工、培训师\">\n<div class=\"callout"),
            "{html}"
        );
        assert!(html.contains("</div>\n</div>\n<p>##后记"), "{html}");
        // Lines keep their numbers (the slip on the file's line 22), and a trainers' part's
        // good dialogue is not one for 话术汇编.
        assert!(
            out.diagnostics.iter().any(|d| d.line == 22),
            "{:?}",
            placed(&out)
        );
        assert!(out.dialogues.is_empty());
        let out = page(&md.replace("::: 培训师", "::: 新员工"));
        assert_eq!(out.dialogues.len(), 1);
    }

    #[test]
    fn a_part_for_some_readers_has_an_id_from_its_section_and_readers() {
        let file = PathBuf::from("content/x.md");
        // Before any heading; two for trainers in one section; one for several readers; a
        // heading later on with the id the second part would ask for first, which keeps it
        // (the part takes the next); a heading in a part names the part after it.
        let md = "::: 培训师\n开头\n:::\n\n## 开场 {#open}\n\n::: 培训师\n甲\n:::\n\n::: 培训师\n乙\n:::\n\n\
                  ::: 新员工 培训师\n丙\n:::\n\n## 别的 {#open-培训师-1}\n\n::: 一线人员\n## 讲解\n丁\n:::\n\n\
                  ::: 新员工\n戊\n:::\n";
        let out = render_with(md, &file, 1, &NoLinks, None, None);
        let html = &out.html;
        let ids: Vec<&str> = html
            .match_indices("<div class=\"readers-part\" id=\"")
            .map(|(i, m)| {
                let rest = &html[i + m.len()..];
                &rest[..rest.find('"').unwrap()]
            })
            .collect();
        assert_eq!(
            ids,
            [
                "培训师",
                "open-培训师",
                "open-培训师-2",
                "open-新员工-培训师",
                "open-培训师-1-一线人员",
                "讲解-新员工"
            ],
            "{html}"
        );
        // The headings' ids are as without the parts' (no `-1` for a part's), and not told
        // as used twice; a part's id is no anchor a link is checked against.
        assert!(html.contains("<h2 id=\"open-培训师-1\">"), "{html}");
        assert!(out.diagnostics.is_empty(), "{:?}", placed(&out));
        assert!(!out.anchors.contains("open-培训师"));
        // On the print page, prefixed as the headings are.
        let out = render_with(md, &file, 1, &Prefixed, None, None);
        assert!(
            out.html.contains("<div class=\"readers-part\" id=\"p3-open-培训师\" data-readers=\"trainer\" role=\"note\" aria-label=\"仅供培训师\">"),
            "{}",
            out.html
        );
    }

    /// Each diagnostic's line, column and message.
    fn placed(out: &Rendered) -> Vec<(usize, usize, &str)> {
        let d = out.diagnostics.iter();
        d.map(|d| (d.line, d.col, d.message.as_str())).collect()
    }

    #[test]
    fn chinese_heading_ids_are_stable_and_unique() {
        let out = r("## 受理、登记\n\n## 受理、登记\n\n### Step 1: 回访\n");
        assert!(out.html.contains("id=\"受理登记\""), "{}", out.html);
        assert!(out.html.contains("id=\"受理登记-1\""));
        assert!(out.html.contains("id=\"step-1-回访\""));
        assert_eq!(out.toc.len(), 3);
    }

    /// Many headings alike are numbered in order, skipping a number an explicit id took
    /// (the next number is remembered per heading text, so 20,000 of them stay linear).
    #[test]
    fn headings_alike_are_numbered_in_order_around_explicit_ids() {
        let out = r("## 示例\n\n## 示例\n\n## 示例\n\n## 别的 {#示例-3}\n\n## 示例\n\n## 示例\n");
        let ids: Vec<&str> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(
            ids,
            ["示例", "示例-1", "示例-2", "示例-3", "示例-4", "示例-5"]
        );
        let many = "## 示例\n\n".repeat(3000);
        let out = r(&many);
        assert_eq!(out.toc.len(), 3000);
        assert_eq!(out.toc[2999].id, "示例-2999");
        let ids: HashSet<&str> = out.toc.iter().map(|t| t.id.as_str()).collect();
        assert_eq!(ids.len(), 3000);
    }

    #[test]
    fn a_table_row_with_more_cells_than_its_header_is_a_warning() {
        let md = "| 时限 | 说明 |\n|---|---|\n| 5天 | 一般 |\n| 10天 | 复杂 | 多的 |\n| `a|b` | c |\n| x \\| y | z |\n\n段落 | 不是表格 | 真的\n";
        let out = r(md);
        let rows: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("this table row has"))
            .map(|d| d.0)
            .collect();
        // (Lines counted from 5, the body's first line in `r`.)
        assert_eq!(rows, [8, 9], "{:?}", placed(&out));
        // As the table is drawn: the code's `|` splits it.
        assert!(out.html.contains("<td>`a</td><td>b`</td>"), "{}", out.html);
    }

    /// Trainer audit #11: rows written without the `|---|` line under the header are no
    /// table (pulldown-cmark shows them as text): a warning at the first, with the line to
    /// add; not for a real table, one such line alone, or rows in fenced or indented code.
    #[test]
    fn table_rows_without_their_delimiter_row_are_a_warning_at_the_first() {
        let md = "正文。\n\n| 没有分隔行 | 表 |\n| a | b |\n\n| 时限 | 说明 |\n|---|---|\n| 5天 | 一般 |\n\n| 一行 |\n\n```\n| a | b |\n| c | d |\n```\n\n    | e | f |\n    | g | h |\n\n| x | y | z |\n| 1 | 2 | 3 |\n| 4 | 5 | 6 |";
        let out = r(md);
        assert!(
            out.html.contains("<p>| 没有分隔行 | 表 |"),
            "the premise: no table: {}",
            out.html
        );
        let slips: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("are no table"))
            .collect();
        // (Lines counted from 5, the body's first line in `r`.)
        assert_eq!(slips.len(), 2, "{slips:?}");
        assert_eq!((slips[0].0, slips[0].1), (7, 1));
        assert!(
            slips[0].2.contains("these 2 lines are no table"),
            "{slips:?}"
        );
        assert_eq!(slips[1].0, 24);
        assert!(slips[1].2.contains("these 3 lines"), "{slips:?}");
        let hints: Vec<String> = out
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("are no table"))
            .filter_map(|d| d.hint.clone())
            .collect();
        assert!(hints[0].contains("`|---|---|`"), "{hints:?}");
        assert!(hints[1].contains("`|---|---|---|`"), "{hints:?}");
        // A very wide header row: the hint shows the shape, not a `---` for every cell.
        let wide = format!("{}\n{}", "|a".repeat(500) + "|", "|b".repeat(500) + "|");
        let out = r(&wide);
        let hint = out
            .diagnostics
            .iter()
            .find_map(|d| d.hint.clone())
            .unwrap_or_default();
        assert!(
            hint.contains("`|---|---|---|…|---|`") && hint.len() < 200,
            "{hint}"
        );
    }

    /// From the diff review: an indented code block, and a list item or heading right after
    /// a table (which end it), are not table rows or wiki links.
    #[test]
    fn slips_are_not_seen_in_indented_code_or_in_blocks_after_a_table() {
        let md = "段落：\n\n    let v = a[[0];\n    x | y | z\n\n| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n- 选项 | 甲 | 乙 | 丙\n\n| 甲 | 乙 |\n|---|---|\n## 标题 | 含 | 竖线\n";
        let out = r(md);
        let slips: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("table row") || d.2.contains("never closed with"))
            .collect();
        assert!(slips.is_empty(), "{slips:?}");
    }

    #[test]
    fn a_wiki_link_never_closed_is_a_warning_at_its_column() {
        let out =
            r("见 [[rule:TS-PROC-001 了解。\n\n`[[x` 和 [[a]] [[b]] 都行。\n\n```\n[[代码\n```\n");
        let slips: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("never closed with `]]`"))
            .collect();
        assert_eq!(slips.len(), 1, "{slips:?}");
        assert_eq!((slips[0].0, slips[0].1), (5, 3));
    }

    /// From the diff review: a Handlebars `{{#if vip}}` a lesson quotes (a mail-merge
    /// template) is not mdBook's; `{{#include}}` is.
    #[test]
    fn only_mdbooks_own_directives_are_taken_for_them() {
        let out = r("短信模板：{{#if vip}}尊敬的会员{{/if}}，您好。\n\n{{#include ../a.md}}\n");
        let said: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("mdBook"))
            .map(|d| d.0)
            .collect();
        assert_eq!(said, [7], "{:?}", placed(&out));
    }

    /// `> ```text` in a callout opens code as a fence outside one does: an mdBook directive
    /// shown there (`\{{#include …}}` with its `\` dropped) is code, not a slip in the text.
    #[test]
    fn code_in_a_callout_is_code_to_the_directive_warning() {
        let out =
            r("> [!TIP]\n> ```text\n> {{#include ../a.md}}\n> ```\n\n> {{#include ../b.md}}\n");
        let said: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("mdBook"))
            .map(|d| d.0)
            .collect();
        assert_eq!(said, [10], "{:?}", placed(&out));
    }

    #[test]
    fn fences_are_followed_in_quotes_and_end_with_them() {
        let code = |body: &str| -> Vec<bool> {
            let mut f = QuotedFences::default();
            body.lines().map(|l| f.code(l)).collect()
        };
        // In a quote, nested, and `>` inside a quote's code is the code's.
        assert_eq!(
            code("> ```\n> > ```\n> ```\n> x\n"),
            [true, true, true, false]
        );
        assert_eq!(code("> > ~~~yaml\n> > a\n> > ~~~\n"), [true, true, true]);
        // A quote's code ends with the quote; a fence at the top level goes on past `>` lines.
        assert_eq!(code("> ```\n> a\nb\n```\n"), [true, true, false, true]);
        assert_eq!(code("```\n> a\n```\nb\n"), [true, true, true, false]);
        // Four spaces before `>` is an indented code block's text, not a quote.
        assert_eq!(code("    > ```\nb\n"), [false, false]);
    }

    #[test]
    fn an_empty_wiki_link_is_a_warning_at_its_column() {
        let out = r("见 [[]] 和 [[ ]]，`[[]]` 在代码里不算，[[rule:X]] 也不算。\n");
        let empty: Vec<_> = placed(&out)
            .into_iter()
            .filter(|d| d.2.contains("`[[]]` names no page"))
            .map(|d| (d.0, d.1))
            .collect();
        assert_eq!(empty, [(5, 3), (5, 10)]);
    }

    /// Links resolved by no one, ids prefixed as on a print page (`p3-`).
    struct Prefixed;
    impl LinkResolver for Prefixed {
        fn resolve(&self, _: &str, _: bool) -> Result<Option<Resolved>, (String, String)> {
            Ok(None)
        }
        fn id_prefix(&self) -> &str {
            "p3-"
        }
    }

    #[test]
    fn an_id_prefix_goes_before_heading_and_footnote_ids_but_not_the_toc() {
        let md = "## 时限\n\n注[^a]。\n\n[^a]: 脚注\n";
        let out = render(md, &PathBuf::from("content/x.md"), 1, &Prefixed);
        assert!(out.html.contains("<h2 id=\"p3-时限\">"), "{}", out.html);
        assert!(out.html.contains("href=\"#p3-时限\""), "{}", out.html);
        assert!(out.html.contains("href=\"#p3-fn-a\""), "{}", out.html);
        assert!(out.html.contains("id=\"p3-fn-a\""), "{}", out.html);
        assert_eq!(out.toc[0].id, "时限");
        assert!(out.anchors.contains("时限"));
        // Without a prefix, the plain ids.
        let plain = r(md);
        assert!(plain.html.contains("<h2 id=\"时限\">") && plain.html.contains("id=\"fn-a\""));
    }

    #[test]
    fn explicit_heading_id() {
        let out = r("## 时限 {#limits}\n");
        assert!(out.html.contains("id=\"limits\""));
    }

    /// Each diagnostic's place, message and hint.
    fn told(out: &Rendered) -> Vec<(usize, usize, String, String)> {
        let d = out.diagnostics.iter();
        d.map(|d| {
            (
                d.line,
                d.col,
                d.message.clone(),
                d.hint.clone().unwrap_or_default(),
            )
        })
        .collect()
    }

    /// The trainers' common slips in a lesson's text, told in Chinese at the same places.
    #[test]
    fn lesson_text_slips_are_told_in_chinese_at_the_same_places() {
        let md = "##办理时限\n\n见[办理时限]（../procedure/time-limits.md）。\n\n又见【【rule:TS-PROC-002】】和 [[rule:TS-PROC-002 没有结尾。\n\n| 时限 | 说明 |\n| 5天 | 一般 |\n\n| a | b |\n|---|---|\n| 1 | 2 | 3 |\n\n## 甲 {#a}\n\n## 乙 {#a}\n\n```\n代码\n";
        let en = told(&r(md));
        let zh = told(&crate::i18n::in_chinese(|| r(md)));
        let places = |t: &[(usize, usize, String, String)]| -> Vec<(usize, usize)> {
            t.iter().map(|d| (d.0, d.1)).collect()
        };
        assert_eq!(places(&en), places(&zh), "{zh:#?}");
        let said = |m: &str| {
            zh.iter()
                .find(|d| d.2 == m)
                .unwrap_or_else(|| panic!("{m}: {zh:#?}"))
                .3
                .clone()
        };
        assert_eq!(
            said("`##办理时限` 不是标题：`##` 后面没有空格"),
            "请写成 `## 办理时限`（现在它显示成普通段落，页面目录和搜索里都没有它）"
        );
        assert!(said(
            "`[办理时限]（../procedure/time-limits.md）` 不是链接：用了全角的方括号或圆括号"
        )
        .contains("把输入法切换到英文标点"));
        said("`【【` 不能开始一个链接：这是全角括号");
        said("`[[` 在这一行里没有用 `]]` 结束：这个链接会显示成普通文字");
        assert_eq!(
            said("这 2 行不是表格：表头下面缺少 `|---|` 这一行，所以它们会显示成带 `|` 的普通文字"),
            "请在这一行（表头）的正下方加一行 `|---|---|`（每一列一个 `---`）"
        );
        said("表格的这一行有 3 格，表头只有 2 格：最后 1 格不会显示");
        assert_eq!(
            said("标题 id `a` 在这个页面上用了两次（第一次出现在第 18 行）"),
            "请给每个标题写一个不同的 {#id}"
        );
        said("这个代码块没有结束：它后面的内容全都会显示成代码");
    }

    /// Links resolved as book.rs does, in words of its own (`Files`): a missing picture and a
    /// Zola link are known by the resolver's messages whatever their words.
    struct Files;
    impl LinkResolver for Files {
        fn resolve(&self, dest: &str, _wiki: bool) -> Result<Option<Resolved>, (String, String)> {
            let ups = dest.matches("../").count();
            let path = dest.trim_start_matches("../");
            if ups > 1 {
                Err((
                    format!("链接 `{dest}` 出了内容文件夹"),
                    "少写几个 `../`".into(),
                ))
            } else if path == "basics/a.md" && ups == 1 {
                Ok(Some(Resolved {
                    href: "../../basics/a/index.html".into(),
                    ..Resolved::default()
                }))
            } else if path == "Flow.png" {
                Err((
                    format!("没有文件 `{dest}`"),
                    "文件是 `flow.png`，大小写不同：写成 `flow.png`".into(),
                ))
            } else {
                Err((format!("没有文件 `{dest}`"), "请检查路径".into()))
            }
        }
    }

    #[test]
    fn a_missing_picture_and_a_zola_link_are_known_by_the_resolvers_chinese_words() {
        let md = "![图](pic.png)\n\n![流程](Flow.png)\n\n<img src=\"gone.png\">\n\n[甲](@/basics/a.md)\n";
        let file = PathBuf::from("content/procedure/x.md");
        let out = crate::i18n::in_chinese(|| render(md, &file, 1, &Files));
        let t = told(&out);
        assert_eq!(t.len(), 4, "{t:#?}");
        assert_eq!(
            (t[0].0, t[0].1, t[0].2.as_str()),
            (1, 1, "找不到图片：`pic.png`")
        );
        assert!(t[0].3.starts_with("路径从这个 Markdown 文件算起"), "{t:#?}");
        // The resolver's hint naming the file in its letter case is kept.
        assert_eq!(t[1].2, "找不到图片：`Flow.png`");
        assert_eq!(t[1].3, "文件是 `flow.png`，大小写不同：写成 `flow.png`");
        assert_eq!((t[2].0, t[2].2.as_str()), (5, "找不到图片：`gone.png`"));
        assert_eq!(
            t[3].3, "请写成 `../basics/a.md`，或者写 `[[lesson:basics/a]]`",
            "{t:#?}"
        );
    }

    #[test]
    fn links_typed_with_full_width_punctuation_are_warned_outside_code() {
        let md = "见[办理时限]（../procedure/time-limits.md）和【规则】(rule:TS-PROC-002)。\n\n又见【【rule:TS-PROC-002】】，〔1〕（见附件），[注]（略）。\n\n`[x]（a.md）` 是代码。\n\n```\n[x]（a.md）\n```\n\n同类见[情绪安抚]（tag:情绪安抚）。\n";
        let out = r(md);
        let at = placed(&out);
        assert_eq!(at.len(), 4, "{at:?}");
        assert!(at[3].2.contains("（tag:情绪安抚）` is no link"), "{at:?}");
        assert_eq!((at[0].0, at[0].1), (5, 2));
        assert!(
            at[0]
                .2
                .contains("`[办理时限]（../procedure/time-limits.md）` is no link"),
            "{at:?}"
        );
        assert_eq!((at[1].0, at[1].1), (5, 38));
        assert_eq!((at[2].0, at[2].1), (7, 3));
        assert!(at[2].2.contains("`【【` starts no link"), "{at:?}");
        assert!(out
            .diagnostics
            .iter()
            .all(|d| d.severity == crate::diagnostics::Severity::Warning));
    }

    #[test]
    fn a_link_to_a_file_whose_name_has_a_space_is_warned() {
        let out = r(
            "见[表](../登记 表.md)，[好](a.md \"标题\")，[图](<img/a b.png>)，`[x](a b.md)`。\n",
        );
        let at = placed(&out);
        assert_eq!(at.len(), 1, "{at:?}");
        assert_eq!((at[0].0, at[0].1), (5, 2));
        assert!(
            at[0]
                .2
                .contains("`[表](../登记 表.md)` is no link: the file's path has a space"),
            "{at:?}"
        );
        assert!(out.diagnostics[0]
            .hint
            .as_deref()
            .unwrap_or("")
            .contains("(<../登记 表.md>)"));
        // A picture is said as a picture, at its `!`.
        let out = r("截图：![截图](截图 2025-01-01 10.32.png)\n");
        let at = placed(&out);
        assert_eq!(at.len(), 1, "{at:?}");
        assert_eq!(at[0].1, 4, "{at:?}");
        assert!(
            at[0].2.contains(
                "`![截图](截图 2025-01-01 10.32.png)` is no picture: the file's path has a space"
            ),
            "{at:?}"
        );
    }

    #[test]
    fn a_callout_may_be_opened_with_its_chinese_name_and_a_misspelt_one_is_warned() {
        let out = r("> [!注意]\n> 不要争辩。\n\n> [!禁止]\n> 推诿。\n\n> [!note]\n> 小写。\n");
        assert!(out.html.contains("callout callout-warning"), "{}", out.html);
        assert!(out.html.contains("callout callout-caution"), "{}", out.html);
        assert!(out.html.contains("callout callout-note"), "{}", out.html);
        assert!(!out.html.contains("[!"), "{}", out.html);
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        // (The body starts at line 5 of its file.)
        let out = r("正文。\n\n  > [!WARNNG]\n  > 不要争辩。\n\n> [!小心]\n> 看清。\n");
        let at: Vec<(usize, usize)> = out.diagnostics.iter().map(|d| (d.line, d.col)).collect();
        assert_eq!(at, vec![(7, 5), (10, 3)], "{:?}", out.diagnostics);
        assert_eq!(
            out.diagnostics[0].hint.as_deref(),
            Some("did you mean `[!WARNING]`?")
        );
        assert!(!out.diagnostics[0].is_error());
        // In code, and further down a quote, the text stays as written.
        let out = r("```markdown\n> [!注意]\n> [!WARNNG]\n```\n\n> 引文\n> [!WARNNG]\n");
        assert!(
            out.html.contains("[!注意]") && out.diagnostics.is_empty(),
            "{:?}",
            out.diagnostics
        );
    }

    #[test]
    fn callouts_have_chinese_labels() {
        let out = r("> [!WARNING]\n> 不要争辩。\n\n> [!CAUTION]\n> 禁止推诿。\n");
        assert!(out.html.contains("callout callout-warning"), "{}", out.html);
        assert!(out.html.contains(">注意<"));
        assert!(out.html.contains(">禁止<"));
    }

    #[test]
    fn a_dialogue_knows_every_heading_it_is_under() {
        let md = "## 保密 {#keep}\n\n### 电话里\n\n```dialogue good 一\n坐席：好。\n```\n\n## 回避 {#recusal}\n\n```dialogue good 二\n坐席：好。\n```\n\n#### 深处\n\n```dialogue good 三\n坐席：好。\n```\n";
        let out = r(md);
        let within: Vec<Vec<String>> = out.dialogues.iter().map(|d| d.within.clone()).collect();
        assert_eq!(
            within,
            vec![
                vec!["keep".to_string(), "电话里".to_string()],
                vec!["recusal".to_string()],
                vec!["recusal".to_string(), "深处".to_string()],
            ]
        );
    }

    #[test]
    fn a_misspelt_tone_and_a_line_without_a_speaker_are_warned_at_their_line() {
        // (The body starts at line 5 of its file.)
        let out = r("## 开场\n\n```dialogue gud 倾听\n客户：又停电了！\n  坐席,非常抱歉。\n（客户平静）\nsupervisor: ok\n```\n\n```dialogue 开场白\n坐席：您好。\n```\n");
        let at: Vec<(usize, usize, bool)> = out
            .diagnostics
            .iter()
            .map(|d| (d.line, d.col, d.is_error()))
            .collect();
        assert_eq!(
            at,
            vec![(7, 1, false), (9, 3, false)],
            "{:?}",
            out.diagnostics
        );
        assert!(out.diagnostics[0]
            .message
            .contains("`dialogue gud` is not `dialogue good`"));
        assert_eq!(
            out.diagnostics[0].hint.as_deref(),
            Some("did you mean `good`?")
        );
        assert!(out.diagnostics[1].message.contains("has no speaker"));
        // A plain dialogue titled in Chinese, and good and bad ones, are not warned about.
        assert!(r(
            "```dialogue good 倾听\n坐席：好。\n```\n\n```dialogue bad\n坐席：不好。\n```\n"
        )
        .diagnostics
        .is_empty());
    }

    #[test]
    fn dialogue_blocks() {
        let out = r("## 开场\n\n```dialogue good 倾听\n客户：又停电了！\n坐席：非常抱歉。\n（客户平静）\n```\n\n```dialogue bad 打断\n客户：我……\n坐席：您先听我说。\n```\n");
        // The good one is kept for 话术汇编, with the section it is in.
        assert_eq!(out.dialogues.len(), 1);
        assert_eq!(out.dialogues[0].title, "倾听");
        assert_eq!(
            out.dialogues[0].section,
            Some(("开场".to_string(), "开场".to_string()))
        );
        assert!(out.dialogues[0]
            .html
            .starts_with("<figure class=\"dialogue dialogue-good\">"));
        assert!(out.html.contains("dialogue-good"));
        assert!(out.html.contains("dialogue-customer"));
        assert!(out.html.contains("dialogue-staff"));
        assert!(out.html.contains("dialogue-note"));
    }

    #[test]
    fn code_is_highlighted_with_classes() {
        let out = r("```yaml\nid: TS-PROC-001\n```\n");
        assert!(out.html.contains("class=\"hl-"), "{}", out.html);
        assert!(out.html.contains("language-yaml"));
    }

    #[test]
    fn wikilink_takes_title_and_bad_link_has_line() {
        let out = r("见 [[rule:TS-PROC-002]]。\n\n[x](missing.md)\n");
        assert!(
            out.html
                .contains("href=\"../rules/TS-PROC-002/index.html\" title=\"一般投诉 5 个工作日办结\">办理时限</a>"),
            "{}",
            out.html
        );
        assert_eq!(out.diagnostics.len(), 1);
        assert_eq!(out.diagnostics[0].line, 7); // body line 3 + first_line 5 - 1
                                                // The rule's summary is the link's hover text, unless the link has its own title.
        assert!(
            out.html.contains("title=\"一般投诉 5 个工作日办结\""),
            "{}",
            out.html
        );
        let own = r("[时限](rule:TS-PROC-002 \"自己的说明\")\n");
        assert!(
            own.html.contains("title=\"自己的说明\"") && !own.html.contains("办结"),
            "{}",
            own.html
        );
        assert_eq!(out.diagnostics[0].col, 1);
    }

    #[test]
    fn gfm_features() {
        let out =
            r("| a | b |\n|---|---|\n| 1 | 2 |\n\n~~x~~ 注[^1]\n\n- [x] 完成\n\n[^1]: 脚注\n");
        assert!(out.html.contains("<table>"));
        assert!(out.html.contains("<del>"));
        assert!(out.html.contains("footnote"));
        assert!(out
            .html
            .contains("type=\"checkbox\" disabled checked aria-label=\"已完成\""));
    }

    #[test]
    fn slugify_cases() {
        assert_eq!(slugify("一、受理 登记（含95598）"), "一受理-登记含95598");
        assert_eq!(slugify("！！"), "section");
        assert_eq!(slugify("Hello World"), "hello-world");
    }
}
