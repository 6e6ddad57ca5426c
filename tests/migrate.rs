//! A book moved over from mdBook, Zola or Hugo: what handbook does not read is reported by
//! `check` at its file, line and column, with what to write instead.

mod common;
use common::*;
use std::path::Path;

/// `handbook check` on the book: its stderr.
fn check(root: &Path) -> String {
    stderr(&run(root, &["check"]))
}

/// The diagnostic line that starts with `at` (`content/a.md:3:1`), and the hint under it.
fn diag<'a>(err: &'a str, at: &str) -> (&'a str, &'a str) {
    let mut lines = err.lines();
    while let Some(l) = lines.next() {
        if l.contains(&format!(" {at}: ")) {
            let hint = lines.next().filter(|h| h.contains("help:")).unwrap_or("");
            return (l, hint);
        }
    }
    panic!("no diagnostic at {at}:\n{err}");
}

const FRONT: &str = "---\ntitle: 迁移\norder: 90\n---\n\n";

#[test]
fn mdbook_directives_and_shortcodes_are_warned_at_their_column_outside_code() {
    let (_t, root) = init_book();
    let body = "\
见{{#include ../shared/greeting.md}}

标题：{{#title 营业厅受理}}

{{#playground example.rs}}

见[升级]({{< relref \"/basics/first-lesson.md#投诉是免费的反馈\" >}})。

{{< figure src=\"/images/flow.png\" alt=\"流程\" >}}

{{% notice warning %}}
注意安全。
{{% /notice %}}

{{ youtube(id=\"abc\") }}

{% note(kind=\"warning\") %}
注意。
{% end %}

`{{#include a.md}}` 在代码里，不报。

<!-- {{#include b.md}} 在注释里 -->

```markdown
\\{{#include c.md}}
```
";
    write(
        &root,
        "content/basics/migrated.md",
        &format!("{FRONT}{body}"),
    );
    let err = check(&root);
    let f = "content/basics/migrated.md";
    // (On a line of its own it includes the file: tests/build.rs.)
    let (m, h) = diag(&err, &format!("{f}:6:2"));
    assert!(
        m.contains("warning: ")
            && m.contains("mdBook's `{{#include}}` is not supported: the text shows as written"),
        "{m}"
    );
    assert!(
        h.contains("on a line of its own") && h.contains("```rule"),
        "{h}"
    );
    let (m, h) = diag(&err, &format!("{f}:8:4"));
    assert!(m.contains("`{{#title}}`"), "{m}");
    assert!(h.contains("title:"), "{h}");
    assert!(diag(&err, &format!("{f}:10:1"))
        .0
        .contains("`{{#playground}}`"));
    // A shortcode as a link's target: that, not "the file's path has a space".
    let (m, h) = diag(&err, &format!("{f}:12:7"));
    assert!(m.contains("Hugo's shortcode `{{< relref >}}`"), "{m}");
    assert!(
        h.contains("`[文字](first-lesson.md#投诉是免费的反馈)`")
            && h.contains("`[[lesson:basics/first-lesson#投诉是免费的反馈]]`"),
        "{h}"
    );
    assert!(!err.contains("has a space"), "{err}");
    let (m, h) = diag(&err, &format!("{f}:14:1"));
    assert!(m.contains("`{{< figure >}}`"), "{m}");
    assert!(h.contains("`![流程](images/flow.png)`"), "{h}");
    let (m, h) = diag(&err, &format!("{f}:16:1"));
    assert!(m.contains("`{{% notice %}}`"), "{m}");
    assert!(h.contains("> [!WARNING]"), "{h}");
    assert!(diag(&err, &format!("{f}:20:1"))
        .0
        .contains("Zola's shortcode `{{ youtube() }}`"));
    let (m, h) = diag(&err, &format!("{f}:22:1"));
    assert!(m.contains("Zola's shortcode `{% note() %}`"), "{m}");
    assert!(h.contains("> [!WARNING]"), "{h}");
    // Neither the closing tags, nor code, nor a comment.
    assert_eq!(err.matches(&format!("{f}:")).count(), 8, "{err}");
}

#[test]
fn a_misspelt_block_kind_and_another_tools_block_are_warned() {
    let (_t, root) = init_book();
    let body = "\
```admonish warning
停电前须提前公告。
```

```dialog good 标题
坐席：您好。
```

```Rules EX-PROC-001
```

```mermaid
sequenceDiagram
A->>B: 你好
```

```math
T = t_0 + 5
```

```rust
fn main() {}
```

```ruby
puts 1
```

```rust,editable
fn main() {}
```
";
    write(&root, "content/basics/fences.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    let f = "content/basics/fences.md";
    let (m, h) = diag(&err, &format!("{f}:6:1"));
    assert!(m.contains("```admonish shows as plain code"), "{m}");
    assert!(h.contains("`> [!WARNING]`"), "{h}");
    let (m, h) = diag(&err, &format!("{f}:10:1"));
    assert!(m.contains("```dialog shows as plain code"), "{m}");
    assert!(h.contains("did you mean ```dialogue?"), "{h}");
    assert!(diag(&err, &format!("{f}:14:1"))
        .1
        .contains("did you mean ```rule?"));
    // (A Mermaid flowchart is drawn: tests/flowchart.rs.)
    let (m, h) = diag(&err, &format!("{f}:17:1"));
    assert!(
        m.contains("mermaid `sequenceDiagram` shows as plain code"),
        "{m}"
    );
    assert!(h.contains("picture") && h.contains("flowchart TD"), "{h}");
    assert!(diag(&err, &format!("{f}:22:1")).0.contains("```math"));
    // Languages of their own (near `rule`) are not warned.
    assert_eq!(err.matches(&format!("{f}:")).count(), 5, "{err}");
    // mdBook's `rust,editable` is highlighted as Rust.
    let html = read(&root, "site/basics/fences/index.html");
    assert!(!html.contains("language-rust,editable"), "{html}");
}

#[test]
fn summary_md_readme_md_and_a_page_bundle_say_what_handbook_names_them() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/SUMMARY.md",
        "# Summary\n\n- [认识投诉](basics/first-lesson.md)\n- [受理](intake/README.md)\n",
    );
    write(
        &root,
        "content/intake/README.md",
        "# 受理\n\n受理的总述。\n",
    );
    write(
        &root,
        "content/intake/phone.md",
        &format!("{FRONT}电话受理。\n"),
    );
    // A README.md beside an `_index.md` is the trainer's own affair.
    write(
        &root,
        "content/basics/README.md",
        "# 说明\n\n给编辑看的说明。\n",
    );
    write(
        &root,
        "content/hugo/callback/index.md",
        &format!("{FRONT}回访。\n"),
    );
    let err = check(&root);
    let (m, h) = diag(&err, "content/SUMMARY.md");
    assert!(
        m.contains("warning: ")
            && m.contains("mdBook's table of contents")
            && m.contains("ordinary page"),
        "{m}"
    );
    assert!(
        h.contains("`order:`")
            && h.contains("`_index.md`")
            && h.contains("delete")
            && h.contains("import mdbook"),
        "{h}"
    );
    let (m, h) = diag(&err, "content/intake/README.md");
    assert!(m.contains("published as a lesson called `README`"), "{m}");
    assert!(h.contains("rename it to `_index.md`"), "{h}");
    assert!(
        !err.contains("content/basics/README.md: `README.md`"),
        "{err}"
    );
    let (m, h) = diag(&err, "content/hugo/callback/index.md");
    assert!(m.contains("`index.md` is only for the home page"), "{m}");
    assert!(
        h.contains("move this file to `hugo/callback.md`") && h.contains("`callback/picture.png`"),
        "{h}"
    );
}

#[test]
fn zola_and_hugo_front_matter_fields_say_what_handbook_calls_them() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/zola.md",
        "---\ntitle: 升级\nweight: 10\ndescription: 怎样升级\ndate: 2024-01-02\nslug: shengji\n---\n\n升级。\n",
    );
    // (A page whose front matter is wrong is not rendered: its links are checked once it is.)
    write(
        &root,
        "content/basics/zola-links.md",
        &format!("{FRONT}先看[受理](@/basics/first-lesson.md#投诉是免费的反馈)。\n"),
    );
    let err = check(&root);
    let f = "content/basics/zola.md";
    let (m, h) = diag(&err, &format!("{f}:3:1"));
    assert!(m.contains("unknown field `weight`"), "{m}");
    assert!(h.contains("`order:`"), "{h}");
    assert!(diag(&err, &format!("{f}:4:1")).1.contains("`summary:`"));
    let h = diag(&err, &format!("{f}:5:1")).1;
    assert!(h.contains("`revised:`") && h.contains("`change:`"), "{h}");
    let h = diag(&err, &format!("{f}:6:1")).1;
    assert!(
        h.contains("rename the file") && h.contains("`aliases:`"),
        "{h}"
    );
    // Zola's `@/` link: the path as this file would write it.
    let (m, h) = diag(&err, "content/basics/zola-links.md:6:3");
    assert!(
        m.contains("`@/basics/first-lesson.md#投诉是免费的反馈` is Zola's link"),
        "{m}"
    );
    assert!(
        h.contains("write `first-lesson.md#投诉是免费的反馈`")
            && h.contains("`[[lesson:basics/first-lesson#投诉是免费的反馈]]`"),
        "{h}"
    );
}

#[test]
fn an_mdbook_book_toml_says_where_its_keys_go() {
    let (_t, root) = init_book();
    let toml = read(&root, "book.toml");
    write(&root, "book.toml", &format!("src = \"content\"\n{toml}"));
    let err = check(&root);
    let (m, h) = diag(&err, "book.toml:1:1");
    assert!(m.contains("unknown key `src`"), "{m}");
    assert!(
        h.contains("`src` goes under [build]") && !h.contains("search"),
        "{h}"
    );

    write(
        &root,
        "book.toml",
        "[book]\ntitle = \"手册\"\nsrc = \"src\"\n\n[output.html]\nedit-url-template = \"https://git.example/{path}\"\n\n[output.html.redirect]\n\"/a.html\" = \"b.html\"\n\n[preprocessor.admonish]\n",
    );
    let err = check(&root);
    let h = diag(&err, "book.toml:1:2").1;
    assert!(
        h.contains("mdBook's book.toml") && h.contains("`src` under [build]"),
        "{h}"
    );
    let h = diag(&err, "book.toml:5:2").1;
    assert!(h.contains("`edit-url`") && h.contains("custom.css"), "{h}");
    assert!(diag(&err, "book.toml:8:2").1.contains("`aliases:`"));
    assert!(diag(&err, "book.toml:11:2").1.contains("no preprocessors"));
}

#[test]
fn a_footnote_named_like_a_heading_gets_an_id_of_its_own() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/notes.md",
        &format!("{FRONT}## 依据 {{#依据}}\n\n见规定[^依据]。\n\n[^依据]: 《供电营业规则》。\n"),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/notes/index.html");
    assert_eq!(html.matches("id=\"依据\"").count(), 1, "{html}");
    assert!(
        html.contains("href=\"#fn-依据\"") && html.contains("id=\"fn-依据\""),
        "{html}"
    );
}

#[test]
fn paths_in_raw_html_are_rewritten_for_the_built_page_and_checked() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/images/chart.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let body = "\
<img src=\"../images/chart.svg\" width=\"300\" alt=\"结构\">

见<a href=\"first-lesson.md\">认识投诉</a>。

<div>
  <img alt=\"缺\"
       src=\"../images/nope.svg\">
</div>

<img src=\"/images/chart.svg\" alt=\"绝对\">

<!-- <img src=\"../images/gone.svg\"> -->
";
    write(&root, "content/basics/html.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    let f = "content/basics/html.md";
    let (m, _) = diag(&err, &format!("{f}:12:13"));
    assert!(
        m.contains("error: ") && m.contains("picture not found: `../images/nope.svg`"),
        "{m}"
    );
    let (m, _) = diag(&err, &format!("{f}:15:11"));
    assert!(m.contains("absolute link `/images/chart.svg`"), "{m}");
    assert_eq!(err.matches(&format!("{f}:")).count(), 2, "{err}");

    write(
        &root,
        "content/basics/html.md",
        &format!("{FRONT}{}", &body[..body.find("<div>").unwrap()]),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = read(&root, "site/basics/html/index.html");
    assert!(
        html.contains("<img src=\"../../images/chart.svg\" width=\"300\""),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"../../basics/first-lesson/index.html\">认识投诉</a>"),
        "{html}"
    );
}
