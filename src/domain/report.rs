//! Per-bank statistics for the `bank-check` tool and the README.

use serde::Serialize;
use std::collections::BTreeMap;

use super::bank::{fmt_number, Bank, BankError};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BankStats {
    pub id: String,
    pub title: String,
    pub questions: usize,
    pub by_type: BTreeMap<String, usize>,
    pub by_difficulty: BTreeMap<String, usize>,
    pub by_tag: BTreeMap<String, usize>,
    /// Per topic: question counts by type and by difficulty.
    pub coverage: BTreeMap<String, TopicCoverage>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct TopicCoverage {
    pub by_type: BTreeMap<String, usize>,
    pub by_difficulty: BTreeMap<String, usize>,
}

pub const TYPES: [&str; 7] = [
    "single",
    "multiple",
    "true_false",
    "numeric",
    "calculated",
    "short_answer",
    "matching",
];
pub const DIFFICULTIES: [&str; 3] = ["easy", "medium", "hard"];

impl BankStats {
    /// Topic × type × difficulty, as a Markdown table (also fine in a terminal).
    pub fn coverage_table(&self) -> String {
        let short = |t: &str| match t {
            "true_false" => "t/f".to_string(),
            "multiple" => "multi".to_string(),
            "calculated" => "calc".to_string(),
            "short_answer" => "short".to_string(),
            "matching" => "match".to_string(),
            other => other.to_string(),
        };
        let mut out = String::from("\n| topic | ");
        out.push_str(
            &TYPES
                .iter()
                .map(|t| short(t))
                .chain(DIFFICULTIES.iter().map(|d| d.to_string()))
                .collect::<Vec<_>>()
                .join(" | "),
        );
        out.push_str(" | total |\n|---|");
        out.push_str(&"---:|".repeat(TYPES.len() + DIFFICULTIES.len() + 1));
        out.push('\n');
        let row = |name: &str,
                   by_type: &BTreeMap<String, usize>,
                   by_diff: &BTreeMap<String, usize>,
                   total: usize| {
            let cells: Vec<String> = TYPES
                .iter()
                .map(|t| by_type.get(*t).copied().unwrap_or(0))
                .chain(
                    DIFFICULTIES
                        .iter()
                        .map(|d| by_diff.get(*d).copied().unwrap_or(0)),
                )
                .map(|n| n.to_string())
                .collect();
            format!("| {name} | {} | {total} |\n", cells.join(" | "))
        };
        for (t, c) in &self.coverage {
            out.push_str(&row(t, &c.by_type, &c.by_difficulty, self.by_tag[t]));
        }
        out.push_str(&row(
            "**all questions**",
            &self.by_type,
            &self.by_difficulty,
            self.questions,
        ));
        out.push('\n');
        out
    }

    pub fn of(bank: &Bank) -> Self {
        let mut s = BankStats {
            id: bank.id.clone(),
            title: bank.title.clone(),
            questions: bank.questions.len(),
            by_type: BTreeMap::new(),
            by_difficulty: BTreeMap::new(),
            by_tag: BTreeMap::new(),
            coverage: BTreeMap::new(),
        };
        for q in &bank.questions {
            *s.by_type.entry(q.kind.type_name().into()).or_default() += 1;
            *s.by_difficulty
                .entry(q.difficulty.as_str().into())
                .or_default() += 1;
            for t in &q.tags {
                *s.by_tag.entry(t.clone()).or_default() += 1;
                let c = s.coverage.entry(t.clone()).or_default();
                *c.by_type.entry(q.kind.type_name().into()).or_default() += 1;
                *c.by_difficulty
                    .entry(q.difficulty.as_str().into())
                    .or_default() += 1;
            }
        }
        s
    }
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ErrorRow {
    pub bank: String,
    pub question: Option<String>,
    pub line: Option<usize>,
    pub message: String,
}

impl From<&BankError> for ErrorRow {
    fn from(e: &BankError) -> Self {
        ErrorRow {
            bank: e.file.clone(),
            question: e.question.clone(),
            line: e.line,
            message: e.kind.to_string(),
        }
    }
}

/// A problem that does not fail the check (unless `--strict`): an
/// answer-cue warning (`domain::lint`), or for an imported file an item
/// skipped (a kind of question PharmQuiz does not have), a note on how a
/// question was converted, or a question kept without a citation. `kind` is
/// a short name (the lint rule's, or "skipped", "note", "uncited");
/// `question` and `line` are absent for a bank-wide warning.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct WarningRow {
    pub bank: String,
    pub question: Option<String>,
    pub line: Option<usize>,
    pub kind: String,
    pub message: String,
}

/// How many questions serve each domain of one exam profile.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProfileStats {
    pub id: String,
    pub name: String,
    pub domains: Vec<DomainStats>,
}

