//! Imports questions from other formats: Moodle GIFT, Aiken and CSV (and
//! PharmQuiz TOML itself). Each importer reads its format into drafts;
//! `build` turns the drafts into a PharmQuiz bank, writes it as TOML and
//! checks that text with the bank validator, so an imported bank is stored,
//! backed up and shared exactly like a TOML bank added by hand. Nothing is
//! stored here: the result is a report (what was read, each problem with
//! its line, a preview) and the valid part, which the trainer keeps or not.

mod aiken;
mod build;
mod gift;
mod sheet;
mod text;

use serde::Deserialize;
use std::collections::BTreeMap;
use thiserror::Error;

use super::bank::{Bank, Citation, Kind};
use super::calendar::Day;
use super::custom::{parse_custom, CustomError, MAX_BANK_BYTES};
use super::manifest::{Manifest, Topic};

pub use build::{NO_EXPLANATION, UNCITED};
pub use sheet::{CSV_HEADER, CSV_TEMPLATE};

/// The formats a trainer can import.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Toml,
    Gift,
    Aiken,
    Csv,
}

impl Format {
    /// The name shown in the report ("Detected format: Moodle GIFT").
    pub fn name(self) -> &'static str {
        match self {
            Format::Toml => "PharmQuiz TOML",
            Format::Gift => "Moodle GIFT",
            Format::Aiken => "Aiken",
            Format::Csv => "CSV",
        }
    }
}

/// The format of a file, from its extension and, where that is not enough,
/// its content: `.txt` is Aiken (Moodle's naming) unless it uses GIFT
/// syntax; a file with no known extension is read by what it holds.
pub fn detect(file: &str, text: &str) -> Format {
    let ext = file
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "toml" => Format::Toml,
        "gift" => Format::Gift,
        "aiken" => Format::Aiken,
        "csv" | "tsv" => Format::Csv,
        "txt" if gift::looks_like_gift(text) => Format::Gift,
        "txt" => Format::Aiken,
        _ if text.lines().any(|l| l.trim() == "[[questions]]") => Format::Toml,
        _ if gift::looks_like_gift(text) => Format::Gift,
        _ if aiken::looks_like_aiken(text) => Format::Aiken,
        _ if sheet::looks_like_csv(text) => Format::Csv,
        _ => Format::Toml,
    }
}

/// How much a problem matters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The question is wrong and is left out.
    Error,
    /// A kind of question PharmQuiz does not have; left out.
    Skipped,
    /// Imported, with a change the trainer should know about.
    Note,
}

/// One problem, on a line of the imported file.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub line: usize,
    pub kind: ProblemKind,
}

