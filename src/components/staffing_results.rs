//! The results of the staffing page: required agents, gross FTE, KPIs at that
//! staffing, the N−3…N+5 table, the chart, and the check of a given head count.

use callcalc_engine::Trace;
use leptos::prelude::*;

use crate::components::agents_table::AgentsTable;
use crate::components::result_row::ResultRow;
use crate::components::sl_chart::{geometry, SlChart};
use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::staffing::{Decided, KpiRow, StaffingOutcome, Traces};

type Outcome = Memo<Option<StaffingOutcome>>;

fn decided_msg(d: Decided) -> Msg {
    match d {
        Decided::NoTraffic => Msg::BindingNone,
        Decided::Stability => Msg::BindingStability,
        Decided::ServiceLevel => Msg::BindingSl,
        Decided::Asa => Msg::BindingAsa,
        Decided::Occupancy => Msg::BindingOcc,
        Decided::Abandonment => Msg::BindingAbandon,
        Decided::Blocking => Msg::BindingBlock,
        Decided::Deadline => Msg::BindingDeadline,
    }
}

fn pct(l: Lang, x: f64) -> String {
    format::percent(l, x, 1)
}

fn secs(l: Lang, x: f64) -> String {
    format!("{} {}", format::number(l, x, 1), Msg::Seconds.text(l))
}

#[component]
pub fn StaffingResults(outcome: Outcome, sl_target: Signal<Option<f64>>) -> impl IntoView {
    let i18n = use_i18n();
    // A formatted value of the outcome, or an empty string while inputs are invalid.
    let text = move |f: fn(&StaffingOutcome, Lang) -> Option<String>| {
        Signal::derive(move || {
            let lang = i18n.lang.get();
            outcome.with(|o| o.as_ref().and_then(|o| f(o, lang))).unwrap_or_default()
        })
    };
    // A KPI at the required agents, or "n/a" where the model has none.
    let kpi = move |get: fn(&KpiRow) -> Option<f64>, show: fn(Lang, f64) -> String| {
        Signal::derive(move || {
            let lang = i18n.lang.get();
            outcome
                .with(|o| {
                    o.as_ref()
                        .and_then(|o| o.at)
                        .map(|r| get(&r).map(|x| show(lang, x)).unwrap_or_else(|| Msg::NotApplicable.text(lang).into()))
                })
                .unwrap_or_default()
        })
    };
    let trace = move |f: fn(&Traces) -> &Option<Trace>| {
        Signal::derive(move || outcome.with(|o| o.as_ref().and_then(|o| f(&o.traces).clone())))
    };
    let table = Signal::derive(move || outcome.with(|o| o.as_ref().map(|o| o.table.clone()).unwrap_or_default()));
    let required = Signal::derive(move || outcome.with(|o| o.as_ref().and_then(|o| o.agents).unwrap_or(0)));
    let chart = Memo::new(move |_| {
        outcome.with(|o| {
            o.as_ref()
                .map(|o| geometry(&o.chart, sl_target.get(), o.agents.unwrap_or(0)))
                .unwrap_or_else(|| geometry(&[], None, 0))
        })
    });
    let has_queue = move || outcome.with(|o| o.as_ref().is_some_and(|o| !o.table.is_empty()));
    view! {
        <section class="results" aria-live="polite">
            <h2>{move || i18n.t(Msg::ResultsHeading)}</h2>
            <Show when=move || outcome.with(Option::is_none)>
                <p class="hint" data-testid="results-invalid">{move || i18n.t(Msg::FixInputs)}</p>
            </Show>
            <Show when=move || outcome.with(|o| o.as_ref().is_some_and(|o| o.agents.is_none()))>
                <p class="unstable" role="alert" data-testid="result-unreachable">{move || i18n.t(Msg::TargetUnreachable)}</p>
            </Show>
            <div class="result-grid">
                <ResultRow
                    label=Msg::Traffic
                    name="traffic"
                    value=text(|o, l| Some(format!("{} {}", format::number(l, o.traffic_erlangs, 2), Msg::Erlangs.text(l))))
                    trace=trace(|t| &t.traffic)
                />
                <ResultRow label=Msg::AgentsNet name="agents" value=text(|o, _| o.agents.map(|n| n.to_string())) trace=trace(|t| &t.agents) />
                <p class="binding" data-testid="result-binding">
                    {move || outcome.with(|o| o.as_ref().filter(|o| o.agents.is_some()).map(|o| decided_msg(o.decided).text(i18n.lang.get())))}
                </p>
                <Show when=move || outcome.with(|o| o.as_ref().is_some_and(|o| o.raw_agents.is_some()))>
                    <ResultRow label=Msg::AgentsRaw name="raw-agents" value=text(|o, _| o.raw_agents.map(|n| n.to_string())) />
                </Show>
                <ResultRow label=Msg::GrossFte name="gross-fte" value=text(|o, _| o.gross.map(|g| g.fte_rounded.to_string())) trace=trace(|t| &t.gross) />
                <ResultRow
                    label=Msg::GrossFteUnrounded
                    name="gross-fte-unrounded"
                    value=text(|o, l| o.gross.map(|g| format::number(l, g.fte, 2)))
                    trace=trace(|t| &t.gross)
                />
                <ResultRow label=Msg::ServiceLevel name="sl" value=kpi(|r| r.service_level, pct) trace=trace(|t| &t.service_level) />
                <ResultRow label=Msg::PWait name="pwait" value=kpi(|r| r.p_wait, pct) trace=trace(|t| &t.p_wait) />
                <ResultRow label=Msg::Asa name="asa" value=kpi(|r| r.asa_s, secs) trace=trace(|t| &t.asa) />
                <ResultRow label=Msg::Occupancy name="occupancy" value=kpi(|r| r.occupancy, pct) trace=trace(|t| &t.occupancy) />
                <Show when=move || outcome.with(|o| o.as_ref().and_then(|o| o.at).is_some_and(|r| r.p_abandon.is_some()))>
                    <ResultRow label=Msg::PAbandon name="abandon" value=kpi(|r| r.p_abandon, pct) trace=trace(|t| &t.p_abandon) />
                </Show>
                <Show when=move || outcome.with(|o| o.as_ref().and_then(|o| o.at).is_some_and(|r| r.p_block.is_some()))>
                    <ResultRow label=Msg::PBlock name="block" value=kpi(|r| r.p_block, pct) trace=trace(|t| &t.p_block) />
                </Show>
            </div>
            <CheckGiven outcome=outcome />
            <Show when=has_queue>
                <AgentsTable rows=table required=required />
                <SlChart geometry=chart />
            </Show>
        </section>
    }
}

