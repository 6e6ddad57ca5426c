//! "No panic on any input": `check` runs over hundreds of broken variants of real content
//! files (lines cut, doubled, swapped, re-indented; YAML and Markdown punctuation dropped in;
//! values replaced; files emptied, truncated, or made invalid UTF-8). Each run must return a
//! report, never panic, and every error it reports must say something at a file, line and
//! column.
//! The variants are drawn from a fixed seed, so a failure names the case that reproduces it.

mod common;
use common::*;
use std::path::{Path, PathBuf};

/// xorshift64*: a small deterministic generator (no dependency needed for a test's dice).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

/// Text dropped into a file: YAML and Markdown punctuation, odd scalars, fence and link
/// openers, invisible characters.
const TOKENS: &[&str] = &[
    ":",
    ": ",
    "- ",
    "  ",
    "\t",
    "[",
    "]",
    "{",
    "}",
    "```",
    "```rule ",
    "```quiz ",
    "```dialogue good ",
    "---\n",
    "\"",
    "'",
    "# ",
    "[[rule:",
    "[[",
    "]]",
    "](",
    "\n",
    "&",
    "*",
    "|",
    "> [!WARNING]\n",
    "!",
    "%",
    "@",
    "0",
    "-1",
    "1e309",
    "null",
    "~",
    "？",
    "：",
    "\u{feff}",
    "\r",
    "\u{2028}",
    "<script>",
    "{#",
    "[^1]",
    "<!--",
    "{{",
    "{%",
    "\\",
    "..",
    "/",
    "id: ",
    "type: ",
    "next: ",
    "&a ",
    "*a",
    "!!str ",
];

/// Values put in place of what follows a line's `key:`.
const VALUES: &[&str] = &[
    "",
    "[]",
    "{}",
    "-5",
    "0",
    "99999999999999999999",
    "1.5",
    "true",
    "null",
    "~",
    "a: b",
    "'",
    "\"x",
    "[a, b",
    "2025-02-30",
    "9999-99-99",
    "TS-NOPE-999",
    "rule:",
    "lesson:../..",
    "|",
    ">",
    "&x",
    "*x",
    "\"\"",
    "不存在",
    "- x",
    "[[rule:TS-NOPE-1]]",
];

fn mutate(text: &str, dice: &mut Dice) -> Vec<u8> {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let n = lines.len();
    match dice.below(12) {
        0 => {
            // Truncated at a character.
            let cut: Vec<char> = text.chars().collect();
            let at = dice.below(cut.len() + 1);
            return cut[..at].iter().collect::<String>().into_bytes();
        }
        1 if n > 0 => {
            lines.remove(dice.below(n));
        }
        2 if n > 0 => {
            let i = dice.below(n);
            let l = lines[i].clone();
            lines.insert(i, l);
        }
        3 if n > 1 => {
            let (a, b) = (dice.below(n), dice.below(n));
            lines.swap(a, b);
        }
        4..=6 => {
            let mut chars: Vec<char> = text.chars().collect();
            let at = dice.below(chars.len() + 1);
            let t = dice.pick(TOKENS);
            chars.splice(at..at, t.chars());
            return chars.into_iter().collect::<String>().into_bytes();
        }
        7 if n > 0 => {
            let i = dice.below(n);
            if let Some(k) = lines[i].find(':') {
                lines[i] = format!("{}: {}", &lines[i][..k], dice.pick(VALUES));
            }
        }
        8 if n > 0 => {
            let i = dice.below(n);
            if lines[i].starts_with("  ") && dice.below(2) == 0 {
                lines[i] = lines[i][2..].to_string();
            } else {
                lines[i] = format!("  {}", lines[i]);
            }
        }
        9 => {
            // Invalid UTF-8 in the middle of a line.
            let mut bytes = text.as_bytes().to_vec();
            let mut at = dice.below(bytes.len() + 1);
            while at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
                at += 1;
            }
            bytes.splice(at..at, [0xFF, 0xFE, 0xC3]);
            return bytes;
        }
        10 => return Vec::new(),
        _ if n > 0 => {
            // A line's text in place of another's.
            let (a, b) = (dice.below(n), dice.below(n));
            lines[a] = lines[b].clone();
        }
        _ => {}
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

thread_local! {
    static QUIET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, catching a panic as its message. The panic is not printed (the failure names its
/// case instead), on this thread only: the process's hook stays in place for the other test
/// of this file, which runs beside it, and for the assertions that end each test.
fn quietly<T>(f: impl FnOnce() -> T + std::panic::UnwindSafe) -> Result<T, String> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(|q| q.get()) {
                default(info)
            }
        }));
    });
    QUIET.with(|q| q.set(true));
    let result = std::panic::catch_unwind(f);
    QUIET.with(|q| q.set(false));
    result.map_err(|e| {
        e.downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
            .unwrap_or_default()
    })
}

