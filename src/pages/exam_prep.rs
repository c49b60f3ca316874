use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

use crate::browser::set_title;
use crate::components::exam_plan::ExamPlan;
use crate::components::loading::load_view;
use crate::components::mock_history::MockHistory;
use crate::components::mock_start::MockStart;
use crate::components::profile_facts::ProfileFacts;
use crate::components::readiness_view::ReadinessView;
use crate::domain::bank::Bank;
use crate::domain::profile::{domain_pools, Profile};
use crate::domain::quiz::{QRef, QuizSpec};
use crate::state::{use_all_banks, use_app, use_profiles, Load};

/// Exam prep: the exams PharmQuiz prepares for (`/prep`), and for one of
/// them (`/prep?exam=cspt`) what the exam is, a mock exam, readiness and a
/// plan to the exam date.
#[component]
pub fn ExamPrepPage() -> impl IntoView {
    set_title("Exam prep");
    let profiles = use_profiles();
    let banks = use_all_banks();
    let query = use_query_map();
    let chosen = Memo::new(move |_| query.with(|q| q.get("exam")));
    move || {
        let both = match (profiles.get(), banks.get()) {
            (Load::Ready(p), Load::Ready(b)) => Load::Ready((p, b)),
            (Load::Failed(e), _) | (_, Load::Failed(e)) => Load::Failed(e),
            _ => Load::Loading,
        };
        load_view(both, "the exams", move |(profiles, banks)| {
            match chosen
                .get()
                .and_then(|id| profiles.iter().find(|p| p.id == id).cloned())
            {
                Some(profile) => view! { <ProfilePrep profile=profile banks=banks/> }.into_any(),
                None => view! { <ProfileList profiles=profiles unknown=chosen.get()/> }.into_any(),
            }
        })
    }
}

/// Every exam profile, each with a link to its page.
#[component]
fn ProfileList(profiles: Arc<Vec<Profile>>, unknown: Option<String>) -> impl IntoView {
    let app = use_app();
    let cards = profiles
        .iter()
        .map(|p| {
            let href = app.href(&format!("/prep?exam={}", p.id));
            let heading_id = format!("exam-{}", p.id);
            let labelled_by = heading_id.clone();
            view! {
                <li>
                    <article class="card" aria-labelledby=labelled_by>
                        <h2 id=heading_id>{p.name.clone()}</h2>
                        <p>{format!("{}. {} questions in {} minutes.", p.publisher, p.questions, p.minutes)}</p>
                        {p.is_partial().then(|| view! { <p class="tag">"Partial: our questions cover only part of this exam."</p> })}
                        <a href=href>{format!("Prepare for {}", p.name)}</a>
                    </article>
                </li>
            }
        })
        .collect_view();
    view! {
        <section class="page">
            <h1>"Exam prep"</h1>
            {unknown.map(|id| view! { <p class="error" role="alert">{format!("There is no exam called \"{id}\". Choose one below.")}</p> })}
            <p>"Mock exams shaped like the real ones, an estimate of where you stand in each domain, and a daily plan to your exam date. Everything stays in this browser."</p>
            <ul class="bank-grid">{cards}</ul>
        </section>
    }
}

/// One exam: what it is, its mock exam, readiness, plan and past mocks.
#[component]
fn ProfilePrep(profile: Profile, banks: Vec<Arc<Bank>>) -> impl IntoView {
    set_title(&format!("Exam prep: {}", profile.name));
    let app = use_app();
    let navigate = StoredValue::new_local(use_navigate());
    let pools = domain_pools(&profile, &banks.iter().map(Arc::as_ref).collect::<Vec<_>>());
    let counts: Vec<usize> = pools.iter().map(Vec::len).collect();
    let pool: Vec<QRef> = pools.iter().flatten().cloned().collect();
    let banks = StoredValue::new(banks);
    let start = Callback::new(move |spec: QuizSpec| {
        match banks.with_value(|bs| app.start_quiz(spec, bs)) {
            Ok(()) => navigate.with_value(|nav| nav("/quiz/1", Default::default())),
            Err(e) => app.notify(e),
        }
    });
    view! {
        <section class="page">
            <p><a href=app.href("/prep")>"All exams"</a></p>
            <h1>{profile.name.clone()}</h1>
            <ProfileFacts profile=profile.clone() counts=counts/>
            <MockStart profile=profile.clone() banks=banks start=start/>
            <ReadinessView profile=profile.clone() banks=banks pools=pools start=start/>
            <ExamPlan profile=profile.clone() pool=pool start=start/>
            <MockHistory profile=profile banks=banks/>
        </section>
    }
}
