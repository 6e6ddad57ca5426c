//! Checks on rules that their types cannot express: the id's form, steps that say something,
//! positive time limits, limits that grow from ordinary to complex to extended, real dates.
//! Each error points at the field (file:line:col) with a fix.

use super::rule::{Condition, Rule, TimeUnit};
use super::Located;
use crate::diagnostics::Diagnostic;

/// `TS-PROC-001`: upper-case letters and digits in dash-separated parts, starting with a letter.
pub fn valid_id(id: &str) -> bool {
    let mut parts = id.split('-');
    let first = parts.next().unwrap_or("");
    let ok_part = |p: &str| {
        !p.is_empty()
            && p.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    };
    first.starts_with(|c: char| c.is_ascii_uppercase())
        && ok_part(first)
        && id.contains('-')
        && parts.all(ok_part)
}

/// `YYYY-MM-DD`, a real calendar date.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let num = |r: std::ops::Range<usize>| s.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2200).contains(&y) && (1..=days).contains(&d)
}

/// What is wrong with a date `valid_date` refused, said for the date written, with the one to
/// write (`key: ` before it): a day the month does not have (`2026-02-30`), a month past 12,
/// or a date written another way (`2026/12/01`, `2026.12.1`, `2026年12月1日`). None when the
/// text is no date at all.
pub fn date_advice(s: &str, key: &str) -> Option<String> {
    let s = s.trim();
    let nums: Vec<&str> = s
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty())
        .collect();
    let [y, m, d] = nums[..] else {
        return None;
    };
    let (Ok(y), Ok(m), Ok(d)) = (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) else {
        return None;
    };
    if y < 1000
        || s.chars()
            .any(|c| c.is_alphabetic() && !"年月日".contains(c))
    {
        return None;
    }
    let fixed = format!("{y:04}-{m:02}-{d:02}");
    if !(1..=12).contains(&m) {
        return Some(format!(
            "there is no month {m}: write the date as YYYY-MM-DD, e.g. `{key}: {y:04}-01-{d:02}`"
        ));
    }
    if valid_date(&fixed) {
        return Some(format!(
            "write it with hyphens, year-month-day: `{key}: {fixed}`"
        ));
    }
    let days = (28..=31)
        .rev()
        .find(|&n| valid_date(&format!("{y:04}-{m:02}-{n:02}")))
        .unwrap_or(28);
    Some(format!(
        "{y}年{m}月 has {days} days: check the day (the last is `{key}: {y:04}-{m:02}-{days:02}`)"
    ))
}

/// More than ten years in `unit`: no time limit of a service rule is, and the rule card's
/// due date counts working days one by one.
fn too_long(value: f64, unit: TimeUnit) -> bool {
    value
        > match unit {
            TimeUnit::WorkingDays => 2_600.0,
            TimeUnit::CalendarDays => 3_660.0,
            TimeUnit::Hours => 87_840.0,
            TimeUnit::Minutes => 5_270_400.0,
        }
}

/// A number as a trainer wrote it, a huge one as 1e308 rather than its 309 digits.
fn big(v: f64) -> String {
    if v >= 1e7 {
        format!("{v:e}")
    } else {
        v.to_string()
    }
}

