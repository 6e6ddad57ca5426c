//! `handbook mv`: a lesson moved or renamed with everything that names it rewritten.

mod common;
use common::*;

#[test]
fn moving_a_lesson_rewrites_what_names_it_and_the_book_checks_clean() {
    let (_t, root) = bundled_copy();
    let o = run(
        &root,
        &["mv", "procedure/time-limits", "handling/deadlines"],
    );
    let out = stdout(&o);
    let err = stderr(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains("moved content/procedure/time-limits.md -> content/handling/deadlines.md"),
        "{out}"
    );
    assert!(
        out.contains("rewrote content/course.yaml (1 reference)"),
        "{out}"
    );
    assert!(out.contains("; 0 errors"), "{out}");
    assert!(!root.join("content/procedure/time-limits.md").exists());
    let moved = read(&root, "content/handling/deadlines.md");
    assert!(
        moved.contains("aliases: [procedure/time-limits]"),
        "{moved}"
    );
    // Its own links, read from its new folder.
    assert!(moved.contains("](../procedure/overview.md)"), "{moved}");
    assert!(read(&root, "content/course.yaml").contains("- lesson: handling/deadlines\n"));
    // The old address forwards; the site builds.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forward = read(&root, "site/procedure/time-limits/index.html");
    assert!(
        forward.contains("../../handling/deadlines/index.html"),
        "{forward}"
    );
}

