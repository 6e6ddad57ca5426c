//! Flowcharts: a ```` ```mermaid ```` flowchart in a lesson is drawn at build time as an SVG
//! (no script, works offline), its `click` links resolved like the page's own links, its
//! mistakes reported at their line and column. (Layout: unit tests in src/render/flow.rs;
//! in a browser: tests/browser/flowchart.test.mjs.)

mod common;
use common::*;

const FRONT: &str = "---\ntitle: 流程图\norder: 90\n---\n\n";

/// The diagnostics printed at `at` (`file:line:col`), with their help lines.
fn said<'a>(err: &'a str, at: &str) -> Vec<&'a str> {
    let lines: Vec<&str> = err.lines().collect();
    let k = lines
        .iter()
        .position(|l| l.contains(&format!(" {at}: ")))
        .unwrap_or_else(|| panic!("nothing at {at}:\n{err}"));
    lines[k..(k + 2).min(lines.len())].to_vec()
}

#[test]
fn a_flowchart_is_drawn_with_its_links_resolved_like_the_pages() {
    let (_t, root) = init_book();
    let body = "\
[规则](rule:EX-PROC-001) 和 [课程](first-lesson.md#投诉是免费的反馈)

```mermaid 受理流程
flowchart TD
  A([客户来电]) --> B[登记工单<br>核对信息]
  B --> C{是否紧急}
  C -->|是| D[转抢修]
  C -- 否 --> E[五个工作日内办结]
  click D \"rule:EX-PROC-001\"
  click E href \"first-lesson.md#投诉是免费的反馈\"
```
";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("flow.md"), "{err}");
    let html = read(&root, "site/basics/flow/index.html");
    let at = html
        .find("<figure class=\"flow\">")
        .expect("the chart is drawn");
    let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
    assert!(fig.contains("<svg class=\"flow-svg\""), "{fig}");
    assert!(
        fig.contains("role=\"group\""),
        "links keep the chart's boxes reachable: {fig}"
    );
    assert!(fig.contains("<figcaption>受理流程</figcaption>"), "{fig}");
    // Five boxes, four links with arrow heads, each text once (lines as written).
    assert_eq!(fig.matches("<g class=\"flow-node").count(), 5, "{fig}");
    assert_eq!(fig.matches("marker-end=").count(), 4, "{fig}");
    assert!(fig.contains(">登记工单</tspan><tspan"), "{fig}");
    assert!(
        fig.contains(">否</tspan>") && fig.contains(">是</tspan>"),
        "{fig}"
    );
    // The boxes link where the page's Markdown links go.
    let page_links = links(&html[..at]);
    let hrefs: Vec<String> = fig
        .split("<a class=\"flow-link\" href=\"")
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].replace("&amp;", "&"))
        .collect();
    assert_eq!(hrefs.len(), 2, "{fig}");
    for h in &hrefs {
        assert!(page_links.contains(h), "{h} not among {page_links:?}");
    }
    // No code block left, nothing fetched.
    assert!(!html.contains("language-mermaid"), "{html}");
    assert!(
        !fig.contains("http://")
            || !fig
                .replace("http://www.w3.org/2000/svg", "")
                .contains("http://")
    );
}