impl Problem {
    pub fn severity(&self) -> Severity {
        self.kind.severity()
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let what = match self.severity() {
            Severity::Error => "not imported",
            Severity::Skipped => "skipped",
            Severity::Note => "note",
        };
        write!(f, "Line {} ({what}): {}", self.line, self.kind)
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProblemKind {
    #[error("the `{{` that opens the answers is not closed by a `}}` before the blank line that ends the question")]
    Unclosed,
    #[error("a `}}` closes answers that were never opened with `{{`")]
    StrayClose,
    #[error("the title is not closed: a title is written `::title::`")]
    UnclosedTitle,
    #[error("an answer's weight is {0} %, more than 100 %")]
    WeightOver(String),
    #[error("`%{0}%` is not a weight: write a percentage from -100 to 100, such as `~%50%`")]
    BadWeight(String),
    #[error("the numeric answer `{0}` has no number (write it as `{{#2.5:0.1}}` or `{{#2..3}}`)")]
    NoNumber(String),
    #[error("no answer is marked right: mark it with `=`, or give right answers a positive weight such as `~%50%`")]
    NoRightAnswer,
    #[error("{0} answers are marked right with `=`; for a question with several right answers, give each a weight such as `~%50%`")]
    SeveralRight(usize),
    #[error("no numeric answer gets full credit (100 %)")]
    NoFullCredit,
    #[error("this matching question has only one pair; a matching question needs 3 to 8 pairs")]
    MatchingOnePair,
    #[error("a matching line is written `=prompt -> answer`; this one has no `->`")]
    MatchingWithoutArrow,
    #[error("{0} extra answer(s) without a prompt (`= -> answer`) were left out: PharmQuiz offers only the answers of the pairs")]
    ExtraMatchAnswers(usize),
    #[error("{0} short answer(s) with no credit (weight 0 % or less) were left out: only answers that earn credit are accepted")]
    NoCreditAnswers(usize),
    #[error("essay questions are not supported (they have no key to mark)")]
    Essay,
    #[error("text without answers in braces is a description, not a question")]
    Description,
    #[error(
        "a second `{{` opens more answers after the first set; a question has one set of answers"
    )]
    SecondAnswers,
    #[error(
        "there is text before the first answer; each answer starts with `=` (right) or `~` (wrong)"
    )]
    TextBeforeAnswers,
    #[error("an answer is empty")]
    EmptyAnswer,
    #[error("the question text is empty")]
    EmptyStem,
    #[error("a `// pharmquiz:` line is not valid: {0}")]
    BadMeta(String),
    #[error("the weights give partial credit ({weights}); PharmQuiz marks all-or-nothing, so the options with a positive weight ({keys}) are the key")]
    WeightsNotExact { weights: String, keys: String },
    #[error("there are {count} numeric answers: kept the one with full credit ({kept}) and left out the ones with partial credit")]
    NumericKept { count: usize, kept: String },
    #[error("the stem did not say how many options to select, so \"{0}\" was added to it")]
    SelectAdded(String),
    #[error("the title `{0}` is used by an earlier question, so this one's id is `{1}`")]
    IdRenamed(String, String),
    #[error("the bank id `{0}` belongs to a built-in bank, so this copy's id is `{1}`")]
    BankRenamed(String, String),
    #[error(
        "the text after the answers was joined to the text before them with a blank (\"_____\")"
    )]
    MissingWord,
    #[error("an option line comes before any question text")]
    OptionWithoutStem,
    #[error("an `ANSWER:` line comes before any question")]
    AnswerWithoutQuestion,
    #[error("the question has no `ANSWER:` line (Aiken ends each question with one, such as `ANSWER: B`)")]
    NoAnswerLine,
    #[error("`ANSWER: {0}` does not name one of the options")]
    AnswerNotAnOption(String),
    #[error("the file is not valid CSV: {0}")]
    Csv(String),
    #[error("the header has no `{0}` column (download the template CSV to see the header)")]
    MissingColumn(&'static str),
    #[error("the column `{0}` is not one PharmQuiz reads, so it is ignored")]
    UnknownColumn(String),
    #[error(
        "type `{0}` is not one PharmQuiz imports (use single, multiple, true_false or numeric)"
    )]
    UnknownType(String),
    #[error("`{field}` is `{value}`, which is not a number")]
    NotANumber { field: &'static str, value: String },
    #[error("answer `{0}` does not fit the question (letters such as B or A;C for options, true or false, or a number)")]
    BadAnswer(String),
    #[error("a bank file is added whole: fix this and add the file again. {0}")]
    Toml(String),
    #[error("{0}")]
    Invalid(String),
}

impl ProblemKind {
    pub fn severity(&self) -> Severity {
        use ProblemKind::*;
        match self {
            Essay | Description => Severity::Skipped,
            WeightsNotExact { .. }
            | ExtraMatchAnswers(_)
            | NoCreditAnswers(_)
            | NumericKept { .. }
            | SelectAdded(_)
            | IdRenamed(..)
            | BankRenamed(..)
            | MissingWord
            | UnknownColumn(_) => Severity::Note,
            _ => Severity::Error,
        }
    }
}

/// What a `// pharmquiz:` comment line (GIFT) or a column (CSV) says about
/// a question beyond its text and key: see `export::bank_gift`.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    pub difficulty: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub outlines: Vec<String>,
    pub unit: Option<String>,
    pub citation: Option<Citation>,
    #[serde(default)]
    pub uncited: bool,
    /// `excludes`, `as_of` and `valid_until`, as in a TOML bank.
    #[serde(default)]
    pub excludes: Vec<String>,
    pub as_of: Option<Day>,
    pub valid_until: Option<Day>,
    /// The bank's own id, title, version and description (file head only).
    pub bank: Option<BankMeta>,
    /// The bank's own topics (file head only).
    #[serde(default)]
    pub topics: Vec<Topic>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BankMeta {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub version: Option<u32>,
    #[serde(default)]
    pub description: String,
}

/// One question as read from a file, before it gets an id, topics and the
/// bank validator's checks.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// The line the question starts on.
    pub line: usize,
    /// The GIFT title or CSV id, which becomes the question's id.
    pub title: Option<String>,
    pub kind: Kind,
    pub stem: String,
    /// Empty when the file gave none.
    pub explanation: String,
    /// The GIFT category the question is in, which becomes a topic.
    pub category: Option<String>,
    pub meta: Meta,
    /// Feedback on a choice question's options (GIFT `~wrong#feedback`).
    pub option_feedback: BTreeMap<usize, String>,
}

