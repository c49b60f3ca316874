use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::{chosen_files, now_ms, read_text};
use crate::domain::roster::SharedResult;
use crate::domain::roster_view::{added_message, file_problem, link_payload};
use crate::domain::share::{decode_result, read_result_file};
use crate::state::use_app;

/// The roster's "Add results" card: trainees' result files (several at
/// once) or a pasted result link. Says on `status` how many results were
/// added and why any were not.
#[component]
pub fn ResultsImport(
    /// The page's message line: (all went well, text).
    status: RwSignal<Option<(bool, String)>>,
) -> impl IntoView {
    let app = use_app();
    let link_text = RwSignal::new(String::new());

    let add_results = move |incoming: Vec<SharedResult>, problems: Vec<String>| {
        let mut added = 0;
        app.progress
            .update(|p| added = p.add_results(incoming, now_ms()));
        status.set(Some(added_message(added, &problems)));
    };
    let on_files = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        spawn_local(async move {
            let mut ok = Vec::new();
            let mut problems = Vec::new();
            for f in files {
                match read_text(&f)
                    .await
                    .and_then(|t| read_result_file(&t, now_ms()).map_err(|e| e.to_string()))
                {
                    Ok(r) => ok.push(r),
                    Err(e) => problems.push(file_problem(&f.name(), &e)),
                }
            }
            add_results(ok, problems);
        });
    };
    let on_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = link_text.get_untracked();
        match decode_result(link_payload(&text), now_ms()) {
            Ok(r) => {
                link_text.set(String::new());
                add_results(vec![r], vec![]);
            }
            Err(e) => status.set(Some((
                false,
                format!("That result link was not added. {e}"),
            ))),
        }
    };

    view! {
        <section class="card" aria-labelledby="add-heading">
            <h2 id="add-heading">"Add results"</h2>
            <div class="field wide">
                <label for="result-files">"Result files (.pharmquiz-result.json, several at once)"</label>
                <input id="result-files" type="file" multiple accept=".json,application/json" on:change=on_files/>
            </div>
            <form class="inline-form" on:submit=on_link>
                <label for="result-link-input">"Result link"</label>
                <input id="result-link-input" type="text" prop:value=move || link_text.get() on:input=move |ev| link_text.set(event_target_value(&ev))/>
                <button type="submit" class="secondary">"Add"</button>
            </form>
        </section>
    }
}
