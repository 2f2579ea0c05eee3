//! Pages of the app, one per file.

pub mod capacity;
pub mod compare;
pub mod import;
pub mod practice;
pub mod staffing;
