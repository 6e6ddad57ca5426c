//! Quizzes: questions of several types, branching phone scenarios and flash cards.

use std::collections::HashMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Quiz {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub description: String,
    #[serde(default = "default_pass_mark")]
    pub pass_mark: f64,
    #[serde(default)]
    pub time_guide: Option<u32>,
    /// An exam: the learner answers every question before seeing what was right, with the
    /// explanations after handing in (a practice quiz shows them after each answer).
    #[serde(default)]
    pub exam: bool,
    /// Minutes an exam may take: a countdown from 开始考试; when it runs out, the exam is
    /// handed in as it stands. Only with `exam: true`.
    #[serde(default)]
    pub time_limit: Option<u32>,
    /// A timed exam the learner may pause (暂停计时: the clock stops and the questions are
    /// hidden until 继续考试), for staff taken away by a live call. Only with `time_limit`.
    #[serde(default)]
    pub pausable: bool,
    #[serde(default = "yes")]
    pub shuffle: bool,
    #[serde(default)]
    pub draw: Option<usize>,
    /// Questions taken from other quizzes into this one's pool (a final exam drawing on the
    /// modules' checkpoint quizzes): the questions stay written once, in their own quiz, and
    /// keep their ids there. An entry's own `draw` asks so many of its quiz's questions at each
    /// attempt, and the quiz's `draw` then draws from what an attempt holds.
    #[serde(default)]
    pub from: Vec<Source>,
    #[serde(default)]
    pub related: Vec<String>,
    /// What changed and when (a corrected answer, a question added), as in a rule file: the
    /// latest is listed on 最近修订 beside the rules' and lessons'.
    #[serde(default)]
    pub revised: Vec<super::rule::Revision>,
    /// Ids the quiz had before it was renamed: `quizzes/<old id>/` forwards to it, a link to
    /// one says the new id, and what a learner did under the old id counts for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// (Optional: an exam of `from:` alone draws every question from other quizzes -- it
    /// needed `questions: []`, which no hint said. A quiz with neither has no questions, told
    /// as such.)
    #[serde(default)]
    pub questions: Vec<Question>,
    /// Set when a quiz its `from` names failed to load (its own error is reported): the
    /// pool lacks that quiz's questions, so what counts the pool (`draw`, no questions) is
    /// not checked. Never written in YAML.
    #[serde(skip)]
    pub short_of_source: bool,
}

impl Quiz {
    /// The quiz's Markdown fields with their YAML paths (`questions.2.options.1.feedback`):
    /// its description, and each question's prompt, options, feedback, explanation and
    /// scenario debriefs.
    pub fn markdown_fields(&self) -> Vec<(String, &String)> {
        let mut out = vec![("description".to_string(), &self.description)];
        // (A question taken from another quiz is checked there, at its own line.)
        for (i, x) in self
            .questions
            .iter()
            .enumerate()
            .filter(|(_, x)| x.pulled.is_none())
        {
            let at = |rest: &str| format!("questions.{i}.{rest}");
            out.push((at("prompt"), &x.prompt));
            for (k, o) in x.options.iter().enumerate() {
                out.push((at(&format!("options.{k}.text")), &o.text));
                out.push((at(&format!("options.{k}.feedback")), &o.feedback));
            }
            out.push((at("explanation"), &x.explanation));
            out.push((at("wrong_feedback"), &x.wrong_feedback));
            for (ni, n) in x.nodes.iter().enumerate() {
                out.push((at(&format!("nodes.{ni}.debrief")), &n.debrief));
                for (k, o) in n.options.iter().enumerate() {
                    out.push((at(&format!("nodes.{ni}.options.{k}.feedback")), &o.feedback));
                }
            }
        }
        out
    }

    /// The ids the quiz page gives its parts, for `quiz:id#anchor` links: each question's
    /// id, each scenario step's `question-step`, and 相关内容 when it lists related content.
    pub fn anchors(&self) -> Vec<String> {
        let mut out = Vec::new();
        for x in &self.questions {
            out.push(x.id.clone());
            out.extend(x.nodes.iter().map(|n| format!("{}-{}", x.id, n.id)));
        }
        if !self.related.is_empty() {
            out.push("相关内容".to_string());
        }
        if !self.revised.is_empty() {
            out.push("修订记录".to_string());
        }
        out
    }

    /// The questions written in this quiz's own file: not those taken from other quizzes
    /// (`from`), which their own quiz reports, counts and exports.
    pub fn own_questions(&self) -> impl Iterator<Item = &Question> {
        self.questions.iter().filter(|x| x.pulled.is_none())
    }

    /// The `from` sources with a `draw` of their own: each source quiz's id, how many of its
    /// questions an attempt asks, and how many it gave (the rest are asked whole).
    fn drawn_sources(&self) -> Vec<(&str, usize, usize)> {
        let mut taken: HashMap<&str, usize> = HashMap::new();
        for p in self.questions.iter().filter_map(|x| x.pulled.as_ref()) {
            *taken.entry(p.quiz.as_str()).or_default() += 1;
        }
        self.from
            .iter()
            .filter_map(|s| {
                let n = s.draw?;
                // (A source named by an old id is an error, and gave no questions.)
                let (&id, &had) = taken.get_key_value(s.quiz.trim())?;
                Some((id, n.min(had), had))
            })
            .collect()
    }

