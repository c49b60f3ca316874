//! Readiness for an exam profile: per domain, how much of it the learner
//! has met, how they did lately, and an estimate, with a range, of the share
//! of its questions they would get right now. A study guide: it predicts no
//! exam score and no pass.

use std::collections::{HashMap, HashSet};

use super::bank::Bank;
use super::grade::Tally;
use super::profile::{domain_pools, Profile};
use super::schedule::retrievability;
use super::schema::Progress;
use super::sort::sort_by;

/// Answers count as recent for 30 days.
pub const RECENT_MS: f64 = 30.0 * 86_400_000.0;

/// The share right by guessing on a four-option question, for a question
/// with no evidence at all.
pub const GUESS_RATE: f64 = 0.25;

/// z for a two-sided 80 % interval.
const Z80: f64 = 1.281_551_565_545;

/// An expected share right (0 to 1) and a range around it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Estimate {
    pub value: f64,
    pub low: f64,
    pub high: f64,
}

/// Readiness on one domain of the profile.
#[derive(Debug, Clone, PartialEq)]
pub struct DomainReadiness {
    /// The domain's index in `Profile::domains`.
    pub domain: usize,
    pub weight: f64,
    /// Questions of the domain in the banks (`profile::domain_pools`).
    pub pool: usize,
    /// Of those, the ones answered at least once (ever).
    pub seen: usize,
    /// Answers to the domain's questions in the last 30 days, all quizzes.
    pub recent: Tally,
    /// Of those, the answers in mock exams of this profile.
    pub mock: Tally,
    /// `None` for an uncovered domain.
    pub estimate: Option<Estimate>,
}

impl DomainReadiness {
    /// Seen / pool, 0 when the pool is empty.
    pub fn seen_share(&self) -> f64 {
        share(self.seen, self.pool)
    }

    /// Right / answered in the last 30 days, if any were.
    pub fn recent_accuracy(&self) -> Option<f64> {
        accuracy(self.recent)
    }
}

/// Readiness on a profile: every domain in the profile's order, and the
/// weight-averaged whole.
#[derive(Debug, Clone, PartialEq)]
pub struct Readiness {
    pub domains: Vec<DomainReadiness>,
    /// The covered domains' estimates and bounds averaged by weight;
    /// `None` when no domain is covered.
    pub overall: Option<Estimate>,
}

impl Readiness {
    /// Up to `n` covered domains, weakest first (lowest estimate; a tie
    /// goes to the heavier domain, then to file order).
    pub fn weakest(&self, n: usize) -> Vec<&DomainReadiness> {
        let mut covered: Vec<&DomainReadiness> = self
            .domains
            .iter()
            .filter(|d| d.estimate.is_some())
            .collect();
        let value = |d: &DomainReadiness| d.estimate.map_or(0.0, |e| e.value);
        sort_by(&mut covered, |a, b| {
            value(a)
                .total_cmp(&value(b))
                .then(b.weight.total_cmp(&a.weight))
                .then(a.domain.cmp(&b.domain))
        });
        covered.truncate(n);
        covered
    }

    /// Seen / pool over the covered domains.
    pub fn seen_share(&self) -> f64 {
        let covered = self.domains.iter().filter(|d| d.estimate.is_some());
        let (seen, pool) = covered.fold((0, 0), |(s, p), d| (s + d.seen, p + d.pool));
        share(seen, pool)
    }

    /// How the figures are worked out, for the learner.
    pub fn how_estimated() -> &'static str {
        "Each domain's estimate is the share of its questions you would be expected to get right today. \
         For a question in your daily review it is how likely you are to remember it now; for any other \
         question it is your accuracy on that domain over the last 30 days, or 25 % (a guess) if you have \
         not answered any. Answers in recent mock exams of this exam count beside that, one for one. \
         The range is wide when you have answered few questions in the last 30 days and narrows as you \
         answer more. It describes your practice on our questions, which cover only part of some domains; \
         it does not predict your exam score or whether you will pass."
    }
}

fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

fn accuracy(t: Tally) -> Option<f64> {
    (t.total > 0).then(|| f64::from(t.correct) / f64::from(t.total))
}

