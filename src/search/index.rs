//! Builds the search index: documents at the level of page sections and rule-card fields,
//! bigram postings with positions and precomputed BM25F impacts, split into shards that the
//! browser loads with <script> tags. Format: docs/search-index.md.

use super::text::{normalise, tokenise_normalised, FOLD_PAIRS};
use crate::book::{urls, Book, PageKind};
use crate::content::rule::{format_value, Rule};
use crate::render::markdown::{self, Rendered};
use crate::render::pages::OutputFile;
use rayon::prelude::*;
use std::collections::HashMap;

/// Field weights: title (and rule id), heading, summary, body.
const WEIGHTS: [f32; 4] = [10.0, 5.0, 3.0, 1.0];
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Position gap between fields, so no phrase spans two fields.
const FIELD_GAP: u32 = 8;
/// Characters of section text kept for excerpts.
const EXCERPT_CHARS: usize = 600;
/// Documents per `d{k}.js` file.
const CHUNK: usize = 32;
/// Positions kept per term and document (enough to find phrases; bounds the index size).
const MAX_POSITIONS: usize = 16;
/// Target size of a shard file, in bytes before compression.
const SHARD_TARGET: usize = 48 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Root-relative, with `index.html` and the anchor.
    pub href: String,
    pub kind: &'static str,
    pub title: String,
    pub heading: String,
    pub summary: String,
    pub body: String,
}

/// What one build's search adds to the site.
pub struct SearchIndex {
    pub files: Vec<OutputFile>,
    pub docs: usize,
    pub terms: usize,
}

/// Collects the documents of a book: sections of pages, rule-card fields, quizzes, terms.
pub fn collect(book: &Book, rendered: &[Rendered]) -> Vec<Doc> {
    let mut docs: Vec<Doc> = book
        .pages
        .par_iter()
        .zip(rendered.par_iter())
        .flat_map_iter(|(p, r)| {
            let kind = "lesson";
            let page = format!("{}index.html", p.dir());
            let title = p.front.title.clone();
            let summary = p.front.summary.clone();
            let home = p.kind == PageKind::Home;
            html_sections(&r.html)
                .into_iter()
                .enumerate()
                .filter(|(i, s)| *i == 0 || !s.text.is_empty() || !s.heading.is_empty())
                .map(move |(i, s)| Doc {
                    href: match &s.id {
                        Some(id) => format!("{page}#{id}"),
                        None => page.clone(),
                    },
                    kind,
                    title: title.clone(),
                    heading: s.heading,
                    summary: if i == 0 {
                        summary.clone()
                    } else {
                        String::new()
                    },
                    body: if home && i == 0 {
                        String::new()
                    } else {
                        s.text
                    },
                })
                .collect::<Vec<_>>()
        })
        .collect();
    for lr in &book.rules {
        rule_docs(&lr.value, &mut docs);
    }
    for lq in &book.quizzes {
        let q = &lq.value;
        let body: Vec<String> = q.questions.iter().map(|x| md_text(&x.prompt)).collect();
        docs.push(Doc {
            href: format!("{}index.html", urls::quiz(&q.id)),
            kind: "quiz",
            title: q.title.clone(),
            heading: String::new(),
            summary: md_text(&q.description),
            body: body.join("\n"),
        });
    }
    for t in &book.glossary {
        let t = &t.value;
        docs.push(Doc {
            href: format!(
                "{}index.html#{}",
                urls::GLOSSARY,
                markdown::slugify(&t.term)
            ),
            kind: "glossary",
            title: t.term.clone(),
            heading: String::new(),
            summary: t.synonyms.join("、"),
            body: md_text(&t.definition),
        });
    }
    docs
}

