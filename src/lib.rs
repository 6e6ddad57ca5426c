//! handbook: turns a folder of YAML policy rules and Markdown training material into a fast,
//! searchable, offline static site with quizzes.
//!
//! Pipeline: load -> link -> render -> write (atomic). `check` runs load + link + Markdown
//! rendering (to check links) and writes nothing.

// First, so that `t!` can be used in every module after it.
#[macro_use]
pub mod i18n;
pub mod book;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod export;
pub mod import;
pub mod init;
pub mod mdbook;
pub mod mv;
pub mod output;
pub mod render;
pub mod renumber;
pub mod report;
pub mod retag;
pub mod scaffold;
pub mod schema;
pub mod search;
pub mod serve;

use book::Book;
use config::Config;
use diagnostics::{Diagnostic, Diagnostics};
use render::pages::{OutputFile, Renderer};
use render::templates::Templates;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// `HANDBOOK_TIMING=1`: stages print how long after the start of their step they ended.
pub(crate) struct Laps {
    t0: Instant,
    on: bool,
}

impl Laps {
    pub(crate) fn start() -> Laps {
        Laps {
            t0: Instant::now(),
            on: std::env::var_os("HANDBOOK_TIMING").is_some(),
        }
    }

    /// Prints `label` and the time since [`Laps::start`], when timing is on.
    pub(crate) fn lap(&self, label: &str) {
        if self.on {
            eprintln!("{label} {:?}", self.t0.elapsed());
        }
    }
}

/// What a build or check did, for the one-line summary.
#[derive(Debug, Default)]
pub struct Report {
    pub pages: usize,
    pub rules: usize,
    pub quizzes: usize,
    /// Lessons with `draft: true` left out (built only with `--drafts`).
    pub drafts: u32,
    /// Pages left out for their readers (`[build] audience`, `--audience`).
    pub left_out: u32,
    /// Parts of pages left out so (`::: 培训师` … `:::`). (A `u16`, counted to 65,535: one more
    /// `u32` and the report is too big an `Err`.)
    pub left_out_parts: u16,
    /// Rules declared in rule files that did not load (their errors say why): not in `rules`.
    /// (Counted to 65,535, as `left_out_parts`: the report stays small enough an `Err`.)
    pub unread_rules: u16,
    /// Quiz files that did not load: not in `quizzes`.
    pub unread_quizzes: u16,
    /// Documents (page sections, rule fields, quizzes, terms) in the search index.
    pub search_docs: usize,
    pub files: usize,
    pub diagnostics: Diagnostics,
    pub elapsed: Duration,
    pub dest: Option<PathBuf>,
    /// Whether the site folder held a site before this build (`None` before it was known):
    /// a failed build says it left that site as it was, or that it wrote nothing.
    pub site_before: Option<bool>,
}

impl Report {
    pub fn ok(&self) -> bool {
        !self.diagnostics.has_errors()
    }

    pub fn summary(&self, verb: &str) -> String {
        let d = &self.diagnostics;
        let (pages, rules, quizzes) = (self.pages, self.rules, self.quizzes);
        let (errors, warnings) = (d.error_count(), d.warning_count());
        // (A rebuild of one page under serve takes a few milliseconds: not `0.00`.)
        let secs = self.elapsed.as_secs_f64();
        let tiny = secs < 0.005;
        if crate::i18n::zh() {
            let took = match tiny {
                true => "用时不到 0.01 秒".to_string(),
                false => format!("用时 {secs:.2} 秒"),
            };
            // (No space after a full-width colon: `生成失败，什么也没写：3 个页面`.)
            let gap = if verb.ends_with('：') { "" } else { " " };
            let mut s = format!("{verb}{gap}{pages} 个页面、{rules} 条规则");
            if self.unread_rules > 0 {
                let n = self.unread_rules;
                s.push_str(&format!("（另有 {n} 条在出错的规则文件里，没有计入）"));
            }
            s.push_str(&format!("、{quizzes} 个测验"));
            if self.unread_quizzes > 0 {
                let n = self.unread_quizzes;
                s.push_str(&format!("（另有 {n} 个在出错的测验文件里，没有计入）"));
            }
            if self.drafts > 0 {
                let n = self.drafts;
                s.push_str(&format!("（{n} 篇草稿未收入；加 --drafts 可以看到）"));
            }
            match (self.left_out, self.left_out_parts) {
                (0, 0) => {}
                (n, 0) => s.push_str(&format!("（{n} 个页面不是写给这次的读者的，未收入）")),
                (0, k) => s.push_str(&format!("（{k} 段内容不是写给这次的读者的，未收入）")),
                (n, k) => s.push_str(&format!(
                    "（{n} 个页面和 {k} 段内容不是写给这次的读者的，未收入）"
                )),
            }
            if let Some(dest) = &self.dest {
                s.push_str(&format!(" -> {}", dest.display()));
            }
            s.push_str(&format!("；{errors} 个错误，{warnings} 个警告，{took}"));
            return s;
        }
        let n = crate::i18n::counted;
        let unread = match self.unread_rules {
            0 => String::new(),
            k => format!(" ({k} more in rule files with errors, not counted)"),
        };
        let unread_quizzes = match self.unread_quizzes {
            0 => String::new(),
            k => format!(" ({k} more in quiz files with errors, not counted)"),
        };
        let mut s = format!(
            "{verb} {}, {}{unread}, {}{unread_quizzes}",
            n(pages, "page", "pages"),
            n(rules, "rule", "rules"),
            n(quizzes, "quiz", "quizzes")
        );
        if self.drafts > 0 {
            let n = self.drafts;
            let plural = if n == 1 { "" } else { "s" };
            s.push_str(&format!(
                " ({n} draft{plural} left out; --drafts shows them)"
            ));
        }
        let parts = match self.left_out_parts {
            0 => String::new(),
            k => n(k as usize, "part of a page", "parts of pages"),
        };
        match (self.left_out, parts.as_str()) {
            (0, "") => {}
            (p, "") => s.push_str(&format!(
                " ({} for other readers left out)",
                n(p as usize, "page", "pages")
            )),
            (0, parts) => s.push_str(&format!(" ({parts} for other readers left out)")),
            (p, parts) => s.push_str(&format!(
                " ({} and {parts} for other readers left out)",
                n(p as usize, "page", "pages")
            )),
        }
        if let Some(dest) = &self.dest {
            s.push_str(&format!(" -> {}", dest.display()));
        }
        let took = match tiny {
            true => "<0.01".to_string(),
            false => format!("{secs:.2}"),
        };
        s.push_str(&format!(
            "; {}, {} in {took}s",
            n(errors, "error", "errors"),
            n(warnings, "warning", "warnings"),
        ));
        s
    }
}

/// Options for one build.
#[derive(Default)]
pub struct BuildOptions {
    /// Output folder; `None` uses book.toml's `[build] dest`.
    pub dest: Option<PathBuf>,
    /// Print progress to stderr (only on a terminal).
    pub progress: bool,
    /// Delete the replaced site on a background thread (for the long-running preview server).
    pub background_cleanup: bool,
    /// `--strict`: warnings are errors (the build stops, `check` fails).
    pub strict: bool,
    /// The process ends right after this build (`handbook build`): its large structures (the
    /// book, the search documents, the written files) are left for the system to reclaim at
    /// exit instead of being freed one allocation at a time while nothing else can run.
    pub exit_after: bool,
    /// `--drafts`: lessons with `draft: true` are built too (marked as drafts), for a preview.
    pub drafts: bool,
    /// `--audience`: the readers this build is for, in place of book.toml's `[build]
    /// audience` (pages for none of them are left out).
    pub audience: Option<Vec<content::lesson::Audience>>,
    /// Whether book.toml's `[build] audience` applies without `--audience`: to `build`, which
    /// publishes; `check`, `serve` and `report` cover every page (a trainer-only page's
    /// mistakes are found and it can be previewed).
    pub book_audience: bool,
}

