//! Builds real books with the real binary and checks the output as a reader would see it.

mod common;
use common::*;
use std::path::Path;

#[test]
fn bundled_handbook_checks_clean_with_no_warnings() {
    let o = run(&repo(), &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "check failed:\n{err}");
    assert!(
        !err.contains("warning:") && !err.contains("error:"),
        "diagnostics:\n{err}"
    );
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn bundled_handbook_builds_with_relative_links_that_resolve() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let summary = stdout(&o);
    assert!(summary.starts_with("built "), "{summary}");
    assert!(
        summary.contains("pages")
            && summary.contains("rules")
            && summary.contains("quizzes")
            && summary.contains("errors")
    );

    let home = read(&dest, "index.html");
    assert!(home.contains("<title>供电服务投诉处理手册</title>"));
    // Every internal link and asset of every page resolves to a file in the output.
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&dest) {
        let e = entry.unwrap();
        if e.path().extension().map(|x| x != "html").unwrap_or(true) {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let dir = e.path().parent().unwrap();
        for link in links(&html) {
            assert!(
                !link.starts_with('/'),
                "absolute link {link} in {}",
                e.path().display()
            );
            assert!(
                !link.starts_with("http://") && !link.starts_with("https://")
                    || link.contains("example"),
                "external link {link} in {}",
                e.path().display()
            );
            if link.starts_with('#') || link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            if e.path().file_name().unwrap() == "404.html" {
                continue;
            }
            let (path, anchor) = match link.split_once('#') {
                Some((p, a)) => (p.to_string(), Some(a.to_string())),
                None => (link.clone(), None),
            };
            // (A link Markdown wrote, to a tag's page named in Chinese, is percent-encoded.)
            let target = dir.join(percent_decode(&path));
            assert!(
                target.is_file(),
                "{} links to missing {}",
                e.path().display(),
                link
            );
            // (A fragment with `=` is a page's state, not an anchor: 时限速查's #rule=TS-PROC-002.)
            if let Some(a) = anchor.filter(|a| !a.contains('=')) {
                let a = percent_decode(&a);
                let t = std::fs::read_to_string(&target).unwrap();
                assert!(
                    t.contains(&format!("id=\"{a}\"")),
                    "{} links to missing anchor {link}",
                    e.path().display()
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 1000, "only {checked} links checked");
}

#[test]
fn bundled_handbook_pages_have_nav_breadcrumbs_and_features() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    assert!(run(&root, &["build", "--dest", dest.to_str().unwrap()])
        .status
        .success());
    // A kind of complaint has no deadlines of its own: its card shows those of the rule it
    // relates to that sets them, with that rule named, each ready for its due date.
    let card = read(&dest, "rules/TS-CAT-008/index.html");
    assert!(
        card.contains("<section class=\"rule-limits rule-limits-borrowed\"><h2 id=\"时限\">"),
        "{card}"
    );
    assert!(
        card.contains(
            "按 <a href=\"../../rules/TS-PROC-002/index.html\">TS-PROC-002 投诉办理时限</a>"
        ),
        "{card}"
    );
    assert_eq!(
        card.matches("data-unit=\"working_days\" data-from=\"受理\"")
            .count(),
        3,
        "{card}"
    );
    // A rule with its own limits shows only those.
    let own = read(&dest, "rules/TS-PROC-003/index.html");
    assert!(!own.contains("rule-limits-borrowed"));
    // Under its title, a card links to each of its parts (on a phone the wording is screens
    // below), each to an id the card has; the print page's cards have no such links.
    for page in [
        "rules/TS-PROC-002/index.html",
        "rules/TS-CAT-008/index.html",
    ] {
        let html = read(&dest, page);
        let nav = html
            .split("<nav class=\"rule-jump\"")
            .nth(1)
            .unwrap()
            .split("</nav>")
            .next()
            .unwrap();
        let targets: Vec<&str> = nav
            .split("href=\"#")
            .skip(1)
            .map(|t| t.split('"').next().unwrap())
            .collect();
        assert!(
            targets.contains(&"时限") && targets.contains(&"示范话术"),
            "{page}: {nav}"
        );
        // In the page's order: the wording right after the limits.
        let at = |t: &str| targets.iter().position(|x| *x == t).unwrap();
        assert_eq!(at("示范话术"), at("时限") + 1, "{page}: {nav}");
        for t in targets {
            assert!(html.contains(&format!("id=\"{t}\"")), "{page}: no id {t}");
        }
    }
    // A card with several dialogues shows the first and folds the others under their titles,
    // so its steps stay near the top.
    let card = read(&dest, "rules/TS-CAT-003/index.html");
    let phrases = card
        .split("<section class=\"rule-phrases\">")
        .nth(1)
        .unwrap();
    let phrases = phrases.split("</section>").next().unwrap();
    let (open, folded) = phrases
        .split_once("<details class=\"phrase-more\">")
        .unwrap();
    assert_eq!(open.matches("class=\"phrase\"").count(), 1, "{open}");
    assert!(
        folded.starts_with("<summary>另外 2 段：抢修方还没报回时间 · "),
        "{folded}"
    );
    assert_eq!(folded.matches("class=\"phrase\"").count(), 2, "{folded}");
    assert!(card.find("rule-phrases").unwrap() < card.find("id=\"办理步骤\"").unwrap());
    assert!(!read(&dest, "print/index.html").contains("rule-jump"));
    let lesson = read(&dest, "procedure/time-limits/index.html");
    assert!(
        lesson.contains("src=\"../../nav.js?v="),
        "nav script is relative"
    );
    assert!(lesson.contains("class=\"breadcrumbs\""));
    assert!(lesson.contains("rel=\"prev\"") && lesson.contains("rel=\"next\""));
    assert!(
        lesson.contains("class=\"callout callout-"),
        "callouts rendered"
    );
    assert!(lesson.contains("class=\"dialogue"), "dialogues rendered");
    assert!(lesson.contains("<table>"), "tables rendered");
    assert!(
        lesson.contains("href=\"../../rules/TS-PROC-002/index.html\""),
        "rule links resolved"
    );
    // The sidebar tree is written once, in section order.
    let nav = read(&dest, "nav.js");
    let basics = nav.find("\"basics/\"").unwrap();
    let procedure = nav.find("\"procedure/\"").unwrap();
    let phone = nav.find("\"phone/\"").unwrap();
    assert!(
        basics < procedure && procedure < phone,
        "sections ordered by `order`"
    );
    // Rule cards, index, time-limit table, changes, quizzes, glossary, course.
    let rule = read(&dest, "rules/TS-PROC-002/index.html");
    assert!(
        rule.contains("limit-value")
            && rule.contains("class=\"must\"")
            && rule.contains("class=\"must-not\"")
    );
    assert!(rule.contains("引用本规则的课程与测验"), "backlinks listed");
    assert!(read(&dest, "rules/time-limits/index.html").contains("table class=\"sortable\""));
    assert!(read(&dest, "rules/changes/index.html").contains("<td class=\"change-date\">20"));
    assert!(read(&dest, "glossary/index.html").contains("<dt id="));
    // The rules as a table for Excel: a byte-order mark, a header, a row per rule.
    let csv = read(&dest, "rules/rules.csv");
    assert!(
        csv.starts_with("\u{feff}\"编号\",\"标题\",\"分类\""),
        "{csv}"
    );
    assert_eq!(csv.matches("\r\n").count(), 25, "a header and 24 rules");
    let row = csv
        .lines()
        .find(|l| l.starts_with("\"TS-PROC-002\""))
        .unwrap();
    assert!(
        row.contains("\"办结时限 5个工作日（一般情形）；办结时限 10个工作日（复杂情形）；办结时限 30个工作日（经批准延长）\""),
        "{row}"
    );
    assert!(row.ends_with("\"rules/TS-PROC-002/index.html\""), "{row}");
    assert!(read(&dest, "rules/index.html").contains("href=\"../rules/rules.csv\""));
    assert!(read(&dest, "course/index.html").contains("course-module"));
    assert!(dest.join("static/css/highlight.css").is_file());
    assert!(dest.join("404.html").is_file());
}

#[test]
fn init_book_builds_and_renders_features() {
    let (_t, root) = init_book();
    // Add a code block to check highlighting classes.
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson) + "\n## 配置示例\n\n```yaml\nid: EX-PROC-001\nvalue: 5\n```\n\n## 第二节\n\n见[上一节](#配置示例)。\n";
    write(&root, lesson, &text);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/first-lesson/index.html");
    assert!(html.contains("<h1>认识投诉</h1>"));
    // The book's own id (its folder's name and a stamp), not its title, keeps learners' progress.
    let toml = read(&root, "book.toml");
    let id = toml
        .lines()
        .find_map(|l| l.strip_prefix("id = \""))
        .and_then(|l| l.strip_suffix('"'))
        .unwrap_or_else(|| panic!("no id in {toml}"));
    let folder = root.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        id.len() > 9 && id.starts_with(&folder[..folder.len().min(40)]),
        "{id}"
    );
    assert!(
        html.contains(&format!(
            "data-book=\"{id}\" data-book-title=\"我的培训手册\""
        )),
        "storage key"
    );
    let (_t2, other) = init_book();
    assert_ne!(
        read(&other, "book.toml"),
        toml,
        "two books made by init share an id"
    );
    assert!(
        html.contains("id=\"投诉是免费的反馈\""),
        "Chinese heading id"
    );
    assert!(html.contains("href=\"#配置示例\""));
    assert!(
        html.contains("class=\"hl-code\"") && html.contains("class=\"hl-"),
        "highlighted code"
    );
    assert!(html.contains("callout callout-warning") && html.contains(">注意<"));
    // A rule link shows the rule's title and id, and its summary on hover.
    let link = html
        .split("<a href=\"../../rules/EX-PROC-001/index.html\" title=\"")
        .nth(1)
        .unwrap_or_else(|| panic!("no rule link with hover text: {html}"));
    let (hover, text) = link.split_once("\">").unwrap();
    assert!(
        text.starts_with("投诉办理时限（EX-PROC-001）</a>"),
        "{text}"
    );
    assert!(hover.contains("工作日"), "{hover}");
    assert!(read(&root, "site/quizzes/example/index.html").contains("入门小测验"));
    assert!(read(&root, "site/index.html").contains("href=\"basics/first-lesson/index.html\""));
    // A second build keeps the replaced site as the spare, which git is told to ignore.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join(".site.spare/index.html").exists());
    // Its pages say they are an old copy (their nav.js is marked), the current site's do not;
    // the next build writes into it and the result is a current site again.
    assert!(
        read(&root, ".site.spare/nav.js").contains("\"build\":\"retired\",\"retired\":\"site\"")
    );
    assert!(!read(&root, "site/nav.js").contains("retired"));
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!read(&root, "site/nav.js").contains("retired"));
    assert!(read(&root, ".site.spare/nav.js").contains("\"retired\":\"site\""));
    assert_eq!(
        read(&root, ".gitignore"),
        "/site/\n/.site.*\n/site-drafts/\n/.site-drafts.*\n"
    );
}

#[test]
fn search_turned_off_writes_no_index_box_or_search_page() {
    let (_t, root) = init_book();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("site/search/meta.js").exists());
    assert!(read(&root, "site/index.html").contains("id=\"search\""));

    let toml = read(&root, "book.toml") + "\n[search]\nenabled = false\n";
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !root.join("site/search").exists(),
        "no index and no search page"
    );
    for page in ["site/index.html", "site/basics/first-lesson/index.html"] {
        let html = read(&root, page);
        assert!(!html.contains("id=\"search\""), "no search box in {page}");
        assert!(
            !html.contains("static/js/search.") && !html.contains("static/css/search."),
            "{page}"
        );
        assert!(
            html.contains("<h1>") || html.contains("<main"),
            "{page} still renders"
        );
    }

    // A link to the search page is an error that says why.
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n找不到时用[[search]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("first-lesson.md:") && err.contains("search is turned off"),
        "{err}"
    );
}

#[test]
fn edit_url_links_each_lesson_rule_and_quiz_to_its_source_file() {
    let (_t, root) = init_book();
    // Off unless set: no edit link anywhere.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!read(&root, "site/basics/first-lesson/index.html").contains("编辑此页"));

    // A lesson with a space and Chinese in its file name, and a section with no `_index.md`.
    write(
        &root,
        "content/basics/第二 课.md",
        "---\ntitle: 第二课\n---\n正文。\n",
    );
    write(
        &root,
        "content/extra/more.md",
        "---\ntitle: 更多\n---\n正文。\n",
    );
    let toml = read(&root, "book.toml")
        + "\n[output]\nedit-url = \"https://git.example.com/hb/-/blob/main/{path}#L{line}\"\n";
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let edit = |page: &str| -> Option<String> {
        let html = read(&root, page);
        let at = html.find("class=\"edit-link\"><a href=\"")?;
        let rest = &html[at + "class=\"edit-link\"><a href=\"".len()..];
        Some(rest[..rest.find('"').unwrap()].to_string())
    };
    let base = "https://git.example.com/hb/-/blob/main/";
    assert_eq!(
        edit("site/basics/first-lesson/index.html").as_deref(),
        Some(&*format!("{base}content/basics/first-lesson.md#L1"))
    );
    assert_eq!(
        edit("site/basics/第二 课/index.html").as_deref(),
        Some(&*format!(
            "{base}content/basics/%E7%AC%AC%E4%BA%8C%20%E8%AF%BE.md#L1"
        ))
    );
    assert_eq!(
        edit("site/index.html").as_deref(),
        Some(&*format!("{base}content/index.md#L1"))
    );
    // A rule file of its own starts on line 1; in a list of rules, each names its entry's line.
    assert_eq!(
        edit("site/rules/EX-PROC-001/index.html").as_deref(),
        Some(&*format!("{base}content/rules/example.rule.yaml#L1"))
    );
    let rule = read(&root, "content/rules/example.rule.yaml");
    let entry = |id: &str| -> String {
        let mut lines = rule.lines().filter(|l| !l.starts_with('#'));
        let first = lines.next().unwrap().replace("EX-PROC-001", id);
        let rest: Vec<String> = lines.map(|l| format!("  {l}")).collect();
        format!("- {first}\n{}\n", rest.join("\n"))
    };
    let list = format!(
        "# 两条规则\n{}{}",
        entry("EX-PROC-002"),
        entry("EX-PROC-003")
    );
    let second = list
        .lines()
        .position(|l| l.contains("EX-PROC-003"))
        .unwrap()
        + 1;
    write(&root, "content/rules/two.rules.yaml", &list);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        edit("site/rules/EX-PROC-003/index.html").as_deref(),
        Some(&*format!("{base}content/rules/two.rules.yaml#L{second}"))
    );
    assert_eq!(
        edit("site/quizzes/example/index.html").as_deref(),
        Some(&*format!("{base}content/quizzes/example.quiz.yaml#L1"))
    );
    // Not on a page no file makes, nor on lists made from many files.
    assert_eq!(edit("site/extra/index.html"), None);
    assert_eq!(edit("site/rules/index.html"), None);

    // Without `{path}` every page would link to one address: an error at the key's value.
    let toml = toml.replace("{path}#L{line}", "");
    write(&root, "book.toml", &toml);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let line = toml
        .lines()
        .position(|l| l.starts_with("edit-url"))
        .unwrap()
        + 1;
    let err = stderr(&o);
    assert!(
        err.contains(&format!("book.toml:{line}:12")) && err.contains("{path}"),
        "{err}"
    );
}

#[test]
fn tags_link_to_a_page_per_tag_listing_its_pages() {
    let (_t, root) = init_book();
    // The first lesson has `tags: [入门]`; two more lessons, one with two tags that make the
    // same folder name, one tag repeated.
    write(
        &root,
        "content/basics/second.md",
        &format!("---\ntitle: 第二课\nsummary: 第二课的摘要\norder: 20\ntags: [入门, YAML, yaml, 入门, {}]\n---\n正文。\n", "很长的标签".repeat(40)),
    );
    write(
        &root,
        "content/more/third.md",
        "---\ntitle: 第三课\ntags: [' 入门 ']\n---\n见[[tags]]。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = read(&root, "site/tags/index.html");
    assert!(index.contains("<h1>标签</h1>"), "{index}");
    // Each tag once, with its number of pages, linking to its page.
    for (tag, href, count) in [
        ("入门", "../tags/入门/index.html", 3),
        ("YAML", "../tags/yaml/index.html", 1),
        ("yaml", "../tags/yaml-2/index.html", 1),
    ] {
        assert!(
            index.contains(&format!(
                "<a class=\"tag\" href=\"{href}\">#{tag}<span class=\"tag-count\">{count}<span class=\"visually-hidden\"> 页</span></span></a>"
            )),
            "{tag}: {index}"
        );
    }
    // A tag's page lists its pages in reading order, under their sections.
    let page = read(&root, "site/tags/入门/index.html");
    let order: Vec<usize> = ["认识投诉", "第二课", "第三课"]
        .iter()
        .map(|t| {
            page.find(&format!(">{t}</a>"))
                .unwrap_or_else(|| panic!("{t}: {page}"))
        })
        .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    assert!(page.contains("第二课的摘要"));
    assert_eq!(
        page.matches(">第二课</a>").count(),
        1,
        "a repeated tag lists a page once"
    );
    // The lesson's own tags link to their pages, and every link resolves.
    let lesson = read(&root, "site/basics/second/index.html");
    assert!(
        lesson.contains("href=\"../../tags/入门/index.html\">#入门</a>"),
        "{lesson}"
    );
    assert!(lesson.contains("href=\"../../tags/yaml-2/index.html\">#yaml</a>"));
    // A tag of 200 characters gets a folder name of 40 (a file name has at most 255 bytes).
    let long = "很长的标签".repeat(8);
    assert!(
        lesson.contains(&format!(
            "href=\"../../tags/{long}/index.html\">#{}</a>",
            "很长的标签".repeat(40)
        )),
        "{lesson}"
    );
    // A section's own tags show on its page too.
    write(
        &root,
        "content/more/_index.md",
        "---\ntitle: 更多\ntags: [入门]\n---\n导语。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        read(&root, "site/more/index.html").contains("href=\"../tags/入门/index.html\">#入门</a>")
    );
    let third = read(&root, "site/more/third/index.html");
    assert!(
        third.contains("href=\"../../tags/index.html\""),
        "[[tags]] links the index"
    );
    for (from, html) in [
        ("site/tags/", &index),
        ("site/tags/入门/", &page),
        ("site/basics/second/", &lesson),
    ] {
        for l in links(html)
            .iter()
            .filter(|l| !l.starts_with('#') && !l.contains("//"))
        {
            let target = root.join(from).join(l.split('#').next().unwrap());
            assert!(target.exists(), "{from}: {l}");
        }
    }

    // While pages have tags, a folder of lessons named `tags` would be overwritten.
    write(&root, "content/tags/x.md", "---\ntitle: X\n---\n正文。\n");
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("the name `tags` is used by a generated page"),
        "{}",
        stderr(&o)
    );
    std::fs::remove_dir_all(root.join("content/tags")).unwrap();

    // No tags, no tag pages; and then `[[tags]]` says why it has nowhere to go.
    for f in [
        "content/basics/first-lesson.md",
        "content/basics/second.md",
        "content/more/_index.md",
    ] {
        let text = read(&root, f);
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("tags:"))
            .map(|l| format!("{l}\n"))
            .collect();
        write(&root, f, &text);
    }
    write(
        &root,
        "content/more/third.md",
        "---\ntitle: 第三课\n---\n正文。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("site/tags").exists());
    assert!(!read(&root, "site/basics/second/index.html").contains("tags/"));
    write(
        &root,
        "content/more/third.md",
        "---\ntitle: 第三课\n---\n见[[tags]]。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no page has tags"), "{}", stderr(&o));
}

#[test]
fn calendar_mistakes_are_reported_with_the_others_at_their_lines() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/calendar.yaml",
        "years: [2030]\nholidays:\n  - 2030-10-01..2030-10-07\nworkdays: [2030-10-12]\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let js = read(&root, "site/calendar.js");
    assert_eq!(
        js,
        "window.HANDBOOK_CALENDAR = {\"years\":[2030],\"off\":[\"2030-10-01\",\"2030-10-02\",\"2030-10-03\",\"2030-10-04\",\"2030-10-05\",\"2030-10-06\",\"2030-10-07\"],\"on\":[\"2030-10-12\"],\"first\":\"next\",\"last\":\"keep\"};\n"
    );
    // Loaded by the time-limit table and by rule cards with time limits.
    for page in [
        "site/rules/time-limits/index.html",
        "site/rules/EX-PROC-001/index.html",
    ] {
        assert!(
            read(&root, page).contains("src=\"../../calendar.js?v="),
            "{page}"
        );
    }
    // A misspelt key, and a bad date beside an error elsewhere: all reported at once.
    write(
        &root,
        "content/calendar.yaml",
        "years: [2030]\nholiday:\n  - 2030-10-01\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/calendar.yaml:2:1") && err.contains("did you mean `holidays`"),
        "{err}"
    );
    write(
        &root,
        "content/calendar.yaml",
        "years: [2030]\nholidays:\n  - 2030-10-01\n  - 2030-02-30\n",
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见[[rule:NO-SUCH-1]]。\n"),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/calendar.yaml:4:5") && err.contains("`2030-02-30` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("first-lesson.md:") && err.contains("NO-SUCH-1"),
        "{err}"
    );
}

