use leptos::prelude::*;

use crate::components::choice_field::ChoiceField;
use crate::components::matching_field::MatchingField;
use crate::components::short_answer_field::ShortAnswerField;
use crate::components::uncited_note::UncitedNote;
use crate::domain::bank::{Kind, Question};
use crate::domain::grade::Response;

/// One question: the stem and a keyboard-operable answer control (radio
/// group, checkbox group, number box, text box or a select per prompt). Options show in `order`; responses
/// always carry authored option indices. The stem is the page's focus
/// target (`data-page-focus`): moving to a question puts focus on it, one
/// Tab before its answers.
#[component]
pub fn QuestionView(
    /// The question to show.
    question: Question,
    /// Display order of the options (authored indices).
    order: Vec<usize>,
    /// The answer given so far.
    #[prop(into)]
    response: Signal<Option<Response>>,
    /// Locks the controls (after a practice answer is checked, or while paused).
    #[prop(into)]
    disabled: Signal<bool>,
    /// Called with the new answer whenever the learner changes it.
    on_change: Callback<Response>,
) -> impl IntoView {
    let name = format!("q-{}", question.id);
    let stem_id = format!("{name}-stem");
    let stem = question.stem.clone();
    // "As of 27 November 2026", under the stem of a dated fact.
    let as_of = question
        .as_of_note()
        .map(|note| view! { <p class="as-of">{note}</p> });
    let uncited = question.uncited;
    match question.kind.clone() {
        Kind::ShortAnswer { .. } => view! {
            <ShortAnswerField name=name stem=stem response=response disabled=disabled on_change=on_change>
                {as_of}
                {uncited.then(|| view! { <UncitedNote/> })}
            </ShortAnswerField>
        }
        .into_any(),
        Kind::Matching { pairs } => {
            let (prompts, answers) = pairs.into_iter().map(|p| (p.prompt, p.answer)).unzip();
            view! {
                <MatchingField
                    name=name
                    stem=stem
                    prompts=prompts
                    answers=answers
                    order=order
                    response=response
                    disabled=disabled
                    on_change=on_change
                >
                    {as_of}
                    {uncited.then(|| view! { <UncitedNote/> })}
                </MatchingField>
            }
            .into_any()
        }
        Kind::Numeric { unit, .. } => {
            let input_id = format!("{name}-input");
            let text = move || match response.get() {
                Some(Response::Number(s)) => s,
                _ => String::new(),
            };
            view! {
                <div class="question">
                    <h2 id=stem_id.clone() class="stem" tabindex="-1" data-page-focus="">{stem}</h2>
                    {as_of}
                    {uncited.then(|| view! { <UncitedNote/> })}
                    <label for=input_id.clone()>{format!("Your answer ({unit})")}</label>
                    <div class="numeric">
                        <input
                            id=input_id
                            type="text"
                            inputmode="decimal"
                            autocomplete="off"
                            aria-describedby=stem_id
                            prop:value=text
                            prop:disabled=move || disabled.get()
                            on:input=move |ev| on_change.run(Response::Number(event_target_value(&ev)))
                        />
                        <span class="unit" aria-hidden="true">{unit.clone()}</span>
                    </div>
                </div>
            }
            .into_any()
        }
        kind => view! {
            <ChoiceField name=name stem=stem kind=kind order=order response=response disabled=disabled on_change=on_change>
                {as_of}
                {uncited.then(|| view! { <UncitedNote/> })}
            </ChoiceField>
        }
        .into_any(),
    }
}
