//! An exam plan day by day, from the review schedule: what the learner has
//! done today on one profile's questions, today's target (`plan::target`),
//! the quiz that works through it, and the plan as a calendar file.
//!
//! Questions count as seen once they are in the review schedule: the
//! plan's sessions are review quizzes, so answering them schedules them.

use std::collections::{BTreeMap, BTreeSet};

use super::calendar::Day;
use super::dashboard::day_start;
use super::ics::plan_calendar;
use super::plan::{sessions, target, Target};
use super::quiz::{QRef, QuizSpec};
use super::rng::{hash_str, Rng};
use super::schema::stored::CardState;

const DAY_MS: f64 = 86_400_000.0;

/// Pass mark of a plan session (it is practice; the mark only labels it).
const SESSION_PASS_MARK: u8 = 70;

/// Today on one profile's questions.
#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    /// The plan's target for today (held still while the learner works).
    pub target: Target,
    /// New questions answered for the first time today.
    pub new_done: usize,
    /// Questions seen before today and reviewed again today.
    pub reviews_done: usize,
    /// Reviews still due now.
    pub reviews_left: usize,
}

impl Today {
    /// New questions still to do today.
    pub fn new_left(&self) -> usize {
        self.target.new_today.saturating_sub(self.new_done)
    }

    /// "Done today: 5 of 12 new questions, 3 reviews."
    pub fn progress(&self) -> String {
        format!(
            "Done today: {} of {} new question{}, {} review{}.",
            self.new_done,
            self.target.new_today,
            if self.target.new_today == 1 { "" } else { "s" },
            self.reviews_done,
            if self.reviews_done == 1 { "" } else { "s" },
        )
    }

    /// Whether today's work is done (nothing new left and nothing due).
    pub fn done(&self) -> bool {
        self.new_left() == 0 && self.reviews_left == 0
    }
}

/// Today's target and progress for a pool of questions and an exam date,
/// at `now_ms` in the learner's time zone.
pub fn today(
    pool: &[QRef],
    schedule: &BTreeMap<String, CardState>,
    exam: Day,
    now_ms: f64,
    tz_offset_min: f64,
) -> Today {
    let start = day_start(now_ms, tz_offset_min);
    let end = start + DAY_MS;
    let cards: Vec<&CardState> = pool
        .iter()
        .filter_map(|q| schedule.get(&q.to_string()))
        .collect();
    let before = |c: &&&CardState| c.first_review_ms < start;
    let seen_before = cards.iter().filter(before).count();
    // Due some time today and not yet reviewed today.
    let due_today = cards
        .iter()
        .filter(before)
        .filter(|c| c.due_ms < end && c.last_review_ms < start)
        .count();
    let reviews_done = cards
        .iter()
        .filter(before)
        .filter(|c| c.last_review_ms >= start)
        .count();
    let new_done = cards.iter().filter(|c| c.first_review_ms >= start).count();
    let reviews_left = cards.iter().filter(|c| c.due_ms <= now_ms).count();
    Today {
        target: target(
            Day::local(now_ms, tz_offset_min),
            exam,
            pool.len(),
            seen_before,
            due_today + reviews_done,
        ),
        new_done,
        reviews_done,
        reviews_left,
    }
}

/// The pool's questions never seen, in an order fixed per profile (so new
/// questions mix the banks and domains, and the plan's order does not
/// change from day to day).
pub fn unseen_in_order(
    profile_id: &str,
    pool: &[QRef],
    schedule: &BTreeMap<String, CardState>,
) -> Vec<QRef> {
    let mut unseen: Vec<QRef> = pool
        .iter()
        .filter(|q| !schedule.contains_key(&q.to_string()))
        .cloned()
        .collect();
    Rng::new(hash_str(profile_id)).shuffle(&mut unseen);
    unseen
}

/// The quiz that works through today's plan: the reviews due now (most
/// overdue first), then today's new questions still to do. A review quiz,
/// so finishing it schedules them. `None` when there is nothing to do.
pub fn session_quiz(
    profile_id: &str,
    pool: &[QRef],
    schedule: &BTreeMap<String, CardState>,
    today: &Today,
    now_ms: f64,
    seed: u64,
) -> Option<QuizSpec> {
    let in_pool: BTreeSet<String> = pool.iter().map(QRef::to_string).collect();
    let mut due: Vec<(&String, &CardState)> = schedule
        .iter()
        .filter(|(k, c)| in_pool.contains(*k) && c.due_ms <= now_ms)
        .collect();
    due.sort_by(|a, b| a.1.due_ms.total_cmp(&b.1.due_ms).then(a.0.cmp(b.0)));
    let mut only: Vec<QRef> = due
        .into_iter()
        .filter_map(|(k, _)| k.parse().ok())
        .collect();
    only.extend(
        unseen_in_order(profile_id, pool, schedule)
            .into_iter()
            .take(today.new_left()),
    );
    if only.is_empty() {
        return None;
    }
    let mut spec = QuizSpec::of_questions(only, SESSION_PASS_MARK, seed);
    spec.review = true;
    Some(spec)
}

