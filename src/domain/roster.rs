//! The trainer's roster: results received from trainees, grouped per quiz,
//! with per-question statistics and exports (CSV for spreadsheets, xAPI
//! statements for learning record stores).

use serde::{Deserialize, Serialize};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet, HashSet};

use super::clock::ExtraTime;
use super::grade::{Response, Tally};
use super::limits::{pass_mark, Limits, OutOfRange};
use super::quiz::{QRef, SharedMeta};
use super::sort::sort_by;

/// A trainee's result, sent back to the trainer. One type for the link and
/// the roster (no wire copy): a result's id is the checksum of its JSON, so
/// the stored copy must serialise as the link did. Stored in the versioned
/// document, so a field change needs `#[serde(default)]` or a schema version
/// and migration. Self-reported: the checksum catches accidents and casual
/// edits, not a determined forger.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedResult {
    pub quiz: SharedMeta,
    pub trainee: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub staff_id: String,
    pub finished_at: f64,
    pub duration_secs: u32,
    pub score: Tally,
    pub passed: bool,
    pub pass_mark: u8,
    pub by_tag: BTreeMap<String, Tally>,
    /// `[bank/id, answer (compact) or null, right]`, in quiz order.
    pub answers: Vec<(String, Option<String>, bool)>,
    /// The extra time the trainee chose (absent: standard time).
    #[serde(default, skip_serializing_if = "ExtraTime::is_standard")]
    pub extra_time: ExtraTime,
    /// The time limit ran out and the quiz was submitted by itself.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub time_ran_out: bool,
}

impl SharedResult {
    /// Identifies a result so importing it twice keeps one copy.
    pub fn id(&self) -> String {
        format!(
            "{:08x}",
            crc32fast::hash(serde_json::to_string(self).unwrap_or_default().as_bytes())
        )
    }

    /// Whether every number in the result is possible: a date within
    /// `limits`, scores no larger than their number of questions, a pass
    /// mark of 0–100 % and a bounded duration.
    pub fn check(&self, limits: &Limits) -> Result<(), OutOfRange> {
        limits.date("the result's date", self.finished_at)?;
        limits.duration("the result's duration", self.duration_secs)?;
        limits.tally("the result's score", self.score.correct, self.score.total)?;
        pass_mark("the result's pass mark", self.pass_mark)?;
        limits.questions("the result's list of answers", self.answers.len() as u64)?;
        for (tag, t) in &self.by_tag {
            limits.tally(
                &format!("the result's score on topic \"{tag}\""),
                t.correct,
                t.total,
            )?;
        }
        if self.time_ran_out && self.extra_time == ExtraTime::NoLimit {
            return Err(OutOfRange(
                "the result says its time ran out, but it had no time limit (extra time: no limit)"
                    .into(),
            ));
        }
        Ok(())
    }
}

/// Results per quiz id, newest first within each quiz.
pub fn by_quiz(results: &[SharedResult]) -> BTreeMap<String, Vec<&SharedResult>> {
    let mut m: BTreeMap<String, Vec<&SharedResult>> = BTreeMap::new();
    for r in results {
        m.entry(r.quiz.quiz_id.clone()).or_default().push(r);
    }
    for v in m.values_mut() {
        sort_by(v, |a, b| b.finished_at.total_cmp(&a.finished_at));
    }
    m
}

/// Per question: how many trainees got it right, most-missed first.
pub fn question_stats(results: &[&SharedResult]) -> Vec<(String, Tally)> {
    let mut m: BTreeMap<String, Tally> = BTreeMap::new();
    for r in results {
        for (q, _, ok) in &r.answers {
            m.entry(q.clone()).or_default().add(Tally {
                correct: *ok as u32,
                total: 1,
            });
        }
    }
    let mut v: Vec<(String, Tally)> = m.into_iter().collect();
    sort_by(&mut v, |a, b| {
        (a.1.correct as u64 * b.1.total as u64)
            .cmp(&(b.1.correct as u64 * a.1.total as u64))
            .then_with(|| a.0.cmp(&b.0))
    });
    v
}

/// Adds results not already in the roster; returns how many were new.
pub fn add(
    roster: &mut Vec<SharedResult>,
    incoming: impl IntoIterator<Item = SharedResult>,
) -> usize {
    // Ids hash each result's JSON, so compute each once (a merge with
    // another tab's copy re-adds the whole roster).
    let mut ids: HashSet<String> = roster.iter().map(SharedResult::id).collect();
    let mut added = 0;
    for r in incoming {
        if ids.insert(r.id()) {
            roster.push(r);
            added += 1;
        }
    }
    added
}

