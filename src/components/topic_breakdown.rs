use leptos::prelude::*;
use std::collections::BTreeMap;

use crate::domain::grade::Tally;
use crate::domain::manifest::Manifest;

/// A table of correct/total per topic, weakest first.
#[component]
pub fn TopicBreakdown(
    /// Tally per topic id.
    by_tag: BTreeMap<String, Tally>,
    /// For topic labels (ids are shown when it is missing).
    manifest: Option<std::sync::Arc<Manifest>>,
) -> impl IntoView {
    let mut rows: Vec<(String, Tally)> = by_tag.into_iter().collect();
    crate::domain::sort::sort_by_key(&mut rows, |(_, t)| (t.percent(), t.total));
    let rows = rows
        .into_iter()
        .map(|(id, t)| {
            let label = manifest
                .as_ref()
                .map(|m| m.topic_label(&id).to_string())
                .unwrap_or(id);
            view! {
                <tr>
                    <th scope="row">{label}</th>
                    <td>{format!("{} / {}", t.correct, t.total)}</td>
                    <td>{format!("{} %", t.percent())}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="breakdown">
            <caption>"Score by topic (weakest first)"</caption>
            <thead>
                <tr><th scope="col">"Topic"</th><th scope="col">"Correct"</th><th scope="col">"Score"</th></tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
