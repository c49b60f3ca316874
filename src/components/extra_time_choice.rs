use leptos::prelude::*;

use crate::domain::clock::ExtraTime;

/// The extra-time choice before a timed quiz (an accommodation, WCAG
/// 2.2.1): a labelled list whose options say the time each gives.
#[component]
pub fn ExtraTimeChoice(
    /// The choice made.
    value: RwSignal<ExtraTime>,
    /// The quiz's time limit before extra time, in seconds.
    #[prop(into)]
    base_secs: Signal<Option<u32>>,
    /// The line under the list: who it is for and that the result records it.
    hint: &'static str,
) -> impl IntoView {
    let options = move || {
        ExtraTime::CHOICES
            .into_iter()
            .map(|e| view! { <option value=e.code() selected=move || value.get() == e>{e.offer(base_secs.get())}</option> })
            .collect_view()
    };
    view! {
        <div class="field">
            <label for="extra-time">"Extra time"</label>
            <select
                id="extra-time"
                aria-describedby="extra-time-hint"
                prop:value=move || value.get().code()
                on:change=move |ev| {
                    if let Some(e) = ExtraTime::from_code(&event_target_value(&ev)) {
                        value.set(e);
                    }
                }
            >
                {options}
            </select>
            <p id="extra-time-hint" class="hint">{hint}</p>
        </div>
    }
}
