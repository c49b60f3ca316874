//! The numbers in a document, checked against `limits::Limits`: at load
//! (only absurd values, `Limits::STORED`) and when a backup is imported
//! (nothing dated after tomorrow, `Limits::backup`). A document that fails
//! is refused whole with the field named; `storage` then sets it aside.

use std::collections::BTreeMap;

use super::stored::{ArchivedAttempt, Attempt};
use super::Progress;
use crate::domain::clock::ExtraTime;
use crate::domain::grade::Tally;
use crate::domain::limits::{pass_mark, Limits, OutOfRange};
use crate::domain::quiz::QuizSpec;
use crate::domain::session::InProgress;

/// Exam dates kept, one per exam profile (far more than there are profiles).
const MAX_EXAM_DATES: usize = 50;

impl Progress {
    /// Whether every date, score and count in the document is possible.
    pub fn check(&self, limits: &Limits) -> Result<(), OutOfRange> {
        // A clear may be dated ahead (it covers the newest record it deleted,
        // see `Progress::clear`), and a backup's is not imported anyway.
        limits.due_date("the date of the last \"Clear all data\"", self.cleared_at)?;
        for a in &self.attempts {
            check_attempt(a, limits)?;
        }
        for a in &self.archive {
            check_archived(a, limits)?;
        }
        for (key, s) in &self.stats {
            let what = format!("the statistics of question {key}");
            limits.date(&what, s.last_ms)?;
            if s.correct > s.seen {
                return Err(OutOfRange(format!(
                    "{what} count more right answers than answers"
                )));
            }
        }
        for (key, c) in &self.schedule {
            let what = format!("the review of question {key}");
            limits.date(&what, c.last_review_ms)?;
            limits.date(&what, c.first_review_ms)?;
            limits.due_date(&what, c.due_ms)?;
        }
        for (key, f) in &self.flags {
            limits.date(&format!("the flag on question {key}"), f.1)?;
        }
        for (id, c) in &self.roster_log {
            limits.date(&format!("the removal of roster result {id}"), c.1)?;
        }
        if self.exam_dates.len() > MAX_EXAM_DATES {
            return Err(OutOfRange(format!(
                "there are {} exam dates; PharmQuiz keeps at most {MAX_EXAM_DATES}",
                self.exam_dates.len()
            )));
        }
        for (profile, d) in &self.exam_dates {
            let profile: String = profile.chars().take(40).collect();
            limits.date(&format!("the change of the {profile} exam date"), d.1)?;
        }
        for r in &self.roster {
            r.check(limits)
                .map_err(|e| OutOfRange(format!("in {}'s roster result, {e}", r.trainee)))?;
        }
        Ok(())
    }
}

fn check_attempt(a: &Attempt, limits: &Limits) -> Result<(), OutOfRange> {
    let what = format!("attempt {}", a.id);
    limits.date(&format!("the date of {what}"), a.finished_at)?;
    check_spec(&a.spec, &what)?;
    check_scores(&what, a.score, &a.by_bank, limits)?;
    for (tag, t) in &a.by_tag {
        limits.tally(
            &format!("the score of {what} on topic {tag}"),
            t.correct,
            t.total,
        )?;
    }
    limits.questions(
        &format!("{what}'s list of answers"),
        a.outcomes.len() as u64,
    )?;
    ran_out_with_a_limit(
        &what,
        a.time_ran_out,
        a.spec.effective_time_limit().is_some(),
    )?;
    limits.duration(&format!("the duration of {what}"), a.duration_secs)
}

/// Time runs out only where there is a time limit.
fn ran_out_with_a_limit(what: &str, ran_out: bool, timed: bool) -> Result<(), OutOfRange> {
    if ran_out && !timed {
        return Err(OutOfRange(format!(
            "{what} says its time ran out, but it had no time limit"
        )));
    }
    Ok(())
}

fn check_archived(a: &ArchivedAttempt, limits: &Limits) -> Result<(), OutOfRange> {
    let what = format!("attempt {}", a.id);
    limits.date(&format!("the date of {what}"), a.finished_at)?;
    check_scores(&what, a.score, &a.by_bank, limits)?;
    ran_out_with_a_limit(&what, a.time_ran_out, a.extra_time != ExtraTime::NoLimit)?;
    limits.duration(&format!("the duration of {what}"), a.duration_secs)
}

fn check_scores(
    what: &str,
    score: Tally,
    by_bank: &BTreeMap<String, Tally>,
    limits: &Limits,
) -> Result<(), OutOfRange> {
    limits.tally(&format!("the score of {what}"), score.correct, score.total)?;
    for (bank, t) in by_bank {
        limits.tally(
            &format!("the score of {what} on bank {bank}"),
            t.correct,
            t.total,
        )?;
    }
    Ok(())
}

fn check_spec(spec: &QuizSpec, what: &str) -> Result<(), OutOfRange> {
    pass_mark(&format!("the pass mark of {what}"), spec.pass_mark)
}

