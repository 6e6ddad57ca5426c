//! Parts of a page for some readers only: lines between `::: 培训师` and `:::` (or
//! `::: trainer`, `::: 新员工 培训师` …). A site built for other readers (`[build] audience`,
//! `--audience`) leaves such a part out, its words and headings with it, as it leaves out a page
//! whose `audience` names none of them; a site for everyone shows it marked 仅供培训师.
//!
//! The `:::` lines stand on their own, at most three spaces in, outside fenced code; parts do
//! not nest. Their mistakes (a word naming no reader group, `::: tip` written for a callout, a
//! part never closed, a `:::` closing nothing) are errors at their line, found when the content
//! is loaded, so `check` reports them whatever readers it covers.

use super::lesson::Audience;
use crate::render::markdown::fence_line;

/// One part for some readers, by the body's lines (0-based) of its `:::` lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    pub open: usize,
    pub close: usize,
    pub readers: Vec<Audience>,
}

/// A mistake in the `:::` lines, at a body line (0-based) and column (1-based, characters).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub line: usize,
    pub col: usize,
    pub message: String,
    pub hint: String,
}

/// What a line is: not a `:::` line, a closing `:::`, or an opening one with the text after its
/// colons (and that text's column).
enum Marker<'a> {
    None,
    Close,
    Open(&'a str, usize),
}

fn marker(line: &str) -> Marker<'_> {
    let line = line.trim_end_matches(['\n', '\r']);
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 || !t.starts_with(":::") {
        return Marker::None;
    }
    let rest = t.trim_start_matches(':');
    let words = rest.trim();
    if words.is_empty() {
        return Marker::Close;
    }
    let at = line.len() - rest.len() + (rest.len() - rest.trim_start().len());
    Marker::Open(words, line[..at].chars().count() + 1)
}

/// Words written for a callout (VitePress's and Docusaurus's `::: tip`): handbook's callouts
/// are GitHub's `> [!TIP]`.
const CALLOUTS: [(&str, &str); 14] = [
    ("tip", "TIP"),
    ("note", "NOTE"),
    ("info", "NOTE"),
    ("warning", "WARNING"),
    ("warn", "WARNING"),
    ("danger", "CAUTION"),
    ("caution", "CAUTION"),
    ("important", "IMPORTANT"),
    ("提示", "提示"),
    ("注意", "注意"),
    ("说明", "说明"),
    ("重要", "重要"),
    ("禁止", "禁止"),
    ("警告", "注意"),
];

