//! Customer-side KPIs of the dashboard (from optional call-record columns):
//! transfer rate, FCR (flagged and repeat window), CSAT (mean and
//! top-2-box) and NPS per period of the grouping and in total. A cell opens
//! its trace; a column the data lack shows "no data", never 0.

use callcalc_engine::{CustomerKey, CustomerUnit, Trace};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::kpi::{Customer, MAX_SHOWN_ROWS};

/// The column heading.
pub fn customer_msg(k: CustomerKey) -> Msg {
    match k {
        CustomerKey::TransferRate => Msg::KpiCustTransfer,
        CustomerKey::FcrFlagged => Msg::KpiCustFcrFlagged,
        CustomerKey::FcrRepeatWindow => Msg::KpiCustFcrRepeat,
        CustomerKey::CsatMean => Msg::KpiCustCsatMean,
        CustomerKey::CsatTop2Box => Msg::KpiCustCsatTop2,
        CustomerKey::Nps => Msg::KpiCustNps,
    }
}

/// A value as text ("no data" when `None`).
pub fn show_customer(lang: Lang, k: CustomerKey, v: Option<f64>) -> String {
    match v {
        None => Msg::KpiCustNoData.text(lang).to_string(),
        Some(v) => match k.unit() {
            CustomerUnit::Share => format::percent(lang, v, 1),
            CustomerUnit::Score => format::number(lang, v, 2),
            CustomerUnit::NpsPoints => format::number(lang, v, 1),
        },
    }
}

#[component]
pub fn KpiCustomer(#[prop(into)] customer: Signal<Customer>) -> impl IntoView {
    let i18n = use_i18n();
    // (row index or usize::MAX for the total, column)
    let selected: RwSignal<Option<(usize, CustomerKey)>> = RwSignal::new(None);
    let trace = Memo::new(move |_| -> Option<Trace> {
        let (i, k) = selected.get()?;
        customer.with(|c| {
            let row = if i == usize::MAX { c.total.as_ref() } else { c.rows.get(i) };
            k.trace(&row?.counts)
        })
    });
    let head = move || {
        CustomerKey::ALL
            .iter()
            .map(|&k| view! { <th scope="col" data-testid=format!("kpi-cust-col-{}", k.name())>{i18n.t(customer_msg(k))}</th> })
            .collect_view()
    };
    let body = move || {
        let lang = i18n.lang.get();
        customer.with(|c| {
            let rows = c.rows.iter().take(MAX_SHOWN_ROWS).enumerate().map(|(i, r)| (i, r, false));
            rows.chain(c.total.iter().map(|t| (usize::MAX, t, true)))
                .map(|(i, r, total)| {
                    let rid = if total { "total".to_string() } else { i.to_string() };
                    let label = if total { i18n.t(Msg::KpiTotal).to_string() } else { r.label.clone() };
                    let cells = CustomerKey::ALL
                        .iter()
                        .map(|&k| {
                            let v = k.value(&r.counts);
                            let id = format!("kpi-cust-{rid}-{}", k.name());
                            view! {
                                <td class="num" class:no-data=v.is_none()>
                                    <button
                                        type="button"
                                        class="kpi-cell"
                                        data-testid=id
                                        data-value=v.map(|x| x.to_string()).unwrap_or_default()
                                        disabled=v.is_none()
                                        on:click=move |_| selected.set(Some((i, k)))
                                    >
                                        {show_customer(lang, k, v)}
                                    </button>
                                </td>
                            }
                        })
                        .collect_view();
                    view! {
                        <tr class:total=total data-testid=format!("kpi-cust-row-{rid}")>
                            <th scope="row">{label}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let has_data = move || customer.with(|c| c.total.as_ref().is_some_and(|t| t.has_data()));
    view! {
        <section class="kpi-customer" data-testid="kpi-customer">
            <h2>{move || i18n.t(Msg::KpiCustTitle)}</h2>
            <p class="note">{move || i18n.t(Msg::KpiCustIntro)}</p>
            <Show
                when=has_data
                fallback=move || view! { <p class="note" data-testid="kpi-cust-none">{move || i18n.t(Msg::KpiCustNone)}</p> }
            >
                <div class="kpi-table-wrap">
                    <table class="kpi-table" data-testid="kpi-cust-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(Msg::KpiColPeriod)}</th>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                </div>
                <div data-testid="kpi-cust-trace">
                    <HowComputed trace=trace testid="kpi-customer" />
                </div>
            </Show>
        </section>
    }
}
