use leptos::prelude::*;
use std::sync::Arc;

use crate::domain::manifest::{BankEntry, Manifest};
use crate::domain::session::bank_scores;
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
    app.ensure_bank(&manifest, &entry.id);
    let id = entry.id.clone();
    let load = {
        let id = id.clone();
        Memo::new(move |_| app.banks.with(|b| b.get(&id).cloned().unwrap_or(Load::Loading)))
    };
    let scores = {
        let id = id.clone();
        Memo::new(move |_| app.progress.with(|p| bank_scores(&p.attempts, &id)))
    };
    let heading_id = format!("bank-{id}");
    let labelled_by = heading_id.clone();
    let start_href = app.href(&format!("/setup?bank={id}"));
    let title = entry.title.clone();
    view! {
        <article class="card bank-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{entry.title.clone()}</h2>
            <p>{entry.description.clone()}</p>
            {move || match load.get() {
                Load::Loading => view! { <p class="muted" role="status">"Loading questions…"</p> }.into_any(),
                Load::Failed(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Load::Ready(bank) => {
                    let start_href = start_href.clone();
                    let title = title.clone();
                    view! {
                        <p class="count">{format!("{} questions", bank.questions.len())}</p>
                        <p class="scores">
                            {move || match scores.get() {
                                Some(s) => format!(
                                    "Best {} % · Last {} % · {} attempt{}",
                                    s.best.percent(),
                                    s.last.percent(),
                                    s.attempts,
                                    if s.attempts == 1 { "" } else { "s" }
                                ),
                                None => "Not attempted yet".to_string(),
                            }}
                        </p>
                        <a class="button" href=start_href>
                            "Start a quiz"<span class="visually-hidden">{format!(" on {title}")}</span>
                        </a>
                    }
                    .into_any()
                }
            }}
        </article>
    }
}
