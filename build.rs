//! Derives the traditional → simplified fold table for search from OpenCC's data as shipped by
//! the `hanconv` crate (never typed in by hand). See docs/search-index.md, "The fold table".

use hanconv::RawDictionary;
use std::collections::BTreeMap;
use std::fmt::Write;

fn single(s: &str) -> Option<char> {
    let mut it = s.chars();
    let c = it.next()?;
    it.next().is_none().then_some(c)
}

fn candidates(d: RawDictionary) -> Vec<(char, Vec<char>)> {
    d.lines()
        .filter_map(|line| {
            let (k, v) = line.split_once('\t')?;
            let k = single(k.trim())?;
            let v: Vec<char> = v.split_whitespace().filter_map(single).collect();
            (!v.is_empty()).then_some((k, v))
        })
        .collect()
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // Every traditional character folds to OpenCC's preferred simplified candidate. Where that
    // candidate is the character itself (藉, 瞭, 覆 ...) it stays. Folding is applied alike to
    // the index and the query, so a one-to-many character (乾 -> 干 / 乾) folded in simplified
    // text (乾隆) still finds itself; only the folded form is stored, never shown.
    let ts = candidates(RawDictionary::TSCharacters);
    // A character that is some traditional character's preferred simplified form is a
    // simplified character: it is never folded further (么 stays 么, never 幺).
    let targets: std::collections::HashSet<char> = ts.iter().map(|(_, c)| c[0]).collect();
    let mut fold: BTreeMap<char, char> = BTreeMap::new();
    for (t, c) in &ts {
        if c[0] != *t && !targets.contains(t) {
            fold.insert(*t, c[0]);
        }
    }
    // Regional variants, reversed: variant -> OpenCC standard form (folded further below).
    for d in [RawDictionary::TWVariants, RawDictionary::HKVariants] {
        for (std_form, variants) in candidates(d) {
            for v in variants {
                if v != std_form && !fold.contains_key(&v) && !targets.contains(&v) {
                    fold.insert(v, std_form);
                }
            }
        }
    }
    // Resolve chains to a fixed point; drop identities.
    let keys: Vec<char> = fold.keys().copied().collect();
    for k in keys {
        let mut v = fold[&k];
        let mut steps = 0;
        while let Some(&n) = fold.get(&v) {
            if n == v || steps > 8 {
                break;
            }
            v = n;
            steps += 1;
        }
        fold.insert(k, v);
    }
    fold.retain(|k, v| k != v);

    let mut rs = String::from("/// (traditional or variant, simplified), sorted by the first.\npub static FOLD: &[(char, char)] = &[\n");
    let mut pairs = String::new();
    for (k, v) in &fold {
        let _ = writeln!(
            rs,
            "    ('\\u{{{:x}}}', '\\u{{{:x}}}'),",
            *k as u32, *v as u32
        );
        pairs.push(*k);
        pairs.push(*v);
    }
    rs.push_str("];\n");
    let _ = writeln!(rs, "/// The same table as one string of pairs, for the browser.\npub static FOLD_PAIRS: &str = {pairs:?};");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    std::fs::write(out, rs).unwrap();
}
