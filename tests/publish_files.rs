//! Files of the content folder published as they are that are likely not meant for everyone
//! (a question bank with its answers, an Excel list, a Word draft, a `.bak` copy): `check`
//! and `build` warn about each that no page links to.

mod common;
use common::*;

/// The warning lines (`warning: FILE: …`) of `out` that name `file`, with their hints.
fn warning_of(out: &str, file: &str) -> Option<String> {
    let mut lines = out.lines();
    while let Some(l) = lines.next() {
        if l.starts_with("warning:") && l.contains(file) {
            let hint = lines.next().unwrap_or_default();
            return Some(format!("{l}\n{hint}"));
        }
    }
    None
}

#[test]
fn question_banks_spreadsheets_documents_and_backups_are_said_to_be_published() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/题库-含答案.csv",
        "题型,题目内容,答案\n单选,首问,A\n",
    );
    // (A bank without 题库 in its name: its header row has the answer column.)
    write(
        &root,
        "content/basics/list.csv",
        "id,question,answer\n1,x,y\n",
    );
    write(&root, "content/内部通讯录.xlsx", "x");
    write(&root, "content/basics/讲稿.docx", "x");
    write(&root, "content/basics/first-lesson.md.bak", "# old\n");
    write(&root, "content/notes.ORIG", "x");
    // A file a lesson links to is meant to be downloaded: no warning.
    write(&root, "content/basics/表格.xlsx", "x");
    write(&root, "content/basics/计划.csv", "a,b\n");
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!(
            "{lesson}\n下载[登记表](表格.xlsx?download=1)和<a href=\"%E8%AE%A1%E5%88%92.csv\">计划</a>。\n"
        ),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");

    let bank = warning_of(&err, "content/题库-含答案.csv").unwrap_or_else(|| panic!("{err}"));
    assert!(bank.contains("looks like a question bank"), "{bank}");
    assert!(
        bank.contains("anyone who can open the site to download"),
        "{bank}"
    );
    assert!(bank.contains("the answers would leak"), "{bank}");
    assert!(
        bank.contains("outside the content folder (e.g. beside book.toml)"),
        "{bank}"
    );
    assert!(
        bank.contains("`handbook import questions` reads a question bank from anywhere"),
        "{bank}"
    );
    assert!(bank.contains("link it from a lesson"), "{bank}");
    // (A whole-file warning: no line.)
    assert!(
        bank.starts_with("warning: content/题库-含答案.csv: "),
        "{bank}"
    );
    let list = warning_of(&err, "content/basics/list.csv").unwrap_or_else(|| panic!("{err}"));
    assert!(list.contains("the answers would leak"), "{list}");

    let xlsx = warning_of(&err, "content/内部通讯录.xlsx").unwrap_or_else(|| panic!("{err}"));
    assert!(xlsx.contains("will be published as it is"), "{xlsx}");
    assert!(!xlsx.contains("answers"), "{xlsx}");
    assert!(
        warning_of(&err, "content/basics/讲稿.docx").is_some(),
        "{err}"
    );
    for backup in ["content/basics/first-lesson.md.bak", "content/notes.ORIG"] {
        let w = warning_of(&err, backup).unwrap_or_else(|| panic!("{backup}: {err}"));
        assert!(w.contains("is a backup copy"), "{w}");
        assert!(w.contains("delete it"), "{w}");
    }
    assert!(warning_of(&err, "表格.xlsx").is_none(), "{err}");
    assert!(warning_of(&err, "计划.csv").is_none(), "{err}");

    // `build` says the same (and still publishes them: a warning, not an error).
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        warning_of(&err, "content/题库-含答案.csv").is_some(),
        "{err}"
    );
    assert!(root.join("site/题库-含答案.csv").is_file());

    // Kept beside book.toml, the bank is neither published nor warned about.
    std::fs::rename(
        root.join("content/题库-含答案.csv"),
        root.join("题库-含答案.csv"),
    )
    .unwrap();
    let o = run(&root, &["check"]);
    assert!(!stderr(&o).contains("题库-含答案.csv"), "{}", stderr(&o));
}

#[test]
fn the_warning_is_chinese_in_a_chinese_book() {
    let (_t, root) = init_book();
    write(&root, "content/题库.xlsx", "x");
    write(&root, "content/旧稿.bak", "x");
    let o = run_with_env(&root, &["check"], &[("HANDBOOK_LANG", "zh")]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "`题库.xlsx` 看起来是题库，它会原样发布到网站上，谁能打开网站谁就能下载：答案会泄露"
        ),
        "{err}"
    );
    assert!(
        err.contains("`handbook import questions` 可以从任何位置读取题库"),
        "{err}"
    );
    assert!(err.contains("`旧稿.bak` 是备份文件"), "{err}");
}
