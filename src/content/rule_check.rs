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
        return Some(t!(
            "there is no month {m}: write the date as YYYY-MM-DD, e.g. `{key}: {y:04}-01-{d:02}`",
            "没有 {m} 月：日期要写成 YYYY-MM-DD，例如 `{key}: {y:04}-01-{d:02}`"
        ));
    }
    if valid_date(&fixed) {
        return Some(t!(
            "write it with hyphens, year-month-day: `{key}: {fixed}`",
            "请用半角连字符 `-` 按年-月-日写：`{key}: {fixed}`"
        ));
    }
    let days = (28..=31)
        .rev()
        .find(|&n| valid_date(&format!("{y:04}-{m:02}-{n:02}")))
        .unwrap_or(28);
    Some(t!(
        "{y}年{m}月 has {days} days: check the day (the last is `{key}: {y:04}-{m:02}-{days:02}`)",
        "{y}年{m}月只有 {days} 天：请检查日期（这个月最后一天是 `{key}: {y:04}-{m:02}-{days:02}`）"
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
        let id = &r.id;
        Diagnostic::error(
            &lr.file,
            l,
            c,
            t!("rule `{id}`: {msg}", "规则 `{id}`：{msg}"),
        )
        .with_hint(hint)
    };
    if !valid_id(&r.id) {
        diags.push(err(
            "id",
            t!(
                "id `{}` is not in the form `TS-PROC-001`",
                "编号 `{}` 的写法不对，应该像 `TS-PROC-001` 这样",
                r.id
            ),
            &t!(
                "use upper-case letters and digits in dash-separated parts, e.g. `TS-PROC-001`; links and search use the id",
                "用大写字母和数字，各部分之间用半角连字符 `-` 隔开，例如 `TS-PROC-001`；链接和搜索都靠这个编号"
            ),
        ));
    }
    for (field, value) in [("title", &r.title), ("summary", &r.summary)] {
        if value.trim().is_empty() {
            diags.push(err(
                field,
                t!("`{field}` is empty", "`{field}` 是空的"),
                &t!(
                    "write it: workers see it first",
                    "请填写：一线人员最先看到的就是它"
                ),
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
                    t!(
                        "rule `{}` lists itself in `related`",
                        "规则 `{}` 把自己列在了 `related` 里",
                        r.id
                    ),
                )
                .with_hint(t!(
                    "remove it: the card would link to itself",
                    "请删掉它：否则规则卡片会链接到自己"
                )),
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
                    Diagnostic::warning(&lr.file, l, c, t!("rule `{}`: item {} of `{field}` is empty", "规则 `{}`：`{field}` 的第 {} 项是空的", r.id, i + 1))
                        .with_hint(t!("write the text after `- `, or delete the line: the card would show an empty bullet", "在 `- ` 后面写上文字，或删掉这一行：否则卡片上会显示一个空的条目")),
                );
            }
        }
    }
    if lr.spans.has("steps") && r.steps.is_empty() {
        diags.push(err(
            "steps",
            t!("`steps` is empty", "`steps` 是空的"),
            &t!(
                "list the steps in order, each with `who:` and `what:` (and `within:` if it has a limit), or remove `steps`",
                "按顺序列出各个步骤，每一步写上 `who:` 和 `what:`（有时限的再写 `within:`），或者删掉 `steps`"
            ),
        ));
    }
    for (i, s) in r.steps.iter().enumerate() {
        if s.who.trim().is_empty() || s.what.trim().is_empty() {
            diags.push(err(
                &format!("steps.{i}"),
                t!(
                    "step {} does not say who does what",
                    "第 {} 步没有写清谁做什么",
                    i + 1
                ),
                &t!(
                    "give every step a `who:` (role or department) and a `what:`",
                    "每一步都要写上 `who:`（岗位或部门）和 `what:`"
                ),
            ));
        }
        if let Some(d) = &s.within {
            if !(d.value.is_finite() && d.value > 0.0) {
                diags.push(err(
                    &format!("steps.{i}.within.value"),
                    t!("step {}: a time limit of {} is not positive", "第 {} 步：时限 {} 不是正数", i + 1, d.value),
                    &t!(
                        "write the number of units the step may take, e.g. `within: {{value: 1, unit: working_days}}`",
                        "写上这一步最多可以用多长时间，例如 `within: {{value: 1, unit: working_days}}`"
                    ),
                ));
            } else if too_long(d.value, d.unit) {
                diags.push(err(
                    &format!("steps.{i}.within.value"),
                    t!("step {}: a time limit of {} {} is more than ten years", "第 {} 步：时限 {} {} 超过了十年", i + 1, big(d.value), d.unit.label()),
                    &t!(
                        "check the number and the unit (a due date so far off is a slip, and the rule card would count it day by day)",
                        "请检查数字和单位（这么远的期限多半是写错了，而且规则卡片会一天一天地往后数）"
                    ),
                ));
            }
        }
    }
    for (i, t) in r.time_limits.iter().enumerate() {
        if !(t.value.is_finite() && t.value > 0.0) {
            diags.push(err(
                &format!("time_limits.{i}.value"),
                t!(
                    "time limit `{}` is {}, not a positive number",
                    "时限 `{}` 是 {}，不是正数",
                    t.label, t.value
                ),
                &t!(
                    "write how many units the limit allows, e.g. `value: 5` with `unit: working_days`",
                    "写上时限有几个单位，例如 `value: 5` 配 `unit: working_days`"
                ),
            ));
        } else if too_long(t.value, t.unit) {
            diags.push(err(
                &format!("time_limits.{i}.value"),
                t!(
                    "time limit `{}` is {} {}, more than ten years",
                    "时限 `{}` 是 {} {}，超过了十年",
                    t.label,
                    big(t.value),
                    t.unit.label()
                ),
                &t!(
                    "check the number and the unit (a due date so far off is a slip, and the rule card would count it day by day)",
                    "请检查数字和单位（这么远的期限多半是写错了，而且规则卡片会一天一天地往后数）"
                ),
            ));
        }
        if let Some(p) = t.previous {
            let path = format!("time_limits.{i}.previous");
            if !(p.is_finite() && p > 0.0) || too_long(p, t.unit) {
                diags.push(err(
                    &path,
                    t!("the previous value of `{}` is {}, not a positive number", "`{}` 的原值是 {}，不是正数", t.label, big(p)),
                    &t!(
                        "write the value the limit had before this version, in the same unit, e.g. `previous: 5`",
                        "写上这个时限在本版本之前的数值，单位不变，例如 `previous: 5`"
                    ),
                ));
            } else if r.effective.is_none() {
                diags.push(err(
                    &path,
                    t!("`previous` on `{}`, but the rule has no `effective` day", "`{}` 写了 `previous`，但规则没有写 `effective`（生效日期）", t.label),
                    &t!(
                        "`previous` is the value until this version takes effect: add `effective: YYYY-MM-DD`, the day the new value applies from",
                        "`previous` 是本版本生效之前的数值：请补上 `effective: YYYY-MM-DD`，即新数值开始适用的日期"
                    ),
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
                    t!(
                        "`{}` {} ({}{}) is shorter than {} ({}{})",
                        "`{}` 的{}（{}{}）比{}（{}{}）还短",
                        t.label,
                        longer.condition.label(),
                        super::rule::format_value(longer.value),
                        longer.unit.label(),
                        shorter.condition.label(),
                        super::rule::format_value(shorter.value),
                        shorter.unit.label()
                    ),
                    &match longer.condition {
                        Condition::Extended => t!("an extension approved for a case must allow more time than the ordinary or complex limit", "经批准延长的时限必须比一般情形、复杂情形的时限更长"),
                        _ => t!("the limit for complex cases must be at least the ordinary one", "复杂情形的时限不能比一般情形短"),
                    },
                ));
            }
        }
    }
    if let Some(e) = &r.effective {
        if !valid_date(e) {
            diags.push(err(
                "effective",
                t!(
                    "effective date `{e}` is not a date",
                    "生效日期 `{e}` 不是有效的日期"
                ),
                &date_advice(e, "effective").unwrap_or_else(|| {
                    t!(
                        "write it as YYYY-MM-DD, e.g. `effective: 2024-03-01` (quotes not needed)",
                        "请写成 YYYY-MM-DD，例如 `effective: 2024-03-01`（不用加引号）"
                    )
                }),
            ));
        }
    }
    if let Some(e) = &r.repealed {
        if !valid_date(e) {
            diags.push(err(
                "repealed",
                t!("repeal date `{e}` is not a date", "废止日期 `{e}` 不是有效的日期"),
                &date_advice(e, "repealed").unwrap_or_else(|| {
                    t!(
                        "write the day the rule stops applying as YYYY-MM-DD, e.g. `repealed: 2027-01-01`",
                        "把规则停止适用的日期写成 YYYY-MM-DD，例如 `repealed: 2027-01-01`"
                    )
                }),
            ));
        } else if r
            .effective
            .as_deref()
            .is_some_and(|f| valid_date(f) && f.trim() >= e.trim())
        {
            diags.push(err(
                "repealed",
                t!(
                    "the rule is repealed on {e}, before it takes effect ({})",
                    "规则在 {e} 废止，却不晚于它的生效日期（{}）",
                    r.effective.as_deref().unwrap_or_default().trim()
                ),
                &t!(
                    "`repealed` is the day the rule stops applying: after its `effective` day",
                    "`repealed` 是规则停止适用的日期，应该在 `effective`（生效日期）之后"
                ),
            ));
        }
    }
    if let Some(by) = &r.replaced_by {
        if r.repealed.is_none() {
            diags.push(err(
                "replaced_by",
                t!(
                    "`replaced_by: {by}` on a rule that is not repealed",
                    "规则没有废止，却写了 `replaced_by: {by}`"
                ),
                &t!(
                    "add `repealed: YYYY-MM-DD`, the day this rule stops applying and the other takes its place",
                    "请补上 `repealed: YYYY-MM-DD`：本规则停止适用、由另一条规则接替的日期"
                ),
            ));
        } else if by.trim() == r.id {
            diags.push(err(
                "replaced_by",
                t!("a rule cannot replace itself", "规则不能由自己接替"),
                &t!(
                    "name the rule that takes this one's place, or remove `replaced_by`",
                    "写上接替本规则的那条规则的编号，或者删掉 `replaced_by`"
                ),
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
                t!(
                    "the newest revision ({}) says version `{said}`, the rule `version: {}`",
                    "最新一条修订记录（{}）写的版本是 `{said}`，规则写的却是 `version: {}`",
                    rev.date.trim(),
                    v.trim()
                ),
                &t!(
                    "a revision that makes a new version says so and the rule's `version` is the newest one's: correct whichever is behind",
                    "产生新版本的修订记录要写明版本号，规则的 `version` 要和最新一条一致：把落后的那一处改过来"
                ),
            );
            d.severity = crate::diagnostics::Severity::Warning;
            diags.push(d);
        }
    }
}

