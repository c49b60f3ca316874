use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::browser::set_title;
use crate::browser::{after_render, focus_heading};
use crate::components::bank_card::BankCard;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::components::exam_today::ExamToday;
use crate::components::loading::{LoadError, Loading};
use crate::shell;
use crate::state::{use_app, Load};

/// Home: the quiz in progress (if any) and the banks.
#[component]
pub fn Home() -> impl IntoView {
    set_title("Home");
    let app = use_app();
    view! {
        <section class="page">
            <h1>{shell::HOME_HEADING}</h1>
            <p class="lede">{shell::HOME_LEDE}</p>
            <ResumeBanner/>
            <DueBanner/>
            <ExamToday/>
            {move || match app.manifest.get() {
                Load::Loading => view! { <Loading what="question banks"/> }.into_any(),
                Load::Failed(e) => view! { <LoadError message=e/> }.into_any(),
                Load::Ready(m) => {
                    let cards = m
                        .banks
                        .iter()
                        .map(|entry| view! { <li><BankCard entry=entry.clone() manifest=m.clone()/></li> })
                        .collect_view();
                    view! { <ul class="bank-grid">{cards}</ul> }.into_any()
                }
            }}
        </section>
    }
}

/// "You have a quiz in progress" with resume and discard.
#[component]
fn ResumeBanner() -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let confirming = RwSignal::new(false);
    let summary = Memo::new(move |_| {
        app.quiz.with(|q| {
            q.as_ref().map(|ip| {
                (
                    ip.current + 1,
                    ip.items.len(),
                    ip.spec.mode.label(),
                    ip.items.len() - ip.unanswered(),
                )
            })
        })
    });
    move || {
        summary.get().map(|(current, total, mode, answered)| {
            let navigate = navigate.clone();
            view! {
                <section class="card resume" aria-labelledby="resume-heading">
                    <h2 id="resume-heading">"Quiz in progress"</h2>
                    <p>{format!("{mode}: question {current} of {total}, {answered} answered.")}</p>
                    <div class="actions">
                        <button type="button" on:click=move |_| navigate(&format!("/quiz/{current}"), Default::default())>
                            "Resume quiz"
                        </button>
                        <button type="button" class="secondary" on:click=move |_| confirming.set(true)>"Discard quiz"</button>
                    </div>
                    <ConfirmDialog
                        open=confirming
                        id="discard-confirm"
                        heading="Discard this quiz?"
                        text="Its answers will be lost."
                        cancel="Keep it"
                    >
                        <button type="button" class="danger" on:click=move |_| {
                            // The banner goes, its dialog with it: carry on from the page's heading.
                            confirming.set(false);
                            app.quiz.set(None);
                            after_render(|| { focus_heading(); });
                        }>"Yes, discard"</button>
                    </ConfirmDialog>
                </section>
            }
        })
    }
}

/// Daily review due count, linking to the review page.
#[component]
fn DueBanner() -> impl IntoView {
    let app = use_app();
    let due = Memo::new(move |_| {
        app.progress
            .with(|p| crate::domain::schedule::due(&p.schedule, crate::browser::now_ms()).len())
    });
    let started = Memo::new(move |_| app.progress.with(|p| !p.schedule.is_empty()));
    view! {
        <p class="due-banner">
            {move || if started.get() {
                format!("Daily review: {} question{} due. ", due.get(), if due.get() == 1 { "" } else { "s" })
            } else {
                shell::DUE_NEW.to_string()
            }}
            <a href=app.href("/review")>{move || if due.get() > 0 { "Start your daily review" } else { shell::DUE_LINK_NONE }}</a>
        </p>
    }
}
