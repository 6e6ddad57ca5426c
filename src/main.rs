//! The `handbook` command line: parse arguments, call the library, print, exit code.

use clap::{Parser, Subcommand};
use handbook::t;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

// mimalloc: rendering and indexing make millions of small allocations; on the 10,000-page
// benchmark it builds ~14 % faster than the system allocator. Its transparent-huge-page use is
// off (`no_thp` in Cargo.toml): with it, build times swung between 1.8 and 2.6 s run to run.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "handbook",
    version,
    about = "Build a searchable, offline training handbook from YAML rules and Markdown lessons"
)]
struct Cli {
    /// Folder that holds book.toml
    #[arg(long, global = true, default_value = ".")]
    root: PathBuf,
    /// Language of the messages: zh (中文) or en (default: the book's `language`, or the
    /// HANDBOOK_LANG environment variable)
    #[arg(long, global = true, value_parser = lang_tag)]
    lang: Option<String>,
    /// Print nothing when all went well without a warning (for cron and scripts: the summary
    /// line is left out then; warnings and errors are printed as ever)
    #[arg(long, short, global = true)]
    quiet: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the static site (default output: site/)
    Build {
        /// Output folder (overrides [build] dest in book.toml)
        #[arg(long)]
        dest: Option<PathBuf>,
        /// How to print errors: for people, as JSON lines, or as GitHub Actions annotations
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors: nothing is written while there is one
        #[arg(long)]
        strict: bool,
        /// Build the lessons marked `draft: true` too (for a preview; not for publishing)
        #[arg(long)]
        drafts: bool,
        /// Build only the pages for these readers (frontline, new-staff, trainer; comma-separated;
        /// `all` for every page), in place of book.toml's [build] audience
        #[arg(long, value_name = "READERS")]
        audience: Option<String>,
    },
    /// Validate everything and write nothing; exits non-zero on any error
    Check {
        /// How to print errors: for people, as JSON lines, or as GitHub Actions annotations
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Treat warnings as errors (exit non-zero on any)
        #[arg(long)]
        strict: bool,
        /// Check the lessons marked `draft: true` too
        #[arg(long)]
        drafts: bool,
        /// Check the book as built for these readers (as `build --audience`)
        #[arg(long, value_name = "READERS")]
        audience: Option<String>,
        /// Also run the book's search checks (search-checks.yaml) in headless Chromium, Chrome
        /// or Edge: a question whose page is not found within its place is an error
        #[arg(long)]
        search: bool,
        /// The browser to run the search checks in (default: HANDBOOK_BROWSER, else Chromium,
        /// Chrome or Edge where installed)
        #[arg(long, value_name = "PATH", requires = "search")]
        browser: Option<PathBuf>,
        /// Check as of this day, YYYY-MM-DD (a day ahead: what a repeal or a changed limit
        /// taking effect then leaves to mend)
        #[arg(long, value_name = "DATE")]
        today: Option<String>,
        /// Report only the mistakes in these files or folders (the whole book is still checked:
        /// a link from them to a page elsewhere is followed)
        #[arg(value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Build, serve on http://127.0.0.1:3000, rebuild on change and reload open pages
    Serve {
        #[arg(long, short, default_value_t = 3000)]
        port: u16,
        /// Address to listen on; the default serves this computer only
        #[arg(long, default_value = "127.0.0.1")]
        bind: String,
        /// Open the site in a browser
        #[arg(long)]
        open: bool,
        /// Output folder (overrides [build] dest in book.toml)
        #[arg(long)]
        dest: Option<PathBuf>,
        /// Show the lessons marked `draft: true` too, marked as drafts
        #[arg(long)]
        drafts: bool,
        /// Preview only the pages for these readers (as `build --audience`; `all` for every page)
        #[arg(long, value_name = "READERS")]
        audience: Option<String>,
    },
    /// Create a small working handbook in DIR
    Init {
        /// The folder to create the book in (new, or without a book.toml); --root is not used
        dir: PathBuf,
    },
    /// Add a lesson, rule, quiz or glossary term with every field in place (what is left to write is
    /// marked 【待填写】, and `check` warns about it until it is written)
    New {
        /// lesson, rule, quiz or term (a glossary entry, put into glossary.yaml in pinyin order or beside the entry most like it)
        #[arg(value_parser = ["lesson", "rule", "quiz", "term"])]
        kind: String,
        /// A lesson's path in the content folder (procedure/escalation), a rule's id
        /// (TS-PROC-007), a quiz's id (escalation-basics) or the term (电能表)
        name: String,
        /// Its title
        #[arg(long)]
        title: Option<String>,
        /// A rule's category (default: the first in categories.yaml)
        #[arg(long)]
        category: Option<String>,
    },
    /// Move or rename a lesson, or a folder with everything in it: rewrites the links,
    /// references and course items that name it, and keeps each page's old path in its
    /// `aliases` (old addresses forward, learners' records follow).
    /// `mv tag:OLD tag:NEW` renames a tag (or merges it into another) on every page and link.
    /// `mv LESSON#section NEW` makes a section (with those under it) a lesson of its own.
    /// `mv rule:OLD rule:NEW` renumbers a rule everywhere it is cited, `mv quiz:OLD quiz:NEW`
    /// renames a quiz
    Mv {
        /// The lesson's path in the content folder now (procedure/time-limits), a folder's
        /// (procedure), or tag:NAME
        from: String,
        /// Where it goes (handling/deadlines; a folder: service/procedure), or tag:NEW
        to: String,
    },
    /// Import a question bank kept in Excel (题库, saved as 「CSV UTF-8」 or 「Unicode 文本」: 题型 |
    /// 题干 | 选项A … | 答案 | 解析) into a quiz, or an mdBook as a new handbook
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Export the question bank for an LMS (Moodle): GIFT or Moodle XML, into DIR
    Export {
        /// gift or moodle-xml
        #[arg(long, value_parser = ["gift", "moodle-xml"])]
        format: String,
        dir: PathBuf,
    },
    /// What to look at next: rules no question asks about or no lesson cites, rules not
    /// reviewed lately, lessons and quizzes left out of the course, questions without an
    /// explanation or a rule behind them, unused glossary terms, modules over their estimate
    Report {
        /// human (a list to read) or json (one object)
        #[arg(long, value_parser = ["human", "json"], default_value = "human")]
        format: String,
        /// A rule whose latest revision or effective date is older than this is listed
        #[arg(long, default_value_t = 12)]
        stale_months: u32,
        /// Exit with 1 when anything is listed (for a CI step that wants a clean report)
        #[arg(long)]
        strict: bool,
        /// Report as of this day, YYYY-MM-DD (default: today)
        #[arg(long)]
        today: Option<String>,
    },
    /// Write the JSON Schemas of rule and quiz files (for editors) into DIR, or print one
    Schema {
        /// Folder to write rule.schema.json and quiz.schema.json into
        #[arg(long)]
        out: Option<PathBuf>,
        /// Print this schema instead: rule or quiz
        #[arg(value_parser = ["rule", "quiz"])]
        which: Option<String>,
    },
}

#[derive(Subcommand)]
enum ImportWhat {
    /// Questions from a CSV file, or Excel's 「Unicode 文本」 (tab-separated UTF-16), one row a
    /// question under a header row
    Questions {
        /// The bank as Excel saves it: 另存为 「CSV UTF-8（逗号分隔）」 (.csv), or 「Unicode 文本」 (.txt)
        file: PathBuf,
        /// The quiz to add them to, or to make (content/quizzes/ID.quiz.yaml)
        #[arg(long)]
        quiz: String,
        /// A new quiz's title (default: its id)
        #[arg(long)]
        title: Option<String>,
    },
    /// An mdBook (its folder, with book.toml and src/SUMMARY.md) as a new handbook at --root:
    /// SUMMARY.md's order and titles, README.md as _index.md, old .html addresses and heading
    /// ids kept working; then `check` says what is left
    Mdbook {
        /// The mdBook's folder
        book: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    /// `error: file:line:col: message` and a help line, on stderr
    Human,
    /// One JSON object per line on stdout: each diagnostic, then a summary
    Json,
    /// `::error file=…,line=…,col=…::message` lines on stdout, which GitHub Actions shows on
    /// the file's line
    Github,
}

fn print_diagnostics(report: &handbook::Report) {
    for said in report.diagnostics.grouped(|_| true) {
        eprintln!("{said}");
    }
}

/// A diagnostic as a GitHub Actions workflow command (its data and properties escaped).
fn github_annotation(d: &handbook::diagnostics::Diagnostic) -> String {
    fn data(s: &str) -> String {
        s.replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A")
    }
    fn property(s: &str) -> String {
        data(s).replace(':', "%3A").replace(',', "%2C")
    }
    let kind = if d.is_error() { "error" } else { "warning" };
    let mut props = format!("file={}", property(&d.file.to_string_lossy()));
    if d.line > 0 {
        props.push_str(&format!(",line={}", d.line));
        if d.col > 0 {
            props.push_str(&format!(",col={}", d.col));
        }
    }
    let mut message = d.message.clone();
    if let Some(hint) = &d.hint {
        message.push_str(&t!("\n= help: {hint}", "\n= 提示: {hint}"));
    }
    format!("::{kind} {props},title=handbook::{}", data(&message))
}

/// Prints a check's report (errors named from the current folder) and its summary line: the
/// end of `check`, and of the commands that run it after writing (`mv`, `import`).
fn checked(report: handbook::Report, root: &std::path::Path, format: Format) -> ExitCode {
    let summary = report.summary(&t!("checked", "已检查"));
    told(report, root, format, &summary)
}

/// Prints `report` with `summary` (errors named from the current folder); the exit status.
fn told(
    mut report: handbook::Report,
    root: &std::path::Path,
    format: Format,
    summary: &str,
) -> ExitCode {
    from_here(&mut report, root);
    print_report(&report, format, summary);
    if report.ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// `check PATH…`'s paths, absolute and without `.` / `..`; a path that does not exist, or
/// one outside the book at `root`, is an error (exit 2, as a command-line slip).
fn scope_of(root: &std::path::Path, paths: &[PathBuf]) -> Result<Vec<PathBuf>, ExitCode> {
    let here = std::env::current_dir().unwrap_or_default();
    let book = lexical(&here.join(root));
    let real = book.canonicalize().ok();
    let mut out = Vec::new();
    for p in paths {
        if !p.exists() {
            // (`——strict`, a Chinese dash for `--`, is taken for a path.)
            let typed = p.to_string_lossy();
            let (message, hint) = chinese_dash(&typed, handbook::i18n::zh()).unwrap_or_else(|| {
                (
                    t!("`{typed}` does not exist", "找不到 `{typed}`"),
                    t!(
                        "name a file or folder of the book, e.g. `handbook check content/procedure/`",
                        "请写手册里的文件或文件夹，例如 `handbook check content/procedure/`"
                    ),
                )
            });
            return Err(slip(&message, &hint));
        }
        let at = lexical(&here.join(p));
        // (`handbook check /etc/passwd` said 0 errors and exit 0: IT admin review.) A path
        // into the book through a link (a linked folder of it) is taken as the book's own
        // path, which its diagnostics name (second review: its errors were left out).
        let through_link = || {
            let c = at.canonicalize().ok()?;
            Some(book.join(c.strip_prefix(real.as_ref()?).ok()?))
        };
        let Some(at) = (at.starts_with(&book))
            .then(|| at.clone())
            .or_else(through_link)
        else {
            let (typed, shown) = (p.to_string_lossy(), book.display());
            return Err(slip(
                &t!(
                    "`{typed}` is not in the book (`{shown}`)",
                    "`{typed}` 不在这本手册（`{shown}`）里"
                ),
                &t!(
                    "name a file or folder of the book, e.g. `handbook check content/procedure/`; for another book, give its folder with --root",
                    "请写手册里的文件或文件夹，例如 `handbook check content/procedure/`；要检查另一本手册，用 --root 指定它的文件夹"
                ),
            ));
        };
        out.push(at);
    }
    Ok(out)
}

/// `path` without `.` and with each `..` taking the folder before it (no file system lookup:
/// a diagnostic may name a file that is gone).
fn lexical(path: &std::path::Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// [`checked`] for `check PATH…`: only the diagnostics of files under `scope` (absolute), and
/// how many the rest of the book has, so that they are not taken for none.
fn checked_in(
    mut report: handbook::Report,
    root: &std::path::Path,
    format: Format,
    paths: &[PathBuf],
    scope: &[PathBuf],
) -> ExitCode {
    let book = lexical(&std::env::current_dir().unwrap_or_default().join(root));
    let (mine, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut report.diagnostics.items)
        .into_iter()
        .partition(|d| {
            let file = lexical(&book.join(&d.file));
            scope.iter().any(|s| file.starts_with(s))
        });
    report.diagnostics.items = mine;
    let errors = rest.iter().filter(|d| d.is_error()).count();
    let warnings = rest.len() - errors;
    let named = paths
        .iter()
        .map(|p| format!("`{}`", p.display()))
        .collect::<Vec<_>>()
        .join(if handbook::i18n::zh() { "、" } else { ", " });
    let mut summary = report.summary(&t!("checked", "已检查"));
    summary.push_str(&if rest.is_empty() {
        t!(
            " (shown: {named}; no mistakes elsewhere)",
            "（只显示了 {named} 里的；其他文件没有问题）"
        )
    } else {
        t!(
            " (shown: {named}; the rest of the book has {errors} error(s), {warnings} warning(s): `handbook check` shows all)",
            "（只显示了 {named} 里的；其他文件还有 {errors} 个错误、{warnings} 个警告，不带路径运行 `handbook check` 可以看到全部）"
        )
    });
    told(report, root, format, &summary)
}

/// Diagnostics name files from the book's folder (`content/basics/a.md`); with a `--root`
/// other than `.`, from the current folder instead (`handbook/content/basics/a.md`, for an
/// absolute one as well; in full when the book is not under it): where a terminal opens them
/// and where CI annotations (a repository checked out, the book in a folder of it) find them.
fn from_here(report: &mut handbook::Report, root: &std::path::Path) {
    // (The book's folder as named from here, once for all the report's files.)
    let shown = shown_root(root);
    for d in &mut report.diagnostics.items {
        d.rename(|f| named_from(shown.as_deref(), f));
    }
}

/// A path from the book's folder, as [`from_here`] names it: from the current folder with a
/// `--root` other than `.` (in full, an absolute one outside it).
fn path_from_here(root: &std::path::Path, file: &std::path::Path) -> PathBuf {
    named_from(shown_root(root).as_deref(), file)
}

/// The book's folder (`--root`) as named from the current folder; None when files are named
/// from the book's folder as they are (`--root .`, or the book is the current folder). An
/// absolute `--root` (a script's, a CI's `$GITHUB_WORKSPACE/handbook`): from the current
/// folder when the book is under it, else the whole path.
fn shown_root(root: &std::path::Path) -> Option<PathBuf> {
    if root == std::path::Path::new(".") || root.as_os_str().is_empty() {
        return None;
    }
    let shown = if root.is_absolute() {
        let here = lexical(&std::env::current_dir().unwrap_or_default());
        let book = lexical(root);
        match book.strip_prefix(&here) {
            Ok(rel) => rel.to_path_buf(),
            Err(_) => book,
        }
    } else {
        root.strip_prefix(".").unwrap_or(root).to_path_buf()
    };
    (!shown.as_os_str().is_empty()).then_some(shown)
}

/// `file`, named from the book's folder, as named from here (`shown`: [`shown_root`]).
fn named_from(shown: Option<&std::path::Path>, file: &std::path::Path) -> PathBuf {
    match shown {
        // (Not a path that already starts there: the site's folder, `book/site`.)
        Some(root)
            if file.is_relative() && !file.as_os_str().is_empty() && !file.starts_with(root) =>
        {
            root.join(file)
        }
        _ => file.to_path_buf(),
    }
}

/// `--quiet`: a summary line is left out when all went well without a warning.
static QUIET: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// A build's or check's diagnostics and its summary line, in the chosen format.
fn print_report(report: &handbook::Report, format: Format, summary: &str) {
    match format {
        Format::Human => print_diagnostics(report),
        Format::Json => {
            for d in &report.diagnostics.items {
                let mut v = serde_json::to_value(d).unwrap_or_default();
                v["type"] = "diagnostic".into();
                println!("{v}");
            }
            let d = &report.diagnostics;
            println!(
                "{}",
                serde_json::json!({
                    "type": "summary", "ok": report.ok(), "errors": d.error_count(),
                    "warnings": d.warning_count(), "pages": report.pages, "rules": report.rules,
                    "quizzes": report.quizzes, "text": summary,
                })
            );
            return;
        }
        Format::Github => {
            for d in &report.diagnostics.items {
                println!("{}", github_annotation(d));
            }
        }
    }
    let quiet = QUIET.load(std::sync::atomic::Ordering::Relaxed);
    if report.ok() {
        if !(quiet && report.diagnostics.warning_count() == 0) {
            println!("{summary}");
        }
    } else {
        eprintln!("{summary}");
    }
}

/// `handbook mv`: a lesson or a folder, or with `tag:` a tag. What was done, and each file
/// rewritten with its number of references.
fn mv_lesson_or_tag(
    root: &std::path::Path,
    from: &str,
    to: &str,
) -> anyhow::Result<(String, Vec<(PathBuf, usize)>)> {
    if from.trim().starts_with("tag:") {
        let t = handbook::retag::retag(root, from, to)?;
        let file = path_from_here(root, &t.tags_file);
        let (old, new, file) = (&t.old, &t.new, file.display());
        let slug = handbook::book::tag_slug(new);
        let mut done = match t.merged {
            true => t!(
                "merged tag {old} into {new} (its pages carry {new} now; {old} is in its aliases in {file}: the old tag's page forwards, old links lead there)",
                "已把标签 `{old}` 并入 `{new}`（它的页面现在标着 `{new}`；`{old}` 记在 {file} 里 `{new}` 的 aliases 中：旧标签的页面会转到新页面，旧链接也通向那里）"
            ),
            false => t!(
                "renamed tag {old} -> {new} (its page is tags/{slug}/ now; {old} is in its aliases in {file}: the old tag's page forwards, old links lead there)",
                "已把标签 `{old}` 改名为 `{new}`（它的页面现在是 tags/{slug}/；`{old}` 记在 {file} 里它的 aliases 中：旧标签的页面会转到新页面，旧链接也通向那里）"
            ),
        };
        for note in &t.notes {
            done.push_str(&t!("\n  note: {note}", "\n  注意：{note}"));
        }
        return Ok((done, t.rewritten));
    }
    // A rule renumbered or a quiz renamed: what became what, and where its file is.
    let said = |r: handbook::renumber::Renumbered, what: String, follows: String| {
        let (from, to) = (path_from_here(root, &r.from), path_from_here(root, &r.to));
        let file = if r.from == r.to {
            t!("in {}", "在 {}", to.display())
        } else {
            format!("{} -> {}", from.display(), to.display())
        };
        let (old, new) = (&r.old, &r.new);
        (
            t!(
                "{what} {old} -> {new} ({file}; {old} is in its aliases: {follows})",
                "{what} {old} -> {new}（{file}；{old} 记在它的 aliases 中：{follows}）"
            ),
            r.rewritten,
        )
    };
    if from.trim().starts_with("rule:") {
        let r = handbook::renumber::renumber(root, from, to)?;
        return Ok(said(
            r,
            t!("renumbered rule", "已给规则改编号"),
            t!(
                "old links, addresses and records follow",
                "旧链接、旧地址和学习记录都会跟过去"
            ),
        ));
    }
    if from.trim().starts_with("quiz:") {
        let r = handbook::renumber::rename_quiz(root, from, to)?;
        return Ok(said(
            r,
            t!("renamed quiz", "已给测验改名"),
            t!(
                "its old address and learners' records follow; question ids are kept",
                "旧地址和学员的记录都会跟过去；题目的 id 不变"
            ),
        ));
    }
    if from.contains('#') {
        let s = handbook::mv::split(root, from, to)?;
        let under = match s.ids.len() {
            1 => String::new(),
            n => t!(" and the {} under it", "和它下面的 {} 个小节", n - 1),
        };
        let (from, to) = (path_from_here(root, &s.from), path_from_here(root, &s.to));
        let (id, from, to) = (&s.ids[0], from.display(), to.display());
        return Ok((
            t!(
                "moved section #{id}{under} of {from} -> {to} (a lesson of its own)",
                "已把 {from} 的小节 `#{id}`{under} 移到 {to}（成为一篇单独的课程）"
            ),
            s.rewritten,
        ));
    }
    let m = handbook::mv::mv(root, from, to)?;
    let (from, to) = (path_from_here(root, &m.from), path_from_here(root, &m.to));
    let (from, to) = (from.display(), to.display());
    let Some(f) = &m.folder else {
        if m.data_file {
            return Ok((
                t!(
                    "moved {from} -> {to} (its rules or quiz are found by their ids: nothing that names them changes)",
                    "已移动 {from} -> {to}（其中的规则或测验按编号查找，引用它们的地方都不用改）"
                ),
                m.rewritten,
            ));
        }
        return Ok((
            t!("moved {from} -> {to}", "已移动 {from} -> {to}"),
            m.rewritten,
        ));
    };
    let (lessons, files) = (f.lessons, f.files);
    let mut done = match lessons {
        // (Rule or quiz files, pictures: what names them is their id, or a link rewritten.)
        0 if handbook::i18n::zh() => {
            format!("已移动文件夹 {from} -> {to}（共 {files} 个文件，其中没有课程）")
        }
        0 => {
            let files = handbook::i18n::counted(files, "file", "files");
            format!("moved folder {from} -> {to} ({files}, no lessons)")
        }
        _ if handbook::i18n::zh() => format!(
            "已移动文件夹 {from} -> {to}（{lessons} 篇课程，共 {files} 个文件；每个页面的旧路径都记进了它的 aliases：旧地址会自动跳转，学员的学习记录也跟着走）"
        ),
        _ => {
            let n = handbook::i18n::counted;
            let (lessons, files) = (n(lessons, "lesson", "lessons"), n(files, "file", "files"));
            format!("moved folder {from} -> {to} ({lessons}, {files} in all; each page's old path is in its aliases: old addresses forward, learners' records follow)")
        }
    };
    // A section without `_index.md` has nowhere to list its old path.
    for (old, new) in &f.not_forwarded {
        done.push_str(&t!(
            "\n  note: {old}/ had no _index.md, so its old address does not forward; to keep it, add {new}/_index.md with `aliases: [{old}]`",
            "\n  注意：{old}/ 没有 _index.md，它的旧地址不会跳转；要保留，请新建 {new}/_index.md，写上 `aliases: [{old}]`"
        ));
    }
    Ok((done, m.rewritten))
}

/// `--lang`: zh or en, or a tag of either (`zh-CN`, as book.toml's `language` writes it).
fn lang_tag(tag: &str) -> Result<String, String> {
    match handbook::i18n::parse(tag) {
        Some(_) => Ok(tag.to_string()),
        None => Err("write zh (中文) or en (English)".into()),
    }
}

/// The command line, parsed; a mistake in it is told in the book's language (clap's own words
/// are English): a command or option that does not exist, a value not allowed, something
/// missing or left over. Exits with 2, as clap does. With it, the language chosen for the book
/// at `--root` (from the words typed, so that it is read once).
fn parse_cli() -> (Cli, handbook::i18n::Lang) {
    use clap::error::ErrorKind;
    use clap::{CommandFactory, FromArgMatches};
    // The language as `main` will choose it, from the words typed (`--help` and a mistake in
    // the command line are told before `main` can read them parsed).
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let after = |name: &str| {
        args.iter().enumerate().find_map(|(i, a)| {
            a.strip_prefix(&format!("{name}="))
                .map(str::to_string)
                .or_else(|| (a == name).then(|| args.get(i + 1).cloned()).flatten())
        })
    };
    let root = PathBuf::from(after("--root").unwrap_or_else(|| ".".into()));
    let lang = handbook::i18n::detect(&root, after("--lang").as_deref());
    let zh = lang == handbook::i18n::Lang::Zh;
    let mut cmd = Cli::command();
    if zh {
        cmd = help_in_chinese(cmd);
    }
    // (`handbook help check`, clap's help command, is `handbook check --help`: the help
    // command itself is left out of the Chinese form.)
    let mut argv: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // (The first word that is not a global option or its value.)
    let mut i = 1;
    while let Some(a) = argv.get(i).map(|a| a.to_string_lossy()) {
        match a.as_ref() {
            "--root" | "--lang" => i += 2,
            a if a.starts_with("--root=") || a.starts_with("--lang=") => i += 1,
            _ => break,
        }
    }
    if zh && argv.get(i).is_some_and(|a| a == "help") {
        argv.remove(i);
        argv.push("--help".into());
    }
    let e = match cmd
        .try_get_matches_from(argv)
        .and_then(|m| Cli::from_arg_matches(&m))
    {
        Ok(cli) => return (cli, lang),
        Err(e) => e,
    };
    if !zh
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        e.exit();
    }
    let (message, hint) = match cli_slip_in_chinese(&e, &args) {
        Some(said) => said,
        None => e.exit(),
    };
    eprintln!("错误: {message}\n  = 提示: {hint}");
    std::process::exit(2)
}

/// A slip of the command line that clap cannot see (a word it took as a value), said as clap's
/// own are: the message, the hint, exit status 2.
fn slip(message: &str, hint: &str) -> ExitCode {
    eprintln!(
        "{}",
        t!(
            "error: {message}\n  = help: {hint}",
            "错误: {message}\n  = 提示: {hint}"
        )
    );
    ExitCode::from(2)
}

/// `——strict`: an option typed with a Chinese input method's dash (or a full-width minus) for
/// `--`, said (message, hint) in Chinese or English; `None` for any other word.
fn chinese_dash(typed: &str, zh: bool) -> Option<(String, String)> {
    let dashes = ['—', '－', '–', '―'];
    if !typed.starts_with(dashes) {
        return None;
    }
    let fixed = format!(
        "--{}",
        typed.trim_start_matches(dashes).trim_start_matches('-')
    );
    Some(if zh {
        (
            format!("`{typed}` 用的是中文的破折号或全角减号"),
            format!("请写成 `{fixed}`：两个半角减号（把输入法切换到英文标点）"),
        )
    } else {
        (
            format!("`{typed}` is written with a Chinese dash or a full-width minus"),
            format!("write `{fixed}`: two ASCII hyphens (switch the input method to English punctuation)"),
        )
    })
}

/// A mistake on the command line said in Chinese (message, hint), from clap's error and the
/// words typed; `None` for the kinds clap says well enough itself.
fn cli_slip_in_chinese(e: &clap::error::Error, args: &[String]) -> Option<(String, String)> {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let text = |kind: ContextKind| match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s.clone()),
        Some(ContextValue::Strings(v)) => Some(v.join("、")),
        Some(ContextValue::StyledStr(s)) => Some(s.to_string()),
        _ => None,
    };
    // The option an error is about (clap's `--dest <DEST>`: `--dest`).
    let option_of = |arg: &str| {
        arg.split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string()
    };
    // The command typed (`new`, `import questions`), for the `--help` to try.
    const COMMANDS: [&str; 10] = [
        "build", "check", "serve", "init", "new", "mv", "import", "export", "report", "schema",
    ];
    let command = args
        .iter()
        .skip(1)
        .position(|a| COMMANDS.contains(&a.as_str()))
        .map(|i| {
            let words = &args[i + 1..];
            match (words[0].as_str(), words.get(1).map(String::as_str)) {
                ("import", Some(w @ ("questions" | "mdbook"))) => format!("handbook import {w}"),
                (c, _) => format!("handbook {c}"),
            }
        });
    let help = match &command {
        Some(c) => format!("`{c} --help` 可以看到它要写什么、有哪些选项"),
        None => "`handbook --help` 列出全部命令".into(),
    };
    // clap's placeholders (`<NAME>`, `--format <FORMAT>`) in words.
    let words = |arg: &str| -> String {
        let name = arg.split_whitespace().next().unwrap_or(arg);
        let said = match name {
            "<KIND>" => "要新建的种类",
            "<NAME>" => "名字（课程的路径、规则编号、测验 id 或术语）",
            "<DIR>" => "文件夹",
            "<FILE>" => "题库文件",
            "<FROM>" => "原来的路径",
            "<TO>" => "新的路径",
            "<BOOK>" => "mdBook 的文件夹",
            _ => return format!("`{name}`"),
        };
        said.to_string()
    };
    // What goes after an option, for one given without it.
    let example = |option: &str| match option {
        "--dest" => "一个文件夹，例如 `--dest site`",
        "--title" => "标题，例如 `--title \"投诉处理\"`",
        "--port" | "-p" => "端口号，例如 `--port 3001`",
        "--bind" => "地址，例如 `--bind 0.0.0.0`",
        "--root" => "放 book.toml 的文件夹，例如 `--root 投诉手册`",
        "--category" => "规则的分类，例如 `--category procedure`",
        "--quiz" => "测验 id，例如 `--quiz procedure-basics`",
        "--format" => "格式，见 `--help`",
        "--lang" => "语言：zh（中文）或 en（英文）",
        "--today" => "日期，例如 `--today 2026-12-01`",
        "--stale-months" => "月数，例如 `--stale-months 6`",
        "--out" => "文件夹，例如 `--out schemas`",
        _ => "它的值",
    };
    Some(match e.kind() {
        ErrorKind::InvalidSubcommand => {
            let bad = text(ContextKind::InvalidSubcommand).unwrap_or_default();
            let mut suggested = match e.get(ContextKind::SuggestedSubcommand) {
                Some(ContextValue::Strings(v)) => v.clone(),
                Some(ContextValue::String(s)) => vec![s.clone()],
                _ => Vec::new(),
            };
            // The closest only (clap lists `schema` beside `check` for `chek`, four edits away
            // against one).
            suggested.sort_by_key(|s| strsim::levenshtein(s, &bad));
            if let Some(best) = suggested.first().map(|s| strsim::levenshtein(s, &bad)) {
                suggested.retain(|s| strsim::levenshtein(s, &bad) == best);
            }
            let or: Vec<String> = suggested
                .iter()
                .map(|s| format!("`handbook {s}`"))
                .collect();
            let hint = match or.is_empty() {
                false => format!("是不是想写 {}？`handbook --help` 列出全部命令", or.join(" 或 ")),
                true => "`handbook --help` 列出全部命令（build、check、serve、init、new、mv、import、export、report、schema）".into(),
            };
            (format!("没有 `{bad}` 这个命令"), hint)
        }
        ErrorKind::UnknownArgument => {
            let bad = text(ContextKind::InvalidArg).unwrap_or_default();
            if let Some(said) = chinese_dash(&bad, true) {
                return Some(said);
            }
            // `-strict`: one dash, read as `-s` `-t` ….
            let single = args.iter().find(|a| {
                a.len() > 2
                    && a.starts_with('-')
                    && !a.starts_with("--")
                    && bad.len() == 2
                    && a.starts_with(bad.as_str())
            });
            if let Some(typed) = single {
                return Some((
                    format!("没有 `{typed}` 这个选项"),
                    format!("选项的名字前面要写两个减号：`-{typed}`"),
                ));
            }
            match (bad.starts_with('-'), text(ContextKind::SuggestedArg)) {
                (true, Some(s)) => (format!("没有 `{bad}` 这个选项"), format!("是不是想写 `{s}`？")),
                (true, None) => (format!("没有 `{bad}` 这个选项"), help),
                (false, _) => (
                    format!("多写了 `{bad}`"),
                    format!("这个命令不需要它；路径或标题里有空格时，要把整段加上英文引号，如 `--title \"投诉 处理\"`；{help}"),
                ),
            }
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let bad = text(ContextKind::InvalidValue).unwrap_or_default();
            let arg = text(ContextKind::InvalidArg).unwrap_or_default();
            let option = option_of(&arg);
            let shown = words(&arg);
            if bad.is_empty() {
                return Some((
                    format!("{shown} 后面缺少值"),
                    format!("在 `{option}` 后面写上{}", example(&option)),
                ));
            }
            let hint = match (
                text(ContextKind::SuggestedValue),
                text(ContextKind::ValidValue),
            ) {
                (Some(s), _) => format!("是不是想写 `{s}`？"),
                (None, Some(valid)) => format!("可以写：{valid}"),
                (None, None) => format!("这里要写{}", example(&option)),
            };
            let gap = if shown.ends_with('`') { " " } else { "" };
            (format!("{shown}{gap}不能写 `{bad}`"), hint)
        }
        ErrorKind::ArgumentConflict => {
            let arg = text(ContextKind::InvalidArg).unwrap_or_default();
            let option = option_of(&arg);
            (
                format!("`{option}` 写了两次，或者和别的选项冲突"),
                format!("删掉多余的那个；{help}"),
            )
        }
        ErrorKind::MissingRequiredArgument => {
            let missing: Vec<String> = match e.get(ContextKind::InvalidArg) {
                Some(ContextValue::Strings(v)) => v.iter().map(|a| words(a)).collect(),
                Some(ContextValue::String(a)) => vec![words(a)],
                _ => Vec::new(),
            };
            // (A space between Chinese and a name in backticks, none between Chinese words.)
            let said = format!("缺少{}", missing.join("和"))
                .replace("少`", "少 `")
                .replace("和`", "和 `")
                .replace("`和", "` 和");
            (said, help)
        }
        _ => return None,
    })
}

/// `handbook --help` (and each command's) in Chinese: what each command and option does, the
/// headings, and -h / -V (clap's words are English).
fn help_in_chinese(cmd: clap::Command) -> clap::Command {
    use clap::{Arg, ArgAction};
    type Args = &'static [(&'static str, &'static str)];
    const COMMANDS: &[(&str, &str, Args)] = &[
        ("build", "生成网站（默认写到 site/）", &[
            ("dest", "输出文件夹（代替 book.toml 里 [build] 的 dest）"),
            ("format", "错误的输出格式：human（给人看，默认）、json（每行一个 JSON 对象）或 github（GitHub Actions 的标注）"),
            ("strict", "警告也算错误：有一条警告就什么也不写"),
            ("drafts", "把标着 `draft: true` 的课程也生成出来（预览用，不要发布）"),
            ("audience", "只生成写给这些读者的页面（frontline 一线人员、new-staff 新员工、trainer 培训师，用逗号分隔；all 表示全部），代替 book.toml 里 [build] 的 audience"),
        ]),
        ("check", "检查全部内容，不写任何文件；有错误时以非零状态退出", &[
            ("format", "错误的输出格式：human（给人看，默认）、json（每行一个 JSON 对象）或 github（GitHub Actions 的标注）"),
            ("strict", "警告也算错误（有一条警告就以非零状态退出）"),
            ("drafts", "把标着 `draft: true` 的课程也检查"),
            ("audience", "按只给这些读者生成的样子检查（同 build --audience）"),
            ("today", "按这一天检查，YYYY-MM-DD：提前看看规则废止、时限改动生效的那一天，哪些地方还要改"),
            ("search", "同时在无界面的 Chromium、Chrome 或 Edge 里跑一遍本书的搜索自查（search-checks.yaml）：哪个问题的页面没有排进它要求的名次，就算一个错误"),
            ("browser", "跑搜索自查用的浏览器（默认：环境变量 HANDBOOK_BROWSER，否则用装好的 Chromium、Chrome 或 Edge）"),
            ("paths", "只报告这些文件或文件夹里的问题（仍然检查整本手册：从它们指向别处的链接照样核对）"),
        ]),
        ("serve", "生成并在 http://127.0.0.1:3000 预览；文件一改就重新生成，打开的页面自动刷新", &[
            ("port", "端口（默认 3000；0 表示随便找一个空闲端口）"),
            ("bind", "在哪个地址上提供预览；默认 127.0.0.1，只有本机能打开（0.0.0.0：网络上的其他电脑也能打开）"),
            ("open", "在浏览器里打开预览"),
            ("dest", "预览生成到哪个文件夹（默认放在系统的临时文件夹里）"),
            ("drafts", "把标着 `draft: true` 的课程也显示出来，标为草稿"),
            ("audience", "只预览写给这些读者的页面（同 build --audience；all 表示全部）"),
        ]),
        ("init", "在 DIR 新建一本能直接生成的小手册", &[
            ("dir", "新手册的文件夹（新建的，或者里面还没有 book.toml）；不用 --root"),
        ]),
        ("new", "新建一篇课程、一条规则、一个测验或一个术语，各项都已写好（要自己写的地方标着 【待填写】，写完之前 `check` 会提醒）", &[
            ("kind", "lesson（课程）、rule（规则）、quiz（测验）或 term（术语，加进 glossary.yaml）"),
            ("name", "课程在内容文件夹里的路径（procedure/escalation）、规则编号（TS-PROC-007）、测验 id（escalation-basics）或术语（电能表）"),
            ("title", "标题"),
            ("category", "规则的分类（默认是 categories.yaml 里的第一个）"),
        ]),
        ("mv", "移动或改名：课程或整个文件夹（改好指向它的链接、引用和入职课程，旧路径记进 aliases）；`tag:旧 tag:新` 改标签，`rule:旧 rule:新` 改规则编号，`quiz:旧 quiz:新` 改测验 id，`课程#小节 新路径` 把一节拆成单独的课程", &[
            ("from", "现在的路径（课程 procedure/time-limits，文件夹 procedure），或 tag:名字、rule:编号、quiz:id、课程#小节"),
            ("to", "移到哪里（handling/deadlines；文件夹 service/procedure），或 tag:新名字、rule:新编号、quiz:新 id"),
        ]),
        ("import", "导入：Excel 题库（另存为「CSV UTF-8」或「Unicode 文本」）导入成测验，或者把一本 mdBook 搬成新手册", &[]),
        ("export", "导出题库给学习平台（Moodle）：GIFT 或 Moodle XML，写到 DIR", &[
            ("format", "gift 或 moodle-xml"),
            ("dir", "导出的文件写到哪个文件夹"),
        ]),
        ("report", "接下来该看什么：没有题考到、没有课程提到的规则，很久没复核的规则，没收进入职课程的课程和测验，没有解析的题目，没用上的术语，超时的单元 …", &[
            ("format", "human（列表，默认）或 json（一个对象）"),
            ("stale_months", "最近修订或生效日期早于这么多个月的规则会列出来（默认 12）"),
            ("strict", "有任何一项列出时以 1 退出（给要求报告干净的 CI 用）"),
            ("today", "按这一天出报告，YYYY-MM-DD（默认今天）"),
        ]),
        ("schema", "把规则和测验文件的 JSON Schema（给编辑器用）写进 DIR，或者打印其中一个", &[
            ("out", "写入 rule.schema.json 和 quiz.schema.json 的文件夹"),
            ("which", "打印哪一个：rule 或 quiz"),
        ]),
    ];
    const IMPORTS: &[(&str, &str, Args)] = &[
        ("questions", "从 CSV 文件或 Excel 的「Unicode 文本」（制表符分隔）导入题目：表头一行，下面每行一道题", &[
            ("file", "Excel 另存的题库：「CSV UTF-8（逗号分隔）」(.csv) 或「Unicode 文本」(.txt)"),
            ("quiz", "加进哪个测验，或者新建的测验（content/quizzes/ID.quiz.yaml）"),
            ("title", "新测验的标题（默认用它的 id）"),
        ]),
        ("mdbook", "把一本 mdBook（它的文件夹，里面有 book.toml 和 src/SUMMARY.md）在 --root 处搬成新手册", &[
            ("book", "mdBook 的文件夹"),
        ]),
    ];
    // Headings, -h and -V in Chinese, on every command.
    fn chinese_frame(c: clap::Command, top: bool) -> clap::Command {
        let mut c = c
            .help_template("{about-with-newline}\n用法：{usage}\n\n{all-args}{after-help}")
            .subcommand_help_heading("命令")
            .subcommand_value_name("命令")
            .disable_help_flag(true)
            .disable_help_subcommand(true)
            // (clap's `[default: …]` and `[possible values: …]` are English: the texts say them.)
            .mut_args(|a| {
                let a = match a.is_positional() {
                    true => a.help_heading("参数"),
                    false => a.help_heading("选项"),
                };
                match a.get_action().takes_values() {
                    true => a.hide_default_value(true).hide_possible_values(true),
                    false => a,
                }
            })
            .arg(
                Arg::new("help")
                    .short('h')
                    .long("help")
                    .action(ArgAction::Help)
                    .help("显示这段说明")
                    .help_heading("选项"),
            );
        if top {
            c = c.disable_version_flag(true).arg(
                Arg::new("version")
                    .short('V')
                    .long("version")
                    .action(ArgAction::Version)
                    .help("显示版本号")
                    .help_heading("选项"),
            );
        }
        c.mut_subcommands(|s| chinese_frame(s, false))
    }
    let described = |mut c: clap::Command, list: &'static [(&'static str, &'static str, Args)]| {
        for (name, about, args) in list {
            c = c.mut_subcommand(name, |mut s| {
                s = s.about(*about).long_about(None);
                for (id, help) in *args {
                    s = s.mut_arg(id, |a| a.help(*help).long_help(None));
                }
                s
            });
        }
        c
    };
    let cmd = cmd
        .about("把 YAML 规则和 Markdown 课程生成一个可以搜索、可以离线使用的培训手册网站")
        .mut_arg("root", |a| a.help("放 book.toml 的文件夹（默认是当前文件夹）"))
        .mut_arg("lang", |a| {
            a.help("提示信息的语言：zh（中文）或 en（英文）；默认跟着 book.toml 的 language，或环境变量 HANDBOOK_LANG")
        })
        .mut_arg("quiet", |a| {
            a.help("一切顺利、也没有警告时什么都不输出（给定时任务和脚本用：省掉最后的汇总行；警告和错误照常输出；要了 --format json 的，JSON 照常输出）")
        });
    let cmd = described(cmd, COMMANDS);
    let cmd = cmd.mut_subcommand("import", |i| described(i, IMPORTS));
    chinese_frame(cmd, true)
}

