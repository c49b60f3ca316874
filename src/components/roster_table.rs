use leptos::prelude::*;

use crate::browser::{format_date, now_ms};
use crate::domain::clock::time_taken;
use crate::domain::roster::SharedResult;
use crate::domain::roster_view::{
    result_text, score_text, staff_suffix, topic_score, Sort, SortBy,
};
use crate::state::{use_app, AppState};

/// One quiz's results, a row per trainee: name, date, duration, score,
/// result, a score per topic and a Remove button. The first five column
/// headers sort the roster.
#[component]
pub fn RosterTable(
    /// The quiz's title, for the table's caption.
    title: String,
    /// The results, already in the roster's order.
    results: Vec<SharedResult>,
    /// The topic columns.
    topics: Vec<String>,
    /// The roster's order, shared by every quiz's table.
    sort: RwSignal<Sort>,
) -> impl IntoView {
    let app = use_app();
    let topic_heads = topics
        .iter()
        .map(|t| view! { <th scope="col">{app.topic_label(t)}</th> })
        .collect_view();
    let rows = results
        .iter()
        .map(|r| result_row(app, r, &topics))
        .collect_view();
    view! {
        <table class="roster">
            <caption class="visually-hidden">{format!("Results for {title}")}</caption>
            <thead><tr>
                {sort_header("Name", SortBy::Name, sort)}{sort_header("Date", SortBy::Date, sort)}{sort_header("Duration", SortBy::Duration, sort)}
                {sort_header("Score", SortBy::Score, sort)}{sort_header("Result", SortBy::Result, sort)}{topic_heads}
                <th scope="col"><span class="visually-hidden">"Remove"</span></th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

/// A column header whose button sorts by `by` (again: the other way).
fn sort_header(name: &'static str, by: SortBy, sort: RwSignal<Sort>) -> impl IntoView {
    view! {
        <th scope="col" aria-sort=move || sort.get().aria(by)>
            <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = s.clicked(by))>{name}</button>
        </th>
    }
}

/// One trainee's row. Remove takes the result out of the roster here and
/// in other tabs.
fn result_row(app: AppState, r: &SharedResult, topics: &[String]) -> impl IntoView {
    let id = r.id();
    let who = r.trainee.clone();
    let cells = topics
        .iter()
        .map(|t| view! { <td>{topic_score(r, t)}</td> })
        .collect_view();
    view! {
        <tr>
            <th scope="row">{r.trainee.clone()}{staff_suffix(r)}</th>
            <td>{format_date(r.finished_at)}</td>
            <td>{time_taken(r.duration_secs as u64, r.extra_time, r.time_ran_out)}</td>
            <td>{score_text(r)}</td>
            <td>{result_text(r.passed)}</td>
            {cells}
            <td><button type="button" class="secondary" on:click=move |_| {
                app.progress.update(|p| p.remove_result(&id, now_ms()));
            }>"Remove"<span class="visually-hidden">{format!(" {who}")}</span></button></td>
        </tr>
    }
}
