//! `search-checks.yaml`: a book's own golden queries. `check` finds every target that does
//! not exist at its line and column, and the build writes 搜索自查 (`search/checks/`) with each
//! target's address from that page (the browser test runs the queries:
//! tests/browser/search-checks.test.mjs).

mod common;
use common::*;

const CHECKS: &str = "\
- query: 投诉办理时限
  expect: rule:EX-PROC-001
- query: 免费的反馈
  expect: lesson:basics/first-lesson#投诉是免费的反馈
  within: 5
  note: 第一课的第一节
- query: 入门小测验
  expect: quiz:example
";

/// The checks as `search/checks/data.js` gives them to the page's script.
fn checks_data(root: &std::path::Path) -> serde_json::Value {
    let text = read(root, "site/search/checks/data.js");
    handbook::render::pages::data_script_value(&text, "checks").expect("the checks' key")
}

#[test]
fn the_build_writes_the_checks_page_with_each_targets_address() {
    let (_t, root) = init_book();
    write(&root, "content/search-checks.yaml", CHECKS);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/search/checks/index.html");
    assert!(html.contains("<h1>搜索自查</h1>"), "{html}");
    assert!(
        html.contains("content/search-checks.yaml"),
        "names the file to edit"
    );
    // Each check a row, its target a link from this page, before any script runs.
    for (n, href) in [
        (1, "../../rules/EX-PROC-001/index.html"),
        (2, "../../basics/first-lesson/index.html#投诉是免费的反馈"),
        (3, "../../quizzes/example/index.html"),
    ] {
        assert!(html.contains(&format!("id=\"check-{n}\"")), "row {n}");
        assert!(
            html.contains(&format!("href=\"{href}\"")),
            "{href} in {html}"
        );
    }
    assert!(html.contains("前 5 名 · 第 3 行"), "within and line shown");
    assert!(html.contains("第一课的第一节"), "the note shown");
    let data = checks_data(&root);
    let checks = data.as_array().expect("a list of checks");
    assert_eq!(checks.len(), 3);
    assert_eq!(checks[1]["query"], "免费的反馈");
    assert_eq!(checks[1]["within"], 5);
    assert_eq!(checks[1]["anchor"], "投诉是免费的反馈");
    assert_eq!(checks[0]["within"], 3, "three unless it says");
    assert_eq!(checks[0]["line"], 1);
    assert_eq!(checks[2]["line"], 7);
    // Linked by the special link, and under 搜索 in the breadcrumbs.
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md") + "\n见[[search-checks]]。\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let lesson = read(&root, "site/basics/first-lesson/index.html");
    assert!(lesson.contains("href=\"../../search/checks/index.html\">搜索自查</a>"));
    let html = read(&root, "site/search/checks/index.html");
    assert!(
        html.contains("href=\"../../search/index.html\">搜索</a>"),
        "breadcrumb to 搜索"
    );
}

#[test]
fn a_book_without_checks_has_no_checks_page_and_cannot_link_it() {
    let (_t, root) = init_book();
    std::fs::remove_file(root.join("content/search-checks.yaml")).unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("site/search/checks").exists());
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md") + "\n见[[search-checks]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("content/basics/first-lesson.md:"), "{err}");
    assert!(
        err.contains("`[[search-checks]]` links to 搜索自查"),
        "{err}"
    );
    assert!(
        err.contains("write `search-checks.yaml` at the top of the content folder"),
        "{err}"
    );
    // A checks file with a mistake is no book without checks: its own error is the one to fix.
    write(
        &root,
        "content/search-checks.yaml",
        "- quer: 投诉\n  expect: rule:EX-PROC-001\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/search-checks.yaml:1:3: unknown field `quer`"),
        "{err}"
    );
    assert!(!err.contains("links to 搜索自查"), "{err}");
}

#[test]
fn every_mistake_in_the_checks_is_reported_at_once_at_its_place() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/search-checks.yaml",
        "\
- query: 时限
  expect: rule:EX-PROC-01
- query: 反馈
  expect: lesson:basics/first-lesson#no-such
  within: 11