/// The reader groups an opening line names: `培训师`, `trainer`, `新员工 培训师`,
/// `audience: [new-staff, trainer]`, `仅供培训师`; or the first word naming none, with its
/// column.
fn readers(words: &str, col: usize) -> Result<Vec<Audience>, (String, usize)> {
    let mut rest = words;
    for prefix in [
        "audience:",
        "audience",
        "读者：",
        "读者:",
        "读者",
        "仅供",
        "只供",
        "仅限",
    ] {
        if let Some(r) = rest.strip_prefix(prefix) {
            rest = r;
            break;
        }
    }
    let offset = words.len() - rest.len();
    let mut out = Vec::new();
    let seps = [' ', '\t', ',', '，', '、', '/', ';', '；', '[', ']', '和'];
    let mut at = 0;
    for word in rest.split(seps) {
        let start = at;
        at += word.len()
            + rest[at + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if word.is_empty() {
            continue;
        }
        match Audience::parse(word) {
            Some(a) if !out.contains(&a) => out.push(a),
            Some(_) => {}
            None => {
                let c = col + words[..offset + start].chars().count();
                return Err((word.to_string(), c));
            }
        }
    }
    if out.is_empty() {
        return Err((words.to_string(), col));
    }
    Ok(out)
}

/// The words naming readers, for hints.
fn groups() -> String {
    Audience::ALL
        .iter()
        .map(|a| format!("{} ({})", a.label(), a.name()))
        .collect::<Vec<_>>()
        .join(&t!(", ", "、"))
}

/// The parts of `body` for some readers, and the mistakes in its `:::` lines.
pub fn scan(body: &str) -> (Vec<Part>, Vec<Problem>) {
    let (mut parts, mut problems) = (Vec::new(), Vec::new());
    if !body.contains(":::") {
        return (parts, problems);
    }
    let mut fence: Option<(char, usize)> = None;
    // The open part: its line and readers (none when its line was a mistake, reported).
    let mut open: Option<(usize, Option<Vec<Audience>>)> = None;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        if fence_line(line, &mut fence) || fence.is_some() {
            continue;
        }
        match marker(line) {
            Marker::None => {}
            Marker::Close => match open.take() {
                Some((o, Some(readers))) => parts.push(Part {
                    open: o,
                    close: n,
                    readers,
                }),
                Some((_, None)) => {}
                None => problems.push(Problem {
                    line: n,
                    col: line.find(':').map_or(1, |i| i + 1),
                    message: t!(
                        "this `:::` closes a part for some readers, but none is open here",
                        "这一行 `:::` 是用来结束“仅供部分读者”的段落的，但这里没有这样的段落"
                    ),
                    hint: t!(
                        "delete the line, or open the part above with a line such as `::: 培训师`",
                        "请删掉这一行；或者在上面用 `::: 培训师` 这样的一行开始这个段落"
                    ),
                }),
            },
            Marker::Open(words, col) => {
                if let Some((o, _)) = &open {
                    let first = o + 1;
                    problems.push(Problem {
                        line: n,
                        col: col.saturating_sub(4).max(1),
                        message: t!(
                            "a part for some readers is already open (line {first} of the text): parts cannot hold one another",
                            "正文第 {first} 行开始的“仅供部分读者”的段落还没有结束：这种段落不能套在另一个里面"
                        ),
                        hint: t!(
                            "close the first with a line `:::` before this one (a part may name several groups: `::: 新员工 培训师`)",
                            "请先在这一行前面用一行 `:::` 结束上一个段落（一个段落可以写几类读者：`::: 新员工 培训师`）"
                        ),
                    });
                    continue;
                }
                match readers(words, col) {
                    Ok(readers) => open = Some((n, Some(readers))),
                    Err((word, col)) => {
                        let lower = word.to_lowercase();
                        let callout = CALLOUTS.iter().find(|(w, _)| *w == lower);
                        let hint = match callout {
                            Some((_, kind)) => t!(
                                "for a callout write a quote `> [!{kind}]` with its text on the following `> ` lines; `:::` opens a part for some readers only: {g}",
                                "提示框请写成引用：第一行 `> [!{kind}]`，内容写在后面以 `> ` 开头的行里；`:::` 是用来开始“仅供部分读者”的段落的，后面写读者：{g}",
                                g = groups()
                            ),
                            None => t!(
                                "name the readers the part is for: {g}; several with spaces between",
                                "请写这个段落给哪类读者看：{g}；几类之间用空格隔开",
                                g = groups()
                            ),
                        };
                        problems.push(Problem {
                            line: n,
                            col,
                            message: t!(
                                "`{word}` names no reader group: `:::` opens a part of the page for some readers only",
                                "`{word}` 不是读者类别：`:::` 用来开始一段仅供部分读者看的内容"
                            ),
                            hint,
                        });
                        open = Some((n, None));
                    }
                }
            }
        }
    }
    if let Some((o, readers)) = open {
        let who = readers.map_or_else(String::new, |r| label(&r));
        problems.push(Problem {
            line: o,
            col: 1,
            message: t!(
                "this part for {who} is never closed: the rest of the page would be in it",
                "这个仅供{who}的段落没有结束：页面后面的内容都会算在里面"
            ),
            hint: t!(
                "add a line `:::` where the part ends",
                "请在段落结束的地方加一行 `:::`"
            ),
        });
    }
    (parts, problems)
}

/// The readers as the site names them: `培训师`, `新员工、培训师`.
pub fn label(readers: &[Audience]) -> String {
    readers
        .iter()
        .map(|a| a.label())
        .collect::<Vec<_>>()
        .join("、")
}

/// What [`leave_out`] leaves of a page's text, and what it takes.
#[derive(Debug, PartialEq, Eq)]
pub struct LeftOut {
    /// The text without the parts: their lines (the `:::` lines too) left empty, so every
    /// other line keeps its number.
    pub text: String,
    /// The ids the headings in the parts have in a site that keeps them (their own `{#id}`,
    /// or their text made an id, `-1` … after one taken), for links to them: a site that
    /// leaves a part out leads such a link to the page.
    pub anchors: Vec<String>,
    /// How many parts went.
    pub parts: usize,
    /// The parts' own lines, for the files only they link to.
    pub gone: String,
}

