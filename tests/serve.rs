//! The preview server over real sockets: path safety, MIME types, live reload, error page
//! after a broken edit and recovery after the fix.

mod common;
use common::*;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::time::{Duration, Instant};

struct Server {
    child: Child,
    addr: String,
    /// The folder the preview is built in (a folder of the system's temporary folder, which
    /// `spawn_serve` points at the book's own temporary folder).
    dest: std::path::PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(root: &Path) -> Server {
    start_with(root, &[])
}

/// `handbook serve` with more options (`--drafts`).
fn start_with(root: &Path, options: &[&str]) -> Server {
    let mut cmd = handbook_cmd();
    cmd.arg("--root").arg(root);
    launch(cmd, options)
}

/// `handbook serve` started inside the book, as the README's first command is.
fn start_inside(root: &Path) -> Server {
    let mut cmd = handbook_cmd();
    cmd.current_dir(root);
    launch(cmd, &[])
}

/// `handbook serve --port 0` with `options`, and its standard output to read.
fn spawn_serve(mut cmd: Command, options: &[&str]) -> (Child, BufReader<ChildStdout>) {
    // The preview's folder under the test's own temporary folder, removed with it.
    if let Some(tmp) = preview_tmp(&cmd) {
        cmd.env("TMPDIR", tmp);
    }
    let mut child = cmd
        .args(["serve", "--port", "0"])
        .args(options)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let out = BufReader::new(child.stdout.take().unwrap());
    (child, out)
}

/// The temporary folder of the book `cmd` serves (its `--root`, or the folder it runs in).
fn preview_tmp(cmd: &Command) -> Option<std::path::PathBuf> {
    let args: Vec<_> = cmd.get_args().collect();
    let root = match args.iter().position(|a| *a == "--root") {
        Some(i) => std::path::PathBuf::from(args.get(i + 1)?),
        None => cmd.get_current_dir()?.to_path_buf(),
    };
    let tmp = root.parent()?.join("tmp");
    std::fs::create_dir_all(&tmp).ok()?;
    Some(tmp)
}

/// The folder named on serve's line `This preview is built in DIR, apart from …` (or `DIR.`).
fn preview_dest(out: &mut BufReader<ChildStdout>) -> std::path::PathBuf {
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 {
        if let Some(rest) = line.trim_end().strip_prefix("This preview is built in ") {
            let dir = rest.split(", apart from").next().unwrap();
            return std::path::PathBuf::from(dir.strip_suffix('.').unwrap_or(dir));
        }
        line.clear();
    }
    panic!("serve never said where the preview is built");
}

fn launch(cmd: Command, options: &[&str]) -> Server {
    let (child, mut out) = spawn_serve(cmd, options);
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    assert!(
        line.contains("this computer only"),
        "says it binds to loopback: {line}"
    );
    let addr = line
        .split("http://")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let dest = preview_dest(&mut out);
    std::thread::spawn(move || {
        let mut s = String::new();
        while out.read_line(&mut s).map(|n| n > 0).unwrap_or(false) {
            s.clear();
        }
    });
    Server { child, addr, dest }
}

/// A raw HTTP/1.0 GET, so the path reaches the server exactly as written.
fn get(addr: &str, path: &str) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    write!(s, "GET {path} HTTP/1.0\r\nHost: localhost\r\n\r\n").unwrap();
    let mut buf = Vec::new();
    s.read_to_end(&mut buf).unwrap();
    let text = String::from_utf8_lossy(&buf).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .unwrap_or("0")
        .parse()
        .unwrap();
    (status, head.to_string(), body.to_string())
}

fn status_json(addr: &str, since: i64) -> serde_json::Value {
    let (code, _, body) = get(addr, &format!("/__handbook/status?since={since}"));
    assert_eq!(code, 200);
    serde_json::from_str(&body).unwrap()
}

#[test]
fn serves_only_the_output_folder_with_right_types() {
    let (t, root) = init_book();
    std::fs::write(t.path().join("secret.txt"), "top secret").unwrap();
    let srv = start(&root);
    let a = &srv.addr;
    let (code, head, body) = get(a, "/");
    assert_eq!(code, 200);
    assert!(head.contains("text/html; charset=utf-8"));
    assert!(
        body.contains("/__handbook/livereload.js"),
        "reload script injected"
    );
    assert!(
        !read(&srv.dest, "index.html").contains("livereload"),
        "never written to the site"
    );
    let (code, head, _) = get(a, "/static/css/main.css");
    assert_eq!(code, 200);
    assert!(head.contains("text/css; charset=utf-8"));
    let (_, head, _) = get(a, "/nav.js");
    assert!(head.contains("text/javascript"));
    let (code, head, _) = get(a, "/basics/first-lesson");
    assert_eq!(code, 301);
    assert!(head.contains("Location: /basics/first-lesson/"));
    let (code, _, body) = get(a, "/no/such/page/");
    assert_eq!(code, 404);
    assert!(body.contains("页面不存在"));
    for evil in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/static/..%2f..%2fsecret.txt",
        "//etc/passwd",
        "/..\\secret.txt",
    ] {
        let (code, _, body) = get(a, evil);
        assert!(code == 403 || code == 404, "{evil} gave {code}");
        assert!(
            !body.contains("top secret") && !body.contains("root:"),
            "{evil} leaked"
        );
    }
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(t.path().join("secret.txt"), srv.dest.join("leak.txt")).unwrap();
        let (code, _, body) = get(a, "/leak.txt");
        assert_eq!(code, 403);
        assert!(!body.contains("top secret"));
    }
}

