//! Near-duplicate stems: two questions whose stems share most of their
//! content words (Jaccard similarity of the word sets). Every pair is
//! compared, within a work budget, so an uploaded bank of any size is
//! checked in bounded time.

use std::collections::{HashMap, HashSet};

use super::words::content_words;
use super::{Warning, WarningKind};
use crate::domain::bank::Bank;

/// Share of content words two stems must have in common (of all the words
/// either uses) to be reported: 80 %.
pub const NEAR_DUPLICATE_PERCENT: usize = 80;
/// Stems with fewer content words are not compared: "Which is right?" and
/// "Which is wrong?" say too little to be near-duplicates.
pub const MIN_WORDS: usize = 3;
/// Most work (pairs looked at, plus words compared) one bank's comparison
/// may do: about 0.1 s natively (`bench`), a fraction of a second in the
/// browser. The largest built-in bank needs about 125,000 (1.3 %); a bank
/// that needs more gets `NotAllCompared`.
pub const COMPARE_BUDGET: usize = 10_000_000;
/// Most near-duplicate pairs listed for one bank.
pub const MAX_PAIRS: usize = 50;

/// Adds a warning for each pair of stems at or above the threshold, on the
/// later question, except pairs already kept apart by `excludes`.
pub(super) fn near_duplicates(bank: &Bank, out: &mut Vec<Warning>) {
    near_duplicates_within(bank, COMPARE_BUDGET, out);
}

/// `near_duplicates` with a given work budget.
pub(super) fn near_duplicates_within(bank: &Bank, mut budget: usize, out: &mut Vec<Warning>) {
    // Words as numbers, each stem's sorted and without repeats.
    let mut ids: HashMap<String, u32> = HashMap::new();
    let sets: Vec<Vec<u32>> = bank
        .questions
        .iter()
        .map(|q| {
            let mut set: Vec<u32> = content_words(&q.stem)
                .map(|w| {
                    let next = ids.len() as u32;
                    *ids.entry(w).or_insert(next)
                })
                .collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let apart: HashSet<(&str, &str)> = bank
        .questions
        .iter()
        .flat_map(|q| q.excludes.iter().map(move |x| (q.id.as_str(), x.as_str())))
        .collect();
    let kept_apart = |a: &str, b: &str| apart.contains(&(a, b)) || apart.contains(&(b, a));
    let mut pairs = 0;
    for (j, b) in sets.iter().enumerate() {
        for (i, a) in sets[..j].iter().enumerate() {
            let cost = 1 + a.len() + b.len();
            if cost > budget {
                out.push(Warning::bank(WarningKind::NotAllCompared {
                    from: bank.questions[j].id.clone(),
                }));
                return;
            }
            budget -= 1;
            let (small, large) = (a.len().min(b.len()), a.len().max(b.len()));
            // The most they can share is the smaller set: skip early.
            if small < MIN_WORDS || small * 100 < NEAR_DUPLICATE_PERCENT * large {
                continue;
            }
            budget -= a.len() + b.len();
            let shared = shared(a, b);
            let union = a.len() + b.len() - shared;
            let percent = shared * 100 / union;
            let (qa, qb) = (&bank.questions[i], &bank.questions[j]);
            if percent >= NEAR_DUPLICATE_PERCENT && !kept_apart(&qa.id, &qb.id) {
                if pairs == MAX_PAIRS {
                    out.push(Warning::bank(WarningKind::TooManyNearDuplicates {
                        listed: MAX_PAIRS,
                    }));
                    return;
                }
                pairs += 1;
                out.push(Warning::question(
                    qb,
                    WarningKind::NearDuplicateStem {
                        other: qa.id.clone(),
                        percent,
                    },
                ));
            }
        }
    }
}

/// Elements two sorted lists have in common.
fn shared(a: &[u32], b: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}
