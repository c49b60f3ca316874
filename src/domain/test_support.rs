//! Fixtures shared by the domain's unit tests (a quiz spec, a finished
//! attempt, a trainee's result), so each lives once and the figures the
//! tests assert on are written down in one place.

use super::clock::ExtraTime;
use super::grade::{Response, Tally};
use super::quiz::{Mode, QuizSpec, SharedMeta};
use super::roster::SharedResult;
use super::schema::stored::{Attempt, CardState, Outcome};

/// An exam over `banks`: two questions, 60 s, pass mark 70 %, seed 1.
pub fn spec(banks: &[&str]) -> QuizSpec {
    QuizSpec {
        banks: banks.iter().map(|s| s.to_string()).collect(),
        tags: vec![],
        only: vec![],
        count: 2,
        mode: Mode::Exam,
        time_limit_secs: Some(60),
        extra_time: ExtraTime::Standard,
        pass_mark: 70,
        seed: 1,
        review: false,
        fixed_order: false,
        shared: None,
        profile: None,
    }
}

/// An attempt at compounding and inventory finished at `at`: cmp-001 right
/// (12.5), inv-002 wrong (options 1 and 3), 1 of 2 in 30 s.
pub fn attempt(id: &str, at: f64) -> Attempt {
    Attempt {
        id: id.into(),
        finished_at: at,
        spec: spec(&["compounding", "inventory"]),
        score: Tally {
            correct: 1,
            total: 2,
        },
        passed: false,
        by_tag: [(
            "calc-percent".to_string(),
            Tally {
                correct: 1,
                total: 2,
            },
        )]
        .into(),
        by_bank: [
            (
                "compounding".to_string(),
                Tally {
                    correct: 1,
                    total: 1,
                },
            ),
            (
                "inventory".to_string(),
                Tally {
                    correct: 0,
                    total: 1,
                },
            ),
        ]
        .into(),
        duration_secs: 30,
        time_ran_out: false,
        outcomes: vec![
            Outcome {
                bank: "compounding".into(),
                id: "cmp-001".into(),
                response: Some(Response::Number("12.5".into())),
                correct: true,
            },
            Outcome {
                bank: "inventory".into(),
                id: "inv-002".into(),
                response: Some(Response::Choice(vec![1, 3])),
                correct: false,
            },
        ],
    }
}

/// `name`'s result of quiz `q1` ("Week 1" by Dana) with these answers
/// (`bank/id`, compact answer, right), passed at 50 %, tagged `hd-ppe`.
pub fn shared_result(
    name: &str,
    at: f64,
    answers: Vec<(&str, Option<&str>, bool)>,
) -> SharedResult {
    let correct = answers.iter().filter(|a| a.2).count() as u32;
    SharedResult {
        quiz: SharedMeta {
            quiz_id: "q1".into(),
            title: "Week 1".into(),
            trainer: "Dana".into(),
        },
        trainee: name.into(),
        staff_id: String::new(),
        finished_at: at,
        duration_secs: 90,
        score: Tally {
            correct,
            total: answers.len() as u32,
        },
        passed: correct * 2 >= answers.len() as u32,
        pass_mark: 50,
        by_tag: [(
            "hd-ppe".to_string(),
            Tally {
                correct,
                total: answers.len() as u32,
            },
        )]
        .into(),
        answers: answers
            .into_iter()
            .map(|(q, a, ok)| (q.to_string(), a.map(str::to_string), ok))
            .collect(),
        extra_time: ExtraTime::Standard,
        time_ran_out: false,
    }
}

/// A reviewed card, last seen at `last` and due just after.
pub fn card(last: f64) -> CardState {
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

/// The top of an exam profile file (CSPT: 75 questions, 110 minutes) up to
/// its own fields and domains, which the profile and bank-check tests add.
pub const PROFILE_HEAD: &str = r#"[[profiles]]
id = "cspt"
name = "CSPT Exam"
credential = "CSPT"
publisher = "PTCB"
questions = 75
minutes = 110
as_of = 2026-12-01
source = { title = "Appendix D", publisher = "PTCB", version = "2023", url = "https://example.org", primary = true }
"#;
