//! `handbook mv rule:OLD rule:NEW`: renumbers a rule (a reissued policy numbers its clauses
//! anew) in one command instead of an edit in every lesson, quiz and rule that cites it.
//!
//! The rule's `id` becomes NEW and OLD goes into its `aliases` (the old card's address forwards,
//! searching the old id finds the card, learners' records follow); every other place the id is
//! written as a word of its own -- `[[rule:OLD]]`, `(rule:OLD)`, ```` ```rule OLD ````, a
//! ```` ```limits ```` block's list, `rules:` / `related:` / `replaced_by:` values, the text --
//! says NEW; a file named after the rule (`ts-proc-002.rule.yaml`) is renamed after it.

use anyhow::{bail, Context};
use std::path::{Path, PathBuf};

/// What a renumbering did.
pub struct Renumbered {
    pub old: String,
    pub new: String,
    /// The rule's file, before and after (the same unless it was named after the rule).
    pub from: PathBuf,
    pub to: PathBuf,
    /// Each other file rewritten (from the book's folder), with how many places in it.
    pub rewritten: Vec<(PathBuf, usize)>,
}

/// A rule id as typed, without `rule:` in front.
pub fn rule_id(typed: &str) -> &str {
    let t = typed.trim();
    t.strip_prefix("rule:").unwrap_or(t).trim()
}

fn id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// `text` with each `old` that stands as a word of its own (not inside `TS-PROC-0021` or
/// `XTS-PROC-002`) written `new`, and how many; but in a revision's `change:` (what a rule's,
/// quiz's or lesson's history says happened then stays as it was written).
/// In a Markdown file (`markdown`), examples are left as written (maintainer review: the
/// trainer guide's `handbook mv rule:TS-PROC-020 …` became `rule:TS-PROC-020 rule:TS-PROC-020`):
/// inline code, code indented four spaces, and fenced code but the blocks that name rules on
/// the page (```` ```rule ````, ```` ```limits ````, a ```` ```mermaid ```` flowchart's
/// `click … "rule:…"`).
fn replace_id(text: &str, old: &str, new: &str, markdown: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut history: Option<usize> = None;
    // The open fence: its character, its length, whether it names rules on the page.
    let mut fence: Option<(char, usize, bool)> = None;
    // (Code indented four spaces, as fenced code.)
    let indented = crate::mv::indented_code_lines(text, markdown, true);
    for (i, line) in text.split_inclusive('\n').enumerate() {
        if fence.is_none() && indented.get(i) == Some(&true) {
            out.push_str(line);
            continue;
        }
        let indent = line.len() - line.trim_start().len();
        let t = line.trim();
        if markdown {
            // (A fence in a callout or quote, `> ```bash`, as one of its own: second read.)
            let mut t = t;
            while let Some(q) = t.strip_prefix('>') {
                t = q.trim_start();
            }
            let c = t.chars().next().filter(|c| *c == '`' || *c == '~');
            let run = c.map_or(0, |c| t.chars().take_while(|&x| x == c).count());
            match (fence, c) {
                (Some((f, len, _)), Some(c))
                    if c == f && run >= len && t[run..].trim().is_empty() =>
                {
                    fence = None;
                    out.push_str(line);
                    continue;
                }
                (Some((_, _, false)), _) => {
                    out.push_str(line);
                    continue;
                }
                (Some((_, _, true)), _) => {}
                (None, Some(c)) if run >= 3 => {
                    let info = t[run..].trim_start();
                    let word = info.split_whitespace().next().unwrap_or("");
                    let names = ["rule", "limits", "mermaid"].contains(&word);
                    fence = Some((c, run, names));
                    if !names {
                        out.push_str(line);
                        continue;
                    }
                }
                (None, _) => {}
            }
        }
        let key = t.strip_prefix("- ").unwrap_or(t);
        // A `change:` value, and the lines of a block scalar under it (`change: |`).
        if history.is_some_and(|i| indent <= i && !t.is_empty()) {
            history = None;
        }
        let change = key.strip_prefix("change:");
        if let Some(v) = change {
            let block = v.trim_start().starts_with(['|', '>']);
            history = block.then_some(indent + (t.len() - key.len()));
        }
        if change.is_some() || history.is_some() {
            out.push_str(line);
            continue;
        }
        let (l, k) = replace_in_line(line, old, new, markdown && fence.is_none());
        out.push_str(&l);
        n += k;
    }
    (out, n)
}

