use leptos::prelude::*;

use crate::components::uncited_note::UncitedNote;
use crate::domain::bank::Question;

/// Right or wrong, the correct answer, the explanation and the source.
#[component]
pub fn Feedback(
    /// The question answered.
    question: Question,
    /// Whether the learner's answer was right.
    correct: bool,
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
    view! {
        <section class=if correct { "feedback right" } else { "feedback wrong" } aria-label="Feedback">
            <h3 node_ref=heading tabindex="-1">{if correct { "✓ Correct" } else { "✗ Incorrect" }}</h3>
            <p><strong>"Correct answer: "</strong>{question.answer_text()}</p>
            <p class="explanation">{question.explanation.clone()}</p>
            <p class="citation"><strong>"Source: "</strong>{question.citation.to_string()}</p>
            {question.uncited.then(|| view! { <UncitedNote/> })}
        </section>
    }
}
