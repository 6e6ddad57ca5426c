//! Versions in the addresses of the scripts a build makes (`nav.js`, `calendar.js`,
//! `glossary/terms.js`, each quiz's `data.js`, `progress/data.js`): a page asks for
//! `nav.js?v=<hash of its bytes>`.
//!
//! Their names stay the same from one build to the next, and a web server that sends no
//! `Cache-Control` (IIS and nginx as installed) lets a browser reuse its copy by its own guess,
//! for days after a monthly publish: the sidebar of last month on this month's pages, and a
//! quiz graded with last month's answers. With the hash in the address, a page of the new
//! build asks for a file no cache holds, while a page of the old build still in a cache asks
//! for the address it always did. Query strings rather than hashed names: a server ignores the
//! query and sends the file as it is, so a page whose address lags (the preview server
//! rewriting a few pages, a stale page left from a copy over the old folder) still gets a
//! working script instead of a missing one, templates written for plain names keep working,
//! and from `file://` the browser reads the file by its plain name.
//!
//! The theme's own files are already loaded by stamped names, and the search index has its
//! own build stamp (docs/search-index.md, "Builds and caches"): both are left alone.

use std::collections::HashMap;
use std::sync::Arc;

use super::pages::OutputFile;

/// Appends `?v=<hash>` to every `src="…"` (and `data-src="…"`) in the HTML files that names a
/// script or style of `files` by a relative address, and writes into `nav.js` (which every page
/// loads first) the versions of the scripts the theme's JavaScript loads by itself (a quiz's
/// `data.js` for the 错题本 and embedded quizzes, `static/js/fold.js`), as its `versions`:
/// `window.HANDBOOK_NAV = {…, "versions": {"quizzes/x/data.js": "1a2b3c4d", …}};`.
/// `theme_stamp` names the theme files already loaded by stamped names.
pub fn stamp_references(files: &mut [OutputFile], theme_stamp: &str) {
    stamp_references_cached(files, theme_stamp, None);
}

/// Where each page names a file by a relative address (`src="…"`): the end of the address and
/// the path it names, whether that file has a version or not. Kept by the preview server from
/// one rebuild to the next (in the render cache) by the page's path and a hash of its bytes: a
/// page an edit did not change is not searched again, only given the versions of this build.
#[derive(Default)]
pub struct ScanCache {
    pages: std::sync::Mutex<HashMap<String, (u64, Arc<Spots>)>>,
    /// How many pages the last rebuild searched (the others were unchanged).
    scanned: std::sync::atomic::AtomicUsize,
}

/// A page's relative addresses: (the byte after the address, the path it names).
type Spots = Vec<(usize, String)>;

