//! The exam clock's arithmetic and how times read on screen, and the
//! extra-time accommodation that stretches a time limit.

use serde::{Deserialize, Serialize};

/// Formats seconds as m:ss (or h:mm:ss).
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// Whole seconds left of a time limit after `elapsed_ms` of active time.
pub fn remaining_secs(limit_secs: Option<u32>, elapsed_ms: u64) -> Option<u64> {
    limit_secs.map(|l| (l as u64).saturating_sub(elapsed_ms / 1000))
}

/// What the exam clock shows: time left when timed, time spent otherwise.
pub fn reading(limit_secs: Option<u32>, elapsed_ms: u64) -> String {
    match remaining_secs(limit_secs, elapsed_ms) {
        Some(left) => format!("Time left {}", clock(left)),
        None => format!("Time {}", clock(elapsed_ms / 1000)),
    }
}

/// Under a minute left: the clock turns to its warning colour.
pub fn running_low(limit_secs: Option<u32>, elapsed_ms: u64) -> bool {
    remaining_secs(limit_secs, elapsed_ms).is_some_and(|left| left < 60)
}

/// Whether a timed quiz has run out and must be submitted.
pub fn expired(limit_secs: Option<u32>, elapsed_ms: u64) -> bool {
    remaining_secs(limit_secs, elapsed_ms) == Some(0)
}

/// What a screen reader is told when a timed quiz runs out.
pub const TIME_UP: &str = "Time is up — your answers were submitted.";

/// A warning spoken as a timed quiz runs down (the clock itself is silent,
/// or it would talk every second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeWarning {
    FiveMinutes,
    OneMinute,
}

impl TimeWarning {
    /// Seconds left when it is due.
    fn at_secs(self) -> u64 {
        match self {
            TimeWarning::FiveMinutes => 300,
            TimeWarning::OneMinute => 60,
        }
    }

    pub fn message(self) -> &'static str {
        match self {
            TimeWarning::FiveMinutes => "5 minutes left.",
            TimeWarning::OneMinute => "1 minute left.",
        }
    }
}

/// The warning due when active time moves from `before_ms` to `after_ms`:
/// the time left crossed its mark in this step. A quiz that starts at or
/// under a mark (a 5-minute quiz) is not warned of it, and a step that
/// crosses both marks (a tab the browser put to sleep) gives the later one.
pub fn warning_due(limit_secs: Option<u32>, before_ms: u64, after_ms: u64) -> Option<TimeWarning> {
    let before = remaining_secs(limit_secs, before_ms)?;
    let after = remaining_secs(limit_secs, after_ms)?;
    [TimeWarning::OneMinute, TimeWarning::FiveMinutes]
        .into_iter()
        .find(|w| before > w.at_secs() && after <= w.at_secs())
}

/// What a screen reader is told when time is added: how much, and the time
/// now left.
pub fn extended(added_secs: u32, limit_secs: Option<u32>, elapsed_ms: u64) -> String {
    format!(
        "{} minutes added. {}.",
        added_secs / 60,
        reading(limit_secs, elapsed_ms)
    )
}

/// Seconds in words, largest unit first: "1 hour 30 minutes", "45 seconds".
pub fn duration_words(secs: u64) -> String {
    let parts: Vec<String> = [
        (secs / 3600, "hour"),
        ((secs / 60) % 60, "minute"),
        (secs % 60, "second"),
    ]
    .into_iter()
    .filter(|(n, _)| *n > 0)
    .map(|(n, unit)| format!("{n} {unit}{}", if n == 1 { "" } else { "s" }))
    .collect();
    if parts.is_empty() {
        "0 seconds".into()
    } else {
        parts.join(" ")
    }
}

/// Extra time for a learner who needs it (WCAG 2.2.1): the quiz's time limit
/// is multiplied, or lifted. A learner chooses it before a timed quiz (a
/// trainer's shared quiz must allow it), and the attempt and the result
/// sent back record it. Stored and shared as `"1x"`, `"1.5x"`, `"2x"` or
/// `"none"`; any other text is refused when read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExtraTime {
    /// The time limit as set.
    #[default]
    #[serde(rename = "1x")]
    Standard,
    #[serde(rename = "1.5x")]
    Half,
    #[serde(rename = "2x")]
    Double,
    /// No time limit at all.
    #[serde(rename = "none")]
    NoLimit,
}

impl ExtraTime {
    /// Every choice, in the order offered.
    pub const CHOICES: [ExtraTime; 4] = [
        ExtraTime::Standard,
        ExtraTime::Half,
        ExtraTime::Double,
        ExtraTime::NoLimit,
    ];

    pub fn is_standard(&self) -> bool {
        *self == ExtraTime::Standard
    }

