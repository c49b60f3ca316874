//! How the trainer's roster page shows its results: one group per quiz in
//! the order the trainer picked, the questions most trainees missed, the
//! export files' names and the page's messages. Plain Rust, tested natively.

use std::cmp::Ordering;
use std::sync::Arc;

use super::bank::Bank;
use super::grade::Tally;
use super::quiz::QRef;
use super::roster::{by_quiz, question_stats, topics, SharedResult};
use super::share::slug;

/// How many of the most-missed questions a quiz's section lists.
pub const MISSED_SHOWN: usize = 10;

/// A roster column the trainer can sort by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SortBy {
    Name,
    Date,
    Duration,
    Score,
    Result,
}

/// The roster's order: a column and a direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub by: SortBy,
    pub descending: bool,
}

impl Default for Sort {
    /// Oldest result first, until the trainer picks a column.
    fn default() -> Sort {
        Sort {
            by: SortBy::Date,
            descending: false,
        }
    }
}

impl Sort {
    /// The order after a click on `by`'s header: the sorted column flips its
    /// direction, another column starts ascending.
    pub fn clicked(self, by: SortBy) -> Sort {
        Sort {
            by,
            descending: self.by == by && !self.descending,
        }
    }

    /// The `aria-sort` of `by`'s header.
    pub fn aria(self, by: SortBy) -> &'static str {
        match (self.by == by, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }

    /// Compares two results in this order. Names ignore case; scores compare
    /// as fractions (an empty quiz counts as out of 1).
    pub fn compare(self, a: &SharedResult, b: &SharedResult) -> Ordering {
        let o = match self.by {
            SortBy::Name => a.trainee.to_lowercase().cmp(&b.trainee.to_lowercase()),
            SortBy::Date => a.finished_at.total_cmp(&b.finished_at),
            SortBy::Duration => a.duration_secs.cmp(&b.duration_secs),
            SortBy::Score => {
                // Cross-multiplied in u64 so large tallies cannot overflow.
                let of = |x: &SharedResult, y: &SharedResult| {
                    u64::from(x.score.correct) * u64::from(y.score.total.max(1))
                };
                of(a, b).cmp(&of(b, a))
            }
            SortBy::Result => a.passed.cmp(&b.passed),
        };
        if self.descending {
            o.reverse()
        } else {
            o
        }
    }
}

/// One quiz's results as the roster shows them.
#[derive(Debug, Clone, PartialEq)]
pub struct QuizGroup {
    pub quiz_id: String,
    /// The quiz's title and trainer, as the first result (in the shown
    /// order) carries them.
    pub title: String,
    pub trainer: String,
    /// In the roster's order (stable: ties stay newest first).
    pub results: Vec<SharedResult>,
    /// Every topic any result has a score for, sorted: one column each.
    pub topics: Vec<String>,
}

/// The roster grouped per quiz (by quiz id), each group sorted by `sort`.
pub fn quiz_groups(roster: &[SharedResult], sort: Sort) -> Vec<QuizGroup> {
    by_quiz(roster)
        .into_iter()
        .filter_map(|(quiz_id, results)| {
            let mut results: Vec<SharedResult> = results.into_iter().cloned().collect();
            crate::domain::sort::sort_by(&mut results, |a, b| sort.compare(a, b));
            let first = results.first()?;
            Some(QuizGroup {
                quiz_id,
                title: first.quiz.title.clone(),
                trainer: first.quiz.trainer.clone(),
                topics: topics(&results),
                results,
            })
        })
        .collect()
}

impl QuizGroup {
    /// The results by reference, as the exports take them.
    pub fn refs(&self) -> Vec<&SharedResult> {
        self.results.iter().collect()
    }

    /// The line under the quiz's title: its trainer and how many results.
    pub fn summary(&self) -> String {
        let n = self.results.len();
        format!("Trainer: {} · {n} result{}", self.trainer, plural(n))
    }