/// [`stamp_references`], with the preview server's [`ScanCache`].
pub fn stamp_references_cached(
    files: &mut [OutputFile],
    theme_stamp: &str,
    cache: Option<&ScanCache>,
) {
    let laps = crate::Laps::start();
    let stamped = format!(".{theme_stamp}.");
    // (The search index under search/, but for 搜索自查's data in search/checks/.)
    let index = |path: &str| {
        use crate::book::urls::{SEARCH, SEARCH_CHECKS};
        path.starts_with(SEARCH) && !path.starts_with(SEARCH_CHECKS)
    };
    let versioned = |path: &str| {
        (path.ends_with(".js") || path.ends_with(".css"))
            && !index(path)
            && !path.contains(&stamped)
    };
    let mut versions: HashMap<String, String> = files
        .iter()
        .filter(|(p, _)| versioned(p) && p != "nav.js")
        .map(|(p, b)| (p.clone(), version(b)))
        .collect();
    // The scripts quiz.js loads itself, by the versions nav.js lists.
    let mut loaded: Vec<(&String, &String)> = versions
        .iter()
        .filter(|(p, _)| {
            p.as_str() == "static/js/fold.js"
                || (p.starts_with("quizzes/") && p.ends_with("/data.js"))
        })
        .collect();
    loaded.sort();
    let map: serde_json::Map<String, serde_json::Value> = loaded
        .into_iter()
        .map(|(p, v)| (p.clone(), serde_json::Value::from(v.as_str())))
        .collect();
    if let Some((_, nav)) = files.iter_mut().find(|(p, _)| p == "nav.js") {
        // `window.HANDBOOK_NAV = {…};`: one more key at its end.
        if let Some(end) = nav.iter().rposition(|&b| b == b'}') {
            let key = format!(",\"versions\":{}", serde_json::Value::Object(map));
            nav.splice(end..end, key.into_bytes());
        }
        // And the version the pages of this build ask for it by, as its `build`: a page whose
        // `nav.js?v=` differs was not written by the build that wrote nav.js (one left behind
        // when a new build was copied over the old folder, or an old copy in a cache), and
        // handbook.js says so at its top.
        let v = version(nav);
        if let Some(end) = nav.iter().rposition(|&b| b == b'}') {
            nav.splice(end..end, format!(",\"build\":\"{v}\"").into_bytes());
        }
        versions.insert("nav.js".into(), v);
    }
    laps.lap("versions: hashed in");
    use rayon::prelude::*;
    let Some(cache) = cache else {
        files.par_iter_mut().for_each(|(path, bytes)| {
            if path.ends_with(".html") {
                if let Some(spots) = std::str::from_utf8(bytes).ok().map(|h| scan(path, h)) {
                    apply(bytes, &spots, &versions);
                }
            }
        });
        laps.lap("versions: pages stamped in");
        return;
    };
    let last = std::mem::take(&mut *cache.pages.lock().unwrap_or_else(|e| e.into_inner()));
    let scanned = std::sync::atomic::AtomicUsize::new(0);
    let kept: HashMap<String, (u64, Arc<Spots>)> = files
        .par_iter_mut()
        .filter(|(path, _)| path.ends_with(".html"))
        .filter_map(|(path, bytes)| {
            let h = crate::output::hash_bytes(bytes);
            let spots = match last.get(path.as_str()) {
                Some((was, spots)) if *was == h => Arc::clone(spots),
                _ => {
                    scanned.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    Arc::new(scan(path, std::str::from_utf8(bytes).ok()?))
                }
            };
            apply(bytes, &spots, &versions);
            Some((path.clone(), (h, spots)))
        })
        .collect();
    *cache.pages.lock().unwrap_or_else(|e| e.into_inner()) = kept;
    cache
        .scanned
        .store(scanned.into_inner(), std::sync::atomic::Ordering::Relaxed);
    laps.lap("versions: pages stamped in");
}

/// 8 hex digits of FNV-1a over `bytes`.
fn version(bytes: &[u8]) -> String {
    let h = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    format!("{:08x}", (h ^ (h >> 32)) as u32)
}

/// The relative addresses of page `page` (from the site's root) in `src="…"` attributes.
fn scan(page: &str, html: &str) -> Spots {
    const ATTR: &str = "src=\"";
    let dir = page.rfind('/').map_or("", |i| &page[..=i]);
    let mut out = Vec::new();
    for (at, _) in html.match_indices(ATTR) {
        let start = at + ATTR.len();
        let Some(len) = html[start..].find('"') else {
            break;
        };
        if let Some(p) = resolve(dir, &html[start..start + len]) {
            out.push((start + len, p));
        }
    }
    out
}

/// Puts `?v=` after each of `spots` that names a file of `versions`.
fn apply(bytes: &mut Vec<u8>, spots: &Spots, versions: &HashMap<String, String>) {
    let found: Vec<(usize, &String)> = spots
        .iter()
        .filter_map(|(at, p)| Some((*at, versions.get(p)?)))
        .collect();
    if found.is_empty() {
        return;
    }
    let extra: usize = found.iter().map(|(_, v)| v.len() + 3).sum();
    let mut out = Vec::with_capacity(bytes.len() + extra);
    let mut copied = 0;
    for (at, v) in found {
        out.extend_from_slice(&bytes[copied..at]);
        out.extend_from_slice(b"?v=");
        out.extend_from_slice(v.as_bytes());
        copied = at;
    }
    out.extend_from_slice(&bytes[copied..]);
    *bytes = out;
}

