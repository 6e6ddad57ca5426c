//! `handbook export --format moodle-xml`: the structure Moodle's importer expects.

mod common;
use common::*;

#[test]
fn moodle_xml_export_has_the_structure_moodle_expects() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &repo(),
        &[
            "export",
            "--format",
            "moodle-xml",
            dir.path().to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("skipped scenario-outage / scenario-outage-01: branching scenarios"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.path().join("questions.moodle.xml")).unwrap();
    let doc = roxmltree::Document::parse(&text).expect("well-formed XML");
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "quiz");
    let allowed: Vec<f64> = handbook::export::MOODLE_FRACTIONS.to_vec();
    let mut counts = std::collections::HashMap::new();
    for q in root.children().filter(|n| n.has_tag_name("question")) {
        let kind = q.attribute("type").unwrap();
        *counts.entry(kind).or_insert(0) += 1;
        if kind == "category" {
            assert!(q.descendants().any(|n| n.has_tag_name("category")));
            continue;
        }
        assert!(
            ["multichoice", "truefalse", "shortanswer", "matching"].contains(&kind),
            "{kind}"
        );
        let name = q.children().find(|n| n.has_tag_name("name")).expect("name");
        assert!(!name
            .descendants()
            .filter_map(|n| n.text())
            .collect::<String>()
            .trim()
            .is_empty());
        let qt = q
            .children()
            .find(|n| n.has_tag_name("questiontext"))
            .expect("questiontext");
        assert!(qt.attribute("format").is_some());
        let answers: Vec<_> = q.children().filter(|n| n.has_tag_name("answer")).collect();
        for a in &answers {
            // Moodle rejects any fraction outside its list (33.33333 is fine, 33 is not).
            let f: f64 = a.attribute("fraction").unwrap().parse().unwrap();
            assert!(
                allowed.iter().any(|x| (x - f.abs()).abs() < 1e-9),
                "fraction {f} is not one Moodle accepts"
            );
        }
        match kind {
            "multichoice" => {
                let single = q
                    .children()
                    .find(|n| n.has_tag_name("single"))
                    .unwrap()
                    .text()
                    == Some("true");
                let full: Vec<f64> = answers
                    .iter()
                    .map(|a| a.attribute("fraction").unwrap().parse().unwrap())
                    .collect();
                if single {
                    assert_eq!(full.iter().filter(|f| **f == 100.0).count(), 1);
                } else {
                    let sum: f64 = full.iter().filter(|f| **f > 0.0).sum();
                    assert!((sum - 100.0).abs() < 0.01, "right answers add to {sum}");
                }
            }
            "truefalse" => assert_eq!(answers.len(), 2),
            "shortanswer" => assert!(!answers.is_empty()),
            "matching" => assert!(
                q.children()
                    .filter(|n| n.has_tag_name("subquestion"))
                    .count()
                    >= 3
            ),
            _ => {}
        }
    }
    // One category per quiz of the bundled book.
    let quizzes = std::fs::read_dir(repo().join("content/quizzes"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".quiz.yaml")
        })
        .count();
    // (A quiz of calls or flash cards only has nothing to export: no category for it, and
    // none of the categories stands empty.)
    assert!(
        counts["category"] < quizzes && counts["category"] >= quizzes - 4,
        "{counts:?} of {quizzes} quizzes"
    );
    let kinds: Vec<&str> = root
        .children()
        .filter(|n| n.has_tag_name("question"))
        .map(|q| q.attribute("type").unwrap())
        .collect();
    assert!(
        kinds.windows(2).all(|w| w != ["category", "category"])
            && kinds.last() != Some(&"category"),
        "{kinds:?}"
    );
    assert!(counts["multichoice"] >= 40, "{counts:?}");
    assert!(counts["truefalse"] >= 5, "{counts:?}");
}

#[test]
fn export_refuses_a_broken_book_and_writes_nothing() {
    let (_t, root) = init_book();
    write(&root, "content/quizzes/example.quiz.yaml", "id: example\ntitle: t\nquestions:\n  - id: a\n    type: single\n    prompt: p\n    options:\n      - text: x\n      - text: y\n");
    let dir = tempfile::tempdir().unwrap();
    let o = run(
        &root,
        &["export", "--format", "gift", dir.path().to_str().unwrap()],
    );
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no option is marked correct"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("questions.gift.txt").exists());
}

#[test]
fn exported_questions_show_the_books_links_as_words_and_name_their_rules() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        "id: example\ntitle: 入门小测验\nquestions:\n  - id: example-01\n    type: single\n    prompt: 按 [[rule:EX-PROC-001]] 和[第一课](basics/first-lesson.md)，一般投诉多久办结？\n    options:\n      - text: 5个工作日\n        correct: true\n        feedback: 对，见 [[lesson:basics/first-lesson|第一课的时限一节]]。\n      - text: 1个月\n    explanation: 详见[国家能源局](https://www.nea.gov.cn/)的规定。[](rule:EX-PROC-001)、[[rule:EX-PROC-001|]] ![工单截图](basics/shot.png)\n    rules: [EX-PROC-001]\n",
    );
    std::fs::write(root.join("content/basics/shot.png"), b"\x89PNG\r\n").unwrap();
    let dir = tempfile::tempdir().unwrap();
    for format in ["gift", "moodle-xml"] {
        let o = run(
            &root,
            &["export", "--format", format, dir.path().to_str().unwrap()],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let gift = std::fs::read_to_string(dir.path().join("questions.gift.txt")).unwrap();
    let xml = std::fs::read_to_string(dir.path().join("questions.moodle.xml")).unwrap();
    for text in [&gift, &xml] {
        assert!(!text.contains("[["), "{text}");
        assert!(!text.contains("first-lesson"), "{text}");
        // (A rule by its title and id, as the site's link shows it.)
        assert!(
            text.contains("按 投诉办理时限（EX-PROC-001） 和第一课，一般投诉多久办结"),
            "{text}"
        );
        assert!(text.contains("见 第一课的时限一节。"), "{text}");
        // A link to the web is kept; the question's rules are its basis, by title and id.
        assert!(text.contains("详见[国家能源局](https"), "{text}");
        assert!(text.contains("依据：投诉办理时限（EX-PROC-001）"), "{text}");
        // A link with no words of its own: the page's title; a picture of the book: in words.
        assert!(
            text.contains(
                "的规定。投诉办理时限（EX-PROC-001）、投诉办理时限（EX-PROC-001） ［图：工单截图］"
            ),
            "{text}"
        );
    }
    // A broken link in a question (found as its text is rendered): nothing exported.
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replace("[[rule:EX-PROC-001]]", "[[rule:EX-NOPE-999]]"),
    );
    let again = tempfile::tempdir().unwrap();
    let o = run(
        &root,
        &["export", "--format", "gift", again.path().to_str().unwrap()],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!again.path().join("questions.gift.txt").exists());
}
