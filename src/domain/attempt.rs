//! Finished attempts: grading a quiz in progress into one, recording it in
//! the document, retakes, "practise the ones I missed", per-bank scores for
//! the home page and the result a trainee sends back. Pure functions over
//! the schema types.

use std::collections::BTreeMap;

use super::bank::Bank;
use super::grade::{grade, summarize, Response, Tally};
use super::limits::MAX_DURATION_SECS;
use super::quiz::{QRef, QuizSpec, SharedMeta};
use super::roster::SharedResult;
use super::schedule::review;
use super::schema::merge::compact;
use super::schema::stored::{Attempt, Outcome};
use super::schema::Progress;
use super::session::{question, InProgress};

/// How a quiz ended: submitted by the learner, or by itself when its time
/// limit ran out (the attempt records which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Submitted,
    TimeRanOut,
}

/// Grades a quiz in progress into a finished attempt. A question that is no
/// longer in its bank counts as wrong and keeps no tags.
pub fn finish(ip: &InProgress, banks: &[&Bank], now_ms: f64, ending: Ending) -> Attempt {
    let mut outcomes = Vec::with_capacity(ip.items.len());
    let mut graded: Vec<(Vec<String>, bool)> = Vec::with_capacity(ip.items.len());
    let mut by_bank: BTreeMap<String, Tally> = BTreeMap::new();
    for (i, item) in ip.items.iter().enumerate() {
        let response = ip
            .responses
            .get(i)
            .cloned()
            .flatten()
            .filter(|r| r.is_answered());
        let q = question(banks, &item.bank, &item.id, ip.spec.seed);
        let correct = match (&q, &response) {
            (Some(q), Some(r)) => grade(q, r),
            _ => false,
        };
        graded.push((q.map(|q| q.tags).unwrap_or_default(), correct));
        by_bank.entry(item.bank.clone()).or_default().add(Tally {
            correct: correct as u32,
            total: 1,
        });
        outcomes.push(Outcome {
            bank: item.bank.clone(),
            id: item.id.clone(),
            response,
            correct,
        });
    }
    let summary = summarize(
        graded.iter().map(|(t, ok)| (t.as_slice(), *ok)),
        ip.spec.pass_mark,
    );
    Attempt {
        id: format!("{:x}-{:x}", now_ms as u64, ip.spec.seed & 0xffff_ffff),
        finished_at: now_ms,
        spec: ip.spec.clone(),
        score: summary.score,
        passed: summary.passed,
        by_tag: summary.by_tag,
        by_bank,
        duration_secs: u32::try_from(ip.elapsed_ms / 1000).unwrap_or(u32::MAX),
        // Only a timed quiz runs out (the document check refuses anything else).
        time_ran_out: ending == Ending::TimeRanOut && ip.spec.effective_time_limit().is_some(),
        outcomes,
    }
}

/// The same quiz settings with a new seed (new order and, for random
/// selections, new questions).
pub fn retake_spec(a: &Attempt, seed: u64) -> QuizSpec {
    QuizSpec {
        seed,
        ..a.spec.clone()
    }
}

/// A practice quiz of exactly the questions missed in an attempt, or `None`
/// when nothing was missed.
pub fn missed_spec(a: &Attempt, seed: u64) -> Option<QuizSpec> {
    let only: Vec<QRef> = a
        .outcomes
        .iter()
        .filter(|o| !o.correct)
        .map(Outcome::qref)
        .collect();
    if only.is_empty() {
        return None;
    }
    Some(QuizSpec::of_questions(only, a.spec.pass_mark, seed))
}

/// Records a finished attempt: keeps it, updates the review schedule when it
/// was a daily review, and compacts old detail.
pub fn record(p: &mut Progress, attempt: Attempt, now_ms: f64) {
    if p.attempts.iter().any(|a| a.id == attempt.id) {
        return;
    }
    if attempt.spec.review {
        for o in &attempt.outcomes {
            let key = o.qref().to_string();
            let next = review(p.schedule.get(&key), o.correct, now_ms);
            p.schedule.insert(key, next);
        }
    }
    p.attempts.push(attempt);
    compact(p);
}

// Here rather than in `roster`, which the stored document uses: this needs
// the document's attempts, and `roster` importing `schema` would be a cycle.
impl SharedResult {
    /// The result a trainee sends back for an attempt at a shared quiz.
    pub fn from_attempt(a: &Attempt, meta: &SharedMeta, trainee: &str, staff_id: &str) -> Self {
        SharedResult {
            quiz: meta.clone(),
            trainee: trainee.trim().to_string(),
            staff_id: staff_id.trim().to_string(),
            finished_at: a.finished_at,
            // A quiz left open for weeks still sends a result the trainer can open.
            duration_secs: a.duration_secs.min(MAX_DURATION_SECS),
            score: a.score,
            passed: a.passed,
            pass_mark: a.spec.pass_mark,
            by_tag: a.by_tag.clone(),
            answers: a
                .outcomes
                .iter()
                .map(|o| {
                    (
                        o.qref().to_string(),
                        o.response.as_ref().map(Response::to_compact),
                        o.correct,
                    )
                })
                .collect(),
            extra_time: a.spec.extra_time,
            time_ran_out: a.time_ran_out,
        }
    }
}