/// `body` without the parts for none of `keep` ([`LeftOut`]); None when nothing is left out.
/// `title_id`: the id the page's title takes first.
///
/// A heading after a part left out keeps the id it has in a site for everyone: the second
/// `## 处理` of a page whose first is in a trainers' part is `处理-1` in both (a link to
/// `#处理-1` leads to it in every site), written into its line as its own `{#处理-1}`.
pub fn leave_out(body: &str, keep: &[Audience], title_id: Option<&str>) -> Option<LeftOut> {
    let (parts, _) = scan(body);
    let out: Vec<&Part> = (parts.iter())
        .filter(|p| !p.readers.iter().any(|r| keep.contains(r)))
        .collect();
    if out.is_empty() {
        return None;
    }
    let cut = |n: usize| out.iter().any(|p| p.open <= n && n <= p.close);
    // The headings as a site for everyone renders them (the `:::` lines left empty), with the
    // ids they get there.
    let full = marked(body).map_or_else(String::new, |(text, _)| text);
    let mut ids = crate::render::markdown::HeadingIds::default();
    if let Some(id) = title_id {
        ids.reserve(id, 0);
    }
    let first_cut = out.iter().map(|p| p.open).min().unwrap_or(0);
    let mut anchors = Vec::new();
    // (line, byte in the line, what to write there) for the headings after a part left out
    // whose id is not their text's.
    let mut own_ids: Vec<(usize, usize, String)> = Vec::new();
    for h in headings(&full) {
        let (id, _) = ids.take(h.explicit.as_deref(), &h.text, h.line);
        if cut(h.line) {
            anchors.push(id);
        } else if h.line > first_cut
            && h.explicit.is_none()
            && id != crate::render::markdown::slugify(&h.text)
        {
            let insert = if h.attributes {
                format!("#{id} ")
            } else {
                format!(" {{#{id}}}")
            };
            own_ids.push((h.line, h.at, insert));
        }
    }
    let mut text = String::with_capacity(body.len());
    let mut gone = String::new();
    for (n, line) in body.split_inclusive('\n').enumerate() {
        if cut(n) {
            if !out.iter().any(|p| p.open == n || p.close == n) {
                gone.push_str(line);
            }
            if line.ends_with('\n') {
                text.push('\n');
            }
        } else if let Some((_, at, insert)) = own_ids.iter().find(|(l, ..)| *l == n) {
            text.push_str(&line[..*at]);
            text.push_str(insert);
            text.push_str(&line[*at..]);
        } else {
            text.push_str(line);
        }
    }
    Some(LeftOut {
        text,
        anchors,
        parts: out.len(),
        gone,
    })
}

/// The paths Markdown `text` links to or shows, as written (`评分表.docx`, `../img/a.png`),
/// without their `?query` or `#anchor`, %-escapes decoded; web addresses and anchors on the
/// page left out. Links written as Markdown and as raw HTML (`<img src>`, `<a href>` …).
pub fn linked_paths(text: &str) -> Vec<String> {
    use crate::render::markdown::{html_paths, not_a_path, HtmlScan};
    use pulldown_cmark::{Event, Parser, Tag};
    let mut out = Vec::new();
    let mut keep = |dest: &str| {
        let path = dest.split(['?', '#']).next().unwrap_or_default().trim();
        // (`https:`, `mailto:`, `rule:` …: no file of the content folder.)
        let web = path.starts_with("//") || path.contains(':');
        if path.is_empty() || web || not_a_path(path) {
            return;
        }
        out.push(crate::book::urls::percent_decoded(path).unwrap_or_else(|| path.to_string()));
    };
    let mut scan = HtmlScan::default();
    for event in Parser::new_ext(text, crate::render::markdown::options()) {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                keep(&dest_url)
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for (from, to, _) in html_paths(&h, &mut scan) {
                    keep(&h[from..to]);
                }
            }
            // (A block of HTML ends what it left open, as the renderer reads it.)
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                scan.block_end();
            }
            _ => {}
        }
    }
    out
}

/// `name` with every byte but ASCII letters, digits and `-._~` written `%XX` (`%xx` unless
/// `upper`), as a link may write a file's name (`%E8%AF%84%E5%88%86.docx`).
pub fn percent_escaped(name: &str, upper: bool) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(b as char);
        } else if upper {
            out.push_str(&format!("%{b:02X}"));
        } else {
            out.push_str(&format!("%{b:02x}"));
        }
    }
    out
}

/// A heading of Markdown text, for [`leave_out`].
struct Heading {
    /// The line (0-based) its text ends on.
    line: usize,
    /// Where in that line an id of its own goes: after its text (before a closing `##`), or,
    /// when it has `{.class}` attributes already, just inside their `{`.
    at: usize,
    attributes: bool,
    explicit: Option<String>,
    /// Its text, as the renderer makes its id from it.
    text: String,
}

