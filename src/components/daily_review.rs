use leptos::prelude::*;

use crate::browser::random_seed;
use crate::components::new_per_day_form::NewPerDayForm;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::review_view::{daily_quiz, daily_summary};

/// The daily review card: what is due and new today, the button that
/// starts it, and the new-questions-per-day setting.
#[component]
pub fn DailyReview(
    /// Today's queue: due questions, then new ones.
    queue: Memo<Vec<QRef>>,
    /// How many of the queue are due.
    due_count: Memo<usize>,
    /// How many new questions today still allows.
    new_count: Memo<usize>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let start_daily = move |_| start.run(daily_quiz(queue.get_untracked(), random_seed()));
    view! {
        <section class="card" aria-labelledby="daily-heading">
            <h2 id="daily-heading">"Daily review"</h2>
            <p>
                {move || daily_summary(due_count.get(), new_count.get(), queue.get().len())}
            </p>
            <p class="hint">"Spaced repetition (FSRS): questions you get right come back later and later; ones you miss come back soon."</p>
            <Show
                when=move || !queue.get().is_empty()
                fallback=|| view! { <p>"Nothing to review right now. Come back tomorrow, or raise the number of new questions per day."</p> }
            >
                <button type="button" on:click=start_daily>{move || format!("Start daily review ({} questions)", queue.get().len())}</button>
            </Show>
            <NewPerDayForm/>
        </section>
    }
}
