//! The link stage: one in-memory `Book` with ids resolved, references checked, the navigation
//! tree and the reading order. `check` stops after this stage (plus Markdown link checks).

use crate::config::Config;
use crate::content::glossary::{Category, Course, CourseItem, Source, Term};
use crate::content::lesson::FrontMatter;
use crate::content::quiz::Quiz;
use crate::content::rule::Rule;
use crate::content::tags::TagEntry;
use crate::content::{Located, SourcePage, Sources};
use crate::diagnostics::{nearest, Diagnostic};
use crate::render::markdown::{slugify, FieldLinks, LinkResolver, Resolved};
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageKind {
    Home,
    Section,
    Lesson,
}

#[derive(Debug, Clone)]
pub struct Page {
    pub kind: PageKind,
    pub file: PathBuf,
    /// Content path: `procedure/time-limits`, `procedure` for a section, empty for home.
    pub path: String,
    pub front: FrontMatter,
    pub body: String,
    pub body_line: usize,
    /// Where the body's lines came from, when it includes snippets.
    pub origins: Option<std::sync::Arc<crate::content::include::Origins>>,
    pub parent: Option<usize>,
    pub children: Vec<usize>,
}

impl Page {
    /// Output folder of the page, relative to the site root: `procedure/time-limits/`.
    pub fn dir(&self) -> String {
        dir_of(&self.path)
    }
}

pub fn dir_of(path: &str) -> String {
    if path.is_empty() {
        String::new()
    } else {
        format!("{path}/")
    }
}

/// Site-root-relative folders of the generated pages.
pub mod urls {
    pub const RULES: &str = "rules/";
    pub const TIME_LIMITS: &str = "rules/time-limits/";
    pub const CHANGES: &str = "rules/changes/";
    pub const QUIZZES: &str = "quizzes/";
    pub const GLOSSARY: &str = "glossary/";
    pub const COURSE: &str = "course/";
    pub const PROGRESS: &str = "progress/";
    pub const SEARCH: &str = "search/";
    pub const PRINT: &str = "print/";
    pub const TEAM: &str = "progress/team/";
    pub const MISTAKES: &str = "progress/mistakes/";
    pub const TAGS: &str = "tags/";
    pub const PHRASES: &str = "phrases/";
    /// 搜索自查: `search-checks.yaml`'s queries run through the search box.
    pub const SEARCH_CHECKS: &str = "search/checks/";

    /// `s` with its `%XX` escapes decoded, as bytes (the caller says what they must be); None
    /// at a malformed escape. (The preview server's request paths, anchors copied from an
    /// address bar.)
    pub fn percent_decode(s: &str) -> Option<Vec<u8>> {
        let b = s.as_bytes();
        let mut out = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            if b[i] == b'%' {
                let hex = s.get(i + 1..i + 3)?;
                out.push(u8::from_str_radix(hex, 16).ok()?);
                i += 3;
            } else {
                out.push(b[i]);
                i += 1;
            }
        }
        Some(out)
    }

    /// `s` decoded ([`percent_decode`]) when it holds an escape and decodes to UTF-8 text; else
    /// `None`, and `s` stands as written (a link typed `升级%20流程.md`, an anchor copied from an
    /// address bar; a malformed escape or bytes that are no text are left alone).
    pub fn percent_decoded(s: &str) -> Option<String> {
        if !s.contains('%') {
            return None;
        }
        percent_decode(s).and_then(|b| String::from_utf8(b).ok())
    }

    /// The generated pages' titles (sidebar, breadcrumbs, `[[rules]]` links, search), one place.
    pub mod titles {
        pub const RULES: &str = "规则索引";
        pub const TIME_LIMITS: &str = "时限速查";
        pub const CHANGES: &str = "最近修订";
        pub const QUIZZES: &str = "测验与情景演练";
        pub const GLOSSARY: &str = "术语表";
        pub const COURSE: &str = "入职课程";
        pub const PROGRESS: &str = "我的学习进度";
        pub const SEARCH: &str = "搜索";
        pub const PRINT: &str = "全书打印版";
        pub const TEAM: &str = "学员进度汇总";
        pub const MISTAKES: &str = "错题本";
        pub const TAGS: &str = "标签";
        pub const PHRASES: &str = "话术汇编";
        pub const SEARCH_CHECKS: &str = "搜索自查";
    }

    pub fn rule(id: &str) -> String {
        format!("rules/{id}/")
    }
    pub fn quiz(id: &str) -> String {
        format!("quizzes/{id}/")
    }
    /// A quiz's 纸质试卷.
    pub fn quiz_paper(id: &str) -> String {
        format!("quizzes/{id}/paper/")
    }
    /// A tag's page, by the tag's folder name ([`crate::book::Book::tag_groups`]).
    pub fn tag(slug: &str) -> String {
        format!("tags/{slug}/")
    }
    /// `../` once per folder level of `from_dir`.
    pub fn root_prefix(from_dir: &str) -> String {
        "../".repeat(from_dir.matches('/').count())
    }
    /// A relative href from the page in `from_dir` to the page in `to_dir`.
    pub fn href(from_dir: &str, to_dir: &str) -> String {
        format!("{}{}index.html", root_prefix(from_dir), to_dir)
    }
}

/// The lesson, rule or quiz a course item names.
pub enum CourseTarget<'a> {
    Lesson(&'a Page),
    Rule(&'a Rule),
    Quiz(&'a Quiz),
}

pub struct Book {
    pub root: PathBuf,
    pub config: Config,
    pub pages: Vec<Page>,
    pub page_index: HashMap<String, usize>,
    /// Pages in reading order (home first), for previous / next links.
    pub order: Vec<usize>,
    pub rules: Vec<Located<Rule>>,
    pub rule_index: HashMap<String, usize>,
    pub quizzes: Vec<Located<Quiz>>,
    pub quiz_index: HashMap<String, usize>,
    pub glossary: Vec<Located<Term>>,
    /// Term or synonym -> glossary entry.
    pub term_index: HashMap<String, usize>,
    pub categories: Vec<Located<Category>>,
    pub sources: Vec<Located<Source>>,
    /// `tags.yaml`: tags' descriptions and old names.
    pub tag_entries: Vec<Located<TagEntry>>,
    /// A tag's old names (the `aliases` of its entry in `tags.yaml`), checked: old name -> the
    /// entry of the tag pages carry now.
    pub tag_aliases: HashMap<String, usize>,
    /// `search-checks.yaml`: queries and where the search box must lead for each (the
    /// 搜索自查 page runs them).
    pub search_checks: Vec<Located<crate::content::search_checks::SearchCheck>>,
    pub course: Option<Located<Course>>,
    /// Some page has tags ([`Book::has_tags`]), some a good example dialogue
    /// ([`Book::has_phrases`]): worked out once, when the book is linked.
    tagged: bool,
    phrased: bool,
    /// Each tag's page folder and number of pages, for `[[tag:…]]` links: worked out at the
    /// first such link.
    tag_pages: std::sync::OnceLock<HashMap<String, (String, usize)>>,
    /// `calendar.yaml`, checked: the days off and worked that 时限速查 counts with.
    pub calendar: Option<crate::content::calendar::Days>,
    pub assets: Vec<(PathBuf, String)>,
    /// A page's former paths (front matter `aliases`), checked: alias -> page.
    pub aliases: Vec<(String, usize)>,
    /// Sections that moved to another page, a lesson split in two (an alias `old#id` in the
    /// front matter of the page that holds the section now), checked.
    pub section_aliases: Vec<SectionAlias>,
    /// A rule's former ids (its `aliases`), checked: old id -> rule.
    pub rule_aliases: HashMap<String, usize>,
    /// A renamed quiz's old ids, to the quiz (its index in `quizzes`).
    pub quiz_aliases: HashMap<String, usize>,
    asset_set: HashSet<String>,
    /// `kind:id` of what files that failed to load declare ([`Sources::broken_ids`]); their
    /// errors are already reported.
    broken: HashSet<String>,
    /// The rules of rule files that did not load, read past their mistakes
    /// ([`crate::content::UnreadRule`]): checked for ids and references, never published.
    unread_rules: Vec<crate::content::UnreadRule>,
    /// The references listed in files that did not load, read past their mistakes
    /// ([`crate::content::UnreadRef`]): checked as the book's own are.
    unread_refs: Vec<crate::content::UnreadRef>,
    /// Lessons with `draft: true` left out of this build (`--drafts` builds them).
    pub drafts: Vec<crate::content::Draft>,
    /// Pages left out of this build for their readers (`[build] audience`): a link to one is
    /// its text alone, a list or course item naming one is left out with it.
    pub left_out: Vec<crate::content::Draft>,
    /// Files (content paths) in the folders of sections left out so.
    left_out_files: HashSet<String>,
    /// Per page, the ids of the headings in its parts left out for their readers (`::: 培训师`
    /// … `:::`): a link to one leads to the page.
    left_out_anchors: HashMap<String, HashSet<String>>,
    /// Built as a trainer's preview (`--drafts`, beside the site): with the drafts and the
    /// exams' 纸质试卷, whose answer keys a published site must not hold.
    pub preview: bool,
}

/// A section that moved: `old#anchor` listed in the `aliases` of page `page`, at `line`, `col`
/// of its file. `old` is a page's path, or a path no page has any more that forwards (a page
/// alias).
#[derive(Debug, Clone)]
pub struct SectionAlias {
    pub old: String,
    pub anchor: String,
    pub page: usize,
    pub line: usize,
    pub col: usize,
}

/// Folders the generated pages own (`print` only while the print page is on, `tags` only while
/// a page has tags, `phrases` only while a page has a good example dialogue).
/// The files the build writes at the top of the site: no page folder or alias may take their
/// names (a lesson `nav.js.md`, an alias `404.html`).
const SITE_FILES: [&str; 3] = ["404.html", "nav.js", "calendar.js"];

/// Whether `folder` (a content path) is one the generated pages always own: a top-level
/// name of [`RESERVED`] but `print`, `tags` and `phrases`, which are only when the book has
/// them. Its lessons are told to move, not to give the folder an `_index.md`.
pub(crate) fn always_generated(folder: &str) -> bool {
    RESERVED.contains(&folder) && !["print", "tags", "phrases"].contains(&folder)
}

pub(crate) const RESERVED: [&str; 10] = [
    "rules", "quizzes", "glossary", "course", "progress", "search", "static", "print", "tags",
    "phrases",
];

/// The error of a link to the lesson `path`, a draft (`draft: true`), which is not built.
fn draft_link(path: &str) -> (String, String) {
    (
        t!("lesson `{path}` is a draft (`draft: true`): it is not published, so the link would lead nowhere",
            "课程 `{path}` 是草稿（`draft: true`）：它不会发布，这个链接会无处可去"),
        t!("remove `draft: true` from its front matter to publish it, or add the link when it is (`handbook serve --drafts` previews drafts with their links)",
            "要发布它，就删掉它前置信息里的 `draft: true`；或者等它发布以后再加这个链接（`handbook serve --drafts` 可以连同链接一起预览草稿）"),
    )
}

/// The hint of a reference to `old`, a lesson whose folder is gone, now at `now` as the
/// reference would be written ([`Book::in_renamed_folder`]).
fn renamed_folder_hint(old: &str, now: &str, written: &str) -> String {
    let folder = old.rsplit_once('/').map_or(old, |(f, _)| f);
    let new_folder = now.rsplit_once('/').map_or(now, |(f, _)| f);
    t!(
        "the folder `{folder}/` is gone and a lesson of that name is elsewhere: `{written}`? (A folder renamed by hand leaves every link into it to mend: if `{new_folder}/` is `{folder}/` renamed, rename it back and run `handbook mv {folder} {new_folder}`, which moves the folder and rewrites every link into it)",
        "文件夹 `{folder}/` 已经不在了，别处有同名的课程：是不是 `{written}`？（手工给文件夹改名，指向里面的链接都要一处处改：如果 `{new_folder}/` 就是改了名的 `{folder}/`，请先把名字改回来，再运行 `handbook mv {folder} {new_folder}`，它会搬动文件夹，并把指向里面的链接一起改好）"
    )
}

/// What a reference of `kind` (as [`split_ref`] gives it) names, in the language chosen: "rule",
/// "glossary term", "lesson" ...
fn kind_name(kind: &str) -> String {
    match kind {
        "rule" => t!("rule", "规则"),
        "quiz" => t!("quiz", "测验"),
        "term" => t!("glossary term", "术语"),
        _ => t!("lesson", "课程"),
    }
}

/// The page key of an anchor check on a site page (`[[course#module-2]]`): this, then the
/// name the link wrote and the page's output folder (`site:course:course/`). Checked once the
/// site pages are rendered.
pub const SITE_PAGE: &str = "site:";

/// A reference as YAML lists write it (`related`, a question's `rules` and `lessons`):
/// `rule:ID` (or a bare ID), `lesson:path`, `quiz:id`, `term:name`, each with an optional
/// `#anchor`. Returns (kind, id, anchor), trimmed.
pub fn split_ref(r: &str) -> (&str, &str, Option<&str>) {
    let (kind, rest) = match r.split_once(':') {
        Some((k, id)) if ["rule", "lesson", "quiz", "term"].contains(&k.trim()) => (k.trim(), id),
        _ => ("rule", r),
    };
    match rest.split_once('#') {
        Some((id, a)) => (kind, id.trim(), Some(a.trim())),
        None => (kind, rest.trim(), None),
    }
}

/// `rule：EX-PROC-001`, a reference's or link's kind followed by a full-width colon (as a
/// Chinese input method types it), which would be read as a lesson's path or a file: the kind
/// and what follows the colon.
pub fn fullwidth_scheme(target: &str) -> Option<(&str, &str)> {
    let (kind, rest) = target.split_once('：')?;
    let kind = kind.trim();
    ["rule", "lesson", "quiz", "term", "tag"]
        .contains(&kind)
        .then(|| (kind, rest.trim()))
}

/// The error for `written`, which has a full-width colon after `kind`, and the same written
/// as it should be, `fixed`.
fn fullwidth_colon(written: &str, kind: &str, fixed: &str) -> (String, String) {
    (
        t!(
            "`{written}` has a full-width colon `：` after `{kind}`",
            "`{written}` 里 `{kind}` 后面是全角冒号 `：`"
        ),
        t!(
            "write `{fixed}`, with an ASCII colon (switch the input method to English punctuation)",
            "请写成 `{fixed}`：这里要用半角冒号（把输入法切换到英文标点）"
        ),
    )
}

/// Whether a link's target with no scheme is a web address missing its `https://`:
/// `www.95598.cn`, `95598.cn/help`, `sgcc.com.cn` (a host name: `www.`, or a dotted name ending
/// in a common top-level domain), not a file's name (`report.pdf`).
fn looks_like_host(target: &str) -> bool {
    let host = target.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.split(':').next().unwrap_or("").to_ascii_lowercase();
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2
        || !labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
    {
        return false;
    }
    const TLDS: [&str; 12] = [
        "cn", "com", "net", "org", "gov", "edu", "info", "cc", "io", "top", "hk", "tw",
    ];
    host.starts_with("www.") || TLDS.contains(labels.last().unwrap_or(&""))
}

/// A reference in a YAML list and where it is written (see [`Book::listed_refs`]).
pub struct ListedRef<'a> {
    pub file: &'a Path,
    pub line: usize,
    pub col: usize,
    /// As [`split_ref`] reads it (a question's lessons with `lesson:` put before them).
    pub text: String,
    /// What it belongs to, in English, as code compares it: "question `q1`: ", or empty.
    pub owner: String,
    /// [`ListedRef::owner`] in the language chosen, to start a message with: "题目 `q1`：".
    pub label: String,
    /// The rule whose `related` it is in, when it is a rule's.
    pub rule: Option<&'a str>,
}

/// Whether `id` can be a quiz's id (or a former one): it is the quiz's folder in the site
/// (quizzes/<id>/), where `..`, `/`, `?` or `#` would write it over another page, outside the
/// site, or make its links lead elsewhere. (`.` inside is fine, `2024.q1`; not first, and no
/// `..`. Windows refuses a folder named like a device.)
fn quiz_folder(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && !id.contains("..")
        && !crate::diagnostics::windows_device(id)
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// Whether Markdown `body` opens a ```` ```dialogue good ```` (or `~~~`) block.
pub fn has_good_dialogue(body: &str) -> bool {
    body.contains("dialogue")
        && body.lines().any(|l| {
            let l = l.trim_start();
            let fence = l.trim_start_matches('`');
            let fence = if fence.len() + 3 <= l.len() {
                fence
            } else {
                l.trim_start_matches('~')
            };
            fence.len() + 3 <= l.len() && {
                let mut w = fence.split_whitespace();
                w.next() == Some("dialogue") && w.next() == Some("good")
            }
        })
}

/// Whether a generated page uses the top-level folder `name` in `book`, or would once a page
/// has tags or a good dialogue (for a new lesson, which may be the first).
pub fn reserved(book: &Book, name: &str) -> bool {
    book.owned_folders().contains(&name) || name == "tags" || name == "phrases"
}

/// One tag and the pages that carry it, in reading order; `slug` names its folder under
/// `tags/`.
#[derive(Debug, Clone)]
pub struct TagGroup {
    pub name: String,
    pub slug: String,
    pub pages: Vec<usize>,
}

/// The folder name under `tags/` of the page of tag `name`, from its text; [`Book::tag_groups`]
/// numbers it when two tags would share one. (At most 40 characters: a folder name has at most
/// 255 bytes, and a long tag is still told apart by its number.) An old name's forward is
/// written there. A tag named like a Windows device (`CON`, `aux`, `com1`) gets `-tag` after
/// it (`con-tag`): a folder `con/` cannot be copied to a Windows share or served by IIS.
pub fn tag_slug(name: &str) -> String {
    let base: String = slugify(name).chars().take(40).collect();
    let base = base.trim_end_matches('-');
    match crate::diagnostics::windows_device(base) {
        true => format!("{base}-tag"),
        false => base.to_string(),
    }
}

/// The order tags are listed and numbered in: pinyin, then as written.
fn tag_order(name: &str) -> (String, String) {
    (crate::render::collate::pinyin_key(name), name.to_string())
}

/// The folders under `tags/` of tags `names`, in [`tag_order`]: each its [`tag_slug`], numbered
/// (`yaml-2`) when an earlier one has it.
fn number_tag_slugs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut used = HashSet::new();
    // Per slug, the number to try next (many tags of one slug stay linear).
    let mut next: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::new();
    for name in names {
        let base = tag_slug(name);
        let mut slug = base.clone();
        let mut n = next.get(&base).copied().unwrap_or(2);
        while !used.insert(slug.clone()) {
            slug = format!("{base}-{n}");
            n += 1;
        }
        next.insert(base, n);
        out.push(slug);
    }
    out
}

/// The links in Markdown `text` to a tag by a name `old` says is an old one (`[[tag:客戶]]`,
/// `[[tag:客戶|…]]`, `[…](tag:客戶)`), outside code and HTML comments: (line from 0, column from
/// 1 of the link's `[`, the name).
fn old_tag_links_in(text: &str, old: impl Fn(&str) -> bool) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut fences = crate::render::markdown::QuotedFences::default();
    let mut comment = false;
    for (k, raw) in text.lines().enumerate() {
        // (Code in a callout too; an indented code block's line.)
        if fences.code(raw) || raw.starts_with('\t') || raw.starts_with("    ") {
            continue;
        }
        // Inline code and comments blanked out, each character in its place.
        let mut chars = crate::render::markdown::without_code_spans(raw);
        crate::render::markdown::blank_comments(&mut chars, &mut comment);
        if !raw.contains("tag:") {
            continue;
        }
        for (open, ends) in [
            ("[[tag:", &[']', '|', '#'][..]),
            ("](tag:", &[')', ' ', '#'][..]),
        ] {
            let mut from = 0;
            while let Some(at) = find_chars(&chars[from..], open).map(|i| i + from) {
                from = at + 1;
                let rest = &chars[at + open.chars().count()..];
                let end = rest
                    .iter()
                    .position(|c| ends.contains(c))
                    .unwrap_or(rest.len());
                if rest.get(end) == Some(&'#') {
                    continue; // (a tag's page has no sections: an error of its own)
                }
                let name: String = rest[..end].iter().collect();
                let name = name.trim();
                if name.is_empty() || !old(name) {
                    continue;
                }
                // The `[` the link starts with: a Markdown link's text may hold brackets.
                let start = if open.starts_with("[[") {
                    at
                } else {
                    let mut depth = 0;
                    (0..=at)
                        .rev()
                        .find(|&i| {
                            match chars[i] {
                                ']' => depth += 1,
                                '[' => depth -= 1,
                                _ => {}
                            }
                            depth == 0
                        })
                        .unwrap_or(at)
                };
                out.push((k, start + 1, name.to_string()));
            }
        }
    }
    out
}

/// Where `needle` starts in `hay`, in characters.
fn find_chars(hay: &[char], needle: &str) -> Option<usize> {
    let n: Vec<char> = needle.chars().collect();
    hay.windows(n.len()).position(|w| w == n.as_slice())
}

/// An alias as written (`procedure/limits`, `procedure/limits/`, `procedure/limits.md`) as a
/// page path, or why it cannot be one. An old address of a single file (`intake/phone.html`,
/// as mdBook and most wikis publish a page) stays a file name: the forward is written as that
/// file, which a browser opens from disk as well as from a server.
pub(crate) fn alias_path(written: &str) -> Result<String, String> {
    let a = written.trim();
    let a = a.strip_prefix("./").unwrap_or(a);
    if a == "index.html" {
        return Err(t!("the home page's own address", "首页自己的地址"));
    }
    let a = a.strip_suffix("/index.html").unwrap_or(a);
    let a = a.trim_end_matches('/');
    let a = a.strip_suffix(".md").unwrap_or(a);
    if a.is_empty() {
        return Err(t!("an empty alias", "空的别名"));
    }
    if a.starts_with('/') || a.contains(':') {
        return Err(t!("an absolute path or address", "绝对路径或网址"));
    }
    if a.contains(['\\', '?', '#', '"', '<', '>']) || a.chars().any(char::is_control) {
        return Err(t!(
            "a path with \\, ?, #, quotes or angle brackets",
            "含有 \\、?、#、引号或尖括号的路径"
        ));
    }
    if a.split('/')
        .any(|seg| seg.is_empty() || seg == "." || seg == ".." || seg.trim() != seg)
    {
        return Err(t!(
            "a path with an empty, `.` or `..` folder, or spaces around a name",
            "含有空文件夹名、`.` 或 `..`，或者名字前后带空格的路径"
        ));
    }
    if a.split('/').any(|seg| seg.len() > 200) {
        return Err(t!(
            "a path with a folder name too long for a file system",
            "文件夹名太长、文件系统存不下的路径"
        ));
    }
    Ok(a.to_string())
}

/// Pages by `order`, then by title in pinyin order (as a Chinese reader looks a title up; by
/// code point, titles without `order` came out in an order that looked random).
fn sort_key(p: &Page) -> (i64, String, String) {
    (
        p.front.order.unwrap_or(i64::MAX),
        crate::render::collate::pinyin_key(&p.front.title),
        p.front.title.clone(),
    )
}

