//! Reads banks from disk for the `bank-check` tool and the content tests.
//! Native only: the browser fetches banks instead.

use std::fs;
use std::path::{Path, PathBuf};

use super::bank::{parse_bank, Bank, Depth};
use super::calendar::Day;
use super::import::{import, Severity};
use super::lint::lint;
use super::manifest::Manifest;
use super::profile::{domain_pools, parse_profiles};
use super::report::{BankStats, DomainStats, ErrorRow, ProfileStats, Report, WarningRow};

/// The exam profiles beside the banks (optional; not a bank, it has its own
/// check, `check_profiles`).
pub const PROFILES_FILE: &str = "exam-profiles.toml";

/// Extensions of the files `bank-check` reads through the importer
/// (`.txt` is Aiken, or GIFT when it uses GIFT syntax).
pub const IMPORT_EXTENSIONS: [&str; 4] = ["gift", "aiken", "csv", "txt"];

fn is_import_file(name: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| IMPORT_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn row(bank: &str, message: String) -> ErrorRow {
    ErrorRow {
        bank: bank.into(),
        question: None,
        line: None,
        message,
    }
}

/// Checks a folder (its manifest and every bank it lists) or a single bank
/// file (using the manifest beside it). Returns the report and the parsed banks.
pub fn check_path(path: &Path) -> (Report, Vec<Bank>) {
    check(path, None)
}

/// `check_path`, and the answer-cue lint (`domain::lint`) on every valid
/// bank as of `today`: its warnings go to `Report::warnings`.
pub fn check_and_lint(path: &Path, today: Day) -> (Report, Vec<Bank>) {
    check(path, Some(today))
}

fn check(path: &Path, today: Option<Day>) -> (Report, Vec<Bank>) {
    let mut report = Report::default();
    let mut banks = Vec::new();
    let (dir, only): (PathBuf, Option<String>) = if path.is_dir() {
        (path.to_path_buf(), None)
    } else {
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        (dir, Some(name))
    };
    let manifest_path = dir.join("manifest.toml");
    if only.as_deref().is_some_and(is_import_file) {
        // A GIFT, Aiken or CSV file: the manifest beside it, if any, gives
        // the topic list; it need not list the file.
        let manifest = fs::read_to_string(&manifest_path)
            .ok()
            .and_then(|t| Manifest::parse(&t).ok())
            .unwrap_or_default();
        if let Some(bank) = check_import(path, &manifest, &mut report) {
            banks.push(bank);
        }
        return (report, banks);
    }
    let manifest = match fs::read_to_string(&manifest_path) {
        Ok(text) => match Manifest::parse(&text) {
            Ok(m) => m,
            Err(e) => {
                report
                    .errors
                    .push(row(&manifest_path.display().to_string(), e.to_string()));
                return (report, banks);
            }
        },
        Err(e) => {
            report.errors.push(row(
                &manifest_path.display().to_string(),
                format!("cannot read the manifest: {e}"),
            ));
            return (report, banks);
        }
    };
    if let Some(name) = &only {
        if !manifest.banks.iter().any(|b| &b.file == name) {
            report
                .errors
                .push(row(name, "this file is not listed in manifest.toml".into()));
        }
    } else if let Ok(entries) = fs::read_dir(&dir) {
        let mut unlisted: Vec<String> = entries
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| {
                n.ends_with(".toml")
                    && n != "manifest.toml"
                    && n != PROFILES_FILE
                    && !manifest.banks.iter().any(|b| &b.file == n)
            })
            .collect();
        unlisted.sort();
        let mut imports: Vec<String> = fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .filter_map(Result::ok)
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| is_import_file(n))
            .collect();
        imports.sort();
        for n in imports {
            if let Some(bank) = check_import(&dir.join(n), &manifest, &mut report) {
                banks.push(bank);
            }
        }
        for n in unlisted {
            report.errors.push(row(
                &n,
                "this bank file is not listed in manifest.toml, so the app will not show it".into(),
            ));
        }
    }
    for entry in &manifest.banks {
        if only.as_ref().is_some_and(|n| n != &entry.file) {
            continue;
        }
        let file = dir.join(&entry.file);
        let shown = file.display().to_string();
        let text = match fs::read_to_string(&file) {
            Ok(t) => t,
            Err(e) => {
                report
                    .errors
                    .push(row(&shown, format!("cannot read the bank file: {e}")));
                continue;
            }
        };
        match parse_bank(&shown, &text, Some(&entry.id), &manifest, Depth::Full) {
            Ok(bank) => {
                report.banks.push(BankStats::of(&bank));
                if let Some(today) = today {
                    let rows = lint(&bank, today).into_iter().map(|w| WarningRow {
                        bank: shown.clone(),
                        question: w.question,
                        line: w.line,
                        kind: w.kind.code().into(),
                        message: w.kind.to_string(),
                    });
                    report.warnings.extend(rows);
                }
                banks.push(bank);
            }
            Err(errors) => report.errors.extend(errors.iter().map(ErrorRow::from)),
        }
    }
    if only.is_none() {
        check_profiles(&dir.join(PROFILES_FILE), &manifest, &banks, &mut report);
    }
    (report, banks)
}

