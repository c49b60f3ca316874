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
use crate::state::AppState;

/// Sets the document title, so each page is announced and bookmarked by name.
pub fn set_title(page: &str) {
    if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
        doc.set_title(&format!("{page} · PharmQuiz"));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let base = app.base.get_value();
    view! {
        <Router base=base>
            <a class="skip-link" href="#main">"Skip to main content"</a>
            <header class="site-header no-print">
                <nav aria-label="Main">
                    <A href=app.href("/") attr:class="brand">"PharmQuiz"</A>
                    <ul>
                        <li><A href=app.href("/setup")>"New quiz"</A></li>
                        <li><A href=app.href("/review")>"Review"</A></li>
                        <li><A href=app.href("/progress")>"Progress"</A></li>
                        <li><A href=app.href("/history")>"History"</A></li>
                        <li><A href=app.href("/data")>"Backup"</A></li>
                        <li><A href=app.href("/trainer")>"Trainer"</A></li>
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
                <p>"PharmQuiz is a study aid. Follow your pharmacy's procedures and the current official standards in practice."</p>
            </footer>
        </Router>
    }
}
