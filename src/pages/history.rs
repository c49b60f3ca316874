use leptos::prelude::*;

use crate::browser::{format_date, set_title};
use crate::domain::clock::time_taken;
use crate::state::{use_app, Load};

/// Every finished attempt, newest first, each linking to its review.
#[component]
pub fn History() -> impl IntoView {
    set_title("History");
    let app = use_app();
    let bank_title = move |id: &str| match app.manifest.get() {
        Load::Ready(m) => m
            .bank(id)
            .map_or_else(|| id.to_string(), |b| b.title.clone()),
        _ => id.to_string(),
    };
    let rows = move || {
        app.progress.with(|p| {
            p.summaries()
                .into_iter()
                .rev()
                .map(|a| {
                    let banks = match a.banks {
                        Some(b) => b.iter().map(|b| bank_title(b)).collect::<Vec<_>>().join(", "),
                        None => a.by_bank.keys().map(|b| bank_title(b)).collect::<Vec<_>>().join(", "),
                    };
                    let when = format_date(a.finished_at);
                    let link = if a.detailed {
                        let href = app.href(&format!("/results/{}", a.id));
                        view! { <a href=href>"Review"<span class="visually-hidden">{format!(" the quiz of {when}")}</span></a> }.into_any()
                    } else {
                        // Older than the newest 1,000 quizzes: kept as a summary.
                        view! { <span class="muted">"Summary only"</span> }.into_any()
                    };
                    view! {
                        <tr>
                            <td>{when.clone()}</td>
                            <td>{banks}</td>
                            <td>{a.mode.label()}</td>
                            <td>{format!("{}/{} ({} %)", a.score.correct, a.score.total, a.score.percent())}</td>
                            <td>{if a.passed { "Passed" } else { "Not passed" }}</td>
                            <td>{time_taken(a.duration_secs as u64, a.extra_time, a.time_ran_out)}</td>
                            <td>{link}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let empty = Memo::new(move |_| {
        app.progress
            .with(|p| p.attempts.is_empty() && p.archive.is_empty())
    });
    view! {
        <section class="page">
            <h1>"History"</h1>
            <Show
                when=move || !empty.get()
                fallback=move || view! {
                    <p>"No finished quizzes yet. " <a href=app.href("/setup")>"Start a quiz"</a> " and your results will appear here."</p>
                }
            >
                <div class="table-wrap">
                    <table class="history">
                        <caption class="visually-hidden">"Finished quizzes, newest first"</caption>
                        <thead>
                            <tr>
                                <th scope="col">"Finished"</th>
                                <th scope="col">"Banks"</th>
                                <th scope="col">"Mode"</th>
                                <th scope="col">"Score"</th>
                                <th scope="col">"Result"</th>
                                <th scope="col">"Time"</th>
                                <th scope="col"><span class="visually-hidden">"Review"</span></th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </Show>
        </section>
    }
}
