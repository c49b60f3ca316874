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
}
