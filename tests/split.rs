//! A lesson split in two: a section moved to a lesson of its own, its old address
//! (`procedure/time-limits#reply`) listed among the new lesson's `aliases`.

mod common;
use common::*;
use std::path::Path;

/// Moves `## 办结后答复 {#reply}` out of the bundled procedure/time-limits.md into
/// procedure/reply.md, with `aliases` given as `aliases`.
fn split(root: &Path, aliases: &str) {
    let old = "content/procedure/time-limits.md";
    let text = read(root, old);
    let from = text.find("## 办结后答复 {#reply}").expect("the section");
    let to = text.find("## 受理不受时间限制").expect("the next one");
    write(root, old, &format!("{}{}", &text[..from], &text[to..]));
    write(
        root,
        "content/procedure/reply.md",
        &format!(
            "---\ntitle: 办结后答复\norder: 45\naliases: {aliases}\n---\n\n{}",
            &text[from..to]
        ),
    );
}

#[test]
fn links_to_a_section_that_moved_lead_to_its_new_page_and_each_is_warned_with_its_new_link() {
    let (_t, root) = bundled_copy();
    split(&root, "[procedure/time-limits#reply]");
    // A question's `lessons` and a wiki link name the old section too.
    let quiz = "content/quizzes/procedure-time-limits.quiz.yaml";
    let text = read(&root, quiz);
    let first = "    lessons: [procedure/time-limits]\n";
    assert!(text.contains(first));
    write(
        &root,
        quiz,
        &text.replacen(first, "    lessons: [procedure/time-limits#reply]\n", 1),
    );
    let line = 1 + read(&root, quiz)
        .lines()
        .position(|l| l.contains("lessons: [procedure/time-limits#reply]"))
        .unwrap();
    let intake = "content/procedure/intake-recording.md";
    write(
        &root,
        intake,
        &format!(
            "{}\n另见[[procedure/time-limits#reply]]。\n",
            read(&root, intake)
        ),
    );
    let intake_line = read(&root, intake).lines().count();
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for want in [
        // A Markdown link: the new one as written from that file.
        "procedure/review-closing.md:76:29: the section `#reply` of `procedure/time-limits` has moved to `procedure/reply`\n  = help: link `reply.md#reply` instead (or `[[procedure/reply#reply]]`); meanwhile the link leads there, through `procedure/time-limits#reply` in that page's aliases".to_string(),
        "channels/letters-anonymous.md:63:69: the section `#reply` of `procedure/time-limits` has moved to `procedure/reply`\n  = help: link `../procedure/reply.md#reply` instead".to_string(),
        format!("procedure/intake-recording.md:{intake_line}:3: the section `#reply` of `procedure/time-limits` has moved to `procedure/reply`\n  = help: link `[[procedure/reply#reply]]` instead;"),
        format!("procedure-time-limits.quiz.yaml:{line}:15: question `procedure-time-limits-01`: the section `#reply` of lesson `procedure/time-limits` has moved to `procedure/reply`\n  = help: write `procedure/reply#reply` instead;"),
    ] {
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    // The links lead to the section's new place meanwhile, the question's review link too.
    for page in ["procedure/review-closing", "procedure/intake-recording"] {
        let html = read(&root, &format!("site/{page}/index.html"));
        assert!(
            html.contains("href=\"../../procedure/reply/index.html#reply\""),
            "{page}"
        );
        assert!(!html.contains("time-limits/index.html#reply"), "{page}");
    }
    let quiz = read(&root, "site/quizzes/procedure-time-limits/index.html");
    assert!(quiz.contains("procedure/reply/index.html#reply"));
    assert!(!quiz.contains("time-limits/index.html#reply"));
    // The old page keeps the section's id on its note of moved sections, which says where it
    // is now (handbook.js goes on there).
    let old = read(&root, "site/procedure/time-limits/index.html");
    assert!(
        old.contains("<li id=\"reply\" data-moved-to=\"../../procedure/reply/index.html#reply\" data-moved-title=\"办结后答复\">"),
        "{old}"
    );
    let new = read(&root, "site/procedure/reply/index.html");
    assert!(!new.contains("moved-sections"));
}

#[test]
fn a_section_alias_is_checked_at_its_place() {
    let (_t, root) = bundled_copy();
    split(
        &root,
        "[procedure/time-limits#reply, procedure/time-limits#deadlines, procedure/reply#reply, 'procedure/time-limits#', search/x#reply, procedure/gone#reply]",
    );
    write(
        &root,
        "content/procedure/second.md",
        "---\ntitle: 另一课\naliases: [procedure/time-limits#reply, procedure/gone#more]\n---\n\n## 办结后答复 {#reply}\n\n## 更多 {#more}\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for want in [
        // Not on this page; and still on the old one.
        "reply.md:4:40: alias `procedure/time-limits#deadlines` says the section `#deadlines` moved to this page, and this page has no such section\n  = help: keep the section's old id on its heading here, `## 标题 {#deadlines}`",
        "reply.md:4:73: alias `procedure/reply#reply` names a section of this page itself",
        "reply.md:4:96: alias `procedure/time-limits#` names no section id after `#`",
        "reply.md:4:122: alias `search/x#reply` is inside `search/`, which a generated page uses",
        // Two pages claim one section.
        "second.md:3:11: section alias `procedure/time-limits#reply` is also an alias of content/procedure/reply.md",
        // A deleted page whose sections went to two pages: where its own address leads.
        "second.md:3:40: the page `procedure/gone` no longer exists, and its sections moved to content/procedure/reply.md and content/procedure/second.md: its own address must lead to one of them\n  = help: list `procedure/gone` itself in the `aliases` of the page that continues it",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }

    // The heading still on the old page: the alias never acts.
    let (_t, root) = bundled_copy();
    write(
        &root,
        "content/procedure/more.md",
        "---\ntitle: 更多\naliases: [procedure/time-limits#deadlines]\n---\n\n## 办结时限 {#deadlines}\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("more.md:3:11: alias `procedure/time-limits#deadlines` names a section that is still on `content/procedure/time-limits.md`"),
        "{err}"
    );
}

#[test]
fn the_address_of_a_page_deleted_after_a_split_forwards_each_section_to_where_it_went() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/continued.md",
        "---\ntitle: 后续\naliases: [basics/gone]\n---\n\n## 第一部分 {#one}\n",
    );
    write(
        &root,
        "content/basics/two.md",
        "---\ntitle: 第二部分\naliases: ['basics/gone#two', 'basics/gone-too#x']\n---\n\n## 第二部分 {#two}\n\n## 某节 {#x}\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/gone/index.html");
    assert!(
        html.contains("data-to=\"../../basics/continued/index.html\"")
            && html.contains(
                "data-sections=\"{&quot;two&quot;:&quot;../../basics/two/index.html#two&quot;}\""
            ),
        "{html}"
    );
    // A deleted page whose sections all went to one page: its address leads there.
    let html = read(&root, "site/basics/gone-too/index.html");
    assert!(
        html.contains("data-to=\"../../basics/two/index.html\""),
        "{html}"
    );
}
