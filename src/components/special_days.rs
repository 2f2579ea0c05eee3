//! Special days (holidays, campaigns): a list of dates excluded from fitting
//! and scoring, with its validation message, and what it changed — days
//! marked, dates outside the history, the backtest WAPE of the method in use
//! without and with them.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::forecast::{date, ForecastInputs, ParsedForecast, SpecialSummary};

#[component]
pub fn SpecialDays(
    inputs: RwSignal<ForecastInputs>,
    parsed: Memo<Result<ParsedForecast, Vec<FieldError>>>,
    #[prop(into)] summary: Signal<Option<SpecialSummary>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let (value, set) = bind(inputs, |f| &f.special_days, |f, v| f.special_days = v);
    let result = move || {
        let lang = i18n.lang.get();
        summary.get().map(|s| {
            let pct = |x: Option<f64>| x.map(|v| format::percent(lang, v, 2)).unwrap_or_else(|| "—".into());
            let outside = s.outside.iter().map(|&d| date(d)).collect::<Vec<_>>().join(", ");
            view! {
                {s.error.map(|e| view! { <p class="error" data-testid="fc-special-error">{Msg::ForecastSpecialRefused.text(lang)} " (" {e} ")"</p> })}
                <dl class="figures">
                    <dt>{Msg::ForecastSpecialMarked.text(lang)}</dt><dd data-testid="fc-special-count">{s.marked}</dd>
                    <dt>{Msg::ForecastSpecialWapeBefore.text(lang)}</dt><dd data-testid="fc-special-wape-before">{pct(s.wape_before)}</dd>
                    <dt>{Msg::ForecastSpecialWapeAfter.text(lang)}</dt><dd data-testid="fc-special-wape-after">{pct(s.wape_after)}</dd>
                </dl>
                {(!outside.is_empty()).then(|| view! {
                    <p class="notice" data-testid="fc-special-outside">{Msg::ForecastSpecialOutside.text(lang)} " " {outside}</p>
                })}
            }
        })
    };
    view! {
        <section class="special-days" data-testid="special-days">
            <h2>{move || i18n.t(Msg::ForecastSpecialTitle)}</h2>
            <p class="hint">{move || i18n.t(Msg::ForecastSpecialHint)}</p>
            <TextField label=Msg::ForecastSpecialDates name="fc_special" value=value on_input=set inputmode="text" error=field_error(parsed, "fc_special") />
            {result}
        </section>
    }
}
