use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;

use crate::browser::now_ms;
use crate::browser::set_title;
use crate::components::calculator_toggle::CalculatorToggle;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::exam_clock::{use_exam_clock, ExamClock};
use crate::components::exam_navigator::ExamNavigator;
use crate::components::loading::{LoadError, Loading};
use crate::components::progress_bar::ProgressBar;
use crate::components::question_area::QuestionArea;
use crate::components::timer::Timer;
use crate::domain::attempt::{finish, record, Ending};
use crate::domain::bank::Bank;
use crate::domain::quiz::Mode;
use crate::domain::session::InProgress;
use crate::state::{use_app, use_banks, AppState, Load};

/// The quiz in progress, one question at a time at `/quiz/:n`.
#[component]
pub fn QuizPage() -> impl IntoView {
    set_title("Quiz");
    let app = use_app();
    let spec_banks = Memo::new(move |_| {
        app.quiz
            .with(|q| q.as_ref().map(|ip| ip.spec.banks.clone()))
    });
    let banks = use_banks(move || spec_banks.get().unwrap_or_default());
    move || {
        match spec_banks.get() {
        None => view! {
            <section class="page">
                <h1>"No quiz in progress"</h1>
                <p>"You have no quiz open. " <a href=app.href("/setup")>"Start a new quiz"</a> " or see your " <a href=app.href("/history")>"history"</a> "."</p>
            </section>
        }
        .into_any(),
        Some(_) => match banks.get() {
            Load::Loading => view! { <section class="page"><Loading what="your quiz"/></section> }.into_any(),
            Load::Failed(e) => view! { <section class="page"><h1>"Quiz"</h1><LoadError message=e/></section> }.into_any(),
            Load::Ready(bs) => view! { <QuizRunner banks=bs/> }.into_any(),
        },
    }
    }
}

/// Runs the quiz in progress: progress, the exam clock, the question on
/// screen, the exam navigator and the submit confirmation.
#[component]
fn QuizRunner(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    // Stored so that callbacks (which must be Send) can navigate.
    let navigate = StoredValue::new_local(use_navigate());
    let banks = StoredValue::new(banks);
    let with_ip = move |f: fn(&InProgress) -> usize| app.quiz.with(|q| q.as_ref().map_or(0, f));
    let total = Memo::new(move |_| with_ip(|ip| ip.items.len()));
    let answered = Memo::new(move |_| with_ip(|ip| ip.items.len() - ip.unanswered()));
    let unanswered = Memo::new(move |_| total.get() - answered.get());
    let (mode, pass_mark, seed, mock) = app
        .quiz
        .with_untracked(|q| {
            q.as_ref().map(|ip| {
                let s = &ip.spec;
                (s.mode, s.pass_mark, s.seed, s.profile.is_some())
            })
        })
        .unwrap_or((Mode::Practice, 0, 0, false));
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);

    let finish = Callback::new(move |(elapsed_ms, ending): (u64, Ending)| {
        finish_quiz(app, banks, elapsed_ms, ending, navigate)
    });
    let clock = use_exam_clock(Callback::new(move |ms| {
        finish.run((ms, Ending::TimeRanOut))
    }));
    let submit =
        Callback::new(move |()| finish.run((clock.elapsed.get_untracked(), Ending::Submitted)));
    // Unanswered questions: ask first.
    let request_submit = Callback::new(move |()| {
        let unanswered = app
            .quiz
            .with_untracked(|q| q.as_ref().map_or(0, |ip| ip.unanswered()));
        if unanswered > 0 && !confirming.get_untracked() {
            confirming.set(true);
        } else {
            submit.run(());
        }
    });

    let index = use_question_index(total, clock);

    let go = Callback::new(move |i: usize| {
        message.set(None);
        confirming.set(false);
        navigate.with_value(|nav| nav(&format!("/quiz/{}", i + 1), Default::default()));
    });

    view! {
        <section class="page quiz" aria-labelledby="quiz-heading">
            <h1 id="quiz-heading" class="visually-hidden">{format!("{} quiz", mode.label())}</h1>
            <div class="quiz-top">
                <ProgressBar
                    current=Signal::derive(move || index.get().map_or(0, |i| i + 1))
                    total=total
                    answered=answered
                />
                <Show when=move || mode == Mode::Exam>
                    <Timer
                        elapsed_ms=clock.elapsed
                        limit_secs=clock.limit
                        paused=clock.paused
                        on_toggle_pause=Callback::new(move |_| clock.toggle_pause())
                        on_extend=Callback::new(move |_| clock.extend())
                    />
                </Show>
            </div>
            <Show
                when=move || !clock.paused.get()
                fallback=|| view! {
                    <div class="paused card" role="status">
                        <h2>"Paused"</h2>
                        <p>"The clock is stopped and the question is hidden. Press Resume to continue."</p>
                    </div>
                }
            >
                <QuestionArea
                    index=index
                    total=total
                    banks=banks
                    mode=mode
                    seed=seed
                    clock=clock
                    message=message
                    go=go
                    on_submit=request_submit
                />
            </Show>
            <Show when=move || mode == Mode::Exam>
                <ExamNavigator current=index total=total unanswered=unanswered go=go on_submit=request_submit/>
            </Show>
            {mock.then(|| view! { <CalculatorToggle/> })}
            <ConfirmDialog
                open=confirming
                id="confirm"
                heading="Submit with unanswered questions?"
                text=Signal::derive(move || format!(
                    "{} of {} questions are unanswered. Unanswered questions count as wrong.",
                    unanswered.get(),
                    total.get()
                ))
                cancel="Keep working"
            >
                <button type="button" class="danger" on:click=move |_| submit.run(())>"Submit anyway"</button>
            </ConfirmDialog>
            <p class="hint">{format!("Pass mark {pass_mark} %.")}</p>
        </section>
    }
}