    /// The limit a learner gets from a quiz's `base` limit: `None` when the
    /// quiz is untimed or the limit is lifted. Half seconds round up, in the
    /// learner's favour; a limit too large for the clock stays at its most.
    pub fn apply(self, base: Option<u32>) -> Option<u32> {
        let base = base? as u64;
        let secs = match self {
            ExtraTime::Standard => base,
            ExtraTime::Half => (base * 3).div_ceil(2),
            ExtraTime::Double => base * 2,
            ExtraTime::NoLimit => return None,
        };
        Some(u32::try_from(secs).unwrap_or(u32::MAX))
    }

    /// Its code in links, stored data and a form's option values.
    pub fn code(self) -> &'static str {
        match self {
            ExtraTime::Standard => "1x",
            ExtraTime::Half => "1.5x",
            ExtraTime::Double => "2x",
            ExtraTime::NoLimit => "none",
        }
    }

    /// The choice with this code, if there is one.
    pub fn from_code(code: &str) -> Option<ExtraTime> {
        ExtraTime::CHOICES.into_iter().find(|e| e.code() == code)
    }

    /// How a result names it: "1.5×", "2×", "no time limit".
    pub fn short(self) -> &'static str {
        match self {
            ExtraTime::Standard => "none",
            ExtraTime::Half => "1.5×",
            ExtraTime::Double => "2×",
            ExtraTime::NoLimit => "no time limit",
        }
    }

    /// The choice as offered before a quiz with a `base_secs` limit, with
    /// the time it gives: "2× the time: 1 hour".
    pub fn offer(self, base_secs: Option<u32>) -> String {
        let time = |e: ExtraTime| {
            e.apply(base_secs)
                .map_or(String::new(), |s| format!(": {}", duration_words(s as u64)))
        };
        match self {
            ExtraTime::Standard => format!("Standard time{}", time(self)),
            ExtraTime::Half => format!("1.5× the time{}", time(self)),
            ExtraTime::Double => format!("2× the time{}", time(self)),
            ExtraTime::NoLimit => "No time limit".into(),
        }
    }
}

/// Time taken, with the notes on how it went: "6:00 (time ran out, extra
/// time 2×)", or just "6:00".
pub fn time_taken(secs: u64, extra: ExtraTime, time_ran_out: bool) -> String {
    let notes = timing_notes(extra, time_ran_out);
    if notes.is_empty() {
        clock(secs)
    } else {
        format!("{} ({notes})", clock(secs))
    }
}

/// What a trainee is told before a quiz with this `limit_secs` (extra time
/// included) starts.
pub fn time_limit_sentence(limit_secs: Option<u32>) -> String {
    match limit_secs {
        Some(s) => format!(
            "You have {}. When the time runs out, your answers are submitted.",
            duration_words(s as u64)
        ),
        None => "There is no time limit.".into(),
    }
}

