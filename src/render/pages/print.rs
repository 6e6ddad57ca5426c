//! The print pages (`[output] print`): `print/` is the contents of the printed book, each
//! top-level chapter has a print page of its own (`print/<chapter>/`), and so have the rule
//! cards (`print/rules/`, by category when there are many). While the whole book would print
//! on at most [`OutputConfig::PRINT_WHOLE_BOOK_SHEETS`] sheets, `print/` holds it too, on one
//! page (全书打印版), as mdBook's print.html does; a larger book is printed a chapter at a time
//! (one page of 1,000 sheets took a counter PC a quarter of a minute to open). A chapter that
//! is itself larger than that is printed a section at a time ([`split`]): `print/<chapter>/`
//! holds its opening and the lessons directly in it, and is its contents, offering each of its
//! sections' print pages, `print/<chapter>/<section>/` (split the same way when still too large).
//! When the lessons directly in it are still too many for its page (a folder of 150 lessons and
//! no sections), they are printed in consecutive runs, `print/<chapter>/1/`, `print/<chapter>/2/`
//! ... (a part, 部分, of the chapter or section: never a chapter or section of its own), and
//! its page keeps its opening only.
//!
//! Every page's Markdown is rendered once, for `print/`, with its ids prefixed (`p3-处理要点`)
//! and its links to pages and cards printed made links within the page; each print page then
//! takes the same HTML with the links to what another print page holds pointed there
//! ([`PrintPlaces::relocate`]). Chapters are numbered through the whole book (4, 4.2), so on
//! paper a link says where it leads, `（见 4.2）`, whichever print page it was printed from.
//!
//! [`OutputConfig::PRINT_WHOLE_BOOK_SHEETS`]: crate::config::OutputConfig::PRINT_WHOLE_BOOK_SHEETS

use super::{key_of, OutputFile, PageKind, PageLinks, Renderer};
use crate::book::urls;
use crate::config::OutputConfig;
use crate::content::rule::Rule;
use crate::diagnostics::Diagnostic;
use crate::render::markdown;
use rayon::prelude::*;
use serde_json::{Map, Value};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// At most this many rule cards (a sheet each) on one print page: more are split by category.
const RULES_PER_PART: usize = 100;

/// A4 as print.css sets it (182 x 267 mm of 11 pt text, 1.55 apart): about this many lines to
/// a sheet, each of about [`LINE_UNITS`] half-width characters (a Chinese character is two).
const SHEET_LINES: f64 = 37.0;
const LINE_UNITS: f64 = 88.0;

/// A page of the book as printed.
struct PrintedPage {
    kind: &'static str,
    title: String,
    number: String,
    summary: String,
    depth: usize,
    /// Its HTML on `print/` (see [`PrintPlaces::relocate`] for the other print pages).
    content: String,
    /// About how many lines it prints on ([`print_lines`]).
    lines: f64,
}

/// A print page of its own: a top-level chapter, a section of a chapter too large for one
/// ([`split`]), a run of the lessons directly in such a chapter or section, or rule cards.
struct Part {
    /// Its folder under `print/`: `basics`, `business/billing`, `business/2`, `rules`,
    /// `rules/intake`.
    name: String,
    /// Its chapter's or section's title (a run's too).
    title: String,
    /// The chapter's or section's number (`4`, `4.2`; a run's, that of the chapter or section
    /// it is a run of); none for rule cards.
    number: String,
    /// Its pages, by place in reading order.
    pages: Vec<usize>,
    /// Its rule cards, by place in the rules' index order.
    rules: Range<usize>,
    /// About how many A4 sheets it prints on.
    sheets: usize,
    /// Its chapter's or section's pages, by place in reading order: `pages`, and those of its
    /// sections and runs when it is split (a run's: its lessons); empty for rule cards.
    tree: Range<usize>,
    /// About how many sheets all of `tree` prints on.
    tree_sheets: usize,
    /// The part it was split off from.
    parent: Option<usize>,
    /// A run of lessons: its place among its chapter's or section's runs (1, 2 ...).
    run: Option<usize>,
    /// 章 for a chapter, 节 for a section of one; a run, that of the one it is a run of.
    unit: &'static str,
}

/// A print page of a chapter, section or run of lessons, before it has its name ([`split`]).
struct Piece {
    pages: Vec<usize>,
    tree: Range<usize>,
    parent: Option<usize>,
    /// A run of lessons: its place among its chapter's or section's (1, 2 ...).
    run: Option<usize>,
}

/// About how many sheets pages of `lines` lines print on.
fn sheets_of(lines: impl Iterator<Item = f64>) -> usize {
    (lines.sum::<f64>() / SHEET_LINES).ceil() as usize
}

/// The print pages of the chapter or section whose pages are `tree` (by place in reading order,
/// itself first), pushed to `out`: one while it prints on at most
/// [`OutputConfig::PRINT_WHOLE_BOOK_SHEETS`] sheets (or is one page); else one of itself and
/// the lessons directly in it, then each of its sections' (split the same way), in reading
/// order. When itself and the lessons directly in it would still print on more (a folder of
/// 150 lessons), its own page keeps only its opening and the lessons are printed in runs
/// ([`runs`]), each on a page of its own where it stands among the sections. (`parent`: the
/// place in `out` of the piece it is split off from.)
fn split(
    tree: Range<usize>,
    depths: &[usize],
    lines: &[f64],
    section: &[bool],
    parent: Option<usize>,
    out: &mut Vec<Piece>,
) {
    let depth = depths[tree.start];
    // Its children, each with the pages under it.
    let mut children: Vec<Range<usize>> = Vec::new();
    for (n, &d) in depths
        .iter()
        .enumerate()
        .take(tree.end)
        .skip(tree.start + 1)
    {
        match children.last_mut() {
            Some(c) if d > depth + 1 => c.end = n + 1,
            _ => children.push(n..n + 1),
        }
    }
    let too_large = |pages: &mut dyn Iterator<Item = usize>| {
        sheets_of(pages.map(|n| lines[n])) > OutputConfig::PRINT_WHOLE_BOOK_SHEETS
    };
    // Itself and the lessons directly in it (a lesson has no pages under it).
    let own: Vec<usize> = std::iter::once(tree.start)
        .chain(
            children
                .iter()
                .filter(|c| !section[c.start])
                .flat_map(Range::clone),
        )
        .collect();
    let sectioned = children.iter().any(|c| section[c.start]);
    let in_runs = own.len() > 1 && too_large(&mut own.iter().copied());
    if !too_large(&mut tree.clone()) || (!sectioned && !in_runs) {
        out.push(Piece {
            pages: tree.clone().collect(),
            tree,
            parent,
            run: None,
        });
        return;
    }
    let me = out.len();
    out.push(Piece {
        pages: if in_runs { vec![tree.start] } else { own },
        tree,
        parent,
        run: None,
    });
    // Its sections and (in runs) its lessons, in reading order: a run never goes past a
    // section, so the print pages follow one another as the book reads.
    let mut lessons: Vec<usize> = Vec::new();
    let mut count = 0;
    let mut flush = |lessons: &mut Vec<usize>, out: &mut Vec<Piece>| {
        let of: Vec<f64> = lessons.iter().map(|&n| lines[n]).collect();
        for r in runs(&of) {
            count += 1;
            out.push(Piece {
                pages: lessons[r.clone()].to_vec(),
                tree: lessons[r.start]..lessons[r.end - 1] + 1,
                parent: Some(me),
                run: Some(count),
            });
        }
        lessons.clear();
    };
    for c in children {
        if section[c.start] {
            flush(&mut lessons, out);
            split(c, depths, lines, section, Some(me), out);
        } else if in_runs {
            lessons.push(c.start);
        }
    }
    flush(&mut lessons, out);
}

