//! Shared text: `{{#include _片段/开场白.md}}` on a line of its own puts that file's text in the
//! page, as mdBook does, so the 标准开场白 or a 话术 used by five lessons is written once and
//! changed once. A Markdown file whose name (or one of whose folders' names) starts with `_`
//! (but for a section's `_index.md`) is such a snippet: included, never a page of its own.
//!
//! The page's body is expanded when the book is loaded, so everything after (rendering,
//! checks, the search index, `report`) sees the text as the reader will. Each line of the
//! expanded body remembers where it came from ([`Origins`]): a mistake in a snippet is reported
//! at the snippet's own file and line, and its relative links and pictures are read from the
//! snippet's folder, as the trainer wrote them.
//!
//! mdBook's forms are read too: `{{#include 文件:名字}}` takes the lines between
//! `ANCHOR: 名字` and `ANCHOR_END: 名字` (in an HTML comment in Markdown, `<!-- ANCHOR: 名字 -->`),
//! without the marker lines of any part inside; `{{#include 文件:3:10}}` lines 3 to 10 (`:3`
//! line 3 alone, `:3:` from 3 on, `::10` up to 10). As in mdBook, a whole file or a range of
//! lines is taken as it is, marker lines and all.

use super::Diagnostic;
use crate::diagnostics::nearest;
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Snippets within snippets: deeper than this is taken for a loop not seen as one.
pub const MAX_DEPTH: usize = 8;

/// The most lines a page's text may grow to with its snippets (a snippet included ten times
/// by one included ten times ... grows a page by powers of ten).
pub const MAX_LINES: usize = 100_000;

/// Where each line of an expanded body came from, and the book's snippets (a link to one is
/// a mistake: it is no page). A page of a book with snippets has one even when it includes
/// nothing: then its lines are all its own.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Origins {
    /// The files the lines came from: (path shown in diagnostics, content-relative folder).
    /// The first is the page's own.
    files: Vec<(PathBuf, String)>,
    /// For each line of the body: (index in `files`, 1-based line in that file, characters
    /// put before it: the `> ` or indent of the line that included it).
    lines: Vec<(u32, u32, u32)>,
    /// Grown past [`MAX_LINES`]: the rest is left out.
    full: bool,
    snippets: Arc<Snippets>,
}

/// The book's snippets (content-relative), each with the pages that include it, directly or
/// through another snippet.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct Snippets(BTreeMap<String, Vec<String>>);

impl Origins {
    /// The origins of a page that includes nothing (`file`, content path `rel`): only what
    /// its links must know, the book's snippets.
    pub fn own(file: &Path, rel: &str, snippets: Arc<Snippets>) -> Origins {
        let mut o = Origins {
            snippets,
            ..Origins::default()
        };
        o.file(file, folder_of(rel));
        o
    }

    /// The book's snippets, for a page's links to know them.
    pub fn set_snippets(&mut self, snippets: Arc<Snippets>) {
        self.snippets = snippets;
    }

    /// A link written in a file of content folder `folder` that leads to a snippet:
    /// (message, hint). A snippet is never published as a page of its own, so the link
    /// would lead nowhere; the hint names the pages that include it.
    pub fn snippet_link(&self, dest: &str, wiki: bool, folder: &str) -> Option<(String, String)> {
        if self.snippets.0.is_empty() {
            return None;
        }
        let dest = dest.trim();
        let (path, rest) = dest.split_at(dest.find(['#', '?']).unwrap_or(dest.len()));
        let rel = match path.strip_prefix("lesson:") {
            // (`[[lesson:_片段/开场白]]`: from the content folder, without `.md`.)
            Some(p) => join("", p.trim())? + ".md",
            None if wiki => return None,
            None => {
                let scheme = path.find(':').is_some_and(|i| !path[..i].contains('/'));
                if path.is_empty() || path.starts_with('/') || scheme {
                    return None;
                }
                join(folder, path)?
            }
        };
        let pages = self.snippets.0.get(&rel)?;
        let message = t!(
            "`{path}` is a snippet: its text is included into pages, it is not published as a page of its own",
            "`{path}` 是片段：它的文字会被插入到别的页面里，本身不会生成页面"
        );
        let include = format!("`{{{{#include {}}}}}`", relative(folder, &rel));
        let hint = if pages.is_empty() {
            t!("no page includes it yet: put its text here with a line {include}, or link to a page once one includes it; to make it a page of its own, rename it without the `_`", "还没有页面插入它：可以在这里单独写一行 {include} 把它的文字放进来；或者等有页面插入它以后，链接到那个页面；要让它成为独立的页面，请把文件名开头的 `_` 去掉")
        } else {
            let mut named: Vec<String> = pages
                .iter()
                .take(3)
                .map(|p| format!("`{}{rest}`", relative(folder, p)))
                .collect();
            if pages.len() > 3 {
                let more = pages.len() - 3;
                named.push(t!("{more} more", "另外 {more} 个"));
            }
            let named = named.join(", ");
            t!(
                "link to a page that includes it instead: {named}; or put its text here with a line {include}",
                "请改为链接到插入了它的页面：{named}；或者在这里单独写一行 {include} 把它的文字放进来"
            )
        };
        Some((message, hint))
    }

