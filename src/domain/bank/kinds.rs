//! One check per question type. Each reads `answer` in the shape its type
//! needs and builds the question's `Kind`; the checks every type shares are
//! in `question.rs`.

use std::collections::HashSet;

use super::raw::{RawAccepted, RawAnswer, RawQuestion, RawVar};
use super::{
    normalise_text, stem_pick_count, Accepted, BankErrorKind, Depth, Kind, Pair, MAX_ACCEPTED,
};
use crate::domain::calc::{bad_precisions, placeholders, CalcError, Template, VarSpec};

/// A single-answer question: `answer` is one letter naming an option.
pub(super) fn check_single(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> Option<Kind> {
    let Some(RawAnswer::Letter(l)) = &rq.answer else {
        return wrong_shape("single", "one letter such as \"B\"", problems);
    };
    match letter_index(l, rq.options.len()) {
        Some(correct) => Some(Kind::Single {
            options: rq.options.clone(),
            correct,
        }),
        None if l.trim().is_empty() => {
            problems.push(BankErrorKind::NoCorrectOption);
            None
        }
        None => {
            problems.push(BankErrorKind::AnswerOutOfRange(l.clone()));
            None
        }
    }
}

/// A multiple-response question: `answer` lists letters, as many as the
/// stem asks for, each naming a different option.
pub(super) fn check_multiple(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> Option<Kind> {
    let Some(RawAnswer::Letters(ls)) = &rq.answer else {
        return wrong_shape(
            "multiple",
            "a list of letters such as [\"A\", \"C\"]",
            problems,
        );
    };
    let mut correct = Vec::new();
    let mut ok = true;
    for l in ls {
        match letter_index(l, rq.options.len()) {
            Some(i) if correct.contains(&i) => {
                problems.push(BankErrorKind::DuplicateKey);
                ok = false;
            }
            Some(i) => correct.push(i),
            None => {
                problems.push(BankErrorKind::AnswerOutOfRange(l.clone()));
                ok = false;
            }
        }
    }
    if ls.is_empty() {
        problems.push(BankErrorKind::NoCorrectOption);
        ok = false;
    }
    match stem_pick_count(&rq.stem) {
        None => {
            problems.push(BankErrorKind::MultipleCountMissing);
            ok = false;
        }
        Some(stem) if stem != ls.len() => {
            problems.push(BankErrorKind::MultipleCountMismatch {
                stem,
                key: ls.len(),
            });
            ok = false;
        }
        Some(_) => {}
    }
    correct.sort_unstable();
    ok.then(|| Kind::Multiple {
        options: rq.options.clone(),
        correct,
    })
}

/// A true/false question: `answer` is true or false.
pub(super) fn check_true_false(
    rq: &RawQuestion,
    problems: &mut Vec<BankErrorKind>,
) -> Option<Kind> {
    let Some(RawAnswer::Bool(answer)) = rq.answer else {
        return wrong_shape("true_false", "true or false", problems);
    };
    Some(Kind::TrueFalse { answer })
}

/// A numeric question: `answer` is a finite number, with a tolerance and a
/// unit.
pub(super) fn check_numeric(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> Option<Kind> {
    let Some(RawAnswer::Number(answer)) = rq.answer else {
        return wrong_shape("numeric", "a number", problems);
    };
    let finite = answer.is_finite();
    if !finite {
        problems.push(BankErrorKind::NonFiniteAnswer);
    }
    let (tolerance, unit) = numeric_fields(rq, problems)?;
    finite.then_some(Kind::Numeric {
        answer,
        tolerance,
        unit,
    })
}

/// A calculated question: `answer` is a formula over `vars` (and `steps`),
/// with a tolerance and a unit. Every `{name}` in the stem and explanation
/// must be one the template defines, with sane decimals; at `Depth::Full`
/// every combination of values must also pass the `checks`. `walk_left` is
/// the work the bank's walks may still do (see `BANK_WALK_BUDGET`); `None`
/// once it ran out, when the bank is refused and no more walks are worth it.
pub(super) fn check_calculated(
    rq: &RawQuestion,
    depth: Depth,
    walk_left: &mut Option<usize>,
    problems: &mut Vec<BankErrorKind>,
) -> Option<Kind> {
    let Some(RawAnswer::Letter(formula)) = &rq.answer else {
        return wrong_shape(
            "calculated",
            "a formula in quotes, such as \"volume * pct / 100\"",
            problems,
        );
    };
    let fields = numeric_fields(rq, problems);
    let vars = rq
        .vars
        .iter()
        .map(|(name, var)| {
            let spec = match var {
                RawVar::Range { min, max, step } => VarSpec::Range {
                    min: *min,
                    max: *max,
                    step: *step,
                },
                RawVar::List { values } => VarSpec::List(values.clone()),
            };
            (name.clone(), spec)
        })
        .collect();
    let round = rq.round.unwrap_or(0);
    let template = match Template::new(vars, &rq.steps, formula, round, &rq.checks) {
        Ok(template) => template,
        Err(es) => {
            problems.extend(es.into_iter().map(BankErrorKind::Calc));
            return None;
        }
    };
    let mut ok = true;
    let names = template.names();
    for text in [&rq.stem, &rq.explanation] {
        for p in placeholders(text) {
            if !names.contains(&p) {
                problems.push(BankErrorKind::Calc(CalcError::UnknownPlaceholder(p)));
                ok = false;
            }
        }
        for p in bad_precisions(text) {
            problems.push(BankErrorKind::Calc(CalcError::BadPrecision(p)));
            ok = false;
        }
    }
    if depth == Depth::Full {
        ok &= walk_within(&template, walk_left, problems);
    }
    let (tolerance, unit) = fields?;
    ok.then_some(Kind::Calculated {
        template,
        tolerance,
        unit,
    })
}

/// A short-answer question: `answer` is one accepted answer, a list of
/// them, or a list where some carry partial credit
/// (`{ text = "Class 5", credit = 50 }`). At least one earns 100 %.
pub(super) fn check_short_answer(
    rq: &RawQuestion,
    problems: &mut Vec<BankErrorKind>,
) -> Option<Kind> {
    let given: Vec<(String, i64)> = match &rq.answer {
        Some(RawAnswer::Letter(a)) => vec![(a.clone(), 100)],
        Some(RawAnswer::Letters(v)) => v.iter().map(|a| (a.clone(), 100)).collect(),
        Some(RawAnswer::Accepted(v)) => v
            .iter()
            .map(|a| match a {
                RawAccepted::Text(t) => (t.clone(), 100),
                RawAccepted::Weighted { text, credit } => (text.clone(), *credit),
            })
            .collect(),
        _ => {
            return wrong_shape(
                "short_answer",
                "an accepted answer in quotes, or a list of them",
                problems,
            )
        }
    };
    let before = problems.len();
    if !(1..=MAX_ACCEPTED).contains(&given.len()) {
        problems.push(BankErrorKind::AcceptedCount(given.len()));
    }
    let mut seen = HashSet::new();
    let mut answers = Vec::new();
    for (text, credit) in given.into_iter().take(MAX_ACCEPTED) {
        let shown = format!("\"{}\"", text.trim());
        if text.trim().is_empty() {
            problems.push(BankErrorKind::EmptyField("answer"));
        } else if !seen.insert(normalise_text(&text)) {
            problems.push(BankErrorKind::DuplicateAccepted(shown));
        } else if !(1..=100).contains(&credit) {
            problems.push(BankErrorKind::BadCredit {
                text: shown,
                credit,
            });
        } else {
            answers.push(Accepted {
                text: text.trim().to_string(),
                credit: credit as u8,
            });
        }
    }
    if problems.len() == before && !answers.iter().any(|a| a.credit == 100) {
        problems.push(BankErrorKind::NoFullCreditAnswer);
    }
    (problems.len() == before).then_some(Kind::ShortAnswer { answers })
}

/// A matching question: 3 to 8 `pairs`, no prompt or answer empty or the
/// same as an earlier one (a learner could not tell them apart).
pub(super) fn check_matching(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> Option<Kind> {
    let before = problems.len();
    if rq.answer.is_some() {
        problems.push(BankErrorKind::AnswerNotAllowed);
    }
    if !(3..=8).contains(&rq.pairs.len()) {
        problems.push(BankErrorKind::PairCount(rq.pairs.len()));
    }
    let mut prompts = HashSet::new();
    let mut answers = HashSet::new();
    for [prompt, answer] in &rq.pairs {
        for (side, text, seen) in [
            ("prompt", prompt, &mut prompts),
            ("answer", answer, &mut answers),
        ] {
            if text.trim().is_empty() {
                problems.push(BankErrorKind::EmptyField("pairs"));
            } else if !seen.insert(normalise_text(text)) {
                problems.push(BankErrorKind::DuplicatePair {
                    side,
                    text: format!("\"{}\"", text.trim()),
                });
            }
        }
    }
    (problems.len() == before).then(|| Kind::Matching {
        pairs: rq
            .pairs
            .iter()
            .map(|[p, a]| Pair {
                prompt: p.trim().to_string(),
                answer: a.trim().to_string(),
            })
            .collect(),
    })
}

/// Walks a template when the bank's walk budget still covers it; false
/// when the walk found a failing draw or the budget ran out.
fn walk_within(
    template: &Template,
    walk_left: &mut Option<usize>,
    problems: &mut Vec<BankErrorKind>,
) -> bool {
    let Some(left) = *walk_left else {
        return false;
    };
    let cost = template.walk_cost();
    if cost > left {
        problems.push(BankErrorKind::TooMuchToCheck);
        *walk_left = None;
        return false;
    }
    *walk_left = Some(left - cost);
    match template.walk() {
        (_, Some(e)) => {
            problems.push(BankErrorKind::Calc(e));
            false
        }
        (_, None) => true,
    }
}

/// Records that `answer` is not in the shape a `kind` question needs; gives
/// no `Kind`, so a type's check can return it directly.
fn wrong_shape(
    kind: &'static str,
    expected: &'static str,
    problems: &mut Vec<BankErrorKind>,
) -> Option<Kind> {
    problems.push(BankErrorKind::AnswerShape { kind, expected });
    None
}

/// The tolerance and unit that numeric and calculated questions both need.
/// A tolerance must be zero or more; NaN is refused with the negative ones,
/// as no answer would ever be within it.
fn numeric_fields(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> Option<(f64, String)> {
    let tolerance = match rq.tolerance {
        None => {
            problems.push(BankErrorKind::MissingNumericField("tolerance"));
            None
        }
        Some(t) if t >= 0.0 => Some(t),
        // Negative, or NaN (which compares false with every number).
        Some(t) => {
            problems.push(BankErrorKind::NegativeTolerance(t));
            None
        }
    };
    if rq.unit.is_none() {
        problems.push(BankErrorKind::MissingNumericField("unit"));
    }
    Some((tolerance?, rq.unit.clone()?))
}

/// The option a letter names ("A" the first), if there is one; case and
/// surrounding spaces are ignored.
pub(super) fn letter_index(s: &str, count: usize) -> Option<usize> {
    let mut chars = s.trim().chars();
    let c = chars.next()?.to_ascii_uppercase();
    if chars.next().is_some() || !c.is_ascii_uppercase() {
        return None;
    }
    let i = (c as u8 - b'A') as usize;
    (i < count).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn template() -> Template {
        let vars = BTreeMap::from([(
            "x".to_string(),
            VarSpec::Range {
                min: 1.0,
                max: 10.0,
                step: 1.0,
            },
        )]);
        Template::new(vars, &[], "x * 2", 0, &["answer > 0".into()]).unwrap()
    }

    #[test]
    fn walks_spend_the_bank_budget_and_stop_when_it_runs_out() {
        let t = template();
        let cost = t.walk_cost();
        assert_eq!(cost, 10 * t.cost());
        let mut problems = Vec::new();
        let mut left = Some(cost + 1);
        assert!(walk_within(&t, &mut left, &mut problems));
        assert_eq!((left, &problems[..]), (Some(1), &[][..]));
        assert!(!walk_within(&t, &mut left, &mut problems));
        assert_eq!(left, None);
        assert_eq!(problems, vec![BankErrorKind::TooMuchToCheck]);
        // Once refused, later questions are not walked and not reported again.
        assert!(!walk_within(&t, &mut left, &mut problems));
        assert_eq!(problems.len(), 1);
    }
}
