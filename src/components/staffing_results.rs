//! The results of the staffing page: required agents, gross FTE, KPIs at that
//! staffing, the N−3…N+5 table, the chart, and the check of a given head count.

use callcalc_engine::{Binding, Metric, Queue, Trace};
use leptos::prelude::*;

use crate::components::agents_table::AgentsTable;
use crate::components::result_row::ResultRow;
use crate::components::sl_chart::{geometry, SlChart};
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::staffing::StaffingOutcome;

type Outcome = Memo<Option<StaffingOutcome>>;

fn binding_msg(b: Binding) -> Msg {
    match b {
        Binding::NoTraffic => Msg::BindingNone,
        Binding::Stability => Msg::BindingStability,
        Binding::ServiceLevel => Msg::BindingSl,
        Binding::Asa => Msg::BindingAsa,
        Binding::Occupancy => Msg::BindingOcc,
    }
}

#[component]
pub fn StaffingResults(outcome: Outcome, sl_target: Signal<Option<f64>>) -> impl IntoView {
    let i18n = use_i18n();
    // A formatted value of the outcome, or an empty string while inputs are invalid.
    let text = move |f: fn(&StaffingOutcome, Lang) -> String| {
        Signal::derive(move || {
            let lang = i18n.lang.get();
            outcome.with(|o| o.as_ref().map(|o| f(o, lang)).unwrap_or_default())
        })
    };
    let trace = move |f: fn(&StaffingOutcome) -> Trace| Signal::derive(move || outcome.with(|o| o.as_ref().map(f)));
    let kpi_trace = move |m: Metric| Signal::derive(move || outcome.with(|o| o.as_ref().map(|o| o.staffing.kpis.trace(m))));
    let table = Signal::derive(move || outcome.with(|o| o.as_ref().map(|o| o.table.clone()).unwrap_or_default()));
    let required = Signal::derive(move || outcome.with(|o| o.as_ref().map_or(0, |o| o.staffing.agents)));
    let chart = Memo::new(move |_| {
        outcome.with(|o| o.as_ref().map(|o| geometry(&o.chart, sl_target.get(), o.staffing.agents)).unwrap_or_else(|| geometry(&[], None, 0)))
    });
    view! {
        <section class="results" aria-live="polite">
            <h2>{move || i18n.t(Msg::ResultsHeading)}</h2>
            <Show when=move || outcome.with(Option::is_none)>
                <p class="hint" data-testid="results-invalid">{move || i18n.t(Msg::FixInputs)}</p>
            </Show>
            <div class="result-grid">
                <ResultRow
                    label=Msg::Traffic
                    name="traffic"
                    value=text(|o, l| format!("{} {}", format::number(l, o.staffing.traffic_erlangs, 2), Msg::Erlangs.text(l)))
                    trace=trace(|o| o.load.trace())
                />
                <ResultRow
                    label=Msg::AgentsNet
                    name="agents"
                    value=text(|o, _| o.staffing.agents.to_string())
                    trace=trace(|o| o.staffing.trace(&o.targets))
                />
                <p class="binding" data-testid="result-binding">
                    {move || outcome.with(|o| o.as_ref().map(|o| binding_msg(o.staffing.binding).text(i18n.lang.get())))}
                </p>
                <ResultRow label=Msg::AgentsRaw name="raw-agents" value=text(|o, _| o.staffing.raw_agents.to_string()) />
                <ResultRow
                    label=Msg::GrossFte
                    name="gross-fte"
                    value=text(|o, _| o.gross.fte_rounded.to_string())
                    trace=trace(|o| o.gross.trace())
                />
                <ResultRow
                    label=Msg::GrossFteUnrounded
                    name="gross-fte-unrounded"
                    value=text(|o, l| format::number(l, o.gross.fte, 2))
                    trace=trace(|o| o.gross.trace())
                />
                <ResultRow
                    label=Msg::ServiceLevel
                    name="sl"
                    value=text(|o, l| format::percent(l, o.staffing.kpis.service_level, 1))
                    trace=kpi_trace(Metric::ServiceLevel)
                />
                <ResultRow
                    label=Msg::PWait
                    name="pwait"
                    value=text(|o, l| format::percent(l, o.staffing.kpis.p_wait, 1))
                    trace=kpi_trace(Metric::PWait)
                />
                <ResultRow
                    label=Msg::Asa
                    name="asa"
                    value=text(|o, l| format!("{} {}", format::number(l, o.staffing.kpis.asa_s, 1), Msg::Seconds.text(l)))
                    trace=kpi_trace(Metric::Asa)
                />
                <ResultRow
                    label=Msg::Occupancy
                    name="occupancy"
                    value=text(|o, l| format::percent(l, o.staffing.kpis.occupancy, 1))
                    trace=kpi_trace(Metric::Occupancy)
                />
            </div>
            <CheckGiven outcome=outcome />
            <AgentsTable rows=table required=required />
            <SlChart geometry=chart />
        </section>
    }
}

/// KPIs at the head count the user entered, or the unstable-queue message.
#[component]
fn CheckGiven(outcome: Outcome) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        outcome.with(|o| o.as_ref().and_then(|o| o.check)).map(|q| {
            let body = match q {
                Queue::Stable(k) => view! {
                    <dl class="check">
                        <dt>{Msg::ServiceLevel.text(lang)}</dt>
                        <dd data-testid="check-sl">{format::percent(lang, k.service_level, 1)}</dd>
                        <dt>{Msg::Asa.text(lang)}</dt>
                        <dd data-testid="check-asa">{format!("{} {}", format::number(lang, k.asa_s, 1), Msg::Seconds.text(lang))}</dd>
                        <dt>{Msg::Occupancy.text(lang)}</dt>
                        <dd data-testid="check-occupancy">{format::percent(lang, k.occupancy, 1)}</dd>
                    </dl>
                }
                .into_any(),
                Queue::Unstable(u) => view! {
                    <div class="unstable" role="alert" data-testid="check-unstable">
                        <strong>{Msg::Unstable.text(lang)}</strong>
                        " — "
                        {Msg::UnstableExplain.text(lang)}
                        " "
                        {format::number(lang, u.traffic_erlangs, 2)}
                        "."
                    </div>
                }
                .into_any(),
            };
            view! {
                <section class="check-given">
                    <h3>{Msg::CheckHeading.text(lang)} " (N = " {q.agents()} ")"</h3>
                    {body}
                </section>
            }
        })
    }
}