#[test]
fn new_makes_lesson_rule_and_quiz_files_that_build_and_warn_until_written() {
    let (_t, root) = init_book();
    let o = run(
        &root,
        &["new", "lesson", "basics/escalation", "--title", "升级处理"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("content/basics/escalation.md"),
        "{}",
        stdout(&o)
    );
    let o = run(
        &root,
        &["new", "rule", "EX-PROC-002", "--title", "升级时限"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(&root, &["new", "quiz", "escalation-basics"]);
    assert!(o.status.success(), "{}", stderr(&o));

    // The lesson comes after the last of its folder; the rule in the book's category, with
    // its schema for editors; every file builds.
    let lesson = read(&root, "content/basics/escalation.md");
    assert!(lesson.starts_with("---\ntitle: 升级处理\n"), "{lesson}");
    assert!(
        lesson.contains("\norder: 20\n"),
        "after the first lesson's 10: {lesson}"
    );
    let rule = read(&root, "content/rules/ex-proc-002.rule.yaml");
    assert!(rule.starts_with("# yaml-language-server: $schema=../../schemas/rule.schema.json\nid: EX-PROC-002\ntitle: 升级时限\ncategory: procedure\n"), "{rule}");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("site/basics/escalation/index.html").exists());
    assert!(root.join("site/rules/EX-PROC-002/index.html").exists());
    assert!(root
        .join("site/quizzes/escalation-basics/index.html")
        .exists());
    // Each text still to write is a warning at its line and column.
    let err = stderr(&o);
    let summary_line = rule
        .lines()
        .position(|l| l.starts_with("summary:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "content/rules/ex-proc-002.rule.yaml:{summary_line}:10: 【待填写】 is still here"
        )),
        "{err}"
    );
    // (Said once a file, with the other lines: `--format json` has each.)
    assert!(err.contains("  = the same at "), "{err}");
    let json = stdout(&run(&root, &["check", "--format", "json"]));
    let warnings = json.matches("【待填写】 is still here").count();
    assert!(warnings >= 10, "{json}");

    // (--strict: a trainer's CI stops on the markers left; nothing is written.)
    let o = run(&root, &["check", "--strict"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: content/rules/ex-proc-002.rule.yaml:{summary_line}:10: 【待填写】"
        )) && err.contains("an error under --strict"),
        "{err}"
    );
    std::fs::remove_dir_all(root.join("site")).unwrap();
    let o = run(&root, &["build", "--strict"]);
    assert!(!o.status.success());
    assert!(!root.join("site").exists(), "nothing written");
    assert!(stderr(&o).contains("build failed"), "{}", stderr(&o));

    // Written, the warnings go.
    for f in [
        "content/basics/escalation.md",
        "content/rules/ex-proc-002.rule.yaml",
        "content/quizzes/escalation-basics.quiz.yaml",
    ] {
        write(&root, f, &read(&root, f).replace("【待填写】", "已写好："));
    }
    let o = run(&root, &["check", "--strict"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("待填写"), "{}", stderr(&o));

    // A lesson in a new folder makes that folder's section page, after the book's sections.
    let o = run(&root, &["new", "lesson", "escalation/when-to-escalate"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("content/escalation/_index.md"),
        "{}",
        stdout(&o)
    );
    let section = read(&root, "content/escalation/_index.md");
    assert!(
        section.contains("title: 【待填写】单元名称") && section.contains("order: 20"),
        "{section}"
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "site/escalation/index.html").contains("<h1>【待填写】单元名称</h1>"));

    // A glossary term is added to glossary.yaml (made here: the starter book has none), at
    // its end, and the file still parses; a term or synonym already there is refused.
    let o = run(&root, &["new", "term", "电能表"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("added `电能表` to content/glossary.yaml"),
        "{}",
        stdout(&o)
    );
    let o = run(&root, &["new", "term", "计量装置"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let glossary = read(&root, "content/glossary.yaml");
    assert!(
        glossary.starts_with("- term: 电能表\n") && glossary.contains("\n\n- term: 计量装置\n"),
        "{glossary}"
    );
    // Two new terms' placeholders are not one synonym of both.
    let o = run(&root, &["check"]);
    assert!(
        !stderr(&o).contains("is also a synonym of"),
        "{}",
        stderr(&o)
    );
    write(
        &root,
        "content/glossary.yaml",
        &glossary.replacen(
            "[【待填写】电能表的其他名称（显示为“又称”）]",
            "[电表, 火表]",
            1,
        ),
    );
    let o = run(&root, &["new", "term", "火表"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("already in the glossary (content/glossary.yaml:1), as a synonym"),
        "{}",
        stderr(&o)
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "site/glossary/index.html").contains(">计量装置</dt>"));
    // A glossary that is not a plain list is left alone.
    let plain = read(&root, "content/glossary.yaml");
    write(&root, "content/glossary.yaml", "[]\n");
    let o = run(&root, &["new", "term", "表计"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("add it by hand"), "{}", stderr(&o));
    assert_eq!(read(&root, "content/glossary.yaml"), "[]\n");
    write(&root, "content/glossary.yaml", &plain);

    // Nothing is overwritten, and a bad name says what a good one looks like.
    for (args, says) in [
        (
            vec!["new", "rule", "EX-PROC-002"],
            "already exists: content/rules/ex-proc-002.rule.yaml",
        ),
        (vec!["new", "rule", "EX-PROC-001"], "already exists"),
        (
            vec!["new", "rule", "ts-proc-9"],
            "is not a rule id: ids are written in capitals, `handbook new rule TS-PROC-9`",
        ),
        (vec!["new", "rule", "ts_proc"], "is not a rule id: write capital letters"),
        // `--category` is a rule's: a lesson given one is refused, not the option ignored.
        (
            vec!["new", "lesson", "basics/closing", "--category", "procedure"],
            "`--category` is for `handbook new rule` only",
        ),
        (
            vec!["new", "rule", "EX-PROC-003", "--category", "nope"],
            "unknown category `nope`",
        ),
        // By the label the site shows (投诉办理): its id, written in English.
        (
            vec!["new", "rule", "EX-PROC-003", "--category", "办理"],
            "`--category` takes a category's id, written in English: `--category procedure` for 办理",
        ),
        (vec!["new", "lesson", "basics/escalation"], "already exists"),
        (
            vec!["new", "lesson", "Basics/升级"],
            "lower-case letters, digits and hyphens",
        ),
        (vec!["new", "lesson", "rules/x"], "used by a generated page"),
        (
            vec!["new", "lesson", "basics/index"],
            "cannot be named `index`",
        ),
        (vec!["new", "quiz", "example"], "already exists"),
    ] {
        let before = read(&root, "content/rules/ex-proc-002.rule.yaml");
        let o = run(&root, &args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert_eq!(read(&root, "content/rules/ex-proc-002.rule.yaml"), before);
    }
}

#[test]
fn phrases_collects_every_good_dialogue_of_the_lessons_with_where_it_comes_from() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/phrases/index.html");
    // As many as the lessons for frontline staff and new staff hold (not the trainer guide's
    // examples of how to write one).
    let mut want = 0;
    for e in walkdir::WalkDir::new(root.join("content")) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "md") {
            let text = std::fs::read_to_string(e.path()).unwrap();
            if !e.path().starts_with(root.join("content/trainer")) {
                want += text
                    .lines()
                    .filter(|l| l.starts_with("```dialogue good"))
                    .count();
            }
        }
    }
    assert!(want >= 20, "{want}");
    assert_eq!(page.matches("<div class=\"phrase\">").count(), want);
    assert_eq!(page.matches("dialogue dialogue-good").count(), want);
    // The bad ones only to compare, folded under the good one of their section (before or
    // after it in the lesson), and said in the page's lead.
    let folded = page.matches("<details class=\"phrase-contrast\">").count();
    assert!(folded >= 10, "{folded}");
    // One of a section without a good one is on its own, folded, where it stands in its
    // lesson (电话沟通 › 引导话题 has only 拿规定压人), with where it comes from; the page's
    // count of good ones and the contents' counts leave it out.
    let alone = page
        .matches("<details class=\"phrase-contrast phrase-alone\">")
        .count();
    assert!(alone >= 1, "{alone}");
    assert_eq!(
        page.matches("dialogue dialogue-bad").count(),
        folded + alone
    );
    assert!(page.contains(&format!("反面示例（{folded} 段）")));
    assert!(page.contains(&format!("另有 {alone} 段反面示例所在的小节没有正确示范")));
    let steer = page
        .find("反面示例 · 拿规定压人（本节没有正确示范）")
        .expect("a bad example of a section without a good one");
    let restate = page
        .find("phone/steering-solving/index.html#restate")
        .unwrap();
    let closing = page
        .find("phone/steering-solving/index.html#closing-call")
        .unwrap();
    assert!(restate < steer && steer < closing, "in the lesson's order");
    assert!(page[steer..closing]
        .contains("出自：<a href=\"../phone/steering-solving/index.html#steer\">"));
    let phrase = |title: &str| {
        let at = page.find(title).unwrap_or_else(|| panic!("{title}"));
        let end = page[at..]
            .find("<div class=\"phrase\">")
            .map_or(page.len(), |e| at + e);
        &page[at..end]
    };
    // 超出权限时: 这事我做不了主 (bad) comes before 诚实地请示 (good).
    assert!(
        phrase("诚实地请示").contains("对照：反面示例 · 这事我做不了主"),
        "{}",
        phrase("诚实地请示")
    );
    assert!(phrase("暂停争论点").contains("对照：反面示例 · 和客户较劲"));
    // A section with no bad example: nothing to compare.
    assert!(!phrase("客户要求找领导").contains("phrase-contrast"));
    // Each under its lesson, with a link to the section it is in (all links are checked to
    // resolve by bundled_handbook_builds_with_relative_links_that_resolve).
    assert!(
        page.contains("出自：<a href=\"../phone/empathy-apology/index.html#"),
        "{page}"
    );
    // A lesson's group is named by its path, which adding a lesson before it does not change.
    assert!(
        page.contains("<a href=\"#phone/empathy-apology\">"),
        "{page}"
    );
    assert!(page.contains("id=\"phone/empathy-apology\""), "{page}");
    // Reached from every page's top bar and the sidebar, and by searching its name.
    assert!(read(&root, "site/index.html").contains("href=\"phrases/index.html\">话术</a>"));
    assert!(read(&root, "site/nav.js").contains("\"t\":\"话术汇编\",\"u\":\"phrases/\""));

    // A book without good dialogues has no such page, and `[[phrases]]` says why.
    let (_t2, init) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&init, lesson);
    assert!(
        text.contains("```dialogue good "),
        "the starter lesson has one"
    );
    write(
        &init,
        lesson,
        &text.replace("```dialogue good ", "```dialogue "),
    );
    let o = run(&init, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!init.join("site/phrases").exists());
    assert!(!read(&init, "site/index.html").contains("phrases/index.html"));
    write(
        &init,
        lesson,
        &(read(&init, lesson) + "\n见[[phrases]]。\n"),
    );
    let o = run(&init, &["check"]);
    assert!(
        stderr(&o).contains("no page has a good example dialogue"),
        "{}",
        stderr(&o)
    );
    // With one, it links there, and a lesson folder named `phrases` is an error.
    write(
        &init,
        lesson,
        &(read(&init, lesson)
            + "\n## 示范\n\n```dialogue good 开场\n客户：喂？\n坐席：您好，请讲。\n```\n"),
    );
    let o = run(&init, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&init, "site/phrases/index.html").contains("您好，请讲。"));
    assert!(read(&init, "site/basics/first-lesson/index.html").contains("../../phrases/index.html"));
    write(
        &init,
        "content/phrases/x.md",
        "---\ntitle: X\n---\n正文。\n",
    );
    let o = run(&init, &["check"]);
    assert!(
        stderr(&o).contains("the name `phrases` is used by a generated page"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn init_refuses_existing_book() {
    let (_t, root) = init_book();
    let o = handbook_cmd().arg("init").arg(&root).output().unwrap();
    assert!(!o.status.success());
    assert!(stderr(&o).contains("already has a book.toml"));
}

/// Builds once, breaks the book with `break_it`, builds again: the error names `file` and
/// `line`, and the first site is still there, untouched.
fn assert_error_keeps_old_site(
    break_it: impl FnOnce(&Path),
    file: &str,
    line: Option<usize>,
    words: &str,
) {
    let (_t, root) = init_book();
    assert!(run(&root, &["build"]).status.success());
    let before = read(&root, "site/basics/first-lesson/index.html");
    break_it(&root);
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "build should fail");
    assert!(!err.contains("panicked"), "{err}");
    let want = match line {
        Some(l) => format!("{file}:{l}"),
        None => file.to_string(),
    };
    assert!(err.contains(&want), "expected `{want}` in:\n{err}");
    assert!(
        err.to_lowercase().contains(&words.to_lowercase()),
        "expected `{words}` in:\n{err}"
    );
    assert!(err.contains("help:"), "a fix hint:\n{err}");
    assert_eq!(
        read(&root, "site/basics/first-lesson/index.html"),
        before,
        "old site intact"
    );
    assert!(
        err.contains("build failed; the previous site was left untouched:"),
        "{err}"
    );
    let check = run(&root, &["check"]);
    assert!(!check.status.success());
    assert!(stderr(&check).contains(&want));
}

#[test]
fn malformed_front_matter() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/basics/first-lesson.md",
                "---\ntitle: 认识投诉\norder: [1, 2\nsummary: x\n---\n正文\n",
            )
        },
        "content/basics/first-lesson.md",
        Some(3),
        // (The `[` left open, not what serde made of it, a list where a number goes.)
        "`[` is never closed",
    );
}

#[test]
fn unknown_front_matter_key_suggests_nearest() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/basics/first-lesson.md",
                "---\ntitle: 认识投诉\nsumary: x\n---\n正文\n",
            )
        },
        "content/basics/first-lesson.md",
        Some(3),
        "did you mean `summary`",
    );
}

#[test]
fn unknown_book_toml_key() {
    assert_error_keeps_old_site(
        |r| {
            let t = read(r, "book.toml").replace("theme = \"default\"", "them = \"default\"");
            write(r, "book.toml", &t);
        },
        "book.toml",
        Some(11),
        "did you mean `theme`",
    );
}

#[test]
fn broken_internal_link() {
    assert_error_keeps_old_site(
        |r| {
            let t = read(r, "content/basics/first-lesson.md")
                + "\n见[时限](../procedure/missing.md)。\n";
            write(r, "content/basics/first-lesson.md", &t);
        },
        "content/basics/first-lesson.md",
        Some(26),
        "missing page",
    );
}

#[test]
fn a_misspelt_page_link_suggests_the_path_as_this_file_would_write_it() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/procedure/time-limits.md",
        "---\ntitle: 时限\n---\n正文\n",
    );
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n见[时限](../procedure/time-limit.md)、[本课](frist-lesson.md)、[无关](nope.md)、[绕路](../basics/first-leson.md)。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("link to a missing page `../procedure/time-limit.md`\n  = help: did you mean `../procedure/time-limits.md`?"), "{err}");
    assert!(
        err.contains(
            "link to a missing page `frist-lesson.md`\n  = help: did you mean `first-lesson.md`?"
        ),
        "{err}"
    );
    assert!(
        err.contains("link to a missing page `nope.md`\n  = help: paths are relative to this file"),
        "{err}"
    );
    // Through `../` back into its own folder: found by the path from the content folder.
    assert!(
        err.contains("link to a missing page `../basics/first-leson.md`\n  = help: did you mean `first-lesson.md`?"),
        "{err}"
    );
}

#[test]
fn broken_anchor() {
    assert_error_keeps_old_site(
        |r| {
            let t = read(r, "content/basics/first-lesson.md") + "\n见[本节](#不存在的标题)。\n";
            write(r, "content/basics/first-lesson.md", &t);
        },
        "content/basics/first-lesson.md",
        Some(26),
        "missing anchor",
    );
}

#[test]
fn a_missing_anchor_is_mended_from_the_headings_of_its_page() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson
            + "\n## 客户仍不满意时 {#still-unhappy}\n\n正文\n\n## 一、受理 登记\n\n见[上节](#客户仍不满意时)、[别处](#zzz)、[本节](#一、受理登记)。\n"),
    );
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\n---\n\n见[[basics/first-lesson#客户 仍不满意时]]。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    // A heading's text where its own id is set: that id.
    let by_text = "link to a missing anchor `#客户仍不满意时`\n  = help: the heading “客户仍不满意时” has the id `#still-unhappy` (set with `{#still-unhappy}`): link `#still-unhappy`";
    assert!(err.contains(by_text), "{err}");
    assert!(err.contains("missing anchor `#客户 仍不满意时`\n  = help: the heading “客户仍不满意时” has the id `#still-unhappy`"), "{err}");
    // Nothing near: the page's headings to choose from.
    assert!(
        err.contains("missing anchor `#zzz`\n  = help: the page's headings: `#"),
        "{err}"
    );
    assert!(err.contains("`#still-unhappy` (客户仍不满意时)"), "{err}");
    // An id made from the text (its punctuation dropped, its space a -): said so.
    assert!(
        err.contains("missing anchor `#一、受理登记`\n  = help: the heading “一、受理 登记” has the id `#一受理-登记` (made from its text): link `#一受理-登记`"),
        "{err}"
    );
}

#[test]
fn invalid_utf8_file() {
    assert_error_keeps_old_site(
        |r| {
            std::fs::write(
                r.join("content/basics/gbk.md"),
                b"---\ntitle: a\n---\n\xb6\xcf\xb5\xe7\n",
            )
            .unwrap()
        },
        "content/basics/gbk.md",
        Some(4),
        "UTF-8",
    );
}

#[test]
fn a_front_matter_below_a_blank_line_is_an_error_not_a_published_draft() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/basics/closing.md",
                "\n---\ntitle: 结束通话（内部草稿）\ndraft: true\n---\n# 结束通话\n",
            )
        },
        "content/basics/closing.md",
        Some(2),
        "front matter does not start on the first line",
    );
}

#[test]
fn yaml_files_saved_with_a_byte_order_mark_read_as_without_it() {
    // Notepad on Windows writes UTF-8 with a BOM: a rule, the glossary, a quiz.
    let (_t, root) = init_book();
    let bom = |rel: &str| {
        let text = read(&root, rel);
        write(&root, rel, &format!("\u{feff}{text}"));
    };
    for f in std::fs::read_dir(root.join("content/rules")).unwrap() {
        let rel = format!("content/rules/{}", f.unwrap().file_name().to_string_lossy());
        bom(&rel);
    }
    bom("content/categories.yaml");
    bom("content/basics/first-lesson.md");
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !stderr(&o).contains("missing required field"),
        "{}",
        stderr(&o)
    );
    // A BOM still leaves a real mistake on the first line where it is.
    let rule = std::fs::read_dir(root.join("content/rules"))
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let text = std::fs::read_to_string(&rule).unwrap();
    std::fs::write(&rule, text.replacen("id:", "idd:", 1)).unwrap();
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown field `idd`"), "{}", stderr(&o));
}

#[test]
fn a_path_on_the_trainers_own_computer_is_an_error_and_a_backslash_gets_a_slash() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    std::fs::create_dir_all(root.join("content/basics/images")).unwrap();
    write(&root, "content/basics/images/flow.png", "png");
    let base = read(&root, lesson);
    let extra = "\n![图](C:\\Users\\zhang\\Desktop\\流程图.png)\n\n![图2](D:/培训/流程图.png)\n\n[表](file:///C:/表.xlsx)\n\n[制度](\\\\\\\\server\\\\share\\\\a.docx)\n\n![图4](images\\flow.png)\n\n![好](images/flow.png)\n";
    write(&root, lesson, &format!("{base}{extra}"));
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    for needle in ["C:\\Users", "D:/培训", "file:///C:", "server"] {
        let line = line_in(&base, extra, needle);
        assert!(
            err.contains(&format!("{lesson}:{line}:1: `"))
                && err.contains("is a file on your own computer"),
            "{needle}: {err}"
        );
    }
    let line = line_in(&base, extra, "图4");
    assert!(
        err.contains(&format!(
            "{lesson}:{line}:1: picture not found: `images\\flow.png`"
        )),
        "{err}"
    );
    assert!(
        err.contains("write `/` between folders, not `\\`: `images/flow.png`"),
        "{err}"
    );
    assert!(err.contains("5 errors"), "{err}");
}

#[test]
fn a_rule_linked_like_a_lesson_or_by_its_file_gets_the_rule_link_to_write() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let base = read(&root, lesson);
    let extra = "\n见 [[EX-PROC-001]]。\n\n另见 [[EX-PROC-009]]。\n\n[办理时限](../rules/example.rule.yaml)\n";
    write(&root, lesson, &format!("{base}{extra}"));
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    let at = |needle: &str| format!("{lesson}:{}:", line_in(&base, extra, needle));
    assert!(
        err.contains(&format!(
            "{}3: `EX-PROC-001` is a rule, not a lesson",
            at("EX-PROC-001")
        )),
        "{err}"
    );
    assert!(err.contains("link it as `[[rule:EX-PROC-001]]`"), "{err}");
    assert!(
        err.contains(&format!(
            "{}4: reference to a missing rule `EX-PROC-009`",
            at("EX-PROC-009")
        )),
        "{err}"
    );
    assert!(
        err.contains("did you mean `[[rule:EX-PROC-001]]`?"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{}1: link to a missing file `../rules/example.rule.yaml`",
            at("办理时限")
        )),
        "{err}"
    );
    assert!(
        err.contains("a rule is linked by its id, not its file: `[[rule:EX-PROC-001]]`"),
        "{err}"
    );
}

#[test]
fn new_quotes_a_title_that_yaml_would_read_otherwise() {
    let (_t, root) = init_book();
    for args in [
        [
            "new",
            "lesson",
            "basics/intro",
            "--title",
            "第一课: 概述 #1",
        ],
        ["new", "quiz", "intro-check", "--title", "测验: 第一课"],
        ["new", "rule", "EX-PROC-002", "--title", "true"],
    ] {
        let o = run(&root, &args);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "site/basics/intro/index.html").contains("<h1>第一课: 概述 #1</h1>"));
    assert!(read(&root, "site/quizzes/intro-check/index.html").contains("测验: 第一课"));
    assert!(read(&root, "site/rules/EX-PROC-002/index.html").contains("EX-PROC-002 true"));
    // A plain title stays as typed.
    let o = run(
        &root,
        &["new", "lesson", "basics/plain", "--title", "投诉受理"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "content/basics/plain.md").contains("\ntitle: 投诉受理\n"));
}

#[test]
fn a_list_written_with_full_width_commas_is_pointed_at_in_every_kind_of_file() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  synonyms: [电表，火表]\n  definition: 计量用电量的表计。\n",
    );
    let rule = "content/rules/example.rule.yaml";
    let text = read(&root, rule);
    write(
        &root,
        rule,
        &text.replacen(
            "steps:\n",
            "responsible: [客户服务中心，责任部门]\nsteps:\n",
            1,
        ),
    );
    let line = read(&root, rule)
        .lines()
        .position(|l| l.starts_with("responsible:"))
        .unwrap()
        + 1;
    // A lesson's front matter too (not its text, which is prose).
    let lesson = "content/basics/first-lesson.md";
    let text =
        read(&root, lesson).replacen("title:", "audience: [frontline，new-staff]\ntitle:", 1)
            + "\n正文里的【甲，乙】不是列表：[甲，乙]\n";
    write(&root, lesson, &text);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/glossary.yaml:2:16: `synonyms: [电表，火表]` is read as one item"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{lesson}:2:21: `audience: [frontline，new-staff]` is read as one item"
        )),
        "{err}"
    );
    assert_eq!(err.matches("is read as one item").count(), 3, "{err}");
    assert!(err.contains("`synonyms: [电表, 火表]`"), "{err}");
    assert!(
        err.contains(&format!(
            "{rule}:{line}:21: `responsible: [客户服务中心，责任部门]` is read as one item"
        )),
        "{err}"
    );
}

/// ` #` after unquoted text starts a YAML comment: the rest of the line was silently dropped
/// from the quiz, the rule card and the search, with nothing said.
#[test]
fn text_cut_short_by_a_yaml_comment_is_a_warning_at_the_hash_and_quoting_keeps_it() {
    let (_t, root) = init_book();
    let quiz = "content/quizzes/example.quiz.yaml";
    let text = read(&root, quiz);
    let prompt = text
        .lines()
        .find(|l| l.trim_start().starts_with("prompt: "))
        .unwrap()
        .to_string();
    let indent = prompt.len() - prompt.trim_start().len();
    let slip = format!(
        "{}prompt: 客户按 # 号键后，承办人员可以自行延长办理时限。",
        " ".repeat(indent)
    );
    write(&root, quiz, &text.replacen(&prompt, &slip, 1));
    let line = read(&root, quiz).lines().position(|l| l == slip).unwrap() + 1;
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &text.replacen("order: 10", "order: 10 # 第一课放最前", 1),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "a warning, not an error: {err}");
    assert!(
        err.contains(&format!(
            "{quiz}:{line}:{}: the text stops at `客户按`: ` #` starts a comment, so `# 号键后，承办人员可以自行延长办理时限。` is not part of it",
            indent + 13
        )),
        "{err}"
    );
    assert!(
        err.contains(
            "put the text in quotes: `prompt: \"客户按 # 号键后，承办人员可以自行延长办理时限。\"`"
        ),
        "{err}"
    );
    // A comment after a number is a comment.
    assert_eq!(err.matches("starts a comment").count(), 1, "{err}");
    assert!(!run(&root, &["check", "--strict"]).status.success());

    // Quoted as the hint says: no warning, and the whole text is in the built quiz.
    let fixed = format!(
        "{}prompt: \"客户按 # 号键后，承办人员可以自行延长办理时限。\"",
        " ".repeat(indent)
    );
    write(&root, quiz, &read(&root, quiz).replacen(&slip, &fixed, 1));
    let o = run(&root, &["build"]);
    assert!(!stderr(&o).contains("starts a comment"), "{}", stderr(&o));
    let data = read(&root, "site/quizzes/example/data.js");
    assert!(
        data.contains("客户按 # 号键后，承办人员可以自行延长办理时限。"),
        "{data}"
    );
}

/// Trainers write the words the site shows (多选, 高, 工作日, 新员工, 标签): the error names the
/// English word to write.
#[test]
fn chinese_words_for_allowed_values_and_field_names_are_answered_with_the_english_word() {
    let (_t, root) = init_book();
    let rule = "content/rules/example.rule.yaml";
    let text = read(&root, rule);
    let sev = text
        .lines()
        .find(|l| l.starts_with("severity:"))
        .unwrap()
        .to_string();
    write(&root, rule, &text.replacen(&sev, "severity: 高", 1));
    let quiz = "content/quizzes/example.quiz.yaml";
    let text = read(&root, quiz);
    let ty = text
        .lines()
        .find(|l| l.trim_start().starts_with("type:"))
        .unwrap()
        .to_string();
    let indent = ty.len() - ty.trim_start().len();
    write(
        &root,
        quiz,
        &text.replacen(&ty, &format!("{}type: 多选", " ".repeat(indent)), 1),
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &read(&root, lesson).replacen("tags:", "标签:", 1),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("`高` is not one of the allowed values"),
        "{err}"
    );
    assert!(
        err.contains("help: write `high` for 高: these values are written in English"),
        "{err}"
    );
    assert!(err.contains("help: write `multiple` for 多选"), "{err}");
    assert!(err.contains("unknown field `标签`"), "{err}");
    assert!(
        err.contains("help: write `tags` for 标签: field names are written in English"),
        "{err}"
    );
}

/// Editors (Typora, VS Code's Markdown paste) write a path with a space as `%20`: the link and
/// the picture lead to the file, and a near miss is told in the form that works.
#[test]
fn a_percent_encoded_path_in_a_link_or_a_picture_names_the_file_decoded() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/升级 流程.md",
        "---\ntitle: 升级流程\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/basics/截图 1.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &format!("{text}\n见[升级](升级%20流程.md)和![截图](截图%201.svg)。\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        html.contains("href=\"../../basics/%E5%8D%87%E7%BA%A7%20%E6%B5%81%E7%A8%8B/index.html"),
        "{html}"
    );
    assert!(
        html.contains("src=\"../../basics/%E6%88%AA%E5%9B%BE%201.svg\""),
        "{html}"
    );
    assert!(root.join("site/basics/截图 1.svg").exists());
    // A near miss: the hint is written so that it works when pasted.
    write(
        &root,
        lesson,
        &format!("{text}\n见[升级](升级%20流.md)。\n"),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(err.contains("link to a missing page `升级 流.md`"), "{err}");
    assert!(err.contains("did you mean `升级%20流程.md`?"), "{err}");
}

/// A mistake in a lesson's front matter no longer hides those of its text: both in one run.
#[test]
fn a_broken_front_matter_and_a_broken_link_in_the_text_are_reported_together() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson).replacen("order: 10", "order: [10", 1)
        + "\n见[错链接](../basics/first-lesso.md)和![图](missing.png)。\n";
    write(&root, lesson, &text);
    let link_line = text.lines().count();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains(&format!("{lesson}:4:8: this `[` is never closed")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{lesson}:{link_line}:2: link to a missing page `../basics/first-lesso.md`"
        )),
        "{err}"
    );
    assert!(err.contains("picture not found: `missing.png`"), "{err}");
    assert_eq!(
        err.lines().filter(|l| l.starts_with("error")).count(),
        3,
        "{err}"
    );
    // Nothing is published from it.
    assert!(!run(&root, &["build"]).status.success());
    assert!(!root.join("site").exists());
}

/// A picture or file named in other letter case works on the trainer's Windows computer and
/// breaks on the web server: the error names the file as it is.
#[test]
fn a_picture_in_other_letter_case_is_answered_with_the_file_as_it_is() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/img/flow.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n![流程](img/Flow.SVG)\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("picture not found: `img/Flow.SVG`"), "{err}");
    assert!(err.contains("the file is `basics/img/flow.svg`, in other letter case, which counts on a web server: write `img/flow.svg`"), "{err}");
}

/// Two rules with one id: said at the copy whose id was not changed, not at the rule a
/// trainer did not touch.
#[test]
fn a_duplicate_rule_id_is_reported_at_the_copy_not_at_the_untouched_rule() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    // The copy's file name spells another id (it sorts before example.rule.yaml).
    write(&root, "content/rules/ex-proc-002.rule.yaml", &rule);
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains(
            "error: content/rules/ex-proc-002.rule.yaml:2:5: duplicate rule id `EX-PROC-001`"
        ),
        "{err}"
    );
    assert!(
        err.contains("also defined at content/rules/example.rule.yaml:2"),
        "{err}"
    );
    assert_eq!(err.matches("duplicate rule id").count(), 1, "{err}");
    // A name that spells no id: the file written last.
    std::fs::remove_file(root.join("content/rules/ex-proc-002.rule.yaml")).unwrap();
    write(&root, "content/rules/copy.rule.yaml", &rule);
    let old = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::options()
        .write(true)
        .open(root.join("content/rules/example.rule.yaml"))
        .and_then(|f| f.set_modified(old))
        .unwrap();
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("error: content/rules/copy.rule.yaml:2:5: duplicate rule id"),
        "{err}"
    );
}

