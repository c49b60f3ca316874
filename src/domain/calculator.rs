//! The on-screen calculator of a mock exam, like the basic one testing
//! centres provide: a keypad state machine with no precedence (each
//! operator applies to the running result, left to right), percent,
//! change of sign, backspace, clear entry and memory.
//!
//! Results are held to 15 significant digits and shown to 12, so float
//! noise never shows (0.1 + 0.2 reads 0.3; 1 ÷ 3 × 3 reads 1). A result
//! that is not a finite number (a division by zero) shows "Error" until
//! the next key.

/// Digits a typed number may have.
const MAX_DIGITS: usize = 12;
/// Significant digits shown.
const SHOWN_DIGITS: usize = 12;
/// Significant digits held between steps.
const HELD_DIGITS: usize = 15;

const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];

/// One key of the keypad.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    /// 0–9; a larger number is ignored.
    Digit(u8),
    Point,
    Add,
    Subtract,
    Multiply,
    Divide,
    Equals,
    /// Clears everything but the memory.
    Clear,
    /// Clears the number being entered.
    ClearEntry,
    Backspace,
    Negate,
    Percent,
    MemoryClear,
    MemoryRecall,
    MemoryAdd,
    MemorySubtract,
}

/// The keypad in reading order, `KEYPAD_COLUMNS` keys a row: the memory
/// keys down the left, the operators down the right.
pub const KEYPAD: [Key; 25] = [
    Key::MemoryClear,
    Key::Backspace,
    Key::ClearEntry,
    Key::Clear,
    Key::Negate,
    Key::MemoryRecall,
    Key::Digit(7),
    Key::Digit(8),
    Key::Digit(9),
    Key::Divide,
    Key::MemoryAdd,
    Key::Digit(4),
    Key::Digit(5),
    Key::Digit(6),
    Key::Multiply,
    Key::MemorySubtract,
    Key::Digit(1),
    Key::Digit(2),
    Key::Digit(3),
    Key::Subtract,
    Key::Percent,
    Key::Digit(0),
    Key::Point,
    Key::Equals,
    Key::Add,
];

/// Keys a row of [`KEYPAD`].
pub const KEYPAD_COLUMNS: usize = 5;

impl Key {
    /// The key for a keyboard key (`KeyboardEvent.key`), if it has one.
    /// Escape clears, Delete clears the entry, Enter is equals; a comma is
    /// the decimal point of keyboards that have no full stop on the keypad.
    pub fn from_keyboard(key: &str) -> Option<Key> {
        let k = match key {
            "." | "," => Key::Point,
            "+" => Key::Add,
            "-" | "−" => Key::Subtract,
            "*" | "x" | "X" | "×" => Key::Multiply,
            "/" | "÷" => Key::Divide,
            "Enter" | "=" => Key::Equals,
            "Escape" | "Clear" => Key::Clear,
            "Delete" => Key::ClearEntry,
            "Backspace" => Key::Backspace,
            "%" => Key::Percent,
            _ => {
                return DIGITS
                    .iter()
                    .position(|d| *d == key)
                    .map(|d| Key::Digit(d as u8))
            }
        };
        Some(k)
    }

    /// What the key shows.
    pub fn label(self) -> &'static str {
        match self {
            Key::Digit(d) => DIGITS.get(usize::from(d)).copied().unwrap_or(""),
            Key::Point => ".",
            Key::Add => "+",
            Key::Subtract => "−",
            Key::Multiply => "×",
            Key::Divide => "÷",
            Key::Equals => "=",
            Key::Clear => "C",
            Key::ClearEntry => "CE",
            Key::Backspace => "⌫",
            Key::Negate => "±",
            Key::Percent => "%",
            Key::MemoryClear => "MC",
            Key::MemoryRecall => "MR",
            Key::MemoryAdd => "M+",
            Key::MemorySubtract => "M−",
        }
    }

    /// What the key does, as a screen reader says it.
    pub fn name(self) -> &'static str {
        match self {
            Key::Digit(_) => self.label(),
            Key::Point => "decimal point",
            Key::Add => "plus",
            Key::Subtract => "minus",
            Key::Multiply => "times",
            Key::Divide => "divide",
            Key::Equals => "equals",
            Key::Clear => "clear",
            Key::ClearEntry => "clear entry",
            Key::Backspace => "backspace",
            Key::Negate => "change sign",
            Key::Percent => "percent",
            Key::MemoryClear => "memory clear",
            Key::MemoryRecall => "memory recall",
            Key::MemoryAdd => "memory add",
            Key::MemorySubtract => "memory subtract",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Add,
    Subtract,
    Multiply,
    Divide,
}

