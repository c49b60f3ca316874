use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{now_ms, random_seed};
use crate::components::bank_choice::BankChoice;
use crate::components::extra_time_choice::ExtraTimeChoice;
use crate::components::loading::load_view;
use crate::components::number_field::NumberField;
use crate::components::radio_options::RadioOptions;
use crate::components::topic_choice::TopicChoice;
use crate::domain::bank::Bank;
use crate::domain::clock::ExtraTime;
use crate::domain::manifest::Manifest;
use crate::domain::quiz::{assemble, Mode};
use crate::domain::quiz_form::{chosen_tags, minutes_to_secs, pool_size, Audience, QuizForm};
use crate::domain::session::{tag_counts, InProgress};
use crate::state::{use_app, use_banks, Load};

/// Quiz setup: banks, topics, size, mode, time limit and pass mark.
#[component]
pub fn Setup() -> impl IntoView {
    set_title("New quiz");
    let app = use_app();
    view! {
        <section class="page">
            <h1>"New quiz"</h1>
            {move || load_view(app.manifest.get(), "question banks", |m| view! { <SetupForm manifest=m/> })}
        </section>
    }
}

/// The New quiz form. `?bank=` ticks only that bank, `?mode=exam` picks exam
/// mode; starting replaces any quiz in progress and opens its first question.
#[component]
fn SetupForm(manifest: Arc<Manifest>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let query = use_query_map();
    let first = query
        .with_untracked(|q| q.get("bank"))
        .filter(|b| manifest.bank(b).is_some());
    let selected = RwSignal::new(
        first
            .map(|b| vec![b])
            .unwrap_or_else(|| manifest.banks.iter().map(|b| b.id.clone()).collect()),
    );
    let mode = RwSignal::new(
        if query.with_untracked(|q| q.get("mode")).as_deref() == Some("exam") {
            Mode::Exam
        } else {
            Mode::Practice
        },
    );
    let count = RwSignal::new("10".to_string());
    let minutes = RwSignal::new(String::new());
    let extra_time = RwSignal::new(ExtraTime::Standard);
    // The exam's time limit as typed: extra time is offered only with one.
    let base_limit = Memo::new(move |_| {
        (mode.get() == Mode::Exam)
            .then(|| minutes_to_secs(&minutes.get()))
            .flatten()
    });
    let pass_mark = RwSignal::new("70".to_string());
    let tags = RwSignal::new(Vec::<String>::new());
    let error = RwSignal::new(None::<String>);
    let banks = use_banks(move || selected.get());

    let loaded = move || match banks.get() {
        Load::Ready(b) => Some(b),
        _ => None,
    };
    let topics = Memo::new(move |_| {
        loaded()
            .map(|bs| tag_counts(&bs.iter().map(Arc::as_ref).collect::<Vec<&Bank>>()))
            .unwrap_or_default()
    });
    let chosen = Memo::new(move |_| chosen_tags(&tags.get(), &topics.get()));
    let pool = Memo::new(move |_| loaded().map_or(0, |bs| pool_size(&bs, &chosen.get())));
    let has_quiz = Memo::new(move |_| app.quiz.with(|q| q.is_some()));

    let form = move || QuizForm {
        audience: Audience::Learner,
        banks: vec![], // new_quiz fills in the banks loaded
        tags: chosen.get_untracked(),
        count: count.get_untracked(),
        pool: pool.get_untracked(),
        mode: mode.get_untracked(),
        minutes: minutes.get_untracked(),
        extra_time: extra_time.get_untracked(),
        pass_mark: pass_mark.get_untracked(),
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match new_quiz(banks.get_untracked(), form()) {
            Ok((ip, note)) => {
                error.set(None);
                if let Some(note) = note {
                    app.notify(note);
                }
                app.quiz.set(Some(ip));
                navigate("/quiz/1", Default::default());
            }
            Err(e) => error.set(Some(e)),
        }
    };

    let bank_list = manifest
        .banks
        .iter()
        .map(|b| (b.id.clone(), b.title.clone()))
        .collect();
    let label = Callback::new(move |id: String| manifest.topic_label(&id).to_string());
    let topic_list = move |_| view! { <TopicChoice topics=topics label=label chosen=tags/> };

    view! {
        <form class="setup" on:submit=submit novalidate>
            <BankChoice banks=bank_list chosen=selected/>
            <fieldset>
                <legend>"Topics"</legend>
                <p class="hint">"Leave all unticked to include every topic."</p>
                {move || load_view(banks.get(), "topics", topic_list)}
            </fieldset>
            <NumberField
                id="count"
                label="Number of questions"
                min="1"
                max=Signal::derive(move || pool.get().to_string())
                value=count
                hint=Signal::derive(move || format!("{} questions available with these choices.", pool.get()))
            />
            <fieldset>
                <legend>"Mode"</legend>
                <RadioOptions value=mode name="mode" choices=vec![
                    (Mode::Practice, "Practice: see the answer and explanation after each question"),
                    (Mode::Exam, "Exam: no feedback until you submit; skip, flag and revisit questions"),
                ]/>
            </fieldset>
            <Show when=move || mode.get() == Mode::Exam>
                <NumberField id="minutes" label="Time limit (minutes)" min="1" max="300" value=minutes hint="Leave empty for no time limit."/>
            </Show>
            <Show when=move || base_limit.get().is_some()>
                <ExtraTimeChoice value=extra_time base_secs=base_limit hint="If you need more time to read or answer, choose extra time. Your result records it."/>
            </Show>
            <NumberField id="pass-mark" label="Pass mark (%)" min="0" max="100" value=pass_mark/>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <Show when=move || has_quiz.get()>
                <p class="hint">"Starting a new quiz replaces the quiz you have in progress."</p>
            </Show>
            <button type="submit">"Start quiz"</button>
        </form>
    }
}

/// The quiz the form describes with the chosen banks (its `banks` field is
/// filled from them), with a note when it is shorter than asked, or what
/// to tell the learner.
fn new_quiz(
    banks: Load<Vec<Arc<Bank>>>,
    form: QuizForm,
) -> Result<(InProgress, Option<String>), String> {
    let bs = match banks {
        Load::Ready(b) => b,
        Load::Loading => {
            return Err("The question banks are still loading. Try again in a moment.".to_string())
        }
        Load::Failed(e) => return Err(e),
    };
    let form = QuizForm {
        banks: bs.iter().map(|b| b.id.clone()).collect(),
        ..form
    };
    let spec = form.to_spec(random_seed()).map_err(|e| e.to_string())?;
    let refs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
    let built = assemble(&spec, &refs).map_err(|e| e.to_string())?;
    let note = built.note();
    Ok((InProgress::new(spec, built.items, now_ms()), note))
}
