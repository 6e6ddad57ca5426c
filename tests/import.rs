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
    assert!(!out.contains("title is its id"), "{out}");
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
    // A new quiz without --title is titled with its id: said, with the line to write.
    assert!(
        stdout(&o).contains("note: the new quiz's title is its id, `bom`, which learners see on the quizzes page: write a title on its `title:` line (line 3)"),
        "{}",
        stdout(&o)
    );
    let q = questions(&root, "content/quizzes/bom.quiz.yaml");
    assert_eq!(q[0]["type"].as_str(), Some("true_false"));
    assert_eq!(q[0]["answer"].as_bool(), Some(true));
    assert_eq!(q[0]["prompt"].as_str(), Some("投诉要当天登记。"));
}

/// `text` as Excel's 「Unicode 文本」 saves a sheet: UTF-16, little-endian, with a byte-order mark.
fn utf16le(text: &str) -> Vec<u8> {
    let mut out = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        out.extend(u.to_le_bytes());
    }
    out
}

/// Excel's 「Unicode 文本」 (UTF-16 with a byte-order mark, tab-separated, CRLF, a title row and
/// a cell of two lines in quotes) is read as the CSV is; a mistake in it is at its line and
/// cell, as in a CSV.
#[test]
fn a_utf16_tab_separated_file_as_excel_saves_unicode_text_is_read() {
    let (t, root) = init_book();
    let bank = t.path().join("题库.txt");
    std::fs::write(
        &bank,
        utf16le(
            "2024年题库, 第一版\t\t\t\t\t\r\n题型\t题干\t选项A\t选项B\t答案\t解析\r\n\
             多选\t哪些要登记？\t姓名\t事项\tA,B\t\"两\r\n行\"\r\n\
             判断\t投诉要当天登记。\t\t\t对\t\r\n",
        ),
    )
    .unwrap();
    let o = import(&root, &bank, "unicode");
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(!err.contains("warning"), "{err}");
    let q = questions(&root, "content/quizzes/unicode.quiz.yaml");
    assert_eq!(q.len(), 2);
    assert_eq!(
        texts(&q[0]),
        [("姓名".to_string(), true), ("事项".to_string(), true)]
    );
    assert_eq!(q[0]["explanation"].as_str(), Some("两\n行"));
    assert_eq!(q[1]["answer"].as_bool(), Some(true));
    // A mistake: at its line and cell of the file.
    std::fs::write(
        &bank,
        utf16le("题型\t题干\t答案\r\n判断\t天是蓝的\t也许\r\n"),
    )
    .unwrap();
    let o = import(&root, &bank, "unicode2");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "{}:2:3: 答案 `也许` of a 判断题 is neither right nor wrong",
            bank.display()
        )),
        "{err}"
    );
    assert!(!root.join("content/quizzes/unicode2.quiz.yaml").exists());
}