    /// Questions at least one trainee got wrong, most missed first, at most
    /// `MISSED_SHOWN`.
    pub fn most_missed(&self) -> Vec<(String, Tally)> {
        question_stats(&self.refs())
            .into_iter()
            .filter(|(_, t)| t.correct < t.total)
            .take(MISSED_SHOWN)
            .collect()
    }

    /// The CSV and xAPI files' names, from the title and `today` (ISO date).
    pub fn export_names(&self, today: &str) -> (String, String) {
        let slug = slug(&self.title);
        (
            format!("{slug}-results-{today}.csv"),
            format!("{slug}-xapi-{today}.json"),
        )
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// What follows the trainee's name in the Name column: the staff ID, if any.
pub fn staff_suffix(r: &SharedResult) -> Option<String> {
    (!r.staff_id.is_empty()).then(|| format!(" ({})", r.staff_id))
}

/// The Score column: "7/10 (70 %)".
pub fn score_text(r: &SharedResult) -> String {
    format!(
        "{}/{} ({} %)",
        r.score.correct,
        r.score.total,
        r.score.percent()
    )
}

/// The Result column.
pub fn result_text(passed: bool) -> &'static str {
    if passed {
        "Passed"
    } else {
        "Not passed"
    }
}

/// A topic's column: the result's score there, or empty if it had none.
pub fn topic_score(r: &SharedResult, topic: &str) -> String {
    r.by_tag
        .get(topic)
        .map(|t| format!("{} %", t.percent()))
        .unwrap_or_default()
}

/// A question key ("bank/id") as the missed list names it: "id: stem" when
/// the question is in `banks`, else the key itself.
pub fn question_label(key: &str, banks: &[Arc<Bank>]) -> String {
    let r = key.parse::<QRef>().unwrap_or_else(|_| QRef::new("", key));
    banks
        .iter()
        .find(|b| b.id == r.bank)
        .and_then(|b| b.question(&r.id))
        .map_or(key.to_string(), |q| format!("{}: {}", r.id, q.stem))
}

/// One line of the missed list.
pub fn missed_line(label: &str, t: Tally) -> String {
    format!("{label} — {} of {} trainees right", t.correct, t.total)
}

/// The message after adding results: whether all went well, and the text
/// (how many were added, then each problem).
pub fn added_message(added: usize, problems: &[String]) -> (bool, String) {
    let mut msg = format!("{added} result{} added.", plural(added));
    for p in problems {
        msg.push(' ');
        msg.push_str(p);
    }
    (problems.is_empty(), msg)
}

/// Why a result file was not added.
pub fn file_problem(name: &str, error: &str) -> String {
    format!("\"{name}\" was not added: {error}")
}

/// The payload of a pasted result link: what follows its last `#`, or the
/// whole text when it has none (a payload pasted on its own).
pub fn link_payload(text: &str) -> &str {
    text.rsplit_once('#').map_or(text, |(_, p)| p)
}

/// The message after opening a result link: added, or already there.
pub fn received_message(r: &SharedResult, added: bool) -> String {
    let who = format!(
        "{} — {} ({} of {}, {} %)",
        r.trainee,
        r.quiz.title,
        r.score.correct,
        r.score.total,
        r.score.percent()
    );
    if added {
        format!("Added to your roster: {who}.")
    } else {
        format!("Already in your roster: {who}.")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::test_support::shared_result as r;

    fn names(g: &QuizGroup) -> Vec<&str> {
        g.results.iter().map(|r| r.trainee.as_str()).collect()
    }

    fn three() -> Vec<SharedResult> {
        let mut a = r(
            "bob",
            300.0,
            vec![("b/q1", None, true), ("b/q2", None, false)],
        );
        a.duration_secs = 50;
        let mut b = r(
            "Alice",
            100.0,
            vec![("b/q1", None, false), ("b/q2", None, false)],
        );
        b.duration_secs = 200;
        let mut c = r(
            "carol",
            200.0,
            vec![("b/q1", None, true), ("b/q2", None, true)],
        );
        c.duration_secs = 120;
        c.staff_id = "T-7".into();
        vec![a, b, c]
    }

    fn sorted(by: SortBy, descending: bool) -> Vec<String> {
        let g = quiz_groups(&three(), Sort { by, descending });
        names(&g[0]).into_iter().map(str::to_string).collect()
    }

    #[test]
    fn sorts_by_each_column_both_ways() {
        assert_eq!(sorted(SortBy::Date, false), ["Alice", "carol", "bob"]);
        assert_eq!(sorted(SortBy::Date, true), ["bob", "carol", "Alice"]);
        // Names ignore case: "Alice" before "bob".
        assert_eq!(sorted(SortBy::Name, false), ["Alice", "bob", "carol"]);
        assert_eq!(sorted(SortBy::Duration, false), ["bob", "carol", "Alice"]);
        assert_eq!(sorted(SortBy::Score, true), ["carol", "bob", "Alice"]);
        assert_eq!(sorted(SortBy::Result, false), ["Alice", "bob", "carol"]);
    }

    #[test]
    fn ties_keep_the_newest_first() {
        // bob (1/2) and carol (2/2) pass, Alice does not; among the passed,
        // the newer (bob, at 300) comes first.
        assert_eq!(sorted(SortBy::Result, true), ["bob", "carol", "Alice"]);
    }

    #[test]
    fn scores_compare_as_fractions() {
        let mut small = r("small", 1.0, vec![("b/q1", None, true)]);
        small.score = Tally {
            correct: 1,
            total: 2,
        };
        let mut large = r("large", 2.0, vec![("b/q1", None, true)]);
        large.score = Tally {
            correct: 3,
            total: 4,
        };
        let mut empty = r("empty", 3.0, vec![]);
        empty.score = Tally::default();
        let s = Sort {
            by: SortBy::Score,
            descending: false,
        };
        assert_eq!(s.compare(&small, &large), Ordering::Less);
        assert_eq!(s.compare(&empty, &small), Ordering::Less);
        let mut huge = large.clone();
        huge.score = Tally {
            correct: u32::MAX,
            total: u32::MAX,
        };
        assert_eq!(s.compare(&large, &huge), Ordering::Less);
    }

    #[test]
    fn clicking_a_header_flips_or_starts_ascending() {
        let s = Sort::default();
        assert_eq!(s.aria(SortBy::Date), "ascending");
        assert_eq!(s.aria(SortBy::Name), "none");
        let s = s.clicked(SortBy::Name);
        assert_eq!((s.by, s.descending), (SortBy::Name, false));
        assert_eq!(s.aria(SortBy::Name), "ascending");
        assert_eq!(s.aria(SortBy::Date), "none");
        let s = s.clicked(SortBy::Name);
        assert_eq!(s.aria(SortBy::Name), "descending");
        let s = s.clicked(SortBy::Score);
        assert_eq!((s.by, s.descending), (SortBy::Score, false));
    }

    #[test]
    fn groups_per_quiz_with_title_summary_and_topics() {
        let mut other = r("dan", 400.0, vec![("b/q1", None, true)]);
        other.quiz.quiz_id = "q2".into();
        other.quiz.title = "Week 2".into();
        other.by_tag.insert("calc".into(), Tally::default());
        let mut roster = three();
        roster.push(other);
        let groups = quiz_groups(&roster, Sort::default());
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].quiz_id, "q1");
        assert_eq!(groups[0].title, "Week 1");
        assert_eq!(groups[0].summary(), "Trainer: Dana · 3 results");
        assert_eq!(groups[0].topics, ["hd-ppe"]);
        assert_eq!(groups[1].title, "Week 2");
        assert_eq!(groups[1].summary(), "Trainer: Dana · 1 result");
        assert_eq!(groups[1].topics, ["calc", "hd-ppe"]);
        // The table's topic columns are the CSV's, in the same order.
        let csv = crate::domain::roster::to_csv(&groups[1].refs(), &|t| t.to_string());
        assert!(csv
            .lines()
            .next()
            .is_some_and(|h| h.ends_with("\"calc (%)\",\"hd-ppe (%)\"")));
        assert!(quiz_groups(&[], Sort::default()).is_empty());
    }

