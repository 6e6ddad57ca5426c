//! `handbook check` prints every error at once: a mistake that stops a file from reading (a
//! missing field, a value of the wrong type) or a book.toml slip does not hide the book's
//! other mistakes until it is fixed (robustness review: each fix brought up the next error).

mod common;
use common::*;

/// The errors `check` prints, as `file:line:col: message` lines.
fn errors(root: &std::path::Path) -> Vec<String> {
    let o = run(root, &["--lang", "en", "check"]);
    assert!(!o.status.success());
    stderr(&o)
        .lines()
        .filter(|l| l.starts_with("error: "))
        .map(|l| l.trim_start_matches("error: ").to_string())
        .collect()
}

fn has(errors: &[String], want: &str) -> bool {
    errors.iter().any(|e| e.contains(want))
}

/// A rule file missing a required field: its rule's unknown category and source are told in
/// the same run, where written.
#[test]
fn a_missing_field_does_not_hide_a_rules_category_or_sources() {
    let (_t, root) = init_book();
    let file = "content/rules/example.rule.yaml";
    let text = read(&root, file)
        .replace("category: procedure", "category: nocat")
        .replace("summary: 一般投诉在5个工作日内办结。\n", "")
        .replace(
            "owner: 客户服务中心",
            "owner: 客户服务中心\nsources: [nosrc]",
        );
    write(&root, file, &text);
    let e = errors(&root);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(has(&e, "missing required field `summary`"), "{e:?}");
    assert!(
        has(
            &e,
            &format!(
                "example.rule.yaml:{}:11: unknown category `nocat`",
                line("category:")
            )
        ),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            &format!(
                "example.rule.yaml:{}:11: unknown source `nosrc`",
                line("sources:")
            )
        ),
        "{e:?}"
    );
}

/// A quiz file with a value of the wrong type in one question: what another question names
/// (a rule, a lesson) is checked against the book in the same run.
#[test]
fn a_wrong_typed_answer_does_not_hide_another_questions_references() {
    let (_t, root) = init_book();
    let file = "content/quizzes/example.quiz.yaml";
    let text = read(&root, file)
        .replace("rules: [EX-PROC-001]", "rules: [NOPE-009]")
        .replace("lessons: [basics/first-lesson]", "lessons: [basics/nope]")
        + "  - id: example-02\n    type: true_false\n    prompt: 受理当天不计。\n    answer: maybe\n";
    write(&root, file, &text);
    let e = errors(&root);
    let line = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    assert!(has(&e, "answer"), "{e:?}");
    assert!(
        has(&e, &format!("example.quiz.yaml:{}:13: question `example-01`: reference to a missing rule `NOPE-009`", line("NOPE-009"))),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            &format!(
                "example.quiz.yaml:{}:15: question `example-01`: ",
                line("basics/nope")
            )
        ),
        "{e:?}"
    );
}

/// A lesson whose `title:` is left empty: said at that line, and its front matter's other
/// mistakes (an unknown source, an alias that is another page's path) and its text's in the
/// same run.
#[test]
fn an_empty_title_does_not_hide_the_front_matters_other_mistakes() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle:\nsummary: x\nsources: [nosrc]\naliases: [basics/first-lesson]\n---\n\n正文 [[rule:NOPE-1]]\n",
    );
    let e = errors(&root);
    assert!(has(&e, "second.md:2:1: the page has no title"), "{e:?}");
    assert!(has(&e, "second.md:4:11: unknown source `nosrc`"), "{e:?}");
    assert!(
        has(&e, "second.md:5:11: alias `basics/first-lesson`"),
        "{e:?}"
    );
    assert!(
        has(&e, "second.md:8:4: reference to a missing rule `NOPE-1`"),
        "{e:?}"
    );
    assert_eq!(e.len(), 4, "{e:?}");
}

/// A glossary with a term missing its definition: the other terms are read and checked in the
/// same run (a term twice, a missing rule in a definition), and a link to the term left out is
/// not an error of its own.
#[test]
fn a_term_missing_its_definition_does_not_hide_the_glossarys_other_mistakes() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  definition: 计量电能的仪表。见 [[rule:NOPE-G]]。\n- term: 电能表\n  definition: 重复。\n- term: 停电\n- term: 计量\n  definition: 见 [[rule:NOPE-H]]\n",
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见 [[term:停电]] 和 [[term:计量]]。\n"),
    );
    let e = errors(&root);
    assert!(
        has(&e, "glossary.yaml:5:3: missing required field `definition`"),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            "glossary.yaml:2:25: reference to a missing rule `NOPE-G`"
        ),
        "{e:?}"
    );
    assert!(
        has(&e, "glossary.yaml:3:9: ") && has(&e, "`电能表`"),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            "glossary.yaml:7:17: reference to a missing rule `NOPE-H`"
        ),
        "{e:?}"
    );
    assert_eq!(e.len(), 4, "{e:?}");
}

