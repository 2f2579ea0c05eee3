//! Plan vs actual: the user's targets (SL, ASA, AHT, abandonment, cost per
//! contact, monthly budget) and, per row of the current grouping and for the
//! total, each KPI against its plan: actual, plan, difference, met or not.
//! The targets are kept in localStorage (versioned record).

use callcalc_engine::{KpiKey, PlanCheck, PlanKey};
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, missing_msg, show};
use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::kpi::Dashboard;
use crate::state::kpi_plan::{plan_rows, PlanForm};

fn heading(key: PlanKey) -> Msg {
    match key.kpi() {
        Some(k) => column_msg(k),
        None => Msg::KpiPlanSpend,
    }
}

/// Value in the KPI's unit (the budget and spend as money).
fn value(lang: Lang, key: PlanKey, v: Option<f64>) -> String {
    match key.kpi() {
        Some(k) => show(lang, k, v),
        None => show(lang, KpiKey::Cost, v),
    }
}

fn signed(lang: Lang, key: PlanKey, d: Option<f64>) -> String {
    let text = value(lang, key, d);
    match d {
        Some(d) if d > 0.0 => format!("+{text}"),
        _ => text,
    }
}

/// `data-met` value and the verdict in words.
fn verdict(c: &PlanCheck) -> (&'static str, Msg) {
    match c.met {
        Some(true) => ("met", Msg::KpiPlanMet),
        Some(false) => ("missed", Msg::KpiPlanMissed),
        None => ("unknown", c.missing.map_or(Msg::KpiMissingOther, missing_msg)),
    }
}

fn check_cell(lang: Lang, rid: &str, c: &PlanCheck, verdict_text: &'static str) -> impl IntoView {
    let (met, _) = verdict(c);
    let id = format!("kpi-plan-{rid}-{}", c.key.name());
    let title = c.trace.as_ref().map(|t| format!("{} [{}]", t.formula, t.variant)).unwrap_or_default();
    view! {
        <td class=format!("kpi-plan-cell {met}") data-testid=id.clone() data-met=met title=title>
            <span data-testid=format!("{id}-actual")>{value(lang, c.key, c.actual)}</span>
            " / "
            <span data-testid=format!("{id}-plan")>{value(lang, c.key, Some(c.plan))}</span>
            <br />
            <span data-testid=format!("{id}-diff")>{signed(lang, c.key, c.difference)}</span>
            " "
            <span class="kpi-plan-verdict">{verdict_text}</span>
        </td>
    }
}

#[component]
pub fn PlanVsActual(#[prop(into)] dash: Signal<Option<Dashboard>>) -> impl IntoView {
    let i18n = use_i18n();
    let (saved, discarded) = PlanForm::load_saved();
    let form = RwSignal::new(saved);
    Effect::new(move |_| form.with(PlanForm::save));
    let parsed = Memo::new(move |_| form.with(PlanForm::parse));
    let rows = Memo::new(move |_| {
        parsed.with(|p| {
            let p = p.as_ref().ok()?;
            if p.is_empty() {
                return None;
            }
            dash.with(|d| d.as_ref().map(|d| plan_rows(d, p)))
        })
    });
    let keys = Memo::new(move |_| {
        parsed.with(|p| {
            p.as_ref()
                .ok()
                .map(|p| PlanKey::ALL.iter().copied().filter(|k| p.get(*k).is_some()).collect::<Vec<_>>())
                .unwrap_or_default()
        })
    });
    let field = |label: Msg, name: &'static str, get: fn(&PlanForm) -> &String, set: fn(&mut PlanForm, String)| {
        let (value, on_input) = bind(form, get, set);
        view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
    };
    let fields = view! {
        {field(Msg::KpiPlanSl, "plan_service_level", |f| &f.service_level, |f, v| f.service_level = v)}
        {field(Msg::KpiPlanAsa, "plan_asa", |f| &f.asa, |f, v| f.asa = v)}
        {field(Msg::KpiPlanAht, "plan_aht", |f| &f.aht, |f, v| f.aht = v)}
        {field(Msg::KpiPlanAbandonment, "plan_abandonment", |f| &f.abandonment, |f, v| f.abandonment = v)}
        {field(Msg::KpiPlanCost, "plan_cost", |f| &f.cost, |f, v| f.cost = v)}
        {field(Msg::KpiPlanBudget, "plan_budget", |f| &f.budget, |f, v| f.budget = v)}
    };
    let head =
        move || keys.get().into_iter().map(|k| view! { <th scope="col">{i18n.t(heading(k))}</th> }).collect_view();
    let body = move || {
        let lang = i18n.lang.get();
        rows.with(|rows| {
            rows.as_ref().map(|rows| {
                rows.iter()
                    .enumerate()
                    .map(|(i, r)| {
                        let rid = if r.total { "total".to_string() } else { i.to_string() };
                        let label = if r.total { i18n.t(Msg::KpiTotal).to_string() } else { r.label.clone() };
                        let cells =
                            r.checks.iter().map(|c| check_cell(lang, &rid, c, i18n.t(verdict(c).1))).collect_view();
                        view! {
                            <tr class:total=r.total data-testid=format!("kpi-plan-row-{rid}")>
                                <th scope="row">{label}</th>
                                {cells}
                            </tr>
                        }
                    })
                    .collect_view()
            })
        })
    };
    let has_rows = move || rows.with(Option::is_some);
    view! {
        <section class="kpi-plan" data-testid="kpi-plan">
            <h2>{move || i18n.t(Msg::KpiPlanTitle)}</h2>
            <p class="note">{move || i18n.t(Msg::KpiPlanIntro)}</p>
            {discarded.then(|| view! { <p class="notice" data-testid="kpi-plan-discarded">{move || i18n.t(Msg::NoticeCorrupt)}</p> })}
            <div class="kpi-plan-fields">{fields}</div>
            <Show
                when=has_rows
                fallback=move || view! { <p class="note" data-testid="kpi-plan-empty">{move || i18n.t(Msg::KpiPlanEmpty)}</p> }
            >
                <div class="kpi-table-wrap">
                    <table class="kpi-table kpi-plan-table" data-testid="kpi-plan-table">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(Msg::KpiColPeriod)}</th>
                                {head}
                            </tr>
                        </thead>
                        <tbody>{body}</tbody>
                    </table>
                    <p class="note">{move || i18n.t(Msg::KpiPlanLegend)}</p>
                </div>
            </Show>
        </section>
    }
}