impl Book {
    /// Links loaded sources into a book; problems go to `diags`.
    pub fn link(
        root: PathBuf,
        config: Config,
        mut src: Sources,
        diags: &mut Vec<Diagnostic>,
    ) -> Book {
        let content_dir = PathBuf::from(&config.build.src);
        let mut pages: Vec<Page> = Vec::with_capacity(src.pages.len() + 1);
        // Home first.
        let home_src = src
            .pages
            .iter()
            .find(|p| p.path.is_empty() && !p.is_section_index);
        pages.push(Page {
            kind: PageKind::Home,
            file: home_src
                .map(|p| p.file.clone())
                .unwrap_or_else(|| content_dir.join("index.md")),
            path: String::new(),
            front: home_src
                .map(|p| p.doc.front.clone())
                .unwrap_or_else(|| FrontMatter {
                    title: config.title.clone(),
                    summary: config.description.clone(),
                    ..Default::default()
                }),
            body: home_src.map(|p| p.doc.body.clone()).unwrap_or_default(),
            body_line: home_src.map(|p| p.doc.body_line).unwrap_or(1),
            origins: home_src.and_then(|p| p.doc.origins.clone()),
            parent: None,
            children: Vec::new(),
        });
        // Sections, from folders; `_index.md` gives their front matter.
        let section_index: HashMap<&str, &SourcePage> = src
            .pages
            .iter()
            .filter(|p| p.is_section_index)
            .map(|p| (p.path.as_str(), p))
            .rev() // (the first of several, as a search from the front would find)
            .collect();
        let mut lesson_folders: Option<HashSet<&str>> = None;
        for folder in &src.folders {
            let index = section_index.get(folder.as_str()).copied();
            let name = folder.rsplit('/').next().unwrap_or(folder);
            let mut front = index.map(|p| p.doc.front.clone()).unwrap_or_default();
            if front.title.trim().is_empty() {
                front.title = name.to_string();
                // (Only a folder that holds lessons, itself or in a folder in it -- `service`
                // of `service/phone/…`, in the sidebar too --: the folders holding lessons and
                // those above them, gathered once, when the first folder without `_index.md`
                // is met.)
                let with_lessons = lesson_folders.get_or_insert_with(|| {
                    let mut set = HashSet::new();
                    for p in src.pages.iter().filter(|p| !p.is_section_index) {
                        let mut f = p.path.rsplit_once('/').map_or("", |(f, _)| f);
                        while set.insert(f) {
                            f = f.rsplit_once('/').map_or("", |(up, _)| up);
                        }
                    }
                    set
                });
                // (Nor where its `_index.md` is there but did not read, an empty file: its
                // own error says so; nor in a generated pages' folder, whose lessons are told
                // to move.)
                let unread = content_dir.join(folder).join("_index.md").is_file();
                let generated = always_generated(folder);
                if index.is_none()
                    && !unread
                    && !generated
                    && with_lessons.contains(folder.as_str())
                {
                    diags.push(
                        Diagnostic::warning(content_dir.join(folder), 0, 0, t!("the folder `{name}` has no `_index.md`: the contents, the sidebar and breadcrumbs call it `{name}`",
                            "文件夹 `{name}` 没有 `_index.md`：目录、侧边栏和导航路径都会把它叫作 `{name}`"))
                            .with_hint(t!("add an `_index.md` to the folder, its front matter giving the section's `title` (and `order`): `handbook new` writes one only where it makes the folder, the trainer guide shows one",
                                "在这个文件夹里加一个 `_index.md`，在它的前置信息里写上栏目的 `title`（和 `order`）：`handbook new` 只在新建文件夹时写好它，写法见培训师指南")),
                    );
                }
            }
            pages.push(Page {
                kind: PageKind::Section,
                file: index
                    .map(|p| p.file.clone())
                    .unwrap_or_else(|| content_dir.join(folder)),
                path: folder.clone(),
                front,
                body: index.map(|p| p.doc.body.clone()).unwrap_or_default(),
                body_line: index.map(|p| p.doc.body_line).unwrap_or(1),
                origins: index.and_then(|p| p.doc.origins.clone()),
                parent: None,
                children: Vec::new(),
            });
        }
        drop(section_index);
        // (Moved, not copied: the lessons' text is most of the book.)
        for p in std::mem::take(&mut src.pages)
            .into_iter()
            .filter(|p| !p.is_section_index && !p.path.is_empty())
        {
            pages.push(Page {
                kind: PageKind::Lesson,
                file: p.file,
                path: p.path,
                front: p.doc.front,
                body: p.doc.body,
                body_line: p.doc.body_line,
                origins: p.doc.origins,
                parent: None,
                children: Vec::new(),
            });
        }
        let mut page_index = HashMap::new();
        for (i, p) in pages.iter().enumerate() {
            // `phone.md` beside a folder `phone/`: both would be the page phone/, and one
            // would silently replace the other.
            if let Some(section) = page_index.insert(p.path.clone(), i) {
                let folder = &pages[section];
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        1,
                        1,
                        t!(
                            "this lesson and the folder `{}/` are both the page `{}/`",
                            "这篇课程和文件夹 `{}/` 都是页面 `{}/`",
                            p.path,
                            p.path
                        ),
                    )
                    .with_hint(t!(
                        "rename the lesson, or make it the folder's intro: move it to `{}/_index.md`{}",
                        "给这篇课程改名，或者把它作为文件夹的介绍页：移到 `{}/_index.md`{}",
                        p.path,
                        if folder.kind == PageKind::Section && folder.file.ends_with("_index.md") {
                            t!(" in place of the intro there", "，替换那里原有的介绍页")
                        } else {
                            String::new()
                        }
                    )),
                );
            }
        }
        // Parents and children.
        for i in 1..pages.len() {
            let parent_path = pages[i]
                .path
                .rfind('/')
                .map(|j| pages[i].path[..j].to_string())
                .unwrap_or_default();
            let parent = page_index.get(&parent_path).copied().unwrap_or(0);
            pages[i].parent = Some(parent);
            pages[parent].children.push(i);
        }
        for i in 0..pages.len() {
            let mut children = std::mem::take(&mut pages[i].children);
            children.sort_by_cached_key(|&c| sort_key(&pages[c]));
            pages[i].children = children;
        }
        let mut order = Vec::with_capacity(pages.len());
        let mut stack = vec![0usize];
        while let Some(i) = stack.pop() {
            order.push(i);
            stack.extend(pages[i].children.iter().rev());
        }

        let mut book = Book {
            root,
            config,
            pages,
            page_index,
            order,
            rules: src.rules,
            rule_index: HashMap::new(),
            quizzes: src.quizzes,
            quiz_index: HashMap::new(),
            glossary: src.glossary,
            term_index: HashMap::new(),
            categories: src.categories,
            sources: src.sources,
            tag_entries: src.tags,
            tag_aliases: HashMap::new(),
            search_checks: src.search_checks,
            course: src.course,
            calendar: src
                .calendar
                .map(|c| crate::content::calendar::check(&c, diags)),
            tagged: false,
            phrased: false,
            tag_pages: std::sync::OnceLock::new(),
            aliases: Vec::new(),
            section_aliases: Vec::new(),
            rule_aliases: HashMap::new(),
            quiz_aliases: HashMap::new(),
            asset_set: src.assets.iter().map(|a| a.1.clone()).collect(),
            broken: src.broken_ids.into_iter().collect(),
            unread_rules: src.unread_read,
            unread_refs: src.unread_refs,
            drafts: src.drafts,
            left_out: src.left_out,
            left_out_files: src.left_out_files.into_iter().collect(),
            left_out_anchors: src.left_out_anchors,
            assets: src.assets,
            preview: false,
        };
        book.tagged = book
            .pages
            .iter()
            .any(|p| p.front.tags.iter().any(|t| !t.trim().is_empty()));
        book.phrased = book.pages.par_iter().any(|p| has_good_dialogue(&p.body));
        book.index_and_check(diags);
        book
    }

    /// A spreadsheet, Word document or backup copy in the content folder is published as it
    /// is, for anyone who opens the site to download: a question bank kept there (its answers),
    /// an internal contact list, `deadlines.md.bak`. A warning for each that no page, nor a
    /// rule's, quiz's, term's or the course's text, links to (a file linked is meant to be
    /// downloaded).
    fn check_private_files(&self, diags: &mut Vec<Diagnostic>) {
        let flagged: Vec<&(PathBuf, String)> = self
            .assets
            .iter()
            .filter(|(_, rel)| private_kind(rel).is_some())
            .collect();
        if flagged.is_empty() {
            return;
        }
        let linked = self.linked_files();
        for (abs, rel) in flagged {
            if linked.contains(rel) {
                continue;
            }
            let Some(kind) = private_kind(rel) else {
                continue;
            };
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let bank = kind != PrivateKind::Backup && question_bank(abs, name);
            let message = match (kind, bank) {
                (_, true) => t!(
                    "`{name}` looks like a question bank and will be published as it is, for anyone who can open the site to download: the answers would leak",
                    "`{name}` 看起来是题库，它会原样发布到网站上，谁能打开网站谁就能下载：答案会泄露"
                ),
                (PrivateKind::Backup, _) => t!(
                    "`{name}` is a backup copy and will be published as it is, for anyone who can open the site to download",
                    "`{name}` 是备份文件，它会原样发布到网站上，谁能打开网站谁就能下载"
                ),
                _ => t!(
                    "`{name}` will be published as it is, for anyone who can open the site to download",
                    "`{name}` 会原样发布到网站上，谁能打开网站谁就能下载"
                ),
            };
            let hint = match kind {
                PrivateKind::Backup => t!(
                    "delete it, or keep it outside the content folder (e.g. beside book.toml)",
                    "删掉它，或者把它放到内容文件夹外面（例如 book.toml 旁边）"
                ),
                _ => t!(
                    "keep it outside the content folder (e.g. beside book.toml): `handbook import questions` reads a question bank from anywhere; if it is meant to be downloaded, link it from a lesson (or a rule's or quiz's text; then this warning goes)",
                    "把它放到内容文件夹外面（例如 book.toml 旁边）：`handbook import questions` 可以从任何位置读取题库；如果它本来就是给大家下载的，请在课程（或者规则、测验的文字）里链接它（这条警告就不会再出现）"
                ),
            };
            diags.push(
                Diagnostic::warning(
                    crate::diagnostics::display_path(&self.root, abs),
                    0,
                    0,
                    message,
                )
                .with_hint(hint),
            );
        }
    }

    /// The content files (paths from the content folder) the pages' Markdown links to, as
    /// links and pictures or as `href`/`src` in HTML: what a page links to is meant to be
    /// downloaded.
    fn linked_files(&self) -> HashSet<String> {
        use pulldown_cmark::{Event, Parser, Tag};
        let mut out = HashSet::new();
        // Markdown `text` whose relative links start in `folder`.
        let mut scan = |text: &str, folder: &str| {
            let mut add = |target: &str| {
                let target = target.trim();
                let target = target.split('#').next().unwrap_or(target);
                let decoded = urls::percent_decoded(target);
                let target = decoded.as_deref().unwrap_or(target);
                // (A web address, `mailto:`, `rule:`: not a file.)
                if target.is_empty() || target.split('/').next().is_some_and(|s| s.contains(':')) {
                    return;
                }
                for t in [Some(target), target.split_once('?').map(|(f, _)| f)]
                    .into_iter()
                    .flatten()
                {
                    if let Some(joined) = crate::content::include::join(folder, t) {
                        out.insert(joined);
                    }
                }
            };
            for event in Parser::new_ext(text, crate::render::markdown::options()) {
                match event {
                    Event::Start(Tag::Link { dest_url, .. })
                    | Event::Start(Tag::Image { dest_url, .. }) => add(&dest_url),
                    Event::Html(html) | Event::InlineHtml(html) => {
                        for attr in ["href=", "src="] {
                            let mut rest: &str = &html;
                            while let Some(i) = rest.find(attr) {
                                rest = &rest[i + attr.len()..];
                                let Some(quote) =
                                    rest.chars().next().filter(|c| *c == '"' || *c == '\'')
                                else {
                                    continue;
                                };
                                rest = &rest[1..];
                                if let Some(end) = rest.find(quote) {
                                    add(&rest[..end]);
                                    rest = &rest[end..];
                                }
                            }
                        }
                    }
                    _ => {}
                }
            }
        };
        for page in &self.pages {
            scan(&page.body, &PageLinks::new(self, page).folder);
        }
        // The Markdown fields of rules, quizzes, the glossary and the course link from the
        // content folder (`PageLinks::for_fields`): a form linked from a rule's step is meant
        // to be downloaded as much as one a lesson links.
        for r in &self.rules {
            for (_, text) in r.value.markdown_fields() {
                scan(text, "");
            }
        }
        for q in &self.quizzes {
            for (_, text) in q.value.markdown_fields() {
                scan(text, "");
            }
        }
        for t in &self.glossary {
            scan(&t.value.definition, "");
        }
        if let Some(c) = &self.course {
            for (_, text) in c.value.markdown_fields() {
                scan(text, "");
            }
        }
        out
    }

    /// Indexes the glossary by term and synonym: a term's own name first, so that
    /// `[[term:断电]]` opens the entry 断电 even when 停电 also lists it as a synonym. A term
    /// written twice is an error (both entries would share one anchor); a synonym that is
    /// another entry's term, or is listed under two terms, a warning at the synonym.
    fn index_glossary(&mut self, diags: &mut Vec<Diagnostic>) {
        for (i, t) in self.glossary.iter().enumerate() {
            let term = &t.value.term;
            match self.term_index.get(term) {
                Some(&first) => {
                    let f = &self.glossary[first];
                    let (l, c) = t.pos("term");
                    diags.push(
                        Diagnostic::error(
                            &t.file,
                            l,
                            c,
                            t!(
                                "duplicate glossary term `{term}`",
                                "术语表里有重复的术语 `{term}`"
                            ),
                        )
                        .with_hint(t!(
                            "also defined at {}:{}; merge the two entries into one",
                            "{}:{} 也定义了它；请把两个词条合并成一个",
                            f.file.display(),
                            f.line
                        ))
                        .naming(&f.file),
                    );
                }
                None => {
                    self.term_index.insert(term.clone(), i);
                }
            }
        }
        for (i, t) in self.glossary.iter().enumerate() {
            if t.value.definition.trim().is_empty() {
                let (l, c) = t.pos("definition");
                diags.push(
                    Diagnostic::warning(&t.file, l, c, t!("the definition of `{}` is empty", "`{}` 的释义是空的", t.value.term))
                        .with_hint(t!("write one sentence saying what it means: the glossary and the hover text on every page that uses the word show it",
                            "用一句话写出它的意思：术语表里，以及每个用到这个词的页面上鼠标悬停时，都会显示这句话")),
                );
            }
            if t.value.term.trim().is_empty() {
                let (l, c) = t.pos("term");
                diags.push(
                    Diagnostic::error(
                        &t.file,
                        l,
                        c,
                        t!(
                            "a glossary entry with an empty `term`",
                            "术语表里有一个词条的 `term` 是空的"
                        ),
                    )
                    .with_hint(t!(
                        "write the word it defines, e.g. `term: 电能表`",
                        "写上这个词条解释的词，例如 `term: 电能表`"
                    )),
                );
            }
            for (k, name) in t.value.synonyms.iter().enumerate() {
                // The term itself, an empty one, or one listed twice: a slip, nothing to find.
                let slip = if name.trim().is_empty() {
                    Some(t!("an empty synonym", "空的同义词"))
                } else if *name == t.value.term {
                    Some(t!(
                        "synonym `{name}` is the term itself",
                        "同义词 `{name}` 就是术语本身"
                    ))
                } else if t.value.synonyms[..k].contains(name) {
                    Some(t!(
                        "synonym `{name}` is listed twice",
                        "同义词 `{name}` 列了两次"
                    ))
                } else {
                    None
                };
                if let Some(message) = slip {
                    let (l, c) = t.pos(&format!("synonyms.{k}"));
                    diags.push(
                        Diagnostic::warning(
                            &t.file,
                            l,
                            c,
                            t!(
                                "{message} (of `{}`)",
                                "{message}（术语 `{}`）",
                                t.value.term
                            ),
                        )
                        .with_hint(t!("remove it from `synonyms`", "把它从 `synonyms` 里删掉")),
                    );
                    continue;
                }
                // (Every term is indexed by now: a name held by another entry is its term or
                // a synonym it listed first.)
                let other = match self.term_index.get(name) {
                    Some(&j) if j != i => Some((j, self.glossary[j].value.term == *name)),
                    _ => None,
                };
                let Some((j, is_term)) = other else {
                    self.term_index.entry(name.clone()).or_insert(i);
                    continue;
                };
                let o = &self.glossary[j];
                let at = format!("{}:{}", o.file.display(), o.line);
                let message = if is_term {
                    t!(
                        "synonym `{name}` of `{}` is also a term of its own ({at}): `[[term:{name}]]` links to that entry",
                        "`{}` 的同义词 `{name}` 本身也是一个术语（{at}）：`[[term:{name}]]` 会链接到那个词条",
                        t.value.term
                    )
                } else {
                    t!(
                        "synonym `{name}` of `{}` is also a synonym of `{}` ({at}): `[[term:{name}]]` links to `{}`",
                        "`{}` 的同义词 `{name}` 也是 `{}` 的同义词（{at}）：`[[term:{name}]]` 会链接到 `{}`",
                        t.value.term, o.value.term, o.value.term
                    )
                };
                let (l, c) = t.pos(&format!("synonyms.{k}"));
                diags.push(Diagnostic::warning(&t.file, l, c, message).with_hint(t!(
                    "keep each word under one term: remove it here, or merge the two entries",
                    "每个词只归在一个术语下：把它从这里删掉，或者把两个词条合并"
                )));
            }
            // Keywords: only search words, so they may be another entry's too (12345 finds
            // two topics); a slip within the entry is still one.
            for (k, word) in t.value.keywords.iter().enumerate() {
                let (message, hint) = if word.trim().is_empty() {
                    (
                        t!("an empty keyword", "空的关键词"),
                        t!("remove it from `keywords`", "把它从 `keywords` 里删掉"),
                    )
                } else if *word == t.value.term {
                    (
                        t!(
                            "keyword `{word}` is the term itself",
                            "关键词 `{word}` 就是术语本身"
                        ),
                        t!(
                            "remove it from `keywords`: the term is searched anyway",
                            "把它从 `keywords` 里删掉：术语本身本来就能搜到"
                        ),
                    )
                } else if t.value.synonyms.contains(word) {
                    (t!("keyword `{word}` is also a synonym", "关键词 `{word}` 也是同义词"),
                        t!("keep it in one list: `synonyms` if it is another name for the term (shown as 又称), else `keywords` (searched, never shown)",
                            "只放在一个列表里：是术语的另一个叫法，就放在 `synonyms`（显示为“又称”）；否则放在 `keywords`（只用于搜索，不显示）"))
                } else if t.value.keywords[..k].contains(word) {
                    (
                        t!(
                            "keyword `{word}` is listed twice",
                            "关键词 `{word}` 列了两次"
                        ),
                        t!("remove one of the two", "删掉其中一个"),
                    )
                } else {
                    continue;
                };
                let (l, c) = t.pos(&format!("keywords.{k}"));
                diags.push(
                    Diagnostic::warning(
                        &t.file,
                        l,
                        c,
                        t!(
                            "{message} (of `{}`)",
                            "{message}（术语 `{}`）",
                            t.value.term
                        ),
                    )
                    .with_hint(hint),
                );
            }
        }
    }

    /// Checks every page's `aliases` and records the good ones: each must be a path inside the
    /// site that no page, other alias or generated folder uses.
    fn check_aliases(&mut self, owned: &[&str], diags: &mut Vec<Diagnostic>) {
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut sections: HashMap<(String, String), usize> = HashMap::new();
        for (i, p) in self.pages.iter().enumerate() {
            for (k, written) in p.front.aliases.iter().enumerate() {
                let (l, c) = p.front.pos(&format!("aliases.{k}"));
                let error = |m: String, h: &str| Diagnostic::error(&p.file, l, c, m).with_hint(h);
                // `procedure/time-limits#extension`: a section that moved here, the old page
                // split in two. (An id copied from the address bar is percent-encoded.)
                let (path, anchor) = match written.split_once('#') {
                    Some((path, a)) => (path, Some(a.trim())),
                    None => (written.as_str(), None),
                };
                let anchor =
                    anchor.map(|a| urls::percent_decoded(a).unwrap_or_else(|| a.to_string()));
                if let Some(an) = &anchor {
                    if an.is_empty()
                        || an.contains(char::is_whitespace)
                        || an.contains(['#', '"', '<', '>'])
                    {
                        diags.push(error(
                            t!("alias `{written}` names no section id after `#`", "别名 `{written}` 的 `#` 后面没有写小节的 id"),
                            &t!("a section that moved here is listed by its old address: the old page's path, `#`, and the heading's id, e.g. `procedure/time-limits#extension`",
                                "移到本页的小节按它的旧地址列出：旧页面的路径、`#`，再加标题 id，例如 `procedure/time-limits#extension`"),
                        ));
                        continue;
                    }
                }
                // (The one page an old section may forward to.)
                let mut claim = |a: &str, an: &str, diags: &mut Vec<Diagnostic>| {
                    let key = (a.to_string(), an.to_string());
                    if let Some(&first) = sections.get(&key) {
                        diags.push(error(
                            t!(
                                "section alias `{written}` is also an alias of {}",
                                "小节别名 `{written}` 也是 {} 的别名",
                                crate::diagnostics::display_path(&self.root, &self.pages[first].file)
                                    .display()
                            ),
                            &t!("a section moved to one page: remove the alias from the page that does not hold it",
                                "一个小节只能移到一个页面：请从不包含这个小节的页面上删掉这个别名"),
                        ));
                        return;
                    }
                    sections.insert(key, i);
                    self.section_aliases.push(SectionAlias {
                        old: a.to_string(),
                        anchor: an.to_string(),
                        page: i,
                        line: l,
                        col: c,
                    });
                };
                let a = match alias_path(path) {
                    Ok(a) => a,
                    Err(why) => {
                        diags.push(error(
                            if written.trim().is_empty() {
                                t!("an alias is empty", "有一个别名是空的")
                            } else {
                                t!("alias `{written}` is {why}", "别名 `{written}` 是{why}")
                            },
                            &t!("write the page's old path from the content folder, e.g. `procedure/limits` for what was content/procedure/limits.md",
                                "写上页面从内容文件夹算起的旧路径，例如原来的 content/procedure/limits.md 写成 `procedure/limits`"),
                        ));
                        continue;
                    }
                };
                // (Its forward is a folder of that name, which Windows refuses, as it refuses
                // a lesson file so named.)
                if let Some(seg) = a.split('/').find(|s| crate::diagnostics::windows_device(s)) {
                    diags.push(error(
                        t!(
                            "alias `{written}`: `{seg}` is named like a device on Windows, so the site could not be copied to a Windows share or disk",
                            "别名 `{written}`：`{seg}` 和 Windows 的设备名相同，网站将无法复制到 Windows 共享文件夹或磁盘上"
                        ),
                        &t!(
                            "remove the alias (`con`, `prn`, `aux`, `nul`, `com1`–`com9` and `lpt1`–`lpt9` cannot be folder names there)",
                            "请删掉这个别名（`con`、`prn`、`aux`、`nul`、`com1`–`com9` 和 `lpt1`–`lpt9` 在那里都不能用作文件夹名）"
                        ),
                    ));
                    continue;
                }
                if let Some(&other) = self.page_index.get(&a) {
                    match &anchor {
                        Some(an) if other != i => {
                            claim(&a, an, diags);
                            continue;
                        }
                        Some(_) => {
                            diags.push(error(
                                t!("alias `{written}` names a section of this page itself", "别名 `{written}` 指向的是本页自己的小节"),
                                &t!("a section alias is the old address of a section that moved here from another page; remove it",
                                    "小节别名是从别的页面移到本页的小节的旧地址；请删掉它"),
                            ));
                            continue;
                        }
                        None => {}
                    }
                    let msg = if other == i {
                        t!(
                            "alias `{written}` is this page's own path",
                            "别名 `{written}` 就是本页自己的路径"
                        )
                    } else {
                        t!(
                            "alias `{written}` is the path of the page {}",
                            "别名 `{written}` 是页面 {} 的路径",
                            crate::diagnostics::display_path(&self.root, &self.pages[other].file)
                                .display()
                        )
                    };
                    diags.push(error(
                        msg,
                        &t!(
                            "an alias is a path no page has any more; remove it",
                            "别名应该是已经没有页面使用的旧路径；请删掉它"
                        ),
                    ));
                    continue;
                }
                let top = a.split('/').next().unwrap_or("");
                // (The files the build writes at the site's top: an alias `404.html` replaced
                // the page every missed address shows.)
                if SITE_FILES.contains(&top.to_ascii_lowercase().as_str()) {
                    diags.push(error(
                        t!(
                            "alias `{written}` is the path of `{top}`, a file the build writes",
                            "别名 `{written}` 是 `{top}` 的路径，这个文件是生成网站时写出的"
                        ),
                        &t!("remove the alias", "请删掉这个别名"),
                    ));
                    continue;
                }
                if owned.contains(&top) {
                    diags.push(error(
                        t!(
                            "alias `{written}` is inside `{top}/`, which a generated page uses",
                            "别名 `{written}` 在 `{top}/` 里面，这个文件夹由自动生成的页面使用"
                        ),
                        &t!("remove the alias", "请删掉这个别名"),
                    ));
                    continue;
                }
                if self.asset_set.contains(&a)
                    || self.asset_set.contains(&format!("{a}/index.html"))
                {
                    diags.push(error(
                        t!(
                            "alias `{written}` is the path of a file in the content folder",
                            "别名 `{written}` 是内容文件夹里一个文件的路径"
                        ),
                        &t!(
                            "remove the alias, or rename the file",
                            "删掉这个别名，或者给那个文件改名"
                        ),
                    ));
                    continue;
                }
                if let Some(an) = &anchor {
                    claim(&a, an, diags);
                    continue;
                }
                if let Some(&first) = taken.get(&a) {
                    diags.push(error(
                        t!(
                            "alias `{written}` is also an alias of {}",
                            "别名 `{written}` 也是 {} 的别名",
                            crate::diagnostics::display_path(&self.root, &self.pages[first].file)
                                .display()
                        ),
                        &t!(
                            "an old path can forward to one page only; remove one of them",
                            "一个旧路径只能转到一个页面；请删掉其中一个"
                        ),
                    ));
                    continue;
                }
                taken.insert(a.clone(), i);
                self.aliases.push((a, i));
            }
        }
        // The sections of a page no page has now, nor forwards from: its old address forwards
        // to the page its sections went to, as a page alias would; when they went to several,
        // to which one is the trainer's to say.
        let mut gone: Vec<(&str, Vec<&SectionAlias>)> = Vec::new();
        for s in &self.section_aliases {
            if self.page_index.contains_key(&s.old) || taken.contains_key(&s.old) {
                continue;
            }
            match gone.iter_mut().find(|(old, _)| *old == s.old) {
                Some((_, claims)) => claims.push(s),
                None => gone.push((&s.old, vec![s])),
            }
        }
        let mut implied = Vec::new();
        for (old, claims) in gone {
            let first = claims[0].page;
            match claims.iter().find(|s| s.page != first) {
                None => implied.push((old.to_string(), first)),
                Some(s) => {
                    let file = |i: usize| {
                        crate::diagnostics::display_path(&self.root, &self.pages[i].file)
                            .display()
                            .to_string()
                    };
                    diags.push(
                        Diagnostic::error(
                            &self.pages[s.page].file,
                            s.line,
                            s.col,
                            t!(
                                "the page `{old}` no longer exists, and its sections moved to {} and {}: its own address must lead to one of them",
                                "页面 `{old}` 已经不存在了，它的小节分别移到了 {} 和 {}：它自己的地址必须转到其中一个",
                                file(first),
                                file(s.page)
                            ),
                        )
                        .with_hint(t!(
                            "list `{old}` itself in the `aliases` of the page that continues it (old addresses without a `#section` go there)",
                            "把 `{old}` 本身写进接续它的那个页面的 `aliases`（不带 `#小节` 的旧地址会转到那里）"
                        )),
                    );
                }
            }
        }
        self.aliases.extend(implied);
    }

    /// The page section `#anchor` of page `path` moved to (its `aliases` list `path#anchor`).
    pub fn moved_section(&self, path: &str, anchor: &str) -> Option<usize> {
        self.section_aliases
            .iter()
            .find(|s| s.old == path && s.anchor == anchor)
            .map(|s| s.page)
    }

    fn index_and_check(&mut self, diags: &mut Vec<Diagnostic>) {
        // A one-rule file whose id is malformed (reported by rule_check) stands for the id its
        // name spells, as a file that failed to load does: references to that id are not
        // reported again.
        for r in &self.rules {
            if !crate::content::rule_check::valid_id(&r.value.id) {
                self.broken
                    .extend(crate::content::named_id(&r.file.to_string_lossy()));
            }
        }
        // Generated pages own some folders; a lesson there would be overwritten.
        let owned = self.owned_folders();
        for &reserved in &owned {
            // (`Rules/` too: on a Windows share or a Mac's disk it is the same folder as the
            // generated `rules/`.)
            let taken = self.page_index.get(reserved).copied().or_else(|| {
                (self.pages.iter())
                    .position(|p| !p.path.contains('/') && p.path.eq_ignore_ascii_case(reserved))
            });
            if let Some(i) = taken {
                let p = &self.pages[i];
                // Lessons put in a generated pages' folder (a `readme.md` beside the rule
                // files in `rules/`): they move, the folder with its rule files stays.
                // (Where rule and quiz files are kept; another folder of lessons of that
                // name is renamed, as the hints below say.)
                let inside = format!("{}/", p.path);
                let data_folder = p.path == reserved && ["rules", "quizzes"].contains(&reserved);
                let lessons: Vec<&Page> = (self.pages.iter())
                    .filter(|q| data_folder && q.kind == PageKind::Lesson)
                    .filter(|q| q.path.starts_with(&inside))
                    .collect();
                if let Some(first) = lessons.first() {
                    let mut files: Vec<String> = (lessons.iter().take(5))
                        .map(|q| format!("`{}`", q.file.display()))
                        .collect();
                    if lessons.len() > 5 {
                        files.push("…".to_string());
                    }
                    let files = files.join(", ");
                    diags.push(
                        Diagnostic::error(
                            &first.file,
                            0,
                            0,
                            t!(
                                "lessons cannot go in the folder `{}/`: the site's `{reserved}/` pages are generated, and would overwrite them",
                                "课程不能放在 `{}/` 文件夹里：网站的 `{reserved}/` 页面是自动生成的，会把它们覆盖",
                                p.path
                            ),
                        )
                        .with_hint(t!(
                            "move {files} to another folder (`handbook mv` keeps the links to them); rule and quiz files (`.rule.yaml`, `.quiz.yaml`) may stay where they are",
                            "请把 {files} 挪到别的文件夹（用 `handbook mv` 挪，指向它们的链接会一起改好）；规则和测验文件（`.rule.yaml`、`.quiz.yaml`）可以留在原处"
                        )),
                    );
                    continue;
                }
                let hint = match reserved {
                    "print" => t!("rename it (e.g. add a prefix), or set `print = false` under [output] in book.toml; its pages would be overwritten by the print page",
                        "给它改名（例如加个前缀），或者在 book.toml 的 [output] 下写 `print = false`；否则它的页面会被打印版页面覆盖"),
                    "tags" => t!("rename it (e.g. add a prefix): while pages have `tags`, `tags/` holds the page of each tag",
                        "给它改名（例如加个前缀）：只要有页面写了 `tags`，`tags/` 里就放着每个标签的页面"),
                    "phrases" => t!("rename it (e.g. add a prefix): while lessons have good example dialogues, `phrases/` collects them (话术汇编)",
                        "给它改名（例如加个前缀）：只要有课程写了正确示范对话，`phrases/` 就用来汇集它们（话术汇编）"),
                    _ => t!("rename this folder (e.g. add a prefix); its pages would be overwritten",
                        "给这个文件夹改名（例如加个前缀）；否则它的页面会被覆盖"),
                };
                diags.push(
                    Diagnostic::error(
                        &p.file,
                        0,
                        0,
                        match p.path.as_str() {
                            same if same == reserved => t!(
                                "the name `{reserved}` is used by a generated page",
                                "`{reserved}` 这个名字已被自动生成的页面占用"
                            ),
                            other => t!(
                                "the name `{other}` is the generated pages' `{reserved}` on a disk that ignores letter case (a Windows share, a Mac)",
                                "`{other}` 这个名字在不分大小写的磁盘上（Windows 共享文件夹、Mac）就是自动生成的页面占用的 `{reserved}`"
                            ),
                        },
                    )
                    .with_hint(hint),
                );
            }
        }
        for name in SITE_FILES {
            if let Some(&i) = self.page_index.get(name) {
                diags.push(
                    Diagnostic::error(
                        &self.pages[i].file,
                        0,
                        0,
                        t!(
                            "the name `{name}` is used by a file the build writes",
                            "`{name}` 这个名字已被生成网站时写出的文件占用"
                        ),
                    )
                    .with_hint(t!("rename this file; the site's own file would be written where its page belongs",
                        "给这个文件改名；否则网站自己的文件会写到它的页面所在的位置")),
                );
            }
        }
        self.check_aliases(&owned, diags);
        self.check_tag_entries(diags);
        self.check_search_checks(diags);
        self.check_private_files(diags);
        for (i, r) in self.rules.iter().enumerate() {
            if let Some(&first) = self.rule_index.get(&r.value.id) {
                let f = &self.rules[first];
                // (The id the file's name spells, ts-int-002.rule.yaml given another rule's id
                // by mistake, is what references to it use: not reported again at each.)
                // (Either of the two: files are read in name order.)
                for file in [&r.file, &f.file] {
                    if let Some(named) = crate::content::named_id(&file.to_string_lossy()) {
                        if named != format!("rule:{}", r.value.id) {
                            self.broken.insert(named);
                        }
                    }
                }
                // Said at the rule that is likelier the slip (a copied file whose id was not
                // changed): the one whose file name spells another id, else the file written
                // last, else the later one. (At the `id:` lines: a file may start with comments.)
                let (slip, other) = if likelier_slip(&self.root, &f.file, &r.file, &r.value.id) {
                    // (The id then means the other: the rule a link, a limits table or an
                    // embedded card meant.)
                    self.rule_index.insert(r.value.id.clone(), i);
                    (f, r)
                } else {
                    (r, f)
                };
                let (l, c) = slip.pos("id");
                diags.push(
                    Diagnostic::error(
                        &slip.file,
                        l,
                        c,
                        t!("duplicate rule id `{}`", "重复的规则编号 `{}`", r.value.id),
                    )
                    .with_hint(t!(
                        "also defined at {}:{}; give one of them a new id",
                        "{}:{} 也用了这个编号；请给其中一条换个新编号",
                        other.file.display(),
                        other.pos("id").0
                    ))
                    .naming(&other.file),
                );
            } else {
                self.rule_index.insert(r.value.id.clone(), i);
            }
        }
        // A rule of a file that did not load whose id a rule of the book has, or another such
        // rule (said at it: its file has the error to fix anyway).
        let mut unread: HashMap<&str, &crate::content::UnreadRule> = HashMap::new();
        for u in &self.unread_rules {
            let other = match self.rule_index.get(&u.id) {
                Some(&i) => (&self.rules[i].file, self.rules[i].pos("id").0),
                None => match unread.get(u.id.as_str()) {
                    Some(o) => (&o.file, o.at.0),
                    None => {
                        unread.insert(&u.id, u);
                        continue;
                    }
                },
            };
            diags.push(
                Diagnostic::error(
                    &u.file,
                    u.at.0,
                    u.at.1,
                    t!("duplicate rule id `{}`", "重复的规则编号 `{}`", u.id),
                )
                .with_hint(t!(
                    "also defined at {}:{}; give one of them a new id",
                    "{}:{} 也用了这个编号；请给其中一条换个新编号",
                    other.0.display(),
                    other.1
                ))
                .naming(other.0),
            );
        }
        for (i, r) in self.rules.iter().enumerate() {
            for (k, old) in r.value.aliases.iter().enumerate() {
                let (l, c) = r.pos(&format!("aliases.{k}"));
                let error = |m: String, h: String| Diagnostic::error(&r.file, l, c, m).with_hint(h);
                if !crate::content::rule_check::valid_id(old) {
                    diags.push(error(
                        t!(
                            "rule `{}`: alias `{old}` is not a rule id",
                            "规则 `{}`：别名 `{old}` 不是规则编号",
                            r.value.id
                        ),
                        t!(
                            "write an id the rule had before, e.g. `TS-PROC-010`",
                            "写上这条规则以前用过的编号，例如 `TS-PROC-010`"
                        ),
                    ));
                } else if self.rule_index.contains_key(old) {
                    diags.push(error(
                        t!(
                            "rule `{}`: alias `{old}` is the id of a rule",
                            "规则 `{}`：别名 `{old}` 是一条现有规则的编号",
                            r.value.id
                        ),
                        t!(
                            "an alias is an id no rule has any more; remove it",
                            "别名应该是已经没有规则使用的旧编号；请删掉它"
                        ),
                    ));
                } else if let Some(&first) = self.rule_aliases.get(old) {
                    diags.push(error(
                        t!(
                            "rule `{}`: alias `{old}` is also an alias of `{}`",
                            "规则 `{}`：别名 `{old}` 也是 `{}` 的别名",
                            r.value.id,
                            self.rules[first].value.id
                        ),
                        t!(
                            "an old id can forward to one rule only; remove one of them",
                            "一个旧编号只能转到一条规则；请删掉其中一个"
                        ),
                    ));
                } else {
                    self.rule_aliases.insert(old.clone(), i);
                }
            }
        }
        for (i, q) in self.quizzes.iter().enumerate() {
            let id = &q.value.id;
            // (One of full-width letters or another kind of hyphen is told as such, with the
            // id to write: quiz_check.)
            let slip = crate::content::quiz_check::id_as_meant(id.trim()).is_some();
            if !quiz_folder(id) && !slip {
                let (line, col) = {
                    let t = q.text_at("id");
                    (t.line, t.col)
                };
                diags.push(
                    Diagnostic::error(
                        &q.file,
                        line,
                        col,
                        t!(
                            "quiz id `{id}` cannot be a folder name in the site",
                            "测验 id `{id}` 不能用作网站里的文件夹名"
                        ),
                    )
                    .with_hint(t!(
                        "use letters, digits and hyphens, e.g. `id: escalation-basics`",
                        "用字母、数字和连字符 `-`，例如 `id: escalation-basics`"
                    )),
                );
            }
            if let Some(&first) = self.quiz_index.get(&q.value.id) {
                // (At the `id:` line: a file may start with its schema line.)
                let (l, c) = q.pos("id");
                let other = &self.quizzes[first];
                diags.push(
                    Diagnostic::error(
                        &q.file,
                        l,
                        c,
                        t!("duplicate quiz id `{}`", "重复的测验 id `{}`", q.value.id),
                    )
                    .with_hint(t!(
                        "also defined at {}:{}; give one of them a new id",
                        "{}:{} 也用了这个 id；请给其中一个换个新 id",
                        other.file.display(),
                        other.pos("id").0
                    ))
                    .naming(&other.file),
                );
            } else {
                self.quiz_index.insert(q.value.id.clone(), i);
            }
        }
        for (i, q) in self.quizzes.iter().enumerate() {
            for (k, old) in q.value.aliases.iter().enumerate() {
                let (l, c) = q.pos(&format!("aliases.{k}"));
                let error = |m: String, h: &str| Diagnostic::error(&q.file, l, c, m).with_hint(h);
                let id = &q.value.id;
                if !quiz_folder(old) {
                    diags.push(error(
                        t!(
                            "quiz `{id}`: alias `{old}` cannot be a quiz id",
                            "测验 `{id}`：别名 `{old}` 不能用作测验 id"
                        ),
                        &t!(
                            "write an id the quiz had before, e.g. `procedure-time-limits`",
                            "写上这套测验以前用过的 id，例如 `procedure-time-limits`"
                        ),
                    ));
                } else if self.quiz_index.contains_key(old) {
                    diags.push(error(
                        t!(
                            "quiz `{id}`: alias `{old}` is the id of a quiz",
                            "测验 `{id}`：别名 `{old}` 是一套现有测验的 id"
                        ),
                        &t!(
                            "an alias is an id no quiz has any more; remove it",
                            "别名应该是已经没有测验使用的旧 id；请删掉它"
                        ),
                    ));
                } else if let Some(&first) = self.quiz_aliases.get(old) {
                    diags.push(error(
                        t!(
                            "quiz `{id}`: alias `{old}` is also an alias of `{}`",
                            "测验 `{id}`：别名 `{old}` 也是 `{}` 的别名",
                            self.quizzes[first].value.id
                        ),
                        &t!(
                            "an old id can forward to one quiz only; remove one of them",
                            "一个旧 id 只能转到一套测验；请删掉其中一个"
                        ),
                    ));
                } else {
                    self.quiz_aliases.insert(old.clone(), i);
                }
            }
        }
        // Questions a quiz takes from others (`from`), before anything counts its pool.
        // (A quiz whose file failed to load is named without an error of its own.)
        let broken = &self.broken;
        crate::content::quiz_check::pull(
            &mut self.quizzes,
            &self.quiz_index,
            &self.quiz_aliases,
            &|id| broken.contains(&format!("quiz:{id}")),
            diags,
        );
        self.index_glossary(diags);
        // A category id given twice in categories.yaml: its rules would be listed under two
        // headings of one name, and one label would be lost.
        let mut first: std::collections::HashMap<&str, usize> = Default::default();
        for c in &self.categories {
            let id = c.value.id.trim();
            let (l, col) = c.pos("id");
            match first.get(id) {
                Some(&line) => diags.push(
                    Diagnostic::error(
                        &c.file,
                        l,
                        col,
                        t!("duplicate category id `{id}`", "重复的分类 id `{id}`"),
                    )
                    .with_hint(t!(
                        "line {line} has it already; give one of the two another id, or delete one",
                        "第 {line} 行已经用过它；请给其中一个换个 id，或者删掉一个"
                    )),
                ),
                None => {
                    first.insert(id, l);
                }
            }
        }
        let categories: HashSet<&str> = self
            .categories
            .iter()
            .map(|c| c.value.id.as_str())
            .collect();
        let known_sources: HashSet<&str> =
            self.sources.iter().map(|s| s.value.id.as_str()).collect();
        // The rules of the book, and those of a file that did not load, read past its
        // mistakes (robustness review: `category: nocat` was told only once a missing
        // `summary` was added): each rule's category and sources, where written.
        // (A rule's file, where its category is written and what, its sources likewise.)
        type Named<'a> = (
            &'a std::path::Path,
            (usize, usize),
            &'a str,
            Vec<(usize, usize, &'a str)>,
        );
        let mut named: Vec<Named> = Vec::new();
        for r in &self.rules {
            crate::content::rule_check::check(r, diags);
            let sources = (r.value.sources.iter().enumerate())
                .map(|(k, s)| {
                    let (l, c) = r.pos(&format!("sources.{k}"));
                    (l, c, s.as_str())
                })
                .collect();
            named.push((&r.file, r.pos("category"), &r.value.category, sources));
        }
        for u in &self.unread_rules {
            let sources = u
                .sources
                .iter()
                .map(|(s, l, c)| (*l, *c, s.as_str()))
                .collect();
            match &u.category {
                Some((c, l, col)) => named.push((&u.file, (*l, *col), c, sources)),
                None => named.push((&u.file, (0, 0), "", sources)),
            }
        }
        for (file, (l, c), category, sources) in named {
            if !category.is_empty()
                && !categories.contains(category)
                && !self.is_broken("category", category)
            {
                // (A category's label written for its id: `管理与考核` for `governance`.)
                let written = category.trim();
                let by_label = (self.categories.iter())
                    .find(|c| c.value.label.trim() == written && !written.is_empty());
                let hint = match nearest(category, categories.iter().copied()) {
                    _ if by_label.is_some() => {
                        let id = &by_label.map_or("", |c| c.value.id.as_str());
                        t!(
                            "`{written}` is the label of category `{id}`: write `category: {id}` (the label is what pages show)",
                            "“{written}”是分类 `{id}` 的名称：请写 `category: {id}`（页面上显示的是名称）"
                        )
                    }
                    Some(n) => t!(
                        "did you mean `{n}`? categories are declared in categories.yaml",
                        "是不是想写 `{n}`？分类在 categories.yaml 里定义"
                    ),
                    None => t!(
                        "declare it in categories.yaml at the top of the content folder",
                        "请在内容文件夹最上层的 categories.yaml 里定义它"
                    ),
                };
                diags.push(
                    Diagnostic::error(
                        file,
                        l,
                        c,
                        t!("unknown category `{}`", "不认识的分类 `{}`", category),
                    )
                    .with_hint(hint),
                );
            }
            for (l, c, s) in sources {
                if !known_sources.contains(s) && !self.is_broken("source", s) {
                    diags.push(unknown_source(file, l, c, s, &known_sources));
                }
            }
        }
        // A list naming one thing twice (as after replacing a retired rule's id by its
        // successor's): the page shows it twice.
        fn twice<T>(
            l: &crate::content::Located<T>,
            list: &[String],
            path: &str,
            owner: &str,
            diags: &mut Vec<Diagnostic>,
        ) {
            for (k, v) in list.iter().enumerate() {
                if let Some(first) = list[..k].iter().position(|w| w.trim() == v.trim()) {
                    let (l0, _) = l.pos(&format!("{path}.{first}"));
                    let (line, col) = l.pos(&format!("{path}.{k}"));
                    diags.push(
                        Diagnostic::warning(
                            &l.file,
                            line,
                            col,
                            t!(
                                "{owner}`{}` is listed twice in `{path}` (first on line {l0})",
                                "{owner}`{}` 在 `{path}` 里列了两次（第一次在第 {l0} 行）",
                                v.trim()
                            ),
                        )
                        .with_hint(t!(
                            "delete this one: the page would show it twice",
                            "删掉这一个：否则页面上会显示两次"
                        )),
                    );
                }
            }
        }
        for r in &self.rules {
            twice(r, &r.value.related, "related", "", diags);
        }
        for t in &self.glossary {
            let owner = t!("term `{}`: ", "术语 `{}`：", t.value.term);
            twice(t, &t.value.related, "related", &owner, diags);
        }
        for q in &self.quizzes {
            twice(q, &q.value.related, "related", "", diags);
            for (i, question) in q.value.own_questions().enumerate() {
                let owner = t!("question `{}`: ", "题目 `{}`：", question.id);
                twice(
                    q,
                    &question.rules,
                    &format!("questions.{i}.rules"),
                    &owner,
                    diags,
                );
                twice(
                    q,
                    &question.lessons,
                    &format!("questions.{i}.lessons"),
                    &owner,
                    diags,
                );
            }
        }
        // The references listed in rules, terms, quizzes and questions.
        let today = crate::content::calendar::today();
        for lr in self.listed_refs() {
            if let Err((m, h)) = self.check_ref(&lr.text) {
                diags.push(
                    Diagnostic::error(lr.file, lr.line, lr.col, format!("{}{m}", lr.label))
                        .with_hint(h),
                );
            } else if let Some((m, h)) = self
                .repealed_ref(&lr.text, today)
                // (The rule that replaced it may relate to it: where it came from.)
                .filter(|_| lr.rule.is_none_or(|own| !self.replaces(own, &lr.text)))
            {
                diags.push(
                    Diagnostic::warning(lr.file, lr.line, lr.col, format!("{}{m}", lr.label))
                        .with_hint(h),
                );
            }
        }
        // The rule a repealed one is replaced by (a rule of a file that did not load too).
        let unread = self.unread_rules.iter().filter_map(|u| {
            let (by, l, c) = u.replaced_by.as_ref()?;
            Some((&u.file, by.trim(), (*l, *c), &u.id))
        });
        let read = self.rules.iter().filter_map(|r| {
            let by = r.value.replaced_by.as_deref().map(str::trim)?;
            Some((&r.file, by, r.pos("replaced_by"), &r.value.id))
        });
        for (file, by, (l, c), id) in read.chain(unread) {
            let owner = t!("rule `{}`: ", "规则 `{}`：", id);
            if let Err((m, h)) = self.check_ref(by) {
                diags.push(Diagnostic::error(file, l, c, format!("{owner}{m}")).with_hint(h));
            } else if let Some((m, h)) = self.repealed_ref(by, today) {
                diags.push(Diagnostic::warning(file, l, c, format!("{owner}{m}")).with_hint(h));
            }
        }
        for p in &self.pages {
            for (k, s) in p.front.sources.iter().enumerate() {
                if !known_sources.contains(s.as_str()) && !self.is_broken("source", s) {
                    let (l, c) = p.front.pos(&format!("sources.{k}"));
                    diags.push(unknown_source(&p.file, l, c, s, &known_sources));
                }
            }
            // A renumbered or merged rule's old id written as text (按 TS-GOV-004 的要求): a
            // reader looks it up and finds no such rule. (As a link it is an error already.)
            if !self.rule_aliases.is_empty() {
                diags.extend(self.old_ids_in_text(p));
            }
            crate::content::lesson::front_checks(
                &p.file,
                &p.front,
                |path| p.front.pos(path),
                diags,
            );
        }
        self.same_order_warnings(diags);
        for q in &self.quizzes {
            crate::content::quiz_check::check(q, diags);
            revision_diags(&q.file, &q.value.revised, |path| q.pos(path), diags);
        }
        if let Some(c) = &self.course {
            // Each item's first place: a page shows that one as its place in the course.
            let mut first: HashMap<String, usize> = HashMap::new();
            let mut anchors: HashMap<String, usize> = HashMap::new();
            // Titles, and the numbers written into them by hand (第三单元), each module's first.
            let mut titles: HashMap<&str, usize> = HashMap::new();
            let mut numbers: HashMap<(u32, &str), usize> = HashMap::new();
            for (mi, m) in c.value.modules.iter().enumerate() {
                let title = m.title.trim();
                let number = module_number(title);
                let twin = match titles.get(title) {
                    Some(&other) => Some((other, None)),
                    None => number
                        .and_then(|n| numbers.get(&(n.0, n.1)))
                        .map(|&other| (other, number.map(|n| n.2))),
                };
                if let Some((other, numbered)) = twin.filter(|_| !title.is_empty()) {
                    let (l, col) = c.pos(&format!("modules.{mi}.title"));
                    let o = &c.value.modules[other];
                    let line = c.pos(&format!("modules.{other}.title")).0;
                    let (message, hint) = match numbered {
                        None => (
                            t!(
                                "module `{title}` has the title of module {} (line {line}): the course page and the course bar on its pages show two modules alike",
                                "单元 `{title}` 和第 {} 个单元（第 {line} 行）标题相同：入职课程页面和各页面上的课程栏会显示两个一样的单元",
                                other + 1,
                            ),
                            t!("give each module its own title (a number in it, 第三单元, is renumbered by hand when a module is added or moved)",
                                "给每个单元起不同的标题（标题里写的序号，如“第三单元”，在增加或移动单元时要手动重新编号）"),
                        ),
                        Some(n) => (
                            t!(
                                "module `{title}` is numbered `{n}`, as module {} `{}` (line {line}) is",
                                "单元 `{title}` 的序号是 `{n}`，和第 {} 个单元 `{}`（第 {line} 行）重复了",
                                other + 1,
                                o.title.trim(),
                            ),
                            t!("renumber the titles in the order of course.yaml: a number written in a title does not follow when a module is added or moved",
                                "按 course.yaml 里的顺序给标题重新编号：增加或移动单元时，标题里写的序号不会跟着变"),
                        ),
                    };
                    diags.push(Diagnostic::warning(&c.file, l, col, message).with_hint(hint));
                }
                titles.entry(title).or_insert(mi);
                if let Some((n, unit, _)) = number {
                    numbers.entry((n, unit)).or_insert(mi);
                }
                // A module's id is an anchor of the course page: a word, once.
                if let Some(id) = &m.id {
                    let (l, col) = c.pos(&format!("modules.{mi}.id"));
                    let id = id.trim();
                    if id.is_empty()
                        || !id
                            .chars()
                            .all(|ch| ch.is_alphanumeric() || ch == '-' || ch == '_')
                    {
                        diags.push(
                            Diagnostic::error(
                                &c.file,
                                l,
                                col,
                                t!(
                                    "module `{}`: id `{id}` cannot be an anchor of the course page",
                                    "单元 `{}`：id `{id}` 不能用作入职课程页面上的锚点",
                                    m.title
                                ),
                            )
                            .with_hint(t!(
                                "use letters (Chinese is fine), digits, - and _, e.g. `id: phone`",
                                "用字母（可以是中文）、数字、- 和 _，例如 `id: phone`"
                            )),
                        );
                    } else if let Some(&other) = anchors.get(id) {
                        diags.push(
                            Diagnostic::error(
                                &c.file,
                                l,
                                col,
                                t!(
                                    "module `{}`: id `{id}` is also module `{}`'s",
                                    "单元 `{}`：id `{id}` 也是单元 `{}` 的 id",
                                    m.title,
                                    c.value.modules[other].title
                                ),
                            )
                            .with_hint(t!("give each module its own id", "每个单元的 id 都要不同")),
                        );
                    }
                }
                anchors.insert(m.anchor(mi), mi);
                for (ii, item) in m.items.iter().enumerate() {
                    let at = format!("modules.{mi}.items.{ii}");
                    let (r, field) = match (&item.lesson, &item.rule, &item.quiz) {
                        (Some(l), None, None) if l.contains('#') => {
                            let (l, col) = c.pos(&format!("{at}.lesson"));
                            diags.push(
                                Diagnostic::error(&c.file, l, col, t!("module `{}`: a course item is a whole lesson, not a section of one", "单元 `{}`：入职课程的一项是一整篇课程，不能是课程里的一个小节", m.title))
                                    .with_hint(t!("remove the `#...` after the lesson's path", "删掉课程路径后面的 `#...`")),
                            );
                            continue;
                        }
                        (Some(l), None, None) => (format!("lesson:{l}"), "lesson"),
                        (None, Some(r), None) => (r.clone(), "rule"),
                        (None, None, Some(q)) => (format!("quiz:{q}"), "quiz"),
                        _ => {
                            let (l, col) = c.pos(&at);
                            diags.push(
                                Diagnostic::error(&c.file, l, col, t!("module `{}`: each item names exactly one of lesson, rule, quiz", "单元 `{}`：每一项只能写 lesson、rule、quiz 中的一个", m.title))
                                    .with_hint(t!("write `- lesson: path`, `- rule: ID` or `- quiz: id`", "写成 `- lesson: path`、`- rule: ID` 或 `- quiz: id`")),
                            );
                            continue;
                        }
                    };
                    if let Err((msg, h)) = self.check_ref(&r) {
                        let (l, col) = c.pos(&format!("{at}.{field}"));
                        diags.push(
                            Diagnostic::error(
                                &c.file,
                                l,
                                col,
                                t!("module `{}`: {msg}", "单元 `{}`：{msg}", m.title),
                            )
                            .with_hint(h),
                        );
                    } else if let Some((msg, h)) = self.repealed_ref(&r, today) {
                        let (l, col) = c.pos(&format!("{at}.{field}"));
                        diags.push(
                            Diagnostic::warning(
                                &c.file,
                                l,
                                col,
                                t!("module `{}`: {msg}", "单元 `{}`：{msg}", m.title),
                            )
                            .with_hint(h),
                        );
                    } else if let Some(&fm) = first.get(&r) {
                        let (l, col) = c.pos(&format!("{at}.{field}"));
                        diags.push(
                            Diagnostic::warning(
                                &c.file,
                                l,
                                col,
                                t!("module `{}`: `{r}` is in the course already, in module `{}`", "单元 `{}`：`{r}` 已经在入职课程的单元 `{}` 里了", m.title, c.value.modules[fm].title),
                            )
                            .with_hint(t!("list it once: its page shows its first place in the course, and 上一项 / 下一项 follow that one",
                                "只列一次：它的页面按它在入职课程里第一次出现的位置显示，“上一项 / 下一项”也按那个位置")),
                        );
                    } else {
                        first.insert(r, mi);
                    }
                }
            }
        }
    }

    /// A hash of everything a page's Markdown can link to (pages and their titles, rules,
    /// quizzes, terms, assets): when it is unchanged, an unchanged page renders the same.
    pub fn link_universe(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = rustc_hash::FxHasher::default();
        for p in &self.pages {
            (&p.path, &p.front.title, &p.file).hash(&mut h);
        }
        // A page shows a rule's summary as a link's hover text and the whole rule in a
        // ```rule``` block, a term's definition as hover text.
        // (Each rule as JSON, straight into a key of its own, on every thread: its Debug text,
        // escaping each Chinese character, was a tenth of a preview's rebuild.)
        let rules: Vec<u128> = (self.rules.par_iter())
            .map(|r| {
                let mut w = crate::render::pages::KeyWriter::default();
                // (Writing to a hasher cannot fail; a value that would not serialise hashes
                // what it wrote before.)
                let _ = serde_json::to_writer(&mut w, &r.value);
                w.key()
            })
            .collect();
        rules.hash(&mut h);
        for q in &self.quizzes {
            (&q.value.id, &q.value.title).hash(&mut h);
        }
        for t in &self.glossary {
            (&t.value.term, &t.value.definition).hash(&mut h);
        }
        for a in &self.assets {
            a.1.hash(&mut h);
        }
        // A `[[tag:…]]` link shows the tag's page and number of pages, or leads from an old
        // name to the tag.
        for g in self.tag_groups() {
            (&g.name, &g.slug, g.pages.len()).hash(&mut h);
        }
        let mut aliases: Vec<_> = self.tag_aliases.iter().collect();
        aliases.sort();
        aliases.hash(&mut h);
        h.finish()
    }

    /// A reference (as [`Book::check_ref`] takes it) to a rule repealed by day `today`: what
    /// to say of it, and what to write instead.
    pub fn repealed_ref(&self, r: &str, today: i64) -> Option<(String, String)> {
        let ("rule", id, _) = split_ref(r) else {
            return None;
        };
        let rule = self.rule(id.trim()).filter(|x| x.repealed_by(today))?;
        let on = rule.repealed.as_deref().unwrap_or_default();
        let message = t!(
            "rule `{}` was repealed on {on}",
            "规则 `{}` 已于 {on} 废止",
            rule.id
        );
        let hint = match rule.replaced_by.as_deref().and_then(|b| self.rule(b.trim())) {
            Some(by) if !by.repealed_by(today) => t!(
                "name `{}` ({}), which replaced it, instead; a repealed rule's card stays only for looking up cases accepted before {on}",
                "请改写接替它的 `{}`（{}）；已废止规则的卡片只留作查阅 {on} 之前受理的案件",
                by.id, by.title
            ),
            _ => t!(
                "take it out: a repealed rule's card stays only for looking up cases accepted before {on}",
                "请删掉它：已废止规则的卡片只留作查阅 {on} 之前受理的案件"
            ),
        };
        Some((message, hint))
    }

    /// Whether rule `own` replaces the repealed rule `r` refers to.
    fn replaces(&self, own: &str, r: &str) -> bool {
        let (_, id, _) = split_ref(r);
        self.rule(id.trim())
            .and_then(|x| x.replaced_by.as_deref())
            .is_some_and(|by| by.trim() == own)
    }

    /// Checks a reference as written in YAML: `TS-PROC-001`, `rule:…`, `lesson:path`, `quiz:id`.
    /// [`Book::check_ref`] for a link (`[[scheme:id]]`), which names one target: two ids
    /// run together with a full-width comma are told to be linked each on its own, not to be
    /// separated as a list's items are.
    pub fn check_link_ref(&self, scheme: &str, id: &str) -> Result<(), (String, String)> {
        let r = if scheme == "rule" {
            id.to_string()
        } else {
            format!("{scheme}:{id}")
        };
        self.check_ref_in(&r, true)
    }

    pub fn check_ref(&self, r: &str) -> Result<(), (String, String)> {
        self.check_ref_in(r, false)
    }

    /// [`Book::check_ref`], for a link (`link`) or a list's item.
    fn check_ref_in(&self, r: &str, link: bool) -> Result<(), (String, String)> {
        let (kind, id, anchor) = split_ref(r);
        // (A lesson by its content path, with or without `.md`.)
        let key = match kind {
            "lesson" => id.trim_end_matches(".md"),
            _ => id,
        };
        let found = match kind {
            "rule" => self.rule_index.contains_key(key),
            "quiz" => self.quiz_index.contains_key(key),
            "term" => self.term_index.contains_key(key),
            _ => self.page_index.contains_key(key),
        };
        if found || self.is_broken(kind, key) {
            return Ok(());
        }
        // `[EX-PROC-001，lesson:…]`: a full-width comma made two items one.
        if let Some(c) = r.chars().find(|&c| c == '，' || c == '、') {
            let what = kind_name(kind);
            let message = t!(
                "reference to a missing {what} `{id}`",
                "引用的{what}不存在：`{id}`"
            );
            if link {
                let each: Vec<String> = (id.split(['，', '、']).map(str::trim))
                    .filter(|s| !s.is_empty())
                    .map(|s| format!("[[{kind}:{s}]]"))
                    .collect();
                return Err((
                    message,
                    t!(
                        "a link names one target: link each one, `{}`",
                        "一个链接只能指向一个目标：请分别链接，`{}`",
                        each.join("、")
                    ),
                ));
            }
            let items: Vec<&str> = (r.split(['，', '、']).map(str::trim))
                .filter(|s| !s.is_empty())
                .collect();
            return Err((
                message,
                t!(
                    "the list is separated by a full-width comma `{c}`, so `{}` is read as one item: separate the items with an ASCII comma and a space, `{}`",
                    "列表用了全角逗号 `{c}` 分隔，所以 `{}` 被当成了一项：请用半角逗号加空格分隔各项，`{}`",
                    r.trim(),
                    items.join(", ")
                ),
            ));
        }
        // `rule：EX-PROC-001`: a full-width colon, so no kind was read.
        if let Some((k, rest)) = fullwidth_scheme(id) {
            return Err(fullwidth_colon(id, k, &format!("{k}:{rest}")));
        }
        if kind == "lesson" && self.is_draft(key) {
            return Err(draft_link(key));
        }
        if kind == "lesson" && self.is_left_out(key) {
            return Ok(());
        }
        if let Some(now) = self.moved(key).filter(|_| kind == "lesson") {
            // (A deleted page's section that went elsewhere: named where it is.)
            if let Some((a, at)) = anchor.and_then(|a| Some((a, self.moved_section(key, a)?))) {
                let at = &self.pages[at].path;
                return Err((
                    t!(
                        "lesson `{id}` no longer exists; its section `#{a}` is on `{at}` now",
                        "课程 `{id}` 已经不存在了；它的小节 `#{a}` 现在在 `{at}`"
                    ),
                    t!(
                        "name `{at}#{a}` instead; `{key}#{a}` is listed among that page's aliases",
                        "请改写 `{at}#{a}`；`{key}#{a}` 已列在那个页面的 `aliases` 里"
                    ),
                ));
            }
            let now = &self.pages[now].path;
            return Err((
                t!(
                    "lesson `{id}` has moved to `{now}`",
                    "课程 `{id}` 已经移到了 `{now}`"
                ),
                t!(
                    "name `{now}` instead; `{key}` is listed among that page's aliases",
                    "请改写 `{now}`；`{key}` 已列在那个页面的 `aliases` 里"
                ),
            ));
        }
        if let Some(&now) = self.quiz_aliases.get(key).filter(|_| kind == "quiz") {
            let now = &self.quizzes[now].value.id;
            return Err((
                t!("quiz `{id}` is now `{now}`", "测验 `{id}` 现在叫 `{now}`"),
                t!(
                    "link `quiz:{now}`; `{id}` is listed among that quiz's aliases",
                    "请链接 `quiz:{now}`；`{id}` 已列在那套测验的 `aliases` 里"
                ),
            ));
        }
        if let Some(&now) = self.rule_aliases.get(key).filter(|_| kind == "rule") {
            let now = &self.rules[now].value.id;
            return Err((
                t!(
                    "rule `{id}` is now `{now}`",
                    "规则 `{id}` 现在的编号是 `{now}`"
                ),
                t!(
                    "link `rule:{now}`; `{id}` is listed among that rule's aliases",
                    "请链接 `rule:{now}`；`{id}` 已列在那条规则的 `aliases` 里"
                ),
            ));
        }
        // `[[TS-INT-001]]`: a rule's id where a lesson's path goes (a path is lower-case, an
        // id upper-case).
        if !matches!(kind, "rule" | "quiz" | "term") && crate::content::rule_check::valid_id(key) {
            if self.rule_index.contains_key(key) || self.rule_aliases.contains_key(key) {
                return Err((
                    t!("`{id}` is a rule, not a lesson", "`{id}` 是规则，不是课程"),
                    t!(
                        "link it as `[[rule:{id}]]`, or `[text](rule:{id})`",
                        "请写成 `[[rule:{id}]]` 或 `[文字](rule:{id})`"
                    ),
                ));
            }
            let near = nearest(key, self.rule_index.keys().map(String::as_str));
            return Err((
                t!(
                    "reference to a missing rule `{id}`",
                    "引用的规则不存在：`{id}`"
                ),
                match near {
                    Some(n) => t!(
                        "did you mean `[[rule:{n}]]`? a rule is linked as `[[rule:ID]]`",
                        "是不是想写 `[[rule:{n}]]`？链接规则要写成 `[[rule:ID]]`"
                    ),
                    None => t!(
                        "check the rule's id; a rule is linked as `[[rule:ID]]`",
                        "请检查规则编号；链接规则要写成 `[[rule:ID]]`"
                    ),
                },
            ));
        }
        // `rule:ts-proc-002`: ids are upper case.
        let upper = key.to_uppercase();
        if kind == "rule" && upper != key && self.rule_index.contains_key(&upper) {
            return Err((
                t!(
                    "reference to a missing rule `{id}`",
                    "引用的规则不存在：`{id}`"
                ),
                t!(
                    "rule ids are written in upper case: `{upper}`",
                    "规则编号要用大写字母：`{upper}`"
                ),
            ));
        }
        // `related: [basics/first-lesson]`: a lesson's path without `lesson:`, read as a rule.
        let path = key.trim_end_matches(".md");
        if kind == "rule" && (self.page_index.contains_key(path) || self.moved(path).is_some()) {
            let to = match anchor {
                Some(a) => format!("lesson:{path}#{a}"),
                None => format!("lesson:{path}"),
            };
            let fix = if link { format!("[[{to}]]") } else { to };
            return Err((
                t!("`{id}` is a lesson, not a rule", "`{id}` 是课程，不是规则"),
                t!(
                    "a lesson is named with `lesson:` before its path: write `{fix}`",
                    "课程要在路径前面加 `lesson:`：请写成 `{fix}`"
                ),
            ));
        }
        if kind == "rule" {
            return Err((
                t!(
                    "reference to a missing rule `{id}`",
                    "引用的规则不存在：`{id}`"
                ),
                self.missing_rule_hint(key),
            ));
        }
        let candidates: Vec<&str> = match kind {
            "rule" => self.rule_index.keys().map(String::as_str).collect(),
            "quiz" => self.quiz_index.keys().map(String::as_str).collect(),
            "term" => self.term_index.keys().map(String::as_str).collect(),
            _ => self.page_index.keys().map(String::as_str).collect(),
        };
        let what = kind_name(kind);
        Err((
            t!(
                "reference to a missing {what} `{id}`",
                "引用的{what}不存在：`{id}`"
            ),
            match (kind == "lesson")
                .then(|| self.in_renamed_folder(key))
                .flatten()
            {
                Some(now) => renamed_folder_hint(key, now, &format!("lesson:{now}")),
                None => match nearest(id, candidates.iter().copied()) {
                    Some(n) => t!("did you mean `{n}`?", "是不是想写 `{n}`？"),
                    None => match kind {
                        "term" => t!(
                            "write the term as glossary.yaml's `term:` writes it",
                            "请照 glossary.yaml 里 `term:` 的写法写这个术语"
                        ),
                        "lesson" => t!("check the lesson's path", "请检查课程的路径"),
                        _ => t!("check the {what} id", "请检查{what}的 id"),
                    },
                },
            },
        ))
    }

    /// The lesson `path` names, when its folder is gone and exactly one lesson elsewhere has
    /// its file name (`procedure/investigation` after `content/procedure/` was renamed
    /// `handling/` in a file manager): that lesson's path. The nearest path by spelling
    /// offered a stranger (`prescriptions/_index`).
    fn in_renamed_folder(&self, path: &str) -> Option<&str> {
        let (folder, name) = path.rsplit_once('/')?;
        if self.page_index.contains_key(folder) {
            return None;
        }
        let mut same = (self.pages.iter())
            .filter(|p| p.kind == PageKind::Lesson)
            .filter(|p| p.path.rsplit_once('/').is_some_and(|(_, n)| n == name));
        match (same.next(), same.next()) {
            (Some(p), None) => Some(&p.path),
            _ => None,
        }
    }

    /// A link to a course module by its place, `[[course#module-3]]` (the link's page key, as
    /// [`SITE_PAGE`] makes it, and anchor): after a trainer adds a module before it, or moves
    /// one, the same link leads to another module, and nothing says so. (message, hint) when
    /// it is one; not when the course has no such module (that is an error of its own), nor
    /// for a module whose own `id` is `module-3`.
    pub fn positional_module_link(&self, page: &str, anchor: &str) -> Option<(String, String)> {
        if page != format!("{SITE_PAGE}course:{}", urls::COURSE) {
            return None;
        }
        let n: usize = anchor.strip_prefix("module-")?.parse().ok()?;
        let c = self.course.as_ref()?;
        let m = c.value.modules.get(n.checked_sub(1)?)?;
        let id = |m: &crate::content::glossary::Module| {
            m.id.as_deref()
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string)
        };
        if anchor != format!("module-{n}")
            || c.value
                .modules
                .iter()
                .any(|m| id(m).as_deref() == Some(anchor))
        {
            return None;
        }
        let message = t!(
            "`course#{anchor}` links to module {n}, `{}`, by its place: once a module is added before it or moved, the link leads to another module",
            "`course#{anchor}` 按位置链接到第 {n} 个单元 `{}`：一旦在它前面增加了单元，或者移动了单元，这个链接就会指到别的单元",
            m.title.trim()
        );
        let hint = match id(m) {
            Some(id) => t!(
                "link it by its id: `[[course#{id}]]`",
                "请按单元的 id 链接：`[[course#{id}]]`"
            ),
            None => {
                // (An example no module has.)
                let taken: Vec<String> = c.value.modules.iter().filter_map(id).collect();
                let example = ["phone", "intake", "billing", "review"]
                    .into_iter()
                    .find(|e| !taken.iter().any(|t| t == e))
                    .unwrap_or("intake-2");
                t!(
                    "give the module an `id:` in {} (a word, e.g. `id: {example}`) and link `[[course#<id>]]`: the id stays with the module wherever it goes",
                    "在 {} 里给这个单元写一个 `id:`（一个词，例如 `id: {example}`），再链接 `[[course#<id>]]`：不管单元移到哪里，id 都跟着它",
                    c.file.display()
                )
            }
        };
        Some((message, hint))
    }

    /// Pages side by side in the sidebar (one folder's lessons and sections) with the same
    /// `order`: two trainers each ran `handbook new lesson` in a folder on their own branch,
    /// both lessons got the next number, and after the merge the sidebar puts them by title,
    /// not as either meant. Warned about at the `order` of each page after the first with it
    /// (in sidebar order), naming that first one.
    fn same_order_warnings(&self, diags: &mut Vec<Diagnostic>) {
        for parent in &self.pages {
            let mut first: HashMap<i64, usize> = HashMap::new();
            for &c in &parent.children {
                let p = &self.pages[c];
                let Some(o) = p.front.order else { continue };
                let Some(&f) = first.get(&o) else {
                    first.insert(o, c);
                    continue;
                };
                let other = &self.pages[f];
                let (l, col) = p.front.pos("order");
                diags.push(
                    Diagnostic::warning(
                        &p.file,
                        l,
                        col,
                        t!(
                            "`order: {o}` is also that of `{}` ({}:{}) beside it in the sidebar: which comes first is left to their titles",
                            "侧边栏里和它并列的 `{}`（{}:{}）也是 `order: {o}`：两者谁在前只能按标题排",
                            other.front.title,
                            other.file.display(),
                            other.front.pos("order").0,
                        ),
                    )
                    .with_hint(t!("give each page of a folder its own `order`, e.g. in steps of 10 (10, 20, 30 ...), so that a page added later fits between two",
                        "同一文件夹里的每个页面用不同的 `order`，例如按 10 递增（10、20、30……），以后加的页面就能插在两个之间")),
                );
            }
        }
    }

    /// Warnings at each old rule id (an alias) page `p`'s text names outside links and code.
    fn old_ids_in_text(&self, p: &Page) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let mut fences = crate::render::markdown::QuotedFences::default();
        let mut comment = false;
        for (k, raw) in p.body.lines().enumerate() {
            // (Code in a callout too: `> ```yaml`.)
            if fences.code(raw) {
                continue;
            }
            // An indented code block's line.
            if raw.starts_with('\t') || raw.starts_with("    ") {
                continue;
            }
            // Inline code and HTML comments (`aliases: [TS-GOV-004]` explained) blanked out,
            // each character in its place.
            let mut chars = crate::render::markdown::without_code_spans(raw);
            crate::render::markdown::blank_comments(&mut chars, &mut comment);
            let line: String = chars.into_iter().collect();
            let line = line.as_str();
            for (old, &i) in &self.rule_aliases {
                for (at, _) in line.match_indices(old.as_str()) {
                    let before = line[..at].chars().next_back();
                    let after = line[at + old.len()..].chars().next();
                    let joined =
                        |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-');
                    if joined(before) || joined(after) || line[..at].ends_with("rule:") {
                        continue;
                    }
                    let now = &self.rules[i].value.id;
                    let (mut file, mut l, mut c) = (
                        p.file.clone(),
                        p.body_line + k,
                        line[..at].chars().count() + 1,
                    );
                    if let Some(placed) =
                        p.origins.as_ref().and_then(|o| o.place(p.body_line, l, c))
                    {
                        (file, l, c) = placed;
                    }
                    out.push(
                        Diagnostic::warning(file, l, c, t!("`{old}` is now `{now}`: no rule has the old id any more",
                            "`{old}` 现在的编号是 `{now}`：已经没有规则用这个旧编号了"))
                            .with_hint(t!("write `{now}` (or link it, `[[rule:{now}]]`); `{old}` is listed among that rule's aliases",
                                "请改写 `{now}`（或者链接它：`[[rule:{now}]]`）；`{old}` 已列在那条规则的 `aliases` 里")),
                    );
                }
            }
        }
        out
    }

    /// What to do about a reference to rule `key`, which no rule has: the nearest id with its
    /// title, and the way to keep references to a retired or merged rule leading somewhere. An
    /// id that differs from the nearest only in its digits is not offered as the one meant
    /// (TS-GOV-004, deleted, is not TS-GOV-002 about recusal): only named as a neighbour. A
    /// likely typo (`EX-PROC-01` for `EX-PROC-001`) gets the id meant and nothing else: made an
    /// alias, the typo would be an error of its own and a junk 原编号 on the card.
    fn missing_rule_hint(&self, key: &str) -> String {
        let retired = t!("if the rule was retired or merged into another, list `{key}` under that rule's `aliases:` and every reference leads there",
            "如果这条规则已经停用或并入了另一条规则，就把 `{key}` 写进那条规则的 `aliases:`，所有引用都会指向它");
        let Some(n) = nearest(key, self.rule_index.keys().map(String::as_str)) else {
            return t!(
                "check the rule's id; {retired}",
                "请检查规则编号；{retired}"
            );
        };
        // (Another family's rule two edits or more away, TS-INT-006 for TS-CAT-004, is no
        // slip of the hand: not suggested.)
        let family = |s: &str| {
            s.rsplit_once('-')
                .map_or(s.to_string(), |(f, _)| f.to_string())
        };
        if strsim::levenshtein(n, key) > 2 && family(n) != family(key) {
            return t!(
                "check the rule's id; {retired}",
                "请检查规则编号；{retired}"
            );
        }
        let title = self.rule(n).map(|r| r.title.as_str()).unwrap_or("");
        let skeleton = |s: &str| {
            s.chars()
                .map(|c| if c.is_ascii_digit() { '0' } else { c })
                .collect::<String>()
        };
        if skeleton(n) == skeleton(key) {
            t!(
                "no rule has this id (the one numbered nearest is `{n}` {title}); {retired}",
                "没有规则用这个编号（编号最接近的是 `{n}` {title}）；{retired}"
            )
        } else if strsim::levenshtein(n, key) <= 2 {
            t!(
                "did you mean `{n}`? ({title})",
                "是不是想写 `{n}`？（{title}）"
            )
        } else {
            t!(
                "did you mean `{n}`? ({title}); {retired}",
                "是不是想写 `{n}`？（{title}）；{retired}"
            )
        }
    }

    /// Whether a file that failed to load declares `id` of `kind` (`lesson`, `rule` ...): a
    /// reference to it is not an error of its own, that file's error is the one to fix.
    pub(crate) fn is_broken(&self, kind: &str, id: &str) -> bool {
        self.broken.contains(&format!("{kind}:{id}")) || self.broken.contains(&format!("{kind}:*"))
    }

    /// The page whose `aliases` hold `path` (a page's former path).
    fn moved(&self, path: &str) -> Option<usize> {
        self.aliases.iter().find(|(a, _)| a == path).map(|a| a.1)
    }

    /// Whether the lesson at content path `path` is a draft left out of this build.
    fn is_draft(&self, path: &str) -> bool {
        self.drafts.iter().any(|d| d.path == path)
    }

    /// Whether the page at content path `path` is left out of this build for its readers.
    pub(crate) fn is_left_out(&self, path: &str) -> bool {
        self.left_out_page(path).is_some()
    }

    /// `anchor` of the page at `path`, unless it was a heading's in a part of the page left out
    /// of this build for its readers (`::: 培训师` … `:::`): a link to it leads to the page.
    pub(crate) fn kept_anchor<'a>(&self, path: &str, anchor: Option<&'a str>) -> Option<&'a str> {
        anchor.filter(|a| (self.left_out_anchors.get(path)).is_none_or(|ids| !ids.contains(*a)))
    }

    /// The page at content path `path`, left out of this build for its readers.
    fn left_out_page(&self, path: &str) -> Option<&crate::content::Draft> {
        self.left_out.iter().find(|d| d.path == path)
    }

    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rule_index.get(id).map(|&i| &self.rules[i].value)
    }

    /// The pages a rule's `related` list names (`lesson:path`), by index: their good example
    /// dialogues are the rule card's 示范话术.
    /// With `lesson:path#id`, only the dialogues in that section: (page, section id).
    pub fn related_lessons<'b>(
        &'b self,
        r: &'b Rule,
    ) -> impl Iterator<Item = (usize, Option<&'b str>)> + 'b {
        r.related
            .iter()
            .map(|x| split_ref(x))
            .filter(|&(kind, _, _)| kind == "lesson")
            .filter_map(|(_, path, anchor)| {
                let path = path.trim_end_matches(".md");
                let &i = self.page_index.get(path)?;
                // (A section that moved to another page: its dialogues are there.)
                let moved = anchor.and_then(|a| self.moved_section(path, a));
                Some((moved.unwrap_or(i), anchor))
            })
    }

    /// Questions whose id the published site (`site`, the folder `build` writes) has for a
    /// question of quite other words: a bank imported again after its quiz file was deleted
    /// numbered its questions afresh, and a learner's record of `ch1-03` (its score, its
    /// 错题本 entry and the answer given) became a question they never saw, with nothing said.
    /// A warning at the question's id, with what the site had.
    pub fn reused_question_ids(&self, site: &Path) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        for q in &self.quizzes {
            let data = site.join("quizzes").join(&q.value.id).join("data.js");
            let Ok(js) = std::fs::read_to_string(&data) else {
                continue;
            };
            let Some(v) = crate::render::pages::data_script_value(&js, &q.value.id) else {
                continue;
            };
            let Some(old) = v.get("questions").and_then(|x| x.as_array()) else {
                continue;
            };
            let old: HashMap<&str, String> = (old.iter())
                .filter_map(|x| {
                    Some((x.get("id")?.as_str()?, words_of(x.get("prompt")?.as_str()?)))
                })
                .collect();
            for (i, x) in q.value.questions.iter().enumerate() {
                if x.pulled.is_some() {
                    continue;
                }
                let Some(was) = old.get(x.id.as_str()) else {
                    continue;
                };
                if !other_words(was, &words_of(&x.prompt)) {
                    continue;
                }
                let (l, c) = q.pos(&format!("questions.{i}.id"));
                let shown: String = was.chars().take(30).collect();
                let id = &x.id;
                out.push(
                    Diagnostic::warning(
                        &q.file,
                        l,
                        c,
                        t!(
                            "question `{id}` was another question in the published site: “{shown}”",
                            "题目 `{id}` 在已发布的网站里是另一道题：“{shown}”"
                        ),
                    )
                    .with_hint(t!(
                        "learners' records of `{id}` (scores, 错题本, the answers given) now count for this one: give a new question a new id; if it is the same question reworded, nothing to do",
                        "学员以前答 `{id}` 的记录（成绩、错题本、选过的答案）会算到这道题上：新题请用新的 id；如果只是把同一道题改了说法，不用理会"
                    )),
                );
            }
        }
        out
    }

    /// Every reference listed in a YAML file (a rule's, quiz's or term's `related`, a
    /// question's `rules` and `lessons`), with where it is written: for checking the
    /// `#section` a reference to a lesson names, once the lessons' headings are known.
    pub fn listed_refs(&self) -> Vec<ListedRef<'_>> {
        // One entry: where `path` is written in `l`'s file, what it says, whose it is.
        fn push<'a, T>(
            out: &mut Vec<ListedRef<'a>>,
            l: &'a crate::content::Located<T>,
            path: &str,
            text: String,
            (owner, label): &(String, String),
        ) {
            let (line, col) = l.pos(path);
            out.push(ListedRef {
                file: &l.file,
                line,
                col,
                text,
                owner: owner.clone(),
                label: label.clone(),
                rule: None,
            });
        }
        let none = (String::new(), String::new());
        let mut out = Vec::new();
        for r in &self.rules {
            for (k, rel) in r.value.related.iter().enumerate() {
                push(&mut out, r, &format!("related.{k}"), rel.clone(), &none);
                if let Some(last) = out.last_mut() {
                    last.rule = Some(&r.value.id);
                }
            }
        }
        // (Those of files that did not load, as read past their mistakes.)
        out.extend(self.unread_refs.iter().map(|u| ListedRef {
            file: &u.file,
            line: u.line,
            col: u.col,
            text: u.text.clone(),
            owner: String::new(),
            label: u.label.clone(),
            rule: u.rule.as_deref(),
        }));
        for t in &self.glossary {
            let term = &t.value.term;
            let owner = (
                format!("term `{term}`: "),
                t!("term `{term}`: ", "术语 `{term}`："),
            );
            for (k, rel) in t.value.related.iter().enumerate() {
                push(&mut out, t, &format!("related.{k}"), rel.clone(), &owner);
            }
        }
        for q in &self.quizzes {
            for (k, rel) in q.value.related.iter().enumerate() {
                push(&mut out, q, &format!("related.{k}"), rel.clone(), &none);
            }
            for (i, question) in q.value.own_questions().enumerate() {
                let id = &question.id;
                let owner = (
                    format!("question `{id}`: "),
                    t!("question `{id}`: ", "题目 `{id}`："),
                );
                for (k, r) in question.rules.iter().enumerate() {
                    push(
                        &mut out,
                        q,
                        &format!("questions.{i}.rules.{k}"),
                        r.clone(),
                        &owner,
                    );
                }
                for (k, l) in question.lessons.iter().enumerate() {
                    let path = format!("questions.{i}.lessons.{k}");
                    push(&mut out, q, &path, format!("lesson:{l}"), &owner);
                }
            }
        }
        for c in &self.search_checks {
            let query = c.value.query.trim();
            let owner = match query {
                "" => (String::new(), String::new()),
                _ => (
                    format!("search check `{query}`: "),
                    t!("search check `{query}`: ", "搜索自查 `{query}`："),
                ),
            };
            // (An empty one is told as such: `Book::check_search_checks`.)
            if !c.value.expect.trim().is_empty() {
                push(&mut out, c, "expect", c.value.expect.clone(), &owner);
            }
        }
        // A section in a part left out for its readers (`::: 培训师`): the page is named.
        if !self.left_out_anchors.is_empty() {
            for lr in &mut out {
                if let ("lesson", path, Some(a)) = split_ref(&lr.text) {
                    let path = path.trim_end_matches(".md");
                    if self.kept_anchor(path, Some(a)).is_none() {
                        lr.text = format!("lesson:{path}");
                    }
                }
            }
        }
        out
    }

    /// The top-level folders the generated pages use in this book.
    fn owned_folders(&self) -> Vec<&'static str> {
        let print = self.config.output.print_enabled(self.pages.len());
        let tags = self.has_tags();
        let phrases = self.has_phrases();
        RESERVED
            .into_iter()
            .filter(|&r| (r != "print" || print) && (r != "tags" || tags))
            .filter(|&r| r != "phrases" || phrases)
            .collect()
    }

    /// Whether any page has a good example dialogue (```` ```dialogue good ````): then
    /// `phrases/` (话术汇编) collects them. Read from the Markdown's fence lines, before it is
    /// rendered.
    pub fn has_phrases(&self) -> bool {
        self.phrased
    }

    /// Whether any page has `tags` (then `tags/` lists them).
    pub fn has_tags(&self) -> bool {
        self.tagged
    }

    /// A tag's page folder ([`Book::tag_groups`]) and how many pages carry it; `None` when no
    /// page has the tag.
    pub fn tag_page(&self, name: &str) -> Option<(&str, usize)> {
        self.tag_pages
            .get_or_init(|| {
                self.tag_groups()
                    .into_iter()
                    .map(|g| (g.name, (g.slug, g.pages.len())))
                    .collect()
            })
            .get(name.trim())
            .map(|(slug, n)| (slug.as_str(), *n))
    }

    /// The tags pages carry, for suggestions.
    fn tag_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self
            .pages
            .iter()
            .flat_map(|p| p.front.tags.iter().map(|t| t.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every tag, in pinyin order, with the pages that carry it in reading order. Each gets a
    /// folder name from its text (`slugify`), numbered when two tags would share one.
    pub fn tag_groups(&self) -> Vec<TagGroup> {
        let mut at: HashMap<&str, usize> = HashMap::new();
        let mut groups: Vec<TagGroup> = Vec::new();
        for &i in &self.order {
            for t in &self.pages[i].front.tags {
                let t = t.trim();
                if t.is_empty() {
                    continue;
                }
                let g = *at.entry(t).or_insert_with(|| {
                    groups.push(TagGroup {
                        name: t.to_string(),
                        slug: String::new(),
                        pages: Vec::new(),
                    });
                    groups.len() - 1
                });
                if groups[g].pages.last() != Some(&i) {
                    groups[g].pages.push(i);
                }
            }
        }
        groups.sort_by_cached_key(|g| tag_order(&g.name));
        let slugs = number_tag_slugs(groups.iter().map(|g| g.name.as_str()));
        for (g, slug) in groups.iter_mut().zip(slugs) {
            g.slug = slug;
        }
        groups
    }
    /// The tag whose old name `name` is (listed among the `aliases` of its entry in
    /// `tags.yaml`), when pages carry that tag.
    pub fn tag_alias(&self, name: &str) -> Option<&str> {
        let &i = self.tag_aliases.get(name.trim())?;
        Some(self.tag_entries[i].value.tag.trim())
    }

    /// The entry of tag `name` in `tags.yaml`, if it has one (its first).
    pub fn tag_entry(&self, name: &str) -> Option<&Located<TagEntry>> {
        let name = name.trim();
        self.tag_entries.iter().find(|e| e.value.tag.trim() == name)
    }

    /// The forwards the old names of tags make: (old name, its page's folder, the tag, the
    /// tag's page's folder), one per folder, by folder. (An old name whose folder is the tag's
    /// own, `Email` renamed `email`, forwards nothing: its address shows the tag's page.)
    ///
    /// Two tags of one address (`YAML` and `yaml`: `tags/yaml/`, `tags/yaml-2/`) merged into one
    /// (`mv tag:yaml tag:YAML`) leave an old name whose folder is the tag's own, and a numbered
    /// folder no tag has any more: it forwards too. The tags before the merge are told by the
    /// tags now and their old names, numbered in the order [`Book::tag_groups`] numbers them.
    /// (A rename of one spelling, `Email` to `email`, never had `tags/email-2/`: that forward
    /// leads to the right page from an address nobody kept.)
    pub fn tag_forwards(&self) -> Vec<(String, String, String, String)> {
        let mut out: Vec<(String, String, String, String)> = Vec::new();
        for (old, &i) in &self.tag_aliases {
            let now = self.tag_entries[i].value.tag.trim();
            let Some((slug, _)) = self.tag_page(now) else {
                continue;
            };
            let from = urls::tag(&tag_slug(old));
            let to = urls::tag(slug);
            if from != to {
                out.push((old.clone(), from, now.to_string(), to));
            }
        }
        if !self.tag_aliases.is_empty() {
            let groups = self.tag_groups();
            let live: HashSet<&str> = groups.iter().map(|g| g.slug.as_str()).collect();
            // Each name, a tag's or an old one's, with the tag it is now.
            let mut names: Vec<(&str, &str)> = groups
                .iter()
                .map(|g| (g.name.as_str(), g.name.as_str()))
                .collect();
            for (old, &i) in &self.tag_aliases {
                let now = self.tag_entries[i].value.tag.trim();
                if self.tag_page(now).is_some() {
                    names.push((old.as_str(), now));
                }
            }
            names.sort_by_cached_key(|(name, _)| tag_order(name));
            let was = number_tag_slugs(names.iter().map(|(name, _)| *name));
            for ((name, now), was) in names.into_iter().zip(was) {
                let Some((slug, _)) = self.tag_page(now) else {
                    continue;
                };
                // (A name's own folder forwards above, or is a tag's page.)
                if was == tag_slug(name) || was == slug || live.contains(was.as_str()) {
                    continue;
                }
                out.push((
                    name.to_string(),
                    urls::tag(&was),
                    now.to_string(),
                    urls::tag(slug),
                ));
            }
        }
        out.sort_by(|a, b| (&a.1, &a.0).cmp(&(&b.1, &b.0)));
        out.dedup_by(|a, b| a.1 == b.1);
        out
    }

    /// Checks `search-checks.yaml` beyond its targets (which [`Book::listed_refs`] has checked
    /// with every reference): each check has a query and a target, looks among 1-10 results,
    /// and is not written twice.
    fn check_search_checks(&self, diags: &mut Vec<Diagnostic>) {
        use crate::content::search_checks::MAX_WITHIN;
        let mut seen: HashMap<(String, String), usize> = HashMap::new();
        if let Some(c) = self
            .search_checks
            .first()
            .filter(|_| !self.config.search.enabled)
        {
            diags.push(
                Diagnostic::warning(
                    &c.file,
                    c.line,
                    1,
                    t!(
                        "the search checks are not run: search is turned off in book.toml",
                        "搜索自查不会运行：book.toml 里关掉了搜索"
                    ),
                )
                .with_hint(t!(
                    "remove `enabled = false` under `[search]` in book.toml, or delete this file",
                    "请删掉 book.toml 里 `[search]` 下的 `enabled = false`，或者删掉这个文件"
                )),
            );
        }
        for (i, c) in self.search_checks.iter().enumerate() {
            let v = &c.value;
            let query = v.query.trim();
            if query.is_empty() {
                let (l, col) = c.pos("query");
                diags.push(
                    Diagnostic::error(&c.file, l, col, t!("a search check with an empty `query`", "搜索自查的 `query` 是空的"))
                        .with_hint(t!("write what a reader types into the search box, e.g. `query: 没电了怎么办`; or delete the entry",
                            "请写上读者会在搜索框里输入的话，例如 `query: 没电了怎么办`；或者删掉这一条")),
                );
            }
            if v.expect.trim().is_empty() {
                let (l, col) = c.pos("expect");
                diags.push(
                    Diagnostic::error(&c.file, l, col, t!("a search check with an empty `expect`", "搜索自查的 `expect` 是空的"))
                        .with_hint(t!("name the page the search must list, as a `related` entry does: `rule:TS-PROC-002`, `lesson:procedure/time-limits#reply`, `quiz:final-exam` or `term:投诉`",
                            "请写上搜索结果里必须出现的页面，写法和 `related` 一样：`rule:TS-PROC-002`、`lesson:procedure/time-limits#reply`、`quiz:final-exam` 或 `term:投诉`")),
                );
            }
            if let Some(n) = v.within.filter(|n| !(1..=MAX_WITHIN).contains(n)) {
                let (l, col) = c.pos("within");
                diags.push(
                    Diagnostic::error(&c.file, l, col, t!("`within: {n}`: a check looks among the first 1 to {MAX_WITHIN} results", "`within: {n}`：搜索自查只能要求排在前 1 到 {MAX_WITHIN} 名"))
                        .with_hint(t!("write a number from 1 to {MAX_WITHIN} (the search box shows ten results at a time), or leave `within` out for the first three",
                            "请写 1 到 {MAX_WITHIN} 之间的数（搜索框一次列出十条结果）；不写 `within` 就是要求排在前三名")),
                );
            }
            if query.is_empty() {
                continue;
            }
            let key = (query.to_string(), v.expect.trim().to_string());
            if let Some(&first) = seen.get(&key) {
                let (l, col) = c.pos("query");
                let (fl, _) = self.search_checks[first].pos("query");
                diags.push(
                    Diagnostic::warning(
                        &c.file,
                        l,
                        col,
                        t!(
                            "the same search check as line {fl}: `{query}` → `{}`",
                            "和第 {fl} 行的搜索自查重复：`{query}` → `{}`",
                            key.1
                        ),
                    )
                    .with_hint(t!("delete one of the two", "请删掉其中一条")),
                );
            } else {
                seen.insert(key, i);
            }
        }
    }

    /// Checks `tags.yaml` and records the old names that forward ([`Book::tag_aliases`]): an
    /// entry names a tag pages carry, once; an old name is no tag pages carry, belongs to one
    /// tag, and its page's address is no other tag's page nor another tag's old one. Then warns
    /// at each `[[tag:old]]` link still written (it leads to the tag, see `PageLinks::resolve`).
    fn check_tag_entries(&mut self, diags: &mut Vec<Diagnostic>) {
        if self.tag_entries.is_empty() {
            return;
        }
        let groups = self.tag_groups();
        let live: HashMap<&str, &TagGroup> = groups.iter().map(|g| (g.name.as_str(), g)).collect();
        let pages: HashMap<&str, &str> = groups
            .iter()
            .map(|g| (g.slug.as_str(), g.name.as_str()))
            .collect();
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        // Each name listed as an alias, at its first: (entry, item).
        let mut listed: HashMap<&str, (usize, usize)> = HashMap::new();
        for (i, e) in self.tag_entries.iter().enumerate() {
            for (k, a) in e.value.aliases.iter().enumerate() {
                listed.entry(a.trim()).or_insert((i, k));
            }
        }
        let entries = &self.tag_entries;
        let line_of = |i: usize, path: &str| entries[i].pos(path).0;
        let tag_of = |i: usize| entries[i].value.tag.trim();
        let mut first: HashMap<&str, usize> = HashMap::new();
        // An old name -> where it is listed first: (entry, item).
        let mut claimed: HashMap<&str, (usize, usize)> = HashMap::new();
        // An old page's folder -> the old name that forwards from it, where it is listed.
        let mut addresses: HashMap<String, (&str, usize, usize)> = HashMap::new();
        let mut aliases: HashMap<String, usize> = HashMap::new();
        for (i, e) in entries.iter().enumerate() {
            let tag = e.value.tag.trim();
            let (l, c) = e.pos("tag");
            let file = &e.file;
            if tag.is_empty() {
                diags.push(
                    Diagnostic::error(file, l, c, t!("an entry with an empty `tag`", "有一个词条的 `tag` 是空的")).with_hint(
                        t!("write the tag it describes as pages write it in `tags:`, e.g. `tag: 办理时限`",
                            "写上它说明的标签，写法和页面 `tags:` 里的一样，例如 `tag: 办理时限`"),
                    ),
                );
                continue;
            }
            if let Some(&f) = first.get(tag) {
                diags.push(
                    Diagnostic::error(file, l, c, t!("the tag `{tag}` has a second entry (the first is on line {})", "标签 `{tag}` 有第二个词条（第一个在第 {} 行）", line_of(f, "tag")))
                        .with_hint(t!("merge the two entries into one: a tag has one description and one list of old names",
                            "把两个词条合并成一个：一个标签只有一段说明和一个旧名称列表")),
                );
                continue;
            }
            first.insert(tag, i);
            let target = live.get(tag).copied();
            if target.is_none() {
                let hint = match listed.get(tag) {
                    Some(&(j, k)) if tag_of(j) != tag => t!(
                        "`{tag}` is an old name of `{}` (its `aliases`, line {}): move this entry's description to that entry and delete this one",
                        "`{tag}` 是 `{}` 的旧名称（在它的 `aliases` 里，第 {} 行）：把这个词条的说明移到那个词条，再删掉这一个",
                        tag_of(j),
                        line_of(j, &format!("aliases.{k}"))
                    ),
                    _ => match nearest(tag, names.iter().copied()) {
                        Some(n) => t!("did you mean `{n}`? an entry describes a tag as pages write it in `tags:`; until a page carries `{tag}`, its description shows nowhere and its old names forward nowhere",
                            "是不是想写 `{n}`？词条说明的标签要和页面 `tags:` 里的写法一样；在有页面用上 `{tag}` 之前，它的说明哪里都不显示，旧名称也不会转到任何地方"),
                        None => t!("give the pages on this subject `tags: [{tag}]`, or delete the entry; until a page carries it, its description shows nowhere and its old names forward nowhere",
                            "给讲这个主题的页面写上 `tags: [{tag}]`，或者删掉这个词条；在有页面用上它之前，它的说明哪里都不显示，旧名称也不会转到任何地方"),
                    },
                };
                diags.push(
                    Diagnostic::warning(
                        file,
                        l,
                        c,
                        t!("no page carries the tag `{tag}`", "没有页面带标签 `{tag}`"),
                    )
                    .with_hint(hint),
                );
            }
            for (k, a) in e.value.aliases.iter().enumerate() {
                let (l, c) = e.pos(&format!("aliases.{k}"));
                let a = a.trim();
                let error = |m: String, h: String| Diagnostic::error(file, l, c, m).with_hint(h);
                if a.is_empty() {
                    diags.push(error(
                        t!("an empty alias of `{tag}`", "`{tag}` 有一个空的别名"),
                        t!("write an old name of the tag, as pages wrote it in `tags:`, or remove the item",
                            "写上这个标签的旧名称（页面以前在 `tags:` 里的写法），或者删掉这一项"),
                    ));
                    continue;
                }
                if a == tag {
                    diags.push(
                        Diagnostic::warning(
                            file,
                            l,
                            c,
                            t!("alias `{a}` is the tag itself", "别名 `{a}` 就是标签本身"),
                        )
                        .with_hint(t!(
                            "remove it: an alias is a name the tag had before",
                            "请删掉它：别名是这个标签以前用过的名称"
                        )),
                    );
                    continue;
                }
                if let Some(&(j, jk)) = claimed.get(a) {
                    diags.push(error(
                        t!(
                            "alias `{a}` of `{tag}` is also an alias of `{}` (line {})",
                            "`{tag}` 的别名 `{a}` 也是 `{}` 的别名（第 {} 行）",
                            tag_of(j),
                            line_of(j, &format!("aliases.{jk}"))
                        ),
                        t!(
                            "an old name forwards to one tag: remove it from one of the two entries",
                            "一个旧名称只能转到一个标签：请从其中一个词条里删掉它"
                        ),
                    ));
                    continue;
                }
                claimed.insert(a, (i, k));
                if let Some(g) = live.get(a) {
                    let p = &self.pages[g.pages[0]];
                    let at = p.front.tags.iter().position(|t| t.trim() == a).unwrap_or(0);
                    let (pl, pc) = p.front.pos(&format!("tags.{at}"));
                    let more = match g.pages.len() {
                        1 => String::new(),
                        n => t!(" and {} more", " 等另外 {} 处", n - 1),
                    };
                    diags.push(error(
                        t!(
                            "alias `{a}` of `{tag}` is a tag pages carry ({}:{pl}:{pc}{more}): its page would be both the tag's own and a forward to `{tag}`",
                            "`{tag}` 的别名 `{a}` 是页面正在用的标签（{}:{pl}:{pc}{more}）：它的页面会既是这个标签自己的页面，又是转到 `{tag}` 的跳转",
                            crate::diagnostics::display_path(&self.root, &p.file).display()
                        ),
                        t!("to merge them, run `handbook mv tag:{a} tag:{tag}` (those pages then carry `{tag}`); for `{a}` to be a tag of its own again, remove it from these aliases",
                            "要把两者合并，运行 `handbook mv tag:{a} tag:{tag}`（那些页面随后改用 `{tag}`）；要让 `{a}` 仍是独立的标签，就从这些别名里删掉它"),
                    ));
                    continue;
                }
                // (An entry of a tag no page carries forwards nothing: warned about above.)
                let Some(target) = target else {
                    continue;
                };
                let slug = tag_slug(a);
                if slug == target.slug {
                    aliases.insert(a.to_string(), i);
                    continue;
                }
                if let Some(&other) = pages.get(slug.as_str()) {
                    diags.push(error(
                        t!("the old page of `{a}`, tags/{slug}/, is the page of the tag `{other}`",
                            "`{a}` 的旧页面 tags/{slug}/ 是标签 `{other}` 的页面"),
                        t!("remove the alias: a forward to `{tag}` would replace that page (whoever kept the old address sees `{other}`'s page)",
                            "请删掉这个别名：转到 `{tag}` 的跳转会替换那个页面（收藏了旧地址的人看到的是 `{other}` 的页面）"),
                    ));
                    continue;
                }
                if let Some(&(b, j, jk)) = addresses.get(&slug).filter(|x| tag_of(x.1) != tag) {
                    diags.push(error(
                        t!(
                            "the old page of `{a}`, tags/{slug}/, is also that of `{b}`, an alias of `{}` (line {})",
                            "`{a}` 的旧页面 tags/{slug}/ 也是 `{b}`（`{}` 的别名，第 {} 行）的旧页面",
                            tag_of(j),
                            line_of(j, &format!("aliases.{jk}"))
                        ),
                        t!(
                            "one address forwards to one tag: remove one of the two aliases",
                            "一个地址只能转到一个标签：请删掉两个别名中的一个"
                        ),
                    ));
                    continue;
                }
                addresses.entry(slug).or_insert((a, i, k));
                aliases.insert(a.to_string(), i);
            }
        }
        self.tag_aliases = aliases;
        if !self.tag_aliases.is_empty() {
            diags.extend(self.old_tag_links());
        }
    }

    /// Warnings at each link to a tag by an old name (`[[tag:客戶]]`, `[…](tag:客戶)`) in the
    /// pages and the Markdown fields of rules, quizzes, the glossary, the course and
    /// `tags.yaml`: it leads to the tag's page, and is to be written with the tag's name.
    fn old_tag_links(&self) -> Vec<Diagnostic> {
        let mut out = Vec::new();
        let warn = |file: &Path, l: usize, c: usize, old: &str| {
            let &i = &self.tag_aliases[old];
            let e = &self.tag_entries[i];
            let now = e.value.tag.trim();
            let k = e
                .value
                .aliases
                .iter()
                .position(|a| a.trim() == old)
                .unwrap_or(0);
            let (al, ac) = e.pos(&format!("aliases.{k}"));
            Diagnostic::warning(file, l, c, t!("the tag `{old}` is now `{now}`", "标签 `{old}` 现在叫 `{now}`"))
                .with_hint(t!(
                    "link `tag:{now}`; meanwhile the link leads to its page, `{old}` being listed among its aliases ({}:{al}:{ac})",
                    "请链接 `tag:{now}`；在那之前，因为 `{old}` 列在它的别名里（{}:{al}:{ac}），这个链接仍会打开它的页面",
                    e.file.display()
                ))
                .naming(&e.file)
        };
        for p in &self.pages {
            for (k, c, old) in old_tag_links_in(&p.body, |t| self.tag_aliases.contains_key(t)) {
                let (mut file, mut l, mut c) = (p.file.clone(), p.body_line + k, c);
                if let Some(placed) = p.origins.as_ref().and_then(|o| o.place(p.body_line, l, c)) {
                    (file, l, c) = placed;
                }
                out.push(warn(&file, l, c, &old));
            }
        }
        let mut fields: Vec<(&Path, crate::content::spans::TextAt, &str)> = Vec::new();
        for r in &self.rules {
            for (path, text) in r.value.markdown_fields() {
                fields.push((&r.file, r.text_at(&path), text));
            }
        }
        for q in &self.quizzes {
            for (path, text) in q.value.markdown_fields() {
                fields.push((&q.file, q.text_at(&path), text));
            }
        }
        for t in &self.glossary {
            fields.push((&t.file, t.text_at("definition"), &t.value.definition));
        }
        if let Some(c) = &self.course {
            for (path, text) in c.value.markdown_fields() {
                fields.push((&c.file, c.text_at(&path), text));
            }
        }
        for e in &self.tag_entries {
            fields.push((&e.file, e.text_at("description"), &e.value.description));
        }
        for (file, at, text) in fields {
            if !text.contains("tag:") {
                continue;
            }
            for (k, c, old) in old_tag_links_in(text, |t| self.tag_aliases.contains_key(t)) {
                let (l, c) = at.place(k + 1, c);
                out.push(warn(file, l, c, &old));
            }
        }
        out
    }

    /// The course's modules shown, with their index: all but one whose every item names a
    /// page left out of this build ([`Book::left_out`]).
    pub fn course_modules(&self) -> Vec<(usize, &crate::content::glossary::Module)> {
        let Some(course) = &self.course else {
            return Vec::new();
        };
        (course.value.modules.iter().enumerate())
            .filter(|(_, m)| {
                self.left_out.is_empty()
                    || m.items.is_empty()
                    || m.items.iter().any(|it| self.course_target(it).is_some())
            })
            .collect()
    }

    /// What a course item points at, if it exists (errors are reported by `link`).
    pub fn course_target(&self, it: &CourseItem) -> Option<CourseTarget<'_>> {
        if let Some(l) = &it.lesson {
            let &i = self.page_index.get(l.trim_end_matches(".md"))?;
            Some(CourseTarget::Lesson(&self.pages[i]))
        } else if let Some(r) = &it.rule {
            self.rule(r).map(CourseTarget::Rule)
        } else {
            self.quiz(it.quiz.as_ref()?).map(CourseTarget::Quiz)
        }
    }

    pub fn quiz(&self, id: &str) -> Option<&Quiz> {
        self.quiz_index.get(id).map(|&i| &self.quizzes[i].value)
    }
    pub fn term(&self, name: &str) -> Option<&Term> {
        self.term_index.get(name).map(|&i| &self.glossary[i].value)
    }
    pub fn has_asset(&self, rel: &str) -> bool {
        self.asset_set.contains(rel)
    }
}