/// `text`'s `old` as a word of its own written `new`; with `prose`, not in inline code.
fn replace_in_line(text: &str, old: &str, new: &str, prose: bool) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let mut rest = text;
    let code = if prose {
        crate::render::markdown::code_spans(text)
    } else {
        Vec::new()
    };
    while let Some(at) = rest.find(old) {
        let before = rest[..at].chars().next_back();
        let after = rest[at + old.len()..].chars().next();
        let pos = text.len() - rest.len() + at;
        let in_code = code.iter().any(|&(a, e)| a <= pos && pos < e);
        out.push_str(&rest[..at]);
        if !in_code && before.is_none_or(|c| !id_char(c)) && after.is_none_or(|c| !id_char(c)) {
            out.push_str(new);
            n += 1;
        } else {
            out.push_str(old);
        }
        rest = &rest[at + old.len()..];
    }
    out.push_str(rest);
    (out, n)
}

/// The rule file `text` with the mapping whose `id:` is `new` (after renaming) given `old` in
/// its `aliases` (a flow list extended, a block list given an item, or the key added after
/// `id:`). `None` when no `id: new` line is found.
fn add_alias(text: &str, new: &str, old: &str) -> Option<String> {
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let value = |l: &str| l.trim().trim_matches(['"', '\'']).to_string();
    // The `id:` line and the indent of its mapping's keys (after a `- ` for a list item).
    let (k, indent) = lines.iter().enumerate().find_map(|(k, l)| {
        let body = l.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let t = &body[lead..];
        let (t, indent) = match t.strip_prefix("- ") {
            Some(r) => (r.trim_start(), body.len() - r.trim_start().len()),
            None => (t, lead),
        };
        let v = t.strip_prefix("id:")?;
        (value(v.split(" #").next().unwrap_or(v)) == new).then_some((k, indent))
    })?;
    let pad = " ".repeat(indent);
    // The mapping's lines: until one indented less, or a new list item at its level.
    let mut end = k + 1;
    while end < lines.len() {
        let l = &lines[end];
        let lead = l.len() - l.trim_start().len();
        let t = l.trim();
        if !t.is_empty()
            && !t.starts_with('#')
            && (lead < indent || (lead + 2 == indent && t.starts_with("- ")))
        {
            break;
        }
        end += 1;
    }
    let key = format!("{pad}aliases:");
    let Some(a) = (k + 1..end).find(|&a| {
        lines[a].starts_with(&key) && lines[a].len() - lines[a].trim_start().len() == indent
    }) else {
        lines.insert(k + 1, format!("{pad}aliases: [{old}]{nl}"));
        return Some(lines.concat());
    };
    let v = lines[a][key.len()..].trim().to_string();
    // (A comment after the list is kept.)
    let (v, comment) = match v.find(" #") {
        Some(c) => (
            v[..c].trim_end().to_string(),
            format!("  {}", v[c..].trim_start()),
        ),
        None => (v, String::new()),
    };
    if let Some(inner) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        let mut items: Vec<&str> = inner
            .split(',')
            .map(str::trim)
            .filter(|x| !x.is_empty())
            .collect();
        items.push(old);
        lines[a] = format!("{key} [{}]{comment}{nl}", items.join(", "));
        return Some(lines.concat());
    }
    if !v.is_empty() {
        return None; // a form not edited here (`aliases: TS-A-1`)
    }
    // A block list: one more item, written as the next one is.
    let prefix = lines
        .get(a + 1)
        .filter(|l| l.trim_start().starts_with("- "))
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_else(|| format!("{pad}  "));
    lines.insert(a + 1, format!("{prefix}- {old}{nl}"));
    Some(lines.concat())
}

/// The ids of a book's rules or quizzes, and their old ids (`aliases`).
struct Ids<'a> {
    /// As written before an id (`rule:`).
    kind: &'a str,
    /// The kind in words (`rule`, 规则).
    what: String,
    verb: String,
    /// What to do when the new id is an old one (`pick another number`).
    another: String,
    index: &'a std::collections::HashMap<String, usize>,
    aliases: &'a std::collections::HashMap<String, usize>,
    id_of: &'a dyn Fn(usize) -> &'a str,
}

