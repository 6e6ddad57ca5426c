//! `handbook mv FOLDER NEW`: a whole folder (a section) moved or renamed with everything in it,
//! and everything that names what is in it rewritten.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Every file under the book's folder (hidden ones too), with its bytes; not the built site.
fn files(root: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .filter_entry(|e| e.file_name() != "site")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap().to_path_buf();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

fn both(o: &std::process::Output) -> String {
    format!("{}\n{}", stdout(o), stderr(o))
}

#[test]
fn a_folder_moves_with_everything_in_it_and_its_old_addresses_forward() {
    let (_t, root) = bundled_copy();
    // A picture in the folder, shown from inside it and from another folder; a quiz file kept
    // beside the lessons it tests.
    write(
        &root,
        "content/procedure/img/flow.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let overview = "content/procedure/overview.md";
    write(
        &root,
        overview,
        &(read(&root, overview) + "\n![流程图](img/flow.svg)\n"),
    );
    let types = "content/basics/complaint-types.md";
    write(
        &root,
        types,
        &(read(&root, types) + "\n![流程图](../procedure/img/flow.svg)\n"),
    );
    std::fs::rename(
        root.join("content/quizzes/procedure-time-limits.quiz.yaml"),
        root.join("content/procedure/procedure-time-limits.quiz.yaml"),
    )
    .unwrap();
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", both(&o));
    let lessons: Vec<String> = std::fs::read_dir(root.join("content/procedure"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "_index.md")
        .map(|n| n.trim_end_matches(".md").to_string())
        .collect();
    assert_eq!(lessons.len(), 5);

    let o = run(&root, &["mv", "procedure", "service/procedure"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", both(&o));
    assert!(
        out.contains("moved folder content/procedure -> content/service/procedure (5 lessons, 8 files in all;"),
        "{out}"
    );
    assert!(
        out.contains("rewrote content/course.yaml (5 references)"),
        "{out}"
    );
    // (The new folder `service` holds only the one moved: a section in the sidebar all the
    // same, whose `_index.md` is to be written.)
    assert!(out.contains("; 0 errors, 1 warning"), "{out}");
    assert!(
        both(&o).contains("the folder `service` has no `_index.md`"),
        "{}",
        both(&o)
    );

    // Every file is at the new place, nothing at the old.
    assert!(!root.join("content/procedure").exists());
    for f in [
        "_index.md",
        "img/flow.svg",
        "procedure-time-limits.quiz.yaml",
    ] {
        assert!(
            root.join("content/service/procedure").join(f).is_file(),
            "{f}"
        );
    }
    // Each page's old path in its aliases; links inside the folder as written.
    for l in &lessons {
        let text = read(&root, &format!("content/service/procedure/{l}.md"));
        assert!(
            text.contains(&format!("aliases: [procedure/{l}]")),
            "{l}: {text}"
        );
    }
    assert!(read(&root, "content/service/procedure/_index.md").contains("aliases: [procedure]"));
    let moved = read(&root, "content/service/procedure/overview.md");
    assert!(moved.contains("](time-limits.md"), "{moved}");
    assert!(moved.contains("![流程图](img/flow.svg)"), "{moved}");
    // Its links out of the folder, a level deeper now.
    assert!(
        moved.contains("](../../prescriptions/settlement.md)"),
        "{moved}"
    );
    // What names it elsewhere: links, pictures, course items, questions' lessons.
    let types = read(&root, types);
    assert!(
        types.contains("](../service/procedure/investigation.md)"),
        "{types}"
    );
    assert!(
        types.contains("![流程图](../service/procedure/img/flow.svg)"),
        "{types}"
    );
    assert!(!types.contains("../procedure/"), "{types}");
    assert!(read(&root, "content/course.yaml").contains("- lesson: service/procedure/overview\n"));
    assert!(read(
        &root,
        "content/service/procedure/procedure-time-limits.quiz.yaml"
    )
    .contains("lessons: [service/procedure/time-limits]"));
    assert!(read(&root, "content/index.md").contains("](service/procedure/overview.md)"));

    // The site: the pages at their new addresses, the old ones forwarding.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", both(&o));
    for l in &lessons {
        assert!(root
            .join(format!("site/service/procedure/{l}/index.html"))
            .is_file());
        let forward = read(&root, &format!("site/procedure/{l}/index.html"));
        assert!(
            forward.contains(&format!("../../service/procedure/{l}/index.html")),
            "{l}: {forward}"
        );
    }
    let section = read(&root, "site/procedure/index.html");
    assert!(
        section.contains("../service/procedure/index.html"),
        "{section}"
    );
    assert!(root.join("site/service/procedure/img/flow.svg").is_file());
    assert!(root
        .join("site/quizzes/procedure-time-limits/index.html")
        .is_file());
    let page = read(&root, "site/basics/complaint-types/index.html");
    assert!(
        links(&page)
            .iter()
            .any(|l| l == "../../service/procedure/investigation/index.html"),
        "{:?}",
        links(&page)
    );
}

#[test]
fn a_folder_renamed_and_back_leaves_the_book_as_it_was_but_for_the_aliases() {
    let (_t, root) = bundled_copy();
    // A folder in it without `_index.md`; a link that goes out of the folder and back in by its
    // old name.
    write(
        &root,
        "content/procedure/forms/record.md",
        "---\ntitle: 登记表\norder: 10\n---\n\n见[办理时限](../time-limits.md)和[投诉分类](../../basics/complaint-types.md)。\n",
    );
    let overview = "content/procedure/overview.md";
    write(
        &root,
        overview,
        &(read(&root, overview) + "\n[登记表](forms/record.md)\n"),
    );
    let before = files(&root);

    let o = run(&root, &["mv", "content/procedure/", "handling"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", both(&o));
    assert!(out.contains("(6 lessons, 7 files in all;"), "{out}");
    assert!(
        out.contains("note: procedure/forms/ had no _index.md, so its old address does not forward; to keep it, add handling/forms/_index.md with `aliases: [procedure/forms]`"),
        "{out}"
    );
    assert!(out.contains("; 0 errors"), "{out}");
    let record = read(&root, "content/handling/forms/record.md");
    assert!(
        record.contains("aliases: [procedure/forms/record]"),
        "{record}"
    );
    assert!(record.contains("[办理时限](../time-limits.md)"), "{record}");
    let moved = read(&root, "content/handling/overview.md");
    assert!(moved.contains("[登记表](forms/record.md)"), "{moved}");

    let o = run(&root, &["mv", "handling", "procedure"]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stdout(&o).contains("; 0 errors"), "{}", stdout(&o));
    let after = files(&root);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the same files, no file left over"
    );
    let without_aliases = |b: &[u8]| {
        String::from_utf8_lossy(b)
            .lines()
            .filter(|l| !l.starts_with("aliases: "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    for (f, bytes) in &before {
        let now = &after[f];
        if f.starts_with("content/procedure") && f.extension().is_some_and(|e| e == "md") {
            assert_eq!(
                without_aliases(bytes),
                without_aliases(now),
                "{}",
                f.display()
            );
            // (Its new path back out of them: the way there undone.)
            let text = String::from_utf8_lossy(now);
            assert!(
                text.contains("aliases: [handling"),
                "{}: {text}",
                f.display()
            );
            assert!(!text.contains("procedure/overview]"), "{text}");
        } else {
            assert!(bytes == now, "{} changed", f.display());
        }
    }
}

#[test]
fn a_refused_folder_move_changes_no_byte() {
    let (_t, root) = bundled_copy();
    write(&root, "content/archive/2019.pdf", "%PDF-1.4");
    write(&root, "content/notes", "不是文件夹");
    // (An old address another page keeps.)
    write(
        &root,
        "content/basics/extra.md",
        "---\ntitle: 补充\naliases: [handling/overview]\n---\n\n正文。\n",
    );
    let before = files(&root);
    for (args, says) in [
        (
            vec!["mv", "procedur", "handling"],
            "no lesson or folder `procedur` in content (did you mean `procedure`?)",
        ),
        (vec!["mv", "procedure", "procedure"], "`procedure` is where the folder is already"),
        (vec!["mv", "procedure", "basics"], "`basics` is a page already"),
        (vec!["mv", "procedure", "archive"], "`archive` exists already"),
        (
            vec!["mv", "procedure", "procedure/inner"],
            "`procedure/inner` is inside `procedure`: a folder cannot move into itself",
        ),
        (
            vec!["mv", "procedure", "rules/procedure"],
            "`rules/` is used by a generated page; put the folder elsewhere",
        ),
        (vec!["mv", "procedure", "search"], "`search/` is used by a generated page"),
        (vec!["mv", "procedure", "流程"], "`流程` cannot be part of a folder's path"),
        (
            vec!["mv", "procedure", "Service/procedure"],
            "`Service` cannot be part of a folder's path",
        ),
        (
            vec!["mv", "procedure", "basics/complaint-types/procedure"],
            "`basics/complaint-types` is a lesson: a folder `basics/complaint-types/` would be the same page",
        ),
        (vec!["mv", "content", "x"], "content is the content folder itself"),
        (
            vec!["mv", "procedure", "handling"],
            "`handling/overview` is an old address of content/basics/extra.md (in its aliases)",
        ),
        // The folder cannot be made (a file of that name): nothing was written.
        (vec!["mv", "procedure", "notes/procedure"], "nothing was changed"),
    ] {
        let o = run(&root, &args);
        assert!(!o.status.success(), "{args:?}");
        assert!(stderr(&o).contains(says), "{args:?}: {}", stderr(&o));
        assert!(files(&root) == before, "{args:?} changed something");
    }
    // A file that names the folder's lessons cannot take its new text: nothing written.
    std::fs::create_dir(root.join("content/.index.md.mv~")).unwrap();
    let o = run(&root, &["mv", "procedure", "service/procedure"]);
    assert!(!o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("cannot write beside") && err.contains("nothing was changed"),
        "{err}"
    );
    assert!(files(&root) == before);
    std::fs::remove_dir(root.join("content/.index.md.mv~")).unwrap();
    // A lesson in it whose front matter does not read (an alias put in would be lost).
    let limits = "content/procedure/time-limits.md";
    write(
        &root,
        limits,
        &read(&root, limits).replacen("order:", "order: [", 1),
    );
    let before = files(&root);
    let o = run(&root, &["mv", "procedure", "service/procedure"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o)
            .contains("a page in it has a mistake in its front matter (`procedure/time-limits`)"),
        "{}",
        stderr(&o)
    );
    assert!(files(&root) == before);
}

#[test]
fn a_folder_moved_into_a_folder_without_index_is_checked_as_a_lesson_move_is() {
    let (_t, root) = bundled_copy();
    write(
        &root,
        "content/service/hotline.md",
        "---\ntitle: 热线\n---\n\n见[全流程](../procedure/overview.md)。\n",
    );
    let o = run(&root, &["mv", "procedure", "service/procedure"]);
    assert!(o.status.success(), "{}", both(&o));
    // What is left to do, as after a lesson moved there: the folder's `_index.md`.
    assert!(
        both(&o).contains("the folder `service` has no `_index.md`"),
        "{}",
        both(&o)
    );
    assert!(stdout(&o).contains("0 errors, 1 warning"), "{}", stdout(&o));
    assert!(read(&root, "content/service/hotline.md").contains("[全流程](procedure/overview.md)"));
    // Into a new folder that holds only the moved one (no lesson of its own): in the sidebar
    // all the same, told too.
    let o = run(&root, &["mv", "phone", "frontline/phone"]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(
        both(&o).contains("the folder `frontline` has no `_index.md`"),
        "{}",
        both(&o)
    );
    let o = run(&root, &["mv", "frontline/phone", "phone"]);
    assert!(o.status.success(), "{}", both(&o));
    // In Chinese, the same.
    let o = run_with_env(
        &root,
        &["mv", "service/procedure", "procedure"],
        &[("HANDBOOK_LANG", "zh")],
    );
    assert!(o.status.success(), "{}", both(&o));
    assert!(
        stdout(&o).contains(
            "已移动文件夹 content/service/procedure -> content/procedure（5 篇课程，共 6 个文件；"
        ),
        "{}",
        stdout(&o)
    );
}

/// A folder named `index` (beside the home page `index.md`) is moved when typed with its `/`.
#[test]
fn a_folder_named_index_moves_when_typed_with_its_slash() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/index/_index.md",
        "---\ntitle: 投诉办理\n---\n",
    );
    write(
        &root,
        "content/index/limits.md",
        "---\ntitle: 时限\n---\n\n正文。\n",
    );
    let o = run(&root, &["mv", "index/", "procedure"]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(root.join("content/procedure/limits.md").is_file());
    assert!(!root.join("content/index").exists());
    assert!(
        root.join("content/index.md").is_file(),
        "the home page stays"
    );
}

/// What names a file of a folder that moves from raw HTML (`<img src>`, `<a href>`) or from a
/// YAML file's Markdown fields (which link from the content folder: a glossary term's, and a
/// rule file's that moves with the folder) follows it; the folder's own HTML links out of it
/// are read from its new place, those within it left as written.
#[test]
fn raw_html_and_yaml_markdown_follow_a_moved_folder_and_the_book_checks_clean() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/procedure/_index.md",
        "---\ntitle: 办理流程\n---\n",
    );
    write(
        &root,
        "content/procedure/img/flow.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let limits = concat!(
        "---\ntitle: 办理时限\n---\n\n## 时限\n\n",
        "<figure><img src=\"img/flow.svg\" alt=\"流程\"></figure>\n\n",
        "见<a href=\"../basics/first-lesson.md\">认识投诉</a>。\n",
    );
    write(&root, "content/procedure/limits.md", limits);
    let rule = concat!(
        "id: EX-PROC-002\n",
        "title: 办结时限\n",
        "category: procedure\n",
        "summary: \"见[办理时限](procedure/limits.md#时限)与![流程](procedure/img/flow.svg)。\"\n",
        "severity: high\n",
        "escalation: |\n",
        "  超时的按[办理时限](procedure/limits.md)上报，[入门](basics/first-lesson.md)。\n",
        "version: \"1.0\"\n",
        "effective: 2025-01-01\n",
        "owner: 客户服务中心\n",
    );
    write(&root, "content/procedure/limits.rule.yaml", rule);
    let glossary =
        "- term: 办结\n  definition: 答复客户，见![流程](procedure/img/flow.svg \"流程\")。\n";
    write(&root, "content/glossary.yaml", glossary);
    let lesson = "content/basics/first-lesson.md";
    let first = read(&root, lesson);
    let added = "\n<p><a href='../procedure/limits.md#时限'>办理时限</a><img src=\"../procedure/img/flow.svg\"></p>\n";
    write(&root, lesson, &format!("{first}{added}"));
    let o = run(&root, &["check"]);
    assert!(stdout(&o).contains("0 errors, 0 warnings"), "{}", both(&o));

    let o = run(&root, &["mv", "procedure", "basics/procedure"]);
    let out = stdout(&o);
    assert!(o.status.success(), "{}", both(&o));
    assert!(
        out.contains("rewrote content/basics/first-lesson.md (2 references)"),
        "{out}"
    );
    assert!(
        out.contains("rewrote content/glossary.yaml (1 reference)"),
        "{out}"
    );
    assert!(out.contains("0 errors, 0 warnings"), "{out}");
    assert_eq!(
        read(&root, "content/basics/procedure/limits.md"),
        limits
            .replace(
                "title: 办理时限\n",
                "title: 办理时限\naliases: [procedure/limits]\n"
            )
            .replace("../basics/first-lesson.md", "../first-lesson.md")
    );
    assert_eq!(
        read(&root, "content/basics/procedure/limits.rule.yaml"),
        rule.replace("(procedure/", "(basics/procedure/")
    );
    assert_eq!(
        read(&root, "content/glossary.yaml"),
        glossary.replace("(procedure/", "(basics/procedure/")
    );
    assert_eq!(
        read(&root, lesson),
        format!("{first}{}", added.replace("../procedure/", "procedure/"))
    );
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", both(&o));
    assert!(stdout(&o).contains("0 errors, 0 warnings"), "{}", both(&o));
}

#[test]
fn a_folder_of_one_lesson_is_counted_as_one() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/extra/only.md",
        "---\ntitle: 唯一一课\n---\n\n正文。\n",
    );
    write(&root, "content/extra/_index.md", "---\ntitle: 附加\n---\n");
    let o = run(&root, &["mv", "extra", "more"]);
    let out = both(&o);
    assert!(o.status.success(), "{out}");
    // (Its `_index.md` is a file, not a lesson.)
    assert!(out.contains("(1 lesson, 2 files in all;"), "{out}");
    std::fs::remove_file(root.join("content/more/_index.md")).unwrap();
    let o = run(&root, &["mv", "more", "extra"]);
    let out = both(&o);
    assert!(o.status.success(), "{out}");
    assert!(out.contains("(1 lesson, 1 file in all;"), "{out}");
}
