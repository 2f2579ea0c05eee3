//! Component tests of the app mounted in a real headless Chromium
//! (wasm-bindgen-test), linked as one test binary (one link and one browser
//! start instead of one per feature). One module per feature; helpers they
//! share in `common`.
//!
//! Run: `WASM_BINDGEN_TEST_TIMEOUT=900 cargo test -p callcalc-app --target
//! wasm32-unknown-unknown --test components` (the runner's timeout, 20 s by
//! default, is for the whole binary; one feature: add a filter, e.g.
//! `-- forecast_series::`).

#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;

mod budget;
mod budget_callback_and_sources;
mod coverage;
mod exam_integrity;
mod forecast;
mod forecast_deferred_work;
mod forecast_queue_models;
mod forecast_saved_settings;
mod forecast_series;
mod forecast_shifts_and_special_days;
mod import_data_set;
mod import_mapping;
mod kpi_dashboard;
mod kpi_filters_plan_customer;
mod operators;
mod practice;
mod staffing;