struct Compiled {
    files: Vec<OutputFile>,
    assets: Vec<output::Asset>,
    dest: PathBuf,
    /// `[build] keep-previous`.
    keep_previous: bool,
    /// The search index, still to be encoded (the preview server does it after publishing).
    search: search::index::Prepared,
}

/// Runs load, link and render. Returns the files to write when there was no error.
/// Reads the content folder and links it into one book; its problems go into the report.
fn load_book(
    root: &Path,
    config: Config,
    report: &mut Report,
    drafts: bool,
    cache: Option<&content::ParseCache>,
) -> Book {
    let laps = Laps::start();
    let src = root.join(&config.build.src);
    let mut sources = content::load_cached(root, &src, config.build.src_at, drafts, cache);
    laps.lap("load: loaded");
    if let Some(readers) = &config.build.readers {
        sources.leave_out(readers);
    }
    // (Counts no book reaches 2^32 of: the report stays small enough to be an `Err`.)
    report.drafts = sources.drafts.len() as u32;
    report.unread_rules = sources.unread_rules.min(u16::MAX as usize) as u16;
    report.unread_quizzes = sources.unread_quizzes.min(u16::MAX as usize) as u16;
    report.left_out = sources.left_out.len() as u32;
    report.left_out_parts = u16::try_from(sources.left_out_parts).unwrap_or(u16::MAX);
    let mut diags: Vec<Diagnostic> = sources.diagnostics.clone();
    let mut book = Book::link(root.to_path_buf(), config, sources, &mut diags);
    book.preview = drafts;
    report.pages = book.pages.len();
    report.rules = book.rules.len();
    report.quizzes = book.quizzes.len();
    report.diagnostics.extend(diags);
    book
}

fn compile(
    root: &Path,
    opts: &BuildOptions,
    report: &mut Report,
    render_all: bool,
) -> Option<Compiled> {
    compile_with(root, opts, report, render_all, None)
}

fn compile_with(
    root: &Path,
    opts: &BuildOptions,
    report: &mut Report,
    render_all: bool,
    // (The preview server's, kept from one rebuild to the next.)
    cache: Option<&Incremental>,
) -> Option<Compiled> {
    let config = match Config::load_all(root) {
        Ok(c) => c,
        Err(ds) => {
            report.diagnostics.extend(ds);
            // The content is checked all the same, with book.toml's defaults (its mistakes
            // make the build write nothing): a trainer sees every error in one run, a content
            // folder that is not there too.
            let c = Config::fallback(root)?;
            let src = root.join(&c.build.src);
            if !src.is_dir() {
                report
                    .diagnostics
                    .push(content::missing_src(root, &src, c.build.src_at));
                return None;
            }
            c
        }
    };
    // `build --drafts` without --dest writes beside book.toml (`site-drafts/`), not into the
    // site: a preview with unfinished pages must not be what gets published (nor sit beside a
    // `dest` inside a web root, where it would be served).
    let dest = through_links(opts.dest.clone().unwrap_or_else(|| {
        let site = root.join(&config.build.dest);
        match (opts.drafts, site.file_name()) {
            (true, Some(name)) => root.join(format!("{}-drafts", name.to_string_lossy())),
            _ => site,
        }
    }));
    let mut config = config;
    match &opts.audience {
        Some(readers) => config.build.readers = Some(readers.clone()),
        None if !opts.book_audience => config.build.readers = None,
        None => {}
    }
    let keep_previous = config.build.keep_previous;
    report.site_before = Some(dest.join("nav.js").is_file() || dest.join("index.html").is_file());
    if let Some(d) = dest_problem(root, &config, &dest, opts.dest.is_some()) {
        report.diagnostics.push(d);
        if !render_all {
            return None;
        }
    }
    let laps = Laps::start();
    // The templates are parsed beside the walk of the content folder (both on one thread).
    let (theme, theme_at) = (config.build.theme.clone(), config.build.theme_at);
    let (templates, book) = rayon::join(
        || {
            let laps = Laps::start();
            let t = Templates::load_cached(root, &theme, theme_at, cache.map(|c| &c.templates));
            laps.lap("templates: loaded in");
            t
        },
        || load_book(root, config, report, opts.drafts, cache.map(|c| &c.parsed)),
    );
    let templates = match templates {
        Ok(t) => {
            report.diagnostics.extend(t.warnings.iter().cloned());
            t
        }
        // The theme's mistake told, and the content checked with the built-in theme: its
        // mistakes in the same run. Nothing is written: the build stops at the errors below.
        Err(ds) => {
            report.diagnostics.extend(ds);
            std::sync::Arc::new(Templates::builtin().ok()?)
        }
    };

    // Markdown is rendered even for `check`: that is where broken links are found.
    laps.lap("linked:");
    let mut renderer = Renderer::new(&book, &templates);
    if let Some(c) = cache {
        renderer = renderer.with_cache(&c.pages);
    }
    let rendered = renderer.render_markdown(cache.map(|c| &c.markdown));
    laps.lap("markdown:");
    for r in &rendered {
        report.diagnostics.extend(r.diagnostics.iter().cloned());
    }
    report.diagnostics.extend(renderer.check_anchors(&rendered));
    // (A question id the published site has for another question: its learners' records.)
    let published = root.join(&book.config.build.dest);
    report
        .diagnostics
        .extend(book.reused_question_ids(&published));
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    if report.diagnostics.has_errors() && !render_all {
        return None;
    }
    let show = opts.progress;
    let progress = move |n: usize, total: usize| {
        if show && total >= 200 {
            eprint!("\rrendering {n}/{total} pages");
            if n == total {
                eprint!("\r{:40}\r", "");
            }
        }
    };
    laps.lap("anchors:");
    let search = search::index::prepare(&book, &rendered);
    report.search_docs = search.docs();
    let (files, ds) = renderer.render_site(rendered, &progress);
    laps.lap("pages:");
    report.diagnostics.extend(ds);
    report
        .diagnostics
        .extend(generated_names_taken(root, &files, &book.assets));
    if opts.strict {
        report.diagnostics.promote_warnings();
    }
    if report.diagnostics.has_errors() {
        return None;
    }
    let assets = book.assets.clone();
    if opts.exit_after {
        drop(renderer);
        std::mem::forget(book);
    }
    Some(Compiled {
        files,
        assets,
        dest,
        keep_previous,
        search: search.exit_after(opts.exit_after),
    })
}

/// The list a build leaves at the top of the site of what it made there, one name a line
/// (`# drafts` first for a `--drafts` build). The next build compares the published folder
/// with it: anything else at its top was put there by someone else -- another team's
/// `portal/`, a PDF dropped in -- and a build, which replaces the folder whole, moved it into
/// the spare with a warning, and the build after deleted it with the spare, saying nothing.
/// Such a build now stops before writing anything. (A site without the list, made by an older
/// handbook, is replaced as before, with the warnings of [`strangers`].)
const MADE: &str = ".handbook-made";