/// The headings of Markdown `text` in order.
fn headings(text: &str) -> Vec<Heading> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let starts: Vec<usize> = std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |at: usize| starts.partition_point(|&s| s <= at) - 1;
    let mut out = Vec::new();
    // The heading being read: its own id, whether it has other attributes, its text and
    // where its last piece of text ends.
    let mut open: Option<(Option<String>, bool, String, usize)> = None;
    // Whether it is an ATX heading (`## 处理`), not a setext one (`处理` over `---`).
    let mut atx = false;
    for (event, range) in
        Parser::new_ext(text, crate::render::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading {
                id, classes, attrs, ..
            }) => {
                let attributes = !classes.is_empty() || !attrs.is_empty();
                atx = text[range.start..].starts_with('#');
                open = Some((
                    id.map(|i| i.to_string()),
                    attributes,
                    String::new(),
                    range.start,
                ));
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((explicit, attributes, words, end)) = open.take() else {
                    continue;
                };
                let line = line_of(end.saturating_sub(1).max(range.start));
                let line_text = &text[starts[line]..];
                let line_text = &line_text[..line_text.find('\n').unwrap_or(line_text.len())];
                let at = if attributes {
                    // Just inside the attributes' `{`, the last one on the line.
                    line_text.rfind('{').map_or(line_text.len(), |i| i + 1)
                } else if atx {
                    // At the end of its line, after a closing `##` too (where the renderer
                    // reads an id).
                    line_text.trim_end().len()
                } else {
                    (end - starts[line]).min(line_text.trim_end().len())
                };
                out.push(Heading {
                    line,
                    at,
                    attributes,
                    explicit,
                    text: words,
                });
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, words, end)) = open.as_mut() {
                    words.push_str(&t);
                    *end = range.end;
                }
            }
            _ => {
                if let Some((_, _, _, end)) = open.as_mut() {
                    *end = (*end).max(range.end);
                }
            }
        }
    }
    out
}

/// A part's text as a byte range of the body [`marked`] gives, with its readers.
pub type Marked = (std::ops::Range<usize>, Vec<Audience>);

/// For rendering a site that keeps them: `body` with its `:::` lines left empty, and each
/// part's text as a byte range of that body, with its readers. None when `body` has no part.
pub fn marked(body: &str) -> Option<(String, Vec<Marked>)> {
    let (parts, _) = scan(body);
    if parts.is_empty() {
        return None;
    }
    let mut text = String::with_capacity(body.len());
    let mut ranges = Vec::new();
    let mut start = 0;
    for (n, line) in body.split_inclusive('\n').enumerate() {
        if parts.iter().any(|p| p.open == n) {
            text.push_str(if line.ends_with('\n') { "\n" } else { "" });
            start = text.len();
        } else if let Some(p) = parts.iter().find(|p| p.close == n) {
            ranges.push((start..text.len(), p.readers.clone()));
            text.push_str(if line.ends_with('\n') { "\n" } else { "" });
        } else {
            text.push_str(line);
        }
    }
    Some((text, ranges))
}

#[cfg(test)]
mod tests {
    use super::*;
    use Audience::*;

    #[test]
    fn parts_are_found_by_their_lines_outside_code() {
        let body = "前言\n\n::: 培训师\n讲解要点\n:::\n\n```\n::: tip\n```\n\n::: 新员工、trainer\n练习\n:::\n";
        let (parts, problems) = scan(body);
        assert_eq!(problems, []);
        assert_eq!(
            parts,
            [
                Part {
                    open: 2,
                    close: 4,
                    readers: vec![Trainer]
                },
                Part {
                    open: 10,
                    close: 12,
                    readers: vec![NewStaff, Trainer]
                }
            ]
        );
        for line in [
            "::: trainer",
            ":::: 培训师",
            "   ::: 仅供培训师",
            "::: audience: [trainer]",
            "::: 讲师",
        ] {
            let (parts, problems) = scan(&format!("{line}\n文字\n:::\n"));
            assert_eq!((parts.len(), problems.len()), (1, 0), "{line}");
            assert_eq!(parts[0].readers, [Trainer], "{line}");
        }
        // Four spaces in: code, not a part.
        assert_eq!(scan("    ::: 培训师\n").0, []);
    }