- query: \"\"
  expect: quiz:exampel
- query: 投诉办理时限
  expect: rule:EX-PROC-001
- query: 投诉办理时限
  expect: rule:EX-PROC-001
- query: 小测验
  expect: \"\"
",
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = "content/search-checks.yaml";
    for (place, message, hint) in [
        (
            "2:11",
            "search check `时限`: reference to a missing rule `EX-PROC-01`",
            "did you mean `EX-PROC-001`?",
        ),
        (
            "4:11",
            "search check `反馈`: lesson `basics/first-lesson` has no section `#no-such`",
            "`#投诉是免费的反馈`",
        ),
        (
            "5:11",
            "`within: 11`: a check looks among the first 1 to 10 results",
            "leave `within` out for the first three",
        ),
        (
            "6:10",
            "a search check with an empty `query`",
            "write what a reader types",
        ),
        (
            "7:11",
            "reference to a missing quiz `exampel`",
            "did you mean `example`?",
        ),
        (
            "10:10",
            "the same search check as line 8: `投诉办理时限` → `rule:EX-PROC-001`",
            "delete one of the two",
        ),
        (
            "13:11",
            "a search check with an empty `expect`",
            "`rule:TS-PROC-002`",
        ),
    ] {
        let at = format!("{f}:{place}: ");
        let line = err
            .lines()
            .position(|l| l.contains(&at))
            .unwrap_or_else(|| panic!("nothing at {at} in:\n{err}"));
        let lines: Vec<&str> = err.lines().collect();
        assert!(
            lines[line].contains(message),
            "{message} in {}",
            lines[line]
        );
        assert!(
            lines[line + 1].contains(hint),
            "{hint} in {}",
            lines[line + 1]
        );
    }
    assert!(
        err.contains(&format!("warning: {f}:10:10")),
        "a repeat is a warning: {err}"
    );
    let empty = format!("{f}:13:11");
    assert_eq!(
        err.matches(&empty).count(),
        1,
        "an empty target is told once: {err}"
    );
    // A misspelt key names the nearest.
    write(
        &root,
        "content/search-checks.yaml",
        "- query: 时限\n  expect: rule:EX-PROC-001\n  wihtin: 3\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains(&format!("{f}:3:3: unknown field `wihtin`")),
        "{err}"
    );
    assert!(err.contains("did you mean `within`?"), "{err}");
}

#[test]
fn with_search_off_the_checks_are_a_warning_and_no_page() {
    let (_t, root) = init_book();
    write(&root, "content/search-checks.yaml", CHECKS);
    let toml = read(&root, "book.toml") + "\n[search]\nenabled = false\n";
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: content/search-checks.yaml:1:1: the search checks are not run: search is turned off in book.toml"),
        "{err}"
    );
    assert!(!root.join("site/search").exists());
}

