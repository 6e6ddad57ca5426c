//! `handbook new lesson|rule|quiz NAME`: a new content file with every field in place, for a
//! trainer who would otherwise copy an old file and edit it (and miss a field, or keep an id).
//! What still needs writing holds [`PLACEHOLDER`]; `check` warns about each one until it is
//! replaced, so the new file builds at once but cannot be forgotten half-done.

use crate::book::Book;
use crate::config::Config;
use crate::content::rule_check::valid_id;
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// Marks text a trainer still has to write. `check` warns about every one (see
/// [`placeholder_warnings`]).
pub const PLACEHOLDER: &str = "【待填写】";

/// What `new` made: the file (relative to the book's folder) and its first line to edit.
pub struct Created {
    pub file: PathBuf,
    pub line: usize,
    /// Made with it: the `_index.md` of each new folder it is in.
    pub also: Vec<PathBuf>,
}

pub(crate) fn kebab(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('-')
        && !name.ends_with('-')
        && name
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The `# yaml-language-server` line pointing an editor at the schema, when the book has one
/// (`schemas/` from `handbook init`, or this repository's `docs/schema/`).
fn schema_line(root: &Path, file: &Path, name: &str) -> String {
    for dir in ["schemas", "docs/schema"] {
        if root.join(dir).join(name).is_file() {
            let depth = file.components().count() - 1;
            return format!(
                "# yaml-language-server: $schema={}{dir}/{name}\n",
                "../".repeat(depth)
            );
        }
    }
    String::new()
}

/// Loads the book as `check` would (its problems do not matter here: a trainer adds a file to
/// a book that is being written).
fn scan(root: &Path) -> anyhow::Result<Book> {
    let config = Config::load(root).map_err(|d| anyhow::anyhow!("{d}"))?;
    // (Drafts too: a new lesson goes after them, and does not take their names.)
    let sources = crate::content::load(
        root,
        &root.join(&config.build.src),
        config.build.src_at,
        true,
    );
    Ok(Book::link(
        root.to_path_buf(),
        config,
        sources,
        &mut Vec::new(),
    ))
}

fn write_new(root: &Path, rel: &Path, text: &str) -> anyhow::Result<()> {
    let path = root.join(rel);
    if path.exists() {
        bail!("{} already exists", rel.display());
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| format!("cannot write {}", rel.display()))
}

/// Creates a lesson, rule or quiz file named `name` in the book at `root`.
/// `s` as a YAML value on a `key: ` line: as it is when YAML reads it back the same, else
/// quoted (`第一课: 概述 #1` would be a nested key and a comment; `80`, `true` not text).
fn yaml_scalar(s: &str) -> String {
    let back =
        serde_yaml::from_str::<std::collections::BTreeMap<String, String>>(&format!("k: {s}\n"))
            .ok()
            .and_then(|m| m.get("k").cloned());
    if back.as_deref() == Some(s) {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

pub fn new(
    root: &Path,
    kind: &str,
    name: &str,
    title: Option<&str>,
    category: Option<&str>,
) -> anyhow::Result<Created> {
    let book = scan(root)?;
    let src = book.config.build.src.clone();
    let title = title.map(str::trim).filter(|t| !t.is_empty());
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1)
    };
    match kind {
        "lesson" => {
            let path = name
                .trim()
                .trim_matches('/')
                .trim_end_matches(".md")
                .to_string();
            let path = path
                .strip_prefix(&format!("{}/", src.to_string_lossy()))
                .unwrap_or(&path)
                .to_string();
            if let Some(bad) = path.split('/').find(|s| !kebab(s)) {
                bail!(
                    "`{bad}` cannot be part of a lesson's path: use lower-case letters, digits and hyphens (it becomes the page's address), e.g. `procedure/escalation`"
                );
            }
            if path.rsplit('/').next() == Some("index") {
                bail!("a lesson cannot be named `index`: index.md is the home page's file; choose a name that says what the lesson is about");
            }
            let top = path.split('/').next().unwrap_or("");
            if crate::book::reserved(&book, top) {
                bail!("`{top}/` is used by a generated page; put the lesson in another folder");
            }
            if let Some(&i) = book.page_index.get(&path) {
                bail!(
                    "the page `{path}` already exists: {}",
                    crate::diagnostics::display_path(root, &book.pages[i].file).display()
                );
            }
            // After the last page of its folder.
            let folder = path.rfind('/').map_or("", |i| &path[..i]);
            let order = book
                .pages
                .iter()
                .filter(|p| {
                    p.kind == crate::book::PageKind::Lesson
                        && p.path.rfind('/').map_or("", |i| &p.path[..i]) == folder
                })
                .filter_map(|p| p.front.order)
                .max()
                .map_or(10, |o| o + 10);
            let text = format!(
                "---\ntitle: {}\nsummary: {PLACEHOLDER}一句话说明这一课讲什么、读完能做什么\norder: {order}\ntags: []\n# audience: [frontline, new-staff]   # 写给谁：frontline 一线人员、new-staff 新员工、trainer 培训师\n# sources: []                        # sources.yaml 里的依据编号\n# draft: true                        # 写完之前不发布；handbook serve --drafts 预览\n---\n\n{PLACEHOLDER}开头一段：这一课要解决什么问题。\n\n## {PLACEHOLDER}第一节的标题\n\n{PLACEHOLDER}正文。\n\n> [!WARNING]\n> {PLACEHOLDER}需要特别注意的地方（不需要就删去这两行）。\n",
                yaml_scalar(title.unwrap_or("新课程"))
            );
            let rel = src.join(format!("{path}.md"));
            // A folder no page is in yet becomes a new section: its `_index.md` (title, place
            // among its neighbours, intro), or the sidebar would show the folder's name.
            let mut sections = Vec::new();
            let parts: Vec<&str> = path.split('/').collect();
            for depth in 1..parts.len() {
                let dir = parts[..depth].join("/");
                if book.page_index.contains_key(&dir) {
                    continue;
                }
                let parent = parts[..depth - 1].join("/");
                let order = book
                    .pages
                    .iter()
                    .filter(|p| {
                        p.kind == crate::book::PageKind::Section
                            && p.path.rfind('/').map_or("", |i| &p.path[..i]) == parent
                    })
                    .filter_map(|p| p.front.order)
                    .max()
                    .map_or(10, |o| o + 10);
                sections.push((
                    src.join(&dir).join("_index.md"),
                    format!("---\ntitle: {PLACEHOLDER}单元名称\nsummary: {PLACEHOLDER}一句话说明这个单元讲什么\norder: {order}\n---\n\n{PLACEHOLDER}单元导语：学完这个单元能做什么。\n"),
                ));
            }
            write_new(root, &rel, &text)?;
            let mut also = Vec::new();
            for (file, text) in sections {
                write_new(root, &file, &text)?;
                also.push(file);
            }
            Ok(Created {
                file: rel,
                line: line_of(&text, PLACEHOLDER),
                also,
            })
        }
        "rule" => {
            let id = name.trim();
            if !valid_id(id) {
                bail!("`{id}` is not a rule id: write capital letters and digits in parts joined by hyphens, e.g. TS-PROC-007");
            }
            if let Some(r) = book.rules.iter().find(|r| r.value.id == id) {
                bail!(
                    "rule {id} already exists: {}:{}",
                    crate::diagnostics::display_path(root, &r.file).display(),
                    r.line
                );
            }
            if let Some(&i) = book.rule_aliases.get(id) {
                bail!(
                    "{id} is an old id of rule {}: choose another id",
                    book.rules[i].value.id
                );
            }
            let ids: Vec<&str> = book
                .categories
                .iter()
                .map(|c| c.value.id.as_str())
                .collect();
            let category = match category {
                Some(c) if ids.contains(&c) => c.to_string(),
                Some(c) => bail!(
                    "unknown category `{c}`; the book's categories are: {}",
                    ids.join(", ")
                ),
                None => match ids.first() {
                    Some(c) => c.to_string(),
                    None => bail!("the book has no rule categories: create {}/categories.yaml first (see docs/content-format.md)", src.display()),
                },
            };
            let rel = src
                .join("rules")
                .join(format!("{}.rule.yaml", id.to_lowercase()));
            let today = today();
            let text = format!(
                "{schema}id: {id}\ntitle: {title}\ncategory: {category}\nsummary: {PLACEHOLDER}一两句话说清这条规则要求做什么、什么时候做\nseverity: medium          # critical 极高 · high 高 · medium 中 · low 低\napplies_when:\n  - {PLACEHOLDER}什么情况下适用\n# time_limits:\n#   - label: 办结时限\n#     value: 5\n#     unit: working_days    # working_days · calendar_days · hours · minutes\n#     condition: ordinary   # ordinary 一般 · complex 复杂 · extended 经批准延长\n#     note: 自受理之日起计算\nresponsible: [{PLACEHOLDER}]\nsteps:\n  - who: {PLACEHOLDER}谁来做\n    what: {PLACEHOLDER}做什么\nmust:\n  - {PLACEHOLDER}必须做到的事\nmust_not:\n  - {PLACEHOLDER}严禁的事\n# escalation: 什么情况下、向谁升级\n# related: [TS-PROC-002, lesson:procedure/time-limits]\n# sources: []\nversion: \"1.0\"\neffective: {today}\n# owner: 负责维护这条规则的部门\nrevised:\n  - date: {today}\n    change: 首次发布\n",
                schema = schema_line(root, &rel, "rule.schema.json"),
                title = title.map_or_else(|| format!("{PLACEHOLDER}规则名称"), yaml_scalar),
            );
            write_new(root, &rel, &text)?;
            Ok(Created {
                file: rel,
                line: line_of(&text, PLACEHOLDER),
                also: Vec::new(),
            })
        }
        "quiz" => {
            let id = name.trim();
            if !kebab(id) {
                bail!("`{id}` is not a quiz id: use lower-case letters, digits and hyphens, e.g. escalation-basics");
            }
            if let Some(q) = book.quizzes.iter().find(|q| q.value.id == id) {
                bail!(
                    "quiz {id} already exists: {}",
                    crate::diagnostics::display_path(root, &q.file).display()
                );
            }
            let rel = src.join("quizzes").join(format!("{id}.quiz.yaml"));
            let text = format!(
                "{schema}id: {id}\ntitle: {title}\npass_mark: 80\n# time_guide: 10          # 建议用时（分钟）\n# exam: true             # 考试：答完全部题目、交卷后才显示对错和解析\n# time_limit: 20         # 考试限时（分钟），时间到自动交卷；只用于 exam: true\nquestions:\n  - id: {id}-01\n    type: single            # single · multiple · true_false · short · ordering · matching · scenario · flashcards\n    prompt: {PLACEHOLDER}题目\n    options:\n      - text: {PLACEHOLDER}正确的选项\n        correct: true\n        feedback: {PLACEHOLDER}答对时看到的说明\n      - text: {PLACEHOLDER}错误的选项\n        feedback: {PLACEHOLDER}答错时看到的说明：错在哪里、应该怎样\n    # rules: [TS-PROC-002]    # 答完后可以去看的规则\n    # lessons: [procedure/time-limits]\n",
                schema = schema_line(root, &rel, "quiz.schema.json"),
                title = title.map_or_else(|| format!("{PLACEHOLDER}测验名称"), yaml_scalar),
            );
            write_new(root, &rel, &text)?;
            Ok(Created {
                file: rel,
                line: line_of(&text, PLACEHOLDER),
                also: Vec::new(),
            })
        }
        "term" => {
            // A glossary term: appended to glossary.yaml (made if the book has none), the file
            // read back to be sure it still parses -- if not, it is left as it was.
            let term = name.trim();
            if term.is_empty() || term.contains(['\n', '\r']) {
                bail!("write the term itself, e.g. `handbook new term 电能表`");
            }
            if let Some(&i) = book.term_index.get(term) {
                let t = &book.glossary[i];
                bail!(
                    "`{term}` is already in the glossary ({}:{}), as {}",
                    crate::diagnostics::display_path(root, &t.file).display(),
                    t.line,
                    if t.value.term == term {
                        "a term"
                    } else {
                        "a synonym"
                    }
                );
            }
            let rel = src.join("glossary.yaml");
            let path = root.join(&rel);
            let before = std::fs::read_to_string(&path).unwrap_or_default();
            let quoted = serde_json::to_string(term).unwrap_or_default();
            let entry = format!(
                "- term: {quoted}\n  synonyms: [{PLACEHOLDER}一线员工和客户对{term}的其他叫法]\n  definition: {PLACEHOLDER}一句话定义\n  # related: [TS-PROC-002]\n"
            );
            let mut text = before.clone();
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            if !text.trim().is_empty() {
                text.push('\n');
            }
            let line = text.lines().count() + 1;
            text.push_str(&entry);
            let parsed: Result<Vec<crate::content::glossary::Term>, _> =
                serde_yaml::from_str(&text);
            if parsed.is_err() {
                bail!(
                    "{} is not a plain list of terms that a new one can be added to: add it by hand",
                    rel.display()
                );
            }
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", rel.display()))?;
            Ok(Created {
                file: rel,
                line: line + 1,
                also: Vec::new(),
            })
        }
        other => bail!("cannot make a `{other}`: choose lesson, rule, quiz or term"),
    }
}

/// Today's date, `YYYY-MM-DD` (UTC).
fn today() -> String {
    crate::content::calendar::format_day(crate::content::calendar::today())
}

/// A warning for each [`PLACEHOLDER`] left in a content file's `text`.
pub fn placeholder_warnings(
    file: &Path,
    text: &str,
    yaml: bool,
    out: &mut Vec<crate::diagnostics::Diagnostic>,
) {
    if !text.contains(PLACEHOLDER) {
        return;
    }
    for (i, line) in text.lines().enumerate() {
        if yaml && line.trim_start().starts_with('#') {
            continue; // (a comment)
        }
        // (Quoted as code, `【待填写】`, it is written about, not left behind.)
        let quoted = |at: usize| {
            line[..at].ends_with('`') && line[at + PLACEHOLDER.len()..].starts_with('`')
        };
        if let Some((at, _)) = line.match_indices(PLACEHOLDER).find(|&(at, _)| !quoted(at)) {
            out.push(
                crate::diagnostics::Diagnostic::warning(
                    file,
                    i + 1,
                    line[..at].chars().count() + 1,
                    format!("{PLACEHOLDER} is still here: this text has not been written yet"),
                )
                .with_hint("write the real text in its place (and delete the marker)"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lower_case_kebab() {
        assert!(kebab("escalation-2"));
        for bad in ["", "-a", "a-", "Escalation", "升级", "a b", "a_b"] {
            assert!(!kebab(bad), "{bad}");
        }
    }

    #[test]
    fn each_placeholder_is_a_warning_at_its_column() {
        let mut d = Vec::new();
        let text = "title: x\nsummary: 【待填写】一句话\n# note: 【待填写】 in a comment\n";
        placeholder_warnings(Path::new("a.yaml"), text, true, &mut d);
        let at: Vec<(usize, usize)> = d.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(at, [(2, 10)]);
        // Quoted as code it is written about.
        let mut d = Vec::new();
        placeholder_warnings(
            Path::new("a.md"),
            "标着 `【待填写】` 的地方\n",
            false,
            &mut d,
        );
        assert!(d.is_empty());
        // In Markdown a `#` starts a heading.
        let mut d = Vec::new();
        placeholder_warnings(Path::new("a.md"), "# 【待填写】标题\n正文\n", false, &mut d);
        let at: Vec<(usize, usize)> = d.iter().map(|x| (x.line, x.col)).collect();
        assert_eq!(at, [(1, 3)]);
        assert!(d.iter().all(|x| !x.is_error()));
    }
}
