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
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://handbook.invalid/schema/rule.schema.json",
        "title": "handbook rule file: one rule, or a list of rules",
        "oneOf": [
            { "$ref": "#/definitions/Rule" },
            { "type": "array", "items": { "$ref": "#/definitions/Rule" }, "minItems": 1 }
        ],
        "definitions": defs,
    })
}

pub fn quiz_file() -> Value {
    let mut q = schema_for::<Quiz>();
    if let Some(o) = q.as_object_mut() {
        o.insert(
            "$id".into(),
            json!("https://handbook.invalid/schema/quiz.schema.json"),
        );
        o.insert("title".into(), json!("handbook quiz file"));
    }
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
