//! A rule shown inside a lesson: ```` ```rule TS-PROC-002 steps``` ````. The lesson quotes the
//! rule file itself, so when the rule's time limit or steps change, every lesson that shows
//! them changes with it: nothing to copy by hand and let drift.

use super::markdown::{escape_html, render, LinkResolver};
use super::pages::unwrap_paragraph;
use crate::content::rule::{format_value, Rule};
use crate::diagnostics::nearest;
use std::path::Path;

/// The parts of a rule card a block can show, in the card's order, with the words a trainer
/// may write for each (English or the card's own heading).
const PARTS: [(Part, &[&str]); 6] = [
    (Part::Applies, &["applies", "适用情形", "适用"]),
    (Part::Limits, &["limits", "时限"]),
    (Part::Steps, &["steps", "办理步骤", "步骤"]),
    (Part::Must, &["must", "必须做到", "严禁"]),
    (Part::Escalation, &["escalation", "升级路径", "升级"]),
    (Part::All, &["all", "全部"]),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Applies,
    Limits,
    Steps,
    Must,
    Escalation,
    All,
}

/// The parts named after the id; no words means the summary and the time limits. An unknown
/// word is `(message, hint)`.
pub fn parts(words: &[&str]) -> Result<Vec<Part>, (String, String)> {
    if words.is_empty() {
        return Ok(vec![Part::Limits]);
    }
    let mut out = Vec::new();
    for w in words {
        let lower = w.to_lowercase();
        let Some((p, _)) = PARTS
            .iter()
            .find(|(_, names)| names.contains(&lower.as_str()))
        else {
            let all = PARTS.iter().flat_map(|(_, n)| n.iter().copied());
            return Err((
                t!(
                    "a ```rule``` block cannot show `{w}`",
                    "```rule 块不能显示 `{w}` 这一部分"
                ),
                match nearest(&lower, all) {
                    Some(n) => t!("did you mean `{n}`? The parts are applies, limits, steps, must, escalation and all (or 适用情形, 时限, 办理步骤, 必须做到, 升级路径, 全部)", "是不是想写 `{n}`？能显示的部分有：applies, limits, steps, must, escalation, all（或写中文：适用情形, 时限, 办理步骤, 必须做到, 升级路径, 全部）"),
                    None => t!("name parts after the rule id: applies, limits, steps, must, escalation or all (or 适用情形, 时限, 办理步骤, 必须做到, 升级路径, 全部); with none, the summary and the time limits", "在规则编号后面写要显示的部分：applies, limits, steps, must, escalation 或 all（或写中文：适用情形, 时限, 办理步骤, 必须做到, 升级路径, 全部）；什么都不写，就显示摘要和时限"),
                },
            ));
        };
        if *p == Part::All {
            return Ok(vec![
                Part::Applies,
                Part::Limits,
                Part::Steps,
                Part::Must,
                Part::Escalation,
            ]);
        }
        if !out.contains(p) {
            out.push(*p);
        }
    }
    // In the card's order, whatever order they were written in.
    out.sort_by_key(|p| PARTS.iter().position(|(q, _)| q == p));
    Ok(out)
}

