use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::{download, today_iso};
use crate::components::roster_missed::RosterMissed;
use crate::components::roster_table::RosterTable;
use crate::domain::bank::Bank;
use crate::domain::roster::{to_csv, to_xapi};
use crate::domain::roster_view::{QuizGroup, Sort};
use crate::state::{use_app, Load};

/// One quiz on the roster: its results table, the questions most trainees
/// missed, and its CSV and xAPI exports.
#[component]
pub fn RosterQuiz(
    /// The quiz's results, in the roster's order.
    group: QuizGroup,
    /// The roster's order, shared by every quiz's table.
    sort: RwSignal<Sort>,
    /// The page's message line, for a download that fails.
    status: RwSignal<Option<(bool, String)>>,
    /// Every bank, for the missed questions' stems.
    banks: Memo<Load<Vec<Arc<Bank>>>>,
) -> impl IntoView {
    let app = use_app();
    let refs = group.refs();
    let csv = to_csv(&refs, &|t| app.topic_label(t));
    let xapi = serde_json::to_string_pretty(&to_xapi(&refs)).unwrap_or_default();
    let (csv_name, xapi_name) = group.export_names(&today_iso());
    let save = move |name: &str, mime: &str, text: &str| {
        if let Err(e) = download(name, mime, text) {
            status.set(Some((false, e)));
        }
    };
    let summary = group.summary();
    let missed = group.most_missed();
    let QuizGroup {
        quiz_id,
        title,
        results,
        topics,
        ..
    } = group;
    let heading = format!("quiz-{quiz_id}");
    let labelled = heading.clone();
    view! {
        <section class="card roster-quiz" aria-labelledby=labelled>
            <h2 id=heading>{title.clone()}</h2>
            <p class="muted">{summary}</p>
            <div class="table-wrap">
                <RosterTable title=title.clone() results topics sort/>
            </div>
            <h3>"Questions most trainees missed"</h3>
            <RosterMissed missed banks/>
            <div class="actions">
                <button type="button" on:click=move |_| save(&csv_name, "text/csv", &csv)>
                    "Export CSV"<span class="visually-hidden">{format!(" for {title}")}</span></button>
                <button type="button" class="secondary" on:click=move |_| save(&xapi_name, "application/json", &xapi)>
                    "Export xAPI statements"</button>
            </div>
        </section>
    }
}
