//! `bench`: storage size and dashboard speed with many attempts.
//!
//!     cargo run --release --bin bench [-- --write <file>]
//!
//! Prints bytes per attempt, the stored size of 1,000 and 10,000 attempts of
//! 20 questions (the latter compacted), and how long loading the document and
//! computing the dashboard take natively. `--write` saves the 10,000-attempt
//! document for the browser measurement in scripts/bench.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    use pharmquiz::domain::bank::Bank;
    use pharmquiz::domain::check::check_path;
    use pharmquiz::domain::dashboard::{missed, Dashboard};
    use pharmquiz::domain::grade::{Response, Tally};
    use pharmquiz::domain::quiz::{Mode, QRef, QuizSpec};
    use pharmquiz::domain::rng::Rng;
    use pharmquiz::domain::schema::merge::{compact, merge};
    use pharmquiz::domain::schema::stored::{Attempt, Outcome};
    use pharmquiz::domain::schema::{self, Progress};
    use std::collections::BTreeMap;
    use std::time::Instant;

    let write = std::env::args().skip_while(|a| a != "--write").nth(1);
    let (_, banks) = check_path(std::path::Path::new("questions"));
    if banks.is_empty() {
        eprintln!("bench: run from the project folder (no banks found in questions/)");
        std::process::exit(2);
    }
    let refs: Vec<&Bank> = banks.iter().collect();

    // What the browser does when a bank arrives: parse and quick-check it.
    {
        use pharmquiz::domain::bank::{parse_bank, Depth};
        use pharmquiz::domain::manifest::Manifest;
        let read = |f: &str| std::fs::read_to_string(format!("questions/{f}")).unwrap_or_default();
        if let Ok(manifest) = Manifest::parse(&read("manifest.toml")) {
            let texts: Vec<(String, String)> = manifest
                .banks
                .iter()
                .map(|b| (b.file.clone(), read(&b.file)))
                .collect();
            let runs = 10;
            let t = Instant::now();
            for _ in 0..runs {
                for (file, text) in &texts {
                    std::hint::black_box(
                        parse_bank(file, text, None, &manifest, Depth::Quick).is_ok(),
                    );
                }
            }
            let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            let t = Instant::now();
            for _ in 0..runs {
                for (_, text) in &texts {
                    std::hint::black_box(toml::from_str::<toml::Value>(text).is_ok());
                }
            }
            let toml_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
            println!("native, parsing and checking the {} banks ({bytes} bytes of TOML), as an added bank is read: {ms:.1} ms (TOML syntax alone: {toml_ms:.1} ms)", texts.len());
            // Built-in banks reach the browser compiled (see domain::compiled).
            use pharmquiz::domain::compiled::{bank_json, read_bank};
            let json: Vec<(String, String)> =
                banks.iter().map(|b| (b.id.clone(), bank_json(b))).collect();
            let t = Instant::now();
            for _ in 0..runs {
                for (id, text) in &json {
                    std::hint::black_box(read_bank(text, id).is_ok());
                }
            }
            let json_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
            let json_bytes: usize = json.iter().map(|(_, t)| t.len()).sum();
            println!("native, reading the {} built-in banks as the browser does (compiled JSON, {json_bytes} bytes): {json_ms:.1} ms", json.len());
        }
    }
    let mut rng = Rng::new(42);
    let start_ms = 1.75e12;
    let make = |i: usize, rng: &mut Rng| -> Attempt {
        let bank = refs[i % refs.len()];
        let mut by_tag: BTreeMap<String, Tally> = BTreeMap::new();
        let outcomes: Vec<Outcome> = (0..20)
            .map(|_| {
                let q = &bank.questions[rng.below(bank.questions.len())];
                let correct = rng.below(10) < 7;
                for t in &q.tags {
                    by_tag.entry(t.clone()).or_default().add(Tally {
                        correct: correct as u32,
                        total: 1,
                    });
                }
                let response = match q.kind.option_count() {
                    0 => Response::Number(format!("{}.{}", rng.below(500), rng.below(10))),
                    n => Response::Choice(vec![rng.below(n)]),
                };
                Outcome {
                    bank: bank.id.clone(),
                    id: q.id.clone(),
                    response: Some(response),
                    correct,
                }
            })
            .collect();
        let correct = outcomes.iter().filter(|o| o.correct).count() as u32;
        let finished = start_ms + i as f64 * 3_600_000.0;
        Attempt {
            id: format!("{:x}-{:x}", finished as u64, rng.next_u64() & 0xffff_ffff),
            finished_at: finished,
            spec: QuizSpec {
                banks: vec![bank.id.clone()],
                tags: vec![],
                only: vec![],
                count: 20,
                mode: if i.is_multiple_of(2) {
                    Mode::Practice
                } else {
                    Mode::Exam
                },
                time_limit_secs: (i % 2 == 1).then_some(1800),
                pass_mark: 70,
                seed: rng.next_u64() >> 11,
                review: false,
                fixed_order: false,
                shared: None,
            },
            score: Tally { correct, total: 20 },
            passed: correct >= 14,
            by_tag,
            by_bank: [(bank.id.clone(), Tally { correct, total: 20 })].into(),
            duration_secs: 600,
            outcomes,
        }
    };

    let mut p = Progress::default();
    for i in 0..1000 {
        p.attempts.push(make(i, &mut rng));
    }
    let bytes_1k = schema::to_json(&p).len();
    println!(
        "1,000 attempts x 20 questions: {bytes_1k} bytes stored ({} bytes per attempt)",
        bytes_1k / 1000
    );

    // One save (as after each answer) with 1,000 attempts stored.
    {
        use pharmquiz::domain::storage::{save_merged, MemoryBackend, Saver};
        let backend = MemoryBackend::default();
        let mut saver = Saver::default();
        saver.save(&backend, &p, 0).ok();
        let runs = 20;
        let t = Instant::now();
        for i in 0..runs {
            std::hint::black_box(saver.save(&backend, &p, i).ok());
        }
        let fast = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        let t = Instant::now();
        for i in 0..runs {
            std::hint::black_box(save_merged(&backend, &p, i).ok());
        }
        let merged = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!("native, saving the history with 1,000 attempts (after a quiz is finished): {fast:.1} ms when no other tab wrote, {merged:.1} ms when merging another tab's write");

        // Saving an answer writes only the quiz in progress, whatever the history's size.
        let spec = p.attempts[0].spec.clone();
        let items = pharmquiz::domain::quiz::build(&spec, &refs[..1]).unwrap_or_default();
        let mut quiz = pharmquiz::domain::session::InProgress::new(spec, items, start_ms);
        let runs = 1000;
        let t = Instant::now();
        for i in 0..runs {
            quiz.current = i % quiz.items.len().max(1);
            std::hint::black_box(pharmquiz::domain::storage::save_quiz(&backend, Some(&quiz)).ok());
        }
        let answer = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "native, saving an answer during a {}-question quiz: {answer:.3} ms ({} bytes written)",
            quiz.items.len(),
            schema::quiz_to_json(&quiz).len()
        );
    }

    for i in 1000..10_000 {
        p.attempts.push(make(i, &mut rng));
    }
    let bytes_10k_full = schema::to_json(&p).len();
    compact(&mut p);
    let json = schema::to_json(&p);
    println!(
        "10,000 attempts: {bytes_10k_full} bytes with full detail, {} bytes after compaction ({} attempts keep detail, {} questions in statistics)",
        json.len(),
        p.attempts.iter().filter(|a| !a.outcomes.is_empty()).count(),
        p.stats.len()
    );

    let runs = 20;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(schema::load(&json).ok());
    }
    let load_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    let t = Instant::now();
    for _ in 0..runs {
        std::hint::black_box(Dashboard::compute(&p, &refs, start_ms + 4.0e10, 0.0));
        std::hint::black_box(missed(&p, None));
    }
    let dash_ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
    println!("native, mean of {runs} runs: load {load_ms:.1} ms, dashboard + missed list {dash_ms:.1} ms");

    // Share-link size for a 20-question hand-picked quiz from the real banks.
    let picked: Vec<String> = banks[1]
        .questions
        .iter()
        .take(20)
        .map(|q| QRef::new(&banks[1].id, &q.id).to_string())
        .collect();
    let quiz = pharmquiz::domain::share::SharedQuiz {
        title: "Hazardous drugs: week 1 check".into(),
        trainer: "Dana Whitfield, CPhT".into(),
        instructions: "Closed book. Finish by Friday.".into(),
        selection: pharmquiz::domain::share::Selection::Picked(picked),
        fixed_order: false,
        mode: Mode::Exam,
        time_limit_secs: Some(1800),
        pass_mark: 80,
        seed: 4_503_599_627_370_495,
        bank_versions: [(banks[1].id.clone(), banks[1].version)].into(),
        custom_banks: vec![],
    };
    println!(
        "share link payload for a 20-question quiz: {} characters",
        pharmquiz::domain::share::encode_quiz(&quiz).len()
    );

    // A trainer's roster of 1,000 results, merged with another tab's copy
    // (as on every save after the other tab wrote).
    {
        use pharmquiz::domain::quiz::SharedMeta;
        use pharmquiz::domain::roster::SharedResult;
        let result = |i: usize| SharedResult {
            quiz: SharedMeta {
                quiz_id: format!("{:08x}", i / 50),
                title: "Week check".into(),
                trainer: "Dana Whitfield".into(),
            },
            trainee: format!("Trainee {i}"),
            staff_id: String::new(),
            finished_at: start_ms + i as f64 * 60_000.0,
            duration_secs: 600,
            score: Tally {
                correct: 15,
                total: 20,
            },
            passed: true,
            pass_mark: 70,
            by_tag: BTreeMap::new(),
            answers: (0..20)
                .map(|k| {
                    (
                        format!("hazardous-drugs/hd-{k:03}"),
                        Some("0".to_string()),
                        k % 4 != 0,
                    )
                })
                .collect(),
        };
        let mine = Progress {
            roster: (0..1000).map(result).collect(),
            ..Progress::default()
        };
        let mut theirs = mine.clone();
        theirs.roster.push(result(1000));
        let t = Instant::now();
        let merged = merge(&mine, &theirs);
        println!(
            "native, merging two copies of a 1,000-result roster: {:.1} ms ({} results after)",
            t.elapsed().as_secs_f64() * 1000.0,
            merged.roster.len()
        );
    }

    if let Some(path) = write {
        if let Err(e) = std::fs::write(&path, &json) {
            eprintln!("bench: cannot write {path}: {e}");
            std::process::exit(2);
        }
        println!("wrote the 10,000-attempt document to {path}");
    }
}