/// What one importer read from a file.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Parsed {
    pub drafts: Vec<Draft>,
    pub problems: Vec<Problem>,
    /// Items read per kind of question ("multiple choice", "essay"…),
    /// whether they could be imported or not.
    pub read: BTreeMap<String, usize>,
    /// The file's own bank id, title and topics, when it says them.
    pub head: Meta,
}

impl Parsed {
    fn count(&mut self, what: &str) {
        *self.read.entry(what.to_string()).or_default() += 1;
    }
    fn problem(&mut self, line: usize, kind: ProblemKind) {
        self.problems.push(Problem { line, kind });
    }
}

/// A question kept without a citation or an explanation.
#[derive(Debug, Clone, PartialEq)]
pub struct Uncited {
    pub line: usize,
    pub id: String,
    /// What the file did not give: "citation", "explanation" or "citation
    /// and no explanation" (read after "no").
    pub missing: &'static str,
}

/// The import report and the part of the file that can be kept.
#[derive(Debug, Clone, PartialEq)]
pub struct Imported {
    pub file: String,
    pub format: Format,
    /// Items read per kind of question.
    pub read: BTreeMap<String, usize>,
    /// Every problem, by line.
    pub problems: Vec<Problem>,
    /// Questions kept and marked uncited.
    pub uncited: Vec<Uncited>,
    /// The questions that passed every check, as a bank; `None` when none did.
    pub bank: Option<Bank>,
    /// The bank as TOML: what is stored when the trainer keeps it.
    pub toml: String,
}

impl Imported {
    /// Questions that would be added.
    pub fn count(&self) -> usize {
        self.bank.as_ref().map_or(0, |b| b.questions.len())
    }

    /// "12 multiple choice, 3 true/false, 1 essay".
    pub fn read_summary(&self) -> String {
        self.read
            .iter()
            .map(|(k, n)| format!("{n} {k}"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// Reads a file in any supported format into a report and, when anything
/// is usable, a checked bank. The 200 KB cap of added banks applies to the
/// file and to the bank it becomes.
pub fn import(file: &str, text: &str, builtin: &Manifest) -> Result<Imported, CustomError> {
    if text.len() > MAX_BANK_BYTES {
        return Err(CustomError::TooLarge);
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let format = detect(file, text);
    let parsed = match format {
        Format::Toml => return Ok(import_toml(file, text, builtin)),
        Format::Gift => gift::parse(text),
        Format::Aiken => aiken::parse(text),
        Format::Csv => sheet::parse(text),
    };
    build::build(file, format, parsed, builtin)
}

/// A TOML bank is checked as it is and added whole, or not at all.
fn import_toml(file: &str, text: &str, builtin: &Manifest) -> Imported {
    let mut out = Imported {
        file: file.into(),
        format: Format::Toml,
        read: BTreeMap::new(),
        problems: Vec::new(),
        uncited: Vec::new(),
        bank: None,
        toml: String::new(),
    };
    match parse_custom(file, text, builtin, super::bank::Depth::Full) {
        Ok(bank) => {
            for q in &bank.questions {
                *out.read.entry(q.kind.type_name().to_string()).or_default() += 1;
                if q.uncited {
                    out.uncited.push(Uncited {
                        line: q.line,
                        id: q.id.clone(),
                        missing: "citation or explanation",
                    });
                }
            }
            out.bank = Some(bank);
            out.toml = text.to_string();
        }
        Err(CustomError::Invalid(es)) => {
            out.problems = es
                .into_iter()
                .map(|e| Problem {
                    line: line_in_message(&e).unwrap_or(1),
                    kind: ProblemKind::Toml(e),
                })
                .collect();
        }
        Err(e) => out.problems.push(Problem {
            line: 1,
            kind: ProblemKind::Toml(e.to_string()),
        }),
    }
    out
}

/// The line a validator message names ("file, line 12, …").
fn line_in_message(m: &str) -> Option<usize> {
    let rest = &m[m.find(", line ")? + 7..];
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// (line, problem) pairs, as the importers' tests compare them.
#[cfg(test)]
pub(crate) fn lines_and_kinds(problems: &[Problem]) -> Vec<(usize, ProblemKind)> {
    problems.iter().map(|p| (p.line, p.kind.clone())).collect()
}
