//! `handbook mv tag:OLD tag:NEW`: renames a tag, or merges it into another one, in every
//! page's front matter (`tags:`) and every `[[tag:OLD]]` / `[…](tag:OLD)` link, instead of
//! an edit per page (a tag is written on each page that carries it, so two spellings of one
//! subject, 客户 and 客戶, are common and tedious to merge by hand). OLD goes into NEW's
//! `aliases` in `tags.yaml` (the file made when there is none, else edited line by line, its
//! comments and other entries left as written): the old tag's page forwards to the new one,
//! and a `[[tag:OLD]]` written later still leads there.

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
    /// `tags.yaml` (from the book's folder), where `old` is among `new`'s aliases now.
    pub tags_file: PathBuf,
    /// What else to tell the user.
    pub notes: Vec<String>,
}

/// A tag as typed, without a `tag:` in front.
pub fn tag_name(typed: &str) -> &str {
    let t = typed.trim();
    t.strip_prefix("tag:").unwrap_or(t).trim()
}

/// Why `name` cannot be a tag, if it cannot.
fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        return Some(t!(
            "the new tag is empty: write it after `tag:`",
            "新标签是空的：请写在 `tag:` 后面"
        ));
    }
    if let Some(c) = name.chars().find(|c| {
        matches!(
            c,
            ',' | '，' | '[' | ']' | '{' | '}' | '#' | '"' | '\'' | '|'
        )
    }) {
        return Some(t!(
            "`{name}` cannot be a tag: `{c}` would split it or change its meaning in YAML and links",
            "`{name}` 不能用作标签：`{c}` 在 YAML 和链接里会把它拆开或者改变意思"
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
    // Where an old name is listed (tags.yaml's entry and item), and the tag it belongs to.
    let listed = |name: &str| {
        book.tag_entries.iter().find_map(|e| {
            let k = e.value.aliases.iter().position(|a| a.trim() == name)?;
            let (l, c) = e.pos(&format!("aliases.{k}"));
            let at = format!("{}:{l}:{c}", e.file.display());
            Some((e.value.tag.trim().to_string(), at))
        })
    };
    if book.tag_page(old).is_none() {
        if let Some((now, at)) = listed(old) {
            bail!(t!("no page has the tag `{old}`: it is an old name of `{now}` already ({at}), and its page forwards there", "没有页面带标签 `{old}`：它已经是 `{now}` 的旧名字了（{at}），它的页面会转到那里"));
        }
        let names: Vec<String> = book.tag_groups().into_iter().map(|g| g.name).collect();
        match crate::diagnostics::nearest(old, names.iter().map(String::as_str)) {
            Some(n) => bail!(t!(
                "no page has the tag `{old}`: did you mean `tag:{n}`?",
                "没有页面带标签 `{old}`：是不是想写 `tag:{n}`？"
            )),
            None if names.is_empty() => bail!(t!("no page has tags", "没有哪个页面带标签")),
            None => bail!(t!(
                "no page has the tag `{old}`; the tags are {}",
                "没有页面带标签 `{old}`；现有的标签有：{}",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(&t!(", ", "、"))
            )),
        }
    }
    if old == new {
        bail!(t!(
            "`{new}` is the tag's name already",
            "标签已经叫 `{new}` 了"
        ));
    }
    let merged = book.tag_page(new).is_some();
    // Tags of one address (`YAML` and `yaml`: tags/yaml/ and tags/yaml-2/): one renamed or
    // merged elsewhere would leave an old name whose address is the other's page.
    let plain = crate::book::tag_slug(old);
    let sharing: Vec<String> = book
        .tag_groups()
        .into_iter()
        .filter(|g| g.name != old && crate::book::tag_slug(&g.name) == plain)
        .map(|g| g.name)
        .collect();
    if !sharing.is_empty() && !sharing.iter().any(|n| n == new) {
        let other = &sharing[0];
        bail!(t!("`{old}` and `{other}` share one address (tags/{plain}/): merge them first (`handbook mv tag:{old} tag:{other}`), then rename the tag left; nothing was changed", "`{old}` 和 `{other}` 共用一个网址（tags/{plain}/）：请先把它们合并（`handbook mv tag:{old} tag:{other}`），再给剩下的那个标签改名；没有改动任何文件"));
    }
    // An old name belongs to one tag: `new` may be an old name of `old` only (a rename undone),
    // `old` of `new` only (a tag carried again under an old name, merged back).
    if let Some((owner, at)) = listed(new).filter(|(owner, _)| owner != old) {
        bail!(t!("`{new}` is an old name of `{owner}` ({at}): its page forwards there; merge into it instead (`handbook mv tag:{old} tag:{owner}`), or, for `{new}` to be a tag of its own again, remove it from those aliases first; nothing was changed", "`{new}` 是 `{owner}` 的旧名字（{at}）：它的页面会转到那里；请改为并入那个标签（`handbook mv tag:{old} tag:{owner}`）；如果要让 `{new}` 重新成为单独的标签，请先把它从那些别名（aliases）里删掉；没有改动任何文件"));
    }
    if let Some((owner, at)) = listed(old).filter(|(owner, _)| owner != new) {
        bail!(t!("`{old}` is listed as an old name of `{owner}` ({at}) while pages still carry it: merge it there (`handbook mv tag:{old} tag:{owner}`), or remove it from those aliases first; nothing was changed", "`{old}` 已被记成 `{owner}` 的旧名字（{at}），但还有页面带着它：请把它并入那个标签（`handbook mv tag:{old} tag:{owner}`），或者先把它从那些别名（aliases）里删掉；没有改动任何文件"));
    }
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
            bail!(t!(
                "{} carries the tag `{old}` in a form `handbook mv` does not rewrite (a list over several lines, or with a comment after it): write it `tags: [{old}, …]` or as a block list (`- {old}` lines), then run this again; nothing was changed",
                "{} 里标签 `{old}` 的写法 `handbook mv` 改不了（分几行写的列表，或者后面带注释）：请写成 `tags: [{old}, …]`，或者写成一行一个 `- {old}` 的列表，然后再运行一次；没有改动任何文件",
                p.strip_prefix(root).unwrap_or(p).display()
            ));
        }
        if n > 0 {
            writes.push((p.to_path_buf(), out, n));
        }
    }
    // OLD among NEW's old names in tags.yaml (as its links were rewritten above, if they were).
    let tags_path = [crate::content::tags::FILE, "tags.yml"]
        .iter()
        .map(|f| src.join(f))
        .find(|p| p.is_file())
        .unwrap_or_else(|| src.join(crate::content::tags::FILE));
    let shown = tags_path
        .strip_prefix(root)
        .unwrap_or(&tags_path)
        .to_path_buf();
    let before = match writes.iter().find(|w| w.0 == tags_path) {
        Some(w) => Some(w.1.clone()),
        None if tags_path.is_file() => Some(
            std::fs::read_to_string(&tags_path)
                .with_context(|| t!("cannot read {}", "无法读取 {}", shown.display()))?,
        ),
        None => None,
    };
    let edited = record_alias(before.as_deref(), old, new)
        .ok()
        .filter(|(after, _)| reads_back(before.as_deref(), after, old, new));
    let Some((after, notes)) = edited else {
        bail!(t!(
            "{} is written in a form this command does not edit (it does not read, or an entry's `tag:` or `aliases:` is written over several lines or as `{{…}}`): write each entry as `- tag: …` with `aliases: [ … ]` or a block list of `- ` lines (`handbook check` shows what does not read), then run this again; nothing was changed",
            "{} 的写法这个命令改不了（文件读不通，或者某一项的 `tag:` 或 `aliases:` 分几行写、或写成了 `{{…}}`）：请把每一项写成 `- tag: …`，再跟 `aliases: [ … ]` 或一行一个 `- ` 的列表（`handbook check` 会指出读不通的地方），然后再运行一次；没有改动任何文件",
            shown.display()
        ));
    };
    match writes.iter_mut().find(|w| w.0 == tags_path) {
        Some(w) => w.1 = after,
        None => writes.push((tags_path.clone(), after, 0)),
    }
    // Written only once everything is read: a rename stopped half-way changes no file.
    let mut rewritten = Vec::new();
    for (p, text, n) in writes {
        std::fs::write(&p, text)
            .with_context(|| t!("cannot write {}", "无法写入 {}", p.display()))?;
        // (tags.yaml is named in what is said of the rename; here only for links in it.)
        if n > 0 {
            rewritten.push((p.strip_prefix(root).unwrap_or(&p).to_path_buf(), n));
        }
    }
    rewritten.sort();
    Ok(Retagged {
        old: old.to_string(),
        new: new.to_string(),
        merged,
        rewritten,
        tags_file: shown,
        notes,
    })
}

