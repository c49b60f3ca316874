use leptos::prelude::*;
use std::sync::Arc;

use crate::components::exam_clock::ExamClock;
use crate::components::question_actions::QuestionActions;
use crate::components::quiz_question::QuizQuestion;
use crate::domain::bank::Bank;
use crate::domain::quiz::Mode;
use crate::domain::session::question;
use crate::state::use_app;

/// The question on screen with the buttons under it; for a question number
/// the quiz lacks, a way back to question 1; for a question gone from its
/// bank, a note that it counts as unanswered.
#[component]
pub fn QuestionArea(
    /// The question on screen (0-based); `None` when the address names no
    /// question of this quiz.
    #[prop(into)]
    index: Signal<Option<usize>>,
    /// Questions in the quiz.
    #[prop(into)]
    total: Signal<usize>,
    /// The quiz's banks.
    banks: StoredValue<Vec<Arc<Bank>>>,
    mode: Mode,
    /// The quiz's seed (draws the numbers of calculated questions).
    seed: u64,
    /// Saves answers with the clock.
    clock: ExamClock,
    /// A problem with the answer, shown under it.
    message: RwSignal<Option<String>>,
    /// Goes to the question at this index.
    go: Callback<usize>,
    /// Asks to submit the quiz.
    on_submit: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    move || {
        let Some(i) = index.get() else {
            return view! {
                <h1>"Question not found"</h1>
                <p>{format!("This quiz has {} questions.", total.get_untracked())}</p>
                <button type="button" on:click=move |_| go.run(0)>"Go to question 1"</button>
            }
            .into_any();
        };
        let item = app
            .quiz
            .with_untracked(|q| q.as_ref().and_then(|ip| ip.items.get(i).cloned()));
        let Some(item) = item else {
            return ().into_any();
        };
        let asked = banks.with_value(|bs| {
            question(
                &bs.iter().map(Arc::as_ref).collect::<Vec<_>>(),
                &item.bank,
                &item.id,
                seed,
            )
        });
        let body = match asked {
            None => view! {
                <p class="error" role="alert">
                    {format!("Question {} is no longer in the {} bank. It will count as unanswered; go on to the next question.", item.id, item.bank)}
                </p>
            }
            .into_any(),
            Some(q) => view! {
                <QuizQuestion question=q order=item.order.clone() index=i mode=mode clock=clock message=message/>
            }
            .into_any(),
        };
        let last = i + 1 == total.get_untracked();
        view! {
            <div class="question-area">
                {body}
                <QuestionActions index=i last=last key=item.qref().to_string() mode=mode go=go on_submit=on_submit/>
            </div>
        }
        .into_any()
    }
}
