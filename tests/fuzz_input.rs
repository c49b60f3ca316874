//! Fuzzing by property tests: generated and mutated input for everything a
//! bank file reaches (the bank parser and validator, the formula parser and
//! evaluator, calculated templates and their rendering). Properties: no
//! panic (an error is fine), and the work each case can do is bounded by the
//! input limits, asserted as sizes and costs rather than wall time.
//!
//! A few hundred cases run with `cargo test`; run longer with
//! `PROPTEST_CASES=100000 cargo test --release --test fuzz_input`. A crash
//! found here becomes a named regression test beside the code it fixes
//! (e.g. `expr::tests::formulas_past_the_limits_are_refused_before_they_recurse`).
#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeMap;

use pharmquiz::domain::bank::{parse_bank, Bank, Depth, Kind, BANK_WALK_BUDGET};
use pharmquiz::domain::calc::{
    format_fixed, format_trim, Template, VarSpec, MAX_CHECKS, MAX_STEPS, MAX_VARS, WALK_BUDGET,
    WALK_LIMIT,
};
use pharmquiz::domain::calendar::Day;
use pharmquiz::domain::custom::{parse_custom, EXAMPLE_BANK};
use pharmquiz::domain::export::{bank_gift, toml_number as toml_num};
use pharmquiz::domain::expr::{Expr, MAX_FORMULA_CHARS, MAX_OPERATIONS};
use pharmquiz::domain::import::{import, CSV_TEMPLATE};
use pharmquiz::domain::lint::{lint, MAX_PAIRS};
use pharmquiz::domain::manifest::Manifest;
use pharmquiz::domain::quiz::{assemble, QuizSpec};
use proptest::prelude::*;
use proptest::test_runner::Config;

/// `PROPTEST_CASES` when set, else a count that keeps this file quick in CI.
fn config(default: u32) -> Config {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default);
    Config {
        cases,
        // A failing case is shrunk and printed; no files are written.
        failure_persistence: None,
        ..Config::default()
    }
}

fn manifest() -> Manifest {
    Manifest::parse(include_str!("../questions/manifest.toml")).unwrap_or_default()
}

/// The shipped banks and the example bank: the seeds the mutations start from.
fn seeds() -> Vec<&'static str> {
    vec![
        include_str!("../questions/compounding.toml"),
        include_str!("../questions/hazardous-drugs.toml"),
        include_str!("../questions/inventory.toml"),
        EXAMPLE_BANK,
    ]
}

/// Fragments a hostile or careless author might type, spliced into banks.
const SNIPPETS: &[&str] = &[
    "{x:65536}",
    "{answer:4294967296}",
    "{volume:99999999999999999999}",
    "{",
    "}",
    "((((((((((((((((((((((((",
    "----------------------------------------",
    "^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2^2",
    "+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1+1",
    "round = 4294967295\n",
    "round = 11\n",
    "min = 0, max = 1e308, step = 1e-308",
    "step = 0",
    "values = []",
    "nan",
    "inf",
    "-inf",
    "1e309",
    "\"",
    "\"\"\"",
    "'''",
    "[",
    "]",
    "[[questions]]\n",
    "\n[questions.vars]\nx = { min = 1, max = 5, step = 1 }\n",
    "type = \"calculated\"\n",
    "answer = \"x / 0\"\n",
    "checks = [\"answer > 0\", \"x ^ 400 > 1\"]\n",
    "steps = [\"y = x\", \"y = y\", \"answer = 1\", \"=\", \"a == b\"]\n",
    "=",
    "#",
    "\\u0000",
    "\u{0}",
    "é",
    "\u{1F48A}",
    "\r\n",
    "\t",
    "excludes = [\"hd-001\", \"hd-002\", \"hd-001\"]\n",
    "as_of = 2026-11-27\n",
    "valid_until = \"1969-12-31\"\n",
    "as_of = 2026-11-27T25:61:00\n",
    "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    "{a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a={a=",
];

/// One edit: where (a fraction of the text), what, and how much.
#[derive(Debug, Clone)]
enum Edit {
    Insert(f64, String),
    Delete(f64, usize),
    Duplicate(f64, usize),
    Replace(f64, usize, String),
}

fn snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(SNIPPETS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => (prop::sample::select(SNIPPETS), 1usize..200).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    edit_with(snippet)
}

/// Inserts, deletes, duplicates and replaces, with text from `snippet`.
fn edit_with<S: Strategy<Value = String> + 'static>(
    snippet: fn() -> S,
) -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0.0..1.0, snippet()).prop_map(|(at, s)| Edit::Insert(at, s)),
        (0.0..1.0, 1usize..400).prop_map(|(at, n)| Edit::Delete(at, n)),
        (0.0..1.0, 1usize..2000).prop_map(|(at, n)| Edit::Duplicate(at, n)),
        (0.0..1.0, 1usize..20, snippet()).prop_map(|(at, n, s)| Edit::Replace(at, n, s)),
    ]
}

