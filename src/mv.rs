//! `handbook mv OLD NEW`: moves or renames a lesson, or a folder with everything in it, and
//! rewrites what points at it, so a reorganisation is one command instead of a `sed` over the
//! book and thirty errors to fix.
//!
//! Rewritten, outside fenced code: Markdown links `[…](path.md#id)` (relative paths, recomputed
//! from each file's folder), the paths of raw HTML in Markdown (`<a href>`, `<img src>`, `<source
//! src>` …, as the renderer reads them), Markdown links and pictures in YAML files' Markdown
//! fields (from the content folder), wiki links `[[path#id|text]]` and `[[lesson:path]]`, and in
//! YAML and front matter every `lesson:path` and a lesson path written alone (a question's
//! `lessons`, a course item's `lesson:`). The moved lesson's own relative links, pictures and
//! HTML paths are recomputed from its new folder, and its old path goes into its `aliases`, so
//! bookmarks, links pasted elsewhere and learners' records follow. A folder moves in one pass
//! ([`Moves`]): every file under it goes, each page in it as a lesson moves, links between files
//! that move together left as written.

use crate::content::include::{join as resolve, relative};
use anyhow::{bail, Context};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// A lesson's path as a trainer may type it (`content/procedure/limits.md`, `procedure/limits`,
/// `/procedure/limits/`): the content-relative path without `.md`.
fn key(typed: &str, src: &str) -> String {
    // (As typed in a Windows shell, `.\content\a.md`, too.)
    let typed = typed.trim().replace('\\', "/");
    let typed = typed.strip_prefix("./").unwrap_or(&typed);
    crate::scaffold::lesson_path(typed, src)
        .trim_matches('/')
        .to_string()
}

fn folder_of(key: &str) -> &str {
    key.rfind('/').map_or("", |i| &key[..i])
}

/// Whether `dest` is a relative path (not a web address, `rule:` …, `#anchor` or `/…`).
pub(crate) fn is_relative(dest: &str) -> bool {
    let path = &dest[..dest.find(['#', '?']).unwrap_or(dest.len())];
    !path.is_empty()
        && !path.starts_with('/')
        && path.find(':').is_none_or(|i| path[..i].contains('/'))
}

/// `text` line by line through `f` (given the line and whether it is in front matter), but
/// fenced code (in a callout too) and front matter's `---` lines, which are left as written.
/// Front matter is read only for Markdown (`markdown`) that opens with it (`front`).
fn map_lines(
    text: &str,
    markdown: bool,
    front: bool,
    mut f: impl FnMut(&str, bool) -> String,
) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fences = crate::render::markdown::QuotedFences::default();
    let mut front = front && markdown && text.starts_with("---");
    // In a ```mermaid block: a flowchart's `click A "target"` is a link of the page's.
    let mut mermaid = false;
    // Code indented four spaces is shown as written, as fenced code is (the renderer's reading:
    // a line so indented in a list item is the item's text).
    let indented = indented_code_lines(text, markdown, front);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if indented.get(i) == Some(&true) {
            out.push_str(line);
            continue;
        }
        let was_open = fences.is_open();
        if markdown && !front && fences.code(line) {
            if !was_open {
                let info = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
                let info = info.trim_start_matches(['`', '~']).trim_start();
                mermaid = info.split_whitespace().next() == Some("mermaid");
            }
            match click_target(line).filter(|_| was_open && mermaid) {
                // (As a Markdown link's destination, and put back.)
                Some((s, e)) => {
                    let as_link = f(&format!("[]({})", &line[s..e]), false);
                    match as_link
                        .strip_prefix("[](")
                        .and_then(|t| t.strip_suffix(')'))
                    {
                        Some(t) if !t.contains(['"', '\n']) => {
                            out.push_str(&format!("{}{t}{}", &line[..s], &line[e..]))
                        }
                        _ => out.push_str(line),
                    }
                }
                None => out.push_str(line),
            }
            continue;
        }
        if front && (i == 0 || line.trim_end() == "---") {
            front = i == 0;
            out.push_str(line);
            continue;
        }
        out.push_str(&f(line, front));
    }
    out
}

/// For each line of `text` (as `split_inclusive('\n')` gives them), whether it is in code
/// indented four spaces, when `markdown` (past its front matter, when `front`); empty when not
/// Markdown or there is none.
pub(crate) fn indented_code_lines(text: &str, markdown: bool, front: bool) -> Vec<bool> {
    if !markdown {
        return Vec::new();
    }
    let code = indented_code(text, front);
    if code.is_empty() {
        return Vec::new();
    }
    let mut at = 0;
    text.split_inclusive('\n')
        .map(|line| {
            let start = at;
            at += line.len();
            code.iter().any(|r| r.start < at && start < r.end)
        })
        .collect()
}

/// The byte ranges of Markdown `text`'s indented code blocks (past its front matter, when
/// `front` and it opens with one).
fn indented_code(text: &str, front: bool) -> Vec<std::ops::Range<usize>> {
    use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
    let from = if front { body_start(text) } else { 0 };
    if !text[from..].contains("    ") && !text[from..].contains('\t') {
        return Vec::new();
    }
    // (A `::: 培训师` … `:::` part is blocks of its own to the renderer, as is what comes
    // before and after it: each read apart, so a line indented under its fence is code here
    // as on the page -- second review.)
    let mut out = Vec::new();
    let mut at = from;
    let mut start = from;
    let read = |a: usize, b: usize, out: &mut Vec<std::ops::Range<usize>>| {
        let part = &text[a..b];
        if !part.contains("    ") && !part.contains('\t') {
            return;
        }
        for (event, range) in
            Parser::new_ext(part, crate::render::markdown::options()).into_offset_iter()
        {
            if let Event::Start(Tag::CodeBlock(CodeBlockKind::Indented)) = event {
                out.push(a + range.start..a + range.end);
            }
        }
    };
    for line in text[from..].split_inclusive('\n') {
        if line.trim_start().starts_with(":::") {
            read(start, at, &mut out);
            start = at + line.len();
        }
        at += line.len();
    }
    read(start, text.len(), &mut out);
    out
}

/// The byte range of the target in a flowchart's `click A "target"` (or `click A href
/// "target" …`) line, quoted or not, when it is a path-like target a link may hold.
fn click_target(line: &str) -> Option<(usize, usize)> {
    let t = line.trim_start_matches(|c: char| c == '>' || c.is_whitespace());
    let rest = t.strip_prefix("click")?;
    let rest = rest.strip_prefix([' ', '\t'])?.trim_start();
    let id_end = rest.find(char::is_whitespace)?;
    let mut rest = rest[id_end..].trim_start();
    if let Some(r) = rest.strip_prefix("href") {
        rest = r.trim_start();
    }
    let q = rest.strip_prefix('"')?;
    let end = q.find('"')?;
    let start = line.len() - q.len();
    let target = &q[..end];
    (!target.is_empty() && !target.contains(char::is_whitespace) && !target.contains(['(', ')']))
        .then_some((start, start + end))
}

/// What moves, for one pass over the book's files: a lesson (`old` -> `new`, content paths
/// without `.md`), or a folder with everything in it ([`FolderMove`]). One pass rewrites the
/// references to all of it at once: a folder of 300 pages is read and written once, and a link
/// between two lessons that both move is read from where both were.
#[derive(Clone, Copy)]
enum Moves<'a> {
    /// Nothing (the moved text of a split: its own links are read from its new folder only).
    Nothing,
    Lesson(&'a str, &'a str),
    Folder(&'a FolderMove),
}

/// A folder that moves, `old` -> `new` (content paths): what in it a reference may name, which
/// then names it at `new/…`. Only what is there: `[[rules]]` is the rule index, not a folder
/// `content/rules/` of rule files, and a link to a lesson that is not there stays as written
/// (for `check` to report it where it is).
struct FolderMove {
    old: String,
    new: String,
    /// Its pages: its lessons (drafts too), and its sections: the folders holding them, and the
    /// folders holding those, up to the folder itself.
    pages: HashSet<String>,
    /// Every file and folder in it (content paths: `procedure/img/a.png`, `procedure/img`).
    files: HashSet<String>,
}

impl FolderMove {
    /// Where `path`, in the folder, goes.
    fn to(&self, path: &str) -> String {
        format!("{}{}", self.new, &path[self.old.len()..])
    }
}

impl Moves<'_> {
    /// Where page `path` (`procedure/limits`; a folder's, for its section) goes, if it moves.
    fn page(&self, path: &str) -> Option<String> {
        match *self {
            Moves::Nothing => None,
            Moves::Lesson(old, new) => (path == old).then(|| new.to_string()),
            Moves::Folder(f) => f.pages.contains(path).then(|| f.to(path)),
        }
    }

    /// Where a link's target goes, if it moves: a content path as the link names it (a page's
    /// file `procedure/limits.md` or address `procedure/limits`, a picture, an attachment).
    fn target(&self, t: &str) -> Option<String> {
        let (bare, md) = match t.strip_suffix(".md") {
            Some(b) => (b, ".md"),
            None => (t, ""),
        };
        if let Some(p) = self.page(bare) {
            return Some(format!("{p}{md}"));
        }
        match *self {
            Moves::Folder(f) if f.files.contains(t) => Some(f.to(t)),
            _ => None,
        }
    }

    /// What every path that moves starts with: looked for first, in each line.
    fn needle(&self) -> Option<&str> {
        match *self {
            Moves::Nothing => None,
            Moves::Lesson(old, _) => Some(old),
            Moves::Folder(f) => Some(&f.old),
        }
    }
}

/// `path` from folder `folder`'s path on (`""`, `/a.md`), when it is that folder or in it.
fn under<'p>(path: &'p str, folder: &str) -> Option<&'p str> {
    path.strip_prefix(folder)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Rewrites the references of one file. `folder`: its content folder now, `new_folder` where
/// it will be (different only for a file that moves). A Markdown file's links, and the paths
/// of its raw HTML ([`rewrite_html`]), are read from its folder; a YAML file's Markdown links
/// (in a rule's, quiz's, term's or course's Markdown fields: plain, quoted or block scalars)
/// from the content folder, as they are shown, outside fenced code in a block scalar. Returns
/// the text and the count.
fn rewrite(
    text: &str,
    markdown: bool,
    folder: &str,
    new_folder: &str,
    moves: Moves,
) -> (String, usize) {
    let mut n = 0;
    let mut yaml = YamlKeys::default();
    let mut yaml_code = YamlFences::default();
    // (A YAML file's Markdown fields link from the content folder, wherever the file is: see
    // `PageLinks::for_fields`.)
    let (folder, new_folder) = if markdown {
        (folder, new_folder)
    } else {
        ("", "")
    };
    let out = map_lines(text, markdown, true, |line, front| {
        let lone = (!markdown || front) && yaml.names_a_lesson(line);
        if !markdown && yaml_code.code(line) {
            return line.to_string();
        }
        let mut l = rewrite_paths(line, lone, moves, &mut n);
        if !front {
            l = map_destinations(&l, &mut |dest| {
                relink(dest, folder, new_folder, moves, &mut n)
            });
        }
        // (Wiki links name a page from the content folder, in a YAML file's Markdown fields as
        // in a lesson.)
        rewrite_wiki(&l, moves, &mut n)
    });
    if !markdown {
        return (out, n);
    }
    let out = rewrite_html(&out, &mut |dest| {
        relink(dest, folder, new_folder, moves, &mut n)
    });
    (out, n)
}

/// Fenced code in a YAML file's Markdown fields, line by line: in a block scalar (`notes: |`,
/// `- >-`), its lines read without the scalar's indent, as the field's Markdown is; code left
/// open ends with the scalar, as the field does.
#[derive(Default)]
struct YamlFences {
    /// In a block scalar: the indent its lines are deeper than, and their own (once seen).
    scalar: Option<(usize, Option<usize>)>,
    fences: crate::render::markdown::QuotedFences,
}

impl YamlFences {
    /// Whether `line` opens or closes fenced code, or is in it.
    fn code(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        if let Some((parent, inner)) = &mut self.scalar {
            if line.trim().is_empty() {
                return self.fences.is_open();
            }
            if indent > *parent {
                let inner = *inner.get_or_insert(indent);
                return self.fences.code(&line[indent.min(inner)..]);
            }
            *self = YamlFences::default();
        }
        self.scalar = block_scalar(line).map(|parent| (parent, None));
        false
    }
}

/// When YAML `line` opens a block scalar (`notes: |`, `- explanation: >-`, `- |2 # …`): the
/// indent its lines are deeper than (its key's, or its `-`'s).
fn block_scalar(line: &str) -> Option<usize> {
    let mut t = line.trim_start_matches(' ');
    let mut parent = line.len() - t.len();
    while let Some(rest) = t.strip_prefix('-').filter(|r| r.starts_with([' ', '\t'])) {
        let rest = rest.trim_start();
        if !rest.starts_with(['|', '>']) {
            parent = line.len() - rest.len();
        }
        t = rest;
    }
    let value = if t.starts_with(['|', '>']) {
        t
    } else {
        t.split_once(": ")?.1.trim_start()
    };
    let header = value.split(" #").next().unwrap_or(value).trim_end();
    let marks = header.strip_prefix(['|', '>'])?;
    marks
        .chars()
        .all(|c| c == '+' || c == '-' || c.is_ascii_digit())
        .then_some(parent)
}