/// Litter a file manager leaves in any folder it shows: not worth a word.
const LITTER: [&str; 4] = [".DS_Store", "Thumbs.db", "desktop.ini", "ehthumbs.db"];

/// The [`MADE`] list of a build that writes `files`, `assets` and (`search`) the index.
fn made_list(
    files: &[OutputFile],
    assets: &[output::Asset],
    search: bool,
    drafts: bool,
) -> OutputFile {
    let top = |p: &str| p.split('/').next().unwrap_or(p).to_string();
    let mut names: std::collections::BTreeSet<String> = files
        .iter()
        .map(|(p, _)| top(p))
        .chain(assets.iter().map(|(_, p)| top(p)))
        .collect();
    if search {
        names.insert("search".into());
    }
    names.insert(MADE.into());
    let mut text = String::from(
        "# handbook: the files and folders at the top of this site that handbook made. A build\n\
         # replaces the whole folder: it stops when anything else is here (keep it elsewhere).\n",
    );
    if drafts {
        text.push_str("# drafts\n");
    }
    for n in names {
        text.push_str(&n);
        text.push('\n');
    }
    (MADE.into(), text.into_bytes())
}

/// What the last build's [`MADE`] list in `dest` says: (the names it made, whether it was a
/// `--drafts` build); None without a list.
fn made_before(dest: &Path) -> Option<(std::collections::HashSet<String>, bool)> {
    let list = std::fs::read_to_string(dest.join(MADE)).ok()?;
    let drafts = list.lines().any(|l| l.trim() == "# drafts");
    let names = list
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(str::to_string)
        .collect();
    Some((names, drafts))
}

/// Why a build must not replace `dest` (errors; nothing is written): names at its top that no
/// build made, and a `--drafts` build into a published (not drafts) site, which would publish
/// unfinished pages and the exams' papers with their answers to whoever opens the site.
fn replace_problems(root: &Path, dest: &Path, before: &[String], drafts: bool) -> Vec<Diagnostic> {
    let Some((made, was_drafts)) = made_before(dest) else {
        return Vec::new();
    };
    let at = diagnostics::display_path(root, dest);
    let site = at.display().to_string();
    let mut out = Vec::new();
    if drafts && !was_drafts {
        out.push(
            Diagnostic::error(
                &at,
                0,
                0,
                t!(
                    "`{site}` holds the published site: a --drafts build there would publish the drafts, and the exams' printable papers with their answers, to everyone who opens it",
                    "`{site}` 里是发布用的网站：在这里生成 --drafts 会把草稿，还有考试的纸质试卷（带答案），发布给每个打开网站的人"
                ),
            )
            .with_hint(t!(
                "leave out --dest: `handbook build --drafts` writes to a folder of its own beside the book (site-drafts/), or preview with `handbook serve --drafts`; nothing was written",
                "去掉 --dest：`handbook build --drafts` 会写到手册旁边单独的文件夹（site-drafts/），或者用 `handbook serve --drafts` 预览。这次什么也没写"
            )),
        );
    }
    let mut foreign: Vec<&String> = before
        .iter()
        .filter(|n| {
            !made.contains(n.as_str())
                && n.as_str() != MADE
                && !SERVER_FILES.contains(&n.as_str())
                && !LITTER.contains(&n.as_str())
        })
        .collect();
    foreign.sort();
    for name in foreign {
        let shown = diagnostics::display_path(root, &dest.join(name));
        out.push(
            Diagnostic::error(
                shown,
                0,
                0,
                t!(
                    "`{name}` in the published site `{site}` was not made by handbook: a build replaces the whole folder, so it would be moved out of the site (into the spare beside it) and deleted by the build after",
                    "发布的网站 `{site}` 里的 `{name}` 不是 handbook 生成的：生成会替换整个网站文件夹，它会被移出网站（移到旁边的备用副本里），下一次生成时就删掉了"
                ),
            )
            .with_hint(t!(
                "move it out of the site folder (beside it, for instance); if the site needs it, put it in the content folder, which is copied into the site as it is; nothing was written",
                "请把它移到网站文件夹外面（例如和网站文件夹并列）；如果网站需要它，就放进内容文件夹（里面的文件会原样复制到网站里）。这次什么也没写"
            )),
        );
    }
    out
}

/// The names at the top of a site folder (none when there is none yet).
fn top_names(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default()
}

/// The web server's own files an operator may have put at the top of the published folder
/// (read before the build: a build replaces the folder whole): (path in the site, bytes).
const SERVER_FILES: [&str; 4] = ["web.config", ".htaccess", "robots.txt", ".well-known"];

fn server_files(dest: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for name in SERVER_FILES {
        let top = dest.join(name);
        if !top.exists() {
            continue;
        }
        for e in walkdir::WalkDir::new(&top).into_iter().flatten() {
            let small = e
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= 1 << 20);
            if let (true, Ok(rel), Ok(bytes)) =
                (small, e.path().strip_prefix(dest), std::fs::read(e.path()))
            {
                out.push((rel.to_string_lossy().replace('\\', "/"), bytes));
            }
        }
    }
    out
}

/// What the replaced site held at its top that this build did not make. The web server's own
/// files (`server_files`: an operator's web.config, .htaccess, robots.txt, .well-known/) are put
/// back into the new site -- losing them silently dropped the server's settings -- with a
/// warning that they belong in the content folder; anything else is named with where it went
/// (the spare, or deleted with the previous site). (A file the build stopped making, such as a
/// content file removed from the book, is named too; the warning says so.)
fn strangers(
    root: &Path,
    dest: &Path,
    before: Vec<String>,
    kept: Vec<(String, Vec<u8>)>,
    keep_previous: bool,
) -> Vec<Diagnostic> {
    if before.is_empty() {
        return Vec::new();
    }
    let now: std::collections::HashSet<String> = top_names(dest).into_iter().collect();
    let mut gone: Vec<String> = before
        .into_iter()
        .filter(|n| !now.contains(n) && !LITTER.contains(&n.as_str()))
        .collect();
    gone.sort();
    let spare = dest
        .file_name()
        .map(|n| output::spare_name(&n.to_string_lossy()))
        .unwrap_or_default();
    gone.into_iter()
        .map(|name| {
            let shown = diagnostics::display_path(root, &dest.join(&name));
            let mine: Vec<&(String, Vec<u8>)> = kept
                .iter()
                .filter(|(rel, _)| rel == &name || rel.starts_with(&format!("{name}/")))
                .collect();
            let put_back = !mine.is_empty()
                && mine.iter().all(|(rel, bytes)| {
                    let to = dest.join(rel);
                    to.parent().is_some_and(|p| std::fs::create_dir_all(p).is_ok())
                        && std::fs::write(&to, bytes).is_ok()
                });
            if put_back {
                return Diagnostic::warning(
                    shown,
                    0,
                    0,
                    t!("`{name}` was in the published site but not in the book: it was kept", "发布的网站里有 `{name}`，手册里却没有：已把它留下"),
                )
                .with_hint(t!("put it in the content folder, which is copied into the site as it is, so that the book carries it wherever it is built", "把它放进内容文件夹（里面的文件会原样复制到网站里），这样手册在哪里生成都带着它"));
            }
            let went = if keep_previous {
                t!("it is now in {spare}, beside the site", "它现在在网站旁边的 {spare} 里")
            } else {
                t!("it was deleted with the previous site", "它随旧网站一起删掉了")
            };
            Diagnostic::warning(
                shown,
                0,
                0,
                t!("`{name}` was in the published site but this build did not make it: {went}", "发布的网站里有 `{name}`，这次生成却没有它：{went}"),
            )
            .with_hint(t!("a file the site needs belongs in the content folder, which is copied into the site as it is; a file you removed from the book needs nothing", "网站需要的文件应放进内容文件夹（里面的文件会原样复制到网站里）；若是你从手册里删掉的文件，就不用管"))
        })
        .collect()
}

