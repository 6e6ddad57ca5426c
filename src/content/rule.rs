//! Policy rules: one procedure or requirement a frontline worker must follow.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    pub id: String,
    pub title: String,
    pub category: String,
    pub summary: String,
    #[serde(default)]
    pub severity: Severity,
    #[serde(default)]
    pub applies_when: Vec<String>,
    #[serde(default)]
    pub time_limits: Vec<TimeLimit>,
    #[serde(default)]
    pub responsible: Vec<String>,
    #[serde(default)]
    pub steps: Vec<Step>,
    #[serde(default)]
    pub must: Vec<String>,
    #[serde(default)]
    pub must_not: Vec<String>,
    #[serde(default)]
    pub escalation: String,
    #[serde(default)]
    pub related: Vec<String>,
    #[serde(default)]
    pub sources: Vec<String>,
    #[serde(default)]
    #[schemars(schema_with = "version_schema")]
    pub version: Option<String>,
    #[serde(default)]
    pub effective: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub revised: Vec<Revision>,
    /// Ids the rule had before it was renumbered: their addresses forward to this card,
    /// searching one finds it, and a link to one says the new id.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// The day the rule stops applying (废止), abolished by a new policy: its card stays for
    /// looking up old cases, marked 已废止, out of 时限速查, after the rules in search; what
    /// still cites it is warned about from that day.
    #[serde(default)]
    pub repealed: Option<String>,
    /// The rule that takes its place, when one does: the card and the warnings point there.
    #[serde(default)]
    pub replaced_by: Option<String>,
}

pub const RULE_FIELDS: &[&str] = &[
    "id",
    "title",
    "category",
    "summary",
    "severity",
    "applies_when",
    "time_limits",
    "responsible",
    "steps",
    "must",
    "must_not",
    "escalation",
    "related",
    "sources",
    "version",
    "effective",
    "owner",
    "revised",
    "aliases",
    "repealed",
    "replaced_by",
];

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Critical,
    High,
    #[default]
    Medium,
    Low,
}