/// Which YAML key a line's values belong to, line by line: only a course item's `lesson:` and
/// a question's `lessons:` hold a lesson's path written alone (an `id: overview` is not one).
#[derive(Default)]
struct YamlKeys {
    /// A block list's key and its indent: `lessons:` then `  - path` lines.
    list: Option<(String, usize)>,
}

impl YamlKeys {
    fn names_a_lesson(&mut self, line: &str) -> bool {
        let indent = line.len() - line.trim_start_matches(' ').len();
        let t = line.trim();
        if let Some(item) = t.strip_prefix("- ").or_else(|| (t == "-").then_some("")) {
            if let Some((k, at)) = &self.list {
                if indent >= *at && !item.contains(": ") {
                    return k == "lessons";
                }
            }
            return self.key(item.trim_start(), indent + 2);
        }
        if !t.is_empty() && !t.starts_with('#') && indent <= self.list.as_ref().map_or(0, |l| l.1) {
            self.list = None;
        }
        self.key(t, indent)
    }

    /// `key: value` or `key:` opening a block list.
    fn key(&mut self, t: &str, indent: usize) -> bool {
        let Some((k, v)) = t.split_once(':') else {
            return false;
        };
        if k.contains(' ') || k.is_empty() {
            return false;
        }
        if v.trim().is_empty() {
            self.list = Some((k.to_string(), indent));
            return false;
        }
        matches!(k, "lesson" | "lessons")
    }
}

/// Where a path written as a word ends: at a space, `#anchor`, or what closes a list or link.
fn word_end(s: &str) -> usize {
    s.find(|c: char| c.is_whitespace() || matches!(c, '#' | ']' | ',' | '"' | '\'' | ')' | '|'))
        .unwrap_or(s.len())
}

