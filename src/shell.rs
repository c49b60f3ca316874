//! The words of the app's frame (navigation, footer, page headings), shared
//! by the Leptos app and the build step that pre-renders each route's HTML
//! (`src/bin/prerender.rs`), so the page a host sends and the page the app
//! draws over it say the same thing. Plain Rust: compiled natively too.

/// Main navigation: path and label.
pub const NAV: [(&str, &str); 7] = [
    ("/setup", "New quiz"),
    ("/review", "Review"),
    ("/prep", "Exam prep"),
    ("/progress", "Progress"),
    ("/history", "History"),
    ("/data", "Backup"),
    ("/trainer", "Trainer"),
];

pub const SKIP_LINK: &str = "Skip to main content";
pub const FOOTER: &str = "PharmQuiz is a study aid. Follow your pharmacy's procedures and the current official standards in practice.";

pub const HOME_HEADING: &str = "Study for pharmacy technician practice";
pub const HOME_LEDE: &str =
    "Practise with instant feedback, or take a timed exam. Your scores stay in this browser.";
/// The daily-review line for someone who has not answered anything yet.
pub const DUE_NEW: &str =
    "Daily review keeps what you learn: a few questions a day, spaced out as you master them. ";
pub const DUE_LINK_NONE: &str = "Go to review";

/// A route whose pre-rendered page shows its heading and a loading state
/// until the app (and the data it reads) is ready.
#[derive(Debug, Clone, Copy)]
pub struct PageShell {
    /// The route, as the router matches it.
    pub path: &'static str,
    /// The HTML file the host serves for it (`progress.html` for `/progress`).
    pub file: &'static str,
    /// Document title (before " · PharmQuiz").
    pub title: &'static str,
    pub heading: &'static str,
    /// The loading line under the heading.
    pub loading: &'static str,
    /// Served with the study app (see `app::start_study`), not the whole app.
    pub study: bool,
    /// A line under the heading that the page keeps once loaded ("" for none).
    pub lede: &'static str,
}

/// The shared-quiz page's line under its heading.
pub const TAKE_LEDE: &str = "Your trainer's quiz opens here. Your answers stay in this browser until you choose to send your result.";
/// What the shared-quiz page says while it opens a link.
pub const TAKE_LOADING: &str = "Opening your trainer's quiz…";

/// Every route with a page of its own. `/` (the home page) and routes with
/// parameters (`/quiz/3`, `/results/…`) are not here: home is pre-rendered
/// in full, and any other path gets the generic shell (`404.html`).
pub const PAGES: [PageShell; 11] = [
    PageShell {
        path: "/setup",
        file: "setup.html",
        title: "New quiz",
        heading: "New quiz",
        loading: "Loading question banks…",
        study: true,
        lede: "",
    },
    PageShell {
        path: "/review",
        file: "review.html",
        title: "Review",
        heading: "Review",
        loading: "Loading your review…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/progress",
        file: "progress.html",
        title: "Progress",
        heading: "Your progress",
        loading: "Loading your progress…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/history",
        file: "history.html",
        title: "History",
        heading: "History",
        loading: "Loading your history…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/data",
        file: "data.html",
        title: "Backup and restore",
        heading: "Backup and restore",
        loading: "Loading your data…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/trainer",
        file: "trainer.html",
        title: "Build a quiz",
        heading: "Build a quiz for trainees",
        loading: "Loading question banks…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/banks",
        file: "banks.html",
        title: "Your own questions",
        heading: "Your own questions",
        loading: "Loading your banks…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/take",
        file: "take.html",
        title: "Shared quiz",
        heading: "Shared quiz",
        loading: TAKE_LOADING,
        study: true,
        lede: TAKE_LEDE,
    },
    PageShell {
        path: "/result",
        file: "result.html",
        title: "Result received",
        heading: "Result received",
        loading: "Opening the result…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/prep",
        file: "prep.html",
        title: "Exam prep",
        heading: "Exam prep",
        loading: "Loading the exams…",
        study: false,
        lede: "",
    },
    PageShell {
        path: "/roster",
        file: "roster.html",
        title: "Roster",
        heading: "Roster",
        loading: "Loading your roster…",
        study: false,
        lede: "",
    },
];

/// The generic shell for any other path (a quiz, a result, an unknown page).
pub const FALLBACK: PageShell = PageShell {
    path: "",
    file: "404.html",
    title: "Loading",
    heading: "",
    loading: "Loading PharmQuiz…",
    study: true,
    lede: "",
};

/// Routes the study app draws itself; every other page needs the whole app.
const STUDY_ROUTES: [&str; 4] = ["/setup", "/quiz", "/results", "/take"];

/// Whether the study app has the page at `path` (a route without the base).
pub fn in_study_app(path: &str) -> bool {
    path == "/"
        || STUDY_ROUTES.iter().any(|r| {
            path.strip_prefix(r)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
        })
}

/// Whether `path` is one of the pages with a file of its own.
pub fn is_page(path: &str) -> bool {
    PAGES.iter().any(|p| p.path == path)
}

/// A bank's question count as its card shows it.
pub fn question_count(n: usize) -> String {
    match n {
        1 => "1 question".to_string(),
        n => format!("{n} questions"),
    }
}

/// The element holding the pre-rendered page; the app removes it when it
/// has drawn its own.
pub const SHELL_ID: &str = "pq-shell";
/// The `<script type="application/json">` holding the built-in bank list, so
/// the app can draw the home page without a download.
pub const MANIFEST_ID: &str = "pq-manifest";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_question_is_singular() {
        assert_eq!(question_count(1), "1 question");
        assert_eq!(question_count(0), "0 questions");
        assert_eq!(question_count(12), "12 questions");
    }

    #[test]
    fn study_pages_are_served_with_the_study_app() {
        for p in PAGES {
            assert_eq!(p.study, in_study_app(p.path), "{}", p.path);
        }
        assert!(in_study_app("/") && in_study_app("/quiz/3") && in_study_app("/results/abc"));
        assert!(
            !in_study_app("/progress") && !in_study_app("/quizzes") && !in_study_app("/trainer")
        );
        assert!(NAV.iter().all(|(path, _)| is_page(path)));
    }
}
