//! The bank file as serde reads it: plain strings and options, before any
//! checking. `parse_bank` turns these into the validated types in `mod.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

use crate::domain::manifest::Topic;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawBank {
    pub(super) id: String,
    pub(super) title: String,
    #[serde(default)]
    pub(super) description: String,
    #[serde(default)]
    pub(super) topics: Vec<Topic>,
    #[serde(default = "one")]
    pub(super) version: u32,
    #[serde(default)]
    pub(super) questions: Vec<Spanned<RawQuestion>>,
}

fn one() -> u32 {
    1
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawQuestion {
    pub(super) id: String,
    #[serde(rename = "type")]
    pub(super) kind: String,
    pub(super) difficulty: String,
    #[serde(default)]
    pub(super) tags: Vec<String>,
    #[serde(default)]
    pub(super) outlines: Vec<String>,
    pub(super) stem: String,
    #[serde(default)]
    pub(super) options: Vec<String>,
    /// Required by every type but matching, whose key is its `pairs`.
    pub(super) answer: Option<RawAnswer>,
    /// A matching question's pairs, each `["prompt", "answer"]`.
    #[serde(default)]
    pub(super) pairs: Vec<[String; 2]>,
    /// Per-option feedback of a choice question, by option letter.
    #[serde(default)]
    pub(super) option_feedback: BTreeMap<String, String>,
    pub(super) tolerance: Option<f64>,
    pub(super) unit: Option<String>,
    pub(super) explanation: String,
    pub(super) citation: RawCitation,
    #[serde(default)]
    pub(super) vars: BTreeMap<String, RawVar>,
    #[serde(default)]
    pub(super) steps: Vec<String>,
    #[serde(default)]
    pub(super) checks: Vec<String>,
    pub(super) round: Option<u32>,
    #[serde(default)]
    pub(super) excludes: Vec<String>,
    /// A TOML date (`2026-11-27`) or a string (`"2026-11-27"`); read by
    /// `question::read_day`, so a wrong one gets a plain message.
    pub(super) as_of: Option<toml::Value>,
    pub(super) valid_until: Option<toml::Value>,
    /// Set by the importer on a question whose file gave no citation or no
    /// explanation (see `Question::uncited`).
    #[serde(default)]
    pub(super) uncited: bool,
}

/// A calculated question's variable: a stepped range or a list of values.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawVar {
    Range { min: f64, max: f64, step: f64 },
    List { values: Vec<f64> },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawCitation {
    #[serde(default)]
    pub(super) source: String,
    #[serde(default)]
    pub(super) section: String,
    #[serde(default)]
    pub(super) edition: String,
}

/// `answer` in whatever shape the author wrote it; which shapes a question
/// type accepts is checked later, so a wrong shape gets a plain message
/// rather than a serde error.
#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawAnswer {
    Bool(bool),
    Number(f64),
    Letter(String),
    Letters(Vec<String>),
    /// Short-answer answers, some with partial credit:
    /// `["ISO Class 5", { text = "Class 5", credit = 50 }]`.
    Accepted(Vec<RawAccepted>),
}

#[derive(Deserialize)]
#[serde(untagged)]
pub(super) enum RawAccepted {
    Text(String),
    Weighted { text: String, credit: i64 },
}
