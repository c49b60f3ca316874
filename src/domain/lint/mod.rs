//! The answer-cue lint: what lets a test-wise learner find the answer
//! without knowing it (questions/CONTENT.md, "Cannot be answered from its
//! wording"), and dated facts that need checking again. It reads a valid
//! bank and gives warnings, never errors: `bank-check` prints them (and
//! fails on them with `--strict`), and the browser lists them when a
//! trainer adds a bank. Each rule, its threshold and why are documented in
//! questions/README.md ("Answer-cue warnings").
//!
//! The work is linear in the bank's size, except the near-duplicate
//! comparison, which has a budget (`similar::COMPARE_BUDGET`).

mod similar;
mod words;

use std::collections::HashSet;
use std::fmt;
use thiserror::Error;

use super::bank::{Bank, Kind, Question};
use super::calendar::Day;

pub use similar::{COMPARE_BUDGET, MAX_PAIRS, MIN_WORDS, NEAR_DUPLICATE_PERCENT};
pub use words::ABSOLUTE_WORDS;

/// True/false banks with fewer questions are not checked for balance.
pub const MIN_TRUE_FALSE: usize = 4;
/// The share of true/false answers that may be True, in percent.
pub const TRUE_PERCENT: std::ops::RangeInclusive<usize> = 35..=65;
/// Banks with fewer single-answer questions are not checked for the
/// longest-option share.
pub const MIN_SINGLE: usize = 5;
/// Most single-answer questions, in percent, whose answer may be the
/// strictly longest option.
pub const LONGEST_KEY_PERCENT: usize = 30;
/// An answer this many times longer (or shorter) than the other options on
/// average stands out…
pub const LENGTH_RATIO: f64 = 1.8;
/// …when it also differs by at least this many characters.
pub const LENGTH_MIN_DIFFERENCE: f64 = 8.0;
/// Days after `as_of` before a dated fact should be checked again.
pub const AS_OF_DAYS: i64 = 365;
/// Stem words named in one warning.
const MAX_WORDS_NAMED: usize = 3;

/// One warning: where (a question, or the whole bank) and what.
#[derive(Debug, Clone, PartialEq)]
pub struct Warning {
    pub question: Option<String>,
    pub line: Option<usize>,
    pub kind: WarningKind,
}

impl Warning {
    fn bank(kind: WarningKind) -> Warning {
        Warning {
            question: None,
            line: None,
            kind,
        }
    }

    fn question(q: &Question, kind: WarningKind) -> Warning {
        Warning {
            question: Some(q.id.clone()),
            line: Some(q.line),
            kind,
        }
    }
}

