//! The kpi page (being built in this session).

use leptos::prelude::*;

use crate::components::data_set_badge::DataSetBadge;
use crate::i18n::{use_i18n, Msg};

#[component]
pub fn KpiPage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="page kpi-page">
            <h1>{move || i18n.t(Msg::NavKpi)}</h1>
            <DataSetBadge />
        </section>
    }
}
