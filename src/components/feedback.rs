use leptos::prelude::*;

use crate::components::uncited_note::UncitedNote;
use crate::domain::bank::Question;
use crate::domain::grade::{chosen_feedback, partial_note, Response};

/// Right, partly right or wrong; the feedback of each option chosen; the
/// correct answer, the explanation and the source.
#[component]
pub fn Feedback(
    /// The question answered.
    question: Question,
    /// Whether the learner's answer was right (full credit).
    correct: bool,
    /// The answer given, for partial credit and per-option feedback.
    response: Option<Response>,
    /// Moves focus to the verdict when shown, so screen readers announce it.
    #[prop(optional)]
    focus: bool,
) -> impl IntoView {
    let heading = NodeRef::<leptos::html::H3>::new();
    if focus {
        Effect::new(move |_| {
            if let Some(h) = heading.get() {
                let _ = h.focus();
            }
        });
    }
    let partial = response
        .as_ref()
        .filter(|_| !correct)
        .and_then(|r| partial_note(&question, r));
    let (class, verdict) = match (correct, partial.is_some()) {
        (true, _) => ("feedback right", "✓ Correct"),
        (false, true) => ("feedback wrong", "◐ Partly right"),
        (false, false) => ("feedback wrong", "✗ Incorrect"),
    };
    let why = chosen_feedback(&question, response.as_ref());
    let why = (!why.is_empty()).then(|| {
        let items = why
            .into_iter()
            .map(|(option, text)| {
                view! { <li><strong>{format!("You chose \u{201c}{option}\u{201d}: ")}</strong>{text}</li> }
            })
            .collect_view();
        view! { <ul class="option-feedback">{items}</ul> }
    });
    view! {
        <section class=class aria-label="Feedback">
            <h3 node_ref=heading tabindex="-1">{verdict}</h3>
            {partial.map(|note| view! { <p class="partial">{note}</p> })}
            {why}
            <p><strong>"Correct answer: "</strong>{question.answer_text()}</p>
            <p class="explanation">{question.explanation.clone()}</p>
            <p class="citation"><strong>"Source: "</strong>{question.citation.to_string()}</p>
            {question.uncited.then(|| view! { <UncitedNote/> })}
        </section>
    }
}
