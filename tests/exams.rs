//! Exams as a trainer sets them: questions taken from the modules' quizzes (`from`), written
//! once and kept under their own ids.

mod common;
use common::*;

/// A second quiz beside `init`'s example, one of its questions with a broken link.
const MODULE2: &str = "id: module-2\ntitle: 第二单元测验\nquestions:\n  - id: m2-01\n    type: true_false\n    prompt: 一般投诉5个工作日内办结，见[时限](rule:EX-PROC-009)。\n    answer: true\n  - id: m2-02\n    type: true_false\n    prompt: 第二题\n    answer: false\n";

fn exam(from: &str) -> String {
    format!("id: final\ntitle: 结业考试\nexam: true\ntime_limit: 20\ndraw: 3\nfrom:\n{from}questions:\n  - id: final-01\n    type: true_false\n    prompt: 考试自己的题\n    answer: true\n")
}

/// The init book with a second module's quiz and the exam `final` (its text), built.
fn built_exam(final_quiz: String) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/quizzes/module-2.quiz.yaml",
        &MODULE2.replace("EX-PROC-009", "EX-PROC-001"),
    );
    write(&root, "content/quizzes/final.quiz.yaml", &final_quiz);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    (t, root)
}

#[test]
fn an_exam_draws_on_the_modules_quizzes_under_their_own_ids() {
    let (_t, root) = built_exam(exam(
        "  - quiz: example\n  - quiz: module-2\n    questions: [m2-02]\n",
    ));
    let data = read(&root, "site/quizzes/final/data.js");
    // `(window.HANDBOOK_QUIZZES = …)["final"] = {…};`
    let json = &data[data.find("] = ").unwrap() + 4..data.rfind(';').unwrap()];
    let json: serde_json::Value = serde_json::from_str(json).unwrap();
    let qs = json["questions"].as_array().unwrap();
    let ids: Vec<&str> = qs.iter().map(|q| q["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["final-01", "example-01", "m2-02"]);
    // Each taken question says its quiz: a miss in the exam goes to the 错题本 under it.
    assert_eq!(qs[0]["from"], serde_json::Value::Null);
    assert_eq!(qs[1]["from"], "example");
    assert_eq!(qs[2]["from"], "module-2");
    assert_eq!(qs[2]["from_title"], "第二单元测验");
    let page = read(&root, "site/quizzes/final/index.html");
    assert!(page.contains("id=\"m2-02\""), "the page lists the pool");
    // The rule a taken question asks about lists the quiz it is written in, not the exam too
    // (as report and check count it).
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    let cites = &card[card.find("引用本规则的课程与测验").unwrap()..];
    assert!(cites.contains("测验："), "{cites}");
    assert!(!cites.contains("测验：结业考试"), "{cites}");
    // The quiz list counts the pool the draw is made from.
    let list = read(&root, "site/quizzes/index.html");
    assert!(list.contains("3 题"), "{list}");
    // The LMS export has each question once, with its own quiz.
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &root,
        &["export", "--format", "gift", dir.path().to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let gift = std::fs::read_to_string(dir.path().join("questions.gift.txt")).unwrap();
    assert_eq!(gift.matches("::m2-02::").count(), 1, "{gift}");
}

#[test]
fn check_reports_a_bad_source_at_its_line_and_a_taken_questions_mistake_once() {
    let (_t, root) = init_book();
    write(&root, "content/quizzes/module-2.quiz.yaml", MODULE2);
    write(
        &root,
        "content/quizzes/final.quiz.yaml",
        &exam("  - quiz: module-2\n  - quiz: exampel\n  - quiz: example\n    questions: [example-1]\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let final_yaml = "content/quizzes/final.quiz.yaml";
    for want in [
        format!("{final_yaml}:8:11: `from`: no quiz `exampel`"),
        "did you mean `example`?".to_string(),
        format!("{final_yaml}:10:17: `from`: quiz `example` has no question `example-1`"),
        "did you mean `example-01`?".to_string(),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    // The broken rule link of m2-01 is reported at module-2's file, once, not again at the
    // exam that takes it.
    assert_eq!(
        err.matches("missing rule `EX-PROC-009`").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("content/quizzes/module-2.quiz.yaml:6:"),
        "{err}"
    );
}

/// An exam's paper (printed for a classroom sitting, in a `--drafts` preview) says its time,
/// the `time_limit` learners have on screen: it said nothing of it unless `time_guide` was
/// written too.
#[test]
fn an_exams_paper_says_its_time_limit() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/final.quiz.yaml",
        &exam("  - quiz: example\n")
            .replace("draw: 3\n", "")
            .replace("prompt: 考试自己的题", "prompt: 投诉应当天（　）登记"),
    );
    let o = run(&root, &["build", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // (A --drafts build goes to site-drafts/, never the published folder.)
    let paper = read(&root, "site-drafts/quizzes/final/paper/index.html");
    assert!(paper.contains("考试时间 20 分钟。"), "{paper}");
    // A question with its own （　） for the answer gets no second one before it.
    assert!(paper.contains("投诉应当天（　）登记"), "{paper}");
    assert!(
        !paper.contains("<span class=\"paper-bracket\">（　　）</span>投诉应当天"),
        "{paper}"
    );
    assert!(!paper.contains("建议用时"), "{paper}");
}

/// An exam of `from:` alone draws every question from the module quizzes: it needed
/// `questions: []`, which no message said. A quiz with neither is told both ways.
#[test]
fn an_exam_of_from_alone_needs_no_questions_list() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/final.quiz.yaml",
        "id: final\ntitle: 结业考试\nexam: true\ntime_limit: 20\nfrom:\n  - quiz: example\n",
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    write(
        &root,
        "content/quizzes/final.quiz.yaml",
        "id: final\ntitle: 结业考试\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(err.contains("the quiz has no questions"), "{err}");
    assert!(
        err.contains("or draw them from other quizzes with `from:`"),
        "{err}"
    );
}

/// An exam drawing from each chapter's quiz says how many from which on its page, not only
/// the total (每次随机抽取 3 题：从“示例测验”抽 1 题…).
#[test]
fn an_exams_page_names_each_sources_draw() {
    let (_t, root) = built_exam(
        exam("  - quiz: example\n    draw: 1\n  - quiz: module-2\n    draw: 1\n")
            .replace("draw: 3\n", ""),
    );
    let page = read(&root, "site/quizzes/final/index.html");
    let example = read(&root, "content/quizzes/example.quiz.yaml");
    let title = example
        .lines()
        .find_map(|l| l.strip_prefix("title: "))
        .unwrap();
    assert!(
        page.contains(&format!("：从“{title}”抽 1 题、从“")),
        "{page}"
    );
}
