//! Sharing without a server: a trainer's quiz and a trainee's result travel
//! in a URL fragment (never sent to any server) or a file.
//!
//! Link payload: `<version>.<base64url(crc32(packed) ‖ packed)>` where
//! `packed = deflate(json)`. The CRC-32 over the exact packed bytes catches
//! truncation and any single-character edit; decompression is capped so a
//! crafted link cannot exhaust memory.
//!
//! What a link carries that is also stored (`quiz::SharedMeta`,
//! `roster::SharedResult`) lives next to what stores it; this module only
//! encodes and decodes it. `SharedQuiz` travels only, so it lives here.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use thiserror::Error;

use super::bank::Bank;
use super::clock::ExtraTime;
use super::limits::{self, Limits, OutOfRange};
use super::quiz::{Mode, QRef, QuizSpec, SharedMeta};
use super::roster::SharedResult;
use super::sort::sort;

pub const LINK_VERSION: u32 = 1;
/// Longest fragment we try to decode (characters).
pub const MAX_LINK_CHARS: usize = 16_000;
/// Largest decompressed payload (bytes).
pub const MAX_JSON_BYTES: usize = 256 * 1024;
pub const QUIZ_FILE_FORMAT: &str = "pharmquiz-quiz";
pub const RESULT_FILE_FORMAT: &str = "pharmquiz-result";

#[derive(Debug, Clone, PartialEq, Error)]
pub enum ShareError {
    #[error("The link is empty or incomplete. Ask for the link again and copy all of it.")]
    Empty,
    #[error("The link is too long to be a PharmQuiz link ({0} characters).")]
    TooLong(usize),
    #[error("The link was made by a newer version of PharmQuiz (format {0}). Update the app to open it.")]
    Newer(u32),
    #[error("The link is damaged: {0}. Ask for the link again and copy all of it.")]
    Damaged(&'static str),
    #[error("The link's contents are too large to open (over {} KB).", MAX_JSON_BYTES / 1024)]
    TooLarge,
    #[error("The link has been changed or cut short: its checksum does not match.")]
    Checksum,
    #[error("The link's contents can't be read: {0}.")]
    Contents(String),
    #[error("This file is not a PharmQuiz {0} file.")]
    WrongFile(&'static str),
    #[error("It holds an impossible value: {0}. Ask for it to be sent again from PharmQuiz.")]
    Impossible(OutOfRange),
}

/// Which questions a shared quiz asks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Selection {
    /// `count` questions drawn from these banks and topics by the seed.
    Random {
        banks: Vec<String>,
        tags: Vec<String>,
        count: usize,
    },
    /// Exactly these questions, as `bank/id`.
    Picked(Vec<String>),
}

/// A quiz as a trainer shares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SharedQuiz {
    pub title: String,
    pub trainer: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub instructions: String,
    pub selection: Selection,
    /// Keep the picked order instead of shuffling questions.
    #[serde(default)]
    pub fixed_order: bool,
    pub mode: Mode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_limit_secs: Option<u32>,
    /// Trainees may choose extra time (1.5×, 2× or no limit) before a timed
    /// quiz. Absent in links made before it existed, which keep their id.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub allow_extra_time: bool,
    pub pass_mark: u8,
    pub seed: u64,
    /// Version of each bank when the quiz was made.
    pub bank_versions: BTreeMap<String, u32>,
    /// The text of each bank added in the trainer's browser that the quiz
    /// uses (see `custom`), so trainees get exactly those questions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub custom_banks: Vec<String>,
}

/// What a shared quiz means with the banks at hand.
#[derive(Debug, Clone, PartialEq)]
pub struct Opened {
    pub spec: QuizSpec,
    /// Picked questions that are no longer in their bank.
    pub missing: Vec<String>,
    /// Banks whose version differs: (bank, in link, here).
    pub changed: Vec<(String, u32, u32)>,
    /// Banks the link uses that this app does not have.
    pub unknown_banks: Vec<String>,
}

impl SharedQuiz {
    /// A short stable id: the checksum of the quiz's JSON.
    pub fn id(&self) -> String {
        format!(
            "{:08x}",
            crc32fast::hash(serde_json::to_string(self).unwrap_or_default().as_bytes())
        )
    }

