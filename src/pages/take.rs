use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_navigate;
use std::sync::Arc;

use crate::browser::set_title;
use crate::browser::{chosen_files, read_text, use_fragment};
use crate::components::extra_time_choice::ExtraTimeChoice;
use crate::components::quiz_intro::QuizIntro;
use crate::domain::bank::{Bank, Depth};
use crate::domain::clock::{time_limit_sentence, ExtraTime};
use crate::domain::custom::{declared_id, parse_custom};
use crate::domain::share::{decode_quiz, read_quiz_file, SharedQuiz};
use crate::shell;
use crate::state::{use_app, use_banks, Load};

/// A trainee opens a shared quiz (from a link's fragment or a file) and
/// sees its intro before starting.
#[component]
pub fn TakePage() -> impl IntoView {
    set_title("Shared quiz");
    let hash = use_fragment();
    let from_file = RwSignal::new(None::<Result<SharedQuiz, String>>);
    // A file, once opened, wins over the link.
    let quiz = Memo::new(move |_| {
        from_file.get().or_else(|| {
            let h = hash.get();
            (!h.is_empty()).then(|| decode_quiz(&h).map_err(|e| e.to_string()))
        })
    });
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let result = match read_text(&file).await {
                Ok(text) => read_quiz_file(&text)
                    .map_err(|e| format!("\"{}\" can't be opened. {e}", file.name())),
                Err(e) => Err(e),
            };
            from_file.set(Some(result));
        });
    };
    let on_file = Callback::new(on_file);
    view! {
        <section class="page">
            <h1>"Shared quiz"</h1>
            <p class="lede">{shell::TAKE_LEDE}</p>
            {move || match quiz.get() {
                None => view! {
                    <p>"Open the link your trainer sent you, or open the quiz file they gave you."</p>
                    <QuizFileField on_file=on_file/>
                }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p><QuizFileField on_file=on_file/> }.into_any(),
                Some(Ok(q)) => view! { <SharedStart quiz=q on_file=on_file/> }.into_any(),
            }}
        </section>
    }
}

/// Opens a quiz file instead of (or after) a link.
#[component]
fn QuizFileField(
    /// Called with the input's change event.
    on_file: Callback<leptos::ev::Event>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for="quiz-file">"Open a quiz file (.pharmquiz.json)"</label>
            <input id="quiz-file" type="file" accept=".json,application/json" on:change=move |ev| on_file.run(ev)/>
        </div>
    }
}

#[component]
fn SharedStart(
    quiz: SharedQuiz,
    /// Opens a quiz file instead: offered once the quiz has opened (or
    /// failed to), so nothing moves under the intro when it arrives.
    on_file: Callback<leptos::ev::Event>,
) -> impl IntoView {
    let app = use_app();
    // Banks the trainer added in their browser come inside the quiz; they
    // are checked like any added bank, and saved here when the quiz starts.
    let embedded = Memo::new({
        let texts = quiz.custom_banks.clone();
        move |_| match app.builtin.get() {
            Load::Ready(m) => Some(
                texts
                    .iter()
                    .map(|t| {
                        parse_custom("the quiz's own questions", t, &m, Depth::Quick).map(Arc::new)
                    })
                    .collect::<Result<Vec<_>, _>>()
                    .map_err(|e| {
                        format!("This quiz's own questions can't be used. {}", e.detail())
                    }),
            ),
            _ => None,
        }
    });
    let ids = quiz.banks();
    let banks = use_banks(move || {
        // Only fetch banks the catalogue has and the quiz does not carry;
        // unknown ones are reported in the intro.
        let carried: Vec<String> = match embedded.get() {
            Some(Ok(bs)) => bs.iter().map(|b| b.id.clone()).collect(),
            _ => Vec::new(),
        };
        match app.manifest.get() {
            Load::Ready(m) => ids
                .iter()
                .filter(|b| m.bank(b).is_some() && !carried.contains(b))
                .cloned()
                .collect(),
            _ => Vec::new(),
        }
    });
    let quiz = StoredValue::new(quiz);
    let loading =
        move || view! { <p class="loading" role="status">{shell::TAKE_LOADING}</p> }.into_any();
    move || {
        let state = match embedded.get() {
            None => None,
            Some(Err(e)) => Some(Err(e)),
            Some(Ok(carried)) => match banks.get() {
                Load::Loading => None,
                Load::Failed(e) => Some(Err(e)),
                Load::Ready(mut bs) => {
                    bs.extend(carried);
                    Some(Ok(bs))
                }
            },
        };
        match state {
            None => loading(),
            Some(Err(e)) => view! { <p class="error" role="alert">{e}</p><QuizFileField on_file=on_file/> }.into_any(),
            Some(Ok(bs)) => view! { <StartPanel quiz=quiz.get_value() banks=bs/><QuizFileField on_file=on_file/> }.into_any(),
        }
    }
}

