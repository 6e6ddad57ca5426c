//! `book.toml`: typed with serde; unknown keys are errors that name the key, its line and the
//! nearest valid key.

use crate::diagnostics::{line_col, nearest, Diagnostic};
use serde::Deserialize;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Config {
    pub title: String,
    /// What learners' browsers keep their progress, 错题本 and 收藏 under (and what a progress
    /// file names): the title when not given. Set it once, so that the title can change.
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_language")]
    pub language: String,
    #[serde(default)]
    pub authors: Vec<String>,
    #[serde(default)]
    pub build: BuildConfig,
    #[serde(default)]
    pub output: OutputConfig,
    #[serde(default)]
    pub search: SearchConfig,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct SearchConfig {
    /// `false`: no search index, no search box or search page (for a handbook published where
    /// another search engine serves it, or to time a build without its index).
    #[serde(default = "default_true")]
    pub enabled: bool,
}

impl Default for SearchConfig {
    fn default() -> Self {
        SearchConfig { enabled: true }
    }
}

fn default_true() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BuildConfig {
    /// Folder holding the content, relative to book.toml.
    #[serde(default = "default_src")]
    pub src: PathBuf,
    /// Output folder, relative to book.toml.
    #[serde(default = "default_dest")]
    pub dest: PathBuf,
    /// Theme name: `themes/<name>/` beside book.toml, or the built-in `default`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Line and column of `theme`'s value in book.toml (for an error about it later).
    #[serde(skip)]
    pub theme_at: (usize, usize),
    /// Line and column of `src`'s value in book.toml, when it is written there.
    #[serde(skip)]
    pub src_at: Option<(usize, usize)>,
    /// Line and column of `dest`'s value in book.toml, when it is written there.
    #[serde(skip)]
    pub dest_at: Option<(usize, usize)>,
    /// Keep the site a build replaces beside the output (`.site.spare`) and write the next
    /// build into it: much faster rebuilds on disk, twice the output's disk space.
    #[serde(default = "default_true")]
    pub keep_previous: bool,
    /// The readers a build is for (`audience = ["frontline", "new-staff"]`): pages whose own
    /// `audience` names none of them are left out. Empty: every page.
    #[serde(default)]
    pub audience: Vec<String>,
    /// `audience` read ([`crate::content::lesson::Audience::parse`]); `None` for every page.
    #[serde(skip)]
    pub readers: Option<Vec<crate::content::lesson::Audience>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct OutputConfig {
    /// Public URL of the site, e.g. `https://intranet.example/handbook/`. Only used by the 404
    /// page (served at any depth); every other link is relative, so the site works under any
    /// path anyway.
    #[serde(default)]
    pub site_url: Option<String>,
    /// Extra text for the page footer.
    #[serde(default)]
    pub footer: Option<String>,
    /// The print pages (`print/`: the contents, a page for each chapter and for the rule
    /// cards, the whole book on one while it is small, see
    /// [`OutputConfig::PRINT_WHOLE_BOOK_SHEETS`]): `true`, `false`, or unset for on when the
    /// book has at most [`OutputConfig::PRINT_AUTO_PAGES`] pages.
    #[serde(default)]
    pub print: Option<bool>,
    /// Address of a content file's source for editing, e.g.
    /// `https://git.example/handbook/-/edit/main/{path}`: `{path}` becomes the file's path from
    /// the book's folder (`content/procedure/time-limits.md`), `{line}` the line its lesson,
    /// rule or quiz starts on. Every lesson, rule card and quiz then links to it (编辑此页).
    #[serde(default)]
    pub edit_url: Option<String>,
    /// In lessons, the first mention of each glossary term (or synonym) is marked and shows
    /// its definition on hover or focus, linking to the glossary (default on).
    #[serde(default)]
    pub glossary_hints: Option<bool>,
}

impl OutputConfig {
    /// Above this many pages an unset `print` is off: nobody prints such a book, and its
    /// print pages would be as large as the rest of the site.
    pub const PRINT_AUTO_PAGES: usize = 1000;

    /// While the whole book prints on at most this many A4 sheets (estimated from its text,
    /// a rule card a sheet), `print/` holds all of it on one page (全书打印版), besides each
    /// chapter's print page; a larger book's `print/` is the contents only. A binder's worth:
    /// a page that size is under 2 MB and opens in a few seconds on a slow counter PC, where
    /// one of 1,000 sheets took 15 s. (The bundled book prints on about 180.)
    pub const PRINT_WHOLE_BOOK_SHEETS: usize = 300;

    /// Whether a book of `pages` pages gets its print pages.
    pub fn print_enabled(&self, pages: usize) -> bool {
        self.print.unwrap_or(pages <= Self::PRINT_AUTO_PAGES)
    }
}

impl Default for BuildConfig {
    fn default() -> Self {
        BuildConfig {
            src: default_src(),
            dest: default_dest(),
            theme: default_theme(),
            theme_at: (1, 1),
            src_at: None,
            dest_at: None,
            keep_previous: true,
            audience: Vec::new(),
            readers: None,
        }
    }
}

fn default_language() -> String {
    "zh-CN".into()
}
fn default_src() -> PathBuf {
    "content".into()
}
fn default_dest() -> PathBuf {
    "site".into()
}
fn default_theme() -> String {
    "default".into()
}

const TOP_KEYS: &[&str] = &[
    "title",
    "id",
    "description",
    "language",
    "authors",
    "build",
    "output",
    "search",
];
/// The top-level keys that are tables (`search = false` under [output] is not one to move up).
const TABLES: &[&str] = &["build", "output", "search"];
const BUILD_KEYS: &[&str] = &["src", "dest", "theme", "keep-previous", "audience"];
const OUTPUT_KEYS: &[&str] = &["site-url", "footer", "print", "edit-url", "glossary-hints"];
const SEARCH_KEYS: &[&str] = &["enabled"];

/// A folder as a message names it: "this folder" for the current one.
fn shown(root: &Path) -> String {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        t!("this folder", "当前文件夹")
    } else {
        format!("`{}`", root.display())
    }
}

impl Config {
    /// Reads `book.toml` from `root`. Errors point at the offending key.
    pub fn load(root: &Path) -> Result<Config, Diagnostic> {
        Self::load_all(root).map_err(|mut all| all.remove(0))
    }

    /// [`Config::load`], and when book.toml is wrong, every misspelt key at once (toml stops at
    /// the first: `descripton` and `[ouput]` took two runs).
    pub fn load_all(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join("book.toml");
        let file = PathBuf::from("book.toml");
        if !root.is_dir() {
            return Err(vec![Diagnostic::error(
                &file,
                0,
                0,
                t!("the folder `{}` does not exist", "文件夹 `{}` 不存在", root.display()),
            )
            .with_hint(t!("pass --root the folder that holds book.toml, or run `handbook init DIR` to create a new handbook", "用 --root 指明 book.toml 所在的文件夹，或者运行 `handbook init 文件夹` 新建一本手册"))]);
        }
        let bytes = std::fs::read(&path).map_err(|e| {
            // Started inside the book's content folder (or another folder of it): book.toml
            // is above, and `init` here would make a second book inside the first.
            let above = std::path::absolute(root)
                .ok()
                .and_then(|r| r.ancestors().skip(1).take(3).find(|a| a.join("book.toml").is_file()).map(Path::to_path_buf));
            let d = match (e.kind(), above) {
                (std::io::ErrorKind::NotFound, Some(a)) => Diagnostic::error(
                    &file,
                    0,
                    0,
                    t!("there is no book.toml in {}: it is in {}", "{}里没有 book.toml：它在 {}", shown(root), a.display()),
                )
                .with_hint(t!(
                    "run handbook in the book's own folder (`cd {}`), or pass it: `--root {}`",
                    "在手册自己的文件夹里运行 handbook（`cd {}`），或者用 `--root {}` 指明它",
                    a.display(),
                    a.display()
                )),
                (std::io::ErrorKind::NotFound, None) => Diagnostic::error(
                    &file,
                    0,
                    0,
                    t!("there is no book.toml in {}", "{}里没有 book.toml", shown(root)),
                )
                .with_hint(t!("run handbook in the folder that holds book.toml (or pass it with --root), or make a new handbook with `handbook init DIR`", "在 book.toml 所在的文件夹里运行 handbook（或用 --root 指明它），或者用 `handbook init 文件夹` 新建一本手册")),
                _ => Diagnostic::error(&file, 0, 0, t!("cannot read book.toml: {e}", "无法读取 book.toml：{e}"))
                    .with_hint(t!("check that the file is not open in another program and that you may read it", "看看这个文件是不是被别的程序占用了，以及你有没有读取它的权限")),
            };
            vec![d]
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let (line, col) = line_col(
                &String::from_utf8_lossy(e.as_bytes()),
                e.utf8_error().valid_up_to(),
            );
            vec![Diagnostic::error(
                &file,
                line,
                col,
                t!("book.toml is not valid UTF-8", "book.toml 不是 UTF-8 编码"),
            )
            .with_hint(t!(
                "save the file as UTF-8",
                "在编辑器里把文件另存为 UTF-8 编码"
            ))]
        })?;
        Self::parse(&text).map_err(|first| {
            let mut all = vec![first];
            let lines = toml_lines(&text);
            for d in wrong_kinds(&lines) {
                // (toml's own error for the same value says less: ours replaces it.)
                match all.iter_mut().find(|a| a.line == d.line) {
                    Some(a) => *a = d,
                    None => all.push(d),
                }
            }
            for d in unknown_keys(&lines) {
                if !all.contains(&d) {
                    all.push(d);
                }
            }
            all
        })
    }

    /// A stand-in for a book.toml with mistakes, so that `check` still reads the content
    /// (its mistakes are reported beside book.toml's, not met only once it is fixed): the
    /// defaults, with `[build] src`, `dest` and `theme` where book.toml writes them readably. `None`
    /// when there is no book.toml to read.
    pub fn fallback(root: &Path) -> Option<Config> {
        // (Read as it can be: a book.toml saved in GBK still names its folders in ASCII.)
        let bytes = std::fs::read(root.join("book.toml")).ok()?;
        let text = String::from_utf8_lossy(&bytes);
        let mut c = Config::parse("title = \"handbook\"\n").ok()?;
        // (Line by line: a book.toml TOML cannot read at all still names its folder.)
        // (Where a value is, at its quote, as `parse` gives it: after the `=`, for a key
        // written in quotes, `"src" = …`.)
        let value_at = |raw: &str| {
            let eq = raw.find('=').unwrap_or(0);
            raw[eq..]
                .find(['"', '\''])
                .map_or(1, |q| raw[..eq + q].chars().count() + 1)
        };
        for line in walk_toml(&text) {
            let Some((key, value)) = line.key else {
                continue;
            };
            let value = value.trim();
            let quoted = value
                .strip_prefix('"')
                .and_then(|v| v.split('"').next())
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.split('\'').next()));
            match (line.table.as_str(), key, quoted) {
                ("build", "src", Some(v)) if !v.is_empty() => {
                    c.build.src = v.into();
                    c.build.src_at = Some((line.line, value_at(line.raw)));
                }
                ("build", "theme", Some(v)) if !v.is_empty() => {
                    c.build.theme = v.into();
                    // (For the error when it is not found: it was placed at 1:1 beside
                    // another mistake of book.toml.)
                    c.build.theme_at = (line.line, value_at(line.raw));
                }
                ("build", "dest", Some(v)) if !v.is_empty() => c.build.dest = v.into(),
                _ => {}
            }
        }
        Some(c)
    }

    pub fn parse(text: &str) -> Result<Config, Diagnostic> {
        let mut c = toml::from_str::<Config>(text).map_err(|e| toml_diagnostic(text, &e))?;
        // Where values checked after parsing were written (book.toml has been read whole).
        #[derive(Deserialize)]
        struct Spots {
            id: Option<toml::Spanned<String>>,
            language: Option<toml::Spanned<String>>,
            build: Option<BuildSpots>,
            output: Option<OutputSpots>,
        }
        #[derive(Deserialize)]
        struct BuildSpots {
            theme: Option<toml::Spanned<String>>,
            src: Option<toml::Spanned<String>>,
            dest: Option<toml::Spanned<String>>,
            audience: Option<Vec<toml::Spanned<String>>>,
        }
        #[derive(Deserialize)]
        #[serde(rename_all = "kebab-case")]
        struct OutputSpots {
            edit_url: Option<toml::Spanned<String>>,
            site_url: Option<toml::Spanned<String>>,
        }
        let spots = toml::from_str::<Spots>(text).ok();
        c.build.theme_at = spots
            .as_ref()
            .and_then(|s| s.build.as_ref()?.theme.as_ref())
            .map_or((1, 1), |t| line_col(text, t.span().start));
        c.build.src_at = spots
            .as_ref()
            .and_then(|s| s.build.as_ref()?.src.as_ref())
            .map(|t| line_col(text, t.span().start));
        c.build.dest_at = spots
            .as_ref()
            .and_then(|s| s.build.as_ref()?.dest.as_ref())
            .map(|t| line_col(text, t.span().start));
        // A value checked here, wrong: the error at the value (its spot in `spots`).
        let wrong = |spot: Option<&toml::Spanned<String>>, message: String, hint: String| {
            let (line, col) = spot.map_or((0, 0), |t| line_col(text, t.span().start));
            Diagnostic::error("book.toml", line, col, message).with_hint(hint)
        };
        let output = spots.as_ref().and_then(|s| s.output.as_ref());
        if let Some(url) = &c.output.edit_url {
            if !url.contains("{path}") {
                return Err(wrong(
                    output.and_then(|o| o.edit_url.as_ref()),
                    t!("`edit-url` has no `{{path}}` in it: every page would link to the same address", "`edit-url` 里没有 `{{path}}`：每个页面都会链接到同一个地址"),
                    t!("write where the file's path goes, e.g. edit-url = \"https://git.example.com/handbook/-/edit/main/{{path}}\"", "在文件路径该出现的地方写上 `{{path}}`，例如 edit-url = \"https://git.example.com/handbook/-/edit/main/{{path}}\""),
                ));
            }
            // `{nope}` would stay in every page's link as it is.
            if let Some(other) = url
                .split('{')
                .skip(1)
                .filter_map(|r| r.split_once('}').map(|(name, _)| name))
                .find(|name| !matches!(*name, "path" | "line"))
            {
                return Err(wrong(
                    output.and_then(|o| o.edit_url.as_ref()),
                    t!("`edit-url` has `{{{other}}}` in it, which handbook does not fill in", "`edit-url` 里有 `{{{other}}}`，handbook 不会填写它"),
                    t!("use `{{path}}` (the file's path from the book's folder) and, if your server takes it, `{{line}}`", "只用 `{{path}}`（从手册文件夹算起的文件路径），服务器支持的话还可以用 `{{line}}`"),
                ));
            }
        }
        // A language tag (zh-CN, zh-Hans, en): it goes into every page's <html lang>, which
        // screen readers and browsers' fonts and word breaking follow.
        let lang = c.language.as_str();
        let tag_ok = {
            let mut parts = lang.split('-');
            let first = parts.next().unwrap_or("");
            (2..=3).contains(&first.len())
                && first.chars().all(|ch| ch.is_ascii_alphabetic())
                && parts.all(|p| {
                    (1..=8).contains(&p.len()) && p.chars().all(|ch| ch.is_ascii_alphanumeric())
                })
        };
        if !tag_ok {
            return Err(wrong(
                spots.as_ref().and_then(|s| s.language.as_ref()),
                t!("`language = \"{lang}\"` is not a language tag", "`language = \"{lang}\"` 不是语言代码"),
                t!("write a tag such as \"zh-CN\" (the default), \"zh-Hans\" or \"en\": pages say it to screen readers and browsers", "写成 \"zh-CN\"（默认）、\"zh-Hans\" 或 \"en\" 这样的代码：页面把它告诉读屏软件和浏览器"),
            ));
        }
        if let Some(url) = &c.output.site_url {
            let lower = url.trim().to_ascii_lowercase();
            // (Or a path from the server's top, `/kb/handbook/`: a <base> takes either.)
            if !(lower.starts_with("http://")
                || lower.starts_with("https://")
                || lower.starts_with('/'))
            {
                return Err(wrong(
                    output.and_then(|o| o.site_url.as_ref()),
                    t!("`site-url` must be a whole address beginning with http:// or https://, or a path beginning with /, not `{url}`: the 404 page finds the site's styles and links from it", "`site-url` 要写以 http:// 或 https:// 开头的完整地址，或以 / 开头的路径，不能写 `{url}`：404 页面靠它找到网站的样式和链接"),
                    t!("write the address the site is published at, e.g. site-url = \"http://intranet.example.com/kb/handbook/\", or remove the line", "写网站发布的地址，例如 site-url = \"http://intranet.example.com/kb/handbook/\"，或者删掉这一行"),
                ));
            }
        }
        if !c.build.audience.is_empty() {
            let spots = (spots.as_ref())
                .and_then(|s| s.build.as_ref()?.audience.as_ref())
                .cloned()
                .unwrap_or_default();
            let mut readers = Vec::new();
            for (k, word) in c.build.audience.iter().enumerate() {
                match crate::content::lesson::Audience::parse(word) {
                    Some(a) => readers.push(a),
                    None => {
                        return Err(wrong(spots.get(k), audience_message(word), audience_hint()))
                    }
                }
            }
            c.build.readers = Some(readers);
        }
        if let Some(id) = &c.id {
            if id.trim().is_empty() {
                return Err(wrong(
                    spots.as_ref().and_then(|s| s.id.as_ref()),
                    t!("`id` is empty", "`id` 是空的"),
                    t!("learners' progress is kept under it: for a book already in use, write its present title (what their progress is kept under now); or remove the line to use the title", "学员的学习进度按它保存：已经在用的手册，写它现在的标题（学员进度现在就按它保存）；或者删掉这一行，改用标题"),
                ));
            }
        }
        Ok(c)
    }
}

