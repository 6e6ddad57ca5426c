//! Helpers shared by the integration tests: run the real `handbook` binary on real folders.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_handbook"))
}

/// The `handbook` command, speaking English: the tests compare its messages with English
/// text (`tests/build.rs` has the tests of the Chinese ones, which unset this).
pub fn handbook_cmd() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("HANDBOOK_LANG", "en");
    cmd
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn run(root: &Path, args: &[&str]) -> Output {
    run_with_env(root, args, &[])
}

/// `build --audience READERS --dest DEST`: the site for some readers, built beside the
/// book's own.
pub fn build_for(root: &Path, readers: &str, dest: &Path) -> Output {
    let dest = dest.to_str().expect("a UTF-8 path");
    run(root, &["build", "--audience", readers, "--dest", dest])
}

/// [`run`] with more environment variables set.
pub fn run_with_env(root: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = handbook_cmd();
    // (Started in the book's folder, as a trainer is: files are named from there,
    // `content/…`, with the absolute `--root` as well.)
    if root.is_dir() {
        cmd.current_dir(root);
    }
    cmd.arg("--root")
        .arg(root)
        .args(args)
        .env("CI", "1")
        .envs(env.iter().copied())
        .output()
        .expect("run handbook")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// A fresh handbook from `handbook init` in a temp dir.
pub fn init_book() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("book");
    let o = handbook_cmd().arg("init").arg(&root).output().unwrap();
    assert!(o.status.success(), "init failed: {}", stderr(&o));
    (t, root)
}

pub fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

pub fn read(root: &Path, rel: &str) -> String {
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
}

/// Copies the repository's bundled handbook (book.toml, content, themes) into a temp dir.
pub fn bundled_copy() -> (tempfile::TempDir, PathBuf) {
    let t = tempfile::tempdir().unwrap();
    let root = t.path().join("book");
    for entry in walkdir::WalkDir::new(repo()).into_iter().filter_entry(|e| {
        let n = e.file_name().to_string_lossy();
        e.depth() == 0
            || (e.depth() == 1 && ["book.toml", "content", "themes"].contains(&n.as_ref()))
            || e.depth() > 1
    }) {
        let e = entry.unwrap();
        let rel = e.path().strip_prefix(repo()).unwrap();
        let dst = root.join(rel);
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dst).unwrap();
        } else {
            std::fs::copy(e.path(), &dst).unwrap();
        }
    }
    (t, root)
}

/// Every `href="..."` and `src="..."` value in an HTML page (a script's version, `nav.js?v=…`,
/// left out: the address names the file).
pub fn links(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in ["href=\"", "src=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                let value = &rest[..end];
                out.push(
                    value
                        .split_once("?v=")
                        .map_or(value, |(p, _)| p)
                        .to_string(),
                );
                rest = &rest[end..];
            }
        }
    }
    out
}

/// Decodes `%XX` escapes, as a browser does with a URL fragment.
pub fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 3 <= b.len() {
            if let Ok(v) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The payload of a `window.__handbookSearch(kind, id, payload);` file.
pub fn payload(dest: &Path, rel: &str) -> serde_json::Value {
    let text = read(dest, rel);
    let start = text.find(',').unwrap() + 1;
    let start = start + text[start..].find(',').unwrap() + 1;
    let end = text.rfind(");").unwrap();
    serde_json::from_str(&text[start..end]).unwrap()
}

/// The character trades of document files (docs/search-index.md, `search/d{k}.js`).
pub struct Unswap(pub std::collections::HashMap<char, char>);

impl Unswap {
    pub fn new(meta: &serde_json::Value) -> Unswap {
        let mut map = std::collections::HashMap::new();
        let pairs: Vec<char> = meta["swap1"].as_str().unwrap().chars().collect();
        for p in pairs.chunks(2) {
            map.insert(p[0], p[1]);
            map.insert(p[1], p[0]);
        }
        for (i, c) in meta["swap"].as_str().unwrap().chars().enumerate() {
            let slot = if i < 0x200 {
                0x100 + i
            } else {
                0x370 + i - 0x200
            };
            let slot = char::from_u32(slot as u32).unwrap();
            map.insert(c, slot);
            map.insert(slot, c);
        }
        Unswap(map)
    }

    pub fn text(&self, s: &str) -> String {
        s.chars().map(|c| *self.0.get(&c).unwrap_or(&c)).collect()
    }

    /// A file's rows with their anchors, titles, headings and texts as written in the pages.
    pub fn row(&self, rows: serde_json::Value) -> serde_json::Value {
        let rows = rows.as_array().unwrap().iter().map(|r| {
            let r = r.as_array().unwrap();
            let s = |v: &serde_json::Value| v.as_str().unwrap().to_string();
            let href = match s(&r[0]).split_once('#') {
                Some((path, anchor)) => format!("{path}#{}", self.text(anchor)),
                None => s(&r[0]),
            };
            let mut out = vec![serde_json::Value::String(href)];
            for (i, v) in r.iter().enumerate().skip(1) {
                // A whole row's kind (1) is not traded, nor the 1 that ends a row whose text
                // goes on in `x{doc}.js`.
                let keep = (r.len() >= 5 && i == 1) || !v.is_string();
                out.push(if keep {
                    v.clone()
                } else {
                    self.text(&s(v)).into()
                });
            }
            serde_json::Value::Array(out)
        });
        serde_json::Value::Array(rows.collect())
    }
}

/// The line number, in a file written as `base` and then `extra`, of the first line of
/// `extra` that holds `needle`.
pub fn line_in(base: &str, extra: &str, needle: &str) -> usize {
    base.lines().count() + extra.lines().position(|l| l.contains(needle)).unwrap() + 1
}