#[test]
fn handles_concurrent_requests() {
    let (_t, root) = init_book();
    let srv = start(&root);
    // A long poll holds a connection open; pages must still be served meanwhile.
    let a = srv.addr.clone();
    let gen = status_json(&a, -1)["generation"].as_i64().unwrap();
    let a2 = a.clone();
    let poll = std::thread::spawn(move || get(&a2, &format!("/__handbook/status?since={gen}")));
    let handles: Vec<_> = (0..24)
        .map(|i| {
            let a = a.clone();
            std::thread::spawn(move || {
                get(
                    &a,
                    if i % 2 == 0 {
                        "/"
                    } else {
                        "/static/css/main.css"
                    },
                )
                .0
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), 200);
    }
    drop(poll);
}

/// A theme file named by its contents' hash is kept by the browser (each reload of each open
/// tab read ~460 KB again); pages, the status and files of plain names are never kept.
#[test]
fn theme_files_named_by_their_hash_are_kept_and_pages_are_not() {
    let (_t, root) = init_book();
    // (A picture of the book's own named by its date is no theme file: it may be replaced.)
    std::fs::create_dir_all(root.join("content/static")).unwrap();
    std::fs::write(root.join("content/static/pic.20240101.png"), b"\x89PNG").unwrap();
    let srv = start(&root);
    let a = &srv.addr;
    let (_, _, page) = get(a, "/");
    let js = page
        .split("src=\"")
        .filter_map(|s| s.split('"').next())
        .find(|s| s.contains("static/js/handbook.") && !s.contains("handbook.js"))
        .expect("the page loads the theme's script by its stamped name")
        .trim_start_matches("./")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let (code, head, _) = get(a, &format!("/{js}"));
    assert_eq!(code, 200, "{js}");
    assert!(
        head.contains("Cache-Control: public, max-age=31536000, immutable"),
        "{js}: {head}"
    );
    assert_eq!(head.matches("Cache-Control").count(), 1, "{head}");
    for plain in [
        "/",
        "/static/js/handbook.js",
        "/nav.js",
        "/static/pic.20240101.png",
    ] {
        let (code, head, _) = get(a, plain);
        assert_eq!(code, 200, "{plain}");
        assert!(head.contains("Cache-Control: no-store"), "{plain}: {head}");
    }
}

/// A tab opened on an earlier run of `serve` reloads at its first answer from a new one (the
/// content may have been edited meanwhile): the new server's generation is not its page's.
#[test]
fn a_restarted_server_reloads_the_tabs_of_the_last_one() {
    let (_t, root) = init_book();
    let g = {
        let a = start(&root);
        status_json(&a.addr, -1)["generation"].as_i64().unwrap()
    };
    let b = start(&root);
    let t0 = Instant::now();
    let s = status_json(&b.addr, g);
    assert!(
        t0.elapsed() < Duration::from_secs(5),
        "the poll waited: {s}"
    );
    assert_ne!(s["generation"].as_i64().unwrap(), g, "{s}");
}

fn wait_for(addr: &str, since: i64) -> serde_json::Value {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let s = status_json(addr, since);
        if s["generation"].as_i64().unwrap() != since || Instant::now() > deadline {
            return s;
        }
    }
}

#[test]
fn live_reload_error_page_and_recovery() {
    let (_t, root) = init_book();
    // The edit below renames the lesson's section; init's search check then names the lesson.
    let checks = read(&root, "content/search-checks.yaml").replace("#投诉是免费的反馈", "");
    write(&root, "content/search-checks.yaml", &checks);
    let srv = start(&root);
    let a = &srv.addr;
    let s0 = status_json(a, -1);
    let g0 = s0["generation"].as_i64().unwrap();
    assert!(s0["error"].is_null());

    // An edit triggers a rebuild and a new generation, with the new text served.
    let lesson = "content/basics/first-lesson.md";
    let good = read(&root, lesson);
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        lesson,
        &good.replace("投诉是免费的反馈", "投诉是宝贵的反馈"),
    );
    let s1 = wait_for(a, g0);
    assert!(s1["error"].is_null(), "{s1}");
    let g1 = s1["generation"].as_i64().unwrap();
    assert!(g1 > g0);
    assert!(get(a, "/basics/first-lesson/")
        .2
        .contains("投诉是宝贵的反馈"));

    // A broken edit: the status carries the error with file:line; the last good site stays.
    write(&root, lesson, "---\ntitle: 认识投诉\nsumary: x\n---\n");
    let s2 = wait_for(a, g1);
    let err = s2["error"].as_str().unwrap_or_default().to_string();
    assert!(err.contains("content/basics/first-lesson.md:3"), "{s2}");
    assert!(
        get(a, "/basics/first-lesson/")
            .2
            .contains("投诉是宝贵的反馈"),
        "last good site still served"
    );

    // Fixing it clears the error.
    write(&root, lesson, &good);
    let s3 = wait_for(a, s2["generation"].as_i64().unwrap());
    assert!(s3["error"].is_null(), "{s3}");
    assert!(get(a, "/basics/first-lesson/")
        .2
        .contains("投诉是免费的反馈"));
}