/// Consecutive lessons of `lines` lines each (in reading order) in runs of at most
/// [`OutputConfig::PRINT_WHOLE_BOOK_SHEETS`] sheets, a lesson larger than that a run of its
/// own: between such lessons, as few runs as can be and as even as they can be with that many
/// (three of about 230 sheets, not 300, 300 and 90: the largest page is what a slow PC takes
/// long to open).
fn runs(lines: &[f64]) -> Vec<Range<usize>> {
    let limit = OutputConfig::PRINT_WHOLE_BOOK_SHEETS;
    // Lessons `from..to` in runs of at most `cap` sheets, each as long as it stays within it
    // (the sheets added up as `sheets_of` adds them).
    let fill = |from: usize, to: usize, cap: usize| {
        let mut out: Vec<Range<usize>> = Vec::new();
        let mut sum = 0.0;
        for (n, &l) in lines.iter().enumerate().take(to).skip(from) {
            match out.last_mut() {
                Some(r) if ((sum + l) / SHEET_LINES).ceil() as usize <= cap => {
                    r.end = n + 1;
                    sum += l;
                }
                _ => {
                    out.push(n..n + 1);
                    sum = l;
                }
            }
        }
        out
    };
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut from = 0;
    for n in 0..=lines.len() {
        let alone = n < lines.len() && sheets_of(std::iter::once(lines[n])) > limit;
        if !alone && n < lines.len() {
            continue;
        }
        // The lessons since the last one too large for a page: the smallest cap that needs no
        // more runs than the limit does (at the latest the limit itself).
        let fewest = fill(from, n, limit);
        let mut cap = sheets_of(lines[from..n].iter().copied()).div_ceil(fewest.len().max(1));
        loop {
            let r = fill(from, n, cap);
            if r.len() <= fewest.len() {
                out.extend(r);
                break;
            }
            cap += 1;
        }
        if alone {
            out.push(n..n + 1);
        }
        from = n + 1;
    }
    out
}

/// A print page: `print/` itself, or a part.
#[derive(Clone, Copy, PartialEq)]
enum Doc {
    /// `print/index.html`, holding the whole book (`true`) or its contents and home page only.
    Contents(bool),
    Part(usize),
}

/// Which print page holds each printed page and rule card.
struct PrintPlaces<'a> {
    /// Each part's folder under `print/`.
    names: Vec<String>,
    /// By place in reading order: the part holding the page; `None`, `print/` (the home page).
    page_part: Vec<Option<usize>>,
    /// Rule id -> the part holding its card.
    rule_part: HashMap<&'a str, usize>,
}

impl PrintPlaces<'_> {
    /// `print/`'s way up from the print page `doc` (`../` per folder below `print/`).
    fn up(&self, doc: Doc) -> String {
        match doc {
            Doc::Contents(_) => String::new(),
            Doc::Part(k) => "../".repeat(self.names[k].matches('/').count() + 1),
        }
    }

    /// The href from `doc` to the print page holding what is in `at` (`None`: `print/`), empty
    /// when `doc` holds it.
    fn href(&self, doc: Doc, at: Option<usize>) -> String {
        match (doc, at) {
            (Doc::Contents(true), _) => String::new(),
            (Doc::Contents(false), None) => String::new(),
            (Doc::Part(k), Some(j)) if k == j => String::new(),
            (_, None) => format!("{}index.html", self.up(doc)),
            (_, Some(j)) => format!("{}{}/index.html", self.up(doc), self.names[j]),
        }
    }

    /// The print page holding the target of `#fragment` (a page's `p3…`, a card's `r-TS-…`),
    /// if it is printed: `Some(None)` for `print/`.
    fn holder(&self, fragment: &str) -> Option<Option<usize>> {
        if let Some(rest) = fragment.strip_prefix('p') {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 || !matches!(rest.as_bytes().get(digits), None | Some(b'-')) {
                return None;
            }
            return rest[..digits]
                .parse::<usize>()
                .ok()
                .and_then(|n| self.page_part.get(n).copied());
        }
        // `r-<id>` or `r-<id>-<anchor>`; an id has dashes of its own (TS-PROC-002).
        let rest = fragment.strip_prefix("r-")?;
        let ends = rest
            .match_indices('-')
            .map(|(i, _)| i)
            .chain(std::iter::once(rest.len()));
        ends.rev()
            .find_map(|e| self.rule_part.get(&rest[..e]))
            .map(|&k| Some(k))
    }

    /// `html`, made for `print/` holding the whole book, as it is on the print page `doc`:
    /// a link to what another print page holds goes there (`../procedure/index.html#p12-…`), and
    /// a page's folders below `print/` are climbed by every other relative address (a picture,
    /// a quiz).
    fn relocate<'h>(&self, html: &'h str, doc: Doc) -> Cow<'h, str> {
        if doc == Doc::Contents(true) {
            return Cow::Borrowed(html);
        }
        let up = self.up(doc);
        let mut out = String::with_capacity(html.len() + html.len() / 16);
        let mut rest = html;
        while let Some(i) = rest.find("=\"") {
            let value_at = i + 2;
            let Some(len) = rest[value_at..].find('"') else {
                break;
            };
            let name_at = rest[..i]
                .char_indices()
                .rev()
                .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
                .map_or(0, |(k, c)| k + c.len_utf8());
            let attribute = matches!(&rest[name_at..i], "href" | "src" | "data-src")
                && rest[..name_at].ends_with(|c: char| c.is_ascii_whitespace());
            let value = &rest[value_at..value_at + len];
            out.push_str(&rest[..value_at]);
            if attribute {
                if let Some(fragment) = value.strip_prefix('#') {
                    if let Some(at) = self.holder(fragment) {
                        out.push_str(&self.href(doc, at));
                    }
                } else if relative(value) {
                    out.push_str(&up);
                }
            }
            out.push_str(value);
            rest = &rest[value_at + len..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
}

/// Whether `href` is relative to the page (not a fragment, a scheme's or the server's root).
fn relative(href: &str) -> bool {
    // (A scheme: a letter, then letters, digits, `+`, `-` or `.`, then `:`.)
    let scheme = href.find(':').is_some_and(|c| {
        let s = &href.as_bytes()[..c];
        s.first().is_some_and(u8::is_ascii_alphabetic)
            && s.iter()
                .all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(b))
    });
    !(href.is_empty() || href.starts_with(['#', '/', '?']) || scheme)
}

