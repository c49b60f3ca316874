use leptos::prelude::*;
use std::sync::Arc;

use crate::browser::{now_ms, random_seed};
use crate::domain::bank::Bank;
use crate::domain::profile::Profile;
use crate::domain::quiz::{QRef, QuizSpec};
use crate::domain::readiness::{readiness, Estimate, Readiness};
use crate::domain::review_view::PASS_MARK;
use crate::domain::rng::Rng;
use crate::state::use_app;

/// Questions in a practice quiz on a weak domain.
const PRACTICE_COUNT: usize = 10;

fn pct(x: f64) -> String {
    format!("{:.0} %", (x * 100.0).clamp(0.0, 100.0))
}

fn estimate_text(e: Estimate) -> String {
    format!("{} (range {} to {})", pct(e.value), pct(e.low), pct(e.high))
}

/// Where the learner stands on each domain: how much of it they have seen,
/// their accuracy over 30 days, and an estimate with its range; how that
/// is worked out; and a practice quiz on the weakest domains.
#[component]
pub fn ReadinessView(
    profile: Profile,
    banks: StoredValue<Vec<Arc<Bank>>>,
    /// The questions of each domain (`profile::domain_pools`).
    pools: Vec<Vec<QRef>>,
    /// Starts a quiz and opens it.
    start: Callback<QuizSpec>,
) -> impl IntoView {
    let app = use_app();
    let profile = StoredValue::new(profile);
    let pools = StoredValue::new(pools);
    let state = Memo::new(move |_| {
        app.progress.with(|p| {
            profile.with_value(|pr| {
                banks.with_value(|bs| {
                    let bs: Vec<&Bank> = bs.iter().map(Arc::as_ref).collect();
                    readiness(pr, &bs, p, now_ms())
                })
            })
        })
    });
    let name = move |d: usize| {
        profile.with_value(|p| p.domains.get(d).map(|x| x.name.clone()).unwrap_or_default())
    };
    let practise = move |d: usize| {
        let mut qs = pools.with_value(|p| p.get(d).cloned().unwrap_or_default());
        let seed = random_seed();
        Rng::new(seed).shuffle(&mut qs);
        qs.truncate(PRACTICE_COUNT);
        start.run(QuizSpec::of_questions(qs, PASS_MARK, seed));
    };
    let table = move |r: &Readiness| {
        r.domains
            .iter()
            .map(|d| {
                let recent = match d.recent_accuracy() {
                    Some(a) => format!(
                        "{} of {} right ({})",
                        d.recent.correct,
                        d.recent.total,
                        pct(a)
                    ),
                    None => "No answers yet".into(),
                };
                let estimate = d.estimate.map_or("Not covered".to_string(), estimate_text);
                view! {
                    <tr>
                        <th scope="row">{name(d.domain)}</th>
                        <td>{format!("{} of {} ({})", d.seen, d.pool, pct(d.seen_share()))}</td>
                        <td>{recent}</td>
                        <td>{estimate}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    let weakest = move |r: &Readiness| {
        r.weakest(2)
            .into_iter()
            .filter(|d| d.pool > 0)
            .map(|d| {
                let domain = d.domain;
                let label = format!("Practise {}", name(domain));
                view! { <li><button type="button" class="secondary" on:click=move |_| practise(domain)>{label}</button></li> }
            })
            .collect_view()
    };
    view! {
        <section class="card" aria-labelledby="readiness-heading">
            <h2 id="readiness-heading">"Where you stand"</h2>
            {move || state.with(|r| {
                let overall = r.overall.map_or("No covered domain.".to_string(), |e| {
                    format!("Estimated share right on our questions today: {}. You have seen {} of them.", estimate_text(e), pct(r.seen_share()))
                });
                view! {
                    <p>{overall}</p>
                    <div class="table-scroll">
                        <table>
                            <caption>"By domain"</caption>
                            <thead><tr><th scope="col">"Domain"</th><th scope="col">"Seen"</th><th scope="col">"Last 30 days"</th><th scope="col">"Estimate today"</th></tr></thead>
                            <tbody>{table(r)}</tbody>
                        </table>
                    </div>
                    <h3>"Weakest domains"</h3>
                    <ul class="actions">{weakest(r)}</ul>
                }
            })}
            <details>
                <summary>"How this is estimated"</summary>
                <p>{Readiness::how_estimated()}</p>
            </details>
        </section>
    }
}
