//! "Check reported figures": the auditor enters a KPI as a centre reported
//! it; it is recomputed from the data in the chosen variant, the difference
//! shown, and the variant or mistake that reproduces it named.

use callcalc_engine::{Explanation, KpiKey, Verdict};
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, show};
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::kpi::{check_reported, parse_reported, Dashboard, ReportedForm, REPORTABLE};

/// The outcome of a check, computed in a memo.
#[derive(Debug, Clone, PartialEq)]
struct Checked {
    key: KpiKey,
    recomputed: Option<f64>,
    explanation: Option<Explanation>,
}

#[component]
pub fn ReportedCheck(#[prop(into)] dash: Signal<Option<Dashboard>>) -> impl IntoView {
    let i18n = use_i18n();
    let form = RwSignal::new(ReportedForm::default());
    let parsed =
        Memo::new(move |_| form.with(|f| if f.value.trim().is_empty() { None } else { Some(parse_reported(f)) }));
    let checked = Memo::new(move |_| {
        let key = form.with(|f| f.key);
        let r = parsed.get()?.ok()?;
        dash.with(|d| {
            let d = d.as_ref()?;
            Some(Checked {
                key,
                recomputed: d.total.as_ref().and_then(|t| t.value(key, &d.settings)),
                explanation: check_reported(d, &r, key),
            })
        })
    });
    let chosen = Memo::new(move |_| dash.with(|d| d.as_ref().map(|d| d.settings.choice)));
    let error = move || {
        let lang = i18n.lang.get();
        parsed.get().and_then(|r| r.err()).map(|e| problem_text(lang, &e))
    };
    let result = move || {
        let lang = i18n.lang.get();
        checked.get().map(|c| {
            let key = c.key;
            let chosen = chosen.get().and_then(|ch| ch.variant(key));
            let e = c.explanation;
            let diff = e.as_ref().and_then(|e| c.recomputed.map(|v| e.reported.value - v));
            let verdict = e.map(|e| match &e.verdict {
                Verdict::Explained(vs) if chosen.is_some_and(|ch| vs.contains(&ch)) => view! {
                    <p class="ok" data-testid="kpi-reported-verdict" data-verdict="matches">
                        {i18n.t(Msg::KpiMatches)}
                    </p>
                }
                .into_any(),
                Verdict::Explained(vs) => {
                    let names = vs
                        .iter()
                        .map(|v| {
                            let mistake = v.kind() == callcalc_engine::VariantKind::Mistake;
                            view! {
                                <li data-testid=format!("kpi-reported-explained-{}", v.id())>
                                    <code>{v.formula()}</code>
                                    " — "
                                    {v.description()}
                                    {mistake.then(|| format!(" ({})", i18n.t(Msg::KpiMistake)))}
                                    " = "
                                    {show(lang, key, e.value_of(*v))}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <div class="flag" data-testid="kpi-reported-verdict" data-verdict="explained">
                            <p>{i18n.t(Msg::KpiExplainedBy)}</p>
                            <ul>{names}</ul>
                        </div>
                    }
                    .into_any()
                }
                Verdict::Unexplained { closest, .. } => view! {
                    <p class="flag" data-testid="kpi-reported-verdict" data-verdict="unexplained">
                        {i18n.t(Msg::KpiUnexplained)}
                        ": "
                        {closest.map(|v| format!("{} — {} = {}", v.formula(), v.description(), show(lang, key, e.value_of(v))))}
                    </p>
                }
                .into_any(),
            });
            view! {
                <dl class="kpi-reported-result">
                    <dt>{i18n.t(Msg::KpiRecomputed)}</dt>
                    <dd data-testid="kpi-reported-recomputed">{show(lang, key, c.recomputed)}</dd>
                    <dt>{i18n.t(Msg::KpiDifference)}</dt>
                    <dd data-testid="kpi-reported-difference">{show(lang, key, diff)}</dd>
                </dl>
                {verdict}
            }
        })
    };
    view! {
        <section class="kpi-reported" data-testid="kpi-reported">
            <h2>{move || i18n.t(Msg::KpiReported)}</h2>
            <p class="note">{move || i18n.t(Msg::KpiReportedHelp)}</p>
            <div class="field">
                <label for="field-kpi-reported-kpi">{move || i18n.t(Msg::KpiReportedKpi)}</label>
                <select
                    id="field-kpi-reported-kpi"
                    data-testid="kpi-reported-kpi"
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(k) = REPORTABLE.iter().find(|k| k.name() == v) {
                            form.update(|f| f.key = *k);
                        }
                    }
                >
                    {REPORTABLE
                        .iter()
                        .map(|&k| {
                            view! {
                                <option value=k.name() selected=move || form.with(|f| f.key == k)>
                                    {move || i18n.t(column_msg(k))}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field" class:invalid=move || error().is_some()>
                <label for="field-reported_value">{move || i18n.t(Msg::KpiReportedValue)}</label>
                <input
                    id="field-reported_value"
                    type="text"
                    autocomplete="off"
                    data-testid="input-reported_value"
                    prop:value=move || form.with(|f| f.value.clone())
                    on:input=move |ev| form.update(|f| f.value = event_target_value(&ev))
                />
                {move || error().map(|e| view! { <p class="error" data-testid="error-reported_value">{e}</p> })}
            </div>
            {result}
        </section>
    }
}
