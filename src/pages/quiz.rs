use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;
use std::sync::Arc;
use std::time::Duration;

use crate::browser::now_ms;
use crate::browser::set_title;
use crate::components::feedback::Feedback;
use crate::components::loading::{LoadError, Loading};
use crate::components::progress_bar::ProgressBar;
use crate::components::question_view::QuestionView;
use crate::components::timer::Timer;
use crate::domain::attempt::{finish, record};
use crate::domain::bank::{Bank, Kind};
use crate::domain::clock::expired;
use crate::domain::grade::{grade, parse_number, Response};
use crate::domain::quiz::Mode;
use crate::domain::session::{question, InProgress};
use crate::state::{use_app, use_banks, Load};

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

#[component]
fn QuizRunner(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let params = use_params_map();
    let navigate = use_navigate();
    let banks = StoredValue::new(banks);
    let with_ip =
        move |f: &dyn Fn(&InProgress) -> usize| app.quiz.with(|q| q.as_ref().map(f).unwrap_or(0));
    let total = Memo::new(move |_| with_ip(&|ip| ip.items.len()));
    let answered = Memo::new(move |_| with_ip(&|ip| ip.items.len() - ip.unanswered()));
    let (mode, pass_mark, seed) = app
        .quiz
        .with_untracked(|q| {
            q.as_ref()
                .map(|ip| (ip.spec.mode, ip.spec.pass_mark, ip.spec.seed))
        })
        .unwrap_or((Mode::Practice, 0, 0));
    let elapsed = RwSignal::new(
        app.quiz
            .with_untracked(|q| q.as_ref().map_or(0, |ip| ip.elapsed_ms)),
    );
    let paused = Memo::new(move |_| app.quiz.with(|q| q.as_ref().is_some_and(|ip| ip.paused)));
    let limit = Memo::new(move |_| {
        app.quiz
            .with(|q| q.as_ref().and_then(|ip| ip.time_limit_secs))
    });
    let confirming = RwSignal::new(false);
    let message = RwSignal::new(None::<String>);

    // The question number in the URL (1-based) → index; `None` if out of range.
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

    // Every change to the quiz also records the clock, so a reload resumes it.
    let update_ip = move |f: &dyn Fn(&mut InProgress)| {
        let ms = elapsed.get_untracked();
        app.quiz.update(|q| {
            if let Some(ip) = q.as_mut() {
                f(ip);
                ip.elapsed_ms = ms;
            }
        });
    };

    // Remember the question on screen (for "Resume" on the home page).
    Effect::new(move |_| {
        if let Some(i) = index.get() {
            if app
                .quiz
                .with_untracked(|q| q.as_ref().is_some_and(|ip| ip.current != i))
            {
                update_ip(&|ip| ip.current = i);
            }
        }
    });

    let go = {
        let navigate = navigate.clone();
        move |i: usize| {
            message.set(None);
            confirming.set(false);
            navigate(&format!("/quiz/{}", i + 1), Default::default());
        }
    };

    let submit_now = {
        let navigate = navigate.clone();
        move || {
            let ms = elapsed.get_untracked();
            let attempt = app.quiz.with_untracked(|q| {
                q.as_ref().map(|ip| {
                    let mut ip = ip.clone();
                    ip.elapsed_ms = ms;
                    banks.with_value(|bs| {
                        finish(
                            &ip,
                            &bs.iter().map(Arc::as_ref).collect::<Vec<_>>(),
                            now_ms(),
                        )
                    })
                })
            });
            if let Some(a) = attempt {
                // The router adds its base to navigation paths (unlike hrefs).
                let href = format!("/results/{}", a.id);
                navigate(
                    &href,
                    NavigateOptions {
                        replace: true,
                        ..Default::default()
                    },
                );
                app.quiz.set(None);
                app.progress.update(|p| record(p, a, now_ms()));
            }
        }
    };

    // The clock: counts active time, saves it every 5 s, submits at the limit.
    {
        let submit_now = submit_now.clone();
        let last = StoredValue::new(now_ms());
        let ticks = StoredValue::new(0u32);
        if let Ok(handle) = set_interval_with_handle(
            move || {
                let now = now_ms();
                let delta = (now - last.get_value()).max(0.0) as u64;
                last.set_value(now);
                if paused.get_untracked() {
                    return;
                }
                elapsed.update(|e| *e += delta);
                ticks.update_value(|t| *t += 1);
                let over = expired(limit.get_untracked(), elapsed.get_untracked());
                if over {
                    submit_now();
                } else if ticks.get_value().is_multiple_of(5) {
                    update_ip(&|_| {});
                }
            },
            Duration::from_secs(1),
        ) {
            on_cleanup(move || handle.clear());
        }
    }

    let request_submit = {
        let submit_now = submit_now.clone();
        move || {
            let unanswered = app
                .quiz
                .with_untracked(|q| q.as_ref().map_or(0, |ip| ip.unanswered()));
            if unanswered > 0 && !confirming.get_untracked() {
                confirming.set(true);
            } else {
                submit_now();
            }
        }
    };

    let question_area = {
        let go = go.clone();
        let request_submit = request_submit.clone();
        move || {
            let Some(i) = index.get() else {
                let go = go.clone();
                return view! {
                    <h1>"Question not found"</h1>
                    <p>{format!("This quiz has {} questions.", total.get_untracked())}</p>
                    <button type="button" on:click=move |_| go(0)>"Go to question 1"</button>
                }
                .into_any();
            };
            let item = app
                .quiz
                .with_untracked(|q| q.as_ref().and_then(|ip| ip.items.get(i).cloned()));
            let Some(item) = item else {
                return ().into_any();
            };
            let question = banks.with_value(|bs| {
                question(
                    &bs.iter().map(Arc::as_ref).collect::<Vec<_>>(),
                    &item.bank,
                    &item.id,
                    seed,
                )
            });
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
            let key = item.qref().to_string();
            let flag_key = key.clone();
            let flagged = Memo::new(move |_| {
                app.progress
                    .with(|p| p.flags.get(&flag_key).is_some_and(|f| f.0))
            });
            let is_last = i + 1 == total.get_untracked();
            let go_prev = go.clone();
            let go_next = go.clone();
            let request_submit = request_submit.clone();

            let body = match question {
                None => view! {
                    <p class="error" role="alert">
                        {format!("Question {} is no longer in the {} bank. It will count as unanswered; go on to the next question.", item.id, item.bank)}
                    </p>
                }
                .into_any(),
                Some(q) => {
                    let q_feedback = q.clone();
                    let q_check = q.clone();
                    let on_change = Callback::new(move |r: Response| {
                        message.set(None);
                        update_ip(&|ip| {
                            if let Some(slot) = ip.responses.get_mut(i) {
                                *slot = Some(r.clone());
                            }
                        });
                    });
                    let check = move |_| {
                        let problem = match (response.get_untracked(), &q_check.kind) {
                            (Some(Response::Number(s)), Kind::Numeric { .. } | Kind::Calculated { .. }) => parse_number(&s).err().map(|e| e.to_string()),
                            (Some(r), _) if r.is_answered() => None,
                            (_, Kind::Numeric { .. } | Kind::Calculated { .. }) => Some("Enter a number first.".to_string()),
                            _ => Some("Choose an answer first.".to_string()),
                        };
                        match problem {
                            Some(p) => message.set(Some(p)),
                            None => update_ip(&|ip| {
                                if let Some(c) = ip.checked.get_mut(i) {
                                    *c = true;
                                }
                            }),
                        }
                    };
                    view! {
                        <QuestionView
                            question=q
                            order=item.order.clone()
                            response=response
                            disabled=Signal::derive(move || mode == Mode::Practice && checked.get())
                            on_change=on_change
                        />
                        {move || message.get().map(|m| view! { <p class="error" role="alert">{m}</p> })}
                        <Show when=move || mode == Mode::Practice && !checked.get()>
                            <button type="button" on:click=check.clone()>"Check answer"</button>
                        </Show>
                        {
                            let q = q_feedback.clone();
                            move || (mode == Mode::Practice && checked.get()).then(|| {
                                let correct = response.get_untracked().is_some_and(|r| grade(&q, &r));
                                view! { <Feedback question=q.clone() correct=correct focus=true/> }
                            })
                        }
                    }
                    .into_any()
                }
            };

            view! {
                <div class="question-area">
                    {body}
                    <div class="actions nav">
                        <button type="button" class="secondary" disabled=i == 0 on:click=move |_| go_prev(i.saturating_sub(1))>"Previous"</button>
                        <button
                            type="button"
                            class="secondary"
                            aria-pressed=move || flagged.get().to_string()
                            on:click=move |_| {
                                let on = !flagged.get_untracked();
                                let key = key.clone();
                                app.progress.update(|p| {
                                    p.flags.insert(key, (on, now_ms()));
                                });
                            }
                        >
                            {move || if flagged.get() { "Flagged for review" } else { "Flag for review" }}
                        </button>
                        {if is_last {
                            let request_submit = request_submit.clone();
                            view! {
                                <button type="button" on:click=move |_| request_submit()>
                                    {if mode == Mode::Exam { "Submit exam" } else { "See results" }}
                                </button>
                            }
                            .into_any()
                        } else {
                            view! { <button type="button" on:click=move |_| go_next(i + 1)>"Next"</button> }.into_any()
                        }}
                    </div>
                </div>
            }
            .into_any()
        }
    };

    let navigator = {
        let go = go.clone();
        move || {
            let current = index.get();
            app.quiz.with(|q| {
                let Some(ip) = q.as_ref() else {
                    return Vec::new();
                };
                app.progress.with(|p| {
                    (0..ip.items.len())
                    .map(|k| {
                        let done = ip.responses[k].as_ref().is_some_and(Response::is_answered);
                        let flag = p
                            .flags
                            .get(&ip.items[k].qref().to_string())
                            .is_some_and(|f| f.0);
                        let label = format!(
                            "Question {}{}{}",
                            k + 1,
                            if done { ", answered" } else { ", unanswered" },
                            if flag { ", flagged" } else { "" }
                        );
                        let go = go.clone();
                        view! {
                            <li>
                                <button
                                    type="button"
                                    class="nav-cell"
                                    class:done=done
                                    class:flagged=flag
                                    aria-label=label
                                    aria-current=(current == Some(k)).then_some("step")
                                    on:click=move |_| go(k)
                                >
                                    {(k + 1).to_string()}
                                    {flag.then_some(view! { <span aria-hidden="true">"⚑"</span> })}
                                </button>
                            </li>
                        }
                    })
                    .collect::<Vec<_>>()
                })
            })
        }
    };

    let unanswered = Memo::new(move |_| total.get() - answered.get());
    let flagged_count = Memo::new(move |_| {
        app.quiz.with(|q| {
            q.as_ref().map_or(0, |ip| {
                app.progress.with(|p| {
                    ip.items
                        .iter()
                        .filter(|it| p.flags.get(&it.qref().to_string()).is_some_and(|f| f.0))
                        .count()
                })
            })
        })
    });
    let submit_confirmed = submit_now.clone();
    let submit_button = request_submit.clone();

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
                        elapsed_ms=elapsed
                        limit_secs=limit
                        paused=paused
                        on_toggle_pause=Callback::new(move |_| update_ip(&|ip| ip.paused = !ip.paused))
                        on_extend=Callback::new(move |_| update_ip(&|ip| ip.time_limit_secs = ip.time_limit_secs.map(|l| l + 300)))
                    />
                </Show>
            </div>
            <Show
                when=move || !paused.get()
                fallback=|| view! {
                    <div class="paused card" role="status">
                        <h2>"Paused"</h2>
                        <p>"The clock is stopped and the question is hidden. Press Resume to continue."</p>
                    </div>
                }
            >
                {question_area.clone()}
            </Show>
            <Show when=move || mode == Mode::Exam>
                <nav class="navigator" aria-label="Questions">
                    <h2 class="small">"All questions"</h2>
                    <ul>{navigator.clone()}</ul>
                    <p class="hint">{move || format!("{} unanswered · {} flagged", unanswered.get(), flagged_count.get())}</p>
                    <button type="button" on:click={
                        let s = submit_button.clone();
                        move |_| s()
                    }>"Submit exam"</button>
                </nav>
            </Show>
            <Show when=move || confirming.get()>
                <div class="confirm card" role="alertdialog" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
                    <h2 id="confirm-heading">"Submit with unanswered questions?"</h2>
                    <p id="confirm-text">
                        {move || format!(
                            "{} of {} questions are unanswered. Unanswered questions count as wrong.",
                            unanswered.get(),
                            total.get()
                        )}
                    </p>
                    <div class="actions">
                        <button type="button" class="danger" on:click={
                            let s = submit_confirmed.clone();
                            move |_| s()
                        }>"Submit anyway"</button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(false)>"Keep working"</button>
                    </div>
                </div>
            </Show>
            <p class="hint">{format!("Pass mark {pass_mark} %.")}</p>
        </section>
    }
}
