//! `calendar.yaml`: the public holidays and the weekend days worked in their place (调休), year
//! by year, so that 时限速查 can turn "5 个工作日" into a date. Checked here; counted in the
//! browser (handbook.js, `deadlines`), from the days this module lists.

use super::Located;
use crate::diagnostics::Diagnostic;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// The years whose holidays are written here; outside them only weekends are known.
    pub years: Vec<i32>,
    /// Days off: `2026-10-01`, or a range `2026-10-01..2026-10-07`.
    #[serde(default)]
    pub holidays: Vec<String>,
    /// Saturdays and Sundays worked in exchange for a holiday.
    #[serde(default)]
    pub workdays: Vec<String>,
    /// Whether the day a time limit starts from (the day a complaint is accepted, say) counts
    /// as its first day.
    #[serde(default)]
    pub first_day: FirstDay,
    /// Whether a limit counted in calendar days that ends on a day off ends on the next
    /// working day instead.
    #[serde(default)]
    pub last_day: LastDay,
}
pub const CALENDAR_FIELDS: &[&str] = &["years", "holidays", "workdays", "first_day", "last_day"];

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LastDay {
    /// A limit in calendar days ends on its last day, whatever day that is.
    #[default]
    Keep,
    /// A limit in calendar days whose last day is a day off (a weekend or a holiday) ends on
    /// the next working day, as periods do in Chinese civil law (民法典第二百零三条).
    Extend,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FirstDay {
    /// The day it starts from is not counted: counting begins the next day (as periods
    /// counted in days do in Chinese law).
    #[default]
    Next,
    /// The day it starts from is day 1 when it is a working day.
    Same,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
pub fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The date `days` after 1970-01-01.
pub fn civil_from_days(days: i64) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = (yoe + era * 400 + i64::from(m <= 2)) as i32;
    (y, m, d)
}

/// 0 = Monday … 6 = Sunday.
pub fn weekday(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// Day number of a valid `YYYY-MM-DD` date.
pub fn parse_day(s: &str) -> Option<i64> {
    let s = s.trim();
    if !super::rule_check::valid_date(s) {
        return None;
    }
    let n = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    Some(days_from_civil(n(0..4)? as i32, n(5..7)?, n(8..10)?))
}

/// The day `check --today` checks the book as of (a day ahead: what a repeal or a shortened
/// limit leaves to mend on the day it takes effect), in place of the clock's.
static AS_OF: std::sync::OnceLock<i64> = std::sync::OnceLock::new();

/// Checks the book as of day `day` (days since 1970-01-01) rather than today; once a run.
pub fn check_as_of(day: i64) {
    let _ = AS_OF.set(day);
}

/// Today's day number (UTC), as [`days_from_civil`] counts (or `check --today`'s day).
pub fn today() -> i64 {
    if let Some(&d) = AS_OF.get() {
        return d;
    }
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    (secs / 86_400) as i64
}

pub fn format_day(days: i64) -> String {
    let (y, m, d) = civil_from_days(days);
    format!("{y:04}-{m:02}-{d:02}")
}

const WEEKDAYS: [&str; 7] = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"];

/// The calendar as the browser counts with it: every day off and every day worked, one by one.
#[derive(Debug, Default, Serialize, PartialEq)]
pub struct Days {
    pub years: Vec<i32>,
    pub off: Vec<String>,
    pub on: Vec<String>,
    pub first: &'static str,
    pub last: &'static str,
}

/// Checks the calendar (every problem at its line and column) and lists its days.
pub fn check(lc: &Located<Calendar>, diags: &mut Vec<Diagnostic>) -> Days {
    let c = &lc.value;
    let err = |path: &str, msg: String, hint: String| {
        let (l, col) = lc.pos(path);
        Diagnostic::error(&lc.file, l, col, msg).with_hint(hint)
    };
    // A day (of `holidays` or `workdays`) in no year of `years`.
    let outside_years = |path: &str, day: &str| {
        err(
            path,
            t!(
                "{day} is not in a year listed under `years`",
                "{day} 不在 `years` 列出的年份里"
            ),
            t!(
                "add its year to `years`, or correct the date",
                "请把它的年份加进 `years`，或者改正日期"
            ),
        )
    };
    for (i, y) in c.years.iter().enumerate() {
        if !(1900..=2200).contains(y) {
            diags.push(err(
                &format!("years.{i}"),
                t!("`{y}` is not a year", "`{y}` 不是一个年份"),
                t!(
                    "list the years whose holidays this file gives, e.g. `years: [2026, 2027]`",
                    "请列出这个文件写了节假日的年份，例如 `years: [2026, 2027]`"
                ),
            ));
        }
    }
    if c.years.is_empty() && !(c.holidays.is_empty() && c.workdays.is_empty()) {
        diags.push(err(
            "years",
            t!("`years` is empty", "`years` 是空的"),
            t!(
                "list the years whose holidays this file gives, e.g. `years: [2026]`; outside them only weekends are counted",
                "请列出这个文件写了节假日的年份，例如 `years: [2026]`；其他年份只跳过周末"
            ),
        ));
    }
    let in_years = |day: i64| c.years.contains(&civil_from_days(day).0);
    let date_hint = || {
        t!(
            "write a date as 2026-10-01, several days in a row as 2026-10-01..2026-10-07",
            "日期写成 2026-10-01，连续几天写成 2026-10-01..2026-10-07"
        )
    };
    let mut off: Vec<(i64, usize)> = Vec::new();
    for (i, h) in c.holidays.iter().enumerate() {
        let at = format!("holidays.{i}");
        let (from, to) = match h.split_once("..") {
            Some((a, b)) => (parse_day(a), parse_day(b)),
            None => (parse_day(h), parse_day(h)),
        };
        let (Some(from), Some(to)) = (from, to) else {
            diags.push(err(
                &at,
                t!(
                    "`{h}` is not a date or a range of dates",
                    "`{h}` 不是日期，也不是日期范围"
                ),
                date_hint(),
            ));
            continue;
        };
        if to < from {
            diags.push(err(
                &at,
                t!(
                    "`{h}` ends before it begins",
                    "`{h}` 的结束日期早于开始日期"
                ),
                t!(
                    "write the first day, then `..`, then the last day",
                    "先写第一天，然后写 `..`，再写最后一天"
                ),
            ));
            continue;
        }
        if to - from > 31 {
            diags.push(err(
                &at,
                {
                    let days = to - from + 1;
                    t!(
                        "`{h}` is {days} days long: no holiday is",
                        "`{h}` 长达 {days} 天：没有这么长的假期"
                    )
                },
                t!(
                    "check the month of its first and last day",
                    "请检查第一天和最后一天的月份"
                ),
            ));
            continue;
        }
        if let Some(d) = (from..=to).find(|&d| !in_years(d)) {
            let day = format_day(d);
            diags.push(outside_years(&at, &day));
            continue;
        }
        off.extend((from..=to).map(|d| (d, i)));
    }
    let mut on: Vec<i64> = Vec::new();
    for (i, w) in c.workdays.iter().enumerate() {
        let at = format!("workdays.{i}");
        let Some(d) = parse_day(w) else {
            diags.push(err(
                &at,
                t!("`{w}` is not a date", "`{w}` 不是日期"),
                t!(
                    "write a date as 2026-10-10; a weekend day worked in exchange for a holiday",
                    "日期写成 2026-10-10；这里写因节假日调休而上班的周末"
                ),
            ));
            continue;
        };
        if !in_years(d) {
            let day = format_day(d);
            diags.push(outside_years(&at, &day));
            continue;
        }
        if let Some(&(_, h)) = off.iter().find(|(o, _)| *o == d) {
            diags.push(err(
                &at,
                {
                    let (day, entry) = (format_day(d), h + 1);
                    t!(
                        "{day} is also a holiday (`holidays` entry {entry})",
                        "{day} 也是节假日（`holidays` 的第 {entry} 项）"
                    )
                },
                t!(
                    "a day is either off or worked: correct one of the two",
                    "同一天不能既放假又上班：请改正其中一个"
                ),
            ));
            continue;
        }
        if weekday(d) < 5 {
            let (l, col) = lc.pos(&at);
            diags.push(
                Diagnostic::warning(
                    &lc.file,
                    l,
                    col,
                    {
                        let (day, weekday) = (format_day(d), WEEKDAYS[weekday(d) as usize]);
                        t!(
                            "{day} is a {weekday}, a working day anyway",
                            "{day} 是{weekday}，本来就是工作日"
                        )
                    },
                )
                .with_hint(t!(
                    "`workdays` lists the Saturdays and Sundays worked in exchange for a holiday: check the date",
                    "`workdays` 里写的是因节假日调休而上班的周六、周日：请检查这个日期"
                )),
            );
        }
        on.push(d);
    }
    let mut off: Vec<i64> = off.into_iter().map(|(d, _)| d).collect();
    off.sort_unstable();
    off.dedup();
    on.sort_unstable();
    on.dedup();
    let mut years = c.years.clone();
    years.sort_unstable();
    years.dedup();
    Days {
        years,
        off: off.into_iter().map(format_day).collect(),
        on: on.into_iter().map(format_day).collect(),
        first: match c.first_day {
            FirstDay::Next => "next",
            FirstDay::Same => "same",
        },
        last: match c.last_day {
            LastDay::Keep => "keep",
            LastDay::Extend => "extend",
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn load(text: &str) -> (Days, Vec<Diagnostic>) {
        let c: Calendar = serde_yaml::from_str(text).unwrap();
        let lc = Located::whole_file(PathBuf::from("content/calendar.yaml"), c, text);
        let mut d = Vec::new();
        (check(&lc, &mut d), d)
    }

    #[test]
    fn dates_round_trip_and_weekdays_are_right() {
        for days in -800_000..800_000 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        // 2026-11-30 is a Monday; 2024-02-29 a Thursday.
        assert_eq!(weekday(days_from_civil(2026, 11, 30)), 0);
        assert_eq!(weekday(days_from_civil(2024, 2, 29)), 3);
        assert_eq!(format_day(days_from_civil(2000, 2, 29)), "2000-02-29");
    }

    #[test]
    fn ranges_are_listed_day_by_day() {
        let (days, d) = load(
            "years: [2030]\nholidays:\n  - 2030-10-01..2030-10-03\n  - 2030-01-01\nworkdays: [2030-10-12]\nfirst_day: same\n",
        );
        assert!(d.is_empty(), "{d:?}");
        assert_eq!(
            days,
            Days {
                years: vec![2030],
                off: vec![
                    "2030-01-01".into(),
                    "2030-10-01".into(),
                    "2030-10-02".into(),
                    "2030-10-03".into()
                ],
                on: vec!["2030-10-12".into()],
                first: "same",
                last: "keep",
            }
        );
    }

    #[test]
    fn last_day_extend_is_passed_to_the_page() {
        let (days, d) = load("years: [2030]\nlast_day: extend\n");
        assert!(d.is_empty(), "{d:?}");
        assert_eq!((days.first, days.last), ("next", "extend"));
        assert!(serde_yaml::from_str::<Calendar>("years: [2030]\nlast_day: later\n").is_err());
    }

    #[test]
    fn every_mistake_is_reported_at_its_line_and_column() {
        let text = "years: [2030, 30]\nholidays:\n  - 2030-13-01\n  - 2030-10-07..2030-10-01\n  - 2031-01-01\n  - 2030-01-01..2030-03-01\n  - 2030-05-01\nworkdays:\n  - 2030-05-01\n  - 2030-10-14\n  - 10月12日\n";
        let (_, d) = load(text);
        let got: Vec<(usize, usize, bool, &str)> = d
            .iter()
            .map(|x| (x.line, x.col, x.is_error(), x.message.as_str()))
            .collect();
        let want = [
            (1, 15, true, "`30` is not a year"),
            (3, 5, true, "`2030-13-01` is not a date or a range of dates"),
            (4, 5, true, "`2030-10-07..2030-10-01` ends before it begins"),
            (
                5,
                5,
                true,
                "2031-01-01 is not in a year listed under `years`",
            ),
            (
                6,
                5,
                true,
                "`2030-01-01..2030-03-01` is 60 days long: no holiday is",
            ),
            (
                9,
                5,
                true,
                "2030-05-01 is also a holiday (`holidays` entry 5)",
            ),
            (10, 5, false, "2030-10-14 is a 周一, a working day anyway"),
            (11, 5, true, "`10月12日` is not a date"),
        ];
        assert_eq!(got, want);
        let (_, zh) = crate::i18n::in_chinese(|| load(text));
        let at = |d: &[Diagnostic]| d.iter().map(|x| (x.line, x.col)).collect::<Vec<_>>();
        assert_eq!(at(&zh), at(&d));
        assert_eq!(zh[0].message, "`30` 不是一个年份");
        assert_eq!(zh[6].message, "2030-10-14 是周一，本来就是工作日");
    }
}
