//! `handbook import mdbook OLD`: an mdBook made into a new handbook in one step, where
//! docs/migrating.md otherwise lists a page of edits by hand.
//!
//! - `SUMMARY.md`'s order becomes each page's `order:` (its place in the whole table of
//!   contents, so pages and folders of one level sort as they read), its link text a page's
//!   `title:` when the page has no `# ` heading of its own; pages it does not list (mdBook does
//!   not publish them) are kept as drafts.
//! - A folder's `README.md` becomes its `_index.md` (the book's own, the home page `index.md`);
//!   a chapter `x.md` whose sub-chapters are in `x/` becomes `x/_index.md`; a folder of pages
//!   with no introduction gets one, titled as its chapter in SUMMARY.md. Links to moved files,
//!   `{{#include}}`s and pictures are rewritten, and links to `x.html` pages of the book made
//!   links to their `.md` files, which handbook checks.
//! - Old addresses keep working: each page's mdBook address (`intake/phone.html`) goes into its
//!   `aliases`, and a heading whose mdBook id differs from handbook's gets mdBook's as `{#id}`,
//!   so bookmarks and links pasted in work orders land where they did; `book.toml`'s
//!   `[output.html.redirect]` addresses go into the aliases of the pages they lead to, and the
//!   pages' links to them lead to those pages.
//! - `book.toml`'s title, description, language and authors are carried over; `additional-css`
//!   becomes the theme's `custom.css`; what has no counterpart is said.
//!
//! The new book is written beside its place and moved there whole: a failure leaves nothing.
//! `check` runs after, and says what is left (shortcodes, `{{#playground}}`, ...).

use crate::content::include::{join, relative};
use anyhow::{bail, Context};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// What an import did.
pub struct Imported {
    /// Pages written (lessons and folders' introductions), and other files copied.
    pub pages: usize,
    pub files: usize,
    /// What was changed or left out, for the trainer to know.
    pub notes: Vec<String>,
    /// `check` of the new book.
    pub check: crate::Report,
}

/// One chapter of SUMMARY.md.
#[derive(Debug, Clone, PartialEq)]
struct Chapter {
    title: String,
    /// Its file, from the source folder (`None`: a draft chapter, `[标题]()`).
    path: Option<String>,
    /// 1 for a top-level chapter (prefix and suffix chapters too).
    depth: usize,
    /// Its line in SUMMARY.md.
    line: usize,
}

/// The chapters of SUMMARY.md in reading order, and its part titles (`# 第一部分`).
fn read_summary(text: &str) -> (Vec<Chapter>, Vec<String>) {
    use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};
    let mut chapters = Vec::new();
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut link: Option<(String, String, usize)> = None;
    let mut heading: Option<String> = None;
    let mut seen_title = false;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_)) => depth += 1,
            Event::End(TagEnd::List(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => heading = Some(String::new()),
            Event::End(TagEnd::Heading(_)) => {
                if let Some(h) = heading.take() {
                    // The first is the summary's own title (`# Summary`); later ones name parts.
                    if seen_title || !chapters.is_empty() {
                        parts.push(h.trim().to_string());
                    }
                    seen_title = true;
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) if heading.is_none() => {
                let line = text[..range.start].matches('\n').count() + 1;
                link = Some((dest_url.to_string(), String::new(), line));
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((_, title, _)) = link.as_mut() {
                    title.push_str(&t);
                } else if let Some(h) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Link) => {
                if let Some((dest, title, line)) = link.take() {
                    let dest = decode(dest.trim());
                    // (A chapter is its file: an anchor after it is not kept.)
                    let dest = dest.split('#').next().unwrap_or("");
                    let dest = dest.strip_prefix("./").unwrap_or(dest).to_string();
                    chapters.push(Chapter {
                        title: title.trim().to_string(),
                        path: (!dest.is_empty()).then_some(dest),
                        depth: depth.max(1),
                        line,
                    });
                }
            }
            _ => {}
        }
    }
    (chapters, parts)
}

/// `%20` and other percent-escapes in a link's path, as mdBook reads them.
fn decode(s: &str) -> String {
    crate::book::urls::percent_decoded(s).unwrap_or_else(|| s.to_string())
}

/// mdBook's id of a heading (its text, lower-cased in ASCII, letters, digits, `_` and `-`
/// kept, white space made `-`), `-1`, `-2` … after the first of the same on a page.
fn mdbook_id(text: &str, seen: &mut HashMap<String, usize>) -> String {
    let base: String = text
        .trim()
        .chars()
        .filter_map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                Some(c.to_ascii_lowercase())
            } else if c.is_whitespace() {
                Some('-')
            } else {
                None
            }
        })
        .collect();
    let n = seen.entry(base.clone()).or_insert(0);
    let id = if *n == 0 { base } else { format!("{base}-{n}") };
    *n += 1;
    id
}

/// Each heading without an id of its own whose mdBook id differs from the one handbook would
/// give it gets mdBook's (` {#id}` at the end of its line), so that old links to it still land.
/// Returns the text and how many.
fn keep_heading_ids(text: &str) -> (String, usize) {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut md_seen = HashMap::new();
    // (The ids handbook's renderer gives, by its own allocator.)
    let mut ours = crate::render::markdown::HeadingIds::default();
    let mut ends = Vec::new();
    let mut heading: Option<(String, usize, bool, u8)> = None;
    let mut titled = false;
    // (Read as handbook's renderer reads it: the ids compared are the ones it would give.)
    let opts = crate::render::markdown::options();
    for (event, range) in Parser::new_ext(text, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { id, level, .. }) => {
                heading = Some((String::new(), range.start, id.is_some(), level as u8));
                if let Some(id) = id {
                    ours.reserve(&id, 0);
                    titled = true;
                }
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some((h, _, _, _)) = heading.as_mut() {
                    h.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => {
                let Some((h, start, explicit, level)) = heading.take() else {
                    continue;
                };
                // (An id of its own is not counted by mdBook among the ids alike.)
                if explicit {
                    continue;
                }
                let md = mdbook_id(&h, &mut md_seen);
                let usable = !md.is_empty() && !md.chars().all(|c| c == '-');
                // The page's title (a `# ` heading its text opens with) is no heading of the
                // text for handbook: the page header shows it, and carries mdBook's id when
                // the heading is given it.
                let title = !titled && level == 1 && text[..start].trim().is_empty();
                titled = true;
                if title {
                    if usable {
                        let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                        ends.push((end, md));
                    }
                    continue;
                }
                let (id, _) = ours.take(None, &h, 0);
                if id != md && usable {
                    // The end of the heading's first line (an ATX heading is one line).
                    let end = text[start..].find('\n').map_or(text.len(), |e| start + e);
                    ends.push((end, md));
                }
            }
            _ => {}
        }
    }
    let mut out = String::with_capacity(text.len() + ends.len() * 16);
    let mut at = 0;
    for (end, id) in &ends {
        let line = text[at..*end].trim_end_matches('\r');
        let cut = at + line.len();
        // `## 标题 ##`: the closing marks go, or the id would be read as text.
        let kept = text[at..cut].trim_end();
        let kept = match kept.trim_end_matches('#') {
            k if k.len() < kept.len() && k.ends_with(' ') => k.trim_end(),
            _ => kept,
        };
        out.push_str(kept);
        out.push_str(&format!(" {{#{id}}}"));
        at = cut;
    }
    out.push_str(&text[at..]);
    (out, ends.len())
}

/// Where each file of the source folder goes in `content/`: the chapters of SUMMARY.md into
/// folders as it nests them (handbook's table of contents is its folders), a chapter with
/// sub-chapters becoming its folder's `_index.md`, a `README.md` its folder's; a file already
/// where that puts it stays. Files SUMMARY.md does not name stay where they are (a `README.md`
/// made its folder's `_index.md`, the book's own the home page). A folder's `index.md` is its
/// introduction too, as a `README.md` is.
fn plan(
    chapters: &[Chapter],
    files: &[String],
    included: &BTreeSet<String>,
    notes: &mut Vec<String>,
) -> HashMap<String, String> {
    let mut moved: HashMap<String, String> = HashMap::new();
    // (mdBook publishes a folder's `index.md` at its `index.html`, as it does a `README.md`.)
    let readme = |p: &str| {
        let name = p.rsplit('/').next().unwrap_or(p);
        name.eq_ignore_ascii_case("README.md")
            || name.eq_ignore_ascii_case("index.md")
            || name == "_index.md"
    };
    let index_of = |f: &str| {
        if f.is_empty() {
            "index.md".to_string()
        } else {
            format!("{f}/_index.md")
        }
    };
    // The folder the chapters of each depth go into.
    let mut stack: Vec<(usize, String)> = Vec::new();
    let mut taken: HashMap<String, String> = HashMap::new();
    for (i, c) in chapters.iter().enumerate() {
        while stack.last().is_some_and(|(d, _)| *d >= c.depth) {
            stack.pop();
        }
        let Some(path) = c.path.as_deref().filter(|p| files.iter().any(|f| f == p)) else {
            continue;
        };
        if moved.contains_key(path) {
            continue; // named twice: its first place
        }
        let parent = stack.last().map_or("", |(_, f)| f.as_str()).to_string();
        let has_children = chapters.get(i + 1).is_some_and(|n| n.depth > c.depth);
        let own = folder(path);
        let (new, children) = if readme(path) {
            // A folder's introduction: the folder goes under the parent (as it is, if it is
            // there already).
            let f = if own.is_empty() && parent.is_empty() {
                String::new()
            } else if folder(own) == parent {
                own.to_string()
            } else {
                let name = own.rsplit('/').next().unwrap_or(own);
                join(&parent, if name.is_empty() { "index" } else { name }).unwrap_or_default()
            };
            (index_of(&f), f)
        } else {
            let name = path.rsplit('/').next().unwrap_or(path);
            let page = if own == parent {
                path.to_string()
            } else {
                join(&parent, name).unwrap_or_else(|| path.to_string())
            };
            if has_children {
                let stem = page.strip_suffix(".md").unwrap_or(&page).to_string();
                (index_of(&stem), stem)
            } else {
                (page, String::new())
            }
        };
        // Two chapters put in one place (or on a file that stays): the later keeps its own.
        let other = taken
            .get(&new)
            .cloned()
            .or_else(|| (new != path && files.contains(&new)).then(|| new.clone()));
        let new = match other {
            Some(other) => {
                notes.push(t!(
                    "SUMMARY.md:{}: {path} would go to {new}, where {other} is: left at {path}",
                    "SUMMARY.md:{}：{path} 本该放到 {new}，但那里已经有 {other}：留在原处 {path}",
                    c.line
                ));
                path.to_string()
            }
            None => new,
        };
        taken.insert(new.clone(), path.to_string());
        moved.insert(path.to_string(), new);
        if has_children {
            stack.push((c.depth, children));
        }
    }
    for f in files {
        if moved.contains_key(f) {
            continue;
        }
        let name = f.rsplit('/').next().unwrap_or(f);
        let new = if f.ends_with(".md") && readme(f) {
            index_of(folder(f))
        } else if f.ends_with(".md") && included.contains(f) && !is_snippet(f) {
            // Text pages include, and no page of its own: a snippet (`_part.md`).
            join(folder(f), &format!("_{name}")).unwrap_or_else(|| f.clone())
        } else {
            f.clone()
        };
        let new = if taken.contains_key(&new) {
            f.clone()
        } else {
            new
        };
        taken.insert(new.clone(), f.clone());
        moved.insert(f.clone(), new);
    }
    settle(&mut moved, notes);
    moved
}

