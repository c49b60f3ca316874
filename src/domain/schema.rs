//! The stored document: everything PharmQuiz keeps in the browser, versioned.
//!
//! Each older layout has one migration to the next version and a test that
//! loads a stored sample of it. To add a version: bump `CURRENT_VERSION`, add
//! `migrate_vN` and its test.
//!
//! The quiz in progress is stored under its own key (since format 4), so
//! saving an answer never rewrites the whole history.
//!
//! Attempts are stored compactly (outcomes as `[bank index, id, answer,
//! right]`) so 1,000 attempts of 20 questions stay under 1 MB; beyond
//! `DETAIL_LIMIT` attempts, the oldest attempts' per-question detail is folded
//! into per-question statistics (see `compact`).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

use super::quiz::QRef;
use thiserror::Error;

use super::grade::{Response, Tally};
use super::quiz::{Mode, QuizSpec};
use super::roster::{self, SharedResult};
use super::session::InProgress;
use super::sort::sort_by;

pub const CURRENT_VERSION: u64 = 4;
/// Attempts that keep per-question detail; older ones are compacted.
pub const DETAIL_LIMIT: usize = 1000;

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

/// Answers to one question folded out of compacted attempts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct QuestionStats {
    pub seen: u32,
    pub correct: u32,
    /// When it was last answered (ms) and whether that answer was right.
    pub last_ms: f64,
    pub last_correct: bool,
}

/// FSRS memory state of one question, stored as a compact array.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct CardState {
    pub due_ms: f64,
    pub stability: f64,
    pub difficulty: f64,
    pub elapsed_days: i64,
    pub scheduled_days: i64,
    pub reps: i32,
    pub lapses: i32,
    /// 0 new, 1 learning, 2 review, 3 relearning.
    pub state: u8,
    pub last_review_ms: f64,
    /// When the question first entered review (for the daily new limit).
    pub first_review_ms: f64,
}

/// A finished quiz.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(into = "StoredAttempt", try_from = "StoredAttempt")]
pub struct Attempt {
    pub id: String,
    /// Milliseconds since the Unix epoch.
    pub finished_at: f64,
    pub spec: QuizSpec,
    pub score: Tally,
    pub passed: bool,
    pub by_tag: BTreeMap<String, Tally>,
    pub by_bank: BTreeMap<String, Tally>,
    /// Active time spent, in seconds (pauses excluded).
    pub duration_secs: u32,
    pub outcomes: Vec<Outcome>,
}

/// The result for one question of an attempt.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub bank: String,
    pub id: String,
    pub response: Option<Response>,
    pub correct: bool,
}

impl Outcome {
    pub fn qref(&self) -> QRef {
        QRef::new(&self.bank, &self.id)
    }
}

/// Storage form of an attempt, with short keys and outcomes as
/// `[bank index, id, answer, 0|1]` (thousands are kept).
#[derive(Serialize, Deserialize)]
struct StoredAttempt {
    id: String,
    #[serde(rename = "t")]
    finished_at: f64,
    #[serde(rename = "s")]
    spec: QuizSpec,
    #[serde(rename = "sc")]
    score: Tally,
    #[serde(rename = "p")]
    passed: bool,
    #[serde(rename = "bt")]
    by_tag: BTreeMap<String, Tally>,
    #[serde(rename = "bb")]
    by_bank: BTreeMap<String, Tally>,
    #[serde(rename = "d")]
    duration_secs: u32,
    #[serde(rename = "o")]
    outcomes: Vec<(usize, String, Option<String>, u8)>,
}

impl From<Attempt> for StoredAttempt {
    fn from(a: Attempt) -> Self {
        let outcomes = a
            .outcomes
            .iter()
            .map(|o| {
                let bank = a
                    .spec
                    .banks
                    .iter()
                    .position(|b| b == &o.bank)
                    .unwrap_or(usize::MAX);
                (
                    bank,
                    o.id.clone(),
                    o.response.as_ref().map(Response::to_compact),
                    o.correct as u8,
                )
            })
            .collect();
        StoredAttempt {
            id: a.id,
            finished_at: a.finished_at,
            spec: a.spec,
            score: a.score,
            passed: a.passed,
            by_tag: a.by_tag,
            by_bank: a.by_bank,
            duration_secs: a.duration_secs,
            outcomes,
        }
    }
}

