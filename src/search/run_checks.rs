//! `handbook check --search`: runs the book's search checks (`search-checks.yaml`) in headless
//! Chromium (or Chrome / Edge) on the built site's 搜索自查 page, so that a trainer's CI fails
//! when a question readers ask no longer finds its answer.
//!
//! The ranking lives in the browser's JavaScript only (the same code readers run), so the
//! page is what is run: `BROWSER --headless --dump-dom --virtual-time-budget=… file://…`
//! loads `search/checks/index.html`, whose script types each query into the search box and
//! marks each row passed or failed (`data-rank`), then the summary done (`data-done`). Virtual
//! time lets the search's timers run without waiting for them; the page then comes back as
//! HTML, read here. No WebDriver, no new dependency: a browser on the machine is enough.

use super::index::attr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The browsers looked for on `PATH`, in this order, when none is named.
const BROWSERS: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Where Windows and macOS install them (not on `PATH` there).
const INSTALLED: &[&str] = &[
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Microsoft\Edge\Application\msedge.exe",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
];

/// The browser to run: `given` (`--browser`, or `HANDBOOK_BROWSER`), else the first of
/// [`BROWSERS`] on `PATH`, else one installed where [`INSTALLED`] says.
pub fn find_browser(given: Option<&Path>) -> Result<PathBuf, String> {
    if let Some(b) = given {
        if b.is_file() {
            return Ok(b.to_path_buf());
        }
        if let Some(found) = on_path(&b.to_string_lossy()) {
            return Ok(found);
        }
        return Err(t!("no browser at `{}`", "找不到浏览器 `{}`", b.display()));
    }
    BROWSERS
        .iter()
        .find_map(|name| on_path(name))
        .or_else(|| INSTALLED.iter().map(PathBuf::from).find(|p| p.is_file()))
        .ok_or_else(|| {
            t!(
                "no Chromium, Chrome or Edge found to run the search checks in",
                "没有找到可以运行搜索自查的浏览器（Chromium、Chrome 或 Edge）"
            )
        })
}

/// `name` as found in a folder of `PATH` (with `.exe` on Windows), if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    if name.contains(['/', '\\']) {
        return None;
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path).find_map(|dir| {
        [name.to_string(), format!("{name}.exe")]
            .into_iter()
            .map(|n| dir.join(n))
            .find(|p| p.is_file())
    })
}

/// A `file://` URL for an absolute path (each byte outside the unreserved set and `/` as
/// `%XX`; a Windows path's `\` as `/`, its drive after a third slash).
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from("file://");
    if !text.starts_with('/') {
        url.push('/');
    }
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b':' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// One check as the page left it.
#[derive(Debug, PartialEq)]
pub struct Outcome {
    /// Its number on the page (1, 2 …: its place in the file).
    pub n: usize,
    pub passed: bool,
    /// The place its target came (1 …), 0 when not among the results, -1 when the search gave
    /// no results in time.
    pub rank: i64,
    /// When it failed, the titles of the first results (at most three).
    pub first: Vec<String>,
}

