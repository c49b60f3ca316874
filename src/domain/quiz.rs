//! Quiz assembly: a spec (what to ask) plus a seed gives the same quiz every
//! time, so a resumed quiz, a retake with the same seed, and (later) a shared
//! link all show the same questions in the same order.

use serde::{Deserialize, Serialize};
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::str::FromStr;
use thiserror::Error;

use super::bank::Bank;
use super::clock::ExtraTime;
use super::rng::{hash_str, Rng};
use super::sort::{sort, sort_by, sort_by_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Feedback after each answer.
    Practice,
    /// No feedback until submit; optional time limit.
    Exam,
}

impl Mode {
    pub fn label(self) -> &'static str {
        match self {
            Mode::Practice => "Practice",
            Mode::Exam => "Exam",
        }
    }
}

/// A reference to one question in one bank.
///
/// As text (a question key) it is `bank/id`: the stored document keys the
/// schedule, flags and statistics by it, and links list picked questions
/// with it, so `Display` and `FromStr` are the only place the format lives.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct QRef {
    pub bank: String,
    pub id: String,
}

impl QRef {
    pub fn new(bank: &str, id: &str) -> QRef {
        QRef {
            bank: bank.into(),
            id: id.into(),
        }
    }
}

impl fmt::Display for QRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.bank, self.id)
    }
}

/// Text that is not a question key: it has no `/`.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("`{0}` is not a question key (bank/id)")]
pub struct QRefError(pub String);

impl FromStr for QRef {
    type Err = QRefError;

    /// Splits at the first `/`, as the stored keys have always been read.
    fn from_str(key: &str) -> Result<QRef, QRefError> {
        key.split_once('/')
            .map(|(bank, id)| QRef::new(bank, id))
            .ok_or_else(|| QRefError(key.into()))
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuizSpec {
    pub banks: Vec<String>,
    /// Only questions with at least one of these tags (empty = all topics).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// When non-empty, exactly these questions (e.g. "practise the ones I missed").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<QRef>,
    pub count: usize,
    pub mode: Mode,
    /// The time limit as set (by the learner or the trainer), before any
    /// extra time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_secs: Option<u32>,
    /// Extra time the learner chose for a timed quiz (standard when untimed).
    #[serde(default, skip_serializing_if = "ExtraTime::is_standard")]
    pub extra_time: ExtraTime,
    /// Percent needed to pass, 0–100.
    pub pass_mark: u8,
    pub seed: u64,
    /// A daily review: finishing it updates the spaced-repetition schedule.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub review: bool,
    /// Ask `only` in the listed order instead of shuffling.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub fixed_order: bool,
    /// Set when the quiz came from a trainer's link or file.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shared: Option<SharedMeta>,
    /// The exam profile (`profile::Profile::id`) of a mock exam, so its
    /// attempt can be read by domain later (`mock::results_by_domain`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<String>,
}

/// Which shared quiz an attempt answered. It travels in links and result
/// files, but lives here because it is stored too, in `QuizSpec::shared` and
/// each roster result of the versioned document: a field change needs
/// `#[serde(default)]` or a new schema version and migration.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedMeta {
    pub quiz_id: String,
    pub title: String,
    pub trainer: String,
}

impl QuizSpec {
    /// The time limit the learner gets: the limit as set, with extra time.
    pub fn effective_time_limit(&self) -> Option<u32> {
        self.extra_time.apply(self.time_limit_secs)
    }

    /// The spec with this extra time, which only a timed quiz can have.
    pub fn with_extra_time(self, extra_time: ExtraTime) -> QuizSpec {
        QuizSpec {
            extra_time: if self.time_limit_secs.is_some() {
                extra_time
            } else {
                ExtraTime::Standard
            },
            ..self
        }
    }

