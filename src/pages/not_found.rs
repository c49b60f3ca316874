use leptos::prelude::*;
use leptos_router::hooks::use_location;

use crate::browser::set_title;
use crate::state::use_app;

/// Shown for any URL the app does not know.
#[component]
pub fn NotFound() -> impl IntoView {
    set_title("Page not found");
    let app = use_app();
    let path = use_location().pathname;
    view! {
        <section class="page">
            <h1>"Page not found"</h1>
            <p>"There is no page at " <code>{move || path.get()}</code> "."</p>
            <p><a href=app.href("/")>"Go to the home page"</a></p>
        </section>
    }
}
