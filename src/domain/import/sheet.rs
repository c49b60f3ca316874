//! CSV from a spreadsheet: one row per question under a header row that
//! names the columns (`CSV_HEADER`; any order, any case; `stem` and
//! `answer` are required). Commas, semicolons (European spreadsheets) or
//! tabs separate the fields, whichever the header uses; quoted fields may
//! hold separators and line breaks. Read with the `csv` crate.

use csv::{ReaderBuilder, StringRecord};

use super::{Draft, Meta, Parsed, ProblemKind};
use crate::domain::bank::{Citation, Kind};

/// The header of the template CSV, which lists every column read.
pub const CSV_HEADER: &str = "id,type,difficulty,topic,stem,a,b,c,d,e,f,answer,tolerance,unit,explanation,source,section,edition";

/// A CSV to start from: the header and one question of each type.
pub const CSV_TEMPLATE: &str = include_str!("template.csv");

/// The columns PharmQuiz reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Id,
    Type,
    Difficulty,
    Topic,
    Stem,
    Option(usize),
    Answer,
    Tolerance,
    Unit,
    Explanation,
    Source,
    Section,
    Edition,
}

fn column(name: &str) -> Option<Col> {
    let n: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-'))
        .collect();
    let n = n.strip_prefix("option").unwrap_or(&n);
    Some(match n {
        "id" => Col::Id,
        "type" => Col::Type,
        "difficulty" => Col::Difficulty,
        "topic" | "tags" | "category" => Col::Topic,
        "stem" | "question" => Col::Stem,
        "answer" | "key" => Col::Answer,
        "tolerance" => Col::Tolerance,
        "unit" => Col::Unit,
        "explanation" | "feedback" => Col::Explanation,
        "source" | "citation" => Col::Source,
        "section" => Col::Section,
        "edition" => Col::Edition,
        s if s.len() == 1 && matches!(s.as_bytes()[0], b'a'..=b'f') => {
            Col::Option((s.as_bytes()[0] - b'a') as usize)
        }
        _ => return None,
    })
}

/// Whether the first line looks like a PharmQuiz CSV header.
pub(super) fn looks_like_csv(text: &str) -> bool {
    let first = text.lines().next().unwrap_or("").to_ascii_lowercase();
    first.contains("stem") && first.contains("answer") && separator(&first) != b' '
}

/// The separator the header line uses most: `,`, `;` or a tab (`,` if
/// none), counted outside quotes.
fn separator(first_line: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for b in first_line.bytes() {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    match counts.iter().enumerate().max_by_key(|(i, c)| (**c, 3 - i)) {
        Some((1, c)) if *c > 0 => b';',
        Some((2, c)) if *c > 0 => b'\t',
        _ => b',',
    }
}

/// Reads a CSV file.
pub(super) fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let sep = separator(text.lines().next().unwrap_or(""));
    let mut reader = ReaderBuilder::new()
        .delimiter(sep)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            out.problem(1, ProblemKind::Csv(e.to_string()));
            return out;
        }
        None => {
            out.problem(1, ProblemKind::MissingColumn("stem"));
            return out;
        }
    };
    let mut cols = Vec::with_capacity(header.len());
    for name in header.iter() {
        let col = column(name);
        if col.is_none() && !name.trim().is_empty() {
            out.problem(1, ProblemKind::UnknownColumn(name.trim().into()));
        }
        cols.push(col);
    }
    for required in [(Col::Stem, "stem"), (Col::Answer, "answer")] {
        if !cols.contains(&Some(required.0)) {
            out.problem(1, ProblemKind::MissingColumn(required.1));
            return out;
        }
    }
    for record in records {
        match record {
            Ok(r) => row(&r, &cols, &mut out),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line() as usize);
                out.problem(line, ProblemKind::Csv(e.to_string()));
                return out;
            }
        }
    }
    out
}

/// One row's fields by column.
#[derive(Default)]
struct Row {
    id: String,
    kind: String,
    difficulty: String,
    topic: String,
    stem: String,
    options: [String; 6],
    answer: String,
    tolerance: String,
    unit: String,
    explanation: String,
    source: String,
    section: String,
    edition: String,
}