/// Checks the exam profiles, if the folder has them, against the manifest
/// and counts, per domain, the questions of `banks` that count for it
/// (`profile::domain_of`). A domain that is not marked uncovered but has
/// no question is an error: a mock exam could not draw from it.
fn check_profiles(path: &Path, manifest: &Manifest, banks: &[Bank], report: &mut Report) {
    if !path.exists() {
        return;
    }
    let shown = path.display().to_string();
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            report
                .errors
                .push(row(&shown, format!("cannot read the exam profiles: {e}")));
            return;
        }
    };
    let profiles = match parse_profiles(&text, manifest) {
        Ok(p) => p,
        Err(errors) => {
            report.errors.extend(errors.iter().map(|e| ErrorRow {
                bank: shown.clone(),
                question: None,
                line: e.line,
                message: e.detail(),
            }));
            return;
        }
    };
    let refs: Vec<&Bank> = banks.iter().collect();
    for p in &profiles {
        let pools = domain_pools(p, &refs);
        for (d, pool) in p.domains.iter().zip(&pools) {
            if d.is_covered() && pool.is_empty() {
                report.errors.push(ErrorRow {
                    bank: shown.clone(),
                    question: None,
                    line: Some(d.line),
                    message: format!(
                        "profile `{}`, domain `{}`: no question maps to it; map questions to it (tag them with one of its topics and the outline `{}`) or mark it `uncovered = true` with a note",
                        p.id, d.id, p.id
                    ),
                });
            }
        }
        report.profiles.push(ProfileStats {
            id: p.id.clone(),
            name: p.name.clone(),
            domains: p
                .domains
                .iter()
                .zip(&pools)
                .map(|(d, pool)| DomainStats {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    weight: d.weight,
                    questions: pool.len(),
                    coverage: d.coverage.as_str().into(),
                })
                .collect(),
        });
    }
}

