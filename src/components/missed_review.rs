use leptos::prelude::*;

use crate::browser::random_seed;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::review_view::{missed_quiz, missed_summary, MISSED_QUIZ_MAX};

/// The missed-questions card: how many were wrong the last time, and a
/// quiz of (up to 20 of) them.
#[component]
pub fn MissedReview(
    /// Questions whose latest answer was wrong.
    missed: Memo<Vec<QRef>>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let start_missed = move |_| start.run(missed_quiz(missed.get_untracked(), random_seed()));
    view! {
        <section class="card" aria-labelledby="missed-heading">
            <h2 id="missed-heading">"Missed questions"</h2>
            <p>{move || missed_summary(missed.get().len())}</p>
            <Show when=move || !missed.get().is_empty()>
                <button type="button" on:click=start_missed>{move || format!("Review missed ({})", missed.get().len().min(MISSED_QUIZ_MAX))}</button>
            </Show>
        </section>
    }
}