fn rule_docs(r: &Rule, docs: &mut Vec<Doc>) {
    let page = format!("{}index.html", urls::rule(&r.id));
    let title = format!("{} {}", r.id, r.title);
    let mut push = |anchor: &str, heading: &str, summary: String, body: String| {
        if anchor.is_empty() || !body.trim().is_empty() {
            docs.push(Doc {
                href: if anchor.is_empty() {
                    page.clone()
                } else {
                    format!("{page}#{anchor}")
                },
                kind: "rule",
                title: title.clone(),
                heading: heading.to_string(),
                summary,
                body,
            });
        }
    };
    let lines = |v: &[String]| v.iter().map(|s| md_text(s)).collect::<Vec<_>>().join("\n");
    push(
        "",
        "",
        md_text(&r.summary),
        format!(
            "{}\n责任方：{}",
            lines(&r.applies_when),
            r.responsible.join("、")
        ),
    );
    let limits: Vec<String> = r
        .time_limits
        .iter()
        .map(|t| {
            format!(
                "{}：{}{}（{}）{}",
                t.label,
                format_value(t.value),
                t.unit.label(),
                t.condition.label(),
                t.note
            )
        })
        .collect();
    push("时限", "时限", String::new(), limits.join("\n"));
    let steps: Vec<String> = r
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let within = s
                .within
                .as_ref()
                .map(|d| format!("（{}{}内）", format_value(d.value), d.unit.label()))
                .unwrap_or_default();
            format!("{}. {}：{}{}", i + 1, s.who, md_text(&s.what), within)
        })
        .collect();
    push("办理步骤", "办理步骤", String::new(), steps.join("\n"));
    push("必须做到", "必须做到", String::new(), lines(&r.must));
    push("严禁", "严禁", String::new(), lines(&r.must_not));
    push(
        "升级路径",
        "升级路径",
        String::new(),
        md_text(&r.escalation),
    );
}

/// Plain text of a Markdown field (links and emphasis dropped, wiki links kept as text).
pub fn md_text(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for ev in Parser::new_ext(md, markdown::options()) {
        match ev {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) if !out.ends_with('\n') && !out.is_empty() => out.push('\n'),
            _ => {}
        }
    }
    out.trim().to_string()
}

pub struct Section {
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
}

/// Splits rendered HTML at `<h2 id>` / `<h3 id>` headings into plain-text sections.
pub fn html_sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section {
        id: None,
        heading: String::new(),
        text: String::new(),
    }];
    let mut in_heading = false;
    let mut skip = 0usize; // inside <script>/<style>
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                let tag = &rest[..end];
                rest = &rest[end..];
                let name: String = tag[1..]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                let closing = tag.starts_with("</");
                if name == "script" || name == "style" {
                    if closing {
                        skip = skip.saturating_sub(1);
                    } else {
                        skip += 1;
                    }
                    continue;
                }
                if (name == "h2" || name == "h3") && !closing {
                    if let Some(id) = attr(tag, "id") {
                        out.push(Section {
                            id: Some(id),
                            heading: String::new(),
                            text: String::new(),
                        });
                        in_heading = true;
                        continue;
                    }
                }
                if (name == "h2" || name == "h3") && closing && in_heading {
                    in_heading = false;
                    continue;
                }
                let block = matches!(
                    name.as_str(),
                    "p" | "li"
                        | "td"
                        | "th"
                        | "tr"
                        | "div"
                        | "br"
                        | "dt"
                        | "dd"
                        | "pre"
                        | "blockquote"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "h5"
                        | "h6"
                        | "section"
                        | "ul"
                        | "ol"
                        | "table"
                        | "figcaption"
                        | "summary"
                );
                let cur = out.last_mut().expect("one section at least");
                let t = if in_heading {
                    &mut cur.heading
                } else {
                    &mut cur.text
                };
                if block && !t.ends_with(['\n', ' ']) && !t.is_empty() {
                    t.push('\n');
                }
            }
            found => {
                let end = found.unwrap_or(rest.len());
                if skip == 0 {
                    let cur = out.last_mut().expect("one section at least");
                    let t = if in_heading {
                        &mut cur.heading
                    } else {
                        &mut cur.text
                    };
                    decode_entities(&rest[..end], t);
                }
                rest = &rest[end..];
            }
        }
    }
    for s in &mut out {
        s.heading = collapse(&s.heading);
        s.text = collapse(&s.text);
    }
    out
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    let mut v = String::new();
    decode_entities(&tag[i..j], &mut v);
    Some(v)
}