/// ISO 8601 UTC time from milliseconds since the epoch.
pub fn iso8601(ms: f64) -> String {
    let secs = (ms / 1000.0).floor() as i64;
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + (m <= 2) as i64;
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// One CSV field: always quoted, quotes doubled, and text that a
/// spreadsheet would run as a formula prefixed with an apostrophe.
pub fn csv_field(s: &str) -> String {
    let risky = s.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let s = if risky {
        format!("'{s}")
    } else {
        s.to_string()
    };
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Every topic the results have a score for, sorted, once each: the CSV's
/// topic columns and the roster table's.
pub fn topics<'a>(results: impl IntoIterator<Item = &'a SharedResult>) -> Vec<String> {
    let all: BTreeSet<&String> = results.into_iter().flat_map(|r| r.by_tag.keys()).collect();
    all.into_iter().cloned().collect()
}

/// The roster as CSV: one row per result, with a column per topic.
pub fn to_csv(results: &[&SharedResult], topic_label: &dyn Fn(&str) -> String) -> String {
    let topics = topics(results.iter().copied());
    let mut header = vec![
        "Quiz".to_string(),
        "Trainer".into(),
        "Trainee".into(),
        "Staff ID".into(),
        "Finished (UTC)".into(),
        "Duration (min)".into(),
        "Correct".into(),
        "Questions".into(),
        "Score (%)".into(),
        "Pass mark (%)".into(),
        "Result".into(),
        "Extra time".into(),
        "Time ran out".into(),
    ];
    header.extend(topics.iter().map(|t| format!("{} (%)", topic_label(t))));
    let mut out = header
        .iter()
        .map(|h| csv_field(h))
        .collect::<Vec<_>>()
        .join(",");
    out.push_str("\r\n");
    for r in results {
        let mut row = vec![
            r.quiz.title.clone(),
            r.quiz.trainer.clone(),
            r.trainee.clone(),
            r.staff_id.clone(),
            iso8601(r.finished_at),
            format!("{:.1}", r.duration_secs as f64 / 60.0),
            r.score.correct.to_string(),
            r.score.total.to_string(),
            r.score.percent().to_string(),
            r.pass_mark.to_string(),
            if r.passed { "Passed" } else { "Not passed" }.into(),
            r.extra_time.short().into(),
            if r.time_ran_out { "Yes" } else { "No" }.into(),
        ];
        row.extend(topics.iter().map(|t| {
            r.by_tag
                .get(t)
                .map(|x| x.percent().to_string())
                .unwrap_or_default()
        }));
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

const VERB: &str = "http://adlnet.gov/expapi/verbs/";
/// Result extensions of the quiz's statements: the extra time chosen
/// (`1x`, `1.5x`, `2x`, `none`) and whether the time ran out.
pub const XAPI_EXTRA_TIME: &str = "urn:pharmquiz:extra-time";
pub const XAPI_TIME_RAN_OUT: &str = "urn:pharmquiz:time-ran-out";

/// Text as one component of an IRI: every byte but RFC 3986's unreserved
/// characters is percent-encoded (UTF-8), so any id gives a valid IRI
/// (and URI) whatever a link or file put in it.
pub fn iri_part(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// A question's activity id: `urn:pharmquiz:question:<bank>/<id>`, each part
/// encoded (a key without a `/` is encoded whole).
fn question_iri(key: &str) -> String {
    let path = match key.parse::<QRef>() {
        Ok(q) => format!("{}/{}", iri_part(&q.bank), iri_part(&q.id)),
        Err(_) => iri_part(key),
    };
    format!("urn:pharmquiz:question:{path}")
}
const ACTIVITY: &str = "http://adlnet.gov/expapi/activities/";

fn interaction(answer: Option<&str>) -> (&'static str, String) {
    match answer.and_then(Response::from_compact) {
        Some(Response::Choice(v)) => (
            "choice",
            v.iter()
                .map(|i| format!("option-{i}"))
                .collect::<Vec<_>>()
                .join("[,]"),
        ),
        Some(Response::Bool(b)) => ("true-false", b.to_string()),
        Some(Response::Number(n)) => ("numeric", n.trim().to_string()),
        Some(Response::Text(t)) => ("fill-in", t.trim().to_string()),
        // xAPI matching responses are `source[.]target` pairs joined by `[,]`.
        Some(Response::Pairs(v)) => (
            "matching",
            v.iter()
                .enumerate()
                .filter_map(|(i, c)| c.map(|j| format!("prompt-{i}[.]answer-{j}")))
                .collect::<Vec<_>>()
                .join("[,]"),
        ),
        None => ("other", String::new()),
    }
}

/// xAPI 1.0.3 statements: one "answered" per question, then "completed" and
/// "passed" or "failed" for the quiz.
pub fn to_xapi(results: &[&SharedResult]) -> Value {
    let mut statements = Vec::new();
    for r in results {
        let actor = json!({
            "objectType": "Agent",
            "name": r.trainee,
            "account": { "homePage": "urn:pharmquiz", "name": if r.staff_id.is_empty() { &r.trainee } else { &r.staff_id } }
        });
        let quiz_id = format!("urn:pharmquiz:quiz:{}", iri_part(&r.quiz.quiz_id));
        let timestamp = iso8601(r.finished_at);
        let context = json!({ "contextActivities": { "parent": [{ "id": quiz_id }] } });
        for (q, answer, ok) in &r.answers {
            let (kind, response) = interaction(answer.as_deref());
            statements.push(json!({
                "actor": actor,
                "verb": { "id": format!("{VERB}answered"), "display": { "en-US": "answered" } },
                "object": {
                    "objectType": "Activity",
                    "id": question_iri(q),
                    "definition": { "type": format!("{ACTIVITY}cmi.interaction"), "interactionType": kind }
                },
                "result": { "success": ok, "response": response },
                "context": context,
                "timestamp": timestamp
            }));
        }
        let scaled = if r.score.total == 0 {
            0.0
        } else {
            r.score.correct as f64 / r.score.total as f64
        };
        let result = json!({
            "score": { "raw": r.score.correct, "min": 0, "max": r.score.total, "scaled": (scaled * 10_000.0).round() / 10_000.0 },
            "success": r.passed,
            "completion": true,
            "duration": format!("PT{}S", r.duration_secs),
            "extensions": {
                XAPI_EXTRA_TIME: r.extra_time.code(),
                XAPI_TIME_RAN_OUT: r.time_ran_out
            }
        });
        let object = json!({
            "objectType": "Activity",
            "id": quiz_id,
            "definition": { "type": format!("{ACTIVITY}assessment"), "name": { "en-US": r.quiz.title } }
        });
        for verb in ["completed", if r.passed { "passed" } else { "failed" }] {
            statements.push(json!({
                "actor": actor,
                "verb": { "id": format!("{VERB}{verb}"), "display": { "en-US": verb } },
                "object": object,
                "result": result,
                "timestamp": timestamp
            }));
        }
    }
    Value::Array(statements)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::test_support::shared_result;

    #[test]
    fn iso_dates() {
        assert_eq!(iso8601(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_795_996_800_000.0), "2026-11-30T00:00:00Z");
        assert_eq!(
            iso8601(951_782_400_000.0 + 3_723_000.0),
            "2000-02-29T01:02:03Z"
        );
    }

    #[test]
    fn csv_quotes_and_neutralises_formulas() {
        assert_eq!(csv_field("plain"), "\"plain\"");
        assert_eq!(csv_field("say \"hi\", ok"), "\"say \"\"hi\"\", ok\"");
        assert_eq!(csv_field("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_field("+1"), "\"'+1\"");
        assert_eq!(csv_field("-2"), "\"'-2\"");
        assert_eq!(csv_field("@SUM(A1)"), "\"'@SUM(A1)\"");
        let a = shared_result("=cmd|' /C calc'!A0", 1.0, vec![("b/q1", Some("c1"), true)]);
        let csv = to_csv(&[&a], &|t| format!("Topic {t}"));
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].ends_with("\"Topic hd-ppe (%)\""));
        assert!(lines[1].contains("\"'=cmd|' /C calc'!A0\""), "{}", lines[1]);
        assert_eq!(lines.len(), 3);
    }

    #[test]
    fn csv_and_xapi_say_the_extra_time_and_a_time_out() {
        let plain = shared_result("Ann", 1.0, vec![("b/q1", Some("t"), true)]);
        let mut timed = shared_result("Sam", 1.0, vec![("b/q1", None, false)]);
        timed.extra_time = ExtraTime::Half;
        timed.time_ran_out = true;
        let csv = to_csv(&[&plain, &timed], &|t| t.to_string());
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(
            lines[0].contains(r#""Result","Extra time","Time ran out","hd-ppe (%)""#),
            "{}",
            lines[0]
        );
        assert!(
            lines[1].contains(r#""Passed","none","No","100""#),
            "{}",
            lines[1]
        );
        assert!(
            lines[2].contains(r#""Not passed","1.5×","Yes","0""#),
            "{}",
            lines[2]
        );
        let v = to_xapi(&[&plain, &timed]);
        let s = v.as_array().unwrap();
        let ext = |i: usize| s[i]["result"]["extensions"].clone();
        assert_eq!(
            ext(1),
            json!({ XAPI_EXTRA_TIME: "1x", XAPI_TIME_RAN_OUT: false })
        );
        assert_eq!(
            ext(5),
            json!({ XAPI_EXTRA_TIME: "1.5x", XAPI_TIME_RAN_OUT: true })
        );
        assert_eq!(s[5]["verb"]["display"]["en-US"], "failed");
        assert!(
            s[3]["result"].get("extensions").is_none(),
            "answers carry none"
        );
    }

    #[test]
    fn stats_and_grouping() {
        let a = shared_result(
            "A",
            1.0,
            vec![("b/q1", Some("c1"), true), ("b/q2", None, false)],
        );
        let b = shared_result(
            "B",
            2.0,
            vec![("b/q1", Some("c0"), false), ("b/q2", Some("t"), false)],
        );
        let both = [a.clone(), b.clone()];
        let g = by_quiz(&both);
        assert_eq!(
            g["q1"]
                .iter()
                .map(|x| x.trainee.as_str())
                .collect::<Vec<_>>(),
            vec!["B", "A"]
        );
        let s = question_stats(&g["q1"]);
        assert_eq!(
            s[0],
            (
                "b/q2".to_string(),
                Tally {
                    correct: 0,
                    total: 2
                }
            )
        );
        assert_eq!(
            s[1],
            (
                "b/q1".to_string(),
                Tally {
                    correct: 1,
                    total: 2
                }
            )
        );
        let mut roster = vec![a.clone()];
        assert_eq!(
            add(&mut roster, [a, b.clone(), b]),
            1,
            "duplicates are not added"
        );
    }

    #[test]
    fn xapi_statements() {
        let a = shared_result(
            "Sam",
            0.0,
            vec![
                ("b/q1", Some("c1,3"), true),
                ("b/q2", Some("n12.5"), false),
                ("b/q3", Some("t"), true),
            ],
        );
        let v = to_xapi(&[&a]);
        let s = v.as_array().unwrap();
        assert_eq!(s.len(), 5);
        assert_eq!(
            s[0]["verb"]["id"],
            "http://adlnet.gov/expapi/verbs/answered"
        );
        assert_eq!(s[0]["object"]["definition"]["interactionType"], "choice");
        assert_eq!(s[0]["result"]["response"], "option-1[,]option-3");
        assert_eq!(s[1]["object"]["definition"]["interactionType"], "numeric");
        assert_eq!(
            s[2]["object"]["definition"]["interactionType"],
            "true-false"
        );
        assert_eq!(s[3]["verb"]["display"]["en-US"], "completed");
        assert_eq!(s[4]["verb"]["display"]["en-US"], "passed");
        assert_eq!(s[4]["result"]["score"]["scaled"], 0.6667);
        assert_eq!(s[4]["timestamp"], "1970-01-01T00:00:00Z");
        assert_eq!(s[0]["actor"]["account"]["name"], "Sam");
    }

    /// RFC 3987's IRI grammar for the shape these ids take: a scheme, then
    /// `ipchar`s and `/` (an absolute IRI with a rootless path), where `%`
    /// starts a two-digit hex escape.
    fn is_valid_iri(s: &str) -> bool {
        let Some((scheme, rest)) = s.split_once(':') else {
            return false;
        };
        let mut sc = scheme.chars();
        let scheme_ok = sc.next().is_some_and(|c| c.is_ascii_alphabetic())
            && sc.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
        let ucschar = |c: char| {
            matches!(c as u32, 0xA0..=0xD7FF | 0xF900..=0xFDCF | 0xFDF0..=0xFFEF)
                || (c as u32 >= 0x10000 && (c as u32 & 0xFFFF) < 0xFFFE && c as u32 <= 0xEFFFD)
        };
        let mut chars = rest.chars();
        while let Some(c) = chars.next() {
            let ok = match c {
                '%' => {
                    let (a, b) = (chars.next(), chars.next());
                    a.is_some_and(|a| a.is_ascii_hexdigit())
                        && b.is_some_and(|b| b.is_ascii_hexdigit())
                }
                c if c.is_ascii_alphanumeric() => true,
                c => "-._~!$&'()*+,;=:@/".contains(c) || ucschar(c),
            };
            if !ok {
                return false;
            }
        }
        scheme_ok && !rest.is_empty()
    }

    #[test]
    fn xapi_ids_are_valid_iris_for_hostile_ids() {
        let mut a = shared_result(
            "Sam",
            0.0,
            vec![
                ("b/<script>alert(1)</script>/x", Some("t"), true),
                ("bank with spaces/id#frag?q=1", None, false),
                ("no-slash-at-all %zz", None, false),
                ("b/\u{7f}\u{0}\"{}|\\^`", None, false),
                ("banque/é-ü-😀", None, false),
            ],
        );
        a.quiz.quiz_id = "q 1/<>#?".into();
        let v = to_xapi(&[&a]);
        let mut seen = 0;
        for s in v.as_array().unwrap() {
            for id in [
                &s["object"]["id"],
                &s["context"]["contextActivities"]["parent"][0]["id"],
            ] {
                if let Some(id) = id.as_str() {
                    assert!(is_valid_iri(id), "not a valid IRI: {id}");
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 5 * 2 + 2, "every question, its parent and the quiz");
        assert_eq!(
            v[0]["object"]["id"],
            "urn:pharmquiz:question:b/%3Cscript%3Ealert%281%29%3C%2Fscript%3E%2Fx"
        );
        assert_eq!(
            v[4]["object"]["id"],
            "urn:pharmquiz:question:banque/%C3%A9-%C3%BC-%F0%9F%98%80"
        );
        // The validator itself refuses what the old ids were.
        assert!(!is_valid_iri(
            "urn:pharmquiz:question:b/<script>alert(1)</script>/x"
        ));
        assert!(!is_valid_iri("urn:pharmquiz:question:a b"));
        assert!(!is_valid_iri("urn:x:%zz"));
        // A plain id is unchanged.
        let plain = shared_result("Sam", 0.0, vec![("compounding/cmp-001", None, true)]);
        assert_eq!(
            to_xapi(&[&plain])[0]["object"]["id"],
            "urn:pharmquiz:question:compounding/cmp-001"
        );
    }

    #[test]
    fn impossible_results_are_named() {
        use crate::domain::limits::MAX_DURATION_SECS;
        let limits = Limits::link(1.8e12);
        let ok = shared_result("Sam", 1.7e12, vec![("b/q1", Some("t"), true)]);
        assert_eq!(ok.check(&limits), Ok(()));
        let bad = |f: &dyn Fn(&mut SharedResult)| {
            let mut r = ok.clone();
            f(&mut r);
            r.check(&limits).unwrap_err().to_string()
        };
        assert_eq!(
            bad(&|r| r.score = Tally {
                correct: u32::MAX,
                total: 1
            }),
            "the result's score is larger than its number of questions (4294967295 of 1)"
        );
        assert!(bad(&|r| r.score = Tally {
            correct: 3_000_000_000,
            total: 4_000_000_000
        })
        .contains("the result's score counts 4000000000 questions"));
        assert!(bad(&|r| r.pass_mark = 255).starts_with("the result's pass mark is 255 %"));
        assert!(bad(&|r| r.finished_at = 1e308).starts_with("the result's date is not a real date"));
        assert!(
            bad(&|r| r.finished_at = -1e308).starts_with("the result's date is not a real date")
        );
        assert!(bad(&|r| r.finished_at = 3.98e12).starts_with("the result's date is in the future"));
        assert!(
            bad(&|r| r.duration_secs = MAX_DURATION_SECS + 1).starts_with("the result's duration")
        );
        assert_eq!(
            bad(&|r| {
                r.extra_time = ExtraTime::NoLimit;
                r.time_ran_out = true;
            }),
            "the result says its time ran out, but it had no time limit (extra time: no limit)"
        );
        assert!(bad(&|r| {
            r.by_tag.insert(
                "hd-ppe".into(),
                Tally {
                    correct: 5,
                    total: 2,
                },
            );
        })
        .starts_with("the result's score on topic \"hd-ppe\" is larger"));
        // In storage, a 2096 date is not refused (only absurd ones are).
        let mut later = ok.clone();
        later.finished_at = 3.98e12;
        assert_eq!(later.check(&Limits::STORED), Ok(()));
    }
}