/// "Question `hd-012` (line 240): …", or "Whole bank: …".
impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.question, self.line) {
            (Some(q), Some(l)) => write!(f, "Question `{q}` (line {l}): {}", self.kind),
            (Some(q), None) => write!(f, "Question `{q}`: {}", self.kind),
            _ => write!(f, "Whole bank: {}", self.kind),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum WarningKind {
    #[error("{true_keys} of the {total} true/false answers are True ({}%); keep it between 35% and 65%, so that always guessing \"True\" or always \"False\" does not pay", percent(*.true_keys, *.total))]
    TrueFalseBalance { true_keys: usize, total: usize },
    #[error("in {longest} of the {total} single-answer questions ({}%) the answer is the longest option; keep it to 30% or less, or learners learn to pick the longest option", percent(*.longest, *.total))]
    LongestKeyShare { longest: usize, total: usize },
    #[error("only the answer{} repeat{} a word of the question ({}), so {} can be spotted without knowing the subject", if *.keys > 1 { "s" } else { "" }, if *.keys > 1 { "" } else { "s" }, quoted(.words), if *.keys > 1 { "they" } else { "it" })]
    StemWordOnlyInKey { words: Vec<String>, keys: usize },
    #[error("{distractors} of the {distractor_total} wrong options use an absolute word ({}…) but only {keys} of the {key_total} answers do; learners learn that such options are wrong", ABSOLUTE_WORDS[..6].join(", "))]
    AbsoluteWordsInDistractors {
        distractors: usize,
        distractor_total: usize,
        keys: usize,
        key_total: usize,
    },
    #[error("every wrong option uses an absolute word ({}…) and the answer does not, so the answer stands out", ABSOLUTE_WORDS[..6].join(", "))]
    OnlyKeyWithoutAbsolute,
    #[error("the answer is much longer than the other options ({key} characters against {others} on average); make them about as long")]
    KeyLonger { key: usize, others: usize },
    #[error("the answer is much shorter than the other options ({key} characters against {others} on average); make them about as long")]
    KeyShorter { key: usize, others: usize },
    #[error("the question is nearly the same as question `{other}` ({percent}% of their words are shared), so one may give the other away; reword or merge them, or add `excludes = [\"{other}\"]` so they are never in one quiz")]
    NearDuplicateStem { other: String, percent: usize },
    #[error("there are more than {listed} pairs of nearly identical questions; only the first {listed} are listed")]
    TooManyNearDuplicates { listed: usize },
    #[error("the bank is too large to compare every pair of questions; questions from `{from}` on were not compared for near-duplicates")]
    NotAllCompared { from: String },
    #[error("the answer is dated `as_of = {as_of}`, more than a year ago; check the fact still holds and update `as_of`")]
    AsOfOld { as_of: Day },
    #[error("`as_of = {as_of}` is after today; learners would read \"As of {}\" for a day still to come", .as_of.long())]
    AsOfAhead { as_of: Day },
    #[error("`valid_until = {valid_until}` has passed, so the answer may no longer hold; check the fact and update or retire the question")]
    ValidUntilPassed { valid_until: Day },
}

impl WarningKind {
    /// A short name for each rule, as `bank-check --json` gives it.
    pub fn code(&self) -> &'static str {
        match self {
            WarningKind::TrueFalseBalance { .. } => "true-false-balance",
            WarningKind::LongestKeyShare { .. } => "longest-key-share",
            WarningKind::StemWordOnlyInKey { .. } => "stem-word-in-key",
            WarningKind::AbsoluteWordsInDistractors { .. } => "absolute-words-in-distractors",
            WarningKind::OnlyKeyWithoutAbsolute => "only-key-without-absolute",
            WarningKind::KeyLonger { .. } => "key-longer",
            WarningKind::KeyShorter { .. } => "key-shorter",
            WarningKind::NearDuplicateStem { .. } => "near-duplicate-stem",
            WarningKind::TooManyNearDuplicates { .. } => "too-many-near-duplicates",
            WarningKind::NotAllCompared { .. } => "not-all-compared",
            WarningKind::AsOfOld { .. } => "as-of-old",
            WarningKind::AsOfAhead { .. } => "as-of-ahead",
            WarningKind::ValidUntilPassed { .. } => "valid-until-passed",
        }
    }
}

fn percent(part: usize, total: usize) -> usize {
    (part * 100).checked_div(total).unwrap_or(0)
}

