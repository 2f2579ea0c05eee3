//! Plan vs actual: the user's targets (SL, ASA, AHT, abandonment, cost per
//! contact, monthly budget) and, per row of the current grouping and for the
//! total, each KPI against its plan: actual, plan, difference, met or not.
//! The targets are kept in localStorage (versioned record).

use callcalc_engine::{KpiKey, PlanBook, PlanCheck, PlanExpected, PlanKey};
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

fn expected_msg(e: PlanExpected) -> Msg {
    match e {
        PlanExpected::Header => Msg::KpiPlanExpHeader,
        PlanExpected::Month => Msg::KpiPlanExpMonth,
        PlanExpected::NewMonth => Msg::KpiPlanExpNewMonth,
        PlanExpected::Percent => Msg::KpiPlanExpPercent,
        PlanExpected::Duration => Msg::KpiPlanExpDuration,
        PlanExpected::Amount => Msg::KpiPlanExpAmount,
    }
}

async fn read_bytes(input: web_sys::HtmlInputElement) -> Option<Vec<u8>> {
    let file = input.files()?.get(0)?;
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    Some(js_sys::Uint8Array::new(&buf).to_vec())
}

#[component]
pub fn PlanVsActual(
    #[prop(into)] dash: Signal<Option<Dashboard>>,
    /// The plan as typed (kept in localStorage).
    form: RwSignal<PlanForm>,
    /// A stored plan had to be discarded.
    discarded: bool,
    /// The validated plan (every-month and per-month targets).
    #[prop(into)]
    book: Signal<Option<PlanBook>>,
) -> impl IntoView {
    let i18n = use_i18n();
    Effect::new(move |_| form.with(PlanForm::save));
    let parsed = Memo::new(move |_| form.with(PlanForm::parse));
    let month_file = Memo::new(move |_| form.with(PlanForm::month_file));
    let rows = Memo::new(move |_| {
        book.with(|b| {
            let b = b.as_ref()?;
            if b.is_empty() {
                return None;
            }
            dash.with(|d| d.as_ref().map(|d| plan_rows(d, b)))
        })
    });
    let keys = Memo::new(move |_| {
        rows.with(|rows| {
            let rows = rows.as_deref().unwrap_or_default();
            PlanKey::ALL
                .iter()
                .copied()
                .filter(|k| rows.iter().any(|r| r.checks.iter().any(|c| c.key == *k)))
                .collect::<Vec<_>>()
        })
    });
    let on_file = move |ev: leptos::ev::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        leptos::task::spawn_local(async move {
            if let Some(bytes) = read_bytes(input).await {
                let text = callcalc_engine::decode(&bytes).text;
                form.update(|f| f.months = text);
            }
        });
    };
    let month_list = move || {
        let lang = i18n.lang.get();
        month_file.with(|f| {
            f.months
                .iter()
                .map(|m| {
                    let label = m.label();
                    let t = m.targets;
                    let cell = |k: PlanKey| value(lang, k, t.get(k));
                    view! {
                        <tr data-testid=format!("kpi-plan-month-{label}")>
                            <th scope="row">{label.clone()}</th>
                            <td class="num">{cell(PlanKey::ServiceLevel)}</td>
                            <td class="num">{cell(PlanKey::Aht)}</td>
                            <td class="num">{cell(PlanKey::CostPerContact)}</td>
                            <td class="num">{cell(PlanKey::Budget)}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    let month_errors = move || {
        let lang = i18n.lang.get();
        month_file.with(|f| {
            f.errors
                .iter()
                .enumerate()
                .map(|(i, e)| {
                    view! {
                        <li data-testid=format!("kpi-plan-file-error-{i}") data-row=e.row.to_string() data-column=e.column.clone()>
                            {Msg::KpiPlanRow.text(lang)} " " {e.row} ", " {Msg::KpiPlanColumn.text(lang)} " «" {e.column.clone()} "»: «"
                            {e.text.clone()} "» — " {Msg::KpiPlanExpected.text(lang)} ": " {expected_msg(e.expected).text(lang)}
                        </li>
                    }
                })
                .collect_view()
        })
    };
    let has_months = move || month_file.with(|f| !f.months.is_empty());
    let has_errors = move || month_file.with(|f| !f.errors.is_empty());
    let months_text = Signal::derive(move || form.with(|f| f.months.clone()));
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
            <div class="kpi-plan-months">
                <h3>{move || i18n.t(Msg::KpiPlanMonths)}</h3>
                <p class="note">{move || i18n.t(Msg::KpiPlanMonthsHelp)}</p>
                <label class="field">
                    <span>{move || i18n.t(Msg::KpiPlanMonthsText)}</span>
                    <textarea
                        rows="4"
                        data-testid="input-plan_months"
                        placeholder="month;sl;aht;cost_per_call;budget"
                        prop:value=move || months_text.get()
                        on:input=move |ev| {
                            let v = event_target_value(&ev);
                            form.update(|f| f.months = v);
                        }
                    ></textarea>
                </label>
                <label class="field no-print">
                    <span>{move || i18n.t(Msg::KpiPlanMonthsFile)}</span>
                    <input type="file" accept=".csv,.txt,text/csv" data-testid="kpi-plan-file" on:change=on_file />
                </label>
                <Show when=has_errors>
                    <ul class="error kpi-plan-file-errors" data-testid="kpi-plan-file-errors">{month_errors}</ul>
                </Show>
                <Show when=has_months>
                    <table tabindex="0" class="kpi-table kpi-plan-months-table" data-testid="kpi-plan-months">
                        <thead>
                            <tr>
                                <th scope="col">{move || i18n.t(Msg::KpiPlanMonth)}</th>
                                <th scope="col">{move || i18n.t(Msg::KpiPlanSl)}</th>
                                <th scope="col">{move || i18n.t(Msg::KpiPlanAht)}</th>
                                <th scope="col">{move || i18n.t(Msg::KpiPlanCost)}</th>
                                <th scope="col">{move || i18n.t(Msg::KpiPlanBudget)}</th>
                            </tr>
                        </thead>
                        <tbody>{month_list}</tbody>
                    </table>
                </Show>
            </div>
            <Show
                when=has_rows
                fallback=move || view! { <p class="note" data-testid="kpi-plan-empty">{move || i18n.t(Msg::KpiPlanEmpty)}</p> }
            >
                <div class="kpi-table-wrap" tabindex="0" role="region" aria-label=move || i18n.t(Msg::KpiPlanTitle)>
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
