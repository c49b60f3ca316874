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
    let minutes = (u64::from(profile.minutes) * asked as u64).div_ceil(profile.questions.max(1) as u64);
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
                    partners.entry(QRef::new(&b.id, &q.id)).or_default().push(QRef::new(&b.id, x));
                    partners.entry(QRef::new(&b.id, x)).or_default().push(QRef::new(&b.id, &q.id));
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
            "{} {} fewer questions than {} weight asks for; the other domains make up the difference.",
            join_and(&short),
            if short.len() == 1 { "has" } else { "have" },
            if short.len() == 1 { "its" } else { "their" },
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