fn decode_entities(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let Some(e) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..e];
        let c = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            _ if ent.starts_with("#x") || ent.starts_with("#X") => {
                u32::from_str_radix(&ent[2..], 16)
                    .ok()
                    .and_then(char::from_u32)
            }
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Collapses runs of whitespace to one space (a newline between blocks becomes a space).
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// The 64 symbols of the posting encoding (all safe inside a JSON string).
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Little-endian groups of 5 bits; a symbol >= 32 means "more groups follow".
pub fn varint(mut v: u32, out: &mut String) {
    while v >= 32 {
        out.push(DIGITS[(32 | (v & 31)) as usize] as char);
        v >>= 5;
    }
    out.push(DIGITS[v as usize] as char);
}

/// One document's terms: term -> (weighted, length-normalised frequency, positions).
type DocTerms = Vec<(String, f32, Vec<u32>)>;

fn doc_terms(d: &Doc, avg: &[f32; 4]) -> DocTerms {
    let fields = [&d.title, &d.heading, &d.summary, &d.body];
    let mut map: HashMap<String, (f32, Vec<u32>)> = HashMap::new();
    let mut base = 0u32;
    for (f, text) in fields.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let norm = normalise(text);
        let mut toks: Vec<(String, u32)> = Vec::new();
        let len = tokenise_normalised(&norm, |t, pos, _| toks.push((t.to_string(), pos)));
        let lnorm = 1.0 - B + B * (len.max(1) as f32) / avg[f].max(1.0);
        for (t, pos) in toks {
            let e = map.entry(t).or_default();
            e.0 += WEIGHTS[f] / lnorm;
            e.1.push(base + pos);
        }
        base += len + FIELD_GAP;
    }
    let mut v: DocTerms = map.into_iter().map(|(t, (w, p))| (t, w, p)).collect();
    for (_, _, p) in &mut v {
        p.sort_unstable();
        p.dedup();
    }
    v
}