#[test]
fn a_lesson_named_like_a_folder_is_an_error_not_a_page_that_hides_the_section() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/basics.md",
                "---\ntitle: 认识投诉（旧）\n---\n正文\n",
            )
        },
        "content/basics.md",
        Some(1),
        "this lesson and the folder `basics/` are both the page `basics/`",
    );
}

#[test]
fn every_wrong_value_of_a_file_is_reported_in_one_run() {
    // A quiz with six mistakes took six runs of `check`, one per run.
    let (_t, root) = init_book();
    let quiz = "content/quizzes/phone.quiz.yaml";
    write(
        &root,
        quiz,
        "id: phone\ntitle: 电话礼仪\npass_mark: 80%\nquestions:\n  - id: p1\n    type: singel\n    prompt: 接起电话先说什么\n    options:\n      - text: 您好\n        correct: yes\n      - text: 喂\n  - id: p2\n    type: true_false\n    prompt: 可以打断客户\n    answer: 错\n  - id: p3\n    type: single\n    prompt: 选一个\n    options:\n      - text: 甲\n        correct: ture\n      - text: 乙\n    explaination: 说明\n  - type: single\n    prompt: 没有编号\n    options:\n      - text: 甲\n        correct: true\n",
    );
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson).replacen("title:", "sumary: 一句话\nordr: 3\ntitle:", 1);
    write(&root, lesson, &text);
    let rule = "content/rules/example.rule.yaml";
    let text = read(&root, rule)
        .replacen("severity: high", "severity: hihg", 1)
        .replacen(
            "unit: working_days\n    condition",
            "unit: workdays\n    condition",
            1,
        )
        .replacen("must:", "procedur: x\nmust:", 1);
    write(&root, rule, &text);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    for want in [
        format!("{quiz}:3:12: pass_mark: a number is expected here"),
        format!("{quiz}:6:11: `singel` is not one of the allowed values"),
        format!("{quiz}:10:18: questions[0].options[0].correct (question 1, option 1): `true` or `false` is expected here, not the text \"yes\""),
        format!("{quiz}:15:13: questions[1].answer (question 2): `true` or `false` is expected here, not the text \"错\""),
        // (Not only "write true or false": the word written, 错, as the value to write.)
        "write `answer: false` for “错”".into(),
        format!("{quiz}:21:18: questions[2].options[0].correct (question 3, option 1): `true` or `false` is expected here, not the text \"ture\""),
        format!("{quiz}:23:5: unknown field `explaination`"),
        "did you mean `explanation`?".into(),
        format!("{quiz}:24:5: missing required field `id`"),
        format!("{lesson}:2:1: unknown field `sumary`"),
        format!("{lesson}:3:1: unknown field `ordr`"),
        format!("{rule}:6:11: `hihg` is not one of the allowed values"),
        "`workdays` is not one of the allowed values".into(),
        "unknown field `procedur`".into(),
    ] {
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
    assert!(err.contains("12 errors"), "{err}");
}

#[test]
fn empty_items_and_definitions_are_pointed_at_and_a_card_shows_no_empty_column() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  definition:\n- term: 火表\n  definition: 计量用电的表。\n",
    );
    let rule = "content/rules/example.rule.yaml";
    let text = read(&root, rule)
        .replacen("must_not:\n  - 推诿客户\n", "", 1)
        .replacen(
            "must:\n  - 记录客户诉求\n",
            "must:\n  - 记录客户诉求\n  -\n",
            1,
        );
    write(&root, rule, &text);
    let line = text.lines().position(|l| l == "  -").unwrap() + 1;
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    // Each at the line it was left empty on, not the next one.
    assert!(
        err.contains("content/glossary.yaml:2:14: the definition of `电能表` is empty"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{rule}:{line}:4: rule `EX-PROC-001`: item 2 of `must` is empty"
        )),
        "{err}"
    );
    // No 严禁 column (nor its anchor) for a rule that lists nothing under it.
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(
        card.contains("必须做到") && !card.contains("严禁"),
        "{card}"
    );
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见 [[rule:EX-PROC-001#严禁]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(stderr(&o).contains("严禁"), "{}", stderr(&o));
    assert!(!o.status.success());
}

#[test]
fn a_duplicate_rule_id_is_reported_at_its_id_line() {
    let (_t, root) = init_book();
    // The starter rule opens with a schema comment: the id is on line 2.
    let text = read(&root, "content/rules/example.rule.yaml");
    write(&root, "content/rules/copy.rule.yaml", &text);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/rules/example.rule.yaml:2:5: duplicate rule id `EX-PROC-001`")
            || err.contains("content/rules/copy.rule.yaml:2:5: duplicate rule id `EX-PROC-001`"),
        "{err}"
    );
    assert!(
        err.contains(".rule.yaml:2; give one of them a new id"),
        "{err}"
    );
}

#[test]
fn every_misspelt_key_of_book_toml_is_named_in_one_run() {
    let (_t, root) = init_book();
    let toml = read(&root, "book.toml").replacen("description", "descripton", 1)
        + "\n[ouput]\nfooter = \"仅供内部培训\"\n";
    write(&root, "book.toml", &toml);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("book.toml:2:1: unknown key `descripton` in book.toml"),
        "{err}"
    );
    let header = toml.lines().position(|l| l == "[ouput]").unwrap() + 1;
    assert!(
        err.contains(&format!(
            "book.toml:{header}:2: unknown key `ouput` in book.toml"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean [output]?"), "{err}");
    assert!(err.contains("2 errors"), "{err}");

    // Values of the wrong kind, with a misspelt key: every one in one run, at its value.
    let (_t, root) = init_book();
    let toml = read(&root, "book.toml")
        .replacen("authors = []", "authors = \"张三\"", 1)
        .replacen(
            "theme = \"default\"",
            "theme = 3\nkeep-previous = \"yes\"",
            1,
        )
        + "\n[search]\nenabled = \"no\"\nenabeld = true\n";
    write(&root, "book.toml", &toml);
    let err = stderr(&run(&root, &["check"]));
    let at = |key: &str| toml.lines().position(|l| l.starts_with(key)).unwrap() + 1;
    for (key, col, says) in [
        ("authors", 11, "`authors` must be a list of names in quotes"),
        ("theme", 9, "`theme` must be text in quotes"),
        ("keep-previous", 17, "`keep-previous` must be true or false"),
        ("enabled", 11, "`enabled` must be true or false"),
    ] {
        assert!(
            err.contains(&format!("book.toml:{}:{col}: {says}", at(key))),
            "{key}: {err}"
        );
    }
    assert!(err.contains("unknown key `enabeld`"), "{err}");
    assert!(err.contains("5 errors"), "{err}");
}

#[test]
fn empty_file() {
    assert_error_keeps_old_site(
        |r| write(r, "content/basics/empty.md", ""),
        "content/basics/empty.md",
        Some(1),
        "empty",
    );
}

#[test]
fn template_syntax_error_names_template_and_line() {
    assert_error_keeps_old_site(
        |r| {
            write(r, "templates/page.html", "{% extends \"base.html\" %}\n{% block content %}\n{{ page.title \n{% endblock content %}\n")
        },
        "templates/page.html",
        Some(4),
        "template",
    );
}

#[test]
fn check_reports_every_error_at_once() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/a.md",
        "---\ntitle: a\ntitel: b\n---\n",
    );
    write(
        &root,
        "content/basics/b.md",
        "---\ntitle: b\n---\n[x](nowhere.md)\n",
    );
    write(&root, "content/basics/c.md", "");
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    for want in [
        "content/basics/a.md:3",
        "content/basics/b.md:4:1",
        "content/basics/c.md:1",
    ] {
        assert!(err.contains(want), "missing {want} in:\n{err}");
    }
    assert!(err.contains("3 errors"), "{err}");
    assert!(!root.join("site").exists(), "check writes nothing");
}

/// A rule file indented with tabs throughout (Notepad's Tab key): its tab lines are said once,
/// with their lines, and what else is wrong in it (a date, a value with its unit) is told in
/// the same run, at its column in the line as written.
#[test]
fn a_file_indented_with_tabs_is_told_once_and_checked_past_them() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let mut tabbed = String::new();
    for line in rule.lines() {
        let spaces = line.len() - line.trim_start_matches(' ').len();
        tabbed.push_str(&"\t".repeat(spaces / 2));
        tabbed.push_str(&line[spaces..]);
        tabbed.push('\n');
    }
    let tabbed = tabbed
        .replace("effective: 2025-01-01", "effective: 2025-13-01")
        .replace("\tvalue: 5\n", "\tvalue: 5天\n");
    write(&root, "content/rules/example.rule.yaml", &tabbed);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let f = "content/rules/example.rule.yaml";
    let tab_lines: Vec<usize> = (1..)
        .zip(tabbed.lines())
        .filter(|(_, l)| l.starts_with('\t'))
        .map(|(n, _)| n)
        .collect();
    let first = format!("{f}:{}:1: this line is indented with a tab\n", tab_lines[0]);
    assert_eq!(
        err.matches("this line is indented with a tab").count(),
        1,
        "{err}"
    );
    let rest: Vec<String> = tab_lines[1..].iter().map(|n| n.to_string()).collect();
    let also = format!(
        "  = the same at {} more places: lines {}\n",
        rest.len(),
        rest.join(", ")
    );
    assert!(err.contains(&(first + &also)), "{err}");
    let value = line_in("", &tabbed, "value: 5天");
    assert!(err.contains(&format!("{f}:{value}:10: ")), "{err}");
    let effective = line_in("", &tabbed, "effective:");
    assert!(
        err.contains(&format!(
            "{f}:{effective}:12: rule `EX-PROC-001`: effective date"
        )),
        "{err}"
    );
    assert!(!err.contains("missing before its text"), "{err}");
    assert!(
        err.contains(&format!("{} errors", tab_lines.len() + 2)),
        "{err}"
    );
}

/// A field indented into the block text above it (`  exam: true` under `description: |`) is
/// warned about at its line, beside what its absence makes.
#[test]
fn a_field_indented_into_a_block_text_is_warned_about_in_check() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    let quiz = quiz.replace(
        "pass_mark: 80\n",
        "pass_mark: 80\ndescription: |\n  入门小测验。\n  exam: true\ntime_limit: 10\n",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    let line = line_in("", &quiz, "  exam: true");
    assert!(
        err.contains(&format!(
            "warning: content/quizzes/example.quiz.yaml:{line}:3: `exam: true` is indented under `description:`"
        )),
        "{err}"
    );
}

#[test]
fn user_template_override_is_used() {
    let (_t, root) = init_book();
    write(
        &root,
        "templates/404.html",
        "{% extends \"base.html\" %}{% block content %}<p>自定义404</p>{% endblock content %}",
    );
    assert!(run(&root, &["build"]).status.success());
    assert!(read(&root, "site/404.html").contains("自定义404"));
}

#[test]
fn backlinks_count_real_links_not_examples_in_code_blocks() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/syntax.md",
        "---\ntitle: 链接写法\n---\n\n写法示例：\n\n```markdown\n见 [[rule:EX-PROC-001]]\n```\n",
    );
    assert!(run(&root, &["build"]).status.success());
    let rule = read(&root, "site/rules/EX-PROC-001/index.html");
    assert!(
        rule.contains("认识投诉"),
        "the lesson that links the rule is a backlink"
    );
    assert!(
        !rule.contains("链接写法"),
        "an example inside a code block is not a citation"
    );
}

#[test]
fn quiz_mistakes_are_all_reported_with_their_positions() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/broken.quiz.yaml",
        "id: broken\ntitle: 错题示例\ndraw: 9\npass_mark: 0.8\nquestions:\n  - id: a\n    type: single\n    prompt: 选一个\n    options:\n      - text: 甲\n        correct: true\n      - text: 乙\n        correct: true\n  - id: a\n    type: ordering\n    prompt: 排序\n    items: [只有一步]\n  - id: call\n    type: scenario\n    prompt: 演练\n    nodes:\n      - id: start\n        customer: 喂？\n        options:\n          - text: 您好\n            next: strat\n      - id: end\n        ending: good\n        outcome: 结束\n    rules: [TS-NOPE-001]\n",
    );
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md") + "\n```quiz no-such-quiz\n```\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for want in [
        "content/quizzes/broken.quiz.yaml:3:7: draw 9 but the pool has 3 questions",
        "content/quizzes/broken.quiz.yaml:4:12: pass_mark 0.8 is 0.8 %: almost any score passes",
        "write `pass_mark: 80`",
        "content/quizzes/broken.quiz.yaml:10:7: question `a`: 2 options are marked correct",
        "content/quizzes/broken.quiz.yaml:14:9: duplicate question id `a`",
        "content/quizzes/broken.quiz.yaml:17:12: question `a`: 1 item(s) to order",
        "content/quizzes/broken.quiz.yaml:26:19: scenario `call`: option leads to node `strat`",
        "did you mean `start`?",
        "scenario `call`: node `end` cannot be reached",
        "content/basics/first-lesson.md:26:1: embedded quiz: reference to a missing quiz `no-such-quiz`",
        "content/quizzes/broken.quiz.yaml:30:13: question `call`: reference to a missing rule `TS-NOPE-001`",
        "content/basics/first-lesson.md",
        "embedded quiz",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn quizzes_are_written_as_data_with_a_progress_page() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let data = read(&dest, "quizzes/principles/data.js");
    assert!(data.starts_with(
        "(window.HANDBOOK_QUIZZES = window.HANDBOOK_QUIZZES || {})[\"principles\"] = {"
    ));
    let json: serde_json::Value = serde_json::from_str(
        data.split_once(" = {")
            .map(|(_, r)| format!("{{{}", r.trim_end().trim_end_matches(';')))
            .unwrap()
            .as_str(),
    )
    .unwrap();
    assert!(json["questions"].as_array().unwrap().len() >= 8);
    assert!(json["pass_mark"].as_f64().unwrap() > 0.0);
    let quiz_page = read(&dest, "quizzes/principles/index.html");
    assert!(quiz_page.contains("class=\"quiz-app\"") && quiz_page.contains("src=\"data.js?v="));
    assert!(quiz_page.contains("static/js/quiz.") && quiz_page.contains("src=\"data.js?v="));
    let progress = read(&dest, "progress/data.js");
    assert!(progress.contains("\"modules\"") && progress.contains("\"checkpoint\":true"));
    assert!(read(&dest, "progress/index.html").contains("id=\"progress-app\""));
    let lesson = read(&dest, "principles/confidentiality-recusal/index.html");
    assert!(lesson.contains("data-quiz=\"confidentiality-recusal\" data-src=\"../../quizzes/confidentiality-recusal/data.js?v="));
    // 错题本: under 我的学习进度, with the book's quiz list and its script.
    let mistakes = read(&dest, "progress/mistakes/index.html");
    assert!(mistakes.contains("<script src=\"../data.js?v="));
    let stamped = stamped_asset(&mistakes, "js/mistakes");
    assert!(dest.join(&stamped).exists(), "{stamped}");
    assert!(mistakes.contains("<a href=\"../../progress/index.html\">我的学习进度</a>"));
    assert!(read(&dest, "nav.js").contains("\"progress/mistakes/\""));

    // A book without quizzes has no 错题本.
    let (_t2, plain) = init_book();
    std::fs::remove_dir_all(plain.join("content/quizzes")).unwrap();
    let home = read(&plain, "content/index.md");
    let home: String = home
        .lines()
        .filter(|l| !l.contains("quiz:"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&plain, "content/index.md", &home);
    // Nor is the quiz a search check's answer (init's last check).
    let checks = read(&plain, "content/search-checks.yaml");
    let (kept, quiz_check) = checks.split_once("- query: 入门小测验\n").unwrap();
    assert!(quiz_check.contains("quiz:example"), "{checks}");
    write(&plain, "content/search-checks.yaml", kept);
    let o = run(&plain, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(plain.join("site/progress/index.html").exists());
    assert!(!plain.join("site/progress/mistakes").exists());
    assert!(!read(&plain, "site/nav.js").contains("mistakes"));
}

#[test]
fn a_quiz_prints_as_an_exam_paper_with_a_separate_answer_key() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let paper = read(&dest, "quizzes/principles/paper/index.html");
    let (exam, key) = paper.split_once("class=\"paper-key\"").unwrap();
    // Parts in exam order, numbered 一、二 …; questions numbered through 1 … N.
    let parts: Vec<&str> = ["单选题", "多选题", "判断题", "填空题", "排序题", "连线题"]
        .into_iter()
        .filter(|p| exam.contains(&format!("、{p}<")))
        .collect();
    assert_eq!(
        parts.len(),
        6,
        "the principles quiz has every printable type"
    );
    let mut at = 0;
    for (i, p) in parts.iter().enumerate() {
        let head = format!(
            "<span class=\"paper-part-no\">{}</span>、{p}<",
            "一二三四五六".chars().nth(i).unwrap()
        );
        let found = exam[at..].find(&head).unwrap_or_else(|| panic!("{head}"));
        at += found;
    }
    let n = exam.matches("class=\"paper-q\"").count();
    assert!(n >= 15, "{n}");
    for k in 1..=n {
        assert!(
            exam.contains(&format!("<span class=\"paper-no\">{k}.</span>")),
            "question {k}"
        );
        assert!(
            key.contains(&format!(
                "<th scope=\"row\" class=\"paper-key-no\">{k}</th>"
            )),
            "key row {k}"
        );
    }
    // The paper says nothing of the answers; the key does, after it.
    for answer_sign in ["✓", "✗", "正确顺序", "参考答案：", "class=\"explanation\""] {
        assert!(!exam.contains(answer_sign), "{answer_sign}");
    }
    assert!(key.contains("参考答案与解析") && key.contains("依据："));
    // A question explained only by its wrong_feedback gets that in the key.
    let (_t2, small) = init_book();
    let quiz = read(&small, "content/quizzes/example.quiz.yaml");
    write(
        &small,
        "content/quizzes/example.quiz.yaml",
        &format!("{quiz}  - id: example-02\n    type: true_false\n    prompt: 投诉可以拖到月底再办。\n    answer: false\n    wrong_feedback: 不能拖，一般投诉5个工作日内办结。\n"),
    );
    let o = run(&small, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let small_paper = read(&small, "site/quizzes/example/paper/index.html");
    let small_key = small_paper.split_once("class=\"paper-key\"").unwrap().1;
    assert!(
        small_key.contains("<td>不能拖，一般投诉5个工作日内办结。</td>"),
        "{small_key}"
    );
    // Paper and key carry one 试卷版本, the same built again, another once an answer changes.
    let edition = |html: &str| -> Vec<String> {
        html.split("试卷版本 <span class=\"mono\">")
            .skip(1)
            .map(|s| s[..s.find('<').unwrap()].to_string())
            .collect()
    };
    let first = edition(&small_paper);
    assert!(
        first.len() == 2 && first[0] == first[1] && first[0].len() == 6,
        "{first:?}"
    );
    assert!(run(&small, &["build"]).status.success());
    assert_eq!(
        edition(&read(&small, "site/quizzes/example/paper/index.html")),
        first
    );
    let quiz = read(&small, "content/quizzes/example.quiz.yaml");
    write(
        &small,
        "content/quizzes/example.quiz.yaml",
        &quiz.replace(
            "不能拖，一般投诉5个工作日内办结。",
            "不能拖，一般投诉4个工作日内办结。",
        ),
    );
    assert!(run(&small, &["build"]).status.success());
    let second = edition(&read(&small, "site/quizzes/example/paper/index.html"));
    assert!(
        second[0] != first[0] && second[0] == second[1],
        "{first:?} {second:?}"
    );
    // Under the quiz in the breadcrumbs; the quiz links to it; its links go up three folders.
    assert!(paper.contains("<a href=\"../../../quizzes/principles/index.html\">"));
    assert!(read(&dest, "quizzes/principles/index.html").contains("href=\"paper/index.html\""));
    assert!(paper.contains("href=\"../../../static/css/quiz."));
    // The scenario quizzes and the flash cards have none (nothing to answer with a pen) and
    // do not link to one; a quiz that draws N says so to the page's script.
    for id in ["scenario-outage", "phrasing-cards"] {
        assert!(!dest.join(format!("quizzes/{id}/paper")).exists(), "{id}");
        assert!(!read(&dest, &format!("quizzes/{id}/index.html")).contains("paper/index.html"));
    }
    assert!(
        read(&dest, "quizzes/procedure-time-limits/paper/index.html").contains("data-draw=\"10\"")
    );
    assert!(!paper.contains("data-draw="));
    // A starred paper is a page that exists (nav.js lists it for 我的常用).
    assert!(read(&dest, "nav.js").contains("\"quizzes/principles/paper/\""));
    // Not in the search index: the quiz page is what a search finds.
    let found = std::process::Command::new("grep")
        .args(["-rl", "paper/index.html"])
        .arg(dest.join("search"))
        .output()
        .unwrap();
    assert!(
        found.stdout.is_empty(),
        "{}",
        String::from_utf8_lossy(&found.stdout)
    );
}

#[test]
fn rule_mistakes_are_all_reported_with_their_positions() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/broken.rule.yaml",
        "id: proc 7\ntitle: 错误示例\ncategory: procedur\nsummary: 示例\ntime_limits:\n  - label: 办结\n    value: 10\n    unit: working_days\n  - label: 办结\n    value: 0\n    unit: working_days\n    condition: extended\nsteps: []\nrelated: [EX-PROC-002]\neffective: 2024-02-30\n",
    );
    write(
        &root,
        "content/rules/unit.rule.yaml",
        "id: EX-PROC-009\ntitle: t\ncategory: procedure\nsummary: s\ntime_limits:\n  - label: l\n    value: 3\n    unit: working_day\n",
    );
    // A billion-laughs alias bomb must fail fast, not hang or exhaust memory.
    let mut bomb = String::from(
        "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (i, c) in "bcdefghij".chars().enumerate() {
        let prev = (b'a' + i as u8) as char;
        bomb.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
    }
    write(&root, "content/rules/bomb.rule.yaml", &bomb);
    let started = std::time::Instant::now();
    let o = run(&root, &["check"]);
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    assert!(!o.status.success());
    let err = stderr(&o);
    for want in [
        "content/rules/broken.rule.yaml:1:5: rule `proc 7`: id `proc 7` is not in the form `TS-PROC-001`",
        "content/rules/broken.rule.yaml:3:11: unknown category `procedur`",
        "did you mean `procedure`?",
        "content/rules/broken.rule.yaml:10:12: rule `proc 7`: time limit `办结` is 0, not a positive number",
        "经批准延长 (0个工作日) is shorter than 一般情形 (10个工作日)",
        "content/rules/broken.rule.yaml:13:8: rule `proc 7`: `steps` is empty",
        "content/rules/broken.rule.yaml:14:11: reference to a missing rule `EX-PROC-002`",
        "content/rules/broken.rule.yaml:15:12: rule `proc 7`: effective date `2024-02-30` is not a date",
        "content/rules/unit.rule.yaml:8:11: `working_day` is not one of the allowed values",
        "did you mean `working_days`?",
        "content/rules/bomb.rule.yaml",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn yaml_syntax_errors_name_the_exact_position() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/tabs.rule.yaml",
        "id: EX-A-1\ntitle: t\n\tcategory: procedure\nsummary: s\n",
    );
    write(
        &root,
        "content/rules/quote.rule.yaml",
        "id: EX-A-2\ntitle: \"未闭合的引号\ncategory: procedure\nsummary: s\n",
    );
    write(
        &root,
        "content/rules/dup.rule.yaml",
        "id: EX-A-3\ntitle: t\ncategory: procedure\ntitle: again\nsummary: s\n",
    );
    // A Chinese input method's full-width colon and full-width space.
    write(
        &root,
        "content/rules/colon.rule.yaml",
        "id: EX-A-4\ntitle: t\ncategory：procedure\nsummary: s\n",
    );
    write(
        &root,
        "content/basics/colon.md",
        "---\ntitle：第二课\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/basics/comma.md",
        "---\ntitle: 第四课\ntags: [流程，时限]\nsources: [a，b]\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/basics/indent.md",
        "---\ntitle: 第三课\ntags:\n\u{3000}- 流程\n---\n\n正文。\n",
    );
    // A second YAML document: in front matter, and between two rules of one file.
    write(
        &root,
        "content/basics/marker.md",
        "---\ntitle: 第五课\n--- summary: 多写了横线\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/rules/two.rules.yaml",
        "- id: EX-A-5\n  title: t\n  category: procedure\n  summary: s\n---\n- id: EX-A-6\n  title: t\n  category: procedure\n  summary: s\n",
    );
    write(
        &root,
        "content/basics/indented.md",
        "---\n  title: 第六课\nsummary: 首行缩进了\n---\n\n正文。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line_of = |file: &str| -> String {
        err.lines()
            .find(|l| l.starts_with(&format!("error: content/rules/{file}:")))
            .unwrap_or_else(|| panic!("no error for {file}:\n{err}"))
            .to_string()
    };
    assert!(
        line_of("tabs.rule.yaml").contains("tabs.rule.yaml:3:"),
        "{err}"
    );
    assert!(err.contains("spaces, not tabs"), "{err}");
    assert!(
        line_of("quote.rule.yaml")
            .contains("quote.rule.yaml:2:8: this quoted value is never closed"),
        "{err}"
    );
    assert!(err.contains("close the quotation mark"), "{err}");
    assert!(
        line_of("dup.rule.yaml").contains("dup.rule.yaml:4:1: duplicate field `title`"),
        "{err}"
    );
    assert!(err.contains("each key may appear only once"), "{err}");
    assert!(
        line_of("colon.rule.yaml")
            .contains("colon.rule.yaml:3:9: `category` is followed by a full-width colon `：`"),
        "{err}"
    );
    for want in [
        "error: content/basics/marker.md:3:1: `---` at the start of a line ends this YAML and begins another",
        "error: content/rules/two.rules.yaml:5:1: `---` at the start of a line ends this YAML",
        "several rules or terms go in one list of `- ` items",
        "error: content/basics/indented.md:3:1: this key starts further left than the YAML's first line (indented by 2 spaces)",
        "error: content/basics/colon.md:2:6: `title` is followed by a full-width colon `：`",
        "YAML needs an ASCII colon and a space: `title: ...`",
        "error: content/basics/indent.md:4:1: this line is indented with a full-width space",
        "warning: content/basics/comma.md:3:8: the tag `流程，时限` holds a full-width comma",
        "separate tags with an ASCII comma",
        "error: content/basics/comma.md:4:11: unknown source `a，b`",
        "separate ids with an ASCII comma",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
}

#[test]
fn a_missing_course_item_names_its_line_and_column() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/course.yaml",
                "title: 新员工课程\nmodules:\n  - title: 第一单元\n    items:\n      - lesson: basics/first-lesson\n      - lesson: basics/frist-lesson\n",
            )
        },
        "content/course.yaml:6:17",
        None,
        "did you mean `basics/first-lesson`",
    );
}

