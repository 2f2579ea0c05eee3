//! The KPI table: one row per period (and the total), one column per KPI in
//! the chosen variant; every cell is a button that opens its trace.

use callcalc_engine::{
    AbandonmentVariant, AhtVariant, AsaVariant, CostBasis, CostScope, KpiKey, KpiUnit, Missing, OccupancyVariant,
    ServiceLevelVariant,
};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::kpi::{CellRef, Dashboard, MAX_SHOWN_ROWS};

pub fn sl_msg(v: ServiceLevelVariant) -> Msg {
    match v {
        ServiceLevelVariant::AbandonsNegative => Msg::VarSlNegative,
        ServiceLevelVariant::AbandonsIgnored => Msg::VarSlIgnored,
        ServiceLevelVariant::AbandonsPositive => Msg::VarSlPositive,
        ServiceLevelVariant::AbandonsNegativeShortExcluded => Msg::VarSlNegativeShort,
        ServiceLevelVariant::AbandonsPositiveShortExcluded => Msg::VarSlPositiveShort,
    }
}
pub fn asa_msg(v: AsaVariant) -> Msg {
    match v {
        AsaVariant::AnsweredOnly => Msg::VarAsaAnswered,
        AsaVariant::AllContacts => Msg::VarAsaAll,
    }
}
pub fn abandon_msg(v: AbandonmentVariant) -> Msg {
    match v {
        AbandonmentVariant::OverOffered => Msg::VarAbOffered,
        AbandonmentVariant::OverQueued => Msg::VarAbQueued,
        AbandonmentVariant::ShortExcludedOverOffered => Msg::VarAbShortOffered,
        AbandonmentVariant::ShortExcludedOverAnsweredPlusAbandoned => Msg::VarAbShortHandled,
    }
}
pub fn aht_msg(v: AhtVariant) -> Msg {
    match v {
        AhtVariant::TalkHoldAcw => Msg::VarAhtFull,
        AhtVariant::TalkHold => Msg::VarAhtTalkHold,
        AhtVariant::TalkOnly => Msg::VarAhtTalk,
    }
}
pub fn occ_msg(v: OccupancyVariant) -> Msg {
    match v {
        OccupancyVariant::Measured => Msg::VarOccMeasured,
        OccupancyVariant::Utilization => Msg::VarOccUtil,
    }
}
pub fn scope_msg(v: CostScope) -> Msg {
    match v {
        CostScope::FullyLoaded => Msg::VarCostFull,
        CostScope::LabourOnly => Msg::VarCostLabour,
    }
}
pub fn basis_msg(v: CostBasis) -> Msg {
    match v {
        CostBasis::HandledContact => Msg::VarCostHandled,
        CostBasis::OfferedContact => Msg::VarCostOffered,
        CostBasis::HandledMinute => Msg::VarCostMinute,
        CostBasis::AgentHour => Msg::VarCostHour,
    }
}

/// The column heading of a KPI.
pub fn column_msg(key: KpiKey) -> Msg {
    match key {
        KpiKey::Offered => Msg::KpiColOffered,
        KpiKey::Answered => Msg::KpiColAnswered,
        KpiKey::Abandoned => Msg::KpiColAbandoned,
        KpiKey::ServiceLevel => Msg::KpiColSl,
        KpiKey::Asa => Msg::KpiColAsa,
        KpiKey::Abandonment => Msg::KpiColAbandonment,
        KpiKey::Aht => Msg::KpiColAht,
        KpiKey::AvgTalk => Msg::KpiColTalk,
        KpiKey::AvgHold => Msg::KpiColHold,
        KpiKey::AvgAcw => Msg::KpiColAcw,
        KpiKey::Occupancy => Msg::KpiColOccupancy,
        KpiKey::Shrinkage => Msg::KpiColShrinkage,
        KpiKey::ContactsPerAgentHour => Msg::KpiColPerHour,
        KpiKey::Cost => Msg::KpiColCost,
    }
}

/// Why a value is missing, in words.
pub fn missing_msg(m: Missing) -> Msg {
    match m {
        Missing::AgentReport => Msg::KpiMissingAgent,
        Missing::Cost => Msg::KpiMissingCost,
        Missing::AnswerWaits | Missing::AbandonWaits => Msg::KpiMissingWaits,
        _ => Msg::KpiMissingOther,
    }
}

/// A KPI value as shown on the page: shares as `85.3%`, seconds with one
/// decimal, counts whole, rates and money with two decimals; `—` if undefined.
pub fn show(lang: Lang, key: KpiKey, v: Option<f64>) -> String {
    let Some(v) = v else { return "—".to_string() };
    match key.unit() {
        KpiUnit::Share => format::percent(lang, v, 1),
        KpiUnit::Seconds => format::number(lang, v, 1),
        KpiUnit::Count => format::number(lang, v, 0),
        KpiUnit::PerHour | KpiUnit::Money => format::number(lang, v, 2),
    }
}

#[component]
pub fn KpiTable(#[prop(into)] dash: Signal<Option<Dashboard>>, selected: RwSignal<Option<CellRef>>) -> impl IntoView {
    let i18n = use_i18n();
    let head = move || {
        KpiKey::ALL
            .iter()
            .map(
                |&k| view! { <th scope="col" data-testid=format!("kpi-col-{}", k.name())>{i18n.t(column_msg(k))}</th> },
            )
            .collect_view()
    };
    let body = move || {
        let lang = i18n.lang.get();
        dash.with(|d| {
            let Some(d) = d else { return Vec::new() };
            let n = d.rows.len();
            let shown: Vec<usize> = (0..n.min(MAX_SHOWN_ROWS)).chain(d.total.as_ref().map(|_| n)).collect();
            shown
                .into_iter()
                .filter_map(|i| {
                    let row = d.row(i)?;
                    let total = i == n;
                    let label = if total { i18n.t(Msg::KpiTotal).to_string() } else { row.label.clone() };
                    let rid = if total { "total".to_string() } else { i.to_string() };
                    let cells = KpiKey::ALL
                        .iter()
                        .map(|&k| {
                            let v = row.value(k, &d.settings);
                            let text = show(lang, k, v);
                            let id = format!("kpi-cell-{rid}-{}", k.name());
                            view! {
                                <td class:selected=move || selected.get() == Some((i, k))>
                                    <button
                                        type="button"
                                        class="kpi-cell"
                                        data-testid=id
                                        on:click=move |_| selected.set(Some((i, k)))
                                    >
                                        {text}
                                    </button>
                                </td>
                            }
                        })
                        .collect_view();
                    Some(view! {
                        <tr class:total=total data-testid=format!("kpi-row-{rid}")>
                            <th scope="row">{label}</th>
                            {cells}
                        </tr>
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let cut = move || dash.with(|d| d.as_ref().is_some_and(|d| d.rows.len() > MAX_SHOWN_ROWS));
    view! {
        <div class="kpi-table-wrap">
            <table class="kpi-table" data-testid="kpi-table">
                <thead>
                    <tr>
                        <th scope="col">{move || i18n.t(Msg::KpiColPeriod)}</th>
                        {head}
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
            <Show when=cut>
                <p class="note" data-testid="kpi-rows-cut">{move || i18n.t(Msg::KpiRowsCut)}</p>
            </Show>
        </div>
    }
}