    /// Where line `k` (0-based) of the body came from: (file, line, characters put before it,
    /// the file's content-relative folder), the page's own lines too (those after an include
    /// are further down the body than in the file).
    pub fn at(&self, k: usize) -> Option<(&Path, usize, usize, &str)> {
        let &(f, line, shift) = self.lines.get(k)?;
        let (file, folder) = &self.files[f as usize];
        Some((file, line as usize, shift as usize, folder))
    }

    /// The page's own content-relative folder.
    pub fn page_folder(&self) -> &str {
        self.files.first().map(|f| f.1.as_str()).unwrap_or("")
    }

    /// `(line, col)` of the body (as placed from `first_line`) moved to the file and line it
    /// came from.
    pub fn place(
        &self,
        first_line: usize,
        line: usize,
        col: usize,
    ) -> Option<(PathBuf, usize, usize)> {
        let k = line.checked_sub(first_line)?;
        let (file, l, shift, _) = self.at(k)?;
        Some((
            file.to_path_buf(),
            l,
            col.saturating_sub(shift).max(usize::from(col > 0)),
        ))
    }

    fn file(&mut self, shown: &Path, folder: &str) -> u32 {
        match self.files.iter().position(|(f, _)| f == shown) {
            Some(i) => i as u32,
            None => {
                self.files.push((shown.to_path_buf(), folder.to_string()));
                (self.files.len() - 1) as u32
            }
        }
    }
}

/// Whether a content-relative `.md` path is a snippet, not a page: its name or a folder's
/// starts with `_` (a section's `_index.md` is a page).
pub fn is_snippet(rel: &str) -> bool {
    let mut parts = rel.split('/').rev();
    let name = parts.next().unwrap_or("");
    (name.starts_with('_') && name != "_index.md") || parts.any(|p| p.starts_with('_'))
}

/// The files of the content folder and what has been read of them, shared by every page.
pub struct Library<'a> {
    /// The book's folder (paths in diagnostics are shown from it) and the content folder.
    root: &'a Path,
    content: &'a Path,
    /// Every file the content folder's walk found, content-relative: only those may be
    /// included (not hidden files, editors' leftovers, links out of the book).
    known: &'a HashSet<String>,
    read: Mutex<HashMap<String, Result<Arc<str>, String>>>,
    used: Mutex<HashSet<String>>,
    /// Each snippet included, with the pages it was included into.
    includers: Mutex<HashMap<String, BTreeSet<String>>>,
}

impl<'a> Library<'a> {
    pub fn new(root: &'a Path, content: &'a Path, known: &'a HashSet<String>) -> Self {
        Library {
            root,
            content,
            known,
            read: Mutex::default(),
            used: Mutex::default(),
            includers: Mutex::default(),
        }
    }

    /// `snippets` (file shown, content-relative path), each with the pages that included it
    /// (call it once every page is expanded).
    pub fn snippets(&self, snippets: &[(PathBuf, String)]) -> Snippets {
        let includers = self.includers.lock().unwrap_or_else(|e| e.into_inner());
        Snippets(
            snippets
                .iter()
                .map(|(_, rel)| {
                    let pages = includers.get(rel).map(|p| p.iter().cloned().collect());
                    (rel.clone(), pages.unwrap_or_default())
                })
                .collect(),
        )
    }

    /// Counts the snippets a page left out of this build (a draft) names as used, without
    /// reading them: their mistakes are the draft's, reported when it is built.
    pub fn named_by(&self, rel: &str, text: &str) {
        let mut used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        for line in text.lines() {
            if let Some((_, arg, _)) = directive(line) {
                let path = arg.split(':').next().unwrap_or(arg).trim();
                if let Some(r) = join(folder_of(rel), path) {
                    used.insert(r);
                }
            }
        }
    }

