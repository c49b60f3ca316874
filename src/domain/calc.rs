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
            // `as` saturates; the add must too (a tiny step gives a huge count).
            VarSpec::Range { min, max, step } => {
                ((((max - min) / step) + 1e-9).floor() as usize).saturating_add(1)
            }
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
            // Draws index below `len`; a damaged compiled bank may hold an
            // empty list, which gives no number rather than a panic.
            VarSpec::List(v) => v.get(i).copied().unwrap_or(f64::NAN),
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

/// Placeholder names used in a text (`{name}` or `{name:d}`), each once, in
/// order. A set remembers the names seen, so a text with thousands of
/// distinct placeholders is still checked in linear time.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for inner in placeholder_texts(text) {
        let name = inner.split(':').next().unwrap_or("").trim();
        if seen.insert(name) {
            out.push(name.to_string());
        }
    }
    out
}

/// What is inside each `{…}` of a text, in order.
fn placeholder_texts(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        out.push(&after[..close]);
        rest = &after[close + 1..];
    }
    out
}

/// Placeholders whose decimals (after the `:`) are not a whole number from
/// 0 to `MAX_DECIMALS`, as written (`x:65536`).
pub fn bad_precisions(text: &str) -> Vec<String> {
    placeholder_texts(text)
        .into_iter()
        .filter(|inner| {
            inner
                .split_once(':')
                .is_some_and(|(_, d)| !d.trim().parse::<usize>().is_ok_and(|d| d <= MAX_DECIMALS))
        })
        .map(|inner| inner.trim().to_string())
        .collect()
}

/// Most decimals a value is shown or rounded to. A double carries about 16
/// significant digits, so more would only show noise; the largest in the
/// shipped banks is 4.
pub const MAX_DECIMALS: usize = 10;

/// Thousands separators and fixed decimals: 1250.5 → "1,250.50" for d = 2.
/// More than `MAX_DECIMALS` decimals are shown as `MAX_DECIMALS` (the
/// validator refuses them; a bank saved before it did must still show).
pub fn format_fixed(v: f64, d: usize) -> String {
    if let Some(huge) = scientific(v) {
        return huge;
    }
    let d = d.min(MAX_DECIMALS);
    group(&format!("{:.*}", d, round_to(v, d as i32)))
}

/// Up to four decimals, trailing zeros removed.
pub fn format_trim(v: f64) -> String {
    if let Some(huge) = scientific(v) {
        return huge;
    }
    let s = format!("{:.4}", round_to(v, 4));
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    group(&s)
}

/// Past a quadrillion no dose or count is meant; written out, 1e308 would
/// take over 300 digits, so such a value is shown as `1.000e308`.
fn scientific(v: f64) -> Option<String> {
    (v.abs() >= 1e15).then(|| format!("{v:.3e}"))
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
    #[error("the text uses {{{0}}}: the number after `:` is the decimals to show, a whole number from 0 to {MAX_DECIMALS}")]
    BadPrecision(String),
    #[error("`round` is {0}: give the decimals to round the answer to, from 0 to {MAX_DECIMALS}")]
    BadRound(u32),
    #[error("a calculated question may have at most {max} {what} (this one has {found})")]
    TooMany {
        what: &'static str,
        max: usize,
        found: usize,
    },
}