    /// Whether every number in the quiz is possible: a pass mark of 0–100 %,
    /// a time limit of at most a day, and no more questions than a quiz can
    /// have. (The checksum only shows the link was not damaged.)
    pub fn check(&self) -> Result<(), OutOfRange> {
        limits::pass_mark("the quiz's pass mark", self.pass_mark)?;
        limits::time_limit("the quiz's time limit", self.time_limit_secs)?;
        let n = match &self.selection {
            Selection::Random { count, .. } => *count,
            Selection::Picked(refs) => refs.len(),
        };
        limits::quiz_size("the quiz", n as u64)
    }

    /// Whether trainees choose extra time before starting: the trainer
    /// allowed it and the quiz is timed.
    pub fn offers_extra_time(&self) -> bool {
        self.allow_extra_time && self.time_limit_secs.is_some()
    }

    /// The opened quiz's spec with the trainee's extra time, which counts
    /// only when the quiz offers it.
    pub fn with_extra_time(&self, spec: QuizSpec, choice: ExtraTime) -> QuizSpec {
        if self.offers_extra_time() {
            spec.with_extra_time(choice)
        } else {
            spec.with_extra_time(ExtraTime::Standard)
        }
    }

    pub fn meta(&self) -> SharedMeta {
        SharedMeta {
            quiz_id: self.id(),
            title: self.title.clone(),
            trainer: self.trainer.clone(),
        }
    }

    pub fn banks(&self) -> Vec<String> {
        let mut b: Vec<String> = match &self.selection {
            Selection::Random { banks, .. } => banks.clone(),
            Selection::Picked(refs) => refs
                .iter()
                .filter_map(|r| r.parse::<QRef>().ok().map(|q| q.bank))
                .collect(),
        };
        sort(&mut b);
        b.dedup();
        b
    }

    /// The quiz spec a trainee runs, checked against the loaded banks.
    pub fn open(&self, banks: &[&Bank]) -> Opened {
        let unknown_banks: Vec<String> = self
            .banks()
            .into_iter()
            .filter(|b| !banks.iter().any(|x| &x.id == b))
            .collect();
        let changed = self
            .bank_versions
            .iter()
            .filter_map(|(b, v)| {
                banks
                    .iter()
                    .find(|x| &x.id == b)
                    .filter(|x| x.version != *v)
                    .map(|x| (b.clone(), *v, x.version))
            })
            .collect();
        let (only, missing, tags, count) = match &self.selection {
            Selection::Random { tags, count, .. } => (vec![], vec![], tags.clone(), *count),
            Selection::Picked(refs) => {
                let mut only = Vec::new();
                let mut missing = Vec::new();
                for r in refs {
                    let found = r.parse::<QRef>().ok().filter(|q| {
                        banks
                            .iter()
                            .any(|x| x.id == q.bank && x.question(&q.id).is_some())
                    });
                    match found {
                        Some(q) => only.push(q),
                        None => missing.push(r.clone()),
                    }
                }
                let n = only.len();
                (only, missing, vec![], n)
            }
        };
        let spec = QuizSpec {
            banks: self
                .banks()
                .into_iter()
                .filter(|b| !unknown_banks.contains(b))
                .collect(),
            tags,
            only,
            count,
            mode: self.mode,
            time_limit_secs: self.time_limit_secs,
            extra_time: ExtraTime::Standard,
            pass_mark: self.pass_mark,
            seed: self.seed,
            review: false,
            fixed_order: self.fixed_order,
            shared: Some(self.meta()),
            profile: None,
        };
        Opened {
            spec,
            missing,
            changed,
            unknown_banks,
        }
    }
}

fn encode_payload<T: Serialize>(value: &T) -> String {
    let json = serde_json::to_vec(value).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 10);
    let mut raw = crc32fast::hash(&packed).to_be_bytes().to_vec();
    raw.extend_from_slice(&packed);
    format!("{LINK_VERSION}.{}", URL_SAFE_NO_PAD.encode(raw))
}