/// What kind of file, published as it is, is likely not meant for everyone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum PrivateKind {
    /// `.csv`, `.xlsx`, `.xls`, `.et` (WPS), `.numbers`.
    Table,
    /// `.docx`, `.doc`, `.wps`.
    Document,
    /// `.bak`, `.orig`, `.tmp`.
    Backup,
}

fn private_kind(rel: &str) -> Option<PrivateKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
    match ext.as_str() {
        "csv" | "xlsx" | "xls" | "et" | "numbers" => Some(PrivateKind::Table),
        "docx" | "doc" | "wps" => Some(PrivateKind::Document),
        "bak" | "orig" | "tmp" => Some(PrivateKind::Backup),
        _ => None,
    }
}

/// Whether the file `name` at `abs` looks like a question bank: its name says so (题库, 试题,
/// 答案, …), or a CSV's header row has an answer column (as `handbook import questions` reads).
fn question_bank(abs: &Path, name: &str) -> bool {
    let lower = name.to_lowercase();
    let named = [
        "题库", "试题", "考题", "答案", "题目", "answer", "question", "exam", "quiz",
    ]
    .iter()
    .any(|w| lower.contains(w));
    if named {
        return true;
    }
    if !lower.ends_with(".csv") {
        return false;
    }
    use std::io::Read;
    let mut head = Vec::new();
    let read = std::fs::File::open(abs).and_then(|f| f.take(4096).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let first = head.split(|b| *b == b'\n').next().unwrap_or_default();
    let text = String::from_utf8_lossy(first).to_lowercase();
    // (答案 in GBK too: a bank Excel saved as plain "CSV".)
    text.contains("答案")
        || text.contains("answer")
        || first.windows(4).any(|w| w == [0xB4, 0xF0, 0xB0, 0xB8])
}

/// Of two files giving the same rule `id`, whether `a` rather than `b` is the slip: its file's
/// name spells another id where `b`'s does not, or (neither or both) it was written last.
fn likelier_slip(
    root: &std::path::Path,
    a: &std::path::Path,
    b: &std::path::Path,
    id: &str,
) -> bool {
    // (A name that spells an id: `ts-proc-002.rule.yaml`, not `example.rule.yaml`.)
    let wrong = |f: &std::path::Path| {
        crate::content::named_id(&f.to_string_lossy())
            .and_then(|n| n.strip_prefix("rule:").map(str::to_string))
            .is_some_and(|n| crate::content::rule_check::valid_id(&n) && n != id)
    };
    match (wrong(a), wrong(b)) {
        (true, false) => true,
        (false, true) => false,
        _ => {
            let written = |f: &std::path::Path| {
                std::fs::metadata(root.join(f))
                    .and_then(|m| m.modified())
                    .ok()
            };
            matches!((written(a), written(b)), (Some(x), Some(y)) if x > y)
        }
    }
}

fn unknown_source(
    file: &std::path::Path,
    line: usize,
    col: usize,
    s: &str,
    known: &HashSet<&str>,
) -> Diagnostic {
    let hint = match nearest(s, known.iter().copied()) {
        _ if s.contains(['，', '、']) => t!(
            "separate ids with an ASCII comma: `[a, b]`, not `[a，b]`",
            "各个 id 之间用半角逗号隔开：写 `[a, b]`，不要写 `[a，b]`"
        ),
        Some(n) => t!(
            "did you mean `{n}`? sources are declared in sources.yaml",
            "是不是想写 `{n}`？来源在 sources.yaml 里定义"
        ),
        None => t!(
            "declare it in sources.yaml at the top of the content folder",
            "请在内容文件夹最上层的 sources.yaml 里定义它"
        ),
    };
    Diagnostic::error(
        file,
        line,
        col,
        t!("unknown source `{s}`", "不认识的来源 `{s}`"),
    )
    .with_hint(hint)
}

/// Resolves links written in one page's Markdown.
pub struct PageLinks<'a> {
    pub book: &'a Book,
    /// Output folder of the page being rendered.
    pub dir: String,
    /// Content folder the Markdown file sits in (relative links start here).
    pub folder: String,
    /// Anchor key of the page itself (for `#anchor` links).
    pub key: String,
}

