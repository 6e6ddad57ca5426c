//! Tera templates: the built-in default theme, a theme folder beside book.toml, and single
//! template overrides in the book's own `templates/` folder, in that order.

use crate::diagnostics::{display_path, Diagnostic};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tera::Tera;

macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../themes/default/templates/", $name)))),*]
    };
}

/// The default theme's templates, compiled into the binary so `handbook init` books work
/// without a themes folder.
pub const BUILTIN_TEMPLATES: &[(&str, &str)] = builtin!(
    "base.html",
    "index.html",
    "section.html",
    "page.html",
    "rule.html",
    "rule-card.html",
    "rules.html",
    "time-limits.html",
    "changes.html",
    "quiz.html",
    "quizzes.html",
    "paper.html",
    "glossary.html",
    "course.html",
    "progress.html",
    "team.html",
    "mistakes.html",
    "search.html",
    "print.html",
    "redirect.html",
    "tags.html",
    "tag.html",
    "phrases.html",
    "search-checks.html",
    "404.html",
);

macro_rules! builtin_static {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!("../../themes/default/static/", $name)) as &[u8])),*]
    };
}

/// The default theme's static files.
pub const BUILTIN_STATIC: &[(&str, &[u8])] = builtin_static!(
    "css/main.css",
    "css/print.css",
    "css/search.css",
    "css/quiz.css",
    "js/handbook.js",
    "js/theme.js",
    "js/search.js",
    "js/quiz.js",
    "js/progress.js",
    "js/team.js",
    "js/mistakes.js",
    "js/search-checks.js",
    "js/redirect.js",
    "favicon.ico",
);

pub struct Templates {
    pub tera: Tera,
    /// Template name -> file the user would open to fix it.
    pub files: BTreeMap<String, PathBuf>,
    /// Static files: output path under `static/` -> bytes.
    pub statics: BTreeMap<String, Vec<u8>>,
    /// The templates that are not the default theme's as built in (a theme's or the book's).
    pub custom: std::collections::BTreeSet<String>,
    /// Templates of the book's or a theme's that work but no longer fit what the build gives
    /// them (a `print.html` made before the print pages by chapter), each a warning at its file.
    pub warnings: Vec<Diagnostic>,
    /// Each template's text, to place an error tera gives without a line.
    texts: BTreeMap<String, String>,
    /// A hash of the theme's styles and scripts (8 hex digits), in the names the pages load
    /// them by (`static/css/main.<stamp>.css`, see [`Templates::stamped`]): a browser that
    /// kept an older theme's file, with no Cache-Control from the server, asks for the new
    /// one as soon as a page names it, instead of drawing new pages with old styles.
    pub stamp: String,
}

/// Whether tera template `src` reads the variable `name` (in a `{{ }}` or `{% %}` tag).
fn reads_variable(src: &str, name: &str) -> bool {
    let mut rest = src;
    while let Some(at) = rest.find(['{']) {
        rest = &rest[at + 1..];
        let close = match rest.chars().next() {
            Some('{') => "}}",
            Some('%') => "%}",
            _ => continue,
        };
        let Some(end) = rest.find(close) else { break };
        let tag = &rest[1..end];
        let word = |c: char| c.is_alphanumeric() || c == '_';
        if tag.split(|c: char| !word(c)).any(|w| w == name) {
            return true;
        }
        rest = &rest[end..];
    }
    false
}

impl Templates {
    /// The book's or a theme's own `name` (not the default theme's as built in) that reads
    /// `reads` but never `without`: the file to name in a warning that it fits an older
    /// handbook (one made after `reads` came and before `without` did).
    pub fn custom_reading_without(&self, name: &str, reads: &str, without: &str) -> Option<&Path> {
        let text = self
            .texts
            .get(name)
            .filter(|_| self.custom.contains(name))?;
        if !reads_variable(text, reads) || reads_variable(text, without) {
            return None;
        }
        self.files.get(name).map(PathBuf::as_path)
    }
}

