//! Writes a bank out as a file: PharmQuiz TOML (the format `bank::parse_bank`
//! reads, so any bank, built-in or added, can be edited and added again) and
//! Moodle GIFT (for a Moodle quiz). What GIFT cannot say, PharmQuiz keeps in
//! `// pharmquiz: key = value` comment lines that Moodle ignores and
//! `import` reads back (README, "Importing and exporting questions").

mod formula;

use super::bank::{Bank, Citation, Kind, Question};
use super::calc::{Template, VarSpec};
use super::manifest::Topic;
pub use formula::formula;

/// The seed a calculated question's one set of values is drawn with when it
/// is exported to GIFT (Moodle's numeric questions have fixed values).
pub const EXPORT_SEED: u64 = 1;

/// The comment that starts each PharmQuiz metadata line in a GIFT file.
pub const META_PREFIX: &str = "// pharmquiz:";

/// A TOML basic string: quotes, backslashes and control characters escaped.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\u{:04X}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML float that reads back to the same `f64`.
pub fn toml_number(x: f64) -> String {
    if x.is_nan() {
        "nan".into()
    } else if x.is_infinite() {
        if x > 0.0 { "inf" } else { "-inf" }.into()
    } else {
        format!("{x:?}")
    }
}

/// A TOML array of strings on one line.
pub fn toml_strings<S: AsRef<str>>(items: &[S]) -> String {
    let parts: Vec<String> = items.iter().map(|s| toml_string(s.as_ref())).collect();
    format!("[{}]", parts.join(", "))
}

/// `{ source = "…", section = "…", edition = "…" }`.
pub fn toml_citation(c: &Citation) -> String {
    format!(
        "{{ source = {}, section = {}, edition = {} }}",
        toml_string(&c.source),
        toml_string(&c.section),
        toml_string(&c.edition)
    )
}

/// Each topic as `{ id = "…", label = "…" }`.
fn toml_topics(topics: &[Topic]) -> Vec<String> {
    topics
        .iter()
        .map(|t| {
            format!(
                "{{ id = {}, label = {} }}",
                toml_string(&t.id),
                toml_string(&t.label)
            )
        })
        .collect()
}

fn letter(i: usize) -> String {
    char::from(b'A' + (i.min(25) as u8)).to_string()
}

/// The bank as a PharmQuiz TOML file that parses back to the same bank
/// (apart from each question's line number).
pub fn bank_toml(bank: &Bank) -> String {
    let mut out = format!(
        "id = {}\ntitle = {}\n",
        toml_string(&bank.id),
        toml_string(&bank.title)
    );
    if !bank.description.is_empty() {
        out.push_str(&format!(
            "description = {}\n",
            toml_string(&bank.description)
        ));
    }
    out.push_str(&format!("version = {}\n", bank.version));
    if !bank.topics.is_empty() {
        let topics = toml_topics(&bank.topics);
        out.push_str(&format!("topics = [\n  {},\n]\n", topics.join(",\n  ")));
    }
    for q in &bank.questions {
        out.push('\n');
        question_toml(q, &mut out);
    }
    out
}

