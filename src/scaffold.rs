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

/// A lesson's path as a trainer types it (`content/procedure/limits.md`, `/procedure/limits`):
/// the path in content folder `src` without `.md` (`handbook new lesson`, `handbook mv`).
pub(crate) fn lesson_path(typed: &str, src: &str) -> String {
    let path = typed.trim().trim_matches('/').trim_end_matches(".md");
    path.strip_prefix(&format!("{src}/"))
        .unwrap_or(path)
        .to_string()
}

/// A path typed on the command line made one `key` and `lesson_path` read: an absolute path
/// into the book's content folder (`/srv/book/content/procedure/x.md`, as a file manager
/// copies it) made relative to the book; one outside it refused (it was read as a path in the
/// content folder: `/tmp/x` became `content/tmp/x.md`).
pub(crate) fn typed_path(root: &Path, src: &Path, typed: &str) -> anyhow::Result<String> {
    let plain = typed.trim();
    let path = Path::new(plain);
    if !path.is_absolute() && !plain.starts_with('/') {
        return Ok(plain.to_string());
    }
    // `/procedure/limits`, as a page's address reads: a content path, when its first folder is
    // none of this computer's (second read: refused as outside the content folder).
    let first = path
        .components()
        .find(|c| matches!(c, std::path::Component::Normal(_)));
    let on_disk = first.is_some_and(|c| Path::new("/").join(c).exists());
    let drive = matches!(
        path.components().next(),
        Some(std::path::Component::Prefix(_))
    );
    if !on_disk && !drive {
        return Ok(plain.to_string());
    }
    let content = root.join(src);
    let real = content.canonicalize().unwrap_or_else(|_| content.clone());
    // (The typed path as this computer resolves it, through a symlinked folder too: its
    // nearest folder that exists, made canonical, with the rest after it.)
    let resolved = path
        .ancestors()
        .find_map(|a| {
            let c = a.canonicalize().ok()?;
            Some(c.join(path.strip_prefix(a).ok()?))
        })
        .unwrap_or_else(|| path.to_path_buf());
    let inside = [(&content, path), (&real, path), (&real, resolved.as_path())]
        .into_iter()
        .find_map(|(c, p)| p.strip_prefix(c).ok());
    match inside {
        Some(rest) => Ok(rest.to_string_lossy().replace('\\', "/")),
        None => bail!(t!(
            "`{plain}` is outside the content folder ({}): give the path in it, e.g. `procedure/escalation`",
            "`{plain}` 不在内容文件夹（{}）里：请写它在内容文件夹里的路径，例如 `procedure/escalation`",
            src.display()
        )),
    }
}

