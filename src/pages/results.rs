use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use std::sync::Arc;

use crate::browser::format_date;
use crate::browser::random_seed;
use crate::browser::set_title;
use crate::components::loading::{LoadError, Loading};
use crate::components::review_item::ReviewItem;
use crate::components::send_result::SendResult;
use crate::components::topic_breakdown::TopicBreakdown;
use crate::domain::attempt::{missed_spec, retake_spec};
use crate::domain::bank::Bank;
use crate::domain::clock::clock;
use crate::domain::quiz::QuizSpec;
use crate::domain::schema::stored::Attempt;
use crate::domain::session::question;
use crate::state::{use_app, use_banks, Load};

/// A finished attempt: score, pass/fail, topics and a review of every question.
#[component]
pub fn Results() -> impl IntoView {
    set_title("Results");
    let app = use_app();
    let params = use_params_map();
    let attempt = Memo::new(move |_| {
        let id = params.with(|p| p.get("id")).unwrap_or_default();
        app.progress
            .with(|p| p.attempts.iter().find(|a| a.id == id).cloned())
    });
    move || {
        match attempt.get() {
        None => view! {
            <section class="page">
                <h1>"Result not found"</h1>
                <p>"There is no saved result with this address in this browser. " <a href=app.href("/history")>"See your history"</a> "."</p>
            </section>
        }
        .into_any(),
        Some(a) => view! { <AttemptView attempt=a/> }.into_any(),
    }
    }
}

#[component]
fn AttemptView(attempt: Attempt) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let bank_ids = attempt.spec.banks.clone();
    let banks = use_banks(move || bank_ids.clone());
    let manifest = move || match app.manifest.get() {
        Load::Ready(m) => Some(m),
        _ => None,
    };
    let error = RwSignal::new(None::<String>);

    let start = move |spec: QuizSpec| {
        let Load::Ready(bs) = banks.get_untracked() else {
            error.set(Some(
                "The question banks are still loading. Try again in a moment.".into(),
            ));
            return;
        };
        match app.start_quiz(spec, &bs) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => error.set(Some(e)),
        }
    };
    let retake = {
        let a = attempt.clone();
        let start = start.clone();
        move |_| start(retake_spec(&a, random_seed()))
    };
    let missed = missed_spec(&attempt, 0).map(|_| {
        let a = attempt.clone();
        let start = start.clone();
        move |_| {
            if let Some(spec) = missed_spec(&a, random_seed()) {
                start(spec)
            }
        }
    });
    let has_quiz = Memo::new(move |_| app.quiz.with(|q| q.is_some()));
    let time_up = attempt.time_ran_out;
    let extra_time = attempt.spec.extra_time;

    let a = attempt.clone();
    let verdict = if a.passed { "Passed" } else { "Not passed" };
    let review = {
        let a = attempt.clone();
        move || match banks.get() {
            Load::Loading => view! { <Loading what="the questions"/> }.into_any(),
            Load::Failed(e) => view! { <LoadError message=e/> }.into_any(),
            Load::Ready(bs) => {
                let refs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                a.outcomes
                    .iter()
                    .enumerate()
                    .map(|(k, o)| {
                        let q = question(&refs, &o.bank, &o.id, a.spec.seed);
                        view! { <ReviewItem number=k + 1 question=q outcome=o.clone()/> }
                    })
                    .collect_view()
                    .into_any()
            }
        }
    };

    let shared = attempt.spec.shared.clone();
    let asked = {
        let a = attempt.clone();
        Signal::derive(move || match banks.get() {
            Load::Ready(bs) => {
                let refs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                a.outcomes
                    .iter()
                    .map(|o| question(&refs, &o.bank, &o.id, a.spec.seed))
                    .collect()
            }
            _ => Vec::new(),
        })
    };
    let send = shared
        .map(|meta| view! { <SendResult attempt=attempt.clone() meta=meta questions=asked/> });

    view! {
        <section class="page results">
            <h1 class="no-print">"Results"</h1>
            {send}
            <div class=if a.passed { "card summary pass no-print" } else { "card summary fail no-print" }>
                <p class="big-score">{format!("{} of {} correct ({} %)", a.score.correct, a.score.total, a.score.percent())}</p>
                <p class="verdict"><strong>{verdict}</strong>{format!(" · pass mark {} %", a.spec.pass_mark)}</p>
                {time_up.then(|| view! { <p class="time-up"><strong>"Time ran out."</strong>" Your answers were submitted when the time limit was reached; unanswered questions count as wrong."</p> })}
                {(!extra_time.is_standard()).then(|| view! { <p>{format!("Extra time: {}", extra_time.short())}</p> })}
                {a.spec.profile.clone().map(|id| view! {
                    // The exam-prep page shows every mock of the exam by domain.
                    <p><a href=app.href(&format!("/prep?exam={id}#mock-results"))>"See your results by exam domain"</a></p>
                })}
                <p class="muted">
                    {format!("{} · {} · time {}", a.spec.mode.label(), format_date(a.finished_at), clock(a.duration_secs as u64))}
                </p>
                <div class="actions">
                    <button type="button" on:click=retake>"Retake quiz"</button>
                    {missed.map(|m| view! { <button type="button" class="secondary" on:click=m>"Practise the ones I missed"</button> })}
                </div>
                <Show when=move || has_quiz.get()>
                    <p class="hint">"Starting a quiz replaces the quiz you have in progress."</p>
                </Show>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            </div>
            {
                let by_tag = a.by_tag.clone();
                move || (!by_tag.is_empty()).then(|| view! { <div class="no-print"><TopicBreakdown by_tag=by_tag.clone() manifest=manifest()/></div> })
            }
            <h2 class="no-print">"Review"</h2>
            <ol class="review no-print" role="list">{review}</ol>
        </section>
    }
}
