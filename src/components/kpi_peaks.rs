//! Peak view: the busiest intervals merged against the rest, with SL, ASA,
//! abandonment and AHT in the chosen variants.

use callcalc_engine::KpiKey;
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, show};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::kpi::Dashboard;

const KEYS: [KpiKey; 6] =
    [KpiKey::Offered, KpiKey::ServiceLevel, KpiKey::Asa, KpiKey::Abandonment, KpiKey::Aht, KpiKey::Occupancy];

#[component]
pub fn KpiPeaks(#[prop(into)] dash: Signal<Option<Dashboard>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        dash.with(|d| {
            let d = d.as_ref()?;
            let p = d.peaks.as_ref()?;
            let rows = KEYS
                .iter()
                .map(|&k| {
                    let peak = show(lang, k, p.peak.value(k, &d.settings));
                    let rest = show(lang, k, p.rest.as_ref().and_then(|r| r.value(k, &d.settings)));
                    view! {
                        <tr>
                            <th scope="row">{i18n.t(column_msg(k))}</th>
                            <td class="num" data-testid=format!("kpi-peak-{}", k.name())>{peak}</td>
                            <td class="num" data-testid=format!("kpi-rest-{}", k.name())>{rest}</td>
                        </tr>
                    }
                })
                .collect_view();
            Some(view! {
                <section class="kpi-peaks" data-testid="kpi-peaks">
                    <h2>{i18n.t(Msg::KpiPeaks)}</h2>
                    <p class="note" data-testid="kpi-peak-threshold">
                        {i18n.t(Msg::KpiPeakThreshold)} " " {format::number(lang, p.threshold_offered, 0)} " ("
                        {p.peak_rows} " / " {p.rows} ")"
                    </p>
                    <table class="kpi-peak-table">
                        <thead>
                            <tr>
                                <th></th>
                                <th scope="col">{i18n.t(Msg::KpiPeak)}</th>
                                <th scope="col">{i18n.t(Msg::KpiRest)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            })
        })
    }
}
