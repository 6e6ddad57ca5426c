//! `handbook check PATH…`: a trainer on a shared book sees the mistakes of their own files,
//! with a count of the rest, while the whole book is still checked.

mod common;
use common::*;

#[test]
fn check_with_paths_reports_only_their_mistakes_and_counts_the_rest() {
    let (t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n[断链](nope.md)\n"),
    );
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace("owner:", "ownr:"),
    );
    let check = |args: &[&str]| {
        let o = handbook_cmd()
            .current_dir(&root)
            .arg("check")
            .args(args)
            .env("CI", "1")
            .output()
            .unwrap();
        // (The summary line is on stderr too, after the diagnostics.)
        (o.status.code(), stdout(&o) + &stderr(&o), stderr(&o))
    };
    // Everything: both.
    let (code, out, err) = check(&[]);
    assert_eq!(code, Some(1));
    assert!(err.contains("content/basics/first-lesson.md") && err.contains("example.rule.yaml"));
    assert!(out.contains("2 errors"), "{out}");
    // A folder: its mistake, and the count of the rest.
    let (code, out, err) = check(&["content/basics/"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("content/basics/first-lesson.md"), "{err}");
    assert!(!err.contains("example.rule.yaml"), "{err}");
    assert!(out.contains("1 error"), "{out}");
    assert!(
        out.contains("(shown: `content/basics/`; the rest of the book has 1 error(s), 0 warning(s): `handbook check` shows all)"),
        "{out}"
    );
    // A file, written with ./ and ..
    let (code, _, err) = check(&["./content/basics/../rules/example.rule.yaml"]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains("ownr") && !err.contains("first-lesson"),
        "{err}"
    );
    // A folder without mistakes: exit 0, and the others are counted, not hidden.
    let (code, out, err) = check(&["content/quizzes"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.contains("0 errors") && out.contains("the rest of the book has 2 error(s)"),
        "{out}"
    );
    // From the folder above, with --root: paths are read from where the command runs.
    let o = handbook_cmd()
        .current_dir(t.path())
        .args(["--root", "book", "check", "book/content/basics"])
        .env("CI", "1")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("book/content/basics/first-lesson.md"),
        "{}",
        stderr(&o)
    );
    assert!(!stderr(&o).contains("example.rule.yaml"), "{}", stderr(&o));
    // With an absolute --root, files are named from where the command runs too (a CI's
    // `--root $GITHUB_WORKSPACE/book` from the workspace: `book/content/…`, where its
    // annotations look), and in full from a folder outside the book.
    let absolute = |here: &std::path::Path| {
        let o = handbook_cmd()
            .current_dir(here)
            .arg("--root")
            .arg(&root)
            .args(["check", "--format", "github"])
            .env("CI", "1")
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1));
        stdout(&o) + &stderr(&o)
    };
    let out = absolute(t.path());
    assert!(
        out.contains("file=book/content/basics/first-lesson.md,"),
        "{out}"
    );
    assert!(
        out.contains("file=book/content/rules/example.rule.yaml,"),
        "{out}"
    );
    let elsewhere = tempfile::tempdir().unwrap();
    let out = absolute(elsewhere.path());
    let full = root.join("content/basics/first-lesson.md");
    assert!(out.contains(&format!("file={},", full.display())), "{out}");
    let out = absolute(&root);
    assert!(
        out.contains("file=content/basics/first-lesson.md,"),
        "{out}"
    );
    // What `new` and `mv` say they made is named the same way (they said `content/…`).
    let above = |args: &[&str]| {
        let o = handbook_cmd()
            .current_dir(t.path())
            .args(args)
            .env("CI", "1")
            .output()
            .unwrap();
        stdout(&o) + &stderr(&o)
    };
    let out = above(&["--root", "book", "new", "lesson", "basics/second"]);
    assert!(
        out.contains("created book/content/basics/second.md"),
        "{out}"
    );
    let root_arg = root.to_str().unwrap();
    let out = above(&["--root", root_arg, "mv", "basics/second", "basics/third"]);
    assert!(
        out.contains("moved book/content/basics/second.md -> book/content/basics/third.md"),
        "{out}"
    );
    // A path that is not there is a slip of the command line.
    let (code, _, err) = check(&["content/basic"]);
    assert_eq!(code, Some(2));
    assert!(err.contains("`content/basic` does not exist"), "{err}");
    // One outside the book too: it said 0 errors, exit 0, whatever the book held.
    let outside = tempfile::tempdir().unwrap();
    let path = outside.path().to_str().unwrap();
    let (code, _, err) = check(&[path]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!("`{path}` is not in the book")),
        "{err}"
    );
}

