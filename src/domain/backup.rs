//! Export and import of all progress as a JSON file with a version and a
//! CRC-32 checksum of the data exactly as written, so a truncated or edited
//! file is caught before anything is merged.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

use super::custom::StoredBank;
use super::schema::{self, Progress, SchemaError, CURRENT_VERSION};

pub const FORMAT: &str = "pharmquiz-backup";

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

/// Reads and checks a backup file. Restore the progress with
/// `schema::merge::restore` and the banks with `custom::restore`.
pub fn import(text: &str) -> Result<Backup, BackupError> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::custom::EXAMPLE_BANK;
    use crate::domain::schema::merge::merge;
    use crate::domain::test_support::attempt;

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
    fn export_then_import_round_trips() {
        let text = export(&sample(), &[], 99.0);
        assert!(text.starts_with(
            r#"{"format":"pharmquiz-backup","version":4,"exported_at":99.0,"checksum":""#
        ));
        assert_eq!(import(&text).unwrap().progress, sample());
    }

    #[test]
    fn importing_twice_changes_nothing() {
        let mine = {
            Progress {
                attempts: vec![attempt("c", 0.5)],
                ..Progress::default()
            }
        };
        let file = import(&export(&sample(), &[], 1.0)).unwrap().progress;
        let once = merge(&mine, &file);
        assert_eq!(once.attempts.len(), 3);
        assert_eq!(merge(&once, &file), once);
    }

    #[test]
    fn a_one_character_edit_is_caught() {
        let text = export(&sample(), &[], 1.0);
        let edited = text.replacen("\"p\":false", "\"p\":true ", 1);
        assert_ne!(edited, text);
        assert_eq!(import(&edited), Err(BackupError::Checksum));
        // Any single digit changed in the data.
        let pos = text.find("[1,2]").unwrap() + 1;
        let mut bytes = text.clone().into_bytes();
        bytes[pos] = b'2';
        assert_eq!(
            import(&String::from_utf8(bytes).unwrap()),
            Err(BackupError::Checksum)
        );
    }

    #[test]
    fn bad_files_get_clear_errors() {
        let text = export(&sample(), &[], 1.0);
        assert!(matches!(
            import(&text[..text.len() / 2]),
            Err(BackupError::NotJson(_))
        ));
        assert_eq!(import(r#"{"version":3}"#), Err(BackupError::NotBackup));
        assert!(import("[]")
            .unwrap_err()
            .to_string()
            .contains("not a PharmQuiz backup"));
        assert_eq!(
            import(&text.replacen("\"version\":4", "\"version\":9", 1)),
            Err(BackupError::Newer(9))
        );
        let bad_data = r#"{"format":"pharmquiz-backup","version":3,"checksum":"CHK","data":{"version":3,"attempts":7}}"#;
        let sum = checksum(r#"{"version":3,"attempts":7}"#);
        assert!(matches!(
            import(&bad_data.replace("CHK", &sum)),
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
            import(&text).unwrap(),
            Backup {
                progress: sample(),
                banks: banks.clone()
            }
        );
        let edited = text.replacen("my-pharmacy", "my-pharmacx", 1);
        assert_ne!(edited, text);
        assert_eq!(import(&edited), Err(BackupError::Checksum));
        // A backup without banks (and one from before they existed) has none.
        assert!(!export(&sample(), &[], 1.0).contains("banks_checksum"));
        assert_eq!(import(&export(&sample(), &[], 1.0)).unwrap().banks, vec![]);
    }
}