impl<'a> PageLinks<'a> {
    pub fn new(book: &'a Book, page: &Page) -> Self {
        let folder = match page.kind {
            PageKind::Lesson => page
                .path
                .rfind('/')
                .map(|i| page.path[..i].to_string())
                .unwrap_or_default(),
            _ => page.path.clone(),
        };
        PageLinks {
            book,
            dir: page.dir(),
            folder,
            key: page.path.clone(),
        }
    }

    /// The links of a rule's or quiz's Markdown fields shown on the page in `dir`: written
    /// from the content folder, as the rule or quiz file's own.
    pub fn for_fields(book: &'a Book, dir: &str) -> Self {
        PageLinks {
            book,
            dir: dir.to_string(),
            folder: String::new(),
            key: String::new(),
        }
    }

    /// Whether these are the links of a YAML file's Markdown fields ([`PageLinks::for_fields`]).
    fn fields(&self) -> bool {
        self.key.is_empty() && !self.dir.is_empty()
    }

    /// Where the relative paths of these links start, for hints: the Markdown file's folder,
    /// or for the Markdown fields of a YAML file ([`PageLinks::for_fields`]: no page of their
    /// own, shown elsewhere) the content folder.
    fn paths_from(&self) -> String {
        if self.fields() {
            let src = self.book.config.build.src.display();
            t!(
                "paths in a YAML file's text start from the content folder `{src}/`",
                "YAML 文件里文字中的路径从内容文件夹 `{src}/` 算起"
            )
        } else {
            t!("paths are relative to this file", "路径是从这个文件算起的")
        }
    }

