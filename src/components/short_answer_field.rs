use leptos::prelude::*;

use crate::domain::grade::Response;

/// The most characters a typed short answer may have.
const MAX_CHARS: &str = "200";

/// A short-answer question: the stem and a text box, labelled, with how
/// the answer is compared.
#[component]
pub fn ShortAnswerField(
    /// The id prefix of the question's elements.
    name: String,
    stem: String,
    /// The answer typed so far.
    response: Signal<Option<Response>>,
    /// Locks the box (after a practice answer is checked, or while paused).
    disabled: Signal<bool>,
    /// Called with the new answer on every keystroke.
    on_change: Callback<Response>,
    /// Shown under the stem: the date note and the uncited mark.
    children: Children,
) -> impl IntoView {
    let stem_id = format!("{name}-stem");
    let input_id = format!("{name}-input");
    let hint_id = format!("{name}-hint");
    let text = move || match response.get() {
        Some(Response::Text(s)) => s,
        _ => String::new(),
    };
    view! {
        <div class="question">
            <h2 id=stem_id.clone() class="stem" tabindex="-1" data-page-focus="">{stem}</h2>
            {children()}
            <label for=input_id.clone()>"Your answer"</label>
            <input
                id=input_id
                class="short-answer"
                type="text"
                autocomplete="off"
                autocapitalize="off"
                spellcheck="false"
                maxlength=MAX_CHARS
                aria-describedby=format!("{stem_id} {hint_id}")
                prop:value=text
                prop:disabled=move || disabled.get()
                on:input=move |ev| on_change.run(Response::Text(event_target_value(&ev)))
            />
            <p id=hint_id class="hint">"Type the answer. Capital letters and extra spaces do not matter; spelling does."</p>
        </div>
    }
}
