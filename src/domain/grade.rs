//! Grading: per question, then a score with a per-topic breakdown and pass/fail.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

pub use super::bank::normalise_text;
use super::bank::{Kind, Question};

/// What a learner answered. Choice indices are authored option indices (not
/// display positions), so a stored answer survives any reshuffle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    Choice(Vec<usize>),
    Bool(bool),
    Number(String),
    /// A typed short answer, as typed.
    Text(String),
    /// A matching answer: for each prompt in authored order, the authored
    /// index of the answer chosen for it (`None` while not chosen).
    Pairs(Vec<Option<usize>>),
}

impl Response {
    /// Compact text form for stored attempts: `c0,2` (choices), `t`/`f`,
    /// `n12.5`, `sClass 5` (short answer), `m2,0,-` (matching; `-` unchosen).
    pub fn to_compact(&self) -> String {
        match self {
            Response::Choice(v) => format!(
                "c{}",
                v.iter()
                    .map(|i| i.to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            ),
            Response::Bool(b) => if *b { "t" } else { "f" }.into(),
            Response::Number(s) => format!("n{s}"),
            Response::Text(s) => format!("s{s}"),
            Response::Pairs(v) => format!(
                "m{}",
                v.iter()
                    .map(|c| c.map_or("-".to_string(), |i| i.to_string()))
                    .collect::<Vec<_>>()
                    .join(",")
            ),
        }
    }

    pub fn from_compact(s: &str) -> Option<Response> {
        let (tag, rest) = s.split_at(s.char_indices().nth(1).map_or(s.len(), |(i, _)| i));
        match tag {
            "c" if rest.is_empty() => Some(Response::Choice(vec![])),
            "c" => rest
                .split(',')
                .map(|x| x.parse().ok())
                .collect::<Option<Vec<usize>>>()
                .map(Response::Choice),
            "t" if rest.is_empty() => Some(Response::Bool(true)),
            "f" if rest.is_empty() => Some(Response::Bool(false)),
            "n" => Some(Response::Number(rest.to_string())),
            "s" => Some(Response::Text(rest.to_string())),
            "m" if rest.is_empty() => Some(Response::Pairs(vec![])),
            "m" => rest
                .split(',')
                .map(|x| match x {
                    "-" => Some(None),
                    x => x.parse().ok().map(Some),
                })
                .collect::<Option<Vec<Option<usize>>>>()
                .map(Response::Pairs),
            _ => None,
        }
    }

    /// Whether the learner has given anything gradable.
    pub fn is_answered(&self) -> bool {
        match self {
            Response::Choice(v) => !v.is_empty(),
            Response::Bool(_) => true,
            Response::Number(s) | Response::Text(s) => !s.trim().is_empty(),
            Response::Pairs(v) => v.iter().any(Option::is_some),
        }
    }
}

#[derive(Debug, Error, PartialEq)]
pub enum NumberError {
    #[error("Enter a number.")]
    Empty,
    #[error("\"{0}\" is not a number. Use digits and a decimal point, e.g. 12.5")]
    NotANumber(String),
}

/// Reads a typed number: surrounding spaces and trailing zeros are ignored.
pub fn parse_number(text: &str) -> Result<f64, NumberError> {
    let t = text.trim();
    if t.is_empty() {
        return Err(NumberError::Empty);
    }
    match t.parse::<f64>() {
        Ok(x) if x.is_finite() && !t.contains(['e', 'E', 'n', 'N', 'i', 'I']) => Ok(x),
        _ => Err(NumberError::NotANumber(t.to_string())),
    }
}

/// The learner's answer in words, for reviews ("—" when unanswered).
pub fn describe(q: &Question, r: Option<&Response>) -> String {
    let options = q.kind.options();
    match r {
        None => "No answer".into(),
        Some(Response::Choice(v)) if v.is_empty() => "No answer".into(),
        Some(Response::Choice(v)) => {
            let mut v = v.clone();
            v.sort_unstable();
            v.iter()
                .filter_map(|&i| options.get(i).cloned())
                .collect::<Vec<_>>()
                .join("; ")
        }
        Some(Response::Bool(b)) => if *b { "True" } else { "False" }.into(),
        Some(Response::Number(s)) if s.trim().is_empty() => "No answer".into(),
        Some(Response::Number(s)) => match &q.kind {
            Kind::Numeric { unit, .. } => format!("{} {}", s.trim(), unit).trim().to_string(),
            _ => s.trim().to_string(),
        },
        Some(Response::Text(s)) if s.trim().is_empty() => "No answer".into(),
        Some(Response::Text(s)) => s.trim().to_string(),
        Some(Response::Pairs(v)) if !v.iter().any(Option::is_some) => "No answer".into(),
        Some(Response::Pairs(v)) => match &q.kind {
            Kind::Matching { pairs } => pairs
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    let chosen = v
                        .get(i)
                        .copied()
                        .flatten()
                        .and_then(|j| pairs.get(j))
                        .map_or("no answer", |c| c.answer.as_str());
                    format!("{} → {chosen}", p.prompt)
                })
                .collect::<Vec<_>>()
                .join("; "),
            _ => "No answer".into(),
        },
    }
}

