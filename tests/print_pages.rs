//! The print pages: `print/` is the contents of the printed book, each top-level chapter and
//! the rule cards have a print page of their own (`print/<chapter>/`, `print/rules/`), and a
//! small book keeps the whole of it on `print/` too. Built from real content: the bundled
//! handbook (small: the whole book on one page) and a generated book of several chapters and
//! 330 rule cards (too large for one page: by chapter only, the cards by category), one with a
//! chapter too large for a page of its own (printed a section at a time), and one with
//! chapters and a section of more lessons directly in them than a page holds (printed in runs
//! of lessons).

mod common;
use common::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A line of a print page's contents: its href, its number (`4.2`, empty for a card or the
/// cards' heading) and its title.
#[derive(Debug, Clone)]
struct Entry {
    href: String,
    number: String,
    title: String,
}

/// The lines of `print/index.html`'s contents, with the print page each chapter's line offers
/// (单独打印) and what it says of it (`（6 篇，约 15 张）`).
fn contents(html: &str) -> Vec<(Entry, Option<(String, String)>)> {
    let start = html.find("<nav class=\"print-toc\"").expect("a contents");
    let toc = &html[start..start + html[start..].find("</nav>").unwrap()];
    let mut out = Vec::new();
    for li in toc.split("<li class=\"print-toc-d").skip(1) {
        let li = &li[..li.find("</li>").unwrap()];
        let mut anchors: Vec<(String, String)> = li
            .split("<a ")
            .skip(1)
            .map(|a| {
                let href = attr(a, "href").unwrap();
                let text = a[a.find('>').unwrap() + 1..a.find("</a>").unwrap()].to_string();
                (href, text)
            })
            .collect();
        let (href, text) = anchors.pop().unwrap();
        let part = anchors
            .pop()
            .map(|(h, t)| (h, strip_tags(&t).trim_start_matches("单独打印").to_string()));
        let number = text
            .split_once("<span class=\"print-num\">")
            .map(|(_, n)| n[..n.find('<').unwrap()].to_string())
            .unwrap_or_default();
        let title = strip_tags(&text)
            .trim_start_matches(number.as_str())
            .to_string();
        out.push((
            Entry {
                href,
                number,
                title,
            },
            part,
        ));
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let at = tag.find(&format!("{name}=\""))? + name.len() + 2;
    Some(tag[at..at + tag[at..].find('"')?].to_string())
}

fn strip_tags(s: &str) -> String {
    let mut out = String::new();
    let mut inside = false;
    for c in s.chars() {
        match c {
            '<' => inside = true,
            '>' => inside = false,
            c if !inside => out.push(c),
            _ => {}
        }
    }
    out
}

/// The pages printed on a print page: (id, number, title) of each `<section class="print-page`.
fn printed(html: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for s in html.split("<section class=\"print-page ").skip(1) {
        let id = attr(s, "id").unwrap();
        let Some(h) = s.find("<h1 class=\"print-title\">") else {
            out.push((id, String::new(), String::new()));
            continue;
        };
        let h = &s[h..h + s[h..].find("</h1>").unwrap()];
        let number = h
            .split_once("<span class=\"print-num\">")
            .map(|(_, n)| n[..n.find('<').unwrap()].to_string())
            .unwrap_or_default();
        let title = strip_tags(h)
            .trim_start_matches(number.as_str())
            .to_string();
        out.push((id, number, title));
    }
    out
}

/// The ids of a page, each once (an id twice is an error).
fn ids(html: &str) -> HashSet<String> {
    let mut ids = HashSet::new();
    let mut rest = html;
    while let Some(i) = rest.find(" id=\"") {
        rest = &rest[i + 5..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(ids.insert(percent_decode(id)), "id {id} twice");
    }
    ids
}

/// Every link of every print page resolves: a fragment to an id of the page, a path to a
/// file of the site (and its anchor to an id there); none leaves the site. Returns how many
/// links went to another print page's anchor.
fn links_resolve(site: &Path) -> usize {
    let mut cache: HashMap<PathBuf, HashSet<String>> = HashMap::new();
    let mut across = 0;
    for e in walkdir::WalkDir::new(site.join("print")) {
        let e = e.unwrap();
        if e.path().extension().is_none_or(|x| x != "html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let own = ids(&html);
        for link in links(&html) {
            let at = e.path().display();
            assert!(
                !link.starts_with('/') && !link.contains("://"),
                "{at}: {link} leaves the site"
            );
            if link.starts_with("mailto:") || link.starts_with("tel:") {
                continue;
            }
            let (path, anchor) = link.split_once('#').unwrap_or((&link, ""));
            if path.is_empty() {
                assert!(own.contains(&percent_decode(anchor)), "{at}: no #{anchor}");
                continue;
            }
            let target = e.path().parent().unwrap().join(percent_decode(path));
            assert!(target.is_file(), "{at}: {link} is no file");
            if !anchor.is_empty() && !anchor.contains('=') {
                let target = target.canonicalize().unwrap();
                across += target.starts_with(site.join("print").canonicalize().unwrap()) as usize;
                let there = cache
                    .entry(target.clone())
                    .or_insert_with(|| ids(&std::fs::read_to_string(&target).unwrap()));
                assert!(
                    there.contains(&percent_decode(anchor)),
                    "{at}: {link}: no such anchor"
                );
            }
        }
    }
    across
}

/// `(href, 见 N)` of each link followed by where it is on paper.
fn refs(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (i, _) in html.match_indices("</a><span class=\"print-ref\">（见 ") {
        let a = html[..i].rfind("<a ").unwrap();
        let href = attr(&html[a..i], "href").unwrap();
        let n = &html[i + "</a><span class=\"print-ref\">（见 ".len()..];
        out.push((href, n[..n.find('）').unwrap()].to_string()));
    }
    out
}

/// `#p12-处理要点` or `../b/index.html#p12` -> `p12`.
fn page_id(href: &str) -> Option<String> {
    let f = href.split_once('#')?.1;
    let digits = f[1..].bytes().take_while(u8::is_ascii_digit).count();
    (f.starts_with('p') && digits > 0).then(|| f[..1 + digits].to_string())
}

#[test]
fn the_bundled_book_prints_whole_on_one_page_and_each_chapter_on_its_own() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let whole = read(&site, "print/index.html");

    // Small: print/ holds the whole book (the pages in reading order: see tests/build.rs) and
    // its contents names each chapter's own print page, with how long it is.
    let book = printed(&whole);
    assert!(book.len() > 40, "{book:?}");
    assert!(whole.contains("id=\"print-rules\""));
    let lines = contents(&whole);
    // page id -> its number in the whole book.
    let numbers: HashMap<String, String> = book
        .iter()
        .map(|(id, n, _)| (id.clone(), n.clone()))
        .collect();
    let chapters: Vec<(&Entry, &(String, String))> = lines
        .iter()
        .filter_map(|(e, p)| p.as_ref().map(|p| (e, p)))
        .filter(|(e, _)| !e.number.is_empty())
        .collect();
    assert_eq!(chapters.len(), 11, "{chapters:?}");
    for (k, (e, _)) in chapters.iter().enumerate() {
        assert_eq!(e.number, (k + 1).to_string(), "{e:?}");
    }
    let trainer = chapters
        .iter()
        .find(|(e, _)| e.title == "培训师指南")
        .expect("the trainer guide is a chapter");
    assert_eq!(trainer.1 .0, "trainer/index.html");

    for (e, (href, size)) in &chapters {
        // 单独打印（4 篇，约 7 张）
        let pages: Vec<&(String, String, String)> = book
            .iter()
            .filter(|(_, n, _)| *n == e.number || n.starts_with(&format!("{}.", e.number)))
            .collect();
        assert!(
            size.contains(&format!("（{} 篇，约 ", pages.len())) && size.ends_with(" 张）"),
            "{e:?}: {size}"
        );
        // Exactly the chapter's pages, in order, numbered as in the whole book, each as it is
        // there.
        let html = read(&site, &format!("print/{href}"));
        assert_eq!(
            printed(&html),
            pages.into_iter().cloned().collect::<Vec<_>>(),
            "{href}"
        );
        assert!(!html.contains("id=\"print-rules\"") && !html.contains("class=\"print-rule\""));
        assert!(html.contains(&format!(
            "<p class=\"print-part-book\">供电服务投诉处理手册 · 第 {} 章</p>",
            e.number
        )));
        // A link to another page says where it is on paper by the whole book's numbers.
        for (to, n) in refs(&html) {
            let id = page_id(&to).unwrap_or_else(|| panic!("{href}: {to}"));
            assert_eq!(numbers[&id], n, "{href}: {to}");
        }
        // The whole book offers it under the chapter's title: 只打印这一章.
        let (id, _, _) = book.iter().find(|(_, n, _)| *n == e.number).unwrap();
        let section = &whole[whole.find(&format!("id=\"{id}\">")).unwrap()..];
        let under_title = section[section.find("</h1>").unwrap()..]
            .lines()
            .nth(1)
            .unwrap();
        assert!(
            under_title.trim_start().starts_with(&format!(
                "<a class=\"print-part-link print-chapter-link\" href=\"{href}\">只打印这一章（约 "
            )),
            "{under_title}"
        );
    }

    // Across chapters a link goes to the other chapter's print page at the anchor, and says
    // （见 8.2） after it.
    let procedure = read(&site, "print/procedure/index.html");
    let across: Vec<(String, String)> = refs(&procedure)
        .into_iter()
        .filter(|(h, _)| h.starts_with("../"))
        .collect();
    assert!(!across.is_empty());
    for (href, n) in &across {
        let (page, anchor) = href.split_once('#').unwrap();
        let there = read(&site.join("print/procedure"), page);
        assert!(
            there.contains(&format!("id=\"{}\"", percent_decode(anchor))),
            "{href}"
        );
        let chapter = n.split('.').next().unwrap();
        let (_, (other, _)) = chapters.iter().find(|(e, _)| e.number == chapter).unwrap();
        assert_eq!(format!("../{other}"), page, "{href} （见 {n}）");
    }
    // Within the chapter, a link to another of its lessons jumps within the page.
    let limits = book.iter().find(|(_, _, t)| t == "办理时限与答复").unwrap();
    assert!(procedure.contains(&format!("href=\"#{}", limits.0)));
    // Its rule cards are on the cards' print page.
    assert!(procedure.contains("href=\"../rules/index.html#r-TS-PROC-002"));

    // The cards' print page: every card, and from a card a lesson is in its chapter's page.
    let cards = read(&site, "print/rules/index.html");
    let all: Vec<String> = std::fs::read_dir(site.join("rules"))
        .unwrap()
        .map(|f| f.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with("TS-"))
        .collect();
    assert!(all.len() > 20);
    assert_eq!(
        cards.matches("<section class=\"print-rule\"").count(),
        all.len()
    );
    for id in &all {
        assert!(cards.contains(&format!("id=\"r-{id}\"")), "{id}");
    }
    assert!(cards.contains("href=\"../procedure/index.html#p"));
    assert!(printed(&cards).is_empty());
    let (_, cards_line) = lines
        .iter()
        .find(|(e, _)| e.title == "附录　规则卡")
        .unwrap();
    assert_eq!(
        cards_line.as_ref().unwrap(),
        &(
            "rules/index.html".to_string(),
            format!("（{} 条，{} 张）", all.len(), all.len())
        )
    );

    // Every print page's links resolve, many to another print page's anchors.
    assert!(links_resolve(&site) > 50);
    // Nothing but the contents and the parts.
    let mut files: Vec<String> = walkdir::WalkDir::new(site.join("print"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&site).unwrap().display().to_string())
        .collect();
    files.sort();
    assert_eq!(files.len(), chapters.len() + 2, "{files:?}");

    // A site for the frontline: the trainer guide is in no print page.
    let o = run(&root, &["build", "--audience", "frontline"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.join("print/trainer").exists());
    for e in walkdir::WalkDir::new(site.join("print")) {
        let e = e.unwrap();
        if e.file_type().is_file() {
            // (The home page still names the guide, in words: the link to it is gone.)
            let html = std::fs::read_to_string(e.path()).unwrap();
            let titles: Vec<String> = printed(&html).into_iter().map(|(_, _, t)| t).collect();
            assert!(
                !titles.iter().any(|t| t == "培训师指南") && !html.contains("trainer/"),
                "{}: {titles:?}",
                e.path().display()
            );
        }
    }
    let lines = contents(&read(&site, "print/index.html"));
    assert_eq!(
        lines
            .iter()
            .filter(|(e, p)| p.is_some() && !e.number.is_empty())
            .count(),
        10
    );
    assert!(!lines.iter().any(|(e, _)| e.title == "培训师指南"));
    links_resolve(&site);
}

/// `handbook init`'s book with three chapters more, linking to one another, a picture, and
/// `rules` cards more in three categories: 150 of 投诉办理 (with init's own card), 120 of
/// 投诉受理, and the rest of 电费.
fn large_book(rules: usize) -> (tempfile::TempDir, PathBuf) {
    let (t, root) = init_book();
    let para = "受理客户投诉时，要让客户把事情讲完，记下时间、地点、经过和要求，复述确认后再转办。"
        .repeat(3);
    let body = |extra: &str| {
        format!("{extra}\n\n## 第一节\n\n{para}\n\n## 第二节 {{#second}}\n\n{para}\n\n- 一\n- 二\n")
    };
    let pages = [
        ("chapter-a/_index.md", "甲章", "10", body("本章讲甲。")),
        (
            "chapter-a/a1.md",
            "甲一",
            "1",
            body("见[乙二的第二节](../chapter-b/b2.md#second)、[甲二](a2.md)和 [[rule:PR-PROC-001]]。\n\n![流程图](pic.png)"),
        ),
        ("chapter-a/a2.md", "甲二", "2", body("回到[甲一](a1.md#second)。")),
        ("chapter-b/_index.md", "乙章", "20", body("本章讲乙。")),
        ("chapter-b/b1.md", "乙一", "1", body("见[丙一](../chapter-c/c1.md)。")),
        ("chapter-b/b2.md", "乙二", "2", body("")),
        ("chapter-c/_index.md", "丙章", "30", body("本章讲丙。")),
        ("chapter-c/c1.md", "丙一", "1", body("见[首页](../index.md)。")),
    ];
    for (path, title, order, text) in pages {
        write(
            &root,
            &format!("content/{path}"),
            &format!("---\ntitle: {title}\norder: {order}\n---\n\n{text}"),
        );
    }
    std::fs::write(root.join("content/chapter-a/pic.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    write(
        &root,
        "content/categories.yaml",
        "- id: procedure\n  label: 投诉办理\n  description: 办理\n- id: intake\n  label: 投诉受理\n  description: 受理\n- id: billing\n  label: 电费\n  description: 电费\n",
    );
    let mut yaml = String::new();
    for n in 1..=rules {
        let (category, code, k) = match n {
            1..=149 => ("procedure", "PROC", n),
            150..=269 => ("intake", "INT", n - 149),
            _ => ("billing", "BIL", n - 269),
        };
        yaml.push_str(&format!(
            "- id: PR-{code}-{k:03}\n  title: 规则{n}\n  category: {category}\n  summary: 第{n}条规定。\n  severity: medium\n  related: [lesson:chapter-b/b1]\n"
        ));
    }
    write(&root, "content/rules/many.rules.yaml", &yaml);
    (t, root)
}

#[test]
fn a_large_book_prints_a_chapter_at_a_time_and_its_cards_by_category() {
    let (_t, root) = large_book(330);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let index = read(&site, "print/index.html");

    // print/ is the contents (and the home page): no chapter, no card on it.
    let on_it = printed(&index);
    assert_eq!(on_it.len(), 1, "{on_it:?}");
    assert!(!index.contains("class=\"print-rule\""));
    assert!(index.contains("放在一页里打开太慢，所以按章分成 "));
    let lines = contents(&index);
    let parts: Vec<(String, String, String)> = lines
        .iter()
        .filter_map(|(e, p)| {
            p.as_ref()
                .map(|(h, s)| (e.title.clone(), h.clone(), s.clone()))
        })
        .collect();
    let folders: Vec<&str> = parts.iter().map(|(_, h, _)| h.as_str()).collect();
    assert_eq!(
        folders,
        [
            "basics/index.html",
            "chapter-a/index.html",
            "chapter-b/index.html",
            "chapter-c/index.html",
            "rules/procedure/index.html",
            "rules/procedure-2/index.html",
            "rules/intake/index.html",
            "rules/intake-2/index.html",
            "rules/billing/index.html",
        ]
    );
    assert_eq!(parts[4].0, "附录　规则卡 · 投诉办理（一）");
    assert_eq!(parts[5].0, "附录　规则卡 · 投诉办理（二）");
    assert_eq!(parts[8].0, "附录　规则卡 · 电费");
    assert_eq!(parts[4].2, "（100 条，100 张）");
    assert_eq!(parts[5].2, "（50 条，50 张）");
    assert_eq!(parts[8].2, "（61 条，61 张）");
    assert!(parts[1].2.starts_with("（3 篇，约 "), "{:?}", parts[1]);
    // Each line of the contents goes to the print page holding it.
    let numbers: BTreeMap<String, String> = lines
        .iter()
        .filter(|(e, _)| !e.number.is_empty())
        .map(|(e, _)| (page_id(&e.href).unwrap(), e.number.clone()))
        .collect();
    for (e, _) in &lines {
        let (page, anchor) = e.href.split_once('#').unwrap_or((&e.href, ""));
        let html = read(&site.join("print"), page);
        assert!(
            anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")),
            "{e:?}"
        );
    }

    // A chapter's page: exactly its pages, numbered as the contents numbers them.
    let a = read(&site, "print/chapter-a/index.html");
    let pages: Vec<(String, String)> = printed(&a).into_iter().map(|(_, n, t)| (n, t)).collect();
    assert_eq!(
        pages,
        [("2", "甲章"), ("2.1", "甲一"), ("2.2", "甲二")]
            .map(|(n, t)| (n.to_string(), t.to_string()))
    );
    for (id, n, _) in printed(&a) {
        assert_eq!(numbers[&id], n);
    }
    // Within the chapter: a jump; to another chapter: its page at the anchor, and on paper
    // （见 3.2）, the whole book's number of 乙二; to a card: the cards' page of its category.
    let (a2, _, _) = printed(&a)
        .into_iter()
        .find(|(_, _, t)| t == "甲二")
        .unwrap();
    let (b2, _, _) = printed(&read(&site, "print/chapter-b/index.html"))
        .into_iter()
        .find(|(_, _, t)| t == "乙二")
        .unwrap();
    assert!(
        a.contains(&format!(
            "<a href=\"#{a2}\">甲二</a><span class=\"print-ref\">（见 2.2）</span>"
        )),
        "{a}"
    );
    assert!(
        a.contains(&format!(
            "<a href=\"../chapter-b/index.html#{b2}-second\">乙二的第二节</a><span class=\"print-ref\">（见 3.2）</span>"
        )),
        "{a}"
    );
    assert_eq!(numbers[&b2], "3.2");
    assert!(
        a.contains("href=\"../rules/procedure/index.html#r-PR-PROC-001\""),
        "{a}"
    );
    // The rest of the site one folder further up: the picture, a quiz, the home page.
    assert!(a.contains("src=\"../../chapter-a/pic.png\""), "{a}");
    let c = read(&site, "print/chapter-c/index.html");
    assert!(c.contains("href=\"../index.html#p0\""), "{c}");
    // From a card, a lesson is in its chapter's print page; the cards of a category in one
    // page of at most a hundred.
    let cards = read(&site, "print/rules/procedure-2/index.html");
    assert_eq!(cards.matches("<section class=\"print-rule\"").count(), 50);
    assert!(cards.contains("id=\"r-PR-PROC-100\"") && cards.contains("id=\"r-PR-PROC-149\""));
    assert!(
        cards.contains("href=\"../../chapter-b/index.html#p"),
        "{cards}"
    );
    let mut seen = 0;
    for (_, h, _) in parts.iter().filter(|(_, h, _)| h.starts_with("rules/")) {
        seen += read(&site.join("print"), h)
            .matches("<section class=\"print-rule\"")
            .count();
    }
    assert_eq!(seen, 331);
    assert!(links_resolve(&site) > 300);

    // Its own print pages and the way between them, on screen: 上一章 / 下一章.
    assert!(a.contains("<a href=\"../index.html\">← 打印版目录</a>"));
    assert!(a.contains("<a href=\"../chapter-b/index.html\" rel=\"next\">下一章：3 乙章</a>"));

    // `print = false`: no print pages at all.
    let toml = read(&root, "book.toml");
    let toml = if toml.contains("[output]") {
        toml.replace("[output]", "[output]\nprint = false")
    } else {
        toml + "\n[output]\nprint = false\n"
    };
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!site.join("print").exists());
}

#[test]
fn a_small_book_keeps_the_whole_book_on_one_page() {
    // The same chapters with few cards: one page for all of it, and each chapter's own.
    let (_t, root) = large_book(30);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let index = read(&site, "print/index.html");
    let titles: Vec<String> = printed(&index).into_iter().map(|(_, _, t)| t).collect();
    assert!(
        titles.len() > 8 && titles.contains(&"乙二".to_string()),
        "{titles:?}"
    );
    assert_eq!(index.matches("<section class=\"print-rule\"").count(), 31);
    assert!(index.contains("按目录顺序排在本页"));
    // Within the whole book every link to a printed page or card stays on it.
    assert!(index.contains("<a href=\"#p"));
    assert!(!index.contains("href=\"chapter-b/index.html#p"));
    assert!(site.join("print/chapter-b/index.html").is_file());
    assert!(site.join("print/rules/index.html").is_file());
    assert!(!site.join("print/rules/procedure").exists());
    links_resolve(&site);
}

#[test]
fn a_section_named_print_is_an_error_while_the_print_pages_are_on() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/print/_index.md",
        "---\ntitle: 打印须知\n---\n\n正文。\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(err.contains("`print` is used by a generated page"), "{err}");
    assert!(err.contains("print = false"), "{err}");
}

/// `large_book(30)` with a chapter more, 业务办理 (`business`), too large to print at once (about
/// 480 sheets): two lessons directly in it (one after its sections), its section 抄表 (30
/// lessons, about 140 sheets) and its section 电费 (a lesson, and sub-sections 甲 and 乙 of 35
/// lessons each: about 330 sheets, too large as well). Each lesson is a checklist of 150 items,
/// about four and a half sheets.
fn book_with_a_huge_chapter() -> (tempfile::TempDir, PathBuf) {
    let (t, root) = large_book(30);
    let items: String = (1..=150).map(|i| format!("- 核对第{i}项\n")).collect();
    let page = |path: &str, title: &str, order: usize, text: &str| {
        write(
            &root,
            &format!("content/business/{path}"),
            &format!("---\ntitle: {title}\norder: {order}\n---\n\n{text}\n"),
        );
    };
    page("_index.md", "业务办理", 40, "本章讲业务办理。");
    page(
        "first.md",
        "办理须知",
        1,
        "先看[抄表一的第二节](meter/m1.md#second)。",
    );
    page("last.md", "办理小结", 99, "回到[首页](../index.md)。");
    page("meter/_index.md", "抄表", 2, "本节讲抄表。");
    for k in 1..=30 {
        page(
            &format!("meter/m{k}.md"),
            &format!("抄表{k}"),
            k,
            &format!("## 第二节 {{#second}}\n\n{items}"),
        );
    }
    page("billing/_index.md", "电费", 3, "本节讲电费。");
    page("billing/note.md", "电费说明", 1, "见[乙一](b/b1.md)。");
    for (s, name, order) in [("a", "甲", 2), ("b", "乙", 3)] {
        page(
            &format!("billing/{s}/_index.md"),
            name,
            order,
            &format!("{name}的课。"),
        );
        for k in 1..=35 {
            let links = match (s, k) {
                ("a", 1) => "见[抄表二](../../meter/m2.md)、[乙二](../b/b2.md)、[甲二](a2.md)、[丙一](../../../chapter-c/c1.md)和[首页](../../../index.md)。\n\n![图](pic.png)\n\n",
                _ => "",
            };
            page(
                &format!("billing/{s}/{s}{k}.md"),
                &format!("{name}{k}"),
                k,
                &format!("{links}{items}"),
            );
        }
    }
    std::fs::write(
        root.join("content/business/billing/a/pic.png"),
        b"\x89PNG\r\n\x1a\n",
    )
    .unwrap();
    write(
        &root,
        "content/chapter-b/b2.md",
        "---\ntitle: 乙二\norder: 2\n---\n\n见[甲三](../business/billing/a/a3.md)。\n\n## 第二节 {#second}\n\n二。\n",
    );
    (t, root)
}

#[test]
fn a_chapter_too_large_to_print_at_once_is_printed_a_section_at_a_time() {
    let (_t, root) = book_with_a_huge_chapter();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let index = read(&site, "print/index.html");
    assert!(
        index.contains("所以按章分成 10 个打印页（太大的章再按节分开）："),
        "{index}"
    );
    let lines = contents(&index);

    // The contents offer each print page where its chapter or section starts: the chapter's
    // own (its opening and the lessons directly in it), each section's, and 电费's own and its
    // sub-sections'; the small chapters as before.
    let parts = print_pages_listed(&lines);
    let folders: Vec<(&str, &str)> = parts.iter().map(|&(n, h, _)| (n, h)).collect();
    assert_eq!(
        folders,
        [
            ("1", "basics/index.html"),
            ("2", "chapter-a/index.html"),
            ("3", "chapter-b/index.html"),
            ("4", "chapter-c/index.html"),
            ("5", "business/index.html"),
            ("5.2", "business/meter/index.html"),
            ("5.3", "business/billing/index.html"),
            ("5.3.2", "business/billing/a/index.html"),
            ("5.3.3", "business/billing/b/index.html"),
            ("", "rules/index.html"),
        ]
    );
    assert!(
        parts[4].2.starts_with("（3 篇，约 ") && parts[4].2.ends_with(" 张，不含下列各节）"),
        "{:?}",
        parts[4]
    );
    assert!(
        parts[5].2.starts_with("（31 篇，约 ") && parts[5].2.ends_with(" 张）"),
        "{:?}",
        parts[5]
    );
    assert!(
        parts[6].2.starts_with("（2 篇，约 ") && parts[6].2.ends_with("不含下列各节）"),
        "{:?}",
        parts[6]
    );
    assert!(parts[7].2.starts_with("（36 篇，约 "), "{:?}", parts[7]);
    // No print page passes the limit (the chapter as a whole does).
    for &(n, h, size) in &parts[..parts.len() - 1] {
        assert!(sheets(size) <= 300, "{n} {h}: {size}");
    }
    assert!(parts[5..9].iter().map(|p| sheets(p.2)).sum::<usize>() > 450);
    assert!(sheets(parts[7].2) + sheets(parts[8].2) > 300);

    // Every page is printed on exactly one print page, the one its contents' line goes to,
    // numbered as the contents number it.
    let on = printed_where_listed(&site, &lines);

    // The chapter's own page: its opening and both lessons directly in it (办理小结 after its
    // sections, by its number), and its contents, open, offering each section's print page.
    let own = read(&site, "print/business/index.html");
    let titles: Vec<(String, String)> = printed(&own).into_iter().map(|(_, n, t)| (n, t)).collect();
    assert_eq!(
        titles,
        [("5", "业务办理"), ("5.1", "办理须知"), ("5.4", "办理小结")]
            .map(|(n, t)| (n.to_string(), t.to_string()))
    );
    assert!(
        own.contains("<p class=\"print-part-book\">供电服务投诉处理手册 · 第 5 章</p>")
            || own.contains(" · 第 5 章</p>"),
        "{own}"
    );
    assert!(own.contains("本章共 "), "{own}");
    assert!(
        own.contains("所以按节分成 5 个打印页：本页是本章开头和不属于任何一节的篇目（3 篇，约 "),
        "{own}"
    );
    assert!(
        own.contains("<details class=\"print-part-toc\" open><summary>本章目录</summary>"),
        "{own}"
    );
    assert!(
        own.contains("<a class=\"print-part-link\" href=\"../business/meter/index.html\">单独打印"),
        "{own}"
    );
    assert!(
        own.contains(
            "<a class=\"print-part-link\" href=\"../business/billing/a/index.html\">单独打印"
        ),
        "{own}"
    );
    assert!(
        !own.contains("<a class=\"print-part-link\" href=\"../business/index.html\""),
        "{own}"
    );
    // Its contents' lines go to the print page holding each.
    let m2 = &on.iter().find(|(_, (_, n))| n == "5.2.2").unwrap().0;
    assert!(
        own.contains(&format!("href=\"../business/meter/index.html#{m2}\"")),
        "{own}"
    );
    assert!(
        own.contains("<a href=\"../chapter-c/index.html\" rel=\"prev\">上一章：4 丙章</a>"),
        "{own}"
    );
    assert!(
        own.contains("<a href=\"../business/meter/index.html\" rel=\"next\">下一节：5.2 抄表</a>"),
        "{own}"
    );

    // A section's page, two folders further down: 第 5.3.2 节, the way up, links climbing to
    // the other print pages and to the site.
    let a = read(&site, "print/business/billing/a/index.html");
    assert!(a.contains(" · 第 5.3.2 节</p>"), "{a}");
    assert!(a.contains("本节 36 篇，约 "), "{a}");
    assert!(
        a.contains(
            "<a href=\"../../../business/billing/index.html\" rel=\"up\">上一级：5.3 电费</a>"
        ),
        "{a}"
    );
    assert!(
        a.contains(
            "<a href=\"../../../business/billing/index.html\" rel=\"prev\">上一节：5.3 电费</a>"
        ),
        "{a}"
    );
    assert!(
        a.contains(
            "<a href=\"../../../business/billing/b/index.html\" rel=\"next\">下一节：5.3.3 乙</a>"
        ),
        "{a}"
    );
    assert!(
        a.contains("<a href=\"../../../index.html\">← 打印版目录</a>"),
        "{a}"
    );
    let id = |n: &str| on.iter().find(|(_, (_, m))| m == n).unwrap().0.clone();
    for (href, number) in [
        (
            format!("../../../business/meter/index.html#{}", id("5.2.2")),
            "5.2.2",
        ),
        (
            format!("../../../business/billing/b/index.html#{}", id("5.3.3.2")),
            "5.3.3.2",
        ),
        (format!("#{}", id("5.3.2.2")), "5.3.2.2"),
        (
            format!("../../../chapter-c/index.html#{}", id("4.1")),
            "4.1",
        ),
    ] {
        assert!(
            a.contains(&format!("<a href=\"{href}\">"))
                && refs(&a).contains(&(href.clone(), number.to_string())),
            "{href} （见 {number}）"
        );
    }
    assert!(a.contains("href=\"../../../index.html#p0\""), "{a}");
    assert!(
        a.contains("src=\"../../../../business/billing/a/pic.png\""),
        "{a}"
    );
    // From elsewhere, into the split chapter: its section's page at the anchor.
    let b = read(&site, "print/chapter-b/index.html");
    assert!(
        refs(&b).contains(&(
            format!("../business/billing/a/index.html#{}", id("5.3.2.3")),
            "5.3.2.3".to_string()
        )),
        "{b}"
    );
    let first = read(&site, "print/business/index.html");
    assert!(refs(&first).contains(&(
        format!("../business/meter/index.html#{}-second", id("5.2.1")),
        "5.2.1".to_string()
    )));
    assert!(links_resolve(&site) > 30);

    // Nothing but the contents and the print pages it lists.
    assert_only_listed_print_pages(&site, &parts);
}

/// Each page printed on the print pages under `site/print`: its id -> (the print page's path
/// under `print/`, its number there); a page on two print pages is an error.
fn print_places(site: &Path) -> HashMap<String, (String, String)> {
    let mut on: HashMap<String, (String, String)> = HashMap::new();
    for e in walkdir::WalkDir::new(site.join("print")) {
        let e = e.unwrap();
        if !e.file_type().is_file() || e.path().file_name().unwrap() != "index.html" {
            continue;
        }
        let rel = e.path().strip_prefix(site.join("print")).unwrap();
        let rel = rel.to_string_lossy().replace('\\', "/");
        let html = std::fs::read_to_string(e.path()).unwrap();
        for (id, number, _) in printed(&html) {
            let again = on.insert(id.clone(), (rel.clone(), number));
            assert!(again.is_none(), "{id} on {again:?} and {rel}");
        }
    }
    on
}

/// The print pages the contents offer (`单独打印`): each line's (number, the page's path under
/// `print/`, its size as the contents give it).
fn print_pages_listed(lines: &[(Entry, Option<(String, String)>)]) -> Vec<(&str, &str, &str)> {
    lines
        .iter()
        .filter_map(|(e, p)| {
            p.as_ref()
                .map(|(h, s)| (e.number.as_str(), h.as_str(), s.as_str()))
        })
        .collect()
}

/// The sheets a size of the contents gives (`（3 篇，约 12 张）` -> 12).
fn sheets(size: &str) -> usize {
    let s = &size[size.find("约 ").unwrap() + "约 ".len()..];
    s[..s.find(' ').unwrap()].parse().unwrap()
}

/// `site/print` holds nothing but the contents and the print pages they list.
fn assert_only_listed_print_pages(site: &Path, parts: &[(&str, &str, &str)]) {
    let mut listed: Vec<String> = parts
        .iter()
        .map(|p| p.1.to_string())
        .chain(["index.html".to_string()])
        .collect();
    listed.sort();
    assert_eq!(print_files(site), listed);
}

/// [`print_places`], checked against the contents' `lines`: the home page and every numbered
/// line printed once, on the print page its line goes to, under its number.
fn printed_where_listed(
    site: &Path,
    lines: &[(Entry, Option<(String, String)>)],
) -> HashMap<String, (String, String)> {
    let on = print_places(site);
    let numbered: Vec<&Entry> = lines
        .iter()
        .map(|(e, _)| e)
        .filter(|e| !e.number.is_empty())
        .collect();
    assert_eq!(
        on.len(),
        numbered.len() + 1,
        "the home page and every numbered line"
    );
    for e in numbered {
        let (page, anchor) = e.href.split_once('#').unwrap();
        assert_eq!(on[anchor], (page.to_string(), e.number.clone()), "{e:?}");
    }
    on
}

/// The files under `site/print`, by their path there.
fn print_files(site: &Path) -> Vec<String> {
    let mut files: Vec<String> = walkdir::WalkDir::new(site.join("print"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            e.path()
                .strip_prefix(site.join("print"))
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

/// `large_book(30)` with two chapters more, each with lessons too many to print at once:
/// 柜台业务 (`counter`), a folder of 120 lessons and no sections (about 580 sheets, and its
/// 50th lesson alone about 340), and 业务办理 (`business`), 70 lessons directly in it (about 340
/// sheets), then its section 抄表 of 80 lessons and no sub-sections (about 390), a small section
/// in a folder named `2`, and a lesson after its sections. Each lesson is a checklist of 150
/// items, about five sheets.
fn book_with_huge_flat_chapters() -> (tempfile::TempDir, PathBuf) {
    let (t, root) = large_book(30);
    let items = |n: usize| -> String { (1..=n).map(|i| format!("- 核对第{i}项\n")).collect() };
    let checklist = items(150);
    let page = |path: &str, title: &str, order: usize, text: &str| {
        write(
            &root,
            &format!("content/{path}"),
            &format!("---\ntitle: {title}\norder: {order}\n---\n\n{text}\n"),
        );
    };
    page("counter/_index.md", "柜台业务", 40, "本章讲柜台业务。");
    for k in 1..=120 {
        let text = match k {
            1 => format!(
                "见[柜台九十的第二节](c90.md#second)、[丙一](../chapter-c/c1.md)和[首页](../index.md)。\n\n{checklist}"
            ),
            50 => items(11_000),
            90 => format!("## 第二节 {{#second}}\n\n{checklist}"),
            _ => checklist.clone(),
        };
        page(&format!("counter/c{k}.md"), &format!("柜台{k}"), k, &text);
    }
    page("business/_index.md", "业务办理", 50, "本章讲业务办理。");
    for k in 1..=70 {
        let text = match k {
            1 => format!("见[抄表八十](meter/m80.md)和[柜台二](../counter/c2.md)。\n\n{checklist}"),
            _ => checklist.clone(),
        };
        page(&format!("business/l{k}.md"), &format!("办理{k}"), k, &text);
    }
    page("business/meter/_index.md", "抄表", 71, "本节讲抄表。");
    for k in 1..=80 {
        let text = match k {
            80 => format!("回到[办理一](../l1.md)。\n\n{checklist}"),
            _ => checklist.clone(),
        };
        page(
            &format!("business/meter/m{k}.md"),
            &format!("抄表{k}"),
            k,
            &text,
        );
    }
    page("business/2/_index.md", "二号", 72, "小节。");
    page(
        "business/2/x.md",
        "二号一",
        1,
        "见[抄表一](../meter/m1.md)。",
    );
    page(
        "business/last.md",
        "办理小结",
        99,
        "见[柜台一百](../counter/c100.md)。",
    );
    write(
        &root,
        "content/chapter-b/b2.md",
        "---\ntitle: 乙二\norder: 2\n---\n\n见[柜台三](../counter/c3.md)。\n\n## 第二节 {#second}\n\n二。\n",
    );
    (t, root)
}

#[test]
fn lessons_too_many_to_print_at_once_are_printed_in_runs() {
    let (_t, root) = book_with_huge_flat_chapters();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let index = read(&site, "print/index.html");
    assert!(
        index.contains("（太大的章再按节、按篇数分开）：点目录里的“单独打印”打开一章、一节或其中一部分再打印。"),
        "{index}"
    );
    let lines = contents(&index);
    let parts = print_pages_listed(&lines);
    let folders: Vec<(&str, &str)> = parts.iter().map(|&(n, h, _)| (n, h)).collect();
    // The runs' first lessons: 柜台五十 alone (larger than a page), and the runs around it as
    // even as they can be; 业务办理's runs named part1 ... (its section `2` has the name 2).
    assert_eq!(
        folders,
        [
            ("1", "basics/index.html"),
            ("2", "chapter-a/index.html"),
            ("3", "chapter-b/index.html"),
            ("4", "chapter-c/index.html"),
            ("5", "counter/index.html"),
            ("5.1", "counter/1/index.html"),
            ("5.50", "counter/2/index.html"),
            ("5.51", "counter/3/index.html"),
            ("5.86", "counter/4/index.html"),
            ("6", "business/index.html"),
            ("6.1", "business/part1/index.html"),
            ("6.36", "business/part2/index.html"),
            ("6.71", "business/meter/index.html"),
            ("6.71.1", "business/meter/1/index.html"),
            ("6.71.41", "business/meter/2/index.html"),
            ("6.72", "business/2/index.html"),
            ("6.73", "business/part3/index.html"),
            ("", "rules/index.html"),
        ]
    );
    let size = |h: &str| parts.iter().find(|p| p.1 == h).unwrap().2;
    assert_eq!(
        size("counter/index.html"),
        "（1 篇，约 1 张，不含下列各部分）"
    );
    assert_eq!(
        size("business/index.html"),
        "（1 篇，约 1 张，不含下列各节和各部分）"
    );
    assert_eq!(
        size("business/meter/index.html"),
        "（1 篇，约 1 张，不含下列各部分）"
    );
    assert!(size("counter/1/index.html").starts_with("（第 1 部分：5.1–5.49，49 篇，约 "));
    assert!(size("counter/2/index.html").starts_with("（第 2 部分：5.50，1 篇，约 "));
    assert!(size("counter/4/index.html").starts_with("（第 4 部分：5.86–5.120，35 篇，约 "));
    assert!(size("business/part3/index.html").starts_with("（第 3 部分：6.73，1 篇，约 "));
    assert!(
        size("business/meter/2/index.html").starts_with("（第 2 部分：6.71.41–6.71.80，40 篇，约 ")
    );
    // No print page passes the limit but the lesson that alone does; the runs are even.
    for &(n, h, size) in &parts[..parts.len() - 1] {
        if h == "counter/2/index.html" {
            assert!(sheets(size) > 300, "{size}");
        } else {
            assert!(sheets(size) <= 300, "{n} {h}: {size}");
        }
    }
    let (c3, c4) = (
        sheets(size("counter/3/index.html")),
        sheets(size("counter/4/index.html")),
    );
    assert!(c3.abs_diff(c4) < 10 && c3 + c4 > 300, "{c3} {c4}");

    // Every page is printed on exactly one print page, the one its contents' line goes to,
    // numbered as the contents number it; read in the contents' order, the print pages hold
    // the book in reading order (the runs never go past a section).
    let on = printed_where_listed(&site, &lines);
    let mut read_in_order: Vec<String> = Vec::new();
    for &(_, h, _) in &parts {
        read_in_order.extend(
            printed(&read(&site.join("print"), h))
                .into_iter()
                .map(|p| p.0),
        );
    }
    let reading: Vec<String> = (1..on.len()).map(|n| format!("p{n}")).collect();
    assert_eq!(read_in_order, reading);
    // And the way from one print page to the next (下一章 / 下一节 / 下一部分) goes the same
    // way, each page's way up to the chapter or section it is a part of.
    for w in parts.windows(2) {
        let (here, there) = (w[0].1, w[1].1);
        let html = read(&site.join("print"), here);
        let next = html[..html.find("\" rel=\"next\"").unwrap()]
            .rsplit("href=\"")
            .next()
            .unwrap();
        let from = format!("{}/{next}", &here[..here.rfind('/').unwrap()]);
        let mut at: Vec<&str> = Vec::new();
        for c in from.split('/') {
            match c {
                ".." => drop(at.pop()),
                c => at.push(c),
            }
        }
        assert_eq!(at.join("/"), there, "{here}");
    }

    // The chapter's page: its opening only, and its contents, open, offering each run.
    let counter = read(&site, "print/counter/index.html");
    let titles: Vec<(String, String)> = printed(&counter)
        .into_iter()
        .map(|(_, n, t)| (n, t))
        .collect();
    assert_eq!(titles, [("5".to_string(), "柜台业务".to_string())]);
    assert!(counter.contains(" · 第 5 章</p>"), "{counter}");
    assert!(
        counter.contains("本章共 121 篇，约 ")
            && counter.contains(" 张 A4 纸，放在一页里打开太慢，所以分成 5 个打印页：本页是本章开头（1 篇，约 1 张），篇目按顺序分成 4 个部分，点下面目录里的“单独打印”。"),
        "{counter}"
    );
    assert!(
        counter.contains("<details class=\"print-part-toc\" open><summary>本章目录</summary>"),
        "{counter}"
    );
    for k in 1..=4 {
        assert!(
            counter.contains(&format!(
                "<a class=\"print-part-link\" href=\"../counter/{k}/index.html\">单独打印<span class=\"print-part-size\">（第 {k} 部分："
            )),
            "{counter}"
        );
    }
    assert!(
        counter.contains(
            "<a href=\"../counter/1/index.html\" rel=\"next\">下一部分：5 柜台业务 · 第 1 部分</a>"
        ),
        "{counter}"
    );
    // 业务办理's: the sections' pages and the runs of its lessons, each where it stands.
    let business = read(&site, "print/business/index.html");
    assert_eq!(printed(&business).len(), 1);
    assert!(
        business.contains("所以按节和篇数分成 8 个打印页：本页是本章开头（1 篇，约 1 张），各节和不属于任何一节的篇目（按顺序分成 3 个部分）点下面目录里的“单独打印”。"),
        "{business}"
    );
    let meter = read(&site, "print/business/meter/index.html");
    assert!(meter.contains(" · 第 6.71 节</p>"), "{meter}");
    assert!(
        meter.contains("本节共 81 篇，约 ")
            && meter.contains(
                "所以分成 3 个打印页：本页是本节开头（1 篇，约 1 张），篇目按顺序分成 2 个部分，"
            ),
        "{meter}"
    );
    assert!(meter.contains("<summary>本节目录</summary>"), "{meter}");

    // A run's page: 第 N 部分 of its chapter or section, never a chapter or section itself.
    let run2 = read(&site, "print/counter/2/index.html");
    assert_eq!(
        printed(&run2)
            .into_iter()
            .map(|(_, n, t)| (n, t))
            .collect::<Vec<_>>(),
        [("5.50".to_string(), "柜台50".to_string())]
    );
    assert!(
        run2.contains(" · 第 5 章 · 第 2 部分（共 4 部分）</p>"),
        "{run2}"
    );
    assert!(run2.contains("本部分 1 篇（5.50 柜台50），约 "), "{run2}");
    assert!(
        run2.contains("<title>5 柜台业务 · 第 2 部分（打印版）"),
        "{run2}"
    );
    for (rel, title) in [
        ("up", "上一级：5 柜台业务"),
        ("prev", "上一部分：5 柜台业务 · 第 1 部分"),
        ("next", "下一部分：5 柜台业务 · 第 3 部分"),
    ] {
        assert!(
            run2.contains(&format!("rel=\"{rel}\">{title}</a>")),
            "{rel}: {run2}"
        );
    }
    assert!(
        run2.contains("<a href=\"../../index.html\">← 打印版目录</a>"),
        "{run2}"
    );
    let run4 = read(&site, "print/counter/4/index.html");
    assert!(
        run4.contains("本部分 35 篇（5.86 柜台86 至 5.120 柜台120），约 "),
        "{run4}"
    );
    assert!(run4.contains("<summary>本部分目录</summary>"), "{run4}");
    assert!(
        run4.contains("<a href=\"../../business/index.html\" rel=\"next\">下一章：6 业务办理</a>"),
        "{run4}"
    );
    let meter1 = read(&site, "print/business/meter/1/index.html");
    assert!(
        meter1.contains(" · 第 6.71 节 · 第 1 部分（共 2 部分）</p>"),
        "{meter1}"
    );
    assert!(
        meter1.contains(
            "<a href=\"../../../business/meter/index.html\" rel=\"up\">上一级：6.71 抄表</a>"
        ),
        "{meter1}"
    );
    let part3 = read(&site, "print/business/part3/index.html");
    assert!(
        part3.contains("rel=\"prev\">上一节：6.72 二号</a>"),
        "{part3}"
    );
    // No print page's own words call a section or a run a chapter (章 is only ever a
    // chapter's: 第 5 章, 本章 on a chapter's page, 下一章 to one).
    for (n, h, _) in &parts[..parts.len() - 1] {
        let html = read(&site.join("print"), h);
        let head = &html[html.find("<header class=\"print-part-head").unwrap()..];
        let head = &head[..head
            .find("<details")
            .unwrap_or(head.find("</header>").unwrap())];
        let words = strip_tags(head);
        let chapter = !n.contains('.') && h.matches('/').count() == 1;
        if !chapter {
            assert!(
                !words.contains("本章") && !words.contains("本章目录"),
                "{h}: {words}"
            );
        }
        for found in words.match_indices("第 ") {
            let at = &words[found.0 + "第 ".len()..];
            let number = &at[..at.find(' ').unwrap()];
            let unit = at[number.len() + 1..].chars().next().unwrap();
            match unit {
                '章' => assert!(!number.contains('.'), "{h}: {words}"),
                '节' => assert!(number.contains('.'), "{h}: {words}"),
                _ => assert_eq!(unit, '部', "{h}: {words}"),
            }
        }
    }

    // Links: within a run a jump, to another run or chapter its page at the anchor, and on
    // paper （见 5.90） by the whole book's numbers.
    let id = |n: &str| on.iter().find(|(_, (_, m))| m == n).unwrap().0.clone();
    let run1 = read(&site, "print/counter/1/index.html");
    assert!(
        refs(&run1).contains(&(
            format!("../../counter/4/index.html#{}-second", id("5.90")),
            "5.90".to_string()
        )) && refs(&run1).contains(&(
            format!("../../chapter-c/index.html#{}", id("4.1")),
            "4.1".to_string()
        )),
        "{run1}"
    );
    assert!(run1.contains("href=\"../../index.html#p0\""), "{run1}");
    for e in walkdir::WalkDir::new(site.join("print")) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        for (to, n) in refs(&html) {
            let target = page_id(&to).unwrap_or_else(|| panic!("{}: {to}", e.path().display()));
            assert_eq!(on[&target].1, n, "{}: {to}", e.path().display());
        }
    }
    let b = read(&site, "print/chapter-b/index.html");
    assert!(
        refs(&b).contains(&(
            format!("../counter/1/index.html#{}", id("5.3")),
            "5.3".to_string()
        )),
        "{b}"
    );
    assert!(links_resolve(&site) > 30);

    // Nothing but the contents and the print pages it lists.
    assert_only_listed_print_pages(&site, &parts);
}

#[test]
fn a_print_html_made_before_sections_and_parts_were_printed_apart_is_warned_about() {
    // Made when chapters were printed whole: it reads `part` (the chapter's page) but not
    // `part.unit` / `part.run`, so a section's or a run's print page would call itself a chapter.
    let old = "{% extends \"base.html\" %}{% block content %}{% if part %}<h1>{{ part.number }} {{ part.title }}</h1>{% endif %}{% for p in pages %}{{ p.content | safe }}{% endfor %}{% endblock %}";
    let (_t, root) = book_with_a_huge_chapter();
    write(&root, "templates/print.html", old);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    let warned: Vec<&str> = err
        .lines()
        .filter(|l| l.contains("never reads `part.unit`"))
        .collect();
    assert_eq!(warned.len(), 1, "{err}");
    assert!(
        warned[0].starts_with("warning: templates/print.html:1:1:"),
        "{err}"
    );
    assert!(warned[0].contains("their 4 print pages"), "{err}");
    // The theme's own print.html, changed a little: no warning.
    let theirs = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("themes/default/templates/print.html"),
    )
    .unwrap();
    write(
        &root,
        "templates/print.html",
        &theirs.replace("打印版", "打印本"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("part.unit"), "{}", stderr(&o));
    // A book whose chapters all print whole: the old template fits it, nothing to say.
    let (_t, root) = large_book(30);
    write(&root, "templates/print.html", old);
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("part.unit"), "{}", stderr(&o));
}