/// The page address of a content path: `a/b.md` → `a/b`, `a/_index.md` → `a`, `index.md` → ``.
fn address(path: &str) -> &str {
    let p = path.strip_suffix(".md").unwrap_or(path);
    match p.strip_suffix("_index").or_else(|| p.strip_suffix("index")) {
        Some(f) if f.is_empty() || f.ends_with('/') => f.trim_end_matches('/'),
        _ => p,
    }
}

/// The first of `base-1`, `base-2` … that `used` does not hold.
fn numbered(base: &str, used: impl Fn(&str) -> bool) -> String {
    let mut n = 1;
    loop {
        let name = format!("{base}-{n}");
        if !used(&name) {
            return name;
        }
        n += 1;
    }
}

/// Moves out of the way what would not build: a top folder or page named as a generated one
/// (`rules`, `search`, `glossary` …: made `rules-1`), and a page whose address is a folder's
/// too (`intro.md` beside `intro/`: made that folder's `_index.md`, or `intro-1.md`). A name
/// so made is one the book does not use (else `-2`, `-3` …): a page `rules-1.md` or a folder
/// `intro-1/` of its own keeps its place.
fn settle(moved: &mut HashMap<String, String>, notes: &mut Vec<String>) {
    let mut keys: Vec<String> = moved.keys().cloned().collect();
    keys.sort();
    // The names used at the top (`rules-1` for a page `rules-1.md` or a folder `rules-1/`),
    // and the name each generated one's pages and folder go under.
    let tops: BTreeSet<String> = moved
        .values()
        .map(|v| {
            let top = v.split('/').next().unwrap_or("");
            top.strip_suffix(".md").unwrap_or(top).to_string()
        })
        .collect();
    let mut aside: HashMap<String, String> = HashMap::new();
    for k in &keys {
        let new = moved[k].clone();
        let top = new.split('/').next().unwrap_or("");
        let top_name = top.strip_suffix(".md").unwrap_or(top);
        if crate::book::RESERVED.contains(&top_name) {
            let to = aside
                .entry(top_name.to_string())
                .or_insert_with(|| numbered(top_name, |n| tops.contains(n)));
            let renamed = format!("{to}{}", &new[top_name.len()..]);
            notes.push(t!(
                "{k}: `{top_name}` is the name of a page handbook makes: put at {renamed}",
                "{k}：`{top_name}` 是 handbook 自己生成的页面的名字：改放到 {renamed}"
            ));
            moved.insert(k.clone(), renamed);
        }
    }
    // A space in a name (`counter desk.md`) makes `%20` in the address, which breaks when
    // pasted into a chat or a work order (`check` warns): `-` instead, unless that name is
    // taken. (The old address forwards: it is in the page's aliases.)
    for k in &keys {
        let new = moved[k].clone();
        if !new.contains(' ') {
            continue;
        }
        let renamed = new
            .split('/')
            .map(|s| s.trim().replace(' ', "-"))
            .collect::<Vec<_>>()
            .join("/");
        if moved.values().any(|v| *v == renamed) {
            notes.push(t!(
                "{k}: a space in its name makes `%20` in its address, and `{renamed}` is taken: kept as it is (rename it, and the links to it, once the import is done)", "{k}：名字里有空格，网址里会变成 `%20`，而 `{renamed}` 已被占用：保持原样（导入完成后，请给它改名，并改好指向它的链接）"
            ));
            continue;
        }
        notes.push(t!(
            "{k}: a space in its name makes `%20` in its address: put at {renamed}",
            "{k}：名字里有空格，网址里会变成 `%20`：改放到 {renamed}"
        ));
        moved.insert(k.clone(), renamed);
    }
    let pages = |m: &HashMap<String, String>| -> Vec<String> {
        let mut v: Vec<String> = m
            .values()
            .filter(|p| p.ends_with(".md") && !is_snippet(p))
            .cloned()
            .collect();
        v.sort();
        v
    };
    let all = pages(moved);
    let folders: BTreeSet<&str> = all
        .iter()
        .flat_map(|p| {
            let mut f = folder(p);
            let mut out = Vec::new();
            while !f.is_empty() {
                out.push(f);
                f = folder(f);
            }
            out
        })
        .collect();
    let taken: BTreeSet<&str> = all.iter().map(String::as_str).collect();
    // Every path and folder of the book (pictures' too), and the pages put aside here: a
    // page `intro-N.md` goes where none of them is.
    let mut used: BTreeSet<String> = BTreeSet::new();
    for v in moved.values() {
        used.insert(v.clone());
        let mut f = folder(v);
        while !f.is_empty() {
            used.insert(f.to_string());
            f = folder(f);
        }
    }
    let mut changes = Vec::new();
    for p in &all {
        let a = address(p);
        if p.ends_with("index.md") || !folders.contains(a) {
            continue;
        }
        let intro = format!("{a}/_index.md");
        let to = if taken.contains(intro.as_str()) {
            let name = numbered(a, |n| used.contains(n) || used.contains(&format!("{n}.md")));
            format!("{name}.md")
        } else {
            intro
        };
        used.insert(to.clone());
        changes.push((p.clone(), to));
    }
    for (from, to) in changes {
        if let Some((k, v)) = moved.iter_mut().find(|(_, v)| **v == from) {
            notes.push(t!(
                "{k}: its page and the folder `{}/` would have one address: put at {to}",
                "{k}：它的页面和文件夹 `{}/` 会是同一个网址：改放到 {to}",
                address(&from)
            ));
            *v = to;
        }
    }
}

use crate::content::include::{folder_of as folder, is_snippet};

/// Rewrites a Markdown file's relative links, pictures, reference definitions and includes
/// (outside fenced code) from `old_folder` to the file's `new_folder`, through `moved` (old
/// path → new), a link to a page's `.html` made one to its `.md`, and one to an old address of
/// `[output.html.redirect]` one to the page it leads to. Returns the text and how many
/// destinations changed.
fn relink_file(
    text: &str,
    old_folder: &str,
    new_folder: &str,
    moved: &HashMap<String, String>,
    redirected: &Redirects,
) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut fences = crate::render::markdown::QuotedFences::default();
    for line in text.split_inclusive('\n') {
        // (In fenced code only an include, which mdBook and handbook read there too: a code
        // file put in a code block.)
        if fences.code(line) && !line.trim_start().starts_with("{{#include ") {
            out.push_str(line);
            continue;
        }
        let mut one = |dest: &str| -> String {
            let new = relink(dest, old_folder, new_folder, moved, redirected);
            if new != dest {
                n += 1;
            }
            new
        };
        out.push_str(&crate::mv::map_destinations(line, &mut one));
    }
    (out, n)
}

