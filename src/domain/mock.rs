//! Mock exams: a quiz drawn from an exam profile's covered domains in
//! proportion to their weights, timed like the real exam, and its result
//! read back by domain.

use std::collections::{HashMap, HashSet};
use thiserror::Error;

use super::bank::{fmt_number, Bank};
use super::grade::Tally;
use super::profile::{domain_of, domain_pools, Profile};
use super::quiz::{Mode, QRef, QuizSpec};
use super::rng::Rng;
use super::schema::stored::Attempt;
use super::sort::{sort, sort_by};

/// The pass mark of a mock exam. It is the app's usual 70 %, not the exam's
/// rule: the real exams report scaled scores, which a mock cannot compute.
pub const MOCK_PASS_MARK: u8 = 70;

/// How long a mock exam is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MockLength {
    /// As many questions as the real exam (`Profile::questions`).
    Full,
    /// Fewer questions, with the time cut in proportion.
    Short(usize),
}

/// A mock exam ready to start: its quiz spec and how it was drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct MockPlan {
    /// Exam mode, the drawn questions in a fixed (shuffled) order, the
    /// scaled time limit and `profile` set.
    pub spec: QuizSpec,
    /// Per covered domain: (domain index in the profile, questions asked,
    /// questions its weight asked for).
    pub per_domain: Vec<(usize, usize, usize)>,
    /// Our banks cover only part of the exam (`Profile::is_partial`).
    pub partial: bool,
    /// What the learner should know about how the mock differs from the
    /// exam (shorter, a domain short of questions, a domain left out).
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum MockError {
    #[error("A mock exam needs at least one question.")]
    ZeroLength,
    #[error("A short mock exam has at most {0} questions, as many as the real exam.")]
    TooLong(usize),
    #[error("None of this exam's domains is covered by the question banks, so there is nothing to draw from.")]
    NoCoveredDomain,
    #[error("No question in the loaded banks belongs to this exam's domains.")]
    NoQuestions,
}

/// Splits `n` among weights by largest remainder (Hamilton's method): each
/// share `n·w/Σw` is rounded down, then the seats left go to the largest
/// remainders (ties to the earlier weight). The counts sum to `n` and each
/// is within 1 of its share. Weights that are not positive numbers count as
/// 0; when none is positive, the shares are equal.
pub fn allocate(weights: &[f64], n: usize) -> Vec<usize> {
    if weights.is_empty() {
        return Vec::new();
    }
    let mut w: Vec<f64> = weights
        .iter()
        .map(|&x| if x.is_finite() && x > 0.0 { x } else { 0.0 })
        .collect();
    let mut total: f64 = w.iter().sum();
    if !(total.is_finite() && total > 0.0) {
        w = vec![1.0; weights.len()];
        total = w.len() as f64;
    }
    let quotas: Vec<f64> = w.iter().map(|x| n as f64 * x / total).collect();
    let mut counts: Vec<usize> = quotas.iter().map(|q| q.floor() as usize).collect();
    let remainder = |i: usize| quotas[i] - quotas[i].floor();
    let mut order: Vec<usize> = (0..w.len()).collect();
    sort_by(&mut order, |&a, &b| {
        remainder(b).total_cmp(&remainder(a)).then(a.cmp(&b))
    });
    let given: usize = counts.iter().sum();
    if given <= n {
        for &i in order.iter().cycle().take(n - given) {
            counts[i] += 1;
        }
    } else {
        // Rounding in f64 gave a seat too many: take it from the smallest remainder.
        let mut extra = given - n;
        for &i in order.iter().rev() {
            if extra == 0 {
                break;
            }
            if counts[i] > 0 {
                counts[i] -= 1;
                extra -= 1;
            }
        }
    }
    counts
}

