//! JSON Schemas for rule and quiz files, generated from the Rust types that parse them (so
//! they cannot drift). Editors with a YAML language server use them for completion and
//! inline errors: `handbook init` writes them and the `# yaml-language-server: $schema=` line.

use crate::content::quiz::Quiz;
use crate::content::rule::Rule;
use schemars::generate::SchemaSettings;
use serde_json::{json, Value};

fn schema_for<T: schemars::JsonSchema>() -> Value {
    // Draft 7: what YAML language servers understand best.
    let gen = SchemaSettings::draft07().into_generator();
    gen.into_root_schema_for::<T>().to_value()
}

/// A rule file holds one rule or a list of rules.
pub fn rule_file() -> Value {
    let mut one = schema_for::<Rule>();
    let defs = one
        .as_object_mut()
        .and_then(|o| o.remove("definitions"))
        .unwrap_or_else(|| json!({}));
    let mut defs = defs.as_object().cloned().unwrap_or_default();
    let mut rule = one.as_object().cloned().unwrap_or_default();
    rule.remove("$schema");
    rule.remove("title");
    defs.insert("Rule".into(), Value::Object(rule));
    let mut file = json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://handbook.invalid/schema/rule.schema.json",
        "title": "handbook 规则文件：一条规则，或若干条规则的列表",
        "oneOf": [
            { "$ref": "#/definitions/Rule" },
            { "type": "array", "items": { "$ref": "#/definitions/Rule" }, "minItems": 1 }
        ],
        "definitions": defs,
    });
    describe(&mut file, "");
    file
}

pub fn quiz_file() -> Value {
    let mut q = schema_for::<Quiz>();
    if let Some(o) = q.as_object_mut() {
        o.insert(
            "$id".into(),
            json!("https://handbook.invalid/schema/quiz.schema.json"),
        );
        o.insert("title".into(), json!("handbook 测验文件"));
    }
    describe(&mut q, "Quiz");
    q
}

/// `(file name, pretty JSON)` of every schema.
pub fn all() -> Vec<(&'static str, String)> {
    let pretty = |v: Value| serde_json::to_string_pretty(&v).unwrap_or_default() + "\n";
    vec![
        ("rule.schema.json", pretty(rule_file())),
        ("quiz.schema.json", pretty(quiz_file())),
    ]
}

