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
    /// Current limit: the spec's with its extra time (`None` when the
    /// learner chose no limit), plus any minutes added.
    pub time_limit_secs: Option<u32>,
    pub paused: bool,
}

/// Seconds "Add 5 minutes" adds to the limit.
pub const EXTENSION_SECS: u32 = 300;

impl InProgress {
    /// "Add 5 minutes": a timed quiz's limit grows, never wrapping past the
    /// largest limit a stored quiz can hold; an untimed quiz stays untimed.
    pub fn extend(&mut self) {
        self.time_limit_secs = self
            .time_limit_secs
            .map(|l| l.saturating_add(EXTENSION_SECS));
    }

    pub fn new(spec: QuizSpec, items: Vec<QuizItem>, now_ms: f64) -> Self {
        let n = items.len();
        InProgress {
            time_limit_secs: spec.effective_time_limit(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::ExtraTime;
    use crate::domain::schema::{load_quiz, quiz_to_json};
    use crate::domain::test_support::spec;

    fn item() -> QuizItem {
        QuizItem {
            bank: "b".into(),
            id: "q".into(),
            order: vec![0, 1],
        }
    }

    #[test]
    fn a_quiz_keeps_its_extra_time_when_resumed_and_extended() {
        let timed = spec(&["b"]); // 60 s
        let ip = InProgress::new(
            timed.clone().with_extra_time(ExtraTime::Half),
            vec![item()],
            0.0,
        );
        assert_eq!(ip.time_limit_secs, Some(90));
        let mut resumed = load_quiz(&quiz_to_json(&ip)).unwrap();
        assert_eq!(resumed.time_limit_secs, Some(90));
        assert_eq!(resumed.spec.extra_time, ExtraTime::Half);
        // "Add 5 minutes" adds to the stretched limit, and that is kept too.
        resumed.extend();
        assert_eq!(
            load_quiz(&quiz_to_json(&resumed)).unwrap().time_limit_secs,
            Some(390)
        );
        let lifted = InProgress::new(timed.with_extra_time(ExtraTime::NoLimit), vec![item()], 0.0);
        assert_eq!(lifted.time_limit_secs, None);
        assert_eq!(load_quiz(&quiz_to_json(&lifted)).unwrap(), lifted);
    }

    #[test]
    fn extending_never_wraps_and_leaves_an_untimed_quiz_untimed() {
        let mut ip = InProgress::new(spec(&["b"]), vec![item()], 0.0);
        ip.time_limit_secs = Some(u32::MAX - 10);
        ip.extend();
        assert_eq!(ip.time_limit_secs, Some(u32::MAX));
        ip.time_limit_secs = None;
        ip.extend();
        assert_eq!(ip.time_limit_secs, None);
    }

    #[test]
    fn a_quiz_saved_before_extra_time_resumes_with_its_limit() {
        let old = r#"{"spec":{"banks":["b"],"count":1,"mode":"exam","time_limit_secs":600,"pass_mark":70,"seed":1},"items":[{"bank":"b","id":"q","order":[0,1]}],"responses":[null],"checked":[false],"current":0,"started_at":1.0,"elapsed_ms":5000,"time_limit_secs":900,"paused":false}"#;
        let ip = load_quiz(old).unwrap();
        assert_eq!(ip.spec.extra_time, ExtraTime::Standard);
        assert_eq!(ip.time_limit_secs, Some(900), "the extended limit as saved");
    }
}