#[test]
fn an_unknown_source_in_front_matter_names_its_line_and_column() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/sources.yaml",
                "- id: gansu\n  title: 甘肃公司的做法\n",
            );
            write(
                r,
                "content/basics/first-lesson.md",
                "---\ntitle: 认识投诉\nsources:\n  - gansu\n  - gansuu\n---\n正文\n",
            )
        },
        "content/basics/first-lesson.md:5:5",
        None,
        "unknown source `gansuu`",
    );
}

#[test]
fn a_missing_theme_and_a_template_that_is_not_utf8_name_their_line() {
    assert_error_keeps_old_site(
        |r| {
            let t = read(r, "book.toml");
            let t = if t.contains("theme =") {
                t.replace("theme = \"default\"", "theme = \"corp\"")
            } else {
                t.replace("[build]", "[build]\ntheme = \"corp\"")
            };
            write(r, "book.toml", &t);
        },
        "book.toml:11:9",
        None,
        "theme `corp` not found",
    );
    assert_error_keeps_old_site(
        |r| {
            std::fs::create_dir_all(r.join("templates")).unwrap();
            std::fs::write(r.join("templates/page.html"), b"{{ page.title }}\n\xb6\xcf").unwrap()
        },
        "templates/page.html:2:1",
        None,
        "UTF-8",
    );
}

#[test]
fn a_destination_that_cannot_be_made_fails_before_the_search_index_is_built() {
    let (_t, root) = init_book();
    // The destination's parent is a file: no folder can be made beside it.
    write(&root, "blocked", "a file, not a folder");
    let dest = root.join("blocked/site");
    let o = handbook_cmd()
        .args(["--root", root.to_str().unwrap(), "build", "--dest"])
        .arg(&dest)
        .env("HANDBOOK_TIMING", "1")
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(err.contains("cannot write the site"), "{err}");
    assert!(err.contains("help:"), "{err}");
    // The pages were rendered (that is where such a build stands), the index never started.
    assert!(err.contains("pages:"), "{err}");
    assert!(
        !err.contains("search:"),
        "the index was built first:\n{err}"
    );
}

#[test]
fn a_file_that_does_not_parse_gives_one_error_not_one_per_reference_to_it() {
    // Each of these files is referenced from many places (a rule from lessons, quizzes and the
    // course; the sources from every rule and lesson ...). A YAML mistake in one is reported
    // once, at its line, not again as a missing rule / source / category / term at every
    // reference (it was 24, 81, 140 and 25 errors for the four files below).
    for file in [
        "content/rules/ts-proc-001.rule.yaml",
        "content/rules/complaint-types.rules.yaml",
        "content/sources.yaml",
        "content/categories.yaml",
        "content/glossary.yaml",
        "content/quizzes/phrasing-cards.quiz.yaml",
    ] {
        let (_t, root) = bundled_copy();
        let mut lines: Vec<String> = read(&root, file).lines().map(String::from).collect();
        lines.insert(3, "  bad: [unclosed".into());
        write(&root, file, &lines.join("\n"));
        let o = run(&root, &["check"]);
        let err = stderr(&o);
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
        assert!(!o.status.success());
        assert_eq!(errors.len(), 1, "{file}:\n{err}");
        assert!(errors[0].starts_with(&format!("error: {file}:4:")), "{err}");
    }
    // The course, whose page `[[course]]` links to.
    let (_t, root) = bundled_copy();
    let course =
        read(&root, "content/course.yaml").replacen("id: onboarding", "id: [onboarding", 1);
    write(&root, "content/course.yaml", &course);
    let err = stderr(&run(&root, &["check"]));
    let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
    assert_eq!(errors.len(), 1, "{err}");
    assert!(
        errors[0].starts_with("error: content/course.yaml:1:"),
        "{err}"
    );
    // The same when the file is not UTF-8, lost the line with its id or garbled it (the
    // file's name stands in for it), or is a lesson that is not UTF-8.
    let rule = "content/rules/ts-proc-001.rule.yaml";
    let lesson = "content/principles/first-contact.md";
    type Break = fn(&Path);
    let cases: [(&str, Break); 4] = [
        (rule, |r| {
            let p = r.join("content/rules/ts-proc-001.rule.yaml");
            let mut b = std::fs::read(&p).unwrap();
            b.splice(60..60, [0xff, 0xfe]);
            std::fs::write(p, b).unwrap();
        }),
        (rule, |r| {
            let f = "content/rules/ts-proc-001.rule.yaml";
            let t: Vec<String> = read(r, f)
                .lines()
                .filter(|l| !l.starts_with("id:"))
                .map(String::from)
                .collect();
            write(r, f, &t.join("\n"));
        }),
        (rule, |r| {
            let f = "content/rules/ts-proc-001.rule.yaml";
            write(
                r,
                f,
                &read(r, f).replace("id: TS-PROC-001", "id: TS-PR{OC-001"),
            );
        }),
        (lesson, |r| {
            let p = r.join("content/principles/first-contact.md");
            let mut b = std::fs::read(&p).unwrap();
            b.extend([0xb6, 0xcf]);
            std::fs::write(p, b).unwrap();
        }),
    ];
    for (file, break_it) in cases {
        let (_t, root) = bundled_copy();
        break_it(&root);
        let err = stderr(&run(&root, &["check"]));
        let errors: Vec<&str> = err.lines().filter(|l| l.starts_with("error")).collect();
        assert_eq!(errors.len(), 1, "{file}:\n{err}");
        assert!(errors[0].starts_with(&format!("error: {file}:")), "{err}");
    }
}

#[test]
fn a_glossary_term_related_to_a_missing_rule_is_an_error_at_its_line() {
    assert_error_keeps_old_site(
        |r| {
            write(
                r,
                "content/glossary.yaml",
                "- term: 投诉\n  definition: 客户对服务不满的反映。\n  related: [EX-PROC-001, EX-PROC-002]\n",
            )
        },
        "content/glossary.yaml:3:26",
        None,
        "reference to a missing rule `EX-PROC-002`",
    );
}

#[test]
fn line_separators_from_pasted_text_are_escaped_in_every_script() {
    // U+2028 / U+2029 are valid in JSON strings but end a line inside a string in browsers
    // before ES2019, which then fail on the whole file: nav, quiz data, search index.
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson)
        .replace("title: 认识投诉", "title: \"认识\\L投诉\"")
        .replace("说明他还愿意", "说明他\u{2028}还愿意\u{2029}");
    write(&root, lesson, &text);
    let quiz = "content/quizzes/example.quiz.yaml";
    let q = read(&root, quiz).replace(
        "prompt: 一般投诉应在多长时间内办结？",
        "prompt: \"一般投诉\\P应在多长时间内办结？\"",
    );
    write(&root, quiz, &q);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut escaped = Vec::new();
    for e in walkdir::WalkDir::new(root.join("site"))
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.ends_with(".js") {
            continue;
        }
        let js = std::fs::read_to_string(e.path()).unwrap();
        assert!(
            !js.contains(['\u{2028}', '\u{2029}']),
            "{} holds a raw line separator",
            e.path().display()
        );
        if js.contains("\\u2028") || js.contains("\\u2029") {
            escaped.push(name);
        }
    }
    escaped.sort();
    escaped.dedup();
    // The title in nav.js, the prompt in the quiz's data.js, the text in a search document.
    assert!(escaped.contains(&"nav.js".to_string()), "{escaped:?}");
    assert!(escaped.contains(&"data.js".to_string()), "{escaped:?}");
    assert!(
        escaped.iter().any(|n| n.starts_with('d') && n != "data.js"),
        "{escaped:?}"
    );
}

#[test]
fn rule_cards_and_quizzes_have_their_listing_in_the_breadcrumbs() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let crumbs = |rel: &str| {
        let html = read(&root, rel);
        let start = html.find("class=\"breadcrumbs\"").expect(rel);
        let end = start + html[start..].find("</nav>").unwrap();
        html[start..end].to_string()
    };
    let rule = crumbs("site/rules/TS-PROC-002/index.html");
    assert!(
        rule.contains("<a href=\"../../rules/index.html\">规则索引</a>"),
        "{rule}"
    );
    assert!(crumbs("site/rules/time-limits/index.html").contains("规则索引</a>"));
    let quiz = crumbs("site/quizzes/principles/index.html");
    assert!(
        quiz.contains("<a href=\"../../quizzes/index.html\">测验与情景演练</a>"),
        "{quiz}"
    );
    // The listings themselves are not under themselves.
    assert!(!crumbs("site/rules/index.html").contains("规则索引</a>"));
}

#[test]
fn the_glossary_is_in_pinyin_order_under_letters() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/glossary/index.html");
    let at = |s: &str| {
        html.find(s)
            .unwrap_or_else(|| panic!("{s} not on the page"))
    };
    // 95598 (a number) first; then by pinyin: 办结 (ban) … 台账 (tai) < 停电 (ting) < 投诉
    // (tou) < 违约金 (wei); PDCA files under P among them.
    assert!(at("id=\"95598\"") < at("id=\"办结\""));
    assert!(at("id=\"办结\"") < at("id=\"台账\""));
    assert!(at("id=\"台账\"") < at("id=\"停电\""));
    assert!(at("id=\"停电\"") < at("id=\"投诉\""));
    assert!(at("id=\"投诉\"") < at("id=\"违约金\""));
    assert!(at("id=\"letter-P\"") < at("id=\"pdca\"") && at("id=\"pdca\"") < at("id=\"letter-Q\""));
    // A synonym is an anchor of its term too (a term renamed, its old name kept as a
    // synonym: old links to `glossary/#旧名` still land on it).
    assert!(
        html.contains(
            "<dt id=\"办结时限\"><span id=\"办理期限\"></span><span id=\"处理时限\"></span>"
        ),
        "{html}"
    );
    // Letters to jump to, each with its heading.
    for l in ["0", "B", "T", "W"] {
        assert!(html.contains(&format!("href=\"#letter-{l}\"")), "{l}");
        assert!(html.contains(&format!("id=\"letter-{l}\"")), "{l}");
    }
}

#[test]
fn the_print_page_holds_the_whole_book_in_order_with_its_links_inside_it() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/print/index.html");

    // Every page of the sidebar, in its order, each under its own title.
    let nav = read(&root, "site/nav.js");
    let json = nav
        .trim()
        .trim_start_matches("window.HANDBOOK_NAV = ")
        .trim_end_matches(';');
    let nav: serde_json::Value = serde_json::from_str(json).unwrap();
    // (Title, address, chapter number: 1, 1.2 ... by place in the sidebar.)
    fn walk(v: &serde_json::Value, at: &str, out: &mut Vec<(String, String, String)>) {
        for (n, item) in v.as_array().into_iter().flatten().enumerate() {
            let number = format!("{at}{}", n + 1);
            out.push((
                item["t"].as_str().unwrap().to_string(),
                item["u"].as_str().unwrap().to_string(),
                number.clone(),
            ));
            walk(&item["c"], &format!("{number}."), out);
        }
    }
    let mut pages = Vec::new();
    walk(&nav["items"], "", &mut pages);
    let generated = [
        "rules/",
        "quizzes/",
        "glossary/",
        "course/",
        "print/",
        "tags/",
        "phrases/",
    ];
    pages.retain(|(_, u, _)| !generated.iter().any(|g| u.starts_with(g)));
    assert!(pages.len() > 40, "{pages:?}");
    let mut last = 0;
    for (title, _, number) in &pages {
        // Numbered as chapters, in the contents too: on paper they stand for page numbers.
        let heading = format!(
            "<h1 class=\"print-title\"><span class=\"print-num\">{number}</span>{title}</h1>"
        );
        let at = html
            .find(&heading)
            .unwrap_or_else(|| panic!("{heading} is not on the print page"));
        assert!(at > last, "{title} is out of order");
        last = at;
        assert!(
            html.contains(&format!(
                "<span class=\"print-num\">{number}</span>{title}</a></li>"
            )),
            "{number} {title} in the contents"
        );
    }
    assert!(html.contains("<span class=\"print-num\">1.1</span>"));
    // A link to another chapter says where it is on paper (shown when printed).
    let limits = pages
        .iter()
        .find(|(t, _, _)| t == "办理时限与答复")
        .map(|(_, _, n)| n.clone())
        .unwrap();
    assert!(
        html.contains(&format!(
            "</a><span class=\"print-ref\">（见 {limits}）</span>"
        )),
        "见 {limits}"
    );
    // Then every rule card.
    assert!(html.find("id=\"print-rules\"").unwrap() > last);
    for f in std::fs::read_dir(root.join("site/rules")).unwrap() {
        let name = f.unwrap().file_name().to_string_lossy().to_string();
        if name.starts_with("TS-") {
            assert!(html.contains(&format!("id=\"r-{name}\"")), "{name}");
        }
    }

    // Ids are unique; every link within the page has its target; every other link a file.
    let mut ids = std::collections::HashSet::new();
    let mut rest = html.as_str();
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(ids.insert(id.to_string()), "id {id} twice");
    }
    let (mut inside, mut to_cards) = (0, 0);
    for link in links(&html) {
        if let Some(a) = link.strip_prefix('#') {
            assert!(ids.contains(&percent_decode(a)), "no target for {link}");
            inside += 1;
            to_cards += a.starts_with("r-") as usize;
        } else {
            let path = link.split('#').next().unwrap();
            assert!(
                root.join("site/print").join(percent_decode(path)).is_file(),
                "{link}"
            );
        }
    }
    assert!(inside > 300 && to_cards > 50, "{inside} {to_cards}");
    // Links to another lesson and to a rule land on this page.
    let n = html[..html.find("</span>办理时限与答复</h1>").unwrap()]
        .matches("class=\"print-page ")
        .count();
    assert!(html.contains(&format!("id=\"p{n}\">")));
    assert!(
        html.contains(&format!("href=\"#p{n}\"")),
        "no link to #p{n}"
    );
    assert!(html.contains("href=\"#r-TS-PROC-002\""));
    // So do the links inside the rule cards (a step's [[rule:…]], a related lesson): only
    // what is not printed (quizzes, the glossary) goes to the site.
    let cards = &html[html.find("id=\"print-rules\"").unwrap()..html.find("<footer").unwrap()];
    let card_links = links(cards);
    assert!(card_links.iter().filter(|l| l.starts_with('#')).count() > 100);
    for l in &card_links {
        assert!(
            l.starts_with('#') || l.contains("quizzes/") || l.contains("glossary/"),
            "a rule card on the print page links out to {l}"
        );
    }

    // An embedded quiz is its link, not a player (quiz.js plays `.quiz-app`s).
    assert!(html.contains("<div class=\"quiz-embed\" data-quiz=\"confidentiality-recusal\""));
    assert!(!html.contains("quiz-app"));

    // Every page links to it; the sidebar lists it.
    assert!(read(&root, "site/index.html").contains("<a href=\"print/index.html\">全书打印版</a>"));
    assert!(nav.to_string().contains("print/"));

    // Turned off: no page, no links to it.
    let toml = read(&root, "book.toml") + "print = false\n";
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!root.join("site/print").exists());
    assert!(!read(&root, "site/index.html").contains("print/index.html"));
    assert!(!read(&root, "site/nav.js").contains("print/"));
    // ... and a [[print]] link says why it cannot be.
    let lesson = "content/basics/why-complaints-matter.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n装订用[[print]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("`[[print]]` links to the print page, which this book does not have"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_lesson_named_print_is_an_error_while_the_print_page_is_on() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/print.md",
        "---\ntitle: 打印须知\n---\n\n正文。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("print.md") && err.contains("`print` is used by a generated page"),
        "{err}"
    );
    assert!(err.contains("print = false"), "{err}");
    let toml = read(&root, "book.toml").replace("[output]", "[output]\nprint = false");
    let toml = if toml.contains("print = false") {
        toml
    } else {
        toml + "\n[output]\nprint = false\n"
    };
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "site/print/index.html").contains("打印须知"));
}

#[test]
fn check_and_build_print_errors_as_json_lines_or_github_annotations_for_ci() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/bad.md",
        "---\ntitle: 坏的\n---\n\n见[时限](missing.md)。\n",
    );
    let o = run(&root, &["check", "--format", "json"]);
    assert!(!o.status.success());
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect();
    let d = &lines[0];
    assert_eq!(d["type"], "diagnostic");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["file"], "content/basics/bad.md");
    assert_eq!((d["line"].as_u64(), d["col"].as_u64()), (Some(5), Some(2)));
    assert!(d["message"].as_str().unwrap().contains("missing.md"), "{d}");
    assert!(d["hint"].is_string(), "{d}");
    let s = lines.last().unwrap();
    assert_eq!(
        (s["type"].as_str(), s["ok"].as_bool(), s["errors"].as_u64()),
        (Some("summary"), Some(false), Some(1))
    );
    assert_eq!(lines.len(), 2, "stdout holds JSON only");

    let o = run(&root, &["build", "--format", "github"]);
    assert!(!o.status.success());
    let out = stdout(&o);
    assert!(
        out.starts_with("::error file=content/basics/bad.md,line=5,col=2,title=handbook::link to a missing page"),
        "{out}"
    );
    assert!(
        out.contains("%0A= help: "),
        "the hint on the annotation's second line: {out}"
    );
    assert!(stderr(&o).contains("build failed"), "{}", stderr(&o));

    // A clean book: just the summary.
    std::fs::remove_file(root.join("content/basics/bad.md")).unwrap();
    let o = run(&root, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let s: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(
        (s["ok"].as_bool(), s["errors"].as_u64()),
        (Some(true), Some(0))
    );
}

#[test]
fn a_lesson_revision_shows_on_the_page_and_among_the_recent_changes() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    let with = text.replacen(
        "---\n",
        "---\nrevised:\n  - date: 2026-01-05\n    change: 初稿\n  - date: 2026-11-30\n    change: 时限改为 3 个工作日\n",
        1,
    );
    write(&root, lesson, &with);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        page.contains("更新于 2026-11-30"),
        "the latest date in the header"
    );
    let table = &page[page.find("id=\"修订记录\"").expect("a revisions table")..];
    assert!(table.find("2026-11-30").unwrap() < table.find("2026-01-05").unwrap());
    let changes = read(&root, "site/rules/changes/index.html");
    let row = changes
        .split("<tr>")
        .find(|r| r.contains("时限改为 3 个工作日"))
        .unwrap_or_else(|| panic!("not on the changes page: {changes}"));
    assert!(
        row.contains("href=\"../../basics/first-lesson/index.html\"") && row.contains("课程"),
        "{row}"
    );
    // Every revision is listed (a release has several of one page), the version only beside
    // the latest; the home page's short list keeps the latest of each.
    let first = changes
        .split("<tr ")
        .find(|r| r.contains("初稿"))
        .unwrap_or_else(|| panic!("every revision is listed: {changes}"));
    assert!(first.contains("data-change-date=\"2026-01-05\""), "{first}");
    assert!(
        changes.find("时限改为 3 个工作日").unwrap() < changes.find("初稿").unwrap(),
        "newest first"
    );

    // The home page lists the latest changes too (at most five), linking from the root.
    let home = read(&root, "site/index.html");
    let recent = &home[home
        .find("class=\"recent-changes\"")
        .expect("a recent-changes block")..];
    let recent = &recent[..recent.find("</section>").unwrap()];
    assert!(
        recent.contains(
            "<a href=\"basics/first-lesson/index.html\">认识投诉</a>：时限改为 3 个工作日"
        ),
        "{recent}"
    );
    assert!(recent.matches("<li>").count() <= 5);
    assert!(!recent.contains("初稿"), "{recent}");

    // A date that is not one, and a revision that says nothing: errors at their place.
    let bad = text.replacen(
        "---\n",
        "---\nrevised:\n  - date: 2026-02-30\n    change: x\n  - date: 2026-03-01\n    change: ''\n",
        1,
    );
    write(&root, lesson, &bad);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("first-lesson.md:3:11: revision date `2026-02-30` is not a date"),
        "{err}"
    );
    assert!(
        err.contains("first-lesson.md:5:") && err.contains("a revision without `change`"),
        "{err}"
    );
}

#[test]
fn aliases_forward_old_paths_and_every_bad_one_is_reported_at_its_place() {
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &text.replacen(
            "---\n",
            "---\naliases: [basics/old-name, 旧/认识投诉.md, intake/phone.html, old/Page.HTM]\n",
            1,
        ),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for (old, up) in [("basics/old-name", "../../"), ("旧/认识投诉", "../../")] {
        let html = read(&root, &format!("site/{old}/index.html"));
        let target = format!("{up}basics/first-lesson/index.html");
        assert!(
            html.contains(&format!(
                "<meta http-equiv=\"refresh\" content=\"0; url={target}\">"
            )) && html.contains(&format!("<script src=\"{up}static/js/redirect."))
                && html.contains(&format!("data-to=\"{target}\""))
                && html.contains(&format!("<a href=\"{target}\">认识投诉</a>")),
            "{html}"
        );
    }
    // mdBook's and most wikis' addresses name a file: the forward is that file (a folder
    // named `phone.html` opened from disk shows a listing of the folder).
    let html = read(&root, "site/intake/phone.html");
    assert!(
        html.contains("data-to=\"../basics/first-lesson/index.html\"")
            && html.contains("<script src=\"../static/js/redirect."),
        "{html}"
    );
    assert!(!root.join("site/intake/phone.html/index.html").exists());
    assert!(
        read(&root, "site/old/Page.HTM").contains("data-to=\"../basics/first-lesson/index.html\"")
    );
    // Not a page of its own: not in the sidebar (only among the folders a star may name).
    let nav = read(&root, "site/nav.js");
    let nav: serde_json::Value = serde_json::from_str(
        nav.trim()
            .trim_start_matches("window.HANDBOOK_NAV = ")
            .trim_end_matches(';'),
    )
    .unwrap();
    assert!(!nav["items"].to_string().contains("old-name"));
    assert!(nav["other"].to_string().contains("old-name"), "{nav}");

    // Each mistake at its line and column, all at once.
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\naliases: [basics/old-name]\n---\n\n正文。\n",
    );
    write(
        &root,
        lesson,
        &text.replacen(
            "---\n",
            "---\naliases: [basics/old-name, basics/second, basics/first-lesson, ../x, search/old, '', 404.html]\n",
            1,
        ),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for want in [
        "first-lesson.md:2:28: alias `basics/second` is the path of the page content/basics/second.md",
        "first-lesson.md:2:43: alias `basics/first-lesson` is this page's own path",
        "first-lesson.md:2:64: alias `../x` is a path with an empty, `.` or `..` folder",
        "first-lesson.md:2:70: alias `search/old` is inside `search/`",
        "first-lesson.md:2:82: an alias is empty",
        "first-lesson.md:2:86: alias `404.html` is the path of `404.html`, a file the build writes",
        "second.md:3:11: alias `basics/old-name` is also an alias of content/basics/first-lesson.md",
    ] {
        assert!(err.contains(want), "missing `{want}` in:\n{err}");
    }
}

#[test]
fn a_renumbered_rule_keeps_its_old_id_working() {
    let (_t, root) = init_book();
    let file = "content/rules/example.rule.yaml";
    let rule = read(&root, file);
    write(&root, file, &format!("{rule}aliases: [EX-OLD-001]\n"));
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forward = read(&root, "site/rules/EX-OLD-001/index.html");
    assert!(
        forward.contains("data-to=\"../../rules/EX-PROC-001/index.html\""),
        "{forward}"
    );
    assert!(read(&root, "site/rules/EX-PROC-001/index.html")
        .contains("原编号 <span class=\"mono\">EX-OLD-001</span>"));

    // A link to the old id says the new one; an alias must be an id no rule has.
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n见 [[rule:EX-OLD-001]]。\n"),
    );
    write(
        &root,
        file,
        &format!("{rule}aliases: [EX-OLD-001, EX-PROC-001, 旧编号]\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = rule.lines().count() + 1;
    for want in [
        "rule `EX-OLD-001` is now `EX-PROC-001`".to_string(),
        "link `rule:EX-PROC-001`".to_string(),
        format!("example.rule.yaml:{line}:23: rule `EX-PROC-001`: alias `EX-PROC-001` is the id of a rule"),
        format!("example.rule.yaml:{line}:36: rule `EX-PROC-001`: alias `旧编号` is not a rule id"),
    ] {
        assert!(err.contains(&want), "missing `{want}` in:\n{err}");
    }
    assert!(err.contains("first-lesson.md:"), "{err}");
}

#[test]
fn the_footer_says_how_current_the_content_is() {
    let (_t, root) = init_book();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The example rule's revision is the latest date: every page says so, linking 最近修订.
    let lesson = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        lesson.contains(" · 内容更新至 <a href=\"../../rules/changes/index.html\" title=\"最近修订\">2025-01-01</a>"),
        "{lesson}"
    );
    // A lesson revised later moves it.
    let text = read(&root, "content/basics/first-lesson.md").replacen(
        "audience: [new-staff]\n",
        "audience: [new-staff]\nrevised:\n  - date: 2026-02-03\n    change: 补充了例子\n",
        1,
    );
    write(&root, "content/basics/first-lesson.md", &text);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "site/index.html").contains(">2026-02-03</a>"));
}

