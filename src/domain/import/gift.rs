//! Moodle GIFT (docs.moodle.org, "GIFT format"), hand-written: questions
//! separated by blank lines, `//` comments, `::title::`, `$CATEGORY:`, and
//! the answers in braces: `{=right ~wrong}`, weighted `~%50%`, `{T}`/`{F}`,
//! numeric `{#2.5:0.1}` and `{#2..3}`, short answer `{=a =%50%b}`,
//! matching `{=a -> b}`, `#feedback` after an answer and `####general
//! feedback`. Essay and description items are reported with their line
//! and skipped. Every search walks
//! forward from where the last one stopped, so a file is read in linear time.

use super::text::{find_unescaped, marker, shown, unescaped, Markup};
use super::{Draft, Meta, Parsed, ProblemKind};
use std::collections::BTreeMap;

use crate::domain::bank::{fmt_number, Accepted, Kind, Pair};
use crate::domain::export::META_PREFIX;

/// Whether a text uses GIFT syntax: a `::title::`, a `$CATEGORY:` or
/// answers in braces on a line that is not a comment.
pub(super) fn looks_like_gift(text: &str) -> bool {
    text.lines().map(str::trim).any(|l| {
        !l.starts_with("//")
            && (l.starts_with("::") || l.starts_with("$CATEGORY:") || l.contains('{'))
    })
}

/// One question's lines (blank lines separate questions), with the
/// `// pharmquiz:` lines among them.
struct Item<'a> {
    /// The text lines, each with its 1-based number.
    lines: Vec<(usize, &'a str)>,
    meta: Vec<(usize, &'a str)>,
}

fn items(text: &str) -> Vec<Item<'_>> {
    let mut out = Vec::new();
    let mut cur = Item {
        lines: Vec::new(),
        meta: Vec::new(),
    };
    for (i, line) in text.lines().enumerate() {
        let t = line.trim();
        if let Some(rest) = t.strip_prefix(META_PREFIX) {
            cur.meta.push((i + 1, rest));
        } else if t.starts_with("//") {
            // A comment: neither text nor the end of a question.
        } else if t.is_empty() {
            if !cur.lines.is_empty() || !cur.meta.is_empty() {
                out.push(std::mem::replace(
                    &mut cur,
                    Item {
                        lines: Vec::new(),
                        meta: Vec::new(),
                    },
                ));
            }
        } else {
            cur.lines.push((i + 1, line));
        }
    }
    if !cur.lines.is_empty() || !cur.meta.is_empty() {
        out.push(cur);
    }
    out
}

/// An item's text joined, and where each of its lines starts in it, so a
/// place in the text gives a line of the file.
struct Joined {
    text: String,
    starts: Vec<(usize, usize)>,
}

impl Joined {
    fn new(lines: &[(usize, &str)]) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(lines.len());
        for (n, l) in lines {
            if !text.is_empty() {
                text.push('\n');
            }
            starts.push((text.len(), *n));
            text.push_str(l);
        }
        Joined { text, starts }
    }

    /// The file line of byte `at` of the text.
    fn line(&self, at: usize) -> usize {
        let i = self.starts.partition_point(|(s, _)| *s <= at);
        self.starts.get(i.saturating_sub(1)).map_or(1, |(_, n)| *n)
    }
}

/// Reads a GIFT file.
pub(super) fn parse(text: &str) -> Parsed {
    let mut out = Parsed::default();
    let mut category: Option<String> = None;
    for item in items(text) {
        let meta = read_meta(&item.meta, &mut out);
        if item.lines.is_empty() {
            take_head(meta, &mut out);
            continue;
        }
        let joined = Joined::new(&item.lines);
        let body = joined.text.trim();
        if let Some(path) = body.strip_prefix("$CATEGORY:") {
            category = category_label(path);
            take_head(meta, &mut out);
            continue;
        }
        let mut meta = meta;
        if meta.bank.is_some() || !meta.topics.is_empty() {
            take_head(std::mem::take(&mut meta), &mut out);
        }
        if let Some(d) = question(&joined, meta, &mut out) {
            out.drafts.push(Draft {
                category: category.clone(),
                ..d
            });
        }
    }
    out
}

/// `$CATEGORY: $course$/top/Pharmacy law` → "Pharmacy law".
fn category_label(path: &str) -> Option<String> {
    path.trim()
        .rsplit('/')
        .map(str::trim)
        .find(|s| !s.is_empty() && !s.starts_with('$') && *s != "top")
        .map(str::to_string)
}

/// Moves the bank's id, title and topics into the file's head.
fn take_head(meta: Meta, out: &mut Parsed) {
    if meta.bank.is_some() {
        out.head.bank = meta.bank;
    }
    out.head.topics.extend(meta.topics);
}