/// What an editor shows when a trainer hovers over or completes a key: every field of a rule or
/// quiz file in Chinese, as the trainer guide names it (the types' own doc comments, which
/// schemars would show, are English notes for developers). `(definition, field, text)`; the
/// quiz file's top level is `Quiz`. A field missing here fails `every_field_is_described`.
const FIELDS: &[(&str, &str, &str)] = &[
    ("Rule", "id", "规则编号（必填，唯一）：大写字母和数字，各部分用半角 `-` 隔开，如 `TS-PROC-001`。链接、搜索和学员的阅读记录都靠它；改编号请用 `handbook mv rule:旧 rule:新`"),
    ("Rule", "title", "规则名称（必填），如 投诉办理时限"),
    ("Rule", "category", "分类（必填）：categories.yaml 里的一个分类 id，如 procedure"),
    ("Rule", "summary", "一句话说明这条规则管什么（必填），显示在规则卡顶部和搜索结果里"),
    ("Rule", "severity", "重要程度：critical（极重要）| high（重要）| medium（一般，默认）| low（参考）"),
    ("Rule", "applies_when", "适用情形：这条规则管哪些情况，每项一句"),
    ("Rule", "time_limits", "时限：每项一个时限，同一 label 的几项按 ordinary ≤ complex ≤ extended 比较；时限速查据此算截止日"),
    ("Rule", "responsible", "责任部门或岗位，如 [客户服务中心, 责任部门]"),
    ("Rule", "steps", "办理步骤，按先后顺序；写了就至少一步，每步要有 who 和 what"),
    ("Rule", "must", "必须做到：每项一句"),
    ("Rule", "must_not", "严禁：每项一句"),
    ("Rule", "escalation", "升级路径（Markdown）：什么情况下、向谁升级"),
    ("Rule", "related", "相关规则、课程、测验和术语：`TS-PROC-003`、`lesson:procedure/time-limits`（可加 `#小节`）、`quiz:id`、`term:术语`"),
    ("Rule", "sources", "资料来源：sources.yaml 里的来源 id"),
    ("Rule", "version", "版本号，如 \"1.0\"（写在英文引号里，其他工具也按原样读；不加引号时 handbook 照写的读）"),
    ("Rule", "effective", "生效日期，写成 YYYY-MM-DD，如 2024-01-01；晚于今天的是提前发布的新版本"),
    ("Rule", "owner", "规则的负责部门，如 客户服务中心"),
    ("Rule", "revised", "修订记录：每次修改一项（date、change，可加 version），规则卡和“最近修订”页显示"),
    ("Rule", "aliases", "原编号：规则改过编号或并入本规则时，旧编号写在这里；旧地址转到本卡，搜旧编号也能找到"),
    ("Rule", "repealed", "废止日期，YYYY-MM-DD：从这天起规则不再适用，卡片保留供查旧案，标“已废止”"),
    ("Rule", "replaced_by", "取代本规则的新规则编号（需同时写 repealed）"),
    ("TimeLimit", "label", "时限名称，如 办结时限；同名的几项（一般、复杂、延期）放在一起比较"),
    ("TimeLimit", "value", "时长，正数，如 5"),
    ("TimeLimit", "unit", "单位：working_days（工作日）| calendar_days（自然日）| hours（小时）| minutes（分钟）"),
    ("TimeLimit", "condition", "情形：ordinary（一般，默认）| complex（情况复杂）| extended（经批准延长）"),
    ("TimeLimit", "note", "补充说明，如 一般投诉；写“自办结之日起”时，时限从办结算起"),
    ("TimeLimit", "from", "从什么时候算起，如 受理、办结：规则卡写“今天受理的，截止 …”，时限速查按此询问日期"),
    ("TimeLimit", "deadline", "false：这是一段时长而不是截止时限（如服务时间），时限速查不算截止日"),
    ("TimeLimit", "previous", "提前发布的新版本生效（effective）之前的旧时长，单位相同：生效前按它计算"),
    ("Step", "who", "谁来做，如 受理人员"),
    ("Step", "what", "做什么（Markdown）"),
    ("Step", "within", "这一步的时限（可选），如 { value: 1, unit: working_days }"),
    ("Duration", "value", "时长，正数"),
    ("Duration", "unit", "单位：working_days（工作日）| calendar_days（自然日）| hours（小时）| minutes（分钟）"),
    ("Revision", "date", "修订日期，YYYY-MM-DD"),
    ("Revision", "change", "改了什么，一句话，如 办结时限改为4个工作日"),
    ("Revision", "version", "这次修订后的版本号（可选）；最新一条应与文件的 version 相同"),
    ("Quiz", "id", "测验 id（必填，唯一）：小写英文字母、数字和 `-`，如 principles。学员的成绩和错题本都记在它下面，改名请用 `handbook mv quiz:旧 quiz:新`"),
    ("Quiz", "title", "测验名称（必填）"),
    ("Quiz", "description", "测验说明（Markdown），显示在开始按钮之前"),
    ("Quiz", "pass_mark", "及格线，百分比，默认 80"),
    ("Quiz", "time_guide", "建议用时，分钟（只作提示，不计时）"),
    ("Quiz", "exam", "true：考试模式，交卷前不显示对错，交卷后给成绩和解析"),
    ("Quiz", "time_limit", "考试限时，分钟（需 exam: true）：从“开始考试”倒计时，到 0 自动交卷"),
    ("Quiz", "pausable", "true：限时考试可以暂停计时（暂停时题目隐藏）"),
    ("Quiz", "shuffle", "是否打乱选项顺序，默认 true"),
    ("Quiz", "draw", "每次随机抽多少题（可选）；不写则全部作答"),
    ("Quiz", "from", "从其他测验取题组卷：每项写 quiz，可选 questions（只取这些题）和 draw（每次抽几题）"),
    ("Quiz", "related", "相关规则、课程和测验：`TS-PROC-001`、`lesson:路径`、`quiz:id`、`term:术语`"),
    ("Quiz", "revised", "修订记录：每次修改一项（date、change），显示在“最近修订”页"),
    ("Quiz", "aliases", "测验的旧 id：改名后学员在旧 id 下的成绩、错题本仍然算数，旧地址转到这里"),
    ("Quiz", "questions", "题目列表，按出题顺序"),
    ("Source", "quiz", "取题的测验 id"),
    ("Source", "questions", "只取这些题（题目 id）；不写则取该测验的全部题目（情景电话和卡片除外）"),
    ("Source", "draw", "每次从这一项里抽几题（每章抽题）"),
    ("Question", "id", "题目 id（必填，测验内唯一）：发布后不要改号，也不要给别的题再用——学员的错题本和链接都靠它"),
    ("Question", "type", "题型：single（单选）| multiple（多选）| true_false（判断）| short（填空）| ordering（排序）| matching（配对）| scenario（情景电话）| flashcards（话术卡片）"),
    ("Question", "prompt", "题干（Markdown）"),
    ("Question", "options", "选项（单选、多选）：每项写 text，正确的加 correct: true，每项都写 feedback"),
    ("Question", "answer", "判断题的答案：true 或 false"),
    ("Question", "accepted", "填空题接受的答案，每种说法一项（全半角、空格、标点、繁简、中文数字都已自动处理）"),
    ("Question", "items", "排序题的各项，按正确顺序写（至少 2 项）"),
    ("Question", "scoring", "排序题计分：pairs（相邻两项顺序对就得分，默认）| all（全对才得分）"),
    ("Question", "pairs", "配对题：每项 { left: 左侧, right: 右侧 }"),
    ("Question", "distractors", "配对题右侧多余的干扰项（可选）"),
    ("Question", "cards", "话术卡片：每张 { front: 正面（客户说的话或情形）, back: 背面（示范回答）}"),
    ("Question", "start", "情景电话的第一步（nodes 里一个节点的 id）"),
    ("Question", "nodes", "情景电话的各个节点：客户说的话和坐席的回答选项，或一个结局"),
    ("Question", "explanation", "题后解析（Markdown），作答后所有人都看到"),
    ("Question", "wrong_feedback", "判断题、填空题答错时看到的说明"),
    ("Question", "rules", "这道题考的规则编号，如 [TS-PROC-002]：答错时给出复习链接"),
    ("Question", "lessons", "这道题考的课程路径（不带 .md，可加 `#小节`），答错时给出复习链接"),
    ("Choice", "text", "选项文字"),
    ("Choice", "correct", "true：这是正确选项"),
    ("Choice", "feedback", "选了这一项时看到的说明：为什么对，或为什么错"),
    ("Pair", "left", "左侧，如 服务态度类"),
    ("Pair", "right", "与左侧配对的右侧，如 营销服务部门"),
    ("Card", "front", "卡片正面：客户说的话或情形"),
    ("Card", "back", "卡片背面：示范回答"),
    ("ScenarioNode", "id", "节点 id（电话内唯一），其他节点的 next 和 start 用它"),
    ("ScenarioNode", "customer", "客户在这一步说的话"),
    ("ScenarioNode", "context", "旁白（可选）：客户的语气、背景"),
    ("ScenarioNode", "options", "坐席的回答选项：每项写 text、next、score、feedback"),
    ("ScenarioNode", "ending", "结局节点的结果：good（好）| neutral（一般）| bad（差）"),
    ("ScenarioNode", "outcome", "结局的结果描述"),
    ("ScenarioNode", "debrief", "结局的复盘要点（Markdown），对走到这里的每条路径都要成立"),
    ("ScenarioOption", "text", "坐席的这句回答"),
    ("ScenarioOption", "next", "选了这句之后去的节点 id"),
    ("ScenarioOption", "score", "这句回答的得分（可以是 0 或负数）"),
    ("ScenarioOption", "feedback", "这句回答为什么好或不好，学员在复盘里单独看到它"),
    ("ScenarioOption", "veto", "true：一票否决（服务禁语、推诿、挂断等），说了这句这通电话就不及格"),
];

