//! Exam profiles (`questions/exam-profiles.toml`): for each credential the
//! banks prepare for, the exam's format, its domains with their weights, the
//! sources they come from, and which of our topics serve each domain. Mock
//! exams (`mock`) and readiness (`readiness`) are built on them.
//!
//! Parsing collects every problem (not just the first), each with its line,
//! so an author fixes the file in one pass, as with banks.

use serde::{Deserialize, Serialize};
use thiserror::Error;
use toml::Spanned;

use super::bank::{day_from_toml, Bank, Question, OUTLINES};
use super::calendar::Day;
use super::limits::{MAX_QUESTIONS, MAX_TIME_LIMIT_SECS};
use super::manifest::Manifest;
use super::quiz::QRef;

/// The longest answering time a profile may give: a quiz's time limit.
const MAX_MINUTES: u32 = MAX_TIME_LIMIT_SECS / 60;

/// How far the weights of a profile may stray from 100 (rounding in sources).
const WEIGHT_SLACK: f64 = 0.01;

/// Where a profile's domain weights come from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub title: String,
    pub publisher: String,
    /// The edition or date of the page, as found.
    pub version: String,
    pub url: String,
    /// The publisher's own page (`true`) or a third party's (`false`).
    pub primary: bool,
}

/// A page that confirms, adds to or contradicts the main source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtherSource {
    pub title: String,
    pub publisher: String,
    pub version: String,
    pub url: String,
    pub primary: bool,
    /// What this page says, in a line.
    pub gives: String,
}

/// How much of a domain our topics serve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Coverage {
    /// The topics serve the whole domain, as far as we know.
    Full,
    /// The topics serve only part of the domain's sub-areas (`coverage = "partial"`).
    Partial,
    /// No topic fits (`uncovered = true`): mock exams leave the domain out.
    Uncovered,
}

impl Coverage {
    /// "full", "partial" or "uncovered", as `bank-check --json` writes it.
    pub fn as_str(self) -> &'static str {
        match self {
            Coverage::Full => "full",
            Coverage::Partial => "partial",
            Coverage::Uncovered => "uncovered",
        }
    }
}

/// One domain of an exam's content outline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Domain {
    pub id: String,
    pub name: String,
    /// Percent of the exam, as the source gives it (the PTCE uses quarter percents).
    pub weight: f64,
    /// Scored items in the domain, where the source counts items.
    pub items: Option<u32>,
    /// `Some(false)` when only a third party gives this domain's weight
    /// although the profile's main source is primary; `None` = as the source.
    pub primary: Option<bool>,
    /// Manifest topic ids that serve the domain (our judgement, not the publisher's).
    pub topics: Vec<String>,
    pub coverage: Coverage,
    pub note: Option<String>,
    /// 1-based line of the domain's table in the file.
    #[serde(default)]
    pub line: usize,
}

impl Domain {
    /// Mock exams and readiness use the domain (it is not `uncovered`).
    pub fn is_covered(&self) -> bool {
        self.coverage != Coverage::Uncovered
    }
}

/// One exam: its format, sources and domains.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Profile {
    /// An exam outline id of the banks (`bank::OUTLINES`).
    pub id: String,
    pub name: String,
    pub credential: String,
    pub publisher: String,
    /// Items on the exam, scored and unscored.
    pub questions: usize,
    pub scored: Option<usize>,
    pub unscored: Option<usize>,
    /// Time for answering the questions.
    pub minutes: u32,
    /// The whole seat time (tutorial and survey too), where stated.
    pub appointment_minutes: Option<u32>,
    /// The day these figures were gathered.
    pub as_of: Day,
    pub source: Source,
    pub other_sources: Vec<OtherSource>,
    /// Disagreements between sources and what could not be verified.
    pub note: String,
    pub domains: Vec<Domain>,
    /// 1-based line of the profile's table in the file.
    #[serde(default)]
    pub line: usize,
}

impl Profile {
    /// Some domain is served only in part, or not at all, by our topics.
    pub fn is_partial(&self) -> bool {
        self.domains.iter().any(|d| d.coverage != Coverage::Full)
    }

    /// "PTCB, <title>, <version>": where the weights come from, in a line.
    /// The name people use for the exam: the abbreviation in its name
    /// ("CSPT"), or the name without a trailing "Exam".
    pub fn short_name(&self) -> String {
        short_name(&self.name)
    }

