//! Per-bank statistics for the `bank-check` tool and the README.

use serde::Serialize;
use std::collections::BTreeMap;

use super::bank::{Bank, BankError};

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BankStats {
    pub id: String,
    pub title: String,
    pub questions: usize,
    pub by_type: BTreeMap<String, usize>,
    pub by_difficulty: BTreeMap<String, usize>,
    pub by_tag: BTreeMap<String, usize>,
}

impl BankStats {
    pub fn of(bank: &Bank) -> Self {
        let mut s = BankStats {
            id: bank.id.clone(),
            title: bank.title.clone(),
            questions: bank.questions.len(),
            by_type: BTreeMap::new(),
            by_difficulty: BTreeMap::new(),
            by_tag: BTreeMap::new(),
        };
        for q in &bank.questions {
            *s.by_type.entry(q.kind.type_name().into()).or_default() += 1;
            *s.by_difficulty.entry(q.difficulty.as_str().into()).or_default() += 1;
            for t in &q.tags {
                *s.by_tag.entry(t.clone()).or_default() += 1;
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
        ErrorRow { bank: e.file.clone(), question: e.question.clone(), line: e.line, message: e.kind.to_string() }
    }
}

#[derive(Debug, Clone, Serialize, PartialEq, Default)]
pub struct Report {
    pub banks: Vec<BankStats>,
    pub errors: Vec<ErrorRow>,
}

impl Report {
    /// A plain-text table: one block per bank, then every error.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let join = |m: &BTreeMap<String, usize>| m.iter().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>().join(", ");
        for b in &self.banks {
            out.push_str(&format!("{} ({}): {} questions\n", b.title, b.id, b.questions));
            out.push_str(&format!("  by type:       {}\n", join(&b.by_type)));
            out.push_str(&format!("  by difficulty: {}\n", join(&b.by_difficulty)));
            out.push_str("  by topic:\n");
            for (t, n) in &b.by_tag {
                out.push_str(&format!("    {t:<28} {n:>4}\n"));
            }
        }
        if self.errors.is_empty() {
            out.push_str("No errors.\n");
        } else {
            out.push_str(&format!("{} error(s):\n", self.errors.len()));
            for e in &self.errors {
                let mut place = e.bank.clone();
                if let Some(l) = e.line {
                    place.push_str(&format!(", line {l}"));
                }
                if let Some(q) = &e.question {
                    place.push_str(&format!(", question `{q}`"));
                }
                out.push_str(&format!("  {place}: {}\n", e.message));
            }
        }
        out
    }
}
