//! Export and import of all progress as a JSON file with a version and a
//! CRC-32 checksum of the data exactly as written, so a truncated or edited
//! file is caught before anything is merged.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use super::custom::{Restored, StoredBank};
use super::limits::{Limits, OutOfRange};
use super::schema::{self, Progress, SchemaError, CURRENT_VERSION};

pub const FORMAT: &str = "pharmquiz-backup";
/// Largest backup file accepted: browsers keep about 5 MB of local storage
/// per site, so a larger backup could never be stored here.
pub const MAX_BACKUP_BYTES: usize = 5 * 1024 * 1024;

#[derive(Debug, Error, PartialEq)]
pub enum BackupError {
    #[error("This file is not a PharmQuiz backup (it is not valid JSON: {0}).")]
    NotJson(String),
    #[error(
        "This file is not a PharmQuiz backup (it has no \"format\": \"pharmquiz-backup\" header)."
    )]
    NotBackup,
    #[error("This backup was made by a newer version of PharmQuiz (format {0}); update the app to import it.")]
    Newer(u64),
    #[error("This backup is damaged or was edited: its checksum does not match its contents. Export it again from the original browser.")]
    Checksum,
    #[error("This backup's data can't be read: {0}.")]
    Data(SchemaError),
    #[error("This backup's own question banks can't be read: {0}.")]
    Banks(String),
    #[error("This file is {:.1} MB; a backup can be at most {} MB. Browsers keep about {} MB of data for each site, so a larger backup could not be stored here.", *.0 as f64 / 1_048_576.0, MAX_BACKUP_BYTES >> 20, MAX_BACKUP_BYTES >> 20)]
    TooLarge(u64),
    #[error("This backup holds an impossible value: {0}. Nothing was imported.")]
    Impossible(OutOfRange),
}

/// Refuses a backup file over `MAX_BACKUP_BYTES` before it is read.
pub fn check_size(bytes: u64) -> Result<(), BackupError> {
    if bytes > MAX_BACKUP_BYTES as u64 {
        return Err(BackupError::TooLarge(bytes));
    }
    Ok(())
}

/// What a backup file holds: the progress document and the question banks
/// added in the browser it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Backup {
    pub progress: Progress,
    pub banks: Vec<StoredBank>,
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    exported_at: f64,
    checksum: String,
    data: &'a RawValue,
    #[serde(skip_serializing_if = "Option::is_none")]
    banks: Option<&'a RawValue>,
    #[serde(skip_serializing_if = "Option::is_none")]
    banks_checksum: Option<String>,
}

#[derive(Deserialize)]
struct In {
    format: Option<String>,
    version: Option<u64>,
    checksum: Option<String>,
    data: Option<Box<RawValue>>,
    banks: Option<Box<RawValue>>,
    banks_checksum: Option<String>,
}

pub fn checksum(text: &str) -> String {
    format!("{:08x}", crc32fast::hash(text.as_bytes()))
}

/// The backup file's text: the whole document (the quiz in progress lives
/// apart from it and is not exported) and any added banks, each part with
/// its checksum.
pub fn export(p: &Progress, banks: &[StoredBank], now_ms: f64) -> String {
    // JSON we just produced is valid, so these cannot fail.
    let raw =
        |json: String| RawValue::from_string(json).unwrap_or_else(|_| RawValue::NULL.to_owned());
    let json = schema::to_json(p);
    let sum = checksum(&json);
    let data = raw(json);
    let banks_json = (!banks.is_empty()).then(|| serde_json::to_string(banks).unwrap_or_default());
    let banks_checksum = banks_json.as_deref().map(checksum);
    let banks_raw = banks_json.map(raw);
    serde_json::to_string(&Out {
        format: FORMAT,
        version: CURRENT_VERSION,
        exported_at: now_ms,
        checksum: sum,
        data: &data,
        banks: banks_raw.as_deref(),
        banks_checksum,
    })
    .unwrap_or_default()
}

/// Reads and checks a backup file imported at `now_ms` (nothing in it may
/// be dated after tomorrow). Restore the progress with
/// `schema::merge::restore` and the banks with `custom::restore`, which
/// checks each bank like an upload.
pub fn import(text: &str, now_ms: f64) -> Result<Backup, BackupError> {
    check_size(text.len() as u64)?;
    let file: In = serde_json::from_str(text).map_err(|e| BackupError::NotJson(e.to_string()))?;
    if file.format.as_deref() != Some(FORMAT) {
        return Err(BackupError::NotBackup);
    }
    let version = file.version.ok_or(BackupError::NotBackup)?;
    if version > CURRENT_VERSION {
        return Err(BackupError::Newer(version));
    }
    let data = file.data.ok_or(BackupError::NotBackup)?;
    if file.checksum.as_deref() != Some(checksum(data.get()).as_str()) {
        return Err(BackupError::Checksum);
    }
    let progress = schema::load(data.get()).map_err(BackupError::Data)?;
    progress
        .check(&Limits::backup(now_ms))
        .map_err(BackupError::Impossible)?;
    let banks = match file.banks {
        None => Vec::new(),
        Some(raw) => {
            if file.banks_checksum.as_deref() != Some(checksum(raw.get()).as_str()) {
                return Err(BackupError::Checksum);
            }
            serde_json::from_str(raw.get()).map_err(|e| BackupError::Banks(e.to_string()))?
        }
    };
    Ok(Backup { progress, banks })
}

