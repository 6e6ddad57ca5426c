//! `handbook import mdbook OLD`: an mdBook made into a new handbook, built and checked.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// A small mdBook of the kind a training department keeps: a README, a part title, a folder
/// chapter with a README, a chapter `x.md` with its sub-chapters in `x/`, a chapter whose
/// sub-chapter sits beside it (mdBook's default, flat), a draft chapter, a suffix chapter, an
/// include, a picture, links between them (one to a `.html` address, one to a heading whose
/// mdBook id is not handbook's), a file SUMMARY.md does not list, and book.toml tables handbook
/// has no counterpart for.
fn mdbook() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("旧教材");
    let files: &[(&str, &str)] = &[
        (
            "book.toml",
            "[book]\ntitle = \"投诉处理教材\"\nauthors = [\"客服中心\", \"培训组\"]\ndescription = \"旧版教材\"\nlanguage = \"zh-CN\"\nsrc = \"src\"\n\n[output.html]\nadditional-css = [\"theme/extra.css\"]\ngit-repository-url = \"https://example.com/book\"\n\n[preprocessor.katex]\n",
        ),
        ("theme/extra.css", ".content { font-size: 18px; }\n"),
        (
            "src/SUMMARY.md",
            "# Summary\n\n[前言](README.md)\n\n# 第一部分\n\n- [受理](intake/README.md)\n  - [电话受理](intake/phone.md)\n  - [营业厅受理](intake/counter.md)\n- [回访](closing.md)\n  - [回访时限](closing/revisit.md)\n- [升级](escalation.md)\n  - [找领导的客户](escalation-leader.md)\n  - [待写的一节]()\n\n---\n\n[附录](appendix.md)\n",
        ),
        ("src/README.md", "# 前言\n\n先读[受理](intake/README.md)，再读[升级](escalation.html)。\n"),
        ("src/intake/README.md", "# 受理\n\n受理分电话和营业厅两种。\n"),
        (
            "src/intake/phone.md",
            "# 电话受理\n\n{{#include ../_snippets/opening.md}}\n\n![流程](../images/flow.png)\n\n回访见[时限](../closing/revisit.md#第-1-步受理_登记)。\n",
        ),
        ("src/intake/counter.md", "# 营业厅受理\n\n当面受理。\n"),
        ("src/_snippets/opening.md", "您好，很高兴为您服务。\n"),
        ("src/images/flow.png", "PNG"),
        ("src/closing.md", "# 回访\n\n回访的要求。[回到前言](README.md)\n"),
        (
            "src/closing/revisit.md",
            "# 回访时限\n\n## 第 1 步：受理_登记\n\n当天登记。\n\n## 时限\n\n三天内回访，见[升级](../escalation-leader.md)。\n",
        ),
        ("src/escalation.md", "# 升级\n\n何时升级。\n"),
        ("src/escalation-leader.md", "客户要求找领导时，先致歉。\n\n![流程](images/flow.png)\n"),
        ("src/appendix.md", "# 附录\n\n术语。\n"),
        ("src/notes.md", "# 编写笔记\n\n不发布。\n"),
    ];
    for (rel, text) in files {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    (t, old)
}

fn import(root: &Path, old: &Path) -> std::process::Output {
    run(root, &["import", "mdbook", old.to_str().unwrap()])
}

/// The `order:` in a page's front matter.
fn order(root: &Path, rel: &str) -> u32 {
    let text = read(root, rel);
    let line = text
        .lines()
        .find_map(|l| l.strip_prefix("order: "))
        .unwrap_or_else(|| panic!("{rel} has no order:\n{text}"));
    line.trim().parse().unwrap()
}

