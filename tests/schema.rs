//! The published JSON Schemas match the parser's types and accept the bundled content.

mod common;
use common::*;

#[test]
fn published_schemas_are_current() {
    let dir = tempfile::tempdir().unwrap();
    let o = run(&repo(), &["schema", "--out", dir.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["rule.schema.json", "quiz.schema.json"] {
        let fresh = std::fs::read_to_string(dir.path().join(name)).unwrap();
        let published = read(&repo(), &format!("docs/schema/{name}"));
        assert_eq!(
            fresh, published,
            "docs/schema/{name} is out of date: run `handbook schema --out docs/schema`"
        );
    }
}

fn validator(name: &str) -> jsonschema::Validator {
    let schema: serde_json::Value =
        serde_json::from_str(&read(&repo(), &format!("docs/schema/{name}"))).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

#[test]
fn bundled_rules_and_quizzes_validate_against_the_schemas() {
    let rule = validator("rule.schema.json");
    let quiz = validator("quiz.schema.json");
    let mut checked = 0;
    for e in walkdir::WalkDir::new(repo().join("content"))
        .into_iter()
        .flatten()
    {
        let name = e.file_name().to_string_lossy().to_string();
        let v = if name.ends_with(".rule.yaml") || name.ends_with(".rules.yaml") {
            &rule
        } else if name.ends_with(".quiz.yaml") {
            &quiz
        } else {
            continue;
        };
        let text = std::fs::read_to_string(e.path()).unwrap();
        assert!(
            text.starts_with("# yaml-language-server: $schema=../../docs/schema/"),
            "{name} lacks the schema header"
        );
        let value: serde_json::Value = serde_yaml::from_str(&text).unwrap();
        let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{name}: {errors:?}");
        checked += 1;
    }
    assert!(checked >= 12, "{checked} files");
    // And the schema rejects what the parser rejects.
    let bad: serde_json::Value = serde_yaml::from_str(
        "id: X-1\ntitle: t\ncategory: c\nsummary: s\nsteps: [{who: a, what: b, whithin: 3}]\n",
    )
    .unwrap();
    assert!(!rule.is_valid(&bad));
    let bad_unit: serde_json::Value = serde_yaml::from_str("id: X-1\ntitle: t\ncategory: c\nsummary: s\ntime_limits: [{label: l, value: 3, unit: weeks}]\n").unwrap();
    assert!(!rule.is_valid(&bad_unit));
    // `version: 1.10`, which `check` reads as written, is no error in an editor either.
    let unquoted: serde_json::Value =
        serde_yaml::from_str("id: X-1\ntitle: t\ncategory: c\nsummary: s\nversion: 1.10\n")
            .unwrap();
    let errors: Vec<String> = rule.iter_errors(&unquoted).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
}

#[test]
fn init_writes_schemas_and_editor_headers() {
    let (_t, root) = init_book();
    assert!(read(&root, "content/rules/example.rule.yaml")
        .starts_with("# yaml-language-server: $schema=../../schemas/rule.schema.json\n"));
    assert!(read(&root, "content/quizzes/example.quiz.yaml")
        .starts_with("# yaml-language-server: $schema=../../schemas/quiz.schema.json\n"));
    let schema: serde_json::Value =
        serde_json::from_str(&read(&root, "schemas/rule.schema.json")).unwrap();
    let v = jsonschema::validator_for(&schema).unwrap();
    let rule: serde_json::Value =
        serde_yaml::from_str(&read(&root, "content/rules/example.rule.yaml")).unwrap();
    assert!(v.is_valid(&rule));
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}