impl Renderer<'_> {
    /// The print pages (see the module's documentation), each a result of its own.
    pub(super) fn print_pages(&self, out: &mut Vec<Result<OutputFile, Diagnostic>>) {
        let book = self.book;
        let dir = urls::PRINT;
        // Href from `print/` -> the id of what it links to there.
        let mut printed: HashMap<String, String> = book
            .order
            .iter()
            .enumerate()
            .map(|(n, &i)| (urls::href(dir, &book.pages[i].dir()), format!("p{n}")))
            .collect();
        // Rule cards, as in the rules' index.
        let rules: Vec<(usize, &crate::content::Located<Rule>)> = self.rules_in_index_order();
        for (_, lr) in &rules {
            let id = &lr.value.id;
            printed.insert(urls::href(dir, &urls::rule(id)), format!("r-{id}"));
        }
        self.printing(&printed);
        // Each page's depth (the home page 0), in reading order.
        let depths: Vec<usize> = book
            .order
            .iter()
            .map(|&i| {
                let mut depth = 0;
                let mut up = book.pages[i].parent;
                while let Some(u) = up {
                    depth += 1;
                    up = book.pages[u].parent;
                }
                depth
            })
            .collect();
        // Chapter numbers (1, 1.2, ...) in reading order: on paper the contents cannot give
        // page numbers (no browser prints target-counter()), so chapters are found by these.
        let mut counters: Vec<usize> = Vec::new();
        let numbers: Vec<String> = depths
            .iter()
            .map(|&depth| {
                if depth == 0 {
                    return String::new();
                }
                counters.resize(depth, 0);
                counters[depth - 1] += 1;
                let parts: Vec<String> = counters.iter().map(usize::to_string).collect();
                parts.join(".")
            })
            .collect();
        let pages: Vec<PrintedPage> = book
            .order
            .par_iter()
            .enumerate()
            .map(|(n, &i)| {
                let p = &book.pages[i];
                let title_id = p.front.title_id.as_ref().map(|(id, l)| (id.as_str(), *l));
                // (With the preview server's cache: what the page's Markdown printed here is
                // made from, as the page's own (`render_markdown`), with its place in print.)
                let memo = self
                    .cache
                    .zip(*self.printed.read().unwrap_or_else(|e| e.into_inner()));
                let key = memo.map(|(c, map)| {
                    let lesson = p.kind == PageKind::Lesson;
                    let source = (&p.body, p.body_line, &p.file, &p.path, &p.origins, title_id);
                    (c, key_of((self.universe(), map, n, lesson, source)))
                });
                let html = match key.and_then(|(c, k)| c.printed.get(k)) {
                    Some(html) => html,
                    None => {
                        let mut inner = PageLinks::new(book, p);
                        inner.dir = dir.to_string();
                        let links = PrintLinks {
                            inner,
                            prefix: format!("p{n}-"),
                            printed: &printed,
                        };
                        // (Errors in the Markdown are reported by the page itself.)
                        let r = markdown::render_with(
                            &p.body,
                            &p.file,
                            p.body_line,
                            &links,
                            p.origins.as_deref(),
                            title_id,
                        );
                        if let Some((c, k)) = key {
                            c.printed.put(k, r.html.clone());
                        }
                        r.html
                    }
                };
                // An embedded quiz stays its link: the player is for the screen.
                let content = print_refs(&html, n, &numbers)
                    .replace("class=\"quiz-app quiz-embed\"", "class=\"quiz-embed\"");
                let summary = p.front.summary.clone();
                // (Its title and summary, and the gap before the next page.)
                let head = 3.0 + (units(&summary) / LINE_UNITS).ceil();
                PrintedPage {
                    kind: match p.kind {
                        PageKind::Home => "home",
                        PageKind::Section => "section",
                        PageKind::Lesson => "lesson",
                    },
                    title: p.front.title.clone(),
                    number: numbers[n].clone(),
                    summary,
                    depth: depths[n],
                    lines: head + print_lines(&content),
                    content,
                }
            })
            .collect();
        // The cards, each rendered once (for `print/`) and placed as the pages are.
        let mut card_ctx = self.context(dir);
        card_ctx.insert("page", &serde_json::json!({ "kind": "print", "dir": dir }));
        let cards: Vec<Result<(serde_json::Value, String), Diagnostic>> = rules
            .par_iter()
            .map(|(_, lr)| {
                let prefix = format!("r-{}-", lr.value.id);
                let view = self.rule_view(lr, dir, &prefix, None, Some(&printed), &mut Vec::new());
                // (The view moved into the context, not copied: most of a card's cost.)
                let mut ctx = card_ctx.clone();
                ctx.extend(context_of([("rule", view)]));
                let card = self.render_page("rule-card.html", &mut ctx)?;
                let view = ctx.remove("rule").unwrap_or_default();
                let card = String::from_utf8(card)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
                Ok((view, card))
            })
            .collect();
        let cards: Vec<(serde_json::Value, String)> = match cards.into_iter().collect() {
            Ok(c) => c,
            Err(e) => {
                out.push(Err(e));
                return;
            }
        };

        // The parts: each top-level page with the pages under it (reading order keeps them
        // together), a chapter too large split by its sections, then the cards.
        let mut chapters: Vec<Range<usize>> = Vec::new();
        for (n, &d) in depths.iter().enumerate().skip(1) {
            match chapters.last_mut() {
                Some(c) if d > 1 => c.end = n + 1,
                _ => chapters.push(n..n + 1),
            }
        }
        let lines: Vec<f64> = pages.iter().map(|p| p.lines).collect();
        let section: Vec<bool> = book
            .order
            .iter()
            .map(|&i| book.pages[i].kind == PageKind::Section)
            .collect();
        let mut pieces: Vec<Piece> = Vec::new();
        for c in &chapters {
            split(c.clone(), &depths, &lines, &section, None, &mut pieces);
        }
        // (A run is named and numbered by the chapter or section it is a run of.)
        let starts: Vec<usize> = pieces.iter().map(|p| p.tree.start).collect();
        let mut parts: Vec<Part> = Vec::with_capacity(pieces.len() + 8);
        for piece in pieces {
            let head = match (piece.run, piece.parent) {
                (Some(_), Some(j)) => starts[j],
                _ => piece.tree.start,
            };
            let (title, unit) = match (piece.run, piece.parent) {
                (Some(r), Some(j)) => (
                    format!("{} · 第 {r} 部分", pages[head].title),
                    parts[j].unit,
                ),
                (_, Some(_)) => (pages[head].title.clone(), "节"),
                _ => (pages[head].title.clone(), "章"),
            };
            parts.push(Part {
                name: book.pages[book.order[head]].path.clone(),
                title,
                number: numbers[head].clone(),
                sheets: sheets_of(piece.pages.iter().map(|&n| lines[n])),
                pages: piece.pages,
                rules: 0..0,
                tree_sheets: sheets_of(piece.tree.clone().map(|n| lines[n])),
                tree: piece.tree,
                parent: piece.parent,
                run: piece.run,
                unit,
            });
        }
        run_names(&mut parts);
        // Whether a chapter is printed a section at a time, and one a run of lessons at a time.
        let split_any = parts.iter().any(|p| p.parent.is_some() && p.run.is_none());
        let runs_any = parts.iter().any(|p| p.run.is_some());
        let chapter_parts = parts.len();
        for run in rule_runs(&rules) {
            let (category, title) = match &rules[run.start].1.value.category {
                _ if run.len() == rules.len() => (String::new(), "附录　规则卡".to_string()),
                c => (
                    c.clone(),
                    format!("附录　规则卡 · {}", self.category_label(c)),
                ),
            };
            parts.push(Part {
                name: category,
                title,
                number: String::new(),
                pages: Vec::new(),
                sheets: run.len(),
                tree_sheets: run.len(),
                rules: run,
                tree: 0..0,
                parent: None,
                run: None,
                unit: "",
            });
        }
        part_names(&mut parts[chapter_parts..]);

        let mut page_part: Vec<Option<usize>> = vec![None; pages.len()];
        let mut rule_part: HashMap<&str, usize> = HashMap::new();
        for (k, part) in parts.iter().enumerate() {
            for &n in &part.pages {
                page_part[n] = Some(k);
            }
            for (_, lr) in &rules[part.rules.clone()] {
                rule_part.insert(lr.value.id.as_str(), k);
            }
        }
        let places = PrintPlaces {
            names: parts.iter().map(|p| p.name.clone()).collect(),
            page_part,
            rule_part,
        };

        // The whole book on one page: its cover and contents (a line for each page, for two
        // cards) on sheets of their own, the home page, each chapter from a new sheet, the
        // cards.
        // (As printed there: each chapter whole, however it is split on its own print pages.)
        let unsplit = chapters.len() + parts.len() - chapter_parts;
        let contents_lines = 4.0 + (pages.len() + rules.len().div_ceil(2) + unsplit) as f64;
        let home_lines: f64 = pages
            .iter()
            .zip(&places.page_part)
            .filter(|(_, at)| at.is_none())
            .map(|(p, _)| p.lines)
            .sum();
        let sheets = 1
            + (contents_lines / SHEET_LINES).ceil() as usize
            + (home_lines / SHEET_LINES).ceil() as usize
            + parts
                .iter()
                .filter(|p| p.parent.is_none())
                .map(|p| p.tree_sheets)
                .sum::<usize>()
            + usize::from(!rules.is_empty());
        let whole = sheets <= OutputConfig::PRINT_WHOLE_BOOK_SHEETS;

        // (The template's values made here, the content moved into them: it is most of the
        // bytes of a print page.)
        let page_value = |n: usize, doc: Doc| -> Value {
            let p = &pages[n];
            // On the whole book, a chapter's own print page is a click away.
            let part = match (doc, places.page_part[n]) {
                (Doc::Contents(true), Some(k)) if depths[n] == 1 => serde_json::json!({
                    "href": places.href(Doc::Contents(false), Some(k)),
                    "sheets": parts[k].sheets,
                }),
                _ => Value::Null,
            };
            let mut v = Map::new();
            v.insert("id".into(), format!("p{n}").into());
            v.insert("kind".into(), p.kind.into());
            v.insert("title".into(), p.title.clone().into());
            v.insert("number".into(), p.number.clone().into());
            v.insert("summary".into(), p.summary.clone().into());
            v.insert("depth".into(), p.depth.into());
            v.insert(
                "content".into(),
                places.relocate(&p.content, doc).into_owned().into(),
            );
            v.insert("part".into(), part);
            Value::Object(v)
        };
        // (A book's own print.html, made for an older theme, includes rule-card.html: it gets
        // each card's values, as the rule's page has them.)
        let card_views = self.templates.custom.contains("print.html");
        let card_value = |r: usize, doc: Doc| -> Value {
            let (view, card) = &cards[r];
            let mut v = match view {
                Value::Object(m) if card_views => m.clone(),
                _ => Map::new(),
            };
            v.insert("id".into(), rules[r].1.value.id.clone().into());
            v.insert(
                "card".into(),
                places.relocate(card, doc).into_owned().into(),
            );
            Value::Object(v)
        };
        // A line of a contents: pages by their number, cards by their id.
        let entry = |depth: usize, number: &str, code: &str, title: &str, href: String| {
            serde_json::json!({
                "depth": depth, "number": number, "code": code, "title": title, "href": href,
            })
        };
        // How many print pages each part's chapter or section is on: 1, or more when split.
        let split_into: Vec<usize> = parts
            .iter()
            .map(|p| {
                parts
                    .iter()
                    .filter(|q| !p.tree.is_empty() && p.tree.contains(&q.tree.start))
                    .count()
                    .max(1)
            })
            .collect();
        // The part whose chapter or section starts at each page.
        let part_at: HashMap<usize, usize> = parts
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.tree.is_empty())
            .map(|(k, p)| (p.tree.start, k))
            .collect();
        // Each part's sections and runs of lessons split off it (not theirs).
        let mut direct: Vec<(usize, usize)> = vec![(0, 0); parts.len()];
        for p in &parts {
            if let Some(j) = p.parent {
                match p.run {
                    Some(_) => direct[j].1 += 1,
                    None => direct[j].0 += 1,
                }
            }
        }
        // A run's place among its chapter's or section's, and its first and last lessons.
        let run_value = |p: &Part| -> Value {
            let (Some(n), Some(j), Some(&first), Some(&last)) =
                (p.run, p.parent, p.pages.first(), p.pages.last())
            else {
                return Value::Null;
            };
            let lesson =
                |n: usize| serde_json::json!({ "number": numbers[n], "title": pages[n].title });
            serde_json::json!({
                "n": n,
                "of": direct[j].1,
                "first": lesson(first),
                "last": lesson(last),
            })
        };
        let part_value = |k: usize, from: Doc| {
            let p = &parts[k];
            // (From `print/` to the part's own page, whether or not `print/` holds it too.)
            let from = match from {
                Doc::Contents(_) => Doc::Contents(false),
                d => d,
            };
            serde_json::json!({
                "name": p.name,
                "title": p.title,
                "number": p.number,
                "kind": if p.rules.is_empty() { "chapter" } else { "rules" },
                "unit": p.unit,
                "href": places.href(from, Some(k)),
                "pages": p.pages.len(),
                "rules": p.rules.len(),
                "sheets": p.sheets,
                "split": split_into[k],
                "all_pages": p.tree.len(),
                "all_sheets": p.tree_sheets,
                "sections": direct[k].0,
                "runs": direct[k].1,
                "run": run_value(p),
            })
        };

        // print/: the contents, with each part's print page, then the home page and, while it
        // stays a reasonable size, the rest of the book.
        let doc = Doc::Contents(whole);
        let mut toc: Vec<serde_json::Value> = Vec::new();
        for n in 1..pages.len() {
            let at = places.href(doc, places.page_part[n]);
            let mut e = entry(
                depths[n],
                &numbers[n],
                "",
                &pages[n].title,
                format!("{at}#p{n}"),
            );
            if let Some(&k) = part_at.get(&n) {
                e["part"] = part_value(k, doc);
            }
            toc.push(e);
        }
        for (k, part) in parts.iter().enumerate().skip(chapter_parts) {
            let at = places.href(doc, Some(k));
            // (The whole book's cards under one heading.)
            let href = match whole {
                true if k == chapter_parts => "#print-rules".to_string(),
                _ => format!("{at}#r-{}", rules[part.rules.start].1.value.id),
            };
            let mut e = entry(1, "", "", &part.title, href);
            e["part"] = part_value(k, doc);
            toc.push(e);
            for (_, lr) in &rules[part.rules.clone()] {
                let r = &lr.value;
                toc.push(entry(2, "", &r.id, &r.title, format!("{at}#r-{}", r.id)));
            }
        }
        let shown: Vec<Value> = (0..pages.len())
            .filter(|&n| whole || places.page_part[n].is_none())
            .map(|n| page_value(n, doc))
            .collect();
        let shown_rules: Vec<Value> = if whole {
            (0..rules.len()).map(|r| card_value(r, doc)).collect()
        } else {
            Vec::new()
        };
        let all_parts: Vec<serde_json::Value> =
            (0..parts.len()).map(|k| part_value(k, doc)).collect();
        let contents = self.render_generated("print.html", dir, urls::titles::PRINT, |c| {
            c.insert("whole", &whole);
            c.insert("split", &split_any);
            c.insert("runs", &runs_any);
            c.insert("sheets", &sheets);
            c.insert("page_count", &pages.len());
            c.insert("rule_count", &rules.len());
            c.insert("toc", &toc);
            c.insert("parts", &all_parts);
            c.extend(context_of([
                ("pages", shown.into()),
                ("rules", shown_rules.into()),
            ]));
        });
        let failed = contents.is_err();
        out.push(contents);
        if failed {
            // (The same template fails the same way on each part's page.)
            return;
        }
        // A book's own print.html made before chapters were printed by their sections and in
        // parts (it reads `part` but not `part.unit`) calls every such page a chapter.
        let pieces = parts.iter().filter(|p| p.parent.is_some()).count();
        if let Some(file) = (pieces > 0)
            .then(|| {
                self.templates
                    .custom_reading_without("print.html", "part", "unit")
            })
            .flatten()
        {
            out.push(Err(Diagnostic::warning(file, 1, 1, t!(
                "this print.html was made before chapters too large to print at once were printed by their sections and in parts (it never reads `part.unit` or `part.run`): their {pieces} print pages will call themselves chapters (第 5.2 章, 本章)",
                "这个 print.html 是在“太大的章按节、按部分分开打印”之前做的（里面没有用到 `part.unit` 和 `part.run`）：那样分出来的 {pieces} 个打印页都会把自己说成一章（第 5.2 章、本章）"
            ))
            .with_hint(t!(
                "copy print.html again from the theme of this handbook version (themes/default/templates/print.html) and make your changes to it again; or delete this file to use the theme's",
                "请从这个版本的 handbook 的主题里（themes/default/templates/print.html）重新复制一份 print.html，再把你的修改改上去；或者删掉这个文件，直接用主题自带的"
            ))));
        }

        // Each part's page.
        let made: Vec<Result<OutputFile, Diagnostic>> = (0..parts.len())
            .into_par_iter()
            .map(|k| {
                let part = &parts[k];
                let doc = Doc::Part(k);
                let here = format!("{dir}{}/", part.name);
                let link = |j: usize| {
                    let p = &parts[j];
                    let title = match p.number.as_str() {
                        "" => p.title.clone(),
                        n => format!("{n} {}", p.title),
                    };
                    let chapter = p.rules.is_empty() && p.parent.is_none();
                    let section = p.parent.is_some() && p.run.is_none();
                    let run = p.run.is_some();
                    serde_json::json!({ "title": title, "href": places.href(doc, Some(j)), "chapter": chapter, "section": section, "run": run })
                };
                let mut view = part_value(k, doc);
                view["contents"] = places.href(doc, None).into();
                view["prev"] = k.checked_sub(1).map(link).into();
                view["next"] = (k + 1 < parts.len()).then(|| link(k + 1)).into();
                view["parent"] = part.parent.map(link).into();
                // A split chapter's or section's contents: all its pages, those of its sections
                // on their print pages, each of which it offers (单独打印).
                let toc: Vec<serde_json::Value> = if split_into[k] > 1 {
                    part.tree
                        .clone()
                        .map(|n| {
                            let at = places.href(doc, places.page_part[n]);
                            let mut e =
                                entry(depths[n], &numbers[n], "", &pages[n].title, format!("{at}#p{n}"));
                            match part_at.get(&n) {
                                Some(&j) if j != k => e["part"] = part_value(j, doc),
                                _ => {}
                            }
                            e
                        })
                        .collect()
                } else {
                    part.pages
                        .iter()
                        .map(|&n| entry(depths[n], &numbers[n], "", &pages[n].title, format!("#p{n}")))
                        .chain(part.rules.clone().map(|r| {
                            let r = &rules[r].1.value;
                            entry(2, "", &r.id, &r.title, format!("#r-{}", r.id))
                        }))
                        .collect()
                };
                let shown: Vec<Value> = part.pages.iter().map(|&n| page_value(n, doc)).collect();
                let cards: Vec<Value> =
                    part.rules.clone().map(|r| card_value(r, doc)).collect();
                let title = match part.number.as_str() {
                    "" => format!("{}（打印版）", part.title),
                    n => format!("{n} {}（打印版）", part.title),
                };
                let home = &book.pages[0].front.title;
                let mut breadcrumbs = vec![
                    serde_json::json!({ "title": home, "href": urls::href(&here, "") }),
                    serde_json::json!({ "title": urls::titles::PRINT, "href": urls::href(&here, dir) }),
                ];
                // A section's: the print pages of the chapter (and sections) it is split from.
                let mut up = Vec::new();
                let mut at = part.parent;
                while let Some(j) = at {
                    let l = link(j);
                    up.push(serde_json::json!({ "title": l["title"], "href": l["href"] }));
                    at = parts[j].parent;
                }
                breadcrumbs.extend(up.into_iter().rev());
                self.render_generated("print.html", &here, &title, |c| {
                    c.insert("page", &serde_json::json!({
                        "title": title,
                        "dir": here,
                        "kind": "print",
                        "breadcrumbs": breadcrumbs,
                    }));
                    c.insert("part", &view);
                    c.insert("toc", &toc);
                    c.extend(context_of([("pages", shown.into()), ("rules", cards.into())]));
                })
            })
            .collect();
        out.extend(made);
    }
}

