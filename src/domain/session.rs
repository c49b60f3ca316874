//! The quiz in progress (stored under its own key, see `schema::load_quiz`),
//! its questions as asked with its seed, and the topic counts for setting
//! one up. Finishing it into an attempt is `attempt::finish`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use super::bank::{Bank, Question};
use super::grade::Response;
use super::quiz::{QuizItem, QuizSpec};

/// A quiz the learner has started but not finished. Saved after every change
/// so a reload resumes it exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InProgress {
    pub spec: QuizSpec,
    pub items: Vec<QuizItem>,
    pub responses: Vec<Option<Response>>,
    /// Practice mode: the answer was checked, feedback shown and the answer locked.
    pub checked: Vec<bool>,
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
            current: 0,
            started_at: now_ms,
            elapsed_ms: 0,
            paused: false,
        }
    }

    pub fn unanswered(&self) -> usize {
        self.responses
            .iter()
            .filter(|r| !r.as_ref().is_some_and(Response::is_answered))
            .count()
    }

    /// Whether the stored vectors agree with each other (guards against a
    /// hand-edited or truncated document indexing out of range).
    pub fn is_consistent(&self) -> bool {
        let n = self.items.len();
        n > 0 && self.responses.len() == n && self.checked.len() == n && self.current < n
    }
}

/// A question as asked in the quiz with this seed (calculated questions get
/// their drawn values), looked up across the loaded banks.
pub fn question(banks: &[&Bank], bank: &str, id: &str, seed: u64) -> Option<Question> {
    banks
        .iter()
        .find(|b| b.id == bank)
        .and_then(|b| b.question(id))
        .map(|q| q.instantiate(bank, seed))
}

/// Tags present in a set of banks, with question counts, for the topic picker.
pub fn tag_counts(banks: &[&Bank]) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for b in banks {
        for q in &b.questions {
            for t in &q.tags {
                *m.entry(t.clone()).or_insert(0) += 1;
            }
        }
    }
    m
}
