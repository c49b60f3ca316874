//! Sanity limits on the numbers that come from outside: links, files,
//! backups and stored data. A value past them is refused with a message
//! naming the field, instead of showing "4294967196 %" or "Invalid Date",
//! or letting a date after today outlive a "Clear all data".

use thiserror::Error;

/// No date before the Unix epoch (1970-01-01) is accepted.
pub const EARLIEST_MS: f64 = 0.0;
/// No date at all after 2200-01-01. Review due dates may lie far ahead
/// (FSRS schedules up to a century), so only this bound applies to them.
pub const FAR_FUTURE_MS: f64 = 7_258_118_400_000.0;
/// How far ahead of this browser's clock another device's clock may be:
/// something that happened is never dated after now plus a day.
pub const CLOCK_SKEW_MS: f64 = 86_400_000.0;
/// Most questions a quiz, a result or an attempt may count.
pub const MAX_QUESTIONS: u32 = 10_000;
/// Longest active time a shared result may report: 30 days (a quiz takes
/// minutes; the app caps what it sends at this).
pub const MAX_DURATION_SECS: u32 = 30 * 86_400;
/// Longest time limit a shared quiz may set: 24 hours.
pub const MAX_TIME_LIMIT_SECS: u32 = 24 * 3_600;
/// Most questions one bank question may name in `excludes` (questions it
/// gives away). A real question gives away one or two others; the bound
/// keeps building a quiz linear in the bank's size.
pub const MAX_EXCLUDES: usize = 20;

/// A value outside its limits; the message names the field.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("{0}")]
pub struct OutOfRange(pub String);

/// The bounds a value is checked against: from a link or a backup (nothing
/// dated after tomorrow) or from storage (only absurd values are refused, so
/// a history this app wrote itself always loads).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Limits {
    /// Latest date for something that has happened.
    pub latest_ms: f64,
    pub max_questions: u32,
    pub max_duration_secs: u32,
}

impl Limits {
    /// Stored data read back.
    pub const STORED: Limits = Limits {
        latest_ms: FAR_FUTURE_MS,
        max_questions: u32::MAX,
        max_duration_secs: u32::MAX,
    };

    /// A result or quiz link or file, opened at `now_ms`.
    pub fn link(now_ms: f64) -> Limits {
        Limits {
            latest_ms: latest(now_ms),
            max_questions: MAX_QUESTIONS,
            max_duration_secs: MAX_DURATION_SECS,
        }
    }

    /// A backup imported at `now_ms`: the learner's own history, so only
    /// the dates are held to today.
    pub fn backup(now_ms: f64) -> Limits {
        Limits {
            latest_ms: latest(now_ms),
            max_questions: MAX_QUESTIONS,
            max_duration_secs: u32::MAX,
        }
    }

    /// A date on which something happened: from 1970 to `latest_ms`.
    pub fn date(&self, what: &str, ms: f64) -> Result<(), OutOfRange> {
        real_date(what, ms)?;
        if ms > self.latest_ms {
            return Err(OutOfRange(format!(
                "{what} is in the future (after tomorrow's date)"
            )));
        }
        Ok(())
    }

    /// A date that may lie ahead (a review's due date).
    pub fn due_date(&self, what: &str, ms: f64) -> Result<(), OutOfRange> {
        real_date(what, ms)
    }

    /// A score: `correct` out of `total` questions.
    pub fn tally(&self, what: &str, correct: u32, total: u32) -> Result<(), OutOfRange> {
        if correct > total {
            return Err(OutOfRange(format!(
                "{what} is larger than its number of questions ({correct} of {total})"
            )));
        }
        self.questions(what, total as u64)
    }

    /// A number of questions.
    pub fn questions(&self, what: &str, n: u64) -> Result<(), OutOfRange> {
        at_most_questions(what, n, self.max_questions)
    }

    /// Active time spent, in seconds.
    pub fn duration(&self, what: &str, secs: u32) -> Result<(), OutOfRange> {
        if secs > self.max_duration_secs {
            return Err(OutOfRange(format!(
                "{what} is {secs} seconds, longer than the {} days a quiz can take",
                self.max_duration_secs / 86_400
            )));
        }
        Ok(())
    }
}

/// The latest date accepted at `now_ms` for something that has happened.
pub fn latest(now_ms: f64) -> f64 {
    (now_ms + CLOCK_SKEW_MS).min(FAR_FUTURE_MS)
}