/// `lesson:old` anywhere, and where `lone` (a YAML value that names a lesson: see
/// [`YamlKeys`]) `old` written as a value of its own (`lesson: old`, `[old, …]`, `- old`);
/// `old` a path that moves (`.md` after it kept as written).
fn rewrite_paths(line: &str, lone: bool, moves: Moves, n: &mut usize) -> String {
    let Some(needle) = moves.needle() else {
        return line.to_string();
    };
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find(needle) {
        let head = &rest[..at];
        let word = &rest[at..at + word_end(&rest[at..])];
        let path = word.strip_suffix(".md").unwrap_or(word);
        let lead = head.trim_end_matches(['"', '\'']);
        let alone = lone
            && (lead.trim().is_empty()
                || lead.ends_with("- ")
                || lead.ends_with(": ")
                || lead.trim_end().ends_with(['[', ',']));
        match moves.page(path) {
            Some(new) if head.ends_with("lesson:") || alone => {
                out.push_str(head);
                out.push_str(&new);
                *n += 1;
                rest = &rest[at + path.len()..];
            }
            _ => {
                out.push_str(&rest[..at + needle.len()]);
                rest = &rest[at + needle.len()..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// `line` with each link destination in it (`](dest)`, a reference definition's,
/// `[图1]: img/a.png "标题"`, and mdBook's `{{#include path}}`) replaced by `f`'s answer.
pub(crate) fn map_destinations(line: &str, f: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let mut rest = line;
    let t = line.trim_start();
    let definition = t.starts_with('[') && !t.starts_with("[[") && t.contains("]: ");
    let include = t.starts_with("{{#include ");
    if definition || include {
        let at = line.len() - t.len()
            + if include {
                "{{#include ".len()
            } else {
                t.find("]: ").unwrap_or(0) + 3
            };
        out.push_str(&line[..at]);
        rest = &line[at..];
        let end = dest_end(rest, include);
        out.push_str(&f(&rest[..end]));
        rest = &rest[end..];
    }
    while let Some(at) = rest.find("](") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let end = dest_end(rest, false);
        out.push_str(&f(&rest[..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// Where a link destination at the start of `s` ends: `<…>` whole (the brackets kept out of
/// the path by `relink`), else at a space, `)` (or, in an include, `}}` or `:part`).
fn dest_end(s: &str, include: bool) -> usize {
    if s.starts_with('<') {
        return s.find('>').map_or(s.len(), |i| i + 1);
    }
    let stop: &[char] = if include {
        &[' ', '}', ':', '\n', '\r']
    } else {
        &[')', ' ', '\n', '\r']
    };
    s.find(stop).unwrap_or(s.len())
}

/// A Markdown link's destination in a file of `folder` (to be in `new_folder`), as it is to be
/// written: to where its target moves, and, from a file that moves, read from its new folder.
/// A link that still leads to its target as written (a file that moves linking a file beside
/// it, or a picture under it, that moves with it) stays as written.
fn relink(dest: &str, folder: &str, new_folder: &str, moves: Moves, n: &mut usize) -> String {
    if let Some(inner) = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
        return format!("<{}>", relink(inner, folder, new_folder, moves, n));
    }
    if !is_relative(dest) {
        return dest.to_string();
    }
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, tail) = dest.split_at(cut);
    // (`%20` and other escapes name the file decoded, as `check` reads them; a path written
    // so is written back so, its spaces as `%20`.)
    let encoded = path.contains('%');
    let decoded = crate::book::urls::percent_decoded(path);
    let path = decoded.as_deref().unwrap_or(path);
    let written = |p: String| if encoded { p.replace(' ', "%20") } else { p };
    let Some(target) = resolve(folder, path) else {
        return dest.to_string();
    };
    let moved = moves.target(&target);
    if moved.is_none() && folder == new_folder {
        return dest.to_string();
    }
    let target = moved.clone().unwrap_or(target);
    if resolve(new_folder, path).as_deref() == Some(target.as_str()) {
        return dest.to_string();
    }
    if moved.is_some() {
        *n += 1;
    }
    let mut to = written(relative(new_folder, &target));
    if path.ends_with('/') && !to.is_empty() && !to.ends_with('/') {
        to.push('/');
    }
    format!("{to}{tail}")
}

/// Where Markdown `text`'s body starts: after its front matter, when it opens with one.
fn body_start(text: &str) -> usize {
    if !text.starts_with("---") {
        return 0;
    }
    text.split_inclusive('\n')
        .scan(0, |at, l| {
            *at += l.len();
            Some((*at, l))
        })
        .skip(1)
        .find(|(_, l)| l.trim_end() == "---")
        .map_or(0, |(at, _)| at)
}

/// Markdown `text` with the paths its raw HTML links or shows (`<a href>`, `<img src>`,
/// `<source src>` …: as the renderer reads them, not in code or a comment) rewritten by
/// `relink` as its Markdown links are ([`relink`] for a move, [`section_link`] for a split);
/// the rest, the value's quotes too, as written.
fn rewrite_html(text: &str, relink: &mut dyn FnMut(&str) -> String) -> String {
    use pulldown_cmark::{Event, Parser};
    if !text.contains('<') {
        return text.to_string();
    }
    let body_at = body_start(text);
    let body = &text[body_at..];
    let mut state = crate::render::markdown::HtmlScan::default();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let parser = Parser::new_ext(body, crate::render::markdown::options());
    for (event, range) in parser.into_offset_iter() {
        // (A block of HTML ends what it left open, as the renderer reads it.)
        if let Event::End(pulldown_cmark::TagEnd::HtmlBlock) = event {
            state.block_end();
        }
        let (Event::Html(html) | Event::InlineHtml(html)) = event else {
            continue;
        };
        let values = crate::render::markdown::html_paths(&html, &mut state);
        // (Where the event's text stands in the file: it is a slice of it, or else found in
        // the event's range.)
        let (p, b0) = (html.as_ptr() as usize, body.as_ptr() as usize);
        let at = if p >= b0 && p + html.len() <= b0 + body.len() {
            Some(p - b0)
        } else {
            body[range.clone()].find(&*html).map(|k| range.start + k)
        };
        let Some(at) = at.map(|k| body_at + k) else {
            continue;
        };
        for (s, e, _) in values {
            let value = &html[s..e];
            if crate::render::markdown::not_a_path(value) {
                continue;
            }
            // (`&amp;` is `&` to the renderer; spaces around the path are kept.)
            let core = value.trim();
            let lead = value.len() - value.trim_start().len();
            let plain = core.replace("&amp;", "&");
            let to = relink(&plain);
            if to != plain {
                let to = if core.contains("&amp;") {
                    to.replace('&', "&amp;")
                } else {
                    to
                };
                edits.push((at + s + lead, at + s + lead + core.len(), to));
            }
        }
    }
    crate::render::markdown::splice(text, edits)
}

/// `[[old]]`, `[[old#id|text]]`, `[[lesson:old]]` (`old` a page that moves).
fn rewrite_wiki(line: &str, moves: Moves, n: &mut usize) -> String {
    if moves.needle().is_none_or(|needle| !line.contains(needle)) {
        return line.to_string();
    }
    let mut out = String::new();
    let mut rest = line;
    while let Some(at) = rest.find("[[") {
        out.push_str(&rest[..at + 2]);
        rest = &rest[at + 2..];
        let inner = rest.strip_prefix("lesson:").unwrap_or(rest);
        out.push_str(&rest[..rest.len() - inner.len()]);
        rest = inner;
        let path = rest.strip_prefix('/').unwrap_or(rest);
        let lead = rest.len() - path.len();
        let Some(end) = path.find([']', '#', '|']) else {
            continue;
        };
        let word = &path[..end];
        let word = word.strip_suffix(".md").unwrap_or(word);
        if let Some(new) = moves.page(word) {
            out.push_str(&rest[..lead]);
            out.push_str(&new);
            *n += 1;
            rest = &path[word.len()..];
        }
    }
    out.push_str(rest);
    out
}

/// Puts `old` into the front matter's `aliases` of lesson text `text`, and takes out `new`,
/// the path it moves to (a move undone: the page's own path is no alias of it).
fn add_alias(text: &str, old: &str, new: &str) -> String {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let end = lines
        .iter()
        .skip(1)
        .position(|l| l.trim_end() == "---")
        .map(|i| i + 1);
    let (true, Some(end)) = (text.starts_with("---"), end) else {
        return format!("---{nl}aliases: [{old}]{nl}---{nl}{text}");
    };
    let Some(k) = (1..end).find(|&k| lines[k].starts_with("aliases:")) else {
        lines.insert(end, format!("aliases: [{old}]{nl}"));
        return lines.concat();
    };
    let line = lines[k].trim_end().to_string();
    let value = line["aliases:".len()..].trim();
    if value.starts_with('[') && value.ends_with(']') {
        let mut items: Vec<&str> = value[1..value.len() - 1]
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty() && *x != new)
            .collect();
        items.push(old);
        lines[k] = format!("aliases: [{}]{nl}", items.join(", "));
        return lines.concat();
    }
    // A block list: the old path as one more item, written as the next item is (`- x` or
    // `  - x`); the new path's item taken out.
    let item = |l: &str| l.trim_start().starts_with("- ");
    let prefix = lines
        .get(k + 1)
        .filter(|l| item(l))
        .map(|l| l[..l.len() - l.trim_start().len()].to_string() + "- ")
        .unwrap_or_else(|| "  - ".into());
    let mut m = k + 1;
    while m < end && item(&lines[m]) {
        if lines[m].trim_start()[2..].trim() == new {
            lines.remove(m);
            continue;
        }
        m += 1;
    }
    lines.insert(k + 1, format!("{prefix}{old}{nl}"));
    lines.concat()
}

/// The book's Markdown and YAML files under `src` that can be read, each with whether it is
/// Markdown, and its text: what `handbook mv` rewrites (of a lesson or a tag).
pub(crate) fn source_texts(src: &Path) -> impl Iterator<Item = (PathBuf, bool, String)> {
    walkdir::WalkDir::new(src)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let ext = e.path().extension().and_then(|x| x.to_str()).unwrap_or("");
            if !matches!(ext, "md" | "yaml" | "yml") {
                return None;
            }
            let markdown = ext == "md";
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some((e.into_path(), markdown, text))
        })
}

/// A lesson about to move (or have a section split out), and where to: checked.
struct Moving {
    book: crate::book::Book,
    src: PathBuf,
    old: String,
    new: String,
    page: usize,
    from_file: PathBuf,
    to_file: PathBuf,
}

/// Where a move is: the book's content folder (as a path from the book's folder, as typed
/// paths may start with it, and on disk), and the paths moved from and to, as [`key`] reads
/// them as typed.
struct Paths {
    src_rel: PathBuf,
    src_name: String,
    src: PathBuf,
    old: String,
    new: String,
}

impl Paths {
    /// `from` -> `to` (as typed) in `book` at `root`.
    fn of(book: &crate::book::Book, root: &Path, from: &str, to: &str) -> anyhow::Result<Paths> {
        let src_rel = book.config.build.src.clone();
        let src_name = src_rel.to_string_lossy().trim_matches('/').to_string();
        let typed = |p: &str| crate::scaffold::typed_path(root, &src_rel, p);
        Ok(Paths {
            src: root.join(&src_rel),
            old: key(&typed(from)?, &src_name),
            new: key(&typed(to)?, &src_name),
            src_rel,
            src_name,
        })
    }
}

/// Looks up lesson `at.old` in `book` (at `root`) and checks that `at.new` can be a new lesson;
/// `e.g.` shows how to write the lesson.
fn moving(book: crate::book::Book, root: &Path, at: Paths, eg: &str) -> anyhow::Result<Moving> {
    let Paths {
        src_rel,
        src,
        old,
        new,
        ..
    } = at;
    let Some(&i) = book.page_index.get(&old) else {
        bail!(t!(
            "no lesson `{old}` in {}: give its path in the content folder, e.g. `{eg}`",
            "{} 里没有课程 `{old}`：请写它在内容文件夹里的路径，例如 `{eg}`",
            src_rel.display()
        ));
    };
    let page = &book.pages[i];
    // A lesson whose front matter does not read is in the book for its text to be checked
    // only: moving or splitting it would write into YAML that does not read and lose what is
    // there (its tags, audience, sources).
    if book.is_broken("lesson", &old) {
        bail!(t!(
            "`{old}` has a mistake in its front matter: run `handbook check`, mend it, then move it; nothing was changed",
            "`{old}` 的前置信息有错误：请先运行 `handbook check`，改好后再移动；没有改动任何文件"
        ));
    }
    if page.kind != crate::book::PageKind::Lesson {
        bail!(t!("`{old}` is not a lesson (a section's _index.md or the home page moves with its folder)", "`{old}` 不是课程页面（栏目的 _index.md 和首页随所在的文件夹一起移动）"));
    }
    if new == old {
        bail!(t!(
            "`{new}` is where the lesson is already",
            "课程已经在 `{new}` 了"
        ));
    }
    if let Some(problem) = crate::scaffold::lesson_path_problem(&book, &new) {
        bail!("{problem}");
    }
    let to_file = src.join(format!("{new}.md"));
    // A folder named as the new path: the lesson was most likely meant to go into it.
    if !to_file.exists() && src.join(&new).is_dir() {
        let name = old.rsplit('/').next().unwrap_or(&old);
        bail!(t!(
            "`{new}` is a folder: to put the lesson in it, write `{new}/{name}`",
            "`{new}` 是一个文件夹：要把课程放进去，请写 `{new}/{name}`"
        ));
    }
    if book.page_index.contains_key(&new)
        || to_file.exists()
        || src.join(&new).join("index.md").exists()
    {
        bail!(t!("`{new}` is a page already", "`{new}` 已经是一个页面了"));
    }
    // (A page's file is named from the book's folder, as diagnostics show it.)
    let from_file = if page.file.is_absolute() {
        page.file.clone()
    } else {
        root.join(page.file.strip_prefix(root).unwrap_or(&page.file))
    };
    Ok(Moving {
        book,
        src,
        old,
        new,
        page: i,
        from_file,
        to_file,
    })
}

/// What a move did.
pub struct Moved {
    /// The lesson's file, or the folder, before and after (from the book's folder).
    pub from: PathBuf,
    pub to: PathBuf,
    /// Each other file rewritten, with how many references in it.
    pub rewritten: Vec<(PathBuf, usize)>,
    /// A folder moved: what went with it.
    pub folder: Option<FolderMoved>,
    /// A rule or quiz file moved as it is ([`mv_data_file`]).
    pub data_file: bool,
}

/// What went with a folder that moved.
pub struct FolderMoved {
    /// Its lessons, in it and in the folders in it (each with its old path in its `aliases`).
    pub lessons: usize,
    /// Its files, all told (lessons, `_index.md`, pictures, attachments, rule and quiz files …).
    pub files: usize,
    /// Its sections (the folder, and each in it with lessons) whose old address does not
    /// forward: they have no `_index.md` to list it in. Their old paths and new ones.
    pub not_forwarded: Vec<(String, String)>,
}

/// Moves lesson `from` to `to` (paths as typed) in the book at `root`; or, when `from` is a
/// folder in the content folder, the folder with everything in it ([`mv_folder`]).
pub fn mv(root: &Path, from: &str, to: &str) -> anyhow::Result<Moved> {
    let book = crate::scaffold::scan(root)?;
    let at = Paths::of(&book, root, from, to)?;
    let (src, old) = (&at.src, &at.old);
    let typed = from.trim().replace('\\', "/");
    if crate::content::yaml_role(old).is_some() {
        return mv_data_file(root, &at);
    }
    // (`content/procedure/` or `procedure`; `procedure.md` beside a folder `procedure/` is the
    // lesson, as the page `procedure` is, unless the path ends in `/`: `index/` is the folder,
    // not the home page `index.md`.)
    let folder_typed = typed.ends_with('/') && !old.is_empty() && src.join(old).is_dir();
    if folder_typed
        || (!typed.ends_with(".md")
            && !src.join(format!("{old}.md")).is_file()
            && (old.is_empty() || *old == at.src_name || src.join(old).is_dir()))
    {
        return mv_folder(root, book, at);
    }
    if !book.page_index.contains_key(old) {
        bail!(no_such(&book, src, old, typed.ends_with('/')));
    }
    let Moving {
        src,
        old,
        new,
        from_file,
        to_file,
        ..
    } = moving(book, root, at, "procedure/time-limits")?;
    let moves = Moves::Lesson(&old, &new);
    let mut w = Writes::default();
    for (p, markdown, text) in source_texts(&src) {
        let rel = content_path(&p, &src);
        let folder = folder_of(&rel);
        let own = rel == format!("{old}.md") || p == from_file;
        let new_folder = if own { folder_of(&new) } else { folder };
        let (mut out, n) = rewrite(&text, markdown, folder, new_folder, moves);
        if own {
            out = add_alias(&out, &old, &new);
            w.texts.push(Write {
                now: from_file.clone(),
                to: to_file.clone(),
                text: out,
            });
        } else if n > 0 {
            w.in_place(root, p, out, n);
        }
    }
    let make_folder = || match to_file.parent() {
        Some(parent) => std::fs::create_dir_all(parent)
            .with_context(|| t!("cannot create {}", "无法创建 {}", parent.display())),
        None => Ok(()),
    };
    write_all(&w.texts, make_folder, Path::to_path_buf)?;
    std::fs::remove_file(&from_file)
        .with_context(|| t!("cannot remove {}", "无法删除 {}", from_file.display()))?;
    // (`newfolder/` after `mv newfolder/mindset basics/mindset`.)
    remove_emptied(&from_file, &src);
    let rewritten = w.rewritten();
    Ok(Moved {
        from: from_file
            .strip_prefix(root)
            .unwrap_or(&from_file)
            .to_path_buf(),
        to: to_file.strip_prefix(root).unwrap_or(&to_file).to_path_buf(),
        rewritten,
        folder: None,
        data_file: false,
    })
}

/// Moves a rules or quiz file (`at.old`, a content path ending in `.yaml`) to `at.new`, or into
/// it when it is a folder: its rules and quizzes are found by their ids, so nothing that names
/// them changes; the new name must keep what the file is (`*.rules.yaml` / `*.rule.yaml`,
/// `*.quiz.yaml`), and its `# yaml-language-server` line is pointed at the schema again from
/// the new place. glossary.yaml and the others at the top have their names and place.
fn mv_data_file(root: &Path, at: &Paths) -> anyhow::Result<Moved> {
    let (src, old) = (&at.src, &at.old);
    let from_file = src.join(old);
    let name = old.rsplit('/').next().unwrap_or(old);
    let role = crate::content::yaml_role(old);
    if !from_file.is_file() {
        bail!(t!(
            "no file `{old}` in {}: give its path in the content folder, e.g. `rules/intake.rules.yaml`",
            "{} 里没有文件 `{old}`：请写它在内容文件夹里的路径，例如 `rules/intake.rules.yaml`",
            at.src_rel.display()
        ));
    }
    match role {
        Some("fixed") => bail!(t!(
            "`{name}` has its name and place (the top of the content folder): it cannot move",
            "`{name}` 的名字和位置是固定的（内容文件夹的最上层），不能移动"
        )),
        Some("unknown") => bail!(t!(
            "`{old}` is not a file handbook reads (rule files end in `.rule.yaml` or `.rules.yaml`, quizzes in `.quiz.yaml`): move it as any file",
            "handbook 不读 `{old}` 这个文件（规则文件以 `.rule.yaml` 或 `.rules.yaml` 结尾，测验以 `.quiz.yaml` 结尾）：请像普通文件一样移动它"
        )),
        _ => {}
    }
    let mut new = at.new.clone();
    if new.is_empty() || src.join(&new).is_dir() {
        new = if new.is_empty() {
            name.to_string()
        } else {
            format!("{new}/{name}")
        };
    }
    if crate::content::yaml_role(&new) != role {
        let ends = match role {
            Some("quiz") => t!("`.quiz.yaml`", "`.quiz.yaml` "),
            _ => t!(
                "`.rules.yaml` (or `.rule.yaml`)",
                "`.rules.yaml`（或 `.rule.yaml`）"
            ),
        };
        bail!(t!(
            "`{new}`: the new name must end in {ends}, or handbook no longer reads the file as what it is; nothing was changed",
            "`{new}`：新名字要以 {ends}结尾，否则 handbook 不再把它当作原来的文件读；没有改动任何文件"
        ));
    }
    let to_file = src.join(&new);
    if to_file == from_file {
        bail!(t!(
            "`{new}` is where the file is already",
            "文件已经在 `{new}` 了"
        ));
    }
    if to_file.exists() {
        bail!(t!(
            "`{new}` exists already; nothing was changed",
            "`{new}` 已经存在；没有改动任何文件"
        ));
    }
    let text = std::fs::read_to_string(&from_file)
        .with_context(|| t!("cannot read {}", "无法读取 {}", from_file.display()))?;
    // The schema line, from the new place (the same schema file).
    let rel_to = to_file.strip_prefix(root).unwrap_or(&to_file).to_path_buf();
    let mut moved_text = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let schema = line
            .strip_prefix("# yaml-language-server: $schema=")
            .map(|p| p.trim_end().rsplit('/').next().unwrap_or("").to_string());
        match schema.map(|s| crate::scaffold::schema_line(root, &rel_to, &s)) {
            Some(again) if !again.is_empty() => {
                moved_text.push_str(again.trim_end_matches('\n'));
                moved_text.push_str(&line[line.trim_end().len()..]);
            }
            _ => moved_text.push_str(line),
        }
    }
    if let Some(parent) = to_file.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| t!("cannot create {}", "无法创建 {}", parent.display()))?;
    }
    std::fs::write(&to_file, moved_text)
        .with_context(|| t!("cannot write {}", "无法写入 {}", to_file.display()))?;
    std::fs::remove_file(&from_file)
        .with_context(|| t!("cannot remove {}", "无法删除 {}", from_file.display()))?;
    remove_emptied(&from_file, src);
    Ok(Moved {
        from: from_file
            .strip_prefix(root)
            .unwrap_or(&from_file)
            .to_path_buf(),
        to: rel_to,
        rewritten: Vec::new(),
        folder: None,
        data_file: true,
    })
}

/// `p`, a file under content folder `src`, as a content path (`procedure/limits.md`).
fn content_path(p: &Path, src: &Path) -> String {
    p.strip_prefix(src)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

/// The page a Markdown file at content path `rel` is: a lesson's path, its folder's for
/// `_index.md`, `""` for the home page.
fn page_of(rel: &str) -> &str {
    match rel.rsplit_once('/') {
        Some((folder, "_index.md")) => folder,
        None if rel == "index.md" || rel == "_index.md" => "",
        _ => rel.strip_suffix(".md").unwrap_or(rel),
    }
}

/// The folders under content folder `src`, as content paths (not hidden ones).
fn folders(src: &Path) -> Vec<String> {
    walkdir::WalkDir::new(src)
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_dir())
        .map(|e| content_path(e.path(), src))
        .collect()
}

/// Why `old` cannot be moved: no lesson or folder has that path (with the nearest that does;
/// a folder's when it was typed as one, `procedure/`).
fn no_such(book: &crate::book::Book, src: &Path, old: &str, folder_only: bool) -> String {
    let folders = folders(src);
    let lessons = book
        .pages
        .iter()
        .filter(|p| p.kind == crate::book::PageKind::Lesson && !folder_only)
        .map(|p| p.path.as_str());
    // (Not a folder it is in: `basics` is no slip for `basics/missing`.)
    let candidates = folders.iter().map(String::as_str).chain(lessons);
    let near = crate::diagnostics::nearest(old, candidates.filter(|c| under(old, c).is_none()))
        .map(|n| t!(" (did you mean `{n}`?)", "（是不是 `{n}`？）"))
        .unwrap_or_default();
    t!(
        "no lesson or folder `{old}` in {}{near}: give its path in the content folder, e.g. `procedure/time-limits` (a lesson) or `procedure` (a folder)",
        "{} 里没有课程或文件夹 `{old}`{near}：请写它在内容文件夹里的路径，例如 `procedure/time-limits`（课程）或 `procedure`（文件夹）",
        book.config.build.src.display()
    )
}

/// Why a folder cannot be at content path `new`: a part that is not kebab-case (its pages'
/// addresses), or a folder a generated page uses.
fn folder_path_problem(book: &crate::book::Book, new: &str) -> Option<String> {
    if let Some(bad) = new.split('/').find(|s| !crate::scaffold::kebab(s)) {
        return Some(t!(
            "`{bad}` cannot be part of a folder's path: use lower-case letters, digits and hyphens (it becomes its pages' addresses), e.g. `service/procedure`; the Chinese name goes in the `title` of its _index.md",
            "文件夹的路径里不能有 `{bad}`：只用小写英文字母、数字和连字符 `-`（它会成为其中页面的网址），例如 `service/procedure`；中文名称写在它的 _index.md 的 `title` 里"
        ));
    }
    let top = new.split('/').next().unwrap_or("");
    if crate::book::reserved(book, top) {
        return Some(t!(
            "`{top}/` is used by a generated page; put the folder elsewhere",
            "`{top}/` 由自动生成的页面使用；请把文件夹放到别处"
        ));
    }
    None
}

/// `handbook mv procedure service/procedure`: folder `at.old` with everything in it moved to
/// `at.new`, in one pass over the book: each lesson in it (in the folders in it too) as
/// [`mv`] moves one — every reference to it rewritten, its old path into its `aliases` — and
/// each section's `_index.md` likewise (the section's old address forwards); the links of the
/// files that move read from their new folder, those to files that move with them left as
/// written; links elsewhere to its pictures, attachments and snippets rewritten too. Refused,
/// with nothing changed: no such folder, the content folder itself, a new path that exists, is
/// inside the folder, is not kebab-case or is a generated folder's, a lesson in it whose front
/// matter does not read.
fn mv_folder(root: &Path, book: crate::book::Book, at: Paths) -> anyhow::Result<Moved> {
    let Paths {
        src_rel,
        src_name,
        src,
        old,
        new,
    } = at;
    if old.is_empty() || (old == src_name && !src.join(&old).is_dir()) {
        bail!(t!(
            "{} is the content folder itself: name a folder in it, e.g. `procedure`",
            "{} 是内容文件夹本身：请写它里面的一个文件夹，例如 `procedure`",
            src_rel.display()
        ));
    }
    let old_dir = src.join(&old);
    if !old_dir.is_dir() {
        bail!(no_such(&book, &src, &old, true));
    }
    if new == old {
        bail!(t!(
            "`{new}` is where the folder is already",
            "文件夹已经在 `{new}` 了"
        ));
    }
    if new.is_empty() {
        bail!(t!(
            "give the folder's new path in the content folder, e.g. `service/procedure`",
            "请写文件夹在内容文件夹里的新路径，例如 `service/procedure`"
        ));
    }
    if under(&new, &old).is_some() {
        bail!(t!(
            "`{new}` is inside `{old}`: a folder cannot move into itself",
            "`{new}` 在 `{old}` 里面：文件夹不能移到它自己里面"
        ));
    }
    if let Some(problem) = folder_path_problem(&book, &new) {
        bail!("{problem}");
    }
    let new_dir = src.join(&new);
    if book.page_index.contains_key(&new) || src.join(format!("{new}.md")).exists() {
        bail!(t!("`{new}` is a page already", "`{new}` 已经是一个页面了"));
    }
    if new_dir.exists() {
        bail!(t!(
            "`{new}` exists already: choose another path (to merge two folders, move their lessons one by one)",
            "`{new}` 已经存在：请换一个路径（要合并两个文件夹，请逐篇移动课程）"
        ));
    }
    // A folder of a lesson's name: the lesson and the folder would both be that page.
    let mut at = new.as_str();
    while let Some((parent, _)) = at.rsplit_once('/') {
        if src.join(format!("{parent}.md")).is_file() {
            bail!(t!(
                "`{parent}` is a lesson: a folder `{parent}/` would be the same page; put the folder elsewhere",
                "`{parent}` 是一篇课程：文件夹 `{parent}/` 会和它成为同一个页面；请把文件夹放到别处"
            ));
        }
        at = parent;
    }
    // What is in it: its files and folders, its pages (lessons and sections' `_index.md`).
    let entries: Vec<(String, bool)> = walkdir::WalkDir::new(&old_dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| (content_path(e.path(), &src), e.file_type().is_dir()))
        .collect();
    let pages: Vec<String> = entries
        .iter()
        .filter(|(rel, dir)| !dir && rel.ends_with(".md"))
        .map(|(rel, _)| rel.clone())
        .filter(|rel| !crate::content::include::is_snippet(rel))
        .filter(|rel| !rel.rsplit('/').next().is_some_and(|n| n.starts_with('.')))
        .collect();
    let mut page_set = HashSet::new();
    for rel in &pages {
        let mut page = page_of(rel);
        page_set.insert(page.to_string());
        while let Some((folder, _)) = page.rsplit_once('/').filter(|_| page != old) {
            page_set.insert(folder.to_string());
            page = folder;
        }
    }
    let folder_move = FolderMove {
        old: old.clone(),
        new: new.clone(),
        pages: page_set,
        files: entries.iter().map(|(rel, _)| rel.clone()).collect(),
    };
    let moves = Moves::Folder(&folder_move);

    // (Its front matter would not read with an alias put in, and the alias be lost.)
    let broken: Vec<&str> = pages
        .iter()
        .map(|rel| page_of(rel))
        .filter(|p| book.is_broken("lesson", p))
        .collect();
    if !broken.is_empty() {
        let list = broken
            .iter()
            .map(|p| format!("`{p}`"))
            .collect::<Vec<_>>()
            .join(&t!(", ", "、"));
        bail!(t!(
            "a page in it has a mistake in its front matter ({list}): run `handbook check`, mend it, then move the folder; nothing was changed",
            "文件夹里有页面的前置信息有错误（{list}）：请先运行 `handbook check`，改好后再移动文件夹；没有改动任何文件"
        ));
    }
    // An old address of a page that stays, which a page that moves would have.
    let new_pages: HashSet<String> = folder_move
        .pages
        .iter()
        .map(|p| folder_move.to(p))
        .collect();
    for (alias, i) in &book.aliases {
        let page = &book.pages[*i];
        if under(&page.path, &old).is_none() && new_pages.contains(alias) {
            bail!(t!(
                "`{alias}` is an old address of {} (in its aliases), and a page moving would be there: take the alias out, or move the folder elsewhere",
                "`{alias}` 是 {} 的旧地址（写在它的 aliases 里），移动后会有页面用到这个地址：请删掉这个别名，或者把文件夹移到别处",
                crate::diagnostics::display_path(root, &page.file).display()
            ));
        }
    }

    // Every new text first: each file that names something in the folder, and each file of
    // the folder whose links or aliases change.
    let mut w = Writes::default();
    for (p, markdown, text) in source_texts(&src) {
        let rel = content_path(&p, &src);
        let folder = folder_of(&rel);
        let Some(new_rel) = under(&rel, &old).map(|_| folder_move.to(&rel)) else {
            let (out, n) = rewrite(&text, markdown, folder, folder, moves);
            if n > 0 {
                w.in_place(root, p, out, n);
            }
            continue;
        };
        let (mut out, _) = rewrite(&text, markdown, folder, folder_of(&new_rel), moves);
        let hidden = rel.rsplit('/').next().is_some_and(|n| n.starts_with('.'));
        if markdown && !hidden && !crate::content::include::is_snippet(&rel) {
            let page = page_of(&rel);
            out = add_alias(&out, page, page_of(&new_rel));
        }
        if out != text {
            w.texts.push(Write {
                now: p,
                to: src.join(&new_rel),
                text: out,
            });
        }
    }
    let not_forwarded = book
        .pages
        .iter()
        .filter(|p| p.kind == crate::book::PageKind::Section && under(&p.path, &old).is_some())
        .filter(|p| !p.file.ends_with("_index.md"))
        .map(|p| (p.path.clone(), folder_move.to(&p.path)))
        .collect();
    let lessons = pages
        .iter()
        .filter(|rel| !rel.ends_with("/_index.md"))
        .count();

    // Then the folder moves, and the new texts take their files' places.
    let shift = || {
        let parent = new_dir.parent().unwrap_or(&src);
        // (The first folder made for it, taken away again if the folder cannot move.)
        let made = parent
            .ancestors()
            .take_while(|a| !a.exists())
            .last()
            .map(Path::to_path_buf);
        let undo = || {
            if let Some(m) = &made {
                let _ = std::fs::remove_dir_all(m);
            }
        };
        if let Err(e) = std::fs::create_dir_all(parent) {
            undo();
            return Err(anyhow::Error::new(e).context(t!(
                "cannot create {}",
                "无法创建 {}",
                parent.display()
            )));
        }
        std::fs::rename(&old_dir, &new_dir).map_err(|e| {
            undo();
            anyhow::Error::new(e).context(t!(
                "cannot move {} to {}",
                "无法把 {} 移到 {}",
                old_dir.display(),
                new_dir.display()
            ))
        })
    };
    let after = |p: &Path| match p.strip_prefix(&old_dir) {
        Ok(rest) => new_dir.join(rest),
        Err(_) => p.to_path_buf(),
    };
    write_all(&w.texts, shift, after)?;
    // (`service/` after `mv service/procedure procedure`.)
    remove_emptied(&old_dir, &src);
    let shown = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    Ok(Moved {
        from: shown(&old_dir),
        to: shown(&new_dir),
        rewritten: w.rewritten(),
        folder: Some(FolderMoved {
            lessons,
            files: entries.iter().filter(|(_, dir)| !dir).count(),
            not_forwarded,
        }),
        data_file: false,
    })
}

/// A file's new text, written with the others by [`write_all`]: `now` is the file before the
/// move (the new text is put beside it first), `to` where the text goes after it.
struct Write {
    now: PathBuf,
    to: PathBuf,
    text: String,
}

/// What a move writes: each file's new text, and the files rewritten where they are (not the
/// ones that move) with how many references in each.
#[derive(Default)]
struct Writes {
    texts: Vec<Write>,
    /// (From the book's folder, as `mv` lists them.)
    rewritten: Vec<(PathBuf, usize)>,
}

impl Writes {
    /// File `p` rewritten where it is, to `text`, with `n` references in it (listed when it
    /// has any).
    fn in_place(&mut self, root: &Path, p: PathBuf, text: String, n: usize) {
        if n > 0 {
            let shown = p.strip_prefix(root).unwrap_or(&p).to_path_buf();
            self.rewritten.push((shown, n));
        }
        self.texts.push(Write {
            now: p.clone(),
            to: p,
            text,
        });
    }

    /// File `p`'s new text and its count taken back (to be rewritten further), when it has one.
    fn take(&mut self, root: &Path, p: &Path) -> Option<(String, usize)> {
        let k = self.texts.iter().position(|w| w.now == p)?;
        let text = self.texts.remove(k).text;
        let n = match self.rewritten.iter().position(|(r, _)| root.join(r) == p) {
            Some(k) => self.rewritten.remove(k).1,
            None => 0,
        };
        Some((text, n))
    }

    /// The files rewritten where they are, in order.
    fn rewritten(mut self) -> Vec<(PathBuf, usize)> {
        self.rewritten.sort();
        self.rewritten
    }
}

/// Where the new text of file `p` waits, beside it: a hidden name (`.limits.md.mv~`) that the
/// book's loader skips, as it skips dotfiles and editors' backups.
fn staged(p: &Path) -> PathBuf {
    let name = p.file_name().unwrap_or_default().to_string_lossy();
    p.with_file_name(format!(".{name}.mv~"))
}

/// Writes `writes` as nearly all or nothing as a file system allows. Every new text is first
/// written beside its file ([`staged`]); if one cannot be, those written are taken away and
/// nothing has changed. Then `shift` runs (the lesson's new folder made, or the folder
/// renamed, which is one step; `after` says where a path is once it has), and if it fails the
/// staged texts are taken away, nothing changed. Last, each staged text takes its file's place
/// by a rename (which replaces a file whole, never half-written): a rename failing here (a
/// file locked, the disk gone) is named in the error with where its new text is.
fn write_all(
    writes: &[Write],
    shift: impl FnOnce() -> anyhow::Result<()>,
    after: impl Fn(&Path) -> PathBuf,
) -> anyhow::Result<()> {
    let mut put: Vec<PathBuf> = Vec::new();
    let take_away = |put: &[PathBuf]| {
        for p in put {
            let _ = std::fs::remove_file(p);
        }
    };
    for w in writes {
        let at = staged(&w.now);
        if let Err(e) = std::fs::write(&at, &w.text) {
            let _ = std::fs::remove_file(&at);
            take_away(&put);
            return Err(anyhow::Error::new(e).context(t!(
                "cannot write beside {}; nothing was changed",
                "无法在 {} 旁边写入；没有改动任何文件",
                w.now.display()
            )));
        }
        put.push(at);
    }
    if let Err(e) = shift() {
        take_away(&put);
        return Err(e.context(t!("nothing was changed", "没有改动任何文件")));
    }
    let mut failed = Vec::new();
    for w in writes {
        let at = after(&staged(&w.now));
        if let Err(e) = std::fs::rename(&at, &w.to) {
            failed.push(t!(
                "{} ({e}; its new text is in {})",
                "{}（{e}；它的新内容在 {}）",
                w.to.display(),
                at.display()
            ));
        }
    }
    if !failed.is_empty() {
        bail!(t!(
            "the move stopped half-way: these files keep their old text: {}; put each new text in its place by hand, then run `handbook check`",
            "移动做到一半停下了：这些文件还是原来的内容：{}；请手工把新内容换进去，再运行 `handbook check`",
            failed.join(&t!("; ", "；"))
        ));
    }
    Ok(())
}

/// The folders above `gone` (a file or folder moved away) that it left empty, up to the
/// content folder `src`: they go too; the first with anything left in it stays, and those
/// above it.
fn remove_emptied(gone: &Path, src: &Path) {
    for dir in gone.ancestors().skip(1).take_while(|d| *d != src) {
        if std::fs::remove_dir(dir).is_err() {
            break;
        }
    }
}

/// One heading of a lesson's own text: its level, id (as the page gives it), text, and the
/// byte range of its line.
#[derive(Debug)]
struct Heading {
    level: u8,
    id: String,
    text: String,
    start: usize,
    line_end: usize,
}

/// The headings of Markdown `body` with the ids the page gives them (an `{#id}` of its own, else
/// [`crate::render::markdown::slugify`] of the text, `-1`, `-2` … after the first alike); not
/// a `# ` heading the text opens with that is the page's `title` (the page header shows it).
/// `title_id`: the page header's own id, taken before any heading (for a body whose title
/// heading is already out of it).
fn headings(body: &str, title: Option<&str>, title_id: Option<&str>) -> Vec<Heading> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut ids = crate::render::markdown::HeadingIds::default();
    if let Some(id) = title_id {
        ids.reserve(id, 0);
    }
    let mut open: Option<(u8, Option<String>, String, usize, usize)> = None;
    let mut first = true;
    for (event, range) in
        Parser::new_ext(body, crate::render::markdown::options()).into_offset_iter()
    {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                open = Some((
                    level as u8,
                    id.map(|s| s.to_string()),
                    String::new(),
                    range.start,
                    range.end,
                ));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, _, text, _, _)) = open.as_mut() {
                    text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((level, explicit, text, start, block_end)) = open.take() else {
                    continue;
                };
                let leading = first && body[..start].trim().is_empty();
                first = false;
                if leading && level == 1 && title.is_some_and(|t| text.trim() == t.trim()) {
                    // (Its own id is the page header's: no heading of the text gets it.)
                    if let Some(id) = &explicit {
                        ids.reserve(id, 0);
                    }
                    continue;
                }
                let (id, _) = ids.take(explicit.as_deref(), &text, 0);
                // (A line starts at the heading's `#`s, or the line before a setext one's mark;
                // the heading ends after that mark's line.)
                let line_start = body[..start].rfind('\n').map_or(0, |i| i + 1);
                let last = block_end.max(start + 1).min(body.len());
                let line_end = body[last - 1..]
                    .find('\n')
                    .map_or(body.len(), |i| last - 1 + i + 1);
                out.push(Heading {
                    level,
                    id,
                    text: text.trim().to_string(),
                    start: line_start,
                    line_end,
                });
            }
            _ => {}
        }
    }
    out
}

