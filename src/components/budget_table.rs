//! The monthly budget: totals (cash, P&L, OPEX, CAPEX, FTE, unit costs) each
//! with how it was computed, and the month-by-month table.

use callcalc_engine::{Budget, Trace};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::Currency;

#[component]
pub fn BudgetTable(
    #[prop(into)] budget: Signal<Option<Budget>>,
    #[prop(into)] currency: Signal<Currency>,
) -> impl IntoView {
    let i18n = use_i18n();
    let money = move |x: f64| format!("{} {}", format::number(i18n.lang.get(), x, 0), currency.get().symbol());
    let money2 = move |x: f64| format!("{} {}", format::number(i18n.lang.get(), x, 2), currency.get().symbol());
    let total = move |label: Msg,
                      testid: &'static str,
                      value: fn(&Budget) -> Option<f64>,
                      trace: fn(&Budget) -> Option<Trace>| {
        let v = Signal::derive(move || budget.with(|b| b.as_ref().and_then(value)));
        let tr = Signal::derive(move || budget.with(|b| b.as_ref().and_then(trace)));
        view! {
            <div class="total">
                <dt>{move || i18n.t(label)}</dt>
                <dd data-testid=format!("budget-{testid}")>
                    {move || v.get().map(|x| if testid.starts_with("cost") { money2(x) } else { money(x) }).unwrap_or_else(|| "—".into())}
                </dd>
                <dd class="trace"><HowComputed trace=tr testid=testid /></dd>
            </div>
        }
    };
    let rows = move || {
        budget.with(|b| {
            b.as_ref()
                .map(|b| {
                    let lang = i18n.lang.get();
                    b.months
                        .iter()
                        .map(|m| {
                            let other = m.opex - m.agent_labour - m.trainee_labour - m.support_labour;
                            view! {
                                <tr>
                                    <td>{m.month}</td>
                                    <td>{format::number(lang, m.contacts_offered, 0)}</td>
                                    <td>{format::number(lang, m.required_fte, 1)}</td>
                                    <td>{format::number(lang, m.productive_agents, 1)}</td>
                                    <td>{m.hires}</td>
                                    <td>{format::number(lang, m.agent_labour + m.trainee_labour + m.support_labour, 0)}</td>
                                    <td>{format::number(lang, other, 0)}</td>
                                    <td>{format::number(lang, m.opex, 0)}</td>
                                    <td>{format::number(lang, m.capex, 0)}</td>
                                    <td>{format::number(lang, m.depreciation, 0)}</td>
                                    <td data-testid=format!("budget-month-cash-{}", m.month)>{format::number(lang, m.cash, 0)}</td>
                                </tr>
                            }
                        })
                        .collect_view()
                })
        })
    };
    let fte_trace =
        Signal::derive(move || budget.with(|b| b.as_ref().and_then(|b| b.months.first().map(|m| m.trace_fte()))));
    view! {
        <section class="budget-totals">
            <h2>{move || i18n.t(Msg::BudgetTotals)}</h2>
            <dl class="totals">
                {total(Msg::BudgetCash, "cash", |b| Some(b.totals.cash), |b| Some(b.totals.trace_cash()))}
                {total(Msg::BudgetPnl, "pnl", |b| Some(b.totals.pnl), |b| Some(b.totals.trace_pnl()))}
                {total(Msg::BudgetOpex, "opex", |b| Some(b.totals.opex), |_| None)}
                {total(Msg::BudgetCapex, "capex", |b| Some(b.totals.capex), |_| None)}
                {total(Msg::BudgetCostPerCall, "cost-per-call", |b| b.totals.cost_per_offered_contact, |b| b.totals.trace_cost_per_offered_contact())}
                {total(Msg::BudgetCostPerContact, "cost-per-contact", |b| b.totals.cost_per_handled_contact, |b| b.totals.trace_cost_per_handled_contact())}
                {total(Msg::BudgetCostPerHour, "cost-per-hour", |b| b.totals.cost_per_agent_hour, |b| b.totals.trace_cost_per_agent_hour())}
                <div class="total">
                    <dt>{move || i18n.t(Msg::BudgetAvgFte)}</dt>
                    <dd data-testid="budget-avg-fte">
                        {move || budget.with(|b| b.as_ref().map(|b| format::number(i18n.lang.get(), b.totals.average_required_fte, 1)))}
                    </dd>
                    <dd class="trace"><HowComputed trace=fte_trace testid="fte-month-1" /></dd>
                </div>
            </dl>
        </section>
        <section class="budget-monthly">
            <h2>{move || i18n.t(Msg::BudgetMonthly)} " (" {move || currency.get().symbol()} ")"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=move || i18n.t(Msg::BudgetMonthly)>
                <table data-testid="budget-monthly">
                    <thead>
                        <tr>
                            <th>{move || i18n.t(Msg::BudgetMonth)}</th>
                            <th>{move || i18n.t(Msg::BudgetContacts)}</th>
                            <th>{move || i18n.t(Msg::BudgetFte)}</th>
                            <th>{move || i18n.t(Msg::BudgetSecStaff)}</th>
                            <th>{move || i18n.t(Msg::BudgetHires)}</th>
                            <th>{move || i18n.t(Msg::BudgetLabour)}</th>
                            <th>{move || i18n.t(Msg::BudgetOtherOpex)}</th>
                            <th>"OPEX"</th>
                            <th>"CAPEX"</th>
                            <th>{move || i18n.t(Msg::BudgetDepreciation)}</th>
                            <th>{move || i18n.t(Msg::BudgetCash)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        </section>
    }
}
