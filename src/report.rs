//! `handbook report`: what a trainer should look at next. `check` says what is wrong; this says
//! what is thin or old in a book that builds: rules no quiz question asks about or no lesson
//! cites, rules not reviewed for a year or without a source, lessons for new staff and quizzes left out of the
//! course, questions without an explanation or without the rule they rest on, glossary terms
//! no page uses, course modules whose reading and quizzes take longer than their estimate, and
//! lengths of time written beside a rule's id that the rule does not state, and the drafts
//! not yet published.

use crate::book::{Book, CourseTarget, PageKind};
use crate::content::calendar::{format_day, parse_day as day};
use crate::content::lesson::Audience;
use crate::content::quiz::QuestionType;
use crate::content::rule::{format_value, TimeUnit};
use crate::diagnostics::display_path;
use crate::render::markdown::Rendered;
use crate::render::markdown::READ_PER_MINUTE;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::path::Path;

/// Something to look at, and where it is written.
#[derive(Debug, Serialize, PartialEq)]
pub struct Item {
    pub id: String,
    pub title: String,
    /// `file:line`, from the book's folder.
    pub at: String,
    /// What about it (a date, a count …), when there is more to say.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub note: String,
}

#[derive(Debug, Serialize)]
pub struct ContentReport {
    pub title: String,
    pub today: String,
    pub stale_months: u32,
    pub pages: usize,
    pub rules: usize,
    pub quizzes: usize,
    pub questions: usize,
    pub terms: usize,
    /// The book has a course (`course.yaml`): its three sections apply.
    pub has_course: bool,
    pub rules_without_questions: Vec<Item>,
    pub rules_not_in_lessons: Vec<Item>,
    pub stale_rules: Vec<Item>,
    pub rules_without_sources: Vec<Item>,
    /// Rules in force with the same title as another: a search lists them as one title told
    /// apart by the id alone (a provincial book had 60 such).
    pub rules_with_same_title: Vec<Item>,
    pub rules_without_phrases: Vec<Item>,
    /// A rule relating to a whole lesson whose good dialogues are in several sections, the
    /// lesson citing the rule in one of them: its card shows the others' dialogues too.
    pub phrases_to_narrow: Vec<Item>,
    pub lessons_not_in_course: Vec<Item>,
    pub quizzes_not_in_course: Vec<Item>,
    pub questions_without_explanation: Vec<Item>,
    pub questions_without_basis: Vec<Item>,
    pub unused_terms: Vec<Item>,
    pub modules_over_estimate: Vec<Item>,
    pub limits_not_in_rules: Vec<Item>,
    /// Rules with a revision since the version in force took effect that writes a time limit's
    /// new length while that limit has no `previous`: 时限速查 counts a case started before the change with the new figure.
    pub limits_changed_without_previous: Vec<Item>,
    /// Lines of pages that still name a repealed rule (links included: `check` warns only
    /// about quotes, course items, questions and related lists).
    pub repealed_rules_cited: Vec<Item>,
    /// Lessons with `draft: true`: written, not yet published.
    pub drafts: Vec<Item>,
}

fn at(root: &Path, file: &Path, line: usize) -> String {
    format!("{}:{line}", display_path(root, file).display())
}

