//! Scenarios side by side: a form to add a named scenario (drivers left
//! empty stay as in the baseline), the table of FTE, budget, cost per call
//! and SL target with deltas to the baseline, and a bar chart of the budgets.

use callcalc_engine::{FieldError, Scenario};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::budget::{
    scenario_bars, scenario_sl, Comparison, Currency, ScenarioInputs, CHART_LABEL_W, CHART_ROW_H, CHART_W,
};

type Getter = fn(&ScenarioInputs) -> &String;

/// Trace ids of a scenario row (HowComputed takes `&'static str`; rows are few, ids are interned once).
fn cb_id(k: usize) -> &'static str {
    intern(format!("sc-cbfte-{k}"))
}
fn ab_id(k: usize) -> &'static str {
    intern(format!("sc-abandons-{k}"))
}
fn intern(s: String) -> &'static str {
    use std::cell::RefCell;
    use std::collections::BTreeSet;
    thread_local!(static IDS: RefCell<BTreeSet<&'static str>> = const { RefCell::new(BTreeSet::new()) });
    IDS.with(|ids| {
        let mut ids = ids.borrow_mut();
        if let Some(&x) = ids.get(s.as_str()) {
            return x;
        }
        let x: &'static str = Box::leak(s.into_boxed_str());
        ids.insert(x);
        x
    })
}
type Setter = fn(&mut ScenarioInputs, String);

