//! The budget page: drivers (form) on the workload of the shared data set →
//! monthly budget with totals and traces, scenarios side by side, the
//! tornado, the investment case, exports. Every derived number comes from a
//! memo that calls the engine through `state::budget`.

use callcalc_engine::{BudgetMeasure, BudgetModel, FieldError};
use leptos::prelude::*;

use crate::components::budget_export::BudgetExport;
use crate::components::budget_form::BudgetForm;
use crate::components::budget_table::BudgetTable;
use crate::components::customer_economics::CustomerEconomics;
use crate::components::data_set_badge::DataSetBadge;
use crate::components::investment_case::InvestmentCase;
use crate::components::notice::Notice;
use crate::components::scenario_compare::ScenarioCompare;
use crate::components::tornado::Tornado;
use crate::format;
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::budget::{
    compare, dataset_workload, forecast_work, tornado_of, ForecastWork, FteSource, InvestmentInputs, SavedBudget,
    WorkloadProblem,
};
use crate::state::coverage::{month_scale_text, short_history_text, Need};
use crate::state::dataset::use_dataset;

fn current_hash() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default()
}

#[component]
pub fn BudgetPage() -> impl IntoView {
    let i18n = use_i18n();
    let dataset = use_dataset();
    let work = Memo::new(move |_| dataset.with(dataset_workload));
    // A link's budget wins over the stored one.
    let (saved, discarded, from_link) = match SavedBudget::from_hash(&current_hash()) {
        Some(s) => (s, false, true),
        None => {
            let (s, d) = SavedBudget::load();
            (s, d, false)
        }
    };
    let inputs = RwSignal::new(saved.inputs);
    let scenarios = RwSignal::new(saved.scenarios);
    let ce_inputs = RwSignal::new(saved.customer);
    let notice = RwSignal::new(discarded);
    let link_notice = RwSignal::new(from_link);
    Effect::new(move |_| {
        let s = SavedBudget { inputs: inputs.get(), scenarios: scenarios.get(), customer: ce_inputs.get() };
        s.save();
    });
    // The forecast of the next 12 months, computed only while the forecast source is chosen.
    let use_forecast = Memo::new(move |_| inputs.with(|i| i.source == FteSource::Forecast));
    let forecast: Memo<Option<Result<ForecastWork, String>>> =
        Memo::new(move |_| use_forecast.get().then(|| dataset.with(forecast_work)));
    let parsed: Memo<Result<BudgetModel, Vec<FieldError>>> = Memo::new(move |_| {
        work.with(|w| match w {
            Ok(w) => forecast.with(|f| {
                let fw = f.as_ref().and_then(|f| f.as_ref().ok());
                inputs.with(|i| i.parse_with(w, fw))
            }),
            Err(_) => Err(Vec::new()),
        })
    });
    let source_text = move || {
        let lang = i18n.lang.get();
        if !use_forecast.get() {
            return work.with(|w| match w {
                Ok(w) => format!(
                    "{} {}",
                    i18n.t(Msg::BudgetSourceUsedHistory),
                    format::number(lang, w.monthly_contacts.len() as f64, 0)
                ),
                Err(_) => String::new(),
            });
        }
        forecast.with(|f| match f {
            Some(Ok(f)) => {
                let (y0, m0) = f.months.first().copied().unwrap_or_default();
                let (y1, m1) = f.months.last().copied().unwrap_or_default();
                let days: usize = f.month_days.iter().map(Vec::len).sum();
                format!(
                    "{} {y0}-{m0:02} … {y1}-{m1:02}, {}, {}: {}",
                    i18n.t(Msg::BudgetSourceUsedForecast),
                    crate::plural::count(lang, days as u64, crate::i18n::Noun::ForecastDay),
                    i18n.t(Msg::BudgetSourceMethod),
                    f.method
                )
            }
            Some(Err(e)) => format!("{}: {e}", i18n.t(Msg::BudgetSourceFailed)),
            None => String::new(),
        })
    };
    let comparison = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(|m| scenarios.with(|s| compare(m, s)))));
    let baseline = Signal::derive(move || comparison.with(|c| c.as_ref().map(|c| c.baseline.clone())));
    let measure = RwSignal::new(BudgetMeasure::Cash);
    let rows = Memo::new(move |_| parsed.with(|p| p.as_ref().ok().map(|m| tornado_of(m, measure.get()))));
    let sl = Signal::derive(move || {
        parsed.with(|p| p.as_ref().ok().map(|m| (m.input().sl_target, m.input().sl_threshold_s)))
    });
    let currency = Signal::derive(move || inputs.with(|i| i.currency));
    let inv_inputs = RwSignal::new(InvestmentInputs::default());
    let investment = Memo::new(move |_| {
        parsed.with(|p| match p {
            Ok(m) => inv_inputs.with(|i| i.evaluate(m)),
            Err(_) => Err(Vec::new()),
        })
    });
    let economics = Memo::new(move |_| ce_inputs.with(|i| i.evaluate()));
    let work_text = move || {
        let lang = i18n.lang.get();
        work.with(|w| match w {
            Ok(w) => format!(
                "{}: {} {} {} {}",
                i18n.t(Msg::BudgetWorkload),
                w.monthly_contacts.len(),
                i18n.t(Msg::BudgetMonthsOfData),
                format::number(lang, w.aht_s, 0),
                i18n.t(Msg::Seconds)
            ),
            Err(WorkloadProblem::TooShort(_)) => String::new(),
            Err(_) => i18n.t(Msg::BudgetNoData).to_string(),
        })
    };
    // A history too short for a month's volume: refused, saying what is needed.
    let refusal = move || {
        let lang = i18n.lang.get();
        work.with(|w| match w {
            Err(WorkloadProblem::TooShort(s)) => Some(view! {
                <p class="error" data-testid="budget-too-short">{short_history_text(lang, Need::Budget, s)}</p>
            }),
            _ => None,
        })
    };
    // Months the data covers only partly: their scaling, one line each.
    let scaling = move || {
        let lang = i18n.lang.get();
        work.with(|w| {
            let w = w.as_ref().ok()?;
            let lines: Vec<String> = w.scaled_months().map(|m| month_scale_text(lang, &m.coverage, m.scale)).collect();
            (!lines.is_empty()).then(|| {
                view! {
                    <div class="notice" data-testid="budget-scaling">
                        <p>{i18n.t(Msg::CovScaledNote)}</p>
                        <ul>
                            {lines.into_iter().enumerate().map(|(i, l)| view! { <li data-testid=format!("budget-scaling-{i}")>{l}</li> }).collect_view()}
                        </ul>
                    </div>
                }
            })
        })
    };
    let errors = move || {
        let lang = i18n.lang.get();
        parsed.with(|p| match p {
            Err(errs) if !errs.is_empty() => Some(view! {
                <div class="error" data-testid="budget-errors">
                    {i18n.t(Msg::BudgetErrors)} " "
                    {errs.iter().map(|e| format!("{} ({})", problem_text(lang, e), e.field)).collect::<Vec<_>>().join("; ")}
                </div>
            }),
            _ => None,
        })
    };
    view! {
        <section class="page budget-page">
            <h1>{move || i18n.t(Msg::NavBudget)}</h1>
            <DataSetBadge />
            <p class="workload" data-testid="budget-workload">{work_text}</p>
            {refusal}
            {scaling}
            <p class="workload" data-testid="budget-source-used">{source_text}</p>
            <Notice message=Msg::NoticeCorrupt visible=notice testid="notice-storage" />
            <Notice message=Msg::BudgetFromLink visible=link_notice testid="budget-from-link" />
            <div class="columns">
                <BudgetForm inputs=inputs parsed=parsed />
                <div class="budget-results">
                    {errors}
                    <BudgetTable budget=baseline currency=currency />
                </div>
            </div>
            <ScenarioCompare scenarios=scenarios comparison=comparison sl_target=sl currency=currency />
            <Tornado rows=rows measure=measure />
            <InvestmentCase inputs=inv_inputs outcome=investment currency=currency />
            <CustomerEconomics inputs=ce_inputs outcome=economics currency=currency />
            <BudgetExport inputs=inputs scenarios=scenarios customer=ce_inputs economics=economics parsed=parsed comparison=comparison />
        </section>
    }
}
