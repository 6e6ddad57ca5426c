//! Lists that grow with a provincial book fold what is not needed first: a much-cited rule's
//! 引用本规则的课程与测验 after ten (212 links pushed the card's 修订记录 6,000 px down), and
//! 最近修订 before the last three months (945 rows, 75 screens).

mod common;
use common::*;

#[test]
fn a_long_backlink_list_folds_after_ten_and_old_revisions_fold_under_the_recent() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    // TS-PROC-002 is cited by more than twelve pages: ten shown, the rest folded, none lost.
    let card = read(&root, "site/rules/TS-PROC-002/index.html");
    let back = &card[card.find("<section class=\"backlinks\">").unwrap()..];
    let back = &back[..back.find("</section>").unwrap()];
    let (open, folded) = back
        .split_once("<details class=\"backlinks-more\">")
        .expect("folded");
    let count = |s: &str| s.matches("<li>").count();
    assert_eq!(count(open), 10, "{back}");
    assert!(count(folded) > 2, "{back}");
    assert!(
        folded.contains(&format!("<summary>另外 {} 处</summary>", count(folded))),
        "{back}"
    );
    // A rule cited by few lists them all.
    let few = read(&root, "site/rules/TS-GOV-004/index.html");
    if let Some(i) = few.find("<section class=\"backlinks\">") {
        let b = &few[i..];
        let b = &b[..b.find("</section>").unwrap()];
        assert!(count(b) <= 12 && !b.contains("<details"), "{b}");
    }
    // 最近修订: the recent rows in the table, the older ones folded under it, newest first.
    let changes = read(&root, "site/rules/changes/index.html");
    let (recent, older) = changes
        .split_once("<details class=\"changes-older\">")
        .expect("older revisions folded");
    let days = |s: &str| -> Vec<String> {
        s.split("data-change-date=\"")
            .skip(1)
            .map(|r| r[..10].to_string())
            .collect()
    };
    let (recent, older) = (days(recent), days(older));
    assert!(!recent.is_empty() && !older.is_empty());
    let day = |d: &str| {
        let n: Vec<i64> = d.split('-').map(|x| x.parse().unwrap()).collect();
        n[0] * 372 + n[1] * 31 + n[2]
    };
    let newest = recent.iter().map(|d| day(d)).max().unwrap();
    assert!(recent.iter().all(|d| newest - day(d) < 93), "{recent:?}");
    assert!(older.iter().all(|d| newest - day(d) >= 88), "{older:?}");
    let summary = format!(
        "<summary>更早的修订（{} 条，{} 至 {}）</summary>",
        older.len(),
        older.last().unwrap(),
        older.first().unwrap()
    );
    assert!(changes.contains(&summary), "{summary}");
}

/// The home page's 全书目录 lists a section's first twelve pages and links the section for the
/// rest (a province's 300 lessons made it 18 phone screens).
#[test]
fn the_home_contents_list_twelve_pages_a_section_and_link_the_rest() {
    let (_t, root) = init_book();
    for k in 1..=15 {
        write(
            &root,
            &format!("content/basics/topic-{k:02}.md"),
            &format!(
                "---\ntitle: 专题{k:02}\norder: {}\n---\n\n正文。\n",
                100 + k
            ),
        );
    }
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let home = read(&root, "site/index.html");
    let contents = &home[home.find("id=\"全书目录\"").unwrap()..];
    let basics = &contents[..contents.find("</section>").unwrap()];
    assert_eq!(basics.matches("<li><a").count(), 12, "{basics}");
    assert!(
        basics.contains(
            "<li class=\"contents-more\"><a href=\"basics/index.html\">全部 16 篇 →</a></li>"
        ),
        "{basics}"
    );
}

/// The quizzes' list stands under the course's modules, in the course's order, with the quizzes
/// the course does not name last under 其他测验; past twelve quizzes a list at its top jumps to
/// each group (sixty in one list were eight screens, checkpoints among practice ones). Each
/// group's id is its module's on the course page.
#[test]
fn the_quiz_list_is_grouped_by_the_course_modules() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = read(&root, "site/quizzes/index.html");
    let course = read(&root, "site/course/index.html");
    let headings: Vec<(&str, &str)> = list
        .split("<h2 class=\"quiz-group\" id=\"")
        .skip(1)
        .map(|h| {
            let (id, rest) = h.split_once("\">").unwrap();
            (id, rest.split_once("</h2>").unwrap().0)
        })
        .collect();
    assert!(headings.len() >= 5, "{list}");
    assert_eq!(headings[0], ("basics", "第一单元：认识投诉与服务理念"));
    for (id, title) in &headings {
        assert!(
            course.contains(&format!("<h2 id=\"{id}\">{title}")),
            "{id} {title}"
        );
    }
    // The principles quiz under the first module, the final exam under the last.
    let under = |title: &str| {
        let at = list.find(&format!("<strong>{title}</strong>")).unwrap();
        list[..at]
            .rsplit("<h2 class=\"quiz-group\" id=\"")
            .next()
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    assert_eq!(under("投诉处理原则测验"), "basics");
    assert_eq!(under("结业综合考试"), headings.last().unwrap().0);
    // Eleven quizzes: no jump list.
    assert!(!list.contains("quizzes-contents"), "{list}");

    // Twelve more, outside the course: the jump list, and 其他测验 last.
    for n in 1..=12 {
        std::fs::write(
            root.join(format!("content/quizzes/extra-{n}.quiz.yaml")),
            format!("id: extra-{n}\ntitle: 加练{n}\nquestions:\n  - id: q1\n    type: true_false\n    prompt: 投诉要在时限内办结。\n    answer: true\n"),
        )
        .unwrap();
    }
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = read(&root, "site/quizzes/index.html");
    let nav = &list[list
        .find("<nav class=\"rules-contents quizzes-contents\"")
        .expect("a jump list")..];
    let nav = &nav[..nav.find("</nav>").unwrap()];
    assert!(nav.contains("<a href=\"#basics\">第一单元：认识投诉与服务理念</a><span class=\"tag-count\">1<span class=\"visually-hidden\"> 个测验</span></span>"), "{nav}");
    assert!(
        nav.contains("<a href=\"#other-quizzes\">其他测验</a><span class=\"tag-count\">12<span class=\"visually-hidden\"> 个测验</span></span>"),
        "{nav}"
    );
    let other = &list[list
        .find("<h2 class=\"quiz-group\" id=\"other-quizzes\">其他测验</h2>")
        .expect("其他测验")..];
    assert_eq!(other.matches("<strong>加练").count(), 12);
    assert!(!other.contains("<strong>结业综合考试</strong>"));

    // Without a course, one list, no headings.
    let (_t2, book) = init_book();
    assert!(!book.join("content/course.yaml").exists());
    let o = run(&book, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let list = read(&book, "site/quizzes/index.html");
    assert!(
        !list.contains("quiz-group") && !list.contains("quizzes-contents"),
        "{list}"
    );
    assert_eq!(list.matches("<li class=\"card\">").count(), 1, "{list}");
}