fn decode_payload<T: DeserializeOwned>(text: &str) -> Result<T, ShareError> {
    let text = text.trim();
    if text.is_empty() {
        return Err(ShareError::Empty);
    }
    if text.len() > MAX_LINK_CHARS {
        return Err(ShareError::TooLong(text.len()));
    }
    let (version, body) = text
        .split_once('.')
        .ok_or(ShareError::Damaged("it has no version mark"))?;
    let version: u32 = version
        .parse()
        .map_err(|_| ShareError::Damaged("its version mark is not a number"))?;
    if version > LINK_VERSION {
        return Err(ShareError::Newer(version));
    }
    if body.is_empty() {
        return Err(ShareError::Empty);
    }
    let raw = URL_SAFE_NO_PAD
        .decode(body)
        .map_err(|_| ShareError::Damaged("it contains characters a link can't have"))?;
    if raw.len() < 5 {
        return Err(ShareError::Checksum);
    }
    let (sum, packed) = raw.split_at(4);
    if crc32fast::hash(packed).to_be_bytes() != sum {
        return Err(ShareError::Checksum);
    }
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(packed, MAX_JSON_BYTES).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Damaged("its compressed data is invalid"),
        },
    )?;
    serde_json::from_slice(&json).map_err(|e| ShareError::Contents(e.to_string()))
}

pub fn encode_quiz(q: &SharedQuiz) -> String {
    encode_payload(q)
}

/// How a quiz can travel: the link payload when it fits in a link that
/// `decode_quiz` accepts, and the quiz file when it fits in a file that
/// `read_quiz_file` accepts. (Only a quiz carrying large added banks can
/// outgrow them.)
#[derive(Debug, Clone, PartialEq)]
pub struct Packed {
    pub link: Option<String>,
    pub file: Option<String>,
}

pub fn pack_quiz(q: &SharedQuiz) -> Packed {
    let json_len = serde_json::to_string(q).map_or(usize::MAX, |j| j.len());
    let link =
        Some(encode_quiz(q)).filter(|l| l.len() <= MAX_LINK_CHARS && json_len <= MAX_JSON_BYTES);
    let file = Some(quiz_file(q)).filter(|f| f.len() <= MAX_JSON_BYTES);
    Packed { link, file }
}

pub fn decode_quiz(text: &str) -> Result<SharedQuiz, ShareError> {
    checked_quiz(decode_payload(text)?)
}

fn checked_quiz(q: SharedQuiz) -> Result<SharedQuiz, ShareError> {
    q.check().map_err(ShareError::Impossible)?;
    Ok(q)
}

/// A result is checked against the date it is opened (`now_ms`): nothing
/// in it may be dated after tomorrow.
fn checked_result(r: SharedResult, now_ms: f64) -> Result<SharedResult, ShareError> {
    r.check(&Limits::link(now_ms))
        .map_err(ShareError::Impossible)?;
    Ok(r)
}

pub fn encode_result(r: &SharedResult) -> String {
    encode_payload(r)
}

/// Reads a result link opened at `now_ms`.
pub fn decode_result(text: &str, now_ms: f64) -> Result<SharedResult, ShareError> {
    checked_result(decode_payload(text)?, now_ms)
}

#[derive(Serialize, Deserialize)]
struct FileEnvelope<T> {
    format: String,
    version: u32,
    checksum: String,
    content: T,
}

fn to_file<T: Serialize>(format: &str, content: &T) -> String {
    let sum = format!(
        "{:08x}",
        crc32fast::hash(
            serde_json::to_string(content)
                .unwrap_or_default()
                .as_bytes()
        )
    );
    serde_json::to_string_pretty(&FileEnvelope {
        format: format.into(),
        version: LINK_VERSION,
        checksum: sum,
        content,
    })
    .unwrap_or_default()
}

