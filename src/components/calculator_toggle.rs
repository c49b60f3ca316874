use leptos::prelude::*;

use crate::components::calculator::Calculator;

/// The on-screen calculator of a mock exam, behind a button that shows and
/// hides it (as a testing centre's exam screen offers one).
#[component]
pub fn CalculatorToggle() -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="calculator-toggle no-print">
            <button
                type="button"
                class="secondary"
                aria-expanded=move || open.get().to_string()
                on:click=move |_| open.update(|o| *o = !*o)
            >
                {move || if open.get() { "Hide calculator" } else { "Show calculator" }}
            </button>
            <Show when=move || open.get()>
                <Calculator/>
            </Show>
        </div>
    }
}