/// The book's or theme's templates that fit an older handbook ([`Templates::warnings`]): a
/// `print.html` that never reads `part` was made for the print version of one page, and would
/// render each chapter's print page (`print/<chapter>/`) as a whole book of its own.
fn outdated(
    sources: &BTreeMap<String, (PathBuf, String)>,
    custom: &std::collections::BTreeSet<String>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if let Some((file, src)) = sources
        .get("print.html")
        .filter(|_| custom.contains("print.html"))
    {
        if !reads_variable(src, "part") {
            out.push(
                Diagnostic::warning(file, 1, 1, t!(
                    "this print.html was made for a print version on one page (it never reads `part`): print/ is now the contents, and each chapter's print page (print/<chapter>/) and the rule cards' are rendered with it too, each then showing as a whole book",
                    "这个 print.html 是按“整本书打印在一页上”做的（里面没有用到 `part`）：现在 print/ 是打印版目录，每一章的打印页（print/<章>/）和规则卡的打印页也用它生成，就都会显示成一整本书的样子"
                ))
                .with_hint(t!(
                    "copy print.html again from the theme of this handbook version (themes/default/templates/print.html) and make your changes to it again; or delete this file to use the theme's",
                    "请从这个版本的 handbook 的主题里（themes/default/templates/print.html）重新复制一份 print.html，再把你的修改改上去；或者删掉这个文件，直接用主题自带的"
                )),
            );
        }
    }
    out
}

