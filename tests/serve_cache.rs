//! The preview server's rebuilds keep what an edit did not change (the pages' Markdown, each
//! page as its template wrote it, the Markdown of rules' and quizzes' fields and of the print
//! pages): after any edit, the folder it serves must be byte for byte what a clean
//! `handbook build` of the same book writes.

mod common;

use handbook::{build, build_incremental, BuildOptions, Incremental};
use std::collections::BTreeMap;
use std::path::Path;

/// Every file under `dir` by its path there (`.handbook-made`, the list only `build` writes,
/// left out).
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .filter(|(rel, _)| rel != ".handbook-made")
        .collect()
}

/// The preview's rebuild, search index included, as `serve` makes it.
fn preview(root: &Path, dest: &Path, cache: &mut Incremental) {
    let opts = BuildOptions {
        dest: Some(dest.to_path_buf()),
        ..BuildOptions::default()
    };
    let (report, pending) = build_incremental(root, &opts, cache);
    assert!(report.ok(), "{:?}", report.diagnostics.items);
    if let Some(p) = pending {
        p.write(cache).unwrap();
    }
}

/// The preview folder against a clean build of the same book, file by file.
fn same_as_clean_build(root: &Path, served: &Path, clean: &Path, after: &str) {
    let _ = std::fs::remove_dir_all(clean);
    let opts = BuildOptions {
        dest: Some(clean.to_path_buf()),
        ..BuildOptions::default()
    };
    let report = build(root, &opts);
    assert!(report.ok(), "{:?}", report.diagnostics.items);
    let (a, b) = (files(served), files(clean));
    let only_served: Vec<&String> = a.keys().filter(|k| !b.contains_key(*k)).collect();
    let only_clean: Vec<&String> = b.keys().filter(|k| !a.contains_key(*k)).collect();
    let differ: Vec<&String> = a
        .iter()
        .filter(|(k, v)| b.get(*k).is_some_and(|w| w != *v))
        .map(|(k, _)| k)
        .collect();
    assert!(
        only_served.is_empty() && only_clean.is_empty() && differ.is_empty(),
        "after {after}: only in the preview {only_served:?}, only in the clean build \
         {only_clean:?}, different {differ:?}"
    );
}

fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let text = common::read(root, rel);
    assert!(text.contains(from), "{rel} has no {from:?}");
    common::write(root, rel, &text.replacen(from, to, 1));
}

#[test]
fn after_each_edit_the_preview_is_what_a_clean_build_writes() {
    let (t, root) = common::bundled_copy();
    let served = t.path().join("preview");
    let clean = t.path().join("clean");
    let mut cache = Incremental::default();
    let step = |what: &str, cache: &mut Incremental| {
        preview(&root, &served, cache);
        same_as_clean_build(&root, &served, &clean, what);
    };
    step("the first build", &mut cache);
    // A lesson's text: its page, its print page, the search index.
    let lesson = "content/procedure/investigation.md";
    let text = common::read(&root, lesson);
    common::write(
        &root,
        lesson,
        &format!("{text}\n新加的一段：先核实，再答复。\n"),
    );
    step("a lesson's text", &mut cache);
    // A lesson's title: the sidebar, breadcrumbs, neighbours' links, rule cards' backlinks,
    // the print contents, the course.
    edit(
        &root,
        lesson,
        "title: 调查核实与责任认定",
        "title: 调查核实与认定责任",
    );
    step("a lesson's title", &mut cache);
    // A rule's summary and a step: its card, its print card, the lessons that show it (as the
    // hover text of a link, or the rule itself in a ```rule``` block), the rules' index.
    let rule = "content/rules/ts-proc-001.rule.yaml";
    edit(
        &root,
        rule,
        "summary: 登记后先判断",
        "summary: 登记以后先判断",
    );
    edit(&root, rule, "以婉转的方式答复客户", "以委婉的方式答复客户");
    step("a rule's fields", &mut cache);
    // A glossary term's definition: the glossary, the terms' hints, rules and lessons that
    // show it.
    edit(
        &root,
        "content/glossary.yaml",
        "通过各种渠道向供电企业提出并要求处理的意见",
        "通过各种渠道向供电企业提出、要求处理的意见",
    );
    step("a glossary term", &mut cache);
    // A template of the book's own, overriding the theme's: every page made with it.
    let base = common::read(&root, "themes/default/templates/base.html");
    common::write(
        &root,
        "templates/base.html",
        &format!("{base}<!-- 本书自己的 -->\n"),
    );
    step("a template override", &mut cache);
    // A mistake in it: reported at its file and line at each rebuild until mended, then the
    // mended template used (the preview keeps the parsed templates between rebuilds).
    let own = common::read(&root, "templates/base.html");
    common::write(
        &root,
        "templates/base.html",
        &format!("{own}{{{{ 1 + }}}}\n"),
    );
    for _ in 0..2 {
        let opts = BuildOptions {
            dest: Some(served.clone()),
            ..BuildOptions::default()
        };
        let (report, pending) = build_incremental(&root, &opts, &mut cache);
        assert!(pending.is_none() && !report.ok());
        let d = &report.diagnostics.items[0];
        assert_eq!(d.file, Path::new("templates/base.html"), "{d:?}");
        assert_eq!(d.line, own.lines().count() + 1, "{d:?}");
    }
    common::write(
        &root,
        "templates/base.html",
        &format!("{base}<!-- 本书自己的，改过 -->\n"),
    );
    step("a template mended", &mut cache);
    // And taken away again: the theme's, as before.
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    step("a template override removed", &mut cache);
    // book.toml: the footer of every page.
    let toml = common::read(&root, "book.toml");
    let footer = "footer = \"内容依据公开资料整理，仅供内部培训使用。\"";
    assert!(toml.contains(footer), "book.toml has no footer");
    common::write(
        &root,
        "book.toml",
        &toml.replace(footer, "footer = \"仅供内部培训使用。\""),
    );
    step("book.toml", &mut cache);
    // A lesson's text once more, after all that.
    let text = common::read(&root, lesson);
    common::write(&root, lesson, &text.replace("新加的一段", "改过的一段"));
    step("a lesson's text again", &mut cache);
}