impl Ids<'_> {
    /// Which one `old` is, when `new` is free to take its place; else why not.
    fn check(&self, old: &str, new: &str) -> anyhow::Result<usize> {
        let kind = self.kind;
        let Some(&i) = self.index.get(old) else {
            if let Some(&j) = self.aliases.get(old) {
                bail!(t!(
                    "`{old}` is an old id of `{}`: {} that one",
                    "`{old}` 是 `{}` 的旧编号：请对后者{}",
                    (self.id_of)(j),
                    self.verb
                ));
            }
            let near = crate::diagnostics::nearest(old, self.index.keys().map(String::as_str))
                .map(|n| {
                    t!(
                        ": did you mean `{kind}:{n}`?",
                        "：是不是想写 `{kind}:{n}`？"
                    )
                })
                .unwrap_or_default();
            bail!(t!(
                "no {kind} `{old}`{near}",
                "没有{kind} `{old}`{near}",
                kind = self.what
            ));
        };
        if self.index.contains_key(new) {
            bail!(t!(
                "`{new}` is a {kind} already",
                "已经有{kind} `{new}` 了",
                kind = self.what
            ));
        }
        if let Some(&j) = self.aliases.get(new) {
            bail!(t!(
                "`{new}` is an old id of `{}` (its `aliases`): {}",
                "`{new}` 是 `{}` 的旧编号（写在它的 `aliases` 里）：{}",
                (self.id_of)(j),
                self.another
            ));
        }
        Ok(i)
    }
}

/// Renumbers rule `from` as `to` (each with or without `rule:`) in the book at `root`.
pub fn renumber(root: &Path, from: &str, to: &str) -> anyhow::Result<Renumbered> {
    let (old, new) = (rule_id(from), rule_id(to));
    if !crate::content::rule_check::valid_id(new) {
        bail!(t!("`{new}` cannot be a rule id: upper-case letters and digits in parts joined by `-`, starting with a letter, e.g. `TS-PROC-010`", "`{new}` 不能用作规则编号：要用大写英文字母和数字，分几段，用 `-` 连接，以字母开头，例如 `TS-PROC-010`"));
    }
    if old == new {
        bail!(t!(
            "`{new}` is the rule's id already",
            "规则的编号已经是 `{new}` 了"
        ));
    }
    let book = crate::scaffold::scan(root)?;
    let ids = Ids {
        kind: "rule",
        what: t!("rule", "规则"),
        verb: t!("renumber", "重新编号"),
        another: t!("pick another number", "请换一个编号"),
        index: &book.rule_index,
        aliases: &book.rule_aliases,
        id_of: &|j| book.rules[j].value.id.as_str(),
    };
    let i = ids.check(old, new)?;
    let src = root.join(&book.config.build.src);
    let file_of = |f: &Path| root.join(f.strip_prefix(root).unwrap_or(f));
    let rule_file = file_of(&book.rules[i].file);
    let mut writes: Vec<(PathBuf, String, usize)> = Vec::new();
    let mut own = None;
    for (p, markdown, text) in crate::mv::source_texts(&src) {
        let (out, n) = replace_id(&text, old, new, markdown);
        if p == rule_file {
            let Some(out) = add_alias(&out, new, old) else {
                bail!(t!(
                    "{} does not write the rule's id as `id: {old}` on a line of its own: write it so, then run this again; nothing was changed",
                    "{} 里规则的编号没有单独一行写成 `id: {old}`：请这样写好，然后再运行一次；没有改动任何文件",
                    p.strip_prefix(root).unwrap_or(&p).display()
                ));
            };
            // What is written must read back as the same rules, the renumbered one with its
            // old id among its aliases: else nothing is written.
            let rules = |t: &str| -> Option<Vec<serde_yaml::Value>> {
                match serde_yaml::from_str::<serde_yaml::Value>(t).ok()? {
                    serde_yaml::Value::Sequence(v) => Some(v),
                    m @ serde_yaml::Value::Mapping(_) => Some(vec![m]),
                    _ => None,
                }
            };
            let ok = rules(&out)
                .zip(rules(&text))
                .is_some_and(|(after, before)| {
                    after.len() == before.len()
                        && after.iter().any(|r| {
                            r.get("id").and_then(|v| v.as_str()) == Some(new)
                                && r.get("aliases")
                                    .and_then(|a| a.as_sequence())
                                    .is_some_and(|a| a.iter().any(|x| x.as_str() == Some(old)))
                        })
                });
            if !ok {
                bail!(t!(
                    "{} writes the rule's `aliases` in a form this command does not edit (a `[…]` over several lines, or `aliases:` before `id:`): write it as `aliases: [ … ]` or a block list of `- ` lines after `id:`, then run this again; nothing was changed",
                    "{} 里规则的 `aliases` 的写法这个命令改不了（`[…]` 分几行写，或者 `aliases:` 写在 `id:` 前面）：请在 `id:` 后面写成 `aliases: [ … ]` 或一行一个 `- ` 的列表，然后再运行一次；没有改动任何文件",
                    p.strip_prefix(root).unwrap_or(&p).display()
                ));
            }
            own = Some(out);
            continue;
        }
        if n > 0 {
            writes.push((p, out, n));
        }
    }
    let own = own.with_context(|| t!("cannot read {}", "无法读取 {}", rule_file.display()))?;
    // A file named after the rule is named after its new id.
    let name = rule_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let renamed = name
        .strip_suffix(".rule.yaml")
        .filter(|stem| stem.eq_ignore_ascii_case(old))
        .map(|_| rule_file.with_file_name(format!("{}.rule.yaml", new.to_lowercase())))
        .filter(|p| !p.exists());
    write_out(root, &rule_file, renamed, own, writes, old, new)
}