/// A template's context of `values`, moved in (`Context::insert` copies each).
fn context_of<const N: usize>(values: [(&str, Value); N]) -> tera::Context {
    let map: Map<String, Value> = values
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    tera::Context::from_value(Value::Object(map)).unwrap_or_default()
}

/// The rule cards' print pages, as ranges of the rules in index order: one, or by category
/// when there are more than [`RULES_PER_PART`] (a category with more in pieces of that many).
fn rule_runs(rules: &[(usize, &crate::content::Located<Rule>)]) -> Vec<Range<usize>> {
    if rules.is_empty() {
        return Vec::new();
    }
    if rules.len() <= RULES_PER_PART {
        return std::iter::once(0..rules.len()).collect();
    }
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (r, (_, lr)) in rules.iter().enumerate() {
        match runs.last_mut() {
            Some(run)
                if rules[run.start].1.value.category == lr.value.category
                    && run.len() < RULES_PER_PART =>
            {
                run.end = r + 1
            }
            _ => runs.push(r..r + 1),
        }
    }
    runs
}

/// The folders of the runs of lessons' print pages: `<chapter>/1`, `<chapter>/2` ... under their
/// chapter's or section's (`business/billing/1`); `<chapter>/part1` ... where a section of the
/// chapter is a folder named as one of those.
fn run_names(parts: &mut [Part]) {
    let taken: HashSet<String> = parts
        .iter()
        .filter(|p| p.run.is_none())
        .map(|p| p.name.clone())
        .collect();
    let mut used = taken.clone();
    for k in 0..parts.len() {
        let (Some(n), Some(j)) = (parts[k].run, parts[k].parent) else {
            continue;
        };
        let up = &parts[j].name;
        let of = parts
            .iter()
            .filter(|p| p.parent == Some(j) && p.run.is_some())
            .count();
        let word = match (1..=of).any(|m| taken.contains(&format!("{up}/{m}"))) {
            true => "part",
            false => "",
        };
        let base = format!("{up}/{word}{n}");
        let mut name = base.clone();
        let mut m = 1;
        while !used.insert(name.clone()) {
            m += 1;
            name = format!("{base}-{m}");
        }
        parts[k].name = name;
    }
}