/// The report on `book` as of `today` (a day number), with rules older than `stale_months`.
pub fn report(book: &Book, today: i64, stale_months: u32) -> ContentReport {
    let root = &book.root;
    let lessons: Vec<usize> = book
        .order
        .iter()
        .copied()
        .filter(|&i| book.pages[i].kind == PageKind::Lesson)
        .collect();

    // Lessons rendered to see their sections, each once (those a rule relates to).
    let mut pages = HashMap::new();
    // Who cites what: rule ids (and former ids) in lesson sources, rules in questions.
    let bodies: Vec<&str> = book.pages.iter().map(|p| p.body.as_str()).collect();
    let asked: HashSet<&str> = book
        .quizzes
        .iter()
        .flat_map(|q| q.value.own_questions())
        .flat_map(|x| x.rules.iter().map(String::as_str))
        .collect();
    let mut rules_without_questions = Vec::new();
    let mut rules_not_in_lessons = Vec::new();
    let mut stale_rules = Vec::new();
    let mut rules_without_sources = Vec::new();
    let mut rules_without_phrases = Vec::new();
    let stale_days = i64::from(stale_months) * 365 / 12;
    for lr in book.rules.iter().filter(|lr| !lr.value.repealed_by(today)) {
        // (A repealed rule needs no questions, lessons or review: what still cites it does.)
        let r = &lr.value;
        let item = |note: String| Item {
            id: r.id.clone(),
            title: r.title.clone(),
            at: at(root, &lr.file, lr.pos("id").0),
            note,
        };
        let names: Vec<&str> = std::iter::once(r.id.as_str())
            .chain(r.aliases.iter().map(String::as_str))
            .collect();
        if !names.iter().any(|n| asked.contains(n)) {
            rules_without_questions.push(item(String::new()));
        }
        if !bodies.iter().any(|b| names.iter().any(|n| b.contains(n))) {
            rules_not_in_lessons.push(item(String::new()));
        }
        if r.sources.is_empty() {
            rules_without_sources.push(item(String::new()));
        }
        // Its card's 示范话术 come from the good dialogues of its related lessons.
        let phrased = book.related_lessons(r).any(|(i, section)| {
            crate::book::has_good_dialogue(&book.pages[i].body)
                && section.is_none_or(|a| {
                    // (Only a section's: the page's headings give the ids.)
                    rendered(book, &mut pages, i)
                        .dialogues
                        .iter()
                        .any(|d| d.within.iter().any(|w| w == a))
                })
        });
        if !phrased {
            rules_without_phrases.push(item(String::new()));
        }
        let last = r
            .revised
            .iter()
            .map(|v| v.date.as_str())
            .chain(r.effective.as_deref())
            .filter_map(|d| day(d).map(|n| (n, d)))
            .max();
        match last {
            Some((n, d)) if today - n > stale_days => {
                stale_rules.push(item(format!("最近修订或生效：{d}（{} 天前）", today - n)))
            }
            None => stale_rules.push(item("没有生效或修订日期".into())),
            _ => {}
        }
    }

    // The course: lessons for new staff and quizzes it leaves out.
    let mut lessons_not_in_course = Vec::new();
    let mut quizzes_not_in_course = Vec::new();
    let mut modules_over_estimate = Vec::new();
    if let Some(course) = &book.course {
        let mut in_course_pages = HashSet::new();
        let mut in_course_quizzes = HashSet::new();
        for (mi, m) in course.value.modules.iter().enumerate() {
            let (mut read, mut quiz) = (0, 0);
            for it in &m.items {
                match book.course_target(it) {
                    Some(CourseTarget::Lesson(p)) => {
                        in_course_pages.insert(p.path.clone());
                        read += reading_minutes(&p.body);
                    }
                    Some(CourseTarget::Rule(r)) => read += rule_minutes(r),
                    Some(CourseTarget::Quiz(q)) => {
                        in_course_quizzes.insert(q.id.clone());
                        quiz += quiz_minutes(q);
                    }
                    None => {}
                }
            }
            if let Some(est) = m.estimate.filter(|&e| (read + quiz) as u32 > e) {
                modules_over_estimate.push(Item {
                    id: String::new(),
                    title: m.title.clone(),
                    at: at(root, &course.file, course.pos(&format!("modules.{mi}")).0),
                    note: format!(
                        "估计 {est} 分钟；阅读约 {read} 分钟，测验约 {quiz} 分钟，共 {} 分钟",
                        read + quiz
                    ),
                });
            }
        }
        for &i in &lessons {
            let p = &book.pages[i];
            let aud = &p.front.audience;
            if (aud.is_empty() || aud.contains(&Audience::NewStaff))
                && !in_course_pages.contains(&p.path)
            {
                lessons_not_in_course.push(Item {
                    id: p.path.clone(),
                    title: p.front.title.clone(),
                    at: at(root, &p.file, 1),
                    note: if aud.is_empty() {
                        "未写读者".into()
                    } else {
                        "面向新员工".into()
                    },
                });
            }
        }
        for lq in &book.quizzes {
            if !in_course_quizzes.contains(&lq.value.id) {
                quizzes_not_in_course.push(Item {
                    id: lq.value.id.clone(),
                    title: lq.value.title.clone(),
                    at: at(root, &lq.file, lq.pos("id").0),
                    note: String::new(),
                });
            }
        }
    }

    // Questions: an explanation (or feedback on the options) teaches; the rule or lesson
    // behind a question is where a learner reads up.
    let mut questions_without_explanation = Vec::new();
    let mut questions_without_basis = Vec::new();
    let mut questions = 0;
    for lq in &book.quizzes {
        let q = &lq.value;
        // (A question another quiz takes is counted and reported at its own quiz.)
        for (k, x) in q.own_questions().enumerate() {
            questions += 1;
            if matches!(x.kind, QuestionType::Flashcards | QuestionType::Scenario) {
                continue; // (their feedback is in the cards and the call's nodes)
            }
            let item = || Item {
                id: format!("{}/{}", q.id, x.id),
                title: crate::search::index::md_text(&x.prompt),
                at: at(root, &lq.file, lq.pos(&format!("questions.{k}")).0),
                note: String::new(),
            };
            let feedback = x.options.iter().any(|o| !o.feedback.trim().is_empty());
            if x.explanation.trim().is_empty() && x.wrong_feedback.trim().is_empty() && !feedback {
                questions_without_explanation.push(item());
            }
            if x.rules.is_empty() && x.lessons.is_empty() {
                questions_without_basis.push(item());
            }
        }
    }

    // Glossary terms that no lesson, rule or question uses (by the term or a synonym).
    let mut text = String::new();
    for b in &bodies {
        text.push_str(b);
    }
    for lr in &book.rules {
        let r = &lr.value;
        for s in std::iter::once(&r.title).chain(rule_texts(r)) {
            text.push_str(s);
            text.push('\n');
        }
    }
    for lq in &book.quizzes {
        for x in lq.value.own_questions() {
            text.push_str(&x.prompt);
            text.push('\n');
        }
    }
    let unused_terms = book
        .glossary
        .iter()
        .filter(|t| !t.value.search_words().any(|w| text.contains(w.as_str())))
        .map(|t| Item {
            id: t.value.term.clone(),
            title: t.value.term.clone(),
            at: at(root, &t.file, t.pos("term").0),
            note: String::new(),
        })
        .collect();

    ContentReport {
        title: book.config.title.clone(),
        today: format_day(today),
        stale_months,
        pages: book.pages.len(),
        rules: book.rules.len(),
        quizzes: book.quizzes.len(),
        questions,
        terms: book.glossary.len(),
        has_course: book.course.is_some(),
        rules_without_questions,
        rules_not_in_lessons,
        stale_rules,
        rules_without_sources,
        rules_with_same_title: rules_with_same_title(book, today),
        rules_without_phrases,
        phrases_to_narrow: phrases_to_narrow(book, &mut pages),
        lessons_not_in_course,
        quizzes_not_in_course,
        questions_without_explanation,
        questions_without_basis,
        unused_terms,
        modules_over_estimate,
        limits_not_in_rules: limits_not_in_rules(book, today),
        limits_changed_without_previous: limits_changed_without_previous(book, today),
        repealed_rules_cited: repealed_rules_cited(book, today),
        drafts: book
            .drafts
            .iter()
            .map(|d| Item {
                id: d.path.clone(),
                title: d.title.clone(),
                at: at(root, &d.file, 1),
                note: String::new(),
            })
            .collect(),
    }
}

/// The rules in force whose title another rule in force has too, each with the others' ids.
fn rules_with_same_title(book: &Book, today: i64) -> Vec<Item> {
    let mut by_title: std::collections::BTreeMap<
        String,
        Vec<&crate::content::Located<crate::content::rule::Rule>>,
    > = std::collections::BTreeMap::new();
    for lr in book.rules.iter().filter(|lr| !lr.value.repealed_by(today)) {
        let key: String = lr.value.title.split_whitespace().collect();
        by_title.entry(key).or_default().push(lr);
    }
    let mut out = Vec::new();
    for same in by_title.values().filter(|v| v.len() > 1) {
        for lr in same {
            let others: Vec<&str> = (same.iter())
                .map(|o| o.value.id.as_str())
                .filter(|&id| id != lr.value.id)
                .collect();
            out.push(Item {
                id: lr.value.id.clone(),
                title: lr.value.title.clone(),
                at: at(&book.root, &lr.file, lr.pos("id").0),
                note: format!("与 {} 同名", others.join("、")),
            });
        }
    }
    out
}

/// A length of time written in text: `5个工作日`, `24 小时`, `10天`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Written {
    value: f64,
    unit: TimeUnit,
}

