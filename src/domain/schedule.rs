//! Daily review with FSRS (the `rs-fsrs` crate). A right answer is rated
//! Good and a wrong one Again; the crate computes the next due date from the
//! question's memory state. New questions enter review at a daily limit.

use chrono::{DateTime, TimeZone, Utc};
use rs_fsrs::{Card, Parameters, Rating, Seed, State, FSRS};
use std::collections::BTreeMap;

use super::quiz::QRef;
use super::schema::stored::CardState;
use super::sort::sort_by;

fn params() -> Parameters {
    // Fixed seed and no fuzz: schedules are reproducible and testable.
    Parameters {
        enable_fuzz: false,
        seed: Seed::String("pharmquiz".into()),
        ..Parameters::default()
    }
}

fn time(ms: f64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms as i64)
        .single()
        .unwrap_or_default()
}

fn ms(t: DateTime<Utc>) -> f64 {
    t.timestamp_millis() as f64
}

fn to_card(c: &CardState) -> Card {
    Card {
        due: time(c.due_ms),
        stability: c.stability,
        difficulty: c.difficulty,
        elapsed_days: c.elapsed_days,
        scheduled_days: c.scheduled_days,
        reps: c.reps,
        lapses: c.lapses,
        state: match c.state {
            1 => State::Learning,
            2 => State::Review,
            3 => State::Relearning,
            _ => State::New,
        },
        last_review: time(c.last_review_ms),
    }
}

/// The memory state after answering a question (right or wrong) at `now_ms`.
pub fn review(previous: Option<&CardState>, correct: bool, now_ms: f64) -> CardState {
    let now = time(now_ms);
    let card = previous.map(to_card).unwrap_or(Card {
        due: now,
        last_review: now,
        ..Card::default()
    });
    let rating = if correct { Rating::Good } else { Rating::Again };
    let next = FSRS::new(params()).next(card, now, rating).card;
    CardState {
        due_ms: ms(next.due),
        stability: next.stability,
        difficulty: next.difficulty,
        elapsed_days: next.elapsed_days,
        scheduled_days: next.scheduled_days,
        reps: next.reps,
        lapses: next.lapses,
        state: next.state as u8,
        last_review_ms: ms(next.last_review),
        first_review_ms: previous.map_or(now_ms, |p| p.first_review_ms),
    }
}

/// The chance, 0 to 1, of answering the question right at `now_ms`, from
/// its memory state (FSRS's forgetting curve over whole days since the last
/// review). A state that cannot be read (a stability that is not a positive
/// number) counts as 0, like a new card.
pub fn retrievability(c: &CardState, now_ms: f64) -> f64 {
    if !(c.stability.is_finite() && c.stability > 0.0) {
        return 0.0;
    }
    let r = to_card(c).get_retrievability(time(now_ms));
    if r.is_finite() {
        r.clamp(0.0, 1.0)
    } else {
        0.0
    }
}

/// Questions due now, most overdue first.
pub fn due(schedule: &BTreeMap<String, CardState>, now_ms: f64) -> Vec<QRef> {
    let mut v: Vec<(&String, &CardState)> = schedule
        .iter()
        .filter(|(_, c)| c.due_ms <= now_ms)
        .collect();
    sort_by(&mut v, |a, b| {
        a.1.due_ms.total_cmp(&b.1.due_ms).then_with(|| a.0.cmp(b.0))
    });
    v.into_iter().filter_map(|(k, _)| k.parse().ok()).collect()
}

/// How many new questions may still be introduced today.
pub fn new_allowance(
    schedule: &BTreeMap<String, CardState>,
    day_start_ms: f64,
    new_per_day: u32,
) -> usize {
    let introduced = schedule
        .values()
        .filter(|c| c.first_review_ms >= day_start_ms)
        .count();
    (new_per_day as usize).saturating_sub(introduced)
}

