use leptos::prelude::*;

use crate::domain::clock::{reading, running_low};

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
    let text = move || reading(limit_secs.get(), elapsed_ms.get());
    let low = move || running_low(limit_secs.get(), elapsed_ms.get());
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
