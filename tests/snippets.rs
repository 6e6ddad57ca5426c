//! Shared text (`{{#include _片段/开场白.md}}`, as in mdBook): what a trainer writing or linking
//! snippets sees from `check` and in the built pages.

mod common;
use common::*;

/// A page linking to a snippet (`[开场白](_片段/开场白.md)`) was told of a "missing page",
/// though the file is right there: a snippet is never a page of its own. The mistake says so,
/// at the link, and names the pages the text is in.
#[test]
fn a_link_to_a_snippet_says_it_is_one_and_names_the_pages_including_it() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/_片段/开场白.md",
        "您好，很高兴为您服务。\n挂机前说[结束语](结束语.md)。\n",
    );
    write(&root, "content/_片段/结束语.md", "感谢来电，再见。\n");
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n## 开场 {{#问候}}\n\n{{{{#include ../_片段/开场白.md}}}}\n"),
    );
    let home = read(&root, "content/index.md");
    let extra = "\n先看[开场白](_片段/开场白.md#问候)。\n\n也见 [[lesson:_片段/开场白]]。\n";
    write(&root, "content/index.md", &format!("{home}{extra}"));

    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(!err.contains("missing page"), "{err}");
    let link = line_in(&home, extra, "先看");
    let at = |needle: &str| -> Vec<&str> {
        let k = err
            .lines()
            .position(|l| l.starts_with(needle))
            .unwrap_or_else(|| panic!("no `{needle}` in:\n{err}"));
        err.lines().skip(k).take(2).collect()
    };
    let said = at(&format!("error: content/index.md:{link}:3: "));
    assert!(
        said[0].ends_with("`_片段/开场白.md` is a snippet: its text is included into pages, it is not published as a page of its own"),
        "{err}"
    );
    assert!(
        said[1].contains("link to a page that includes it instead: `basics/first-lesson.md#问候`")
            && said[1].contains("`{{#include _片段/开场白.md}}`"),
        "{err}"
    );
    let said = at(&format!("error: content/index.md:{}:4: ", link + 2));
    assert!(
        said[0].contains("`lesson:_片段/开场白` is a snippet"),
        "{err}"
    );
    // In a snippet: at its own line, written from its folder; a snippet no page includes
    // has no page to name.
    let said = at("error: content/_片段/开场白.md:2:5: ");
    assert!(said[0].contains("`结束语.md` is a snippet"), "{err}");
    assert!(
        said[1].contains("no page includes it yet") && said[1].contains("`{{#include 结束语.md}}`"),
        "{err}"
    );
    // Nothing else is said of them.
    assert_eq!(err.matches("error: ").count(), 3, "{err}");
}

/// As in mdBook, a whole file included keeps its `ANCHOR` lines (HTML comments: unseen).
/// Taking them out took text with them: the rest of a comment whose first line mentions
/// `ANCHOR:` showed on the page, and a line of the text that mentions it was gone. The
/// snippet's lines keep their numbers in `check`'s messages.
#[test]
fn a_whole_snippet_with_parts_marked_is_put_in_as_written() {
    let (_t, root) = init_book();
    let snippet = "---\ntitle: 开场白\n---\n<!-- 维护说明：ANCHOR: 与 ANCHOR_END: 两行之间是「问候」，\n别的课程只取这一段。 -->\n您好，\n<!-- ANCHOR: 问候 -->\n很高兴为您服务。\n<!-- ANCHOR_END: 问候 -->\n坐席说：ANCHOR: 后面的话也照念。\n见[旧页](gone.md)。\n";
    write(&root, "content/_片段/开场白.md", snippet);
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &lesson.replacen(
            "> [!WARNING]\n> 不要与客户争辩。",
            "> [!TIP]\n> {{#include ../_片段/开场白.md}}\n\n{{#include ../_片段/开场白.md:问候}}",
            1,
        ),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("error: content/_片段/开场白.md:11:2: link to a missing page `gone.md`"),
        "{err}"
    );
    assert_eq!(err.matches("error: ").count(), 1, "{err}");

    write(
        &root,
        "content/_片段/开场白.md",
        &snippet.replace("见[旧页](gone.md)。\n", ""),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    let callout = page
        .split("callout-tip")
        .nth(1)
        .unwrap_or_else(|| panic!("no tip callout:\n{page}"));
    let callout = &callout[..callout.find("</div>").unwrap()];
    assert!(
        callout.contains("坐席说：ANCHOR: 后面的话也照念。"),
        "{callout}"
    );
    // (Its marker lines are HTML comments: authors' notes, left out of the site.)
    assert!(!callout.contains("<!-- ANCHOR"), "{callout}");
    assert!(!page.contains("--&gt;"), "{page}");
    // The part, without its marker lines.
    let after = &page[page.find(callout).unwrap() + callout.len()..];
    assert!(after.contains("<p>很高兴为您服务。</p>"), "{after}");
    assert!(!after.contains("ANCHOR"), "{after}");
}

/// `\{{#include …}}` shows the directive: in a fenced code block the `\` was dropped, in one
/// inside a callout it stayed. Now both show it the same, unexpanded, and `check` takes the
/// callout's code for code (no warning of an mdBook directive left in the text).
#[test]
fn an_escaped_include_shows_the_same_in_a_callouts_code_as_in_plain_code() {
    let (_t, root) = init_book();
    write(&root, "content/_片段/开场白.md", "您好，很高兴为您服务。\n");
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!(
            "{lesson}\n{{{{#include ../_片段/开场白.md}}}}\n\n> [!TIP]\n> 这样写：\n>\n> ```text\n> \\{{{{#include ../_片段/开场白.md}}}}\n> ```\n\n```text\n\\{{{{#include ../_片段/开场白.md}}}}\n```\n"
        ),
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("warning:"), "{err}");

    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&root, "site/basics/first-lesson/index.html");
    let shown = "<code class=\"language-text\">{{#include ../_片段/开场白.md}}\n</code>";
    let callout = page.split("callout-tip").nth(1).unwrap();
    let callout = &callout[..callout.find("</div>").unwrap()];
    assert!(callout.contains(shown), "{callout}");
    assert_eq!(page.matches(shown).count(), 2, "{page}");
    assert!(!page.contains("\\{{#include"), "{page}");
    assert_eq!(page.matches("您好，很高兴为您服务。").count(), 1, "{page}");
}