/// A path into the book through a link to its folder names the book's own files: their
/// errors are shown (they were left out, 0 errors and exit 0: second review).
#[cfg(unix)]
#[test]
fn a_path_through_a_link_to_the_book_shows_the_books_errors() {
    let (t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n[断链](nope.md)\n"),
    );
    let link = t.path().join("linked");
    std::os::unix::fs::symlink(&root, &link).unwrap();
    let through = link.join("content/basics/first-lesson.md");
    let o = run(&root, &["check", through.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("nope.md"), "{}", stderr(&o));
}

/// A rule file that does not load takes its rules out of the count: the summary says how many
/// (a province's 400 rules read as 216 after nine slips, without a word why).
#[test]
fn the_summary_counts_the_rules_of_files_that_did_not_load() {
    let (_t, root) = init_book();
    let two = "- id: EX-A-001\n  title: 甲\n  ownr: x\n- id: EX-A-002\n  title: 乙\n";
    write(&root, "content/rules/more.rules.yaml", two);
    let o = run(&root, &["check"]);
    let said = stdout(&o) + &stderr(&o);
    assert!(
        said.contains(
            "checked 3 pages, 1 rule (2 more in rule files with errors, not counted), 1 quiz"
        ),
        "{said}"
    );
    let o = run_with_env(&root, &["check"], &[("HANDBOOK_LANG", "zh")]);
    let said = stdout(&o) + &stderr(&o);
    assert!(
        said.contains("1 条规则（另有 2 条在出错的规则文件里，没有计入）、1 个测验"),
        "{said}"
    );
    // A quiz file likewise (new trainer's review: "2 个测验" of 3, without a word).
    write(&root, "content/quizzes/more.quiz.yaml", "id: more\ntitle: 多\nquestions:\n  - id: m-1\n    type: true_false\n    prompt: 对吗\n    answer: maybe\n");
    let o = run(&root, &["check"]);
    let said = stdout(&o) + &stderr(&o);
    assert!(
        said.contains(", 1 quiz (1 more in quiz files with errors, not counted);"),
        "{said}"
    );
    let o = run_with_env(&root, &["check"], &[("HANDBOOK_LANG", "zh")]);
    let said = stdout(&o) + &stderr(&o);
    assert!(
        said.contains("、1 个测验（另有 1 个在出错的测验文件里，没有计入）；"),
        "{said}"
    );
}

/// A folder renamed in a file manager: every link into it is an error, and each says where the
/// lesson of that name is now, not the nearest spelling (which offered a stranger).
#[test]
fn a_link_into_a_renamed_folder_is_offered_the_lesson_of_that_name() {
    let (_t, root) = init_book();
    std::fs::rename(root.join("content/basics"), root.join("content/intro")).unwrap();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    // The home page's Markdown link, the rule's related list.
    assert!(
        err.contains("content/index.md:6:") && err.contains("the folder `basics/` is gone and a lesson of that name is elsewhere: `intro/first-lesson.md`?"),
        "{err}"
    );
    assert!(
        err.contains("the folder `basics/` is gone and a lesson of that name is elsewhere: `lesson:intro/first-lesson`?"),
        "{err}"
    );
    // What it says to do, done, mends every link.
    assert!(
        err.contains("rename it back and run `handbook mv basics intro`"),
        "{err}"
    );
    std::fs::rename(root.join("content/intro"), root.join("content/basics")).unwrap();
    let o = run(&root, &["mv", "basics", "intro"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_missing_page_linked_from_a_yaml_field_says_paths_start_from_the_content_folder() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let rule = rule.replace(
        "summary: 一般投诉在5个工作日内办结。",
        "summary: 一般投诉在5个工作日内办结，见[第一课](basics/frist-lesson.md)。",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("help: did you mean `basics/first-lesson.md`? paths in a YAML file's text start from the content folder `content/`"),
        "{err}"
    );
    // Written from the rule's own folder: the `../` is what to remove.
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace("(basics/frist-lesson.md)", "(../basics/first-lesson.md)"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("help: remove the `../`: paths in a YAML file's text start from the content folder `content/`"),
        "{err}"
    );
    // A lesson's own link: from its file.
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\n---\n\n见[第一课](frist-lesson.md)。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("help: did you mean `first-lesson.md`? paths are relative to this file"),
        "{err}"
    );
}

#[test]
fn a_top_level_folder_named_like_a_generated_one_in_other_letter_case_is_an_error() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/Rules/notes.md",
        "---\ntitle: 规则说明\n---\n\n正文。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(
            "the name `Rules` is the generated pages' `rules` on a disk that ignores letter case"
        ),
        "{err}"
    );
    // (A folder of that name inside another is no generated page's.)
    std::fs::rename(
        root.join("content/Rules"),
        root.join("content/basics/Rules"),
    )
    .unwrap();
    let o = run(&root, &["check"]);
    assert!(!stderr(&o).contains("generated"), "{}", stderr(&o));
}

/// A missing page's "did you mean" offers a page whose file name is near the one written, not
/// one of a like shape only (`../nope/missing.md` was offered `../phone/_index.md`).
#[test]
fn a_missing_page_is_offered_a_page_of_a_near_name_only() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/phone/_index.md",
        "---\ntitle: 电话\n---\n\n电话沟通。\n",
    );
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &(text.clone()
            + "\n[甲](../nope/missing.md) [乙](frist-lesson.md) [丙](../basic/first-lesson.md)\n"),
    );
    let o = run(&root, &["--lang", "en", "check"]);
    let err = stderr(&o);
    let said = |link: &str| {
        let at = err
            .find(&format!("missing page `{link}`"))
            .unwrap_or_else(|| panic!("{link}: {err}"));
        err[at..].lines().nth(1).unwrap_or("").to_string()
    };
    assert!(
        !said("../nope/missing.md").contains("did you mean"),
        "{err}"
    );
    assert!(
        said("frist-lesson.md").contains("did you mean `first-lesson.md`?"),
        "{err}"
    );
    assert!(
        said("../basic/first-lesson.md").contains("`first-lesson.md`?"),
        "{err}"
    );
}