    pub fn source_line(&self) -> String {
        let s = &self.source;
        format!("{}, {}, {}", s.publisher, s.title, s.version)
    }
}

/// One problem in the profiles file.
#[derive(Debug, Clone, PartialEq, Error)]
#[error("{}{}", line.map(|l| format!("line {l}, ")).unwrap_or_default(), self.detail())]
pub struct ProfileError {
    pub line: Option<usize>,
    pub profile: Option<String>,
    pub domain: Option<String>,
    pub kind: ProfileErrorKind,
}

impl ProfileError {
    /// The message without the line: "profile `cspt`, domain `x`: …".
    pub fn detail(&self) -> String {
        let mut at = Vec::new();
        if let Some(p) = &self.profile {
            at.push(format!("profile `{p}`"));
        }
        if let Some(d) = &self.domain {
            at.push(format!("domain `{d}`"));
        }
        if at.is_empty() {
            self.kind.to_string()
        } else {
            format!("{}: {}", at.join(", "), self.kind)
        }
    }
}

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ProfileErrorKind {
    #[error("the file is not valid TOML: {0}")]
    Syntax(String),
    #[error("the profile id is used again (first used on line {first_line})")]
    DuplicateProfile { first_line: usize },
    #[error("the id is not an exam outline of the banks (use ptce, cspt, ptcb-hdm or excpt)")]
    UnknownOutline,
    #[error("`{0}` is empty")]
    EmptyField(&'static str),
    #[error("`questions` is {0}; give the exam's number of questions, 1 to {MAX_QUESTIONS}")]
    QuestionCount(usize),
    #[error("`scored` ({scored}) and `unscored` ({unscored}) add up to {}, not the {questions} `questions`", scored + unscored)]
    ScoredSplit {
        scored: usize,
        unscored: usize,
        questions: usize,
    },
    #[error("`minutes` is {0}; give the answering time in minutes, 1 to {MAX_MINUTES}")]
    Minutes(u32),
    #[error("`as_of` must be a day from 1970-01-01 to 2199-12-31, written as a TOML date (2026-12-01) or as \"2026-12-01\"; found {0}")]
    BadDate(String),
    #[error(
        "the profile has no domains: add one [[profiles.domains]] per domain of the exam's outline"
    )]
    NoDomains,
    #[error("the domain id is used again in this profile (first used on line {first_line})")]
    DuplicateDomain { first_line: usize },
    #[error("the weight must be a percent greater than 0 (found {0})")]
    BadWeight(f64),
    #[error("the domain weights add up to {0}, not 100")]
    WeightSum(f64),
    #[error("unknown topic `{0}` (not in the topic list of manifest.toml)")]
    UnknownTopic(String),
    #[error("no topics: list the topics that serve this domain, or mark it `uncovered = true` with a note")]
    NoTopics,
    #[error("`uncovered = true` but topics are listed: remove the topics or the `uncovered` line")]
    UncoveredWithTopics,
    #[error("an uncovered domain needs a `note` saying why no topic fits")]
    UncoveredWithoutNote,
    #[error("`coverage` does not apply to an uncovered domain; remove it")]
    UncoveredWithCoverage,
    #[error("`coverage` is \"{0}\"; leave it out, or write \"partial\" when the topics cover only part of the domain")]
    BadCoverage(String),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    profiles: Vec<Spanned<RawProfile>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProfile {
    id: String,
    name: String,
    credential: String,
    publisher: String,
    questions: usize,
    scored: Option<usize>,
    unscored: Option<usize>,
    minutes: u32,
    appointment_minutes: Option<u32>,
    /// A TOML date or a `"YYYY-MM-DD"` string, read by `read_day`.
    as_of: toml::Value,
    source: Source,
    #[serde(default)]
    other_sources: Vec<OtherSource>,
    #[serde(default)]
    note: String,
    #[serde(default)]
    domains: Vec<Spanned<RawDomain>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDomain {
    id: String,
    name: String,
    weight: f64,
    items: Option<u32>,
    primary: Option<bool>,
    #[serde(default)]
    topics: Vec<String>,
    coverage: Option<String>,
    #[serde(default)]
    uncovered: bool,
    note: Option<String>,
}

/// 1-based lines of byte offsets, by binary search over the line starts.
struct Lines(Vec<usize>);

impl Lines {
    fn new(text: &str) -> Lines {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Lines(starts)
    }

    fn at(&self, byte: usize) -> usize {
        self.0.partition_point(|&s| s <= byte).max(1)
    }
}

/// Reads and checks the profiles file against the manifest's topics.
/// Returns every problem found, or the profiles in file order.
/// The file the build writes the checked profiles to, beside the banks.
pub const PROFILES_JSON: &str = "exam-profiles.json";

/// The checked profiles as the app reads them (no TOML parser needed).
pub fn profiles_json(profiles: &[Profile]) -> String {
    serde_json::to_string(profiles).unwrap_or_default()
}

/// Reads the profiles the build wrote; a damaged file gets a plain message.
pub fn read_profiles_json(text: &str) -> Result<Vec<Profile>, String> {
    serde_json::from_str(text).map_err(|e| format!("the list of exams is damaged ({e})"))
}

pub fn parse_profiles(text: &str, manifest: &Manifest) -> Result<Vec<Profile>, Vec<ProfileError>> {
    let lines = Lines::new(text);
    let raw: RawFile = toml::from_str(text).map_err(|e| {
        vec![ProfileError {
            line: e.span().map(|s| lines.at(s.start)),
            profile: None,
            domain: None,
            kind: ProfileErrorKind::Syntax(e.message().trim().to_string()),
        }]
    })?;
    let mut errors = Vec::new();
    let mut profiles: Vec<Profile> = Vec::with_capacity(raw.profiles.len());
    for spanned in raw.profiles {
        let line = lines.at(spanned.span().start);
        let rp = spanned.into_inner();
        let id = rp.id.trim().to_string();
        let mut report = |kind, domain: Option<(&str, usize)>| {
            errors.push(ProfileError {
                line: Some(domain.map_or(line, |d| d.1)),
                profile: Some(id.clone()),
                domain: domain.map(|d| d.0.to_string()),
                kind,
            })
        };
        if let Some(first) = profiles.iter().find(|p| p.id == id) {
            let first_line = first.line;
            report(ProfileErrorKind::DuplicateProfile { first_line }, None);
        }
        for kind in check_profile(&rp) {
            report(kind, None);
        }
        let as_of = read_day(&rp.as_of).unwrap_or_else(|found| {
            report(ProfileErrorKind::BadDate(found), None);
            Day::EARLIEST
        });
        let mut domains: Vec<Domain> = Vec::with_capacity(rp.domains.len());
        for sd in rp.domains {
            let dline = lines.at(sd.span().start);
            let (domain, problems) = read_domain(sd.into_inner(), dline, manifest);
            if let Some(first) = domains.iter().find(|d| d.id == domain.id) {
                let first_line = first.line;
                report(
                    ProfileErrorKind::DuplicateDomain { first_line },
                    Some((&domain.id, dline)),
                );
            }
            for kind in problems {
                report(kind, Some((&domain.id, dline)));
            }
            domains.push(domain);
        }
        if let Some(kind) = check_weights(&domains) {
            report(kind, None);
        }
        profiles.push(Profile {
            id,
            name: rp.name,
            credential: rp.credential,
            publisher: rp.publisher,
            questions: rp.questions,
            scored: rp.scored,
            unscored: rp.unscored,
            minutes: rp.minutes,
            appointment_minutes: rp.appointment_minutes,
            as_of,
            source: rp.source,
            other_sources: rp.other_sources,
            note: rp.note,
            domains,
            line,
        });
    }
    if errors.is_empty() {
        Ok(profiles)
    } else {
        Err(errors)
    }
}

/// The checks on a profile's own fields (not its domains).
fn check_profile(rp: &RawProfile) -> Vec<ProfileErrorKind> {
    let mut problems = Vec::new();
    if !OUTLINES.contains(&rp.id.trim()) {
        problems.push(ProfileErrorKind::UnknownOutline);
    }
    for (field, value) in [
        ("name", &rp.name),
        ("credential", &rp.credential),
        ("publisher", &rp.publisher),
        ("source.title", &rp.source.title),
        ("source.publisher", &rp.source.publisher),
    ] {
        if value.trim().is_empty() {
            problems.push(ProfileErrorKind::EmptyField(field));
        }
    }
    if rp.questions == 0 || rp.questions > MAX_QUESTIONS as usize {
        problems.push(ProfileErrorKind::QuestionCount(rp.questions));
    }
    if let (Some(scored), Some(unscored)) = (rp.scored, rp.unscored) {
        if scored.saturating_add(unscored) != rp.questions {
            problems.push(ProfileErrorKind::ScoredSplit {
                scored,
                unscored,
                questions: rp.questions,
            });
        }
    }
    if rp.minutes == 0 || rp.minutes > MAX_MINUTES {
        problems.push(ProfileErrorKind::Minutes(rp.minutes));
    }
    if rp.domains.is_empty() {
        problems.push(ProfileErrorKind::NoDomains);
    }
    problems
}

/// A domain as read, and the problems with it.
fn read_domain(rd: RawDomain, line: usize, manifest: &Manifest) -> (Domain, Vec<ProfileErrorKind>) {
    use ProfileErrorKind as K;
    let mut problems = Vec::new();
    for (field, value) in [("id", &rd.id), ("name", &rd.name)] {
        if value.trim().is_empty() {
            problems.push(K::EmptyField(field));
        }
    }
    if !(rd.weight.is_finite() && rd.weight > 0.0) {
        problems.push(K::BadWeight(rd.weight));
    }
    for t in &rd.topics {
        if !manifest.has_topic(t) {
            problems.push(K::UnknownTopic(t.clone()));
        }
    }
    let has_note = rd.note.as_deref().is_some_and(|n| !n.trim().is_empty());
    let coverage = match (rd.uncovered, rd.coverage.as_deref()) {
        (true, found) => {
            if !rd.topics.is_empty() {
                problems.push(K::UncoveredWithTopics);
            }
            if !has_note {
                problems.push(K::UncoveredWithoutNote);
            }
            if found.is_some() {
                problems.push(K::UncoveredWithCoverage);
            }
            Coverage::Uncovered
        }
        (false, found) => {
            if rd.topics.is_empty() {
                problems.push(K::NoTopics);
            }
            match found {
                None => Coverage::Full,
                Some("partial") => Coverage::Partial,
                Some(other) => {
                    problems.push(K::BadCoverage(other.to_string()));
                    Coverage::Partial
                }
            }
        }
    };
    let domain = Domain {
        id: rd.id.trim().to_string(),
        name: rd.name,
        weight: rd.weight,
        items: rd.items,
        primary: rd.primary,
        topics: rd.topics,
        coverage,
        note: rd.note,
        line,
    };
    (domain, problems)
}

/// The weights must add up to 100; checked only when each is a valid
/// percent, so one bad weight gives one message.
fn check_weights(domains: &[Domain]) -> Option<ProfileErrorKind> {
    if domains.is_empty()
        || domains
            .iter()
            .any(|d| !(d.weight.is_finite() && d.weight > 0.0))
    {
        return None;
    }
    let sum: f64 = domains.iter().map(|d| d.weight).sum();
    // Rounded for the message: 99.98, not 99.97999999999999.
    let shown = (sum * 1000.0).round() / 1000.0;
    ((sum - 100.0).abs() > WEIGHT_SLACK).then_some(ProfileErrorKind::WeightSum(shown))
}

/// A day written as a TOML date (`2026-12-01`) or a string; otherwise what
/// was found, for the message.
fn read_day(value: &toml::Value) -> Result<Day, String> {
    day_from_toml(value).ok_or_else(|| match value {
        toml::Value::String(s) => format!("\"{}\"", s.chars().take(40).collect::<String>()),
        toml::Value::Datetime(dt) => dt.to_string(),
        other => format!("a value of type {}", other.type_str()),
    })
}

/// The domain a question counts for in an exam profile, by index.
///
/// The rule: a question belongs to a profile when its `outlines` name the
/// profile's id, and then to the FIRST domain, in file order, whose topics
/// include one of the question's tags. A topic may serve several domains
/// (calculations serve two of the CSPT's), so the order of the domains in
/// the file decides, and every question counts once. A question of the
/// profile whose tags no domain lists counts for none.
pub fn domain_of(profile: &Profile, q: &Question) -> Option<usize> {
    first_domain(
        &profile.id,
        profile.domains.iter().map(|d| d.topics.as_slice()),
        q,
    )
}

/// `domain_of` over the profile's id and its domains' topics.
fn first_domain<'a>(
    id: &str,
    mut topics: impl Iterator<Item = &'a [String]>,
    q: &Question,
) -> Option<usize> {
    if !q.outlines.iter().any(|o| o == id) {
        return None;
    }
    topics.position(|ts| ts.iter().any(|t| q.tags.contains(t)))
}

