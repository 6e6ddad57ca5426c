//! Shared text (`{{#include _片段/开场白.md}}`, as in mdBook): what a trainer writing or linking
//! snippets sees from `check` and in the built pages.

mod common;
use common::*;

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