/// The folder a destination that is a symbolic link points to (followed through a few links,
/// relative to the link's own folder). The site is swapped in there: an operator's
/// `/srv/www/handbook -> /data/handbook` stays a link to the folder the web server serves. (The
/// swap used to rename the link itself aside and put a real folder in its place, so the server
/// kept the old site, and the next build wrote through the renamed link.)
fn through_links(dest: PathBuf) -> PathBuf {
    let mut at = dest;
    for _ in 0..8 {
        let is_link = std::fs::symlink_metadata(&at).is_ok_and(|m| m.file_type().is_symlink());
        if !is_link {
            break;
        }
        let Ok(to) = std::fs::read_link(&at) else {
            break;
        };
        at = match at.parent() {
            Some(dir) if to.is_relative() => dir.join(to),
            _ => to,
        };
    }
    at
}

/// A site folder that a build must not replace: the book itself or a folder holding it, its
/// sources (content, templates, themes) or a folder inside them, a file, or a folder of
/// something else (a build replaces the folder whole: whatever it held would be gone).
fn dest_problem(
    root: &Path,
    config: &Config,
    dest: &Path,
    from_command_line: bool,
) -> Option<Diagnostic> {
    // Absolute, with `.` and `..` resolved as far as the folders exist.
    fn real(p: &Path) -> PathBuf {
        let abs = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(p)
        };
        if let Ok(c) = abs.canonicalize() {
            return c;
        }
        let mut out = PathBuf::new();
        for part in abs.components() {
            match part {
                std::path::Component::ParentDir => {
                    out.pop();
                }
                std::path::Component::CurDir => {}
                other => {
                    out.push(other);
                    if let Ok(c) = out.canonicalize() {
                        out = c;
                    }
                }
            }
        }
        out
    }
    let site = real(dest);
    let book = real(root);
    let shown = dest.display().to_string();
    let (file, line, col, fix) = match (from_command_line, config.build.dest_at) {
        (false, Some((l, c))) => (
            PathBuf::from("book.toml"),
            l,
            c,
            t!(
                "set `dest` under [build] to a folder of the site's own, such as \"site\"",
                "把 [build] 下的 `dest` 设成网站专用的文件夹，例如 \"site\""
            ),
        ),
        (false, None) => (
            PathBuf::from("book.toml"),
            0,
            0,
            t!(
                "set `dest` under [build] to a folder of the site's own, such as \"site\"",
                "把 [build] 下的 `dest` 设成网站专用的文件夹，例如 \"site\""
            ),
        ),
        // (The folder named, as it was given: not `--dest` taken for a file of the book.)
        (true, _) => (
            dest.to_path_buf(),
            0,
            0,
            t!(
                "give --dest a folder of the site's own, such as `--dest site`",
                "给 --dest 一个网站专用的文件夹，例如 `--dest site`"
            ),
        ),
    };
    let error = |message: String, hint: String| {
        Some(Diagnostic::error(&file, line, col, message).with_hint(hint))
    };
    if book.starts_with(&site) {
        return error(
            t!("the site folder `{shown}` holds the book itself: a build would replace book.toml and content/ with the site", "网站文件夹 `{shown}` 里装着手册本身：生成会用网站替换掉 book.toml 和 content/"),
            fix,
        );
    }
    for (name, folder) in [
        ("content", root.join(&config.build.src)),
        ("templates", root.join("templates")),
        ("themes", root.join("themes")),
    ] {
        let folder = real(&folder);
        if site.starts_with(&folder) || (folder.exists() && folder.starts_with(&site)) {
            return error(
                match site.starts_with(&folder) {
                    // (In Chinese: inside the sources' folder, or holding it.)
                    true => t!("the site folder `{shown}` is or holds the book's {name} folder: a build would replace the sources with the site", "网站文件夹 `{shown}` 在手册的 {name} 文件夹里面（或者就是它）：生成会把网站写进源文件当中"),
                    false => t!("the site folder `{shown}` is or holds the book's {name} folder: a build would replace the sources with the site", "网站文件夹 `{shown}` 里装着手册的 {name} 文件夹：生成会用网站替换掉源文件"),
                },
                fix.clone(),
            );
        }
    }
    let Ok(meta) = std::fs::metadata(&site) else {
        return None;
    };
    if !meta.is_dir() {
        return error(
            t!(
                "the site folder `{shown}` is a file: a build would replace it",
                "网站文件夹 `{shown}` 是一个文件：生成会替换掉它"
            ),
            fix,
        );
    }
    // A repository in it (a deploy folder that is a git checkout): the build would delete
    // its .git with the rest, nav.js or not.
    for kept in [".git", ".hg", ".svn"] {
        if site.join(kept).exists() {
            return error(
                t!("the site folder `{shown}` holds `{kept}`: a build replaces the folder whole, and the repository would be gone", "网站文件夹 `{shown}` 里有 `{kept}`：生成会整个替换这个文件夹，版本库就没了"),
                t!("build into a folder of its own and copy the site into the checkout (e.g. rsync -a --delete --exclude .git site/ checkout/)", "生成到一个单独的文件夹，再把网站复制进版本库（例如 rsync -a --delete --exclude .git site/ checkout/）"),
            );
        }
    }
    // A site handbook built has nav.js at its top; an empty folder is fine too, or one holding
    // only what Finder or Explorer leave (.DS_Store, Thumbs.db, desktop.ini).
    let litter = |e: &std::fs::DirEntry| {
        let name = e.file_name().to_string_lossy().to_ascii_lowercase();
        matches!(name.as_str(), ".ds_store" | "thumbs.db" | "desktop.ini")
    };
    let mut entries = std::fs::read_dir(&site)
        .ok()?
        .flatten()
        .filter(|e| !litter(e));
    if site.join("nav.js").is_file() || entries.next().is_none() {
        return None;
    }
    error(
        t!("the folder `{shown}` is not a site handbook built (it has no nav.js): a build replaces the site folder whole, so what it holds would be gone", "文件夹 `{shown}` 不是 handbook 生成的网站（里面没有 nav.js）：生成会整个替换网站文件夹，里面的东西就没了"),
        t!("empty or remove that folder first, or choose a new one for the site", "先清空或删掉那个文件夹，或者给网站另选一个新文件夹"),
    )
}

/// A file of the content folder copied to where the site writes a file of its own (nav.js,
/// 404.html, the theme's static/ files, the search index): it would replace the sidebar of
/// every page, the theme's script ... without a word.
fn generated_names_taken(
    root: &Path,
    files: &[OutputFile],
    assets: &[output::Asset],
) -> Vec<Diagnostic> {
    if assets.is_empty() {
        return Vec::new();
    }
    let made: std::collections::HashSet<&str> = files.iter().map(|f| f.0.as_str()).collect();
    assets
        .iter()
        .filter(|(_, rel)| made.contains(rel.as_str()) || rel.starts_with("search/"))
        .map(|(abs, rel)| {
            Diagnostic::error(
                diagnostics::display_path(root, abs),
                0,
                0,
                t!("this file would replace `{rel}`, which the site makes itself", "这个文件会替换掉网站自己生成的 `{rel}`"),
            )
            .with_hint(t!("rename it or move it into a folder of its own (e.g. files/); to change the theme's files, override them under themes/ (README, \"Themes\")", "给它改个名，或者放进单独的文件夹（例如 files/）；要改主题的文件，在 themes/ 下覆盖它们（见 README 的 \"Themes\"）"))
        })
        .collect()
}

