//! A small arithmetic expression language for calculated questions:
//! numbers, variables, `+ - * / ^`, parentheses, comparisons and `and`/`or`
//! (true = 1, false = 0), and the functions `round(x[, d])`, `floor`, `ceil`,
//! `abs`, `sqrt`, `min` and `max`. A hand-written Pratt-style parser keeps the
//! wasm bundle small; the grammar is tiny and fully tested below.
//!
//! A formula comes from a bank file anyone can write, so the parser refuses
//! one that is too long, nests too deep or has too many operations before it
//! can exhaust the stack or the time a check takes. The limits are far above
//! any real pharmacy formula (the largest shipped one is 49 characters, 7
//! operations, brackets 2 deep). With them, a parsed tree is at most
//! `MAX_OPERATIONS + 1` levels deep, so evaluating it, dropping it and the
//! compiled banks' JSON (nested at most 128 deep) stay shallow.

use std::fmt;
use thiserror::Error;

#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Expr {
    Num(f64),
    Var(String),
    Neg(Box<Expr>),
    Bin(Op, Box<Expr>, Box<Expr>),
    Call(Func, Vec<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Op {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    And,
    Or,
}

#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Func {
    Round,
    Floor,
    Ceil,
    Abs,
    Sqrt,
    Min,
    Max,
}

/// Longest formula accepted, in characters.
pub const MAX_FORMULA_CHARS: usize = 500;
/// Deepest nesting accepted: brackets, function calls, minus signs and `^`
/// each open a level (the parser recurses once per level).
pub const MAX_NESTING: usize = 20;
/// Most operations in one formula: operators (`+`, `<`, `and`, unary `-`…)
/// and function calls. Each adds at most one level to the tree.
pub const MAX_OPERATIONS: usize = 40;

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ExprError {
    #[error("at character {pos}: {msg}")]
    Syntax { pos: usize, msg: String },
    #[error("unknown name `{0}`")]
    UnknownName(String),
    #[error("`{0}` takes {1}")]
    Arity(&'static str, &'static str),
    #[error("the formula is longer than {MAX_FORMULA_CHARS} characters; split it into steps")]
    TooLong,
    #[error(
        "the formula nests brackets, functions, minus signs or `^` more than {MAX_NESTING} deep"
    )]
    TooDeep,
    #[error(
        "the formula has more than {MAX_OPERATIONS} operators and functions; split it into steps"
    )]
    TooManyOperations,
}

impl fmt::Display for Func {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            Func::Round => "round",
            Func::Floor => "floor",
            Func::Ceil => "ceil",
            Func::Abs => "abs",
            Func::Sqrt => "sqrt",
            Func::Min => "min",
            Func::Max => "max",
        };
        f.write_str(s)
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Sym(&'static str),
}

fn lex(src: &str) -> Result<Vec<(usize, Tok)>, ExprError> {
    let bytes = src.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit()
            || (c == '.' && bytes.get(i + 1).is_some_and(u8::is_ascii_digit))
        {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            let n = src[start..i]
                .parse::<f64>()
                .map_err(|_| ExprError::Syntax {
                    pos: start + 1,
                    msg: format!("bad number `{}`", &src[start..i]),
                })?;
            out.push((start, Tok::Num(n)));
        } else if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            out.push((start, Tok::Ident(src[start..i].to_string())));
        } else {
            const SYMS: [&str; 15] = [
                "<=", ">=", "==", "!=", "+", "-", "*", "/", "^", "(", ")", ",", "<", ">", "%",
            ];
            let sym = SYMS
                .iter()
                .find(|s| src[i..].starts_with(**s))
                .ok_or_else(|| ExprError::Syntax {
                    pos: i + 1,
                    msg: format!("unexpected `{c}`"),
                })?;
            out.push((i, Tok::Sym(sym)));
            i += sym.len();
        }
    }
    Ok(out)
}

