//! Styles for old browsers. IE 11 (also as Edge's IE mode and 360 安全浏览器's 兼容模式, which
//! intranet PCs still open some sites in) knows no CSS custom properties: it drops every
//! declaration written with `var(--x)`, and the theme's colours, borders and boxes were lost
//! there. Each such declaration of the theme's styles gets, just before it, the same
//! declaration with the light theme's values put in: a browser that knows `var()` takes the
//! later one, an old one keeps the first.
//!
//! The values are those of `:root` rules at the top of the theme's style sheets (`main.css`
//! first, then the others, a handbook's `custom.css` last, as the pages load them), and of a
//! `:root` rule inside the same `@media` block; `var(--x, fallback)` uses its fallback when
//! `--x` is defined nowhere. A declaration whose value cannot be worked out is left alone.

use std::collections::{BTreeMap, HashMap};

/// Adds the fallback declarations to every style sheet of `statics` (name -> bytes).
pub fn add_fallbacks(statics: &mut BTreeMap<String, Vec<u8>>) {
    let mut names: Vec<String> = statics
        .keys()
        .filter(|n| n.ends_with(".css"))
        .cloned()
        .collect();
    // The order the pages load them in: a later sheet's :root wins.
    names.sort_by_key(|n| match n.as_str() {
        "css/main.css" => 0,
        "css/custom.css" => 2,
        _ => 1,
    });
    let mut vars = HashMap::new();
    for name in &names {
        if let Ok(css) = std::str::from_utf8(&statics[name]) {
            Pass::run(css, &mut vars, false);
        }
    }
    for name in &names {
        let Ok(css) = std::str::from_utf8(&statics[name]) else {
            continue;
        };
        let out = with_fallbacks(css, &vars);
        if out.len() != css.len() {
            statics.insert(name.clone(), out.into_bytes());
        }
    }
}

/// `css` with a fallback declaration before each declaration that uses `var()`; `vars`:
/// the custom properties of the top-level `:root` rules of every sheet.
pub fn with_fallbacks(css: &str, vars: &HashMap<String, String>) -> String {
    let mut vars = vars.clone();
    let inserts = Pass::run(css, &mut vars, true);
    let mut out =
        String::with_capacity(css.len() + inserts.iter().map(|i| i.1.len()).sum::<usize>());
    let mut from = 0;
    for (at, text) in inserts {
        out.push_str(&css[from..at]);
        out.push_str(&text);
        from = at;
    }
    out.push_str(&css[from..]);
    out
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    /// The top of a sheet, an `@media` or `@supports` block: rules.
    Rules,
    /// A rule's declarations; `root`: its selector is `:root`.
    Decls { root: bool },
}

struct Pass<'a> {
    css: &'a str,
    /// One scope of custom properties per block of rules (the sheet's top, each @media).
    scopes: Vec<HashMap<String, String>>,
    inserts: Vec<(usize, String)>,
    /// Whether to write fallbacks (else only :root definitions at the top are gathered).
    write: bool,
}

impl<'a> Pass<'a> {
    /// Walks `css`; gathers top-level `:root` properties into `vars` and, `write` on,
    /// returns where to insert which fallback.
    fn run(css: &'a str, vars: &mut HashMap<String, String>, write: bool) -> Vec<(usize, String)> {
        let mut p = Pass {
            css,
            scopes: vec![std::mem::take(vars)],
            inserts: Vec::new(),
            write,
        };
        p.walk();
        *vars = p.scopes.swap_remove(0);
        p.inserts
    }