#[test]
fn a_rule_block_in_a_lesson_quotes_the_rule_file_and_names_its_mistakes() {
    let (_t, root) = init_book();
    // A step that links to the lesson: links in a rule are written from the content folder.
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "what: 调查处理并答复客户",
        "what: 调查处理并答复客户，话术见[[lesson:basics/first-lesson]]",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + "\n```rule EX-PROC-001\n```\n\n```rule EX-PROC-001 步骤 must\n```\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/first-lesson/index.html");
    let blocks: Vec<&str> = html
        .split("<aside class=\"rule-embed")
        .skip(1)
        .map(|b| &b[..b.find("</aside>").unwrap()])
        .collect();
    assert_eq!(blocks.len(), 2, "{html}");
    // Both: the id and title linking to the card, the summary, and a link to the whole card.
    for b in &blocks {
        assert!(b.starts_with(" severity-high\""), "{b}");
        assert!(b.contains("<a href=\"../../rules/EX-PROC-001/index.html\"><span class=\"mono\">EX-PROC-001</span> 投诉办理时限</a>"), "{b}");
        assert!(b.contains("一般投诉在5个工作日内办结。"), "{b}");
        assert!(b.contains("查看完整规则卡"), "{b}");
    }
    // With no parts named, the time limits, with what the page needs for today's due date.
    assert!(blocks[0].contains("<div class=\"limit limit-ordinary\" data-n=\"5\" data-unit=\"working_days\"><span class=\"limit-value\">5</span><span class=\"limit-unit\">个工作日</span>"), "{}", blocks[0]);
    assert!(!blocks[0].contains("办理步骤") && !blocks[0].contains("严禁"));
    // Named parts only, in the card's order; a step's link is relative to the lesson.
    let b = blocks[1];
    assert!(!b.contains("class=\"limits\""), "{b}");
    let (steps, must) = (b.find("办理步骤").unwrap(), b.find("必须做到").unwrap());
    assert!(steps < must && b.contains("推诿客户"), "{b}");
    assert!(
        b.contains("<span class=\"step-within\">时限：5个工作日</span>"),
        "{b}"
    );
    assert!(
        b.contains("话术见<a href=\"../../basics/first-lesson/index.html\">认识投诉</a>"),
        "{b}"
    );
    // The card lists the lesson among the pages citing it.
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    let back = &card[card.find("引用本规则的课程与测验").expect("backlinks")..];
    assert!(
        back.contains("../../basics/first-lesson/index.html"),
        "{back}"
    );
    // On the print page the block links to the card printed there, with no due dates.
    let print = read(&root, "site/print/index.html");
    let p = &print[print
        .find("<aside class=\"rule-embed")
        .expect("block on the print page")..];
    let p = &p[..p.find("</aside>").unwrap()];
    assert!(p.contains("href=\"#r-EX-PROC-001\""), "{p}");
    assert!(!p.contains("data-n="), "{p}");
    // Changing the rule changes the lesson at the next build.
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace(
            "value: 5\n    unit: working_days\n    condition",
            "value: 4\n    unit: working_days\n    condition",
        ),
    );
    assert!(run(&root, &["build"]).status.success());
    let html = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        html.contains("data-n=\"4\""),
        "the lesson kept the old limit"
    );

    // Mistakes: an unknown rule (with the nearest id), an unknown part, no id at all.
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n```rule EX-PROC-01\n```\n\n```rule EX-PROC-001 stesp\n```\n\n```rule\n```\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let base = read(&root, "content/basics/first-lesson.md")
        .lines()
        .count();
    for want in [
        format!("content/basics/first-lesson.md:{}:1: embedded rule: reference to a missing rule `EX-PROC-01`", base - 7),
        "did you mean `EX-PROC-001`?".to_string(),
        format!("content/basics/first-lesson.md:{}:1: embedded rule: a ```rule``` block cannot show `stesp`", base - 4),
        "did you mean `steps`?".to_string(),
        format!("content/basics/first-lesson.md:{}:1: embedded rule: a ```rule``` block names no rule", base - 1),
    ] {
        assert!(err.contains(&want), "missing {want:?} in:\n{err}");
    }
}

#[test]
fn a_missing_content_folder_is_reported_where_book_toml_names_it() {
    let (_t, root) = init_book();
    let toml = read(&root, "book.toml");
    write(
        &root,
        "book.toml",
        &toml.replace("src = \"content\"", "src = \"contnet\""),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = toml.lines().position(|l| l.starts_with("src")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "error: book.toml:{line}:7: the content folder `contnet` named by `src` does not exist"
        )),
        "{err}"
    );
    assert!(err.contains("correct `src` under [build]"), "{err}");
    // Not named in book.toml: the default folder, at its own path.
    let without: String = toml
        .lines()
        .filter(|l| !l.starts_with("src"))
        .map(|l| format!("{l}\n"))
        .collect();
    write(&root, "book.toml", &without);
    std::fs::rename(root.join("content"), root.join("elsewhere")).unwrap();
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("error: content: the content folder does not exist"),
        "{err}"
    );
}

#[test]
fn a_rule_card_shows_the_good_dialogues_of_the_lessons_it_relates_to() {
    // The starter rule relates to the starter lesson, whose good dialogue is 先倾听.
    let (_t, root) = init_book();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    let at = card
        .find("<section class=\"rule-phrases\">")
        .expect("示范话术 on the card");
    let phrases = &card[at..at + card[at..].find("</section>").unwrap()];
    assert!(
        phrases.contains("<h2 id=\"示范话术\">示范话术</h2>"),
        "{phrases}"
    );
    assert!(
        phrases.contains("先倾听") && phrases.contains("您慢慢说，我都记下来"),
        "{phrases}"
    );
    assert!(phrases.contains("dialogue-good"), "{phrases}");
    // Each links to where it is taught, relative to the card.
    assert!(
        phrases.contains("出自：<a href=\"../../basics/first-lesson/index.html"),
        "{phrases}"
    );
    // Right under the limits, before the steps: what to say and by when come first.
    assert!(
        card.find("id=\"时限\"").unwrap() < at && at < card.find("id=\"办理步骤\"").unwrap(),
        "{card}"
    );
    // One dialogue: nothing folded.
    assert!(!phrases.contains("phrase-more"), "{phrases}");
    // The print page's cards stay one page each: no dialogues there.
    assert!(!read(&root, "site/print/index.html").contains("rule-phrases"));
    // A rule that relates to no lesson with one has no such section.
    write(
        &root,
        "content/rules/second.rule.yaml",
        "id: EX-PROC-002\ntitle: 回访\ncategory: procedure\nsummary: 办结后回访\n",
    );
    assert!(run(&root, &["build"]).status.success());
    assert!(!read(&root, "site/rules/EX-PROC-002/index.html").contains("rule-phrases"));
}

#[test]
fn a_reference_to_a_lesson_section_links_there_and_keeps_the_card_to_its_dialogues() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md")
        + "\n## 办结后回访 {#visit}\n\n```dialogue good 回访话术\n坐席：您好，我是供电公司的回访员，想了解一下您对处理结果是否满意。\n```\n";
    write(&root, "content/basics/first-lesson.md", &lesson);
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "related: [lesson:basics/first-lesson]",
        "related: [lesson:basics/first-lesson#visit]",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace(
        "lessons: [basics/first-lesson]",
        "lessons: [basics/first-lesson#visit]",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    write(
        &root,
        "content/glossary.yaml",
        "- term: 回访\n  definition: 办结后联系客户\n  related: [EX-PROC-001, lesson:basics/first-lesson#visit, quiz:example]\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // The card: only that section's dialogue, and a link to the section named in its title.
    let card = read(&root, "site/rules/EX-PROC-001/index.html");
    let at = card
        .find("<section class=\"rule-phrases\">")
        .expect("示范话术");
    let phrases = &card[at..at + card[at..].find("</section>").unwrap()];
    assert!(phrases.contains("回访话术"), "{phrases}");
    assert!(!phrases.contains("先倾听"), "{phrases}");
    assert!(
        card.contains(
            "href=\"../../basics/first-lesson/index.html#visit\">认识投诉 › 办结后回访</a>"
        ),
        "{card}"
    );
    // A question's review link goes to the section too.
    let quiz = read(&root, "site/quizzes/example/index.html");
    assert!(
        quiz.contains("../../basics/first-lesson/index.html#visit"),
        "{quiz}"
    );
    // A glossary term lists rules, lessons and quizzes (before, only rules were shown).
    let glossary = read(&root, "site/glossary/index.html");
    for href in [
        "../rules/EX-PROC-001/index.html",
        "../basics/first-lesson/index.html#visit",
        "../quizzes/example/index.html",
    ] {
        assert!(
            glossary.contains(&format!("href=\"{href}\"")),
            "{href}: {glossary}"
        );
    }

    // A section the lesson does not have: an error at each reference, all at once, with the
    // nearest id; and the site stays as it was.
    let before = read(&root, "site/rules/EX-PROC-001/index.html");
    let rule = rule.replace("first-lesson#visit", "first-lesson#vist");
    write(&root, "content/rules/example.rule.yaml", &rule);
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace("#visit", "#nope");
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = rule
        .lines()
        .position(|l| l.starts_with("related:"))
        .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "error: content/rules/example.rule.yaml:{line}:11: lesson `basics/first-lesson` has no section `#vist`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `#visit`?"), "{err}");
    let qline = quiz.lines().position(|l| l.contains("#nope")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "error: content/quizzes/example.quiz.yaml:{qline}:15: question `example-01`: lesson `basics/first-lesson` has no section `#nope`"
        )),
        "{err}"
    );
    assert!(!run(&root, &["build"]).status.success());
    assert_eq!(read(&root, "site/rules/EX-PROC-001/index.html"), before);

    // A course item is a whole lesson.
    write(
        &root,
        "content/course.yaml",
        "title: 入门\nmodules:\n  - title: 第一单元\n    items:\n      - lesson: basics/first-lesson#visit\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("error: content/course.yaml:5:17: module `第一单元`: a course item is a whole lesson, not a section of one"),
        "{err}"
    );
}

#[test]
fn a_link_to_a_section_of_a_rule_card_is_checked_against_the_fields_the_rule_has() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n见[办结时限](rule:EX-PROC-001#时限)和[[rule:EX-PROC-001#办理步骤]]。\n\n见[步骤](rule:EX-PROC-001#办理步聚)。\n\n见[[rule:EX-PROC-001#升级路径]]。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    let quiz = read(&root, "content/quizzes/example.quiz.yaml")
        .replace("rules: [EX-PROC-001]", "rules: [EX-PROC-001#必须作到]");
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let at = |needle: &str| line_in(&lesson, body, needle);
    // A misspelt section: the nearest one.
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{}:2: rule `EX-PROC-001`'s card has no section `#办理步聚`",
            at("#办理步聚")
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `#办理步骤`?"), "{err}");
    // A section the card does not have, since the rule has no such field: its sections.
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{}:2: rule `EX-PROC-001`'s card has no section `#升级路径`",
            at("#升级路径")
        )),
        "{err}"
    );
    assert!(
        err.contains("the card's sections are 适用情形、时限、办理步骤、必须做到、严禁、相关规则与课程、修订记录"),
        "{err}"
    );
    // In a YAML list, at the reference.
    let qline = quiz.lines().position(|l| l.contains("#必须作到")).unwrap() + 1;
    assert!(
        err.contains(&format!(
            "error: content/quizzes/example.quiz.yaml:{qline}:13: question `example-01`: rule `EX-PROC-001`'s card has no section `#必须作到`"
        )),
        "{err}"
    );
    assert!(err.contains("did you mean `#必须做到`?"), "{err}");
    assert_eq!(err.matches("error:").count(), 3, "{err}");

    // Fixed, the links go to the card's sections.
    let fixed = body
        .replace("#办理步聚", "#办理步骤")
        .replace("#升级路径", "#严禁");
    write(&root, "content/basics/first-lesson.md", &(lesson + &fixed));
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replace("#必须作到", "#必须做到"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = percent_decode(&read(&root, "site/basics/first-lesson/index.html"));
    for a in ["时限", "办理步骤", "严禁"] {
        assert!(
            page.contains(&format!("href=\"../../rules/EX-PROC-001/index.html#{a}\"")),
            "{a}: {page}"
        );
    }
    assert!(read(&root, "site/quizzes/example/index.html")
        .contains("../../rules/EX-PROC-001/index.html#必须做到"));

    // A book with its own rule card may have other ids: not checked then.
    write(
        &root,
        "content/basics/first-lesson.md",
        &(read(&root, "content/basics/first-lesson.md") + "\n[自定义](rule:EX-PROC-001#custom)\n"),
    );
    assert!(!run(&root, &["check"]).status.success());
    let card = read(&repo(), "themes/default/templates/rule-card.html").replacen(
        "<section",
        "<section id=\"custom\"",
        1,
    );
    write(&root, "templates/rule-card.html", &card);
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn links_to_a_quiz_question_and_anchors_in_quiz_and_course_fields_are_checked() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n练一练：[这一题](quiz:example#example-01)，[错题](quiz:example#example-1)，[术语](term:工单#定义)。\n\n见[[glossary#工单]]和[[glossary#工蛋]]。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    // Anchors in a quiz's fields and the course's descriptions, and a listed quiz section.
    let quiz = read(&root, "content/quizzes/example.quiz.yaml")
        .replace(
            "feedback: 正确，见办理时限规则。",
            "feedback: 正确，见[办理时限](basics/first-lesson.md#nope)。",
        )
        .replace(
            "lessons: [basics/first-lesson]",
            "lessons: [basics/first-lesson]\nrelated: [quiz:example#example-02]",
        );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let course = "title: 入门\ndescription: 先读[第一课](basics/first-lesson.md#nowhere)。\nmodules:\n  - title: 第一单元\n    description: 做[这一题](quiz:example#example-01)和[那一题](quiz:example#examp1e-01)。\n    items:\n      - lesson: basics/first-lesson\n";
    write(&root, "content/course.yaml", course);
    write(
        &root,
        "content/glossary.yaml",
        "- term: 工单\n  definition: 记录客户诉求的单据。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let lline = lesson.lines().count() + 2;
    let qline = |needle: &str| quiz.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for want in [
        format!("error: content/basics/first-lesson.md:{lline}:36: quiz `example` has no question `#example-1`"),
        format!("error: content/basics/first-lesson.md:{lline}:65: a link to the term `工单` names a section after `#`"),
        format!("error: content/quizzes/example.quiz.yaml:{}:23: link to a missing anchor `#nope`", qline("#nope")),
        format!("error: content/quizzes/example.quiz.yaml:{}:11: quiz `example` has no question `#example-02`", qline("related:")),
        "error: content/course.yaml:2:16: link to a missing anchor `#nowhere`".to_string(),
        "error: content/course.yaml:5:50: quiz `example` has no question `#examp1e-01`".to_string(),
        format!("error: content/basics/first-lesson.md:{}:18: the glossary has no term `#工蛋`", lline + 2),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(err.contains("did you mean `#example-01`?"), "{err}");
    assert!(err.contains("write `term:工单`"), "{err}");
    assert!(
        err.contains("did you mean `#工单`? or link the term itself: `[[term:工单]]`"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 7, "{err}");

    // Fixed, the links go to the question.
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson
            + &body
                .replace("#example-1)", "#example-01)")
                .replace("#定义", "")
                .replace("#工蛋", "#工单")),
    );
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz
            .replace("#nope", "")
            .replace("#example-02", "#example-01"),
    );
    write(
        &root,
        "content/course.yaml",
        &course.replace("#nowhere", "").replace("examp1e", "example"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = percent_decode(&read(&root, "site/basics/first-lesson/index.html"));
    assert!(
        page.contains("href=\"../../quizzes/example/index.html#example-01\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"../../glossary/index.html#工单\""),
        "{page}"
    );
}

#[test]
fn a_glossary_word_under_two_entries_is_reported_and_a_term_links_to_its_own_entry() {
    let (_t, root) = init_book();
    let glossary = "- term: 停电\n  synonyms: [断电, 没电]\n  definition: 不供电。\n- term: 断电\n  synonyms: [没电]\n  definition: 切断电源。\n";
    write(&root, "content/glossary.yaml", glossary);
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n见[[term:断电]]和[[term:没电]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    for want in [
        "warning: content/glossary.yaml:2:14: synonym `断电` of `停电` is also a term of its own (content/glossary.yaml:4): `[[term:断电]]` links to that entry",
        "warning: content/glossary.yaml:5:14: synonym `没电` of `断电` is also a synonym of `停电` (content/glossary.yaml:1): `[[term:没电]]` links to `停电`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    assert!(!run(&root, &["check", "--strict"]).status.success());
    // A term's own name wins over another entry's synonym.
    assert!(run(&root, &["build"]).status.success());
    let page = percent_decode(&read(&root, "site/basics/first-lesson/index.html"));
    assert!(page.contains("glossary/index.html#断电\""), "{page}");
    assert!(page.contains("glossary/index.html#停电\""), "{page}");

    // The same term twice: an error (both entries would have one anchor).
    write(
        &root,
        "content/glossary.yaml",
        &format!("{glossary}- term: 停电\n  definition: 又一条。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("error: content/glossary.yaml:7:9: duplicate glossary term `停电`"),
        "{err}"
    );
    assert!(
        err.contains("also defined at content/glossary.yaml:1"),
        "{err}"
    );
}

#[test]
fn pictures_missing_or_from_the_web_and_a_heading_id_used_twice_say_so() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let extra = "\n## 重复 {#dup}\n\n文字\n\n## 另一个 {#dup}\n\n![图](img/missing.png)\n\n![外网](https://example.com/a.png)\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + extra),
    );
    let line = |needle: &str| line_in(&lesson, extra, needle);
    let err = stderr(&run(&root, &["check"]));
    for want in [
        format!(
            "error: content/basics/first-lesson.md:{}:1: heading id `dup` is used twice on this page (first on line {})",
            line("另一个"),
            line("重复")
        ),
        format!(
            "error: content/basics/first-lesson.md:{}:1: picture not found: `img/missing.png`",
            line("missing.png")
        ),
        format!(
            "warning: content/basics/first-lesson.md:{}:1: picture `https://example.com/a.png` is loaded from the web",
            line("example.com")
        ),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    // The picture in place, the book builds; the web picture stays a warning.
    std::fs::create_dir_all(root.join("content/basics/img")).unwrap();
    std::fs::write(root.join("content/basics/img/missing.png"), b"\x89PNG").unwrap();
    let fixed = extra.replace("## 另一个 {#dup}", "## 另一个 {#other}");
    write(&root, "content/basics/first-lesson.md", &(lesson + &fixed));
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!run(&root, &["check", "--strict"]).status.success());
}

#[test]
fn callouts_by_their_chinese_names_and_warnings_for_misspelt_markers_and_dialogue_lines() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let extra = "\n> [!禁止]\n> 不要推诿。\n\n> [!WARNNG]\n> 拼错了。\n\n```dialogue gud 回访\n坐席,您好。\n```\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + extra),
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    let line = |needle: &str| line_in(&lesson, extra, needle);
    for (needle, col, what) in [
        ("[!WARNNG]", 3, "`[!WARNNG]` names no callout"),
        ("dialogue gud", 1, "`dialogue gud` is not `dialogue good`"),
        ("坐席,您好", 1, "this dialogue line has no speaker"),
    ] {
        assert!(
            err.contains(&format!(
                "warning: content/basics/first-lesson.md:{}:{col}: {what}",
                line(needle)
            )),
            "{needle}: {err}"
        );
    }
    assert!(
        err.contains("did you mean `[!WARNING]`?") && err.contains("did you mean `good`?"),
        "{err}"
    );
    assert!(!run(&root, &["check", "--strict"]).status.success());
    assert!(run(&root, &["build"]).status.success());
    let page = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        page.contains("callout callout-caution") && page.contains(">禁止</p>"),
        "{page}"
    );
}

#[test]
fn a_misspelt_kind_of_link_is_an_error_and_web_addresses_are_left_alone() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let extra = "\n见[[rul:EX-PROC-001]]。\n\n[坏](lessn:basics/first-lesson)\n\n[[http:example]]\n\n[电话](tel:95598)、[邮件](mailto:kf@example.com)、[网站](https://example.com)、[微信](weixin://dl)\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + extra),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = |needle: &str| line_in(&lesson, extra, needle);
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{}:2: unknown kind of link `rul:`",
            line("[[rul:")
        )),
        "{err}"
    );
    assert!(
        err.contains("did you mean `rule:`?") && err.contains("did you mean `lesson:`?"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{}:1: unknown kind of link `lessn:`",
            line("lessn:")
        )),
        "{err}"
    );
    assert!(
        err.contains("unknown kind of link `http:` in `[[http:example]]`"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 3, "{err}");
    // Without them, the web, mail and phone links build as written.
    let ok = extra
        .lines()
        .filter(|l| l.contains("tel:"))
        .collect::<Vec<_>>()
        .join("\n");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n" + &ok + "\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    for href in [
        "tel:95598",
        "mailto:kf@example.com",
        "https://example.com",
        "weixin://dl",
    ] {
        assert!(page.contains(&format!("href=\"{href}\"")), "{href}");
    }
}

