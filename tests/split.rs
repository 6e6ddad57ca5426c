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
        "channels/letters-anonymous.md:63:122: the section `#reply` of `procedure/time-limits` has moved to `procedure/reply`\n  = help: link `../procedure/reply.md#reply` instead".to_string(),
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

/// `handbook mv LESSON#section NEW` does the split by command: the section with those under it
/// becomes a lesson (its heading the title, keeping its id; the headings under it a level up),
/// every reference follows, and the old addresses are its aliases.
#[test]
fn mv_with_a_section_makes_it_a_lesson_and_every_reference_follows() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/big.md",
        "---\ntitle: 大课\norder: 20\ntags: [受理]\naudience: [frontline]\n---\n\n开头，见[回访](#closing)。\n\n## 受理要点 {#intake}\n\n受理时先听。![图](img/a.png) 回访见[回访](#closing)，电话见[电话](#phone)。\n\n### 电话受理 {#phone}\n\n电话里先致歉。\n\n```\n## 不是标题\n```\n\n## 回访 {#closing}\n\n回访前复核[受理](#intake)和[电话](#phone)。\n",
    );
    write(&root, "content/basics/img/a.png", "PNG");
    write(
        &root,
        "content/basics/other.md",
        "---\ntitle: 另一课\norder: 30\n---\n\n见[受理](big.md#intake)、[电话](big.md#phone)、[[basics/big#phone|电话]]和[回访](big.md#closing)。\n\n<p>又见<a href=\"big.md#phone\">电话</a>、<a href=\"big.md#closing\">回访</a></p>\n",
    );
    let quiz = "content/quizzes/split.quiz.yaml";
    write(
        &root,
        quiz,
        "id: split\ntitle: 受理\nquestions:\n  - id: s1\n    type: true_false\n    prompt: 先听再说。\n    answer: true\n    explanation: 见[电话受理](basics/big.md#phone)和[回访](basics/big.md#closing)。\n    lessons: [basics/big#intake, basics/big#phone]\n",
    );
    write(
        &root,
        "content/handling/_index.md",
        "---\ntitle: 办理\norder: 20\n---\n",
    );
    let o = run(&root, &["mv", "basics/big#intake", "handling/intake"]);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("moved section #intake and the 1 under it of content/basics/big.md -> content/handling/intake.md"), "{out}");
    assert!(out.contains("0 errors"), "{out}\n{err}");

    let new = read(&root, "content/handling/intake.md");
    assert!(
        new.contains("aliases:\n- basics/big#intake\n- basics/big#phone\n"),
        "{new}"
    );
    assert!(
        new.contains("tags:\n- 受理\naudience:\n- frontline\n"),
        "{new}"
    );
    assert!(
        new.contains("\n# 受理要点 {#intake}\n\n受理时先听。"),
        "{new}"
    );
    assert!(
        new.contains("\n## 电话受理 {#phone}\n"),
        "a level up: {new}"
    );
    assert!(new.contains("```\n## 不是标题\n```"), "code is left: {new}");
    assert!(new.contains("![图](../basics/img/a.png)"), "{new}");
    assert!(new.contains("[回访](../basics/big.md#closing)"), "{new}");
    assert!(new.contains("电话见[电话](#phone)"), "{new}");
    assert!(!new.contains("## 回访"), "{new}");
    let old = read(&root, "content/basics/big.md");
    assert!(
        !old.contains("受理要点") && !old.contains("电话受理"),
        "{old}"
    );
    assert!(
        old.contains(
            "回访前复核[受理](../handling/intake.md)和[电话](../handling/intake.md#phone)"
        ),
        "{old}"
    );
    assert!(old.contains("开头，见[回访](#closing)"), "{old}");
    let other = read(&root, "content/basics/other.md");
    assert!(
        other.contains("见[受理](../handling/intake.md)、[电话](../handling/intake.md#phone)、[[handling/intake#phone|电话]]和[回访](big.md#closing)"),
        "{other}"
    );
    assert!(
        other.contains("<p>又见<a href=\"../handling/intake.md#phone\">电话</a>、<a href=\"big.md#closing\">回访</a></p>"),
        "raw HTML as the links: {other}"
    );
    let q = read(&root, quiz);
    assert!(
        q.contains("lessons: [handling/intake, handling/intake#phone]"),
        "{q}"
    );
    assert!(
        q.contains(
            "explanation: 见[电话受理](handling/intake.md#phone)和[回访](basics/big.md#closing)。"
        ),
        "a YAML field's Markdown link, from the content folder: {q}"
    );

    // It builds clean; the new page's title carries the old id, and the old page says where
    // its sections went.
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(!stderr(&b).contains("warning"), "{}", stderr(&b));
    let page = read(&root, "site/handling/intake/index.html");
    assert!(page.contains("<h1 id=\"intake\">受理要点</h1>"), "{page}");
    assert_eq!(page.matches("受理要点</h").count(), 1, "the title once");
    let big = percent_decode(&read(&root, "site/basics/big/index.html"));
    assert!(big.contains("handling/intake/index.html#phone"), "{big}");
}