/// The `// pharmquiz: key = value` lines of one item, read as TOML.
fn read_meta(lines: &[(usize, &str)], out: &mut Parsed) -> Meta {
    if lines.is_empty() {
        return Meta::default();
    }
    let doc: Vec<&str> = lines.iter().map(|(_, l)| l.trim()).collect();
    let doc = doc.join("\n");
    match toml::from_str::<Meta>(&doc) {
        Ok(m) => m,
        Err(e) => {
            let at = e.span().map_or(0, |s| s.start);
            let i = doc[..at.min(doc.len())].matches('\n').count();
            let line = lines.get(i).map_or(lines[0].0, |(n, _)| *n);
            out.problem(line, ProblemKind::BadMeta(e.message().trim().to_string()));
            Meta::default()
        }
    }
}

/// One question item: its title, text, answers and feedback.
fn question(joined: &Joined, meta: Meta, out: &mut Parsed) -> Option<Draft> {
    let text = joined.text.as_str();
    let first_line = joined.line(0);
    let lead = text.len() - text.trim_start().len();
    let (title, rest_at) = if text[lead..].starts_with("::") {
        match find_unescaped(text, lead + 2, "::") {
            Some(end) => (
                Some(shown(&text[lead + 2..end], Some(Markup::Plain))),
                end + 2,
            ),
            None => {
                out.count("unreadable");
                out.problem(first_line, ProblemKind::UnclosedTitle);
                return None;
            }
        }
    } else {
        (None, lead)
    };
    let Some(open) = find_unescaped(text, rest_at, "{") else {
        return match find_unescaped(text, rest_at, "}") {
            Some(close) => {
                out.count("unreadable");
                out.problem(joined.line(close), ProblemKind::StrayClose);
                None
            }
            None => {
                out.count("description");
                out.problem(first_line, ProblemKind::Description);
                None
            }
        };
    };
    let Some(close) = find_unescaped(text, open + 1, "}") else {
        out.count("unreadable");
        out.problem(joined.line(open), ProblemKind::Unclosed);
        return None;
    };
    let after = &text[close + 1..];
    if let Some(extra) = unescaped(after).find(|(_, c)| *c == '{' || *c == '}') {
        out.count("unreadable");
        let kind = if extra.1 == '}' {
            ProblemKind::StrayClose
        } else {
            ProblemKind::SecondAnswers
        };
        out.problem(joined.line(close + 1 + extra.0), kind);
        return None;
    }
    let (markup, _) = marker(&text[rest_at..open]);
    let mut stem = shown(&text[rest_at..open], None);
    let after = shown(after, markup);
    let answers = Answers {
        joined,
        start: open + 1,
        end: close,
        markup,
    };
    let (kind, explanation, option_feedback) = answers.read(out)?;
    if !after.is_empty() {
        stem = format!("{stem} _____ {after}");
        out.problem(first_line, ProblemKind::MissingWord);
    }
    if stem.is_empty() {
        out.problem(first_line, ProblemKind::EmptyStem);
        return None;
    }
    Some(Draft {
        line: first_line,
        title,
        kind,
        stem,
        explanation,
        category: None,
        meta,
        option_feedback,
    })
}

/// The text between a question's braces.
struct Answers<'a> {
    joined: &'a Joined,
    /// Byte range of the answers in `joined.text`.
    start: usize,
    end: usize,
    /// The question text's format, which answers and feedback default to.
    markup: Option<Markup>,
}

/// One answer: its mark (`=` or `~`), weight, text and feedback.
struct Answer {
    at: usize,
    mark: char,
    weight: Option<f64>,
    raw: String,
    feedback: String,
}

