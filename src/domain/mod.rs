//! The domain: question banks, validation, quiz assembly, grading and the
//! storage schema. Plain Rust with no Leptos or web-sys imports, so all of it
//! is tested natively with `cargo test`.

pub mod attempt;
pub mod backup;
pub mod bank;
pub mod calc;
pub mod calculator;
pub mod calendar;
pub mod clock;
pub mod compiled;
pub mod dashboard;
pub mod export;
pub mod expr;
pub mod grade;
pub mod home_view;
pub mod ics;
pub mod import;
pub mod limits;
pub mod lint;
pub mod manifest;
pub mod mock;
pub mod plan;
pub mod prep_view;
pub mod profile;
pub mod quiz;
pub mod quiz_form;
pub mod readiness;
pub mod report;
pub mod review_view;
pub mod rng;
pub mod roster;
pub mod roster_view;
pub mod schedule;
pub mod schema;
pub mod session;
pub mod share;
pub mod sort;
pub mod storage;
#[cfg(test)]
pub(crate) mod test_support;

#[cfg(not(target_arch = "wasm32"))]
pub mod check;
pub mod custom;
