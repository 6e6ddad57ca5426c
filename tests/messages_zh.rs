//! handbook speaks Chinese to a Chinese book: the same mistakes found at the same places in
//! either language, the common ones told in Chinese, and the language chosen as the README
//! says (`--lang`, `HANDBOOK_LANG`, book.toml's `language`).

mod common;
use common::*;
use std::path::Path;

/// A trainer's slip: in `file`, `from` replaced by `to` (`from` = "*": the whole file is `to`;
/// a file that is not there is made).
struct Slip {
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
}

const L: &str = "content/basics/first-lesson.md";
const R: &str = "content/rules/example.rule.yaml";
const Q: &str = "content/quizzes/example.quiz.yaml";

const fn slip(
    name: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
) -> Slip {
    Slip {
        name,
        file,
        from,
        to,
    }
}

/// The mistakes of the trainer audit and of the trainer guide's error table, one each.
const SLIPS: &[Slip] = &[
    // Front matter
    slip("colonless key", L, "title: 认识投诉", "title 认识投诉"),
    slip("full-width colon", L, "summary: 为什么", "summary：为什么"),
    slip("chinese numeral", L, "order: 10", "order: 十"),
    slip("text for a list", L, "tags: [入门]", "tags: 入门、流程"),
    slip(
        "not an allowed value",
        L,
        "audience: [new-staff]",
        "audience: [新员工]",
    ),
    slip("unknown field", L, "order: 10", "order: 10\nauthor: 张三"),
    slip(
        "front matter not closed",
        L,
        "[new-staff]\n---",
        "[new-staff]\n",
    ),
    // Lesson text
    slip(
        "missing rule",
        L,
        "[[rule:EX-PROC-001]]",
        "[[rule:EX-PROC-01]]",
    ),
    slip(
        "missing page",
        L,
        "不要与客户争辩。",
        "不要与客户争辩。\n\n[时限](missing.md)",
    ),
    slip(
        "missing anchor",
        L,
        "不要与客户争辩。",
        "不要与客户争辩。\n\n[时限](first-lesson.md#nope)",
    ),
    slip(
        "absolute link",
        L,
        "不要与客户争辩。",
        "不要与客户争辩。\n\n[规则](/rules/index.html)",
    ),
    slip(
        "missing picture",
        L,
        "不要与客户争辩。",
        "不要与客户争辩。\n\n![图](pic.png)",
    ),
    slip(
        "full-width link",
        L,
        "不要与客户争辩。",
        "不要与客户争辩。\n\n[时限]（first-lesson.md）",
    ),
    slip(
        "heading id twice",
        L,
        "## 投诉是免费的反馈",
        "## 投诉是免费的反馈 {#a}\n\n## 又一节 {#a}",
    ),
    slip("table without its |---| row", L, "|---|---|\n", ""),
    // Rules
    slip("misspelt field", R, "summary: 一般", "sumary: 一般"),
    slip(
        "unknown category",
        R,
        "category: procedure",
        "category: proceduer",
    ),
    slip(
        "chinese for an allowed value",
        R,
        "severity: high",
        "severity: 高",
    ),
    slip(
        "number with a unit",
        R,
        "    value: 5\n",
        "    value: 5个\n",
    ),
    slip(
        "not a date",
        R,
        "effective: 2025-01-01",
        "effective: 2025-13-01",
    ),
    slip("tab", R, "  - who: 受理人员", "\t- who: 受理人员"),
    slip(
        "indented left",
        R,
        "    what: 登记投诉内容并派发工单",
        "  what: 登记投诉内容并派发工单",
    ),
    slip("chinese quotes", R, "version: \"1.0\"", "version: “1.0”"),
    slip(
        "missing lesson",
        R,
        "[lesson:basics/first-lesson]",
        "[lesson:basics/first]",
    ),
    slip(
        "value starting with *",
        R,
        "  - 记录客户诉求",
        "  - **记录**客户诉求",
    ),
    slip(
        "duplicate field",
        R,
        "owner: 客户服务中心",
        "owner: 客户服务中心\nowner: 营销部",
    ),
    slip(
        "colon in a value",
        R,
        "title: 投诉办理时限",
        "title: 投诉办理时限: 一般投诉",
    ),
    slip(
        "quote left open",
        R,
        "title: 投诉办理时限",
        "title: \"投诉办理时限",
    ),
    slip(
        "list item indented deeper",
        R,
        "  - 推诿客户",
        "  - 推诿客户\n    - 争辩",
    ),
    // Quizzes
    slip("percent", Q, "pass_mark: 80", "pass_mark: 80%"),
    slip("pass mark over 100", Q, "pass_mark: 80", "pass_mark: 120"),
    slip(
        "chinese for true",
        Q,
        "        correct: true",
        "        correct: 对",
    ),
    slip(
        "chinese question type",
        Q,
        "    type: single",
        "    type: 单选",
    ),
    slip(
        "question's missing rule",
        Q,
        "rules: [EX-PROC-001]",
        "rules: [EX-PROC-002]",
    ),
    slip(
        "same option twice",
        Q,
        "      - text: 1个月",
        "      - text: 5个工作日",
    ),
    slip("no correct option", Q, "        correct: true\n", ""),
    slip(
        "item without its first key",
        Q,
        "      - text: 1个月",
        "      - 1个月",
    ),
    slip("colonless first key", Q, "id: example\n", "id example\n"),
    slip(
        "question for prompt",
        Q,
        "    prompt: 一般",
        "    question: 一般",
    ),
    slip("empty quiz", Q, "*", ""),
    slip(
        "answer on a single-choice question",
        Q,
        "    prompt: 一般",
        "    answer: A\n    prompt: 一般",
    ),
    slip(
        "answer on a short-answer question",
        Q,
        "    type: single\n    prompt: 一般投诉应在多长时间内办结？\n",
        "    type: short\n    prompt: 一般投诉应在多长时间内办结？\n    answer: 5\n",
    ),
    // Other files
    slip(
        "categories' misspelt field",
        "content/categories.yaml",
        "  label:",
        "  lable:",
    ),
    slip(
        "book.toml bare text",
        "book.toml",
        "dest = \"site\"",
        "dest = site",
    ),
    slip("book.toml unknown key", "book.toml", "title = ", "titel = "),
    slip(
        "book.toml key of another table",
        "book.toml",
        "theme = \"default\"",
        "theme = \"default\"\nfooter = \"仅供内部培训使用\"",
    ),
    slip(
        "book.toml mdBook header",
        "book.toml",
        "[build]",
        "[book]\n\n[build]",
    ),
    slip(
        "book.toml quote not closed",
        "book.toml",
        "description = \"用 handbook 编写的培训手册\"",
        "description = \"用 handbook 编写的培训手册",
    ),
    slip(
        "book.toml full-width brackets",
        "book.toml",
        "[build]",
        "【build】",
    ),
    slip(
        "glossary's misspelt field",
        "content/glossary.yaml",
        "*",
        "- term: 电能表\n  synonym: [电表]\n  definition: 计量电能的表计。\n",
    ),
];

