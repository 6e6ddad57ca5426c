//! A team of trainers keeping the book in git: what two of them do on two branches merges
//! without a conflict, or is warned about once merged; links and stored progress keep
//! pointing at what they named when the course or a quiz grows.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// Runs git in `dir` (as a trainer with a name, whatever the machine's configuration).
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=培训师",
            "-c",
            "user.email=trainer@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// The line of `text` holding `needle`, from 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{text}"))
        + 1
}

#[test]
fn two_trainers_adding_a_term_each_on_their_own_branch_merge_without_a_conflict() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_t, root) = bundled_copy();
    git_ok(&root, &["init", "-q"]);
    git_ok(&root, &["add", "-A"]);
    git_ok(&root, &["commit", "-q", "-m", "手册"]);
    let before = read(&root, "content/glossary.yaml");

    // 甲 adds a term about outages, 乙 one about bills, each on a branch of their own.
    git_ok(&root, &["checkout", "-q", "-b", "jia"]);
    let o = run(&root, &["new", "term", "停电通知单"]);
    assert!(o.status.success(), "{}", stderr(&o));
    git_ok(&root, &["commit", "-q", "-am", "术语：停电通知单"]);
    git_ok(&root, &["checkout", "-q", "main"]);
    git_ok(&root, &["checkout", "-q", "-b", "yi"]);
    let o = run(&root, &["new", "term", "电费发票"]);
    assert!(o.status.success(), "{}", stderr(&o));
    git_ok(&root, &["commit", "-q", "-am", "术语：电费发票"]);

    // Appended at the end, both change the same lines: the merge conflicts.
    let o = git(&root, &["merge", "-q", "--no-edit", "jia"]);
    assert!(
        o.status.success(),
        "the merge conflicts:\n{}{}\n{}",
        stdout(&o),
        stderr(&o),
        read(&root, "content/glossary.yaml")
    );

    // Each went beside the entry most like it, the file otherwise as it was.
    let merged = read(&root, "content/glossary.yaml");
    let at = |t: &str| line_of(&merged, &format!("- term: {t}"));
    // (停电通知, among 计划停电's keywords, is the longest run it shares with an entry.)
    assert!(
        at("停电通知单") > line_of(&merged, "- term: 计划停电")
            && at("停电通知单") < line_of(&merged, "- term: 临时停电"),
        "{merged}"
    );
    assert!(
        at("电费发票") > line_of(&merged, "- term: 电费")
            && at("电费发票") < line_of(&merged, "- term: 电价"),
        "{merged}"
    );
    let kept: Vec<&str> = merged
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(
        kept.iter().all(|l| l.contains("【待填写】")
            || l.contains("- term:")
            || l.contains("# related")
            || l.contains("# keywords")),
        "{kept:?}"
    );
    assert_eq!(
        merged.lines().count(),
        before.lines().count() + 12,
        "{merged}"
    );

    // The merged book checks: only the two entries' text is left to write.
    let o = run(&root, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let out = stdout(&o);
    let warnings: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("\"type\":\"diagnostic\""))
        .collect();
    assert_eq!(warnings.len(), 4, "{out}");
    assert!(warnings.iter().all(|w| w.contains("【待填写】")), "{out}");
}

