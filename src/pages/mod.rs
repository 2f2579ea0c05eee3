//! Pages of the app, one per file.

pub mod staffing;
