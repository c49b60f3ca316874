//! One file per route.
pub mod data;
pub mod exam_prep;
pub mod history;
pub mod home;
pub mod not_found;
pub mod own_banks;
pub mod progress;
pub mod quiz;
pub mod results;
pub mod review;
pub mod roster;
pub mod setup;
pub mod take;
pub mod trainer;
