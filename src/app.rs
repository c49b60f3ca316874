//! The root component: app state, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::components::notices::Notices;
use crate::pages::{
    data::DataPage,
    history::History,
    home::Home,
    not_found::NotFound,
    own_banks::OwnBanksPage,
    progress::ProgressPage,
    quiz::QuizPage,
    results::Results,
    review::ReviewPage,
    roster::{ReceiveResult, RosterPage},
    setup::Setup,
    take::TakePage,
    trainer::TrainerPage,
};
use crate::shell;
use crate::state::AppState;

/// Sets the document title, so each page is announced and bookmarked by name.
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · PharmQuiz"));
    }
}

/// Starts the app over the pre-rendered page: draws the app, then removes
/// the pre-rendered copy in the same task, so the browser never paints both
/// or neither, and marks the document as started.
pub fn start() {
    leptos::mount::mount_to_body(App);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(shell) = doc.get_element_by_id(shell::SHELL_ID) {
        shell.remove();
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let base = app.base.get_value();
    view! {
        <Router base=base>
            <a class="skip-link" href="#main">{shell::SKIP_LINK}</a>
            <header class="site-header no-print">
                <nav aria-label="Main">
                    <A href=app.href("/") attr:class="brand">"PharmQuiz"</A>
                    <ul>
                        {shell::NAV
                            .iter()
                            .map(|(path, label)| view! { <li><A href=app.href(path)>{*label}</A></li> })
                            .collect_view()}
                    </ul>
                </nav>
            </header>
            <Notices/>
            <main id="main" tabindex="-1">
                <Routes fallback=NotFound>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/setup") view=Setup/>
                    <Route path=path!("/quiz") view=QuizPage/>
                    <Route path=path!("/quiz/:n") view=QuizPage/>
                    <Route path=path!("/results/:id") view=Results/>
                    <Route path=path!("/history") view=History/>
                    <Route path=path!("/progress") view=ProgressPage/>
                    <Route path=path!("/review") view=ReviewPage/>
                    <Route path=path!("/data") view=DataPage/>
                    <Route path=path!("/trainer") view=TrainerPage/>
                    <Route path=path!("/banks") view=OwnBanksPage/>
                    <Route path=path!("/take") view=TakePage/>
                    <Route path=path!("/result") view=ReceiveResult/>
                    <Route path=path!("/roster") view=RosterPage/>
                </Routes>
            </main>
            <footer class="site-footer no-print">
                <p>{shell::FOOTER}</p>
            </footer>
        </Router>
    }
}
