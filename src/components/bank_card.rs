use leptos::prelude::*;
use std::sync::Arc;

use leptos_router::hooks::use_navigate;

use crate::browser::{now_ms, random_seed, tz_offset_min};
use crate::domain::attempt::bank_scores;
use crate::domain::dashboard::Dashboard;
use crate::domain::manifest::{BankEntry, Manifest};
use crate::domain::quiz::{Mode, QuizSpec};
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
        Some(Load::Ready(bank)) => app.progress.with(|p| {
            Dashboard::compute(p, &[bank.as_ref()], now_ms(), tz_offset_min())
                .banks
                .first()
                .map(|b| {
                    b.weakest()
                        .into_iter()
                        .map(|t| (t.tag.clone(), t.mastery.percent()))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        }),
        _ => Vec::new(),
    });
    let heading_id = format!("bank-{id}");
    let labelled_by = heading_id.clone();
    let start_href = app.href(&format!("/setup?bank={id}"));
    let title = entry.title.clone();
    let known_count = entry.questions;
    let label = {
        let manifest = manifest.clone();
        move |tag: &str| manifest.topic_label(tag).to_string()
    };
    let navigate = use_navigate();
    let practise = move |_| {
        let Some(Load::Ready(bank)) = load.get_untracked() else {
            return;
        };
        let tags: Vec<String> = weak.get_untracked().into_iter().map(|(t, _)| t).collect();
        let spec = QuizSpec {
            banks: vec![bank.id.clone()],
            tags,
            only: vec![],
            count: 10,
            mode: Mode::Practice,
            time_limit_secs: None,
            pass_mark: 70,
            seed: random_seed(),
            review: false,
            fixed_order: false,
            shared: None,
        };
        match app.start_quiz(spec, &[bank]) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => app.notify(e),
        }
    };
    view! {
        <article class="card bank-card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{entry.title.clone()}</h2>
            <p>{entry.description.clone()}</p>
            {move || match load.get() {
                Some(Load::Failed(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                other => {
                    let count = match (known_count, other) {
                        (n, _) if n > 0 => Some(n),
                        (_, Some(Load::Ready(bank))) => Some(bank.questions.len()),
                        _ => None,
                    };
                    let start_href = start_href.clone();
                    let title = title.clone();
                    let label = label.clone();
                    let practise = practise.clone();
                    view! {
                        {match count {
                            Some(n) => view! { <p class="count">{format!("{n} questions")}</p> }.into_any(),
                            None => view! { <p class="count muted" role="status">"Loading questions…"</p> }.into_any(),
                        }}
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
                        {move || {
                            let weak = weak.get();
                            (!weak.is_empty()).then(|| {
                                let items = weak
                                    .iter()
                                    .map(|(t, p)| view! { <li>{format!("{} — {p} %", label(t))}</li> })
                                    .collect_view();
                                view! {
                                    <p class="weak-heading">"Weakest topics"</p>
                                    <ul class="weak">{items}</ul>
                                }
                            })
                        }}
                        <div class="actions card-actions">
                            <a class="button" href=start_href>
                                "Start a quiz"<span class="visually-hidden">{format!(" on {title}")}</span>
                            </a>
                            <Show when=move || !weak.get().is_empty()>
                                <button type="button" class="secondary" on:click=practise.clone()>
                                    "Practise my weak topics"<span class="visually-hidden">{format!(" in {}", title.clone())}</span>
                                </button>
                            </Show>
                        </div>
                    }
                    .into_any()
                }
            }}
        </article>
    }
}
