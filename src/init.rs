//! `handbook init DIR`: a small working handbook for a trainer starting a new course.

use std::path::Path;

const FILES: &[(&str, &str)] = &[
    (
        "book.toml",
        r#"title = "我的培训手册"
description = "用 handbook 编写的培训手册"
language = "zh-CN"
authors = []
# 学员浏览器里的学习进度、错题本和收藏按 id 保存：以后改 title 不受影响，这一行不要改。
id = "{ID}"

[build]
src = "content"
dest = "site"
theme = "default"
"#,
    ),
    (
        "content/index.md",
        r#"---
title: 我的培训手册
summary: 从这里开始
---

欢迎使用培训手册。先读第一课：[认识投诉](basics/first-lesson.md)，然后完成[[quiz:example]]。

> [!TIP]
> 运行 `handbook serve` 预览，保存文件后页面会自动刷新。
"#,
    ),
    (
        "content/basics/_index.md",
        r#"---
title: 基础知识
order: 10
summary: 入门课程
---
"#,
    ),
    (
        "content/basics/first-lesson.md",
        r#"---
title: 认识投诉
summary: 为什么要认真对待每一次投诉
order: 10
tags: [入门]
audience: [new-staff]
---

## 投诉是免费的反馈

客户愿意投诉，说明他还愿意给我们改进的机会。处理办法见 [[rule:EX-PROC-001]]。

> [!WARNING]
> 不要与客户争辩。

| 做法 | 说明 |
|---|---|
| 倾听 | 让客户把话说完 |
| 致歉 | 对给客户带来的不便表示歉意 |

```dialogue good 先倾听
客户：你们怎么回事，又停电了！
坐席：非常抱歉给您添麻烦了，您慢慢说，我都记下来。
```
"#,
    ),
    (
        "content/categories.yaml",
        r#"- id: procedure
  label: 投诉办理
  description: 投诉的办理流程与时限
"#,
    ),
    (
        "content/search-checks.yaml",
        r#"# 搜索自查：读者常搜的问题，以及搜索结果里应当排在前面的页面。
# 生成网站后打开“搜索自查”页面，或运行 handbook check --search，逐条检查。
#   query:  读者会怎么搜，照读者的说法写
#   expect: 应当找到的页面，写法和 related 一样：rule:编号（可加 #字段）、
#           lesson:路径（可加 #小节）、quiz:编号、term:术语
#   within: 在前几名里找（1 到 10，不写就是前 3 名）
#   note:   为什么是这一页，没通过时显示
- query: 投诉多久要办结
  expect: rule:EX-PROC-001
- query: 为什么要重视投诉
  expect: lesson:basics/first-lesson#投诉是免费的反馈
  within: 5
  note: 第一课讲投诉是免费的反馈
- query: 入门小测验
  expect: quiz:example
"#,
    ),
    (
        "content/rules/example.rule.yaml",
        r#"# yaml-language-server: $schema=../../schemas/rule.schema.json
id: EX-PROC-001
title: 投诉办理时限
category: procedure
summary: 一般投诉在5个工作日内办结。
severity: high
applies_when:
  - 已受理的客户投诉
time_limits:
  - label: 办结时限
    value: 5
    unit: working_days
    condition: ordinary
steps:
  - who: 受理人员
    what: 登记投诉内容并派发工单
  - who: 责任部门
    what: 调查处理并答复客户
    within: { value: 5, unit: working_days }
must:
  - 记录客户诉求
must_not:
  - 推诿客户
related: [lesson:basics/first-lesson]
version: "1.0"
effective: 2025-01-01
owner: 客户服务中心
revised:
  - date: 2025-01-01
    change: 首次发布
"#,
    ),
    (
        "content/quizzes/example.quiz.yaml",
        r#"# yaml-language-server: $schema=../../schemas/quiz.schema.json
id: example
title: 入门小测验
pass_mark: 80
questions:
  - id: example-01
    type: single
    prompt: 一般投诉应在多长时间内办结？
    options:
      - text: 5个工作日
        correct: true
        feedback: 正确，见办理时限规则。
      - text: 1个月
        feedback: 太长了，一般投诉应在5个工作日内办结。
    rules: [EX-PROC-001]
    lessons: [basics/first-lesson]
"#,
    ),
];

/// Creates the starter handbook in `dir`; refuses to overwrite an existing book.
pub fn init(dir: &Path) -> anyhow::Result<Vec<String>> {
    if dir.join("book.toml").exists() {
        anyhow::bail!(t!(
            "{} already has a book.toml; choose an empty folder",
            "{} 里已经有 book.toml；请选一个空文件夹",
            dir.display()
        ));
    }
    let mut written = Vec::new();
    for (rel, _) in FILES {
        let path = dir.join(rel);
        if path.exists() {
            anyhow::bail!(t!(
                "{} already exists; choose an empty folder",
                "{} 已经存在；请选一个空文件夹",
                path.display()
            ));
        }
    }
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if *rel == "book.toml" {
            std::fs::write(&path, text.replace("{ID}", &book_id(dir)))?;
        } else {
            std::fs::write(&path, text)?;
        }
        written.push(rel.to_string());
    }
    write_extras(dir, &mut written)?;
    Ok(written)
}

/// What every new book has besides its content: a `.gitignore` for the built site (unless the
/// folder has one) and the JSON Schemas for editors.
pub(crate) fn write_extras(dir: &Path, written: &mut Vec<String>) -> anyhow::Result<()> {
    // The built site and its spare are not sources (kept if the folder has a .gitignore).
    let ignore = dir.join(".gitignore");
    if !ignore.exists() {
        std::fs::write(
            &ignore,
            "/site/\n/.site.*\n/site-drafts/\n/.site-drafts.*\n",
        )?;
        written.push(".gitignore".into());
    }
    // JSON Schemas for editors (completion, inline errors), generated from the parser's types.
    std::fs::create_dir_all(dir.join("schemas"))?;
    for (name, text) in crate::schema::all() {
        std::fs::write(dir.join("schemas").join(name), text)?;
        written.push(format!("schemas/{name}"));
    }
    Ok(())
}

/// A new book's `id`: its folder's name and a few hex digits of the moment and place it was made,
/// so that two books made with `init` (both titled 我的培训手册, and opened from disk, where
/// every page shares one browser storage) keep their learners' progress apart.
pub(crate) fn book_id(dir: &Path) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    std::time::SystemTime::now().hash(&mut h);
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .hash(&mut h);
    std::process::id().hash(&mut h);
    let name: String = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-' || *c == '_')
        .take(40)
        .collect();
    let tail = format!("{:08x}", h.finish() as u32);
    if name.is_empty() {
        format!("handbook-{tail}")
    } else {
        format!("{name}-{tail}")
    }
}
