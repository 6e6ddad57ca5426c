//! `handbook export`: the question bank in Moodle's GIFT and Moodle XML formats, so trainers can
//! reuse the questions in their LMS. Types a format cannot express are skipped with a reason.

use crate::content::quiz::{Question, QuestionType, Quiz};
use crate::render::markdown::LinkResolver;
use pulldown_cmark::{Event, LinkType, Parser, Tag, TagEnd};
use std::fmt::Write;

/// One question left out of an export, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    pub quiz: String,
    pub question: String,
    pub reason: String,
}

/// The answer weights Moodle accepts (percent); any other value is rejected on import.
pub const MOODLE_FRACTIONS: &[f64] = &[
    100.0, 90.0, 83.33333, 80.0, 75.0, 70.0, 66.66667, 60.0, 50.0, 40.0, 33.33333, 30.0, 25.0,
    20.0, 16.66667, 14.28571, 12.5, 11.11111, 10.0, 5.0, 0.0,
];

/// The allowed fraction closest to `100 / n` (never above it), as Moodle writes it.
pub fn share(n: usize) -> String {
    let exact = 100.0 / n.max(1) as f64;
    let v = MOODLE_FRACTIONS
        .iter()
        .copied()
        .filter(|f| *f <= exact + 1e-4)
        .fold(0.0, f64::max);
    fmt_fraction(v)
}

fn fmt_fraction(v: f64) -> String {
    let s = format!("{v:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn skip(q: &Quiz, x: &Question, reason: String) -> Skipped {
    Skipped {
        quiz: q.id.clone(),
        question: x.id.clone(),
        reason,
    }
}

/// Whether a matching question is one Moodle takes: at least two pairs and three answers to
/// choose from (a distractor counts).
fn matching_fits(x: &Question) -> bool {
    x.pairs.len() >= 2 && x.pairs.len() + x.distractors.len() >= 3
}

fn matching_too_small() -> String {
    t!(
        "Moodle matching questions need at least two pairs and three answers (distractors count)",
        "Moodle 的连线题至少要有两对、三个答案（干扰项也算）"
    )
}

// ---- The book's links, as an LMS shows them ----

/// A link being read: its source range, type, target, and its words' source range.
type OpenLink = (
    std::ops::Range<usize>,
    LinkType,
    String,
    Option<(usize, usize)>,
);

/// A picture being read: its source range, address, and its alternative text's range.
type OpenPicture = (std::ops::Range<usize>, String, Option<(usize, usize)>);

/// `text` with the book's own links written as their words: `[[rule:TS-PROC-002]]` as the
/// rule's title, `[[lesson:x|文字]]` and `[文字](../procedure/overview.md)` as their text. In an
/// LMS they would be shown as written (`[[rule:…]]`) or lead nowhere (a path into the site).
/// A link to the web (`https://…`, `mailto:`) is kept.
pub fn unlinked(text: &str, links: &dyn LinkResolver) -> String {
    if !text.contains('[') {
        return text.to_string();
    }
    let mut edits = Vec::new();
    let mut open: Option<OpenLink> = None;
    // (A picture outside a link: its source range, address and alternative text's range.)
    let mut picture: Option<OpenPicture> = None;
    let web = |dest: &str| dest.contains("://") || dest.starts_with("mailto:");
    let parser = Parser::new_ext(text, crate::render::markdown::options());
    for (event, range) in parser.into_offset_iter() {
        match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if open.is_none() && picture.is_none() => {
                open = Some((range, link_type, dest_url.to_string(), None))
            }
            Event::End(TagEnd::Link) => {
                let Some((whole, kind, dest, inner)) = open.take() else {
                    continue;
                };
                let words = inner
                    .map(|(a, b)| text[a..b].to_string())
                    .filter(|w| !w.trim().is_empty());
                let wiki = matches!(kind, LinkType::WikiLink { .. });
                // (No words of its own, `[](rule:X)` or `[[rule:X|]]`: the page's title.)
                let titled = || {
                    let r = links.resolve(&dest, wiki).ok().flatten();
                    r.and_then(|r| r.title).unwrap_or_else(|| dest.clone())
                };
                let to = match kind {
                    LinkType::WikiLink { has_pothole: false } => Some(titled()),
                    LinkType::Autolink | LinkType::Email => None,
                    _ if web(&dest) => None,
                    _ => Some(words.unwrap_or_else(titled)),
                };
                if let Some(to) = to {
                    edits.push((whole.start, whole.end, to));
                }
            }
            // A picture of the book's leads nowhere in an LMS: said in words, ［图：…］.
            Event::Start(Tag::Image { dest_url, .. }) if open.is_none() && picture.is_none() => {
                picture = Some((range, dest_url.to_string(), None))
            }
            Event::End(TagEnd::Image) if open.is_none() => {
                let Some((whole, dest, alt)) = picture.take() else {
                    continue;
                };
                if !web(&dest) {
                    let alt = alt.map(|(a, b)| text[a..b].trim().to_string());
                    let said = match alt.filter(|a| !a.is_empty()) {
                        Some(a) => format!("［图：{a}］"),
                        None => "［图］".to_string(),
                    };
                    edits.push((whole.start, whole.end, said));
                }
            }
            _ => {
                let inner = match (&mut open, &mut picture) {
                    (Some((_, _, _, inner)), _) | (None, Some((_, _, inner))) => inner,
                    _ => continue,
                };
                *inner = Some(match *inner {
                    Some((a, b)) => (a.min(range.start), b.max(range.end)),
                    None => (range.start, range.end),
                });
            }
        }
    }
    crate::render::markdown::splice(text, edits)
}

