//! Calculated questions: a template with named variables (each a range with
//! a step, or a list), optional intermediate steps, a formula for the answer,
//! a rounding rule and checks that every draw must pass. Values are drawn from
//! the quiz seed, so one quiz link gives everyone the same numbers and a new
//! seed gives new ones.

use std::collections::BTreeMap;
use thiserror::Error;

use super::expr::{round_to, Expr, ExprError};
use super::rng::{hash_str, Rng};

/// Where a variable's values come from.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum VarSpec {
    Range { min: f64, max: f64, step: f64 },
    List(Vec<f64>),
}

impl VarSpec {
    pub fn len(&self) -> usize {
        match self {
            VarSpec::Range { min, max, step } => (((max - min) / step) + 1e-9).floor() as usize + 1,
            VarSpec::List(v) => v.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Decimals needed to show this variable's values exactly.
    pub fn decimals(&self) -> usize {
        let of = |x: f64| {
            (0..=6)
                .find(|&d| (round_to(x, d as i32) - x).abs() < 1e-9)
                .unwrap_or(6)
        };
        match self {
            VarSpec::Range { min, step, .. } => of(*min).max(of(*step)),
            VarSpec::List(v) => v.iter().map(|x| of(*x)).max().unwrap_or(0),
        }
    }

    pub fn value(&self, i: usize) -> f64 {
        match self {
            VarSpec::Range { min, step, .. } => {
                round_to(min + i as f64 * step, self.decimals() as i32)
            }
            VarSpec::List(v) => v[i],
        }
    }
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Step {
    pub name: String,
    pub expr: Expr,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Check {
    pub source: String,
    pub expr: Expr,
}

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    /// Sorted by name, so draws do not depend on file order.
    pub vars: Vec<(String, VarSpec)>,
    /// Intermediate values, in order (each may use earlier ones).
    pub steps: Vec<Step>,
    pub answer: Expr,
    /// Decimals the answer is rounded to.
    pub round: u32,
    pub checks: Vec<Check>,
}

/// Values for one draw: variables, steps, and `answer`, in evaluation order.
#[derive(Debug, Clone, PartialEq)]
pub struct Draw {
    pub values: Vec<(String, f64)>,
    /// Display decimals for each value (None = trim trailing zeros).
    decimals: BTreeMap<String, usize>,
}

impl Draw {
    pub fn get(&self, name: &str) -> Option<f64> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
    }

    pub fn answer(&self) -> f64 {
        self.get("answer").unwrap_or(f64::NAN)
    }

    /// Formats a value for a stem or explanation.
    pub fn format(&self, name: &str, decimals: Option<usize>) -> Option<String> {
        let v = self.get(name)?;
        let d = decimals.or_else(|| self.decimals.get(name).copied());
        Some(match d {
            Some(d) => format_fixed(v, d),
            None => format_trim(v),
        })
    }

    /// Replaces `{name}` and `{name:2}` (two decimals) with drawn values.
    /// Unknown names are left as written (the validator reports them).
    pub fn render(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            match after.find('}') {
                Some(close) => {
                    let inner = &after[..close];
                    let (name, dec) = match inner.split_once(':') {
                        Some((n, d)) => (n.trim(), d.trim().parse::<usize>().ok()),
                        None => (inner.trim(), None),
                    };
                    match self.format(name, dec) {
                        Some(s) => out.push_str(&s),
                        None => {
                            out.push('{');
                            out.push_str(inner);
                            out.push('}');
                        }
                    }
                    rest = &after[close + 1..];
                }
                None => {
                    out.push_str(&rest[open..]);
                    rest = "";
                }
            }
        }
        out.push_str(rest);
        out
    }
}

/// Placeholder names used in a text (`{name}` or `{name:d}`).
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let name = after[..close]
            .split(':')
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        if !out.contains(&name) {
            out.push(name);
        }
        rest = &after[close + 1..];
    }
    out
}

/// Thousands separators and fixed decimals: 1250.5 → "1,250.50" for d = 2.
pub fn format_fixed(v: f64, d: usize) -> String {
    group(&format!("{:.*}", d, round_to(v, d as i32)))
}

/// Up to four decimals, trailing zeros removed.
pub fn format_trim(v: f64) -> String {
    let s = format!("{:.4}", round_to(v, 4));
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    group(&s)
}

