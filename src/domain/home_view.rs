//! What a bank's card on the home page shows and starts: its question
//! count, your scores, your weakest topics and the quiz that practises
//! them. Plain Rust, tested natively.

use super::attempt::BankScores;
use super::bank::Bank;
use super::clock::ExtraTime;
use super::dashboard::Dashboard;
use super::quiz::{Mode, QuizSpec};
use super::schema::Progress;

/// How many questions "Practise my weak topics" asks.
pub const WEAK_QUIZ_QUESTIONS: usize = 10;
/// Its pass mark.
pub const WEAK_QUIZ_PASS_MARK: u8 = 70;

/// The card's question count: the bank list's figure, or (for a bank the
/// list has no count for) the loaded bank's; `None` until then.
pub fn question_count(listed: usize, loaded: Option<usize>) -> Option<usize> {
    if listed > 0 {
        Some(listed)
    } else {
        loaded
    }
}

/// The card's scores line.
pub fn scores_text(scores: Option<&BankScores>) -> String {
    match scores {
        Some(s) => format!(
            "Best {} % · Last {} % · {} attempt{}",
            s.best.percent(),
            s.last.percent(),
            s.attempts,
            if s.attempts == 1 { "" } else { "s" }
        ),
        None => "Not attempted yet".to_string(),
    }
}

/// The bank's weakest topics (as the dashboard picks them) with their
/// mastery in percent, weakest first.
pub fn weakest_topics(
    p: &Progress,
    bank: &Bank,
    now_ms: f64,
    tz_offset_min: f64,
) -> Vec<(String, u32)> {
    Dashboard::compute(p, &[bank], now_ms, tz_offset_min)
        .banks
        .first()
        .map(|b| {
            b.weakest()
                .into_iter()
                .map(|t| (t.tag.clone(), t.mastery.percent()))
                .collect()
        })
        .unwrap_or_default()
}

/// One line of the weakest-topics list.
pub fn weak_line(label: &str, percent: u32) -> String {
    format!("{label} — {percent} %")
}

/// A practice quiz on the bank's questions in these topics.
pub fn weak_topics_quiz(bank: &str, tags: Vec<String>, seed: u64) -> QuizSpec {
    QuizSpec {
        banks: vec![bank.to_string()],
        tags,
        only: vec![],
        count: WEAK_QUIZ_QUESTIONS,
        mode: Mode::Practice,
        time_limit_secs: None,
        extra_time: ExtraTime::Standard,
        pass_mark: WEAK_QUIZ_PASS_MARK,
        seed,
        review: false,
        fixed_order: false,
        shared: None,
        profile: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::grade::Tally;
    use crate::domain::test_support::attempt;

    #[test]
    fn the_count_comes_from_the_list_or_the_loaded_bank() {
        assert_eq!(question_count(12, None), Some(12));
        assert_eq!(question_count(12, Some(3)), Some(12));
        assert_eq!(question_count(0, Some(3)), Some(3));
        assert_eq!(question_count(0, None), None);
    }

    #[test]
    fn scores_line() {
        let t = |correct, total| Tally { correct, total };
        let one = BankScores {
            best: t(9, 10),
            last: t(1, 2),
            attempts: 1,
        };
        assert_eq!(scores_text(Some(&one)), "Best 90 % · Last 50 % · 1 attempt");
        let two = BankScores { attempts: 2, ..one };
        assert_eq!(
            scores_text(Some(&two)),
            "Best 90 % · Last 50 % · 2 attempts"
        );
        assert_eq!(scores_text(None), "Not attempted yet");
    }

    #[test]
    fn weakest_topics_come_from_the_attempts() {
        let bank = Bank {
            id: "compounding".into(),
            title: "Compounding".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: (1..=4)
                .map(|i| {
                    Question::sample(
                        &format!("cmp-{i:03}"),
                        &["calc-percent"],
                        Kind::TrueFalse { answer: true },
                    )
                })
                .collect(),
        };
        let now = 1_790_000_000_000.0;
        let mut p = Progress::default();
        assert!(weakest_topics(&p, &bank, now, 0.0).is_empty());
        // Each attempt has calc-percent at 1 of 2.
        p.attempts.push(attempt("a", now - 1000.0));
        p.attempts.push(attempt("b", now - 500.0));
        assert_eq!(
            weakest_topics(&p, &bank, now, 0.0),
            [("calc-percent".to_string(), 50)]
        );
        assert_eq!(
            weak_line("Percent calculations", 50),
            "Percent calculations — 50 %"
        );
    }

    #[test]
    fn the_weak_topics_quiz_practises_ten_questions_of_the_bank() {
        let spec = weak_topics_quiz("compounding", vec!["calc-percent".into()], 42);
        assert_eq!(spec.banks, ["compounding"]);
        assert_eq!(spec.tags, ["calc-percent"]);
        assert!(spec.only.is_empty());
        assert_eq!((spec.count, spec.pass_mark, spec.seed), (10, 70, 42));
        assert_eq!(spec.mode, Mode::Practice);
        assert_eq!(spec.time_limit_secs, None);
        assert!(!spec.review && !spec.fixed_order && spec.shared.is_none());
    }
}