#[test]
fn mv_with_a_section_refuses_what_it_cannot_do_and_writes_nothing() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let before = read(&root, lesson);
    write(
        &root,
        "content/basics/other.md",
        "---\ntitle: 另一课\norder: 30\n---\n\n正文。\n",
    );
    for (from, to, says) in [
        (
            "basics/first-lesson#投诉是免费反馈",
            "basics/x",
            "did you mean `#投诉是免费的反馈`",
        ),
        ("basics/nope#a", "basics/x", "no lesson `basics/nope`"),
        (
            "basics/first-lesson#投诉是免费的反馈",
            "basics/first-lesson",
            "is where the lesson is already",
        ),
        (
            "basics/first-lesson#投诉是免费的反馈",
            "basics/other",
            "is a page already",
        ),
        (
            "basics/first-lesson#投诉是免费的反馈",
            "Basics/X",
            "lower-case",
        ),
    ] {
        let o = run(&root, &["mv", from, to]);
        assert!(!o.status.success(), "{from} {to}");
        assert!(stderr(&o).contains(says), "{from} -> {to}: {}", stderr(&o));
        assert_eq!(read(&root, lesson), before);
    }
    assert!(!root.join("content/basics/x.md").exists());
    // The title heading is the whole lesson.
    write(
        &root,
        "content/basics/t.md",
        "---\norder: 40\n---\n\n# 标题 {#top}\n\n正文。\n",
    );
    let o = run(&root, &["mv", "basics/t#top", "basics/u"]);
    assert!(
        stderr(&o).contains("move the whole lesson"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_title_heading_with_an_id_gives_the_page_header_that_id_once() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/t.md",
        "---\ntitle: 标题\norder: 40\n---\n\n# 标题 {#top}\n\n正文，[回到顶部](#top)。\n\n## 一节 {#top}\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    // (At the heading that repeats it, naming the title's line.)
    assert!(err.contains("content/basics/t.md:10:1: heading id `top` is used twice on this page (the page's title has it, line 6)"), "{err}");
    assert_eq!(err.matches("used twice").count(), 1, "{err}");
    // A heading whose text makes the same id gets `top-1`, as a second heading would.
    write(
        &root,
        "content/basics/t.md",
        "---\ntitle: 标题\norder: 40\n---\n\n# 标题 {#top}\n\n正文。\n\n## top\n\n见[这一节](#top-1)。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/t/index.html");
    assert_eq!(html.matches("id=\"top\"").count(), 1, "{html}");
    assert!(html.contains("<h2 id=\"top-1\""), "{html}");
    write(
        &root,
        "content/basics/t.md",
        "---\ntitle: 标题\norder: 40\n---\n\n# 标题 {#top}\n\n正文，[回到顶部](#top)。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/t/index.html");
    assert!(page.contains("<h1 id=\"top\">标题</h1>"), "{page}");
    assert_eq!(page.matches(">标题</h").count(), 1, "{page}");
}

/// Review of the split: a sub-section whose id was `-1` of the section's keeps it, a setext
/// section leaves no underline behind, the course lists the new lesson after the old, the old
/// page's note names the section by its title, and the new lesson's order is its own.
#[test]
fn a_split_keeps_every_old_id_and_the_course_and_the_note_follow() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/big.md",
        "---\ntitle: 大课\norder: 20\n---\n\n## 受理\n\n受理正文。\n\n### 受理\n\n子节正文。\n\n### 电话 受理（95598）\n\n电话正文。\n\n设置时限\n--------\n\n设置正文。\n\n## 回访 {#closing}\n\n回访正文。\n",
    );
    write(&root, "content/basics/next.md", "---\ntitle: 下一课\norder: 21\n---\n\n见[子节](big.md#受理-1)、[电话](big.md#电话-受理95598)、[设置](big.md#设置时限)和[回访](big.md#closing)。\n");
    write(&root, "content/course.yaml", "id: c\ntitle: 课程\nmodules:\n  - id: m\n    title: 模块\n    items:\n      - lesson: basics/big\n      - lesson: basics/next\n");
    let split = |from: &str, to: &str| {
        let o = run(&root, &["mv", from, to]);
        let (out, err) = (stdout(&o), stderr(&o));
        assert!(
            o.status.success() && out.contains("0 errors, 0 warnings"),
            "{from}: {out}\n{err}"
        );
    };
    split("basics/big#受理", "basics/intake");
    let intake = read(&root, "content/basics/intake.md");
    assert!(
        intake.contains("# 受理 {#受理}\n\n受理正文。\n\n## 受理 {#受理-1}\n"),
        "{intake}"
    );
    assert!(
        intake.contains("order: 22\n"),
        "after 21, the next free: {intake}"
    );
    assert!(read(&root, "content/course.yaml").contains(
        "      - lesson: basics/big\n      - lesson: basics/intake\n      - lesson: basics/next\n"
    ));
    split("basics/big#设置时限", "basics/limits");
    let limits = read(&root, "content/basics/limits.md");
    assert!(
        limits.contains("# 设置时限 {#设置时限}\n\n设置正文。\n"),
        "{limits}"
    );
    assert!(
        !limits.contains("---\n\n设置正文") && !limits.contains("--------"),
        "{limits}"
    );
    split("basics/big#closing", "basics/closing");
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let big = read(&root, "site/basics/big/index.html");
    assert!(big.contains("“回访”现在在"), "{big}");
    assert!(!big.contains("“closing”"), "{big}");
    let next = percent_decode(&read(&root, "site/basics/next/index.html"));
    assert!(next.contains("intake/index.html#受理-1"), "{next}");
}