/// The lengths of time a text writes, with their byte offsets: a number, optional spaces,
/// then a unit. The number may be written in digits (a decimal point allowed), full-width
/// digits (５) or Chinese numerals (五, 十五, 两); numbers listed before one unit share it
/// (`5个和10个工作日`, `**5、10、30**个工作日`, `5至10天`). Digits inside a word or an id
/// (TS-PROC-002) are not a length of time, nor Chinese numerals before 天, 小时 or 分钟.
fn lengths_of_time(text: &str) -> Vec<(usize, Written, &str)> {
    const UNITS: [(&str, TimeUnit); 8] = [
        ("个工作日", TimeUnit::WorkingDays),
        ("工作日", TimeUnit::WorkingDays),
        ("个自然日", TimeUnit::CalendarDays),
        ("自然日", TimeUnit::CalendarDays),
        ("个小时", TimeUnit::Hours),
        ("小时", TimeUnit::Hours),
        ("分钟", TimeUnit::Minutes),
        ("天", TimeUnit::CalendarDays),
    ];
    const JOINS: [&str; 11] = ["、", "和", "或", "及", "至", "到", "~", "～", "—", "–", "-"];
    // Spaces and Markdown's emphasis between the parts.
    let skip = |k: usize| -> usize {
        k + text[k..].len() - text[k..].trim_start_matches([' ', '*', '_']).len()
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < text.len() {
        let c = text[i..].chars().next().unwrap_or(' ');
        let before = text[..i].chars().next_back();
        let glued = before
            .is_some_and(|b| b.is_ascii_alphanumeric() || matches!(b, '-' | '.' | '０'..='９'))
            || before.is_some_and(|b| CN_DIGITS.contains(b));
        // (第 5 个工作日, 第5、6个工作日 count days, they are no length of time.)
        let ordinal = text[..i].trim_end_matches([' ', '*', '_']).ends_with('第');
        let Some((end, value, chinese)) = number_at(text, i).filter(|_| !glued) else {
            i += c.len_utf8();
            continue;
        };
        // (下一个工作日, 每一个工作日, 同一天: 一 that is no number.)
        let not_one = chinese
            && value == 1.0
            && before.is_some_and(|b| "下上每同这那某任前后单唯统另逐第".contains(b));
        let mut chain = vec![(i, value, chinese)];
        let mut j = end;
        loop {
            let k = skip(j);
            if let Some((u, unit)) = UNITS.iter().find(|(u, _)| text[k..].starts_with(u)) {
                let stop = k + u.len();
                for &(start, value, chinese) in &chain {
                    // (Chinese numerals before 天, 小时 or 分钟 are mostly a story's, 等了两天,
                    // 十分钟后; a limit written so says 工作日 or 自然日.)
                    let formal = matches!(unit, TimeUnit::WorkingDays) || u.contains("自然日");
                    if (chinese && !formal) || ordinal || not_one {
                        continue;
                    }
                    out.push((start, Written { value, unit: *unit }, &text[start..stop]));
                }
                j = stop;
                break;
            }
            let k = k + if text[k..].starts_with('个') {
                '个'.len_utf8()
            } else {
                0
            };
            // (A hyphen joins a range, 5-10天, not a year or a hotline to a number: 2024-5.)
            let short = chain.last().is_some_and(|&(s, _, _)| j - s <= 3);
            let next = JOINS
                .iter()
                .find(|w| text[k..].starts_with(*w) && (**w != "-" || short))
                .map(|w| skip(k + w.len()))
                .and_then(|n| number_at(text, n).map(|x| (n, x)));
            match next {
                Some((n, (e, v, cn))) => {
                    chain.push((n, v, cn));
                    j = e;
                }
                None => break,
            }
        }
        i = j;
    }
    out
}

/// Chinese numerals as lengths of time use them.
const CN_DIGITS: &str = "零一二两三四五六七八九十";

/// The number written at byte `i`: (where it ends, its value, whether in Chinese numerals).
fn number_at(text: &str, i: usize) -> Option<(usize, f64, bool)> {
    let rest = &text[i..];
    let mut digits = String::new();
    let mut end = i;
    let mut chars = rest.char_indices().peekable();
    while let Some((k, c)) = chars.next() {
        let d = match c {
            '0'..='9' => c,
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '.' | '．'
                if !digits.is_empty()
                    && chars
                        .peek()
                        .is_some_and(|(_, n)| n.is_ascii_digit() || ('０'..='９').contains(n)) =>
            {
                '.'
            }
            _ => break,
        };
        digits.push(d);
        end = i + k + c.len_utf8();
    }
    if !digits.is_empty() {
        return digits.parse().ok().map(|v| (end, v, false));
    }
    let cn: Vec<char> = rest
        .chars()
        .take_while(|c| CN_DIGITS.contains(*c))
        .collect();
    let digit = |c: char| -> Option<f64> {
        match c {
            '一' => Some(1.0),
            '二' | '两' => Some(2.0),
            '三' => Some(3.0),
            '四' => Some(4.0),
            '五' => Some(5.0),
            '六' => Some(6.0),
            '七' => Some(7.0),
            '八' => Some(8.0),
            '九' => Some(9.0),
            _ => None,
        }
    };
    let value = match cn.as_slice() {
        ['十'] => 10.0,
        [c] => digit(*c)?,
        ['十', o] => 10.0 + digit(*o)?,
        [t, '十'] => digit(*t)? * 10.0,
        [t, '十', o] => digit(*t)? * 10.0 + digit(*o)?,
        _ => return None,
    };
    let len: usize = cn.iter().map(|c| c.len_utf8()).sum();
    Some((i + len, value, true))
}

/// A page's `<h2>` sections in its HTML: (id, the section's HTML, heading included), after
/// what comes before the first.
fn h2_sections(html: &str) -> Vec<(&str, &str)> {
    const OPEN: &str = "<h2 id=\"";
    let starts: Vec<usize> = html.match_indices(OPEN).map(|(i, _)| i).collect();
    starts
        .iter()
        .enumerate()
        .filter_map(|(k, &at)| {
            let end = starts.get(k + 1).copied().unwrap_or(html.len());
            let chunk = &html[at..end];
            let id = chunk[OPEN.len()..].split('"').next()?;
            Some((id, chunk))
        })
        .collect()
}

/// Page `i` rendered, from `pages` or into it.
fn rendered<'c>(book: &Book, pages: &'c mut HashMap<usize, Rendered>, i: usize) -> &'c Rendered {
    pages.entry(i).or_insert_with(|| {
        let p = &book.pages[i];
        let links = crate::book::PageLinks::new(book, p);
        crate::render::markdown::render_with(
            &p.body,
            &p.file,
            p.body_line,
            &links,
            p.origins.as_deref(),
            p.front.title_id.as_ref().map(|(id, l)| (id.as_str(), *l)),
        )
    })
}

/// Rules whose `related` names a whole lesson whose good dialogues sit in two sections or
/// more, when the lesson cites the rule in exactly one of them, which has a dialogue: the
/// card's 示范话术 would be that section's with `lesson:path#id` (TS-GOV-002, recusal, showed
/// the dialogue on confidentiality from the same lesson). At the `related` entry.
fn phrases_to_narrow(book: &Book, pages: &mut HashMap<usize, Rendered>) -> Vec<Item> {
    let mut out = Vec::new();
    for lr in &book.rules {
        let r = &lr.value;
        for (k, rel) in r.related.iter().enumerate() {
            let (kind, path, None) = crate::book::split_ref(rel) else {
                continue;
            };
            let path = path.trim_end_matches(".md");
            let Some(&i) = book.page_index.get(path).filter(|_| kind == "lesson") else {
                continue;
            };
            let p = &book.pages[i];
            if !crate::book::has_good_dialogue(&p.body) {
                continue;
            }
            let sections = h2_sections(&rendered(book, pages, i).html);
            let spoken: Vec<&str> = sections
                .iter()
                .filter(|(_, h)| h.contains("dialogue-good"))
                .map(|(id, _)| *id)
                .collect();
            let names: Vec<&str> = std::iter::once(r.id.as_str())
                .chain(r.aliases.iter().map(String::as_str))
                .collect();
            let citing: Vec<&str> = sections
                .iter()
                .filter(|(_, h)| names.iter().any(|n| h.contains(n)))
                .map(|(id, _)| *id)
                .collect();
            if let ([one], true) = (citing.as_slice(), spoken.len() >= 2) {
                if spoken.contains(one) {
                    let (line, _) = lr.pos(&format!("related.{k}"));
                    out.push(Item {
                        id: r.id.clone(),
                        title: r.title.clone(),
                        at: at(&book.root, &lr.file, line),
                        note: format!(
                            "《{}》有 {} 节正确示范对话，只在 #{one} 一节引用本规则：可写成 lesson:{path}#{one}",
                            p.front.title,
                            spoken.len()
                        ),
                    });
                }
            }
        }
    }
    out
}

