//! The quiz form: what the New quiz page and the trainer's builder both ask
//! (banks, topics, how many questions, mode, time limit, pass mark), checked
//! by one set of rules, and the pool of questions a bank and topic choice
//! offers. The pages only copy their fields into a [`QuizForm`] or
//! [`ShareForm`] and show the first [`FormError`].

use std::borrow::Borrow;
use std::collections::BTreeMap;
use std::fmt;

use super::bank::{Bank, Question};
use super::clock::ExtraTime;
use super::quiz::{Mode, QRef, QuizSpec};
use super::share::{slug, Selection, SharedQuiz};

/// The longest time limit a quiz may have, in minutes.
pub const MAX_MINUTES: u32 = 300;

/// Who the quiz is for. The two forms differ in a few rules and in their
/// wording, and each keeps the messages its page has always shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// The New quiz page: a quiz the learner takes now.
    Learner,
    /// The trainer's builder: a quiz shared with trainees.
    Trainees,
}

/// The first thing that stops a form making a quiz.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// A shared quiz needs a title.
    NoTitle,
    /// A shared quiz names its trainer.
    NoTrainer,
    /// Hand-picking, but nothing picked.
    NoPicks,
    /// No bank ticked.
    NoBanks(Audience),
    /// The number of questions is not a whole number.
    CountNotWhole { audience: Audience, max: usize },
    /// The number of questions is outside 1 to `max`.
    CountOutOfRange { audience: Audience, max: usize },
    /// The time limit is not 1 to [`MAX_MINUTES`] minutes.
    TimeLimit(Audience),
    /// The pass mark is not 0 to 100.
    PassMark(Audience),
}

impl fmt::Display for FormError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use Audience::{Learner, Trainees};
        match self {
            FormError::NoTitle => write!(f, "Give the quiz a title."),
            FormError::NoTrainer => write!(f, "Add your name as the trainer."),
            FormError::NoPicks => write!(f, "Pick at least one question."),
            FormError::NoBanks(Learner) => write!(f, "Choose at least one question bank."),
            FormError::NoBanks(Trainees) => write!(f, "Choose at least one bank."),
            FormError::CountNotWhole { audience: Learner, max }
            | FormError::CountOutOfRange { audience: Learner, max } => write!(
                f,
                "Number of questions must be a whole number from 1 to {max}."
            ),
            FormError::CountNotWhole {
                audience: Trainees, ..
            } => write!(f, "The number of questions must be a whole number."),
            FormError::CountOutOfRange {
                audience: Trainees,
                max,
            } => write!(
                f,
                "The number of questions must be from 1 to {max} (the questions in these banks and topics)."
            ),
            FormError::TimeLimit(Learner) => write!(
                f,
                "Time limit must be a whole number from 1 to {MAX_MINUTES}."
            ),
            FormError::TimeLimit(Trainees) => write!(
                f,
                "The time limit must be 1 to {MAX_MINUTES} minutes, or empty for none."
            ),
            FormError::PassMark(Learner) => {
                write!(f, "Pass mark must be a whole number from 0 to 100.")
            }
            FormError::PassMark(Trainees) => {
                write!(f, "The pass mark must be a whole number from 0 to 100.")
            }
        }
    }
}

impl std::error::Error for FormError {}

/// The quiz form as typed: numbers stay text until [`QuizForm::validate`].
#[derive(Debug, Clone, PartialEq)]
pub struct QuizForm {
    pub audience: Audience,
    /// The banks ticked (ids).
    pub banks: Vec<String>,
    /// The topics ticked, already limited by [`chosen_tags`].
    pub tags: Vec<String>,
    /// How many questions, as typed.
    pub count: String,
    /// How many questions the banks and topics offer ([`pool_size`]).
    pub pool: usize,
    pub mode: Mode,
    /// Time limit in minutes as typed; empty for none.
    pub minutes: String,
    /// The learner's extra time (set-up only; it counts only with a limit).
    pub extra_time: ExtraTime,
    /// Pass mark in percent as typed.
    pub pass_mark: String,
}

/// How a quiz runs, once checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Settings {
    pub mode: Mode,
    pub time_limit_secs: Option<u32>,
    pub pass_mark: u8,
}

/// A random quiz the form describes, once checked.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidQuiz {
    pub banks: Vec<String>,
    pub tags: Vec<String>,
    pub count: usize,
    pub settings: Settings,
}