/// Readiness on `profile` at `now_ms`, from the questions of `banks`, the
/// review schedule and the attempts kept in detail in `progress`.
///
/// A covered domain's estimate:
/// 1. memory `m`: the mean over the domain's questions of the chance of a
///    right answer now, which is the FSRS retrievability for a question with
///    a review state, and otherwise the domain's recent accuracy (or
///    `GUESS_RATE` when it has no recent answer);
/// 2. with `k` answers in mock exams of this profile in the last 30 days,
///    `a` right of them: `(e·m + k·a) / (e + k)`, where `e` (the evidence
///    behind `m`) is the number of the domain's questions with a review
///    state plus its recent answers outside mock exams; `m` when `k = 0`.
///
/// Its range is the 80 % Wilson interval of that value for `n` = the
/// domain's answers in the last 30 days (0 to 100 % when `n = 0`).
pub fn readiness(
    profile: &Profile,
    banks: &[&Bank],
    progress: &Progress,
    now_ms: f64,
) -> Readiness {
    let pools = domain_pools(profile, banks);
    let mut index: HashMap<String, usize> = HashMap::new();
    for (d, pool) in pools.iter().enumerate() {
        for r in pool {
            index.insert(r.to_string(), d);
        }
    }
    let mut answered: HashSet<String> = HashSet::new();
    let mut recent = vec![Tally::default(); pools.len()];
    let mut mock = vec![Tally::default(); pools.len()];
    for a in &progress.attempts {
        let is_recent = a.finished_at > now_ms - RECENT_MS;
        let is_mock = a.spec.profile.as_deref() == Some(profile.id.as_str());
        for o in &a.outcomes {
            let key = o.qref().to_string();
            let Some(&d) = index.get(&key) else {
                continue;
            };
            answered.insert(key);
            if is_recent {
                let t = Tally {
                    correct: u32::from(o.correct),
                    total: 1,
                };
                recent[d].add(t);
                if is_mock {
                    mock[d].add(t);
                }
            }
        }
    }
    let domains: Vec<DomainReadiness> = profile
        .domains
        .iter()
        .enumerate()
        .map(|(d, domain)| {
            let keys: Vec<String> = pools[d].iter().map(ToString::to_string).collect();
            let seen = keys
                .iter()
                .filter(|k| {
                    answered.contains(*k)
                        || progress.schedule.contains_key(*k)
                        || progress.stats.get(*k).is_some_and(|s| s.seen > 0)
                })
                .count();
            let estimate = domain
                .is_covered()
                .then(|| estimate(&keys, progress, now_ms, recent[d], mock[d]));
            DomainReadiness {
                domain: d,
                weight: domain.weight,
                pool: keys.len(),
                seen,
                recent: recent[d],
                mock: mock[d],
                estimate,
            }
        })
        .collect();
    let overall = overall(&domains);
    Readiness { domains, overall }
}

/// One covered domain's estimate (the rule is on `readiness`).
fn estimate(
    keys: &[String],
    progress: &Progress,
    now_ms: f64,
    recent: Tally,
    mock: Tally,
) -> Estimate {
    let fallback = accuracy(recent).unwrap_or(GUESS_RATE);
    let mut reviewed = 0usize;
    let sum: f64 = keys
        .iter()
        .map(|k| match progress.schedule.get(k) {
            Some(card) => {
                reviewed += 1;
                retrievability(card, now_ms)
            }
            None => fallback,
        })
        .sum();
    let memory = if keys.is_empty() {
        fallback
    } else {
        sum / keys.len() as f64
    };
    let evidence = reviewed as f64 + f64::from(recent.total.saturating_sub(mock.total));
    let value = match accuracy(mock) {
        Some(a) => {
            let k = f64::from(mock.total);
            (evidence * memory + k * a) / (evidence + k)
        }
        None => memory,
    };
    let (low, high) = wilson(value, recent.total);
    Estimate { value, low, high }
}

/// The 80 % Wilson score interval for a share `p` over `n` answers; the
/// whole 0–1 when there are none.
fn wilson(p: f64, n: u32) -> (f64, f64) {
    if n == 0 {
        return (0.0, 1.0);
    }
    let p = p.clamp(0.0, 1.0);
    let n = f64::from(n);
    let z2 = Z80 * Z80;
    let denom = 1.0 + z2 / n;
    let centre = (p + z2 / (2.0 * n)) / denom;
    let half = Z80 * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt() / denom;
    ((centre - half).max(0.0), (centre + half).min(1.0))
}

