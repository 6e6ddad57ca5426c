//! 规则索引 at provincial scale (hundreds of rules in a dozen or more categories): a jump list
//! to each category's heading with its number of rules, and on each rule card its category as
//! a link to that heading, in the breadcrumbs too, and 上一条规则 / 下一条规则 within the
//! category, in the index's order. Every link relative, and each lands on an id that is there.

mod common;
use common::*;

use std::path::Path;

/// `href` followed from the page in folder `from` (`rules/TS-PROC-002/`): the site file it
/// names and its fragment, decoded.
fn follow(from: &str, href: &str) -> (String, String) {
    assert!(
        !href.starts_with('/') && !href.contains("://"),
        "not relative: {href}"
    );
    let (path, frag) = href.split_once('#').unwrap_or((href, ""));
    if path.is_empty() {
        return (format!("{from}index.html"), percent_decode(frag));
    }
    let mut parts: Vec<&str> = from.split('/').filter(|s| !s.is_empty()).collect();
    for seg in path.split('/') {
        match seg {
            ".." => {
                assert!(parts.pop().is_some(), "{href} leaves the site from {from}");
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    (parts.join("/"), percent_decode(frag))
}

/// The text between the first `start` at or after `from` and the next `end`.
fn between<'a>(html: &'a str, start: &str, end: &str) -> &'a str {
    let at = html.find(start).unwrap_or_else(|| panic!("no {start}"));
    let rest = &html[at..];
    &rest[..rest
        .find(end)
        .unwrap_or_else(|| panic!("no {end} after {start}"))]
}

/// Every `attr="..."` value in `html`.
fn values(html: &str, attr: &str) -> Vec<String> {
    let key = format!("{attr}=\"");
    html.split(&key)
        .skip(1)
        .map(|s| s[..s.find('"').unwrap()].to_string())
        .collect()
}

/// The index's categories as listed: (heading id, the ids of its rules) in page order.
fn index_groups(html: &str) -> Vec<(String, Vec<String>)> {
    html.split("<section class=\"rule-group\">")
        .skip(1)
        .map(|s| {
            let s = &s[..s.find("</section>").unwrap()];
            let id = values(s, "id").remove(0);
            let rules = s
                .split("<span class=\"mono\">")
                .skip(1)
                .map(|r| r[..r.find('<').unwrap()].to_string())
                .collect();
            (id, rules)
        })
        .collect()
}

fn built() -> (tempfile::TempDir, std::path::PathBuf) {
    let (t, root) = bundled_copy();
    let o = run(&root, &["build"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let said = stdout(&o) + &stderr(&o);
    assert!(said.contains("0 errors, 0 warnings"), "{said}");
    (t, root)
}

fn has_id(root: &Path, file: &str, id: &str) -> bool {
    read(root, &format!("site/{file}")).contains(&format!(" id=\"{id}\""))
}

#[test]
fn the_rules_index_has_a_jump_list_to_every_category_with_its_number_of_rules() {
    let (_t, root) = built();
    let html = read(&root, "site/rules/index.html");
    let groups = index_groups(&html);
    assert!(groups.len() >= 4, "{groups:?}");
    let nav = between(&html, "<nav class=\"rules-contents\"", "</nav>");
    assert!(nav.contains("aria-label=\"按分类跳转\""), "{nav}");
    let entries: Vec<&str> = nav.split("<li>").skip(1).collect();
    assert_eq!(entries.len(), groups.len(), "{nav}");
    for ((id, rules), entry) in groups.iter().zip(&entries) {
        let href = &values(entry, "href")[0];
        let (file, frag) = follow("rules/", href);
        assert_eq!(file, "rules/index.html", "{href}");
        assert_eq!(&frag, id, "{entry}");
        assert!(has_id(&root, &file, &frag), "{href}");
        // Named as its heading, with its number of rules beside it.
        assert!(entry.contains(&format!(">{id}</a>")), "{entry}");
        assert!(
            entry.contains(&format!(
                "<span class=\"tag-count\">{}<span class=\"visually-hidden\"> 条规则</span></span>",
                rules.len()
            )),
            "{entry}"
        );
    }
    // The filter box: there for handbook.js to show, hidden without it (no box that does
    // nothing), its count line a live region; no ids, which `check` would offer as sections
    // a `[[rules#…]]` link could name.
    let bx = between(
        &html,
        "<div class=\"phrases-filter rules-filter\"",
        "</div>",
    );
    assert!(
        bx.starts_with("<div class=\"phrases-filter rules-filter\" hidden>"),
        "{bx}"
    );
    assert!(
        bx.contains("<label><span class=\"filter-label\">筛选规则：</span><input type=\"search\""),
        "{bx}"
    );
    assert!(bx.contains("role=\"status\" aria-live=\"polite\""), "{bx}");
    assert!(!bx.contains(" id=\""), "{bx}");
}

#[test]
fn a_rule_card_links_its_category_in_its_header_and_breadcrumbs_and_pages_through_it() {
    let (_t, root) = built();
    let groups = index_groups(&read(&root, "site/rules/index.html"));
    let mut cards = 0;
    for (category, rules) in &groups {
        for (k, id) in rules.iter().enumerate() {
            let dir = format!("rules/{id}/");
            let html = read(&root, &format!("site/{dir}index.html"));
            // Its category, a link to the heading on the index.
            let header = between(&html, "<p class=\"rule-id\">", "</p>");
            let link = between(header, "<a class=\"rule-category\"", "</a>");
            let (file, frag) = follow(&dir, &values(link, "href")[0]);
            assert_eq!(
                (file.as_str(), frag.as_str()),
                ("rules/index.html", category.as_str()),
                "{id}: {link}"
            );
            assert!(link.ends_with(&format!(">{category}")), "{link}");
            // 首页 › 规则索引 › its category › the card.
            let crumbs = between(&html, "<nav class=\"breadcrumbs\"", "</nav>");
            let hrefs: Vec<(String, String)> = values(crumbs, "href")
                .iter()
                .map(|h| follow(&dir, h))
                .collect();
            assert_eq!(
                hrefs,
                [
                    ("index.html".to_string(), String::new()),
                    ("rules/index.html".to_string(), String::new()),
                    ("rules/index.html".to_string(), category.clone()),
                ],
                "{id}: {crumbs}"
            );
            assert!(
                crumbs.contains(&format!(">{category}</a></li>")),
                "{crumbs}"
            );
            // 上一条规则 / 下一条规则: its neighbours in the category, none across it.
            let want_prev = k.checked_sub(1).map(|j| &rules[j]);
            let want_next = rules.get(k + 1);
            if want_prev.is_none() && want_next.is_none() {
                assert!(!html.contains("pager-rules"), "{id}");
                continue;
            }
            let pager = between(&html, "<nav class=\"pager pager-rules\"", "</nav>");
            for (rel, label, want) in [
                ("prev", "上一条规则", want_prev),
                ("next", "下一条规则", want_next),
            ] {
                let a = pager
                    .split("<a ")
                    .skip(1)
                    .find(|a| a.contains(&format!("rel=\"{rel}\"")));
                match (a, want) {
                    (None, None) => {}
                    (Some(a), Some(want)) => {
                        let (file, frag) = follow(&dir, &values(a, "href")[0]);
                        assert_eq!(file, format!("rules/{want}/index.html"), "{id} {rel}");
                        assert_eq!(frag, "");
                        assert!(root.join("site").join(&file).is_file(), "{file}");
                        assert!(a.contains(&format!("<span>{label}</span>{want} ")), "{a}");
                    }
                    (a, want) => panic!("{id}: {rel} is {a:?}, expected {want:?}"),
                }
            }
            cards += 1;
        }
    }
    assert!(cards >= 20, "{cards} cards with a pager");
    // The bundled book's own: TS-PROC-002 sits between TS-PROC-001 and TS-PROC-003.
    let html = read(&root, "site/rules/TS-PROC-002/index.html");
    assert!(
        html.contains("href=\"../../rules/index.html#投诉办理\""),
        "category link"
    );
    assert!(html.contains("rel=\"prev\" href=\"../../rules/TS-PROC-001/index.html\""));
    assert!(html.contains("rel=\"next\" href=\"../../rules/TS-PROC-003/index.html\""));
}