/// What the data page says after a backup was imported and saved: the
/// results and banks added, then each bank that was refused and why.
pub fn imported_message(name: &str, results: usize, banks: &Restored) -> Vec<(bool, String)> {
    let n = banks.added.len();
    let added_banks = match n {
        0 => String::new(),
        1 => " and 1 question bank of your own".into(),
        n => format!(" and {n} question banks of your own"),
    };
    let mut out = vec![(
        true,
        format!(
            "Imported \"{name}\": {results} new quiz result{}{added_banks} added; nothing already here was changed or lost.",
            if results == 1 { "" } else { "s" }
        ),
    )];
    out.extend(banks.refused.iter().map(|(bank, why)| {
        (
            false,
            format!("The question bank \"{bank}\" in this backup was not imported: {why}"),
        )
    }));
    out
}

/// What the data page says when the import could not be saved.
pub fn not_kept_message(name: &str, why: &str) -> String {
    format!("\"{name}\" was not imported: it could not be saved ({why}). Nothing from it was kept, and your data is as it was before.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::custom::EXAMPLE_BANK;
    use crate::domain::schema::merge::merge;
    use crate::domain::test_support::attempt;

    /// When the tests import: 2027-01-15.
    const NOW: f64 = 1.8e12;

    fn sample() -> Progress {
        let mut p = Progress {
            attempts: vec![attempt("a", 1.0), attempt("b", 2.0)],
            ..Progress::default()
        };
        p.flags.insert("compounding/cmp-001".into(), (true, 5.0));
        p.settings.new_per_day = 15;
        p
    }

    #[test]
    fn backups_and_merges_carry_extra_time_and_time_outs() {
        use crate::domain::clock::ExtraTime;
        use crate::domain::schema::merge::restore;
        use crate::domain::test_support::shared_result;
        let mut p = sample();
        p.attempts[1].spec = p.attempts[1]
            .spec
            .clone()
            .with_extra_time(ExtraTime::Double);
        p.attempts[1].time_ran_out = true;
        let mut r = shared_result("Sam", 1.0, vec![("b/q1", None, false)]);
        r.extra_time = ExtraTime::NoLimit;
        p.roster.push(r);
        let back = import(&export(&p, &[], 99.0), NOW).unwrap().progress;
        assert_eq!(back, p);
        // Into a browser that has only the first attempt: the second comes
        // with its extra time and time-out, the result with its extra time.
        let mut here = sample();
        here.attempts.truncate(1);
        for m in [merge(&here, &back), restore(&here, &back, NOW)] {
            let b = m.attempts.iter().find(|a| a.id == "b").unwrap();
            assert_eq!(
                (b.spec.extra_time, b.time_ran_out),
                (ExtraTime::Double, true)
            );
            assert_eq!(m.roster[0].extra_time, ExtraTime::NoLimit);
        }
    }

    #[test]
    fn export_then_import_round_trips() {
        let text = export(&sample(), &[], 99.0);
        assert!(text.starts_with(&format!(
            r#"{{"format":"pharmquiz-backup","version":{CURRENT_VERSION},"exported_at":99.0,"checksum":""#
        )));
        assert_eq!(import(&text, NOW).unwrap().progress, sample());
    }

    #[test]
    fn importing_twice_changes_nothing() {
        let mine = {
            Progress {
                attempts: vec![attempt("c", 0.5)],
                ..Progress::default()
            }
        };
        let file = import(&export(&sample(), &[], 1.0), NOW).unwrap().progress;
        let once = merge(&mine, &file);
        assert_eq!(once.attempts.len(), 3);
        assert_eq!(merge(&once, &file), once);
    }

    #[test]
    fn a_one_character_edit_is_caught() {
        let text = export(&sample(), &[], 1.0);
        let edited = text.replacen("\"p\":false", "\"p\":true ", 1);
        assert_ne!(edited, text);
        assert_eq!(import(&edited, NOW), Err(BackupError::Checksum));
        // Any single digit changed in the data.
        let pos = text.find("[1,2]").unwrap() + 1;
        let mut bytes = text.clone().into_bytes();
        bytes[pos] = b'2';
        assert_eq!(
            import(&String::from_utf8(bytes).unwrap(), NOW),
            Err(BackupError::Checksum)
        );
    }

    #[test]
    fn bad_files_get_clear_errors() {
        let text = export(&sample(), &[], 1.0);
        assert!(matches!(
            import(&text[..text.len() / 2], NOW),
            Err(BackupError::NotJson(_))
        ));
        assert_eq!(import(r#"{"version":3}"#, NOW), Err(BackupError::NotBackup));
        assert!(import("[]", NOW)
            .unwrap_err()
            .to_string()
            .contains("not a PharmQuiz backup"));
        assert_eq!(
            import(
                &text.replacen(
                    &format!("\"version\":{CURRENT_VERSION}"),
                    "\"version\":9",
                    1
                ),
                NOW
            ),
            Err(BackupError::Newer(9))
        );
        let bad_data = r#"{"format":"pharmquiz-backup","version":3,"checksum":"CHK","data":{"version":3,"attempts":7}}"#;
        let sum = checksum(r#"{"version":3,"attempts":7}"#);
        assert!(matches!(
            import(&bad_data.replace("CHK", &sum), NOW),
            Err(BackupError::Data(_))
        ));
    }

    #[test]
    fn added_banks_travel_with_their_own_checksum() {
        let banks = vec![StoredBank {
            text: EXAMPLE_BANK.into(),
            added_at: 7.0,
        }];
        let text = export(&sample(), &banks, 1.0);
        assert_eq!(
            import(&text, NOW).unwrap(),
            Backup {
                progress: sample(),
                banks: banks.clone()
            }
        );
        let edited = text.replacen("my-pharmacy", "my-pharmacx", 1);
        assert_ne!(edited, text);
        assert_eq!(import(&edited, NOW), Err(BackupError::Checksum));
        // A backup without banks (and one from before they existed) has none.
        assert!(!export(&sample(), &[], 1.0).contains("banks_checksum"));
        assert_eq!(
            import(&export(&sample(), &[], 1.0), NOW).unwrap().banks,
            vec![]
        );
    }

    #[test]
    fn a_backup_over_5_mb_is_refused_with_the_limit_and_why() {
        assert_eq!(check_size(MAX_BACKUP_BYTES as u64), Ok(()));
        let big = format!("{{\"pad\":\"{}\"}}", "x".repeat(10 << 20));
        let e = import(&big, NOW).unwrap_err();
        assert!(matches!(e, BackupError::TooLarge(_)));
        assert_eq!(
            e.to_string(),
            "This file is 10.0 MB; a backup can be at most 5 MB. Browsers keep about 5 MB of data for each site, so a larger backup could not be stored here."
        );
    }

    #[test]
    fn a_backup_with_records_dated_after_tomorrow_is_refused() {
        let mut p = sample();
        p.attempts.push(attempt("2096", 3.98e12));
        let e = import(&export(&p, &[], NOW), NOW).unwrap_err();
        assert_eq!(
            e.to_string(),
            "This backup holds an impossible value: the date of attempt 2096 is in the future (after tomorrow's date). Nothing was imported."
        );
        let mut p = sample();
        p.flags.insert("b/q".into(), (true, 3.98e12));
        assert!(matches!(
            import(&export(&p, &[], NOW), NOW),
            Err(BackupError::Impossible(_))
        ));
        // Absurd numbers are refused as unreadable data.
        let mut p = sample();
        p.attempts[0].finished_at = 1e308;
        assert!(matches!(
            import(&export(&p, &[], NOW), NOW),
            Err(BackupError::Data(SchemaError::OutOfRange(_)))
        ));
    }

    #[test]
    fn the_import_report_names_each_refused_bank() {
        let banks = Restored {
            added: vec!["Our SOPs".into()],
            refused: vec![(
                "hazardous-drugs".into(),
                "The bank id \"hazardous-drugs\" belongs to a built-in bank. Give your bank its own id.".into(),
            )],
        };
        let m = imported_message("b.json", 2, &banks);
        assert_eq!(
            m[0],
            (
                true,
                "Imported \"b.json\": 2 new quiz results and 1 question bank of your own added; nothing already here was changed or lost.".into()
            )
        );
        assert_eq!(
            m[1],
            (
                false,
                "The question bank \"hazardous-drugs\" in this backup was not imported: The bank id \"hazardous-drugs\" belongs to a built-in bank. Give your bank its own id.".into()
            )
        );
        assert_eq!(imported_message("b.json", 1, &Restored::default()).len(), 1);
        assert!(
            not_kept_message("b.json", "the browser's storage for this site is full")
                .contains("Nothing from it was kept, and your data is as it was before.")
        );
    }
}
