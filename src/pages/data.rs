use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::now_ms;
use crate::browser::set_title;
use crate::browser::{chosen_files, download, read_text, today_iso};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::domain::backup;
use crate::state::use_app;

/// Backup, restore and clear: the learner's data stays theirs.
#[component]
pub fn DataPage() -> impl IntoView {
    set_title("Backup and restore");
    let app = use_app();
    // Messages, each (all went well, text).
    let status = RwSignal::new(Vec::<(bool, String)>::new());
    let confirming = RwSignal::new(false);

    let export = move || {
        let text = app.progress.with_untracked(|p| {
            app.custom
                .with_untracked(|banks| backup::export(p, banks, now_ms()))
        });
        match download(
            &format!("pharmquiz-backup-{}.json", today_iso()),
            "application/json",
            &text,
        ) {
            Ok(()) => status.set(vec![(
                true,
                "Backup downloaded. Keep the file somewhere safe.".into(),
            )]),
            Err(e) => status.set(vec![(false, e)]),
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            let not_imported =
                |e: String| vec![(false, format!("\"{name}\" was not imported. {e}"))];
            // Refuse an oversized file before reading it into memory.
            let read = match backup::check_size(file.size() as u64) {
                Ok(()) => read_text(&file).await,
                Err(e) => Err(e.to_string()),
            };
            let messages = match read
                .and_then(|text| backup::import(&text, now_ms()).map_err(|e| e.to_string()))
            {
                Err(e) => not_imported(e),
                Ok(incoming) => match app.import_backup(incoming) {
                    Ok((results, banks)) => backup::imported_message(&name, results, &banks),
                    Err(why) => vec![(false, backup::not_kept_message(&name, &why))],
                },
            };
            status.set(messages);
        });
    };
    let clear = move |_| {
        confirming.set(false);
        app.clear_all();
        status.set(vec![(
            true,
            "All PharmQuiz data in this browser has been deleted.".into(),
        )]);
    };

    view! {
        <section class="page">
            <h1>"Backup and restore"</h1>
            <p>"Your results, review schedule, flags, settings, roster and the question banks you added live only in this browser. Export them to keep a copy or to move to another browser or device."</p>
            {move || status.get().into_iter().map(|(ok, msg)| view! {
                <p class=if ok { "success" } else { "error" } role=if ok { "status" } else { "alert" }>{msg}</p>
            }).collect_view()}
            <section class="card" aria-labelledby="export-heading">
                <h2 id="export-heading">"Export"</h2>
                <p>"Downloads a JSON file with a checksum, so a damaged file is detected on import."</p>
                <button type="button" on:click=move |_| export()>"Export my progress"</button>
            </section>
            <section class="card" aria-labelledby="import-heading">
                <h2 id="import-heading">"Import"</h2>
                <p>"Adds the results in a backup to what is already here. Nothing is replaced, and importing the same file twice changes nothing. A backup can be at most 5 MB."</p>
                <label for="import-file">"Backup file (.json)"</label>
                <input id="import-file" type="file" accept=".json,application/json" on:change=on_import/>
            </section>
            <section class="card danger-zone" aria-labelledby="clear-heading">
                <h2 id="clear-heading">"Clear all data"</h2>
                <p>"Deletes every result, the review schedule, flags, settings, the roster, the question banks you added and any quiz in progress from this browser. Other open PharmQuiz tabs drop the same data."</p>
                <button type="button" class="danger" on:click=move |_| confirming.set(true)>"Clear all data…"</button>
                <ConfirmDialog
                    open=confirming
                    id="clear-confirm"
                    heading="Delete everything?"
                    text="This cannot be undone. Export a backup first if you may want your results later."
                    cancel="Cancel"
                >
                    <button type="button" on:click=move |_| export()>"Export a backup first"</button>
                    <button type="button" class="danger" on:click=clear>"Delete everything"</button>
                </ConfirmDialog>
            </section>
        </section>
    }
}
