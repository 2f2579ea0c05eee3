//! Which data the analysis pages work from: the demo centre or the
//! imported files (a link to the import page to change it), and what the
//! data covers: the period, the days with contacts and the calendar days.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::coverage::{coverage_line, use_coverage};
use crate::state::dataset::use_dataset;

#[component]
pub fn DataSetBadge() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_dataset();
    let coverage = use_coverage();
    let label = move || {
        let d = data.get();
        if d.demo {
            i18n.t(Msg::DataSetDemo).to_string()
        } else {
            format!("{}: {}", i18n.t(Msg::DataSetFiles), d.file_names().join(", "))
        }
    };
    let covers = move || {
        let lang = i18n.lang.get();
        coverage.with(|c| {
            c.as_ref().map(|c| view! { <br /><span data-testid="data-coverage">{coverage_line(lang, c)}</span> })
        })
    };
    view! {
        <p class="data-set-badge" data-testid="data-set">
            {label} " · " <a href="#import">{move || i18n.t(Msg::NavImport)}</a>
            {covers}
        </p>
    }
}