/// With snippets included: the ids `mv` works with are the page's as rendered (a snippet's
/// `## 注意` above makes the page's own `## 注意` `注意-1`), a snippet's headings inside the
/// section move with their include line and get aliases, and a section that is a snippet's is
/// refused naming the snippet.
#[test]
fn a_split_knows_the_ids_and_sections_that_snippets_bring() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/_片段/提醒.md",
        "## 注意\n\n不要承诺结果。\n",
    );
    write(
        &root,
        "content/_片段/回访.md",
        "### 回访话术\n\n您好，这里是回访。\n",
    );
    write(
        &root,
        "content/basics/t.md",
        "---\ntitle: 受理\norder: 40\n---\n\n{{#include ../_片段/提醒.md}}\n\n## 注意\n\n登记要完整。\n\n{{#include ../_片段/回访.md}}\n\n## 其他\n\n正文。\n",
    );
    write(
        &root,
        "content/index.md",
        &format!(
            "{}\n见[回访](basics/t.md#回访话术)和[注意](basics/t.md#注意-1)。\n",
            read(&root, "content/index.md")
        ),
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The snippet's section is not the page's own text.
    let o = run(&root, &["mv", "basics/t#注意", "basics/u"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("`#注意` is a section of the snippet") && err.contains("提醒.md"),
        "{err}"
    );
    // The page's own `## 注意` is `#注意-1`.
    let o = run(&root, &["mv", "basics/t#注意-1", "basics/u"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let u = read(&root, "content/basics/u.md");
    assert!(u.contains("# 注意 {#注意-1}"), "{u}");
    assert!(u.contains("{{#include ../_片段/回访.md}}"), "{u}");
    assert!(
        u.contains("basics/t#注意-1") && u.contains("basics/t#回访话术"),
        "{u}"
    );
    // Links to both lead to the new page (to the section split out: the page); the book
    // builds clean.
    let home = read(&root, "content/index.md");
    assert!(
        home.contains("[回访](basics/u.md#回访话术)") && home.contains("[注意](basics/u.md)"),
        "{home}"
    );
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("warning"), "{err}");
}

#[test]
fn a_section_is_not_split_across_a_part_for_some_readers() {
    let (_t, root) = init_book();
    let lesson = "content/basics/parts.md";
    let text = "---\ntitle: 分段\n---\n\n## 甲\n\n正文。\n\n::: 培训师\n带教提示。\n\n## 乙\n\n讲解。\n:::\n\n## 丙\n\n::: 新员工\n练习。\n:::\n";
    write(&root, lesson, text);
    let o = run(&root, &["mv", "basics/parts#乙", "basics/yi"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("begins or ends inside the part for 培训师 on lines 9-15 of basics/parts.md"),
        "{err}"
    );
    // (Or ends in it: 甲 runs to 乙, inside the part.)
    let o = run(&root, &["mv", "basics/parts#甲", "basics/jia"]);
    assert!(
        stderr(&o).contains("part for 培训师 on lines 9-15"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, lesson), text);
    // A part wholly inside the section goes with it.
    let o = run(&root, &["mv", "basics/parts#丙", "basics/bing"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "content/basics/bing.md").contains("::: 新员工\n练习。\n:::\n"));
    assert!(
        stdout(&run(&root, &["check"])).contains("0 errors"),
        "the book checks clean"
    );
}
