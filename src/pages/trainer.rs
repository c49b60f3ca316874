use leptos::prelude::*;
use std::collections::BTreeMap;
use std::sync::Arc;

use crate::browser::random_seed;
use crate::browser::set_title;
use crate::components::bank_choice::BankChoice;
use crate::components::loading::load_view;
use crate::components::number_field::NumberField;
use crate::components::question_choice::QuestionChoice;
use crate::components::question_picker::QuestionPicker;
use crate::components::quiz_preview::QuizPreview;
use crate::components::radio_options::RadioOptions;
use crate::components::share_panel::SharePanel;
use crate::components::topic_choice::TopicChoice;
use crate::domain::bank::Bank;
use crate::domain::clock::ExtraTime;
use crate::domain::quiz::Mode;
use crate::domain::quiz_form::{
    chosen_tags, minutes_to_secs, pool_size, Audience, QuizForm, ShareForm,
};
use crate::domain::session::tag_counts;
use crate::state::{use_all_banks, use_app, AppState, Load};

/// The trainer's quiz builder: choose questions and settings, preview, share.
#[component]
pub fn TrainerPage() -> impl IntoView {
    set_title("Build a quiz");
    let app = use_app();
    let banks = use_all_banks();
    view! {
        <section class="page">
            <h1>"Build a quiz for trainees"</h1>
            <p>
                "Make a quiz, share it as a link, QR code or file, then collect the results trainees send back in your "
                <a href=app.href("/roster")>"roster"</a>". To ask about your own procedures, "
                <a href=app.href("/banks")>"add your own questions"</a>" first."
            </p>
            {move || load_view(banks.get(), "question banks", |bs| view! { <Builder banks=bs/> })}
        </section>
    }
}

/// A topic's label for its id, once the manifest is in.
fn topic_labels(app: AppState) -> Callback<String, String> {
    Callback::new(move |t: String| match app.manifest.get_untracked() {
        Load::Ready(m) => m.topic_label(&t).to_string(),
        _ => t,
    })
}

