//! Builds the search index: documents at the level of page sections and rule-card fields,
//! bigram postings with positions and precomputed BM25F impacts, split into shards that the
//! browser loads with <script> tags. Format: docs/search-index.md.

use super::swap::Swap;
use super::text::{normalise, normalise_char_with, tokenise_chars, Tok, ALT_PAIRS, FOLD_PAIRS};
use crate::book::{urls, Book, PageKind};
use crate::content::lesson::Audience;
use crate::content::rule::{format_value, Rule};
use crate::render::markdown::{self, Rendered};
use crate::render::pages::{script_safe, OutputFile};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::HashMap;

/// Field weights: title (and rule id), heading, summary, body, and the body's code blocks.
/// A code block (`<pre>`: a trainer guide's YAML or TOML example) shows how a file is
/// written, and its words are an example's: the 停电 of a sample quiz in 怎样写测验 is not
/// what the guide is about, and at a body's weight it outranked the quiz and the lesson a
/// frontline query (模拟一通停电投诉电话) was after.
const WEIGHTS: [f32; 5] = [4.0, 2.5, 1.5, 1.0, CODE_WEIGHT];
const CODE_WEIGHT: f32 = 0.3;
/// The field index of a body's code blocks (saturated on its own, normalised by the body's
/// whole length).
const CODE: usize = 4;
const K1: f32 = 1.2;
/// BM25 length normalisation per field. Titles are barely normalised: a short title (a
/// glossary term) is not a better match than a long one for holding the same words.
const B: [f32; 4] = [0.3, 0.75, 0.75, 0.75];
/// The kind whose lengths a document's are normalised against: a trainers' page is a lesson
/// in form.
fn length_kind(kind: &str) -> &str {
    if kind == "trainer" {
        "lesson"
    } else {
        kind
    }
}

/// Impact factor of pages written only for trainers (`audience: [trainer]`): the search box
/// serves frontline staff first, so how to write or publish the handbook ranks after the
/// handbook's own subject.
const TRAINER_ONLY: f32 = 0.5;
/// Impact factor of a repealed rule's card: found, but after what applies now.
const REPEALED: f32 = 0.3;
/// The headings of a rule card's field documents.
const RULE_FIELDS: [&str; 5] = ["时限", "办理步骤", "必须做到", "严禁", "升级路径"];
/// Position gap between fields, so no phrase spans two fields.
const FIELD_GAP: u32 = 8;
/// Characters of a document's shown text kept in its row (`d{k}.js`); the rest of a longer one
/// is in a file of its own (`x{doc}.js`), which the client loads only for a result whose match
/// may lie there (docs/search-index.md, "Documents").
const EXCERPT_CHARS: usize = 400;
/// The most characters of a document's shown text kept in all (row and rest): a section
/// longer than this (no handbook's) shows a match past it with the text before.
const SHOWN_MAX_CHARS: usize = 20_000;
/// Marks in a section's text (docs/search-index.md, "Documents"): in a table with a header
/// row, a cell is parted from the next by a tab, a row from the next by a line feed, and the
/// table from the text around it by a carriage return, so that a result's excerpt can show
/// the row that matched with the header's cells. Each stands where a space stood before (one
/// character for each run of whitespace), so the text indexed has the same tokens, positions
/// and length as with spaces: the ranking does not see them.
pub const CELL: char = '\t';
pub const ROW: char = '\n';
pub const TABLE: char = '\r';
/// The same marks while a section's text is gathered (the information separators, which a
/// page's text does not hold), told from the whitespace of the HTML itself, which is a space
/// in the end. By strength, in this order: a run of several is the strongest.
const CELL_MARK: char = '\x1C';
const ROW_MARK: char = '\x1D';
const TABLE_MARK: char = '\x1E';
/// Where a code block (`<pre>`) begins and ends in a section's text while it is gathered:
/// taken out again, as spans, when the text's whitespace is collapsed.
const CODE_START: char = '\x1A';
const CODE_END: char = '\x1B';
/// Documents per `d{k}.js` file.
const CHUNK: usize = 8;
/// Positions kept per term and document (enough to find phrases; bounds the index size).
const MAX_POSITIONS: usize = 16;
/// Target size of a shard file, in bytes before compression.
const SHARD_TARGET: usize = 48 * 1024;
/// Impacts are stored as a level `l` in one symbol (0..=63) standing for `IMPACT_BASE^l`:
/// steps of 11 %, from 1 to ~720 (impacts are BM25 × 10, at most a few hundred).
pub const IMPACT_BASE: f32 = 1.11;
/// How many documents a hot character's `t{cp}.js` lists for one-character queries.
const TOP_DOCS: usize = 200;
/// A term in more documents than this has a long list: only its [`HEAD_DOCS`] best postings
/// are in its shard, the rest in pieces of about [`PIECE_BYTES`] by document range.
const LONG_DOCS: usize = 2048;
const HEAD_DOCS: usize = 1024;
const PIECE_BYTES: usize = 8 * 1024;

#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Root-relative, with `index.html` and the anchor.
    pub href: String,
    pub kind: &'static str,
    /// Shown in results: the page title (for rules `ID 标题`).
    pub page_title: String,
    /// The indexed title field: the page title (rule id and title), on every section.
    pub title: String,
    pub heading: String,
    pub summary: String,
    pub body: String,
    /// The byte spans of `body` that are code blocks (`<pre>`), in order: their words weigh
    /// [`CODE_WEIGHT`].
    pub code: Vec<(u32, u32)>,
    /// The text results show, when it is not the body (or, if that is empty, the summary): a
    /// rule card shows its summary too, and not the glossary words a field is indexed with.
    pub excerpt: Option<String>,
    /// A static factor on every impact of the document (1 for most).
    pub prior: f32,
}

/// What one build's search adds to the site.
pub struct SearchIndex {
    pub files: Vec<OutputFile>,
    pub docs: usize,
    pub terms: usize,
}

/// Collects the documents of a book: sections of pages, rule-card fields, quizzes, terms.
pub fn collect(book: &Book, rendered: &[Rendered]) -> Vec<Doc> {
    // Glossary terms name the rules and lessons they relate to: their words (and synonyms) find
    // the rule's card, or, when the term names one of the card's fields (办结时限 names 时限),
    // that field; and the lesson, or the one section of it (`lesson:path#id`) named.
    let mut rule_terms: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    let mut lesson_terms: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for t in &book.glossary {
        let t = &t.value;
        let field = RULE_FIELDS
            .iter()
            .find(|f| t.term.contains(*f))
            .map_or("", |f| *f);
        for r in &t.related {
            let e = match crate::book::split_ref(r) {
                ("lesson", path, anchor) => lesson_terms
                    .entry((path.trim_end_matches(".md"), anchor.unwrap_or("")))
                    .or_default(),
                _ => rule_terms
                    .entry((r.trim_start_matches("rule:"), field))
                    .or_default(),
            };
            e.extend(t.search_words().map(String::as_str));
        }
    }
    let lesson_terms = &lesson_terms;
    let mut docs: Vec<Doc> = book
        .pages
        .par_iter()
        .zip(rendered.par_iter())
        .flat_map_iter(|(p, r)| {
            let page = format!("{}index.html", p.dir());
            let title = p.front.title.clone();
            let summary = p.front.summary.clone();
            let home = p.kind == PageKind::Home;
            let aud = &p.front.audience;
            // A page only for trainers is a kind of its own in the results (培训, its own
            // filter), so a worker sees it is about writing the handbook, not the job.
            let trainers = !aud.is_empty() && aud.iter().all(|a| *a == Audience::Trainer);
            // (So is a section of a page for everyone that is all in a part for trainers, and
            // such a part in a section that is everyone's, apart from the section.)
            let kind_of = move |s: &Section| {
                if trainers || s.trainers {
                    ("trainer", TRAINER_ONLY)
                } else {
                    ("lesson", 1.0)
                }
            };
            let sections = html_sections(&r.html);
            // A heading over sub-sections and nothing else (`## 欠费停电类` then `### 成因分析`)
            // shows what it holds: its sub-sections' headings (shown, not indexed: each is
            // found as its own section).
            let holds: Vec<Option<String>> = (0..sections.len())
                .map(|i| {
                    let s = &sections[i];
                    if s.part || s.level == 0 || !s.text.is_empty() {
                        return None;
                    }
                    let subs: Vec<&str> = sections[i + 1..]
                        .iter()
                        .take_while(|x| x.level > s.level)
                        .filter(|x| !x.part && !x.heading.is_empty())
                        .map(|x| x.heading.as_str())
                        .collect();
                    (!subs.is_empty()).then(|| subs.join(" · "))
                })
                .collect();
            sections
                .into_iter()
                .zip(holds)
                .enumerate()
                .map(|(i, (s, holds))| (i, s, holds))
                // (A part in the home page's text before its first heading is not searched,
                // as that text is not.)
                .filter(|(i, s, _)| {
                    if s.part {
                        !(home && s.id.is_none())
                    } else {
                        *i == 0 || !s.text.is_empty() || !s.heading.is_empty()
                    }
                })
                .map(move |(i, s, holds)| {
                    let (kind, prior) = kind_of(&s);
                    // The glossary words linked to this section: indexed with it, not shown
                    // (with the section, not a part for trainers in it).
                    let hooks = if s.part {
                        None
                    } else {
                        lesson_terms.get(&(p.path.as_str(), s.id.as_deref().unwrap_or("")))
                    };
                    let (text, code) = if home && i == 0 {
                        (String::new(), Vec::new())
                    } else {
                        (s.text, s.code)
                    };
                    let excerpt = holds.or_else(|| hooks.map(|_| text.clone()));
                    let body = hooked(text, hooks);
                    Doc {
                        href: match s.part_id.as_ref().or(s.id.as_ref()) {
                            Some(id) => format!("{page}#{id}"),
                            None => page.clone(),
                        },
                        kind,
                        page_title: title.clone(),
                        // Every section is about its page's subject: each carries the page title,
                        // so the section whose own heading and text fit the query wins among
                        // them; the page summary describes the page, so only its first document.
                        title: title.clone(),
                        heading: s.heading,
                        summary: if i == 0 {
                            summary.clone()
                        } else {
                            String::new()
                        },
                        prior,
                        body,
                        code,
                        excerpt,
                    }
                })
                .collect::<Vec<_>>()
        })
        .collect();
    // (Each field's Markdown made plain text: on both threads.)
    let rules: Vec<Vec<Doc>> = book
        .rules
        .par_iter()
        .map(|lr| {
            let mut d = Vec::new();
            rule_docs(&lr.value, &rule_terms, &mut d);
            d
        })
        .collect();
    // (Room for the rest at once: growing would copy every page's documents again.)
    docs.reserve(
        rules.iter().map(Vec::len).sum::<usize>() + book.quizzes.len() + book.glossary.len() + 3,
    );
    docs.extend(rules.into_iter().flatten());
    for lq in &book.quizzes {
        let q = &lq.value;
        let body: Vec<String> = q.own_questions().map(|x| md_text(&x.prompt)).collect();
        docs.push(Doc {
            href: format!("{}index.html", urls::quiz(&q.id)),
            kind: "quiz",
            page_title: q.title.clone(),
            title: q.title.clone(),
            heading: String::new(),
            summary: md_text(&q.description),
            body: body.join("\n"),
            code: Vec::new(),
            excerpt: None,
            prior: 1.0,
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
            page_title: t.term.clone(),
            title: t.term.clone(),
            heading: String::new(),
            summary: t
                .synonyms
                .iter()
                .chain(&t.keywords)
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("、"),
            body: md_text(&t.definition),
            code: Vec::new(),
            excerpt: None,
            prior: 1.0,
        });
    }
    // The generated reference pages, by their titles: 时限速查 or 规则索引 finds the page.
    // (The rules' pages exist only in a book with rules.)
    let rules = [
        (urls::RULES, urls::titles::RULES),
        (urls::TIME_LIMITS, urls::titles::TIME_LIMITS),
        (urls::CHANGES, urls::titles::CHANGES),
    ];
    let tags = book.has_tags().then_some((urls::TAGS, urls::titles::TAGS));
    let phrases = book
        .has_phrases()
        .then_some((urls::PHRASES, urls::titles::PHRASES));
    for (dir, title) in rules
        .into_iter()
        .filter(|_| !book.rules.is_empty())
        .chain(tags)
        .chain(phrases)
    {
        docs.push(Doc {
            href: format!("{dir}index.html"),
            kind: "lesson",
            page_title: title.to_string(),
            title: title.to_string(),
            prior: 1.0,
            ..Doc::default()
        });
    }
    docs
}