/// The folders of the cards' print pages (`name` holding the category): `rules` for all of
/// them; else `rules/<category>`, the category's id where it is a plain name (letters, digits,
/// `-`, `_`) and its place (`rules/c3`) where not; a category's second piece `rules/intake-2`,
/// its pieces' titles ending （一）, （二）.
fn part_names(parts: &mut [Part]) {
    if parts.len() == 1 {
        parts[0].name = "rules".to_string();
        return;
    }
    let categories: Vec<String> = parts
        .iter_mut()
        .map(|p| std::mem::take(&mut p.name))
        .collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut place = 0;
    for (k, category) in categories.iter().enumerate() {
        let first = k == 0 || categories[k - 1] != *category;
        if first {
            place += 1;
        }
        let piece = categories[..k]
            .iter()
            .rev()
            .take_while(|c| *c == category)
            .count()
            + 1;
        let pieces = piece - 1
            + categories[k..]
                .iter()
                .take_while(|c| *c == category)
                .count();
        let plain = !category.is_empty()
            && category
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        let base = if plain {
            category.to_ascii_lowercase()
        } else {
            format!("c{place}")
        };
        let mut name = base.clone();
        let mut n = 1;
        while !used.insert(name.clone()) {
            n += 1;
            name = format!("{base}-{n}");
        }
        let part = &mut parts[k];
        if pieces > 1 {
            part.title = format!(
                "{}（{}）",
                part.title,
                crate::render::paper::part_number(piece)
            );
        }
        part.name = format!("rules/{name}");
    }
}