fn question_toml(q: &Question, out: &mut String) {
    let line = |out: &mut String, key: &str, value: String| {
        out.push_str(&format!("{key} = {value}\n"));
    };
    out.push_str("[[questions]]\n");
    line(out, "id", toml_string(&q.id));
    line(out, "type", toml_string(q.kind.type_name()));
    line(out, "difficulty", toml_string(q.difficulty.as_str()));
    line(out, "tags", toml_strings(&q.tags));
    if !q.outlines.is_empty() {
        line(out, "outlines", toml_strings(&q.outlines));
    }
    if !q.excludes.is_empty() {
        line(out, "excludes", toml_strings(&q.excludes));
    }
    for (key, day) in [("as_of", q.as_of), ("valid_until", q.valid_until)] {
        if let Some(day) = day {
            line(out, key, toml_string(&day.to_string()));
        }
    }
    if q.uncited {
        line(out, "uncited", "true".into());
    }
    line(out, "stem", toml_string(&q.stem));
    let mut vars = None;
    match &q.kind {
        Kind::Single { options, correct } => {
            line(out, "options", toml_strings(options));
            line(out, "answer", toml_string(&letter(*correct)));
        }
        Kind::Multiple { options, correct } => {
            line(out, "options", toml_strings(options));
            let keys: Vec<String> = correct.iter().map(|&i| letter(i)).collect();
            line(out, "answer", toml_strings(&keys));
        }
        Kind::TrueFalse { answer } => line(out, "answer", answer.to_string()),
        Kind::Numeric {
            answer,
            tolerance,
            unit,
        } => {
            line(out, "answer", toml_number(*answer));
            line(out, "tolerance", toml_number(*tolerance));
            line(out, "unit", toml_string(unit));
        }
        Kind::Calculated {
            template,
            tolerance,
            unit,
        } => {
            template_toml(template, out);
            line(out, "tolerance", toml_number(*tolerance));
            line(out, "unit", toml_string(unit));
            vars = Some(&template.vars);
        }
        Kind::ShortAnswer { answers } => {
            let items: Vec<String> = answers
                .iter()
                .map(|a| match a.credit {
                    100 => toml_string(&a.text),
                    c => format!("{{ text = {}, credit = {c} }}", toml_string(&a.text)),
                })
                .collect();
            line(out, "answer", format!("[{}]", items.join(", ")));
        }
        Kind::Matching { pairs } => {
            let items: Vec<String> = pairs
                .iter()
                .map(|p| toml_strings(&[&p.prompt, &p.answer]))
                .collect();
            line(out, "pairs", format!("[\n  {},\n]", items.join(",\n  ")));
        }
    }
    if !q.option_feedback.is_empty() {
        let items: Vec<String> = q
            .option_feedback
            .iter()
            .map(|(i, text)| format!("{} = {}", letter(*i), toml_string(text)))
            .collect();
        line(
            out,
            "option_feedback",
            format!("{{ {} }}", items.join(", ")),
        );
    }
    line(out, "explanation", toml_string(&q.explanation));
    line(out, "citation", toml_citation(&q.citation));
    if let Some(vars) = vars {
        out.push_str("[questions.vars]\n");
        for (name, spec) in vars {
            let value = match spec {
                VarSpec::Range { min, max, step } => format!(
                    "{{ min = {}, max = {}, step = {} }}",
                    toml_number(*min),
                    toml_number(*max),
                    toml_number(*step)
                ),
                VarSpec::List(values) => {
                    let vs: Vec<String> = values.iter().map(|v| toml_number(*v)).collect();
                    format!("{{ values = [{}] }}", vs.join(", "))
                }
            };
            out.push_str(&format!("{} = {value}\n", toml_string(name)));
        }
    }
}

fn template_toml(t: &Template, out: &mut String) {
    if !t.steps.is_empty() {
        let steps: Vec<String> = t
            .steps
            .iter()
            .map(|s| format!("{} = {}", s.name, formula(&s.expr)))
            .collect();
        out.push_str(&format!("steps = {}\n", toml_strings(&steps)));
    }
    out.push_str(&format!("answer = {}\n", toml_string(&formula(&t.answer))));
    out.push_str(&format!("round = {}\n", t.round));
    if !t.checks.is_empty() {
        let checks: Vec<&str> = t.checks.iter().map(|c| c.source.as_str()).collect();
        out.push_str(&format!("checks = {}\n", toml_strings(&checks)));
    }
}

