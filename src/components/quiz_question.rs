use leptos::prelude::*;

use crate::components::exam_clock::ExamClock;
use crate::components::feedback::Feedback;
use crate::components::question_view::QuestionView;
use crate::domain::bank::Question;
use crate::domain::grade::{grade, not_checkable, Response};
use crate::domain::quiz::Mode;
use crate::state::use_app;

/// A question as asked in a quiz: its answer controls and any problem with
/// the answer; in practice mode also "Check answer", then the feedback
/// (the answer is locked once checked).
#[component]
pub fn QuizQuestion(
    /// The question, as drawn for this quiz.
    question: Question,
    /// Display order of the options (authored indices).
    order: Vec<usize>,
    /// The question's place in the quiz (0-based).
    index: usize,
    mode: Mode,
    /// Saves answers with the clock.
    clock: ExamClock,
    /// A problem with the answer, shown under it.
    message: RwSignal<Option<String>>,
) -> impl IntoView {
    let app = use_app();
    let i = index;
    let practice = mode == Mode::Practice;
    let response = Signal::derive(move || {
        app.quiz.with(|q| {
            q.as_ref()
                .and_then(|ip| ip.responses.get(i).cloned().flatten())
        })
    });
    let checked = Memo::new(move |_| {
        app.quiz.with(|q| {
            q.as_ref()
                .is_some_and(|ip| ip.checked.get(i).copied().unwrap_or(false))
        })
    });
    let on_change = Callback::new(move |r: Response| {
        message.set(None);
        clock.save(|ip| {
            if let Some(slot) = ip.responses.get_mut(i) {
                *slot = Some(r);
            }
        });
    });
    let to_check = question.clone();
    let check = move |_| match not_checkable(&to_check, response.get_untracked().as_ref()) {
        Some(problem) => message.set(Some(problem)),
        None => clock.save(|ip| {
            if let Some(c) = ip.checked.get_mut(i) {
                *c = true;
            }
        }),
    };
    let to_grade = question.clone();
    let feedback = move || {
        (practice && checked.get()).then(|| {
            let given = response.get_untracked();
            let correct = given.as_ref().is_some_and(|r| grade(&to_grade, r));
            view! { <Feedback question=to_grade.clone() correct=correct response=given focus=true/> }
        })
    };
    view! {
        <QuestionView
            question=question
            order=order
            response=response
            disabled=Signal::derive(move || practice && checked.get())
            on_change=on_change
        />
        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
        <Show when=move || practice && !checked.get()>
            <button type="button" on:click=check.clone()>"Check answer"</button>
        </Show>
        {feedback}
    }
}
