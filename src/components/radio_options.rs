use leptos::prelude::*;

/// A group of radio buttons in an options list, one per choice; the one
/// checked is `value`.
#[component]
pub fn RadioOptions<T>(
    /// The choice made.
    value: RwSignal<T>,
    /// The radio group's name.
    name: &'static str,
    /// Each choice with its text, in the order shown.
    choices: Vec<(T, &'static str)>,
) -> impl IntoView
where
    T: Copy + PartialEq + Send + Sync + 'static,
{
    let items = choices
        .into_iter()
        .map(|(choice, text)| {
            view! {
                <li>
                    <label class="option">
                        <input
                            type="radio"
                            name=name
                            prop:checked=move || value.get() == choice
                            on:change=move |_| value.set(choice)
                        />
                        <span>{text}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="options">{items}</ul> }
}