/// UTF-16 without a byte-order mark (some programs' 「Unicode」 save) is read as with one; it
/// was taken for GBK.
#[test]
fn a_utf16_file_without_a_byte_order_mark_is_read() {
    let (t, root) = init_book();
    let bank = t.path().join("题库.txt");
    let text = "题型\t题干\t答案\r\n判断\t一律退费前要核实。\t对\r\n";
    std::fs::write(&bank, &utf16le(text)[2..]).unwrap();
    let o = import(&root, &bank, "bare");
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    let q = questions(&root, "content/quizzes/bare.quiz.yaml");
    assert_eq!(q[0]["prompt"].as_str(), Some("一律退费前要核实。"));
    assert_eq!(q[0]["answer"].as_bool(), Some(true));
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

/// The questions of quiz `id` as the book's own loader reads them (`check` and `build` use it).
fn loaded(root: &std::path::Path, id: &str) -> handbook::content::quiz::Quiz {
    let sources = handbook::content::load(root, &root.join("content"), None, false);
    let errors: Vec<String> = sources
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    sources
        .quizzes
        .into_iter()
        .map(|q| q.value)
        .find(|q| q.id == id)
        .unwrap_or_else(|| panic!("no quiz {id}"))
}

/// Text that YAML would read as something else, or not at all, in every field the import
/// writes: the book's loader reads back exactly the text of the cell.
#[test]
fn text_of_every_kind_reads_back_through_the_books_loader() {
    let (t, root) = init_book();
    let tricky = [
        "键: 值",
        "注意 #1",
        "#开头",
        "- 一",
        "* 星",
        "&锚",
        "!标签",
        "|竖线",
        "> 大于",
        "'单引号'",
        "\"双引号\"开头",
        "%百分",
        "@at",
        "`反引号`",
        "两行\n文字",
        "制表\t在中间",
        "yes",
        "No",
        "null",
        "~",
        "1.0",
        "0x1F",
        "95598",
        "true",
        "[列表]",
        "{映射}",
        "末尾冒号:",
        "反斜杠\\",
        "? 问号",
        "---",
        "...",
        "行\u{2028}分隔",
        "【待定】：说明",
    ];
    let mut csv = String::from("题型,题干,选项A,选项B,答案,解析\n");
    let cell = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
    for (i, s) in tricky.iter().enumerate() {
        let prompt = format!("{s} {i}");
        csv.push_str(&format!(
            "单选,{},{},另一个,A,{}\n",
            cell(&prompt),
            cell(s),
            cell(s)
        ));
        csv.push_str(&format!(
            "填空,{},,,{},\n",
            cell(&format!("填空 {i}")),
            cell(s)
        ));
    }
    let bank = t.path().join("bank.csv");
    std::fs::write(&bank, &csv).unwrap();
    let o = import(&root, &bank, "tricky");
    assert!(o.status.success(), "{}", stderr(&o));
    let quiz = loaded(&root, "tricky");
    assert_eq!(quiz.questions.len(), 2 * tricky.len());
    for (i, s) in tricky.iter().enumerate() {
        let (choice, short) = (&quiz.questions[2 * i], &quiz.questions[2 * i + 1]);
        assert_eq!(choice.prompt, format!("{s} {i}"));
        assert_eq!(choice.options[0].text, *s);
        assert_eq!(choice.explanation, *s);
        // (`|` and `；` part accepted answers.)
        let parts: Vec<&str> = s
            .split(['|', ';', '；'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        assert_eq!(short.accepted, parts, "{s:?}");
    }
}

/// What trainers' sheets hold, good and odd: no input panics; an import either writes a quiz
/// `check` passes, or reports every error at the file's line and column with a fix and leaves
/// the quiz as it was, byte for byte (and makes no file).
#[test]
fn odd_banks_never_panic_and_every_error_is_placed_with_the_quiz_left_as_it_was() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let quiz_before = std::fs::read(root.join(rel)).unwrap();
    let h = "题型,题干,选项A,选项B,选项C,答案\n";
    let utf8 = |s: String| s.into_bytes();
    let options_a_to_z = {
        let mut s = String::from("题型,题干");
        for c in 'A'..='Z' {
            s.push_str(&format!(",选项{c}"));
        }
        s.push_str(",答案\n多选,丁");
        for c in 'A'..='Z' {
            s.push_str(&format!(",{c}项"));
        }
        s + ",AZ\n"
    };
    // (What is expected: `ok N` questions, else an error at `line:col` saying so; `warn
    // line:col …` too where a row is passed over or doubtful.)
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("empty", vec![], "1:1 the file has no rows"),
        ("a byte-order mark alone", b"\xEF\xBB\xBF".to_vec(), "1:1 the file has no rows"),
        ("only the header", utf8(h.into()), "1:1 no questions below the header row"),
        ("the header and empty rows", utf8(format!("{h},,,,,\n\n,,,,,\n")), "1:1 no questions"),
        ("CRLF", utf8("题型,题干,答案\r\n判断,天是蓝的,对\r\n".into()), "ok 1"),
        ("CR alone", utf8("题型,题干,答案\r判断,天是蓝的,对\r判断,草是绿的,也许\r".into()), "3:3 答案 `也许`"),
        ("no line end at the end", utf8("题型,题干,答案\n判断,天是蓝的,对".into()), "ok 1"),
        ("trailing empty columns", utf8("题型,题干,答案,,,\n判断,天是蓝的,对,,,\n".into()), "ok 1"),
        ("a title row first", utf8("2024年题库,,\n题型,题干,答案\n判断,天是蓝的,对\n".into()), "ok 1"),
        ("the header on row 5", utf8("a\n\nb\n\n题型,题干,答案\n判断,天是蓝的,对\n".into()), "ok 1"),
        (
            "a question above the header",
            utf8("判断,天是蓝的,对\n题型,题干,答案\n判断,草是绿的,对\n".into()),
            "warn 1:1 above the header row",
        ),
        ("full-width answer letters", utf8(format!("{h}多选,甲乙丙,甲,乙,丙,\"Ａ，Ｃ\"\n")), "ok 1"),
        ("A、C", utf8(format!("{h}多选,甲乙丙,甲,乙,丙,A、C\n")), "ok 1"),
        ("AC", utf8(format!("{h}多选,甲乙丙,甲,乙,丙,AC\n")), "ok 1"),
        ("lower case", utf8(format!("{h}多选,甲乙丙,甲,乙,丙,a c\n单选,丁,甲,乙,,b\n")), "ok 2"),
        ("an answer naming an empty option", utf8(format!("{h}单选,丁,甲,乙,,C\n")), "2:6 选项C is empty"),
        ("an answer naming no column", utf8(format!("{h}单选,丁,甲,乙,,E\n")), "2:6 no 选项E column"),
        ("an answer of separators", utf8(format!("{h}单选,丁,甲,乙,,、\n")), "2:6 names no option"),
        ("an answer in words", utf8(format!("{h}单选,丁,甲,乙,,选甲\n")), "2:6 is not option letters"),
        (
            "判断 answers",
            utf8("题型,题干,答案\n判断,一,对\n判断,二,错\n判断,三,√\n判断,四,×\n判断,五,正确\n判断,六,错误\n判断,七,T\n判断,八,F\n判断,九,TRUE\n判断,十,ｆ\n".into()),
            "ok 10",
        ),
        ("判断 neither", utf8("题型,题干,答案\n判断,一,也许\n".into()), "2:3 neither right nor wrong"),
        ("多选 with one answer", utf8(format!("{h}多选,丁,甲,乙,丙,B\n")), "warn 2:6 names one option"),
        ("单选 with two answers", utf8(format!("{h}单选,丁,甲,乙,丙,AB\n")), "2:6 a 单选题 has one"),
        ("one option", utf8(format!("{h}单选,丁,甲,,,A\n")), "2:4 at least two options"),
        ("two options the same", utf8(format!("{h}单选,丁,甲,甲,,A\n")), "2:4 is the same as 选项A"),
        (
            "a question in the quiz already",
            utf8(format!("{h}单选,一般投诉应在多长时间内办结？,5个工作日,1个月,,A\n")),
            "example:2:2 in quiz `example` already",
        ),
        ("the same row twice", utf8(format!("{h}单选,丁,甲,乙,,A\n单选,丁,甲,乙,,A\n")), "3:2 the same question as the row on line 2"),
        ("merged 题型", utf8(format!("{h}单选,丁,甲,乙,,A\n,戊,甲,乙,,B\n")), "3:1 题型 is empty"),
        ("a heading row", utf8(format!("{h}一、单选题,,,,,\n单选,丁,甲,乙,,A\n")), "warn 2:1 passed over"),
        ("an unknown 题型", utf8(format!("{h}排序,丁,甲,乙,,A\n")), "2:1 题型 `排序`"),
        ("an empty 题干", utf8(format!("{h}单选,,甲,乙,,A\n")), "2:2 题干 is empty"),
        ("an empty 答案", utf8(format!("{h}单选,丁,甲,乙,,\n填空,戊,,,,\n")), "3:6 答案 is empty"),
        ("no 答案 column", utf8("题型,题干\n判断,天是蓝的\n".into()), "1:1 the header row has no 答案 column"),
        ("no header", utf8("判断,天是蓝的,对\n".into()), "1:1 line 1 looks like a question, not the header row"),
        ("two 题干 columns", utf8("题型,题干,题目,答案\n判断,一,二,对\n".into()), "1:3 a second 题干 column"),
        ("a quote left open", utf8(format!("{h}单选,\"丁,甲,乙,,A\n单选,戊,甲,乙,,A\n")), "2:2 never closed"),
        (
            "a quote closed rows later",
            utf8(format!("{h}单选,\"丁,甲,乙,,A\n单选,\"戊\",甲,乙,,A\n")),
            "2:2 reads like a row of its own",
        ),
        ("a comma not in quotes", utf8(format!("{h}多选,丁,甲,乙,丙,A,B\n")), "2:7 past the header row's last column"),
        ("a lone quote", b"\"".to_vec(), "1:1 never closed"),
        ("quotes only", b"\"\"\"\"\"\n\"".to_vec(), "1:1 the header row has no 题型 column"),
        ("tab-separated", utf8("题型\t题干\t答案\n判断\t天是蓝的\t对\n".into()), "ok 1"),
        ("GBK", b"\xcc\xe2\xd0\xcd,\xcc\xe2\xb8\xc9,\xb4\xf0\xb0\xb8\n".to_vec(), "1:1 not UTF-8"),
        ("UTF-16", utf16le("题型\t题干\t答案\r\n判断\t天是蓝的\t对\r\n"), "ok 1"),
        ("UTF-16 cut short", b"\xff\xfe\x98".to_vec(), "1:1 cut short"),
        ("UTF-16 with half a character", b"\xfe\xff\xd8\x00\x00a".to_vec(), "1:1 broken character"),
        ("a bad byte later", b"a,b\n\xff,c\n".to_vec(), "2:1 not UTF-8"),
        ("NUL and controls", utf8("题型,题干,答案\n判断,天\u{0}是\u{7f}蓝的\u{1b},对\n".into()), "ok 1"),
        ("a wide row", utf8(format!("{h}单选,丁,甲,乙,,A{}x\n", ",".repeat(300))), "2:306 past the header"),
        ("options A to Z", utf8(options_a_to_z), "ok 1"),
        ("a long cell", utf8(format!("题型,题干,答案\n判断,{},对\n", "长".repeat(20_000))), "ok 1"),
        ("line breaks and tabs in cells", utf8("题型,题干,答案\n判断,\"一\r\n二\t三\",对\n".into()), "ok 1"),
        (
            "a 依据 in words and ids",
            utf8("题型,题干,答案,依据\n判断,一,对,\"EX-PROC-001、《供电营业规则》第12条\"\n判断,二,对,NO-SUCH-1\n".into()),
            "warn 3:4 the book has no rule NO-SUCH-1",
        ),
        (
            "a broken link in a 解析",
            utf8("题型,题干,答案,解析\n判断,一,对,见 [[rule:EX-PROC-099]]\n".into()),
            "2:4 EX-PROC-099",
        ),
    ];
    for (name, bytes, expect) in cases {
        let bank = t.path().join("bank.csv");
        std::fs::write(&bank, &bytes).unwrap();
        for quiz in ["example", "fresh"] {
            // (A question of `example` is in `fresh` no more than elsewhere.)
            let expect = match expect.strip_prefix("example:") {
                Some(e) if quiz == "example" => e,
                Some(_) => "ok 1",
                None => expect,
            };
            let outcome = handbook::import::questions(&root, &bank, quiz, None)
                .unwrap_or_else(|e| panic!("{name}: {e:#}"));
            let shown: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
            let errors = outcome.diagnostics.iter().filter(|d| d.is_error()).count();
            for d in &outcome.diagnostics {
                assert!(
                    d.file == bank && d.line >= 1 && d.col >= 1 && d.hint.is_some(),
                    "{name}: {d}"
                );
            }
            match &outcome.imported {
                Some(done) => {
                    assert_eq!(errors, 0, "{name}: {shown:#?}");
                    assert!(
                        done.check.ok(),
                        "{name}: {:#?}",
                        done.check.diagnostics.items
                    );
                    loaded(&root, quiz);
                }
                None => assert!(errors > 0, "{name}: nothing imported, and no error"),
            }
            let (warn, expect) = match expect.strip_prefix("warn ") {
                Some(e) => (true, e),
                None => (false, expect),
            };
            if let Some(n) = expect.strip_prefix("ok ") {
                let ids = outcome.imported.as_ref().map(|d| d.ids.len());
                assert_eq!(ids, Some(n.parse().unwrap()), "{name}: {shown:#?}");
            } else {
                let (at, what) = expect.split_once(' ').unwrap();
                let want = format!(
                    "{}: {}:{at}: ",
                    if warn { "warning" } else { "error" },
                    bank.display()
                );
                assert!(
                    shown
                        .iter()
                        .any(|s| s.starts_with(&want) && s.contains(what)),
                    "{name} ({quiz}): {want}… {what}\n{shown:#?}"
                );
            }
            if errors > 0 {
                assert_eq!(
                    std::fs::read(root.join(rel)).unwrap(),
                    quiz_before,
                    "{name}"
                );
            }
            std::fs::write(root.join(rel), &quiz_before).unwrap();
            let fresh = root.join("content/quizzes/fresh.quiz.yaml");
            assert_eq!(fresh.exists(), quiz == "fresh" && errors == 0, "{name}");
            let _ = std::fs::remove_file(fresh);
        }
    }
    // (No file left beside the quiz.)
    let names: Vec<String> = std::fs::read_dir(root.join("content/quizzes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["example.quiz.yaml"]);
}

/// A quiz written with CRLF (Windows editors) gets CRLF lines, also where its last line had
/// no line end.
#[test]
fn a_crlf_quiz_gets_crlf_lines_only() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let crlf = read(&root, rel).trim_end().replace('\n', "\r\n");
    write(&root, rel, &crlf);
    let bank = t.path().join("bank.csv");
    std::fs::write(&bank, "题型,题干,答案\n判断,投诉要当天登记。,对\n").unwrap();
    let o = import(&root, &bank, "example");
    assert!(o.status.success(), "{}", stderr(&o));
    let after = read(&root, rel);
    assert!(after.starts_with(&crlf), "{after:?}");
    assert_eq!(
        after.matches('\n').count(),
        after.matches("\r\n").count(),
        "{after:?}"
    );
    assert!(after.ends_with("    answer: true\r\n"), "{after:?}");
}

/// An exam that takes the quiz's questions (`from`) has ids of its own: the new questions do
/// not take one of them, which would be the same id twice in the exam's pool.
#[test]
fn new_ids_are_none_a_quiz_taking_the_questions_has() {
    let (t, root) = init_book();
    write(
        &root,
        "content/quizzes/final.quiz.yaml",
        "id: final\ntitle: 结业考试\nfrom:\n  - quiz: example\nquestions:\n  - id: example-02\n    type: true_false\n    prompt: 天是蓝的。\n    answer: true\n",
    );
    assert!(run(&root, &["check"]).status.success());
    let bank = t.path().join("bank.csv");
    std::fs::write(&bank, "题型,题干,答案\n判断,投诉要当天登记。,对\n").unwrap();
    let o = import(&root, &bank, "example");
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(out.contains("(example-03)"), "{out}");
    assert!(out.contains("; 0 errors"), "{out}");
}

/// Errors the book has already are not the import's: it goes ahead (and `check` lists them),
/// also for one in the quiz file below where the questions go.
#[test]
fn errors_the_book_had_before_do_not_stop_an_import() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let quiz = format!("{}related: [NO-SUCH-RULE]\n", read(&root, rel));
    write(&root, rel, &quiz);
    write(
        &root,
        "content/basics/broken.md",
        "---\ntitle: 坏\n---\n见 [[rule:NO-SUCH-2]]。\n",
    );
    let errors_before = stderr(&run(&root, &["check"]));
    assert!(errors_before.contains("NO-SUCH-RULE"), "{errors_before}");
    let bank = t.path().join("bank.csv");
    std::fs::write(&bank, "题型,题干,答案\n判断,投诉要当天登记。,对\n").unwrap();
    let o = import(&root, &bank, "example");
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(
        out.contains("added to content/quizzes/example.quiz.yaml with 1 question"),
        "{out}\n{err}"
    );
    assert!(format!("{out}{err}").contains("; 2 errors"), "{out}\n{err}");
    assert!(!o.status.success(), "check's errors give the exit code");
    let after = read(&root, rel);
    assert!(
        after.ends_with("    answer: true\nrelated: [NO-SUCH-RULE]\n"),
        "{after}"
    );
}

/// A quiz file that does not read is an error at its line and column, listed with the bank's
/// own errors; nothing is written.
#[test]
fn a_quiz_that_does_not_read_is_placed_and_the_banks_errors_come_too() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let broken = read(&root, rel).replace("pass_mark: 80", "pass_mark: [80");
    write(&root, rel, &broken);
    let bank = t.path().join("bank.csv");
    std::fs::write(&bank, "题型,题干,答案\n判断,投诉要当天登记。,也许\n").unwrap();
    let o = import(&root, &bank, "example");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("{}:2:3: 答案 `也许`", bank.display())),
        "{err}"
    );
    assert!(
        err.lines().any(
            |l| l.starts_with("error: content/quizzes/example.quiz.yaml:")
                && l.split(':')
                    .nth(2)
                    .is_some_and(|n| n.parse::<usize>().is_ok())
        ),
        "{err}"
    );
    assert!(
        err.contains("the questions are added once the quiz file reads"),
        "{err}"
    );
    // The summary names both files.
    assert!(
        err.contains(&format!(
            "nothing was imported: 2 errors: 1 in {}, 1 in {rel}",
            bank.display()
        )),
        "{err}"
    );
    assert_eq!(read(&root, rel), broken);
    // A bank without a mistake: the error is the quiz file's alone, and the summary says so.
    std::fs::write(&bank, "题型,题干,答案\n判断,投诉要当天登记。,对\n").unwrap();
    let o = import(&root, &bank, "example");
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains(&format!("nothing was imported: 1 error in {rel}\n")),
        "{err}"
    );
    assert!(!err.contains("bank.csv:"), "{err}");
    assert_eq!(read(&root, rel), broken);
}