    fn walk(&mut self) {
        let b = self.css.as_bytes();
        let mut stack = vec![Kind::Rules];
        let mut start = 0; // the current prelude's or declaration's first byte
        let mut parens = 0usize;
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'/' if b.get(i + 1) == Some(&b'*') => {
                    i = self.css[i + 2..]
                        .find("*/")
                        .map_or(b.len(), |e| i + 2 + e + 2);
                    continue;
                }
                q @ (b'"' | b'\'') => {
                    let mut j = i + 1;
                    while j < b.len() && b[j] != q && b[j] != b'\n' {
                        j += if b[j] == b'\\' { 2 } else { 1 };
                    }
                    i = (j + 1).min(b.len());
                    continue;
                }
                b'(' => parens += 1,
                b')' => parens = parens.saturating_sub(1),
                b';' if parens == 0 => {
                    if let Some(&Kind::Decls { root }) = stack.last() {
                        self.declaration(start, i, root, stack.len());
                    }
                    start = i + 1;
                }
                b'{' => {
                    parens = 0;
                    let prelude = strip_comments(&self.css[start..i]);
                    let prelude = prelude.trim();
                    let kind = match stack.last() {
                        Some(Kind::Rules) if is_rules_block(prelude) => Kind::Rules,
                        _ => Kind::Decls {
                            root: prelude == ":root",
                        },
                    };
                    if kind == Kind::Rules {
                        self.scopes.push(HashMap::new());
                    }
                    stack.push(kind);
                    start = i + 1;
                }
                b'}' => {
                    parens = 0;
                    match stack.pop() {
                        Some(Kind::Decls { root }) => {
                            self.declaration(start, i, root, stack.len() + 1);
                        }
                        Some(Kind::Rules) if !stack.is_empty() => {
                            self.scopes.pop();
                        }
                        _ => {}
                    }
                    if stack.is_empty() {
                        stack.push(Kind::Rules); // a stray `}`: as browsers do, go on
                    }
                    start = i + 1;
                }
                _ => {}
            }
            i += 1;
        }
    }

    /// The declaration `css[from..to]`, in a block at nesting `depth` (2: a top-level rule's).
    fn declaration(&mut self, from: usize, to: usize, root: bool, depth: usize) {
        let text = &self.css[from..to];
        // Its name's first byte: past white space and comments.
        let mut at = 0;
        loop {
            let rest = &text[at..];
            let trimmed = rest.trim_start();
            at += rest.len() - trimmed.len();
            let Some(comment) = trimmed.strip_prefix("/*") else {
                break;
            };
            match comment.find("*/") {
                Some(e) => at += 2 + e + 2,
                None => return,
            }
        }
        let decl = &text[at..];
        let Some(colon) = decl.find(':') else {
            return;
        };
        let name = decl[..colon].trim();
        if name.is_empty()
            || !name
                .bytes()
                .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
        {
            return;
        }
        let value = strip_comments(&decl[colon + 1..]);
        let value = value.trim();
        if let Some(custom) = name.strip_prefix("--") {
            // The first pass gathers every sheet's top-level :root; the second, a :root
            // inside an @media block, for the rules after it there.
            let top = depth == 2;
            let direct = depth == self.scopes.len() + 1;
            if root && !custom.is_empty() && direct && top != self.write {
                let scope = self.scopes.len() - 1;
                self.scopes[scope].insert(name.to_string(), value.to_string());
            }
            return;
        }
        if !self.write || !value.contains("var(") {
            return;
        }
        if let Some(v) = resolve(value, &self.scopes, 0) {
            if !v.trim().is_empty() && !v.contains("var(") {
                self.inserts.push((from + at, format!("{name}: {v}; ")));
            }
        }
    }
}

/// A custom property's value, from the innermost scope that has it.
fn lookup<'s>(scopes: &'s [HashMap<String, String>], name: &str) -> Option<&'s str> {
    scopes
        .iter()
        .rev()
        .find_map(|s| s.get(name))
        .map(String::as_str)
}

/// An at-rule whose block holds rules, not declarations.
fn is_rules_block(prelude: &str) -> bool {
    let Some(at) = prelude.strip_prefix('@') else {
        return false;
    };
    let name: String = at
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        name.as_str(),
        "media" | "supports" | "document" | "-moz-document" | "layer" | "container" | "scope"
    ) || name.ends_with("keyframes")
}

fn strip_comments(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("/*") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(a) = rest.find("/*") {
        out.push_str(&rest[..a]);
        match rest[a + 2..].find("*/") {
            Some(e) => rest = &rest[a + 2 + e + 2..],
            None => return out.into(),
        }
    }
    out.push_str(rest);
    out.into()
}

