use leptos::prelude::*;
use std::collections::BTreeMap;

use crate::components::option_checkbox::OptionCheckbox;

/// The topics of the chosen banks as checkboxes, each with its number of
/// questions, e.g. "Calculations: alligation (12)".
#[component]
pub fn TopicChoice(
    /// Topic id → number of questions in the chosen banks.
    #[prop(into)]
    topics: Signal<BTreeMap<String, usize>>,
    /// A topic's label for its id.
    label: Callback<String, String>,
    /// The ids of the topics ticked.
    chosen: RwSignal<Vec<String>>,
) -> impl IntoView {
    let boxes = move || {
        topics
            .get()
            .into_iter()
            .map(|(id, n)| {
                let text = format!("{} ({n})", label.run(id.clone()));
                view! {
                    <OptionCheckbox chosen=chosen value=id>
                        <span>{text}</span>
                    </OptionCheckbox>
                }
            })
            .collect_view()
    };
    view! { <ul class="options topics">{boxes}</ul> }
}
