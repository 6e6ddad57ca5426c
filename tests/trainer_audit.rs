//! Findings of the trainer usability audit (a trainer's slips, and what `check` says about
//! them): one error per cause, at the line to fix, with a hint that leads the right way.

mod common;
use common::*;

/// The position of `needle`'s line (1-based) in `text`.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("no {needle:?} in:\n{text}"))
        + 1
}

/// The help line that follows the line of `stderr` holding `message`.
fn help_of(err: &str, message: &str) -> String {
    let lines: Vec<&str> = err.lines().collect();
    let i = lines
        .iter()
        .position(|l| l.contains(message))
        .unwrap_or_else(|| panic!("no {message:?} in:\n{err}"));
    lines.get(i + 1).copied().unwrap_or("").to_string()
}

const CHAPTER: &str = "id: chapter\ntitle: 第一章\nquestions:\n  - id: chapter-01\n    type: true_false\n    prompt: 延期可以事后补批。\n    answer: false\n  - id: chapter-02\n    type: true_false\n    prompt: 延期必须事先报批。\n    answer: true\n";
const EXAM: &str = "id: final-exam\ntitle: 结业考试\nexam: true\ndraw: 2\nfrom:\n  - quiz: chapter\nquestions:\n  - id: final-exam-01\n    type: true_false\n    prompt: 投诉要认真对待。\n    answer: true\n";