/// KPIs at the head count the user entered, or the unstable-queue message.
#[component]
fn CheckGiven(outcome: Outcome) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        outcome.with(|o| o.as_ref().and_then(|o| o.check.map(|c| (c, o.traffic_erlangs)))).map(|(r, traffic)| {
            let na = || Msg::NotApplicable.text(lang).to_string();
            let body = if r.unstable {
                view! {
                    <div class="unstable" role="alert" data-testid="check-unstable">
                        <strong>{Msg::Unstable.text(lang)}</strong>
                        " — "
                        {Msg::UnstableExplain.text(lang)}
                        " "
                        {format::number(lang, traffic, 2)}
                        "."
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <dl class="check">
                        <dt>{Msg::ServiceLevel.text(lang)}</dt>
                        <dd data-testid="check-sl">{r.service_level.map(|x| pct(lang, x)).unwrap_or_else(na)}</dd>
                        <dt>{Msg::Asa.text(lang)}</dt>
                        <dd data-testid="check-asa">{r.asa_s.map(|x| secs(lang, x)).unwrap_or_else(na)}</dd>
                        <dt>{Msg::Occupancy.text(lang)}</dt>
                        <dd data-testid="check-occupancy">{r.occupancy.map(|x| pct(lang, x)).unwrap_or_else(na)}</dd>
                        {r.p_abandon.map(|x| view! { <dt>{Msg::PAbandon.text(lang)}</dt><dd data-testid="check-abandon">{pct(lang, x)}</dd> })}
                    </dl>
                }
                .into_any()
            };
            view! {
                <section class="check-given">
                    <h3>{Msg::CheckHeading.text(lang)} " (N = " {r.agents} ")"</h3>
                    {body}
                </section>
            }
        })
    }
}