fn assert_none_failed(failures: &[String], cases: usize) {
    assert!(
        failures.is_empty(),
        "{} of {cases} cases failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

/// The text files of a book: what a trainer edits.
fn sources(root: &Path) -> Vec<PathBuf> {
    let mut out = vec![root.join("book.toml")];
    for e in walkdir::WalkDir::new(root.join("content")) {
        let e = e.unwrap();
        let p = e.path();
        if p.extension()
            .is_some_and(|x| x == "md" || x == "yaml" || x == "yml")
        {
            out.push(p.to_path_buf());
        }
    }
    out.sort();
    out
}

// The sweep is two tests of half the cases each, which the two test threads run side by side.
#[test]
fn check_never_panics_on_broken_content_and_places_every_error() {
    check_sweep(0);
}

#[test]
fn check_never_panics_on_broken_content_and_places_every_error_second_half() {
    check_sweep(1);
}

/// Half `half` (0 or 1) of the cases of `check` over broken content.
fn check_sweep(half: usize) {
    // The starter book with some of the bundled handbook's richest files: a list of rules, a
    // branching scenario, an exam, a lesson with dialogues, callouts, tables and a rule block,
    // the glossary and the course (whose links to pages not copied are errors of their own).
    let (_t, root) = init_book();
    let repo = repo();
    for f in [
        "content/rules/complaint-types.rules.yaml",
        "content/rules/ts-proc-002.rule.yaml",
        "content/quizzes/scenario-outage.quiz.yaml",
        "content/quizzes/final-exam.quiz.yaml",
        "content/procedure/time-limits.md",
        "content/glossary.yaml",
        "content/course.yaml",
    ] {
        let to = root.join(f);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(repo.join(f), &to).unwrap();
    }
    let files = sources(&root);
    let originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let mut failures = Vec::new();
    // HANDBOOK_ROBUSTNESS_CASES=N runs more cases; =FROM..TO a range (to replay one).
    let range = std::env::var("HANDBOOK_ROBUSTNESS_CASES").unwrap_or_default();
    let (from, to): (usize, usize) = match range.split_once("..") {
        Some((a, b)) => (a.parse().unwrap_or(0), b.parse().unwrap_or(0)),
        None => (0, range.parse().unwrap_or(240)),
    };
    let mid = from + to.saturating_sub(from) / 2;
    let (from, to) = if half == 0 { (from, mid) } else { (mid, to) };
    let cases = to.saturating_sub(from);
    for case in from..to {
        let mut dice =
            Dice(0x9E37_79B9_7F4A_7C15 ^ (case as u64 + 1).wrapping_mul(0xD1B5_4A32_D192_ED03));
        let i = dice.below(files.len());
        let text = String::from_utf8_lossy(&originals[i]).into_owned();
        let mut bytes = mutate(&text, &mut dice);
        // Sometimes two or three mistakes in the same file.
        for _ in 0..dice.below(3) {
            bytes = mutate(&String::from_utf8_lossy(&bytes), &mut dice);
        }
        std::fs::write(&files[i], &bytes).unwrap();
        if std::env::var_os("HANDBOOK_ROBUSTNESS_DUMP").is_some() {
            std::fs::write(
                std::env::temp_dir().join(format!("robustness-{case}")),
                &bytes,
            )
            .unwrap();
        }
        let rel = files[i].strip_prefix(&root).unwrap().display().to_string();
        match quietly(|| handbook::check(&root)) {
            Err(why) => {
                failures.push(format!(
                    "case {case}: check panicked ({why}) on {rel}:\n{}",
                    String::from_utf8_lossy(&bytes)
                ));
            }
            Ok(report) => {
                for d in &report.diagnostics.items {
                    // Every content error names its file, line and column.
                    let unplaced = d.is_error() && (d.line == 0 || d.col == 0);
                    if d.message.trim().is_empty() || d.file.as_os_str().is_empty() || unplaced {
                        failures.push(format!(
                            "case {case}: a problem without a file, line, column or message: {d:?}, on {rel}:\n{}",
                            String::from_utf8_lossy(&bytes)
                        ));
                    }
                }
            }
        }
        std::fs::write(&files[i], &originals[i]).unwrap();
    }
    assert_none_failed(&failures, cases);
}

/// Every file of a site and a hash of its bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, u64> {
    use std::hash::{Hash, Hasher};
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let mut h = std::collections::hash_map::DefaultHasher::new();
            std::fs::read(e.path()).unwrap().hash(&mut h);
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                h.finish(),
            )
        })
        .collect()
}