/// The block's HTML: the rule's id and title (linking to its card at `href`), its summary and
/// the parts asked for, then a link to the whole card. Fields are Markdown rendered with
/// `fields`; their diagnostics belong to the rule file and are reported on the card.
/// `deadlines` marks limits for the due dates the page works out (not on the print page).
pub fn rule_html(
    rule: &Rule,
    href: &str,
    parts: &[Part],
    fields: &dyn LinkResolver,
    deadlines: bool,
) -> String {
    let md = |t: &str| -> String {
        if t.trim().is_empty() {
            return String::new();
        }
        render(t, Path::new(""), 1, fields).html
    };
    let inline = |t: &str| unwrap_paragraph(&md(t));
    let list = |tag: &str, xs: &[String]| -> String {
        let items: String = xs
            .iter()
            .map(|x| format!("<li>{}</li>", inline(x)))
            .collect();
        format!("<{tag}>{items}</{tag}>")
    };
    let h = escape_html(href);
    let mut s = format!(
        "<aside class=\"rule-embed severity-{sev}\" aria-label=\"规则 {id}\"{eff}>\n<p class=\"rule-embed-head\"><span class=\"rule-embed-kind\">规则</span> <a href=\"{h}\"><span class=\"mono\">{id}</span> {title}</a></p>\n<div class=\"rule-embed-summary\">{summary}</div>\n",
        sev = escape_html(&format!("{:?}", rule.severity).to_lowercase()),
        // (A version in force from a later day: handbook.js says so, by the reader's date.)
        eff = match &rule.effective {
            Some(e) if deadlines => format!(" data-effective=\"{}\"", escape_html(e)),
            _ => String::new(),
        } + &match &rule.repealed {
            Some(e) => format!(" data-repealed=\"{}\"", escape_html(e)),
            None => String::new(),
        },
        id = escape_html(&rule.id),
        title = escape_html(&rule.title),
        summary = md(&rule.summary),
    );
    // (check warns about a rule quoted after its repeal; until the quote is taken out, the
    // reader is told. Which note shows is the build's guess: handbook.js decides by the
    // reader's date, as on the card.)
    if let Some(day) = &rule.repealed {
        let gone = rule.repealed_by(crate::content::calendar::today());
        let day = escape_html(day);
        s += &format!(
            "<p class=\"rule-repealed\"{}>本规则已于 {day} 废止，下面的内容只供查阅废止前受理的事项。</p>\n<p class=\"rule-repealed-ahead\"{}>本规则将于 {day} 废止；在此之前仍按本规则办理。</p>\n",
            if gone { "" } else { " hidden" },
            if gone { " hidden" } else { "" },
        );
    }
    for p in parts {
        match p {
            Part::Applies if !rule.applies_when.is_empty() => {
                s += "<div class=\"rule-embed-part\"><p class=\"rule-embed-title\">适用情形</p>";
                s += &list("ul", &rule.applies_when);
                s += "</div>\n";
            }
            Part::Limits if !rule.time_limits.is_empty() => {
                s += "<div class=\"rule-embed-part\"><p class=\"rule-embed-title\">时限</p><div class=\"limits\">";
                for t in &rule.time_limits {
                    let cond = format!("{:?}", t.condition).to_lowercase();
                    let data = if deadlines && t.deadline {
                        format!(
                            " data-n=\"{}\" data-unit=\"{}\"{}",
                            t.value,
                            serde_json::to_value(t.unit)
                                .ok()
                                .and_then(|v| v.as_str().map(str::to_string))
                                .unwrap_or_default(),
                            // (As on the card: the value until a version published ahead takes
                            // effect, or a limit it leaves as it is.)
                            match t.previous {
                                Some(p) => format!(" data-previous=\"{p}\""),
                                None if rule.keeps(t) => " data-unchanged=\"\"".into(),
                                None => String::new(),
                            }
                        )
                    } else {
                        String::new()
                    };
                    s += &format!(
                        "<div class=\"limit limit-{cond}\"{data}><span class=\"limit-value\">{v}</span><span class=\"limit-unit\">{u}</span><span class=\"limit-label\">{l} · {c}</span>{note}</div>",
                        v = format_value(t.value),
                        u = t.unit.label(),
                        l = escape_html(&t.label),
                        c = t.condition.label(),
                        note = if t.note.is_empty() {
                            String::new()
                        } else {
                            format!("<span class=\"limit-note\">{}</span>", escape_html(&t.note))
                        } + &under_limit(rule, t),
                    );
                }
                s += "</div></div>\n";
            }
            Part::Steps if !rule.steps.is_empty() => {
                s += "<div class=\"rule-embed-part\"><p class=\"rule-embed-title\">办理步骤</p><ol class=\"timeline\">";
                for st in &rule.steps {
                    s += &format!(
                        "<li><span class=\"step-who\">{}</span><span class=\"step-what\">{}</span>{}</li>",
                        escape_html(&st.who),
                        inline(&st.what),
                        st.within
                            .as_ref()
                            .map(|w| format!(
                                "<span class=\"step-within\">时限：{}{}</span>",
                                format_value(w.value),
                                w.unit.label()
                            ))
                            .unwrap_or_default()
                    );
                }
                s += "</ol></div>\n";
            }
            Part::Must if !rule.must.is_empty() || !rule.must_not.is_empty() => {
                s += "<div class=\"rule-embed-part must-columns\">";
                if !rule.must.is_empty() {
                    s += "<div class=\"must\"><p class=\"rule-embed-title\">✓ 必须做到</p>";
                    s += &list("ul", &rule.must);
                    s += "</div>";
                }
                if !rule.must_not.is_empty() {
                    s += "<div class=\"must-not\"><p class=\"rule-embed-title\">✗ 严禁</p>";
                    s += &list("ul", &rule.must_not);
                    s += "</div>";
                }
                s += "</div>\n";
            }
            Part::Escalation if !rule.escalation.trim().is_empty() => {
                s += "<div class=\"rule-embed-part\"><p class=\"rule-embed-title\">升级路径</p>";
                s += &md(&rule.escalation);
                s += "</div>\n";
            }
            _ => {}
        }
    }
    s += &format!(
        "<p class=\"rule-embed-more\"><a href=\"{h}\">查看完整规则卡 ›</a></p>\n</aside>\n"
    );
    s
}

