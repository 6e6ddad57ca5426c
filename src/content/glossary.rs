//! The glossary, rule categories and source articles: small lists the rest refers to.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    pub term: String,
    /// Other names of the same thing: shown (又称) on the glossary page and in the hints, and
    /// found by the search like the term.
    #[serde(default)]
    pub synonyms: Vec<String>,
    /// Words that should find the term and its related pages without being other names of it
    /// (a customer's words, 我要投诉你; a neighbouring thing, 漏抄 under 估抄): searched like
    /// the synonyms, never shown.
    #[serde(default)]
    pub keywords: Vec<String>,
    pub definition: String,
    #[serde(default)]
    pub related: Vec<String>,
}
pub const TERM_FIELDS: &[&str] = &["term", "synonyms", "keywords", "definition", "related"];

impl Term {
    /// The words the search finds the term by: the term, its synonyms, its keywords.
    pub fn search_words(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.term)
            .chain(&self.synonyms)
            .chain(&self.keywords)
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub description: String,
}
pub const CATEGORY_FIELDS: &[&str] = &["id", "label", "description"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
}
pub const SOURCE_FIELDS: &[&str] = &["id", "title", "description"];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Course {
    #[serde(default = "default_course_id")]
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    pub modules: Vec<Module>,
}
impl Module {
    /// Its anchor on the course page: its `id`, else `module-N` (N from 1, its place).
    pub fn anchor(&self, index: usize) -> String {
        match &self.id {
            Some(id) if !id.trim().is_empty() => id.trim().to_string(),
            _ => format!("module-{}", index + 1),
        }
    }
}

impl Course {
    /// The course's Markdown fields with their YAML paths: its description and each module's.
    pub fn markdown_fields(&self) -> Vec<(String, &String)> {
        let mut out = vec![("description".to_string(), &self.description)];
        let modules = self.modules.iter().enumerate();
        out.extend(modules.map(|(i, m)| (format!("modules.{i}.description"), &m.description)));
        out
    }
}

pub const COURSE_FIELDS: &[&str] = &["id", "title", "description", "modules"];

fn default_course_id() -> String {
    "course".into()
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Module {
    /// The module's anchor on the course page (`[[course#phone]]`), kept when modules are
    /// added or moved; without it, `module-N` by its place.
    #[serde(default)]
    pub id: Option<String>,
    pub title: String,
    #[serde(default)]
    pub estimate: Option<u32>,
    #[serde(default)]
    pub description: String,
    pub items: Vec<CourseItem>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CourseItem {
    #[serde(default)]
    pub lesson: Option<String>,
    #[serde(default)]
    pub rule: Option<String>,
    #[serde(default)]
    pub quiz: Option<String>,
    #[serde(default)]
    pub checkpoint: bool,
}