/// `word` names no reader group (book.toml's `audience`, `--audience`).
pub fn audience_message(word: &str) -> String {
    t!(
        "`{word}` is not a reader group a page's `audience` can name",
        "`{word}` 不是页面 `audience` 里能写的读者"
    )
}

/// The reader groups there are, for [`audience_message`].
pub fn audience_hint() -> String {
    t!(
        "write one or more of \"frontline\" (一线人员), \"new-staff\" (新员工), \"trainer\" (培训师)",
        "写 \"frontline\"（一线人员）、\"new-staff\"（新员工）、\"trainer\"（培训师）中的一个或几个"
    )
}

fn toml_diagnostic(text: &str, e: &toml::de::Error) -> Diagnostic {
    let (line, col) = e.span().map(|s| line_col(text, s.start)).unwrap_or((0, 0));
    let message = e.message().trim().to_string();
    // toml says nothing for some characters it cannot take (a carriage return on its own);
    // name the character, which is usually invisible in an editor.
    let at = e
        .span()
        .and_then(|s| text.get(s.start..))
        .and_then(|t| t.chars().next());
    let stray = at.filter(|c| c.is_control() && *c != '\n' && *c != '\t');
    let mut d = match stray {
        Some(c) => Diagnostic::error(
            "book.toml",
            line,
            col,
            t!(
                "book.toml has an invisible control character here (U+{:04X}{})",
                "book.toml 这里有一个看不见的控制字符（U+{:04X}{}）",
                c as u32,
                match (c == '\r', crate::i18n::zh()) {
                    (false, _) => "",
                    (true, false) => ", a carriage return on its own",
                    (true, true) => "，一个单独的回车符",
                }
            ),
        )
        .with_hint(t!("delete it (TOML takes a carriage return only as part of a Windows line end, \\r\\n); retyping the line removes it", "删掉它（TOML 只接受 Windows 换行 \\r\\n 里的回车符）；把这一行重新打一遍就能去掉它")),
        None if message.is_empty() => Diagnostic::error("book.toml", line, col, t!("book.toml is not valid TOML here", "book.toml 这里不符合 TOML 格式"))
            .with_hint(t!("check this line: a key, `=` and a value, with text in \"quotes\" and lists in [brackets]", "检查这一行：设置项的名字、`=` 和值；文字要加英文引号 \"…\"，列表用方括号 [ ]")),
        None => Diagnostic::error("book.toml", line, col, toml_message(&message)),
    };
    if stray.is_none() {
        let raw = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        if let Some((message, hint)) = typed_slip(raw).or_else(|| syntax_slip(&message, raw)) {
            return Diagnostic::error("book.toml", line, col, message).with_hint(hint);
        }
    }
    if let Some(key) = message
        .strip_prefix("unknown field `")
        .and_then(|s| s.split('`').next())
    {
        // Which table are we in? Look at the last [header] before the error line.
        let table = text
            .lines()
            .take(line.max(1))
            .filter_map(|l| l.trim().strip_prefix('[').and_then(|l| l.split(']').next()))
            .last()
            .unwrap_or("");
        let table = table.trim();
        let raw = text.lines().nth(line.saturating_sub(1)).unwrap_or("");
        d = match raw.trim_start().starts_with('[') {
            // The header itself (`[output.html]`, read by toml as `html` in [output]): the
            // error `unknown_keys` gives it, at the header's name.
            true => {
                let indent = raw.len() - raw.trim_start().len();
                unknown_key(line, indent + 2, table, table)
            }
            false => unknown_key(line, col, key, table),
        };
    } else if message.starts_with("missing field `title`") {
        d = d.with_hint(t!(
            "add a line such as: title = \"供电服务投诉处理手册\"",
            "在 book.toml 开头加一行，例如：`title = \"供电服务投诉处理手册\"`"
        ));
    }
    d
}

