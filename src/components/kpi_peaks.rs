//! Peak view: the busiest intervals (and days) merged against the rest, with
//! SL, ASA, abandonment, AHT and occupancy in the chosen variants.

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
            let days = d.peak_days.as_ref();
            let rows = KEYS
                .iter()
                .map(|&k| {
                    let v = |r: Option<&callcalc_engine::DashboardRow>| {
                        show(lang, k, r.and_then(|r| r.value(k, &d.settings)))
                    };
                    let peak = v(Some(&p.peak));
                    let rest = v(p.rest.as_ref());
                    let peak_day = v(days.map(|x| &x.peak));
                    let rest_day = v(days.and_then(|x| x.rest.as_ref()));
                    view! {
                        <tr>
                            <th scope="row">{i18n.t(column_msg(k))}</th>
                            <td class="num" data-testid=format!("kpi-peak-{}", k.name())>{peak}</td>
                            <td class="num" data-testid=format!("kpi-rest-{}", k.name())>{rest}</td>
                            <td class="num" data-testid=format!("kpi-peak-day-{}", k.name())>{peak_day}</td>
                            <td class="num" data-testid=format!("kpi-rest-day-{}", k.name())>{rest_day}</td>
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
                    <table tabindex="0" class="kpi-peak-table">
                        <thead>
                            <tr>
                                <th></th>
                                <th scope="col">{i18n.t(Msg::KpiPeak)}</th>
                                <th scope="col">{i18n.t(Msg::KpiRest)}</th>
                                <th scope="col">{i18n.t(Msg::KpiPeakDays)}</th>
                                <th scope="col">{i18n.t(Msg::KpiRestDays)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            })
        })
    }
}