#[component]
pub fn ScenarioCompare(
    scenarios: RwSignal<Vec<ScenarioInputs>>,
    #[prop(into)] comparison: Signal<Option<Comparison>>,
    #[prop(into)] sl_target: Signal<Option<(f64, f64)>>,
    #[prop(into)] currency: Signal<Currency>,
) -> impl IntoView {
    let i18n = use_i18n();
    let draft = RwSignal::new(ScenarioInputs::default());
    let parsed: Memo<Result<Scenario, Vec<FieldError>>> = Memo::new(move |_| draft.with(ScenarioInputs::parse));
    let fields = move |list: Vec<(Msg, &'static str, Getter, Setter)>| {
        list.into_iter()
            .map(|(label, name, get, set)| {
                let (value, on_input) = bind(draft, get, set);
                view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
            })
            .collect_view()
    };
    let add = move |_| {
        if parsed.with(|p| p.is_ok()) {
            let d = draft.get_untracked();
            scenarios.update(|s| s.push(d));
            draft.set(ScenarioInputs::default());
        }
    };
    let money = move |x: f64| format!("{} {}", format::number(i18n.lang.get(), x, 0), currency.get().symbol());
    let signed = move |x: f64, decimals: usize| {
        let s = format::number(i18n.lang.get(), x, decimals);
        if x > 0.0 && s.chars().any(|c| c.is_ascii_digit() && c != '0') {
            format!("+{s}")
        } else {
            s
        }
    };
    let sl_text = move |sl: f64, t: f64| format!("{}/{}", format::number(i18n.lang.get(), sl * 100.0, 0), t);
    let rows = move || {
        let lang = i18n.lang.get();
        comparison.with(|c| {
            let Some(c) = c else { return ().into_any() };
            let base = &c.baseline.totals;
            let base_sl = sl_target.get().map(|(x, t)| sl_text(x, t)).unwrap_or_default();
            let head = view! {
                <tr class="baseline">
                    <td>{i18n.t(Msg::BudgetBaseline)}</td>
                    <td data-testid="sc-fte-base">{format::number(lang, base.average_required_fte, 1)}</td>
                    <td>"—"</td>
                    <td data-testid="sc-cash-base">{money(base.cash)}</td>
                    <td>"—"</td>
                    <td data-testid="sc-cpc-base">{base.cost_per_offered_contact.map(|x| format::number(lang, x, 2))}</td>
                    <td>{base_sl.clone()}</td>
                    <td>
                        <span data-testid="sc-cbfte-base">{format::number(lang, base.average_callback_fte, 1)}</span>
                        <HowComputed trace=Signal::stored(c.baseline.months.first().map(|m| m.trace_callback_fte())) testid="sc-cbfte-base" />
                    </td>
                    <td>
                        <span data-testid="sc-abandons-base">{format::number(lang, base.abandons, 0)}</span>
                        <HowComputed trace=Signal::stored(Some(base.trace_abandons())) testid="sc-abandons-base" />
                    </td>
                    <td></td>
                </tr>
            };
            let list = scenarios.get();
            let others = c
                .rows
                .iter()
                .enumerate()
                .map(|(k, r)| {
                    let remove = move |_| {
                        scenarios.update(|s| {
                            if k < s.len() {
                                s.remove(k);
                            }
                        })
                    };
                    let name = list.get(k).map(|s| s.name.clone()).unwrap_or_default();
                    let button = view! {
                        <button type="button" class="no-print" data-testid=format!("sc-remove-{k}") on:click=remove>
                            {i18n.t(Msg::BudgetScRemove)}
                        </button>
                    };
                    let err_text = |e: &FieldError| format!("{}: {} ({})", i18n.t(Msg::BudgetScInvalid), problem_text(lang, e), e.field);
                    match r {
                        Ok(res) => match &res.outcome {
                            Ok(s) => {
                                let t = &s.budget.totals;
                                let i = list.get(k).cloned().unwrap_or_default();
                                let sl = sl_target.get().map(|base| {
                                    let (x, th) = scenario_sl(base, &i);
                                    sl_text(x, th)
                                });
                                view! {
                                    <tr>
                                        <td data-testid=format!("sc-name-{k}")>{res.name.clone()}</td>
                                        <td data-testid=format!("sc-fte-{k}")>{format::number(lang, t.average_required_fte, 1)}</td>
                                        <td data-testid=format!("sc-dfte-{k}")>{signed(s.delta_average_fte, 1)}</td>
                                        <td data-testid=format!("sc-cash-{k}")>{money(t.cash)}</td>
                                        <td data-testid=format!("sc-dcash-{k}")>{signed(s.delta_cash, 0)}</td>
                                        <td data-testid=format!("sc-cpc-{k}")>{t.cost_per_offered_contact.map(|x| format::number(lang, x, 2))}</td>
                                        <td data-testid=format!("sc-sl-{k}")>{sl}</td>
                                        <td>
                                            <span data-testid=format!("sc-cbfte-{k}")>{format::number(lang, t.average_callback_fte, 1)}</span>
                                            <HowComputed trace=Signal::stored(s.budget.months.first().map(|m| m.trace_callback_fte())) testid=cb_id(k) />
                                        </td>
                                        <td>
                                            <span data-testid=format!("sc-abandons-{k}")>{format::number(lang, t.abandons, 0)}</span>
                                            <HowComputed trace=Signal::stored(Some(t.trace_abandons())) testid=ab_id(k) />
                                        </td>
                                        <td>{button}</td>
                                    </tr>
                                }
                                .into_any()
                            }
                            Err(e) => view! {
                                <tr>
                                    <td>{res.name.clone()}</td>
                                    <td colspan="8" class="error" data-testid=format!("sc-error-{k}")>{err_text(e)}</td>
                                    <td>{button}</td>
                                </tr>
                            }
                            .into_any(),
                        },
                        Err(errs) => view! {
                            <tr>
                                <td>{name}</td>
                                <td colspan="8" class="error" data-testid=format!("sc-error-{k}")>
                                    {errs.iter().map(err_text).collect::<Vec<_>>().join("; ")}
                                </td>
                                <td>{button}</td>
                            </tr>
                        }
                        .into_any(),
                    }
                })
                .collect_view();
            view! { {head} {others} }.into_any()
        })
    };
    let bars = Memo::new(move |_| {
        let label = i18n.t(Msg::BudgetBaseline);
        comparison.with(|c| c.as_ref().map(|c| scenario_bars(c, label)).unwrap_or_default())
    });
    let chart = move || {
        let lang = i18n.lang.get();
        let b = bars.get();
        let h = b.len() as f64 * CHART_ROW_H + 8.0;
        let items = b
            .into_iter()
            .map(|bar| {
                view! {
                    <text x=CHART_LABEL_W - 6.0 y=bar.y + 15.0 class="tick" text-anchor="end">{bar.label.clone()}</text>
                    <rect x=CHART_LABEL_W y=bar.y width=bar.width height=CHART_ROW_H - 8.0 class="bar" />
                    <text x=CHART_LABEL_W + bar.width + 4.0 y=bar.y + 15.0 class="tick">{format::number(lang, bar.value / 1e6, 1)}</text>
                }
            })
            .collect_view();
        view! {
            <svg viewBox=format!("0 0 {} {h}", CHART_W + 60.0) role="img" aria-label=i18n.t(Msg::BudgetScenarios) data-testid="sc-chart">
                {items}
            </svg>
        }
    };
    view! {
        <section class="budget-scenarios">
            <h2>{move || i18n.t(Msg::BudgetScenarios)}</h2>
            <form class="scenario-form no-print" on:submit=move |ev| { ev.prevent_default(); add(()); }>
                <p class="hint">{move || i18n.t(Msg::BudgetScHint)}</p>
                <div class="scenario-fields">
                    {fields(vec![
                        (Msg::BudgetScName, "sc_name", |s| &s.name, |s, v| s.name = v),
                        (Msg::BudgetScVolume, "sc_volume_pct", |s| &s.volume_pct, |s, v| s.volume_pct = v),
                        (Msg::BudgetScAht, "sc_aht", |s| &s.aht, |s, v| s.aht = v),
                        (Msg::BudgetScSl, "sc_sl_percent", |s| &s.sl_percent, |s, v| s.sl_percent = v),
                        (Msg::BudgetScSlSeconds, "sc_sl_seconds", |s| &s.sl_seconds, |s, v| s.sl_seconds = v),
                        (Msg::BudgetScShrinkage, "sc_shrinkage", |s| &s.shrinkage, |s, v| s.shrinkage = v),
                        (Msg::BudgetScAttrition, "sc_attrition", |s| &s.attrition, |s, v| s.attrition = v),
                        (Msg::BudgetScDeflection, "sc_deflection", |s| &s.deflection, |s, v| s.deflection = v),
                        (Msg::BudgetScIndexation, "sc_indexation", |s| &s.indexation, |s, v| s.indexation = v),
                        (Msg::BudgetScAddedContacts, "sc_added_contacts", |s| &s.added_contacts, |s, v| s.added_contacts = v),
                        (Msg::BudgetScAddedAht, "sc_added_aht", |s| &s.added_aht, |s, v| s.added_aht = v),
                        (Msg::BudgetScCallback, "sc_callback_pct", |s| &s.callback_pct, |s, v| s.callback_pct = v),
                        (Msg::BudgetScCallbackMinutes, "sc_callback_minutes", |s| &s.callback_minutes, |s, v| s.callback_minutes = v),
                    ])}
                </div>
                <button type="submit" data-testid="sc-add" prop:disabled=move || parsed.with(|p| p.is_err())>
                    {move || i18n.t(Msg::BudgetScAdd)}
                </button>
            </form>
            <div class="table-scroll">
                <table data-testid="sc-table">
                    <thead>
                        <tr>
                            <th>{move || i18n.t(Msg::BudgetScenario)}</th>
                            <th>{move || i18n.t(Msg::BudgetAvgFte)}</th>
                            <th>{move || i18n.t(Msg::BudgetDeltaFte)}</th>
                            <th>{move || i18n.t(Msg::BudgetCash)}</th>
                            <th>{move || i18n.t(Msg::BudgetDeltaCash)}</th>
                            <th>{move || i18n.t(Msg::BudgetCostPerCall)}</th>
                            <th>{move || i18n.t(Msg::BudgetSlPercent)}</th>
                            <th>{move || i18n.t(Msg::BudgetCallbackFte)}</th>
                            <th>{move || i18n.t(Msg::BudgetAbandons)}</th>
                            <th></th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            <p class="hint" data-testid="sc-callback-note">{move || i18n.t(Msg::BudgetCallbackNote)}</p>
            <figure class="chart">
                <figcaption>{move || i18n.t(Msg::BudgetCash)} ", " {move || format!("M{}", currency.get().symbol())}</figcaption>
                {chart}
            </figure>
        </section>
    }
}