impl Answers<'_> {
    fn text(&self) -> &str {
        &self.joined.text[self.start..self.end]
    }

    /// The question's kind, explanation and per-option feedback, counting
    /// what it is; `None` (with the problem reported) when it can't be
    /// imported.
    fn read(&self, out: &mut Parsed) -> Option<(Kind, String, BTreeMap<usize, String>)> {
        let inner = self.text();
        let (body, general) = match find_unescaped(inner, 0, "####") {
            Some(g) => (&inner[..g], shown(&inner[g + 4..], self.markup)),
            None => (inner, String::new()),
        };
        let line = self.joined.line(self.start);
        let trimmed = body.trim();
        if trimmed.is_empty() {
            out.count("essay");
            out.problem(line, ProblemKind::Essay);
            return None;
        }
        if let Some(numeric) = trimmed.strip_prefix('#') {
            out.count("numeric");
            let at = self.start + (body.len() - body.trim_start().len()) + 1;
            let (kind, why) = self.numeric(numeric, at, out)?;
            return Some((kind, explain(general, why), BTreeMap::new()));
        }
        if let Some((answer, why)) = self.true_false(trimmed) {
            out.count("true/false");
            let kind = Kind::TrueFalse { answer };
            return Some((kind, explain(general, why), BTreeMap::new()));
        }
        let answers = self.split(body, out)?;
        if answers
            .iter()
            .any(|a| find_unescaped(&a.raw, 0, "->").is_some())
        {
            out.count("matching");
            let (kind, why) = self.matching(answers, out)?;
            return Some((kind, explain(general, why), BTreeMap::new()));
        }
        if answers.iter().all(|a| a.mark == '=') {
            out.count("short answer");
            let (kind, why) = self.short_answer(answers, out)?;
            return Some((kind, explain(general, why), BTreeMap::new()));
        }
        self.choice(answers, general, out)
    }

    /// `{=ISO Class 5 =%50%Class 5#feedback}`: every answer that earns
    /// credit is accepted with its weight (100 % when none is given).
    fn short_answer(&self, answers: Vec<Answer>, out: &mut Parsed) -> Option<(Kind, Vec<String>)> {
        let mut accepted = Vec::new();
        let mut why = Vec::new();
        let mut no_credit = 0;
        for a in &answers {
            let text = shown(&a.raw, self.markup);
            if text.is_empty() {
                out.problem(a.at, ProblemKind::EmptyAnswer);
                return None;
            }
            let credit = a.weight.unwrap_or(100.0).round();
            if credit <= 0.0 {
                no_credit += 1;
                continue;
            }
            if !a.feedback.is_empty() {
                why.push(format!("Why {text}: {}", a.feedback));
            }
            accepted.push(Accepted {
                text,
                credit: credit.min(100.0) as u8,
            });
        }
        if no_credit > 0 {
            out.problem(
                self.joined.line(self.start),
                ProblemKind::NoCreditAnswers(no_credit),
            );
        }
        Some((Kind::ShortAnswer { answers: accepted }, why))
    }

    /// `{=prompt -> answer =prompt -> answer …}`. Answers without a prompt
    /// (Moodle's extra wrong answers) are left out with a note.
    fn matching(&self, answers: Vec<Answer>, out: &mut Parsed) -> Option<(Kind, Vec<String>)> {
        let line = self.joined.line(self.start);
        let mut pairs = Vec::new();
        let mut why = Vec::new();
        let mut extra = 0;
        for a in &answers {
            let Some(arrow) = find_unescaped(&a.raw, 0, "->") else {
                out.problem(a.at, ProblemKind::MatchingWithoutArrow);
                return None;
            };
            let prompt = shown(&a.raw[..arrow], self.markup);
            let answer = shown(&a.raw[arrow + 2..], self.markup);
            if answer.is_empty() {
                out.problem(a.at, ProblemKind::EmptyAnswer);
                return None;
            }
            if prompt.is_empty() {
                extra += 1;
                continue;
            }
            if !a.feedback.is_empty() {
                why.push(format!("{prompt} → {answer}: {}", a.feedback));
            }
            pairs.push(Pair { prompt, answer });
        }
        if extra > 0 {
            out.problem(line, ProblemKind::ExtraMatchAnswers(extra));
        }
        if pairs.len() < 2 {
            out.problem(line, ProblemKind::MatchingOnePair);
            return None;
        }
        Some((Kind::Matching { pairs }, why))
    }

    /// `{T}`, `{FALSE#wrong-answer feedback#right-answer feedback}`.
    fn true_false(&self, body: &str) -> Option<(bool, Vec<String>)> {
        let hash = find_unescaped(body, 0, "#").unwrap_or(body.len());
        let answer = match body[..hash].trim().to_ascii_uppercase().as_str() {
            "T" | "TRUE" => true,
            "F" | "FALSE" => false,
            _ => return None,
        };
        let mut why = Vec::new();
        let feedback = body.get(hash + 1..).unwrap_or("");
        let (wrong, right) = match find_unescaped(feedback, 0, "#") {
            Some(h) => (&feedback[..h], &feedback[h + 1..]),
            None => (feedback, ""),
        };
        let name = |b: bool| if b { "True" } else { "False" };
        let wrong = shown(wrong, self.markup);
        if !wrong.is_empty() {
            why.push(format!("Why not {}: {wrong}", name(!answer)));
        }
        let right = shown(right, self.markup);
        if !right.is_empty() {
            why.push(format!("Why {}: {right}", name(answer)));
        }
        Some((answer, why))
    }

    /// The answers of a choice, short-answer or matching question, each
    /// starting at an unescaped `=` or `~`.
    fn split(&self, body: &str, out: &mut Parsed) -> Option<Vec<Answer>> {
        let marks: Vec<(usize, char)> = unescaped(body)
            .filter(|(_, c)| *c == '=' || *c == '~')
            .collect();
        let line = self.joined.line(self.start);
        let before = marks.first().map_or(body.len(), |m| m.0);
        if !body[..before].trim().is_empty() {
            out.count("unreadable");
            out.problem(line, ProblemKind::TextBeforeAnswers);
            return None;
        }
        let mut answers = Vec::with_capacity(marks.len());
        for (k, &(at, mark)) in marks.iter().enumerate() {
            let end = marks.get(k + 1).map_or(body.len(), |m| m.0);
            let mut part = &body[at + 1..end];
            let mut weight = None;
            let answer_line = self.joined.line(self.start + at);
            if let Some(w) = part.strip_prefix('%') {
                let Some(close) = w.find('%') else {
                    out.count("unreadable");
                    out.problem(answer_line, ProblemKind::BadWeight(w.trim().into()));
                    return None;
                };
                weight = Some(read_weight(&w[..close], answer_line, out)?);
                part = &w[close + 1..];
            }
            let (raw, feedback) = match find_unescaped(part, 0, "#") {
                Some(h) => (&part[..h], shown(&part[h + 1..], self.markup)),
                None => (part, String::new()),
            };
            answers.push(Answer {
                at: answer_line,
                mark,
                weight,
                raw: raw.to_string(),
                feedback,
            });
        }
        Some(answers)
    }

    /// Multiple choice (one `=`) or multiple response (positive weights);
    /// each answer's `#feedback` becomes that option's feedback.
    fn choice(
        &self,
        answers: Vec<Answer>,
        general: String,
        out: &mut Parsed,
    ) -> Option<(Kind, String, BTreeMap<usize, String>)> {
        let line = self.joined.line(self.start);
        let weights: Vec<f64> = answers
            .iter()
            .map(|a| a.weight.unwrap_or(if a.mark == '=' { 100.0 } else { 0.0 }))
            .collect();
        let keys: Vec<usize> = (0..answers.len()).filter(|&i| weights[i] > 0.0).collect();
        let what = if keys.len() > 1 {
            "multiple response"
        } else {
            "multiple choice"
        };
        out.count(what);
        let mut options = Vec::with_capacity(answers.len());
        for a in &answers {
            let text = shown(&a.raw, self.markup);
            if text.is_empty() {
                out.problem(a.at, ProblemKind::EmptyAnswer);
                return None;
            }
            options.push(text);
        }
        let unweighted_right = answers
            .iter()
            .filter(|a| a.mark == '=' && a.weight.is_none())
            .count();
        if unweighted_right > 1 {
            out.problem(line, ProblemKind::SeveralRight(unweighted_right));
            return None;
        }
        if keys.is_empty() {
            out.problem(line, ProblemKind::NoRightAnswer);
            return None;
        }
        if !weights_exact(&weights, keys.len()) {
            let listed: Vec<String> = weights
                .iter()
                .map(|w| format!("{} %", fmt_number(*w)))
                .collect();
            let letters: Vec<String> = keys.iter().map(|&k| letter(k)).collect();
            out.problem(
                line,
                ProblemKind::WeightsNotExact {
                    weights: listed.join(", "),
                    keys: letters.join(", "),
                },
            );
        }
        let feedback: BTreeMap<usize, String> = answers
            .iter()
            .enumerate()
            .filter(|(_, a)| !a.feedback.is_empty())
            .map(|(i, a)| (i, a.feedback.clone()))
            .collect();
        let kind = match keys[..] {
            [correct] => Kind::Single { options, correct },
            _ => Kind::Multiple {
                options,
                correct: keys,
            },
        };
        Some((kind, explain(general, Vec::new()), feedback))
    }

    /// `{#2.5:0.1}`, `{#2..3}`, or several `{#=%100%2.5:0.1 =%50%2.4:0.2}`.
    fn numeric(&self, body: &str, at: usize, out: &mut Parsed) -> Option<(Kind, Vec<String>)> {
        let line = self.joined.line(at);
        let parts: Vec<(usize, &str)> = if body.trim_start().starts_with('=') {
            let marks: Vec<usize> = unescaped(body)
                .filter(|(_, c)| *c == '=')
                .map(|(i, _)| i)
                .collect();
            marks
                .iter()
                .enumerate()
                .map(|(k, &m)| {
                    (
                        m,
                        &body[m + 1..marks.get(k + 1).copied().unwrap_or(body.len())],
                    )
                })
                .collect()
        } else {
            vec![(0, body)]
        };
        let mut full: Vec<(f64, f64, String)> = Vec::new();
        for (offset, part) in &parts {
            let part_line = self.joined.line(at + offset);
            let mut part = *part;
            let mut weight = 100.0;
            if let Some(w) = part.trim_start().strip_prefix('%') {
                let Some(close) = w.find('%') else {
                    out.problem(part_line, ProblemKind::BadWeight(w.trim().into()));
                    return None;
                };
                weight = read_weight(&w[..close], part_line, out)?;
                part = &w[close + 1..];
            }
            let (value, feedback) = match find_unescaped(part, 0, "#") {
                Some(h) => (&part[..h], shown(&part[h + 1..], self.markup)),
                None => (part, String::new()),
            };
            let Some((answer, tolerance)) = read_number(value) else {
                out.problem(part_line, ProblemKind::NoNumber(value.trim().into()));
                return None;
            };
            if (weight - 100.0).abs() < 1e-9 {
                full.push((answer, tolerance, feedback));
            }
        }
        let Some((answer, tolerance, feedback)) = full.first().cloned() else {
            out.problem(line, ProblemKind::NoFullCredit);
            return None;
        };
        if parts.len() > 1 {
            let kept = if tolerance > 0.0 {
                format!("{} ± {}", fmt_number(answer), fmt_number(tolerance))
            } else {
                fmt_number(answer)
            };
            out.problem(
                line,
                ProblemKind::NumericKept {
                    count: parts.len(),
                    kept,
                },
            );
        }
        let why = if feedback.is_empty() {
            Vec::new()
        } else {
            vec![format!("Why {}: {feedback}", fmt_number(answer))]
        };
        let kind = Kind::Numeric {
            answer,
            tolerance,
            unit: String::new(),
        };
        Some((kind, why))
    }
}

