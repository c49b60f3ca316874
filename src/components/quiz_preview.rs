use leptos::prelude::*;
use std::sync::Arc;

use crate::components::quiz_intro::QuizIntro;
use crate::domain::bank::Bank;
use crate::domain::quiz::build;
use crate::domain::session::question;
use crate::domain::share::SharedQuiz;

/// The trainer's preview of a shared quiz: the introduction trainees see
/// and the first question's stem.
#[component]
pub fn QuizPreview(
    /// The quiz as it would be shared.
    quiz: SharedQuiz,
    /// Every bank on offer here.
    banks: Vec<Arc<Bank>>,
) -> impl IntoView {
    let refs: Vec<&Bank> = banks.iter().map(Arc::as_ref).collect();
    let opened = quiz.open(&refs);
    let named = banks.clone();
    let bank_title = Callback::new(move |id: String| {
        named
            .iter()
            .find(|b| b.id == id)
            .map_or(id, |b| b.title.clone())
    });
    let first = build(&opened.spec, &refs)
        .ok()
        .and_then(|items| items.into_iter().next())
        .and_then(|it| question(&refs, &it.bank, &it.id, opened.spec.seed));
    view! {
        <section class="preview" aria-label="Preview">
            <h2>"Preview: what trainees see"</h2>
            <QuizIntro quiz=quiz opened=opened bank_title=bank_title/>
            {first.map(|fq| view! { <div class="card"><p class="muted">"Question 1"</p><p class="stem">{fq.stem}</p></div> })}
        </section>
    }
}