    #[test]
    fn most_missed_lists_only_missed_questions_worst_first() {
        let g = &quiz_groups(&three(), Sort::default())[0];
        let missed = g.most_missed();
        let keys: Vec<&str> = missed.iter().map(|(k, _)| k.as_str()).collect();
        // q2: 1 of 3 right; q1: 2 of 3 right.
        assert_eq!(keys, ["b/q2", "b/q1"]);
        assert_eq!(missed_line("q2", missed[0].1), "q2 — 1 of 3 trainees right");
        let all_right = r("x", 1.0, vec![("b/q1", None, true)]);
        assert!(quiz_groups(&[all_right], Sort::default())[0]
            .most_missed()
            .is_empty());
        let many: Vec<(String, Option<String>, bool)> =
            (0..15).map(|i| (format!("b/q{i}"), None, false)).collect();
        let mut wrong = r("y", 1.0, vec![]);
        wrong.answers = many;
        assert_eq!(
            quiz_groups(&[wrong], Sort::default())[0]
                .most_missed()
                .len(),
            MISSED_SHOWN
        );
    }

    #[test]
    fn cells_and_export_names() {
        let rs = three();
        assert_eq!(staff_suffix(&rs[0]), None);
        assert_eq!(staff_suffix(&rs[2]).as_deref(), Some(" (T-7)"));
        assert_eq!(score_text(&rs[0]), "1/2 (50 %)");
        assert_eq!(result_text(true), "Passed");
        assert_eq!(result_text(false), "Not passed");
        assert_eq!(topic_score(&rs[2], "hd-ppe"), "100 %");
        assert_eq!(topic_score(&rs[2], "calc"), "");
        let mut g = quiz_groups(&rs, Sort::default()).remove(0);
        g.title = "Hazardous drugs: Week 1".into();
        assert_eq!(
            g.export_names("2026-03-01"),
            (
                "hazardous-drugs--week-1-results-2026-03-01.csv".to_string(),
                "hazardous-drugs--week-1-xapi-2026-03-01.json".to_string()
            )
        );
        assert_eq!(slug("Énoncé 2"), "Énoncé-2");
    }

