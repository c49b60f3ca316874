//! Checks one question of a bank: its type read up front, what every type
//! shares (`Checker::check_common`), which fields belong to which type, then
//! the type's own check from `kinds.rs`.

use std::collections::{HashMap, HashSet};

use std::collections::BTreeMap;

use super::kinds::{
    check_calculated, check_matching, check_multiple, check_numeric, check_short_answer,
    check_single, check_true_false, letter_index,
};
use super::raw::RawQuestion;
use super::{
    normalise_text, BankErrorKind, Citation, Depth, Difficulty, Question, BANK_WALK_BUDGET,
    OUTLINES,
};
use crate::domain::calendar::Day;
use crate::domain::limits::MAX_EXCLUDES;
use crate::domain::manifest::{Manifest, Topic};

/// A question's `type`, read once so the checks match on it rather than on
/// the author's string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum QuestionType {
    Single,
    Multiple,
    TrueFalse,
    Numeric,
    Calculated,
    ShortAnswer,
    Matching,
}

impl QuestionType {
    const ALL: [QuestionType; 7] = [
        QuestionType::Single,
        QuestionType::Multiple,
        QuestionType::TrueFalse,
        QuestionType::Numeric,
        QuestionType::Calculated,
        QuestionType::ShortAnswer,
        QuestionType::Matching,
    ];

    /// The type an author names in `type = "…"`; `None` for an unknown one.
    fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.name() == s)
    }

    /// The name as written in bank files (the same as `Kind::type_name`).
    fn name(self) -> &'static str {
        match self {
            QuestionType::Single => "single",
            QuestionType::Multiple => "multiple",
            QuestionType::TrueFalse => "true_false",
            QuestionType::Numeric => "numeric",
            QuestionType::Calculated => "calculated",
            QuestionType::ShortAnswer => "short_answer",
            QuestionType::Matching => "matching",
        }
    }

    /// Questions a learner answers by choosing among authored options.
    fn is_choice(self) -> bool {
        matches!(self, QuestionType::Single | QuestionType::Multiple)
    }

    /// Questions answered with a number, which need a tolerance and a unit.
    fn is_numeric(self) -> bool {
        matches!(self, QuestionType::Numeric | QuestionType::Calculated)
    }
}

/// Checks a bank's questions in file order. It remembers the ids and stems
/// met so far in maps, so finding duplicates stays linear in the bank's size
/// (the check runs in the browser on load).
pub(super) struct Checker<'a> {
    manifest: &'a Manifest,
    /// The ids of the bank's own `[[topics]]`, which tags may name beside
    /// the manifest's (a set: a bank may define thousands).
    topics: HashSet<&'a str>,
    depth: Depth,
    /// The work calculated questions' walks may still do (`check_calculated`).
    walk_left: Option<usize>,
    first_line_of_id: HashMap<String, usize>,
    id_of_stem: HashMap<String, String>,
}

impl<'a> Checker<'a> {
    pub(super) fn new(manifest: &'a Manifest, topics: &'a [Topic], depth: Depth) -> Self {
        Checker {
            manifest,
            topics: topics.iter().map(|t| t.id.as_str()).collect(),
            depth,
            walk_left: Some(BANK_WALK_BUDGET),
            first_line_of_id: HashMap::new(),
            id_of_stem: HashMap::new(),
        }
    }

    /// Whether a question with this (trimmed) id has been met.
    pub(super) fn has_id(&self, id: &str) -> bool {
        self.first_line_of_id.contains_key(id)
    }

