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