/// `value` with each `var(--x[, fallback])` replaced by the value of `--x` (itself resolved),
/// or by the fallback; None when one has neither.
fn resolve(value: &str, scopes: &[HashMap<String, String>], depth: u8) -> Option<String> {
    if depth > 8 {
        return None; // --a: var(--b); --b: var(--a)
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = find_var(rest) {
        out.push_str(&rest[..at]);
        let inner_from = at + 4;
        let b = rest.as_bytes();
        let (mut depth_p, mut j, mut comma) = (1usize, inner_from, None);
        while j < b.len() {
            match b[j] {
                b'(' => depth_p += 1,
                b')' => {
                    depth_p -= 1;
                    if depth_p == 0 {
                        break;
                    }
                }
                b',' if depth_p == 1 && comma.is_none() => comma = Some(j),
                _ => {}
            }
            j += 1;
        }
        if j >= b.len() {
            return None; // `var(` not closed
        }
        let name = rest[inner_from..comma.unwrap_or(j)].trim();
        let got = lookup(scopes, name)
            .and_then(|v| resolve(v, scopes, depth + 1))
            .or_else(|| comma.and_then(|c| resolve(rest[c + 1..j].trim(), scopes, depth + 1)))?;
        out.push_str(&got);
        rest = &rest[j + 1..];
    }
    out.push_str(rest);
    Some(out)
}

/// Where `var(` starts in `s` as a function (not the end of a longer name), if it does.
fn find_var(s: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(a) = s[from..].find("var(") {
        let at = from + a;
        let before = s[..at].bytes().next_back();
        if !before.is_some_and(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_') {
            return Some(at);
        }
        from = at + 4;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(sheets: &[(&str, &str)]) -> BTreeMap<String, String> {
        let mut statics: BTreeMap<String, Vec<u8>> = sheets
            .iter()
            .map(|(n, c)| (n.to_string(), c.as_bytes().to_vec()))
            .collect();
        add_fallbacks(&mut statics);
        statics
            .into_iter()
            .map(|(n, b)| (n, String::from_utf8(b).unwrap()))
            .collect()
    }

    fn one(css: &str) -> String {
        run(&[("css/main.css", css)])["css/main.css"].clone()
    }

    #[test]
    fn a_declaration_with_var_gets_the_light_value_before_it() {
        let css =
            ":root { --bg: #fff; --fg: #111 }\nbody { background: var(--bg); color: var(--fg) }\n";
        assert_eq!(
            one(css),
            ":root { --bg: #fff; --fg: #111 }\nbody { background: #fff; background: var(--bg); color: #111; color: var(--fg) }\n"
        );
    }

    #[test]
    fn values_in_expressions_nested_vars_fallbacks_and_important() {
        let css = ":root { --a: 1rem; --b: var(--a); --line: #ccc }\n\
                   .x { border: 1px solid var(--line) !important; margin: calc(var(--b) + 2px) }\n\
                   .y { color: var(--nowhere, red); padding: var(--nowhere) }";
        let out = one(css);
        assert!(
            out.contains(
                "border: 1px solid #ccc !important; border: 1px solid var(--line) !important"
            ),
            "{out}"
        );
        assert!(
            out.contains("margin: calc(1rem + 2px); margin: calc(var(--b) + 2px)"),
            "{out}"
        );
        assert!(
            out.contains("color: red; color: var(--nowhere, red)"),
            "{out}"
        );
        // Nothing known to put in: left as it was.
        assert!(out.contains("; padding: var(--nowhere) }"), "{out}");
        assert!(!out.contains("padding: ;"), "{out}");
    }

    #[test]
    fn dark_and_other_selectors_do_not_give_the_values_and_custom_properties_get_none() {
        let css = ":root { --bg: #fff }\nhtml.dark { --bg: #000; --x: var(--bg) }\n\
                   @media (prefers-color-scheme: dark) { html:not(.light) { --bg: #000 } }\n\
                   p { background: var(--bg) }";
        let out = one(css);
        assert!(
            out.contains("p { background: #fff; background: var(--bg) }"),
            "{out}"
        );
        assert!(out.contains("--x: var(--bg) }"), "{out}");
    }

    #[test]
    fn a_root_inside_media_counts_for_that_block_only() {
        let css = ":root { --top: 3rem }\n@media (max-width: 600px) { :root { --top: 6rem } .a { top: var(--top) } }\n.b { top: var(--top) }";
        let out = one(css);
        assert!(out.contains(".a { top: 6rem; top: var(--top) }"), "{out}");
        assert!(out.contains(".b { top: 3rem; top: var(--top) }"), "{out}");
    }

    #[test]
    fn sheets_share_main_css_values_and_custom_css_overrides_them() {
        let got = run(&[
            (
                "css/main.css",
                ":root { --accent: blue }\na { color: var(--accent) }",
            ),
            ("css/quiz.css", ".q { border-color: var(--accent) }"),
            ("css/custom.css", ":root { --accent: green }"),
            ("js/x.js", "var(--accent)"),
        ]);
        assert_eq!(
            got["css/quiz.css"],
            ".q { border-color: green; border-color: var(--accent) }"
        );
        assert_eq!(
            got["css/main.css"],
            ":root { --accent: blue }\na { color: green; color: var(--accent) }"
        );
        assert_eq!(got["js/x.js"], "var(--accent)", "scripts are not styles");
    }

    #[test]
    fn comments_strings_and_odd_input_are_kept_and_never_panic() {
        let css = ":root { --c: red /* note; } */ }\n/* a { color: var(--c) } */\n\
                   a::before { content: \"; var(--c) }\"; color: /* x */ var(--c) }\n";
        let out = one(css);
        assert!(out.contains("/* a { color: var(--c) } */"), "{out}");
        assert!(
            out.contains("color: red; color: /* x */ var(--c) }"),
            "{out}"
        );
        assert_eq!(out.matches("color: red;").count(), 1, "{out}");
        for odd in [
            "}}}",
            "{{{",
            "a { color: var(",
            "a { color: var(--x",
            ":root{--a:var(--a)} b{c:var(--a)}",
            "a { : var(--x) }",
            "\"unclosed",
            "/* open",
            "@media { a { b: var(--c) }",
            "a{b:var(--c,)}",
            "é { ü: var(--ö) }",
            ":root{--a:var(--b);--b:var(--a)}p{x:var(--a)}",
        ] {
            let out = one(odd);
            // Only ever added to: what was written is all still there, in order.
            let mut rest = out.as_str();
            for c in odd.chars() {
                let at = rest.find(c).unwrap_or_else(|| panic!("{odd:?} -> {out:?}"));
                rest = &rest[at + c.len_utf8()..];
            }
        }
    }

    #[test]
    fn page_margin_boxes_and_keyframes() {
        let css = ":root { --m: #555 }\n@page { size: A4; @bottom-center { content: \"x\"; color: var(--m) } }\n\
                   @keyframes k { from { color: var(--m) } }";
        let out = one(css);
        assert_eq!(
            out.matches("color: #555; color: var(--m)").count(),
            2,
            "{out}"
        );
    }
}
