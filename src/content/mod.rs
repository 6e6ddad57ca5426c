//! The load stage: walk the content folder, read every file once, parse it into typed models,
//! keeping the file and line that later errors point at.

pub mod calendar;
pub mod glossary;
pub mod include;
pub mod lesson;
pub mod quiz;
pub mod quiz_check;
pub mod readers;
pub mod rule;
pub mod rule_check;
pub mod search_checks;
pub mod spans;
pub mod tags;
pub mod yaml;

use crate::diagnostics::{display_path, Diagnostic};
use glossary::{Category, Course, Source, Term};
use lesson::{Document, FrontMatter};
use quiz::Quiz;
use rayon::prelude::*;
use rule::Rule;
use serde::de::DeserializeOwned;
use spans::{SpanMap, Spans};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A value read from a file, with where it was written.
#[derive(Debug, Clone)]
pub struct Located<T> {
    pub file: PathBuf,
    pub line: usize,
    pub value: T,
    /// Where each field of the value was written (for errors found after parsing).
    pub spans: Spans,
}

impl<T> Located<T> {
    /// A value that is a whole file (`text`): it starts on line 1 and its fields' positions
    /// come from the file's span map.
    pub fn whole_file(file: PathBuf, value: T, text: &str) -> Self {
        Located {
            file,
            line: 1,
            value,
            spans: Spans::new(Arc::new(SpanMap::parse(text)), ""),
        }
    }

    /// Line and column of the field at `path` inside this value (e.g. `questions.2.options`).
    pub fn pos(&self, path: &str) -> (usize, usize) {
        self.spans.at(path).unwrap_or((self.line, 1))
    }

    /// Where the text of the scalar field at `path` starts, to place errors found in it.
    pub fn text_at(&self, path: &str) -> spans::TextAt {
        self.spans
            .text_at(path)
            .unwrap_or(spans::TextAt::at(self.line, 1))
    }
}

/// A rule of a rules file that did not load (a tab, a full-width colon, a line YAML cannot
/// read), as read past its mistakes ([`yaml::past_mistakes`]): its id and the rules and pages
/// it names, each where it is written. Never published (the build fails on the file's own
/// error), but checked against the book in the same run -- an id another rule has, a
/// reference to nothing -- so that fixing the slip does not bring up the next errors one run
/// later (a trainer fixed a tab in a file of ten rules and found three more).
#[derive(Debug, Clone)]
pub struct UnreadRule {
    pub file: PathBuf,
    pub id: String,
    /// Where its id is written.
    pub at: (usize, usize),
    pub replaced_by: Option<(String, usize, usize)>,
    /// Its category and its sources, where written (checked against the book's).
    pub category: Option<(String, usize, usize)>,
    pub sources: Vec<(String, usize, usize)>,
}

/// A reference listed in a file that did not load (a rule's `related`, a course's item), as
/// read past its mistakes, checked as the book's own are ([`crate::book::ListedRef`]).
#[derive(Debug, Clone)]
pub struct UnreadRef {
    pub file: PathBuf,
    pub line: usize,
    pub col: usize,
    /// As [`crate::book::split_ref`] reads it (`lesson:path`, `quiz:id`, a rule id).
    pub text: String,
    /// What it belongs to, to start a message with: `单元 `接待`：`, or empty.
    pub label: String,
    /// The rule whose `related` it is in.
    pub rule: Option<String>,
}

/// Where the field at `path` of a file read past its mistakes is written, holding `value`
/// (its column moved back on a line indented with tabs: `moved`); None on a line set aside
/// (`aside`) or one not holding it as written (`lines`, the file's: an item that took
/// another's place).
fn written_at(
    spans: &Spans,
    (lines, aside, moved): (&[&str], &[usize], &[(usize, isize)]),
    path: &str,
    value: &str,
) -> Option<(usize, usize)> {
    let (l, c) = spans.at(path)?;
    if l == 0 || aside.contains(&l) || !lines.get(l - 1).is_some_and(|t| t.contains(value.trim())) {
        return None;
    }
    Some((l, yaml::col_back(moved, l, c)))
}

/// The entries of a list both of the reader's runs read alike (`first` and `again`), each with
/// where it is written (`at` its path, `{path}.{k}`, and value).
fn alike_written<'a, F: Fn(&str, &str) -> Option<(usize, usize)>>(
    first: &'a [String],
    again: &'a [String],
    path: &'a str,
    at: &'a F,
) -> impl Iterator<Item = (&'a String, (usize, usize))> + 'a {
    first
        .iter()
        .enumerate()
        .filter(move |&(k, x)| again.get(k) == Some(x))
        .filter_map(move |(k, x)| at(&format!("{path}.{k}"), x).map(|place| (x, place)))
}

/// The course of a course.yaml that did not load, read past its mistakes: its items'
/// lessons, quizzes and rules, where both of the reader's runs read them alike.
fn read_unread_course(file: &Path, text: &str) -> Vec<UnreadRef> {
    let Some(p) = yaml::past_mistakes::<Course>(file, text, 1, glossary::COURSE_FIELDS) else {
        return Vec::new();
    };
    let lines: Vec<&str> = text.split('\n').collect();
    let spans = Spans::new(Arc::new(SpanMap::parse(&p.text)), "");
    let place = (&lines[..], &p.aside[..], &p.moved[..]);
    let [a, b] = &p.read;
    let mut out = Vec::new();
    for (mi, (m, again)) in a.modules.iter().zip(&b.modules).enumerate() {
        let label = match m.title == again.title && !m.title.trim().is_empty() {
            true => t!("module `{}`: ", "单元 `{}`：", m.title.trim()),
            false => String::new(),
        };
        for (ii, (x, y)) in m.items.iter().zip(&again.items).enumerate() {
            let (field, value, text) = match (&x.lesson, &x.rule, &x.quiz) {
                (Some(l), None, None) if !l.contains('#') => ("lesson", l, format!("lesson:{l}")),
                (None, Some(r), None) => ("rule", r, r.clone()),
                (None, None, Some(q)) => ("quiz", q, format!("quiz:{q}")),
                _ => continue,
            };
            let same = (x.lesson == y.lesson) && (x.rule == y.rule) && (x.quiz == y.quiz);
            let path = format!("modules.{mi}.items.{ii}.{field}");
            let Some((line, col)) = written_at(&spans, place, &path, value).filter(|_| same) else {
                continue;
            };
            out.push(UnreadRef {
                file: file.to_path_buf(),
                line,
                col,
                text,
                label: label.clone(),
                rule: None,
            });
        }
    }
    out
}

/// The rules of a rules file that did not load, read past its mistakes: only what both of
/// the reader's runs read alike (not a stand-in) and what is written on a line that was not
/// set aside, and holds it as written (an item that took another's place is left out).
fn read_unread_rules(
    file: &Path,
    text: &str,
    past: &ReadPast<Rule>,
) -> (Vec<UnreadRule>, Vec<UnreadRef>) {
    let lines: Vec<&str> = text.split('\n').collect();
    let map = Arc::new(SpanMap::parse(&past.text));
    let [first, second] = &past.runs;
    let (list, place) = (past.list, (&lines[..], &past.aside[..], &past.moved[..]));
    let (mut rules, mut refs) = (Vec::new(), Vec::new());
    for (i, (r, again)) in first.iter().zip(second).enumerate() {
        let spans = Spans::new(
            Arc::clone(&map),
            if list { i.to_string() } else { String::new() },
        );
        let at = |path: &str, value: &str| written_at(&spans, place, path, value);
        if r.id != again.id || r.id.trim().is_empty() {
            continue;
        }
        let Some(id_at) = at("id", &r.id) else {
            continue;
        };
        let id = r.id.trim().to_string();
        for (x, (line, col)) in alike_written(&r.related, &again.related, "related", &at) {
            let (file, text, rule) = (file.to_path_buf(), x.clone(), Some(id.clone()));
            refs.push(UnreadRef {
                file,
                line,
                col,
                text,
                label: String::new(),
                rule,
            });
        }
        let replaced_by = (r.replaced_by.as_ref())
            .filter(|&b| again.replaced_by.as_ref() == Some(b))
            .and_then(|b| at("replaced_by", b).map(|(l, c)| (b.clone(), l, c)));
        let category = Some(&r.category)
            .filter(|c| !c.trim().is_empty() && again.category == **c)
            .and_then(|c| at("category", c).map(|(l, col)| (c.clone(), l, col)));
        let sources = alike_written(&r.sources, &again.sources, "sources", &at)
            .map(|(x, (l, c))| (x.clone(), l, c))
            .collect();
        rules.push(UnreadRule {
            file: file.to_path_buf(),
            id,
            at: id_at,
            replaced_by,
            category,
            sources,
        });
    }
    (rules, refs)
}

/// What a quiz file that did not load names (robustness review: a question's `rules:
/// [NOPE-009]` was told only once another question's `answer: maybe` was mended), as read past
/// its mistakes: its `related`, and each question's `rules` and `lessons` -- what both of the
/// reader's runs read alike, written on a line that was not set aside.
fn read_unread_quiz_refs(file: &Path, text: &str, past: &ReadPast<Quiz>) -> Vec<UnreadRef> {
    let lines: Vec<&str> = text.split('\n').collect();
    let spans = Spans::new(Arc::new(SpanMap::parse(&past.text)), String::new());
    let place = (&lines[..], &past.aside[..], &past.moved[..]);
    let (Some(q), Some(again)) = (past.runs[0].first(), past.runs[1].first()) else {
        return Vec::new();
    };
    let at = |path: &str, value: &str| written_at(&spans, place, path, value);
    let mut out = Vec::new();
    let mut push = |(line, col): (usize, usize), text: String, label: &str| {
        out.push(UnreadRef {
            file: file.to_path_buf(),
            line,
            col,
            text,
            label: label.to_string(),
            rule: None,
        });
    };
    for (x, place) in alike_written(&q.related, &again.related, "related", &at) {
        push(place, x.clone(), "");
    }
    for (i, (x, y)) in q.questions.iter().zip(&again.questions).enumerate() {
        if x.id != y.id || x.id.trim().is_empty() || x.pulled.is_some() {
            continue;
        }
        let label = t!("question `{}`: ", "题目 `{}`：", x.id);
        let path = format!("questions.{i}.rules");
        for (r, place) in alike_written(&x.rules, &y.rules, &path, &at) {
            push(place, r.clone(), &label);
        }
        let path = format!("questions.{i}.lessons");
        for (l, place) in alike_written(&x.lessons, &y.lessons, &path, &at) {
            push(place, format!("lesson:{l}"), &label);
        }
    }
    out
}

/// A Markdown source: a lesson, a section's `_index.md`, or the home page.
#[derive(Debug, Clone)]
pub struct SourcePage {
    /// Path shown in diagnostics (relative to the book root).
    pub file: PathBuf,
    /// Content path without extension: `procedure/time-limits`; a section's folder path for
    /// `_index.md`; empty for the home page.
    pub path: String,
    pub is_section_index: bool,
    pub doc: Document,
}

/// A lesson with `draft: true` left out of a build.
#[derive(Debug, Clone)]
pub struct Draft {
    pub file: PathBuf,
    /// Its content path: `procedure/escalation`.
    pub path: String,
    pub title: String,
}

/// Everything read from the content folder, before linking.
#[derive(Debug, Default, Clone)]
pub struct Sources {
    pub pages: Vec<SourcePage>,
    /// Folders (content paths) that hold at least one page.
    pub folders: Vec<String>,
    pub rules: Vec<Located<Rule>>,
    pub quizzes: Vec<Located<Quiz>>,
    pub glossary: Vec<Located<Term>>,
    pub categories: Vec<Located<Category>>,
    pub sources: Vec<Located<Source>>,
    /// `tags.yaml`: tags' descriptions and old names.
    pub tags: Vec<Located<tags::TagEntry>>,
    /// `search-checks.yaml`: queries and the pages the search box must list for them.
    pub search_checks: Vec<Located<search_checks::SearchCheck>>,
    pub course: Option<Located<Course>>,
    pub calendar: Option<Located<calendar::Calendar>>,
    /// What files that failed to load declare, as far as a plain reading of their lines tells
    /// (`lesson:procedure/time-limits`, `rule:TS-PROC-001`, `quiz:…`, `term:…`, `category:…`,
    /// `source:…`): references to them are not reported again (one YAML typo in a rule file
    /// made every link to its rule an error too, and buried the one that mattered).
    pub broken_ids: Vec<String>,
    /// Lessons with `draft: true` left out of this build: (file, content path, title).
    pub drafts: Vec<Draft>,
    /// Pages left out of this build for their readers ([`Sources::leave_out`]): a link to
    /// one is its text alone, a list naming one goes without it.
    pub left_out: Vec<Draft>,
    /// The other files of the sections left out so (content paths).
    pub left_out_files: Vec<String>,
    /// Parts of pages left out for their readers (`::: 培训师` … `:::`, [`readers`]): how
    /// many, and per page path the ids of the headings they held (a link to one leads to the
    /// page).
    pub left_out_parts: usize,
    pub left_out_anchors: std::collections::HashMap<String, HashSet<String>>,
    /// Rules declared in rule files that did not load, as far as their lines tell.
    pub unread_rules: usize,
    /// Quiz files that did not load (each one quiz): not in `quizzes`.
    pub unread_quizzes: usize,
    /// Those rules as read past the files' mistakes ([`UnreadRule`]): their ids, checked
    /// against the book's in the same run.
    pub unread_read: Vec<UnreadRule>,
    /// The references listed in files that did not load (a rule's `related`, course.yaml's
    /// items), as read past their mistakes: checked as the book's own are.
    pub unread_refs: Vec<UnreadRef>,
    /// Other files, copied as they are: (absolute source, content-relative path).
    pub assets: Vec<(PathBuf, String)>,
    pub diagnostics: Vec<Diagnostic>,
}

enum Kind {
    Markdown,
    /// A Markdown file whose name or folder starts with `_` (not `_index.md`): text pages
    /// include (`include.rs`), not a page of its own.
    Snippet,
    Rules,
    Quiz,
    Glossary,
    Categories,
    SourceList,
    Tags,
    SearchChecks,
    Course,
    Calendar,
    UnknownYaml,
    Asset,
}

/// What a YAML file at content path `rel` is to the book, by its name and place: "rules",
/// "quiz", "fixed" (glossary.yaml and the others whose name and place are the book's), or
/// "unknown" (ignored, with a warning); None for a file that is not YAML.
pub(crate) fn yaml_role(rel: &str) -> Option<&'static str> {
    match classify(rel) {
        Kind::Rules => Some("rules"),
        Kind::Quiz => Some("quiz"),
        Kind::UnknownYaml => Some("unknown"),
        Kind::Glossary
        | Kind::Categories
        | Kind::SourceList
        | Kind::Tags
        | Kind::SearchChecks
        | Kind::Course
        | Kind::Calendar => Some("fixed"),
        Kind::Markdown | Kind::Snippet | Kind::Asset => None,
    }
}

