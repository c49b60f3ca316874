use leptos::prelude::*;

use crate::domain::schema::remaining_secs;

/// Formats seconds as m:ss (or h:mm:ss).
pub fn clock(secs: u64) -> String {
    let (h, m, s) = (secs / 3600, (secs / 60) % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m}:{s:02}")
    }
}

/// The exam clock: time left (or elapsed when untimed), with pause and extend.
#[component]
pub fn Timer(
    /// Active milliseconds so far.
    #[prop(into)]
    elapsed_ms: Signal<u64>,
    /// The limit in seconds, if timed.
    #[prop(into)]
    limit_secs: Signal<Option<u32>>,
    /// Whether the clock is paused.
    #[prop(into)]
    paused: Signal<bool>,
    /// Pause or resume.
    on_toggle_pause: Callback<()>,
    /// Add five minutes to the limit.
    on_extend: Callback<()>,
) -> impl IntoView {
    let text = move || match remaining_secs(limit_secs.get(), elapsed_ms.get()) {
        Some(left) => format!("Time left {}", clock(left)),
        None => format!("Time {}", clock(elapsed_ms.get() / 1000)),
    };
    let low =
        move || remaining_secs(limit_secs.get(), elapsed_ms.get()).is_some_and(|left| left < 60);
    view! {
        <div class="timer" role="timer" aria-label="Exam clock">
            <span class="clock" class:low=low aria-live="off">{text}</span>
            <button type="button" class="secondary" aria-pressed=move || paused.get().to_string() on:click=move |_| on_toggle_pause.run(())>
                {move || if paused.get() { "Resume" } else { "Pause" }}
            </button>
            <Show when=move || limit_secs.get().is_some()>
                <button type="button" class="secondary" on:click=move |_| on_extend.run(())>"Add 5 minutes"</button>
            </Show>
        </div>
    }
}