/// toml's words `first` in English, `zh` in Chinese.
fn toml_said(first: &str, zh: String) -> String {
    match crate::i18n::zh() {
        true => zh,
        false => first.to_string(),
    }
}

/// A mistake toml names in its own words (`invalid basic string`, `invalid key`, `invalid
/// array`, `duplicate key`, `invalid table header`) on line `raw`: said plainly, with the
/// line as it should be when that is clear. (The message stays toml's in English.)
fn syntax_slip(message: &str, raw: &str) -> Option<(String, String)> {
    let first = message.lines().next().unwrap_or("");
    let line = raw.trim();
    if first == "invalid basic string" && line.matches('"').count() % 2 == 1 {
        let fixed = format!("{}\"", line.trim_end());
        return Some((
            toml_said(first, "文字的英文引号没有结尾".into()),
            t!(
                "close the text with `\"`: `{fixed}`",
                "在文字末尾补上英文引号 `\"`：`{fixed}`"
            ),
        ));
    }
    if first == "invalid key" || first == "invalid table header" {
        if line.contains(['【', '】', '［', '］']) {
            let fixed = line.replace(['【', '［'], "[").replace(['】', '］'], "]");
            return Some((
                toml_said(first, format!("`{line}` 用了全角方括号")),
                t!(
                    "write `{fixed}` with half-width brackets (switch the input method to English punctuation)",
                    "写成 `{fixed}`，用半角方括号（把输入法切换到英文标点）"
                ),
            ));
        }
        if line.starts_with('[') {
            return Some((
                toml_said(first, format!("方括号标题写得不对：`{line}`")),
                t!(
                    "a table's header is its name between half-width brackets on a line of its own, e.g. `[build]`",
                    "方括号标题要单独一行，名字写在一对半角方括号里，例如 `[build]`"
                ),
            ));
        }
    }
    if first == "invalid array" && line.contains(['，', '、']) {
        let fixed = line.replace(['，', '、'], ", ");
        return Some((
            toml_said(first, "列表里用了全角逗号或顿号".into()),
            t!(
                "separate the items with half-width commas: `{fixed}`",
                "列表的各项之间用半角逗号隔开：`{fixed}`"
            ),
        ));
    }
    if let Some(key) = first
        .strip_prefix("duplicate key `")
        .and_then(|r| r.split('`').next())
    {
        return Some((
            toml_said(first, format!("`{key}` 写了两次")),
            t!(
                "each setting is written once: delete one of the two lines",
                "每个设置项只能写一次：删掉其中一行"
            ),
        ));
    }
    None
}

