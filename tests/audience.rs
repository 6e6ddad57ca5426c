//! `[build] audience` / `--audience`: a build for some readers leaves out the pages written
//! only for others (a frontline hall's site without the trainer guide), and what links to them
//! keeps its words without the link.

mod common;
use common::*;
use std::path::Path;

/// `handbook init`'s book with a trainer-only section (a page, a picture, a scoring sheet), a
/// trainer-only page in a section for everyone, and everything that can name them: links of
/// each kind, a rule's `related`, a course item.
fn book_with_trainer_pages() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/trainer/_index.md",
        "---\ntitle: 培训师指南\naudience: [trainer]\n---\n\n写给培训师。\n",
    );
    write(
        &root,
        "content/trainer/grading.md",
        "---\ntitle: 评分办法\n---\n\n## 评分细则\n\n情景演练的评分细则：独有词语甲乙丙丁。\n\n![评分表](sheet.png)\n",
    );
    std::fs::write(root.join("content/trainer/sheet.png"), b"\x89PNG\r\n\x1a\n").unwrap();
    std::fs::write(root.join("content/trainer/评分表.docx"), b"PK\x03\x04").unwrap();
    write(
        &root,
        "content/basics/coach-notes.md",
        "---\ntitle: 带教要点\naudience: [trainer]\n---\n\n带教时的要点：独有词语戊己庚辛。\n",
    );
    write(
        &root,
        "content/basics/for-all.md",
        "---\ntitle: 大家都看\naudience: [frontline, trainer]\n---\n\n\
         见[评分办法](../trainer/grading.md#评分细则)和 [[lesson:basics/coach-notes]]，\
         也可以下载[评分表](../trainer/评分表.docx)。\n\n\
         ![评分表的样子](../trainer/sheet.png)\n\n[第一课](first-lesson.md)照常链接。\n",
    );
    write(
        &root,
        "content/course.yaml",
        "id: onboarding\ntitle: 入职课程\nmodules:\n  - id: one\n    title: 第一单元\n    items:\n      - lesson: basics/first-lesson\n      - lesson: basics/coach-notes\n  - id: two\n    title: 第二单元：带教\n    estimate: 30\n    items:\n      - lesson: trainer/grading\n",
    );
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "related: [lesson:basics/first-lesson]",
        "related: [lesson:basics/first-lesson, lesson:trainer/grading]",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    (t, root)
}

/// Every file of the built site, as text, with its path.
fn site_text(dest: &Path) -> Vec<(String, String)> {
    walkdir::WalkDir::new(dest)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dest).unwrap().display().to_string();
            (
                rel,
                String::from_utf8_lossy(&std::fs::read(e.path()).unwrap()).into_owned(),
            )
        })
        .collect()
}