fn from_file<T: Serialize + DeserializeOwned>(
    format: &'static str,
    kind: &'static str,
    text: &str,
) -> Result<T, ShareError> {
    if text.len() > MAX_JSON_BYTES {
        return Err(ShareError::TooLarge);
    }
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|_| ShareError::WrongFile(kind))?;
    if v.get("format").and_then(|f| f.as_str()) != Some(format) {
        return Err(ShareError::WrongFile(kind));
    }
    let version = v.get("version").and_then(|x| x.as_u64()).unwrap_or(0) as u32;
    if version > LINK_VERSION {
        return Err(ShareError::Newer(version));
    }
    let env: FileEnvelope<T> =
        serde_json::from_value(v).map_err(|e| ShareError::Contents(e.to_string()))?;
    // Re-serialise the typed content: the sum is over its canonical JSON.
    let sum = format!(
        "{:08x}",
        crc32fast::hash(
            serde_json::to_string(&env.content)
                .unwrap_or_default()
                .as_bytes()
        )
    );
    if sum != env.checksum {
        return Err(ShareError::Checksum);
    }
    Ok(env.content)
}

pub fn quiz_file(q: &SharedQuiz) -> String {
    to_file(QUIZ_FILE_FORMAT, q)
}

pub fn read_quiz_file(text: &str) -> Result<SharedQuiz, ShareError> {
    checked_quiz(from_file(QUIZ_FILE_FORMAT, "quiz", text)?)
}

pub fn result_file(r: &SharedResult) -> String {
    to_file(RESULT_FILE_FORMAT, r)
}

/// Reads a result file opened at `now_ms`.
pub fn read_result_file(text: &str, now_ms: f64) -> Result<SharedResult, ShareError> {
    checked_result(from_file(RESULT_FILE_FORMAT, "result", text)?, now_ms)
}