impl QuizForm {
    /// Checks the whole form: banks, number of questions, then settings.
    pub fn validate(&self) -> Result<ValidQuiz, FormError> {
        if self.banks.is_empty() {
            return Err(FormError::NoBanks(self.audience));
        }
        let count = self.count()?;
        Ok(ValidQuiz {
            banks: self.banks.clone(),
            tags: self.tags.clone(),
            count,
            settings: self.settings()?,
        })
    }

    /// The quiz spec the form describes, with `seed` for its draw.
    pub fn to_spec(&self, seed: u64) -> Result<QuizSpec, FormError> {
        let v = self.validate()?;
        Ok(QuizSpec {
            banks: v.banks,
            tags: v.tags,
            only: vec![],
            count: v.count,
            mode: v.settings.mode,
            time_limit_secs: v.settings.time_limit_secs,
            extra_time: ExtraTime::Standard,
            pass_mark: v.settings.pass_mark,
            seed,
            review: false,
            fixed_order: false,
            shared: None,
            profile: None,
        }
        .with_extra_time(self.extra_time))
    }

    /// Mode, time limit and pass mark, checked in the order each page has
    /// always reported them.
    pub fn settings(&self) -> Result<Settings, FormError> {
        let (time_limit_secs, pass_mark) = match self.audience {
            Audience::Learner => {
                let pass_mark = self.pass_mark()?;
                (self.time_limit()?, pass_mark)
            }
            Audience::Trainees => (self.time_limit()?, self.pass_mark()?),
        };
        Ok(Settings {
            mode: self.mode,
            time_limit_secs,
            pass_mark,
        })
    }

    fn count(&self) -> Result<usize, FormError> {
        let audience = self.audience;
        // A learner's empty pool gets through here so that building the quiz
        // says why (no questions match); a trainer is told the range.
        let max = match audience {
            Audience::Learner => self.pool.max(1),
            Audience::Trainees => self.pool,
        };
        let n: usize = self
            .count
            .trim()
            .parse()
            .map_err(|_| FormError::CountNotWhole { audience, max })?;
        if (1..=max).contains(&n) {
            Ok(n)
        } else {
            Err(FormError::CountOutOfRange { audience, max })
        }
    }

    /// Seconds, or `None` for no limit. A learner's practice quiz has no
    /// clock, so its (hidden) minutes field is ignored; a trainer's limit
    /// holds in either mode.
    fn time_limit(&self) -> Result<Option<u32>, FormError> {
        let minutes = self.minutes.trim();
        if minutes.is_empty() || (self.audience == Audience::Learner && self.mode != Mode::Exam) {
            return Ok(None);
        }
        minutes_to_secs(minutes)
            .map(Some)
            .ok_or(FormError::TimeLimit(self.audience))
    }

    fn pass_mark(&self) -> Result<u8, FormError> {
        match self.pass_mark.trim().parse::<u8>() {
            Ok(p) if p <= 100 => Ok(p),
            _ => Err(FormError::PassMark(self.audience)),
        }
    }
}

/// A time limit typed in minutes, in seconds, when it is 1 to
/// [`MAX_MINUTES`] minutes.
pub fn minutes_to_secs(minutes: &str) -> Option<u32> {
    match minutes.trim().parse::<u32>() {
        Ok(m) if (1..=MAX_MINUTES).contains(&m) => Some(m * 60),
        _ => None,
    }
}

/// The trainer's builder: the quiz form plus who made it and how its
/// questions are chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct ShareForm {
    pub title: String,
    pub trainer: String,
    pub instructions: String,
    /// `Some` when the trainer hand-picks questions (`bank/id`, in order).
    pub picked: Option<Vec<String>>,
    /// Keep the picked order (only with picked questions).
    pub fixed_order: bool,
    /// Trainees may choose extra time (only with a time limit).
    pub allow_extra_time: bool,
    pub quiz: QuizForm,
}