impl Op {
    fn apply(self, a: f64, b: f64) -> f64 {
        match self {
            Op::Add => a + b,
            Op::Subtract => a - b,
            Op::Multiply => a * b,
            // By zero: infinite or NaN, which shows "Error".
            Op::Divide => a / b,
        }
    }

    fn label(self) -> &'static str {
        match self {
            Op::Add => "+",
            Op::Subtract => "−",
            Op::Multiply => "×",
            Op::Divide => "÷",
        }
    }
}

/// The calculator's state. Every key sequence is valid: none panics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Calculator {
    /// The number on the display.
    x: f64,
    /// The digits as typed, while a number is being entered.
    entry: Option<String>,
    /// The running result and the operator waiting for its second number.
    pending: Option<(f64, Op)>,
    /// Whether `x` was given (typed, recalled, changed) since the last
    /// operator; if not, a new operator replaces the waiting one.
    operand: bool,
    /// The last operation, which `=` pressed again repeats.
    repeat: Option<(Op, f64)>,
    memory: f64,
    error: bool,
}

impl Calculator {
    /// What the display shows: the number as typed, a result, or "Error".
    pub fn display(&self) -> String {
        if self.error {
            "Error".to_string()
        } else if let Some(e) = &self.entry {
            e.clone()
        } else {
            format_number(self.x)
        }
    }

    /// The operation waiting for its second number ("12 ×"), or nothing.
    pub fn pending(&self) -> String {
        match self.pending {
            Some((a, op)) if !self.error => format!("{} {}", format_number(a), op.label()),
            _ => String::new(),
        }
    }

    /// Whether the memory holds a number other than zero.
    pub fn has_memory(&self) -> bool {
        self.memory != 0.0
    }

    pub fn press(&mut self, key: Key) {
        if self.error {
            // Any key clears the error; a digit or point also starts a number.
            self.clear();
            if !matches!(key, Key::Digit(_) | Key::Point) {
                return;
            }
        }
        match key {
            Key::Digit(d) => self.digit(d),
            Key::Point => self.point(),
            Key::Add => self.operator(Op::Add),
            Key::Subtract => self.operator(Op::Subtract),
            Key::Multiply => self.operator(Op::Multiply),
            Key::Divide => self.operator(Op::Divide),
            Key::Equals => self.equals(),
            Key::Clear => self.clear(),
            Key::ClearEntry => self.set(0.0),
            Key::Backspace => self.backspace(),
            Key::Negate => self.negate(),
            Key::Percent => self.percent(),
            Key::MemoryClear => self.memory = 0.0,
            Key::MemoryRecall => self.set(self.memory),
            Key::MemoryAdd => self.add_to_memory(self.x),
            Key::MemorySubtract => self.add_to_memory(-self.x),
        }
    }

    /// Everything but the memory back to the start.
    fn clear(&mut self) {
        *self = Calculator {
            memory: self.memory,
            ..Calculator::default()
        };
    }

    /// Shows a computed number as the operand, or "Error" if it is not
    /// a finite number.
    fn set(&mut self, v: f64) {
        self.entry = None;
        self.operand = true;
        // Rounding may carry the largest numbers past the largest float.
        let v = held(v);
        if v.is_finite() {
            self.x = v;
        } else {
            self.error = true;
        }
    }

    /// Changes the typed digits and the number they make.
    fn edit(&mut self, f: impl FnOnce(&mut String)) {
        let mut e = self.entry.take().unwrap_or_else(|| "0".to_string());
        f(&mut e);
        if e.is_empty() || e == "-" {
            e = "0".to_string();
        }
        self.x = e.parse().unwrap_or(0.0);
        self.entry = Some(e);
        self.operand = true;
    }

