//! The search index the build writes: every document links to a real page and anchor, the
//! postings decode, traditional and full-width text is folded, rule ids are whole tokens.

mod common;
use common::*;
use std::collections::HashMap;
use std::path::Path;

/// Printable ASCII but `"` and `\`, in ASCII order (docs/search-index.md).
const SYMBOLS: &str =
    " !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";

/// term -> [(doc, impact level, positions)], decoded as docs/search-index.md describes.
fn postings(dest: &Path, meta: &serde_json::Value, term: &str) -> Vec<(u32, u32, Vec<u32>)> {
    let shards = meta["shards"].as_u64().unwrap() as u32;
    let first = term.chars().next().unwrap() as u32;
    let rel = format!("search/s{}.js", first % shards);
    if !dest.join(&rel).exists() {
        return Vec::new();
    }
    let shard = payload(dest, &rel);
    let Some(s) = shard[term].as_str() else {
        return Vec::new();
    };
    decode_postings(s)
}

/// One postings string -> [(doc, impact level, positions)].
fn decode_postings(s: &str) -> Vec<(u32, u32, Vec<u32>)> {
    let sym: Vec<u32> = s.chars().map(|c| SYMBOLS.find(c).unwrap() as u32).collect();
    let mut out = Vec::new();
    let mut doc = 0;
    let mut i = 0;
    // `t` terminal symbols; the others carry a digit in base 93 - t and "more follows".
    let var = |i: &mut usize, t: u32| {
        let (mut v, mut mul) = (0u32, 1u32);
        loop {
            let d = sym[*i];
            *i += 1;
            v += d * mul;
            if d < t {
                return v;
            }
            mul *= 93 - t;
        }
    };
    while i < sym.len() {
        doc += var(&mut i, 64);
        // The level, or 64 + count - 2 and then the level.
        let mut level = sym[i];
        i += 1;
        let mut n = 1;
        if level >= 64 {
            n = level - 62;
            level = sym[i];
            i += 1;
        }
        let mut pos = Vec::new();
        let mut p = 0;
        for _ in 0..n {
            p += var(&mut i, 85);
            pos.push(p);
        }
        out.push((doc, level, pos));
    }
    out
}

/// A row of a document file, its characters traded back, as `[href, kind, title, heading, text,
/// more]` (more: 1 when the text goes on in `x{doc}.js`, else null). A row of three or four is
/// `[#anchor, heading, text(, 1)]`: a later section of the previous row's page.
fn expand(d: &serde_json::Value, prev: Option<&serde_json::Value>) -> serde_json::Value {
    let a = d.as_array().unwrap();
    if a.len() <= 4 {
        let prev = prev.unwrap();
        let page = prev[0].as_str().unwrap().split('#').next().unwrap();
        assert!(d[0].as_str().unwrap().starts_with('#'), "{d}");
        serde_json::json!([
            format!("{page}{}", d[0].as_str().unwrap()),
            prev[1],
            prev[2],
            d[1],
            d[2],
            d.get(3)
        ])
    } else {
        serde_json::json!([d[0], d[1], d[2], d[3], d[4], d.get(5)])
    }
}

/// The rest of document `doc`'s text (`search/x{doc}.js`), its characters traded back.
fn rest(dest: &Path, swap: &Unswap, doc: usize) -> String {
    let rel = format!("search/x{doc}.js");
    assert!(read(dest, &rel).contains(&format!("window.__handbookSearch(\"more\",{doc},\"")));
    swap.text(payload(dest, &rel).as_str().unwrap())
}

/// Every document's row: `[href, kind, title, heading, text, more]` (see [`expand`]).
fn all_rows(dest: &Path, meta: &serde_json::Value) -> Vec<serde_json::Value> {
    let swap = Unswap::new(meta);
    let (n, chunk) = (
        meta["docs"].as_u64().unwrap(),
        meta["chunk"].as_u64().unwrap(),
    );
    let mut docs: Vec<serde_json::Value> = Vec::new();
    for k in 0..n.div_ceil(chunk) {
        for d in swap
            .row(payload(dest, &format!("search/d{k}.js")))
            .as_array()
            .unwrap()
        {
            let row = expand(d, docs.last());
            docs.push(row);
        }
    }
    docs
}

