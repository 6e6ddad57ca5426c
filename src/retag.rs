//! `handbook mv tag:OLD tag:NEW`: renames a tag, or merges it into another one, in every
//! page's front matter (`tags:`) and every `[[tag:OLD]]` / `[…](tag:OLD)` link, instead of
//! an edit per page (a tag is written on each page that carries it, so two spellings of one
//! subject, 客户 and 客戶, are common and tedious to merge by hand).

use crate::content::yaml::yaml_text;
use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// What a tag rename did.
pub struct Retagged {
    pub old: String,
    pub new: String,
    /// Whether `new` was a tag already (the two are one now).
    pub merged: bool,
    /// Each file rewritten (from the book's folder), with how many places in it.
    pub rewritten: Vec<(PathBuf, usize)>,
}

/// A tag as typed, without a `tag:` in front.
pub fn tag_name(typed: &str) -> &str {
    let t = typed.trim();
    t.strip_prefix("tag:").unwrap_or(t).trim()
}

/// Why `name` cannot be a tag, if it cannot.
fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some("the new tag is empty: write it after `tag:`".into());
    }
    if let Some(c) = name.chars().find(|c| {
        matches!(
            c,
            ',' | '，' | '[' | ']' | '{' | '}' | '#' | '"' | '\'' | '|'
        )
    }) {
        return Some(format!(
            "`{name}` cannot be a tag: `{c}` would split it or change its meaning in YAML and links"
        ));
    }
    None
}