#[test]
fn a_new_term_goes_to_its_place_in_a_glossary_kept_in_pinyin_order() {
    let (_t, root) = init_book();
    let glossary = "# 术语表，按拼音排\n- term: 电费\n  definition: 客户用电应交的费用。\n\n- term: 工单\n  definition: 记录客户诉求的单据。\n\n- term: 投诉\n  definition: 客户对服务不满提出的意见。\n";
    write(&root, "content/glossary.yaml", glossary);
    let o = run(&root, &["new", "term", "回访"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(&root, "content/glossary.yaml");
    let at = line_of(&text, "- term: 回访");
    assert!(
        at > line_of(&text, "- term: 工单") && at < line_of(&text, "- term: 投诉"),
        "{text}"
    );
    assert!(
        text.starts_with("# 术语表，按拼音排\n- term: 电费\n"),
        "{text}"
    );
    // The line it gives to write first is the new entry's.
    assert!(
        stdout(&o).contains(&format!("the first is on line {}", at + 1)),
        "{}",
        stdout(&o)
    );
}

#[test]
fn two_pages_of_one_folder_with_the_same_order_are_warned_about() {
    let (_t, root) = init_book();
    // Two trainers each add a lesson to basics/ on their own branch: both get the next
    // number, and the merge brings both.
    let (_t2, other) = {
        let t = tempfile::tempdir().unwrap();
        let other = t.path().join("book");
        let o = Command::new("cp")
            .arg("-r")
            .arg(&root)
            .arg(&other)
            .output()
            .unwrap();
        assert!(o.status.success());
        (t, other)
    };
    let o = run(
        &root,
        &[
            "new",
            "lesson",
            "basics/phone-intake",
            "--title",
            "电话受理",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        &other,
        &["new", "lesson", "basics/letters", "--title", "信函受理"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let letters = read(&other, "content/basics/letters.md");
    let phone = read(&root, "content/basics/phone-intake.md");
    assert!(letters.contains("order: 20") && phone.contains("order: 20"));
    write(&root, "content/basics/letters.md", &letters);

    let o = run(&root, &["check"]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    // 信函受理 (xin) comes after 电话受理 (dian) in the sidebar: the warning is at its `order`.
    let l = line_of(&letters, "order: 20");
    let want = format!(
        "warning: content/basics/letters.md:{l}:8: `order: 20` is also that of `电话受理` (content/basics/phone-intake.md:{l}) beside it in the sidebar"
    );
    assert!(err.contains(&want), "{want}\n{err}");
    assert!(err.contains("in steps of 10"), "{err}");
    assert_eq!(err.matches("`order: ").count(), 1, "{err}");
    let o = run(&root, &["check", "--strict"]);
    assert!(!o.status.success());

    // Given its own number, nothing is said.
    write(
        &root,
        "content/basics/letters.md",
        &letters.replacen("order: 20", "order: 30", 1),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains("`order: "), "{err}");

    // Sections side by side too (their `_index.md`), and not pages of different folders.
    write(
        &root,
        "content/intake/_index.md",
        "---\ntitle: 受理\norder: 10\n---\n\n受理。\n",
    );
    write(
        &root,
        "content/intake/visitors.md",
        "---\ntitle: 来访受理\norder: 20\n---\n\n来访。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    let basics = read(&root, "content/basics/_index.md");
    assert!(basics.contains("order: 10"), "{basics}");
    // 基础知识 (ji) before 受理 (shou).
    assert!(
        err.contains("warning: content/intake/_index.md:3:8: `order: 10` is also that of `基础知识` (content/basics/_index.md:3)"),
        "{err}"
    );
    assert_eq!(err.matches("`order: ").count(), 1, "{err}");
}

/// The init book with a course of three modules, the second with an id.
fn book_with_course() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/course.yaml",
        "title: 入门课程\ndescription: 先学[[course#module-1]]。\nmodules:\n  - title: 第一单元：规则\n    items:\n      - rule: EX-PROC-001\n  - id: phone\n    title: 第二单元：电话\n    items:\n      - lesson: basics/first-lesson\n  - title: 第三单元：测验\n    items:\n      - quiz: example\n",
    );
    (t, root)
}

#[test]
fn a_link_to_a_course_module_by_its_place_is_warned_about_with_the_id_to_link() {
    let (_t, root) = book_with_course();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n先学 [[course#module-3]]，再看 [[course#module-2|电话单元]]。\n\n又见 [[course#phone]] 和 [[course]]。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}{body}"),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "warnings only: {err}");
    let l = line_of(&format!("{lesson}{body}"), "module-3");
    for want in [
        format!("warning: content/basics/first-lesson.md:{l}:4: `course#module-3` links to module 3, `第三单元：测验`, by its place: once a module is added before it or moved, the link leads to another module"),
        "give the module an `id:` in content/course.yaml (a word, e.g. `id: intake`)".to_string(),
        format!("warning: content/basics/first-lesson.md:{l}:27: `course#module-2` links to module 2, `第二单元：电话`, by its place"),
        "link it by its id: `[[course#phone]]`".to_string(),
        // In a Markdown field of a YAML file, at its place there.
        "warning: content/course.yaml:2:16: `course#module-1` links to module 1".to_string(),
    ] {
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    assert_eq!(err.matches("by its place").count(), 3, "{err}");
    // A module past the last is an error of its own, not also this warning.
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n见 [[course#module-4]]。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("has no section `#module-4`"), "{err}");
    assert!(!err.contains("`course#module-4`"), "{err}");

    // Given ids and linked by them, nothing is said (and the course page has them).
    let course = read(&root, "content/course.yaml")
        .replace("  - title: 第一单元", "  - id: rules\n    title: 第一单元")
        .replace("  - title: 第三单元", "  - id: quiz\n    title: 第三单元")
        .replace("[[course#module-1]]", "[[course#rules]]");
    write(&root, "content/course.yaml", &course);
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!(
            "{lesson}{}",
            body.replace("module-3", "quiz")
                .replace("module-2", "phone")
        ),
    );
    let o = run(&root, &["build", "--strict"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("0 warnings"), "{}", stdout(&o));
    let page = read(&root, "site/course/index.html");
    assert!(page.contains("<h2 id=\"quiz\">第三单元：测验"), "{page}");
}

#[test]
fn two_course_modules_with_one_title_or_one_number_are_warned_about() {
    let (_t, root) = book_with_course();
    // A module inserted second, numbered by hand, and the titles after it not renumbered.
    let course = read(&root, "content/course.yaml").replacen(
        "  - id: phone\n",
        "  - id: visitors\n    title: 第二单元：来访\n    items: []\n  - id: phone\n",
        1,
    );
    let course = course.replacen("[[course#module-1]]", "规则", 1);
    write(&root, "content/course.yaml", &course);
    let err = stderr(&run(&root, &["check"]));
    let second = line_of(&course, "title: 第二单元：电话");
    let first = line_of(&course, "title: 第二单元：来访");
    let want = format!(
        "warning: content/course.yaml:{second}:12: module `第二单元：电话` is numbered `第二单元`, as module 2 `第二单元：来访` (line {first}) is"
    );
    assert!(err.contains(&want), "{want}\n{err}");
    assert!(err.contains("renumber the titles"), "{err}");
    assert_eq!(err.matches("is numbered").count(), 1, "{err}");

    // The same title twice.
    let course = course.replacen("title: 第三单元：测验", "title: 第一单元：规则", 1);
    write(&root, "content/course.yaml", &course);
    let err = stderr(&run(&root, &["check"]));
    let lines: Vec<&str> = course.lines().collect();
    let l = lines
        .iter()
        .rposition(|l| l.contains("第一单元：规则"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!("warning: content/course.yaml:{l}:12: module `第一单元：规则` has the title of module 1 (line 4)")),
        "{err}"
    );

    // Renumbered, nothing is said.
    let course = course
        .replacen("第二单元：电话", "第三单元：电话", 1)
        .replacen(
            "title: 第一单元：规则\n    items:\n      - quiz",
            "title: 第四单元：测验\n    items:\n      - quiz",
            1,
        );
    write(&root, "content/course.yaml", &course);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        !err.contains("is numbered") && !err.contains("has the title"),
        "{err}"
    );
}

/// The bundled course links its modules by id: each module has one, so that a module added
/// later leaves links to the others where they were.
#[test]
fn every_module_of_the_bundled_course_has_an_id() {
    let course: serde_yaml::Value =
        serde_yaml::from_str(&read(&repo(), "content/course.yaml")).unwrap();
    let modules = course["modules"].as_sequence().unwrap();
    assert!(modules.len() >= 8);
    for m in modules {
        assert!(
            m["id"].as_str().is_some_and(|id| !id.is_empty()),
            "{:?} has no id",
            m["title"]
        );
    }
}

/// Documented for trainers: a published question's id is never renumbered or reused.
#[test]
fn the_guides_say_a_question_id_is_never_renumbered() {
    let guide = read(&repo(), "content/trainer/writing-quizzes.md");
    assert!(
        guide.contains("{#question-ids}"),
        "no section on question ids"
    );
    assert!(guide.contains("不能重新编号"), "{guide}");
    let format = read(&repo(), "docs/content-format.md");
    assert!(
        format.contains("is never renumbered or reused"),
        "docs/content-format.md"
    );
}