#[test]
fn search_index_links_decode_and_fold() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let meta = payload(&dest, "search/meta.js");
    let n = meta["docs"].as_u64().unwrap() as usize;
    let chunk = meta["chunk"].as_u64().unwrap() as usize;
    assert!(n > 200, "{n} documents");
    assert!(meta["fold"].as_str().unwrap().contains("訴诉"));
    let syn = meta["synonyms"].to_string();
    assert!(syn.contains("停电") && syn.contains("电能表"), "{syn}");
    // The characters searched in both forms, and the rules' ids (for an id typed with a slip).
    assert!(meta["alts"].as_str().unwrap().contains("覆复"));
    let ids = meta["ids"].as_array().unwrap();
    assert_eq!(ids.len(), 24, "{ids:?}");
    assert!(ids.iter().any(|i| i == "TS-PROC-002"), "{ids:?}");

    // Document files trade the most frequent characters for ASCII (swap1) and two-byte ones
    // (swap): undone as the client does, from meta.js alone.
    let swap = Unswap::new(&meta);
    assert!(swap.0.len() > 100, "{} characters swapped", swap.0.len());
    let mut files_bytes = 0;
    let mut shown_bytes = 0;

    // Every document's href is a real page, and its anchor a real id on that page.
    let mut docs = Vec::new();
    for k in 0..n.div_ceil(chunk) {
        let rows = payload(&dest, &format!("search/d{k}.js"));
        files_bytes += rows.to_string().len();
        let rows = swap.row(rows);
        shown_bytes += rows.to_string().len();
        for d in rows.as_array().unwrap() {
            let row = expand(d, docs.last());
            // A text longer than the row keeps (400 characters) goes on in x{doc}.js.
            let text = row[4].as_str().unwrap().chars().count();
            if row[5] == 1 {
                assert_eq!(text, 400, "{row}");
                assert!(!rest(&dest, &swap, docs.len()).is_empty());
            } else {
                assert!(text <= 400, "{row}");
                assert!(!dest.join(format!("search/x{}.js", docs.len())).exists());
            }
            docs.push(row);
        }
    }
    assert_eq!(docs.len(), n);
    // The trades make the files a good third smaller than the text they hold.
    assert!(
        files_bytes * 10 < shown_bytes * 7,
        "{files_bytes} bytes written for {shown_bytes}"
    );
    // Each glossary entry is titled by its own term (entries share a page, not a title).
    let terms: Vec<&str> = docs
        .iter()
        .filter(|d| d[1] == "glossary")
        .map(|d| d[2].as_str().unwrap())
        .collect();
    let mut distinct = terms.clone();
    distinct.sort_unstable();
    distinct.dedup();
    assert!(
        terms.len() > 20 && distinct.len() == terms.len(),
        "{terms:?}"
    );
    assert!(
        terms.contains(&"投诉") && terms.contains(&"95598"),
        "{terms:?}"
    );
    let mut pages: HashMap<String, String> = HashMap::new();
    for d in &docs {
        let href = d[0].as_str().unwrap();
        let (page, anchor) = href.split_once('#').unwrap_or((href, ""));
        let html = pages
            .entry(page.to_string())
            .or_insert_with(|| read(&dest, page));
        if !anchor.is_empty() {
            assert!(
                html.contains(&format!("id=\"{anchor}\"")),
                "{href}: no such anchor"
            );
        }
        assert!(["rule", "lesson", "quiz", "glossary", "trainer"].contains(&d[1].as_str().unwrap()));
        // The trainers' guide (audience: [trainer]) is a kind of its own: 培训 in the results;
        // so is the home page's section for trainers, all in a part for them (`::: 培训师`),
        // and the trainers' note in a section for everyone (its own document, at the note's
        // own anchor). (The home page's text before its first heading is not searched, nor the
        // part for trainers in it.)
        let trainers = page.starts_with("trainer/")
            || href == "index.html#培训师培训师指南"
            || href == "phone/difficult-calls/index.html#break-deadlock-培训师";
        assert_eq!(d[1].as_str() == Some("trainer"), trainers, "{href}");
    }
    // That note's words are its own, not the section's: a search for 讲评 or 两人一组 finds
    // the lesson section no more, nor shows the note in its excerpt. Its result leads to the
    // note (the part's box, `id` from its section's and its readers'), not to the section's
    // heading, which the note may be far below.
    let deadlock: Vec<&serde_json::Value> = docs
        .iter()
        .filter(|d| {
            d[0].as_str()
                .unwrap()
                .starts_with("phone/difficult-calls/index.html#break-deadlock")
        })
        .collect();
    assert_eq!(deadlock.len(), 2, "{deadlock:?}");
    let (lesson, note) = (deadlock[0], deadlock[1]);
    assert_eq!(
        (&lesson[0], &note[0]),
        (
            &"phone/difficult-calls/index.html#break-deadlock".into(),
            &"phone/difficult-calls/index.html#break-deadlock-培训师".into()
        )
    );
    let page = read(&dest, "phone/difficult-calls/index.html");
    let part = page
        .find("<div class=\"readers-part\" id=\"break-deadlock-培训师\" data-readers=\"trainer\"")
        .expect("the note's box has its id");
    let inside = &page[part..part + page[part..].find("</div>").unwrap()];
    assert!(
        inside.contains("带教提示") && page[..part].contains("id=\"break-deadlock\""),
        "{page}"
    );
    assert_eq!(
        (&lesson[1], &note[1]),
        (&"lesson".into(), &"trainer".into())
    );
    assert_eq!(lesson[3], note[3]);
    let lesson_text = lesson[4].as_str().unwrap().to_string()
        + &if lesson[5] == 1 {
            let i = docs.iter().position(|d| std::ptr::eq(d, lesson)).unwrap();
            rest(&dest, &swap, i)
        } else {
            String::new()
        };
    assert!(lesson_text.contains("暂停争论点"), "{lesson_text}");
    for words in ["带教提示", "两人一组", "讲评"] {
        assert!(!lesson_text.contains(words), "{words}: {lesson_text}");
        assert!(note[4].as_str().unwrap().contains(words), "{words}: {note}");
    }
    let lesson_doc = docs.iter().position(|d| std::ptr::eq(d, lesson)).unwrap() as u32;
    assert!(!postings(&dest, &meta, "讲评")
        .iter()
        .any(|p| p.0 == lesson_doc));

    // 投诉 is everywhere; each posting decodes to a valid document with positions.
    let p = postings(&dest, &meta, "投诉");
    assert!(p.len() > 50, "{}", p.len());
    assert!(p
        .iter()
        .all(|(d, level, pos)| (*d as usize) < n && *level <= 63 && !pos.is_empty()));
    // Rule ids are whole tokens pointing at their rule card first.
    let id = postings(&dest, &meta, "ts-proc-001");
    assert!(!id.is_empty());
    let best = id.iter().max_by_key(|x| x.1).unwrap();
    assert!(
        docs[best.0 as usize][0]
            .as_str()
            .unwrap()
            .starts_with("rules/TS-PROC-001/"),
        "{}",
        docs[best.0 as usize]
    );
    // A rule card's result shows its summary, then what else it says; the glossary words
    // linked to it are indexed (上班日 finds TS-PROC-002's card) but not shown.
    let card = docs
        .iter()
        .position(|d| d[0] == "rules/TS-PROC-002/index.html")
        .unwrap();
    let text = docs[card][4].as_str().unwrap();
    assert!(
        text.starts_with("承办部门自受理之日起计算") && text.contains("责任方："),
        "{text}"
    );
    assert!(!text.contains("上班日"), "{text}");
    assert!(
        postings(&dest, &meta, "上班")
            .iter()
            .any(|p| p.0 as usize == card),
        "the card is found through its glossary words"
    );
    // So is a lesson section a term names in its `related` (开场白 ->
    // lesson:phone/opening-and-listening#smiling-voice): 开头语 finds it, and is not shown.
    let section = docs
        .iter()
        .position(|d| d[0] == "phone/opening-and-listening/index.html#smiling-voice")
        .unwrap();
    assert!(!docs[section][4].as_str().unwrap().contains("开头语"));
    assert!(
        postings(&dest, &meta, "开头")
            .iter()
            .any(|p| p.0 as usize == section),
        "the section is found through its glossary words"
    );
    // 95598 is one token, not digits.
    assert!(!postings(&dest, &meta, "95598").is_empty());
    // Phrases: 工作 directly follows 个工 somewhere (3个工作日).
    let a = postings(&dest, &meta, "个工");
    let b = postings(&dest, &meta, "工作");
    let adjacent = a.iter().any(|(d, _, pa)| {
        b.iter()
            .any(|(e, _, pb)| d == e && pa.iter().any(|x| pb.contains(&(x + 1))))
    });
    assert!(adjacent);
}