/// Each of `rules`' ids and former ids, with its rule: what text may cite it by.
fn rule_names<'r>(
    rules: impl Iterator<Item = &'r crate::content::rule::Rule>,
) -> Vec<(&'r str, &'r crate::content::rule::Rule)> {
    rules
        .flat_map(|r| {
            std::iter::once(r.id.as_str())
                .chain(r.aliases.iter().map(String::as_str))
                .map(move |id| (id, r))
        })
        .collect()
}

/// `file:line` of line `line` of page `p`'s file -- a snippet's line at the snippet, where it
/// is put right.
fn page_line(root: &Path, p: &crate::book::Page, line: usize) -> String {
    match p
        .origins
        .as_ref()
        .and_then(|o| o.place(p.body_line, line, 1))
    {
        Some((file, line, _)) => at(root, &file, line),
        None => at(root, &p.file, line),
    }
}

/// `v` and the rules whose id (or a former one, from `ids`) `text` holds, each once.
fn cited<'r>(
    ids: &[(&str, &'r crate::content::rule::Rule)],
    text: &str,
    mut v: Vec<&'r crate::content::rule::Rule>,
) -> Vec<&'r crate::content::rule::Rule> {
    for (id, r) in ids {
        if text.contains(id) && !v.iter().any(|x| std::ptr::eq(*x, *r)) {
            v.push(r);
        }
    }
    v
}

/// The lengths of time a rule states: its time limits; a rule with none, its steps' `within`
/// (TS-INT-002's 1 天 to sort the day's complaints). A step's `within` beside time limits is
/// no limit of its own: left at 3 when the limit became 2 (a half-done revision), it would
/// vouch for every lesson still saying 3; it is compared with the limits instead
/// ([`steps_off_limits`]).
fn rule_lengths(r: &crate::content::rule::Rule, today: i64) -> Vec<Written> {
    // (Until a version published ahead takes effect, a changed limit's value before it is
    // still what applies: a lesson may say either.)
    let ahead = r
        .effective
        .as_deref()
        .and_then(day)
        .is_some_and(|e| e > today);
    let limits = r.time_limits.iter().flat_map(|t| {
        std::iter::once(t.value)
            .chain(t.previous.filter(|_| ahead))
            .map(|value| Written {
                value,
                unit: t.unit,
            })
    });
    let within = r.steps.iter().filter_map(|s| s.within.as_ref());
    let within = within.map(|w| Written {
        value: w.value,
        unit: w.unit,
    });
    match r.time_limits.is_empty() {
        true => within.collect(),
        false => limits.collect(),
    }
}

/// Rules with a revision since their `effective` day (the latest, without one; never the first
/// publication) that says it changed a time limit to a length the rule now states (`办结时限由5个工作日改为4个工作日`) while that limit has no `previous`: a
/// version in force that names no limit it changed is taken to have changed none, so 时限速查
/// and a card's 按日期查看 count a case started before the change with the new figure.
fn limits_changed_without_previous(book: &Book, today: i64) -> Vec<Item> {
    // A length right after one of these is what a limit became (`由5个工作日改为4个工作日`);
    // `经批准可延长到30个工作日` says what a limit allows, not that it changed.
    const CHANGED: [&str; 16] = [
        "改为",
        "改成",
        "改到",
        "调整为",
        "调整到",
        "修改为",
        "变为",
        "缩短为",
        "缩短至",
        "缩短到",
        "减为",
        "减至",
        "降为",
        "降至",
        "延长为",
        "延长至",
    ];
    let mut out = Vec::new();
    for lr in book.rules.iter().filter(|lr| !lr.value.repealed_by(today)) {
        let r = &lr.value;
        let dated: Vec<(usize, i64)> = (r.revised.iter().enumerate())
            .filter_map(|(k, v)| day(&v.date).map(|d| (k, d)))
            .collect();
        // Every revision since the version in force took effect (a later 补充来源 does not
        // hide the change before it), else the latest; never the first publication.
        let first = dated.iter().map(|&(_, d)| d).min();
        let newest = dated.iter().map(|&(_, d)| d).max();
        let since = r.effective.as_deref().and_then(day);
        let mut looked: Vec<(usize, i64)> = dated
            .iter()
            .copied()
            .filter(|&(_, d)| Some(d) != first && since.map_or(Some(d) == newest, |e| d >= e))
            .collect();
        looked.sort_by_key(|&(k, d)| (std::cmp::Reverse(d), k));
        let mut said: HashSet<usize> = HashSet::new();
        for (k, _) in looked {
            let rev = &r.revised[k];
            let text = rev.change.as_str();
            let ends: Vec<usize> = CHANGED
                .iter()
                .flat_map(|w| text.match_indices(w).map(|(i, w)| i + w.len()))
                .collect();
            let written: Vec<_> = lengths_of_time(text)
                .into_iter()
                .filter(|&(o, _, _)| {
                    ends.iter().any(|&e| {
                        e <= o && text[e..o].chars().filter(|c| !c.is_whitespace()).count() == 0
                    })
                })
                .collect();
            for (n, t) in r
                .time_limits
                .iter()
                .enumerate()
                .filter(|(_, t)| t.previous.is_none())
            {
                if written
                    .iter()
                    .any(|(_, w, _)| w.unit == t.unit && w.value == t.value)
                    && said.insert(n)
                {
                    out.push(Item {
                        id: r.id.clone(),
                        title: r.title.clone(),
                        at: at(
                            &book.root,
                            &lr.file,
                            lr.pos(&format!("revised.{k}.change")).0,
                        ),
                        note: format!(
                            "{} 修订：{}；时限“{}”（{}{}）没有写 previous",
                            rev.date,
                            rev.change.trim(),
                            t.label,
                            format_value(t.value),
                            t.unit.label()
                        ),
                    });
                }
            }
        }
    }
    out
}

/// Days go with days, hours with minutes: a length is compared with the limits of its kind.
fn in_days(u: TimeUnit) -> bool {
    matches!(u, TimeUnit::WorkingDays | TimeUnit::CalendarDays)
}

/// The steps of a rule with time limits whose `within` is none of them (though some limit is
/// of its kind, days or hours), with the step's index: a limit revised and its step left
/// (`time_limits` 3 -> 2, `within: {value: 3}`), or a step's own deadline, which the card's
/// 时限 and 时限速查 do not show.
fn steps_off_limits(r: &crate::content::rule::Rule, today: i64) -> Vec<(usize, Written)> {
    if r.time_limits.is_empty() {
        return Vec::new();
    }
    let known = rule_lengths(r, today);
    r.steps
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let w = s.within.as_ref()?;
            let w = Written {
                value: w.value,
                unit: w.unit,
            };
            let off =
                !known.contains(&w) && known.iter().any(|k| in_days(k.unit) == in_days(w.unit));
            off.then_some((i, w))
        })
        .collect()
}

