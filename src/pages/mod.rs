//! One file per route.
pub mod history;
pub mod home;
pub mod not_found;
pub mod quiz;
pub mod results;
pub mod setup;