/// A site for frontline staff leaves the trainers' note out, and its search with it: no
/// result leads to the note's id (which its page no longer has), every result's anchor is an
/// id on its page.
#[test]
fn a_site_without_the_trainers_note_has_no_result_leading_to_it() {
    let (_t, root) = bundled_copy();
    let dest = root.join("out");
    let o = build_for(&root, "frontline", &dest);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = read(&dest, "phone/difficult-calls/index.html");
    assert!(
        page.contains("id=\"break-deadlock\"") && !page.contains("break-deadlock-培训师"),
        "{page}"
    );
    let meta = payload(&dest, "search/meta.js");
    let mut pages: HashMap<String, String> = HashMap::new();
    for d in all_rows(&dest, &meta) {
        let href = d[0].as_str().unwrap();
        assert_ne!(d[1], "trainer", "{d}");
        let (page, anchor) = href.split_once('#').unwrap_or((href, ""));
        let html = pages
            .entry(page.to_string())
            .or_insert_with(|| read(&dest, page));
        assert!(
            anchor.is_empty() || html.contains(&format!("id=\"{anchor}\"")),
            "{href}: no such anchor"
        );
    }
}

/// Builds a book into its default `site/`: the site and its search meta.
fn build_default(root: &Path) -> (std::path::PathBuf, serde_json::Value) {
    let o = run(root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dest = root.join("site");
    let meta = payload(&dest, "search/meta.js");
    (dest, meta)
}

/// Lessons where one character (的) starts thousands of different two-character tokens.
fn hot_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    for p in 0..12u32 {
        let mut body = String::from("---\ntitle: 高频字测试\n---\n\n");
        for k in 0..900u32 {
            let c = char::from_u32(0x4E00 + p * 900 + k).unwrap();
            body.push_str(&format!("的{c}，"));
        }
        write(&root, &format!("content/basics/hot-{p}.md"), &body);
    }
    (t, root)
}