impl ShareForm {
    /// The quiz to share, or the first thing that stops it being valid.
    /// `bank_versions` holds every bank's version; the quiz keeps those of
    /// the banks it uses. Banks added in this browser are the caller's to add.
    pub fn to_shared(
        &self,
        seed: u64,
        bank_versions: &BTreeMap<String, u32>,
    ) -> Result<SharedQuiz, FormError> {
        let title = self.title.trim();
        if title.is_empty() {
            return Err(FormError::NoTitle);
        }
        let trainer = self.trainer.trim();
        if trainer.is_empty() {
            return Err(FormError::NoTrainer);
        }
        let selection = match &self.picked {
            Some(p) if p.is_empty() => return Err(FormError::NoPicks),
            Some(p) => Selection::Picked(p.clone()),
            None => {
                if self.quiz.banks.is_empty() {
                    return Err(FormError::NoBanks(self.quiz.audience));
                }
                Selection::Random {
                    banks: self.quiz.banks.clone(),
                    tags: self.quiz.tags.clone(),
                    count: self.quiz.count()?,
                }
            }
        };
        let settings = self.quiz.settings()?;
        let mut q = SharedQuiz {
            title: title.to_string(),
            trainer: trainer.to_string(),
            instructions: self.instructions.trim().to_string(),
            selection,
            fixed_order: self.picked.is_some() && self.fixed_order,
            mode: settings.mode,
            time_limit_secs: settings.time_limit_secs,
            allow_extra_time: self.allow_extra_time && settings.time_limit_secs.is_some(),
            pass_mark: settings.pass_mark,
            seed,
            bank_versions: BTreeMap::new(),
            custom_banks: Vec::new(),
        };
        q.bank_versions = q
            .banks()
            .into_iter()
            .filter_map(|b| bank_versions.get(&b).map(|v| (b, *v)))
            .collect();
        Ok(q)
    }
}

/// The ticked topics that the chosen banks have, so unticking a bank drops
/// its topics. `available` is topic → count (as `tag_counts` gives).
pub fn chosen_tags(ticked: &[String], available: &BTreeMap<String, usize>) -> Vec<String> {
    ticked
        .iter()
        .filter(|t| available.contains_key(*t))
        .cloned()
        .collect()
}

/// Whether a question is in the chosen topics (none chosen = every topic).
pub fn in_topics(q: &Question, tags: &[String]) -> bool {
    tags.is_empty() || q.tags.iter().any(|t| tags.contains(t))
}

/// The questions the banks offer in the chosen topics, bank by bank.
pub fn pool<'a, B: Borrow<Bank>>(
    banks: &'a [B],
    tags: &'a [String],
) -> impl Iterator<Item = (&'a Bank, &'a Question)> + 'a {
    banks.iter().flat_map(move |b| {
        let b = b.borrow();
        b.questions
            .iter()
            .filter(move |q| in_topics(q, tags))
            .map(move |q| (b, q))
    })
}

/// How many questions the banks offer in the chosen topics.
pub fn pool_size<B: Borrow<Bank>>(banks: &[B], tags: &[String]) -> usize {
    pool(banks, tags).count()
}

/// One question in the trainer's pick list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickRow {
    /// `bank/id`, as a picked question is stored.
    pub key: String,
    pub id: String,
    /// The stem, cut to [`PICK_STEM_CHARS`] characters.
    pub stem: String,
    /// The question's first topic (id), or empty.
    pub topic: String,
    pub difficulty: &'static str,
}

/// Stems in the pick list are cut to this many characters (with "…").
pub const PICK_STEM_CHARS: usize = 160;

/// The questions in the pool that match `search` (in the stem or the bank's
/// title, any case, or in the question id), in pool order.
pub fn pick_rows<B: Borrow<Bank>>(banks: &[B], tags: &[String], search: &str) -> Vec<PickRow> {
    let needle = search.to_lowercase();
    pool(banks, tags)
        .filter(|(b, q)| {
            needle.is_empty()
                || q.stem.to_lowercase().contains(&needle)
                || q.id.contains(&needle)
                || b.title.to_lowercase().contains(&needle)
        })
        .map(|(b, q)| PickRow {
            key: QRef::new(&b.id, &q.id).to_string(),
            id: q.id.clone(),
            stem: shorten(&q.stem, PICK_STEM_CHARS),
            topic: q.tags.first().cloned().unwrap_or_default(),
            difficulty: q.difficulty.as_str(),
        })
        .collect()
}

/// `text` cut to `max` characters, the last one an ellipsis when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() > max {
        let kept: String = text.chars().take(max.saturating_sub(1)).collect();
        format!("{kept}…")
    } else {
        text.to_string()
    }
}

