//! `bench`: storage size and dashboard speed with many attempts.
//!
//!     cargo run --release --bin bench [-- --write <file>]
//!
//! Prints bytes per attempt, the stored size of 1,000 and 10,000 attempts of
//! 20 questions (the latter compacted), how long loading the document and
//! computing the dashboard take natively, and how long the answer-cue lint
//! takes on the built-in banks and on a worst-case upload. `--write` saves
//! the 10,000-attempt document for the browser measurement in scripts/bench.

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::main();
}

/// One function per measurement; `main` runs them in the order they print.
#[cfg(not(target_arch = "wasm32"))]
mod native {
    use pharmquiz::domain::bank::{parse_bank, Bank, Depth, Kind, Question};
    use pharmquiz::domain::calendar::Day;
    use pharmquiz::domain::check::check_path;
    use pharmquiz::domain::compiled::{bank_json, read_bank};
    use pharmquiz::domain::dashboard::{missed, Dashboard};
    use pharmquiz::domain::grade::{Response, Tally};
    use pharmquiz::domain::lint::lint;
    use pharmquiz::domain::manifest::Manifest;
    use pharmquiz::domain::quiz::{build, Mode, QRef, QuizSpec, SharedMeta};
    use pharmquiz::domain::rng::Rng;
    use pharmquiz::domain::roster::SharedResult;
    use pharmquiz::domain::schema::merge::{compact, merge};
    use pharmquiz::domain::schema::stored::{Attempt, Outcome};
    use pharmquiz::domain::schema::{self, Progress};
    use pharmquiz::domain::session::InProgress;
    use pharmquiz::domain::share::{encode_quiz, Selection, SharedQuiz};
    use pharmquiz::domain::storage::{save_merged, save_quiz, MemoryBackend, Saver};
    use std::collections::BTreeMap;
    use std::time::Instant;

    /// When the first generated attempt finished (ms); one an hour after it.
    const START_MS: f64 = 1.75e12;

    pub fn main() {
        let write = std::env::args().skip_while(|a| a != "--write").nth(1);
        let (_, banks) = check_path(std::path::Path::new("questions"));
        if banks.is_empty() {
            eprintln!("bench: run from the project folder (no banks found in questions/)");
            std::process::exit(2);
        }
        let refs: Vec<&Bank> = banks.iter().collect();
        reading_banks(&banks);
        linting(&banks);

        // One generator for all 10,000 attempts, so the figures stay comparable.
        let mut rng = Rng::new(42);
        let mut p = Progress::default();
        for i in 0..1000 {
            p.attempts.push(attempt(&refs, i, &mut rng));
        }
        size_of_1k(&p);
        saving(&p, &refs);
        for i in 1000..10_000 {
            p.attempts.push(attempt(&refs, i, &mut rng));
        }
        let json = compaction_of_10k(&mut p);
        loading_and_dashboard(&p, &json, &refs);
        share_link(&banks[1]);
        roster_merge();

        if let Some(path) = write {
            if let Err(e) = std::fs::write(&path, &json) {
                eprintln!("bench: cannot write {path}: {e}");
                std::process::exit(2);
            }
            println!("wrote the 10,000-attempt document to {path}");
        }
    }

    /// Mean milliseconds per run of `f` (given the run's index) over `runs` runs.
    fn mean_ms(runs: u32, mut f: impl FnMut(u32)) -> f64 {
        let t = Instant::now();
        for i in 0..runs {
            f(i);
        }
        t.elapsed().as_secs_f64() * 1000.0 / runs as f64
    }