#[test]
fn a_very_common_first_character_gets_shards_of_its_own() {
    let (_t, root) = hot_book();
    let (dest, meta) = build_default(&root);
    let parts = meta["hot"]["的"].as_u64().expect("的 is hot") as u32;
    assert!(parts >= 2, "{meta}");
    let cp = '的' as u32;
    // 的丁 lives in the part chosen by its second character, not in a regular shard.
    let second = '丁' as u32;
    let file = format!("search/h{cp}-{}.js", second % parts);
    let shard = payload(&dest, &file);
    assert!(shard["的丁"].is_string(), "{file}");
    let regular = format!(
        "search/s{}.js",
        cp % meta["shards"].as_u64().unwrap() as u32
    );
    if dest.join(&regular).exists() {
        assert!(payload(&dest, &regular).get("的丁").is_none());
    }
    // Every part exists and none is larger than a few regular shards.
    for j in 0..parts {
        let f = dest.join(format!("search/h{cp}-{j}.js"));
        assert!(f.exists(), "{}", f.display());
        assert!(std::fs::metadata(&f).unwrap().len() < 200_000);
    }
    // Its best documents for a one-character query: one small file of at most meta.top.
    let top = std::fs::read_to_string(dest.join(format!("search/t{cp}.js"))).unwrap();
    // (After the line naming its build.)
    let (_, call) = top.split_once(";window.__handbookSearch(").unwrap();
    let list = call.split('"').nth(3).unwrap();
    let docs = decode_postings(list);
    assert!(!docs.is_empty() && docs.len() as u64 <= meta["top"].as_u64().unwrap());
    assert!(docs.iter().all(|(_, _, pos)| pos == &[0]), "{top}");
    assert!(
        docs.windows(2).all(|w| w[0].0 < w[1].0),
        "in document order"
    );
    assert!(top.len() < 4000, "{} bytes", top.len());
}