/// toml's own message, in Chinese when the messages are: the ones a trainer meets (a key
/// missing, a value of the wrong type, a key set twice); the rest as toml says them.
fn toml_message(message: &str) -> String {
    if !crate::i18n::zh() {
        return message.to_string();
    }
    if let Some(key) = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next())
    {
        return format!("缺少 `{key}`");
    }
    if message.starts_with("invalid type") {
        return format!("值的类型不对（{message}）");
    }
    message.to_string()
}

/// What a line of book.toml TOML could not read was typed with a Chinese input method on: the
/// text in Chinese quotation marks (“…”), `：` or `: ` for ` = `, a Chinese key. The message
/// and the line as it should be.
fn typed_slip(raw: &str) -> Option<(String, String)> {
    let line = raw.trim();
    if line.starts_with('#') || line.starts_with('[') || line.is_empty() {
        return None;
    }
    let straight = |v: &str| v.replace(['“', '”', '＂'], "\"").replace(['‘', '’'], "'");
    // The key: up to `=`, `＝`, `：` or `:`, whichever comes first (none: a list's item on a
    // line of its own, `  “张三”,`).
    let Some(cut) = line.find(['=', '＝', '：', ':']) else {
        return line.contains(['“', '”', '‘', '’', '＂']).then(|| {
            (
                t!("the text is in Chinese quotation marks (“…”): book.toml needs straight quotes (\"…\")", "文字用了中文引号（“…”）：book.toml 要用英文引号（\"…\"）"),
                t!("write `{}` (switch the input method to English punctuation)", "写成 `{}`（把输入法切换到英文标点）", straight(line)),
            )
        });
    };
    let key = line[..cut].trim();
    let sep = line[cut..].chars().next();
    let value = line[cut..].chars().skip(1).collect::<String>();
    let value = value.trim();
    if !key.is_empty() && key.chars().any(|c| c > '\u{2E7F}') {
        let english = crate::content::yaml::chinese_field(key, TOP_KEYS);
        return Some((
            t!("`{key}` is no key of book.toml: its keys are written in English", "book.toml 没有 `{key}` 这个设置项：设置项的名字都用英文写"),
            match english {
                Some(k) => t!("write `{k} = {}`", "写成 `{k} = {}`", straight(value)),
                None => t!(
                    "the keys at the top are {}; those of each [table] are in the README's book.toml reference",
                    "文件开头可用的设置项是 {}；各个方括号标题（如 `[build]`）下的设置项见 README 的 book.toml 说明",
                    TOP_KEYS.join(", ")
                ),
            },
        ));
    }
    if matches!(sep, Some('：' | ':' | '＝')) && !key.is_empty() && !key.contains(['"', ' ']) {
        return Some((
            t!(
                "`{key}` is set with `{}`: book.toml sets a key with ` = `",
                "`{key}` 后面写的是 `{}`，book.toml 里设置项和值之间要用 ` = `",
                sep.unwrap_or(':')
            ),
            t!("write `{key} = {}`", "写成 `{key} = {}`", straight(value)),
        ));
    }
    if value.contains(['“', '”', '‘', '’', '＂']) {
        return Some((
            t!(
                "the text is in Chinese quotation marks (“…”): book.toml needs straight quotes (\"…\")",
                "文字用了中文引号（“…”）：book.toml 要用英文引号（\"…\"）"
            ),
            t!(
                "write `{key} = {}` (switch the input method to English punctuation)",
                "写成 `{key} = {}`（把输入法切换到英文标点）",
                straight(value)
            ),
        ));
    }
    // `footer = 仅供内部培训使用`: text without its quotes (not a number, true / false, a
    // list, a table or a date).
    let date = value.len() >= 10
        && value.as_bytes()[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let bare = !value.is_empty()
        && !value.starts_with(['"', '\'', '[', '{', '#'])
        && !matches!(value, "true" | "false")
        && value.parse::<f64>().is_err()
        && !date;
    if sep == Some('=') && !key.is_empty() && bare {
        // A key that takes true or false, or a list (the line alone does not say its table;
        // no key of book.toml is in two).
        let kind = ["", "build", "output", "search"]
            .iter()
            .find_map(|t| value_kind(t, key));
        if kind == Some(ValueKind::Bool) {
            let yes = [
                "是", "对", "开", "启用", "打开", "yes", "on", "True", "TRUE",
            ]
            .contains(&value);
            let no = [
                "否", "错", "关", "停用", "关闭", "不", "no", "off", "False", "FALSE",
            ]
            .contains(&value);
            return Some((
                t!(
                    "`{key}` takes true or false, not `{value}`",
                    "`{key}` 只能写 true 或 false，不能写 `{value}`"
                ),
                match (yes, no) {
                    (true, _) => t!("write `{key} = true`", "写成 `{key} = true`"),
                    (_, true) => t!("write `{key} = false`", "写成 `{key} = false`"),
                    _ => t!(
                        "write `{key} = true` or `{key} = false`, without quotes",
                        "写成 `{key} = true` 或 `{key} = false`，不加引号"
                    ),
                },
            ));
        }
        let quoted = |t: &str| format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""));
        if kind == Some(ValueKind::List) {
            let names: Vec<String> = value
                .split([',', '，', '、'])
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(quoted)
                .collect();
            return Some((
                t!(
                    "`{key}` is a list of names in quotes",
                    "`{key}` 是一个列表，每个名字都要加英文引号"
                ),
                t!(
                    "write `{key} = [{}]`",
                    "写成 `{key} = [{}]`",
                    names.join(", ")
                ),
            ));
        }
        return Some((
            t!(
                "the text of `{key}` is not in quotes",
                "`{key}` 的文字没有加引号"
            ),
            t!(
                "book.toml writes text in straight quotes: `{key} = {}`",
                "book.toml 里的文字要加英文引号：`{key} = {}`",
                quoted(value)
            ),
        ));
    }
    None
}