/// Draws a mock exam for `profile` from `banks` with `seed`.
///
/// Only covered domains take part, their weights rescaled to the whole.
/// Each domain's share (`allocate`) is drawn at random from its questions;
/// a domain with fewer questions than its share gives all it has, and the
/// shortfall goes to the domains that still have questions, by the same
/// apportionment, so the mock keeps its length while the banks allow. Two
/// questions that give each other away (`excludes`) are never both drawn.
/// The time is the exam's answering time scaled to the questions asked,
/// rounded up to whole minutes.
pub fn plan_mock(
    profile: &Profile,
    banks: &[&Bank],
    length: MockLength,
    seed: u64,
) -> Result<MockPlan, MockError> {
    let n = match length {
        MockLength::Full => profile.questions,
        MockLength::Short(n) if n > profile.questions => {
            return Err(MockError::TooLong(profile.questions))
        }
        MockLength::Short(n) => n,
    };
    if n == 0 {
        return Err(MockError::ZeroLength);
    }
    let covered: Vec<usize> = (0..profile.domains.len())
        .filter(|&i| profile.domains[i].is_covered())
        .collect();
    if covered.is_empty() {
        return Err(MockError::NoCoveredDomain);
    }
    let mut pools = domain_pools(profile, banks);
    if covered.iter().all(|&d| pools[d].is_empty()) {
        return Err(MockError::NoQuestions);
    }
    let mut rng = Rng::new(seed);
    let mut draw = Draw::new(banks);
    let covered_pools: Vec<Vec<QRef>> = covered
        .iter()
        .map(|&d| {
            let mut pool = std::mem::take(&mut pools[d]);
            // By key, so the draw does not depend on the order of the banks.
            sort(&mut pool);
            rng.shuffle(&mut pool);
            pool
        })
        .collect();
    let weights: Vec<f64> = covered.iter().map(|&d| profile.domains[d].weight).collect();
    let wanted = allocate(&weights, n);
    let taken = draw.take(&covered_pools, &weights, &wanted);
    let per_domain: Vec<(usize, usize, usize)> = covered
        .iter()
        .zip(&taken)
        .zip(&wanted)
        .map(|((&d, t), &w)| (d, t.len(), w))
        .collect();
    let mut drawn: Vec<QRef> = taken.into_iter().flatten().collect();
    rng.shuffle(&mut drawn);
    let asked = drawn.len();
    let minutes =
        (u64::from(profile.minutes) * asked as u64).div_ceil(profile.questions.max(1) as u64);
    let secs = u32::try_from(minutes * 60).unwrap_or(u32::MAX);
    let spec = QuizSpec {
        mode: Mode::Exam,
        fixed_order: true,
        time_limit_secs: Some(secs),
        profile: Some(profile.id.clone()),
        ..QuizSpec::of_questions(drawn, MOCK_PASS_MARK, seed)
    };
    Ok(MockPlan {
        spec,
        note: note(profile, n, &per_domain),
        per_domain,
        partial: profile.is_partial(),
    })
}

/// The draw's memory: which questions may no longer be taken because a
/// question that gives them away (or that they give away) was.
struct Draw {
    partners: HashMap<QRef, Vec<QRef>>,
    blocked: HashSet<QRef>,
}

impl Draw {
    fn new(banks: &[&Bank]) -> Draw {
        let mut partners: HashMap<QRef, Vec<QRef>> = HashMap::new();
        for b in banks {
            for q in &b.questions {
                for x in &q.excludes {
                    partners
                        .entry(QRef::new(&b.id, &q.id))
                        .or_default()
                        .push(QRef::new(&b.id, x));
                    partners
                        .entry(QRef::new(&b.id, x))
                        .or_default()
                        .push(QRef::new(&b.id, &q.id));
                }
            }
        }
        Draw {
            partners,
            blocked: HashSet::new(),
        }
    }