#[test]
fn reads_touches_and_identical_saves_do_not_rebuild() {
    let (_t, root) = init_book();
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let lesson = "content/basics/first-lesson.md";
    let text = read(&root, lesson);
    // Save the same bytes, change permissions, read every source: nothing really changed.
    write(&root, lesson, &text);
    let f = root.join(lesson);
    let perms = std::fs::metadata(&f).unwrap().permissions();
    std::fs::set_permissions(&f, perms).unwrap();
    for e in walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .flatten()
    {
        if e.file_type().is_file() {
            let _ = std::fs::read(e.path());
        }
    }
    // A long-poll that would return at once on a rebuild waits out its time instead (five
    // seconds, `wait=5`: the watcher's events and its debounce come within a second).
    let started = Instant::now();
    let (_, _, body) = get(a, &format!("/__handbook/status?since={g0}&wait=5"));
    let s: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(s["generation"].as_i64().unwrap(), g0, "{s}");
    let waited = started.elapsed();
    assert!(waited >= Duration::from_secs(5), "{waited:?}");
    assert!(
        waited < Duration::from_secs(20),
        "wait=5 not honoured: {waited:?}"
    );
}

#[test]
fn an_edit_rewrites_only_the_files_it_changes() {
    let (_t, root) = init_book();
    // The edit below renames the lesson's section; init's search check then names the lesson.
    let checks = read(&root, "content/search-checks.yaml").replace("#投诉是免费的反馈", "");
    write(&root, "content/search-checks.yaml", &checks);
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    let other = srv.dest.join("rules/index.html");
    let before = std::fs::metadata(&other).unwrap().modified().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &read(&root, lesson).replace("投诉是免费的反馈", "投诉是难得的反馈"),
    );
    let s = wait_for(a, g0);
    assert!(s["error"].is_null(), "{s}");
    assert!(read(&srv.dest, "basics/first-lesson/index.html").contains("投诉是难得的反馈"));
    // The search index follows the reload: the new words are searchable a moment later.
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        // Document files trade characters (docs/search-index.md): read them as the client does.
        let site = &srv.dest;
        let found = std::fs::read_dir(site.join("search"))
            .unwrap()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with('d'))
            .any(|e| {
                let swap = Unswap::new(&payload(site, "search/meta.js"));
                let rel = format!("search/{}", e.file_name().to_string_lossy());
                swap.row(payload(site, &rel))
                    .to_string()
                    .contains("投诉是难得的反馈")
            });
        if found {
            break;
        }
        assert!(Instant::now() < deadline, "search index not updated");
        std::thread::sleep(Duration::from_millis(100));
    }
    // The rules index does not depend on the lesson's text: it was not rewritten.
    assert_eq!(
        std::fs::metadata(&other).unwrap().modified().unwrap(),
        before
    );
    // No temporary files are left beside the site once the index's files are written (they
    // are written after the reload, one after another: the one found above may not be the
    // last, so one may still be on its way for a moment; CI once caught `.d1.js.tmp` so).
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let stray: Vec<_> = walkdir::WalkDir::new(&srv.dest)
            .into_iter()
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        if stray.is_empty() {
            break;
        }
        assert!(Instant::now() < deadline, "left behind: {stray:?}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn preview_404_resolves_from_the_preview_root_even_with_a_site_url() {
    let (_t, root) = init_book();
    let toml =
        read(&root, "book.toml") + "\n[output]\nsite-url = \"https://intranet.example/handbook\"\n";
    write(&root, "book.toml", &toml);
    // The built 404 page carries the intranet base, so a web server can show it at any depth.
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        read(&root, "site/404.html").contains("<base href=\"https://intranet.example/handbook/\">")
    );
    let srv = start(&root);
    let (code, _, body) = get(&srv.addr, "/no/such/page/");
    assert_eq!(code, 404);
    assert!(body.contains("<base href=\"/\">"), "{body}");
    assert!(!body.contains("intranet.example"), "{body}");
    // Without a site-url: the <base> opens the head, before the stylesheets (the browser's
    // look-ahead fetched them from the missing page's folder when it came last).
    write(&root, "book.toml", &toml.replace("site-url", "# site-url"));
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let srv = start(&root);
    let (code, _, body) = get(&srv.addr, "/no/such/page/");
    assert_eq!(code, 404);
    let base = body.find("<base href=\"/\">").expect("a base");
    let css = body.find("rel=\"stylesheet\"").expect("a stylesheet");
    assert!(base < css && body[..base].ends_with("<head>"), "{body}");
}