/// The notes on how an attempt's time went, for history and the roster:
/// "time ran out", "extra time 2×", "extra time, no limit"; empty when
/// neither applies.
pub fn timing_notes(extra: ExtraTime, time_ran_out: bool) -> String {
    let mut notes = Vec::new();
    if time_ran_out {
        notes.push("time ran out".to_string());
    }
    match extra {
        ExtraTime::Standard => {}
        ExtraTime::NoLimit => notes.push("extra time, no limit".into()),
        e => notes.push(format!("extra time {}", e.short())),
    }
    notes.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_time() {
        assert_eq!(remaining_secs(Some(60), 59_500), Some(1));
        assert_eq!(remaining_secs(Some(60), 60_000), Some(0));
        assert_eq!(remaining_secs(Some(60), 70_000), Some(0));
        assert_eq!(remaining_secs(None, 70_000), None);
    }

    #[test]
    fn clock_reads_minutes_or_hours() {
        assert_eq!(clock(0), "0:00");
        assert_eq!(clock(65), "1:05");
        assert_eq!(clock(3600), "1:00:00");
        assert_eq!(clock(3 * 3600 + 2 * 60 + 9), "3:02:09");
    }

    #[test]
    fn reading_counts_down_when_timed_and_up_otherwise() {
        assert_eq!(reading(Some(600), 61_000), "Time left 8:59");
        assert_eq!(reading(None, 61_000), "Time 1:01");
        assert!(!running_low(Some(600), 0));
        assert!(running_low(Some(600), 541_000));
        assert!(!running_low(None, 10_000_000));
        assert!(!expired(Some(60), 59_999));
        assert!(expired(Some(60), 60_000));
        assert!(!expired(None, 60_000));
    }

    #[test]
    fn warnings_are_due_once_as_the_time_left_crosses_five_minutes_and_one() {
        use TimeWarning::*;
        let limit = Some(600);
        // Ticks of a second: the step onto 5:00 left warns, its neighbours do not.
        assert_eq!(warning_due(limit, 299_000, 300_000), Some(FiveMinutes));
        assert_eq!(warning_due(limit, 298_000, 299_000), None);
        assert_eq!(warning_due(limit, 300_000, 301_000), None);
        assert_eq!(warning_due(limit, 539_000, 540_000), Some(OneMinute));
        assert_eq!(warning_due(limit, 540_000, 541_000), None);
        // A sleeping tab that wakes past both marks hears only the later one.
        assert_eq!(warning_due(limit, 10_000, 550_000), Some(OneMinute));
        // A quiz that starts at a mark is not warned of it.
        assert_eq!(warning_due(Some(300), 0, 1_000), None);
        assert_eq!(warning_due(Some(300), 239_000, 240_000), Some(OneMinute));
        // Untimed quizzes and a paused clock (no time passes) never warn.
        assert_eq!(warning_due(None, 299_000, 300_000), None);
        assert_eq!(warning_due(limit, 300_000, 300_000), None);
        // Time added lifts the time left above a mark: it is due again later.
        assert_eq!(warning_due(Some(900), 599_000, 600_000), Some(FiveMinutes));
        assert_eq!(FiveMinutes.message(), "5 minutes left.");
        assert_eq!(OneMinute.message(), "1 minute left.");
    }

    #[test]
    fn adding_time_says_how_much_and_the_time_now_left() {
        assert_eq!(
            extended(300, Some(360), 50_000),
            "5 minutes added. Time left 5:10."
        );
    }

    #[test]
    fn durations_read_in_words() {
        assert_eq!(duration_words(0), "0 seconds");
        assert_eq!(duration_words(60), "1 minute");
        assert_eq!(duration_words(1800), "30 minutes");
        assert_eq!(duration_words(5400), "1 hour 30 minutes");
        assert_eq!(duration_words(7261), "2 hours 1 minute 1 second");
    }

    #[test]
    fn extra_time_multiplies_the_limit_or_lifts_it() {
        use ExtraTime::*;
        assert_eq!(Standard.apply(Some(1800)), Some(1800));
        assert_eq!(Half.apply(Some(1800)), Some(2700));
        assert_eq!(Double.apply(Some(1800)), Some(3600));
        assert_eq!(NoLimit.apply(Some(1800)), None);
        // Half a second rounds up, for the learner.
        assert_eq!(Half.apply(Some(61)), Some(92));
        // An untimed quiz stays untimed whatever is chosen.
        for e in ExtraTime::CHOICES {
            assert_eq!(e.apply(None), None);
        }
        // The largest stored limit saturates instead of wrapping.
        assert_eq!(Double.apply(Some(u32::MAX)), Some(u32::MAX));
        assert_eq!(Half.apply(Some(u32::MAX)), Some(u32::MAX));
    }

    #[test]
    fn extra_time_reads_and_round_trips_its_code() {
        use ExtraTime::*;
        for e in ExtraTime::CHOICES {
            assert_eq!(ExtraTime::from_code(e.code()), Some(e));
            let json = serde_json::to_string(&e).unwrap();
            assert_eq!(json, format!("\"{}\"", e.code()));
            assert_eq!(serde_json::from_str::<ExtraTime>(&json).unwrap(), e);
        }
        assert_eq!(ExtraTime::from_code("3x"), None);
        let bad = serde_json::from_str::<ExtraTime>("\"3x\"")
            .unwrap_err()
            .to_string();
        assert!(
            bad.contains("unknown variant `3x`, expected one of `1x`, `1.5x`, `2x`, `none`"),
            "{bad}"
        );
        assert!(serde_json::from_str::<ExtraTime>("2").is_err());
        assert_eq!(Double.offer(Some(1800)), "2× the time: 1 hour");
        assert_eq!(Half.offer(Some(1200)), "1.5× the time: 30 minutes");
        assert_eq!(Standard.offer(Some(1200)), "Standard time: 20 minutes");
        assert_eq!(NoLimit.offer(Some(1200)), "No time limit");
        assert_eq!(Standard.offer(None), "Standard time");
    }

    #[test]
    fn time_notes_and_sentences() {
        assert_eq!(timing_notes(ExtraTime::Standard, false), "");
        assert_eq!(timing_notes(ExtraTime::Standard, true), "time ran out");
        assert_eq!(
            timing_notes(ExtraTime::Half, true),
            "time ran out, extra time 1.5×"
        );
        assert_eq!(
            timing_notes(ExtraTime::NoLimit, false),
            "extra time, no limit"
        );
        assert_eq!(timing_notes(ExtraTime::Double, false), "extra time 2×");
        assert_eq!(time_taken(360, ExtraTime::Standard, false), "6:00");
        assert_eq!(
            time_taken(720, ExtraTime::Double, true),
            "12:00 (time ran out, extra time 2×)"
        );
        assert_eq!(
            time_limit_sentence(Some(1200)),
            "You have 20 minutes. When the time runs out, your answers are submitted."
        );
        assert_eq!(time_limit_sentence(None), "There is no time limit.");
    }
}
