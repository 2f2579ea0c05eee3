//! The budget drivers: staff, pay (with RU/UA/KZ presets as editable
//! defaults), support roles, seats, licences, telephony, rent, hiring costs,
//! overhead, horizon and currency. Every field shows its own error.

use callcalc_engine::{BudgetModel, Country, FieldError};
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::{BudgetInputs, Currency, FteSource};

type Parsed = Memo<Result<BudgetModel, Vec<FieldError>>>;
type Getter = fn(&BudgetInputs) -> &String;
type Setter = fn(&mut BudgetInputs, String);

#[component]
pub fn BudgetForm(inputs: RwSignal<BudgetInputs>, parsed: Parsed) -> impl IntoView {
    let i18n = use_i18n();
    let fields = move |list: Vec<(Msg, &'static str, Getter, Setter)>| {
        list.into_iter()
            .map(|(label, name, get, set)| {
                let (value, on_input) = bind(inputs, get, set);
                view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
            })
            .collect_view()
    };
    let source_error = field_error(parsed, "source");
    let preset = move |country: Country, code: &'static str, label: &'static str| {
        view! {
            <button
                type="button"
                data-testid=format!("budget-preset-{code}")
                on:click=move |_| inputs.update(|i| i.apply_country(country))
            >
                {label}
            </button>
        }
    };
    view! {
        <form class="budget-form" on:submit=|ev| ev.prevent_default()>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecHorizon)}</legend>
                <div class="field">
                    <label for="field-currency">{move || i18n.t(Msg::BudgetCurrency)}</label>
                    <select
                        id="field-currency"
                        data-testid="input-currency"
                        prop:value=move || inputs.with(|i| i.currency.code())
                        on:change=move |ev| {
                            if let Some(c) = Currency::from_code(&event_target_value(&ev)) {
                                inputs.update(|i| i.currency = c);
                            }
                        }
                    >
                        {Currency::ALL
                            .into_iter()
                            .map(|c| view! { <option value=c.code()>{format!("{} {}", c.symbol(), c.code())}</option> })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="field-source">{move || i18n.t(Msg::BudgetSource)}</label>
                    <select
                        id="field-source"
                        data-testid="input-source"
                        prop:value=move || inputs.with(|i| i.source.code())
                        on:change=move |ev| {
                            if let Some(x) = FteSource::from_code(&event_target_value(&ev)) {
                                inputs.update(|i| i.source = x);
                            }
                        }
                    >
                        <option value="history">{move || i18n.t(Msg::BudgetSourceHistory)}</option>
                        <option value="forecast">{move || i18n.t(Msg::BudgetSourceForecast)}</option>
                    </select>
                    {move || source_error.get().map(|e| view! { <span class="error" data-testid="error-source">{e}</span> })}
                </div>
                {fields(vec![
                    (Msg::BudgetMonths, "months", |i| &i.months, |i, v| i.months = v),
                    (Msg::BudgetAht, "aht", |i| &i.aht, |i, v| i.aht = v),
                    (Msg::BudgetIvr, "ivr_deflection", |i| &i.ivr_deflection, |i, v| i.ivr_deflection = v),
                    (Msg::BudgetSlPercent, "sl_percent", |i| &i.sl_percent, |i, v| i.sl_percent = v),
                    (Msg::BudgetSlSeconds, "sl_seconds", |i| &i.sl_seconds, |i, v| i.sl_seconds = v),
                ])}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecStaff)}</legend>
                {fields(vec![
                    (Msg::BudgetShrinkage, "shrinkage", |i| &i.shrinkage, |i, v| i.shrinkage = v),
                    (Msg::BudgetPaidHours, "paid_hours", |i| &i.paid_hours, |i, v| i.paid_hours = v),
                    (Msg::BudgetAttrition, "attrition", |i| &i.attrition, |i, v| i.attrition = v),
                    (Msg::BudgetHiringLead, "hiring_lead", |i| &i.hiring_lead, |i, v| i.hiring_lead = v),
                    (Msg::BudgetPaidTraining, "paid_training", |i| &i.paid_training, |i, v| i.paid_training = v),
                    (Msg::BudgetStartingAgents, "starting_agents", |i| &i.starting_agents, |i, v| i.starting_agents = v),
                ])}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecPay)}</legend>
                <p class="presets">
                    {move || i18n.t(Msg::BudgetPresets)} " "
                    {preset(Country::Ru, "ru", "RU")} " " {preset(Country::Ua, "ua", "UA")} " "
                    {preset(Country::Kz, "kz", "KZ")}
                </p>
                {fields(vec![
                    (Msg::BudgetAgentSalary, "agent_salary", |i| &i.agent_salary, |i, v| i.agent_salary = v),
                    (Msg::BudgetBonus, "bonus", |i| &i.bonus, |i, v| i.bonus = v),
                    (Msg::BudgetPayrollTax, "payroll_tax", |i| &i.payroll_tax, |i, v| i.payroll_tax = v),
                    (Msg::BudgetBenefits, "benefits", |i| &i.benefits, |i, v| i.benefits = v),
                    (Msg::BudgetIndexation, "indexation", |i| &i.indexation, |i, v| i.indexation = v),
                ])}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecRoles)}</legend>
                {fields(vec![
                    (Msg::BudgetSupSpan, "sup_span", |i| &i.sup_span, |i, v| i.sup_span = v),
                    (Msg::BudgetSupSalary, "sup_salary", |i| &i.sup_salary, |i, v| i.sup_salary = v),
                    (Msg::BudgetQaCount, "qa_count", |i| &i.qa_count, |i, v| i.qa_count = v),
                    (Msg::BudgetQaSalary, "qa_salary", |i| &i.qa_salary, |i, v| i.qa_salary = v),
                    (Msg::BudgetTrainerCount, "trainer_count", |i| &i.trainer_count, |i, v| i.trainer_count = v),
                    (Msg::BudgetTrainerSalary, "trainer_salary", |i| &i.trainer_salary, |i, v| i.trainer_salary = v),
                    (Msg::BudgetWfmCount, "wfm_count", |i| &i.wfm_count, |i, v| i.wfm_count = v),
                    (Msg::BudgetWfmSalary, "wfm_salary", |i| &i.wfm_salary, |i, v| i.wfm_salary = v),
                    (Msg::BudgetManagerCount, "manager_count", |i| &i.manager_count, |i, v| i.manager_count = v),
                    (Msg::BudgetManagerSalary, "manager_salary", |i| &i.manager_salary, |i, v| i.manager_salary = v),
                ])}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecSeats)}</legend>
                {fields(vec![
                    (Msg::BudgetSeatSharing, "seat_sharing", |i| &i.seat_sharing, |i, v| i.seat_sharing = v),
                    (Msg::BudgetSeatCapex, "seat_capex", |i| &i.seat_capex, |i, v| i.seat_capex = v),
                    (Msg::BudgetDepYears, "depreciation_years", |i| &i.depreciation_years, |i, v| i.depreciation_years = v),
                    (Msg::BudgetLicence, "licence", |i| &i.licence, |i, v| i.licence = v),
                    (Msg::BudgetRent, "rent", |i| &i.rent, |i, v| i.rent = v),
                ])}
            </fieldset>
            <fieldset>
                <legend>{move || i18n.t(Msg::BudgetSecOther)}</legend>
                {fields(vec![
                    (Msg::BudgetTelephony, "telephony", |i| &i.telephony, |i, v| i.telephony = v),
                    (Msg::BudgetBlocking, "max_blocking", |i| &i.max_blocking, |i, v| i.max_blocking = v),
                    (Msg::BudgetLineCost, "line_cost", |i| &i.line_cost, |i, v| i.line_cost = v),
                    (Msg::BudgetTrainingPerHire, "training_per_hire", |i| &i.training_per_hire, |i, v| i.training_per_hire = v),
                    (Msg::BudgetRecruitmentPerHire, "recruitment_per_hire", |i| &i.recruitment_per_hire, |i, v| i.recruitment_per_hire = v),
                    (Msg::BudgetOverhead, "overhead", |i| &i.overhead, |i, v| i.overhead = v),
                ])}
            </fieldset>
        </form>
    }
}