/// Each line of a page (outside code) naming a rule repealed by `today`, by its id or a
/// former one, with the rule that replaced it.
fn repealed_rules_cited(book: &Book, today: i64) -> Vec<Item> {
    let gone = rule_names(
        book.rules
            .iter()
            .map(|lr| &lr.value)
            .filter(|r| r.repealed_by(today)),
    );
    let mut out = Vec::new();
    if gone.is_empty() {
        return out;
    }
    for p in &book.pages {
        let mut fences = crate::render::markdown::QuotedFences::default();
        for (k, line) in p.body.lines().enumerate() {
            // (A ```rule block's first line names what it quotes: `check` warns of it.)
            if fences.code(line) {
                continue;
            }
            for (id, r) in &gone {
                let named = line.match_indices(id).any(|(i, _)| {
                    let after = line[i + id.len()..].chars().next();
                    !after.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-')
                });
                if named {
                    let by = r
                        .replaced_by
                        .as_deref()
                        .map(|b| format!("，由 {} 取代", b.trim()))
                        .unwrap_or_default();
                    out.push(Item {
                        id: r.id.clone(),
                        title: p.front.title.clone(),
                        at: page_line(&book.root, p, p.body_line + k),
                        note: format!(
                            "{} 已于 {} 废止{by}",
                            r.id,
                            r.repealed.as_deref().unwrap_or_default()
                        ),
                    });
                    break;
                }
            }
        }
    }
    // (A snippet included by several pages: its line once.)
    let mut seen = HashSet::new();
    out.retain(|i| seen.insert((i.at.clone(), i.id.clone())));
    out
}

/// Text that cites rules and writes a length of time none of them states: after a rule is
/// revised (5 个工作日 -> 4), the lessons that repeat the old figure beside its id, and a
/// rule's own summary or steps that disagree with its time limits. Each block of a lesson
/// (paragraph, list, table; not code) is compared with the rules whose ids it holds (naming
/// none, with those its `## ` section names, else those the page names); each text field of a
/// rule with that rule and the rules it names.
/// The info string of a line opening fenced code (`> ```rule TS-PROC-002` in a callout too).
fn fence_info(line: &str) -> &str {
    line.trim_start_matches([' ', '>'])
        .trim_start_matches(['`', '~'])
        .trim()
}

