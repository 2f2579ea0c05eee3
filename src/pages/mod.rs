//! Pages of the app, one per file.

pub mod budget;
pub mod capacity;
pub mod compare;
pub mod forecast;
pub mod import;
pub mod kpi;
pub mod operators;
pub mod practice;
pub mod staffing;
