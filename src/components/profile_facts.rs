use leptos::prelude::*;

use crate::domain::bank::fmt_number;
use crate::domain::profile::{Coverage, Profile};

/// What the exam is: its publisher, length and time, its domains with their
/// weights and how many of our questions serve each, and where the figures
/// come from.
#[component]
pub fn ProfileFacts(
    profile: Profile,
    /// Our questions per domain, in the profile's order.
    counts: Vec<usize>,
) -> impl IntoView {
    let length = match (profile.scored, profile.unscored) {
        (Some(s), Some(u)) => format!(
            "{} questions ({s} scored, {u} unscored) in {} minutes.",
            profile.questions, profile.minutes
        ),
        _ => format!(
            "{} questions in {} minutes.",
            profile.questions, profile.minutes
        ),
    };
    let rows = profile
        .domains
        .iter()
        .zip(counts.iter().chain(std::iter::repeat(&0)))
        .map(|(d, n)| {
            let coverage = match d.coverage {
                Coverage::Full => "Covered",
                Coverage::Partial => "Partly covered",
                Coverage::Uncovered => "Not covered",
            };
            let weight = format!(
                "{} %{}",
                fmt_number(d.weight),
                if d.primary == Some(false) { " (third-party figure)" } else { "" }
            );
            view! {
                <tr>
                    <th scope="row">{d.name.clone()}</th>
                    <td>{weight}</td>
                    <td>{n.to_string()}</td>
                    <td>{coverage}{d.note.clone().map(|n| view! { <span class="hint">{format!(" — {n}")}</span> })}</td>
                </tr>
            }
        })
        .collect_view();
    let others = profile
        .other_sources
        .iter()
        .map(|s| {
            view! {
                <li>
                    {format!("{}, {} ({}): {}. ", s.publisher, s.title, s.version, s.gives)}
                    <span class="url">{s.url.clone()}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <section aria-labelledby="about-exam">
            <h2 id="about-exam">"About this exam"</h2>
            <p>{format!("{} by {}. ", profile.credential, profile.publisher)}{length}</p>
            {profile.is_partial().then(|| view! {
                <p class="notice-partial"><strong>"Partial: "</strong>"our question banks cover only part of this exam. Mock exams draw only from the domains we cover, and say so."</p>
            })}
            <div class="table-scroll">
                <table>
                    <caption>"Domains of the exam"</caption>
                    <thead><tr><th scope="col">"Domain"</th><th scope="col">"Weight"</th><th scope="col">"Our questions"</th><th scope="col">"Coverage"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <details>
                <summary>"Where these figures come from"</summary>
                <p>
                    {format!("{}. ", profile.source_line())}
                    {if profile.source.primary { "The publisher's own outline." } else { "A third party's summary: no current page of the publisher was found." }}
                    " "<span class="url">{profile.source.url.clone()}</span>
                </p>
                <p>{profile.note.clone()}</p>
                <p>{format!("Figures gathered {}. Check the publisher's current outline before your exam.", profile.as_of.long())}</p>
                <ul>{others}</ul>
            </details>
        </section>
    }
}
