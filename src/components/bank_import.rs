use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{after_render, announce, focus_first};
use crate::browser::{chosen_files, download, dropped_files, read_text};
use crate::components::import_report::ImportReport;
use crate::domain::import::{import, Imported, CSV_TEMPLATE};
use crate::state::{use_app, Load};

/// Where an import stands.
#[derive(Clone)]
enum Step {
    Idle,
    /// Read and reported; nothing stored yet.
    Report(Imported),
    Failed(String),
    Added(String),
}

/// "Import questions": a file in PharmQuiz TOML, Moodle GIFT, Aiken or
/// CSV, chosen with the file picker (the keyboard path) or dropped on the
/// drop zone. The file is read into a report; the trainer adds the valid
/// part or cancels. Adding goes through `AppState::add_custom_bank`, so an
/// imported bank is checked and stored exactly like a TOML bank.
#[component]
pub fn BankImport() -> impl IntoView {
    let app = use_app();
    let step = RwSignal::new(Step::Idle);
    let read_file = move |file: web_sys::File| {
        spawn_local(async move {
            let name = file.name();
            let next = match read_text(&file).await {
                Err(e) => Step::Failed(e),
                Ok(text) => match app.builtin.get_untracked() {
                    Load::Ready(m) => match import(&name, &text, &m) {
                        Ok(imported) => Step::Report(imported),
                        Err(e) => Step::Failed(format!("\"{name}\" can't be imported. {e}")),
                    },
                    _ => Step::Failed(
                        "The topic list has not loaded yet. Try again in a moment.".into(),
                    ),
                },
            };
            let report = matches!(next, Step::Report(_));
            step.set(next);
            after_render(move || {
                if report {
                    focus_first("#import-report-heading");
                } else {
                    focus_first("#import-outcome");
                }
            });
        });
    };
    let on_pick = move |ev: leptos::ev::Event| {
        if let Some(file) = chosen_files(&ev).into_iter().next() {
            read_file(file);
        }
    };
    let on_add = Callback::new(move |()| {
        let Step::Report(imported) = step.get_untracked() else {
            return;
        };
        let next = match app.add_custom_bank(&imported.file, imported.toml.clone()) {
            Ok((bank, replaced)) => {
                let n = bank.questions.len();
                Step::Added(format!(
                    "{} \"{}\" ({n} question{}). It is on the home page and in the quiz builder.",
                    if replaced { "Updated" } else { "Added" },
                    bank.title,
                    if n == 1 { "" } else { "s" }
                ))
            }
            Err(e) => Step::Failed(format!("The questions were not added. {}", e.detail())),
        };
        step.set(next);
        after_render(|| {
            focus_first("#import-outcome");
        });
    });
    let on_cancel = Callback::new(move |()| {
        step.set(Step::Idle);
        announce("Import cancelled. Nothing was added.");
        after_render(|| {
            focus_first("#import-file");
        });
    });
    let download_template = move |_| {
        if let Err(e) = download("pharmquiz-questions.csv", "text/csv", CSV_TEMPLATE) {
            step.set(Step::Failed(e));
        }
    };
    let replaces = move |id: &str| {
        app.custom_banks
            .with(|cs| cs.iter().any(|(e, _)| e.id == id))
    };
    let shown = move || match step.get() {
        Step::Idle => ().into_any(),
        Step::Report(imported) => {
            let replaces = imported.bank.as_ref().is_some_and(|b| replaces(&b.id));
            view! { <ImportReport imported replaces on_add on_cancel/> }.into_any()
        }
        Step::Failed(m) => {
            view! { <p id="import-outcome" class="error" role="alert" tabindex="-1">{m}</p> }
                .into_any()
        }
        Step::Added(m) => {
            view! { <p id="import-outcome" class="success" role="status" tabindex="-1">{m}</p> }
                .into_any()
        }
    };
    view! {
        <section class="card" aria-labelledby="import-heading">
            <h2 id="import-heading">"Import questions"</h2>
            <p>
                "Bring questions from Moodle or a spreadsheet: a Moodle GIFT file (.gift, or .txt in GIFT syntax), an Aiken file (.txt or .aiken), a CSV file with one question per row, or a PharmQuiz TOML bank. PharmQuiz says which format it found and shows a report before anything is added: what it read, each problem with its line, and a preview of every question. You then add the questions that passed, or cancel."
            </p>
            <div class="actions">
                <button type="button" class="secondary" on:click=download_template>"Download the CSV template"</button>
            </div>
            <label for="import-file">"File to import (.gift, .txt, .aiken, .csv or .toml)"</label>
            <input id="import-file" type="file" accept=".gift,.txt,.aiken,.csv,.toml,text/plain,text/csv" on:change=on_pick/>
            <DropZone on_file=Callback::new(read_file)/>
            {shown}
        </section>
    }
}

/// A zone a file can be dropped on (the file picker beside it is the
/// keyboard path).
#[component]
fn DropZone(on_file: Callback<web_sys::File>) -> impl IntoView {
    let hover = RwSignal::new(false);
    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        hover.set(false);
        if let Some(file) = dropped_files(&ev).into_iter().next() {
            on_file.run(file);
        }
    };
    view! {
        <div
            class="drop-zone"
            class:hover=move || hover.get()
            on:dragover=move |ev: leptos::ev::DragEvent| {
                ev.prevent_default();
                hover.set(true);
            }
            on:dragleave=move |_| hover.set(false)
            on:drop=on_drop
        >
            "…or drop a file here."
        </div>
    }
}