#[test]
fn an_mdbook_becomes_a_handbook_that_builds_clean_with_its_order_and_old_addresses() {
    let (t, old) = mdbook();
    let root = t.path().join("新手册");
    let o = import(&root, &old);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    // What was left out or changed is said.
    for said in [
        "第一部分",
        "SUMMARY.md:14: the draft chapter “待写的一节”",
        "notes.md",
        "[preprocessor]",
        "git-repository-url",
        "custom.css",
    ] {
        assert!(out.contains(said), "{said}: {out}");
    }

    // Folders as SUMMARY.md nests the chapters; READMEs and chapters with sub-chapters as
    // their folders' introductions.
    for rel in [
        "content/index.md",
        "content/intake/_index.md",
        "content/intake/phone.md",
        "content/closing/_index.md",
        "content/closing/revisit.md",
        "content/escalation/_index.md",
        "content/escalation/escalation-leader.md",
        "content/appendix.md",
        "content/_snippets/opening.md",
        "content/images/flow.png",
    ] {
        assert!(root.join(rel).is_file(), "{rel}");
    }
    for gone in [
        "content/SUMMARY.md",
        "content/closing.md",
        "content/escalation-leader.md",
    ] {
        assert!(!root.join(gone).exists(), "{gone}");
    }
    // Reading order: SUMMARY.md's, pages and folders of one level together.
    let reading = [
        "content/intake/_index.md",
        "content/intake/phone.md",
        "content/intake/counter.md",
        "content/closing/_index.md",
        "content/closing/revisit.md",
        "content/escalation/_index.md",
        "content/escalation/escalation-leader.md",
        "content/appendix.md",
    ];
    let orders: Vec<u32> = reading.iter().map(|r| order(&root, r)).collect();
    assert!(orders.windows(2).all(|w| w[0] < w[1]), "{orders:?}");
    // A page without a `# ` heading takes SUMMARY.md's title; one unlisted is a draft.
    assert!(
        read(&root, "content/escalation/escalation-leader.md").contains("title: 找领导的客户\n")
    );
    assert!(!read(&root, "content/intake/phone.md").contains("title:"));
    assert!(read(&root, "content/notes.md").contains("draft: true\n"));
    // Links and pictures follow the moves; a `.html` link is one to the page's file.
    let leader = read(&root, "content/escalation/escalation-leader.md");
    assert!(leader.contains("![流程](../images/flow.png)"), "{leader}");
    assert!(read(&root, "content/closing/revisit.md")
        .contains("[升级](../escalation/escalation-leader.md)"));
    assert!(read(&root, "content/closing/_index.md").contains("[回到前言](../index.md)"));
    assert!(read(&root, "content/index.md").contains("[升级](escalation/_index.md)"));
    // The heading whose mdBook id handbook would write otherwise keeps mdBook's.
    assert!(read(&root, "content/closing/revisit.md")
        .contains("## 第 1 步：受理_登记 {#第-1-步受理_登记}\n"));
    assert!(read(&root, "content/closing/revisit.md").contains("## 时限\n"));
    // book.toml: what handbook has; additional-css as the theme's custom.css.
    let toml = read(&root, "book.toml");
    assert!(
        toml.contains("title = \"投诉处理教材\"")
            && toml.contains("authors = [\"客服中心\", \"培训组\"]"),
        "{toml}"
    );
    assert!(toml.contains("id = "), "{toml}");
    assert!(read(&root, "themes/default/static/css/custom.css")
        .contains(".content { font-size: 18px; }"));

    // It builds, and mdBook's old addresses lead to the pages.
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let home = read(&root, "site/index.html");
    assert!(home.contains("前言"), "{home}");
    let phone = read(&root, "site/intake/phone/index.html");
    assert!(phone.contains("您好，很高兴为您服务。"), "the include");
    assert!(
        percent_decode(&phone).contains("revisit/index.html#第-1-步受理_登记\""),
        "{phone}"
    );
    assert!(read(&root, "site/closing/revisit/index.html").contains("id=\"第-1-步受理_登记\""));
    for (old_address, to) in [
        (
            "site/escalation-leader.html",
            "escalation/escalation-leader/",
        ),
        ("site/closing.html", "closing/"),
        ("site/intake/phone.html", "phone/"),
    ] {
        let r = read(&root, old_address);
        assert!(r.contains(to), "{old_address}: {r}");
    }
    assert!(
        !root.join("site/notes/index.html").exists(),
        "a draft is not published"
    );
    // No scratch folder is left beside the new book.
    let left: Vec<String> = std::fs::read_dir(t.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn an_import_refuses_a_folder_with_files_and_a_folder_that_is_no_mdbook() {
    let (t, old) = mdbook();
    // A folder with something in it: nothing written.
    let (_b, book) = init_book();
    let before = read(&book, "content/index.md");
    let o = import(&book, &old);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("is not empty: import into a new folder"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&book, "content/index.md"), before);
    // No SUMMARY.md: said, and nothing made.
    let empty = t.path().join("空");
    std::fs::create_dir_all(&empty).unwrap();
    let root = t.path().join("新");
    let o = import(&root, &empty);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("no SUMMARY.md"), "{}", stderr(&o));
    assert!(!root.exists());
    // An empty folder is fine (made by hand first).
    std::fs::create_dir_all(&root).unwrap();
    let o = import(&root, &old);
    assert!(o.status.success(), "{}", stderr(&o));
    // The book from a folder holding SUMMARY.md itself (no book.toml).
    let root2 = t.path().join("新2");
    let o = import(&root2, &old.join("src"));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(read(&root2, "book.toml").contains("title = \"培训手册\""));
}