/// Renames tag `from` to `to` (each with or without `tag:`) in the book at `root`.
pub fn retag(root: &Path, from: &str, to: &str) -> anyhow::Result<Retagged> {
    let (old, new) = (tag_name(from), tag_name(to));
    if let Some(problem) = name_problem(new) {
        bail!("{problem}");
    }
    let book = crate::scaffold::scan(root)?;
    if book.tag_page(old).is_none() {
        let names: Vec<String> = book.tag_groups().into_iter().map(|g| g.name).collect();
        match crate::diagnostics::nearest(old, names.iter().map(String::as_str)) {
            Some(n) => bail!("no page has the tag `{old}`: did you mean `tag:{n}`?"),
            None if names.is_empty() => bail!("no page has tags"),
            None => bail!(
                "no page has the tag `{old}`; the tags are {}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    if old == new {
        bail!("`{new}` is the tag's name already");
    }
    let merged = book.tag_page(new).is_some();
    let src = root.join(&book.config.build.src);
    // The pages carrying the tag: each must have it renamed in its front matter.
    let file_of = |f: &Path| root.join(f.strip_prefix(root).unwrap_or(f));
    let carriers: Vec<PathBuf> = book
        .pages
        .iter()
        .filter(|p| p.front.tags.iter().any(|t| t.trim() == old))
        .map(|p| file_of(&p.file))
        .collect();
    let mut writes: Vec<(PathBuf, String, usize)> = Vec::new();
    for (p, markdown, text) in crate::mv::source_texts(&src) {
        let p = p.as_path();
        // (Markdown fields of rules, quizzes and the glossary link tags too.)
        let (out, n, in_front) = rewrite(&text, markdown, old, new);
        if !in_front && carriers.iter().any(|c| c == p) {
            bail!(
                "{} carries the tag `{old}` in a form `handbook mv` does not rewrite (a list over several lines, or with a comment after it): write it `tags: [{old}, …]` or as a block list (`- {old}` lines), then run this again; nothing was changed",
                p.strip_prefix(root).unwrap_or(p).display()
            );
        }
        if n > 0 {
            writes.push((p.to_path_buf(), out, n));
        }
    }
    // Written only once everything is read: a rename stopped half-way changes no file.
    let mut rewritten = Vec::new();
    for (p, text, n) in writes {
        std::fs::write(&p, text).with_context(|| format!("cannot write {}", p.display()))?;
        rewritten.push((p.strip_prefix(root).unwrap_or(&p).to_path_buf(), n));
    }
    rewritten.sort();
    Ok(Retagged {
        old: old.to_string(),
        new: new.to_string(),
        merged,
        rewritten,
    })
}

/// One file with tag `old` renamed `new`: a Markdown file's front matter `tags` and links
/// outside fenced code, a YAML file's links. Returns the text, the number of places changed
/// and whether the front matter's `tags` held the tag.
fn rewrite(text: &str, markdown: bool, old: &str, new: &str) -> (String, usize, bool) {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut in_front = false;
    let written = yaml_text(new);
    let mut fences = crate::render::markdown::QuotedFences::default();
    let mut front = markdown && text.starts_with("---");
    // Inside front matter: the items of a block list under `tags:`, and the tags seen in it.
    let mut in_tags = false;
    let mut seen: Vec<String> = Vec::new();
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if front {
            if i > 0 && line.trim_end() == "---" {
                front = false;
                out.push_str(line);
                continue;
            }
            let body = line.trim_end_matches(['\r', '\n']);
            if let Some(value) = body.strip_prefix("tags:") {
                in_tags = value.trim().is_empty();
                let v = value.trim();
                if v.starts_with('[') && v.ends_with(']') {
                    let mut items: Vec<String> = Vec::new();
                    for item in v[1..v.len() - 1].split(',') {
                        let (item, hit) = renamed(item.trim(), old, new, &written);
                        n += hit as usize;
                        in_front |= hit;
                        if !item.is_empty() && !items.iter().any(|x| unquote(x) == unquote(&item)) {
                            items.push(item);
                        }
                    }
                    out.push_str(&format!("tags: [{}]{nl}", items.join(", ")));
                    continue;
                }
                if !v.is_empty() {
                    let (item, hit) = renamed(v, old, new, &written);
                    n += hit as usize;
                    in_front |= hit;
                    out.push_str(&format!("tags: {item}{nl}"));
                    continue;
                }
                out.push_str(line);
                continue;
            }
            if in_tags {
                let t = body.trim_start();
                if let Some(item) = t.strip_prefix("- ") {
                    let (item, hit) = renamed(item.trim(), old, new, &written);
                    n += hit as usize;
                    in_front |= hit;
                    // (A page tagged with both: one item is enough.)
                    if seen.iter().any(|x| *x == unquote(&item)) {
                        continue;
                    }
                    seen.push(unquote(&item).to_string());
                    let indent = &body[..body.len() - t.len()];
                    out.push_str(&format!("{indent}- {item}{nl}"));
                    continue;
                }
                if !t.is_empty() && !t.starts_with('#') {
                    in_tags = false;
                }
            }
            out.push_str(line);
            continue;
        }
        if fences.code(line) {
            out.push_str(line);
            continue;
        }
        let mut l = line.to_string();
        for (before, after) in [
            (format!("[[tag:{old}]]"), format!("[[tag:{new}]]")),
            (format!("[[tag:{old}|"), format!("[[tag:{new}|")),
            (format!("](tag:{old})"), format!("](tag:{new})")),
            (format!("](tag:{old} "), format!("](tag:{new} ")),
        ] {
            let k = l.matches(&before).count();
            if k > 0 {
                n += k;
                l = l.replace(&before, &after);
            }
        }
        out.push_str(&l);
    }
    (out, n, in_front)
}

/// A YAML scalar without its quotes.
fn unquote(s: &str) -> &str {
    let s = s.trim();
    for q in ['"', '\''] {
        if let Some(inner) = s.strip_prefix(q).and_then(|r| r.strip_suffix(q)) {
            return inner;
        }
    }
    s
}

/// A tag item, renamed when it is `old` (quoted as it was, or as `written`, the new name as a
/// YAML value); and whether it was.
fn renamed(item: &str, old: &str, new: &str, written: &str) -> (String, bool) {
    if unquote(item) != old {
        return (item.to_string(), false);
    }
    let q = item.chars().next().filter(|c| matches!(c, '"' | '\''));
    match q {
        Some(q) => (format!("{q}{new}{q}"), true),
        None => (written.to_string(), true),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flow_and_block_lists_and_links_are_renamed_and_a_merge_keeps_one_item() {
        let text = "---\ntitle: 甲\ntags: [客戶, 流程, \"客户\"]\n---\n见 [[tag:客戶]] 和 [这些](tag:客戶)。\n\n```markdown\n[[tag:客戶]]\n```\n";
        let (out, n, front) = rewrite(text, true, "客戶", "客户");
        assert!(front);
        assert_eq!(n, 3, "{out}");
        assert!(out.contains("tags: [客户, 流程]\n"), "{out}");
        assert!(
            out.contains("见 [[tag:客户]] 和 [这些](tag:客户)。"),
            "{out}"
        );
        assert!(
            out.contains("```markdown\n[[tag:客戶]]\n```"),
            "code is left: {out}"
        );

        let text = "---\ntags:\n  - 入门\n  - '时限'\norder: 2\n---\n正文提到 tags: 入门\n";
        let (out, n, _) = rewrite(text, true, "时限", "办理时限");
        assert_eq!(n, 1, "{out}");
        assert!(
            out.contains("tags:\n  - 入门\n  - '办理时限'\norder: 2\n"),
            "{out}"
        );
        let (out, _, _) = rewrite(&out, true, "入门", "办理时限");
        assert!(out.contains("tags:\n  - 办理时限\norder: 2\n"), "{out}");
        assert!(
            out.ends_with("正文提到 tags: 入门\n"),
            "the body is not front matter: {out}"
        );
    }

    #[test]
    fn a_tag_that_only_starts_like_the_old_one_is_left() {
        let text = "---\ntags: [客户服务, 客户]\n---\n[[tag:客户服务]]\n";
        let (out, n, _) = rewrite(text, true, "客户", "顾客");
        assert_eq!(n, 1);
        assert!(out.contains("tags: [客户服务, 顾客]"), "{out}");
        assert!(out.contains("[[tag:客户服务]]"), "{out}");
    }

    #[test]
    fn a_name_yaml_would_read_as_no_text_is_quoted_and_yaml_files_get_their_links() {
        let text = "---\ntags: [热线, 流程]\n---\n[[tag:热线]]\n";
        let (out, _, _) = rewrite(text, true, "热线", "95598");
        assert!(out.contains("tags: [\"95598\", 流程]"), "{out}");
        assert!(out.contains("[[tag:95598]]"), "{out}");
        let (out, _, _) = rewrite("---\ntags:\n  - 热线\n---\n", true, "热线", "yes");
        assert!(out.contains("  - \"yes\"\n"), "{out}");
        // A rule's Markdown field: its links, and nothing taken for front matter.
        let (out, n, front) = rewrite(
            "summary: 见 [[tag:热线]]。\ntags: [热线]\n",
            false,
            "热线",
            "客服热线",
        );
        assert_eq!((n, front), (1, false));
        assert_eq!(out, "summary: 见 [[tag:客服热线]]。\ntags: [热线]\n");
    }

    #[test]
    fn names_that_would_break_yaml_or_links_are_refused() {
        assert!(name_problem("流程，时限").is_some());
        assert!(name_problem("a#b").is_some());
        assert!(name_problem("").is_some());
        assert!(name_problem("办理时限").is_none());
        assert_eq!(tag_name(" tag:客户 "), "客户");
    }
}