fn relink(
    dest: &str,
    old_folder: &str,
    new_folder: &str,
    moved: &HashMap<String, String>,
    redirected: &Redirects,
) -> String {
    if let Some(inner) = dest.strip_prefix('<').and_then(|d| d.strip_suffix('>')) {
        let r = relink(inner, old_folder, new_folder, moved, redirected);
        return if r == inner { dest.to_string() } else { r };
    }
    if !crate::mv::is_relative(dest) {
        return dest.to_string();
    }
    let cut = dest.find(['#', '?']).unwrap_or(dest.len());
    let (path, tail) = dest.split_at(cut);
    // (handbook reads a path as written: mdBook's `%20` is decoded here.)
    let decoded = decode(path);
    let Some(target) = join(old_folder, &decoded) else {
        return dest.to_string();
    };
    // mdBook's page address, `intake/phone.html`, or a README's, `intake/index.html`: its
    // `.md` file, if the book has one.
    let html_md = target.strip_suffix(".html").and_then(|t| {
        let readme = match t.strip_suffix("index") {
            Some(f) if f.is_empty() || f.ends_with('/') => Some(format!("{f}README.md")),
            _ => None,
        };
        [Some(format!("{t}.md")), readme]
            .into_iter()
            .flatten()
            .find(|md| moved.contains_key(md))
    });
    let key = html_md.as_deref().unwrap_or(&target);
    // An old address `[output.html.redirect]` forwards (a `.md` link too, which mdBook makes its
    // `.html`): the page it leads to, at the redirect's section unless the link names its own
    // (as mdBook's redirect page does).
    let forward = (!path.is_empty() && !moved.contains_key(key))
        .then(|| {
            let t = target.trim_end_matches('/');
            let html = t.strip_suffix(".md").map(|s| format!("{s}.html"));
            redirected
                .links
                .get(t)
                .or_else(|| html.and_then(|h| redirected.links.get(&h)))
        })
        .flatten();
    let mut tail = tail.to_string();
    let out = if let Some((page, fragment)) = forward {
        if let Some(f) = fragment.as_ref().filter(|_| !tail.contains('#')) {
            tail = format!("{tail}#{f}");
        }
        relative(new_folder, &moved[page])
    } else {
        match moved.get(key) {
            Some(new) if new != key || html_md.is_some() || old_folder != new_folder => {
                relative(new_folder, new)
            }
            None if old_folder != new_folder => {
                let slash = if path.ends_with('/') { "/" } else { "" };
                format!("{}{slash}", relative(new_folder, &target))
            }
            _ if decoded != path => decoded,
            _ => return dest.to_string(),
        }
    };
    // A path with a space is written in `<…>`, as Markdown reads it.
    if out.contains([' ', '(', ')', '<']) {
        format!("<{out}{tail}>")
    } else {
        format!("{out}{tail}")
    }
}