    #[test]
    fn missed_questions_are_named_by_their_stem_once_loaded() {
        let bank = Bank {
            id: "b".into(),
            title: "B".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: vec![Question::sample(
                "q1",
                &["hd-ppe"],
                Kind::TrueFalse { answer: true },
            )],
        };
        let banks = [Arc::new(bank)];
        assert_eq!(question_label("b/q1", &banks), "q1: stem q1");
        assert_eq!(question_label("b/q9", &banks), "b/q9");
        assert_eq!(question_label("c/q1", &banks), "c/q1");
        assert_eq!(question_label("no-slash", &banks), "no-slash");
        assert_eq!(question_label("b/q1", &[]), "b/q1");
    }

    #[test]
    fn messages() {
        assert_eq!(added_message(1, &[]), (true, "1 result added.".into()));
        assert_eq!(added_message(0, &[]), (true, "0 results added.".into()));
        let problems = [
            file_problem("a.json", "The link is damaged"),
            file_problem("b.json", "bad"),
        ];
        assert_eq!(
            added_message(2, &problems),
            (
                false,
                "2 results added. \"a.json\" was not added: The link is damaged \"b.json\" was not added: bad"
                    .into()
            )
        );
        assert_eq!(link_payload("https://x.org/app/result#1.AbC"), "1.AbC");
        assert_eq!(link_payload("a#b#1.AbC"), "1.AbC");
        assert_eq!(link_payload("1.AbC"), "1.AbC");
        let rs = three();
        assert_eq!(
            received_message(&rs[0], true),
            "Added to your roster: bob — Week 1 (1 of 2, 50 %)."
        );
        assert_eq!(
            received_message(&rs[0], false),
            "Already in your roster: bob — Week 1 (1 of 2, 50 %)."
        );
    }
}
