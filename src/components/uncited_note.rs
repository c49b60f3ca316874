use leptos::prelude::*;

/// The mark of a question imported without a citation or an explanation
/// (`Question::uncited`), shown wherever the question is.
#[component]
pub fn UncitedNote() -> impl IntoView {
    view! {
        <p class="uncited-note">
            <strong>"Uncited: "</strong>
            "imported without a full source or explanation. Check it against a reliable reference before relying on it."
        </p>
    }
}
