//! The language of handbook's own messages (errors, warnings, hints, summaries): Chinese for a
//! Chinese book, English otherwise.
//!
//! A message is written once in each language at the place it is made, with [`t!`]:
//!
//! ```
//! # use handbook::t;
//! let key = "titel";
//! let msg = t!("unknown field `{key}`", "不认识的字段 `{key}`");
//! ```
//!
//! Both texts are `format!` strings over the same arguments, so the compiler checks each one
//! (an argument named in neither, or a `{name}` with nothing behind it, does not compile), and a
//! unit test checks that the two name the same `{…}` (`t_pairs_name_the_same_arguments`).
//! Messages not yet written with `t!` stay English.
//!
//! The language is chosen once, when the program starts ([`detect`]): `--lang`, else the
//! `HANDBOOK_LANG` environment variable, else the book's `language` in book.toml (`zh-CN` when
//! not given: Chinese). The library alone (its unit tests) speaks English.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};

static ZH: AtomicBool = AtomicBool::new(false);

/// A language handbook speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

/// Sets the language of the messages made from now on.
pub fn set(lang: Lang) {
    ZH.store(lang == Lang::Zh, Ordering::Relaxed);
}

/// `k` with the English noun for that many (`1 page`, `3 pages`).
pub fn counted(k: usize, one: &str, many: &str) -> String {
    format!("{k} {}", if k == 1 { one } else { many })
}

/// Whether messages are Chinese.
pub fn zh() -> bool {
    #[cfg(test)]
    if let Some(zh) = TEST_ZH.with(|z| z.get()) {
        return zh;
    }
    ZH.load(Ordering::Relaxed)
}

