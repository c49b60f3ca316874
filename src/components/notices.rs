use leptos::prelude::*;

use crate::state::use_app;

/// Messages about storage and loading problems, each dismissable.
#[component]
pub fn Notices() -> impl IntoView {
    let app = use_app();
    view! {
        <div class="notices" role="status" aria-live="polite">
            <For each=move || app.notices.get() key=|n| n.id let:notice>
                <div class="notice">
                    <p>{notice.text.clone()}</p>
                    <button
                        type="button"
                        class="secondary"
                        on:click=move |_| app.notices.update(|ns| ns.retain(|n| n.id != notice.id))
                    >
                        "Dismiss"
                    </button>
                </div>
            </For>
        </div>
    }
}