/// What is said under a limit's value, the one place it is written, for a limits block and a
/// quoted card here and for the card's and 时限速查's templates (their views' `previous_html`):
/// `2027-01-01 前为 5个工作日` under a limit a version published ahead changes, and for a length
/// of time that is no time to finish by (`deadline: false`: 95598's 全天24小时, read as "act
/// within 24 hours": fact review) `（时段，不是办理期限）`; empty for neither.
pub(crate) fn under_limit(rule: &Rule, t: &crate::content::rule::TimeLimit) -> String {
    let mut s = match (t.previous, &rule.effective) {
        (Some(p), Some(e)) => format!(
            "<span class=\"limit-previous\">{} 前为 {}{}</span>",
            escape_html(e),
            format_value(p),
            t.unit.label()
        ),
        _ => String::new(),
    };
    if !t.deadline {
        s += "<span class=\"limit-not-deadline\">（时段，不是办理期限）</span>";
    }
    s
}

/// A ```` ```limits ID ID …``` ```` block: the time limits of the rules named, as one table
/// quoted from the rule files at every build (the hand-copied 常用时限速查 table a home page
/// keeps drifts when a regulation changes a limit). `rules` holds each rule with its card's
/// address; `calculator` the address of 时限速查, where due days are worked out (linked to
/// these rules' rows, when one of them is a deadline). A rule
/// repealed by `today` has no rows (check warns of it); one being repealed says from when.
pub fn limits_html(rules: &[(&Rule, String)], calculator: Option<&str>, today: i64) -> String {
    let mut s = String::from(
        "<div class=\"table-wrap\">\n<table class=\"limits-table\">\n<thead><tr><th scope=\"col\">事项</th><th scope=\"col\">时限</th><th scope=\"col\">适用情形</th><th scope=\"col\">规则</th></tr></thead>\n<tbody>\n",
    );
    for (rule, href) in rules {
        if rule.repealed_by(today) {
            continue;
        }
        let gone = match &rule.repealed {
            Some(day) => format!(
                "<span class=\"limit-note\">{} 起废止</span>",
                escape_html(day)
            ),
            None => String::new(),
        };
        for t in &rule.time_limits {
            let previous = under_limit(rule, t);
            let note = if t.note.is_empty() {
                String::new()
            } else {
                format!("：{}", escape_html(&t.note))
            };
            s += &format!(
                "<tr><td data-label=\"事项\">{label}</td><td class=\"tl-value\" data-label=\"时限\"><strong>{v}</strong>{u}{previous}</td><td data-label=\"适用情形\">{c}{note}</td><td data-label=\"规则\"><a href=\"{h}\"><span class=\"nowrap\">{id}</span> {title}</a>{gone}</td></tr>\n",
                label = escape_html(&t.label),
                v = format_value(t.value),
                u = t.unit.label(),
                c = t.condition.label(),
                h = escape_html(href),
                id = escape_html(&rule.id),
                title = escape_html(&rule.title),
            );
        }
    }
    s += "</tbody>\n</table>\n</div>\n";
    // (Not for hours of service alone: nothing to count a due day of.)
    let deadlines = rules
        .iter()
        .any(|(r, _)| !r.repealed_by(today) && r.time_limits.iter().any(|t| t.deadline));
    if let Some(c) = calculator.filter(|_| deadlines) {
        // (时限速查 shows these rules' rows alone, with a way back to all: #rule=A,B.)
        let ids: Vec<&str> = rules
            .iter()
            .filter(|(r, _)| !r.repealed_by(today))
            .map(|(r, _)| r.id.as_str())
            .collect();
        s += &format!(
            "<p class=\"limits-more\"><a href=\"{}#rule={}\">按起算日算截止日期：时限速查 ›</a></p>\n",
            escape_html(c),
            escape_html(&ids.join(","))
        );
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_default_to_the_limits_and_come_in_the_cards_order() {
        assert_eq!(parts(&[]).unwrap(), vec![Part::Limits]);
        assert_eq!(
            parts(&["must", "steps", "步骤"]).unwrap(),
            vec![Part::Steps, Part::Must]
        );
        assert_eq!(
            parts(&["严禁", "时限"]).unwrap(),
            vec![Part::Limits, Part::Must]
        );
        assert_eq!(parts(&["全部"]).unwrap().len(), 5);
        assert_eq!(parts(&["Steps"]).unwrap(), vec![Part::Steps]);
    }

    #[test]
    fn an_unknown_part_is_told_in_chinese() {
        let (msg, hint) = crate::i18n::in_chinese(|| parts(&["stesp"]).unwrap_err());
        assert_eq!(msg, "```rule 块不能显示 `stesp` 这一部分");
        assert!(hint.starts_with("是不是想写 `steps`？"), "{hint}");
    }

    #[test]
    fn an_unknown_part_is_named_with_the_nearest_one() {
        let (msg, hint) = parts(&["stesp"]).unwrap_err();
        assert!(msg.contains("`stesp`"), "{msg}");
        assert!(hint.contains("did you mean `steps`?"), "{hint}");
        let (_, hint) = parts(&["图片"]).unwrap_err();
        assert!(hint.contains("applies, limits, steps"), "{hint}");
    }
}
