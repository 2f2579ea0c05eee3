//! The intervals where the requirement peaks: what a flat staffing would give
//! there (SL, ASA, abandonment), and the paid cost of meeting the target at
//! the peaks against accepting a lower service level. Where the data set
//! reports agents staffed per interval, each peak is also evaluated at the
//! staffing the data had there (same weekday and slot, latest week).

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{date, slot_time, ForecastInputs, ParsedForecast, PeakReport as Report};

#[component]
pub fn PeakReport(
    inputs: RwSignal<ForecastInputs>,
    parsed: Memo<Result<ParsedForecast, Vec<FieldError>>>,
    #[prop(into)] report: Signal<Option<Result<Report, String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (flat, set_flat) = bind(inputs, |f| &f.flat_agents, |f, v| f.flat_agents = v);
    let (lower, set_lower) = bind(inputs, |f| &f.lower_sl_percent, |f, v| f.lower_sl_percent = v);
    let (cost, set_cost) = bind(inputs, |f| &f.hourly_cost, |f, v| f.hourly_cost = v);
    // "Hourly cost from the budget": fills the field once from the saved
    // budget on this data set (agents' labour per paid agent hour); the field
    // stays editable and is not kept in sync.
    let dataset = crate::state::dataset::use_dataset();
    let budget_error = RwSignal::new(None::<String>);
    let from_budget = move |_| {
        let (saved, _) = crate::state::budget::SavedBudget::load();
        match dataset.with_untracked(|ds| crate::state::budget::kpi_cost_from_budget(&saved, ds)) {
            Ok(c) => {
                inputs.update(|f| f.hourly_cost = format!("{:.2}", c.labour_per_agent_hour()));
                budget_error.set(None);
            }
            Err(e) => budget_error.set(Some(e)),
        }
    };
    let body = move || {
        let lang = i18n.lang.get();
        let dash = || "—".to_string();
        report.with(|r| match r {
            Some(Ok(p)) => {
                let has_staffed = p.rows.iter().any(|x| x.staffed.is_some());
                // Deferred work: "SL" is the share of items closed by their deadline.
                let deferred = p.rows.iter().any(|x| x.flat.deferred.is_some());
                let (sl_flat, sl_staffed) = if deferred {
                    (Msg::ForecastDeferredColMetFlat, Msg::ForecastDeferredColMetStaffed)
                } else {
                    (Msg::ForecastColSlFlat, Msg::ForecastColSlStaffed)
                };
                let rows = p
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(i, x)| {
                        view! {
                            <tr data-testid=format!("peak-{i}")>
                                <th scope="row">{format!("{} {}", date(x.day), slot_time(x.slot))}</th>
                                <td>{format::number(lang, x.calls, 1)}</td>
                                <td data-testid=format!("peak-{i}-net")>{x.net}</td>
                                <td data-testid=format!("peak-{i}-lower")>{x.net_lower}</td>
                                <td data-testid=format!("peak-{i}-sl")>{format::percent(lang, x.flat.service_level, 1)}</td>
                                <td>{x.flat.asa_s.map(|a| format::number(lang, a, 1)).unwrap_or_else(dash)}</td>
                                <td>{x.flat.abandon.map(|a| format::percent(lang, a, 1)).unwrap_or_else(dash)}</td>
                                {has_staffed.then(|| view! {
                                    <td data-testid=format!("peak-{i}-staffed")>{x.staffed.map(|(a, _)| format::number(lang, a, 1)).unwrap_or_else(dash)}</td>
                                    <td data-testid=format!("peak-{i}-sl-staffed")>{x.staffed.map(|(_, k)| format::percent(lang, k.service_level, 1)).unwrap_or_else(dash)}</td>
                                    <td>{x.staffed.and_then(|(_, k)| k.asa_s).map(|a| format::number(lang, a, 1)).unwrap_or_else(dash)}</td>
                                })}
                            </tr>
                        }
                    })
                    .collect_view();
                view! {
                    {has_staffed.then(|| view! { <p class="hint" data-testid="peak-staffed-note">{Msg::ForecastStaffedNote.text(lang)}</p> })}
                    {deferred.then(|| view! { <p class="hint" data-testid="peak-deferred-note">{Msg::ForecastDeferredPeakNote.text(lang)}</p> })}
                    <table tabindex="0" class="agents-table" data-testid="peak-table">
                        <thead><tr>
                            <th scope="col">{Msg::ForecastColInterval.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColCalls.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColNeeded.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColNeededLower.text(lang)}</th>
                            <th scope="col" data-testid="peak-col-sl">{sl_flat.text(lang)} " (" {p.flat_agents} ")"</th>
                            <th scope="col">{Msg::ForecastColAsaFlat.text(lang)}</th>
                            <th scope="col">{Msg::ForecastColAbandonFlat.text(lang)}</th>
                            {has_staffed.then(|| view! {
                                <th scope="col">{Msg::ForecastColStaffed.text(lang)}</th>
                                <th scope="col">{sl_staffed.text(lang)}</th>
                                <th scope="col">{Msg::ForecastColAsaStaffed.text(lang)}</th>
                            })}
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <dl class="figures">
                        <dt>{Msg::ForecastCostTarget.text(lang)}</dt>
                        <dd data-testid="peak-cost-target">{format::number(lang, p.cost_target, 2)} " (" {format::number(lang, p.paid_hours_target, 1)} " h)"</dd>
                        <dt>{Msg::ForecastCostLower.text(lang)}</dt>
                        <dd data-testid="peak-cost-lower">{format::number(lang, p.cost_lower, 2)} " (" {format::number(lang, p.paid_hours_lower, 1)} " h)"</dd>
                        <dt>{Msg::ForecastSaving.text(lang)}</dt>
                        <dd data-testid="peak-saving">{format::number(lang, p.cost_target - p.cost_lower, 2)}</dd>
                    </dl>
                }
                .into_any()
            }
            Some(Err(e)) => view! { <p class="error">{e.clone()}</p> }.into_any(),
            None => ().into_any(),
        })
    };
    view! {
        <section class="peak-report" data-testid="peak-report">
            <h2>{move || i18n.t(Msg::ForecastPeaks)}</h2>
            <div class="inline-fields">
                <TextField label=Msg::ForecastFlatAgents name="fc_flat_agents" value=flat on_input=set_flat error=field_error(parsed, "fc_flat_agents") />
                <TextField label=Msg::ForecastLowerSl name="fc_lower_sl" value=lower on_input=set_lower error=field_error(parsed, "fc_lower_sl") />
                <TextField label=Msg::ForecastHourlyCost name="fc_hourly_cost" value=cost on_input=set_cost error=field_error(parsed, "fc_hourly_cost") />
            </div>
            <p class="fc-cost-from-budget">
                <button type="button" data-testid="fc-cost-from-budget" on:click=from_budget>
                    {move || i18n.t(Msg::ForecastCostFromBudget)}
                </button>
                " "
                <a href="#budget" data-testid="fc-open-budget">{move || i18n.t(Msg::ForecastOpenBudget)}</a>
                <small>{move || i18n.t(Msg::ForecastCostFromBudgetHint)}</small>
                {move || budget_error.get().map(|e| view! { <span class="error" data-testid="fc-cost-from-budget-error">{e}</span> })}
            </p>
            {body}
        </section>
    }
}
