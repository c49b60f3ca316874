//! Export → import gives the same questions, for every built-in bank: to
//! TOML (everything, calculated templates included) and to GIFT (ids,
//! types, keys, tolerances, units, explanations, citations, difficulty and
//! topics through `// pharmquiz:` comments; a calculated question comes
//! back as the numeric question drawn with `export::EXPORT_SEED`).
#![cfg(not(target_arch = "wasm32"))]

use std::path::Path;

use pharmquiz::domain::bank::{parse_bank, Depth, Kind, Question};
use pharmquiz::domain::check::check_path;
use pharmquiz::domain::export::{bank_gift, bank_toml, calculated_count, EXPORT_SEED};
use pharmquiz::domain::import::{import, Format, ProblemKind};
use pharmquiz::domain::manifest::Manifest;

fn manifest() -> Manifest {
    Manifest::parse(&std::fs::read_to_string("questions/manifest.toml").unwrap()).unwrap()
}

/// A question with its line number cleared: the files differ in layout.
fn unlined(q: &Question) -> Question {
    Question {
        line: 0,
        ..q.clone()
    }
}

#[test]
fn every_built_in_bank_round_trips_through_toml() {
    let (report, banks) = check_path(Path::new("questions"));
    assert!(report.errors.is_empty(), "{}", report.to_text());
    assert_eq!(banks.len(), 3);
    for bank in &banks {
        let text = bank_toml(bank);
        let back = parse_bank(
            "export.toml",
            &text,
            Some(&bank.id),
            &manifest(),
            Depth::Full,
        )
        .unwrap_or_else(|es| panic!("{}: {es:?}", bank.id));
        assert_eq!(
            back.questions.iter().map(unlined).collect::<Vec<_>>(),
            bank.questions.iter().map(unlined).collect::<Vec<_>>(),
            "{}",
            bank.id
        );
        assert_eq!(
            (&back.id, &back.title, &back.topics, back.version),
            (&bank.id, &bank.title, &bank.topics, bank.version)
        );
    }
}

#[test]
fn every_built_in_bank_round_trips_through_gift() {
    let (_, banks) = check_path(Path::new("questions"));
    let mut calculated = 0;
    for bank in &banks {
        let gift = bank_gift(bank);
        let file = format!("{}.gift", bank.id);
        let imported = import(&file, &gift, &manifest()).unwrap();
        assert_eq!(imported.format, Format::Gift);
        // A built-in id is taken, so the copy gets another; nothing else.
        assert_eq!(
            imported.problems.len(),
            1,
            "{}: {:?}",
            bank.id,
            imported.problems
        );
        assert!(matches!(
            imported.problems[0].kind,
            ProblemKind::BankRenamed(..)
        ));
        assert!(imported.uncited.is_empty());
        let back = imported.bank.expect("a bank");
        assert_eq!(back.id, format!("{}-imported", bank.id));
        assert_eq!(back.title, bank.title);
        assert_eq!(back.questions.len(), bank.questions.len());
        for (original, again) in bank.questions.iter().zip(&back.questions) {
            let expected = match original.kind {
                Kind::Calculated { .. } => {
                    calculated += 1;
                    original.instantiate(&bank.id, EXPORT_SEED)
                }
                _ => original.clone(),
            };
            assert_eq!(
                unlined(again),
                unlined(&expected),
                "{}/{}",
                bank.id,
                original.id
            );
        }
        // The file and the page say calculated questions were drawn once.
        if calculated_count(bank) > 0 {
            assert!(gift.contains("calculated question(s) are exported as numeric questions"));
        }
    }
    assert!(
        calculated > 0,
        "the built-in banks have calculated questions"
    );
}