    #[test]
    fn mistakes_are_placed_and_say_what_to_write() {
        let (parts, problems) = scan("a\n\n::: tip\nb\n:::\n");
        assert!(parts.is_empty());
        assert_eq!((problems[0].line, problems[0].col), (2, 5));
        assert!(problems[0].message.contains("`tip` names no reader group"));
        assert!(
            problems[0].hint.contains("> [!TIP]"),
            "{}",
            problems[0].hint
        );
        let (_, problems) = scan("::: 培训师 老师傅\nb\n:::\n");
        assert_eq!((problems[0].line, problems[0].col), (0, 9));
        assert!(problems[0].message.contains("`老师傅`"));
        let (_, problems) = scan("a\n:::\n");
        assert_eq!((problems[0].line, problems[0].col), (1, 1));
        assert!(problems[0].message.contains("none is open"));
        let (_, problems) = scan("::: 培训师\na\n");
        assert!(problems[0].message.contains("培训师 is never closed"));
        let (parts, problems) = scan("::: 培训师\na\n::: 新员工\nb\n:::\n");
        assert_eq!(parts.len(), 1);
        assert_eq!(problems[0].line, 2);
        assert!(problems[0].message.contains("already open (line 1"));
    }

    #[test]
    fn a_part_left_out_keeps_the_other_lines_in_place() {
        let body = "a\n::: 培训师\n## 讲解要点 {#key}\n### 常见 问题\n:::\nb\n::: 新员工\nc\n:::\n";
        let out = leave_out(body, &[Frontline, NewStaff], None).unwrap();
        assert_eq!(out.parts, 1);
        assert_eq!(out.text, "a\n\n\n\n\nb\n::: 新员工\nc\n:::\n");
        assert_eq!(out.gone, "## 讲解要点 {#key}\n### 常见 问题\n");
        assert_eq!(
            out.anchors,
            [
                "key".to_string(),
                crate::render::markdown::slugify("常见 问题")
            ]
        );
        assert_eq!(leave_out(body, &[Trainer, NewStaff], None), None);
    }

    /// The ids a site renders for `body`'s headings, in order.
    fn rendered_ids(body: &str, title_id: Option<&str>) -> Vec<String> {
        use crate::render::markdown::{LinkResolver, Resolved};
        struct NoLinks;
        impl LinkResolver for NoLinks {
            fn resolve(&self, _: &str, _: bool) -> Result<Option<Resolved>, (String, String)> {
                Ok(None)
            }
        }
        let out = crate::render::markdown::render_with(
            body,
            std::path::Path::new("a.md"),
            1,
            &NoLinks,
            None,
            title_id.map(|t| (t, 1)),
        );
        assert!(out.diagnostics.is_empty(), "{:?}", out.diagnostics);
        let html = out.html;
        (html.match_indices("<h").filter_map(|(i, _)| {
            let rest = &html[i..];
            let tag = &rest[..rest.find('>')?];
            let id = &tag[tag.find("id=\"")? + 4..];
            Some(id[..id.find('"')?].to_string())
        }))
        .collect()
    }

    #[test]
    fn headings_after_a_part_left_out_keep_their_ids() {
        let body = "## 处理\n::: 培训师\n## 处理\n\n处理\n---\n:::\n## 处理\n\n## 处理 ##\n\n\
                    ## 处理 {.wide}\n\n> ## 处理\n\n## 答复 {#own}\n## 处理 `码`\n";
        let everyone = rendered_ids(&marked(body).unwrap().0, Some("处理-3"));
        let LeftOut {
            text,
            anchors: gone,
            ..
        } = leave_out(body, &[Frontline], Some("处理-3")).unwrap();
        assert_eq!(gone, ["处理-1", "处理-2"]);
        let halls = rendered_ids(&text, Some("处理-3"));
        let kept: Vec<&String> = (everyone.iter()).filter(|id| !gone.contains(id)).collect();
        assert_eq!(halls.iter().collect::<Vec<_>>(), kept, "{text}");
        assert!(halls.contains(&"处理-4".to_string()), "{halls:?}");
        // Nothing written into a heading before the part, or one that keeps its text's id.
        assert!(text.starts_with("## 处理\n"), "{text}");
        assert!(text.contains("## 答复 {#own}\n## 处理 `码`\n"), "{text}");
    }

    #[test]
    fn marked_ranges_hold_the_parts_text() {
        let body = "a\n::: 培训师\nb\n:::\nc";
        let (text, ranges) = marked(body).unwrap();
        assert_eq!(text, "a\n\nb\n\nc");
        assert_eq!(&text[ranges[0].0.clone()], "b\n");
        assert_eq!(ranges[0].1, [Trainer]);
    }
}