/// One domain of an exam profile: its weight (percent of the exam), the
/// questions that count for it, and "full", "partial" or "uncovered".
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct DomainStats {
    pub id: String,
    pub name: String,
    pub weight: f64,
    pub questions: usize,
    pub coverage: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Report {
    pub banks: Vec<BankStats>,
    pub errors: Vec<ErrorRow>,
    pub warnings: Vec<WarningRow>,
    /// The exam profiles of the folder (`exam-profiles.toml`), if it has them.
    pub profiles: Vec<ProfileStats>,
}

impl ProfileStats {
    /// The profile's domains with their questions, as a Markdown table.
    pub fn table(&self) -> String {
        let total: usize = self.domains.iter().map(|d| d.questions).sum();
        let mut out = format!(
            "Exam profile {} ({}): {total} questions\n\n| domain | weight | coverage | questions |\n|---|---:|---|---:|\n",
            self.name, self.id
        );
        for d in &self.domains {
            out.push_str(&format!(
                "| {} | {} % | {} | {} |\n",
                d.name,
                fmt_number(d.weight),
                d.coverage,
                d.questions
            ));
        }
        out.push('\n');
        out
    }
}

/// "file, line 4, question `q1`": where a row is.
fn place(bank: &str, line: Option<usize>, question: Option<&String>) -> String {
    let mut place = bank.to_string();
    if let Some(l) = line {
        place.push_str(&format!(", line {l}"));
    }
    if let Some(q) = question {
        place.push_str(&format!(", question `{q}`"));
    }
    place
}

impl Report {
    /// A plain-text table: one block per bank, then every error and warning.
    pub fn to_text(&self) -> String {
        let mut out = self.stats_text();
        out.push_str(&self.problems_text());
        out
    }

    /// Every error, then every warning with the count of each kind.
    pub fn problems_text(&self) -> String {
        let mut out = String::new();
        if self.errors.is_empty() {
            out.push_str("No errors.\n");
        } else {
            out.push_str(&format!("{} error(s):\n", self.errors.len()));
            for e in &self.errors {
                let at = place(&e.bank, e.line, e.question.as_ref());
                out.push_str(&format!("  {at}: {}\n", e.message));
            }
        }
        if self.warnings.is_empty() {
            return out;
        }
        out.push_str(&format!(
            "{} answer-cue warning(s) (questions/README.md, \"Answer-cue warnings\"):\n",
            self.warnings.len()
        ));
        for w in &self.warnings {
            let at = place(&w.bank, w.line, w.question.as_ref());
            out.push_str(&format!("  {at} [{}]: {}\n", w.kind, w.message));
        }
        let mut counts: BTreeMap<(&str, &str), usize> = BTreeMap::new();
        for w in &self.warnings {
            *counts.entry((&w.bank, &w.kind)).or_default() += 1;
        }
        out.push_str("Warnings by bank and kind:\n");
        for ((bank, kind), n) in counts {
            out.push_str(&format!("  {bank}: {kind} {n}\n"));
        }
        out
    }

    /// One block per bank: counts by type and difficulty, and the coverage table.
    pub fn stats_text(&self) -> String {
        let mut out = String::new();
        let join = |m: &BTreeMap<String, usize>| {
            m.iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        for b in &self.banks {
            out.push_str(&format!(
                "{} ({}): {} questions\n",
                b.title, b.id, b.questions
            ));
            out.push_str(&format!("  by type:       {}\n", join(&b.by_type)));
            out.push_str(&format!("  by difficulty: {}\n", join(&b.by_difficulty)));
            out.push_str(&b.coverage_table());
        }
        for p in &self.profiles {
            out.push_str(&p.table());
        }
        out
    }
}