/// How many draws a full walk covers at most; beyond that, a seeded sample.
pub const WALK_LIMIT: usize = 20_000;
/// Most work one template's walk does (draws × `Template::cost`; a unit is
/// a few nanoseconds natively). Every shipped template costs under 250 a
/// draw, so it gets its full `WALK_LIMIT`; a huge template gets fewer
/// draws, never a frozen page.
pub const WALK_BUDGET: usize = 10_000_000;
/// Most variables, steps and checks in one template: far above the shipped
/// banks (4 variables, 6 steps, 6 checks at most), and with
/// `expr::MAX_FORMULA_CHARS` they bound what one draw costs.
pub const MAX_VARS: usize = 20;
pub const MAX_STEPS: usize = 30;
pub const MAX_CHECKS: usize = 30;

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
        for (what, max, found) in [
            ("variables", MAX_VARS, vars.len()),
            ("steps", MAX_STEPS, steps.len()),
            ("checks", MAX_CHECKS, checks.len()),
        ] {
            if found > max {
                errors.push(CalcError::TooMany { what, max, found });
            }
        }
        if errors
            .iter()
            .any(|e| matches!(e, CalcError::TooMany { .. }))
        {
            // Not worth parsing every formula of a template this size.
            return Err(errors);
        }
        if round as usize > MAX_DECIMALS {
            errors.push(CalcError::BadRound(round));
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
        draw.values
            .iter()
            .take(n_vars)
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

    /// The work one draw does (see `Expr::cost`): every step, the answer
    /// and every check, each variable looked up among all the names.
    pub fn cost(&self) -> usize {
        let lookup = self.vars.len() + self.steps.len() + 1;
        self.steps
            .iter()
            .map(|s| &s.expr)
            .chain(std::iter::once(&self.answer))
            .chain(self.checks.iter().map(|c| &c.expr))
            .map(|e| e.cost(lookup))
            .sum()
    }

    /// How many draws a walk may check: `WALK_LIMIT`, or fewer when that
    /// many would cost more than `WALK_BUDGET`.
    pub fn walk_limit(&self) -> usize {
        (WALK_BUDGET / self.cost().max(1)).clamp(1, WALK_LIMIT)
    }

    /// The work `walk` does.
    pub fn walk_cost(&self) -> usize {
        self.combinations()
            .min(self.walk_limit())
            .saturating_mul(self.cost())
    }

    /// Walks every combination (or a seeded sample of `walk_limit` when
    /// there are more) and returns the first failure and how many were checked.
    pub fn walk(&self) -> (usize, Option<CalcError>) {
        let limit = self.walk_limit();
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
        if total <= limit {
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
            for _ in 0..limit {
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
    fn a_huge_precision_is_clamped_not_a_panic() {
        // `{x:65536}` panicked with "Formatting argument out of range".
        assert_eq!(format_fixed(2.5, 65_536), format_fixed(2.5, MAX_DECIMALS));
        assert_eq!(format_fixed(2.5, usize::MAX), "2.5000000000");
        let d = alligation().draw(1, "b/q");
        let text = d.render("{high:65536} {low:4294967296} {want:99999999999999999999999}");
        assert!(text.starts_with(&format_fixed(d.get("high").unwrap(), MAX_DECIMALS)));
        assert!(!text.contains('{'), "{text}");
    }

    #[test]
    fn many_distinct_placeholders_are_listed_once_each_in_order() {
        // Each used to be compared with every earlier one (quadratic).
        let text: String = (0..30_000)
            .map(|i| format!("{{a{i}}} {{a{i}:2}}"))
            .collect();
        let names = placeholders(&text);
        assert_eq!(names.len(), 30_000);
        assert_eq!(
            (names[0].as_str(), names[29_999].as_str()),
            ("a0", "a29999")
        );
        assert_eq!(placeholders("{b} {a} {b:1} { a }"), vec!["b", "a"]);
    }

    #[test]
    fn precisions_past_the_maximum_are_named() {
        assert_eq!(
            bad_precisions("{a} {b:2} {c:10} {d:11} {e:65536} {f:x} {g:} {h: 3 }"),
            vec!["d:11", "e:65536", "f:x", "g:"]
        );
        assert_eq!(
            CalcError::BadPrecision("x:65536".into()).to_string(),
            "the text uses {x:65536}: the number after `:` is the decimals to show, a whole number from 0 to 10"
        );
    }

    #[test]
    fn round_past_the_maximum_is_refused() {
        let vars = BTreeMap::from([("x".to_string(), VarSpec::List(vec![1.0]))]);
        assert!(Template::new(vars.clone(), &[], "x", 10, &[]).is_ok());
        assert_eq!(
            Template::new(vars, &[], "x", 4_000_000_000, &[]).unwrap_err(),
            vec![CalcError::BadRound(4_000_000_000)]
        );
    }

    #[test]
    fn too_many_vars_steps_or_checks_are_refused() {
        let vars: BTreeMap<String, VarSpec> = (0..=MAX_VARS)
            .map(|i| (format!("v{i}"), VarSpec::List(vec![1.0])))
            .collect();
        let steps: Vec<String> = (0..=MAX_STEPS).map(|i| format!("s{i} = v0")).collect();
        let checks: Vec<String> = vec!["v0 > 0".into(); MAX_CHECKS + 1];
        let errs = Template::new(vars, &steps, "v0", 0, &checks).unwrap_err();
        assert_eq!(
            errs,
            vec![
                CalcError::TooMany {
                    what: "variables",
                    max: MAX_VARS,
                    found: MAX_VARS + 1
                },
                CalcError::TooMany {
                    what: "steps",
                    max: MAX_STEPS,
                    found: MAX_STEPS + 1
                },
                CalcError::TooMany {
                    what: "checks",
                    max: MAX_CHECKS,
                    found: MAX_CHECKS + 1
                },
            ]
        );
        assert_eq!(
            errs[1].to_string(),
            "a calculated question may have at most 30 steps (this one has 31)"
        );
    }

    #[test]
    fn a_range_with_a_tiny_step_saturates_instead_of_overflowing() {
        let r = VarSpec::Range {
            min: 0.0,
            max: 1e300,
            step: 1e-300,
        };
        assert_eq!(r.len(), usize::MAX);
        let mut vars = BTreeMap::new();
        vars.insert("x".to_string(), r);
        let t = Template::new(vars, &[], "x", 0, &[]).unwrap();
        assert_eq!(t.combinations(), usize::MAX);
        assert_eq!(t.walk().0, WALK_LIMIT, "a sample, not every value");
    }

    #[test]
    fn an_expensive_template_walks_fewer_draws_within_the_budget() {
        let t = alligation();
        assert_eq!(t.walk_limit(), WALK_LIMIT);
        let mut vars = BTreeMap::new();
        for n in ["a", "b", "c", "d"] {
            let r = VarSpec::Range {
                min: 1.0,
                max: 100.0,
                step: 1.0,
            };
            vars.insert(n.to_string(), r);
        }
        let big = vec!["a * b + c"; 13].join(" + ");
        let steps: Vec<String> = (0..MAX_STEPS).map(|i| format!("s{i} = {big}")).collect();
        let t = Template::new(vars, &steps, "a", 0, &[]).unwrap();
        assert!(t.cost() > 20_000, "{}", t.cost());
        let (checked, err) = t.walk();
        assert_eq!((checked, err), (t.walk_limit(), None));
        assert!(checked < WALK_LIMIT && checked * t.cost() <= WALK_BUDGET);
        assert_eq!(t.walk_cost(), checked * t.cost());
    }

    #[test]
    fn damaged_compiled_templates_do_not_panic() {
        // A compiled bank is JSON, so it could hold what the validator refuses.
        let t = Template {
            vars: vec![("x".into(), VarSpec::List(vec![]))],
            steps: vec![],
            answer: Expr::Var("x".into()),
            round: u32::MAX,
            checks: vec![],
        };
        let d = t.draw(1, "b/q");
        assert!(d.answer().is_nan());
        assert!(!d.render("{x} {answer}").contains('{'));
        let short = Draw {
            values: vec![("answer".into(), 1.0)],
            decimals: BTreeMap::new(),
        };
        let two_vars = Template {
            vars: vec![("x".into(), VarSpec::List(vec![1.0])); 2],
            ..t
        };
        assert!(two_vars.verify(&short).is_ok());
    }

    #[test]
    fn number_formatting() {
        assert_eq!(format_fixed(1250.456, 2), "1250.46");
        assert_eq!(format_fixed(12500.0, 0), "12,500");
        assert_eq!(format_trim(2.5000), "2.5");
        assert_eq!(format_trim(1234567.0), "1,234,567");
        assert_eq!(format_trim(-0.125), "-0.125");
        assert_eq!(format_fixed(0.0, 1), "0.0");
        // Past 1e15, scientific: a handful of characters, not 300 digits.
        assert_eq!(
            format_fixed(999_999_999_999_999.0, 0),
            "999,999,999,999,999"
        );
        assert_eq!(format_fixed(1e15, 2), "1.000e15");
        assert_eq!(format_fixed(-1.7e308, 10), "-1.700e308");
        assert_eq!(format_trim(f64::INFINITY), "inf");
    }
}
