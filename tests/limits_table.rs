//! ```` ```limits ID …``` ```` blocks: a table of the named rules' time limits, quoted from the
//! rule files at every build, so a page's quick-reference table (the bundled home page's
//! 常用时限速查) cannot drift from the rules when a regulation changes a limit.

mod common;
use common::*;

const SECOND: &str = "id: EX-PROC-002\ntitle: 答复时限\ncategory: procedure\nsummary: 办结后3个工作日内答复。\ntime_limits:\n  - label: 答复时限\n    value: 3\n    unit: working_days\n    note: 自办结之日起计算\n";

fn lesson_with(root: &std::path::Path, extra: &str) -> (String, String) {
    let base = read(root, "content/basics/first-lesson.md") + "\n";
    write(
        root,
        "content/basics/first-lesson.md",
        &(base.clone() + extra),
    );
    (base, extra.to_string())
}

#[test]
fn a_limits_block_tables_the_rules_limits_and_follows_a_changed_rule() {
    let (t, root) = init_book();
    write(&root, "content/rules/second.rule.yaml", SECOND);
    lesson_with(
        &root,
        "## 速查 {#quick}\n\n```limits EX-PROC-001\nEX-PROC-002\n```\n",
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let html = std::fs::read_to_string(dest.join("basics/first-lesson/index.html")).unwrap();
    let table = &html[html.find("<table class=\"limits-table\">").expect(&html)..];
    let table = &table[..table.find("</table>").unwrap()];
    // One row per limit, in the order the rules are named; each links to its card (relative).
    let rows: Vec<&str> = table.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 2, "{table}");
    assert!(
        rows[0].contains("<strong>5</strong>个工作日"),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("办结时限"), "{}", rows[0]);
    assert!(
        rows[0].contains("href=\"../../rules/EX-PROC-001/index.html\""),
        "{}",
        rows[0]
    );
    assert!(
        rows[1].contains("<strong>3</strong>个工作日"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains("一般情形：自办结之日起计算"),
        "{}",
        rows[1]
    );
    assert!(
        rows[1].contains("EX-PROC-002</span> 答复时限"),
        "{}",
        rows[1]
    );
    // Phones show each row as a card: every cell names its column.
    assert_eq!(table.matches("<td data-label=").count(), 6, "{table}");
    assert!(
        html.contains("<a href=\"../../rules/time-limits/index.html#rule=EX-PROC-001,EX-PROC-002\">按起算日算截止日期"),
        "a link to the due-date calculator"
    );
    // The rule cites the page as it does for a ```rule block.
    let card = std::fs::read_to_string(dest.join("rules/EX-PROC-002/index.html")).unwrap();
    assert!(card.contains("basics/first-lesson/index.html"), "{card}");

    // A regulation changes the limit: the table follows at the next build.
    let rule = read(&root, "content/rules/second.rule.yaml");
    write(
        &root,
        "content/rules/second.rule.yaml",
        &rule.replace("value: 3", "value: 2"),
    );
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dest.join("basics/first-lesson/index.html")).unwrap();
    assert!(html.contains("<strong>2</strong>个工作日"), "{html}");
    assert!(!html.contains("<strong>3</strong>个工作日"), "{html}");
}

#[test]
fn every_mistake_in_limits_blocks_is_named_at_its_line_and_column_in_one_run() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/no-limits.rule.yaml",
        "id: EX-GOV-001\ntitle: 回避\ncategory: procedure\nsummary: 与投诉有利害关系的应当回避。\n",
    );
    let extra =
        "```limits EX-PROC-01\nEX-PROC-001, EX-GOV-001\n  EX-PROC-001\n```\n\n```limits\n```\n";
    let (base, extra) = lesson_with(&root, extra);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let fence = line_in(&base, &extra, "```limits EX-PROC-01");
    let empty = base.lines().count() + extra.lines().position(|l| l == "```limits").unwrap() + 1;
    for want in [
        format!("content/basics/first-lesson.md:{fence}:1: time-limits table: "),
        format!(
            "content/basics/first-lesson.md:{}:14: time-limits table: rule `EX-GOV-001` has no time limits",
            fence + 1
        ),
        format!(
            "content/basics/first-lesson.md:{}:3: time-limits table: rule `EX-PROC-001` is named twice",
            fence + 2
        ),
        format!("content/basics/first-lesson.md:{empty}:1: a ```limits``` block names no rule"),
    ] {
        assert!(err.contains(&want), "want {want}\n{err}");
    }
    assert!(
        err.contains("EX-PROC-001"),
        "the unknown id's hint names the nearest: {err}"
    );
}