/// The plan as an iCalendar file: a study session per day to the exam, as
/// today's plan foresees them, and the exam day.
pub fn plan_file(
    profile_id: &str,
    profile_name: &str,
    today: &Today,
    pool_len: usize,
    now_ms: f64,
    tz_offset_min: f64,
) -> String {
    let t = &today.target;
    let seen = pool_len.saturating_sub(t.unseen);
    let days = sessions(Day::local(now_ms, tz_offset_min), t.exam, t.unseen, seen);
    plan_calendar(profile_name, profile_id, &days, t.exam, now_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::plan::PlanState;
    use crate::domain::test_support;

    const NOW: f64 = 1_767_268_800_000.0; // 2026-01-01 12:00 UTC

    fn pool(n: usize) -> Vec<QRef> {
        (0..n).map(|i| QRef::new("b", &format!("q{i}"))).collect()
    }

    /// A card first seen at `first`, last reviewed at `last`, due at `due`.
    fn card(first: f64, last: f64, due: f64) -> CardState {
        CardState {
            first_review_ms: first,
            due_ms: due,
            ..test_support::card(last)
        }
    }

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn today_counts_what_was_seen_before_today_and_what_is_done_today() {
        let p = pool(20);
        let yesterday = NOW - DAY_MS;
        let mut s = BTreeMap::new();
        // q0..q3 seen yesterday; q0 and q1 due today, q0 already reviewed today.
        s.insert(
            "b/q0".into(),
            card(yesterday, NOW - 1000.0, NOW + 5.0 * DAY_MS),
        );
        s.insert("b/q1".into(), card(yesterday, yesterday, NOW - 1000.0));
        s.insert(
            "b/q2".into(),
            card(yesterday, yesterday, NOW + 3.0 * DAY_MS),
        );
        s.insert(
            "b/q3".into(),
            card(yesterday, yesterday, NOW + 3.0 * DAY_MS),
        );
        // q4 and q5 new today.
        s.insert("b/q4".into(), card(NOW - 500.0, NOW - 500.0, NOW + DAY_MS));
        s.insert("b/q5".into(), card(NOW - 400.0, NOW - 400.0, NOW + DAY_MS));
        // Another profile's question does not count.
        s.insert("other/x".into(), card(yesterday, yesterday, NOW - 1.0));
        let t = today(&p, &s, day("2026-01-15"), NOW, 0.0);
        // 16 unseen before today, 14 days left, 11 study days: 2 a day (rounded up).
        assert_eq!(t.target.unseen, 16);
        assert_eq!(t.target.new_today, 2);
        assert_eq!(t.target.reviews_today, 2);
        assert_eq!((t.new_done, t.reviews_done, t.reviews_left), (2, 1, 1));
        assert_eq!(t.new_left(), 0);
        assert!(!t.done());
        assert_eq!(t.progress(), "Done today: 2 of 2 new questions, 1 review.");
        assert_eq!(t.target.state, PlanState::OnTrack);

        // The session: the one review due, and no new questions left today.
        let q = session_quiz("cspt", &p, &s, &t, NOW, 7).unwrap();
        assert_eq!(q.only, vec![QRef::new("b", "q1")]);
        assert!(q.review);
    }

    #[test]
    fn the_session_brings_new_questions_in_a_fixed_mixed_order() {
        let p = pool(30);
        let s = BTreeMap::new();
        let t = today(&p, &s, day("2026-01-14"), NOW, 0.0);
        // 30 unseen, 13 days left, 10 study days: 3 today.
        assert_eq!(t.target.new_today, 3);
        let q = session_quiz("cspt", &p, &s, &t, NOW, 1).unwrap();
        assert_eq!(q.only.len(), 3);
        assert_eq!(q.only, unseen_in_order("cspt", &p, &s)[..3]);
        assert_ne!(q.only, p[..3], "shuffled, not bank order");
        assert_eq!(
            session_quiz("cspt", &p, &s, &t, NOW, 2).unwrap().only,
            q.only,
            "the same questions whatever the quiz seed"
        );
        // Nothing to do once the exam has passed and nothing is due.
        let passed = today(&p, &s, day("2025-12-31"), NOW, 0.0);
        assert_eq!(passed.target.state, PlanState::ExamPassed);
        assert_eq!(session_quiz("cspt", &p, &s, &passed, NOW, 1), None);
    }

    #[test]
    fn the_calendar_file_has_a_session_per_day_and_the_exam() {
        let p = pool(10);
        let t = today(&p, &BTreeMap::new(), day("2026-01-08"), NOW, 0.0);
        let ics = plan_file("cspt", "CSPT", &t, p.len(), NOW, 0.0);
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
        // 7 days to go: 4 study days of new questions, then 3 review days.
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 8);
        assert!(ics.contains("DTSTART;VALUE=DATE:20260108"));
        assert!(ics.contains("SUMMARY:CSPT exam"));
    }
}
