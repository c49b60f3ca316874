use leptos::prelude::*;
use std::sync::Arc;

use crate::domain::bank::Bank;
use crate::domain::grade::Tally;
use crate::domain::roster_view::{missed_line, question_label};
use crate::state::Load;

/// The questions most trainees of a quiz missed, each named by its stem
/// once the banks have loaded (by its key until then).
#[component]
pub fn RosterMissed(
    /// Question key and tally, most missed first.
    missed: Vec<(String, Tally)>,
    /// Every bank, for the questions' stems.
    banks: Memo<Load<Vec<Arc<Bank>>>>,
) -> impl IntoView {
    let items = move || {
        let loaded = match banks.get() {
            Load::Ready(bs) => bs,
            _ => Vec::new(),
        };
        missed
            .iter()
            .map(|(q, t)| view! { <li>{missed_line(&question_label(q, &loaded), *t)}</li> })
            .collect_view()
    };
    view! { <ol class="missed">{items}</ol> }
}