fn row(record: &StringRecord, cols: &[Option<Col>], out: &mut Parsed) {
    let line = record.position().map_or(1, |p| p.line() as usize);
    if record.iter().all(|f| f.trim().is_empty()) {
        return;
    }
    let mut r = Row::default();
    for (field, col) in record.iter().zip(cols) {
        let value = field.trim().to_string();
        let slot = match col {
            Some(Col::Id) => &mut r.id,
            Some(Col::Type) => &mut r.kind,
            Some(Col::Difficulty) => &mut r.difficulty,
            Some(Col::Topic) => &mut r.topic,
            Some(Col::Stem) => &mut r.stem,
            Some(Col::Option(i)) => &mut r.options[*i],
            Some(Col::Answer) => &mut r.answer,
            Some(Col::Tolerance) => &mut r.tolerance,
            Some(Col::Unit) => &mut r.unit,
            Some(Col::Explanation) => &mut r.explanation,
            Some(Col::Source) => &mut r.source,
            Some(Col::Section) => &mut r.section,
            Some(Col::Edition) => &mut r.edition,
            None => continue,
        };
        *slot = value;
    }
    let options: Vec<String> = r
        .options
        .iter()
        .filter(|o| !o.is_empty())
        .cloned()
        .collect();
    let kind_name = match r
        .kind
        .to_ascii_lowercase()
        .replace([' ', '-', '/'], "_")
        .as_str()
    {
        "" => guess_type(&options, &r.answer),
        "single" | "multiple_choice" => "single",
        "multiple" | "multiple_response" => "multiple",
        "true_false" | "truefalse" | "tf" => "true_false",
        "numeric" | "number" => "numeric",
        _ => {
            out.count("unreadable");
            out.problem(line, ProblemKind::UnknownType(r.kind.clone()));
            return;
        }
    };
    out.count(match kind_name {
        "single" => "multiple choice",
        "multiple" => "multiple response",
        "true_false" => "true/false",
        _ => "numeric",
    });
    let Some(kind) = kind_of(kind_name, options, &r, line, out) else {
        return;
    };
    let complete = [&r.source, &r.section, &r.edition]
        .iter()
        .all(|f| !f.is_empty());
    let not_given = |s: &str| {
        if s.is_empty() {
            "not given".to_string()
        } else {
            s.to_string()
        }
    };
    let citation = (!r.source.is_empty()).then(|| Citation {
        source: r.source.clone(),
        section: not_given(&r.section),
        edition: not_given(&r.edition),
    });
    out.drafts.push(Draft {
        line,
        title: (!r.id.is_empty()).then(|| r.id.clone()),
        kind,
        stem: r.stem,
        explanation: r.explanation,
        category: (!r.topic.is_empty()).then_some(r.topic),
        meta: Meta {
            difficulty: (!r.difficulty.is_empty()).then(|| r.difficulty.to_ascii_lowercase()),
            unit: Some(r.unit),
            uncited: citation.is_some() && !complete,
            citation,
            ..Meta::default()
        },
        option_feedback: Default::default(),
    });
}

/// The type of a row that does not say: options make it a choice
/// question (several letters: multiple response), else true/false or
/// numeric by its answer.
fn guess_type(options: &[String], answer: &str) -> &'static str {
    if !options.is_empty() {
        return if letters(answer).len() > 1 {
            "multiple"
        } else {
            "single"
        };
    }
    match boolean(answer) {
        Some(_) => "true_false",
        None => "numeric",
    }
}

/// `A;C`, `A, C`, `A C` or `AC` → ["A", "C"].
fn letters(answer: &str) -> Vec<char> {
    answer
        .chars()
        .filter(|c| !matches!(c, ';' | ',' | ' ' | '|' | '&' | '+'))
        .collect()
}

fn boolean(s: &str) -> Option<bool> {
    match s.trim().to_ascii_lowercase().as_str() {
        "true" | "t" | "yes" | "wahr" | "vrai" => Some(true),
        "false" | "f" | "no" | "falsch" | "faux" => Some(false),
        _ => None,
    }
}

/// A number as a spreadsheet writes it: `2.5`, or `2,5` with a decimal comma.
fn number(s: &str) -> Option<f64> {
    let s = s.trim();
    let s = if s.contains(',') && !s.contains('.') {
        s.replace(',', ".")
    } else {
        s.to_string()
    };
    s.parse::<f64>().ok().filter(|x| x.is_finite())
}

