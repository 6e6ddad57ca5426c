//! `handbook report`: what a trainer should look at next, found in a book that builds.

mod common;
use common::*;

fn report_json(root: &std::path::Path, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["report", "--format", "json", "--today", "2026-11-30"];
    args.extend_from_slice(extra);
    let o = run(root, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).unwrap()
}

/// `[id, at]` of a section's items.
fn listed(r: &serde_json::Value, section: &str) -> Vec<(String, String)> {
    r[section]
        .as_array()
        .unwrap_or_else(|| panic!("{section}"))
        .iter()
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["at"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn report_lists_what_is_thin_or_old_with_where_it_is_written() {
    let (_t, root) = init_book();
    // A rule nobody cites or asks about, reviewed last month.
    write(
        &root,
        "content/rules/second.rule.yaml",
        "id: EX-PROC-002\ntitle: 回访\ncategory: procedure\nsummary: 办结后回访\neffective: 2026-10-01\n",
    );
    // A question with neither explanation nor basis.
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &format!("{quiz}  - id: example-02\n    type: true_false\n    prompt: 投诉一律要在当天办结。\n    answer: false\n"),
    );
    write(
        &root,
        "content/quizzes/extra.quiz.yaml",
        "id: extra\ntitle: 附加测验\ntime_guide: 30\nquestions:\n  - id: extra-01\n    type: true_false\n    prompt: 回访要及时。\n    answer: true\n    explanation: 办结后要回访。\n    rules: [EX-PROC-002]\n",
    );
    // A lesson for new staff outside the course, and one for trainers (not listed).
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\norder: 20\naudience: [new-staff]\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/basics/trainers.md",
        "---\ntitle: 给培训师\norder: 30\naudience: [trainer]\n---\n\n正文。\n",
    );
    // A course whose one module takes longer than its estimate (the quiz's 30 minutes).
    write(
        &root,
        "content/course.yaml",
        "id: c\ntitle: 入职课程\nmodules:\n  - title: 第一单元\n    estimate: 10\n    items:\n      - lesson: basics/first-lesson\n      - quiz: extra\n",
    );
    write(
        &root,
        "content/glossary.yaml",
        "- term: 投诉\n  definition: 客户的不满。\n- term: 违约金\n  synonyms: [滞纳金]\n  definition: 逾期交费要付的钱。\n",
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));

    let r = report_json(&root, &[]);
    assert_eq!(r["today"], "2026-11-30");
    assert_eq!(r["has_course"], true);
    let second = (
        "EX-PROC-002".to_string(),
        "content/rules/second.rule.yaml:1".to_string(),
    );
    // EX-PROC-002 is asked about by extra-01 but cited by no lesson.
    assert_eq!(listed(&r, "rules_without_questions"), []);
    assert_eq!(
        listed(&r, "rules_not_in_lessons"),
        std::slice::from_ref(&second)
    );
    // The example rule dates from 2025-01-01: older than 12 months; EX-PROC-002 is not.
    assert_eq!(
        listed(&r, "stale_rules"),
        [(
            "EX-PROC-001".into(),
            "content/rules/example.rule.yaml:2".into()
        )]
    );
    assert!(r["stale_rules"][0]["note"]
        .as_str()
        .unwrap()
        .contains("2025-01-01（698 天前）"));
    // Neither example rule names its source.
    assert_eq!(listed(&r, "rules_without_sources").len(), 2);
    // The example rule relates to the starter lesson and its good dialogue; EX-PROC-002 to none.
    assert_eq!(
        listed(&r, "rules_without_phrases"),
        std::slice::from_ref(&second)
    );
    // With 24 months, nothing is stale.
    assert_eq!(
        listed(
            &report_json(&root, &["--stale-months", "24"]),
            "stale_rules"
        ),
        []
    );
    assert_eq!(
        listed(&r, "lessons_not_in_course"),
        [("basics/second".into(), "content/basics/second.md:1".into())]
    );
    assert_eq!(
        listed(&r, "quizzes_not_in_course"),
        [(
            "example".into(),
            "content/quizzes/example.quiz.yaml:2".into()
        )]
    );
    // The new question, at its line in the quiz file.
    let line = quiz.lines().count() + 1;
    let q = (
        "example/example-02".to_string(),
        format!("content/quizzes/example.quiz.yaml:{line}"),
    );
    assert_eq!(
        listed(&r, "questions_without_explanation"),
        std::slice::from_ref(&q)
    );
    assert_eq!(listed(&r, "questions_without_basis"), [q]);
    assert_eq!(
        listed(&r, "unused_terms"),
        [("违约金".into(), "content/glossary.yaml:3".into())]
    );
    let modules = listed(&r, "modules_over_estimate");
    assert_eq!(modules, [(String::new(), "content/course.yaml:4".into())]);
    assert!(r["modules_over_estimate"][0]["note"]
        .as_str()
        .unwrap()
        .contains("测验约 30 分钟"));

    // For people: each section with its fix, each item at file:line; --strict fails on any.
    let o = run(&root, &["report", "--today", "2026-11-30"]);
    assert!(o.status.success());
    let text = stdout(&o);
    assert!(text.contains("• 没有课程提到的规则（1）"), "{text}");
    // Its advice is a link `check` accepts (`[[规则编号]]` was read as a lesson's path).
    assert!(text.contains("用 [[rule:规则编号]] 链接它"), "{text}");
    assert!(
        text.contains("  content/rules/second.rule.yaml:1  EX-PROC-002  回访"),
        "{text}"
    );
    assert!(text.contains("✓ 没有测验题考到的规则：没有"), "{text}");
    assert!(text.contains("怎么办："), "{text}");
    let o = run(&root, &["report", "--strict", "--today", "2026-11-30"]);
    assert_eq!(o.status.code(), Some(1));

    // Once the word is used and the rule cited, they leave the report.
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\norder: 20\naudience: [new-staff]\n---\n\n逾期要交滞纳金，见 [[EX-PROC-002]]。\n",
    );
    let r = report_json(&root, &[]);
    assert_eq!(listed(&r, "unused_terms"), []);
    assert_eq!(listed(&r, "rules_not_in_lessons"), []);
}