/// A document's body with the glossary words linked to it (indexed, not shown).
fn hooked(body: String, words: Option<&Vec<&str>>) -> String {
    match words {
        Some(words) => format!("{body}\n{}", words.join("、")),
        None => body,
    }
}

fn rule_docs(r: &Rule, glossary: &HashMap<(&str, &str), Vec<&str>>, docs: &mut Vec<Doc>) {
    let page = format!("{}index.html", urls::rule(&r.id));
    // A repealed rule is still found (old cases are looked up), marked so and after the rules
    // in force.
    let repealed = r.repealed_by(crate::content::calendar::today());
    let page_title = if repealed {
        format!("{} {}（已废止）", r.id, r.title)
    } else {
        format!("{} {}", r.id, r.title)
    };
    let title = format!("{} {}", r.id, r.title);
    let mut push = |anchor: &str, heading: &str, summary: String, body: String| {
        if anchor.is_empty() || !body.trim().is_empty() {
            // Every field document carries the card's id and title (as a page's sections carry
            // the page title), so the field that fits the query wins among them. The glossary
            // words linked to a field are indexed with it, not shown; the card shows its summary
            // before what it indexes as body.
            let hooks = glossary.get(&(r.id.as_str(), heading));
            let excerpt = match (anchor.is_empty(), hooks) {
                (true, _) => Some(format!("{summary}\n{body}")),
                (false, Some(_)) => Some(body.clone()),
                (false, None) => None,
            };
            let body = hooked(body, hooks);
            docs.push(Doc {
                href: if anchor.is_empty() {
                    page.clone()
                } else {
                    format!("{page}#{anchor}")
                },
                kind: "rule",
                page_title: page_title.clone(),
                title: title.clone(),
                heading: heading.to_string(),
                summary,
                body,
                code: Vec::new(),
                excerpt,
                prior: if repealed { REPEALED } else { 1.0 },
            });
        }
    };
    let lines = |v: &[String]| v.iter().map(|s| md_text(s)).collect::<Vec<_>>().join("\n");
    push(
        "",
        "",
        md_text(&r.summary),
        format!(
            "{}{}{}",
            lines(&r.applies_when),
            // (None named: no label left empty in the excerpt.)
            if r.responsible.is_empty() {
                String::new()
            } else {
                format!("\n责任方：{}", r.responsible.join("、"))
            },
            // (A renumbered rule is found by the id people remember.)
            if r.aliases.is_empty() {
                String::new()
            } else {
                format!("\n原编号：{}", r.aliases.join("、"))
            },
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
    if is_plain(md) {
        return md.trim().to_string();
    }
    md_text_parsed(md)
}

/// One line with no Markdown syntax in it (most rule fields): its plain text is itself, and a
/// parser for each of a large book's tens of thousands of fields is not needed to say so.
fn is_plain(md: &str) -> bool {
    let safe = |c: char| {
        !c.is_ascii_punctuation()
            || matches!(
                c,
                ',' | '.' | ';' | ':' | '?' | '(' | ')' | '/' | '%' | '"' | '\'' | '-'
            )
    };
    // (A digit, `-` or `+` first may be a list item.)
    let first = md.trim_start().chars().next();
    !first.is_some_and(|c| c.is_ascii_digit() || c == '-' || c == '+')
        && md.chars().all(|c| c != '\n' && c != '\r' && safe(c))
}

fn md_text_parsed(md: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let mut out = String::new();
    // A wiki link written without a label, `[[rule:TS-INT-002]]`: its text is the target, and
    // an excerpt would show `rule:TS-INT-002`; the id (or term) alone reads as the page does.
    let mut bare: Option<String> = None;
    let mut soft = false;
    // (A line break between two Chinese characters is none: as the page shows it.)
    let put = |out: &mut String, soft: &mut bool, t: &str| {
        if std::mem::take(soft)
            && !out
                .chars()
                .next_back()
                .zip(t.chars().next())
                .is_some_and(|(b, a)| markdown::joins(b, a))
        {
            out.push(' ');
        }
        out.push_str(t);
    };
    for ev in Parser::new_ext(md, markdown::options()) {
        match ev {
            Event::Start(Tag::Link { dest_url, .. }) => bare = Some(dest_url.to_string()),
            Event::End(TagEnd::Link) => bare = None,
            Event::Text(t) if bare.as_deref() == Some(&*t) => {
                let target = t.split('#').next().unwrap_or(&t);
                match target.split_once(':') {
                    Some(("rule" | "term" | "quiz" | "lesson", id)) => {
                        put(&mut out, &mut soft, id.trim())
                    }
                    _ => put(&mut out, &mut soft, &t),
                }
            }
            Event::Text(t) | Event::Code(t) => put(&mut out, &mut soft, &t),
            Event::SoftBreak => soft = true,
            Event::HardBreak => out.push(' '),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::Heading(_)
                | TagEnd::TableCell
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock,
            ) if !out.ends_with('\n') && !out.is_empty() => {
                soft = false;
                out.push('\n')
            }
            _ => {}
        }
    }
    out.trim().to_string()
}

pub struct Section {
    pub id: Option<String>,
    pub heading: String,
    pub text: String,
    /// Its heading is in a part of the page for trainers only (`::: 培训师`, a
    /// `<div class="readers-part" data-readers="trainer">`) and its text ends with that part:
    /// found as a trainers' page is.
    pub trainers: bool,
    /// A part for trainers only in a section that is everyone's (no heading in the part before
    /// its text): that part's text, out of the section's, with the section's id and heading,
    /// found as a trainers' page is (`trainers` is set too). After the section in the list.
    pub part: bool,
    /// Such a part's own id (its `<div id>`, `break-deadlock-培训师`), which its result leads
    /// to rather than the section's heading.
    pub part_id: Option<String>,
    /// The byte spans of `text` that are code blocks (`<pre>`), in order.
    pub code: Vec<(u32, u32)>,
    /// Its heading's level (2 or 3; 0 for the page's text before its first heading).
    pub level: u8,
}

/// Splits rendered HTML at `<h2 id>` / `<h3 id>` headings into plain-text sections.
pub fn html_sections(html: &str) -> Vec<Section> {
    let mut out = vec![Section {
        id: None,
        heading: String::new(),
        text: String::new(),
        trainers: false,
        part: false,
        part_id: None,
        code: Vec::new(),
        level: 0,
    }];
    // The `<div>`s open, and how many were open at a part for trainers only, if one is; and
    // whether the last section began in such a part that has ended (text after it makes the
    // section everyone's).
    let (mut divs, mut trainers_part) = (0usize, None::<usize>);
    let mut part_ended = false;
    // The section the text goes to (the last one, or the one a part's text went out of while
    // the part is read: `at` is then the part's, `back` that section's).
    let (mut at, mut back) = (0usize, None::<usize>);
    let mut in_heading = false;
    // Inside <script>/<style>, or `until`.
    let mut skip = 0usize;
    // An element whose text is not indexed, by the name of the end tag that ends it: a
    // heading's permalink (`<a class="anchor">#</a>`), and a rule quoted in a lesson
    // (```rule``` block), which is found on its own card.
    let mut until: Option<&str> = None;
    // The tables being read (one in another too): whether each has a header row, known at its
    // first cell (a `<th>`); only such a table's cells and rows are marked.
    let mut tables: Vec<Option<bool>> = Vec::new();
    let mut rest = html;
    while !rest.is_empty() {
        match rest.find('<') {
            Some(0) => {
                let end = rest.find('>').map_or(rest.len(), |e| e + 1);
                let tag = &rest[..end];
                rest = &rest[end..];
                // The tag's name, lower-cased into a small buffer (no name we look for is
                // longer; a longer one is none of them).
                let mut buf = [0u8; 16];
                let raw = tag[1..].trim_start_matches('/').as_bytes();
                let len = raw.iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                if len <= buf.len() {
                    for (d, b) in buf.iter_mut().zip(&raw[..len]) {
                        *d = b.to_ascii_lowercase();
                    }
                }
                let name = std::str::from_utf8(&buf[..len.min(buf.len())]).unwrap_or("");
                let name = if len <= buf.len() { name } else { "" };
                let closing = tag.starts_with("</");
                if name == "script" || name == "style" {
                    if closing {
                        skip = skip.saturating_sub(1);
                    } else {
                        skip += 1;
                    }
                    continue;
                }
                let skipped = match name {
                    "a" if tag.contains("class=\"anchor\"") => Some("a"),
                    "aside" if tag.contains("class=\"rule-embed") => Some("aside"),
                    _ => None,
                };
                if !closing && until.is_none() && skipped.is_some() {
                    skip += 1;
                    until = skipped;
                    continue;
                }
                if closing && until == Some(name) {
                    skip = skip.saturating_sub(1);
                    until = None;
                    continue;
                }
                if name == "div" {
                    if closing {
                        if trainers_part == Some(divs) {
                            trainers_part = None;
                            match back.take() {
                                // The section's text goes on after its part.
                                Some(b) => at = b,
                                None => part_ended = out[at].trainers,
                            }
                        }
                        divs = divs.saturating_sub(1);
                    } else {
                        divs += 1;
                        if trainers_part.is_none()
                            && tag.contains("class=\"readers-part\"")
                            && tag.contains("data-readers=\"trainer\"")
                        {
                            trainers_part = Some(divs);
                            // In a section that is everyone's: the part's text is a document
                            // of its own, at the part's anchor (at the section's, in HTML
                            // whose part has no id). (In a section that is the trainers'
                            // already, it is part of it.)
                            if !out[at].trainers {
                                let s = &out[at];
                                let part = Section {
                                    id: s.id.clone(),
                                    heading: s.heading.clone(),
                                    text: String::new(),
                                    trainers: true,
                                    part: true,
                                    part_id: attr(tag, "id"),
                                    code: Vec::new(),
                                    level: s.level,
                                };
                                out.push(part);
                                (back, at) = (Some(at), out.len() - 1);
                            }
                        }
                    }
                }
                if (name == "h2" || name == "h3") && !closing {
                    if let Some(id) = attr(tag, "id") {
                        out.push(Section {
                            id: Some(id),
                            heading: String::new(),
                            text: String::new(),
                            trainers: trainers_part.is_some(),
                            part: false,
                            part_id: None,
                            code: Vec::new(),
                            level: if name == "h2" { 2 } else { 3 },
                        });
                        // (A heading in a part: the section is the part's from here on, as a
                        // page's for trainers is; the part's text before it stays its own.)
                        (at, back) = (out.len() - 1, None);
                        part_ended = false;
                        in_heading = true;
                        continue;
                    }
                }
                if (name == "h2" || name == "h3") && closing && in_heading {
                    in_heading = false;
                    continue;
                }
                let block = matches!(
                    name,
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
                        // (A flowchart's boxes and link texts, each a text of its own.)
                        | "text"
                );
                // A table's edges, rows and cells (not in an element whose text is skipped):
                // the block elements whose names begin with t.
                let mut mark = None;
                if block && skip == 0 && name.as_bytes()[0] == b't' {
                    match name {
                        "table" => {
                            if closing {
                                tables.pop();
                            } else {
                                tables.push(None);
                            }
                            mark = Some(TABLE_MARK);
                        }
                        "tr" | "td" | "th" => {
                            if let Some(header) = tables.last_mut() {
                                if header.is_none() && name != "tr" {
                                    *header = Some(name == "th");
                                }
                                if *header == Some(true) {
                                    mark = Some(if name == "tr" { ROW_MARK } else { CELL_MARK });
                                }
                            }
                        }
                        _ => {}
                    }
                }
                // A dialogue line's words after its speaker: `坐席：这个说不好` in an excerpt, not
                // `坐席这个说不好` (nor a pair 席这 across the two).
                let said =
                    name == "span" && !closing && skip == 0 && tag.contains("class=\"said\"");
                let cur = &mut out[at];
                let t = if in_heading {
                    &mut cur.heading
                } else {
                    &mut cur.text
                };
                if said {
                    t.push('：');
                } else if let Some(m) = mark {
                    t.push(m);
                } else if block && !t.ends_with(['\n', ' ']) && !t.is_empty() {
                    t.push('\n');
                }
                if name == "pre" && skip == 0 && !in_heading {
                    t.push(if closing { CODE_END } else { CODE_START });
                    // (Found again when the text is collapsed.)
                    if cur.code.is_empty() {
                        cur.code.push((0, 0));
                    }
                }
            }
            found => {
                let end = found.unwrap_or(rest.len());
                if skip == 0 {
                    let cur = &mut out[at];
                    if part_ended && !rest[..end].trim().is_empty() {
                        (cur.trainers, part_ended) = (false, false);
                    }
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
        if s.code.is_empty() {
            s.text = collapse(&s.text);
        } else {
            (s.text, s.code) = collapse_code(&s.text);
        }
    }
    // (A part that began with its heading has no text of its own.)
    out.retain(|s| !s.part || !s.text.is_empty());
    out
}

/// The value of attribute `name` in start tag `tag`, its character references decoded.
pub(crate) fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    let mut v = String::new();
    decode_entities(&tag[i..j], &mut v);
    Some(v)
}

/// Decodes the HTML character references of `s` onto `out`.
pub(crate) fn decode_entities(s: &str, out: &mut String) {
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

/// Collapses runs of whitespace to one space (a newline between blocks becomes a space), or to
/// the strongest table mark in the run ([`TABLE`], then [`ROW`], then [`CELL`]); trims both
/// ends.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut end = 0;
    // (Split as `split_whitespace` does, the marks too; only the short runs between words are
    // looked at again: this runs over every section's text of a large book.)
    let gap = |c: char| {
        if c < '\u{80}' {
            c <= ' '
                && (c == ' ' || ('\t'..='\r').contains(&c) || (CELL_MARK..=TABLE_MARK).contains(&c))
        } else {
            c.is_whitespace()
        }
    };
    for w in s.split(gap).filter(|w| !w.is_empty()) {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        if !out.is_empty() {
            let run = &s.as_bytes()[end..start];
            let mark = run.iter().fold(0, |m, &b| match b {
                b'\x1C'..=b'\x1E' => m.max(b - 0x1B),
                _ => m,
            });
            out.push([' ', CELL, ROW, TABLE][usize::from(mark)]);
        }
        out.push_str(w);
        end = start + w.len();
    }
    out
}

/// [`collapse`] for a text with code blocks: also takes out their [`CODE_START`] and
/// [`CODE_END`] marks, and returns the byte spans of the collapsed text between them (from
/// the first word to the last: a block's edges are whitespace, so the text tokenised in
/// pieces at them has the same tokens and positions as whole).
fn collapse_code(s: &str) -> (String, Vec<(u32, u32)>) {
    let gap = |c: char| c.is_whitespace() || ('\x1A'..=TABLE_MARK).contains(&c);
    let mut out = String::with_capacity(s.len());
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut end = 0;
    let mut marks = |run: &str, before: usize, after: usize, spans: &mut Vec<(u32, u32)>| {
        for c in run.chars() {
            if c == CODE_START && open.is_none() {
                open = Some(after);
            } else if c == CODE_END {
                if let Some(a) = open.take().filter(|&a| before > a) {
                    spans.push((a as u32, before as u32));
                }
            }
        }
    };
    for w in s.split(gap).filter(|w| !w.is_empty()) {
        let start = w.as_ptr() as usize - s.as_ptr() as usize;
        let run = &s[end..start];
        let before = out.len();
        if !out.is_empty() {
            let mark = run.bytes().fold(0, |m, b| match b {
                b'\x1C'..=b'\x1E' => m.max(b - 0x1B),
                _ => m,
            });
            out.push([' ', CELL, ROW, TABLE][usize::from(mark)]);
        }
        marks(run, before, out.len(), &mut spans);
        out.push_str(w);
        end = start + w.len();
    }
    let len = out.len();
    marks(&s[end..], len, len, &mut spans);
    if let Some(a) = open.filter(|&a| len > a) {
        spans.push((a as u32, len as u32));
    }
    (out, spans)
}

/// The 93 symbols of the posting encoding: printable ASCII but `"` and `\`, so a postings
/// string goes into a JSON string as it is; symbol `i` is the `i`-th of them in ASCII order.
const DIGITS: &[u8; 93] = b" !#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}~";
/// Terminal symbols (the rest, 93 − T, carry "more follows") of a posting's document step, and
/// of its positions (most are first positions, spread over a section: 85 keeps nine in ten in
/// one symbol on the benchmark corpus, 64 suits the document steps).
pub const STEP_T: u32 = 64;
pub const POS_T: u32 = 85;
/// The most positions a posting can hold: symbols 64–92 after a document step are counts 2–30.
const MAX_COUNT: usize = 30;
const _: () = assert!(MAX_POSITIONS <= MAX_COUNT);

/// An impact (BM25 × 10) as its level: the nearest power of [`IMPACT_BASE`], 0..=63.
pub fn impact_level(impact: f32) -> u32 {
    // Level l covers [BASE^(l - 1/2), BASE^(l + 1/2)): count the upper bounds passed (a few
    // comparisons instead of a logarithm for each of millions of postings).
    static BOUNDS: std::sync::OnceLock<[f32; 63]> = std::sync::OnceLock::new();
    let bounds = BOUNDS.get_or_init(|| {
        std::array::from_fn(|l| (f64::from(IMPACT_BASE)).powf(l as f64 + 0.5) as f32)
    });
    bounds.partition_point(|&b| b <= impact) as u32
}

/// A variable-length integer with `t` terminal symbols: little-endian digits in base
/// `93 − t`, each but the last written as `t + digit`, the last (< `t`) as itself; so
/// `v = s0 + (93 − t) × (s1 + (93 − t) × (…))` and a value below `t` is one symbol.
pub fn varint(mut v: u32, t: u32, out: &mut String) {
    let c = 93 - t;
    while v >= t {
        let r = (v - t) % c;
        out.push(DIGITS[(t + r) as usize] as char);
        v = (v - t) / c;
    }
    out.push(DIGITS[v as usize] as char);
}

/// A token packed in 64 bits: CJK tokens (one or two characters, the bulk) as their code
/// points; words (rare) as an id in a shared table, with the top bit set.
type Key = u64;
const WORD: u64 = 1 << 63;
/// Marks an occurrence as the `end` token of a CJK run (with the field number).
const END: u8 = 0x80;
const NO_CHAR: u64 = 0x3F_FFFF;

/// Words seen in the build, by id (the top bit of their key).
type WordTable = (FxHashMap<Box<str>, u32>, Vec<Box<str>>);

#[derive(Default)]
struct Words {
    ids: std::sync::Mutex<WordTable>,
}

impl Words {
    fn key(&self, t: &str) -> Key {
        let mut it = t.chars();
        if let (Some(a), b, None) = (it.next(), it.next(), it.next()) {
            if super::text::is_cjk(a) && b.is_none_or(super::text::is_cjk) {
                return ((a as u64) << 32) | b.map_or(NO_CHAR, |b| b as u64);
            }
        }
        // (A word's key carries its first character above its id until the ids are sorted,
        // so that tokenising can file it by that character.)
        let first = t.chars().next().map_or(0, |c| c as u64) << 32;
        let mut g = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(&id) = g.0.get(t) {
            return WORD | first | id as u64;
        }
        let id = g.1.len() as u32;
        g.1.push(t.into());
        g.0.insert(t.into(), id);
        WORD | first | id as u64
    }
    /// Renumbers the words in alphabetical order; returns each old id's new id.
    fn sort(&self) -> Vec<u32> {
        let mut g = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        let mut order: Vec<u32> = (0..g.1.len() as u32).collect();
        order.sort_unstable_by(|&a, &b| g.1[a as usize].cmp(&g.1[b as usize]));
        let mut rank = vec![0u32; order.len()];
        for (new, &old) in order.iter().enumerate() {
            rank[old as usize] = new as u32;
        }
        let sorted: Vec<Box<str>> = order.iter().map(|&o| g.1[o as usize].clone()).collect();
        g.0 = sorted
            .iter()
            .enumerate()
            .map(|(i, w)| (w.clone(), i as u32))
            .collect();
        g.1 = sorted;
        rank
    }
    /// Each word's second code point (0 when it has one character), by id. (Its first is in
    /// its key while postings are filed: see [`first_char`].)
    fn seconds(&self) -> Vec<u32> {
        let g = self.ids.lock().unwrap_or_else(|e| e.into_inner());
        g.1.iter()
            .map(|w| w.chars().nth(1).map_or(0, |c| c as u32))
            .collect()
    }
    fn text(&self, k: Key) -> String {
        if k & WORD == 0 {
            let mut s = String::new();
            s.extend(char::from_u32((k >> 32) as u32));
            let b = k & 0xFFFF_FFFF;
            if b != NO_CHAR {
                s.extend(char::from_u32(b as u32));
            }
            s
        } else {
            let g = self.ids.lock().unwrap_or_else(|e| e.into_inner());
            g.1[(k & 0xFFFF_FFFF) as usize].to_string()
        }
    }
}

/// Bytes of the index per first character: a table for the Basic Multilingual Plane (where
/// nearly every token starts), a map beyond it.
struct CharSizes {
    bmp: Vec<usize>,
    rest: FxHashMap<u32, usize>,
}

impl Default for CharSizes {
    fn default() -> Self {
        CharSizes {
            bmp: vec![0; 0x10000],
            rest: FxHashMap::default(),
        }
    }
}

impl CharSizes {
    fn add(&mut self, c: u32, n: usize) {
        match self.bmp.get_mut(c as usize) {
            Some(x) => *x += n,
            None => *self.rest.entry(c).or_default() += n,
        }
    }
    fn merge(mut self, other: Self) -> Self {
        for (x, y) in self.bmp.iter_mut().zip(&other.bmp) {
            *x += y;
        }
        for (c, n) in other.rest {
            *self.rest.entry(c).or_default() += n;
        }
        self
    }
    /// The characters with a size, and their sizes.
    fn iter(&self) -> impl Iterator<Item = (u32, usize)> + '_ {
        (0u32..)
            .zip(self.bmp.iter().copied())
            .filter(|&(_, n)| n > 0)
            .chain(self.rest.iter().map(|(&c, &n)| (c, n)))
    }
}

/// One term in one document: key, weighted length-normalised frequency, and its positions
/// (`start..start + len` in the document's position list).
#[derive(Clone, Copy)]
struct Group {
    key: Key,
    weight: f32,
    start: u32,
    len: u32,
}

/// One posting on its way to a shard. Its positions: with one position (nine postings in ten),
/// `start` is that position; with more, they are `start..start + len` in its bucket's list.
#[derive(Clone, Copy)]
struct Entry {
    key: Key,
    doc: u32,
    weight: f32,
    start: u32,
    len: u32,
}

impl Entry {
    fn positions<'a>(&'a self, list: &'a [u32]) -> &'a [u32] {
        if self.len == 1 {
            std::slice::from_ref(&self.start)
        } else {
            &list[self.start as usize..(self.start + self.len) as usize]
        }
    }
}

/// Postings are filed while tokenising by their first character, in this many parts (the
/// most shards there can be: a shard is the union of the parts congruent to it).
const PARTS: usize = 4096;

/// One tokenising thread's postings, filed by first character (see [`PARTS`]), and the sizes
/// that decide the shards.
struct Filed {
    scratch: TermScratch,
    parts: Vec<Part>,
    sizes: CharSizes,
    /// Postings × 4 + positions × 2, the measure the number of shards comes from.
    weight: usize,
}

impl Filed {
    fn new() -> Self {
        Filed {
            scratch: TermScratch::default(),
            parts: (0..PARTS).map(|_| Part::default()).collect(),
            sizes: CharSizes::default(),
            weight: 0,
        }
    }

    /// Files the document's terms (left in the scratch by [`doc_terms`]).
    fn file(&mut self, doc: u32) {
        let TermScratch {
            groups, positions, ..
        } = &self.scratch;
        for g in groups {
            let first = first_char(g.key);
            let part = &mut self.parts[first as usize % PARTS];
            let start = if g.len == 1 {
                positions[g.start as usize]
            } else {
                let at = part.positions.len() as u32;
                part.positions
                    .extend_from_slice(&positions[g.start as usize..(g.start + g.len) as usize]);
                at
            };
            part.push(Entry {
                key: g.key,
                doc,
                weight: g.weight,
                start,
                len: g.len,
            });
            self.sizes.add(first, 12 + g.len as usize * 2);
            self.weight += 4 + g.len as usize * 2;
        }
    }
}

/// One part of a thread's postings (see [`PARTS`]). Its entries grow in chunks, each twice the
/// last up to a limit, so that nothing is copied as it grows (a vector doubling would copy
/// every posting once more).
#[derive(Default)]
struct Part {
    chunks: Vec<Vec<Entry>>,
    positions: Vec<u32>,
    len: usize,
}

impl Part {
    fn push(&mut self, e: Entry) {
        match self.chunks.last_mut() {
            Some(c) if c.len() < c.capacity() => c.push(e),
            last => {
                let cap = last.map_or(32, |c| (c.capacity() * 2).min(8192));
                let mut c = Vec::with_capacity(cap);
                c.push(e);
                self.chunks.push(c);
            }
        }
        self.len += 1;
    }
}

/// A token's first character: a bigram's first, or a word's (kept in its key while filing).
fn first_char(k: Key) -> u32 {
    if k & WORD == 0 {
        (k >> 32) as u32
    } else {
        ((k >> 32) & 0x1F_FFFF) as u32
    }
}

/// Buffers one thread reuses from document to document while tokenising.
#[derive(Default)]
struct TermScratch {
    /// A field's normalised characters.
    norm: Vec<char>,
    /// A field's pieces tokenised apart, `(start, end, field)`: the body's code blocks.
    pieces: Vec<(usize, usize, usize)>,
    word: String,
    /// Word tokens' keys, looked up here before the shared table (and its lock).
    word_keys: FxHashMap<Box<str>, Key>,
    /// Every token of the document as `key << 64 | position << 8 | field (| END)`: one integer
    /// sort groups the terms with their positions in order.
    all: Vec<u128>,
    groups: Vec<Group>,
    positions: Vec<u32>,
    /// The last title tokenised, its tokens (as in `all`) and length: every section of a page
    /// carries the page's title, and a thread mostly meets a page's sections one after another.
    title: (String, Vec<u128>, u32),
}

/// Tokenises one document: its terms (with weights) and their positions, left in
/// `sc.groups` and `sc.positions`.
fn doc_terms(d: &Doc, avg: &[f32; 4], words: &Words, sc: &mut TermScratch) {
    let fields = [&d.title, &d.heading, &d.summary, &d.body];
    let TermScratch {
        norm,
        pieces,
        word,
        word_keys,
        all,
        groups,
        positions,
        title,
    } = sc;
    all.clear();
    groups.clear();
    positions.clear();
    let mut norm_f = [1f32; 5];
    let mut base = 0u32;
    for (f, text) in fields.iter().enumerate() {
        if text.is_empty() {
            continue;
        }
        let len = if f == 0 && title.0 == **text {
            all.extend_from_slice(&title.1);
            title.2
        } else {
            // The body's code blocks as a field of their own (`CODE`), in pieces at their
            // edges, which are whitespace: the same tokens and positions as the whole.
            pieces.clear();
            if f != 3 || d.code.is_empty() {
                pieces.push((0, text.len(), f));
            } else {
                let mut from = 0;
                for &(a, b) in &d.code {
                    let (a, b) = (a as usize, b as usize);
                    if a < from
                        || b < a
                        || b > text.len()
                        || !text.is_char_boundary(a)
                        || !text.is_char_boundary(b)
                    {
                        continue;
                    }
                    pieces.push((from, a, f));
                    pieces.push((a, b, CODE));
                    from = b;
                }
                pieces.push((from, text.len(), f));
            }
            let mut len = 0;
            for &(a, b, field) in pieces.iter() {
                norm.clear();
                for c in text[a..b].chars() {
                    normalise_char_with(c, |n| norm.push(n));
                }
                let at = base + len;
                len += tokenise_chars(norm, word, |t, pos, flag| {
                    let end = if flag == super::text::Flag::End {
                        END
                    } else {
                        0
                    };
                    let key = match t {
                        Tok::Cjk(a, b) => ((a as u64) << 32) | b.map_or(NO_CHAR, |b| b as u64),
                        Tok::Word(w) => match word_keys.get(w) {
                            Some(&k) => k,
                            None => {
                                let k = words.key(w);
                                word_keys.insert(w.into(), k);
                                k
                            }
                        },
                    };
                    all.push(
                        (u128::from(key) << 64)
                            | (u128::from(at + pos) << 8)
                            | u128::from(field as u8 | end),
                    )
                });
            }
            if f == 0 {
                title.0.clear();
                title.0.push_str(text);
                title.1.clear();
                title.1.extend_from_slice(all);
                title.2 = len;
            }
            len
        };
        norm_f[f] = 1.0 - B[f] + B[f] * (len.max(1) as f32) / avg[f].max(1.0);
        base += len + FIELD_GAP;
    }
    norm_f[CODE] = norm_f[3];
    all.sort_unstable();
    let key = |x: u128| (x >> 64) as Key;
    let pos = |x: u128| (x >> 8) as u32;
    let flags = |x: u128| x as u8;
    let mut i = 0;
    while i < all.len() {
        let mut j = i;
        let mut tf = [0f32; 5];
        let start = positions.len() as u32;
        let mut only_ends = true;
        while j < all.len() && key(all[j]) == key(all[i]) {
            only_ends &= flags(all[j]) & END != 0;
            tf[(flags(all[j]) & !END) as usize] += 1.0;
            // (Repeats of one position within this term only: the previous term's last
            // position may well be the same, e.g. a word and its parts.)
            let kept = positions.len() as u32 - start;
            if kept < MAX_POSITIONS as u32 && (kept == 0 || positions.last() != Some(&pos(all[j])))
            {
                positions.push(pos(all[j]));
            }
            j += 1;
        }
        // A character seen only at the end of CJK runs is indexed so that a one-character
        // query finds the document; when some bigram of the document begins with it (those
        // sort just before it), the document is found through that bigram already.
        let k = key(all[i]);
        if only_ends
            && k & WORD == 0
            && k & 0xFFFF_FFFF == NO_CHAR
            && groups
                .last()
                .is_some_and(|g: &Group| g.key >> 32 == k >> 32)
        {
            positions.truncate(start as usize);
            i = j;
            continue;
        }
        // BM25 saturates each field on its own; field weights apply after, so a title match
        // counts several times a body match however often the body repeats the term.
        let w: f32 = d.prior
            * (0..5)
                .filter(|&f| tf[f] > 0.0)
                .map(|f| WEIGHTS[f] * tf[f] * (K1 + 1.0) / (tf[f] + K1 * norm_f[f]))
                .sum::<f32>();
        groups.push(Group {
            key: k,
            weight: w,
            start,
            len: positions.len() as u32 - start,
        });
        i = j;
    }
}

/// What the index is built from, owned: collected while the book is at hand, encoded later
/// (the preview server publishes the pages first and writes the index just after).
pub struct Prepared {
    docs: Vec<Doc>,
    synonyms: Vec<Vec<String>>,
    /// The rules' ids: a query that finds nothing and is an id typed with a slip
    /// (TS-PORC-002) is offered the nearest.
    ids: Vec<String>,
    /// `[search] enabled`: when false there is nothing to index and no file is written.
    enabled: bool,
    /// The process ends after this build: the documents are not freed after encoding.
    exit_after: bool,
}

/// Collects the documents and the glossary's synonym groups.
pub fn prepare(book: &Book, rendered: &[Rendered]) -> Prepared {
    if !book.config.search.enabled {
        return Prepared {
            docs: Vec::new(),
            synonyms: Vec::new(),
            ids: Vec::new(),
            enabled: false,
            exit_after: false,
        };
    }
    let synonyms: Vec<Vec<String>> = book
        .glossary
        .iter()
        .map(|t| {
            let mut g: Vec<String> = t
                .value
                .search_words()
                .map(|s| normalise(s.trim()))
                .filter(|s| !s.is_empty())
                .collect();
            g.dedup();
            g
        })
        .filter(|g| g.len() >= 2)
        .collect();
    Prepared {
        docs: collect(book, rendered),
        synonyms,
        ids: book.rules.iter().map(|r| r.value.id.clone()).collect(),
        enabled: true,
        exit_after: false,
    }
}

impl Prepared {
    pub fn docs(&self) -> usize {
        self.docs.len()
    }
    /// Whether there is an index to encode (`[search] enabled`).
    pub fn enabled(&self) -> bool {
        self.enabled
    }
    /// Marks the documents as not to be freed after encoding: the process ends with the
    /// build ([`crate::BuildOptions::exit_after`]).
    pub fn exit_after(self, exit_after: bool) -> Self {
        Prepared { exit_after, ..self }
    }
}

/// Builds the index files (`search/meta.js`, shards, doc chunks).
pub fn build(book: &Book, rendered: &[Rendered]) -> SearchIndex {
    encode(prepare(book, rendered))
}

/// Encodes prepared documents into the index files.
pub fn encode(prepared: Prepared) -> SearchIndex {
    let Prepared {
        docs,
        synonyms,
        ids,
        enabled,
        exit_after,
    } = prepared;
    if !enabled {
        return SearchIndex {
            files: Vec::new(),
            docs: 0,
            terms: 0,
        };
    }
    let laps = crate::Laps::start();
    let n = docs.len();
    // Where each run of documents of one kind begins, `[first document, kind]` in document
    // order (pages, then rules, quizzes, terms): the client counts a query's matches by kind and
    // lists a kind's best without loading their rows (a filter reaches past the best 30).
    let mut spans: Vec<(usize, &str)> = Vec::new();
    for (i, d) in docs.iter().enumerate() {
        if spans.last().is_none_or(|&(_, k)| k != d.kind) {
            spans.push((i, d.kind));
        }
    }
    // Average length per field and kind of document (over the documents that have the
    // field), for BM25: a glossary definition is short and a quiz long by nature, so each is
    // normalised against its own kind rather than rewarded or punished for its form.
    // (Characters counted on both threads, summed in document order.)
    let counts: Vec<[usize; 4]> = docs
        .par_iter()
        .map(|d| [&d.title, &d.heading, &d.summary, &d.body].map(|t| t.chars().count()))
        .collect();
    let mut lengths: HashMap<&str, ([f32; 4], [f32; 4])> = HashMap::new();
    for (d, count) in docs.iter().zip(&counts) {
        let (sum, cnt) = lengths.entry(length_kind(d.kind)).or_default();
        for (f, &chars) in count.iter().enumerate() {
            if chars > 0 {
                sum[f] += chars as f32;
                cnt[f] += 1.0;
            }
        }
    }
    let avg: HashMap<&str, [f32; 4]> = lengths
        .into_iter()
        .map(|(k, (sum, cnt))| (k, std::array::from_fn(|f| sum[f] / cnt[f].max(1.0))))
        .collect();
    let words = Words::default();
    // Each thread tokenises documents and files their postings by first character straight
    // away (one slot per thread of the pool, and one for a caller outside it).
    let threads = rayon::current_num_threads();
    let slots: Vec<std::sync::Mutex<Option<Filed>>> =
        (0..=threads).map(|_| std::sync::Mutex::new(None)).collect();
    docs.par_iter().enumerate().for_each(|(doc, d)| {
        let t = rayon::current_thread_index().map_or(threads, |i| i.min(threads));
        let mut slot = slots[t].lock().unwrap_or_else(|e| e.into_inner());
        let filed = slot.get_or_insert_with(Filed::new);
        doc_terms(d, &avg[length_kind(d.kind)], &words, &mut filed.scratch);
        filed.file(doc as u32);
    });
    let filed: Vec<Filed> = slots
        .into_iter()
        .filter_map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .collect();
    // Word ids were handed out in whatever order the threads met the words: renumber them
    // alphabetically so that the same book always gives the same files.
    let rank = words.sort();
    // (Looked up once per posting below: without the word table's lock.)
    let seconds = words.seconds();
    let second = |k: Key| {
        if k & WORD == 0 {
            let b = k & 0xFFFF_FFFF;
            if b == NO_CHAR {
                0
            } else {
                b as u32
            }
        } else {
            seconds[(k & 0xFFFF_FFFF) as usize]
        }
    };
    let mut per_char = CharSizes::default();
    let mut postings_total = 0;
    let mut parts: Vec<Vec<Part>> = Vec::with_capacity(filed.len());
    for f in filed {
        per_char = per_char.merge(f.sizes);
        postings_total += f.weight;
        parts.push(f.parts);
    }
    laps.lap("search: tokenised at");
    // The book's characters by use, for 你是不是要找 (search/pinyin.js).
    let sounds = super::pinyin::file(
        per_char
            .iter()
            .filter(|&(c, _)| (0x4E00..=0x9FFF).contains(&c)),
    );

    // Shards by first character; sized from the number of postings.
    let shards = (postings_total / SHARD_TARGET + 1)
        .next_power_of_two()
        .min(PARTS);
    // A very common first character (的, 电 ...) would make its shard large, and every query
    // with that character would load it whole: such "hot" characters get files of their own,
    // split by the token's second character (see docs/search-index.md).
    let mut hot: Vec<(u32, usize)> = per_char
        .iter()
        .filter(|&(_, size)| size > 2 * SHARD_TARGET)
        .map(|(c, size)| (c, (size / SHARD_TARGET + 1).next_power_of_two().min(256)))
        .collect();
    hot.sort_unstable();
    laps.lap("search: hot characters at");
    // Buckets: the regular shards first, then each hot character's parts.
    // (id in the file, file name, the hot character whose part it is)
    let mut names: Vec<(String, String, Option<u32>)> = (0..shards)
        .map(|i| (i.to_string(), format!("s{i}"), None))
        .collect();
    let mut hot_base: FxHashMap<u32, (usize, usize)> = FxHashMap::default();
    for &(c, parts) in &hot {
        hot_base.insert(c, (names.len(), parts));
        for j in 0..parts {
            names.push((format!("\"h{c}-{j}\""), format!("h{c}-{j}"), Some(c)));
        }
    }
    // Shard `s` is made of the parts `p ≡ s (mod shards)` of every thread, and so are the hot
    // parts of the hot characters in them: one unit of work each, its parts freed once
    // encoded.
    let mut units: Vec<Vec<Part>> = (0..shards).map(|_| Vec::new()).collect();
    for thread in parts {
        for (p, part) in thread.into_iter().enumerate() {
            if part.len > 0 {
                units[p % shards].push(part);
            }
        }
    }
    laps.lap("search: bucketed at");
    let nf = n as f32;
    // The largest units first, one at a time: a large one met last would keep one thread
    // busy alone at the end. (The files are put back in order below.)
    let mut units: Vec<(usize, Vec<Part>)> = units.into_iter().enumerate().collect();
    units.sort_by_key(|(_, u)| std::cmp::Reverse(u.iter().map(|p| p.len).sum::<usize>()));
    let mut encoded: Vec<Encoded> = units
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|(s, unit)| {
            // The unit's postings by term, then document, in one table; each bucket (the
            // regular shard, a hot character's parts) is a list of its terms' runs in it.
            let (entries, positions, terms) = unit_by_term(unit, &rank);
            let mut regular: Runs = Vec::new();
            // This unit's hot characters: (character, its first bucket, its parts' terms)
            let mut hot_parts: Vec<(u32, usize, Vec<Runs>)> = hot
                .iter()
                .filter(|&&(c, _)| c as usize % shards == s)
                .map(|&(c, n)| (c, hot_base[&c].0, vec![Vec::new(); n]))
                .collect();
            for t in &terms {
                let b = match hot_parts.iter_mut().find(|h| h.0 == t.first) {
                    None => &mut regular,
                    Some((_, _, parts)) => {
                        let n = parts.len();
                        &mut parts[second(t.key) as usize % n]
                    }
                };
                b.push((t.start, t.end));
            }
            let hot_parts = hot_parts.into_iter().flat_map(|(_, base, parts)| {
                parts
                    .into_iter()
                    .enumerate()
                    .map(move |(j, b)| (base + j, b))
            });
            std::iter::once((s, regular))
                .chain(hot_parts)
                .filter(|(_, b)| !b.is_empty())
                .map(|(shard, b)| {
                    encode_bucket(
                        shard,
                        &names[shard].0,
                        (&entries, &b, &positions),
                        nf,
                        &words,
                        names[shard].2.is_some(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    encoded.sort_unstable_by_key(|e| e.shard);
    laps.lap("search: encoded at");
    let terms = encoded.iter().map(|x| x.terms).sum();

    // The shard, tail and top files (in order, on one thread) beside the document files.
    let (mut files, (chunks, mores, swap)) = rayon::join(
        || {
            let mut files: Vec<OutputFile> = Vec::new();
            // A hot character's best documents over all its parts: a one-character query loads
            // this one small file instead of every part (docs/search-index.md, "top").
            let mut top: FxHashMap<u32, FxHashMap<u32, f32>> = FxHashMap::default();
            for e in encoded {
                let (_, file, hot_char) = &names[e.shard];
                if let Some(c) = hot_char {
                    let m = top.entry(*c).or_default();
                    for (doc, impact) in e.best {
                        let b = m.entry(doc).or_insert(0.0);
                        *b = b.max(impact);
                    }
                }
                let mut body = e.body;
                body.push_str("});\n");
                files.push((format!("search/{file}.js"), body.into_bytes()));
                for (piece, postings) in e.tails {
                    files.push((
                        format!("search/{piece}.js"),
                        format!("window.__handbookSearch(\"tail\",\"{piece}\",\"{postings}\");\n")
                            .into_bytes(),
                    ));
                }
            }
            let mut top: Vec<(u32, FxHashMap<u32, f32>)> = top.into_iter().collect();
            top.sort_unstable_by_key(|t| t.0);
            for (c, docs) in top {
                let mut p = String::new();
                let mut prev = 0;
                for (doc, impact) in top_docs(docs.into_iter().collect()) {
                    // The postings format with one position, 0: a one-character term has no
                    // neighbour to be adjacent to.
                    write_posting(doc, impact_level(impact), &[0], &mut prev, &mut p);
                }
                files.push((
                    format!("search/t{c}.js"),
                    format!("window.__handbookSearch(\"top\",{c},\"{p}\");\n").into_bytes(),
                ));
            }
            files
        },
        || {
            let rows: Vec<(&Doc, (&str, &str))> =
                docs.par_iter().map(|d| (d, shown_text(d))).collect();
            let swap = Swap::new(&rows, |&(d, (text, more))| {
                let anchor = d.href.split_once('#').map_or("", |(_, a)| a);
                [&d.page_title, &d.heading, text, anchor, more]
            });
            let chunks = rows
                .par_chunks(CHUNK)
                .enumerate()
                .map(|(k, chunk)| {
                    let mut out = format!("window.__handbookSearch(\"docs\",{k},[").into_bytes();
                    let mut prev: Option<&Doc> = None;
                    for (i, &(d, (text, more))) in chunk.iter().enumerate() {
                        // A later section of the same page: its anchor only; page, kind and title
                        // are the previous row's. (Not a glossary entry after another: each has
                        // its own title, the term.)
                        let (path, anchor) = d.href.split_once('#').unwrap_or((&d.href, ""));
                        let same = prev.is_some_and(|p| {
                            p.href.split('#').next() == Some(path)
                                && p.kind == d.kind
                                && p.page_title == d.page_title
                        }) && !anchor.is_empty();
                        prev = Some(d);
                        if i > 0 {
                            out.push(b',');
                        }
                        // [href, kind, title, heading, text] or [#anchor, heading, text], with
                        // the characters of all but the path and kind traded; then 1 when the
                        // text goes on in `x{doc}.js`.
                        out.push(b'[');
                        if same {
                            swap.write_json("#", anchor, &mut out);
                        } else {
                            match d.href.split_once('#') {
                                Some((path, anchor)) => {
                                    swap.write_json(&format!("{path}#"), anchor, &mut out)
                                }
                                None => swap.write_json(&d.href, "", &mut out),
                            }
                            out.push(b',');
                            swap.write_json(d.kind, "", &mut out);
                            out.push(b',');
                            swap.write_json("", &d.page_title, &mut out);
                        }
                        out.push(b',');
                        swap.write_json("", &d.heading, &mut out);
                        out.push(b',');
                        swap.write_json("", text, &mut out);
                        if !more.is_empty() {
                            out.extend_from_slice(b",1");
                        }
                        out.push(b']');
                    }
                    out.extend_from_slice(b"]);\n");
                    (format!("search/d{k}.js"), out)
                })
                .collect::<Vec<OutputFile>>();
            // The rest of each long text, a file of its own: loaded for a result only when its
            // match lies beyond what the row holds.
            let mores = rows
                .par_iter()
                .enumerate()
                .filter(|(_, (_, (_, more)))| !more.is_empty())
                .map(|(doc, &(_, (_, more)))| {
                    let mut out = format!("window.__handbookSearch(\"more\",{doc},").into_bytes();
                    swap.write_json("", more, &mut out);
                    out.extend_from_slice(b");\n");
                    (format!("search/x{doc}.js"), out)
                })
                .collect::<Vec<OutputFile>>();
            (chunks, mores, swap)
        },
    );
    let hot_meta: serde_json::Map<String, serde_json::Value> = hot
        .iter()
        .filter_map(|&(c, parts)| Some((char::from_u32(c)?.to_string(), parts.into())))
        .collect();
    files.extend(chunks);
    files.extend(mores);
    files.push(("search/pinyin.js".into(), sounds));
    if exit_after {
        std::mem::forget(docs);
    }
    laps.lap("search: documents at");
    let stamp = stamp(&files);
    // Each file names the build it belongs to, ahead of its call: a page open while a new
    // build is published can be sent one of its files under an old address (a server ignores
    // `?v=`; from disk there is none), and must not decode it with the old meta's trades and
    // document numbers. The stamp hashes the files without this line, so it is known before
    // they are written and the same book still gives the same bytes. (Since index format 4.)
    let mark = format!("window.__handbookBuild=\"{stamp}\";");
    files.par_iter_mut().for_each(|(_, bytes)| {
        bytes.splice(0..0, mark.bytes());
    });
    let meta = serde_json::json!({
        "v": 5,
        "stamp": stamp,
        "impact": IMPACT_BASE,
        "fold": FOLD_PAIRS,
        "alts": ALT_PAIRS,
        "swap": swap.table(),
        "swap1": swap.ascii(),
        "synonyms": synonyms,
        "ids": ids,
        "shards": shards,
        "hot": hot_meta,
        "top": TOP_DOCS,
        "docs": n,
        "chunk": CHUNK,
        "pinyin": 1,
        "kinds": {"rule": "规则", "lesson": "课程", "quiz": "测验", "glossary": "术语", "trainer": "培训"},
        "spans": spans,
    });
    files.push((
        "search/meta.js".into(),
        script_safe(format!("window.__handbookSearch(\"meta\",0,{meta});\n")).into_bytes(),
    ));
    SearchIndex {
        files,
        docs: n,
        terms,
    }
}

/// What identifies this build's index files (all but `meta.js`): a hash of their names and
/// bytes, 12 hex digits, taken before each file gets the line naming its build (this stamp).
/// The client asks for every file with `?v=<stamp>`, so a browser's cache cannot mix two
/// builds, notices a site rebuilt under an open page, and will not use a file of another
/// build sent for this one's address (docs/search-index.md, "Builds and caches").
fn stamp(files: &[OutputFile]) -> String {
    use std::hash::Hasher;
    let each: Vec<u64> = files
        .par_iter()
        .map(|(name, bytes)| {
            let mut h = rustc_hash::FxHasher::default();
            h.write(name.as_bytes());
            h.write(bytes);
            h.finish()
        })
        .collect();
    let mut h = rustc_hash::FxHasher::default();
    for x in each {
        h.write_u64(x);
    }
    format!("{:012x}", h.finish() & 0xFFFF_FFFF_FFFF)
}

/// The text a document's result shows (docs/search-index.md, "Documents"): its excerpt or
/// body, or its summary when that is empty; as what its row holds, the first
/// [`EXCERPT_CHARS`] characters, and the rest (up to [`SHOWN_MAX_CHARS`] in all), which goes
/// into a file of its own.
fn shown_text(d: &Doc) -> (&str, &str) {
    let shown = d.excerpt.as_deref().unwrap_or(&d.body);
    if shown.is_empty() {
        return (&d.summary, "");
    }
    let row = prefix_chars(shown, EXCERPT_CHARS);
    (row, &prefix_chars(shown, SHOWN_MAX_CHARS)[row.len()..])
}

/// The first `n` characters of `s` (counted by the bytes that start one: no decoding).
fn prefix_chars(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut count = 0;
    for (i, &b) in s.as_bytes().iter().enumerate() {
        // Not a continuation byte (10xxxxxx): a character starts here.
        if (b as i8) >= -0x40 {
            if count == n {
                return &s[..i];
            }
            count += 1;
        }
    }
    s
}

/// One shard file's body; for a hot character's part also its best documents (see
/// [`TOP_DOCS`]); the tail pieces of its long lists (see [`LONG_DOCS`]).
struct Encoded {
    shard: usize,
    body: String,
    terms: usize,
    best: Vec<(u32, f32)>,
    /// (piece id `l{shard}-{n}-{p}`, postings)
    tails: Vec<(String, String)>,
}

/// Writes postings (in document order) in the format of docs/search-index.md.
fn write_postings(list: &[(u32, u32, &[u32])], s: &mut String) {
    let mut prev = 0u32;
    for &(doc, level, pos) in list {
        write_posting(doc, level, pos, &mut prev, s);
    }
}

/// One posting: the document step, then one symbol: the impact level (0–63) when the term has
/// one position in the document (9 postings in 10), else 64 + count − 2 followed by the level;
/// then the positions.
fn write_posting(doc: u32, level: u32, pos: &[u32], prev: &mut u32, s: &mut String) {
    // At most MAX_POSITIONS (16) are kept: the count fits the 29 symbols above the levels.
    let pos = &pos[..pos.len().min(MAX_COUNT)];
    varint(doc - *prev, STEP_T, s);
    if pos.len() > 1 {
        s.push(DIGITS[64 + pos.len() - 2] as char);
    }
    s.push(DIGITS[level as usize] as char);
    *prev = doc;
    let mut last = 0;
    for &p in pos {
        varint(p - last, POS_T, s);
        last = p;
    }
}

/// Encodes one bucket's postings as the JSON object body of its shard file. For a part of a
/// hot character (`hot`), also returns the documents where the character's tokens have the
/// highest impacts (at most [`TOP_DOCS`], with each document's best impact).
/// The bucket is its terms' runs `start..end` in `entries` (by term, then document), whose
/// postings of several positions have them in `positions`.
fn encode_bucket(
    shard: usize,
    id: &str,
    (entries, terms, positions): (&[Entry], &[(u32, u32)], &[u32]),
    nf: f32,
    words: &Words,
    hot: bool,
) -> Encoded {
    // A hot part's best impact per document: a table over all documents, kept per thread
    // (a hash map updated for each of millions of postings was a tenth of encoding).
    thread_local! {
        static BEST: std::cell::RefCell<(Vec<f32>, Vec<u32>)> = const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
    }
    let (mut table, mut touched) = BEST.with_borrow_mut(std::mem::take);
    if table.len() < nf as usize {
        table.resize(nf as usize, 0.0);
    }
    let mut s = format!("window.__handbookSearch(\"shard\",{id},");
    let body_start = s.len();
    let mut tails = Vec::new();
    let mut count = 0;
    for &(i, j) in terms {
        let (i, j) = (i as usize, j as usize);
        let k = entries[i].key;
        count += 1;
        let df = (j - i) as f32;
        let idf = (1.0 + (nf - df + 0.5) / (df + 0.5)).ln();
        s.push(if s.len() == body_start { '{' } else { ',' });
        s.push('"');
        // Tokens are CJK characters, letters, digits and - / . _: nothing to escape.
        if k & WORD == 0 {
            s.extend(char::from_u32((k >> 32) as u32));
            if k & 0xFFFF_FFFF != NO_CHAR {
                s.extend(char::from_u32((k & 0xFFFF_FFFF) as u32));
            }
        } else {
            s.push_str(&words.text(k));
        }
        s.push_str("\":");
        let mut level = |e: &Entry| {
            let impact = idf * e.weight * 10.0;
            if hot {
                let b = &mut table[e.doc as usize];
                if *b == 0.0 {
                    touched.push(e.doc);
                }
                *b = b.max(impact);
            }
            impact_level(impact)
        };
        if j - i <= LONG_DOCS {
            // (Nearly every list: written as it is read, in document order.)
            s.push('"');
            let mut prev = 0;
            for e in &entries[i..j] {
                write_posting(e.doc, level(e), e.positions(positions), &mut prev, &mut s);
            }
            s.push('"');
        } else {
            let list: Vec<(u32, u32, &[u32])> = entries[i..j]
                .iter()
                .map(|e| (e.doc, level(e), e.positions(positions)))
                .collect();
            // A long list: its best postings (the head) stay here, the rest (the tail) go to
            // pieces by document range, loaded only when a query needs them.
            // The head: the HEAD_DOCS best by (level, then lower document), found by
            // selecting the last of them; both halves keep their document order.
            let best = |p: &(u32, u32, &[u32])| (std::cmp::Reverse(p.1), p.0);
            let mut order: Vec<(std::cmp::Reverse<u32>, u32)> = list.iter().map(best).collect();
            let cut = *order.select_nth_unstable(HEAD_DOCS - 1).1;
            let (list, tail): (Vec<_>, Vec<_>) = list.into_iter().partition(|p| best(p) <= cut);
            let floor = tail.iter().map(|p| p.1).max().unwrap_or(0);
            let id = format!("l{shard}-{}", tails.len());
            let mut head = String::new();
            write_postings(&list, &mut head);
            let mut starts = Vec::new();
            let mut piece = String::new();
            let mut prev = 0;
            for (t, &(doc, level, pos)) in tail.iter().enumerate() {
                if piece.is_empty() {
                    starts.push(doc);
                    prev = 0;
                }
                write_posting(doc, level, pos, &mut prev, &mut piece);
                if piece.len() >= PIECE_BYTES || t + 1 == tail.len() {
                    tails.push((
                        format!("{id}-{}", starts.len() - 1),
                        std::mem::take(&mut piece),
                    ));
                }
            }
            s.push_str(&serde_json::json!([head, j - i, floor, id, starts]).to_string());
        }
    }
    Encoded {
        shard,
        body: s,
        terms: count,
        best: {
            let best: Vec<(u32, f32)> = touched
                .drain(..)
                .map(|d| (d, std::mem::take(&mut table[d as usize])))
                .collect();
            BEST.with_borrow_mut(|b| *b = (table, touched));
            top_docs(best)
        },
        tails,
    }
}

/// A bucket of a unit: its terms' postings, as runs `start..end` in the unit's table.
type Runs = Vec<(u32, u32)>;

/// One term of a unit: its key (words renumbered), first character, and its postings'
/// `start..end` in the unit's table.
struct Term {
    key: Key,
    first: u32,
    start: u32,
    end: u32,
}

/// A unit's postings (its parts, as filed by the tokenising threads) ordered by term, then
/// document, in one table (the word ids renumbered by `rank`), with the positions of those
/// that have several; and its terms in order. Grouped by term through a table (a unit holds a
/// few thousand terms, each in many documents), so only the terms are sorted; each term's
/// postings arrive in runs of ascending documents (the order the tokenising threads met them),
/// which a run-merging sort puts in order in linear time. Each posting is copied once.
fn unit_by_term(unit: Vec<Part>, rank: &[u32]) -> (Vec<Entry>, Vec<u32>, Vec<Term>) {
    let total: usize = unit.iter().map(|p| p.len).sum();
    let mut group: FxHashMap<Key, u32> = FxHashMap::default();
    // (key as filed, count)
    let mut found: Vec<(Key, u32)> = Vec::new();
    let mut ids: Vec<u32> = Vec::with_capacity(total);
    for e in unit.iter().flat_map(|p| p.chunks.iter().flatten()) {
        let g = *group.entry(e.key).or_insert_with(|| {
            found.push((e.key, 0));
            found.len() as u32 - 1
        });
        found[g as usize].1 += 1;
        ids.push(g);
    }
    drop(group);
    let keys: Vec<Key> = found
        .iter()
        .map(|&(k, _)| {
            if k & WORD == 0 {
                k
            } else {
                WORD | u64::from(rank[(k & 0xFFFF_FFFF) as usize])
            }
        })
        .collect();
    let mut order: Vec<u32> = (0..keys.len() as u32).collect();
    order.sort_unstable_by_key(|&g| keys[g as usize]);
    let mut next = vec![0u32; keys.len()];
    let mut terms = Vec::with_capacity(keys.len());
    let mut at = 0;
    for &g in &order {
        next[g as usize] = at;
        let (k, n) = found[g as usize];
        terms.push(Term {
            key: keys[g as usize],
            first: first_char(k),
            start: at,
            end: at + n,
        });
        at += n;
    }
    let blank = Entry {
        key: 0,
        doc: 0,
        weight: 0.0,
        start: 0,
        len: 0,
    };
    let mut out: Vec<Entry> = vec![blank; total];
    let mut positions: Vec<u32> = Vec::new();
    let mut ids = ids.into_iter();
    for part in &unit {
        for e in part.chunks.iter().flatten() {
            let g = ids.next().expect("one id per posting") as usize;
            let start = if e.len == 1 {
                e.start
            } else {
                let at = positions.len() as u32;
                positions.extend_from_slice(e.positions(&part.positions));
                at
            };
            let slot = &mut next[g];
            out[*slot as usize] = Entry {
                key: keys[g],
                start,
                ..*e
            };
            *slot += 1;
        }
    }
    drop(unit);
    for t in &terms {
        out[t.start as usize..t.end as usize].sort_by_key(|e| e.doc);
    }
    (out, positions, terms)
}

/// The [`TOP_DOCS`] documents with the highest impacts, in document order.
fn top_docs(mut docs: Vec<(u32, f32)>) -> Vec<(u32, f32)> {
    if docs.len() > TOP_DOCS {
        docs.select_nth_unstable_by(TOP_DOCS, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        docs.truncate(TOP_DOCS);
    }
    docs.sort_unstable_by_key(|d| d.0);
    docs
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
    fn a_section_all_in_a_part_for_trainers_is_theirs() {
        // As the renderer writes a part (`::: 培训师`): a box with the sections in it, a
        // callout's box inside.
        let part = |readers: &str, inner: &str| {
            format!("<div class=\"readers-part\" data-readers=\"{readers}\" role=\"note\" aria-label=\"仅供\">\n{inner}</div>\n")
        };
        let html = format!(
            "<p>引言</p>{}<p>之后</p>{}<h2 id=\"c\">丙</h2><p>大家</p>{}",
            part("trainer", "<h2 id=\"a\">甲</h2><div class=\"callout\"><p>提示</p></div><p>讲解</p><h3 id=\"b\">乙</h3><p>演练</p>"),
            part("trainer", "<h2 id=\"d\">丁</h2><p>评分</p>"),
            part("new-staff trainer", "<h2 id=\"e\">戊</h2><p>练习</p>"),
        );
        let s = html_sections(&html);
        let got: Vec<(&str, bool)> = s
            .iter()
            .map(|s| (s.id.as_deref().unwrap_or(""), s.trainers))
            .collect();
        // 乙 goes on after its part ends (之后): everyone's; 丁's part ends its section.
        assert_eq!(
            got,
            [
                ("", false),
                ("a", true),
                ("b", false),
                ("d", true),
                ("c", false),
                ("e", false)
            ]
        );
        assert_eq!(s[1].text, "提示 讲解");
        // The part's label is an attribute: no text.
        assert_eq!(s[0].text, "引言");
    }

    /// A part (`::: 培训师`) as the renderer writes it: a box, its readers, the sections in it.
    fn readers_part(readers: &str, inner: &str) -> String {
        format!("<div class=\"readers-part\" data-readers=\"{readers}\" role=\"note\" aria-label=\"仅供\">\n{inner}</div>\n")
    }

    /// (id, heading, text, trainers, part) of each section.
    fn sections_of(html: &str) -> Vec<(String, String, String, bool, bool)> {
        html_sections(html)
            .into_iter()
            .map(|s| {
                let id = s.id.unwrap_or_default();
                (id, s.heading, s.text, s.trainers, s.part)
            })
            .collect()
    }

    fn sec(
        id: &str,
        heading: &str,
        text: &str,
        trainers: bool,
        part: bool,
    ) -> (String, String, String, bool, bool) {
        (id.into(), heading.into(), text.into(), trainers, part)
    }

    #[test]
    fn a_part_for_trainers_in_a_section_for_everyone_is_a_document_of_its_own() {
        // Two parts in one section (one with a callout's box in it), the section's text going
        // on between and after them; a part for new staff and trainers stays in the text.
        let html = format!(
            "<h2 id=\"a\">甲</h2><p>大家看</p>{}<p>中间</p>{}<p>之后</p>{}<h2 id=\"b\">乙</h2><p>下一节</p>",
            readers_part("trainer", "<p><strong>带教提示</strong>：两人一组演练</p>"),
            readers_part("trainer", "<div class=\"callout\"><p>讲评</p></div><p>看差别</p>"),
            readers_part("new-staff trainer", "<p>新人也看</p>"),
        );
        assert_eq!(
            sections_of(&html),
            [
                sec("", "", "", false, false),
                sec("a", "甲", "大家看 中间 之后 新人也看", false, false),
                sec("a", "甲", "带教提示：两人一组演练", true, true),
                sec("a", "甲", "讲评 看差别", true, true),
                sec("b", "乙", "下一节", false, false),
            ]
        );
    }

    #[test]
    fn a_part_for_trainers_leads_to_its_own_id_as_the_renderer_gives_it() {
        struct NoLinks;
        impl markdown::LinkResolver for NoLinks {
            fn resolve(
                &self,
                _: &str,
                _: bool,
            ) -> Result<Option<markdown::Resolved>, (String, String)> {
                Ok(None)
            }
        }
        let md =
            "## 僵局 {#break-deadlock}\n\n大家看\n\n::: 培训师\n**带教提示**：两人一组\n:::\n\n\
                  ::: 培训师\n讲评\n:::\n\n::: 培训师\n## 讲解\n\n演练\n:::\n";
        let html = markdown::render_with(
            md,
            std::path::Path::new("content/x.md"),
            1,
            &NoLinks,
            None,
            None,
        )
        .html;
        let got: Vec<(Option<String>, Option<String>, String, bool)> = html_sections(&html)
            .into_iter()
            .map(|s| (s.id, s.part_id, s.text, s.part))
            .collect();
        let id = |s: &str| Some(s.to_string());
        assert_eq!(
            got,
            [
                (None, None, String::new(), false),
                (id("break-deadlock"), None, "大家看".into(), false),
                (
                    id("break-deadlock"),
                    id("break-deadlock-培训师"),
                    "带教提示：两人一组".into(),
                    true
                ),
                (
                    id("break-deadlock"),
                    id("break-deadlock-培训师-1"),
                    "讲评".into(),
                    true
                ),
                (id("讲解"), None, "演练".into(), false),
            ],
            "{html}"
        );
    }

    #[test]
    fn a_part_for_trainers_before_any_heading_is_apart_from_the_pages_first_text() {
        let html = format!(
            "{}<p>引言</p><h2 id=\"a\">甲</h2><p>正文</p>",
            readers_part("trainer", "<p>培训师看这里</p>")
        );
        assert_eq!(
            sections_of(&html),
            [
                sec("", "", "引言", false, false),
                sec("", "", "培训师看这里", true, true),
                sec("a", "甲", "正文", false, false),
            ]
        );
    }

    #[test]
    fn a_part_for_trainers_with_text_then_a_heading_keeps_each_its_own() {
        // The text before the part's heading is the part's, out of the section it is in; the
        // heading's section is the trainers' (and everyone's again with text after the part).
        // A part that begins with its heading has no document of its own.
        let html = format!(
            "<h2 id=\"a\">甲</h2><p>大家看</p>{}<p>之后</p>{}",
            readers_part("trainer", "<p>先说</p><h3 id=\"b\">乙</h3><p>演练</p>"),
            readers_part("trainer", "<h2 id=\"c\">丙</h2><p>评分</p>"),
        );
        assert_eq!(
            sections_of(&html),
            [
                sec("", "", "", false, false),
                sec("a", "甲", "大家看", false, false),
                sec("a", "甲", "先说", true, true),
                sec("b", "乙", "演练 之后", false, false),
                sec("c", "丙", "评分", true, false),
            ]
        );
    }

    #[test]
    fn a_part_for_trainers_ends_where_its_box_does() {
        // A box opened in the part and closed in it, and one left open: the part ends at the
        // `</div>` that ends it in the page too (the rest of the page, with a box left open).
        let closed = format!(
            "<h2 id=\"a\">甲</h2>{}<p>之后</p>",
            readers_part("trainer", "<div><div><p>内</p></div></div><p>外</p>")
        );
        assert_eq!(
            sections_of(&closed)[1..],
            [
                sec("a", "甲", "之后", false, false),
                sec("a", "甲", "内 外", true, true),
            ]
        );
        let open = format!(
            "<h2 id=\"a\">甲</h2>{}<p>之后</p></div><p>再后</p>",
            readers_part("trainer", "<div><p>内</p>")
        );
        assert_eq!(
            sections_of(&open)[1..],
            [
                sec("a", "甲", "再后", false, false),
                sec("a", "甲", "内 之后", true, true),
            ]
        );
    }

    #[test]
    fn a_dialogue_line_reads_speaker_colon_words() {
        let html = "<figure class=\"dialogue dialogue-bad\"><ol class=\"dialogue-lines\"><li class=\"dialogue-line dialogue-customer\"><span class=\"speaker\">客户</span><span class=\"said\">那什么时候？</span></li><li class=\"dialogue-line dialogue-staff\"><span class=\"speaker\">坐席</span><span class=\"said\">这个说不好。</span></li></ol></figure>";
        let text = &html_sections(html)[0].text;
        assert_eq!(text, "客户：那什么时候？ 坐席：这个说不好。");
        // No pair across the speaker and the words (席这).
        assert!(!super::super::text::tokenise(&normalise(text))
            .iter()
            .any(|t| t.text == "席这"));
    }

    #[test]
    fn a_table_with_a_header_row_keeps_its_rows_and_cells_apart_where_spaces_stood() {
        let html = "<p>时限如下：</p>\n<table>\n<thead>\n<tr>\n<th>投诉类型</th>\n<th style=\"text-align: right\">时限</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>一般投诉</td>\n<td>5 个\n工作日</td>\n</tr>\n<tr>\n<td>窃电<br>举报</td>\n<td></td>\n</tr>\n</tbody>\n</table>\n<p>以上为准</p><table><tr><td>无表头</td><td>一行</td></tr></table><aside class=\"rule-embed\"><table><tr><th>不计</th></tr></table></aside><p>完</p>";
        let text = &html_sections(html)[0].text;
        // Cells by a tab, rows by a line feed, the table from the text around it by a carriage
        // return; a table without a header row has its edges only, and one whose text is not
        // indexed nothing.
        assert_eq!(
            text,
            "时限如下：\r投诉类型\t时限\n一般投诉\t5 个 工作日\n窃电 举报\r以上为准\r无表头 一行\r完"
        );
        // Each mark stands where a space stood: the same tokens at the same positions, and the
        // same length, as the text with spaces (the ranking does not see them).
        let spaced =
            "时限如下： 投诉类型 时限 一般投诉 5 个 工作日 窃电 举报 以上为准 无表头 一行 完";
        assert_eq!(text.replace([CELL, ROW, TABLE], " "), spaced);
        assert_eq!(
            super::super::text::tokenise(&normalise(text)),
            super::super::text::tokenise(&normalise(spaced))
        );
    }

    #[test]
    fn whitespace_collapses_to_the_strongest_mark_in_its_run() {
        let s = " \u{3000}投诉\x1C \x1E类型\u{A0}\u{2029}a\x1D\x1Cb\x1C\n";
        assert_eq!(collapse(s), "投诉\r类型 a\nb");
        assert_eq!(collapse("a\t\nb\r c"), "a b c");
        assert_eq!(collapse(" \x1E "), "");
    }

    #[test]
    fn a_long_text_is_shown_from_its_row_and_a_file_of_its_own() {
        let body = |n: usize| {
            (0..n)
                .map(|i| format!("第{i}行\t{i}个工作日"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        let doc = |body: String| Doc {
            body,
            summary: "摘要".into(),
            ..Doc::default()
        };
        // Short: all in the row.
        let d = doc(body(3));
        assert_eq!(shown_text(&d), (d.body.as_str(), ""));
        // Long: the first 400 characters in the row, the rest beside it, together the text.
        let d = doc(body(60));
        let (row, rest) = shown_text(&d);
        assert_eq!(row.chars().count(), EXCERPT_CHARS);
        assert!(!rest.is_empty() && rest.contains("第59行\t59个工作日"));
        assert_eq!(format!("{row}{rest}"), d.body);
        // No text: the summary.
        assert_eq!(shown_text(&doc(String::new())), ("摘要", ""));
        // A text beyond all measure keeps its first SHOWN_MAX_CHARS.
        let d = doc("长".repeat(SHOWN_MAX_CHARS + 10));
        let (row, rest) = shown_text(&d);
        assert_eq!(row.chars().count() + rest.chars().count(), SHOWN_MAX_CHARS);
    }

    #[test]
    fn a_rule_quoted_in_a_lesson_is_left_to_its_card() {
        let html = "<p>先看规定：</p><aside class=\"rule-embed severity-high\" aria-label=\"规则 TS-PROC-002\"><p>办结时限 5 个工作日</p></aside><p>再看案例</p>";
        let s = html_sections(html);
        assert_eq!(s[0].text, "先看规定： 再看案例");
    }

    #[test]
    fn a_repealed_rule_is_found_marked_and_after_the_rules_in_force() {
        let yaml = "id: TS-PROC-009\ntitle: 旧时限\ncategory: procedure\nsummary: 5个工作日办结\ntime_limits:\n  - {label: 办结, value: 5, unit: working_days}\n";
        let mut r: Rule = serde_yaml::from_str(yaml).unwrap();
        let docs = |r: &Rule| {
            let mut d = Vec::new();
            rule_docs(r, &HashMap::new(), &mut d);
            d
        };
        assert!(docs(&r)
            .iter()
            .all(|d| d.prior == 1.0 && d.page_title == "TS-PROC-009 旧时限"));
        r.repealed = Some("2199-01-01".into());
        assert!(docs(&r).iter().all(|d| d.prior == 1.0), "not yet repealed");
        r.repealed = Some("2020-01-01".into());
        let d = docs(&r);
        assert!(d.len() >= 2);
        for d in d {
            assert_eq!(d.prior, REPEALED);
            assert_eq!(d.page_title, "TS-PROC-009 旧时限（已废止）");
            // (Its id and title are still what it is found by.)
            assert_eq!(d.title, "TS-PROC-009 旧时限");
        }
    }

    /// A rule that names no one responsible has no empty 责任方： in its text (its search
    /// excerpt ended "责任方：" with nothing after it: new trainer's review).
    #[test]
    fn a_rule_without_responsible_has_no_empty_label() {
        let yaml = "id: SVC-REP-001\ntitle: 抢修\ncategory: procedure\nsummary: 到达现场\napplies_when: [故障报修]\n";
        let mut r: Rule = serde_yaml::from_str(yaml).unwrap();
        let body = |r: &Rule| {
            let mut d = Vec::new();
            rule_docs(r, &HashMap::new(), &mut d);
            d[0].body.clone()
        };
        assert!(!body(&r).contains("责任方"), "{}", body(&r));
        r.responsible = vec!["抢修班".into()];
        assert!(body(&r).ends_with("\n责任方：抢修班"), "{}", body(&r));
    }

    #[test]
    fn prefix_chars_counts_characters_not_bytes() {
        assert_eq!(prefix_chars("投诉处理", 2), "投诉");
        assert_eq!(prefix_chars("a投b诉", 3), "a投b");
        assert_eq!(prefix_chars("投诉", 2), "投诉");
        assert_eq!(prefix_chars("投诉", 5), "投诉");
        assert_eq!(prefix_chars("abc", 0), "");
        assert_eq!(prefix_chars("😀😀😀", 1), "😀");
    }

    #[test]
    fn varint_encoding() {
        let mut s = String::new();
        for v in [0, 63, 64, 1000, 70000] {
            varint(v, STEP_T, &mut s);
        }
        // 63 = a (the 64th symbol); 64 = b (64 + 0, more follows) then 0 = space;
        // 1000 = 64 + 936: 936 % 29 = 8 -> 72 = j, 936 / 29 = 32 -> A; ...
        assert_eq!(s, " ab jAs}r ");
        let mut p = String::new();
        for v in [84, 85, 1000] {
            varint(v, POS_T, &mut p);
        }
        assert_eq!(p, "vw z|$");
        // Every value round-trips, in both splits.
        for t in [STEP_T, POS_T] {
            for v in (0..5000).chain([u32::MAX / 3, u32::MAX]) {
                let mut s = String::new();
                varint(v, t, &mut s);
                let (mut got, mut mul) = (0u64, 1u64);
                for b in s.bytes() {
                    let d = DIGITS.iter().position(|&x| x == b).unwrap() as u64;
                    got += d * mul;
                    mul *= u64::from(93 - t);
                    if d < u64::from(t) {
                        break;
                    }
                }
                assert_eq!(got, u64::from(v), "{v} with t = {t}: {s:?}");
            }
        }
    }

    #[test]
    fn every_term_keeps_its_positions_even_when_sharing_one_with_another() {
        // A word and its parts share a position: each must still have it.
        let d = Doc {
            href: "rules/x/index.html".into(),
            kind: "rule",
            page_title: String::new(),
            title: "TS-PROC-001 投诉".into(),
            heading: String::new(),
            summary: String::new(),
            body: String::new(),
            code: Vec::new(),
            excerpt: None,
            prior: 1.0,
        };
        let words = Words::default();
        let mut t = TermScratch::default();
        doc_terms(&d, &[10.0; 4], &words, &mut t);
        assert!(t.groups.len() >= 6);
        for g in &t.groups {
            assert!(g.len >= 1, "{} has no position", words.text(g.key));
        }
    }

    #[test]
    fn a_section_after_another_of_its_page_gets_the_same_terms_as_on_its_own() {
        // The title's tokens are reused from the page's previous section: the result must be
        // what tokenising it afresh gives.
        let section = |heading: &str, body: &str| Doc {
            href: "a/index.html".into(),
            kind: "lesson",
            page_title: "投诉处理 TS-PROC-001".into(),
            title: "投诉处理 TS-PROC-001".into(),
            heading: heading.into(),
            summary: String::new(),
            body: body.into(),
            code: Vec::new(),
            excerpt: None,
            prior: 1.0,
        };
        let (a, b) = (
            section("受理", "接到投诉后登记"),
            section("办结时限", "三个工作日内回复 95598"),
        );
        let words = Words::default();
        let terms = |t: &TermScratch| -> Vec<(String, u32, Vec<u32>)> {
            t.groups
                .iter()
                .map(|g| {
                    let pos = t.positions[g.start as usize..(g.start + g.len) as usize].to_vec();
                    (words.text(g.key), g.weight.to_bits(), pos)
                })
                .collect()
        };
        let mut fresh = TermScratch::default();
        doc_terms(&b, &[10.0; 4], &words, &mut fresh);
        let mut after = TermScratch::default();
        doc_terms(&a, &[10.0; 4], &words, &mut after);
        doc_terms(&b, &[10.0; 4], &words, &mut after);
        assert!(terms(&fresh).iter().any(|t| t.0 == "ts-proc-001"));
        assert_eq!(terms(&after), terms(&fresh));
        // And a different title is not taken from the last one.
        let mut c = section("受理", "接到投诉后登记");
        c.title = "停电报修".into();
        doc_terms(&c, &[10.0; 4], &words, &mut after);
        assert!(terms(&after).iter().any(|t| t.0 == "报修"));
        assert!(!terms(&after).iter().any(|t| t.0 == "处理"));
    }

    #[test]
    fn a_code_blocks_text_is_kept_as_it_was_and_its_span_noted() {
        // The section's text is what it was without the marks (the rows are unchanged); the
        // spans cover each block from its first word to its last.
        let html = "<h2 id=\"a\">怎样写</h2><p>情景演练模拟一通电话：</p>\n<pre class=\"hl-code\"><code>  - id: scenario-01\n    背景: 停电报修\n</code></pre>\n<p>然后</p><pre><code>type: tf</code></pre>";
        let s = html_sections(html);
        let plain = html_sections(&html.replace("pre", "div"));
        assert_eq!(s[1].text, plain[1].text);
        assert_eq!(
            s[1].text,
            "情景演练模拟一通电话： - id: scenario-01 背景: 停电报修 然后 type: tf"
        );
        let spans: Vec<&str> = s[1]
            .code
            .iter()
            .map(|&(a, b)| &s[1].text[a as usize..b as usize])
            .collect();
        assert_eq!(spans, ["- id: scenario-01 背景: 停电报修", "type: tf"]);
        assert!(plain[1].code.is_empty() && s[0].code.is_empty());
        // A block that is all a section holds, or has no words; a table's marks kept.
        let s = html_sections("<h2 id=\"b\">B</h2><pre><code>a: 1</code></pre><pre> </pre><table><tr><th>甲</th><th>乙</th></tr></table>");
        assert_eq!(s[1].code, [(0, 4)]);
        assert_eq!(s[1].text, "a: 1\r甲\t乙");
    }

    /// A lesson's document of text `body` alone, its code blocks at `code`.
    fn body_doc(body: &str, code: Vec<(u32, u32)>) -> Doc {
        Doc {
            href: "a/index.html".into(),
            kind: "lesson",
            page_title: String::new(),
            title: String::new(),
            heading: String::new(),
            summary: String::new(),
            body: body.into(),
            code,
            excerpt: None,
            prior: 1.0,
        }
    }

    #[test]
    fn a_word_in_a_code_block_weighs_less_than_in_the_text_at_the_same_positions() {
        let doc = body_doc;
        let body = "写一道题 背景: 停电报修 然后检查";
        let at = body.find("背景").unwrap() as u32;
        let end = at + "背景: 停电报修".len() as u32;
        let words = Words::default();
        let terms = |d: &Doc| -> Vec<(String, f32, Vec<u32>)> {
            let mut t = TermScratch::default();
            doc_terms(d, &[10.0; 4], &words, &mut t);
            t.groups
                .iter()
                .map(|g| {
                    let pos = t.positions[g.start as usize..(g.start + g.len) as usize].to_vec();
                    (words.text(g.key), g.weight, pos)
                })
                .collect()
        };
        let (plain, coded) = (
            terms(&doc(body, Vec::new())),
            terms(&doc(body, vec![(at, end)])),
        );
        assert_eq!(plain.len(), coded.len());
        for ((a, wa, pa), (b, wb, pb)) in plain.iter().zip(&coded) {
            assert_eq!((a, pa), (b, pb), "same terms at the same positions");
            // (写一道题 is at positions 0-3, 背景 4-5, 停电报修 6-9.)
            if pa.iter().all(|p| (4..=9).contains(p)) {
                assert!(
                    (wb / wa - CODE_WEIGHT).abs() < 0.01,
                    "{a}: {wb} against {wa}"
                );
            } else {
                assert_eq!(wa, wb, "{a}");
            }
        }
        // Spans that do not fit the text are passed over, not a panic.
        let odd = terms(&doc(body, vec![(at + 1, end), (end, 9999), (3, 0)]));
        assert_eq!(odd.len(), plain.len());
    }

    #[test]
    fn a_run_end_character_is_kept_only_when_no_bigram_begins_with_it() {
        let d = body_doc("费用 电费", Vec::new());
        let words = Words::default();
        let mut t = TermScratch::default();
        doc_terms(&d, &[10.0; 4], &words, &mut t);
        let mut terms: Vec<String> = t.groups.iter().map(|g| words.text(g.key)).collect();
        terms.sort();
        // 费 ends 电费 but 费用 begins with it: a query 费 finds the document through 费用.
        assert_eq!(terms, ["用", "电费", "费用"]);
    }

    #[test]
    fn postings_grouped_by_term_come_out_in_term_then_document_order() {
        // Runs of ascending documents interleaved across terms, as the threads file them.
        let mut x = 7u64;
        let mut rnd = |m: u64| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 33) % m
        };
        let mut entries = Vec::new();
        for run in 0..40u32 {
            let base = rnd(5000) as u32;
            for d in 0..rnd(60) as u32 {
                let key = if rnd(7) == 0 {
                    WORD | rnd(50)
                } else {
                    (0x4E00 + rnd(30)) << 32 | (0x4E00 + rnd(30))
                };
                entries.push(Entry {
                    key,
                    doc: base + d * 3 + run % 3,
                    weight: 1.0,
                    start: entries.len() as u32,
                    len: 1,
                });
            }
        }
        // (One posting per term and document, as in a bucket.)
        let mut seen = std::collections::HashSet::new();
        entries.retain(|e| seen.insert((e.key, e.doc)));
        let mut expected = entries.clone();
        expected.sort_by_key(|e| (e.key, e.doc));
        let len = entries.len();
        let unit = vec![Part {
            chunks: vec![entries],
            positions: Vec::new(),
            len,
        }];
        let (got, _, terms) = unit_by_term(unit, &(0..50).collect::<Vec<u32>>());
        assert!(terms.iter().all(|t| got[t.start as usize..t.end as usize]
            .iter()
            .all(|e| e.key == t.key)));
        let pairs = |v: &[Entry]| -> Vec<(Key, u32, u32)> {
            v.iter().map(|e| (e.key, e.doc, e.start)).collect()
        };
        assert!(expected.len() > 500);
        assert_eq!(pairs(&got), pairs(&expected));
    }

    #[test]
    fn impact_levels_are_within_six_percent_and_fit_one_symbol() {
        assert_eq!(impact_level(0.2), 0);
        assert_eq!(impact_level(1.0), 0);
        assert_eq!(impact_level(1e9), 63);
        for x in 1..=700 {
            let back = IMPACT_BASE.powi(impact_level(x as f32) as i32);
            assert!((back - x as f32).abs() / (x as f32) < 0.06, "{x} -> {back}");
        }
        // The nearest power, as the logarithm rounds it.
        for i in 0..100_000 {
            let x = 0.5 + i as f32 * 0.0137;
            let exact = (f64::from(x).max(1.0).ln() / f64::from(IMPACT_BASE).ln()).min(63.0);
            let by_log = exact.round() as u32;
            // (Within float error of a half step either level is right.)
            if (exact - exact.floor() - 0.5).abs() > 1e-4 {
                assert_eq!(impact_level(x), by_log, "{x}");
            }
        }
    }

    #[test]
    fn plain_fields_skip_the_parser_with_the_same_text() {
        let samples = [
            "工单在 24 小时内派发",
            "  前后有空格 ",
            "客户说\"你们怎么回事\"，要先致歉；再核实 (TS-PROC-001) 50% 的情况",
            "3个工作日内回复",
            "1. 列表",
            "- 列表",
            "+ 列表",
            "**加粗** 与 _强调_",
            "[[TS-PROC-001]] 与 [链接](a.md)",
            "a & b &amp; c",
            "<b>html</b>",
            "第一行\n第二行",
            "# 标题",
            "> 引用",
            "~~删除~~ | 表格 |",
            "    缩进的代码",
            "\t制表符开头",
            "电话：95598；网址 www.example.com/a-b",
            "",
        ];
        for s in samples {
            assert_eq!(md_text(s), md_text_parsed(s), "{s:?}");
        }
        assert!(is_plain("工单在 24 小时内派发"));
        assert!(!is_plain("1. 列表"));
    }

    #[test]
    fn md_text_keeps_words_drops_markup() {
        assert_eq!(
            md_text("**必须**在 [3 个工作日](x.md) 内答复"),
            "必须在 3 个工作日 内答复"
        );
        // A wiki link without a label reads as the page shows it, not as `rule:…`.
        assert_eq!(
            md_text("记录投诉内容（见 [[rule:TS-INT-002]]），按 [[term:首问负责制]] 办理"),
            "记录投诉内容（见 TS-INT-002），按 首问负责制 办理"
        );
        assert_eq!(md_text("见 [[rule:TS-INT-002#时限]]"), "见 TS-INT-002");
        assert_eq!(md_text("见 [[rule:TS-INT-001|受理渠道]]"), "见 受理渠道");
        assert_eq!(md_text("见 [规则](rule:TS-INT-001)"), "见 规则");
        // A line break between Chinese characters is none, as the page shows it (`投\n诉`
        // would lose the bigram 投诉); between words it is a space.
        assert_eq!(
            md_text("客户投\n诉，**重要**\n提示\nsee\nrules"),
            "客户投诉，重要提示 see rules"
        );
    }
}

#[cfg(test)]
#[path = "bench.rs"]
mod bench;
