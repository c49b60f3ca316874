//! Progress figures for the dashboard and home page, computed from stored
//! attempts (their summaries survive compaction, so figures stay exact).

use std::collections::{BTreeMap, BTreeSet};

use super::bank::Bank;
use super::grade::Tally;
use super::quiz::QRef;
use super::schema::{Progress, DETAIL_LIMIT};
use super::sort::{sort_by, sort_by_key};

/// Mastery rests on at least this many of the most recent answers (whole attempts).
pub const RECENT_ANSWERS: u32 = 20;

#[derive(Debug, Clone, PartialEq)]
pub struct TopicProgress {
    pub tag: String,
    /// Share correct over recent answers, and how many answers it rests on.
    pub mastery: Tally,
}

#[derive(Debug, Clone, PartialEq)]
pub struct BankProgress {
    pub id: String,
    pub title: String,
    pub mastery: Tally,
    pub seen: usize,
    pub total: usize,
    pub best: Option<u32>,
    pub last: Option<u32>,
    pub average: Option<u32>,
    pub time_secs: u64,
    /// Weakest first.
    pub topics: Vec<TopicProgress>,
}

impl BankProgress {
    /// Up to three topics with answers, weakest first.
    pub fn weakest(&self) -> Vec<&TopicProgress> {
        self.topics
            .iter()
            .filter(|t| t.mastery.total > 0 && t.mastery.percent() < 100)
            .take(3)
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Dashboard {
    pub banks: Vec<BankProgress>,
    /// (finished at ms, percent) per attempt, oldest first.
    pub scores: Vec<(f64, u32)>,
    pub streak_days: u32,
    pub today_answers: u32,
    pub today_secs: u64,
    pub total_secs: u64,
    pub attempts: usize,
}

/// Day number in local time; `tz_offset_min` is JavaScript's getTimezoneOffset().
pub fn local_day(ms: f64, tz_offset_min: f64) -> i64 {
    ((ms - tz_offset_min * 60_000.0) / 86_400_000.0).floor() as i64
}

/// Start of the local day containing `ms`, in ms since the epoch.
pub fn day_start(ms: f64, tz_offset_min: f64) -> f64 {
    local_day(ms, tz_offset_min) as f64 * 86_400_000.0 + tz_offset_min * 60_000.0
}

/// Consecutive days with a finished quiz, ending today (or yesterday, so a
/// streak is not lost before today's study).
pub fn streak(days: &BTreeSet<i64>, today: i64) -> u32 {
    let mut d = if days.contains(&today) {
        today
    } else {
        today - 1
    };
    let mut n = 0;
    while days.contains(&d) {
        n += 1;
        d -= 1;
    }
    n
}

impl Dashboard {
    pub fn compute(p: &Progress, banks: &[&Bank], now_ms: f64, tz_offset_min: f64) -> Dashboard {
        let attempts = p.summaries();
        let today = local_day(now_ms, tz_offset_min);
        let days: BTreeSet<i64> = attempts
            .iter()
            .map(|a| local_day(a.finished_at, tz_offset_min))
            .collect();
        let todays = attempts
            .iter()
            .filter(|a| local_day(a.finished_at, tz_offset_min) == today);
        let (today_answers, today_secs) = todays.fold((0, 0), |(n, s), a| {
            (n + a.score.total, s + a.duration_secs as u64)
        });

        let mut seen: BTreeSet<String> = p.stats.keys().cloned().collect();
        for a in &p.attempts {
            for o in &a.outcomes {
                seen.insert(o.qref().to_string());
            }
        }

        let bank_progress = banks
            .iter()
            .map(|bank| {
                let mine: Vec<_> = attempts
                    .iter()
                    .filter(|a| a.by_bank.get(&bank.id).is_some_and(|t| t.total > 0))
                    .collect();
                let percents: Vec<u32> =
                    mine.iter().map(|a| a.by_bank[&bank.id].percent()).collect();
                let time_secs = mine
                    .iter()
                    .map(|a| {
                        a.duration_secs as u64 * a.by_bank[&bank.id].total as u64
                            / a.score.total.max(1) as u64
                    })
                    .sum();
                // Mastery: newest attempts first until enough answers.
                let mut mastery = Tally::default();
                for a in mine.iter().rev() {
                    if mastery.total >= RECENT_ANSWERS {
                        break;
                    }
                    mastery.add(a.by_bank[&bank.id]);
                }
                let bank_tags: BTreeSet<&String> =
                    bank.questions.iter().flat_map(|q| q.tags.iter()).collect();
                let mut topic_mastery: BTreeMap<&String, Tally> =
                    bank_tags.iter().map(|t| (*t, Tally::default())).collect();
                // Within the newest DETAIL_LIMIT attempts (the ones that keep
                // per-topic detail), so compaction never changes the figure.
                for by_tag in attempts
                    .iter()
                    .rev()
                    .take(DETAIL_LIMIT)
                    .filter_map(|a| a.by_tag)
                {
                    for (tag, t) in by_tag {
                        if let Some(m) = topic_mastery.get_mut(tag) {
                            if m.total < RECENT_ANSWERS {
                                m.add(*t);
                            }
                        }
                    }
                }
                let mut topics: Vec<TopicProgress> = topic_mastery
                    .into_iter()
                    .map(|(tag, mastery)| TopicProgress {
                        tag: tag.clone(),
                        mastery,
                    })
                    .collect();
                // Weakest first; topics never answered go last.
                sort_by_key(&mut topics, |t| {
                    (t.mastery.total == 0, t.mastery.percent(), t.tag.clone())
                });
                BankProgress {
                    id: bank.id.clone(),
                    title: bank.title.clone(),
                    mastery,
                    seen: bank
                        .questions
                        .iter()
                        .filter(|q| seen.contains(&QRef::new(&bank.id, &q.id).to_string()))
                        .count(),
                    total: bank.questions.len(),
                    best: percents.iter().max().copied(),
                    last: percents.last().copied(),
                    average: (!percents.is_empty()).then(|| {
                        (percents.iter().sum::<u32>() as f64 / percents.len() as f64).round() as u32
                    }),
                    time_secs,
                    topics,
                }
            })
            .collect();

        Dashboard {
            banks: bank_progress,
            scores: attempts
                .iter()
                .map(|a| (a.finished_at, a.score.percent()))
                .collect(),
            streak_days: streak(&days, today),
            today_answers,
            today_secs,
            total_secs: attempts.iter().map(|a| a.duration_secs as u64).sum(),
            attempts: attempts.len(),
        }
    }
}

/// Questions whose most recent answer was wrong, most recent first;
/// `bank` limits them to one bank.
pub fn missed(p: &Progress, bank: Option<&str>) -> Vec<QRef> {
    let mut latest: BTreeMap<String, (f64, bool)> = p
        .stats
        .iter()
        .map(|(k, s)| (k.clone(), (s.last_ms, s.last_correct)))
        .collect();
    for a in &p.attempts {
        for o in &a.outcomes {
            let k = o.qref().to_string();
            match latest.get(&k) {
                Some((t, _)) if *t > a.finished_at => {}
                _ => {
                    latest.insert(k, (a.finished_at, o.correct));
                }
            }
        }
    }
    let mut wrong: Vec<(f64, String)> = latest
        .into_iter()
        .filter(|(_, (_, ok))| !ok)
        .map(|(k, (t, _))| (t, k))
        .collect();
    sort_by(&mut wrong, |a, b| {
        b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1))
    });
    wrong
        .into_iter()
        .filter_map(|(_, k)| k.parse::<QRef>().ok())
        .filter(|r| bank.is_none_or(|b| r.bank == b))
        .collect()
}

