//! Drafts → a checked bank: each question gets an id (its title, or the
//! bank id and a number), topics (its own, its category, or one topic for
//! the file), a difficulty, and a placeholder citation or explanation when
//! the file gave none, marked `uncited`. The bank is written as TOML and
//! checked by `bank::parse_bank`; a question the validator refuses is left
//! out and its problem reported on its line in the imported file.

use std::collections::{HashMap, HashSet};

use super::text::slug;
use super::{Draft, Format, Imported, Parsed, Problem, ProblemKind, Uncited};
use crate::domain::bank::{
    parse_bank, stem_pick_count, Bank, Citation, Depth, Difficulty, Kind, Question,
};
use crate::domain::custom::{CustomError, MAX_BANK_BYTES};
use crate::domain::export::bank_toml;
use crate::domain::manifest::{Manifest, Topic};

/// The citation source of a question whose file gave none.
pub const UNCITED: &str = "Uncited";

/// The explanation of a question whose file gave none.
pub const NO_EXPLANATION: &str = "No explanation was given in the imported file.";

const COUNT_WORDS: [&str; 9] = [
    "TWO", "THREE", "FOUR", "FIVE", "SIX", "SEVEN", "EIGHT", "NINE", "TEN",
];

pub(super) fn build(
    file: &str,
    format: Format,
    parsed: Parsed,
    builtin: &Manifest,
) -> Result<Imported, CustomError> {
    let Parsed {
        drafts,
        mut problems,
        read,
        head,
    } = parsed;
    let file_stem = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .rsplit_once('.')
        .map_or(file, |(s, _)| s);
    let (mut id, title, version, description) = match &head.bank {
        Some(b) => (
            b.id.trim().to_string(),
            b.title.trim().to_string(),
            b.version.unwrap_or(1),
            b.description.trim().to_string(),
        ),
        None => (
            slug(file_stem),
            file_stem.trim().to_string(),
            1,
            format!("Imported from {file}."),
        ),
    };
    if id.is_empty() {
        id = "imported".into();
    }
    if builtin.bank(&id).is_some() {
        let renamed = format!("{id}-imported");
        problems.push(Problem {
            line: 1,
            kind: ProblemKind::BankRenamed(id, renamed.clone()),
        });
        id = renamed;
    }
    let mut topics = Topics::new(builtin, head.topics, file);
    let mut questions = Vec::new();
    let mut uncited = Vec::new();
    let mut lines: HashMap<String, usize> = HashMap::new();
    let mut ids = Ids::default();
    for (n, d) in drafts.into_iter().enumerate() {
        let q = question(&id, n, d, file, &mut topics, &mut ids, &mut problems);
        if let Some(missing) = missing(&q) {
            uncited.push(Uncited {
                line: q.line,
                id: q.id.clone(),
                missing,
            });
        }
        lines.insert(q.id.clone(), q.line);
        questions.push(q);
    }
    let mut bank = Bank {
        id,
        title: if title.is_empty() {
            "Imported questions".into()
        } else {
            title
        },
        description,
        topics: Vec::new(),
        version,
        questions,
    };
    let checked = check(file, &mut bank, &mut topics, &lines, builtin, &mut problems);
    uncited.retain(|u| {
        checked
            .as_ref()
            .is_some_and(|(b, _)| b.question(&u.id).is_some())
    });
    problems.sort_by_key(|p| p.line);
    let (bank, toml) = match checked {
        Some((b, t)) => (Some(b), t),
        None => (None, String::new()),
    };
    if toml.len() > MAX_BANK_BYTES {
        return Err(CustomError::TooLarge);
    }
    Ok(Imported {
        file: file.into(),
        format,
        read,
        problems,
        uncited,
        bank,
        toml,
    })
}

/// What an imported question lacks that the content standard requires.
fn missing(q: &Question) -> Option<&'static str> {
    if !q.uncited {
        return None;
    }
    let no_explanation = q.explanation == NO_EXPLANATION;
    let no_citation = q.citation.source == UNCITED;
    Some(match (no_citation, no_explanation) {
        (true, true) => "citation and no explanation",
        (false, true) => "explanation",
        _ => "citation",
    })
}

/// Validates the bank as TOML, leaving out each question the validator
/// refuses (its problems go to `problems` on its own line). Returns the
/// checked bank and its text, or `None` when no question is left.
fn check(
    file: &str,
    bank: &mut Bank,
    topics: &mut Topics,
    lines: &HashMap<String, usize>,
    builtin: &Manifest,
    problems: &mut Vec<Problem>,
) -> Option<(Bank, String)> {
    // Two rounds: leaving a question out cannot make another one wrong.
    for _ in 0..2 {
        bank.topics = topics.used(&bank.questions);
        if bank.questions.is_empty() {
            return None;
        }
        let text = bank_toml(bank);
        match parse_bank(file, &text, None, builtin, Depth::Full) {
            Ok(checked) => {
                let checked = Bank {
                    questions: checked
                        .questions
                        .into_iter()
                        .map(|q| Question {
                            line: lines.get(&q.id).copied().unwrap_or(q.line),
                            ..q
                        })
                        .collect(),
                    ..checked
                };
                return Some((checked, text));
            }
            Err(errors) => {
                let mut refused = HashSet::new();
                for e in errors {
                    let line = e
                        .question
                        .as_ref()
                        .and_then(|id| lines.get(id))
                        .copied()
                        .unwrap_or(1);
                    if let Some(id) = &e.question {
                        refused.insert(id.clone());
                    }
                    problems.push(Problem {
                        line,
                        kind: ProblemKind::Invalid(e.kind.to_string()),
                    });
                }
                if refused.is_empty() {
                    // A problem of the bank as a whole: nothing can be kept.
                    return None;
                }
                bank.questions.retain(|q| !refused.contains(&q.id));
            }
        }
    }
    None
}