impl TryFrom<StoredAttempt> for Attempt {
    type Error = String;
    fn try_from(s: StoredAttempt) -> Result<Self, String> {
        let mut outcomes = Vec::with_capacity(s.outcomes.len());
        for (b, id, r, c) in s.outcomes {
            let bank = s
                .spec
                .banks
                .get(b)
                .cloned()
                .ok_or_else(|| format!("attempt {}: outcome for unknown bank #{b}", s.id))?;
            let response = match r {
                None => None,
                Some(text) => Some(
                    Response::from_compact(&text)
                        .ok_or_else(|| format!("attempt {}: unreadable answer `{text}`", s.id))?,
                ),
            };
            outcomes.push(Outcome {
                bank,
                id,
                response,
                correct: c != 0,
            });
        }
        Ok(Attempt {
            id: s.id,
            finished_at: s.finished_at,
            spec: s.spec,
            score: s.score,
            passed: s.passed,
            by_tag: s.by_tag,
            by_bank: s.by_bank,
            duration_secs: s.duration_secs,
            outcomes,
        })
    }
}

/// An old attempt after compaction: its summary only, as a compact array
/// `[id, finished, mode, passed, [correct, total], seconds, {bank: [c, t]}]`.
/// Its per-question detail lives on in `Progress::stats`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(from = "ArchivedTuple", into = "ArchivedTuple")]
pub struct ArchivedAttempt {
    pub id: String,
    pub finished_at: f64,
    pub mode: Mode,
    pub passed: bool,
    pub score: Tally,
    pub duration_secs: u32,
    pub by_bank: BTreeMap<String, Tally>,
}

type ArchivedTuple = (String, f64, Mode, u8, Tally, u32, BTreeMap<String, Tally>);

impl From<ArchivedTuple> for ArchivedAttempt {
    fn from((id, finished_at, mode, passed, score, duration_secs, by_bank): ArchivedTuple) -> Self {
        ArchivedAttempt {
            id,
            finished_at,
            mode,
            passed: passed != 0,
            score,
            duration_secs,
            by_bank,
        }
    }
}

impl From<ArchivedAttempt> for ArchivedTuple {
    fn from(a: ArchivedAttempt) -> Self {
        (
            a.id,
            a.finished_at,
            a.mode,
            a.passed as u8,
            a.score,
            a.duration_secs,
            a.by_bank,
        )
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
}

impl Progress {
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
            }))
            .collect();
        sort_by(&mut v, |a, b| {
            a.finished_at
                .total_cmp(&b.finished_at)
                .then_with(|| a.id.cmp(b.id))
        });
        v
    }

    /// "Clear all data": an empty document that remembers when it was
    /// cleared, so other tabs' copies can't bring the old data back.
    pub fn cleared(now_ms: f64) -> Progress {
        Progress {
            cleared_at: now_ms,
            ..Progress::default()
        }
    }

    /// Adds trainees' results not already in the roster, including ones
    /// removed earlier; returns how many were new.
    pub fn add_results(
        &mut self,
        incoming: impl IntoIterator<Item = SharedResult>,
        now_ms: f64,
    ) -> usize {
        let incoming: Vec<_> = incoming.into_iter().collect();
        for r in &incoming {
            let id = r.id();
            if self.roster_log.get(&id).is_some_and(|c| !c.0) {
                self.roster_log.insert(id, (true, now_ms));
            }
        }
        roster::add(&mut self.roster, incoming)
    }

    /// Removes a result from the roster, here and in other tabs' copies.
    pub fn remove_result(&mut self, id: &str, now_ms: f64) {
        self.roster.retain(|r| r.id() != id);
        self.roster_log.insert(id.to_string(), (false, now_ms));
    }

    /// Drops what a clear at `t` deleted, for a copy that had not seen it.
    fn forget_cleared(&mut self, t: f64) {
        self.attempts.retain(|a| a.finished_at > t);
        let archived = self.archive.len();
        self.archive.retain(|a| a.finished_at > t);
        if self.archive.len() != archived {
            // The statistics count cleared attempts and can't be split.
            self.stats.clear();
        }
        self.schedule.retain(|_, c| c.last_review_ms > t);
        self.flags.retain(|_, f| f.1 > t);
        self.roster.retain(|r| r.finished_at > t);
        self.roster_log.retain(|_, c| c.1 > t);
        self.cleared_at = t;
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
    Ok(quiz)
}