/// A title as part of a file name: letters and digits kept (ASCII ones
/// lower-cased), everything else a hyphen.
pub fn slug(title: &str) -> String {
    title
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::{Kind, Question};
    use crate::domain::grade::Tally;
    use crate::domain::quiz::build;
    use crate::domain::rng::Rng;
    use proptest::prelude::*;

    /// When the tests open links: 2027-01-15.
    const NOW: f64 = 1.8e12;

    fn quiz(n: usize) -> SharedQuiz {
        SharedQuiz {
            title: "Week 1: hazardous drugs".into(),
            trainer: "Dana Whitfield, CPhT".into(),
            instructions: "Take this before Friday. No notes.".into(),
            selection: Selection::Picked(
                (1..=n)
                    .map(|i| format!("hazardous-drugs/hd-{i:03}"))
                    .collect(),
            ),
            fixed_order: false,
            mode: Mode::Exam,
            time_limit_secs: Some(1800),
            allow_extra_time: false,
            pass_mark: 80,
            seed: 4_503_599_627_370_495,
            bank_versions: [("hazardous-drugs".to_string(), 2)].into(),
            custom_banks: vec![],
        }
    }

    fn result() -> SharedResult {
        SharedResult {
            quiz: quiz(3).meta(),
            trainee: "Sam Lee".into(),
            staff_id: "T-104".into(),
            finished_at: 1.79e12,
            duration_secs: 600,
            score: Tally {
                correct: 2,
                total: 3,
            },
            passed: false,
            pass_mark: 80,
            by_tag: [(
                "hd-ppe".to_string(),
                Tally {
                    correct: 1,
                    total: 2,
                },
            )]
            .into(),
            answers: vec![
                ("hazardous-drugs/hd-001".into(), Some("c2".into()), true),
                ("hazardous-drugs/hd-002".into(), None, false),
            ],
            extra_time: ExtraTime::Standard,
            time_ran_out: false,
        }
    }

    #[test]
    fn a_twenty_question_quiz_fits_in_a_short_link() {
        let link = encode_quiz(&quiz(20));
        assert!(link.len() < 400, "{} characters", link.len());
        assert_eq!(decode_quiz(&link).unwrap(), quiz(20));
    }

    #[test]
    fn results_round_trip_by_link_and_file() {
        assert_eq!(
            decode_result(&encode_result(&result()), NOW).unwrap(),
            result()
        );
        assert_eq!(
            read_result_file(&result_file(&result()), NOW).unwrap(),
            result()
        );
        assert_eq!(read_quiz_file(&quiz_file(&quiz(5))).unwrap(), quiz(5));
        assert_eq!(
            read_quiz_file(&result_file(&result())),
            Err(ShareError::WrongFile("quiz"))
        );
    }

    #[test]
    fn every_single_character_edit_is_caught() {
        let link = encode_result(&result());
        let alphabet: Vec<char> =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
                .chars()
                .collect();
        let start = link.find('.').unwrap() + 1;
        for i in start..link.len() {
            let original = link.as_bytes()[i] as char;
            let replacement = alphabet
                [(alphabet.iter().position(|&c| c == original).unwrap() + 7) % alphabet.len()];
            let mut edited = link.clone();
            edited.replace_range(i..i + 1, &replacement.to_string());
            assert!(
                decode_result(&edited, NOW).is_err(),
                "edit at {i} was not caught"
            );
        }
        // Truncation anywhere.
        for cut in [link.len() - 1, link.len() - 5, link.len() / 2, start + 1] {
            assert!(
                decode_result(&link[..cut], NOW).is_err(),
                "cut at {cut} was not caught"
            );
        }
        // A hand edit inside a result file.
        let file = result_file(&result()).replace("\"passed\": false", "\"passed\": true");
        assert_eq!(read_result_file(&file, NOW), Err(ShareError::Checksum));
    }

    #[test]
    fn links_made_before_extra_time_still_open_with_the_same_ids() {
        // A quiz and a result exactly as links carried them before extra time.
        let old_quiz = r#"{"title":"Week 1","trainer":"Dana","selection":{"picked":["hazardous-drugs/hd-001"]},"fixed_order":false,"mode":"exam","time_limit_secs":1200,"pass_mark":80,"seed":7,"bank_versions":{"hazardous-drugs":2}}"#;
        let q = decode_quiz(&encode_payload(
            &serde_json::from_str::<serde_json::Value>(old_quiz).unwrap(),
        ))
        .unwrap();
        assert!(!q.allow_extra_time && !q.offers_extra_time());
        assert_eq!(serde_json::to_string(&q).unwrap(), old_quiz);
        assert_eq!(
            q.id(),
            format!("{:08x}", crc32fast::hash(old_quiz.as_bytes()))
        );
        let old_result = r#"{"quiz":{"quiz_id":"q1","title":"Week 1","trainer":"Dana"},"trainee":"Sam","finished_at":1700000000000.0,"duration_secs":600,"score":[1,1],"passed":true,"pass_mark":80,"by_tag":{},"answers":[["hazardous-drugs/hd-001","c2",true]]}"#;
        let value: serde_json::Value = serde_json::from_str(old_result).unwrap();
        let r = decode_result(&encode_payload(&value), NOW).unwrap();
        assert_eq!((r.extra_time, r.time_ran_out), (ExtraTime::Standard, false));
        assert_eq!(serde_json::to_value(&r).unwrap(), value, "saved as it came");
        let file = format!(
            r#"{{"format":"pharmquiz-result","version":1,"checksum":"{:08x}","content":{old_result}}}"#,
            crc32fast::hash(old_result.as_bytes())
        );
        assert_eq!(read_result_file(&file, NOW).unwrap(), r);
        assert_eq!(
            r.id(),
            format!("{:08x}", crc32fast::hash(old_result.as_bytes()))
        );
    }

    #[test]
    fn a_quiz_that_allows_extra_time_offers_it_only_when_timed() {
        let mut q = quiz(3);
        q.allow_extra_time = true;
        let back = decode_quiz(&encode_quiz(&q)).unwrap();
        assert!(back.offers_extra_time());
        assert_eq!(back, q);
        assert_ne!(q.id(), quiz(3).id(), "a different quiz");
        let spec = q.with_extra_time(q.open(&[]).spec, ExtraTime::Double);
        assert_eq!(spec.effective_time_limit(), Some(3600));
        // Not allowed: the choice is ignored.
        let plain = quiz(3);
        let spec = plain.with_extra_time(plain.open(&[]).spec, ExtraTime::NoLimit);
        assert_eq!(spec.extra_time, ExtraTime::Standard);
        assert_eq!(spec.effective_time_limit(), Some(1800));
        // Allowed but untimed: nothing to offer.
        q.time_limit_secs = None;
        assert!(!q.offers_extra_time());
    }

    #[test]
    fn results_carry_extra_time_and_a_time_out_or_are_refused_when_impossible() {
        let mut r = result();
        r.extra_time = ExtraTime::Half;
        r.time_ran_out = true;
        assert_eq!(decode_result(&encode_result(&r), NOW).unwrap(), r);
        assert_eq!(read_result_file(&result_file(&r), NOW).unwrap(), r);
        assert_ne!(r.id(), result().id());
        // Time can't run out without a time limit.
        r.extra_time = ExtraTime::NoLimit;
        assert_eq!(
            decode_result(&encode_result(&r), NOW).unwrap_err().to_string(),
            "It holds an impossible value: the result says its time ran out, but it had no time limit (extra time: no limit). Ask for it to be sent again from PharmQuiz."
        );
        // An extra time the app does not offer.
        let mut v = serde_json::to_value(result()).unwrap();
        v["extra_time"] = serde_json::json!("3x");
        let e = decode_result(&encode_payload(&v), NOW)
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("The link's contents can't be read: unknown variant `3x`, expected one of `1x`, `1.5x`, `2x`, `none`"),
            "{e}"
        );
    }

    #[test]
    fn bad_links_get_clear_errors() {
        assert_eq!(decode_quiz(""), Err(ShareError::Empty));
        assert_eq!(decode_quiz("1."), Err(ShareError::Empty));
        assert!(matches!(decode_quiz("hello"), Err(ShareError::Damaged(_))));
        assert!(matches!(decode_quiz("1.$$$"), Err(ShareError::Damaged(_))));
        assert_eq!(
            decode_quiz(&encode_quiz(&quiz(2)).replacen("1.", "2.", 1)),
            Err(ShareError::Newer(2))
        );
        assert_eq!(
            decode_quiz(&"A".repeat(MAX_LINK_CHARS + 1)),
            Err(ShareError::TooLong(MAX_LINK_CHARS + 1))
        );
        // Valid framing, wrong contents.
        assert!(matches!(
            decode_quiz(&encode_result(&result())),
            Err(ShareError::Contents(_))
        ));
    }

    #[test]
    fn impossible_numbers_in_links_and_files_are_named() {
        let message = |e: ShareError| e.to_string();
        let mut q = quiz(3);
        q.pass_mark = 255;
        let e = message(decode_quiz(&encode_quiz(&q)).unwrap_err());
        assert_eq!(
            e,
            "It holds an impossible value: the quiz's pass mark is 255 %, but a pass mark is 0 to 100 %. Ask for it to be sent again from PharmQuiz."
        );
        assert!(matches!(
            read_quiz_file(&quiz_file(&q)),
            Err(ShareError::Impossible(_))
        ));
        q.pass_mark = 80;
        q.time_limit_secs = Some(u32::MAX);
        assert!(
            message(decode_quiz(&encode_quiz(&q)).unwrap_err()).contains("the quiz's time limit")
        );
        q.time_limit_secs = None;
        q.selection = Selection::Random {
            banks: vec!["compounding".into()],
            tags: vec![],
            count: usize::MAX,
        };
        assert!(message(decode_quiz(&encode_quiz(&q)).unwrap_err()).contains("the quiz counts"));

        let with = |f: &dyn Fn(&mut SharedResult)| {
            let mut r = result();
            f(&mut r);
            let link = decode_result(&encode_result(&r), NOW).unwrap_err();
            assert_eq!(read_result_file(&result_file(&r), NOW), Err(link.clone()));
            message(link)
        };
        assert!(with(&|r| r.score = Tally {
            correct: u32::MAX,
            total: 1
        })
        .contains("the result's score is larger than its number of questions"));
        assert!(with(&|r| r.score = Tally {
            correct: 3_000_000_000,
            total: 4_000_000_000
        })
        .contains("the result's score counts 4000000000 questions"));
        assert!(with(&|r| r.pass_mark = 255).contains("the result's pass mark is 255 %"));
        assert!(with(&|r| r.finished_at = 1e308).contains("the result's date is not a real date"));
        assert!(with(&|r| r.finished_at = -1e308).contains("the result's date is not a real date"));
        assert!(with(&|r| r.finished_at = 3.98e12).contains("the result's date is in the future"));
        // The same link opened in 2096 is fine.
        let mut later = result();
        later.finished_at = 3.98e12;
        assert_eq!(decode_result(&encode_result(&later), 3.98e12), Ok(later));
    }

    #[test]
    fn decompression_is_capped() {
        // A small link that inflates to over the cap (a "zip bomb").
        let packed = miniz_oxide::deflate::compress_to_vec(&vec![b' '; MAX_JSON_BYTES * 4], 10);
        let mut raw = crc32fast::hash(&packed).to_be_bytes().to_vec();
        raw.extend_from_slice(&packed);
        let bomb = format!("1.{}", URL_SAFE_NO_PAD.encode(raw));
        assert!(
            bomb.len() < MAX_LINK_CHARS,
            "the bomb itself is short: {}",
            bomb.len()
        );
        assert_eq!(decode_quiz(&bomb), Err(ShareError::TooLarge));
    }

    #[test]
    fn opening_reports_missing_questions_and_changed_banks() {
        let bank = Bank {
            id: "hazardous-drugs".into(),
            title: "HD".into(),
            description: String::new(),
            topics: vec![],
            version: 3,
            questions: (1..=2)
                .map(|i| {
                    Question::sample(
                        &format!("hd-{i:03}"),
                        &["hd-ppe"],
                        Kind::TrueFalse { answer: true },
                    )
                })
                .collect(),
        };
        let o = quiz(3).open(&[&bank]);
        assert_eq!(o.missing, vec!["hazardous-drugs/hd-003"]);
        assert_eq!(o.changed, vec![("hazardous-drugs".to_string(), 2, 3)]);
        assert_eq!(o.spec.only.len(), 2);
        assert_eq!(o.spec.count, 2);
        let built = build(&o.spec, &[&bank]).unwrap();
        assert_eq!(
            built,
            build(&quiz(3).open(&[&bank]).spec, &[&bank]).unwrap(),
            "every trainee gets the same quiz"
        );
    }

    fn arb_quiz() -> impl Strategy<Value = SharedQuiz> {
        (
            ".{0,60}",
            ".{0,40}",
            ".{0,200}",
            prop::collection::vec("[a-z]{2,10}/[a-z]{2,4}-[0-9]{3}", 0..40),
            any::<bool>(),
            any::<bool>(),
            (prop::option::of(1u32..20_000), any::<bool>()),
            0u8..=100,
            any::<u64>(),
            prop::collection::vec("(.|\n){0,300}", 0..2),
        )
            .prop_map(
                |(
                    title,
                    trainer,
                    instructions,
                    picked,
                    fixed_order,
                    exam,
                    (time_limit_secs, allow_extra_time),
                    pass_mark,
                    seed,
                    custom_banks,
                )| SharedQuiz {
                    title,
                    trainer,
                    instructions,
                    bank_versions: picked
                        .iter()
                        .map(|r| (r.parse::<QRef>().map_or(String::new(), |q| q.bank), 1))
                        .collect(),
                    selection: Selection::Picked(picked),
                    fixed_order,
                    mode: if exam { Mode::Exam } else { Mode::Practice },
                    time_limit_secs,
                    allow_extra_time,
                    pass_mark,
                    seed,
                    custom_banks,
                },
            )
    }

    fn arb_result() -> impl Strategy<Value = SharedResult> {
        (
            ".{0,40}",
            "[A-Za-z0-9-]{0,12}",
            0u32..100_000,
            (0u32..200, 0usize..4, any::<bool>()),
            prop::collection::vec(
                (
                    "[a-z]{2,8}/[a-z]{2}-[0-9]{3}",
                    prop::option::of("c[0-9](,[0-9]){0,3}|n[0-9.]{1,8}|t|f"),
                    any::<bool>(),
                ),
                0..60,
            ),
        )
            .prop_map(
                |(trainee, staff_id, duration_secs, (total, extra, ran_out), answers)| {
                    SharedResult {
                        quiz: SharedMeta {
                            quiz_id: "0badc0de".into(),
                            title: "T".into(),
                            trainer: "R".into(),
                        },
                        trainee,
                        staff_id,
                        finished_at: 1.7e12,
                        duration_secs,
                        score: Tally {
                            correct: total / 2,
                            total,
                        },
                        passed: total % 2 == 0,
                        pass_mark: 70,
                        by_tag: BTreeMap::new(),
                        answers,
                        extra_time: ExtraTime::CHOICES[extra],
                        // Time can't run out without a limit.
                        time_ran_out: ran_out && ExtraTime::CHOICES[extra] != ExtraTime::NoLimit,
                    }
                },
            )
    }

    proptest! {
        #[test]
        fn any_quiz_round_trips(q in arb_quiz()) {
            prop_assert_eq!(decode_quiz(&encode_quiz(&q)).unwrap(), q.clone());
            prop_assert_eq!(read_quiz_file(&quiz_file(&q)).unwrap(), q);
        }

        #[test]
        fn any_result_round_trips(r in arb_result()) {
            prop_assert_eq!(decode_result(&encode_result(&r), NOW).unwrap(), r.clone());
            prop_assert_eq!(read_result_file(&result_file(&r), NOW).unwrap(), r);
        }
    }

    #[test]
    fn an_added_bank_travels_with_its_exclusions_and_dates() {
        use crate::domain::bank::Depth;
        use crate::domain::custom::parse_custom;
        use crate::domain::manifest::Manifest;
        use crate::domain::quiz::assemble;
        let m = Manifest::parse("[[topics]]\nid='t'\nlabel='T'\n").unwrap();
        let question = |i: usize, extra: &str| {
            format!(
                "[[questions]]\nid = \"q{i}\"\n{extra}type = \"true_false\"\ndifficulty = \"easy\"\ntags = [\"t\"]\nstem = \"Statement {i}.\"\nanswer = true\nexplanation = \"E.\"\ncitation = {{ source = \"SOP\", section = \"{i}\", edition = \"2026\" }}\n"
            )
        };
        let text = format!(
            "id = \"site\"\ntitle = \"Site\"\n{}{}{}",
            question(1, "excludes = [\"q2\"]\nas_of = 2026-11-27\n"),
            question(2, "valid_until = \"2027-06-30\"\n"),
            question(3, "")
        );
        let mut q = quiz(3);
        q.selection = Selection::Random {
            banks: vec!["site".into()],
            tags: vec![],
            count: 3,
        };
        q.bank_versions = [("site".to_string(), 1)].into();
        q.custom_banks = vec![text];
        let link = pack_quiz(&q).link.unwrap();
        let opened = decode_quiz(&link).unwrap();
        let bank = parse_custom("site", &opened.custom_banks[0], &m, Depth::Full).unwrap();
        assert_eq!(bank.questions[0].excludes, vec!["q2"]);
        assert_eq!(
            bank.questions[0].as_of_note().as_deref(),
            Some("As of 27 November 2026")
        );
        assert_eq!(
            bank.questions[1]
                .valid_until
                .map(|d| d.to_string())
                .as_deref(),
            Some("2027-06-30")
        );
        // On the trainee's side the pair never meets either.
        let spec = opened.open(&[&bank]).spec;
        let built = assemble(&spec, &[&bank]).unwrap();
        let ids: Vec<&str> = built.items.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids.len(), 2);
        assert!(ids.contains(&"q3") && !(ids.contains(&"q1") && ids.contains(&"q2")));
        assert!(built.note().is_some());
    }

    #[test]
    fn a_quiz_carrying_a_large_added_bank_travels_as_a_file_only() {
        let mut q = quiz(3);
        let packed = pack_quiz(&q);
        assert_eq!(packed.link.as_deref().map(decode_quiz), Some(Ok(q.clone())));
        // Varied text (deflate can't shrink it below the link limit).
        let mut rng = Rng::new(9);
        let text: String = (0..60_000)
            .map(|_| (b'a' + rng.below(26) as u8) as char)
            .collect();
        q.custom_banks = vec![text];
        let packed = pack_quiz(&q);
        assert_eq!(packed.link, None);
        assert_eq!(
            packed.file.as_deref().map(read_quiz_file),
            Some(Ok(q.clone()))
        );
        q.custom_banks.push("x".repeat(MAX_JSON_BYTES));
        assert_eq!(
            pack_quiz(&q),
            Packed {
                link: None,
                file: None
            }
        );
    }
}