pub fn check(lr: &Located<Rule>, diags: &mut Vec<Diagnostic>) {
    let r = &lr.value;
    let err = |path: &str, msg: String, hint: &str| {
        let (l, c) = lr.pos(path);
        Diagnostic::error(&lr.file, l, c, format!("rule `{}`: {msg}", r.id)).with_hint(hint)
    };
    if !valid_id(&r.id) {
        diags.push(err(
            "id",
            format!("id `{}` is not in the form `TS-PROC-001`", r.id),
            "use upper-case letters and digits in dash-separated parts, e.g. `TS-PROC-001`; links and search use the id",
        ));
    }
    for (field, value) in [("title", &r.title), ("summary", &r.summary)] {
        if value.trim().is_empty() {
            diags.push(err(
                field,
                format!("`{field}` is empty"),
                "write it: workers see it first",
            ));
        }
    }
    // The rule among its own related ones: a link from its card to itself.
    for (k, rel) in r.related.iter().enumerate() {
        let target = rel.trim().strip_prefix("rule:").unwrap_or(rel.trim());
        if target == r.id {
            let (l, c) = lr.pos(&format!("related.{k}"));
            diags.push(
                Diagnostic::warning(
                    &lr.file,
                    l,
                    c,
                    format!("rule `{}` lists itself in `related`", r.id),
                )
                .with_hint("remove it: the card would link to itself"),
            );
        }
    }
    // A bare `-` (or `- ""`) in a list: an empty bullet on the card.
    for (field, items) in [
        ("applies_when", &r.applies_when),
        ("must", &r.must),
        ("must_not", &r.must_not),
    ] {
        for (i, item) in items.iter().enumerate() {
            if item.trim().is_empty() {
                let (l, c) = lr.pos(&format!("{field}.{i}"));
                diags.push(
                    Diagnostic::warning(&lr.file, l, c, format!("rule `{}`: item {} of `{field}` is empty", r.id, i + 1))
                        .with_hint("write the text after `- `, or delete the line: the card would show an empty bullet"),
                );
            }
        }
    }
    if lr.spans.has("steps") && r.steps.is_empty() {
        diags.push(err(
            "steps",
            "`steps` is empty".into(),
            "list the steps in order, each with `who:` and `what:` (and `within:` if it has a limit), or remove `steps`",
        ));
    }
    for (i, s) in r.steps.iter().enumerate() {
        if s.who.trim().is_empty() || s.what.trim().is_empty() {
            diags.push(err(
                &format!("steps.{i}"),
                format!("step {} does not say who does what", i + 1),
                "give every step a `who:` (role or department) and a `what:`",
            ));
        }
        if let Some(d) = &s.within {
            if !(d.value.is_finite() && d.value > 0.0) {
                diags.push(err(
                    &format!("steps.{i}.within.value"),
                    format!("step {}: a time limit of {} is not positive", i + 1, d.value),
                    "write the number of units the step may take, e.g. `within: {value: 1, unit: working_days}`",
                ));
            } else if too_long(d.value, d.unit) {
                diags.push(err(
                    &format!("steps.{i}.within.value"),
                    format!("step {}: a time limit of {} {} is more than ten years", i + 1, big(d.value), d.unit.label()),
                    "check the number and the unit (a due date so far off is a slip, and the rule card would count it day by day)",
                ));
            }
        }
    }
    for (i, t) in r.time_limits.iter().enumerate() {
        if !(t.value.is_finite() && t.value > 0.0) {
            diags.push(err(
                &format!("time_limits.{i}.value"),
                format!(
                    "time limit `{}` is {}, not a positive number",
                    t.label, t.value
                ),
                "write how many units the limit allows, e.g. `value: 5` with `unit: working_days`",
            ));
        } else if too_long(t.value, t.unit) {
            diags.push(err(
                &format!("time_limits.{i}.value"),
                format!(
                    "time limit `{}` is {} {}, more than ten years",
                    t.label,
                    big(t.value),
                    t.unit.label()
                ),
                "check the number and the unit (a due date so far off is a slip, and the rule card would count it day by day)",
            ));
        }
        if let Some(p) = t.previous {
            let path = format!("time_limits.{i}.previous");
            if !(p.is_finite() && p > 0.0) || too_long(p, t.unit) {
                diags.push(err(
                    &path,
                    format!("the previous value of `{}` is {}, not a positive number", t.label, big(p)),
                    "write the value the limit had before this version, in the same unit, e.g. `previous: 5`",
                ));
            } else if r.effective.is_none() {
                diags.push(err(
                    &path,
                    format!("`previous` on `{}`, but the rule has no `effective` day", t.label),
                    "`previous` is the value until this version takes effect: add `effective: YYYY-MM-DD`, the day the new value applies from",
                ));
            }
        }
    }
    // For each named limit: ordinary <= complex <= extended.
    for (i, t) in r.time_limits.iter().enumerate() {
        for (j, u) in r.time_limits.iter().enumerate().take(i) {
            if u.label != t.label || u.condition == t.condition {
                continue;
            }
            let (shorter, longer, si, li) = if u.condition < t.condition {
                (u, t, j, i)
            } else {
                (t, u, i, j)
            };
            if shorter.value * shorter.unit.hours() > longer.value * longer.unit.hours() {
                let _ = si;
                diags.push(err(
                    &format!("time_limits.{li}.value"),
                    format!(
                        "`{}` {} ({}{}) is shorter than {} ({}{})",
                        t.label,
                        longer.condition.label(),
                        super::rule::format_value(longer.value),
                        longer.unit.label(),
                        shorter.condition.label(),
                        super::rule::format_value(shorter.value),
                        shorter.unit.label()
                    ),
                    match longer.condition {
                        Condition::Extended => "an extension approved for a case must allow more time than the ordinary or complex limit",
                        _ => "the limit for complex cases must be at least the ordinary one",
                    },
                ));
            }
        }
    }
    if let Some(e) = &r.effective {
        if !valid_date(e) {
            diags.push(err(
                "effective",
                format!("effective date `{e}` is not a date"),
                &date_advice(e, "effective").unwrap_or_else(|| {
                    "write it as YYYY-MM-DD, e.g. `effective: 2024-03-01` (quotes not needed)"
                        .into()
                }),
            ));
        }
    }
    if let Some(e) = &r.repealed {
        if !valid_date(e) {
            diags.push(err(
                "repealed",
                format!("repeal date `{e}` is not a date"),
                &date_advice(e, "repealed").unwrap_or_else(|| {
                    "write the day the rule stops applying as YYYY-MM-DD, e.g. `repealed: 2027-01-01`".into()
                }),
            ));
        } else if r
            .effective
            .as_deref()
            .is_some_and(|f| valid_date(f) && f.trim() >= e.trim())
        {
            diags.push(err(
                "repealed",
                format!(
                    "the rule is repealed on {e}, before it takes effect ({})",
                    r.effective.as_deref().unwrap_or_default().trim()
                ),
                "`repealed` is the day the rule stops applying: after its `effective` day",
            ));
        }
    }
    if let Some(by) = &r.replaced_by {
        if r.repealed.is_none() {
            diags.push(err(
                "replaced_by",
                format!("`replaced_by: {by}` on a rule that is not repealed"),
                "add `repealed: YYYY-MM-DD`, the day this rule stops applying and the other takes its place",
            ));
        } else if by.trim() == r.id {
            diags.push(err(
                "replaced_by",
                "a rule cannot replace itself".to_string(),
                "name the rule that takes this one's place, or remove `replaced_by`",
            ));
        }
    }
    for p in revision_problems(&r.revised, r.effective.as_deref()) {
        let mut d = err(
            &format!("revised.{}.{}", p.entry, p.field),
            p.message,
            &p.hint,
        );
        if p.warning {
            d.severity = crate::diagnostics::Severity::Warning;
        }
        diags.push(d);
    }
    // The newest revision that names its version is the version the card shows: a rule
    // revised without raising `version` (or the other way round) tells a reader checking an
    // old case the wrong version.
    let newest = r
        .revised
        .iter()
        .enumerate()
        .filter(|(_, x)| x.version.is_some())
        .max_by(|(i, a), (j, b)| a.date.trim().cmp(b.date.trim()).then(i.cmp(j)));
    if let (Some((at, rev)), Some(v)) = (newest, r.version.as_deref()) {
        let said = rev.version.as_deref().unwrap_or_default().trim();
        if said != v.trim() {
            let mut d = err(
                &format!("revised.{at}.version"),
                format!(
                    "the newest revision ({}) says version `{said}`, the rule `version: {}`",
                    rev.date.trim(),
                    v.trim()
                ),
                "a revision that makes a new version says so and the rule's `version` is the newest one's: correct whichever is behind",
            );
            d.severity = crate::diagnostics::Severity::Warning;
            diags.push(d);
        }
    }
}