/// A weight between `%` signs: a percentage from -100 to 100.
fn read_weight(w: &str, line: usize, out: &mut Parsed) -> Option<f64> {
    match w.trim().parse::<f64>() {
        Ok(x) if x.is_finite() && x > 100.0 => {
            out.problem(line, ProblemKind::WeightOver(w.trim().into()));
            None
        }
        Ok(x) if x.is_finite() && x >= -100.0 => Some(x),
        _ => {
            out.problem(line, ProblemKind::BadWeight(w.trim().into()));
            None
        }
    }
}

/// `2.5:0.1` (answer and tolerance), `2..3` (a range: its midpoint, and
/// half its width as the tolerance) or `2.5` (exact).
fn read_number(s: &str) -> Option<(f64, f64)> {
    let s = s.trim();
    let num = |t: &str| t.trim().parse::<f64>().ok().filter(|x| x.is_finite());
    if let Some((lo, hi)) = s.split_once("..") {
        let (lo, hi) = (num(lo)?, num(hi)?);
        let (lo, hi) = if lo <= hi { (lo, hi) } else { (hi, lo) };
        let mid = lo + (hi - lo) / 2.0;
        return Some((mid, mid - lo)).filter(|(m, t)| m.is_finite() && t.is_finite());
    }
    match s.split_once(':') {
        Some((a, t)) => Some((num(a)?, num(t)?.abs())),
        None => Some((num(s)?, 0.0)),
    }
}