/// The values of an enumeration, as the guide names them: `(definition, text)`.
const ENUMS: &[(&str, &str)] = &[
    ("Severity", "重要程度：critical（极重要）| high（重要）| medium（一般）| low（参考）"),
    ("TimeUnit", "单位：working_days（工作日）| calendar_days（自然日）| hours（小时）| minutes（分钟）"),
    ("Condition", "情形：ordinary（一般）| complex（情况复杂）| extended（经批准延长）"),
    ("QuestionType", "题型：single（单选）| multiple（多选）| true_false（判断）| short（填空）| ordering（排序）| matching（配对）| scenario（情景电话）| flashcards（话术卡片）"),
    ("Ending", "结局：good（好）| neutral（一般）| bad（差）"),
];

/// A date as `check` reads one.
const DATE: &str = r"^\d{4}-\d{2}-\d{2}$";

/// The form `check` wants of a field, for the editor to flag as it is typed: `(definition,
/// field, pattern)`.
const PATTERNS: &[(&str, &str, &str)] = &[
    ("Rule", "id", r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"),
    ("Rule", "effective", DATE),
    ("Rule", "repealed", DATE),
    ("Rule", "replaced_by", r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"),
    ("Revision", "date", DATE),
];

/// The definition `name` of a schema whose top level is `root` (the quiz file's is `Quiz`).
fn definition<'a>(schema: &'a mut Value, root: &str, name: &str) -> Option<&'a mut Value> {
    if name == root {
        return Some(schema);
    }
    schema.get_mut("definitions")?.get_mut(name)
}

