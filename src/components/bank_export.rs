use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::download;
use crate::domain::bank::Bank;
use crate::domain::export::{bank_gift, bank_toml, calculated_count};
use crate::state::{use_all_banks, use_app, Load};

/// "Export a bank": every bank, built-in or added, as a Moodle GIFT file or
/// a PharmQuiz TOML file. Calculated questions go to GIFT as numeric
/// questions with one drawn set of values; the file and the page say so.
#[component]
pub fn BankExport() -> impl IntoView {
    let app = use_app();
    let banks = use_all_banks();
    let outcome = RwSignal::new(None::<Result<String, String>>);
    let export = move |bank: Arc<Bank>, gift: bool| {
        let builtin = match app.builtin.get_untracked() {
            Load::Ready(m) => m.bank(&bank.id).is_some(),
            _ => true,
        };
        let (name, text) = if gift {
            (format!("{}.gift", bank.id), bank_gift(&bank))
        } else {
            // An added bank's own text, comments and all; a built-in one
            // written out from the bank.
            let text = (!builtin)
                .then(|| app.custom_text(&bank.id))
                .flatten()
                .unwrap_or_else(|| bank_toml(&bank));
            (format!("{}.toml", bank.id), text)
        };
        let calculated = calculated_count(&bank);
        let note = if gift && calculated > 0 {
            format!(" Its {calculated} calculated question{} became numeric questions with one drawn set of values each (the file says so too); the TOML export keeps the templates.", if calculated == 1 { "" } else { "s" })
        } else {
            String::new()
        };
        outcome.set(Some(
            download(&name, "text/plain", &text).map(|()| format!("Saved {name}.{note}")),
        ));
    };
    let rows = move || {
        match banks.get() {
        Load::Ready(list) => list
            .into_iter()
            .map(|bank| {
                let title = bank.title.clone();
                let hidden = format!(" for {title}");
                let (b1, b2) = (bank.clone(), bank);
                view! {
                    <li>
                        <span class="export-title">{title}</span>
                        <button type="button" class="secondary" on:click=move |_| export(b1.clone(), true)>
                            "Export to GIFT"<span class="visually-hidden">{hidden.clone()}</span>
                        </button>
                        <button type="button" class="secondary" on:click=move |_| export(b2.clone(), false)>
                            "Export to TOML"<span class="visually-hidden">{hidden}</span>
                        </button>
                    </li>
                }
            })
            .collect_view()
            .into_any(),
        Load::Loading => view! { <li>"Loading the banks…"</li> }.into_any(),
        Load::Failed(e) => view! { <li class="error">{e}</li> }.into_any(),
    }
    };
    let shown = move || {
        outcome.get().map(|o| match o {
            Ok(m) => view! { <p class="success" role="status">{m}</p> }.into_any(),
            Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        })
    };
    view! {
        <section class="card" aria-labelledby="export-heading">
            <h2 id="export-heading">"Export a bank"</h2>
            <p>
                "Save any bank, built-in or added, as a Moodle GIFT file (to import into a Moodle quiz) or as a PharmQuiz TOML file (to edit and add again). In the GIFT file each question is titled with its id, and its topics, difficulty and citation are kept in comment lines that Moodle ignores, so importing the file here gives the same questions. Calculated questions have no GIFT form: they are exported as numeric questions with one drawn set of values."
            </p>
            <ul class="export-list">{rows}</ul>
            {shown}
        </section>
    }
}
