use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::random_seed;
use crate::components::number_field::NumberField;
use crate::domain::bank::Bank;
use crate::domain::mock::{plan_mock, MockLength};
use crate::domain::profile::Profile;
use crate::domain::quiz::QuizSpec;

/// Full length or shorter: the learner's choice for a mock exam.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Full,
    Short,
}

/// Sets up a mock exam: full length (the real exam's questions and time) or
/// shorter (time in proportion), drawn to the domain weights, in exam mode
/// with the on-screen calculator.
#[component]
pub fn MockStart(
    profile: Profile,
    banks: StoredValue<Vec<Arc<Bank>>>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let length = RwSignal::new(Length::Full);
    let short = RwSignal::new("20".to_string());
    let error = RwSignal::new(None::<String>);
    let profile = StoredValue::new(profile);
    let chosen = move || match length.get() {
        Length::Full => Ok(MockLength::Full),
        Length::Short => match short.get().trim().parse::<usize>() {
            Ok(n) if n > 0 => Ok(MockLength::Short(n)),
            _ => Err("Enter a number of questions, 1 or more.".to_string()),
        },
    };
    // The mock as it would be drawn now, for its note (the seed only
    // changes which questions, not how many per domain).
    let preview = Memo::new(move |_| {
        chosen().and_then(|len| {
            profile.with_value(|p| {
                banks.with_value(|bs| {
                    let bs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                    plan_mock(p, &bs, len, 1).map_err(|e| e.to_string())
                })
            })
        })
    });
    let summary = move || match preview.get() {
        Ok(plan) => {
            let minutes = plan.spec.time_limit_secs.map_or(0, |s| s / 60);
            let mut text = format!(
                "{} questions in {minutes} minutes, drawn to the domain weights.",
                plan.spec.count
            );
            if let Some(note) = plan.note {
                text.push(' ');
                text.push_str(&note);
            }
            text
        }
        Err(e) => e,
    };
    let begin = move |_| {
        error.set(None);
        let drawn = chosen().and_then(|len| {
            profile.with_value(|p| {
                banks.with_value(|bs| {
                    let bs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                    plan_mock(p, &bs, len, random_seed()).map_err(|e| e.to_string())
                })
            })
        });
        match drawn {
            Ok(plan) => start.run(plan.spec),
            Err(e) => error.set(Some(e)),
        }
    };
    let (full_text, max) = profile.with_value(|p| {
        (
            format!(
                "Full length: {} questions, {} minutes",
                p.questions, p.minutes
            ),
            p.questions.to_string(),
        )
    });
    view! {
        <section class="card" aria-labelledby="mock-heading">
            <h2 id="mock-heading">"Mock exam"</h2>
            <fieldset>
                <legend>"Length"</legend>
                <ul class="options">
                    <li><label class="option">
                        <input type="radio" name="mock-length" prop:checked=move || length.get() == Length::Full on:change=move |_| length.set(Length::Full)/>
                        <span>{full_text}</span>
                    </label></li>
                    <li><label class="option">
                        <input type="radio" name="mock-length" prop:checked=move || length.get() == Length::Short on:change=move |_| length.set(Length::Short)/>
                        <span>"Shorter, with the time in proportion"</span>
                    </label></li>
                </ul>
            </fieldset>
            <Show when=move || length.get() == Length::Short>
                <NumberField id="mock-count" label="Number of questions" min="1" max=max.clone() value=short/>
            </Show>
            <p role="status">{summary}</p>
            <p class="hint">"Exam mode: no feedback until you submit, a question list to review and flag before you submit, and an on-screen calculator as in the real exam. Afterwards you see your results by domain and the full review, which is never timed."</p>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="button" on:click=begin>"Start the mock exam"</button>
        </section>
    }
}