/// `handbook build`: compile and write the site atomically. On any error nothing is written.
pub fn build(root: &Path, opts: &BuildOptions) -> Report {
    let start = Instant::now();
    let mut report = Report::default();
    // Everything rendered even after an error, as `check` does: a template's error is
    // reported beside the content's, not met only after they are fixed.
    if let Some(mut c) = compile(root, opts, &mut report, true) {
        let dest = c.dest.clone();
        let keep_previous = c.keep_previous;
        let before = top_names(&dest);
        let problems = replace_problems(root, &dest, &before, opts.drafts);
        if !problems.is_empty() {
            report.diagnostics.extend(problems);
            report.diagnostics.sort();
            report.elapsed = start.elapsed();
            return report;
        }
        let kept = server_files(&dest);
        c.files.push(made_list(
            &c.files,
            &c.assets,
            c.search.enabled(),
            opts.drafts,
        ));
        match write_with_index(c, opts) {
            Ok(files) => {
                report.files = files;
                report
                    .diagnostics
                    .extend(strangers(root, &dest, before, kept, keep_previous));
                report.dest = Some(dest);
            }
            Err(e) => {
                // The new site is made beside the old one and swapped in: the folder that
                // holds the site must take new folders, not only the site folder (IT audit L1:
                // a deploy user owning /var/www/handbook under a root-owned /var/www was told
                // it could not write the site it owns).
                let parent = dest.parent().filter(|p| !p.as_os_str().is_empty());
                let beside = e.kind() == std::io::ErrorKind::PermissionDenied
                    && parent.is_some_and(|p| p.is_dir() && !output::writable(p));
                report.diagnostics.push(match (beside, parent) {
                    (true, Some(parent)) => {
                        let (site, parent) = (dest.display(), parent.display());
                        Diagnostic::error(&dest, 0, 0, t!(
                            "cannot write the site: a build makes the new site in a folder beside `{site}`, in `{parent}`, and swaps it in, and this user may not create folders in `{parent}`",
                            "无法写入网站：生成会先在 `{site}` 旁边（`{parent}` 里）新建文件夹写好新网站，再换上去，而当前用户不能在 `{parent}` 里新建文件夹"
                        ))
                        .with_hint(t!(
                            "let this user create folders in `{parent}` (or make the site one folder deeper, in a folder of the user's own), or build elsewhere and copy the site (README: Updating); the previous site was left as it was",
                            "请让当前用户能在 `{parent}` 里新建文件夹（或者把网站放深一层，放进这个用户自己的文件夹里），或者在别处生成再复制过去；原来的网站没有改动"
                        ))
                    }
                    _ => write_error(&dest, &e),
                });
            }
        }
    }
    report.diagnostics.sort();
    report.elapsed = start.elapsed();
    report
}

/// A rename refused as busy or as another device: what a mount point gives (Linux's numbers,
/// by libc's names: on Windows 16 and 18 are other errors).
#[cfg(target_os = "linux")]
fn busy_or_cross_device(e: &std::io::Error) -> bool {
    matches!(e.raw_os_error(), Some(libc::EBUSY | libc::EXDEV))
}
#[cfg(not(target_os = "linux"))]
fn busy_or_cross_device(_: &std::io::Error) -> bool {
    false
}

/// What a build that could not write the site at `dest` says, for error `e` (a folder the
/// user may not create beside it is said by the caller). A site folder that is a mount point
/// (a Docker volume, a mounted share: IT review) cannot be swapped out whole -- renaming it
/// is refused as busy, or as another device -- and `check the permissions` sent the admin
/// the wrong way.
fn write_error(dest: &Path, e: &std::io::Error) -> Diagnostic {
    if busy_or_cross_device(e) {
        let site = dest.display();
        let inner = dest.join("handbook");
        let inner = inner.display();
        return Diagnostic::error(dest, 0, 0, t!(
            "cannot write the site: `{site}` is a mount point (a Docker volume, a mounted share or a disk of its own), and a build swaps the whole site folder for the new one ({e})",
            "无法写入网站：`{site}` 是一个挂载点（Docker 卷、挂载的共享文件夹或单独的磁盘），而生成要把整个网站文件夹换成新的（{e}）"
        ))
        .with_hint(t!(
            "make the site a folder inside it, `--dest {inner}` (or `dest` in book.toml), and point the web server there: each build still swaps the site whole; or build elsewhere and copy with `rsync -a --delete` (README: Updating). The previous site was left as it was",
            "把网站放进挂载点里的一个文件夹，例如 `--dest {inner}`（或者 book.toml 的 `dest`），网页服务器指向那里：每次生成仍是整体换上；或者在别处生成，再用 `rsync -a --delete` 同步过去（README：更新网站）。原来的网站没有改动"
        ));
    }
    Diagnostic::error(
        dest,
        0,
        0,
        t!("cannot write the site: {e}", "无法写入网站：{e}"),
    )
    .with_hint(t!(
        "check the folder's permissions and free disk space; the previous site was left as it was",
        "检查文件夹的权限和磁盘剩余空间；原来的网站没有改动"
    ))
}

/// Writes the compiled pages while the search index is being encoded (writing is mostly the
/// kernel's work, encoding is ours: on two cores they overlap), then the index, then swaps the
/// whole site in. The staging folder is made (or the spare claimed) first, so that a folder
/// that cannot be made fails the build before the encoding; listing a reused spare (every
/// folder of the last site read) happens on the writing thread, beside the encoding. When the
/// encoding is done before the pages are written (on a disk, where creating a file costs
/// several times what it does in memory), the thread pool helps with the rest of them, then
/// writes the index. The pages' bytes are freed as soon as they are on disk. Returns the
/// number of files written.
fn write_with_index(c: Compiled, opts: &BuildOptions) -> std::io::Result<usize> {
    use std::sync::{Arc, OnceLock, Weak};
    let Compiled {
        files,
        assets,
        dest,
        keep_previous,
        search,
    } = c;
    let laps = Laps::start();
    let n = files.len() + assets.len();
    if !search.enabled() {
        let stage = output::Staging::new(&dest, keep_previous)?;
        stage.write(&files, &assets)?;
        drop(files);
        laps.lap("write: pages written at");
        stage.commit(opts.background_cleanup)?;
        return Ok(n);
    }
    // A staging folder that cannot be made fails the build here, before the index's encoding.
    let mut claimed = output::Staging::claim(&dest, keep_previous)?;
    // Shared by the writing thread and this one: the staged site, and (weakly, so that the
    // writing thread frees the pages when it is done with them before the encoding is) the
    // pages still being written.
    let staging: OnceLock<output::Staging> = OnceLock::new();
    let writing: OnceLock<Weak<output::Batch>> = OnceLock::new();
    let (pages, helped, index, index_written) = std::thread::scope(|s| {
        let pages = s.spawn(|| {
            claimed.list_spare()?;
            let stage = staging.get_or_init(|| claimed);
            laps.lap("write: staging ready at");
            let batch = Arc::new(stage.batch(files, assets)?);
            let _ = writing.set(Arc::downgrade(&batch));
            stage.help(&batch)?;
            laps.lap("write: pages written at");
            std::io::Result::Ok(())
        });
        let index = search::index::encode(search).files;
        let (mut helped, mut index_written) = (Ok(()), false);
        if let (Some(stage), Some(batch)) = (staging.get(), writing.get().and_then(Weak::upgrade)) {
            helped = rayon::broadcast(|_| stage.help(&batch))
                .into_iter()
                .collect::<std::io::Result<()>>();
            if helped.is_ok() {
                // (The writing thread may still be finishing the pages it claimed.)
                helped = stage.write(&index, &[]);
                index_written = true;
                laps.lap("write: index written at");
            }
        }
        (pages.join(), helped, index, index_written)
    });
    pages.unwrap_or_else(|p| std::panic::resume_unwind(p))?;
    helped?;
    // (The writing thread lists the spare first thing, and failing, returned its error above.)
    let stage = staging
        .into_inner()
        .ok_or_else(|| std::io::Error::other("no staging folder"))?;
    if !index_written {
        stage.write(&index, &[])?;
        laps.lap("write: index written at");
    }
    stage.commit(opts.background_cleanup)?;
    let n = n + index.len();
    if opts.exit_after {
        std::mem::forget(index);
    }
    Ok(n)
}