#[test]
fn a_rename_in_its_folder_keeps_neighbours_links_short_and_a_mistake_changes_nothing() {
    let (_t, root) = bundled_copy();
    let before = read(&root, "content/procedure/overview.md");
    assert!(
        before.contains("](time-limits.md"),
        "the neighbour links it"
    );
    for (args, want) in [
        (
            ["mv", "procedure/no-such", "procedure/x"],
            "no lesson or folder `procedure/no-such`",
        ),
        (
            ["mv", "procedure/time-limits", "procedure/overview"],
            "`procedure/overview` is a page already",
        ),
        (
            ["mv", "procedure/time-limits", "procedure/时限"],
            "`时限` cannot be part of a lesson's path",
        ),
        (
            ["mv", "procedure/time-limits", "rules/x"],
            "`rules/` is used by a generated page",
        ),
        // (`procedure` alone is the folder: `tests/mv_folder.rs`.)
        (["mv", "procedure.md", "x/y"], "not a lesson"),
        // A folder as the new path: the lesson was meant to go into it.
        (
            ["mv", "procedure/time-limits", "phone"],
            "`phone` is a folder: to put the lesson in it, write `phone/time-limits`",
        ),
        // Under a lesson's own name, its own or another's: the folder and the lesson would be
        // one page (maintainer review: moved, then the book no longer built).
        (
            ["mv", "procedure/overview", "procedure/overview/x"],
            "`procedure/overview` is a lesson: nothing can go under it",
        ),
        (
            ["mv", "procedure/overview", "procedure/time-limits/deep/x"],
            "put it beside it, e.g. `procedure/x`",
        ),
        // An absolute path outside the content folder (it became content/tmp/x.md).
        (
            ["mv", "procedure/overview", "/tmp/x"],
            "`/tmp/x` is outside the content folder",
        ),
    ] {
        let o = run(&root, &args);
        assert!(!o.status.success());
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(read(&root, "content/procedure/overview.md"), before);
    assert!(
        !root.join("content/tmp").exists() && !root.join("content/procedure/overview").exists()
    );
    // `new` likewise, and nothing written.
    let o = run(&root, &["new", "lesson", "procedure/time-limits/sub"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("`procedure/time-limits` is a lesson"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("content/procedure/time-limits").exists());
    // The content folder itself, as a file manager gives it: the path to write, not an empty part.
    let content = root.join("content");
    let o = run(&root, &["new", "lesson", content.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("give the lesson's path in the content folder"),
        "{}",
        stderr(&o)
    );
    // An absolute path into the content folder is its path there (as a file manager copies it).
    let abs = root.join("content/procedure/overview.md");
    let o = run(
        &root,
        &["mv", abs.to_str().unwrap(), "procedure/overview-2"],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(root.join("content/procedure/overview-2.md").is_file());
    // `/procedure/overview-2`, as a page's address reads (no such folder on the computer): the
    // content path.
    let o = run(
        &root,
        &["mv", "/procedure/overview-2", "procedure/overview"],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    // Through a symlinked folder, as `pwd` gives it.
    #[cfg(unix)]
    {
        let link = _t.path().join("link");
        std::os::unix::fs::symlink(&root, &link).unwrap();
        let via = link.join("content/procedure/overview.md");
        let o = handbook_cmd()
            .current_dir(&link)
            .args(["mv", via.to_str().unwrap(), "procedure/overview-3"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
        let o = run(&root, &["mv", "procedure/overview-3", "procedure/overview"]);
        assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    }
    let o = run(
        &root,
        &[
            "mv",
            "content/procedure/time-limits.md",
            "procedure/deadlines.md",
        ],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let after = read(&root, "content/procedure/overview.md");
    assert!(
        after.contains("](deadlines.md") && !after.contains("time-limits.md"),
        "{after}"
    );
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

/// `handbook mv rule:OLD rule:NEW`: a rule renumbered everywhere it is cited, its old id among
/// its aliases, its file named after its new id.
#[test]
fn renumbering_a_rule_rewrites_every_citation_and_keeps_the_old_address() {
    let (_t, root) = bundled_copy();
    let cited = |root: &std::path::Path| {
        walkdir::WalkDir::new(root.join("content"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
            .map(|t| t.matches("TS-PROC-002").count() - t.matches("TS-PROC-0020").count())
            .sum::<usize>()
    };
    let before = cited(&root);
    assert!(before > 50, "{before}");
    let o = run(&root, &["mv", "rule:TS-PROC-002", "rule:TS-PROC-020"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("renumbered rule TS-PROC-002 -> TS-PROC-020 (content/rules/ts-proc-002.rule.yaml -> content/rules/ts-proc-020.rule.yaml;"), "{out}");
    assert!(
        out.contains("rewrote content/quizzes/final-exam.quiz.yaml"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    assert!(!root.join("content/rules/ts-proc-002.rule.yaml").exists());
    let rule = read(&root, "content/rules/ts-proc-020.rule.yaml");
    assert!(
        rule.contains("\nid: TS-PROC-020\naliases: [TS-PROC-002]\n"),
        "{rule}"
    );
    // The old id is left only in the aliases, and in the trainer guide's examples (inline
    // code, fenced examples): the command shown stays the command to type.
    let guide = read(&root, "content/trainer/writing-content.md");
    let examples = guide.matches("TS-PROC-002").count() - guide.matches("TS-PROC-0020").count();
    assert!(
        guide.contains("`handbook mv rule:TS-PROC-002 rule:TS-PROC-020`"),
        "{guide}"
    );
    // (The table's live link follows; the ```rule block shown inside a ````markdown example
    // stays as the example.)
    assert!(
        guide.contains("| [[rule:TS-PROC-020]] |")
            && guide.contains("````markdown\n```rule TS-PROC-002\n")
    );
    let others: usize = ["writing-quizzes.md", "writing-rules.md"]
        .iter()
        .map(|f| {
            let t = read(&root, &format!("content/trainer/{f}"));
            t.matches("TS-PROC-002").count() - t.matches("TS-PROC-0020").count()
        })
        .sum();
    assert_eq!(cited(&root), 1 + examples + others);
    assert!(examples + others <= 14, "{examples} + {others}");
    assert!(read(&root, "content/procedure/time-limits.md").contains("```rule TS-PROC-020"));
    assert!(
        read(&root, "content/quizzes/procedure-time-limits.quiz.yaml")
            .contains("rules: [TS-PROC-020]")
    );
    // The old card's address leads to the new one.
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(root.join("site/rules/TS-PROC-020/index.html").is_file());
    assert!(read(&root, "site/rules/TS-PROC-002/index.html").contains("TS-PROC-020/"));

    // What it cannot do is said, and changes nothing.
    let quiz = read(&root, "content/quizzes/final-exam.quiz.yaml");
    for (from, to, says) in [
        (
            "rule:TS-PROC-02",
            "rule:TS-PROC-030",
            "did you mean `rule:TS-PROC-020`?",
        ),
        (
            "rule:TS-PROC-002",
            "rule:TS-PROC-030",
            "is an old id of `TS-PROC-020`",
        ),
        ("rule:TS-PROC-003", "rule:TS-PROC-020", "is a rule already"),
        (
            "rule:TS-PROC-003",
            "rule:TS-PROC-002",
            "is an old id of `TS-PROC-020`",
        ),
        ("rule:TS-PROC-003", "rule:ts-proc-30", "cannot be a rule id"),
    ] {
        let o = run(&root, &["mv", from, to]);
        assert!(!o.status.success(), "{from} {to}");
        assert!(stderr(&o).contains(says), "{from} -> {to}: {}", stderr(&o));
        assert_eq!(read(&root, "content/quizzes/final-exam.quiz.yaml"), quiz);
    }
    // A list file whose `aliases` is in a form it does not edit: refused, nothing written (the
    // file would no longer read, and its nine rules would be lost).
    let list = "content/rules/complaint-types.rules.yaml";
    let text = read(&root, list).replacen(
        "- id: TS-CAT-001\n",
        "- id: TS-CAT-001\n  aliases:\n    [TS-CAT-901]\n",
        1,
    );
    write(&root, list, &text);
    let o = run(&root, &["mv", "rule:TS-CAT-001", "rule:TS-CAT-101"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("in a form this command does not edit"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, list), text);
    assert_eq!(read(&root, "content/quizzes/final-exam.quiz.yaml"), quiz);
    // With a comment after a flow list, it is kept.
    let text = text.replacen(
        "  aliases:\n    [TS-CAT-901]\n",
        "  aliases: [TS-CAT-901]  # 2024 年改号\n",
        1,
    );
    write(&root, list, &text);
    let o = run(&root, &["mv", "rule:TS-CAT-001", "rule:TS-CAT-101"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, list)
        .contains("- id: TS-CAT-101\n  aliases: [TS-CAT-901, TS-CAT-001]  # 2024 年改号\n"));
}

/// `handbook mv quiz:OLD quiz:NEW`: a quiz renamed everywhere it is named, its old id among its
/// aliases, its question ids (learners' records) untouched.
#[test]
fn renaming_a_quiz_rewrites_what_names_it_and_keeps_its_questions_ids() {
    let (_t, root) = bundled_copy();
    let o = run(
        &root,
        &[
            "mv",
            "quiz:procedure-time-limits",
            "quiz:procedure-deadlines",
        ],
    );
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("renamed quiz procedure-time-limits -> procedure-deadlines (content/quizzes/procedure-time-limits.quiz.yaml -> content/quizzes/procedure-deadlines.quiz.yaml;"), "{out}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    let quiz = read(&root, "content/quizzes/procedure-deadlines.quiz.yaml");
    assert!(
        quiz.contains("\nid: procedure-deadlines\naliases: [procedure-time-limits]\n"),
        "{quiz}"
    );
    assert!(
        quiz.contains("- id: procedure-time-limits-03\n"),
        "question ids stay"
    );
    assert!(read(&root, "content/course.yaml").contains("quiz: procedure-deadlines"));
    assert!(
        read(&root, "content/procedure/time-limits.md").contains("[[quiz:procedure-deadlines]]")
    );
    assert!(read(&root, "content/procedure/time-limits.md")
        .contains("(quiz:procedure-deadlines#procedure-time-limits-03)"));
    assert!(read(&root, "content/rules/ts-proc-002.rule.yaml").contains("quiz:procedure-deadlines"));
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(root
        .join("site/quizzes/procedure-deadlines/index.html")
        .is_file());
    assert!(read(&root, "site/quizzes/procedure-time-limits/index.html")
        .contains("procedure-deadlines/"));

    let course = read(&root, "content/course.yaml");
    for (from, to, says) in [
        (
            "quiz:procedure-deadline",
            "quiz:x-y",
            "did you mean `quiz:procedure-deadlines`?",
        ),
        (
            "quiz:procedure-time-limits",
            "quiz:x-y",
            "is an old id of `procedure-deadlines`",
        ),
        (
            "quiz:principles",
            "quiz:procedure-deadlines",
            "is a quiz already",
        ),
        ("quiz:principles", "quiz:Principles", "cannot be a quiz id"),
    ] {
        let o = run(&root, &["mv", from, to]);
        assert!(!o.status.success(), "{from} {to}");
        assert!(stderr(&o).contains(says), "{from} -> {to}: {}", stderr(&o));
        assert_eq!(read(&root, "content/course.yaml"), course);
    }
}

/// A link written percent-encoded (as editors write a path with a space or Chinese in it)
/// leads to its lesson for `check`, so `mv` rewrites it too; a lesson whose front matter does
/// not read is refused, not moved (its stand-in for checking its text holds none of its tags).
#[test]
fn an_encoded_link_is_rewritten_and_a_lesson_with_broken_front_matter_is_not_moved() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/升级 流程.md",
        "---\ntitle: 升级流程\n---\n\n正文。\n",
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见[升级](升级%20流程.md)。\n"),
    );
    let o = run(&root, &["mv", "basics/升级 流程", "basics/escalation"]);
    assert!(o.status.success(), "{}\n{}", stdout(&o), stderr(&o));
    assert!(stdout(&o).contains("; 0 errors"), "{}", stdout(&o));
    assert!(
        read(&root, lesson).contains("见[升级](escalation.md)。"),
        "{}",
        read(&root, lesson)
    );

    let text = read(&root, lesson).replacen("order: 10", "order: 二十", 1);
    write(&root, lesson, &text);
    let o = run(&root, &["mv", "basics/first-lesson", "basics/moved"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("has a mistake in its front matter"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, lesson), text);
    assert!(!root.join("content/basics/moved.md").exists());
}

/// A book from `handbook init` with a lesson `procedure/limits` (its section `#时限`), a
/// picture beside it and a video under it.
fn book_with_limits(limits: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/procedure/_index.md",
        "---\ntitle: 办理流程\n---\n",
    );
    write(
        &root,
        "content/procedure/img/flow.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    write(&root, "content/procedure/media/intro.mp4", "");
    write(&root, "content/procedure/limits.md", limits);
    (t, root)
}

/// Raw HTML in a lesson links and shows files as Markdown does (`<a href>`, `<img src>`, a
/// `<video>`'s `<source src>`), and `check` checks those paths: `mv` rewrites them too, in the
/// lesson that moves (read from its new folder) and in those that link it, each value as
/// written but for its path; in code and comments, nothing.
#[test]
fn raw_html_paths_follow_a_moved_lesson_and_the_book_checks_clean() {
    let limits = concat!(
        "---\ntitle: 办理时限\n---\n\n## 时限\n\n一般投诉5个工作日内办结。\n\n",
        "<img src=\"img/flow.svg\" alt=\"流程\" width=\"300\">\n\n",
        "<video controls>\n  <source src='media/intro.mp4' type=\"video/mp4\">\n</video>\n\n",
        "见<a href=\"../basics/first-lesson.md#投诉是免费的反馈\">认识投诉</a>和<a href=\"#时限\">本节</a>。\n\n",
        "```html\n<img src=\"img/flow.svg\">\n```\n",
    );
    let (_t, root) = book_with_limits(limits);
    let lesson = "content/basics/first-lesson.md";
    let first = read(&root, lesson);
    let added = concat!(
        "\n<p>详见<a href=\"../procedure/limits.md#时限\">办理时限</a>、<a class=\"more\"\n",
        "   href='../procedure/limits.md'>全文</a>：<img src=../procedure/img/flow.svg alt=流程></p>\n\n",
        "<!-- <a href=\"../procedure/limits.md\">旧的</a> -->\n\n",
        "`<a href=\"../procedure/limits.md\">`\n",
    );
    write(&root, lesson, &format!("{first}{added}"));
    let o = run(&root, &["check"]);
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );

    let o = run(&root, &["mv", "procedure/limits", "basics/deadlines"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(
        out.contains("rewrote content/basics/first-lesson.md (2 references)"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    assert_eq!(
        read(&root, "content/basics/deadlines.md"),
        limits
            .replace(
                "title: 办理时限\n",
                "title: 办理时限\naliases: [procedure/limits]\n"
            )
            .replace("<img src=\"img/", "<img src=\"../procedure/img/")
            .replace("src='media/", "src='../procedure/media/")
            // (In code, as written.)
            .replace(
                "```html\n<img src=\"../procedure/img/",
                "```html\n<img src=\"img/"
            )
    );
    assert_eq!(
        read(&root, lesson),
        format!(
            "{first}{}",
            added
                .replacen("../procedure/limits.md#时限", "deadlines.md#时限", 1)
                .replacen("'../procedure/limits.md'", "'deadlines.md'", 1)
        )
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

/// A rule's, quiz's, glossary term's and course's Markdown fields link from the content folder
/// (`[办理时限](procedure/limits.md#时限)`), and `check` checks those links: `mv` rewrites them
/// too, in plain, quoted and block scalars alike, and each file still loads; in code, nothing.
#[test]
fn markdown_links_in_yaml_fields_follow_a_moved_lesson_and_the_files_still_load() {
    let (_t, root) = book_with_limits("---\ntitle: 办理时限\n---\n\n## 时限\n\n正文。\n");
    let rule = "content/rules/example.rule.yaml";
    let rule_text = read(&root, rule).replacen(
        "summary: 一般投诉在5个工作日内办结。\n",
        concat!(
            "summary: 一般投诉在5个工作日内办结，见[办理时限](procedure/limits.md#时限)。\n",
            "escalation: |\n",
            "  超时的按[办理时限](procedure/limits.md \"办理时限\")上报。\n\n",
            "  ```markdown\n",
            "  [办理时限](procedure/limits.md)\n",
            "  ```\n",
        ),
        1,
    );
    let quiz = "content/quizzes/example.quiz.yaml";
    let quiz_text = read(&root, quiz)
        .replacen(
            "feedback: 正确，见办理时限规则。",
            "feedback: \"正确，见[办理时限](procedure/limits.md#时限)。\"",
            1,
        )
        .replacen(
            "    rules: [EX-PROC-001]\n",
            "    rules: [EX-PROC-001]\n    explanation: '见[“办理时限”](<procedure/limits.md>)。'\n",
            1,
        );
    let glossary = "content/glossary.yaml";
    let glossary_text = concat!(
        "- term: 办结\n",
        "  definition: >-\n",
        "    投诉处理完毕并答复客户，见[办理时限][时限]。\n\n",
        "    [时限]: procedure/limits.md#时限\n",
    );
    let course = "content/course.yaml";
    let course_text = concat!(
        "id: onboarding\n",
        "title: 新员工课程\n",
        "description: 先读[办理时限](procedure/limits.md)。\n",
        "modules:\n",
        "  - id: basics\n",
        "    title: 第一单元\n",
        "    items:\n",
        "      - lesson: basics/first-lesson\n",
        "      - lesson: procedure/limits\n",
    );
    for (file, text) in [
        (rule, rule_text.as_str()),
        (quiz, &quiz_text),
        (glossary, glossary_text),
        (course, course_text),
    ] {
        write(&root, file, text);
    }
    let o = run(&root, &["check"]);
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );

    let o = run(&root, &["mv", "procedure/limits", "basics/deadlines"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    for rewrote in [
        "rewrote content/rules/example.rule.yaml (2 references)",
        "rewrote content/quizzes/example.quiz.yaml (2 references)",
        "rewrote content/glossary.yaml (1 reference)",
        "rewrote content/course.yaml (2 references)",
    ] {
        assert!(out.contains(rewrote), "{rewrote}: {out}");
    }
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    let moved = |t: &str| t.replace("(procedure/limits.md", "(basics/deadlines.md");
    assert_eq!(
        read(&root, rule),
        // (In code, as written.)
        moved(&rule_text).replace(
            "  [办理时限](basics/deadlines.md)\n",
            "  [办理时限](procedure/limits.md)\n"
        )
    );
    assert_eq!(
        read(&root, quiz),
        quiz_text
            .replace("(procedure/limits.md#", "(basics/deadlines.md#")
            .replace("(<procedure/limits.md>)", "(<basics/deadlines.md>)")
    );
    assert_eq!(
        read(&root, glossary),
        glossary_text.replace(": procedure/limits.md#", ": basics/deadlines.md#")
    );
    assert_eq!(
        read(&root, course),
        moved(course_text).replace("lesson: procedure/limits", "lesson: basics/deadlines")
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stdout(&o));
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

/// A lesson moved out of a folder that it leaves empty takes the folder away too; a folder
/// with anything left in it stays.
#[test]
fn a_folder_a_lesson_leaves_empty_goes_with_it() {
    let (_t, root) = init_book();
    let o = run(
        &root,
        &["mv", "basics/first-lesson", "newfolder/deep/first"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("content/newfolder/deep/first.md").is_file());
    let o = run(
        &root,
        &["mv", "newfolder/deep/first", "basics/first-lesson"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("content/newfolder").exists());
    // `basics` keeps its _index.md: it stays when its one lesson leaves.
    let o = run(&root, &["mv", "basics/first-lesson", "intro"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("content/basics/_index.md").is_file());
}

/// A rules or quiz file is found by the ids in it, not by its path: `mv` moves it as it is
/// (into a folder, or renamed), its schema line pointed at the schema from the new place, and
/// refuses a name that would make the book stop reading it, or glossary.yaml's move. The
/// book checks clean after (a trainer splitting a topic's rules into folders).
#[test]
fn a_rules_or_quiz_file_moves_as_it_is() {
    let (_t, root) = init_book();
    let o = run(
        &root,
        &[
            "mv",
            "content/rules/example.rule.yaml",
            "rules/procedure/example.rules.yaml",
        ],
    );
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(out.contains("moved content/rules/example.rule.yaml -> content/rules/procedure/example.rules.yaml (its rules or quiz are found by their ids"), "{out}");
    assert!(out.contains("; 0 errors"), "{out}");
    let moved = read(&root, "content/rules/procedure/example.rules.yaml");
    assert!(
        moved.starts_with("# yaml-language-server: $schema=../../../schemas/rule.schema.json\n"),
        "{moved}"
    );
    assert!(!root.join("content/rules/example.rule.yaml").exists());
    // Into a folder, by its name.
    let quiz = std::fs::read_dir(root.join("content/quizzes"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .file_name();
    let quiz = quiz.to_string_lossy();
    std::fs::create_dir_all(root.join("content/basics/drills")).unwrap();
    let o = run(&root, &["mv", &format!("quizzes/{quiz}"), "basics/drills"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join(format!("content/basics/drills/{quiz}")).is_file());
    // Refused, nothing changed: a name the book would not read as rules, glossary.yaml.
    let o = run(
        &root,
        &[
            "mv",
            "rules/procedure/example.rules.yaml",
            "rules/example.yaml",
        ],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the new name must end in `.rules.yaml` (or `.rule.yaml`)"),
        "{}",
        stderr(&o)
    );
    assert!(root
        .join("content/rules/procedure/example.rules.yaml")
        .is_file());
    write(
        &root,
        "content/glossary.yaml",
        "- term: 工单\n  definition: 记录诉求的单子。\n",
    );
    let o = run(&root, &["mv", "glossary.yaml", "basics/glossary.yaml"]);
    assert!(
        stderr(&o).contains("`glossary.yaml` has its name and place"),
        "{}",
        stderr(&o)
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A book that had errors before a move says so after it: the errors `check` then prints
/// are not the move's doing.
#[test]
fn errors_from_before_a_move_are_said_to_be_so() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace(
            "related: [lesson:basics/first-lesson]",
            "related: [EX-NONE-001]",
        ),
    );
    let o = run(
        &root,
        &[
            "mv",
            "content/rules/example.rule.yaml",
            "rules/ex.rule.yaml",
        ],
    );
    let out = stdout(&o);
    assert!(
        out.contains("note: the book had 1 error before this move; the check after it follows"),
        "{out}"
    );
    assert!(!o.status.success());
    // A clean book says nothing of the kind.
    write(&root, "content/rules/ex.rule.yaml", &rule);
    let o = run(
        &root,
        &["mv", "rules/ex.rule.yaml", "rules/example.rule.yaml"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stdout(&o).contains("before this move"), "{}", stdout(&o));
}