/// The covered domains' estimates, low and high bounds each averaged by
/// weight. Averaging the bounds gives a range at least as wide as an
/// exact combination would: honest rather than tight.
fn overall(domains: &[DomainReadiness]) -> Option<Estimate> {
    let covered: Vec<(f64, Estimate)> = domains
        .iter()
        .filter_map(|d| d.estimate.map(|e| (d.weight, e)))
        .collect();
    let total: f64 = covered.iter().map(|(w, _)| w).sum();
    if covered.is_empty() || total <= 0.0 {
        return None;
    }
    let mean = |f: fn(&Estimate) -> f64| covered.iter().map(|(w, e)| w * f(e)).sum::<f64>() / total;
    Some(Estimate {
        value: mean(|e| e.value),
        low: mean(|e| e.low),
        high: mean(|e| e.high),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::manifest::Manifest;
    use crate::domain::profile::parse_profiles;
    use crate::domain::schema::stored::{CardState, Outcome};
    use crate::domain::test_support::{attempt, card};

    const DAY: f64 = 86_400_000.0;
    const NOW: f64 = 1_790_000_000_000.0;

    /// Domains A (50 %, t1), B (30 %, t2) and C (20 %, uncovered).
    fn profile() -> Profile {
        let text = r#"[[profiles]]
id = "cspt"
name = "CSPT"
credential = "c"
publisher = "PTCB"
questions = 75
minutes = 110
as_of = 2026-12-01
source = { title = "t", publisher = "PTCB", version = "v", url = "u", primary = true }
[[profiles.domains]]
id = "a"
name = "A"
weight = 50
topics = ["t1"]
[[profiles.domains]]
id = "b"
name = "B"
weight = 30
topics = ["t2"]
[[profiles.domains]]
id = "c"
name = "C"
weight = 20
uncovered = true
note = "No bank."
"#;
        let m = Manifest::parse("[[topics]]\nid='t1'\nlabel='1'\n[[topics]]\nid='t2'\nlabel='2'\n")
            .unwrap();
        parse_profiles(text, &m).unwrap().remove(0)
    }

    /// a1–a4 on t1, b1–b2 on t2, all CSPT.
    fn bank() -> Bank {
        let q = |id: &str, tag: &str| {
            let mut q = Question::sample(id, &[tag], Kind::TrueFalse { answer: true });
            q.outlines = vec!["cspt".into()];
            q
        };
        Bank {
            id: "k".into(),
            title: "k".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: vec![
                q("a1", "t1"),
                q("a2", "t1"),
                q("a3", "t1"),
                q("a4", "t1"),
                q("b1", "t2"),
                q("b2", "t2"),
            ],
        }
    }

    fn quiz(
        id: &str,
        at: f64,
        mock: bool,
        answers: &[(&str, bool)],
    ) -> crate::domain::schema::stored::Attempt {
        let mut a = attempt(id, at);
        a.spec.profile = mock.then(|| "cspt".to_string());
        a.outcomes = answers
            .iter()
            .map(|(q, correct)| Outcome {
                bank: "k".into(),
                id: q.to_string(),
                response: None,
                correct: *correct,
            })
            .collect();
        a
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn estimates_on_a_fixed_history() {
        let mut p = Progress::default();
        // a1 reviewed 10 days ago with stability 10: retrievability 0.9;
        // a2 reviewed just now: 1.0.
        p.schedule.insert(
            "k/a1".into(),
            CardState {
                stability: 10.0,
                ..card(NOW - 10.0 * DAY)
            },
        );
        p.schedule.insert(
            "k/a2".into(),
            CardState {
                stability: 5.0,
                ..card(NOW)
            },
        );
        p.attempts = vec![
            quiz("old", NOW - 40.0 * DAY, false, &[("a4", true)]),
            quiz(
                "practice",
                NOW - 5.0 * DAY,
                false,
                &[("a1", true), ("a3", false), ("b1", true)],
            ),
            quiz(
                "mock",
                NOW - 2.0 * DAY,
                true,
                &[("a3", true), ("a4", false), ("b1", true), ("b2", false)],
            ),
        ];
        let b = bank();
        let r = readiness(&profile(), &[&b], &p, NOW);
        let [a, bb, c] = &r.domains[..] else {
            panic!("three domains")
        };
        // A: all four seen; recent 2 of 4 (the 40-day-old answer is not recent).
        assert_eq!(
            (a.pool, a.seen, a.recent, a.mock),
            (
                4,
                4,
                Tally {
                    correct: 2,
                    total: 4
                },
                Tally {
                    correct: 1,
                    total: 2
                }
            )
        );
        // m = (0.9 + 1.0 + 0.5 + 0.5) / 4 = 0.725; e = 2 reviewed + 2 other
        // recent answers; k = 2 mock answers, half right:
        // (4 × 0.725 + 2 × 0.5) / 6 = 0.65.
        let ea = a.estimate.unwrap();
        assert!(close(ea.value, 0.65), "{ea:?}");
        // Wilson 80 % for 0.65 over 4 answers.
        assert!(
            close(ea.low, 0.345_327_229_973_860_6) && close(ea.high, 0.867_349_191_636_476_8),
            "{ea:?}"
        );
        // B: recent 2 of 3, so m = 2/3 for both unreviewed questions;
        // e = 1 practice answer, k = 2 (1 right): (2/3 + 1) / 3 = 5/9.
        assert_eq!(
            (bb.seen, bb.recent, bb.mock),
            (
                2,
                Tally {
                    correct: 2,
                    total: 3
                },
                Tally {
                    correct: 1,
                    total: 2
                }
            )
        );
        let eb = bb.estimate.unwrap();
        assert!(close(eb.value, 5.0 / 9.0), "{eb:?}");
        assert!(
            close(eb.low, 0.239_693_258_934_645_4) && close(eb.high, 0.832_109_078_301_547_2),
            "{eb:?}"
        );
        assert_eq!((c.pool, c.estimate), (0, None));
        // Overall: (50 × 0.65 + 30 × 5/9) / 80, bounds likewise.
        let o = r.overall.unwrap();
        assert!(close(o.value, 0.614_583_333_333_333_4), "{o:?}");
        assert!(
            close(o.low, 0.305_714_490_834_154_9) && close(o.high, 0.854_134_149_135_878_3),
            "{o:?}"
        );
        let weakest: Vec<usize> = r.weakest(5).iter().map(|d| d.domain).collect();
        assert_eq!(weakest, [1, 0], "B (5/9) before A (0.65); C is not covered");
        assert_eq!(r.weakest(1).len(), 1);
        assert!(close(r.seen_share(), 1.0));
        assert!(close(a.recent_accuracy().unwrap(), 0.5));
    }

    #[test]
    fn with_no_history_every_domain_is_a_guess_with_the_widest_range() {
        let b = bank();
        let r = readiness(&profile(), &[&b], &Progress::default(), NOW);
        for d in &r.domains[..2] {
            assert_eq!(d.seen, 0);
            assert_eq!(
                d.estimate,
                Some(Estimate {
                    value: GUESS_RATE,
                    low: 0.0,
                    high: 1.0
                })
            );
            assert_eq!(d.recent_accuracy(), None);
        }
        // A tie: the heavier domain first.
        let weakest: Vec<usize> = r.weakest(2).iter().map(|d| d.domain).collect();
        assert_eq!(weakest, [0, 1]);
        assert_eq!(
            r.overall,
            Some(Estimate {
                value: GUESS_RATE,
                low: 0.0,
                high: 1.0
            })
        );
        assert_eq!(r.seen_share(), 0.0);
    }

    #[test]
    fn archived_answers_count_as_seen_and_review_alone_counts_as_evidence() {
        let mut p = Progress::default();
        p.stats.insert(
            "k/b1".into(),
            crate::domain::schema::stored::QuestionStats {
                seen: 1,
                correct: 1,
                last_ms: NOW - 90.0 * DAY,
                last_correct: true,
            },
        );
        p.schedule.insert("k/a1".into(), card(NOW));
        let b = bank();
        let r = readiness(&profile(), &[&b], &p, NOW);
        assert_eq!((r.domains[0].seen, r.domains[1].seen), (1, 1));
        // A: (1.0 + 3 × 0.25) / 4, no recent answer, so the range stays 0–1.
        let ea = r.domains[0].estimate.unwrap();
        assert!(
            close(ea.value, 0.4375) && ea.low == 0.0 && ea.high == 1.0,
            "{ea:?}"
        );
    }

    #[test]
    fn the_explanation_is_short_and_promises_nothing() {
        let text = Readiness::how_estimated();
        let sentences = text.matches(". ").count() + 1;
        assert!((3..=5).contains(&sentences), "{sentences}: {text}");
        assert!(text.contains("does not predict"));
    }
}
