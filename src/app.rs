//! The root component: app state, layout and routes.

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

use crate::browser::{focus_first, focus_new_page, ANNOUNCER_ID};
use crate::components::notices::Notices;
use crate::pages::{
    data::DataPage,
    exam_prep::ExamPrepPage,
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

/// Starts an app over the pre-rendered page: draws it, then removes the
/// pre-rendered copy in the same task, so the browser never paints both or
/// neither, and marks the document as started. (The start script waits for
/// the first frame before it fetches the wasm, see `prerender`, so the
/// pre-rendered page is always what paints first.)
fn start_with<V: IntoView + 'static>(app: fn() -> V) {
    leptos::mount::mount_to_body(app);
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if let Some(shell) = doc.get_element_by_id(shell::SHELL_ID) {
        crate::browser::replace_shell(shell);
    }
    if let Some(root) = doc.document_element() {
        let _ = root.set_attribute("data-app", "ready");
    }
}

/// The whole app: every page.
pub fn start() {
    start_with(App);
}

/// The study app: home, quiz set-up, the quiz, its results and shared-quiz
/// links, the pages a learner needs first. It is a separate, much smaller
/// wasm (dead code is removed per binary); the other pages are served with
/// the whole app, and reaching one reloads into it (see `Elsewhere`).
pub fn start_study() {
    let path = web_sys::window().and_then(|w| w.location().pathname().ok());
    FIRST_PATH.with(|p| *p.borrow_mut() = path);
    start_with(StudyApp);
}

/// The header, notices, main area and footer around every page. `external`
/// nav links load a new document instead of routing in this app. After a
/// route change, focus moves to the new page's heading.
#[component]
fn Frame(
    /// Whether a nav path must load the whole app rather than route here.
    external: fn(&str) -> bool,
    children: Children,
) -> impl IntoView {
    let app = crate::state::use_app();
    let path = leptos_router::hooks::use_location().pathname;
    Effect::new(move |before: Option<String>| {
        let now = path.get();
        // Not on the first page of a visit: focus starts at the top there.
        if before.is_some_and(|b| b != now) {
            focus_new_page();
        }
        now
    });
    // `<base href>` would make "#main" the home page's address, which the
    // router follows: the skip link only moves focus.
    let skip = |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        focus_first("main");
    };
    view! {
        <a class="skip-link" href="#main" on:click=skip>{shell::SKIP_LINK}</a>
        <header class="site-header no-print">
            <nav aria-label="Main">
                <A href=app.href("/") attr:class="brand">"PharmQuiz"</A>
                <ul>
                    {shell::NAV
                        .iter()
                        .map(|(path, label)| {
                            if external(path) {
                                view! { <li><a href=app.href(path) rel="external">{*label}</a></li> }.into_any()
                            } else {
                                view! { <li><A href=app.href(path)>{*label}</A></li> }.into_any()
                            }
                        })
                        .collect_view()}
                </ul>
            </nav>
        </header>
        <Notices/>
        <div id=ANNOUNCER_ID class="visually-hidden" aria-live="polite" aria-atomic="true"></div>
        <main id="main" tabindex="-1">{children()}</main>
        <footer class="site-footer no-print">
            <p>{shell::FOOTER}</p>
        </footer>
    }
}

#[component]
pub fn StudyApp() -> impl IntoView {
    let app = AppState::provide();
    let base = app.base.get_value();
    view! {
        <Router base=base>
            <Frame external=|path| !shell::in_study_app(path)>
                <Routes fallback=Elsewhere>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/setup") view=Setup/>
                    <Route path=path!("/quiz") view=QuizPage/>
                    <Route path=path!("/quiz/:n") view=QuizPage/>
                    <Route path=path!("/results/:id") view=Results/>
                    <Route path=path!("/take") view=TakePage/>
                </Routes>
            </Frame>
        </Router>
    }
}

/// A route of the whole app reached inside the study app (a link or a
/// navigation from a study page): load it as a new document, which the host
/// serves with the whole app. On the first page of a visit that would loop
/// (a host that answers every path with the home page), so say so instead.
#[component]
fn Elsewhere() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let app = crate::state::use_app();
    let route = path
        .strip_prefix(&app.base.get_value())
        .unwrap_or(&path)
        .to_string();
    let first_page = FIRST_PATH.with(|p| p.borrow().as_deref() == Some(path.as_str()));
    if shell::is_page(&route) && !first_page {
        if let Some(w) = web_sys::window() {
            let url = format!(
                "{path}{}{}",
                location.search.get_untracked(),
                location.hash.get_untracked()
            );
            // Replace the entry the router may already have pushed, so Back
            // still leads to the page the user came from.
            let pushed = w.location().pathname().ok().as_deref() == Some(path.as_str());
            let _ = if pushed {
                w.location().replace(&url)
            } else {
                w.location().assign(&url)
            };
        }
        return view! { <section class="page"><p class="loading" role="status">"Loading…"</p></section> }.into_any();
    }
    view! { <NotFound/> }.into_any()
}

thread_local! {
    /// The path the study app was opened at.
    static FIRST_PATH: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let base = app.base.get_value();
    view! {
        <Router base=base>
            <Frame external=|_| false>
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
                    <Route path=path!("/prep") view=ExamPrepPage/>
                </Routes>
            </Frame>
        </Router>
    }
}
