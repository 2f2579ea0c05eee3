//! callcalc in the browser: a Leptos client-side app over `callcalc-engine`.
//!
//! Only this crate does I/O (DOM, localStorage); every number comes from the
//! engine, through memos.

pub mod app;
pub mod build_info;
pub mod components;
pub mod download;
pub mod format;
pub mod i18n;
pub mod pages;
pub mod panic;
pub mod plural;
pub mod state;
pub mod storage;

pub use app::App;