#[test]
fn report_of_a_broken_book_shows_its_errors_instead() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        "id: example\ntitle: [\n",
    );
    let o = run(&root, &["report"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.contains("content/quizzes/example.quiz.yaml:"), "{err}");
    assert!(err.contains("report stopped"), "{err}");
    // A command-line slip: exit 2, as `--stale-months abc` or `--format xml` (clap's own).
    let o = run(&root, &["report", "--today", "30/11/2026"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a date"));
    assert_eq!(
        run(&root, &["report", "--today", "2026-02-30"])
            .status
            .code(),
        Some(2)
    );
    assert_eq!(
        run(&root, &["report", "--stale-months", "abc"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn the_bundled_book_has_every_rule_asked_and_cited() {
    let r = report_json(&repo(), &[]);
    assert_eq!(listed(&r, "rules_without_questions"), []);
    assert_eq!(listed(&r, "rules_not_in_lessons"), []);
    assert_eq!(listed(&r, "questions_without_explanation"), []);
    assert_eq!(listed(&r, "lessons_not_in_course"), []);
    assert_eq!(listed(&r, "rules_without_sources"), []);
    // Every rule card has 示范话术 from a related lesson.
    assert_eq!(listed(&r, "rules_without_phrases"), []);
    // Every length of time written beside a rule's id is one that rule states; and in a
    // section naming none, one of the rules the page cites.
    assert_eq!(listed(&r, "limits_not_in_rules"), []);
}

#[test]
fn a_revised_time_limit_finds_the_lessons_and_the_summary_still_saying_the_old_one() {
    let (_t, root) = bundled_copy();
    // TS-PROC-002: 5 working days become 4, in its limits and steps, not in its summary.
    let rule = read(&root, "content/rules/ts-proc-002.rule.yaml")
        .replacen("    value: 5\n", "    value: 4\n", 1)
        .replace(
            "within: { value: 5, unit: working_days }",
            "within: { value: 4, unit: working_days }",
        );
    write(&root, "content/rules/ts-proc-002.rule.yaml", &rule);
    let r = report_json(&root, &[]);
    let items = r["limits_not_in_rules"].as_array().unwrap();
    let found: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["at"].as_str().unwrap(), i["note"].as_str().unwrap()))
        .collect();
    let line_of = |file: &str, needle: &str| {
        read(&root, file)
            .lines()
            .position(|l| l.contains(needle))
            .unwrap()
            + 1
    };
    for (file, needle) in [
        ("content/procedure/overview.md", "一般投诉 5 个工作日内办结"),
        ("content/phone/steering-solving.md", "（一般 5 个工作日"),
        ("content/rules/ts-proc-002.rule.yaml", "summary:"),
        // The good dialogue the rule's card offers agents to copy, by the card's `related`.
        (
            "content/procedure/time-limits.md",
            "坐席：您的投诉我已经登记",
        ),
        // Quizzes, by the question's `rules`: short answers still accepting the old figure
        // (in Chinese numerals too), the correct option, a matching pair, a scenario's best
        // answer; the glossary's definition, by the term's `related`.
        (
            "content/quizzes/procedure-time-limits.quiz.yaml",
            "- 五个工作日",
        ),
        (
            "content/quizzes/procedure-time-limits.quiz.yaml",
            "right: 受理之日起5个工作日内",
        ),
        (
            "content/quizzes/final-exam.quiz.yaml",
            "- text: 自受理之日起5个工作日内办结",
        ),
        (
            "content/quizzes/scenario-outage.quiz.yaml",
            "- text: 我现在就给您登记，转给负责的部门",
        ),
        (
            "content/glossary.yaml",
            "definition: 投诉从承办部门受理到办结的期限",
        ),
    ] {
        let at = format!("{file}:{}", line_of(file, needle));
        let note = found.iter().find(|(a, _)| *a == at).map(|(_, n)| *n);
        let note = note.unwrap_or_else(|| panic!("{at} is not listed: {found:?}"));
        assert!(
            note.contains("5")
                && note.contains("TS-PROC-002 的时限：4个工作日、10个工作日、30个工作日"),
            "{note}"
        );
    }
    // Lengths that are some cited rule's (the 3-day reply beside TS-PROC-003) are not listed.
    assert!(
        !found.iter().any(|(_, n)| n.starts_with("写的是“3")),
        "{found:?}"
    );
    // Not a wrong option, nor a distractor: they give other lengths on purpose.
    let wrong = line_of(
        "content/quizzes/procedure-time-limits.quiz.yaml",
        "- 受理之日起15个工作日内",
    );
    assert!(
        !found
            .iter()
            .any(|(a, _)| *a == format!("content/quizzes/procedure-time-limits.quiz.yaml:{wrong}")),
        "{found:?}"
    );
    // Nothing inside code blocks: the trainer guide's YAML examples. Nor the home page: its
    // 常用时限速查 is a ```limits block, quoted from the rules at every build.
    assert!(
        !found
            .iter()
            .any(|(a, _)| a.starts_with("content/trainer/writing-quizzes.md")
                || a.starts_with("content/index.md")),
        "{found:?}"
    );
}

#[test]
fn a_four_backtick_fence_quoting_a_three_backtick_example_is_code_to_its_end() {
    let (_t, root) = init_book();
    // A guide (for everyone) showing how to quote a rule: the example's own ``` does not end
    // the ```` block, so the figures after it are still the example's.
    write(
        &root,
        "content/basics/how-to.md",
        "---\ntitle: 怎样引用\n---\n\n## 写法\n\n[[rule:EX-PROC-001]] 可以这样引用：\n\n````markdown\n```rule EX-PROC-001\n```\n\n旧写法：一般投诉 5 个工作日内办结。\n````\n\n> [!NOTE]\n> ```text\n> 示例：5 个工作日\n> ```\n",
    );
    revise_example_to_four_days(&root);
    let r = report_json(&root, &[]);
    let found = listed(&r, "limits_not_in_rules");
    assert!(
        !found
            .iter()
            .any(|(_, at)| at.starts_with("content/basics/how-to.md")),
        "{found:?}"
    );
    // (Written as prose, the same line is found.)
    let how = read(&root, "content/basics/how-to.md")
        .replace("````markdown\n", "")
        .replace(
            "旧写法：一般投诉 5 个工作日内办结。\n````\n",
            "旧写法：一般投诉 5 个工作日内办结。\n",
        );
    write(&root, "content/basics/how-to.md", &how);
    let found = listed(&report_json(&root, &[]), "limits_not_in_rules");
    assert!(
        found
            .iter()
            .any(|(_, at)| at.starts_with("content/basics/how-to.md")),
        "{found:?} {how}"
    );
}

#[test]
fn a_rule_related_to_a_lesson_section_has_phrases_only_if_that_section_has_a_dialogue() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md") + "\n## 附录 {#more}\n\n正文。\n";
    write(&root, "content/basics/first-lesson.md", &lesson);
    let rule = read(&root, "content/rules/example.rule.yaml");
    let relate = |section: &str| {
        write(
            &root,
            "content/rules/example.rule.yaml",
            &rule.replace(
                "related: [lesson:basics/first-lesson]",
                &format!("related: [lesson:basics/first-lesson#{section}]"),
            ),
        );
        listed(&report_json(&root, &[]), "rules_without_phrases")
    };
    // The starter lesson's good dialogue is under its first heading, not under 附录.
    assert_eq!(
        relate("more"),
        [(
            "EX-PROC-001".to_string(),
            "content/rules/example.rule.yaml:2".to_string()
        )]
    );
    assert_eq!(relate("投诉是免费的反馈"), []);
}

#[test]
fn a_rule_relating_to_a_whole_lesson_of_several_dialogue_sections_is_told_which_one_cites_it() {
    let (_t, root) = bundled_copy();
    // Before, both rules related to the whole lesson: each card showed both sections' dialogues.
    for (file, section) in [
        ("content/rules/ts-gov-001.rule.yaml", "#confidentiality"),
        ("content/rules/ts-gov-002.rule.yaml", "#recusal"),
    ] {
        let text = read(&root, file);
        assert!(text.contains(section), "{file}");
        write(&root, file, &text.replace(section, ""));
    }
    let r = report_json(&root, &[]);
    let related_line = |file: &str| {
        let text = read(&root, file);
        text.lines()
            .position(|l| l.starts_with("related:"))
            .unwrap()
            + 1
    };
    assert_eq!(
        listed(&r, "phrases_to_narrow"),
        [
            (
                "TS-GOV-001".to_string(),
                format!(
                    "content/rules/ts-gov-001.rule.yaml:{}",
                    related_line("content/rules/ts-gov-001.rule.yaml")
                )
            ),
            (
                "TS-GOV-002".to_string(),
                format!(
                    "content/rules/ts-gov-002.rule.yaml:{}",
                    related_line("content/rules/ts-gov-002.rule.yaml")
                )
            ),
        ]
    );
    let notes: Vec<&str> = r["phrases_to_narrow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["note"].as_str().unwrap())
        .collect();
    assert!(
        notes[1].contains("只在 #recusal 一节引用本规则：可写成 lesson:principles/confidentiality-recusal#recusal"),
        "{notes:?}"
    );
    assert!(
        notes[0].contains("lesson:principles/confidentiality-recusal#confidentiality"),
        "{notes:?}"
    );
    // The bundled book, as it is, has none.
    assert_eq!(listed(&report_json(&repo(), &[]), "phrases_to_narrow"), []);
}

#[test]
fn report_lists_the_drafts_not_yet_published() {
    let (_t, root) = init_book();
    let r = report_json(&root, &[]);
    assert_eq!(listed(&r, "drafts"), Vec::<(String, String)>::new());
    write(
        &root,
        "content/basics/wip.md",
        "---\ntitle: 还没写完\ndraft: true\n---\n\n【待填写】\n",
    );
    let r = report_json(&root, &[]);
    assert_eq!(
        listed(&r, "drafts"),
        [(
            "basics/wip".to_string(),
            "content/basics/wip.md:1".to_string()
        )]
    );
    assert_eq!(r["drafts"][0]["title"], "还没写完");
    let human = stdout(&run(&root, &["report", "--today", "2026-11-30"]));
    assert!(
        human.contains("• 还没有发布的草稿（1）") && human.contains("handbook serve --drafts"),
        "{human}"
    );
}

#[test]
fn a_time_limit_in_a_section_naming_no_rule_is_compared_with_the_rules_the_page_cites() {
    let (_t, root) = init_book();
    // The home page's table of common limits, under a heading of its own; the rule is named
    // in another section (the way the bundled home page does), or only quoted in a ```rule block.
    write(
        &root,
        "content/index.md",
        "---\ntitle: 手册\n---\n\n## 一线人员\n\n最常用的规则：[[rule:EX-PROC-001]]。\n\n## 常用时限速查\n\n| 事项 | 时限 |\n|---|---|\n| 95598 受理 | 全天 24 小时 |\n| 一般投诉办结 | 5 个工作日 |\n",
    );
    write(
        &root,
        "content/basics/quoted.md",
        "---\ntitle: 引用规则\n---\n\n## 规定\n\n```rule EX-PROC-001\n```\n\n## 怎样告诉客户\n\n```dialogue good 讲清时限\n客户：要等多久？\n坐席：一般 5 个工作日内办结。\n```\n",
    );
    // A guide for trainers names rules to show the syntax; its figures elsewhere are examples.
    write(
        &root,
        "content/basics/guide.md",
        "---\ntitle: 写作指南\naudience: [trainer]\n---\n\n## 链接\n\n链接规则写 [[rule:EX-PROC-001]]。\n\n## 修订记录\n\n写清改了什么，例如“办结时限由 5 个工作日改为 3 个工作日”。\n",
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // As they are, they agree with the rule.
    assert_eq!(listed(&report_json(&root, &[]), "limits_not_in_rules"), []);

    // The rule revised, 5 working days to 4.
    revise_example_to_four_days(&root);
    let r = report_json(&root, &[]);
    let line = |file: &str, needle: &str| {
        let n = read(&root, file)
            .lines()
            .position(|l| l.contains(needle))
            .unwrap();
        format!("{file}:{}", n + 1)
    };
    assert_eq!(
        listed(&r, "limits_not_in_rules"),
        [
            (
                String::new(),
                line("content/index.md", "| 一般投诉办结 | 5 个工作日 |")
            ),
            (
                "basics/quoted".to_string(),
                line("content/basics/quoted.md", "坐席：一般 5 个工作日")
            ),
            // (The starter quiz's answer, by the question's `rules`.)
            (
                "example#example-01".to_string(),
                line("content/quizzes/example.quiz.yaml", "- text: 5个工作日")
            ),
        ]
    );
    assert!(
        r["limits_not_in_rules"][0]["note"]
            .as_str()
            .unwrap()
            .contains("写的是“5 个工作日”；EX-PROC-001 的时限：4个工作日"),
        "{r}"
    );
}

#[test]
fn a_step_within_left_at_the_old_limit_does_not_vouch_for_it() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md")
            + "\n## 时限\n\n[[rule:EX-PROC-001]] 规定 5 个工作日内办结；[[rule:EX-INT-002]] 要求当天整理，1 天内转出。\n"),
    );
    // A rule with no time limits of its own: its step's `within` is what it states.
    write(
        &root,
        "content/rules/sort.rule.yaml",
        "id: EX-INT-002\ntitle: 每日整理\ncategory: procedure\nsummary: 当天受理的投诉当天整理，1 天内转出。\nsteps:\n  - who: 坐席\n    what: 整理当天受理的投诉。\n    within: { value: 1, unit: calendar_days }\n",
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(listed(&report_json(&root, &[]), "limits_not_in_rules"), []);

    // Half a revision: the limit becomes 4 working days, the step's `within` stays at 5.
    let file = "content/rules/example.rule.yaml";
    let rule = read(&root, file).replace("    value: 5\n", "    value: 4\n");
    write(&root, file, &rule);
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let r = report_json(&root, &[]);
    let line = |file: &str, needle: &str| {
        let n = read(&root, file)
            .lines()
            .position(|l| l.contains(needle))
            .unwrap();
        format!("{file}:{}", n + 1)
    };
    let ex = |at: String| ("EX-PROC-001".to_string(), at);
    assert_eq!(
        listed(&r, "limits_not_in_rules"),
        [
            (
                "basics/first-lesson".to_string(),
                line("content/basics/first-lesson.md", "规定 5 个工作日")
            ),
            (
                "example#example-01".to_string(),
                line("content/quizzes/example.quiz.yaml", "- text: 5个工作日")
            ),
            // The rule's own summary, and the step.
            ex(line(file, "summary:")),
            ex(line(file, "within:")),
        ]
    );
    let notes: Vec<&str> = r["limits_not_in_rules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["note"].as_str().unwrap())
        .collect();
    assert!(
        notes[3].contains("within 是“5个工作日”；EX-PROC-001 的时限：4个工作日"),
        "{notes:?}"
    );
    // Not 4 and 5 as the rule's limits in the notes: only its time limits.
    assert!(!notes[0].contains("5个工作日"), "{notes:?}");
}

/// The init book's rule revised: 5 working days become 4, in its limits, steps and summary.
fn revise_example_to_four_days(root: &std::path::Path) {
    let rule = read(root, "content/rules/example.rule.yaml")
        .replace("    value: 5\n", "    value: 4\n")
        .replace("within: { value: 5,", "within: { value: 4,")
        .replace("5个工作日", "4个工作日");
    write(root, "content/rules/example.rule.yaml", &rule);
}

#[test]
fn a_revision_that_changed_a_limit_without_its_previous_value_is_listed_at_its_line() {
    let (_t, root) = init_book();
    revise_example_to_four_days(&root);
    let rule = read(&root, "content/rules/example.rule.yaml");
    let revised = |change: &str| {
        rule.replace(
            "version: \"1.0\"\neffective: 2025-01-01",
            "version: \"1.1\"\neffective: 2026-11-01",
        ) + &format!("  - date: 2026-11-01\n    change: {change}\n    version: \"1.1\"\n")
    };
    let line = revised("x").lines().count() - 1; // (the `change:` line)
                                                 // 5 -> 4 without `previous`: 时限速查 would count an October case with 4 days.
    write(
        &root,
        "content/rules/example.rule.yaml",
        &revised("办结时限由5个工作日改为4个工作日"),
    );
    let r = report_json(&root, &[]);
    assert_eq!(
        listed(&r, "limits_changed_without_previous"),
        [(
            "EX-PROC-001".to_string(),
            format!("content/rules/example.rule.yaml:{line}")
        )]
    );
    let note = r["limits_changed_without_previous"][0]["note"]
        .as_str()
        .unwrap();
    assert!(
        note.contains("时限“办结时限”（4个工作日）没有写 previous"),
        "{note}"
    );
    // A later note of the same version (补充来源) does not hide it; 缩短到 says it too.
    write(
        &root,
        "content/rules/example.rule.yaml",
        &(revised("办结时限由5个工作日缩短到4个工作日")
            + "  - date: 2026-11-20\n    change: 补充依据文件\n    version: \"1.1\"\n"),
    );
    assert_eq!(
        listed(&report_json(&root, &[]), "limits_changed_without_previous"),
        [(
            "EX-PROC-001".to_string(),
            format!("content/rules/example.rule.yaml:{line}")
        )]
    );
    // With `previous: 5` it is said; and a change that names what a limit allows is no change.
    write(
        &root,
        "content/rules/example.rule.yaml",
        &revised("办结时限由5个工作日改为4个工作日").replace(
            "    condition: ordinary\n",
            "    condition: ordinary\n    previous: 5\n",
        ),
    );
    assert_eq!(
        listed(&report_json(&root, &[]), "limits_changed_without_previous"),
        []
    );
    for change in ["写明经批准可延长到最长4个工作日", "复核：时限仍为4个工作日"]
    {
        write(&root, "content/rules/example.rule.yaml", &revised(change));
        assert_eq!(
            listed(&report_json(&root, &[]), "limits_changed_without_previous"),
            [],
            "{change}"
        );
    }
}

/// Rules in force with one title: a search lists them alike, told apart by the id alone.
#[test]
fn report_lists_rules_with_the_same_title() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/second.rule.yaml",
        "id: EX-PROC-002\ntitle: 投诉办理时限\ncategory: procedure\nsummary: 营业厅的投诉\neffective: 2026-10-01\n",
    );
    let r = report_json(&root, &[]);
    assert_eq!(
        listed(&r, "rules_with_same_title"),
        [
            (
                "EX-PROC-001".to_string(),
                "content/rules/example.rule.yaml:2".to_string()
            ),
            (
                "EX-PROC-002".to_string(),
                "content/rules/second.rule.yaml:1".to_string()
            )
        ]
    );
    assert_eq!(r["rules_with_same_title"][0]["note"], "与 EX-PROC-002 同名");
    let o = run(&root, &["report", "--today", "2026-11-30"]);
    assert!(stdout(&o).contains("标题相同的规则"), "{}", stdout(&o));
}
