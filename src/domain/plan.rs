//! A study plan to an exam date: how many new questions to learn today so
//! that every question in the pool is seen before the last days, which are
//! kept for review. The target is recomputed each day from what is left,
//! never read from a stored schedule, so a missed day raises the next
//! day's target by itself.

use super::calendar::Day;

/// The last days before the exam are for review only: no new questions.
/// When the exam is closer than this, the review days shrink so that today
/// is still a day for new questions.
pub const REVIEW_DAYS: i64 = 3;

/// A calendar file holds at most this many days of sessions (two years).
pub const MAX_SESSION_DAYS: i64 = 730;

/// Where the learner stands against the exam date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlanState {
    /// Questions left to learn and the full review days still ahead.
    OnTrack,
    /// Questions left to learn and the exam closer than the review days:
    /// today is the last day for new questions.
    ExamClose,
    /// Every question of the pool has been seen: reviews only.
    NothingNew,
    /// The pool has no questions.
    NoQuestions,
    /// The exam is today: no new questions.
    ExamToday,
    /// The exam date is behind us.
    ExamPassed,
}

/// Today's share of the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    /// New questions to learn today.
    pub new_today: usize,
    /// Reviews due today (from the FSRS schedule, passed through).
    pub reviews_today: usize,
    /// Days from today to the exam: 0 on the day, negative after it.
    pub days_left: i64,
    /// The last day for new questions, if the learner keeps to the plan
    /// (today when nothing is left to learn or the exam is here).
    pub finish_new_by: Day,
    pub state: PlanState,
    /// The exam day.
    pub exam: Day,
    /// Questions of the pool not seen yet.
    pub unseen: usize,
}

/// Days for new questions among the `days_left` before the exam (at least
/// one): the rest are review days.
fn study_days(days_left: i64) -> i64 {
    (days_left - REVIEW_DAYS).max(1)
}

/// Today's target. `total` is the pool's size, `seen` how many of its
/// questions the learner had seen before today (so the target holds still
/// while they work through it), `due_today` the reviews due today.
pub fn target(today: Day, exam: Day, total: usize, seen: usize, due_today: usize) -> Target {
    let days_left = exam.days() - today.days();
    let unseen = total.saturating_sub(seen);
    let mut t = Target {
        new_today: 0,
        reviews_today: due_today,
        days_left,
        finish_new_by: today,
        state: PlanState::OnTrack,
        exam,
        unseen,
    };
    t.state = if days_left < 0 {
        PlanState::ExamPassed
    } else if days_left == 0 {
        PlanState::ExamToday
    } else if total == 0 {
        PlanState::NoQuestions
    } else if unseen == 0 {
        PlanState::NothingNew
    } else {
        let study = study_days(days_left);
        t.new_today = unseen.div_ceil(study as usize);
        t.finish_new_by = today.plus_days(study - 1);
        if days_left > REVIEW_DAYS {
            PlanState::OnTrack
        } else {
            PlanState::ExamClose
        }
    };
    t
}

impl Target {
    /// The plan in plain words: "Today: 12 new questions and 8 reviews. 20
    /// days to your exam on 15 January 2027."
    pub fn message(&self) -> String {
        let exam = self.exam.long();
        let countdown = match self.days_left {
            1 => format!("Your exam is tomorrow, {exam}."),
            n => format!("{n} days to your exam on {exam}."),
        };
        let reviews = count(self.reviews_today, "review", "reviews");
        match self.state {
            PlanState::OnTrack | PlanState::ExamClose => {
                let new = count(self.new_today, "new question", "new questions");
                // Tomorrow's exam already says it.
                let today = self.exam.days() - self.days_left;
                let last = if self.days_left > 1 && self.finish_new_by.days() == today {
                    " Today is the last day for new questions."
                } else {
                    ""
                };
                format!("Today: {new} and {reviews}. {countdown}{last}")
            }
            PlanState::NothingNew => {
                let today = if self.reviews_today == 0 {
                    "Nothing is due today.".to_string()
                } else {
                    format!("Today: {reviews}.")
                };
                format!("{today} You have seen every question. {countdown}")
            }
            PlanState::NoQuestions => {
                format!("There are no questions to study yet. {countdown}")
            }
            PlanState::ExamToday => format!("Your exam is today, {exam}. Good luck!"),
            PlanState::ExamPassed => {
                format!("Your exam date, {exam}, has passed. Choose a new date to plan again.")
            }
        }
    }
}