/// Checks a GIFT, Aiken or CSV file as the importer reads it: each problem
/// that leaves a question out is an error, each item skipped, each note on
/// a conversion and each question kept without a citation a warning, all
/// with their lines. The bank's statistics count only what was imported.
fn check_import(path: &Path, manifest: &Manifest, report: &mut Report) -> Option<Bank> {
    let shown = path.display().to_string();
    let text = match fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            report
                .errors
                .push(row(&shown, format!("cannot read the file: {e}")));
            return None;
        }
    };
    let imported = match import(&shown, &text, manifest) {
        Ok(i) => i,
        Err(e) => {
            report.errors.push(row(&shown, e.to_string()));
            return None;
        }
    };
    for p in &imported.problems {
        let kind = match p.severity() {
            Severity::Error => {
                report.errors.push(ErrorRow {
                    bank: shown.clone(),
                    question: None,
                    line: Some(p.line),
                    message: p.kind.to_string(),
                });
                continue;
            }
            Severity::Skipped => "skipped",
            Severity::Note => "note",
        };
        report.warnings.push(WarningRow {
            bank: shown.clone(),
            question: None,
            line: Some(p.line),
            kind: kind.into(),
            message: p.kind.to_string(),
        });
    }
    for u in &imported.uncited {
        report.warnings.push(WarningRow {
            bank: shown.clone(),
            question: Some(u.id.clone()),
            line: Some(u.line),
            kind: "uncited".into(),
            message: format!(
                "the file gives no {}; added in the browser, it is kept marked uncited",
                u.missing
            ),
        });
    }
    match imported.bank {
        Some(bank) => {
            report.banks.push(BankStats::of(&bank));
            Some(bank)
        }
        None => {
            report.errors.push(row(
                &shown,
                "no question in the file can be imported".into(),
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MANIFEST: &str = r#"[[banks]]
id = "b"
title = "B"
description = "d"
file = "b.toml"
[[topics]]
id = "t1"
label = "One"
[[topics]]
id = "t2"
label = "Two"
[[topics]]
id = "t3"
label = "Three"
"#;

    /// Two CSPT questions on t1, one on t2, one on t1 for the PTCE only.
    fn bank() -> String {
        let mut text = String::from("id = \"b\"\ntitle = \"B\"\n");
        for (i, (tag, outline)) in [
            ("t1", "cspt"),
            ("t1", "cspt"),
            ("t2", "cspt"),
            ("t1", "ptce"),
        ]
        .iter()
        .enumerate()
        {
            text.push_str(&format!(
                "[[questions]]\nid = \"q{i}\"\ntype = \"true_false\"\ndifficulty = \"easy\"\ntags = [\"{tag}\"]\noutlines = [\"{outline}\"]\nstem = \"True or false: statement number {i} holds.\"\nanswer = true\nexplanation = \"Because.\"\ncitation = {{ source = \"S\", section = \"1\", edition = \"2026\" }}\n"
            ));
        }
        text
    }

    use crate::domain::test_support::PROFILE_HEAD as HEAD;

    fn domain(id: &str, weight: f64, body: &str) -> String {
        format!("[[profiles.domains]]\nid = \"{id}\"\nname = \"{id} name\"\nweight = {weight:?}\n{body}\n")
    }

    /// A folder with the manifest, the bank and `profiles` as exam-profiles.toml.
    fn folder(name: &str, profiles: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("pharmquiz-check-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        fs::write(dir.join("manifest.toml"), MANIFEST).unwrap();
        fs::write(dir.join("b.toml"), bank()).unwrap();
        fs::write(dir.join(PROFILES_FILE), profiles).unwrap();
        dir
    }

    fn valid() -> String {
        format!(
            "{HEAD}{}{}{}",
            domain("a", 50.0, "topics = [\"t1\"]"),
            domain("b", 30.0, "topics = [\"t2\"]\ncoverage = \"partial\""),
            domain("c", 20.0, "uncovered = true\nnote = \"No bank.\""),
        )
    }

    #[test]
    fn counts_questions_per_domain_of_each_profile() {
        let dir = folder("counts", &valid());
        let (report, _) = check_path(&dir);
        assert_eq!(report.errors, [], "the profiles file is not a bank");
        let p = &report.profiles[0];
        let counts: Vec<(&str, usize, &str)> = p
            .domains
            .iter()
            .map(|d| (d.id.as_str(), d.questions, d.coverage.as_str()))
            .collect();
        // q3 is on t1 but only for the PTCE, so it does not count.
        assert_eq!(
            counts,
            [("a", 2, "full"), ("b", 1, "partial"), ("c", 0, "uncovered")]
        );
        let text = report.to_text();
        assert!(
            text.contains("Exam profile CSPT Exam (cspt): 3 questions"),
            "{text}"
        );
        assert!(text.contains("| b name | 30 % | partial | 1 |"), "{text}");
        // A single bank file is checked without the profiles.
        assert!(check_path(&dir.join("b.toml")).0.profiles.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn the_json_report_has_a_profiles_array() {
        let dir = folder("json", &valid());
        let (report, _) = check_path(&dir);
        let json = serde_json::to_value(&report).unwrap();
        let expected = serde_json::json!([{
            "id": "cspt",
            "name": "CSPT Exam",
            "domains": [
                { "id": "a", "name": "a name", "weight": 50.0, "questions": 2, "coverage": "full" },
                { "id": "b", "name": "b name", "weight": 30.0, "questions": 1, "coverage": "partial" },
                { "id": "c", "name": "c name", "weight": 20.0, "questions": 0, "coverage": "uncovered" },
            ],
        }]);
        assert_eq!(json["profiles"], expected);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_covered_domain_without_questions_is_an_error_at_its_line() {
        let text = format!(
            "{HEAD}{}{}",
            domain("a", 50.0, "topics = [\"t1\"]"),
            domain("d", 50.0, "topics = [\"t3\"]")
        );
        let dir = folder("empty", &text);
        let (report, _) = check_path(&dir);
        assert_eq!(report.errors.len(), 1, "{:?}", report.errors);
        let e = &report.errors[0];
        assert!(e.bank.ends_with(PROFILES_FILE));
        assert_eq!(e.line, Some(15));
        assert!(
            e.message.starts_with(
                "profile `cspt`, domain `d`: no question maps to it; map questions to it"
            ),
            "{}",
            e.message
        );
        assert_eq!(report.profiles[0].domains[1].questions, 0);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn each_problem_of_the_profiles_file_is_an_error_with_file_and_line() {
        let text = format!(
            "{HEAD}{}{}{}{}",
            domain("a", 50.0, "topics = [\"t9\"]"),
            domain("a", 30.0, "topics = [\"t2\"]"),
            domain("c", 10.0, "uncovered = true"),
            domain("e", 5.0, "topics = [\"t1\"]\ncoverage = \"most\""),
        );
        let dir = folder("errors", &text);
        let (report, _) = check_path(&dir);
        let rows: Vec<(Option<usize>, &str)> = report
            .errors
            .iter()
            .map(|e| (e.line, e.message.as_str()))
            .collect();
        assert_eq!(
            rows,
            [
                (Some(10), "profile `cspt`, domain `a`: unknown topic `t9` (not in the topic list of manifest.toml)"),
                (Some(15), "profile `cspt`, domain `a`: the domain id is used again in this profile (first used on line 10)"),
                (Some(20), "profile `cspt`, domain `c`: an uncovered domain needs a `note` saying why no topic fits"),
                (Some(25), "profile `cspt`, domain `e`: `coverage` is \"most\"; leave it out, or write \"partial\" when the topics cover only part of the domain"),
                (Some(1), "profile `cspt`: the domain weights add up to 95, not 100"),
            ]
        );
        assert!(report
            .errors
            .iter()
            .all(|e| e.bank.ends_with(PROFILES_FILE)));
        assert!(
            report.profiles.is_empty(),
            "no counts for a file with errors"
        );
        fs::write(dir.join(PROFILES_FILE), "[[profiles]]\nid = \n").unwrap();
        let (report, _) = check_path(&dir);
        assert_eq!(report.errors.len(), 1);
        assert_eq!(report.errors[0].line, Some(2));
        assert!(report.errors[0]
            .message
            .starts_with("the file is not valid TOML"));
        let _ = fs::remove_dir_all(&dir);
    }
}
