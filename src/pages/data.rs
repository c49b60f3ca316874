use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::now_ms;
use crate::browser::set_title;
use crate::browser::{chosen_files, download, read_text, today_iso};
use crate::components::confirm_dialog::ConfirmDialog;
use crate::domain::schema::merge::restore;
use crate::domain::schema::Progress;
use crate::domain::{backup, custom};
use crate::state::use_app;

/// Backup, restore and clear: the learner's data stays theirs.
#[component]
pub fn DataPage() -> impl IntoView {
    set_title("Backup and restore");
    let app = use_app();
    let status = RwSignal::new(None::<(bool, String)>);
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
            Ok(()) => status.set(Some((
                true,
                "Backup downloaded. Keep the file somewhere safe.".into(),
            ))),
            Err(e) => status.set(Some((false, e))),
        }
    };
    let on_import = move |ev: leptos::ev::Event| {
        let Some(file) = chosen_files(&ev).into_iter().next() else {
            return;
        };
        spawn_local(async move {
            let name = file.name();
            let result = match read_text(&file).await {
                Ok(text) => backup::import(&text).map_err(|e| e.to_string()),
                Err(e) => Err(e),
            };
            match result {
                Ok(incoming) => {
                    let before = app.progress.with_untracked(|p| p.summaries().len());
                    app.progress
                        .update(|p| *p = restore(p, &incoming.progress, now_ms()));
                    let added = app.progress.with_untracked(|p| p.summaries().len()) - before;
                    let mut banks = 0;
                    if !incoming.banks.is_empty() {
                        app.custom
                            .update(|c| banks = custom::restore(c, incoming.banks));
                    }
                    let banks = match banks {
                        0 => String::new(),
                        1 => " and 1 question bank of your own".into(),
                        n => format!(" and {n} question banks of your own"),
                    };
                    status.set(Some((
                        true,
                        format!(
                            "Imported \"{name}\": {added} new quiz result{}{banks} added; nothing already here was changed or lost.",
                            if added == 1 { "" } else { "s" }
                        ),
                    )));
                }
                Err(e) => status.set(Some((false, format!("\"{name}\" was not imported. {e}")))),
            }
        });
    };
    let clear = move |_| {
        confirming.set(false);
        app.progress.set(Progress::cleared(now_ms()));
        app.quiz.set(None);
        app.custom.set(Vec::new());
        status.set(Some((
            true,
            "All PharmQuiz data in this browser has been deleted.".into(),
        )));
    };

    view! {
        <section class="page">
            <h1>"Backup and restore"</h1>
            <p>"Your results, review schedule, flags, settings, roster and the question banks you added live only in this browser. Export them to keep a copy or to move to another browser or device."</p>
            {move || status.get().map(|(ok, msg)| view! {
                <p class=if ok { "success" } else { "error" } role=if ok { "status" } else { "alert" }>{msg}</p>
            })}
            <section class="card" aria-labelledby="export-heading">
                <h2 id="export-heading">"Export"</h2>
                <p>"Downloads a JSON file with a checksum, so a damaged file is detected on import."</p>
                <button type="button" on:click=move |_| export()>"Export my progress"</button>
            </section>
            <section class="card" aria-labelledby="import-heading">
                <h2 id="import-heading">"Import"</h2>
                <p>"Adds the results in a backup to what is already here. Nothing is replaced, and importing the same file twice changes nothing."</p>
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
