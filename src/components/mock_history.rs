use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::format_date;
use crate::domain::bank::Bank;
use crate::domain::mock::results_by_domain;
use crate::domain::profile::Profile;
use crate::state::use_app;

/// The learner's mock exams of this profile, newest first, each with its
/// score and its results by domain.
#[component]
pub fn MockHistory(profile: Profile, banks: StoredValue<Vec<Arc<Bank>>>) -> impl IntoView {
    let app = use_app();
    let profile = StoredValue::new(profile);
    // Read once per change of the history, for the list and its fallback.
    let mocks = Memo::new(move |_| {
        let id = profile.with_value(|p| p.id.clone());
        let mut list: Vec<_> = app.progress.with(|p| {
            p.attempts
                .iter()
                .filter(|a| a.spec.profile.as_deref() == Some(id.as_str()))
                .cloned()
                .collect()
        });
        list.reverse();
        list
    });
    let items = move || {
        mocks
            .get()
            .into_iter()
            .map(|a| {
                let by_domain = profile.with_value(|p| {
                    banks.with_value(|bs| {
                        let bs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                        results_by_domain(p, &bs, &a)
                    })
                });
                let rows = profile.with_value(|p| {
                    p.domains
                        .iter()
                        .zip(by_domain)
                        .filter(|(_, t)| t.total > 0)
                        .map(|(d, t)| view! {
                            <tr><th scope="row">{d.name.clone()}</th><td>{format!("{} of {} ({} %)", t.correct, t.total, t.percent())}</td></tr>
                        })
                        .collect_view()
                });
                let heading = format!(
                    "{}: {} of {} ({} %)",
                    format_date(a.finished_at),
                    a.score.correct,
                    a.score.total,
                    a.score.percent()
                );
                let href = app.href(&format!("/results/{}", a.id));
                view! {
                    <li class="card">
                        <h3>{heading}</h3>
                        <table>
                            <caption>"Results by domain"</caption>
                            <thead><tr><th scope="col">"Domain"</th><th scope="col">"Score"</th></tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        <a href=href>"Review this mock exam"</a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section id="mock-results" aria-labelledby="mock-results-heading">
            <h2 id="mock-results-heading">"Your mock exams"</h2>
            <Show when=move || mocks.with(|m| !m.is_empty()) fallback=|| view! { <p>"No mock exams yet."</p> }>
                <ul class="plain">{items}</ul>
            </Show>
        </section>
    }
}
