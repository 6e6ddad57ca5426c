//! Derives the traditional → simplified fold table for search from OpenCC's data as shipped by
//! the `hanconv` crate (never typed in by hand). See docs/search-index.md, "The fold table".
//! And writes syntect's default syntaxes with two of YAML's patterns in a faster, equivalent
//! form (see `yaml_syntaxes`).

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
    // The characters OpenCC keeps as themselves but that are also another's traditional form
    // (覆: 覆 / 复, 瞭: 瞭 / 了, 藉: 藉 / 借): never folded (覆盖 is simplified too), but a query
    // with one (答覆, traditional for 答复) is also searched with the other (search.js).
    let mut alts = String::new();
    for (t, c) in &ts {
        if c[0] == *t {
            if let Some(a) = c.get(1) {
                alts.push(*t);
                alts.push(*fold.get(a).unwrap_or(a));
            }
        }
    }
    let _ = writeln!(rs, "/// (character, its other simplified form) pairs, one string, for the browser.\npub static ALT_PAIRS: &str = {alts:?};");
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("fold_table.rs");
    std::fs::write(out, rs).unwrap();
    yaml_syntaxes();
}

/// syntect's default syntaxes, with the two patterns of its YAML grammar that find an implicit
/// key (`block-pair`, `flow-pair`) rewritten without their nested lookahead. In
/// `( [^\s:] | : \S | \s+ (?![#\s]) )* \s* :` the whitespace run must be followed by a
/// character that is neither `#` nor whitespace; whatever follows it in a match is the next
/// item or the final colon, so `\s+ [^\s:#] | \s+ : \S` (the run with that next item) and the
/// `\s*` before the colon match exactly the same lines. The regex engine can then run them
/// without backtracking: ~140× faster each, and highlighting YAML 3× faster, with the same
/// HTML (checked on 1,284 YAML files and blocks, and by a unit test in src/render/highlight.rs
/// against the unmodified grammar). The patterns capture nothing that is used.
fn yaml_syntaxes() {
    use syntect::parsing::syntax_definition::Pattern;
    use syntect::parsing::{Regex, SyntaxSet, SyntaxSetBuilder};
    let defaults = SyntaxSet::load_defaults_newlines().into_builder();
    let mut builder = SyntaxSetBuilder::new();
    let mut patched = 0;
    for syntax in defaults.syntaxes() {
        let mut syntax = syntax.clone();
        if syntax.name == "YAML" {
            for context in syntax.contexts.values_mut() {
                for pattern in &mut context.patterns {
                    let Pattern::Match(m) = pattern else { continue };
                    let src = m.regex.regex_str();
                    let run = "    | \\s+ (?![#\\s])";
                    if !src.contains(run) || m.has_captures {
                        continue;
                    }
                    // flow-pair's items exclude the flow indicators too.
                    let flow = "[^\\s:[\\[\\]{},]]";
                    let new = if src.contains(flow) {
                        src.replace(
                            run,
                            "    | \\s+ [^\\s:#[\\[\\]{},]]\n    | \\s+ : [^\\s[\\[\\]{},]]",
                        )
                    } else {
                        src.replace(run, "    | \\s+ [^\\s:#]\n    | \\s+ : \\S")
                    };
                    m.regex = Regex::new(new);
                    patched += 1;
                }
            }
        }
        builder.add(syntax);
    }
    assert_eq!(
        patched, 2,
        "syntect's YAML grammar changed: update yaml_syntaxes() in build.rs (or drop it)"
    );
    let out = std::path::PathBuf::from(std::env::var("OUT_DIR").unwrap()).join("syntaxes.packdump");
    syntect::dumps::dump_to_file(&builder.build(), out).unwrap();
}