/// The question on screen, from the URL's question number (1-based);
/// `None` when the quiz has no such question. The quiz remembers it for
/// "Resume" on the home page.
fn use_question_index(total: Memo<usize>, clock: ExamClock) -> Memo<Option<usize>> {
    let app = use_app();
    let params = use_params_map();
    let raw_n = Memo::new(move |_| params.with(|p| p.get("n")));
    let index = Memo::new(move |_| match raw_n.get() {
        None => Some(
            app.quiz
                .with_untracked(|q| q.as_ref().map_or(0, |ip| ip.current)),
        ),
        Some(n) => n
            .parse::<usize>()
            .ok()
            .filter(|&n| n >= 1 && n <= total.get())
            .map(|n| n - 1),
    });
    Effect::new(move |_| {
        if let Some(i) = index.get() {
            if app
                .quiz
                .with_untracked(|q| q.as_ref().is_some_and(|ip| ip.current != i))
            {
                clock.save(|ip| ip.current = i);
            }
        }
    });
    index
}

/// Grades the quiz in progress with `elapsed_ms` of active time, records the
/// attempt (with how it ended: the results say when the time ran out) and
/// replaces the quiz with its results page.
fn finish_quiz(
    app: AppState,
    banks: StoredValue<Vec<Arc<Bank>>>,
    elapsed_ms: u64,
    ending: Ending,
    navigate: StoredValue<impl Fn(&str, NavigateOptions) + 'static, LocalStorage>,
) {
    let attempt = app.quiz.with_untracked(|q| {
        q.as_ref().map(|ip| {
            let mut ip = ip.clone();
            ip.elapsed_ms = elapsed_ms;
            banks.with_value(|bs| {
                finish(
                    &ip,
                    &bs.iter().map(Arc::as_ref).collect::<Vec<_>>(),
                    now_ms(),
                    ending,
                )
            })
        })
    });
    if let Some(a) = attempt {
        // The router adds its base to navigation paths (unlike hrefs).
        let href = format!("/results/{}", a.id);
        navigate.with_value(|nav| {
            nav(
                &href,
                NavigateOptions {
                    replace: true,
                    ..Default::default()
                },
            )
        });
        app.quiz.set(None);
        app.progress.update(|p| record(p, a, now_ms()));
    }
}