/// #5: a mistake in a quiz an exam takes questions from (`from`) is reported once, in that
/// quiz: not again as "no quiz" at the exam, nor as a `draw` larger than the pool it left.
#[test]
fn an_error_in_a_source_quiz_is_not_reported_again_at_the_exams_from() {
    let (_t, root) = init_book();
    write(&root, "content/quizzes/exam.quiz.yaml", EXAM);
    write(&root, "content/quizzes/chapter.quiz.yaml", CHAPTER);
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A tab in the chapter's quiz: it does not load.
    write(
        &root,
        "content/quizzes/chapter.quiz.yaml",
        &CHAPTER.replace("    answer: false", "\tanswer: false"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("content/quizzes/chapter.quiz.yaml:7:"),
        "{err}"
    );
    assert!(!err.contains("exam.quiz.yaml"), "{err}");
    assert_eq!(err.matches("error: ").count(), 1, "{err}");
    // A question id twice in the chapter: reported there, not as "already in the pool".
    write(
        &root,
        "content/quizzes/chapter.quiz.yaml",
        &CHAPTER.replace("id: chapter-02", "id: chapter-01"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("content/quizzes/chapter.quiz.yaml:8:9: duplicate question id `chapter-01`"),
        "{err}"
    );
    assert!(!err.contains("already in the pool"), "{err}");
    assert_eq!(err.matches("error: ").count(), 1, "{err}");
    // A quiz named in `from` that no file declares is still an error.
    write(
        &root,
        "content/quizzes/exam.quiz.yaml",
        &EXAM.replace("quiz: chapter", "quiz: chaptr"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("`from`: no quiz `chaptr`"), "{err}");
}

/// #6a: a typo of a rule's id is told the id meant, and only that (made an alias, the typo
/// would be an error of its own); an id not like any keeps the advice about `aliases:`; a
/// full-width comma that made two items one is named.
#[test]
fn a_missing_rule_hint_gives_the_alias_advice_only_when_no_id_is_close() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &format!("{text}\n见 [[rule:EX-PROC-01]] 和 [[rule:ZZ-QQQ-999]]。\n"),
    );
    let rule = "content/rules/example.rule.yaml";
    let yaml = read(&root, rule);
    write(
        &root,
        rule,
        &yaml.replace(
            "related: [lesson:basics/first-lesson]",
            "related: [EX-PROC-001，lesson:basics/first-lesson]",
        ),
    );
    let err = stderr(&run(&root, &["check"]));
    let typo = help_of(&err, "reference to a missing rule `EX-PROC-01`");
    assert!(
        typo.contains("did you mean `EX-PROC-001`? (投诉办理时限)"),
        "{typo}"
    );
    assert!(!typo.contains("aliases"), "{typo}");
    let far = help_of(&err, "reference to a missing rule `ZZ-QQQ-999`");
    assert!(far.contains("under that rule's `aliases:`"), "{far}");
    let comma = help_of(
        &err,
        "reference to a missing rule `EX-PROC-001，lesson:basics/first-lesson`",
    );
    assert!(
        comma.contains("the list is separated by a full-width comma `，`")
            && comma.contains("`EX-PROC-001, lesson:basics/first-lesson`")
            && !comma.contains("aliases"),
        "{comma}"
    );
}

/// #6c: a question whose `- ` was lost reads as a second `id` of the question before it: the
/// error is at that line, and says to start a new question there.
#[test]
fn a_lost_dash_before_a_question_is_placed_at_its_id_with_the_fix() {
    let (_t, root) = init_book();
    let quiz = format!(
        "{}  - id: example-02\n    type: true_false\n    prompt: 延期必须事先报批。\n    answer: true\n    id: example-03\n    type: true_false\n    prompt: 可以推诿客户。\n    answer: false\n",
        read(&root, "content/quizzes/example.quiz.yaml")
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let err = stderr(&run(&root, &["check"]));
    let first = line_of(&quiz, "id: example-02");
    let again = line_of(&quiz, "    id: example-03");
    assert!(
        err.contains(&format!(
            "content/quizzes/example.quiz.yaml:{again}:5: questions[1] (question 2): duplicate field `id` (first on line {first})"
        )),
        "{err}"
    );
    let help = help_of(&err, "duplicate field `id`");
    assert!(
        help.contains("the `- ` that starts a new question seems lost")
            && help.contains(&format!("line {again}"))
            && help.contains("`- id: …`"),
        "{help}"
    );
    assert!(!help.contains("remove or rename"), "{help}");
    // Another key twice: the line of the second, and remove one of the two.
    let quiz = read(&root, "content/quizzes/example.quiz.yaml")
        .replace("    id: example-03\n", "  - id: example-03\n")
        .replace(
            "    prompt: 可以推诿客户。\n",
            "    prompt: 可以推诿客户。\n    prompt: 又写了一次。\n",
        );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let err = stderr(&run(&root, &["check"]));
    let twice = line_of(&quiz, "又写了一次");
    assert!(
        err.contains(&format!(
            "example.quiz.yaml:{twice}:5: questions[2] (question 3): duplicate field `prompt` (first on line {})",
            twice - 1
        )),
        "{err}"
    );
    assert!(
        help_of(&err, "duplicate field `prompt`").contains(&format!(
            "remove the `prompt:` on line {twice} or the one on line {}",
            twice - 1
        )),
        "{err}"
    );
    // In a list of rules too.
    write(
        &root,
        "content/rules/more.rules.yaml",
        "- id: EX-PROC-002\n  title: 甲\n  id: EX-PROC-003\n  title: 乙\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("content/rules/more.rules.yaml:3:3: [0] (item 1): duplicate field `id` (first on line 1)"),
        "{err}"
    );
    assert!(
        help_of(&err, "more.rules.yaml:3:3").contains("starts a new rule seems lost"),
        "{err}"
    );
}

/// #11: lines written as a table without the `|---|` line under the header show as text: a
/// warning at the first, with the line to add; not in fenced code, not for a real table.
#[test]
fn a_table_without_its_delimiter_row_is_warned_at_its_first_line() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = format!(
        "{}\n| 没有分隔行 | 表 |\n| a | b |\n\n```\n| 代码 | 里 |\n| c | d |\n```\n",
        read(&root, lesson)
    );
    write(&root, lesson, &text);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    let at = line_of(&text, "| 没有分隔行 |");
    assert!(
        err.contains(&format!(
            "warning: content/basics/first-lesson.md:{at}:1: these 2 lines are no table"
        )),
        "{err}"
    );
    assert!(
        help_of(&err, "are no table").contains("add a line like `|---|---|`"),
        "{err}"
    );
    assert_eq!(err.matches("warning: ").count(), 1, "{err}");
}

/// #14: an empty quiz, course or calendar file says so (as an empty lesson or rule file
/// does), not "missing required field"; a duplicate quiz id is at its `id:` line.
#[test]
fn empty_files_say_they_are_empty_and_a_duplicate_quiz_id_is_at_its_id_line() {
    let (_t, root) = init_book();
    write(&root, "content/quizzes/empty.quiz.yaml", "");
    write(
        &root,
        "content/quizzes/schema-only.quiz.yaml",
        "# yaml-language-server: $schema=../../schemas/quiz.schema.json\n\n",
    );
    write(&root, "content/course.yaml", "\n");
    write(&root, "content/calendar.yaml", "");
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    write(&root, "content/quizzes/copy.quiz.yaml", &quiz);
    let err = stderr(&run(&root, &["check"]));
    for (file, what) in [
        (
            "content/quizzes/empty.quiz.yaml",
            "`handbook new quiz NAME`",
        ),
        ("content/quizzes/schema-only.quiz.yaml", "`questions:`"),
        ("content/course.yaml", "`modules:`"),
        ("content/calendar.yaml", "`years:`"),
    ] {
        let message = format!("{file}:1:1: file is empty");
        assert!(err.contains(&message), "{message}\n{err}");
        assert!(help_of(&err, &message).contains(what), "{what}\n{err}");
    }
    assert!(!err.contains("missing required field"), "{err}");
    let id = line_of(&quiz, "id: example");
    assert!(
        err.contains(&format!(
            "content/quizzes/example.quiz.yaml:{id}:5: duplicate quiz id `example`"
        )) || err.contains(&format!(
            "content/quizzes/copy.quiz.yaml:{id}:5: duplicate quiz id `example`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(".quiz.yaml:{id}; give one of them a new id")),
        "{err}"
    );
}

/// #17: a question's `lessons` or a rule's `related` naming a section the lesson does not
/// have gets the nearest id, or else the lesson's sections.
#[test]
fn a_missing_section_in_lessons_or_related_lists_the_lessons_sections() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace(
        "lessons: [basics/first-lesson]",
        "lessons: [basics/first-lesson#when]",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "related: [lesson:basics/first-lesson]",
        "related: [lesson:basics/first-lesson#投诉是免费的反溃]",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let err = stderr(&run(&root, &["check"]));
    let listed = help_of(&err, "has no section `#when`");
    assert!(
        listed.contains("the lesson's sections: `#投诉是免费的反馈`")
            && listed.contains("or write `basics/first-lesson` for the whole lesson"),
        "{listed}"
    );
    let near = help_of(&err, "has no section `#投诉是免费的反溃`");
    assert!(near.contains("did you mean `#投诉是免费的反馈`?"), "{near}");
}

/// #18: two options alike in one question are an error at the second, as `import
/// questions` refuses them.
#[test]
fn two_options_with_the_same_text_are_an_error() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml")
        .replace("      - text: 1个月\n", "      - text: 5个工作日\n");
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let second = quiz
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("text: 5个工作日"))
        .nth(1)
        .unwrap()
        .0
        + 1;
    assert!(
        err.contains(&format!(
            "content/quizzes/example.quiz.yaml:{second}:15: question `example-01`: option 2 `5个工作日` is the same as option 1 (line {})",
            line_of(&quiz, "text: 5个工作日")
        )),
        "{err}"
    );
}

/// #10: a lesson, picture or folder whose name has a space is warned about (its address holds
/// `%20`), with a kebab-case name; a Chinese name is fine; a folder is named once.
#[test]
fn a_content_file_or_folder_with_a_space_in_its_name_is_warned() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md").replace("order: 10", "order: 20");
    write(
        &root,
        "content/basics/03 Listening Skills.md",
        &lesson.replace("order: 20", "order: 30"),
    );
    write(&root, "content/basics/倾听技巧.md", &lesson);
    write(&root, "content/basics/截图 2025-01-01 10.32.png", "png");
    write(&root, "content/my pics/a.png", "png");
    write(&root, "content/my pics/b.png", "png");
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("warning: content/basics/03 Listening Skills.md: the file name `03 Listening Skills.md` has a space in it"),
        "{err}"
    );
    assert!(
        help_of(&err, "`03 Listening Skills.md` has a space")
            .contains("rename it `listening-skills.md`"),
        "{err}"
    );
    assert!(
        help_of(&err, "`截图 2025-01-01 10.32.png` has a space")
            .contains("rename it `截图-2025-01-01-10.32.png`"),
        "{err}"
    );
    assert_eq!(
        err.matches("the folder name `my pics` has a space").count(),
        1,
        "{err}"
    );
    assert!(
        help_of(&err, "`my pics` has a space").contains("rename it `my-pics`"),
        "{err}"
    );
    assert!(!err.contains("倾听技巧.md: "), "{err}");
    assert_eq!(err.matches("warning: ").count(), 3, "{err}");
}