/// The diagnostics of `check --format json`: (file, line, col, severity) and (message, hint).
type Found = Vec<((String, u64, u64, String), (String, String))>;

fn check_json(root: &Path, lang: &str) -> (Found, String) {
    let o = handbook_cmd()
        .env("HANDBOOK_LANG", lang)
        .env("CI", "1")
        .arg("--root")
        .arg(root)
        .args(["check", "--format", "json"])
        .output()
        .unwrap();
    let mut found = Found::new();
    let mut summary = String::new();
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let s = |k: &str| v[k].as_str().unwrap_or("").to_string();
        if v["type"] == "summary" {
            summary = s("text");
            continue;
        }
        let place = (
            s("file"),
            v["line"].as_u64().unwrap(),
            v["col"].as_u64().unwrap(),
            s("severity"),
        );
        found.push((place, (s("message"), s("hint"))));
    }
    (found, summary)
}

fn apply(root: &Path, s: &Slip) {
    let path = root.join(s.file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    let new = if s.from == "*" {
        s.to.to_string()
    } else {
        assert!(
            text.contains(s.from),
            "{}: `{}` not in {}",
            s.name,
            s.from,
            s.file
        );
        text.replacen(s.from, s.to, 1)
    };
    std::fs::write(&path, new).unwrap();
}

#[test]
fn the_same_mistakes_are_found_at_the_same_places_and_told_in_chinese() {
    let (_t, clean) = init_book();
    let mut untranslated = Vec::new();
    for s in SLIPS {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        copy_dir(&clean, &root);
        apply(&root, s);
        let (en, en_summary) = check_json(&root, "en");
        let (zh, zh_summary) = check_json(&root, "zh");
        assert!(!en.is_empty(), "{}: the slip is not found at all", s.name);
        let places = |f: &Found| f.iter().map(|d| d.0.clone()).collect::<Vec<_>>();
        assert_eq!(
            places(&en),
            places(&zh),
            "{}: other places in Chinese",
            s.name
        );
        assert!(en_summary.starts_with("checked"), "{en_summary}");
        assert!(zh_summary.starts_with("已检查"), "{}: {zh_summary}", s.name);
        for ((place, (em, eh)), (_, (zm, zh))) in en.iter().zip(&zh) {
            // `HANDBOOK_PRINT_MESSAGES=1 cargo test --test messages_zh -- --nocapture`: each
            // slip's messages in both languages (for the trainer guide's error table).
            if std::env::var_os("HANDBOOK_PRINT_MESSAGES").is_some() {
                println!("## {}\n{em}\n  = {eh}\n{zm}\n  = {zh}\n", s.name);
            }
            if em == zm || (!eh.is_empty() && eh == zh) {
                untranslated.push(format!("{} ({}:{}): {em} / {eh}", s.name, place.0, place.1));
            }
        }
    }
    assert!(
        untranslated.is_empty(),
        "told in English in a Chinese book:\n{}",
        untranslated.join("\n")
    );
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dst = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
}

/// `handbook` as a trainer runs it: no HANDBOOK_LANG.
fn plain(root: &Path, args: &[&str]) -> std::process::Output {
    let mut cmd = handbook_cmd();
    if root.is_dir() {
        cmd.current_dir(root);
    }
    cmd.env_remove("HANDBOOK_LANG")
        .env("CI", "1")
        .arg("--root")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_language_follows_the_book_unless_told_otherwise() {
    let (_t, root) = init_book();
    write(
        &root,
        L,
        &read(&root, L).replace("EX-PROC-001]]", "EX-PROC-01]]"),
    );
    // A zh-CN book (init's): Chinese, labels and all.
    let o = plain(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("错误: content/basics/first-lesson.md:"),
        "{err}"
    );
    assert!(err.contains("  = 提示: "), "{err}");
    assert!(
        err.contains("已检查 3 个页面、1 条规则、1 个测验；1 个错误"),
        "{err}"
    );
    // --lang en, or HANDBOOK_LANG=en, for one run.
    let o = plain(&root, &["--lang", "en", "check"]);
    assert!(stderr(&o).contains("error: content/basics/first-lesson.md:"));
    assert!(stderr(&o).contains("checked 3 pages, 1 rule, 1 quiz; 1 error"));
    // A book in English: English.
    write(
        &root,
        "book.toml",
        &read(&root, "book.toml").replace("zh-CN", "en"),
    );
    let o = plain(&root, &["check"]);
    assert!(
        stderr(&o).contains("reference to a missing rule"),
        "{}",
        stderr(&o)
    );
    let o = plain(&root, &["--lang", "zh", "check"]);
    assert!(stderr(&o).contains("错误: "), "{}", stderr(&o));
    // A failed build says that nothing was written, in the book's language.
    write(
        &root,
        "book.toml",
        &read(&root, "book.toml").replace("\"en\"", "\"zh-CN\""),
    );
    let o = plain(&root, &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("生成失败，什么也没写："),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_and_new_speak_chinese_for_a_new_book() {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("新手册");
    let o = handbook_cmd()
        .env_remove("HANDBOOK_LANG")
        .arg("init")
        .arg(&root)
        .output()
        .unwrap();
    let out = stdout(&o);
    assert!(out.contains("已创建 "), "{out}");
    assert!(out.contains("完成。下一步："), "{out}");
    let o = plain(
        &root,
        &["new", "lesson", "basics/second", "--title", "第二课"],
    );
    let out = stdout(&o);
    assert!(
        out.contains("下一步：把标着 【待填写】 的地方写好"),
        "{out}"
    );
    // A Chinese lesson path is refused with the way forward: Chinese goes in the title.
    let o = plain(&root, &["new", "lesson", "基础/第二课"]);
    assert!(
        stderr(&o).contains("`handbook new lesson basics/lesson-2 --title 第二课`"),
        "{}",
        stderr(&o)
    );
    // A command's own error is labelled once, as a diagnostic is.
    let o = plain(&t.path().join("没有这本书"), &["new", "lesson", "a/b"]);
    let err = stderr(&o);
    assert!(err.starts_with("错误: book.toml: 文件夹 `"), "{err}");
    assert!(
        !err.contains("错误: 错误") && !err.contains("error"),
        "{err}"
    );
}

/// The trainer guide's error table quotes the messages as the tool prints them: each phrase
/// below is in the Chinese message of its slip and in the guide.
#[test]
fn the_trainer_guides_error_table_quotes_the_chinese_messages() {
    const QUOTED: &[(&str, &str)] = &[
        ("missing page", "链接指向的页面不存在"),
        ("missing anchor", "链接指向的锚点不存在"),
        ("missing rule", "引用的规则不存在"),
        (
            "absolute link",
            "网站放在别的网址目录下，或者直接双击打开网页文件时，这个链接会失效",
        ),
        ("missing picture", "找不到图片"),
        ("full-width link", "不是链接：用了全角的方括号或圆括号"),
        ("heading id twice", "在这个页面上用了两次"),
        ("table without its |---| row", "行不是表格：表头下面缺少"),
        ("chinese for true", "这里应该写 `true` 或 `false`"),
        ("percent", "这里应该写一个数字"),
        ("chinese numeral", "这里应该写一个整数"),
        ("text for a list", "这里应该写一个列表"),
        ("unknown field", "不认识的字段"),
        ("duplicate field", "重复的字段"),
        ("not an allowed value", "不是可以填写的值"),
        ("full-width colon", "后面是全角冒号"),
        ("colonless key", "后面缺少冒号"),
        ("colon in a value", "的值里有 `: `（冒号加空格）"),
        ("indented left", "更靠左"),
        ("tab", "这一行用 Tab 字符缩进了"),
        ("value starting with *", "值不能以 `*` 开头"),
        ("item without its first key", "这一项的文字前面缺少 `text:`"),
        ("chinese quotes", "写在中文引号里"),
    ];
    let guide = read(&repo(), "content/trainer/writing-content.md");
    let (_t, clean) = init_book();
    for (name, phrase) in QUOTED {
        assert!(
            guide.contains(phrase),
            "the guide does not quote {phrase:?}"
        );
        let s = SLIPS.iter().find(|s| s.name == *name).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("book");
        copy_dir(&clean, &root);
        apply(&root, s);
        let (zh, _) = check_json(&root, "zh");
        assert!(
            zh.iter().any(|d| d.1 .0.contains(phrase)),
            "{name}: no message says {phrase:?}: {zh:?}"
        );
    }
}

/// A slip on the command line is told in the book's language too (clap's own words are
/// English), with its fix; `--lang` takes book.toml's tags (`zh-CN`); the system's words for
/// a file not found are Chinese, with their number.
#[test]
fn command_line_slips_and_system_errors_are_told_in_chinese() {
    let (_t, root) = init_book();
    let cases: &[(&[&str], &str, &str)] = &[
        // (The closest only: not `handbook schema`, four edits away, that clap offers too.)
        (
            &["chek"],
            "错误: 没有 `chek` 这个命令",
            "是不是想写 `handbook check`？`handbook --help`",
        ),
        (
            &["check", "--stirct"],
            "没有 `--stirct` 这个选项",
            "是不是想写 `--strict`？",
        ),
        (
            &["new", "lessn", "a"],
            "不能写 `lessn`",
            "是不是想写 `lesson`？",
        ),
        (&["new", "rule"], "缺少名字", "`handbook new --help`"),
        (&["check", "——strict"], "中文的破折号", "请写成 `--strict`"),
        (
            &["check", "-strict"],
            "没有 `-strict` 这个选项",
            "`--strict`",
        ),
        (&["build", "--dest"], "`--dest` 后面缺少值", "`--dest site`"),
        (&["new", "quiz", "q", "多余"], "多写了 `多余`", "英文引号"),
    ];
    for (args, message, hint) in cases {
        let o = plain(&root, args);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(
            err.contains(message) && err.contains(hint),
            "{args:?}: {err}"
        );
        let o = plain(&root, &[&["--lang", "en"], *args].concat());
        assert!(
            stderr(&o).starts_with("error: "),
            "{args:?}: {}",
            stderr(&o)
        );
    }
    // `handbook help check` is `handbook check --help`.
    let o = plain(&root, &["help", "check"]);
    assert!(stdout(&o).contains("检查全部内容"), "{}", stdout(&o));
    let o = plain(&root, &["--lang", "zh-CN", "check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("已检查"), "{}", stdout(&o));
    let o = plain(
        &root,
        &[
            "import",
            "questions",
            "没有这个文件.csv",
            "--quiz",
            "example",
        ],
    );
    let err = stderr(&o);
    // (Windows numbers and words its errors its own way.)
    if cfg!(unix) {
        assert!(
            err.contains("找不到这个文件或文件夹（os error 2）"),
            "{err}"
        );
    }
}

/// `--help` of a Chinese book is Chinese (what each command and option does); English with
/// `--lang en`.
#[test]
fn help_is_chinese_for_a_chinese_book() {
    let (_t, root) = init_book();
    let o = plain(&root, &["--help"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", stderr(&o));
    for want in [
        "用法：handbook",
        "命令:",
        "生成网站",
        "检查全部内容",
        "显示这段说明",
    ] {
        assert!(out.contains(want), "{want}: {out}");
    }
    assert!(
        !out.contains("Print help") && !out.contains("[default"),
        "{out}"
    );
    let o = plain(&root, &["new", "--help"]);
    assert!(stdout(&o).contains("lesson（课程）"), "{}", stdout(&o));
    let o = plain(&root, &["import", "questions", "-h"]);
    assert!(stdout(&o).contains("加进哪个测验"), "{}", stdout(&o));
    let o = plain(&root, &["--lang", "en", "--help"]);
    assert!(stdout(&o).contains("Usage: handbook"), "{}", stdout(&o));
    // Every option of every command said in Chinese (check's --search and --browser were
    // English: IT admin review).
    let commands: &[&[&str]] = &[
        &["build"],
        &["check"],
        &["serve"],
        &["init"],
        &["new"],
        &["mv"],
        &["import", "questions"],
        &["import", "mdbook"],
        &["export"],
        &["report"],
        &["schema"],
    ];
    for command in commands {
        let o = plain(&root, &[command, &["--help"][..]].concat());
        let out = stdout(&o);
        assert!(o.status.success(), "{command:?}: {}", stderr(&o));
        for line in out.lines().filter(|l| l.trim_start().starts_with('-')) {
            assert!(
                line.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                "{command:?}: {line}"
            );
        }
    }
}