/// The same book gives the same index, byte for byte, however many threads build it (word
/// ids are handed out, and postings filed, by whichever thread meets them first; the files
/// must not depend on that), so a rebuild rewrites nothing.
#[test]
fn the_same_book_gives_the_same_index_files() {
    let (_t, root) = bundled_copy();
    let mut sites = Vec::new();
    for (name, threads) in [("a", "1"), ("b", "3")] {
        let dest = root.join(name);
        let o = run_with_env(
            &root,
            &["build", "--dest", dest.to_str().unwrap()],
            &[("RAYON_NUM_THREADS", threads)],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        // (The index's files: search/checks/, 搜索自查, is a page.)
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dest.join("search"))
            .unwrap()
            .map(|e| e.unwrap())
            .filter(|e| e.file_type().unwrap().is_file())
            .map(|e| {
                (
                    e.file_name().to_string_lossy().into_owned(),
                    std::fs::read(e.path()).unwrap(),
                )
            })
            .collect();
        files.sort();
        sites.push(files);
    }
    assert_eq!(sites[0].len(), sites[1].len());
    for (a, b) in sites[0].iter().zip(&sites[1]) {
        assert_eq!(a.0, b.0);
        assert!(a.1 == b.1, "search/{} differs between two builds", a.0);
    }
}

/// Lessons with 2,400 of 9,600 sections mentioning 客户 (192 in their heading): a long list.
/// The last section of the last page also holds a rare phrase (冰箱赔偿). The same book as
/// tests/browser/search-long.test.mjs.
fn long_list_book() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = init_book();
    for p in 0..24u32 {
        let mut body = String::from("---\ntitle: 长列表测试\n---\n\n");
        for k in 0..100u32 {
            let c = char::from_u32(0x4E00 + p * 100 + k).unwrap();
            body.push_str(&if k < 8 {
                format!("## 客户问题{p}-{k}\n\n{c}{c}客户。\n\n")
            } else {
                format!("## 第{p}页第{k}节\n\n客户{c}{c}。\n\n")
            });
            for j in 0..3 {
                body.push_str(&format!("## 第{p}页附{k}-{j}节\n\n其他{c}{c}。\n\n"));
            }
        }
        if p == 23 {
            body.push_str("## 赔偿\n\n客户要求冰箱赔偿。\n");
        }
        write(&root, &format!("content/basics/long-{p}.md"), &body);
    }
    (t, root)
}