fn limits_not_in_rules(book: &Book, today: i64) -> Vec<Item> {
    let root = &book.root;
    let ids = rule_names(book.rules.iter().map(|lr| &lr.value));
    let stated = |rules: &[&crate::content::rule::Rule]| -> (Vec<Written>, String) {
        let mut all = Vec::new();
        let mut said = Vec::new();
        for r in rules {
            let mine = rule_lengths(r, today);
            let mut parts: Vec<String> = Vec::new();
            for w in &mine {
                let t = format!("{}{}", format_value(w.value), w.unit.label());
                if !parts.contains(&t) {
                    parts.push(t);
                }
            }
            said.push(if parts.is_empty() {
                format!("{} 没有写时限", r.id)
            } else {
                format!("{} 的时限：{}", r.id, parts.join("、"))
            });
            all.extend(mine);
        }
        (all, said.join("；"))
    };
    let mut out = Vec::new();
    // `same_unit`: compare a length only with the rules' lengths in its own unit (else with
    // those of its kind, days or hours).
    let mut check = |text: &str,
                     rules: Vec<&crate::content::rule::Rule>,
                     same_unit: bool,
                     id: String,
                     title: &str,
                     at: &dyn Fn(usize) -> String| {
        // (Text naming a repealed rule tells its history, or is stale as a whole: it is listed
        // under 仍在引用已废止规则的地方, not compared with limits here.)
        if rules.is_empty() || rules.iter().any(|r| r.repealed_by(today)) {
            return;
        }
        let (known, said) = stated(&rules);
        for (offset, w, written) in lengths_of_time(text) {
            // (A length of another kind than the rules' is about something else: an exam's 20
            // 分钟 beside limits in working days. Days go with days: a limit changed from 15 天
            // to 5 个工作日 still finds the 15 天 left.)
            let like = |k: &Written| match same_unit {
                true => k.unit == w.unit,
                false => in_days(k.unit) == in_days(w.unit),
            };
            if !known.contains(&w) && known.iter().any(like) {
                out.push(Item {
                    id: id.clone(),
                    title: title.to_string(),
                    at: at(offset),
                    note: format!("写的是“{written}”；{said}"),
                });
            }
        }
    };
    let by_id = |id: &str| -> Option<&crate::content::rule::Rule> {
        let id = id.trim();
        let id = id.strip_prefix("rule:").unwrap_or(id);
        let id = id.split('#').next().unwrap_or(id);
        ids.iter().find(|(i, _)| *i == id).map(|(_, r)| *r)
    };
    for p in &book.pages {
        let mut block = String::new();
        let mut block_line = 0;
        // (Fences followed as Markdown does: a ```` fence quoting a ``` example ends at ````,
        // and one in a callout with the callout.)
        let mut fences = crate::render::markdown::QuotedFences::default();
        let lines: Vec<&str> = p.body.lines().collect();
        // A good example dialogue is shown on the cards of the rules that list the lesson in
        // `related`, with a 复制 button: it is compared with those rules and the ones its
        // `## ` section cites.
        let related: Vec<&crate::content::rule::Rule> = book
            .rules
            .iter()
            .filter(|lr| {
                lr.value.related.iter().any(|r| {
                    r.strip_prefix("lesson:")
                        .map(|l| l.split('#').next().unwrap_or(l).trim_end_matches(".md"))
                        == Some(p.path.as_str())
                })
            })
            .map(|lr| &lr.value)
            .collect();
        let mut section_of = Vec::with_capacity(lines.len());
        let mut sections: Vec<String> = vec![String::new()];
        let mut scan = crate::render::markdown::QuotedFences::default();
        // (Inside a ```limits block: its lines name rules too.)
        let mut limits = false;
        for line in &lines {
            let was = scan.is_open();
            let code = scan.code(line);
            if !was && code {
                // (A ```rule block quotes the rule, a ```limits block its limits: the
                // section cites it.)
                let info = fence_info(line);
                limits = info.split_whitespace().next() == Some("limits");
                if info.starts_with("rule ") || limits {
                    let last = sections.len() - 1;
                    sections[last].push_str(info);
                    sections[last].push('\n');
                }
            } else if was && !scan.is_open() {
                limits = false;
            } else if limits {
                let last = sections.len() - 1;
                sections[last].push_str(line);
                sections[last].push('\n');
            } else if !code && line.starts_with("## ") {
                sections.push(String::new());
            }
            section_of.push(sections.len() - 1);
            // (The section's prose: ids in a YAML example in code cite nothing.)
            if !code {
                let last = sections.len() - 1;
                sections[last].push_str(line);
                sections[last].push('\n');
            }
        }
        // The rules the whole page cites, for a section that names none: the home page's
        // table of common limits, a 答复时限 row under a heading of its own. (Not on a page
        // for trainers alone: the guide to writing the book names rules to show the syntax,
        // `[[rule:TS-PROC-002]]`, and its figures elsewhere are examples, 由 5 个工作日改为
        // 3 个工作日.)
        let for_trainers = p.front.audience == [Audience::Trainer];
        let page_rules = match for_trainers {
            true => Vec::new(),
            false => cited(&ids, &sections.concat(), Vec::new()),
        };
        // The rules a block naming none is compared with, in one of their units only (the
        // section's rules may be about something else, the 3 个工作日 of a reply beside a
        // rule of 1 天): its `## ` section's, else the page's.
        let around = |line: usize, rules: Vec<_>| {
            let rules = cited(&ids, &sections[section_of[line]], rules);
            match rules.is_empty() {
                true => page_rules.clone(),
                false => rules,
            }
        };
        let place = |line: usize| page_line(root, p, line);
        let mut dialogue: Option<(usize, String)> = None;
        for (k, line) in lines.iter().chain(std::iter::once(&"")).enumerate() {
            let t = line.trim_start();
            let was = fences.is_open();
            let code = fences.code(line);
            if was {
                if !fences.is_open() {
                    if let Some((start, text)) = dialogue.take() {
                        let first = start + 1 + p.body_line;
                        let at_line =
                            |offset: usize| place(first + text[..offset].matches('\n').count());
                        let near = cited(&ids, &text, related.clone());
                        let near = cited(&ids, &sections[section_of[start]], near);
                        let same_unit = near.is_empty();
                        check(
                            &text,
                            around(start, near),
                            same_unit,
                            p.path.clone(),
                            &p.front.title,
                            &at_line,
                        );
                    }
                } else if let Some((_, text)) = dialogue.as_mut() {
                    // The agent's lines: the customer's (我都等了两个工作日了) say what happened.
                    let customer = ["客户：", "客户:"]
                        .iter()
                        .any(|c| line.trim_start().starts_with(c));
                    if !customer {
                        text.push_str(line);
                    }
                    text.push('\n');
                }
                continue;
            }
            if code {
                // (A good one: a bad example's wrong figure is wrong on purpose.)
                let info = fence_info(line);
                if info.starts_with("dialogue") && info.split_whitespace().nth(1) == Some("good") {
                    dialogue = Some((k, String::new()));
                }
            }
            if code || t.is_empty() {
                if !block.is_empty() {
                    let first = block_line + p.body_line;
                    let text = std::mem::take(&mut block);
                    let at_line =
                        |offset: usize| place(first + text[..offset].matches('\n').count());
                    // A block that names no rule (a table row, 下周五是第 5 个工作日) is
                    // compared with the rules around it.
                    let own = cited(&ids, &text, Vec::new());
                    let (rules, same_unit) = match own.is_empty() {
                        true => (around(block_line, Vec::new()), true),
                        false => (own, false),
                    };
                    check(
                        &text,
                        rules,
                        same_unit,
                        p.path.clone(),
                        &p.front.title,
                        &at_line,
                    );
                }
                continue;
            }
            if block.is_empty() {
                block_line = k;
            }
            block.push_str(line);
            block.push('\n');
        }
        // The summary, shown in lists, the course and search results: with the rules the
        // page cites.
        if !p.front.summary.is_empty() {
            let line = p.front.pos("summary").0;
            let rules = cited(&ids, &p.body, Vec::new());
            let summary = &p.front.summary;
            check(
                summary,
                cited(&ids, summary, rules),
                false,
                p.path.clone(),
                &p.front.title,
                &|_| at(root, &p.file, line),
            );
        }
    }
    // Quizzes: each question's text (a short answer's accepted answers too, or a learner who
    // answers the new limit is marked wrong) with the rules the question lists, and the quiz's.
    for lq in &book.quizzes {
        let q = &lq.value;
        let quiz_rules: Vec<_> = q.related.iter().filter_map(|r| by_id(r)).collect();
        let description = [("description".to_string(), &q.description)];
        let texts = description.into_iter().map(|t| (None, t)).chain(
            q.own_questions()
                .enumerate()
                .flat_map(|(i, x)| question_texts(i, x).into_iter().map(move |t| (Some(x), t))),
        );
        for (x, (path, text)) in texts {
            let mut rules = quiz_rules.clone();
            if let Some(x) = x {
                for r in x.rules.iter().filter_map(|r| by_id(r)) {
                    if !rules.iter().any(|y| std::ptr::eq(*y, r)) {
                        rules.push(r);
                    }
                }
            }
            let place = lq.text_at(&path);
            let id = match x {
                Some(x) => format!("{}#{}", q.id, x.id),
                None => q.id.clone(),
            };
            // (At its own line inside a block of several.)
            let at_line = |offset: usize| {
                let line = text[..offset].matches('\n').count() + 1;
                at(root, &lq.file, place.place(line, 1).0)
            };
            check(
                text,
                cited(&ids, text, rules),
                false,
                id,
                &q.title,
                &at_line,
            );
        }
    }
    // Glossary definitions, with the rules the term lists in `related`.
    for lt in &book.glossary {
        let t = &lt.value;
        let rules: Vec<_> = t.related.iter().filter_map(|r| by_id(r)).collect();
        let place = lt.text_at("definition");
        let def = &t.definition;
        let at_line = |offset: usize| {
            let line = def[..offset].matches('\n').count() + 1;
            at(root, &lt.file, place.place(line, 1).0)
        };
        check(
            def,
            cited(&ids, def, rules),
            false,
            t.term.clone(),
            &t.term,
            &at_line,
        );
    }
    for lr in &book.rules {
        let r = &lr.value;
        let notes = r.time_limits.iter().enumerate();
        let notes = notes.map(|(i, t)| (format!("time_limits.{i}.note"), &t.note));
        for (path, text) in r.markdown_fields().into_iter().chain(notes) {
            let line = lr.pos(&path).0;
            check(
                text,
                cited(&ids, text, vec![r]),
                false,
                r.id.clone(),
                &r.title,
                &|_| at(root, &lr.file, line),
            );
        }
    }
    // A step's `within` that none of its rule's time limits states (a repealed rule: no more).
    for lr in book.rules.iter().filter(|lr| !lr.value.repealed_by(today)) {
        let r = &lr.value;
        for (i, w) in steps_off_limits(r, today) {
            let (_, said) = stated(&[r]);
            out.push(Item {
                id: r.id.clone(),
                title: r.title.clone(),
                at: at(root, &lr.file, lr.pos(&format!("steps.{i}.within")).0),
                note: format!(
                    "第 {} 步的 within 是“{}{}”；{said}（这一步另有期限的，也写进 time_limits）",
                    i + 1,
                    format_value(w.value),
                    w.unit.label()
                ),
            });
        }
    }
    out
}

