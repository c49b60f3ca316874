//! A calculated template's formulas written back as text, so a bank can be
//! exported to TOML. Brackets are written only where the parser needs them,
//! so the text nests no deeper than the formula it was read from (and stays
//! within `expr::MAX_NESTING`).

use crate::domain::expr::{Expr, Func, Op};

/// How tightly an operator binds, as `expr`'s parser reads it: `or` loosest,
/// then `and`, comparisons, `+ -`, `* /`, unary minus, and `^` tightest.
const OR: u8 = 1;
const AND: u8 = 2;
const CMP: u8 = 3;
const ADD: u8 = 4;
const MUL: u8 = 5;
const NEG: u8 = 6;
const POW: u8 = 7;
const ATOM: u8 = 8;

fn op_text(op: Op) -> (&'static str, u8) {
    match op {
        Op::Or => (" or ", OR),
        Op::And => (" and ", AND),
        Op::Lt => (" < ", CMP),
        Op::Le => (" <= ", CMP),
        Op::Gt => (" > ", CMP),
        Op::Ge => (" >= ", CMP),
        Op::Eq => (" == ", CMP),
        Op::Ne => (" != ", CMP),
        Op::Add => (" + ", ADD),
        Op::Sub => (" - ", ADD),
        Op::Mul => (" * ", MUL),
        Op::Div => (" / ", MUL),
        Op::Pow => ("^", POW),
    }
}

/// How tightly `e` binds as written.
fn level(e: &Expr) -> u8 {
    match e {
        Expr::Num(_) | Expr::Var(_) | Expr::Call(..) => ATOM,
        Expr::Neg(_) => NEG,
        Expr::Bin(op, ..) => op_text(*op).1,
    }
}

/// The formula as text that `Expr::parse` reads back to the same tree.
pub fn formula(e: &Expr) -> String {
    let mut out = String::new();
    write(e, &mut out);
    out
}

/// Writes `e`, in brackets when it binds looser than `min`.
fn operand(e: &Expr, min: u8, out: &mut String) {
    if level(e) < min {
        out.push('(');
        write(e, out);
        out.push(')');
    } else {
        write(e, out);
    }
}

fn write(e: &Expr, out: &mut String) {
    match e {
        Expr::Num(n) => out.push_str(&format!("{n}")),
        Expr::Var(v) => out.push_str(v),
        Expr::Neg(x) => {
            out.push('-');
            operand(x, NEG, out);
        }
        Expr::Bin(op, l, r) => {
            let (text, mine) = op_text(*op);
            // Left-associative operators take their own level on the left
            // and one tighter on the right; comparisons take `+` on both
            // sides; `^` takes an atom on the left and a unary on the right.
            let (left, right) = match *op {
                Op::Pow => (ATOM, NEG),
                _ if mine == CMP => (ADD, ADD),
                _ => (mine, mine + 1),
            };
            operand(l, left, out);
            out.push_str(text);
            operand(r, right, out);
        }
        Expr::Call(f, args) => {
            out.push_str(&Func::to_string(f));
            out.push('(');
            for (i, a) in args.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(a, out);
            }
            out.push(')');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_read_back_to_the_same_tree_with_only_the_brackets_needed() {
        for (src, written) in [
            ("volume * pct / 100", "volume * pct / 100"),
            (
                "total * parts_high / (parts_high + parts_low)",
                "total * parts_high / (parts_high + parts_low)",
            ),
            ("a - (b - c)", "a - (b - c)"),
            ("(a - b) - c", "a - b - c"),
            ("-(a + b)", "-(a + b)"),
            ("-a ^ 2", "-a^2"),
            ("(-a) ^ 2", "(-a)^2"),
            ("a ^ b ^ c", "a^b^c"),
            ("(a ^ b) ^ c", "(a^b)^c"),
            ("a < b and (b < c or c < d)", "a < b and (b < c or c < d)"),
            (
                "round(x * 1.5, 2) >= max(a, b, 0.25)",
                "round(x * 1.5, 2) >= max(a, b, 0.25)",
            ),
            ("(a < b) < c", "(a < b) < c"),
            ("a / (b * c)", "a / (b * c)"),
            ("- -a", "--a"),
        ] {
            let e = Expr::parse(src).unwrap();
            assert_eq!(formula(&e), written, "{src}");
            assert_eq!(Expr::parse(&formula(&e)).unwrap(), e, "{src}");
        }
    }
}
