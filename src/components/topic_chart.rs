use leptos::prelude::*;

use crate::domain::dashboard::TopicProgress;

/// Mastery per topic as horizontal SVG bars, with a table alternative.
#[component]
pub fn TopicChart(
    /// Used for unique ids in the page.
    #[prop(into)]
    id: String,
    /// Topics with their labels, weakest first.
    topics: Vec<(String, TopicProgress)>,
) -> impl IntoView {
    let answered: Vec<&(String, TopicProgress)> =
        topics.iter().filter(|(_, t)| t.mastery.total > 0).collect();
    let row_h = 26.0;
    let (w, label_w) = (600.0, 300.0);
    let h = row_h * answered.len().max(1) as f64 + 8.0;
    let bar_w = w - label_w - 60.0;
    let bars = answered
        .iter()
        .enumerate()
        .map(|(i, (label, t))| {
            let y = 4.0 + i as f64 * row_h;
            let pct = t.mastery.percent();
            let short: String = if label.chars().count() > 40 { format!("{}…", label.chars().take(39).collect::<String>()) } else { label.clone() };
            view! {
                <text x=label_w - 8.0 y=y + 16.0 text-anchor="end" class="axis">{short}</text>
                <rect x=label_w y=y + 3.0 width=bar_w height=row_h - 8.0 class="track"/>
                <rect x=label_w y=y + 3.0 width=bar_w * pct as f64 / 100.0 height=row_h - 8.0 class="bar"/>
                <text x=label_w + bar_w + 6.0 y=y + 16.0 class="axis">{format!("{pct}%")}</text>
            }
        })
        .collect_view();
    let rows = topics
        .iter()
        .map(|(label, t)| {
            let m = t.mastery;
            view! {
                <tr>
                    <th scope="row">{label.clone()}</th>
                    <td>{if m.total == 0 { "Not answered yet".to_string() } else { format!("{} %", m.percent()) }}</td>
                    <td>{m.total.to_string()}</td>
                </tr>
            }
        })
        .collect_view();
    let title_id = format!("{id}-title");
    let labelled = title_id.clone();
    view! {
        <figure class="chart">
            {(!answered.is_empty()).then(|| view! {
                <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby=labelled.clone()>
                    <title id=title_id.clone()>"Mastery by topic, weakest first"</title>
                    {bars}
                </svg>
            })}
            <details>
                <summary>"Mastery by topic as a table"</summary>
                <table>
                    <thead><tr><th scope="col">"Topic"</th><th scope="col">"Mastery"</th><th scope="col">"Answers it rests on"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
