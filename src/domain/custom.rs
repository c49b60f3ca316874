//! Question banks added in the browser ("your own questions"): a trainer's
//! site-specific questions, written in the same TOML format as the built-in
//! banks and checked by the same validator. Each is kept as its text under
//! its own storage key (`storage::Key::CustomBanks`) and travels inside a
//! shared quiz that uses it, so trainees get exactly the trainer's questions.

use serde::{Deserialize, Serialize};
use serde_json::Value;
use thiserror::Error;

use super::bank::{parse_bank, Bank, Depth};
use super::limits::Limits;
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

/// Checks the stored banks against today's rules at load (`Depth::Quick`,
/// as they were fully checked when added), in stored order: each bank's
/// catalogue entry and the bank, or why it can't be used. A bank that fails
/// stays stored (never lost), is never run, and is named with its problem.
pub fn check_stored(
    list: &[StoredBank],
    builtin: &Manifest,
) -> Vec<(BankEntry, Result<Bank, String>)> {
    list.iter()
        .enumerate()
        .map(|(i, stored)| {
            let id = declared_id(&stored.text).unwrap_or_else(|| format!("added-{i}"));
            match parse_custom(&id, &stored.text, builtin, Depth::Quick) {
                Ok(bank) => (entry(&bank), Ok(bank)),
                Err(e) => {
                    let entry = BankEntry {
                        id: id.clone(),
                        title: id,
                        description: "A bank added in this browser.".into(),
                        file: String::new(),
                        custom: true,
                        questions: 0,
                    };
                    let why = format!("This bank has an error and can't be used: {}", e.detail());
                    (entry, Err(why))
                }
            }
        })
        .collect()
}

/// Whether a checked added bank is listed beside the built-in ones (and
/// looked up by its id): one that passed, or one that failed (its card says
/// why), but never one that claims a built-in bank's id, which it would
/// shadow. (A bank that passed never has a built-in id.)
pub fn listed(entry: &BankEntry, builtin: &Manifest) -> bool {
    builtin.bank(&entry.id).is_none()
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

/// What restoring a backup's banks did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Restored {
    /// The titles of the banks added.
    pub added: Vec<String>,
    /// Banks not added, each named (by its id, or its place in the backup)
    /// with the reason.
    pub refused: Vec<(String, String)>,
}

/// Adds backed-up banks whose id is not here yet, each checked exactly like
/// a bank added by hand (`parse_custom` at `Depth::Full`: size, every
/// question and calculated value, no built-in id) and dated no later than
/// tomorrow. A bank that fails is not stored and is named with the reason;
/// a bank here with the same id is kept as it is (importing never changes
/// what is here).
pub fn restore(
    banks: &mut Vec<StoredBank>,
    incoming: Vec<StoredBank>,
    builtin: &Manifest,
    now_ms: f64,
) -> Restored {
    let mut out = Restored::default();
    for (i, b) in incoming.into_iter().enumerate() {
        let id = declared_id(&b.text);
        if id.is_some() && banks.iter().any(|x| declared_id(&x.text) == id) {
            continue;
        }
        let name = id.unwrap_or_else(|| format!("number {} in the backup", i + 1));
        let checked = parse_custom(&name, &b.text, builtin, Depth::Full)
            .map_err(|e| e.detail())
            .and_then(|bank| {
                Limits::backup(now_ms)
                    .date("the date it was added", b.added_at)
                    .map_err(|e| format!("{e}."))
                    .map(|()| bank)
            });
        match checked {
            Ok(bank) => {
                out.added.push(bank.title);
                banks.push(b);
            }
            Err(why) => out.refused.push((name, why)),
        }
    }
    out
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
        let restore = |banks: &mut Vec<StoredBank>, incoming| {
            restore(banks, incoming, &manifest(), 1.8e12).added.len()
        };
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

    #[test]
    fn restored_banks_are_checked_like_an_upload_and_refusals_are_named() {
        let stored = |text: String| StoredBank {
            text,
            added_at: 7.0,
        };
        let built_in_id = SITE_BANK.replace("id = \"site-sop\"", "id = \"hazardous-drugs\"");
        let huge = format!(
            "{}\n#{}",
            SITE_BANK.replace("site-sop", "huge"),
            "x".repeat(MAX_BANK_BYTES)
        );
        let broken = SITE_BANK
            .replace("site-sop", "broken")
            .replace("answer = true", "answer = 3");
        let mut future = stored(SITE_BANK.replace("site-sop", "later"));
        future.added_at = 3.98e12;
        let incoming = vec![
            stored(built_in_id),
            stored("this is = = not TOML".into()),
            stored(huge),
            stored(broken),
            future,
            stored(SITE_BANK.into()),
        ];
        let mut banks = Vec::new();
        let r = restore(&mut banks, incoming, &manifest(), 1.8e12);
        assert_eq!(r.added, vec!["Our pharmacy's procedures"]);
        assert_eq!(
            banks,
            vec![stored(SITE_BANK.into())],
            "only the good bank is stored"
        );
        let names: Vec<&str> = r.refused.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            vec![
                "hazardous-drugs",
                "number 2 in the backup",
                "huge",
                "broken",
                "later"
            ]
        );
        let why = |i: usize| r.refused[i].1.as_str();
        assert!(why(0).contains("belongs to a built-in bank"), "{}", why(0));
        assert!(why(1).starts_with("The bank has 1 problem:"), "{}", why(1));
        assert!(why(2).contains("larger than 200 KB"), "{}", why(2));
        assert!(why(3).contains("question `sop-001`"), "{}", why(3));
        assert_eq!(
            why(4),
            "the date it was added is in the future (after tomorrow's date)."
        );
    }

    #[test]
    fn a_stored_bank_that_fails_is_named_and_never_shadows_a_built_in_bank() {
        let stored = |text: String| StoredBank {
            text,
            added_at: 1.0,
        };
        let list = vec![
            stored(SITE_BANK.into()),
            stored(SITE_BANK.replace("id = \"site-sop\"", "id = \"hazardous-drugs\"")),
            stored("id = \"old-bank\"\ntitle = \"Old bank\"\n".into()),
            stored("not toml at all [".into()),
        ];
        let m = manifest();
        let checked = check_stored(&list, &m);
        assert_eq!(checked.len(), 4, "one entry per stored bank, in order");
        let ids: Vec<&str> = checked.iter().map(|(e, _)| e.id.as_str()).collect();
        assert_eq!(
            ids,
            vec!["site-sop", "hazardous-drugs", "old-bank", "added-3"]
        );
        assert!(checked[0].1.is_ok());
        let why = checked[1].1.as_ref().unwrap_err();
        assert!(why.contains("belongs to a built-in bank"), "{why}");
        assert!(checked[2]
            .1
            .as_ref()
            .unwrap_err()
            .contains("the bank has no questions"));
        let listed: Vec<&str> = checked
            .iter()
            .filter(|(e, _)| listed(e, &m))
            .map(|(e, _)| e.id.as_str())
            .collect();
        assert_eq!(listed, vec!["site-sop", "old-bank", "added-3"]);
    }
}