/// The width of `text` in half-width units (a Chinese character is two).
fn units(text: &str) -> f64 {
    text.chars()
        .map(|c| if (c as u32) < 0x1100 { 1.0 } else { 2.0 })
        .sum()
}

/// The width of a UTF-8 byte, in half-width units: a character's first byte stands for it (one
/// of three or four bytes, Chinese, is two wide), the bytes after it none.
const WIDTH: [u32; 256] = {
    let mut w = [1u32; 256];
    let mut c = 0x80;
    while c < 0x100 {
        w[c] = match c {
            0x80..=0xbf => 0,
            0xe0.. => 2,
            _ => 1,
        };
        c += 1;
    }
    w
};

/// About how many lines `html` (a page's content) prints on, as print.css sets it: each
/// paragraph, list item, table row or heading its text's lines and its margins; a picture or
/// a chart a dozen. An estimate for the contents' "about N sheets", not a layout. (Read as
/// bytes: a character of three or four bytes, Chinese, is two units wide, one of one or two a
/// unit, and a tag's or an entity's bytes are skipped by their delimiters.)
fn print_lines(html: &str) -> f64 {
    let b = html.as_bytes();
    let mut lines = 0.0;
    let mut line = 0.0; // units of the block being read
    let mut pre = false;
    let flush = |lines: &mut f64, line: &mut f64, extra: f64| {
        *lines += (*line / LINE_UNITS).ceil() + extra;
        *line = 0.0;
    };
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'<' => {
                let Some(len) = b[i..].iter().position(|&c| c == b'>') else {
                    break;
                };
                let tag = &b[i + 1..i + len];
                i += len + 1;
                let closing = tag.first() == Some(&b'/');
                let name = &tag[usize::from(closing)..];
                let name = &name[..name
                    .iter()
                    .position(|c| !c.is_ascii_alphanumeric())
                    .unwrap_or(name.len())];
                match (name, closing) {
                    (b"p" | b"dt" | b"dd" | b"blockquote", true) => {
                        flush(&mut lines, &mut line, 0.6)
                    }
                    (b"li", true) => flush(&mut lines, &mut line, 0.15),
                    (b"tr", true) => flush(&mut lines, &mut line, 0.5),
                    (b"td" | b"th", true) => line += 4.0,
                    (b"h1", true) => flush(&mut lines, &mut line, 2.0),
                    (b"h2" | b"h3" | b"h4" | b"h5" | b"h6", true) => {
                        line *= 1.2;
                        flush(&mut lines, &mut line, 1.2)
                    }
                    (b"pre", false) => pre = true,
                    (b"pre", true) => {
                        pre = false;
                        flush(&mut lines, &mut line, 1.5)
                    }
                    (b"br", _) => flush(&mut lines, &mut line, 0.0),
                    (b"img", false) => lines += 12.0,
                    (b"svg", false) => {
                        // A chart: its boxes' words are not lines of text.
                        lines += 16.0;
                        match html[i..].find("</svg>") {
                            Some(e) => i += e + 6,
                            None => break,
                        }
                    }
                    (b"ul" | b"ol" | b"table", true) => lines += 0.6,
                    _ => {}
                }
            }
            b'&' => {
                // An entity: one character.
                let end = b[i..].iter().take(10).position(|&c| c == b';');
                i += end.map_or(1, |e| e + 1);
                line += 1.0;
            }
            b'\n' if pre => {
                flush(&mut lines, &mut line, 0.0);
                i += 1;
            }
            _ => {
                // Text, to the next tag, entity or (in code) line end; white space at the
                // start of a block takes no room.
                let end = b[i..]
                    .iter()
                    .position(|&c| c == b'<' || c == b'&' || (pre && c == b'\n'))
                    .map_or(b.len(), |e| i + e);
                let mut text = &b[i..end];
                if line == 0.0 {
                    let blank = text.iter().take_while(|c| c.is_ascii_whitespace()).count();
                    text = &text[blank..];
                }
                line += text.iter().map(|&c| WIDTH[usize::from(c)]).sum::<u32>() as f64;
                i = end;
            }
        }
    }
    lines + (line / LINE_UNITS).ceil()
}

