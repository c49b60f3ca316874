use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

use crate::browser::format_date;
use crate::browser::now_ms;
use crate::browser::set_title;
use crate::browser::{chosen_files, download, read_text, today_iso, use_fragment};
use crate::domain::clock::clock;
use crate::domain::roster::{by_quiz, question_stats, to_csv, to_xapi, SharedResult};
use crate::domain::share::{decode_result, read_result_file};
use crate::state::{use_all_banks, use_app, Load};

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
        let result = decode_result(&hash.get()).map(|r| {
            let who = format!(
                "{} — {} ({} of {}, {} %)",
                r.trainee,
                r.quiz.title,
                r.score.correct,
                r.score.total,
                r.score.percent()
            );
            let mut added = 0;
            app.progress
                .update(|p| added = p.add_results([r], now_ms()));
            if added == 1 {
                format!("Added to your roster: {who}.")
            } else {
                format!("Already in your roster: {who}.")
            }
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

#[derive(Clone, Copy, PartialEq, Eq)]
enum SortBy {
    Name,
    Date,
    Duration,
    Score,
    Result,
}

/// The trainer's roster: results grouped per quiz, sortable, with the
/// questions most trainees missed, and CSV / xAPI exports.
#[component]
pub fn RosterPage() -> impl IntoView {
    set_title("Roster");
    let app = use_app();
    let banks = use_all_banks();
    let status = RwSignal::new(None::<(bool, String)>);
    let link_text = RwSignal::new(String::new());
    let sort = RwSignal::new((SortBy::Date, false));

    let add_results = move |incoming: Vec<SharedResult>, problems: Vec<String>| {
        let mut added = 0;
        app.progress
            .update(|p| added = p.add_results(incoming, now_ms()));
        let mut msg = format!("{added} result{} added.", if added == 1 { "" } else { "s" });
        for p in &problems {
            msg.push(' ');
            msg.push_str(p);
        }
        status.set(Some((problems.is_empty(), msg)));
    };
    let on_files = move |ev: leptos::ev::Event| {
        let files = chosen_files(&ev);
        spawn_local(async move {
            let mut ok = Vec::new();
            let mut problems = Vec::new();
            for f in files {
                match read_text(&f)
                    .await
                    .and_then(|t| read_result_file(&t).map_err(|e| e.to_string()))
                {
                    Ok(r) => ok.push(r),
                    Err(e) => problems.push(format!("\"{}\" was not added: {e}", f.name())),
                }
            }
            add_results(ok, problems);
        });
    };
    let on_link = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = link_text.get_untracked();
        let payload = text
            .rsplit_once('#')
            .map_or(text.as_str(), |(_, p)| p)
            .to_string();
        match decode_result(&payload) {
            Ok(r) => {
                link_text.set(String::new());
                add_results(vec![r], vec![]);
            }
            Err(e) => status.set(Some((
                false,
                format!("That result link was not added. {e}"),
            ))),
        }
    };
    let label = move |t: &str| match app.manifest.get_untracked() {
        Load::Ready(m) => m.topic_label(t).to_string(),
        _ => t.to_string(),
    };
    let stem = move |key: &str| -> String {
        let (b, id) = key.split_once('/').unwrap_or(("", key));
        match banks.get() {
            Load::Ready(bs) => bs
                .iter()
                .find(|x| x.id == b)
                .and_then(|x| x.question(id))
                .map_or(key.to_string(), |q| format!("{id}: {}", q.stem)),
            _ => key.to_string(),
        }
    };

    let groups = move || {
        let roster = app.progress.with(|p| p.roster.clone());
        let grouped: BTreeMap<String, Vec<SharedResult>> = by_quiz(&roster)
            .into_iter()
            .map(|(k, v)| (k, v.into_iter().cloned().collect()))
            .collect();
        grouped
            .into_iter()
            .map(|(quiz_id, mut results)| {
                let (key, desc) = sort.get();
                crate::domain::sort::sort_by(&mut results, |a, b| {
                    let o = match key {
                        SortBy::Name => a.trainee.to_lowercase().cmp(&b.trainee.to_lowercase()),
                        SortBy::Date => a.finished_at.total_cmp(&b.finished_at),
                        SortBy::Duration => a.duration_secs.cmp(&b.duration_secs),
                        SortBy::Score => (a.score.correct * b.score.total.max(1)).cmp(&(b.score.correct * a.score.total.max(1))),
                        SortBy::Result => a.passed.cmp(&b.passed),
                    };
                    if desc { o.reverse() } else { o }
                });
                let title = results[0].quiz.title.clone();
                let trainer = results[0].quiz.trainer.clone();
                let mut topics: Vec<String> = results.iter().flat_map(|r| r.by_tag.keys().cloned()).collect();
                crate::domain::sort::sort(&mut topics);
                topics.dedup();
                let refs: Vec<&SharedResult> = results.iter().collect();
                let stats = question_stats(&refs);
                let csv = to_csv(&refs, &|t| label(t));
                let xapi = serde_json::to_string_pretty(&to_xapi(&refs)).unwrap_or_default();
                let slug: String = title.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect();
                let (csv_name, xapi_name) = (format!("{slug}-results-{}.csv", today_iso()), format!("{slug}-xapi-{}.json", today_iso()));
                let header = move |name: &'static str, k: SortBy| {
                    let aria = move || match sort.get() {
                        (s, d) if s == k => if d { "descending" } else { "ascending" },
                        _ => "none",
                    };
                    view! {
                        <th scope="col" aria-sort=aria>
                            <button type="button" class="sort" on:click=move |_| sort.update(|s| *s = if s.0 == k { (k, !s.1) } else { (k, false) })>{name}</button>
                        </th>
                    }
                };
                let topic_heads = topics.iter().map(|t| view! { <th scope="col">{label(t)}</th> }).collect_view();
                let rows = results
                    .iter()
                    .map(|r| {
                        let id = r.id();
                        let cells = topics
                            .iter()
                            .map(|t| view! { <td>{r.by_tag.get(t).map(|x| format!("{} %", x.percent())).unwrap_or_default()}</td> })
                            .collect_view();
                        let who = r.trainee.clone();
                        view! {
                            <tr>
                                <th scope="row">{r.trainee.clone()}{(!r.staff_id.is_empty()).then(|| format!(" ({})", r.staff_id))}</th>
                                <td>{format_date(r.finished_at)}</td>
                                <td>{clock(r.duration_secs as u64)}</td>
                                <td>{format!("{}/{} ({} %)", r.score.correct, r.score.total, r.score.percent())}</td>
                                <td>{if r.passed { "Passed" } else { "Not passed" }}</td>
                                {cells}
                                <td><button type="button" class="secondary" on:click=move |_| {
                                    app.progress.update(|p| p.remove_result(&id, now_ms()));
                                }>"Remove"<span class="visually-hidden">{format!(" {who}")}</span></button></td>
                            </tr>
                        }
                    })
                    .collect_view();
                let missed = stats
                    .iter()
                    .filter(|(_, t)| t.correct < t.total)
                    .take(10)
                    .map(|(q, t)| view! { <li>{format!("{} — {} of {} trainees right", stem(q), t.correct, t.total)}</li> })
                    .collect_view();
                let heading = format!("quiz-{quiz_id}");
                let labelled = heading.clone();
                view! {
                    <section class="card roster-quiz" aria-labelledby=labelled>
                        <h2 id=heading>{title.clone()}</h2>
                        <p class="muted">{format!("Trainer: {trainer} · {} result{}", results.len(), if results.len() == 1 { "" } else { "s" })}</p>
                        <div class="table-wrap">
                            <table class="roster">
                                <caption class="visually-hidden">{format!("Results for {title}")}</caption>
                                <thead><tr>
                                    {header("Name", SortBy::Name)}{header("Date", SortBy::Date)}{header("Duration", SortBy::Duration)}
                                    {header("Score", SortBy::Score)}{header("Result", SortBy::Result)}{topic_heads}
                                    <th scope="col"><span class="visually-hidden">"Remove"</span></th>
                                </tr></thead>
                                <tbody>{rows}</tbody>
                            </table>
                        </div>
                        <h3>"Questions most trainees missed"</h3>
                        <ol class="missed">{missed}</ol>
                        <div class="actions">
                            <button type="button" on:click=move |_| { if let Err(e) = download(&csv_name, "text/csv", &csv) { status.set(Some((false, e))); } }>
                                "Export CSV"<span class="visually-hidden">{format!(" for {title}")}</span></button>
                            <button type="button" class="secondary" on:click=move |_| { if let Err(e) = download(&xapi_name, "application/json", &xapi) { status.set(Some((false, e))); } }>
                                "Export xAPI statements"</button>
                        </div>
                    </section>
                }
            })
            .collect_view()
    };
    let empty = Memo::new(move |_| app.progress.with(|p| p.roster.is_empty()));

    view! {
        <section class="page">
            <h1>"Roster"</h1>
            <p>"Results your trainees send back. They are self-reported: each carries a checksum that catches accidental changes, but no server vouches for it. "
                <a href=app.href("/trainer")>"Build a quiz"</a></p>
            {move || status.get().map(|(ok, m)| view! { <p class=if ok { "success" } else { "error" } role=if ok { "status" } else { "alert" }>{m}</p> })}
            <section class="card" aria-labelledby="add-heading">
                <h2 id="add-heading">"Add results"</h2>
                <div class="field wide">
                    <label for="result-files">"Result files (.pharmquiz-result.json, several at once)"</label>
                    <input id="result-files" type="file" multiple accept=".json,application/json" on:change=on_files/>
                </div>
                <form class="inline-form" on:submit=on_link>
                    <label for="result-link-input">"Result link"</label>
                    <input id="result-link-input" type="text" prop:value=move || link_text.get() on:input=move |ev| link_text.set(event_target_value(&ev))/>
                    <button type="submit" class="secondary">"Add"</button>
                </form>
            </section>
            <Show when=move || !empty.get() fallback=|| view! { <p>"No results yet. Results appear here when you open a trainee's result link or add their result files."</p> }>
                {groups}
            </Show>
        </section>
    }
}
