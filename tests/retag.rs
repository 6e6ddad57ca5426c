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
    assert!(!dest.join("tags/入门课").exists());

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
