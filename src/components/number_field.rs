use leptos::prelude::*;

/// A labelled number box holding the text as typed (the domain's quiz form
/// checks it), with an optional hint under it.
#[component]
pub fn NumberField(
    /// The input's id; the hint's id is this plus `-hint`.
    id: &'static str,
    /// The label's text.
    label: &'static str,
    /// The text typed.
    value: RwSignal<String>,
    /// The smallest number (a hint to the browser; the form checks).
    min: &'static str,
    /// The largest number, if any.
    #[prop(optional, into)]
    max: Option<Signal<String>>,
    /// A line under the box, linked as its description.
    #[prop(optional, into)]
    hint: Option<Signal<String>>,
) -> impl IntoView {
    let hint_id = hint.map(|_| format!("{id}-hint"));
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="number"
                min=min
                max=move || max.map(|m| m.get())
                aria-describedby=hint_id.clone()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint.map(|h| view! { <p id=hint_id class="hint">{h}</p> })}
        </div>
    }
}