    /// Takes `wanted[k]` from each shuffled pool in turn, then hands what
    /// the exhausted pools could not give to the others by `allocate`,
    /// until nothing is missing or every pool is exhausted. Each round
    /// exhausts at least one pool, so there are at most as many rounds as pools.
    fn take(&mut self, pools: &[Vec<QRef>], weights: &[f64], wanted: &[usize]) -> Vec<Vec<QRef>> {
        let k = pools.len();
        let mut need = wanted.to_vec();
        let mut next = vec![0; k];
        let mut open = vec![true; k];
        let mut taken: Vec<Vec<QRef>> = vec![Vec::new(); k];
        loop {
            let mut short = 0;
            for d in 0..k {
                while need[d] > 0 && next[d] < pools[d].len() {
                    let r = &pools[d][next[d]];
                    next[d] += 1;
                    if self.blocked.contains(r) {
                        continue;
                    }
                    for p in self.partners.get(r).into_iter().flatten() {
                        self.blocked.insert(p.clone());
                    }
                    taken[d].push(r.clone());
                    need[d] -= 1;
                }
                if next[d] == pools[d].len() {
                    open[d] = false;
                }
                short += std::mem::take(&mut need[d]);
            }
            let still: Vec<usize> = (0..k).filter(|&d| open[d]).collect();
            if short == 0 || still.is_empty() {
                return taken;
            }
            let w: Vec<f64> = still.iter().map(|&d| weights[d]).collect();
            for (&d, extra) in still.iter().zip(allocate(&w, short)) {
                need[d] = extra;
            }
        }
    }
}

/// Plain words on how the mock differs from the exam, if it does.
fn note(profile: &Profile, n: usize, per_domain: &[(usize, usize, usize)]) -> Option<String> {
    let mut parts = Vec::new();
    let asked: usize = per_domain.iter().map(|p| p.1).sum();
    let short: Vec<String> = per_domain
        .iter()
        .filter(|p| p.1 < p.2)
        .map(|&(d, a, w)| format!("{} ({a} of {w})", profile.domains[d].name))
        .collect();
    if asked < n {
        parts.push(format!(
            "This mock exam has {asked} question{}, not {n}: the question banks have no more for this exam's domains.",
            if asked == 1 { "" } else { "s" }
        ));
    } else if !short.is_empty() {
        parts.push(format!(
            "{} {}; the other domains make up the difference.",
            join_and(&short),
            if short.len() == 1 {
                "has fewer questions than its weight asks for"
            } else {
                "have fewer questions than their weights ask for"
            },
        ));
    }
    let left_out: Vec<String> = profile
        .domains
        .iter()
        .filter(|d| !d.is_covered())
        .map(|d| format!("{} ({} %)", d.name, fmt_number(d.weight)))
        .collect();
    if !left_out.is_empty() {
        parts.push(format!(
            "It leaves out {}, which no question bank covers.",
            join_and(&left_out)
        ));
    }
    (!parts.is_empty()).then(|| parts.join(" "))
}