    fn href(&self, to_dir: &str, anchor: Option<&str>) -> String {
        let mut h = urls::href(&self.dir, to_dir);
        if let Some(a) = anchor {
            h.push('#');
            h.push_str(a);
        }
        h
    }
}

/// A path on the trainer's own computer (`C:\\Users\\…`, `D:/培训/…`, `file:///…`,
/// `\\\\server\\share`): no reader of the site can open it, though it shows on the trainer's
/// own screen.
fn own_computer_path(target: &str) -> Option<(String, String)> {
    let b = target.as_bytes();
    let drive =
        b.len() >= 3 && b[0].is_ascii_alphabetic() && b[1] == b':' && matches!(b[2], b'\\' | b'/');
    let unc = target.starts_with("\\\\");
    let file = target
        .get(..5)
        .is_some_and(|s| s.eq_ignore_ascii_case("file:"));
    (drive || unc || file).then(|| {
        (
            t!("`{target}` is a file on your own computer: readers of the site cannot open it",
                "`{target}` 是你自己电脑上的文件：网站的读者打不开它"),
            t!("copy the file into the content folder (e.g. next to this Markdown file) and link it by its path from this file, with `/` between folders: `images/流程图.png`",
                "把文件复制到内容文件夹里（例如放在这个 Markdown 文件旁边），用从这个文件算起的路径链接它，文件夹之间用 `/`：`images/流程图.png`"),
        )
    })
}

