//! A rule's versions: one abolished by a new policy (`repealed:`, `replaced_by:`) keeps its card
//! for old cases, marked, what still teaches or asks it is warned about and 时限速查 drops it; a
//! version published ahead names the limits it changes with their value until then
//! (`previous:`).

mod common;
use common::*;

/// The init book with its rule repealed on `day` and replaced by a second rule; a lesson that
/// links and quotes the old rule, a course that lists it (and init's search check that expects
/// it).
fn book_with_repealed(day: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &format!("{rule}repealed: {day}\nreplaced_by: EX-PROC-002\n"),
    );
    write(
        &root,
        "content/rules/second.rule.yaml",
        "id: EX-PROC-002\ntitle: 投诉办理新时限\ncategory: procedure\nsummary: 一般投诉在4个工作日内办结。\ntime_limits:\n  - label: 办结时限\n    value: 4\n    unit: working_days\nrelated: [EX-PROC-001]\neffective: 2025-06-01\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n\n以前按 [[rule:EX-PROC-001]] 办。\n\n```rule EX-PROC-001\n```\n"),
    );
    write(
        &root,
        "content/course.yaml",
        "title: 入职课程\nmodules:\n  - title: 第一单元\n    items:\n      - lesson: basics/first-lesson\n      - rule: EX-PROC-001\n      - quiz: example\n",
    );
    (t, root)
}

#[test]
fn what_still_cites_a_repealed_rule_is_warned_about_where_it_is_written() {
    let (_t, root) = book_with_repealed("2025-03-01");
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "warnings only: {err}");
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    let q_line = quiz
        .lines()
        .position(|l| l.contains("rules: [EX-PROC-001]"))
        .unwrap()
        + 1;
    let lesson = read(&root, "content/basics/first-lesson.md");
    let fence = lesson
        .lines()
        .position(|l| l.starts_with("```rule"))
        .unwrap()
        + 1;
    let checks = read(&root, "content/search-checks.yaml");
    let c_line = checks
        .lines()
        .position(|l| l == "  expect: rule:EX-PROC-001")
        .unwrap()
        + 1;
    for want in [
        format!("content/quizzes/example.quiz.yaml:{q_line}:13: question `example-01`: rule `EX-PROC-001` was repealed on 2025-03-01"),
        "content/course.yaml:6:15: module `第一单元`: rule `EX-PROC-001` was repealed on 2025-03-01".to_string(),
        format!("content/basics/first-lesson.md:{fence}:1: embedded rule: rule `EX-PROC-001` was repealed on 2025-03-01"),
        format!("content/search-checks.yaml:{c_line}:11: search check `投诉多久要办结`: rule `EX-PROC-001` was repealed on 2025-03-01"),
    ] {
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    // The hint names the rule that replaced it.
    assert!(
        err.contains("name `EX-PROC-002` (投诉办理新时限), which replaced it, instead"),
        "{err}"
    );
    assert!(
        err.contains("quote `EX-PROC-002`, which replaced it, instead"),
        "{err}"
    );
    // The rule that replaced it may relate to it; a plain link in a lesson is not warned about
    // (it says 已废止 itself).
    assert!(!err.contains("second.rule.yaml"), "{err}");
    assert_eq!(err.matches("was repealed").count(), 4, "{err}");
    // `--strict` (a trainer's CI) fails on them.
    assert!(!run(&root, &["check", "--strict"]).status.success());
}

#[test]
fn a_repealed_rule_is_marked_everywhere_it_shows_and_hides_on_the_time_limits_page() {
    let (_t, root) = book_with_repealed("2025-03-01");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(card.contains("rule-card-repealed"), "{card}");
    assert!(card.contains("本规则已于 2025-03-01 废止</strong>，由 <a href=\"../../rules/EX-PROC-002/index.html\">"), "{card}");
    let new = read(&root, "site/rules/EX-PROC-002/index.html");
    assert!(
        new.contains("取代 <a href=\"../../rules/EX-PROC-001/index.html\">"),
        "{new}"
    );
    let index = read(&root, "site/rules/index.html");
    assert!(
        index.contains(
            "<span class=\"badge badge-repealed\" title=\"2025-03-01 起废止\">已废止</span>"
        ),
        "{index}"
    );
    // On 时限速查 its rows are hidden, for handbook.js to show for a start before the day (a
    // case accepted then and checked now is still handled under it).
    let limits = read(&root, "site/rules/time-limits/index.html");
    assert!(
        limits.contains("<tr data-rule=\"EX-PROC-001\" data-repealed=\"2025-03-01\" hidden>"),
        "{limits}"
    );
    assert!(
        !limits.contains("<tr data-rule=\"EX-PROC-002\" data-repealed"),
        "{limits}"
    );
    assert!(
        limits.contains("<tr data-rule=\"EX-PROC-002\">"),
        "{limits}"
    );
    let lesson = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        lesson.contains("投诉办理时限（EX-PROC-001，已废止）"),
        "{lesson}"
    );
    assert!(
        lesson.contains("<p class=\"rule-repealed\">本规则已于 2025-03-01 废止"),
        "{lesson}"
    );
}