/// The char boundary at or before `at` (a fraction of the text).
fn boundary(text: &str, at: f64) -> usize {
    let mut i = ((text.len() as f64) * at) as usize;
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn span(text: &str, at: f64, n: usize) -> (usize, usize) {
    let i = boundary(text, at);
    let mut j = (i + n).min(text.len());
    while !text.is_char_boundary(j) {
        j -= 1;
    }
    (i, j)
}

fn apply(text: &str, edits: &[Edit]) -> String {
    let mut t = text.to_string();
    for e in edits {
        match e {
            Edit::Insert(at, s) => {
                let i = boundary(&t, *at);
                t.insert_str(i, s);
            }
            Edit::Delete(at, n) => {
                let (i, j) = span(&t, *at, *n);
                t.replace_range(i..j, "");
            }
            Edit::Duplicate(at, n) => {
                let (i, j) = span(&t, *at, *n);
                let part = t[i..j].to_string();
                t.insert_str(j, &part);
            }
            Edit::Replace(at, n, s) => {
                let (i, j) = span(&t, *at, *n);
                t.replace_range(i..j, s);
            }
        }
    }
    t
}

/// Formula-ish text: tokens a formula uses, junk, and long runs of one
/// operator (the shapes that overflowed the stack before the limits).
fn formula() -> impl Strategy<Value = String> {
    let token = prop::sample::select(vec![
        "x",
        "y",
        "z",
        "answer",
        "1",
        "0",
        "2.5",
        ".5",
        "1.2.3",
        "99999999999999999999999",
        "+",
        "-",
        "*",
        "/",
        "^",
        "(",
        ")",
        ",",
        "<",
        "<=",
        ">",
        ">=",
        "==",
        "!=",
        "%",
        "and",
        "or",
        "round(",
        "floor(",
        "ceil(",
        "abs(",
        "sqrt(",
        "min(",
        "max(",
        "foo(",
        " ",
        "$",
        "é",
        "=",
    ]);
    let run = (
        prop::sample::select(vec!["(", "-", "x^", "x+", "abs(", "min(x,", "x*", "-("]),
        1usize..3000,
    )
        .prop_map(|(s, n)| format!("{}x{}", s.repeat(n), ")".repeat(n % 7)));
    prop_oneof![
        4 => valid_formula(&["x", "y", "answer"]),
        2 => prop::collection::vec(token, 0..60).prop_map(|t| t.concat()),
        1 => run,
        1 => "\\PC{0,40}",
    ]
}

/// Formulas the grammar accepts over `names`, so cases get past the parser
/// into evaluation, walking and rendering.
fn valid_formula(names: &[&'static str]) -> impl Strategy<Value = String> {
    let leaf = prop_oneof![
        prop::sample::select(names.to_vec()).prop_map(str::to_string),
        prop::sample::select(vec!["0", "1", "2.5", ".5", "1000000"]).prop_map(str::to_string),
        (0u32..1000).prop_map(|n| n.to_string()),
    ];
    leaf.prop_recursive(8, 64, 4, |inner| {
        let op = prop::sample::select(vec![
            "+", "-", "*", "/", "^", "<", "<=", ">", ">=", "==", "!=", " and ", " or ",
        ]);
        let func = prop::sample::select(vec!["floor", "ceil", "abs", "sqrt", "round"]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("{a} {o} {b}")),
            inner.clone().prop_map(|a| format!("-{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            (func, inner.clone()).prop_map(|(f, a)| format!("{f}({a})")),
            (
                prop::sample::select(vec!["min", "max", "round"]),
                inner.clone(),
                inner
            )
                .prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
        ]
    })
}

fn var_spec() -> impl Strategy<Value = VarSpec> {
    let num = prop_oneof![
        4 => -1000.0..1000.0f64,
        1 => prop::sample::select(vec![0.0, -0.0, 1e-300, 1e300, f64::MAX, f64::MIN_POSITIVE, f64::NAN, f64::INFINITY, f64::NEG_INFINITY]),
    ];
    prop_oneof![
        (num.clone(), num.clone(), num.clone()).prop_map(|(min, max, step)| VarSpec::Range {
            min,
            max,
            step
        }),
        prop::collection::vec(num, 0..6).prop_map(VarSpec::List),
    ]
}

/// Mostly a valid formula over `names`, sometimes anything.
fn part(names: &[&'static str]) -> impl Strategy<Value = String> {
    prop_oneof![4 => valid_formula(names), 1 => formula()]
}

/// The most work one draw can do under the template limits.
fn max_draw_cost() -> usize {
    (MAX_STEPS + MAX_CHECKS + 1) * MAX_FORMULA_CHARS * (MAX_VARS + MAX_STEPS + 1)
}

/// A placeholder-laden text for rendering.
fn text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => prop::sample::select(vec!["{x}", "{y}", "{answer}", "{x:2}", "{ x : 10 }", "mL ", "é"])
            .prop_map(str::to_string),
        1 => prop::sample::select(vec![
            "{x:65536}", "{answer:99999999999999999999}", "{y:-1}", "{x:}", "{:3}", "{", "}",
            "{{x}}", "{zz}",
        ])
        .prop_map(str::to_string),
        1 => "\\PC{0,8}",
    ];
    prop::collection::vec(part, 0..30).prop_map(|p| p.concat())
}

proptest! {
    #![proptest_config(config(256))]

    /// The formula parser and evaluator: never a panic or a stack overflow;
    /// what parses is within the limits, so evaluating it is bounded.
    #[test]
    fn formulas_never_crash_and_stay_within_the_limits(src in formula(), x in any::<f64>()) {
        if let Ok(e) = Expr::parse(&src) {
            prop_assert!(src.chars().count() <= MAX_FORMULA_CHARS);
            // Every node comes from a token of its own.
            prop_assert!(e.cost(1) <= MAX_FORMULA_CHARS);
            prop_assert!(depth(&e) <= MAX_OPERATIONS + 1);
            let _ = e.eval(&|n| match n {
                "x" => Some(x),
                "y" => Some(2.0),
                _ => None,
            });
            let mut names = Vec::new();
            e.names(&mut names);
        }
    }

    /// Calculated templates from random parts: building, drawing, walking a
    /// cheap one and rendering never panic, and a walk's work is bounded.
    #[test]
    fn templates_never_crash_and_their_walks_are_bounded(
        vars in prop::collection::btree_map("[xz]", var_spec(), 0..4),
        steps in prop::collection::vec(
            (prop_oneof![Just("y".to_string()), "[a-z]{1,3}"], part(&["x"])).prop_map(|(n, f)| format!("{n} = {f}")),
            0..4,
        ),
        answer in part(&["x", "y"]),
        round in prop_oneof![4 => 0u32..12, 1 => any::<u32>()],
        checks in prop::collection::vec(part(&["x", "y", "answer"]), 0..3),
        seed in any::<u64>(),
        shown in text(),
    ) {
        let vars: BTreeMap<String, VarSpec> = vars;
        if let Ok(t) = Template::new(vars, &steps, &answer, round, &checks) {
            prop_assert!(t.cost() <= max_draw_cost());
            prop_assert!(t.walk_cost() <= WALK_BUDGET);
            prop_assert!(t.walk_limit() <= WALK_LIMIT);
            // Walking costs a few microseconds a unit in a debug build.
            if t.walk_cost() <= 100_000 {
                let (checked, _) = t.walk();
                prop_assert!(checked <= t.walk_limit());
            }
            let d = t.draw(seed, "b/q");
            let out = d.render(&shown);
            // A number shows in at most 40 characters; `{x}` is three.
            prop_assert!(out.len() <= shown.len() * 14 + 16);
        }
    }

    /// Number formatting for any value and any precision.
    #[test]
    fn numbers_format_for_any_value_and_precision(v in any::<f64>(), d in any::<usize>()) {
        prop_assert!(format_fixed(v, d).len() <= 40);
        prop_assert!(format_trim(v).len() <= 40);
    }
}

proptest! {
    #![proptest_config(config(64))]

    /// The bank parser on mutated shipped banks: an error or a bank, never a
    /// panic. Quick depth, as the browser loads a saved bank.
    #[test]
    fn mutated_banks_never_crash_the_parser(
        seed in prop::sample::select(seeds()),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let text = apply(seed, &edits);
        if let Ok(bank) = parse_bank("b.toml", &text, None, &manifest(), Depth::Quick) {
            lint_is_bounded(&bank)?;
        }
    }

    /// Random TOML-ish text: the parser answers, whatever it is given.
    #[test]
    fn toml_ish_text_never_crashes_the_parser(text in toml_ish()) {
        let _ = parse_bank("b.toml", &text, None, &manifest(), Depth::Quick);
        let _ = parse_custom("b.toml", &text, &manifest(), Depth::Quick);
    }

    /// A calculated question with generated formulas and texts, checked in
    /// full as when a trainer adds it: within the bank's walk budget.
    #[test]
    fn generated_calculated_questions_check_in_bounded_work(
        answer in part(&["x", "y"]),
        step in part(&["x"]),
        check in part(&["x", "y", "answer"]),
        stem in text(),
        round in prop_oneof![4 => 0u32..12, 1 => any::<u32>()],
        spec in var_spec(),
        seed in any::<u64>(),
    ) {
        let var = match spec {
            // Small ranges keep the full walk quick in a debug build.
            VarSpec::Range { min, step, .. } => format!(
                "{{ min = {}, max = {}, step = {} }}",
                toml_num(min),
                toml_num(min + step.abs() * 5.0),
                toml_num(step.abs())
            ),
            VarSpec::List(v) => format!(
                "{{ values = [{}] }}",
                v.iter().map(|x| toml_num(*x)).collect::<Vec<_>>().join(", ")
            ),
        };
        let q = calculated_bank(&answer, &step, &check, &stem, round, &var);
        if let Ok(bank) = parse_bank("b.toml", &q, Some("b"), &manifest(), Depth::Full) {
            let mut work = 0;
            for q in &bank.questions {
                if let Kind::Calculated { template, .. } = &q.kind {
                    work += template.walk_cost();
                }
                let asked = q.instantiate("b", seed);
                prop_assert!(asked.stem.len() <= q.stem.len() * 150 + 16);
            }
            prop_assert!(work <= BANK_WALK_BUDGET);
        }
    }
}

/// The lint on any valid bank: a few warnings per question at most, the
/// near-duplicate pairs capped, whatever day it is.
fn lint_is_bounded(bank: &Bank) -> Result<(), TestCaseError> {
    for today in [
        Day::EARLIEST,
        Day::parse("2026-12-01").unwrap_or(Day::LATEST),
        Day::LATEST,
    ] {
        let warnings = lint(bank, today);
        // Per question: stem words, absolute words, length, as_of, valid_until.
        // Per bank: three rules, the pairs and the note that they were cut.
        prop_assert!(warnings.len() <= 5 * bank.questions.len() + MAX_PAIRS + 4);
        for w in &warnings {
            prop_assert!(!w.to_string().is_empty());
        }
    }
    Ok(())
}

/// Words for generated banks: few, so stems and options collide often.
const WORDS: &[&str] = &[
    "gloves", "glove", "only", "never", "hood", "the", "C-PEC", "wipe", "é", "spill",
];

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..max).prop_map(|w| w.join(" "))
}

