//! Browser tests (wasm-bindgen-test in headless Chromium): the storage module
//! against the real localStorage.
#![cfg(target_arch = "wasm32")]

use pharmquiz::domain::grade::Tally;
use pharmquiz::domain::quiz::{Mode, QuizSpec};
use pharmquiz::domain::schema::{Attempt, Progress};
use pharmquiz::domain::storage::{self, Backend, Notice, StorageError};
use pharmquiz::web_storage::LocalStorageBackend;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn attempt(id: &str) -> Attempt {
    Attempt {
        id: id.into(),
        started_at: 1.0,
        finished_at: 2.0,
        spec: QuizSpec { banks: vec!["inventory".into()], tags: vec![], only: vec![], count: 1, mode: Mode::Exam, time_limit_secs: Some(600), pass_mark: 70, seed: 5 , review: false},
        score: Tally { correct: 1, total: 1 },
        passed: true,
        by_tag: Default::default(),
        by_bank: Default::default(),
        duration_secs: 30,
        outcomes: vec![],
    }
}

#[wasm_bindgen_test]
fn saves_a_versioned_document_and_loads_it_back() {
    local().clear().unwrap();
    let mut p = Progress::default();
    p.attempts.push(attempt("a1"));
    storage::save(&LocalStorageBackend, &p).unwrap();
    let raw = local().get_item("pharmquiz.progress").unwrap().unwrap();
    assert!(raw.starts_with("{\"version\":3"), "stored: {raw}");
    let loaded = storage::load(&LocalStorageBackend, 1);
    assert_eq!(loaded.progress, p);
    assert!(loaded.notice.is_none() && loaded.can_save);
}

#[wasm_bindgen_test]
fn corrupt_value_is_kept_under_a_backup_key() {
    local().clear().unwrap();
    local().set_item("pharmquiz.progress", "{\"version\":3,\"attempts\":[").unwrap();
    let loaded = storage::load(&LocalStorageBackend, 1234);
    match &loaded.notice {
        Some(Notice::Recovered { backup_key, .. }) => assert_eq!(backup_key, "pharmquiz.backup.1234"),
        other => panic!("expected a recovery notice, got {other:?}"),
    }
    assert_eq!(loaded.progress, Progress::default());
    assert_eq!(local().get_item("pharmquiz.backup.1234").unwrap().as_deref(), Some("{\"version\":3,\"attempts\":["));
    // The original is still there until the app saves fresh progress over it.
    assert!(local().get_item("pharmquiz.progress").unwrap().is_some());
}

#[wasm_bindgen_test]
fn full_storage_is_reported_and_keeps_what_was_saved() {
    local().clear().unwrap();
    let mut p = Progress::default();
    p.attempts.push(attempt("kept"));
    storage::save(&LocalStorageBackend, &p).unwrap();
    let before = local().get_item("pharmquiz.progress").unwrap();

    // Fill the origin's quota with filler keys.
    let chunk = "x".repeat(512 * 1024);
    let mut filled = 0;
    while LocalStorageBackend.set(&format!("filler.{filled}"), &chunk).is_ok() {
        filled += 1;
        assert!(filled < 200, "storage never filled up");
    }
    // A save that needs more room fails with `Full`, leaving the old document.
    for i in 0..2000 {
        p.attempts.push(attempt(&format!("more-{i}")));
    }
    assert_eq!(storage::save(&LocalStorageBackend, &p), Err(StorageError::Full));
    assert_eq!(local().get_item("pharmquiz.progress").unwrap(), before);
    local().clear().unwrap();
}
