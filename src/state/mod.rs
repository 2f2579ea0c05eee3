//! Form state: what the user typed (kept as text, so nothing is lost while a
//! value is half-typed or wrong) and its conversion into validated engine inputs.

pub mod budget;
pub mod coverage;
pub mod customer;
pub mod dataset;
pub mod forecast;
pub mod forecast_series;
pub mod forecast_store;
pub mod form;
pub mod import;
pub mod import_values;
pub mod kpi;
pub mod kpi_plan;
pub mod models;
pub mod operators;
pub mod practice;
pub mod staffing;