#[test]
fn a_long_list_keeps_its_best_postings_in_the_shard_and_the_rest_in_pieces() {
    let (_t, root) = long_list_book();
    let (dest, meta) = build_default(&root);
    let shards = meta["shards"].as_u64().unwrap() as u32;
    assert!(meta["hot"].get("客").is_none(), "{meta}");
    let shard = payload(&dest, &format!("search/s{}.js", '客' as u32 % shards));
    // [head, df, floor level, tail id, first document of each piece]
    let entry = shard["客户"].as_array().expect("客户 has a long list");
    let head = decode_postings(entry[0].as_str().unwrap());
    let df = entry[1].as_u64().unwrap() as usize;
    let floor = entry[2].as_u64().unwrap() as u32;
    let id = entry[3].as_str().unwrap();
    let starts: Vec<u32> = entry[4]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap() as u32)
        .collect();
    assert!(df > 2400, "{df}");
    assert_eq!(head.len(), 1024);
    assert!(
        head.iter().all(|p| p.1 >= floor),
        "the head holds the best postings"
    );
    let mut all: Vec<u32> = head.iter().map(|p| p.0).collect();
    for (i, start) in starts.iter().enumerate() {
        let piece = std::fs::read_to_string(dest.join(format!("search/{id}-{i}.js"))).unwrap();
        let stamp = meta["stamp"].as_str().unwrap();
        let call = piece
            .strip_prefix(&format!("window.__handbookBuild=\"{stamp}\";"))
            .expect("the piece names its build");
        assert!(
            call.starts_with(&format!("window.__handbookSearch(\"tail\",\"{id}-{i}\",\"")),
            "{}",
            &call[..80]
        );
        let list = decode_postings(call.split('"').nth(5).unwrap());
        assert_eq!(list[0].0, *start, "piece {i} starts where the shard says");
        if let Some(next) = starts.get(i + 1) {
            assert!(list.iter().all(|p| p.0 < *next));
        }
        assert!(list.iter().all(|p| p.1 <= floor && !p.2.is_empty()));
        all.extend(list.iter().map(|p| p.0));
    }
    // Head and pieces together: every document once.
    all.sort_unstable();
    let n = all.len();
    all.dedup();
    assert_eq!((all.len(), n), (df, df));
}

#[test]
fn the_index_stamp_follows_its_content() {
    // The same book gives the same stamp (an unchanged rebuild rewrites nothing); a changed
    // lesson gives another (so open pages and caches do not mix two builds).
    let (_t, root) = bundled_copy();
    let stamp = |dest: &str| {
        let dest = root.join(dest);
        let o = run(&root, &["build", "--dest", dest.to_str().unwrap()]);
        assert!(o.status.success(), "{}", stderr(&o));
        let s = payload(&dest, "search/meta.js")["stamp"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            s.len() == 12 && s.bytes().all(|b| b.is_ascii_hexdigit()),
            "{s}"
        );
        s
    };
    let a = stamp("a");
    assert_eq!(stamp("b"), a);
    // Every file but meta.js names that build before its call: a page holding an older meta
    // must not decode it (docs/search-index.md, "Builds and caches"). The two builds are the
    // same bytes.
    let mark = format!("window.__handbookBuild=\"{a}\";window.__handbookSearch(\"");
    let mut files = 0;
    for entry in std::fs::read_dir(root.join("a/search")).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue; // search/checks/, 搜索自查
        }
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let bytes = std::fs::read(&path).unwrap();
        assert_eq!(
            bytes,
            std::fs::read(root.join("b/search").join(&name)).unwrap()
        );
        if !name.ends_with(".js") {
            continue; // the search page
        }
        if name == "meta.js" {
            assert!(bytes.starts_with(b"window.__handbookSearch(\"meta\",0,"));
        } else {
            assert!(bytes.starts_with(mark.as_bytes()), "{name}");
            files += 1;
        }
    }
    assert!(files > 10, "{files}");
    let lesson = "content/basics/complaint-types.md";
    write(
        &root,
        lesson,
        &format!("{}\n补充一句话。\n", read(&root, lesson)),
    );
    assert_ne!(stamp("c"), a);
}

