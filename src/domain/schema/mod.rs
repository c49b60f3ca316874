//! The stored document: everything PharmQuiz keeps in the browser, versioned.
//!
//! Each older layout has one migration to the next version and a test that
//! loads a stored sample of it (`migrate`). To add a version: bump
//! `CURRENT_VERSION`, add `migrate_vN`, its step in `migrate::upgrade` and
//! its test.
//!
//! The quiz in progress is stored under its own key (since format 4), so
//! saving an answer never rewrites the whole history. Since format 5 an
//! attempt records the extra time chosen and whether its time ran out.
//! Format 6 adds short-answer and matching answers (`s…`, `m…` in an
//! attempt's outcomes) and the learner's exam dates (`exam_dates`).
//!
//! Attempts are stored compactly (`stored`: outcomes as `[bank index, id,
//! answer, right]`) so 1,000 attempts of 20 questions stay under 1 MB; beyond
//! `DETAIL_LIMIT` attempts, the oldest attempts' per-question detail is folded
//! into per-question statistics (`merge::compact`). Copies of the document
//! from other tabs and backups are combined by `merge`.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use thiserror::Error;

use super::calendar::Day;
use super::clock::ExtraTime;
use super::grade::Tally;
use super::limits::{Limits, OutOfRange};
use super::quiz::Mode;
use super::roster::SharedResult;
use super::session::InProgress;
use super::sort::sort_by;

mod check;
pub mod merge;
mod migrate;
pub mod stored;

use stored::{ArchivedAttempt, Attempt, CardState, QuestionStats};

pub const CURRENT_VERSION: u64 = 6;
/// Attempts that keep per-question detail; older ones are compacted.
pub const DETAIL_LIMIT: usize = 1000;

/// The document itself (storage key `pharmquiz.progress`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u64,
    #[serde(default)]
    pub attempts: Vec<Attempt>,
    /// Spaced-repetition state per question (`bank/id`).
    #[serde(default)]
    pub schedule: BTreeMap<String, CardState>,
    /// Flagged questions (`bank/id` → flagged?, changed at ms), last change wins on merge.
    #[serde(default)]
    pub flags: BTreeMap<String, (bool, f64)>,
    #[serde(default)]
    pub settings: Settings,
    /// Summaries of attempts compacted out of `attempts`.
    #[serde(default)]
    pub archive: Vec<ArchivedAttempt>,
    /// Per-question statistics of the archived attempts.
    #[serde(default)]
    pub stats: BTreeMap<String, QuestionStats>,
    /// Trainer's roster: results received from trainees.
    #[serde(default)]
    pub roster: Vec<SharedResult>,
    /// When "Clear all data" last ran (ms). A copy of the document saved
    /// by a tab that had not seen the clear loses everything dated at or
    /// before it on merge, so the clear sticks.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cleared_at: f64,
    /// Roster removals (and re-adds after a removal) by result id:
    /// `(present, changed at ms)`, the latest change wins on merge, so a
    /// removed result does not come back from another tab's copy.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub roster_log: BTreeMap<String, (bool, f64)>,
    /// The learner's exam date per exam profile (`cspt` → day or none,
    /// changed at ms); the latest change wins on merge, so a date removed
    /// here does not come back from another tab's copy. From format 6.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exam_dates: BTreeMap<String, (Option<Day>, f64)>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: CURRENT_VERSION,
            attempts: Vec::new(),
            schedule: BTreeMap::new(),
            flags: BTreeMap::new(),
            settings: Settings::default(),
            archive: Vec::new(),
            stats: BTreeMap::new(),
            roster: Vec::new(),
            cleared_at: 0.0,
            roster_log: BTreeMap::new(),
            exam_dates: BTreeMap::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    /// New questions introduced into daily review per day.
    pub new_per_day: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Settings { new_per_day: 10 }
    }
}

/// What the dashboard and history need from any attempt, detailed or archived.
#[derive(Debug, Clone, Copy)]
pub struct Summary<'a> {
    pub id: &'a str,
    pub finished_at: f64,
    pub mode: Mode,
    pub passed: bool,
    pub score: Tally,
    pub duration_secs: u32,
    pub by_bank: &'a BTreeMap<String, Tally>,
    /// Only detailed attempts keep their per-topic tallies.
    pub by_tag: Option<&'a BTreeMap<String, Tally>>,
    pub banks: Option<&'a [String]>,
    pub detailed: bool,
    pub extra_time: ExtraTime,
    pub time_ran_out: bool,
}

impl Progress {
    /// Whether the question stored under `key` (`bank/id`) is flagged for
    /// review (a removed flag stays in the map, dated, so merges keep it off).
    pub fn is_flagged(&self, key: &str) -> bool {
        self.flags.get(key).is_some_and(|f| f.0)
    }