fn classify(rel: &str) -> Kind {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let at_root = !rel.contains('/');
    let yaml = name.ends_with(".yaml") || name.ends_with(".yml");
    let stem = name.trim_end_matches(".yaml").trim_end_matches(".yml");
    if name.ends_with(".md") && include::is_snippet(rel) {
        Kind::Snippet
    } else if name.ends_with(".md") {
        Kind::Markdown
    } else if yaml && (stem.ends_with(".rule") || stem.ends_with(".rules")) {
        Kind::Rules
    } else if yaml && stem.ends_with(".quiz") {
        Kind::Quiz
    } else if yaml && at_root && stem == "glossary" {
        Kind::Glossary
    } else if yaml && at_root && stem == "categories" {
        Kind::Categories
    } else if yaml && at_root && stem == "sources" {
        Kind::SourceList
    } else if yaml && at_root && stem == "tags" {
        Kind::Tags
    } else if yaml && at_root && stem == "search-checks" {
        Kind::SearchChecks
    } else if yaml && at_root && stem == "course" {
        Kind::Course
    } else if yaml && at_root && stem == "calendar" {
        Kind::Calendar
    } else if yaml {
        Kind::UnknownYaml
    } else {
        Kind::Asset
    }
}

/// An editor's or the system's leftover, never published: backups (`intro.md~`, Emacs's
/// `#intro.md#`, vim's `.swp`), Office's lock files (`~$课件.docx`) and temporary files (Word's
/// `~WRL0005.tmp`, an editor's `intro.md.tmp`, there for a moment while it saves), Windows's
/// `Thumbs.db` and `desktop.ini`. (A backup of a draft would publish the draft as text.)
/// Dotfiles are skipped by the walk.
/// A name the build never reads, wherever it is: a dotfile (but the web server's `.htaccess`
/// and `.well-known/`, kept at the site's top) or a leftover. (`serve` ignores changes to such
/// files; the walk skips them, with its own rule for where the web server's names count.)
pub(crate) fn never_read(name: &str) -> bool {
    (name.starts_with('.') && !matches!(name, ".htaccess" | ".well-known")) || leftover(name)
}

