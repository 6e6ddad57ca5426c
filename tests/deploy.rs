//! What an intranet administrator meets when publishing a new build over the old one every
//! month while pages stay open all day: scripts asked for by their version, the 404 page
//! under a strict Content-Security-Policy, the IIS `web.config` the README gives.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;

/// Every `src="…"` value of every page that names one of the build's own scripts (not the
/// theme's, loaded by stamped names, nor the search index, which has its own stamp), as
/// page -> [(script from the site's root, its version)].
fn script_versions(site: &Path) -> BTreeMap<String, Vec<(String, Option<String>)>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(site) {
        let e = e.unwrap();
        let rel = e
            .path()
            .strip_prefix(site)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if !rel.ends_with(".html") {
            continue;
        }
        let html = std::fs::read_to_string(e.path()).unwrap();
        let dir = Path::new(&rel).parent().unwrap().to_path_buf();
        let mut found = Vec::new();
        for (at, _) in html.match_indices("src=\"") {
            let value = &html[at + 5..][..html[at + 5..].find('"').unwrap()];
            let (path, version) = match value.split_once("?v=") {
                Some((p, v)) => (p, Some(v.to_string())),
                None => (value, None),
            };
            if !path.ends_with(".js") || path.contains("static/js/") || path.contains(':') {
                continue;
            }
            // The path from the site's root.
            let mut parts: Vec<String> = dir.iter().map(|s| s.to_string_lossy().into()).collect();
            for s in path.split('/') {
                match s {
                    ".." => {
                        parts.pop();
                    }
                    "." => {}
                    s => parts.push(s.into()),
                }
            }
            found.push((parts.join("/"), version));
        }
        if !found.is_empty() {
            out.insert(rel, found);
        }
    }
    out
}

/// The version each page asks for `script` by (all pages must agree).
fn version_of(all: &BTreeMap<String, Vec<(String, Option<String>)>>, script: &str) -> String {
    let mut seen: Vec<&Option<String>> = all
        .values()
        .flatten()
        .filter(|(p, _)| p == script)
        .map(|(_, v)| v)
        .collect();
    seen.dedup();
    assert_eq!(seen.len(), 1, "{script}: {seen:?}");
    seen[0]
        .clone()
        .unwrap_or_else(|| panic!("{script} asked for with no version"))
}

#[test]
fn pages_ask_for_the_build_s_scripts_by_a_version_that_changes_with_the_file() {
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let before = script_versions(&site);
    // Every script the build writes and a page names, with its version: a browser that kept
    // last month's `nav.js` (no Cache-Control from the server) cannot use it for a new page.
    for (page, scripts) in &before {
        for (script, version) in scripts {
            assert!(version.is_some(), "{page}: {script} has no ?v=");
            assert!(
                site.join(script).is_file(),
                "{page}: {script} is not in the site"
            );
        }
    }
    for s in [
        "nav.js",
        "calendar.js",
        "glossary/terms.js",
        "progress/data.js",
        "search/checks/data.js",
        "quizzes/principles/data.js",
        "quizzes/confidentiality-recusal/data.js",
    ] {
        version_of(&before, s);
    }
    // The quiz data quiz.js loads itself (错题本, 学员进度汇总) has its version in nav.js
    // (HANDBOOK_NAV.versions).
    let nav = read(&site, "nav.js");
    let principles = version_of(&before, "quizzes/principles/data.js");
    assert!(
        nav.contains(&format!("\"quizzes/principles/data.js\":\"{principles}\"")),
        "{}",
        &nav[nav.len().saturating_sub(400)..]
    );

    // A new answer: that quiz's version changes (its page and the lessons embedding it ask
    // for the new file), and so does nav.js (it lists it); the calendar's does not.
    let quiz = root.join("content/quizzes/principles.quiz.yaml");
    let text = std::fs::read_to_string(&quiz).unwrap();
    let first_feedback = text.find("feedback: ").expect("a feedback line") + "feedback: ".len();
    let mut edited = text.clone();
    edited.insert_str(first_feedback, "（本月修订）");
    std::fs::write(&quiz, edited).unwrap();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let after = script_versions(&site);
    assert_ne!(version_of(&after, "quizzes/principles/data.js"), principles);
    assert_ne!(version_of(&after, "nav.js"), version_of(&before, "nav.js"));
    assert_eq!(
        version_of(&after, "calendar.js"),
        version_of(&before, "calendar.js")
    );
    assert_eq!(
        version_of(&after, "quizzes/confidentiality-recusal/data.js"),
        version_of(&before, "quizzes/confidentiality-recusal/data.js")
    );
    // An unchanged rebuild asks for the same versions (and so rewrites no page).
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(script_versions(&site), after);
}