    fn digit(&mut self, d: u8) {
        let Some(digit) = DIGITS.get(usize::from(d)) else {
            return;
        };
        self.edit(|e| {
            if e.chars().filter(char::is_ascii_digit).count() >= MAX_DIGITS {
                return;
            }
            // A leading zero gives way: "0" then "7" is "7", not "07".
            if e == "0" || e == "-0" {
                e.pop();
            }
            e.push_str(digit);
        });
    }

    fn point(&mut self) {
        self.edit(|e| {
            if !e.contains('.') {
                e.push('.');
            }
        });
    }

    fn backspace(&mut self) {
        // A result is not typed; only typed digits go back.
        if self.entry.is_some() {
            self.edit(|e| {
                e.pop();
            });
        }
    }

    fn negate(&mut self) {
        match &self.entry {
            Some(_) => self.edit(|e| {
                if let Some(rest) = e.strip_prefix('-') {
                    *e = rest.to_string();
                } else if e != "0" {
                    e.insert(0, '-');
                }
            }),
            None => self.set(-self.x),
        }
    }

    /// With + or − waiting, a percentage of the running result (200 + 10 %
    /// adds 20); otherwise hundredths (200 × 10 % multiplies by 0.1).
    fn percent(&mut self) {
        let v = match self.pending {
            Some((a, Op::Add | Op::Subtract)) => a * self.x / 100.0,
            _ => self.x / 100.0,
        };
        self.set(v);
    }

    fn operator(&mut self, op: Op) {
        match self.pending {
            Some((a, waiting)) if self.operand => {
                self.set(waiting.apply(a, self.x));
                if self.error {
                    return;
                }
                self.pending = Some((self.x, op));
            }
            // Two operators in a row: the second one counts.
            Some((a, _)) => self.pending = Some((a, op)),
            None => self.pending = Some((self.x, op)),
        }
        self.entry = None;
        self.operand = false;
        self.repeat = None;
    }

    fn equals(&mut self) {
        if let Some((a, op)) = self.pending.take() {
            // "5 + =" adds the 5 shown: 10.
            let b = self.x;
            self.repeat = Some((op, b));
            self.set(op.apply(a, b));
        } else if let Some((op, b)) = self.repeat {
            self.set(op.apply(self.x, b));
        } else {
            self.set(self.x);
        }
        self.operand = false;
    }

    fn add_to_memory(&mut self, v: f64) {
        let m = held(self.memory + v);
        self.entry = None;
        if m.is_finite() {
            self.memory = m;
        } else {
            self.error = true;
        }
    }
}

/// `v` rounded to the digits held between steps, so float noise (0.1 +
/// 0.2 = 0.30000000000000004) does not build up; never -0.
fn held(v: f64) -> f64 {
    let r = format!("{:.*e}", HELD_DIGITS - 1, v).parse().unwrap_or(v);
    if r == 0.0 {
        0.0
    } else {
        r
    }
}