#[test]
fn an_error_in_a_rule_or_quiz_field_is_placed_at_its_line_and_column_in_the_yaml() {
    let (_t, root) = init_book();
    // A plain scalar, a quoted one, a block scalar's second line, a quiz option's feedback.
    let rule = read(&root, "content/rules/example.rule.yaml")
        .replace(
            "summary: 一般投诉在5个工作日内办结。",
            "summary: \"一般投诉见[[rule:EX-PROC-9]]。\"",
        )
        .replace(
            "    what: 登记投诉内容并派发工单",
            "    what: 登记投诉内容，见[课程](lesson:basics/first-lessn)",
        )
        .replace(
            "must:\n",
            "escalation: |\n  超时的报主管。\n  见 [[term:不存在]]。\nmust:\n",
        )
        // A plain scalar over two lines, and a folded block: their lines are joined.
        .replace(
            "  - 记录客户诉求",
            "  - 记录客户诉求，\n    并核对[[rule:EX-PROC-7]]。",
        )
        .replace(
            "  - 推诿客户",
            "  - >\n    推诿客户，\n    见[[rule:EX-PROC-6]]。",
        );
    write(&root, "content/rules/example.rule.yaml", &rule);
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace(
        "feedback: 太长了，",
        "feedback: 见[[rule:EX-PROC-8]]，太长了，",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    let at = |text: &str, needle: &str, inside: &str| {
        let (n, line) = text
            .lines()
            .enumerate()
            .find(|(_, l)| l.contains(needle))
            .unwrap();
        let col = line[..line.find(inside).unwrap()].chars().count() + 1;
        format!("{}:{col}", n + 1)
    };
    for (file, text, needle, inside, what) in [
        (
            "content/rules/example.rule.yaml",
            &rule,
            "summary:",
            "[[rule:",
            "missing rule `EX-PROC-9`",
        ),
        (
            "content/rules/example.rule.yaml",
            &rule,
            "what: 登记",
            "[课程]",
            "missing lesson `basics/first-lessn`",
        ),
        (
            "content/rules/example.rule.yaml",
            &rule,
            "[[term:",
            "[[term:",
            "missing glossary term `不存在`",
        ),
        (
            "content/quizzes/example.quiz.yaml",
            &quiz,
            "EX-PROC-8",
            "[[rule:",
            "missing rule `EX-PROC-8`",
        ),
        (
            "content/rules/example.rule.yaml",
            &rule,
            "EX-PROC-7",
            "[[rule:",
            "missing rule `EX-PROC-7`",
        ),
        (
            "content/rules/example.rule.yaml",
            &rule,
            "EX-PROC-6",
            "[[rule:",
            "missing rule `EX-PROC-6`",
        ),
    ] {
        let place = format!("error: {file}:{}: ", at(text, needle, inside));
        assert!(
            err.lines()
                .any(|l| l.starts_with(&place) && l.contains(what)),
            "{place} {what}:\n{err}"
        );
    }
}

#[test]
fn an_anchor_in_a_rule_field_or_a_term_definition_is_checked_at_its_place() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "    what: 登记投诉内容并派发工单",
        "    what: 登记，见[课程](lesson:basics/first-lesson#nope)和[规则](rule:EX-PROC-001#时间表)",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    write(
        &root,
        "content/glossary.yaml",
        "- term: 回访\n  definition: 见[做法](lesson:basics/first-lesson#投诉是免费的反馈)和[别处](lesson:basics/first-lesson#无此节)。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    let line = rule.lines().position(|l| l.contains("#nope")).unwrap() + 1;
    let col = |needle: &str| {
        let l = rule.lines().nth(line - 1).unwrap();
        l[..l.find(needle).unwrap()].chars().count() + 1
    };
    assert!(
        err.contains(&format!(
            "error: content/rules/example.rule.yaml:{line}:{}: link to a missing anchor `#nope`",
            col("[课程]")
        )),
        "{err}"
    );
    assert!(err.contains(&format!("error: content/rules/example.rule.yaml:{line}:{}: rule `EX-PROC-001`'s card has no section `#时间表`", col("[规则]"))), "{err}");
    let term = read(&root, "content/glossary.yaml");
    let l2 = term.lines().nth(1).unwrap();
    let tcol = l2[..l2.find("[别处]").unwrap()].chars().count() + 1;
    assert!(
        err.contains(&format!(
            "error: content/glossary.yaml:2:{tcol}: link to a missing anchor `#无此节`"
        )),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 3, "{err}");
}

#[test]
fn links_to_the_sites_own_pages_are_checked_for_the_page_and_its_sections() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    // The starter book has no course and no glossary: these pages are not made.
    let body = "\n见[[course]]、[[glossary]]和[[rules#投诉办理]]。\n\n又见[[course#module-3]]、[[rules#投诉办里]]、[[search#结果]]。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    let quiz = read(&root, "content/quizzes/example.quiz.yaml").replace(
        "feedback: 正确，见办理时限规则。",
        "feedback: 正确，见[[course#modul-1]]。",
    );
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let (l1, l2) = (
        line_in(&lesson, body, "[[course]]"),
        line_in(&lesson, body, "module-3"),
    );
    let q = quiz.lines().position(|l| l.contains("modul-1")).unwrap() + 1;
    for want in [
        format!("error: content/basics/first-lesson.md:{l1}:2: `[[course]]` links to a page this book does not have"),
        format!("error: content/basics/first-lesson.md:{l1}:13: `[[glossary]]` links to a page this book does not have"),
        format!("error: content/basics/first-lesson.md:{l2}:3: `[[course]]` links to a page this book does not have"),
        format!("error: content/basics/first-lesson.md:{l2}:23: `[[rules]]` has no section `#投诉办里`"),
        format!("error: content/basics/first-lesson.md:{l2}:38: `[[search]]` has no section `#结果`"),
        format!("error: content/quizzes/example.quiz.yaml:{q}:23: `[[course]]` links to a page this book does not have"),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert!(err.contains("write content/course.yaml"), "{err}");
    assert!(err.contains("write content/glossary.yaml"), "{err}");
    assert!(
        err.contains("did you mean `#投诉办理`? its sections are `#投诉办理`"),
        "{err}"
    );
    assert!(
        err.contains("this page has no sections to link to; write `[[search]]`"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 6, "{err}");

    // With a course and a glossary the pages are there; the course's modules are its sections.
    write(
        &root,
        "content/course.yaml",
        "title: 入门\nmodules:\n  - title: 第一单元\n    items:\n      - lesson: basics/first-lesson\n  - title: 第二单元\n    items:\n      - quiz: example\n",
    );
    write(
        &root,
        "content/glossary.yaml",
        "- term: 工单\n  definition: 记录客户诉求的单据。\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{l2}:3: `[[course]]` has no section `#module-3`"
        )),
        "{err}"
    );
    assert!(
        err.contains("its sections are `#module-1`、`#module-2`"),
        "{err}"
    );
    assert!(
        err.contains(&format!("error: content/quizzes/example.quiz.yaml:{q}:23: `[[course]]` has no section `#modul-1`")),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 4, "{err}");

    // Fixed, the links go to the sections.
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson
            + &body
                .replace("module-3", "module-2")
                .replace("投诉办里", "投诉办理")
                .replace("[[search#结果]]", "[[search]]")),
    );
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replace("modul-1", "module-1"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = percent_decode(&read(&root, "site/basics/first-lesson/index.html"));
    for href in [
        "../../course/index.html#module-2",
        "../../rules/index.html#投诉办理",
        "../../glossary/index.html\"",
    ] {
        assert!(page.contains(&format!("href=\"{href}")), "{href}\n{page}");
    }

    // A book's own course page may have other ids, and those are the ones checked.
    let custom = read(&repo(), "themes/default/templates/course.html").replacen(
        "<ol class=\"course-modules\">",
        "<ol class=\"course-modules\" id=\"custom\">",
        1,
    );
    assert!(custom.contains("id=\"custom\""));
    write(&root, "templates/course.html", &custom);
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n[[course#custom]]\n"),
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn links_written_as_paths_of_the_built_site_say_how_to_link_the_page() {
    // Trainers copy addresses from the built site, or count `../` from the page it builds
    // (one folder deeper than the Markdown file).
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n[a](../../rules/index.html) [b](../rules/EX-PROC-001/) [c](../quizzes/example/index.html)\n\n[d](../../rules/time-limits/) [e](../../basics/index.html) [f](../../elsewhere/)\n\n[g](../../basics/first-lesson/#投诉是免费的反馈) [h](../rules/EX-PROC-001/#时限)\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    let err = stderr(&run(&root, &["check"]));
    let (l1, l2) = (line_in(&lesson, body, "[a]"), line_in(&lesson, body, "[d]"));
    let l3 = line_in(&lesson, body, "[g]");
    for want in [
        format!("first-lesson.md:{l1}:1: link `../../rules/index.html` points outside the content folder\n  = help: links are counted from this Markdown file, not from the page built from it: write `[[rules]]`"),
        format!("first-lesson.md:{l1}:29: link to a missing file `../rules/EX-PROC-001/`\n  = help: `../rules/EX-PROC-001/` is a page of the built site: write `[[rule:EX-PROC-001]]`"),
        format!("first-lesson.md:{l1}:56: link to a missing file `../quizzes/example/index.html`\n  = help: `../quizzes/example/index.html` is a page of the built site: write `[[quiz:example]]`"),
        format!("first-lesson.md:{l2}:1: link `../../rules/time-limits/` points outside the content folder\n  = help: links are counted from this Markdown file, not from the page built from it: write `[[time-limits]]`"),
        format!("first-lesson.md:{l2}:31: link `../../basics/index.html` points outside the content folder\n  = help: links are counted from this Markdown file, not from the page built from it: write `_index.md`"),
        format!("first-lesson.md:{l2}:60: link `../../elsewhere/` points outside the content folder\n  = help: remove some `../`"),
        // The section or card part linked is kept in the link to write.
        "link `../../basics/first-lesson/#投诉是免费的反馈` points outside the content folder\n  = help: links are counted from this Markdown file, not from the page built from it: write `first-lesson.md#投诉是免费的反馈`".to_string(),
        format!("first-lesson.md:{l3}:"),
        "= help: `../rules/EX-PROC-001/` is a page of the built site: write `[[rule:EX-PROC-001#时限]]`".to_string(),
    ] {
        assert!(err.contains(&want), "{want}\n{err}");
    }
    assert_eq!(err.matches("error:").count(), 8, "{err}");
}

#[test]
fn a_link_to_one_question_of_an_exam_is_an_error() {
    // The quiz page opens a linked question as a practice, answer and all: an exam's
    // questions are not linked one by one.
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    assert!(!quiz.contains("exam:"));
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replacen("title:", "exam: true\ntitle:", 1),
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n考前看看：[这一题](quiz:example#example-01)；[整场考试](quiz:example)。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    let err = stderr(&run(&root, &["check"]));
    let l = line_in(&lesson, body, "考前");
    assert!(
        err.contains(&format!("error: content/basics/first-lesson.md:{l}:6: quiz `example` is an exam: a link to one of its questions would give away its answer")),
        "{err}"
    );
    assert!(
        err.contains("link the exam as a whole (`quiz:example`)"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn drafts_are_left_out_links_to_them_say_so_and_drafts_preview_them() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/wip.md",
        "---\ntitle: 还没写完\ndraft: true\n---\n\n## 一节 {#one}\n\n【待填写】内容。\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    let body = "\n见[草稿](wip.md)和[[lesson:basics/wip#one]]。\n";
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson.clone() + body),
    );
    // Published: the draft is not built, and a link to it says why it leads nowhere (it said
    // `link to a missing page`, `did you mean basics?`).
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let l = line_in(&lesson, body, "草稿");
    for col in [2, 15] {
        assert!(
            err.contains(&format!("error: content/basics/first-lesson.md:{l}:{col}: lesson `basics/wip` is a draft (`draft: true`): it is not published")),
            "{col}\n{err}"
        );
    }
    assert!(err.contains("handbook serve --drafts"), "{err}");
    assert!(
        err.contains("build failed; nothing was written: 3 pages, 1 rule, 1 quiz (1 draft left out; --drafts shows them)"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 2, "{err}");
    // With --drafts (check, build; serve alike) it is there, marked, and the links resolve.
    let o = run(&root, &["check", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // (Beside the published site, never into it: site-drafts/.)
    let o = run(&root, &["build", "--drafts"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stdout(&o).contains("site-drafts;"), "{}", stdout(&o));
    assert!(!root.join("site/basics/wip").exists());
    let page = read(&root, "site-drafts/basics/wip/index.html");
    assert!(
        page.contains("<p class=\"draft-note\" role=\"note\">草稿："),
        "{page}"
    );
    assert!(!read(&root, "site-drafts/basics/first-lesson/index.html").contains("draft-note"));
    assert!(read(&root, "site-drafts/nav.js").contains("还没写完（草稿）"));
    assert!(read(&root, "site-drafts/basics/first-lesson/index.html")
        .contains("href=\"../../basics/wip/index.html#one\""));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(
        said.contains("0 errors, 1 warning "),
        "its 【待填写】: {said}"
    );
    // Published again without it: gone, and what it has still to write is no warning.
    write(&root, "content/basics/first-lesson.md", &lesson);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = format!("{}{}", stdout(&o), stderr(&o));
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    assert!(!root.join("site/basics/wip").exists());
}

#[test]
fn a_books_own_css_is_loaded_after_the_themes() {
    let (_t, root) = init_book();
    assert!(run(&root, &["build"]).status.success());
    assert!(!read(&root, "site/index.html").contains("static/css/custom."));
    // Only that file beside book.toml: the rest of the theme is the built-in one.
    write(
        &root,
        "themes/default/static/css/custom.css",
        ".topbar { background: #c00; }\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    let (quiz, custom) = (
        page.find("static/css/quiz.").unwrap(),
        page.find("../../static/css/custom.").unwrap(),
    );
    assert!(custom > quiz, "after the theme's styles");
    let custom = stamped_asset(&page, "css/custom");
    assert!(read(&root, &format!("site/{custom}")).contains("#c00"));
    assert!(read(&root, "site/static/css/custom.css").contains("#c00"));
    assert!(root.join("site/static/js/handbook.js").is_file());
}

/// The path under the site of the stamped file `name` (`css/main` -> `static/css/main.<8 hex>.css`)
/// that `page` loads.
fn stamped_asset(page: &str, name: &str) -> String {
    let at = page
        .find(&format!("static/{name}."))
        .unwrap_or_else(|| panic!("static/{name} not loaded"));
    let rest = &page[at..];
    let end = rest.find('"').unwrap();
    let path = &rest[..end];
    let stamp = path.split('.').nth(1).unwrap();
    assert!(
        stamp.len() == 8 && stamp.bytes().all(|b| b.is_ascii_hexdigit()),
        "{path}"
    );
    path.to_string()
}

/// Pages load the theme's styles and scripts by names carrying a hash of the theme: after a
/// new version of handbook (or an edit of the theme) a browser that kept the old files asks
/// for the new ones at once, where a server sends no Cache-Control. Editing content keeps
/// the names (nothing to fetch again); the plain names stay for templates written before.
#[test]
fn theme_files_are_loaded_by_names_that_change_with_the_theme() {
    let (_t, root) = init_book();
    assert!(run(&root, &["build"]).status.success());
    let page = read(&root, "site/basics/first-lesson/index.html");
    let mut loaded = Vec::new();
    for name in [
        "css/main",
        "css/highlight",
        "css/quiz",
        "css/print",
        "js/theme",
        "js/handbook",
        "js/quiz",
    ] {
        let path = stamped_asset(&page, name);
        let plain = format!("site/static/{name}.{}", path.rsplit('.').next().unwrap());
        assert_eq!(
            std::fs::read(root.join("site").join(&path)).unwrap(),
            std::fs::read(root.join(&plain)).unwrap(),
            "{path}"
        );
        loaded.push(path);
    }
    assert!(!page.contains("static/css/main.css") && !page.contains("static/js/handbook.js\""));
    // Content edits keep the names.
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n多一段。\n"),
    );
    assert!(run(&root, &["build"]).status.success());
    let page = read(&root, "site/basics/first-lesson/index.html");
    assert_eq!(stamped_asset(&page, "css/main"), loaded[0]);
    // A theme file edited: every page names new files.
    write(
        &root,
        "themes/default/static/css/main.css",
        "body { color: #123; }\n",
    );
    assert!(run(&root, &["build"]).status.success());
    let page = read(&root, "site/basics/first-lesson/index.html");
    let main = stamped_asset(&page, "css/main");
    assert_ne!(main, loaded[0]);
    assert!(read(&root, &format!("site/{main}")).contains("#123"));
    assert!(
        !root.join("site").join(&loaded[0]).exists(),
        "the old names are gone"
    );
}

/// A lesson, rule or quiz of the course says where it is in the course and leads to the next
/// item in the course's order (course.yaml), which is not the sidebar's: a new employee goes
/// through the course without going back to its page after every item.
#[test]
fn each_course_item_leads_to_the_next_in_the_courses_order() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/second-lesson.md",
        "---\ntitle: 第二课\norder: 2\n---\n\n正文。\n",
    );
    write(
        &root,
        "content/course.yaml",
        "id: start\ntitle: 入门课程\nmodules:\n  - title: 第一单元：规则\n    items:\n      - rule: EX-PROC-001\n      - lesson: basics/second-lesson\n      - quiz: example\n        checkpoint: true\n  - title: 第二单元：回顾\n    items:\n      - lesson: basics/first-lesson\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bar = |page: &str| {
        let html = read(&root, &format!("site/{page}index.html"));
        let at = html
            .find("<nav class=\"course-step\"")
            .unwrap_or_else(|| panic!("no course bar on {page}"));
        let end = html.find("</article>").unwrap();
        (
            html[at..].split("</nav>").next().unwrap().to_string(),
            html[end..].to_string(),
        )
    };
    let (top, end) = bar("rules/EX-PROC-001/");
    assert!(top.contains("第一单元：规则</a> · 第 1 / 3 项"), "{top}");
    assert!(!top.contains("上一项"), "{top}");
    assert!(
        top.contains("href=\"../../basics/second-lesson/index.html\">下一项 →"),
        "{top}"
    );
    assert!(end.contains("入职课程 · 下一项</span>第二课 →"), "{end}");
    // The second lesson comes before the first in the sidebar, after it in the course.
    let (top, end) = bar("basics/second-lesson/");
    // Its pager (the book's order, to another page than the course's next item) says so.
    assert!(end.contains("<span>全书下一页</span>认识投诉"), "{end}");
    assert!(!end.contains("<span>下一页</span>"), "{end}");
    assert!(top.contains("第 2 / 3 项"), "{top}");
    assert!(
        top.contains("href=\"../../rules/EX-PROC-001/index.html\">← 上一项"),
        "{top}"
    );
    assert!(
        top.contains("href=\"../../quizzes/example/index.html\">下一项"),
        "{top}"
    );
    // The module's last item points into the next module, by name.
    let (_, end) = bar("quizzes/example/");
    assert!(
        end.contains("本单元最后一项 · 接下来：第二单元：回顾</span>认识投诉 →"),
        "{end}"
    );
    let (top, end) = bar("basics/first-lesson/");
    assert!(
        top.contains("第二单元：回顾</a> · 第 1 / 1 项") && !top.contains("下一项"),
        "{top}"
    );
    assert!(end.contains("这是入职课程的最后一项"), "{end}");
    // Pages outside the course have no bar, and a plain pager.
    let outside = read(&root, "site/basics/index.html");
    assert!(!outside.contains("course-step"));
    assert!(
        outside.contains("<span>下一页</span>") && !outside.contains("全书下一页"),
        "{outside}"
    );
    // The quizzes list says which quiz is a checkpoint.
    let list = read(&root, "site/quizzes/index.html");
    assert!(list.contains("检查点 · "), "{list}");
}

/// The list of quizzes says what a learner goes through (the questions drawn, an exam's time
/// limit, the cards), each kind of question once, the course's quizzes first in its order;
/// an exam's page does not link to its printed paper, which holds the answers.
#[test]
fn the_quiz_list_describes_each_quiz_as_taken_and_an_exam_hides_its_answer_paper() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = read(&dest, "quizzes/index.html");
    let item = |title: &str| {
        let at = list.find(&format!("<strong>{title}</strong>")).unwrap();
        list[at..].split("</li>").next().unwrap().to_string()
    };
    let exam = item("结业综合考试");
    assert!(exam.contains("考试 · 每次 15 题（题库 25 题）"), "{exam}");
    assert!(exam.contains("限时 20 分钟"), "{exam}");
    let cards = item("话术卡片：难应对的客户说法");
    assert!(
        cards.contains("19 张卡片") && !cards.contains("1 题"),
        "{cards}"
    );
    let principles = item("投诉处理原则测验");
    assert!(principles.starts_with("<strong>"));
    for kind in ["单选题", "多选题", "判断题"] {
        assert_eq!(
            principles.matches(kind).count(),
            1,
            "{kind} once: {principles}"
        );
    }
    // The first module's checkpoint comes before the exam at the course's end.
    assert!(list.find("投诉处理原则测验").unwrap() < list.find("结业综合考试").unwrap());
    let exam = read(&dest, "quizzes/final-exam/index.html");
    assert!(!exam.contains("paper-link"));
    assert!(read(&dest, "quizzes/principles/index.html").contains("paper-link"));
    // Its page lists its questions for a reader without JavaScript, but not their answers.
    assert!(exam.contains("class=\"question\""), "{exam}");
    for answer in ["查看答案与解析", "参考答案", "正确顺序", "<th>右侧</th>"] {
        assert!(!exam.contains(answer), "{answer} on the exam's page");
    }
    assert!(read(&dest, "quizzes/principles/index.html").contains("查看答案与解析"));
    // Nor is the paper in the site at all (its address is easy to guess, and a trainer's page
    // may name it): only a trainer's preview, built apart, has it.
    assert!(!dest.join("quizzes/final-exam/paper").exists());
    assert!(!read(&dest, "nav.js").contains("quizzes/final-exam/paper/"));
    let preview = root.join("preview");
    let o = run(
        &root,
        &["build", "--drafts", "--dest", preview.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let paper = read(&preview, "quizzes/final-exam/paper/index.html");
    assert!(paper.contains("class=\"paper-key\""), "the answer key");
    assert!(read(&preview, "quizzes/final-exam/index.html")
        .contains("<a class=\"paper-link\" href=\"paper/index.html\">纸质试卷（打印，附参考答案；只在培训师预览中有）</a>"));
}

/// A build replaces its site folder whole: a site folder that is the book, holds it, is its
/// content folder (or inside it), a file, or a folder of something else is refused by `check`
/// and `build`, and nothing is moved or deleted.
#[test]
fn a_site_folder_that_would_replace_the_book_or_other_files_is_refused() {
    let (_t, root) = init_book();
    assert!(run(&root, &["build"]).status.success());
    write(&root, "mydocs/notes.txt", "keep me\n");
    write(&root, "afile", "keep me too\n");
    for (dest, want) in [
        (".", "holds the book itself"),
        ("..", "holds the book itself"),
        ("content", "is or holds the book's content folder"),
        ("content/basics", "is or holds the book's content folder"),
        ("mydocs", "is not a site handbook built (it has no nav.js)"),
        ("afile", "is a file"),
    ] {
        let path = root.join(dest);
        let o = run(&root, &["build", "--dest", path.to_str().unwrap()]);
        assert!(!o.status.success(), "{dest}");
        assert!(stderr(&o).contains(want), "{dest}: {}", stderr(&o));
        // (Said of the folder given, not of a file `--dest` in the book.)
        assert!(!stderr(&o).contains("--dest:"), "{dest}: {}", stderr(&o));
        assert!(
            stderr(&o).contains(&format!("error: {}: ", path.display())),
            "{dest}: {}",
            stderr(&o)
        );
    }
    assert_eq!(read(&root, "mydocs/notes.txt"), "keep me\n");
    assert_eq!(read(&root, "afile"), "keep me too\n");
    assert!(root.join("content/basics/first-lesson.md").is_file());
    // book.toml's dest, pointed at by check at its line.
    let toml = read(&root, "book.toml");
    let line = toml.lines().position(|l| l.starts_with("dest")).unwrap() + 1;
    write(
        &root,
        "book.toml",
        &toml.replace("dest = \"site\"", "dest = \"\""),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains(&format!("book.toml:{line}:8: the site folder")),
        "{}",
        stderr(&o)
    );
    // The site built before is rebuilt as ever, and an empty folder is fine.
    write(&root, "book.toml", &toml);
    assert!(run(&root, &["build"]).status.success());
    // A folder with Finder's litter only is empty; a deploy checkout (.git) is refused even
    // with a site built in it before.
    let empty = root.join("empty");
    write(&root, "empty/.DS_Store", "x");
    let deploy = root.join("deploy");
    std::fs::create_dir_all(deploy.join(".git")).unwrap();
    write(&root, "deploy/nav.js", "x");
    let o = run(&root, &["build", "--dest", deploy.to_str().unwrap()]);
    assert!(stderr(&o).contains("holds `.git`"), "{}", stderr(&o));
    assert!(deploy.join(".git").is_dir());
    for _ in 0..2 {
        let o = run(&root, &["build", "--dest", empty.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
}

/// A quiz's id is its folder in the site: one that is no folder name (`..`, a path, `?`) is an
/// error at its line, not a quiz page written over the home page or outside the site.
#[test]
fn a_quiz_id_that_is_no_folder_name_is_an_error_at_its_line() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    for id in [
        "\"..\"",
        "\"../../../x\"",
        "\"\"",
        "a/b",
        "\"x?y#z\"",
        ".hidden",
        "con",
    ] {
        write(
            &root,
            "content/quizzes/example.quiz.yaml",
            &quiz.replacen("id: example", &format!("id: {id}"), 1),
        );
        let o = run(&root, &["build"]);
        assert!(!o.status.success(), "{id}");
        let err = stderr(&o);
        assert!(
            err.contains("content/quizzes/example.quiz.yaml:2:")
                && err.contains("cannot be a folder name in the site"),
            "{id}: {err}"
        );
        assert!(!root.join("x").exists() && !root.parent().unwrap().join("x").exists());
    }
    // A dot inside is a folder name like any other.
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replacen("id: example", "id: \"2024.q1\"", 1),
    );
    for f in ["content/index.md", "content/search-checks.yaml"] {
        let text = read(&root, f).replace("quiz:example", "quiz:2024.q1");
        write(&root, f, &text);
    }
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("site/quizzes/2024.q1/index.html").is_file());
}

/// From an adversarial review: a lesson saved with lone carriage returns (old Mac editors) is
/// read line by line, so its broken links are found; a time limit of a million working days
/// (which the rule card would count day by day in the browser) is an error at its value.
#[test]
fn lone_carriage_returns_end_lines_and_a_time_limit_beyond_ten_years_is_an_error() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/cr.md",
        "---\rtitle: 旧编辑器\r---\r\r## 一节\r\r[坏链接](nowhere.md)\r\r[[rule:NOPE-001]]\r",
    );
    let rule = read(&root, "content/rules/example.rule.yaml");
    let line = rule.lines().position(|l| l.trim() == "value: 5").unwrap() + 1;
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replacen("value: 5\n", "value: 1000000\n", 1),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/basics/cr.md:7:1: link to a missing page `nowhere.md`"),
        "{err}"
    );
    assert!(
        err.contains("content/basics/cr.md:9:1: reference to a missing rule"),
        "{err}"
    );
    assert!(
        err.contains(&format!("content/rules/example.rule.yaml:{line}:"))
            && err.contains("is 1000000 个工作日, more than ten years"),
        "{err}"
    );
}

/// A link in the content folder to a file or folder outside the book is an error, and what it
/// points at is not published (a link committed to the book's repository would publish a
/// credentials file of the computer building it); links within the book work as before.
#[cfg(unix)]
#[test]
fn a_link_to_something_outside_the_book_is_an_error_and_not_published() {
    let (t, root) = init_book();
    let outside = t.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("secret.txt"), "SECRET=1\n").unwrap();
    std::os::unix::fs::symlink(&outside, root.join("content/basics/out")).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.txt"), root.join("content/leak.txt")).unwrap();
    std::os::unix::fs::symlink(
        root.join("content/basics/first-lesson.md"),
        root.join("content/again.md"),
    )
    .unwrap();
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for file in ["content/basics/out", "content/leak.txt"] {
        assert!(
            err.contains(&format!("error: {file}: this is a link to")),
            "{file}: {err}"
        );
    }
    // (No error: a link within the content folder is fine. It is a page beside basics/ with
    // the same `order`, which is a warning.)
    assert!(!err.contains("error: content/again.md"), "{err}");
    assert!(!root.join("site/leak.txt").exists());
    std::fs::remove_file(root.join("content/basics/out")).unwrap();
    std::fs::remove_file(root.join("content/leak.txt")).unwrap();
    // In the book but beside the content folder (its .git, book.toml, a question bank with its
    // answers), or a hidden file in it: refused as well (IT admin review: published).
    std::fs::create_dir_all(root.join(".git")).unwrap();
    std::fs::write(
        root.join(".git/config"),
        "url = https://user:token@git.example/x\n",
    )
    .unwrap();
    std::fs::write(root.join("题库.csv"), "题干,答案\n").unwrap();
    std::fs::write(root.join("content/.env"), "TOKEN=abc\n").unwrap();
    std::os::unix::fs::symlink("../../.git", root.join("content/basics/repo")).unwrap();
    std::os::unix::fs::symlink("../../book.toml", root.join("content/basics/book.txt")).unwrap();
    std::os::unix::fs::symlink("../题库.csv", root.join("content/bank.csv")).unwrap();
    std::os::unix::fs::symlink("../.env", root.join("content/basics/env.txt")).unwrap();
    // (A theme's hidden files are not published either.)
    std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
    std::fs::write(root.join("themes/default/static/.env"), "TOKEN=abc\n").unwrap();
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    for (file, target) in [
        (
            "content/basics/repo",
            "`.git`, in the book but outside the content folder",
        ),
        (
            "content/basics/book.txt",
            "`book.toml`, in the book but outside the content folder",
        ),
        (
            "content/bank.csv",
            "`题库.csv`, in the book but outside the content folder",
        ),
        (
            "content/basics/env.txt",
            "`.env`, a hidden file or folder in the content folder",
        ),
    ] {
        assert!(
            err.contains(&format!("error: {file}: this is a link to {target}")),
            "{file}: {err}"
        );
    }
    for name in ["repo", "book.txt", "env.txt"] {
        std::fs::remove_file(root.join("content/basics").join(name)).unwrap();
    }
    std::fs::remove_file(root.join("content/bank.csv")).unwrap();
    // (The web server's own files at the top are published: a link to them is fine.)
    std::fs::create_dir_all(root.join("content/.well-known")).unwrap();
    std::fs::write(
        root.join("content/.well-known/security.txt"),
        "Contact: it@example\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(
        "../.well-known/security.txt",
        root.join("content/basics/security.txt"),
    )
    .unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("site/basics/security.txt").is_file());
    assert!(root.join("site/again/index.html").is_file());
    let published: Vec<String> = walkdir::WalkDir::new(root.join("site"))
        .into_iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for name in [".env", "config", "book.txt", "bank.csv"] {
        assert!(!published.iter().any(|n| n == name), "{name} published");
    }
}

/// A template that includes itself, or two that include each other, aborted the process with
/// a stack overflow naming no file: an error at the include now. Brackets nested 100,000 deep
/// in a rule took the YAML parser minutes: an error at the bracket past the limit.
#[test]
fn a_template_including_itself_and_yaml_nested_without_end_are_errors_at_their_place() {
    let (_t, root) = init_book();
    write(
        &root,
        "templates/page.html",
        "{% include \"page.html\" %}\n",
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("templates/page.html:1:1: template error: `page.html` includes itself"),
        "{}",
        stderr(&o)
    );
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}\n{% block content %}\n  {%- include \"x.html\" %}{% endblock content %}\n",
    );
    write(
        &root,
        "templates/x.html",
        "<p>{% include \"page.html\" %}</p>\n",
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("in a circle: page.html → x.html → page.html"),
        "{}",
        stderr(&o)
    );
    // An include that depends on the data may end (tera draws a tree so): not refused; nor
    // one inside a comment.
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{# {% include \"page.html\" %} #}\n{% if page.children %}{% include \"page.html\" %}{% endif %}{{ page.content | safe }}{% endblock content %}\n",
    );
    std::fs::remove_file(root.join("templates/x.html")).unwrap();
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // A macro calling itself, or an include whose condition never turns false, aborted the
    // process with a stack overflow: tera (patched, vendor/tera/PATCHED.md) stops past 64
    // frames, and the error is at the call.
    write(
        &root,
        "templates/macros.html",
        "{% macro tree(n) %}\n<ul>{% if n > 0 %}{{ self::tree(n=n+1) }}{% endif %}</ul>{% endmacro tree %}\n",
    );
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% import \"macros.html\" as m %}{% block content %}{{ m::tree(n=1) }}{% endblock content %}\n",
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("templates/macros.html:2:26: template error: the macro `tree` (in macros.html) is nested more than 64 deep"),
        "{err}"
    );
    assert!(
        err.contains("give the recursion a condition that stops it"),
        "{err}"
    );
    // Deep but finite recursion renders.
    write(
        &root,
        "templates/macros.html",
        "{% macro tree(n) %}<ul>{% if n < 40 %}{{ self::tree(n=n+1) }}{% endif %}</ul>{% endmacro tree %}\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}{% include \"x.html\" %}{% endblock content %}\n",
    );
    write(
        &root,
        "templates/x.html",
        "<p>\n{% if page %}{% include \"x.html\" %}{% endif %}</p>\n",
    );
    std::fs::remove_file(root.join("templates/macros.html")).unwrap();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("templates/x.html:2:25: template error: the include of `x.html`"),
        "{err}"
    );
    std::fs::remove_file(root.join("templates/x.html")).unwrap();
    // A render error is placed where a tag writes the name, not where the page's text has it.
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n<p>本页 author 见下</p>\n<p>{{ author }}</p>{% endblock content %}\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("templates/page.html:3:7: template error"),
        "{err}"
    );
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    let deep = format!(
        "id: DEEP-PROC-001\ntitle: 深\ncategory: procedure\nsummary: s\nmust: {}{}\n",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    write(&root, "content/rules/deep.rule.yaml", &deep);
    let o = run(&root, &["check"]);
    assert!(
        stderr(&o).contains(
            "content/rules/deep.rule.yaml:5:71: brackets nested more than 64 levels deep"
        ),
        "{}",
        stderr(&o)
    );
}

/// A `javascript:` link (any case) is an error at its place, a control character in YAML is
/// pointed at (it was placed at 1:1 with a byte offset).
#[test]
fn a_script_link_and_a_control_character_are_errors_at_their_place() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/j.md",
        "---\ntitle: 链接\n---\n\n[点我](javascript:alert(1))\n\n正文 [又一个](VBScript:x) 。\n",
    );
    write(
        &root,
        "content/basics/c.md",
        "---\ntitle: a\u{1b}b\n---\n正文\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/basics/j.md:5:1: a `javascript:` link runs a script"),
        "{err}"
    );
    assert!(
        err.contains("content/basics/j.md:7:4: a `VBScript:` link runs a script"),
        "{err}"
    );
    assert!(
        err.contains("content/basics/c.md:2:9: an invisible control character (U+001B)"),
        "{err}"
    );
}