fn leftover(name: &str) -> bool {
    name.ends_with('~')
        || name.to_ascii_lowercase().ends_with(".tmp")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swo")
        || name.starts_with("~$")
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// A lesson or YAML file whose extension handbook would not read as one (`Notes.MD`, a
/// Windows save; `intro.markdown`): it would be copied as a raw file and the lesson missing.
fn odd_extension(file: &Path, name: &str) -> Option<Diagnostic> {
    let (stem, ext) = name.rsplit_once('.')?;
    let want = match ext.to_ascii_lowercase().as_str() {
        "md" | "markdown" | "mdown" if !name.ends_with(".md") => "md",
        "yaml" | "yml" if !name.ends_with(".yaml") && !name.ends_with(".yml") => "yaml",
        _ => return None,
    };
    Some(
        Diagnostic::warning(
            file,
            0,
            0,
            t!(
                "`{name}` is not read: handbook reads files ending in `.{want}` (lower case)",
                "`{name}` 不会被读取：handbook 只读取以 `.{want}`（小写）结尾的文件"
            ),
        )
        .with_hint(t!(
            "rename it to `{stem}.{want}`; until then it is left out of the site",
            "请把它改名为 `{stem}.{want}`；改名以前，它不会出现在网站上"
        )),
    )
}

/// A lesson or picture (any file published as it is) whose name, or a folder's, has a space
/// (`03 Listening Skills.md`, `截图 2025-01-01 10.32.png`): its address holds `%20`, which
/// breaks where it is pasted into a chat or a work order. A warning naming the first such
/// folder or file of `rel` (a folder once: `warned` remembers it), with a kebab-case name.
/// A Chinese name may stay (a lesson's: `handbook new` and `handbook mv` take kebab-case only).
fn spaced_name(
    root: &Path,
    src: &Path,
    rel: &str,
    warned: &mut HashSet<String>,
) -> Option<Diagnostic> {
    let parts: Vec<&str> = rel.split('/').collect();
    let k = parts.iter().position(|p| p.contains(char::is_whitespace))?;
    let named = parts[..=k].join("/");
    if !warned.insert(named.clone()) {
        return None;
    }
    // (A lesson's number prefix goes too: its place is its `order`. A picture keeps it.)
    let lesson_file = k + 1 == parts.len() && rel.ends_with(".md");
    let kebab = |s: &str| -> String {
        let mut words: Vec<String> = s
            .split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        if lesson_file && words.len() > 1 && words[0].chars().all(|c| c.is_ascii_digit()) {
            words.remove(0);
        }
        words.join("-")
    };
    let mut renamed: Vec<String> = parts[..k].iter().map(|p| p.to_string()).collect();
    renamed.push(kebab(parts[k]));
    let renamed = renamed.join("/");
    let folder = k + 1 < parts.len();
    let what = if folder {
        t!("folder", "文件夹")
    } else {
        t!("file", "文件")
    };
    let shown = display_path(root, &src.join(&named));
    let lesson = !folder && rel.ends_with(".md");
    let mv = lesson.then(|| {
        (
            named.trim_end_matches(".md"),
            renamed.trim_end_matches(".md"),
        )
    });
    let how = match mv {
        Some((old, new)) if crate::scaffold::kebab(new.rsplit('/').next().unwrap_or(new)) => {
            t!(
                "; `handbook mv \"{old}\" {new}` renames the lesson and rewrites the links to it",
                "；`handbook mv \"{old}\" {new}` 会给课程改名，并改好指向它的链接"
            )
        }
        _ => t!(", and the links to it", "，并改好指向它的链接"),
    };
    Some(
        Diagnostic::warning(
            shown,
            0,
            0,
            {
                let name = parts[k];
                t!(
                    "the {what} name `{name}` has a space in it: its address on the site holds `%20`, which breaks when pasted into a chat or a work order",
                    "{what}名 `{name}` 里有空格：它在网站上的地址会带 `%20`，粘贴到聊天或工单里时容易断开"
                )
            },
        )
        .with_hint({
            let new_name = renamed.rsplit('/').next().unwrap_or(&renamed);
            if !folder && !lesson {
                // (A picture or attachment: only its links name it.)
                t!(
                    "rename it `{new_name}` (`-` instead of spaces; a Chinese name is fine for a picture or attachment){how}",
                    "请改名为 `{new_name}`（用 `-` 代替空格；图片和附件用中文名也可以）{how}"
                )
            } else if crate::scaffold::kebab(new_name.trim_end_matches(".md")) {
                t!(
                    "rename it `{new_name}` (lower case, `-` between words){how}",
                    "请改名为 `{new_name}`（小写英文字母，词与词之间用 `-`）{how}"
                )
            } else {
                // (`handbook new` and `handbook mv` take only kebab-case paths.)
                t!(
                    "rename it `{new_name}` (`-` instead of spaces){how}; a Chinese name may stay, but `handbook new` and `handbook mv` take only names of lower-case letters, digits and `-`, e.g. `listening-skills`",
                    "请改名为 `{new_name}`（用 `-` 代替空格）{how}；已有的中文名可以保留，但 `handbook new` 和 `handbook mv` 只接受由小写英文字母、数字和 `-` 组成的名字，例如 `listening-skills`"
                )
            }
        }),
    )
}

/// Reads the content folder `src` (absolute) of the book at `root`.
/// Reads every content file under `src`. `src_at` is where book.toml names the folder (when
/// it does), for the error when it is missing.
pub fn load(root: &Path, src: &Path, src_at: Option<(usize, usize)>, drafts: bool) -> Sources {
    load_cached(root, src, src_at, drafts, None)
}

/// What the files of earlier loads were read as, by their bytes (the preview server's: an edit
/// changes one file, and the other few hundred need not be parsed again).
#[derive(Default)]
pub struct ParseCache {
    // By absolute path. (What was read is shared: the lock is held for a reference count, not
    // for a copy of the file's pages.)
    files: std::sync::Mutex<std::collections::HashMap<PathBuf, Parsed>>,
}

/// A file as a [`ParseCache`] keeps it: the hash of its bytes, whether drafts were read, and
/// what it was read as.
type Parsed = (u64, bool, Arc<Sources>);

impl ParseCache {
    fn get(&self, abs: &Path, hash: u64, drafts: bool) -> Option<Sources> {
        let found = match self.files.lock().ok()?.get(abs) {
            Some((h, d, s)) if *h == hash && *d == drafts => s.clone(),
            _ => return None,
        };
        Some((*found).clone())
    }

    fn put(&self, abs: &Path, hash: u64, drafts: bool, read: &Sources) {
        let read = Arc::new(read.clone());
        if let Ok(mut files) = self.files.lock() {
            files.insert(abs.to_path_buf(), (hash, drafts, read));
        }
    }

    /// Forgets the files not among `seen` (deleted or renamed since).
    fn keep(&self, seen: &HashSet<&Path>) {
        if let Ok(mut files) = self.files.lock() {
            files.retain(|abs, _| seen.contains(abs.as_path()));
        }
    }
}

/// The error for a content folder `src` that does not exist, at `src_at` in book.toml (where
/// its `src` names it) when known.
pub fn missing_src(root: &Path, src: &Path, src_at: Option<(usize, usize)>) -> Diagnostic {
    let shown = display_path(root, src);
    match src_at {
        Some((line, col)) => {
            let folder = shown.display();
            Diagnostic::error(
                    "book.toml",
                    line,
                    col,
                    t!(
                        "the content folder `{folder}` named by `src` does not exist",
                        "`src` 指定的内容文件夹 `{folder}` 不存在"
                    ),
                )
                .with_hint(t!(
                    "correct `src` under [build] (a folder relative to book.toml), or create the folder",
                    "请改正 [build] 下的 `src`（相对于 book.toml 所在位置的文件夹），或者新建这个文件夹"
                ))
        }
        None => Diagnostic::error(
            shown,
            0,
            0,
            t!("the content folder does not exist", "内容文件夹不存在"),
        )
        .with_hint(t!(
            "create it, or set `src` under [build] in book.toml",
            "请新建这个文件夹，或者在 book.toml 的 [build] 下设置 `src`"
        )),
    }
}

/// [`load`], reading again only the files whose bytes changed since `cache` saw them.
pub fn load_cached(
    root: &Path,
    src: &Path,
    src_at: Option<(usize, usize)>,
    drafts: bool,
    cache: Option<&ParseCache>,
) -> Sources {
    let mut out = Sources::default();
    if !src.is_dir() {
        out.diagnostics.push(missing_src(root, src, src_at));
        return out;
    }
    // The walk is in file-name order; files are read and parsed on every thread, then merged
    // back in that order, so pages, errors and warnings come out as from a sequential load.
    let laps = crate::Laps::start();
    let mut files: Vec<(PathBuf, PathBuf, String, Kind)> = Vec::new();
    let mut lowered: std::collections::HashMap<String, String> = Default::default();
    // Links are followed within the content folder; one to a file or folder outside it is an
    // error and not walked (a link committed to the book's repository would publish whatever
    // it points at on the trainer's computer or the CI runner: /etc, a credentials file; or
    // beside the content folder: the book's .git, a question bank with its answers), and so
    // is one to a hidden file or folder in it (`.env`: hidden files are not published).
    // (The content folder may itself be a link, named by book.toml: inside it is in the book.)
    let book = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let content = src.canonicalize().unwrap_or_else(|_| src.to_path_buf());
    let mut outside: Vec<(PathBuf, PathBuf)> = Vec::new();
    // Every file found, content-relative (what an include may name), and the snippets.
    let mut known: HashSet<String> = HashSet::new();
    let mut snippets: Vec<(PathBuf, String)> = Vec::new();
    // Folders and files warned about for a space in their name (a folder once).
    let mut spaced: HashSet<String> = HashSet::new();
    let walker = walkdir::WalkDir::new(src)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| {
            if e.depth() > 0 && left_out_hidden(&e.file_name().to_string_lossy(), e.depth() == 1) {
                return false;
            }
            if e.depth() > 0 && e.path_is_symlink() {
                if let Ok(target) = e.path().canonicalize() {
                    // (A place the walk itself would publish: none of its names left out.)
                    let hidden = |rel: &Path| {
                        let names = rel.components().map(|c| c.as_os_str().to_string_lossy());
                        names.enumerate().any(|(i, c)| left_out_hidden(&c, i == 0))
                    };
                    if target.strip_prefix(&content).is_ok_and(|r| !hidden(r)) {
                        return true;
                    }
                    outside.push((e.path().to_path_buf(), target));
                    return false;
                }
            }
            true
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // (A link that leads nowhere is met before the filter above sees its name:
                // Emacs's lock file, `.#time-limits.md`, a link to `user@host.pid`, is there
                // while a buffer has unsaved changes. Hidden and leftover names are skipped.)
                let name = e
                    .path()
                    .and_then(|p| p.file_name())
                    .map(|n| n.to_string_lossy());
                if name.is_some_and(|n| n.starts_with('.') || leftover(&n)) {
                    continue;
                }
                let path = e.path().map(|p| display_path(root, p)).unwrap_or_default();
                out.diagnostics.push(walk_error(path, &e));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let abs = entry.path();
        let file = display_path(root, abs);
        let rel = match abs.strip_prefix(src) {
            Ok(r) => r.to_string_lossy().replace('\\', "/"),
            Err(_) => continue,
        };
        let name = rel.rsplit('/').next().unwrap_or(&rel);
        if leftover(name) {
            continue;
        }
        if let Some(d) = odd_extension(&file, name) {
            out.diagnostics.push(d);
            continue;
        }
        // A character that ends or changes an address in a link (`?` starts a query, `#` an
        // anchor, `%` an escape, `a:b` reads as a scheme), or that a Windows share refuses.
        // (The file's own name too: on Linux `a\b.md` is one file, which `rel` reads as a/b.)
        let own = abs
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        if let Some(c) = rel.chars().chain(own.chars()).find(|&c| {
            matches!(
                c,
                '?' | '#' | '%' | ':' | '\\' | '"' | '<' | '>' | '|' | '*'
            ) || c.is_control()
        }) {
            let shown = if c.is_control() {
                format!("U+{:04X}", c as u32)
            } else {
                c.to_string()
            };
            out.diagnostics.push(
                Diagnostic::error(&file, 0, 0, {
                    let name = rel.escape_debug();
                    t!(
                        "the name `{name}` has `{shown}` in it: links to it would lead elsewhere",
                        "名称 `{name}` 里有 `{shown}`：指向它的链接会打开别的地方"
                    )
                })
                .with_hint(t!(
                    "rename it with letters (Chinese is fine), digits, - and _; `? # % : \\ \" < > | *` break web addresses or Windows shares",
                    "请只用字母（中文也可以）、数字、`-` 和 `_` 重新命名；`? # % : \\ \" < > | *` 会破坏网址或 Windows 共享文件夹"
                )),
            );
            continue;
        }
        if let Some(seg) = rel
            .split('/')
            .find(|s| crate::diagnostics::windows_device(s))
        {
            out.diagnostics.push(
                Diagnostic::error(&file, 0, 0, t!(
                    "`{seg}` is named like a device on Windows: the site could not be copied to a Windows share or disk",
                    "`{seg}` 和 Windows 的设备名相同：网站将无法复制到 Windows 共享文件夹或磁盘上"
                ))
                .with_hint(t!(
                    "rename it (`con`, `prn`, `aux`, `nul`, `com1`–`com9` and `lpt1`–`lpt9` are refused, with any extension)",
                    "请给它改名（`con`、`prn`、`aux`、`nul`、`com1`–`com9` 和 `lpt1`–`lpt9` 都不能用，加什么扩展名都不行）"
                )),
            );
            continue;
        }
        if rel.contains('+') {
            out.diagnostics.push(
                Diagnostic::warning(&file, 0, 0, t!(
                    "the name `{rel}` has `+` in it: IIS refuses such addresses unless told otherwise",
                    "名称 `{rel}` 里有 `+`：IIS 服务器默认会拒绝这样的地址"
                ))
                .with_hint(t!(
                    "rename it with letters (Chinese is fine), digits, - and _ (IIS's request filtering rejects `+` in a path by default)",
                    "请只用字母（中文也可以）、数字、`-` 和 `_` 重新命名（IIS 的请求筛选默认拒绝路径里的 `+`）"
                )),
            );
        }
        if let Some(other) = lowered.insert(rel.to_lowercase(), rel.clone()) {
            out.diagnostics.push(
                Diagnostic::warning(&file, 0, 0, t!(
                    "`{rel}` and `{other}` differ only in upper and lower case",
                    "`{rel}` 和 `{other}` 只有大小写不同"
                ))
                .with_hint(t!(
                    "rename one: on a Windows share (and in most browsers' addresses there) they are the same file, and one replaces the other",
                    "请给其中一个改名：在 Windows 共享文件夹上（以及那里多数浏览器的地址中）它们是同一个文件，一个会覆盖另一个"
                )),
            );
        }
        known.insert(rel.clone());
        let kind = classify(&rel);
        if matches!(kind, Kind::Markdown | Kind::Asset) {
            if let Some(d) = spaced_name(root, src, &rel, &mut spaced) {
                out.diagnostics.push(d);
            }
        }
        if let Kind::Asset = kind {
            // (A file the user who builds may not read -- root's, mode 600 -- failed the
            // build's copy, said as the site folder's fault, and passed check: IT admin review.)
            // (Still listed: a page showing it is not told it is missing. The error keeps the
            // build from copying it.)
            if let Err(e) = std::fs::File::open(abs) {
                out.diagnostics.push(unreadable(&file, &e));
            }
            out.assets.push((abs.to_path_buf(), rel));
            continue;
        }
        if let Kind::Snippet = kind {
            snippets.push((file, rel));
            continue;
        }
        files.push((abs.to_path_buf(), file, rel, kind));
    }
    for (link, target) in outside {
        let message = match (target.strip_prefix(&content), target.strip_prefix(&book)) {
            (Ok(rel), _) => {
                let target = rel.display();
                t!(
                    "this is a link to `{target}`, a hidden file or folder in the content folder: it would be published with the site (hidden files are not)",
                    "这是一个指向内容文件夹里隐藏文件或文件夹 `{target}` 的链接：它指向的内容会随网站一起发布（隐藏文件本来不发布）"
                )
            }
            (_, Ok(rel)) => {
                let target = rel.display();
                t!(
                    "this is a link to `{target}`, in the book but outside the content folder: it would be published with the site (only the content folder is; what is beside it, book.toml, .git, a question bank with its answers, must not be)",
                    "这是一个指向手册里、内容文件夹以外的 `{target}` 的链接：它指向的内容会随网站一起发布（只有内容文件夹里的才发布；它旁边的 book.toml、.git、带答案的题库都不该发布）"
                )
            }
            _ => {
                let target = target.display();
                t!(
                    "this is a link to `{target}`, outside the book: it would be published with the site",
                    "这是一个指向手册以外的 `{target}` 的链接：它指向的内容会随网站一起发布"
                )
            }
        };
        out.diagnostics.push(
            Diagnostic::error(display_path(root, &link), 0, 0, message).with_hint(t!(
                "copy what is to be published into the content folder instead, or remove the link",
                "请把要发布的内容复制到内容文件夹里，或者删掉这个链接"
            )),
        );
    }
    readme_warnings(&files, &mut out.diagnostics);
    laps.lap("load: walked");
    if let Some(cache) = cache {
        cache.keep(&files.iter().map(|f| f.0.as_path()).collect());
    }
    let parts: Vec<Sources> = files
        .into_par_iter()
        .map(|(abs, file, rel, kind)| load_file(&abs, file, &rel, kind, drafts, cache))
        .collect();
    laps.lap("load: read and parsed");
    let mut folders = std::collections::BTreeSet::new();
    for part in parts {
        for folder in &part.folders {
            // Every ancestor folder becomes a section.
            let mut f = folder.as_str();
            loop {
                folders.insert(f.to_string());
                match f.rfind('/') {
                    Some(i) => f = &f[..i],
                    None => break,
                }
            }
        }
        out.pages.extend(part.pages);
        out.rules.extend(part.rules);
        out.quizzes.extend(part.quizzes);
        out.glossary.extend(part.glossary);
        out.categories.extend(part.categories);
        out.sources.extend(part.sources);
        out.tags.extend(part.tags);
        out.search_checks.extend(part.search_checks);
        if part.course.is_some() {
            out.course = part.course;
        }
        if part.calendar.is_some() {
            out.calendar = part.calendar;
        }
        out.broken_ids.extend(part.broken_ids);
        out.unread_rules += part.unread_rules;
        out.unread_quizzes += part.unread_quizzes;
        out.unread_read.extend(part.unread_read);
        out.unread_refs.extend(part.unread_refs);
        out.drafts.extend(part.drafts);
        out.diagnostics.extend(part.diagnostics);
    }
    out.folders = folders.into_iter().collect();
    include_snippets(root, src, &known, &snippets, &mut out);
    laps.lap("load: snippets included");
    reader_part_problems(&mut out);
    out
}

/// The mistakes in the pages' `::: 培训师` … `:::` lines ([`readers`]), each at its file and
/// line (a snippet's in the snippet, once however many pages include it).
fn reader_part_problems(out: &mut Sources) {
    let mut seen = HashSet::new();
    for p in out.pages.iter().filter(|p| p.doc.body.contains(":::")) {
        for problem in readers::scan(&p.doc.body).1 {
            let line = p.doc.body_line + problem.line;
            let (file, line, col) = (p.doc.origins.as_deref())
                .and_then(|o| o.place(p.doc.body_line, line, problem.col))
                .unwrap_or_else(|| (p.file.clone(), line, problem.col));
            if seen.insert((file.clone(), line, col)) {
                out.diagnostics.push(
                    Diagnostic::error(file, line, col, problem.message).with_hint(problem.hint),
                );
            }
        }
    }
}

impl Sources {
    /// The files (content paths) that only parts of pages left out link to, of those
    /// `linked` names, go with them: a trainers' 评分表.docx linked from a `::: 培训师` part is
    /// not published in the halls' site. A file that anything else in the book may name (a
    /// page, a rule, a question, a term, the course, a category, a source, a tag: its name
    /// written anywhere in them, as is or %-escaped) stays.
    fn leave_out_files_of_parts(&mut self, mut linked: Vec<String>) {
        linked.retain(|f| self.assets.iter().any(|(_, rel)| rel == f));
        if linked.is_empty() {
            return;
        }
        linked.sort();
        linked.dedup();
        let mut texts: Vec<String> = Vec::new();
        for p in &self.pages {
            texts.push(p.doc.body.clone());
            texts.push(p.doc.front.yaml.clone());
        }
        fn json<T: serde::Serialize>(v: &T) -> String {
            serde_json::to_string(v).unwrap_or_default()
        }
        texts.extend(self.rules.iter().map(|r| json(&r.value)));
        texts.extend(self.quizzes.iter().map(|q| json(&q.value)));
        texts.extend(self.glossary.iter().map(|t| json(&t.value)));
        texts.extend(self.course.iter().map(|c| json(&c.value)));
        texts.extend(self.categories.iter().map(|c| json(&c.value)));
        texts.extend(self.sources.iter().map(|s| json(&s.value)));
        texts.extend(self.tags.iter().map(|t| json(&t.value)));
        let named = |file: &str| {
            let name = file.rsplit('/').next().unwrap_or(file);
            let ways = [
                name.to_string(),
                name.replace(' ', "%20"),
                readers::percent_escaped(name, true),
                readers::percent_escaped(name, false),
            ];
            (texts.iter()).any(|t| ways.iter().any(|w| t.contains(w.as_str())))
        };
        let gone: Vec<String> = linked.into_iter().filter(|f| !named(f)).collect();
        if gone.is_empty() {
            return;
        }
        self.assets.retain(|(_, rel)| !gone.contains(rel));
        self.left_out_files.extend(gone);
    }

    /// Leaves out the pages written only for readers other than `keep` (`[build] audience`,
    /// `--audience`): a page whose `audience` names none of them, and every page of a section
    /// whose `_index.md` is so left out. A page without `audience` is for everyone, and the
    /// home page is always built. The pages' folders are gathered again from the pages kept,
    /// and the files in a folder left out whole (a trainer's 评分表.docx) go with it.
    pub fn leave_out(&mut self, keep: &[lesson::Audience]) {
        let for_others = |p: &SourcePage| {
            let a = &p.doc.front.audience;
            !p.path.is_empty() && !a.is_empty() && !a.iter().any(|x| keep.contains(x))
        };
        let sections: Vec<String> = (self.pages.iter())
            .filter(|p| p.is_section_index && for_others(p))
            .map(|p| format!("{}/", p.path))
            .collect();
        let under = |path: &str| {
            sections
                .iter()
                .any(|s| path.starts_with(s.as_str()) || s.strip_suffix('/') == Some(path))
        };
        let (out, kept): (Vec<SourcePage>, Vec<SourcePage>) = std::mem::take(&mut self.pages)
            .into_iter()
            .partition(|p| for_others(p) || under(&p.path));
        self.pages = kept;
        // The parts of the pages kept that are for other readers (`::: 培训师` … `:::`), and
        // the files they link to (content paths).
        let mut linked_from_parts = Vec::new();
        for p in self.pages.iter_mut().filter(|p| p.doc.body.contains(":::")) {
            let title_id = p.doc.front.title_id.as_ref().map(|(id, _)| id.as_str());
            if let Some(cut) = readers::leave_out(&p.doc.body, keep, title_id) {
                self.left_out_parts += cut.parts;
                p.doc.body = cut.text;
                if !cut.anchors.is_empty() {
                    (self.left_out_anchors.entry(p.path.clone()))
                        .or_default()
                        .extend(cut.anchors);
                }
                let folder = if p.is_section_index {
                    p.path.as_str()
                } else {
                    include::folder_of(&p.path)
                };
                linked_from_parts.extend(
                    (readers::linked_paths(&cut.gone).iter())
                        .filter_map(|to| include::join(folder, to)),
                );
            }
        }
        self.leave_out_files_of_parts(linked_from_parts);
        self.left_out = out
            .into_iter()
            .map(|p| Draft {
                file: p.file,
                path: p.path,
                title: p.doc.front.title,
            })
            .collect();
        if self.left_out.is_empty() {
            return;
        }
        let (gone, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut self.assets)
            .into_iter()
            .partition(|(_, rel)| under(rel));
        self.assets = kept;
        (self.left_out_files).extend(gone.into_iter().map(|(_, rel)| rel));
        let mut folders = std::collections::BTreeSet::new();
        for p in &self.pages {
            let mut f = if p.is_section_index {
                p.path.as_str()
            } else {
                p.path.rsplit_once('/').map_or("", |(f, _)| f)
            };
            while !f.is_empty() {
                folders.insert(f.to_string());
                f = f.rsplit_once('/').map_or("", |(up, _)| up);
            }
        }
        self.folders = folders.into_iter().collect();
    }
}

/// Pages' `{{#include …}}` lines replaced by the text they name (`include.rs`), on every
/// thread; a warning at each snippet no page includes. Every page learns the snippets, for
/// its links to them.
fn include_snippets(
    root: &Path,
    src: &Path,
    known: &HashSet<String>,
    snippets: &[(PathBuf, String)],
    out: &mut Sources,
) {
    let library = include::Library::new(root, src, known);
    // A page's file as the content folder names it (`basics/first-lesson.md`).
    let shown = display_path(root, src);
    let rel_of = |file: &Path| {
        file.strip_prefix(&shown)
            .map(|r| r.to_string_lossy().replace('\\', "/"))
            .ok()
    };
    let found: Vec<Vec<Diagnostic>> = out
        .pages
        .par_iter_mut()
        .map(|p| {
            let mut diags = Vec::new();
            if !p.doc.body.contains("{{#include") {
                return diags;
            }
            let rel = rel_of(&p.file).unwrap_or_default();
            if let Some((body, origins)) =
                library.expand(&p.file, &rel, &p.doc.body, p.doc.body_line, &mut diags)
            {
                p.doc.body = body;
                p.doc.origins = Some(std::sync::Arc::new(origins));
            }
            diags
        })
        .collect();
    out.diagnostics.extend(found.into_iter().flatten());
    // Every page's links know the snippets, and which pages include each (a link to one
    // leads nowhere: it is no page).
    if !snippets.is_empty() {
        let known = std::sync::Arc::new(library.snippets(snippets));
        for p in &mut out.pages {
            match &mut p.doc.origins {
                Some(o) => std::sync::Arc::make_mut(o).set_snippets(known.clone()),
                None => {
                    let rel = rel_of(&p.file).unwrap_or_default();
                    let own = include::Origins::own(&p.file, &rel, known.clone());
                    p.doc.origins = Some(std::sync::Arc::new(own));
                }
            }
        }
    }
    for d in out.drafts.iter().filter(|_| !snippets.is_empty()) {
        if let (Some(rel), Ok(text)) =
            (rel_of(&d.file), std::fs::read_to_string(root.join(&d.file)))
        {
            library.named_by(&rel, &text);
        }
    }
    for (file, rel) in library.unused(snippets) {
        out.diagnostics.push(
            Diagnostic::warning(file, 0, 0, t!(
                "no page includes this snippet: a Markdown file whose name or folder starts with `_` is not a page of its own",
                "没有页面引入这个片段：文件名或文件夹名以 `_` 开头的 Markdown 文件不是单独的页面"
            ))
            .with_hint(t!(
                "include it where it belongs with a line `{{{{#include /{rel}}}}}` (a path from the content folder, or relative to the page), or delete it; to make it a page, rename it without the `_`. (Drafts are left out unless built with --drafts.)",
                "请在需要它的地方写一行 `{{{{#include /{rel}}}}}` 把它引入（路径从内容文件夹算起，或者相对于页面），或者删掉它；要让它成为单独的页面，就把名字里的 `_` 去掉。（草稿不算在内，除非用 --drafts 生成。）"
            )),
        );
    }
}

/// mdBook's `README.md`, a chapter's introduction (and the book's first page): handbook names
/// those `_index.md` (and `index.md`), and publishes a `README.md` as a lesson called README. A
/// warning at each in a folder with no `_index.md` (at the top: no `index.md`).
fn readme_warnings(files: &[(PathBuf, PathBuf, String, Kind)], diags: &mut Vec<Diagnostic>) {
    let rels: std::collections::HashSet<&str> = files.iter().map(|f| f.2.as_str()).collect();
    for (_, file, rel, _) in files {
        let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
        if !name.eq_ignore_ascii_case("README.md") {
            continue;
        }
        let (want, what) = if folder.is_empty() {
            ("index.md".to_string(), t!("the home page", "首页"))
        } else {
            (
                format!("{folder}/_index.md"),
                t!("the folder's introduction", "文件夹的介绍页"),
            )
        };
        // (Nor in a generated pages' folder, `rules/`: its lessons are told to move.)
        if rels.contains(want.as_str()) || crate::book::always_generated(folder) {
            continue;
        }
        let new = want.rsplit('/').next().unwrap_or(&want);
        diags.push(
            Diagnostic::warning(file, 0, 0, {
                let lesson = name.trim_end_matches(".md");
                t!(
                    "`{name}` is published as a lesson called `{lesson}`: handbook does not read it as {what}",
                    "`{name}` 会被发布成一个叫 `{lesson}` 的课程：handbook 不会把它当作{what}"
                )
            })
            .with_hint(t!(
                "rename it to `{new}` (mdBook's README.md is handbook's `{new}`), with `title:` in its front matter",
                "请把它改名为 `{new}`（mdBook 的 README.md 在 handbook 里叫 `{new}`），并在前置信息里写上 `title:`"
            )),
        );
    }
}

/// Whether a hidden file or folder of the content folder (`top`: at its top) is left out of
/// the site: every one but the web server's own files at the top of the site, Apache's
/// .htaccess and .well-known/.
fn left_out_hidden(name: &str, top: bool) -> bool {
    name.starts_with('.') && !(top && matches!(name, ".htaccess" | ".well-known"))
}

/// A file or folder the walk could not read, in words: a link to nowhere, a loop of links,
/// no permission.
fn walk_error(path: PathBuf, e: &walkdir::Error) -> Diagnostic {
    if e.loop_ancestor().is_some() {
        return Diagnostic::error(
            path,
            0,
            0,
            t!(
                "this link leads back to a folder it is in: the folder would be walked for ever",
                "这个链接指回了它所在的文件夹：读取这个文件夹会永远读不完"
            ),
        )
        .with_hint(t!("remove the link", "请删掉这个链接"));
    }
    match e.io_error().map(std::io::Error::kind) {
        Some(std::io::ErrorKind::NotFound) => Diagnostic::error(
            path,
            0,
            0,
            t!(
                "this is a link to a file or folder that does not exist",
                "这个链接指向的文件或文件夹不存在"
            ),
        )
        .with_hint(t!(
            "remove the link, or put back what it pointed at",
            "请删掉这个链接，或者把它原来指向的内容放回去"
        )),
        Some(std::io::ErrorKind::PermissionDenied) => permission_denied(path),
        _ => Diagnostic::error(path, 0, 0, t!("cannot read: {e}", "无法读取：{e}")),
    }
}

fn permission_denied(path: PathBuf) -> Diagnostic {
    Diagnostic::error(
        path,
        0,
        0,
        t!(
            "this cannot be read: permission denied",
            "无法读取：没有权限"
        ),
    )
    .with_hint(t!(
        "give the user who builds the book read access to it (or move it out of the content folder)",
        "请给生成手册的用户开通读取权限（或者把它移出内容文件夹）"
    ))
}

/// A content file that could not be read, in words.
fn unreadable(file: &Path, e: &std::io::Error) -> Diagnostic {
    match e.kind() {
        std::io::ErrorKind::PermissionDenied => permission_denied(file.to_path_buf()),
        _ => Diagnostic::error(file, 0, 0, t!("cannot read: {e}", "无法读取：{e}")),
    }
}

/// `text` with each carriage return not followed by a line feed made a line feed.
pub fn lone_cr_as_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        rest = &rest[i + 1..];
        out.push(if rest.starts_with('\n') { '\r' } else { '\n' });
    }
    out.push_str(rest);
    out
}