/// What `serve` keeps between rebuilds, so that an edit parses again only the files whose
/// bytes changed, re-renders only the pages whose Markdown (or the set of link targets)
/// changed, runs through its template only a page whose values changed, and rewrites only
/// the files that changed.
#[derive(Default)]
pub struct Incremental {
    pub(crate) markdown: render::pages::MarkdownCache,
    /// The pages as rendered, and the Markdown of fields and printed pages.
    pub(crate) pages: render::pages::RenderCache,
    parsed: content::ParseCache,
    written: output::Written,
    search_written: output::Written,
    /// The templates, parsed again only when one of their files changed.
    templates: render::templates::TemplateCache,
}

impl Incremental {
    /// Whether no build has written a site through it yet.
    pub fn is_fresh(&self) -> bool {
        self.written.is_empty()
    }
}

/// The preview server's build: like [`build`], but re-rendering and rewriting only what an
/// edit changed. The first call (and any call after the site folder vanished) writes the
/// whole site atomically.
pub fn build_incremental(
    root: &Path,
    opts: &BuildOptions,
    cache: &mut Incremental,
) -> (Report, Option<PendingSearch>) {
    let start = Instant::now();
    let mut report = Report::default();
    let mut pending = None;
    if let Some(c) = compile_with(root, opts, &mut report, false, Some(cache)) {
        report.files = c.files.len() + c.assets.len();
        let result = if cache.written.is_empty() || !c.dest.is_dir() {
            // First build: the whole site, search index included, swapped in at once.
            let search = search::index::encode(c.search).files;
            let mut all = c.files.clone();
            all.extend(search.iter().cloned());
            output::write_site(
                &c.dest,
                &all,
                &c.assets,
                opts.background_cleanup,
                c.keep_previous,
            )
            .map(|()| {
                output::remember(&c.files, &c.assets, &mut cache.written);
                output::remember(&search, &[], &mut cache.search_written);
            })
        } else {
            pending = Some(PendingSearch {
                prepared: c.search,
                dest: c.dest.clone(),
            });
            let laps = Laps::start();
            let n = output::write_changed(&c.dest, &c.files, &c.assets, &mut cache.written);
            laps.lap("write: changed pages written in");
            n.map(|_| ())
        };
        match result {
            Ok(()) => report.dest = Some(c.dest),
            Err(e) => {
                pending = None;
                cache.written = output::Written::default();
                report.diagnostics.push(
                    Diagnostic::error(
                        &c.dest,
                        0,
                        0,
                        t!("cannot write the site: {e}", "无法写入网站：{e}"),
                    )
                    .with_hint(t!(
                        "check the folder's permissions and free disk space",
                        "检查文件夹的权限和磁盘剩余空间"
                    )),
                )
            }
        }
    }
    report.diagnostics.sort();
    report.elapsed = start.elapsed();
    (report, pending)
}

/// The search index of a rebuild whose pages are already written: the preview server reloads
/// the open tabs first, then writes the index (a query a moment later sees the new text).
pub struct PendingSearch {
    prepared: search::index::Prepared,
    dest: PathBuf,
}

impl PendingSearch {
    /// Encodes and writes the index.
    pub fn write(self, cache: &mut Incremental) -> std::io::Result<usize> {
        self.encode().write(cache)
    }

    /// Encodes the index, to be written by [`EncodedSearch::write`].
    pub fn encode(self) -> EncodedSearch {
        let laps = Laps::start();
        let files = search::index::encode(self.prepared).files;
        laps.lap("search: encoded in");
        EncodedSearch {
            files,
            dest: self.dest,
        }
    }
}

/// A rebuild's search index, encoded, still to be written.
pub struct EncodedSearch {
    files: Vec<OutputFile>,
    dest: PathBuf,
}

impl EncodedSearch {
    /// Writes the index files whose bytes changed, each where it is
    /// ([`output::overwrite_changed`]: a reader must not read them meanwhile).
    pub fn write(self, cache: &mut Incremental) -> std::io::Result<usize> {
        let laps = Laps::start();
        let n = output::overwrite_changed(&self.dest, &self.files, &mut cache.search_written);
        laps.lap("search: written in");
        n
    }
}

/// The result of `handbook export`.
pub struct Exported {
    pub file: PathBuf,
    pub questions: usize,
    pub skipped: Vec<export::Skipped>,
}

/// `handbook export --format gift|moodle-xml DIR`: the question bank for an LMS. The book is
/// validated first; with any error nothing is written and the report is returned.
pub fn export(root: &Path, format: &str, dir: &Path) -> Result<Exported, Report> {
    // (As `check` checks it: a broken link in a question, found as its text is rendered, was
    // exported as written -- second review.)
    let checked = check(root);
    if checked.diagnostics.has_errors() {
        return Err(checked);
    }
    let (book, mut report) = load_valid(root)?;
    let links = book::PageLinks::for_fields(&book, "quizzes");
    let rule_title = |id: &str| book.rule(id).map(|r| r.title.clone());
    let lms: Vec<content::quiz::Quiz> = book
        .quizzes
        .iter()
        .map(|q| export::for_lms(&q.value, &links, &rule_title))
        .collect();
    let quizzes: Vec<&content::quiz::Quiz> = lms.iter().collect();
    let total: usize = quizzes.iter().map(|q| q.own_questions().count()).sum();
    let (text, skipped, name) = match format {
        "gift" => {
            let (t, s) = export::to_gift(&quizzes);
            (t, s, "questions.gift.txt")
        }
        _ => {
            let (t, s) = export::to_moodle_xml(&quizzes);
            (t, s, "questions.moodle.xml")
        }
    };
    let file = dir.join(name);
    if let Err(e) = std::fs::create_dir_all(dir).and_then(|_| std::fs::write(&file, text)) {
        report.diagnostics.push(
            Diagnostic::error(
                &file,
                0,
                0,
                t!("cannot write the export: {e}", "无法写入导出的文件：{e}"),
            )
            .with_hint(t!(
                "check the folder's permissions and free disk space",
                "检查文件夹的权限和磁盘剩余空间"
            )),
        );
        return Err(report);
    }
    Ok(Exported {
        file,
        questions: total - skipped.len(),
        skipped,
    })
}

