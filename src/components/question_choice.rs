use leptos::prelude::*;

use crate::components::number_field::NumberField;
use crate::components::radio_options::RadioOptions;

/// The "Questions" fieldset of the trainer's builder: a random set of some
/// number of questions, or questions the trainer picks with the picker
/// given as children.
#[component]
pub fn QuestionChoice(
    /// Whether the trainer picks the questions.
    picking: RwSignal<bool>,
    /// How many random questions, as typed.
    count: RwSignal<String>,
    /// The picker, shown while picking.
    children: ChildrenFn,
) -> impl IntoView {
    view! {
        <fieldset>
            <legend>"Questions"</legend>
            <RadioOptions value=picking name="selection" choices=vec![
                (false, "A random set from these banks and topics (the same set for every trainee)"),
                (true, "Questions I pick"),
            ]/>
            <Show when=move || !picking.get()>
                <NumberField id="trainer-count" label="Number of questions" min="1" value=count/>
            </Show>
            <Show when=move || picking.get()>{children()}</Show>
        </fieldset>
    }
}