fn quoted(words: &[String]) -> String {
    words
        .iter()
        .map(|w| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every warning for a bank on `today`: first the bank-wide ones, then
/// each question's in file order, then near-duplicate pairs.
pub fn lint(bank: &Bank, today: Day) -> Vec<Warning> {
    let mut out = Vec::new();
    bank_rules(bank, &mut out);
    for q in &bank.questions {
        question_rules(q, today, &mut out);
    }
    similar::near_duplicates(bank, &mut out);
    out
}

/// A choice question's options split into keys and distractors.
fn choice(q: &Question) -> Option<(Vec<&str>, Vec<&str>)> {
    let (options, keys): (&[String], Vec<usize>) = match &q.kind {
        Kind::Single { options, correct } => (options, vec![*correct]),
        Kind::Multiple { options, correct } => (options, correct.clone()),
        _ => return None,
    };
    let (mut k, mut d) = (Vec::new(), Vec::new());
    for (i, o) in options.iter().enumerate() {
        if keys.contains(&i) { &mut k } else { &mut d }.push(o.trim());
    }
    Some((k, d))
}

/// The rules over the whole bank: true/false balance, the longest-option
/// share and absolute words.
fn bank_rules(bank: &Bank, out: &mut Vec<Warning>) {
    let (mut tf, mut tf_true) = (0, 0);
    let (mut single, mut longest) = (0, 0);
    let (mut keys, mut keys_abs, mut dists, mut dists_abs) = (0, 0, 0, 0);
    for q in &bank.questions {
        match &q.kind {
            Kind::TrueFalse { answer } => {
                tf += 1;
                tf_true += usize::from(*answer);
            }
            Kind::Single { options, correct } => {
                single += 1;
                let len = |s: &String| s.trim().chars().count();
                let key = options.get(*correct).map_or(0, len);
                let strictly = options
                    .iter()
                    .enumerate()
                    .all(|(i, o)| i == *correct || len(o) < key);
                longest += usize::from(strictly);
            }
            _ => {}
        }
        if let Some((k, d)) = choice(q) {
            keys += k.len();
            dists += d.len();
            keys_abs += k.iter().filter(|o| words::is_absolute(o)).count();
            dists_abs += d.iter().filter(|o| words::is_absolute(o)).count();
        }
    }
    let (low, high) = (*TRUE_PERCENT.start(), *TRUE_PERCENT.end());
    if tf >= MIN_TRUE_FALSE && (tf_true * 100 < low * tf || tf_true * 100 > high * tf) {
        out.push(Warning::bank(WarningKind::TrueFalseBalance {
            true_keys: tf_true,
            total: tf,
        }));
    }
    if single >= MIN_SINGLE && longest * 100 > LONGEST_KEY_PERCENT * single {
        out.push(Warning::bank(WarningKind::LongestKeyShare {
            longest,
            total: single,
        }));
    }
    // Distractors use absolute words at least twice as often as keys
    // (in proportion: a question has more distractors than keys).
    if dists_abs > 0 && dists_abs * keys >= 2 * keys_abs * dists {
        out.push(Warning::bank(WarningKind::AbsoluteWordsInDistractors {
            distractors: dists_abs,
            distractor_total: dists,
            keys: keys_abs,
            key_total: keys,
        }));
    }
}

/// One question's rules: stem words, absolute words and lengths (choice
/// questions), and its dates.
fn question_rules(q: &Question, today: Day, out: &mut Vec<Warning>) {
    if let Some((keys, dists)) = choice(q) {
        stem_words(q, &keys, &dists, out);
        if dists.len() >= 2
            && dists.iter().all(|d| words::is_absolute(d))
            && !keys.iter().any(|k| words::is_absolute(k))
        {
            out.push(Warning::question(q, WarningKind::OnlyKeyWithoutAbsolute));
        }
        lengths(q, &keys, &dists, out);
    }
    if let Some(as_of) = q.as_of {
        if as_of > today {
            out.push(Warning::question(q, WarningKind::AsOfAhead { as_of }));
        } else if as_of.plus_days(AS_OF_DAYS) < today {
            out.push(Warning::question(q, WarningKind::AsOfOld { as_of }));
        }
    }
    if let Some(valid_until) = q.valid_until {
        if valid_until < today {
            out.push(Warning::question(
                q,
                WarningKind::ValidUntilPassed { valid_until },
            ));
        }
    }
}

/// Content words of the stem that appear in a key and in no distractor.
fn stem_words(q: &Question, keys: &[&str], dists: &[&str], out: &mut Vec<Warning>) {
    let set = |texts: &[&str]| -> HashSet<String> {
        texts.iter().flat_map(|t| words::content_words(t)).collect()
    };
    let (in_keys, in_dists) = (set(keys), set(dists));
    let mut found: Vec<String> = Vec::new();
    for w in words::content_words(&q.stem) {
        if in_keys.contains(&w) && !in_dists.contains(&w) && !found.contains(&w) {
            found.push(w);
            if found.len() == MAX_WORDS_NAMED {
                break;
            }
        }
    }
    if !found.is_empty() {
        out.push(Warning::question(
            q,
            WarningKind::StemWordOnlyInKey {
                words: found,
                keys: keys.len(),
            },
        ));
    }
}

/// The keys' mean length against the distractors' mean length.
fn lengths(q: &Question, keys: &[&str], dists: &[&str], out: &mut Vec<Warning>) {
    let mean = |texts: &[&str]| {
        texts.iter().map(|t| t.chars().count()).sum::<usize>() as f64 / texts.len().max(1) as f64
    };
    let (key, others) = (mean(keys), mean(dists));
    let (k, o) = (key.round() as usize, others.round() as usize);
    if key > LENGTH_RATIO * others && key - others >= LENGTH_MIN_DIFFERENCE {
        out.push(Warning::question(
            q,
            WarningKind::KeyLonger { key: k, others: o },
        ));
    } else if others > LENGTH_RATIO * key && others - key >= LENGTH_MIN_DIFFERENCE {
        out.push(Warning::question(
            q,
            WarningKind::KeyShorter { key: k, others: o },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn single(id: &str, stem: &str, options: &[&str], correct: usize) -> Question {
        let mut q = Question::sample(
            id,
            &["t"],
            Kind::Single {
                options: options.iter().map(|s| s.to_string()).collect(),
                correct,
            },
        );
        q.stem = stem.into();
        q
    }

    fn tf(id: &str, answer: bool) -> Question {
        let mut q = Question::sample(id, &["t"], Kind::TrueFalse { answer });
        q.stem = format!("Statement number {id} about storage.");
        q
    }

    fn bank(questions: Vec<Question>) -> Bank {
        Bank {
            id: "b".into(),
            title: "B".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions,
        }
    }

    fn today() -> Day {
        Day::parse("2026-12-01").unwrap()
    }

    fn codes(b: &Bank) -> Vec<(Option<String>, &'static str)> {
        lint(b, today())
            .into_iter()
            .map(|w| (w.question, w.kind.code()))
            .collect()
    }

    /// A neutral question: parallel options, no cue.
    fn plain(id: &str, correct: usize) -> Question {
        single(
            id,
            &format!("Which temperature range applies in case {id}?"),
            &[
                "2 °C to 8 °C",
                "20 °C to 25 °C",
                "15 °C to 30 °C",
                "8 °C to 15 °C",
            ],
            correct,
        )
    }

    #[test]
    fn a_clean_bank_and_the_example_bank_get_no_warnings() {
        let b = bank((0..8).map(|i| plain(&format!("q{i}"), i % 4)).collect());
        assert_eq!(codes(&b), vec![]);
        // Trainers start from the example: it must not teach a cue.
        let m = crate::domain::manifest::Manifest::parse(include_str!(
            "../../../questions/manifest.toml"
        ))
        .unwrap();
        let example = crate::domain::custom::parse_custom(
            "example-bank.toml",
            crate::domain::custom::EXAMPLE_BANK,
            &m,
            crate::domain::bank::Depth::Full,
        )
        .unwrap();
        assert_eq!(codes(&example), vec![]);
    }

    #[test]
    fn true_false_balance_outside_35_to_65_percent() {
        let keys = |n_true: usize, n: usize| {
            bank((0..n).map(|i| tf(&format!("t{i}"), i < n_true)).collect())
        };
        let w = lint(&keys(1, 11), today());
        assert_eq!(w.len(), 1);
        assert_eq!(
            w[0].to_string(),
            "Whole bank: 1 of the 11 true/false answers are True (9%); keep it between 35% and 65%, so that always guessing \"True\" or always \"False\" does not pay"
        );
        assert_eq!(codes(&keys(9, 10)), vec![(None, "true-false-balance")]);
        // 7 of 20 is exactly 35 %, 13 of 20 exactly 65 %: fine.
        assert_eq!(codes(&keys(7, 20)), vec![]);
        assert_eq!(codes(&keys(13, 20)), vec![]);
        assert_eq!(codes(&keys(6, 20)), vec![(None, "true-false-balance")]);
        // Too few to judge.
        assert_eq!(codes(&keys(0, 3)), vec![]);
    }

    #[test]
    fn the_key_is_the_longest_option_in_over_30_percent() {
        let long = |id: &str| {
            single(
                id,
                &format!("Which range applies in case {id}?"),
                &[
                    "2 °C to 8 °C",
                    "20 °C to 25.5 °C",
                    "15 °C to 30 °C",
                    "8 °C to 15 °C",
                ],
                1,
            )
        };
        // 3 of 10 (30 %) is allowed; 4 of 10 is not.
        let mut qs: Vec<Question> = (0..3).map(|i| long(&format!("l{i}"))).collect();
        qs.extend((0..7).map(|i| plain(&format!("p{i}"), 0)));
        assert_eq!(codes(&bank(qs.clone())), vec![]);
        qs[3] = long("l3");
        let w = lint(&bank(qs), today());
        assert_eq!(
            w[0].kind,
            WarningKind::LongestKeyShare {
                longest: 4,
                total: 10
            }
        );
        assert!(w[0]
            .to_string()
            .contains("in 4 of the 10 single-answer questions (40%)"));
        // A tie for longest does not count.
        let tie = single(
            "t",
            "Which range?",
            &["20 °C to 25 °C", "15 °C to 30 °C", "2 °C to 8 °C"],
            0,
        );
        assert_eq!(
            codes(&bank(vec![
                tie.clone(),
                tie.clone(),
                tie.clone(),
                tie.clone(),
                tie
            ])),
            vec![]
        );
    }

    #[test]
    fn a_stem_word_found_only_in_the_key() {
        let q = single(
            "q1",
            "Which gloves are tested for use with chemotherapy drugs?",
            &[
                "Gloves tested to ASTM D6978",
                "Vinyl examination gloves",
                "Latex surgical gloves",
            ],
            0,
        );
        let w = lint(&bank(vec![q]), today());
        assert_eq!(
            w.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            vec!["Question `q1` (line 1): only the answer repeats a word of the question (\"tested\"), so it can be spotted without knowing the subject"]
        );
        // The same word in a distractor too: no cue. Plurals match.
        let q = single(
            "q2",
            "Which glove is tested for chemotherapy?",
            &[
                "Gloves tested to ASTM D6978",
                "Gloves tested for latex allergy",
                "Vinyl examination gloves",
            ],
            0,
        );
        assert_eq!(codes(&bank(vec![q])), vec![]);
    }

    #[test]
    fn absolute_words_in_distractors_only() {
        let q = single(
            "q1",
            "How is the room cleaned?",
            &[
                "Daily, after the last use",
                "Only once a week",
                "Never during a shift",
                "Always by the pharmacist",
            ],
            0,
        );
        let mut qs = vec![q];
        qs.extend((0..10).map(|i| plain(&format!("p{i}"), i % 4)));
        assert_eq!(
            codes(&bank(qs.clone())),
            vec![
                (None, "absolute-words-in-distractors"),
                (Some("q1".into()), "only-key-without-absolute")
            ]
        );
        let w = lint(&bank(qs.clone()), today());
        assert_eq!(
            w[0].kind,
            WarningKind::AbsoluteWordsInDistractors {
                distractors: 3,
                distractor_total: 33,
                keys: 0,
                key_total: 11
            }
        );
        // Keys that use them as often, in proportion, balance the bank.
        for q in &mut qs[1..=2] {
            if let Kind::Single { options, correct } = &mut q.kind {
                options[*correct] = format!("Only {}", options[*correct]);
            }
        }
        assert_eq!(
            codes(&bank(qs)),
            vec![(Some("q1".into()), "only-key-without-absolute")]
        );
    }

    #[test]
    fn a_key_much_longer_or_shorter_than_the_rest() {
        let q = single(
            "q1",
            "When is it cleaned?",
            &[
                "Daily",
                "Weekly",
                "At the start of each shift and after any spill in the hood",
                "Monthly",
            ],
            2,
        );
        let w = lint(&bank(vec![q]), today());
        assert_eq!(w[0].kind, WarningKind::KeyLonger { key: 58, others: 6 });
        let q = single(
            "q2",
            "Which form?",
            &["222", "A form with a long name", "Another long form name"],
            0,
        );
        assert_eq!(
            codes(&bank(vec![q])),
            vec![(Some("q2".into()), "key-shorter")]
        );
        // Short options a few characters apart are not flagged.
        let q = single("q3", "How long?", &["12 hours", "1 day", "4 days"], 0);
        assert_eq!(codes(&bank(vec![q])), vec![]);
    }

    #[test]
    fn near_duplicate_stems_unless_kept_apart() {
        let a = single(
            "q1",
            "A package carries the 10-digit NDC 1234-5678-90. How is it written in the 11-digit billing format?",
            &["a1", "b1", "c1"],
            0,
        );
        let mut b = a.clone();
        b.id = "q2".into();
        b.line = 20;
        b.stem = "A package carries the 10-digit NDC 12345-678-90. How is it written in the 11-digit billing format?".into();
        let c = single(
            "q3",
            "Which gloves are tested to ASTM D6978 for chemotherapy?",
            &["a1", "b1", "c1"],
            0,
        );
        let w = lint(&bank(vec![a.clone(), b.clone(), c]), today());
        assert_eq!(
            w.iter().map(|w| w.to_string()).collect::<Vec<_>>(),
            vec!["Question `q2` (line 20): the question is nearly the same as question `q1` (100% of their words are shared), so one may give the other away; reword or merge them, or add `excludes = [\"q1\"]` so they are never in one quiz"]
        );
        b.excludes = vec!["q1".into()];
        assert_eq!(codes(&bank(vec![a, b])), vec![]);
    }

    #[test]
    fn near_duplicates_are_capped_and_bounded_on_any_bank() {
        // Every stem the same words in another order: every pair matches.
        let qs: Vec<Question> = (0..200)
            .map(|i| {
                let mut q = plain(&format!("q{i}"), 0);
                q.stem = format!("storage{} label temperature refrigerator {i}", "");
                q
            })
            .collect();
        let w = lint(&bank(qs), today());
        let near = w
            .iter()
            .filter(|w| w.kind.code() == "near-duplicate-stem")
            .count();
        assert_eq!(near, MAX_PAIRS);
        assert_eq!(
            w.last().map(|w| w.kind.code()),
            Some("too-many-near-duplicates")
        );
        // Long stems sharing a third of their words: the budget stops the
        // comparison and says where.
        let words = |from: usize| {
            (from..from + 300)
                .map(|i| format!("w{i}x"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let qs: Vec<Question> = (0..40)
            .map(|i| {
                let mut q = plain(&format!("h{i}"), 0);
                q.stem = format!("{} {}", words(0), words(1000 * (i + 1)));
                q
            })
            .collect();
        let b = bank(qs);
        let mut w = Vec::new();
        similar::near_duplicates_within(&b, 100_000, &mut w);
        // Each pair costs about 1,200 units: the first 83 pairs fit.
        assert_eq!(
            w,
            vec![Warning::bank(WarningKind::NotAllCompared {
                from: "h13".into()
            })]
        );
        assert_eq!(
            lint(&b, today()),
            vec![],
            "the full budget compares them all"
        );
    }

    #[test]
    fn dated_facts_past_their_date() {
        let mut q = plain("q1", 0);
        q.as_of = Day::parse("2025-11-30");
        q.valid_until = Day::parse("2026-11-27");
        assert_eq!(
            lint(&bank(vec![q.clone()]), today())
                .iter()
                .map(|w| w.kind.to_string())
                .collect::<Vec<_>>(),
            vec![
                "the answer is dated `as_of = 2025-11-30`, more than a year ago; check the fact still holds and update `as_of`",
                "`valid_until = 2026-11-27` has passed, so the answer may no longer hold; check the fact and update or retire the question",
            ]
        );
        // The last valid day, and a year to the day, are still fine.
        let on = |d: &str| Day::parse(d).unwrap();
        let count = |q: &Question, d: &str| lint(&bank(vec![q.clone()]), on(d)).len();
        assert_eq!(count(&q, "2026-11-27"), 0);
        assert_eq!(count(&q, "2026-11-28"), 1);
        assert_eq!(count(&q, "2026-11-30"), 1);
        assert_eq!(count(&q, "2026-12-01"), 2);
        q.as_of = Day::parse("2026-12-25");
        q.valid_until = None;
        assert_eq!(
            lint(&bank(vec![q]), today())[0].kind.to_string(),
            "`as_of = 2026-12-25` is after today; learners would read \"As of 25 December 2026\" for a day still to come"
        );
    }
}