/// `handbook report`: what to look at next in a book that builds ([`report::report`]), as of
/// `today` (a day number). With errors in the book, the report of them instead.
pub fn content_report(
    root: &Path,
    today: i64,
    stale_months: u32,
) -> Result<report::ContentReport, Report> {
    let (book, _) = load_valid(root)?;
    Ok(report::report(&book, today, stale_months))
}

/// book.toml and the content, loaded and linked, for commands that need a book without
/// errors (`export`, `report`): the book and its report (warnings only), or the report of
/// its errors, sorted.
fn load_valid(root: &Path) -> Result<(Book, Report), Report> {
    let mut report = Report::default();
    let config = match Config::load_all(root) {
        Ok(c) => c,
        Err(ds) => {
            report.diagnostics.extend(ds);
            return Err(report);
        }
    };
    // (Every page, whatever `[build] audience` leaves out of the published site.)
    let config = Config {
        build: config::BuildConfig {
            readers: None,
            ..config.build
        },
        ..config
    };
    let book = load_book(root, config, &mut report, false, None);
    if report.diagnostics.has_errors() {
        report.diagnostics.sort();
        return Err(report);
    }
    Ok((book, report))
}

/// `handbook check`: everything `build` validates, writing nothing.
pub fn check(root: &Path) -> Report {
    check_with(root, false, false)
}

/// `handbook check [--strict] [--drafts]`.
pub fn check_with(root: &Path, strict: bool, drafts: bool) -> Report {
    check_opts(
        root,
        &BuildOptions {
            strict,
            drafts,
            ..BuildOptions::default()
        },
    )
}

/// `check` with the options given (`strict`, `drafts` and `audience` are read).
pub fn check_opts(root: &Path, opts: &BuildOptions) -> Report {
    let start = Instant::now();
    let mut report = Report::default();
    let strict = opts.strict;
    let opts = BuildOptions {
        strict,
        drafts: opts.drafts,
        audience: opts.audience.clone(),
        ..BuildOptions::default()
    };
    let _ = compile(root, &opts, &mut report, true);
    if strict {
        // (Problems found before the Markdown was rendered, e.g. in book.toml or a template.)
        report.diagnostics.promote_warnings();
    }
    report.diagnostics.sort();
    report.elapsed = start.elapsed();
    report
}

/// What `check --search` ran: how many of the book's search checks passed, failed, or were
/// not run (their target left out of the site for its readers), and in which browser.
#[derive(Debug)]
pub struct SearchRun {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub browser: PathBuf,
}

/// `handbook check --search`: [`check_opts`], then, when it found no error, the book built as
/// `build` publishes it (its `[build] audience`, or `--audience`) into a temporary folder and
/// its search checks (`search-checks.yaml`) run on the 搜索自查 page in a headless browser
/// (`browser`, else `HANDBOOK_BROWSER`, else Chromium, Chrome or Edge where installed): each
/// check whose target is not found within its place is an error at its line of the file.
pub fn check_search(
    root: &Path,
    opts: &BuildOptions,
    browser: Option<&Path>,
) -> (Report, Option<SearchRun>) {
    let mut report = check_opts(root, opts);
    if report.diagnostics.has_errors() {
        return (report, None);
    }
    let config = match config::Config::load(root) {
        Ok(c) => c,
        Err(d) => {
            report.diagnostics.push(d);
            return (report, None);
        }
    };
    let file = config.build.src.join("search-checks.yaml");
    let fail = |report: &mut Report, message: String, hint: String| {
        report
            .diagnostics
            .push(diagnostics::Diagnostic::error(&file, 0, 0, message).with_hint(hint));
    };
    if !root.join(&file).is_file() {
        fail(
            &mut report,
            t!("there are no search checks to run", "没有可以运行的搜索自查"),
            t!(
                "write the questions readers ask, each with the page it must find, in {} (see the trainer guide, 搜索自查)",
                "把读者常搜的问题和每个问题应当找到的页面写进 {}（见培训师指南的“搜索自查”）",
                file.display()
            ),
        );
        return (report, None);
    }
    let given = browser
        .map(Path::to_path_buf)
        .or_else(|| std::env::var_os("HANDBOOK_BROWSER").map(PathBuf::from));
    let browser = match search::run_checks::find_browser(given.as_deref()) {
        Ok(b) => b,
        Err(e) => {
            fail(
                &mut report,
                e,
                t!(
                    "install Chromium (Debian, Ubuntu: apt-get install chromium), Chrome or Edge, or name one: --browser PATH",
                    "请安装 Chromium（Debian、Ubuntu：apt-get install chromium）、Chrome 或 Edge，或者用 --browser 路径 指定一个"
                ),
            );
            return (report, None);
        }
    };
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    let scratch = std::env::temp_dir().join(format!(
        "handbook-search-checks-{}-{nanos}",
        std::process::id()
    ));
    // Owner-only, as serve's preview: the site holds the book's trainer-only parts.
    match serve::own_folder(&scratch) {
        Ok(true) => {}
        mine => {
            let why = match mine {
                Err(e) => e.to_string(),
                _ => t!("it is not yours alone", "它不只属于你").to_string(),
            };
            fail(
                &mut report,
                t!(
                    "cannot make the folder to run the checks in, {}: {why}",
                    "无法建立运行搜索自查的文件夹 {}：{why}",
                    scratch.display()
                ),
                t!(
                    "point TMPDIR (TEMP on Windows) at a folder you may write",
                    "把 TMPDIR（Windows 上是 TEMP）指向一个你能写入的文件夹"
                ),
            );
            return (report, None);
        }
    }
    let run = search_checks_in(root, opts, &browser, &file, &scratch, &mut report);
    let _ = std::fs::remove_dir_all(&scratch);
    (report, run)
}

