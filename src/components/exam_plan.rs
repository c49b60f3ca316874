use leptos::prelude::*;

use crate::browser::{download, now_ms, random_seed, tz_offset_min};
use crate::domain::calendar::Day;
use crate::domain::prep_view::{plan_file, session_quiz, today};
use crate::domain::profile::Profile;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::state::use_app;

/// A plan to the exam date: the date (stored with the learner's progress),
/// today's target and progress, the session that works through it, and the
/// plan as a calendar file.
#[component]
pub fn ExamPlan(
    profile: Profile,
    /// Every question of the profile's covered domains.
    pool: Vec<QRef>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let app = use_app();
    let id = StoredValue::new(profile.id.clone());
    let name = StoredValue::new(profile.short_name());
    let pool = StoredValue::new(pool);
    let exam = Memo::new(move |_| app.progress.with(|p| id.with_value(|id| p.exam_date(id))));
    let typed = RwSignal::new(
        exam.get_untracked()
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        status.set(None);
        match Day::parse(typed.get_untracked().trim()) {
            Some(day) => {
                error.set(None);
                app.progress
                    .update(|p| id.with_value(|id| p.set_exam_date(id, Some(day), now_ms())));
                status.set(Some(format!("Exam date saved: {}.", day.long())));
            }
            None => error.set(Some(
                "Enter the exam date as a day, for example 2027-01-15.".into(),
            )),
        }
    };
    let remove = move |_| {
        app.progress
            .update(|p| id.with_value(|id| p.set_exam_date(id, None, now_ms())));
        typed.set(String::new());
        status.set(Some("Exam date removed.".into()));
    };
    let plan = Memo::new(move |_| {
        let exam = exam.get()?;
        Some(app.progress.with(|p| {
            pool.with_value(|pool| today(pool, &p.schedule, exam, now_ms(), tz_offset_min()))
        }))
    });
    let begin = move |_| {
        let Some(t) = plan.get_untracked() else {
            return;
        };
        let spec = app.progress.with_untracked(|p| {
            pool.with_value(|pool| {
                id.with_value(|id| session_quiz(id, pool, &p.schedule, &t, now_ms(), random_seed()))
            })
        });
        if let Some(spec) = spec {
            start.run(spec);
        }
    };
    let calendar = move |_| {
        let Some(t) = plan.get_untracked() else {
            return;
        };
        let text = pool.with_value(|pool| {
            id.with_value(|id| {
                name.with_value(|name| {
                    plan_file(id, name, &t, pool.len(), now_ms(), tz_offset_min())
                })
            })
        });
        let file = id.with_value(|id| format!("pharmquiz-{id}-plan.ics"));
        status.set(Some(match download(&file, "text/calendar", &text) {
            Ok(()) => format!(
                "Calendar file saved as {file}. Open it to add the sessions to your calendar."
            ),
            Err(e) => e,
        }));
    };
    let today_view = move || {
        plan.get().map(|t| {
            let session = app.progress.with(|p| {
                pool.with_value(|pool| id.with_value(|id| session_quiz(id, pool, &p.schedule, &t, now_ms(), 1)))
            });
            view! {
                <p>{t.target.message()}</p>
                <p>{t.progress()}</p>
                {match session {
                    Some(s) => view! { <button type="button" on:click=begin>{format!("Start today's session ({} questions)", s.count)}</button> }.into_any(),
                    None => view! { <p>"Nothing left to do today."</p> }.into_any(),
                }}
                <button type="button" class="secondary" on:click=calendar>"Download the plan for your calendar (.ics)"</button>
            }
        })
    };
    view! {
        <section class="card" aria-labelledby="plan-heading">
            <h2 id="plan-heading">"Plan to your exam date"</h2>
            <form class="actions" on:submit=save>
                <div class="field">
                    <label for="exam-date">"Exam date"</label>
                    <input id="exam-date" type="date" required=true prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev))/>
                </div>
                <button type="submit">"Save exam date"</button>
                <Show when=move || exam.get().is_some()>
                    <button type="button" class="secondary" on:click=remove>"Remove exam date"</button>
                </Show>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <p role="status">{move || status.get()}</p>
            <p class="hint">"Each day's target covers every question of this exam with three days left for review, and rises if you miss a day. Sessions are review quizzes: what you answer comes back when it is due."</p>
            {today_view}
        </section>
    }
}
