//! Question banks added in the browser ("your own questions"): a trainer's
//! site-specific questions, written in the same TOML format as the built-in
//! banks and checked by the same validator. Each is kept as its text under
//! its own storage key (`storage::Key::CustomBanks`) and travels inside a
//! shared quiz that uses it, so trainees get exactly the trainer's questions.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::bank::{parse_bank, Bank, Depth};
use super::manifest::{BankEntry, Manifest};

pub const CUSTOM_VERSION: u64 = 1;
/// A small valid bank to start from, offered for download.
pub const EXAMPLE_BANK: &str = include_str!("example-bank.toml");
/// Largest bank text accepted, so a quiz carrying it still fits in a quiz
/// file (`share::MAX_JSON_BYTES`).
pub const MAX_BANK_BYTES: usize = 200 * 1024;

/// One added bank as stored: its text and when it was added.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoredBank {
    pub text: String,
    pub added_at: f64,
}

#[derive(Serialize, Deserialize)]
struct Stored {
    version: u64,
    banks: Vec<StoredBank>,
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum CustomError {
    #[error("The file is larger than {} KB. Split the questions into smaller banks.", MAX_BANK_BYTES / 1024)]
    TooLarge,
    #[error("The bank id \"{0}\" belongs to a built-in bank. Give your bank its own id.")]
    BuiltIn(String),
    #[error("The bank has {} problem{}:", .0.len(), if .0.len() == 1 { "" } else { "s" })]
    Invalid(Vec<String>),
    #[error("the saved banks are not valid JSON ({0})")]
    Corrupt(String),
    #[error("the saved banks do not have the expected layout ({0})")]
    WrongShape(String),
    #[error("the saved banks come from a newer version of PharmQuiz (format {0}; this version reads up to {CUSTOM_VERSION})")]
    Newer(u64),
}

impl CustomError {
    /// The message with every problem, on one line.
    pub fn detail(&self) -> String {
        match self {
            CustomError::Invalid(es) => format!("{self} {}", es.join("; ")),
            e => e.to_string(),
        }
    }
}

/// Parses and checks a bank a user adds. `builtin` is the manifest of the
/// built-in banks (for the topic list and the ids already taken). `depth`
/// is `Full` when a bank is added, so every calculated value is checked.
pub fn parse_custom(
    file: &str,
    text: &str,
    builtin: &Manifest,
    depth: Depth,
) -> Result<Bank, CustomError> {
    if text.len() > MAX_BANK_BYTES {
        return Err(CustomError::TooLarge);
    }
    let bank = parse_bank(file, text, None, builtin, depth)
        .map_err(|es| CustomError::Invalid(es.iter().map(ToString::to_string).collect()))?;
    if builtin.bank(&bank.id).is_some() {
        return Err(CustomError::BuiltIn(bank.id));
    }
    Ok(bank)
}

/// The catalogue entry for an added bank.
pub fn entry(bank: &Bank) -> BankEntry {
    BankEntry {
        id: bank.id.clone(),
        title: bank.title.clone(),
        description: if bank.description.is_empty() {
            "Questions added in this browser.".into()
        } else {
            bank.description.clone()
        },
        file: String::new(),
        custom: true,
        questions: bank.questions.len(),
    }
}

/// The id a stored bank's text declares, read without a full check (for
/// replacing and removing; the text was checked when it was added).
pub fn declared_id(text: &str) -> Option<String> {
    #[derive(Deserialize)]
    struct Head {
        id: String,
    }
    toml::from_str::<Head>(text).ok().map(|h| h.id)
}

/// Adds a bank's text, replacing a stored bank with the same id (a newer
/// copy of the same bank). Returns true when it replaced one.
pub fn upsert(banks: &mut Vec<StoredBank>, id: &str, text: String, now_ms: f64) -> bool {
    let new = StoredBank {
        text,
        added_at: now_ms,
    };
    match banks
        .iter_mut()
        .find(|b| declared_id(&b.text).as_deref() == Some(id))
    {
        Some(old) => {
            *old = new;
            true
        }
        None => {
            banks.push(new);
            false
        }
    }
}

/// Adds backed-up banks whose id is not here yet; a bank here with the same
/// id is kept as it is (importing never changes what is here). Returns how
/// many were added.
pub fn restore(banks: &mut Vec<StoredBank>, incoming: Vec<StoredBank>) -> usize {
    let mut added = 0;
    for b in incoming {
        let id = declared_id(&b.text);
        if !banks.iter().any(|x| declared_id(&x.text) == id) {
            banks.push(b);
            added += 1;
        }
    }
    added
}

pub fn remove(banks: &mut Vec<StoredBank>, id: &str) {
    banks.retain(|b| declared_id(&b.text).as_deref() != Some(id));
}

pub fn to_json(banks: &[StoredBank]) -> String {
    serde_json::to_string(&Stored {
        version: CUSTOM_VERSION,
        banks: banks.to_vec(),
    })
    .unwrap_or_default()
}

pub fn load(raw: &str) -> Result<Vec<StoredBank>, CustomError> {
    let v: Value = serde_json::from_str(raw).map_err(|e| CustomError::Corrupt(e.to_string()))?;
    match v.get("version").and_then(Value::as_u64) {
        None => return Err(CustomError::WrongShape("no version number".into())),
        Some(n) if n > CUSTOM_VERSION => return Err(CustomError::Newer(n)),
        Some(_) => {}
    }
    serde_json::from_value::<Stored>(v)
        .map(|s| s.banks)
        .map_err(|e| CustomError::WrongShape(e.to_string()))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn manifest() -> Manifest {
        Manifest::parse(include_str!("../../questions/manifest.toml")).unwrap_or_default()
    }

    pub(crate) const SITE_BANK: &str = r#"
id = "site-sop"
title = "Our pharmacy's procedures"
description = "Site-specific questions for new starters."
version = 2

[[questions]]
id = "sop-001"
type = "true_false"
difficulty = "easy"
tags = ["hd-receiving"]
stem = "True or false: at this site, hazardous drug deliveries are unpacked in the negative-pressure receiving area."
answer = true
explanation = "Site SOP HD-04 sends every hazardous drug delivery to the negative-pressure receiving area, as USP <800> requires for unpacking antineoplastic HDs."
[questions.citation]
source = "Site SOP HD-04"
section = "Receiving"
edition = "Revision 3, 2026"
"#;

    #[test]
    fn the_example_bank_is_valid_and_matches_its_reviewed_originals() {
        let b = parse_custom("example-bank.toml", EXAMPLE_BANK, &manifest(), Depth::Full).unwrap();
        assert_eq!(b.questions.len(), 2);
        // The example copies reviewed built-in questions; keep them in step.
        let originals = [
            (
                include_str!("../../questions/inventory.toml"),
                "inventory",
                "inv-001",
            ),
            (
                include_str!("../../questions/compounding.toml"),
                "compounding",
                "cmp-004",
            ),
        ];
        for (q, (text, bank, id)) in b.questions.iter().zip(originals) {
            let m = manifest();
            let built_in = parse_bank(bank, text, Some(bank), &m, Depth::Quick).unwrap();
            let orig = built_in.question(id).unwrap();
            assert_eq!(
                (&q.stem, &q.explanation, &q.kind),
                (&orig.stem, &orig.explanation, &orig.kind)
            );
        }
    }

    #[test]
    fn a_valid_bank_is_accepted_with_its_description() {
        let b = parse_custom("site.toml", SITE_BANK, &manifest(), Depth::Full).unwrap();
        assert_eq!(
            (b.id.as_str(), b.version, b.questions.len()),
            ("site-sop", 2, 1)
        );
        let e = entry(&b);
        assert!(e.custom);
        assert_eq!(e.description, "Site-specific questions for new starters.");
    }

    #[test]
    fn problems_are_listed_with_file_question_and_line() {
        let bad = SITE_BANK.replace("tags = [\"hd-receiving\"]", "tags = [\"our-own-topic\"]");
        match parse_custom("site.toml", &bad, &manifest(), Depth::Full) {
            Err(CustomError::Invalid(es)) => {
                assert_eq!(es.len(), 1);
                assert!(
                    es[0].starts_with("site.toml, line 7, question `sop-001`"),
                    "{}",
                    es[0]
                );
                assert!(es[0].contains("our-own-topic"));
            }
            other => panic!("expected problems, got {other:?}"),
        }
        assert_eq!(
            parse_custom("x.toml", "id = ", &manifest(), Depth::Full)
                .unwrap_err()
                .to_string(),
            "The bank has 1 problem:"
        );
    }

    #[test]
    fn a_built_in_id_or_an_oversized_file_is_refused() {
        let clash = SITE_BANK.replace("id = \"site-sop\"", "id = \"compounding\"");
        assert_eq!(
            parse_custom("c.toml", &clash, &manifest(), Depth::Full),
            Err(CustomError::BuiltIn("compounding".into()))
        );
        let huge = format!("{SITE_BANK}\n#{}", "x".repeat(MAX_BANK_BYTES));
        assert_eq!(
            parse_custom("h.toml", &huge, &manifest(), Depth::Full),
            Err(CustomError::TooLarge)
        );
    }

    #[test]
    fn adding_the_same_bank_again_replaces_it_and_removing_works() {
        let mut banks = Vec::new();
        assert!(!upsert(&mut banks, "site-sop", SITE_BANK.into(), 1.0));
        let v3 = SITE_BANK.replace("version = 2", "version = 3");
        assert!(upsert(&mut banks, "site-sop", v3.clone(), 2.0));
        assert_eq!(
            banks,
            vec![StoredBank {
                text: v3,
                added_at: 2.0
            }]
        );
        remove(&mut banks, "site-sop");
        assert!(banks.is_empty());
    }

    #[test]
    fn restoring_adds_missing_banks_and_keeps_the_ones_here() {
        let mine = StoredBank {
            text: SITE_BANK.into(),
            added_at: 1.0,
        };
        let theirs_same_id = StoredBank {
            text: SITE_BANK.replace("version = 2", "version = 9"),
            added_at: 2.0,
        };
        let example = StoredBank {
            text: EXAMPLE_BANK.into(),
            added_at: 3.0,
        };
        let mut banks = vec![mine.clone()];
        assert_eq!(
            restore(&mut banks, vec![theirs_same_id.clone(), example.clone()]),
            1
        );
        assert_eq!(banks, vec![mine, example.clone()]);
        assert_eq!(
            restore(&mut banks, vec![theirs_same_id, example]),
            0,
            "a second import adds nothing"
        );
    }

    #[test]
    fn stored_banks_round_trip_and_bad_data_is_named() {
        let banks = vec![StoredBank {
            text: SITE_BANK.into(),
            added_at: 5.0,
        }];
        assert_eq!(load(&to_json(&banks)), Ok(banks));
        assert!(matches!(load("{oops"), Err(CustomError::Corrupt(_))));
        assert!(matches!(load("{}"), Err(CustomError::WrongShape(_))));
        assert!(matches!(
            load(r#"{"version":1,"banks":"x"}"#),
            Err(CustomError::WrongShape(_))
        ));
        assert_eq!(
            load(r#"{"version":7,"banks":[]}"#),
            Err(CustomError::Newer(7))
        );
    }
}
