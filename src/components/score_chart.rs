use leptos::prelude::*;

use crate::browser::format_date;

/// Scores over time as an SVG line chart, with the same data as a table for
/// screen readers and anyone who prefers numbers.
#[component]
pub fn ScoreChart(
    /// (finished at ms, percent), oldest first.
    scores: Vec<(f64, u32)>,
) -> impl IntoView {
    // The last 30 attempts keep the chart readable on a phone.
    let shown: Vec<(f64, u32)> = scores.iter().rev().take(30).rev().copied().collect();
    let (w, h, left, top, bottom) = (600.0, 220.0, 44.0, 12.0, 28.0);
    let plot_w = w - left - 12.0;
    let plot_h = h - top - bottom;
    let n = shown.len();
    let x = move |i: usize| {
        if n <= 1 {
            left + plot_w / 2.0
        } else {
            left + plot_w * i as f64 / (n - 1) as f64
        }
    };
    let y = move |p: u32| top + plot_h * (1.0 - p as f64 / 100.0);
    let points = shown
        .iter()
        .enumerate()
        .map(|(i, (_, p))| format!("{:.1},{:.1}", x(i), y(*p)))
        .collect::<Vec<_>>()
        .join(" ");
    let grid = [0u32, 50, 100]
        .into_iter()
        .map(|p| {
            view! {
                <line x1=left x2=w - 12.0 y1=y(p) y2=y(p) class="grid"/>
                <text x=left - 6.0 y=y(p) + 4.0 text-anchor="end" class="axis">{format!("{p}%")}</text>
            }
        })
        .collect_view();
    let dots = shown
        .iter()
        .enumerate()
        .map(|(i, (_, p))| view! { <circle cx=x(i) cy=y(*p) r="4" class="dot"/> })
        .collect_view();
    let rows = shown
        .iter()
        .rev()
        .map(|(t, p)| view! { <tr><td>{format_date(*t)}</td><td>{format!("{p} %")}</td></tr> })
        .collect_view();
    let summary = match (shown.first(), shown.last()) {
        (Some(f), Some(l)) if n > 1 => format!("{n} quizzes, from {} % to {} %.", f.1, l.1),
        (Some(l), _) => format!("One quiz: {} %.", l.1),
        _ => String::new(),
    };
    view! {
        <figure class="chart">
            <svg viewBox=format!("0 0 {w} {h}") role="img" aria-labelledby="score-chart-title score-chart-desc">
                <title id="score-chart-title">"Scores over time"</title>
                <desc id="score-chart-desc">{summary.clone()}</desc>
                {grid}
                <polyline points=points class="line" fill="none"/>
                {dots}
                <text x=left y=h - 6.0 class="axis">"oldest"</text>
                <text x=w - 12.0 y=h - 6.0 text-anchor="end" class="axis">"newest"</text>
            </svg>
            <figcaption>{summary}</figcaption>
            <details>
                <summary>"Scores as a table"</summary>
                <table>
                    <caption class="visually-hidden">"Scores over time, newest first"</caption>
                    <thead><tr><th scope="col">"Finished"</th><th scope="col">"Score"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </details>
        </figure>
    }
}
