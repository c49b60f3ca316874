use leptos::prelude::*;
use std::sync::Arc;

use crate::components::option_checkbox::OptionCheckbox;
use crate::domain::bank::Bank;
use crate::domain::quiz_form::pick_rows;

/// The list shows this many matches; searching narrows it.
const SHOWN: usize = 50;

/// Hand-picking questions for a shared quiz: a search box, the matching
/// questions as checkboxes (the first 50), and whether to keep the order.
#[component]
pub fn QuestionPicker(
    /// The banks ticked.
    #[prop(into)]
    banks: Signal<Vec<Arc<Bank>>>,
    /// The topics ticked (none = every topic).
    #[prop(into)]
    tags: Signal<Vec<String>>,
    /// The search text.
    search: RwSignal<String>,
    /// The questions picked, as `bank/id`, in the order picked.
    picked: RwSignal<Vec<String>>,
    /// Keep the picked order instead of shuffling.
    fixed_order: RwSignal<bool>,
    /// A topic's label for its id.
    label: Callback<String, String>,
) -> impl IntoView {
    let rows = Memo::new(move |_| banks.with(|bs| tags.with(|t| pick_rows(bs, t, &search.get()))));
    let status = move || {
        let n = rows.with(Vec::len);
        format!(
            "{} picked · {n} match{}{}",
            picked.with(Vec::len),
            if n == 1 { "" } else { "es" },
            if n > SHOWN {
                " (first 50 shown; search to narrow)"
            } else {
                ""
            }
        )
    };
    let list = move || {
        rows.get()
            .into_iter()
            .take(SHOWN)
            .map(|row| {
                let detail = format!("{} · {} · {}", row.id, label.run(row.topic), row.difficulty);
                view! {
                    <OptionCheckbox chosen=picked value=row.key class="option pick">
                        <span>{row.stem}<br/><span class="muted">{detail}</span></span>
                    </OptionCheckbox>
                }
            })
            .collect_view()
    };
    view! {
        <div class="field wide">
            <label for="pick-search">"Search questions"</label>
            <input id="pick-search" type="search" prop:value=move || search.get() on:input=move |ev| search.set(event_target_value(&ev))/>
            <p class="hint" role="status">{status}</p>
        </div>
        <ul class="options pick-list" aria-label="Questions to pick">{list}</ul>
        <label class="option">
            <input type="checkbox" prop:checked=move || fixed_order.get() on:change=move |ev| fixed_order.set(event_target_checked(&ev))/>
            <span>"Keep the questions in the order I picked them (otherwise shuffled)"</span>
        </label>
    }
}