/// URL schemes a link may use as they are (never read as a misspelt `rule:` or `term:`).
const URL_SCHEMES: [&str; 12] = [
    "http", "https", "mailto", "tel", "sms", "ftp", "ftps", "file", "data", "news", "irc", "geo",
];

/// A link's hover text from a Markdown field: its plain text, at most 120 characters.
fn tooltip(md: &str) -> String {
    let text = crate::search::index::md_text(md);
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text.char_indices().nth(120) {
        Some((i, _)) => format!("{}…", &text[..i]),
        None => text,
    }
}

/// The error for `term:name#x`: a term's link goes to its own place in the glossary.
pub fn term_anchor(name: &str) -> (String, String) {
    (
        t!(
            "a link to the term `{name}` names a section after `#`",
            "链接到术语 `{name}` 时在 `#` 后面写了小节"
        ),
        t!(
            "write `term:{name}`: it links to the term's own place in the glossary",
            "请写成 `term:{name}`：它会链接到术语表里这个术语的位置"
        ),
    )
}

/// The relative link from a file in content folder `folder` to content file `file`.
pub(crate) fn relative_link(folder: &str, file: &str) -> String {
    let from: Vec<&str> = folder.split('/').filter(|s| !s.is_empty()).collect();
    let to: Vec<&str> = file.split('/').filter(|s| !s.is_empty()).collect();
    let common = from
        .iter()
        .zip(&to)
        .take(to.len().saturating_sub(1))
        .take_while(|(a, b)| a == b)
        .count();
    let mut out = "../".repeat(from.len() - common);
    out.push_str(&to[common..].join("/"));
    out
}

