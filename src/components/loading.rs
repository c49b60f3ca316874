use leptos::prelude::*;

/// The designed loading state for pages waiting on a bank download.
#[component]
pub fn Loading(
    /// What is loading, e.g. "question banks".
    #[prop(into)]
    what: String,
) -> impl IntoView {
    view! { <p class="loading" role="status">"Loading " {what} "…"</p> }
}

/// A failure to load something the page needs, with the reason.
#[component]
pub fn LoadError(
    /// The reason, written for the user.
    #[prop(into)]
    message: String,
) -> impl IntoView {
    view! { <p class="error" role="alert">{message}</p> }
}