/// A generated bank of single-answer and true/false questions with random
/// stems, options, exclusions and dates (as TOML).
fn generated_bank() -> impl Strategy<Value = String> {
    let question = (
        words(12),
        prop::collection::vec(words(6), 3..5),
        0usize..3,
        prop::collection::vec(0usize..150, 0..3),
        prop::option::of(0i64..90_000),
        any::<bool>(),
    );
    prop::collection::vec(question, 1..150).prop_map(|qs| {
        let mut text = String::from("id = \"gen\"\ntitle = \"Generated\"\n");
        let n = qs.len();
        for (i, (stem, options, key, excludes, as_of, tf)) in qs.into_iter().enumerate() {
            let mut opts: Vec<String> = options
                .iter()
                .enumerate()
                .map(|(k, o)| format!("\"{o} {k}\""))
                .collect();
            opts.truncate(4);
            let body = if tf {
                format!("type = \"true_false\"\nanswer = {}\n", key == 0)
            } else {
                format!(
                    "type = \"single\"\noptions = [{}]\nanswer = \"{}\"\n",
                    opts.join(", "),
                    ["A", "B", "C"][key]
                )
            };
            let excl: Vec<String> = excludes
                .iter()
                .map(|e| e % n)
                .filter(|&e| e != i)
                .map(|e| format!("\"g{e}\""))
                .collect();
            let day = as_of
                .map(|d| Day::EARLIEST.plus_days(d).to_string())
                .map_or(String::new(), |d| format!("as_of = {d}\n"));
            text.push_str(&format!(
                "[[questions]]\nid = \"g{i}\"\nexcludes = [{}]\n{day}{body}difficulty = \"easy\"\ntags = [\"inv-storage\"]\nstem = \"{stem} {i}\"\nexplanation = \"E.\"\ncitation = {{ source = \"s\", section = \"1\", edition = \"1\" }}\n",
                excl.join(", ")
            ));
        }
        text
    })
}