/// Reads and parses one content file into a part of [`Sources`] (its `folders` holds the
/// page's own folder only).
/// One file read and parsed; from `cache` when its bytes are those it was last read with.
fn load_file(
    abs: &Path,
    file: PathBuf,
    rel: &str,
    kind: Kind,
    drafts: bool,
    cache: Option<&ParseCache>,
) -> Sources {
    let bytes = match std::fs::read(abs) {
        Ok(b) => b,
        Err(e) => {
            let mut out = Sources::default();
            out.diagnostics.push(unreadable(&file, &e));
            out.broken_ids.extend(unread_terms(&kind));
            mark_broken(&mut out, kind, rel, "");
            return out;
        }
    };
    let Some(cache) = cache else {
        return parse_file(bytes, file, rel, kind, drafts);
    };
    let hash = {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        bytes.hash(&mut h);
        h.finish()
    };
    if let Some(read) = cache.get(abs, hash, drafts) {
        return read;
    }
    let read = parse_file(bytes, file, rel, kind, drafts);
    cache.put(abs, hash, drafts, &read);
    read
}

/// A file's bytes read as what its `kind` of file holds.
fn parse_file(bytes: Vec<u8>, file: PathBuf, rel: &str, kind: Kind, drafts: bool) -> Sources {
    let mut out = Sources::default();
    let mut text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            out.diagnostics.push(lesson::utf8_error(&file, &e));
            out.broken_ids.extend(unread_terms(&kind));
            mark_broken(&mut out, kind, rel, &String::from_utf8_lossy(e.as_bytes()));
            return out;
        }
    };
    // Notepad on Windows saves UTF-8 with a byte-order mark: YAML would read it as part of
    // the first key (`\u{feff}id` is not `id`, so "missing required field").
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    // Lines ended by a carriage return alone (old Mac editors): Markdown would read the
    // whole body as one paragraph or heading, and never check its links. Read as line ends,
    // as editors show them (CRLF is read as one already).
    if text.contains('\r') {
        text = lone_cr_as_lf(&text);
    }
    // YAML nested thousands of levels deep ([[[[ …) takes the parsers minutes: refused at
    // the bracket that goes past the limit.
    let yaml_part = match kind {
        Kind::UnknownYaml | Kind::Asset => None,
        Kind::Markdown => lesson::front_matter_yaml(&text).map(|y| (y, 2)),
        _ => Some((text.as_str(), 1)),
    };
    // (Lines indented as deep: the parsers took seconds per thousand levels.)
    let depth = yaml::MAX_DEPTH;
    let deep = yaml_part.and_then(|(y, first)| {
        let at = |(l, c): (usize, usize)| (l + first - 1, c);
        let indented = yaml::indented_too_deep(y).map(|p| {
            (at(p), t!("YAML indented more than {depth} levels deep", "YAML 缩进套了超过 {depth} 层"),
             t!("a value this deep is a slip (lines indented further and further?): fields and lists need only a few levels",
                "套这么多层一定是写错了（是不是每一行都比上一行多缩进了？）：字段和列表只套几层就够了"))
        });
        indented.or_else(|| yaml::too_deep(y).map(|p| {
            (at(p), t!("brackets nested more than {depth} levels deep", "括号套了超过 {depth} 层"),
             t!("a value this deep is a slip (a `[` or `{{` never closed?): write lists and mappings a few levels deep",
                "套这么多层一定是写错了（是不是有 `[` 或 `{{` 没有配对的结尾？）：列表和字段只套几层就够了"))
        }))
    });
    if let Some(((line, col), message, hint)) = deep {
        out.diagnostics
            .push(Diagnostic::error(&file, line, col, message).with_hint(hint));
        mark_broken(&mut out, kind, rel, &text);
        return out;
    }
    let before = out.diagnostics.len();
    match kind {
        Kind::UnknownYaml | Kind::Asset => {}
        Kind::Markdown => {
            // The front matter only: the body is prose.
            if let Some(front) = lesson::front_matter_yaml(&text) {
                yaml::full_width_comma_warnings(&file, front, 2, &mut out.diagnostics);
                yaml::comment_in_text_warnings(&file, front, 2, &mut out.diagnostics);
                yaml::chinese_quote_warnings(&file, front, 2, &mut out.diagnostics);
                yaml::joined_item_errors(&file, front, 2, &mut out.diagnostics);
                yaml::field_in_block_warnings(&file, front, 2, &mut out.diagnostics);
                yaml::folded_text_warnings(&file, front, 2, &mut out.diagnostics);
            }
        }
        _ => {
            yaml::full_width_comma_warnings(&file, &text, 1, &mut out.diagnostics);
            yaml::comment_in_text_warnings(&file, &text, 1, &mut out.diagnostics);
            yaml::chinese_quote_warnings(&file, &text, 1, &mut out.diagnostics);
            yaml::joined_item_errors(&file, &text, 1, &mut out.diagnostics);
            yaml::field_in_block_warnings(&file, &text, 1, &mut out.diagnostics);
            yaml::folded_text_warnings(&file, &text, 1, &mut out.diagnostics);
        }
    }
    if !matches!(kind, Kind::UnknownYaml | Kind::Asset) {
        crate::scaffold::placeholder_warnings(
            &file,
            &text,
            !matches!(kind, Kind::Markdown),
            &mut out.diagnostics,
        );
    }
    // (A list item joined onto the one above is an error of a file that reads: its rules and
    // pages are loaded and checked, not counted among those of files that did not load.)
    let read_from = out.diagnostics.len();
    match kind {
        Kind::Markdown => {
            let name = rel.rsplit('/').next().unwrap_or(rel);
            let folder = rel.rfind('/').map(|i| &rel[..i]).unwrap_or("");
            let is_section_index = name == "_index.md";
            let path = page_path(rel);
            if name == "index.md" && rel != "index.md" {
                out.diagnostics.push(
                    Diagnostic::error(&file, 0, 0, t!(
                        "`index.md` is only for the home page",
                        "`index.md` 只能用作首页"
                    ))
                        .with_hint(match folder.rsplit_once('/').map_or(folder, |(_, f)| f) {
                            // (Hugo's page bundle, `callback/index.md` and its pictures.)
                            f if !f.is_empty() => t!(
                                "name a section's introduction `_index.md`; for a page with its pictures (Hugo's page bundle), move this file to `{folder}.md` and link the pictures as `{f}/picture.png` (they stay in `{f}/`)",
                                "栏目的介绍页请命名为 `_index.md`；如果这是一个带图片的页面（Hugo 的页面包），请把这个文件移到 `{folder}.md`，图片链接写成 `{f}/picture.png`（图片留在 `{f}/` 里）"
                            ),
                            _ => t!(
                                "name a section's intro `_index.md`, or give this lesson its own name",
                                "栏目的介绍页请命名为 `_index.md`，或者给这个课程另起一个名字"
                            ),
                        }),
                );
                mark_broken(&mut out, kind, rel, &text);
                return out;
            }
            if name == "SUMMARY.md" && text.contains("](") {
                out.diagnostics.push(
                    Diagnostic::warning(&file, 0, 0, t!(
                        "`SUMMARY.md` is mdBook's table of contents: handbook publishes it as an ordinary page, and reads neither its order nor its nesting",
                        "`SUMMARY.md` 是 mdBook 的目录：handbook 会把它当成普通页面发布，不会按它来排顺序和分层级"
                    ))
                        .with_hint(t!(
                            "import the whole mdBook instead, which turns SUMMARY.md into folders and `order:` (`handbook --root NEW import mdbook OLD_BOOK`); or give each page `order:` in its front matter (10, 20, 30 … in reading order) and each folder an `_index.md` (its title and `order:`), then delete SUMMARY.md",
                            "请改为导入整本 mdBook，它会把 SUMMARY.md 变成文件夹和 `order:`（`handbook --root NEW import mdbook OLD_BOOK`）；或者在每个页面的前置信息里写 `order:`（按阅读顺序写 10、20、30 …），给每个文件夹建一个 `_index.md`（写上标题和 `order:`），然后删掉 SUMMARY.md"
                        )),
                );
            }
            let parsed = lesson::parse_document(&file, &text, !is_section_index);
            // No title (`title:` left empty, no `# ` line): the page as read without one, to
            // be checked as ever under its file's name (below).
            let untitled = match &parsed {
                Err(_) if !is_section_index => lesson::parse_document(&file, &text, false)
                    .ok()
                    .filter(|d| d.front.title.trim().is_empty() && (!d.front.draft || drafts)),
                _ => None,
            };
            match parsed {
                // (Noted, so that a link to it says it is a draft rather than missing. Its
                // 【待填写】 markers are what a draft has: not reported while it is left out.)
                Ok(doc) if doc.front.draft && !drafts => {
                    out.diagnostics.truncate(before);
                    out.drafts.push(Draft { file, path, title: doc.front.title });
                }
                Ok(doc) => {
                    if !folder.is_empty() {
                        out.folders.push(folder.to_string());
                    }
                    out.pages.push(SourcePage { file, path, is_section_index, doc });
                }
                // No title (`title:` left empty, no `# ` line): said, and the page checked as
                // ever under its file's name, so that its front matter's other mistakes (an
                // unknown source, an alias that is another page's path) are in the same run
                // (robustness review). The build fails on the error: never published.
                Err(ds) if untitled.is_some() => {
                    out.diagnostics.extend(ds);
                    if let Some(mut doc) = untitled {
                        doc.front.title = name.trim_end_matches(".md").to_string();
                        if !folder.is_empty() {
                            out.folders.push(folder.to_string());
                        }
                        out.pages.push(SourcePage { file, path, is_section_index, doc });
                    }
                }
                Err(ds) => {
                    // What the front matter's own checks find past a mistake of its values
                    // (`order: 第10` hid an impossible `revised` date and a tag with a
                    // full-width comma).
                    let more = lesson::front_matter_yaml(&text)
                        .map(|y| {
                            let fields = lesson::FRONT_MATTER_FIELDS;
                            checked_past_mistakes::<FrontMatter>(&file, (y, 2), &ds, fields, (false, false), |f, d| lesson::front_checks(&f.file, &f.value, |path| f.pos(path), d))
                        })
                        .unwrap_or_default();
                    out.diagnostics.extend(ds);
                    out.diagnostics.extend(more);
                    // Its text is still checked (links, pictures, markers), as if it had no
                    // front matter: its own mistakes are in the same run. The build fails on
                    // the front matter's error, so the stand-in is never published.
                    let stem = name.trim_end_matches(".md");
                    let stand_in = lesson::without_front_matter(&text, stem)
                        .and_then(|t| lesson::parse_document(&file, &t, false).ok());
                    if let Some(doc) = stand_in {
                        out.pages.push(SourcePage { file: file.clone(), path, is_section_index, doc });
                    }
                }
            }
        }
        Kind::Rules => {
            let fields = rule::RULE_FIELDS;
            let before = out.diagnostics.len();
            let read = parse_one_or_many::<Rule>(&file, &text, fields, &mut out.diagnostics);
            // (A file that did not read: what its rules' own checks find is said in the
            // same run.)
            if read.is_empty() && !blank_yaml(&text) && out.diagnostics[before..].iter().any(Diagnostic::is_error) {
                // (Read past its mistakes once: for its own checks, and for its ids and
                // references, checked against the book.)
                let past = read_past::<Rule>(&file, (&text, 1), fields, is_list(&text));
                if let Some(p) = past {
                    let (rules, refs) = read_unread_rules(&file, &text, &p);
                    out.unread_read.extend(rules);
                    out.unread_refs.extend(refs);
                    let more = rule_check::check_read_past(&file, &out.diagnostics[before..], p);
                    out.diagnostics.extend(more);
                }
            }
            out.rules.extend(read);
        }
        Kind::Quiz if blank_yaml(&text) => out.diagnostics.push(empty_file(
            &file,
            &t!(
                "write the quiz's `id:`, `title:` and `questions:` (`handbook new quiz NAME` starts one with every field in place); or delete the file",
                "请写上测验的 `id:`、`title:` 和 `questions:`（`handbook new quiz NAME` 会新建一个字段齐全的测验）；或者删掉这个文件"
            ),
        )),
        Kind::Quiz => match yaml::parse_all::<Quiz>(&file, &text, 1, quiz::QUIZ_FIELDS) {
            Ok(q) => out.quizzes.push(Located::whole_file(file, q, &text)),
            Err(ds) => {
                let mut more = quiz_check::check_partial(&file, &text, &ds);
                // (Its mistakes outside the questions as well: `pass_mark: 80%`; and what it
                // names, checked against the book: a question's rules and lessons.)
                let past = read_past::<Quiz>(&file, (&text, 1), quiz::QUIZ_FIELDS, false);
                let past = past.map_or(Vec::new(), |p| {
                    out.unread_refs.extend(read_unread_quiz_refs(&file, &text, &p));
                    checked_read_past(&file, 1, &ds, p, true, |q, found| {
                        // (The questions an exam draws `from` other quizzes are not pulled in
                        // here: what counts its pool waits, as for a source that has mistakes.)
                        q.value.short_of_source |= !q.value.from.is_empty();
                        quiz_check::check(q, found);
                        crate::book::revision_diags(&q.file, &q.value.revised, |path| q.pos(path), found);
                    })
                });
                for d in past {
                    if !more.contains(&d) {
                        more.push(d);
                    }
                }
                out.diagnostics.extend(
                    ds.into_iter()
                        .map(|d| question_hint(d, &text))
                        .map(|d| repeated_key(d, &text, "")),
                );
                out.diagnostics.extend(more);
            }
        },
        Kind::Glossary => {
            out.glossary =
                parse_list::<Term>(&file, &text, glossary::TERM_FIELDS, "term", &mut out.diagnostics)
        }
        Kind::Categories => {
            out.categories =
                parse_list::<Category>(&file, &text, glossary::CATEGORY_FIELDS, "category", &mut out.diagnostics)
        }
        Kind::SourceList => {
            out.sources =
                parse_list::<Source>(&file, &text, glossary::SOURCE_FIELDS, "source", &mut out.diagnostics)
        }
        Kind::Tags => {
            out.tags =
                parse_list::<tags::TagEntry>(&file, &text, tags::TAG_FIELDS, "tag", &mut out.diagnostics)
        }
        Kind::SearchChecks => {
            out.search_checks = parse_list::<search_checks::SearchCheck>(
                &file,
                &text,
                search_checks::FIELDS,
                "query",
                &mut out.diagnostics,
            )
        }
        Kind::Course if blank_yaml(&text) => out.diagnostics.push(empty_file(
            &file,
            &t!(
                "write the course's `title:` and its `modules:`, each with its `title:` and `items:` (`- lesson: path`, `- quiz: id`); or delete the file, and the site has no course page",
                "请写上入职课程的 `title:` 和 `modules:`，每个单元写它的 `title:` 和 `items:`（`- lesson: path`、`- quiz: id`）；或者删掉这个文件，网站就没有入职课程页面"
            ),
        )),
        Kind::Course => match yaml::parse_all::<Course>(&file, &text, 1, glossary::COURSE_FIELDS) {
            Ok(c) => out.course = Some(Located::whole_file(file, c, &text)),
            Err(ds) => {
                out.diagnostics
                    .extend(ds.into_iter().map(|d| repeated_key(d, &text, "")));
                // (What its items name, checked in the same run.)
                out.unread_refs.extend(read_unread_course(&file, &text));
            }
        },
        Kind::Calendar if blank_yaml(&text) => out.diagnostics.push(empty_file(
            &file,
            &t!(
                "write the `years:` it covers and their `holidays:` and `workdays:` (调休); or delete the file, and due dates skip weekends only",
                "请写上它包含的年份 `years:`，以及这些年的节假日 `holidays:` 和调休上班日 `workdays:`；或者删掉这个文件，计算到期日时就只跳过周末"
            ),
        )),
        Kind::Calendar => match yaml::parse_all::<calendar::Calendar>(&file, &text, 1, calendar::CALENDAR_FIELDS) {
            Ok(c) => out.calendar = Some(Located::whole_file(file, c, &text)),
            Err(ds) => out.diagnostics.extend(ds),
        },
        Kind::UnknownYaml => out.diagnostics.push(
            Diagnostic::warning(&file, 0, 0, t!(
                "this YAML file is not one handbook knows, so it is ignored",
                "handbook 不认识这个 YAML 文件，所以忽略了它"
            ))
            .with_hint(t!(
                "name rule files `*.rule.yaml` or `*.rules.yaml`, quizzes `*.quiz.yaml`; glossary.yaml, categories.yaml, sources.yaml, tags.yaml, search-checks.yaml, course.yaml and calendar.yaml belong at the top of the content folder",
                "规则文件要命名为 `*.rule.yaml` 或 `*.rules.yaml`，测验文件命名为 `*.quiz.yaml`；glossary.yaml、categories.yaml、sources.yaml、tags.yaml、search-checks.yaml、course.yaml 和 calendar.yaml 要放在内容文件夹的最上层"
            )),
        ),
        Kind::Asset | Kind::Snippet => {}
    }
    // (A draft's diagnostics are dropped: fewer than before.)
    let read_from = read_from.min(out.diagnostics.len());
    if out.diagnostics[read_from..]
        .iter()
        .any(Diagnostic::is_error)
    {
        mark_broken(&mut out, kind, rel, &text);
    }
    out
}

