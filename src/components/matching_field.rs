use leptos::prelude::*;

use crate::domain::grade::Response;

/// A matching question: the stem, then each prompt with a select of every
/// answer (in this quiz's shuffled order), so it is answered by keyboard
/// without dragging.
#[component]
pub fn MatchingField(
    /// The id prefix of the question's elements.
    name: String,
    stem: String,
    /// The prompts, in authored order.
    prompts: Vec<String>,
    /// The answers, in authored order (answer `i` matches prompt `i`).
    answers: Vec<String>,
    /// Display order of the answers in each select (authored indices).
    order: Vec<usize>,
    /// The answer given so far.
    response: Signal<Option<Response>>,
    /// Locks the selects (after a practice answer is checked, or while paused).
    disabled: Signal<bool>,
    /// Called with the new answer whenever a select changes.
    on_change: Callback<Response>,
    /// Shown under the stem: the date note and the uncited mark.
    children: Children,
) -> impl IntoView {
    let count = prompts.len();
    let chosen = move |i: usize| match response.get() {
        Some(Response::Pairs(v)) => v.get(i).copied().flatten(),
        _ => None,
    };
    let rows = prompts
        .into_iter()
        .enumerate()
        .map(|(i, prompt)| {
            let select_id = format!("{name}-pair-{i}");
            let choices = order
                .iter()
                .map(|&j| {
                    let text = answers.get(j).cloned().unwrap_or_default();
                    view! {
                        <option value=j.to_string() prop:selected=move || chosen(i) == Some(j)>{text}</option>
                    }
                })
                .collect_view();
            let pick = move |ev: leptos::ev::Event| {
                let mut v = match response.get_untracked() {
                    Some(Response::Pairs(v)) => v,
                    _ => Vec::new(),
                };
                v.resize(count, None);
                v[i] = event_target_value(&ev).parse().ok();
                on_change.run(Response::Pairs(v));
            };
            view! {
                <li>
                    <label for=select_id.clone()>{prompt}</label>
                    <select id=select_id prop:disabled=move || disabled.get() on:change=pick>
                        <option value="" prop:selected=move || chosen(i).is_none()>"Choose…"</option>
                        {choices}
                    </select>
                </li>
            }
        })
        .collect_view();
    view! {
        <fieldset class="question matching">
            <legend><h2 class="stem" tabindex="-1" data-page-focus="">{stem}</h2></legend>
            {children()}
            <p class="hint">"Choose the answer that matches each item. An answer may fit only one item."</p>
            <ul class="pairs">{rows}</ul>
        </fieldset>
    }
}