/// The topics imported questions are tagged with: the file's own, one per
/// GIFT category, or one for the whole file.
struct Topics<'a> {
    builtin: &'a Manifest,
    own: Vec<Topic>,
    fallback: Topic,
}

impl<'a> Topics<'a> {
    fn new(builtin: &'a Manifest, own: Vec<Topic>, file: &str) -> Self {
        Topics {
            builtin,
            own,
            fallback: Topic {
                id: "imported".into(),
                label: format!("Imported from {file}"),
            },
        }
    }

    /// The topic of a category, defined on first use (a category whose id
    /// is a PharmQuiz topic uses that topic).
    fn category(&mut self, label: &str) -> String {
        let mut id = slug(label);
        if id.is_empty() {
            return self.fallback.id.clone();
        }
        if self.builtin.has_topic(&id) {
            return id;
        }
        if let Some(t) = self.own.iter().find(|t| t.label == label) {
            return t.id.clone();
        }
        while self.own.iter().any(|t| t.id == id) {
            id.push_str("-2");
        }
        self.own.push(Topic {
            id: id.clone(),
            label: label.to_string(),
        });
        id
    }

    /// The own topics some question uses, in the order defined.
    fn used(&self, questions: &[Question]) -> Vec<Topic> {
        let tags: HashSet<&str> = questions
            .iter()
            .flat_map(|q| q.tags.iter().map(String::as_str))
            .collect();
        let mut out: Vec<Topic> = self
            .own
            .iter()
            .filter(|t| tags.contains(t.id.as_str()))
            .cloned()
            .collect();
        if tags.contains(self.fallback.id.as_str()) && !out.iter().any(|t| t.id == "imported") {
            out.push(self.fallback.clone());
        }
        out
    }
}

/// One draft as a question of the bank `bank`; `n` numbers it.
fn question(
    bank: &str,
    n: usize,
    d: Draft,
    file: &str,
    topics: &mut Topics,
    ids: &mut Ids,
    problems: &mut Vec<Problem>,
) -> Question {
    let id = question_id(bank, n, &d, ids, problems);
    let tags = if !d.meta.tags.is_empty() {
        d.meta.tags.clone()
    } else if let Some(c) = &d.category {
        vec![topics.category(c)]
    } else {
        vec![topics.fallback.id.clone()]
    };
    let mut stem = d.stem;
    if let Kind::Multiple { correct, .. } = &d.kind {
        if stem_pick_count(&stem).is_none() {
            let words = COUNT_WORDS.get(correct.len().wrapping_sub(2));
            if let Some(w) = words {
                let added = format!("Select {w}.");
                stem = format!("{} {added}", stem.trim_end());
                problems.push(Problem {
                    line: d.line,
                    kind: ProblemKind::SelectAdded(added),
                });
            }
        }
    }
    let kind = match d.kind {
        Kind::Numeric {
            answer, tolerance, ..
        } => Kind::Numeric {
            answer,
            tolerance,
            unit: d.meta.unit.clone().unwrap_or_default(),
        },
        k => k,
    };
    let no_explanation = d.explanation.trim().is_empty();
    let citation = d.meta.citation.clone();
    let uncited = d.meta.uncited || no_explanation || citation.is_none();
    Question {
        id,
        kind,
        difficulty: d
            .meta
            .difficulty
            .as_deref()
            .and_then(parse_difficulty)
            .unwrap_or(Difficulty::Medium),
        tags,
        outlines: d.meta.outlines.clone(),
        stem,
        explanation: if no_explanation {
            NO_EXPLANATION.into()
        } else {
            d.explanation
        },
        citation: citation.unwrap_or_else(|| Citation {
            source: UNCITED.into(),
            section: format!("imported from {file}"),
            edition: "no source given".into(),
        }),
        line: d.line,
        excludes: d.meta.excludes.clone(),
        as_of: d.meta.as_of,
        valid_until: d.meta.valid_until,
        uncited,
        option_feedback: d.option_feedback,
    }
}

fn parse_difficulty(s: &str) -> Option<Difficulty> {
    [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard]
        .into_iter()
        .find(|d| d.as_str() == s.trim())
}

/// The ids given so far, and for each base the next number to try, so a
/// file of many questions with one title is numbered in linear time.
#[derive(Default)]
struct Ids {
    used: HashSet<String>,
    next: HashMap<String, usize>,
}

/// The question's id: its title when it has one not used before (kept as
/// written when it is already an id, else made one), or `bank-NNN`.
fn question_id(
    bank: &str,
    n: usize,
    d: &Draft,
    ids: &mut Ids,
    problems: &mut Vec<Problem>,
) -> String {
    let from_title = d.title.as_deref().map(str::trim).filter(|t| !t.is_empty());
    let base = match from_title {
        Some(t) if is_id(t) => t.to_string(),
        Some(t) if !slug(t).is_empty() => slug(t),
        _ => format!("{bank}-{:03}", n + 1),
    };
    let mut id = base.clone();
    if ids.used.contains(&id) {
        let k = ids.next.entry(base.clone()).or_insert(2);
        loop {
            id = format!("{base}-{k}");
            *k += 1;
            if !ids.used.contains(&id) {
                break;
            }
        }
        if let Some(t) = from_title {
            problems.push(Problem {
                line: d.line,
                kind: ProblemKind::IdRenamed(t.to_string(), id.clone()),
            });
        }
    }
    ids.used.insert(id.clone());
    id
}

/// Letters, digits, `-`, `_` and `.`: kept as an id as it is.
fn is_id(s: &str) -> bool {
    s.len() <= 80
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