/// The texts of a question that state what is right, with their paths in the quiz file: the
/// correct options and their feedback, accepted answers, items, pairs, cards, explanations, a
/// true statement, a scenario's best answers, outcomes and debriefs. (Not a prompt's case, `第4个工作日办结了`, nor a
/// wrong option, a distractor or a customer's words, which give other lengths on purpose.)
fn question_texts(i: usize, x: &crate::content::quiz::Question) -> Vec<(String, &String)> {
    let at = |rest: String| format!("questions.{i}.{rest}");
    let mut out = vec![
        (at("explanation".into()), &x.explanation),
        (at("wrong_feedback".into()), &x.wrong_feedback),
    ];
    if x.answer == Some(true) {
        out.push((at("prompt".into()), &x.prompt));
    }
    for (k, o) in x.options.iter().enumerate().filter(|(_, o)| o.correct) {
        out.push((at(format!("options.{k}.text")), &o.text));
        out.push((at(format!("options.{k}.feedback")), &o.feedback));
    }
    for (name, list) in [("accepted", &x.accepted), ("items", &x.items)] {
        out.extend(
            list.iter()
                .enumerate()
                .map(|(k, t)| (at(format!("{name}.{k}")), t)),
        );
    }
    for (k, pair) in x.pairs.iter().enumerate() {
        out.push((at(format!("pairs.{k}.left")), &pair.left));
        out.push((at(format!("pairs.{k}.right")), &pair.right));
    }
    for (k, c) in x.cards.iter().enumerate() {
        out.push((at(format!("cards.{k}.front")), &c.front));
        out.push((at(format!("cards.{k}.back")), &c.back));
    }
    for (n, node) in x.nodes.iter().enumerate() {
        out.push((at(format!("nodes.{n}.outcome")), &node.outcome));
        out.push((at(format!("nodes.{n}.debrief")), &node.debrief));
        // The agent's best answer at each step: the wording a learner takes away.
        let best = node.options.iter().map(|o| o.score).fold(0.0, f64::max);
        for (k, o) in node.options.iter().enumerate() {
            if best > 0.0 && o.score == best {
                out.push((at(format!("nodes.{n}.options.{k}.text")), &o.text));
            }
        }
    }
    out.retain(|(_, t)| !t.is_empty());
    out
}

pub(crate) fn reading_minutes(md: &str) -> usize {
    crate::search::index::md_text(md)
        .chars()
        .filter(|c| !c.is_whitespace())
        .count()
        .div_ceil(READ_PER_MINUTE)
        .max(1)
}

/// The text a rule card gives to read: summary, escalation, when it applies, musts and the
/// steps' what.
fn rule_texts(r: &crate::content::rule::Rule) -> impl Iterator<Item = &String> {
    r.markdown_fields().into_iter().map(|(_, t)| t)
}

pub(crate) fn rule_minutes(r: &crate::content::rule::Rule) -> usize {
    let n: usize = rule_texts(r).map(|s| s.chars().count()).sum();
    n.div_ceil(READ_PER_MINUTE).max(1)
}

/// The minutes a quiz takes: an exam's `time_limit`, else the trainer's `time_guide`, else a
/// minute for each question an attempt asks.
pub(crate) fn quiz_minutes(q: &crate::content::quiz::Quiz) -> usize {
    let own = q
        .time_limit
        .filter(|_| q.exam)
        .or(q.time_guide)
        .filter(|&m| m >= 1);
    own.map_or(q.asked().max(1), |m| m as usize)
}

impl ContentReport {
    /// Everything listed, in all sections.
    pub fn findings(&self) -> usize {
        self.sections().iter().map(|s| s.2.len()).sum()
    }

    /// (title, how to fix, items, whether it applies to this book).
    fn sections(&self) -> [(&'static str, &'static str, &Vec<Item>, bool); 17] {
        let c = self.has_course;
        [
            (
                "没有测验题考到的规则",
                "在相关测验里加一道题，题目的 rules 写上规则编号",
                &self.rules_without_questions,
                true,
            ),
            (
                "没有课程提到的规则",
                "在讲这件事的课程里用 [[rule:规则编号]] 链接它",
                &self.rules_not_in_lessons,
                true,
            ),
            (
                "很久没有复核的规则",
                "核对规则是否仍然有效，在 revised 里记一笔复核日期",
                &self.stale_rules,
                true,
            ),
            (
                "没有写资料来源的规则",
                "在 sources 里写上它依据的文件（sources.yaml 里的编号），读者才能核对",
                &self.rules_without_sources,
                true,
            ),
            (
                "标题相同的规则",
                "给每条规则一个说得出区别的标题（如加上业务或渠道：“营业厅排队投诉办理时限”）：搜索结果里同名的规则只靠编号区分，一线人员分不清该点哪条",
                &self.rules_with_same_title,
                true,
            ),
            (
                "规则页上没有示范话术的规则",
                "在 related 里写上讲这件事、有正确示范对话（```dialogue good```）的课程，规则页就会列出这些话术",
                &self.rules_without_phrases,
                true,
            ),
            (
                "示范话术取自整篇课程、可以只引用一节的规则",
                "把 related 里的课程改写成 lesson:路径#小节，规则页就只列出这一节的对话",
                &self.phrases_to_narrow,
                true,
            ),
            (
                "面向新员工、但不在入职课程里的课程",
                "加进 course.yaml 的合适单元，或在 audience 里去掉“新员工”",
                &self.lessons_not_in_course,
                c,
            ),
            (
                "不在入职课程里的测验",
                "需要新员工做的，加进 course.yaml",
                &self.quizzes_not_in_course,
                c,
            ),
            (
                "没有解析的题目",
                "写 explanation，或给选项写 feedback：答错的学员靠它学会",
                &self.questions_without_explanation,
                true,
            ),
            (
                "没有写依据的题目",
                "在题目的 rules 或 lessons 里写上它考的规则或课程，学员答错后可以直接去读",
                &self.questions_without_basis,
                true,
            ),
            (
                "没有页面用到的术语",
                "课程和规则里用到它时再保留，或者删掉",
                &self.unused_terms,
                true,
            ),
            (
                "用时超过估计的课程单元",
                "调整单元的 estimate，或把单元拆小",
                &self.modules_over_estimate,
                c,
            ),
            (
                "与所引规则对不上的时限",
                "规则修订过的，把文中的数字改成规则现在的时限（或用 ```rule 编号``` 直接引用规则）；数字说的是别的事（如“停电超过 2 小时”）的，可以不改",
                &self.limits_not_in_rules,
                true,
            ),
            (
                "修订改了时限、却没写原来时限的规则",
                "在这个时限下写 previous: 原来的数值，effective 写这次修订生效的日子：时限速查和按日期查看才会把此前受理的按原来的时限算（现在按新时限算，并注明“未注明此前的时限不同”）；修订并没有改这个时限的，可以不管",
                &self.limits_changed_without_previous,
                true,
            ),
            (
                "仍在引用已废止规则的地方",
                "改成接替它的规则；讲沿革、确需提到旧规则的，写明“已废止”",
                &self.repealed_rules_cited,
                true,
            ),
            (
                "还没有发布的草稿",
                "写完后删掉前置信息里的 draft: true 发布；写作时用 handbook serve --drafts 预览",
                &self.drafts,
                true,
            ),
        ]
    }