/// The headings of `page` as rendered, its snippets included (none without snippets): each
/// with its line in the page's file, or, for a snippet's, the snippet's path; and its id.
fn rendered_headings(page: &crate::book::Page) -> Vec<(Result<usize, String>, String)> {
    let Some(origins) = page.origins.as_deref() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let title_id = page.front.title_id.as_ref().map(|(t, _)| t.as_str());
    for h in headings(&page.body, None, title_id) {
        let k = page.body[..h.start].matches('\n').count();
        let Some((file, line, _, _)) = origins.at(k) else {
            continue;
        };
        let at = if file == page.file {
            Ok(line)
        } else {
            Err(file.to_string_lossy().replace('\\', "/"))
        };
        out.push((at, h.id));
    }
    out
}

/// `text` (a new lesson's, its title out of it) with an `{#id}` on each heading whose id on the
/// new page would not be the one in `ids` it had (in order), or would be the title's.
fn keep_ids(text: &str, ids: &[String], title_id: &str) -> String {
    let mut text = text.to_string();
    // (Each id pinned may move the `-1`s after it: until nothing changes.)
    for _ in 0..=ids.len() {
        let hs = headings(&text, Some(""), None);
        let Some((h, id)) = hs
            .iter()
            .zip(ids)
            .find(|(h, id)| h.id != **id || h.id == title_id)
        else {
            break;
        };
        let line_end = text[h.start..]
            .find('\n')
            .map_or(text.len(), |e| h.start + e);
        let line = text[h.start..line_end].trim_end_matches('\r').trim_end();
        let line = match line.trim_end_matches('#') {
            l if l.len() < line.len() && l.ends_with(' ') => l.trim_end(),
            _ => line,
        };
        let pinned = format!("{line} {{#{id}}}");
        let rest_at = h.start + text[h.start..line_end].trim_end_matches('\r').len();
        text = format!("{}{pinned}{}", &text[..h.start], &text[rest_at..]);
    }
    text
}

