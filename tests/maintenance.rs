//! A team of trainers keeping the book in git: what two of them do on two branches merges
//! without a conflict, or is warned about once merged; links and stored progress keep
//! pointing at what they named when the course or a quiz grows.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

/// Runs git in `dir` (as a trainer with a name, whatever the machine's configuration).
fn git(dir: &Path, args: &[&str]) -> std::process::Output {
    Command::new("git")
        .current_dir(dir)
        .args([
            "-c",
            "user.name=培训师",
            "-c",
            "user.email=trainer@example.com",
        ])
        .args([
            "-c",
            "commit.gpgsign=false",
            "-c",
            "init.defaultBranch=main",
        ])
        .args(args)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .expect("run git")
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let o = git(dir, args);
    assert!(
        o.status.success(),
        "git {args:?}: {}{}",
        stdout(&o),
        stderr(&o)
    );
    stdout(&o)
}

/// The line of `text` holding `needle`, from 1.
fn line_of(text: &str, needle: &str) -> usize {
    text.lines()
        .position(|l| l.contains(needle))
        .unwrap_or_else(|| panic!("`{needle}` not in:\n{text}"))
        + 1
}

#[test]
fn two_trainers_adding_a_term_each_on_their_own_branch_merge_without_a_conflict() {
    if Command::new("git").arg("--version").output().is_err() {
        eprintln!("git is not installed: skipped");
        return;
    }
    let (_t, root) = bundled_copy();
    git_ok(&root, &["init", "-q"]);
    git_ok(&root, &["add", "-A"]);
    git_ok(&root, &["commit", "-q", "-m", "手册"]);
    let before = read(&root, "content/glossary.yaml");

    // 甲 adds a term about outages, 乙 one about bills, each on a branch of their own.
    git_ok(&root, &["checkout", "-q", "-b", "jia"]);
    let o = run(&root, &["new", "term", "停电通知单"]);
    assert!(o.status.success(), "{}", stderr(&o));
    git_ok(&root, &["commit", "-q", "-am", "术语：停电通知单"]);
    git_ok(&root, &["checkout", "-q", "main"]);
    git_ok(&root, &["checkout", "-q", "-b", "yi"]);
    let o = run(&root, &["new", "term", "电费发票"]);
    assert!(o.status.success(), "{}", stderr(&o));
    git_ok(&root, &["commit", "-q", "-am", "术语：电费发票"]);

    // Appended at the end, both change the same lines: the merge conflicts.
    let o = git(&root, &["merge", "-q", "--no-edit", "jia"]);
    assert!(
        o.status.success(),
        "the merge conflicts:\n{}{}\n{}",
        stdout(&o),
        stderr(&o),
        read(&root, "content/glossary.yaml")
    );

    // Each went beside the entry most like it, the file otherwise as it was.
    let merged = read(&root, "content/glossary.yaml");
    let at = |t: &str| line_of(&merged, &format!("- term: \"{t}\""));
    assert!(
        at("停电通知单") > line_of(&merged, "- term: 计划停电")
            && at("停电通知单") < line_of(&merged, "- term: 临时停电"),
        "{merged}"
    );
    assert!(
        at("电费发票") > line_of(&merged, "- term: 电费")
            && at("电费发票") < line_of(&merged, "- term: 电价"),
        "{merged}"
    );
    let kept: Vec<&str> = merged
        .lines()
        .filter(|l| !before.lines().any(|b| b == *l))
        .collect();
    assert!(
        kept.iter()
            .all(|l| l.contains("【待填写】") || l.contains("- term:") || l.contains("# related")),
        "{kept:?}"
    );
    assert_eq!(
        merged.lines().count(),
        before.lines().count() + 10,
        "{merged}"
    );

    // The merged book checks: only the two entries' text is left to write.
    let o = run(&root, &["check", "--format", "json"]);
    assert!(o.status.success(), "{}", stdout(&o));
    let out = stdout(&o);
    let warnings: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("\"type\":\"diagnostic\""))
        .collect();
    assert_eq!(warnings.len(), 4, "{out}");
    assert!(warnings.iter().all(|w| w.contains("【待填写】")), "{out}");
}