/// FNV-1a, 64 bits: the same stamp for the same files on every machine and Rust version.
fn fnv1a(h: u64, bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// The stamp of a theme's static files (only styles and scripts are loaded by stamped names).
fn theme_stamp(statics: &BTreeMap<String, Vec<u8>>) -> String {
    let h = statics
        .iter()
        .filter(|(name, _)| Templates::stampable(name))
        .fold(0xcbf2_9ce4_8422_2325, |h, (name, bytes)| {
            fnv1a(fnv1a(h, name.as_bytes()), bytes) ^ bytes.len() as u64
        });
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// Where a tera error points: the innermost `--> line:col` in its cause chain.
fn tera_position(e: &tera::Error) -> (usize, usize, String) {
    let mut msgs = Vec::new();
    let mut cur: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = cur {
        msgs.push(err.to_string());
        cur = err.source();
    }
    let all = msgs.join("\n");
    let mut pos = (0, 0);
    if let Some(i) = all.find("--> ") {
        let rest = &all[i + 4..];
        let mut nums = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        if let (Some(l), Some(c)) = (nums.next(), nums.next()) {
            pos = (l.parse().unwrap_or(0), c.parse().unwrap_or(0));
        }
    }
    // Keep the readable parts: pest's source excerpt ("--> 4:1 | 4 | ...") is noise here,
    // the position is printed as file:line:col already.
    let text = msgs
        .iter()
        .map(|m| {
            m.lines()
                .map(str::trim)
                .filter(|l| {
                    !l.is_empty()
                        && !l.starts_with("-->")
                        && !l.starts_with('|')
                        && !l.chars().next().is_some_and(|c| c.is_ascii_digit())
                })
                .map(|l| l.trim_start_matches("= "))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|m| !m.is_empty())
        .collect::<Vec<_>>()
        .join(": ");
    (pos.0, pos.1, text)
}

fn template_name(e: &tera::Error) -> Option<String> {
    let s = e.to_string();
    let start = s.find('\'').or_else(|| s.find('"'))?;
    let q = s.as_bytes()[start] as char;
    let rest = &s[start + 1..];
    Some(rest[..rest.find(q)?].to_string())
}

/// Each template by name: the file shown in its errors, and its text.
type Sources = BTreeMap<String, (PathBuf, String)>;
/// Static files: output path under `static/` -> bytes.
type Statics = BTreeMap<String, Vec<u8>>;

/// The preview server's templates, kept from one rebuild to the next with the sources they
/// were made from: parsed again only when a template (the theme's or the book's own) or a
/// static file of the theme is not what it was. Parsing all of them took ~10 ms of every
/// rebuild of a 326-page book; reading them to compare, ~1 ms.
#[derive(Default)]
pub struct TemplateCache(std::sync::Mutex<Option<(Sources, Statics, Arc<Templates>)>>);

impl Templates {
    /// `theme_at`: where book.toml names the theme (for the error when it is not found).
    pub fn load(
        root: &Path,
        theme: &str,
        theme_at: (usize, usize),
    ) -> Result<Templates, Vec<Diagnostic>> {
        let (sources, statics) = Self::read(root, theme, theme_at)?;
        Self::parse(sources, statics)
    }

    /// [`Templates::load`], the same templates as the last time when every file they are made
    /// from is byte for byte what it was (`cache`, the preview server's). A template with an
    /// error is never kept: it is reported again at each rebuild until it is mended.
    pub fn load_cached(
        root: &Path,
        theme: &str,
        theme_at: (usize, usize),
        cache: Option<&TemplateCache>,
    ) -> Result<Arc<Templates>, Vec<Diagnostic>> {
        let Some(cache) = cache else {
            return Self::load(root, theme, theme_at).map(Arc::new);
        };
        let (sources, statics) = Self::read(root, theme, theme_at)?;
        let mut kept = cache.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((s, st, t)) = &*kept {
            if *s == sources && *st == statics {
                return Ok(Arc::clone(t));
            }
        }
        *kept = None;
        let t = Arc::new(Self::parse(sources.clone(), statics.clone())?);
        *kept = Some((sources, statics, Arc::clone(&t)));
        Ok(t)
    }

    /// The built-in default theme alone: what a book's content is checked with when its own
    /// theme does not load (a theme not found, a template with an error), so that the
    /// content's mistakes are told in the same run (robustness review: a misspelt theme hid
    /// every broken link). The build fails on the theme's error.
    pub fn builtin() -> Result<Templates, Vec<Diagnostic>> {
        let (sources, statics) = Self::builtin_sources();
        Self::parse(sources, statics)
    }

    fn builtin_sources() -> (Sources, Statics) {
        let mut sources: Sources = BTreeMap::new();
        let mut statics: Statics = BTreeMap::new();
        for (name, src) in BUILTIN_TEMPLATES {
            sources.insert(
                name.to_string(),
                (
                    PathBuf::from(t!(
                        "(built-in default theme) {name}",
                        "(内置默认主题) {name}"
                    )),
                    src.to_string(),
                ),
            );
        }
        for (name, bytes) in BUILTIN_STATIC {
            statics.insert(name.to_string(), bytes.to_vec());
        }
        statics.insert(
            "css/highlight.css".into(),
            super::highlight::stylesheet().as_bytes().to_vec(),
        );
        (sources, statics)
    }

    /// The templates' and static files' sources: the built-in theme's, a theme folder's, the
    /// book's own templates.
    fn read(
        root: &Path,
        theme: &str,
        theme_at: (usize, usize),
    ) -> Result<(Sources, Statics), Vec<Diagnostic>> {
        let (mut sources, mut statics) = Self::builtin_sources();
        let mut diags = Vec::new();
        let theme_dir = root.join("themes").join(theme);
        if theme != "default" && !theme_dir.is_dir() {
            return Err(vec![Diagnostic::error(
                "book.toml",
                theme_at.0,
                theme_at.1,
                t!("theme `{theme}` not found", "找不到主题 `{theme}`"),
            )
            .with_hint(t!(
                "create themes/{theme}/templates/, or set theme = \"default\"",
                "请建好 themes/{theme}/templates/ 文件夹，或者改成 theme = \"default\""
            ))]);
        }
        for dir in [theme_dir.join("templates"), root.join("templates")] {
            read_dir_files(&dir, &mut |rel, path| {
                if rel.ends_with(".html") {
                    let shown = display_path(root, path);
                    match std::fs::read(path) {
                        Ok(bytes) => match crate::content::lesson::decode_utf8(&shown, bytes) {
                            Ok(text) => {
                                sources.insert(rel, (shown, text));
                            }
                            Err(d) => diags.push(d),
                        },
                        Err(e) => diags.push(Diagnostic::error(
                            shown,
                            1,
                            1,
                            t!("cannot read the template: {e}", "读不了这个模板：{e}"),
                        )),
                    }
                }
            });
        }
        read_dir_files(&theme_dir.join("static"), &mut |rel, path| {
            // (The preview server's script, compiled into it and sent by `serve` alone: a
            // theme's copy is never loaded, and a published site has no use for it.)
            if rel == "js/livereload.js" {
                return;
            }
            if let Ok(bytes) = std::fs::read(path) {
                statics.insert(rel, bytes);
            }
        });
        if !diags.is_empty() {
            return Err(diags);
        }
        Ok((sources, statics))
    }

    /// Parses the templates read by [`Templates::read`]: each syntax error at its file.
    fn parse(sources: Sources, mut statics: Statics) -> Result<Templates, Vec<Diagnostic>> {
        let mut diags = Vec::new();
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // Tera's default escaper writes `/` as `&#x2F;`; relative URLs stay readable with ours.
        tera.set_escape_fn(super::markdown::escape_html);
        let files: BTreeMap<String, PathBuf> = sources
            .iter()
            .map(|(k, v)| (k.clone(), v.0.clone()))
            .collect();
        // Parse one by one first, so a syntax error names its own file.
        for (name, (file, src)) in &sources {
            if let Err(e) = tera::Template::new(name, None, src) {
                let (line, col, msg) = tera_position(&e);
                diags.push(
                    Diagnostic::error(
                        file,
                        line,
                        col,
                        t!("template syntax error: {msg}", "模板语法错误：{msg}"),
                    )
                    .with_hint(t!(
                        "check the {{{{ }}}} and {{% %}} tags near this position",
                        "请检查这个位置附近的 {{{{ }}}} 和 {{% %}} 标记"
                    )),
                );
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        if let Some(d) = include_cycle(&sources) {
            return Err(vec![d]);
        }
        let list: Vec<(String, String)> = sources
            .iter()
            .map(|(k, v)| (k.clone(), v.1.clone()))
            .collect();
        if let Err(e) = tera.add_raw_templates(list) {
            let (line, col, msg) = tera_position(&e);
            let file = template_name(&e)
                .and_then(|n| files.get(&n).cloned())
                .unwrap_or_else(|| PathBuf::from("templates"));
            return Err(vec![Diagnostic::error(
                file,
                line,
                col,
                t!("template error: {msg}", "模板错误：{msg}"),
            )]);
        }
        let custom = sources
            .iter()
            .filter(|(name, (_, src))| {
                !BUILTIN_TEMPLATES.iter().any(|(n, b)| n == name && b == src)
            })
            .map(|(name, _)| name.clone())
            .collect();
        let warnings = outdated(&sources, &custom);
        // (Before the stamp: a change to what is added makes new names for old browsers too.)
        super::oldcss::add_fallbacks(&mut statics);
        let stamp = theme_stamp(&statics);
        let texts = sources.into_iter().map(|(k, (_, src))| (k, src)).collect();
        Ok(Templates {
            tera,
            files,
            statics,
            custom,
            warnings,
            stamp,
            texts,
        })
    }

    /// A macro or include nested past tera's depth limit (vendor/tera/PATCHED.md): the error
    /// is at the call that recurses, in the template that holds it.
    fn endless(&self, msg: &str) -> Option<Diagnostic> {
        let at = msg
            .find("the macro `")
            .or_else(|| msg.find("the include of `"))?;
        let ours = &msg[at..];
        if !ours.contains(" deep: ") {
            return None;
        }
        let name = ours.split('`').nth(1)?;
        let within = ours.split("(in ").nth(1)?.split(')').next()?;
        // The call: `::name(` for a macro, the quoted name in an include tag.
        let needles: Vec<String> = if ours.starts_with("the macro") {
            vec![format!("::{name}(")]
        } else {
            vec![format!("\"{name}\""), format!("'{name}'")]
        };
        let find = |src: &str| {
            src.lines().enumerate().find_map(|(n, l)| {
                needles
                    .iter()
                    .find_map(|k| l.find(k.as_str()))
                    .map(|i| (n + 1, l[..i].chars().count() + 1))
            })
        };
        let (template, line, col) = self
            .texts
            .get(within)
            .and_then(|t| find(t))
            .map(|(l, c)| (within.to_string(), l, c))
            .or_else(|| {
                self.texts
                    .iter()
                    .find_map(|(n, t)| find(t).map(|(l, c)| (n.clone(), l, c)))
            })
            .unwrap_or((within.to_string(), 0, 0));
        let file = self
            .files
            .get(&template)
            .cloned()
            .unwrap_or_else(|| PathBuf::from(&template));
        Some(
            Diagnostic::error(file, line, col, t!("template error: {ours}", "模板错误：{ours}"))
                .with_hint(t!("rendering it would never end: give the recursion a condition that stops it (an `if` on a value that shrinks, or a `for` over a finite list)", "这样生成页面会没完没了：请给递归加一个能停下来的条件（对一个越来越小的值用 `if`，或者用 `for` 遍历一个有限的列表）")),
        )
    }

    /// Where the variable, filter or function a render error names is written: in `name`
    /// first, then in any template; (template, line, column).
    fn place_of(&self, name: &str, msg: &str) -> Option<(String, usize, usize)> {
        let what = ["Variable `", "Filter '", "Function '", "Test '"]
            .iter()
            .find_map(|k| {
                let rest = msg.split(k).nth(1)?;
                rest.split(['`', '\'']).next()
            })?
            .to_string();
        if what.is_empty() {
            return None;
        }
        // Inside a `{{ … }}` or `{% … %}` only (the same word in the page's text is not it).
        let find = |src: &str| {
            src.lines().enumerate().find_map(|(n, l)| {
                let mut from = 0;
                while let Some(i) = l[from..].find(&what) {
                    let at = from + i;
                    let before = l[..at].chars().next_back();
                    let after = l[at + what.len()..].chars().next();
                    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
                    let open = l[..at].rfind("{{").max(l[..at].rfind("{%"));
                    let close = l[..at].rfind("}}").max(l[..at].rfind("%}"));
                    let in_tag = match (open, close) {
                        (Some(o), Some(c)) => o > c,
                        (Some(_), None) => true,
                        _ => false,
                    };
                    if in_tag && !word(before) && !word(after) {
                        return Some((n + 1, l[..at].chars().count() + 1));
                    }
                    from = at + what.len();
                }
                None
            })
        };
        let first = self
            .texts
            .get(name)
            .and_then(|t| find(t))
            .map(|(l, c)| (name.to_string(), l, c));
        first.or_else(|| {
            self.texts
                .iter()
                .filter(|(n, _)| self.custom.contains(*n))
                .find_map(|(n, t)| find(t).map(|(l, c)| (n.clone(), l, c)))
        })
    }

    /// Styles and scripts are also written under a name with the theme's stamp.
    fn stampable(name: &str) -> bool {
        name.ends_with(".css") || name.ends_with(".js")
    }

    /// `css/main.css` -> `css/main.<stamp>.css`, for a style or a script of the theme.
    pub fn stamped(&self, name: &str) -> Option<String> {
        if !Self::stampable(name) {
            return None;
        }
        let dot = name.rfind('.')?;
        Some(format!("{}.{}{}", &name[..dot], self.stamp, &name[dot..]))
    }

    /// Renders `name` to the bytes of the page; a failure names the template file. (Straight
    /// into the buffer: tera's `render` would check the whole page is UTF-8 again to return
    /// a `String`.)
    pub fn render(&self, name: &str, ctx: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, ctx, &mut out)
            .map(|()| out)
            .map_err(|e| {
                let (mut line, mut col, msg) = tera_position(&e);
                let mut template = name.to_string();
                if let Some(d) = self.endless(&msg) {
                    return d;
                }
                if line == 0 {
                    // Tera names what failed but not where: the first place a template of
                    // this page (itself, then the others) writes it.
                    if let Some((t, l, c)) = self.place_of(name, &msg) {
                        (template, line, col) = (t, l, c);
                    }
                }
                let file = self
                    .files
                    .get(&template)
                    .cloned()
                    .unwrap_or_else(|| PathBuf::from(&template));
                Diagnostic::error(
                    file,
                    line,
                    col,
                    t!("template error: {msg}", "模板错误：{msg}"),
                )
                .with_hint(t!(
                    "a template used a value that does not exist, or a filter failed",
                    "模板用到了一个不存在的值，或者某个过滤器（filter）出错了"
                ))
            })
    }
}

/// A template that includes (or imports macros from) itself, directly or through others:
/// rendering it would recurse until the stack overflows and the process aborts, naming no
/// file. The error is at the include that closes the circle.
fn include_cycle(sources: &BTreeMap<String, (PathBuf, String)>) -> Option<Diagnostic> {
    // name -> (template named, line, column) for each include / import / extends.
    let mut edges: BTreeMap<&str, Vec<(String, usize, usize)>> = BTreeMap::new();
    for (name, (_, src)) in sources {
        let mut out = Vec::new();
        // Only what is included whatever the data: an include inside `{% if %}` or
        // `{% for %}` may end (a tree drawn by a template including itself for each child,
        // which tera renders); comments and raw blocks are text.
        let mut conditional = 0usize;
        let (mut comment, mut raw) = (false, false);
        for (n, line) in src.lines().enumerate() {
            let mut offset = 0;
            while offset < line.len() {
                let rest = &line[offset..];
                if comment {
                    match rest.find("#}") {
                        Some(i) => {
                            comment = false;
                            offset += i + 2;
                            continue;
                        }
                        None => break,
                    }
                }
                let Some(i) = rest.find('{') else { break };
                let after = &rest[i..];
                if after.starts_with("{#") {
                    comment = true;
                    offset += i + 2;
                    continue;
                }
                if !after.starts_with("{%") {
                    offset += i + 1;
                    continue;
                }
                let tag = after[2..].trim_start_matches(['-', ' ']);
                let word = tag
                    .split(|c: char| !c.is_alphanumeric() && c != '_')
                    .next()
                    .unwrap_or("");
                match word {
                    "raw" => raw = true,
                    "endraw" => raw = false,
                    _ if raw => {}
                    "if" | "for" | "macro" => conditional += 1,
                    "endif" | "endfor" | "endmacro" => conditional = conditional.saturating_sub(1),
                    "include" | "import" | "extends" if conditional == 0 || word == "extends" => {
                        let t = tag[word.len()..].trim_start();
                        if let Some(q) = t.chars().next().filter(|c| matches!(c, '"' | '\'')) {
                            if let Some(target) = t[1..].split(q).next() {
                                let col = line[..offset + i].chars().count() + 1;
                                out.push((target.to_string(), n + 1, col));
                            }
                        }
                    }
                    _ => {}
                }
                offset += i + 2;
            }
        }
        edges.insert(name.as_str(), out);
    }
    // Depth-first from each template; a template met again on the path closes a circle.
    fn visit<'a>(
        name: &'a str,
        edges: &'a BTreeMap<&str, Vec<(String, usize, usize)>>,
        path: &mut Vec<&'a str>,
        done: &mut std::collections::BTreeSet<&'a str>,
    ) -> Option<(Vec<String>, &'a str, usize, usize)> {
        if done.contains(name) {
            return None;
        }
        path.push(name);
        for (target, line, col) in edges.get(name).into_iter().flatten() {
            if let Some(at) = path.iter().position(|p| p == target) {
                let mut circle: Vec<String> = path[at..].iter().map(|s| s.to_string()).collect();
                circle.push(target.clone());
                return Some((circle, name, *line, *col));
            }
            if let Some((key, _)) = edges.get_key_value(target.as_str()) {
                if let Some(found) = visit(key, edges, path, done) {
                    return Some(found);
                }
            }
        }
        path.pop();
        done.insert(name);
        None
    }
    let mut done = std::collections::BTreeSet::new();
    for name in edges.keys() {
        let mut path = Vec::new();
        if let Some((circle, from, line, col)) = visit(name, &edges, &mut path, &mut done) {
            let file = sources.get(from).map(|s| s.0.clone()).unwrap_or_default();
            let what = if circle.len() == 2 {
                t!("`{from}` includes itself", "`{from}` 插入了它自己")
            } else {
                let circle = circle.join(" → ");
                t!(
                    "templates include each other in a circle: {circle}",
                    "模板互相插入，绕成了一个圈：{circle}"
                )
            };
            return Some(
                Diagnostic::error(file, line, col, t!("template error: {what}", "模板错误：{what}"))
                    .with_hint(t!("rendering it would never end: remove this include, or include another template", "这样生成页面会没完没了：请删掉这个 include，或者改成插入别的模板")),
            );
        }
    }
    None
}

fn read_dir_files(dir: &Path, f: &mut dyn FnMut(String, &Path)) {
    if !dir.is_dir() {
        return;
    }
    // (Hidden files and folders are left out, as in the content folder: an editor's swap
    // file, .DS_Store, a .git of a theme kept in a repository of its own.)
    for entry in walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
        .flatten()
    {
        if entry.file_type().is_file() {
            if let Ok(rel) = entry.path().strip_prefix(dir) {
                f(rel.to_string_lossy().replace('\\', "/"), entry.path());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The preview server parses the templates again only when one of their files changed;
    /// a changed one is used at once, and one with a mistake is reported at its line every
    /// rebuild until it is mended.
    #[test]
    fn the_preview_server_parses_the_templates_again_only_when_one_changed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = TemplateCache::default();
        let load = || Templates::load_cached(dir.path(), "default", (1, 1), Some(&cache));
        let first = load().ok().unwrap();
        assert!(Arc::ptr_eq(&first, &load().ok().unwrap()), "parsed again");
        // A book's own template.
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let base = BUILTIN_TEMPLATES
            .iter()
            .find(|t| t.0 == "base.html")
            .unwrap()
            .1;
        std::fs::write(
            dir.path().join("templates/base.html"),
            format!("{base}<!-- 1 -->"),
        )
        .unwrap();
        let own = load().ok().unwrap();
        assert!(!Arc::ptr_eq(&first, &own));
        assert!(own.custom.contains("base.html"));
        assert!(Arc::ptr_eq(&own, &load().ok().unwrap()), "parsed again");
        // A mistake, twice: at its line both times.
        std::fs::write(
            dir.path().join("templates/base.html"),
            format!("{base}\n{{{{ oops "),
        )
        .unwrap();
        let uncached = Templates::load(dir.path(), "default", (1, 1))
            .err()
            .unwrap();
        assert!(uncached[0].line > 100, "{:?}", uncached[0]);
        for _ in 0..2 {
            let ds = load().err().unwrap();
            assert_eq!(ds[0].file, Path::new("templates/base.html"));
            assert_eq!(ds[0].line, uncached[0].line, "{:?}", ds[0]);
        }
        // Mended as it was: the same templates as before, parsed again.
        std::fs::write(
            dir.path().join("templates/base.html"),
            format!("{base}<!-- 1 -->"),
        )
        .unwrap();
        let mended = load().ok().unwrap();
        assert!(!Arc::ptr_eq(&own, &mended) && mended.custom.contains("base.html"));
        // Removed: the theme's again.
        std::fs::remove_dir_all(dir.path().join("templates")).unwrap();
        assert!(load().ok().unwrap().custom.is_empty());
    }

    #[test]
    fn a_print_html_made_for_the_one_page_print_version_is_warned_about() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        let old = "{% extends \"base.html\" %}{% block content %}{% for p in pages %}{{ p.content | safe }}{% endfor %}{% endblock %}";
        std::fs::write(dir.path().join("templates/print.html"), old).unwrap();
        let t = Templates::load(dir.path(), "default", (1, 1)).ok().unwrap();
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].file, Path::new("templates/print.html"));
        assert!(t.warnings[0].message.contains("never reads `part`"));
        // Made from the theme's own (it reads `part`): no warning; nor without an override.
        let theirs = BUILTIN_TEMPLATES
            .iter()
            .find(|t| t.0 == "print.html")
            .unwrap()
            .1;
        std::fs::write(
            dir.path().join("templates/print.html"),
            theirs.replace("打印", "印"),
        )
        .unwrap();
        let t = Templates::load(dir.path(), "default", (1, 1)).ok().unwrap();
        assert!(t.warnings.is_empty());
        std::fs::remove_file(dir.path().join("templates/print.html")).unwrap();
        assert!(Templates::load(dir.path(), "default", (1, 1))
            .ok()
            .unwrap()
            .warnings
            .is_empty());
        // A word in the text is not the variable.
        assert!(!reads_variable("<p>part of it</p>{{ site.title }}", "part"));
        assert!(reads_variable("{% if part %}x{% endif %}", "part"));
        assert!(reads_variable("{{ part.title }}", "part"));
    }

    /// Every file of themes/default is compiled in: a book without a themes folder (any book
    /// but this repository's) would otherwise miss it.
    #[test]
    fn the_built_in_theme_holds_every_file_of_themes_default() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let files = |sub: &str| -> Vec<String> {
            let dir = root.join(sub);
            let mut v: Vec<String> = walkdir::WalkDir::new(&dir)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| {
                    let rel = e.path().strip_prefix(&dir).unwrap();
                    rel.to_string_lossy().replace('\\', "/")
                })
                .collect();
            v.sort();
            v
        };
        let mut templates: Vec<String> = BUILTIN_TEMPLATES
            .iter()
            .map(|(n, _)| n.to_string())
            .collect();
        templates.sort();
        assert_eq!(templates, files("templates"));
        let mut statics: Vec<String> = BUILTIN_STATIC.iter().map(|(n, _)| n.to_string()).collect();
        statics.sort();
        // (livereload.js is the preview server's, compiled into it: crate::serve::server.)
        let theirs: Vec<String> = files("static")
            .into_iter()
            .filter(|f| f != "js/livereload.js")
            .collect();
        assert_eq!(statics, theirs);
    }

    /// A theme's template mistakes in a Chinese book: told in Chinese, at the template's file
    /// and line.
    #[test]
    fn template_errors_are_told_in_chinese_at_the_file_and_line() {
        let dir = tempfile::tempdir().unwrap();
        let errors = |theme: &str| {
            crate::i18n::in_chinese(|| match Templates::load(dir.path(), theme, (3, 9)) {
                Err(d) => d,
                Ok(_) => panic!("no error"),
            })
        };
        let d = errors("gone");
        assert_eq!(d[0].message, "找不到主题 `gone`");
        assert_eq!((d[0].line, d[0].col), (3, 9));
        let t = dir.path().join("templates");
        std::fs::create_dir_all(&t).unwrap();
        std::fs::write(t.join("page.html"), "{% include \"page.html\" %}\n").unwrap();
        let d = errors("default");
        assert_eq!(d[0].file, Path::new("templates/page.html"));
        assert_eq!((d[0].line, d[0].col), (1, 1));
        assert_eq!(d[0].message, "模板错误：`page.html` 插入了它自己");
        std::fs::write(t.join("page.html"), "<p>\n{{ page.title }\n").unwrap();
        let d = errors("default");
        assert_eq!(d[0].file, Path::new("templates/page.html"));
        assert_eq!(d[0].line, 2);
        assert!(d[0].message.starts_with("模板语法错误："), "{d:?}");
        assert_eq!(
            d[0].hint.as_deref(),
            Some("请检查这个位置附近的 {{ }} 和 {% %} 标记")
        );
    }
}