/// `text` with its ATX headings raised by `by` levels (`### 步骤` → `## 步骤` for 1), outside
/// fenced code.
fn raise_headings(text: &str, by: usize) -> String {
    let mut fences = crate::render::markdown::QuotedFences::default();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let hashes = line.len() - line.trim_start_matches('#').len();
        if !fences.code(line) && hashes > by && line[hashes..].starts_with([' ', '\t', '\n', '\r'])
        {
            out.push_str(&line[by..]);
        } else {
            out.push_str(line);
        }
    }
    out
}

/// In `text` (a Markdown file of `folder`, or YAML), each reference to `old#id` for an `id` in
/// `ids` made one to `new#id`: Markdown links (`../procedure/limits.md#reply`), wiki links,
/// `lesson:old#id` and a YAML value `old#id`. `same_page`: the file is `old` itself, whose
/// `(#id)` links then point at the new lesson. Returns the text and the count.
fn rewrite_sections(
    text: &str,
    markdown: bool,
    folder: &str,
    old: &str,
    new: &str,
    ids: &[String],
    same_page: bool,
) -> (String, usize) {
    let mut n = 0;
    let mut yaml_code = YamlFences::default();
    let out = map_lines(text, markdown, true, |line, front| {
        // `old#id` as a word of its own (a wiki link's, `lesson:`'s, a YAML value).
        let mut l = String::with_capacity(line.len());
        let mut rest = line;
        while let Some(at) = rest.find(old) {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + old.len()..];
            let after = after.strip_prefix(".md").unwrap_or(after);
            let hit = after.strip_prefix('#').and_then(|a| {
                let end = a
                    .find(|c: char| {
                        c.is_whitespace() || matches!(c, ']' | '|' | ',' | '"' | '\'' | ')')
                    })
                    .unwrap_or(a.len());
                ids.iter().any(|id| *id == a[..end]).then_some(&a[..end])
            });
            let word = before.is_none_or(|c| {
                c.is_whitespace() || matches!(c, '[' | ':' | ',' | '"' | '\'' | '|')
            });
            match hit {
                Some(id) if word && !rest[..at].ends_with("](") => {
                    l.push_str(&rest[..at]);
                    // (The section itself is the new lesson: its path alone.)
                    if *id == ids[0] {
                        l.push_str(new);
                    } else {
                        l.push_str(&format!("{new}#{id}"));
                    }
                    n += 1;
                    rest = &after[1 + id.len()..];
                }
                _ => {
                    l.push_str(&rest[..at + old.len()]);
                    rest = &rest[at + old.len()..];
                }
            }
        }
        l.push_str(rest);
        // A YAML file's Markdown fields link from the content folder (outside their code).
        let code = !markdown && yaml_code.code(line);
        if !front && !code {
            let (folder, same_page) = if markdown {
                (folder, same_page)
            } else {
                ("", false)
            };
            l = map_destinations(&l, &mut |dest| {
                section_link(dest, folder, old, new, ids, same_page, &mut n)
            });
        }
        l
    });
    if !markdown {
        return (out, n);
    }
    // Raw HTML's paths (`<a href="limits.md#reply">`), as its Markdown links.
    let out = rewrite_html(&out, &mut |dest| {
        section_link(dest, folder, old, new, ids, same_page, &mut n)
    });
    (out, n)
}

/// A link `dest` of a file in `folder` after section `ids[0]` of lesson `old` (with the
/// sections under it, `ids`) became lesson `new`: to that lesson when it names one of them
/// (`#x` alone on the old lesson itself, `same_page`), else as written.
fn section_link(
    dest: &str,
    folder: &str,
    old: &str,
    new: &str,
    ids: &[String],
    same_page: bool,
    n: &mut usize,
) -> String {
    let Some((path, id)) = dest.split_once('#') else {
        return dest.to_string();
    };
    if !ids.iter().any(|x| x == id) {
        return dest.to_string();
    }
    let target = if path.is_empty() {
        same_page.then(|| old.to_string())
    } else if is_relative(path) {
        resolve(folder, path).map(|t| t.trim_end_matches(".md").trim_end_matches('/').to_string())
    } else {
        None
    };
    if target.as_deref() != Some(old) {
        return dest.to_string();
    }
    *n += 1;
    if id == ids[0] {
        format!("{}.md", relative(folder, new))
    } else {
        format!("{}.md#{id}", relative(folder, new))
    }
}

/// What a section split out of a lesson did.
pub struct Split {
    /// The lesson it left, and the new lesson's file (from the book's folder).
    pub from: PathBuf,
    pub to: PathBuf,
    /// The ids of the section and of the sections under it, which moved with it.
    pub ids: Vec<String>,
    /// Each file rewritten (the old lesson too), with how many references in it.
    pub rewritten: Vec<(PathBuf, usize)>,
}

/// Why section `#id` of lesson `old` cannot be split out to `new`: it is the lesson's title.
fn title_heading(id: &str, old: &str, new: &str) -> String {
    t!(
        "`#{id}` is the lesson's title heading: move the whole lesson with `handbook mv {old} {new}`",
        "`#{id}` 是课程的标题：要移动整个课程，请用 `handbook mv {old} {new}`"
    )
}

