use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::format_date;
use crate::browser::set_title;
use crate::browser::{after_render, focus_first};
use crate::browser::{chosen_files, download, read_text};
use crate::browser::{now_ms, tz_offset_min};
use crate::components::bank_export::BankExport;
use crate::components::bank_import::BankImport;
use crate::components::confirm_dialog::ConfirmDialog;
use crate::domain::calendar::Day;
use crate::domain::custom::{CustomError, EXAMPLE_BANK};
use crate::domain::lint::lint;
use crate::state::{use_app, Load};

/// The outcome of adding one file.
#[derive(Clone)]
enum Added {
    Ok {
        message: String,
        title: String,
        /// The answer-cue lint's warnings (`domain::lint`): shown, never blocking.
        warnings: Vec<String>,
    },
    Refused {
        summary: String,
        problems: Vec<String>,
    },
}

/// Problems listed before "and N more".
const SHOWN_PROBLEMS: usize = 20;

/// "Your own questions": banks a trainer writes for their own site, checked
/// like the built-in banks, usable in every quiz and carried inside shared
/// quizzes.
#[component]
pub fn OwnBanksPage() -> impl IntoView {
    set_title("Your own questions");
    let app = use_app();
    let outcomes = RwSignal::new(Vec::<Added>::new());
    let on_files = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        outcomes.set(Vec::new());
        spawn_local(async move {
            for file in files {
                let name = file.name();
                let added = match read_text(&file).await {
                    Ok(text) => match app.add_custom_bank(&name, text) {
                        Ok((bank, replaced)) => Added::Ok {
                            message: format!(
                                "{} \"{}\" ({} question{}).",
                                if replaced { "Updated" } else { "Added" },
                                bank.title,
                                bank.questions.len(),
                                if bank.questions.len() == 1 { "" } else { "s" }
                            ),
                            title: bank.title.clone(),
                            warnings: lint(&bank, Day::local(now_ms(), tz_offset_min()))
                                .iter()
                                .map(ToString::to_string)
                                .collect(),
                        },
                        Err(e) => Added::Refused {
                            summary: format!("\"{name}\" was not added. {e}"),
                            problems: match e {
                                CustomError::Invalid(ps) => ps,
                                _ => Vec::new(),
                            },
                        },
                    },
                    Err(e) => Added::Refused {
                        summary: format!("\"{name}\" was not added. {e}"),
                        problems: Vec::new(),
                    },
                };
                outcomes.update(|o| o.push(added));
            }
        });
    };
    let download_example = move |_| {
        if let Err(e) = download("my-pharmacy.toml", "application/toml", EXAMPLE_BANK) {
            outcomes.set(vec![Added::Refused {
                summary: e,
                problems: Vec::new(),
            }]);
        }
    };
    let outcome_view = move || {
        outcomes
            .get()
            .into_iter()
            .map(|o| match o {
                Added::Ok {
                    message,
                    title,
                    warnings,
                } => view! {
                    <p class="success" role="status">{message}</p>
                    <Suggestions title warnings/>
                }
                .into_any(),
                Added::Refused { summary, problems } => {
                    let more = problems.len().saturating_sub(SHOWN_PROBLEMS);
                    let items = problems
                        .into_iter()
                        .take(SHOWN_PROBLEMS)
                        .map(|p| view! { <li>{p}</li> })
                        .collect_view();
                    view! {
                        <div class="error" role="alert">
                            <p>{summary}</p>
                            <ul>{items}</ul>
                            {(more > 0).then(|| view! { <p>{format!("…and {more} more. Fix these and add the file again.")}</p> })}
                        </div>
                    }
                    .into_any()
                }
            })
            .collect_view()
    };

    view! {
        <section class="page">
            <h1>"Your own questions"</h1>
            <p>
                "Add question banks about your own pharmacy: its procedures, products and forms. They are checked like the built-in banks, appear on the home page and in the quiz builder, and travel inside the quizzes you share, so trainees get exactly your questions. They are kept in this browser only."
            </p>
            <section class="card" aria-labelledby="add-heading">
                <h2 id="add-heading">"Add a bank"</h2>
                <p>
                    "A bank is a TOML text file in the same format as PharmQuiz's own banks: an id, a title, and questions with their answer, explanation, citation, difficulty and topics. Start from the example, which explains each field. Adding a bank with the same id again replaces it. PharmQuiz also points out wording that may let learners guess an answer; those notes never stop a bank being added."
                </p>
                <div class="actions">
                    <button type="button" class="secondary" on:click=download_example>"Download an example bank"</button>
                </div>
                <label for="bank-file">"Bank files (.toml)"</label>
                <input id="bank-file" type="file" multiple accept=".toml,text/plain,application/toml" on:change=on_files/>
                {outcome_view}
            </section>
            <BankImport/>
            <AddedBanks/>
            <BankExport/>
        </section>
    }
}