/// The credit a response earns, from 0 to 100 %. Most types are right
/// (100) or wrong (0). A short answer earns the credit of the accepted
/// answer it equals (`normalise_text`). A matching answer earns the share
/// of its prompts matched right, rounded down, so only a fully right one
/// earns 100. A question counts as right in scores, pass marks and review
/// scheduling only at 100 %; partial credit is shown on the question.
pub fn credit(q: &Question, r: &Response) -> u8 {
    match (&q.kind, r) {
        (Kind::ShortAnswer { answers }, Response::Text(s)) => {
            let typed = normalise_text(s);
            answers
                .iter()
                .filter(|a| normalise_text(&a.text) == typed)
                .map(|a| a.credit.min(100))
                .max()
                .unwrap_or(0)
        }
        (Kind::Matching { pairs }, Response::Pairs(v)) if !pairs.is_empty() => {
            let right = pairs
                .iter()
                .enumerate()
                .filter(|(i, _)| v.get(*i).copied().flatten() == Some(*i))
                .count();
            (right * 100 / pairs.len()) as u8
        }
        _ => {
            if grade_whole(q, r) {
                100
            } else {
                0
            }
        }
    }
}

/// How many of a matching question's prompts a response matched right,
/// out of how many ("2 of 4 pairs right").
pub fn pairs_right(q: &Question, r: &Response) -> Option<(usize, usize)> {
    match (&q.kind, r) {
        (Kind::Matching { pairs }, Response::Pairs(v)) => Some((
            (0..pairs.len())
                .filter(|&i| v.get(i).copied().flatten() == Some(i))
                .count(),
            pairs.len(),
        )),
        _ => None,
    }
}

/// Is this response right for this question (full credit)?
pub fn grade(q: &Question, r: &Response) -> bool {
    credit(q, r) == 100
}

/// Right or wrong, for the types without partial credit.
fn grade_whole(q: &Question, r: &Response) -> bool {
    match (&q.kind, r) {
        (Kind::Single { correct, .. }, Response::Choice(v)) => v.as_slice() == [*correct],
        (Kind::Multiple { correct, .. }, Response::Choice(v)) => {
            let mut v = v.clone();
            v.sort_unstable();
            v.dedup();
            &v == correct
        }
        (Kind::TrueFalse { answer }, Response::Bool(b)) => answer == b,
        // True/false answered through the shared choice widget: 0 = True, 1 = False.
        (Kind::TrueFalse { answer }, Response::Choice(v)) => {
            v.as_slice() == [if *answer { 0 } else { 1 }]
        }
        (
            Kind::Numeric {
                answer, tolerance, ..
            },
            Response::Number(s),
        ) => match parse_number(s) {
            // A relative epsilon absorbs binary rounding (0.1 + 0.2) at the tolerance edge.
            Ok(x) => (x - answer).abs() <= tolerance + 1e-9 * answer.abs().max(1.0),
            Err(_) => false,
        },
        _ => false,
    }
}

/// Correct out of total. Stored as a two-element array `[correct, total]`
/// because thousands of them are kept.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "(u32, u32)", into = "(u32, u32)")]
pub struct Tally {
    pub correct: u32,
    pub total: u32,
}

impl From<(u32, u32)> for Tally {
    fn from((correct, total): (u32, u32)) -> Self {
        Tally { correct, total }
    }
}

impl From<Tally> for (u32, u32) {
    fn from(t: Tally) -> Self {
        (t.correct, t.total)
    }
}