#[test]
fn a_repeal_ahead_warns_nothing_yet_and_says_when() {
    let (_t, root) = book_with_repealed("2199-01-01");
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("repealed"), "{err}");
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(!card.contains("rule-card-repealed"), "{card}");
    assert!(
        card.contains("本规则将于 <strong>2199-01-01</strong> 废止"),
        "{card}"
    );
    let limits = read(&root, "site/rules/time-limits/index.html");
    assert!(limits.contains("data-repealed=\"2199-01-01\""), "{limits}");
    let lesson = read(&root, "site/basics/first-lesson/index.html");
    // The quoting block says so too (which of its notes shows: the reader's date decides).
    assert!(
        lesson.contains("<p class=\"rule-repealed-ahead\">本规则将于 2199-01-01 废止"),
        "{lesson}"
    );
    assert!(
        lesson.contains("投诉办理时限（EX-PROC-001，2199-01-01 起废止）"),
        "{lesson}"
    );
    // On the day the regulation arrives, the owner looks ahead: `check --today` the repeal's
    // day says what will still cite it, as `check` says it once the day has passed.
    let o = run(&root, &["check", "--today", "2199-01-02"]);
    let ahead = stderr(&o);
    assert!(
        ahead.contains("content/quizzes/example.quiz.yaml:"),
        "{ahead}"
    );
    assert!(ahead.contains("repealed"), "{ahead}");
    let o = run(&root, &["check", "--today", "2199-13-02"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--today 2199-13-02: not a date"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn repeal_mistakes_are_errors_at_the_field() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let n = rule.lines().count();
    let (a, b) = (n + 1, n + 2);
    for (extra, expected) in [
        ("repealed: 2025-13-01\n", format!("example.rule.yaml:{a}:11: rule `EX-PROC-001`: repeal date `2025-13-01` is not a date")),
        ("repealed: 2024-06-01\n", format!("example.rule.yaml:{a}:11: rule `EX-PROC-001`: the rule is repealed on 2024-06-01, before it takes effect (2025-01-01)")),
        ("replaced_by: EX-PROC-009\n", format!("example.rule.yaml:{a}:14: rule `EX-PROC-001`: `replaced_by: EX-PROC-009` on a rule that is not repealed")),
        ("repealed: 2026-01-01\nreplaced_by: EX-PROC-009\n", format!("example.rule.yaml:{b}:14: rule `EX-PROC-001`: reference to a missing rule `EX-PROC-009`")),
        ("repealed: 2026-01-01\nreplaced_by: EX-PROC-001\n", format!("example.rule.yaml:{b}:14: rule `EX-PROC-001`: a rule cannot replace itself")),
    ] {
        write(&root, "content/rules/example.rule.yaml", &format!("{rule}{extra}"));
        let o = run(&root, &["check"]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{extra}: {err}");
        assert!(err.contains(&expected), "want `{expected}` in:\n{err}");
    }
}

#[test]
fn report_lists_the_lines_still_naming_a_repealed_rule_and_asks_nothing_more_of_it() {
    let (_t, root) = book_with_repealed("2025-03-01");
    let o = run(
        &root,
        &["report", "--format", "json", "--today", "2026-11-30"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let link = lesson
        .lines()
        .position(|l| l.starts_with("以前按"))
        .unwrap()
        + 1;
    // (The init lesson cites the rule too; the ```rule block is check's.)
    let cited = r["repealed_rules_cited"].as_array().unwrap();
    let first = lesson
        .lines()
        .position(|l| l.contains("EX-PROC-001"))
        .unwrap()
        + 1;
    let at: Vec<&str> = cited.iter().map(|i| i["at"].as_str().unwrap()).collect();
    assert_eq!(
        at,
        [
            format!("content/basics/first-lesson.md:{first}"),
            format!("content/basics/first-lesson.md:{link}")
        ]
    );
    assert_eq!(
        cited[1]["note"],
        "EX-PROC-001 已于 2025-03-01 废止，由 EX-PROC-002 取代"
    );
    // No questions, lessons or review asked of the repealed rule.
    for section in [
        "rules_without_questions",
        "rules_not_in_lessons",
        "stale_rules",
    ] {
        assert!(
            !r[section]
                .as_array()
                .unwrap()
                .iter()
                .any(|i| i["id"] == "EX-PROC-001"),
            "{section}: {}",
            r[section]
        );
    }
    // Before the day it is an ordinary rule.
    let o = run(
        &root,
        &["report", "--format", "json", "--today", "2025-02-28"],
    );
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(r["repealed_rules_cited"].as_array().unwrap().len(), 0);
}

/// The init book's rule with its limit changed from 5 to 4 working days on `effective`.
fn book_with_limit_changed_ahead(effective: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml")
        .replace("    value: 5\n", "    value: 4\n    previous: 5\n")
        .replace("effective: 2025-01-01", &format!("effective: {effective}"))
        .replace(
            "summary: 一般投诉在5个工作日内办结。",
            "summary: 一般投诉在4个工作日内办结。",
        )
        .replace(
            "within: { value: 5, unit: working_days }",
            "within: { value: 4, unit: working_days }",
        );
    write(&root, "content/rules/example.rule.yaml", &rule);
    (t, root)
}

#[test]
fn a_limit_changed_ahead_shows_its_value_until_then_and_the_lessons_may_still_say_it() {
    let (_t, root) = book_with_limit_changed_ahead("2026-12-01");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(
        card.contains("data-n=\"4\" data-unit=\"working_days\" data-previous=\"5\""),
        "{card}"
    );
    assert!(
        card.contains("<span class=\"limit-previous\">2026-12-01 前为 5个工作日</span>"),
        "{card}"
    );
    assert!(
        card.contains("注明“2026-12-01 前为……”的时限，在此之前按原来的时限办理"),
        "{card}"
    );
    let limits = read(&root, "site/rules/time-limits/index.html");
    assert!(
        limits.contains("data-effective=\"2026-12-01\" data-previous=\"5\""),
        "{limits}"
    );
    // The quiz still says 5 (the init book's answer): right until the day, stale after.
    let stale = |today: &str| -> Vec<String> {
        let o = run(&root, &["report", "--format", "json", "--today", today]);
        let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        r["limits_not_in_rules"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["at"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(stale("2026-11-30"), Vec::<String>::new());
    let after = stale("2026-12-01");
    assert!(
        after
            .iter()
            .any(|a| a.starts_with("content/quizzes/example.quiz.yaml:")),
        "{after:?}"
    );
}

#[test]
fn a_limit_changed_only_by_name_or_below_zero_is_an_error_at_previous() {
    let (_t, root) = book_with_limit_changed_ahead("2026-12-01");
    let rule = read(&root, "content/rules/example.rule.yaml");
    let line = rule
        .lines()
        .position(|l| l.contains("previous: 5"))
        .unwrap()
        + 1;
    for (text, want) in [
        (
            rule.replace("effective: 2026-12-01\n", ""),
            format!("example.rule.yaml:{line}:15: rule `EX-PROC-001`: `previous` on `办结时限`, but the rule has no `effective` day"),
        ),
        (
            rule.replace("previous: 5", "previous: -1"),
            format!("example.rule.yaml:{line}:15: rule `EX-PROC-001`: the previous value of `办结时限` is -1, not a positive number"),
        ),
    ] {
        write(&root, "content/rules/example.rule.yaml", &text);
        let o = run(&root, &["check"]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{err}");
        assert!(err.contains(&want), "want `{want}` in:\n{err}");
    }
}

#[test]
fn a_line_telling_a_repealed_rules_old_limit_is_listed_once_not_as_a_stale_limit() {
    let (_t, root) = book_with_repealed("2025-03-01");
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n旧规定 EX-PROC-001 为 7 个工作日，现按 EX-PROC-002。\n"),
    );
    let o = run(
        &root,
        &["report", "--format", "json", "--today", "2026-11-30"],
    );
    let r: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let line = read(&root, "content/basics/first-lesson.md")
        .lines()
        .count();
    let at = format!("content/basics/first-lesson.md:{line}");
    let listed = |section: &str| {
        r[section]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["at"] == at.as_str())
            .count()
    };
    assert_eq!(listed("repealed_rules_cited"), 1, "{r}");
    assert_eq!(listed("limits_not_in_rules"), 0, "{r}");
}

#[test]
fn each_revision_may_name_its_version_and_a_rule_behind_its_newest_is_warned() {
    let (t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let rule = rule.replace(
        "  - date: 2025-01-01\n    change: 首次发布\n",
        "  - date: 2025-01-01\n    change: 首次发布\n    version: \"1.0\"\n  - date: 2025-06-01\n    change: 补充步骤\n    version: \"1.1\"\n",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    // The rule still says 1.0 while its newest revision made 1.1.
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "a warning only: {}", stderr(&o));
    let line = read(&root, "content/rules/example.rule.yaml")
        .lines()
        .position(|l| l == "    version: \"1.1\"")
        .unwrap()
        + 1;
    let want = format!("content/rules/example.rule.yaml:{line}:14: rule `EX-PROC-001`: the newest revision (2025-06-01) says version `1.1`, the rule `version: 1.0`");
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));

    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace("version: \"1.0\"\neffective", "version: \"1.1\"\neffective"),
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    // The card's table has a 版本 column; 最近修订 gives each revision its own version.
    let card = std::fs::read_to_string(dest.join("rules/EX-PROC-001/index.html")).unwrap();
    assert!(card.contains("<th>版本</th>"), "{card}");
    assert!(
        card.contains("<tr data-date=\"2025-01-01\" data-version=\"1.0\"><td class=\"change-date\">2025-01-01</td><td>1.0</td><td>首次发布</td></tr>"),
        "{card}"
    );
    assert!(card.contains("class=\"revisions-asof\""), "{card}");
    let changes = std::fs::read_to_string(dest.join("rules/changes/index.html")).unwrap();
    let row = |day: &str| {
        let at = changes
            .find(&format!("<tr data-change-date=\"{day}\""))
            .unwrap();
        changes[at..at + changes[at..].find("</tr>").unwrap()].to_string()
    };
    assert!(
        row("2025-06-01").contains("<td>1.1</td>"),
        "{}",
        row("2025-06-01")
    );
    assert!(
        row("2025-01-01").contains("<td>1.0</td>"),
        "{}",
        row("2025-01-01")
    );
}

/// A version published ahead that adds a step and changes no time limit (no `previous`):
/// its limits are in force now, due dates counted as ever (a step added to TS-PROC-002 for
/// 2027-01-01 took its three 办结时限's due dates away for a month), and the banner says the
/// limits did not change. A rule first published ahead still has none in force before its day.
#[test]
fn a_version_ahead_that_changes_no_limit_keeps_its_limits_in_force() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml")
        .replace("effective: 2025-01-01", "effective: 2099-01-01")
        .replace("version: \"1.0\"", "version: \"1.1\"")
        .replace(
            "    what: 调查处理并答复客户\n",
            "    what: 调查处理并答复客户\n  - who: 受理人员\n    what: 一个工作日内回电告知进展\n",
        )
        .replace(
            "    change: 首次发布\n",
            "    change: 首次发布\n  - date: 2026-12-05\n    change: 增加回电告知进展一步，2099-01-01 起施行\n",
        );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(
        card.contains("data-n=\"5\" data-unit=\"working_days\" data-unchanged=\"\""),
        "{card}"
    );
    assert!(
        card.contains("在此之前仍按原规定办理；本版没有改动时限，截止日期照常计算。"),
        "{card}"
    );
    // First published ahead (one revision): nothing in force before the day.
    let first = rule.replace(
        "  - date: 2026-12-05\n    change: 增加回电告知进展一步，2099-01-01 起施行\n",
        "",
    );
    write(&root, "content/rules/example.rule.yaml", &first);
    assert!(run(&root, &["build"]).status.success());
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(!card.contains("data-unchanged"), "{card}");
    assert!(
        card.contains("在此之前仍按原规定办理，本页的时限和截止日期是施行后的。"),
        "{card}"
    );
}
