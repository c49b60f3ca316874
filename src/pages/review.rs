use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{now_ms, random_seed, tz_offset_min};
use crate::components::loading::load_view;
use crate::domain::bank::Bank;
use crate::domain::dashboard::{day_start, flagged, missed};
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::rng::Rng;
use crate::domain::schedule::{daily_queue, due, new_allowance};
use crate::state::{use_all_banks, use_app};

/// Every question of the loaded banks in a fixed mixed order, so new review
/// questions come from all topics rather than the top of one file.
pub fn new_question_pool(banks: &[Arc<Bank>]) -> Vec<QRef> {
    let mut pool: Vec<QRef> = banks
        .iter()
        .flat_map(|b| {
            b.questions.iter().map(|q| QRef {
                bank: b.id.clone(),
                id: q.id.clone(),
            })
        })
        .collect();
    crate::domain::sort::sort(&mut pool);
    Rng::new(0x00C0_FFEE).shuffle(&mut pool);
    pool
}

/// Daily review (spaced repetition), missed questions and flagged questions.
#[component]
pub fn ReviewPage() -> impl IntoView {
    set_title("Review");
    let banks = use_all_banks();
    view! {
        <section class="page">
            <h1>"Review"</h1>
            {move || load_view(banks.get(), "question banks", |bs| view! { <ReviewSections banks=bs/> })}
        </section>
    }
}

#[component]
fn ReviewSections(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let banks = StoredValue::new(banks);
    let pool = StoredValue::new(banks.with_value(|b| new_question_pool(b)));
    let today = day_start(now_ms(), tz_offset_min());
    // Only questions still in a bank count.
    let exists = move |r: &QRef| {
        banks.with_value(|bs| {
            bs.iter()
                .any(|b| b.id == r.bank && b.question(&r.id).is_some())
        })
    };
    let queue = Memo::new(move |_| {
        app.progress.with(|p| {
            pool.with_value(|pool| {
                daily_queue(&p.schedule, pool, now_ms(), today, p.settings.new_per_day)
            })
            .into_iter()
            .filter(exists)
            .collect::<Vec<_>>()
        })
    });
    let due_count = Memo::new(move |_| {
        app.progress.with(|p| {
            due(&p.schedule, now_ms())
                .into_iter()
                .filter(exists)
                .count()
        })
    });
    let new_count = Memo::new(move |_| {
        app.progress
            .with(|p| new_allowance(&p.schedule, today, p.settings.new_per_day))
    });
    let missed_list = Memo::new(move |_| {
        app.progress.with(|p| {
            missed(p, None)
                .into_iter()
                .filter(exists)
                .collect::<Vec<_>>()
        })
    });
    let flagged_list = Memo::new(move |_| {
        app.progress
            .with(|p| flagged(p).into_iter().filter(exists).collect::<Vec<_>>())
    });
    let new_per_day = RwSignal::new(
        app.progress
            .with_untracked(|p| p.settings.new_per_day.to_string()),
    );
    let setting_error = RwSignal::new(None::<String>);

    let start = {
        let navigate = navigate.clone();
        move |spec: QuizSpec| match banks.with_value(|bs| app.start_quiz(spec, bs)) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => app.notify(e),
        }
    };
    let start_daily = {
        let start = start.clone();
        move |_| {
            let mut spec = QuizSpec::of_questions(queue.get_untracked(), 70, random_seed());
            spec.review = true;
            start(spec)
        }
    };
    let start_missed = {
        let start = start.clone();
        move |_| {
            start(QuizSpec::of_questions(
                missed_list.get_untracked().into_iter().take(20).collect(),
                70,
                random_seed(),
            ))
        }
    };
    let start_flagged = {
        let start = start.clone();
        move |_| {
            start(QuizSpec::of_questions(
                flagged_list.get_untracked(),
                70,
                random_seed(),
            ))
        }
    };
    let save_setting = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match new_per_day.get_untracked().trim().parse::<u32>() {
            Ok(n) if n <= 100 => {
                setting_error.set(None);
                app.progress.update(|p| p.settings.new_per_day = n);
            }
            _ => setting_error.set(Some(
                "New questions per day must be a whole number from 0 to 100.".into(),
            )),
        }
    };

    let flagged_rows = move || {
        flagged_list
            .get()
            .into_iter()
            .map(|r| {
                let (stem, title) = banks.with_value(|bs| {
                    bs.iter()
                        .find(|b| b.id == r.bank)
                        .and_then(|b| b.question(&r.id).map(|q| (q.stem.clone(), b.title.clone())))
                        .unwrap_or_default()
                });
                let key = r.to_string();
                let short: String = if stem.chars().count() > 140 { format!("{}…", stem.chars().take(139).collect::<String>()) } else { stem };
                view! {
                    <li class="flagged-item">
                        <p><span class="muted">{title}" · "{r.id.clone()}</span><br/>{short}</p>
                        <button type="button" class="secondary" on:click=move |_| {
                            let key = key.clone();
                            app.progress.update(|p| {
                                p.flags.insert(key, (false, now_ms()));
                            });
                        }>"Remove flag"<span class="visually-hidden">{format!(" from {}", r.id)}</span></button>
                    </li>
                }
            })
            .collect_view()
    };

    view! {
        <section class="card" aria-labelledby="daily-heading">
            <h2 id="daily-heading">"Daily review"</h2>
            <p>
                {move || format!("{} due now · {} new today", due_count.get(), new_count.get().min(queue.get().len().saturating_sub(due_count.get())))}
            </p>
            <p class="hint">"Spaced repetition (FSRS): questions you get right come back later and later; ones you miss come back soon."</p>
            <Show
                when=move || !queue.get().is_empty()
                fallback=|| view! { <p>"Nothing to review right now. Come back tomorrow, or raise the number of new questions per day."</p> }
            >
                <button type="button" on:click=start_daily.clone()>{move || format!("Start daily review ({} questions)", queue.get().len())}</button>
            </Show>
            <form class="inline-form" on:submit=save_setting>
                <label for="new-per-day">"New questions per day"</label>
                <input id="new-per-day" type="number" min="0" max="100" prop:value=move || new_per_day.get()
                    on:input=move |ev| new_per_day.set(event_target_value(&ev))/>
                <button type="submit" class="secondary">"Save"</button>
                {move || setting_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </form>
        </section>
        <section class="card" aria-labelledby="missed-heading">
            <h2 id="missed-heading">"Missed questions"</h2>
            <p>{move || match missed_list.get().len() {
                0 => "No missed questions: every question's latest answer was right.".to_string(),
                n => format!("{n} question{} were wrong the last time you answered them.", if n == 1 { "" } else { "s" }),
            }}</p>
            <Show when=move || !missed_list.get().is_empty()>
                <button type="button" on:click=start_missed.clone()>{move || format!("Review missed ({})", missed_list.get().len().min(20))}</button>
            </Show>
        </section>
        <section class="card" aria-labelledby="flagged-heading">
            <h2 id="flagged-heading">"Flagged questions"</h2>
            <Show
                when=move || !flagged_list.get().is_empty()
                fallback=|| view! { <p>"No flagged questions. Use “Flag for review” during a quiz to keep a question here."</p> }
            >
                <button type="button" on:click=start_flagged.clone()>{move || format!("Practise flagged ({})", flagged_list.get().len())}</button>
                <ul class="flagged-list">{flagged_rows}</ul>
            </Show>
        </section>
    }
}
