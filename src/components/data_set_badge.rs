//! Which data the analysis pages work from: the demo centre or the
//! imported files (a link to the import page to change it).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::dataset::use_dataset;

#[component]
pub fn DataSetBadge() -> impl IntoView {
    let i18n = use_i18n();
    let data = use_dataset();
    let label = move || {
        let d = data.get();
        if d.demo {
            i18n.t(Msg::DataSetDemo).to_string()
        } else {
            format!("{}: {}", i18n.t(Msg::DataSetFiles), d.file_names().join(", "))
        }
    };
    view! {
        <p class="data-set-badge" data-testid="data-set">
            {label} " · " <a href="#import">{move || i18n.t(Msg::NavImport)}</a>
        </p>
    }
}