/// What is wrong in one entry of a `revised` list (a rule's, or a page's front matter).
pub struct RevisionProblem {
    pub entry: usize,
    /// `date` or `change`.
    pub field: &'static str,
    pub message: String,
    pub hint: String,
    /// A date after today: a slip (2062 for 2026), shown as the book's latest revision in
    /// every page's footer, but not wrong in itself.
    pub warning: bool,
}

/// Checks a `revised` list: real dates, and a change that says something.
/// (`effective`: a rule's; a revision dated on it, after today, is a change published ahead.)
pub fn revision_problems(
    revised: &[super::rule::Revision],
    effective: Option<&str>,
) -> Vec<RevisionProblem> {
    let mut out = Vec::new();
    for (entry, rev) in revised.iter().enumerate() {
        if !valid_date(&rev.date) {
            out.push(RevisionProblem {
                entry,
                field: "date",
                message: format!("revision date `{}` is not a date", rev.date),
                hint: date_advice(&rev.date, "date")
                    .unwrap_or_else(|| "write it as YYYY-MM-DD, e.g. `date: 2024-03-01`".into()),
                warning: false,
            });
        } else if super::calendar::parse_day(&rev.date)
            .is_some_and(|d| d > super::calendar::today() + 1)
            && effective.map(str::trim) != Some(rev.date.trim())
        {
            out.push(RevisionProblem {
                entry,
                field: "date",
                message: format!("revision date `{}` is after today", rev.date.trim()),
                hint: "check the year: every page's footer shows the latest revision date (内容更新至 …) as how current the copy is; a rule's change published ahead is dated on its `effective` day".into(),
                warning: true,
            });
        }
        if rev.change.trim().is_empty() {
            out.push(RevisionProblem {
                entry,
                field: "change",
                message: "a revision without `change`".into(),
                hint: "say what changed; the page and the recent-changes page show it".into(),
                warning: false,
            });
        }
    }
    out
}