/// tiny_http 0.12's connection pool queued a connection with no thread to run it when a burst
/// of connections arrived while an idle thread was already notified; with keep-alive the busy
/// threads never gave their connection back and a page's asset never loaded. Fixed in the
/// vendored copy (vendor/tiny_http/PATCHED.md); this fails against the published crate.
#[test]
fn a_burst_of_keep_alive_connections_is_all_answered() {
    let (_t, root) = init_book();
    let srv = start(&root);
    // A browser opens several connections at once for a page's assets and keeps them open.
    for round in 0..5 {
        let conns: Vec<TcpStream> = (0..12)
            .map(|_| {
                let s = TcpStream::connect(&srv.addr).unwrap();
                s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
                s
            })
            .collect();
        for mut s in &conns {
            write!(
                s,
                "GET /static/css/main.css HTTP/1.1\r\nHost: localhost\r\n\r\n"
            )
            .unwrap();
        }
        // Like a browser: a connection the server keeps alive stays open for the next
        // request; one answered with `Connection: close` is closed after the response.
        let mut kept = Vec::new();
        for (i, s) in conns.into_iter().enumerate() {
            let mut r = BufReader::new(s);
            let mut head = String::new();
            loop {
                let mut line = String::new();
                r.read_line(&mut line)
                    .unwrap_or_else(|e| panic!("round {round}, connection {i}: no answer ({e})"));
                if line.trim().is_empty() {
                    break;
                }
                head.push_str(&line.to_ascii_lowercase());
            }
            assert!(head.starts_with("http/1.1 200"), "{head}");
            if !head.contains("connection: close") {
                kept.push(r);
            }
        }
    }
}

#[test]
fn serve_started_inside_the_book_rebuilds_and_a_removed_page_leaves_no_folder() {
    let (_t, root) = init_book();
    let srv = start_inside(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "content/basics/extra.md",
        "---\ntitle: 新的一课\n---\n\n正文。\n",
    );
    let s1 = wait_for(a, g0);
    let g1 = s1["generation"].as_i64().unwrap();
    assert!(
        g1 > g0 && s1["error"].is_null(),
        "an edit rebuilds a book served with no --root: {s1}"
    );
    assert!(get(a, "/basics/extra/").2.contains("新的一课"));
    std::fs::remove_file(root.join("content/basics/extra.md")).unwrap();
    let s2 = wait_for(a, g1);
    assert!(s2["generation"].as_i64().unwrap() > g1, "{s2}");
    assert!(
        !srv.dest.join("basics/extra").exists(),
        "the removed page's folder is gone too"
    );
    assert!(srv.dest.join("basics/first-lesson/index.html").is_file());
}

#[test]
fn serve_with_drafts_previews_a_draft_and_keeps_it_marked() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/wip.md",
        "---\ntitle: 还没写完\ndraft: true\n---\n\n写到一半。\n",
    );
    let plain = start(&root);
    assert_eq!(get(&plain.addr, "/basics/wip/").0, 404);
    let plain_dest = plain.dest.clone();
    drop(plain);
    let s = start_with(&root, &["--drafts"]);
    let (status, _, body) = get(&s.addr, "/basics/wip/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("class=\"draft-note\""), "{body}");
    assert!(body.contains("写到一半。"), "{body}");
    // Built apart from the plain preview and from the site a trainer publishes.
    assert_ne!(s.dest, plain_dest);
    assert!(plain_dest.join("basics/first-lesson/index.html").is_file());
    assert!(!plain_dest.join("basics/wip").exists());
    assert!(!root.join("site").exists());
    assert!(s.dest.join("basics/wip/index.html").is_file());
    // In a folder of the system's temporary folder that only this user can read.
    let tmp = root.parent().unwrap().join("tmp");
    for (dest, kind) in [
        (&s.dest, "handbook-drafts-"),
        (&plain_dest, "handbook-preview-"),
    ] {
        let folder = dest.parent().unwrap();
        assert_eq!(folder.parent().unwrap(), tmp);
        assert!(folder
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with(kind));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(folder).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "{} is {mode:o}", folder.display());
        }
    }
}

/// A plain `serve` never writes the folder `handbook build` publishes (book.toml's `[build]
/// dest`, perhaps a share colleagues open): a half-written lesson saved while previewing stays
/// in the preview. `--dest` writes where it says.
#[test]
fn the_preview_never_writes_the_published_site() {
    let (t, root) = init_book();
    let shared = t.path().join("共享盘/手册");
    let toml = read(&root, "book.toml");
    write(
        &root,
        "book.toml",
        &toml.replace(
            "dest = \"site\"",
            &format!("dest = {:?}", shared.display().to_string()),
        ),
    );
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let published = read(&shared, "basics/first-lesson/index.html");
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let lesson = "content/basics/first-lesson.md";
    write(
        &root,
        lesson,
        &(read(&root, lesson) + "\n【待填写】写到一半的话\n"),
    );
    let s = wait_for(a, g0);
    assert!(s["error"].is_null(), "{s}");
    assert!(get(a, "/basics/first-lesson/").2.contains("写到一半的话"));
    assert_eq!(read(&shared, "basics/first-lesson/index.html"), published);
    assert!(!srv.dest.starts_with(&shared) && !srv.dest.starts_with(&root));
    drop(srv);
    // With --dest, the folder given.
    let mine = t.path().join("mine");
    let srv = start_with(&root, &["--dest", mine.to_str().unwrap()]);
    assert_eq!(srv.dest, mine);
    assert!(read(&mine, "basics/first-lesson/index.html").contains("写到一半的话"));
}

