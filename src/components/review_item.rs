use leptos::prelude::*;

use crate::components::feedback::Feedback;
use crate::domain::bank::Question;
use crate::domain::grade::describe;
use crate::domain::schema::stored::Outcome;

/// One question in a results review: the learner's answer, then the feedback.
#[component]
pub fn ReviewItem(
    /// 1-based position in the quiz.
    number: usize,
    /// The question, if it is still in its bank.
    question: Option<Question>,
    /// What happened on it.
    outcome: Outcome,
) -> impl IntoView {
    match question {
        Some(q) => {
            let yours = describe(&q, outcome.response.as_ref());
            let as_of = q
                .as_of_note()
                .map(|note| view! { <p class="as-of">{note}</p> });
            view! {
                <li class="review-item">
                    <h3 class="stem">{format!("{number}. {}", q.stem)}</h3>
                    {as_of}
                    <p><strong>"Your answer: "</strong>{yours}</p>
                    <Feedback question=q correct=outcome.correct response=outcome.response.clone()/>
                </li>
            }
            .into_any()
        }
        None => view! {
            <li class="review-item">
                <h3>{format!("{number}. Question {} (bank {})", outcome.id, outcome.bank)}</h3>
                <p>"This question is no longer in its bank, so it can't be shown."</p>
            </li>
        }
        .into_any(),
    }
}