/// The path from the site's root that the relative address `value` names from the folder
/// `dir`; None for an absolute address, one with a query or fragment, or one above the root.
fn resolve(dir: &str, value: &str) -> Option<String> {
    if value.is_empty() || value.starts_with('/') || value.contains([':', '?', '#', '&']) {
        return None;
    }
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    let mut segments = value.split('/').peekable();
    while let Some(s) = segments.next() {
        match s {
            "." => {}
            ".." => {
                parts.pop()?;
            }
            s if segments.peek().is_none() => parts.push(s),
            "" => return None,
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_addresses() {
        assert_eq!(resolve("a/b/", "../../nav.js").as_deref(), Some("nav.js"));
        assert_eq!(
            resolve("quizzes/x/", "data.js").as_deref(),
            Some("quizzes/x/data.js")
        );
        assert_eq!(
            resolve("a/", "../quizzes/x/data.js").as_deref(),
            Some("quizzes/x/data.js")
        );
        assert_eq!(resolve("", "../nav.js"), None);
        assert_eq!(resolve("a/", "/nav.js"), None);
        assert_eq!(resolve("a/", "nav.js?v=1"), None);
        assert_eq!(resolve("a/", "http://x/nav.js"), None);
    }

    /// The preview server searches again only the pages whose bytes changed; the others get
    /// this build's versions all the same, as a clean build gives them.
    #[test]
    fn the_preview_server_searches_only_the_pages_that_changed() {
        let site = |data: &str, page_b: &str| -> Vec<OutputFile> {
            vec![
                ("nav.js".into(), b"window.HANDBOOK_NAV = {};\n".to_vec()),
                ("quizzes/q/data.js".into(), data.as_bytes().to_vec()),
                (
                    "a/index.html".into(),
                    br#"<script src="../nav.js"></script><div data-src="../quizzes/q/data.js">"#
                        .to_vec(),
                ),
                ("b/c/index.html".into(), page_b.as_bytes().to_vec()),
            ]
        };
        let cache = ScanCache::default();
        let scanned = || cache.scanned.load(std::sync::atomic::Ordering::Relaxed);
        let check = |data: &str, page_b: &str| {
            let (mut cached, mut clean) = (site(data, page_b), site(data, page_b));
            stamp_references_cached(&mut cached, "abcd1234", Some(&cache));
            stamp_references(&mut clean, "abcd1234");
            assert_eq!(cached, clean);
            cached
        };
        let b = r#"<script src="../../nav.js"></script>"#;
        check("q1", b);
        assert_eq!(scanned(), 2);
        check("q1", b);
        assert_eq!(scanned(), 0);
        // Another quiz data: its version in the page that names it, no page searched.
        let out = check("q2", b);
        assert_eq!(scanned(), 0);
        assert!(String::from_utf8_lossy(&out[2].1).contains(&version(b"q2")));
        // One page changed: that one searched.
        check("q2", &format!("{b}<img src=\"x.png\">"));
        assert_eq!(scanned(), 1);
    }

    #[test]
    fn stamps_the_scripts_a_page_names_and_nothing_else() {
        let mut files: Vec<OutputFile> = vec![
            ("nav.js".into(), b"window.HANDBOOK_NAV = {\"items\":[]};\n".to_vec()),
            ("quizzes/q/data.js".into(), b"q".to_vec()),
            ("static/js/quiz.abcd1234.js".into(), b"theme".to_vec()),
            ("search/meta.js".into(), b"meta".to_vec()),
            (
                "a/index.html".into(),
                br#"<img src="../p.png"><div data-src="../quizzes/q/data.js"></div><script src="../static/js/quiz.abcd1234.js"></script><script src="../search/meta.js"></script><script src="../nav.js"></script>"#.to_vec(),
            ),
        ];
        stamp_references(&mut files, "abcd1234");
        let nav = String::from_utf8(files[0].1.clone()).unwrap();
        let q = version(b"q");
        let before = format!(
            r#"window.HANDBOOK_NAV = {{"items":[],"versions":{{"quizzes/q/data.js":"{q}"}}}};"#
        );
        let v = version(format!("{before}\n").as_bytes());
        assert!(
            nav.trim_end().ends_with(&format!(
                r#"window.HANDBOOK_NAV = {{"items":[],"versions":{{"quizzes/q/data.js":"{q}"}},"build":"{v}"}};"#
            )),
            "{nav}"
        );
        let html = String::from_utf8(files[4].1.clone()).unwrap();
        assert_eq!(
            html,
            format!(
                r#"<img src="../p.png"><div data-src="../quizzes/q/data.js?v={q}"></div><script src="../static/js/quiz.abcd1234.js"></script><script src="../search/meta.js"></script><script src="../nav.js?v={v}"></script>"#
            )
        );
    }
}