/// The quiz in progress: its start date and pass mark.
pub fn check_quiz(q: &InProgress, limits: &Limits) -> Result<(), OutOfRange> {
    limits.date("the start of the quiz in progress", q.started_at)?;
    check_spec(&q.spec, "the quiz in progress")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schema::stored::{CardState, QuestionStats};
    use crate::domain::schema::{load, to_json, SchemaError};
    use crate::domain::test_support::{attempt, card, shared_result};

    fn refused(p: &Progress) -> String {
        match load(&to_json(p)) {
            Err(SchemaError::OutOfRange(e)) => e.to_string(),
            other => panic!("expected an out-of-range error, got {other:?}"),
        }
    }

    #[test]
    fn stored_documents_with_absurd_numbers_are_refused_with_the_field_named() {
        let base = Progress {
            attempts: vec![attempt("a", 5.0)],
            ..Progress::default()
        };
        assert_eq!(load(&to_json(&base)), Ok(base.clone()));
        let mut p = base.clone();
        p.attempts[0].finished_at = 1e308;
        assert_eq!(
            refused(&p),
            "the date of attempt a is not a real date (it must fall between 1970 and 2200)"
        );
        let mut p = base.clone();
        p.attempts[0].finished_at = -1e308;
        assert!(refused(&p).starts_with("the date of attempt a is not a real date"));
        let mut p = base.clone();
        p.attempts[0].score = Tally {
            correct: u32::MAX,
            total: 1,
        };
        assert!(refused(&p).starts_with("the score of attempt a is larger than its number"));
        let mut p = base.clone();
        p.attempts[0].spec.pass_mark = 255;
        assert!(refused(&p).starts_with("the pass mark of attempt a is 255 %"));
        let mut p = base.clone();
        p.flags.insert("b/q".into(), (true, f64::MAX));
        assert!(refused(&p).starts_with("the flag on question b/q is not a real date"));
        let mut p = base.clone();
        p.exam_dates.insert("cspt".into(), (None, f64::MAX));
        assert!(refused(&p).starts_with("the change of the cspt exam date is not a real date"));
        let mut p = base.clone();
        for i in 0..51 {
            p.exam_dates.insert(format!("p{i}"), (None, 1.0));
        }
        assert!(refused(&p).starts_with("there are 51 exam dates"));
        let mut p = base.clone();
        p.stats.insert(
            "b/q".into(),
            QuestionStats {
                seen: 1,
                correct: 2,
                last_ms: 1.0,
                last_correct: true,
            },
        );
        assert!(refused(&p).contains("more right answers than answers"));
        let mut p = base.clone();
        let mut r = shared_result("Sam", 1.0, vec![]);
        r.pass_mark = 200;
        p.roster.push(r);
        assert!(refused(&p).starts_with("in Sam's roster result, the result's pass mark"));
        let mut p = base.clone();
        p.cleared_at = 1e300;
        assert!(refused(&p).contains("\"Clear all data\""));
    }

    #[test]
    fn time_running_out_without_a_time_limit_is_refused() {
        use crate::domain::clock::ExtraTime;
        use crate::domain::schema::merge::compact;
        use crate::domain::schema::DETAIL_LIMIT;
        let mut a = attempt("a", 5.0);
        a.spec = a.spec.with_extra_time(ExtraTime::Double);
        a.time_ran_out = true;
        let ok = Progress {
            attempts: vec![a.clone()],
            ..Progress::default()
        };
        assert_eq!(load(&to_json(&ok)), Ok(ok.clone()));
        assert_eq!(ok.check(&Limits::backup(1.8e12)), Ok(()));
        let mut p = ok.clone();
        p.attempts[0].spec.extra_time = ExtraTime::NoLimit;
        assert_eq!(
            refused(&p),
            "attempt a says its time ran out, but it had no time limit"
        );
        let mut p = ok.clone();
        p.attempts[0].spec.time_limit_secs = None;
        assert!(refused(&p).starts_with("attempt a says its time ran out"));
        // The same in an archived summary and a roster result.
        let mut p = Progress::default();
        for i in 0..=DETAIL_LIMIT {
            let mut b = a.clone();
            b.id = format!("a{i}");
            b.finished_at = i as f64;
            p.attempts.push(b);
        }
        compact(&mut p);
        assert_eq!(load(&to_json(&p)), Ok(p.clone()));
        p.archive[0].extra_time = ExtraTime::NoLimit;
        assert_eq!(
            refused(&p),
            "attempt a0 says its time ran out, but it had no time limit"
        );
        let mut p = Progress::default();
        let mut r = shared_result("Sam", 1.0, vec![]);
        r.extra_time = ExtraTime::NoLimit;
        r.time_ran_out = true;
        p.roster.push(r);
        assert!(refused(&p).starts_with("in Sam's roster result, the result says its time ran out"));
    }

    #[test]
    fn a_2096_date_loads_from_storage_but_not_from_a_backup() {
        let mut p = Progress::default();
        p.attempts.push(attempt("future", 3.98e12));
        p.schedule.insert(
            "b/q".into(),
            CardState {
                due_ms: 6.0e12,
                ..card(1.0)
            },
        );
        assert_eq!(p.check(&Limits::STORED), Ok(()));
        assert!(p
            .check(&Limits::backup(1.8e12))
            .unwrap_err()
            .to_string()
            .starts_with("the date of attempt future is in the future"));
        // A review due decades ahead is fine either way.
        p.attempts.clear();
        assert_eq!(p.check(&Limits::backup(1.8e12)), Ok(()));
        // So is a clear dated ahead to cover such records.
        let cleared = Progress::cleared(3.98e12);
        assert_eq!(cleared.check(&Limits::backup(1.8e12)), Ok(()));
    }
}