/// [`check`] for the rules of a file that did not read (a value of the wrong type, an
/// unknown key), so that its other mistakes are in the same run as those (`effective:
/// 2025-13-01` under `value: 5个工作日` was found only once the value was mended): see
/// [`super::checked_past_mistakes`]. Cross-file checks (a rule's id used twice, `related`
/// links) wait for the file to read.
pub fn check_past_mistakes(
    file: &std::path::Path,
    text: &str,
    known: &[Diagnostic],
) -> Vec<Diagnostic> {
    let list = super::is_list(text);
    // (A list's item that took another's place has its mistakes at its own lines, set
    // aside; compared with the others (time limits) it says what its original says; no check
    // of a rule counts a list's items, and ids used twice are checked across files.)
    let fields = super::rule::RULE_FIELDS;
    match super::read_past::<Rule>(file, (text, 1), fields, list) {
        Some(p) => check_read_past(file, known, p),
        None => Vec::new(),
    }
}

/// [`check_past_mistakes`] of a rule file already read past its mistakes.
pub(crate) fn check_read_past(
    file: &std::path::Path,
    known: &[Diagnostic],
    past: super::ReadPast<Rule>,
) -> Vec<Diagnostic> {
    super::checked_read_past::<Rule>(file, 1, known, past, false, |r, d| check(r, d))
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
                message: t!(
                    "revision date `{}` is not a date",
                    "修订日期 `{}` 不是有效的日期",
                    rev.date
                ),
                hint: date_advice(&rev.date, "date").unwrap_or_else(|| {
                    t!(
                        "write it as YYYY-MM-DD, e.g. `date: 2024-03-01`",
                        "请写成 YYYY-MM-DD，例如 `date: 2024-03-01`"
                    )
                }),
                warning: false,
            });
        } else if super::calendar::parse_day(&rev.date)
            .is_some_and(|d| d > super::calendar::today() + 1)
            && effective.map(str::trim) != Some(rev.date.trim())
        {
            out.push(RevisionProblem {
                entry,
                field: "date",
                message: t!(
                    "revision date `{}` is after today",
                    "修订日期 `{}` 在今天之后",
                    rev.date.trim()
                ),
                hint: t!(
                    "check the year: every page's footer shows the latest revision date (内容更新至 …) as how current the copy is; a rule's change published ahead is dated on its `effective` day",
                    "请检查年份：每个页面底部都把最新的修订日期显示为“内容更新至 …”，表示内容有多新；规则提前发布的修改，日期写它的 `effective`（生效日期）"
                ),
                warning: true,
            });
        }
        if rev.change.trim().is_empty() {
            out.push(RevisionProblem {
                entry,
                field: "change",
                message: t!("a revision without `change`", "修订记录缺少 `change`"),
                hint: t!(
                    "say what changed; the page and the recent-changes page show it",
                    "写明改了什么；页面和“最近修订”页都会显示它"
                ),
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

    /// The common slips of a rule, in Chinese, at the places the English names.
    #[test]
    fn the_common_slips_are_told_in_chinese() {
        let yaml = format!(
            "{HEAD}effective: 2026-02-30\nsteps: []\ntime_limits:\n  - label: 办结\n    value: 10\n    unit: working_days\n  - label: 办结\n    value: 5\n    unit: working_days\n    condition: complex\nrevised:\n  - date: 2024/3/1\n    change: ''\n"
        );
        let en = errors(&yaml);
        let zh = crate::i18n::in_chinese(|| errors(&yaml));
        let place = crate::i18n::places;
        assert_eq!(place(&en), place(&zh), "{en:#?}\n{zh:#?}");
        let all = zh.join("\n");
        for want in [
            "规则 `TS-PROC-001`：生效日期 `2026-02-30` 不是有效的日期\n  = 提示: 2026年2月只有 28 天：请检查日期（这个月最后一天是 `effective: 2026-02-28`）",
            "规则 `TS-PROC-001`：`steps` 是空的",
            "规则 `TS-PROC-001`：`办结` 的复杂情形（5个工作日）比一般情形（10个工作日）还短",
            "规则 `TS-PROC-001`：修订日期 `2024/3/1` 不是有效的日期\n  = 提示: 请用半角连字符 `-` 按年-月-日写：`date: 2024-03-01`",
            "规则 `TS-PROC-001`：修订记录缺少 `change`",
        ] {
            assert!(all.contains(want), "{want}\n{all}");
        }
    }

    /// Every mistake of a rule file that does not read: its type errors, and what the rule's
    /// own checks find in the rest (`check_past_mistakes`), as `handbook check` reports them.
    fn all_errors(yaml: &str) -> Vec<String> {
        let file = std::path::Path::new("r.rule.yaml");
        let fields = super::super::rule::RULE_FIELDS;
        let known = if super::super::is_list(yaml) {
            super::super::yaml::parse_all::<Vec<Rule>>(file, yaml, 1, fields).map(|_| ())
        } else {
            super::super::yaml::parse_all::<Rule>(file, yaml, 1, fields).map(|_| ())
        }
        .expect_err("the file has a type error");
        let more = check_past_mistakes(file, yaml, &known);
        known.iter().chain(&more).map(|d| d.to_string()).collect()
    }

    #[test]
    fn a_rule_with_type_errors_has_its_dates_checked_in_the_same_run() {
        let yaml = format!(
            "{HEAD}severity: 高\ntime_limits:\n  - label: 办结\n    value: 5个工作日\n    unit: working_days\neffective: 2025-13-01\nrevised:\n  - date: 2025-02-30\n    change: 首次发布\n"
        );
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 4, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:5:11:"), "{e:#?}");
        assert!(e[1].contains("r.rule.yaml:8:12:"), "{e:#?}");
        assert!(
            e[2].contains(
                "r.rule.yaml:10:12: rule `TS-PROC-001`: effective date `2025-13-01` is not a date"
            ),
            "{e:#?}"
        );
        assert!(
            e[3].contains("r.rule.yaml:12:11:") && e[3].contains("`2025-02-30`"),
            "{e:#?}"
        );
        // Past a key's colon written full-width, the checks read the key as meant: the date
        // is told, and `previous` is not told it needs an `effective` day.
        let yaml = format!(
            "{HEAD}effective： 2025-03-01\ntime_limits:\n  - label: 办结\n    value: 3\n    previous: 5\n    unit: working_days\nrevised:\n  - date: 2025-02-30\n    change: 缩短时限\n"
        );
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].contains("r.rule.yaml:5:") && e[0].contains("full-width colon"),
            "{e:#?}"
        );
        assert!(
            e[1].contains("r.rule.yaml:12:11:") && e[1].contains("`2025-02-30`"),
            "{e:#?}"
        );
        // Past a slip inside a field (a step's text holding `: `), the rest is checked; the
        // field with the slip is not (its steps read without the line).
        let nested = format!(
            "{HEAD}steps:\n  - who: 坐席\n    what: 登记: 派单\n  - who: 班长\n    what: ''\neffective: 2025-13-01\n"
        );
        let e = all_errors(&nested);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:7:"), "{e:#?}");
        assert!(
            e[1].contains("r.rule.yaml:10:12:") && e[1].contains("`2025-13-01`"),
            "{e:#?}"
        );
        // Past a key inside a field indented off (a step's `what:` a space past its `who:`),
        // it is read where it fits: the other step's empty `what` is told too.
        let off = nested.replace("    what: 登记: 派单", "     what: 登记");
        let e = all_errors(&off);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:7:6:"), "{e:#?}");
        assert!(
            e[1].contains("r.rule.yaml:8:8:") && e[1].contains("step 2"),
            "{e:#?}"
        );
        assert!(e[2].contains("`2025-13-01`"), "{e:#?}");
        // Past a tab slipped in before a key, the key is read at the column of the one above
        // it: the date is told, `previous` is not told it needs an `effective` day.
        let tabbed = yaml.replace("effective： ", "\teffective: ");
        let e = all_errors(&tabbed);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].contains("r.rule.yaml:5:1: this line is indented with a tab"),
            "{e:#?}"
        );
        assert!(
            e[1].contains("r.rule.yaml:12:11:") && e[1].contains("`2025-02-30`"),
            "{e:#?}"
        );
        // Past one of the rule's own keys indented off, it is read at its fields' column: the
        // date is told, `previous` is not told it needs an `effective` day.
        let off = yaml.replace("effective： ", " effective: ");
        let e = all_errors(&off);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:5:2:"), "{e:#?}");
        assert!(
            e[1].contains("r.rule.yaml:12:11:") && e[1].contains("`2025-02-30`"),
            "{e:#?}"
        );
        // Past another line YAML cannot read, the rule's checks wait for it to be fixed: its
        // fields are missing only here (`effective` on a line cut short, and `previous` would
        // be told it needs an `effective` day).
        let yaml = yaml.replace("effective： 2025-03-01", "effective: [2025-03-01");
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:5:"), "{e:#?}");
    }

    #[test]
    fn what_a_stand_in_makes_is_not_reported() {
        // `unit: 工作日` stands in as working days one time, minutes the other: only with
        // the first is the complex limit (3 days) shorter than the ordinary one.
        let yaml = format!(
            "{HEAD}time_limits:\n  - label: 办结\n    value: 5\n    unit: 工作日\n  - label: 办结\n    value: 3\n    unit: calendar_days\n    condition: complex\n"
        );
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:8:11:"), "{e:#?}");
        // A step written as text takes the first step's place, with its mistake: the
        // mistake is said once, at the step that has it.
        let yaml = format!(
            "{HEAD}steps:\n  - who: 坐席\n    what: 受理\n    within: {{value: 0, unit: hours}}\n  - 派单给责任部门\n"
        );
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:9:"), "{e:#?}");
        assert!(
            e[1].contains("r.rule.yaml:8:") && e[1].contains("step 1:"),
            "{e:#?}"
        );
        // A misspelt key is read as the one it is nearest as well as left out: `previous`
        // is not told it needs an `effective` day.
        let yaml = format!(
            "{HEAD}effectve: 2025-03-01\ntime_limits:\n  - label: 办结\n    value: 3\n    previous: 5\n    unit: working_days\n"
        );
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(
            e[0].contains("r.rule.yaml:5:1: unknown field `effectve`"),
            "{e:#?}"
        );
        // A missing id stands in as `x` and `y`: the rule's messages name it, and differ.
        let e = all_errors(&format!(
            "{}effective: 2025-13-01\n",
            HEAD.replace("id: TS-PROC-001\n", "")
        ));
        assert_eq!(e.len(), 1, "{e:#?}");
        assert!(e[0].contains("missing required field `id`"), "{e:#?}");
    }

    /// A file of many rules with a mistake in each: every one is told, with what the rules'
    /// checks find (40 type errors were, and none of the dates, before a list was read an
    /// item at a time).
    #[test]
    fn every_rule_of_a_long_list_has_its_mistakes_told() {
        let yaml: String = (1..=60)
            .map(|i| {
                format!("- id: TS-A-{i:03}\n  title: t\n  category: c\n  summary: s\n  severity: 高\n  effective: 2025-13-01\n")
            })
            .collect();
        let e = all_errors(&yaml);
        assert_eq!(e.len(), 120, "{e:#?}");
        for i in 1..=60 {
            let l = (i - 1) * 6;
            assert!(
                e.iter()
                    .any(|e| e.contains(&format!("r.rule.yaml:{}:13: ", l + 5))),
                "severity of rule {i}: {e:#?}"
            );
            assert!(
                e.iter().any(|e| e.contains(&format!(
                    "r.rule.yaml:{}:14: rule `TS-A-{i:03}`: effective date",
                    l + 6
                ))),
                "date of rule {i}: {e:#?}"
            );
        }
    }

    /// A key given twice no longer hides the rest of the file: a slip further down and a
    /// wrong date are told in the same run, and the first place of the key is named.
    #[test]
    fn past_a_key_given_twice_the_rest_of_the_rule_is_checked() {
        let yaml = "id: TS-A-001\ntitle: 测试\ntitle: 重复\ncategory: c\nsummary: s\nsteps:\n  - who: 坐席\n    what: 登记: 派单\neffective: 2025-13-01\n";
        let e = all_errors(yaml);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(
            e[0].contains("r.rule.yaml:3:1: duplicate field `title` (first on line 2)")
                && e[0].contains("remove the `title:` on line 3 or the one on line 2"),
            "{e:#?}"
        );
        assert!(
            e[1].contains("r.rule.yaml:8:13: the value of `what` holds `: `"),
            "{e:#?}"
        );
        assert!(
            e[2].contains("r.rule.yaml:9:12: rule `TS-A-001`: effective date"),
            "{e:#?}"
        );
        // A list whose item lost its `- `: its `id:` is the item's given twice, told once
        // (not each of its keys), and the next rule's date is checked.
        let yaml = "- id: TS-A-001\n  title: t\n  category: c\n  summary: s\n  id: TS-A-002\n  title: u\n  category: c\n  summary: s\n- id: TS-A-003\n  title: v\n  category: c\n  summary: s\n  effective: 2025-02-30\n";
        let e = all_errors(yaml);
        assert_eq!(e.len(), 2, "{e:#?}");
        assert!(
            e[0].contains("duplicate field `id`") && e[0].contains("r.rule.yaml:1:3:"),
            "{e:#?}"
        );
        assert!(
            e[1].contains("r.rule.yaml:13:14: rule `TS-A-003`: effective date"),
            "{e:#?}"
        );
    }

    #[test]
    fn the_other_rules_of_a_list_are_checked_past_one_that_does_not_read() {
        let yaml = "- id: TS-A-001\n  title: t\n  category: c\n  summary: s\n  effective: 2025-13-01\n- id: TS-A-002\n  title: [t]\n  category: c\n  summary: s\n  repealed: 2025/1/1\n";
        let e = all_errors(yaml);
        assert_eq!(e.len(), 3, "{e:#?}");
        assert!(e[0].contains("r.rule.yaml:7:"), "{e:#?}");
        assert!(
            e[1].contains("r.rule.yaml:5:14: rule `TS-A-001`: effective date"),
            "{e:#?}"
        );
        assert!(
            e[2].contains("r.rule.yaml:10:13: rule `TS-A-002`: repeal date"),
            "{e:#?}"
        );
    }
}