#[test]
fn a_port_in_use_is_said_with_the_option_to_choose_another() {
    let (_t, root) = init_book();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    // (The folder a preview of this book is built in, were it built.)
    let tmp = root.parent().unwrap().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let o = handbook_cmd()
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", &port.to_string()])
        .env("TMPDIR", &tmp)
        .output()
        .unwrap();
    assert!(!o.status.success());
    // Refused before building: a preview of the same book already running on that port keeps
    // its folder as it is.
    let built = walkdir::WalkDir::new(&tmp)
        .into_iter()
        .flatten()
        .any(|e| e.file_type().is_file());
    assert!(!built, "built before listening");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("the port is already in use"), "{err}");
    // A port free when it was said (the next one may be taken too).
    let offered: u16 = err
        .split("handbook serve --port ")
        .nth(1)
        .and_then(|r| r.split('`').next())
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{err}"));
    assert!(offered > port, "{err}");
    assert!(
        std::net::TcpListener::bind(("127.0.0.1", offered)).is_ok(),
        "{err}"
    );
}

#[test]
fn a_first_build_that_fails_shows_its_errors_and_the_page_comes_when_fixed() {
    // A fresh clone: no site yet, and a mistake in the content.
    let (_t, root) = init_book();
    let lesson = "content/basics/first-lesson.md";
    let good = read(&root, lesson);
    write(&root, lesson, "---\ntitle: 认识投诉\nsumary: x\n---\n");
    let srv = start(&root);
    let a = &srv.addr;
    let s0 = status_json(a, -1);
    assert!(
        s0["error"]
            .as_str()
            .unwrap_or_default()
            .contains("first-lesson.md:3"),
        "{s0}"
    );
    // No page yet: the answer carries live reload, which shows the errors and reloads.
    let (code, _, body) = get(a, "/");
    assert_eq!(code, 404);
    assert!(body.contains("/__handbook/livereload.js"), "{body}");
    std::thread::sleep(Duration::from_millis(300));
    write(&root, lesson, &good);
    let s1 = wait_for(a, s0["generation"].as_i64().unwrap());
    assert!(s1["error"].is_null(), "{s1}");
    assert_eq!(get(a, "/").0, 200);
}

#[test]
fn folders_made_or_renamed_while_serving_are_watched() {
    let (_t, root) = init_book();
    let srv = start(&root);
    let a = &srv.addr;
    let mut g = status_json(a, -1)["generation"].as_i64().unwrap();
    let next = |g: &mut i64| {
        let s = wait_for(a, *g);
        assert!(s["error"].is_null(), "{s}");
        *g = s["generation"].as_i64().unwrap();
    };
    // A template override made after the start: `templates/` did not exist.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::create_dir(root.join("templates")).unwrap();
    next(&mut g);
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "templates/404.html",
        "<!doctype html><title>x</title><p>自定义的找不到页面</p>",
    );
    next(&mut g);
    let (_, _, body) = get(a, "/no/such/page/");
    assert!(body.contains("自定义的找不到页面"), "{body}");
    // Removed and made again at once: still watched.
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_dir_all(root.join("templates")).unwrap();
    std::fs::create_dir(root.join("templates")).unwrap();
    next(&mut g);
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "templates/404.html",
        "<!doctype html><title>x</title><p>又一个找不到页面</p>",
    );
    next(&mut g);
    let (_, _, body) = get(a, "/no/such/page/");
    assert!(body.contains("又一个找不到页面"), "{body}");
    // A folder renamed, then removed: its pages go (they stayed before).
    std::thread::sleep(Duration::from_millis(300));
    write(&root, "content/ta/a.md", "---\ntitle: 临时\n---\n\n正文\n");
    next(&mut g);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::rename(root.join("content/ta"), root.join("content/tb")).unwrap();
    next(&mut g);
    assert_eq!(get(a, "/tb/a/").0, 200);
    std::thread::sleep(Duration::from_millis(300));
    std::fs::remove_dir_all(root.join("content/tb")).unwrap();
    next(&mut g);
    assert_eq!(get(a, "/tb/a/").0, 404);
}

/// One raw request (HTTP/1.0, so the server closes after it): the status line's code and the
/// response's head.
fn raw(addr: &str, request: &[u8]) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
    let _ = s.write_all(request);
    let mut buf = Vec::new();
    let _ = s.read_to_end(&mut buf);
    let text = String::from_utf8_lossy(&buf).into_owned();
    let head = text.split("\r\n\r\n").next().unwrap_or("").to_string();
    let code = head
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    (code, head)
}