proptest! {
    #![proptest_config(config(48))]

    /// Generated banks: the lint stays bounded, and no quiz built from them
    /// holds two questions that exclude each other.
    #[test]
    fn generated_banks_lint_in_bounds_and_quizzes_keep_pairs_apart(
        text in generated_bank(),
        seed in any::<u64>(),
        count in 1usize..200,
    ) {
        let bank = match parse_custom("gen.toml", &text, &manifest(), Depth::Quick) {
            Ok(b) => b,
            Err(e) => return Err(TestCaseError::fail(e.detail())),
        };
        lint_is_bounded(&bank)?;
        // A random practice quiz of `count` from the whole bank.
        let spec = QuizSpec {
            banks: vec!["gen".into()],
            count,
            ..QuizSpec::of_questions(Vec::new(), 70, seed)
        };
        let built = assemble(&spec, &[&bank]).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert!(!built.items.is_empty() && built.items.len() <= count);
        prop_assert_eq!(built.note().is_some(), built.items.len() < count.min(bank.questions.len()));
        let ids: std::collections::HashSet<&str> = built.items.iter().map(|i| i.id.as_str()).collect();
        for q in &bank.questions {
            for x in &q.excludes {
                prop_assert!(!(ids.contains(q.id.as_str()) && ids.contains(x.as_str())), "{} with {}", q.id, x);
            }
        }
    }
}

