//! Stored forms inside the document: attempts (with compact outcomes),
//! archived attempt summaries, per-question statistics and review state.
//! Their JSON is part of the versioned format: a field change needs
//! `#[serde(default)]` or a new version and migration.

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::SerializeSeq;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use std::fmt;

use crate::domain::clock::ExtraTime;
use crate::domain::grade::{Response, Tally};
use crate::domain::quiz::{Mode, QRef, QuizSpec};

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
    /// The time limit ran out and the quiz was submitted by itself. (The
    /// extra time chosen is in `spec`.)
    pub time_ran_out: bool,
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
    /// Time ran out (from format 5; absent when not).
    #[serde(rename = "tu", default, skip_serializing_if = "std::ops::Not::not")]
    time_ran_out: bool,
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
            time_ran_out: a.time_ran_out,
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
            time_ran_out: s.time_ran_out,
            outcomes,
        })
    }
}

/// An old attempt after compaction: its summary only, as a compact array
/// `[id, finished, mode, passed, [correct, total], seconds, {bank: [c, t]}]`,
/// followed by `extra time, time ran out` only when either is set (from
/// format 5), so older entries read unchanged. Its per-question detail lives
/// on in `Progress::stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedAttempt {
    pub id: String,
    pub finished_at: f64,
    pub mode: Mode,
    pub passed: bool,
    pub score: Tally,
    pub duration_secs: u32,
    pub by_bank: BTreeMap<String, Tally>,
    pub extra_time: ExtraTime,
    pub time_ran_out: bool,
}

impl Serialize for ArchivedAttempt {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let timed = !self.extra_time.is_standard() || self.time_ran_out;
        let mut seq = s.serialize_seq(Some(if timed { 9 } else { 7 }))?;
        seq.serialize_element(&self.id)?;
        seq.serialize_element(&self.finished_at)?;
        seq.serialize_element(&self.mode)?;
        seq.serialize_element(&(self.passed as u8))?;
        seq.serialize_element(&self.score)?;
        seq.serialize_element(&self.duration_secs)?;
        seq.serialize_element(&self.by_bank)?;
        if timed {
            seq.serialize_element(&self.extra_time)?;
            seq.serialize_element(&(self.time_ran_out as u8))?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for ArchivedAttempt {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_seq(ArchivedVisitor)
    }
}

struct ArchivedVisitor;

/// The next item of an archived attempt; `read` counts the items so far.
fn item<'de, A: SeqAccess<'de>, T: Deserialize<'de>>(
    seq: &mut A,
    read: &mut usize,
) -> Result<T, A::Error> {
    let value = seq
        .next_element()?
        .ok_or_else(|| de::Error::invalid_length(*read, &ArchivedVisitor))?;
    *read += 1;
    Ok(value)
}

impl<'de> Visitor<'de> for ArchivedVisitor {
    type Value = ArchivedAttempt;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an archived attempt (a list of 7 or 9 items)")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<ArchivedAttempt, A::Error> {
        let mut read = 0;
        let (id, finished_at, mode) = (
            item(&mut seq, &mut read)?,
            item(&mut seq, &mut read)?,
            item(&mut seq, &mut read)?,
        );
        let passed: u8 = item(&mut seq, &mut read)?;
        let score = item(&mut seq, &mut read)?;
        let duration_secs = item(&mut seq, &mut read)?;
        let by_bank = item(&mut seq, &mut read)?;
        let extra_time: Option<ExtraTime> = seq.next_element()?;
        read += 1;
        let time_ran_out: u8 = match extra_time {
            Some(_) => item(&mut seq, &mut read)?,
            None => 0,
        };
        if seq.next_element::<de::IgnoredAny>()?.is_some() {
            return Err(de::Error::invalid_length(read + 1, &self));
        }
        Ok(ArchivedAttempt {
            id,
            finished_at,
            mode,
            passed: passed != 0,
            score,
            duration_secs,
            by_bank,
            extra_time: extra_time.unwrap_or_default(),
            time_ran_out: time_ran_out != 0,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schema::{load, to_json, Progress, SchemaError};
    use crate::domain::test_support::attempt;

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
}