/// A file name with `?`, `#`, `%` or `:` made links that open another page (`q?#.md` linked as
/// `q?#/index.html`): an error naming the character.
#[test]
fn a_file_name_that_breaks_web_addresses_is_an_error() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/问答?.md",
        "---\ntitle: 问答\n---\n正文\n",
    );
    write(&root, "content/a:b.pdf", "x");
    write(&root, "content/files/50%.pdf", "x");
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    for (file, c) in [
        ("content/basics/问答?.md", "?"),
        ("content/a:b.pdf", ":"),
        ("content/files/50%.pdf", "%"),
    ] {
        assert!(
            err.contains(&format!("error: {file}: the name"))
                && err.contains(&format!("has `{c}` in it")),
            "{file}: {err}"
        );
    }
}

/// `build` reports a template's error beside the content's, as `check` does (it stopped at the
/// content's, and the template's was met only after fixing them), and a render error tera
/// gives without a line is placed where the template writes the name.
#[test]
fn build_reports_template_and_content_errors_together_with_lines() {
    let (_t, root) = init_book();
    write(
        &root,
        "templates/page.html",
        "{% extends \"base.html\" %}{% block content %}\n<p>\n  {{ page.title | nofilter }}</p>{% endblock content %}\n",
    );
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replacen("severity: high", "severity: hgh", 1),
    );
    for cmd in ["build", "check"] {
        let o = run(&root, &[cmd]);
        let err = stderr(&o);
        assert!(
            err.contains("`hgh` is not one of the allowed values"),
            "{cmd}: {err}"
        );
        assert!(
            err.contains("templates/page.html:3:19: template error: Failed to render 'page.html': Filter 'nofilter' not found"),
            "{cmd}: {err}"
        );
    }
}

/// Glossary slips that found nothing and said nothing: an empty term (an error), a synonym that
/// is the term itself, empty, or listed twice (warnings at the synonym); an `edit-url` with a
/// placeholder handbook does not fill in (an error).
#[test]
fn glossary_slips_and_an_unknown_edit_url_placeholder_are_reported() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  synonyms: [电表, 电能表, 电表, \"\"]\n  definition: 计量用电量的表计。\n- term: \"\"\n  definition: 空的。\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    for want in [
        "content/glossary.yaml:2:18: synonym `电能表` is the term itself (of `电能表`)",
        "content/glossary.yaml:2:23: synonym `电表` is listed twice (of `电能表`)",
        "content/glossary.yaml:2:27: an empty synonym (of `电能表`)",
        "content/glossary.yaml:4:9: a glossary entry with an empty `term`",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    let toml = read(&root, "book.toml");
    write(
        &root,
        "book.toml",
        &format!("{toml}\n[output]\nedit-url = \"https://git.example/h/-/edit/main/{{path}}#L{{nope}}\"\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("`edit-url` has `{nope}` in it"), "{err}");
}

/// A term's `keywords` find it and its related pages like its synonyms do, but are never shown
/// as 又称 (on the glossary page or in a lesson's hint) nor marked in lessons: 罚款 under 违约金
/// would teach a new hire to call it so.
#[test]
fn glossary_keywords_are_searched_and_never_shown() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  synonyms: [电表]\n  keywords: [电表走得快, 电费高]\n  definition: 计量用电量的表计。\n  related: [EX-PROC-001]\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n客户说电表走得快，电能表要校验。\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = String::from_utf8_lossy(&o.stdout);
    assert!(said.contains("0 warnings"), "{said}");
    let glossary = read(&root, "site/glossary/index.html");
    assert!(glossary.contains("又称：电表</p>"), "{glossary}");
    assert!(!glossary.contains("电表走得快"), "{glossary}");
    let hints = read(&root, "site/glossary/terms.js");
    assert!(hints.contains("\"s\":[\"电表\"]"), "{hints}");
    assert!(
        !hints.contains("电表走得快") && !hints.contains("电费高"),
        "{hints}"
    );
    // Searched as one group with the term and its synonym.
    let meta = read(&root, "site/search/meta.js");
    assert!(
        meta.contains("[\"电能表\",\"电表\",\"电表走得快\",\"电费高\"]"),
        "{meta}"
    );
    // Slips within an entry are warnings at the word.
    write(
        &root,
        "content/glossary.yaml",
        "- term: 电能表\n  synonyms: [电表]\n  keywords: [电能表, 电表, 电费高, 电费高, \"\"]\n  definition: 计量用电量的表计。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    for want in [
        "content/glossary.yaml:3:14: keyword `电能表` is the term itself (of `电能表`)",
        "content/glossary.yaml:3:19: keyword `电表` is also a synonym (of `电能表`)",
        "content/glossary.yaml:3:28: keyword `电费高` is listed twice (of `电能表`)",
        "content/glossary.yaml:3:33: an empty keyword (of `电能表`)",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
}

/// Files saved as UTF-16 (Notepad's "Unicode"), links to nowhere and links in a loop are said
/// in words, not as an I/O error or "not valid UTF-8 (GBK?)".
#[cfg(unix)]
#[test]
fn utf16_files_dangling_links_and_link_loops_are_said_in_words() {
    let (_t, root) = init_book();
    let mut utf16 = vec![0xff, 0xfe];
    for u in "---\ntitle: 宽\n---\n正文\n".encode_utf16() {
        utf16.extend(u.to_le_bytes());
    }
    std::fs::write(root.join("content/basics/u16.md"), utf16).unwrap();
    std::os::unix::fs::symlink(
        "/nonexistent-handbook-target",
        root.join("content/basics/gone.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("..", root.join("content/basics/loop")).unwrap();
    let err = stderr(&run(&root, &["check"]));
    for want in [
        "content/basics/u16.md:1:1: the file is saved as UTF-16 (\"Unicode\"), not UTF-8",
        "content/basics/gone.md: this is a link to a file or folder that does not exist",
        "content/basics/loop: this link leads back to a folder it is in",
    ] {
        assert!(err.contains(want), "{want}\n{err}");
    }
    // Emacs's lock file (a link to `user@host.pid`, there while a buffer is unsaved) and a
    // leftover's dangling link are hidden files like any other: not an error.
    std::fs::remove_file(root.join("content/basics/gone.md")).unwrap();
    std::fs::remove_file(root.join("content/basics/loop")).unwrap();
    std::fs::remove_file(root.join("content/basics/u16.md")).unwrap();
    std::os::unix::fs::symlink(
        "trainer@host.12345:1700000000",
        root.join("content/basics/.#first-lesson.md"),
    )
    .unwrap();
    std::os::unix::fs::symlink("nowhere", root.join("content/basics/#first-lesson.md#")).unwrap();
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A rule among its own related ones, and an item twice in the course (its page shows the
/// first place only), are warnings at their place.
#[test]
fn a_rule_related_to_itself_and_a_course_item_twice_are_warned() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replacen(
            "related: [lesson:basics/first-lesson]",
            "related: [lesson:basics/first-lesson, EX-PROC-001]",
            1,
        ),
    );
    write(
        &root,
        "content/course.yaml",
        "title: 入门课程\nmodules:\n  - title: 甲\n    items:\n      - lesson: basics/first-lesson\n  - title: 乙\n    items:\n      - lesson: basics/first-lesson\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("rule `EX-PROC-001` lists itself in `related`"),
        "{err}"
    );
    assert!(
        err.contains("content/course.yaml:8:17: module `乙`: `lesson:basics/first-lesson` is in the course already, in module `甲`"),
        "{err}"
    );
}

/// A module's `id` is its anchor on the course page, kept when modules are added or moved
/// (`[[course#module-2]]` by place still works); a bad or repeated id is an error.
#[test]
fn a_course_module_id_gives_it_an_anchor_that_stays() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/course.yaml",
        "title: 入门课程\nmodules:\n  - title: 甲\n    items:\n      - rule: EX-PROC-001\n  - id: phone\n    title: 乙\n    items:\n      - lesson: basics/first-lesson\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n见 [[course#phone]] 和 [[course#module-2]]。\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let course = read(&root, "site/course/index.html");
    assert!(
        course.contains("<span id=\"module-2\"></span><h2 id=\"phone\">乙"),
        "{course}"
    );
    assert!(course.contains("<h2 id=\"module-1\">甲"), "{course}");
    let page = read(&root, "site/basics/first-lesson/index.html");
    assert!(
        page.contains("href=\"../../course/index.html#phone\""),
        "{page}"
    );
    // The course bar names the module, linked to it.
    assert!(
        page.contains("<a href=\"../../course/index.html#phone\">乙</a> · 第 1 / 1 项"),
        "{page}"
    );
    let course_yaml = read(&root, "content/course.yaml");
    write(
        &root,
        "content/course.yaml",
        &course_yaml.replacen("id: phone", "id: \"电话 沟通\"", 1),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("content/course.yaml:6:9: module `乙`: id `电话 沟通` cannot be an anchor"),
        "{err}"
    );
    write(
        &root,
        "content/course.yaml",
        &course_yaml.replacen("id: phone", "id: module-1", 1),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(err.contains("id `module-1` is also module `甲`'s"), "{err}");
}

/// build renders everything after an error (as check does): a quiz with no questions gets its
/// own error, not also a template error from the quiz list.
#[test]
fn a_quiz_without_questions_gets_its_error_and_no_template_error() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/quizzes/empty.quiz.yaml",
        "id: empty\ntitle: 空\npass_mark: 80\nquestions: []\n",
    );
    for cmd in ["build", "check"] {
        let err = stderr(&run(&root, &[cmd]));
        assert!(
            err.contains("content/quizzes/empty.quiz.yaml:4:12: the quiz has no questions"),
            "{err}"
        );
        assert!(!err.contains("template error"), "{cmd}: {err}");
    }
}

/// A malformed question (a misspelt `type`) hid every other mistake of its quiz until it was
/// fixed: the quiz's other questions are still checked, and their mistakes reported at once.
#[test]
fn a_malformed_question_does_not_hide_the_other_questions_mistakes() {
    let (_t, root) = init_book();
    let path = root.join("content/quizzes/example.quiz.yaml");
    let mut quiz = std::fs::read_to_string(&path).unwrap();
    quiz.push_str(
        "  - id: example-02\n    type: singel\n    prompt: 第二题\n    options:\n      - text: 是\n        correct: true\n      - text: 否\n  - id: example-03\n    type: single\n    prompt: 第三题\n    options:\n      - text: 是\n      - text: 否\n  - id: example-01\n    type: true_false\n    prompt: 第四题\n    answer: true\n",
    );
    std::fs::write(&path, &quiz).unwrap();
    let line = |text: &str| quiz.lines().position(|l| l.contains(text)).unwrap() + 1;
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let f = "content/quizzes/example.quiz.yaml";
    assert!(
        err.contains(&format!(
            "{f}:{}:11: `singel` is not one of the allowed values",
            line("singel")
        )),
        "{err}"
    );
    assert!(
        err.contains("question `example-03`: no option is marked correct"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{f}:{}:9: duplicate question id `example-01` (first used on line 6)",
            line("第四题") - 2
        )),
        "{err}"
    );
    assert!(err.contains("3 errors"), "{err}");
}

/// A destination that is a symbolic link (`www -> data/handbook`, as operators point a web
/// server at a release): the new site goes where the link points, and the link stays. It was
/// renamed aside and replaced by a real folder, so the server kept the old site.
#[cfg(unix)]
#[test]
fn a_destination_that_is_a_link_is_built_where_it_points_and_stays_a_link() {
    let (t, root) = init_book();
    let data = t.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    let o = run(
        &root,
        &["build", "--dest", data.join("handbook").to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let www = t.path().join("www");
    std::os::unix::fs::symlink("data/handbook", &www).unwrap();
    let lesson = "content/basics/first-lesson.md";
    for round in 0..2 {
        write(
            &root,
            lesson,
            &(read(&root, lesson) + &format!("\n第 {round} 次改动。\n")),
        );
        let o = run(&root, &["build", "--dest", www.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(std::fs::symlink_metadata(&www)
            .unwrap()
            .file_type()
            .is_symlink());
        let html =
            std::fs::read_to_string(data.join("handbook/basics/first-lesson/index.html")).unwrap();
        assert!(
            html.contains(&format!("第 {round} 次改动")),
            "round {round}"
        );
    }
}

/// A web.config or .htaccess an operator put into the published folder left with the
/// previous site at the next build, silently: each is warned about, and the content folder
/// (which may now hold .htaccess and .well-known/) is where they belong. Anything else
/// someone put there stops the build (IT audit H1: moved into the spare, it was deleted a
/// build later without a word).
#[test]
fn files_the_build_did_not_make_are_warned_about_and_server_files_come_from_content() {
    let (_t, root) = init_book();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    write(&root, "site/web.config", "<configuration/>\n");
    write(&root, "site/.DS_Store", "");
    write(&root, "site/notes.txt", "x\n");
    // The site says what the build made at its top (.handbook-made): anything else there is
    // someone else's, and a build would move it out and delete it a build later. It stops.
    let o = run(&root, &["build"]);
    assert!(!o.status.success(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains("error: site/notes.txt: `notes.txt` in the published site `site` was not made by handbook: a build replaces the whole folder"),
        "{err}"
    );
    assert!(err.contains("move it out of the site folder"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert!(
        (stdout(&o) + &err).contains("the previous site was left untouched"),
        "{}",
        stdout(&o)
    );
    assert_eq!(read(&root, "site/notes.txt"), "x\n");
    // A site made by an older handbook has no such list: replaced, with a warning for each.
    std::fs::remove_file(root.join("site/.handbook-made")).unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("warning: site/web.config: `web.config` was in the published site but not in the book: it was kept"),
        "{err}"
    );
    assert_eq!(read(&root, "site/web.config"), "<configuration/>\n");
    assert!(!err.contains(".DS_Store"), "{err}");
    assert!(
        err.contains("warning: site/notes.txt: `notes.txt` was in the published site but this build did not make it: it is now in .site.spare, beside the site"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 2, "{err}");
    assert!(
        stdout(&o).contains("0 errors, 2 warnings"),
        "{}",
        stdout(&o)
    );
    write(&root, "content/web.config", "<configuration/>\n");
    write(
        &root,
        "content/.htaccess",
        "Header set Cache-Control no-cache\n",
    );
    write(
        &root,
        "content/.well-known/security.txt",
        "Contact: it@example.com\n",
    );
    write(&root, "content/basics/.secret", "x\n");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    for f in ["web.config", ".htaccess", ".well-known/security.txt"] {
        assert!(root.join("site").join(f).is_file(), "{f}");
    }
    assert!(!root.join("site/basics/.secret").exists());
}

/// Names Windows refuses (con, nul, com1 … with any extension) and `+`, which IIS refuses:
/// the site would not copy to a share, or its pages not open on IIS.
#[test]
fn names_windows_or_iis_refuse_are_reported() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/con.md",
        "---\ntitle: 控制台\n---\n正文。\n",
    );
    write(&root, "content/nul/a.md", "---\ntitle: a\n---\n正文。\n");
    write(
        &root,
        "content/basics/q+a.md",
        "---\ntitle: 问答\n---\n正文。\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("error: content/basics/con.md: `con.md` is named like a device on Windows"),
        "{err}"
    );
    assert!(
        err.contains("error: content/nul/a.md: `nul` is named like a device"),
        "{err}"
    );
    assert!(
        err.contains("warning: content/basics/q+a.md: the name `basics/q+a.md` has `+` in it"),
        "{err}"
    );
}

/// A link copied from the browser's address bar has its anchor percent-encoded; the browser
/// decodes it to find the heading, so the check does too (it reported a missing anchor).
#[test]
fn a_percent_encoded_anchor_is_checked_as_the_browser_reads_it() {
    let (_t, root) = init_book();
    let good = "%E6%8A%95%E8%AF%89%E6%98%AF%E5%85%8D%E8%B4%B9%E7%9A%84%E5%8F%8D%E9%A6%88"; // 投诉是免费的反馈
    write(
        &root,
        "content/basics/_index.md",
        &(read(&root, "content/basics/_index.md")
            + &format!("\n见[这节](first-lesson.md#{good})和[那节](first-lesson.md#%E6%B2%A1%E6%9C%89)。\n")),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains(good), "{err}");
    assert!(err.contains("link to a missing anchor `#没有`"), "{err}");
}

/// Pages without `order` follow their titles in pinyin order (by code point, 张 came before 李
/// and 王: an order that looked random to a Chinese reader).
#[test]
fn pages_without_order_follow_their_titles_in_pinyin_order() {
    let (_t, root) = init_book();
    for (file, title) in [
        ("a", "张三的投诉"),
        ("b", "李四的投诉"),
        ("c", "王五的投诉"),
    ] {
        write(
            &root,
            &format!("content/people/{file}.md"),
            &format!("---\ntitle: {title}\n---\n正文。\n"),
        );
    }
    write(&root, "content/people/_index.md", "---\ntitle: 案例\n---\n");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nav = read(&root, "site/nav.js");
    let at = |t: &str| nav.find(t).unwrap();
    assert!(at("李四") < at("王五") && at("王五") < at("张三"), "{nav}");
}

/// A file's address with a query (`report.xlsx?download=1`) links the file, keeping the
/// query; it was reported as a missing file (in Markdown and raw HTML alike).
#[test]
fn a_link_to_a_file_may_carry_a_query() {
    let (_t, root) = init_book();
    write(&root, "content/basics/report.xlsx", "x");
    write(
        &root,
        "content/basics/q.md",
        "---\ntitle: 下载\n---\n\n[表格](report.xlsx?download=1)、<a href=\"report.xlsx?v=2\">表</a>、[缺](nope.xlsx?x=1)。\n",
    );
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(err.contains("content/basics/q.md:5:"), "{err}");
    assert!(
        err.contains("link to a missing file `nope.xlsx?x=1`"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    std::fs::remove_file(root.join("content/basics/q.md")).unwrap();
    write(
        &root,
        "content/basics/q.md",
        "---\ntitle: 下载\n---\n\n[表格](report.xlsx?download=1)、<a href=\"report.xlsx?v=2\">表</a>。\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/q/index.html");
    assert!(
        html.contains("href=\"../../basics/report.xlsx?download=1\""),
        "{html}"
    );
    assert!(
        html.contains("href=\"../../basics/report.xlsx?v=2\""),
        "{html}"
    );
}

/// A lesson named like a file the build writes at the site's top (`nav.js.md` → `nav.js/`)
/// failed only when the site was written ("Is a directory"), naming no file: an error at the
/// lesson, as for an alias `404.html`.
#[test]
fn a_page_named_like_a_file_the_build_writes_is_an_error() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/nav.js.md",
        "---\ntitle: 导航\n---\n正文。\n",
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(
            "error: content/nav.js.md: the name `nav.js` is used by a file the build writes"
        ),
        "{}",
        stderr(&o)
    );
}

/// Shared text: `{{#include …}}` on a line of its own puts a snippet (a Markdown file whose
/// name or folder starts with `_`) in the page; its mistakes are reported at the snippet's own
/// line, its links and pictures are read from its folder, and it is not a page of its own.
#[test]
fn snippets_are_included_where_pages_name_them_and_checked_at_their_own_lines() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/_片段/开场白.md",
        "---\ntitle: 标准开场白\n---\n<!-- ANCHOR: 问候 -->\n您好，很高兴为您服务。\n<!-- ANCHOR_END: 问候 -->\n先听完，再[致歉](../basics/first-lesson.md#投诉是免费的反馈)。\n\n![话术卡](话术卡.png)\n见[旧页](../basics/gone.md)。\n",
    );
    write(&root, "content/_片段/话术卡.png", "not really a png");
    write(&root, "content/_片段/没人用.md", "无人引用。\n");
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &lesson.replacen(
            "> [!WARNING]\n> 不要与客户争辩。",
            "> [!TIP]\n> {{#include ../_片段/开场白.md}}\n\n{{#include ../_片段/开场白.md:问好}}",
            1,
        ),
    );
    // After the includes: a slip of the page's own, a footnote the snippet's shares, and a
    // good dialogue in a snippet that both pages include.
    write(
        &root,
        "content/_片段/对话.md",
        "```dialogue good 开场\n坐席：您好，请讲。\n```\n\n见注释[^1]。\n\n[^1]: 片段的注释。\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    let slip = lesson.lines().count() + 4;
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n{{{{#include ../_片段/对话.md}}}}\n\n[坏链接](nope.md)。[^1]\n\n[^1]: 课程的注释。\n"),
    );
    let home = read(&root, "content/index.md");
    write(
        &root,
        "content/index.md",
        &format!(
            "{home}\n{{{{#include _片段/开场白.md:问候}}}}\n\n{{{{#include _片段/对话.md}}}}\n"
        ),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "error: content/basics/first-lesson.md:{slip}:1: link to a missing page `nope.md`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: content/basics/first-lesson.md:{}:1: the footnote `[^1]` is defined twice",
            slip + 2
        )),
        "{err}"
    );
    // The broken link once (two pages include it), at the snippet's line and column.
    assert_eq!(
        err.matches("error: content/_片段/开场白.md:10:2: ").count(),
        1,
        "{err}"
    );
    assert!(err.contains("`../basics/gone.md`"), "{err}");
    // A part misnamed: at the page's include, with the names the snippet has.
    let at = err
        .lines()
        .position(|l| {
            l.contains("content/basics/first-lesson.md:") && l.contains("no part named `问好`")
        })
        .unwrap_or_else(|| panic!("{err}"));
    assert!(err.lines().nth(at + 1).unwrap().contains("`问候`"), "{err}");
    assert!(
        err.contains("warning: content/_片段/没人用.md: no page includes this snippet"),
        "{err}"
    );
    assert!(!err.contains("content/_片段/开场白.md: no page"), "{err}");

    // Mended, it builds: the text is in both pages, in the callout where the line was.
    write(
        &root,
        "content/_片段/开场白.md",
        &read(&root, "content/_片段/开场白.md").replace("见[旧页](../basics/gone.md)。\n", ""),
    );
    write(
        &root,
        "content/basics/first-lesson.md",
        &read(&root, "content/basics/first-lesson.md")
            .replace(":问好}}", ":问候}}")
            .replace("[坏链接](nope.md)。[^1]\n\n[^1]: 课程的注释。\n", ""),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    let callout = page
        .split("callout-tip")
        .nth(1)
        .unwrap_or_else(|| panic!("no tip callout:\n{page}"));
    let callout = &callout[..callout.find("</div>").unwrap()];
    assert!(callout.contains("您好，很高兴为您服务。"), "{callout}");
    // (Written from the snippet's folder, `../basics/…`, `话术卡.png`.)
    assert!(
        callout.contains("href=\"../../basics/first-lesson/index.html#%E6%8A%95"),
        "{callout}"
    );
    assert!(
        callout.contains("src=\"../../_%E7%89%87%E6%AE%B5/%E8%AF%9D%E6%9C%AF%E5%8D%A1.png\""),
        "{callout}"
    );
    // (A whole snippet as written, as in mdBook, its part's marker lines too: HTML comments,
    // authors' notes, left out of the site.)
    assert!(!callout.contains("ANCHOR"), "{callout}");
    assert_eq!(page.matches("您好，很高兴为您服务。").count(), 2, "{page}");
    let home = read(&root, "site/index.html");
    assert!(
        home.contains("您好，很高兴为您服务。") && !home.contains("先听完"),
        "{home}"
    );
    // The dialogue both pages include is on 话术汇编 once.
    let phrases = read(&root, "site/phrases/index.html");
    assert_eq!(phrases.matches("您好，请讲。").count(), 1, "{phrases}");
    // Snippets are not pages.
    assert!(!root.join("site/_片段/开场白").exists());
    assert!(root.join("site/_片段/话术卡.png").exists());
}

/// A rule deleted (retired, merged): its references name the neighbouring number only as a
/// neighbour, with its title, and say how to keep them leading somewhere; a list naming one
/// thing twice is a warning at the second.
#[test]
fn a_deleted_rules_references_say_how_to_retire_it_and_lists_naming_one_thing_twice_are_warned() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &quiz.replace(
            "rules: [EX-PROC-001]",
            "rules: [EX-PROC-001, EX-PROC-002, EX-PROC-001]",
        ),
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n见 [[rule:EX-PROCC-001]]。见 [[rule:TS-CAT-004]]。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    let next = |at: &str| -> (String, String) {
        let lines: Vec<&str> = err.lines().collect();
        let i = lines
            .iter()
            .position(|l| l.contains(at))
            .unwrap_or_else(|| panic!("no {at:?} in:\n{err}"));
        (lines[i].to_string(), lines[i + 1].to_string())
    };
    let (m, h) = next("reference to a missing rule `EX-PROC-002`");
    assert!(m.contains("content/quizzes/example.quiz.yaml:15:"), "{m}");
    assert!(
        h.contains("no rule has this id (the one numbered nearest is `EX-PROC-001` 投诉办理时限)")
            && h.contains("list `EX-PROC-002` under that rule's `aliases:`")
            && !h.contains("did you mean"),
        "{h}"
    );
    let (_, h) = next("reference to a missing rule `EX-PROCC-001`");
    assert!(
        h.contains("did you mean `EX-PROC-001`? (投诉办理时限)"),
        "{h}"
    );
    // Another family's id, many edits away: no rule suggested (EX-PROC-001 is no slip of the
    // hand for TS-CAT-004).
    let (_, h) = next("reference to a missing rule `TS-CAT-004`");
    assert!(
        h.contains("check the rule's id") && !h.contains("EX-PROC-001"),
        "{h}"
    );
    let (m, _) = next("`EX-PROC-001` is listed twice");
    assert!(
        m.starts_with("warning: content/quizzes/example.quiz.yaml:15:")
            && m.contains("question `example-01`: `EX-PROC-001` is listed twice in `questions.0.rules` (first on line 15)"),
        "{m}"
    );
}

/// A merged or renumbered rule's old id left in a lesson's text is a warning at its place
/// (a reader looks it up and finds no such rule); in code it is left alone.
#[test]
fn an_old_rule_id_left_in_a_lessons_text_is_warned_with_the_new_one() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &format!("{rule}aliases: [EX-PROC-009]\n"),
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    let n = lesson.lines().count();
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n按 EX-PROC-009 的要求办理。\n\n```text\nEX-PROC-009\n```\n\nEX-PROC-0090 不是它，`aliases: [EX-PROC-009]` 也不是。<!-- 原 EX-PROC-009 -->\n\n> ```yaml\n> aliases: [EX-PROC-009]\n> ```\n"),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains(&format!(
            "warning: content/basics/first-lesson.md:{}:3: `EX-PROC-009` is now `EX-PROC-001`",
            n + 2
        )),
        "{err}"
    );
    assert_eq!(err.matches("is now `EX-PROC-001`").count(), 1, "{err}");
}

/// A quiz's `revised` (a corrected answer) is listed on 最近修订 and the home page beside the
/// rules' and lessons'; a date that is no date is an error at its line.
#[test]
fn a_quizs_revision_is_on_the_recent_changes_and_checked() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml");
    let with =
        |dates: &str| quiz.replacen("questions:\n", &format!("revised:\n{dates}questions:\n"), 1);
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &with("  - date: 2026-13-01\n    change: 笔误\n"),
    );
    let line = with("").lines().position(|l| l == "questions:").unwrap() + 1;
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains(&format!(
            "error: content/quizzes/example.quiz.yaml:{line}:11: revision date `2026-13-01` is not a date"
        )),
        "{err}"
    );
    write(
        &root,
        "content/quizzes/example.quiz.yaml",
        &with("  - date: 2026-11-30\n    change: 一般投诉的办结时限改为4个工作日，第1题答案随之修改\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let changes = read(&root, "site/rules/changes/index.html");
    assert!(
        changes.contains("<span class=\"badge\">测验</span> <a href=\"../../quizzes/example/index.html\">入门小测验</a>"),
        "{changes}"
    );
    assert!(changes.contains("第1题答案随之修改"), "{changes}");
    let home = read(&root, "site/index.html");
    assert!(
        home.contains("data-change-page=\"quizzes/example/\"")
            && home.contains(">入门小测验</a>：一般投诉的办结时限改为4个工作日"),
        "{home}"
    );
}

#[test]
fn nav_js_maps_a_moved_page_and_a_renumbered_rule_to_their_new_folders() {
    // (So that what a learner read under the old folder counts for the new: quiz.js.)
    let (_t, root) = init_book();
    std::fs::rename(
        root.join("content/basics/first-lesson.md"),
        root.join("content/basics/intro.md"),
    )
    .unwrap();
    let lesson = read(&root, "content/basics/intro.md").replace("EX-PROC-001", "EX-PROC-009");
    write(
        &root,
        "content/basics/intro.md",
        &lesson.replacen(
            "---\n",
            "---\naliases: [basics/first-lesson, old.html]\n",
            1,
        ),
    );
    for f in [
        "content/rules/example.rule.yaml",
        "content/quizzes/example.quiz.yaml",
        "content/search-checks.yaml",
    ] {
        let t = read(&root, f)
            .replace("EX-PROC-001", "EX-PROC-009")
            .replace("basics/first-lesson", "basics/intro");
        write(&root, f, &t);
    }
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &format!("{rule}aliases: [EX-PROC-001]\n"),
    );
    let index = read(&root, "content/index.md").replace("basics/first-lesson", "basics/intro");
    write(&root, "content/index.md", &index);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nav = read(&root, "site/nav.js");
    assert!(
        nav.contains(r#""moved":{"basics/first-lesson/":"basics/intro/","rules/EX-PROC-001/":"rules/EX-PROC-009/"}"#),
        "{nav}"
    );
}

#[test]
fn a_link_to_a_section_moved_to_another_page_names_the_page_it_is_on_now() {
    // A lesson split in two: its `## 办结后答复 {#reply}` went to a page of its own, and a link
    // elsewhere still names the old page.
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/reply.md",
        "---\ntitle: 答复\n---\n\n## 办结后答复 {#reply}\n\n三个工作日内答复。\n",
    );
    let index = read(&root, "content/index.md");
    write(
        &root,
        "content/index.md",
        &format!("{index}\n见[答复](basics/first-lesson.md#reply)。\n"),
    );
    let line = read(&root, "content/index.md").lines().count();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains(&format!(
            "content/index.md:{line}:2: link to a missing anchor `#reply`"
        )),
        "{err}"
    );
    assert!(
        err.contains("the section `#reply` is on `content/basics/reply.md` now: link it there, e.g. `[[basics/reply#reply]]`"),
        "{err}"
    );
}