/// What the page says once every check ran: each check run (those whose target the site
/// leaves out are not), or why it cannot be read.
pub fn read_page(html: &str) -> Result<Vec<Outcome>, String> {
    let summary = tags(html, "p")
        .find(|t| attr(t.0, "id").as_deref() == Some("checks-summary"))
        .map(|t| t.0);
    if summary.and_then(|t| attr(t, "data-done")).as_deref() != Some("true") {
        return Err(t!(
            "the search checks did not finish in the browser",
            "搜索自查没有在浏览器里运行完"
        ));
    }
    let mut out = Vec::new();
    for (tag, at) in tags(html, "tr") {
        let Some(n) = attr(tag, "id")
            .and_then(|id| id.strip_prefix("check-").map(str::to_string))
            .and_then(|n| n.parse().ok())
        else {
            continue;
        };
        let class = attr(tag, "class").unwrap_or_default();
        let passed = class.split(' ').any(|c| c == "check-pass");
        if !passed && !class.split(' ').any(|c| c == "check-fail") {
            continue;
        }
        let row = &html[at..];
        let row = &row[..row.find("</tr>").unwrap_or(row.len())];
        // (A book's own copy of an older search-checks.js sets no `data-rank`: its result's
        // text gives the place, 第 N 名.)
        let rank = attr(tag, "data-rank")
            .and_then(|r| r.parse().ok())
            .or_else(|| {
                let text = &row[row.find("第 ")? + "第 ".len()..];
                text[..text.find(" 名")?].parse().ok()
            })
            .unwrap_or(0);
        let first = match row.find("class=\"check-found\"") {
            Some(i) if !passed => {
                let list = &row[i..];
                let list = &list[..list.find("</ol>").unwrap_or(list.len())];
                list.split("<a ")
                    .skip(1)
                    .filter_map(|a| {
                        let text = &a[a.find('>')? + 1..];
                        Some(unescape(&text[..text.find("</a>")?]))
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        out.push(Outcome {
            n,
            passed,
            rank,
            first,
        });
    }
    Ok(out)
}

/// Each `<name …>` start tag in `html`: its text and where it ends.
fn tags<'a>(html: &'a str, name: &'a str) -> impl Iterator<Item = (&'a str, usize)> + 'a {
    let open = format!("<{name} ");
    let mut from = 0;
    std::iter::from_fn(move || {
        let start = from + html[from..].find(&open)?;
        let end = start + html[start..].find('>')? + 1;
        from = end;
        Some((&html[start..end], end))
    })
}

/// A link's text as the page wrote it, unescaped (a title's no-break space kept).
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

/// Runs the checks page `page` (an `index.html` under a built site) in `browser` and reads
/// what it says; the browser's own files go in `scratch` (a folder of its own, made here).
pub fn run(browser: &Path, page: &Path, scratch: &Path) -> Result<Vec<Outcome>, String> {
    // Real time allowed; virtual time is the page's own (its timers run at once when idle).
    const WALL: Duration = Duration::from_secs(300);
    let profile = scratch.join("browser-profile");
    let _ = std::fs::create_dir_all(&profile);
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--disable-gpu",
            // (The page is the book's own, from a folder made for this run; a sandbox needs
            // privileges a CI container or root does not give.)
            "--no-sandbox",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-extensions",
            "--disable-background-networking",
            "--allow-file-access-from-files",
            "--virtual-time-budget=3600000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(file_url(page))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| {
            t!(
                "could not start the browser `{}`: {e}",
                "无法启动浏览器 `{}`：{e}",
                browser.display()
            )
        })?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let reader = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stdout.read_to_end(&mut out);
        out
    });
    let errors = std::thread::spawn(move || {
        let mut out = Vec::new();
        let _ = stderr.read_to_end(&mut out);
        out
    });
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if start.elapsed() > WALL => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(t!(
                    "the browser did not finish the search checks in {} s",
                    "浏览器在 {} 秒内没有运行完搜索自查",
                    WALL.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(e.to_string()),
        }
    };
    let html = String::from_utf8_lossy(&reader.join().unwrap_or_default()).into_owned();
    let said = String::from_utf8_lossy(&errors.join().unwrap_or_default()).into_owned();
    if !status.success() && html.trim().is_empty() {
        let last = said
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("");
        return Err(t!(
            "the browser `{}` failed ({status}): {last}",
            "浏览器 `{}` 运行失败（{status}）：{last}",
            browser.display()
        ));
    }
    read_page(&html)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_absolute_and_escaped() {
        assert_eq!(
            file_url(Path::new("/tmp/a b/搜索/index.html")),
            "file:///tmp/a%20b/%E6%90%9C%E7%B4%A2/index.html"
        );
        assert_eq!(
            file_url(Path::new(r"C:\Users\培训\site\index.html")),
            "file:///C:/Users/%E5%9F%B9%E8%AE%AD/site/index.html"
        );
    }

    #[test]
    fn the_page_is_read_as_the_script_leaves_it() {
        let page = r#"<p class="checks-summary checks-some-failed" id="checks-summary" role="status" data-passed="1" data-failed="2" data-done="true">…</p>
<table><tbody><tr id="check-1" class="check-row check-pass" data-n="1" data-rank="2"><td>1</td><td class="check-result"><strong>通过</strong>：第 2 名</td></tr>
<tr id="check-2" class="check-row check-fail" data-n="2" data-rank="5"><td class="check-result"><strong>未通过</strong><ol class="check-found"><li><a href="../../a/">A &amp; B</a></li><li><a href="../../b/">乙</a></li></ol></td></tr>
<tr id="check-3" class="check-row" data-n="3"><td class="check-result">不检查</td></tr>
<tr id="check-4" class="check-row check-fail" data-n="4" data-rank="-1"><td class="check-result">…</td></tr>
<tr id="check-5" class="check-row check-fail" data-n="5"><td class="check-result"><strong>未通过</strong>：排在第 7 名（要求前 3 名）</td></tr>
</tbody></table>"#;
        let got = read_page(page).unwrap();
        assert_eq!(
            got,
            vec![
                Outcome {
                    n: 1,
                    passed: true,
                    rank: 2,
                    first: vec![]
                },
                Outcome {
                    n: 2,
                    passed: false,
                    rank: 5,
                    first: vec!["A & B".into(), "乙".into()]
                },
                Outcome {
                    n: 4,
                    passed: false,
                    rank: -1,
                    first: vec![]
                },
                Outcome {
                    n: 5,
                    passed: false,
                    rank: 7,
                    first: vec![]
                },
            ]
        );
        // Not finished: no reading of half a run.
        assert!(read_page(&page.replace(" data-done=\"true\"", "")).is_err());
        assert!(read_page("").is_err());
    }

    #[test]
    fn a_named_browser_that_is_not_there_is_an_error() {
        let e = find_browser(Some(Path::new("/no/such/browser"))).unwrap_err();
        assert!(e.contains("/no/such/browser"), "{e}");
    }
}