#[component]
fn StartPanel(quiz: SharedQuiz, banks: Vec<Arc<Bank>>) -> impl IntoView {
    let app = use_app();
    let navigate = use_navigate();
    let refs: Vec<&Bank> = banks.iter().map(Arc::as_ref).collect();
    let opened = quiz.open(&refs);
    // Extra time, when the trainer allows it: the spec with the choice.
    let extra_time = RwSignal::new(ExtraTime::Standard);
    let offered = quiz.offers_extra_time();
    let base_limit = quiz.time_limit_secs;
    let (shared, spec) = (
        StoredValue::new(quiz.clone()),
        StoredValue::new(opened.spec.clone()),
    );
    let with_choice = move |e: ExtraTime| {
        shared.with_value(|q| spec.with_value(|s| q.with_extra_time(s.clone(), e)))
    };
    let time_line = base_limit
        .map(|_| move || time_limit_sentence(with_choice(extra_time.get()).effective_time_limit()));
    let error = RwSignal::new(None::<String>);
    let has_quiz = Memo::new(move |_| app.quiz.with(|q| q.is_some()));
    let titles: Vec<(String, String)> = banks
        .iter()
        .map(|b| (b.id.clone(), b.title.clone()))
        .collect();
    let bank_title = Callback::new(move |id: String| {
        titles
            .iter()
            .find(|(b, _)| *b == id)
            .map_or(id, |(_, t)| t.clone())
    });
    let can_start = opened.spec.count > 0;
    let carried = quiz.custom_banks.clone();
    // Added banks here with the same id as a carried one, but other questions.
    let replaced: Vec<String> = banks
        .iter()
        .filter(|b| {
            let text = app.custom_text(&b.id);
            text.is_some_and(|t| !carried.contains(&t))
                && carried
                    .iter()
                    .any(|c| declared_id(c).as_deref() == Some(b.id.as_str()))
        })
        .map(|b| b.title.clone())
        .collect();
    let start = move |_| {
        // Keep the quiz's own banks, so its review and history can show them.
        for text in &carried {
            if let Err(e) = app.add_custom_bank("the quiz's own questions", text.clone()) {
                error.set(Some(format!(
                    "This quiz's own questions can't be saved. {e}"
                )));
                return;
            }
        }
        match app.start_quiz(with_choice(extra_time.get_untracked()), &banks) {
            Ok(()) => navigate("/quiz/1", Default::default()),
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <QuizIntro quiz=quiz opened=opened bank_title=bank_title/>
        {offered.then(|| view! {
            <ExtraTimeChoice value=extra_time base_secs=Signal::derive(move || base_limit) hint="Your trainer allows extra time. If you need more time to read or answer, choose it before you start; your result shows your choice."/>
        })}
        {time_line.map(|line| view! { <p class="time-limit">{line}</p> })}
        {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        <Show when=move || has_quiz.get()>
            <p class="hint">"Starting this quiz replaces the quiz you have in progress."</p>
        </Show>
        {replaced.into_iter().map(|t| view! {
            <p class="hint">{format!("This quiz brings its own copy of the bank \"{t}\": starting it replaces the copy of that bank in this browser.")}</p>
        }).collect_view()}
        {if can_start {
            view! { <button type="button" on:click=start>"Start"</button> }.into_any()
        } else {
            view! { <p class="error" role="alert">"None of this quiz's questions are available here, so it can't be started."</p> }.into_any()
        }}
    }
}
