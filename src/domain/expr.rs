//! A small arithmetic expression language for calculated questions:
//! numbers, variables, `+ - * / ^`, parentheses, comparisons and `and`/`or`
//! (true = 1, false = 0), and the functions `round(x[, d])`, `floor`, `ceil`,
//! `abs`, `sqrt`, `min` and `max`. A hand-written Pratt-style parser keeps the
//! wasm bundle small; the grammar is tiny and fully tested below.

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

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ExprError {
    #[error("at character {pos}: {msg}")]
    Syntax { pos: usize, msg: String },
    #[error("unknown name `{0}`")]
    UnknownName(String),
    #[error("`{0}` takes {1}")]
    Arity(&'static str, &'static str),
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

    fn or(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.and()?;
        while self.eat_word("or") {
            e = Expr::Bin(Op::Or, Box::new(e), Box::new(self.and()?));
        }
        Ok(e)
    }
    fn and(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.cmp()?;
        while self.eat_word("and") {
            e = Expr::Bin(Op::And, Box::new(e), Box::new(self.cmp()?));
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
                return Ok(Expr::Bin(op, Box::new(e), Box::new(self.add()?)));
            }
        }
        Ok(e)
    }
    fn add(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.mul()?;
        loop {
            if self.eat_sym("+") {
                e = Expr::Bin(Op::Add, Box::new(e), Box::new(self.mul()?));
            } else if self.eat_sym("-") {
                e = Expr::Bin(Op::Sub, Box::new(e), Box::new(self.mul()?));
            } else {
                return Ok(e);
            }
        }
    }
    fn mul(&mut self) -> Result<Expr, ExprError> {
        let mut e = self.unary()?;
        loop {
            if self.eat_sym("*") {
                e = Expr::Bin(Op::Mul, Box::new(e), Box::new(self.unary()?));
            } else if self.eat_sym("/") {
                e = Expr::Bin(Op::Div, Box::new(e), Box::new(self.unary()?));
            } else {
                return Ok(e);
            }
        }
    }
    fn unary(&mut self) -> Result<Expr, ExprError> {
        if self.eat_sym("-") {
            return Ok(Expr::Neg(Box::new(self.unary()?)));
        }
        let base = self.atom()?;
        if self.eat_sym("^") {
            // Right-associative, binds tighter than unary minus on its left.
            return Ok(Expr::Bin(Op::Pow, Box::new(base), Box::new(self.unary()?)));
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
                    let mut args = vec![self.or()?];
                    while self.eat_sym(",") {
                        args.push(self.or()?);
                    }
                    if !self.eat_sym(")") {
                        return self.err("expected `)`");
                    }
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
                let e = self.or()?;
                if !self.eat_sym(")") {
                    return self.err("expected `)`");
                }
                Ok(e)
            }
            Some(Tok::Sym(s)) => self.err(format!("unexpected `{s}`")),
            None => self.err("the expression ends too soon"),
        }
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
    pub fn parse(src: &str) -> Result<Expr, ExprError> {
        let toks = lex(src)?;
        let mut p = Parser {
            toks,
            at: 0,
            len: src.len(),
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
                match f {
                    Func::Round => round_to(v[0], v.get(1).copied().unwrap_or(0.0) as i32),
                    Func::Floor => v[0].floor(),
                    Func::Ceil => v[0].ceil(),
                    Func::Abs => v[0].abs(),
                    Func::Sqrt => v[0].sqrt(),
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
    fn names_lists_variables_once() {
        let mut v = Vec::new();
        Expr::parse("a * b + a / round(c)").unwrap().names(&mut v);
        assert_eq!(v, vec!["a", "b", "c"]);
    }
}