    /// Checks the question `rq` (whose trimmed id is `id`, on `line`), adding
    /// what is wrong with it to `problems` in the order authors see them.
    /// Gives the validated question when its type and difficulty could be
    /// read; any problem at all still fails the bank.
    pub(super) fn question(
        &mut self,
        id: &str,
        line: usize,
        rq: RawQuestion,
        problems: &mut Vec<BankErrorKind>,
    ) -> Option<Question> {
        let qtype = QuestionType::parse(&rq.kind);
        let difficulty = self.check_common(id, line, &rq, problems);
        check_type_fields(qtype, &rq, problems);
        let excludes = check_excludes(id, &rq.excludes, problems);
        let (as_of, valid_until) = check_dates(&rq, problems);
        let option_feedback = check_option_feedback(qtype, &rq, problems);
        let kind = match qtype {
            Some(t) if t != QuestionType::Matching && rq.answer.is_none() => {
                problems.push(BankErrorKind::MissingAnswer);
                None
            }
            Some(QuestionType::Single) => check_single(&rq, problems),
            Some(QuestionType::Multiple) => check_multiple(&rq, problems),
            Some(QuestionType::TrueFalse) => check_true_false(&rq, problems),
            Some(QuestionType::Numeric) => check_numeric(&rq, problems),
            Some(QuestionType::Calculated) => {
                check_calculated(&rq, self.depth, &mut self.walk_left, problems)
            }
            Some(QuestionType::ShortAnswer) => check_short_answer(&rq, problems),
            Some(QuestionType::Matching) => check_matching(&rq, problems),
            None => {
                problems.push(BankErrorKind::UnknownType(rq.kind.clone()));
                None
            }
        };
        Some(Question {
            id: id.to_string(),
            kind: kind?,
            difficulty: difficulty?,
            tags: rq.tags,
            outlines: rq.outlines,
            stem: rq.stem.trim().to_string(),
            explanation: rq.explanation.trim().to_string(),
            citation: Citation {
                source: rq.citation.source.trim().into(),
                section: rq.citation.section.trim().into(),
                edition: rq.citation.edition.trim().into(),
            },
            line,
            excludes,
            as_of,
            valid_until,
            uncited: rq.uncited,
            option_feedback,
        })
    }

    /// What every question type shares: an id and a stem not used before, a
    /// known difficulty, known tags and outlines, and the text fields that
    /// must not be empty. Gives the difficulty when it is a known one.
    fn check_common(
        &mut self,
        id: &str,
        line: usize,
        rq: &RawQuestion,
        problems: &mut Vec<BankErrorKind>,
    ) -> Option<Difficulty> {
        if id.is_empty() {
            problems.push(BankErrorKind::EmptyField("id"));
        }
        match self.first_line_of_id.get(id) {
            Some(&first_line) => problems.push(BankErrorKind::DuplicateId { first_line }),
            None => {
                self.first_line_of_id.insert(id.to_string(), line);
            }
        }
        let stem = normalise_text(&rq.stem);
        match self.id_of_stem.get(&stem) {
            Some(other) => problems.push(BankErrorKind::DuplicateStem(other.clone())),
            None => {
                self.id_of_stem.insert(stem, id.to_string());
            }
        }
        let difficulty = Difficulty::parse(&rq.difficulty);
        if difficulty.is_none() {
            problems.push(BankErrorKind::UnknownDifficulty(rq.difficulty.clone()));
        }
        if rq.tags.is_empty() {
            problems.push(BankErrorKind::NoTags);
        }
        for t in &rq.tags {
            if !self.manifest.has_topic(t) && !self.topics.contains(t.as_str()) {
                problems.push(BankErrorKind::UnknownTag(t.clone()));
            }
        }
        for o in &rq.outlines {
            if !OUTLINES.contains(&o.as_str()) {
                problems.push(BankErrorKind::UnknownOutline(o.clone()));
            }
        }
        for (name, value) in [
            ("stem", &rq.stem),
            ("explanation", &rq.explanation),
            ("citation.source", &rq.citation.source),
            ("citation.section", &rq.citation.section),
            ("citation.edition", &rq.citation.edition),
        ] {
            if value.trim().is_empty() {
                problems.push(BankErrorKind::EmptyField(name));
            }
        }
        difficulty
    }
}

/// The fields that belong to some types only: options to choice questions
/// (and to no other known type), vars, steps, checks and round to calculated
/// ones, tolerance and unit to numeric and calculated ones. A question of an
/// unknown type gets only the last two checks; its own error comes after.
fn check_type_fields(
    qtype: Option<QuestionType>,
    rq: &RawQuestion,
    problems: &mut Vec<BankErrorKind>,
) {
    match qtype {
        Some(t) if t.is_choice() => check_options(&rq.options, problems),
        // Options of another type would be silently dropped; tell the author.
        Some(t) if !rq.options.is_empty() => {
            problems.push(BankErrorKind::OptionsNotAllowed(t.name()))
        }
        _ => {}
    }
    if qtype != Some(QuestionType::Matching) && !rq.pairs.is_empty() {
        problems.push(BankErrorKind::PairsNotAllowed);
    }
    if qtype != Some(QuestionType::Calculated) {
        for (field, given) in [
            ("vars", !rq.vars.is_empty()),
            ("steps", !rq.steps.is_empty()),
            ("checks", !rq.checks.is_empty()),
            ("round", rq.round.is_some()),
        ] {
            if given {
                problems.push(BankErrorKind::NotCalculatedField(field));
            }
        }
    }
    if !qtype.is_some_and(QuestionType::is_numeric) {
        for (field, given) in [
            ("tolerance", rq.tolerance.is_some()),
            ("unit", rq.unit.is_some()),
        ] {
            if given {
                problems.push(BankErrorKind::NotNumericField(field));
            }
        }
    }
}