/// A new quiz in a book without a quizzes folder: when `check` finds a mistake in it, the
/// file and the folder made for it go again.
#[test]
fn an_import_undone_leaves_no_folder_behind() {
    let (t, root) = init_book();
    // (The book's index links to the quiz removed: an error it had before.)
    std::fs::remove_dir_all(root.join("content/quizzes")).unwrap();
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "题型,题干,答案,解析\n判断,投诉要登记。,对,见 [[rule:EX-PROC-099]]\n",
    )
    .unwrap();
    let o = import(&root, &bank, "linked");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!("{}:2:4: ", bank.display())),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("content/quizzes").exists());
}

/// With a relative `--root` other than `.` (a content repository with the book in a folder of
/// it), the quiz file and the book's pages are named from the current folder, as `check` names
/// them; the bank as it was typed.
#[test]
fn with_a_relative_root_files_are_named_from_the_current_folder_as_check_names_them() {
    let (t, root) = init_book();
    let rel = "content/quizzes/example.quiz.yaml";
    let quiz = read(&root, rel);
    write(&root, rel, &quiz.replace("pass_mark: 80", "pass_mark: [80"));
    std::fs::write(
        t.path().join("bank.csv"),
        "题型,题干,答案\n判断,投诉要当天登记。,也许\n",
    )
    .unwrap();
    let here = |root: &str, quiz: &str| {
        handbook_cmd()
            .current_dir(t.path())
            .args([
                "--root",
                root,
                "import",
                "questions",
                "bank.csv",
                "--quiz",
                quiz,
            ])
            .env("CI", "1")
            .output()
            .unwrap()
    };
    for book in ["book", "./book"] {
        let o = here(book, "example");
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(err.contains("error: bank.csv:2:3: 答案 `也许`"), "{err}");
        assert!(
            err.contains(&format!("error: book/{rel}:")),
            "{book}: {err}"
        );
        assert!(
            err.contains(&format!(
                "nothing was imported: 2 errors: 1 in bank.csv, 1 in book/{rel}\n"
            )),
            "{book}: {err}"
        );
    }
    // Imported: the quiz file made, named from here.
    write(&root, rel, &quiz);
    std::fs::write(
        t.path().join("bank.csv"),
        "题型,题干,答案\n判断,投诉要当天登记。,对\n",
    )
    .unwrap();
    let o = here("book", "here");
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains("created book/content/quizzes/here.quiz.yaml with 1 question from bank.csv"),
        "{out}"
    );
    // (From inside the book, as before.)
    std::fs::write(
        root.join("bank.csv"),
        "题型,题干,答案\n判断,投诉要三天内回访。,也许\n",
    )
    .unwrap();
    let o = handbook_cmd()
        .current_dir(&root)
        .args(["import", "questions", "bank.csv", "--quiz", "here"])
        .output()
        .unwrap();
    assert!(
        stderr(&o).contains("nothing was imported: 1 error in bank.csv\n"),
        "{}",
        stderr(&o)
    );
}