/// Builds the index files (`search/meta.js`, shards, doc chunks).
pub fn build(book: &Book, rendered: &[Rendered]) -> SearchIndex {
    let docs = collect(book, rendered);
    let n = docs.len();
    // Average token count per field, for BM25's length normalisation.
    let mut avg = [0f32; 4];
    for d in &docs {
        for (f, t) in [&d.title, &d.heading, &d.summary, &d.body]
            .iter()
            .enumerate()
        {
            avg[f] += t.chars().count() as f32;
        }
    }
    for a in &mut avg {
        *a /= n.max(1) as f32;
    }
    let per_doc: Vec<DocTerms> = docs.par_iter().map(|d| doc_terms(d, &avg)).collect();

    // Merge into term -> postings (doc, weighted tf, positions).
    let mut postings: HashMap<String, Vec<(u32, f32, Vec<u32>)>> = HashMap::new();
    for (doc, terms) in per_doc.into_iter().enumerate() {
        for (t, w, p) in terms {
            postings.entry(t).or_default().push((doc as u32, w, p));
        }
    }
    let terms = postings.len();

    // Serialise every term's postings, then group terms into shards by first character.
    let nf = n as f32;
    let mut encoded: Vec<(String, String)> = postings
        .into_par_iter()
        .map(|(t, list)| {
            let df = list.len() as f32;
            let idf = (1.0 + (nf - df + 0.5) / (df + 0.5)).ln();
            let mut s = String::with_capacity(list.len() * 6 + 2);
            s.push('"');
            let mut prev = 0u32;
            for (doc, w, pos) in &list {
                let score = idf * w * (K1 + 1.0) / (w + K1);
                let impact = ((score * 10.0).round() as u32).max(1);
                let pos = &pos[..pos.len().min(MAX_POSITIONS)];
                varint(doc - prev, &mut s);
                varint(impact, &mut s);
                varint(pos.len() as u32, &mut s);
                prev = *doc;
                let mut last = 0;
                for &p in pos {
                    varint(p - last, &mut s);
                    last = p;
                }
            }
            s.push('"');
            (t, s)
        })
        .collect();
    encoded.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let total: usize = encoded.iter().map(|(t, s)| t.len() + s.len() + 4).sum();
    let shards = (total / SHARD_TARGET + 1).next_power_of_two().min(4096);
    let mut shard_text: Vec<String> = vec![String::new(); shards];
    for (t, s) in &encoded {
        let first = t.chars().next().map_or(0, |c| c as usize);
        let out = &mut shard_text[first % shards];
        out.push(if out.is_empty() { '{' } else { ',' });
        out.push_str(&serde_json::to_string(t).unwrap_or_default());
        out.push(':');
        out.push_str(s);
    }

    let mut files: Vec<OutputFile> = Vec::new();
    for (i, s) in shard_text.into_iter().enumerate() {
        if !s.is_empty() {
            files.push((
                format!("search/s{i}.js"),
                format!("window.__handbookSearch(\"shard\",{i},{s}}});\n").into_bytes(),
            ));
        }
    }
    for (k, chunk) in docs.chunks(CHUNK).enumerate() {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|d| {
                let text: String = d.body.chars().take(EXCERPT_CHARS).collect();
                let text = if text.is_empty() {
                    d.summary.clone()
                } else {
                    text
                };
                serde_json::json!([d.href, d.kind, d.title, d.heading, text])
            })
            .collect();
        files.push((
            format!("search/d{k}.js"),
            format!(
                "window.__handbookSearch(\"docs\",{k},{});\n",
                serde_json::Value::Array(rows)
            )
            .into_bytes(),
        ));
    }
    let synonyms: Vec<Vec<String>> = book
        .glossary
        .iter()
        .map(|t| {
            let mut g: Vec<String> = std::iter::once(&t.value.term)
                .chain(&t.value.synonyms)
                .map(|s| normalise(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
            g.dedup();
            g
        })
        .filter(|g| g.len() >= 2)
        .collect();
    let meta = serde_json::json!({
        "v": 1,
        "fold": FOLD_PAIRS,
        "synonyms": synonyms,
        "shards": shards,
        "docs": n,
        "chunk": CHUNK,
        "kinds": {"rule": "规则", "lesson": "课程", "quiz": "测验", "glossary": "术语"},
    });
    files.push((
        "search/meta.js".into(),
        format!("window.__handbookSearch(\"meta\",0,{meta});\n").into_bytes(),
    ));
    SearchIndex {
        files,
        docs: n,
        terms,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_split_at_headings_with_ids() {
        let html = "<p>引言 <strong>重点</strong>内容</p>\n<h2 id=\"受理\">受理 &amp; 登记</h2>\n<p>接到投诉后</p><ul><li>一</li><li>二</li></ul><h3 id=\"a-b\">小节</h3><p>x&lt;y</p><script>var a=1;</script>";
        let s = html_sections(html);
        assert_eq!(s.len(), 3);
        assert_eq!(s[0].text, "引言 重点内容");
        assert_eq!(s[1].id.as_deref(), Some("受理"));
        assert_eq!(s[1].heading, "受理 & 登记");
        assert_eq!(s[1].text, "接到投诉后 一 二");
        assert_eq!(s[2].text, "x<y");
    }

    #[test]
    fn varint_encoding() {
        let mut s = String::new();
        for v in [0, 31, 32, 1000, 70000] {
            varint(v, &mut s);
        }
        // 31 = V; 32 = W (0 with "more") then 1; 1000 = 8+32 -> e, then 31 -> V; ...
        assert_eq!(s, "0VW1eVmha2");
    }

    #[test]
    fn md_text_keeps_words_drops_markup() {
        assert_eq!(
            md_text("**必须**在 [3 个工作日](x.md) 内答复"),
            "必须在 3 个工作日 内答复"
        );
    }
}
