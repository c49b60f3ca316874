//! Reads banks from disk for the `bank-check` tool and the content tests.
//! Native only: the browser fetches banks instead.

use std::fs;
use std::path::{Path, PathBuf};

use super::bank::{parse_bank, Bank, Depth};
use super::calendar::Day;
use super::import::{import, Severity};
use super::lint::lint;
use super::manifest::Manifest;
use super::report::{BankStats, ErrorRow, Report, WarningRow};

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
/// The exam profiles beside the banks (not a bank; see `questions/exam-profiles.toml`).
pub const PROFILES_FILE: &str = "exam-profiles.toml";

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
    (report, banks)
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