fn kind_of(
    name: &str,
    options: Vec<String>,
    r: &Row,
    line: usize,
    out: &mut Parsed,
) -> Option<Kind> {
    let bad = |out: &mut Parsed| {
        out.problem(line, ProblemKind::BadAnswer(r.answer.clone()));
        None
    };
    let index = |c: char| {
        let i = (c.to_ascii_uppercase() as u32).wrapping_sub('A' as u32) as usize;
        (c.is_ascii_alphabetic() && i < options.len()).then_some(i)
    };
    match name {
        "single" | "multiple" => {
            let keys: Option<Vec<usize>> = letters(&r.answer).into_iter().map(index).collect();
            match (name, keys.as_deref()) {
                ("single", Some(&[correct])) => Some(Kind::Single { options, correct }),
                ("multiple", Some(ks)) if !ks.is_empty() => {
                    let mut correct = ks.to_vec();
                    correct.sort_unstable();
                    correct.dedup();
                    Some(Kind::Multiple { options, correct })
                }
                _ => bad(out),
            }
        }
        "true_false" => match boolean(&r.answer) {
            Some(answer) => Some(Kind::TrueFalse { answer }),
            None => bad(out),
        },
        _ => {
            let Some(answer) = number(&r.answer) else {
                return bad(out);
            };
            let tolerance = if r.tolerance.is_empty() {
                0.0
            } else {
                match number(&r.tolerance) {
                    Some(t) => t,
                    None => {
                        out.problem(
                            line,
                            ProblemKind::NotANumber {
                                field: "tolerance",
                                value: r.tolerance.clone(),
                            },
                        );
                        return None;
                    }
                }
            };
            Some(Kind::Numeric {
                answer,
                tolerance,
                unit: r.unit.clone(),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{import, lines_and_kinds, ProblemKind};
    use super::*;
    use crate::domain::manifest::Manifest;

    fn manifest() -> Manifest {
        Manifest::parse(include_str!("../../../questions/manifest.toml")).unwrap_or_default()
    }

    #[test]
    fn the_template_imports_cleanly_with_one_question_per_type() {
        assert!(CSV_TEMPLATE.starts_with(CSV_HEADER));
        let i = import("template.csv", CSV_TEMPLATE, &manifest()).unwrap();
        assert!(i.problems.is_empty(), "{:?}", i.problems);
        assert!(i.uncited.is_empty());
        let bank = i.bank.unwrap();
        let types: Vec<&str> = bank.questions.iter().map(|q| q.kind.type_name()).collect();
        assert_eq!(types, vec!["single", "multiple", "true_false", "numeric"]);
        assert_eq!(bank.questions[1].id, "mine-002");
        assert_eq!(
            bank.questions[1].kind,
            Kind::Multiple {
                options: bank.questions[1].kind.options(),
                correct: vec![1, 3]
            }
        );
        assert_eq!(
            bank.questions[3].kind,
            Kind::Numeric {
                answer: 5.0,
                tolerance: 0.0,
                unit: "g".into()
            }
        );
        // The stem's quoted "…" survive the CSV quoting.
        assert!(bank.questions[0]
            .stem
            .contains("\"Store at controlled room temperature.\""));
        assert_eq!(bank.topics.len(), 4);
    }

    #[test]
    fn quoted_fields_embedded_newlines_and_a_bom() {
        let text = "\u{feff}stem,a,b,c,answer,explanation\n\"Which, of these?\",\"x, y\",z,w,A,\"Line one\nline two\"\nNext?,p,q,r,C,ok\n";
        let p = parse(text.trim_start_matches('\u{feff}'));
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(p.drafts[0].stem, "Which, of these?");
        assert_eq!(p.drafts[0].kind.options()[0], "x, y");
        assert_eq!(p.drafts[0].explanation, "Line one\nline two");
        // The second record starts on line 4: the first spans lines 2–3.
        assert_eq!(p.drafts[1].line, 4);
        let i = import("q.csv", text, &Manifest::default()).unwrap();
        assert_eq!(i.count(), 2);
    }

    #[test]
    fn semicolons_and_decimal_commas_from_european_spreadsheets() {
        let text =
            "Stem;Answer;Tolerance;Unit;Type\nHow many mL?;2,5;0,1;mL;numeric\nTrue?;wahr;;;\n";
        let p = parse(text);
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        assert_eq!(
            p.drafts[0].kind,
            Kind::Numeric {
                answer: 2.5,
                tolerance: 0.1,
                unit: "mL".into()
            }
        );
        assert_eq!(p.drafts[1].kind, Kind::TrueFalse { answer: true });
        assert_eq!(separator("a\tb\tc"), b'\t');
        assert_eq!(separator("\"a;b\",c"), b',');
    }

    #[test]
    fn bad_rows_and_headers_name_their_lines() {
        let p = parse("question,answer\n");
        assert!(p.problems.is_empty() && p.drafts.is_empty());
        let p = parse("stem,key_letter\nx,A\n");
        assert_eq!(
            p.problems
                .iter()
                .map(|p| p.kind.clone())
                .collect::<Vec<_>>(),
            vec![
                ProblemKind::UnknownColumn("key_letter".into()),
                ProblemKind::MissingColumn("answer")
            ]
        );
        let text = "stem,a,b,c,answer,type,tolerance\nok?,x,y,z,B,,\nbad letter?,x,y,z,G,,\nhow many?,,,,lots,numeric,\ntol?,,,,5,numeric,abc\nwhat?,,,,1,essay,\n\n";
        let p = parse(text);
        let got = lines_and_kinds(&p.problems);
        assert_eq!(
            got,
            vec![
                (3, ProblemKind::BadAnswer("G".into())),
                (4, ProblemKind::BadAnswer("lots".into())),
                (
                    5,
                    ProblemKind::NotANumber {
                        field: "tolerance",
                        value: "abc".into()
                    }
                ),
                (6, ProblemKind::UnknownType("essay".into())),
            ]
        );
        assert_eq!(p.drafts.len(), 1);
    }

    #[test]
    fn a_partial_citation_is_kept_and_marked() {
        let text = "stem,a,b,c,answer,explanation,source\nQ?,x,y,z,A,Because.,Our SOP 4\n";
        let i = import("q.csv", text, &Manifest::default()).unwrap();
        let q = &i.bank.unwrap().questions[0];
        assert!(q.uncited);
        assert_eq!(q.citation.source, "Our SOP 4");
        assert_eq!(q.citation.section, "not given");
        assert_eq!(i.uncited[0].missing, "citation");
    }
}