/// Writes what a renumbering or renaming read and changed, once all is read (one stopped
/// half-way changes no file): the file of the rule or quiz (at `renamed` when it was named
/// after it), then the others.
fn write_out(
    root: &Path,
    file: &Path,
    renamed: Option<PathBuf>,
    own: String,
    writes: Vec<(PathBuf, String, usize)>,
    old: &str,
    new: &str,
) -> anyhow::Result<Renumbered> {
    let to_file = renamed.clone().unwrap_or_else(|| file.to_path_buf());
    std::fs::write(&to_file, own)
        .with_context(|| t!("cannot write {}", "无法写入 {}", to_file.display()))?;
    if renamed.is_some() {
        std::fs::remove_file(file)
            .with_context(|| t!("cannot remove {}", "无法删除 {}", file.display()))?;
    }
    let mut rewritten = Vec::new();
    for (p, text, n) in writes {
        std::fs::write(&p, text)
            .with_context(|| t!("cannot write {}", "无法写入 {}", p.display()))?;
        rewritten.push((p.strip_prefix(root).unwrap_or(&p).to_path_buf(), n));
    }
    rewritten.sort();
    let rel = |p: &Path| p.strip_prefix(root).unwrap_or(p).to_path_buf();
    Ok(Renumbered {
        old: old.to_string(),
        new: new.to_string(),
        from: rel(file),
        to: rel(&to_file),
        rewritten,
    })
}

/// `text` with each reference to quiz `old` written `new`: `quiz:old` (wiki links, Markdown
/// links `(quiz:old#question)`, `related` lists), a ```` ```quiz old ```` block, and a YAML
/// `quiz: old` value (a course item, a `from` entry). Question ids (`old-03`) are left alone:
/// learners' records are kept under them. Returns the text and how many.
fn replace_quiz(text: &str, old: &str, new: &str) -> (String, usize) {
    let mut out = String::with_capacity(text.len());
    let mut n = 0;
    let ends = |rest: &str| rest.chars().next().is_none_or(|c| !id_char(c));
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let eol = &line[body.len()..];
        let lead = body.len() - body.trim_start().len();
        let t = &body[lead..];
        // ```quiz old  /  quiz: old  /  - quiz: old
        let fence = ["```quiz ", "~~~quiz "]
            .iter()
            .find_map(|f| t.strip_prefix(f));
        let item = t.strip_prefix("- ").unwrap_or(t).strip_prefix("quiz:");
        let value = fence.or(item).map(str::trim_start);
        if let Some(v) = value.filter(|v| v.starts_with(old) && ends(&v[old.len()..])) {
            let at = body.len() - v.len();
            out.push_str(&body[..at]);
            out.push_str(new);
            out.push_str(&body[at + old.len()..]);
            out.push_str(eol);
            n += 1;
            continue;
        }
        let mut rest = line;
        let key = format!("quiz:{old}");
        while let Some(at) = rest.find(&key) {
            let before = rest[..at].chars().next_back();
            let after = &rest[at + key.len()..];
            out.push_str(&rest[..at]);
            if before.is_none_or(|c| !id_char(c)) && ends(after) {
                out.push_str(&format!("quiz:{new}"));
                n += 1;
            } else {
                out.push_str(&key);
            }
            rest = after;
        }
        out.push_str(rest);
    }
    (out, n)
}