impl Severity {
    pub fn label(self) -> &'static str {
        match self {
            Severity::Critical => "极高",
            Severity::High => "高",
            Severity::Medium => "中",
            Severity::Low => "低",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TimeLimit {
    pub label: String,
    pub value: f64,
    pub unit: TimeUnit,
    #[serde(default)]
    pub condition: Condition,
    #[serde(default)]
    pub note: String,
    /// `false` for a length of time that is not a time to finish something by, counted from
    /// when a complaint is accepted (hours of service, say): 时限速查 gives it no due date.
    #[serde(default = "yes")]
    pub deadline: bool,
    /// What the limit counts from (受理, 办结 ...): a rule card says "今天受理的，截止 …", and
    /// 时限速查 asks for that day. Without it, taken from a note that says 自办结之日起.
    #[serde(default)]
    pub from: Option<String>,
    /// The value before the rule's version published ahead takes effect (its `effective` day
    /// after today), in the same unit: until that day the card and 时限速查 give and count this
    /// one (现行), and only the limits that have one are marked as changing.
    #[serde(default)]
    pub previous: Option<f64>,
}

fn yes() -> bool {
    true
}

impl TimeLimit {
    /// What the limit counts from: `from`, else what the note names in 自…之日起 or 从…起
    /// (a note 自办结之日起计算 gives 办结); `None` when neither says.
    pub fn start(&self) -> Option<String> {
        // (受理日, 受理之日 and 受理 are one start: one date box on 时限速查.)
        let bare = |s: &str| {
            let s = s.trim();
            let s = s
                .strip_suffix("之日")
                .or_else(|| s.strip_suffix('日'))
                .unwrap_or(s);
            (!s.is_empty()).then(|| s.to_string())
        };
        if let Some(f) = self.from.as_deref().and_then(bare) {
            return Some(f);
        }
        let note = self.note.as_str();
        let end = note.find("之日起").or_else(|| note.find("之时起"))?;
        let head = &note[..end];
        let begin = head.rfind(['自', '从']).map(|i| i + '自'.len_utf8())?;
        let event = head[begin..].trim();
        (!event.is_empty() && event.chars().count() <= 8).then(|| event.to_string())
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duration {
    pub value: f64,
    pub unit: TimeUnit,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeUnit {
    WorkingDays,
    CalendarDays,
    Hours,
    Minutes,
}

impl TimeUnit {
    pub fn label(self) -> &'static str {
        match self {
            TimeUnit::WorkingDays => "个工作日",
            TimeUnit::CalendarDays => "天",
            TimeUnit::Hours => "小时",
            TimeUnit::Minutes => "分钟",
        }
    }
    /// Rough length in hours, only for comparing limits with each other.
    pub fn hours(self) -> f64 {
        match self {
            TimeUnit::WorkingDays => 24.0 * 7.0 / 5.0,
            TimeUnit::CalendarDays => 24.0,
            TimeUnit::Hours => 1.0,
            TimeUnit::Minutes => 1.0 / 60.0,
        }
    }
}

#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "lowercase")]
pub enum Condition {
    #[default]
    Ordinary,
    Complex,
    Extended,
}

impl Condition {
    pub fn label(self) -> &'static str {
        match self {
            Condition::Ordinary => "一般情形",
            Condition::Complex => "复杂情形",
            Condition::Extended => "经批准延长",
        }
    }
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub who: String,
    pub what: String,
    #[serde(default)]
    pub within: Option<Duration>,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    pub date: String,
    pub change: String,
    /// The version this revision made (a rule's `version` after it): which version applied on
    /// a past day, for whoever checks an old case against the card.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
}

/// Formats a number the way a worker reads it: `5`, not `5.0`.
pub fn format_value(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e12 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

impl Rule {
    /// The day the rule is repealed on, when it is (a day number, see `calendar::parse_day`).
    pub fn repealed_day(&self) -> Option<i64> {
        self.repealed
            .as_deref()
            .and_then(crate::content::calendar::parse_day)
    }

    /// Whether the version published ahead says which limits change (`previous` on them): the
    /// others stay as they are.
    pub fn names_changed_limits(&self) -> bool {
        self.time_limits.iter().any(|t| t.previous.is_some())
    }

    /// Whether limit `t` of the rule stays as it is in the version published ahead: in force
    /// now, not waiting for the day. A limit without `previous` of a version that names the
    /// limits it changes, or of a rule that had a version before (two revisions or more): the
    /// trainer guide has the changed ones written with `previous` -- a step added ahead left
    /// the busiest rule's three 办结时限 without a due date for a month. (A rule first
    /// published ahead has no limit in force before its day.)
    pub fn keeps(&self, t: &TimeLimit) -> bool {
        t.previous.is_none() && (self.names_changed_limits() || self.had_version())
    }

    /// Whether the rule had a version before this one (its `revised` lists two or more).
    pub fn had_version(&self) -> bool {
        self.revised.len() > 1
    }

    /// Whether the rule no longer applies on day `today`.
    pub fn repealed_by(&self, today: i64) -> bool {
        self.repealed_day().is_some_and(|d| d <= today)
    }

    /// The rule's Markdown fields with their YAML paths (`steps.2.what`), in the card's order
    /// but the summary first.
    pub fn markdown_fields(&self) -> Vec<(String, &String)> {
        let mut out = vec![
            ("summary".to_string(), &self.summary),
            ("escalation".to_string(), &self.escalation),
        ];
        for (name, xs) in [
            ("applies_when", &self.applies_when),
            ("must", &self.must),
            ("must_not", &self.must_not),
        ] {
            out.extend(
                xs.iter()
                    .enumerate()
                    .map(|(i, t)| (format!("{name}.{i}"), t)),
            );
        }
        let steps = self.steps.iter().enumerate();
        out.extend(steps.map(|(i, s)| (format!("steps.{i}.what"), &s.what)));
        out
    }
}

/// A rule's `version` in the published schema: text, or a number as YAML reads `1.10` (which
/// handbook takes as written, so an editor need not flag what `check` accepts; quoting it
/// keeps it as written for every other tool).
fn version_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "description": "版本号，如 \"1.0\"（写在英文引号里，其他工具也按原样读；不加引号时 handbook 照写的读）",
        "type": ["string", "number", "null"]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limit(note: &str, from: Option<&str>) -> TimeLimit {
        TimeLimit {
            label: "答复".into(),
            value: 3.0,
            unit: TimeUnit::WorkingDays,
            condition: Condition::default(),
            note: note.into(),
            deadline: true,
            from: from.map(Into::into),
            previous: None,
        }
    }

    #[test]
    fn a_limit_counts_from_what_it_says() {
        assert_eq!(limit("", Some(" 办结 ")).start().as_deref(), Some("办结"));
        assert_eq!(limit("", Some("受理日")).start().as_deref(), Some("受理"));
        assert_eq!(limit("", Some("受理之日")).start().as_deref(), Some("受理"));
        assert_eq!(limit("", Some("日")).start(), None);
        assert_eq!(
            limit("自办结之日起计算", None).start().as_deref(),
            Some("办结")
        );
        assert_eq!(
            limit("一般投诉举报，自受理之日起计算", None)
                .start()
                .as_deref(),
            Some("受理")
        );
        assert_eq!(
            limit("从收到工单之时起", None).start().as_deref(),
            Some("收到工单")
        );
        // `from` wins over the note; a note that names no start gives none.
        assert_eq!(
            limit("自受理之日起", Some("办结")).start().as_deref(),
            Some("办结")
        );
        assert_eq!(limit("情况比较复杂的", None).start(), None);
        assert_eq!(limit("之日起", None).start(), None);
        assert_eq!(limit("自之日起", None).start(), None);
    }
}