/// Whether `tags.yaml` as edited (`after`, from `before`, or none) reads as the same entries
/// but for those of `old` and `new`, `new`'s with `old` among its aliases, and `old`'s (if it
/// stays, to have its description merged by hand) with none.
fn reads_back(before: Option<&str>, after: &str, old: &str, new: &str) -> bool {
    use crate::content::tags::TagEntry;
    let read = |t: &str| -> Option<Vec<TagEntry>> {
        if t.trim().is_empty() {
            return Some(Vec::new());
        }
        serde_yaml::from_str(t).ok()
    };
    let (Some(b), Some(a)) = (read(before.unwrap_or("")), read(after)) else {
        return false;
    };
    let others = |v: &[TagEntry]| -> Vec<TagEntry> {
        v.iter()
            .filter(|e| e.tag.trim() != old && e.tag.trim() != new)
            .cloned()
            .collect()
    };
    let news: Vec<&TagEntry> = a.iter().filter(|e| e.tag.trim() == new).collect();
    let aliased = news.len() == 1 && news[0].aliases.iter().any(|x| x.trim() == old);
    let old_left = a
        .iter()
        .filter(|e| e.tag.trim() == old)
        .all(|e| e.aliases.is_empty());
    aliased && old_left && others(&b) == others(&a)
}