#[test]
fn mistakes_in_a_chart_are_errors_at_their_line_and_column_and_all_are_reported() {
    let (_t, root) = init_book();
    let body = "\
```mermaid
flowchart TD
  A[受理 --> B
```

- 列表里的图：

  ```mermaid
  flowchart LR
    A --> B
    click B \"rule:EX-NOPE-404\"
  ```

```mermaid
flowchart TD
  style A fill:#f00
  A -> B
```
";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    let f = "content/basics/flow.md";
    let first = said(&err, &format!("{f}:8:4"));
    assert!(
        first[0].starts_with("error") && first[0].contains("`[` opened here is never closed"),
        "{err}"
    );
    assert!(first[1].contains("end the node's text with `]`"), "{err}");
    // In a list item: the block's own indentation counted.
    let second = said(&err, &format!("{f}:16:13"));
    assert!(second[0].contains("EX-NOPE-404"), "{err}");
    let third = said(&err, &format!("{f}:21:3"));
    assert!(
        third[0].starts_with("warning") && third[0].contains("`style` is ignored"),
        "{err}"
    );
    let fourth = said(&err, &format!("{f}:22:5"));
    assert!(fourth[0].contains("`->` is not a link"), "{err}");
    assert!(fourth[1].contains("-->"), "{err}");

    // A build with them fails and leaves the last good site as it was.
    let good = format!("{FRONT}```mermaid\nflowchart TD\n  A --> B\n```\n");
    write(&root, "content/basics/flow.md", &good);
    assert!(run(&root, &["build"]).status.success());
    let before = read(&root, "site/basics/flow/index.html");
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    assert!(!run(&root, &["build"]).status.success());
    assert_eq!(read(&root, "site/basics/flow/index.html"), before);
}

#[test]
fn another_kind_of_mermaid_diagram_stays_code_with_a_warning() {
    let (_t, root) = init_book();
    let body = "```mermaid\nsequenceDiagram\n  客户->>坐席: 又停电了\n```\n";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    let w = said(&err, "content/basics/flow.md:6:1");
    assert!(
        w[0].starts_with("warning") && w[0].contains("`sequenceDiagram` shows as plain code"),
        "{err}"
    );
    let html = read(&root, "site/basics/flow/index.html");
    assert!(
        html.contains("language-mermaid") && html.contains("又停电了"),
        "{html}"
    );
    assert!(!html.contains("flow-svg"));
}

#[test]
fn a_chart_pasted_from_the_mermaid_live_editor_is_drawn_with_warnings_for_what_is_not() {
    let (_t, root) = init_book();
    let body = "\
```mermaid
---
config:
  theme: forest
---
%%{init: {\"flowchart\": {\"curve\": \"linear\"}} }%%
flowchart LR
  accTitle: 投诉处理
  accDescr: 从受理到回访的步骤
  A([\"受理\"]) --接单--> B@{ shape: diamond, label: \"是否紧急\" }
  B -->|\"是\"| C[转抢修] & D[派单]
  B -. 否 .-> D
  D e1@==> E((回访))
  e1@{ animate: true }
  C --o E
  classDef hot fill:#f96
  class C hot
  click E call notify()
```
";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for w in [
        "`classDef` is ignored",
        "`class` is ignored",
        "`e1@{ … }` is ignored",
    ] {
        assert!(err.contains(w), "{w}: {err}");
    }
    let click = said(&err, "content/basics/flow.md:23:9");
    assert!(
        click[0].starts_with("warning")
            && click[0].contains("`click E call notify()` runs a script"),
        "{err}"
    );
    assert!(click[1].contains("click E \"rule:"), "{err}");
    let html = read(&root, "site/basics/flow/index.html");
    let at = html
        .find("<figure class=\"flow")
        .expect("the chart is drawn");
    let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
    assert_eq!(fig.matches("<g class=\"flow-node").count(), 5, "{fig}");
    assert!(fig.contains("<figcaption>投诉处理</figcaption>"), "{fig}");
    assert!(fig.contains(">从受理到回访的步骤</desc>"), "{fig}");
    assert!(fig.contains("aria-describedby="), "{fig}");
    assert!(
        fig.contains("-circle)\""),
        "the `--o` link ends in a circle: {fig}"
    );
    assert!(
        fig.contains(">是否紧急</tspan>") && fig.contains(">接单</tspan>"),
        "{fig}"
    );
    assert!(!fig.contains("flow-link"), "a script is not a link: {fig}");
}

/// A chart pasted with `subgraph` stages is drawn with a labelled box around each stage's
/// steps, as Mermaid draws it, with no warning; the titles are text in the picture.
#[test]
fn subgraphs_are_drawn_as_boxes_with_their_titles() {
    let (_t, root) = init_book();
    let body = "\
```mermaid
flowchart TD
  subgraph 受理阶段
    A([客户来电]) --> B[登记工单]
  end
  subgraph s2 [处理阶段]
    C[派单] --> D[现场处理]
    subgraph 复核
      E[上级复核]
    end
    D --> E
  end
  B --> s2
  s2 --> F([回访归档])
```
";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(!err.contains("flow.md"), "no warning: {err}");
    let html = read(&root, "site/basics/flow/index.html");
    let at = html
        .find("<figure class=\"flow")
        .expect("the chart is drawn");
    let fig = &html[at..at + html[at..].find("</figure>").unwrap()];
    // Three boxes, behind the links and nodes, each with its title; six nodes.
    assert_eq!(
        fig.matches("<rect class=\"flow-group-box\"").count(),
        3,
        "{fig}"
    );
    for title in ["受理阶段", "处理阶段", "复核"] {
        assert!(fig.contains(&format!(">{title}</tspan>")), "{title}: {fig}");
    }
    assert!(fig.find("flow-group-box") < fig.find("flow-edges"), "{fig}");
    assert!(
        fig.contains("<g class=\"flow-group flow-group-inner\">"),
        "复核 is inside: {fig}"
    );
    assert_eq!(fig.matches("<g class=\"flow-node").count(), 6, "{fig}");
    // The link to 处理阶段 goes to its first step, the one from it from its last.
    assert_eq!(fig.matches("marker-end=").count(), 5, "{fig}");
    assert!(
        fig.contains("分组「受理阶段」：客户来电、登记工单"),
        "{fig}"
    );
    // Each step inside its stage's box.
    let rect = |s: &str| -> [f32; 4] {
        let n = |k: &str| -> f32 {
            let k = format!(" {k}=\"");
            let v = &s[s.find(&k).unwrap() + k.len()..];
            v[..v.find('"').unwrap()].parse().unwrap()
        };
        [n("x"), n("y"), n("width"), n("height")]
    };
    let group = |title: &str| -> [f32; 4] {
        let end = fig.find(&format!(">{title}</tspan>")).unwrap();
        let start = fig[..end].rfind("<rect class=\"flow-group-box\"").unwrap();
        rect(&fig[start..end])
    };
    let node = |text: &str| -> [f32; 4] {
        let end = fig.find(&format!(">{text}</tspan>")).unwrap();
        let start = fig[..end].rfind("<g class=\"flow-node").unwrap();
        rect(&fig[start..end])
    };
    let inside = |a: [f32; 4], b: [f32; 4]| {
        a[0] >= b[0] && a[1] >= b[1] && a[0] + a[2] <= b[0] + b[2] && a[1] + a[3] <= b[1] + b[3]
    };
    for (stage, steps) in [
        ("受理阶段", &["客户来电", "登记工单"][..]),
        ("处理阶段", &["派单", "现场处理", "上级复核"][..]),
        ("复核", &["上级复核"][..]),
    ] {
        for step in steps {
            assert!(
                inside(node(step), group(stage)),
                "{step} outside {stage}: {fig}"
            );
        }
    }
    assert!(!inside(node("回访归档"), group("处理阶段")), "{fig}");
    assert!(inside(group("复核"), group("处理阶段")), "{fig}");
}

/// A box's `click` target is a link of the page's: `mv` rewrites it as it rewrites the page's
/// Markdown links, when the lesson it names moves and when the chart's own page moves.
#[test]
fn moving_a_lesson_rewrites_the_charts_that_link_it() {
    let (_t, root) = init_book();
    let body = "\
```mermaid
flowchart TD
  A[认识投诉] --> B[先倾听]
  click A \"first-lesson.md\"
  click B href \"first-lesson.md#投诉是免费的反馈\" \"说明\"
```

> ```mermaid
> flowchart LR
>   C --> D
>   click C \"first-lesson.md\"
> ```
";
    write(&root, "content/basics/chart.md", &format!("{FRONT}{body}"));
    assert!(run(&root, &["check"]).status.success());
    let o = run(&root, &["mv", "basics/first-lesson", "basics/intro"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let chart = read(&root, "content/basics/chart.md");
    assert!(chart.contains("  click A \"intro.md\"\n"), "{chart}");
    assert!(
        chart.contains("  click B href \"intro.md#投诉是免费的反馈\" \"说明\"\n"),
        "{chart}"
    );
    assert!(chart.contains(">   click C \"intro.md\"\n"), "{chart}");
    let o = run(&root, &["mv", "basics/chart", "procedure/chart"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let chart = read(&root, "content/procedure/chart.md");
    assert!(
        chart.contains("  click A \"../basics/intro.md\"\n"),
        "{chart}"
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("chart.md"), "{}", stderr(&o));
}

/// A box's link that would run a script is refused as a Markdown link's is, at its place, and
/// the chart shows as code: no `javascript:` reaches the page.
#[test]
fn a_script_link_on_a_box_is_refused_like_a_markdown_links() {
    let (_t, root) = init_book();
    let body = "```mermaid\nflowchart TD\n  A --> B\n  click A \"JavaScript:alert(1)\"\n```\n\n[坏](javascript:alert(2))\n";
    write(&root, "content/basics/flow.md", &format!("{FRONT}{body}"));
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    let chart = said(&err, "content/basics/flow.md:9:11");
    let text = said(&err, "content/basics/flow.md:12:1");
    assert!(
        chart[0].contains("runs a script") && text[0].contains("runs a script"),
        "{err}"
    );
    write(
        &root,
        "content/basics/flow.md",
        &format!(
            "{FRONT}```mermaid\nflowchart TD\n  A --> B\n  click A \"javascript:alert(1)\"\n```\n"
        ),
    );
    assert!(!run(&root, &["build"]).status.success());
}