/// The number of questions a shared quiz asks.
pub fn quiz_size(what: &str, n: u64) -> Result<(), OutOfRange> {
    at_most_questions(what, n, MAX_QUESTIONS)
}

fn at_most_questions(what: &str, n: u64, max: u32) -> Result<(), OutOfRange> {
    if n > max as u64 {
        return Err(OutOfRange(format!(
            "{what} counts {n} questions, more than the {max} a quiz can have"
        )));
    }
    Ok(())
}

fn real_date(what: &str, ms: f64) -> Result<(), OutOfRange> {
    // NaN fails both comparisons, so it is refused too.
    if (EARLIEST_MS..=FAR_FUTURE_MS).contains(&ms) {
        Ok(())
    } else {
        Err(OutOfRange(format!(
            "{what} is not a real date (it must fall between 1970 and 2200)"
        )))
    }
}

/// A pass mark in percent, 0 to 100.
pub fn pass_mark(what: &str, percent: u8) -> Result<(), OutOfRange> {
    if percent > 100 {
        return Err(OutOfRange(format!(
            "{what} is {percent} %, but a pass mark is 0 to 100 %"
        )));
    }
    Ok(())
}

/// A quiz's time limit in seconds, if it has one: 1 second to 24 hours.
pub fn time_limit(what: &str, secs: Option<u32>) -> Result<(), OutOfRange> {
    match secs {
        Some(s) if s == 0 || s > MAX_TIME_LIMIT_SECS => Err(OutOfRange(format!(
            "{what} is {s} seconds, but a time limit is from 1 second to {} hours",
            MAX_TIME_LIMIT_SECS / 3_600
        ))),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1.8e12;

    #[test]
    fn dates_run_from_1970_to_tomorrow_or_to_2200() {
        let link = Limits::link(NOW);
        assert_eq!(link.date("d", 0.0), Ok(()));
        assert_eq!(link.date("d", NOW + CLOCK_SKEW_MS), Ok(()));
        let future = link.date("the result's date", NOW + CLOCK_SKEW_MS + 1.0);
        assert_eq!(
            future.unwrap_err().to_string(),
            "the result's date is in the future (after tomorrow's date)"
        );
        for bad in [-1.0, 1e308, -1e308, f64::NAN, f64::INFINITY] {
            let e = link.date("the result's date", bad).unwrap_err().to_string();
            assert!(e.contains("not a real date"), "{bad}: {e}");
        }
        // 2096 is fine in storage (only absurd dates are refused there).
        assert_eq!(Limits::STORED.date("d", 3.98e12), Ok(()));
        assert!(Limits::STORED.date("d", FAR_FUTURE_MS + 1.0).is_err());
        // A review may be due long after tomorrow.
        assert_eq!(link.due_date("d", 3.98e12), Ok(()));
    }

    #[test]
    fn scores_counts_and_durations_are_bounded() {
        let link = Limits::link(NOW);
        assert_eq!(link.tally("s", 3, 3), Ok(()));
        assert_eq!(
            link.tally("the result's score", u32::MAX, 1)
                .unwrap_err()
                .to_string(),
            "the result's score is larger than its number of questions (4294967295 of 1)"
        );
        assert!(link
            .tally("s", 3_000_000_000, 4_000_000_000)
            .unwrap_err()
            .to_string()
            .contains("more than the 10000 a quiz can have"));
        assert_eq!(
            Limits::STORED.tally("s", 3_000_000_000, 4_000_000_000),
            Ok(())
        );
        assert!(link.duration("d", MAX_DURATION_SECS + 1).is_err());
        assert_eq!(Limits::backup(NOW).duration("d", u32::MAX), Ok(()));
    }

    #[test]
    fn pass_marks_and_time_limits() {
        assert_eq!(pass_mark("p", 100), Ok(()));
        assert_eq!(
            pass_mark("the quiz's pass mark", 255)
                .unwrap_err()
                .to_string(),
            "the quiz's pass mark is 255 %, but a pass mark is 0 to 100 %"
        );
        assert_eq!(time_limit("t", None), Ok(()));
        assert_eq!(time_limit("t", Some(MAX_TIME_LIMIT_SECS)), Ok(()));
        assert!(time_limit("t", Some(0)).is_err());
        assert!(time_limit("t", Some(u32::MAX)).is_err());
    }
}