/// `handbook mv procedure/time-limits#extension procedure/extension`: the section `#extension`
/// of a lesson (with the sections under it) made a lesson of its own. Its heading becomes the
/// new lesson's title and the headings under it rise a level; the new lesson comes after the
/// old one (in its folder; else last in its folder), carries its tags, audience and sources,
/// and lists each old address (`procedure/time-limits#extension`, and those of the sections
/// under it) in its `aliases`, so bookmarks and learners' records follow. Links to those
/// sections, in the old lesson and everywhere else (Markdown, wiki links, `lesson:` and YAML
/// values such as a question's `lessons`), are rewritten to the new lesson, and the moved
/// text's own links are read from its new folder.
pub fn split(root: &Path, from: &str, to: &str) -> anyhow::Result<Split> {
    let (from_path, id) = from
        .split_once('#')
        .with_context(|| t!("no `#section` in the path", "路径里没有 `#小节`"))?;
    let id = id.trim();
    let book = crate::scaffold::scan(root)?;
    let at = Paths::of(&book, root, from_path, to)?;
    let m = moving(book, root, at, "procedure/time-limits#extension")?;
    let (book, src, old, new, from_file, to_file) =
        (&m.book, &m.src, &m.old, &m.new, &m.from_file, &m.to_file);
    let page = &book.pages[m.page];
    let text = std::fs::read_to_string(from_file)
        .with_context(|| t!("cannot read {}", "无法读取 {}", from_file.display()))?;
    // The body: after the front matter.
    let body_at = body_start(&text);
    let body = &text[body_at..];
    let mut hs = headings(body, Some(&page.front.title), None);
    if page.front.title_id.as_ref().is_some_and(|(t, _)| t == id) {
        bail!(title_heading(id, old, new));
    }
    // With snippets included, the ids are the page's as rendered (a snippet's heading above
    // may have taken an id, making one here `-1`); the snippets' own headings are sections of
    // the page too. Each heading of the page as rendered: (its file line, or none for a
    // snippet's, with the snippet; id).
    let rendered = rendered_headings(page);
    let first_line = text[..body_at].matches('\n').count() + 1;
    let line_of = |h: &Heading| first_line + body[..h.start].matches('\n').count();
    for h in hs.iter_mut() {
        let l = line_of(h);
        if let Some((_, x)) = rendered.iter().find(|(at, _)| *at == Ok(l)) {
            h.id = x.clone();
        }
    }
    if !hs.iter().any(|h| h.id == id) {
        if let Some((Err(snippet), _)) = rendered.iter().find(|(_, x)| x == id) {
            bail!(t!(
                "`#{id}` is a section of the snippet `{snippet}`, which `{old}` includes: only the page's own text is split; move that part of the snippet into {old}.md first (or split the snippet's text by hand)",
                "`#{id}` 是片段 `{snippet}` 里的小节（`{old}` 引入了这个片段）：只能拆分页面自己的文字；请先把片段里的这部分移到 {old}.md 里（或者手工拆分片段的文字）"
            ));
        }
    }
    let Some(k) = hs.iter().position(|h| h.id == id) else {
        let ids: Vec<&str> = hs.iter().map(|h| h.id.as_str()).collect();
        let near = crate::diagnostics::nearest(id, ids.iter().copied())
            .map(|n| t!(" (did you mean `#{n}`?)", "（是不是想写 `#{n}`？）"))
            .unwrap_or_default();
        bail!(t!(
            "`{old}` has no section `#{id}`{near}; its sections: {}",
            "`{old}` 里没有小节 `#{id}`{near}；它的小节有：{}",
            if ids.is_empty() {
                t!("none", "（没有）")
            } else if crate::i18n::zh() {
                // (In backticks, as the anchors are written: `#a`、`#b`.)
                ids.iter()
                    .map(|i| format!("`#{i}`"))
                    .collect::<Vec<_>>()
                    .join("、")
            } else {
                ids.iter()
                    .map(|i| format!("#{i}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            }
        ));
    };
    let h = &hs[k];
    if h.level == 1 {
        bail!(title_heading(id, old, new));
    }
    let end_k = hs[k + 1..]
        .iter()
        .position(|x| x.level <= h.level)
        .map(|e| k + 1 + e);
    let end = end_k.map_or(body.len(), |e| hs[e].start);
    let own_ids: Vec<String> = hs[k..end_k.unwrap_or(hs.len())]
        .iter()
        .map(|x| x.id.clone())
        .collect();
    // The section's ids: its own headings', and those of the snippets included in it (they
    // move with their include lines).
    let mut ids = own_ids.clone();
    let from = rendered.iter().position(|(at, _)| *at == Ok(line_of(h)));
    let to = end_k.and_then(|e| {
        rendered
            .iter()
            .position(|(at, _)| *at == Ok(line_of(&hs[e])))
    });
    if let Some(from) = from {
        for (at, x) in &rendered[from..to.unwrap_or(rendered.len())] {
            if at.is_err() && !ids.contains(x) {
                ids.push(x.clone());
            }
        }
    }
    // A part for some readers (`::: 培训师` … `:::`) across the section's first or last line
    // would be cut in two: an unclosed part in one lesson, a stray `:::` in the other.
    let (parts, _) = crate::content::readers::scan(body);
    let line_in_body = |at: usize| body[..at].matches('\n').count();
    for edge in [line_in_body(h.start), line_in_body(end)] {
        if let Some(p) = parts.iter().find(|p| p.open < edge && edge <= p.close) {
            let who = crate::content::readers::label(&p.readers);
            let (open, close) = (first_line + p.open, first_line + p.close);
            bail!(t!(
                "the section `#{id}` begins or ends inside the part for {who} on lines {open}-{close} of {old}.md (`::: …` to `:::`): split, it would be cut in two",
                "小节 `#{id}` 的开头或结尾落在 {old}.md 第 {open}-{close} 行仅供{who}的段落（`::: …` 到 `:::`）里面：这样拆开，这个段落会被切成两半"
            ) + &t!(
                "; move the `:::` lines so the part is wholly inside the section or outside it, then split",
                "；请先挪动这两行 `:::`，让这个段落整个在这一节里面或者外面，再拆分"
            ));
        }
    }
    let section = &body[h.line_end..end];
    let title = h.text.clone();
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };

    // The new lesson: after the old one in its folder, else last in its folder.
    let old_folder = folder_of(old);
    let new_folder = folder_of(new);
    let siblings: std::collections::HashSet<i64> = book
        .pages
        .iter()
        .filter(|p| folder_of(&p.path) == new_folder)
        .filter_map(|p| p.front.order)
        .collect();
    let order = if old_folder == new_folder {
        // (The next number no page of the folder has: two alike are warned about.)
        page.front
            .order
            .map(|o| (o + 1..).find(|n| !siblings.contains(n)).unwrap_or(o + 1))
    } else {
        siblings.iter().max().map(|o| o + 10)
    };
    let mut front = serde_yaml::Mapping::new();
    let mut put = |k: &str, v: serde_yaml::Value| {
        front.insert(k.into(), v);
    };
    if let Some(o) = order {
        put("order", o.into());
    }
    let list =
        |v: Vec<String>| serde_yaml::Value::Sequence(v.into_iter().map(Into::into).collect());
    if !page.front.tags.is_empty() {
        put("tags", list(page.front.tags.clone()));
    }
    if !page.front.audience.is_empty() {
        put("audience", serde_yaml::to_value(&page.front.audience)?);
    }
    if !page.front.sources.is_empty() {
        put("sources", list(page.front.sources.clone()));
    }
    put(
        "aliases",
        list(ids.iter().map(|x| format!("{old}#{x}")).collect()),
    );
    let front = serde_yaml::to_string(&front)?;
    // Its text: the headings under it a level up, its links read from the new folder, and its
    // links to sections of the old lesson (`#x`) made links there.
    let raised = raise_headings(
        section.trim_start_matches(['\n', '\r']),
        (h.level - 1) as usize,
    );
    let (moved_text, _) = rewrite(&raised, true, old_folder, new_folder, Moves::Nothing);
    let to_old = format!("{}.md", relative(new_folder, old));
    let moved_text =
        map_destinations_lines(&moved_text, &mut |dest| match dest.strip_prefix('#') {
            Some(x) if !ids.iter().any(|i| i == x) => format!("{to_old}#{x}"),
            _ => dest.to_string(),
        });
    // The sections under it keep their ids: one that the new page would give another (the
    // `-1` of a heading like one above it that stayed behind, or the title's id) gets its own.
    let moved_text = keep_ids(&moved_text, &own_ids[1..], &ids[0]);
    // Its heading the title, with the section's id (old links and aliases land on it).
    let new_text = format!(
        "---{nl}{}---{nl}{nl}# {title} {{#{}}}{nl}{nl}{moved_text}",
        front.replace('\n', nl),
        ids[0]
    );

    // The old lesson without it, its `(#x)` links to the moved sections pointing there.
    let rest = format!("{}{}", &text[..body_at + h.start], &body[end..]);
    let mut w = Writes::default();
    for (p, markdown, t) in source_texts(src) {
        let rel = content_path(&p, src);
        let own = p == *from_file;
        let t = if own { rest.clone() } else { t };
        let (out, n) = rewrite_sections(&t, markdown, folder_of(&rel), old, new, &ids, own);
        if n > 0 || own {
            w.in_place(root, p, out, n);
        }
    }
    // The onboarding course: the new lesson right after the old one, where that is an item
    // (else what new staff read loses the section).
    let course = src.join("course.yaml");
    let course_text = w
        .take(root, &course)
        .or_else(|| std::fs::read_to_string(&course).ok().map(|t| (t, 0)));
    if let Some((t, n)) = course_text {
        let (out, added) = course_after(&t, old, new);
        let n = n + usize::from(added);
        if n > 0 {
            w.in_place(root, course, out, n);
        }
    }
    if let Some(parent) = to_file.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| t!("cannot create {}", "无法创建 {}", parent.display()))?;
    }
    std::fs::write(to_file, new_text)
        .with_context(|| t!("cannot write {}", "无法写入 {}", to_file.display()))?;
    for x in &w.texts {
        std::fs::write(&x.to, &x.text)
            .with_context(|| t!("cannot write {}", "无法写入 {}", x.to.display()))?;
    }
    Ok(Split {
        from: from_file
            .strip_prefix(root)
            .unwrap_or(from_file)
            .to_path_buf(),
        to: to_file.strip_prefix(root).unwrap_or(to_file).to_path_buf(),
        ids,
        rewritten: w.rewritten(),
    })
}

/// course.yaml `text` with an item `- lesson: new` after each item `- lesson: old` (and the
/// lines of that item), written as it is; and whether one was added.
fn course_after(text: &str, old: &str, new: &str) -> (String, bool) {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut out = String::with_capacity(text.len() + 64);
    let mut added = false;
    let mut k = 0;
    while k < lines.len() {
        let l = lines[k];
        out.push_str(l);
        k += 1;
        let t = l.trim_start();
        let value = t.strip_prefix("- lesson:").map(|v| {
            v.split(" #")
                .next()
                .unwrap_or(v)
                .trim()
                .trim_matches(['"', '\''])
        });
        if value != Some(old) {
            continue;
        }
        let indent = l.len() - t.len();
        // The item's other lines (`checkpoint: true` …), deeper than its `- `.
        while k < lines.len() {
            let m = lines[k];
            let deeper = m.len() - m.trim_start().len() > indent;
            if m.trim().is_empty() || !deeper {
                break;
            }
            out.push_str(m);
            k += 1;
        }
        if !out.ends_with('\n') {
            out.push('\n');
        }
        let nl = if l.ends_with("\r\n") { "\r\n" } else { "\n" };
        out.push_str(&format!("{}- lesson: {new}{nl}", &l[..indent]));
        added = true;
    }
    (out, added)
}