/// The error for `key`, unknown in the table `table` ("" for the top) of book.toml.
fn unknown_key(line: usize, col: usize, key: &str, table: &str) -> Diagnostic {
    let keys = match table {
        "build" => BUILD_KEYS,
        "output" => OUTPUT_KEYS,
        "search" => SEARCH_KEYS,
        _ => TOP_KEYS,
    };
    Diagnostic::error(
        "book.toml",
        line,
        col,
        match table {
            "" => t!("unknown key `{key}` in book.toml", "book.toml 里没有 `{key}` 这个设置项"),
            // (A table's own header, `[book]`, is read as a key of itself.)
            t if t == key => t!("unknown key `{key}` in book.toml", "book.toml 里没有 [{key}] 这一段"),
            _ => t!(
                "unknown key `{key}` under [{table}] in book.toml",
                "book.toml 的 [{table}] 下面没有 `{key}` 这个设置项"
            ),
        },
    )
    .with_hint(if let Some(hint) = other_tools_key(key, table) {
        hint
    } else if table == key {
        // A table's header misspelt (`[biuld]`): the tables, not the keys.
        let tables = "[build], [output], [search]";
        match nearest(key, TABLES.iter().copied()) {
            Some(t) => t!(
                "did you mean [{t}]? book.toml's tables are {tables}",
                "是不是想写 [{t}]？book.toml 的方括号标题只有 {tables}"
            ),
            None => t!(
                "book.toml's tables are {tables}",
                "book.toml 的方括号标题只有 {tables}"
            ),
        }
    } else if TABLES.contains(&key) {
        // `search = true` under [build]: a table written as a key.
        t!(
            "`{key}` is a table of its own: write `[{key}]` on a line of its own, with its keys under it (see the README's book.toml reference)",
            "`{key}` 是单独的一段：另起一行写 `[{key}]`，把它的设置项写在下面（见 README 的 book.toml 说明）"
        )
    } else if let Some(home) = ["build", "output", "search"]
        .into_iter()
        .filter(|t| *t != table)
        .find(|t| value_kind(t, key).is_some())
    {
        // `footer = ...` added at the end of the file, in [build]: a key of [output].
        t!(
            "`{key}` belongs under [{home}]: move the line below the `[{home}]` line (add that line if there is none)",
            "`{key}` 要写在 `[{home}]` 下面：把这一行移到 `[{home}]` 那一行的下面（没有这一行就先加上）"
        )
    } else if !table.is_empty() && TOP_KEYS.contains(&key) && !TABLES.contains(&key) {
        // `title = ...` added at the end of the file lands in the last table.
        t!("`{key}` belongs at the top of book.toml: move it above the first [table] header (here it is read as part of [{table}])", "`{key}` 应该写在 book.toml 的开头：把它移到第一个方括号标题（如 `[build]`）的上面（写在这里会被当成 [{table}] 的一部分）")
    } else {
        let valid = keys.join(", ");
        match nearest(key, keys.iter().copied()) {
            Some(k) => t!("did you mean `{k}`? valid keys here: {valid}", "是不是想写 `{k}`？这里可用的设置项：{valid}"),
            None => t!("valid keys here: {valid}", "这里可用的设置项：{valid}"),
        }
    })
}