#[test]
fn build_never_panics_on_broken_content_and_a_failed_build_keeps_the_last_site() {
    // The starter book (which builds) broken one file at a time: a build indexes for search
    // and writes, which check does not. It must not panic; when it fails, the site from the
    // last good build must be there byte for byte.
    let (_t, root) = init_book();
    let files = sources(&root);
    let originals: Vec<Vec<u8>> = files.iter().map(|f| std::fs::read(f).unwrap()).collect();
    let dest = root.join("out");
    let opts = || handbook::BuildOptions {
        dest: Some(dest.clone()),
        ..Default::default()
    };
    assert!(handbook::build(&root, &opts()).ok());
    let good = snapshot(&dest);
    let mut failures = Vec::new();
    let mut failed = 0;
    let cases: usize = std::env::var("HANDBOOK_ROBUSTNESS_BUILDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(48);
    for case in 0..cases {
        let mut dice =
            Dice(0x5851_F42D_4C95_7F2D ^ (case as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let i = dice.below(files.len());
        let bytes = mutate(&String::from_utf8_lossy(&originals[i]), &mut dice);
        std::fs::write(&files[i], &bytes).unwrap();
        let rel = files[i].strip_prefix(&root).unwrap().display().to_string();
        match quietly(|| handbook::build(&root, &opts())) {
            Err(why) => failures.push(format!(
                "case {case}: build panicked ({why}) on {rel}:\n{}",
                String::from_utf8_lossy(&bytes)
            )),
            Ok(r) if !r.ok() => {
                failed += 1;
                if snapshot(&dest) != good {
                    failures.push(format!(
                        "case {case}: a failed build changed the site ({rel})"
                    ));
                }
            }
            Ok(_) => {}
        }
        std::fs::write(&files[i], &originals[i]).unwrap();
        if snapshot(&dest) != good {
            // The broken variant built: the good site again, for the next case.
            assert!(handbook::build(&root, &opts()).ok());
        }
    }
    assert_none_failed(&failures, cases);
    // Both kinds happened: builds that failed (and kept the site) and builds that went through.
    assert!(
        failed > cases / 8 && failed < cases,
        "{failed} of {cases} builds failed"
    );
}

#[test]
fn quietly_returns_a_panic_as_its_message() {
    assert_eq!(quietly(|| 1), Ok(1));
    assert_eq!(quietly(|| panic!("boom")), Err::<(), _>("boom".to_string()));
    let n = 7;
    assert_eq!(
        quietly(move || panic!("case {n}")),
        Err::<(), _>("case 7".to_string())
    );
}

#[test]
fn files_a_trainer_did_not_mean_to_publish_are_left_out_or_named() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    // Editor and system leftovers: never published (a draft's backup would publish the draft).
    for junk in [
        "intro.md~",
        "#intro.md#",
        "Thumbs.db",
        "desktop.ini",
        "~$课件.docx",
        "~WRL0005.tmp",
        "first-lesson.md.tmp",
    ] {
        write(&root, &format!("content/basics/{junk}"), "草稿 draft: true");
    }
    // A lesson saved as .MD, a file named like the site's own nav.js, two names that differ in case.
    write(&root, "content/basics/Notes.MD", &lesson);
    write(&root, "content/nav.js", "var x;");
    write(&root, "content/files/Case.pdf", "a");
    write(&root, "content/files/case.pdf", "b");
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(!o.status.success(), "{err}");
    assert!(
        err.contains(
            "content/nav.js: this file would replace `nav.js`, which the site makes itself"
        ),
        "{err}"
    );
    assert!(err.contains("content/basics/Notes.MD: `Notes.MD` is not read: handbook reads files ending in `.md` (lower case)"), "{err}");
    assert!(err.contains("rename it to `Notes.md`"), "{err}");
    assert!(err.contains("differ only in upper and lower case"), "{err}");
    std::fs::remove_file(root.join("content/nav.js")).unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    for junk in [
        "intro.md~",
        "#intro.md#",
        "Thumbs.db",
        "desktop.ini",
        "~$课件.docx",
        "~WRL0005.tmp",
        "first-lesson.md.tmp",
        "Notes.MD",
    ] {
        assert!(
            !root.join("site/basics").join(junk).exists(),
            "{junk} published"
        );
    }
}

#[test]
fn lesson_slips_that_change_its_shape_are_warned_about() {
    let (_t, root) = init_book();
    let path = "content/basics/first-lesson.md";
    let lesson = read(&root, path);
    let n = lesson.lines().count();
    write(
        &root,
        path,
        &format!("{lesson}\n##没有空格的标题\n\n#标签不是标题吗\n\n## 看起来有空格 {{#nbsp}}\n\n```yaml\nid: x\n")
            .replace("## 看起来有空格", "##\u{a0}看起来有空格"),
    );
    // A revision dated after today (2062 for 2026).
    let rule = "content/rules/example.rule.yaml";
    let text = read(&root, rule);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "warnings only: {err}");
    assert!(
        err.contains(&format!(
            "warning: {path}:{}:3: `##没有空格的标题` is no heading: there is no space after `##`",
            n + 2
        )),
        "{err}"
    );
    assert!(err.contains("write `## 没有空格的标题`"), "{err}");
    // A no-break space (pasted from Word) looks like a space and is none.
    assert!(
        err.contains(&format!("warning: {path}:{}:3: `##\u{a0}看起来有空格 {{#nbsp}}` is no heading: after `##` comes a no-break space", n + 6)),
        "{err}"
    );
    assert!(
        err.contains("write `## 看起来有空格 {#nbsp}` with an ordinary space"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {path}:{}:2: `#标签不是标题吗` is no heading",
            n + 4
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "warning: {path}:{}:1: this code block is never closed",
            n + 8
        )),
        "{err}"
    );
    assert!(text.contains("date: 2025-01-01"), "{text}");
    write(
        &root,
        rule,
        &text.replace("date: 2025-01-01", "date: 2095-01-01"),
    );
    let o = run(&root, &["build"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("revision date `2095-01-01` is after today"),
        "{err}"
    );
    // The footer's 内容更新至 never shows it (the list of recent changes does, as written).
    let home = read(&root, "site/index.html");
    assert!(
        !home.contains("最近修订\">2095") && !home.contains("内容更新至 2095"),
        "{home}"
    );
}

#[test]
fn a_renamed_page_or_a_duplicated_rule_id_gives_the_one_fix_to_make() {
    let (_t, root) = init_book();
    // A lesson renamed, its old path kept in `aliases`: each link says where it went.
    let old = read(&root, "content/basics/first-lesson.md");
    std::fs::remove_file(root.join("content/basics/first-lesson.md")).unwrap();
    write(
        &root,
        "content/basics/complaints.md",
        &old.replacen("---\n", "---\naliases: [basics/first-lesson]\n", 1),
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("page `basics/first-lesson.md` has moved to `basics/complaints`"),
        "{err}"
    );
    assert!(err.contains("link `basics/complaints.md` instead"), "{err}");
    assert!(
        err.contains("lesson `basics/first-lesson` has moved to `basics/complaints`"),
        "{err}"
    );
    assert!(!err.contains("did you mean"), "{err}");
    std::fs::remove_file(root.join("content/basics/complaints.md")).unwrap();
    write(&root, "content/basics/first-lesson.md", &old);
    // A rule file given another rule's id: one error, not one more at every link to its own.
    let rule = read(&root, "content/rules/example.rule.yaml");
    write(
        &root,
        "content/rules/ex-proc-002.rule.yaml",
        &rule.replace("EX-PROC-001", "EX-PROC-002"),
    );
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\n---\n\n见 [[rule:EX-PROC-002]]。\n",
    );
    assert!(run(&root, &["check"]).status.success());
    write(&root, "content/rules/ex-proc-002.rule.yaml", &rule);
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(err.contains("duplicate rule id `EX-PROC-001`"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    // The copy read first (its file's name sorts before the rule's own): the id still means
    // the rule whose file spells it, so a limits table lists its time limits and is not told
    // it has none.
    std::fs::remove_file(root.join("content/rules/ex-proc-002.rule.yaml")).unwrap();
    let start = rule.find("time_limits:").unwrap();
    let end = start + rule[start..].find("\nsteps:").unwrap() + 1;
    let copy = format!("{}{}", &rule[..start], &rule[end..]);
    write(&root, "content/rules/aa-int-006.rule.yaml", &copy);
    write(
        &root,
        "content/basics/second.md",
        "---\ntitle: 第二课\n---\n\n```limits\nEX-PROC-001\n```\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("aa-int-006.rule.yaml:") && err.contains("duplicate rule id `EX-PROC-001`"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn with_a_relative_root_errors_name_files_from_the_current_folder() {
    // A content repository with the book in a folder of it, as CI checks it out.
    let (t, root) = init_book();
    let check_in =
        |dir: &Path, args: &[&str]| handbook_cmd().current_dir(dir).args(args).output().unwrap();
    write(
        &root,
        "content/basics/first-lesson.md",
        "---\ntitle: x\nsumary: y\n---\n",
    );
    let o = check_in(t.path(), &["--root", "book", "check", "--format", "github"]);
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(
        out.contains("::error file=book/content/basics/first-lesson.md,line=3"),
        "{out}"
    );
    let err = stderr(&check_in(&root, &["check"]));
    assert!(
        err.contains("error: content/basics/first-lesson.md:3:"),
        "{err}"
    );
    // A hint's path to another of the book's files is named the same way (a space in its
    // name too).
    let rule = read(&root, "content/rules/example.rule.yaml");
    std::fs::remove_file(root.join("content/rules/example.rule.yaml")).unwrap();
    write(&root, "content/rules/ex ample.rule.yaml", &rule);
    write(&root, "content/rules/copy.rule.yaml", &rule);
    let err = stderr(&check_in(t.path(), &["--root", "./book", "check"]));
    assert!(
        err.contains("also defined at book/content/rules/ex ample.rule.yaml:2;"),
        "{err}"
    );
    let err = stderr(&check_in(&root, &["check"]));
    assert!(
        err.contains("also defined at content/rules/ex ample.rule.yaml:2;"),
        "{err}"
    );
    // And a file the hint asks for, in the content folder book.toml names.
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &(lesson + "\n见[[course]]。\n"),
    );
    let err = stderr(&check_in(t.path(), &["--root", "book", "check"]));
    assert!(
        err.contains("help: write book/content/course.yaml"),
        "{err}"
    );
    std::fs::rename(root.join("content"), root.join("课程")).unwrap();
    let toml = read(&root, "book.toml").replacen("src = \"content\"", "src = \"课程\"", 1);
    write(&root, "book.toml", &toml);
    let err = stderr(&check_in(&root, &["check"]));
    assert!(err.contains("help: write 课程/course.yaml"), "{err}");
}

#[test]
fn slips_copied_from_other_tools_get_their_fix() {
    let (_t, root) = init_book();
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n见 [[rule:ex-proc-001]]。\n"),
    );
    write(
        &root,
        "content/basics/hugo.md",
        "+++\ntitle = \"从 Hugo 复制来的\"\n+++\n\n正文\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("rule ids are written in upper case: `EX-PROC-001`"),
        "{err}"
    );
    assert!(
        err.contains(
            "content/basics/hugo.md:1:1: front matter between `+++` lines (TOML) is not read"
        ),
        "{err}"
    );
    // A --root that does not exist says so, not that book.toml cannot be read; serve's error
    // is said once.
    let missing = root.join("no-such-folder");
    let err = stderr(&run(&missing, &["check"]));
    assert!(err.contains("does not exist"), "{err}");
    let err = stderr(&run(&missing, &["serve", "--port", "0"]));
    assert!(
        err.starts_with("error: book.toml: the folder") && !err.contains("error: error"),
        "{err}"
    );
}

#[test]
fn a_folder_of_lessons_without_index_md_is_named_once() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/newunit/a.md",
        "---\ntitle: 新课\n---\n\n正文\n",
    );
    // A folder of files only (pictures): no section page, no warning.
    write(&root, "content/images/readme.txt", "x");
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(
        err.contains("content/newunit: the folder `newunit` has no `_index.md`"),
        "{err}"
    );
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    // An empty `_index.md` is its own error, a section's front matter shown: not also told
    // missing.
    write(&root, "content/newunit/_index.md", "");
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/newunit/_index.md:1:1: file is empty") && err.contains("order: 1"),
        "{err}"
    );
    assert!(!err.contains("has no `_index.md`"), "{err}");
}