    /// The snippets among `snippets` (file shown, content-relative path) that no page
    /// included.
    pub fn unused<'s>(&self, snippets: &'s [(PathBuf, String)]) -> Vec<&'s (PathBuf, String)> {
        let used = self.used.lock().unwrap_or_else(|e| e.into_inner());
        snippets
            .iter()
            .filter(|(_, rel)| !used.contains(rel))
            .collect()
    }

    fn text(&self, rel: &str) -> Result<Arc<str>, String> {
        if let Some(t) = self.read.lock().unwrap_or_else(|e| e.into_inner()).get(rel) {
            return t.clone();
        }
        let read = match std::fs::read(self.content.join(rel)) {
            Err(e) => Err(t!("cannot read `{rel}`: {e}", "读不了 `{rel}`：{e}")),
            Ok(bytes) => match String::from_utf8(bytes) {
                Err(_) => Err(t!(
                    "`{rel}` is not UTF-8 text",
                    "`{rel}` 不是 UTF-8 编码的文字"
                )),
                Ok(mut t) => {
                    if t.starts_with('\u{feff}') {
                        t.drain(..'\u{feff}'.len_utf8());
                    }
                    if t.contains('\r') {
                        t = super::lone_cr_as_lf(&t);
                    }
                    Ok(Arc::from(t))
                }
            },
        };
        self.read
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.to_string(), read.clone());
        read
    }

    /// The page `body` (from line `body_line` of `file`, content path `rel`) with its
    /// includes expanded, and where its lines came from; `None` when it includes nothing.
    pub fn expand(
        &self,
        file: &Path,
        rel: &str,
        body: &str,
        body_line: usize,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<(String, Origins)> {
        if !body.contains("{{#include") {
            return None;
        }
        let mut origins = Origins::default();
        let me = origins.file(file, folder_of(rel));
        let lines: Vec<(usize, &str)> = body
            .lines()
            .enumerate()
            .map(|(n, l)| (body_line + n, l))
            .collect();
        let mut out = String::with_capacity(body.len() * 2);
        let mut stack = vec![rel.to_string()];
        let at = Place {
            file: me,
            shown: file,
            folder: folder_of(rel),
        };
        self.expand_lines(&lines, &at, "", &mut stack, &mut out, &mut origins, diags);
        Some((out, origins))
    }

    #[allow(clippy::too_many_arguments)]
    fn expand_lines(
        &self,
        lines: &[(usize, &str)],
        at: &Place,
        prefix: &str,
        stack: &mut Vec<String>,
        out: &mut String,
        origins: &mut Origins,
        diags: &mut Vec<Diagnostic>,
    ) {
        let shift = prefix.chars().count() as u32;
        // (As in mdBook, an include is read in code too, where it mostly is: a listing. In an
        // HTML comment it is left alone: an include commented out is not meant.)
        let mut comment = false;
        // (Code in a callout or quote too, `> ```text`.)
        let mut fences = crate::render::markdown::QuotedFences::default();
        for &(n, line) in lines {
            let was_comment = comment;
            let fenced = fences.code(line);
            if let Some(open) = line.rfind("<!--") {
                comment = !line[open..].contains("-->");
            } else if comment && line.contains("-->") {
                comment = false;
            }
            if origins.lines.len() > MAX_LINES {
                // (Once: the includes it is inside stop too.)
                if std::mem::replace(&mut origins.full, true) {
                    return;
                }
                diags.push(
                    Diagnostic::error(at.shown, n, 1, t!("with its snippets the page grows past {MAX_LINES} lines", "插入片段以后，这个页面超过了 {MAX_LINES} 行"))
                        .with_hint(t!("a snippet is included many times over (by snippets included many times): include it where it is needed, once", "有片段被重复插入了很多次（插入它的片段本身又被插入了很多次）：只在需要的地方插入一次")),
                );
                return;
            }
            // `\{{#include …}}` in code: mdBook's way of showing one, written without the `\`.
            // (In the text Markdown drops the `\` itself.)
            if let Some(k) = line.find("\\{{#include").filter(|_| fenced) {
                if directive(&format!("{}{}", &line[..k], &line[k + 1..])).is_some() {
                    out.push_str(prefix);
                    out.push_str(&line[..k]);
                    out.push_str(&line[k + 1..]);
                    out.push('\n');
                    origins.lines.push((at.file, n as u32, shift));
                    continue;
                }
            }
            if let Some((pre, arg, col)) = directive(line).filter(|_| !was_comment) {
                match self.included(arg, at.folder, stack.len()) {
                    Err((message, hint)) => {
                        diags.push(Diagnostic::error(at.shown, n, col, message).with_hint(hint));
                    }
                    Ok((rel, _)) if stack.contains(&rel) => {
                        let chain = stack
                            .iter()
                            .chain([&rel])
                            .map(|s| format!("`{s}`"))
                            .collect::<Vec<_>>()
                            .join(" → ");
                        diags.push(
                            Diagnostic::error(at.shown, n, col, t!("`{rel}` would include itself: {chain}", "`{rel}` 会插入它自己：{chain}"))
                                .with_hint(t!("a snippet may include others, but not one that includes it back: take the shared part out into a snippet of its own", "片段可以插入别的片段，但不能插入又反过来插入它的片段：请把共用的部分单独拿出来，做成一个新片段")),
                        );
                    }
                    Ok((rel, picked)) => {
                        let shown =
                            crate::diagnostics::display_path(self.root, &self.content.join(&rel));
                        let folder = folder_of(&rel).to_string();
                        let file = origins.file(&shown, &folder);
                        let inner = Place {
                            file,
                            shown: &shown,
                            folder: &folder,
                        };
                        let nested = format!("{prefix}{pre}");
                        let picked: Vec<(usize, &str)> =
                            picked.iter().map(|(n, l)| (*n, l.as_str())).collect();
                        self.includers
                            .lock()
                            .unwrap_or_else(|e| e.into_inner())
                            .entry(rel.clone())
                            .or_default()
                            .insert(stack[0].clone());
                        stack.push(rel);
                        self.expand_lines(&picked, &inner, &nested, stack, out, origins, diags);
                        stack.pop();
                        continue;
                    }
                }
                // (A line that could not be included stays as an empty line.)
                out.push_str(prefix.trim_end());
                out.push('\n');
                origins.lines.push((at.file, n as u32, shift));
                continue;
            }
            if line.is_empty() {
                out.push_str(prefix.trim_end());
            } else {
                out.push_str(prefix);
                out.push_str(line);
            }
            out.push('\n');
            origins.lines.push((at.file, n as u32, shift));
        }
    }

    /// The file an include names (relative to `folder`) and the lines it takes, each with
    /// its line number; or (message, hint).
    #[allow(clippy::type_complexity)]
    fn included(
        &self,
        arg: &str,
        folder: &str,
        depth: usize,
    ) -> Result<(String, Vec<(usize, String)>), (String, String)> {
        if depth > MAX_DEPTH {
            return Err((
                t!(
                    "snippets included more than {MAX_DEPTH} deep",
                    "片段一层套一层，超过了 {MAX_DEPTH} 层"
                ),
                t!(
                    "a snippet includes one that includes another …: include fewer levels",
                    "片段插入的片段又插入了别的片段……：请少套几层"
                ),
            ));
        }
        let (path, pick) = match arg.split_once(':') {
            Some((p, s)) => (p.trim(), Some(s.trim())),
            None => (arg, None),
        };
        if path.is_empty() {
            return Err((
                t!("`{{{{#include}}}}` names no file", "`{{{{#include}}}}` 没有写文件"),
                t!(
                    "write the file's path relative to this one: `{{{{#include _片段/开场白.md}}}}`",
                    "请写上文件的路径（从这个文件所在的文件夹算起）：`{{{{#include _片段/开场白.md}}}}`"
                ),
            ));
        }
        // (`..\_片段\开场白.md`, typed on Windows.)
        let Some(rel) = join(folder, &path.replace('\\', "/")) else {
            return Err((
                t!(
                    "`{path}` is outside the content folder",
                    "`{path}` 在内容文件夹外面"
                ),
                t!(
                    "only files in the content folder can be included: copy the file in",
                    "只能插入内容文件夹里的文件：请先把文件复制进来"
                ),
            ));
        };
        if !self.known.contains(&rel) {
            let dir = folder_of(&rel);
            let near = nearest(
                &rel,
                self.known
                    .iter()
                    .map(String::as_str)
                    .filter(|k| folder_of(k) == dir || k.ends_with(".md")),
            );
            return Err((
                t!("no file `{rel}` to include", "要插入的文件 `{rel}` 不存在"),
                match near {
                    Some(n) => {
                        let n = relative(folder, n);
                        t!("did you mean `{n}`? the path is relative to this file's folder (`/` at the start: from the content folder)", "是不是想写 `{n}`？路径从这个文件所在的文件夹算起（以 `/` 开头则从内容文件夹算起）")
                    }
                    None => t!("the path is relative to this file's folder (`/` at the start: from the content folder); letter case counts", "路径从这个文件所在的文件夹算起（以 `/` 开头则从内容文件夹算起）；字母大小写要一致"),
                },
            ));
        }
        // (Named by a page: not reported unused, whatever else is wrong with it.)
        self.used
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(rel.clone());
        let text = self.text(&rel).map_err(|m| {
            (
                m,
                t!(
                    "save the file as UTF-8 text (Notepad: 另存为, 编码 UTF-8)",
                    "请把文件存成 UTF-8 编码（记事本：另存为，编码选 UTF-8）"
                ),
            )
        })?;
        let all: Vec<&str> = text.lines().collect();
        let numbered = |from: usize, to: usize| -> Vec<(usize, String)> {
            (from..to).map(|i| (i + 1, all[i].to_string())).collect()
        };
        let Some(pick) = pick.filter(|p| !p.is_empty()) else {
            // A whole Markdown file: without its front matter, its lines as they are. (As in
            // mdBook, the `ANCHOR` lines marking parts stay: in Markdown they are HTML
            // comments, unseen; taken out, they could take text with them, a comment's
            // first line or a line that mentions `ANCHOR:`.)
            let from = match super::lesson::body_line(&text) {
                Some(l) if rel.ends_with(".md") => l - 1,
                _ => 0,
            };
            return Ok((rel, numbered(from.min(all.len()), all.len())));
        };
        let number = |s: &str| s.trim().parse::<usize>().ok();
        let range = match pick.split_once(':') {
            None => number(pick).map(|n| (n, n)),
            Some((a, b)) => match (a.trim(), b.trim()) {
                ("", "") => Some((1, all.len())),
                ("", b) => number(b).map(|b| (1, b)),
                (a, "") => number(a).map(|a| (a, all.len())),
                (a, b) => number(a).zip(number(b)),
            },
        };
        if let Some((from, to)) = range {
            if from == 0 || from > to || from > all.len() {
                return Err((
                    {
                        let n = all.len();
                        t!(
                            "`{rel}` has no lines {from} to {to}: it has {n} lines",
                            "`{rel}` 没有第 {from} 到第 {to} 行：它只有 {n} 行"
                        )
                    },
                    t!("lines are counted from 1, as an editor shows them: `文件:3:10` is lines 3 to 10, `文件:3` line 3 alone", "行号从 1 开始数，和编辑器里显示的一样：`文件:3:10` 是第 3 到第 10 行，`文件:3` 只是第 3 行"),
                ));
            }
            return Ok((rel, numbered(from - 1, to.min(all.len()))));
        }
        // A named part: the lines between `ANCHOR: name` and `ANCHOR_END: name`, without any
        // anchor lines inside.
        let marker = |l: &str, word: &str| -> Option<String> {
            let at = l.find(word)?;
            let rest = l[at + word.len()..].trim();
            let rest = rest.strip_suffix("-->").unwrap_or(rest).trim();
            Some(rest.to_string())
        };
        let start = all
            .iter()
            .position(|l| marker(l, "ANCHOR:").as_deref() == Some(pick));
        let Some(start) = start else {
            let names: Vec<String> = all.iter().filter_map(|l| marker(l, "ANCHOR:")).collect();
            return Err((
                t!("`{rel}` has no part named `{pick}`", "`{rel}` 里没有叫 `{pick}` 的部分"),
                match nearest(pick, names.iter().map(String::as_str)) {
                    Some(n) => t!("did you mean `{n}`? a part is the lines between `<!-- ANCHOR: 名字 -->` and `<!-- ANCHOR_END: 名字 -->`", "是不是想写 `{n}`？一个部分就是 `<!-- ANCHOR: 名字 -->` 和 `<!-- ANCHOR_END: 名字 -->` 之间的那几行"),
                    None => t!("mark the part in `{rel}` with a line `<!-- ANCHOR: {pick} -->` before it and `<!-- ANCHOR_END: {pick} -->` after it", "请在 `{rel}` 里标出这一部分：前面加一行 `<!-- ANCHOR: {pick} -->`，后面加一行 `<!-- ANCHOR_END: {pick} -->`"),
                },
            ));
        };
        let end = all[start + 1..]
            .iter()
            .position(|l| marker(l, "ANCHOR_END:").as_deref() == Some(pick))
            .map_or(all.len(), |k| start + 1 + k);
        Ok((
            rel,
            numbered(start + 1, end)
                .into_iter()
                .filter(|(_, l)| !anchor_line(l))
                .collect(),
        ))
    }
}

