//! Aiken (docs.moodle.org, "Aiken format"): single-answer multiple choice
//! only. Each question is its text, then options `A.` or `A)` one a line,
//! then `ANSWER: B`. Blank lines between questions are optional.

use super::{Draft, Meta, Parsed, ProblemKind};
use crate::domain::bank::Kind;

/// Whether a text has an Aiken `ANSWER:` line.
pub(super) fn looks_like_aiken(text: &str) -> bool {
    text.lines().any(|l| answer_line(l.trim()).is_some())
}

/// The letter after `ANSWER:` (any case), if the line is one.
fn answer_line(l: &str) -> Option<&str> {
    let head = l.get(..7)?;
    head.eq_ignore_ascii_case("ANSWER:").then(|| l[7..].trim())
}

/// `B. text` or `B) text` where B is `expected`: the text.
fn option_line(l: &str, expected: char) -> Option<&str> {
    let mut chars = l.chars();
    let letter = chars.next()?;
    let mark = chars.next()?;
    let rest = chars.as_str();
    (letter == expected
        && (mark == '.' || mark == ')')
        && (rest.is_empty() || rest.starts_with([' ', '\t'])))
    .then(|| rest.trim())
}

/// A question being read.
struct Pending {
    line: usize,
    stem: String,
    options: Vec<String>,
}

/// Reads an Aiken file.
pub(super) fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut cur: Option<Pending> = None;
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let l = raw.trim();
        if l.is_empty() {
            continue;
        }
        if let Some(answer) = answer_line(l) {
            match cur.take() {
                Some(p) => finish(p, answer, &mut out),
                None => out.problem(n, ProblemKind::AnswerWithoutQuestion),
            }
            continue;
        }
        let expected = cur
            .as_ref()
            .map_or('A', |p| char::from(b'A' + p.options.len().min(25) as u8));
        match (&mut cur, option_line(l, expected)) {
            (Some(p), Some(option)) => p.options.push(option.to_string()),
            (None, Some(_)) => out.problem(n, ProblemKind::OptionWithoutStem),
            (Some(p), None) if p.options.is_empty() => {
                p.stem.push(' ');
                p.stem.push_str(l);
            }
            (slot, None) => {
                // New question text: the one before never had its ANSWER.
                if let Some(p) = slot.take() {
                    out.count("multiple choice");
                    out.problem(p.line, ProblemKind::NoAnswerLine);
                }
                *slot = Some(Pending {
                    line: n,
                    stem: l.to_string(),
                    options: Vec::new(),
                });
            }
        }
    }
    if let Some(p) = cur {
        out.count("multiple choice");
        out.problem(p.line, ProblemKind::NoAnswerLine);
    }
    out
}

fn finish(p: Pending, answer: &str, out: &mut Parsed) {
    out.count("multiple choice");
    let mut chars = answer.chars();
    let index = match (chars.next(), chars.next()) {
        (Some(c), None) if c.is_ascii_alphabetic() => {
            Some((c.to_ascii_uppercase() as u8 - b'A') as usize).filter(|&i| i < p.options.len())
        }
        _ => None,
    };
    let Some(correct) = index else {
        out.problem(p.line, ProblemKind::AnswerNotAnOption(answer.into()));
        return;
    };
    out.drafts.push(Draft {
        line: p.line,
        title: None,
        kind: Kind::Single {
            options: p.options,
            correct,
        },
        stem: p.stem,
        explanation: String::new(),
        category: None,
        meta: Meta::default(),
        option_feedback: Default::default(),
    });
}

#[cfg(test)]
mod tests {
    use super::super::{import, lines_and_kinds, ProblemKind};
    use super::*;
    use crate::domain::manifest::Manifest;

    const GOOD: &str = "Which DEA form is used to order Schedule II drugs?\nA. DEA Form 106\nB. DEA Form 222\nC. DEA Form 41\nD. DEA Form 224\nANSWER: B\n\nWhat is the refrigerator range under USP?\nA) 2 °C to 8 °C\nB) 8 °C to 15 °C\nC) 20 °C to 25 °C\nANSWER: A\n";

    #[test]
    fn reads_questions_with_either_option_style() {
        let p = parse(GOOD);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.drafts.len(), 2);
        assert_eq!(p.drafts[1].line, 8);
        assert_eq!(
            p.drafts[0].kind,
            Kind::Single {
                options: vec![
                    "DEA Form 106".into(),
                    "DEA Form 222".into(),
                    "DEA Form 41".into(),
                    "DEA Form 224".into()
                ],
                correct: 1
            }
        );
        assert_eq!(
            p.drafts[1].stem,
            "What is the refrigerator range under USP?"
        );
        let i = import("forms.aiken", GOOD, &Manifest::default()).unwrap();
        assert_eq!(i.count(), 2);
        assert_eq!(i.uncited.len(), 2, "Aiken has no citations");
        assert_eq!(i.read_summary(), "2 multiple choice");
    }

    #[test]
    fn without_blank_lines_and_with_a_bom_and_crlf() {
        let text = "\u{feff}Q one?\r\nA. a\r\nB. b\r\nC. c\r\nANSWER: C\r\nQ two?\r\nA. x\r\nB. y\r\nC. z\r\nanswer: a\r\n";
        let i = import("q.txt", text, &Manifest::default()).unwrap();
        assert!(i.problems.is_empty(), "{:?}", i.problems);
        let bank = i.bank.unwrap();
        assert_eq!(bank.questions[0].stem, "Q one?");
        assert_eq!(bank.questions[1].line, 6);
    }

    #[test]
    fn broken_questions_name_their_lines() {
        let text = "A. before any question\n\nQ1?\nA. a\nB. b\nC. c\n\nQ2 has no answer line?\nA. a\nB. b\nC. c\n\nQ3?\nA. a\nB. b\nC. c\nANSWER: E\n\nANSWER: A\n\nQ4 runs to the end\nA. a\n";
        let p = parse(text);
        let got = lines_and_kinds(&p.problems);
        assert_eq!(
            got,
            vec![
                (1, ProblemKind::OptionWithoutStem),
                (3, ProblemKind::NoAnswerLine),
                (8, ProblemKind::NoAnswerLine),
                (13, ProblemKind::AnswerNotAnOption("E".into())),
                (19, ProblemKind::AnswerWithoutQuestion),
                (21, ProblemKind::NoAnswerLine),
            ]
        );
        assert!(p.drafts.is_empty());
    }
}
