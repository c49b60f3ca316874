//! The study app's entry point: home, quiz set-up, the quiz, results and
//! shared-quiz links, in a much smaller wasm than the whole app (`main.rs`).
//! Trunk builds it from `study.html` (see scripts/postbuild).

#[cfg(target_arch = "wasm32")]
fn main() {
    pharmquiz::browser::set_panic_hook();
    pharmquiz::app::start_study();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "The study app runs in the browser: build it with `trunk build --release` (see README.md)."
    );
}