/// For a key or table of mdBook's book.toml (or Zola's config): where handbook has it, or that
/// it has none. `table` is "" for a table's own header, `key` then the table's name.
fn other_tools_key(key: &str, table: &str) -> Option<String> {
    let mdbook = t!(
        "this is mdBook's book.toml: handbook's has `title`, `description`, `language` and `authors` at the top (no [book] header), `src` under [build] (the content folder), and [output] (`edit-url`, `site-url`, `print`)",
        "这是 mdBook 的 book.toml 写法：handbook 的 `title`、`description`、`language` 和 `authors` 直接写在文件开头（没有 [book] 这一行），`src`（内容文件夹）写在 [build] 下面，另有 [output]（`edit-url`、`site-url`、`print`）"
    );
    // (A table's header read as a key of itself.)
    let table = if table == key { "" } else { table };
    let output_keys = OUTPUT_KEYS.join(", ");
    Some(match (table, key) {
        ("", "src") => t!(
            "`src` goes under [build]: move the line below a `[build]` line (the content folder, relative to book.toml)",
            "`src`（内容文件夹，从 book.toml 所在的文件夹算起）要写在 [build] 下面：把这一行移到 `[build]` 那一行的下面"
        ),
        ("", "book") => mdbook,
        ("", "output.html") => t!(
            "mdBook's [output.html]: write handbook's [output] instead, `edit-url-template` as `edit-url` and `site-url` as it is; `additional-css` is the file `themes/default/static/css/custom.css`; search and print are on by default; MathJax and the playground are not supported",
            "这是 mdBook 的 [output.html]：改写成 handbook 的 [output]，`edit-url-template` 写成 `edit-url`，`site-url` 照写；`additional-css` 换成文件 `themes/default/static/css/custom.css`；搜索和打印默认就有；不支持 MathJax 和 playground"
        ),
        ("", "output.html.redirect") => t!(
            "mdBook's redirects are `aliases:` in handbook: list the old path in the front matter of the page it now leads to, e.g. `aliases: [intake/old-phone]`",
            "mdBook 的跳转在 handbook 里写成 `aliases:`：在新页面的前置信息里写上旧路径，例如 `aliases: [intake/old-phone]`"
        ),
        ("", "output.html.search") => t!(
            "handbook's search is [search] `enabled` (on by default)",
            "handbook 的搜索是 [search] 下的 `enabled`（默认打开）"
        ),
        ("", "output.html.print") => t!(
            "handbook's print page is [output] `print` (on by default)",
            "handbook 的打印页面是 [output] 下的 `print`（默认打开）"
        ),
        ("", t) if t.starts_with("output.") => t!(
            "handbook has one [output] table, not [{t}]: its keys are {output_keys}",
            "handbook 只有一个 [output]，没有 [{t}]：它下面的设置项是 {output_keys}"
        ),
        ("", t) if t == "preprocessor" || t.starts_with("preprocessor.") => t!(
            "handbook has no preprocessors: `check` warns where a page still uses one (`{{{{#include}}}}`, admonish blocks); delete this table",
            "handbook 没有预处理器：页面里还在用的地方（`{{{{#include}}}}`、admonish 块），`check` 会逐处提醒；删掉这一段"
        ),
        ("", "markdown" | "taxonomies" | "extra" | "params" | "menu" | "languages") => t!(
            "[{key}] is Zola's or Hugo's: handbook's settings are in book.toml ([build], [output], [search]); tags are `tags:` in a page's front matter",
            "[{key}] 是 Zola 或 Hugo 的写法：handbook 的设置都在 book.toml 的 [build]、[output]、[search] 里；标签写在页面前置信息的 `tags:` 里"
        ),
        ("", "base_url" | "baseURL" | "baseurl") => t!(
            "handbook's is `site-url` under [output] (optional: pages link each other by relative paths)",
            "handbook 里对应的是 [output] 下的 `site-url`（可以不写：页面之间都用相对路径链接）"
        ),
        ("build", "build-dir") => t!(
            "mdBook's `build-dir` is handbook's `dest` under [build]",
            "mdBook 的 `build-dir` 在 handbook 里是 [build] 下的 `dest`"
        ),
        ("build", "create-missing" | "use-default-preprocessors" | "extra-watch-dirs") => t!(
            "mdBook's `{key}` has no handbook equivalent: delete it",
            "mdBook 的 `{key}` 在 handbook 里没有对应的设置：删掉它"
        ),
        _ => return None,
    })
}

/// Every key of book.toml that is not one handbook knows, each at its line (a misspelt table
/// header, `[ouput]`, at its header). Nothing when the file is not valid TOML.
/// A line of book.toml that starts a table (`[build]`) or sets a key, with the table it is
/// in: what [`unknown_keys`] and [`wrong_kinds`] read (toml itself says neither where a key
/// is nor which one was misspelt).
struct TomlLine<'a> {
    /// From 1.
    line: usize,
    /// The line as written.
    raw: &'a str,
    indent: usize,
    /// The table the line is in, or the one it starts.
    table: String,
    /// `None` for a table's header; else the key (unquoted) and what follows its `=`.
    key: Option<(&'a str, &'a str)>,
}

/// book.toml's tables and keys, line by line; none when it is not valid TOML (toml's own
/// error is the one to show then).
fn toml_lines(text: &str) -> Vec<TomlLine<'_>> {
    if toml::from_str::<toml::Table>(text).is_err() {
        return Vec::new();
    }
    walk_toml(text)
}

/// [`toml_lines`] whether or not toml reads the file (a book.toml with a mistake still names
/// its folders line by line: [`Config::fallback`]).
fn walk_toml(text: &str) -> Vec<TomlLine<'_>> {
    let mut out = Vec::new();
    let mut table = String::new();
    for (i, raw) in text.lines().enumerate() {
        let l = raw.trim();
        let indent = raw.len() - raw.trim_start().len();
        let key = if let Some(h) = l.strip_prefix('[').and_then(|h| h.split(']').next()) {
            table = h.trim().to_string();
            None
        } else {
            let Some((key, value)) = raw.split_once('=') else {
                continue;
            };
            let key = key.trim().trim_matches('"');
            if key.is_empty() || key.starts_with('#') {
                continue;
            }
            Some((key, value))
        };
        out.push(TomlLine {
            line: i + 1,
            raw,
            indent,
            table: table.clone(),
            key,
        });
    }
    out
}

/// What a key of book.toml takes.
#[derive(PartialEq)]
enum ValueKind {
    Text,
    Bool,
    List,
}

/// What the key `key` of the table `table` ("" for the top) takes; none for a key handbook
/// does not know.
fn value_kind(table: &str, key: &str) -> Option<ValueKind> {
    Some(match (table, key) {
        ("", "title" | "id" | "description" | "language") => ValueKind::Text,
        ("", "authors") | ("build", "audience") => ValueKind::List,
        ("build", "src" | "dest" | "theme") => ValueKind::Text,
        ("build", "keep-previous") => ValueKind::Bool,
        ("output", "site-url" | "footer" | "edit-url") => ValueKind::Text,
        ("output", "print" | "glossary-hints") => ValueKind::Bool,
        ("search", "enabled") => ValueKind::Bool,
        _ => return None,
    })
}

/// Every known key of book.toml whose value is of the wrong kind (toml stops at the first:
/// nine wrong values took eleven runs), each at its value.
fn wrong_kinds(lines: &[TomlLine]) -> Vec<Diagnostic> {
    use ValueKind as Kind;
    let mut out = Vec::new();
    for l in lines {
        let Some((key, value)) = l.key else {
            continue;
        };
        let Some(want) = value_kind(&l.table, key) else {
            continue;
        };
        // (A value over several lines, or with a comment toml reads, is left to toml.)
        let Ok(parsed) = toml::from_str::<toml::Table>(&format!("v = {}", value.trim())) else {
            continue;
        };
        let Some(v) = parsed.get("v") else {
            continue;
        };
        let ok = match want {
            Kind::Text => v.is_str(),
            Kind::Bool => v.is_bool(),
            Kind::List => v.as_array().is_some_and(|a| a.iter().all(|x| x.is_str())),
        };
        if ok {
            continue;
        }
        let raw = l.raw;
        let col = raw[..raw.find('=').unwrap_or(0) + 1].chars().count()
            + value.chars().take_while(|c| c.is_whitespace()).count()
            + 1;
        let (message, hint) = match want {
            Kind::Text => (
                t!(
                    "`{key}` must be text in quotes",
                    "`{key}` 要写加英文引号的文字"
                ),
                t!("write `{key} = \"…\"`", "写成 `{key} = \"…\"`"),
            ),
            Kind::Bool => (
                t!(
                    "`{key}` must be true or false",
                    "`{key}` 只能写 true 或 false"
                ),
                t!(
                    "write `{key} = true` or `{key} = false`, without quotes",
                    "写成 `{key} = true` 或 `{key} = false`，不加引号"
                ),
            ),
            Kind::List => (
                t!(
                    "`{key}` must be a list of names in quotes",
                    "`{key}` 要写成列表，每个名字加英文引号"
                ),
                t!(
                    "write `{key} = [\"张三\", \"李四\"]`",
                    "写成 `{key} = [\"张三\", \"李四\"]`"
                ),
            ),
        };
        out.push(Diagnostic::error("book.toml", l.line, col, message).with_hint(hint));
    }
    out
}

