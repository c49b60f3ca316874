//! The stored document: everything PharmQuiz keeps in the browser, versioned.
//!
//! Each older layout has one migration function to the next version and a
//! test that loads a stored sample of it. Add a version by bumping
//! `CURRENT_VERSION`, adding `migrate_vN` and its test.

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use thiserror::Error;

use super::grade::{Response, Tally};
use super::quiz::{QuizItem, QuizSpec};

pub const CURRENT_VERSION: u64 = 2;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u64,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    #[serde(default)]
    pub in_progress: Option<InProgress>,
}

impl Default for Progress {
    fn default() -> Self {
        Progress { version: CURRENT_VERSION, attempts: Vec::new(), in_progress: None }
    }
}

/// A finished quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Attempt {
    pub id: String,
    /// Milliseconds since the Unix epoch.
    pub started_at: f64,
    pub finished_at: f64,
    pub spec: QuizSpec,
    pub score: Tally,
    pub passed: bool,
    pub by_tag: BTreeMap<String, Tally>,
    /// Active time spent, in seconds (pauses excluded).
    pub duration_secs: u32,
    pub outcomes: Vec<Outcome>,
}

/// The result for one question of an attempt.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub bank: String,
    pub id: String,
    /// Display order of the options when the question was asked.
    #[serde(default)]
    pub order: Vec<usize>,
    pub response: Option<Response>,
    pub correct: bool,
}

/// A quiz the learner has started but not finished. Saved after every change
/// so a reload resumes it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    pub spec: QuizSpec,
    pub items: Vec<QuizItem>,
    pub responses: Vec<Option<Response>>,
    /// Practice mode: the answer was checked, feedback shown and the answer locked.
    pub checked: Vec<bool>,
    /// Exam mode: marked for review before submitting.
    pub flagged: Vec<bool>,
    /// 0-based index of the question on screen.
    pub current: usize,
    pub started_at: f64,
    /// Active time so far, in milliseconds (pauses and closed tabs excluded).
    pub elapsed_ms: u64,
    /// Current limit, including any extensions.
    pub time_limit_secs: Option<u32>,
    pub paused: bool,
}

impl InProgress {
    pub fn new(spec: QuizSpec, items: Vec<QuizItem>, now_ms: f64) -> Self {
        let n = items.len();
        InProgress {
            time_limit_secs: spec.time_limit_secs,
            spec,
            items,
            responses: vec![None; n],
            checked: vec![false; n],
            flagged: vec![false; n],
            current: 0,
            started_at: now_ms,
            elapsed_ms: 0,
            paused: false,
        }
    }

    /// Seconds left, if timed.
    pub fn remaining_secs(&self) -> Option<u64> {
        self.time_limit_secs.map(|l| (l as u64).saturating_sub(self.elapsed_ms / 1000))
    }

    pub fn unanswered(&self) -> usize {
        self.responses.iter().filter(|r| !r.as_ref().is_some_and(Response::is_answered)).count()
    }

    /// Whether the stored vectors agree with each other (guards against a
    /// hand-edited or truncated document indexing out of range).
    pub fn is_consistent(&self) -> bool {
        let n = self.items.len();
        n > 0
            && self.responses.len() == n
            && self.checked.len() == n
            && self.flagged.len() == n
            && self.current < n
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum SchemaError {
    #[error("the saved data is not valid JSON ({0})")]
    Corrupt(String),
    #[error("the saved data does not have the expected layout ({0})")]
    WrongShape(String),
    #[error("the saved data comes from a newer version of PharmQuiz (format {0}; this version reads up to {CURRENT_VERSION})")]
    NewerVersion(u64),
}

/// Parses a stored document, migrating older versions to the current one.
pub fn load(raw: &str) -> Result<Progress, SchemaError> {
    let mut doc: Value = serde_json::from_str(raw).map_err(|e| SchemaError::Corrupt(e.to_string()))?;
    let mut version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| SchemaError::WrongShape("no version number".into()))?;
    if version > CURRENT_VERSION {
        return Err(SchemaError::NewerVersion(version));
    }
    while version < CURRENT_VERSION {
        doc = match version {
            1 => migrate_v1(doc)?,
            v => return Err(SchemaError::WrongShape(format!("unknown format {v}"))),
        };
        version += 1;
    }
    let mut progress: Progress = serde_json::from_value(doc).map_err(|e| SchemaError::WrongShape(e.to_string()))?;
    if progress.in_progress.as_ref().is_some_and(|p| !p.is_consistent()) {
        return Err(SchemaError::WrongShape("the quiz in progress is incomplete".into()));
    }
    progress.version = CURRENT_VERSION;
    Ok(progress)
}

pub fn to_json(p: &Progress) -> String {
    // Serialising plain data structs cannot fail.
    serde_json::to_string(p).unwrap_or_default()
}

/// v1 (the pre-release layout) kept each attempt's quiz settings as flat
/// fields, had a fixed 70 % pass mark, no per-topic breakdown and no
/// in-progress quiz. v2 nests the settings in a `spec`, so a retake can reuse
/// them.
fn migrate_v1(mut doc: Value) -> Result<Value, SchemaError> {
    let shape = |m: &str| SchemaError::WrongShape(format!("format 1: {m}"));
    let attempts = doc
        .get_mut("attempts")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| shape("no attempts list"))?;
    for a in attempts.iter_mut() {
        let o = a.as_object_mut().ok_or_else(|| shape("an attempt is not an object"))?;
        let correct = o.remove("correct").and_then(|v| v.as_u64()).ok_or_else(|| shape("an attempt has no score"))?;
        let total = o.remove("total").and_then(|v| v.as_u64()).ok_or_else(|| shape("an attempt has no total"))?;
        let banks = o.remove("banks").unwrap_or_else(|| json!([]));
        let mode = o.remove("mode").unwrap_or_else(|| json!("practice"));
        let seed = o.remove("seed").unwrap_or_else(|| json!(0));
        o.insert(
            "spec".into(),
            json!({"banks": banks, "count": total, "mode": mode, "time_limit_secs": null, "pass_mark": 70, "seed": seed}),
        );
        o.insert("score".into(), json!({"correct": correct, "total": total}));
        o.insert("passed".into(), json!(correct * 100 >= 70 * total && total > 0));
        o.insert("by_tag".into(), json!({}));
        if let Some(outs) = o.get_mut("outcomes").and_then(Value::as_array_mut) {
            for out in outs.iter_mut().filter_map(Value::as_object_mut) {
                let answer = out.remove("answer").unwrap_or(Value::Null);
                out.insert("response".into(), answer);
            }
        }
    }
    doc["in_progress"] = Value::Null;
    doc["version"] = json!(2);
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quiz::Mode;