/// The command's help and the trainers' guide say Excel's 「Unicode 文本」 imports too (the
/// save older Excel offers when it has no 「CSV UTF-8」), not only 「CSV UTF-8」.
#[test]
fn the_help_and_the_guide_name_unicode_text_as_well_as_csv_utf8() {
    let o = handbook_cmd()
        .args(["import", "questions", "--help"])
        .output()
        .unwrap();
    let help = stdout(&o);
    assert!(o.status.success(), "{help}");
    assert!(help.contains("「CSV UTF-8（逗号分隔）」"), "{help}");
    assert!(help.contains("「Unicode 文本"), "{help}");
    let o = handbook_cmd().args(["--help"]).output().unwrap();
    assert!(stdout(&o).contains("「Unicode 文本」"), "{}", stdout(&o));
    let guide = read(&repo(), "content/trainer/writing-quizzes.md");
    let import = guide
        .split("{#import}")
        .nth(1)
        .and_then(|s| s.split("\n## ").next())
        .unwrap();
    assert!(import.contains("CSV UTF-8"), "{import}");
    assert!(import.contains("Unicode 文本"), "{import}");
}

/// A bank whose 题干 column is missing (renamed in Excel) is told that at its header row, and
/// its rows, all without a prompt, are not also told to be the same question as each other.
#[test]
fn rows_without_a_prompt_are_not_duplicates_of_each_other() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "题型,说明文字,答案\n判断,天是蓝的,对\n判断,草是绿的,错\n",
    )
    .unwrap();
    let outcome = handbook::import::questions(&root, &bank, "fresh", None).unwrap();
    let shown: Vec<String> = outcome.diagnostics.iter().map(|d| d.to_string()).collect();
    assert!(outcome.imported.is_none(), "{shown:#?}");
    assert!(
        shown
            .iter()
            .any(|d| d.contains("1:1") && d.contains("题干")),
        "{shown:#?}"
    );
    assert!(
        !shown.iter().any(|d| d.contains("the same question")),
        "{shown:#?}"
    );
}

