use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser::format_date;
use crate::browser::{copy_text, download, origin, print};
use crate::domain::clock::time_taken;
use crate::domain::grade::describe;
use crate::domain::quiz::SharedMeta;
use crate::domain::roster::SharedResult;
use crate::domain::schema::stored::Attempt;
use crate::domain::share::{encode_result, result_file};
use crate::state::{use_app, Load};

/// After a shared quiz: the trainee adds their name, then gets a result link,
/// a result file and a printable certificate to send back.
#[component]
pub fn SendResult(
    /// The finished attempt.
    attempt: Attempt,
    /// The shared quiz it answered.
    meta: SharedMeta,
    /// The questions as asked, for the certificate's answer list.
    questions: Signal<Vec<Option<crate::domain::bank::Question>>>,
) -> impl IntoView {
    let app = use_app();
    let name = RwSignal::new(String::new());
    let staff = RwSignal::new(String::new());
    let result = RwSignal::new(None::<SharedResult>);
    let error = RwSignal::new(None::<String>);
    let status = RwSignal::new(None::<String>);
    let attempt = StoredValue::new(attempt);
    let meta = StoredValue::new(meta);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if name.get_untracked().trim().is_empty() {
            error.set(Some(
                "Enter your name so your trainer knows whose result this is.".into(),
            ));
            return;
        }
        error.set(None);
        result.set(Some(attempt.with_value(|a| {
            meta.with_value(|m| {
                SharedResult::from_attempt(a, m, &name.get_untracked(), &staff.get_untracked())
            })
        })));
    };
    let label = move |t: &str| match app.manifest.get_untracked() {
        Load::Ready(m) => m.topic_label(t).to_string(),
        _ => t.to_string(),
    };

    let after = move || {
        result.get().map(|r| {
            let url = format!("{}{}#{}", origin(), app.href("/result"), encode_result(&r));
            let url_copy = url.clone();
            let file = result_file(&r);
            let file_name = format!("result-{}.pharmquiz-result.json", r.trainee.chars().map(|c| if c.is_alphanumeric() { c.to_ascii_lowercase() } else { '-' }).collect::<String>());
            let topics = r
                .by_tag
                .iter()
                .map(|(t, x)| view! { <tr><th scope="row">{label(t)}</th><td>{format!("{} / {} ({} %)", x.correct, x.total, x.percent())}</td></tr> })
                .collect_view();
            let answers = move || {
                let qs = questions.get();
                attempt.with_value(|a| {
                    a.outcomes
                        .iter()
                        .enumerate()
                        .map(|(k, o)| {
                            let q = qs.get(k).cloned().flatten();
                            let (stem, yours) = match &q {
                                Some(q) => (q.stem.clone(), describe(q, o.response.as_ref())),
                                None => (o.id.clone(), "—".into()),
                            };
                            view! { <li>{format!("{stem} — {yours} — {}", if o.correct { "right" } else { "wrong" })}</li> }
                        })
                        .collect_view()
                })
            };
            view! {
                <div class="field wide no-print">
                    <label for="result-link">"Result link"</label>
                    <input id="result-link" type="text" readonly prop:value=url.clone()/>
                </div>
                <div class="actions no-print">
                    <button type="button" on:click=move |_| {
                        let t = url_copy.clone();
                        spawn_local(async move { status.set(Some(match copy_text(&t).await { Ok(()) => "Result link copied.".into(), Err(e) => e })); });
                    }>"Copy result link"</button>
                    <button type="button" class="secondary" on:click=move |_| {
                        if let Err(e) = download(&file_name, "application/json", &file) { status.set(Some(e)); }
                    }>"Download result file"</button>
                    <button type="button" class="secondary" on:click=move |_| print()>"Print certificate"</button>
                </div>
                <p role="status" class="no-print">{move || status.get()}</p>
                <section class="certificate print-area" aria-label="Certificate">
                    <h2>"Certificate of completion"</h2>
                    <p class="cert-title">{r.quiz.title.clone()}</p>
                    <dl class="figures">
                        <div><dt>"Trainee"</dt><dd>{r.trainee.clone()}{(!r.staff_id.is_empty()).then(|| format!(" ({})", r.staff_id))}</dd></div>
                        <div><dt>"Trainer"</dt><dd>{r.quiz.trainer.clone()}</dd></div>
                        <div><dt>"Date"</dt><dd>{format_date(r.finished_at)}</dd></div>
                        <div><dt>"Duration"</dt><dd>{time_taken(r.duration_secs as u64, r.extra_time, r.time_ran_out)}</dd></div>
                        <div><dt>"Score"</dt><dd>{format!("{} of {} ({} %)", r.score.correct, r.score.total, r.score.percent())}</dd></div>
                        <div><dt>"Result"</dt><dd>{format!("{} (pass mark {} %)", if r.passed { "Passed" } else { "Not passed" }, r.pass_mark)}</dd></div>
                    </dl>
                    <table class="breakdown"><caption>"By topic"</caption><tbody>{topics}</tbody></table>
                    <h3>"Answers"</h3>
                    <ol class="cert-answers">{answers}</ol>
                    <p class="hint">"Self-reported result: PharmQuiz runs without a server, so it cannot vouch for this result. The checksum in the result link and file only shows that it has not been changed by accident."</p>
                </section>
            }
        })
    };

    view! {
        <section class="card send-result" aria-labelledby="send-heading">
            <h2 id="send-heading" class="no-print">{meta.with_value(|m| format!("Send your result to {}", m.trainer))}</h2>
            <p class="hint no-print">"Results are self-reported: there is no server to vouch for them. The link and file carry a checksum that shows if they were changed or cut short."</p>
            <form class="inline-form no-print" on:submit=submit>
                <label for="trainee-name">"Your name"</label>
                <input id="trainee-name" type="text" autocomplete="name" prop:value=move || name.get() on:input=move |ev| name.set(event_target_value(&ev))/>
                <label for="staff-id">"Staff ID (optional)"</label>
                <input id="staff-id" type="text" prop:value=move || staff.get() on:input=move |ev| staff.set(event_target_value(&ev))/>
                <button type="submit">"Create my result"</button>
            </form>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {after}
        </section>
    }
}