#[test]
fn a_renamed_quizs_old_id_forwards_and_a_link_to_it_names_the_new_one() {
    let (_t, root) = init_book();
    let quiz = read(&root, "content/quizzes/example.quiz.yaml")
        .replace("id: example\n", "id: first-quiz\naliases: [example]\n");
    write(&root, "content/quizzes/example.quiz.yaml", &quiz);
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n做[测验](quiz:example)。\n"),
    );
    let line = read(&root, "content/basics/first-lesson.md")
        .lines()
        .count();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "content/basics/first-lesson.md:{line}:2: quiz `example` is now `first-quiz`"
        )),
        "{err}"
    );
    assert!(
        err.contains("link `quiz:first-quiz`; `example` is listed among that quiz's aliases"),
        "{err}"
    );
    write(&root, "content/basics/first-lesson.md", &lesson);
    for f in ["content/index.md", "content/search-checks.yaml"] {
        let text = read(&root, f).replace("quiz:example", "quiz:first-quiz");
        write(&root, f, &text);
    }
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forward = read(&root, "site/quizzes/example/index.html");
    assert!(
        forward.contains("../../quizzes/first-quiz/index.html"),
        "{forward}"
    );
    assert!(
        forward.contains("测验 example 已改名为 first-quiz"),
        "{forward}"
    );
    assert!(read(&root, "site/nav.js").contains(r#""movedQuizzes":{"example":"first-quiz"}"#));
    // An alias that is a quiz's id, or not one at all: errors at the alias.
    for (alias, want) in [
        ("first-quiz", "alias `first-quiz` is the id of a quiz"),
        ("a/b", "alias `a/b` cannot be a quiz id"),
    ] {
        let q = quiz.replace("aliases: [example]", &format!("aliases: [{alias}]"));
        write(&root, "content/quizzes/example.quiz.yaml", &q);
        let err = stderr(&run(&root, &["check"]));
        assert!(
            err.contains(&format!(
                "content/quizzes/example.quiz.yaml:3:11: quiz `first-quiz`: {want}"
            )),
            "{err}"
        );
    }
}

#[test]
fn the_rules_index_shows_a_summary_as_its_rule_card_does() {
    // `[[rule:…]]` and **bold** in a summary were printed as written in 规则索引.
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "summary: 一般投诉在5个工作日内办结。",
        "summary: 一般投诉在**5个工作日**内办结，见 [[time-limits]]。",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    assert!(run(&root, &["build"]).status.success());
    let index = read(&root, "site/rules/index.html");
    let summary = index
        .split("<span class=\"rule-summary\">")
        .nth(1)
        .and_then(|s| s.split("</span>").next())
        .unwrap_or_default();
    assert!(summary.contains("<strong>5个工作日</strong>"), "{summary}");
    assert!(
        summary.contains("<a href=\"../rules/time-limits/index.html\""),
        "{summary}"
    );
    assert!(!summary.contains("[["), "{summary}");
}

/// What a build stopped making (a file removed from the content folder) is no stranger: the
/// site is replaced, with the warning that names it. A `--drafts` build into the published
/// site is refused (IT audit M1: it published the drafts and the exam papers with their keys,
/// and the next plain build kept that site as the spare, still served); into a drafts site it
/// goes on.
#[test]
fn a_file_the_book_dropped_is_replaced_and_drafts_stay_out_of_the_published_site() {
    let (_t, root) = init_book();
    write(&root, "content/handout.txt", "x\n");
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let made = read(&root, "site/.handbook-made");
    assert!(
        made.lines().any(|l| l == "handout.txt") && made.lines().any(|l| l == "search"),
        "{made}"
    );
    std::fs::remove_file(root.join("content/handout.txt")).unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("`handout.txt` was in the published site but this build did not make it"),
        "{}",
        stderr(&o)
    );
    assert!(!root.join("site/handout.txt").exists());

    let site = root.join("site");
    let o = run(
        &root,
        &["build", "--drafts", "--dest", site.to_str().unwrap()],
    );
    assert!(!o.status.success(), "{}", stdout(&o));
    assert!(
        stderr(&o)
            .contains("holds the published site: a --drafts build there would publish the drafts"),
        "{}",
        stderr(&o)
    );
    assert!(!read(&root, "site/.handbook-made").contains("# drafts"));
    // The drafts' own folder, again and again.
    for _ in 0..2 {
        let o = run(&root, &["build", "--drafts"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    assert!(read(&root, "site-drafts/.handbook-made").contains("# drafts"));
}

/// An operator gives the web server's group read access to the published folder (and none to
/// others), with the group kept for new files (setgid); the monthly build runs with a hardened
/// umask. The site a build makes is a new folder: it came out as the build user's, unreadable
/// to the web server (IT audit H2). Now it keeps the folder's mode and group, and gives every
/// file and folder the read access the folder gave, over a clean build and over the spare.
#[cfg(unix)]
#[test]
fn the_published_folders_access_is_kept_by_a_build_with_a_strict_umask() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let (_t, root) = init_book();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let as_root = std::fs::metadata(&site).unwrap().uid() == 0;
    let group = if as_root {
        65534
    } else {
        std::fs::metadata(&site).unwrap().gid()
    };
    for e in walkdir::WalkDir::new(&site).contents_first(true) {
        let e = e.unwrap();
        if as_root {
            std::os::unix::fs::lchown(e.path(), None, Some(group)).unwrap();
        }
        let mode = if e.file_type().is_dir() { 0o750 } else { 0o640 };
        std::fs::set_permissions(e.path(), std::fs::Permissions::from_mode(mode)).unwrap();
    }
    std::fs::set_permissions(&site, std::fs::Permissions::from_mode(0o2750)).unwrap();
    write(
        &root,
        "content/basics/new-page.md",
        "---\ntitle: 新的一课\n---\n\n正文。\n",
    );
    for round in 0..2 {
        let o = std::process::Command::new("sh")
            .arg("-c")
            .arg("umask 077; exec \"$0\" --root \"$1\" build")
            .arg(bin())
            .arg(&root)
            .env("HANDBOOK_LANG", "en")
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        let top = std::fs::metadata(&site).unwrap();
        assert_eq!(
            top.mode() & 0o7777,
            0o2750,
            "round {round}: the folder's mode"
        );
        assert_eq!(top.gid(), group, "round {round}: the folder's group");
        let mut seen = 0;
        for e in walkdir::WalkDir::new(&site).min_depth(1) {
            let e = e.unwrap();
            let m = e.metadata().unwrap();
            let want = if m.is_dir() { 0o050 } else { 0o040 };
            assert_eq!(
                m.mode() & want,
                want,
                "round {round}: {} is {:o}",
                e.path().display(),
                m.mode()
            );
            assert_eq!(m.gid(), group, "round {round}: {}", e.path().display());
            seen += 1;
        }
        assert!(seen > 20, "{seen}");
        assert!(site.join("basics/new-page/index.html").is_file());
    }
}

/// A deploy user owns the site folder but not the folder it is in (a root-owned /var/www):
/// the build makes the new site beside the old one, so it cannot; the error says which folder
/// needs what, instead of "cannot write the site" about a folder the user owns (IT audit L1).
#[cfg(unix)]
#[test]
fn a_site_folder_whose_parent_takes_no_new_folders_is_named_in_the_error() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let t = tempfile::tempdir().unwrap();
    let as_root = std::fs::metadata(t.path()).unwrap().uid() == 0;
    let setpriv = ["/usr/bin/setpriv", "/bin/setpriv"]
        .into_iter()
        .find(|p| Path::new(p).exists());
    if as_root && setpriv.is_none() {
        eprintln!("skipped: root without setpriv cannot be kept out of a folder");
        return;
    }
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let book = t.path().join("book");
    let o = handbook_cmd().args(["init"]).arg(&book).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let www = t.path().join("www");
    let site = www.join("site");
    let o = run(&book, &["build", "--dest", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut cmd = if as_root {
        for e in walkdir::WalkDir::new(&site) {
            std::os::unix::fs::lchown(e.unwrap().path(), Some(65534), Some(65534)).unwrap();
        }
        let mut c = std::process::Command::new(setpriv.unwrap());
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin());
        c
    } else {
        std::fs::set_permissions(&www, std::fs::Permissions::from_mode(0o555)).unwrap();
        std::process::Command::new(bin())
    };
    let o = cmd
        .env("HANDBOOK_LANG", "en")
        .arg("--root")
        .arg(&book)
        .args(["build", "--dest"])
        .arg(&site)
        .output()
        .unwrap();
    let _ = std::fs::set_permissions(&www, std::fs::Permissions::from_mode(0o755));
    assert!(!o.status.success(), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "a build makes the new site in a folder beside `{}`, in `{}`, and swaps it in, and this user may not create folders in `{}`",
            site.display(),
            www.display(),
            www.display()
        )),
        "{err}"
    );
    assert!(err.contains("let this user create folders in"), "{err}");
    assert!(site.join("index.html").is_file());
}

#[test]
fn a_chinese_text_wrapped_without_a_bar_is_a_warning_at_the_break() {
    let (_t, root) = init_book();
    // A rule's summary and a lesson's summary wrapped onto a second line, as an editor does.
    let rules = "content/rules/example.rule.yaml";
    let text = read(&root, rules);
    write(
        &root,
        rules,
        &text.replacen(
            "summary: 一般投诉在5个工作日内办结。",
            "summary: 一般投诉在5个工作日内\n  办结。",
            1,
        ),
    );
    let line = read(&root, rules)
        .lines()
        .position(|l| l == "  办结。")
        .unwrap()
        + 1;
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    write(
        &root,
        lesson,
        &text.replacen(
            "summary: 为什么要认真对待每一次投诉",
            "summary: 为什么要认真对待\n  每一次投诉",
            1,
        ),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "a warning, not an error: {err}");
    assert!(
        err.contains(&format!(
            "{rules}:{line}:3: this text goes on from the line above without `|`, so YAML reads the line break as a space: `5个工作日内 办结。`"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("{lesson}:4:3: this text goes on")),
        "{err}"
    );
    assert_eq!(err.matches("this text goes on").count(), 2, "{err}");
    // Written with `|`, as the hint says: no warning.
    write(
        &root,
        rules,
        &read(&root, rules).replacen(
            "summary: 一般投诉在5个工作日内\n  办结。",
            "summary: |\n  一般投诉在5个工作日内\n  办结。",
            1,
        ),
    );
    let o = run(&root, &["check"]);
    assert_eq!(
        stderr(&o).matches("this text goes on").count(),
        1,
        "{}",
        stderr(&o)
    );
}

/// Every file of the built site with its modification time.
fn times(site: &std::path::Path) -> std::collections::BTreeMap<String, std::time::SystemTime> {
    walkdir::WalkDir::new(site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, e.metadata().unwrap().modified().unwrap())
        })
        .collect()
}

#[test]
fn a_file_a_build_leaves_as_it_was_keeps_its_time_for_rsync_and_etags() {
    // rsync -a compares sizes and times, nginx's ETag is time and size: a rebuild that changes
    // nothing must leave both alone, or every file is copied and downloaded again each time.
    let (_t, root) = init_book();
    for _ in 0..2 {
        let o = run(&root, &["build"]);
        assert!(o.status.success(), "{}", stderr(&o));
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let before = times(&root.join("site"));
    assert!(before.len() > 20, "{}", before.len());
    // Nothing changed: the third build (written into the spare, the site of two builds ago)
    // has every file at the time it had.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let same = times(&root.join("site"));
    let moved: Vec<&String> = before
        .keys()
        .filter(|k| same.get(*k) != before.get(*k))
        .collect();
    // (nav.js names its build, and the build's id follows the content only.)
    assert!(moved.is_empty(), "{moved:?}");
    // One lesson changed: its page is new, most files keep their time.
    let lesson = root.join("content/basics/first-lesson.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replacen("\n\n", "\n\n新加的一句话。\n\n", 1)).unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = times(&root.join("site"));
    assert_ne!(
        after["basics/first-lesson/index.html"],
        before["basics/first-lesson/index.html"]
    );
    let kept = before
        .keys()
        .filter(|k| after.get(*k) == before.get(*k))
        .count();
    assert!(
        kept * 2 > before.len(),
        "{kept} of {} kept their time",
        before.len()
    );
    assert!(
        after.keys().any(|k| k.starts_with("static/"))
            && after
                .iter()
                .filter(|(k, _)| k.starts_with("static/"))
                .all(|(k, t)| before.get(k) == Some(t)),
        "theme files keep their time"
    );
}

/// A slip that keeps a rules file from loading (a tab, a full-width colon) does not hide what
/// its rules get wrong against the rest of the book: an id another file's rule has, a rule
/// named that does not exist (`related`, `replaced_by`), a rule of the file named after its
/// id was changed. A trainer who fixed the tab of a file of ten rules found three more errors
/// in the next run; now all come in the first, at the same places as once the slip is fixed.
#[test]
fn a_rules_file_with_a_slip_is_still_checked_against_the_book() {
    let (_t, root) = init_book();
    let rule = |id: &str, body: &str| {
        format!(
            "- id: {id}\n  title: 规则{id}\n  category: procedure\n  summary: 摘要。\n  severity: high\n  steps:\n    - who: 受理人员\n      what: 登记\n{body}  version: \"1.0\"\n  effective: 2025-01-01\n  owner: 客户服务中心\n"
        )
    };
    let good = [
        rule("EX-PROC-001", "  related: [EX-PROC-003]\n"),
        rule("EX-PROC-003", "  related: [EX-GONE-009]\n"),
        rule(
            "EX-PROC-004",
            "  replaced_by: EX-GONE-010\n  repealed: 2025-02-01\n",
        ),
    ]
    .concat();
    let f = "content/rules/more.rules.yaml";
    let expect = |err: &str, text: &str| {
        let at = |needle: &str| line_in("", text, needle);
        for (line, col, said) in [
            (
                at("- id: EX-PROC-001"),
                7,
                "duplicate rule id `EX-PROC-001`",
            ),
            (at("EX-GONE-009"), 13, "`EX-GONE-009`"),
            (at("replaced_by: EX-GONE-010"), 16, "`EX-GONE-010`"),
        ] {
            assert!(
                err.contains(&format!("{f}:{line}:{col}: ")),
                "{line}:{col} {said}\n{err}"
            );
            let at_line = err
                .lines()
                .find(|l| l.contains(&format!("{f}:{line}:")))
                .unwrap();
            assert!(at_line.contains(said), "{at_line}\n{err}");
        }
        // (A reference to a rule of the same file is one.)
        assert!(!err.contains("`EX-PROC-003`"), "{err}");
    };
    write(&root, f, &good);
    let o = run(&root, &["check"]);
    let clean = stderr(&o);
    assert!(!o.status.success());
    expect(&clean, &good);
    assert!(clean.contains("3 errors"), "{clean}");
    // A tab before a step, and a full-width colon: the same three, with the slips.
    for slipped in [
        good.replacen("    - who: 受理人员", "\t- who: 受理人员", 1),
        good.replacen("  owner: 客户服务中心", "  owner：客户服务中心", 1),
    ] {
        write(&root, f, &slipped);
        let o = run(&root, &["check"]);
        let err = stderr(&o);
        expect(&err, &slipped);
        assert!(err.contains("4 errors"), "{err}");
        assert!(err.contains("3 more in rule files with errors"), "{err}");
    }
}

/// course.yaml with a slip (a tab, a full-width colon) that keeps it from loading: what its
/// items name is still checked in the same run (a lesson that does not exist), at its place.
#[test]
fn a_course_with_a_slip_still_has_its_items_checked() {
    let (_t, root) = init_book();
    let course = "title: 入职课程\nmodules:\n  - title: 第一单元\n    items:\n      - lesson: basics/first-lesson\n      - lesson: basics/no-such-lesson\n      - quiz: no-such-quiz\n";
    let f = "content/course.yaml";
    for (text, errors) in [
        (course.to_string(), 2),
        (
            course.replacen(
                "      - lesson: basics/first",
                "\t- lesson: basics/first",
                1,
            ),
            3,
        ),
        (
            course.replacen("  - title: 第一单元", "  - title：第一单元", 1),
            3,
        ),
    ] {
        write(&root, f, &text);
        let err = stderr(&run(&root, &["check"]));
        let lesson = line_in("", &text, "no-such-lesson");
        let quiz = line_in("", &text, "no-such-quiz");
        assert!(err.contains(&format!("{f}:{lesson}:17: ")), "{err}");
        assert!(err.contains("basics/no-such-lesson"), "{err}");
        assert!(err.contains(&format!("{f}:{quiz}:15: ")), "{err}");
        assert!(err.contains(&format!("{errors} errors")), "{err}");
    }
}

/// `new rule` without `--category` puts the rule in the category its id's neighbours are in
/// (GD-GOV-011 beside the GD-GOV-* rules in `governance`), not the book's first category;
/// an id no rule shares the prefix of takes the first, as before.
#[test]
fn a_new_rule_takes_its_neighbours_category() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/categories.yaml",
        "- id: procedure\n  label: 投诉办理\n- id: governance\n  label: 管理与考核\n",
    );
    write(
        &root,
        "content/rules/gov.rules.yaml",
        "- id: EX-GOV-001\n  title: 考核\n  category: governance\n  summary: s\n\n- id: EX-GOV-002\n  title: 考核二\n  category: governance\n  summary: s\n",
    );
    let o = run(&root, &["new", "rule", "EX-GOV-003"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "content/rules/ex-gov-003.rule.yaml").contains("\ncategory: governance\n"));
    let o = run(&root, &["new", "rule", "EX-NEW-001"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root, "content/rules/ex-new-001.rule.yaml").contains("\ncategory: procedure\n"));
}

/// A list item indented deeper than the one above (`- 如实记录` then `    - 未经批准不得延期`)
/// is joined onto its text by YAML: a plain build published the card with one joined item.
/// It is an error now, at its line: `build` writes nothing; the file's rule is still counted
/// and checked (the file reads).
#[test]
fn a_list_item_joined_onto_the_one_above_fails_the_build() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let joined = rule.replace(
        "must:\n  - 记录客户诉求\n",
        "must:\n  - 记录客户诉求\n    - 未经批准不得延期\n",
    );
    assert_ne!(joined, rule);
    write(&root, "content/rules/example.rule.yaml", &joined);
    let o = run(&root, &["build"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = line_in("", &joined, "- 未经批准不得延期");
    assert!(
        err.contains(&format!("error: content/rules/example.rule.yaml:{line}:5: the line `- 未经批准不得延期` is indented 2 spaces more")),
        "{err}"
    );
    assert!(err.contains("1 rule,"), "{err}");
    assert!(!err.contains("in rule files with errors"), "{err}");
    assert!(!root.join("site").exists(), "nothing written");
}

/// A slip in a link to a heading's own id (`{#limits}`) is offered that id, and the hint does
/// not say ids are made from the heading's text (this one is not).
#[test]
fn a_near_custom_heading_id_is_offered_without_saying_ids_come_from_text() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n## 时限一节 {{#limits}}\n\n见 [本节](#limit)。\n"),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("did you mean `#limits`? a heading's id is the one set with `{#id}`, or else made from its text"),
        "{err}"
    );
}