/// The general feedback, then each answer's feedback on its own line.
fn explain(general: String, why: Vec<String>) -> String {
    let mut lines = Vec::with_capacity(why.len() + 1);
    if !general.is_empty() {
        lines.push(general);
    }
    lines.extend(why);
    lines.join("\n")
}

/// Whether weights say exactly what PharmQuiz marks: right options share
/// 100 % equally and no other option gives credit.
fn weights_exact(weights: &[f64], keys: usize) -> bool {
    let share = 100.0 / keys.max(1) as f64;
    weights
        .iter()
        .all(|&w| w <= 0.0 || (w - share).abs() < 0.01)
}

fn letter(i: usize) -> String {
    char::from(b'A' + (i.min(25) as u8)).to_string()
}

#[cfg(test)]
mod tests {
    use super::super::{import, Imported, ProblemKind, Severity};
    use super::*;
    use crate::domain::manifest::Manifest;

    fn manifest() -> Manifest {
        Manifest::parse(include_str!("../../../questions/manifest.toml")).unwrap_or_default()
    }

    fn imp(text: &str) -> Imported {
        import("law.gift", text, &manifest()).unwrap()
    }

    /// (line, problem) pairs, for comparing.
    fn problems(i: &Imported) -> Vec<(usize, ProblemKind)> {
        i.problems
            .iter()
            .map(|p| (p.line, p.kind.clone()))
            .collect()
    }

    fn kinds(text: &str) -> Vec<Kind> {
        parse(text).drafts.into_iter().map(|d| d.kind).collect()
    }

    #[test]
    fn titles_comments_blank_lines_and_categories() {
        let text = "// a comment at the top\n\n$CATEGORY: $course$/top/Pharmacy law\n\n::law-1:: Which DEA form reports a theft?\n// a comment inside the question\n{=Form 106 ~Form 222 ~Form 41}\n\n\n\n::law 2::Schedule II drugs need a written order. {T}\n";
        let p = parse(text);
        assert_eq!(p.drafts.len(), 2);
        assert_eq!(p.drafts[0].title.as_deref(), Some("law-1"));
        assert_eq!(p.drafts[0].line, 5);
        assert_eq!(p.drafts[0].stem, "Which DEA form reports a theft?");
        assert_eq!(p.drafts[0].category.as_deref(), Some("Pharmacy law"));
        assert_eq!(
            p.drafts[0].kind,
            Kind::Single {
                options: vec!["Form 106".into(), "Form 222".into(), "Form 41".into()],
                correct: 0
            }
        );
        assert_eq!(p.drafts[1].line, 11);
        let i = imp(text);
        let bank = i.bank.as_ref().unwrap();
        assert_eq!(bank.id, "law");
        assert_eq!(bank.topics.len(), 1);
        assert_eq!(bank.topics[0].label, "Pharmacy law");
        assert_eq!(bank.questions[0].tags, vec![bank.topics[0].id.clone()]);
        // A title that is not an id becomes one.
        assert_eq!(bank.questions[1].id, "law-2");
        assert_eq!(i.read_summary(), "1 multiple choice, 1 true/false");
    }