/// A number as the display shows it: 12 significant digits at most, no
/// trailing zeros, and an exponent ("1.5e15", "2.5e-8") when it is too
/// large or too small for 12 places.
pub fn format_number(v: f64) -> String {
    if !v.is_finite() {
        return "Error".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    // "-1.23450000000e3": the rounding decides the exponent.
    let sci = format!("{:.*e}", SHOWN_DIGITS - 1, v);
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let sign = if v < 0.0 { "-" } else { "" };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let digits = digits.trim_end_matches('0');
    let (first, rest) = digits.split_at(1.min(digits.len()));
    if exp >= SHOWN_DIGITS as i32 || exp < -6 {
        let rest = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        return format!("{sign}{first}{rest}e{exp}");
    }
    if exp < 0 {
        let zeros = "0".repeat((-exp - 1) as usize);
        return format!("{sign}0.{zeros}{digits}");
    }
    let whole = exp as usize + 1;
    if digits.len() <= whole {
        format!("{sign}{digits}{}", "0".repeat(whole - digits.len()))
    } else {
        format!("{sign}{}.{}", &digits[..whole], &digits[whole..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rng::Rng;

    /// Presses the keys of a string: digits, `.`, `+-*/=%`, `n` (change
    /// sign), `b` (backspace), `c` (clear entry), `C` (clear), `M` (M+),
    /// `m` (M−), `R` (MR), `Z` (MC). Returns the display.
    fn run(keys: &str) -> String {
        let mut c = Calculator::default();
        press_all(&mut c, keys);
        c.display()
    }

    fn press_all(c: &mut Calculator, keys: &str) {
        for ch in keys.chars() {
            let key = match ch {
                'n' => Key::Negate,
                'b' => Key::Backspace,
                'c' => Key::ClearEntry,
                'C' => Key::Clear,
                'M' => Key::MemoryAdd,
                'm' => Key::MemorySubtract,
                'R' => Key::MemoryRecall,
                'Z' => Key::MemoryClear,
                ' ' => continue,
                ch => Key::from_keyboard(&ch.to_string()).unwrap(),
            };
            c.press(key);
        }
    }

    #[test]
    fn typing_shows_the_digits_as_typed() {
        assert_eq!(Calculator::default().display(), "0");
        assert_eq!(run("007"), "7");
        assert_eq!(run("12.50"), "12.50");
        assert_eq!(run(".5"), "0.5");
        assert_eq!(run("1.2.3"), "1.23");
        assert_eq!(run("0."), "0.");
        // Twelve digits at most.
        assert_eq!(run("1234567890123456"), "123456789012");
        assert_eq!(run("0.12345678901234"), "0.12345678901");
        assert_eq!(run("123b"), "12");
        assert_eq!(run("1bbb"), "0");
        assert_eq!(run("5nb"), "0");
        assert_eq!(run("5n"), "-5");
        assert_eq!(run("5nn"), "5");
        assert_eq!(run("0n"), "0");
        assert_eq!(run("5n0"), "-50");
        assert_eq!(run("0.n"), "-0.");
    }

    #[test]
    fn operations_chain_left_to_right() {
        assert_eq!(run("2+3="), "5");
        assert_eq!(run("2+3*4="), "20");
        assert_eq!(run("2+3*"), "5");
        assert_eq!(run("10-4-3="), "3");
        assert_eq!(run("7/2="), "3.5");
        assert_eq!(run("0.1+0.2="), "0.3");
        assert_eq!(run("1/3*3="), "1");
        assert_eq!(run("1/3="), "0.333333333333");
        assert_eq!(run("2/3="), "0.666666666667");
        // A second operator replaces the first.
        assert_eq!(run("5+-*2="), "10");
        // "=" uses the number shown as the second, and repeats.
        assert_eq!(run("5+="), "10");
        assert_eq!(run("2+3=="), "8");
        assert_eq!(run("2*3==="), "54");
        assert_eq!(run("2+3=7="), "10");
        // A new number after "=" starts again.
        assert_eq!(run("2+3=4*2="), "8");
        assert_eq!(run("2+3=*2="), "10");
        assert_eq!(run("5+3n="), "2");
        assert_eq!(run("5+n="), "0");
    }

    #[test]
    fn the_pending_operation_is_shown() {
        let mut c = Calculator::default();
        press_all(&mut c, "12*");
        assert_eq!(c.pending(), "12 ×");
        press_all(&mut c, "3+");
        assert_eq!(
            (c.pending(), c.display()),
            ("36 +".to_string(), "36".to_string())
        );
        press_all(&mut c, "=");
        assert_eq!(c.pending(), "");
    }

    #[test]
    fn percent_clear_and_memory() {
        assert_eq!(run("200+10%"), "20");
        assert_eq!(run("200+10%="), "220");
        assert_eq!(run("200-10%="), "180");
        assert_eq!(run("200*10%="), "20");
        assert_eq!(run("50%"), "0.5");
        // Clear entry keeps the operation; clear forgets it.
        assert_eq!(run("5+3c2="), "7");
        assert_eq!(run("5+3C2="), "2");
        assert_eq!(run("2+3=b"), "5");
        let mut c = Calculator::default();
        press_all(&mut c, "5M 3M 1m C R");
        assert_eq!(c.display(), "7");
        assert!(c.has_memory());
        press_all(&mut c, "Z R");
        assert_eq!(c.display(), "0");
        assert!(!c.has_memory());
        // Recalled memory is an operand and the next digit starts anew.
        assert_eq!(run("4M C 10+R="), "14");
        assert_eq!(run("4M5"), "5");
    }

    #[test]
    fn division_by_zero_shows_error_until_the_next_key() {
        assert_eq!(run("5/0="), "Error");
        assert_eq!(run("0/0="), "Error");
        assert_eq!(run("5/0*"), "Error");
        assert_eq!(run("5/0=7"), "7");
        assert_eq!(run("5/0=."), "0.");
        assert_eq!(run("5/0=+"), "0");
        assert_eq!(run("5/0=+3="), "3");
        // The memory survives the error.
        assert_eq!(run("9M 5/0= = R"), "9");
        let mut c = Calculator::default();
        press_all(&mut c, "5/0=");
        assert_eq!(c.pending(), "");
        // Too large to hold is an error too.
        assert_eq!(run("999999999999*=*=*=*=*="), "Error");
    }

    #[test]
    fn numbers_show_twelve_digits_without_trailing_zeros() {
        assert_eq!(format_number(0.0), "0");
        assert_eq!(format_number(-0.0), "0");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-2.25), "-2.25");
        assert_eq!(format_number(100.0), "100");
        assert_eq!(format_number(123_456_789_012.0), "123456789012");
        assert_eq!(format_number(1_234_567_890_123.0), "1.23456789012e12");
        assert_eq!(format_number(1e15), "1e15");
        assert_eq!(format_number(-2.5e-8), "-2.5e-8");
        assert_eq!(format_number(0.000125), "0.000125");
        assert_eq!(format_number(0.000_001), "0.000001");
        assert_eq!(format_number(0.999_999_999_999_9), "1");
        assert_eq!(format_number(999_999_999_999.9), "1e12");
        assert_eq!(format_number(f64::NAN), "Error");
        assert_eq!(run("1000000*1000000="), "1e12");
    }

    #[test]
    fn keyboard_keys_map_to_keys() {
        for (k, want) in [
            ("7", Some(Key::Digit(7))),
            ("0", Some(Key::Digit(0))),
            (",", Some(Key::Point)),
            ("x", Some(Key::Multiply)),
            ("*", Some(Key::Multiply)),
            ("/", Some(Key::Divide)),
            ("-", Some(Key::Subtract)),
            ("Enter", Some(Key::Equals)),
            ("=", Some(Key::Equals)),
            ("Escape", Some(Key::Clear)),
            ("Delete", Some(Key::ClearEntry)),
            ("Backspace", Some(Key::Backspace)),
            ("%", Some(Key::Percent)),
            ("a", None),
            ("10", None),
            ("", None),
            ("Tab", None),
        ] {
            assert_eq!(Key::from_keyboard(k), want, "{k}");
        }
        // Every key has a label and a name, and the keypad holds each once.
        for k in KEYPAD {
            assert!(!k.label().is_empty() && !k.name().is_empty(), "{k:?}");
            assert_eq!(KEYPAD.iter().filter(|o| **o == k).count(), 1, "{k:?}");
        }
        assert_eq!(KEYPAD.len() % KEYPAD_COLUMNS, 0);
        assert_eq!(Key::Digit(7).name(), "7");
        assert_eq!(Key::Multiply.name(), "times");
        assert_eq!(Key::Digit(12).label(), "");
    }

    #[test]
    fn random_key_sequences_never_panic_and_always_show_a_number() {
        let keys: Vec<Key> = (0..=10).map(Key::Digit).chain(KEYPAD).collect();
        let mut rng = Rng::new(13);
        for _ in 0..5_000 {
            let mut c = Calculator::default();
            for _ in 0..rng.below(60) {
                // Digits twice as often, so long numbers get typed.
                let k = if rng.below(3) == 0 {
                    Key::Digit(rng.below(10) as u8)
                } else {
                    keys[rng.below(keys.len())]
                };
                c.press(k);
                let shown = c.display();
                if shown == "Error" {
                    continue;
                }
                assert!(
                    shown.parse::<f64>().is_ok_and(f64::is_finite),
                    "{shown} after {c:?}"
                );
                let mantissa = shown.split('e').next().unwrap_or("");
                let significant = mantissa
                    .trim_start_matches('-')
                    .trim_start_matches(['0', '.'])
                    .chars()
                    .filter(char::is_ascii_digit)
                    .count();
                assert!(significant <= 12, "{shown}");
                assert!(shown.len() <= 20, "{shown}");
            }
        }
    }
}
