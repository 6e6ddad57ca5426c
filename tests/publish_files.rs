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

    // A form linked from a rule's step or a quiz's explanation (Markdown fields link from the
    // content folder) is meant to be downloaded as much as one a lesson links: no warning.
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "what: 登记投诉内容并派发工单",
        "what: 登记投诉内容并派发工单，用[通讯录](内部通讯录.xlsx)找责任人",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace(
        "feedback: 正确，见办理时限规则。",
        "feedback: 正确，见办理时限规则和[讲稿](basics/讲稿.docx)。",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let err = stderr(&run(&root, &["check"]));
    assert!(warning_of(&err, "内部通讯录.xlsx").is_none(), "{err}");
    assert!(warning_of(&err, "讲稿.docx").is_none(), "{err}");
    assert!(
        warning_of(&err, "content/basics/list.csv").is_some(),
        "{err}"
    );
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

/// The bundled book's tag folders, as they were before tags named like Windows devices got
/// a folder of their own: every other tag keeps its address.
const BUNDLED_TAGS: &str = "95598 index.html markdown pdca yaml 主动服务 乱收费 供电质量 保密 信函 倾听 停电 八步流程 公平 六步处理法 共情 办结 匿名举报 升级处理 协商 压力调适 发布 受理 台账 员工纪律 回访 回退重办 回避 培训师 处理原则 复核 复述 客户导向 客户满意 常见错误 情景演练 情绪安抚 成因分析 抄表 投诉分类 投诉类型 抢修 排队 推诿 施工 时限 有偿服务 服务态度 服务意识 服务理念 服务禁语 服务质量 来访 根因分析 案例 欠费停电 流程 测验 渠道 现场接待 电压 电话沟通 电费 疑难来电 登记 答复 纪律 编写 署名举报 致歉 良方 营业厅 规则 计量 认识投诉 记录 诊断 话术 课程编排 调查 责任认定 赔偿 部署 闭环 闭环管理 预防 首问负责";

fn folder_names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn the_bundled_books_tag_folders_are_unchanged() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut want: Vec<&str> = BUNDLED_TAGS.split(' ').collect();
    want.sort();
    assert_eq!(folder_names(&root.join("site/tags")), want);
}

/// `tags: [CON, aux]` made `site/tags/con/` and `site/tags/aux/`, folders a Windows share or IIS
/// refuses; an alias `nul` made `site/nul/`.
#[test]
fn names_windows_refuses_never_become_folders_of_the_site() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let lesson = lesson.replacen(
        "tags: [入门]",
        "tags: [入门, CON, aux, Com1, console]\naliases: [nul, old/LPT1]",
        1,
    );
    assert!(lesson.contains("aliases: [nul"), "{lesson}");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n另见 [[tag:CON]]。\n"),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    for seg in ["nul", "LPT1"] {
        assert!(
            err.contains(&format!(
                "`{seg}` is named like a device on Windows, so the site could not be copied to a Windows share or disk"
            )),
            "{err}"
        );
    }
    assert!(err.contains("remove the alias"), "{err}");

    write(
        &root,
        "content/basics/first-lesson.md",
        &format!(
            "{}\n另见 [[tag:CON]]。\n",
            lesson.replacen("\naliases: [nul, old/LPT1]", "", 1)
        ),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tags = folder_names(&root.join("site/tags"));
    for safe in ["con-tag", "aux-tag", "com1-tag", "console", "入门"] {
        assert!(tags.contains(&safe.to_string()), "{tags:?}");
    }
    for name in tags.iter().chain(&folder_names(&root.join("site"))) {
        let stem = name.split('.').next().unwrap().to_ascii_lowercase();
        assert!(
            !["con", "aux", "nul", "prn", "com1", "lpt1"].contains(&stem.as_str()),
            "{name}"
        );
    }
    let page = read(&root, "site/basics/first-lesson/index.html");
    assert!(page.contains("tags/con-tag/"), "the [[tag:CON]] link");
    let tag_page = read(&root, "site/tags/con-tag/index.html");
    assert!(tag_page.contains("first-lesson"), "lists the lesson");

    // A lesson file or quiz id so named was already refused: still.
    write(&root, "content/basics/con.md", "---\ntitle: x\n---\n");
    let o = run(&root, &["check"]);
    assert!(
        stderr(&o).contains("`con.md` is named like a device on Windows"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn the_alias_error_is_chinese_in_a_chinese_book() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &lesson.replacen("tags: [入门]", "tags: [入门]\naliases: [AUX]", 1),
    );
    let o = run_with_env(&root, &["check"], &[("HANDBOOK_LANG", "zh")]);
    let err = stderr(&o);
    assert!(
        err.contains("别名 `AUX`：`AUX` 和 Windows 的设备名相同，网站将无法复制到 Windows 共享文件夹或磁盘上"),
        "{err}"
    );
    assert!(err.contains("请删掉这个别名"), "{err}");
}
