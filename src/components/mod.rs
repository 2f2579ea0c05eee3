//! Reusable components, one per file, named for what the user sees.

pub mod agents_table;
pub mod answer_key;
pub mod capacity_report;
pub mod data_set_badge;
pub mod data_set_panel;
pub mod exam_timer;
pub mod exercise_card;
pub mod how_computed;
pub mod import_summary;
pub mod interval_table;
pub mod language_switch;
pub mod model_compare_table;
pub mod models_form;
pub mod notice;
pub mod practice_history;
pub mod practice_score;
pub mod practice_settings;
pub mod rejected_rows;
pub mod result_row;
pub mod simulation_check;
pub mod sl_chart;
pub mod staffing_form;
pub mod staffing_results;
pub mod text_field;