/// "1 review", "8 reviews", "no reviews".
fn count(n: usize, one: &str, many: &str) -> String {
    match n {
        0 => format!("no {many}"),
        1 => format!("1 {one}"),
        n => format!("{n} {many}"),
    }
}

/// One day of the plan, for the calendar file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Session {
    pub day: Day,
    /// New questions to learn that day.
    pub new: usize,
    /// Whether reviews may be due: something has been seen by then.
    pub review: bool,
}

/// The plan day by day from today to the day before the exam (the exam
/// has its own event), at most `MAX_SESSION_DAYS` days: what each day's
/// target will be if the learner keeps to the plan. `unseen` and `seen` are
/// as in [`target`]. Days with nothing to do are left out.
pub fn sessions(today: Day, exam: Day, unseen: usize, seen: usize) -> Vec<Session> {
    let days_left = exam.days() - today.days();
    if days_left <= 0 {
        return Vec::new();
    }
    let study = study_days(days_left);
    let mut left = unseen;
    let mut review = seen > 0;
    let mut out = Vec::new();
    for i in 0..days_left.min(MAX_SESSION_DAYS) {
        let study_left = study - i;
        let new = if study_left > 0 {
            left.div_ceil(study_left as usize)
        } else {
            0
        };
        left -= new;
        if new > 0 || review {
            out.push(Session {
                day: today.plus_days(i),
                new,
                review,
            });
        }
        review |= new > 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn the_new_questions_spread_over_the_days_before_the_review_days() {
        // 13 days to go: 10 study days, then 3 for review.
        let t = target(day("2027-01-02"), day("2027-01-15"), 100, 0, 8);
        assert_eq!(t.state, PlanState::OnTrack);
        assert_eq!((t.new_today, t.reviews_today, t.days_left), (10, 8, 13));
        assert_eq!(t.finish_new_by, day("2027-01-11"));
        assert_eq!(
            t.message(),
            "Today: 10 new questions and 8 reviews. 13 days to your exam on 15 January 2027."
        );
        // Rounded up, so the last study day never gets more than the first.
        let t = target(day("2027-01-02"), day("2027-01-15"), 101, 0, 1);
        assert_eq!(t.new_today, 11);
        assert_eq!(
            t.message(),
            "Today: 11 new questions and 1 review. 13 days to your exam on 15 January 2027."
        );
    }

    #[test]
    fn a_missed_day_raises_the_next_days_target() {
        let exam = day("2027-01-15");
        let first = target(day("2027-01-02"), exam, 100, 0, 0);
        assert_eq!(first.new_today, 10);
        // Nothing done on the 2nd: 100 left over 9 study days.
        let missed = target(day("2027-01-03"), exam, 100, 0, 0);
        assert_eq!(missed.new_today, 12);
        assert_eq!(missed.finish_new_by, first.finish_new_by);
        // Missed again: 100 over 8.
        assert_eq!(target(day("2027-01-04"), exam, 100, 0, 0).new_today, 13);
        // Kept to the plan instead: 90 over 9, unchanged.
        assert_eq!(target(day("2027-01-03"), exam, 100, 10, 0).new_today, 10);
        // Learned more than asked: the target falls.
        assert_eq!(target(day("2027-01-03"), exam, 100, 28, 0).new_today, 8);
    }

    #[test]
    fn the_review_days_shrink_when_the_exam_is_close() {
        let exam = day("2027-01-15");
        // Four days to go: one study day, then three review days.
        let t = target(day("2027-01-11"), exam, 40, 10, 5);
        assert_eq!(
            (t.state, t.new_today, t.finish_new_by),
            (PlanState::OnTrack, 30, day("2027-01-11"))
        );
        assert_eq!(
            t.message(),
            "Today: 30 new questions and 5 reviews. 4 days to your exam on 15 January 2027. \
             Today is the last day for new questions."
        );
        // Inside the review days with questions left: learn them today.
        for (today, left) in [("2027-01-12", 3), ("2027-01-13", 2)] {
            let t = target(day(today), exam, 40, 10, 5);
            assert_eq!(
                (t.state, t.new_today, t.days_left),
                (PlanState::ExamClose, 30, left)
            );
            assert_eq!(t.finish_new_by, day(today));
        }
        assert_eq!(
            target(day("2027-01-12"), exam, 40, 10, 5).message(),
            "Today: 30 new questions and 5 reviews. 3 days to your exam on 15 January 2027. \
             Today is the last day for new questions."
        );
        // The exam tomorrow.
        let t = target(day("2027-01-14"), exam, 40, 39, 0);
        assert_eq!(
            (t.state, t.new_today, t.days_left),
            (PlanState::ExamClose, 1, 1)
        );
        assert_eq!(
            t.message(),
            "Today: 1 new question and no reviews. Your exam is tomorrow, 15 January 2027."
        );
    }

    #[test]
    fn the_exam_day_and_after_have_no_new_questions() {
        let exam = day("2027-01-15");
        let t = target(exam, exam, 100, 20, 7);
        assert_eq!(
            (t.state, t.new_today, t.reviews_today, t.days_left),
            (PlanState::ExamToday, 0, 7, 0)
        );
        assert_eq!(
            t.message(),
            "Your exam is today, 15 January 2027. Good luck!"
        );
        let t = target(day("2027-01-20"), exam, 100, 20, 7);
        assert_eq!(
            (t.state, t.new_today, t.days_left),
            (PlanState::ExamPassed, 0, -5)
        );
        assert_eq!(
            t.message(),
            "Your exam date, 15 January 2027, has passed. Choose a new date to plan again."
        );
        assert!(sessions(exam, exam, 80, 20).is_empty());
        assert!(sessions(day("2027-01-20"), exam, 80, 20).is_empty());
    }

    #[test]
    fn nothing_left_to_learn_means_reviews_only() {
        let exam = day("2027-01-15");
        let t = target(day("2026-12-26"), exam, 100, 100, 8);
        assert_eq!(
            (t.state, t.new_today, t.unseen),
            (PlanState::NothingNew, 0, 0)
        );
        assert_eq!(
            t.message(),
            "Today: 8 reviews. You have seen every question. 20 days to your exam on 15 January 2027."
        );
        // A pool that shrank below what was seen counts as all seen.
        let t = target(day("2026-12-26"), exam, 90, 100, 0);
        assert_eq!(t.state, PlanState::NothingNew);
        assert!(
            t.message().starts_with("Nothing is due today."),
            "{}",
            t.message()
        );
        let t = target(day("2026-12-26"), exam, 0, 0, 0);
        assert_eq!((t.state, t.new_today), (PlanState::NoQuestions, 0));
        assert_eq!(
            t.message(),
            "There are no questions to study yet. 20 days to your exam on 15 January 2027."
        );
        // unseen = 0: review days only, and none at all if nothing was seen.
        let s = sessions(day("2027-01-10"), exam, 0, 100);
        assert_eq!(s.len(), 5);
        assert!(s.iter().all(|s| s.new == 0 && s.review));
        assert!(sessions(day("2027-01-10"), exam, 0, 0).is_empty());
    }

    #[test]
    fn sessions_follow_the_daily_target_to_the_exam() {
        let (today, exam) = (day("2027-01-02"), day("2027-01-15"));
        let s = sessions(today, exam, 35, 0);
        assert_eq!(s.len(), 13);
        assert_eq!(s.first().map(|s| s.day), Some(today));
        assert_eq!(s.last().map(|s| s.day), Some(day("2027-01-14")));
        let news: Vec<usize> = s.iter().map(|s| s.new).collect();
        assert_eq!(news, [4, 4, 4, 4, 4, 3, 3, 3, 3, 3, 0, 0, 0]);
        // Nothing to review on the first day of a learner who has seen nothing.
        assert!(!s[0].review && s[1..].iter().all(|s| s.review));
        // Each session is the target of its day for a learner who keeps to it.
        let mut seen = 0;
        for session in &s {
            let t = target(session.day, exam, 35, seen, 0);
            assert_eq!(t.new_today, session.new, "{}", session.day);
            seen += session.new;
        }
        assert_eq!(seen, 35);
    }

    #[test]
    fn a_far_exam_is_capped_and_a_near_one_is_one_day() {
        let today = day("2027-01-01");
        let s = sessions(today, day("2035-01-01"), 500, 0);
        assert_eq!(s.len(), MAX_SESSION_DAYS as usize);
        assert_eq!(s[0].new, 1);
        assert_eq!(s.iter().map(|s| s.new).sum::<usize>(), 500);
        let t = target(today, Day::LATEST, 500, 0, 0);
        assert_eq!((t.state, t.new_today), (PlanState::OnTrack, 1));
        // The exam tomorrow: everything today, nothing to review before.
        let s = sessions(today, today.plus_days(1), 500, 0);
        assert_eq!(
            s,
            [Session {
                day: today,
                new: 500,
                review: false
            }]
        );
    }
}