    /// How many of its `from` sources' questions each attempt draws, by the source quiz's id
    /// (those with a `draw` of their own; the rest are asked whole).
    pub fn source_draws(&self) -> HashMap<&str, usize> {
        (self.drawn_sources().into_iter())
            .map(|(id, n, _)| (id, n))
            .collect()
    }

    /// How many of the pool's questions an attempt leaves out before the quiz's own `draw`:
    /// those of each source beyond its `draw` (all of them sources' questions, none a call or
    /// a card).
    pub fn left_out(&self) -> usize {
        (self.drawn_sources().into_iter())
            .map(|(_, n, had)| had - n)
            .sum()
    }

    /// How many questions an attempt holds before the quiz's own `draw`: its own questions,
    /// plus each source's, or its `draw` of them.
    pub fn per_attempt(&self) -> usize {
        self.questions.len() - self.left_out()
    }

    /// How many questions an attempt asks: `per_attempt`, or the quiz's `draw` of them.
    pub fn asked(&self) -> usize {
        let pool = self.per_attempt();
        self.draw.filter(|&d| d >= 1).map_or(pool, |d| d.min(pool))
    }

    /// A deck of cards only: gone through, not scored (no pass to count as a test passed).
    pub fn cards_only(&self) -> bool {
        !self.questions.is_empty()
            && (self.questions.iter()).all(|x| x.kind == QuestionType::Flashcards)
    }
}

/// One entry of a quiz's `from`: another quiz whose questions join this one's pool, all of
/// them (but its phone calls and cards, played on their own page) or those `questions` names.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub quiz: String,
    #[serde(default)]
    pub questions: Vec<String>,
    /// Draw this many of the questions taken from this quiz at each attempt (and on the
    /// paper): an exam that asks so many of each chapter. Without it, all of them.
    #[serde(default)]
    pub draw: Option<usize>,
}

/// Where a question taken into another quiz's pool (`from`) is written: its quiz, that
/// quiz's title and file. What a learner gets wrong in it goes to the 错题本 under that quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pulled {
    pub quiz: String,
    pub title: String,
    pub file: std::path::PathBuf,
}

pub const QUIZ_FIELDS: &[&str] = &[
    "id",
    "title",
    "description",
    "pass_mark",
    "time_guide",
    "exam",
    "time_limit",
    "pausable",
    "shuffle",
    "draw",
    "from",
    "related",
    "revised",
    "aliases",
    "questions",
];

fn default_pass_mark() -> f64 {
    80.0
}
fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuestionType {
    Single,
    Multiple,
    TrueFalse,
    Short,
    Ordering,
    Matching,
    Scenario,
    Flashcards,
}

impl QuestionType {
    pub fn label(self) -> &'static str {
        match self {
            QuestionType::Single => "单选题",
            QuestionType::Multiple => "多选题",
            QuestionType::TrueFalse => "判断题",
            QuestionType::Short => "填空题",
            QuestionType::Ordering => "排序题",
            QuestionType::Matching => "连线题",
            QuestionType::Scenario => "情景演练",
            QuestionType::Flashcards => "话术卡片",
        }
    }
}

/// One question. The fields that apply depend on `type`; the others must stay empty.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: QuestionType,
    #[serde(default)]
    pub prompt: String,
    #[serde(default)]
    pub options: Vec<Choice>,
    #[serde(default)]
    pub answer: Option<bool>,
    #[serde(default)]
    pub accepted: Vec<String>,
    #[serde(default)]
    pub items: Vec<String>,
    #[serde(default)]
    pub scoring: Option<String>,
    #[serde(default)]
    pub pairs: Vec<Pair>,
    #[serde(default)]
    pub distractors: Vec<String>,
    #[serde(default)]
    pub cards: Vec<Card>,
    #[serde(default)]
    pub start: Option<String>,
    #[serde(default)]
    pub nodes: Vec<ScenarioNode>,
    #[serde(default)]
    pub explanation: String,
    #[serde(default)]
    pub wrong_feedback: String,
    #[serde(default)]
    pub rules: Vec<String>,
    #[serde(default)]
    pub lessons: Vec<String>,
    /// Set on a copy taken into another quiz by its `from`; never written in YAML.
    #[serde(skip)]
    pub pulled: Option<Pulled>,
}

pub const QUESTION_FIELDS: &[&str] = &[
    "id",
    "type",
    "prompt",
    "options",
    "answer",
    "accepted",
    "items",
    "scoring",
    "pairs",
    "distractors",
    "cards",
    "start",
    "nodes",
    "explanation",
    "wrong_feedback",
    "rules",
    "lessons",
];

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    pub text: String,
    #[serde(default)]
    pub correct: bool,
    #[serde(default)]
    pub feedback: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Pair {
    pub left: String,
    pub right: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Card {
    pub front: String,
    pub back: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioNode {
    pub id: String,
    #[serde(default)]
    pub customer: String,
    #[serde(default)]
    pub context: String,
    #[serde(default)]
    pub options: Vec<ScenarioOption>,
    #[serde(default)]
    pub ending: Option<Ending>,
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub debrief: String,
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScenarioOption {
    pub text: String,
    pub next: String,
    #[serde(default)]
    pub score: f64,
    #[serde(default)]
    pub feedback: String,
    /// 一票否决: an answer that fails the call whatever its points (a forbidden phrase,
    /// hanging up on the customer), as a call-quality check fails it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub veto: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Ending {
    Good,
    Neutral,
    Bad,
}
