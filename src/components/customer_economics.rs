//! Customer economics: cost to acquire a customer (CAC, three variants), cost
//! to retain one, and customer lifetime value (CLV variants a–d), each result
//! with how it was computed.

use callcalc_engine::{FieldError, Trace};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::Currency;
use crate::state::customer::{CustomerEconomics as Economics, CustomerInputs};

type Getter = fn(&CustomerInputs) -> &String;
type Setter = fn(&mut CustomerInputs, String);
type Pick = fn(&Economics) -> (Option<f64>, Option<Trace>);

#[component]
pub fn CustomerEconomics(
    inputs: RwSignal<CustomerInputs>,
    outcome: Memo<Result<Economics, Vec<FieldError>>>,
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
    let row = move |label: Msg, testid: &'static str, pick: Pick| {
        let text = move || {
            let lang = i18n.lang.get();
            outcome.with(|o| match o {
                Ok(e) => match pick(e).0 {
                    Some(v) => format!("{} {}", format::number(lang, v, 0), currency.get().symbol()),
                    None => "—".to_string(),
                },
                Err(_) => String::new(),
            })
        };
        let trace = Signal::derive(move || outcome.with(|o| o.as_ref().ok().and_then(|e| pick(e).1)));
        view! {
            <div class="total">
                <dt>{move || i18n.t(label)}</dt>
                <dd data-testid=format!("ce-{testid}")>{text}</dd>
                <dd class="trace"><HowComputed trace=trace testid=testid /></dd>
            </div>
        }
    };
    view! {
        <section class="budget-customer">
            <h2>{move || i18n.t(Msg::BudgetCeTitle)}</h2>
            <p class="hint">{move || i18n.t(Msg::BudgetCeHint)}</p>
            <form class="customer-form" on:submit=|ev| ev.prevent_default()>
                <fieldset>
                    <legend>{move || i18n.t(Msg::BudgetCeAcquisition)}</legend>
                    {fields(vec![
                        (Msg::BudgetCePaidSpend, "ce_paid_spend", |i| &i.paid_spend, |i, v| i.paid_spend = v),
                        (Msg::BudgetCeOtherSpend, "ce_other_spend", |i| &i.other_spend, |i, v| i.other_spend = v),
                        (Msg::BudgetCeSalesSalaries, "ce_sales_salaries", |i| &i.sales_salaries, |i, v| i.sales_salaries = v),
                        (Msg::BudgetCeNewCustomers, "ce_new_customers", |i| &i.new_customers, |i, v| i.new_customers = v),
                        (Msg::BudgetCeNewCustomersPaid, "ce_new_customers_paid", |i| &i.new_customers_paid, |i, v| i.new_customers_paid = v),
                    ])}
                </fieldset>
                <fieldset>
                    <legend>{move || i18n.t(Msg::BudgetCeRetentionGroup)}</legend>
                    {fields(vec![
                        (Msg::BudgetCeRetentionSpend, "ce_retention_spend", |i| &i.retention_spend, |i, v| i.retention_spend = v),
                        (Msg::BudgetCeCustomersRetained, "ce_customers_retained", |i| &i.customers_retained, |i, v| i.customers_retained = v),
                    ])}
                </fieldset>
                <fieldset>
                    <legend>{move || i18n.t(Msg::BudgetCeClvGroup)}</legend>
                    {fields(vec![
                        (Msg::BudgetCeMargin, "ce_margin", |i| &i.margin, |i, v| i.margin = v),
                        (Msg::BudgetCeRetention, "ce_retention", |i| &i.retention, |i, v| i.retention = v),
                        (Msg::BudgetCeDiscount, "ce_discount", |i| &i.discount, |i, v| i.discount = v),
                        (Msg::BudgetCeHorizon, "ce_horizon", |i| &i.horizon, |i, v| i.horizon = v),
                        (Msg::BudgetCePurchaseValue, "ce_purchase_value", |i| &i.purchase_value, |i, v| i.purchase_value = v),
                        (Msg::BudgetCePurchases, "ce_purchases_per_period", |i| &i.purchases_per_period, |i, v| i.purchases_per_period = v),
                        (Msg::BudgetCeLifespan, "ce_lifespan", |i| &i.lifespan, |i, v| i.lifespan = v),
                        (Msg::BudgetCeMarginFraction, "ce_margin_fraction", |i| &i.margin_fraction, |i, v| i.margin_fraction = v),
                    ])}
                </fieldset>
            </form>
            <dl class="totals">
                {row(Msg::BudgetCeCacBlended, "cac-blended", |e| (e.cac_blended.value, e.cac_blended.trace()))}
                {row(Msg::BudgetCeCacNoSalaries, "cac-no-salaries", |e| (e.cac_without_salaries.value, e.cac_without_salaries.trace()))}
                {row(Msg::BudgetCeCacPaid, "cac-paid", |e| (e.cac_paid.value, e.cac_paid.trace()))}
                {row(Msg::BudgetCeRetentionCost, "retention-cost", |e| (e.retention_cost.value, e.retention_cost.trace()))}
                {row(Msg::BudgetCeClvFarris, "clv-farris", |e| (Some(e.clv_farris.value), Some(e.clv_farris.trace())))}
                {row(Msg::BudgetCeClvAtStart, "clv-at-start", |e| (Some(e.clv_at_start.value), Some(e.clv_at_start.trace())))}
                {row(Msg::BudgetCeClvFinite, "clv-finite", |e| (Some(e.clv_finite.value), Some(e.clv_finite.trace())))}
                {row(Msg::BudgetCeClvSimple, "clv-simple", |e| (Some(e.clv_simple.value), Some(e.clv_simple.trace())))}
            </dl>
        </section>
    }
}