/// [`map_destinations`] over each line of Markdown `text` outside fenced code.
fn map_destinations_lines(text: &str, f: &mut dyn FnMut(&str) -> String) -> String {
    map_lines(text, true, false, |l, _| map_destinations(l, f))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What stops a move or a split is told in Chinese.
    #[test]
    fn refusals_are_told_in_chinese() {
        use crate::i18n::in_chinese;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::init::init(root).unwrap();
        let e = mv(root, "basics/missing", "basics/x").err().unwrap();
        assert!(
            e.to_string()
                .starts_with("no lesson or folder `basics/missing` in content"),
            "{e}"
        );
        let e = in_chinese(|| mv(root, "basics/missing", "basics/x"))
            .err()
            .unwrap();
        let e = e.to_string();
        assert!(
            e.starts_with("content 里没有课程或文件夹 `basics/missing`")
                && e.ends_with("：请写它在内容文件夹里的路径，例如 `procedure/time-limits`（课程）或 `procedure`（文件夹）"),
            "{e}"
        );
        // A folder: the nearest folder's name.
        let e = in_chinese(|| mv(root, "basic/", "x")).err().unwrap();
        assert!(e.to_string().contains("（是不是 `basics`？）"), "{e}");
        let e = in_chinese(|| mv(root, "basics", "basics/inner"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "`basics/inner` 在 `basics` 里面：文件夹不能移到它自己里面"
        );
        let e = in_chinese(|| mv(root, "basics/first-lesson", "basics/first-lesson"))
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "课程已经在 `basics/first-lesson` 了");
        let e = in_chinese(|| split(root, "basics/first-lesson#nope", "basics/x"))
            .err()
            .unwrap();
        assert!(
            e.to_string()
                .starts_with("`basics/first-lesson` 里没有小节 `#nope`"),
            "{e}"
        );
        // (The sections named as they are written, in backticks.)
        assert!(e.to_string().contains("；它的小节有：`#"), "{e}");
        // Nothing was moved.
        assert!(root.join("content/basics/first-lesson.md").is_file());
    }

    #[test]
    fn headings_have_the_ids_the_page_gives_them() {
        let body = "## 受理\n\n```\n## 代码\n```\n\n### 受理\n\n设置\n---\n\n## 自己的 {#own}\n";
        let hs = headings(body, Some(""), None);
        let got: Vec<(u8, &str, &str)> = hs
            .iter()
            .map(|h| (h.level, h.id.as_str(), h.text.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                (2, "受理", "受理"),
                (3, "受理-1", "受理"),
                (2, "设置", "设置"),
                (2, "own", "自己的")
            ]
        );
        // A setext heading's lines are its text's and its mark's.
        assert_eq!(&body[hs[2].start..hs[2].line_end], "设置\n---\n");
        // The title heading the text opens with is the page's, not a section.
        let hs = headings("# 受理须知\n\n## 受理须知\n", Some("受理须知"), None);
        let got: Vec<(u8, &str)> = hs.iter().map(|h| (h.level, h.id.as_str())).collect();
        assert_eq!(got, [(2, "受理须知")]);
        // Its own id is the page header's: a heading of that text gets `-1`, as rendered.
        let hs = headings(
            "# 受理须知 {#intake}\n\n## intake\n",
            Some("受理须知"),
            None,
        );
        let got: Vec<(u8, &str)> = hs.iter().map(|h| (h.level, h.id.as_str())).collect();
        assert_eq!(got, [(2, "intake-1")]);
        assert_eq!(
            raise_headings("### 甲\n```\n### 乙\n```\n#### 丙\n#不是\n", 1),
            "## 甲\n```\n### 乙\n```\n### 丙\n#不是\n"
        );
    }

    #[test]
    fn section_references_follow_and_others_stay() {
        let ids = vec!["reply".to_string(), "sub".to_string()];
        let md = "[a](limits.md#reply) [b](limits.md#sub) [c](limits.md#other) [d](#sub) [[p/limits#sub|x]] [[p/limits#subx]] p/limits#reply\n";
        let (out, n) = rewrite_sections(md, true, "p", "p/limits", "q/reply", &ids, false);
        assert_eq!(n, 4, "{out}");
        assert_eq!(out, "[a](../q/reply.md) [b](../q/reply.md#sub) [c](limits.md#other) [d](#sub) [[q/reply#sub|x]] [[p/limits#subx]] q/reply\n");
        // On the old page itself, `#sub` is the new lesson's.
        let (out, _) = rewrite_sections(
            "[d](#sub) [e](#other)\n",
            true,
            "p",
            "p/limits",
            "q/reply",
            &ids,
            true,
        );
        assert_eq!(out, "[d](../q/reply.md#sub) [e](#other)\n");
        let yaml = "lessons: [p/limits#reply, p/limits#other]\nrelated: [lesson:p/limits#sub]\n";
        let (out, n) = rewrite_sections(yaml, false, "quizzes", "p/limits", "q/reply", &ids, false);
        assert_eq!(n, 2, "{out}");
        assert_eq!(
            out,
            "lessons: [q/reply, p/limits#other]\nrelated: [lesson:q/reply#sub]\n"
        );
        // A YAML file's Markdown fields link from the content folder; not in their code.
        let yaml = "explanation: 见[第二节](p/limits.md#reply)和[别处](p/limits.md#other)\nnotes: |\n  ```\n  [代码](p/limits.md#sub)\n  ```\n  [小节](p/limits.md#sub)\n";
        let (out, n) = rewrite_sections(yaml, false, "quizzes", "p/limits", "q/reply", &ids, false);
        assert_eq!(n, 2, "{out}");
        assert_eq!(out, "explanation: 见[第二节](q/reply.md)和[别处](p/limits.md#other)\nnotes: |\n  ```\n  [代码](p/limits.md#sub)\n  ```\n  [小节](q/reply.md#sub)\n");
        // A lesson's raw HTML paths, as its links; not in code.
        let md = "<a href=\"limits.md#sub\">小节</a> <a href='limits.md#other'>别处</a>\n\n`<a href=\"limits.md#sub\">`\n";
        let (out, n) = rewrite_sections(md, true, "p", "p/limits", "q/reply", &ids, false);
        assert_eq!(n, 1, "{out}");
        assert_eq!(out, "<a href=\"../q/reply.md#sub\">小节</a> <a href='limits.md#other'>别处</a>\n\n`<a href=\"limits.md#sub\">`\n");
    }

    #[test]
    fn relative_paths_between_folders() {
        assert_eq!(relative("a/b", "a/c/d.md"), "../c/d.md");
        assert_eq!(relative("", "a/d.md"), "a/d.md");
        assert_eq!(relative("a", "d.md"), "../d.md");
        assert_eq!(resolve("a/b", "../c/d.md").as_deref(), Some("a/c/d.md"));
        assert_eq!(resolve("", "../x.md"), None);
    }

    #[test]
    fn references_are_rewritten_where_they_name_the_lesson_only() {
        let md = "---\ntitle: t\n---\n见[时限](../procedure/limits.md#reply)与[[procedure/limits|时限]]、[[lesson:procedure/limits#a]]，\n不是[别的](../procedure/limits-extra.md)或 procedure/limits 这几个字。\n```\n[代码](../procedure/limits.md)\n```\n\n    [缩进的代码](../procedure/limits.md)\n\n- 一项\n\n    [一项的第二段](../procedure/limits.md)\n";
        let (out, n) = rewrite(
            md,
            true,
            "basics",
            "basics",
            Moves::Lesson("procedure/limits", "handling/deadlines"),
        );
        assert_eq!(n, 4, "{out}");
        assert!(
            out.contains("    [缩进的代码](../procedure/limits.md)\n"),
            "{out}"
        );
        assert!(
            out.contains("    [一项的第二段](../handling/deadlines.md)\n"),
            "{out}"
        );
        assert!(out.contains("见[时限](../handling/deadlines.md#reply)与[[handling/deadlines|时限]]、[[lesson:handling/deadlines#a]]"), "{out}");
        assert!(
            out.contains("[别的](../procedure/limits-extra.md)或 procedure/limits 这几个字"),
            "{out}"
        );
        assert!(
            out.contains("```\n[代码](../procedure/limits.md)\n```"),
            "{out}"
        );
        let yaml = "related: [TS-A-1, lesson:procedure/limits#reply]\nlessons: [procedure/limits, procedure/limits-b]\n  - lesson: procedure/limits\n";
        let (out, n) = rewrite(
            yaml,
            false,
            "quizzes",
            "quizzes",
            Moves::Lesson("procedure/limits", "x/y"),
        );
        assert_eq!(n, 3, "{out}");
        assert_eq!(out, "related: [TS-A-1, lesson:x/y#reply]\nlessons: [x/y, procedure/limits-b]\n  - lesson: x/y\n");
    }

    #[test]
    fn a_lone_path_is_rewritten_only_where_yaml_names_a_lesson() {
        // A one-word lesson path: `id: overview` or a module id is no lesson.
        let yaml = "id: overview\nmodules:\n  - id: overview\n    items:\n      - lesson: overview\n      - quiz: overview\nquestions:\n  - id: q1\n    lessons:\n      - overview\n      - other\n    rules: [overview]\n";
        let (out, n) = rewrite(
            yaml,
            false,
            "",
            "",
            Moves::Lesson("overview", "basics/overview"),
        );
        assert_eq!(n, 2, "{out}");
        assert_eq!(
            out,
            yaml.replace("- lesson: overview", "- lesson: basics/overview")
                .replace("      - overview\n", "      - basics/overview\n")
        );
        // A line starting with inline code is text; fenced code (in a callout too) is not.
        let md = "`重要`：见[时限](limits.md)\n> ```\n> [x](limits.md)\n> ```\n";
        let (out, n) = rewrite(md, true, "p", "p", Moves::Lesson("p/limits", "p/deadlines"));
        assert_eq!(n, 1, "{out}");
        assert_eq!(
            out,
            "`重要`：见[时限](deadlines.md)\n> ```\n> [x](limits.md)\n> ```\n"
        );
    }

    #[test]
    fn angle_brackets_reference_definitions_and_includes_are_links_too() {
        let md = "![](<img/流程 图.png>) [a](<limits.md#x> \"题\")\n[时限]: limits.md \"标题\"\n{{#include _片段/开场白.md:问候}}\n";
        let (out, n) = rewrite(md, true, "p", "p", Moves::Lesson("p/limits", "p/deadlines"));
        assert_eq!(n, 2, "{out}");
        assert!(
            out.contains("[a](<deadlines.md#x> \"题\")\n[时限]: deadlines.md \"标题\""),
            "{out}"
        );
        let (out, _) = rewrite(md, true, "p", "q/r", Moves::Lesson("p/x", "q/r/x"));
        assert_eq!(out, "![](<../../p/img/流程 图.png>) [a](<../../p/limits.md#x> \"题\")\n[时限]: ../../p/limits.md \"标题\"\n{{#include ../../p/_片段/开场白.md:问候}}\n");
    }

    #[test]
    fn raw_html_links_and_pictures_follow_as_markdown_links_do() {
        let lesson = Moves::Lesson("procedure/limits", "handling/deadlines");
        // Into what moves: `href` and `src` of the tags the renderer reads, quoted either way
        // or not, over several lines, in a callout; not in code, a comment or another tag.
        let md = concat!(
            "---\ntitle: t\n---\n",
            "见<a href=\"../procedure/limits.md#时限\">时限</a>和<a class='x' HREF='../procedure/limits.md'>它</a>。\n",
            "\n<div>\n<a\n  title=\"时限\"\n  href=../procedure/limits.md>时限</a>\n</div>\n",
            "\n> <a href=\"../procedure/limits.md\">引用里</a>\n",
            "\n```html\n<a href=\"../procedure/limits.md\">代码</a>\n```\n",
            "\n`<a href=\"../procedure/limits.md\">行内代码</a>`\n",
            "\n<!-- <a href=\"../procedure/limits.md\">注释</a> -->\n",
            "\n<link href=\"../procedure/limits.md\"> <a href=\"https://x.cn/procedure/limits.md\">网</a> <a href=\"#limits\">本页</a> <a href=\"/procedure/limits.md\">根</a>\n",
        );
        let (out, n) = rewrite(md, true, "basics", "basics", lesson);
        assert_eq!(n, 4, "{out}");
        assert_eq!(
            out,
            md.replacen("../procedure/limits.md", "../handling/deadlines.md", 4)
        );
        // After an empty comment `<!-->` (whole, as a browser reads it), a `<!--` in an
        // attribute's value (text), or a comment broken by a blank line inside its block (it
        // ends with the block): the links that follow, as the renderer reads and checks them.
        let md = concat!(
            "---\ntitle: t\n---\n",
            "<div><!--> <a href=\"../procedure/limits.md\">甲</a></div>\n",
            "\n<a title=\"<!--\" href=\"../procedure/limits.md\">乙</a> <a href=\"../procedure/limits.md\">丙</a>\n",
            "\n<div>\n<!-- 没写完\n\n正文\n\n<div><a href=\"../procedure/limits.md\">丁</a></div>\n",
        );
        let (out, n) = rewrite(md, true, "basics", "basics", lesson);
        assert_eq!(n, 4, "{out}");
        assert_eq!(
            out,
            md.replace("../procedure/limits.md", "../handling/deadlines.md")
        );
        // With nothing it names moving, nothing changes.
        let other = Moves::Lesson("procedure/other", "handling/other");
        let (out, n) = rewrite(md, true, "basics", "basics", other);
        assert_eq!((out.as_str(), n), (md, 0));
        // The moved lesson's own pictures and videos, read from its new folder; CRLF kept,
        // `&amp;` read as `&`.
        let md = "<img src=\"img/流程 图.png\" width=\"300\">\r\n\r\n<video controls>\r\n  <source src=\"media/a&amp;b.mp4\" type=\"video/mp4\">\r\n</video>\r\n\r\n<img src=\"img/a%20b.png\"> <img src=\"data:image/png;base64,AA\"> <a href=\"limits.md\">自己</a> <a href=\"other.md\">旁边</a>\r\n";
        let (out, n) = rewrite(md, true, "procedure", "handling", lesson);
        assert_eq!(n, 1, "{out}");
        assert_eq!(out, "<img src=\"../procedure/img/流程 图.png\" width=\"300\">\r\n\r\n<video controls>\r\n  <source src=\"../procedure/media/a&amp;b.mp4\" type=\"video/mp4\">\r\n</video>\r\n\r\n<img src=\"../procedure/img/a%20b.png\"> <img src=\"data:image/png;base64,AA\"> <a href=\"deadlines.md\">自己</a> <a href=\"../procedure/other.md\">旁边</a>\r\n");
        // A folder: links into it from outside follow it; its files' links out of it are read
        // from the new place, those between its files stay as written.
        let f = folder("service/procedure");
        let (out, n) = rewrite(
            "<img src=\"../procedure/img/a.png\"><a href='../procedure/sub/deep.md#a'>深</a>\n",
            true,
            "basics",
            "basics",
            Moves::Folder(&f),
        );
        assert_eq!(n, 2, "{out}");
        assert_eq!(out, "<img src=\"../service/procedure/img/a.png\"><a href='../service/procedure/sub/deep.md#a'>深</a>\n");
        let (out, _) = rewrite(
            "<img src=\"img/a.png\"><a href=\"../basics/x.md\">外</a>\n",
            true,
            "procedure",
            "service/procedure",
            Moves::Folder(&f),
        );
        assert_eq!(
            out,
            "<img src=\"img/a.png\"><a href=\"../../basics/x.md\">外</a>\n"
        );
    }

    #[test]
    fn markdown_links_in_yaml_fields_link_from_the_content_folder() {
        let lesson = Moves::Lesson("procedure/limits", "handling/deadlines");
        let yaml = concat!(
            "id: TS-X-001\n",
            "summary: 见[办理时限](procedure/limits.md#时限)。\n",
            "notes: \"见[时限](procedure/limits.md)，不是![图](procedure/limits-img.png)\"\n",
            "explanation: '[时限](<procedure/limits.md#a> \"题\")'\n",
            "steps:\n",
            "  - text: |\n",
            "      先看[时限](procedure/limits.md \"标题\")。\n",
            "\n",
            "      ```markdown\n",
            "      [代码](procedure/limits.md) [[procedure/limits]]\n",
            "      ```\n",
            "\n",
            "      [参考]: procedure/limits.md#b\n",
            "    within: 1\n",
            "  - >-\n",
            "    ```\n",
            "    [开着](procedure/limits.md)\n",
            "  - text: 代码随字段结束，[再见](procedure/limits.md)\n",
            "related: [lesson:procedure/limits]\n",
            "see: 见[[procedure/limits|时限]]\n",
            "# 不从文件夹算起：[上级](../procedure/limits.md) [网](https://x.cn/procedure/limits.md)\n",
        );
        let (out, n) = rewrite(yaml, false, "rules", "rules", lesson);
        assert_eq!(n, 8, "{out}");
        let mut want = yaml.to_string();
        for (before, after) in [
            (
                "[办理时限](procedure/limits.md#",
                "[办理时限](handling/deadlines.md#",
            ),
            (
                "[时限](procedure/limits.md)，",
                "[时限](handling/deadlines.md)，",
            ),
            ("(<procedure/limits.md#a>", "(<handling/deadlines.md#a>"),
            (
                "[时限](procedure/limits.md \"",
                "[时限](handling/deadlines.md \"",
            ),
            (
                "[参考]: procedure/limits.md",
                "[参考]: handling/deadlines.md",
            ),
            (
                "[再见](procedure/limits.md)",
                "[再见](handling/deadlines.md)",
            ),
            ("lesson:procedure/limits", "lesson:handling/deadlines"),
            ("见[[procedure/limits|", "见[[handling/deadlines|"),
        ] {
            assert_eq!(want.matches(before).count(), 1, "{before}");
            want = want.replace(before, after);
        }
        assert_eq!(out, want);
        assert!(out.contains("      [代码](procedure/limits.md) [[procedure/limits]]\n"));
        assert!(out.contains("    [开着](procedure/limits.md)\n"));
        // A YAML file that moves links from the content folder still: only what moves changes.
        let f = folder("service/procedure");
        let (out, n) = rewrite(
            "notes: 见[时限](procedure/limits.md)、[分类](basics/types.md)、![图](procedure/img/a.png)\n",
            false,
            "procedure",
            "service/procedure",
            Moves::Folder(&f),
        );
        assert_eq!(n, 2, "{out}");
        assert_eq!(out, "notes: 见[时限](service/procedure/limits.md)、[分类](basics/types.md)、![图](service/procedure/img/a.png)\n");
    }

    #[test]
    fn block_scalars_are_told_from_other_yaml_values() {
        assert_eq!(block_scalar("notes: |\n"), Some(0));
        assert_eq!(block_scalar("  - explanation: >-2 # 注\n"), Some(4));
        assert_eq!(block_scalar("  - |\n"), Some(2));
        assert_eq!(block_scalar("- - |+\n"), Some(2));
        assert_eq!(block_scalar("title: a|b\n"), None);
        assert_eq!(block_scalar("notes: |x\n"), None);
        assert_eq!(block_scalar("notes: \"|\"\n"), None);
        assert_eq!(block_scalar("- 甲\n"), None);
    }

    #[test]
    fn the_moved_lessons_own_links_are_read_from_its_new_folder() {
        let md = "---\ntitle: t\n---\n![图](img/a.png) [下一课](other.md) [网](https://x.cn/a) [本节](#a)\n";
        let (out, _) = rewrite(
            md,
            true,
            "procedure",
            "handling/deep",
            Moves::Lesson("procedure/limits", "handling/deep/limits"),
        );
        assert!(out.contains("![图](../../procedure/img/a.png) [下一课](../../procedure/other.md) [网](https://x.cn/a) [本节](#a)"), "{out}");
    }

    /// `procedure` (lessons `limits`, a draft `draft`, `sub/deep`; a picture; a snippet)
    /// moving to `to`.
    fn folder(to: &str) -> FolderMove {
        let set = |xs: &[&str]| xs.iter().map(|x| x.to_string()).collect();
        FolderMove {
            old: "procedure".into(),
            new: to.into(),
            pages: set(&[
                "procedure",
                "procedure/limits",
                "procedure/draft",
                "procedure/sub",
                "procedure/sub/deep",
            ]),
            files: set(&[
                "procedure/_index.md",
                "procedure/limits.md",
                "procedure/draft.md",
                "procedure/sub",
                "procedure/sub/deep.md",
                "procedure/img",
                "procedure/img/a.png",
                "procedure/_片段/开场.md",
                "procedure/_片段",
            ]),
        }
    }

    #[test]
    fn a_folder_moves_what_is_in_it_and_nothing_else() {
        assert_eq!(under("procedure/limits", "procedure"), Some("/limits"));
        assert_eq!(under("procedure", "procedure"), Some(""));
        assert_eq!(under("procedure-extra/x", "procedure"), None);
        assert_eq!(under("a/procedure", "procedure"), None);
        let f = folder("service/procedure");
        let m = Moves::Folder(&f);
        assert_eq!(m.page("procedure").as_deref(), Some("service/procedure"));
        assert_eq!(
            m.page("procedure/sub/deep").as_deref(),
            Some("service/procedure/sub/deep")
        );
        // A lesson that is not there, a file that is no page: no page that moves.
        assert_eq!(m.page("procedure/nope"), None);
        assert_eq!(m.page("procedure/img/a.png"), None);
        assert_eq!(
            m.target("procedure/limits.md").as_deref(),
            Some("service/procedure/limits.md")
        );
        assert_eq!(
            m.target("procedure/img/a.png").as_deref(),
            Some("service/procedure/img/a.png")
        );
        assert_eq!(
            m.target("procedure/_index.md").as_deref(),
            Some("service/procedure/_index.md")
        );
        assert_eq!(m.target("procedure/nope.md"), None);
        assert_eq!(m.target("procedure-extra/a.md"), None);
        assert_eq!(page_of("procedure/_index.md"), "procedure");
        assert_eq!(page_of("procedure/limits.md"), "procedure/limits");
        assert_eq!(page_of("index.md"), "");
    }

    #[test]
    fn references_into_a_folder_that_moves_follow_it() {
        let f = folder("service/procedure");
        let md = "见[时限](../procedure/limits.md#reply)、![](../procedure/img/a.png)、[单元](../procedure/)、[[procedure/limits|时限]]、[[lesson:procedure/sub/deep#a]]、[[procedure]]、[[rules]]；\n没有的[课](../procedure/nope.md)、[别的](../procedure-extra/x.md)、`lesson:procedure/limits`\n{{#include ../procedure/_片段/开场.md}}\n";
        let (out, n) = rewrite(md, true, "basics", "basics", Moves::Folder(&f));
        assert_eq!(out, "见[时限](../service/procedure/limits.md#reply)、![](../service/procedure/img/a.png)、[单元](../service/procedure/)、[[service/procedure/limits|时限]]、[[lesson:service/procedure/sub/deep#a]]、[[service/procedure]]、[[rules]]；\n没有的[课](../procedure/nope.md)、[别的](../procedure-extra/x.md)、`lesson:procedure/limits`\n{{#include ../service/procedure/_片段/开场.md}}\n");
        // (`lesson:…` in inline code, a path shown, not a reference: as a lesson's move leaves it.)
        assert_eq!(n, 7, "{out}");
        let yaml = "lessons: [procedure/limits, procedure-extra/x, procedure/nope, procedure/draft#a]\nitems:\n  - lesson: procedure\n  - quiz: procedure\nrelated: [lesson:procedure/sub/deep]\n";
        let (out, n) = rewrite(yaml, false, "quizzes", "quizzes", Moves::Folder(&f));
        assert_eq!(n, 4, "{out}");
        assert_eq!(out, "lessons: [service/procedure/limits, procedure-extra/x, procedure/nope, service/procedure/draft#a]\nitems:\n  - lesson: service/procedure\n  - quiz: procedure\nrelated: [lesson:service/procedure/sub/deep]\n");
        // A folder of rule files and no pages: `[[rules]]` is the rule index still.
        let rules = FolderMove {
            old: "rules".into(),
            new: "policy/rules".into(),
            pages: HashSet::new(),
            files: ["rules/a.rule.yaml".to_string()].into(),
        };
        let (out, n) = rewrite(
            "[[rules]] lesson:rules\n",
            true,
            "",
            "",
            Moves::Folder(&rules),
        );
        assert_eq!((out.as_str(), n), ("[[rules]] lesson:rules\n", 0));
    }

    #[test]
    fn the_links_of_a_file_that_moves_change_only_where_they_lead_out() {
        let md = "[a](limits.md) [b](./limits.md#x) ![](img/a.png) [c](sub/deep.md) [d](../basics/x.md) [e](../procedure/limits.md) [f](../) [g](#x)\n";
        // Deeper: links out get a `../` more; links in are as written.
        let f = folder("service/procedure");
        let (out, _) = rewrite(
            md,
            true,
            "procedure",
            "service/procedure",
            Moves::Folder(&f),
        );
        assert_eq!(out, "[a](limits.md) [b](./limits.md#x) ![](img/a.png) [c](sub/deep.md) [d](../../basics/x.md) [e](../procedure/limits.md) [f](../../) [g](#x)\n");
        // Renamed: a link in that went out by the old name is written from the new folder.
        let f = folder("handling");
        let (out, _) = rewrite(md, true, "procedure", "handling", Moves::Folder(&f));
        assert_eq!(out, "[a](limits.md) [b](./limits.md#x) ![](img/a.png) [c](sub/deep.md) [d](../basics/x.md) [e](limits.md) [f](../) [g](#x)\n");
        // A file in a folder in it.
        let (out, _) = rewrite(
            "[u](../limits.md) [v](../../basics/x.md)\n",
            true,
            "procedure/sub",
            "handling/sub",
            Moves::Folder(&f),
        );
        assert_eq!(out, "[u](../limits.md) [v](../../basics/x.md)\n");
    }

    #[test]
    fn new_texts_wait_beside_their_files_and_a_failed_write_changes_nothing() {
        assert_eq!(
            staged(Path::new("c/p/limits.md")),
            Path::new("c/p/.limits.md.mv~")
        );
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.md"), dir.path().join("b.md"));
        std::fs::write(&a, "甲").unwrap();
        std::fs::write(&b, "乙").unwrap();
        let w = |p: &Path, t: &str| Write {
            now: p.to_path_buf(),
            to: p.to_path_buf(),
            text: t.into(),
        };
        // b's new text cannot be put beside it (a folder has that name).
        std::fs::create_dir(staged(&b)).unwrap();
        let mut shifted = false;
        let e = write_all(
            &[w(&a, "甲2"), w(&b, "乙2")],
            || {
                shifted = true;
                Ok(())
            },
            Path::to_path_buf,
        );
        assert!(e.unwrap_err().to_string().contains("nothing was changed"));
        assert!(!shifted);
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "甲");
        assert!(!staged(&a).exists());
        std::fs::remove_dir(staged(&b)).unwrap();
        // The move itself failing: nothing changed either.
        let e = write_all(
            &[w(&a, "甲2")],
            || anyhow::bail!("locked"),
            Path::to_path_buf,
        );
        assert!(e.is_err());
        assert_eq!(std::fs::read_to_string(&a).unwrap(), "甲");
        assert!(!staged(&a).exists());
        write_all(&[w(&a, "甲2"), w(&b, "乙2")], || Ok(()), Path::to_path_buf).unwrap();
        assert_eq!(std::fs::read_to_string(&b).unwrap(), "乙2");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    }

    #[test]
    fn the_old_path_goes_into_the_aliases() {
        let add = |t: &str| add_alias(t, "a/b", "c/d");
        assert_eq!(
            add("---\ntitle: t\n---\nx\n"),
            "---\ntitle: t\naliases: [a/b]\n---\nx\n"
        );
        assert_eq!(
            add("---\naliases: [z]\n---\n"),
            "---\naliases: [z, a/b]\n---\n"
        );
        assert_eq!(add("---\naliases: []\n---\n"), "---\naliases: [a/b]\n---\n");
        assert_eq!(
            add("---\naliases:\n  - z\n---\n"),
            "---\naliases:\n  - a/b\n  - z\n---\n"
        );
        assert_eq!(
            add("---\naliases:\n- z\n---\n"),
            "---\naliases:\n- a/b\n- z\n---\n"
        );
        assert_eq!(add("# 标题\n"), "---\naliases: [a/b]\n---\n# 标题\n");
        assert_eq!(
            add("---\r\ntitle: t\r\n---\r\n"),
            "---\r\ntitle: t\r\naliases: [a/b]\r\n---\r\n"
        );
        // A move undone: the path it goes back to is no alias of it.
        assert_eq!(
            add("---\naliases: [z, c/d]\n---\n"),
            "---\naliases: [z, a/b]\n---\n"
        );
        assert_eq!(
            add("---\naliases:\n  - c/d\n---\n"),
            "---\naliases:\n  - a/b\n---\n"
        );
        assert_eq!(key(".\\content\\a\\b.md", "content"), "a/b");
    }
}