/// Renames quiz `from` as `to` (each with or without `quiz:`) in the book at `root`: its `id`
/// (the old one into its `aliases`: `quizzes/<old>/` forwards, what learners did under it
/// counts), every reference to it, and its file when named after it.
pub fn rename_quiz(root: &Path, from: &str, to: &str) -> anyhow::Result<Renumbered> {
    let strip = |t: &str| {
        t.trim()
            .strip_prefix("quiz:")
            .unwrap_or(t.trim())
            .trim()
            .to_string()
    };
    let (old, new) = (strip(from), strip(to));
    if !crate::scaffold::kebab(&new) {
        bail!(t!("`{new}` cannot be a quiz id: lower-case letters, digits and hyphens, e.g. `procedure-deadlines`", "`{new}` 不能用作测验 id：只能用小写英文字母、数字和连字符 `-`，例如 `procedure-deadlines`"));
    }
    if old == new {
        bail!(t!(
            "`{new}` is the quiz's id already",
            "测验的编号已经是 `{new}` 了"
        ));
    }
    let book = crate::scaffold::scan(root)?;
    let ids = Ids {
        kind: "quiz",
        what: t!("quiz", "测验"),
        verb: t!("rename", "改名"),
        another: t!("pick another", "请换一个"),
        index: &book.quiz_index,
        aliases: &book.quiz_aliases,
        id_of: &|j| book.quizzes[j].value.id.as_str(),
    };
    let i = ids.check(&old, &new)?;
    let src = root.join(&book.config.build.src);
    let quiz_file = root.join(
        book.quizzes[i]
            .file
            .strip_prefix(root)
            .unwrap_or(&book.quizzes[i].file),
    );
    let mut writes: Vec<(PathBuf, String, usize)> = Vec::new();
    let mut own = None;
    for (p, _, text) in crate::mv::source_texts(&src) {
        let (out, n) = replace_quiz(&text, &old, &new);
        if p == quiz_file {
            // Its own `id:` (the first, at the top level: the questions' come after).
            let (mut done, mut renamed) = (String::with_capacity(out.len()), false);
            for line in out.split_inclusive('\n') {
                let v = line.strip_prefix("id:").map(|v| {
                    v.split(" #")
                        .next()
                        .unwrap_or(v)
                        .trim()
                        .trim_matches(['"', '\''])
                });
                if !renamed && v == Some(old.as_str()) {
                    done.push_str(&line.replacen(&old, &new, 1));
                    renamed = true;
                } else {
                    done.push_str(line);
                }
            }
            let fixed = renamed.then(|| add_alias(&done, &new, &old)).flatten();
            let Some(fixed) = fixed else {
                bail!(t!(
                    "{} does not write the quiz's id as `id: {old}` on a line of its own at the top: write it so, then run this again; nothing was changed",
                    "{} 里测验的编号没有在开头单独一行写成 `id: {old}`：请这样写好，然后再运行一次；没有改动任何文件",
                    p.strip_prefix(root).unwrap_or(&p).display()
                ));
            };
            own = Some(fixed);
            continue;
        }
        if n > 0 {
            writes.push((p, out, n));
        }
    }
    let own = own.with_context(|| t!("cannot read {}", "无法读取 {}", quiz_file.display()))?;
    let name = quiz_file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let renamed = (name == format!("{old}.quiz.yaml"))
        .then(|| quiz_file.with_file_name(format!("{new}.quiz.yaml")))
        .filter(|p| !p.exists());
    write_out(root, &quiz_file, renamed, own, writes, &old, &new)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What stops a renumbering or a quiz's rename is told in Chinese, the rule or quiz named
    /// in words and its id as typed.
    #[test]
    fn refusals_are_told_in_chinese() {
        use crate::i18n::in_chinese;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::init::init(root).unwrap();
        let e = renumber(root, "rule:EX-PROC-002", "rule:EX-PROC-003")
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "no rule `EX-PROC-002`: did you mean `rule:EX-PROC-001`?"
        );
        let e = in_chinese(|| renumber(root, "rule:EX-PROC-002", "rule:EX-PROC-003"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "没有规则 `EX-PROC-002`：是不是想写 `rule:EX-PROC-001`？"
        );
        let e = in_chinese(|| renumber(root, "rule:EX-PROC-001", "rule:ex-1"))
            .err()
            .unwrap();
        assert!(e.to_string().starts_with("`ex-1` 不能用作规则编号"), "{e}");
        let e = in_chinese(|| rename_quiz(root, "quiz:exampel", "quiz:new"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "没有测验 `exampel`：是不是想写 `quiz:example`？"
        );
        let e = rename_quiz(root, "quiz:example", "quiz:example")
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "`example` is the quiz's id already");
        let e = in_chinese(|| rename_quiz(root, "quiz:example", "quiz:example"))
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "测验的编号已经是 `example` 了");
    }

    #[test]
    fn the_id_is_replaced_where_it_is_a_word_of_its_own() {
        let (out, n) = replace_id(
            "[[rule:TS-A-1]]、(rule:TS-A-1) TS-A-10 XTS-A-1 TS-A-1。\n```rule TS-A-1\n```\nrules: [TS-A-1, TS-A-2]\n",
            "TS-A-1",
            "TS-B-7",
            true,
        );
        assert_eq!(n, 5);
        assert_eq!(out, "[[rule:TS-B-7]]、(rule:TS-B-7) TS-A-10 XTS-A-1 TS-B-7。\n```rule TS-B-7\n```\nrules: [TS-B-7, TS-A-2]\n");
    }

    /// In a lesson, an example is left as written: inline code, and fenced code but the
    /// blocks that name rules on the page (a ```rule card, a ```limits table, a flowchart's
    /// `click`), also a ```mermaid written inside a longer fence as an example; code indented
    /// four spaces (not a list item's second paragraph).
    #[test]
    fn examples_in_code_keep_the_old_id_in_a_lesson() {
        let md = "见 TS-A-1 和 `handbook mv rule:TS-A-1 rule:TS-A-9`。\n\n```bash\nhandbook mv rule:TS-A-1 rule:TS-A-9\n```\n\n> [!TIP]\n> ```bash\n> handbook mv rule:TS-A-1 rule:TS-A-9\n> ```\n\n```rule TS-A-1\n```\n\n```limits\nTS-A-1\n```\n\n```mermaid\nflowchart TD\n  A --> B\n  click A \"rule:TS-A-1\"\n```\n\n````markdown\n```mermaid\n  click A \"rule:TS-A-1\"\n```\n````\n\n~~~\nTS-A-1\n~~~\n\n    handbook mv rule:TS-A-1 rule:TS-A-9\n\n- 第一步\n\n    第二段 TS-A-1\n\n::: 培训师\n    handbook mv rule:TS-A-1 rule:TS-A-9\n:::\n\n最后 [[rule:TS-A-1]]\n";
        let (out, n) = replace_id(md, "TS-A-1", "TS-B-7", true);
        assert_eq!(n, 6, "{out}");
        assert_eq!(
            out,
            md.replacen("见 TS-A-1", "见 TS-B-7", 1)
                .replace("```rule TS-A-1", "```rule TS-B-7")
                .replace("```limits\nTS-A-1", "```limits\nTS-B-7")
                .replacen("  click A \"rule:TS-A-1\"", "  click A \"rule:TS-B-7\"", 1)
                .replace("[[rule:TS-A-1]]", "[[rule:TS-B-7]]")
                .replace("第二段 TS-A-1", "第二段 TS-B-7")
        );
        // A YAML file's text is read as ever.
        let (_, n) = replace_id("note: `TS-A-1`\n", "TS-A-1", "TS-B-7", false);
        assert_eq!(n, 1);
    }

    #[test]
    fn a_quiz_is_renamed_where_it_is_named_and_its_question_ids_stay() {
        let text = "[[quiz:limits]] [练](quiz:limits#limits-03) quiz:limits-old [[quiz:limits|测验]]\n```quiz limits\n```\n  - quiz: limits\n      - quiz: limits   # 注\nquestions: [limits-03]\nrelated: [quiz:limits, lesson:limits]\n";
        let (out, n) = replace_quiz(text, "limits", "deadlines");
        assert_eq!(n, 7, "{out}");
        assert_eq!(out, "[[quiz:deadlines]] [练](quiz:deadlines#limits-03) quiz:limits-old [[quiz:deadlines|测验]]\n```quiz deadlines\n```\n  - quiz: deadlines\n      - quiz: deadlines   # 注\nquestions: [limits-03]\nrelated: [quiz:deadlines, lesson:limits]\n");
    }

    #[test]
    fn a_revisions_change_keeps_the_id_it_was_written_with() {
        let text = "revised:\n  - date: 2026-01-01\n    change: 由 TS-A-1 拆出\n  - date: 2026-02-01\n    change: |\n      TS-A-1 的时限\n    by: TS-A-1\nrelated: [TS-A-1]\n";
        let (out, n) = replace_id(text, "TS-A-1", "TS-B-7", false);
        assert_eq!(n, 2, "{out}");
        assert_eq!(
            out,
            text.replace("by: TS-A-1", "by: TS-B-7")
                .replace("related: [TS-A-1]", "related: [TS-B-7]")
        );
    }

    #[test]
    fn the_old_id_goes_into_the_rules_own_aliases() {
        let one = "id: TS-B-7\ntitle: 甲\nsummary: 乙\n";
        assert_eq!(
            add_alias(one, "TS-B-7", "TS-A-1").unwrap(),
            "id: TS-B-7\naliases: [TS-A-1]\ntitle: 甲\nsummary: 乙\n"
        );
        let flow = "id: \"TS-B-7\"\naliases: [TS-A-0]\n";
        assert_eq!(
            add_alias(flow, "TS-B-7", "TS-A-1").unwrap(),
            "id: \"TS-B-7\"\naliases: [TS-A-0, TS-A-1]\n"
        );
        // A list of rules: the right one's, not its neighbours'.
        let list = "- id: TS-X-1\n  aliases:\n    - TS-Y-1\n- id: TS-B-7\n  title: 乙\n  aliases:\n    - TS-A-0\n- id: TS-X-2\n  aliases: []\n";
        assert_eq!(
            add_alias(list, "TS-B-7", "TS-A-1").unwrap(),
            "- id: TS-X-1\n  aliases:\n    - TS-Y-1\n- id: TS-B-7\n  title: 乙\n  aliases:\n    - TS-A-1\n    - TS-A-0\n- id: TS-X-2\n  aliases: []\n"
        );
        let list = "- id: TS-B-7\n  title: 乙\n- id: TS-X-2\n  aliases: [TS-Q-1]\n";
        assert_eq!(
            add_alias(list, "TS-B-7", "TS-A-1").unwrap(),
            "- id: TS-B-7\n  aliases: [TS-A-1]\n  title: 乙\n- id: TS-X-2\n  aliases: [TS-Q-1]\n"
        );
        assert_eq!(
            add_alias(
                "id: TS-B-7\naliases: [TS-A-0]  # 2024 年改号\n",
                "TS-B-7",
                "TS-A-1"
            )
            .unwrap(),
            "id: TS-B-7\naliases: [TS-A-0, TS-A-1]  # 2024 年改号\n"
        );
        assert_eq!(
            add_alias("id: TS-B-7\naliases: TS-A-0\n", "TS-B-7", "TS-A-1"),
            None
        );
        assert_eq!(add_alias("id:\n  TS-B-7\n", "TS-B-7", "TS-A-1"), None);
        assert_eq!(
            add_alias("id: TS-B-7\r\n", "TS-B-7", "TS-A-1").unwrap(),
            "id: TS-B-7\r\naliases: [TS-A-1]\r\n"
        );
    }
}