/// A lesson put in `content/rules/` beside the rule files: told once, to move it (renaming
/// the folder, or giving it an `_index.md`, would not do), at the lesson.
#[test]
fn a_lesson_in_the_rules_folder_is_told_to_move() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/rules/readme.md",
        "---\ntitle: 规则说明\n---\n正文\n",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("content/rules/readme.md: lessons cannot go in the folder `rules/`")
            && err.contains("move `content/rules/readme.md` to another folder"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
    assert_eq!(err.matches("warning:").count(), 0, "{err}");
}

/// A picture missing from a rule's text is told where its path starts: the content folder,
/// as the links of YAML files are (not the file's own folder, as in a lesson).
#[test]
fn a_missing_picture_in_a_rules_text_names_where_its_path_starts() {
    let (_t, root) = init_book();
    let rule = read(&root, "content/rules/example.rule.yaml");
    let rule = rule.replacen("must:\n", "must:\n  - 先报批 ![流程](flow.svg)\n", 1);
    write(&root, "content/rules/example.rule.yaml", &rule);
    write(
        &root,
        "content/rules/flow.svg",
        "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
    );
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("picture not found: `flow.svg`")
            && err.contains("the path starts from the content folder `content/`"),
        "{err}"
    );
    assert!(!err.contains("relative to this Markdown file"), "{err}");
}