/// [`check_search`]'s build and run, in folder `scratch`.
fn search_checks_in(
    root: &Path,
    opts: &BuildOptions,
    browser: &Path,
    file: &Path,
    scratch: &Path,
    report: &mut Report,
) -> Option<SearchRun> {
    let built = build(
        root,
        &BuildOptions {
            dest: Some(scratch.join("site")),
            drafts: opts.drafts,
            audience: opts.audience.clone(),
            book_audience: true,
            ..BuildOptions::default()
        },
    );
    if built.diagnostics.has_errors() {
        report.diagnostics.extend(
            built
                .diagnostics
                .items
                .into_iter()
                .filter(diagnostics::Diagnostic::is_error),
        );
        return None;
    }
    let fail = |report: &mut Report, message: String| {
        report
            .diagnostics
            .push(diagnostics::Diagnostic::error(file, 0, 0, message));
    };
    let dir = scratch.join("site").join(book::urls::SEARCH_CHECKS);
    let page = dir.join("index.html");
    if !page.is_file() {
        // (check warned: search is turned off in book.toml.)
        fail(
            report,
            t!(
                "the site has no search to run the checks in",
                "网站没有搜索功能，无法运行搜索自查"
            ),
        );
        return None;
    }
    let outcomes = match search::run_checks::run(browser, &page, scratch) {
        Ok(o) => o,
        Err(e) => {
            fail(report, e);
            return None;
        }
    };
    // Each check's query, target and line, as the page has them.
    let data = std::fs::read_to_string(dir.join("data.js")).unwrap_or_default();
    let checks: Vec<serde_json::Value> = render::pages::data_script_value(&data, "checks")
        .and_then(|v| serde_json::from_value(v).ok())
        .unwrap_or_default();
    let mut run = SearchRun {
        passed: 0,
        failed: 0,
        skipped: checks.len().saturating_sub(outcomes.len()),
        browser: browser.to_path_buf(),
    };
    for o in outcomes {
        if o.passed {
            run.passed += 1;
            continue;
        }
        run.failed += 1;
        let Some(c) = checks.iter().find(|c| c["n"].as_u64() == Some(o.n as u64)) else {
            continue;
        };
        // (The query's place, from the file's YAML as the page was built.)
        let line = c["line"].as_u64().unwrap_or(0) as usize;
        let col = c["col"].as_u64().unwrap_or(1) as usize;
        let (q, expect) = (
            c["query"].as_str().unwrap_or(""),
            c["expect"].as_str().unwrap_or(""),
        );
        let within = c["within"].as_u64().unwrap_or(3);
        let rank = o.rank;
        let message = match rank {
            r if r > 0 => t!(
                "searching “{q}” puts `{expect}` at place {r}, not within the first {within}",
                "搜索“{q}”时，`{expect}` 排在第 {r} 名（要求前 {within} 名）"
            ),
            0 => t!(
                "searching “{q}” does not find `{expect}` among its results",
                "搜索“{q}”的结果里没有 `{expect}`"
            ),
            _ => t!(
                "searching “{q}” gave no results in time",
                "搜索“{q}”没有及时给出结果"
            ),
        };
        let hint = if o.first.is_empty() {
            t!(
                "nothing was found: a synonym in the glossary (`synonyms`, `keywords`) brings readers' words to the page",
                "什么也没搜到：在术语表里给这个说法加同义词或搜索词（`synonyms`、`keywords`），就能把读者的说法引到这一页"
            )
        } else {
            let first = o.first.join(" | ");
            t!(
                "first came: {first}; open the 搜索自查 page of the built site to see each check",
                "排在前面的是：{first}。生成网站后打开“搜索自查”页面，可以看到每一条的结果"
            )
        };
        report
            .diagnostics
            .push(diagnostics::Diagnostic::error(file, line, col, message).with_hint(hint));
    }
    Some(run)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site folder that is a mount point: renaming it is refused as busy (or as another
    /// device); the error says so and how to build into it, not "check the permissions".
    #[test]
    #[cfg(target_os = "linux")]
    fn a_site_folder_that_is_a_mount_point_is_told_so() {
        for code in [16, 18] {
            let d = write_error(
                Path::new("/mnt/site"),
                &std::io::Error::from_raw_os_error(code),
            );
            let said = d.to_string();
            assert!(said.contains("`/mnt/site` is a mount point"), "{said}");
            assert!(said.contains("`--dest /mnt/site/handbook`"), "{said}");
        }
        let d = write_error(
            Path::new("/mnt/site"),
            &std::io::Error::from_raw_os_error(28),
        );
        assert!(d.to_string().contains("free disk space"), "{d}");
    }

    #[test]
    fn the_summary_counts_pages_and_parts_left_out_for_other_readers() {
        let mut r = Report {
            left_out: 3,
            left_out_parts: 2,
            ..Report::default()
        };
        let said = r.summary("built");
        assert!(
            said.contains("(3 pages and 2 parts of pages for other readers left out)"),
            "{said}"
        );
        let said = crate::i18n::in_chinese(|| r.summary("已生成"));
        assert!(
            said.contains("（3 个页面和 2 段内容不是写给这次的读者的，未收入）"),
            "{said}"
        );
        r.left_out = 0;
        r.left_out_parts = 1;
        assert!(r
            .summary("built")
            .contains("(1 part of a page for other readers left out)"));
        let said = crate::i18n::in_chinese(|| r.summary("已生成"));
        assert!(
            said.contains("（1 段内容不是写给这次的读者的，未收入）"),
            "{said}"
        );
    }

    /// A rebuild of one page (serve) takes a few milliseconds: not said as 0.00 seconds.
    #[test]
    fn a_build_of_a_few_milliseconds_is_said_under_a_hundredth() {
        let mut r = Report {
            elapsed: std::time::Duration::from_millis(3),
            ..Report::default()
        };
        assert!(
            r.summary("built").ends_with(" in <0.01s"),
            "{}",
            r.summary("built")
        );
        let said = crate::i18n::in_chinese(|| r.summary("已生成"));
        assert!(said.ends_with("，用时不到 0.01 秒"), "{said}");
        r.elapsed = std::time::Duration::from_millis(250);
        assert!(r.summary("built").ends_with(" in 0.25s"));
        let said = crate::i18n::in_chinese(|| r.summary("已生成"));
        assert!(said.ends_with("，用时 0.25 秒"), "{said}");
    }

    #[test]
    fn the_preview_server_runs_through_templates_only_the_pages_an_edit_changed() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("book");
        crate::init::init(&root).unwrap();
        let opts = BuildOptions {
            dest: Some(t.path().join("preview")),
            ..BuildOptions::default()
        };
        let mut cache = Incremental::default();
        let rebuild = |cache: &mut Incremental| {
            let (report, pending) = build_incremental(&root, &opts, cache);
            assert!(report.ok(), "{:?}", report.diagnostics);
            if let Some(p) = pending {
                p.write(cache).unwrap();
            }
            cache.pages.templated()
        };
        let all = rebuild(&mut cache);
        assert!(all > 10, "only {all} pages");
        // An unchanged book: no page through its template again.
        assert_eq!(rebuild(&mut cache), 0);
        // A lesson's text: its page and the print page that prints it.
        let lesson = root.join("content/basics/first-lesson.md");
        let text = std::fs::read_to_string(&lesson).unwrap();
        std::fs::write(&lesson, text + "\n又一段。\n").unwrap();
        let n = rebuild(&mut cache);
        assert!((1..=3).contains(&n), "{n} of {all} pages rendered again");
        // A template: every page that uses it.
        let base = crate::render::templates::BUILTIN_TEMPLATES
            .iter()
            .find(|(n, _)| *n == "base.html")
            .map(|(_, b)| b.to_string())
            .unwrap();
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/base.html"), base + "<!-- 改过 -->\n").unwrap();
        assert!(
            rebuild(&mut cache) >= all - 2,
            "a changed template left pages as they were"
        );
    }

    #[test]
    fn the_preview_server_renders_a_lesson_again_when_a_rule_it_quotes_changes() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("book");
        crate::init::init(&root).unwrap();
        let lesson = root.join("content/basics/first-lesson.md");
        let text = std::fs::read_to_string(&lesson).unwrap();
        std::fs::write(&lesson, text + "\n```rule EX-PROC-001\n```\n").unwrap();
        let opts = BuildOptions::default();
        let mut cache = Incremental::default();
        let page = root.join("site/basics/first-lesson/index.html");
        let rule = root.join("content/rules/example.rule.yaml");
        for (from, to) in [
            ("", ""),
            ("一般投诉在5个工作日内办结。", "一般投诉在4个工作日内办结。"),
        ] {
            let y = std::fs::read_to_string(&rule).unwrap().replace(from, to);
            std::fs::write(&rule, y).unwrap();
            let (report, pending) = build_incremental(&root, &opts, &mut cache);
            assert!(report.ok(), "{:?}", report.diagnostics);
            if let Some(p) = pending {
                p.write(&mut cache).unwrap();
            }
            let html = std::fs::read_to_string(&page).unwrap();
            let n = if to.is_empty() { 5 } else { 4 };
            let want =
                format!("<div class=\"rule-embed-summary\"><p>一般投诉在{n}个工作日内办结。</p>");
            assert!(html.contains(&want), "the lesson does not show {want}");
        }
    }
}
