//! Reads banks from disk for the `bank-check` tool and the content tests.
//! Native only: the browser fetches banks instead.

use std::fs;
use std::path::{Path, PathBuf};

use super::bank::{parse_bank, Bank, Depth};
use super::calendar::Day;
use super::lint::lint;
use super::manifest::Manifest;
use super::report::{BankStats, ErrorRow, Report, WarningRow};

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
                    && !manifest.banks.iter().any(|b| &b.file == n)
            })
            .collect();
        unlisted.sort();
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