/// A page's content path: `procedure/time-limits` for `procedure/time-limits.md`, the folder
/// for a section's `_index.md`, empty for the home page.
fn page_path(rel: &str) -> String {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let folder = rel.rfind('/').map(|i| &rel[..i]).unwrap_or("");
    if name == "_index.md" || rel == "index.md" {
        folder.to_string()
    } else {
        rel.trim_end_matches(".md").to_string()
    }
}

/// A glossary that could not be read at all (saved as GBK, no permission): its terms, all
/// Chinese, are not known even as far as its lines read, so no reference to a term is told
/// missing (`term:*`); the file's own error is the one to fix.
fn unread_terms(kind: &Kind) -> Option<String> {
    matches!(kind, Kind::Glossary).then(|| "term:*".to_string())
}

/// Notes what a file that failed to load would have given (from `text`, its lines as far as
/// they read), so that references to it are not reported again: its own error is the one to
/// fix. (A quiz's own id only: its questions' ids are indented.)
fn mark_broken(out: &mut Sources, kind: Kind, rel: &str, text: &str) {
    // The site pages it might have made on its own (`page:course`), whose links are not
    // reported either.
    let page = match kind {
        Kind::Rules => Some("rules"),
        Kind::Quiz => Some("quizzes"),
        Kind::Glossary => Some("glossary"),
        Kind::Course => Some("course"),
        // (搜索自查 runs them: a link to it is not told the book has none.)
        Kind::SearchChecks => Some("search-checks"),
        _ => None,
    };
    out.broken_ids.extend(page.map(|p| format!("page:{p}")));
    let (key, indent, what) = match kind {
        Kind::Markdown => {
            out.broken_ids.push(format!("lesson:{}", page_path(rel)));
            return;
        }
        Kind::Rules => ("id", 2, "rule"),
        Kind::Quiz => ("id", 0, "quiz"),
        Kind::Glossary => ("term", 2, "term"),
        Kind::Categories => ("id", 2, "category"),
        Kind::SourceList => ("id", 2, "source"),
        Kind::Course
        | Kind::Calendar
        | Kind::Tags
        | Kind::SearchChecks
        | Kind::UnknownYaml
        | Kind::Asset
        | Kind::Snippet => return,
    };
    let before = out.broken_ids.len();
    out.broken_ids.extend(declared(text, key, indent, what));
    if what == "rule" {
        out.unread_rules += out.broken_ids.len() - before;
    }
    if what == "quiz" {
        out.unread_quizzes += 1;
    }
    // The id its line lost or garbled.
    out.broken_ids.extend(named_id(rel));
}