/// An emptied glossary is told at itself (references to its terms are errors then); one
/// saved as GBK is its own error, and references to its terms, unknown, are not told too.
#[test]
fn an_empty_or_unreadable_glossary_is_told_at_itself() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/terms.md",
        "---\ntitle: 术语\n---\n\n见 [[term:电能表]]。\n",
    );
    write(&root, "content/glossary.yaml", "");
    let err = stderr(&run(&root, &["check"]));
    assert!(
        err.contains("warning: content/glossary.yaml:1:1: file is empty")
            && err.contains("it declares no terms now"),
        "{err}"
    );
    assert!(
        err.contains("reference to a missing glossary term `电能表`")
            && err.contains("write the term as glossary.yaml's `term:` writes it"),
        "{err}"
    );
    // (A file of comments alone is a template: nothing said.)
    write(&root, "content/glossary.yaml", "# 术语表，以后再写\n");
    let err = stderr(&run(&root, &["check"]));
    assert!(!err.contains("file is empty"), "{err}");
    // GB18030 bytes for `- term: 电能表`.
    let gbk: &[u8] = b"- term: \xb5\xe7\xc4\xdc\xb1\xed\n  definition: x\n";
    std::fs::write(root.join("content/glossary.yaml"), gbk).unwrap();
    let o = run(&root, &["check"]);
    let err = stderr(&o);
    assert!(
        err.contains("content/glossary.yaml:1:9: the file is not valid UTF-8"),
        "{err}"
    );
    assert!(!err.contains("电能表"), "{err}");
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}