#[test]
fn in_a_site_for_some_readers_a_left_out_target_is_shown_and_not_run() {
    let (_t, root) = init_book();
    write(&root, "content/search-checks.yaml", CHECKS);
    let lesson = read(&root, "content/basics/first-lesson.md")
        .replace("audience: [new-staff]", "audience: [trainer]");
    write(&root, "content/basics/first-lesson.md", &lesson);
    let o = run(&root, &["build", "--audience", "frontline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = checks_data(&root);
    assert_eq!(data[1]["href"], serde_json::Value::Null, "{data}");
    assert_eq!(data[0]["href"], "../../rules/EX-PROC-001/index.html");
    let html = read(&root, "site/search/checks/index.html");
    assert!(html.contains("本站不含这一页，不检查"), "{html}");
}

#[test]
fn moving_a_lesson_or_renumbering_a_rule_rewrites_the_checks() {
    let (_t, root) = init_book();
    write(&root, "content/search-checks.yaml", CHECKS);
    let o = run(&root, &["mv", "basics/first-lesson", "basics/intro"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&root, &["mv", "rule:EX-PROC-001", "rule:EX-PROC-009"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(&root, "content/search-checks.yaml");
    assert!(text.contains("expect: rule:EX-PROC-009\n"), "{text}");
    assert!(
        text.contains("expect: lesson:basics/intro#投诉是免费的反馈\n"),
        "{text}"
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_section_split_into_a_lesson_of_its_own_is_checked_where_it_is_now() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md") + "\n## 倾听的要点\n\n让客户把话说完。\n"),
    );
    write(
        &root,
        "content/search-checks.yaml",
        "- query: 免费的反馈\n  expect: lesson:basics/first-lesson#投诉是免费的反馈\n",
    );
    // `mv LESSON#section NEW` rewrites the check to the new lesson ...
    let o = run(
        &root,
        &[
            "mv",
            "basics/first-lesson#投诉是免费的反馈",
            "basics/free-feedback",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(&root, "content/search-checks.yaml");
    assert!(
        text.contains("expect: lesson:basics/free-feedback\n"),
        "{text}"
    );
    // ... and one written with the old address afterwards (from an old list, by hand) is
    // still a check, of the page the section is on now: the search must find that page (its
    // header keeps the id, so it is not a section of it); so is the address the warning
    // offers.
    write(
        &root,
        "content/search-checks.yaml",
        &(text
            + "- query: 客户愿意投诉\n  expect: lesson:basics/first-lesson#投诉是免费的反馈\n"
            + "- query: 改进的机会\n  expect: lesson:basics/free-feedback#投诉是免费的反馈\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("search-checks.yaml:4:"),
        "the old address is warned: {}",
        stderr(&o)
    );
    let data = checks_data(&root);
    assert_eq!(data[2]["href"], data[0]["href"], "{data}");
    assert_eq!(data[1]["anchor"], serde_json::Value::Null, "{data}");
    assert_eq!(data[2]["anchor"], serde_json::Value::Null, "{data}");
    assert_eq!(
        data[0]["href"], "../../basics/free-feedback/index.html",
        "{data}"
    );
    assert_eq!(data[1]["href"], data[0]["href"], "{data}");
    let html = read(&root, "site/search/checks/index.html");
    assert!(
        html.contains("href=\"../../basics/free-feedback/index.html\""),
        "{html}"
    );
}

/// Whether a browser `check --search` can run in is installed (the test command installs
/// Chromium; without one these tests say so and pass).
fn have_browser() -> bool {
    let found = handbook::search::run_checks::find_browser(None).is_ok();
    if !found {
        eprintln!("no Chromium, Chrome or Edge: `check --search` not run");
    }
    found
}

/// `handbook init` writes a few checks beside its lesson, rule and quiz, so that a trainer sees
/// the format; they pass on its book (a new book's `check --search` has checks to run).
#[test]
fn the_init_books_own_checks_are_listed_and_pass() {
    let (_t, root) = init_book();
    let text = read(&root, "content/search-checks.yaml");
    assert!(text.starts_with("# 搜索自查"), "{text}");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = checks_data(&root);
    let targets: Vec<&str> = (data.as_array().expect("a list of checks").iter())
        .map(|c| c["href"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(
        targets,
        [
            "../../rules/EX-PROC-001/index.html",
            "../../basics/first-lesson/index.html#投诉是免费的反馈",
            "../../quizzes/example/index.html",
        ],
        "{data}"
    );
    assert_eq!(data[1]["anchor"], "投诉是免费的反馈", "{data}");
    if !have_browser() {
        return;
    }
    let o = run(&root, &["check", "--search"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("search checks: 3 passed, 0 failed"), "{err}");
}

#[test]
fn check_search_runs_the_checks_in_a_browser_and_fails_on_one_not_found() {
    if !have_browser() {
        return;
    }
    let (_t, root) = init_book();
    write(&root, "content/search-checks.yaml", CHECKS);
    let o = run(&root, &["check", "--search"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("search checks: 3 passed, 0 failed"), "{err}");
    // Plain `check` does not run them.
    let o = run(&root, &["check"]);
    assert!(!stderr(&o).contains("search checks:"), "{}", stderr(&o));

    // A target that does not come first, and one the query does not find at all.
    write(
        &root,
        "content/search-checks.yaml",
        &format!(
            "{CHECKS}- query: 入门小测验\n  expect: rule:EX-PROC-001\n  within: 1\n- query: 水表读数\n  expect: quiz:example\n"
        ),
    );
    let o = run(&root, &["check", "--search"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(err.contains("search checks: 3 passed, 2 failed"), "{err}");
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 2, "{err}");
    assert!(
        errors[0].starts_with("error: content/search-checks.yaml:9:10: searching “入门小测验” ")
            && (errors[0].contains("at place") || errors[0].contains("does not find")),
        "{err}"
    );
    assert!(
        errors[1].starts_with("error: content/search-checks.yaml:12:10: searching “水表读数” "),
        "{err}"
    );
    // The site's readers: a check whose target the published site leaves out is not run.
    let lesson = read(&root, "content/basics/first-lesson.md")
        .replace("audience: [new-staff]", "audience: [trainer]");
    write(&root, "content/basics/first-lesson.md", &lesson);
    write(&root, "content/search-checks.yaml", CHECKS);
    let o = run(&root, &["check", "--search", "--audience", "frontline"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("2 passed, 0 failed, 1 not run"), "{err}");
}

#[test]
fn check_search_without_checks_or_a_browser_says_what_to_do() {
    let (_t, root) = init_book();
    std::fs::remove_file(root.join("content/search-checks.yaml")).unwrap();
    let o = run(
        &root,
        &["check", "--search", "--browser", "/no/such/browser"],
    );
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("there are no search checks to run"), "{err}");
    assert!(err.contains("content/search-checks.yaml"), "{err}");
    write(&root, "content/search-checks.yaml", CHECKS);
    let o = run(
        &root,
        &["check", "--search", "--browser", "/no/such/browser"],
    );
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("no browser at `/no/such/browser`"), "{err}");
    assert!(err.contains("--browser PATH"), "{err}");
    // A mistake in the book is told first; nothing is built or run.
    write(
        &root,
        "content/search-checks.yaml",
        "- query: 时限\n  expect: rule:EX-PROC-404\n",
    );
    let o = run(
        &root,
        &["check", "--search", "--browser", "/no/such/browser"],
    );
    let err = stderr(&o);
    assert!(err.contains("EX-PROC-404"), "{err}");
    assert!(!err.contains("no browser"), "{err}");
    // --browser belongs to --search.
    let o = run(&root, &["check", "--browser", "chromium"]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
}

/// The site `check --search` builds holds the book's trainer-only parts: on a shared computer
/// its folder is the user's alone (as `serve`'s preview), and it is gone after the run. A
/// stand-in browser reports the folder it was given.
#[cfg(unix)]
#[test]
fn check_search_builds_in_a_folder_of_the_users_own_and_removes_it() {
    use std::os::unix::fs::PermissionsExt;
    let (t, root) = init_book();
    let seen = t.path().join("seen");
    let fake = t.path().join("fake-browser");
    write(
        t.path(),
        "fake-browser",
        &format!(
            "#!/bin/sh\nfor a in \"$@\"; do case \"$a\" in --user-data-dir=*) d=\"${{a#--user-data-dir=}}\";; esac; done\n\
             s=$(dirname \"$d\")\necho \"$s\" > '{}'\nstat -c %a \"$s\" >> '{}'\nls \"$s/site/search/checks\" >> '{}'\n",
            seen.display(),
            seen.display(),
            seen.display()
        ),
    );
    std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = run(
        &root,
        &["check", "--search", "--browser", fake.to_str().unwrap()],
    );
    // (The stand-in writes no page: the run fails, after the browser saw the folder.)
    assert!(!o.status.success(), "{}", stderr(&o));
    let seen = std::fs::read_to_string(&seen).expect("the stand-in browser ran");
    let lines: Vec<&str> = seen.lines().collect();
    assert_eq!(lines.get(1), Some(&"700"), "{seen}");
    assert!(lines.contains(&"index.html"), "{seen}");
    assert!(!std::path::Path::new(lines[0]).exists(), "{seen}");
}