/// One entry of `tags.yaml` as written: its lines `start..end` (to its last line that is not
/// blank or a comment at the file's left edge), the column its keys start at, and its tag.
struct Written {
    start: usize,
    end: usize,
    indent: usize,
    tag: String,
}

/// A YAML scalar as written after `key:` (a comment after it left out), as YAML reads it.
fn scalar(v: &str) -> String {
    let v = match v.find(" #") {
        Some(c) if !v.trim_start().starts_with(['"', '\'']) => &v[..c],
        _ => v,
    };
    let v = v.trim();
    match serde_yaml::from_str::<serde_yaml::Value>(v) {
        Ok(serde_yaml::Value::String(s)) => s,
        Ok(serde_yaml::Value::Number(n)) => n.to_string(),
        Ok(serde_yaml::Value::Bool(b)) => b.to_string(),
        _ => unquote(v).to_string(),
    }
}

/// `name` as an item of a YAML flow list (`[a, b]`): [`yaml_text`], quoted too when it holds
/// what ends an item there.
fn flow_item(name: &str) -> String {
    let t = yaml_text(name);
    if t.starts_with('"') || !t.contains([',', '[', ']', '{', '}']) {
        return t;
    }
    format!("\"{}\"", t.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The entries of `tags.yaml` text `lines`.
fn entries(lines: &[String]) -> Vec<Written> {
    let mut out: Vec<Written> = Vec::new();
    let content = |l: &str| {
        let t = l.trim();
        !t.is_empty() && !(l.starts_with('#'))
    };
    for (k, l) in lines.iter().enumerate() {
        let body = l.trim_end_matches(['\r', '\n']);
        if body == "-" || body.starts_with("- ") {
            let rest = body[1..].trim_start();
            let indent = body.len() - rest.len();
            out.push(Written {
                start: k,
                end: k + 1,
                indent,
                tag: String::new(),
            });
        } else if let Some(e) = out.last_mut() {
            if content(body) && !body.starts_with("---") {
                e.end = k + 1;
            }
        }
    }
    for e in &mut out {
        if let Some(k) = key_line(lines, e, "tag") {
            e.tag = scalar(value_of(&lines[k], e.indent, "tag"));
        }
    }
    out
}

/// The line of entry `e` that holds key `key`.
fn key_line(lines: &[String], e: &Written, key: &str) -> Option<usize> {
    (e.start..e.end).find(|&k| {
        let l = &lines[k];
        let at = l.get(..e.indent).is_some_and(|lead| {
            lead.chars().all(|c| c == ' ') || (k == e.start && lead.trim_end() == "-")
        });
        at && l[e.indent..]
            .strip_prefix(key)
            .is_some_and(|r| r.starts_with(':'))
    })
}

/// The text after `key:` on `line` (a key of an entry whose keys start at `indent`).
fn value_of<'l>(line: &'l str, indent: usize, key: &str) -> &'l str {
    line[indent + key.len() + 1..].trim_end_matches(['\r', '\n'])
}