/// The id a one-rule or quiz file is usually named after, as `kind:id`
/// (`ts-proc-001.rule.yaml` holds TS-PROC-001, `phrasing-cards.quiz.yaml` the quiz
/// `phrasing-cards`): it stands for the file's id when that cannot be read.
pub fn named_id(path: &str) -> Option<String> {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    if let Some(stem) = name.strip_suffix(".rule.yaml") {
        Some(format!("rule:{}", stem.to_uppercase()))
    } else {
        name.strip_suffix(".quiz.yaml")
            .map(|stem| format!("quiz:{stem}"))
    }
}

/// The values of `key:` written at most `indent` columns in (a list item's `- ` counts as
/// indentation), read line by line from a file that did not parse, as `{kind}:{value}`.
fn declared(text: &str, key: &str, indent: usize, kind: &str) -> Vec<String> {
    text.lines()
        .filter_map(|line| {
            let body = line.trim_start_matches(' ');
            let mut at = line.len() - body.len();
            let body = match body.strip_prefix("- ") {
                Some(b) => {
                    at += 2;
                    b.trim_start_matches(' ')
                }
                None => body,
            };
            let value = body.strip_prefix(key)?.strip_prefix(':')?;
            let value = value.split(" #").next().unwrap_or("").trim();
            let value = value.trim_matches(|c| c == '"' || c == '\'');
            (at <= indent && !value.is_empty()).then(|| format!("{kind}:{value}"))
        })
        .collect()
}

/// Unknown-field errors inside questions should suggest question fields, not quiz fields; a
/// wrong `answer:` is told what the question's type takes. `text` is the quiz file's.
fn question_hint(mut d: Diagnostic, text: &str) -> Diagnostic {
    // `answer: 您好` under a 单选题: "write true or false" sends the trainer the wrong way.
    // (yaml.rs's message, in either language.)
    let answer = (d.message.contains("`true` or `false` is expected here")
        || d.message.contains("这里应该写 `true` 或 `false`"))
        && (d.message.starts_with("questions[") || d.message.starts_with("第 "))
        && (d.message.contains("].answer (question ") || d.message.contains("题的 `answer`："));
    if answer {
        if let Some(told) = answer_of_other_type(&d, text) {
            return told;
        }
    }
    // (A 对 / 错 written for it: yaml.rs's hint gives the `answer: true` to write.)
    let worded = d
        .hint
        .as_deref()
        .is_some_and(|h| h.contains("answer: true") || h.contains("answer: false"));
    if answer && !worded {
        d.hint = Some(t!(
            "`answer` is a 判断题's (`type: true_false`) `true` or `false`; a 单选题 or 多选题 marks its right options with `correct: true`, a 填空题 lists the answers that count under `accepted:`",
            "`answer` 只用于判断题（`type: true_false`），写 `true` 或 `false`；单选题和多选题要在正确的选项上写 `correct: true`，填空题把算对的答案写在 `accepted:` 下面"
        ));
        return d;
    }
    if let Some(key) = d
        .message
        .strip_prefix("unknown field `")
        .or_else(|| d.message.strip_prefix("不认识的字段 `"))
        .and_then(|s| s.strip_suffix('`'))
    {
        // (`question:` / `stem:` / `题干:` for `prompt:`: yaml.rs's hint names it already.)
        if yaml::other_name(key, quiz::QUESTION_FIELDS).is_some() {
            return d;
        }
        if !quiz::QUIZ_FIELDS.contains(&key) {
            let all: Vec<&str> = quiz::QUESTION_FIELDS
                .iter()
                .chain(
                    [
                        "customer", "context", "ending", "outcome", "debrief", "next", "score",
                        "feedback", "text", "correct", "front", "back", "left", "right", "veto",
                    ]
                    .iter(),
                )
                .copied()
                .collect();
            // A field of another place (an option's `text:` written on a scenario's node):
            // yaml.rs's hint lists the fields of this one; "did you mean `text`?" said the
            // same word back.
            if all.contains(&key) {
                let node = d.hint.as_deref().is_some_and(|h| h.contains("customer"));
                if node && matches!(key, "text" | "prompt" | "say") {
                    d.hint = Some(t!(
                        "on a scenario's node, what the customer says goes under `customer:`; `text:` is an option's words (each item under `options:`)",
                        "情景演练的节点里，客户说的话写在 `customer:` 下；`text:` 是选项的文字（写在 `options:` 下的每一项里）"
                    ));
                }
                return d;
            }
            if let Some(n) = crate::diagnostics::nearest(key, all.iter().copied()) {
                d.hint = Some(t!("did you mean `{n}`?", "是不是想写 `{n}`？"));
            }
        }
    }
    d
}

/// `answer:` written on a question that is no 判断题 (`answer: A` on a 单选题, `answer: [A]` on
/// a 多选题, `answer: 5` on a 填空题), where yaml.rs says `true` or `false` is expected: told
/// what the question's type takes instead, from its `type:` as written (serde stopped before
/// there was a question to read). None for a 判断题, or when the question or its type cannot
/// be read from `text`.
fn answer_of_other_type(d: &Diagnostic, text: &str) -> Option<Diagnostic> {
    use serde_yaml::Value;
    let value: Value = serde_yaml::from_str(text).ok()?;
    let questions = value.get("questions")?.as_sequence()?;
    let spans = Spans::new(Arc::new(SpanMap::parse(text)), "");
    let i = (0..questions.len())
        .find(|i| spans.at(&format!("questions.{i}.answer")).map(|(l, _)| l) == Some(d.line))?;
    let q = &questions[i];
    let word = q.get("type")?.as_str()?;
    let kind = serde_yaml::from_str::<quiz::QuestionType>(word)
        .ok()
        .or_else(|| crate::import::kind(word))?;
    if kind == quiz::QuestionType::TrueFalse {
        return None;
    }
    let n = i + 1;
    let name = serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    // The question named as the message starts (the path in English, the words in Chinese),
    // and its type in words.
    let (head, what) = if crate::i18n::zh() {
        (format!("第 {n} 题"), kind.label().to_string())
    } else {
        let what = match kind {
            quiz::QuestionType::Single => "a single-choice question".to_string(),
            quiz::QuestionType::Multiple => "a multiple-choice question".to_string(),
            quiz::QuestionType::Short => "a short-answer question".to_string(),
            _ => format!("a question of type `{name}`"),
        };
        (format!("questions[{i}].answer (question {n})"), what)
    };
    // The line as written, `answer: A`, for the hint to name.
    let written = text
        .lines()
        .nth(d.line.saturating_sub(1))
        .map(|l| l.trim().trim_start_matches("- ").to_string())
        .filter(|l| l.starts_with("answer"))
        .unwrap_or_else(|| "answer: …".to_string());
    // What was written under it, one item each: `A`, `[A, C]`, `5`.
    let items: Vec<String> = match q.get("answer") {
        Some(Value::Sequence(s)) => s.iter().filter_map(scalar_text).collect(),
        Some(v) => scalar_text(v).into_iter().collect(),
        None => Vec::new(),
    };
    let (message, hint) = match kind {
        quiz::QuestionType::Single | quiz::QuestionType::Multiple => {
            // The options it names: by letter (`A`, `AC`, `A、C`) or by their text.
            let options: Vec<String> = q
                .get("options")
                .and_then(Value::as_sequence)
                .map(|o| {
                    o.iter()
                        .map(|o| o.get("text").and_then(scalar_text).or_else(|| scalar_text(o)))
                        .map(Option::unwrap_or_default)
                        .collect()
                })
                .unwrap_or_default();
            let mut picked: Vec<usize> = Vec::new();
            for item in &items {
                if let Some(k) = options.iter().position(|o| !o.is_empty() && o == item) {
                    picked.push(k);
                } else if let Ok(ls) = crate::import::letters(item) {
                    picked.extend(ls.iter().map(|&l| l as usize));
                }
            }
            picked.sort_unstable();
            picked.dedup();
            let named: Vec<(char, &str)> = picked
                .iter()
                .filter_map(|&k| {
                    let o = options.get(k).filter(|o| !o.is_empty())?;
                    Some((char::from(b'A' + k.min(25) as u8), o.as_str()))
                })
                .collect();
            let message = t!(
                "{head}: {what} (`type: {name}`) has no `answer:`; its right option is marked `correct: true`",
                "{head}是{what}（`type: {name}`），不用写 `answer:`：正确的选项要标上 `correct: true`"
            );
            let hint = if named.is_empty() || named.len() < picked.len() {
                t!(
                    "delete the line `{written}`, and add a line `correct: true` under the right option's `text:`",
                    "请删掉 `{written}` 这一行，在正确的选项的 `text:` 下面加一行 `correct: true`"
                )
            } else {
                let letters = named
                    .iter()
                    .map(|(l, _)| l.to_string())
                    .collect::<Vec<_>>()
                    .join(&t!(", ", "、"));
                let texts = named
                    .iter()
                    .map(|(_, o)| format!("`- text: {}`", short_text(o)))
                    .collect::<Vec<_>>()
                    .join(&t!(", ", "、"));
                let (which, each) = if named.len() > 1 {
                    (t!("options {letters}", "选项 {letters}"), t!("each of ", "各"))
                } else {
                    (t!("option {letters}", "选项 {letters}"), String::new())
                };
                t!(
                    "delete the line `{written}`, and add a line `correct: true` under {each}{which} ({texts})",
                    "请删掉 `{written}` 这一行，在{which}（{texts}）下面{each}加一行 `correct: true`"
                )
            };
            (message, hint)
        }
        quiz::QuestionType::Short => {
            let accepted = if items.is_empty() {
                "…".to_string()
            } else {
                items
                    .iter()
                    .map(|a| flow_item(a))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            (
                t!(
                    "{head}: {what} (`type: short`) lists the answers that count under `accepted:`, not `answer:`",
                    "{head}是{what}，答案要写在 `accepted:` 下面，不用 `answer:`"
                ),
                t!(
                    "write `accepted: [{accepted}]` in place of `{written}` (list every answer that counts, e.g. `accepted: [5, 五]`)",
                    "把 `{written}` 改成 `accepted: [{accepted}]`（算对的写法有几种，就都写进方括号，用半角逗号隔开，例如 `accepted: [5, 五]`）"
                ),
            )
        }
        _ => (
            t!(
                "{head}: `answer:` is for true/false questions (`type: true_false`), and this is {what}",
                "{head}是{what}，不用写 `answer:`（`answer:` 只用于判断题）"
            ),
            t!(
                "delete the line `{written}`: {what} is answered by its own fields (`handbook schema` lists them)",
                "请删掉 `{written}` 这一行：{what}的答案写在它自己的字段里（`handbook schema` 会列出这些字段）"
            ),
        ),
    };
    let mut told = Diagnostic::error(&d.file, d.line, d.col, message);
    told.hint = Some(hint);
    Some(told)
}

/// A YAML scalar as its text (`A`, `5`, `true`); none for a list or a mapping.
fn scalar_text(v: &serde_yaml::Value) -> Option<String> {
    match v {
        serde_yaml::Value::String(s) => Some(s.trim().to_string()),
        serde_yaml::Value::Number(n) => Some(n.to_string()),
        serde_yaml::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// `s` as an item of a flow list (`[5, "a, b"]`): as written, or quoted when it holds what
/// ends an item or starts with a character YAML reads. (`5` stays `5`: `accepted:` takes it.)
fn flow_item(s: &str) -> String {
    let special = s.contains([',', '[', ']', '{', '}', '"'])
        || s.contains(": ")
        || s.contains(" #")
        || s.starts_with(|c: char| "'&*!|>%@`#?-: ".contains(c))
        || s.ends_with([' ', ':']);
    if special || s.is_empty() {
        format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        s.to_string()
    }
}

/// `s` shortened to about 20 characters for a hint.
fn short_text(s: &str) -> String {
    if s.chars().count() <= 22 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(20).collect::<String>())
    }
}

/// A key written twice in one mapping of a list item (`questions[1] (question 2): duplicate
/// field \`id\``), placed by serde at the item's start: moved to the line of the repeated key,
/// with the first one's line. When the key repeated is `id` or the key the item starts with,
/// its `- ` was most likely lost (two questions read as one): the hint says to start a new
/// item there, where "rename the second one" would make matters worse. `top` names the items
/// of a file that is a list at its top (`rule`, `term`), for `.[1] (item 2)`. (A mapping at
/// the top of a file is placed by the YAML reader already.)
fn repeated_key(mut d: Diagnostic, text: &str, top: &str) -> Diagnostic {
    // (yaml.rs's message, in either language.)
    let Some((path, key)) = yaml::duplicate_in_item(&d.message) else {
        return d;
    };
    if key.is_empty() {
        return d;
    }
    let key = key.to_string();
    // What the list's items are (`questions[1]`, in Chinese `第 2 题`: a question).
    let list = yaml::item_list(path).to_string();
    // Whether the key is the item's own (`questions[1]`, `第 2 题`), not a field's below it.
    let head = path.split(" (").next().unwrap_or(path);
    let in_list = head.ends_with(']') || (head.starts_with("第 ") && !head.contains("的 `"));
    let lines: Vec<&str> = text.lines().collect();
    let (Some(start), Some(item_col)) = (d.line.checked_sub(1), d.col.checked_sub(1)) else {
        return d;
    };
    if start >= lines.len() {
        return d;
    }
    let Some((first, again, first_key)) = yaml::key_twice(&lines, start, item_col, &key) else {
        return d;
    };
    d.line = again + 1;
    d.col = item_col + 1;
    let (message, first_line) = (&d.message, first + 1);
    d.message = t!(
        "{message} (first on line {first_line})",
        "{message}（第一次出现在第 {first_line} 行）"
    );
    let item = match list.as_str() {
        "questions" => t!("question", "题目"),
        "nodes" => t!("node", "节点"),
        "options" => t!("option", "选项"),
        "cards" => t!("card", "卡片"),
        "pairs" => t!("pair", "配对"),
        "modules" => t!("module", "单元"),
        "items" => t!("item", "项"),
        "steps" => t!("step", "步骤"),
        "" if !top.is_empty() => match top {
            "rule" => t!("rule", "规则"),
            "term" => t!("term", "术语"),
            "category" => t!("category", "分类"),
            "source" => t!("source", "来源"),
            "tag" => t!("tag", "标签"),
            _ => top.to_string(),
        },
        _ => t!("item", "项"),
    };
    let lost_dash = in_list && (key == "id" || first_key.as_deref() == Some(key.as_str()));
    let dash_col = item_col.saturating_sub(2);
    let (again, first, column) = (again + 1, first + 1, dash_col + 1);
    d.hint = Some(if lost_dash {
        t!(
            "the `- ` that starts a new {item} seems lost: line {again} begins another {item} (its own `{key}:`), so write it `- {key}: …` with the `- ` under the other {item}s' `- ` (column {column}); renaming the key would not part the two",
            "新{item}开头的 `- ` 好像漏掉了：第 {again} 行（有它自己的 `{key}:`）是另一个{item}的开头，请写成 `- {key}: …`，让 `- ` 和其他{item}的 `- ` 对齐（第 {column} 列）；只给字段改名并不能把它们分开"
        )
    } else {
        yaml::twice_hint(&key, again, first)
    });
    d
}

/// Line (1-based) of each top-level list item (`- ` at column 1), for placing items.
fn item_lines(text: &str) -> Vec<usize> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| l.starts_with("- ") || *l == "-")
        .map(|(i, _)| i + 1)
        .collect()
}