/// A bank of one calculated question with the parts given (escaped as TOML
/// basic strings, so the formulas reach the validator as written).
fn calculated_bank(
    answer: &str,
    step: &str,
    check: &str,
    stem: &str,
    round: u32,
    var: &str,
) -> String {
    let q = |s: &str| {
        let mut out = String::from("\"");
        for c in s.chars() {
            match c {
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
                c => out.push(c),
            }
        }
        out + "\""
    };
    format!(
        "id = \"b\"\ntitle = \"B\"\n[[questions]]\nid = \"c\"\ntype = \"calculated\"\n\
         difficulty = \"easy\"\ntags = [\"calc-percent\"]\nstem = {}\nanswer = {}\n\
         steps = [{}]\nchecks = [{}]\nround = {round}\ntolerance = 0\nunit = \"g\"\n\
         explanation = \"{{answer}} g\"\n\
         citation = {{ source = \"s\", section = \"1\", edition = \"1\" }}\n\
         [questions.vars]\nx = {var}\n",
        q(stem),
        q(answer),
        q(&format!("y = {step}")),
        q(check),
    )
}

/// Lines of TOML-ish text: keys, tables, values of every shape, junk.
fn toml_ish() -> impl Strategy<Value = String> {
    let key = prop::sample::select(vec![
        "id",
        "title",
        "type",
        "answer",
        "stem",
        "vars",
        "steps",
        "checks",
        "round",
        "x",
        "a.b",
        "\"q\"",
        "questions",
        "topics",
        "tags",
        "",
    ]);
    let leaf = prop_oneof![
        "\"\\PC{0,10}\"",
        "-?[0-9]{1,25}(\\.[0-9]{0,5})?(e[+-]?[0-9]{1,4})?",
        prop::sample::select(vec![
            "true",
            "false",
            "nan",
            "inf",
            "-inf",
            "1979-05-27T07:32:00Z",
            "'''x'''"
        ])
        .prop_map(str::to_string),
    ];
    let value = leaf.prop_recursive(6, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(|v| format!("[{}]", v.join(", "))),
            prop::collection::vec(("[a-z]{1,3}", inner), 0..4).prop_map(|kv| {
                let kv: Vec<String> = kv.iter().map(|(k, v)| format!("{k} = {v}")).collect();
                format!("{{ {} }}", kv.join(", "))
            }),
        ]
    });
    let line = prop_oneof![
        4 => (key.clone(), value).prop_map(|(k, v)| format!("{k} = {v}")),
        1 => key.clone().prop_map(|k| format!("[{k}]")),
        1 => key.prop_map(|k| format!("[[{k}]]")),
        1 => "\\PC{0,20}",
    ];
    prop::collection::vec(line, 0..20).prop_map(|l| l.join("\n"))
}

