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

/// Shows a `Load`: the loading state, the error, or `ready` with the value.
pub fn load_view<T, V: IntoView + 'static>(
    load: crate::state::Load<T>,
    what: &'static str,
    ready: impl FnOnce(T) -> V,
) -> AnyView {
    use crate::state::Load;
    match load {
        Load::Loading => view! { <Loading what=what/> }.into_any(),
        Load::Failed(e) => view! { <LoadError message=e/> }.into_any(),
        Load::Ready(x) => ready(x).into_any(),
    }
}
