use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::{after_render, focus_first, focus_nth_or_last, now_ms, random_seed};
use crate::domain::bank::Bank;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::review_view::{flagged_label, flagged_quiz};
use crate::state::{use_app, AppState};

/// The flagged-questions card: a quiz of them, and each one with its bank,
/// a short stem and a button that removes its flag.
#[component]
pub fn FlaggedReview(
    /// Flagged questions still in a bank.
    flagged: Memo<Vec<QRef>>,
    /// The loaded banks, for titles and stems.
    banks: StoredValue<Vec<Arc<Bank>>>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let app = use_app();
    let start_flagged = move |_| start.run(flagged_quiz(flagged.get_untracked(), random_seed()));
    let rows = move || {
        flagged
            .get()
            .into_iter()
            .enumerate()
            .map(|(k, r)| {
                let (title, stem) = banks.with_value(|bs| flagged_label(&r, bs));
                flagged_item(app, k, r, title, stem)
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="flagged-heading">
            <h2 id="flagged-heading">"Flagged questions"</h2>
            <Show
                when=move || !flagged.get().is_empty()
                fallback=|| view! { <p>"No flagged questions. Use “Flag for review” during a quiz to keep a question here."</p> }
            >
                <button type="button" on:click=start_flagged>{move || format!("Practise flagged ({})", flagged.get().len())}</button>
                <ul class="flagged-list">{rows}</ul>
            </Show>
        </section>
    }
}

/// One flagged question (the `k`th), with the button that removes its flag.
/// The item then goes: focus moves to the next one's button (or the last
/// one's, or the card's heading when none is left).
fn flagged_item(app: AppState, k: usize, r: QRef, title: String, stem: String) -> impl IntoView {
    let key = r.to_string();
    view! {
        <li class="flagged-item">
            <p><span class="muted">{title}" · "{r.id.clone()}</span><br/>{stem}</p>
            <button type="button" class="secondary" on:click=move |_| {
                let key = key.clone();
                app.progress.update(|p| {
                    p.set_flag(key, false, now_ms());
                });
                after_render(move || {
                    let _ = focus_nth_or_last(".flagged-item button", k as u32)
                        || focus_first("#flagged-heading");
                });
            }>"Remove flag"<span class="visually-hidden">{format!(" from {}", r.id)}</span></button>
        </li>
    }
}
