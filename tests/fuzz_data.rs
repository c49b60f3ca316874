//! Fuzzing of every path by which data enters the app: share links and
//! files (quizzes and results), backup import (banks included), and stored
//! state at load (`schema::load`, `storage::load` over a memory backend,
//! added banks checked at load). Inputs are random bytes, real links,
//! backups and stored values with bytes flipped, cut, inserted or removed
//! (also behind a recomputed checksum, to reach the parsers), and well-formed
//! JSON with extreme numbers.
//!
//! Properties: nothing panics; a value is either read, with every number
//! within `limits`, or refused with a message; a stored value that can't be
//! read is set aside unchanged, never lost.
//!
//! 48 cases per property by default (a few seconds); run longer with
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz_data`.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use proptest::prelude::*;
use serde_json::{json, Value};

use pharmquiz::domain::backup::{self, BackupError};
use pharmquiz::domain::clock::ExtraTime;
use pharmquiz::domain::custom::{self, StoredBank};
use pharmquiz::domain::grade::{Response, Tally};
use pharmquiz::domain::limits::{Limits, MAX_QUESTIONS};
use pharmquiz::domain::manifest::Manifest;
use pharmquiz::domain::quiz::{Mode, QuizSpec, SharedMeta};
use pharmquiz::domain::roster::SharedResult;
use pharmquiz::domain::schema::stored::{Attempt, Outcome};
use pharmquiz::domain::schema::{self, Progress};
use pharmquiz::domain::share::{self, Selection, SharedQuiz};
use pharmquiz::domain::storage::{self, Backend, Key, MemoryBackend, Notice};

/// When the fuzzed links and backups are opened: 2027-01-15.
const NOW: f64 = 1.8e12;

fn config() -> ProptestConfig {
    let mut c = ProptestConfig::default();
    if std::env::var("PROPTEST_CASES").is_err() {
        c.cases = 48;
    }
    c
}

// ---- Real inputs to start from ------------------------------------------

fn manifest() -> Manifest {
    Manifest::parse(include_str!("../questions/manifest.toml")).expect("the shipped manifest")
}

fn quiz() -> SharedQuiz {
    SharedQuiz {
        title: "Week 1: hazardous drugs".into(),
        trainer: "Dana Whitfield, CPhT".into(),
        instructions: "Take this before Friday.".into(),
        selection: Selection::Picked(vec![
            "hazardous-drugs/hd-001".into(),
            "hazardous-drugs/hd-002".into(),
        ]),
        fixed_order: false,
        mode: Mode::Exam,
        time_limit_secs: Some(1800),
        allow_extra_time: true,
        pass_mark: 80,
        seed: 42,
        bank_versions: [("hazardous-drugs".to_string(), 2)].into(),
        custom_banks: vec![],
    }
}

fn result() -> SharedResult {
    SharedResult {
        quiz: quiz().meta(),
        trainee: "Sam Lee".into(),
        staff_id: "T-104".into(),
        finished_at: 1.79e12,
        duration_secs: 600,
        score: Tally {
            correct: 1,
            total: 2,
        },
        passed: false,
        pass_mark: 80,
        by_tag: [(
            "hd-ppe".to_string(),
            Tally {
                correct: 1,
                total: 2,
            },
        )]
        .into(),
        answers: vec![
            ("hazardous-drugs/hd-001".into(), Some("c2".into()), true),
            ("hazardous-drugs/hd-002".into(), None, false),
        ],
        extra_time: ExtraTime::Double,
        time_ran_out: true,
    }
}

fn attempt(id: &str, at: f64) -> Attempt {
    Attempt {
        id: id.into(),
        finished_at: at,
        spec: QuizSpec {
            banks: vec!["compounding".into()],
            tags: vec![],
            only: vec![],
            count: 2,
            mode: Mode::Exam,
            time_limit_secs: Some(600),
            // Extra time and a time-out, so both are fuzzed.
            extra_time: ExtraTime::Half,
            pass_mark: 70,
            seed: 7,
            review: true,
            fixed_order: false,
            shared: Some(SharedMeta {
                quiz_id: "0badc0de".into(),
                title: "T".into(),
                trainer: "R".into(),
            }),
            profile: None,
        },
        score: Tally {
            correct: 1,
            total: 2,
        },
        passed: false,
        by_tag: [(
            "calc-percent".to_string(),
            Tally {
                correct: 1,
                total: 2,
            },
        )]
        .into(),
        by_bank: [(
            "compounding".to_string(),
            Tally {
                correct: 1,
                total: 2,
            },
        )]
        .into(),
        duration_secs: 95,
        time_ran_out: true,
        outcomes: vec![
            Outcome {
                bank: "compounding".into(),
                id: "cmp-001".into(),
                response: Some(Response::Number("12.5".into())),
                correct: true,
            },
            Outcome {
                bank: "compounding".into(),
                id: "cmp-002".into(),
                response: Some(Response::Choice(vec![1, 3])),
                correct: false,
            },
        ],
    }
}

fn progress() -> Progress {
    let mut p = Progress {
        attempts: vec![attempt("a", 1.7e12), attempt("b", 1.75e12)],
        ..Progress::default()
    };
    p.flags.insert("compounding/cmp-001".into(), (true, 1.7e12));
    p.flags
        .insert("compounding/cmp-002".into(), (false, 1.71e12));
    p.add_results([result()], 1.79e12);
    p
}

/// A small added bank with a calculated question, so the fuzzer reaches the
/// formula checks too.
const SITE_BANK: &str = r#"id = "site-math"
title = "Our calculations"
version = 1

[[questions]]
id = "sm-001"
type = "calculated"
difficulty = "medium"
tags = ["calc-percent"]
stem = "How many grams of drug are in {volume} mL of a {pct}% w/v solution?"
answer = "volume * pct / 100"
round = 2
tolerance = 0.01
unit = "g"
checks = ["answer > 0"]
explanation = "Percent w/v is grams per 100 mL: {volume} x {pct} / 100 = {answer} g."
citation = { source = "Site SOP C-01", section = "Percent strength", edition = "Revision 1, 2026" }
[questions.vars]
volume = { min = 100, max = 500, step = 100 }
pct = { values = [0.5, 1, 2.5] }
"#;

fn banks() -> Vec<StoredBank> {
    vec![StoredBank {
        text: SITE_BANK.into(),
        added_at: 1.7e12,
    }]
}

// ---- Mutations -----------------------------------------------------------

#[derive(Debug, Clone)]
enum Edit {
    Flip(usize, u8),
    Cut(usize),
    Insert(usize, u8),
    Remove(usize),
    Replace(usize, u8),
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    // Bytes a JSON or TOML text is sensitive to, besides any byte.
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"{}[]\",:0123456789-.eE \\\n=#".to_vec()),
    ];
    let edit = prop_oneof![
        (any::<usize>(), 0u8..8).prop_map(|(i, b)| Edit::Flip(i, 1 << b)),
        any::<usize>().prop_map(Edit::Cut),
        (any::<usize>(), byte.clone()).prop_map(|(i, b)| Edit::Insert(i, b)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), byte).prop_map(|(i, b)| Edit::Replace(i, b)),
    ];
    prop::collection::vec(edit, 1..6)
}

fn mutate(input: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut v = input.to_vec();
    for e in edits {
        let n = v.len();
        match *e {
            Edit::Flip(i, bit) if n > 0 => v[i % n] ^= bit,
            Edit::Cut(i) => v.truncate(i % (n + 1)),
            Edit::Insert(i, b) => v.insert(i % (n + 1), b),
            Edit::Remove(i) if n > 0 => {
                v.remove(i % n);
            }
            Edit::Replace(i, b) if n > 0 => v[i % n] = b,
            _ => {}
        }
    }
    v
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A link payload around any bytes, with a correct checksum (what
/// `share::encode_*` writes), so the JSON inside is what gets tested.
fn link_around(json: &[u8]) -> String {
    let packed = miniz_oxide::deflate::compress_to_vec(json, 6);
    let mut raw = crc32fast::hash(&packed).to_be_bytes().to_vec();
    raw.extend_from_slice(&packed);
    format!("1.{}", URL_SAFE_NO_PAD.encode(raw))
}

/// A backup file around any data text, with correct checksums.
fn backup_around(data: &str, banks: Option<&str>) -> String {
    let mut out = format!(
        r#"{{"format":"pharmquiz-backup","version":4,"exported_at":1.0,"checksum":"{}","data":{data}"#,
        backup::checksum(data)
    );
    if let Some(b) = banks {
        out.push_str(&format!(
            r#","banks":{b},"banks_checksum":"{}""#,
            backup::checksum(b)
        ));
    }
    out.push('}');
    out
}

/// Numbers that have broken apps before: type edges, huge floats, the
/// issue's own values, and far past and future dates.
fn extreme() -> impl Strategy<Value = Value> {
    prop_oneof![
        prop::sample::select(vec![
            json!(0),
            json!(1),
            json!(-1),
            json!(100),
            json!(101),
            json!(255),
            json!(256),
            json!(u32::MAX),
            json!(u32::MAX as u64 + 1),
            json!(u64::MAX),
            json!(i64::MIN),
            json!(3e9),
            json!(4e9),
            json!(1e308),
            json!(-1e308),
            json!(f64::MIN_POSITIVE),
            json!(0.5),
            json!(-0.0),
            json!(3.98e12),
            json!(8.64e15),
            json!(1.8e12),
            json!(null),
            json!("7"),
        ]),
        any::<u32>().prop_map(|n| json!(n)),
        any::<i64>().prop_map(|n| json!(n)),
        any::<f64>()
            .prop_filter("JSON has no NaN or infinity", |x| x.is_finite())
            .prop_map(|x| json!(x)),
    ]
}

/// Sets the number at `path` (object keys, or array indices as digits).
fn set(v: &mut Value, path: &[&str], x: Value) {
    let mut at = v;
    for p in path {
        at = match p.parse::<usize>() {
            Ok(i) => &mut at[i],
            Err(_) => &mut at[*p],
        };
    }
    *at = x;
}

// ---- What a read value must satisfy ---------------------------------------

fn result_is_possible(r: &SharedResult) {
    assert!(r.score.correct <= r.score.total, "{r:?}");
    assert!(r.score.total <= MAX_QUESTIONS, "{r:?}");
    assert!(r.score.percent() <= 100, "{r:?}");
    assert!(r.pass_mark <= 100, "{r:?}");
    assert!((0.0..=NOW + 86_400_000.0).contains(&r.finished_at), "{r:?}");
    for t in r.by_tag.values() {
        assert!(t.percent() <= 100, "{r:?}");
    }
    // Time runs out only where there is a limit.
    assert!(
        !(r.time_ran_out && r.extra_time == ExtraTime::NoLimit),
        "{r:?}"
    );
}

fn quiz_is_possible(q: &SharedQuiz) {
    assert!(q.pass_mark <= 100, "{q:?}");
    assert!(q.time_limit_secs.is_none_or(|s| (1..=86_400).contains(&s)));
    let n = match &q.selection {
        Selection::Random { count, .. } => *count,
        Selection::Picked(p) => p.len(),
    };
    assert!(n <= MAX_QUESTIONS as usize);
}

fn message_is_clear(e: &dyn std::fmt::Display) {
    let m = e.to_string();
    assert!(m.len() > 10, "too short an error: {m:?}");
}

/// Whatever loads from storage saves and loads back the same.
fn reloads_the_same(p: &Progress) {
    let again = schema::load(&schema::to_json(p)).expect("a loaded document saves and loads");
    assert_eq!(&again, p);
}

// ---- Properties ----------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn random_text_never_crashes_a_decoder(s in "(?s).{0,400}", bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        for t in [s, text(&bytes), format!("1.{}", URL_SAFE_NO_PAD.encode(&bytes))] {
            if let Ok(q) = share::decode_quiz(&t) { quiz_is_possible(&q) }
            if let Ok(r) = share::decode_result(&t, NOW) { result_is_possible(&r) }
            let _ = share::read_quiz_file(&t);
            let _ = share::read_result_file(&t, NOW);
            let _ = backup::import(&t, NOW);
            let _ = schema::load(&t);
            let _ = schema::load_quiz(&t);
            let _ = custom::load(&t);
        }
    }

    #[test]
    fn mutated_links_and_files_are_read_or_refused(e in edits()) {
        let links = [share::encode_quiz(&quiz()), share::encode_result(&result())];
        let files = [share::quiz_file(&quiz()), share::result_file(&result())];
        for t in links.iter().chain(files.iter()) {
            let t = text(&mutate(t.as_bytes(), &e));
            match share::decode_quiz(&t) {
                Ok(q) => quiz_is_possible(&q),
                Err(e) => message_is_clear(&e),
            }
            match share::decode_result(&t, NOW) {
                Ok(r) => result_is_possible(&r),
                Err(e) => message_is_clear(&e),
            }
            match share::read_quiz_file(&t) {
                Ok(q) => quiz_is_possible(&q),
                Err(e) => message_is_clear(&e),
            }
            match share::read_result_file(&t, NOW) {
                Ok(r) => result_is_possible(&r),
                Err(e) => message_is_clear(&e),
            }
        }
        // Behind a valid checksum: the JSON itself is damaged.
        for json in [serde_json::to_vec(&quiz()).unwrap(), serde_json::to_vec(&result()).unwrap()] {
            let link = link_around(&mutate(&json, &e));
            if let Ok(q) = share::decode_quiz(&link) { quiz_is_possible(&q) }
            if let Ok(r) = share::decode_result(&link, NOW) { result_is_possible(&r) }
        }
    }

    #[test]
    fn results_and_quizzes_with_extreme_numbers_are_refused_or_sane(
        xs in prop::collection::vec(extreme(), 8),
        which in prop::collection::vec(any::<bool>(), 8),
    ) {
        let mut r = serde_json::to_value(result()).unwrap();
        let places: [&[&str]; 8] = [
            &["finished_at"], &["duration_secs"], &["score", "0"], &["score", "1"],
            &["pass_mark"], &["by_tag", "hd-ppe", "0"], &["by_tag", "hd-ppe", "1"], &["finished_at"],
        ];
        for ((path, x), on) in places.iter().zip(&xs).zip(&which) {
            if *on { set(&mut r, path, x.clone()) }
        }
        let json = serde_json::to_vec(&r).unwrap();
        match share::decode_result(&link_around(&json), NOW) {
            Ok(read) => result_is_possible(&read),
            Err(e) => message_is_clear(&e),
        }
        let mut q = serde_json::to_value(quiz()).unwrap();
        set(&mut q, &["pass_mark"], xs[0].clone());
        set(&mut q, &["time_limit_secs"], xs[1].clone());
        match share::decode_quiz(&link_around(&serde_json::to_vec(&q).unwrap())) {
            Ok(read) => quiz_is_possible(&read),
            Err(e) => message_is_clear(&e),
        }
        // A typed result with out-of-range numbers, as a file.
        let mut typed = result();
        typed.score = Tally { correct: xs[2].as_u64().unwrap_or(0) as u32, total: xs[3].as_u64().unwrap_or(0) as u32 };
        typed.finished_at = xs[4].as_f64().unwrap_or(0.0);
        match share::read_result_file(&share::result_file(&typed), NOW) {
            Ok(read) => result_is_possible(&read),
            Err(e) => message_is_clear(&e),
        }
    }

    #[test]
    fn mutated_backups_are_imported_whole_or_refused(e in edits()) {
        let file = backup::export(&progress(), &banks(), 1.8e12);
        check_backup(&text(&mutate(file.as_bytes(), &e)));
        // Behind valid checksums: damaged data, damaged banks.
        let data = schema::to_json(&progress());
        let bank_list = serde_json::to_string(&banks()).unwrap();
        check_backup(&backup_around(&text(&mutate(data.as_bytes(), &e)), Some(&bank_list)));
        let damaged_banks = serde_json::to_string(&vec![StoredBank {
            text: text(&mutate(SITE_BANK.as_bytes(), &e)),
            added_at: 1.7e12,
        }]).unwrap();
        check_backup(&backup_around(&data, Some(&damaged_banks)));
    }

    #[test]
    fn backups_with_extreme_numbers_are_refused_or_sane(
        xs in prop::collection::vec(extreme(), 10),
        which in prop::collection::vec(any::<bool>(), 10),
    ) {
        let mut d: Value = serde_json::from_str(&schema::to_json(&progress())).unwrap();
        let places: [&[&str]; 10] = [
            &["attempts", "0", "t"], &["attempts", "0", "sc", "0"], &["attempts", "0", "sc", "1"],
            &["attempts", "0", "d"], &["attempts", "0", "s", "pass_mark"], &["attempts", "1", "bb", "compounding", "0"],
            &["flags", "compounding/cmp-001", "1"], &["cleared_at"], &["roster", "0", "finished_at"],
            &["roster", "0", "score", "0"],
        ];
        for ((path, x), on) in places.iter().zip(&xs).zip(&which) {
            if *on { set(&mut d, path, x.clone()) }
        }
        let data = serde_json::to_string(&d).unwrap();
        check_backup(&backup_around(&data, None));
        check_stored(Some(&data), None, None);
    }

    #[test]
    fn mutated_stored_state_loads_or_is_set_aside(e in edits(), which in 0usize..3) {
        let doc = schema::to_json(&progress());
        let banks = custom::to_json(&banks());
        let mutated = |s: &str| text(&mutate(s.as_bytes(), &e));
        match which {
            0 => check_stored(Some(&mutated(&doc)), Some(&banks), None),
            1 => check_stored(Some(&doc), Some(&mutated(&banks)), None),
            _ => {
                // The bank text inside a readable list: checked at load.
                let list = custom::to_json(&[StoredBank { text: mutated(SITE_BANK), added_at: 1.0 }]);
                check_stored(Some(&doc), Some(&list), Some(&mutated(r#"{"spec":{"banks":["b"],"count":1,"mode":"exam","pass_mark":70,"seed":1},"items":[{"bank":"b","id":"q","order":[0,1]}],"responses":[null],"checked":[false],"current":0,"started_at":1.0,"elapsed_ms":0,"time_limit_secs":null,"paused":false}"#)))
            }
        }
    }
}

/// A backup is imported whole, every number sane, or refused with a
/// message; its banks are each added after the upload checks or named.
fn check_backup(file: &str) {
    match backup::import(file, NOW) {
        Err(e) => {
            message_is_clear(&e);
            assert!(!matches!(e, BackupError::TooLarge(_)));
        }
        Ok(b) => {
            assert_eq!(b.progress.check(&Limits::backup(NOW)), Ok(()));
            for a in &b.progress.attempts {
                assert!(a.score.percent() <= 100);
            }
            let mut here = Vec::new();
            let restored = custom::restore(&mut here, b.banks, &manifest(), NOW);
            assert_eq!(here.len(), restored.added.len());
            for (name, why) in &restored.refused {
                assert!(!name.is_empty() && why.len() > 10, "{name}: {why}");
            }
        }
    }
}

/// `storage::load` over stored values: each is read, or copied unchanged to
/// its backup key and reported; the added banks are then checked as the app
/// does, a failing one named.
fn check_stored(doc: Option<&str>, banks: Option<&str>, quiz: Option<&str>) {
    let backend = MemoryBackend::default();
    let put = |k: Key, v: Option<&str>| {
        if let Some(v) = v {
            backend.set(&k.name(), v).unwrap();
        }
    };
    put(Key::Progress, doc);
    put(Key::CustomBanks, banks);
    put(Key::Quiz, quiz);
    let loaded = storage::load(&backend, 77);
    assert!(loaded.can_save);
    // What is under the key each notice says the data was kept under.
    let kept = |which: fn(&Notice) -> Option<&String>| {
        let key = loaded
            .notices
            .iter()
            .find_map(which)
            .expect("a notice names the key");
        backend.get(key).unwrap()
    };
    if let Some(raw) = doc {
        match schema::load_with_quiz(raw) {
            Ok((p, _)) => {
                assert_eq!(loaded.progress, p);
                reloads_the_same(&p);
            }
            Err(_) => {
                assert_eq!(
                    kept(|n| match n {
                        Notice::Recovered { backup_key, .. } => Some(backup_key),
                        _ => None,
                    })
                    .as_deref(),
                    Some(raw),
                    "set aside unchanged"
                );
                assert_eq!(loaded.progress, Progress::default());
                assert!(!loaded.notices.is_empty());
            }
        }
    }
    if let Some(raw) = banks {
        match custom::load(raw) {
            Ok(list) => assert_eq!(loaded.custom, list),
            Err(_) => assert_eq!(
                kept(|n| match n {
                    Notice::BanksRecovered { backup_key, .. } => Some(backup_key),
                    _ => None,
                })
                .as_deref(),
                Some(raw)
            ),
        }
    }
    if let Some(raw) = quiz {
        if schema::load_quiz(raw).is_err() {
            assert_eq!(
                kept(|n| match n {
                    Notice::QuizRecovered { backup_key, .. } => Some(backup_key),
                    _ => None,
                })
                .as_deref(),
                Some(raw)
            );
            assert_eq!(loaded.quiz, None);
        }
    }
    let m = manifest();
    let checked = custom::check_stored(&loaded.custom, &m);
    assert_eq!(
        checked.len(),
        loaded.custom.len(),
        "no stored bank is dropped"
    );
    for (entry, bank) in &checked {
        if let Err(why) = bank {
            assert!(why.starts_with("This bank has an error and can't be used"));
        }
        if m.bank(&entry.id).is_some() {
            assert!(
                !custom::listed(entry, &m),
                "{} shadows a built-in bank",
                entry.id
            );
        }
    }
}

// ---- Crashes and wrong displays found, kept as named regressions ------------

#[test]
fn regression_result_link_with_score_4294967295_of_1_is_refused() {
    let mut r = result();
    r.score = Tally {
        correct: u32::MAX,
        total: 1,
    };
    let e = share::decode_result(&share::encode_result(&r), NOW).unwrap_err();
    assert!(e
        .to_string()
        .contains("the result's score is larger than its number of questions"));
}

#[test]
fn regression_stored_document_with_dates_of_1e308_is_set_aside() {
    let mut d: Value = serde_json::from_str(&schema::to_json(&progress())).unwrap();
    set(&mut d, &["attempts", "0", "t"], json!(-1e308));
    let raw = d.to_string();
    let backend = MemoryBackend::default();
    backend.set(&Key::Progress.name(), &raw).unwrap();
    let loaded = storage::load(&backend, 5);
    assert_eq!(loaded.progress, Progress::default());
    let key = match &loaded.notices[..] {
        [Notice::Recovered { backup_key, .. }] => backup_key.clone(),
        other => panic!("unexpected notices {other:?}"),
    };
    assert_eq!(backend.get(&key).unwrap(), Some(raw));
    let notice = loaded.notices[0].message();
    assert!(
        notice.contains("the date of attempt a is not a real date"),
        "{notice}"
    );
}

#[test]
fn regression_backup_bank_with_a_built_in_id_is_refused_and_the_rest_imported() {
    let hd = SITE_BANK.replace("id = \"site-math\"", "id = \"hazardous-drugs\"");
    let banks = vec![
        StoredBank {
            text: hd,
            added_at: 1.0,
        },
        StoredBank {
            text: SITE_BANK.into(),
            added_at: 1.0,
        },
    ];
    let b = backup::import(&backup::export(&progress(), &banks, NOW), NOW).unwrap();
    assert_eq!(b.progress.attempts.len(), 2);
    let mut here = Vec::new();
    let r = custom::restore(&mut here, b.banks, &manifest(), NOW);
    assert_eq!(r.added, vec!["Our calculations"]);
    assert_eq!(r.refused[0].0, "hazardous-drugs");
    assert_eq!(here.len(), 1);
}

#[test]
fn the_fuzz_inputs_are_valid_to_start_with() {
    assert_eq!(share::decode_quiz(&share::encode_quiz(&quiz())), Ok(quiz()));
    assert_eq!(
        share::decode_result(&share::encode_result(&result()), NOW),
        Ok(result())
    );
    let file = backup::export(&progress(), &banks(), NOW);
    let b = backup::import(&file, NOW).unwrap();
    assert_eq!(b.progress, progress());
    let mut here = Vec::new();
    assert_eq!(
        custom::restore(&mut here, b.banks, &manifest(), NOW).added,
        vec!["Our calculations"]
    );
    let doc = schema::to_json(&progress());
    assert_eq!(
        backup::import(&backup_around(&doc, None), NOW).map(|b| b.progress),
        Ok(progress())
    );
}