    #[test]
    fn true_false_in_every_spelling_with_feedback() {
        let ks = kinds("a {T}\n\nb {F}\n\nc {TRUE}\n\nd {false}\n");
        let answers: Vec<bool> = ks
            .iter()
            .map(|k| matches!(k, Kind::TrueFalse { answer: true }))
            .collect();
        assert_eq!(answers, vec![true, false, true, false]);
        let p = parse(
            "Grant is buried in Grant's tomb. {F#No, he is.#Right.####He was moved in 1897.}",
        );
        assert_eq!(
            p.drafts[0].explanation,
            "He was moved in 1897.\nWhy not True: No, he is.\nWhy False: Right."
        );
    }

    #[test]
    fn weighted_multiple_response_keys_the_positive_weights() {
        let text = "Which are Schedule II? {~%50%Morphine ~%50%Oxycodone ~%-100%Diazepam ~%-100%Codeine cough syrup}";
        let p = parse(text);
        assert_eq!(
            p.drafts[0].kind,
            Kind::Multiple {
                options: vec![
                    "Morphine".into(),
                    "Oxycodone".into(),
                    "Diazepam".into(),
                    "Codeine cough syrup".into()
                ],
                correct: vec![0, 1]
            }
        );
        assert!(p.problems.is_empty(), "{:?}", p.problems);
        // The stem gets its count, and the change is a note.
        let i = imp(text);
        let q = &i.bank.as_ref().unwrap().questions[0];
        assert_eq!(q.stem, "Which are Schedule II? Select TWO.");
        assert_eq!(
            problems(&i),
            vec![(1, ProblemKind::SelectAdded("Select TWO.".into()))]
        );
        // Weights that are not an equal split are reported.
        let p = parse("Pick. Select TWO. {~%70%a ~%30%b ~%0%c ~d}");
        assert_eq!(
            p.problems[0].kind,
            ProblemKind::WeightsNotExact {
                weights: "70 %, 30 %, 0 %, 0 %".into(),
                keys: "A, B".into()
            }
        );
        assert_eq!(p.problems[0].kind.severity(), Severity::Note);
        // 33.33333 three ways is exact.
        let p = parse("Pick. Select THREE. {~%33.33333%a ~%33.33333%b ~%33.33333%c ~%-100%d}");
        assert!(p.problems.is_empty(), "{:?}", p.problems);
    }

    #[test]
    fn numeric_answers_tolerances_ranges_and_several() {
        let num = |t: &str| match &kinds(t)[..] {
            [Kind::Numeric {
                answer, tolerance, ..
            }] => (*answer, *tolerance),
            other => panic!("{t}: {other:?}"),
        };
        assert_eq!(num("x {#2.5:0.1}"), (2.5, 0.1));
        assert_eq!(num("x {#12}"), (12.0, 0.0));
        assert_eq!(num("x {#1..5}"), (3.0, 2.0));
        assert_eq!(num("x {#-4:0.5}"), (-4.0, 0.5));
        let p = parse("When? {#\n=1822:0 #Right\n=%50%1821:1 #Close\n}");
        assert!(matches!(p.drafts[0].kind, Kind::Numeric { answer, .. } if answer == 1822.0));
        assert_eq!(p.drafts[0].explanation, "Why 1822: Right");
        assert_eq!(
            p.problems,
            vec![super::super::Problem {
                line: 1,
                kind: ProblemKind::NumericKept {
                    count: 2,
                    kept: "1822".into()
                }
            }]
        );
    }

    #[test]
    fn per_answer_feedback_goes_to_its_option_and_general_to_the_explanation() {
        let p = parse("::q::What's between orange and green? {\n=yellow # right; good!\n~red # wrong, it's yellow\n~blue\n#### Yellow sits between them.\n}");
        assert_eq!(p.drafts[0].explanation, "Yellow sits between them.");
        assert_eq!(
            p.drafts[0].option_feedback,
            BTreeMap::from([
                (0, "right; good!".to_string()),
                (1, "wrong, it's yellow".to_string())
            ])
        );
    }

    #[test]
    fn escapes_work_in_text_answers_and_feedback() {
        let p = parse(
            r"::a\:b::Is 1 \= 1 \{really\}? {=yes \~ sure #it is \# one ~no \: never #ok ~maybe}",
        );
        let d = &p.drafts[0];
        assert_eq!(d.title.as_deref(), Some("a:b"));
        assert_eq!(d.stem, "Is 1 = 1 {really}?");
        assert_eq!(
            d.kind,
            Kind::Single {
                options: vec!["yes ~ sure".into(), "no : never".into(), "maybe".into()],
                correct: 0
            }
        );
        assert_eq!(
            d.option_feedback,
            BTreeMap::from([(0, "it is # one".to_string()), (1, "ok".to_string())])
        );
        let p = parse(r"Line one\nline two {T}");
        assert_eq!(p.drafts[0].stem, "Line one\nline two");
    }

