//! PharmQuiz: a training quiz app for pharmacy technicians.
//!
//! `domain` is plain Rust (tested natively); everything else is the browser
//! app and compiles only for wasm32.

pub mod domain;
pub mod shell;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod pages;
#[cfg(not(target_arch = "wasm32"))]
pub mod prerender;
#[cfg(target_arch = "wasm32")]
pub mod state;
#[cfg(target_arch = "wasm32")]
pub mod web_storage;
