//! What the review page shows and starts: the pool new review questions
//! come from, which saved questions still exist, its counts and messages,
//! the rule for its one setting, and the quizzes its buttons start. Plain
//! Rust, tested natively.

use std::sync::Arc;

use super::bank::Bank;
use super::quiz::{QRef, QuizSpec};
use super::rng::Rng;

/// The pass mark of every quiz the review page starts.
pub const PASS_MARK: u8 = 70;
/// "Review missed" asks at most this many questions.
pub const MISSED_QUIZ_MAX: usize = 20;
/// A flagged question's stem is cut to this many characters.
pub const FLAGGED_STEM_CHARS: usize = 140;
/// The largest "new questions per day".
pub const NEW_PER_DAY_MAX: u32 = 100;

/// Every question of the loaded banks in a fixed mixed order, so new review
/// questions come from all topics rather than the top of one file.
pub fn new_question_pool(banks: &[Arc<Bank>]) -> Vec<QRef> {
    let mut pool: Vec<QRef> = banks
        .iter()
        .flat_map(|b| {
            b.questions.iter().map(|q| QRef {
                bank: b.id.clone(),
                id: q.id.clone(),
            })
        })
        .collect();
    crate::domain::sort::sort(&mut pool);
    Rng::new(0x00C0_FFEE).shuffle(&mut pool);
    pool
}

/// Whether a saved question is still in one of the banks (only those count).
pub fn in_banks(r: &QRef, banks: &[Arc<Bank>]) -> bool {
    banks
        .iter()
        .any(|b| b.id == r.bank && b.question(&r.id).is_some())
}

/// The daily review's counts: due now, and the new questions today's queue
/// holds (no more than the allowance).
pub fn daily_summary(due: usize, new_allowance: usize, queue_len: usize) -> String {
    format!(
        "{due} due now · {} new today",
        new_allowance.min(queue_len.saturating_sub(due))
    )
}

/// How many questions were wrong the last time, in words.
pub fn missed_summary(n: usize) -> String {
    match n {
        0 => "No missed questions: every question's latest answer was right.".to_string(),
        1 => "1 question was wrong the last time you answered it.".to_string(),
        n => format!("{n} questions were wrong the last time you answered them."),
    }
}

/// Reads the "new questions per day" field: a whole number up to
/// `NEW_PER_DAY_MAX`, or the message to show.
pub fn parse_new_per_day(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(n) if n <= NEW_PER_DAY_MAX => Ok(n),
        _ => Err("New questions per day must be a whole number from 0 to 100.".into()),
    }
}

/// `text` cut to at most `max` characters, the last one an ellipsis.
pub fn shorten(text: String, max: usize) -> String {
    if text.chars().count() > max {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    } else {
        text
    }
}

/// A flagged question as its list shows it: its bank's title and its stem
/// (shortened), both empty when the question is no longer in a bank.
pub fn flagged_label(r: &QRef, banks: &[Arc<Bank>]) -> (String, String) {
    let (stem, title) = banks
        .iter()
        .find(|b| b.id == r.bank)
        .and_then(|b| b.question(&r.id).map(|q| (q.stem.clone(), b.title.clone())))
        .unwrap_or_default();
    (title, shorten(stem, FLAGGED_STEM_CHARS))
}

/// Today's review queue as a quiz; finishing it updates the schedule.
pub fn daily_quiz(queue: Vec<QRef>, seed: u64) -> QuizSpec {
    let mut spec = QuizSpec::of_questions(queue, PASS_MARK, seed);
    spec.review = true;
    spec
}

/// The missed questions as a quiz, the first `MISSED_QUIZ_MAX` of them.
pub fn missed_quiz(missed: Vec<QRef>, seed: u64) -> QuizSpec {
    QuizSpec::of_questions(
        missed.into_iter().take(MISSED_QUIZ_MAX).collect(),
        PASS_MARK,
        seed,
    )
}