    #[test]
    fn format_markers_show_plain_text_never_html() {
        let p = parse("::h::[html]<p>Store <b>below</b> 25 &deg;C?</p> {=[html]<i>Yes</i> ~No ~Only when open}");
        assert_eq!(p.drafts[0].stem, "Store below 25 °C?");
        assert_eq!(p.drafts[0].kind.options()[0], "Yes");
        let p = parse("::p::[plain]Is 5 <b> 3? {T}");
        assert_eq!(p.drafts[0].stem, "Is 5 <b> 3?");
        let p = parse("::m::[markdown]Is *this* bold? {F}\n\n::o::[moodle]A <br>break {T}");
        assert_eq!(p.drafts[0].stem, "Is *this* bold?");
        assert_eq!(p.drafts[1].stem, "A\nbreak");
    }

    #[test]
    fn essays_and_descriptions_are_skipped_with_their_line() {
        let text = "Intro text with no answers.\n\n::sa::Two plus {=two =2} equals four.\n\n::m::Match. {=cat -> cat food =dog -> dog food =cow -> grass}\n\n::e::Write an essay. {}\n\n::ok::Fine? {T}\n";
        let i = imp(text);
        assert_eq!(
            problems(&i),
            vec![
                (1, ProblemKind::Description),
                (3, ProblemKind::MissingWord),
                (7, ProblemKind::Essay),
            ]
        );
        assert_eq!(i.count(), 3);
        assert_eq!(
            i.read_summary(),
            "1 description, 1 essay, 1 matching, 1 short answer, 1 true/false"
        );
    }

    #[test]
    fn short_answers_with_weights_feedback_and_escapes() {
        let p = parse("::sa::Which ISO class is a PEC? {\n=ISO Class 5 # exactly\n=%50%Class 5\n=%0%Class 7 # that is the buffer room\n=5 \\= five\n}");
        assert_eq!(
            p.drafts[0].kind,
            Kind::ShortAnswer {
                answers: vec![
                    Accepted {
                        text: "ISO Class 5".into(),
                        credit: 100
                    },
                    Accepted {
                        text: "Class 5".into(),
                        credit: 50
                    },
                    Accepted {
                        text: "5 = five".into(),
                        credit: 100
                    },
                ]
            }
        );
        assert_eq!(p.drafts[0].explanation, "Why ISO Class 5: exactly");
        assert_eq!(
            p.problems
                .iter()
                .map(|p| (p.line, p.kind.clone()))
                .collect::<Vec<_>>(),
            vec![(1, ProblemKind::NoCreditAnswers(1))]
        );
    }

    #[test]
    fn matching_pairs_escapes_and_extra_answers() {
        let p = parse("::m::Match each area to its ISO class. {\n=PEC -> ISO 5 # the cleanest\n=Buffer room -> ISO 7\n=Ante-room \\(positive\\) -> ISO 8\n= -> ISO 9\n}");
        assert_eq!(
            p.drafts[0].kind,
            Kind::Matching {
                pairs: vec![
                    Pair {
                        prompt: "PEC".into(),
                        answer: "ISO 5".into()
                    },
                    Pair {
                        prompt: "Buffer room".into(),
                        answer: "ISO 7".into()
                    },
                    Pair {
                        prompt: "Ante-room \\(positive\\)".into(),
                        answer: "ISO 8".into()
                    },
                ]
            }
        );
        assert_eq!(p.drafts[0].explanation, "PEC → ISO 5: the cleanest");
        assert_eq!(p.problems[0].kind, ProblemKind::ExtraMatchAnswers(1));
        // Two pairs read, but the validator wants three to eight.
        let i = imp("::two::Match. {=a -> b =c -> d}\n\n::ok::Fine? {T}\n");
        assert_eq!(i.count(), 1);
        assert!(
            i.problems[0].to_string().contains("between 3 and 8 pairs"),
            "{}",
            i.problems[0]
        );
        let p = parse("x {=a -> b =c d}");
        assert_eq!(p.problems[0].kind, ProblemKind::MatchingWithoutArrow);
    }

    #[test]
    fn missing_word_joins_the_text_with_a_blank() {
        let p = parse("Grant is {~buried =entombed ~living} in Grant's tomb.");
        assert_eq!(p.drafts[0].stem, "Grant is _____ in Grant's tomb.");
        assert_eq!(p.problems[0].kind, ProblemKind::MissingWord);
    }

    #[test]
    fn broken_inputs_name_their_lines() {
        let text = "::a::Fine? {T}\n\n::b::Unclosed on line 3 {\n=one\n~two\n\n::c::Heavy {~%150%a ~b ~c}\n\n::d::How many?\n{#abc}\n\n::e::One pair {=a -> b}\n\n::f::No right {~a ~b ~c}\n\n::g Title never closed {T}\n\nstray } here\n";
        let i = imp(text);
        assert_eq!(
            problems(&i),
            vec![
                (3, ProblemKind::Unclosed),
                (7, ProblemKind::WeightOver("150".into())),
                (10, ProblemKind::NoNumber("abc".into())),
                (12, ProblemKind::MatchingOnePair),
                (14, ProblemKind::NoRightAnswer),
                (16, ProblemKind::UnclosedTitle),
                (18, ProblemKind::StrayClose),
            ]
        );
        assert_eq!(i.count(), 1);
        assert_eq!(
            i.problems[0].to_string(),
            "Line 3 (not imported): the `{` that opens the answers is not closed by a `}` before the blank line that ends the question"
        );
        let p = parse("x {#}");
        assert_eq!(p.problems[0].kind, ProblemKind::NoNumber("".into()));
        let p = parse("x {=a =b ~c}");
        assert_eq!(p.problems[0].kind, ProblemKind::SeveralRight(2));
        let p = parse("x {~%abc%a ~b}");
        assert_eq!(p.problems[0].kind, ProblemKind::BadWeight("abc".into()));
    }