#[test]
fn hash_lines_that_are_not_meant_as_headings_are_left_alone() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/notes.md",
        "---\ntitle: 笔记\n---\n\n```code``` 是行内代码\n\n<!-- #TODO 补充案例\n#另一行 -->\n\n<div>\n#注意 在 div 里\n</div>\n\n#1024 续行\n#话题#\n\n##真的标题\n",
    );
    let err = stderr(&run(&root, &["check"]));
    assert_eq!(err.matches("warning:").count(), 1, "{err}");
    assert!(
        err.contains("notes.md:17:3: `##真的标题` is no heading"),
        "{err}"
    );
}

/// A rule nested thousands of levels deep by its indentation is refused at the line that goes
/// past the limit, before the YAML parser spends seconds on it (robustness review: 18 s at
/// 3,000 levels); the book's other files are checked as ever.
#[test]
fn yaml_indented_thousands_of_levels_deep_is_refused_at_once() {
    let (_t, root) = init_book();
    let mut deep = String::from("id: EX-DEEP-001\ntitle: 深\ncategory: procedure\nsummary: s\neffective: 2025-01-01\nescalation:\n");
    for i in 1..=3000 {
        deep.push_str(&format!("{}k:\n", "  ".repeat(i)));
    }
    write(&root, "content/rules/deep.rule.yaml", &deep);
    let o = run(&root, &["--lang", "en", "check"]);
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("deep.rule.yaml:70:129: YAML indented more than 64 levels deep"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}
