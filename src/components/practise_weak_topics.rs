use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::random_seed;
use crate::domain::bank::Bank;
use crate::domain::home_view::weak_topics_quiz;
use crate::state::{use_app, Load};

/// A bank card's "Practise my weak topics" button, shown while the bank
/// has weak topics: starts a practice quiz on them and opens it.
#[component]
pub fn PractiseWeakTopics(
    /// The card's bank, as loaded so far.
    load: Memo<Option<Load<Arc<Bank>>>>,
    /// Its weakest topics (id, percent).
    weak: Memo<Vec<(String, u32)>>,
    /// The bank's title, for the button's accessible name.
    title: String,
) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let practise = move |_| {
        let Some(Load::Ready(bank)) = load.get_untracked() else {
            return;
        };
        let tags: Vec<String> = weak.get_untracked().into_iter().map(|(t, _)| t).collect();
        let spec = weak_topics_quiz(&bank.id, tags, random_seed());
        match app.start_quiz(spec, &[bank]) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => app.notify(e),
        }
    };
    view! {
        <Show when=move || !weak.get().is_empty()>
            <button type="button" class="secondary" on:click=practise.clone()>
                "Practise my weak topics"<span class="visually-hidden">{format!(" in {}", title.clone())}</span>
            </button>
        </Show>
    }
}
