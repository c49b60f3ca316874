use leptos::prelude::*;

/// "Question 3 of 20" with a bar. `current` is 1-based. The line is a polite
/// live region: moving to another question says where the learner is.
#[component]
pub fn ProgressBar(
    /// The question on screen, 1-based.
    #[prop(into)]
    current: Signal<usize>,
    /// How many questions the quiz has.
    #[prop(into)]
    total: Signal<usize>,
    /// How many have been answered.
    #[prop(into)]
    answered: Signal<usize>,
) -> impl IntoView {
    view! {
        <div class="progress">
            <p class="progress-label" aria-live="polite" aria-atomic="true">
                "Question " {move || current.get()} " of " {move || total.get()}
            </p>
            <progress
                max=move || total.get()
                value=move || answered.get()
                aria-label=move || format!("{} of {} answered", answered.get(), total.get())
            ></progress>
        </div>
    }
}
