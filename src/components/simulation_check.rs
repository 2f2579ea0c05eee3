//! Runs the seeded simulation of the true dynamics next to the formula's
//! numbers, with 95% intervals, and warns where the formula falls outside.

use callcalc_engine::{ErlangXKpis, Estimate, FieldError, SimulationResult};
use leptos::prelude::*;

use crate::format;
use crate::i18n::{problem_text, use_i18n, Msg};
use crate::state::models::{simulate_capacity, ParsedModels};

/// Seed of the simulation: fixed, so the same inputs give the same numbers.
const SEED: u64 = 20_261_127;

/// One compared quantity: the formula's value and the simulation's estimate.
#[derive(Clone, Debug, PartialEq)]
pub struct SimRow {
    pub key: &'static str,
    pub label: Msg,
    pub percent: bool,
    pub formula: Option<f64>,
    pub estimate: Estimate,
}

impl SimRow {
    /// The formula lies inside the simulation's 95% interval (a zero-width
    /// interval is widened by a relative 1e-9 so exact agreement counts).
    pub fn agrees(&self) -> Option<bool> {
        self.formula.map(|f| (f - self.estimate.mean).abs() <= self.estimate.half_width_95.max(1e-9 * f.abs()))
    }
}

/// Pairs the formula's KPIs with the simulation's estimates.
pub fn rows(k: &ErlangXKpis, s: &SimulationResult) -> Vec<SimRow> {
    vec![
        SimRow { key: "block", label: Msg::PBlock, percent: true, formula: Some(k.p_block), estimate: s.p_block },
        SimRow {
            key: "abandon",
            label: Msg::PAbandon,
            percent: true,
            formula: Some(k.p_abandon),
            estimate: s.p_abandon,
        },
        SimRow {
            key: "sl",
            label: Msg::SlOverOffered,
            percent: true,
            formula: Some(k.sl_answered_within_t_over_attempts.value),
            estimate: s.sl_answered_within_t_over_attempts,
        },
        SimRow { key: "asa", label: Msg::Asa, percent: false, formula: k.asa_served_s, estimate: s.asa_served_s },
    ]
}

#[component]
pub fn SimulationCheck(
    parsed: Memo<Result<ParsedModels, Vec<FieldError>>>,
    #[prop(into)] formula: Signal<Option<ErlangXKpis>>,
) -> impl IntoView {
    let i18n = use_i18n();
    // The result, with the inputs it was computed for: shown only while they are current.
    let result: RwSignal<Option<(ParsedModels, Result<SimulationResult, FieldError>)>> = RwSignal::new(None);
    let run = move |_| {
        if let Ok(p) = parsed.get_untracked() {
            result.set(Some((p, simulate_capacity(&p, SEED))));
        }
    };
    let current = Memo::new(move |_| {
        let p = parsed.get().ok()?;
        result.with(|r| r.as_ref().filter(|(q, _)| *q == p).map(|(_, s)| s.clone()))
    });
    view! {
        <section class="check-given simulation">
            <h3>{move || i18n.t(Msg::SimHeading)}</h3>
            <button type="button" data-testid="sim-run" on:click=run disabled=move || parsed.with(Result::is_err)>
                {move || i18n.t(Msg::SimRun)}
            </button>
            <p class="source">{move || i18n.t(Msg::SimNote)}</p>
            {move || {
                let lang = i18n.lang.get();
                match (current.get(), formula.get()) {
                    (Some(Err(e)), _) => Some(view! { <p class="error" data-testid="sim-error">{problem_text(lang, &e)}</p> }.into_any()),
                    (Some(Ok(s)), Some(k)) => {
                        let rows = rows(&k, &s);
                        let any_disagree = rows.iter().any(|r| r.agrees() == Some(false));
                        let show = move |percent: bool, x: f64| if percent { format::percent(lang, x, 2) } else { format::number(lang, x, 2) };
                        let body = rows
                            .iter()
                            .map(|r| {
                                let est = format!("{} ± {}", show(r.percent, r.estimate.mean), show(r.percent, r.estimate.half_width_95));
                                let status = match r.agrees() {
                                    Some(true) => Msg::SimAgree.text(lang),
                                    Some(false) => Msg::SimDisagree.text(lang),
                                    None => Msg::NotApplicable.text(lang),
                                };
                                view! {
                                    <tr class:unstable=r.agrees() == Some(false)>
                                        <th scope="row">{r.label.text(lang)}</th>
                                        <td data-testid=format!("sim-{}-formula", r.key)>{r.formula.map(|f| show(r.percent, f)).unwrap_or_default()}</td>
                                        <td data-testid=format!("sim-{}-estimate", r.key)>{est}</td>
                                        <td data-testid=format!("sim-{}-status", r.key)>{status}</td>
                                    </tr>
                                }
                            })
                            .collect_view();
                        Some(view! {
                            <table tabindex="0" class="agents-table" data-testid="sim-table">
                                <thead><tr>
                                    <th></th>
                                    <th scope="col">{Msg::SimFormula.text(lang)}</th>
                                    <th scope="col">{Msg::SimEstimate.text(lang)}</th>
                                    <th></th>
                                </tr></thead>
                                <tbody>{body}</tbody>
                            </table>
                            {any_disagree.then(|| view! { <p class="unstable" role="alert" data-testid="sim-warning">{Msg::SimWarning.text(lang)}</p> })}
                        }.into_any())
                    }
                    _ => None,
                }
            }}
        </section>
    }
}