/// The builder form: the quiz's details, its questions and settings, with
/// a preview and the share card under it.
#[component]
fn Builder(banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let banks = StoredValue::new(banks);
    let title = RwSignal::new(String::new());
    let trainer = RwSignal::new(String::new());
    let instructions = RwSignal::new(String::new());
    let chosen_banks =
        RwSignal::new(banks.with_value(|b| b.iter().map(|b| b.id.clone()).collect::<Vec<_>>()));
    let tags = RwSignal::new(Vec::<String>::new());
    let picking = RwSignal::new(false);
    let count = RwSignal::new("10".to_string());
    let picked = RwSignal::new(Vec::<String>::new());
    let search = RwSignal::new(String::new());
    let fixed_order = RwSignal::new(false);
    let mode = RwSignal::new(Mode::Exam);
    let minutes = RwSignal::new("30".to_string());
    let allow_extra_time = RwSignal::new(false);
    let pass_mark = RwSignal::new("80".to_string());
    let seed = random_seed();
    let preview = RwSignal::new(false);

    // The ticked banks, in the order they are offered.
    let selected_banks = Signal::derive(move || {
        banks.with_value(|bs| {
            bs.iter()
                .filter(|b| chosen_banks.with(|c| c.contains(&b.id)))
                .cloned()
                .collect::<Vec<_>>()
        })
    });
    let topics = Memo::new(move |_| {
        selected_banks.with(|bs| tag_counts(&bs.iter().map(Arc::as_ref).collect::<Vec<_>>()))
    });
    let label = topic_labels(app);

    // Ticked topics of banks still chosen: unticking a bank drops its topics
    // from the quiz and from the picker alike.
    let chosen_topics = Memo::new(move |_| chosen_tags(&tags.get(), &topics.get()));
    // The shared quiz, or the first thing that stops it being valid.
    let quiz = Memo::new(move |_| {
        let bs = selected_banks.get();
        let tags = chosen_topics.get();
        let form = ShareForm {
            title: title.get(),
            trainer: trainer.get(),
            instructions: instructions.get(),
            picked: picking.get().then(|| picked.get()),
            fixed_order: fixed_order.get(),
            allow_extra_time: allow_extra_time.get(),
            quiz: QuizForm {
                audience: Audience::Trainees,
                banks: bs.iter().map(|b| b.id.clone()).collect(),
                pool: pool_size(&bs, &tags),
                tags,
                count: count.get(),
                mode: mode.get(),
                minutes: minutes.get(),
                extra_time: ExtraTime::Standard,
                pass_mark: pass_mark.get(),
            },
        };
        let versions: BTreeMap<String, u32> =
            banks.with_value(|all| all.iter().map(|b| (b.id.clone(), b.version)).collect());
        form.to_shared(seed, &versions).map(|mut q| {
            // Banks added in this browser travel inside the quiz.
            q.custom_banks = q
                .banks()
                .iter()
                .filter_map(|b| app.custom_text(b))
                .collect();
            q
        })
    });

    let preview_view = move || {
        preview.get().then(|| match quiz.get() {
            Ok(q) => view! { <QuizPreview quiz=q banks=banks.get_value()/> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{e.to_string()}</p> }.into_any(),
        })
    };
    let bank_list =
        banks.with_value(|bs| bs.iter().map(|b| (b.id.clone(), b.title.clone())).collect());

    view! {
        <form class="setup no-print" on:submit=|ev| ev.prevent_default()>
            <div class="field wide"><label for="quiz-title">"Quiz title"</label>
                <input id="quiz-title" type="text" prop:value=move || title.get() on:input=move |ev| title.set(event_target_value(&ev))/></div>
            <div class="field wide"><label for="trainer-name">"Your name (trainer)"</label>
                <input id="trainer-name" type="text" autocomplete="name" prop:value=move || trainer.get() on:input=move |ev| trainer.set(event_target_value(&ev))/></div>
            <div class="field wide"><label for="instructions">"Instructions for trainees (optional)"</label>
                <textarea id="instructions" rows="3" prop:value=move || instructions.get() on:input=move |ev| instructions.set(event_target_value(&ev))></textarea></div>
            <BankChoice banks=bank_list chosen=chosen_banks/>
            <fieldset><legend>"Topics"</legend><p class="hint">"Leave all unticked to include every topic."</p><TopicChoice topics=topics label=label chosen=tags/></fieldset>
            <QuestionChoice picking=picking count=count>
                <QuestionPicker banks=selected_banks tags=chosen_topics search=search picked=picked fixed_order=fixed_order label=label/>
            </QuestionChoice>
            <fieldset><legend>"Mode"</legend><RadioOptions value=mode name="trainer-mode" choices=vec![
                (Mode::Exam, "Exam: no feedback until the end"),
                (Mode::Practice, "Practice: feedback after each answer"),
            ]/></fieldset>
            <NumberField id="trainer-minutes" label="Time limit (minutes)" min="1" max="300" value=minutes hint="Leave empty for no limit."/>
            <Show when=move || minutes_to_secs(&minutes.get()).is_some()>
                <div class="field wide">
                    <label class="option">
                        <input type="checkbox" aria-describedby="allow-extra-hint" prop:checked=move || allow_extra_time.get() on:change=move |ev| allow_extra_time.set(event_target_checked(&ev))/>
                        <span>"Allow learners extra time (1.5×, 2× or no limit)"</span>
                    </label>
                    <p id="allow-extra-hint" class="hint">"Trainees who need it choose before they start; their result shows what they chose."</p>
                </div>
            </Show>
            <NumberField id="trainer-pass" label="Pass mark (%)" min="0" max="100" value=pass_mark/>
            <button type="button" class="secondary" aria-expanded=move || preview.get().to_string() on:click=move |_| preview.update(|p| *p = !*p)>
                {move || if preview.get() { "Hide preview" } else { "Preview as a trainee" }}
            </button>
        </form>
        {preview_view}
        <SharePanel quiz=quiz/>
    }
}
