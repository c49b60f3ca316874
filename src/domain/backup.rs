//! Export and import of all progress as a JSON file with a version and a
//! CRC-32 checksum of the data exactly as written, so a truncated or edited
//! file is caught before anything is merged.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use thiserror::Error;

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
}

#[derive(Serialize)]
struct Out<'a> {
    format: &'static str,
    version: u64,
    exported_at: f64,
    checksum: String,
    data: &'a RawValue,
}

#[derive(Deserialize)]
struct In {
    format: Option<String>,
    version: Option<u64>,
    checksum: Option<String>,
    data: Option<Box<RawValue>>,
}

pub fn checksum(text: &str) -> String {
    format!("{:08x}", crc32fast::hash(text.as_bytes()))
}

/// The backup file's text: the whole document (the quiz in progress lives
/// apart from it and is not exported).
pub fn export(p: &Progress, now_ms: f64) -> String {
    let json = schema::to_json(p);
    let sum = checksum(&json);
    // `json` is valid JSON we just produced, so these cannot fail.
    let raw = RawValue::from_string(json).unwrap_or_else(|_| RawValue::NULL.to_owned());
    serde_json::to_string(&Out {
        format: FORMAT,
        version: CURRENT_VERSION,
        exported_at: now_ms,
        checksum: sum,
        data: &raw,
    })
    .unwrap_or_default()
}

/// Reads and checks a backup file. Merge the result with `schema::merge`.
pub fn import(text: &str) -> Result<Progress, BackupError> {
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
    schema::load(data.get()).map_err(BackupError::Data)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::schema::{merge, tests::attempt};

    fn sample() -> Progress {
        let mut p = Progress::default();
        p.attempts = vec![attempt("a", 1.0), attempt("b", 2.0)];
        p.flags.insert("compounding/cmp-001".into(), (true, 5.0));
        p.settings.new_per_day = 15;
        p
    }

    #[test]
    fn export_then_import_round_trips() {
        let text = export(&sample(), 99.0);
        assert!(text.starts_with(
            r#"{"format":"pharmquiz-backup","version":4,"exported_at":99.0,"checksum":""#
        ));
        assert_eq!(import(&text).unwrap(), sample());
    }

    #[test]
    fn importing_twice_changes_nothing() {
        let mine = {
            let mut p = Progress::default();
            p.attempts = vec![attempt("c", 0.5)];
            p
        };
        let file = import(&export(&sample(), 1.0)).unwrap();
        let once = merge(&mine, &file);
        assert_eq!(once.attempts.len(), 3);
        assert_eq!(merge(&once, &file), once);
    }

    #[test]
    fn a_one_character_edit_is_caught() {
        let text = export(&sample(), 1.0);
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
        let text = export(&sample(), 1.0);
        assert!(matches!(
            import(&text[..text.len() / 2]),
            Err(BackupError::NotJson(_))
        ));
        assert_eq!(import(r#"{"version":3}"#), Err(BackupError::NotBackup));
        assert_eq!(
            import("[]")
                .unwrap_err()
                .to_string()
                .contains("not a PharmQuiz backup"),
            true
        );
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
}