/// #9: a mistake in book.toml (text without its quotes, a typical slip) is reported with the
/// line to write, and the content is still checked in the same run (it was `checked 0 pages`);
/// the build writes nothing and says it left the previous site.
#[test]
fn a_mistake_in_book_toml_does_not_hide_the_contents() {
    let (_t, root) = init_book();
    assert!(run(&root, &["build"]).status.success());
    let before = read(&root, "site/basics/first-lesson/index.html");
    let toml = read(&root, "book.toml") + "\n[output]\nfooter = 仅供内部培训使用\n";
    write(&root, "book.toml", &toml);
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &read(&root, lesson).replacen("order: ", "order: 第", 1),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    let l = line_of(&toml, "footer =");
    assert!(
        err.contains(&format!("book.toml:{l}:"))
            && err.contains("the text of `footer` is not in quotes"),
        "{err}"
    );
    assert!(
        help_of(&err, "`footer` is not in quotes").contains("`footer = \"仅供内部培训使用\"`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("{lesson}:")) && err.contains("a whole number is expected here"),
        "{err}"
    );
    assert!(err.contains("checked 3 pages, 1 rule, 1 quiz;"), "{err}");
    assert!(
        help_of(&err, "not the text \"第10\"").contains("write the number alone: `order: 10`"),
        "{err}"
    );
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("build failed; the previous site was left untouched:"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, "site/basics/first-lesson/index.html"), before);
    // A content folder of its own name is the one checked.
    std::fs::rename(root.join("content"), root.join("kurs")).unwrap();
    write(
        &root,
        "book.toml",
        &toml.replace("src = \"content\"", "src = \"kurs\""),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("kurs/basics/first-lesson.md:"), "{err}");
    // A book.toml saved in GBK (Notepad's ANSI on a Chinese Windows): the content too.
    let mut gbk = b"title = \"\xb1\xea\xcc\xe2\"\n".to_vec();
    gbk.extend_from_slice(b"[build]\nsrc = \"kurs\"\n");
    std::fs::write(root.join("book.toml"), gbk).unwrap();
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("book.toml is not valid UTF-8"), "{err}");
    assert!(err.contains("kurs/basics/first-lesson.md:"), "{err}");
    // A content folder that is not there is told beside book.toml's mistake, at its `src`
    // (it was left unsaid until book.toml was fixed).
    let toml = toml.replace("src = \"content\"", "src = \"kurz\"");
    write(&root, "book.toml", &toml);
    let err = stderr(&run(&root, &["check"]));
    let l = line_of(&toml, "src = ");
    assert!(
        err.contains("the text of `footer` is not in quotes"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "book.toml:{l}:7: the content folder `kurz` named by `src` does not exist"
        )),
        "{err}"
    );
    assert_eq!(err.matches("error: ").count(), 2, "{err}");
}

