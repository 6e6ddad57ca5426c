//! `handbook mv`: a lesson moved or renamed with everything that names it rewritten.

mod common;
use common::*;

#[test]
fn moving_a_lesson_rewrites_what_names_it_and_the_book_checks_clean() {
    let (_t, root) = bundled_copy();
    let o = run(
        &root,
        &["mv", "procedure/time-limits", "handling/deadlines"],
    );
    let out = stdout(&o);
    let err = stderr(&o);
    assert!(o.status.success(), "{out}\n{err}");
    assert!(
        out.contains("moved content/procedure/time-limits.md -> content/handling/deadlines.md"),
        "{out}"
    );
    assert!(
        out.contains("rewrote content/course.yaml (1 reference)"),
        "{out}"
    );
    assert!(out.contains("; 0 errors"), "{out}");
    assert!(!root.join("content/procedure/time-limits.md").exists());
    let moved = read(&root, "content/handling/deadlines.md");
    assert!(
        moved.contains("aliases: [procedure/time-limits]"),
        "{moved}"
    );
    // Its own links, read from its new folder.
    assert!(moved.contains("](../procedure/overview.md)"), "{moved}");
    assert!(read(&root, "content/course.yaml").contains("- lesson: handling/deadlines\n"));
    // The old address forwards; the site builds.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let forward = read(&root, "site/procedure/time-limits/index.html");
    assert!(
        forward.contains("../../handling/deadlines/index.html"),
        "{forward}"
    );
}

#[test]
fn a_rename_in_its_folder_keeps_neighbours_links_short_and_a_mistake_changes_nothing() {
    let (_t, root) = bundled_copy();
    let before = read(&root, "content/procedure/overview.md");
    assert!(
        before.contains("](time-limits.md"),
        "the neighbour links it"
    );
    for (args, want) in [
        (
            ["mv", "procedure/no-such", "procedure/x"],
            "no lesson `procedure/no-such`",
        ),
        (
            ["mv", "procedure/time-limits", "procedure/overview"],
            "`procedure/overview` is a page already",
        ),
        (
            ["mv", "procedure/time-limits", "procedure/时限"],
            "`时限` cannot be part of a lesson's path",
        ),
        (
            ["mv", "procedure/time-limits", "rules/x"],
            "`rules/` is used by a generated page",
        ),
        (["mv", "procedure", "x/y"], "not a lesson"),
    ] {
        let o = run(&root, &args);
        assert!(!o.status.success());
        assert!(stderr(&o).contains(want), "{args:?}: {}", stderr(&o));
    }
    assert_eq!(read(&root, "content/procedure/overview.md"), before);
    let o = run(
        &root,
        &[
            "mv",
            "content/procedure/time-limits.md",
            "procedure/deadlines.md",
        ],
    );
    assert!(o.status.success(), "{}{}", stdout(&o), stderr(&o));
    let after = read(&root, "content/procedure/overview.md");
    assert!(
        after.contains("](deadlines.md") && !after.contains("time-limits.md"),
        "{after}"
    );
    assert!(
        stdout(&o).contains("0 errors, 0 warnings"),
        "{}",
        stdout(&o)
    );
}
