//! The trainer's side of shared results: the link that adds one (`/result`)
//! and the roster of all of them (`/roster`).

use leptos::prelude::*;

use crate::browser::{now_ms, set_title, use_fragment};
use crate::components::results_import::ResultsImport;
use crate::components::roster_quiz::RosterQuiz;
use crate::domain::roster_view::{quiz_groups, received_message, Sort};
use crate::domain::share::decode_result;
use crate::state::{use_all_banks, use_app};

/// Opening a result link: the result joins the roster.
#[component]
pub fn ReceiveResult() -> impl IntoView {
    set_title("Result received");
    let app = use_app();
    let hash = use_fragment();
    // Opening the link is the action that adds the result, so it runs as an
    // effect (once per link); adding the same result again changes nothing.
    let outcome = RwSignal::new(None::<Result<String, String>>);
    Effect::new(move |_| {
        let result = decode_result(&hash.get(), now_ms()).map(|r| {
            let mut added = 0;
            app.progress
                .update(|p| added = p.add_results([r.clone()], now_ms()));
            received_message(&r, added == 1)
        });
        outcome.set(Some(
            result.map_err(|e| format!("This result link can't be opened. {e}")),
        ));
    });
    view! {
        <section class="page">
            <h1>"Result received"</h1>
            {move || outcome.get().map(|o| match o {
                Ok(m) => view! { <p class="success" role="status">{m}</p> }.into_any(),
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
            })}
            <p><a href=app.href("/roster")>"Open the roster"</a></p>
        </section>
    }
}

/// The trainer's roster: results grouped per quiz, sortable, with the
/// questions most trainees missed, and CSV / xAPI exports.
#[component]
pub fn RosterPage() -> impl IntoView {
    set_title("Roster");
    let app = use_app();
    // Also starts loading every bank, for the missed questions' stems.
    let banks = use_all_banks();
    let status = RwSignal::new(None::<(bool, String)>);
    let sort = RwSignal::new(Sort::default());
    let groups = move || {
        let order = sort.get();
        app.progress
            .with(|p| quiz_groups(&p.roster, order))
            .into_iter()
            .map(|group| view! { <RosterQuiz group sort status banks/> })
            .collect_view()
    };
    let empty = Memo::new(move |_| app.progress.with(|p| p.roster.is_empty()));

    view! {
        <section class="page">
            <h1>"Roster"</h1>
            <p>"Results your trainees send back. They are self-reported: each carries a checksum that catches accidental changes, but no server vouches for it. "
                <a href=app.href("/trainer")>"Build a quiz"</a></p>
            {move || status.get().map(|(ok, m)| view! { <p class=if ok { "success" } else { "error" } role=if ok { "status" } else { "alert" }>{m}</p> })}
            <ResultsImport status/>
            <Show when=move || !empty.get() fallback=|| view! { <p>"No results yet. Results appear here when you open a trainee's result link or add their result files."</p> }>
                {groups}
            </Show>
        </section>
    }
}