    #[test]
    fn validator_problems_come_back_on_the_gift_line() {
        // Two options: the validator wants three to six.
        let i = imp("::ok::Fine? {T}\n\n\n::two::Only two? {=a ~b}\n");
        assert_eq!(
            problems(&i),
            vec![(
                4,
                ProblemKind::Invalid("needs between 3 and 6 options, found 2".into())
            )]
        );
        assert_eq!(i.count(), 1);
        assert!(i.toml.contains("id = \"ok\"") && !i.toml.contains("two"));
    }

    #[test]
    fn questions_without_citation_are_kept_marked_uncited() {
        let i = imp("::a::Fine? {T####Because.}\n\n::b::Also? {F}\n");
        let ids: Vec<(&str, &str)> = i
            .uncited
            .iter()
            .map(|u| (u.id.as_str(), u.missing))
            .collect();
        assert_eq!(
            ids,
            vec![("a", "citation"), ("b", "citation and no explanation")]
        );
        let bank = i.bank.unwrap();
        assert!(bank.questions.iter().all(|q| q.uncited));
        assert_eq!(
            bank.questions[0].citation.to_string(),
            "Uncited, imported from law.gift (no source given)"
        );
        assert!(i.toml.contains("uncited = true"));
        // The same text is refused as a built-in bank.
        let es = crate::domain::bank::parse_bank(
            "law.toml",
            &i.toml,
            Some("law"),
            &manifest(),
            crate::domain::bank::Depth::Quick,
        )
        .unwrap_err();
        assert!(es
            .iter()
            .all(|e| e.kind == crate::domain::bank::BankErrorKind::UncitedBuiltIn));
    }

    #[test]
    fn pharmquiz_comments_carry_what_gift_cannot() {
        let text = "// pharmquiz: bank = { id = \"site\", title = \"Our site\", version = 3 }\n// pharmquiz: topics = [{ id = \"sop\", label = \"Our SOPs\" }]\n\n// pharmquiz: difficulty = \"hard\"\n// pharmquiz: tags = [\"sop\"]\n// pharmquiz: citation = { source = \"SOP 12\", section = \"4.2\", edition = \"2025\" }\n::site-1::Fridge log checked twice daily? {T####Our SOP says so.}\n\n// pharmquiz: tags = [oops]\n::site-2::Broken meta? {T####x}\n";
        let i = imp(text);
        let bank = i.bank.unwrap();
        assert_eq!(
            (bank.id.as_str(), bank.title.as_str(), bank.version),
            ("site", "Our site", 3)
        );
        let q = &bank.questions[0];
        assert_eq!(q.difficulty, crate::domain::bank::Difficulty::Hard);
        assert_eq!(q.tags, vec!["sop"]);
        assert_eq!(q.citation.source, "SOP 12");
        assert!(!q.uncited);
        assert_eq!(i.problems.len(), 1);
        assert_eq!(i.problems[0].line, 9);
        assert!(matches!(i.problems[0].kind, ProblemKind::BadMeta(_)));
    }

    #[test]
    fn a_built_in_bank_id_gets_a_new_one() {
        let i = imp("// pharmquiz: bank = { id = \"inventory\", title = \"Inv\" }\n\nx? {T}\n");
        assert_eq!(i.bank.unwrap().id, "inventory-imported");
        assert!(matches!(i.problems[0].kind, ProblemKind::BankRenamed(..)));
    }

    #[test]
    fn detection_by_extension_and_content() {
        use super::super::{detect, Format};
        assert_eq!(detect("a.gift", ""), Format::Gift);
        assert_eq!(
            detect("a.txt", "Q?\nA. x\nB. y\nANSWER: A\n"),
            Format::Aiken
        );
        assert_eq!(detect("a.txt", "::t::Q? {T}"), Format::Gift);
        assert_eq!(detect("a.TXT", "// c\nQ? {\n=a\n~b\n}"), Format::Gift);
        assert_eq!(detect("a.aiken", "x"), Format::Aiken);
        assert_eq!(detect("a.csv", "x"), Format::Csv);
        assert_eq!(detect("a.toml", "x"), Format::Toml);
        assert_eq!(
            detect("download", "id = \"a\"\n[[questions]]\n"),
            Format::Toml
        );
        assert_eq!(detect("download", "stem;answer\nx;y\n"), Format::Csv);
        assert_eq!(detect("download", "Q?\nA) x\nANSWER: A"), Format::Aiken);
    }
}