    /// Every attempt, detailed and archived, oldest first.
    pub fn summaries(&self) -> Vec<Summary<'_>> {
        let mut v: Vec<Summary<'_>> = self
            .attempts
            .iter()
            .map(|a| Summary {
                id: &a.id,
                finished_at: a.finished_at,
                mode: a.spec.mode,
                passed: a.passed,
                score: a.score,
                duration_secs: a.duration_secs,
                by_bank: &a.by_bank,
                by_tag: Some(&a.by_tag),
                banks: Some(&a.spec.banks),
                detailed: true,
                extra_time: a.spec.extra_time,
                time_ran_out: a.time_ran_out,
            })
            .chain(self.archive.iter().map(|a| Summary {
                id: &a.id,
                finished_at: a.finished_at,
                mode: a.mode,
                passed: a.passed,
                score: a.score,
                duration_secs: a.duration_secs,
                by_bank: &a.by_bank,
                by_tag: None,
                banks: None,
                detailed: false,
                extra_time: a.extra_time,
                time_ran_out: a.time_ran_out,
            }))
            .collect();
        sort_by(&mut v, |a, b| {
            a.finished_at
                .total_cmp(&b.finished_at)
                .then_with(|| a.id.cmp(b.id))
        });
        v
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
    #[error("the saved data holds an impossible value ({0})")]
    OutOfRange(OutOfRange),
}

/// Parses a stored document, migrating older versions to the current one.
/// (A quiz in progress kept inside an older document is dropped; see
/// `load_with_quiz`.)
pub fn load(raw: &str) -> Result<Progress, SchemaError> {
    load_with_quiz(raw).map(|(p, _)| p)
}

/// Parses a stored document, also returning the quiz in progress that
/// documents before format 4 kept inside them.
pub fn load_with_quiz(raw: &str) -> Result<(Progress, Option<InProgress>), SchemaError> {
    let doc: Value = serde_json::from_str(raw).map_err(|e| SchemaError::Corrupt(e.to_string()))?;
    from_value(doc)
}

/// Parses the quiz in progress, stored under its own key.
pub fn load_quiz(raw: &str) -> Result<InProgress, SchemaError> {
    let doc: Value = serde_json::from_str(raw).map_err(|e| SchemaError::Corrupt(e.to_string()))?;
    quiz_from_value(doc)
}

fn quiz_from_value(doc: Value) -> Result<InProgress, SchemaError> {
    let quiz: InProgress =
        serde_json::from_value(doc).map_err(|e| SchemaError::WrongShape(e.to_string()))?;
    if !quiz.is_consistent() {
        return Err(SchemaError::WrongShape(
            "the quiz in progress is incomplete".into(),
        ));
    }
    check::check_quiz(&quiz, &Limits::STORED).map_err(SchemaError::OutOfRange)?;
    Ok(quiz)
}

pub fn quiz_to_json(q: &InProgress) -> String {
    serde_json::to_string(q).unwrap_or_default()
}

/// Migrates and reads a document already parsed as JSON.
pub fn from_value(doc: Value) -> Result<(Progress, Option<InProgress>), SchemaError> {
    let version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| SchemaError::WrongShape("no version number".into()))?;
    if version > CURRENT_VERSION {
        return Err(SchemaError::NewerVersion(version));
    }
    let (doc, quiz) = migrate::upgrade(doc, version)?;
    let mut progress: Progress =
        serde_json::from_value(doc).map_err(|e| SchemaError::WrongShape(e.to_string()))?;
    progress.version = CURRENT_VERSION;
    progress
        .check(&Limits::STORED)
        .map_err(SchemaError::OutOfRange)?;
    let quiz = match quiz {
        Value::Null => None,
        q => Some(quiz_from_value(q)?),
    };
    Ok((progress, quiz))
}

pub fn to_json(p: &Progress) -> String {
    // Serialising plain data structs cannot fail.
    serde_json::to_string(p).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quiz::QuizItem;
    use crate::domain::test_support::{attempt, spec};

    #[test]
    fn a_removed_flag_is_not_flagged() {
        let mut p = Progress::default();
        p.flags.insert("b/q1".into(), (true, 1.0));
        p.flags.insert("b/q2".into(), (false, 2.0));
        assert!(p.is_flagged("b/q1"));
        assert!(!p.is_flagged("b/q2"));
        assert!(!p.is_flagged("b/q3"));
    }

    #[test]
    fn round_trip_current() {
        let mut p = Progress::default();
        p.attempts.push(attempt("a", 5.0));
        p.flags.insert("compounding/cmp-001".into(), (true, 3.0));
        assert_eq!(load(&to_json(&p)).unwrap(), p);
    }

    #[test]
    fn corrupt_wrong_shape_newer() {
        assert!(matches!(load("{not json"), Err(SchemaError::Corrupt(_))));
        assert!(matches!(load("[1,2]"), Err(SchemaError::WrongShape(_))));
        assert!(matches!(
            load(r#"{"version":3,"attempts":"x"}"#),
            Err(SchemaError::WrongShape(_))
        ));
        assert_eq!(load(r#"{"version":7}"#), Err(SchemaError::NewerVersion(7)));
    }

    #[test]
    fn inconsistent_in_progress_is_rejected() {
        let item = QuizItem {
            bank: "b".into(),
            id: "q".into(),
            order: vec![0, 1],
        };
        let mut ip = InProgress::new(spec(&["b"]), vec![item], 0.0);
        assert_eq!(load_quiz(&quiz_to_json(&ip)), Ok(ip.clone()));
        ip.current = 5;
        assert!(matches!(
            load_quiz(&quiz_to_json(&ip)),
            Err(SchemaError::WrongShape(_))
        ));
        // The same check applies to a quiz inside a format 3 document.
        let v3 = format!(r#"{{"version":3,"in_progress":{}}}"#, quiz_to_json(&ip));
        assert!(matches!(
            load_with_quiz(&v3),
            Err(SchemaError::WrongShape(_))
        ));
    }
}