pub fn quiz_to_json(q: &InProgress) -> String {
    serde_json::to_string(q).unwrap_or_default()
}

/// Migrates and reads a document already parsed as JSON.
pub fn from_value(mut doc: Value) -> Result<(Progress, Option<InProgress>), SchemaError> {
    let mut version = doc
        .get("version")
        .and_then(Value::as_u64)
        .ok_or_else(|| SchemaError::WrongShape("no version number".into()))?;
    if version > CURRENT_VERSION {
        return Err(SchemaError::NewerVersion(version));
    }
    let mut quiz = Value::Null;
    while version < CURRENT_VERSION {
        doc = match version {
            1 => migrate_v1(doc)?,
            2 => migrate_v2(doc)?,
            3 => {
                quiz = migrate_v3(&mut doc);
                doc
            }
            v => return Err(SchemaError::WrongShape(format!("unknown format {v}"))),
        };
        version += 1;
    }
    let mut progress: Progress =
        serde_json::from_value(doc).map_err(|e| SchemaError::WrongShape(e.to_string()))?;
    progress.version = CURRENT_VERSION;
    let quiz = match quiz {
        Value::Null => None,
        q => Some(quiz_from_value(q)?),
    };
    Ok((progress, quiz))
}

/// v3 kept the quiz in progress inside the document; v4 keeps it under its
/// own key. Returns the quiz (or null) taken out of the document.
fn migrate_v3(doc: &mut Value) -> Value {
    let Some(o) = doc.as_object_mut() else {
        return Value::Null;
    };
    o.insert("version".into(), json!(4));
    o.remove("in_progress").unwrap_or(Value::Null)
}

pub fn to_json(p: &Progress) -> String {
    // Serialising plain data structs cannot fail.
    serde_json::to_string(p).unwrap_or_default()
}