/// The lines of entry `e` that belong to key line `k`: it, and those indented more after it.
fn key_end(lines: &[String], e: &Written, k: usize) -> usize {
    let mut end = k + 1;
    while end < e.end {
        let l = &lines[end];
        let lead = l.len() - l.trim_start().len();
        if !l.trim().is_empty() && lead <= e.indent {
            break;
        }
        end += 1;
    }
    end
}

/// The aliases of entry `e` as written: a flow list on its line, or a block list under it;
/// `Err` for a form not edited here.
fn aliases_of(lines: &[String], e: &Written) -> Result<Vec<String>, ()> {
    let Some(k) = key_line(lines, e, "aliases") else {
        return Ok(Vec::new());
    };
    let v = value_of(&lines[k], e.indent, "aliases");
    let v = match v.find(" #") {
        Some(c) => &v[..c],
        None => v,
    }
    .trim();
    if let Some(inner) = v.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
        return Ok(split_flow(inner).into_iter().map(|x| scalar(&x)).collect());
    }
    if !v.is_empty() {
        return Err(());
    }
    let mut out = Vec::new();
    for l in &lines[k + 1..key_end(lines, e, k)] {
        let t = l.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        match t.strip_prefix("- ") {
            Some(item) => out.push(scalar(item)),
            None => return Err(()),
        }
    }
    Ok(out)
}

/// The items of a flow list's inside, split at commas outside quotes.
fn split_flow(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut escaped = false;
    for c in inner.chars() {
        match quote {
            Some(q) => {
                if escaped {
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    quote = None;
                }
                cur.push(c);
            }
            None if c == ',' => out.push(std::mem::take(&mut cur)),
            None => {
                if matches!(c, '"' | '\'') && cur.trim().is_empty() {
                    quote = Some(c);
                }
                cur.push(c);
            }
        }
    }
    out.push(cur);
    out.into_iter()
        .map(|x| x.trim().to_string())
        .filter(|x| !x.is_empty())
        .collect()
}

