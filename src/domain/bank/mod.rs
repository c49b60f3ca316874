//! Question banks: the TOML format authors write, and the validated model the
//! quiz engine uses. Parsing collects every problem in a bank (not just the
//! first) so an author can fix a file in one pass.

mod kinds;
mod question;
mod raw;

use std::collections::BTreeMap;
use std::fmt;
use thiserror::Error;

use super::calc::{CalcError, Template};
use super::calendar::Day;
use super::limits::MAX_EXCLUDES;
use super::manifest::{Manifest, Topic};
pub use question::day_from_toml;
use question::Checker;
use raw::RawBank;

/// Exam outlines a question may be mapped to.
pub const OUTLINES: [&str; 4] = ["ptce", "cspt", "ptcb-hdm", "excpt"];

/// Most work the walks of one bank's calculated questions do together at
/// `Depth::Full` (in `Template::walk_cost` units, a few nanoseconds each
/// natively; well under a second in the browser). The largest shipped bank
/// needs under 4 million; a bank that needs more is refused with a message
/// rather than freezing the page while it is added.
pub const BANK_WALK_BUDGET: usize = 60_000_000;

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Difficulty {
    Easy,
    Medium,
    Hard,
}

impl Difficulty {
    pub fn as_str(self) -> &'static str {
        match self {
            Difficulty::Easy => "easy",
            Difficulty::Medium => "medium",
            Difficulty::Hard => "hard",
        }
    }
    fn parse(s: &str) -> Option<Self> {
        match s {
            "easy" => Some(Difficulty::Easy),
            "medium" => Some(Difficulty::Medium),
            "hard" => Some(Difficulty::Hard),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Citation {
    pub source: String,
    pub section: String,
    pub edition: String,
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {} ({})", self.source, self.section, self.edition)
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Kind {
    Single {
        options: Vec<String>,
        correct: usize,
    },
    Multiple {
        options: Vec<String>,
        correct: Vec<usize>,
    },
    TrueFalse {
        answer: bool,
    },
    Numeric {
        answer: f64,
        tolerance: f64,
        unit: String,
    },
    /// A numeric question whose values are drawn per quiz; see `Question::instantiate`.
    Calculated {
        template: Template,
        tolerance: f64,
        unit: String,
    },
    /// A typed answer, compared with each accepted answer ignoring case,
    /// surrounding space and repeated inner space (`grade::normalise_text`).
    ShortAnswer {
        answers: Vec<Accepted>,
    },
    /// Prompts each matched to one answer from a list of them all; the
    /// answers are shuffled per quiz like options.
    Matching {
        pairs: Vec<Pair>,
    },
}

/// One accepted answer of a short-answer question and the credit it earns
/// (100 for a fully right answer; less for a partly right one).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Accepted {
    pub text: String,
    pub credit: u8,
}

/// One pair of a matching question: the prompt and the answer it matches.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Pair {
    pub prompt: String,
    pub answer: String,
}

impl Kind {
    pub fn type_name(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single",
            Kind::Multiple { .. } => "multiple",
            Kind::TrueFalse { .. } => "true_false",
            Kind::Numeric { .. } => "numeric",
            Kind::Calculated { .. } => "calculated",
            Kind::ShortAnswer { .. } => "short_answer",
            Kind::Matching { .. } => "matching",
        }
    }

    /// The type in words, for people ("short answer", "true/false").
    pub fn label(&self) -> &'static str {
        match self {
            Kind::Single { .. } => "single choice",
            Kind::Multiple { .. } => "multiple response",
            Kind::TrueFalse { .. } => "true/false",
            Kind::Numeric { .. } => "numeric",
            Kind::Calculated { .. } => "calculated",
            Kind::ShortAnswer { .. } => "short answer",
            Kind::Matching { .. } => "matching",
        }
    }

    /// The options a learner chooses from, in authored order. True/false
    /// questions get the two fixed options "True" and "False"; a matching
    /// question's options are its answers, offered beside every prompt.
    pub fn options(&self) -> Vec<String> {
        match self {
            Kind::Single { options, .. } | Kind::Multiple { options, .. } => options.clone(),
            Kind::TrueFalse { .. } => vec!["True".into(), "False".into()],
            Kind::Matching { pairs } => pairs.iter().map(|p| p.answer.clone()).collect(),
            Kind::Numeric { .. } | Kind::Calculated { .. } | Kind::ShortAnswer { .. } => Vec::new(),
        }
    }

    /// Option count (0 for typed answers).
    pub fn option_count(&self) -> usize {
        match self {
            Kind::Single { options, .. } | Kind::Multiple { options, .. } => options.len(),
            Kind::TrueFalse { .. } => 2,
            Kind::Matching { pairs } => pairs.len(),
            Kind::Numeric { .. } | Kind::Calculated { .. } | Kind::ShortAnswer { .. } => 0,
        }
    }

    /// True/false keeps "True" before "False"; choice questions and a
    /// matching question's answer list are shuffled.
    pub fn shuffles_options(&self) -> bool {
        matches!(
            self,
            Kind::Single { .. } | Kind::Multiple { .. } | Kind::Matching { .. }
        )
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Question {
    pub id: String,
    pub kind: Kind,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub outlines: Vec<String>,
    pub stem: String,
    pub explanation: String,
    pub citation: Citation,
    /// 1-based line of the question's table in its file.
    pub line: usize,
    /// Ids of questions in the same bank that this one gives away, or that
    /// give it away: `quiz::build` never puts two of them in one quiz. The
    /// relation is symmetric, so naming it on one side is enough.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub excludes: Vec<String>,
    /// The day the answer was checked, for a fact that depends on a date.
    /// Learners see "As of 27 November 2026"; the lint warns a year later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub as_of: Option<Day>,
    /// The last day the answer holds (a deadline, an exemption's end); the
    /// lint warns once it has passed. Not shown to learners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Day>,
    /// Imported without a citation or an explanation (`uncited = true`):
    /// allowed only in banks added in the browser, and shown as such
    /// wherever the question is. Built-in banks must cite every question.
    #[serde(default, skip_serializing_if = "is_false")]
    pub uncited: bool,
    /// For single and multiple choice: a line shown, after answering, for
    /// an option the learner chose (authored option index → text).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub option_feedback: BTreeMap<usize, String>,
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Question {
    /// A minimal valid question for tests.
    #[cfg(test)]
    pub(crate) fn sample(id: &str, tags: &[&str], kind: Kind) -> Question {
        Question {
            id: id.into(),
            kind,
            difficulty: Difficulty::Easy,
            tags: tags.iter().map(|s| s.to_string()).collect(),
            outlines: vec![],
            stem: format!("stem {id}"),
            explanation: "x".into(),
            citation: Citation {
                source: "s".into(),
                section: "1".into(),
                edition: "2023".into(),
            },
            line: 1,
            excludes: vec![],
            as_of: None,
            valid_until: None,
            uncited: false,
            option_feedback: BTreeMap::new(),
        }
    }

    /// "As of 27 November 2026", for a question whose answer depends on a date.
    pub fn as_of_note(&self) -> Option<String> {
        self.as_of.map(|d| format!("As of {}", d.long()))
    }

    /// The question as asked in a quiz with this seed: a calculated question
    /// becomes a numeric one with its values drawn and filled into the stem
    /// and worked explanation. Other questions are returned as they are.
    pub fn instantiate(&self, bank: &str, seed: u64) -> Question {
        match &self.kind {
            Kind::Calculated {
                template,
                tolerance,
                unit,
            } => {
                let draw = template.draw(seed, &format!("{bank}/{}", self.id));
                Question {
                    kind: Kind::Numeric {
                        answer: draw.answer(),
                        tolerance: *tolerance,
                        unit: unit.clone(),
                    },
                    stem: draw.render(&self.stem),
                    explanation: draw.render(&self.explanation),
                    ..self.clone()
                }
            }
            _ => self.clone(),
        }
    }

    /// A human-readable statement of the correct answer.
    pub fn answer_text(&self) -> String {
        match &self.kind {
            // The checks keep `correct` within `options`; `get` keeps a
            // question built some other way from panicking.
            Kind::Single { options, correct } => options.get(*correct).cloned().unwrap_or_default(),
            Kind::Multiple { options, correct } => correct
                .iter()
                .filter_map(|&i| options.get(i).map(String::as_str))
                .collect::<Vec<_>>()
                .join("; "),
            Kind::TrueFalse { answer } => if *answer { "True" } else { "False" }.into(),
            Kind::Calculated { unit, .. } => format!("(calculated per quiz) {unit}"),
            Kind::ShortAnswer { answers } => answers
                .iter()
                .filter(|a| a.credit == 100)
                .map(|a| a.text.as_str())
                .collect::<Vec<_>>()
                .join(" or "),
            Kind::Matching { pairs } => pairs
                .iter()
                .map(|p| format!("{} → {}", p.prompt, p.answer))
                .collect::<Vec<_>>()
                .join("; "),
            Kind::Numeric {
                answer,
                tolerance,
                unit,
            } => {
                let mut s = format!("{} {}", fmt_number(*answer), unit);
                if *tolerance > 0.0 {
                    s.push_str(&format!(" (± {})", fmt_number(*tolerance)));
                }
                s.trim().to_string()
            }
        }
    }
}

/// Text as compared for duplicates and short answers: runs of white space
/// as one space, none around it, and lower case.
pub fn normalise_text(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Formats a number without a trailing ".0".
pub fn fmt_number(x: f64) -> String {
    let s = format!("{x}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Bank {
    pub id: String,
    pub title: String,
    /// One line on what the bank covers (optional; the manifest describes built-in banks).
    pub description: String,
    /// Topics the bank defines for itself, beyond the manifest's list.
    pub topics: Vec<Topic>,
    pub version: u32,
    pub questions: Vec<Question>,
}

impl Bank {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

/// One problem found in a bank file.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{file}{}{}: {kind}", line.map(|l| format!(", line {l}")).unwrap_or_default(), question.as_ref().map(|q| format!(", question `{q}`")).unwrap_or_default())]
pub struct BankError {
    pub file: String,
    pub question: Option<String>,
    pub line: Option<usize>,
    pub kind: BankErrorKind,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum BankErrorKind {
    #[error("the file is not valid TOML: {0}")]
    Syntax(String),
    #[error("the bank id is `{found}` but the manifest lists it as `{expected}`")]
    BankIdMismatch { expected: String, found: String },
    #[error("the bank has no questions")]
    NoQuestions,
    #[error("the id is used again (first used on line {first_line})")]
    DuplicateId { first_line: usize },
    #[error("the same stem is used by question `{0}`")]
    DuplicateStem(String),
    #[error("unknown type `{0}` (use single, multiple, true_false, numeric, calculated, short_answer or matching)")]
    UnknownType(String),
    #[error("unknown difficulty `{0}` (use easy, medium or hard)")]
    UnknownDifficulty(String),
    #[error("unknown tag `{0}` (not in PharmQuiz's topic list or the bank's own [[topics]])")]
    UnknownTag(String),
    #[error("the bank's own topic `{0}` is already a PharmQuiz topic or listed twice; use the existing one or another id")]
    TopicTaken(String),
    #[error("the bank's own topic `{0}` needs an id and a label")]
    TopicIncomplete(String),
    #[error("unknown exam outline `{0}` (use ptce, cspt, ptcb-hdm or excpt)")]
    UnknownOutline(String),
    #[error("no tags: give at least one topic id")]
    NoTags,
    #[error("`{0}` is empty")]
    EmptyField(&'static str),
    #[error("needs between 3 and 6 options, found {0}")]
    OptionCount(usize),
    /// Options given to a question type that has none of its own (the name is the type's).
    #[error("options are not allowed for a {0} question")]
    OptionsNotAllowed(&'static str),
    #[error("option {0} is the same as an earlier option")]
    DuplicateOption(String),
    #[error("no option is marked correct")]
    NoCorrectOption,
    #[error(
        "answer `{0}` does not name an option (use A for the first option, B for the second, …)"
    )]
    AnswerOutOfRange(String),
    #[error("the answer must be {expected} for a {kind} question")]
    AnswerShape {
        kind: &'static str,
        expected: &'static str,
    },
    #[error("the stem must say how many options to select (for example \"Select TWO.\")")]
    MultipleCountMissing,
    #[error("the stem asks for {stem} options but the answer lists {key}")]
    MultipleCountMismatch { stem: usize, key: usize },
    #[error("the same option is keyed twice")]
    DuplicateKey,
    #[error("tolerance must not be negative (found {0})")]
    NegativeTolerance(f64),
    #[error("numeric answers need `{0}`")]
    MissingNumericField(&'static str),
    #[error("`{0}` only applies to numeric questions")]
    NotNumericField(&'static str),
    #[error("the answer must be a finite number")]
    NonFiniteAnswer,
    #[error("calculated question: {0}")]
    Calc(CalcError),
    #[error("the bank's calculated questions, up to this one, need too much work to check every draw; move some of them into another bank")]
    TooMuchToCheck,
    #[error("`{0}` only applies to calculated questions")]
    NotCalculatedField(&'static str),
    #[error("`excludes` names `{0}`, which is not a question in this bank")]
    UnknownExclude(String),
    #[error("`excludes` names the question itself")]
    ExcludesItself,
    #[error("`excludes` names {0} questions; a question may exclude at most {MAX_EXCLUDES}")]
    TooManyExcludes(usize),
    #[error("`{field}` must be a day from 1970-01-01 to 2199-12-31, written as a TOML date (2026-11-27) or as \"2026-11-27\"; found {found}")]
    BadDate { field: &'static str, found: String },
    #[error("`valid_until` ({valid_until}) is before `as_of` ({as_of})")]
    ValidUntilBeforeAsOf { as_of: Day, valid_until: Day },
    #[error("`answer` is missing")]
    MissingAnswer,
    #[error("a matching question has its answers in `pairs`, not in `answer`")]
    AnswerNotAllowed,
    #[error("`pairs` only applies to matching questions")]
    PairsNotAllowed,
    #[error("needs between 3 and 8 pairs, found {0}")]
    PairCount(usize),
    #[error(
        "the {side} {text} is used by an earlier pair; each prompt and each answer must differ"
    )]
    DuplicatePair { side: &'static str, text: String },
    #[error("needs between 1 and {MAX_ACCEPTED} accepted answers, found {0}")]
    AcceptedCount(usize),
    #[error(
        "the accepted answer {0} is the same as an earlier one (case and spacing are ignored)"
    )]
    DuplicateAccepted(String),
    #[error("the credit of {text} is {credit} %; give a whole number from 1 to 100")]
    BadCredit { text: String, credit: i64 },
    #[error("no accepted answer earns full credit (100 %)")]
    NoFullCreditAnswer,
    #[error("`option_feedback` only applies to single and multiple questions")]
    FeedbackNotAllowed,
    #[error("`option_feedback` names `{0}`, which is not an option (use A for the first option, B for the second, …)")]
    FeedbackOutOfRange(String),
    #[error("`uncited` is only for banks imported in the browser: a built-in bank cites a source and explains every question")]
    UncitedBuiltIn,
}

/// The most accepted answers a short-answer question may list.
pub const MAX_ACCEPTED: usize = 10;

/// How much checking `parse_bank` does. `Full` also walks every calculated
/// template's range (used by `bank-check` and the tests); the browser uses
/// `Quick` so a bank loads fast.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Depth {
    Quick,
    Full,
}

/// Reads "Select TWO." / "choose 3" from a multiple-response stem.
pub fn stem_pick_count(stem: &str) -> Option<usize> {
    const WORDS: [&str; 9] = [
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let lower = stem.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).find_map(|w| {
        if w[0] != "select" && w[0] != "choose" {
            return None;
        }
        w[1].parse::<usize>()
            .ok()
            .or_else(|| WORDS.iter().position(|x| *x == w[1]).map(|i| i + 2))
    })
}

/// Parses and validates one bank file.
///
/// `file` names the file in messages; `expected_id` is the id the manifest
/// gives it (if known); `manifest` supplies the topic list.
pub fn parse_bank(
    file: &str,
    text: &str,
    expected_id: Option<&str>,
    manifest: &Manifest,
    depth: Depth,
) -> Result<Bank, Vec<BankError>> {
    let err = |question: Option<&str>, line: Option<usize>, kind| BankError {
        file: file.to_string(),
        question: question.map(str::to_string),
        line,
        kind,
    };
    let raw: RawBank = match toml::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let line = e.span().map(|s| LineCounter::new(text).line_at(s.start));
            return Err(vec![err(
                None,
                line,
                BankErrorKind::Syntax(e.message().trim().to_string()),
            )]);
        }
    };
    let mut errors: Vec<BankError> = check_bank(&raw, expected_id, manifest)
        .into_iter()
        .map(|kind| err(None, None, kind))
        .collect();
    let mut questions: Vec<Question> = Vec::with_capacity(raw.questions.len());
    let mut checker = Checker::new(manifest, &raw.topics, depth);
    let mut lines = LineCounter::new(text);
    let mut problems = Vec::new();
    // Each question's `excludes`, checked once every id is known.
    let mut excludes: Vec<(String, usize, Vec<String>)> = Vec::new();
    for spanned in raw.questions {
        let line = lines.line_at(spanned.span().start);
        let rq = spanned.into_inner();
        let id = rq.id.trim().to_string();
        if !rq.excludes.is_empty() {
            excludes.push((id.clone(), line, rq.excludes.clone()));
        }
        if rq.uncited && expected_id.is_some() {
            problems.push(BankErrorKind::UncitedBuiltIn);
        }
        let question = checker.question(&id, line, rq, &mut problems);
        errors.extend(
            problems
                .drain(..)
                .map(|kind| err(Some(&id), Some(line), kind)),
        );
        questions.extend(question);
    }
    for (id, line, named) in &excludes {
        for other in named.iter().take(MAX_EXCLUDES) {
            let other = other.trim();
            if other != id && !checker.has_id(other) {
                errors.push(err(
                    Some(id),
                    Some(*line),
                    BankErrorKind::UnknownExclude(other.into()),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(Bank {
            id: raw.id,
            title: raw.title,
            description: raw.description.trim().to_string(),
            topics: raw.topics,
            version: raw.version,
            questions,
        })
    } else {
        Err(errors)
    }
}

/// The problems of the bank as a whole: its id, that it has questions, and
/// the topics it defines for itself.
fn check_bank(raw: &RawBank, expected_id: Option<&str>, manifest: &Manifest) -> Vec<BankErrorKind> {
    let mut problems = Vec::new();
    if let Some(expected) = expected_id {
        if raw.id != expected {
            problems.push(BankErrorKind::BankIdMismatch {
                expected: expected.into(),
                found: raw.id.clone(),
            });
        }
    }
    if raw.questions.is_empty() {
        problems.push(BankErrorKind::NoQuestions);
    }
    // Ids seen so far, as a set: a bank may define thousands of topics.
    let mut seen = std::collections::HashSet::new();
    for t in &raw.topics {
        let first = seen.insert(t.id.as_str());
        if t.id.trim().is_empty() || t.label.trim().is_empty() {
            problems.push(BankErrorKind::TopicIncomplete(t.id.clone()));
        } else if manifest.has_topic(&t.id) || !first {
            problems.push(BankErrorKind::TopicTaken(t.id.clone()));
        }
    }
    problems
}

/// Turns byte offsets into 1-based line numbers. It counts on from the last
/// offset it was asked about, so numbering a bank's questions in file order
/// is one pass over the text (the check runs in the browser on load).
struct LineCounter<'a> {
    text: &'a str,
    byte: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            text,
            byte: 0,
            line: 1,
        }
    }

    fn line_at(&mut self, byte: usize) -> usize {
        let byte = byte.min(self.text.len());
        if byte < self.byte {
            // Asked about an earlier place: count again from the top.
            self.byte = 0;
            self.line = 1;
        }
        self.line += self.text.as_bytes()[self.byte..byte]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.byte = byte;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::calc::format_fixed;
    use crate::domain::expr::ExprError;
    use std::collections::HashSet;

    fn manifest() -> Manifest {
        Manifest::parse("[[topics]]\nid='t1'\nlabel='T1'\n[[topics]]\nid='t2'\nlabel='T2'\n")
            .unwrap()
    }

    const HEAD: &str = "id = \"b\"\ntitle = \"B\"\n";

    #[test]
    fn answer_text_of_an_out_of_range_key_is_empty_not_a_panic() {
        let text = format!("{HEAD}{}", single("q1", ""));
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        let mut q = bank.questions[0].clone();
        assert_eq!(q.answer_text(), "two");
        q.kind = Kind::Single {
            options: vec!["a".into()],
            correct: 5,
        };
        assert_eq!(q.answer_text(), "");
        q.kind = Kind::Multiple {
            options: vec!["a".into(), "b".into()],
            correct: vec![1, 9],
        };
        assert_eq!(q.answer_text(), "b");
    }

    fn single(id: &str, extra: &str) -> String {
        format!(
            r#"
[[questions]]
id = "{id}"
type = "single"
difficulty = "easy"
tags = ["t1"]
stem = "Stem for {id}?"
options = ["one", "two", "three"]
answer = "B"
explanation = "Because."
citation = {{ source = "USP <797>", section = "1", edition = "2023" }}
{extra}
"#
        )
    }

    fn errors(text: &str) -> Vec<BankErrorKind> {
        match parse_bank("b.toml", text, Some("b"), &manifest(), Depth::Full) {
            Ok(_) => vec![],
            Err(es) => es.into_iter().map(|e| e.kind).collect(),
        }
    }

    /// A question of a new type: `body` gives its type-specific lines.
    fn other(id: &str, kind: &str, body: &str) -> String {
        format!(
            r#"
[[questions]]
id = "{id}"
type = "{kind}"
difficulty = "easy"
tags = ["t1"]
stem = "Stem for {id}?"
{body}
explanation = "Because."
citation = {{ source = "USP <797>", section = "1", edition = "2023" }}
"#
        )
    }

    #[test]
    fn short_answers_parse_with_credit_and_are_checked() {
        let text = format!(
            "{HEAD}{}",
            other(
                "q1",
                "short_answer",
                r#"answer = ["ISO Class 5", { text = "Class 5", credit = 50 }]"#
            )
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        assert_eq!(
            bank.questions[0].kind,
            Kind::ShortAnswer {
                answers: vec![
                    Accepted {
                        text: "ISO Class 5".into(),
                        credit: 100
                    },
                    Accepted {
                        text: "Class 5".into(),
                        credit: 50
                    },
                ]
            }
        );
        assert_eq!(bank.questions[0].answer_text(), "ISO Class 5");
        let one = format!("{HEAD}{}", other("q1", "short_answer", r#"answer = "7""#));
        assert!(errors(&one).is_empty());
        for (body, want) in [
            (
                r#"answer = [{ text = "a", credit = 50 }]"#,
                BankErrorKind::NoFullCreditAnswer,
            ),
            (
                r#"answer = ["a", { text = "b", credit = 0 }]"#,
                BankErrorKind::BadCredit {
                    text: "\"b\"".into(),
                    credit: 0,
                },
            ),
            (
                r#"answer = ["a", { text = "b", credit = 101 }]"#,
                BankErrorKind::BadCredit {
                    text: "\"b\"".into(),
                    credit: 101,
                },
            ),
            (
                r#"answer = ["Class 5", " class  5 "]"#,
                BankErrorKind::DuplicateAccepted("\"class  5\"".into()),
            ),
            (
                r#"answer = ["a", "  "]"#,
                BankErrorKind::EmptyField("answer"),
            ),
            ("answer = []", BankErrorKind::AcceptedCount(0)),
            (
                "answer = 5",
                BankErrorKind::AnswerShape {
                    kind: "short_answer",
                    expected: "an accepted answer in quotes, or a list of them",
                },
            ),
            ("", BankErrorKind::MissingAnswer),
            (
                r#"answer = "a"
pairs = [["x", "y"]]"#,
                BankErrorKind::PairsNotAllowed,
            ),
            (
                r#"answer = "a"
option_feedback = { A = "no" }"#,
                BankErrorKind::FeedbackNotAllowed,
            ),
        ] {
            let text = format!("{HEAD}{}", other("q1", "short_answer", body));
            assert_eq!(errors(&text), vec![want], "{body}");
        }
    }

    #[test]
    fn matching_pairs_parse_and_are_checked() {
        let pairs =
            r#"pairs = [["PEC", "ISO 5"], ["Buffer room", "ISO 7"], ["Ante-room", "ISO 8"]]"#;
        let text = format!("{HEAD}{}", other("q1", "matching", pairs));
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        let q = &bank.questions[0];
        assert_eq!(q.kind.options(), vec!["ISO 5", "ISO 7", "ISO 8"]);
        assert!(q.kind.shuffles_options());
        assert_eq!(
            q.answer_text(),
            "PEC → ISO 5; Buffer room → ISO 7; Ante-room → ISO 8"
        );
        let nine: Vec<String> = (0..9).map(|i| format!(r#"["p{i}", "a{i}"]"#)).collect();
        let nine = format!("pairs = [{}]", nine.join(", "));
        for (body, want) in [
            (
                r#"pairs = [["a", "b"], ["c", "d"]]"#.to_string(),
                vec![BankErrorKind::PairCount(2)],
            ),
            (nine, vec![BankErrorKind::PairCount(9)]),
            (
                r#"pairs = [["a", "b"], ["A ", "c"], ["d", "B"]]"#.into(),
                vec![
                    BankErrorKind::DuplicatePair {
                        side: "prompt",
                        text: "\"A\"".into(),
                    },
                    BankErrorKind::DuplicatePair {
                        side: "answer",
                        text: "\"B\"".into(),
                    },
                ],
            ),
            (
                r#"pairs = [["a", "b"], ["c", " "], ["d", "e"]]"#.into(),
                vec![BankErrorKind::EmptyField("pairs")],
            ),
            (
                format!("{pairs}\nanswer = \"A\""),
                vec![BankErrorKind::AnswerNotAllowed],
            ),
            (
                format!("{pairs}\noptions = [\"a\", \"b\", \"c\"]"),
                vec![BankErrorKind::OptionsNotAllowed("matching")],
            ),
        ] {
            let text = format!("{HEAD}{}", other("q1", "matching", &body));
            assert_eq!(errors(&text), want, "{body}");
        }
    }

    #[test]
    fn option_feedback_is_keyed_by_letter_and_checked() {
        let text = format!(
            "{HEAD}{}",
            single(
                "q1",
                r#"option_feedback = { a = "Not one.", C = " Three is too many. " }"#
            )
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        assert_eq!(
            bank.questions[0].option_feedback,
            BTreeMap::from([(0, "Not one.".into()), (2, "Three is too many.".into())])
        );
        let bad = format!(
            "{HEAD}{}",
            single("q1", r#"option_feedback = { D = "x", B = "" }"#)
        );
        assert_eq!(
            errors(&bad),
            vec![
                BankErrorKind::EmptyField("option_feedback"),
                BankErrorKind::FeedbackOutOfRange("D".into())
            ]
        );
    }

    #[test]
    fn valid_single_parses_with_line_numbers() {
        let text = format!("{HEAD}{}{}", single("q1", ""), single("q2", ""));
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        assert_eq!(bank.questions.len(), 2);
        assert_eq!(
            bank.questions[0].kind,
            Kind::Single {
                options: vec!["one".into(), "two".into(), "three".into()],
                correct: 1
            }
        );
        assert_eq!(bank.questions[0].line, 4);
        assert_eq!(bank.questions[1].line, 16);
    }

    #[test]
    fn duplicate_id_names_file_question_and_line() {
        let text = format!(
            "{HEAD}{}{}",
            single("q1", ""),
            single("q1", "").replace("Stem for q1", "Other")
        );
        let es = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap_err();
        assert_eq!(es.len(), 1);
        assert_eq!(es[0].kind, BankErrorKind::DuplicateId { first_line: 4 });
        assert_eq!(
            es[0].to_string(),
            "b.toml, line 16, question `q1`: the id is used again (first used on line 4)"
        );
    }

    #[test]
    fn duplicate_stem() {
        let text = format!(
            "{HEAD}{}{}",
            single("q1", ""),
            single("q2", "").replace("Stem for q2", "stem  for Q1")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::DuplicateStem("q1".into())]
        );
    }

    #[test]
    fn no_correct_option() {
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("answer = \"B\"", "answer = \"\"")
        );
        assert_eq!(errors(&text), vec![BankErrorKind::NoCorrectOption]);
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("answer = \"B\"", "answer = \"F\"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::AnswerOutOfRange("F".into())]
        );
    }

    #[test]
    fn duplicate_options() {
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("\"three\"", "\"One \"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::DuplicateOption("\"One\"".into())]
        );
    }

    fn multiple(stem: &str, answer: &str) -> String {
        format!(
            r#"{HEAD}
[[questions]]
id = "m1"
type = "multiple"
difficulty = "hard"
tags = ["t2"]
stem = "{stem}"
options = ["a", "b", "c", "d"]
answer = {answer}
explanation = "Because."
citation = {{ source = "21 CFR 1305.12", section = "(a)", edition = "2024" }}
"#
        )
    }

    #[test]
    fn multiple_key_must_match_stem_count() {
        assert_eq!(
            errors(&multiple("Which apply? Select TWO.", "[\"A\", \"C\"]")),
            vec![]
        );
        assert_eq!(
            errors(&multiple("Which apply? Select THREE.", "[\"A\", \"C\"]")),
            vec![BankErrorKind::MultipleCountMismatch { stem: 3, key: 2 }]
        );
        assert_eq!(
            errors(&multiple("Which apply?", "[\"A\", \"C\"]")),
            vec![BankErrorKind::MultipleCountMissing]
        );
        assert_eq!(
            errors(&multiple("Which apply? (choose 2)", "[\"A\", \"A\"]")),
            vec![BankErrorKind::DuplicateKey]
        );
    }

    #[test]
    fn stem_count_words_and_digits() {
        assert_eq!(stem_pick_count("Select TWO."), Some(2));
        assert_eq!(stem_pick_count("... (Choose 3)"), Some(3));
        assert_eq!(stem_pick_count("Select the best answer"), None);
    }

    fn numeric(extra: &str) -> String {
        format!(
            r#"{HEAD}
[[questions]]
id = "n1"
type = "numeric"
difficulty = "medium"
tags = ["t1"]
stem = "How many mL?"
answer = 12.5
{extra}
explanation = "12.5 mL."
citation = {{ source = "USP <795>", section = "x", edition = "2023" }}
"#
        )
    }

    #[test]
    fn negative_tolerance() {
        assert_eq!(errors(&numeric("tolerance = 0.1\nunit = \"mL\"")), vec![]);
        assert_eq!(
            errors(&numeric("tolerance = -0.1\nunit = \"mL\"")),
            vec![BankErrorKind::NegativeTolerance(-0.1)]
        );
        assert_eq!(
            errors(&numeric("unit = \"mL\"")),
            vec![BankErrorKind::MissingNumericField("tolerance")]
        );
    }

    #[test]
    fn empty_explanation_and_citation() {
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("\"Because.\"", "\"  \"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::EmptyField("explanation")]
        );
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("edition = \"2023\"", "edition = \"\"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::EmptyField("citation.edition")]
        );
    }

    #[test]
    fn a_bank_may_define_its_own_topics() {
        let own = "id = \"b\"\ntitle = \"B\"\ntopics = [{ id = \"site-sop\", label = \"Our procedures\" }]\n";
        let text = format!(
            "{own}{}",
            single("q1", "").replace("[\"t1\"]", "[\"site-sop\", \"t2\"]")
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        assert_eq!(bank.topics[0].label, "Our procedures");
        assert_eq!(bank.questions[0].tags, vec!["site-sop", "t2"]);
        // Not a topic the manifest already has, not twice, and labelled.
        let clash = text.replace("id = \"site-sop\", label", "id = \"t1\", label");
        assert!(errors(&clash).contains(&BankErrorKind::TopicTaken("t1".into())));
        let twice = text.replace(
            "label = \"Our procedures\" }]",
            "label = \"Our procedures\" }, { id = \"site-sop\", label = \"Again\" }]",
        );
        assert_eq!(
            errors(&twice),
            vec![BankErrorKind::TopicTaken("site-sop".into())]
        );
        let unlabelled = text.replace("label = \"Our procedures\"", "label = \" \"");
        assert_eq!(
            errors(&unlabelled),
            vec![BankErrorKind::TopicIncomplete("site-sop".into())]
        );
    }

    #[test]
    fn unknown_tag_difficulty_type_outline() {
        let text = format!("{HEAD}{}", single("q1", "").replace("[\"t1\"]", "[\"t9\"]"));
        assert_eq!(errors(&text), vec![BankErrorKind::UnknownTag("t9".into())]);
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("\"easy\"", "\"simple\"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::UnknownDifficulty("simple".into())]
        );
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("\"single\"", "\"essay\"")
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::UnknownType("essay".into())]
        );
        let text = format!("{HEAD}{}", single("q1", "outlines = [\"nabp\"]"));
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::UnknownOutline("nabp".into())]
        );
    }

    #[test]
    fn true_false_and_answer_shapes() {
        let tf = single("q1", "")
            .replace("type = \"single\"", "type = \"true_false\"")
            .replace("options = [\"one\", \"two\", \"three\"]\n", "")
            .replace("answer = \"B\"", "answer = false");
        let bank = parse_bank(
            "b.toml",
            &format!("{HEAD}{tf}"),
            Some("b"),
            &manifest(),
            Depth::Full,
        )
        .unwrap();
        assert_eq!(bank.questions[0].kind, Kind::TrueFalse { answer: false });
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace("answer = \"B\"", "answer = [\"B\"]")
        );
        assert!(matches!(
            errors(&text)[..],
            [BankErrorKind::AnswerShape { kind: "single", .. }]
        ));
    }

    #[test]
    fn syntax_error_reports_line() {
        let es = parse_bank(
            "b.toml",
            "id = \"b\"\ntitle = \"B\"\n[[questions]\n",
            Some("b"),
            &manifest(),
            Depth::Full,
        )
        .unwrap_err();
        assert!(matches!(es[0].kind, BankErrorKind::Syntax(_)));
        assert_eq!(es[0].line, Some(3));
    }

    #[test]
    fn bank_id_must_match_manifest() {
        let text = format!("{HEAD}{}", single("q1", ""));
        let es = parse_bank("b.toml", &text, Some("other"), &manifest(), Depth::Full).unwrap_err();
        assert_eq!(
            es[0].kind,
            BankErrorKind::BankIdMismatch {
                expected: "other".into(),
                found: "b".into()
            }
        );
    }

    fn calculated(extra: &str) -> String {
        format!(
            r#"{HEAD}
[[questions]]
id = "c1"
type = "calculated"
difficulty = "medium"
tags = ["t1"]
stem = "How many grams of dextrose are in {{volume}} mL of D{{pct}}W? Round to the nearest tenth."
answer = "volume * pct / 100"
tolerance = 0.05
unit = "g"
round = 1
explanation = "{{volume}} mL × {{pct}} g/100 mL = {{answer}} g."
citation = {{ source = "s", section = "x", edition = "2021" }}
{extra}
[questions.vars]
volume = {{ min = 100, max = 1000, step = 50 }}
pct = {{ values = [5, 10, 50] }}
"#
        )
    }

    #[test]
    fn calculated_question_parses_and_instantiates() {
        let bank = parse_bank(
            "b.toml",
            &calculated("checks = [\"answer > 0\"]"),
            Some("b"),
            &manifest(),
            Depth::Full,
        )
        .unwrap();
        let q = &bank.questions[0];
        assert_eq!(q.kind.type_name(), "calculated");
        let a = q.instantiate("b", 7);
        assert_eq!(a, q.instantiate("b", 7), "same seed, same numbers");
        let Kind::Numeric {
            answer,
            tolerance,
            ref unit,
        } = a.kind
        else {
            panic!("instantiated to {:?}", a.kind)
        };
        assert_eq!((tolerance, unit.as_str()), (0.05, "g"));
        assert!(!a.stem.contains('{') && !a.explanation.contains('{'));
        assert!(a
            .explanation
            .ends_with(&format!("= {} g.", format_fixed(answer, 1))));
        let seeds: HashSet<String> = (0..30).map(|s| q.instantiate("b", s).stem).collect();
        assert!(seeds.len() > 5);
    }

    #[test]
    fn calculated_errors() {
        let es = errors(&calculated("checks = [\"answer < 10\"]"));
        assert!(
            matches!(
                &es[..],
                [BankErrorKind::Calc(CalcError::CheckFailed { .. })]
            ),
            "{es:?}"
        );
        let es = errors(
            &calculated("")
                .replace("{{answer}} g.", "{{grams}} g.")
                .replace("{answer} g.", "{grams} g."),
        );
        assert_eq!(
            es,
            vec![BankErrorKind::Calc(CalcError::UnknownPlaceholder(
                "grams".into()
            ))]
        );
        let es = errors(&calculated("").replace("volume * pct / 100", "volume * pct /"));
        assert!(
            matches!(&es[..], [BankErrorKind::Calc(CalcError::Formula { .. })]),
            "{es:?}"
        );
        let es = errors(&format!("{HEAD}{}", single("q1", "round = 2")));
        assert_eq!(es, vec![BankErrorKind::NotCalculatedField("round")]);
    }

    #[test]
    fn a_formula_past_the_limits_is_a_bank_problem_naming_question_and_line() {
        // 3,000 brackets overflowed the stack in the browser.
        let nested = format!("{}volume{}", "(".repeat(3000), ")".repeat(3000));
        let text = calculated("").replace("volume * pct / 100", &nested);
        assert_eq!(
            messages(&text),
            vec!["b.toml, line 4, question `c1`: calculated question: `answer` is not a valid formula: the formula is longer than 500 characters; split it into steps"]
        );
        let nested = format!("{}volume{}", "(".repeat(30), ")".repeat(30));
        let steps = format!("steps = [\"x = {nested}\"]");
        assert_eq!(
            errors(&calculated(&steps)),
            vec![BankErrorKind::Calc(CalcError::Formula {
                field: "x".into(),
                error: ExprError::TooDeep
            })]
        );
        let sum = vec!["pct"; 50].join(" + ");
        let checks = format!("checks = [\"{sum} > 0\"]");
        assert!(matches!(
            &errors(&calculated(&checks))[..],
            [BankErrorKind::Calc(CalcError::Formula {
                error: ExprError::TooManyOperations,
                ..
            })]
        ));
    }

    #[test]
    fn a_placeholder_precision_or_round_past_the_maximum_is_refused() {
        // `{volume:65536}` passed both checks, then panicked when shown.
        let text = calculated("").replace("{volume} mL of D", "{volume:65536} mL of D");
        assert_eq!(
            messages(&text),
            vec!["b.toml, line 4, question `c1`: calculated question: the text uses {volume:65536}: the number after `:` is the decimals to show, a whole number from 0 to 10"]
        );
        let text = calculated("").replace("round = 1", "round = 4000000000");
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::Calc(CalcError::BadRound(4_000_000_000))]
        );
        let ok = calculated("").replace("{volume} mL of D", "{volume:10} mL of D");
        assert!(ok.contains("{volume:10}"));
        assert_eq!(errors(&ok), vec![]);
    }

    #[test]
    fn a_saved_question_with_a_huge_precision_still_shows() {
        // A bank saved before the validator refused `{x:65536}`, or a damaged
        // compiled one: resuming its quiz must show it, not panic.
        let mut bank = parse_bank(
            "b.toml",
            &calculated(""),
            Some("b"),
            &manifest(),
            Depth::Full,
        )
        .unwrap();
        bank.questions[0].stem = "{volume:65536} mL of D{pct:4294967296}W?".into();
        if let Kind::Calculated { template, .. } = &mut bank.questions[0].kind {
            template.round = u32::MAX;
        }
        bank.questions[0].explanation = "{answer} g".into();
        let q = crate::domain::session::question(&[&bank], "b", "c1", 3).unwrap();
        assert!(
            q.stem.ends_with("W?") && !q.stem.contains('{'),
            "{}",
            q.stem
        );
        assert!(q.explanation.ends_with(" g"));
    }

    #[test]
    fn thousands_of_options_or_topics_are_checked_in_linear_time() {
        // Each option and topic was compared with every earlier one: a
        // 200 KB file of options took minutes to check.
        let mut options: Vec<String> = (0..20_000).map(|i| format!("\"o{i}\"")).collect();
        options.push("\" O7 \"".into());
        let text = format!(
            "{HEAD}{}",
            single("q1", "").replace(
                "[\"one\", \"two\", \"three\"]",
                &format!("[{}]", options.join(","))
            )
        );
        assert_eq!(
            errors(&text),
            vec![
                BankErrorKind::OptionCount(20_001),
                BankErrorKind::DuplicateOption("\"O7\"".into())
            ]
        );
        let topics: Vec<String> = (0..20_000)
            .map(|i| format!("{{ id = \"own{i}\", label = \"L\" }}"))
            .collect();
        let tags: Vec<String> = (0..20_000).map(|i| format!("\"own{i}\"")).collect();
        let text = format!(
            "id = \"b\"\ntitle = \"B\"\ntopics = [{}, {{ id = \"own5\", label = \"Again\" }}]\n{}",
            topics.join(","),
            single("q1", "").replace("[\"t1\"]", &format!("[{}]", tags.join(",")))
        );
        assert_eq!(
            errors(&text),
            vec![BankErrorKind::TopicTaken("own5".into())]
        );
    }

    #[test]
    fn excludes_name_questions_of_the_bank_and_are_kept() {
        let text = format!(
            "{HEAD}{}{}{}",
            single("q1", "excludes = [\"q3\", \" q2 \", \"q3\"]"),
            single("q2", ""),
            single("q3", "")
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        // Trimmed and each once; the other side needs nothing.
        assert_eq!(bank.questions[0].excludes, vec!["q3", "q2"]);
        assert!(bank.questions[2].excludes.is_empty());
        let text = format!(
            "{HEAD}{}{}",
            single("q1", "excludes = [\"q1\", \"q9\"]"),
            single("q2", "")
        );
        assert_eq!(
            messages(&text),
            vec![
                "b.toml, line 4, question `q1`: `excludes` names the question itself",
                "b.toml, line 4, question `q1`: `excludes` names `q9`, which is not a question in this bank",
            ]
        );
        let many: Vec<String> = (0..=MAX_EXCLUDES).map(|i| format!("\"q{i}\"")).collect();
        let text = format!(
            "{HEAD}{}",
            single("q1", &format!("excludes = [{}]", many.join(", ")))
        );
        assert!(errors(&text).contains(&BankErrorKind::TooManyExcludes(MAX_EXCLUDES + 1)));
    }

    #[test]
    fn dates_are_toml_dates_or_iso_strings_and_in_order() {
        let text = format!(
            "{HEAD}{}{}",
            single("q1", "as_of = 2026-11-27\nvalid_until = \"2027-06-30\""),
            single("q2", "")
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &manifest(), Depth::Full).unwrap();
        let q = &bank.questions[0];
        assert_eq!(
            q.as_of.map(|d| d.to_string()).as_deref(),
            Some("2026-11-27")
        );
        assert_eq!(q.valid_until, Day::parse("2027-06-30"));
        assert_eq!(q.as_of_note().as_deref(), Some("As of 27 November 2026"));
        assert_eq!(bank.questions[1].as_of_note(), None);
        for (extra, found) in [
            ("as_of = 2026-11-27T10:00:00", "2026-11-27T10:00:00"),
            ("as_of = 2026-11-27T10:00:00Z", "2026-11-27T10:00:00Z"),
            ("as_of = \"27/11/2026\"", "\"27/11/2026\""),
            ("as_of = \"2026-02-30\"", "\"2026-02-30\""),
            ("as_of = 1969-12-31", "1969-12-31"),
            ("as_of = 20261127", "an integer"),
            ("as_of = [2026, 11, 27]", "an array"),
        ] {
            assert_eq!(
                errors(&format!("{HEAD}{}", single("q1", extra))),
                vec![BankErrorKind::BadDate {
                    field: "as_of",
                    found: found.into()
                }],
                "{extra}"
            );
        }
        assert_eq!(
            messages(&format!("{HEAD}{}", single("q1", "valid_until = \"soon\""))),
            vec!["b.toml, line 4, question `q1`: `valid_until` must be a day from 1970-01-01 to 2199-12-31, written as a TOML date (2026-11-27) or as \"2026-11-27\"; found \"soon\""]
        );
        assert_eq!(
            messages(&format!(
                "{HEAD}{}",
                single("q1", "as_of = 2026-11-27\nvalid_until = 2026-11-26")
            )),
            vec!["b.toml, line 4, question `q1`: `valid_until` (2026-11-26) is before `as_of` (2026-11-27)"]
        );
    }

    #[test]
    fn collects_every_error_in_one_pass() {
        let text = format!(
            "{HEAD}{}{}",
            single("q1", "").replace("[\"t1\"]", "[\"t9\"]"),
            numeric("tolerance = -1.0\nunit = \"mL\"").replace(HEAD, "")
        );
        assert_eq!(errors(&text).len(), 2);
    }

    /// Every problem as a trainer reads it.
    fn messages(text: &str) -> Vec<String> {
        match parse_bank("b.toml", text, Some("b"), &manifest(), Depth::Full) {
            Ok(_) => vec![],
            Err(es) => es.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn options_are_not_allowed_for_true_false_or_numeric() {
        let tf = single("q1", "")
            .replace("\"single\"", "\"true_false\"")
            .replace("\"B\"", "true");
        assert_eq!(
            messages(&format!("{HEAD}{tf}")),
            vec![
                "b.toml, line 4, question `q1`: options are not allowed for a true_false question"
            ]
        );
        let with_options = "tolerance = 0.1\nunit = \"mL\"\noptions = [\"a\", \"b\", \"c\"]";
        assert_eq!(
            errors(&numeric(with_options)),
            vec![BankErrorKind::OptionsNotAllowed("numeric")]
        );
    }

    #[test]
    fn options_are_not_allowed_for_calculated() {
        assert_eq!(
            errors(&calculated("options = [\"a\", \"b\", \"c\"]")),
            vec![BankErrorKind::OptionsNotAllowed("calculated")]
        );
    }

    #[test]
    fn nan_tolerance_is_refused_like_a_negative_one_in_both_numeric_types() {
        let numeric_nan = errors(&numeric("tolerance = nan\nunit = \"mL\""));
        let calculated_nan = errors(&calculated("").replace("tolerance = 0.05", "tolerance = nan"));
        for es in [&numeric_nan, &calculated_nan] {
            assert!(
                matches!(&es[..], [BankErrorKind::NegativeTolerance(t)] if t.is_nan()),
                "{es:?}"
            );
        }
        assert_eq!(numeric_nan[0].to_string(), calculated_nan[0].to_string());
        assert_eq!(
            errors(&calculated("").replace("tolerance = 0.05", "tolerance = -0.05")),
            vec![BankErrorKind::NegativeTolerance(-0.05)]
        );
    }
}
