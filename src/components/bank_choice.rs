use leptos::prelude::*;

use crate::components::option_checkbox::OptionCheckbox;

/// The "Question banks" fieldset of a quiz form: one checkbox per bank.
#[component]
pub fn BankChoice(
    /// Each bank on offer as (id, title), in the order shown.
    banks: Vec<(String, String)>,
    /// The ids of the banks ticked.
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let boxes = banks
        .into_iter()
        .map(|(id, title)| {
            view! {
                <OptionCheckbox chosen=chosen value=id>
                    <span>{title}</span>
                </OptionCheckbox>
            }
        })
        .collect_view();
    view! {
        <fieldset>
            <legend>"Question banks"</legend>
            <ul class="options">{boxes}</ul>
        </fieldset>
    }
}
