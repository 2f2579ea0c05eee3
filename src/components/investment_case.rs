//! The investment case: one-time and recurring costs, benefits (FTE saved
//! through the staffing engine, revenue retained from fewer abandons), ROI, simple and discounted payback ("never"
//! when it never pays back), NPV with its timing convention, IRR (none or
//! several reported as such) — each with how it was computed.

use callcalc_engine::{FieldError, Irr, NoIrr, Payback, PaybackResult};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::{abandons_avoided, revenue_retained, Currency, InvestmentInputs};

type Case = callcalc_engine::InvestmentCase;
type Getter = fn(&InvestmentInputs) -> &String;
type Setter = fn(&mut InvestmentInputs, String);

#[component]
pub fn InvestmentCase(
    inputs: RwSignal<InvestmentInputs>,
    outcome: Memo<Result<Case, Vec<FieldError>>>,
    #[prop(into)] currency: Signal<Currency>,
) -> impl IntoView {
    let i18n = use_i18n();
    let fields = move |list: Vec<(Msg, &'static str, Getter, Setter)>| {
        list.into_iter()
            .map(|(label, name, get, set)| {
                let (value, on_input) = bind(inputs, get, set);
                view! { <TextField label=label name=name value=value on_input=on_input error=field_error(outcome, name) /> }
            })
            .collect_view()
    };
    let case = Signal::derive(move || outcome.get().ok());
    let money = move |x: f64| format!("{} {}", format::number(i18n.lang.get(), x, 0), currency.get().symbol());
    let payback_text = move |p: &PaybackResult| match p.payback {
        Payback::Never { .. } => i18n.t(Msg::BudgetInvNever).to_string(),
        _ => p.payback.periods().map(|m| format::number(i18n.lang.get(), m, 1)).unwrap_or_default(),
    };
    let irr_text = move |c: &Case| match (&c.irr_monthly, c.irr_annual) {
        (Irr::Unique { .. }, Some(a)) => format::percent(i18n.lang.get(), a, 1),
        (Irr::Ambiguous { sign_changes, .. }, _) => format!("{} {sign_changes})", i18n.t(Msg::BudgetInvSeveralIrr)),
        (Irr::NoRoot(NoIrr::OutsideSearchRange { .. }), _) | (Irr::NoRoot(_), _) => {
            i18n.t(Msg::BudgetInvNoIrr).to_string()
        }
        _ => "—".to_string(),
    };
    let row =
        move |label: Msg, testid: &'static str, text: Signal<String>, trace: Signal<Option<callcalc_engine::Trace>>| {
            view! {
                <div class="total">
                    <dt>{move || i18n.t(label)}</dt>
                    <dd data-testid=format!("inv-{testid}")>{move || text.get()}</dd>
                    <dd class="trace"><HowComputed trace=trace testid=testid /></dd>
                </div>
            }
        };
    view! {
        <section class="budget-investment">
            <h2>{move || i18n.t(Msg::BudgetInvestment)}</h2>
            <form class="investment-form" on:submit=|ev| ev.prevent_default()>
                {fields(vec![
                    (Msg::BudgetInvOneTime, "inv_one_time", |i| &i.one_time, |i, v| i.one_time = v),
                    (Msg::BudgetInvRecurring, "inv_recurring", |i| &i.recurring, |i, v| i.recurring = v),
                    (Msg::BudgetInvAhtCut, "inv_aht_reduction", |i| &i.aht_reduction, |i, v| i.aht_reduction = v),
                    (Msg::BudgetInvVolumeCut, "inv_volume_reduction", |i| &i.volume_reduction, |i, v| i.volume_reduction = v),
                    (Msg::BudgetInvAttritionCut, "inv_attrition_reduction", |i| &i.attrition_reduction, |i, v| i.attrition_reduction = v),
                    (Msg::BudgetInvRate, "inv_discount_rate", |i| &i.discount_rate, |i, v| i.discount_rate = v),
                    (Msg::BudgetInvAbandonBefore, "inv_abandon_before", |i| &i.abandon_before, |i, v| i.abandon_before = v),
                    (Msg::BudgetInvAbandonAfter, "inv_abandon_after", |i| &i.abandon_after, |i, v| i.abandon_after = v),
                    (Msg::BudgetInvBuyShare, "inv_buy_share", |i| &i.buy_share, |i, v| i.buy_share = v),
                    (Msg::BudgetInvMarginPerSale, "inv_margin_per_sale", |i| &i.margin_per_sale, |i, v| i.margin_per_sale = v),
                ])}
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="input-inv_immediately"
                        prop:checked=move || inputs.with(|i| i.immediately)
                        on:change=move |ev| inputs.update(|i| i.immediately = event_target_checked(&ev))
                    />
                    {move || i18n.t(Msg::BudgetInvImmediately)}
                </label>
            </form>
            <p class="hint">{move || i18n.t(Msg::BudgetInvNpvTiming)}</p>
            <dl class="totals">
                {row(
                    Msg::BudgetInvFteSaved,
                    "fte-saved",
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.months.first()).map(|m| format::number(i18n.lang.get(), m.fte_saved, 1)).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.improved.months.first()).map(|m| m.trace_fte()))),
                )}
                {row(
                    Msg::BudgetInvAbandonsAvoided,
                    "abandons-avoided",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| format::number(i18n.lang.get(), abandons_avoided(c), 0)).unwrap_or_default())),
                    Signal::derive(|| None),
                )}
                {row(
                    Msg::BudgetInvRevenueRetained,
                    "revenue-retained",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| money(revenue_retained(c))).unwrap_or_default())),
                    Signal::derive(|| None),
                )}
                {row(
                    Msg::BudgetInvBenefit,
                    "benefit",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| money(c.total_benefit)).unwrap_or_default())),
                    Signal::derive(|| None),
                )}
                {row(
                    Msg::BudgetInvCost,
                    "cost",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| money(c.total_cost)).unwrap_or_default())),
                    Signal::derive(|| None),
                )}
                {row(
                    Msg::BudgetInvRoi,
                    "roi",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| c.roi.map(|r| format::percent(i18n.lang.get(), r.value, 1)).unwrap_or_else(|| "—".into())).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.roi.map(|r| r.trace())))),
                )}
                {row(
                    Msg::BudgetInvPaybackSimple,
                    "payback-simple",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| payback_text(&c.payback_simple)).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.payback_simple.trace()))),
                )}
                {row(
                    Msg::BudgetInvPaybackDiscounted,
                    "payback-discounted",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| payback_text(&c.payback_discounted)).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.payback_discounted.trace()))),
                )}
                {row(
                    Msg::BudgetInvNpv,
                    "npv",
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| money(c.npv.value)).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().map(|c| c.npv.trace()))),
                )}
                {row(
                    Msg::BudgetInvIrr,
                    "irr",
                    Signal::derive(move || case.with(|c| c.as_ref().map(irr_text).unwrap_or_default())),
                    Signal::derive(move || case.with(|c| c.as_ref().and_then(|c| c.irr_monthly.trace()))),
                )}
            </dl>
        </section>
    }
}