fn group(s: &str) -> String {
    let (sign, s) = s.strip_prefix('-').map_or(("", s), |r| ("-", r));
    let (int, frac) = s.split_once('.').map_or((s, None), |(i, f)| (i, Some(f)));
    if int.len() <= 4 {
        // 1000–9999 read better without a comma in dosing contexts.
        return format!("{sign}{s}");
    }
    let mut g = String::new();
    for (k, ch) in int.chars().enumerate() {
        if k > 0 && (int.len() - k) % 3 == 0 {
            g.push(',');
        }
        g.push(ch);
    }
    match frac {
        Some(f) => format!("{sign}{g}.{f}"),
        None => format!("{sign}{g}"),
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum CalcError {
    #[error("`{field}` is not a valid formula: {error}")]
    Formula { field: String, error: ExprError },
    #[error("`{field}` uses `{name}`, which is not a variable or an earlier step")]
    UnknownName { field: String, name: String },
    #[error("the text uses {{{0}}}, which is not a variable, step or `answer`")]
    UnknownPlaceholder(String),
    #[error("variable `{0}` has no values (check min, max and step)")]
    EmptyVar(String),
    #[error("variable `{0}`: step must be positive and min ≤ max")]
    BadRange(String),
    #[error("a calculated question needs at least one variable")]
    NoVars,
    #[error("`{name}` is defined twice")]
    DuplicateName { name: String },
    #[error("with {values} the answer is not a finite number")]
    NonFinite { values: String },
    #[error("check `{check}` fails with {values}")]
    CheckFailed { check: String, values: String },
    #[error("a step must look like `name = formula`: `{0}`")]
    BadStep(String),
}

/// How many draws a full walk covers at most; beyond that, a seeded sample.
pub const WALK_LIMIT: usize = 20_000;

impl Template {
    /// Builds a template from its parts, checking formulas and names.
    pub fn new(
        vars: BTreeMap<String, VarSpec>,
        steps: &[String],
        answer: &str,
        round: u32,
        checks: &[String],
    ) -> Result<Template, Vec<CalcError>> {
        let mut errors = Vec::new();
        if vars.is_empty() {
            errors.push(CalcError::NoVars);
        }
        let mut known: Vec<String> = Vec::new();
        for (name, spec) in &vars {
            match spec {
                VarSpec::Range { min, max, step }
                    if !(*step > 0.0 && min <= max && min.is_finite() && max.is_finite()) =>
                {
                    errors.push(CalcError::BadRange(name.clone()))
                }
                _ if spec.is_empty() => errors.push(CalcError::EmptyVar(name.clone())),
                _ => {}
            }
            known.push(name.clone());
        }
        let check_names = |field: &str, e: &Expr, known: &[String], errors: &mut Vec<CalcError>| {
            let mut used = Vec::new();
            e.names(&mut used);
            for n in used {
                if !known.contains(&n) {
                    errors.push(CalcError::UnknownName {
                        field: field.into(),
                        name: n,
                    });
                }
            }
        };
        let mut parsed_steps = Vec::new();
        for s in steps {
            let Some((name, formula)) = s.split_once('=').filter(|(n, f)| {
                let n = n.trim();
                !n.is_empty()
                    && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                    && !f.starts_with('=')
            }) else {
                errors.push(CalcError::BadStep(s.clone()));
                continue;
            };
            let name = name.trim().to_string();
            match Expr::parse(formula) {
                Ok(expr) => {
                    check_names(&name, &expr, &known, &mut errors);
                    if known.contains(&name) || name == "answer" {
                        errors.push(CalcError::DuplicateName { name: name.clone() });
                    }
                    known.push(name.clone());
                    parsed_steps.push(Step { name, expr });
                }
                Err(error) => errors.push(CalcError::Formula { field: name, error }),
            }
        }
        let answer = match Expr::parse(answer) {
            Ok(e) => {
                check_names("answer", &e, &known, &mut errors);
                Some(e)
            }
            Err(error) => {
                errors.push(CalcError::Formula {
                    field: "answer".into(),
                    error,
                });
                None
            }
        };
        known.push("answer".into());
        let mut parsed_checks = Vec::new();
        for c in checks {
            match Expr::parse(c) {
                Ok(expr) => {
                    check_names(c, &expr, &known, &mut errors);
                    parsed_checks.push(Check {
                        source: c.clone(),
                        expr,
                    });
                }
                Err(error) => errors.push(CalcError::Formula {
                    field: c.clone(),
                    error,
                }),
            }
        }
        match answer {
            Some(answer) if errors.is_empty() => Ok(Template {
                vars: vars.into_iter().collect(),
                steps: parsed_steps,
                answer,
                round,
                checks: parsed_checks,
            }),
            _ => Err(errors),
        }
    }

    /// Every name a text may use.
    pub fn names(&self) -> Vec<String> {
        let mut v: Vec<String> = self.vars.iter().map(|(n, _)| n.clone()).collect();
        v.extend(self.steps.iter().map(|s| s.name.clone()));
        v.push("answer".into());
        v
    }

    pub fn combinations(&self) -> usize {
        self.vars
            .iter()
            .fold(1usize, |acc, (_, s)| acc.saturating_mul(s.len()))
    }

    /// Evaluates a draw from chosen variable indices.
    fn evaluate(&self, idx: &[usize]) -> Result<Draw, CalcError> {
        let mut values: Vec<(String, f64)> =
            Vec::with_capacity(self.vars.len() + self.steps.len() + 1);
        let mut decimals = BTreeMap::new();
        for ((name, spec), &i) in self.vars.iter().zip(idx) {
            values.push((name.clone(), spec.value(i)));
            decimals.insert(name.clone(), spec.decimals());
        }
        let eval = |e: &Expr, values: &[(String, f64)]| {
            e.eval(&|n| values.iter().find(|(k, _)| k == n).map(|(_, v)| *v))
                .map_err(|error| CalcError::Formula {
                    field: "?".into(),
                    error,
                })
        };
        for s in &self.steps {
            let v = eval(&s.expr, &values)?;
            values.push((s.name.clone(), v));
        }
        let raw = eval(&self.answer, &values)?;
        values.push(("answer".into(), round_to(raw, self.round as i32)));
        decimals.insert("answer".into(), self.round as usize);
        Ok(Draw { values, decimals })
    }

    fn describe(draw: &Draw, n_vars: usize) -> String {
        draw.values[..n_vars]
            .iter()
            .map(|(n, v)| format!("{n} = {}", format_trim(*v)))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Checks one draw: a finite answer and every check true.
    pub fn verify(&self, draw: &Draw) -> Result<(), CalcError> {
        let values = || Self::describe(draw, self.vars.len());
        if draw.values.iter().any(|(_, v)| !v.is_finite()) {
            return Err(CalcError::NonFinite { values: values() });
        }
        for c in &self.checks {
            let ok = c
                .expr
                .eval(&|n| draw.get(n))
                .map(|v| v != 0.0)
                .unwrap_or(false);
            if !ok {
                return Err(CalcError::CheckFailed {
                    check: c.source.clone(),
                    values: values(),
                });
            }
        }
        Ok(())
    }

    /// The draw for a quiz seed and question key.
    pub fn draw(&self, seed: u64, key: &str) -> Draw {
        let mut rng = Rng::new(seed ^ hash_str(key).rotate_left(17) ^ 0xCA1C);
        let idx: Vec<usize> = self
            .vars
            .iter()
            .map(|(_, s)| rng.below(s.len().max(1)))
            .collect();
        // Templates are verified over their whole range, so evaluation succeeds.
        self.evaluate(&idx).unwrap_or(Draw {
            values: vec![("answer".into(), f64::NAN)],
            decimals: BTreeMap::new(),
        })
    }

    /// Walks every combination (or a seeded sample of `WALK_LIMIT` when
    /// there are more) and returns the first failure and how many were checked.
    pub fn walk(&self) -> (usize, Option<CalcError>) {
        let total = self.combinations();
        let lens: Vec<usize> = self.vars.iter().map(|(_, s)| s.len()).collect();
        let mut checked = 0;
        let mut visit = |idx: &[usize]| -> Option<CalcError> {
            checked += 1;
            match self.evaluate(idx) {
                Ok(d) => self.verify(&d).err(),
                Err(e) => Some(e),
            }
        };
        if total <= WALK_LIMIT {
            let mut idx = vec![0usize; lens.len()];
            loop {
                if let Some(e) = visit(&idx) {
                    return (checked, Some(e));
                }
                let mut k = 0;
                loop {
                    if k == idx.len() {
                        return (checked, None);
                    }
                    idx[k] += 1;
                    if idx[k] < lens[k] {
                        break;
                    }
                    idx[k] = 0;
                    k += 1;
                }
            }
        } else {
            let mut rng = Rng::new(0x5EED);
            for _ in 0..WALK_LIMIT {
                let idx: Vec<usize> = lens.iter().map(|&n| rng.below(n)).collect();
                if let Some(e) = visit(&idx) {
                    return (checked, Some(e));
                }
            }
            (checked, None)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alligation() -> Template {
        let mut vars = BTreeMap::new();
        vars.insert("high".to_string(), VarSpec::List(vec![70.0, 95.0]));
        vars.insert("low".to_string(), VarSpec::List(vec![0.0, 10.0]));
        vars.insert(
            "want".to_string(),
            VarSpec::Range {
                min: 20.0,
                max: 60.0,
                step: 5.0,
            },
        );
        vars.insert(
            "total".to_string(),
            VarSpec::Range {
                min: 100.0,
                max: 500.0,
                step: 50.0,
            },
        );
        Template::new(
            vars,
            &[
                "parts_high = want - low".into(),
                "parts_low = high - want".into(),
            ],
            "total * parts_high / (parts_high + parts_low)",
            1,
            &[
                "low < want".into(),
                "want < high".into(),
                "answer > 0".into(),
                "answer < total".into(),
            ],
        )
        .unwrap()
    }

    #[test]
    fn var_specs() {
        let r = VarSpec::Range {
            min: 0.5,
            max: 2.0,
            step: 0.25,
        };
        assert_eq!(r.len(), 7);
        assert_eq!(r.value(6), 2.0);
        assert_eq!(r.decimals(), 2);
        assert_eq!(
            VarSpec::Range {
                min: 100.0,
                max: 1000.0,
                step: 50.0
            }
            .len(),
            19
        );
        assert_eq!(VarSpec::List(vec![5.0, 10.0]).decimals(), 0);
    }

    #[test]
    fn draws_are_reproducible_per_seed_and_question() {
        let t = alligation();
        assert_eq!(t.draw(1, "b/q1"), t.draw(1, "b/q1"));
        let distinct: std::collections::HashSet<String> = (0..20)
            .map(|s| format!("{:?}", t.draw(s, "b/q1").values))
            .collect();
        assert!(distinct.len() > 10, "new seeds give new numbers");
        assert_ne!(t.draw(1, "b/q1").values, t.draw(1, "b/q2").values);
    }

    #[test]
    fn walk_covers_every_combination() {
        let t = alligation();
        assert_eq!(t.combinations(), 2 * 2 * 9 * 9);
        assert_eq!(t.walk(), (324, None));
    }

    #[test]
    fn walk_reports_the_failing_values() {
        let mut vars = BTreeMap::new();
        vars.insert("stock".to_string(), VarSpec::List(vec![10.0, 20.0]));
        vars.insert("want".to_string(), VarSpec::List(vec![5.0, 15.0]));
        let t =
            Template::new(vars, &[], "want / stock * 100", 0, &["want < stock".into()]).unwrap();
        let (_, err) = t.walk();
        assert_eq!(
            err,
            Some(CalcError::CheckFailed {
                check: "want < stock".into(),
                values: "stock = 10, want = 15".into()
            })
        );
    }

    #[test]
    fn division_by_zero_is_caught() {
        let mut vars = BTreeMap::new();
        vars.insert(
            "x".to_string(),
            VarSpec::Range {
                min: 0.0,
                max: 2.0,
                step: 1.0,
            },
        );
        let t = Template::new(vars, &[], "10 / x", 0, &[]).unwrap();
        assert!(matches!(t.walk().1, Some(CalcError::NonFinite { .. })));
    }

    #[test]
    fn template_errors() {
        let mut vars = BTreeMap::new();
        vars.insert(
            "x".to_string(),
            VarSpec::Range {
                min: 5.0,
                max: 1.0,
                step: 1.0,
            },
        );
        let errs = Template::new(
            vars.clone(),
            &["y = x +".into(), "bad step".into()],
            "z * 2",
            0,
            &["q > 1".into()],
        )
        .unwrap_err();
        assert!(errs.contains(&CalcError::BadRange("x".into())));
        assert!(errs
            .iter()
            .any(|e| matches!(e, CalcError::Formula { field, .. } if field == "y")));
        assert!(errs.contains(&CalcError::BadStep("bad step".into())));
        assert!(errs.contains(&CalcError::UnknownName {
            field: "answer".into(),
            name: "z".into()
        }));
        assert!(errs.contains(&CalcError::UnknownName {
            field: "q > 1".into(),
            name: "q".into()
        }));
        assert_eq!(
            Template::new(BTreeMap::new(), &[], "1", 0, &[]).unwrap_err(),
            vec![CalcError::NoVars]
        );
    }

    #[test]
    fn rendering_uses_the_drawn_values() {
        let t = alligation();
        let d = t.draw(42, "b/q");
        let text = d.render("Mix {high}% and {low}% to make {total} mL of {want}%: {answer} mL of {high}%, {parts_high:1} parts. {unknown}");
        assert!(!text.contains("{high}") && text.contains("{unknown}"));
        assert!(text.contains(&format!("{} mL", format_fixed(d.answer(), 1))));
        assert_eq!(placeholders("a {x} b {y:2} {x}"), vec!["x", "y"]);
    }

    #[test]
    fn number_formatting() {
        assert_eq!(format_fixed(1250.456, 2), "1250.46");
        assert_eq!(format_fixed(12500.0, 0), "12,500");
        assert_eq!(format_trim(2.5000), "2.5");
        assert_eq!(format_trim(1234567.0), "1,234,567");
        assert_eq!(format_trim(-0.125), "-0.125");
        assert_eq!(format_fixed(0.0, 1), "0.0");
    }
}
