use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::{now_ms, tz_offset_min};
use crate::components::practise_weak_topics::PractiseWeakTopics;
use crate::components::weak_topics::WeakTopics;
use crate::domain::attempt::bank_scores;
use crate::domain::home_view::{question_count, scores_text, weakest_topics};
use crate::domain::manifest::{BankEntry, Manifest};
use crate::shell::question_count as count_text;
use crate::state::{use_app, Load};

/// A bank on the home page: what it covers, its size, your best and last
/// score, and the way in. Starts loading its bank without blocking the page.
#[component]
pub fn BankCard(
    /// The manifest entry for the bank.
    entry: BankEntry,
    /// The manifest, for loading the bank.
    manifest: Arc<Manifest>,
) -> impl IntoView {
    let app = use_app();
    let id = entry.id.clone();
    let scores = {
        let id = id.clone();
        Memo::new(move |_| app.progress.with(|p| bank_scores(p, &id)))
    };
    // The card's count comes from the bank list; the bank itself is only
    // downloaded for the weakest topics, which need an attempt to exist.
    if scores.get_untracked().is_some() {
        app.ensure_bank(&manifest, &entry.id);
    }
    let load = {
        let id = id.clone();
        Memo::new(move |_| app.bank_load(&id))
    };
    let weak = Memo::new(move |_| match load.get() {
        Some(Load::Ready(bank)) => app
            .progress
            .with(|p| weakest_topics(p, &bank, now_ms(), tz_offset_min())),
        _ => Vec::new(),
    });
    let heading_id = format!("bank-{id}");
    let labelled_by = heading_id.clone();
    let start_href = app.href(&format!("/setup?bank={id}"));
    let title = entry.title.clone();
    let known_count = entry.questions;
    view! {
        <article class="card bank-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{entry.title.clone()}</h2>
            <p>{entry.description.clone()}</p>
            {move || match load.get() {
                Some(Load::Failed(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                other => {
                    let loaded = match other {
                        Some(Load::Ready(bank)) => Some(bank.questions.len()),
                        _ => None,
                    };
                    let title = title.clone();
                    view! {
                        {count_line(question_count(known_count, loaded))}
                        <p class="scores">{move || scores_text(scores.get().as_ref())}</p>
                        <WeakTopics weak manifest=manifest.clone()/>
                        <div class="actions card-actions">
                            <a class="button" href=start_href.clone()>
                                "Start a quiz"<span class="visually-hidden">{format!(" on {title}")}</span>
                            </a>
                            <PractiseWeakTopics load weak title/>
                        </div>
                    }
                    .into_any()
                }
            }}
        </article>
    }
}

/// The card's question count, or that it is still loading.
fn count_line(count: Option<usize>) -> AnyView {
    match count {
        Some(n) => view! { <p class="count">{count_text(n)}</p> }.into_any(),
        None => view! { <p class="count muted" role="status">"Loading questions…"</p> }.into_any(),
    }
}
