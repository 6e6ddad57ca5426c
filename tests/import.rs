//! `handbook import questions`: a question bank saved from Excel as CSV made into quiz questions.

mod common;
use common::*;

/// The questions of quiz file `rel`, as YAML values.
fn questions(root: &std::path::Path, rel: &str) -> Vec<serde_yaml::Value> {
    let quiz: serde_yaml::Value = serde_yaml::from_str(&read(root, rel)).unwrap();
    quiz["questions"].as_sequence().unwrap().clone()
}

/// `handbook import questions FILE --quiz QUIZ` in the book at `root`.
fn import(root: &std::path::Path, file: &std::path::Path, quiz: &str) -> std::process::Output {
    run(
        root,
        &[
            "import",
            "questions",
            file.to_str().unwrap(),
            "--quiz",
            quiz,
        ],
    )
}

fn texts(v: &serde_yaml::Value) -> Vec<(String, bool)> {
    v["options"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["text"].as_str().unwrap().to_string(),
                o["correct"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

const MIXED: &str = "题型,题干,选项A,选项B,选项C,选项D,答案,解析,依据\r\n\
单选题,一般投诉应在多长时间内办结？,A．5个工作日,B．1个月,,,A,见办理时限规则。,EX-PROC-001\r\n\
多选,\"登记时要记下哪些？（多选，至少两项）\",投诉人姓名,投诉事项,客户收入,受理时间,\"A,B,D\",\"登记要素：\n姓名、事项、时间\",\r\n\
判断,事实未查清前可以先承诺赔偿。,,,,,×,先查清事实。,《供电营业规则》\r\n\
填空,供电服务热线是____。,,,,,95598|九五五九八,,\r\n\
单选,客户问：能不能快点？,yes,no,#,：,C,,\r\n";

#[test]
fn a_mixed_bank_makes_a_quiz_that_builds_with_the_right_types_and_answers() {
    let (t, root) = init_book();
    let bank = t.path().join("题库.csv");
    std::fs::write(&bank, MIXED).unwrap();
    let o = run(
        &root,
        &[
            "import",
            "questions",
            bank.to_str().unwrap(),
            "--quiz",
            "bank",
            "--title",
            "题库：基础",
        ],
    );
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains("created content/quizzes/bank.quiz.yaml with 5 questions"),
        "{out}"
    );
    assert!(out.contains("(bank-01 … bank-05)"), "{out}");
    assert!(out.contains("; 0 errors"), "{out}");
    let text = read(&root, "content/quizzes/bank.quiz.yaml");
    assert!(
        text.starts_with("# yaml-language-server: $schema=../../schemas/quiz.schema.json\nid: bank\ntitle: 题库：基础\n"),
        "{text}"
    );
    let q = questions(&root, "content/quizzes/bank.quiz.yaml");
    let kinds: Vec<&str> = q.iter().map(|x| x["type"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        ["single", "multiple", "true_false", "short", "single"]
    );
    let ids: Vec<&str> = q.iter().map(|x| x["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["bank-01", "bank-02", "bank-03", "bank-04", "bank-05"]);
    // The letters Excel users write before an option are left out; an empty option is skipped.
    assert_eq!(
        texts(&q[0]),
        [
            ("5个工作日".to_string(), true),
            ("1个月".to_string(), false)
        ]
    );
    assert_eq!(q[0]["explanation"].as_str(), Some("见办理时限规则。"));
    assert_eq!(q[0]["rules"][0].as_str(), Some("EX-PROC-001"));
    let correct: Vec<bool> = texts(&q[1]).iter().map(|o| o.1).collect();
    assert_eq!(correct, [true, true, false, true]);
    assert_eq!(
        q[1]["prompt"].as_str(),
        Some("登记时要记下哪些？（多选，至少两项）")
    );
    assert_eq!(
        q[1]["explanation"].as_str(),
        Some("登记要素：\n姓名、事项、时间")
    );
    assert_eq!(q[2]["answer"].as_bool(), Some(false));
    // A 依据 in words is kept under the explanation.
    assert_eq!(
        q[2]["explanation"].as_str(),
        Some("先查清事实。\n\n依据：《供电营业规则》")
    );
    let accepted: Vec<&str> = q[3]["accepted"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(accepted, ["95598", "九五五九八"]);
    // Values YAML would read as something else stay text.
    assert_eq!(
        texts(&q[4]),
        [
            ("yes".to_string(), false),
            ("no".to_string(), false),
            ("#".to_string(), true),
            ("：".to_string(), false)
        ]
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/quizzes/bank/index.html");
    assert!(page.contains("一般投诉应在多长时间内办结？"), "{page}");
}

#[test]
fn questions_added_to_a_quiz_continue_its_ids() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let before = read(&root, rel);
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "类型,题目,A,B,正确答案,答案解析\n判断,投诉要当天登记。,,,对,\n单选,首问负责的是谁？,第一个接待的人,领导,A,\n",
    )
    .unwrap();
    let o = import(&root, &bank, "example");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(
        out.contains("added to content/quizzes/example.quiz.yaml with 2 questions"),
        "{out}"
    );
    let after = read(&root, rel);
    assert!(after.starts_with(&before), "{after}");
    let ids: Vec<String> = questions(&root, rel)
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, ["example-01", "example-02", "example-03"]);
    // Imported again: the rows are in the quiz already, and nothing changes.
    let o = import(&root, &bank, "example");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("bank.csv:2:2: this question is in quiz `example` already, as `example-02`"),
        "{err}"
    );
    assert_eq!(read(&root, rel), after);
    assert!(run(&root, &["check"]).status.success());
}

#[test]
fn a_file_with_a_byte_order_mark_is_read() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice("题型,题干,答案\n判断,投诉要当天登记。,正确\n".as_bytes());
    std::fs::write(&bank, bytes).unwrap();
    let o = import(&root, &bank, "bom");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("not imported"), "{}", stderr(&o));
    let q = questions(&root, "content/quizzes/bom.quiz.yaml");
    assert_eq!(q[0]["type"].as_str(), Some("true_false"));
    assert_eq!(q[0]["answer"].as_bool(), Some(true));
    assert_eq!(q[0]["prompt"].as_str(), Some("投诉要当天登记。"));
}

#[test]
fn a_gbk_file_is_refused_with_how_to_save_it_and_nothing_is_written() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    // 题型,题干,答案 / 判断,投诉要登记,对 as Excel's plain 「CSV」 writes it on Chinese Windows.
    std::fs::write(
        &bank,
        b"\xcc\xe2\xd0\xcd,\xcc\xe2\xb8\xc9,\xb4\xf0\xb0\xb8\n\xc5\xd0\xb6\xcf,\xcd\xb6\xcb\xdf\xd2\xaa\xb5\xc7\xbc\xc7,\xb6\xd4\n",
    )
    .unwrap();
    let o = import(&root, &bank, "gbk");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("bank.csv:1:1: the file is not UTF-8 text"),
        "{err}"
    );
    assert!(err.contains("GBK"), "{err}");
    assert!(err.contains("「CSV UTF-8（逗号分隔）(*.csv)」"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(!root.join("content/quizzes/gbk.quiz.yaml").exists());
}

#[test]
fn every_bad_row_is_reported_at_its_line_and_column_and_nothing_is_written() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let before = read(&root, rel);
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "题型,题干,选项A,选项B,选项C,答案,解析,难度\n\
         单选,好题,甲,乙,,A,,易\n\
         问答题,说说你的看法,,,,随便,,中\n\
         单选,\"两行\n的题干\",甲,乙,,C,,难\n\
         判断,天是蓝的,,,,也许,,易\n\
         多选,哪些对？,甲,乙,丙,AB,,易\n",
    )
    .unwrap();
    let o = import(&root, &bank, "example");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = bank.display().to_string();
    for want in [
        format!("warning: {f}:1:8: column 8 `难度` is not imported"),
        format!("error: {f}:3:1: 题型 `问答题` is not a type of question the quiz has"),
        // (The row's line: its 题干 takes two lines of the file.)
        format!(
            "error: {f}:4:6: 答案 `C` names option C but 选项C is empty in this row (column 5)"
        ),
        format!("error: {f}:6:6: 答案 `也许` of a 判断题 is neither right nor wrong"),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(err.contains("nothing was imported: 3 errors"), "{err}");
    assert_eq!(read(&root, rel), before);
}

#[test]
fn a_mistake_check_finds_in_an_imported_question_is_put_at_its_cell_and_undone() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "题型,题干,答案,解析\n判断,投诉要登记。,对,见 [[rule:EX-PROC-099]]\n",
    )
    .unwrap();
    let o = import(&root, &bank, "linked");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:2:4: ", bank.display())) && err.contains("EX-PROC-099"),
        "{err}"
    );
    assert!(!root.join("content/quizzes/linked.quiz.yaml").exists());
}

/// The sample in docs/ imports cleanly into the bundled handbook (its 依据 ids are rules there).
#[test]
fn the_sample_bank_imports_into_the_bundled_book() {
    let (_t, root) = bundled_copy();
    let sample = repo().join("docs/examples/question-bank.csv");
    let o = import(&root, &sample, "bank-sample");
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(!err.contains("warning"), "{err}");
    assert!(out.contains("; 0 errors"), "{out}");
    let q = questions(&root, "content/quizzes/bank-sample.quiz.yaml");
    assert_eq!(q[0]["rules"][0].as_str(), Some("TS-PROC-002"));
}