/// GIFT text: the special characters `~ = # { } :` and the backslash
/// escaped, and line breaks written `\n`.
pub fn gift_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '~' | '=' | '#' | '{' | '}' | ':' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Moodle weight for one of `n` keyed options: 100 / n with the five
/// decimals Moodle offers (33.33333, 16.66667).
fn weight(n: usize) -> String {
    let w = 100.0 / n.max(1) as f64;
    let s = format!("{w:.5}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// How many calculated questions `bank_gift` turned into numeric ones.
pub fn calculated_count(bank: &Bank) -> usize {
    bank.questions
        .iter()
        .filter(|q| matches!(q.kind, Kind::Calculated { .. }))
        .count()
}

/// The bank as a Moodle GIFT file. Each question is titled with its id;
/// its difficulty, topics, outlines, unit and citation are comment lines
/// directly above it. A calculated question becomes a numeric one with the
/// values drawn with `EXPORT_SEED`, and a comment says so.
pub fn bank_gift(bank: &Bank) -> String {
    let mut head = vec![
        format!(
            "// {} — exported from PharmQuiz for Moodle (GIFT format).",
            bank.title
        ),
        "// Lines starting with `// pharmquiz:` keep what GIFT cannot say; Moodle ignores them."
            .to_string(),
    ];
    let calculated = calculated_count(bank);
    if calculated > 0 {
        head.push(format!(
            "// {calculated} calculated question(s) are exported as numeric questions with one drawn set of values each; their templates are only in the TOML export."
        ));
    }
    let mut bank_meta = format!(
        "{META_PREFIX} bank = {{ id = {}, title = {}, version = {}",
        toml_string(&bank.id),
        toml_string(&bank.title),
        bank.version
    );
    if !bank.description.is_empty() {
        bank_meta.push_str(&format!(
            ", description = {}",
            toml_string(&bank.description)
        ));
    }
    bank_meta.push_str(" }");
    head.push(bank_meta);
    if !bank.topics.is_empty() {
        let topics = toml_topics(&bank.topics);
        head.push(format!("{META_PREFIX} topics = [{}]", topics.join(", ")));
    }
    let mut out = head.join("\n");
    out.push('\n');
    for q in &bank.questions {
        out.push('\n');
        question_gift(&bank.id, q, &mut out);
    }
    out
}

fn question_gift(bank: &str, q: &Question, out: &mut String) {
    let meta = |out: &mut String, key: &str, value: String| {
        out.push_str(&format!("{META_PREFIX} {key} = {value}\n"));
    };
    let q = match &q.kind {
        Kind::Calculated { .. } => {
            out.push_str(&format!(
                "// Calculated question exported as a numeric question with one drawn set of values (seed {EXPORT_SEED}).\n"
            ));
            &q.instantiate(bank, EXPORT_SEED)
        }
        _ => q,
    };
    meta(out, "difficulty", toml_string(q.difficulty.as_str()));
    meta(out, "tags", toml_strings(&q.tags));
    if !q.outlines.is_empty() {
        meta(out, "outlines", toml_strings(&q.outlines));
    }
    if let Kind::Numeric { unit, .. } = &q.kind {
        meta(out, "unit", toml_string(unit));
    }
    meta(out, "citation", toml_citation(&q.citation));
    if !q.excludes.is_empty() {
        meta(out, "excludes", toml_strings(&q.excludes));
    }
    for (key, day) in [("as_of", q.as_of), ("valid_until", q.valid_until)] {
        if let Some(day) = day {
            meta(out, key, toml_string(&day.to_string()));
        }
    }
    if q.uncited {
        meta(out, "uncited", "true".into());
    }
    out.push_str(&format!(
        "::{}::[plain]{} {{\n",
        gift_escape(&q.id),
        gift_escape(&q.stem)
    ));
    // Per-option feedback follows its option after `#`.
    let feedback = |i: usize| {
        q.option_feedback
            .get(&i)
            .map(|f| format!("#{}", gift_escape(f)))
            .unwrap_or_default()
    };
    match &q.kind {
        Kind::Single { options, correct } => {
            for (i, o) in options.iter().enumerate() {
                let mark = if i == *correct { '=' } else { '~' };
                out.push_str(&format!("\t{mark}{}{}\n", gift_escape(o), feedback(i)));
            }
        }
        Kind::Multiple { options, correct } => {
            let right = weight(correct.len());
            for (i, o) in options.iter().enumerate() {
                let w = if correct.contains(&i) {
                    right.as_str()
                } else {
                    "-100"
                };
                out.push_str(&format!("\t~%{w}%{}{}\n", gift_escape(o), feedback(i)));
            }
        }
        Kind::TrueFalse { answer } => {
            out.push_str(if *answer { "\tTRUE\n" } else { "\tFALSE\n" });
        }
        Kind::Numeric {
            answer, tolerance, ..
        } => {
            out.push_str(&format!("\t#{answer}:{tolerance}\n"));
        }
        // Instantiated above; a template has no GIFT form.
        Kind::Calculated { .. } => {}
        Kind::ShortAnswer { answers } => {
            for a in answers {
                let w = match a.credit {
                    100 => String::new(),
                    c => format!("%{c}%"),
                };
                out.push_str(&format!("\t={w}{}\n", gift_escape(&a.text)));
            }
        }
        Kind::Matching { pairs } => {
            for p in pairs {
                out.push_str(&format!(
                    "\t={} -> {}\n",
                    gift_escape(&p.prompt),
                    gift_escape(&p.answer)
                ));
            }
        }
    }
    out.push_str(&format!("\t####{}\n}}\n", gift_escape(&q.explanation)));
}