#[cfg(test)]
thread_local! {
    static TEST_ZH: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Runs `f` with Chinese messages on this thread only (unit tests run side by side, and the
/// others expect English).
#[cfg(test)]
pub fn in_chinese<R>(f: impl FnOnce() -> R) -> R {
    TEST_ZH.with(|z| z.set(Some(true)));
    let r = f();
    TEST_ZH.with(|z| z.set(None));
    r
}

/// The language a tag names: `zh`, `zh-CN`, `zh_TW.UTF-8`, `cn` are Chinese; `en`, `en-US`, `C`
/// English; anything else none.
pub fn parse(tag: &str) -> Option<Lang> {
    let tag = tag.trim().to_ascii_lowercase();
    let main = tag.split(['-', '_', '.']).next().unwrap_or("");
    match main {
        "zh" | "cn" | "chinese" | "中文" => Some(Lang::Zh),
        "en" | "c" | "posix" | "english" => Some(Lang::En),
        _ => None,
    }
}

/// The language to speak for the book at `root`: `flag` (`--lang`) if given, else
/// `HANDBOOK_LANG`, else the book's `language` (Chinese unless it names another language; a
/// book without book.toml, as for `init`, is taken as Chinese, book.toml's default).
pub fn detect(root: &Path, flag: Option<&str>) -> Lang {
    if let Some(l) = flag.and_then(parse) {
        return l;
    }
    if let Some(l) = std::env::var("HANDBOOK_LANG")
        .ok()
        .as_deref()
        .and_then(parse)
    {
        return l;
    }
    match std::fs::read(root.join("book.toml")) {
        Ok(bytes) => match book_language(&String::from_utf8_lossy(&bytes)) {
            Some(tag) => parse(&tag).unwrap_or(Lang::En),
            None => Lang::Zh,
        },
        Err(_) => Lang::Zh,
    }
}

/// book.toml's top-level `language = "…"`, read line by line so that a book.toml with a mistake
/// elsewhere still gives its language (its errors are then told in that language).
fn book_language(toml: &str) -> Option<String> {
    for line in toml.lines() {
        let line = line.trim().trim_start_matches('\u{feff}');
        if line.starts_with('[') {
            return None;
        }
        let Some(rest) = line.strip_prefix("language") else {
            continue;
        };
        let Some(value) = rest.trim_start().strip_prefix('=') else {
            continue;
        };
        let value = value.split('#').next().unwrap_or("").trim();
        let value = value.trim_matches(|c| c == '"' || c == '\'' || c == '“' || c == '”');
        return Some(value.to_string());
    }
    None
}

/// `text` with the operating system's error messages (`No such file or directory (os error
/// 2)`, English whatever the book's language) said in Chinese when the messages are, the
/// number kept for whoever looks it up: `找不到这个文件或文件夹（os error 2）`.
pub fn os_errors(text: &str) -> String {
    if !zh() || !text.contains("(os error ") {
        return text.to_string();
    }
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("(os error ") {
        let tail = &rest[at + "(os error ".len()..];
        let Some(close) = tail.find(')') else {
            break;
        };
        let number = &tail[..close];
        // The system's words start after the last `: ` (or `：`) before the number.
        let head = &rest[..at];
        let start = head
            .rfind(": ")
            .map(|i| i + 2)
            .into_iter()
            .chain(head.rfind('：').map(|i| i + '：'.len_utf8()))
            .max()
            .unwrap_or(0);
        match os_error_words(number.parse().unwrap_or(-1)) {
            Some(words) => {
                out.push_str(&head[..start]);
                out.push_str(&format!("{words}（os error {number}）"));
            }
            None => out.push_str(&rest[..at + "(os error ".len() + close + 1]),
        }
        rest = &tail[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The Chinese for an operating system's error number.
fn os_error_words(n: i32) -> Option<&'static str> {
    #[cfg(windows)]
    let words = match n {
        2 => "找不到这个文件",
        3 => "找不到这个路径",
        5 => "没有权限（或者文件正被别的程序打开）",
        32 => "文件正被别的程序使用",
        112 => "磁盘空间不够",
        183 => "已经存在",
        _ => return None,
    };
    #[cfg(not(windows))]
    let words = match n {
        2 => "找不到这个文件或文件夹",
        13 => "没有权限",
        17 => "已经存在",
        20 => "路径里有一段不是文件夹",
        21 => "这是一个文件夹，不是文件",
        28 => "磁盘空间不够",
        30 => "磁盘是只读的",
        39 => "文件夹不是空的",
        98 => "端口已被占用",
        _ => return None,
    };
    Some(words)
}

/// A message in the language chosen: `t!("English {x}", "中文 {x}", args…)` is
/// `format!` of the one or the other.
#[macro_export]
macro_rules! t {
    ($en:literal, $zh:literal $(,)?) => {
        if $crate::i18n::zh() { format!($zh) } else { format!($en) }
    };
    ($en:literal, $zh:literal, $($arg:tt)*) => {
        if $crate::i18n::zh() { format!($zh, $($arg)*) } else { format!($en, $($arg)*) }
    };
}

/// The places (`file:line:col`) of printed diagnostics (`error: place: message`), for tests
/// that compare a message's two languages: the same mistakes at the same places.
#[cfg(test)]
pub fn places(printed: &[String]) -> Vec<String> {
    printed
        .iter()
        .map(|d| d.split(": ").nth(1).unwrap_or_default().to_string())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_are_told_in_chinese_with_their_number() {
        let text = "无法读取 a.csv: No such file or directory (os error 2)";
        assert_eq!(
            os_errors(text),
            text,
            "English unless the messages are Chinese"
        );
        in_chinese(|| {
            assert_eq!(
                os_errors(text),
                "无法读取 a.csv: 找不到这个文件或文件夹（os error 2）"
            );
            assert_eq!(
                os_errors("无法写入网站：Permission denied (os error 13)"),
                "无法写入网站：没有权限（os error 13）"
            );
            // A number it does not know stays as the system said it.
            assert_eq!(
                os_errors("x: Odd (os error 999) y"),
                "x: Odd (os error 999) y"
            );
        });
    }

    #[test]
    fn tags() {
        for zh in ["zh", "zh-CN", "zh_TW.UTF-8", "ZH-hans", "cn"] {
            assert_eq!(parse(zh), Some(Lang::Zh), "{zh}");
        }
        for en in ["en", "en-US", "C", "C.UTF-8", "POSIX"] {
            assert_eq!(parse(en), Some(Lang::En), "{en}");
        }
        for none in ["", "ja", "fr-FR", "zhx"] {
            assert_eq!(parse(none), None, "{none}");
        }
    }

    #[test]
    fn book_language_is_read_from_the_top_of_book_toml_even_when_it_has_mistakes() {
        assert_eq!(
            book_language("title = 投诉手册\nlanguage = \"en\"  # English\n").as_deref(),
            Some("en")
        );
        assert_eq!(
            book_language("\u{feff}language=\"zh-CN\"\n[build]\n").as_deref(),
            Some("zh-CN")
        );
        // A `language` under a table is not the book's.
        assert_eq!(
            book_language("title = \"a\"\n[output]\nlanguage = \"en\"\n"),
            None
        );
        assert_eq!(book_language("languages = 1\n"), None);
    }

    #[test]
    fn detect_prefers_the_flag_then_the_book() {
        let dir = tempfile::tempdir().unwrap();
        // No book.toml: Chinese, book.toml's default (unless HANDBOOK_LANG says otherwise in the
        // environment the tests run in).
        if std::env::var_os("HANDBOOK_LANG").is_none() {
            assert_eq!(detect(dir.path(), None), Lang::Zh);
            std::fs::write(dir.path().join("book.toml"), "language = \"en\"\n").unwrap();
            assert_eq!(detect(dir.path(), None), Lang::En);
            std::fs::write(dir.path().join("book.toml"), "title = \"x\"\n").unwrap();
            assert_eq!(detect(dir.path(), None), Lang::Zh);
            std::fs::write(dir.path().join("book.toml"), "language = \"ja\"\n").unwrap();
            assert_eq!(detect(dir.path(), None), Lang::En);
        }
        assert_eq!(detect(dir.path(), Some("zh")), Lang::Zh);
        assert_eq!(detect(dir.path(), Some("en")), Lang::En);
    }

    #[test]
    fn t_picks_the_language() {
        let key = "titel";
        let en = t!("unknown field `{key}`", "不认识的字段 `{key}`");
        assert_eq!(en, "unknown field `titel`");
        let n = 2;
        assert_eq!(t!("{n} errors", "{n} 个错误"), "2 errors");
        assert_eq!(t!("{} and {}", "{}和{}", 1, 2), "1 and 2");
        in_chinese(|| {
            assert_eq!(
                t!("unknown field `{key}`", "不认识的字段 `{key}`"),
                "不认识的字段 `titel`"
            );
            assert_eq!(t!("{} and {}", "{}和{}", 1, 2,), "1和2");
        });
        assert!(!zh());
    }

    /// Every `t!` in the sources names the same arguments (`{x}`, `{}`) in its two texts: the
    /// compiler checks that each text is right alone, not that the Chinese does not drop
    /// something the English says (a captured `{name}` is not an argument it can count).
    #[test]
    fn t_pairs_name_the_same_arguments() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut pairs = 0;
        for entry in walkdir::WalkDir::new(&src) {
            let entry = entry.unwrap();
            if entry.path().extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let text = std::fs::read_to_string(entry.path()).unwrap();
            let mut rest = text.as_str();
            while let Some(at) = rest.find("t!(") {
                // `t!(` itself, not the end of another macro's name (`format!(`, `assert!(`).
                let before = rest[..at].chars().next_back();
                rest = &rest[at + 3..];
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let Some((en, after)) = literal(rest) else {
                    continue;
                };
                let Some(after) = after.trim_start().strip_prefix(',') else {
                    continue;
                };
                let Some((zh, _)) = literal(after) else {
                    continue;
                };
                assert_eq!(
                    placeholders(&en),
                    placeholders(&zh),
                    "{}: t!({en:?}, {zh:?}) names other arguments in Chinese",
                    entry.path().display()
                );
                pairs += 1;
            }
        }
        assert!(pairs > 0, "no t! found under {}", src.display());
    }

    /// The string literal at the start of `s` (after spaces), unescaped enough to find its
    /// `{…}`, and what follows it.
    fn literal(s: &str) -> Option<(String, &str)> {
        let s = s.trim_start();
        let body = s.strip_prefix('"')?;
        let mut out = String::new();
        let mut chars = body.char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    if let Some((_, e)) = chars.next() {
                        out.push(e);
                    }
                }
                '"' => return Some((out, &body[i + 1..])),
                c => out.push(c),
            }
        }
        None
    }

    /// The `{…}` of a format string, sorted, each once, `{{` and `}}` skipped, format specs
    /// kept apart from the name (`{n:>3}` is `n`).
    fn placeholders(f: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut chars = f.chars().peekable();
        let mut positional = 0;
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                }
                '{' => {
                    let mut inner = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        inner.push(c);
                    }
                    let name = inner.split(':').next().unwrap_or("").to_string();
                    if name.is_empty() {
                        out.push(format!("#{positional}"));
                        positional += 1;
                    } else {
                        out.push(name);
                    }
                }
                _ => {}
            }
        }
        // (A name may be used more often in one text than in the other.)
        out.sort();
        out.dedup();
        out
    }
}