    /// What the browser does when a bank arrives: parse and quick-check it
    /// (added banks), or read the compiled JSON (built-in banks).
    fn reading_banks(banks: &[Bank]) {
        let read = |f: &str| std::fs::read_to_string(format!("questions/{f}")).unwrap_or_default();
        let Ok(manifest) = Manifest::parse(&read("manifest.toml")) else {
            return;
        };
        let texts: Vec<(String, String)> = manifest
            .banks
            .iter()
            .map(|b| (b.file.clone(), read(&b.file)))
            .collect();
        let runs = 10;
        let ms = mean_ms(runs, |_| {
            for (file, text) in &texts {
                std::hint::black_box(parse_bank(file, text, None, &manifest, Depth::Quick).is_ok());
            }
        });
        let toml_ms = mean_ms(runs, |_| {
            for (_, text) in &texts {
                std::hint::black_box(toml::from_str::<toml::Value>(text).is_ok());
            }
        });
        let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
        println!("native, parsing and checking the {} banks ({bytes} bytes of TOML), as an added bank is read: {ms:.1} ms (TOML syntax alone: {toml_ms:.1} ms)", texts.len());
        // Built-in banks reach the browser compiled (see domain::compiled).
        let json: Vec<(String, String)> =
            banks.iter().map(|b| (b.id.clone(), bank_json(b))).collect();
        let json_ms = mean_ms(runs, |_| {
            for (id, text) in &json {
                std::hint::black_box(read_bank(text, id).is_ok());
            }
        });
        let json_bytes: usize = json.iter().map(|(_, t)| t.len()).sum();
        println!("native, reading the {} built-in banks as the browser does (compiled JSON, {json_bytes} bytes): {json_ms:.1} ms", json.len());
    }

    /// The answer-cue lint on the built-in banks, and on the worst bank an
    /// upload can hold: 1,000 stems of 25 words sharing 15, so every pair
    /// passes the size filter and is compared word by word until the budget
    /// (`lint::COMPARE_BUDGET`) stops it.
    fn linting(banks: &[Bank]) {
        let today = Day::parse("2026-12-01").unwrap_or(Day::LATEST);
        let ms = mean_ms(10, |_| {
            for b in banks {
                std::hint::black_box(lint(b, today).len());
            }
        });
        println!(
            "native, linting the {} built-in banks: {ms:.2} ms",
            banks.len()
        );
        let Some(template) = banks.first().and_then(|b| b.questions.first()) else {
            return;
        };
        let shared: Vec<String> = (0..15).map(|i| format!("common{i}")).collect();
        let questions: Vec<Question> = (0..1000)
            .map(|i| Question {
                id: format!("w{i}"),
                stem: format!(
                    "{} {}",
                    shared.join(" "),
                    (0..10)
                        .map(|k| format!("own{i}x{k}"))
                        .collect::<Vec<_>>()
                        .join(" ")
                ),
                kind: Kind::TrueFalse { answer: i % 2 == 0 },
                ..template.clone()
            })
            .collect();
        let worst = Bank {
            questions,
            ..banks[0].clone()
        };
        let mut found = 0;
        let ms = mean_ms(3, |_| found = lint(&worst, today).len());
        println!("native, linting a worst-case uploaded bank (1,000 similar stems, stopped by the budget): {ms:.1} ms, {found} warning(s)");
    }