/// A lesson section holding a long table, the rows of 投诉类型 / 时限 an agent looks up, the
/// last one far past the 400 characters a document's row keeps.
#[test]
fn a_long_table_keeps_its_rows_and_cells_and_its_late_rows_in_a_file_of_their_own() {
    let (_t, root) = init_book();
    let mut body = String::from("---\ntitle: 各类投诉时限\n---\n\n## 时限一览 {#limits}\n\n按投诉类型查时限。\n\n| 投诉类型 | 时限 |\n|---|---|\n");
    for i in 1..=60 {
        body.push_str(&format!("| 第{i}类一般投诉 | {i}个工作日 |\n"));
    }
    body.push_str("| 窃电举报 | 3个工作日 |\n\n## 下一节 {#next}\n\n完。\n");
    write(&root, "content/basics/limits.md", &body);
    let (dest, meta) = build_default(&root);
    assert_eq!(meta["v"], 5);
    let rows = all_rows(&dest, &meta);
    let doc = rows
        .iter()
        .position(|r| r[0] == "basics/limits/index.html#limits")
        .unwrap();
    let row = &rows[doc];
    // The row: the first 400 characters, the table's cells parted by tabs, rows by line feeds
    // and the table from the paragraph before it by a carriage return; then 1.
    let text = row[4].as_str().unwrap();
    assert!(
        text.starts_with("按投诉类型查时限。\r投诉类型\t时限\n第1类一般投诉\t1个工作日\n第2类"),
        "{text}"
    );
    assert_eq!(
        (text.chars().count(), &row[5]),
        (400, &serde_json::json!(1))
    );
    assert!(!text.contains("窃电"));
    // The rest, in x{doc}.js: together the section's whole text, ending with the late row.
    let whole = format!("{text}{}", rest(&dest, &Unswap::new(&meta), doc));
    assert!(whole.contains("\n第60类一般投诉\t60个工作日\n"), "{whole}");
    assert!(whole.ends_with("\n窃电举报\t3个工作日"), "{whole}");
    // A short section has none.
    let next = rows
        .iter()
        .position(|r| r[0] == "basics/limits/index.html#next")
        .unwrap();
    assert!(rows[next][5].is_null());
    assert!(!dest.join(format!("search/x{next}.js")).exists());
    // The late row is indexed as ever: its words find the section.
    assert!(postings(&dest, &meta, "窃电")
        .iter()
        .any(|p| p.0 as usize == doc));
}

#[test]
fn a_heading_over_sub_sections_shows_their_headings_and_is_not_found_by_them() {
    let (_t, root) = init_book();
    write(
        &root,
        "content/basics/kinds.md",
        "---\ntitle: 各类投诉\n---\n\n## 欠费停电类 {#arrears}\n\n### 成因分析 {#why}\n\n通知没有送达。\n\n### 案例复盘 {#case}\n\n出差回来没电了。\n\n## 空的一节 {#empty}\n\n## 下一类 {#next}\n\n完。\n",
    );
    let (dest, meta) = build_default(&root);
    let rows = all_rows(&dest, &meta);
    let row = |href: &str| {
        let i = rows
            .iter()
            .position(|r| r[0] == format!("basics/kinds/index.html#{href}"))
            .unwrap_or_else(|| panic!("no row for #{href}"));
        (i, rows[i][4].as_str().unwrap().to_string())
    };
    // The heading with nothing but sub-sections under it shows what they are.
    let (arrears, text) = row("arrears");
    assert_eq!(text, "成因分析 · 案例复盘");
    // Shown, not indexed: the sub-section's heading finds the sub-section, not its parent.
    let found: Vec<u32> = postings(&dest, &meta, "成因").iter().map(|p| p.0).collect();
    assert!(found.contains(&(row("why").0 as u32)), "{found:?}");
    assert!(!found.contains(&(arrears as u32)), "{found:?}");
    // A heading with no sub-sections under it (the next is as high) shows nothing of the next.
    assert_eq!(row("empty").1, "");
}