/// A quiz as it is exported: its questions' texts [`unlinked`], and each question's rules
/// (`rules:`, shown on the site as 依据 after an answer) added to its explanation by title
/// and id.
pub fn for_lms(
    quiz: &Quiz,
    links: &dyn LinkResolver,
    rule_title: &dyn Fn(&str) -> Option<String>,
) -> Quiz {
    let mut quiz = quiz.clone();
    for x in &mut quiz.questions {
        for t in [&mut x.prompt, &mut x.explanation, &mut x.wrong_feedback] {
            *t = unlinked(t, links);
        }
        for o in &mut x.options {
            o.text = unlinked(&o.text, links);
            o.feedback = unlinked(&o.feedback, links);
        }
        for p in &mut x.pairs {
            p.left = unlinked(&p.left, links);
            p.right = unlinked(&p.right, links);
        }
        for d in &mut x.distractors {
            *d = unlinked(d, links);
        }
        if !x.rules.is_empty() {
            let named: Vec<String> = x
                .rules
                .iter()
                .map(|id| match rule_title(id) {
                    Some(title) => format!("{title}（{id}）"),
                    None => id.clone(),
                })
                .collect();
            let basis = format!("依据：{}", named.join("；"));
            x.explanation = if x.explanation.trim().is_empty() {
                basis
            } else {
                format!("{}\n\n{basis}", x.explanation.trim_end())
            };
        }
    }
    quiz
}

// ---- GIFT ----