/// The element `name` in `n`.
fn child<'a, 'i>(n: roxmltree::Node<'a, 'i>, name: &str) -> roxmltree::Node<'a, 'i> {
    n.children()
        .find(|c| c.has_tag_name(name))
        .unwrap_or_else(|| panic!("no <{name}>"))
}

/// The README's IIS `web.config`, which no test can run on IIS: well-formed, each `mimeMap`
/// after a `remove` of its extension (IIS stops the folder with 500.19 on a duplicate), a
/// default document after `<clear />`, a 404 page the build writes, and every type the built
/// site uses either named there or one every IIS since 7.5 knows.
#[test]
fn the_readme_s_iis_web_config_is_well_formed_and_covers_the_site() {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let start = readme
        .find("```xml\n  <?xml")
        .expect("the web.config block")
        + 7;
    let end = start + readme[start..].find("```").unwrap();
    let xml: String = readme[start..end]
        .lines()
        .map(|l| l.strip_prefix("  ").unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let doc = roxmltree::Document::parse(xml.trim()).expect("well-formed XML");
    let web = doc
        .descendants()
        .find(|n| n.has_tag_name("system.webServer"))
        .expect("system.webServer");
    let files = child(child(web, "defaultDocument"), "files");
    let names: Vec<&str> = files
        .children()
        .filter(|c| c.is_element())
        .map(|c| c.tag_name().name())
        .collect();
    assert_eq!(names, ["clear", "add"]);
    assert_eq!(child(files, "add").attribute("value"), Some("index.html"));
    let content = child(web, "staticContent");
    assert_eq!(
        child(content, "clientCache").attribute("cacheControlMode"),
        Some("DisableCache")
    );
    let mut removed = Vec::new();
    let mut mapped = Vec::new();
    for c in content.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "remove" => removed.push(c.attribute("fileExtension").unwrap()),
            "mimeMap" => {
                let ext = c.attribute("fileExtension").unwrap();
                assert!(
                    removed.contains(&ext),
                    "{ext}: mimeMap without a remove before it"
                );
                mapped.push(ext.to_string());
            }
            _ => {}
        }
    }
    let errors = child(web, "httpErrors");
    let e404 = errors
        .children()
        .find(|c| c.has_tag_name("error") && c.attribute("statusCode") == Some("404"))
        .expect("a 404 error page");
    assert_eq!(e404.attribute("responseMode"), Some("ExecuteURL"));
    let path = e404.attribute("path").unwrap();
    assert!(
        path.starts_with('/') && path.ends_with("/404.html"),
        "{path}"
    );

    // What the bundled site holds.
    let (_t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(root.join("site/404.html").is_file());
    // Known to IIS 7.5's applicationHost.config.
    let known = [
        ".html", ".htm", ".css", ".js", ".ico", ".svg", ".png", ".jpg", ".jpeg", ".gif", ".pdf",
        ".txt", ".csv", ".xml", ".docx", ".xlsx", ".pptx", ".doc", ".xls", ".zip",
    ];
    for e in walkdir::WalkDir::new(root.join("site")) {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let name = e.file_name().to_string_lossy().to_lowercase();
        if name == ".handbook-made" {
            continue; // (what the build made, read by the next build, not by browsers)
        }
        let ext = name
            .rfind('.')
            .map(|i| name[i..].to_string())
            .unwrap_or_default();
        assert!(
            known.contains(&ext.as_str()) || mapped.contains(&ext),
            "{}: IIS would answer 404.3 for {ext}",
            e.path().display()
        );
    }
}

