//! What the given agents and lines achieve (Erlang X), and the surplus or
//! deficit against the agents the service-level target needs.

use callcalc_engine::{ErlangXMetric, ErlangXResult};
use leptos::prelude::*;

use crate::components::how_computed::HowComputed;
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::models::Capacity;

#[component]
pub fn CapacityReport(#[prop(into)] capacity: Signal<Option<Capacity>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        capacity.get().map(|c| {
            let kpis = match &c.result {
                ErlangXResult::Stable(k) => {
                    let k = *k;
                    let pct = |x: f64| format::percent(lang, x, 1);
                    let rows = vec![
                        (
                            Msg::Traffic,
                            "traffic",
                            format!("{} {}", format::number(lang, k.traffic_erlangs, 2), Msg::Erlangs.text(lang)),
                            None,
                        ),
                        (
                            Msg::TotalLoad,
                            "total-load",
                            format!(
                                "{} {}",
                                format::number(lang, k.total_offered_load_erlangs, 2),
                                Msg::Erlangs.text(lang)
                            ),
                            None,
                        ),
                        (
                            Msg::SlOverOffered,
                            "sl",
                            pct(k.sl_answered_within_t_over_attempts.value),
                            Some(k.trace(ErlangXMetric::ServiceLevel(
                                callcalc_engine::SlDefinition::AnsweredOverOffered,
                            ))),
                        ),
                        (
                            Msg::Asa,
                            "asa",
                            k.asa_served_s
                                .map(|a| format!("{} {}", format::number(lang, a, 1), Msg::Seconds.text(lang)))
                                .unwrap_or_else(|| Msg::NotApplicable.text(lang).into()),
                            Some(k.trace(ErlangXMetric::AsaServed)),
                        ),
                        (Msg::PAbandon, "abandon", pct(k.p_abandon), Some(k.trace(ErlangXMetric::Abandonment))),
                        (Msg::PBlock, "block", pct(k.p_block), Some(k.trace(ErlangXMetric::Blocking))),
                        (Msg::Occupancy, "occupancy", pct(k.occupancy), Some(k.trace(ErlangXMetric::Occupancy))),
                    ];
                    rows.into_iter()
                        .map(|(label, key, value, trace)| {
                            view! {
                                <div class="result">
                                    <div class="result-line">
                                        <span class="result-label">{label.text(lang)}</span>
                                        <output class="result-value" data-testid=format!("cap-{key}")>{value}</output>
                                    </div>
                                    {trace.map(|t| view! { <HowComputed trace=Signal::stored(Some(t)) testid=key /> })}
                                </div>
                            }
                        })
                        .collect_view()
                        .into_any()
                }
                ErlangXResult::Unstable(u) => view! {
                    <div class="unstable" role="alert" data-testid="cap-unstable">
                        <strong>{Msg::Unstable.text(lang)}</strong> " — " {Msg::UnstableExplain.text(lang)} " "
                        {format::number(lang, u.traffic_erlangs, 2)} "."
                    </div>
                }
                .into_any(),
            };
            let required = c.required.map(|n| n.to_string()).unwrap_or_else(|| Msg::Unreachable.text(lang).into());
            let surplus = c.surplus.map(|s| if s > 0 { format!("+{s}") } else { s.to_string() }).unwrap_or_default();
            view! {
                <div class="result-grid">{kpis}</div>
                <div class="result-grid">
                    <div class="result"><div class="result-line">
                        <span class="result-label">{Msg::RequiredForTarget.text(lang)}</span>
                        <output class="result-value" data-testid="cap-required">{required}</output>
                    </div></div>
                    <div class="result"><div class="result-line">
                        <span class="result-label">{Msg::Surplus.text(lang)}</span>
                        <output class="result-value" data-testid="cap-surplus">{surplus}</output>
                    </div></div>
                </div>
                <p class="binding" class:unstable=!c.meets_target data-testid="cap-verdict">
                    {if c.meets_target { Msg::MeetsTarget.text(lang) } else { Msg::MissesTarget.text(lang) }}
                </p>
            }
        })
    }
}
