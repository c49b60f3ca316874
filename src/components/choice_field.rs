use leptos::prelude::*;

use crate::domain::bank::Kind;
use crate::domain::grade::Response;

/// A single-choice, multiple-response or true/false question: the stem as
/// the group's legend and a radio or checkbox per option, in `order`.
/// Responses carry authored option indices.
#[component]
pub fn ChoiceField(
    /// The id prefix of the question's elements (and the radio group's name).
    name: String,
    stem: String,
    /// The question's kind (its options; multiple response or not).
    kind: Kind,
    /// Display order of the options (authored indices).
    order: Vec<usize>,
    /// The answer given so far.
    response: Signal<Option<Response>>,
    /// Locks the options (after a practice answer is checked, or while paused).
    disabled: Signal<bool>,
    /// Called with the new answer whenever the learner changes it.
    on_change: Callback<Response>,
    /// Shown under the stem: the date note and the uncited mark.
    children: Children,
) -> impl IntoView {
    let multiple = matches!(kind, Kind::Multiple { .. });
    let options = kind.options();
    let selected = move |i: usize| match response.get() {
        Some(Response::Choice(v)) => v.contains(&i),
        _ => false,
    };
    let hint = if multiple {
        "Select all that apply, as many as the question asks for."
    } else {
        "Choose one answer."
    };
    let items = order
        .into_iter()
        .map(|orig| {
            let text = options.get(orig).cloned().unwrap_or_default();
            let name = name.clone();
            view! {
                <li>
                    <label class="option">
                        <input
                            type=if multiple { "checkbox" } else { "radio" }
                            name=name
                            value=orig.to_string()
                            prop:checked=move || selected(orig)
                            prop:disabled=move || disabled.get()
                            on:change=move |_| {
                                let next = if multiple {
                                    let mut v = match response.get_untracked() {
                                        Some(Response::Choice(v)) => v,
                                        _ => Vec::new(),
                                    };
                                    if let Some(p) = v.iter().position(|&x| x == orig) {
                                        v.remove(p);
                                    } else {
                                        v.push(orig);
                                    }
                                    v
                                } else {
                                    vec![orig]
                                };
                                on_change.run(Response::Choice(next));
                            }
                        />
                        <span>{text}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question">
            <legend><h2 class="stem" tabindex="-1" data-page-focus="">{stem}</h2></legend>
            {children()}
            <p class="hint">{hint}</p>
            <ul class="options">{items}</ul>
        </fieldset>
    }
}
