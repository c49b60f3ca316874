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

use super::custom::{self, CustomError, StoredBank};
use super::schema::merge::merge;
use super::schema::{self, Progress, SchemaError};
use super::session::InProgress;

/// Every key PharmQuiz writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    /// Results, schedule, flags, settings, roster: the versioned document.
    Progress,
    /// The quiz in progress, apart so that saving an answer is cheap.
    Quiz,
    /// Unreadable data set aside at the given time (ms since epoch).
    Backup(u64),
    /// An unreadable quiz in progress set aside at the given time.
    QuizBackup(u64),
    /// Question banks added in this browser (`domain::custom`).
    CustomBanks,
    /// Unreadable added banks set aside at the given time.
    CustomBanksBackup(u64),
}

impl Key {
    pub fn name(&self) -> String {
        match self {
            Key::Progress => "pharmquiz.progress".into(),
            Key::Quiz => "pharmquiz.quiz".into(),
            Key::Backup(t) => format!("pharmquiz.backup.{t}"),
            Key::QuizBackup(t) => format!("pharmquiz.backup.quiz.{t}"),
            Key::CustomBanks => "pharmquiz.custom-banks".into(),
            Key::CustomBanksBackup(t) => format!("pharmquiz.backup.custom-banks.{t}"),
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
    fn remove(&self, key: &str) -> Result<(), StorageError>;
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
    /// The saved quiz in progress could not be read; it was kept under
    /// `backup_key` and there is no quiz to resume.
    QuizRecovered {
        problem: SchemaError,
        backup_key: String,
    },
    /// The question banks added in this browser could not be read; they
    /// were kept under `backup_key`.
    BanksRecovered {
        problem: CustomError,
        backup_key: String,
    },
    /// Saved data could not be read and could not be backed up either, so
    /// saving is off to avoid overwriting it.
    RecoveryBlocked {
        problem: String,
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
            Notice::QuizRecovered { problem, backup_key } => format!(
                "The quiz you had in progress could not be resumed: {problem}. It has been kept unchanged under the storage key \"{backup_key}\"; your results and history are not affected."
            ),
            Notice::BanksRecovered { problem, backup_key } => format!(
                "The question banks you added could not be read: {problem}. They have been kept unchanged under the storage key \"{backup_key}\"; add the bank files again to use them."
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
    pub quiz: Option<InProgress>,
    /// Banks added in this browser, as stored (checked once the topic list is known).
    pub custom: Vec<StoredBank>,
    pub notices: Vec<Notice>,
    /// False when writing could destroy data we could not read or back up.
    pub can_save: bool,
}

pub fn load(backend: &dyn Backend, now_ms: u64) -> Loaded {
    let mut out = Loaded {
        progress: Progress::default(),
        quiz: None,
        custom: Vec::new(),
        notices: Vec::new(),
        can_save: true,
    };
    let raw = match backend.get(&Key::Progress.name()) {
        Ok(raw) => raw,
        Err(e) => {
            out.notices.push(Notice::Unavailable(e));
            out.can_save = false;
            return out;
        }
    };
    let (progress, legacy_quiz) = parse_or_set_aside(
        backend,
        &mut out,
        raw.as_deref(),
        (Key::Backup, now_ms),
        schema::load_with_quiz,
        |problem, backup_key| Notice::Recovered {
            problem,
            backup_key,
        },
    )
    .unwrap_or_default();
    out.progress = progress;
    let stored_quiz = backend.get(&Key::Quiz.name()).ok().flatten();
    out.quiz = match stored_quiz {
        None => legacy_quiz.clone(),
        Some(ref raw) => parse_or_set_aside(
            backend,
            &mut out,
            Some(raw),
            (Key::QuizBackup, now_ms),
            schema::load_quiz,
            |problem, backup_key| Notice::QuizRecovered {
                problem,
                backup_key,
            },
        ),
    };
    let stored_banks = backend.get(&Key::CustomBanks.name()).ok().flatten();
    out.custom = parse_or_set_aside(
        backend,
        &mut out,
        stored_banks.as_deref(),
        (Key::CustomBanksBackup, now_ms),
        custom::load,
        |problem, backup_key| Notice::BanksRecovered {
            problem,
            backup_key,
        },
    )
    .unwrap_or_default();
    // A document from before format 4 held the quiz itself: move it out now,
    // so a quiz finished or discarded later can't come back from it.
    if legacy_quiz.is_some() && out.can_save {
        let moved = match (&out.quiz, stored_quiz) {
            (Some(q), None) => backend.set(&Key::Quiz.name(), &schema::quiz_to_json(q)),
            _ => Ok(()),
        };
        if moved.is_ok() {
            // If this fails, the next start migrates again; nothing is lost.
            let _ = save(backend, &out.progress);
        }
    }
    out
}

/// Where to keep unreadable data: a key named by its checksum, so opening
/// the app again with the same data reuses it instead of adding a copy on
/// every load; the time (`backup.1`) only if that key holds something else.
fn backup_key_for(
    backend: &dyn Backend,
    raw: &str,
    (key, now_ms): (fn(u64) -> Key, u64),
) -> String {
    let by_content = key(u64::from(crc32fast::hash(raw.as_bytes()))).name();
    match backend.get(&by_content) {
        Ok(Some(kept)) if kept != raw => key(now_ms).name(),
        _ => by_content,
    }
}

/// Parses a stored value. Unreadable data is kept under `backup` and
/// reported with `recovered(problem, backup key)`; if it can't be kept,
/// saving is turned off so it is never overwritten.
fn parse_or_set_aside<T, E: std::fmt::Display>(
    backend: &dyn Backend,
    out: &mut Loaded,
    raw: Option<&str>,
    backup: (fn(u64) -> Key, u64),
    parse: impl Fn(&str) -> Result<T, E>,
    recovered: impl FnOnce(E, String) -> Notice,
) -> Option<T> {
    let raw = raw?;
    let problem = match parse(raw) {
        Ok(value) => return Some(value),
        Err(problem) => problem,
    };
    let backup_key = backup_key_for(backend, raw, backup);
    match backend.set(&backup_key, raw) {
        Ok(()) => out.notices.push(recovered(problem, backup_key)),
        Err(error) => {
            out.notices.push(Notice::RecoveryBlocked {
                problem: problem.to_string(),
                error,
            });
            out.can_save = false;
        }
    }
    None
}

pub fn save(backend: &dyn Backend, progress: &Progress) -> Result<(), StorageError> {
    backend.set(&Key::Progress.name(), &schema::to_json(progress))
}

/// Saves the banks added in this browser.
pub fn save_custom(backend: &dyn Backend, banks: &[StoredBank]) -> Result<(), StorageError> {
    backend.set(&Key::CustomBanks.name(), &custom::to_json(banks))
}

/// Saves the quiz in progress, or removes it when there is none.
pub fn save_quiz(backend: &dyn Backend, quiz: Option<&InProgress>) -> Result<(), StorageError> {
    match quiz {
        Some(q) => backend.set(&Key::Quiz.name(), &schema::quiz_to_json(q)),
        None => backend.remove(&Key::Quiz.name()),
    }
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
                Some(Ok(other)) => Some(merge(local, &other)).filter(|m| m != local),
                Some(Err(_)) => {
                    if let Some(raw) = &stored {
                        backend.set(&backup_key_for(backend, raw, (Key::Backup, now_ms)), raw)?;
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

    fn remove(&self, key: &str) -> Result<(), StorageError> {
        if self.unavailable {
            return Err(StorageError::Unavailable("disabled".into()));
        }
        self.items.borrow_mut().remove(key);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::grade::Tally;
    use crate::domain::quiz::{Mode, QuizItem, QuizSpec};
    use crate::domain::schema::stored::Attempt;

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
                extra_time: Default::default(),
                pass_mark: 70,
                seed: 1,
                review: false,
                fixed_order: false,
                shared: None,
                profile: None,
            },
            score: Tally {
                correct: 1,
                total: 1,
            },
            passed: true,
            by_tag: Default::default(),
            by_bank: Default::default(),
            duration_secs: 5,
            time_ran_out: false,
            outcomes: vec![],
        }
    }

    #[test]
    fn empty_storage_starts_clean() {
        let b = MemoryBackend::default();
        let l = load(&b, 1);
        assert_eq!(l.progress, Progress::default());
        assert!(l.notices.is_empty() && l.can_save && l.quiz.is_none());
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
        let key = by_content("pharmquiz.backup.", "{oops");
        assert!(
            matches!(&l.notices[..], [Notice::Recovered { backup_key, .. }] if *backup_key == key)
        );
        assert!(l.can_save);
        assert_eq!(b.get(&key).unwrap().as_deref(), Some("{oops"));
        // Saving afterwards leaves the backup alone.
        save(&b, &l.progress).unwrap();
        assert_eq!(b.get(&key).unwrap().as_deref(), Some("{oops"));
    }

    /// The key unreadable data is kept under: its checksum.
    fn by_content(prefix: &str, raw: &str) -> String {
        format!("{prefix}{}", crc32fast::hash(raw.as_bytes()))
    }

    #[test]
    fn opening_the_app_again_keeps_one_copy_of_unreadable_data() {
        let b = MemoryBackend::default();
        b.set("pharmquiz.progress", "{oops").unwrap();
        b.set("pharmquiz.quiz", "{quiz").unwrap();
        for now in [1, 2, 3] {
            load(&b, now);
        }
        save_merged(&b, &Progress::default(), 4).unwrap();
        let kept: Vec<_> = b
            .items
            .borrow()
            .keys()
            .filter(|k| k.starts_with("pharmquiz.backup."))
            .cloned()
            .collect();
        assert_eq!(
            kept,
            vec![
                by_content("pharmquiz.backup.", "{oops"),
                by_content("pharmquiz.backup.quiz.", "{quiz")
            ]
        );
    }

    #[test]
    fn other_data_under_the_checksum_key_is_not_overwritten() {
        let b = MemoryBackend::default();
        let key = by_content("pharmquiz.backup.", "{oops");
        b.set(&key, "something else").unwrap();
        b.set("pharmquiz.progress", "{oops").unwrap();
        let l = load(&b, 42);
        assert!(
            matches!(&l.notices[..], [Notice::Recovered { backup_key, .. }] if backup_key == "pharmquiz.backup.42")
        );
        assert_eq!(b.get(&key).unwrap().as_deref(), Some("something else"));
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
        match &l.notices[..] {
            [Notice::Recovered { problem, .. }] => {
                assert_eq!(*problem, SchemaError::NewerVersion(99))
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
        assert!(matches!(&l.notices[..], [Notice::RecoveryBlocked { .. }]));
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
            b.get(&by_content("pharmquiz.backup.", r#"{"version":42}"#))
                .unwrap()
                .as_deref(),
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
        assert!(matches!(&l.notices[..], [Notice::Unavailable(_)]));
        assert!(!l.can_save);
    }

    fn quiz() -> InProgress {
        let item = QuizItem {
            bank: "b".into(),
            id: "q1".into(),
            order: vec![1, 0],
        };
        InProgress::new(attempt("x").spec, vec![item], 5.0)
    }

    #[test]
    fn the_quiz_in_progress_has_its_own_key() {
        let b = MemoryBackend::default();
        let mut p = Progress::default();
        p.attempts.push(attempt("x"));
        save(&b, &p).unwrap();
        let doc = b.get("pharmquiz.progress").unwrap();
        let mut q = quiz();
        save_quiz(&b, Some(&q)).unwrap();
        q.current = 0;
        q.elapsed_ms = 9_000;
        save_quiz(&b, Some(&q)).unwrap();
        assert_eq!(
            b.get("pharmquiz.progress").unwrap(),
            doc,
            "saving the quiz leaves the history alone"
        );
        let l = load(&b, 1);
        assert_eq!((l.progress, l.quiz), (p, Some(q)));
        save_quiz(&b, None).unwrap();
        assert_eq!(b.get("pharmquiz.quiz").unwrap(), None);
        assert_eq!(load(&b, 2).quiz, None);
    }

    #[test]
    fn a_format_3_quiz_moves_to_its_own_key_once() {
        let b = MemoryBackend::default();
        let q = quiz();
        let v3 = format!(
            r#"{{"version":3,"attempts":[],"in_progress":{}}}"#,
            schema::quiz_to_json(&q)
        );
        b.set("pharmquiz.progress", &v3).unwrap();
        let l = load(&b, 1);
        assert!(l.notices.is_empty());
        assert_eq!(l.quiz.as_ref(), Some(&q));
        assert!(b.get("pharmquiz.quiz").unwrap().is_some());
        let doc = b.get("pharmquiz.progress").unwrap().unwrap();
        assert!(
            doc.contains(&format!(r#""version":{}"#, schema::CURRENT_VERSION))
                && !doc.contains("in_progress")
        );
        // Discarding the quiz afterwards sticks.
        save_quiz(&b, None).unwrap();
        assert_eq!(load(&b, 2).quiz, None);
    }

    #[test]
    fn an_unreadable_quiz_is_set_aside_and_the_history_kept() {
        let b = MemoryBackend::default();
        let mut p = Progress::default();
        p.attempts.push(attempt("x"));
        save(&b, &p).unwrap();
        b.set("pharmquiz.quiz", r#"{"spec":"#).unwrap();
        let l = load(&b, 77);
        let key = by_content("pharmquiz.backup.quiz.", r#"{"spec":"#);
        assert_eq!(l.progress, p);
        assert_eq!(l.quiz, None);
        assert!(l.can_save);
        assert!(
            matches!(&l.notices[..], [Notice::QuizRecovered { backup_key, .. }] if *backup_key == key)
        );
        assert!(l.notices[0]
            .message()
            .contains("results and history are not affected"));
        assert_eq!(b.get(&key).unwrap().as_deref(), Some(r#"{"spec":"#));
        // An inconsistent quiz (question index out of range) is refused too.
        let mut q = quiz();
        q.current = 3;
        b.set("pharmquiz.quiz", &schema::quiz_to_json(&q)).unwrap();
        assert!(matches!(
            &load(&b, 78).notices[..],
            [Notice::QuizRecovered { .. }]
        ));
    }

    #[test]
    fn added_banks_have_their_own_key_and_unreadable_ones_are_kept() {
        let b = MemoryBackend::default();
        let banks = vec![StoredBank {
            text: "id = \"site\"".into(),
            added_at: 3.0,
        }];
        save_custom(&b, &banks).unwrap();
        assert_eq!(load(&b, 1).custom, banks);
        b.set("pharmquiz.custom-banks", "{\"version\":1,\"banks\":[{")
            .unwrap();
        let l = load(&b, 9);
        let key = by_content(
            "pharmquiz.backup.custom-banks.",
            "{\"version\":1,\"banks\":[{",
        );
        assert!(l.custom.is_empty() && l.can_save);
        assert!(
            matches!(&l.notices[..], [Notice::BanksRecovered { backup_key, .. }] if *backup_key == key)
        );
        assert_eq!(
            b.get(&key).unwrap().as_deref(),
            Some("{\"version\":1,\"banks\":[{")
        );
    }
}