/// Links of a page shown on the print pages (see [`Renderer::print_pages`]).
pub(super) struct PrintLinks<'a> {
    /// Resolves as for the page, with hrefs relative to `print/`.
    pub(super) inner: PageLinks<'a>,
    /// `p<n>-`: this page's ids on the print pages.
    pub(super) prefix: String,
    /// Href from `print/` to a printed page or rule card -> its id there.
    pub(super) printed: &'a HashMap<String, String>,
}

impl markdown::LinkResolver for PrintLinks<'_> {
    fn content_folder(&self) -> Option<String> {
        self.inner.content_folder()
    }
    fn resolve(
        &self,
        dest: &str,
        wiki: bool,
    ) -> Result<Option<markdown::Resolved>, (String, String)> {
        let Some(mut r) = self.inner.resolve(dest, wiki)? else {
            return Ok(None);
        };
        let (to, anchor) = match r.href.split_once('#') {
            Some((to, a)) => (to, a),
            None => (r.href.as_str(), ""),
        };
        let prefix = if to.is_empty() {
            Some(self.prefix.clone())
        } else {
            self.printed.get(to).map(|id| format!("{id}-"))
        };
        if let Some(prefix) = prefix {
            r.href = if anchor.is_empty() {
                format!("#{}", prefix.trim_end_matches('-'))
            } else {
                format!("#{prefix}{anchor}")
            };
        }
        Ok(Some(r))
    }

    fn id_prefix(&self) -> &str {
        &self.prefix
    }

    fn embedded_rule(&self, id: &str) -> Option<(&Rule, Box<dyn markdown::LinkResolver + '_>)> {
        let fields = PrintLinks {
            inner: PageLinks::for_fields(self.inner.book, &self.inner.dir),
            prefix: self.prefix.clone(),
            printed: self.printed,
        };
        Some((
            self.inner.book.rule(id)?,
            Box::new(markdown::FieldLinks(fields)),
        ))
    }
}

