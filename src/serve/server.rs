//! The static file server: only files under the output folder, correct MIME types, a 404
//! page, live-reload script injected into HTML responses (never written to the site).

use super::Shared;
use std::io::Cursor;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use tiny_http::{Header, Request, Response, StatusCode};

pub const RELOAD_JS: &str = include_str!("../../themes/default/static/js/livereload.js");

/// Why a request path cannot be served.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    NotFound,
    Forbidden,
    /// A folder asked for without its trailing slash: redirect so relative links work.
    Redirect(String),
}

/// Maps a request path to a file under `root`, refusing anything that could escape it.
pub fn resolve(root: &Path, url: &str) -> Result<PathBuf, Refusal> {
    let path = url.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::book::urls::percent_decode(path).ok_or(Refusal::NotFound)?;
    let decoded = String::from_utf8(decoded).map_err(|_| Refusal::NotFound)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(Refusal::Forbidden);
    }
    let mut rel = PathBuf::new();
    for seg in decoded.split('/') {
        match seg {
            "" => {}
            "." | ".." => return Err(Refusal::Forbidden),
            s if s.contains(':') => return Err(Refusal::Forbidden),
            s => rel.push(s),
        }
    }
    let root = root.canonicalize().map_err(|_| Refusal::NotFound)?;
    let mut full = root.join(&rel);
    if full.is_dir() {
        if !path.ends_with('/') {
            // (One slash in front: `//basics` must not send the browser to a host `basics`.)
            return Err(Refusal::Redirect(format!(
                "/{}/",
                path.trim_start_matches('/')
            )));
        }
        full.push("index.html");
    }
    let canon = full.canonicalize().map_err(|_| Refusal::NotFound)?;
    if !canon.starts_with(&root) {
        return Err(Refusal::Forbidden); // a symlink that leads outside
    }
    if !canon.is_file() {
        return Err(Refusal::NotFound);
    }
    Ok(canon)
}

pub fn mime(path: &Path) -> &'static str {
    match path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
        .as_str()
    {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "pptx" => "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "doc" => "application/msword",
        "xls" => "application/vnd.ms-excel",
        "ppt" => "application/vnd.ms-powerpoint",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "mp3" => "audio/mpeg",
        "mp4" => "video/mp4",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

fn header(k: &str, v: &str) -> Header {
    Header::from_bytes(k.as_bytes(), v.as_bytes()).expect("static header is valid")
}

/// Adds the live-reload script to a page, with the generation of the site it was read from
/// (`g`): a rebuild published while the page loaded is then seen as one it has not shown.
fn inject(html: Vec<u8>, extra_head: &str, generation: i64) -> Vec<u8> {
    let tag =
        format!("{extra_head}<script src=\"/__handbook/livereload.js?g={generation}\"></script>");
    let mut s = String::from_utf8_lossy(&html).into_owned();
    match s.rfind("</body>") {
        Some(i) => s.insert_str(i, &tag),
        None => s.push_str(&tag),
    }
    s.into_bytes()
}

/// A live-reload poll not held: 503, its page asking again a second or two later.
fn busy(req: Request) {
    respond(
        req,
        503,
        "text/plain; charset=utf-8",
        b"busy".to_vec(),
        &[("Retry-After", "2")],
    )
}

fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>, extra: &[(&str, &str)]) {
    let len = body.len();
    let mut resp = Response::new(
        StatusCode(status),
        vec![header("Content-Type", ctype)],
        Cursor::new(body),
        Some(len),
        None,
    );
    resp.add_header(header("X-Content-Type-Options", "nosniff"));
    if !extra.iter().any(|(k, _)| *k == "Cache-Control") {
        resp.add_header(header("Cache-Control", "no-store"));
    }
    for (k, v) in extra {
        resp.add_header(header(k, v));
    }
    let _ = req.respond(resp);
}

/// The host a request names (its Host header without the port) is this computer.
/// The value of `name` in a request's query string (`/path?a=1&name=2`), as written.
fn query_param<'a>(url: &'a str, name: &str) -> Option<&'a str> {
    let (_, query) = url.split_once('?')?;
    query.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k == name).then_some(v)
    })
}

fn local_host(req: &Request) -> bool {
    let Some(h) = req.headers().iter().find(|h| h.field.equiv("Host")) else {
        return true; // (HTTP/1.0)
    };
    let host = h.value.as_str().trim();
    let name = if let Some(rest) = host.strip_prefix('[') {
        rest.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(n, _)| n)
    };
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    // (An address, not a name that starts like one: `127.evil.example` can point anywhere.)
    name == "localhost"
        || name.ends_with(".localhost")
        || name
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