/// "a", "a and b", "a, b and c".
fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// A finished mock exam's result per domain of `profile` (index = domain
/// index): right answers and questions asked. An answer whose question is
/// no longer in `banks`, or no longer belongs to a domain (the bank
/// changed since), is left out, so the domains may add up to less than
/// the attempt's score.
pub fn results_by_domain(profile: &Profile, banks: &[&Bank], attempt: &Attempt) -> Vec<Tally> {
    let mut out = vec![Tally::default(); profile.domains.len()];
    for o in &attempt.outcomes {
        let question = banks
            .iter()
            .find(|b| b.id == o.bank)
            .and_then(|b| b.question(&o.id));
        if let Some(d) = question.and_then(|q| domain_of(profile, q)) {
            out[d].add(Tally {
                correct: u32::from(o.correct),
                total: 1,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::manifest::Manifest;
    use crate::domain::profile::parse_profiles;
    use crate::domain::quiz::assemble;
    use crate::domain::schema::stored::Outcome;
    use crate::domain::test_support::attempt;

    /// A CSPT-like profile (75 questions, 110 minutes) with domains
    /// `(name, weight, topic)`; an empty topic marks the domain uncovered.
    fn profile(domains: &[(&str, f64, &str)]) -> Profile {
        let mut text = String::from(
            "[[profiles]]\nid = \"cspt\"\nname = \"CSPT\"\ncredential = \"c\"\npublisher = \"PTCB\"\nquestions = 75\nminutes = 110\nas_of = 2026-12-01\nsource = { title = \"t\", publisher = \"PTCB\", version = \"v\", url = \"u\", primary = true }\n",
        );
        for (name, weight, topic) in domains {
            text.push_str(&format!(
                "[[profiles.domains]]\nid = \"{name}\"\nname = \"{name}\"\nweight = {weight:?}\n"
            ));
            if topic.is_empty() {
                text.push_str("uncovered = true\nnote = \"No bank.\"\n");
            } else {
                text.push_str(&format!("topics = [\"{topic}\"]\n"));
            }
        }
        let manifest = Manifest::parse(
            "[[topics]]\nid='t1'\nlabel='1'\n[[topics]]\nid='t2'\nlabel='2'\n[[topics]]\nid='t3'\nlabel='3'\n",
        )
        .unwrap();
        parse_profiles(&text, &manifest).unwrap().remove(0)
    }

    /// A bank with `n` CSPT questions on each topic of `spec`.
    fn bank(id: &str, spec: &[(&str, usize)]) -> Bank {
        let mut questions = Vec::new();
        for (topic, n) in spec {
            for i in 0..*n {
                let mut q = Question::sample(
                    &format!("{topic}-{i:03}"),
                    &[topic],
                    Kind::TrueFalse { answer: true },
                );
                q.outlines = vec!["cspt".into()];
                questions.push(q);
            }
        }
        Bank {
            id: id.into(),
            title: id.into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions,
        }
    }

    fn asked(plan: &MockPlan) -> Vec<usize> {
        plan.per_domain.iter().map(|p| p.1).collect()
    }

    #[test]
    fn allocate_by_hand() {
        // PTCE 2026 on 90: shares 31.5, 16.875, 21.375, 20.25; the two seats
        // left go to the largest remainders (.875, then .5).
        assert_eq!(allocate(&[35.0, 18.75, 23.75, 22.5], 90), [32, 17, 21, 20]);
        assert_eq!(allocate(&[35.0, 18.75, 23.75, 22.5], 80), [28, 15, 19, 18]);
        // CSPT on 75: 12.75, 16.5, 39.75, 6; ties of .75 go to the earlier.
        assert_eq!(allocate(&[17.0, 22.0, 53.0, 8.0], 75), [13, 16, 40, 6]);
        assert_eq!(allocate(&[1.0, 1.0, 1.0], 2), [1, 1, 0]);
        assert_eq!(
            allocate(&[0.0, 0.0, 0.0], 5),
            [2, 2, 1],
            "no positive weight: equal shares"
        );
        assert_eq!(allocate(&[f64::NAN, 1.0], 3), [0, 3]);
        assert_eq!(allocate(&[3.0, 1.0], 0), [0, 0]);
        assert!(allocate(&[], 5).is_empty());
    }

    #[test]
    fn allocate_sums_to_n_and_each_count_is_within_one_of_its_share() {
        let mut sets: Vec<Vec<f64>> = vec![
            vec![35.0, 18.75, 23.75, 22.5],
            vec![17.0, 22.0, 53.0, 8.0],
            vec![22.0, 16.0, 13.0, 11.0, 16.0, 22.0],
            vec![15.0, 15.0, 43.0, 14.0],
            vec![100.0],
            vec![1.0, 1.0, 1.0],
            vec![0.001, 99.999],
        ];
        let mut rng = Rng::new(9);
        for _ in 0..200 {
            let k = 1 + rng.below(8);
            sets.push(
                (0..k)
                    .map(|_| (1 + rng.below(4000)) as f64 / 40.0)
                    .collect(),
            );
        }
        for w in &sets {
            let total: f64 = w.iter().sum();
            for n in 0..=300 {
                let counts = allocate(w, n);
                assert_eq!(counts.iter().sum::<usize>(), n, "{w:?} {n}");
                for (c, x) in counts.iter().zip(w) {
                    let share = n as f64 * x / total;
                    assert!(
                        (*c as f64 - share).abs() < 1.0,
                        "{w:?} {n}: {c} for {share}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_full_mock_follows_the_weights_and_the_exam_clock() {
        let p = profile(&[("A", 60.0, "t1"), ("B", 40.0, "t2")]);
        let b = bank("b", &[("t1", 100), ("t2", 100)]);
        let plan = plan_mock(&p, &[&b], MockLength::Full, 7).unwrap();
        assert_eq!(plan.per_domain, [(0, 45, 45), (1, 30, 30)]);
        assert_eq!((plan.partial, plan.note.as_deref()), (false, None));
        let s = &plan.spec;
        assert_eq!(
            (s.count, s.only.len(), s.mode, s.fixed_order),
            (75, 75, Mode::Exam, true)
        );
        assert_eq!(
            (s.time_limit_secs, s.pass_mark, s.seed),
            (Some(110 * 60), MOCK_PASS_MARK, 7)
        );
        assert_eq!(s.profile.as_deref(), Some("cspt"));
        assert_eq!(s.banks, ["b"]);
        let built = assemble(s, &[&b]).unwrap();
        let order: Vec<QRef> = built.items.iter().map(|i| i.qref()).collect();
        assert_eq!(order, s.only, "asked as drawn");
        // The domains are mixed, not asked one after the other.
        let first: Vec<bool> = s.only[..45]
            .iter()
            .map(|r| r.id.starts_with("t1"))
            .collect();
        assert!(first.contains(&false));
    }

    #[test]
    fn the_same_seed_draws_the_same_mock() {
        let p = profile(&[("A", 60.0, "t1"), ("B", 40.0, "t2")]);
        let b = bank("b", &[("t1", 100), ("t2", 100)]);
        let draw = |seed| plan_mock(&p, &[&b], MockLength::Short(20), seed).unwrap();
        assert_eq!(draw(3), draw(3));
        assert_ne!(draw(3).spec.only, draw(4).spec.only);
    }

    #[test]
    fn a_domain_short_of_questions_gives_its_shortfall_to_the_others() {
        let p = profile(&[("A", 50.0, "t1"), ("B", 30.0, "t2"), ("C", 20.0, "t3")]);
        let b = bank("b", &[("t1", 5), ("t2", 100), ("t3", 100)]);
        let plan = plan_mock(&p, &[&b], MockLength::Full, 1).unwrap();
        // Wanted 38, 22, 15; A gives 5, and its 33 more go 3:2 (19.8, 13.2 → 20, 13).
        assert_eq!(plan.per_domain, [(0, 5, 38), (1, 42, 22), (2, 28, 15)]);
        assert_eq!(plan.spec.count, 75);
        assert_eq!(
            plan.note.as_deref(),
            Some("A (5 of 38) has fewer questions than its weight asks for; the other domains make up the difference.")
        );
    }

    #[test]
    fn two_short_domains_are_named_together() {
        let p = profile(&[("A", 40.0, "t1"), ("B", 40.0, "t2"), ("C", 20.0, "t3")]);
        let b = bank("b", &[("t1", 2), ("t2", 3), ("t3", 100)]);
        let plan = plan_mock(&p, &[&b], MockLength::Short(20), 1).unwrap();
        assert_eq!(plan.per_domain, [(0, 2, 8), (1, 3, 8), (2, 15, 4)]);
        assert_eq!(
            plan.note.as_deref(),
            Some("A (2 of 8) and B (3 of 8) have fewer questions than their weights ask for; the other domains make up the difference.")
        );
    }

    #[test]
    fn a_small_pool_makes_a_shorter_mock_with_less_time() {
        let p = profile(&[("A", 60.0, "t1"), ("B", 40.0, "t2")]);
        let b = bank("b", &[("t1", 10), ("t2", 5)]);
        let plan = plan_mock(&p, &[&b], MockLength::Full, 1).unwrap();
        assert_eq!(asked(&plan), [10, 5]);
        // 110 minutes × 15/75 = 22 minutes.
        assert_eq!(plan.spec.time_limit_secs, Some(22 * 60));
        assert_eq!(
            plan.note.as_deref(),
            Some("This mock exam has 15 questions, not 75: the question banks have no more for this exam's domains.")
        );
    }

    #[test]
    fn a_short_mock_gets_its_share_of_the_time_rounded_up() {
        let p = profile(&[("A", 60.0, "t1"), ("B", 40.0, "t2")]);
        let b = bank("b", &[("t1", 100), ("t2", 100)]);
        let plan = plan_mock(&p, &[&b], MockLength::Short(10), 1).unwrap();
        assert_eq!(asked(&plan), [6, 4]);
        // 110 × 10 / 75 = 14.67 minutes → 15.
        assert_eq!(plan.spec.time_limit_secs, Some(15 * 60));
        assert_eq!(
            plan_mock(&p, &[&b], MockLength::Short(0), 1),
            Err(MockError::ZeroLength)
        );
        assert_eq!(
            plan_mock(&p, &[&b], MockLength::Short(76), 1),
            Err(MockError::TooLong(75))
        );
    }

    #[test]
    fn uncovered_domains_are_left_out_and_the_rest_rescaled() {
        let p = profile(&[("A", 50.0, "t1"), ("B", 30.0, "t2"), ("C", 20.0, "")]);
        let b = bank("b", &[("t1", 100), ("t2", 100)]);
        let plan = plan_mock(&p, &[&b], MockLength::Full, 1).unwrap();
        // 75 × 50/80 = 46.875 and 75 × 30/80 = 28.125.
        assert_eq!(plan.per_domain, [(0, 47, 47), (1, 28, 28)]);
        assert!(plan.partial);
        assert_eq!(
            plan.note.as_deref(),
            Some("It leaves out C (20 %), which no question bank covers.")
        );
    }

    #[test]
    fn questions_that_give_each_other_away_are_never_drawn_together() {
        let p = profile(&[("A", 100.0, "t1")]);
        let mut b = bank("b", &[("t1", 4)]);
        b.questions[0].excludes = vec!["t1-001".into()];
        b.questions[2].excludes = vec!["t1-003".into()];
        for seed in 0..20 {
            let plan = plan_mock(&p, &[&b], MockLength::Short(4), seed).unwrap();
            assert_eq!(plan.spec.count, 2, "one of each pair");
            let ids: Vec<&str> = plan.spec.only.iter().map(|r| r.id.as_str()).collect();
            assert!(
                !(ids.contains(&"t1-000") && ids.contains(&"t1-001")),
                "{ids:?}"
            );
            assert!(plan.note.is_some());
        }
    }

    #[test]
    fn a_mock_needs_covered_domains_with_questions() {
        let p = profile(&[("A", 100.0, "t1")]);
        let none = bank("b", &[("t2", 10)]);
        assert_eq!(
            plan_mock(&p, &[&none], MockLength::Full, 1),
            Err(MockError::NoQuestions)
        );
        let p = profile(&[("A", 100.0, "")]);
        assert_eq!(
            plan_mock(&p, &[&none], MockLength::Full, 1),
            Err(MockError::NoCoveredDomain)
        );
    }

    #[test]
    fn a_finished_mock_reads_back_by_domain() {
        let p = profile(&[("A", 60.0, "t1"), ("B", 40.0, "t2")]);
        let b = bank("b", &[("t1", 3), ("t2", 3)]);
        let mut a = attempt("a", 1.0);
        let outcome = |id: &str, correct| Outcome {
            bank: "b".into(),
            id: id.into(),
            response: None,
            correct,
        };
        a.outcomes = vec![
            outcome("t1-000", true),
            outcome("t1-001", false),
            outcome("t2-000", true),
            outcome("t2-001", true),
            outcome("t2-002", false),
            outcome("gone", true),
        ];
        let by = results_by_domain(&p, &[&b], &a);
        assert_eq!(
            by,
            [
                Tally {
                    correct: 1,
                    total: 2
                },
                Tally {
                    correct: 2,
                    total: 3
                }
            ]
        );
    }
}