struct Parser {
    toks: Vec<(usize, Tok)>,
    at: usize,
    len: usize,
    /// Levels open now (see `MAX_NESTING`).
    depth: usize,
    /// Operations read so far (see `MAX_OPERATIONS`).
    ops: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at).map(|t| &t.1)
    }
    fn pos(&self) -> usize {
        self.toks.get(self.at).map_or(self.len, |t| t.0) + 1
    }
    fn err<T>(&self, msg: impl Into<String>) -> Result<T, ExprError> {
        Err(ExprError::Syntax {
            pos: self.pos(),
            msg: msg.into(),
        })
    }
    fn eat_sym(&mut self, s: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Sym(x)) if *x == s) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    fn eat_word(&mut self, w: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Ident(x)) if x == w) {
            self.at += 1;
            true
        } else {
            false
        }
    }
    /// Counts one more operation, refusing the formula past the limit.
    fn op(&mut self) -> Result<(), ExprError> {
        self.ops += 1;
        if self.ops > MAX_OPERATIONS {
            return Err(ExprError::TooManyOperations);
        }
        Ok(())
    }
    /// Runs `inner` one level deeper, refusing the formula before the
    /// recursion can go past `MAX_NESTING`.
    fn nested<T>(
        &mut self,
        inner: impl FnOnce(&mut Self) -> Result<T, ExprError>,
    ) -> Result<T, ExprError> {
        if self.depth >= MAX_NESTING {
            return Err(ExprError::TooDeep);
        }
        self.depth += 1;
        let out = inner(self);
        self.depth -= 1;
        out
    }
    /// One binary node; counts the operation first.
    fn bin(&mut self, op: Op, l: Expr, r: Expr) -> Result<Expr, ExprError> {
        self.op()?;
        Ok(Expr::Bin(op, Box::new(l), Box::new(r)))
    }

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.and()?;
        while self.eat_word("or") {
            let r = self.and()?;
            e = self.bin(Op::Or, e, r)?;
        }
        Ok(e)
    }
    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.cmp()?;
        while self.eat_word("and") {
            let r = self.cmp()?;
            e = self.bin(Op::And, e, r)?;
        }
        Ok(e)
    }
    fn cmp(&mut self) -> Result<Expr, ExprError> {
        let e = self.add()?;
        for (s, op) in [
            ("<=", Op::Le),
            (">=", Op::Ge),
            ("==", Op::Eq),
            ("!=", Op::Ne),
            ("<", Op::Lt),
            (">", Op::Gt),
        ] {
            if self.eat_sym(s) {
                let r = self.add()?;
                return self.bin(op, e, r);
            }
        }
        Ok(e)
    }
    fn add(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.mul()?;
        loop {
            let op = if self.eat_sym("+") {
                Op::Add
            } else if self.eat_sym("-") {
                Op::Sub
            } else {
                return Ok(e);
            };
            let r = self.mul()?;
            e = self.bin(op, e, r)?;
        }
    }
    fn mul(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.unary()?;
        loop {
            let op = if self.eat_sym("*") {
                Op::Mul
            } else if self.eat_sym("/") {
                Op::Div
            } else {
                return Ok(e);
            };
            let r = self.unary()?;
            e = self.bin(op, e, r)?;
        }
    }
    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.eat_sym("-") {
            self.op()?;
            let e = self.nested(Self::unary)?;
            return Ok(Expr::Neg(Box::new(e)));
        }
        let base = self.atom()?;
        if self.eat_sym("^") {
            // Right-associative, binds tighter than unary minus on its left.
            let r = self.nested(Self::unary)?;
            return self.bin(Op::Pow, base, r);
        }
        Ok(base)
    }
    fn atom(&mut self) -> Result<Expr, ExprError> {
        match self.peek().cloned() {
            Some(Tok::Num(n)) => {
                self.at += 1;
                Ok(Expr::Num(n))
            }
            Some(Tok::Ident(name)) => {
                self.at += 1;
                if self.eat_sym("(") {
                    let func = match name.as_str() {
                        "round" => Func::Round,
                        "floor" => Func::Floor,
                        "ceil" => Func::Ceil,
                        "abs" => Func::Abs,
                        "sqrt" => Func::Sqrt,
                        "min" => Func::Min,
                        "max" => Func::Max,
                        _ => return Err(ExprError::UnknownName(format!("{name}()"))),
                    };
                    self.op()?;
                    let args = self.nested(Self::args)?;
                    let ok = match func {
                        Func::Round => (1..=2).contains(&args.len()),
                        Func::Min | Func::Max => args.len() >= 2,
                        _ => args.len() == 1,
                    };
                    if !ok {
                        let want = match func {
                            Func::Round => "one or two arguments",
                            Func::Min | Func::Max => "two or more arguments",
                            _ => "one argument",
                        };
                        return Err(ExprError::Arity(
                            match func {
                                Func::Round => "round",
                                Func::Min => "min",
                                Func::Max => "max",
                                Func::Floor => "floor",
                                Func::Ceil => "ceil",
                                Func::Abs => "abs",
                                Func::Sqrt => "sqrt",
                            },
                            want,
                        ));
                    }
                    Ok(Expr::Call(func, args))
                } else if name == "and" || name == "or" {
                    self.err(format!("unexpected `{name}`"))
                } else {
                    Ok(Expr::Var(name))
                }
            }
            Some(Tok::Sym("(")) => {
                self.at += 1;
                let e = self.nested(Self::or)?;
                if !self.eat_sym(")") {
                    return self.err("expected `)`");
                }
                Ok(e)
            }
            Some(Tok::Sym(s)) => self.err(format!("unexpected `{s}`")),
            None => self.err("the expression ends too soon"),
        }
    }
    /// A function's arguments after its `(`, up to and including the `)`.
    fn args(&mut self) -> Result<Vec<Expr>, ExprError> {
        let mut args = vec![self.or()?];
        while self.eat_sym(",") {
            args.push(self.or()?);
        }
        if !self.eat_sym(")") {
            return self.err("expected `)`");
        }
        Ok(args)
    }
}

