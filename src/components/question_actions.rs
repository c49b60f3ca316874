use leptos::prelude::*;

use crate::browser::now_ms;
use crate::domain::quiz::Mode;
use crate::state::use_app;

/// The buttons under a question: Previous, Flag for review, and Next, or
/// on the last question the submit button ("Submit exam" / "See results").
#[component]
pub fn QuestionActions(
    /// The question's place in the quiz (0-based).
    index: usize,
    /// Whether it is the last question.
    last: bool,
    /// The question's `bank/id`, under which its flag is kept.
    key: String,
    mode: Mode,
    /// Goes to the question at this index.
    go: Callback<usize>,
    /// Asks to submit the quiz.
    on_submit: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    let flag_key = key.clone();
    let flagged = Memo::new(move |_| app.progress.with(|p| p.is_flagged(&flag_key)));
    let toggle_flag = move |_| {
        let on = !flagged.get_untracked();
        let key = key.clone();
        app.progress.update(|p| {
            p.set_flag(key, on, now_ms());
        });
    };
    let forward = if last {
        view! {
            <button type="button" on:click=move |_| on_submit.run(())>
                {if mode == Mode::Exam { "Submit exam" } else { "See results" }}
            </button>
        }
        .into_any()
    } else {
        view! { <button type="button" on:click=move |_| go.run(index + 1)>"Next"</button> }
            .into_any()
    };
    view! {
        <div class="actions nav">
            <button type="button" class="secondary" disabled=index == 0 on:click=move |_| go.run(index.saturating_sub(1))>"Previous"</button>
            <button type="button" class="secondary" aria-pressed=move || flagged.get().to_string() on:click=toggle_flag>
                {move || if flagged.get() { "Flagged for review" } else { "Flag for review" }}
            </button>
            {forward}
        </div>
    }
}
