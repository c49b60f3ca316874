//! Built-in banks, compiled at build time. The build (`prerender`) checks
//! each TOML bank once and writes it as JSON, with the question counts in
//! the bank list, so the browser reads banks without the TOML parser or the
//! checks, and the home page can show counts without downloading any bank.

use thiserror::Error;

use super::bank::Bank;
use super::manifest::Manifest;

#[derive(Debug, Error, PartialEq)]
pub enum CompiledError {
    #[error("the list of question banks is damaged ({0})")]
    Manifest(String),
    #[error("the bank file is damaged ({0})")]
    Bank(String),
    #[error("the file holds bank `{found}`, not `{expected}`")]
    WrongBank { expected: String, found: String },
}

/// The file name a compiled bank is written to.
pub fn bank_file(id: &str) -> String {
    format!("{id}.json")
}

/// The bank list the app reads: each entry points at its compiled file and
/// says how many questions its bank has.
pub fn compile_manifest(source: &Manifest, banks: &[Bank]) -> Manifest {
    let mut m = source.clone();
    for entry in &mut m.banks {
        entry.file = bank_file(&entry.id);
        entry.questions = banks
            .iter()
            .find(|b| b.id == entry.id)
            .map_or(0, |b| b.questions.len());
    }
    m
}

pub fn manifest_json(m: &Manifest) -> String {
    serde_json::to_string(m).unwrap_or_default()
}

pub fn bank_json(b: &Bank) -> String {
    serde_json::to_string(b).unwrap_or_default()
}

/// JSON made safe to put inside `<script type="application/json">`: `<`
/// only occurs inside strings, where `\u003c` means the same.
pub fn json_for_html(json: &str) -> String {
    json.replace('<', "\\u003c")
}

pub fn read_manifest(text: &str) -> Result<Manifest, CompiledError> {
    serde_json::from_str(text).map_err(|e| CompiledError::Manifest(e.to_string()))
}

pub fn read_bank(text: &str, expected_id: &str) -> Result<Bank, CompiledError> {
    let bank: Bank = serde_json::from_str(text).map_err(|e| CompiledError::Bank(e.to_string()))?;
    if bank.id != expected_id {
        return Err(CompiledError::WrongBank {
            expected: expected_id.into(),
            found: bank.id,
        });
    }
    Ok(bank)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{parse_bank, Depth};

    fn sources() -> (Manifest, Vec<Bank>) {
        let m = Manifest::parse(include_str!("../../questions/manifest.toml")).unwrap();
        let banks = m
            .banks
            .iter()
            .map(|e| {
                let text = std::fs::read_to_string(format!("questions/{}", e.file)).unwrap();
                parse_bank(&e.file, &text, Some(&e.id), &m, Depth::Quick).unwrap()
            })
            .collect();
        (m, banks)
    }

    #[test]
    fn every_built_in_bank_round_trips_exactly() {
        let (m, banks) = sources();
        for b in &banks {
            let back = read_bank(&bank_json(b), &b.id).unwrap();
            assert_eq!(&back, b, "bank {}", b.id);
        }
        let compiled = compile_manifest(&m, &banks);
        let back = read_manifest(&manifest_json(&compiled)).unwrap();
        assert_eq!(back, compiled);
        for (e, b) in back.banks.iter().zip(&banks) {
            assert_eq!(e.questions, b.questions.len());
            assert_eq!(e.file, format!("{}.json", b.id));
            assert!(e.questions > 0);
        }
    }

    #[test]
    fn exclusions_and_dates_survive_compiling() {
        let (m, banks) = sources();
        let hd = banks.iter().find(|b| b.id == "hazardous-drugs").unwrap();
        let back = read_bank(&bank_json(hd), &hd.id).unwrap();
        assert_eq!(back.question("hd-059").unwrap().excludes, vec!["hd-060"]);
        assert_eq!(
            back.question("hd-120").unwrap().excludes,
            vec!["hd-053", "hd-054"]
        );
        // A question without them writes neither field.
        assert!(!bank_json(hd).contains("\"excludes\":[]"));
        let text = r#"id = "b"
title = "B"
[[questions]]
id = "q"
as_of = 2026-03-01
valid_until = "2026-11-27"
type = "true_false"
difficulty = "easy"
tags = ["inv-dscsa"]
stem = "S?"
answer = true
explanation = "E."
citation = { source = "s", section = "1", edition = "1" }
"#;
        let bank = parse_bank("b.toml", text, Some("b"), &m, Depth::Full).unwrap();
        let json = bank_json(&bank);
        assert!(json.contains("\"as_of\":\"2026-03-01\""), "{json}");
        let back = read_bank(&json, "b").unwrap();
        assert_eq!(back, bank);
        assert_eq!(
            back.questions[0].as_of_note().as_deref(),
            Some("As of 1 March 2026")
        );
        // A damaged date in a compiled bank is refused, not shown wrong.
        let bad = json.replace("2026-03-01", "2026-02-30");
        assert!(matches!(read_bank(&bad, "b"), Err(CompiledError::Bank(_))));
    }

    #[test]
    fn calculated_questions_draw_the_same_after_compiling() {
        let (_, banks) = sources();
        let b = banks.iter().find(|b| b.id == "compounding").unwrap();
        let back = read_bank(&bank_json(b), &b.id).unwrap();
        for (q, r) in b.questions.iter().zip(&back.questions) {
            assert_eq!(q.instantiate(&b.id, 7), r.instantiate(&b.id, 7), "{}", q.id);
        }
    }

    #[test]
    fn a_formula_at_every_limit_survives_the_json_nesting_limit() {
        use crate::domain::expr::{MAX_NESTING, MAX_OPERATIONS};
        // serde_json refuses JSON nested over 128 deep; a call is three
        // levels, an operator two. The deepest tree the parser allows:
        // calls nested to the limit around a chain using the other operations.
        let chain = vec!["x"; MAX_OPERATIONS - MAX_NESTING + 1].join(" - ");
        let formula = format!(
            "{}{chain}{}",
            "abs(".repeat(MAX_NESTING),
            ")".repeat(MAX_NESTING)
        );
        let m = Manifest::parse("[[topics]]\nid='t'\nlabel='T'\n").unwrap();
        let text = format!(
            r#"id = "b"
title = "B"
[[questions]]
id = "c"
type = "calculated"
difficulty = "easy"
tags = ["t"]
stem = "{{x}}?"
answer = "{formula}"
tolerance = 0
unit = "g"
explanation = "e"
citation = {{ source = "s", section = "1", edition = "1" }}
steps = ["y = {formula}"]
vars = {{ x = {{ values = [1] }} }}
"#
        );
        let bank = parse_bank("b.toml", &text, Some("b"), &m, Depth::Full).unwrap();
        assert_eq!(read_bank(&bank_json(&bank), "b").unwrap(), bank);
    }

    #[test]
    fn damaged_or_wrong_files_say_so() {
        assert!(matches!(read_bank("{", "x"), Err(CompiledError::Bank(_))));
        assert!(matches!(
            read_manifest("nope"),
            Err(CompiledError::Manifest(_))
        ));
        let (_, banks) = sources();
        let json = bank_json(&banks[0]);
        assert!(matches!(
            read_bank(&json, "other"),
            Err(CompiledError::WrongBank { .. })
        ));
    }

    #[test]
    fn json_for_html_cannot_close_the_script() {
        let s = json_for_html(r#"{"a":"</script><!--"}"#);
        assert!(!s.contains('<'));
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["a"], "</script><!--");
    }
}