#[test]
fn an_added_bank_with_own_topics_round_trips_through_gift_with_its_id() {
    let text = include_str!("../src/domain/example-bank.toml");
    let bank = parse_bank("mine.toml", text, None, &manifest(), Depth::Full).unwrap();
    let imported = import("mine.gift", &bank_gift(&bank), &manifest()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let back = imported.bank.unwrap();
    assert_eq!((&back.id, back.version), (&bank.id, bank.version));
    assert_eq!(back.topics, bank.topics);
    assert_eq!(
        back.questions.iter().map(unlined).collect::<Vec<_>>(),
        bank.questions.iter().map(unlined).collect::<Vec<_>>()
    );
    // And the stored TOML of the import reads back to the same bank.
    let again = parse_bank("again.toml", &imported.toml, None, &manifest(), Depth::Full).unwrap();
    assert_eq!(again.questions.len(), bank.questions.len());
}

/// A fresh folder under the system's temp folder for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("pharmquiz-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn bank_check_reads_gift_aiken_and_csv_with_lines_and_json_of_the_same_shape() {
    let dir = temp_dir("check-import");
    let gift = "::a::Fine? {T####Because.}\n\n::b::Essay. {}\n\n::c::Broken {\n=x\n\n::d::Pick. {=one ~two ~three}\n";
    std::fs::write(dir.join("law.gift"), gift).unwrap();
    std::fs::write(dir.join("forms.txt"), "Q?\nA. a\nB. b\nC. c\nANSWER: B\n").unwrap();
    let (report, banks) = check_path(&dir.join("law.gift"));
    assert_eq!(banks.len(), 1);
    assert_eq!(
        report.banks[0].questions, 2,
        "the essay is skipped, not counted"
    );
    assert_eq!(report.banks[0].by_type.get("single"), Some(&1));
    assert_eq!(report.banks[0].by_type.get("true_false"), Some(&1));
    let errors: Vec<(Option<usize>, &str)> = report
        .errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(
        errors,
        vec![(Some(5), "the `{` that opens the answers is not closed by a `}` before the blank line that ends the question")]
    );
    let warnings: Vec<(Option<usize>, &str)> = report
        .warnings
        .iter()
        .map(|w| (w.line, w.kind.as_str()))
        .collect();
    assert_eq!(
        warnings,
        vec![
            (Some(3), "skipped"),
            (Some(1), "uncited"),
            (Some(8), "uncited")
        ]
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["banks"][0]["questions"], 2);
    assert_eq!(json["banks"][0]["by_type"]["single"], 1);
    assert_eq!(json["errors"][0]["line"], 5);
    assert_eq!(json["warnings"][0]["kind"], "skipped");
    // A `.txt` without GIFT syntax is Aiken.
    let (report, _) = check_path(&dir.join("forms.txt"));
    assert!(report.errors.is_empty(), "{}", report.to_text());
    assert_eq!(report.banks[0].by_type.get("single"), Some(&1));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bank_check_still_refuses_uncited_questions_in_built_in_banks() {
    let dir = temp_dir("check-uncited");
    std::fs::copy("questions/manifest.toml", dir.join("manifest.toml")).unwrap();
    for file in ["compounding.toml", "hazardous-drugs.toml"] {
        std::fs::copy(format!("questions/{file}"), dir.join(file)).unwrap();
    }
    let inventory = std::fs::read_to_string("questions/inventory.toml").unwrap();
    let marked = inventory.replacen("type = \"single\"", "type = \"single\"\nuncited = true", 1);
    std::fs::write(dir.join("inventory.toml"), marked).unwrap();
    let (report, _) = check_path(&dir);
    assert_eq!(report.errors.len(), 1, "{}", report.to_text());
    assert!(report.errors[0]
        .message
        .starts_with("`uncited` is only for banks imported in the browser"));
    let _ = std::fs::remove_dir_all(&dir);
}

/// Short-answer (with partial credit), matching and per-option feedback,
/// with GIFT's special characters in every part, survive both exports.
#[test]
fn new_question_types_and_option_feedback_round_trip_through_toml_and_gift() {
    let text = r#"
id = "kinds"
title = "Kinds"
version = 2

[[questions]]
id = "sa"
type = "short_answer"
difficulty = "easy"
tags = ["sc-environment"]
stem = "Which ISO class {exactly} is the air in a PEC?"
answer = ["ISO Class 5", { text = "Class 5 = ISO#5", credit = 50 }]
explanation = "PECs give ISO Class 5 air: first air ~ unidirectional."
citation = { source = "USP <797>", section = "4.1", edition = "2023" }

[[questions]]
id = "m"
type = "matching"
difficulty = "medium"
tags = ["sc-environment"]
stem = "Match each area to its class."
pairs = [["PEC", "ISO Class 5"], ["Buffer room: positive", "ISO Class 7"], ["Ante-room {opens to buffer}", "ISO Class 8"]]
explanation = "See the chapter's table."
citation = { source = "USP <797>", section = "4.1", edition = "2023" }

[[questions]]
id = "s"
type = "single"
difficulty = "easy"
tags = ["sc-environment"]
stem = "Which class applies inside a PEC?"
options = ["ISO Class 5", "ISO Class 7", "ISO Class 8"]
answer = "A"
option_feedback = { B = "Class 7 is the buffer room ~ not the PEC.", C = "Class 8 = the ante-room #1." }
explanation = "PECs give ISO Class 5 air."
citation = { source = "USP <797>", section = "4.1", edition = "2023" }
"#;
    let bank = parse_bank("kinds.toml", text, None, &manifest(), Depth::Full).unwrap();
    assert_eq!(
        bank.questions
            .iter()
            .map(|q| q.kind.type_name())
            .collect::<Vec<_>>(),
        ["short_answer", "matching", "single"]
    );
    let via_toml = parse_bank(
        "again.toml",
        &bank_toml(&bank),
        None,
        &manifest(),
        Depth::Full,
    )
    .unwrap();
    let imported = import("kinds.gift", &bank_gift(&bank), &manifest()).unwrap();
    assert!(imported.problems.is_empty(), "{:?}", imported.problems);
    let via_gift = imported.bank.unwrap();
    for back in [via_toml, via_gift] {
        assert_eq!(
            back.questions.iter().map(unlined).collect::<Vec<_>>(),
            bank.questions.iter().map(unlined).collect::<Vec<_>>()
        );
    }
}