    #[test]
    fn round_trip_current() {
        let p = Progress::default();
        assert_eq!(load(&to_json(&p)).unwrap(), p);
    }

    #[test]
    fn migrates_v1_sample() {
        let v1 = r#"{"version":1,"attempts":[{"id":"a1","started_at":1700000000000.0,"finished_at":1700000300000.0,
            "banks":["inventory"],"mode":"exam","seed":99,"correct":7,"total":10,"duration_secs":300,
            "outcomes":[{"bank":"inventory","id":"inv-001","answer":{"choice":[2]},"correct":true}]}]}"#;
        let p = load(v1).unwrap();
        assert_eq!(p.version, CURRENT_VERSION);
        let a = &p.attempts[0];
        assert_eq!(a.spec.banks, vec!["inventory"]);
        assert_eq!(a.spec.mode, Mode::Exam);
        assert_eq!(a.spec.seed, 99);
        assert_eq!(a.spec.pass_mark, 70);
        assert_eq!(a.score, Tally { correct: 7, total: 10 });
        assert!(a.passed);
        assert_eq!(a.outcomes[0].response, Some(Response::Choice(vec![2])));
        assert!(a.outcomes[0].order.is_empty());
        assert!(p.in_progress.is_none());
    }

    #[test]
    fn v1_without_scores_is_wrong_shape() {
        let v1 = r#"{"version":1,"attempts":[{"id":"a1"}]}"#;
        assert!(matches!(load(v1), Err(SchemaError::WrongShape(_))));
    }

    #[test]
    fn corrupt_wrong_shape_newer() {
        assert!(matches!(load("{not json"), Err(SchemaError::Corrupt(_))));
        assert!(matches!(load("[1,2]"), Err(SchemaError::WrongShape(_))));
        assert!(matches!(load(r#"{"version":2,"attempts":"x"}"#), Err(SchemaError::WrongShape(_))));
        assert_eq!(load(r#"{"version":3}"#), Err(SchemaError::NewerVersion(3)));
    }

    #[test]
    fn inconsistent_in_progress_is_rejected() {
        let spec = QuizSpec { banks: vec!["b".into()], tags: vec![], only: vec![], count: 1, mode: Mode::Exam, time_limit_secs: Some(60), pass_mark: 70, seed: 1 };
        let item = QuizItem { bank: "b".into(), id: "q".into(), order: vec![0, 1] };
        let mut ip = InProgress::new(spec, vec![item], 0.0);
        ip.current = 5;
        let p = Progress { in_progress: Some(ip), ..Progress::default() };
        assert!(matches!(load(&to_json(&p)), Err(SchemaError::WrongShape(_))));
    }

    #[test]
    fn remaining_time() {
        let spec = QuizSpec { banks: vec![], tags: vec![], only: vec![], count: 1, mode: Mode::Exam, time_limit_secs: Some(60), pass_mark: 70, seed: 1 };
        let mut ip = InProgress::new(spec, vec![], 0.0);
        ip.elapsed_ms = 59_500;
        assert_eq!(ip.remaining_secs(), Some(1));
        ip.elapsed_ms = 70_000;
        assert_eq!(ip.remaining_secs(), Some(0));
    }
}
