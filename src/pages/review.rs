use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{now_ms, tz_offset_min};
use crate::components::daily_review::DailyReview;
use crate::components::flagged_review::FlaggedReview;
use crate::components::loading::load_view;
use crate::components::missed_review::MissedReview;
use crate::domain::bank::Bank;
use crate::domain::dashboard::{day_start, flagged, missed};
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::review_view::{in_banks, new_question_pool};
use crate::domain::schedule::{daily_queue, due, new_allowance};
use crate::state::{use_all_banks, use_app};

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

/// The three review cards, once the banks have loaded: what each lists is
/// worked out here, from the progress and the questions still in a bank.
#[component]
fn ReviewSections(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let banks = StoredValue::new(banks);
    let pool = StoredValue::new(banks.with_value(|b| new_question_pool(b)));
    let today = day_start(now_ms(), tz_offset_min());
    // Only questions still in a bank count.
    let exists = move |r: &QRef| banks.with_value(|bs| in_banks(r, bs));
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
    let start = Callback::new(move |spec: QuizSpec| {
        match banks.with_value(|bs| app.start_quiz(spec, bs)) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => app.notify(e),
        }
    });

    view! {
        <DailyReview queue due_count new_count start/>
        <MissedReview missed=missed_list start/>
        <FlaggedReview flagged=flagged_list banks start/>
    }
}