/// The file name a shared quiz downloads as: its title in lower case with
/// anything but letters and digits turned into dashes.
pub fn quiz_file_name(title: &str) -> String {
    format!("{}.pharmquiz.json", slug(title))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::bank::Kind;

    fn bank(id: &str, title: &str, tags: &[&[&str]]) -> Bank {
        Bank {
            id: id.into(),
            title: title.into(),
            description: String::new(),
            topics: vec![],
            version: 3,
            questions: tags
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    Question::sample(&format!("{id}-{i}"), t, Kind::TrueFalse { answer: true })
                })
                .collect(),
        }
    }

    fn strings(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    fn learner() -> QuizForm {
        QuizForm {
            audience: Audience::Learner,
            banks: strings(&["a"]),
            tags: vec![],
            count: "10".into(),
            pool: 20,
            mode: Mode::Practice,
            minutes: String::new(),
            extra_time: ExtraTime::Standard,
            pass_mark: "70".into(),
        }
    }

    fn trainer() -> ShareForm {
        ShareForm {
            title: " Week 1 ".into(),
            trainer: "Dana".into(),
            instructions: "  Closed book.  ".into(),
            picked: None,
            fixed_order: true,
            allow_extra_time: false,
            quiz: QuizForm {
                audience: Audience::Trainees,
                mode: Mode::Exam,
                minutes: "30".into(),
                pass_mark: "80".into(),
                ..learner()
            },
        }
    }

    fn versions() -> BTreeMap<String, u32> {
        [("a".to_string(), 3), ("b".to_string(), 7)].into()
    }

    #[test]
    fn pool_counts_questions_in_the_chosen_topics() {
        let a = bank("a", "A", &[&["x"], &["y"], &["x", "z"]]);
        let b = bank("b", "B", &[&["z"], &[]]);
        assert_eq!(pool_size(&[&a, &b], &[]), 5);
        assert_eq!(pool_size(&[&a, &b], &strings(&["x"])), 2);
        assert_eq!(pool_size(&[&a, &b], &strings(&["x", "z"])), 3);
        assert_eq!(pool_size(&[&b], &strings(&["y"])), 0);
        assert_eq!(pool_size::<&Bank>(&[], &[]), 0);
        // Works on the pages' `Arc<Bank>` lists too.
        let arcs = vec![std::sync::Arc::new(a)];
        assert_eq!(pool_size(&arcs, &strings(&["y"])), 1);
    }

    #[test]
    fn chosen_tags_drop_topics_the_banks_lack() {
        let available: BTreeMap<String, usize> =
            [("x".to_string(), 2), ("z".to_string(), 1)].into();
        assert_eq!(
            chosen_tags(&strings(&["z", "gone", "x"]), &available),
            strings(&["z", "x"])
        );
        assert!(chosen_tags(&strings(&["gone"]), &available).is_empty());
    }

    #[test]
    fn learner_form_makes_a_spec() {
        let mut f = learner();
        f.tags = strings(&["x"]);
        f.count = " 12 ".into();
        let spec = f.to_spec(42).unwrap();
        assert_eq!(spec.banks, strings(&["a"]));
        assert_eq!(spec.tags, strings(&["x"]));
        assert_eq!(spec.count, 12);
        assert_eq!(spec.mode, Mode::Practice);
        assert_eq!(spec.pass_mark, 70);
        assert_eq!(spec.seed, 42);
        assert_eq!(spec.time_limit_secs, None);
        assert!(spec.only.is_empty() && !spec.review && !spec.fixed_order);
    }

    #[test]
    fn learner_time_limit_counts_only_in_exam_mode() {
        let mut f = learner();
        f.minutes = "abc".into();
        assert_eq!(f.to_spec(1).unwrap().time_limit_secs, None);
        f.mode = Mode::Exam;
        assert_eq!(f.to_spec(1), Err(FormError::TimeLimit(Audience::Learner)));
        f.minutes = "15".into();
        assert_eq!(f.to_spec(1).unwrap().time_limit_secs, Some(900));
        f.minutes = "  ".into();
        assert_eq!(f.to_spec(1).unwrap().time_limit_secs, None);
        f.minutes = "301".into();
        assert_eq!(
            f.to_spec(1).unwrap_err().to_string(),
            "Time limit must be a whole number from 1 to 300."
        );
    }

    #[test]
    fn learner_extra_time_stretches_an_exam_time_limit_only() {
        let mut f = learner();
        f.extra_time = ExtraTime::Double;
        // Practice has no clock, so no extra time is recorded.
        f.minutes = "15".into();
        let practice = f.to_spec(1).unwrap();
        assert_eq!(practice.extra_time, ExtraTime::Standard);
        f.mode = Mode::Exam;
        let spec = f.to_spec(1).unwrap();
        assert_eq!(spec.time_limit_secs, Some(900));
        assert_eq!(spec.extra_time, ExtraTime::Double);
        assert_eq!(spec.effective_time_limit(), Some(1800));
        f.extra_time = ExtraTime::NoLimit;
        assert_eq!(f.to_spec(1).unwrap().effective_time_limit(), None);
        // An exam without a limit: nothing to stretch.
        f.minutes.clear();
        assert_eq!(f.to_spec(1).unwrap().extra_time, ExtraTime::Standard);
        assert_eq!(minutes_to_secs(" 20 "), Some(1200));
        assert_eq!(minutes_to_secs("301"), None);
        assert_eq!(minutes_to_secs(""), None);
    }

    #[test]
    fn trainer_allows_extra_time_only_on_a_timed_quiz() {
        let mut f = trainer();
        assert!(!f.to_shared(1, &versions()).unwrap().allow_extra_time);
        f.allow_extra_time = true;
        assert!(f.to_shared(1, &versions()).unwrap().allow_extra_time);
        f.quiz.minutes.clear();
        assert!(!f.to_shared(1, &versions()).unwrap().allow_extra_time);
    }

    #[test]
    fn learner_messages_are_the_setup_pages() {
        let mut f = learner();
        f.banks.clear();
        assert_eq!(
            f.validate().unwrap_err().to_string(),
            "Choose at least one question bank."
        );
        let mut f = learner();
        for bad in ["0", "21", "ten", "", "-1", "1.5"] {
            f.count = bad.into();
            assert_eq!(
                f.validate().unwrap_err().to_string(),
                "Number of questions must be a whole number from 1 to 20.",
                "{bad:?}"
            );
        }
        f.count = "20".into();
        f.pass_mark = "101".into();
        assert_eq!(
            f.validate().unwrap_err().to_string(),
            "Pass mark must be a whole number from 0 to 100."
        );
        f.pass_mark = "0".into();
        assert_eq!(f.validate().unwrap().settings.pass_mark, 0);
    }

    #[test]
    fn learner_empty_pool_is_left_to_the_quiz_build() {
        let mut f = learner();
        f.pool = 0;
        f.count = "1".into();
        assert_eq!(f.validate().unwrap().count, 1);
        f.count = "2".into();
        assert_eq!(
            f.validate(),
            Err(FormError::CountOutOfRange {
                audience: Audience::Learner,
                max: 1
            })
        );
    }

    #[test]
    fn learner_reports_pass_mark_before_time_limit() {
        let mut f = learner();
        f.mode = Mode::Exam;
        f.minutes = "0".into();
        f.pass_mark = "x".into();
        assert_eq!(f.validate(), Err(FormError::PassMark(Audience::Learner)));
    }

    #[test]
    fn trainer_form_makes_a_shared_quiz() {
        let q = trainer().to_shared(9, &versions()).unwrap();
        assert_eq!(q.title, "Week 1");
        assert_eq!(q.trainer, "Dana");
        assert_eq!(q.instructions, "Closed book.");
        assert_eq!(
            q.selection,
            Selection::Random {
                banks: strings(&["a"]),
                tags: vec![],
                count: 10
            }
        );
        // Fixed order means something only for picked questions.
        assert!(!q.fixed_order);
        assert_eq!(q.mode, Mode::Exam);
        assert_eq!(q.time_limit_secs, Some(1800));
        assert_eq!(q.pass_mark, 80);
        assert_eq!(q.seed, 9);
        assert_eq!(q.bank_versions, [("a".to_string(), 3)].into());
        assert!(q.custom_banks.is_empty());
    }

    #[test]
    fn trainer_picks_keep_their_order_and_banks() {
        let mut f = trainer();
        f.picked = Some(strings(&["b/b-1", "a/a-0"]));
        f.quiz.banks.clear();
        f.quiz.count = "nonsense".into();
        let q = f.to_shared(1, &versions()).unwrap();
        assert_eq!(q.selection, Selection::Picked(strings(&["b/b-1", "a/a-0"])));
        assert!(q.fixed_order);
        assert_eq!(q.bank_versions, versions());
        f.picked = Some(vec![]);
        assert_eq!(f.to_shared(1, &versions()), Err(FormError::NoPicks));
    }

    #[test]
    fn trainer_time_limit_holds_in_practice_too() {
        let mut f = trainer();
        f.quiz.mode = Mode::Practice;
        f.quiz.minutes = "5".into();
        assert_eq!(
            f.to_shared(1, &versions()).unwrap().time_limit_secs,
            Some(300)
        );
        f.quiz.minutes = String::new();
        assert_eq!(f.to_shared(1, &versions()).unwrap().time_limit_secs, None);
    }

    #[test]
    fn trainer_messages_are_the_builders_in_order() {
        let message = |f: &ShareForm| f.to_shared(1, &versions()).unwrap_err().to_string();
        let mut f = trainer();
        f.title = "  ".into();
        f.trainer.clear();
        assert_eq!(message(&f), "Give the quiz a title.");
        f.title = "T".into();
        assert_eq!(message(&f), "Add your name as the trainer.");
        f.trainer = "D".into();
        f.quiz.banks.clear();
        assert_eq!(message(&f), "Choose at least one bank.");
        f.quiz.banks = strings(&["a"]);
        f.quiz.count = "ten".into();
        assert_eq!(
            message(&f),
            "The number of questions must be a whole number."
        );
        for bad in ["0", "21"] {
            f.quiz.count = bad.into();
            assert_eq!(
                message(&f),
                "The number of questions must be from 1 to 20 (the questions in these banks and topics)."
            );
        }
        f.quiz.count = "20".into();
        f.quiz.minutes = "0".into();
        f.quiz.pass_mark = "200".into();
        assert_eq!(
            message(&f),
            "The time limit must be 1 to 300 minutes, or empty for none."
        );
        f.quiz.minutes = "300".into();
        assert_eq!(
            message(&f),
            "The pass mark must be a whole number from 0 to 100."
        );
    }

    #[test]
    fn pick_rows_search_stem_id_and_bank_title() {
        let mut a = bank("a", "Sterile Compounding", &[&["x"], &["y"]]);
        a.questions[0].stem = "Which PPE is worn?".into();
        a.questions[1].stem = "x".repeat(200);
        let b = bank("b", "Inventory", &[&["x"], &[]]);
        let keys = |rows: Vec<PickRow>| rows.into_iter().map(|r| r.key).collect::<Vec<_>>();
        assert_eq!(keys(pick_rows(&[&a, &b], &[], "")).len(), 4);
        assert_eq!(keys(pick_rows(&[&a, &b], &[], "ppe")), ["a/a-0"]);
        assert_eq!(keys(pick_rows(&[&a, &b], &[], "b-1")), ["b/b-1"]);
        assert_eq!(
            keys(pick_rows(&[&a, &b], &[], "STERILE")),
            ["a/a-0", "a/a-1"]
        );
        assert_eq!(
            keys(pick_rows(&[&a, &b], &strings(&["x"]), "")),
            ["a/a-0", "b/b-0"]
        );
        let rows = pick_rows(&[&a], &strings(&["y"]), "");
        assert_eq!(rows[0].stem.chars().count(), 160);
        assert!(rows[0].stem.ends_with('…'));
        assert_eq!(rows[0].topic, "y");
        assert_eq!(rows[0].difficulty, "easy");
        assert_eq!(rows[0].id, "a-1");
        assert_eq!(pick_rows(&[&b], &[], "b-1")[0].topic, "");
    }

    #[test]
    fn shorten_keeps_short_text() {
        assert_eq!(shorten("abc", 3), "abc");
        assert_eq!(shorten("abcd", 3), "ab…");
        assert_eq!(shorten("äöüß", 4), "äöüß");
    }

    #[test]
    fn quiz_file_names() {
        assert_eq!(
            quiz_file_name("Hazardous drugs check"),
            "hazardous-drugs-check.pharmquiz.json"
        );
        assert_eq!(
            quiz_file_name("Week 2: PPE!"),
            "week-2--ppe-.pharmquiz.json"
        );
    }
}