    /// The report for people: a heading and a fix per section, one line per item.
    pub fn human(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(
            s,
            "内容报告：{}（{} 页、{} 条规则、{} 个测验 {} 题、{} 个术语；{}，复核期限 {} 个月）",
            self.title,
            self.pages,
            self.rules,
            self.quizzes,
            self.questions,
            self.terms,
            self.today,
            self.stale_months
        );
        for (title, fix, items, applies) in self.sections() {
            let _ = writeln!(s);
            if !applies {
                let _ = writeln!(s, "– {title}：本书没有入职课程（course.yaml），不适用");
                continue;
            }
            if items.is_empty() {
                let _ = writeln!(s, "✓ {title}：没有");
                continue;
            }
            let _ = writeln!(s, "• {title}（{}）", items.len());
            let _ = writeln!(s, "  怎么办：{fix}");
            for it in items {
                let mut line = format!("  {}", it.at);
                if !it.id.is_empty() && it.id != it.title {
                    line.push_str(&format!("  {}", it.id));
                }
                line.push_str(&format!("  {}", it.title));
                if !it.note.is_empty() {
                    line.push_str(&format!("（{}）", it.note));
                }
                let _ = writeln!(s, "{line}");
            }
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "共 {} 项值得一看。这是建议，不是错误：`handbook check` 才判断内容能否发布。",
            self.findings()
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_of_time_are_numbers_with_a_unit_not_digits_in_ids() {
        let found: Vec<(f64, TimeUnit, &str)> = lengths_of_time(
            "一般 5 个工作日，复杂的10个工作日；24小时受理，30分钟内回电，7天回访，1.5小时。TS-PROC-002 天 95598 热线 A3天 第2步 第 5 个工作日",
        )
        .into_iter()
        .map(|(_, w, t)| (w.value, w.unit, t))
        .collect();
        assert_eq!(
            found,
            [
                (5.0, TimeUnit::WorkingDays, "5 个工作日"),
                (10.0, TimeUnit::WorkingDays, "10个工作日"),
                (24.0, TimeUnit::Hours, "24小时"),
                (30.0, TimeUnit::Minutes, "30分钟"),
                (7.0, TimeUnit::CalendarDays, "7天"),
                (1.5, TimeUnit::Hours, "1.5小时"),
            ]
        );
        // Chinese numerals, full-width digits, numbers listed before one unit.
        let found: Vec<(f64, TimeUnit, &str)> = lengths_of_time(
            "五个工作日，十五个自然日，二十四小时，两天，５个工作日；来源只规定了5个和10个工作日；**5、10、30**个工作日；3至7天。同一天，有一天，一般，第2、3步，十分钟，三十个工作日",
        )
        .into_iter()
        .map(|(_, w, t)| (w.value, w.unit, t))
        .collect();
        assert_eq!(
            found,
            [
                (5.0, TimeUnit::WorkingDays, "五个工作日"),
                (15.0, TimeUnit::CalendarDays, "十五个自然日"),
                (5.0, TimeUnit::WorkingDays, "５个工作日"),
                (5.0, TimeUnit::WorkingDays, "5个和10个工作日"),
                (10.0, TimeUnit::WorkingDays, "10个工作日"),
                (5.0, TimeUnit::WorkingDays, "5、10、30**个工作日"),
                (10.0, TimeUnit::WorkingDays, "10、30**个工作日"),
                (30.0, TimeUnit::WorkingDays, "30**个工作日"),
                (3.0, TimeUnit::CalendarDays, "3至7天"),
                (7.0, TimeUnit::CalendarDays, "7天"),
                (30.0, TimeUnit::WorkingDays, "三十个工作日"),
            ]
        );
        // 一 that is no number, ordinals listed, emphasis, dashes, a year before a hyphen (read
        // as neither 2024 days nor 5).
        let found: Vec<(f64, &str)> = lengths_of_time(
            "顺延至下一个工作日，每一个工作日；第5、6个工作日；__5__个工作日；5—10天；2024-5个工作日；５．５天",
        )
        .into_iter()
        .map(|(_, w, t)| (w.value, t))
        .collect();
        assert_eq!(
            found,
            [
                (5.0, "5__个工作日"),
                (5.0, "5—10天"),
                (10.0, "10天"),
                (5.5, "５．５天"),
            ]
        );
    }

    #[test]
    fn a_rule_with_time_limits_states_them_not_its_steps_within() {
        let rule = |yaml: &str| -> crate::content::rule::Rule {
            serde_yaml::from_str(&format!(
                "id: EX-A-1\ntitle: t\ncategory: c\nsummary: s\n{yaml}"
            ))
            .unwrap()
        };
        let step = |v: &str, u: &str| {
            format!("  - who: w\n    what: x\n    within: {{ value: {v}, unit: {u} }}\n")
        };
        let values = |r: &crate::content::rule::Rule| -> Vec<(f64, TimeUnit)> {
            rule_lengths(r, 0)
                .iter()
                .map(|w| (w.value, w.unit))
                .collect()
        };
        // Half a revision: the limit is 2, a step still says 3 (and one in hours, of another
        // kind, is a step's own: 2 小时 to call back beside a limit in days).
        let r = rule(&format!(
            "time_limits:\n  - label: 答复\n    value: 2\n    unit: working_days\nsteps:\n{}{}{}",
            step("3", "working_days"),
            step("2", "working_days"),
            step("2", "hours")
        ));
        assert_eq!(values(&r), [(2.0, TimeUnit::WorkingDays)]);
        let off: Vec<(usize, f64)> = steps_off_limits(&r, 0)
            .into_iter()
            .map(|(i, w)| (i, w.value))
            .collect();
        assert_eq!(off, [(0, 3.0)]);
        // Without time limits, the steps' `within` are what the rule states.
        let r = rule(&format!("steps:\n{}", step("1", "calendar_days")));
        assert_eq!(values(&r), [(1.0, TimeUnit::CalendarDays)]);
        assert!(steps_off_limits(&r, 0).is_empty());
    }

    #[test]
    fn dates_count_days() {
        assert_eq!(day("2026-11-30").unwrap() - day("2025-11-30").unwrap(), 365);
        assert_eq!(day("2024-03-01").unwrap() - day("2024-02-28").unwrap(), 2);
        assert_eq!(day("不是日期"), None);
        assert_eq!(day("2024-13-01"), None);
    }

    #[test]
    fn quiz_minutes_from_limit_guide_or_questions() {
        let quiz = |extra: &str| -> crate::content::quiz::Quiz {
            let q = "  - id: q{n}\n    type: true_false\n    prompt: 题\n    answer: true\n";
            let qs: String = (1..=3).map(|n| q.replace("{n}", &n.to_string())).collect();
            serde_yaml::from_str(&format!("id: t\ntitle: 测\n{extra}questions:\n{qs}")).unwrap()
        };
        assert_eq!(quiz_minutes(&quiz("")), 3);
        assert_eq!(quiz_minutes(&quiz("draw: 2\n")), 2);
        assert_eq!(quiz_minutes(&quiz("time_guide: 12\n")), 12);
        assert_eq!(
            quiz_minutes(&quiz("exam: true\ntime_limit: 20\ntime_guide: 12\n")),
            20
        );
        assert_eq!(quiz_minutes(&quiz("time_guide: 0\n")), 3);
    }

    #[test]
    fn reading_time_counts_text_not_markup() {
        let text = "字".repeat(800);
        assert_eq!(reading_minutes(&text), 2);
        assert_eq!(reading_minutes(&format!("# 标题\n\n[{text}](a.md)\n")), 3);
        assert_eq!(reading_minutes(""), 1);
    }
}
