use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{now_ms, random_seed};
use crate::components::loading::load_view;
use crate::domain::bank::Bank;
use crate::domain::manifest::Manifest;
use crate::domain::quiz::{build, Mode, QuizSpec};
use crate::domain::session::{tag_counts, InProgress};
use crate::state::{use_app, use_banks, Load};

/// Reads a whole number from a form field, with a message naming the field.
fn field_number(text: &str, name: &str, min: u32, max: u32) -> Result<u32, String> {
    let t = text.trim();
    match t.parse::<u32>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{name} must be a whole number from {min} to {max}."
        )),
    }
}

/// Quiz setup: banks, topics, size, mode, time limit and pass mark.
#[component]
pub fn Setup() -> impl IntoView {
    set_title("New quiz");
    let app = use_app();
    view! {
        <section class="page">
            <h1>"New quiz"</h1>
            {move || load_view(app.manifest.get(), "question banks", |m| view! { <SetupForm manifest=m/> })}
        </section>
    }
}

#[component]
fn SetupForm(manifest: Arc<Manifest>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    let first = query
        .with_untracked(|q| q.get("bank"))
        .filter(|b| manifest.bank(b).is_some());
    let selected = RwSignal::new(
        first
            .map(|b| vec![b])
            .unwrap_or_else(|| manifest.banks.iter().map(|b| b.id.clone()).collect()),
    );
    let mode = RwSignal::new(
        if query.with_untracked(|q| q.get("mode")).as_deref() == Some("exam") {
            Mode::Exam
        } else {
            Mode::Practice
        },
    );
    let count = RwSignal::new("10".to_string());
    let minutes = RwSignal::new(String::new());
    let pass_mark = RwSignal::new("70".to_string());
    let tags = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let banks = use_banks(move || selected.get());

    let loaded = move || match banks.get() {
        Load::Ready(b) => Some(b),
        _ => None,
    };
    let topics = Memo::new(move |_| {
        loaded()
            .map(|bs| tag_counts(&bs.iter().map(Arc::as_ref).collect::<Vec<&Bank>>()))
            .unwrap_or_default()
    });
    // Only topics present in the chosen banks count, so unticking a bank drops its topics.
    let chosen_tags = move || {
        let available = topics.get();
        tags.get()
            .into_iter()
            .filter(|t| available.contains_key(t))
            .collect::<Vec<_>>()
    };
    let pool = Memo::new(move |_| {
        let chosen = chosen_tags();
        loaded()
            .map(|bs| {
                bs.iter()
                    .flat_map(|b| b.questions.iter())
                    .filter(|q| chosen.is_empty() || q.tags.iter().any(|t| chosen.contains(t)))
                    .count()
            })
            .unwrap_or(0)
    });
    let has_quiz = Memo::new(move |_| app.quiz.with(|q| q.is_some()));

    let bank_boxes = manifest
        .banks
        .iter()
        .map(|b| {
            let id = b.id.clone();
            let id2 = b.id.clone();
            view! {
                <li>
                    <label class="option">
                        <input
                            type="checkbox"
                            prop:checked=move || selected.with(|s| s.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| {
                                    s.retain(|x| x != &id2);
                                    if on {
                                        s.push(id2.clone());
                                    }
                                });
                            }
                        />
                        <span>{b.title.clone()}</span>
                    </label>
                </li>
            }
        })
        .collect_view();

    let topic_list = {
        let manifest = manifest.clone();
        move || {
            let manifest = manifest.clone();
            topics
                .get()
                .into_iter()
                .map(move |(id, n)| {
                    let label = manifest.topic_label(&id).to_string();
                    let (a, b) = (id.clone(), id.clone());
                    view! {
                        <li>
                            <label class="option">
                                <input
                                    type="checkbox"
                                    prop:checked=move || tags.with(|t| t.contains(&a))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        tags.update(|t| {
                                            t.retain(|x| x != &b);
                                            if on {
                                                t.push(b.clone());
                                            }
                                        });
                                    }
                                />
                                <span>{format!("{label} ({n})")}</span>
                            </label>
                        </li>
                    }
                })
                .collect_view()
        }
    };

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let result = (|| {
            let bs = match banks.get_untracked() {
                Load::Ready(b) => b,
                Load::Loading => {
                    return Err(
                        "The question banks are still loading. Try again in a moment.".to_string(),
                    )
                }
                Load::Failed(e) => return Err(e),
            };
            if bs.is_empty() {
                return Err("Choose at least one question bank.".into());
            }
            let available = pool.get_untracked();
            let count = field_number(
                &count.get_untracked(),
                "Number of questions",
                1,
                available.max(1) as u32,
            )?;
            let pass_mark = field_number(&pass_mark.get_untracked(), "Pass mark", 0, 100)?;
            let mode = mode.get_untracked();
            let time_limit_secs = match (mode, minutes.get_untracked().trim()) {
                (Mode::Exam, m) if !m.is_empty() => {
                    Some(field_number(m, "Time limit", 1, 300)? * 60)
                }
                _ => None,
            };
            let spec = QuizSpec {
                banks: bs.iter().map(|b| b.id.clone()).collect(),
                tags: chosen_tags(),
                only: vec![],
                count: count as usize,
                mode,
                time_limit_secs,
                pass_mark: pass_mark as u8,
                seed: random_seed(),
                review: false,
                fixed_order: false,
                shared: None,
            };
            let refs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
            let items = build(&spec, &refs).map_err(|e| e.to_string())?;
            Ok(InProgress::new(spec, items, now_ms()))
        })();
        match result {
            Ok(ip) => {
                error.set(None);
                app.quiz.set(Some(ip));
                navigate("/quiz/1", Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };

    view! {
        <form class="setup" on:submit=submit novalidate>
            <fieldset>
                <legend>"Question banks"</legend>
                <ul class="options">{bank_boxes}</ul>
            </fieldset>
            <fieldset>
                <legend>"Topics"</legend>
                <p class="hint">"Leave all unticked to include every topic."</p>
                {move || {
                    let topic_list = topic_list.clone();
                    load_view(banks.get(), "topics", move |_| view! { <ul class="options topics">{topic_list}</ul> })
                }}
            </fieldset>
            <div class="field">
                <label for="count">"Number of questions"</label>
                <input id="count" type="number" min="1" max=move || pool.get() aria-describedby="count-hint"
                    prop:value=move || count.get() on:input=move |ev| count.set(event_target_value(&ev))/>
                <p id="count-hint" class="hint">{move || format!("{} questions available with these choices.", pool.get())}</p>
            </div>
            <fieldset>
                <legend>"Mode"</legend>
                <ul class="options">
                    <li><label class="option">
                        <input type="radio" name="mode" prop:checked=move || mode.get() == Mode::Practice on:change=move |_| mode.set(Mode::Practice)/>
                        <span>"Practice: see the answer and explanation after each question"</span>
                    </label></li>
                    <li><label class="option">
                        <input type="radio" name="mode" prop:checked=move || mode.get() == Mode::Exam on:change=move |_| mode.set(Mode::Exam)/>
                        <span>"Exam: no feedback until you submit; skip, flag and revisit questions"</span>
                    </label></li>
                </ul>
            </fieldset>
            <Show when=move || mode.get() == Mode::Exam>
                <div class="field">
                    <label for="minutes">"Time limit (minutes)"</label>
                    <input id="minutes" type="number" min="1" max="300" aria-describedby="minutes-hint"
                        prop:value=move || minutes.get() on:input=move |ev| minutes.set(event_target_value(&ev))/>
                    <p id="minutes-hint" class="hint">"Leave empty for no time limit."</p>
                </div>
            </Show>
            <div class="field">
                <label for="pass-mark">"Pass mark (%)"</label>
                <input id="pass-mark" type="number" min="0" max="100"
                    prop:value=move || pass_mark.get() on:input=move |ev| pass_mark.set(event_target_value(&ev))/>
            </div>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Show when=move || has_quiz.get()>
                <p class="hint">"Starting a new quiz replaces the quiz you have in progress."</p>
            </Show>
            <button type="submit">"Start quiz"</button>
        </form>
    }
}