/// Escapes GIFT's special characters and keeps the text on one logical line.
fn gift(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.trim().chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

fn gift_feedback(text: &str) -> String {
    if text.trim().is_empty() {
        String::new()
    } else {
        format!(" #{}", gift(text))
    }
}

/// The quizzes as one GIFT file (one category per quiz).
pub fn to_gift(quizzes: &[&Quiz]) -> (String, Vec<Skipped>) {
    let mut out = String::from("// 由 handbook 导出（GIFT 格式，可导入 Moodle 题库）\n\n");
    let mut skipped = Vec::new();
    for q in quizzes {
        // (Written before the quiz's first question exported: none for a quiz all skipped.)
        let mut category = Some(format!("$CATEGORY: $course$/{}\n\n", gift(&q.title)));
        // (A question taken from another quiz is exported once, with its own.)
        for x in q.own_questions() {
            let head = format!("::{}::[markdown]{} ", gift(&x.id), gift(&x.prompt));
            let general = if x.explanation.trim().is_empty() {
                String::new()
            } else {
                format!("\n  ####{}", gift(&x.explanation))
            };
            let body = match x.kind {
                QuestionType::Single => {
                    let mut b = String::new();
                    for o in &x.options {
                        let mark = if o.correct { '=' } else { '~' };
                        let _ = write!(
                            b,
                            "\n  {mark}{}{}",
                            gift(&o.text),
                            gift_feedback(&o.feedback)
                        );
                    }
                    b
                }
                QuestionType::Multiple => {
                    let right = x.options.iter().filter(|o| o.correct).count();
                    let wrong = x.options.len() - right;
                    let mut b = String::new();
                    for o in &x.options {
                        let w = if o.correct {
                            share(right)
                        } else {
                            format!("-{}", share(wrong))
                        };
                        let _ = write!(
                            b,
                            "\n  ~%{w}%{}{}",
                            gift(&o.text),
                            gift_feedback(&o.feedback)
                        );
                    }
                    b
                }
                QuestionType::TrueFalse => {
                    let Some(a) = x.answer else {
                        skipped.push(skip(
                            q,
                            x,
                            t!(
                                "true/false question without an answer",
                                "判断题没有写答案（`answer`）"
                            ),
                        ));
                        continue;
                    };
                    // {T#feedback when wrong####general feedback}: Moodle reads a first `#`
                    // as the wrong answer's feedback (the second, the right one's), so the
                    // explanation, for every learner as the site shows it, is the general
                    // feedback below, as with every other kind (review: it reached only the
                    // learners who answered wrong, or only those who answered right).
                    format!(
                        "{}{}",
                        if a { "T" } else { "F" },
                        gift_feedback(&x.wrong_feedback)
                    )
                }
                QuestionType::Short => {
                    let mut b = String::new();
                    for a in &x.accepted {
                        let _ = write!(b, "\n  ={}", gift(a));
                    }
                    b
                }
                QuestionType::Matching if matching_fits(x) => {
                    // (Moodle reads a pair up to its first `->`: one in the left side is
                    // written →. A distractor is an answer with no question: `= -> …`.)
                    let mut b = String::new();
                    for p in &x.pairs {
                        let left = gift(&p.left.replace("->", "→"));
                        let _ = write!(b, "\n  ={left} -> {}", gift(&p.right));
                    }
                    for d in &x.distractors {
                        let _ = write!(b, "\n  = -> {}", gift(d));
                    }
                    b
                }
                QuestionType::Matching => {
                    skipped.push(skip(q, x, matching_too_small()));
                    continue;
                }
                QuestionType::Ordering => {
                    skipped.push(skip(
                        q,
                        x,
                        t!("GIFT has no ordering question type", "GIFT 格式没有排序题"),
                    ));
                    continue;
                }
                QuestionType::Scenario => {
                    skipped.push(skip(
                        q,
                        x,
                        t!(
                            "branching scenarios have no GIFT equivalent",
                            "情景演练在 GIFT 格式里没有对应的题型"
                        ),
                    ));
                    continue;
                }
                QuestionType::Flashcards => {
                    skipped.push(skip(
                        q,
                        x,
                        t!(
                            "flash cards are self-graded and have no GIFT equivalent",
                            "话术卡片由学员自己判断对错，在 GIFT 格式里没有对应的题型"
                        ),
                    ));
                    continue;
                }
            };
            out.push_str(&category.take().unwrap_or_default());
            let _ = writeln!(out, "{head}{{{body}{general}\n}}\n");
        }
    }
    (out, skipped)
}

// ---- Moodle XML ----

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn text_el(tag: &str, format: Option<&str>, text: &str) -> String {
    match format {
        Some(f) => format!("<{tag} format=\"{f}\"><text>{}</text></{tag}>", xml(text)),
        None => format!("<{tag}><text>{}</text></{tag}>", xml(text)),
    }
}

fn answer(fraction: &str, text: &str, feedback: &str) -> String {
    format!(
        "    <answer fraction=\"{fraction}\" format=\"markdown\"><text>{}</text>{}</answer>\n",
        xml(text),
        text_el("feedback", Some("markdown"), feedback)
    )
}

/// The quizzes as one Moodle XML file (one category per quiz).
pub fn to_moodle_xml(quizzes: &[&Quiz]) -> (String, Vec<Skipped>) {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<quiz>\n");
    let mut skipped = Vec::new();
    for q in quizzes {
        // (Written before the quiz's first question exported: none for a quiz all skipped.)
        let mut category = Some(format!(
            "  <question type=\"category\">\n    <category><text>$course$/{}</text></category>\n  </question>\n",
            xml(&q.title)
        ));
        for x in q.own_questions() {
            let (kind, body) = match x.kind {
                QuestionType::Single | QuestionType::Multiple => {
                    let right = x.options.iter().filter(|o| o.correct).count();
                    let wrong = x.options.len() - right;
                    let single = x.kind == QuestionType::Single;
                    let mut b = format!(
                        "    <single>{single}</single>\n    <shuffleanswers>{}</shuffleanswers>\n    <answernumbering>abc</answernumbering>\n",
                        q.shuffle
                    );
                    for o in &x.options {
                        let f = match (o.correct, single) {
                            (true, true) => "100".to_string(),
                            (false, true) => "0".to_string(),
                            (true, false) => share(right),
                            (false, false) => format!("-{}", share(wrong)),
                        };
                        b.push_str(&answer(&f, &o.text, &o.feedback));
                    }
                    ("multichoice", b)
                }
                QuestionType::TrueFalse => {
                    let Some(a) = x.answer else {
                        skipped.push(skip(
                            q,
                            x,
                            t!(
                                "true/false question without an answer",
                                "判断题没有写答案（`answer`）"
                            ),
                        ));
                        continue;
                    };
                    let (t, f) = if a { ("100", "0") } else { ("0", "100") };
                    // (The explanation is the general feedback, for every learner: not the
                    // right answer's too, shown twice.)
                    let fb_t = if a { "" } else { &x.wrong_feedback };
                    let fb_f = if a { &x.wrong_feedback } else { "" };
                    (
                        "truefalse",
                        format!("{}{}", answer(t, "true", fb_t), answer(f, "false", fb_f)),
                    )
                }
                QuestionType::Short => {
                    let mut b = String::from("    <usecase>0</usecase>\n");
                    for a in &x.accepted {
                        b.push_str(&answer("100", a, ""));
                    }
                    ("shortanswer", b)
                }
                QuestionType::Matching if matching_fits(x) => {
                    let mut b = format!("    <shuffleanswers>{}</shuffleanswers>\n", true);
                    // (A distractor: a subquestion with no text, its answer one more to choose.)
                    let pairs = x.pairs.iter().map(|p| (p.left.as_str(), p.right.as_str()));
                    for (left, right) in pairs.chain(x.distractors.iter().map(|d| ("", d.as_str())))
                    {
                        let _ = writeln!(
                            b,
                            "    <subquestion format=\"markdown\"><text>{}</text><answer><text>{}</text></answer></subquestion>",
                            xml(left),
                            xml(right)
                        );
                    }
                    ("matching", b)
                }
                QuestionType::Matching => {
                    skipped.push(skip(q, x, matching_too_small()));
                    continue;
                }
                QuestionType::Ordering => {
                    skipped.push(skip(q, x, t!("ordering is not a core Moodle question type (it needs the qtype_ordering plugin)", "排序题不是 Moodle 自带的题型（需要装 qtype_ordering 插件）")));
                    continue;
                }
                QuestionType::Scenario => {
                    skipped.push(skip(
                        q,
                        x,
                        t!(
                            "branching scenarios have no Moodle XML equivalent",
                            "情景演练在 Moodle XML 格式里没有对应的题型"
                        ),
                    ));
                    continue;
                }
                QuestionType::Flashcards => {
                    skipped.push(skip(
                        q,
                        x,
                        t!(
                            "flash cards are self-graded and have no Moodle XML equivalent",
                            "话术卡片由学员自己判断对错，在 Moodle XML 格式里没有对应的题型"
                        ),
                    ));
                    continue;
                }
            };
            out.push_str(&category.take().unwrap_or_default());
            let _ = write!(
                out,
                "  <question type=\"{kind}\">\n    {}\n    {}\n    {}\n    <defaultgrade>1</defaultgrade>\n{body}  </question>\n",
                text_el("name", None, &x.id),
                text_el("questiontext", Some("markdown"), &x.prompt),
                text_el("generalfeedback", Some("markdown"), &x.explanation),
            );
        }
    }
    out.push_str("</quiz>\n");
    (out, skipped)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Why a question is left out is told in Chinese.
    #[test]
    fn skipped_questions_say_why_in_chinese() {
        let quiz: Quiz = serde_yaml::from_str(
            "id: q\ntitle: t\nquestions:\n  - id: q-01\n    type: ordering\n    prompt: p\n    items: [a, b]\n  - id: q-02\n    type: true_false\n    prompt: p\n",
        )
        .unwrap();
        let (text, en) = to_gift(&[&quiz]);
        // Every question skipped: no empty category for the quiz.
        assert!(!text.contains("$CATEGORY"), "{text}");
        assert!(!to_moodle_xml(&[&quiz]).0.contains("category"));
        let (_, zh) = crate::i18n::in_chinese(|| to_gift(&[&quiz]));
        let reasons: Vec<&str> = en.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            [
                "GIFT has no ordering question type",
                "true/false question without an answer"
            ]
        );
        let reasons: Vec<&str> = zh.iter().map(|s| s.reason.as_str()).collect();
        assert_eq!(
            reasons,
            ["GIFT 格式没有排序题", "判断题没有写答案（`answer`）"]
        );
        let (_, zh) = crate::i18n::in_chinese(|| to_moodle_xml(&[&quiz]));
        assert!(
            zh[0].reason.starts_with("排序题不是 Moodle 自带的题型"),
            "{zh:?}"
        );
    }

    /// A true/false question's explanation is for every learner, as on the site: GIFT's and
    /// Moodle XML's general feedback, not one answer's; its `wrong_feedback` is the wrong
    /// answer's (GIFT's first `#`).
    #[test]
    fn true_false_explanations_reach_every_learner() {
        let quiz: Quiz = serde_yaml::from_str(
            "id: q\ntitle: t\nquestions:\n  - id: q-01\n    type: true_false\n    prompt: 可以先承诺赔偿。\n    answer: false\n    explanation: 承诺要以事实为依据。\n  - id: q-02\n    type: true_false\n    prompt: 受理当天不计。\n    answer: true\n    explanation: 从次日起算。\n    wrong_feedback: 这是对的。\n",
        )
        .unwrap();
        let (text, _) = to_gift(&[&quiz]);
        assert!(
            text.contains("可以先承诺赔偿。 {F\n  ####承诺要以事实为依据。\n}"),
            "{text}"
        );
        assert!(
            text.contains("受理当天不计。 {T #这是对的。\n  ####从次日起算。\n}"),
            "{text}"
        );
        let (xml, _) = to_moodle_xml(&[&quiz]);
        assert_eq!(xml.matches("承诺要以事实为依据").count(), 1, "{xml}");
        assert_eq!(xml.matches("从次日起算").count(), 1, "{xml}");
        let q2 = &xml[xml.find("受理当天不计").unwrap()..];
        let (wrong, answer_false) = (
            q2.find("这是对的").unwrap(),
            q2.find("<text>false</text>").unwrap(),
        );
        assert!(
            wrong > answer_false,
            "the wrong answer's feedback is under `false`: {q2}"
        );
    }

    /// A matching question's distractor is exported as an answer with no question (Moodle's
    /// form of it), so a question of two pairs and a distractor is one Moodle takes; a `->` in
    /// a left side, where Moodle ends the pair, is written →.
    #[test]
    fn matching_distractors_are_exported_and_count_toward_moodles_three_answers() {
        let quiz: Quiz = serde_yaml::from_str(
            "id: q\ntitle: t\nquestions:\n  - id: q-01\n    type: matching\n    prompt: 连线\n    pairs:\n      - {left: \"受理 -> 登记\", right: 甲}\n      - {left: 回访, right: 乙}\n    distractors: [丙]\n  - id: q-02\n    type: matching\n    prompt: 连线\n    pairs:\n      - {left: 一, right: 甲}\n      - {left: 二, right: 乙}\n",
        )
        .unwrap();
        let (gift_text, skipped) = to_gift(&[&quiz]);
        assert!(gift_text.contains("=受理 → 登记 -> 甲"), "{gift_text}");
        assert!(gift_text.contains("\n  = -> 丙"), "{gift_text}");
        let (xml_text, xml_skipped) = to_moodle_xml(&[&quiz]);
        assert!(
            xml_text.contains("<subquestion format=\"markdown\"><text></text><answer><text>丙</text></answer></subquestion>"),
            "{xml_text}"
        );
        // Two pairs and no distractor: three answers are not there.
        for s in [&skipped, &xml_skipped] {
            assert_eq!(s.len(), 1, "{s:?}");
            assert_eq!(s[0].question, "q-02");
            assert!(
                s[0].reason.contains("at least two pairs and three answers"),
                "{s:?}"
            );
        }
    }

    #[test]
    fn shares_are_moodle_fractions() {
        assert_eq!(share(1), "100");
        assert_eq!(share(3), "33.33333");
        assert_eq!(share(6), "16.66667");
        assert_eq!(share(7), "14.28571");
        assert_eq!(share(12), "5");
        for n in 1..=30 {
            let v: f64 = share(n).parse().unwrap();
            assert!(MOODLE_FRACTIONS.iter().any(|f| (f - v).abs() < 1e-9), "{n}");
        }
    }

    #[test]
    fn gift_escapes_its_special_characters() {
        assert_eq!(gift("a=b ~c #d {e} f:g"), "a\\=b \\~c \\#d \\{e\\} f\\:g");
        assert_eq!(gift("一\n二"), "一\\n二");
    }
}