/// A theme that does not load (misspelt, or a template with an error) is told beside the
/// content's mistakes, checked with the built-in theme; the theme's error is where book.toml
/// names it, also beside another slip of book.toml; nothing is built.
#[test]
fn a_theme_that_does_not_load_does_not_hide_the_contents_mistakes() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见 [[rule:NOPE-1]]。\n"),
    );
    let toml = read(&root, "book.toml");
    let theme_line = toml.lines().position(|l| l.starts_with("theme")).unwrap() + 1;
    write(
        &root,
        "book.toml",
        &toml.replace("theme = \"default\"", "theme = \"nothere\""),
    );
    let e = errors(&root);
    assert!(
        has(
            &e,
            &format!("book.toml:{theme_line}:9: theme `nothere` not found")
        ),
        "{e:?}"
    );
    assert!(has(&e, "first-lesson.md") && has(&e, "`NOPE-1`"), "{e:?}");
    // Beside a misspelt key of book.toml: still at its line.
    write(
        &root,
        "book.toml",
        &toml
            .replace("theme = \"default\"", "theme = \"nothere\"")
            .replacen("title", "titel", 1),
    );
    let e = errors(&root);
    assert!(
        has(
            &e,
            &format!("book.toml:{theme_line}:9: theme `nothere` not found")
        ),
        "{e:?}"
    );
    assert!(has(&e, "`NOPE-1`"), "{e:?}");
    // A template of the book's own with an error.
    write(&root, "book.toml", &toml);
    write(&root, "templates/page.html", "{% if %}\n");
    let e = errors(&root);
    assert!(has(&e, "templates/page.html:1:"), "{e:?}");
    assert!(has(&e, "`NOPE-1`"), "{e:?}");
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    assert!(!root.join("site").exists());
}

/// One mistake is told once: a missing field of a list's item, found by two readings of the
/// file (beside an item whose id is a number), was told at the key and again at its colon.
#[test]
fn a_missing_field_is_told_once() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/bad.rules.yaml",
        "- id: 123\n  title: 甲\n  category: procedure\n  summary: 一\n  effective: 2025-01-01\n- id: EX-BAD-002\n  title: 乙\n  category: procedure\n  effective: 2025-01-01\n",
    );
    let e = errors(&root);
    let missing: Vec<&String> = e
        .iter()
        .filter(|e| e.contains("missing required field `summary`"))
        .collect();
    assert_eq!(missing.len(), 1, "{e:?}");
    assert!(missing[0].contains("bad.rules.yaml:6:3:"), "{e:?}");
    // At the key its item's line begins with, not at a key's colon.
    let file = "content/rules/example.rule.yaml";
    let text = read(&root, file).replace(
        "revised:\n  - date: 2025-01-01\n    change: 首次发布",
        "revised:\n  - date: 2025-01-01\n  - change: 首次发布",
    );
    write(&root, file, &text);
    let line = text
        .lines()
        .position(|l| l == "  - change: 首次发布")
        .unwrap()
        + 1;
    let e = errors(&root);
    assert!(
        has(
            &e,
            &format!(
                "example.rule.yaml:{}:5: missing required field `change`",
                line - 1
            )
        ),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            &format!("example.rule.yaml:{line}:5: missing required field `date`")
        ),
        "{e:?}"
    );
}

/// A `[` left open at the end of a file is told at itself, with the fix (it was "a value is
/// expected here" on a line past the file's last).
#[test]
fn a_bracket_left_open_at_the_end_of_a_file_is_told_at_itself() {
    let (_t, root) = init_book();
    let file = "content/rules/example.rule.yaml";
    let text = read(&root, file).replace("must:\n  - 记录客户诉求\n", "") + "must: [\n";
    write(&root, file, &text);
    let e = errors(&root);
    let line = text.lines().count();
    assert!(
        has(
            &e,
            &format!("example.rule.yaml:{line}:7: this `[` is never closed with `]`")
        ),
        "{e:?}"
    );
}

/// A quiz's id is its address: one written with full-width letters or digits, or another
/// kind of hyphen, is refused with the id to write (it made a folder `quizzes/ｑｕｉｚ２/`).
#[test]
fn a_quiz_id_in_full_width_is_refused_with_the_id_to_write() {
    let (_t, root) = init_book();
    let file = "content/quizzes/example.quiz.yaml";
    let text = read(&root, file);
    for (id, want) in [
        ("ｑｕｉｚ２", "write `id: quiz2`"),
        ("quiz‐2", "write `id: quiz-2`"),
    ] {
        write(
            &root,
            file,
            &text.replace("id: example\n", &format!("id: {id}\n")),
        );
        let e = errors(&root);
        assert!(
            has(&e, &format!("example.quiz.yaml:2:5: `{id}` is written with full-width letters or digits, or another kind of hyphen")),
            "{id}: {e:?}"
        );
        let o = run(&root, &["--lang", "en", "check"]);
        assert!(stderr(&o).contains(want), "{id}: {}", stderr(&o));
        // (Told once: not also as no folder name.)
        assert_eq!(
            e.iter().filter(|e| e.contains("example.quiz.yaml")).count(),
            1,
            "{id}: {e:?}"
        );
    }
}