#[test]
fn a_new_term_goes_to_its_place_in_a_glossary_kept_in_pinyin_order() {
    let (_t, root) = init_book();
    let glossary = "# 术语表，按拼音排\n- term: 电费\n  definition: 客户用电应交的费用。\n\n- term: 工单\n  definition: 记录客户诉求的单据。\n\n- term: 投诉\n  definition: 客户对服务不满提出的意见。\n";
    write(&root, "content/glossary.yaml", glossary);
    let o = run(&root, &["new", "term", "回访"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let text = read(&root, "content/glossary.yaml");
    let at = line_of(&text, "- term: \"回访\"");
    assert!(
        at > line_of(&text, "- term: 工单") && at < line_of(&text, "- term: 投诉"),
        "{text}"
    );
    assert!(
        text.starts_with("# 术语表，按拼音排\n- term: 电费\n"),
        "{text}"
    );
    // The line it gives to write first is the new entry's.
    assert!(
        stdout(&o).contains(&format!("the first is on line {}", at + 1)),
        "{}",
        stdout(&o)
    );
}

#[test]
fn two_pages_of_one_folder_with_the_same_order_are_warned_about() {
    let (_t, root) = init_book();
    // Two trainers each add a lesson to basics/ on their own branch: both get the next
    // number, and the merge brings both.
    let (_t2, other) = {
        let t = tempfile::tempdir().unwrap();
        let other = t.path().join("book");
        let o = Command::new("cp")
            .arg("-r")
            .arg(&root)
            .arg(&other)
            .output()
            .unwrap();
        assert!(o.status.success());
        (t, other)
    };
    let o = run(
        &root,
        &[
            "new",
            "lesson",
            "basics/phone-intake",
            "--title",
            "电话受理",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let o = run(
        &other,
        &["new", "lesson", "basics/letters", "--title", "信函受理"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let letters = read(&other, "content/basics/letters.md");
    let phone = read(&root, "content/basics/phone-intake.md");
    assert!(letters.contains("order: 20") && phone.contains("order: 20"));
    write(&root, "content/basics/letters.md", &letters);

    let o = run(&root, &["check"]);
    assert!(o.status.success(), "warnings only: {}", stderr(&o));
    let err = stderr(&o);
    // 信函受理 (xin) comes after 电话受理 (dian) in the sidebar: the warning is at its `order`.
    let l = line_of(&letters, "order: 20");
    let want = format!(
        "warning: content/basics/letters.md:{l}:8: `order: 20` is also that of `电话受理` (content/basics/phone-intake.md:{l}) beside it in the sidebar"
    );
    assert!(err.contains(&want), "{want}\n{err}");
    assert!(err.contains("in steps of 10"), "{err}");
    assert_eq!(err.matches("`order: ").count(), 1, "{err}");
    let o = run(&root, &["check", "--strict"]);
    assert!(!o.status.success());

    // Given its own number, nothing is said.
    write(
        &root,
        "content/basics/letters.md",
        &letters.replacen("order: 20", "order: 30", 1),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains("`order: "), "{err}");

    // Sections side by side too (their `_index.md`), and not pages of different folders.
    write(
        &root,
        "content/intake/_index.md",
        "---\ntitle: 受理\norder: 10\n---\n\n受理。\n",
    );
    write(
        &root,
        "content/intake/visitors.md",
        "---\ntitle: 来访受理\norder: 20\n---\n\n来访。\n",
    );
    let err = stderr(&run(&root, &["check"]));
    let basics = read(&root, "content/basics/_index.md");
    assert!(basics.contains("order: 10"), "{basics}");
    // 基础知识 (ji) before 受理 (shou).
    assert!(
        err.contains("warning: content/intake/_index.md:3:8: `order: 10` is also that of `基础知识` (content/basics/_index.md:3)"),
        "{err}"
    );
    assert_eq!(err.matches("`order: ").count(), 1, "{err}");
}
