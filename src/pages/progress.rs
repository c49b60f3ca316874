use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{now_ms, random_seed, tz_offset_min};
use crate::components::loading::load_view;
use crate::components::score_chart::ScoreChart;
use crate::components::topic_chart::TopicChart;
use crate::domain::bank::Bank;
use crate::domain::clock::clock;
use crate::domain::dashboard::{missed, BankProgress, Dashboard};
use crate::domain::quiz::QuizSpec;
use crate::state::{use_all_banks, use_app, Load};

/// Minutes and hours in words.
pub fn duration_words(secs: u64) -> String {
    let m = secs / 60;
    if m < 60 {
        format!("{m} min")
    } else {
        format!("{} h {} min", m / 60, m % 60)
    }
}

/// The progress dashboard: per bank and per topic, scores over time, streak.
#[component]
pub fn ProgressPage() -> impl IntoView {
    set_title("Progress");
    let banks = use_all_banks();
    view! {
        <section class="page">
            <h1>"Your progress"</h1>
            {move || load_view(banks.get(), "your progress", |bs| view! { <DashboardView banks=bs/> })}
        </section>
    }
}

#[component]
fn DashboardView(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let banks = StoredValue::new(banks);
    let dash = Memo::new(move |_| {
        app.progress.with(|p| {
            banks.with_value(|bs| {
                Dashboard::compute(
                    p,
                    &bs.iter().map(Arc::as_ref).collect::<Vec<_>>(),
                    now_ms(),
                    tz_offset_min(),
                )
            })
        })
    });
    move || {
        let d = dash.get();
        if d.attempts == 0 {
            return view! {
                <p>"No quizzes finished yet. " <a href=app.href("/setup")>"Start a quiz"</a> " and your progress will show here."</p>
            }
            .into_any();
        }
        let sections = d
            .banks
            .iter()
            .cloned()
            .map(|b| view! { <BankSection progress=b banks=banks.get_value()/> })
            .collect_view();
        view! {
            <ul class="stat-grid">
                <li class="card"><span class="stat">{format!("{} day{}", d.streak_days, if d.streak_days == 1 { "" } else { "s" })}</span>" study streak"</li>
                <li class="card"><span class="stat">{format!("{} answers", d.today_answers)}</span>{format!(" today, {}", duration_words(d.today_secs))}</li>
                <li class="card"><span class="stat">{duration_words(d.total_secs)}</span>{format!(" studied in {} quizzes", d.attempts)}</li>
            </ul>
            <h2>"Scores over time"</h2>
            <ScoreChart scores=d.scores.clone()/>
            {sections}
        }
        .into_any()
    }
}

#[component]
fn BankSection(progress: BankProgress, banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let manifest = move || match app.manifest.get_untracked() {
        Load::Ready(m) => Some(m),
        _ => None,
    };
    let labelled: Vec<_> = progress
        .topics
        .iter()
        .map(|t| {
            (
                manifest().map_or(t.tag.clone(), |m| m.topic_label(&t.tag).to_string()),
                t.clone(),
            )
        })
        .collect();
    let bank_id = progress.id.clone();
    let missed_count = Memo::new(move |_| app.progress.with(|p| missed(p, Some(&bank_id)).len()));
    let bank_id = progress.id.clone();
    let review_missed = move |_| {
        let only: Vec<_> = app
            .progress
            .with_untracked(|p| missed(p, Some(&bank_id)))
            .into_iter()
            .take(20)
            .collect();
        let spec = QuizSpec::of_questions(only, 70, random_seed());
        match app.start_quiz(spec, &banks) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => app.notify(e),
        }
    };
    let pct = |v: Option<u32>| v.map_or("—".to_string(), |p| format!("{p} %"));
    let heading = format!("progress-{}", progress.id);
    let labelled_by = heading.clone();
    view! {
        <section class="card bank-progress" aria-labelledby=labelled_by>
            <h2 id=heading>{progress.title.clone()}</h2>
            <dl class="figures">
                <div><dt>"Mastery"</dt><dd>{if progress.mastery.total == 0 { "—".to_string() } else {
                    format!("{} % (last {} answers)", progress.mastery.percent(), progress.mastery.total)
                }}</dd></div>
                <div><dt>"Questions seen"</dt><dd>{format!("{} of {}", progress.seen, progress.total)}</dd></div>
                <div><dt>"Best · last · average"</dt><dd>{format!("{} · {} · {}", pct(progress.best), pct(progress.last), pct(progress.average))}</dd></div>
                <div><dt>"Time studied"</dt><dd>{clock(progress.time_secs)}</dd></div>
            </dl>
            <Show when=move || { missed_count.get() > 0 }>
                <button type="button" class="secondary" on:click=review_missed.clone()>
                    {move || format!("Review {} missed", missed_count.get())}
                    <span class="visually-hidden">{format!(" in {}", progress.title)}</span>
                </button>
            </Show>
            <h3>"By topic"</h3>
            <TopicChart id=format!("topics-{}", progress.id) topics=labelled/>
        </section>
    }
}