    /// The `i`-th generated attempt: 20 random questions of one bank, 70 % right.
    fn attempt(refs: &[&Bank], i: usize, rng: &mut Rng) -> Attempt {
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
        let finished = START_MS + i as f64 * 3_600_000.0;
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
                extra_time: Default::default(),
                pass_mark: 70,
                seed: rng.next_u64() >> 11,
                review: false,
                fixed_order: false,
                shared: None,
                profile: None,
            },
            score: Tally { correct, total: 20 },
            passed: correct >= 14,
            by_tag,
            by_bank: [(bank.id.clone(), Tally { correct, total: 20 })].into(),
            duration_secs: 600,
            time_ran_out: false,
            outcomes,
        }
    }

    fn size_of_1k(p: &Progress) {
        let bytes_1k = schema::to_json(p).len();
        println!(
            "1,000 attempts x 20 questions: {bytes_1k} bytes stored ({} bytes per attempt)",
            bytes_1k / 1000
        );
    }

    /// One save of the history (after a quiz) with 1,000 attempts stored, and
    /// one save of an answer, which writes only the quiz in progress.
    fn saving(p: &Progress, refs: &[&Bank]) {
        let backend = MemoryBackend::default();
        let mut saver = Saver::default();
        saver.save(&backend, p, 0).ok();
        let runs = 20;
        let fast = mean_ms(runs, |i| {
            std::hint::black_box(saver.save(&backend, p, i.into()).ok());
        });
        let merged = mean_ms(runs, |i| {
            std::hint::black_box(save_merged(&backend, p, i.into()).ok());
        });
        println!("native, saving the history with 1,000 attempts (after a quiz is finished): {fast:.1} ms when no other tab wrote, {merged:.1} ms when merging another tab's write");

        let spec = p.attempts[0].spec.clone();
        let items = build(&spec, &refs[..1]).unwrap_or_default();
        let mut quiz = InProgress::new(spec, items, START_MS);
        let answer = mean_ms(1000, |i| {
            quiz.current = i as usize % quiz.items.len().max(1);
            std::hint::black_box(save_quiz(&backend, Some(&quiz)).ok());
        });
        println!(
            "native, saving an answer during a {}-question quiz: {answer:.3} ms ({} bytes written)",
            quiz.items.len(),
            schema::quiz_to_json(&quiz).len()
        );
    }

    /// Compacts the 10,000-attempt history; returns its stored JSON.
    fn compaction_of_10k(p: &mut Progress) -> String {
        let bytes_10k_full = schema::to_json(p).len();
        compact(p);
        let json = schema::to_json(p);
        println!(
            "10,000 attempts: {bytes_10k_full} bytes with full detail, {} bytes after compaction ({} attempts keep detail, {} questions in statistics)",
            json.len(),
            p.attempts.iter().filter(|a| !a.outcomes.is_empty()).count(),
            p.stats.len()
        );
        json
    }

    fn loading_and_dashboard(p: &Progress, json: &str, refs: &[&Bank]) {
        let runs = 20;
        let load_ms = mean_ms(runs, |_| {
            std::hint::black_box(schema::load(json).ok());
        });
        let dash_ms = mean_ms(runs, |_| {
            std::hint::black_box(Dashboard::compute(p, refs, START_MS + 4.0e10, 0.0));
            std::hint::black_box(missed(p, None));
        });
        println!("native, mean of {runs} runs: load {load_ms:.1} ms, dashboard + missed list {dash_ms:.1} ms");
    }

    /// Share-link size for a 20-question hand-picked quiz from a real bank.
    fn share_link(bank: &Bank) {
        let picked: Vec<String> = bank
            .questions
            .iter()
            .take(20)
            .map(|q| QRef::new(&bank.id, &q.id).to_string())
            .collect();
        let quiz = SharedQuiz {
            title: "Hazardous drugs: week 1 check".into(),
            trainer: "Dana Whitfield, CPhT".into(),
            instructions: "Closed book. Finish by Friday.".into(),
            selection: Selection::Picked(picked),
            fixed_order: false,
            mode: Mode::Exam,
            time_limit_secs: Some(1800),
            allow_extra_time: false,
            pass_mark: 80,
            seed: 4_503_599_627_370_495,
            bank_versions: [(bank.id.clone(), bank.version)].into(),
            custom_banks: vec![],
        };
        println!(
            "share link payload for a 20-question quiz: {} characters",
            encode_quiz(&quiz).len()
        );
    }

    /// A trainer's roster of 1,000 results, merged with another tab's copy
    /// (as on every save after the other tab wrote).
    fn roster_merge() {
        let result = |i: usize| SharedResult {
            quiz: SharedMeta {
                quiz_id: format!("{:08x}", i / 50),
                title: "Week check".into(),
                trainer: "Dana Whitfield".into(),
            },
            trainee: format!("Trainee {i}"),
            staff_id: String::new(),
            finished_at: START_MS + i as f64 * 60_000.0,
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
                        QRef::new("hazardous-drugs", &format!("hd-{k:03}")).to_string(),
                        Some("0".to_string()),
                        k % 4 != 0,
                    )
                })
                .collect(),
            extra_time: Default::default(),
            time_ran_out: false,
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
}
