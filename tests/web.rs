//! Browser tests (wasm-bindgen-test in headless Chromium): the storage module
//! against the real localStorage.
#![cfg(target_arch = "wasm32")]

use pharmquiz::domain::grade::Tally;
use pharmquiz::domain::quiz::{Mode, QuizSpec};
use pharmquiz::domain::schema::stored::Attempt;
use pharmquiz::domain::schema::{Progress, CURRENT_VERSION};
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
        finished_at: 2.0,
        spec: QuizSpec {
            banks: vec!["inventory".into()],
            tags: vec![],
            only: vec![],
            count: 1,
            mode: Mode::Exam,
            time_limit_secs: Some(600),
            extra_time: Default::default(),
            pass_mark: 70,
            seed: 5,
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
        duration_secs: 30,
        time_ran_out: false,
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
    assert!(
        raw.starts_with(&format!("{{\"version\":{CURRENT_VERSION}")),
        "stored: {raw}"
    );
    let loaded = storage::load(&LocalStorageBackend, 1);
    assert_eq!(loaded.progress, p);
    assert!(loaded.notices.is_empty() && loaded.can_save);
}

#[wasm_bindgen_test]
fn the_quiz_in_progress_is_saved_and_removed_under_its_own_key() {
    use pharmquiz::domain::quiz::QuizItem;
    use pharmquiz::domain::session::InProgress;
    local().clear().unwrap();
    let item = QuizItem {
        bank: "compounding".into(),
        id: "cmp-001".into(),
        order: vec![2, 0, 1],
    };
    let quiz = InProgress::new(attempt("q").spec, vec![item], 10.0);
    storage::save_quiz(&LocalStorageBackend, Some(&quiz)).unwrap();
    assert!(local().get_item("pharmquiz.quiz").unwrap().is_some());
    assert!(local().get_item("pharmquiz.progress").unwrap().is_none());
    assert_eq!(storage::load(&LocalStorageBackend, 1).quiz, Some(quiz));
    storage::save_quiz(&LocalStorageBackend, None).unwrap();
    assert_eq!(local().get_item("pharmquiz.quiz").unwrap(), None);
    assert_eq!(storage::load(&LocalStorageBackend, 2).quiz, None);
}

#[wasm_bindgen_test]
fn corrupt_value_is_kept_under_a_backup_key() {
    local().clear().unwrap();
    local()
        .set_item("pharmquiz.progress", "{\"version\":3,\"attempts\":[")
        .unwrap();
    let loaded = storage::load(&LocalStorageBackend, 1234);
    // Named by the data's CRC-32, so loading again keeps one copy.
    let key = match &loaded.notices[..] {
        [Notice::Recovered { backup_key, .. }] => backup_key.clone(),
        other => panic!("expected a recovery notice, got {other:?}"),
    };
    let crc = crc32fast::hash(b"{\"version\":3,\"attempts\":[");
    assert_eq!(key, format!("pharmquiz.backup.{crc}"));
    assert_eq!(loaded.progress, Progress::default());
    assert_eq!(
        local().get_item(&key).unwrap().as_deref(),
        Some("{\"version\":3,\"attempts\":[")
    );
    storage::load(&LocalStorageBackend, 5678);
    let copies = (0..local().length().unwrap())
        .filter_map(|i| local().key(i).unwrap())
        .filter(|k| k.starts_with("pharmquiz.backup."))
        .count();
    assert_eq!(copies, 1, "a second load keeps the same single copy");
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
    while LocalStorageBackend
        .set(&format!("filler.{filled}"), &chunk)
        .is_ok()
    {
        filled += 1;
        assert!(filled < 200, "storage never filled up");
    }
    // A save that needs more room fails with `Full`, leaving the old document.
    // More than the free space left (under one filler chunk).
    let one = serde_json::to_string(&attempt("more-00000")).unwrap().len();
    for i in 0..(1_100_000 / one + 1) {
        p.attempts.push(attempt(&format!("more-{i:05}")));
    }
    assert_eq!(
        storage::save(&LocalStorageBackend, &p),
        Err(StorageError::Full)
    );
    assert_eq!(local().get_item("pharmquiz.progress").unwrap(), before);
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn export_file_is_json_the_browser_reads_with_version_and_checksum() {
    let mut p = Progress::default();
    p.attempts.push(attempt("exported"));
    let text = pharmquiz::domain::backup::export(&p, &[], 1234.0);
    let parsed = js_sys::JSON::parse(&text).unwrap();
    let get = |o: &wasm_bindgen::JsValue, k: &str| js_sys::Reflect::get(o, &k.into()).unwrap();
    assert_eq!(
        get(&parsed, "format").as_string().as_deref(),
        Some("pharmquiz-backup")
    );
    assert_eq!(
        get(&parsed, "version").as_f64(),
        Some(CURRENT_VERSION as f64)
    );
    let sum = get(&parsed, "checksum").as_string().unwrap();
    assert_eq!(sum.len(), 8);
    let data = get(&parsed, "data");
    let attempts = js_sys::Array::from(&get(&data, "attempts"));
    assert_eq!(attempts.length(), 1);
    assert!(
        get(&data, "in_progress").is_undefined(),
        "the quiz in progress is not exported"
    );
}

#[wasm_bindgen_test]
async fn corrupt_backup_file_read_through_the_file_api_is_refused() {
    use pharmquiz::domain::backup::{export, import, BackupError};
    let mut p = Progress::default();
    p.attempts.push(attempt("x"));
    let text = export(&p, &[], 1.0);
    let make_file = |content: &str| {
        let parts = js_sys::Array::of1(&content.into());
        web_sys::File::new_with_str_sequence(&parts, "backup.json").unwrap()
    };
    let good = pharmquiz::browser::read_text(&make_file(&text))
        .await
        .unwrap();
    assert_eq!(
        import(&good, js_sys::Date::now())
            .unwrap()
            .progress
            .attempts
            .len(),
        1
    );
    let truncated = pharmquiz::browser::read_text(&make_file(&text[..text.len() - 10]))
        .await
        .unwrap();
    assert!(matches!(
        import(&truncated, js_sys::Date::now()),
        Err(BackupError::NotJson(_))
    ));
    let edited_text = text.replace("\"p\":true", "\"p\":false");
    assert_ne!(edited_text, text, "the edit must change the file");
    let edited = pharmquiz::browser::read_text(&make_file(&edited_text))
        .await
        .unwrap();
    assert_eq!(
        import(&edited, js_sys::Date::now()),
        Err(BackupError::Checksum)
    );
}
