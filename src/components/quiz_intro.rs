use leptos::prelude::*;

use crate::domain::clock::clock;
use crate::domain::quiz::QRef;
use crate::domain::share::{Opened, SharedQuiz};

/// What a trainee sees before starting a shared quiz: title, trainer,
/// instructions, size, time limit, pass mark, and any problems with it.
#[component]
pub fn QuizIntro(
    /// The quiz as shared.
    quiz: SharedQuiz,
    /// The quiz checked against the banks here.
    opened: Opened,
    /// Bank id → title, for messages.
    bank_title: Callback<String, String>,
) -> impl IntoView {
    let warnings: Vec<String> = opened
        .missing
        .iter()
        .map(|r| {
            let q = r.parse::<QRef>().unwrap_or_else(|_| QRef::new("", r));
            format!("Question {} is no longer in the {} bank, so the quiz runs without it.", q.id, bank_title.run(q.bank))
        })
        .chain(opened.changed.iter().map(|(b, was, now)| {
            format!("The {} bank has been updated since this quiz was made (version {was} → {now}); some questions may read differently.", bank_title.run(b.clone()))
        }))
        .chain(opened.unknown_banks.iter().map(|b| format!("This app has no \"{b}\" bank, so its questions are left out.")))
        .collect();
    let count = opened.spec.count;
    view! {
        <section class="card intro" aria-labelledby="intro-title">
            <h2 id="intro-title">{quiz.title.clone()}</h2>
            <p class="muted">{format!("From {}", quiz.trainer)}</p>
            {(!quiz.instructions.is_empty()).then(|| view! { <p class="instructions">{quiz.instructions.clone()}</p> })}
            <dl class="figures">
                <div><dt>"Questions"</dt><dd>{count.to_string()}</dd></div>
                <div><dt>"Mode"</dt><dd>{quiz.mode.label()}</dd></div>
                <div><dt>"Time limit"</dt><dd>{quiz.time_limit_secs.map_or("None".to_string(), |s| clock(s as u64))}</dd></div>
                {quiz.offers_extra_time().then(|| view! { <div><dt>"Extra time"</dt><dd>"Allowed: 1.5×, 2× or no limit"</dd></div> })}
                <div><dt>"Pass mark"</dt><dd>{format!("{} %", quiz.pass_mark)}</dd></div>
            </dl>
            {(!warnings.is_empty()).then(|| view! {
                <ul class="warnings" role="status">{warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view()}</ul>
            })}
        </section>
    }
}