/// The harder shapes of real mdBooks: a file only included (with a line range), an include in
/// fenced code on a page that moves, a `%20` link, `src = "."` beside the built site, mdBook's
/// default `language = "en"` on a Chinese book, a chapter named as a page handbook makes, a
/// page titled as one of its sections, and `--root .` in the empty folder made for it.
#[test]
fn real_world_mdbook_shapes_import_to_a_clean_book() {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("old");
    let files: &[(&str, &str)] = &[
        (
            "book.toml",
            "[book]\ntitle = \"教材\"\nlanguage = \"en\"\nsrc = \".\"\n\n[output.html]\nsite-url = \"/jiaocai/\"\n",
        ),
        (
            "SUMMARY.md",
            "# Summary\n\n- [电话受理](guide/phone.md)\n  - [细节](guide/detail.md)\n- [术语表](appendix/glossary.md)\n- [营业厅 受理](counter%20desk.md)\n",
        ),
        (
            "guide/phone.md",
            "# 电话受理\n\n## 电话受理\n\n{{#include ../listings/part.md:2:3}}\n\n```rust\n{{#include ../listings/code.rs}}\n```\n\n见[营业厅](../counter%20desk.md)。\n",
        ),
        ("guide/detail.md", "# 细节\n\n回到[电话受理](phone.md#电话受理-1)。\n"),
        ("listings/part.md", "line1\nline2\nline3\nline4\n"),
        ("listings/code.rs", "fn main() {}\n"),
        ("appendix/glossary.md", "# 术语表\n\n名词。\n"),
        ("counter desk.md", "# 营业厅受理\n\n当面。\n"),
        ("book/index.html", "<html>built by mdBook</html>"),
        ("theme/index.hbs", "{{ content }}"),
    ];
    for (rel, text) in files {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = t.path().join("new");
    std::fs::create_dir_all(&root).unwrap();
    let o = handbook_cmd()
        .args(["import", "mdbook", old.to_str().unwrap()])
        .current_dir(&root)
        .env("CI", "1")
        .output()
        .unwrap();
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    assert!(out.contains("language \"en\" made \"zh-CN\""), "{out}");
    assert_eq!(
        std::fs::read_dir(t.path()).unwrap().count(),
        2,
        "nothing left beside it"
    );
    // The mdBook's own site and theme are not content.
    assert!(!root.join("content/book").exists() && !root.join("content/theme").exists());
    let toml = read(&root, "book.toml");
    assert!(
        toml.contains("language = \"zh-CN\"") && toml.contains("site-url = \"/jiaocai/\""),
        "{toml}"
    );
    // Included only: a snippet, its lines as before; the fenced include follows its page.
    assert_eq!(
        read(&root, "content/listings/_part.md"),
        "line1\nline2\nline3\nline4\n"
    );
    // (A top chapter with sub-chapters is a top folder, as SUMMARY.md nests it.)
    let phone = read(&root, "content/phone/_index.md");
    assert!(
        phone.contains("{{#include ../listings/_part.md:2:3}}"),
        "{phone}"
    );
    assert!(
        phone.contains("```rust\n{{#include ../listings/code.rs}}\n```"),
        "{phone}"
    );
    // (A name with a space is given `-`: its address would hold `%20`; the old one forwards.)
    assert!(phone.contains("[营业厅](../counter-desk.md)"), "{phone}");
    assert!(read(&root, "content/counter-desk.md").contains("counter desk.html"));
    // The title keeps mdBook's id; the section named as it, mdBook's `-1`.
    assert!(
        phone.contains("# 电话受理 {#电话受理}\n\n## 电话受理 {#电话受理-1}\n"),
        "{phone}"
    );
    // A chapter named as the glossary handbook makes is put aside.
    assert!(root.join("content/glossary-1.md").is_file());
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let page = read(&root, "site/phone/index.html");
    assert!(
        page.contains("line2") && page.contains("line3") && !page.contains("line4"),
        "{page}"
    );
    assert!(page.contains("main"), "{page}");
    assert!(page.contains("<h1 id=\"电话受理\">电话受理</h1>"), "{page}");
    assert!(page.contains("id=\"电话受理-1\""), "{page}");
    assert!(
        !root.join("site/listings/index.html").exists(),
        "no section of snippets"
    );
}

/// A page saved with a byte-order mark (Windows Notepad) whose first line is an include: the
/// included file is a snippet as for any other page, not a page of its own.
#[test]
fn an_include_on_the_first_line_after_a_byte_order_mark_is_seen() {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("old");
    for (rel, text) in [
        ("SUMMARY.md", "- [电话受理](phone.md)\n"),
        (
            "phone.md",
            "\u{feff}{{#include listings/opening.md}}\n\n电话受理的步骤。\n",
        ),
        ("listings/opening.md", "您好，很高兴为您服务。\n"),
    ] {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = t.path().join("new");
    let o = import(&root, &old);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    assert!(!out.contains("kept as drafts"), "{out}");
    assert!(root.join("content/listings/_opening.md").is_file(), "{out}");
    assert!(!root.join("content/listings/opening.md").exists());
    let phone = read(&root, "content/phone.md");
    assert!(
        phone.contains("\n{{#include listings/_opening.md}}\n"),
        "{phone}"
    );
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    assert!(read(&root, "site/phone/index.html").contains("您好，很高兴为您服务。"));
}

/// `[output.html.redirect]`: an old address whose target is a page of the book is one of that
/// page's aliases (so the built site has the old address, forwarding there); one whose target
/// is not is a note at its line in book.toml, and the import goes on.
#[test]
fn redirects_become_aliases_and_a_target_that_is_no_page_is_a_note() {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("old");
    for (rel, text) in [
        (
            "book.toml",
            "[book]\ntitle = \"教材\"\n\n[output.html.redirect]\n\"/old-phone.html\" = \"intake/phone.html\"\n\"/intake/counter.html\" = \"../closing.html#回访\"\n\"/gone.html\" = \"nowhere.html\"\n",
        ),
        (
            "src/SUMMARY.md",
            "- [受理](intake/README.md)\n  - [电话受理](intake/phone.md)\n- [回访](closing.md)\n",
        ),
        ("src/intake/README.md", "# 受理\n"),
        ("src/intake/phone.md", "# 电话受理\n\n步骤。\n"),
        ("src/closing.md", "# 回访\n\n## 回访\n\n三天内。\n"),
    ] {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = t.path().join("new");
    let o = import(&root, &old);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    assert!(
        out.contains("note: book.toml:7:1: [output.html.redirect] \"/gone.html\" = \"nowhere.html\" leads to nowhere.html, which is no page of the book: not carried over"),
        "{out}"
    );
    assert!(
        out.contains("opens content/closing.md at its top, not at #回访"),
        "{out}"
    );
    assert!(!out.contains("[output.html] redirect"), "{out}");
    let phone = read(&root, "content/intake/phone.md");
    assert!(
        phone.contains("aliases:\n- intake/phone.html\n- old-phone.html\n"),
        "{phone}"
    );
    assert!(read(&root, "content/closing.md").contains("- intake/counter.html\n"));
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let r = read(&root, "site/old-phone.html");
    assert!(r.contains("intake/phone/"), "{r}");
    let r = read(&root, "site/intake/counter.html");
    assert!(r.contains("closing/"), "{r}");
}

/// A link in a page to an old address of `[output.html.redirect]` leads to the page it
/// redirects to (at the redirect's section), as other links to moved pages do; it stayed an
/// `.html` link to no page of the new book.
#[test]
fn links_to_redirected_addresses_lead_to_the_pages() {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("old");
    for (rel, text) in [
        (
            "book.toml",
            "[book]\ntitle = \"教材\"\n\n[output.html.redirect]\n\"/old-phone.html\" = \"intake/phone.html\"\n\"/intake/counter.html\" = \"../closing.html#回访要求\"\n",
        ),
        (
            "src/SUMMARY.md",
            "- [受理](intake/README.md)\n  - [电话受理](intake/phone.md)\n- [回访](closing.md)\n",
        ),
        (
            "src/intake/README.md",
            "# 受理\n\n见[电话受理](../old-phone.html)和[营业厅](counter.html)。\n",
        ),
        ("src/intake/phone.md", "# 电话受理\n\n步骤。\n"),
        (
            "src/closing.md",
            "# 回访\n\n## 回访要求\n\n三天内。先[受理](old-phone.md)。\n",
        ),
    ] {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = t.path().join("new");
    let o = import(&root, &old);
    let (out, err) = (stdout(&o), stderr(&o));
    assert!(o.status.success(), "{out}\n{err}");
    assert!(out.contains("0 errors, 0 warnings"), "{out}\n{err}");
    let intro = read(&root, "content/intake/_index.md");
    assert!(
        intro.contains("见[电话受理](phone.md)和[营业厅](../closing.md#回访要求)。"),
        "{intro}"
    );
    let closing = read(&root, "content/closing.md");
    assert!(closing.contains("先[受理](intake/phone.md)。"), "{closing}");
    let b = run(&root, &["build"]);
    assert!(b.status.success(), "{}", stderr(&b));
    let page = read(&root, "site/intake/index.html");
    // (The section's id, `回访要求`, percent-encoded.)
    assert!(
        page.contains("href=\"../closing/index.html#%E5%9B%9E%E8%AE%BF%E8%A6%81%E6%B1%82\""),
        "{page}"
    );
}

/// A chapter whose name has a space is given `-`; when that name is another chapter's, it
/// keeps its space and the import says so.
#[test]
fn a_spaced_chapter_name_is_dashed_unless_taken() {
    let t = tempfile::tempdir().unwrap();
    let old = t.path().join("old");
    for (rel, text) in [
        ("book.toml", "[book]\ntitle = \"教材\"\n"),
        (
            "src/SUMMARY.md",
            "# Summary\n\n- [甲](counter%20desk.md)\n- [乙](counter-desk.md)\n- [丙](front%20door.md)\n",
        ),
        ("src/counter desk.md", "# 甲\n\n正文。\n"),
        ("src/counter-desk.md", "# 乙\n\n正文。\n"),
        ("src/front door.md", "# 丙\n\n正文。\n"),
    ] {
        let p = old.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let root = t.path().join("new");
    let o = import(&root, &old);
    let out = stdout(&o);
    assert!(o.status.success(), "{out}\n{}", stderr(&o));
    assert!(root.join("content/front-door.md").is_file(), "{out}");
    assert!(root.join("content/counter desk.md").is_file(), "{out}");
    assert!(
        out.contains("counter desk.md: a space in its name makes `%20` in its address, and `counter-desk.md` is taken: kept as it is"),
        "{out}"
    );
}