/// From a security review of the preview: on loopback it answers only requests naming this
/// computer (a page whose name an attacker points at 127.0.0.1 cannot read drafts or errors);
/// `//basics` is not sent to a host `basics`; a header line without end is cut off instead
/// of growing the server's memory; files are marked nosniff.
#[test]
fn the_preview_refuses_other_hosts_open_redirects_and_endless_headers() {
    let (_t, root) = init_book();
    let srv = start(&root);
    let a = srv.addr.as_str();
    let (code, head) = raw(
        a,
        b"GET / HTTP/1.1\r\nHost: attacker.example:3000\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(code, 421, "{head}");
    let (code, _) = raw(a, b"GET /__handbook/status?since=-1 HTTP/1.1\r\nHost: rebind.example\r\nConnection: close\r\n\r\n");
    assert_eq!(code, 421);
    // A name that starts like a loopback address is a name, which can point anywhere.
    let (code, _) = raw(
        a,
        b"GET / HTTP/1.1\r\nHost: 127.evil.example:80\r\nConnection: close\r\n\r\n",
    );
    assert_eq!(code, 421);
    for host in [
        "localhost:1",
        "127.0.0.1",
        "127.0.0.2:3000",
        "[::1]:80",
        "LOCALHOST",
    ] {
        let req = format!("GET / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        assert_eq!(raw(a, req.as_bytes()).0, 200, "{host}");
    }
    let (code, head) = raw(a, b"GET //basics HTTP/1.0\r\nHost: localhost\r\n\r\n");
    assert_eq!(code, 301);
    assert!(
        head.contains("Location: /basics/\r") || head.ends_with("Location: /basics/"),
        "{head}"
    );
    let (_, head, _) = get(a, "/static/css/main.css");
    assert!(
        head.to_ascii_lowercase()
            .contains("x-content-type-options: nosniff"),
        "{head}"
    );
    // 1 MB of one header line: the connection is dropped, the server answers the next.
    let mut long = b"GET / HTTP/1.1\r\nHost: localhost\r\nX-Junk: ".to_vec();
    long.extend(std::iter::repeat_n(b'a', 1 << 20));
    long.extend(b"\r\n\r\n");
    assert_ne!(raw(a, &long).0, 200);
    assert_eq!(get(a, "/").0, 200);
    // Past 64 live-reload polls waiting at once (a page left keeps its poll until it times
    // out: a fast walk through the site), the oldest is let go with a 503 (its page, if still
    // open, asks again a second later) and the newest waits.
    let generation = status_json(a, -1)["generation"].as_i64().unwrap();
    let poll = || {
        let mut s = TcpStream::connect(a).unwrap();
        write!(
            s,
            "GET /__handbook/status?since={generation} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        s
    };
    let mut held: Vec<TcpStream> = Vec::new();
    for _ in 0..64 {
        held.push(poll());
        // (In order: the first is the oldest.)
        std::thread::sleep(Duration::from_millis(5));
    }
    // (Until the 64 are all waiting: the server reads them on its workers.)
    std::thread::sleep(Duration::from_millis(1500));
    let mut newest = poll();
    let mut oldest = held.remove(0);
    oldest
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut buf = [0u8; 64];
    let n = oldest.read(&mut buf).unwrap_or(0);
    let head = String::from_utf8_lossy(&buf[..n]).into_owned();
    assert!(
        head.starts_with("HTTP/1.1 503"),
        "the oldest is let go: {head}"
    );
    newest
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let waited = newest.read(&mut buf);
    assert!(
        waited.is_err(),
        "the newest waits: {:?}",
        waited.map(|n| String::from_utf8_lossy(&buf[..n]).into_owned())
    );
    // The others wait on too.
    held[0]
        .set_read_timeout(Some(Duration::from_millis(300)))
        .unwrap();
    assert!(held[0].read(&mut buf).is_err());
    drop(held);
}

/// `--bind 0.0.0.0` printed http://0.0.0.0:port/, which no colleague can open: the address
/// this computer is reached at is given (or, with no route out, the port on every address).
#[test]
fn serving_on_every_address_names_one_a_colleague_can_open() {
    let (_t, root) = common::init_book();
    let mut cmd = handbook_cmd();
    cmd.arg("--root").arg(&root);
    let (mut child, mut out) = spawn_serve(cmd, &["--bind", "0.0.0.0"]);
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 && !line.contains("Serving") {
        line.clear();
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(!line.contains("0.0.0.0"), "{line}");
    assert!(
        line.contains("for other computers on the network, and at http://127.0.0.1:")
            || line.contains("on every address of this computer, port "),
        "{line}"
    );
}

/// The live-reload script is the preview server's: `serve` sends it and injects it into the
/// pages it serves, while a built site (even of a book with a copy of the default theme, whose
/// static/js/ holds it) has no such file.
#[test]
fn only_the_preview_has_the_live_reload_script() {
    let (_t, root) = bundled_copy();
    assert!(root
        .join("themes/default/static/js/livereload.js")
        .is_file());
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = root.join("site");
    let reload: Vec<_> = walkdir::WalkDir::new(&site)
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_name().to_string_lossy().contains("livereload"))
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(reload.is_empty(), "{reload:?}");
    assert!(site.join("static/js/handbook.js").is_file());

    let srv = start(&root);
    let (code, head, body) = get(&srv.addr, "/__handbook/livereload.js");
    assert_eq!(code, 200, "{head}");
    assert!(body.contains("/__handbook/status"), "{body}");
    let (code, _, page) = get(&srv.addr, "/");
    assert_eq!(code, 200);
    // (With the generation of the site the page was read from.)
    let (_, _, status) = get(&srv.addr, "/__handbook/status?since=-1");
    let gen = status
        .split("\"generation\":")
        .nth(1)
        .unwrap()
        .split([',', '}'])
        .next()
        .unwrap();
    assert!(
        page.contains(&format!(
            "<script src=\"/__handbook/livereload.js?g={gen}\">"
        )),
        "{page}"
    );
    let (code, _, _) = get(&srv.addr, "/static/js/livereload.js");
    assert_eq!(code, 404);
}

/// What `serve` prints before `Watching for changes`.
fn serve_lines(options: &[&str]) -> String {
    let (_t, root) = common::init_book();
    let mut cmd = handbook_cmd();
    cmd.arg("--root").arg(&root);
    let (mut child, mut out) = spawn_serve(cmd, options);
    let mut all = String::new();
    let mut line = String::new();
    while out.read_line(&mut line).unwrap() > 0 && !line.contains("Watching") {
        all.push_str(&line);
        line.clear();
    }
    let _ = child.kill();
    let _ = child.wait();
    all
}

/// A preview open to the network says so: no password, not for publishing, and with
/// `--drafts` the drafts and the exam papers' answer keys are theirs to read too. The default
/// (this computer only) says nothing of it.
#[test]
fn serving_on_the_network_warns_that_anyone_can_open_it() {
    let out = serve_lines(&["--bind", "0.0.0.0", "--drafts"]);
    let warning = out
        .lines()
        .find(|l| l.starts_with("warning: anyone on the network can open this preview"))
        .unwrap_or_else(|| panic!("no warning: {out}"));
    assert!(warning.contains("no password"), "{warning}");
    assert!(warning.contains("not for publishing"), "{warning}");
    assert!(
        warning.contains("drafts and the exam papers with their answer keys"),
        "{warning}"
    );
    let out = serve_lines(&["--bind", "0.0.0.0"]);
    assert!(
        out.contains("no password") && !out.contains("answer keys"),
        "{out}"
    );
    let out = serve_lines(&["--drafts"]);
    assert!(
        out.contains("this computer only") && !out.contains("warning"),
        "{out}"
    );
}

/// A snippet edited while serving: every page that includes it is rebuilt, and a mistake in
/// it is placed at its own line, after lines are added above the part included.
#[test]
fn editing_a_snippet_rebuilds_the_pages_that_include_it() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/_片段/话术.md",
        "<!-- ANCHOR: 开场 -->\n您好，很高兴为您服务。\n<!-- ANCHOR_END: 开场 -->\n",
    );
    let lesson = read(&root, "content/basics/first-lesson.md");
    write(
        &root,
        "content/basics/first-lesson.md",
        &format!("{lesson}\n{{{{#include ../_片段/话术.md:开场}}}}\n"),
    );
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    assert!(get(a, "/basics/first-lesson/").2.contains("很高兴为您服务"));
    std::thread::sleep(Duration::from_millis(300));
    let part =
        "<!-- ANCHOR: 开场 -->\n您好，请讲。见[旧页](gone.md)。\n<!-- ANCHOR_END: 开场 -->\n";
    write(&root, "content/_片段/话术.md", part);
    let s1 = wait_for(a, g0);
    let err = s1["error"].as_str().unwrap_or_default().to_string();
    assert!(err.contains("content/_片段/话术.md:2:"), "{s1}");
    // Lines added above the part: the page's text is the same, the mistake's place is not.
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "content/_片段/话术.md",
        &format!("新加的一行。\n\n{part}"),
    );
    let s1 = wait_for(a, s1["generation"].as_i64().unwrap());
    let err = s1["error"].as_str().unwrap_or_default().to_string();
    assert!(err.contains("content/_片段/话术.md:4:"), "{s1}");
    write(
        &root,
        "content/_片段/话术.md",
        "新加的一行。\n\n<!-- ANCHOR: 开场 -->\n您好，请讲。\n<!-- ANCHOR_END: 开场 -->\n",
    );
    let s2 = wait_for(a, s1["generation"].as_i64().unwrap());
    assert!(s2["error"].is_null(), "{s2}");
    let page = get(a, "/basics/first-lesson/").2;
    assert!(
        page.contains("您好，请讲。") && !page.contains("新加的一行"),
        "{page}"
    );
}