/// v1 (the pre-release layout) kept each attempt's quiz settings as flat
/// fields, had a fixed 70 % pass mark, no per-topic breakdown and no
/// in-progress quiz. v2 nests the settings in a `spec`.
fn migrate_v1(mut doc: Value) -> Result<Value, SchemaError> {
    let shape = |m: &str| SchemaError::WrongShape(format!("format 1: {m}"));
    let attempts = doc
        .get_mut("attempts")
        .and_then(Value::as_array_mut)
        .ok_or_else(|| shape("no attempts list"))?;
    for a in attempts.iter_mut() {
        let o = a
            .as_object_mut()
            .ok_or_else(|| shape("an attempt is not an object"))?;
        let correct = o
            .remove("correct")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| shape("an attempt has no score"))?;
        let total = o
            .remove("total")
            .and_then(|v| v.as_u64())
            .ok_or_else(|| shape("an attempt has no total"))?;
        let banks = o.remove("banks").unwrap_or_else(|| json!([]));
        let mode = o.remove("mode").unwrap_or_else(|| json!("practice"));
        let seed = o.remove("seed").unwrap_or_else(|| json!(0));
        o.insert(
            "spec".into(),
            json!({"banks": banks, "count": total, "mode": mode, "time_limit_secs": null, "pass_mark": 70, "seed": seed}),
        );
        o.insert("score".into(), json!({"correct": correct, "total": total}));
        o.insert(
            "passed".into(),
            json!(correct * 100 >= 70 * total && total > 0),
        );
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

/// The v2 layout, kept only to read it for migration.
mod v2 {
    use super::*;

    #[derive(Deserialize)]
    pub struct Tally2 {
        pub correct: u32,
        pub total: u32,
    }

    #[derive(Deserialize)]
    pub struct Outcome2 {
        pub bank: String,
        pub id: String,
        pub response: Option<Response>,
        pub correct: bool,
    }

    #[derive(Deserialize)]
    pub struct Attempt2 {
        pub id: String,
        pub finished_at: f64,
        pub spec: QuizSpec,
        pub score: Tally2,
        pub passed: bool,
        pub by_tag: BTreeMap<String, Tally2>,
        pub duration_secs: u32,
        pub outcomes: Vec<Outcome2>,
    }

    #[derive(Deserialize)]
    pub struct Progress2 {
        #[serde(default)]
        pub attempts: Vec<Attempt2>,
        #[serde(default)]
        pub in_progress: Option<Value>,
    }
}

/// v2 stored outcomes as objects with their option order, and tallies as
/// objects. v3 stores outcomes compactly (the order is re-derived from the
/// seed), adds per-bank tallies, the review schedule, flags, settings and
/// compaction statistics.
fn migrate_v2(doc: Value) -> Result<Value, SchemaError> {
    let old: v2::Progress2 = serde_json::from_value(doc)
        .map_err(|e| SchemaError::WrongShape(format!("format 2: {e}")))?;
    let attempts: Vec<Attempt> = old
        .attempts
        .into_iter()
        .map(|a| {
            let mut by_bank: BTreeMap<String, Tally> = BTreeMap::new();
            for o in &a.outcomes {
                by_bank.entry(o.bank.clone()).or_default().add(Tally {
                    correct: o.correct as u32,
                    total: 1,
                });
            }
            Attempt {
                id: a.id,
                finished_at: a.finished_at,
                spec: a.spec,
                score: Tally {
                    correct: a.score.correct,
                    total: a.score.total,
                },
                passed: a.passed,
                by_tag: a
                    .by_tag
                    .into_iter()
                    .map(|(k, t)| {
                        (
                            k,
                            Tally {
                                correct: t.correct,
                                total: t.total,
                            },
                        )
                    })
                    .collect(),
                by_bank,
                duration_secs: a.duration_secs,
                outcomes: a
                    .outcomes
                    .into_iter()
                    .map(|o| Outcome {
                        bank: o.bank,
                        id: o.id,
                        response: o.response,
                        correct: o.correct,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut v = serde_json::to_value(Progress {
        attempts,
        ..Progress::default()
    })
    .map_err(|e| SchemaError::WrongShape(format!("format 2: {e}")))?;
    v["in_progress"] = old.in_progress.unwrap_or(Value::Null);
    Ok(v)
}

/// Moves the oldest attempts beyond `DETAIL_LIMIT` to `archive`, folding
/// their per-question detail into `stats`. Summaries (score, banks, time) are
/// kept, so the dashboard shows the same figures afterwards.
pub fn compact(p: &mut Progress) {
    if p.attempts.len() <= DETAIL_LIMIT {
        return;
    }
    sort_by(&mut p.attempts, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    let old: Vec<Attempt> = p
        .attempts
        .drain(..p.attempts.len() - DETAIL_LIMIT)
        .collect();
    for a in old {
        for o in &a.outcomes {
            let s = p.stats.entry(o.qref().to_string()).or_default();
            s.seen += 1;
            s.correct += o.correct as u32;
            if a.finished_at >= s.last_ms {
                s.last_ms = a.finished_at;
                s.last_correct = o.correct;
            }
        }
        p.archive.push(ArchivedAttempt {
            id: a.id,
            finished_at: a.finished_at,
            mode: a.spec.mode,
            passed: a.passed,
            score: a.score,
            duration_secs: a.duration_secs,
            by_bank: a.by_bank,
        });
    }
}

/// Combines two documents without losing anything: attempts are united by
/// id (detail wins over a compacted copy), schedules keep the most recently
/// reviewed state, flags keep the latest change, and settings and the quiz in
/// progress come from `local`. Merging the same document again changes
/// nothing.
pub fn merge(local: &Progress, other: &Progress) -> Progress {
    // A copy that has not seen the latest "Clear all data" first loses what it cleared.
    let cleared_at = local.cleared_at.max(other.cleared_at);
    let mut out = local.clone();
    if out.cleared_at < cleared_at {
        out.forget_cleared(cleared_at);
    }
    let stale;
    let other = if other.cleared_at < cleared_at {
        let mut o = other.clone();
        o.forget_cleared(cleared_at);
        stale = o;
        &stale
    } else {
        other
    };
    // Archives: their statistics can only be added when they count different
    // attempts; then any detailed copies of the newly archived attempts go.
    let mine: BTreeSet<&str> = local.archive.iter().map(|a| a.id.as_str()).collect();
    let theirs: Vec<&ArchivedAttempt> = other
        .archive
        .iter()
        .filter(|a| !mine.contains(a.id.as_str()))
        .collect();
    if !theirs.is_empty() && other.archive.iter().all(|a| !mine.contains(a.id.as_str())) {
        for (k, s) in &other.stats {
            let e = out.stats.entry(k.clone()).or_default();
            e.seen += s.seen;
            e.correct += s.correct;
            if s.last_ms > e.last_ms {
                e.last_ms = s.last_ms;
                e.last_correct = s.last_correct;
            }
        }
        let ids: BTreeSet<&str> = theirs.iter().map(|a| a.id.as_str()).collect();
        out.attempts.retain(|a| !ids.contains(a.id.as_str()));
        out.archive.extend(theirs.into_iter().cloned());
    }
    let known: BTreeSet<String> = out
        .attempts
        .iter()
        .map(|a| a.id.clone())
        .chain(out.archive.iter().map(|a| a.id.clone()))
        .collect();
    for a in &other.attempts {
        if !known.contains(&a.id) {
            out.attempts.push(a.clone());
        }
    }
    sort_by(&mut out.attempts, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    sort_by(&mut out.archive, |a, b| {
        a.finished_at
            .total_cmp(&b.finished_at)
            .then_with(|| a.id.cmp(&b.id))
    });
    for (k, c) in &other.schedule {
        match out.schedule.get(k) {
            Some(mine) if mine.last_review_ms >= c.last_review_ms => {}
            _ => {
                out.schedule.insert(k.clone(), *c);
            }
        }
    }
    for (k, f) in &other.flags {
        match out.flags.get(k) {
            Some(mine) if mine.1 >= f.1 => {}
            _ => {
                out.flags.insert(k.clone(), *f);
            }
        }
    }
    for (k, c) in &other.roster_log {
        match out.roster_log.get(k) {
            Some(mine) if mine.1 >= c.1 => {}
            _ => {
                out.roster_log.insert(k.clone(), *c);
            }
        }
    }
    roster::add(&mut out.roster, other.roster.iter().cloned());
    if out.roster_log.values().any(|c| !c.0) {
        let log = &out.roster_log;
        out.roster.retain(|r| log.get(&r.id()).is_none_or(|c| c.0));
    }
    out
}

/// Imports a backup: everything in it comes back, even what was cleared or
/// removed here before, and nothing here is deleted. Then it is an ordinary
/// merge, so importing the same file twice changes nothing.
pub fn restore(local: &Progress, backup: &Progress, now_ms: f64) -> Progress {
    let mut incoming = backup.clone();
    incoming.cleared_at = local.cleared_at;
    incoming.roster_log.clear();
    let mut out = local.clone();
    for r in &incoming.roster {
        let id = r.id();
        if out.roster_log.get(&id).is_some_and(|c| !c.0) {
            out.roster_log.insert(id, (true, now_ms));
        }
    }
    merge(&out, &incoming)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quiz::{Mode, QuizItem};
    use crate::domain::test_support::{attempt, shared_result, spec};

    #[test]
    fn round_trip_current() {
        let mut p = Progress::default();
        p.attempts.push(attempt("a", 5.0));
        p.flags.insert("compounding/cmp-001".into(), (true, 3.0));
        assert_eq!(load(&to_json(&p)).unwrap(), p);
    }

    #[test]
    fn attempts_are_stored_compactly() {
        let json = serde_json::to_string(&attempt("a", 5.0)).unwrap();
        assert!(
            json.contains(r#""o":[[0,"cmp-001","n12.5",1],[1,"inv-002","c1,3",0]]"#),
            "{json}"
        );
        assert!(json.contains(r#""sc":[1,2]"#));
        assert!(
            !json.contains("\"tags\"") && !json.contains("\"only\""),
            "empty lists are not stored: {json}"
        );
    }

    #[test]
    fn unreadable_compact_outcome_is_wrong_shape() {
        let json = to_json(&Progress {
            attempts: vec![attempt("a", 5.0)],
            ..Progress::default()
        })
        .replace("c1,3", "zz");
        assert!(
            matches!(load(&json), Err(SchemaError::WrongShape(m)) if m.contains("unreadable answer"))
        );
        let json = to_json(&Progress {
            attempts: vec![attempt("a", 5.0)],
            ..Progress::default()
        })
        .replace("[1,\"inv-002\"", "[7,\"inv-002\"");
        assert!(
            matches!(load(&json), Err(SchemaError::WrongShape(m)) if m.contains("unknown bank"))
        );
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
        assert_eq!(
            a.score,
            Tally {
                correct: 7,
                total: 10
            }
        );
        assert!(a.passed);
        assert_eq!(a.outcomes[0].response, Some(Response::Choice(vec![2])));
        assert_eq!(load_with_quiz(v1).unwrap().1, None);
    }

    #[test]
    fn migrates_v2_sample() {
        let v2 = r#"{"version":2,"attempts":[{"id":"b1","started_at":1.0,"finished_at":2.0,
            "spec":{"banks":["compounding","inventory"],"tags":[],"only":[],"count":2,"mode":"practice","time_limit_secs":null,"pass_mark":80,"seed":5},
            "score":{"correct":1,"total":2},"passed":false,"by_tag":{"calc-percent":{"correct":1,"total":1}},"duration_secs":40,
            "outcomes":[{"bank":"compounding","id":"cmp-003","order":[1,0,2],"response":{"choice":[0]},"correct":true},
                        {"bank":"inventory","id":"inv-009","order":[],"response":null,"correct":false}]}],
            "in_progress":null}"#;
        let p = load(v2).unwrap();
        let a = &p.attempts[0];
        assert_eq!(
            a.score,
            Tally {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(
            a.by_tag["calc-percent"],
            Tally {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            a.by_bank["compounding"],
            Tally {
                correct: 1,
                total: 1
            }
        );
        assert_eq!(
            a.by_bank["inventory"],
            Tally {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(a.outcomes[1].response, None);
        assert_eq!(p.settings, Settings::default());
        // And the migrated document survives a save/load.
        assert_eq!(load(&to_json(&p)).unwrap(), p);
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
        assert!(matches!(
            load(r#"{"version":3,"attempts":"x"}"#),
            Err(SchemaError::WrongShape(_))
        ));
        assert_eq!(load(r#"{"version":5}"#), Err(SchemaError::NewerVersion(5)));
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

    #[test]
    fn migrates_v3_sample() {
        let item = QuizItem {
            bank: "b".into(),
            id: "q".into(),
            order: vec![1, 0],
        };
        let ip = InProgress::new(spec(&["b"]), vec![item], 3.0);
        let mut v3 = serde_json::to_value(Progress::default()).unwrap();
        v3["version"] = json!(3);
        v3["attempts"] = serde_json::to_value(vec![attempt("a", 1.0)]).unwrap();
        v3["in_progress"] = serde_json::to_value(&ip).unwrap();
        let (p, quiz) = load_with_quiz(&v3.to_string()).unwrap();
        assert_eq!(p.version, 4);
        assert_eq!(p.attempts, vec![attempt("a", 1.0)]);
        assert_eq!(quiz, Some(ip));
        assert!(!to_json(&p).contains("in_progress"));
        // Without a quiz in progress.
        v3["in_progress"] = Value::Null;
        assert_eq!(load_with_quiz(&v3.to_string()).unwrap().1, None);
    }

    #[test]
    fn thousand_attempts_of_twenty_fit_in_a_megabyte() {
        let mut p = Progress::default();
        for i in 0..1000 {
            let mut a = attempt(
                &format!("{:x}-{:x}", 1_700_000_000_000u64 + i * 60_000, i * 7919),
                1.7e12 + i as f64,
            );
            a.spec.seed = 4_503_599_627_370_495 - i;
            a.outcomes = (0..20)
                .map(|k| Outcome {
                    bank: "compounding".into(),
                    id: format!("cmp-{:03}", (i as usize * 20 + k) % 117 + 1),
                    response: Some(Response::Choice(vec![k % 4])),
                    correct: k % 3 != 0,
                })
                .collect();
            a.by_tag = (0..5)
                .map(|t| {
                    (
                        format!("calc-topic-{t}"),
                        Tally {
                            correct: 2,
                            total: 4,
                        },
                    )
                })
                .collect();
            p.attempts.push(a);
        }
        let bytes = to_json(&p).len();
        assert!(bytes < 1_000_000, "1,000 attempts take {bytes} bytes");
    }

    #[test]
    fn compaction_archives_the_oldest_and_keeps_counts() {
        let mut p = Progress::default();
        for i in 0..(DETAIL_LIMIT + 5) {
            p.attempts.push(attempt(&format!("a{i}"), i as f64));
        }
        compact(&mut p);
        assert_eq!(p.attempts.len(), DETAIL_LIMIT);
        assert_eq!(p.archive.len(), 5);
        assert_eq!(p.summaries().len(), DETAIL_LIMIT + 5, "summaries are kept");
        assert_eq!(
            p.archive[0].by_bank["inventory"],
            Tally {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(
            p.stats["compounding/cmp-001"],
            QuestionStats {
                seen: 5,
                correct: 5,
                last_ms: 4.0,
                last_correct: true
            }
        );
        assert_eq!(p.stats["inventory/inv-002"].correct, 0);
        let again = {
            let mut q = p.clone();
            compact(&mut q);
            q
        };
        assert_eq!(again, p, "compacting twice changes nothing");
        assert_eq!(
            load(&to_json(&p)).unwrap(),
            p,
            "archives survive a save/load"
        );
        let json = serde_json::to_string(&p.archive[0]).unwrap();
        assert_eq!(
            json,
            r#"["a0",0.0,"exam",0,[1,2],30,{"compounding":[1,1],"inventory":[0,1]}]"#
        );
    }

    #[test]
    fn merging_an_archived_copy_does_not_double_count() {
        let mut detailed = Progress::default();
        for i in 0..(DETAIL_LIMIT + 3) {
            detailed.attempts.push(attempt(&format!("a{i}"), i as f64));
        }
        let mut archived = detailed.clone();
        compact(&mut archived);
        let m = merge(&detailed, &archived);
        assert_eq!(m.summaries().len(), DETAIL_LIMIT + 3);
        assert_eq!(m.stats, archived.stats);
        assert_eq!(merge(&m, &archived), m);
        assert_eq!(
            merge(&archived, &detailed).summaries().len(),
            DETAIL_LIMIT + 3
        );
    }

    #[test]
    fn merge_is_idempotent_and_loses_nothing() {
        let mut a = Progress {
            attempts: vec![attempt("x", 1.0), attempt("y", 3.0)],
            ..Progress::default()
        };
        a.flags.insert("b/q1".into(), (true, 10.0));
        let mut b = Progress {
            attempts: vec![attempt("y", 3.0), attempt("z", 2.0)],
            ..Progress::default()
        };
        b.flags.insert("b/q1".into(), (false, 20.0));
        b.flags.insert("b/q2".into(), (true, 5.0));
        let m = merge(&a, &b);
        assert_eq!(
            m.attempts.iter().map(|x| x.id.as_str()).collect::<Vec<_>>(),
            vec!["x", "z", "y"]
        );
        assert_eq!(m.flags["b/q1"], (false, 20.0), "the later change wins");
        assert_eq!(m.flags["b/q2"], (true, 5.0));
        assert_eq!(
            merge(&m, &b),
            m,
            "merging the same data twice changes nothing"
        );
        assert_eq!(merge(&m, &a), m);
        let m2 = merge(&b, &a);
        assert_eq!(
            m2.attempts, m.attempts,
            "order of merging does not matter for attempts"
        );
        assert_eq!(m2.flags, m.flags);
    }

    #[test]
    fn merge_keeps_the_latest_schedule() {
        let mut a = Progress::default();
        a.schedule.insert("b/q".into(), card(5.0));
        let mut b = Progress::default();
        b.schedule.insert("b/q".into(), card(9.0));
        assert_eq!(merge(&a, &b).schedule["b/q"].last_review_ms, 9.0);
        assert_eq!(merge(&b, &a).schedule["b/q"].last_review_ms, 9.0);
    }

    fn card(last: f64) -> CardState {
        CardState {
            due_ms: last + 1.0,
            stability: 1.0,
            difficulty: 5.0,
            elapsed_days: 0,
            scheduled_days: 1,
            reps: 1,
            lapses: 0,
            state: 2,
            last_review_ms: last,
            first_review_ms: last,
        }
    }

    /// A tab's copy with an attempt, a schedule, a flag and a roster entry, all at `at`.
    fn busy(id: &str, at: f64) -> Progress {
        let mut p = Progress::default();
        p.attempts.push(attempt(id, at));
        p.schedule.insert(format!("b/{id}"), card(at));
        p.flags.insert(format!("b/{id}"), (true, at));
        p.add_results([shared_result(id, at, vec![("b/q1", None, false)])], at);
        p
    }

    fn ids(p: &Progress) -> Vec<&str> {
        p.attempts.iter().map(|a| a.id.as_str()).collect()
    }

    #[test]
    fn a_clear_sticks_against_a_tab_that_has_not_seen_it() {
        let stale = busy("old", 10.0);
        let cleared = Progress::cleared(20.0);
        // The clearing tab saves over the stale copy, and the stale tab
        // takes in the stored document: both end up empty.
        for m in [merge(&cleared, &stale), merge(&stale, &cleared)] {
            assert!(m.attempts.is_empty() && m.schedule.is_empty());
            assert!(m.flags.is_empty() && m.roster.is_empty());
            assert_eq!(m.cleared_at, 20.0);
        }
        // What the stale tab did after the clear is kept.
        let mut later = stale.clone();
        later.attempts.push(attempt("new", 30.0));
        later.flags.insert("b/new".into(), (true, 30.0));
        let m = merge(&cleared, &later);
        assert_eq!(ids(&m), vec!["new"]);
        assert_eq!(m.flags.keys().collect::<Vec<_>>(), vec!["b/new"]);
        assert_eq!(merge(&m, &later), m, "merging again changes nothing");
    }

    #[test]
    fn a_clear_drops_a_stale_archive_and_its_statistics() {
        let mut stale = Progress {
            attempts: (0..DETAIL_LIMIT + 2)
                .map(|i| attempt(&format!("a{i}"), i as f64))
                .collect(),
            ..Progress::default()
        };
        compact(&mut stale);
        assert!(!stale.stats.is_empty());
        let m = merge(&Progress::cleared(1.0e9), &stale);
        assert!(m.archive.is_empty() && m.stats.is_empty() && m.attempts.is_empty());
    }

    #[test]
    fn a_removed_result_does_not_come_back_from_another_copy() {
        let other = busy("sam", 10.0);
        let id = other.roster[0].id();
        let mut here = other.clone();
        here.remove_result(&id, 20.0);
        assert!(here.roster.is_empty());
        assert!(merge(&here, &other).roster.is_empty());
        assert!(merge(&other, &here).roster.is_empty());
        // Opening the result link again brings it back, also against a
        // copy that still has the removal.
        let mut again = here.clone();
        assert_eq!(again.add_results(other.roster.clone(), 30.0), 1);
        assert_eq!(merge(&again, &here).roster.len(), 1);
        assert_eq!(merge(&here, &again).roster.len(), 1);
    }

    #[test]
    fn importing_a_backup_restores_what_was_cleared_or_removed() {
        let backup = busy("old", 10.0);
        let mut here = Progress::cleared(20.0);
        here.attempts.push(attempt("new", 30.0));
        let restored = restore(&here, &backup, 40.0);
        assert_eq!(ids(&restored), vec!["old", "new"]);
        assert_eq!(restored.roster.len(), 1);
        assert_eq!(restored.flags.len(), 1);
        assert_eq!(
            restore(&restored, &backup, 50.0),
            restored,
            "a second import changes nothing"
        );
        // It stays restored when another tab's copy, cleared too, is merged.
        assert_eq!(merge(&restored, &Progress::cleared(20.0)), restored);

        let mut removed = backup.clone();
        let id = backup.roster[0].id();
        removed.remove_result(&id, 20.0);
        let restored = restore(&removed, &backup, 30.0);
        assert_eq!(restored.roster.len(), 1);
        assert_eq!(merge(&restored, &removed).roster.len(), 1);
    }

    #[test]
    fn importing_never_deletes_what_is_here() {
        let here = busy("mine", 10.0);
        let mut backup = Progress::cleared(50.0);
        backup.remove_result(&here.roster[0].id(), 60.0);
        let m = restore(&here, &backup, 70.0);
        assert_eq!(ids(&m), vec!["mine"]);
        assert_eq!(m.roster.len(), 1);
        assert_eq!(m.flags.len(), 1);
    }

    #[test]
    fn deletions_survive_a_save_and_load() {
        let mut p = busy("x", 10.0);
        let id = p.roster[0].id();
        p.remove_result(&id, 20.0);
        p.cleared_at = 5.0;
        assert_eq!(load(&to_json(&p)).unwrap(), p);
        assert!(!to_json(&Progress::default()).contains("cleared_at"));
    }
}