/// Each domain's questions (`domain_of`), in bank order and file order.
/// The pools never overlap.
pub fn domain_pools(profile: &Profile, banks: &[&Bank]) -> Vec<Vec<QRef>> {
    pools(
        &profile.id,
        &profile
            .domains
            .iter()
            .map(|d| d.topics.as_slice())
            .collect::<Vec<_>>(),
        banks,
    )
}

fn pools(id: &str, topics: &[&[String]], banks: &[&Bank]) -> Vec<Vec<QRef>> {
    let mut pools = vec![Vec::new(); topics.len()];
    for bank in banks {
        for q in &bank.questions {
            if let Some(d) = first_domain(id, topics.iter().copied(), q) {
                pools[d].push(QRef::new(&bank.id, &q.id));
            }
        }
    }
    pools
}

/// What the home page's daily plan needs of a profile, read from the same
/// JSON as `Profile`: a reader this small keeps the whole profile's out of
/// the study app, which serves the home page.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PlanProfile {
    pub id: String,
    pub name: String,
    pub domains: Vec<PlanDomain>,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct PlanDomain {
    #[serde(default)]
    pub topics: Vec<String>,
}

impl PlanProfile {
    /// As `Profile::short_name`.
    pub fn short_name(&self) -> String {
        short_name(&self.name)
    }