/// The page title's own id (`# 甲 {#steps}`) is one no heading takes: changing only it, the
/// preview re-renders the page (its headings' ids follow), as a fresh build would.
#[test]
fn changing_only_the_titles_id_re_renders_the_page() {
    let (_t, root) = init_book();
    let page = "content/basics/ids.md";
    write(
        &root,
        page,
        "---\ntitle: 甲\norder: 50\n---\n\n# 甲 {#steps}\n\n## steps\n\n正文。\n",
    );
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    assert!(get(a, "/basics/ids/").2.contains("<h2 id=\"steps-1\""));
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        page,
        "---\ntitle: 甲\norder: 50\n---\n\n# 甲 {#intro}\n\n## steps\n\n正文。\n",
    );
    let s1 = wait_for(a, g0);
    assert!(s1["error"].is_null(), "{s1}");
    let html = get(a, "/basics/ids/").2;
    assert!(html.contains("<h2 id=\"steps\""), "{html}");
}

/// book.toml's `[build] src` changed while serving: the preview builds from the new folder
/// and watches it from then on (an edit there reloads the page).
#[test]
fn a_changed_build_src_is_built_and_watched() {
    let (_t, root) = init_book();
    let copy = |from: &std::path::Path, to: &std::path::Path| {
        for e in walkdir::WalkDir::new(from)
            .into_iter()
            .filter_map(Result::ok)
        {
            let rel = e.path().strip_prefix(from).unwrap();
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                std::fs::copy(e.path(), to.join(rel)).unwrap();
            }
        }
    };
    copy(&root.join("content"), &root.join("content2"));
    write(
        &root,
        "content2/basics/only2.md",
        "---\ntitle: 第二份\norder: 90\n---\n\n甲版本。\n",
    );
    let srv = start(&root);
    let a = &srv.addr;
    let g0 = status_json(a, -1)["generation"].as_i64().unwrap();
    let toml = read(&root, "book.toml");
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "book.toml",
        &toml.replace("src = \"content\"", "src = \"content2\""),
    );
    let s1 = wait_for(a, g0);
    assert!(s1["error"].is_null(), "{s1}");
    assert!(get(a, "/basics/only2/").2.contains("甲版本"));
    // An edit in the new folder is seen.
    std::thread::sleep(Duration::from_millis(300));
    write(
        &root,
        "content2/basics/only2.md",
        "---\ntitle: 第二份\norder: 90\n---\n\n乙版本。\n",
    );
    let s2 = wait_for(a, s1["generation"].as_i64().unwrap());
    assert!(
        s2["generation"].as_i64().unwrap() > s1["generation"].as_i64().unwrap(),
        "{s2}"
    );
    assert!(get(a, "/basics/only2/").2.contains("乙版本"));
}

