//! Tags as link targets (`[[tag:…]]`) and `handbook mv tag:OLD tag:NEW`, which renames a tag
//! or merges two spellings of one on every page that carries it.

mod common;
use common::*;

/// The init book with a second lesson tagged in another spelling, and links to the tag.
fn tagged_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\norder: 20\ntags:\n  - 入门课\n  - 流程\n---\n\n同类课程见 [[tag:入门课]]，或[这里](tag:入门课)。\n\n```markdown\n[[tag:入门课]]\n```\n",
    );
    let first = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{first}\n更多入门内容：[[tag:入门]]。\n"),
    );
    (t, root)
}

#[test]
fn a_tag_link_leads_to_the_tags_page_and_a_wrong_one_is_named() {
    let (t, root) = tagged_book();
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(dest.join("basics/first-lesson/index.html")).unwrap();
    assert!(
        html.contains(
            "href=\"../../tags/%E5%85%A5%E9%97%A8/index.html\" title=\"标签“入门”：1 篇\">入门</a>"
        ),
        "{html}"
    );
    assert!(dest.join("tags/入门/index.html").exists());

    let first = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{first}\n见 [[tag:入们]] 与 [[tag:入门#x]]。\n"),
    );
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let line = read(&root, "content/basics/first-lesson.md")
        .lines()
        .count();
    for want in [
        format!("content/basics/first-lesson.md:{line}:3: no page has the tag `入们`"),
        "did you mean `[[tag:入门]]`?".to_string(),
        format!("content/basics/first-lesson.md:{line}:16: `[[tag:入门#…]]`: a tag's page has no sections"),
    ] {
        assert!(err.contains(&want), "want {want}\n{err}");
    }
}

#[test]
fn mv_merges_a_second_spelling_of_a_tag_into_the_first_everywhere() {
    let (t, root) = tagged_book();
    let o = run(&root, &["mv", "tag:入门课", "tag:入门"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let out = stdout(&o);
    assert!(out.contains("merged tag 入门课 into 入门"), "{out}");
    assert!(
        out.contains("content/basics/second.md (3 references)"),
        "{out}"
    );
    let second = read(&root, "content/basics/second.md");
    assert!(second.contains("tags:\n  - 入门\n  - 流程\n"), "{second}");
    assert!(
        second.contains("同类课程见 [[tag:入门]]，或[这里](tag:入门)。"),
        "{second}"
    );
    assert!(
        second.contains("```markdown\n[[tag:入门课]]\n```"),
        "an example in code stays as written: {second}"
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let tag = std::fs::read_to_string(dest.join("tags/入门/index.html")).unwrap();
    assert!(tag.contains("认识投诉") && tag.contains("第二课"), "{tag}");
    // (The old tag's page forwards: content/tags.yaml lists it among 入门's aliases.)
    let old = std::fs::read_to_string(dest.join("tags/入门课/index.html")).unwrap();
    assert!(
        old.contains("data-to=\"../../tags/入门/index.html\""),
        "{old}"
    );

    // Renamed again, to a new name: the first lesson's link follows.
    let o = run(&root, &["mv", "tag:入门", "基础"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("renamed tag 入门 -> 基础"),
        "{}",
        stdout(&o)
    );
    assert!(read(&root, "content/basics/first-lesson.md").contains("[[tag:基础]]"));
    assert!(read(&root, "content/basics/first-lesson.md").contains("tags: [基础]"));
    // The message names the new page's address, as the site writes it.
    let o = run(&root, &["mv", "tag:基础", "Customer Care"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("its page is tags/customer-care/ now"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn mv_of_an_unknown_tag_or_to_a_name_yaml_would_split_changes_nothing() {
    let (_t, root) = tagged_book();
    let before = read(&root, "content/basics/second.md");
    let o = run(&root, &["mv", "tag:入们", "tag:基础"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no page has the tag `入们`: did you mean `tag:入门`?"),
        "{}",
        stderr(&o)
    );
    let o = run(&root, &["mv", "tag:入门课", "tag:入门，流程"]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("cannot be a tag"), "{}", stderr(&o));
    assert_eq!(read(&root, "content/basics/second.md"), before);
}

#[test]
fn mv_of_a_tag_renames_links_in_rules_too_quotes_a_number_and_refuses_a_form_it_cannot_rewrite() {
    let (_t, root) = tagged_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/example.rule.yaml",
        &rule.replace(
            "summary: 一般投诉在5个工作日内办结。",
            "summary: 一般投诉在5个工作日内办结（同类课程见 [[tag:入门课]]）。",
        ),
    );
    let o = run(&root, &["mv", "tag:入门课", "tag:95598"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(read(&root, "content/rules/example.rule.yaml").contains("[[tag:95598]]"));
    assert!(read(&root, "content/basics/second.md").contains("  - \"95598\"\n"));
    // (check ran after it, clean: the quoted tag reads as text.)
    let said = stdout(&o) + &stderr(&o);
    assert!(said.contains("0 errors"), "{said}");

    // A list with a comment after it is not rewritten: refused, nothing written.
    let first = read(&root, "content/basics/first-lesson.md")
        .replace("tags: [入门]", "tags: [入门] # 入职用");
    write(&root, "content/basics/first-lesson.md", &first);
    let second = read(&root, "content/basics/second.md");
    let o = run(&root, &["mv", "tag:入门", "tag:基础"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("content/basics/first-lesson.md carries the tag `入门` in a form"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, "content/basics/first-lesson.md"), first);
    assert_eq!(read(&root, "content/basics/second.md"), second);
}

/// The line and column (from 1) where `needle` starts in `text`, as diagnostics count them.
fn at(text: &str, needle: &str) -> (usize, usize) {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle} in {text}"));
    let line = text[..i].matches('\n').count() + 1;
    let col = text[..i].rsplit('\n').next().unwrap().chars().count() + 1;
    (line, col)
}

#[test]
fn an_old_tag_names_page_forwards_to_the_tag_and_links_by_it_lead_there_with_a_warning() {
    let (t, root) = tagged_book();
    let tags = "\
# 标签
- tag: 入门
  description: 新员工**第一周**要读的页面。
  aliases: [新手, 入门指南]

- tag: 流程
  description: 先读 [[tag:新手]]。
";
    write(&root, "content/tags.yaml", tags);
    let lesson = "content/basics/first-lesson.md";
    let text = format!(
        "{}\n另见[旧标签](tag:入门指南)，`[[tag:新手]]` 是代码。\n",
        read(&root, lesson)
    );
    write(&root, lesson, &text);
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    // A warning at each link by an old name (not at the one in code), naming the tag.
    let (al, ac) = at(tags, "新手, 入门指南");
    let (dl, dc) = at(tags, "[[tag:新手]]");
    let (ll, lc) = at(&text, "[旧标签]");
    for want in [
        format!("warning: content/tags.yaml:{dl}:{dc}: the tag `新手` is now `入门`"),
        format!("link `tag:入门`; meanwhile the link leads to its page, `新手` being listed among its aliases (content/tags.yaml:{al}:{ac})"),
        format!("warning: {lesson}:{ll}:{lc}: the tag `入门指南` is now `入门`"),
    ] {
        assert!(err.contains(&want), "want {want}\n{err}");
    }
    assert_eq!(err.matches("is now `入门`").count(), 2, "{err}");

    // Each old name's page forwards, by a relative link (opened from disk as well).
    for old in ["新手", "入门指南"] {
        let html = std::fs::read_to_string(dest.join(format!("tags/{old}/index.html")))
            .unwrap_or_else(|e| panic!("tags/{old}/: {e}"));
        assert!(
            html.contains(
                "<meta http-equiv=\"refresh\" content=\"0; url=../../tags/入门/index.html\">"
            ) && html.contains("data-to=\"../../tags/入门/index.html\"")
                && html.contains("<script src=\"../../static/js/redirect."),
            "{html}"
        );
        assert!(html.contains(&format!("标签“{old}”已改为“入门”")), "{html}");
    }
    // The tag's page starts with its description; links by an old name lead to the tag.
    let page = std::fs::read_to_string(dest.join("tags/入门/index.html")).unwrap();
    assert!(
        page.contains("<h1>#入门</h1>\n<p>新员工<strong>第一周</strong>要读的页面。</p>"),
        "{page}"
    );
    let page = std::fs::read_to_string(dest.join("tags/流程/index.html")).unwrap();
    let link =
        "<a href=\"../../tags/%E5%85%A5%E9%97%A8/index.html\" title=\"标签“入门”：1 篇\">入门</a>";
    assert!(page.contains(&format!("先读 {link}。")), "{page}");
    // A learner's record of the old page follows it.
    let nav = std::fs::read_to_string(dest.join("nav.js")).unwrap();
    assert!(nav.contains("\"tags/新手/\":\"tags/入门/\""), "{nav}");
}

#[test]
fn mv_records_the_old_tag_in_tags_yaml_and_keeps_what_the_trainer_wrote_there() {
    let (t, root) = tagged_book();
    assert!(!root.join("content/tags.yaml").exists());
    let o = run(&root, &["mv", "tag:入门课", "tag:入门"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("入门课 is in its aliases in content/tags.yaml"),
        "{}",
        stdout(&o)
    );
    let tags = read(&root, "content/tags.yaml");
    assert!(
        tags.starts_with("# "),
        "a comment says what the file is: {tags}"
    );
    assert!(
        tags.ends_with("- tag: 入门\n  aliases: [入门课]\n"),
        "{tags}"
    );

    // A description and an entry of the trainer's own: a second rename keeps both, and the
    // entry follows the tag, its old names with it.
    write(
        &root,
        "content/tags.yaml",
        &format!("{tags}  description: 新员工要读的页面。\n\n# 办理流程\n- tag: 流程\n  description: 见 [[tag:入门]]。\n"),
    );
    let o = run(&root, &["mv", "tag:入门", "tag:基础"]);
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let tags = read(&root, "content/tags.yaml");
    assert!(
        tags.contains("- tag: 基础\n  aliases: [入门课, 入门]\n  description: 新员工要读的页面。\n\n# 办理流程\n- tag: 流程\n  description: 见 [[tag:基础]]。\n"),
        "{tags}"
    );
    let dest = t.path().join("site");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    for old in ["入门", "入门课"] {
        let html = std::fs::read_to_string(dest.join(format!("tags/{old}/index.html"))).unwrap();
        assert!(
            html.contains("data-to=\"../../tags/基础/index.html\""),
            "{html}"
        );
    }
}

#[test]
fn check_names_each_problem_of_tags_yaml_at_its_line() {
    let (_t, root) = tagged_book();
    // Tags 入门, 入门课, 流程 and YAML (slug `yaml`) are carried.
    let second =
        read(&root, "content/basics/second.md").replace("  - 流程\n", "  - 流程\n  - YAML\n");
    write(&root, "content/basics/second.md", &second);
    let tags = "\
# 标签
- tag: 入门
  aliases: [入门课, 新手]
- tag: 流程
  aliases:
    - 新手
    - yaml
- tag: 已删除的标签
  description: 没有页面带它。
- tag: 入门
";
    write(&root, "content/tags.yaml", tags);
    let o = run(&root, &["check"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    let (live_l, live_c) = at(tags, "入门课, 新手");
    let (twice_l, twice_c) = at(tags, "    - 新手");
    let (first_l, _) = at(tags, "新手]");
    let (slug_l, slug_c) = at(tags, "    - yaml");
    let (gone_l, gone_c) = at(tags, "已删除的标签");
    let dup_l = tags.lines().count();
    let (tag_l, tag_c) = at(&second, "入门课");
    let e = |l: usize, c: usize, level: &str, m: &str| {
        format!("{level}: content/tags.yaml:{l}:{c}: {m}")
    };
    for want in [
        e(
            live_l,
            live_c,
            "error",
            &format!("alias `入门课` of `入门` is a tag pages carry (content/basics/second.md:{tag_l}:{tag_c})"),
        ),
        "run `handbook mv tag:入门课 tag:入门`".to_string(),
        e(
            twice_l,
            twice_c + 6,
            "error",
            &format!("alias `新手` of `流程` is also an alias of `入门` (line {first_l})"),
        ),
        e(
            slug_l,
            slug_c + 6,
            "error",
            "the old page of `yaml`, tags/yaml/, is the page of the tag `YAML`",
        ),
        e(gone_l, gone_c, "warning", "no page carries the tag `已删除的标签`"),
        e(
            dup_l,
            8,
            "error",
            "the tag `入门` has a second entry (the first is on line 2)",
        ),
    ] {
        assert!(err.contains(&want), "want {want}\n{err}");
    }
}

#[test]
fn mv_to_a_tags_old_name_is_refused_and_changes_nothing() {
    let (_t, root) = tagged_book();
    write(
        &root,
        "content/tags.yaml",
        "- tag: 流程\n  aliases: [办理流程]\n",
    );
    let before = read(&root, "content/basics/second.md");
    let o = run(&root, &["mv", "tag:入门课", "tag:办理流程"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("`办理流程` is an old name of `流程` (content/tags.yaml:2:13)"),
        "{}",
        stderr(&o)
    );
    let o = run(&root, &["mv", "tag:办理流程", "tag:流程"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("no page has the tag `办理流程`: it is an old name of `流程` already"),
        "{}",
        stderr(&o)
    );
    assert_eq!(read(&root, "content/basics/second.md"), before);
    assert_eq!(
        read(&root, "content/tags.yaml"),
        "- tag: 流程\n  aliases: [办理流程]\n"
    );
}

#[test]
fn the_tags_index_shows_the_first_sentence_of_each_described_tag() {
    let (_t, root) = bundled_copy();
    // Beside the bundled entries: one long with no sentence end, one with markup and links
    // in its first sentence, one that is only a link.
    let mut tags = read(&root, "content/tags.yaml");
    tags.push_str(&format!(
        "\n- tag: 倾听\n  description: {}\n- tag: 共情\n  description: 站在**客户**的角度 <说话> 见 [[rule:TS-PROC-004]]。第二句不显示。\n- tag: 致歉\n  description: \"[[lesson:phone/empathy-apology]]\"\n",
        "听完再说".repeat(20)
    ));
    write(&root, "content/tags.yaml", &tags);
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
    let index = read(&dest, "tags/index.html");
    assert!(
        index.contains("<ul class=\"tag-cloud tag-cloud-described\">"),
        "{index}"
    );
    // A described tag: its lead beside it, plain text, the link described by it.
    let item = |name: &str| -> String {
        let at = index
            .find(&format!(">#{name}<span"))
            .unwrap_or_else(|| panic!("{name}: {index}"));
        let start = index[..at].rfind("<li").unwrap();
        let end = at + index[at..].find("</li>").unwrap();
        index[start..end].to_string()
    };
    let lead = |name: &str| -> Option<String> {
        let li = item(name);
        let id = li.split("aria-describedby=\"").nth(1)?.split('"').next()?;
        let open = format!("<span class=\"tag-desc\" id=\"{id}\">");
        let text = li.split(open.as_str()).nth(1)?.split("</span>").next()?;
        Some(text.to_string())
    };
    for (name, want) in [
        (
            "时限",
            "一般投诉 5 个工作日内办结，复杂的 10 个工作日，办结后 3 个工作日内答复投诉人。",
        ),
        (
            "95598",
            "95598 热线全天 24 小时受理投诉举报，接到来电先分清它属于七类业务中的哪一类。",
        ),
        (
            "共情",
            "站在客户的角度 &lt;说话&gt; 见 投诉处理的基本步骤（TS-PROC-004）。",
        ),
        ("致歉", "共情与致歉"),
    ] {
        assert_eq!(lead(name).as_deref(), Some(want), "{name}: {}", item(name));
    }
    // Cut at 60 characters, with `…`; a tag with no entry stays a pill of its own.
    let long = lead("倾听").unwrap();
    assert_eq!(long, format!("{}…", "听完再说".repeat(15)));
    assert!(
        item("八步流程").starts_with("<li><a class=\"tag\" href=\"../tags/八步流程/index.html\">#八步流程<span class=\"tag-count\">1<span class=\"visually-hidden\"> 页</span></span></a>"),
        "{}",
        item("八步流程")
    );
    assert!(!item("八步流程").contains("tag-desc"));
    // Every lead's id is the one its link names, once.
    let ids: Vec<&str> = index
        .split("id=\"tag-desc-")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    assert!(ids.len() >= 20, "{ids:?}");
    for id in &ids {
        assert_eq!(
            index
                .matches(&format!("aria-describedby=\"tag-desc-{id}\""))
                .count(),
            1,
            "{id}"
        );
    }
    // The tag's page shows the whole description, with its links.
    let page = read(&dest, "tags/共情/index.html");
    assert!(
        page.contains("<p>站在<strong>客户</strong>的角度 &lt;说话&gt; 见 <a href=\"../../rules/TS-PROC-004/index.html\""),
        "{page}"
    );
    assert!(page.contains("第二句不显示。"), "{page}");

    // A book with no descriptions keeps the plain cloud, and says nothing of them.
    std::fs::remove_file(root.join("content/tags.yaml")).unwrap();
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let index = read(&dest, "tags/index.html");
    assert!(index.contains("<ul class=\"tag-cloud\">"), "{index}");
    assert!(
        !index.contains("tag-desc") && !index.contains("附一句说明"),
        "{index}"
    );
}

#[test]
fn merging_two_tags_of_one_address_forwards_the_numbered_one_too() {
    // `YAML` has tags/yaml/, `yaml` tags/yaml-2/ (numbered in pinyin order, then as written).
    for (from, to) in [("yaml", "YAML"), ("YAML", "yaml")] {
        let (t, root) = tagged_book();
        let second =
            read(&root, "content/basics/second.md").replace("  - 流程\n", "  - 流程\n  - YAML\n");
        write(&root, "content/basics/second.md", &second);
        write(
            &root,
            "content/basics/third.md",
            "---\ntitle: 第三课\norder: 30\ntags: [yaml]\n---\n正文。\n",
        );
        let dest = t.path().join("site");
        let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let index = read(&dest, "tags/index.html");
        assert!(
            index.contains("href=\"../tags/yaml-2/index.html\">#yaml<"),
            "{index}"
        );

        let o = run(&root, &["mv", &format!("tag:{from}"), &format!("tag:{to}")]);
        assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
        std::fs::remove_dir_all(&dest).unwrap();
        let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
        // The tag keeps tags/yaml/; the numbered address forwards there.
        let page = read(&dest, "tags/yaml/index.html");
        assert!(page.contains(&format!("<h1>#{to}</h1>")), "{page}");
        let forward = read(&dest, "tags/yaml-2/index.html");
        assert!(
            forward.contains("data-to=\"../../tags/yaml/index.html\""),
            "{from} into {to}: {forward}"
        );
        let note = if from == "yaml" {
            "标签“yaml”已改为“YAML”".to_string()
        } else {
            "标签“yaml”的页面已移到新地址".to_string()
        };
        assert!(forward.contains(&note), "{forward}");
        let nav = read(&dest, "nav.js");
        assert!(nav.contains("\"tags/yaml-2/\":\"tags/yaml/\""), "{nav}");
        // Nothing else forwards: the old name's own address is the tag's page.
        let forwards = walkdir::WalkDir::new(dest.join("tags"))
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_name() == "index.html")
            .filter(|e| {
                std::fs::read_to_string(e.path())
                    .unwrap()
                    .contains("data-to=")
            })
            .count();
        assert_eq!(forwards, 1, "{from} into {to}");
    }
}

/// Of two tags of one address (`YAML` tags/yaml/, `yaml` tags/yaml-2/), one renamed apart, or
/// merged into a third, would leave an old name whose address is the other's page (and check
/// would then fail): refused, nothing written, saying to merge the two first.
#[test]
fn renaming_one_of_two_tags_of_one_address_apart_is_refused() {
    for (from, to) in [("yaml", "配置"), ("YAML", "配置"), ("yaml", "流程")] {
        let (_t, root) = tagged_book();
        let second =
            read(&root, "content/basics/second.md").replace("  - 流程\n", "  - 流程\n  - YAML\n");
        write(&root, "content/basics/second.md", &second);
        let third = "---\ntitle: 第三课\norder: 30\ntags: [yaml]\n---\n正文。\n";
        write(&root, "content/basics/third.md", third);
        let o = run(&root, &["mv", &format!("tag:{from}"), &format!("tag:{to}")]);
        let err = stderr(&o);
        assert!(!o.status.success(), "{from} -> {to}: {}", stdout(&o));
        assert!(
            err.contains("share one address (tags/yaml/)") && err.contains("merge them first"),
            "{err}"
        );
        assert_eq!(read(&root, "content/basics/third.md"), third);
        assert_eq!(read(&root, "content/basics/second.md"), second);
        assert!(
            !root.join("content/tags.yaml").exists()
                || !read(&root, "content/tags.yaml").contains("yaml")
        );
    }
}