pub fn handle(req: Request, shared: &Arc<Shared>) {
    use std::sync::atomic::Ordering;
    if shared.local_only.load(Ordering::Relaxed) && !local_host(&req) {
        return respond(
            req,
            421,
            "text/plain; charset=utf-8",
            t!(
                "421: this preview answers only to localhost or 127.0.0.1 (start it with --bind 0.0.0.0 to share it)",
                "421：这个预览只接受 localhost 或 127.0.0.1 的访问（要共享给别人，启动时加 --bind 0.0.0.0）"
            )
            .into_bytes(),
            &[],
        );
    }
    let url = req.url().to_string();
    let path = url.split('?').next().unwrap_or("").to_string();
    if path == "/__handbook/livereload.js" {
        return respond(
            req,
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
            &[],
        );
    }
    if path == "/__handbook/status" && *req.method() == tiny_http::Method::Get {
        let since: i64 = query_param(&url, "since")
            .and_then(|v| v.parse().ok())
            .unwrap_or(-1);
        // `wait=SECONDS` (1-25, default 25): how long to hold the poll without a change, for a
        // script that waits for a rebuild with a shorter time-out of its own.
        let wait = query_param(&url, "wait")
            .and_then(|v| v.parse::<u64>().ok())
            .map_or(25, |s| s.clamp(1, 25));
        // Long poll on its own thread so workers stay free for page requests. Past 64 at once
        // (a page left keeps its poll until it times out: a fast walk through the site), the
        // oldest are let go with a 503, and this one waits; past 96 (those let go not gone
        // yet), or when no thread can be made, 503: the page asks again a second later
        // (livereload.js), not at once in a loop.
        let ticket = shared.poll_ticket();
        if shared.polls.fetch_add(1, Ordering::Relaxed) >= super::POLLS_MAX {
            shared.polls.fetch_sub(1, Ordering::Relaxed);
            return busy(req);
        }
        let wait = Duration::from_secs(wait);
        let poll = {
            let shared = Arc::clone(shared);
            move |req: Request| {
                let state = shared.wait_for_change_or_release(since, wait, ticket);
                shared.polls.fetch_sub(1, Ordering::Relaxed);
                let Some(state) = state else {
                    return busy(req);
                };
                let body = serde_json::json!({ "generation": state.generation, "error": state.error, "warnings": state.warnings })
                    .to_string();
                respond(
                    req,
                    200,
                    "application/json; charset=utf-8",
                    body.into_bytes(),
                    &[],
                );
            }
        };
        let held = std::sync::Arc::new(std::sync::Mutex::new(Some((req, poll))));
        let inner = std::sync::Arc::clone(&held);
        let spawned = std::thread::Builder::new().spawn(move || {
            if let Some((req, poll)) = inner.lock().ok().and_then(|mut g| g.take()) {
                poll(req);
            }
        });
        if spawned.is_err() {
            if let Some((req, _)) = held.lock().ok().and_then(|mut g| g.take()) {
                shared.polls.fetch_sub(1, Ordering::Relaxed);
                busy(req);
            }
        }
        return;
    }
    if !matches!(
        req.method(),
        tiny_http::Method::Get | tiny_http::Method::Head
    ) {
        return respond(
            req,
            405,
            "text/plain; charset=utf-8",
            b"method not allowed".to_vec(),
            &[("Allow", "GET, HEAD")],
        );
    }
    // (Before the page is read: see `Shared::generation`.)
    let generation = shared.generation();
    match resolve(&shared.dest, &path) {
        Ok(file) => match shared.read(&file) {
            Ok(bytes) => {
                let ctype = mime(&file);
                let body = if ctype.starts_with("text/html") {
                    inject(bytes, "", generation)
                } else {
                    bytes
                };
                // A theme file named by its contents (`static/js/quiz.4252e3e8.js`) never
                // changes under that name: kept by the browser, not read again at each reload
                // of every open tab (trainer serve review: ~460 KB per tab per save).
                let keep: &[(&str, &str)] = match hashed_asset(&path) {
                    true => &[("Cache-Control", "public, max-age=31536000, immutable")],
                    false => &[],
                };
                respond(req, 200, ctype, body, keep);
            }
            Err(_) => not_found(req, shared, generation),
        },
        Err(Refusal::Redirect(to)) => respond(
            req,
            301,
            "text/plain; charset=utf-8",
            Vec::new(),
            &[("Location", &to)],
        ),
        Err(Refusal::Forbidden) => respond(
            req,
            403,
            "text/plain; charset=utf-8",
            b"403 forbidden".to_vec(),
            &[],
        ),
        Err(Refusal::NotFound) => not_found(req, shared, generation),
    }
}