/// Rounds half away from zero to `d` decimals, nudged so that values like
/// 2.675 (stored as 2.67499…) round the way a person would.
pub fn round_to(x: f64, d: i32) -> f64 {
    let f = 10f64.powi(d);
    let scaled = x * f;
    (scaled + scaled.signum() * 1e-7).round() / f
}

impl Expr {
    /// Parses a formula, refusing it past the limits above before the
    /// parser can recurse deeply or build a large tree.
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        if src.chars().count() > MAX_FORMULA_CHARS {
            return Err(ExprError::TooLong);
        }
        let toks = lex(src)?;
        let mut p = Parser {
            toks,
            at: 0,
            len: src.len(),
            depth: 0,
            ops: 0,
        };
        let e = p.or()?;
        if p.at < p.toks.len() {
            return p.err("unexpected text after the expression");
        }
        Ok(e)
    }

    /// Variable names the expression uses.
    pub fn names(&self, out: &mut Vec<String>) {
        match self {
            Expr::Num(_) => {}
            Expr::Var(v) => {
                if !out.contains(v) {
                    out.push(v.clone())
                }
            }
            Expr::Neg(e) => e.names(out),
            Expr::Bin(_, a, b) => {
                a.names(out);
                b.names(out);
            }
            Expr::Call(_, args) => args.iter().for_each(|a| a.names(out)),
        }
    }

    /// The work one evaluation does: one unit a node, and `lookup` units
    /// for each variable (the caller's lookup cost).
    pub fn cost(&self, lookup: usize) -> usize {
        match self {
            Expr::Num(_) => 1,
            Expr::Var(_) => lookup.max(1),
            Expr::Neg(e) => 1 + e.cost(lookup),
            Expr::Bin(_, a, b) => 1 + a.cost(lookup) + b.cost(lookup),
            Expr::Call(_, args) => 1 + args.iter().map(|a| a.cost(lookup)).sum::<usize>(),
        }
    }

    /// Evaluates with variable lookup `env`. Unknown names are errors;
    /// division by zero gives a non-finite result for the caller to reject.
    pub fn eval(&self, env: &dyn Fn(&str) -> Option<f64>) -> Result<f64, ExprError> {
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        Ok(match self {
            Expr::Num(n) => *n,
            Expr::Var(v) => env(v).ok_or_else(|| ExprError::UnknownName(v.clone()))?,
            Expr::Neg(e) => -e.eval(env)?,
            Expr::Bin(op, l, r) => {
                let (x, y) = (l.eval(env)?, r.eval(env)?);
                match op {
                    Op::Add => x + y,
                    Op::Sub => x - y,
                    Op::Mul => x * y,
                    Op::Div => x / y,
                    Op::Pow => x.powf(y),
                    Op::Lt => b(x < y),
                    Op::Le => b(x <= y + 1e-9),
                    Op::Gt => b(x > y),
                    Op::Ge => b(x + 1e-9 >= y),
                    Op::Eq => b((x - y).abs() <= 1e-9 * x.abs().max(y.abs()).max(1.0)),
                    Op::Ne => b((x - y).abs() > 1e-9 * x.abs().max(y.abs()).max(1.0)),
                    Op::And => b(x != 0.0 && y != 0.0),
                    Op::Or => b(x != 0.0 || y != 0.0),
                }
            }
            Expr::Call(f, args) => {
                let v: Vec<f64> = args.iter().map(|a| a.eval(env)).collect::<Result<_, _>>()?;
                // The parser gives every call an argument; a damaged compiled
                // bank might not, so no indexing.
                let x = v.first().copied().unwrap_or(f64::NAN);
                match f {
                    Func::Round => round_to(x, v.get(1).copied().unwrap_or(0.0) as i32),
                    Func::Floor => x.floor(),
                    Func::Ceil => x.ceil(),
                    Func::Abs => x.abs(),
                    Func::Sqrt => x.sqrt(),
                    Func::Min => v.iter().copied().fold(f64::INFINITY, f64::min),
                    Func::Max => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(src: &str) -> f64 {
        let env = |n: &str| match n {
            "a" => Some(2.0),
            "b" => Some(8.0),
            "vol_ml" => Some(250.0),
            _ => None,
        };
        Expr::parse(src).unwrap().eval(&env).unwrap()
    }

    #[test]
    fn precedence_and_associativity() {
        assert_eq!(ev("1 + 2 * 3"), 7.0);
        assert_eq!(ev("(1 + 2) * 3"), 9.0);
        assert_eq!(ev("10 - 4 - 3"), 3.0);
        assert_eq!(ev("100 / 10 / 5"), 2.0);
        assert_eq!(ev("2 ^ 3 ^ 2"), 512.0);
        assert_eq!(ev("-2 ^ 2"), -4.0);
        assert_eq!(ev("-a + b"), 6.0);
        assert_eq!(ev(".5 * vol_ml"), 125.0);
    }

    #[test]
    fn functions() {
        assert_eq!(ev("round(2.675, 2)"), 2.68);
        assert_eq!(ev("round(2.5)"), 3.0);
        assert_eq!(ev("round(-2.5)"), -3.0);
        assert_eq!(ev("floor(7.9) + ceil(0.1)"), 8.0);
        assert_eq!(ev("min(a, b, 5) + max(a, b)"), 10.0);
        assert_eq!(ev("abs(a - b) + sqrt(b * a)"), 10.0);
    }

    #[test]
    fn comparisons_and_logic() {
        assert_eq!(ev("a < b and b <= 8"), 1.0);
        assert_eq!(ev("a > b or a == 2"), 1.0);
        assert_eq!(ev("a != 2"), 0.0);
        assert_eq!(
            ev("0.1 + 0.2 == 0.3"),
            1.0,
            "comparisons absorb float noise"
        );
        assert_eq!(ev("0.1 + 0.2 <= 0.3"), 1.0);
    }

    #[test]
    fn errors_name_the_problem() {
        assert!(matches!(Expr::parse("1 +"), Err(ExprError::Syntax { .. })));
        assert!(matches!(
            Expr::parse("(1 + 2"),
            Err(ExprError::Syntax { .. })
        ));
        assert!(matches!(
            Expr::parse("1 $ 2"),
            Err(ExprError::Syntax { pos: 3, .. })
        ));
        assert!(matches!(Expr::parse("2 3"), Err(ExprError::Syntax { .. })));
        assert_eq!(
            Expr::parse("foo(1)"),
            Err(ExprError::UnknownName("foo()".into()))
        );
        assert_eq!(
            Expr::parse("round(1, 2, 3)"),
            Err(ExprError::Arity("round", "one or two arguments"))
        );
        let e = Expr::parse("a + c").unwrap();
        assert_eq!(
            e.eval(&|n| (n == "a").then_some(1.0)),
            Err(ExprError::UnknownName("c".into()))
        );
        assert!(Expr::parse("1 / 0")
            .unwrap()
            .eval(&|_| None)
            .unwrap()
            .is_infinite());
    }

    #[test]
    fn formulas_past_the_limits_are_refused_before_they_recurse() {
        // Each of these overflowed the stack or ran for seconds before.
        let parens = format!("{}1{}", "(".repeat(3000), ")".repeat(3000));
        assert_eq!(Expr::parse(&parens), Err(ExprError::TooLong));
        let minus = format!("{}1", "-".repeat(180_000));
        assert_eq!(Expr::parse(&minus), Err(ExprError::TooLong));
        let sum = vec!["1"; 40_000].join("+");
        assert_eq!(Expr::parse(&sum), Err(ExprError::TooLong));
        let pow = vec!["2"; 90_000].join("^");
        assert_eq!(Expr::parse(&pow), Err(ExprError::TooLong));
        // Within the length, the nesting and the operation count still hold.
        let deep = format!("{}1{}", "(".repeat(21), ")".repeat(21));
        assert_eq!(Expr::parse(&deep), Err(ExprError::TooDeep));
        let deep_calls = format!("{}1{}", "abs(".repeat(21), ")".repeat(21));
        assert_eq!(Expr::parse(&deep_calls), Err(ExprError::TooDeep));
        assert_eq!(
            Expr::parse(&format!("{}1", "-".repeat(21))),
            Err(ExprError::TooDeep)
        );
        assert_eq!(
            Expr::parse(&vec!["2"; 22].join("^")),
            Err(ExprError::TooDeep)
        );
        assert_eq!(
            Expr::parse(&vec!["a"; 42].join("+")),
            Err(ExprError::TooManyOperations)
        );
        assert_eq!(
            Expr::parse(&format!("{}a{}", "abs(".repeat(41), ")".repeat(41))),
            Err(ExprError::TooDeep),
            "nesting is checked as the parser goes in"
        );
        assert_eq!(
            ExprError::TooDeep.to_string(),
            "the formula nests brackets, functions, minus signs or `^` more than 20 deep"
        );
        assert_eq!(
            ExprError::TooLong.to_string(),
            "the formula is longer than 500 characters; split it into steps"
        );
    }

    #[test]
    fn formulas_at_the_limits_parse_and_evaluate() {
        let deep = format!("{}a{}", "(".repeat(20), ")".repeat(20));
        assert_eq!(ev(&deep), 2.0);
        assert_eq!(ev(&format!("{}a", "-".repeat(20))), 2.0);
        assert_eq!(ev(&vec!["a"; 41].join("+")), 82.0);
        let long = format!("a + {}0", " ".repeat(MAX_FORMULA_CHARS - 5));
        assert_eq!(long.chars().count(), MAX_FORMULA_CHARS);
        assert_eq!(ev(&long), 2.0);
        assert_eq!(Expr::parse(&format!("{long} ")), Err(ExprError::TooLong));
        // Many arguments cost no nesting: `min(a, a, …)` up to the length.
        let args = format!("min({})", vec!["a"; 200].join(","));
        assert_eq!(ev(&args), 2.0);
    }

    #[test]
    fn a_call_without_arguments_from_a_damaged_bank_does_not_panic() {
        let e = Expr::Call(Func::Sqrt, vec![]);
        assert!(e.eval(&|_| None).unwrap().is_nan());
        assert_eq!(Expr::Call(Func::Max, vec![]).cost(5), 1);
        assert_eq!(Expr::parse("a + 2").unwrap().cost(5), 7);
    }

    #[test]
    fn names_lists_variables_once() {
        let mut v = Vec::new();
        Expr::parse("a * b + a / round(c)").unwrap().names(&mut v);
        assert_eq!(v, vec!["a", "b", "c"]);
    }
}