impl LinkResolver for PageLinks<'_> {
    fn content_folder(&self) -> Option<String> {
        self.fields()
            .then(|| self.book.config.build.src.display().to_string())
    }

    fn embedded_rule(&self, id: &str) -> Option<(&Rule, Box<dyn LinkResolver + '_>)> {
        let fields = PageLinks::for_fields(self.book, &self.dir);
        Some((self.book.rule(id)?, Box::new(FieldLinks(fields))))
    }

    fn resolve(&self, dest: &str, wiki: bool) -> Result<Option<Resolved>, (String, String)> {
        let dest = dest.trim();
        if dest.is_empty() {
            return Err((
                t!("empty link", "空链接"),
                t!(
                    "write the target inside the parentheses",
                    "在圆括号里写上链接的目标"
                ),
            ));
        }
        let (target, anchor) = match dest.split_once('#') {
            Some((t, a)) => (t, Some(a)),
            None => (dest, None),
        };
        if target.is_empty() {
            let a = anchor.unwrap_or("");
            return Ok(Some(Resolved {
                href: dest.to_string(),
                title: None,
                anchor: Some((self.key.clone(), a.to_string())),
                tooltip: None,
                unlinked: false,
            }));
        }
        if let Some(problem) = own_computer_path(target) {
            return Err(problem);
        }
        // `[[rule：EX-PROC-001]]`, `(rule：EX-PROC-001)`: read as a lesson or a file otherwise.
        if let Some((kind, rest)) = fullwidth_scheme(dest) {
            let (written, fixed) = if wiki {
                (format!("[[{dest}]]"), format!("[[{kind}:{rest}]]"))
            } else {
                (format!("({dest})"), format!("({kind}:{rest})"))
            };
            return Err(fullwidth_colon(&written, kind, &fixed));
        }
        if let Some((scheme, id)) = target.split_once(':') {
            let id = id.trim();
            match scheme {
                "rule" => {
                    let Some(r) = self.book.rule(id) else {
                        return self.book.check_link_ref("rule", id).map(|()| None);
                    };
                    // (A rule being repealed says so wherever it is linked.)
                    let status = match r.repealed.as_deref() {
                        Some(_) if r.repealed_by(crate::content::calendar::today()) => {
                            "，已废止".to_string()
                        }
                        Some(on) => format!("，{on} 起废止"),
                        None => String::new(),
                    };
                    return Ok(Some(Resolved {
                        href: self.href(&urls::rule(id), anchor),
                        title: Some(format!("{}（{}{status}）", r.title, r.id)),
                        // (Checked against the card's sections: see `Renderer::check_anchors`.)
                        anchor: anchor.map(|a| (format!("rule:{}", r.id), a.to_string())),
                        tooltip: Some(tooltip(&r.summary)),
                        unlinked: false,
                    }));
                }
                "quiz" => {
                    let Some(q) = self.book.quiz(id) else {
                        return self.book.check_link_ref("quiz", id).map(|()| None);
                    };
                    return Ok(Some(Resolved {
                        href: self.href(&urls::quiz(id), anchor),
                        title: Some(q.title.clone()),
                        // (Checked against the quiz page's ids: see `Renderer::check_anchors`.)
                        anchor: anchor.map(|a| (format!("quiz:{}", q.id), a.to_string())),
                        tooltip: None,
                        unlinked: false,
                    }));
                }
                "term" => {
                    let Some(t) = self.book.term(id) else {
                        return self.book.check_link_ref("term", id).map(|()| None);
                    };
                    if anchor.is_some() {
                        return Err(term_anchor(id));
                    }
                    let a = slugify(&t.term);
                    return Ok(Some(Resolved {
                        href: self.href(urls::GLOSSARY, Some(&a)),
                        title: Some(id.to_string()),
                        anchor: None,
                        tooltip: Some(tooltip(&format!("{}：{}", t.term, t.definition))),
                        unlinked: false,
                    }));
                }
                "tag" => {
                    if anchor.is_some() {
                        return Err((
                            t!(
                                "`[[tag:{id}#…]]`: a tag's page has no sections",
                                "`[[tag:{id}#…]]`：标签页面没有小节"
                            ),
                            t!(
                                "link the tag's page: `[[tag:{id}]]`",
                                "请链接标签页面：`[[tag:{id}]]`"
                            ),
                        ));
                    }
                    // (A tag's old name, listed among its aliases in tags.yaml, leads to it: a
                    // warning at the link says to write the new one, `Book::old_tag_links`.)
                    let id = match self.book.tag_page(id) {
                        None => self.book.tag_alias(id).unwrap_or(id),
                        Some(_) => id,
                    };
                    let Some((slug, n)) = self.book.tag_page(id) else {
                        let names = self.book.tag_names();
                        return Err((
                            t!("no page has the tag `{id}`", "没有页面带标签 `{id}`"),
                            match nearest(id, names.iter().copied()) {
                                Some(t) => t!("did you mean `[[tag:{t}]]`? (or give a page `tags: [{id}]` in its front matter)",
                                    "是不是想写 `[[tag:{t}]]`？（或者在某个页面的前置信息里写上 `tags: [{id}]`）"),
                                None if names.is_empty() => t!("no page has tags yet: give the pages on this subject `tags: [{id}]` in their front matter",
                                    "还没有页面写标签：在讲这个主题的页面的前置信息里写上 `tags: [{id}]`"),
                                None => t!("the tags are {}; or give a page `tags: [{id}]` in its front matter",
                                    "现有的标签有 {}；或者在某个页面的前置信息里写上 `tags: [{id}]`",
                                    names.iter().take(12).map(|t| format!("`{t}`")).collect::<Vec<_>>().join("、")),
                            },
                        ));
                    };
                    return Ok(Some(Resolved {
                        href: self.href(&urls::tag(slug), None),
                        title: Some(id.to_string()),
                        anchor: None,
                        tooltip: Some(format!("标签“{id}”：{n} 篇")),
                        unlinked: false,
                    }));
                }
                "lesson" => {
                    let path = id.trim_end_matches(".md");
                    if let Some(d) = self.book.left_out_page(path) {
                        return Ok(Some(Resolved::unlinked(Some(d.title.clone()))));
                    }
                    let Some(&i) = self.book.page_index.get(path) else {
                        return self
                            .book
                            .check_ref(&format!("lesson:{path}"))
                            .map(|()| None);
                    };
                    let p = &self.book.pages[i];
                    let anchor = self.book.kept_anchor(&p.path, anchor);
                    let to = self.section_target(i, anchor);
                    return Ok(Some(Resolved {
                        href: self.href(&to.dir(), anchor),
                        title: Some(to.front.title.clone()),
                        anchor: anchor.map(|a| (p.path.clone(), a.to_string())),
                        tooltip: None,
                        unlinked: false,
                    }));
                }
                // A script run by a click (a slip or a copied snippet; no lesson needs one).
                other
                    if ["javascript", "vbscript"]
                        .contains(&other.trim().to_ascii_lowercase().as_str()) =>
                {
                    return Err((
                        t!("a `{other}:` link runs a script in the reader's browser",
                            "`{other}:` 链接会在读者的浏览器里运行脚本"),
                        t!("link to a page, a rule or a web address instead (a handbook's links are read by everyone who opens it)",
                            "请改为链接到页面、规则或网址（手册里的链接，每个打开它的人都可能点到）"),
                    ));
                }
                // `[[rul:…]]`, `(lesson:…` misspelt: a link no browser can open. (A wiki
                // link is never to a URL; a scheme browsers know is left to them.)
                other if wiki || !URL_SCHEMES.contains(&other.to_ascii_lowercase().as_str()) => {
                    let near = nearest(other, ["rule", "lesson", "quiz", "term", "tag"]);
                    if let Some(n) = near.filter(|_| !other.is_empty()) {
                        return Err((
                            t!("unknown kind of link `{other}:`", "不认识的链接类型 `{other}:`"),
                            t!(
                                "did you mean `{n}:`? links name rule:, lesson:, quiz:, term: or tag:",
                                "是不是想写 `{n}:`？链接可以写 rule:、lesson:、quiz:、term: 或 tag:"
                            ),
                        ));
                    }
                    if wiki {
                        return Err((
                            t!("unknown kind of link `{other}:` in `[[{dest}]]`",
                                "`[[{dest}]]` 里有不认识的链接类型 `{other}:`"),
                            t!("write [[rule:ID]], [[lesson:path]], [[quiz:id]], [[term:术语]] or [[tag:标签]]; a web address goes in [text](https://…)",
                                "写成 `[[rule:ID]]`、`[[lesson:path]]`、`[[quiz:id]]`、`[[term:术语]]` 或 `[[tag:标签]]`；网址要写成 `[文字](https://…)`"),
                        ));
                    }
                    return Ok(None);
                }
                _ => return Ok(None), // http:, https:, mailto:, tel: ...
            }
        }
        if wiki {
            let special = match target {
                "course" => Some((urls::COURSE, urls::titles::COURSE)),
                "glossary" => Some((urls::GLOSSARY, urls::titles::GLOSSARY)),
                "rules" => Some((urls::RULES, urls::titles::RULES)),
                "quizzes" => Some((urls::QUIZZES, "测验")),
                "progress" => Some((urls::PROGRESS, urls::titles::PROGRESS)),
                "time-limits" => Some((urls::TIME_LIMITS, urls::titles::TIME_LIMITS)),
                "changes" => Some((urls::CHANGES, urls::titles::CHANGES)),
                "team" => Some((urls::TEAM, urls::titles::TEAM)),
                "tags" if !self.book.has_tags() => {
                    return Err((
                        t!(
                            "`[[tags]]` links to the tag index, and no page has tags",
                            "`[[tags]]` 链接到标签索引，但还没有页面写标签"
                        ),
                        t!(
                            "remove the link, or give some pages `tags: [...]` in their front matter",
                            "删掉这个链接，或者在一些页面的前置信息里写上 `tags: [...]`"
                        ),
                    ))
                }
                "tags" => Some((urls::TAGS, urls::titles::TAGS)),
                "phrases" if !self.book.has_phrases() => {
                    return Err((
                        t!(
                            "`[[phrases]]` links to 话术汇编, and no page has a good example dialogue",
                            "`[[phrases]]` 链接到话术汇编，但还没有页面写正确示范对话"
                        ),
                        t!(
                            "remove the link, or write a ```dialogue good``` block in a lesson",
                            "删掉这个链接，或者在课程里写一个 ```dialogue good``` 代码块"
                        ),
                    ))
                }
                "phrases" => Some((urls::PHRASES, urls::titles::PHRASES)),
                "print" if !self.book.config.output.print_enabled(self.book.pages.len()) => {
                    return Err((
                        t!(
                            "`[[print]]` links to the print page, which this book does not have",
                            "`[[print]]` 链接到打印版页面，但本手册没有这个页面"
                        ),
                        t!(
                            "remove the link, or set `print = true` under [output] in book.toml",
                            "删掉这个链接，或者在 book.toml 的 [output] 下写 `print = true`"
                        ),
                    ))
                }
                "print" => Some((urls::PRINT, urls::titles::PRINT)),
                "search" if !self.book.config.search.enabled => {
                    return Err((
                        t!(
                            "`[[search]]` links to the search page, and search is turned off in book.toml",
                            "`[[search]]` 链接到搜索页面，但 book.toml 里关闭了搜索"
                        ),
                        t!(
                            "remove the link, or set `enabled = true` under [search] in book.toml",
                            "删掉这个链接，或者在 book.toml 的 [search] 下写 `enabled = true`"
                        ),
                    ))
                }
                "search" => Some((urls::SEARCH, urls::titles::SEARCH)),
                "search-checks"
                    if !self.book.config.search.enabled
                        || (self.book.search_checks.is_empty()
                            && !self.book.is_broken("page", "search-checks")) =>
                {
                    return Err((
                        t!(
                            "`[[search-checks]]` links to 搜索自查, which runs the checks of `search-checks.yaml`, and this book has none",
                            "`[[search-checks]]` 链接到搜索自查页面，它运行 `search-checks.yaml` 里的检查，但本手册没有这些检查"
                        ),
                        t!(
                            "write `search-checks.yaml` at the top of the content folder (a list of `- query: …` with `expect: rule:…` or `lesson:…`), with search on in book.toml; or remove the link",
                            "在内容文件夹最上层写一个 `search-checks.yaml`（一条一条写 `- query: …` 和 `expect: rule:…` 或 `lesson:…`），并在 book.toml 里开着搜索；或者删掉这个链接"
                        ),
                    ))
                }
                "search-checks" => Some((urls::SEARCH_CHECKS, urls::titles::SEARCH_CHECKS)),
                _ => None,
            };
            if let (Some(a), "glossary") = (anchor.filter(|a| !a.is_empty()), target) {
                // The glossary's sections are its terms: `[[glossary#停电]]`.
                let slugs = || self.book.glossary.iter().map(|t| slugify(&t.value.term));
                if !slugs().any(|s| s == a) {
                    let all: Vec<String> = slugs().collect();
                    let hint = match nearest(a, all.iter().map(String::as_str)) {
                        Some(n) => t!(
                            "did you mean `#{n}`? or link the term itself: `[[term:{n}]]`",
                            "是不是想写 `#{n}`？也可以直接链接这个术语：`[[term:{n}]]`"
                        ),
                        None => t!(
                            "link a term with `[[term:术语]]` (a synonym works too)",
                            "用 `[[term:术语]]` 链接术语（写同义词也可以）"
                        ),
                    };
                    return Err((
                        t!("the glossary has no term `#{a}`", "术语表里没有术语 `#{a}`"),
                        hint,
                    ));
                }
            }
            if let Some((dir, title)) = special {
                // Whether the book has the page (`[[course]]` with no course.yaml), and the
                // anchor on it (`[[course#module-2]]`, `[[rules#投诉受理]]`), are checked once
                // the site's pages are rendered; the glossary's terms were checked above.
                let a = anchor.filter(|_| target != "glossary").unwrap_or("");
                return Ok(Some(Resolved {
                    href: self.href(dir, anchor),
                    title: Some(title.into()),
                    anchor: Some((format!("{SITE_PAGE}{target}:{dir}"), a.to_string())),
                    tooltip: None,
                    unlinked: false,
                }));
            }
            return self.resolve(&format!("lesson:{dest}"), true);
        }
        if let Some(abs) = target.strip_prefix('/') {
            // The same target written relative to this file, when it is there (`/index.md`
            // from basics/ is `../index.md`), or its `[[...]]` (`/rules/index.html`).
            let file = match abs.trim_start_matches('/') {
                "" => "index.md",
                f => f,
            };
            let a = anchor.map(|a| format!("#{a}")).unwrap_or_default();
            let rel = format!("{}{a}", relative_link(&self.folder, file));
            let hint = if self.resolve(&rel, false).is_ok() {
                t!(
                    "write the path relative to this file: `{rel}`",
                    "请写从这个文件算起的相对路径：`{rel}`"
                )
            } else if let Some(h) = self.output_path_hint(file, anchor) {
                h
            } else {
                t!(
                    "write the path relative to this file, without the `/` in front (`../` for each folder up)",
                    "请写从这个文件算起的相对路径，前面不要写 `/`（每往上一层文件夹写一个 `../`）"
                )
            };
            return Err((
                t!("absolute link `{dest}` breaks when the site is served under a sub-path or opened from disk",
                    "绝对链接 `{dest}`：网站放在别的网址目录下，或者直接双击打开网页文件时，这个链接会失效"),
                hint,
            ));
        }
        // `%20` and other escapes, as editors and Markdown tools write a path with a space or
        // Chinese in it (`升级%20流程.md`), name the file decoded.
        let decoded = urls::percent_decoded(target);
        let target = decoded.as_deref().unwrap_or(target);
        let joined = crate::content::include::join(&self.folder, target).ok_or_else(|| {
            // Often a path counted from the page built from this file, one folder deeper
            // (`../../rules/` from basics/lesson.md, built as basics/lesson/index.html).
            let hint = target
                .strip_prefix("../")
                .and_then(|t| crate::content::include::join(&self.folder, t))
                .and_then(|j| self.output_path_hint(&j, anchor))
                .map(|h| t!("links are counted from this Markdown file, not from the page built from it: {h}",
                    "链接从这个 Markdown 文件算起，而不是从它生成的页面算起：{h}"))
                .unwrap_or_else(|| match self.fields() {
                    // (A rule file's `../basics/x.md`, written from the rule's own folder.)
                    true => t!("remove the `../`: {}", "去掉 `../`：{}", self.paths_from()),
                    false => t!("remove some `../`", "去掉几个 `../`"),
                });
            // (`render::markdown::relative_link` knows it by "outside the content folder", or
            // in Chinese as the message a link far out gets.)
            (
                t!(
                    "link `{dest}` points outside the content folder",
                    "链接 `{dest}` 指到了内容文件夹外面"
                ),
                hint,
            )
        })?;
        if let Some(stem) = joined.strip_suffix(".md") {
            let path = if stem == "index" {
                String::new()
            } else if let Some(folder) = stem.strip_suffix("/_index") {
                folder.to_string()
            } else if stem == "_index" {
                String::new()
            } else {
                stem.to_string()
            };
            let Some(&i) = self.book.page_index.get(&path) else {
                if self.book.is_broken("lesson", &path) {
                    return Ok(None); // its own error is reported already
                }
                if self.book.is_draft(&path) {
                    return Err(draft_link(&path));
                }
                if self.book.is_left_out(&path) {
                    return Ok(Some(Resolved::unlinked(None)));
                }
                // A page renamed, its old path kept among its `aliases`.
                if let Some(now) = self.book.moved(&path) {
                    let p = &self.book.pages[now];
                    let to = self
                        .written_link(p)
                        .unwrap_or_else(|| format!("{}.md", p.path));
                    return Err((
                        t!("page `{target}` has moved to `{}`", "页面 `{target}` 已经移到了 `{}`", p.path),
                        t!("link `{to}` instead; `{path}` is listed among that page's aliases (old addresses still lead there)",
                            "请改为链接 `{to}`；`{path}` 已列在那个页面的 `aliases` 里（旧地址仍会转到那里）"),
                    ));
                }
                // The pages as this file would link them (`../procedure/time-limits.md`),
                // compared without `.md`, which every one of them ends in; else the nearest
                // by its path from the content folder (`../basics/frist-lesson.md` written in
                // basics/ is `basics/frist-lesson`), if its file name is near too (`nope.md`
                // is not `first-lesson.md` for sharing `basics/`).
                let written: Vec<String> = self
                    .book
                    .pages
                    .iter()
                    .filter_map(|p| self.written_link(p))
                    .collect();
                let stems = written.iter().map(|w| w.trim_end_matches(".md"));
                let name = |p: &str| p.rsplit('/').next().unwrap_or("").to_string();
                // (Its file name near too: `../nope/missing.md` is not `../phone/_index.md`
                // for a path of a like shape; trainer serve review.)
                let near = nearest(target.trim_end_matches(".md"), stems)
                    .filter(|n| {
                        nearest(&name(target.trim_end_matches(".md")), [name(n).as_str()]).is_some()
                    })
                    .map(|n| format!("{n}.md"))
                    .or_else(|| {
                        let n = nearest(&path, self.book.pages.iter().map(|p| p.path.as_str()))?;
                        nearest(&name(&path), [name(n).as_str()])?;
                        self.written_link(&self.book.pages[*self.book.page_index.get(n)?])
                    });
                let moved = (self.book.in_renamed_folder(&path)).and_then(|now| {
                    let written = self.written_link(&self.book.pages[self.book.page_index[now]])?;
                    Some((now, written))
                });
                // (A space breaks a Markdown link: written as `%20`.)
                let hint = match (moved, near) {
                    (Some((now, m)), _) => renamed_folder_hint(&path, now, &m.replace(' ', "%20")),
                    // A page the site makes, or a rule card by its file's name.
                    (None, _) if self.output_path_hint(&path, anchor).is_some() => {
                        self.output_path_hint(&path, anchor).unwrap_or_default()
                    }
                    (None, Some(n)) => t!(
                        "did you mean `{}`? {}",
                        "是不是想写 `{}`？{}",
                        n.replace(' ', "%20"),
                        self.paths_from()
                    ),
                    (None, None) => self.paths_from(),
                };
                return Err((
                    t!(
                        "link to a missing page `{target}`",
                        "链接指向的页面不存在：`{target}`"
                    ),
                    hint,
                ));
            };
            let p = &self.book.pages[i];
            let anchor = self.book.kept_anchor(&p.path, anchor);
            let to = self.section_target(i, anchor);
            return Ok(Some(Resolved {
                href: self.href(&to.dir(), anchor),
                title: Some(to.front.title.clone()),
                anchor: anchor.map(|a| (p.path.clone(), a.to_string())),
                tooltip: None,
                unlinked: false,
            }));
        }
        let trimmed = joined.trim_end_matches('/');
        if let Some(&i) = self.book.page_index.get(trimmed) {
            let p = &self.book.pages[i];
            let anchor = self.book.kept_anchor(&p.path, anchor);
            return Ok(Some(Resolved {
                href: self.href(&self.section_target(i, anchor).dir(), anchor),
                title: None,
                anchor: anchor.map(|a| (p.path.clone(), a.to_string())),
                tooltip: None,
                unlinked: false,
            }));
        }
        // (A file's address may carry a query, `report.xlsx?download=1`: the file is what must
        // exist, the query stays in the link.)
        let (file, query) = match joined.split_once('?') {
            Some((f, q)) if !self.book.has_asset(&joined) => (f, Some(q)),
            _ => (joined.as_str(), None),
        };
        if self.book.has_asset(file) {
            let mut href = format!("{}{}", urls::root_prefix(&self.dir), file);
            if let Some(q) = query {
                href.push('?');
                href.push_str(q);
            }
            if let Some(a) = anchor {
                href.push('#');
                href.push_str(a);
            }
            return Ok(Some(Resolved {
                href,
                title: None,
                anchor: None,
                tooltip: None,
                unlinked: false,
            }));
        }
        if self.book.left_out_files.contains(file) {
            return Ok(Some(Resolved::unlinked(None)));
        }
        // The file written in other letter case (`Flow.SVG` for flow.svg): found on Windows
        // and macOS, missing on a web server.
        let folded = joined.to_lowercase();
        let cased = self
            .book
            .asset_set
            .iter()
            .filter(|a| a.to_lowercase() == folded)
            .min();
        // `www.95598.cn`: a web address without `https://`, read as a file.
        if looks_like_host(target) {
            let fixed = format!("https://{dest}");
            return Err((
                t!(
                    "`{dest}` is a web address without `https://`: it is read as a file in the content folder",
                    "`{dest}` 是网址，但前面没有 `https://`：现在它被当成了内容文件夹里的文件"
                ),
                t!(
                    "a web address starts with `https://`: write `{fixed}`, e.g. `[text]({fixed})`",
                    "网址要以 `https://` 开头：请写成 `{fixed}`，例如 `[文字]({fixed})`"
                ),
            ));
        }
        let hint = match self.output_path_hint(&joined, anchor) {
            // (A rule's own file: its card is linked by the rule's id.)
            Some(h) if target.ends_with(".yaml") => t!(
                "`{target}` is a rule file, not its card: {h}",
                "`{target}` 是规则文件，不是规则卡片：{h}"
            ),
            Some(h) => t!(
                "`{target}` is a page of the built site: {h}",
                "`{target}` 是生成后网站里的页面：{h}"
            ),
            // (`render::markdown` knows it by "in other letter case", or in Chinese by the
            // path it quotes.)
            None if cased.is_some() => {
                let real = cased.map(String::as_str).unwrap_or_default();
                t!(
                    "the file is `{real}`, in other letter case, which counts on a web server: write `{}`",
                    "文件名是 `{real}`，字母大小写不一样，网站服务器上会找不到：写成 `{}`",
                    relative_link(&self.folder, real).replace(' ', "%20")
                )
            }
            // A rule's or quiz's file: they are linked by id.
            None if [".rule.yaml", ".rules.yaml", ".quiz.yaml"].iter().any(|e| joined.ends_with(e)) => {
                let rule = self.book.rules.iter().find(|r| {
                    r.file.to_string_lossy().replace('\\', "/").ends_with(&format!("/{joined}"))
                });
                match rule {
                    Some(r) if joined.ends_with(".rules.yaml") => t!("rules are linked by their id, not their file: `[[rule:ID]]`, e.g. `[[rule:{}]]`",
                        "链接规则要用编号，不是文件：`[[rule:ID]]`，例如 `[[rule:{}]]`", r.value.id),
                    Some(r) => t!("a rule is linked by its id, not its file: `[[rule:{}]]`",
                        "链接规则要用编号，不是文件：`[[rule:{}]]`", r.value.id),
                    None => t!("rules and quizzes are linked by their id, not their file: `[[rule:TS-PROC-002]]`, `[[quiz:id]]`",
                        "链接规则和测验要用编号或 id，不是文件：`[[rule:TS-PROC-002]]`、`[[quiz:id]]`"),
                }
            }
            // `images\flow.png`, as Windows writes paths: the web's separator is `/`.
            None if target.contains('\\') => t!(
                "write `/` between folders, not `\\`: `{}` ({})",
                "文件夹之间用 `/`，不要用 `\\`：`{}`（{}）",
                dest.replace('\\', "/"),
                self.paths_from()
            ),
            // `登记表.pdf`: an attachment that is not in the content folder.
            None if joined.rsplit('/').next().is_some_and(|n| n.contains('.')) => {
                let name = joined.rsplit('/').next().unwrap_or_default();
                t!(
                    "put `{name}` in the content folder (next to this Markdown file), or fix the path: it is counted from this file",
                    "请把 `{name}` 放进内容文件夹（和这个 Markdown 文件放在一起），或者改正路径：路径从这个文件算起"
                )
            }
            None => t!("link a lesson by its file name with `.md`, counted from this file; other files must be in the content folder",
                "链接课程要写它的文件名（带 `.md`），从这个文件算起；其他文件必须放在内容文件夹里"),
        };
        // (`render::markdown` tells a missing picture by it: see `missing_file` there.)
        Err((
            t!(
                "link to a missing file `{target}`",
                "链接的文件不存在：`{target}`"
            ),
            hint,
        ))
    }
}