/// The print pages' `html` of page `own` (by place in reading order), each link to another page
/// followed by where it is on paper, `（见 4.4）` (shown when printed only: on the screen the
/// link goes there).
fn print_refs(html: &str, own: usize, numbers: &[String]) -> String {
    const OPEN: &str = "<a href=\"#p";
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find(OPEN) {
        let after = &rest[i + OPEN.len()..];
        let digits = after.bytes().take_while(u8::is_ascii_digit).count();
        let target = after[..digits].parse::<usize>().ok();
        let end = after.find("</a>").map(|e| i + OPEN.len() + e + 4);
        let (Some(n), Some(end)) = (target, end) else {
            out.push_str(&rest[..i + OPEN.len()]);
            rest = &rest[i + OPEN.len()..];
            continue;
        };
        out.push_str(&rest[..end]);
        if let Some(number) = numbers.get(n).filter(|s| n != own && !s.is_empty()) {
            out.push_str(&format!("<span class=\"print-ref\">（见 {number}）</span>"));
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_printed_link_to_another_chapter_says_where_it_is_on_paper() {
        let numbers: Vec<String> = ["", "1", "1.1", "2"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let html = r##"见<a href="#p2">一</a>、<a href="#p3-时限">二</a>、<a href="#p1">本章</a>、<a href="#r-TS-1">卡</a>、<a href="#p9">外</a>、<a href="#p0">首页</a><a href="#p"##;
        assert_eq!(
            print_refs(html, 1, &numbers),
            r##"见<a href="#p2">一</a><span class="print-ref">（见 1.1）</span>、<a href="#p3-时限">二</a><span class="print-ref">（见 2）</span>、<a href="#p1">本章</a>、<a href="#r-TS-1">卡</a>、<a href="#p9">外</a>、<a href="#p0">首页</a><a href="#p"##
        );
    }

    fn places() -> PrintPlaces<'static> {
        // The home page, chapter `a` (pages 1, 2), chapter `b` (3), the cards of two
        // categories.
        PrintPlaces {
            names: ["a", "b", "rules/intake", "rules/c2"]
                .map(String::from)
                .to_vec(),
            page_part: vec![None, Some(0), Some(0), Some(1)],
            rule_part: HashMap::from([("TS-INT-001", 2), ("TS-PROC-002", 3)]),
        }
    }

    #[test]
    fn a_print_page_links_to_what_another_holds_there_and_climbs_to_the_site() {
        let p = places();
        let html = concat!(
            r##"<p><a href="#p2-x">同章</a><a href="#p3">他章</a><a href="#p3-处理要点">节</a>"##,
            r##"<a href="#p0">首页</a><a href="#r-TS-PROC-002-时限">卡</a><a href="#r-TS-INT-001">卡</a>"##,
            r##"<a href="#x">页内</a><img src="../basics/a.png" alt="x"><a href="../quizzes/q/index.html">测验</a>"##,
            r##"<a href="https://example.com/">外</a><a href="mailto:a@b">信</a>"##,
            r##"<div class="quiz-embed" data-src="../quizzes/q/quiz.js" data-quiz="q">写着 href=&quot;#p3&quot;</div></p>"##,
        );
        assert_eq!(
            p.relocate(html, Doc::Part(0)),
            concat!(
                r##"<p><a href="#p2-x">同章</a><a href="../b/index.html#p3">他章</a><a href="../b/index.html#p3-处理要点">节</a>"##,
                r##"<a href="../index.html#p0">首页</a><a href="../rules/c2/index.html#r-TS-PROC-002-时限">卡</a><a href="../rules/intake/index.html#r-TS-INT-001">卡</a>"##,
                r##"<a href="#x">页内</a><img src="../../basics/a.png" alt="x"><a href="../../quizzes/q/index.html">测验</a>"##,
                r##"<a href="https://example.com/">外</a><a href="mailto:a@b">信</a>"##,
                r##"<div class="quiz-embed" data-src="../../quizzes/q/quiz.js" data-quiz="q">写着 href=&quot;#p3&quot;</div></p>"##,
            )
        );
        // From a card's page, two folders below print/.
        assert_eq!(
            p.relocate(
                r##"<a href="#p1">a</a><a href="#r-TS-PROC-002">b</a><a href="#r-TS-INT-001-x">c</a><a href="../rules/index.html">d</a>"##,
                Doc::Part(3)
            ),
            r##"<a href="../../a/index.html#p1">a</a><a href="#r-TS-PROC-002">b</a><a href="../../rules/intake/index.html#r-TS-INT-001-x">c</a><a href="../../../rules/index.html">d</a>"##
        );
        // print/ as the contents: the chapters are on their pages.
        assert_eq!(
            p.relocate(
                r##"<a href="#p1">a</a><a href="#p0-x">b</a><a href="../a/index.html">c</a>"##,
                Doc::Contents(false)
            ),
            r##"<a href="a/index.html#p1">a</a><a href="#p0-x">b</a><a href="../a/index.html">c</a>"##
        );
        // The whole book holds them all, as rendered.
        let html = r##"<a href="#p3">x</a><img src="../a.png">"##;
        assert_eq!(p.relocate(html, Doc::Contents(true)), html);
        // An unknown card, or a fragment that only looks like a page's, is left alone.
        let html = r##"<a href="#r-TS-X-9">x</a><a href="#p12">y</a><a href="#pa">z</a><a href="#p3x">w</a>"##;
        assert_eq!(p.relocate(html, Doc::Part(0)), html);
        // Broken HTML: no panic.
        assert_eq!(p.relocate("<a href=\"#p3", Doc::Part(0)), "<a href=\"#p3");
        assert_eq!(p.relocate("=\"", Doc::Part(0)), "=\"");
    }

    #[test]
    fn no_text_makes_the_print_pages_panic() {
        // Every sequence of four of these pieces (raw HTML in a lesson is passed on as written).
        let pieces = [
            "中",
            "href",
            "=\"",
            "\"",
            "#p1",
            "#r-TS-INT-001",
            "src",
            " ",
            "<a ",
            "../x",
            "-",
            "&",
            "<svg>",
            "<pre>",
            "\n",
            ">",
            "</p>",
        ];
        let p = places();
        let numbers: Vec<String> = ["", "1", "1.1", "2"].map(String::from).to_vec();
        let mut text = String::new();
        let n = pieces.len();
        for k in 0..n.pow(4) {
            text.clear();
            let mut k = k;
            for _ in 0..4 {
                text.push_str(pieces[k % n]);
                k /= n;
            }
            for doc in [Doc::Part(0), Doc::Part(3), Doc::Contents(false)] {
                p.relocate(&text, doc);
            }
            assert!(print_lines(&text).is_finite());
            print_refs(&text, 1, &numbers);
        }
        // An attribute after a Chinese character is still one.
        assert_eq!(
            p.relocate("中 href=\"#p3\"", Doc::Part(0)),
            "中 href=\"../b/index.html#p3\""
        );
        assert_eq!(p.relocate("中href=\"#p3\"", Doc::Part(0)), "中href=\"#p3\"");
    }

    #[test]
    fn what_is_relative_to_the_page() {
        for h in ["a.png", "../a/index.html", "图:1.png", "a/b:c", "./x"] {
            assert!(relative(h), "{h}");
        }
        for h in [
            "",
            "#x",
            "/a",
            "//host/a",
            "?q=1",
            "https://x",
            "mailto:a",
            "data:image/png,x",
            "tel:1",
            "a:b/c",
        ] {
            assert!(!relative(h), "{h}");
        }
    }

    #[test]
    fn the_printed_lines_grow_with_the_text_and_its_blocks() {
        let para = format!("<p>{}</p>", "投".repeat(44));
        assert!(
            (print_lines(&para) - 1.6).abs() < 0.01,
            "{}",
            print_lines(&para)
        );
        let long = format!("<p>{}</p>", "投".repeat(45));
        assert!((print_lines(&long) - 2.6).abs() < 0.01);
        let list = "<ul><li>一</li><li>二</li><li>三</li></ul>";
        assert!(
            (print_lines(list) - 4.05).abs() < 0.01,
            "{}",
            print_lines(list)
        );
        // A chart counts as one block whatever its words; entities are a character.
        let chart = "<svg><text>很多字很多字很多字</text></svg>";
        assert_eq!(print_lines(chart), 16.0);
        assert_eq!(print_lines("<p>&amp;&lt;</p>"), 1.6);
        let code = "<pre><code>a\nb\nc\n</code></pre>";
        assert_eq!(print_lines(code), 4.5);
        // Broken HTML ends the count, never a panic.
        assert!(print_lines("<p>没有结束 <a href=\"x\"").is_finite());
        assert!(print_lines("&").is_finite());
    }

    #[test]
    fn lessons_too_many_for_a_page_are_printed_in_even_runs() {
        let limit = OutputConfig::PRINT_WHOLE_BOOK_SHEETS;
        let sheets = |lines: &[f64], r: &Range<usize>| sheets_of(lines[r.clone()].iter().copied());
        // Consecutive, in order, every lesson once, none past the limit.
        let check = |lines: &[f64], runs: &[Range<usize>]| {
            assert_eq!(runs.first().map_or(0, |r| r.start), 0);
            assert_eq!(runs.last().map_or(0, |r| r.end), lines.len());
            for w in runs.windows(2) {
                assert_eq!(w[0].end, w[1].start, "{runs:?}");
            }
            for r in runs {
                assert!(!r.is_empty());
                assert!(r.len() == 1 || sheets(lines, r) <= limit, "{r:?}");
            }
        };
        assert!(runs(&[]).is_empty());
        let few = vec![SHEET_LINES * 5.0; 50];
        assert_eq!(runs(&few), vec![Range { start: 0, end: 50 }]);
        // 150 lessons of 5 sheets: 750 sheets in three runs of 250, not 300, 300 and 150.
        let many = vec![SHEET_LINES * 5.0; 150];
        let r = runs(&many);
        check(&many, &r);
        assert_eq!(r, [0..50, 50..100, 100..150]);
        // A lesson larger than a page is a run of its own; none is split.
        let mut huge = vec![SHEET_LINES * 5.0; 100];
        huge[40] = SHEET_LINES * 400.0;
        let r = runs(&huge);
        check(&huge, &r);
        assert_eq!(r, [0..40, 40..41, 41..100]);
        // Uneven lessons: as few runs as the limit allows.
        let uneven: Vec<f64> = (0..200)
            .map(|n| SHEET_LINES * (1 + n % 7) as f64 * 0.9)
            .collect();
        let r = runs(&uneven);
        check(&uneven, &r);
        assert_eq!(sheets_of(uneven.iter().copied()).div_ceil(limit), 3);
        assert_eq!(r.len(), 3, "{r:?}");
    }

    #[test]
    fn many_cards_are_printed_by_category_under_plain_folder_names() {
        let part = |name: &str| Part {
            name: name.to_string(),
            title: "附录　规则卡 · 甲".to_string(),
            number: String::new(),
            pages: Vec::new(),
            rules: 0..1,
            sheets: 0,
            tree: 0..0,
            tree_sheets: 0,
            parent: None,
            run: None,
            unit: "",
        };
        let mut parts = vec![
            part("intake"),
            part("intake"),
            part("投诉受理"),
            part("Hall"),
            part(""),
        ];
        part_names(&mut parts);
        let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "rules/intake",
                "rules/intake-2",
                "rules/c2",
                "rules/hall",
                "rules/c4"
            ]
        );
        assert!(parts[0].title.ends_with("（一）"), "{}", parts[0].title);
        assert!(parts[1].title.ends_with("（二）"), "{}", parts[1].title);
        assert!(!parts[2].title.ends_with('）'));
        let mut one = vec![part("intake")];
        part_names(&mut one);
        assert_eq!(one[0].name, "rules");
    }
}