/// The flagged questions as a quiz.
pub fn flagged_quiz(flagged: Vec<QRef>, seed: u64) -> QuizSpec {
    QuizSpec::of_questions(flagged, PASS_MARK, seed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::quiz::Mode;

    fn bank(id: &str, questions: &[&str]) -> Arc<Bank> {
        Arc::new(Bank {
            id: id.into(),
            title: format!("Bank {id}"),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: questions
                .iter()
                .map(|q| Question::sample(q, &["t"], Kind::TrueFalse { answer: true }))
                .collect(),
        })
    }

    fn q(bank: &str, id: &str) -> QRef {
        QRef {
            bank: bank.into(),
            id: id.into(),
        }
    }

    #[test]
    fn the_pool_holds_every_question_once_in_a_fixed_mixed_order() {
        let banks = [
            bank("a", &["a1", "a2", "a3"]),
            bank("b", &["b1", "b2", "b3"]),
        ];
        let pool = new_question_pool(&banks);
        assert_eq!(pool.len(), 6);
        let mut sorted = pool.clone();
        sorted.sort();
        assert_eq!(sorted[0], q("a", "a1"));
        assert_eq!(sorted[5], q("b", "b3"));
        sorted.dedup();
        assert_eq!(sorted.len(), 6);
        // The same banks in another order give the same pool.
        let reversed = [banks[1].clone(), banks[0].clone()];
        assert_eq!(new_question_pool(&reversed), pool);
        assert!(new_question_pool(&[]).is_empty());
    }

    #[test]
    fn only_questions_still_in_a_bank_count() {
        let banks = [bank("a", &["a1"])];
        assert!(in_banks(&q("a", "a1"), &banks));
        assert!(!in_banks(&q("a", "a2"), &banks));
        assert!(!in_banks(&q("b", "a1"), &banks));
    }

    #[test]
    fn counts_and_messages() {
        // 2 due, allowance 5, but the queue holds only 3 new.
        assert_eq!(daily_summary(2, 5, 5), "2 due now · 3 new today");
        assert_eq!(daily_summary(2, 1, 5), "2 due now · 1 new today");
        assert_eq!(daily_summary(4, 5, 3), "4 due now · 0 new today");
        assert_eq!(
            missed_summary(0),
            "No missed questions: every question's latest answer was right."
        );
        // The page's wording, kept as it is.
        assert_eq!(
            missed_summary(1),
            "1 question was wrong the last time you answered it."
        );
        assert_eq!(
            missed_summary(3),
            "3 questions were wrong the last time you answered them."
        );
    }

    #[test]
    fn new_per_day_is_a_whole_number_up_to_100() {
        assert_eq!(parse_new_per_day(" 15 "), Ok(15));
        assert_eq!(parse_new_per_day("0"), Ok(0));
        assert_eq!(parse_new_per_day("100"), Ok(100));
        for bad in ["101", "-1", "2.5", "", "ten"] {
            assert!(parse_new_per_day(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn flagged_questions_show_their_bank_and_a_short_stem() {
        let banks = [bank("a", &["a1"])];
        assert_eq!(
            flagged_label(&q("a", "a1"), &banks),
            ("Bank a".to_string(), "stem a1".to_string())
        );
        assert_eq!(flagged_label(&q("a", "gone"), &banks), Default::default());
        let long = "é".repeat(200);
        let short = shorten(long, FLAGGED_STEM_CHARS);
        assert_eq!(short.chars().count(), FLAGGED_STEM_CHARS);
        assert!(short.ends_with("é…"));
        let exact = "x".repeat(FLAGGED_STEM_CHARS);
        assert_eq!(shorten(exact.clone(), FLAGGED_STEM_CHARS), exact);
    }

    #[test]
    fn the_buttons_start_practice_quizzes_of_those_questions() {
        let missed: Vec<QRef> = (0..25).map(|i| q("a", &format!("a{i}"))).collect();
        let spec = missed_quiz(missed.clone(), 9);
        assert_eq!(spec.only, missed[..MISSED_QUIZ_MAX]);
        assert_eq!((spec.count, spec.pass_mark, spec.seed), (20, 70, 9));
        assert_eq!(spec.mode, Mode::Practice);
        assert!(!spec.review);
        let daily = daily_quiz(vec![q("b", "b1"), q("a", "a1")], 3);
        assert!(daily.review);
        assert_eq!(daily.banks, ["a", "b"]);
        assert_eq!(daily.count, 2);
        let flagged = flagged_quiz(missed.clone(), 1);
        assert_eq!(flagged.count, 25);
        assert!(!flagged.review);
    }
}
