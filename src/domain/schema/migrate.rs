//! Migrations of older document layouts, one step per version, each with
//! a test that loads a stored sample of the old layout.

use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

use super::stored::{Attempt, Outcome};
use super::{Progress, SchemaError, CURRENT_VERSION};
use crate::domain::grade::{Response, Tally};
use crate::domain::quiz::QuizSpec;

/// Brings a document of format `version` up to `CURRENT_VERSION`, one
/// migration at a time. Returns it with the quiz in progress that a format 3
/// document held (null when none).
pub(super) fn upgrade(mut doc: Value, mut version: u64) -> Result<(Value, Value), SchemaError> {
    let mut quiz = Value::Null;
    while version < CURRENT_VERSION {
        doc = match version {
            1 => migrate_v1(doc)?,
            2 => migrate_v2(doc)?,
            3 => {
                quiz = migrate_v3(&mut doc);
                doc
            }
            4 => migrate_v4(doc),
            5 => migrate_v5(doc),
            v => return Err(SchemaError::WrongShape(format!("unknown format {v}"))),
        };
        version += 1;
    }
    Ok((doc, quiz))
}

/// v6 adds short-answer and matching answers to attempts and the
/// learner's exam dates. A v5 document has neither, so it reads unchanged:
/// only the version moves, and an app from before v6 refuses the document
/// (rather than failing on an answer it cannot read or dropping the dates
/// when it saves).
fn migrate_v5(mut doc: Value) -> Value {
    if let Some(o) = doc.as_object_mut() {
        o.insert("version".into(), json!(6));
    }
    doc
}