    /// Every question of the profile, in the order of `domain_pools`.
    pub fn pool(&self, banks: &[&Bank]) -> Vec<QRef> {
        let topics: Vec<&[String]> = self.domains.iter().map(|d| d.topics.as_slice()).collect();
        pools(&self.id, &topics, banks).concat()
    }
}

/// Reads the plan's part of the profiles the build wrote.
pub fn read_plan_profiles(text: &str) -> Result<Vec<PlanProfile>, String> {
    serde_json::from_str(text).map_err(|e| format!("the list of exams is damaged ({e})"))
}

/// The abbreviation in an exam's name ("CSPT"), or the name without a
/// trailing "Exam".
fn short_name(name: &str) -> String {
    let name = name.trim();
    match (name.rfind('('), name.rfind(')')) {
        (Some(open), Some(close)) if open < close => name[open + 1..close].trim().to_string(),
        _ => name.strip_suffix(" Exam").unwrap_or(name).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::Kind;
    use crate::domain::test_support::PROFILE_HEAD;

    fn manifest() -> Manifest {
        Manifest::parse(
            "[[topics]]\nid = \"t1\"\nlabel = \"One\"\n[[topics]]\nid = \"t2\"\nlabel = \"Two\"\n[[topics]]\nid = \"t3\"\nlabel = \"Three\"\n",
        )
        .unwrap()
    }

    /// A valid profile; `domains` follows the profile's table.
    fn file(head: &str, domains: &str) -> String {
        format!("{PROFILE_HEAD}{head}\n{domains}")
    }

    const TWO: &str = r#"[[profiles.domains]]
id = "a"
name = "A"
weight = 60.0
topics = ["t1", "t2"]
[[profiles.domains]]
id = "b"
name = "B"
weight = 40
topics = ["t2", "t3"]
coverage = "partial"
"#;

    fn errors(text: &str) -> Vec<ProfileError> {
        parse_profiles(text, &manifest()).expect_err("should fail")
    }

    fn kinds(text: &str) -> Vec<ProfileErrorKind> {
        errors(text).into_iter().map(|e| e.kind).collect()
    }

    #[test]
    fn reads_a_valid_profile_with_every_field() {
        let text = file(
            "scored = 60\nunscored = 15\nappointment_minutes = 120\nnote = \"n\"\nother_sources = [{ title = \"T\", publisher = \"P\", version = \"v\", url = \"u\", primary = false, gives = \"g\" }]",
            TWO,
        );
        let p = parse_profiles(&text, &manifest()).unwrap().remove(0);
        assert_eq!((p.id.as_str(), p.questions, p.minutes), ("cspt", 75, 110));
        assert_eq!(
            (p.scored, p.unscored, p.appointment_minutes),
            (Some(60), Some(15), Some(120))
        );
        assert_eq!(p.as_of, Day::from_ymd(2026, 12, 1).unwrap());
        assert_eq!(p.other_sources[0].gives, "g");
        assert_eq!(p.line, 1);
        assert_eq!(p.domains[1].line, 20);
        assert_eq!(p.domains[1].weight, 40.0);
        assert_eq!(p.domains[1].coverage, Coverage::Partial);
        assert!(p.is_partial());
        assert_eq!(p.source_line(), "PTCB, Appendix D, 2023");
    }

    #[test]
    fn the_shipped_profiles_are_valid() {
        let m = Manifest::parse(include_str!("../../questions/manifest.toml")).unwrap();
        let text = include_str!("../../questions/exam-profiles.toml");
        let profiles = parse_profiles(text, &m).unwrap_or_else(|e| panic!("{e:?}"));
        let ids: Vec<&str> = profiles.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, ["cspt", "ptcb-hdm", "ptce", "excpt"]);
        let ptce = &profiles[2];
        let weights: Vec<f64> = ptce.domains.iter().map(|d| d.weight).collect();
        assert_eq!(weights, [35.0, 18.75, 23.75, 22.5]);
        let excpt = &profiles[3];
        assert_eq!(excpt.domains[2].coverage, Coverage::Uncovered);
        assert!(profiles.iter().all(Profile::is_partial));
        let short: Vec<String> = profiles.iter().map(Profile::short_name).collect();
        assert_eq!(
            short,
            ["CSPT", "Hazardous Drug Management", "PTCE", "ExCPT"]
        );
    }

    #[test]
    fn a_syntax_error_names_its_line() {
        let e = errors("[[profiles]]\nid = \"cspt\"\nname = \n");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, Some(3));
        assert!(matches!(e[0].kind, ProfileErrorKind::Syntax(_)));
        // An unknown field is refused too, so a typo is not silently dropped.
        let e = errors(&file("minuets = 3", TWO));
        assert!(matches!(e[0].kind, ProfileErrorKind::Syntax(_)), "{e:?}");
    }

    #[test]
    fn profile_level_errors() {
        use ProfileErrorKind as K;
        let twice = format!("{}\n{}", file("", TWO), file("", TWO));
        let e = errors(&twice);
        assert_eq!(e[0].kind, K::DuplicateProfile { first_line: 1 });
        assert_eq!(
            e[0].to_string(),
            "line 23, profile `cspt`: the profile id is used again (first used on line 1)"
        );
        let text = file("", TWO).replace("\"cspt\"", "\"nabp\"");
        assert_eq!(kinds(&text), [K::UnknownOutline]);
        assert_eq!(kinds(&file("", "")), [K::NoDomains]);
        let text = file("", TWO).replace("questions = 75", "questions = 0");
        assert_eq!(kinds(&text), [K::QuestionCount(0)]);
        let text = file("scored = 60\nunscored = 10", TWO);
        assert_eq!(
            kinds(&text),
            [K::ScoredSplit {
                scored: 60,
                unscored: 10,
                questions: 75
            }]
        );
        let text = file("", TWO).replace("minutes = 110", "minutes = 0");
        assert_eq!(kinds(&text), [K::Minutes(0)]);
        let text = file("", TWO).replace("as_of = 2026-12-01", "as_of = 2300-01-01");
        assert!(matches!(&kinds(&text)[..], [K::BadDate(_)]), "{text}");
        let text = file("", TWO).replace("as_of = 2026-12-01", "as_of = \"2026-12-01\"");
        assert!(parse_profiles(&text, &manifest()).is_ok());
        let text = file("", TWO).replace("name = \"CSPT Exam\"", "name = \" \"");
        assert_eq!(kinds(&text), [K::EmptyField("name")]);
    }

    #[test]
    fn domain_level_errors() {
        use ProfileErrorKind as K;
        let dup = TWO.replace("id = \"b\"", "id = \"a\"");
        let e = errors(&file("", &dup));
        assert_eq!(e[0].kind, K::DuplicateDomain { first_line: 11 });
        assert_eq!((e[0].line, e[0].domain.as_deref()), (Some(16), Some("a")));
        assert_eq!(
            e[0].detail(),
            "profile `cspt`, domain `a`: the domain id is used again in this profile (first used on line 11)"
        );
        let text = file("", &TWO.replace("weight = 40", "weight = 0"));
        assert_eq!(kinds(&text), [K::BadWeight(0.0)]);
        let text = file("", &TWO.replace("weight = 40", "weight = 39.98"));
        assert_eq!(kinds(&text), [K::WeightSum(99.98)]);
        let text = file("", &TWO.replace("weight = 40", "weight = 40.005"));
        assert!(parse_profiles(&text, &manifest()).is_ok(), "within ±0.01");
        let text = file("", &TWO.replace("\"t3\"", "\"t9\""));
        assert_eq!(kinds(&text), [K::UnknownTopic("t9".into())]);
        let text = file("", &TWO.replace("topics = [\"t2\", \"t3\"]", "topics = []"));
        assert_eq!(kinds(&text), [K::NoTopics]);
        let text = file(
            "",
            &TWO.replace("coverage = \"partial\"", "coverage = \"half\""),
        );
        assert_eq!(kinds(&text), [K::BadCoverage("half".into())]);
    }

    #[test]
    fn an_uncovered_domain_has_no_topics_and_a_note() {
        use ProfileErrorKind as K;
        let uncovered = TWO.replace(
            "topics = [\"t2\", \"t3\"]\ncoverage = \"partial\"",
            "uncovered = true\nnote = \"No bank covers it.\"",
        );
        let p = parse_profiles(&file("", &uncovered), &manifest()).unwrap();
        assert_eq!(p[0].domains[1].coverage, Coverage::Uncovered);
        assert!(!p[0].domains[1].is_covered());
        assert!(p[0].is_partial());
        let no_note = uncovered.replace("note = \"No bank covers it.\"", "");
        assert_eq!(kinds(&file("", &no_note)), [K::UncoveredWithoutNote]);
        let topics = uncovered.replace("uncovered = true", "uncovered = true\ntopics = [\"t1\"]");
        assert_eq!(kinds(&file("", &topics)), [K::UncoveredWithTopics]);
        let both = uncovered.replace(
            "uncovered = true",
            "uncovered = true\ncoverage = \"partial\"",
        );
        assert_eq!(kinds(&file("", &both)), [K::UncoveredWithCoverage]);
    }

    #[test]
    fn every_problem_is_reported_in_one_pass() {
        let text = file(
            "",
            &TWO.replace("\"t3\"", "\"t9\"")
                .replace("weight = 40", "weight = -1"),
        )
        .replace("minutes = 110", "minutes = 0");
        assert_eq!(errors(&text).len(), 3);
    }

    fn question(id: &str, tags: &[&str], outlines: &[&str]) -> Question {
        let mut q = Question::sample(id, tags, Kind::TrueFalse { answer: true });
        q.outlines = outlines.iter().map(|s| s.to_string()).collect();
        q
    }

    #[test]
    fn a_question_counts_for_the_first_domain_that_lists_one_of_its_tags() {
        let p = parse_profiles(&file("", TWO), &manifest())
            .unwrap()
            .remove(0);
        // t2 serves both domains: the first in the file wins.
        assert_eq!(domain_of(&p, &question("q", &["t2"], &["cspt"])), Some(0));
        assert_eq!(
            domain_of(&p, &question("q", &["t3", "t1"], &["cspt"])),
            Some(0)
        );
        assert_eq!(domain_of(&p, &question("q", &["t3"], &["cspt"])), Some(1));
        // Not mapped to the profile's outline, or no domain lists its tags.
        assert_eq!(domain_of(&p, &question("q", &["t1"], &["ptce"])), None);
        assert_eq!(domain_of(&p, &question("q", &["other"], &["cspt"])), None);
    }

    #[test]
    fn pools_follow_bank_and_file_order() {
        let p = parse_profiles(&file("", TWO), &manifest())
            .unwrap()
            .remove(0);
        let bank = |id: &str, qs: Vec<Question>| Bank {
            id: id.into(),
            title: id.into(),
            description: String::new(),
            topics: vec![],
            version: 1,
            questions: qs,
        };
        let x = bank(
            "x",
            vec![
                question("x1", &["t3"], &["cspt"]),
                question("x2", &["t1"], &["cspt"]),
            ],
        );
        let y = bank(
            "y",
            vec![
                question("y1", &["t3"], &["cspt"]),
                question("y2", &["t1"], &[]),
            ],
        );
        let pools = domain_pools(&p, &[&x, &y]);
        assert_eq!(
            pools,
            [
                vec![QRef::new("x", "x2")],
                vec![QRef::new("x", "x1"), QRef::new("y", "y1")]
            ]
        );
    }
}
