//! Entry point: install the panic hook and mount the app. Everything else is
//! in the library so tests can reach it.

#[cfg(target_arch = "wasm32")]
fn main() {
    pharmquiz::browser::set_panic_hook();
    pharmquiz::app::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!(
        "PharmQuiz runs in the browser: build it with `trunk build --release` (see README.md)."
    );
    eprintln!("The native command-line tool is `cargo run --bin bank-check -- questions`.");
}
