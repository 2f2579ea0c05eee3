//! The intervals where the requirement peaks: what a flat staffing would give
//! there (SL, ASA, abandonment), and the paid cost of meeting the target at
//! the peaks against accepting a lower service level. Where the data set
//! reports agents staffed per interval, each peak is also evaluated at the
//! staffing the data had there (same weekday and slot, latest week).
//! Defaults: the flat staffing starts at the requirement of the peak
//! interval and the hourly cost comes from the saved budget, until the user
//! types their own.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{
    date, peak_default_agents, slot_time, ForecastInputs, ParsedForecast, PeakReport as Report,
};
use crate::storage::{self, Loaded};

/// Which of the peak report's fields still follow their defaults (`auto`) or
/// hold the user's own value (`manual`), kept across reloads.
const AUTO_KEY: &str = "callcalc.forecast.peak-defaults";
const AUTO_KIND: &str = "peak-defaults";

/// `(flat staffing automatic, hourly cost automatic)`: as stored, or, for
/// settings saved before this record existed, automatic while the field
/// still holds the old built-in default.
fn load_auto(inputs: &ForecastInputs) -> (bool, bool) {
    let d = ForecastInputs::default();
    let stored = match storage::read_raw(AUTO_KEY).map(|t| storage::decode(&t, AUTO_KIND, 1)) {
        Some(Loaded::Found(map)) => Some(map),
        _ => None,
    };
    let auto = |key: &str, untouched: bool| match stored.as_ref().and_then(|m| m.get(key)) {
        Some(v) => v == "auto",
        None => untouched,
    };
    (auto("flat", inputs.flat_agents == d.flat_agents), auto("cost", inputs.hourly_cost == d.hourly_cost))
}

fn save_auto(flat: bool, cost: bool) {
    let word = |a: bool| if a { "auto" } else { "manual" };
    storage::write_raw(AUTO_KEY, &storage::encode(AUTO_KIND, 1, &[("flat", word(flat)), ("cost", word(cost))]));
}

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
    // Defaults: the flat staffing follows the requirement at the peak
    // interval and the hourly cost comes from the saved budget, until the
    // user types a value of their own.
    let (flat_auto_0, cost_auto_0) = inputs.with_untracked(load_auto);
    let flat_auto = RwSignal::new(flat_auto_0);
    let cost_auto = RwSignal::new(cost_auto_0);
    let remember = move || save_auto(flat_auto.get_untracked(), cost_auto.get_untracked());
    let set_flat = Callback::new(move |v: String| {
        flat_auto.set(false);
        remember();
        set_flat.run(v);
    });
    let set_cost = Callback::new(move |v: String| {
        cost_auto.set(false);
        remember();
        set_cost.run(v);
    });
    Effect::new(move |_| {
        let want = report.with(|r| match r {
            Some(Ok(p)) => peak_default_agents(p),
            _ => None,
        });
        if let (Some(want), true) = (want, flat_auto.get()) {
            let want = want.to_string();
            if inputs.with_untracked(|f| f.flat_agents != want) {
                inputs.update(|f| f.flat_agents = want);
            }
        }
    });
    // "Hourly cost from the budget": fills the field from the saved budget
    // on this data set (agents' labour per paid agent hour); the field stays
    // editable. Automatic when a budget is saved and the field is untouched.
    let dataset = crate::state::dataset::use_dataset();
    let budget_error = RwSignal::new(None::<String>);
    let budget_cost = move || {
        let (saved, _) = crate::state::budget::SavedBudget::load();
        dataset
            .with(|ds| crate::state::budget::kpi_cost_from_budget(&saved, ds))
            .map_err(|e| crate::state::budget::budget_cost_text(i18n.lang.get_untracked(), &e))
    };
    let from_budget = move |_| match untrack(budget_cost) {
        Ok(c) => {
            inputs.update(|f| f.hourly_cost = format!("{:.2}", c.labour_per_agent_hour()));
            budget_error.set(None);
        }
        Err(e) => budget_error.set(Some(e)),
    };
    let budget_saved = storage::read_raw(crate::state::budget::STORAGE_KEY).is_some();
    let cost_from_saved_budget = RwSignal::new(false);
    Effect::new(move |_| {
        if !budget_saved || !cost_auto.get() {
            cost_from_saved_budget.set(false);
            return;
        }
        // Tracks the data set: another data set, another cost per hour.
        if let Ok(c) = budget_cost() {
            let want = format!("{:.2}", c.labour_per_agent_hour());
            if inputs.with_untracked(|f| f.hourly_cost != want) {
                inputs.update(|f| f.hourly_cost = want);
            }
            cost_from_saved_budget.set(true);
        }
    });
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
            <Show when=move || flat_auto.get()>
                <p class="hint" data-testid="fc-flat-auto">{move || i18n.t(Msg::ForecastFlatAuto)}</p>
            </Show>
            <Show when=move || cost_from_saved_budget.get()>
                <p class="hint" data-testid="fc-cost-auto">{move || i18n.t(Msg::ForecastCostAuto)}</p>
            </Show>
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