/// What keeps content path `path` from being a lesson's: a part that is not kebab-case (the
/// page's address), the name `index` (the home page's file), a folder a generated page uses.
pub(crate) fn lesson_path_problem(book: &Book, path: &str) -> Option<String> {
    // (The content folder itself, `$PWD/content`: it quoted an empty part.)
    if path.trim_matches('/').is_empty() {
        return Some(t!(
            "give the lesson's path in the content folder, e.g. `procedure/escalation`",
            "请写课程在内容文件夹里的路径，例如 `procedure/escalation`"
        ));
    }
    if let Some(bad) = path.split('/').find(|s| !kebab(s)) {
        // (A Chinese name goes in the title: trainers try it first.)
        let last = path.rsplit('/').next().unwrap_or(bad);
        let chinese = match bad.chars().any(|c| c > '\u{2E7F}') {
            true => t!(
                "; a Chinese name goes in the title: `handbook new lesson basics/lesson-2 --title {last}` (or `title:` in its front matter)",
                "；中文写在标题里：`handbook new lesson basics/lesson-2 --title {last}`（或者写在前置信息的 `title:` 里）"
            ),
            false => String::new(),
        };
        return Some(t!("`{bad}` cannot be part of a lesson's path: use lower-case letters, digits and hyphens (it becomes the page's address), e.g. `procedure/escalation`{chinese}", "课程的路径里不能有 `{bad}`：只用小写英文字母、数字和连字符 `-`（它会成为页面的网址），例如 `procedure/escalation`{chinese}"));
    }
    if path.rsplit('/').next() == Some("index") {
        return Some(t!("a lesson cannot be named `index`: index.md is the home page's file; choose a name that says what the lesson is about", "课程不能叫 `index`：index.md 是首页的文件；换一个能说明课程内容的名字"));
    }
    let top = path.split('/').next().unwrap_or("");
    if crate::book::reserved(book, top) {
        return Some(t!(
            "`{top}/` is used by a generated page; put the lesson in another folder",
            "`{top}/` 由自动生成的页面使用；请把课程放到别的文件夹"
        ));
    }
    // Under a lesson's own name: the folder and the lesson would be one page (the book stops
    // building).
    let mut at = path;
    while let Some((parent, _)) = at.rsplit_once('/') {
        let lesson = book
            .page_index
            .get(parent)
            .is_some_and(|&i| book.pages[i].kind == crate::book::PageKind::Lesson);
        if lesson {
            let name = path.rsplit('/').next().unwrap_or(path);
            let beside = match parent.rsplit_once('/') {
                Some((folder, _)) => format!("{folder}/{name}"),
                None => name.to_string(),
            };
            return Some(t!(
                "`{parent}` is a lesson: nothing can go under it (a folder `{parent}/` and the lesson would be the same page); put it beside it, e.g. `{beside}`",
                "`{parent}` 是一篇课程，下面不能再放课程（文件夹 `{parent}/` 会和它成为同一个页面）；请放在它旁边，例如 `{beside}`"
            ));
        }
        at = parent;
    }
    None
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
pub(crate) fn schema_line(root: &Path, file: &Path, name: &str) -> String {
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

/// The category most of the book's rules whose ids share `id`'s prefix (all but its last
/// part: `GD-GOV` for `GD-GOV-011`) are in; the first of those categories in the book's
/// order on a tie; None when no rule shares it.
fn prefix_category(book: &Book, id: &str) -> Option<String> {
    let prefix = id.rsplit_once('-')?.0;
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for r in &book.rules {
        let theirs = r.value.id.rsplit_once('-').map(|(p, _)| p);
        if theirs != Some(prefix) {
            continue;
        }
        let c = r.value.category.as_str();
        match counts.iter_mut().find(|(k, _)| *k == c) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    let most = counts.iter().map(|&(_, n)| n).max()?;
    let order = |c: &str| {
        book.categories
            .iter()
            .position(|k| k.value.id == c)
            .unwrap_or(usize::MAX)
    };
    (counts.iter())
        .filter(|&&(_, n)| n == most)
        .min_by_key(|&&(c, _)| order(c))
        .map(|&(c, _)| c.to_string())
        .filter(|c| book.categories.iter().any(|k| k.value.id == *c))
}

/// Loads the book as `check` would (its problems do not matter here: a trainer adds a file to
/// a book that is being written).
pub(crate) fn scan(root: &Path) -> anyhow::Result<Book> {
    let config = Config::load(root).map_err(|d| anyhow::anyhow!("{}", d.unlabelled()))?;
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
        bail!(t!("{} already exists", "{} 已经存在", rel.display()));
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| t!("cannot create {}", "无法创建 {}", parent.display()))?;
    }
    std::fs::write(&path, text).with_context(|| t!("cannot write {}", "无法写入 {}", rel.display()))
}

/// Creates a lesson, rule or quiz file named `name` in the book at `root`.
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
    // (A lesson's place is its folder: `--category` said nothing and was ignored.)
    if category.is_some() && kind != "rule" {
        bail!(t!(
            "`--category` is for `handbook new rule` only: a lesson's place is its folder, e.g. `handbook new lesson procedure/escalation`; nothing was written",
            "`--category` 只用于 `handbook new rule`：课程放在哪个栏目由它的文件夹决定，例如 `handbook new lesson procedure/escalation`；没有写任何文件"
        ));
    }
    let line_of = |text: &str, needle: &str| {
        text.lines()
            .position(|l| l.contains(needle))
            .map_or(1, |i| i + 1)
    };
    match kind {
        "lesson" => {
            let path = lesson_path(&typed_path(root, &src, name)?, &src.to_string_lossy());
            if let Some(problem) = lesson_path_problem(&book, &path) {
                bail!("{problem}");
            }
            if let Some(&i) = book.page_index.get(&path) {
                bail!(t!(
                    "the page `{path}` already exists: {}",
                    "课程 `{path}` 已经存在：{}",
                    crate::diagnostics::display_path(root, &book.pages[i].file).display()
                ));
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
                crate::content::yaml::yaml_text(title.unwrap_or("新课程"))
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
                // (`svc-int-002`: the id in capitals, offered as other mistakes offer theirs.)
                let upper = id.to_ascii_uppercase();
                if valid_id(&upper) {
                    bail!(t!("`{id}` is not a rule id: ids are written in capitals, `handbook new rule {upper}`", "`{id}` 不是规则编号：编号要用大写字母，请写 `handbook new rule {upper}`"));
                }
                bail!(t!("`{id}` is not a rule id: write capital letters and digits in parts joined by hyphens, e.g. TS-PROC-007", "`{id}` 不是规则编号：用大写英文字母和数字，分几段、中间用连字符 `-` 连起来，例如 TS-PROC-007"));
            }
            if let Some(r) = book.rules.iter().find(|r| r.value.id == id) {
                bail!(t!(
                    "rule {id} already exists: {}:{}",
                    "规则 `{id}` 已经存在：{}:{}",
                    crate::diagnostics::display_path(root, &r.file).display(),
                    r.pos("id").0
                ));
            }
            if let Some(&i) = book.rule_aliases.get(id) {
                bail!(t!(
                    "{id} is an old id of rule {}: choose another id",
                    "`{id}` 是规则 `{}` 的旧编号：请换一个编号",
                    book.rules[i].value.id
                ));
            }
            let ids: Vec<&str> = book
                .categories
                .iter()
                .map(|c| c.value.id.as_str())
                .collect();
            // A category named by its label (`办理`, `投诉办理`) as the site shows it: its id.
            let by_label = |c: &str| {
                let c = c.trim();
                let hits: Vec<&str> = book
                    .categories
                    .iter()
                    .filter(|k| !c.is_empty() && (k.value.label == c || k.value.label.contains(c)))
                    .map(|k| k.value.id.as_str())
                    .collect();
                (hits.len() == 1).then(|| hits[0])
            };
            let listed = || {
                book.categories
                    .iter()
                    .map(|k| format!("{} ({})", k.value.id, k.value.label))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let category = match category {
                Some(c) if ids.contains(&c) => c.to_string(),
                Some(c) => match by_label(c) {
                    Some(id) => bail!(t!(
                        "`--category` takes a category's id, written in English: `--category {id}` for {c} (the book's categories: {})",
                        "`--category` 要写分类的英文 id：{c} 写成 `--category {id}`（本书的分类：{}）",
                        listed()
                    )),
                    None => bail!(t!(
                        "unknown category `{c}`: `--category` takes one of the book's category ids: {}",
                        "没有 `{c}` 这个分类：`--category` 要写本书的一个分类 id：{}",
                        listed()
                    )),
                },
                // The category most rules of the id's prefix are in (GD-GOV-011 beside the
                // other GD-GOV-* in `governance`), else the first.
                None => match prefix_category(&book, id).or_else(|| ids.first().map(|c| c.to_string())) {
                    Some(c) => c,
                    None => bail!(t!("the book has no rule categories: create {}/categories.yaml first (see docs/content-format.md)", "这本手册还没有规则分类：先建立 {}/categories.yaml（见 docs/content-format.md）", src.display())),
                },
            };
            let rel = src
                .join("rules")
                .join(format!("{}.rule.yaml", id.to_lowercase()));
            let today = today();
            let text = format!(
                "{schema}id: {id}\ntitle: {title}\ncategory: {category}\nsummary: {PLACEHOLDER}一两句话说清这条规则要求做什么、什么时候做\nseverity: medium          # critical 极高 · high 高 · medium 中 · low 低\napplies_when:\n  - {PLACEHOLDER}什么情况下适用\n# time_limits:\n#   - label: 办结时限\n#     value: 5\n#     unit: working_days    # working_days · calendar_days · hours · minutes\n#     condition: ordinary   # ordinary 一般 · complex 复杂 · extended 经批准延长\n#     note: 自受理之日起计算\nresponsible: [{PLACEHOLDER}]\nsteps:\n  - who: {PLACEHOLDER}谁来做\n    what: {PLACEHOLDER}做什么\nmust:\n  - {PLACEHOLDER}必须做到的事\nmust_not:\n  - {PLACEHOLDER}严禁的事\n# escalation: 什么情况下、向谁升级\n# related: [TS-PROC-002, lesson:procedure/time-limits]\n# sources: []\nversion: \"1.0\"\neffective: {today}\n# owner: 负责维护这条规则的部门\nrevised:\n  - date: {today}\n    change: 首次发布\n",
                schema = schema_line(root, &rel, "rule.schema.json"),
                title = title.map_or_else(|| format!("{PLACEHOLDER}规则名称"), crate::content::yaml::yaml_text),
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
                bail!(t!("`{id}` is not a quiz id: use lower-case letters, digits and hyphens, e.g. escalation-basics", "`{id}` 不是测验 id：只用小写英文字母、数字和连字符 `-`，例如 escalation-basics"));
            }
            if let Some(q) = book.quizzes.iter().find(|q| q.value.id == id) {
                bail!(t!(
                    "quiz {id} already exists: {}",
                    "测验 `{id}` 已经存在：{}",
                    crate::diagnostics::display_path(root, &q.file).display()
                ));
            }
            let rel = src.join("quizzes").join(format!("{id}.quiz.yaml"));
            let text = format!(
                "{schema}id: {id}\ntitle: {title}\npass_mark: 80\n# time_guide: 10          # 建议用时（分钟）\n# exam: true             # 考试：答完全部题目、交卷后才显示对错和解析\n# time_limit: 20         # 考试限时（分钟），时间到自动交卷；只用于 exam: true\nquestions:\n  - id: {id}-01\n    type: single            # single · multiple · true_false · short · ordering · matching · scenario · flashcards\n    prompt: {PLACEHOLDER}题目\n    options:\n      - text: {PLACEHOLDER}正确的选项\n        correct: true\n        feedback: {PLACEHOLDER}答对时看到的说明\n      - text: {PLACEHOLDER}错误的选项\n        feedback: {PLACEHOLDER}答错时看到的说明：错在哪里、应该怎样\n    # rules: [TS-PROC-002]    # 答完后可以去看的规则\n    # lessons: [procedure/time-limits]\n",
                schema = schema_line(root, &rel, "quiz.schema.json"),
                title = title.map_or_else(|| format!("{PLACEHOLDER}测验名称"), crate::content::yaml::yaml_text),
            );
            write_new(root, &rel, &text)?;
            Ok(Created {
                file: rel,
                line: line_of(&text, PLACEHOLDER),
                also: Vec::new(),
            })
        }
        "term" => {
            // A glossary term: put where it belongs in glossary.yaml (made if the book has
            // none; see [`insert_term`]), the file read back to be sure it still parses -- if
            // not, it is left as it was.
            let term = name.trim();
            if term.is_empty() || term.contains(['\n', '\r']) {
                bail!(t!(
                    "write the term itself, e.g. `handbook new term 电能表`",
                    "写出术语本身，例如 `handbook new term 电能表`"
                ));
            }
            // (Where an entry is, as the messages name it.)
            let at = |t: &crate::content::Located<crate::content::glossary::Term>| {
                format!(
                    "{}:{}",
                    crate::diagnostics::display_path(root, &t.file).display(),
                    t.line
                )
            };
            if let Some(&i) = book.term_index.get(term) {
                let t = &book.glossary[i];
                let at = at(t);
                let what = match (t.value.term == term, crate::i18n::zh()) {
                    (true, false) => "a term",
                    (false, false) => "a synonym",
                    (true, true) => "术语",
                    (false, true) => "同义词",
                };
                bail!(t!(
                    "`{term}` is already in the glossary ({at}), as {what}",
                    "术语表里已经有{what} `{term}`（{at}）"
                ));
            }
            // A keyword of another term (search-only words): a term of its own would be found
            // twice by it.
            if let Some(t) = book
                .glossary
                .iter()
                .find(|t| t.value.keywords.iter().any(|k| k.trim() == term))
            {
                let at = at(t);
                let of = &t.value.term;
                bail!(t!(
                    "`{term}` is already in the glossary ({at}), as a keyword of `{of}`: to make it a term of its own, take it out of `{of}`'s keywords first",
                    "术语表里已经有关键词 `{term}`（{at}，术语 `{of}` 的 keywords）：要把它单独立为术语，请先从 `{of}` 的 keywords 里删掉"
                ));
            }
            let rel = src.join("glossary.yaml");
            let path = root.join(&rel);
            let before = std::fs::read_to_string(&path).unwrap_or_default();
            let quoted = crate::content::yaml::yaml_text(term);
            let entry = format!(
                "- term: {quoted}\n  synonyms: [{PLACEHOLDER}{term}的其他名称（显示为“又称”）]\n  # keywords: [客户可能这样说, 搜索时也找得到、但不显示的词]\n  definition: {PLACEHOLDER}一句话定义\n  # related: [TS-PROC-002]\n"
            );
            let (text, line) = insert_term(&before, term, &entry);
            let parsed: Result<Vec<crate::content::glossary::Term>, _> =
                serde_yaml::from_str(&text);
            if parsed.is_err() {
                bail!(t!(
                    "{} is not a plain list of terms that a new one can be added to: add it by hand",
                    "{} 不是一个能自动加入新术语的普通术语列表：请手工添加",
                    rel.display()
                ));
            }
            std::fs::write(&path, text)
                .with_context(|| t!("cannot write {}", "无法写入 {}", rel.display()))?;
            Ok(Created {
                file: rel,
                line: line + 1,
                also: Vec::new(),
            })
        }
        other => bail!(t!(
            "cannot make a `{other}`: choose lesson, rule, quiz or term",
            "不能新建 `{other}`：只能是 lesson、rule、quiz 或 term"
        )),
    }
}

/// Where a new glossary term goes, by the index of an entry of the file (in file order).
#[derive(Debug, PartialEq, Eq)]
enum Place {
    After(usize),
    Before(usize),
}

/// The length, in characters, of the longest run of characters `a` and `b` share.
fn common_run(a: &[char], b: &[char]) -> usize {
    let mut best = 0;
    let mut prev = vec![0usize; b.len() + 1];
    for &ca in a {
        let mut row = vec![0usize; b.len() + 1];
        for (j, &cb) in b.iter().enumerate() {
            if ca == cb {
                row[j + 1] = prev[j] + 1;
                best = best.max(row[j + 1]);
            }
        }
        prev = row;
    }
    best
}

/// Where the term `new` belongs among `terms`, the entries of a glossary in file order. Not at
/// the end: two trainers each adding a term on their own branch then change the same lines,
/// and every merge conflicts. A glossary in pinyin order (as the glossary page lists it) gets
/// it in its place in that order. One in another order -- by topic, as the bundled one --
/// gets it after the entry it is most like: the one whose term (else a synonym or keyword)
/// shares the longest run of characters with it, two at least (停电通知单 after 计划停电, a
/// keyword of which is 停电通知), the first of equals; with none, after the term it follows in pinyin
/// order (before the term first in that order, if it would come before them all). Either way
/// its place depends on the term itself, so two different terms rarely share one.
fn term_place(terms: &[crate::content::glossary::Term], new: &str) -> Place {
    use crate::render::collate::pinyin_key;
    let key = |t: &str| (pinyin_key(t), t.to_string());
    let keys: Vec<(String, String)> = terms.iter().map(|t| key(&t.term)).collect();
    let own = key(new);
    let in_pinyin_order = |keys: &[(String, String)]| {
        // After the last term that sorts before it; before the term sorting first, if none.
        match (0..keys.len())
            .filter(|&i| keys[i] < own)
            .max_by(|&i, &j| keys[i].cmp(&keys[j]).then(i.cmp(&j)))
        {
            Some(i) => Place::After(i),
            None => Place::Before(
                (0..keys.len())
                    .min_by(|&i, &j| keys[i].cmp(&keys[j]).then(i.cmp(&j)))
                    .unwrap_or(0),
            ),
        }
    };
    let sorted = keys.len() >= 2 && keys.windows(2).all(|w| w[0] <= w[1]);
    if sorted {
        return in_pinyin_order(&keys);
    }
    let chars: Vec<char> = new.chars().collect();
    let least = chars.len().min(2);
    // (A run shared with the term counts a little more than one as long shared with a
    // synonym.)
    let score = |t: &crate::content::glossary::Term| {
        let run = |s: &str| common_run(&chars, &s.chars().collect::<Vec<char>>());
        let on_term = run(&t.term);
        let on_synonym = t
            .synonyms
            .iter()
            .chain(&t.keywords)
            .map(|s| run(s))
            .max()
            .unwrap_or(0);
        let best = on_term.max(on_synonym);
        (best >= least && best > 0).then_some((best, on_term == best))
    };
    let mut like: Option<(usize, (usize, bool))> = None;
    for (i, t) in terms.iter().enumerate() {
        if let Some(s) = score(t) {
            if like.is_none_or(|(_, b)| s > b) {
                like = Some((i, s));
            }
        }
    }
    match like {
        Some((i, _)) => Place::After(i),
        None => in_pinyin_order(&keys),
    }
}

/// `before` (glossary.yaml's text, perhaps empty) with `entry` (a new entry for `term`,
/// written at column 0) put in its place ([`term_place`]), comments and layout kept: an
/// entry ends at its last line that is neither empty nor a comment at the list's own indent
/// (those lead into the next entry); entries are parted by an empty line when the file parts
/// them so, and lines end as the file's do (`\r\n` written on Windows). Returns the text and the
/// line of the new entry's first line. A file whose entries cannot be told apart line by line
/// gets it at its end (and is then read back).
fn insert_term(before: &str, term: &str, entry: &str) -> (String, usize) {
    let nl = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let entry = &entry.replace('\n', nl);
    let append = || {
        let mut text = before.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push_str(nl);
        }
        if !text.trim().is_empty() {
            text.push_str(nl);
        }
        let line = text.lines().count() + 1;
        text.push_str(entry);
        (text, line)
    };
    let Ok(terms) = serde_yaml::from_str::<Vec<crate::content::glossary::Term>>(before) else {
        return append();
    };
    if terms.is_empty() {
        return append();
    }
    // Each entry's first line (1-based, that of its `- `) and the indent of its `-`.
    let spans = crate::content::spans::Spans::new(
        std::sync::Arc::new(crate::content::spans::SpanMap::parse(before)),
        "",
    );
    let lines: Vec<&str> = before.lines().collect();
    let mut starts = Vec::with_capacity(terms.len());
    for i in 0..terms.len() {
        let Some((line, _)) = spans.at(&i.to_string()) else {
            return append();
        };
        let Some(l) = lines.get(line.wrapping_sub(1)) else {
            return append();
        };
        let dash = l.len() - l.trim_start_matches(' ').len();
        if !l[dash..].starts_with("- ") || starts.last().is_some_and(|&(s, _)| s >= line) {
            return append();
        }
        starts.push((line, dash));
    }
    let indent = starts[0].1;
    if starts.iter().any(|&(_, d)| d != indent) {
        return append();
    }
    let lead = |l: &str| {
        let t = l.trim_start();
        t.is_empty() || (t.starts_with('#') && l.len() - t.len() <= indent)
    };
    // The last line (1-based) of entry i.
    let end = |i: usize| {
        let next = starts.get(i + 1).map_or(lines.len() + 1, |s| s.0);
        (starts[i].0..next)
            .rev()
            .find(|&l| !lead(lines[l - 1]))
            .unwrap_or(starts[i].0)
    };
    let parted = terms.len() < 2
        || (1..terms.len())
            .any(|i| (end(i - 1) + 1..starts[i].0).any(|l| lines[l - 1].trim().is_empty()));
    let gap = if parted { nl } else { "" };
    let pad = " ".repeat(indent);
    let entry: String = entry.lines().map(|l| format!("{pad}{l}{nl}")).collect();
    // Byte offset of the start of line `l` (1-based); the text's end after its last line.
    let offset =
        |l: usize| -> usize { before.split_inclusive('\n').take(l - 1).map(str::len).sum() };
    let mut text = String::with_capacity(before.len() + entry.len() + 2);
    let line = match term_place(&terms, term) {
        Place::After(i) => {
            let last = end(i);
            let at = offset(last + 1);
            text.push_str(&before[..at]);
            if !text.ends_with('\n') {
                text.push_str(nl);
            }
            text.push_str(gap);
            text.push_str(&entry);
            text.push_str(&before[at..]);
            last + 1 + usize::from(parted)
        }
        Place::Before(i) => {
            let at = offset(starts[i].0);
            text.push_str(&before[..at]);
            text.push_str(&entry);
            text.push_str(gap);
            text.push_str(&before[at..]);
            starts[i].0
        }
    };
    (text, line)
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
                    t!(
                        "{PLACEHOLDER} is still here: this text has not been written yet",
                        "这里还有 {PLACEHOLDER}：这段文字还没写"
                    ),
                )
                .with_hint(t!(
                    "write the real text in its place (and delete the marker)",
                    "在这里写上真正的内容（并删掉这个标记）"
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What is there already is named as what it is, in backticks.
    #[test]
    fn what_exists_already_is_named_in_chinese() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::init::init(root).unwrap();
        let zh = |kind: &str, name: &str| {
            crate::i18n::in_chinese(|| new(root, kind, name, None, None))
                .err()
                .unwrap()
                .to_string()
        };
        let e = zh("lesson", "basics/first-lesson");
        assert!(
            e.starts_with("课程 `basics/first-lesson` 已经存在："),
            "{e}"
        );
        let e = zh("rule", "EX-PROC-001");
        assert!(e.starts_with("规则 `EX-PROC-001` 已经存在："), "{e}");
        new(root, "term", "电能表", None, None).unwrap();
        let e = zh("term", "电能表");
        assert!(
            e.starts_with("术语表里已经有术语 `电能表`（content/glossary.yaml:"),
            "{e}"
        );
        assert!(e.ends_with('）'), "{e}");
        let en = new(root, "term", "电能表", None, None)
            .err()
            .unwrap()
            .to_string();
        assert!(
            en.starts_with("`电能表` is already in the glossary (content/glossary.yaml:"),
            "{en}"
        );
        assert!(en.ends_with("), as a term"), "{en}");
        // A keyword of another term: told whose, and what to do.
        let g = root.join("content/glossary.yaml");
        let text = std::fs::read_to_string(&g).unwrap();
        let text = text.replacen(
            "- term: 电能表\n",
            "- term: 电能表\n  keywords: [智能电表]\n",
            1,
        );
        std::fs::write(&g, text).unwrap();
        let e = zh("term", "智能电表");
        assert!(
            e.starts_with("术语表里已经有关键词 `智能电表`（content/glossary.yaml:")
                && e.contains("请先从 `电能表` 的 keywords 里删掉"),
            "{e}"
        );
    }

    fn entry(term: &str) -> String {
        format!("- term: {term}\n  definition: 新\n")
    }

    #[test]
    fn a_new_term_goes_after_the_entry_it_is_most_like_in_a_glossary_by_topic() {
        let before = "# 术语表\n- term: 投诉\n  synonyms: [申诉]\n  definition: 甲\n\n- term: 停电\n  synonyms: [断电, 没电]\n  definition: 乙\n  # related: [TS-CAT-002]\n\n# 计量\n- term: 电能表\n  synonyms: [电表]\n  definition: 丙\n";
        // 计划停电 shares 停电 with a term; 智能电表 电表 with a synonym.
        let (text, line) = insert_term(before, "计划停电", &entry("计划停电"));
        assert_eq!(
            text,
            before.replace(
                "  # related: [TS-CAT-002]\n",
                "  # related: [TS-CAT-002]\n\n- term: 计划停电\n  definition: 新\n"
            )
        );
        assert_eq!(text.lines().nth(line - 1), Some("- term: 计划停电"));
        let (text, line) = insert_term(before, "智能电表", &entry("智能电表"));
        assert!(
            text.ends_with("  definition: 丙\n\n- term: 智能电表\n  definition: 新\n"),
            "{text}"
        );
        assert_eq!(text.lines().nth(line - 1), Some("- term: 智能电表"));
        // Nothing alike: after the term before it in pinyin order (电能表 dian, 停电 ting,
        // 投诉 tou: 违约金 wei after 投诉), or before the first (抄表 chao: before 电能表).
        assert_eq!(
            term_place(&serde_yaml::from_str::<Vec<_>>(before).unwrap(), "抄表"),
            Place::Before(2)
        );
        let (text, _) = insert_term(before, "抄表", &entry("抄表"));
        // (Between the comment leading into 电能表 and the entry.)
        assert!(
            text.contains("# 计量\n- term: 抄表\n  definition: 新\n\n- term: 电能表\n"),
            "{text}"
        );
        assert_eq!(
            term_place(&serde_yaml::from_str::<Vec<_>>(before).unwrap(), "违约金"),
            Place::After(0)
        );
        // The header comment, and every line, stay as they were.
        for t in ["计划停电", "智能电表", "抄表", "违约金"] {
            let (text, _) = insert_term(before, t, &entry(t));
            let block = format!("- term: {t}\n  definition: 新\n");
            assert!(
                text.replacen(&format!("\n{block}"), "", 1) == before
                    || text.replacen(&format!("{block}\n"), "", 1) == before,
                "{t}: {text}"
            );
        }
    }

    #[test]
    fn a_new_term_goes_in_its_place_in_a_glossary_in_pinyin_order() {
        let before = "- term: 电费\n  definition: 甲\n- term: 工单\n  definition: 乙\n- term: 投诉\n  definition: 丙\n";
        let (text, line) = insert_term(before, "回访", &entry("回访"));
        // (No empty line between the entries: none added.)
        assert_eq!(
            text,
            "- term: 电费\n  definition: 甲\n- term: 工单\n  definition: 乙\n- term: 回访\n  definition: 新\n- term: 投诉\n  definition: 丙\n"
        );
        assert_eq!(line, 5);
        let (text, line) = insert_term(before, "办结", &entry("办结"));
        assert!(text.starts_with("- term: 办结\n  definition: 新\n- term: 电费\n"));
        assert_eq!(line, 1);
        let (text, _) = insert_term(before, "响应", &entry("响应"));
        assert!(
            text.ends_with("丙\n- term: 响应\n  definition: 新\n"),
            "{text}"
        );
    }

    #[test]
    fn two_new_terms_on_two_branches_change_different_lines() {
        // What git merges without a conflict: each side's lines changed with an unchanged
        // line between them.
        let before = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("content/glossary.yaml"),
        )
        .unwrap();
        let place = |t: &str| {
            let (text, line) = insert_term(&before, t, &entry(t));
            assert!(serde_yaml::from_str::<Vec<crate::content::glossary::Term>>(&text).is_ok());
            line
        };
        let (a, b) = (place("停电通知单"), place("电费发票"));
        assert!(a.abs_diff(b) > 3, "{a} {b}");
        let last = before.lines().count();
        assert!(a < last && b < last, "{a} {b} {last}");
    }

    #[test]
    fn a_glossary_whose_entries_cannot_be_told_apart_gets_the_term_at_its_end() {
        let (text, line) = insert_term("[{term: 甲, definition: 一}]\n", "乙", &entry("乙"));
        assert_eq!(
            text,
            "[{term: 甲, definition: 一}]\n\n- term: 乙\n  definition: 新\n"
        );
        assert_eq!(line, 3);
        let (text, line) = insert_term("", "乙", &entry("乙"));
        assert_eq!((text.as_str(), line), ("- term: 乙\n  definition: 新\n", 1));
        // A list indented under nothing: the new entry is indented as its entries.
        let (text, _) = insert_term(
            "  - term: 停电\n    definition: 一\n",
            "计划停电",
            &entry("计划停电"),
        );
        assert_eq!(
            text,
            "  - term: 停电\n    definition: 一\n\n  - term: 计划停电\n    definition: 新\n"
        );
        assert!(serde_yaml::from_str::<Vec<crate::content::glossary::Term>>(&text).is_ok());
        // Lines end as the file's do.
        let (text, _) = insert_term(
            "- term: 停电\r\n  definition: 一\r\n",
            "计划停电",
            &entry("计划停电"),
        );
        assert_eq!(
            text,
            "- term: 停电\r\n  definition: 一\r\n\r\n- term: 计划停电\r\n  definition: 新\r\n"
        );
    }

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