/// Prints a command's error (`error: …` / `错误: …`, as a diagnostic is labelled).
fn fail(e: impl std::fmt::Display) -> ExitCode {
    let e = handbook::i18n::os_errors(&e.to_string());
    eprintln!("{}", t!("error: {e}", "错误: {e}"));
    ExitCode::FAILURE
}

/// `--audience frontline,new-staff` (also `，` `、` or spaces between; `all` or `全部` for every
/// reader); a word naming no reader group is an error (exit 2, as clap's own).
fn readers(arg: &str) -> Result<Vec<handbook::content::lesson::Audience>, ExitCode> {
    use handbook::content::lesson::Audience;
    let words: Vec<&str> = arg
        .split([',', '，', '、', ' '])
        .filter(|w| !w.trim().is_empty())
        .collect();
    if words.is_empty() || words.iter().any(|w| ["all", "全部"].contains(&w.trim())) {
        return Ok(Audience::ALL.to_vec());
    }
    let mut out = Vec::new();
    for w in words {
        match Audience::parse(w) {
            Some(a) => out.push(a),
            None => {
                let message = handbook::config::audience_message(w);
                return Err(slip(
                    &t!("--audience: {message}", "--audience：{message}"),
                    &handbook::config::audience_hint(),
                ));
            }
        }
    }
    Ok(out)
}