/// The file being expanded: its index in the origins, the path shown, its folder.
struct Place<'p> {
    file: u32,
    shown: &'p Path,
    folder: &'p str,
}

/// An include on a line of its own: (what is before it: indent and `> `, its argument, the
/// column it starts at). (`\{{#include …}}` is mdBook's way of writing one as text.)
fn directive(line: &str) -> Option<(&str, &str, usize)> {
    let start = line.find(|c: char| !matches!(c, ' ' | '\t' | '>'))?;
    let (pre, rest) = line.split_at(start);
    let inner = rest
        .trim_end()
        .strip_prefix("{{#include")?
        .strip_suffix("}}")?;
    if !inner.starts_with(char::is_whitespace) && !inner.is_empty() {
        return None;
    }
    Some((pre, inner.trim(), pre.chars().count() + 1))
}

/// A line marking a named part (`<!-- ANCHOR: 名字 -->`): left out of a part included.
fn anchor_line(line: &str) -> bool {
    line.contains("ANCHOR:") || line.contains("ANCHOR_END:")
}

/// The content-relative folder of a content-relative path.
pub fn folder_of(rel: &str) -> &str {
    rel.rfind('/').map_or("", |i| &rel[..i])
}

/// `path` written in a file of `folder` as a content-relative path (`/` at its start: from the
/// content folder); `None` when it goes above the content folder.
pub fn join(folder: &str, path: &str) -> Option<String> {
    let mut parts: Vec<&str> = if path.starts_with('/') {
        Vec::new()
    } else {
        folder.split('/').filter(|s| !s.is_empty()).collect()
    };
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// The content-relative path `target` as written in a file of `folder`.
pub fn relative(folder: &str, target: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = target.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to[common..].join("/"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn library_at(files: &[(&str, &str)]) -> (tempfile::TempDir, HashSet<String>) {
        let dir = tempfile::tempdir().unwrap();
        let mut known = HashSet::new();
        for (rel, text) in files {
            let p = dir.path().join("content").join(rel);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, text).unwrap();
            known.insert(rel.to_string());
        }
        (dir, known)
    }

    fn expand(files: &[(&str, &str)], body: &str) -> (String, Origins, Vec<Diagnostic>) {
        let (dir, known) = library_at(files);
        let content = dir.path().join("content");
        let lib = Library::new(dir.path(), &content, &known);
        let mut diags = Vec::new();
        let (text, origins) = lib
            .expand(
                Path::new("content/phone/a.md"),
                "phone/a.md",
                body,
                5,
                &mut diags,
            )
            .unwrap_or((body.to_string(), Origins::default()));
        (text, origins, diags)
    }

    #[test]
    fn a_snippet_is_put_in_with_the_quote_marks_of_its_line_and_its_lines_are_placed() {
        let files = [(
            "_片段/开场白.md",
            "---\ntitle: 开场白\n---\n您好，\n\n请讲。\n",
        )];
        let (text, o, diags) = expand(
            &files,
            "前文\n> [!TIP]\n> {{#include ../_片段/开场白.md}}\n后文\n",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(text, "前文\n> [!TIP]\n> 您好，\n>\n> 请讲。\n后文\n");
        // Body line 2 (the page's line 7) is the snippet's line 4, two characters further in.
        assert_eq!(
            o.place(5, 7, 5),
            Some((PathBuf::from("content/_片段/开场白.md"), 4, 3))
        );
        let page = PathBuf::from("content/phone/a.md");
        assert_eq!(o.place(5, 6, 1), Some((page.clone(), 6, 1)));
        // The page's own line after the snippet's three: line 8 of the file, 10 of the body.
        assert_eq!(o.place(5, 10, 1), Some((page, 8, 1)));
    }

    #[test]
    fn parts_and_line_ranges_as_in_mdbook() {
        let snippet = "甲\n<!-- ANCHOR: 道歉 -->\n非常抱歉。\n<!-- ANCHOR: 内 -->\n给您添麻烦了。\n<!-- ANCHOR_END: 道歉 -->\n乙\n";
        let files = [("phone/_话术.md", snippet)];
        let (text, _, d) = expand(&files, "{{#include _话术.md:道歉}}\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(text, "非常抱歉。\n给您添麻烦了。\n");
        assert_eq!(expand(&files, "{{#include _话术.md:7}}\n").0, "乙\n");
        assert_eq!(expand(&files, "{{#include _话术.md::1}}\n").0, "甲\n");
        assert_eq!(
            expand(&files, "{{#include /phone/_话术.md:6:}}\n").0,
            "<!-- ANCHOR_END: 道歉 -->\n乙\n"
        );
        let (_, _, d) = expand(&files, "{{#include _话术.md:道欠}}\n");
        assert!(
            d[0].message.contains("no part named `道欠`")
                && d[0].hint.as_deref().unwrap().contains("`道歉`"),
            "{d:?}"
        );
        let (_, _, d) = expand(&files, "{{#include _话术.md:9:12}}\n");
        assert!(d[0].message.contains("it has 7 lines"), "{d:?}");
    }

    #[test]
    fn mistakes_are_errors_at_the_include_and_the_line_stays_empty() {
        let files = [
            ("_a.md", "A\n{{#include _b.md}}\n"),
            ("_b.md", "B\n{{#include _a.md}}\n"),
        ];
        let (text, o, d) = expand(
            &files,
            "x\n  {{#include ../_a.md}}\n{{#include ../_c.md}}\n{{#include ../../x.md}}\n",
        );
        assert_eq!(text, "x\n  A\n  B\n\n\n\n");
        let shown: Vec<(String, usize, usize, &str)> = d
            .iter()
            .map(|d| {
                (
                    d.file.display().to_string(),
                    d.line,
                    d.col,
                    d.message.as_str(),
                )
            })
            .collect();
        assert_eq!(shown[0].0, "content/_b.md");
        assert_eq!((shown[0].1, shown[0].2), (2, 1));
        assert!(
            shown[0].3.contains(
                "`_a.md` would include itself: `phone/a.md` → `_a.md` → `_b.md` → `_a.md`"
            ),
            "{shown:?}"
        );
        assert_eq!(
            (shown[1].0.as_str(), shown[1].1, shown[1].3),
            ("content/phone/a.md", 7, "no file `_c.md` to include")
        );
        assert!(
            d[1].hint.as_deref().unwrap().contains("did you mean `../_"),
            "{d:?}"
        );
        assert!(shown[2].3.contains("outside the content folder"));
        // The snippet's lines keep their indent's shift.
        assert_eq!(
            o.place(5, 6, 3),
            Some((PathBuf::from("content/_a.md"), 1, 1))
        );
    }

    /// The same mistakes in a Chinese book: told in Chinese, at the same places.
    #[test]
    fn mistakes_are_told_in_chinese_at_the_same_places() {
        let files = [
            ("_a.md", "A\n{{#include _b.md}}\n"),
            ("_b.md", "B\n{{#include _a.md}}\n"),
            (
                "phone/_话术.md",
                "甲\n<!-- ANCHOR: 道歉 -->\n非常抱歉。\n<!-- ANCHOR_END: 道歉 -->\n",
            ),
        ];
        let body = "x\n  {{#include ../_a.md}}\n{{#include ../_c.md}}\n{{#include ../../x.md}}\n{{#include _话术.md:道欠}}\n{{#include}}\n";
        let (en_text, _, en) = expand(&files, body);
        let (zh_text, _, zh) = crate::i18n::in_chinese(|| expand(&files, body));
        assert_eq!(en_text, zh_text);
        let places = |d: &[Diagnostic]| -> Vec<(PathBuf, usize, usize)> {
            d.iter().map(|d| (d.file.clone(), d.line, d.col)).collect()
        };
        assert_eq!(places(&en), places(&zh));
        let messages: Vec<&str> = zh.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`_a.md` 会插入它自己：`phone/a.md` → `_a.md` → `_b.md` → `_a.md`",
                "要插入的文件 `_c.md` 不存在",
                "`../../x.md` 在内容文件夹外面",
                "`phone/_话术.md` 里没有叫 `道欠` 的部分",
                "`{{#include}}` 没有写文件",
            ]
        );
        assert!(
            zh[1]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("是不是想写 `../_"),
            "{zh:?}"
        );
        assert!(
            zh[3]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("是不是想写 `道歉`？"),
            "{zh:?}"
        );
    }

    #[test]
    fn code_is_included_as_in_mdbook_but_not_mid_line_escaped_or_commented_out() {
        let files = [("phone/_s.md", "S\n")];
        // In code (a listing) it is read; `\{{#include}}` there shows it without the `\`.
        let body = "```\n{{#include _s.md}}\n\\{{#include _s.md}}\n```\n";
        assert_eq!(expand(&files, body).0, "```\nS\n{{#include _s.md}}\n```\n");
        // Mid-line, escaped in the text (Markdown drops the `\`), in an HTML comment: as written.
        let body =
            "见 {{#include _s.md}}\n\\{{#include _s.md}}\n<!--\n{{#include _gone.md}}\n-->\n";
        let (text, _, diags) = expand(&files, body);
        assert_eq!(text, body);
        assert!(diags.is_empty(), "{diags:?}");
    }

    /// As in mdBook, a whole file is put in as written: its `ANCHOR` lines too (HTML
    /// comments, unseen), so that no text goes with them, and its lines keep their places.
    #[test]
    fn a_whole_file_keeps_its_anchor_lines_as_in_mdbook() {
        let snippet = "---\ntitle: 开场\n---\n您好，\n<!-- ANCHOR: 问候\n（问候到此为止）-->\n很高兴为您服务。\n<!-- ANCHOR_END: 问候 -->\n坐席说 ANCHOR: 的那一行。\n";
        let files = [("_片段/开场白.md", snippet)];
        let (text, o, d) = expand(&files, "{{#include ../_片段/开场白.md}}\n后文\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            text,
            "您好，\n<!-- ANCHOR: 问候\n（问候到此为止）-->\n很高兴为您服务。\n<!-- ANCHOR_END: 问候 -->\n坐席说 ANCHOR: 的那一行。\n后文\n"
        );
        // The body's sixth line (the page's line 10) is the snippet's ninth.
        let snippet_file = PathBuf::from("content/_片段/开场白.md");
        assert_eq!(o.place(5, 10, 4), Some((snippet_file, 9, 4)));
        assert_eq!(
            o.place(5, 11, 1),
            Some((PathBuf::from("content/phone/a.md"), 6, 1))
        );
        // Lines by number are as written too; a part leaves its marker lines out.
        let (text, _, _) = expand(&files, "{{#include ../_片段/开场白.md:7:8}}\n");
        assert_eq!(text, "很高兴为您服务。\n<!-- ANCHOR_END: 问候 -->\n");
    }

    /// `\{{#include …}}` in code shows the directive without its `\`, in a callout's code as
    /// in code of the page's own; in the text it is left for Markdown to drop.
    #[test]
    fn an_escaped_include_in_a_callouts_code_loses_its_backslash_as_in_plain_code() {
        let files = [("phone/_s.md", "S\n")];
        let body = "> [!TIP]\n> ```text\n> \\{{#include _s.md}}\n> {{#include _s.md}}\n> ```\n> \\{{#include _s.md}}\n";
        let (text, _, d) = expand(&files, body);
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            text,
            "> [!TIP]\n> ```text\n> {{#include _s.md}}\n> S\n> ```\n> \\{{#include _s.md}}\n"
        );
        // Nested in a quote in a list; and the code of a quote ends with the quote.
        let body = "- 步骤\n  > > ```\n  > > \\{{#include _s.md}}\n  > > ```\n> ```\n\\{{#include _s.md}}\n";
        assert_eq!(
            expand(&files, body).0,
            "- 步骤\n  > > ```\n  > > {{#include _s.md}}\n  > > ```\n> ```\n\\{{#include _s.md}}\n"
        );
    }

    /// A link to a snippet is no link to a page: the mistake says so and names the pages
    /// that include it (through another snippet too), as the linking file would write them.
    #[test]
    fn a_link_to_a_snippet_is_told_with_the_pages_including_it() {
        let files = [
            ("_片段/外.md", "{{#include 内.md}}\n"),
            ("_片段/内.md", "内\n"),
            ("_片段/无人用.md", "无\n"),
            ("phone/a.md", ""),
        ];
        let (dir, known) = library_at(&files);
        let content = dir.path().join("content");
        let lib = Library::new(dir.path(), &content, &known);
        let mut diags = Vec::new();
        for page in ["phone/a.md", "index.md"] {
            let shown = PathBuf::from("content").join(page);
            lib.expand(&shown, page, "{{#include /_片段/外.md}}\n", 5, &mut diags);
        }
        assert!(diags.is_empty(), "{diags:?}");
        let all: Vec<(PathBuf, String)> = ["外", "内", "无人用"]
            .iter()
            .map(|n| (PathBuf::new(), format!("_片段/{n}.md")))
            .collect();
        let snippets = Arc::new(lib.snippets(&all));
        let o = Origins::own(Path::new("content/phone/a.md"), "phone/a.md", snippets);
        let (m, h) = o
            .snippet_link("../_片段/内.md#问候", false, "phone")
            .unwrap();
        assert_eq!(
            m,
            "`../_片段/内.md` is a snippet: its text is included into pages, it is not published as a page of its own"
        );
        assert!(
            h.contains("`../index.md#问候`, `a.md#问候`")
                && h.contains("`{{#include ../_片段/内.md}}`"),
            "{h}"
        );
        let (_, h) = o
            .snippet_link("lesson:_片段/无人用", true, "phone")
            .unwrap();
        assert!(h.starts_with("no page includes it yet"), "{h}");
        // From a snippet's folder; and what is no snippet is left to the page's links.
        assert!(o.snippet_link("内.md", false, "_片段").is_some());
        for dest in [
            "a.md",
            "../_片段/没有.md",
            "https://x/_片段/内.md",
            "/_片段/内.md",
        ] {
            assert_eq!(o.snippet_link(dest, false, "phone"), None, "{dest}");
        }
        assert_eq!(o.snippet_link("_片段/内", true, ""), None);
    }

    #[test]
    fn a_page_growing_past_the_limit_is_an_error_not_a_hang() {
        let ten = "{{#include _b.md}}\n".repeat(10);
        let files = [
            ("phone/_a.md", ten.replace("_b", "_c")),
            ("phone/_c.md", ten.replace("_b", "_d")),
            ("phone/_d.md", ten.replace("_b", "_e")),
            ("phone/_e.md", ten.replace("_b", "_f")),
            ("phone/_f.md", "x\n".repeat(20)),
        ];
        let files: Vec<(&str, &str)> = files.iter().map(|(a, b)| (*a, b.as_str())).collect();
        let (_, o, diags) = expand(&files, &"{{#include _a.md}}\n".repeat(10));
        assert!(
            diags
                .iter()
                .any(|d| d.message.contains("grows past 100000 lines")),
            "{:?}",
            diags.first()
        );
        assert!(o.lines.len() <= MAX_LINES + 100);
        assert_eq!(diags.len(), 1, "{diags:?}");
    }

    #[test]
    fn snippets_are_told_from_pages() {
        assert!(is_snippet("_片段/开场白.md"));
        assert!(is_snippet("phone/_话术.md"));
        assert!(is_snippet("a/_b/c.md"));
        assert!(!is_snippet("phone/_index.md"));
        assert!(!is_snippet("phone/a_b.md"));
        assert_eq!(join("phone", "../_s/a.md").as_deref(), Some("_s/a.md"));
        assert_eq!(join("phone", "/x.md").as_deref(), Some("x.md"));
        assert_eq!(join("", "../x.md"), None);
        assert_eq!(relative("phone/calls", "_s/a.md"), "../../_s/a.md");
        assert_eq!(relative("phone", "phone/b.md"), "b.md");
    }
}