impl PageLinks<'_> {
    /// The page a link to page `i` at `#anchor` leads to: the page the section moved to, when
    /// one lists `path#anchor` among its `aliases` (a lesson split in two). The link's anchor
    /// is still checked against page `i`, where it is reported as moved, with the new link.
    fn section_target(&self, i: usize, anchor: Option<&str>) -> &Page {
        let p = &self.book.pages[i];
        anchor
            .and_then(|a| self.book.moved_section(&p.path, a))
            .map_or(p, |n| &self.book.pages[n])
    }

    /// Page `p`'s Markdown file as this file links it (`../procedure/time-limits.md`); None for
    /// a page with no file of its own in the content folder.
    fn written_link(&self, p: &Page) -> Option<String> {
        let src = Path::new(&self.book.config.build.src);
        let file = p.file.strip_prefix(src).ok()?.to_str()?.replace('\\', "/");
        Some(relative_link(&self.folder, &file))
    }

    /// How to link `path`, a path of the built site counted from the content folder's root
    /// (`rules/`, `rules/TS-PROC-002/index.html`, `basics/first-lesson/`), the way this file
    /// should: `write [[rules]]`, `write `../basics/first-lesson.md``.
    /// With the link's `anchor` kept where the link written can hold it (a page's section, a
    /// rule card's part).
    fn output_path_hint(&self, path: &str, anchor: Option<&str>) -> Option<String> {
        let a = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        let p = path.trim_end_matches("index.html").trim_end_matches('/');
        let (first, rest) = p.split_once('/').unwrap_or((p, ""));
        let wiki = match (first, rest) {
            ("rules", "") => "[[rules]]".to_string(),
            ("rules", "time-limits") => "[[time-limits]]".into(),
            ("rules", "changes") => "[[changes]]".into(),
            // (Also a rule's file name, as a trainer guesses a card's link: `gd-int-005.md`.)
            ("rules", id) if self.book.rule(&rule_of_file(id)).is_some() => {
                format!("[[rule:{}{a}]]", rule_of_file(id))
            }
            ("quizzes", "") => "[[quizzes]]".into(),
            ("quizzes", id) if self.book.quiz(id).is_some() => format!("[[quiz:{id}]]"),
            ("progress", "") => "[[progress]]".into(),
            ("progress", "team") => "[[team]]".into(),
            (g @ ("glossary" | "course" | "search" | "print" | "tags" | "phrases"), "") => {
                format!("[[{g}]]")
            }
            ("search", "checks") => "[[search-checks]]".into(),
            // (A page's `[[…]]` name taken for its folder: `../time-limits/`.)
            (g @ ("time-limits" | "changes" | "team" | "search-checks"), "") => format!("[[{g}]]"),
            _ => {
                let &i = self.book.page_index.get(p)?;
                let link = self.written_link(&self.book.pages[i])?;
                return Some(t!("write `{link}{a}`", "请写成 `{link}{a}`"));
            }
        };
        Some(t!("write `{wiki}`", "请写成 `{wiki}`"))
    }
}

/// A question's words for comparing two versions of it: its Chinese characters, letters and
/// digits, markup (tags of the published HTML, Markdown's marks) and punctuation left out.
fn words_of(text: &str) -> String {
    let mut out = String::new();
    let mut tag = false;
    for c in text.chars() {
        match c {
            '<' => tag = true,
            '>' => tag = false,
            _ if tag => {}
            c if c.is_alphanumeric() => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether two questions' words ([`words_of`]) are of other questions: fewer than a quarter
/// of their two-character pieces shared (a reworded question keeps most of its own).
fn other_words(a: &str, b: &str) -> bool {
    let pieces = |s: &str| -> HashSet<(char, char)> {
        let cs: Vec<char> = s.chars().collect();
        cs.windows(2).map(|w| (w[0], w[1])).collect()
    };
    let (x, y) = (pieces(a), pieces(b));
    if x.is_empty() || y.is_empty() {
        return a != b;
    }
    let shared = x.intersection(&y).count();
    (shared as f64) < 0.25 * x.len().max(y.len()) as f64
}

/// The rule id a rule file's name or a card's folder spells: `gd-int-005.rule.yaml`,
/// `gd-int-005.md`, `GD-INT-005` are `GD-INT-005`.
fn rule_of_file(name: &str) -> String {
    let name = name.rsplit('/').next().unwrap_or(name);
    let stem = [".rule.yaml", ".rules.yaml", ".yaml", ".md", ".html"]
        .iter()
        .find_map(|x| name.strip_suffix(x))
        .unwrap_or(name);
    stem.to_uppercase()
}

/// The number written by hand at the start of a course module's title, `第三单元` or
/// `第 3 章`: (its value, its unit, the words as written).
fn module_number(title: &str) -> Option<(u32, &'static str, &str)> {
    let rest = title.strip_prefix('第')?.trim_start();
    let digit = |c: char| match c {
        '0'..='9' => c.to_digit(10),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    };
    let written: String = rest
        .chars()
        .take_while(|&c| digit(c).is_some() || "〇零一二两三四五六七八九十百".contains(c))
        .collect();
    let mut value = 0u32;
    if written.chars().all(|c| digit(c).is_some()) {
        for c in written.chars() {
            value = value.checked_mul(10)?.checked_add(digit(c)?)?;
        }
    } else {
        // 十二 = 12, 二十 = 20, 一百零五 = 105.
        let mut cur = 0;
        for c in written.chars() {
            match c {
                '十' => (value, cur) = (value + cur.max(1) * 10, 0),
                '百' => (value, cur) = (value + cur.max(1) * 100, 0),
                '两' => cur = 2,
                c => {
                    cur = "〇一二三四五六七八九"
                        .chars()
                        .position(|d| d == c)
                        .unwrap_or(0) as u32
                }
            }
        }
        value += cur;
    }
    if written.is_empty() {
        return None;
    }
    let after = rest[written.len()..].trim_start();
    const UNITS: [&str; 9] = ["单元", "模块", "部分", "阶段", "章", "课", "讲", "篇", "周"];
    let unit = UNITS.into_iter().find(|u| after.starts_with(u))?;
    Some((
        value,
        unit,
        &title[..title.len() - after.len() + unit.len()],
    ))
}

/// The problems of a page's or a quiz's `revised` list (`rule_check::revision_problems`), each
/// at its entry in `file` (`pos`: a YAML path's line and column).
pub(crate) fn revision_diags(
    file: &Path,
    revised: &[crate::content::rule::Revision],
    pos: impl Fn(&str) -> (usize, usize),
    diags: &mut Vec<Diagnostic>,
) {
    for prob in crate::content::rule_check::revision_problems(revised, None) {
        // (An empty change is shown at its entry: `change: ''` says nothing to point at.)
        let path = match prob.field {
            "date" => format!("revised.{}.date", prob.entry),
            _ => format!("revised.{}", prob.entry),
        };
        let (l, c) = pos(&path);
        let d = if prob.warning {
            Diagnostic::warning(file, l, c, prob.message)
        } else {
            Diagnostic::error(file, l, c, prob.message)
        };
        diags.push(d.with_hint(prob.hint));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_module_number_written_by_hand_is_read_with_its_unit() {
        for (title, want) in [
            (
                "第三单元：处理流程与办理时限",
                Some((3, "单元", "第三单元")),
            ),
            ("第 3 单元 处理流程", Some((3, "单元", "第 3 单元"))),
            ("第十二章", Some((12, "章", "第十二章"))),
            ("第二十单元", Some((20, "单元", "第二十单元"))),
            ("第一百零五课", Some((105, "课", "第一百零五课"))),
            ("第２部分", Some((2, "部分", "第２部分"))),
            ("第两周", Some((2, "周", "第两周"))),
        ] {
            assert_eq!(module_number(title), want, "{title}");
        }
        // No number, or a number of something else.
        for title in [
            "认识投诉",
            "第一线的服务",
            "第三方投诉",
            "单元三",
            "第单元",
            "",
        ] {
            assert_eq!(module_number(title), None, "{title}");
        }
        // The same number however it is written.
        assert_eq!(
            module_number("第三单元").map(|n| n.0),
            module_number("第3单元").map(|n| n.0)
        );
    }

    #[test]
    fn relative_links_climb_only_out_of_what_differs() {
        assert_eq!(relative_link("basics", "basics/first.md"), "first.md");
        assert_eq!(
            relative_link("basics", "procedure/time-limits.md"),
            "../procedure/time-limits.md"
        );
        assert_eq!(relative_link("", "procedure/x.md"), "procedure/x.md");
        assert_eq!(relative_link("a/b", "index.md"), "../../index.md");
        assert_eq!(relative_link("a", "a/_index.md"), "_index.md");
    }

    #[test]
    fn a_good_dialogue_is_found_by_its_fence_line() {
        for yes in [
            "```dialogue good 开场\n坐席：您好\n```",
            "正文\n  ~~~dialogue   good\n坐席：您好\n~~~",
        ] {
            assert!(has_good_dialogue(yes), "{yes}");
        }
        for no in [
            "```dialogue bad 打断\n```",
            "```dialogue\n```",
            "写 dialogue good 就行",
            "``dialogue good``",
        ] {
            assert!(!has_good_dialogue(no), "{no}");
        }
    }

    #[test]
    fn a_tag_named_like_a_windows_device_gets_a_folder_windows_takes() {
        for (tag, slug) in [
            ("CON", "con-tag"),
            ("aux", "aux-tag"),
            ("Com1", "com1-tag"),
            ("LPT9", "lpt9-tag"),
            ("nul", "nul-tag"),
            ("prn ", "prn-tag"),
            // (Every other tag keeps its folder.)
            ("console", "console"),
            ("com10", "com10"),
            ("com-1", "com-1"),
            ("con tag", "con-tag"),
            ("首问负责", "首问负责"),
            ("YAML", "yaml"),
            ("95598", "95598"),
        ] {
            assert_eq!(tag_slug(tag), slug, "{tag}");
        }
        // (Two tags of one folder are still told apart.)
        assert_eq!(
            number_tag_slugs(["CON", "con tag"]),
            ["con-tag", "con-tag-2"]
        );
    }

    #[test]
    fn aliases_are_page_paths_inside_the_site() {
        for (written, path) in [
            ("procedure/limits", "procedure/limits"),
            (" procedure/limits/ ", "procedure/limits"),
            ("./procedure/limits.md", "procedure/limits"),
            ("procedure/limits/index.html", "procedure/limits"),
            ("旧目录/时限", "旧目录/时限"),
        ] {
            assert_eq!(alias_path(written).as_deref(), Ok(path), "{written}");
        }
        for bad in [
            "",
            "/",
            "/abs",
            "../up",
            "a/../b",
            "a//b",
            "a/./b",
            "http://x",
            "a\\b",
            "a?b",
            "a#b",
            "a/ b",
            "a\u{7}b",
            "<x>",
            &"长".repeat(70),
        ] {
            assert!(alias_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn join_works() {
        use crate::content::include::join;
        assert_eq!(join("a/b", "../c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join("", "x/./y.md").as_deref(), Some("x/y.md"));
        assert_eq!(join("", "../x.md"), None);
    }

    /// A small book in a temporary folder, linked: its problems.
    fn problems(files: &[(&str, &str)]) -> Vec<Diagnostic> {
        problems_linking(files, &[("missing.md", false), ("rule:EX-PROC-01", false)])
    }

    /// [`problems`], with the page's links `dests` (each a link's target and whether it is
    /// a `[[…]]` link) resolved from the first page.
    fn problems_linking(files: &[(&str, &str)], dests: &[(&str, bool)]) -> Vec<Diagnostic> {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("book.toml"), "title = \"t\"\n").unwrap();
        for (path, text) in files {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = Config::load(root).unwrap();
        let src = crate::content::load(root, &root.join("content"), None, false);
        let mut diags = src.diagnostics.clone();
        let book = Book::link(root.to_path_buf(), config, src, &mut diags);
        let links = PageLinks::new(&book, &book.pages[0]);
        for &(dest, wiki) in dests {
            if let Err((m, h)) = links.resolve(dest, wiki) {
                diags.push(Diagnostic::error("content/index.md", 1, 1, m).with_hint(h));
            }
        }
        diags
    }

    const RULE: &str = "id: EX-PROC-001\ntitle: 投诉办理时限\ncategory: procedure\nsummary: s\n";

    /// A lesson's path in `related:` without `lesson:` is named as a lesson, and the hints of
    /// an absolute link and a missing attachment name no file the book does not have
    /// (review-zh2 N6, N12).
    #[test]
    fn a_lesson_named_as_a_rule_and_absolute_links_get_hints_about_this_book() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("book.toml"), "title = \"t\"\n").unwrap();
        for (path, text) in [
            ("content/index.md", "---\ntitle: 首页\n---\n正文\n"),
            ("content/basics/_index.md", "---\ntitle: 基础\n---\n"),
            (
                "content/basics/first-lesson.md",
                "---\ntitle: 第一课\n---\n正文\n",
            ),
            (
                "content/categories.yaml",
                "- id: procedure\n  label: 投诉办理\n",
            ),
            (
                "content/rules/ex-proc-001.rule.yaml",
                &*format!("{RULE}related: [basics/first-lesson]\n"),
            ),
        ] {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let config = Config::load(root).unwrap();
        let src = crate::content::load(root, &root.join("content"), None, false);
        let mut diags = src.diagnostics.clone();
        let book = Book::link(root.to_path_buf(), config, src, &mut diags);
        let said = |d: &Diagnostic| format!("{} | {}", d.message, d.hint.as_deref().unwrap_or(""));
        let related: Vec<String> = diags.iter().map(said).collect();
        assert_eq!(
            related,
            ["`basics/first-lesson` is a lesson, not a rule | a lesson is named with `lesson:` before its path: write `lesson:basics/first-lesson`"]
        );
        assert_eq!(
            crate::i18n::in_chinese(|| book.check_ref("basics/first-lesson")),
            Err((
                "`basics/first-lesson` 是课程，不是规则".to_string(),
                "课程要在路径前面加 `lesson:`：请写成 `lesson:basics/first-lesson`".to_string()
            ))
        );
        assert_eq!(
            book.check_link_ref("rule", "basics/first-lesson.md#x").unwrap_err().1,
            "a lesson is named with `lesson:` before its path: write `[[lesson:basics/first-lesson#x]]`"
        );
        let page = book
            .pages
            .iter()
            .find(|p| p.path == "basics/first-lesson")
            .unwrap();
        let links = PageLinks::new(&book, page);
        let hint = |dest: &str| links.resolve(dest, false).unwrap_err().1;
        assert_eq!(
            hint("/index.md"),
            "write the path relative to this file: `../index.md`"
        );
        assert_eq!(
            hint("/basics/first-lesson.md#a"),
            "write the path relative to this file: `first-lesson.md#a`"
        );
        assert_eq!(hint("/rules/index.html"), "write `[[rules]]`");
        // A rule card by its file's name, a generated page by its `[[…]]` name as a folder.
        assert_eq!(
            hint("../rules/ex-proc-001.md"),
            "write `[[rule:EX-PROC-001]]`"
        );
        assert_eq!(hint("../rules/ex-proc-001.rule.yaml#steps"), "`../rules/ex-proc-001.rule.yaml` is a rule file, not its card: write `[[rule:EX-PROC-001#steps]]`");
        assert!(
            hint("../time-limits/").ends_with("write `[[time-limits]]`"),
            "{}",
            hint("../time-limits/")
        );
        let nowhere = hint("/nope/gone.md");
        assert!(!nowhere.contains(".md"), "{nowhere}");
        let (m, h) = crate::i18n::in_chinese(|| links.resolve("/index.md", false).unwrap_err());
        assert_eq!(
            m,
            "绝对链接 `/index.md`：网站放在别的网址目录下，或者直接双击打开网页文件时，这个链接会失效"
        );
        assert_eq!(h, "请写从这个文件算起的相对路径：`../index.md`");
        assert_eq!(
            crate::i18n::in_chinese(|| hint("登记表.pdf")),
            "请把 `登记表.pdf` 放进内容文件夹（和这个 Markdown 文件放在一起），或者改正路径：路径从这个文件算起"
        );
        let lesson = hint("second-lesson");
        assert!(!lesson.contains("time-limits"), "{lesson}");
    }

    /// A category's label written for its id (`category: 投诉办理`) is told the id to write,
    /// not to declare a new category (which would list its rules apart).
    #[test]
    fn a_categorys_label_for_its_id_is_told_the_id() {
        let files = [
            ("content/index.md", "---\ntitle: 首页\n---\n正文\n"),
            (
                "content/categories.yaml",
                "- id: procedure\n  label: 投诉办理\n",
            ),
            (
                "content/rules/ex-proc-001.rule.yaml",
                &*RULE.replace("category: procedure", "category: 投诉办理"),
            ),
        ];
        let zh = crate::i18n::in_chinese(|| problems(&files));
        let d = zh
            .iter()
            .find(|d| d.message == "不认识的分类 `投诉办理`")
            .expect("the category");
        assert_eq!(d.hint.as_deref(), Some("“投诉办理”是分类 `procedure` 的名称：请写 `category: procedure`（页面上显示的是名称）"));
    }

    /// The common slips of cross-references, told in Chinese at the same places as in English;
    /// a question's own prefix in its language while `ListedRef::owner`, which other code
    /// compares, stays English.
    #[test]
    fn references_are_told_in_chinese_at_the_same_places() {
        let files = [
            ("content/index.md", "---\ntitle: 首页\n---\n正文\n"),
            ("content/categories.yaml", "- id: procedure\n  label: 投诉办理\n"),
            (
                "content/rules/ex-proc-001.rule.yaml",
                &*RULE.replace("procedure", "proceduer"),
            ),
            (
                "content/rules/ex-proc-002.rule.yaml",
                &*format!("{RULE}related: [EX-PROC-01]\n"),
            ),
            (
                "content/quizzes/q.quiz.yaml",
                "id: q\ntitle: t\nquestions:\n  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n    rules: [EX-PROC-01]\n",
            ),
        ];
        let en = problems(&files);
        let zh = crate::i18n::in_chinese(|| problems(&files));
        assert_eq!(places(&en), places(&zh), "{en:#?}\n{zh:#?}");
        let (en, zh) = (said(&en), said(&zh));
        for (e, z) in [
            ("unknown category `proceduer` | did you mean `procedure`? categories are declared in categories.yaml",
                "不认识的分类 `proceduer` | 是不是想写 `procedure`？分类在 categories.yaml 里定义"),
            ("duplicate rule id `EX-PROC-001`", "重复的规则编号 `EX-PROC-001`"),
            ("reference to a missing rule `EX-PROC-01` | did you mean `EX-PROC-001`? (投诉办理时限)",
                "引用的规则不存在：`EX-PROC-01` | 是不是想写 `EX-PROC-001`？（投诉办理时限）"),
            ("question `a`: reference to a missing rule `EX-PROC-01`",
                "题目 `a`：引用的规则不存在：`EX-PROC-01`"),
            ("link to a missing page `missing.md` | paths are relative to this file",
                "链接指向的页面不存在：`missing.md` | 路径是从这个文件算起的"),
        ] {
            assert!(en.iter().any(|m| m.starts_with(e)), "{e}: {en:#?}");
            assert!(zh.iter().any(|m| m.starts_with(z)), "{z}: {zh:#?}");
        }
    }

    /// Where each diagnostic is, for comparing the two languages' runs.
    fn places(ds: &[Diagnostic]) -> Vec<(PathBuf, usize, usize, crate::diagnostics::Severity)> {
        ds.iter()
            .map(|d| (d.file.clone(), d.line, d.col, d.severity))
            .collect()
    }

    /// What each diagnostic says: `message | hint`.
    fn said(ds: &[Diagnostic]) -> Vec<String> {
        ds.iter()
            .map(|d| format!("{} | {}", d.message, d.hint.as_deref().unwrap_or("")))
            .collect()
    }

    #[test]
    fn a_full_width_colon_a_bare_web_address_and_a_category_given_twice_are_named() {
        let second = format!(
            "{}related: [rule：EX-PROC-001]\n",
            RULE.replace("001", "002")
        );
        let files = [
            ("content/index.md", "---\ntitle: 首页\n---\n正文\n"),
            (
                "content/categories.yaml",
                "- id: procedure\n  label: 投诉办理\n- id: procedure\n  label: 重复\n",
            ),
            ("content/rules/ex-proc-001.rule.yaml", RULE),
            ("content/rules/ex-proc-002.rule.yaml", &second),
        ];
        let dests = [
            ("rule：EX-PROC-001", true),
            ("quiz ：q", false),
            ("www.95598.cn", false),
            ("95598.cn/help#a", false),
            ("report.pdf", false),
        ];
        let en = problems_linking(&files, &dests);
        let zh = crate::i18n::in_chinese(|| problems_linking(&files, &dests));
        assert_eq!(places(&en), places(&zh), "{en:#?}\n{zh:#?}");
        let (en, zh) = (said(&en), said(&zh));
        assert_eq!(en.len(), 7, "{en:#?}");
        for (e, z) in [
            ("duplicate category id `procedure` | line 1 has it already",
                "重复的分类 id `procedure` | 第 1 行已经用过它"),
            ("`rule：EX-PROC-001` has a full-width colon `：` after `rule` | write `rule:EX-PROC-001`, with an ASCII colon",
                "`rule：EX-PROC-001` 里 `rule` 后面是全角冒号 `：` | 请写成 `rule:EX-PROC-001`：这里要用半角冒号"),
            ("`[[rule：EX-PROC-001]]` has a full-width colon `：` after `rule` | write `[[rule:EX-PROC-001]]`",
                "`[[rule：EX-PROC-001]]` 里 `rule` 后面是全角冒号 `：` | 请写成 `[[rule:EX-PROC-001]]`"),
            ("`(quiz ：q)` has a full-width colon `：` after `quiz` | write `(quiz:q)`",
                "`(quiz ：q)` 里 `quiz` 后面是全角冒号 `：` | 请写成 `(quiz:q)`"),
            ("`www.95598.cn` is a web address without `https://`",
                "`www.95598.cn` 是网址，但前面没有 `https://`"),
            ("`95598.cn/help#a` is a web address without `https://`: it is read as a file in the content folder | a web address starts with `https://`: write `https://95598.cn/help#a`",
                "`95598.cn/help#a` 是网址，但前面没有 `https://`：现在它被当成了内容文件夹里的文件 | 网址要以 `https://` 开头：请写成 `https://95598.cn/help#a`"),
            ("link to a missing file `report.pdf`", "链接的文件不存在：`report.pdf`"),
        ] {
            assert!(en.iter().any(|m| m.starts_with(e)), "{e}: {en:#?}");
            assert!(zh.iter().any(|m| m.starts_with(z)), "{z}: {zh:#?}");
        }
        // (A file's name is not a host's.)
        for file in ["report.pdf", "a.md", "img/flow.png", "v1.2", "x.cn.bak"] {
            assert!(!looks_like_host(file), "{file}");
        }
    }

    #[test]
    fn a_listed_reference_keeps_its_owner_in_english_for_the_code_that_reads_it() {
        let q = "id: q\ntitle: t\nquestions:\n  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n    lessons: [basics/x]\n";
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(root.join("book.toml"), "title = \"t\"\n").unwrap();
        std::fs::create_dir_all(root.join("content/quizzes")).unwrap();
        std::fs::write(root.join("content/quizzes/q.quiz.yaml"), q).unwrap();
        let config = Config::load(root).unwrap();
        let src = crate::content::load(root, &root.join("content"), None, false);
        let book = crate::i18n::in_chinese(|| {
            Book::link(root.to_path_buf(), config, src, &mut Vec::new())
        });
        let refs = crate::i18n::in_chinese(|| book.listed_refs());
        assert_eq!(refs.len(), 1);
        assert!(refs[0].owner.starts_with("question "), "{}", refs[0].owner);
        assert_eq!(refs[0].label, "题目 `a`：");
    }

    #[test]
    fn hrefs_are_relative() {
        assert_eq!(urls::href("a/b/", "c/"), "../../c/index.html");
        assert_eq!(urls::href("", ""), "index.html");
    }
}