/// Entry `e`'s aliases made `names`: its list rewritten in the form it had (a flow list on one
/// line, a block list), or `aliases: [...]` added as its last key; taken out when empty.
fn set_aliases(lines: &mut Vec<String>, e: &Written, names: &[String], nl: &str) {
    let pad = " ".repeat(e.indent);
    let flow = format!(
        "[{}]",
        names
            .iter()
            .map(|n| flow_item(n))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let Some(k) = key_line(lines, e, "aliases") else {
        if !names.is_empty() {
            lines.insert(e.end, format!("{pad}aliases: {flow}{nl}"));
        }
        return;
    };
    let end = key_end(lines, e, k);
    if names.is_empty() {
        lines.drain(k..end);
        return;
    }
    let v = value_of(&lines[k], e.indent, "aliases").trim().to_string();
    if v.starts_with('[') {
        // (A comment after the list is kept.)
        let comment = v
            .find(" #")
            .map(|c| format!("  {}", v[c..].trim_start()))
            .unwrap_or_default();
        let head = &lines[k][..e.indent];
        lines[k] = format!("{head}aliases: {flow}{comment}{nl}");
        return;
    }
    // A block list: its items' indent, and its comments kept where they were.
    let item_pad = lines[k + 1..end]
        .iter()
        .find(|l| l.trim_start().starts_with("- "))
        .map(|l| l[..l.len() - l.trim_start().len()].to_string())
        .unwrap_or_else(|| format!("{pad}  "));
    let is_item = |l: &str| l.trim_start().starts_with("- ");
    // (Comments and blank lines among the items stay.)
    let mut items: Vec<String> = lines[k + 1..end]
        .iter()
        .filter(|l| !is_item(l) || names.contains(&scalar(&l.trim_start()[2..])))
        .cloned()
        .collect();
    let written: Vec<String> = items
        .iter()
        .filter(|l| is_item(l))
        .map(|l| scalar(&l.trim_start()[2..]))
        .collect();
    // New items after the last item.
    let at = items.iter().rposition(|l| is_item(l)).map_or(0, |i| i + 1);
    let new: Vec<String> = names
        .iter()
        .filter(|n| !written.contains(n))
        .map(|n| format!("{item_pad}- {}{nl}", yaml_text(n)))
        .collect();
    items.splice(at..at, new);
    lines.splice(k + 1..end, items);
}

/// `tags.yaml` (`text`, or none yet) with `old` recorded as an old name of `new`: the entry of
/// `new` given `old` in its `aliases` (with those of `old`'s entry, whose description it takes
/// when it has none); `old`'s entry renamed `new` when `new` has none; an entry added when
/// neither has one. Also what to tell the user. `Err` when the file is written in a form this
/// does not edit.
fn record_alias(text: Option<&str>, old: &str, new: &str) -> Result<(String, Vec<String>), ()> {
    let mut notes = Vec::new();
    let text = match text {
        Some(t) if !t.trim().is_empty() => t.to_string(),
        _ => {
            let entry = format!(
                "- tag: {}\n  aliases: [{}]\n",
                yaml_text(new),
                flow_item(old)
            );
            return Ok((format!("{}{entry}", crate::content::tags::HEADER), notes));
        }
    };
    let nl = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    if lines.last().is_some_and(|l| !l.ends_with('\n')) {
        if let Some(l) = lines.last_mut() {
            l.push_str(nl);
        }
    }
    let find = |lines: &[String], tag: &str| entries(lines).into_iter().find(|e| e.tag == tag);
    let old_entry = find(&lines, old);
    let Some(to) = find(&lines, new) else {
        match old_entry {
            // Renamed: the entry follows, its old names with it.
            Some(e) => {
                let k = key_line(&lines, &e, "tag").ok_or(())?;
                let v = value_of(&lines[k], e.indent, "tag");
                let comment = match v.find(" #") {
                    Some(c) if !v.trim_start().starts_with(['"', '\'']) => v[c..].to_string(),
                    _ => String::new(),
                };
                let head = lines[k][..e.indent].to_string();
                lines[k] = format!("{head}tag: {}{comment}{nl}", yaml_text(new));
                let e = find(&lines, new).ok_or(())?;
                let mut names = aliases_of(&lines, &e)?;
                names.retain(|n| n != new);
                if !names.iter().any(|n| n == old) {
                    names.push(old.to_string());
                }
                set_aliases(&mut lines, &e, &names, nl);
            }
            None => {
                // (After a blank line when the entries are written so.)
                let gap = lines.iter().any(|l| l.trim().is_empty()) && entries(&lines).len() > 1;
                let last = lines.last().map(|l| l.trim().is_empty()).unwrap_or(true);
                if gap && !last {
                    lines.push(nl.to_string());
                }
                lines.push(format!("- tag: {}{nl}", yaml_text(new)));
                lines.push(format!("  aliases: [{}]{nl}", flow_item(old)));
            }
        }
        return Ok((lines.concat(), notes));
    };
    let mut names = aliases_of(&lines, &to)?;
    let mut moved: Vec<String> = match &old_entry {
        Some(e) => aliases_of(&lines, e)?,
        None => Vec::new(),
    };
    moved.push(old.to_string());
    for n in moved {
        if n != new && !names.contains(&n) {
            names.push(n);
        }
    }
    set_aliases(&mut lines, &to, &names, nl);
    let Some(e) = find(&lines, old) else {
        return Ok((lines.concat(), notes));
    };
    // The merged tag's entry: its old names went to `new`'s; its description goes there too
    // when that has none, else it stays for the trainer to merge by hand (check says so).
    let description = key_line(&lines, &e, "description");
    let to = find(&lines, new).ok_or(())?;
    match description {
        Some(_) if key_line(&lines, &to, "description").is_some() => {
            set_aliases(&mut lines, &e, &[], nl);
            notes.push(t!(
                "the entry of `{old}` in tags.yaml keeps its description (`{new}` has one): merge the two descriptions by hand and delete that entry",
                "tags.yaml 里 `{old}` 那一项的说明（description）先留着（`{new}` 已经有说明）：请手工把两段说明合在一起，再删掉那一项"
            ));
        }
        Some(d) => {
            let end = key_end(&lines, &e, d);
            let shift = to.indent as isize - e.indent as isize;
            let block: Vec<String> = lines[d..end]
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let l = if i == 0 && d == e.start {
                        format!("{}{}", " ".repeat(e.indent), &l[e.indent..])
                    } else {
                        l.clone()
                    };
                    if l.trim().is_empty() {
                        l
                    } else if shift >= 0 {
                        format!("{}{l}", " ".repeat(shift as usize))
                    } else {
                        l[(-shift) as usize..].to_string()
                    }
                })
                .collect();
            remove_entry(&mut lines, &e);
            let to = find(&lines, new).ok_or(())?;
            let k = key_line(&lines, &to, "tag").ok_or(())?;
            let at = key_end(&lines, &to, k);
            lines.splice(at..at, block);
        }
        None => remove_entry(&mut lines, &e),
    }
    Ok((lines.concat(), notes))
}