#[cfg(test)]
mod date_tests {
    use super::date_advice;

    #[test]
    fn a_date_written_wrong_is_answered_with_the_date_to_write() {
        let a = |s: &str| date_advice(s, "effective").unwrap_or_default();
        assert!(
            a("2026-02-30").contains("2026年2月 has 28 days"),
            "{}",
            a("2026-02-30")
        );
        assert!(a("2028-02-30").contains("has 29 days"));
        assert!(a("2026-04-31").contains("`effective: 2026-04-30`"));
        assert!(a("2026-13-01").contains("there is no month 13"));
        assert!(a("2026/12/01").contains("`effective: 2026-12-01`"));
        assert!(a("2026.12.1").contains("`effective: 2026-12-01`"));
        assert!(a("2026年12月1日").contains("`effective: 2026-12-01`"));
        assert_eq!(date_advice("下个月", "effective"), None);
        assert_eq!(date_advice("v1.2.3", "effective"), None);
        assert_eq!(date_advice("12/01", "effective"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(yaml: &str) -> Vec<String> {
        let lr = Located::whole_file(
            "r.rule.yaml".into(),
            serde_yaml::from_str(yaml).unwrap(),
            yaml,
        );
        let mut d = Vec::new();
        check(&lr, &mut d);
        d.iter().map(|d| d.to_string()).collect()
    }

    const HEAD: &str = "id: TS-PROC-001\ntitle: t\ncategory: c\nsummary: s\n";

    #[test]
    fn ids_and_dates() {
        assert!(valid_id("TS-PROC-001") && valid_id("EX-1") && !valid_id("ts-proc-001"));
        assert!(!valid_id("TS") && !valid_id("1S-A") && !valid_id("TS--A"));
        assert!(valid_date("2024-02-29") && !valid_date("2023-02-29") && !valid_date("2024-13-01"));
        assert!(!valid_date("2024/01/01") && !valid_date("next week"));
        let e = errors(&HEAD.replace("TS-PROC-001", "proc 1"));
        assert!(
            e[0].contains("r.rule.yaml:1:5: rule `proc 1`: id `proc 1` is not in the form"),
            "{e:?}"
        );
        let e = errors(&format!(
            "{HEAD}effective: 2024-02-30\nrevised:\n  - date: soon\n    change: x\n"
        ));
        assert!(
            e[0].contains(
                "r.rule.yaml:5:12: rule `TS-PROC-001`: effective date `2024-02-30` is not a date"
            ),
            "{e:?}"
        );
        assert!(
            e[1].contains("r.rule.yaml:7:11:") && e[1].contains("`soon`"),
            "{e:?}"
        );
    }

    #[test]
    fn a_change_published_ahead_is_dated_on_its_effective_day_without_a_warning() {
        let ahead = "2090-01-01";
        let e = errors(&format!(
            "{HEAD}effective: {ahead}\nrevised:\n  - date: {ahead}\n    change: 缩短时限\n  - date: 2089-06-01\n    change: 笔误\n"
        ));
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("revision date `2089-06-01` is after today"),
            "{e:?}"
        );
    }

    #[test]
    fn steps_and_limits() {
        let e = errors(&format!("{HEAD}steps: []\n"));
        assert!(
            e[0].contains("r.rule.yaml:5:8: rule `TS-PROC-001`: `steps` is empty"),
            "{e:?}"
        );
        let e = errors(&format!(
            "{HEAD}time_limits:\n  - label: 办结\n    value: 0\n    unit: working_days\n"
        ));
        assert!(
            e[0].contains("r.rule.yaml:7:12:") && e[0].contains("not a positive number"),
            "{e:?}"
        );
        let y = format!("{HEAD}time_limits:\n  - label: 办结\n    value: 10\n    unit: working_days\n  - label: 办结\n    value: 5\n    unit: working_days\n    condition: extended\n");
        let e = errors(&y);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(
            e[0].contains("r.rule.yaml:10:12:")
                && e[0].contains("经批准延长 (5个工作日) is shorter than 一般情形 (10个工作日)"),
            "{e:?}"
        );
        let ok = format!("{HEAD}time_limits:\n  - label: 办结\n    value: 5\n    unit: working_days\n  - label: 办结\n    value: 30\n    unit: calendar_days\n    condition: extended\nsteps:\n  - who: 坐席\n    what: 受理\n    within: {{value: 1, unit: hours}}\n");
        assert_eq!(errors(&ok), Vec::<String>::new());
    }
}