#[test]
fn a_repealed_rule_leaves_the_table_and_is_warned_about() {
    let (t, root) = init_book();
    write(
        &root,
        "content/rules/second.rule.yaml",
        &format!("{SECOND}related: [EX-PROC-001]\n"),
    );
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &format!("{rule}repealed: 2025-03-01\nreplaced_by: EX-PROC-002\n"),
    );
    // (Ids after the word may be separated by commas too; a block naming only the repealed
    // rule shows no table at all.)
    let (base, extra) = lesson_with(
        &root,
        "```limits EX-PROC-001,EX-PROC-002\n```\n\n```limits EX-PROC-001\n```\n",
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let fence = line_in(&base, &extra, "```limits");
    let want = format!("content/basics/first-lesson.md:{fence}:1: time-limits table: rule `EX-PROC-001` was repealed on 2025-03-01");
    assert!(stderr(&o).contains(&want), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("```limits EX-PROC-002"),
        "the fix names the replacing rule: {}",
        stderr(&o)
    );
    let html = std::fs::read_to_string(dest.join("basics/first-lesson/index.html")).unwrap();
    assert_eq!(
        html.matches("<table class=\"limits-table\">").count(),
        1,
        "{html}"
    );
    let table = &html[html.find("<table class=\"limits-table\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    assert!(!table.contains("EX-PROC-001"), "{table}");
    assert!(table.contains("EX-PROC-002"), "{table}");
}

#[test]
fn the_bundled_home_page_quotes_its_quick_limits_from_the_rules() {
    let md = std::fs::read_to_string(repo().join("content/index.md")).unwrap();
    assert!(
        md.contains("```limits"),
        "the home page's table is generated"
    );
    let (t, root) = bundled_copy();
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dest.join("index.html")).unwrap();
    let table = &html[html.find("<table class=\"limits-table\">").unwrap()..];
    let table = &table[..table.find("</table>").unwrap()];
    for want in [
        "<strong>24</strong>小时",
        "<strong>5</strong>个工作日",
        "<strong>10</strong>个工作日",
        "<strong>30</strong>个工作日",
        "<strong>3</strong>个工作日",
        "href=\"rules/TS-PROC-002/index.html\"",
    ] {
        assert!(table.contains(want), "{want}: {table}");
    }
}

/// A length of time that is no time to finish by (`deadline: false`: 95598's hours, 全天24小时)
/// says so wherever it is shown -- a ```limits table, 时限速查, the card and a card quoted in a
/// lesson -- and a card with no other limit offers no due-date calculator: it was read as
/// "act within 24 hours" (fact review).
#[test]
fn a_length_of_time_that_is_no_deadline_says_so_and_offers_no_calculator() {
    let (t, root) = init_book();
    write(
        &root,
        "content/rules/hours.rule.yaml",
        "id: EX-INT-001\ntitle: 受理渠道\ncategory: procedure\nsummary: 热线全天受理。\ntime_limits:\n  - label: 热线受理时段\n    value: 24\n    unit: hours\n    note: 全天接听\n    deadline: false\n",
    );
    lesson_with(
        &root,
        "## 速查 {#quick}\n\n```limits EX-INT-001 EX-PROC-001\n```\n\n```rule EX-INT-001\n```\n",
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = |rel: &str| std::fs::read_to_string(dest.join(rel)).unwrap();
    let said = "（时段，不是办理期限）";
    // In the lesson: once in its table, once in the card quoted.
    assert_eq!(
        page("basics/first-lesson/index.html").matches(said).count(),
        2
    );
    assert_eq!(
        page("rules/time-limits/index.html").matches(said).count(),
        1
    );
    let card = page("rules/EX-INT-001/index.html");
    assert_eq!(card.matches(said).count(), 1, "{card}");
    assert!(!card.contains("按起算日算截止日期"), "{card}");
    // A ```limits block of such lengths alone offers no calculator either.
    lesson_with(&root, "\n## 热线 {#line}\n\n```limits EX-INT-001\n```\n");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = page("basics/first-lesson/index.html");
    let last = &html[html.rfind("<table class=\"limits-table\">").unwrap()..];
    assert!(!last.contains("按起算日算截止日期"), "{last}");
    assert!(
        html.contains("按起算日算截止日期"),
        "the first block's link stays"
    );
    // A deadline's card: no such words, and its calculator.
    let other = page("rules/EX-PROC-001/index.html");
    assert!(!other.contains(said) && other.contains("按起算日算截止日期"));
}
