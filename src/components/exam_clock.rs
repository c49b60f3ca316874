use leptos::prelude::*;
use std::time::Duration;

use crate::browser::{announce, now_ms};
use crate::domain::clock::{expired, extended, warning_due, TIME_UP};
use crate::domain::session::{InProgress, EXTENSION_SECS};
use crate::state::{use_app, AppState};

/// The clock saves the quiz every this many ticks (seconds) of active time.
const SAVE_EVERY: u32 = 5;

/// The clock of the quiz in progress, from [`use_exam_clock`]. Copy it into
/// the parts of the quiz page that change the quiz: [`ExamClock::save`]
/// records the time with every change.
#[derive(Clone, Copy)]
pub struct ExamClock {
    app: AppState,
    /// Active milliseconds so far (paused time and closed tabs excluded).
    pub elapsed: RwSignal<u64>,
    /// Whether the learner has paused the quiz.
    pub paused: Memo<bool>,
    /// The time limit in seconds with any extensions; `None` when untimed.
    pub limit: Memo<Option<u32>>,
}

impl ExamClock {
    /// Changes the quiz in progress and records the clock with it, so a
    /// reload resumes both.
    pub fn save(self, f: impl FnOnce(&mut InProgress)) {
        let ms = self.elapsed.get_untracked();
        self.app.quiz.update(|q| {
            if let Some(ip) = q.as_mut() {
                f(ip);
                ip.elapsed_ms = ms;
            }
        });
    }

    /// Pauses or resumes.
    pub fn toggle_pause(self) {
        self.save(|ip| ip.paused = !ip.paused);
    }

    /// Adds five minutes to a timed quiz, and says so to screen readers.
    pub fn extend(self) {
        self.save(InProgress::extend);
        announce(&extended(
            EXTENSION_SECS,
            self.limit.get_untracked(),
            self.elapsed.get_untracked(),
        ));
    }
}

/// Starts the clock of the quiz in progress, as saved. Once a second it
/// counts active time (not while paused), every five seconds it saves, at
/// five minutes and one minute left it tells screen readers, and when a time
/// limit runs out it says so and calls `on_expire` with the active time in
/// milliseconds. It stops with the component that called it.
pub fn use_exam_clock(on_expire: Callback<u64>) -> ExamClock {
    let app = use_app();
    let clock = ExamClock {
        app,
        elapsed: RwSignal::new(
            app.quiz
                .with_untracked(|q| q.as_ref().map_or(0, |ip| ip.elapsed_ms)),
        ),
        paused: Memo::new(move |_| app.quiz.with(|q| q.as_ref().is_some_and(|ip| ip.paused))),
        limit: Memo::new(move |_| {
            app.quiz
                .with(|q| q.as_ref().and_then(|ip| ip.time_limit_secs))
        }),
    };
    let last = StoredValue::new(now_ms());
    let ticks = StoredValue::new(0u32);
    let tick = move || {
        // A tick already queued when the quiz page went (a submit at zero)
        // finds the clock disposed: it has nothing left to do.
        let Some(previous) = last.try_get_value() else {
            return;
        };
        let now = now_ms();
        let delta = (now - previous).max(0.0) as u64;
        last.set_value(now);
        if clock.paused.get_untracked() {
            return;
        }
        let before = clock.elapsed.get_untracked();
        clock.elapsed.update(|e| *e += delta);
        ticks.update_value(|t| *t += 1);
        let (limit, after) = (clock.limit.get_untracked(), clock.elapsed.get_untracked());
        if expired(limit, after) {
            announce(TIME_UP);
            on_expire.run(after);
            return;
        }
        if let Some(warning) = warning_due(limit, before, after) {
            announce(warning.message());
        }
        if ticks.get_value().is_multiple_of(SAVE_EVERY) {
            clock.save(|_| {});
        }
    };
    if let Ok(handle) = set_interval_with_handle(tick, Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    clock
}
