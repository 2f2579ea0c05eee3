//! The trace of one KPI cell: formula, variant and source, the totals
//! substituted, the interval (and agent-report) rows they were summed from,
//! the result, and the other variants' values on the same totals.

use callcalc_engine::{KpiCell, KpiVariant, VariantKind};
use leptos::prelude::*;

use crate::components::kpi_table::{column_msg, missing_msg, show};
use crate::format;
use crate::i18n::{trace_meaning, trace_variant, use_i18n, Msg, Noun};
use crate::plural;

/// What the trace panel shows: the row's label and span, and the cell.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedCell {
    pub row_label: String,
    /// First and last interval start, as text.
    pub first: String,
    pub last: String,
    pub intervals: usize,
    pub agent_rows: usize,
    pub cell: KpiCell,
    /// The variant chosen for the column (for marking it among the others).
    pub chosen: Option<KpiVariant>,
}

#[component]
pub fn KpiTrace(#[prop(into)] traced: Signal<Option<TracedCell>>, on_close: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        traced.get().map(|t| {
            let lang = i18n.lang.get();
            let key = t.cell.key;
            let body = match &t.cell.trace {
                Some(tr) => {
                    let inputs = tr
                        .inputs
                        .iter()
                        .map(|inp| {
                            view! {
                                <li>
                                    <code>{inp.symbol}</code>
                                    " = "
                                    {format::plain(lang, inp.value)}
                                    {(!inp.unit.is_empty()).then(|| format!(" {}", inp.unit))}
                                    " — "
                                    {trace_meaning(lang, inp.symbol, inp.meaning)}
                                </li>
                            }
                        })
                        .collect_view();
                    view! {
                        <dl>
                            <dt>{i18n.t(Msg::Formula)}</dt>
                            <dd><code data-testid="kpi-trace-formula">{tr.formula}</code></dd>
                            <dt>{i18n.t(Msg::Variant)}</dt>
                             <dd data-testid="kpi-trace-variant">{trace_variant(lang, tr.id, tr.variant)} " (" <code>{tr.id}</code> ")"</dd>
                            <dt>{i18n.t(Msg::InputsSubstituted)}</dt>
                            <dd><ul data-testid="kpi-trace-inputs">{inputs}</ul></dd>
                            <dt>{i18n.t(Msg::Result)}</dt>
                            <dd data-testid="kpi-trace-result">{show(lang, key, Some(tr.result))}</dd>
                            <dt>{i18n.t(Msg::Source)}</dt>
                            <dd class="source" data-testid="kpi-trace-source">{tr.source}</dd>
                        </dl>
                    }
                    .into_any()
                }
                None => view! {
                    <p class="error" data-testid="kpi-trace-missing">
                        {i18n.t(Msg::KpiTraceNone)}
                        ": "
                        {t.cell.missing.map(|m| i18n.t(missing_msg(m)))}
                    </p>
                }
                .into_any(),
            };
            let others = t
                .cell
                .variants
                .iter()
                .map(|k| {
                    let chosen = Some(k.variant) == t.chosen;
                    let mistake = k.variant.kind() == VariantKind::Mistake;
                    view! {
                        <tr class:chosen=chosen data-testid=format!("kpi-trace-other-{}", k.variant.id())>
                            <td><code>{k.variant.formula()}</code></td>
                            <td>
                                {trace_variant(lang, k.variant.id(), k.variant.description())}
                                {mistake.then(|| format!(" ({})", i18n.t(Msg::KpiMistake)))}
                            </td>
                            <td class="num">{show(lang, key, k.value)}</td>
                        </tr>
                    }
                })
                .collect_view();
            let has_others = !t.cell.variants.is_empty();
            view! {
                <section class="kpi-trace" data-testid="kpi-trace" aria-live="polite">
                    <h2>
                        {i18n.t(Msg::KpiTraceTitle)} ": " {i18n.t(column_msg(key))} " — "
                        <span data-testid="kpi-trace-row">{t.row_label.clone()}</span>
                    </h2>
                    <button type="button" class="kpi-trace-close no-print" data-testid="kpi-trace-close" on:click=move |_| on_close.run(())>
                        {i18n.t(Msg::KpiTraceClose)}
                    </button>
                    {body}
                    <p data-testid="kpi-trace-rows">
                        {i18n.t(Msg::KpiTraceRows)} ": " {plural::count(lang, t.intervals as u64, Noun::Interval)} " ("
                        {t.first.clone()} " … " {t.last.clone()} ")"
                        {(t.agent_rows > 0)
                            .then(|| format!(", {}", plural::count(lang, t.agent_rows as u64, Noun::AgentReportRow)))}
                    </p>
                    {has_others
                        .then(|| {
                            view! {
                                <h3>{i18n.t(Msg::KpiTraceOthers)}</h3>
                                <table tabindex="0" class="kpi-variants" data-testid="kpi-trace-others">
                                    <tbody>{others}</tbody>
                                </table>
                            }
                        })}
                </section>
            }
        })
    }
}