#[derive(serde::Serialize, Default)]
struct Front {
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    order: Option<usize>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    draft: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

impl Front {
    fn yaml(&self) -> String {
        let y = serde_yaml::to_string(self).unwrap_or_default();
        format!("---\n{}---\n\n", if y.trim() == "{}" { "" } else { &y })
    }
}

/// The mdBook `book.toml`'s keys handbook has, as a handbook `book.toml`; and notes on the rest.
fn book_toml(
    old: Option<&toml::Table>,
    id: &str,
    chinese: bool,
    notes: &mut Vec<String>,
) -> String {
    let s = |v: &str| toml::Value::String(v.to_string()).to_string();
    let book = old.and_then(|t| t.get("book")).and_then(|b| b.as_table());
    let get = |k: &str| book.and_then(|b| b.get(k)).and_then(|v| v.as_str());
    let title = get("title").unwrap_or("培训手册");
    let mut out = format!("title = {}\n", s(title));
    if let Some(d) = get("description") {
        out.push_str(&format!("description = {}\n", s(d)));
    }
    // (`mdbook init` writes `language = "en"`, left as it was in many a Chinese book.)
    let language = match get("language") {
        Some(l) if chinese && l.starts_with("en") => {
            notes.push(t!(
                "book.toml: language \"{l}\" made \"zh-CN\": the chapters' titles are Chinese",
                "book.toml：language \"{l}\" 改成了 \"zh-CN\"：各章的标题是中文"
            ));
            "zh-CN"
        }
        Some(l) => l,
        None => "zh-CN",
    };
    out.push_str(&format!("language = {}\n", s(language)));
    let authors: Vec<String> = book
        .and_then(|b| b.get("authors"))
        .and_then(|a| a.as_array())
        .map(|a| a.iter().filter_map(|v| v.as_str()).map(s).collect())
        .unwrap_or_default();
    out.push_str(&format!("authors = [{}]\n", authors.join(", ")));
    out.push_str(
        "# 学员浏览器里的学习进度、错题本和收藏按 id 保存：以后改 title 不受影响，这一行不要改。\n",
    );
    out.push_str(&format!(
        "id = {}\n\n[build]\nsrc = \"content\"\ndest = \"site\"\ntheme = \"default\"\n",
        s(id)
    ));
    let site_url = old.and_then(|t| t.get("output")?.get("html")?.get("site-url")?.as_str());
    if let Some(u) = site_url {
        out.push_str(&format!("\n[output]\nsite-url = {}\n", s(u)));
    }
    let Some(old) = old else {
        return out;
    };
    let mut left = Vec::new();
    for (k, v) in old {
        match (k.as_str(), v.as_table()) {
            ("book", Some(t)) => left.extend(
                t.keys()
                    .filter(|k| {
                        !matches!(
                            k.as_str(),
                            "title"
                                | "description"
                                | "language"
                                | "authors"
                                | "src"
                                | "multilingual"
                        )
                    })
                    .map(|k| format!("[book] {k}")),
            ),
            ("output", Some(t)) => {
                for (o, v) in t {
                    let keys: Vec<String> = v
                        .as_table()
                        .map(|t| {
                            t.keys()
                                .filter(|k| {
                                    !matches!(
                                        k.as_str(),
                                        "additional-css" | "site-url" | "redirect"
                                    )
                                })
                                .cloned()
                                .collect()
                        })
                        .unwrap_or_default();
                    if o != "html" || !keys.is_empty() {
                        left.push(
                            format!("[output.{o}] {}", keys.join(", "))
                                .trim_end()
                                .to_string(),
                        );
                    }
                }
            }
            (k, _) => left.push(format!("[{k}]")),
        }
    }
    if !left.is_empty() {
        notes.push(t!(
            "book.toml: not carried over (no counterpart, or another way in handbook; see docs/migrating.md, “book.toml”): {}", "book.toml：以下设置没有搬过来（handbook 里没有对应的设置，或者做法不同；见 docs/migrating.md 的 “book.toml” 一节）：{}",
            left.join("; ")
        ));
    }
    out
}

/// What `[output.html.redirect]` adds: old addresses (as written in `aliases`) for each page,
/// by its file in the mdBook, and all of them as handbook reads an alias; and where each old
/// address leads (from the book's top, `old-phone.html`: the page's file in the mdBook and the
/// redirect's `#section`), for links to it in the pages.
#[derive(Default)]
struct Redirects {
    aliases: HashMap<String, Vec<String>>,
    taken: BTreeSet<String>,
    links: HashMap<String, (String, Option<String>)>,
}

/// Where `key` (an `[output.html.redirect]` key, quoted) is in book.toml's `text`: its line and
/// column, or none when it is not found as written (a key with escapes).
fn toml_place(text: &str, key: &str) -> Option<(usize, usize)> {
    for (i, line) in text.lines().enumerate() {
        for q in ['"', '\''] {
            let quoted = format!("{q}{key}{q}");
            let mut from = 0;
            while let Some(at) = line[from..].find(&quoted) {
                let at = from + at;
                if line[at + quoted.len()..].trim_start().starts_with('=') {
                    return Some((i + 1, line[..at].chars().count() + 1));
                }
                from = at + quoted.len();
            }
        }
    }
    None
}

/// The page (its file in the mdBook) that mdBook published at `target`, a path from the book's
/// top: `intake/phone.html` for `intake/phone.md`, `intake/` or `intake/index.html` for
/// `intake/README.md`.
fn page_at(target: &str, moved: &HashMap<String, String>) -> Option<String> {
    let t = if target.is_empty() || target.ends_with('/') {
        format!("{target}index.html")
    } else {
        target.to_string()
    };
    let stem = t
        .strip_suffix(".html")
        .or_else(|| t.strip_suffix(".md"))
        .unwrap_or(&t);
    let mut candidates = vec![format!("{stem}.md")];
    if let Some(f) = stem
        .strip_suffix("index")
        .filter(|f| f.is_empty() || f.ends_with('/'))
    {
        candidates.extend(["README.md", "readme.md", "Readme.md"].map(|r| format!("{f}{r}")));
    }
    candidates.into_iter().find(|c| {
        moved
            .get(c)
            .is_some_and(|n| n.ends_with(".md") && !is_snippet(n))
    })
}

/// `[output.html.redirect]` (`"/old/page.html" = "new/page.html"`, the target from the old
/// address's folder, as a browser reads it there): each old address whose target is a page of
/// the book (through other redirects too) goes into that page's `aliases`, so old links keep
/// working. What cannot (a target outside the book or no page of it, a section's old address)
/// is a note at its line in book.toml, saying what to do.
fn redirects(
    old_toml: Option<&toml::Table>,
    toml_text: &str,
    moved: &HashMap<String, String>,
    notes: &mut Vec<String>,
) -> Redirects {
    let mut out = Redirects::default();
    let html = old_toml.and_then(|t| t.get("output")?.get("html")?.as_table());
    let Some(table) = html.and_then(|h| h.get("redirect")) else {
        return out;
    };
    let Some(table) = table.as_table() else {
        notes.push(t!("book.toml: [output.html] redirect is not a table of old address = new address: not carried over (list each old address in the `aliases` of the page it should open)", "book.toml：[output.html] redirect 不是 “旧网址 = 新网址” 的表：没有搬过来（请把每个旧网址写进它该打开的页面的 `aliases` 里）"));
        return out;
    };
    // (A target from the top: mdBook's book may be served under `site-url`.)
    let site = html
        .and_then(|h| h.get("site-url")?.as_str())
        .map(|u| {
            let path = u
                .split_once("://")
                .map_or(u, |(_, rest)| rest.find('/').map_or("/", |i| &rest[i..]));
            format!("/{}", path.trim_matches('/'))
        })
        .filter(|p| p != "/");
    let key_path = |k: &str| decode(k.trim().trim_start_matches('/'));
    let targets: HashMap<String, &str> = table
        .iter()
        .filter(|(k, _)| !k.contains('#'))
        .filter_map(|(k, v)| Some((key_path(k).trim_end_matches('/').to_string(), v.as_str()?)))
        .collect();
    // The addresses of the new book's pages and files, which no alias may take.
    let pages: HashMap<&str, &str> = moved
        .values()
        .filter(|n| n.ends_with(".md"))
        .map(|n| (address(n), n.as_str()))
        .collect();
    let files: BTreeSet<&str> = moved.values().map(String::as_str).collect();
    let mut added = 0;
    // (In the order book.toml has them.)
    let mut entries: Vec<_> = table
        .iter()
        .map(|(k, v)| (toml_place(toml_text, k), k, v))
        .collect();
    entries.sort_by_key(|(at, _, _)| at.unwrap_or((usize::MAX, 0)));
    for (at, key, value) in entries {
        let at = match at {
            Some((line, col)) => format!("book.toml:{line}:{col}"),
            None => "book.toml".to_string(),
        };
        let Some(value) = value.as_str() else {
            notes.push(t!("{at}: [output.html.redirect] \"{key}\" is not a string (the address it leads to): not carried over", "{at}：[output.html.redirect] \"{key}\" 的值不是文字（应该写它转到的网址）：没有搬过来"));
            continue;
        };
        let what = format!("[output.html.redirect] \"{key}\" = \"{value}\"");
        if key.contains('#') {
            notes.push(t!("{at}: {what} forwards a section's old id: not carried over (handbook forwards a section only to a heading of the same id on another page); links to it open the page at its top, or give the heading that id (`## 标题 {{#id}}`), and for a section moved to another page list `old-page#id` in that page's `aliases` (docs/content-format.md, “aliases”)", "{at}：{what} 转的是一个小节的旧 id：没有搬过来（handbook 只会把小节转到另一个页面上 id 相同的标题）；指向它的链接会打开页面的顶部，也可以给那个标题加上这个 id（`## 标题 {{#id}}`）；如果小节移到了别的页面，请在那个页面的 `aliases` 里写上 `old-page#id`（见 docs/content-format.md 的 “aliases”）"));
            continue;
        }
        let old = key_path(key);
        // The target, through other redirects (a page renamed twice), from the old address's
        // folder; a fragment is the last one given.
        let mut from = old.clone();
        let mut value_now = value;
        let mut fragment: Option<&str> = None;
        let mut seen = BTreeSet::new();
        let found = loop {
            let v = value_now.trim();
            if v.contains("://")
                || v.starts_with("//")
                || v.split('/').next().is_some_and(|s| s.contains(':'))
            {
                break Err(t!("leads out of the book ({v})", "指向手册以外（{v}）"));
            }
            let cut = v.find(['#', '?']).unwrap_or(v.len());
            if let Some(f) = v[cut..]
                .split_once('#')
                .map(|(_, f)| f)
                .filter(|f| !f.is_empty())
            {
                fragment = Some(f);
            }
            let path = decode(&v[..cut]);
            let path = match path.strip_prefix('/') {
                Some(top) => match &site {
                    Some(s) => path
                        .strip_prefix(s.as_str())
                        .filter(|r| r.is_empty() || r.starts_with('/'))
                        .unwrap_or(top)
                        .trim_start_matches('/')
                        .to_string(),
                    None => top.to_string(),
                },
                // (`""` and `#id` are the old address itself; `..`, `./` a folder's index.)
                None => match join(folder(&from), &path) {
                    _ if path.is_empty() => from.clone(),
                    Some(p) if p.is_empty() => p,
                    Some(p) if path.ends_with(['/', '.']) => format!("{p}/"),
                    Some(p) => p,
                    None => {
                        break Err(t!(
                            "leads above the book's top folder ({v}), out of the book",
                            "指向手册最上层文件夹的上面（{v}），出了手册"
                        ))
                    }
                },
            };
            if let Some(p) = page_at(&path, moved) {
                break Ok(p);
            }
            match targets.get(path.trim_end_matches('/')) {
                Some(next) if seen.insert(path.clone()) => {
                    from = path;
                    value_now = next;
                }
                _ => {
                    break Err(t!(
                        "leads to {}, which is no page of the book",
                        "指向 {}，那不是手册里的页面",
                        if path.is_empty() {
                            t!("the book's top", "手册的最上层")
                        } else {
                            path.clone()
                        }
                    ))
                }
            }
        };
        let page = match found {
            Ok(p) => p,
            Err(why) => {
                notes.push(t!("{at}: {what} {why}: not carried over; list {old} in the `aliases` of the page it should open now, or keep the redirect on the web server", "{at}：{what} {why}：没有搬过来；请把 {old} 写进它现在该打开的页面的 `aliases` 里，或者在网站服务器上保留这个跳转"));
                continue;
            }
        };
        // (A link to the old address leads to the page, even where no alias can keep it.)
        out.links.insert(
            old.trim_end_matches('/').to_string(),
            (page.clone(), fragment.map(str::to_string)),
        );
        let alias = match crate::book::alias_path(&old) {
            Ok(a) => a,
            Err(why) => {
                notes.push(t!("{at}: {what}: {old} cannot be an alias ({why}): not carried over; list the old address in the `aliases` of content/{} by hand if it is still needed", "{at}：{what}：{old} 不能用作别名（{why}）：没有搬过来；如果还需要，请手工把这个旧网址写进 content/{} 的 `aliases` 里", moved[&page]));
                continue;
            }
        };
        let top = alias.split('/').next().unwrap_or("");
        let clash = if let Some(p) = pages.get(alias.as_str()) {
            Some(t!(
                "the address of the page content/{p} in the new book, which old links to it open",
                "新手册里页面 content/{p} 的网址（指向它的旧链接会打开这个页面）"
            ))
        } else if files.contains(alias.as_str()) {
            Some(t!(
                "the file content/{alias} in the new book, which old links to it open",
                "新手册里文件 content/{alias} 的网址（指向它的旧链接会打开这个文件）"
            ))
        } else if crate::book::RESERVED.contains(&top) {
            Some(t!(
                "inside `{top}/`, where handbook makes its own pages",
                "在 `{top}/` 里面的网址，handbook 在那里生成自己的页面"
            ))
        } else if out.taken.contains(&alias) {
            Some(t!(
                "the address of another redirect too, carried over before it",
                "也是前面已经搬过来的另一个跳转的网址"
            ))
        } else {
            None
        };
        if let Some(clash) = clash {
            notes.push(t!("{at}: {what}: {old} is {clash}: not carried over (an old address leads to one place); to have it open content/{} instead, rename what holds the address", "{at}：{what}：{old} 是{clash}：没有搬过来（一个旧网址只能通向一个地方）；要让它改为打开 content/{}，请给占着这个网址的页面或文件改名", moved[&page]));
            continue;
        }
        if let Some(f) = fragment {
            notes.push(t!("{at}: {what}: {old} opens content/{} at its top, not at #{f} (an alias leads to a page, not a section of it)", "{at}：{what}：{old} 会打开 content/{} 的顶部，而不是 #{f}（别名只能通向页面，不能通向页面里的小节）", moved[&page]));
        }
        out.taken.insert(alias);
        out.aliases.entry(page).or_default().push(old);
        added += 1;
    }
    if added > 0 {
        notes.push(t!("book.toml: {added} old address(es) of [output.html.redirect] are in the `aliases` of the pages they lead to, so old links keep working", "book.toml：[output.html.redirect] 里的 {added} 个旧网址已写进它们转到的页面的 `aliases`，旧链接仍然有效"));
    }
    out
}

/// Imports the mdBook at `old` (its folder, with book.toml and src/SUMMARY.md, or the folder
/// holding SUMMARY.md) as a new handbook at `root`, which must not exist or be empty.
pub fn import(root: &Path, old: &Path) -> anyhow::Result<Imported> {
    let toml_text = std::fs::read_to_string(old.join("book.toml")).ok();
    let old_toml: Option<toml::Table> = match &toml_text {
        Some(t) => Some(t.parse().with_context(|| {
            t!(
                "{} is not valid TOML",
                "{} 不是有效的 TOML",
                old.join("book.toml").display()
            )
        })?),
        None => None,
    };
    let src_name = old_toml
        .as_ref()
        .and_then(|t| t.get("book")?.get("src")?.as_str().map(str::to_string))
        .unwrap_or_else(|| "src".into());
    let src = [old.join(&src_name), old.to_path_buf()]
        .into_iter()
        .find(|d| d.join("SUMMARY.md").is_file())
        .with_context(|| {
            t!(
                "no SUMMARY.md in {} or {}: is this an mdBook? (`handbook import mdbook` reads its book.toml and {src_name}/SUMMARY.md)", "{} 和 {} 里都没有 SUMMARY.md：这是 mdBook 吗？（`handbook import mdbook` 读的是它的 book.toml 和 {src_name}/SUMMARY.md）",
                old.join(&src_name).display(),
                old.display()
            )
        })?;
    if root.join("book.toml").exists()
        || std::fs::read_dir(root).is_ok_and(|mut d| d.next().is_some())
    {
        bail!(t!(
            "{} is not empty: import into a new folder, `handbook --root 新手册 import mdbook {}`",
            "{} 不是空的：请导入到一个新文件夹，`handbook --root 新手册 import mdbook {}`",
            root.display(),
            old.display()
        ));
    }
    let summary_text = std::fs::read_to_string(src.join("SUMMARY.md")).with_context(|| {
        t!(
            "{} is not UTF-8 text",
            "{} 不是 UTF-8 编码的文字",
            src.join("SUMMARY.md").display()
        )
    })?;
    let (chapters, parts) = read_summary(&summary_text);
    let mut notes = Vec::new();
    if !parts.is_empty() {
        notes.push(t!(
            "SUMMARY.md's part titles ({}) are not kept: handbook's table of contents is its folders (put each part's pages in a folder of its own, with an `_index.md` titled as the part, by `handbook mv`)", "SUMMARY.md 里各部分的标题（{}）没有保留：handbook 的目录就是它的文件夹（请用 `handbook mv` 把每部分的页面放进各自的文件夹，再加一个以该部分为标题的 `_index.md`）",
            parts.join("、")
        ));
    }

    // Every file of the source folder (but hidden ones and SUMMARY.md; with `src = "."`, not
    // the mdBook's own book.toml, its built site and its theme either).
    let build_dir = old_toml
        .as_ref()
        .and_then(|t| {
            t.get("build")?
                .get("build-dir")?
                .as_str()
                .map(str::to_string)
        })
        .unwrap_or_else(|| "book".into());
    let same = src.canonicalize().ok() == old.canonicalize().ok();
    let mut files: Vec<String> = Vec::new();
    for e in walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            let name = e.file_name().to_string_lossy();
            e.depth() == 0
                || !(name.starts_with('.')
                    || same
                        && e.depth() == 1
                        && (name == build_dir.as_str() || name == "theme" || name == "book.toml"))
        })
    {
        let e = e.with_context(|| t!("reading {}", "读取 {}", src.display()))?;
        if !e.file_type().is_file() {
            continue;
        }
        let rel = e.path().strip_prefix(&src).unwrap_or(e.path());
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel != "SUMMARY.md" {
            files.push(rel);
        }
    }
    let known: BTreeSet<&str> = files.iter().map(String::as_str).collect();

    // The text of each page, read once, for the includes here and to be written (`None`: not
    // UTF-8 text, copied as it is). Without the byte-order mark Notepad writes, which would
    // hide an include on the first line.
    let texts: HashMap<&str, Option<String>> = files
        .iter()
        .filter(|f| f.ends_with(".md"))
        .map(|f| {
            let text = std::fs::read_to_string(src.join(f)).ok().map(|t| {
                match t.strip_prefix('\u{feff}') {
                    Some(rest) => rest.to_string(),
                    None => t,
                }
            });
            (f.as_str(), text)
        })
        .collect();

    // The files pages include (`{{#include ../listings/part.md:2:3}}`).
    let mut included = BTreeSet::new();
    for (f, text) in &texts {
        let Some(text) = text else {
            continue;
        };
        for line in text.lines() {
            let t = line.trim_start().trim_start_matches(['>', ' ']);
            let Some(rest) = t
                .strip_prefix("{{#include ")
                .or_else(|| t.strip_prefix("{{#rustdoc_include "))
            else {
                continue;
            };
            let path = rest.trim_start();
            let path = &path[..path.find([' ', '}', ':']).unwrap_or(path.len())];
            if let Some(p) = join(folder(f), &decode(path)) {
                included.insert(p);
            }
        }
    }
    let moved = plan(&chapters, &files, &included, &mut notes);
    let redirected = redirects(
        old_toml.as_ref(),
        toml_text.as_deref().unwrap_or(""),
        &moved,
        &mut notes,
    );

    // Each chapter's place in reading order, and its title.
    let mut listed: HashMap<&str, (usize, &Chapter)> = HashMap::new();
    for (i, c) in chapters.iter().enumerate() {
        match c.path.as_deref() {
            None => notes.push(t!(
                "SUMMARY.md:{}: the draft chapter “{}” has no file: nothing to import (write it as a page with `draft: true`)", "SUMMARY.md:{}：草稿章节 “{}” 没有文件：没有可导入的内容（可以把它写成一个带 `draft: true` 的页面）",
                c.line, c.title
            )),
            Some(p) if !known.contains(p) => notes.push(t!(
                "SUMMARY.md:{}: “{}” names {p}, which is not in {}: left out", "SUMMARY.md:{}：“{}” 指向 {p}，但 {} 里没有这个文件：已略过",
                c.line,
                c.title,
                src.display()
            )),
            Some(p) => {
                listed.entry(p).or_insert(((i + 1) * 10, c));
            }
        }
    }
    // Pages SUMMARY.md does not list: after those it does, each its own place.
    let last = (chapters.len() + 1) * 10;
    let mut later: HashMap<&str, usize> = HashMap::new();
    for f in &files {
        if f.ends_with(".md") && !listed.contains_key(f.as_str()) && !is_snippet(&moved[f]) {
            let n = later.len();
            later.insert(f.as_str(), last + 10 * n);
        }
    }

    // Folders with pages and no introduction: one, titled as the chapter they are under.
    let mut intros: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let new_paths: BTreeSet<&str> = moved.values().map(String::as_str).collect();
    for (old_path, new) in &moved {
        if !new.ends_with(".md") || is_snippet(new) {
            continue;
        }
        let mut f = folder(new);
        let order = listed
            .get(old_path.as_str())
            .map(|(o, _)| *o)
            .or_else(|| later.get(old_path.as_str()).copied())
            .unwrap_or(last);
        while !f.is_empty() {
            if !new_paths.contains(format!("{f}/_index.md").as_str()) {
                let e = intros
                    .entry(f.to_string())
                    .or_insert((String::new(), usize::MAX));
                e.1 = e.1.min(order);
            }
            f = folder(f);
        }
    }
    for (f, (title, order)) in intros.iter_mut() {
        // The chapter just before the folder's first page, one level up, names it; else
        // the folder's own name.
        let first = chapters
            .iter()
            .position(|c| c.path.as_deref().is_some_and(|p| folder(p) == f.as_str()));
        let parent = first.and_then(|i| {
            let d = chapters[i].depth;
            chapters[..i].iter().rev().find(|c| c.depth + 1 == d)
        });
        *title = match parent {
            Some(c) if !c.title.is_empty() => c.title.clone(),
            _ => f.rsplit('/').next().unwrap_or(f).to_string(),
        };
        *order = order.saturating_sub(5).max(1);
    }

    // Written beside its place first, moved there whole. (From its full path: `--root .`
    // has no parent or name as written.)
    let root_abs = match root.canonicalize() {
        Ok(p) => p,
        Err(_) => std::env::current_dir()?.join(root),
    };
    let parent = root_abs.parent().unwrap_or(Path::new("/"));
    std::fs::create_dir_all(parent)?;
    let name = root_abs
        .file_name()
        .map_or_else(|| "book".into(), |n| n.to_string_lossy().into_owned());
    let tmp = parent.join(format!(".{name}.importing-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&tmp);
    let result = write_book(
        &tmp,
        &root_abs,
        &src,
        &files,
        &texts,
        &moved,
        &redirected,
        &chapters,
        &listed,
        &later,
        &intros,
        old_toml.as_ref(),
        old,
        &mut notes,
    );
    let (pages, copied) = match result {
        Ok(counts) => counts,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            return Err(e);
        }
    };
    if let Err(e) = settle_into(&tmp, &root_abs) {
        let _ = std::fs::remove_dir_all(&tmp);
        return Err(e).with_context(|| {
            t!(
                "moving the new book to {}",
                "把新手册移到 {}",
                root.display()
            )
        });
    }
    let check = crate::check_with(root, false, false);
    Ok(Imported {
        pages,
        files: copied,
        notes,
        check,
    })
}

