//! The exam clock's arithmetic and how times read on screen.

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
}
