use leptos::prelude::*;

use crate::browser::{download, origin};
use crate::components::share_link::ShareLink;
use crate::domain::quiz_form::{quiz_file_name, FormError};
use crate::domain::share::{pack_quiz, SharedQuiz};
use crate::state::use_app;

/// The trainer's "Share" card: the quiz link with its QR code, the quiz
/// file, or what still stops the quiz being shared.
#[component]
pub fn SharePanel(
    /// The quiz being built, or the first thing wrong with it.
    #[prop(into)]
    quiz: Signal<Result<SharedQuiz, FormError>>,
) -> impl IntoView {
    let app = use_app();
    // Download and copy failures, and "Link copied."
    let copied = RwSignal::new(None::<String>);
    let packed = Memo::new(move |_| quiz.with(|q| q.as_ref().ok().map(pack_quiz)));
    let link = Memo::new(move |_| {
        packed.with(|p| {
            p.as_ref()
                .and_then(|p| p.link.as_ref())
                .map(|l| format!("{}{}#{l}", origin(), app.href("/take")))
        })
    });
    let body = move || {
        let q = match quiz.get() {
            Ok(q) => q,
            Err(e) => return view! { <p class="hint">{e.to_string()}</p> }.into_any(),
        };
        let Some(file) = packed.with(|p| p.as_ref().and_then(|p| p.file.clone())) else {
            return view! {
                <p class="error" role="alert">"This quiz is too large to share (over 256 KB with the questions you added). Use fewer or smaller banks of your own."</p>
            }
            .into_any();
        };
        let download_file = download_button(quiz_file_name(&q.title), file, copied);
        let Some(url) = link.get() else {
            return view! {
                <p class="hint">"This quiz carries your own questions and is too large for a link or QR code. Share the quiz file: trainees open it on PharmQuiz's Shared quiz page."</p>
                <div class="actions no-print">{download_file}</div>
                <p role="status">{move || copied.get()}</p>
            }
            .into_any();
        };
        view! { <ShareLink url=url title=q.title copied=copied>{download_file}</ShareLink> }
            .into_any()
    };
    view! {
        <section class="card share" aria-labelledby="share-heading">
            <h2 id="share-heading" class="no-print">"Share"</h2>
            {body}
        </section>
    }
}

/// The "Download quiz file" button; a failure shows in `status`.
fn download_button(
    file_name: String,
    file: String,
    status: RwSignal<Option<String>>,
) -> impl IntoView {
    view! {
        <button type="button" class="secondary" on:click=move |_| {
            if let Err(e) = download(&file_name, "application/json", &file) { status.set(Some(e)); }
        }>"Download quiz file"</button>
    }
}
