//! Storage policy, independent of the browser: which keys exist, how a load
//! recovers from unreadable data, and how saves fail. The browser backend
//! (`crate::web_storage`) implements `Backend` over localStorage; tests use
//! `MemoryBackend`.
//!
//! Rules: unreadable data is copied to a backup key before anything else is
//! written, and if that copy fails we stop saving rather than overwrite it.

use std::cell::RefCell;
use std::collections::BTreeMap;
use thiserror::Error;

use super::schema::{self, Progress, SchemaError};

/// Every key PharmQuiz writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    Progress,
    /// Unreadable data set aside at the given time (ms since epoch).
    Backup(u64),
}

impl Key {
    pub fn name(&self) -> String {
        match self {
            Key::Progress => "pharmquiz.progress".into(),
            Key::Backup(t) => format!("pharmquiz.backup.{t}"),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum StorageError {
    #[error("this browser is not letting PharmQuiz use local storage ({0})")]
    Unavailable(String),
    #[error("the browser's storage for this site is full")]
    Full,
    #[error("the browser refused to save ({0})")]
    Failed(String),
}

pub trait Backend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    fn set(&self, key: &str, value: &str) -> Result<(), StorageError>;
}

/// Something the user must be told after loading or saving.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    /// Storage cannot be used at all; the app runs without saving.
    Unavailable(StorageError),
    /// Saved data could not be read; it was kept under `backup_key` and the app started clean.
    Recovered {
        problem: SchemaError,
        backup_key: String,
    },
    /// Saved data could not be read and could not be backed up either, so
    /// saving is off to avoid overwriting it.
    RecoveryBlocked {
        problem: SchemaError,
        error: StorageError,
    },
    /// The last save failed; what was stored before is unchanged.
    SaveFailed(StorageError),
}

impl Notice {
    pub fn message(&self) -> String {
        match self {
            Notice::Unavailable(e) => format!(
                "Scores can't be saved: {e}. You can keep studying, but results will be lost when you close this tab."
            ),
            Notice::Recovered { problem, backup_key } => format!(
                "Your saved progress could not be read: {problem}. It has been kept unchanged under the storage key \"{backup_key}\" and PharmQuiz has started fresh."
            ),
            Notice::RecoveryBlocked { problem, error } => format!(
                "Your saved progress could not be read: {problem}. It could not be set aside either ({error}), so PharmQuiz will not save anything in this session to avoid overwriting it."
            ),
            Notice::SaveFailed(e) => format!(
                "Your latest progress was not saved: {e}. Everything saved before is still there. Free some space (for example by clearing other sites' data) and it will be saved with your next answer."
            ),
        }
    }
}

pub struct Loaded {
    pub progress: Progress,
    pub notice: Option<Notice>,
    /// False when writing could destroy data we could not read or back up.
    pub can_save: bool,
}

pub fn load(backend: &dyn Backend, now_ms: u64) -> Loaded {
    let fresh = |notice, can_save| Loaded {
        progress: Progress::default(),
        notice,
        can_save,
    };
    let raw = match backend.get(&Key::Progress.name()) {
        Ok(Some(raw)) => raw,
        Ok(None) => return fresh(None, true),
        Err(e) => return fresh(Some(Notice::Unavailable(e)), false),
    };
    match schema::load(&raw) {
        Ok(progress) => Loaded {
            progress,
            notice: None,
            can_save: true,
        },
        Err(problem) => {
            let backup_key = Key::Backup(now_ms).name();
            match backend.set(&backup_key, &raw) {
                Ok(()) => fresh(
                    Some(Notice::Recovered {
                        problem,
                        backup_key,
                    }),
                    true,
                ),
                Err(error) => fresh(Some(Notice::RecoveryBlocked { problem, error }), false),
            }
        }
    }
}

pub fn save(backend: &dyn Backend, progress: &Progress) -> Result<(), StorageError> {
    backend.set(&Key::Progress.name(), &schema::to_json(progress))
}

/// Saves `local` merged with whatever another tab stored meanwhile, so two
/// tabs finishing quizzes keep both attempts. Returns the merged document
/// when it differs from `local` (the caller adopts it). Nothing is written
/// when storage already holds exactly the merged document. Stored data that
/// can't be read is backed up before it is replaced.
pub fn save_merged(
    backend: &dyn Backend,
    local: &Progress,
    now_ms: u64,
) -> Result<Option<Progress>, StorageError> {
    Saver::default().save(backend, local, now_ms)
}

/// `save_merged` that remembers what it last wrote, so the common case (no
/// other tab wrote since) skips parsing and merging the stored document.
#[derive(Debug, Default)]
pub struct Saver {
    last: Option<String>,
}

impl Saver {
    pub fn save(
        &mut self,
        backend: &dyn Backend,
        local: &Progress,
        now_ms: u64,
    ) -> Result<Option<Progress>, StorageError> {
        let key = Key::Progress.name();
        let stored = backend.get(&key)?;
        let untouched = stored.is_some() && stored == self.last;
        let merged = if untouched {
            None
        } else {
            match stored.as_deref().map(schema::load) {
                Some(Ok(other)) => Some(schema::merge(local, &other)).filter(|m| m != local),
                Some(Err(_)) => {
                    if let Some(raw) = &stored {
                        backend.set(&Key::Backup(now_ms).name(), raw)?;
                    }
                    None
                }
                None => None,
            }
        };
        let json = schema::to_json(merged.as_ref().unwrap_or(local));
        if stored.as_deref() != Some(json.as_str()) {
            backend.set(&key, &json)?;
        }
        self.last = Some(json);
        Ok(merged)
    }
}

/// An in-memory backend with an optional byte quota, for tests and benchmarks.
#[derive(Default)]
pub struct MemoryBackend {
    pub items: RefCell<BTreeMap<String, String>>,
    pub quota: Option<usize>,
    pub unavailable: bool,
}

impl Backend for MemoryBackend {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("disabled".into()));
        }
        Ok(self.items.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("disabled".into()));
        }
        let mut items = self.items.borrow_mut();
        if let Some(q) = self.quota {
            let others: usize = items
                .iter()
                .filter(|(k, _)| *k != key)
                .map(|(k, v)| k.len() + v.len())
                .sum();
            if others + key.len() + value.len() > q {
                return Err(StorageError::Full);
            }
        }
        items.insert(key.into(), value.into());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grade::Tally;
    use crate::domain::quiz::{Mode, QuizSpec};
    use crate::domain::schema::Attempt;

    fn attempt(id: &str) -> Attempt {
        Attempt {
            id: id.into(),
            finished_at: 1.0,
            spec: QuizSpec {
                banks: vec!["b".into()],
                tags: vec![],
                only: vec![],
                count: 1,
                mode: Mode::Practice,
                time_limit_secs: None,
                pass_mark: 70,
                seed: 1,
                review: false,
                fixed_order: false,
                shared: None,
            },
            score: Tally {
                correct: 1,
                total: 1,
            },
            passed: true,
            by_tag: Default::default(),
            by_bank: Default::default(),
            duration_secs: 5,
            outcomes: vec![],
        }
    }

    #[test]
    fn empty_storage_starts_clean() {
        let b = MemoryBackend::default();
        let l = load(&b, 1);
        assert_eq!(l.progress, Progress::default());
        assert!(l.notice.is_none() && l.can_save);
    }

    #[test]
    fn save_then_load() {
        let b = MemoryBackend::default();
        let mut p = Progress::default();
        p.attempts.push(attempt("x"));
        save(&b, &p).unwrap();
        assert_eq!(load(&b, 1).progress, p);
    }

    #[test]
    fn corrupt_data_is_backed_up_not_dropped() {
        let b = MemoryBackend::default();
        b.set("pharmquiz.progress", "{oops").unwrap();
        let l = load(&b, 42);
        assert!(
            matches!(l.notice, Some(Notice::Recovered { ref backup_key, .. }) if backup_key == "pharmquiz.backup.42")
        );
        assert!(l.can_save);
        assert_eq!(
            b.get("pharmquiz.backup.42").unwrap().as_deref(),
            Some("{oops")
        );
        // Saving afterwards leaves the backup alone.
        save(&b, &l.progress).unwrap();
        assert_eq!(
            b.get("pharmquiz.backup.42").unwrap().as_deref(),
            Some("{oops")
        );
    }

    #[test]
    fn newer_version_is_backed_up_and_reported() {
        let b = MemoryBackend::default();
        b.set("pharmquiz.progress", r#"{"version":99}"#).unwrap();
        let l = load(&b, 7);
        match l.notice {
            Some(Notice::Recovered { problem, .. }) => {
                assert_eq!(problem, SchemaError::NewerVersion(99))
            }
            other => panic!("unexpected {other:?}"),
        }
    }

    #[test]
    fn unbackupable_data_blocks_saving() {
        let raw = "x".repeat(50);
        let b = MemoryBackend {
            quota: Some(80),
            ..Default::default()
        };
        b.set("pharmquiz.progress", &raw).unwrap();
        let l = load(&b, 1);
        assert!(matches!(l.notice, Some(Notice::RecoveryBlocked { .. })));
        assert!(!l.can_save);
        assert_eq!(b.get("pharmquiz.progress").unwrap(), Some(raw));
    }

    #[test]
    fn full_storage_keeps_what_was_saved() {
        let b = MemoryBackend {
            quota: Some(400),
            ..Default::default()
        };
        let mut p = Progress::default();
        p.attempts.push(attempt("first"));
        save(&b, &p).unwrap();
        let before = b.get("pharmquiz.progress").unwrap();
        for i in 0..10 {
            p.attempts.push(attempt(&format!("more-{i}")));
        }
        assert_eq!(save(&b, &p), Err(StorageError::Full));
        assert_eq!(b.get("pharmquiz.progress").unwrap(), before);
        assert!(Notice::SaveFailed(StorageError::Full)
            .message()
            .contains("still there"));
    }

    #[test]
    fn two_tabs_saving_keep_both_attempts() {
        let b = MemoryBackend::default();
        let mut tab1 = load(&b, 1).progress;
        let mut tab2 = load(&b, 1).progress;
        tab1.attempts.push(attempt("from-tab-1"));
        assert_eq!(save_merged(&b, &tab1, 2).unwrap(), None);
        tab2.attempts.push(attempt("from-tab-2"));
        let adopted = save_merged(&b, &tab2, 3)
            .unwrap()
            .expect("tab 2 learns of tab 1's attempt");
        assert_eq!(adopted.attempts.len(), 2);
        assert_eq!(load(&b, 4).progress.attempts.len(), 2);
        // Saving again with nothing new writes nothing new.
        let before = b.get("pharmquiz.progress").unwrap();
        assert_eq!(save_merged(&b, &adopted, 5).unwrap(), None);
        assert_eq!(b.get("pharmquiz.progress").unwrap(), before);
    }

    #[test]
    fn saver_still_merges_when_another_tab_wrote() {
        let b = MemoryBackend::default();
        let mut saver = Saver::default();
        let mut mine = Progress::default();
        mine.attempts.push(attempt("mine"));
        assert_eq!(saver.save(&b, &mine, 1).unwrap(), None);
        // Nothing else wrote: the next save needs no merge.
        mine.attempts.push(attempt("mine-2"));
        assert_eq!(saver.save(&b, &mine, 2).unwrap(), None);
        // Another tab writes; the next save merges its attempt in.
        let mut theirs = load(&b, 3).progress;
        theirs.attempts.push(attempt("theirs"));
        save(&b, &theirs).unwrap();
        let merged = saver
            .save(&b, &mine, 4)
            .unwrap()
            .expect("merged with the other tab");
        assert_eq!(merged.attempts.len(), 3);
        assert_eq!(load(&b, 5).progress.attempts.len(), 3);
    }

    #[test]
    fn save_merged_backs_up_unreadable_stored_data() {
        let b = MemoryBackend::default();
        b.set("pharmquiz.progress", r#"{"version":42}"#).unwrap();
        save_merged(&b, &Progress::default(), 9).unwrap();
        assert_eq!(
            b.get("pharmquiz.backup.9").unwrap().as_deref(),
            Some(r#"{"version":42}"#)
        );
    }

    #[test]
    fn unavailable_storage_runs_without_saving() {
        let b = MemoryBackend {
            unavailable: true,
            ..Default::default()
        };
        let l = load(&b, 1);
        assert!(matches!(l.notice, Some(Notice::Unavailable(_))));
        assert!(!l.can_save);
    }
}
