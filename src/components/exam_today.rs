use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::{now_ms, random_seed, tz_offset_min};
use crate::domain::bank::Bank;
use crate::domain::calendar::Day;
use crate::domain::prep_view::{session_quiz, today};
use crate::domain::profile::PlanProfile;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::state::{use_all_banks, use_app, use_plan_profiles, Load};

/// On the home page, for each exam with a date set: today's target, what
/// is done, and the session that works through it. Nothing (and no
/// download) for a learner without an exam date.
#[component]
pub fn ExamToday() -> impl IntoView {
    let app = use_app();
    let dated = Memo::new(move |_| {
        app.progress.with(|p| {
            p.exam_dates
                .iter()
                .filter_map(|(id, (day, _))| day.map(|d| (id.clone(), d)))
                .collect::<Vec<(String, Day)>>()
        })
    });
    move || (!dated.get().is_empty()).then(|| view! { <ExamCards dated=dated/> })
}

#[component]
fn ExamCards(dated: Memo<Vec<(String, Day)>>) -> impl IntoView {
    let profiles = use_plan_profiles();
    let banks = use_all_banks();
    move || match (profiles.get(), banks.get()) {
        (Load::Ready(ps), Load::Ready(bs)) => {
            let bs = StoredValue::new(bs);
            dated
                .get()
                .into_iter()
                .filter_map(|(id, exam)| ps.iter().find(|p| p.id == id).cloned().map(|p| (p, exam)))
                .map(|(p, exam)| view! { <ExamCard profile=p exam=exam banks=bs/> })
                .collect_view()
                .into_any()
        }
        // Quiet while loading: the rest of the home page matters more.
        _ => ().into_any(),
    }
}

#[component]
fn ExamCard(profile: PlanProfile, exam: Day, banks: StoredValue<Vec<Arc<Bank>>>) -> impl IntoView {
    let app = use_app();
    let navigate = StoredValue::new_local(use_navigate());
    let pool: Vec<QRef> = banks.with_value(|bs| {
        let bs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
        profile.pool(&bs)
    });
    let pool = StoredValue::new(pool);
    let id = StoredValue::new(profile.id.clone());
    let state = Memo::new(move |_| {
        app.progress.with(|p| {
            pool.with_value(|pool| {
                let t = today(pool, &p.schedule, exam, now_ms(), tz_offset_min());
                let session =
                    id.with_value(|id| session_quiz(id, pool, &p.schedule, &t, now_ms(), 1));
                (t, session.map(|s| s.count))
            })
        })
    });
    let begin = move |_| {
        let spec: Option<QuizSpec> = app.progress.with_untracked(|p| {
            pool.with_value(|pool| {
                let t = today(pool, &p.schedule, exam, now_ms(), tz_offset_min());
                id.with_value(|id| session_quiz(id, pool, &p.schedule, &t, now_ms(), random_seed()))
            })
        });
        let Some(spec) = spec else { return };
        match banks.with_value(|bs| app.start_quiz(spec, bs)) {
            Ok(()) => navigate.with_value(|nav| nav("/quiz/1", Default::default())),
            Err(e) => app.notify(e),
        }
    };
    let heading_id = format!("today-{}", profile.id);
    let labelled_by = heading_id.clone();
    let plan_href = app.href(&format!("/prep?exam={}", profile.id));
    view! {
        <section class="card" aria-labelledby=labelled_by>
            <h2 id=heading_id>{format!("{}: today's plan", profile.short_name())}</h2>
            {move || state.with(|(t, count)| view! {
                <p>{t.target.message()}</p>
                <p>{t.progress()}</p>
                {count.map(|n| view! { <button type="button" on:click=begin>{format!("Start today's session ({n} questions)")}</button> })}
            })}
            <p><a href=plan_href>{format!("Your {} plan, mock exams and readiness", profile.short_name())}</a></p>
        </section>
    }
}