/// Whether a YAML text is a list at its top (its first line of content starts with `- `).
pub(crate) fn is_list(text: &str) -> bool {
    text.lines()
        .map(str::trim_start)
        .find(|l| !l.is_empty() && !l.starts_with('#') && !l.starts_with("---"))
        .map(|l| l.starts_with("- ") || l == "-")
        .unwrap_or(false)
}

/// The checks that follow reading (`check`: a rule's dates, a quiz's answers) for a file
/// that did not read (a value of the wrong type, an unknown key), so that its other mistakes
/// are found in the same run as those. The file is read past its mistakes
/// ([`yaml::past_mistakes`]; `list`: a list of `T`) and checked twice, with other stand-ins
/// for what was set aside each time; only what both runs find, away from the lines set aside,
/// and not already in `known`, is reported. `counted`: whether `check` counts or compares a
/// list's items (nothing is reported when reading took an item's place with another's).
pub(crate) fn checked_past_mistakes<T: DeserializeOwned>(
    file: &Path,
    (text, first_line): (&str, usize),
    known: &[Diagnostic],
    fields: &[&str],
    (list, counted): (bool, bool),
    check: impl Fn(&mut Located<T>, &mut Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    match read_past::<T>(file, (text, first_line), fields, list) {
        Some(p) => checked_read_past(file, first_line, known, p, counted, check),
        None => Vec::new(),
    }
}

/// A file that did not read, read past its mistakes ([`yaml::past_mistakes`]): each of the
/// two runs' values (a list's items, or the one value), and what the runs share.
pub(crate) struct ReadPast<T> {
    pub runs: [Vec<T>; 2],
    /// Whether the file is a list (its items' paths start with their index).
    pub list: bool,
    pub text: String,
    pub aside: Vec<usize>,
    pub moved: Vec<(usize, isize)>,
    pub reshaped: bool,
}

/// [`ReadPast`] of `text` (a list of `T` when `list`), None when it still does not read.
pub(crate) fn read_past<T: DeserializeOwned>(
    file: &Path,
    (text, first_line): (&str, usize),
    fields: &[&str],
    list: bool,
) -> Option<ReadPast<T>> {
    // (A list's items are the runs' values; one value is a list of one.)
    fn made<U, T>(
        p: yaml::PastMistakes<U>,
        list: bool,
        runs: impl FnOnce([U; 2]) -> [Vec<T>; 2],
    ) -> ReadPast<T> {
        ReadPast {
            runs: runs(p.read),
            list,
            text: p.text,
            aside: p.aside,
            moved: p.moved,
            reshaped: p.reshaped,
        }
    }
    Some(if list {
        made(
            yaml::past_mistakes::<Vec<T>>(file, text, first_line, fields)?,
            true,
            |r| r,
        )
    } else {
        made(
            yaml::past_mistakes::<T>(file, text, first_line, fields)?,
            false,
            |[a, b]| [vec![a], vec![b]],
        )
    })
}

/// [`checked_past_mistakes`] of a file already read past its mistakes (`past`).
pub(crate) fn checked_read_past<T>(
    file: &Path,
    first_line: usize,
    known: &[Diagnostic],
    past: ReadPast<T>,
    counted: bool,
    check: impl Fn(&mut Located<T>, &mut Vec<Diagnostic>),
) -> Vec<Diagnostic> {
    if counted && past.reshaped {
        return Vec::new();
    }
    let ReadPast {
        runs,
        list,
        text: read,
        aside,
        moved,
        ..
    } = past;
    let map = Arc::new(SpanMap::parse(&read));
    let [first, second] = runs.map(|values| {
        let mut found = Vec::new();
        for (i, value) in values.into_iter().enumerate() {
            let mut lv = Located {
                file: file.to_path_buf(),
                // (A position not written is none: what has no place of its own is a
                // stand-in's.)
                line: 0,
                value,
                spans: Spans::new(
                    Arc::clone(&map),
                    if list { i.to_string() } else { String::new() },
                ),
            };
            check(&mut lv, &mut found);
        }
        // (Placed in `text`, which starts on the file's line `first_line`.)
        for d in found.iter_mut().filter(|d| d.line != 0) {
            d.line += first_line - 1;
        }
        found
    });
    let mut out: Vec<Diagnostic> = Vec::new();
    for d in first {
        if d.line != 0
            && second.contains(&d)
            && !aside.contains(&d.line)
            && !known
                .iter()
                .any(|k| k.line == d.line && k.message == d.message)
            && !out.contains(&d)
        {
            out.push(d);
        }
    }
    // (A column on a line indented with tabs, read as spaces, placed in the line written.)
    for d in &mut out {
        yaml::column_back(&moved, d);
    }
    out
}

/// Whether a YAML file holds nothing but blank lines and comments (a schema line alone).
fn blank_yaml(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t == "---" || t == "..."
    })
}

/// The error for a YAML file with nothing in it, where its first required field would have
/// been reported missing, with what to write (or to delete the file).
fn empty_file(file: &Path, hint: &str) -> Diagnostic {
    Diagnostic::error(file, 1, 1, t!("file is empty", "文件是空的")).with_hint(hint)
}

/// A list of `item`s (`rule`, `term`) at the top of a YAML file.
fn parse_list<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    fields: &[&str],
    item: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Located<T>> {
    if blank_yaml(text) {
        // (A file of comments alone is a template kept for later; one with nothing at all in
        // it was most likely emptied by mistake: what it declared is now unknown everywhere.)
        if text.trim().is_empty() {
            diags.push(
                Diagnostic::warning(file, 1, 1, t!("file is empty", "文件是空的")).with_hint(t!(
                    "it declares no {item} now, and references to them are errors: write its list (`- ` items, see the trainer guide), or delete the file",
                    "现在它一项（{item}）也没有定义，引用它们的地方都会报错：请写上列表（每项以 `- ` 开头，写法见培训师指南），或者删掉这个文件",
                    item = match item {
                        "term" => t!("terms", "术语"),
                        "category" => t!("categories", "分类"),
                        "source" => t!("sources", "来源"),
                        "tag" => t!("tags", "标签"),
                        "query" => t!("search checks", "搜索自查"),
                        _ => t!("rules", "规则"),
                    }
                )),
            );
        }
        return Vec::new();
    }
    // (Each item where it is written: its line, its fields' places.)
    let located = |items: Vec<T>, text: &str| -> Vec<Located<T>> {
        let lines = item_lines(text);
        let map = Arc::new(SpanMap::parse(text));
        items
            .into_iter()
            .enumerate()
            .map(|(i, value)| Located {
                file: file.to_path_buf(),
                line: lines.get(i).copied().unwrap_or(1),
                value,
                spans: Spans::new(Arc::clone(&map), i.to_string()),
            })
            .collect()
    };
    match yaml::parse_all::<Vec<T>>(file, text, 1, fields) {
        Ok(items) => located(items, text),
        Err(ds) => {
            // A glossary, categories, sources or tags file with a mistake in some of its
            // items: the others are read and checked in the same run (a term's duplicate, a
            // link in its definition were told only once a missing `definition` was added:
            // robustness review). The items with a mistake are left out (what names them is
            // not an error: the file's error is the one to fix), and the build fails on it.
            let rest = match item {
                "term" | "category" | "source" | "tag" => items_without(text, &ds),
                _ => None,
            };
            let kept = rest
                .and_then(|t| {
                    yaml::parse_all::<Vec<T>>(file, &t, 1, fields)
                        .ok()
                        .map(|i| (i, t))
                })
                .map_or(Vec::new(), |(items, t)| located(items, &t));
            diags.extend(ds.into_iter().map(|d| repeated_key(d, text, item)));
            kept
        }
    }
}

/// A list's `text` with the items that hold one of `errors` blanked out (lines kept, so the
/// others stay where they are written); None when an error is outside every item or every
/// item has one.
fn items_without(text: &str, errors: &[Diagnostic]) -> Option<String> {
    let mut lines: Vec<&str> = text.split('\n').collect();
    let items = yaml::top_items(&lines);
    let mut out = Vec::new();
    for d in errors {
        let at = d.line.checked_sub(1)?;
        out.push(*items.iter().find(|&&(a, e)| (a..e).contains(&at))?);
    }
    if out.is_empty() || items.iter().all(|i| out.contains(i)) {
        return None;
    }
    for (a, e) in out {
        lines[a..e].iter_mut().for_each(|l| *l = "");
    }
    Some(lines.join("\n"))
}

fn parse_one_or_many<T: DeserializeOwned>(
    file: &Path,
    text: &str,
    fields: &[&str],
    diags: &mut Vec<Diagnostic>,
) -> Vec<Located<T>> {
    if is_list(text) {
        parse_list(file, text, fields, "rule", diags)
    } else if blank_yaml(text) {
        diags.push(empty_file(
            file,
            &t!(
                "write one rule as a mapping, or a list of rules (`handbook new rule ID` starts one with every field in place); or delete the file",
                "请写一条规则（一组字段），或者一个规则列表（`handbook new rule ID` 会新建一条字段齐全的规则）；或者删掉这个文件"
            ),
        ));
        Vec::new()
    } else {
        match yaml::parse_all::<T>(file, text, 1, fields) {
            Ok(v) => vec![Located::whole_file(file.to_path_buf(), v, text)],
            Err(ds) => {
                diags.extend(ds.into_iter().map(|d| repeated_key(d, text, "")));
                Vec::new()
            }
        }
    }
}

impl SourcePage {
    pub fn front(&self) -> &FrontMatter {
        &self.doc.front
    }
}

#[cfg(test)]
mod tests {
    use super::declared;

    /// Pages by content path, each with the `audience` given (empty: none written).
    fn sources(pages: &[(&str, &str)]) -> super::Sources {
        let mut s = super::Sources::default();
        for (path, audience) in pages {
            let index = path.is_empty() || !path.contains('/') || path.ends_with("/_index");
            let path = path.trim_end_matches("/_index").to_string();
            let front = match *audience {
                "" => "title: t".to_string(),
                a => format!("title: t\naudience: [{a}]"),
            };
            let doc = super::lesson::parse_document(
                std::path::Path::new("x.md"),
                &format!("---\n{front}\n---\n正文\n"),
                true,
            )
            .unwrap();
            s.pages.push(super::SourcePage {
                file: format!("content/{path}.md").into(),
                path,
                is_section_index: index,
                doc,
            });
        }
        s.assets
            .push(("/c/trainer/a.png".into(), "trainer/a.png".into()));
        s.assets
            .push(("/c/basics/b.png".into(), "basics/b.png".into()));
        s
    }