/// #15: `check` run inside the content folder (where a trainer often opens the command
/// window) says where book.toml is, not `os error 2` and `handbook init` (a second book inside
/// the first). #2: init's next step is one command that works in any shell, with the program
/// as it was started.
#[test]
fn started_in_the_wrong_folder_it_says_where_the_book_is() {
    let (_t, root) = init_book();
    let o = handbook_cmd()
        .arg("check")
        .current_dir(root.join("content/basics"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("there is no book.toml in this folder: it is in ")
            && (err.contains(&format!(
                "`--root {}`",
                root.canonicalize().unwrap().display()
            )) || err.contains(&format!("`--root {}`", root.display()))),
        "{err}"
    );
    assert!(
        !err.contains("os error") && !err.contains("handbook init"),
        "{err}"
    );
    // Nowhere near a book: make one, or go to it.
    let away = tempfile::tempdir().unwrap();
    let o = handbook_cmd()
        .arg("check")
        .current_dir(away.path())
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(
        err.contains("there is no book.toml in this folder") && err.contains("handbook init DIR"),
        "{err}"
    );

    let dir = away.path().join("我的 课程");
    let o = handbook_cmd().arg("init").arg(&dir).output().unwrap();
    let out = stdout(&o);
    let last = out.lines().last().unwrap_or("");
    assert_eq!(
        last,
        format!(
            "Done. Next: {} --root \"{}\" serve --open",
            bin().display(),
            dir.display()
        ),
        "{out}"
    );
}

/// Review L3: two ids run together in one link (`[[term:投诉、举报]]`) are told to be linked
/// each on its own; a YAML list keeps the list's hint.
#[test]
fn two_ids_in_one_link_are_told_to_be_linked_apart() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson)
            + "\n见 [[rule:EX-PROC-001、EX-PROC-009]] 和 [[term:投诉、举报]]。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        help_of(&err, "missing rule `EX-PROC-001、EX-PROC-009`").contains(
            "a link names one target: link each one, `[[rule:EX-PROC-001]]、[[rule:EX-PROC-009]]`"
        ),
        "{err}"
    );
    assert!(
        help_of(&err, "missing glossary term `投诉、举报`")
            .contains("`[[term:投诉]]、[[term:举报]]`"),
        "{err}"
    );
    assert!(!err.contains("ASCII comma"), "{err}");
}