/// Field `field` of definition `def` in a schema whose top level is `root`.
fn property<'a>(
    schema: &'a mut Value,
    root: &str,
    def: &str,
    field: &str,
) -> Option<&'a mut serde_json::Map<String, Value>> {
    definition(schema, root, def)?
        .get_mut("properties")?
        .get_mut(field)?
        .as_object_mut()
}

/// Gives every field of `schema` its Chinese description (replacing the types' English doc
/// comments), each enumeration its values' meanings and a pattern where `check` wants a form.
fn describe(schema: &mut Value, root: &str) {
    for (def, field, text) in FIELDS {
        if let Some(prop) = property(schema, root, def, field) {
            prop.insert("description".into(), json!(text));
        }
    }
    for (def, text) in ENUMS {
        if let Some(d) = definition(schema, root, def).and_then(Value::as_object_mut) {
            d.insert("description".into(), json!(text));
        }
    }
    for (def, field, pattern) in PATTERNS {
        if let Some(prop) = property(schema, root, def, field) {
            prop.insert("pattern".into(), json!(pattern));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every field and enumeration of both files, with its description.
    fn described(schema: &Value) -> Vec<(String, Option<String>)> {
        let mut out = Vec::new();
        let mut defs: Vec<(String, &Value)> = vec![("(top)".into(), schema)];
        if let Some(d) = schema["definitions"].as_object() {
            defs.extend(d.iter().map(|(k, v)| (k.clone(), v)));
        }
        for (name, def) in defs {
            if def.get("enum").is_some() {
                out.push((name.clone(), def["description"].as_str().map(String::from)));
            }
            for (field, prop) in def["properties"].as_object().into_iter().flatten() {
                let text = prop["description"].as_str().map(String::from);
                out.push((format!("{name}.{field}"), text));
            }
        }
        out
    }

    #[test]
    fn every_field_is_described_in_chinese() {
        for schema in [rule_file(), quiz_file()] {
            let all = described(&schema);
            assert!(all.len() >= 40, "{}", all.len());
            for (what, text) in all {
                let text = text.unwrap_or_else(|| {
                    panic!("{what} has no description: add it to FIELDS or ENUMS")
                });
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{what}: {text}"
                );
            }
        }
    }

    #[test]
    fn ids_and_dates_have_the_form_check_wants() {
        let rule = rule_file();
        let v = jsonschema::validator_for(&rule).unwrap();
        let file = |extra: &str| -> Value {
            serde_yaml::from_str(&format!(
                "id: TS-PROC-001\ntitle: t\ncategory: c\nsummary: s\n{extra}"
            ))
            .unwrap()
        };
        assert!(v.is_valid(&file(
            "effective: 2024-01-01\nrevised: [{date: 2024-01-01, change: 首发}]\n"
        )));
        assert!(!v.is_valid(&file("effective: 2024/1/1\n")));
        assert!(!v.is_valid(&file("revised: [{date: 2024年1月1日, change: 首发}]\n")));
        let lower: Value =
            serde_yaml::from_str("id: ts-proc-001\ntitle: t\ncategory: c\nsummary: s\n").unwrap();
        assert!(!v.is_valid(&lower));
        // As `check` reads them.
        for id in ["TS-PROC-001", "EX-1", "A1-B2-C3"] {
            assert!(crate::content::rule_check::valid_id(id));
            let one: Value =
                serde_yaml::from_str(&format!("id: {id}\ntitle: t\ncategory: c\nsummary: s\n"))
                    .unwrap();
            assert!(v.is_valid(&one), "{id}");
        }
    }
}