    #[test]
    fn a_file_whose_bytes_did_not_change_is_not_parsed_again() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path();
        let src = root.join("content");
        std::fs::create_dir_all(src.join("basics")).unwrap();
        let page = |title: &str| format!("---\ntitle: {title}\n---\n正文\n");
        std::fs::write(src.join("index.md"), page("首页")).unwrap();
        std::fs::write(src.join("basics/a.md"), page("甲")).unwrap();
        std::fs::write(src.join("basics/b.md"), page("乙")).unwrap();
        let cache = super::ParseCache::default();
        let titles = |s: &super::Sources| -> Vec<String> {
            s.pages.iter().map(|p| p.doc.front.title.clone()).collect()
        };
        let load = || super::load_cached(root, &src, None, false, Some(&cache));
        let plain = super::load(root, &src, None, false);
        assert_eq!(titles(&load()), titles(&plain));
        assert_eq!(format!("{:?}", load()), format!("{plain:?}"));
        assert_eq!(cache.files.lock().unwrap().len(), 3);
        // What the cache holds is what a file unchanged is read as (here doctored, to tell).
        {
            let mut files = cache.files.lock().unwrap();
            let entry = files.get_mut(&src.join("basics/b.md")).unwrap();
            std::sync::Arc::make_mut(&mut entry.2).pages[0]
                .doc
                .front
                .title = "缓存里的乙".into();
        }
        assert_eq!(titles(&load()), ["甲", "缓存里的乙", "首页"]);
        // A file edited is read again; one deleted is forgotten.
        std::fs::write(src.join("basics/b.md"), page("乙二")).unwrap();
        std::fs::remove_file(src.join("basics/a.md")).unwrap();
        assert_eq!(titles(&load()), ["乙二", "首页"]);
        assert_eq!(cache.files.lock().unwrap().len(), 2);
        // Read with drafts, a file is parsed again (a draft is a page then).
        std::fs::write(
            src.join("basics/b.md"),
            "---\ntitle: 乙二\ndraft: true\n---\n正文\n",
        )
        .unwrap();
        assert_eq!(titles(&load()), ["首页"]);
        let with_drafts = super::load_cached(root, &src, None, true, Some(&cache));
        assert_eq!(titles(&with_drafts), ["乙二", "首页"]);
    }

    #[test]
    fn pages_for_other_readers_are_left_out_with_their_sections() {
        use super::lesson::Audience;
        let mut s = sources(&[
            ("", "trainer"),
            ("basics/_index", ""),
            ("basics/open", ""),
            ("basics/coach", "trainer"),
            ("basics/both", "frontline, trainer"),
            ("trainer/_index", "trainer"),
            ("trainer/x", "frontline"),
            ("trainer/deep/_index", ""),
            ("trainer/deep/y", ""),
            ("trainer-notes/z", ""),
        ]);
        s.leave_out(&[Audience::Frontline, Audience::NewStaff]);
        let kept: Vec<&str> = s.pages.iter().map(|p| p.path.as_str()).collect();
        // The home page always; a page for everyone or for one of the readers; not a page
        // under a section left out, whatever its own audience; `trainer-notes/` is no part of
        // `trainer/`.
        assert_eq!(
            kept,
            [
                "",
                "basics",
                "basics/open",
                "basics/both",
                "trainer-notes/z"
            ]
        );
        let out: Vec<&str> = s.left_out.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            out,
            [
                "basics/coach",
                "trainer",
                "trainer/x",
                "trainer/deep",
                "trainer/deep/y"
            ]
        );
        assert_eq!(s.left_out_files, ["trainer/a.png"]);
        assert_eq!(s.assets.len(), 1);
        assert_eq!(s.folders, ["basics", "trainer-notes"]);
        // Every reader: nothing left out.
        let mut s = sources(&[("basics/coach", "trainer")]);
        s.leave_out(&Audience::ALL);
        assert!(s.left_out.is_empty() && s.pages.len() == 1);
    }

    #[test]
    fn reader_groups_are_read_by_name_and_by_the_words_the_site_shows() {
        use super::lesson::Audience;
        assert_eq!(Audience::parse("new-staff"), Some(Audience::NewStaff));
        assert_eq!(Audience::parse(" Frontline "), Some(Audience::Frontline));
        assert_eq!(Audience::parse("一线人员"), Some(Audience::Frontline));
        assert_eq!(Audience::parse("新人"), Some(Audience::NewStaff));
        assert_eq!(Audience::parse("培训师"), Some(Audience::Trainer));
        assert_eq!(Audience::parse("学员"), None);
        assert_eq!(Audience::parse(""), None);
    }

    /// A file name with a space: the new name, and no advice `handbook new` / `mv` refuse.
    #[test]
    fn a_spaced_name_is_renamed_to_what_new_and_mv_take() {
        let root = std::path::Path::new("/book");
        let src = root.join("content");
        let hint = |rel: &str| {
            let d = super::spaced_name(root, &src, rel, &mut Default::default()).unwrap();
            d.hint.unwrap()
        };
        let en = hint("basics/03 Listening Skills.md");
        assert!(en.starts_with("rename it `listening-skills.md` (lower case, `-` between words); `handbook mv \"basics/03 Listening Skills\" basics/listening-skills`"), "{en}");
        assert!(!en.contains("Chinese"), "{en}");
        let zh = crate::i18n::in_chinese(|| hint("basics/03 Listening Skills.md"));
        assert!(!zh.contains("中文名也可以"), "{zh}");
        let zh = crate::i18n::in_chinese(|| hint("basics/倾听 技巧.md"));
        assert!(zh.starts_with("请改名为 `倾听-技巧.md`（用 `-` 代替空格），并改好指向它的链接；已有的中文名可以保留，但 `handbook new` 和 `handbook mv` 只接受"), "{zh}");
        let zh = crate::i18n::in_chinese(|| hint("img/截图 1.png"));
        assert!(
            zh.starts_with("请改名为 `截图-1.png`（用 `-` 代替空格；图片和附件用中文名也可以）"),
            "{zh}"
        );
    }

    /// A quiz's mistakes as `load_file` reports them (its `question_hint` and `repeated_key`
    /// read yaml.rs's messages back).
    fn quiz_errors(text: &str) -> Vec<crate::diagnostics::Diagnostic> {
        let file = std::path::Path::new("q.quiz.yaml");
        super::yaml::parse_all::<super::Quiz>(file, text, 1, super::quiz::QUIZ_FIELDS)
            .unwrap_err()
            .into_iter()
            .map(|d| super::question_hint(d, text))
            .map(|d| super::repeated_key(d, text, ""))
            .collect()
    }

    /// An option's `text:` written on a scenario's node (for the customer's words) is told
    /// where those go, not "did you mean `text`?"; `choices:` is told `options`.
    #[test]
    fn a_field_of_another_place_is_not_suggested_back() {
        let quiz = "id: q\ntitle: t\nquestions:\n  - id: s\n    type: scenario\n    prompt: p\n    start: a\n    nodes:\n      - id: a\n        text: 又停电了！\n        choices:\n          - text: 抱歉\n            next: b\n      - id: b\n        ending: good\n        outcome: 好\n";
        let zh = crate::i18n::in_chinese(|| quiz_errors(quiz));
        let text = zh
            .iter()
            .find(|d| d.message == "不认识的字段 `text`")
            .expect("text");
        let hint = text.hint.as_deref().unwrap();
        assert!(hint.contains("客户说的话写在 `customer:` 下"), "{hint}");
        assert!(!hint.contains("是不是想写 `text`"), "{hint}");
        let choices = zh
            .iter()
            .find(|d| d.message == "不认识的字段 `choices`")
            .expect("choices");
        assert!(
            choices.hint.as_deref().unwrap().contains("`options`"),
            "{zh:?}"
        );
    }

    #[test]
    fn a_questions_repeated_key_and_wrong_answer_are_placed_alike_in_chinese() {
        let texts = [
            // Two questions read as one: the second's `- ` lost.
            "id: q\ntitle: t\nquestions:\n  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n    id: b\n    type: true_false\n",
            // A key given twice that is not the item's first.
            "id: q\ntitle: t\nquestions:\n  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n    prompt: p2\n",
            // `answer` under a 单选题, and a misspelt question field.
            "id: q\ntitle: t\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    answer: 您好\n  - id: b\n    type: true_false\n    promt: p\n    answer: true\n",
        ];
        for text in texts {
            let en = quiz_errors(text);
            let zh = crate::i18n::in_chinese(|| quiz_errors(text));
            let at = |d: &[crate::diagnostics::Diagnostic]| -> Vec<(usize, usize)> {
                d.iter().map(|d| (d.line, d.col)).collect()
            };
            assert_eq!(at(&en), at(&zh), "{text:?}\n{en:#?}\n{zh:#?}");
            for (e, z) in en.iter().zip(&zh) {
                assert_ne!(e.message, z.message, "{z:?}");
                assert_ne!(e.hint, z.hint, "{z:?}");
            }
        }
        let zh = crate::i18n::in_chinese(|| quiz_errors(texts[0]));
        assert_eq!(
            zh[0].message,
            "第 1 题：重复的字段 `id`（第一次出现在第 4 行）"
        );
        assert!(
            zh[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("新题目开头的 `- ` 好像漏掉了：第 8 行"),
            "{zh:?}"
        );
        let zh = crate::i18n::in_chinese(|| quiz_errors(texts[2]));
        assert!(
            zh[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("请删掉 `answer: 您好` 这一行，在正确的选项的 `text:` 下面"),
            "{zh:?}"
        );
        assert_eq!(zh[1].message, "不认识的字段 `promt`");
        assert_eq!(zh[1].hint.as_deref(), Some("是不是想写 `prompt`？"));
    }

    /// `answer:` on a question that is no 判断题 is told what its type takes, from its `type:`
    /// (review-zh2 N3): a 单选题's or 多选题's right options get `correct: true` (named by the
    /// letters written), a 填空题's answers go under `accepted:`; a 判断题's 正确 is `true`.
    #[test]
    fn an_answer_on_a_question_of_another_type_says_what_that_type_takes() {
        let quiz = |question: &str| {
            format!("id: q\ntitle: t\nquestions:\n  - id: a\n    type: true_false\n    prompt: p\n    answer: true\n  - id: b\n{question}")
        };
        let options = "    options:\n      - text: 倾听\n      - text: 争辩\n      - text: 记录\n";
        let single = quiz(&format!(
            "    type: single\n    prompt: p\n    answer: B\n{options}"
        ));
        let multiple = quiz(&format!(
            "    type: multiple\n    prompt: p\n{options}    answer: [A, C]\n"
        ));
        let short = quiz("    type: short\n    prompt: 几个工作日？\n    answer: 5\n");
        let ordering =
            quiz("    type: ordering\n    prompt: p\n    items: [a, b]\n    answer: ab\n");
        let true_false = quiz("    type: true_false\n    prompt: p\n    answer: 正确\n");
        let one = |text: &str| {
            let ds = quiz_errors(text);
            assert_eq!(ds.len(), 1, "{ds:#?}");
            ds.into_iter().next().unwrap()
        };
        let zh = |text: &str| crate::i18n::in_chinese(|| one(text));
        // In English, at the same place.
        let d = one(&single);
        assert_eq!((d.line, d.col), (11, 13));
        assert_eq!(
            d.message,
            "questions[1].answer (question 2): a single-choice question (`type: single`) has no `answer:`; its right option is marked `correct: true`"
        );
        assert_eq!(
            d.hint.as_deref(),
            Some("delete the line `answer: B`, and add a line `correct: true` under option B (`- text: 争辩`)")
        );
        let z = zh(&single);
        assert_eq!((z.line, z.col), (d.line, d.col));
        assert_eq!(
            z.message,
            "第 2 题是单选题（`type: single`），不用写 `answer:`：正确的选项要标上 `correct: true`"
        );
        assert_eq!(
            z.hint.as_deref(),
            Some("请删掉 `answer: B` 这一行，在选项 B（`- text: 争辩`）下面加一行 `correct: true`")
        );
        assert!(!z.message.contains("true` 或 `false"), "{z:?}");
        let d = one(&multiple);
        assert!(d.message.contains("a multiple-choice question"), "{d:?}");
        assert_eq!(
            d.hint.as_deref(),
            Some("delete the line `answer: [A, C]`, and add a line `correct: true` under each of options A, C (`- text: 倾听`, `- text: 记录`)")
        );
        let z = zh(&multiple);
        assert_eq!(
            z.hint.as_deref(),
            Some("请删掉 `answer: [A, C]` 这一行，在选项 A、C（`- text: 倾听`、`- text: 记录`）下面各加一行 `correct: true`")
        );
        // A type written in Chinese (its own error) is read as the import reads it.
        let ds = crate::i18n::in_chinese(|| quiz_errors(&multiple.replace("multiple", "多选")));
        assert!(ds[1].message.starts_with("第 2 题是多选题"), "{ds:#?}");
        let d = one(&short);
        assert!(
            d.message
                .ends_with("lists the answers that count under `accepted:`, not `answer:`"),
            "{d:?}"
        );
        assert!(
            d.hint
                .as_deref()
                .unwrap()
                .starts_with("write `accepted: [5]` in place of `answer: 5`"),
            "{d:?}"
        );
        let z = zh(&short);
        assert_eq!(
            z.message,
            "第 2 题是填空题，答案要写在 `accepted:` 下面，不用 `answer:`"
        );
        assert!(
            z.hint
                .as_deref()
                .unwrap()
                .starts_with("把 `answer: 5` 改成 `accepted: [5]`"),
            "{z:?}"
        );
        let z = zh(&ordering);
        assert_eq!(
            z.message,
            "第 2 题是排序题，不用写 `answer:`（`answer:` 只用于判断题）"
        );
        assert!(one(&ordering)
            .message
            .ends_with("and this is a question of type `ordering`"));
        // A 判断题's 正确 keeps yaml.rs's message and its `answer: true`.
        let z = zh(&true_false);
        assert_eq!(
            z.message,
            "第 2 题的 `answer`：这里应该写 `true` 或 `false`，而不是文字 `正确`"
        );
        assert!(
            z.hint
                .as_deref()
                .unwrap()
                .starts_with("“正确”请写成 `answer: true`"),
            "{z:?}"
        );
    }

    #[test]
    fn declared_reads_ids_from_a_file_that_does_not_parse() {
        let rules = "- id: TS-A-001 # 第一条\n  title: x\n  bad: [\n-   id: \"TS-A-002\"\n  id: 'TS-A-003'\n    id: nested\n";
        assert_eq!(
            declared(rules, "id", 2, "rule"),
            ["rule:TS-A-001", "rule:TS-A-002", "rule:TS-A-003"]
        );
        // A quiz's own id only, not its questions'.
        let quiz = "id: q\ntitle: t\nquestions:\n  - id: q-01\n    bad: [\n";
        assert_eq!(declared(quiz, "id", 0, "quiz"), ["quiz:q"]);
        assert_eq!(
            declared("- term: 停电\n  synonyms: [断电]\n", "term", 2, "term"),
            ["term:停电"]
        );
        assert!(declared("identity: x\nid:\n", "id", 2, "rule").is_empty());
    }
}