/// A bank corrected in Excel and imported again: a row whose question is in the quiz with
/// another answer is told where to correct it (keeping its id), not to delete the row; a
/// 填空 answer holding / or 、 and a long one (an essay's points) are warned about, as a
/// learner typing one of them, or sentences, is marked wrong.
#[test]
fn a_corrected_answer_and_doubtful_fill_in_answers_are_told() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    std::fs::write(
        &bank,
        "题型,题干,选项A,选项B,选项C,答案\n单选,一般投诉几天办结？,3天,5天,10天,B\n",
    )
    .unwrap();
    assert!(import(&root, &bank, "ch1").status.success());
    std::fs::write(
        &bank,
        "题型,题干,选项A,选项B,选项C,答案\n单选,一般投诉几天办结？,3天,5天,10天,C\n",
    )
    .unwrap();
    let o = import(&root, &bank, "ch1");
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("bank.csv:2:6: this question is in quiz `ch1` already, as `ch1-01`, with another answer: “5天” there, “10天” here"),
        "{err}"
    );
    assert!(
        err.contains("change `ch1-01`'s answer in content/quizzes/ch1.quiz.yaml (keeping its id"),
        "{err}"
    );
    std::fs::write(&bank, "题型,题干,答案\n填空,一般投诉的办结时限是？,5个工作日/五个工作日\n简答,客户情绪激动时怎么办？,要点：先倾听、再致歉、然后记录诉求并说明后续\n").unwrap();
    let o = import(&root, &bank, "ch2");
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("bank.csv:2:3: 答案 `5个工作日/五个工作日` is imported as one answer"),
        "{err}"
    );
    assert!(
        err.contains("bank.csv:3:3: 答案 is 22 characters long"),
        "{err}"
    );
    assert!(!err.contains("bank.csv:3:3: 答案 `"), "{err}");
}

