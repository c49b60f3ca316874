use leptos::prelude::*;

use crate::domain::grade::Response;
use crate::state::use_app;

/// The exam's question navigator: a button per question saying whether it
/// is answered and flagged (the one on screen marked current), the counts,
/// and "Submit exam".
#[component]
pub fn ExamNavigator(
    /// The question on screen (0-based).
    #[prop(into)]
    current: Signal<Option<usize>>,
    /// Questions in the quiz.
    #[prop(into)]
    total: Signal<usize>,
    /// Questions without an answer.
    #[prop(into)]
    unanswered: Signal<usize>,
    /// Goes to the question at this index.
    go: Callback<usize>,
    /// Asks to submit the quiz.
    on_submit: Callback<()>,
) -> impl IntoView {
    let app = use_app();
    // (answered, flagged) for question k.
    let status = move |k: usize| {
        app.quiz.with(|q| {
            q.as_ref()
                .and_then(|ip| {
                    let item = ip.items.get(k)?;
                    let done = ip
                        .responses
                        .get(k)
                        .is_some_and(|r| r.as_ref().is_some_and(Response::is_answered));
                    let key = item.qref().to_string();
                    Some((done, app.progress.with(|p| p.is_flagged(&key))))
                })
                .unwrap_or_default()
        })
    };
    let flagged_count = Memo::new(move |_| {
        app.quiz.with(|q| {
            q.as_ref().map_or(0, |ip| {
                app.progress.with(|p| {
                    ip.items
                        .iter()
                        .filter(|it| p.is_flagged(&it.qref().to_string()))
                        .count()
                })
            })
        })
    });
    let cell = move |k: usize| {
        let state = Memo::new(move |_| status(k));
        let label = move || {
            let (done, flag) = state.get();
            format!(
                "Question {}{}{}",
                k + 1,
                if done { ", answered" } else { ", unanswered" },
                if flag { ", flagged" } else { "" }
            )
        };
        view! {
            <li>
                <button
                    type="button"
                    class="nav-cell"
                    class:done=move || state.get().0
                    class:flagged=move || state.get().1
                    aria-label=label
                    aria-current=move || (current.get() == Some(k)).then_some("step")
                    on:click=move |_| go.run(k)
                >
                    {(k + 1).to_string()}
                    // Marks, not only colours, for answered and flagged; the
                    // label says both in words.
                    {move || state.get().0.then_some(view! { <span class="mark" aria-hidden="true">"✓"</span> })}
                    {move || state.get().1.then_some(view! { <span class="mark" aria-hidden="true">"⚑"</span> })}
                </button>
            </li>
        }
    };
    view! {
        <nav class="navigator" aria-label="Questions">
            <h2 class="small">"All questions"</h2>
            <ul>
                <For each=move || 0..total.get() key=|k| *k children=cell/>
            </ul>
            <p class="hint">{move || format!("{} unanswered · {} flagged", unanswered.get(), flagged_count.get())}</p>
            <button type="button" on:click=move |_| on_submit.run(())>"Submit exam"</button>
        </nav>
    }
}