    /// A practice quiz of exactly these questions (missed, flagged, due…).
    pub fn of_questions(only: Vec<QRef>, pass_mark: u8, seed: u64) -> QuizSpec {
        let mut banks: Vec<String> = only.iter().map(|r| r.bank.clone()).collect();
        sort(&mut banks);
        banks.dedup();
        QuizSpec {
            banks,
            tags: vec![],
            count: only.len(),
            only,
            mode: Mode::Practice,
            time_limit_secs: None,
            extra_time: ExtraTime::Standard,
            pass_mark,
            seed,
            review: false,
            fixed_order: false,
            shared: None,
            profile: None,
        }
    }
}

/// One question as placed in a quiz: which question, and the order its
/// options are shown in (`order[k]` = authored index of the k-th shown option).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuizItem {
    pub bank: String,
    pub id: String,
    pub order: Vec<usize>,
}

impl QuizItem {
    pub fn qref(&self) -> QRef {
        QRef::new(&self.bank, &self.id)
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum BuildError {
    #[error("No questions match this selection. Choose more topics or another bank.")]
    NoQuestions,
    #[error("The bank `{0}` is not loaded.")]
    BankMissing(String),
    #[error("A quiz needs at least one question.")]
    ZeroCount,
}

/// A quiz as built: its items, and how many it was meant to have.
#[derive(Debug, Clone, PartialEq)]
pub struct Assembled {
    pub items: Vec<QuizItem>,
    /// The spec's count, or the whole selection when that is smaller.
    pub wanted: usize,
}

impl Assembled {
    /// What to tell the learner when questions that must not meet
    /// (`Question::excludes`) left the quiz shorter than asked.
    pub fn note(&self) -> Option<String> {
        let n = self.items.len();
        (n < self.wanted).then(|| {
            format!(
                "This quiz has {n} question{}, not {}: some questions in this selection give away each other's answers, so they are never asked together.",
                if n == 1 { "" } else { "s" },
                self.wanted
            )
        })
    }
}

/// Builds the quiz items for a spec. Deterministic for a given spec and banks.
pub fn build(spec: &QuizSpec, banks: &[&Bank]) -> Result<Vec<QuizItem>, BuildError> {
    assemble(spec, banks).map(|a| a.items)
}

/// Builds the quiz for a spec: the matching questions in a seeded order
/// (or the listed order), taken in turn up to the count. A question that
/// gives away one already taken, or is given away by it (`excludes`, either
/// side), is passed over and the next one takes its place; only when the
/// selection runs out is the quiz shorter (`Assembled::note`). Without
/// exclusions this is the first `count` of the order, as it has always been.
pub fn assemble(spec: &QuizSpec, banks: &[&Bank]) -> Result<Assembled, BuildError> {
    if spec.count == 0 {
        return Err(BuildError::ZeroCount);
    }
    let mut pool: Vec<(&Bank, usize)> = Vec::new();
    let mut chosen_banks: Vec<&Bank> = Vec::new();
    for id in &spec.banks {
        let bank = banks
            .iter()
            .find(|b| &b.id == id)
            .ok_or_else(|| BuildError::BankMissing(id.clone()))?;
        chosen_banks.push(bank);
        for (i, q) in bank.questions.iter().enumerate() {
            let wanted = if spec.only.is_empty() {
                spec.tags.is_empty() || q.tags.iter().any(|t| spec.tags.contains(t))
            } else {
                spec.only.iter().any(|r| r.bank == bank.id && r.id == q.id)
            };
            if wanted {
                pool.push((bank, i));
            }
        }
    }
    if pool.is_empty() {
        return Err(BuildError::NoQuestions);
    }
    if spec.fixed_order && !spec.only.is_empty() {
        let rank = |b: &Bank, i: usize| {
            spec.only
                .iter()
                .position(|r| r.bank == b.id && r.id == b.questions[i].id)
        };
        sort_by_key(&mut pool, |(b, i)| rank(b, *i));
    } else {
        // Sort by id so the result does not depend on file order or bank order.
        sort_by(&mut pool, |a, b| {
            (&a.0.id, &a.0.questions[a.1].id).cmp(&(&b.0.id, &b.0.questions[b.1].id))
        });
        Rng::new(spec.seed).shuffle(&mut pool);
    }
    let wanted = spec.count.min(pool.len());
    let partners = partners(&chosen_banks);
    let mut blocked: HashSet<(&str, &str)> = HashSet::new();
    let mut taken: Vec<(&Bank, usize)> = Vec::with_capacity(wanted);
    for (bank, i) in pool {
        if taken.len() == wanted {
            break;
        }
        let key = (bank.id.as_str(), bank.questions[i].id.as_str());
        if blocked.contains(&key) {
            continue;
        }
        for other in partners.get(&key).into_iter().flatten() {
            blocked.insert((key.0, other));
        }
        taken.push((bank, i));
    }
    let items = taken
        .into_iter()
        .map(|(bank, i)| {
            let q = &bank.questions[i];
            let mut order: Vec<usize> = (0..q.kind.option_count()).collect();
            if q.kind.shuffles_options() {
                let key = QRef::new(&bank.id, &q.id).to_string();
                Rng::new(spec.seed ^ hash_str(&key)).shuffle(&mut order);
            }
            QuizItem {
                bank: bank.id.clone(),
                id: q.id.clone(),
                order,
            }
        })
        .collect();
    Ok(Assembled { items, wanted })
}

/// Each question's partners that must not meet it in a quiz, both ways:
/// (bank, id) → ids in the same bank. Linear in the banks' `excludes`.
fn partners<'a>(banks: &[&'a Bank]) -> HashMap<(&'a str, &'a str), Vec<&'a str>> {
    let mut map: HashMap<(&str, &str), Vec<&str>> = HashMap::new();
    for b in banks {
        for q in &b.questions {
            for x in &q.excludes {
                map.entry((&b.id, &q.id)).or_default().push(x);
                map.entry((&b.id, x)).or_default().push(&q.id);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};

    fn q(id: &str, tags: &[&str], kind: Kind) -> Question {
        Question::sample(id, tags, kind)
    }

    fn bank(id: &str, n: usize) -> Bank {
        Bank {
            id: id.into(),
            title: id.into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: (0..n)
                .map(|i| {
                    q(
                        &format!("{id}-{i:03}"),
                        &[if i % 2 == 0 { "even" } else { "odd" }],
                        Kind::Single {
                            options: vec!["a".into(), "b".into(), "c".into(), "d".into()],
                            correct: 0,
                        },
                    )
                })
                .collect(),
        }
    }

    fn spec(seed: u64) -> QuizSpec {
        QuizSpec {
            banks: vec!["a".into(), "b".into()],
            tags: vec![],
            only: vec![],
            count: 10,
            mode: Mode::Practice,
            time_limit_secs: None,
            extra_time: ExtraTime::Standard,
            pass_mark: 70,
            seed,
            review: false,
            fixed_order: false,
            shared: None,
            profile: None,
        }
    }

    #[test]
    fn same_seed_builds_the_same_quiz() {
        let (a, b) = (bank("a", 30), bank("b", 30));
        let x = build(&spec(5), &[&a, &b]).unwrap();
        let y = build(&spec(5), &[&b, &a]).unwrap();
        assert_eq!(x, y, "bank order must not matter");
        assert_eq!(x.len(), 10);
        let z = build(&spec(6), &[&a, &b]).unwrap();
        assert_ne!(x, z);
    }

    #[test]
    fn option_order_is_shuffled_reproducibly_per_question() {
        let a = bank("a", 40);
        let mut s = spec(9);
        s.banks = vec!["a".into()];
        s.count = 40;
        let x = build(&s, &[&a]).unwrap();
        assert!(
            x.iter().any(|i| i.order != vec![0, 1, 2, 3]),
            "some options must move"
        );
        for item in &x {
            let mut sorted = item.order.clone();
            sort(&mut sorted);
            assert_eq!(sorted, vec![0, 1, 2, 3]);
        }
        assert_eq!(x, build(&s, &[&a]).unwrap());
    }

    #[test]
    fn true_false_keeps_true_first() {
        let b = Bank {
            id: "a".into(),
            title: "a".into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: vec![q("t", &["x"], Kind::TrueFalse { answer: true })],
        };
        let mut s = spec(1);
        s.banks = vec!["a".into()];
        assert_eq!(build(&s, &[&b]).unwrap()[0].order, vec![0, 1]);
    }

    #[test]
    fn filters_by_tag_and_caps_count() {
        let a = bank("a", 30);
        let mut s = spec(3);
        s.banks = vec!["a".into()];
        s.tags = vec!["odd".into()];
        s.count = 100;
        let x = build(&s, &[&a]).unwrap();
        assert_eq!(x.len(), 15);
        assert!(x.iter().all(|i| i.id.ends_with(['1', '3', '5', '7', '9'])));
    }

    #[test]
    fn only_selects_exact_questions() {
        let a = bank("a", 30);
        let mut s = spec(3);
        s.banks = vec!["a".into()];
        s.only = vec![
            QRef {
                bank: "a".into(),
                id: "a-004".into(),
            },
            QRef {
                bank: "a".into(),
                id: "a-010".into(),
            },
        ];
        let mut ids: Vec<String> = build(&s, &[&a])
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        sort(&mut ids);
        assert_eq!(ids, vec!["a-004", "a-010"]);
    }

    #[test]
    fn fixed_order_keeps_the_picked_order() {
        let a = bank("a", 30);
        let mut s = spec(3);
        s.banks = vec!["a".into()];
        s.fixed_order = true;
        s.only = ["a-020", "a-003", "a-011"]
            .iter()
            .map(|id| QRef {
                bank: "a".into(),
                id: id.to_string(),
            })
            .collect();
        let ids: Vec<String> = build(&s, &[&a])
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert_eq!(ids, vec!["a-020", "a-003", "a-011"]);
    }

    #[test]
    fn question_keys_are_bank_slash_id() {
        let r = QRef::new("b", "q-1");
        assert_eq!(r.to_string(), "b/q-1");
        assert_eq!("b/q-1".parse(), Ok(r));
        assert_eq!("b/x/y".parse(), Ok(QRef::new("b", "x/y")));
        assert_eq!("b".parse::<QRef>(), Err(QRefError("b".into())));
    }

    /// Bank `a` of `n` questions where each pair `(x, y)` excludes each
    /// other, written on `x`'s side only.
    fn with_excludes(n: usize, pairs: &[(usize, usize)]) -> Bank {
        let mut b = bank("a", n);
        for &(x, y) in pairs {
            let other = b.questions[y].id.clone();
            b.questions[x].excludes.push(other);
        }
        b
    }

    fn ids(items: &[QuizItem]) -> Vec<&str> {
        items.iter().map(|i| i.id.as_str()).collect()
    }

    #[test]
    fn questions_that_exclude_each_other_never_meet_and_are_replaced() {
        let b = with_excludes(30, &[(1, 2), (5, 9), (9, 12)]);
        let mut s = spec(0);
        s.banks = vec!["a".into()];
        s.count = 20;
        let mut replaced = 0;
        for seed in 0..200 {
            s.seed = seed;
            let built = assemble(&s, &[&b]).unwrap();
            let got = ids(&built.items);
            assert_eq!(
                got.len(),
                20,
                "seed {seed}: a passed-over question is replaced"
            );
            assert_eq!(built.note(), None);
            for (x, y) in [("a-001", "a-002"), ("a-005", "a-009"), ("a-009", "a-012")] {
                assert!(
                    !(got.contains(&x) && got.contains(&y)),
                    "seed {seed}: {x} and {y} together"
                );
            }
            // The same quiz as the order without exclusions, except where
            // a partner was passed over.
            let plain = build(&s, &[&bank("a", 30)]).unwrap();
            replaced += usize::from(plain != built.items);
        }
        assert!(
            replaced > 50,
            "exclusions changed only {replaced} of 200 quizzes"
        );
    }

    #[test]
    fn without_exclusions_a_quiz_is_the_first_count_of_its_order() {
        let a = bank("a", 30);
        let mut s = spec(11);
        s.banks = vec!["a".into()];
        s.count = 30;
        let all = build(&s, &[&a]).unwrap();
        s.count = 12;
        assert_eq!(build(&s, &[&a]).unwrap(), all[..12].to_vec());
    }

    #[test]
    fn when_the_selection_runs_out_the_quiz_is_shorter_and_says_so() {
        // One side names the pair; the other question is kept apart too.
        let b = with_excludes(3, &[(2, 0)]);
        let mut s = spec(4);
        s.banks = vec!["a".into()];
        s.count = 10;
        for seed in 0..20 {
            s.seed = seed;
            let built = assemble(&s, &[&b]).unwrap();
            let got = ids(&built.items);
            assert_eq!(got.len(), 2);
            assert!(got.contains(&"a-001"));
            assert!(!(got.contains(&"a-000") && got.contains(&"a-002")));
            assert_eq!(
                built.note().as_deref(),
                Some("This quiz has 2 questions, not 3: some questions in this selection give away each other's answers, so they are never asked together.")
            );
        }
        // A practice quiz of exactly both partners asks one of them.
        let only = QuizSpec::of_questions(
            vec![QRef::new("a", "a-000"), QRef::new("a", "a-002")],
            70,
            1,
        );
        let built = assemble(&only, &[&b]).unwrap();
        assert_eq!(built.items.len(), 1);
        assert!(built
            .note()
            .unwrap()
            .starts_with("This quiz has 1 question, not 2:"));
    }

    #[test]
    fn errors() {
        let a = bank("a", 3);
        let mut s = spec(1);
        assert_eq!(build(&s, &[&a]), Err(BuildError::BankMissing("b".into())));
        s.banks = vec!["a".into()];
        s.tags = vec!["nope".into()];
        assert_eq!(build(&s, &[&a]), Err(BuildError::NoQuestions));
        s.count = 0;
        assert_eq!(build(&s, &[&a]), Err(BuildError::ZeroCount));
    }

    #[test]
    fn extra_time_stretches_only_a_timed_quiz() {
        let mut s = spec(1);
        s.time_limit_secs = Some(600);
        let doubled = s.clone().with_extra_time(ExtraTime::Double);
        assert_eq!(doubled.extra_time, ExtraTime::Double);
        assert_eq!(doubled.effective_time_limit(), Some(1200));
        assert_eq!(
            doubled.time_limit_secs,
            Some(600),
            "the limit as set is kept"
        );
        let lifted = s.clone().with_extra_time(ExtraTime::NoLimit);
        assert_eq!(lifted.effective_time_limit(), None);
        assert_eq!(s.effective_time_limit(), Some(600));
        // Untimed: nothing to stretch, so nothing is recorded.
        let untimed = spec(1).with_extra_time(ExtraTime::Half);
        assert_eq!(untimed.extra_time, ExtraTime::Standard);
        assert_eq!(untimed.effective_time_limit(), None);
    }

    #[test]
    fn a_spec_stored_before_extra_time_reads_as_standard_and_saves_unchanged() {
        let old = r#"{"banks":["a"],"count":2,"mode":"exam","time_limit_secs":60,"pass_mark":70,"seed":1}"#;
        let s: QuizSpec = serde_json::from_str(old).unwrap();
        assert_eq!(s.extra_time, ExtraTime::Standard);
        assert_eq!(serde_json::to_string(&s).unwrap(), old);
        let doubled = serde_json::to_string(&s.with_extra_time(ExtraTime::Double)).unwrap();
        assert!(doubled.contains(r#""extra_time":"2x""#), "{doubled}");
    }
}