/// Two previews of one book at once (two ports) build in two folders: one folder written by
/// both would serve each the other's half-written files. Once one stops, its folder is free.
#[test]
fn two_previews_of_one_book_at_once_build_apart() {
    let (_t, root) = init_book();
    let a = start(&root);
    let b = start(&root);
    assert_ne!(a.dest, b.dest);
    assert!(
        b.dest.parent().unwrap().to_string_lossy().ends_with("-2"),
        "{}",
        b.dest.display()
    );
    assert_eq!(get(&a.addr, "/basics/first-lesson/").0, 200);
    assert_eq!(get(&b.addr, "/basics/first-lesson/").0, 200);
    let first = a.dest.clone();
    drop(a);
    let c = start(&root);
    assert_eq!(c.dest, first, "the stopped preview's folder is taken again");
}

/// The preview's folder cannot be made: said with the folder and the way out (`--dest`), not
/// a bare OS error. One that is not this user's alone is passed over for the next.
#[test]
fn a_preview_folder_that_cannot_be_used_is_said_or_passed_over() {
    let (t, root) = init_book();
    let o = handbook_cmd()
        .arg("--root")
        .arg(&root)
        .args(["serve", "--port", "0"])
        .env("TMPDIR", t.path().join("no-such-folder"))
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(!o.status.success());
    assert!(
        err.contains("cannot make the preview folder")
            && err.contains("no-such-folder")
            && err.contains("--dest DIR"),
        "{err}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let first = start(&root).dest.clone();
        let folder = first.parent().unwrap().to_path_buf();
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
        let srv = start(&root);
        assert_eq!(
            srv.dest.parent().unwrap(),
            std::path::PathBuf::from(format!("{}-2", folder.display()))
        );
    }
}

/// serve's first build is said as `build` says it (a trainer starting it read 已重新生成 and
/// wondered what had been built before); the builds after an edit are rebuilds.
#[test]
fn serve_says_its_first_build_is_built_not_rebuilt() {
    let (_t, root) = init_book();
    let mut cmd = handbook_cmd();
    cmd.arg("--root").arg(&root);
    if let Some(tmp) = preview_tmp(&cmd) {
        cmd.env("TMPDIR", tmp);
    }
    let mut child = cmd
        .args(["serve", "--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut out = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    out.read_line(&mut line).unwrap();
    assert!(line.contains("http://127.0.0.1:"), "{line}");
    child.kill().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    let _ = child.wait();
    assert!(err.lines().any(|l| l.starts_with("built ")), "{err}");
    assert!(!err.contains("rebuilt"), "{err}");
}