impl Tally {
    /// Saturates rather than wrapping: statistics merged from many copies
    /// (or a hand-made file) never turn into a small number.
    pub fn add(&mut self, other: Tally) {
        self.correct = self.correct.saturating_add(other.correct);
        self.total = self.total.saturating_add(other.total);
    }
}

impl Tally {
    pub fn percent(self) -> u32 {
        // No answers yet counts as 0 %. In u64, so no count can overflow.
        let (c, t) = (self.correct as u64, self.total as u64);
        let p = (c * 100 + t / 2).checked_div(t).unwrap_or(0);
        u32::try_from(p).unwrap_or(u32::MAX)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub score: Tally,
    pub passed: bool,
    pub by_tag: BTreeMap<String, Tally>,
}

/// Scores a list of (question tags, was it right). Unanswered counts as wrong.
/// Pass when correct / total ≥ pass_mark %, compared exactly in integers.
pub fn summarize<'a>(
    results: impl IntoIterator<Item = (&'a [String], bool)>,
    pass_mark: u8,
) -> Summary {
    let mut score = Tally::default();
    let mut by_tag: BTreeMap<String, Tally> = BTreeMap::new();
    for (tags, ok) in results {
        score.total += 1;
        score.correct += ok as u32;
        for t in tags {
            let e = by_tag.entry(t.clone()).or_default();
            e.total += 1;
            e.correct += ok as u32;
        }
    }
    let passed =
        score.total > 0 && score.correct as u64 * 100 >= pass_mark as u64 * score.total as u64;
    Summary {
        score,
        passed,
        by_tag,
    }
}

/// Why a practice answer cannot be checked yet, in words for the learner;
/// `None` when it can be.
pub fn not_checkable(q: &Question, r: Option<&Response>) -> Option<String> {
    let numeric = matches!(q.kind, Kind::Numeric { .. } | Kind::Calculated { .. });
    match (&q.kind, r) {
        (_, Some(Response::Number(s))) if numeric => parse_number(s).err().map(|e| e.to_string()),
        (Kind::Matching { pairs }, r) => {
            let chosen = match r {
                Some(Response::Pairs(v)) => v.iter().take(pairs.len()).flatten().count(),
                _ => 0,
            };
            (chosen < pairs.len()).then(|| {
                format!(
                    "Choose an answer for every item first ({chosen} of {} chosen).",
                    pairs.len()
                )
            })
        }
        (_, Some(r)) if r.is_answered() => None,
        _ if numeric => Some("Enter a number first.".into()),
        (Kind::ShortAnswer { .. }, _) => Some("Type an answer first.".into()),
        _ => Some("Choose an answer first.".into()),
    }
}

/// How a partly right answer is marked, for its feedback: "Partly right:
/// 2 of 3 pairs (66 % credit)." `None` when the answer earns full credit
/// or none.
pub fn partial_note(q: &Question, r: &Response) -> Option<String> {
    let c = credit(q, r);
    if c == 0 || c == 100 {
        return None;
    }
    Some(match pairs_right(q, r) {
        Some((right, of)) => format!("Partly right: {right} of {of} pairs ({c} % credit)."),
        None => format!("Partly right: this answer earns {c} % credit."),
    })
}

/// The feedback lines of the options a learner chose, in authored order:
/// (the option's text, why).
pub fn chosen_feedback(q: &Question, r: Option<&Response>) -> Vec<(String, String)> {
    let Some(Response::Choice(chosen)) = r else {
        return Vec::new();
    };
    let options = q.kind.options();
    q.option_feedback
        .iter()
        .filter(|(i, _)| chosen.contains(i))
        .filter_map(|(i, text)| Some((options.get(*i)?.clone(), text.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Accepted, Pair, Question};

    fn q(kind: Kind) -> Question {
        Question::sample("q", &[], kind)
    }

    fn opts(n: usize) -> Vec<String> {
        (0..n).map(|i| i.to_string()).collect()
    }

    #[test]
    fn single_choice() {
        let q = q(Kind::Single {
            options: opts(4),
            correct: 2,
        });
        assert!(grade(&q, &Response::Choice(vec![2])));
        assert!(!grade(&q, &Response::Choice(vec![1])));
        assert!(!grade(&q, &Response::Choice(vec![])));
        assert!(!grade(&q, &Response::Choice(vec![2, 1])));
        assert!(!grade(&q, &Response::Bool(true)));
    }

    #[test]
    fn multiple_response_is_all_or_nothing() {
        let q = q(Kind::Multiple {
            options: opts(5),
            correct: vec![0, 3],
        });
        assert!(grade(&q, &Response::Choice(vec![3, 0])));
        assert!(!grade(&q, &Response::Choice(vec![0])), "a subset is wrong");
        assert!(
            !grade(&q, &Response::Choice(vec![0, 3, 4])),
            "a superset is wrong"
        );
        assert!(!grade(&q, &Response::Choice(vec![1, 2])));
    }

    #[test]
    fn true_false_either_widget() {
        let q = q(Kind::TrueFalse { answer: false });
        assert!(grade(&q, &Response::Bool(false)));
        assert!(!grade(&q, &Response::Bool(true)));
        assert!(grade(&q, &Response::Choice(vec![1])));
        assert!(!grade(&q, &Response::Choice(vec![0])));
    }

    #[test]
    fn numeric_accepts_formatting_variants() {
        let q = q(Kind::Numeric {
            answer: 12.5,
            tolerance: 0.0,
            unit: "mL".into(),
        });
        for s in ["12.5", "12.50", " 12.5 ", "12.500"] {
            assert!(grade(&q, &Response::Number(s.into())), "{s:?}");
        }
        for s in ["12.6", "", "twelve", "12,5", "1.25e1", "inf", "NaN"] {
            assert!(!grade(&q, &Response::Number(s.into())), "{s:?}");
        }
    }

    #[test]
    fn numeric_tolerance_edges() {
        let q = q(Kind::Numeric {
            answer: 0.3,
            tolerance: 0.1,
            unit: "g".into(),
        });
        assert!(
            grade(&q, &Response::Number("0.2".into())),
            "lower edge is inside"
        );
        assert!(
            grade(&q, &Response::Number("0.4".into())),
            "upper edge is inside"
        );
        assert!(!grade(&q, &Response::Number("0.41".into())));
        assert!(!grade(&q, &Response::Number("0.19".into())));
        let exact = q.clone();
        let exact = Question {
            kind: Kind::Numeric {
                answer: 250.0,
                tolerance: 0.0,
                unit: "mL".into(),
            },
            ..exact
        };
        assert!(grade(&exact, &Response::Number("250".into())));
        assert!(!grade(&exact, &Response::Number("250.01".into())));
    }

    #[test]
    fn compact_responses_round_trip() {
        for r in [
            Response::Choice(vec![0, 3]),
            Response::Choice(vec![]),
            Response::Bool(true),
            Response::Bool(false),
            Response::Number(" 12.50 ".into()),
            Response::Text(" ISO, Class 5 ".into()),
            Response::Text(String::new()),
            Response::Pairs(vec![Some(2), None, Some(0)]),
            Response::Pairs(vec![]),
        ] {
            assert_eq!(Response::from_compact(&r.to_compact()), Some(r));
        }
        assert_eq!(Response::from_compact("m1,x"), None);
        assert_eq!(Response::from_compact("x1"), None);
        assert_eq!(Response::from_compact("c1,a"), None);
        assert_eq!(Response::from_compact(""), None);
    }

    #[test]
    fn short_answers_ignore_case_and_spacing_and_earn_their_credit() {
        let sa = q(Kind::ShortAnswer {
            answers: vec![
                Accepted {
                    text: "ISO Class 5".into(),
                    credit: 100,
                },
                Accepted {
                    text: "Class 5".into(),
                    credit: 50,
                },
            ],
        });
        let typed = |s: &str| Response::Text(s.into());
        for right in ["ISO Class 5", "  iso   CLASS 5 ", "iso class\t5"] {
            assert_eq!(credit(&sa, &typed(right)), 100, "{right}");
            assert!(grade(&sa, &typed(right)));
        }
        assert_eq!(credit(&sa, &typed("class 5")), 50);
        assert!(!grade(&sa, &typed("class 5")));
        for wrong in ["ISO Class5", "ISO Class 5.", "", "5"] {
            assert_eq!(credit(&sa, &typed(wrong)), 0, "{wrong}");
        }
        assert_eq!(credit(&sa, &Response::Choice(vec![0])), 0);
        assert!(!typed("  ").is_answered());
        assert_eq!(describe(&sa, Some(&typed("  class 5 "))), "class 5");
    }

    #[test]
    fn matching_earns_the_share_of_pairs_right_rounded_down() {
        let m = q(Kind::Matching {
            pairs: ["a", "b", "c"]
                .iter()
                .map(|p| Pair {
                    prompt: p.to_uppercase(),
                    answer: p.to_string(),
                })
                .collect(),
        });
        let pairs = |v: &[Option<usize>]| Response::Pairs(v.to_vec());
        assert_eq!(credit(&m, &pairs(&[Some(0), Some(1), Some(2)])), 100);
        assert!(grade(&m, &pairs(&[Some(0), Some(1), Some(2)])));
        assert_eq!(credit(&m, &pairs(&[Some(0), Some(2), Some(1)])), 33);
        assert_eq!(credit(&m, &pairs(&[Some(0), Some(1), None])), 66);
        assert_eq!(
            pairs_right(&m, &pairs(&[Some(0), Some(1), None])),
            Some((2, 3))
        );
        // Too short, too long or out of range: never a panic, never credit for a missing pair.
        assert_eq!(credit(&m, &pairs(&[Some(0)])), 33);
        assert_eq!(
            credit(&m, &pairs(&[Some(9), Some(1), Some(2), Some(3)])),
            66
        );
        assert_eq!(credit(&m, &pairs(&[])), 0);
        assert!(!pairs(&[None, None]).is_answered());
        assert_eq!(
            describe(&m, Some(&pairs(&[Some(1), None, Some(2)]))),
            "A → b; B → no answer; C → c"
        );
    }

    #[test]
    fn feedback_notes_for_partial_credit_and_chosen_options() {
        let sa = q(Kind::ShortAnswer {
            answers: vec![
                Accepted {
                    text: "a".into(),
                    credit: 100,
                },
                Accepted {
                    text: "b".into(),
                    credit: 40,
                },
            ],
        });
        assert_eq!(
            partial_note(&sa, &Response::Text("B".into())).as_deref(),
            Some("Partly right: this answer earns 40 % credit.")
        );
        assert_eq!(partial_note(&sa, &Response::Text("a".into())), None);
        assert_eq!(partial_note(&sa, &Response::Text("c".into())), None);
        assert_eq!(
            not_checkable(&sa, None).as_deref(),
            Some("Type an answer first.")
        );
        let m = q(Kind::Matching {
            pairs: ["x", "y", "z"]
                .iter()
                .map(|p| Pair {
                    prompt: p.to_string(),
                    answer: p.to_uppercase(),
                })
                .collect(),
        });
        let r = Response::Pairs(vec![Some(0), Some(2), Some(1)]);
        assert_eq!(
            partial_note(&m, &r).as_deref(),
            Some("Partly right: 1 of 3 pairs (33 % credit).")
        );
        assert_eq!(not_checkable(&m, Some(&r)), None);
        assert_eq!(
            not_checkable(&m, Some(&Response::Pairs(vec![Some(0), None, Some(1)]))).as_deref(),
            Some("Choose an answer for every item first (2 of 3 chosen).")
        );
        let mut single = q(Kind::Single {
            options: opts(4),
            correct: 1,
        });
        single.option_feedback =
            BTreeMap::from([(0, "Zero is wrong.".into()), (2, "Two too.".into())]);
        assert_eq!(
            chosen_feedback(&single, Some(&Response::Choice(vec![2]))),
            vec![("2".to_string(), "Two too.".to_string())]
        );
        assert!(chosen_feedback(&single, Some(&Response::Choice(vec![1]))).is_empty());
        assert!(chosen_feedback(&single, None).is_empty());
    }

    #[test]
    fn tally_is_stored_as_a_pair() {
        assert_eq!(
            serde_json::to_string(&Tally {
                correct: 3,
                total: 4
            })
            .unwrap(),
            "[3,4]"
        );
    }

    #[test]
    fn describe_answers() {
        let m = q(Kind::Multiple {
            options: vec!["a".into(), "b".into(), "c".into()],
            correct: vec![0, 2],
        });
        assert_eq!(describe(&m, Some(&Response::Choice(vec![2, 0]))), "a; c");
        assert_eq!(describe(&m, None), "No answer");
        let n = q(Kind::Numeric {
            answer: 1.0,
            tolerance: 0.0,
            unit: "mL".into(),
        });
        assert_eq!(
            describe(&n, Some(&Response::Number(" 2.50 ".into()))),
            "2.50 mL"
        );
        let t = q(Kind::TrueFalse { answer: true });
        assert_eq!(describe(&t, Some(&Response::Choice(vec![1]))), "False");
    }

    #[test]
    fn parse_number_messages() {
        assert_eq!(parse_number("  "), Err(NumberError::Empty));
        assert_eq!(parse_number(" 3.0 "), Ok(3.0));
        assert_eq!(parse_number(".5"), Ok(0.5));
        assert!(matches!(
            parse_number("3 mL"),
            Err(NumberError::NotANumber(_))
        ));
    }

    #[test]
    fn pass_mark_is_inclusive_and_exact() {
        let t = vec!["a".to_string()];
        let t = &t;
        let res = |n_right: usize, n: usize| {
            (0..n)
                .map(move |i| (t.as_slice(), i < n_right))
                .collect::<Vec<_>>()
        };
        assert!(summarize(res(7, 10), 70).passed, "70% meets a 70% mark");
        assert!(!summarize(res(6, 10), 70).passed);
        // 2/3 = 66.67% fails a 67% mark even though it rounds to 67.
        assert!(!summarize(res(2, 3), 67).passed);
        assert_eq!(summarize(res(2, 3), 67).score.percent(), 67);
        assert!(summarize(res(0, 4), 0).passed);
        assert!(
            !summarize(Vec::<(&[String], bool)>::new(), 0).passed,
            "an empty quiz never passes"
        );
    }

    #[test]
    fn per_tag_breakdown() {
        let a = vec!["x".to_string()];
        let ab = vec!["x".to_string(), "y".to_string()];
        let s = summarize(
            [
                (a.as_slice(), true),
                (ab.as_slice(), false),
                (ab.as_slice(), true),
            ],
            50,
        );
        assert_eq!(
            s.score,
            Tally {
                correct: 2,
                total: 3
            }
        );
        assert_eq!(
            s.by_tag["x"],
            Tally {
                correct: 2,
                total: 3
            }
        );
        assert_eq!(
            s.by_tag["y"],
            Tally {
                correct: 1,
                total: 2
            }
        );
    }

    #[test]
    fn not_checkable_says_what_is_missing() {
        let single = q(Kind::Single {
            options: opts(3),
            correct: 0,
        });
        let numeric = q(Kind::Numeric {
            answer: 2.0,
            tolerance: 0.0,
            unit: "mL".into(),
        });
        assert_eq!(
            not_checkable(&single, None).as_deref(),
            Some("Choose an answer first.")
        );
        assert_eq!(
            not_checkable(&single, Some(&Response::Choice(vec![]))).as_deref(),
            Some("Choose an answer first.")
        );
        assert_eq!(
            not_checkable(&single, Some(&Response::Choice(vec![1]))),
            None
        );
        assert_eq!(
            not_checkable(&numeric, None).as_deref(),
            Some("Enter a number first.")
        );
        assert_eq!(
            not_checkable(&numeric, Some(&Response::Number("  ".into()))).as_deref(),
            Some("Enter a number.")
        );
        assert_eq!(
            not_checkable(&numeric, Some(&Response::Number("x".into()))),
            Some(NumberError::NotANumber("x".into()).to_string())
        );
        assert_eq!(
            not_checkable(&numeric, Some(&Response::Number(" 2.50 ".into()))),
            None
        );
    }

    #[test]
    fn huge_tallies_neither_overflow_nor_wrap() {
        // The link that showed "0 %" for 3e9 of 4e9 and "4294967196 %".
        let t = Tally {
            correct: 3_000_000_000,
            total: 4_000_000_000,
        };
        assert_eq!(t.percent(), 75);
        let odd = Tally {
            correct: u32::MAX,
            total: 1,
        };
        assert_eq!(odd.percent(), u32::MAX, "capped, not wrapped");
        let mut sum = t;
        sum.add(t);
        assert_eq!(
            sum,
            Tally {
                correct: 6_000_000_000u64.min(u32::MAX as u64) as u32,
                total: u32::MAX
            },
            "adding saturates"
        );
    }
}
