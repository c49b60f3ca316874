//! Reusable pieces of the UI, one component per file.
pub mod bank_card;
pub mod feedback;
pub mod loading;
pub mod notices;
pub mod progress_bar;
pub mod question_view;
pub mod quiz_intro;
pub mod results_import;
pub mod review_item;
pub mod roster_missed;
pub mod roster_quiz;
pub mod roster_table;
pub mod score_chart;
pub mod send_result;
pub mod timer;
pub mod topic_breakdown;
pub mod topic_chart;