/// v5 adds what an attempt's time was: the extra time chosen (in the spec;
/// in a result sent to a trainer; after an archived attempt's summary) and
/// whether the time ran out. Every new field reads as "standard time, did
/// not run out" when absent, so a v4 document reads unchanged: only the
/// version moves, and an app from before v5 refuses the document rather
/// than dropping the new fields when it saves.
fn migrate_v4(mut doc: Value) -> Value {
    if let Some(o) = doc.as_object_mut() {
        o.insert("version".into(), json!(5));
    }
    doc
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
                time_ran_out: false,
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::quiz::{Mode, QuizItem};
    use crate::domain::schema::{load, load_with_quiz, to_json, Settings};
    use crate::domain::session::InProgress;
    use crate::domain::test_support::{attempt, spec};

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
        assert_eq!(p.version, CURRENT_VERSION);
        assert_eq!(p.attempts, vec![attempt("a", 1.0)]);
        assert_eq!(quiz, Some(ip));
        assert!(!to_json(&p).contains("in_progress"));
        // Without a quiz in progress.
        v3["in_progress"] = Value::Null;
        assert_eq!(load_with_quiz(&v3.to_string()).unwrap().1, None);
    }

    #[test]
    fn migrates_v4_sample() {
        use crate::domain::clock::ExtraTime;
        // A v4 document as the app stored it: an exam with a 10-minute
        // limit, an archived summary and a trainee's result in the roster.
        let sent = r#"{"quiz":{"quiz_id":"q1","title":"Week 1","trainer":"Dana"},"trainee":"Sam","finished_at":1700000000000.0,"duration_secs":90,"score":[1,1],"passed":true,"pass_mark":50,"by_tag":{},"answers":[["b/q1","t",true]]}"#;
        let v4 = r#"{"version":4,
            "attempts":[{"id":"a1","t":1700000300000.0,
                "s":{"banks":["compounding"],"count":1,"mode":"exam","time_limit_secs":600,"pass_mark":70,"seed":9},
                "sc":[1,1],"p":true,"bt":{},"bb":{"compounding":[1,1]},"d":120,"o":[[0,"cmp-001","n12.5",1]]}],
            "schedule":{},"flags":{},"settings":{"new_per_day":10},
            "archive":[["a0",1600000000000.0,"exam",0,[1,2],30,{"compounding":[1,2]}]],
            "stats":{},
            "roster":[SENT]}"#
            .replace("SENT", sent);
        let p = load(&v4).unwrap();
        assert_eq!(p.version, CURRENT_VERSION);
        let a = &p.attempts[0];
        assert_eq!(a.spec.time_limit_secs, Some(600));
        assert_eq!(a.spec.extra_time, ExtraTime::Standard);
        assert!(!a.time_ran_out);
        assert_eq!(a.spec.effective_time_limit(), Some(600));
        assert_eq!(
            (p.archive[0].extra_time, p.archive[0].time_ran_out),
            (ExtraTime::Standard, false)
        );
        let r = &p.roster[0];
        assert_eq!((r.extra_time, r.time_ran_out), (ExtraTime::Standard, false));
        // The roster result keeps its id, so a re-sent copy is still a duplicate.
        assert_eq!(r.id(), format!("{:08x}", crc32fast::hash(sent.as_bytes())));
        // Saved as the current format, nothing else changed, and it loads back the same.
        let saved = to_json(&p);
        assert!(
            saved.starts_with(&format!(r#"{{"version":{CURRENT_VERSION},"#)),
            "{saved}"
        );
        assert!(saved.contains(r#"["a0",1600000000000.0,"exam",0,[1,2],30,{"compounding":[1,2]}]"#));
        assert!(!saved.contains("extra_time") && !saved.contains("\"tu\""));
        assert_eq!(load(&saved).unwrap(), p);
    }

    #[test]
    fn migrates_v5_sample() {
        use crate::domain::grade::Response;
        // A v5 document as the app stored it: a practice quiz with a
        // flagged question and a review schedule.
        let v5 = r#"{"version":5,
            "attempts":[{"id":"a1","t":1700000300000.0,
                "s":{"banks":["inventory"],"count":2,"mode":"practice","pass_mark":70,"seed":3},
                "sc":[1,2],"p":false,"bt":{},"bb":{"inventory":[1,2]},"d":60,
                "o":[[0,"inv-001","c0",1],[0,"inv-002","t",0]]}],
            "schedule":{},"flags":{"inventory/inv-002":[true,1700000000000.0]},
            "settings":{"new_per_day":12}}"#;
        let p = load(v5).unwrap();
        assert_eq!(p.version, 6);
        assert!(p.exam_dates.is_empty());
        assert_eq!(p.settings.new_per_day, 12);
        assert_eq!(
            p.attempts[0].outcomes[0].response,
            Some(Response::Choice(vec![0]))
        );
        let saved = to_json(&p);
        assert!(saved.starts_with(r#"{"version":6,"#), "{saved}");
        assert!(!saved.contains("exam_dates"));
        assert_eq!(load(&saved).unwrap(), p);
    }

    #[test]
    fn v6_keeps_exam_dates_and_new_answer_kinds() {
        use crate::domain::calendar::Day;
        use crate::domain::grade::Response;
        let mut p = load(r#"{"version":6}"#).unwrap();
        let day = Day::parse("2027-01-15").unwrap();
        p.set_exam_date("cspt", Some(day), 1_700_000_000_000.0);
        p.set_exam_date("ptce", None, 1_700_000_000_000.0);
        let saved = to_json(&p);
        let back = load(&saved).unwrap();
        assert_eq!(back.exam_date("cspt"), Some(day));
        assert_eq!(back.exam_date("ptce"), None);
        assert_eq!(back, p);
        for r in [
            Response::Text("ISO Class 5".into()),
            Response::Pairs(vec![Some(1), None]),
        ] {
            assert_eq!(Response::from_compact(&r.to_compact()), Some(r));
        }
    }

    #[test]
    fn v5_keeps_extra_time_and_time_outs_through_save_load_and_compaction() {
        use crate::domain::clock::ExtraTime;
        use crate::domain::schema::merge::compact;
        use crate::domain::schema::DETAIL_LIMIT;
        let mut a = attempt("x", 1.0);
        a.spec = a.spec.with_extra_time(ExtraTime::Half);
        a.time_ran_out = true;
        let mut p = Progress {
            attempts: vec![a.clone()],
            ..Progress::default()
        };
        let json = to_json(&p);
        assert!(
            json.contains(r#""extra_time":"1.5x""#) && json.contains(r#""tu":true"#),
            "{json}"
        );
        assert_eq!(load(&json).unwrap(), p);
        for i in 0..DETAIL_LIMIT {
            p.attempts.push(attempt(&format!("n{i}"), 10.0 + i as f64));
        }
        compact(&mut p);
        let archived = &p.archive[0];
        assert_eq!(
            (archived.extra_time, archived.time_ran_out),
            (ExtraTime::Half, true)
        );
        let json = to_json(&p);
        assert!(
            json.contains(r#"{"compounding":[1,1],"inventory":[0,1]},"1.5x",1]"#),
            "{json}"
        );
        assert_eq!(load(&json).unwrap(), p);
        // An archived entry of any other length is refused, naming it.
        let bad = json.replace(r#","1.5x",1]"#, r#","1.5x"]"#);
        assert!(
            matches!(load(&bad), Err(SchemaError::WrongShape(m)) if m.contains("an archived attempt (a list of 7 or 9 items)")),
        );
        let bad = json.replace(r#","1.5x",1]"#, r#","3x",1]"#);
        assert!(
            matches!(load(&bad), Err(SchemaError::WrongShape(m)) if m.contains("unknown variant `3x`"))
        );
    }
}