/// The answer-cue warnings for a bank just added: a list under the
/// message that it was added. They never stop a bank being added.
#[component]
fn Suggestions(title: String, warnings: Vec<String>) -> impl IntoView {
    let n = warnings.len();
    let more = n.saturating_sub(SHOWN_PROBLEMS);
    let items = warnings
        .into_iter()
        .take(SHOWN_PROBLEMS)
        .map(|w| view! { <li>{w}</li> })
        .collect_view();
    (n > 0).then(|| {
        view! {
            <section class="suggestions" aria-label=format!("Suggestions for \"{title}\"")>
                <p>{format!(
                    "The bank was added, and can be used as it is. PharmQuiz noticed {n} thing{} worth a look: wording that may let learners guess an answer without knowing it, or a dated fact to check again. To change something, fix the file and add it again: it replaces this copy.",
                    if n == 1 { "" } else { "s" }
                )}</p>
                <ul>{items}</ul>
                {(more > 0).then(|| view! { <p>{format!("…and {more} more.")}</p> })}
            </section>
        }
    })
}

/// The banks added so far, each with a way to remove it.
#[component]
fn AddedBanks() -> impl IntoView {
    let app = use_app();
    let rows = move || {
        // `custom_banks` is in the same order as the stored list.
        let added_at: Vec<f64> = app.custom.with(|c| c.iter().map(|b| b.added_at).collect());
        app.custom_banks
            .get()
            .into_iter()
            .zip(added_at)
            .map(|((entry, load), added_at)| {
                let when = format_date(added_at);
                let id = entry.id.clone();
                let confirming = RwSignal::new(false);
                let heading = format!("own-bank-{}", entry.id);
                let labelled = heading.clone();
                let title = entry.title.clone();
                let summary = match &load {
                    Load::Ready(b) => view! {
                        <p>{format!("{} question{} · version {} · id {} · added {when}", b.questions.len(), if b.questions.len() == 1 { "" } else { "s" }, b.version, b.id)}</p>
                    }
                    .into_any(),
                    Load::Failed(e) => view! { <p class="error" role="alert">{e.clone()}</p> }.into_any(),
                    Load::Loading => ().into_any(),
                };
                view! {
                    <li>
                        <article class="card" aria-labelledby=labelled>
                            <h3 id=heading>{entry.title.clone()}</h3>
                            {summary}
                            <button type="button" class="secondary" on:click=move |_| confirming.set(true)>"Remove"<span class="visually-hidden">{format!(" {title}")}</span></button>
                            <ConfirmDialog
                                open=confirming
                                id=format!("remove-{}", entry.id)
                                heading="Remove this bank?"
                                text="Results on it stay in your history, but its questions can't be shown there any more."
                                cancel="Keep it"
                            >
                                <button type="button" class="danger" on:click=move |_| {
                                    // The card goes, its dialog with it: carry on
                                    // from the list's heading.
                                    app.remove_custom_bank(&id);
                                    after_render(|| { focus_first("#added-heading"); });
                                }>"Remove bank"</button>
                            </ConfirmDialog>
                        </article>
                    </li>
                }
            })
            .collect_view()
    };
    let none = move || app.custom.with(|c| c.is_empty());
    view! {
        <section aria-labelledby="added-heading">
            <h2 id="added-heading">"Added banks"</h2>
            <Show when=move || !none() fallback=|| view! { <p>"You have not added any banks yet."</p> }>
                <ul class="bank-grid">{rows}</ul>
            </Show>
        </section>
    }
}