/// A choice question's per-option feedback, keyed by the option's index;
/// each letter must name an option and each line must have text.
fn check_option_feedback(
    qtype: Option<QuestionType>,
    rq: &RawQuestion,
    problems: &mut Vec<BankErrorKind>,
) -> BTreeMap<usize, String> {
    let mut out = BTreeMap::new();
    if rq.option_feedback.is_empty() {
        return out;
    }
    if !qtype.is_some_and(QuestionType::is_choice) {
        problems.push(BankErrorKind::FeedbackNotAllowed);
        return out;
    }
    for (letter, text) in &rq.option_feedback {
        match letter_index(letter, rq.options.len()) {
            None => problems.push(BankErrorKind::FeedbackOutOfRange(letter.clone())),
            Some(_) if text.trim().is_empty() => {
                problems.push(BankErrorKind::EmptyField("option_feedback"))
            }
            Some(i) => {
                out.insert(i, text.trim().to_string());
            }
        }
    }
    out
}

/// The questions a question excludes: trimmed, each once, not itself, at
/// most `MAX_EXCLUDES`. Whether they exist is checked once the whole bank
/// is read (`parse_bank`).
fn check_excludes(id: &str, named: &[String], problems: &mut Vec<BankErrorKind>) -> Vec<String> {
    if named.len() > MAX_EXCLUDES {
        problems.push(BankErrorKind::TooManyExcludes(named.len()));
    }
    let mut out: Vec<String> = Vec::new();
    for other in named.iter().take(MAX_EXCLUDES) {
        let other = other.trim();
        if other == id {
            problems.push(BankErrorKind::ExcludesItself);
        } else if !out.iter().any(|o| o == other) {
            out.push(other.to_string());
        }
    }
    out
}

/// `as_of` and `valid_until`, each a real day, the second not before the first.
fn check_dates(rq: &RawQuestion, problems: &mut Vec<BankErrorKind>) -> (Option<Day>, Option<Day>) {
    let as_of = read_day("as_of", rq.as_of.as_ref(), problems);
    let valid_until = read_day("valid_until", rq.valid_until.as_ref(), problems);
    if let (Some(as_of), Some(valid_until)) = (as_of, valid_until) {
        if valid_until < as_of {
            problems.push(BankErrorKind::ValidUntilBeforeAsOf { as_of, valid_until });
        }
    }
    (as_of, valid_until)
}

/// A day written as a TOML date (`2026-11-27`, no time or offset) or as a
/// string (`"2026-11-27"`); `None` for anything else.
pub fn day_from_toml(value: &toml::Value) -> Option<Day> {
    match value {
        toml::Value::Datetime(dt) if dt.time.is_none() && dt.offset.is_none() => dt
            .date
            .and_then(|d| Day::from_ymd(i64::from(d.year), d.month.into(), d.day.into())),
        toml::Value::String(s) => Day::parse(s.trim()),
        _ => None,
    }
}

/// Reads a question's day field (see `day_from_toml`), naming what was
/// found when it is not a day.
fn read_day(
    field: &'static str,
    value: Option<&toml::Value>,
    problems: &mut Vec<BankErrorKind>,
) -> Option<Day> {
    let value = value?;
    let day = day_from_toml(value);
    if day.is_none() {
        let found = match value {
            toml::Value::String(s) if s.chars().count() > 40 => {
                format!("\"{}…\"", s.chars().take(40).collect::<String>())
            }
            toml::Value::String(s) => format!("\"{s}\""),
            toml::Value::Datetime(dt) => dt.to_string(),
            other => match other.type_str() {
                t @ ("integer" | "array") => format!("an {t}"),
                t => format!("a {t}"),
            },
        };
        problems.push(BankErrorKind::BadDate { field, found });
    }
    day
}

/// A choice question's options: 3 to 6, none empty, none the same as an
/// earlier one (ignoring case and spacing). Earlier options are remembered
/// in a set: comparing each with every earlier one took minutes for a file
/// with 25,000 options.
fn check_options(options: &[String], problems: &mut Vec<BankErrorKind>) {
    if !(3..=6).contains(&options.len()) {
        problems.push(BankErrorKind::OptionCount(options.len()));
    }
    let mut seen = HashSet::new();
    for o in options {
        if o.trim().is_empty() {
            problems.push(BankErrorKind::EmptyField("options"));
        } else if !seen.insert(normalise_text(o)) {
            problems.push(BankErrorKind::DuplicateOption(format!("\"{}\"", o.trim())));
        }
    }
}