/// The declarations of a style sheet, comments taken out: (property, value) in order, with
/// None between blocks.
fn declarations(css: &str) -> Vec<Option<(String, String)>> {
    let mut text = String::new();
    let mut rest = css;
    while let Some(a) = rest.find("/*") {
        text.push_str(&rest[..a]);
        rest = rest[a..].find("*/").map_or("", |e| &rest[a + e + 2..]);
    }
    text.push_str(rest);
    let mut out = Vec::new();
    for part in text.split(['{', '}']) {
        out.push(None);
        for d in part.split(';') {
            if let Some((p, v)) = d.split_once(':') {
                out.push(Some((p.trim().to_string(), v.trim().to_string())));
            }
        }
    }
    out
}

#[test]
fn old_intranet_browsers_get_ie_edge_mode_and_colours_without_custom_properties() {
    let (_t, root) = bundled_copy();
    // A handbook's own styles: their values count, and their var()s get fallbacks too.
    write(
        &root,
        "themes/default/static/css/custom.css",
        ":root { --accent: #123456; --brand: var(--accent) }\n.brand-line { border-top: 2px solid var(--brand); }\n",
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");

    // IE 11 shows an intranet site in its IE 7 mode unless the page says otherwise, before
    // anything but <title> and other <meta>: no script of the site runs there.
    let mut pages = 0;
    for e in walkdir::WalkDir::new(&site) {
        let e = e.unwrap();
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = std::fs::read_to_string(e.path()).unwrap();
            let head = &html[..html.find("</head>").unwrap_or(html.len())];
            let at = head.find(r#"<meta http-equiv="X-UA-Compatible" content="IE=edge">"#);
            let first_other = ["<link", "<script", "<style"]
                .iter()
                .filter_map(|t| head.find(t))
                .min();
            assert!(
                at.is_some_and(|a| first_other.is_none_or(|o| a < o)),
                "{}: no X-UA-Compatible before its links and scripts",
                e.path().display()
            );
            pages += 1;
        }
    }
    assert!(pages > 100, "{pages} pages");

    // Every declaration that uses a custom property has one before it that does not: IE 11
    // drops the first kind and keeps the second.
    let mut checked = 0;
    for e in std::fs::read_dir(site.join("static/css")).unwrap() {
        let path = e.unwrap().path();
        let css = std::fs::read_to_string(&path).unwrap();
        let decls = declarations(&css);
        for (i, d) in decls.iter().enumerate() {
            let Some((p, v)) = d else { continue };
            if p.starts_with("--") || !v.contains("var(") {
                continue;
            }
            let before = i.checked_sub(1).and_then(|j| decls[j].as_ref());
            assert!(
                before.is_some_and(|(bp, bv)| bp == p && !bv.contains("var(")),
                "{}: `{p}: {v}` has no fallback before it (got {before:?})",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked > 300, "{checked} declarations with var()");
    let main = read(&site, "static/css/main.css");
    assert!(
        main.contains("background: #ffffff; background: var(--bg)"),
        "the light theme's colours"
    );
    // The handbook's own value wins over the theme's, as in a new browser (custom.css last).
    assert!(main.contains("color: #123456; color: var(--accent)"));
    let custom = read(&site, "static/css/custom.css");
    assert!(
        custom.contains("border-top: 2px solid #123456; border-top: 2px solid var(--brand)"),
        "{custom}"
    );
}

/// `--quiet` for a nightly build in cron (IT review: the summary line mailed every night): a
/// build or check that went well without a warning prints nothing; a warning is printed, and
/// the summary with it; a failure says all it says without it.
#[test]
fn quiet_prints_nothing_when_all_went_well() {
    let (_t, root) = init_book();
    for args in [&["build", "--quiet"][..], &["-q", "check"][..]] {
        let o = run(&root, args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(stdout(&o), "", "{args:?}");
        assert_eq!(stderr(&o), "", "{args:?}");
    }
    // A warning: said, with the summary.
    let lesson = root.join("content/basics/first-lesson.md");
    let text = std::fs::read_to_string(&lesson).unwrap();
    std::fs::write(&lesson, text.replace("tags: [", "tags: [流程，时限, ")).unwrap();
    let o = run(&root, &["build", "-q"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("warning: "), "{}", stderr(&o));
    assert!(stdout(&o).contains("1 warning"), "{}", stdout(&o));
    // An error: as ever.
    std::fs::write(&lesson, "---\ntitle: [\n---\n").unwrap();
    let o = run(&root, &["build", "--quiet"]);
    assert!(!o.status.success());
    assert!(
        stderr(&o).contains("error: ") && stderr(&o).contains("build failed"),
        "{}",
        stderr(&o)
    );
}

/// Output given to a command that stops reading early (`handbook check --format json | head
/// -2`) ends the run quietly, as it ends `grep`: it panicked with a backtrace and status 101
/// (IT admin review).
#[cfg(target_os = "linux")]
#[test]
fn output_to_a_reader_that_stops_early_ends_the_run_quietly() {
    use std::os::unix::process::ExitStatusExt;
    use std::process::Stdio;
    let (_t, root) = init_book();
    // (More than a pipe holds: the first lines are read, the rest cannot be written.)
    let links: String = (0..3000)
        .map(|i| format!("[断链{i}](nope-{i}.md)\n\n"))
        .collect();
    write(
        &root,
        "content/basics/many.md",
        &format!("---\ntitle: 多\n---\n{links}"),
    );
    let mut child = handbook_cmd()
        .arg("--root")
        .arg(&root)
        .args(["check", "--format", "json"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 64];
    let out = child.stdout.as_mut().unwrap();
    std::io::Read::read_exact(out, &mut first).unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_ne!(o.status.code(), Some(101), "{err}");
    // (SIGPIPE is 13 on Linux.)
    assert_eq!(o.status.signal(), Some(13), "{:?} {err}", o.status);
}

/// A file in the content folder the user who builds may not read (root's, mode 600) is an
/// error at the file, from `check` too: the build's copy failed, said as the site folder's
/// fault ("cannot write the site: permission denied"), and check passed (IT admin review).
#[cfg(target_os = "linux")]
#[test]
fn a_file_the_builder_may_not_read_is_an_error_at_the_file() {
    use std::os::unix::fs::PermissionsExt;
    let (t, root) = init_book();
    std::fs::set_permissions(t.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let pdf = root.join("content/basics/private.pdf");
    std::fs::write(&pdf, "%PDF-1.4\n").unwrap();
    // (Linked from the lesson: not said to be missing besides.)
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n[附件](private.pdf)\n"),
    );
    std::fs::set_permissions(&pdf, std::fs::Permissions::from_mode(0o000)).unwrap();
    // (Root reads any file: the test runs `check` as nobody, as CI runs it as root.)
    let root_user = std::fs::metadata("/proc/self").is_ok_and(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    let mut cmd = if root_user {
        let mut c = std::process::Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(bin());
        c
    } else {
        std::process::Command::new(bin())
    };
    let o = cmd
        .env("HANDBOOK_LANG", "en")
        .current_dir(&root)
        .arg("check")
        .output()
        .expect("setpriv (util-linux) runs the check as another user");
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains("error: content/basics/private.pdf: this cannot be read: permission denied"),
        "{err}"
    );
    assert_eq!(err.matches("error:").count(), 1, "{err}");
}