#[test]
fn a_build_for_frontline_leaves_out_trainer_pages_and_keeps_the_words_of_links_to_them() {
    let (t, root) = book_with_trainer_pages();
    // Everything first: the book checks clean and every page is there.
    let all = t.path().join("all");
    let o = run(&root, &["build", "--dest", all.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(all.join("trainer/grading/index.html").is_file());
    assert!(all.join("basics/coach-notes/index.html").is_file());
    assert!(all.join("trainer/评分表.docx").is_file());
    assert!(!stdout(&o).contains("left out"), "{}", stdout(&o));

    let dest = t.path().join("halls");
    let o = build_for(&root, "frontline,new-staff", &dest);
    let said = stdout(&o) + &stderr(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    assert!(
        said.contains("(3 pages for other readers left out)"),
        "{said}"
    );
    // The section, its page, its files and the trainer-only page are not published.
    assert!(!dest.join("trainer").exists());
    assert!(!dest.join("basics/coach-notes").exists());
    assert!(dest.join("basics/for-all/index.html").is_file());
    for (file, text) in site_text(&dest) {
        // (The page that links to them keeps the links' words, the titles, in its text and
        // its search entries.)
        let linking = ["basics/for-all/", "search/", "print/"]
            .iter()
            .any(|f| file.starts_with(f));
        for secret in [
            "独有词语甲乙丙丁",
            "独有词语戊己庚辛",
            "评分办法",
            "带教要点",
        ] {
            if linking && ["评分办法", "带教要点"].contains(&secret) {
                continue;
            }
            assert!(!text.contains(secret), "{file} mentions {secret}");
        }
        assert!(!text.contains("trainer/"), "{file} links into trainer/");
        assert!(!text.contains("coach-notes"), "{file} names coach-notes");
    }
    // The links' words stay, without a link; a wiki link without words shows the title; a
    // picture gives its description; the link to a page kept is a link.
    let page = read(&dest, "basics/for-all/index.html");
    assert!(page.contains("见评分办法和 带教要点，"), "{page}");
    assert!(page.contains("也可以下载评分表。"), "{page}");
    assert!(page.contains("评分表的样子"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(
        page.contains("href=\"../../basics/first-lesson/index.html\""),
        "{page}"
    );
    // The course and the rule's related list go on without them.
    let course = read(&dest, "course/index.html");
    assert!(course.contains("first-lesson"), "{course}");
    // (A module whose every item is left out goes with them.)
    assert!(read(&all, "course/index.html").contains("第二单元"));
    assert!(!course.contains("第二单元"), "{course}");
    assert!(!read(&dest, "nav.js").contains("第二单元"));
    // The same build from book.toml, with a Chinese word for a reader group.
    let toml = read(&root, "book.toml")
        .replace("[build]", "[build]\naudience = [\"一线人员\", \"新员工\"]");
    assert!(
        toml.contains("audience"),
        "book.toml has a [build] table: {toml}"
    );
    write(&root, "book.toml", &toml);
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("3 pages for other readers left out"),
        "{}",
        stdout(&o)
    );
    assert!(!dest.join("trainer").exists());
    // `check` covers every page all the same (a trainer-only page's mistake is found), unless
    // told the readers.
    let grading = read(&root, "content/trainer/grading.md");
    write(
        &root,
        "content/trainer/grading.md",
        &(grading.clone() + "\n[断链](nope.md)\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("content/trainer/grading.md:11:1: link to a missing page"),
        "{}",
        stderr(&o)
    );
    assert!(!stdout(&o).contains("left out"), "{}", stdout(&o));
    write(&root, "content/trainer/grading.md", &grading);
    let o = run(&root, &["check", "--audience", "frontline,new-staff"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("3 pages for other readers left out"),
        "{}",
        stdout(&o)
    );
    // `--audience all` builds every page whatever book.toml says.
    let o = build_for(&root, "all", &dest);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(dest.join("trainer/grading/index.html").is_file());
    assert!(!stdout(&o).contains("left out"), "{}", stdout(&o));
}

#[test]
fn a_reader_group_that_does_not_exist_is_an_error_at_its_place() {
    let (_t, root) = book_with_trainer_pages();
    let toml = read(&root, "book.toml")
        .replace("[build]", "[build]\naudience = [\"frontline\", \"学员\"]");
    write(&root, "book.toml", &toml);
    let line = toml
        .lines()
        .position(|l| l.starts_with("audience"))
        .unwrap()
        + 1;
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains(&format!(
            "book.toml:{line}:26: `学员` is not a reader group a page's `audience` can name"
        )),
        "{err}"
    );
    assert!(err.contains("\"new-staff\" (新员工)"), "{err}");
    // On the command line: said before anything is read, exit 2 as for clap's own slips.
    let o = run(&root, &["build", "--audience", "frontline,everyone"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("--audience: `everyone` is not a reader group"),
        "{}",
        stderr(&o)
    );
}

/// `handbook init`'s book with a lesson holding a part for trainers (`::: 培训师` … `:::`, a
/// heading in it) and one for new staff and trainers, linked to from another page and from a
/// rule's `related` by the trainers' section.
fn book_with_trainer_parts() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/basics/mixed.md",
        "---\ntitle: 接听要点\n---\n\n## 开场\n\n先报工号：人人都看的话。\n\n\
         ::: 培训师\n## 讲解要点\n\n### 结束\n\n演练时的独有词语甲乙丙丁。[评分表](评分表.docx)、\
         <a href=\"%E8%AE%B2%E4%B9%89%E4%B8%80.pdf\">讲义</a>、![图](共用图.png)\n\n- 要点一\n- 要点二\n:::\n\n\
         ::: 新员工 培训师\n练习：独有词语戊己庚辛。\n:::\n\n## 结束\n\n道别。![图](共用图.png)\n",
    );
    // Files the trainers' part links to: two only it links, one the page's other text shows too.
    for file in ["评分表.docx", "讲义一.pdf", "共用图.png"] {
        write(&root, &format!("content/basics/{file}"), "文件");
    }
    write(
        &root,
        "content/basics/pointer.md",
        "---\ntitle: 指路\n---\n\n见[讲解要点](mixed.md#讲解要点)、[开场](mixed.md#开场)和[结束](mixed.md#结束-1)。\n",
    );
    let rule = read(&root, "content/rules/example.rule.yaml").replace(
        "related: [lesson:basics/first-lesson]",
        "related: [lesson:basics/first-lesson, lesson:basics/mixed#讲解要点]",
    );
    write(&root, "content/rules/example.rule.yaml", &rule);
    (t, root)
}

#[test]
fn a_part_of_a_page_for_trainers_is_marked_for_everyone_and_left_out_for_the_halls() {
    let (t, root) = book_with_trainer_parts();
    let all = t.path().join("all");
    let o = run(&root, &["build", "--dest", all.to_str().unwrap()]);
    let said = stdout(&o) + &stderr(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    let page = read(&all, "basics/mixed/index.html");
    for file in ["评分表.docx", "讲义一.pdf", "共用图.png"] {
        assert!(all.join("basics").join(file).exists(), "{file}");
    }
    // Marked by whom it is for, the `:::` lines gone, its Markdown rendered.
    assert!(
        page.contains("<div class=\"readers-part\" id=\"开场-培训师\" data-readers=\"trainer\" role=\"note\" aria-label=\"仅供培训师\">\n<h2"),
        "{page}"
    );
    assert!(page.contains("<li>要点二</li>\n</ul>\n</div>"), "{page}");
    // (Each part has an id, its section's and its readers', for a search result to lead to.)
    assert!(
        page.contains("id=\"结束-新员工-培训师\" data-readers=\"new-staff trainer\" role=\"note\" aria-label=\"仅供新员工、培训师\">\n<p>练习"),
        "{page}"
    );
    assert!(!page.contains(":::"), "{page}");
    assert!(
        page.contains("href=\"#讲解要点\""),
        "the contents list it: {page}"
    );

    let dest = t.path().join("halls");
    let o = build_for(&root, "frontline", &dest);
    let said = stdout(&o) + &stderr(&o);
    assert!(o.status.success(), "{said}");
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    assert!(
        said.contains("(1 page and 2 parts of pages for other readers left out)"),
        "{said}"
    );
    for (file, text) in site_text(&dest) {
        for secret in ["独有词语甲乙丙丁", "独有词语戊己庚辛", "readers-part\""] {
            assert!(!text.contains(secret), "{file} mentions {secret}");
        }
    }
    let page = read(&dest, "basics/mixed/index.html");
    assert!(!page.contains("讲解要点"), "{page}");
    // The files only the trainers' part links to are not published; the one kept text shows is.
    assert!(!dest.join("basics/评分表.docx").exists());
    assert!(!dest.join("basics/讲义一.pdf").exists());
    assert!(dest.join("basics/共用图.png").exists());
    // The rule card's related lesson is the page, with no section named.
    let card = read(&dest, "rules/EX-PROC-001/index.html");
    assert!(!card.contains("讲解要点"), "{card}");
    assert!(card.contains("接听要点"), "{card}");
    assert!(
        page.contains("人人都看的话") && page.contains("道别"),
        "{page}"
    );
    // A link to its section leads to the page; one to a section kept keeps its anchor.
    let pointer = read(&dest, "basics/pointer/index.html");
    assert!(
        pointer.contains("href=\"../../basics/mixed/index.html\">讲解要点</a>"),
        "{pointer}"
    );
    assert!(
        pointer.contains("href=\"../../basics/mixed/index.html#%E5%BC%80%E5%9C%BA\">开场</a>"),
        "{pointer}"
    );
    // The page's second 结束 (its first was in the trainers' part) keeps its id `结束-1`.
    assert!(page.contains("<h2 id=\"结束-1\""), "{page}");
    assert!(
        pointer.contains("index.html#%E7%BB%93%E6%9D%9F-1\">结束</a>"),
        "{pointer}"
    );
    // For new staff: their part stays, the trainers' goes.
    let o = build_for(&root, "new-staff", &dest);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("(1 part of a page for other readers left out)"),
        "{}",
        stdout(&o)
    );
    let page = read(&dest, "basics/mixed/index.html");
    assert!(page.contains("独有词语戊己庚辛"), "{page}");
    assert!(!page.contains("独有词语甲乙丙丁"), "{page}");
}

#[test]
fn mistakes_in_the_lines_of_a_part_are_errors_at_their_place() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/slips.md",
        "---\ntitle: 写错了\n---\n\n::: tip\n提示文字\n:::\n\n::: 培训师\n没有结束\n",
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("content/basics/slips.md:5:5: `tip` names no reader group"),
        "{err}"
    );
    assert!(err.contains("> [!TIP]"), "{err}");
    assert!(
        err.contains("content/basics/slips.md:9:1: this part for 培训师 is never closed"),
        "{err}"
    );
}