fn unknown_keys(lines: &[TomlLine]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    for l in lines {
        let Some((key, _)) = l.key else {
            if !TOP_KEYS.contains(&l.table.as_str()) {
                out.push(unknown_key(l.line, l.indent + 2, &l.table, &l.table));
            }
            continue;
        };
        let known = match l.table.as_str() {
            "" => TOP_KEYS,
            "build" => BUILD_KEYS,
            "output" => OUTPUT_KEYS,
            "search" => SEARCH_KEYS,
            _ => continue, // (a table that is itself unknown: reported at its header)
        };
        if !known.contains(&key) {
            out.push(unknown_key(l.line, l.indent + 1, key, &l.table));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// With book.toml in error, the content folder it names is placed at its value's quote,
    /// a key written in quotes too (it was placed at the key's).
    #[test]
    fn the_fallback_places_src_at_its_value_under_a_quoted_key_too() {
        let dir = tempfile::tempdir().unwrap();
        let toml = "title = 1\n[build]\n\"src\" = \"kurs\"\n";
        std::fs::write(dir.path().join("book.toml"), toml).unwrap();
        let c = Config::fallback(dir.path()).unwrap();
        assert_eq!(c.build.src, PathBuf::from("kurs"));
        assert_eq!(c.build.src_at, Some((3, 9)));
        std::fs::write(
            dir.path().join("book.toml"),
            "title = 1\n[build]\nsrc = '课程'\n",
        )
        .unwrap();
        let c = Config::fallback(dir.path()).unwrap();
        assert_eq!(c.build.src_at, Some((3, 7)));
    }

    #[test]
    fn a_top_key_written_under_a_table_is_sent_to_the_top() {
        // `title = ...` appended at the end of the file lands in [output].
        let all = unknown_keys(&toml_lines(
            "[build]\nsrc = \"content\"\n\n[output]\nfooter = \"x\"\ntitle = \"新名\"\n",
        ));
        assert_eq!(all.len(), 1);
        assert_eq!((all[0].line, all[0].col), (6, 1));
        let hint = all[0].hint.as_deref().unwrap();
        assert!(
            hint.contains("belongs at the top") && hint.contains("[output]"),
            "{hint}"
        );
        // A table's name is not sent up: `search = false` under [output] is no top-level key.
        let all = unknown_keys(&toml_lines("[output]\nsearch = false\n"));
        let hint = all[0].hint.as_deref().unwrap();
        assert!(!hint.contains("belongs at the top"), "{hint}");
    }

    #[test]
    fn site_url_must_be_a_whole_address_and_id_not_empty() {
        let e = Config::parse("title = \"a\"\n[output]\nsite-url = \"intranet/kb\"\n").unwrap_err();
        assert_eq!((e.line, e.col), (3, 12));
        assert!(e.message.contains("http://"), "{}", e.message);
        for ok in [
            "http://intranet/kb/",
            "HTTPS://x.example.com/handbook",
            "/kb/handbook/",
        ] {
            let c =
                Config::parse(&format!("title = \"a\"\n[output]\nsite-url = \"{ok}\"\n")).unwrap();
            assert_eq!(c.output.site_url.as_deref(), Some(ok));
        }
        let e = Config::parse("title = \"a\"\nid = \" \"\n").unwrap_err();
        assert_eq!((e.line, e.col), (2, 6));
        assert!(e.message.contains("`id` is empty"));
        let c = Config::parse("title = \"新名\"\nid = \"complaints\"\n").unwrap();
        assert_eq!(c.id.as_deref(), Some("complaints"));
        assert_eq!(Config::parse("title = \"a\"\n").unwrap().id, None);
    }

    #[test]
    fn every_unknown_key_is_named_at_once() {
        let text = "title = \"a\"\ndescripton = \"b\"\n\n[build]\nsrc = \"content\"\nthem = \"x\"\n\n[ouput]\nfooter = \"c\"\n";
        let all = unknown_keys(&toml_lines(text));
        let at: Vec<(usize, usize, &str)> = all
            .iter()
            .map(|d| (d.line, d.col, d.message.as_str()))
            .collect();
        assert_eq!(
            at,
            [
                (2, 1, "unknown key `descripton` in book.toml"),
                (6, 1, "unknown key `them` under [build] in book.toml"),
                (8, 2, "unknown key `ouput` in book.toml"),
            ]
        );
        assert!(all[0]
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean `description`?"));
        assert!(all[2]
            .hint
            .as_deref()
            .unwrap()
            .contains("did you mean [output]?"));
    }

    #[test]
    fn a_stray_control_character_is_named_where_toml_says_nothing() {
        let e = Config::parse("title = \"a\"\n\rdest = 1\n").unwrap_err();
        let d = &e;
        assert_eq!((d.line, d.col), (2, 1), "{d:?}");
        assert!(d.message.contains("U+000D, a carriage return"), "{d:?}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("delete it"),
            "{d:?}"
        );
        let e = Config::parse("title = \"a\u{7}\"\n").unwrap_err();
        assert!(e.message.contains("U+0007"), "{e:?}");
    }

    #[test]
    fn defaults() {
        let c = Config::parse("title = \"手册\"\n").unwrap();
        assert_eq!(c.language, "zh-CN");
        assert_eq!(c.build.src, PathBuf::from("content"));
        assert_eq!(c.build.dest, PathBuf::from("site"));
        assert_eq!(c.build.theme, "default");
        let c2 = Config::parse("title = \"手册\"\n[build]\n  theme = \"corp\"\n").unwrap();
        assert_eq!(
            (c2.build.theme.as_str(), c2.build.theme_at),
            ("corp", (3, 11))
        );
        assert!(c.search.enabled);
        assert!(c.build.keep_previous);
        let c = Config::parse("title = \"手册\"\n[build]\nkeep-previous = false\n").unwrap();
        assert!(!c.build.keep_previous);
    }

    /// Typed with a Chinese input method on: the line as it should be.
    #[test]
    fn chinese_quotes_colons_and_keys_are_answered_with_the_line_to_write() {
        let err = |t: &str| Config::parse(t).unwrap_err();
        let d = err("title = “我的培训手册”\n");
        assert_eq!((d.line, d.col), (1, 9));
        assert!(
            d.message.contains("Chinese quotation marks"),
            "{}",
            d.message
        );
        assert_eq!(
            d.hint
                .as_deref()
                .map(|h| h.starts_with("write `title = \"我的培训手册\"`")),
            Some(true),
            "{:?}",
            d.hint
        );
        for line in ["title：\"手册\"\n", "title: \"手册\"\n"] {
            let d = err(line);
            assert!(
                d.message.contains("book.toml sets a key with ` = `"),
                "{}",
                d.message
            );
            assert_eq!(d.hint.as_deref(), Some("write `title = \"手册\"`"));
        }
        let d = err("title = \"手册\"\n描述 = \"新员工培训\"\n");
        assert_eq!((d.line, d.col), (2, 1));
        assert_eq!(
            d.hint.as_deref(),
            Some("write `description = \"新员工培训\"`")
        );
        let d = err("title = \"手册\"\nauthors = [\n  “张三”,\n]\n");
        assert!(
            d.message.contains("Chinese quotation marks"),
            "{}",
            d.message
        );
        assert_eq!(
            d.hint
                .as_deref()
                .map(|h| h.starts_with("write `\"张三\",`")),
            Some(true),
            "{:?}",
            d.hint
        );
        let d = err("title = \"手册\"\n负责人 = \"x\"\n");
        assert!(
            d.message.contains("`负责人` is no key of book.toml"),
            "{}",
            d.message
        );
        // Other mistakes keep toml's own message.
        let d = err("title = \"手册\n");
        assert!(!d.message.contains("Chinese"), "{}", d.message);
    }

    #[test]
    fn search_can_be_turned_off_and_its_keys_are_checked() {
        let c = Config::parse("title = \"手册\"\n[search]\nenabled = false\n").unwrap();
        assert!(!c.search.enabled);
        let d = Config::parse("title = \"手册\"\n[search]\nenable = false\n").unwrap_err();
        assert_eq!(d.line, 3);
        assert!(d.hint.unwrap().contains("did you mean `enabled`"));
    }

    #[test]
    fn the_print_page_is_on_for_books_people_print_unless_set() {
        let auto = Config::parse("title = \"手册\"\n").unwrap();
        assert!(auto.output.print_enabled(50));
        assert!(auto.output.print_enabled(OutputConfig::PRINT_AUTO_PAGES));
        assert!(!auto
            .output
            .print_enabled(OutputConfig::PRINT_AUTO_PAGES + 1));
        let on = Config::parse("title = \"手册\"\n[output]\nprint = true\n").unwrap();
        assert!(on.output.print_enabled(10_000));
        let off = Config::parse("title = \"手册\"\n[output]\nprint = false\n").unwrap();
        assert!(!off.output.print_enabled(5));
        let e = Config::parse("title = \"手册\"\n[output]\nprnt = false\n").unwrap_err();
        assert!(e.hint.as_deref().unwrap_or("").contains("`print`"), "{e:?}");
    }

    #[test]
    fn an_edit_url_must_say_where_the_path_goes() {
        let c = Config::parse(
            "title = \"手册\"\n[output]\nedit-url = \"https://git.example/h/-/edit/main/{path}\"\n",
        )
        .unwrap();
        assert_eq!(
            c.output.edit_url.as_deref(),
            Some("https://git.example/h/-/edit/main/{path}")
        );
        let d =
            Config::parse("title = \"手册\"\n[output]\nedit-url = \"https://git.example/h/\"\n")
                .unwrap_err();
        assert_eq!((d.line, d.col), (3, 12), "{d:?}");
        assert!(d.message.contains("{path}"), "{}", d.message);
        let d = Config::parse("title = \"手册\"\nlanguage = \"zz-??\"\n").unwrap_err();
        assert!(d.message.contains("is not a language tag"), "{}", d.message);
        assert_eq!((d.line, d.col), (2, 12));
        for ok in ["zh-CN", "zh-Hans-CN", "en", "yue"] {
            assert!(
                Config::parse(&format!("title = \"手册\"\nlanguage = \"{ok}\"\n")).is_ok(),
                "{ok}"
            );
        }
        let d = Config::parse("title = \"手册\"\n[output]\nedit-url = \"x/{path}#L{nope}\"\n")
            .unwrap_err();
        assert!(d.message.contains("`{nope}`"), "{}", d.message);
        assert_eq!((d.line, d.col), (3, 12));
        let d = Config::parse("title = \"手册\"\n[output]\nedit_url = \"x/{path}\"\n").unwrap_err();
        assert!(d.hint.unwrap().contains("`edit-url`"));
    }

    #[test]
    fn unknown_key_names_key_line_and_nearest() {
        let d = Config::parse("title = \"a\"\n\n[build]\nsrc = \"c\"\nthem = \"x\"\n").unwrap_err();
        assert_eq!(d.line, 5);
        assert!(d.message.contains("`them`"), "{}", d.message);
        assert!(d.hint.unwrap().contains("did you mean `theme`"));
    }

    #[test]
    fn unknown_top_level_key() {
        let d = Config::parse("titel = \"a\"\n").unwrap_err();
        assert_eq!((d.line, d.col), (1, 1));
        assert!(d.hint.unwrap().contains("`title`"));
    }

    #[test]
    fn type_error_has_position() {
        let d = Config::parse("title = \"a\"\nauthors = \"me\"\n").unwrap_err();
        assert_eq!(d.line, 2);
    }
    #[test]
    fn text_without_quotes_gets_the_line_for_its_key() {
        let slip = |toml: &str| {
            let d = Config::parse(toml).unwrap_err();
            (d.message, d.hint.unwrap_or_default())
        };
        let (m, h) = slip("title = \"a\"\n[output]\nfooter = 仅供内部培训使用\n");
        assert_eq!(m, "the text of `footer` is not in quotes");
        assert!(h.ends_with("`footer = \"仅供内部培训使用\"`"), "{h}");
        // The whole rest of the line, ` #` and all; a value starting with a digit too.
        assert!(slip("title = 我的 #1 手册\n")
            .1
            .contains("`title = \"我的 #1 手册\"`"));
        assert!(slip("title = \"a\"\n[output]\nfooter = 2026年版\n")
            .1
            .contains("`footer = \"2026年版\"`"));
        // true or false, a list: not text in quotes.
        let (m, h) = slip("title = \"a\"\n[search]\nenabled = 是\n");
        assert_eq!(
            (m.as_str(), h.as_str()),
            (
                "`enabled` takes true or false, not `是`",
                "write `enabled = true`"
            )
        );
        assert_eq!(
            slip("title = \"a\"\n[build]\nkeep-previous = 否\n").1,
            "write `keep-previous = false`"
        );
        assert_eq!(
            slip("title = \"a\"\nauthors = 张三、李四\n").1,
            "write `authors = [\"张三\", \"李四\"]`"
        );
    }
}
