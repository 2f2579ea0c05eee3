//! Sensitivity of the cash budget or of the cost per call (a toggle): each driver moved −10% and +10%, bars
//! around the baseline, widest first (a tornado chart), with the deltas.

use callcalc_engine::{BudgetMeasure, Driver, TornadoRow};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::{tornado_bars, CHART_LABEL_W, CHART_ROW_H, CHART_W, TORNADO_MID};

/// The driver's name on the chart.
pub fn driver_label(d: Driver) -> Msg {
    match d {
        Driver::Volume => Msg::BudgetDrvVolume,
        Driver::Aht => Msg::BudgetDrvAht,
        Driver::ServiceLevelTarget => Msg::BudgetDrvSl,
        Driver::ServiceLevelThreshold => Msg::BudgetDrvSlT,
        Driver::Shrinkage => Msg::BudgetDrvShrinkage,
        Driver::Attrition => Msg::BudgetDrvAttrition,
        Driver::IvrDeflection => Msg::BudgetDrvIvr,
        Driver::AgentSalary => Msg::BudgetDrvSalary,
        Driver::SalaryIndexation => Msg::BudgetDrvIndexation,
        Driver::TelephonyRate => Msg::BudgetDrvTelephony,
        Driver::CallbackShare => Msg::BudgetDrvCallback,
    }
}

#[component]
pub fn Tornado(
    #[prop(into)] rows: Signal<Option<Vec<TornadoRow>>>,
    /// What the bars measure; the toggle writes it when given (else cash only).
    #[prop(optional)]
    measure: Option<RwSignal<BudgetMeasure>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let current = move || measure.map(|m| m.get()).unwrap_or(BudgetMeasure::Cash);
    // Money per contact needs decimals; budget totals do not.
    let digits = move || if current() == BudgetMeasure::CostPerOfferedContact { 2 } else { 0 };
    let bars = Memo::new(move |_| rows.with(|r| r.as_deref().map(tornado_bars).unwrap_or_default()));
    let chart = move || {
        let lang = i18n.lang.get();
        let digits = digits();
        let b = bars.get();
        let h = b.len() as f64 * CHART_ROW_H + 8.0;
        let delta = move |d: Option<f64>| {
            d.map(|x| format::number(lang, x, digits)).unwrap_or_else(|| i18n.t(Msg::BudgetInvalidEnd).to_string())
        };
        let items = b
            .into_iter()
            .enumerate()
            .map(|(k, bar)| {
                let label = i18n.t(driver_label(bar.driver));
                let title = format!("−10%: {}; +10%: {}", delta(bar.low_delta), delta(bar.high_delta));
                view! {
                    <g data-testid=format!("tornado-row-{k}")>
                        <title>{title}</title>
                        <text x=CHART_LABEL_W - 6.0 y=bar.y + 15.0 class="tick" text-anchor="end">{label}</text>
                        {bar.low.map(|(x, w)| view! { <rect x=x y=bar.y width=w height=CHART_ROW_H - 8.0 class="bar low" /> })}
                        {bar.high.map(|(x, w)| view! { <rect x=x y=bar.y width=w height=CHART_ROW_H - 8.0 class="bar high" /> })}
                    </g>
                }
            })
            .collect_view();
        view! {
            <svg viewBox=format!("0 0 {CHART_W} {h}") role="img" aria-label=i18n.t(Msg::BudgetTornado) data-testid="tornado-chart">
                <line x1=TORNADO_MID x2=TORNADO_MID y1=0 y2=h class="grid" />
                {items}
            </svg>
        }
    };
    let table = move || {
        let lang = i18n.lang.get();
        let digits = digits();
        bars.get()
            .into_iter()
            .map(|bar| {
                let d = move |x: Option<f64>| {
                    x.map(|v| format::number(lang, v, digits))
                        .unwrap_or_else(|| i18n.t(Msg::BudgetInvalidEnd).to_string())
                };
                view! {
                    <tr>
                        <td>{i18n.t(driver_label(bar.driver))}</td>
                        <td>{d(bar.low_delta)}</td>
                        <td>{d(bar.high_delta)}</td>
                        <td>{format::number(lang, bar.swing, digits)}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="budget-tornado">
            <h2>{move || i18n.t(Msg::BudgetTornado)}</h2>
            {move || {
                measure
                    .map(|m| {
                        view! {
                            <label class="tornado-measure">
                                {i18n.t(Msg::BudgetTornadoMeasure)} " "
                                <select
                                    data-testid="tornado-measure"
                                    on:change=move |ev| {
                                        m.set(
                                            if event_target_value(&ev) == "cpc" {
                                                BudgetMeasure::CostPerOfferedContact
                                            } else {
                                                BudgetMeasure::Cash
                                            },
                                        )
                                    }
                                >
                                    <option value="cash" selected=move || m.get() == BudgetMeasure::Cash>
                                        {i18n.t(Msg::BudgetTornadoCash)}
                                    </option>
                                    <option value="cpc" selected=move || m.get() == BudgetMeasure::CostPerOfferedContact>
                                        {i18n.t(Msg::BudgetTornadoCpc)}
                                    </option>
                                </select>
                            </label>
                        }
                    })
            }}
            <p class="hint" data-testid="tornado-note">
                {move || {
                    i18n.t(if current() == BudgetMeasure::CostPerOfferedContact {
                        Msg::BudgetTornadoNoteCpc
                    } else {
                        Msg::BudgetTornadoNote
                    })
                }}
            </p>
            <figure class="chart">{chart}</figure>
            <table tabindex="0" class="tornado-table" data-testid="tornado-table">
                <thead>
                    <tr>
                        <th></th>
                        <th>"−10%"</th>
                        <th>"+10%"</th>
                        <th>"Δ"</th>
                    </tr>
                </thead>
                <tbody>{table}</tbody>
            </table>
        </section>
    }
}