/// A rule, quiz or lesson with a value of the wrong type has the rest of its mistakes told in
/// the same run: a rule's impossible dates (found before only once `value: 5个工作日` and
/// `severity: 高` were mended), a quiz's question with no right option and revision date under
/// `pass_mark: 80%`, a lesson's revision date and one-tag `tags` under `order: 第10`. What a
/// stand-in for a wrong value would make is not told.
#[test]
fn a_type_error_does_not_hide_a_files_other_mistakes() {
    let (_t, root) = init_book();
    let path = "content/rules/example.rule.yaml";
    let rule = read(&root, path)
        .replace("    value: 5\n", "    value: 5个工作日\n")
        .replace("severity: high", "severity: 高")
        .replace("effective: 2025-01-01", "effective: 2025-13-01")
        .replace("  - date: 2025-01-01", "  - date: 2025-02-30");
    write(&root, path, &rule);
    let quiz_path = "content/quizzes/example.quiz.yaml";
    let quiz = read(&root, quiz_path)
        .replace(
            "pass_mark: 80",
            "pass_mark: 80%\nrevised:\n  - date: 2025/3/1\n    change: 加题",
        )
        .replace("        correct: true\n", "");
    write(&root, quiz_path, &quiz);
    let lesson_path = "content/basics/first-lesson.md";
    let lesson = read(&root, lesson_path)
        .replace(
            "order: 10",
            "order: 第10\nrevised:\n  - date: 2025-02-30\n    change: 首次发布",
        )
        .replace("tags: [入门]", "tags: [入门，基础]");
    write(&root, lesson_path, &lesson);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for (file, text, needle, message) in [
        (path, &rule, "value: 5个工作日", "a number is expected here"),
        (
            path,
            &rule,
            "severity: 高",
            "is not one of the allowed values",
        ),
        (
            path,
            &rule,
            "effective:",
            "effective date `2025-13-01` is not a date",
        ),
        (
            path,
            &rule,
            "- date: 2025-02-30",
            "revision date `2025-02-30` is not a date",
        ),
        (quiz_path, &quiz, "pass_mark:", "a number is expected here"),
        (
            quiz_path,
            &quiz,
            "- text: 5个工作日",
            "no option is marked correct",
        ),
        (
            quiz_path,
            &quiz,
            "- date: 2025/3/1",
            "revision date `2025/3/1` is not a date",
        ),
        (
            lesson_path,
            &lesson,
            "order:",
            "a whole number is expected here",
        ),
        (
            lesson_path,
            &lesson,
            "- date: 2025-02-30",
            "revision date `2025-02-30` is not a date",
        ),
        (
            lesson_path,
            &lesson,
            "tags:",
            "the tag `入门，基础` holds a full-width comma",
        ),
    ] {
        let l = line_of(text, needle);
        assert!(
            err.lines()
                .any(|e| e.contains(&format!("{file}:{l}:")) && e.contains(message)),
            "{file}:{l}: {message}\n{err}"
        );
    }
    assert_eq!(err.matches("error: ").count(), 9, "{err}");
    assert_eq!(err.matches("warning: ").count(), 1, "{err}");
    assert!(
        help_of(&err, "rule `EX-PROC-001`: revision date `2025-02-30`")
            .contains("`date: 2025-02-28`"),
        "{err}"
    );
    // The rule's other limit is compared with the one whose unit is wrong only once that
    // unit is mended (working days or minutes? either makes another comparison).
    let rule = read(&root, path).replace(
        "    condition: ordinary\n",
        "    condition: ordinary\n  - label: 办结时限\n    value: 3\n    unit: 天\n    condition: complex\n",
    );
    write(&root, path, &rule);
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains("is shorter than"), "{err}");
    assert!(
        err.contains("`天` is not one of the allowed values"),
        "{err}"
    );
    // A question written as text is read as a copy of the next to go on: its id is not
    // reported as used twice.
    write(
        &root,
        "content/quizzes/t2.quiz.yaml",
        "id: t2\ntitle: 测验二\npass_mark: 80%\nquestions:\n  - 投诉要认真对待吗？\n  - id: t2-02\n    type: true_false\n    prompt: 延期必须事先报批。\n    answer: true\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("t2.quiz.yaml:5:5: questions[0]"), "{err}");
    assert!(!err.contains("duplicate question id"), "{err}");
    // An exam that draws from other quizzes: its pool is not counted without them (it was
    // told "draw 5 but the pool has 1 question").
    write(
        &root,
        "content/quizzes/t3.quiz.yaml",
        "id: t3\ntitle: 小考\nexam: true\npass_mark: 百分之80\ndraw: 5\nfrom:\n  - quiz: example\nquestions:\n  - id: t3-01\n    type: true_false\n    prompt: 投诉要认真对待。\n    answer: true\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("t3.quiz.yaml:4:12: pass_mark"), "{err}");
    assert!(!err.contains("t3.quiz.yaml:5:"), "{err}");
}