/// How deep a tree goes (it is shallow by the parser's limits, so plain
/// recursion is safe here).
fn depth(e: &Expr) -> usize {
    match e {
        Expr::Num(_) | Expr::Var(_) => 1,
        Expr::Neg(a) => 1 + depth(a),
        Expr::Bin(_, a, b) => 1 + depth(a).max(depth(b)),
        Expr::Call(_, args) => 1 + args.iter().map(depth).max().unwrap_or(0),
    }
}

/// The importers' seeds: each shipped bank exported to GIFT, an Aiken file
/// and the template CSV.
fn import_seeds() -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = seeds()
        .into_iter()
        .filter_map(|t| parse_bank("b.toml", t, None, &manifest(), Depth::Quick).ok())
        .map(|b| ("b.gift", bank_gift(&b)))
        .collect();
    out.push((
        "b.aiken",
        "Which form?\nA. 106\nB. 222\nC. 41\nANSWER: B\n\nNext?\nA) x\nB) y\nC) z\nANSWER: C\n"
            .into(),
    ));
    out.push(("b.csv", CSV_TEMPLATE.into()));
    out.push(("b.csv", CSV_TEMPLATE.replace(',', ";")));
    out
}

/// GIFT, Aiken and CSV syntax a careless or hostile file might hold.
const IMPORT_SNIPPETS: &[&str] = &[
    "{",
    "}",
    "=",
    "~",
    "#",
    "####",
    "%50%",
    "%-100%",
    "%150%",
    "%x",
    "->",
    "::",
    "\\",
    "\\n",
    "\\{",
    "$CATEGORY: $course$/top/x",
    "[html]",
    "[plain]",
    "<b>",
    "<",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "&",
    "// pharmquiz: tags = [",
    "// pharmquiz: bank = { id = \"inventory\", title = \"x\" }",
    "//",
    "\n\n",
    "\n",
    "{#",
    "{#1..",
    "{#=%100%1:2 =%50%",
    "{T#a#b}",
    "{}",
    "ANSWER:",
    "ANSWER: Z",
    "A. ",
    "B) ",
    "\"",
    "\"\"",
    ";",
    ",",
    "\t",
    "\r\n",
    "\u{feff}",
    "1e309",
    "NaN",
];