/// Best and most recent score on one bank's questions, over every attempt
/// that included the bank (a mixed quiz counts only that bank's questions).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BankScores {
    pub last: Tally,
    pub best: Tally,
    pub attempts: usize,
}

pub fn bank_scores(p: &Progress, bank: &str) -> Option<BankScores> {
    let mut result: Option<BankScores> = None;
    let mut last_time = f64::MIN;
    for a in p.summaries() {
        let Some(&t) = a.by_bank.get(bank).filter(|t| t.total > 0) else {
            continue;
        };
        let r = result.get_or_insert(BankScores {
            last: t,
            best: t,
            attempts: 0,
        });
        r.attempts += 1;
        // Compare exactly: a/b > c/d  ⇔  a·d > c·b.
        if (t.correct as u64) * (r.best.total as u64) > (r.best.correct as u64) * (t.total as u64) {
            r.best = t;
        }
        if a.finished_at >= last_time {
            last_time = a.finished_at;
            r.last = t;
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::clock::ExtraTime;
    use crate::domain::quiz::{build, Mode};

    fn bank() -> Bank {
        let q = |id: &str, tag: &str, kind| Question::sample(id, &[tag], kind);
        Bank {
            id: "b".into(),
            title: "B".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: vec![
                q("q1", "x", Kind::TrueFalse { answer: true }),
                q(
                    "q2",
                    "y",
                    Kind::Numeric {
                        answer: 5.0,
                        tolerance: 0.0,
                        unit: "mL".into(),
                    },
                ),
                q(
                    "q3",
                    "y",
                    Kind::Single {
                        options: vec!["a".into(), "b".into(), "c".into()],
                        correct: 2,
                    },
                ),
            ],
        }
    }

    fn spec() -> QuizSpec {
        QuizSpec {
            banks: vec!["b".into()],
            tags: vec![],
            only: vec![],
            count: 3,
            mode: Mode::Exam,
            time_limit_secs: None,
            extra_time: ExtraTime::Standard,
            pass_mark: 60,
            seed: 11,
            review: false,
            fixed_order: false,
            shared: None,
            profile: None,
        }
    }

    fn answered(b: &Bank) -> InProgress {
        let items = build(&spec(), &[b]).unwrap();
        let mut ip = InProgress::new(spec(), items, 1000.0);
        for (i, item) in ip.items.clone().iter().enumerate() {
            ip.responses[i] = match item.id.as_str() {
                "q1" => Some(Response::Bool(true)),
                "q2" => Some(Response::Number(" 5.0 ".into())),
                _ => None,
            };
        }
        ip.elapsed_ms = 65_400;
        ip
    }

    #[test]
    fn finish_grades_and_tallies() {
        let b = bank();
        let a = finish(&answered(&b), &[&b], 5000.0, Ending::Submitted);
        assert_eq!(
            a.score,
            Tally {
                correct: 2,
                total: 3
            }
        );
        assert!(a.passed, "2/3 ≥ 60%");
        assert_eq!(
            a.by_tag["y"],
            Tally {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(a.duration_secs, 65);
        let q3 = a.outcomes.iter().find(|o| o.id == "q3").unwrap();
        assert!(!q3.correct && q3.response.is_none());
    }

    #[test]
    fn a_quiz_open_for_months_neither_wraps_its_duration_nor_sends_an_unopenable_result() {
        use crate::domain::limits::Limits;
        use crate::domain::quiz::SharedMeta;
        let b = bank();
        let mut ip = answered(&b);
        ip.elapsed_ms = u64::MAX;
        let a = finish(&ip, &[&b], 1.7e12, Ending::Submitted);
        assert_eq!(a.duration_secs, u32::MAX, "capped, not wrapped");
        let meta = SharedMeta {
            quiz_id: "q".into(),
            title: "T".into(),
            trainer: "R".into(),
        };
        let r = SharedResult::from_attempt(&a, &meta, "Sam", "");
        assert_eq!(r.duration_secs, MAX_DURATION_SECS);
        assert_eq!(r.check(&Limits::link(1.7e12)), Ok(()));
    }

    #[test]
    fn the_attempt_and_the_result_sent_back_record_the_extra_time_and_a_time_out() {
        let b = bank();
        let mut ip = answered(&b);
        ip.spec.time_limit_secs = Some(600);
        ip.spec = ip.spec.clone().with_extra_time(ExtraTime::Double);
        let a = finish(&ip, &[&b], 5000.0, Ending::TimeRanOut);
        assert!(a.time_ran_out);
        assert_eq!(a.spec.extra_time, ExtraTime::Double);
        assert!(!finish(&ip, &[&b], 5000.0, Ending::Submitted).time_ran_out);
        let mut lifted = ip.clone();
        lifted.spec.extra_time = ExtraTime::NoLimit;
        assert!(
            !finish(&lifted, &[&b], 5000.0, Ending::TimeRanOut).time_ran_out,
            "without a limit, time can't run out"
        );
        let meta = SharedMeta {
            quiz_id: "q".into(),
            title: "T".into(),
            trainer: "R".into(),
        };
        let r = SharedResult::from_attempt(&a, &meta, "Sam", "");
        assert_eq!((r.extra_time, r.time_ran_out), (ExtraTime::Double, true));
        // A retake keeps the learner's accommodation; practising the
        // missed ones is untimed.
        assert_eq!(retake_spec(&a, 2).effective_time_limit(), Some(1200));
        assert_eq!(missed_spec(&a, 2).unwrap().extra_time, ExtraTime::Standard);
        // The summary history shows carries both.
        let mut p = Progress::default();
        record(&mut p, a, 5000.0);
        let s = p.summaries()[0];
        assert_eq!((s.extra_time, s.time_ran_out), (ExtraTime::Double, true));
    }

    #[test]
    fn missing_question_counts_wrong() {
        let b = bank();
        let ip = answered(&b);
        let mut smaller = b.clone();
        smaller.questions.retain(|q| q.id != "q1");
        let a = finish(&ip, &[&smaller], 1.0, Ending::Submitted);
        assert_eq!(a.score.correct, 1);
    }

    #[test]
    fn missed_spec_lists_exactly_the_missed() {
        let b = bank();
        let a = finish(&answered(&b), &[&b], 1.0, Ending::Submitted);
        let s = missed_spec(&a, 3).unwrap();
        assert_eq!(
            s.only,
            vec![QRef {
                bank: "b".into(),
                id: "q3".into()
            }]
        );
        assert_eq!(s.mode, Mode::Practice);
        assert_eq!(build(&s, &[&b]).unwrap().len(), 1);
        let mut perfect = a.clone();
        perfect.outcomes.iter_mut().for_each(|o| o.correct = true);
        assert!(missed_spec(&perfect, 3).is_none());
        assert_eq!(retake_spec(&a, 99).seed, 99);
    }

    #[test]
    fn recording_a_review_updates_the_schedule() {
        let b = bank();
        let mut ip = answered(&b);
        ip.spec.review = true;
        let a = finish(&ip, &[&b], 1.79e12, Ending::Submitted);
        let mut p = Progress::default();
        record(&mut p, a.clone(), 1.79e12);
        assert_eq!(p.schedule.len(), 3);
        let q3 = &p.schedule["b/q3"];
        let q1 = &p.schedule["b/q1"];
        assert!(q1.due_ms > q3.due_ms, "the missed question is due sooner");
        let before = p.clone();
        record(&mut p, a, 1.79e12);
        assert_eq!(
            p, before,
            "recording the same attempt twice changes nothing"
        );
        let mut plain = answered(&b);
        plain.spec.review = false;
        let mut p2 = Progress::default();
        record(&mut p2, finish(&plain, &[&b], 1.0, Ending::Submitted), 1.0);
        assert!(
            p2.schedule.is_empty(),
            "ordinary quizzes leave the schedule alone"
        );
    }

    #[test]
    fn bank_scores_best_and_last() {
        let b = bank();
        let mut a1 = finish(&answered(&b), &[&b], 100.0, Ending::Submitted); // 2/3
        assert_eq!(
            a1.by_bank["b"],
            Tally {
                correct: 2,
                total: 3
            }
        );
        let mut a2 = a1.clone();
        a2.finished_at = 200.0;
        a2.by_bank.insert(
            "b".into(),
            Tally {
                correct: 0,
                total: 3,
            },
        );
        a1.id = "1".into();
        let p = Progress {
            attempts: vec![a2.clone(), a1.clone()],
            ..Default::default()
        };
        let s = bank_scores(&p, "b").unwrap();
        assert_eq!(
            s.best,
            Tally {
                correct: 2,
                total: 3
            }
        );
        assert_eq!(
            s.last,
            Tally {
                correct: 0,
                total: 3
            }
        );
        assert_eq!(s.attempts, 2);
        assert!(bank_scores(&p, "other").is_none());
    }
}