/// A bank imported again after its quiz file was deleted, with a row put in at the top:
/// every id after it now names another question, and learners' records of them (scores,
/// 错题本) would count for questions they never saw. `check` warns at each such id, naming
/// what the published site had; a question only reworded is not warned about.
#[test]
fn an_id_the_published_site_has_for_another_question_is_warned_about() {
    let (t, root) = init_book();
    let bank = t.path().join("bank.csv");
    let rows = "判断,投诉要当天登记。,正确\n判断,受理投诉后要告诉客户办结时限。,正确\n";
    std::fs::write(&bank, format!("题型,题干,答案\n{rows}")).unwrap();
    assert!(import(&root, &bank, "ch1").status.success());
    assert!(run(&root, &["build"]).status.success());
    // Corrected in Excel: a question put in first, the file deleted and imported afresh.
    std::fs::remove_file(root.join("content/quizzes/ch1.quiz.yaml")).unwrap();
    std::fs::write(
        &bank,
        format!("题型,题干,答案\n判断,客户情绪激动时先安抚情绪。,正确\n{rows}"),
    )
    .unwrap();
    assert!(import(&root, &bank, "ch1").status.success());
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains(
            "question `ch1-01` was another question in the published site: “投诉要当天登记”"
        ),
        "{err}"
    );
    assert!(err.contains("question `ch1-02` was another question in the published site: “受理投诉后要告诉客户办结时限”"), "{err}");
    assert!(!err.contains("`ch1-03` was another"), "{err}");
    // Reworded, not replaced: nothing said.
    let f = root.join("content/quizzes/ch1.quiz.yaml");
    let yaml = std::fs::read_to_string(&f).unwrap();
    std::fs::remove_file(&f).unwrap();
    std::fs::write(&bank, format!("题型,题干,答案\n{rows}")).unwrap();
    assert!(import(&root, &bank, "ch1").status.success());
    let again = std::fs::read_to_string(&f)
        .unwrap()
        .replace("投诉要当天登记。", "投诉要在当天登记。");
    std::fs::write(&f, again).unwrap();
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains("was another question"), "{err}\n{yaml}");
}