/// Puts the book written at `tmp` at `root`: renamed there, or, into a folder that exists (and
/// is empty: the folder a trainer made, or `--root .`), each of its entries moved in (those
/// moved taken back if one cannot be).
fn settle_into(tmp: &Path, root: &Path) -> anyhow::Result<()> {
    if !root.exists() {
        std::fs::rename(tmp, root)?;
        return Ok(());
    }
    let entries: Vec<PathBuf> = std::fs::read_dir(tmp)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    let mut done: Vec<(PathBuf, PathBuf)> = Vec::new();
    for e in entries {
        let to = root.join(e.file_name().unwrap_or_default());
        if let Err(err) = std::fs::rename(&e, &to) {
            for (from, to) in done.iter().rev() {
                let _ = std::fs::rename(to, from);
            }
            return Err(err.into());
        }
        done.push((e, to));
    }
    std::fs::remove_dir(tmp)?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn write_book(
    tmp: &Path,
    root: &Path,
    src: &Path,
    files: &[String],
    texts: &HashMap<&str, Option<String>>,
    moved: &HashMap<String, String>,
    redirected: &Redirects,
    chapters: &[Chapter],
    listed: &HashMap<&str, (usize, &Chapter)>,
    later: &HashMap<&str, usize>,
    intros: &BTreeMap<String, (String, usize)>,
    old_toml: Option<&toml::Table>,
    old: &Path,
    notes: &mut Vec<String>,
) -> anyhow::Result<(usize, usize)> {
    let content = tmp.join("content");
    std::fs::create_dir_all(&content)?;
    let (mut pages, mut copied) = (0, 0);
    let mut unlisted = Vec::new();
    let mut ids_kept = 0;
    for f in files {
        let new = &moved[f];
        let to = content.join(new);
        if let Some(p) = to.parent() {
            std::fs::create_dir_all(p)?;
        }
        let from = src.join(f);
        if !f.ends_with(".md") {
            std::fs::copy(&from, &to)
                .with_context(|| t!("copying {}", "复制 {}", from.display()))?;
            copied += 1;
            continue;
        }
        let Some(text) = texts.get(f.as_str()).and_then(Option::as_deref) else {
            notes.push(t!(
                "{f} is not UTF-8 text: copied as it is (save it as UTF-8, then `handbook check`)", "{f} 不是 UTF-8 编码的文字：按原样复制（请把它存成 UTF-8，再运行 `handbook check`）"
            ));
            std::fs::copy(&from, &to)
                .with_context(|| t!("copying {}", "复制 {}", from.display()))?;
            copied += 1;
            continue;
        };
        let (text, _) = relink_file(text, folder(f), folder(new), moved, redirected);
        if is_snippet(new) {
            // Text pages include (`_片段/开场白.md`): no page of its own, no front matter.
            std::fs::write(&to, text)?;
            copied += 1;
            continue;
        }
        let (text, kept) = keep_heading_ids(&text);
        ids_kept += kept;
        let mut front = Front::default();
        match listed.get(f.as_str()) {
            Some((order, c)) => {
                front.order = Some(*order);
                if crate::content::lesson::first_h1(&text).is_none() && !c.title.is_empty() {
                    front.title = Some(c.title.clone());
                }
            }
            None if new != "index.md" => {
                front.order = later.get(f.as_str()).copied();
                // (A folder's introduction is a draft too when none of its pages is listed.)
                let inside = format!("{}/", folder(new));
                front.draft = !new.ends_with("/_index.md")
                    || !listed.keys().any(|p| moved[*p].starts_with(&inside));
                unlisted.push(f.clone());
            }
            None => {}
        }
        if front.title.is_none() && crate::content::lesson::first_h1(&text).is_none() {
            let stem = Path::new(f)
                .file_stem()
                .map_or(String::new(), |s| s.to_string_lossy().into_owned());
            front.title = Some(stem);
        }
        // mdBook's address of the page, if handbook's is another: `intake/phone.html`, a
        // folder's README its `index.html` (unless a redirect has it: what mdBook served
        // there); then the old addresses `[output.html.redirect]` leads here.
        let stem = f.strip_suffix(".md").unwrap_or(f);
        let readme = stem
            .rsplit('/')
            .next()
            .is_some_and(|n| n.eq_ignore_ascii_case("README"));
        let own = if !readme {
            Some(format!("{stem}.html"))
        } else if !folder(f).is_empty() && folder(f) != folder(new) {
            Some(format!("{}/index.html", folder(f)))
        } else {
            None
        };
        let redirect =
            |a: &String| crate::book::alias_path(a).is_ok_and(|a| redirected.taken.contains(&a));
        front.aliases.extend(own.filter(|a| !redirect(a)));
        for a in redirected.aliases.get(f.as_str()).into_iter().flatten() {
            if !front.aliases.contains(a) {
                front.aliases.push(a.clone());
            }
        }
        std::fs::write(&to, format!("{}{text}", front.yaml()))?;
        pages += 1;
    }
    for (f, (title, order)) in intros {
        let front = Front {
            title: Some(title.clone()),
            order: Some(*order),
            ..Front::default()
        };
        std::fs::write(content.join(f).join("_index.md"), front.yaml())?;
        pages += 1;
    }
    if !moved.values().any(|n| n == "index.md") {
        // The home page: the book's title, and its first pages.
        let title = old_toml
            .and_then(|t| t.get("book")?.get("title")?.as_str().map(str::to_string))
            .unwrap_or_else(|| "培训手册".into());
        let front = Front {
            title: Some(title),
            ..Front::default()
        };
        let list: String = chapters
            .iter()
            .filter(|c| c.depth == 1)
            .filter_map(|c| {
                let (title, old) = (&c.title, c.path.as_deref()?);
                let title = title.replace('[', "\\[").replace(']', "\\]");
                {
                    let to = moved.get(old)?;
                    let to = if to.contains(' ') {
                        format!("<{to}>")
                    } else {
                        to.clone()
                    };
                    Some(format!("- [{title}]({to})\n"))
                }
            })
            .collect();
        std::fs::write(content.join("index.md"), format!("{}{list}", front.yaml()))?;
        pages += 1;
        notes.push(t!(
            "the book had no README.md: content/index.md (the home page) lists its first chapters",
            "原书没有 README.md：content/index.md（首页）列出了它的第一层章节"
        ));
    }
    if !unlisted.is_empty() {
        notes.push(t!(
            "not in SUMMARY.md (mdBook does not publish them), kept as drafts (`draft: true`; `handbook serve --drafts` shows them): {}", "这些页面不在 SUMMARY.md 里（mdBook 不发布它们），已作为草稿保留（`draft: true`；用 `handbook serve --drafts` 可以看到）：{}",
            unlisted.join(", ")
        ));
    }
    if ids_kept > 0 {
        notes.push(t!(
            "{ids_kept} heading(s) whose mdBook id differs from handbook's keep mdBook's (`{{#id}}` after the heading), so old links to them still land", "有 {ids_kept} 个标题在 mdBook 里的 id 和 handbook 的不同，保留了 mdBook 的 id（写在标题后面的 `{{#id}}`），旧链接仍能跳到它们"
        ));
    }
    // `[output.html] additional-css`: the theme's custom.css.
    let css: Vec<String> = old_toml
        .and_then(|t| {
            t.get("output")?
                .get("html")?
                .get("additional-css")?
                .as_array()
                .cloned()
        })
        .unwrap_or_default()
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect();
    if !css.is_empty() {
        let mut all = String::new();
        for c in &css {
            match std::fs::read_to_string(old.join(c)) {
                Ok(t) => all.push_str(&format!("/* {c} (mdBook additional-css) */\n{t}\n")),
                Err(_) => notes.push(t!(
                    "book.toml: additional-css {c} not found: left out",
                    "book.toml：找不到 additional-css {c}：已略过"
                )),
            }
        }
        if !all.is_empty() {
            let dir = tmp.join("themes/default/static/css");
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("custom.css"), all)?;
            notes.push(t!("book.toml's additional-css is in themes/default/static/css/custom.css: mdBook's class names (.chapter, .content …) are not handbook's, look it over", "book.toml 的 additional-css 已放进 themes/default/static/css/custom.css：mdBook 的 class 名称（.chapter、.content …）和 handbook 的不一样，请检查一遍"));
        }
    }
    let id = crate::init::book_id(root);
    let chinese = chapters.iter().any(|c| {
        c.title
            .chars()
            .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
    });
    std::fs::write(
        tmp.join("book.toml"),
        book_toml(old_toml, &id, chinese, notes),
    )?;
    let mut written = Vec::new();
    crate::init::write_extras(tmp, &mut written)?;
    Ok((pages, copied))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The notes on what was moved, left out or carried over are told in Chinese, one for one.
    #[test]
    fn notes_are_told_in_chinese() {
        use crate::i18n::in_chinese;
        let files: Vec<String> = ["rules.md", "counter desk.md"].map(String::from).to_vec();
        let (c, _) = read_summary("- [R](rules.md)\n- [C](counter desk.md)\n");
        let mut notes = Vec::new();
        in_chinese(|| plan(&c, &files, &BTreeSet::new(), &mut notes));
        assert_eq!(
            notes,
            [
                "rules.md：`rules` 是 handbook 自己生成的页面的名字：改放到 rules-1.md",
                "counter desk.md：名字里有空格，网址里会变成 `%20`：改放到 counter-desk.md",
            ]
        );
        let moved: HashMap<String, String> = [("a.md", "a.md")]
            .into_iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect();
        let text = "[output.html.redirect]\n\"/old.html\" = \"a.html\"\n\"/gone.html\" = \"nowhere.html\"\n";
        let toml: toml::Table = text.parse().unwrap();
        let (mut en, mut zh) = (Vec::new(), Vec::new());
        redirects(Some(&toml), text, &moved, &mut en);
        in_chinese(|| redirects(Some(&toml), text, &moved, &mut zh));
        assert_eq!(en.len(), zh.len(), "{zh:#?}");
        assert_eq!(
            zh[0],
            "book.toml:3:1：[output.html.redirect] \"/gone.html\" = \"nowhere.html\" 指向 nowhere.html，那不是手册里的页面：没有搬过来；请把 gone.html 写进它现在该打开的页面的 `aliases` 里，或者在网站服务器上保留这个跳转"
        );
        assert!(
            zh[1].starts_with("book.toml：[output.html.redirect] 里的 1 个旧网址"),
            "{zh:#?}"
        );
    }

    #[test]
    fn summary_chapters_in_reading_order_with_depth_and_drafts() {
        let (c, parts) = read_summary(
            "# Summary\n\n[前言](README.md)\n\n# 第一部分\n\n- [受理](intake/README.md)\n  - [电话 受理](intake/phone%20call.md)\n  - [待写]()\n- [回访](./closing.md)\n\n---\n\n[附录](appendix.md)\n",
        );
        let got: Vec<(&str, Option<&str>, usize, usize)> = c
            .iter()
            .map(|c| (c.title.as_str(), c.path.as_deref(), c.depth, c.line))
            .collect();
        assert_eq!(
            got,
            [
                ("前言", Some("README.md"), 1, 3),
                ("受理", Some("intake/README.md"), 1, 7),
                ("电话 受理", Some("intake/phone call.md"), 2, 8),
                ("待写", None, 2, 9),
                ("回访", Some("closing.md"), 1, 10),
                ("附录", Some("appendix.md"), 1, 14),
            ]
        );
        assert_eq!(parts, ["第一部分"]);
    }

    #[test]
    fn chapters_go_into_folders_as_summary_nests_them_and_never_onto_each_other() {
        let files: Vec<String> = [
            "x.md",
            "sub/x.md",
            "a.md",
            "b.md",
            "dir/README.md",
            "dir/c.md",
            "d.md",
            "pic.png",
            "sub/part.md",
            "rules.md",
            "search/s.md",
            "ch1/intro.md",
            "ch2/intro.md",
            "ch2/k.md",
        ]
        .map(String::from)
        .to_vec();
        let (c, _) = read_summary(
            "- [X](x.md)\n- [X2](sub/x.md)\n- [A](a.md)\n  - [B](b.md)\n    - [D](d.md)\n- [Dir](dir/README.md)\n  - [C](dir/c.md)\n- [X again](x.md)\n- [R](rules.md)\n- [I1](ch1/intro.md)\n- [I2](ch2/intro.md)\n  - [K](ch2/k.md)\n",
        );
        let mut notes = Vec::new();
        let included: BTreeSet<String> = ["sub/part.md".to_string()].into();
        let m = plan(&c, &files, &included, &mut notes);
        let at = |f: &str| m[f].as_str();
        assert_eq!(at("x.md"), "x.md");
        assert_eq!(at("sub/x.md"), "sub/x.md", "x.md is taken: {notes:?}");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("sub/x.md would go to x.md")),
            "{notes:?}"
        );
        assert_eq!(at("a.md"), "a/_index.md");
        assert_eq!(at("b.md"), "a/b/_index.md");
        assert_eq!(at("d.md"), "a/b/d.md");
        assert_eq!(at("dir/README.md"), "dir/_index.md");
        assert_eq!(at("dir/c.md"), "dir/c.md");
        assert_eq!(at("pic.png"), "pic.png");
        // Included only: a snippet. Named as a generated page: moved aside. A page and a
        // folder on one address: the page is the folder's introduction.
        assert_eq!(at("sub/part.md"), "sub/_part.md");
        assert_eq!(at("rules.md"), "rules-1.md");
        assert_eq!(at("search/s.md"), "search-1/s.md");
        assert_eq!(at("ch1/intro.md"), "intro-1.md");
        assert_eq!(at("ch2/intro.md"), "intro/_index.md");
        assert_eq!(at("ch2/k.md"), "intro/k.md");
        assert!(
            notes
                .iter()
                .any(|n| n.contains("`rules` is the name of a page handbook makes")),
            "{notes:?}"
        );
    }

    /// A folder's `index.md` (mdBook publishes it at the folder's `index.html`, as a
    /// `README.md`) is the folder's introduction: its sub-chapters go into that folder, not
    /// into one named `index`.
    #[test]
    fn a_folders_index_md_is_its_introduction() {
        let files: Vec<String> = [
            "README.md",
            "procedure/index.md",
            "procedure/time-limits.md",
            "procedure/extension.md",
        ]
        .map(String::from)
        .to_vec();
        let (c, _) = read_summary(
            "[前言](README.md)\n\n- [投诉办理](procedure/index.md)\n  - [办理时限](procedure/time-limits.md)\n    - [延期](procedure/extension.md)\n",
        );
        let mut notes = Vec::new();
        let m = plan(&c, &files, &BTreeSet::new(), &mut notes);
        let at = |f: &str| m[f].as_str();
        assert_eq!(at("README.md"), "index.md");
        assert_eq!(at("procedure/index.md"), "procedure/_index.md", "{notes:?}");
        assert_eq!(
            at("procedure/time-limits.md"),
            "procedure/time-limits/_index.md"
        );
        assert_eq!(
            at("procedure/extension.md"),
            "procedure/time-limits/extension.md"
        );
        assert!(notes.is_empty(), "{notes:?}");
    }

    #[test]
    fn a_file_put_aside_goes_to_a_name_the_book_does_not_use() {
        let files: Vec<String> = [
            "rules.md",
            "rules-1.md",
            "search/s.md",
            "search/t.md",
            "search-1/x.md",
            "search-2.md",
            "ch/intro.md",
            "intro/_index.md",
            "intro/k.md",
            "intro-1.md",
            "intro-2/pic.png",
        ]
        .map(String::from)
        .to_vec();
        let (c, _) = read_summary("- [I](ch/intro.md)\n- [K](intro/k.md)\n");
        let mut notes = Vec::new();
        let m = plan(&c, &files, &BTreeSet::new(), &mut notes);
        let at = |f: &str| m[f].as_str();
        // `-1` is a page or a folder of the book already: `-2`, or on.
        assert_eq!(at("rules.md"), "rules-2.md", "{notes:?}");
        assert_eq!(at("rules-1.md"), "rules-1.md");
        // A folder's pages stay together, past a folder and a page of the names before.
        assert_eq!(at("search/s.md"), "search-3/s.md", "{notes:?}");
        assert_eq!(at("search/t.md"), "search-3/t.md");
        assert_eq!(at("search-1/x.md"), "search-1/x.md");
        assert_eq!(at("intro-1.md"), "intro-1.md");
        assert_eq!(at("ch/intro.md"), "intro-3.md", "{notes:?}");
        assert!(
            notes.iter().any(|n| n.contains("put at intro-3.md")),
            "{notes:?}"
        );
        let places: BTreeSet<&String> = m.values().collect();
        assert_eq!(places.len(), m.len(), "{m:?}");
    }

    #[test]
    fn redirects_become_aliases_of_the_pages_they_lead_to_and_the_rest_notes() {
        let moved: HashMap<String, String> = [
            ("README.md", "index.md"),
            ("intake/README.md", "intake/_index.md"),
            ("intake/phone.md", "intake/phone.md"),
            ("closing.md", "closing/_index.md"),
            ("_s/x.md", "_s/x.md"),
            ("img/a.png", "img/a.png"),
            ("old.md", "old.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let text = "[output.html]\nsite-url = \"https://example.com/jiaocai/\"\n\n[output.html.redirect]\n\
            \"/old-phone.html\" = \"intake/phone.html\"\n\
            \"/intake/old-counter.html\" = \"../closing.html#回访\"\n\
            'chain.html' = \"old-phone.html\"\n\
            \"/gone.html\" = \"https://example.com/x.html\"\n\
            \"/missing.html\" = \"nowhere.html\"\n\
            \"/intake/phone.html#old-step\" = \"intake/phone.html#step\"\n\
            \"/top.html\" = \"/jiaocai/intake/\"\n\
            \"/up.html\" = \"../x.html\"\n\
            \"/old.html\" = \"closing.html\"\n\
            \"/img/a.png\" = \"../closing.html\"\n\
            \"/rules/a.html\" = \"../closing.html\"\n\
            \"/loop.html\" = \"loop2.html\"\n\
            \"/loop2.html\" = \"loop.html\"\n\
            \"/snip.html\" = \"_s/x.html\"\n\
            \"/self.html\" = \"#top\"\n\
            \"/%E6%97%A7.html\" = \"./\"\n";
        let toml: toml::Table = text.parse().unwrap();
        let mut notes = Vec::new();
        let r = redirects(Some(&toml), text, &moved, &mut notes);
        let of = |f: &str| r.aliases.get(f).cloned().unwrap_or_default();
        assert_eq!(
            of("intake/phone.md"),
            ["old-phone.html", "chain.html"],
            "{notes:#?}"
        );
        // From the old address's folder; a redirect takes a page's own old address (what
        // mdBook served there).
        assert_eq!(of("closing.md"), ["intake/old-counter.html", "old.html"]);
        assert!(r.taken.contains("old.html"));
        // From the top, under site-url; a folder's index; `%` decoded.
        assert_eq!(of("intake/README.md"), ["top.html"]);
        assert_eq!(of("README.md"), ["旧.html"]);
        for said in [
            "book.toml:8:1: [output.html.redirect] \"/gone.html\" = \"https://example.com/x.html\" leads out of the book",
            "book.toml:9:1: [output.html.redirect] \"/missing.html\" = \"nowhere.html\" leads to nowhere.html, which is no page of the book: not carried over; list missing.html in the `aliases`",
            "book.toml:10:1: [output.html.redirect] \"/intake/phone.html#old-step\" = \"intake/phone.html#step\" forwards a section's old id: not carried over",
            "book.toml:12:1: [output.html.redirect] \"/up.html\" = \"../x.html\" leads above the book's top folder",
            "book.toml:14:1: [output.html.redirect] \"/img/a.png\" = \"../closing.html\": img/a.png is the file content/img/a.png",
            "book.toml:15:1: [output.html.redirect] \"/rules/a.html\" = \"../closing.html\": rules/a.html is inside `rules/`",
            "book.toml:16:1: [output.html.redirect] \"/loop.html\" = \"loop2.html\" leads to loop2.html, which is no page",
            "book.toml:18:1: [output.html.redirect] \"/snip.html\" = \"_s/x.html\" leads to _s/x.html, which is no page",
            "book.toml:19:1: [output.html.redirect] \"/self.html\" = \"#top\" leads to self.html, which is no page",
            "book.toml:6:1: [output.html.redirect] \"/intake/old-counter.html\" = \"../closing.html#回访\": intake/old-counter.html opens content/closing/_index.md at its top, not at #回访",
            "book.toml: 6 old address(es) of [output.html.redirect] are in the `aliases`",
        ] {
            assert!(notes.iter().any(|n| n.starts_with(said)), "{said}\n{notes:#?}");
        }
        assert_eq!(notes.len(), 12, "{notes:#?}");
        // No table, or not one: nothing, or a note.
        let mut notes = Vec::new();
        let none: toml::Table = "[output.html]\nredirect = 1\n".parse().unwrap();
        assert!(redirects(Some(&none), "", &moved, &mut notes)
            .aliases
            .is_empty());
        assert!(notes[0].contains("not a table"), "{notes:?}");
        assert!(redirects(None, "", &moved, &mut notes).aliases.is_empty());
    }

    #[test]
    fn no_input_panics() {
        // Pieces of SUMMARY.md and of pages, put together in many orders.
        const BITS: &[&str] = &[
            "- [A](a.md)\n",
            "  - [B](b/README.md)\n",
            "    - [C](../c.md)\n",
            "- [](x.md)\n",
            "# 部分\n",
            "[前言](README.md)\n",
            "---\n",
            "## 标题 ##\n",
            "## 重复\n## 重复\n",
            "Setext\n===\n",
            "> ## 引用里的标题\n",
            "```\n",
            "[链接](<a b.md>)\n",
            "![](%E5%9B%BE.png)\n",
            "[x]: ./a.md \"t\"\n",
            "{{#include _s.md:part}}\n",
            "中文\r\n",
            "- [D](d.md#anchor)\n",
            "#\n",
            "## {#}\n",
            "](\n",
            "[[a]]\n",
            "- [E](/abs.md)\n",
            "\u{feff}",
        ];
        let files: Vec<String> = [
            "a.md",
            "b/README.md",
            "c.md",
            "x.md",
            "README.md",
            "d.md",
            "_s.md",
            "图.png",
        ]
        .map(String::from)
        .to_vec();
        let mut seed = 7u64;
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..8 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(BITS[(seed >> 33) as usize % BITS.len()]);
            }
            let (c, _) = read_summary(&text);
            let mut notes = Vec::new();
            let included: BTreeSet<String> = ["c.md".to_string(), "_s.md".to_string()].into();
            let m = plan(&c, &files, &included, &mut notes);
            assert_eq!(m.len(), files.len());
            let places: BTreeSet<&String> = m.values().collect();
            assert_eq!(
                places.len(),
                m.len(),
                "two files in one place: {m:?}\n{text}"
            );
            let (t, _) = keep_heading_ids(&text);
            relink_file(&t, "b", "x/y", &m, &Redirects::default());
        }
    }

    #[test]
    fn mdbook_ids_as_mdbook_makes_them() {
        let mut seen = HashMap::new();
        assert_eq!(mdbook_id("Hello  World!", &mut seen), "hello--world");
        assert_eq!(mdbook_id("受理（登记）", &mut seen), "受理登记");
        assert_eq!(mdbook_id("受理（登记）", &mut seen), "受理登记-1");
        assert_eq!(mdbook_id(" 1. 时限 ", &mut seen), "1-时限");
    }

    #[test]
    fn a_heading_keeps_its_mdbook_id_only_where_handbook_would_differ() {
        let (out, n) = keep_heading_ids(
            "# 标题\n\n## Hello  World! ##\n\n## 受理登记\n\n```\n## not a heading\n```\n\n## Own {#own}\n\n## A_B\n",
        );
        assert_eq!(n, 3, "{out}");
        // The title heading carries mdBook's id (the page header then has it).
        assert!(out.starts_with("# 标题 {#标题}\n"), "{out}");
        assert!(out.contains("## Hello  World! {#hello--world}\n"), "{out}");
        assert!(out.contains("## 受理登记\n"), "{out}");
        assert!(out.contains("## not a heading\n"), "{out}");
        assert!(out.contains("## Own {#own}\n"), "{out}");
        // handbook makes `a-b` of it, mdBook `a_b`.
        assert!(out.ends_with("## A_B {#a_b}\n"), "{out}");
        // An id of its own is not counted by mdBook: the next alike is `概述` there too.
        let (out, _) = keep_heading_ids("## 概述 {#overview}\n\n## 概述\n");
        assert_eq!(out, "## 概述 {#overview}\n\n## 概述\n");
        // The title repeated as a section: mdBook's `-1`, which handbook (title out of the
        // text) would not give.
        let (out, _) = keep_heading_ids("# 电话受理\n\n## 电话受理\n");
        assert_eq!(out, "# 电话受理 {#电话受理}\n\n## 电话受理 {#电话受理-1}\n");
        // A `# ` heading after text is no title.
        let (out, n) = keep_heading_ids("导语\n\n# 受理\n");
        assert_eq!((out.as_str(), n), ("导语\n\n# 受理\n", 0));
    }

    #[test]
    fn links_follow_moved_files_and_html_addresses_become_md() {
        let moved: HashMap<String, String> = [
            ("README.md", "index.md"),
            ("intake/README.md", "intake/_index.md"),
            ("intake/phone.md", "intake/phone.md"),
            ("closing.md", "closing/_index.md"),
            ("img/a.png", "img/a.png"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let text = "见[受理](intake/README.md#步骤)和[电话](intake/phone.html)。\n\n```\n[x](README.md)\n```\n![图](img/a.png)\n[网站](https://example.com/a.md)\n";
        let (out, n) = relink_file(text, "", "", &moved, &Redirects::default());
        assert_eq!(n, 2, "{out}");
        assert!(out.contains("[受理](intake/_index.md#步骤)"), "{out}");
        assert!(out.contains("[电话](intake/phone.md)"), "{out}");
        assert!(out.contains("[x](README.md)"), "code is left: {out}");
        assert!(out.contains("![图](img/a.png)"), "{out}");
        assert!(out.contains("(https://example.com/a.md)"), "{out}");
        // closing.md went into closing/: its own links from there.
        let (out, _) = relink_file(
            "[图](img/a.png) [首页](README.md)\n",
            "",
            "closing",
            &moved,
            &Redirects::default(),
        );
        assert_eq!(out, "[图](../img/a.png) [首页](../index.md)\n");
        // A README's mdBook address; `%20` decoded (handbook reads paths as written), in
        // `<…>` with its space; an include in fenced code follows its page too.
        let moved: HashMap<String, String> = [
            ("intake/README.md", "intake/_index.md"),
            ("a b.md", "x/a b.md"),
            ("c d.md", "c d.md"),
            ("code.rs", "code.rs"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let (out, n) = relink_file(
            "[受理](intake/index.html#步骤) [a](a%20b.md) [c](c%20d.md#要点) [d](<c d.md>)\n```rust\n{{#include code.rs}}\n```\n",
            "",
            "ch",
            &moved,
            &Redirects::default(),
        );
        assert_eq!(
            out,
            "[受理](../intake/_index.md#步骤) [a](<../x/a b.md>) [c](<../c d.md#要点>) [d](<../c d.md>)\n```rust\n{{#include ../code.rs}}\n```\n"
        );
        assert_eq!(n, 5);
        let (out, _) = relink_file("[d](<c d.md>)\n", "", "", &moved, &Redirects::default());
        assert_eq!(out, "[d](<c d.md>)\n");
    }

    /// A link to an old address of `[output.html.redirect]` leads to the page the redirect
    /// leads to, at its section unless the link has one, as mdBook's redirect page sends it.
    #[test]
    fn links_to_redirected_addresses_lead_to_the_pages() {
        let moved: HashMap<String, String> = [
            ("intake/README.md", "intake/_index.md"),
            ("intake/phone.md", "intake/phone.md"),
            ("closing.md", "closing/_index.md"),
            ("old.md", "old.md"),
        ]
        .into_iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
        let text = "[output.html.redirect]\n\
            \"/old-phone.html\" = \"intake/phone.html\"\n\
            \"/intake/old-counter.html\" = \"../closing.html#回访\"\n\
            \"/chain.html\" = \"old-phone.html\"\n\
            \"/旧 目录/\" = \"/intake/\"\n\
            \"/intake/phone.html\" = \"../closing.html\"\n\
            \"/gone.html\" = \"nowhere.html\"\n";
        let toml: toml::Table = text.parse().unwrap();
        let r = redirects(Some(&toml), text, &moved, &mut Vec::new());
        let (out, n) = relink_file(
            "[电话](old-phone.html) [电话](old-phone.md#第一步) [链](chain.html?x=1)\n\
             [柜台](intake/old-counter.html) [柜台](intake/old-counter.html#别处)\n\
             [目录](<旧 目录/>)\n\
             [没有](gone.html) [旧页](old.html) [不是](old-phone.html.bak)\n",
            "",
            "",
            &moved,
            &r,
        );
        assert_eq!(
            out,
            "[电话](intake/phone.md) [电话](intake/phone.md#第一步) [链](intake/phone.md?x=1)\n\
             [柜台](closing/_index.md#回访) [柜台](closing/_index.md#别处)\n\
             [目录](intake/_index.md)\n\
             [没有](gone.html) [旧页](old.md) [不是](old-phone.html.bak)\n"
        );
        assert_eq!(n, 7, "{out}");
        // From a page in a folder, and from its new folder; a page of the book is the page,
        // whatever a redirect of its old address says.
        let (out, _) = relink_file(
            "[电话](../old-phone.html) [电话](phone.html)\n",
            "intake",
            "intake/x",
            &moved,
            &r,
        );
        assert_eq!(out, "[电话](../phone.md) [电话](../phone.md)\n");
    }
}