/// Flagged questions, most recently flagged first.
pub fn flagged(p: &Progress) -> Vec<QRef> {
    let mut v: Vec<(&String, f64)> = p
        .flags
        .iter()
        .filter(|(_, (on, _))| *on)
        .map(|(k, (_, t))| (k, *t))
        .collect();
    sort_by(&mut v, |a, b| b.1.total_cmp(&a.1));
    v.into_iter().filter_map(|(k, _)| k.parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::schema::merge::compact;
    use crate::domain::schema::stored::Outcome;
    use crate::domain::test_support::attempt;

    const DAY: f64 = 86_400_000.0;

    fn bank(id: &str, tags: &[&str]) -> Bank {
        Bank {
            id: id.into(),
            title: id.into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: (1..=4)
                .map(|i| {
                    let id = format!(
                        "{}-{i:03}",
                        if id == "compounding" { "cmp" } else { &id[..3] }
                    );
                    Question::sample(
                        &id,
                        &[tags[i % tags.len()]],
                        Kind::TrueFalse { answer: true },
                    )
                })
                .collect(),
        }
    }

    #[test]
    fn streak_counts_consecutive_days() {
        let days: BTreeSet<i64> = [10, 11, 12, 14].into();
        assert_eq!(streak(&days, 14), 1);
        assert_eq!(
            streak(&days, 13),
            3,
            "yesterday's streak is still alive today"
        );
        assert_eq!(streak(&days, 12), 3);
        assert_eq!(streak(&days, 16), 0);
    }

    #[test]
    fn local_days_follow_the_time_zone() {
        // 2026-01-01T02:00Z is still Dec 31 in New York (UTC-5, offset +300).
        let t = 1_767_232_800_000.0;
        assert_eq!(local_day(t, 300.0), local_day(t, 0.0) - 1);
        assert_eq!(day_start(t, 0.0), 1_767_225_600_000.0);
    }

    #[test]
    fn bank_figures_and_mastery() {
        let cmp = bank("compounding", &["calc-percent", "sc-garbing"]);
        let inv = bank("inventory", &["inv-math"]);
        let mut p = Progress::default();
        let now = 1_790_000_000_000.0;
        p.attempts.push(attempt("old", now - 2.0 * DAY)); // cmp 1/1, inv 0/1, 30 s
        let mut b = attempt("new", now - 1000.0);
        b.by_bank.insert(
            "compounding".into(),
            Tally {
                correct: 0,
                total: 1,
            },
        );
        p.attempts.push(b);
        let d = Dashboard::compute(&p, &[&cmp, &inv], now, 0.0);
        let c = &d.banks[0];
        assert_eq!((c.best, c.last, c.average), (Some(100), Some(0), Some(50)));
        assert_eq!(
            c.mastery,
            Tally {
                correct: 1,
                total: 2
            }
        );
        assert_eq!(c.seen, 1, "cmp-001 was answered");
        assert_eq!(c.time_secs, 30, "half of each 30 s attempt");
        assert_eq!(c.topics[0].tag, "calc-percent");
        assert_eq!(
            c.topics[0].mastery,
            Tally {
                correct: 2,
                total: 4
            }
        );
        assert_eq!(c.weakest().len(), 1);
        assert_eq!(d.streak_days, 1);
        assert_eq!((d.today_answers, d.today_secs), (2, 30));
        assert_eq!(d.scores, vec![(now - 2.0 * DAY, 50), (now - 1000.0, 50)]);
    }

    #[test]
    fn compaction_keeps_dashboard_figures_exact() {
        let cmp = bank("compounding", &["calc-percent"]);
        let inv = bank("inventory", &["inv-math"]);
        let mut p = Progress::default();
        for i in 0..(DETAIL_LIMIT + 40) {
            let mut a = attempt(&format!("a{i}"), 1.7e12 + i as f64 * 3_600_000.0);
            a.outcomes[0].id = format!("cmp-{:03}", i % 4 + 1);
            a.outcomes[0].correct = i % 3 == 0;
            p.attempts.push(a);
        }
        let before = Dashboard::compute(&p, &[&cmp, &inv], 1.8e12, 0.0);
        let missed_before = missed(&p, None);
        compact(&mut p);
        assert_eq!(p.archive.len(), 40);
        assert_eq!(Dashboard::compute(&p, &[&cmp, &inv], 1.8e12, 0.0), before);
        assert_eq!(missed(&p, None), missed_before);
    }

    #[test]
    fn missed_lists_latest_wrong_answers_only() {
        let mut p = Progress::default();
        let mut a = attempt("1", 1.0); // cmp-001 right, inv-002 wrong
        a.outcomes.push(Outcome {
            bank: "compounding".into(),
            id: "cmp-009".into(),
            response: None,
            correct: false,
        });
        p.attempts.push(a);
        let mut b = attempt("2", 2.0);
        b.outcomes = vec![Outcome {
            bank: "inventory".into(),
            id: "inv-002".into(),
            response: None,
            correct: true,
        }];
        p.attempts.push(b);
        let m = missed(&p, None);
        assert_eq!(
            m,
            vec![QRef {
                bank: "compounding".into(),
                id: "cmp-009".into()
            }]
        );
        assert!(missed(&p, Some("inventory")).is_empty());
    }

    #[test]
    fn flagged_lists_only_current_flags() {
        let mut p = Progress::default();
        p.flags.insert("b/q1".into(), (true, 1.0));
        p.flags.insert("b/q2".into(), (false, 2.0));
        p.flags.insert("b/q3".into(), (true, 3.0));
        assert_eq!(
            flagged(&p)
                .iter()
                .map(|r| r.id.as_str())
                .collect::<Vec<_>>(),
            vec!["q3", "q1"]
        );
    }
}
