//! "How is this computed": the formula, its variant and source, the inputs
//! substituted and the result — all from the engine's trace, shown as text.

use callcalc_engine::Trace;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{trace_meaning, trace_variant, use_i18n, Msg};

#[component]
pub fn HowComputed(#[prop(into)] trace: Signal<Option<Trace>>, testid: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        trace.get().map(|t| {
            let lang = i18n.lang.get();
            // The operators' tests: the result is a p-value and `q` its BH
            // adjustment, written as people read them (`< 0,001`), not `0`.
            let tests = matches!(t.id, "operators.binomial_test" | "operators.robust_z");
            let value_text = move |symbol: &str, v: f64| {
                if tests && symbol == "q" {
                    format::p_value(lang, v)
                } else {
                    format::plain(lang, v)
                }
            };
            let result_text = if tests { format::p_value(lang, t.result) } else { format::plain(lang, t.result) };
            let inputs = t
                .inputs
                .iter()
                .map(|inp| {
                    view! {
                        <li>
                            <code>{inp.symbol}</code>
                            " = "
                            {value_text(inp.symbol, inp.value)}
                            {(!inp.unit.is_empty()).then(|| format!(" {}", inp.unit))}
                            " — "
                            {trace_meaning(lang, inp.symbol, inp.meaning)}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <details class="how" data-testid=format!("how-{testid}")>
                    <summary>{i18n.t(Msg::HowComputed)}</summary>
                    <dl>
                        <dt>{i18n.t(Msg::Formula)}</dt>
                        <dd><code data-testid=format!("formula-{testid}")>{t.formula}</code></dd>
                        <dt>{i18n.t(Msg::Variant)}</dt>
                        <dd>{trace_variant(lang, t.id, t.variant)}</dd>
                        <dt>{i18n.t(Msg::InputsSubstituted)}</dt>
                        <dd><ul>{inputs}</ul></dd>
                        <dt>{i18n.t(Msg::Result)}</dt>
                        <dd>{result_text} {t.result_unit}</dd>
                        <dt>{i18n.t(Msg::Source)}</dt>
                        <dd class="source">{t.source}</dd>
                    </dl>
                </details>
            }
        })
    }
}