fn import_snippet() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(IMPORT_SNIPPETS).prop_map(str::to_string),
        1 => "\\PC{0,12}",
        1 => (prop::sample::select(IMPORT_SNIPPETS), 1usize..300).prop_map(|(s, n)| s.repeat(n)),
    ]
}

fn import_edit() -> impl Strategy<Value = Edit> {
    edit_with(import_snippet)
}

proptest! {
    #![proptest_config(config(64))]

    /// Every importer on mutated files, read as each format: a report or
    /// an error, never a panic, and whatever it keeps passes the validator.
    #[test]
    fn mutated_files_never_crash_the_importers(
        seed in prop::sample::select(import_seeds()),
        edits in prop::collection::vec(import_edit(), 1..8),
        name in prop::sample::select(vec!["f.gift", "f.aiken", "f.csv", "f.txt", "f.toml", "f"]),
    ) {
        let text = apply(&seed.1, &edits);
        for file in [seed.0, name] {
            if let Ok(imported) = import(file, &text, &manifest()) {
                if imported.bank.is_some() {
                    prop_assert!(parse_custom("x", &imported.toml, &manifest(), Depth::Quick).is_ok());
                }
                for p in &imported.problems {
                    prop_assert!(p.line >= 1 && p.line <= text.lines().count().max(1));
                }
            }
        }
    }

    /// Lines of import syntax in any order.
    #[test]
    fn import_syntax_soup_never_crashes(
        parts in prop::collection::vec(import_snippet(), 0..60),
        name in prop::sample::select(vec!["f.gift", "f.aiken", "f.csv"]),
    ) {
        let text = parts.concat();
        let _ = import(name, &text, &manifest());
    }
}

/// Files at the 200 KB cap built from the shapes that would make a naive
/// reader quadratic (every search from the top again): each is read well
/// within a second, where a quadratic reader takes minutes.
#[test]
fn pathological_files_import_in_bounded_time() {
    let cap = pharmquiz::domain::custom::MAX_BANK_BYTES;
    let fill = |unit: &str| unit.repeat(cap / unit.len());
    let cases = [
        ("a.gift", fill("{")),
        (
            "a.gift",
            format!(
                "x {{{}}}",
                fill("=a ").trim_end_matches(' ').to_string() + "~b"
            ),
        ),
        ("a.gift", format!("::t::[html]{} {{T}}", fill("<a"))),
        ("a.gift", format!("x {} {{T}}", fill("&"))),
        ("a.gift", fill("::Q::x{T}\n\n")),
        ("a.gift", fill("\\")),
        ("a.gift", format!("x {{#{}}}", fill("=1:0 "))),
        ("a.aiken", fill("A. x\n")),
        ("a.aiken", fill("Q?\nA. a\nB. b\nC. c\nANSWER: A\n")),
        (
            "a.csv",
            format!("stem,a,b,c,answer\n{}", fill("q,x,y,z,A\n")),
        ),
        ("a.csv", format!("stem,answer\n\"{}", fill("\"\""))),
    ];
    for (file, text) in cases {
        let text = &text[..text.len().min(cap)];
        let started = std::time::Instant::now();
        let _ = import(file, text, &manifest());
        let took = started.elapsed();
        assert!(
            took.as_secs_f64() < 5.0,
            "{file} {:?}…: {took:?}",
            &text[..20.min(text.len())]
        );
    }
}
