use leptos::prelude::*;

/// The question before submitting with unanswered questions: how many are
/// unanswered, then "Submit anyway" or "Keep working".
#[component]
pub fn SubmitConfirm(
    /// Whether the question is showing; "Keep working" closes it.
    open: RwSignal<bool>,
    /// Questions without an answer.
    #[prop(into)]
    unanswered: Signal<usize>,
    /// Questions in the quiz.
    #[prop(into)]
    total: Signal<usize>,
    /// Submits as it stands.
    on_confirm: Callback<()>,
) -> impl IntoView {
    view! {
        <Show when=move || open.get()>
            <div class="confirm card" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
                <h2 id="confirm-heading">"Submit with unanswered questions?"</h2>
                <p id="confirm-text">
                    {move || format!(
                        "{} of {} questions are unanswered. Unanswered questions count as wrong.",
                        unanswered.get(),
                        total.get()
                    )}
                </p>
                <div class="actions">
                    <button type="button" class="danger" on:click=move |_| on_confirm.run(())>"Submit anyway"</button>
                    <button type="button" class="secondary" on:click=move |_| open.set(false)>"Keep working"</button>
                </div>
            </div>
        </Show>
    }
}