/// Today's review: everything due, then new questions (never reviewed) from
/// `pool`, in pool order, up to the day's allowance.
pub fn daily_queue(
    schedule: &BTreeMap<String, CardState>,
    pool: &[QRef],
    now_ms: f64,
    day_start_ms: f64,
    new_per_day: u32,
) -> Vec<QRef> {
    let mut queue = due(schedule, now_ms);
    let allowance = new_allowance(schedule, day_start_ms, new_per_day);
    queue.extend(
        pool.iter()
            .filter(|r| !schedule.contains_key(&r.to_string()))
            .take(allowance)
            .cloned(),
    );
    queue
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: f64 = 86_400_000.0;
    const T0: f64 = 1_790_000_000_000.0;

    fn r(id: &str) -> QRef {
        QRef {
            bank: "b".into(),
            id: id.into(),
        }
    }

    #[test]
    fn right_answers_push_the_due_date_out_and_wrong_ones_bring_it_back() {
        let first = review(None, true, T0);
        assert_eq!(first.reps, 1);
        assert_eq!(first.first_review_ms, T0);
        assert!(first.due_ms > T0);
        // Review again once due, correctly: the interval grows.
        let second = review(Some(&first), true, first.due_ms.max(T0 + DAY));
        let third = review(Some(&second), true, second.due_ms);
        assert!(
            third.due_ms - third.last_review_ms > second.due_ms - second.last_review_ms,
            "intervals grow"
        );
        assert!(third.stability > second.stability);
        // A lapse: due again soon, lapses counted.
        let lapse = review(Some(&third), false, third.due_ms);
        assert_eq!(lapse.lapses, third.lapses + 1);
        assert!(
            lapse.due_ms - lapse.last_review_ms < DAY,
            "a forgotten question comes back within a day"
        );
        assert_eq!(lapse.first_review_ms, T0);
    }

    #[test]
    fn retrievability_falls_with_time_since_the_review() {
        let c = review(None, true, T0);
        // FSRS's curve: (1 + 19/81 · days / stability)^-0.5, 0.9 at `stability` days.
        let at = |days: f64| retrievability(&c, T0 + days * DAY);
        assert!((at(0.0) - 1.0).abs() < 1e-12);
        let expected = (1.0 + 19.0 / 81.0 * 10.0 / c.stability).powf(-0.5);
        assert!((at(10.0) - expected).abs() < 1e-12);
        assert!(at(10.0) > at(100.0));
        let broken = CardState {
            stability: f64::NAN,
            ..c
        };
        assert_eq!(retrievability(&broken, T0 + DAY), 0.0);
        let new = CardState { state: 0, ..c };
        assert_eq!(retrievability(&new, T0 + DAY), 0.0);
    }

    #[test]
    fn same_history_same_schedule() {
        assert_eq!(review(None, true, T0), review(None, true, T0));
    }

    #[test]
    fn queue_has_due_then_new_up_to_the_daily_limit() {
        let mut s = BTreeMap::new();
        s.insert(
            r("old-due").to_string(),
            CardState {
                due_ms: T0 - 5.0,
                ..review(None, true, T0 - 3.0 * DAY)
            },
        );
        s.insert(
            r("later").to_string(),
            CardState {
                due_ms: T0 + DAY,
                ..review(None, true, T0 - 3.0 * DAY)
            },
        );
        s.insert(r("today-new").to_string(), review(None, true, T0 - 1000.0));
        let pool = vec![r("later"), r("n1"), r("n2"), r("n3")];
        // Limit 3, one already introduced today: two new.
        let q = daily_queue(&s, &pool, T0, T0 - 3_600_000.0, 3);
        let ids: Vec<&str> = q.iter().map(|x| x.id.as_str()).collect();
        assert_eq!(ids[0], "old-due");
        assert!(!ids.contains(&"later"));
        assert_eq!(ids.iter().filter(|i| i.starts_with('n')).count(), 2);
        assert_eq!(new_allowance(&s, T0 - 3_600_000.0, 1), 0);
    }
}