/// Takes entry `e` out of `lines`, with a blank line after it (or before it, when last).
fn remove_entry(lines: &mut Vec<String>, e: &Written) {
    let mut end = e.end;
    let mut start = e.start;
    if lines.get(end).is_some_and(|l| l.trim().is_empty()) {
        end += 1;
    } else if start > 0 && lines[start - 1].trim().is_empty() {
        start -= 1;
    }
    lines.drain(start..end);
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

    /// What stops a tag's rename is told in Chinese.
    #[test]
    fn refusals_are_told_in_chinese() {
        use crate::i18n::in_chinese;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        crate::init::init(root).unwrap();
        let e = in_chinese(|| retag(root, "tag:入门", "tag:a,b"))
            .err()
            .unwrap();
        assert_eq!(
            e.to_string(),
            "`a,b` 不能用作标签：`,` 在 YAML 和链接里会把它拆开或者改变意思"
        );
        let e = in_chinese(|| retag(root, "tag:入门", "tag:入门"))
            .err()
            .unwrap();
        assert_eq!(e.to_string(), "标签已经叫 `入门` 了");
        let e = retag(root, "tag:没有这个", "tag:x").err().unwrap();
        let zh = in_chinese(|| retag(root, "tag:没有这个", "tag:x"))
            .err()
            .unwrap();
        assert!(
            e.to_string().starts_with("no page has the tag `没有这个`"),
            "{e}"
        );
        assert!(
            zh.to_string().starts_with("没有页面带标签 `没有这个`"),
            "{zh}"
        );
    }

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
    fn tags_yaml_is_made_when_there_is_none_and_a_new_entry_goes_last() {
        let (out, notes) = record_alias(None, "客戶", "95598").unwrap();
        assert!(notes.is_empty());
        assert!(out.starts_with("# "), "{out}");
        assert!(
            out.ends_with("- tag: \"95598\"\n  aliases: [客戶]\n"),
            "{out}"
        );
        assert!(reads_back(None, &out, "客戶", "95598"));

        let text = "# 标签说明\n- tag: 流程\n  description: 办理流程。\n\n- tag: 时限\n  description: 时限。\n";
        let (out, _) = record_alias(Some(text), "a, b", "客户").unwrap();
        assert_eq!(
            out,
            format!("{text}\n- tag: 客户\n  aliases: [\"a, b\"]\n"),
            "a blank line as between the others; a comma quoted"
        );
        assert!(reads_back(Some(text), &out, "a, b", "客户"));
    }

    #[test]
    fn an_alias_joins_the_list_as_written_and_comments_stay() {
        let text = "- tag: 客户 # 统一写法\n  aliases: [顾客]  # 2024 年合并\n- tag: 流程\n";
        let (out, _) = record_alias(Some(text), "客戶", "客户").unwrap();
        assert_eq!(
            out,
            "- tag: 客户 # 统一写法\n  aliases: [顾客, 客戶]  # 2024 年合并\n- tag: 流程\n"
        );
        let text = "- tag: 客户\n  aliases:\n    - 顾客 # 旧\n    # 以上是旧名\n  description: x\n";
        let (out, _) = record_alias(Some(text), "yes", "客户").unwrap();
        assert_eq!(
            out,
            "- tag: 客户\n  aliases:\n    - 顾客 # 旧\n    - \"yes\"\n    # 以上是旧名\n  description: x\n"
        );
        assert!(reads_back(Some(text), &out, "yes", "客户"));
        // No list yet: one after the entry's last key; CRLF kept.
        let text = "- tag: 客户\r\n  description: |\r\n    两行\r\n    说明\r\n# 下一条\r\n- tag: 流程\r\n";
        let (out, _) = record_alias(Some(text), "客戶", "客户").unwrap();
        assert_eq!(
            out,
            "- tag: 客户\r\n  description: |\r\n    两行\r\n    说明\r\n  aliases: [客戶]\r\n# 下一条\r\n- tag: 流程\r\n"
        );
    }

    #[test]
    fn a_renamed_tags_entry_follows_it_and_a_merged_ones_goes_into_the_other() {
        // Renamed: the entry's tag, its old names kept, the new name no old name of its own.
        let text = "- tag: 入门 # 新员工\n  description: 第一周。\n  aliases: [基础]\n";
        let (out, _) = record_alias(Some(text), "入门", "基础").unwrap();
        assert_eq!(
            out,
            "- tag: 基础 # 新员工\n  description: 第一周。\n  aliases: [入门]\n"
        );
        assert!(reads_back(Some(text), &out, "入门", "基础"));

        // Merged: the old names, and the description when the other has none.
        let text = "- tag: 客戶\n  description: |\n    繁体写法的说明。\n  aliases: [顾客]\n\n- tag: 客户\n  aliases: [用户]\n\n- tag: 流程\n";
        let (out, notes) = record_alias(Some(text), "客戶", "客户").unwrap();
        assert!(notes.is_empty());
        assert_eq!(
            out,
            "- tag: 客户\n  description: |\n    繁体写法的说明。\n  aliases: [用户, 顾客, 客戶]\n\n- tag: 流程\n"
        );
        assert!(reads_back(Some(text), &out, "客戶", "客户"));
        // Both described: the old entry keeps its description, for the trainer to merge.
        let text = "- tag: 客戶\n  description: 甲。\n  aliases: [顾客]\n- tag: 客户\n  description: 乙。\n";
        let (out, notes) = record_alias(Some(text), "客戶", "客户").unwrap();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(
            out,
            "- tag: 客戶\n  description: 甲。\n- tag: 客户\n  description: 乙。\n  aliases: [顾客, 客戶]\n"
        );
        assert!(reads_back(Some(text), &out, "客戶", "客户"));
    }

    #[test]
    fn a_form_not_edited_is_refused() {
        // (An alias list over several lines; a flow mapping: the edit does not read back.)
        let text = "- tag: 客户\n  aliases: [顾客,\n    用户]\n";
        assert!(record_alias(Some(text), "客戶", "客户").is_err());
        let text = "- {tag: 客户, aliases: [顾客]}\n";
        let ok = record_alias(Some(text), "客戶", "客户")
            .is_ok_and(|(out, _)| reads_back(Some(text), &out, "客戶", "客户"));
        assert!(!ok);
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
