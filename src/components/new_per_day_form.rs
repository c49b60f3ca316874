use leptos::prelude::*;

use crate::domain::review_view::parse_new_per_day;
use crate::state::use_app;

/// The daily review's one setting: how many new questions a day may bring.
#[component]
pub fn NewPerDayForm() -> impl IntoView {
    let app = use_app();
    let new_per_day = RwSignal::new(
        app.progress
            .with_untracked(|p| p.settings.new_per_day.to_string()),
    );
    let setting_error = RwSignal::new(None::<String>);
    let save_setting = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match parse_new_per_day(&new_per_day.get_untracked()) {
            Ok(n) => {
                setting_error.set(None);
                app.progress.update(|p| p.settings.new_per_day = n);
            }
            Err(e) => setting_error.set(Some(e)),
        }
    };
    view! {
        <form class="inline-form" on:submit=save_setting>
            <label for="new-per-day">"New questions per day"</label>
            <input id="new-per-day" type="number" min="0" max="100" prop:value=move || new_per_day.get()
                on:input=move |ev| new_per_day.set(event_target_value(&ev))/>
            <button type="submit" class="secondary">"Save"</button>
            {move || setting_error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}