/// Whether a request's path names a theme file by its contents' hash: under `static/`,
/// `name.XXXXXXXX.ext` with eight hexadecimal digits.
fn hashed_asset(path: &str) -> bool {
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let Some(rest) = path.trim_start_matches('/').strip_prefix("static/") else {
        return false;
    };
    let name = rest.rsplit('/').next().unwrap_or(rest);
    let parts: Vec<&str> = name.split('.').collect();
    // (The theme's styles and scripts: a picture named by its date, `pic.20240101.png`, may be
    // replaced under that name.)
    parts.len() >= 3
        && matches!(parts[parts.len() - 1], "css" | "js")
        && parts[parts.len() - 2].len() == 8
        && parts[parts.len() - 2]
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
}

/// The 404 page, its live-reload script with `generation` (read before the page, as for any).
fn not_found(req: Request, shared: &Shared, generation: i64) {
    let page = std::fs::read(shared.dest.join("404.html"))
        .map(|b| {
            // The preview serves the site at `/`: its 404 page resolves links from there, also
            // when the built page carries the intranet's `[output] site-url` as its <base>.
            let html = String::from_utf8_lossy(&b).into_owned();
            // (A base tag, not the head script's that writes one when there is no site-url.)
            let tag = html.match_indices("<base href=\"").map(|(i, _)| i).find(|&i| {
                let before = &html[..i];
                before
                    .rfind("<script")
                    .is_none_or(|s| before[s..].contains("</script>"))
            });
            match tag {
                Some(i) => {
                    let end = html[i..].find('>').map_or(html.len(), |e| i + e + 1);
                    let html = format!("{}<base href=\"/\">{}", &html[..i], &html[end..]);
                    inject(html.into_bytes(), "", generation)
                }
                // (First in its head: the stylesheets after it are asked for from `/`, also
                // by the browser's look-ahead, which fetched them from the missing page's
                // folder, 404s in the console, when the <base> came at the end.)
                None => match html.find("<head>") {
                    Some(i) => {
                        let at = i + "<head>".len();
                        let html = format!("{}<base href=\"/\">{}", &html[..at], &html[at..]);
                        inject(html.into_bytes(), "", generation)
                    }
                    None => inject(b, "<base href=\"/\">", generation),
                },
            }
        })
        .unwrap_or_else(|_| {
            // No site yet (its first build failed, as on a fresh clone with a mistake in it):
            // live reload shows the errors here, and the page once a build succeeds.
            inject(
                "<!doctype html><meta charset=utf-8><title>404</title><h1>404 页面不存在</h1><p>还没有生成好的页面可以预览：生成出错时，错误会显示在这里；改正后页面自动刷新。</p>"
                    .as_bytes()
                    .to_vec(),
                "",
                generation,
            )
        });
    respond(req, 404, "text/html; charset=utf-8", page, &[]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_params_are_read_by_name() {
        let url = "/__handbook/status?since=7&wait=3";
        assert_eq!(query_param(url, "since"), Some("7"));
        assert_eq!(query_param(url, "wait"), Some("3"));
        assert_eq!(query_param("/__handbook/status?xsince=7", "since"), None);
        assert_eq!(query_param("/__handbook/status", "since"), None);
        assert_eq!(query_param("/__handbook/status?since", "since"), None);
    }

    #[test]
    fn refuses_escapes() {
        let t = tempfile::tempdir().unwrap();
        let root = t.path().join("site");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/index.html"), "x").unwrap();
        std::fs::write(t.path().join("secret.txt"), "s").unwrap();
        assert!(resolve(&root, "/a/").is_ok());
        assert_eq!(resolve(&root, "/a"), Err(Refusal::Redirect("/a/".into())));
        assert_eq!(resolve(&root, "/../secret.txt"), Err(Refusal::Forbidden));
        assert_eq!(
            resolve(&root, "/%2e%2e/secret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(
            resolve(&root, "/a/%2E%2E%2f..%2fsecret.txt"),
            Err(Refusal::Forbidden)
        );
        assert_eq!(resolve(&root, "/missing.html"), Err(Refusal::NotFound));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(t.path().join("secret.txt"), root.join("link.txt")).unwrap();
            assert_eq!(resolve(&root, "/link.txt"), Err(Refusal::Forbidden));
        }
    }

    #[test]
    fn mime_types() {
        assert_eq!(mime(Path::new("a.html")), "text/html; charset=utf-8");
        assert_eq!(mime(Path::new("a.JS")), "text/javascript; charset=utf-8");
        assert_eq!(mime(Path::new("rules.csv")), "text/csv; charset=utf-8");
        assert!(mime(Path::new("讲义.DOCX")).ends_with("wordprocessingml.document"));
        assert_eq!(mime(Path::new("a.bin")), "application/octet-stream");
    }
}