fn main() -> ExitCode {
    let (cli, lang) = parse_cli();
    QUIET.store(cli.quiet, std::sync::atomic::Ordering::Relaxed);
    // Output read by a command that stops reading early (`handbook check | head -2`) ends the
    // run as it ends other command-line tools, by SIGPIPE, quietly: Rust ignores the signal,
    // and the next print panicked with a backtrace and status 101 (IT admin review). Not for
    // `serve`, which writes to its own sockets and to a terminal.
    #[cfg(target_os = "linux")]
    if !matches!(cli.command, Command::Serve { .. }) {
        // SAFETY: sets the signal's disposition back to the default, before any thread is
        // started; no handler is installed.
        unsafe {
            libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        }
    }
    // (`init` speaks for the book it makes, not the one at --root.)
    handbook::i18n::set(match &cli.command {
        Command::Init { dir } => handbook::i18n::detect(dir, cli.lang.as_deref()),
        _ => lang,
    });
    match cli.command {
        Command::Build {
            dest,
            format,
            strict,
            drafts,
            audience,
        } => {
            let audience = match audience.as_deref().map(readers).transpose() {
                Ok(a) => a,
                Err(e) => return e,
            };
            let progress = std::io::stderr().is_terminal() && std::env::var_os("CI").is_none();
            let mut report = handbook::build(
                &cli.root,
                &handbook::BuildOptions {
                    dest,
                    progress,
                    background_cleanup: false,
                    exit_after: true,
                    strict,
                    drafts,
                    audience,
                    book_audience: true,
                },
            );
            let summary = if report.ok() {
                report.summary(&t!("built", "已生成"))
            } else {
                report.summary(&if report.site_before == Some(true) {
                    t!(
                        "build failed; the previous site was left untouched:",
                        "生成失败，原来的网站没有改动："
                    )
                } else {
                    t!(
                        "build failed; nothing was written:",
                        "生成失败，什么也没写："
                    )
                })
            };
            from_here(&mut report, &cli.root);
            print_report(&report, format, &summary);
            if report.ok() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        Command::Mv { from, to } => {
            // (The errors the book had before: after the move, those are not the move's.)
            let before = handbook::check_with(&cli.root, false, true)
                .diagnostics
                .error_count();
            match mv_lesson_or_tag(&cli.root, &from, &to) {
                Ok((done, rewritten)) => {
                    println!("  {done}");
                    for (f, n) in &rewritten {
                        let f = path_from_here(&cli.root, f);
                        let f = f.display();
                        println!(
                            "  {}",
                            match *n {
                                1 => t!("rewrote {f} (1 reference)", "已改写 {f}（1 处引用）"),
                                n => t!("rewrote {f} ({n} references)", "已改写 {f}（{n} 处引用）"),
                            }
                        );
                    }
                    // What is left to look at (a path written some other way, a link in raw HTML).
                    let report = handbook::check_with(&cli.root, false, true);
                    if before > 0 && report.diagnostics.error_count() > 0 {
                        let n = match handbook::i18n::zh() {
                            true => format!("{before} 个错误"),
                            false => handbook::i18n::counted(before, "error", "errors"),
                        };
                        let note = t!(
                            "note: the book had {n} before this move; the check after it follows",
                            "注意：移动之前，这本手册已经有 {n}；下面是移动之后的检查结果"
                        );
                        println!("  {note}");
                    }
                    checked(report, &cli.root, Format::Human)
                }
                Err(e) => fail(format!("{e:#}")),
            }
        }
        Command::Check {
            format,
            strict,
            drafts,
            audience,
            search,
            browser,
            today,
            paths,
        } => {
            if let Some(t) = today {
                match handbook::content::calendar::parse_day(&t) {
                    Some(d) => handbook::content::calendar::check_as_of(d),
                    None => {
                        return slip(
                            &t!("--today {t}: not a date", "--today {t}：不是日期"),
                            &t!("write it as 2026-11-30", "请写成 2026-11-30 这样"),
                        );
                    }
                }
            }
            let audience = match audience.as_deref().map(readers).transpose() {
                Ok(a) => a,
                Err(e) => return e,
            };
            let opts = handbook::BuildOptions {
                strict,
                drafts,
                audience,
                ..Default::default()
            };
            let report = if search {
                let (report, run) = handbook::check_search(&cli.root, &opts, browser.as_deref());
                if let Some(r) = run {
                    let (passed, failed, skipped) = (r.passed, r.failed, r.skipped);
                    let mut line = t!(
                        "search checks: {passed} passed, {failed} failed",
                        "搜索自查：通过 {passed} 条，未通过 {failed} 条"
                    );
                    if skipped > 0 {
                        line += &t!(
                            ", {skipped} not run (their page is not in this site)",
                            "，{skipped} 条的页面不在本站，没有检查"
                        );
                    }
                    eprintln!("{line} ({})", r.browser.display());
                }
                report
            } else {
                handbook::check_opts(&cli.root, &opts)
            };
            if paths.is_empty() {
                return checked(report, &cli.root, format);
            }
            let scope = match scope_of(&cli.root, &paths) {
                Ok(s) => s,
                Err(e) => return e,
            };
            checked_in(report, &cli.root, format, &paths, &scope)
        }
        Command::Serve {
            port,
            bind,
            open,
            dest,
            drafts,
            audience,
        } => {
            let audience = match audience.as_deref().map(readers).transpose() {
                Ok(a) => a,
                Err(e) => return e,
            };
            match handbook::serve::serve(handbook::serve::ServeOptions {
                root: cli.root,
                port,
                bind,
                open,
                dest,
                drafts,
                audience,
            }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(format!("{e:#}")),
            }
        }
        Command::Import {
            what: ImportWhat::Questions { file, quiz, title },
        } => match handbook::import::questions(&cli.root, &file, &quiz, title.as_deref()) {
            Ok(mut outcome) => {
                // The quiz file and the book's pages named as `check` names them; the bank
                // as it was typed.
                for d in outcome.diagnostics.iter_mut().filter(|d| d.file != file) {
                    d.rename(|f| path_from_here(&cli.root, f));
                }
                for d in &outcome.diagnostics {
                    eprintln!("{d}");
                }
                for n in &outcome.notes {
                    println!("  {}", t!("note: {n}", "注意：{n}"));
                }
                let Some(done) = outcome.imported else {
                    let errors = outcome.errors_where();
                    eprintln!(
                        "{}",
                        t!(
                            "nothing was imported: {errors}",
                            "一道题也没有导入：{errors}"
                        )
                    );
                    return ExitCode::FAILURE;
                };
                let n = done.ids.len();
                let ids = match (done.ids.first(), done.ids.last()) {
                    (Some(a), Some(b)) if n > 1 => format!("{a} … {b}"),
                    (Some(a), _) => a.clone(),
                    _ => String::new(),
                };
                let quiz_file = path_from_here(&cli.root, &done.file);
                let (quiz_file, bank) = (quiz_file.display(), file.display());
                println!(
                    "  {}",
                    match (done.created, n) {
                        (true, 1) => t!(
                            "created {quiz_file} with 1 question from {bank} ({ids})",
                            "已新建 {quiz_file}，从 {bank} 导入 1 道题（{ids}）"
                        ),
                        (true, n) => t!(
                            "created {quiz_file} with {n} questions from {bank} ({ids})",
                            "已新建 {quiz_file}，从 {bank} 导入 {n} 道题（{ids}）"
                        ),
                        (false, 1) => t!(
                            "added to {quiz_file} with 1 question from {bank} ({ids})",
                            "已从 {bank} 往 {quiz_file} 加入 1 道题（{ids}）"
                        ),
                        (false, n) => t!(
                            "added to {quiz_file} with {n} questions from {bank} ({ids})",
                            "已从 {bank} 往 {quiz_file} 加入 {n} 道题（{ids}）"
                        ),
                    }
                );
                // A new quiz without --title is titled with its id, which learners see.
                if done.created && title.as_deref().is_none_or(|t| t.trim().is_empty()) {
                    let line = std::fs::read_to_string(cli.root.join(&done.file))
                        .ok()
                        .and_then(|t| t.lines().position(|l| l.starts_with("title:")))
                        .map_or(String::new(), |i| t!(" (line {})", "（第 {} 行）", i + 1));
                    println!(
                        "  {}",
                        t!(
                            "note: the new quiz's title is its id, `{quiz}`, which learners see on the quizzes page: write a title on its `title:` line{line}, or import with --title \"…\"",
                            "注意：新测验的标题就是它的 id `{quiz}`，学员会在测验页面上看到它：在它的 `title:` 一行{line}写上标题，或者导入时加 --title \"…\""
                        )
                    );
                }
                checked(done.check, &cli.root, Format::Human)
            }
            Err(e) => fail(format!("{e:#}")),
        },
        Command::Import {
            what: ImportWhat::Mdbook { book },
        } => match handbook::mdbook::import(&cli.root, &book) {
            Ok(done) => {
                for n in &done.notes {
                    println!("  {}", t!("note: {n}", "注意：{n}"));
                }
                println!(
                    "  {}",
                    t!(
                        "imported {} into {}: {} page{}, {} other file{}",
                        "已把 {} 导入 {}：{} 个页面{}，{} 个其他文件{}",
                        book.display(),
                        cli.root.display(),
                        done.pages,
                        if done.pages == 1 || handbook::i18n::zh() {
                            ""
                        } else {
                            "s"
                        },
                        done.files,
                        if done.files == 1 || handbook::i18n::zh() {
                            ""
                        } else {
                            "s"
                        },
                    )
                );
                checked(done.check, &cli.root, Format::Human)
            }
            Err(e) => fail(format!("{e:#}")),
        },
        Command::Export { format, dir } => match handbook::export(&cli.root, &format, &dir) {
            Ok(e) => {
                for s in &e.skipped {
                    let (quiz, question, reason) = (&s.quiz, &s.question, &s.reason);
                    println!(
                        "  {}",
                        t!(
                            "skipped {quiz} / {question}: {reason}",
                            "跳过了 {quiz} / {question}：{reason}"
                        )
                    );
                }
                let (n, file, skipped) = (e.questions, e.file.display(), e.skipped.len());
                println!(
                    "{}",
                    t!(
                        "exported {n} questions to {file} ({skipped} skipped)",
                        "已导出 {n} 道题到 {file}（跳过 {skipped} 道）"
                    )
                );
                ExitCode::SUCCESS
            }
            Err(report) => {
                print_diagnostics(&report);
                eprintln!(
                    "{}",
                    t!(
                        "export stopped: fix the errors above first",
                        "导出没有做：请先改好上面的错误"
                    )
                );
                ExitCode::FAILURE
            }
        },
        Command::Report {
            format,
            stale_months,
            strict,
            today,
        } => {
            let today = match today {
                Some(t) => match handbook::content::calendar::parse_day(&t) {
                    Some(d) => d,
                    // (A command-line slip: exit 2, as clap's own.)
                    None => {
                        return slip(
                            &t!("--today {t}: not a date", "--today {t}：不是日期"),
                            &t!("write it as 2026-11-30", "请写成 2026-11-30 这样"),
                        );
                    }
                },
                None => handbook::content::calendar::today(),
            };
            match handbook::content_report(&cli.root, today, stale_months) {
                Ok(r) => {
                    if format == "json" {
                        println!("{}", serde_json::to_string(&r).unwrap_or_default());
                    } else {
                        print!("{}", r.human());
                    }
                    if strict && r.findings() > 0 {
                        ExitCode::FAILURE
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(report) => {
                    print_diagnostics(&report);
                    eprintln!(
                        "{}",
                        t!(
                            "report stopped: fix the errors above first (`handbook check` lists them)",
                            "报告没有做：请先改好上面的错误（`handbook check` 会列出它们）"
                        )
                    );
                    ExitCode::FAILURE
                }
            }
        }
        Command::Schema { out, which } => {
            let all = handbook::schema::all();
            match (out, which) {
                (Some(dir), _) => {
                    let r = std::fs::create_dir_all(&dir).and_then(|_| {
                        all.iter()
                            .try_for_each(|(name, text)| std::fs::write(dir.join(name), text))
                    });
                    match r {
                        Ok(()) => {
                            for (name, _) in &all {
                                let f = dir.join(name);
                                let f = f.display();
                                println!("  {}", t!("wrote {f}", "已写入 {f}"));
                            }
                            ExitCode::SUCCESS
                        }
                        Err(e) => fail(t!(
                            "cannot write {}: {e}",
                            "无法写入 {}：{e}",
                            dir.display()
                        )),
                    }
                }
                (None, which) => {
                    let want = format!("{}.schema.json", which.as_deref().unwrap_or("rule"));
                    for (name, text) in &all {
                        if *name == want {
                            print!("{text}");
                        }
                    }
                    ExitCode::SUCCESS
                }
            }
        }
        Command::New {
            kind,
            name,
            title,
            category,
        } => match handbook::scaffold::new(
            &cli.root,
            &kind,
            &name,
            title.as_deref(),
            category.as_deref(),
        ) {
            Ok(c) => {
                let file = path_from_here(&cli.root, &c.file);
                let file = file.display();
                if kind == "term" {
                    let name = name.trim();
                    println!(
                        "  {}",
                        t!("added `{name}` to {file}", "已把 `{name}` 加进 {file}")
                    );
                } else {
                    println!("  {}", t!("created {file}", "已创建 {file}"));
                }
                for f in &c.also {
                    let f = path_from_here(&cli.root, f);
                    let f = f.display();
                    println!(
                        "  {}",
                        t!(
                            "created {f} (the new folder's section page)",
                            "已创建 {f}（新文件夹的栏目首页）"
                        )
                    );
                }
                let (mark, line) = (handbook::scaffold::PLACEHOLDER, c.line);
                println!(
                    "{}",
                    t!(
                        "Next: write the text marked {mark} (the first is on line {line}), then run `handbook check`",
                        "下一步：把标着 {mark} 的地方写好（第一处在第 {line} 行），然后运行 `handbook check`"
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("{e:#}")),
        },
        Command::Init { dir } => match handbook::init::init(&dir) {
            Ok(files) => {
                for f in files {
                    let f = dir.join(f);
                    let f = f.display();
                    println!("  {}", t!("created {f}", "已创建 {f}"));
                }
                // The program as it was started (`.\handbook.exe`, `./handbook`, or
                // `handbook` on the PATH), and one command that works in any shell.
                let exe = std::env::args_os()
                    .next()
                    .map(|a| a.to_string_lossy().into_owned())
                    .filter(|a| a.contains(['/', '\\']))
                    .unwrap_or_else(|| "handbook".into());
                let quote = |p: String| {
                    if p.contains(' ') {
                        format!("\"{p}\"")
                    } else {
                        p
                    }
                };
                let (exe, dir) = (quote(exe), quote(dir.display().to_string()));
                println!(
                    "{}",
                    t!(
                        "Done. Next: {exe} --root {dir} serve --open",
                        "完成。下一步：{exe} --root {dir} serve --open"
                    )
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(format!("{e:#}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// clap's own checks of a command line, over every command and option, in both languages
    /// (a Chinese help that named an option the command does not have would panic at start).
    #[test]
    fn the_command_line_is_well_formed_in_both_languages() {
        Cli::command().debug_assert();
        help_in_chinese(Cli::command()).debug_assert();
    }
}
