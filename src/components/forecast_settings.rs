//! The forecast settings: the series (all contacts, a channel or a queue),
//! horizon, method (best by backtest unless chosen), queue model and the
//! service targets of the interval requirement.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::backtest_table::method_msg;
use crate::components::kpi_settings::channel_msg;
use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::forecast::{methods, ForecastInputs, Horizon, ParsedForecast, QueueChoice};
use crate::state::forecast_series::{suggested_model, Series};

fn horizon_msg(h: Horizon) -> Msg {
    match h {
        Horizon::Day => Msg::ForecastHorizonDay,
        Horizon::Week => Msg::ForecastHorizonWeek,
        Horizon::Month => Msg::ForecastHorizonMonth,
        Horizon::Quarter => Msg::ForecastHorizonQuarter,
        Horizon::HalfYear => Msg::ForecastHorizonHalfYear,
        Horizon::Year => Msg::ForecastHorizonYear,
    }
}

/// The series as the select and the page name it: "All contacts",
/// "Channel: chat", "Queue: Sales" (queue names as the file writes them).
pub fn series_label(lang: Lang, s: &Series) -> String {
    match s {
        Series::All => Msg::ForecastSeriesAll.text(lang).to_string(),
        Series::Channel(c) => format!("{}: {}", Msg::ForecastSeriesChannel.text(lang), channel_msg(*c).text(lang)),
        Series::Queue(q) => format!("{}: {q}", Msg::ForecastSeriesQueue.text(lang)),
    }
}

/// `series`: the series the data set has (`available_series`);
/// `series_in_use`: the one forecast (all contacts when the chosen one is missing).
#[component]
pub fn ForecastSettings(
    inputs: RwSignal<ForecastInputs>,
    parsed: Memo<Result<ParsedForecast, Vec<FieldError>>>,
    series: Memo<Vec<Series>>,
    series_in_use: Memo<Series>,
) -> impl IntoView {
    let i18n = use_i18n();
    let series_options = move || {
        series
            .get()
            .into_iter()
            .map(|s| {
                let this = s.clone();
                let code = s.code();
                view! {
                    <option value=code selected=move || series_in_use.with(|x| *x == this)>
                        {move || series_label(i18n.lang.get(), &s)}
                    </option>
                }
            })
            .collect_view()
    };
    let (sl, set_sl) = bind(inputs, |f| &f.sl_percent, |f, v| f.sl_percent = v);
    let (thr, set_thr) = bind(inputs, |f| &f.threshold_s, |f, v| f.threshold_s = v);
    let (pat, set_pat) = bind(inputs, |f| &f.patience_s, |f, v| f.patience_s = v);
    let (red, set_red) = bind(inputs, |f| &f.redial_percent, |f, v| f.redial_percent = v);
    let (fac, set_fac) = bind(inputs, |f| &f.chat_factors, |f, v| f.chat_factors = v);
    let (shr, set_shr) = bind(inputs, |f| &f.shrinkage, |f, v| f.shrinkage = v);
    let (ddl, set_ddl) = bind(inputs, |f| &f.deadline_h, |f, v| f.deadline_h = v);
    let (docc, set_docc) = bind(inputs, |f| &f.deferred_occupancy_percent, |f, v| f.deferred_occupancy_percent = v);
    let (dopen, set_dopen) = bind(inputs, |f| &f.deferred_open_items, |f, v| f.deferred_open_items = v);
    let queue = move || inputs.with(|f| f.model != QueueChoice::Deferred);
    let horizons = move || {
        Horizon::ALL
            .into_iter()
            .map(|h| {
                view! {
                    <option value=h.code() selected=move || inputs.with(|f| f.horizon == h)>{move || i18n.t(horizon_msg(h))}</option>
                }
            })
            .collect_view()
    };
    let method_options = move || {
        methods()
            .into_iter()
            .enumerate()
            .map(|(i, m)| {
                view! {
                    <option value=i.to_string() selected=move || inputs.with(|f| f.method == Some(i))>{move || i18n.t(method_msg(&m))}</option>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="forecast-settings" data-testid="forecast-settings">
            <legend>{move || i18n.t(Msg::ForecastSettingsTitle)}</legend>
            <div class="field">
                <label for="fc-series">{move || i18n.t(Msg::ForecastSeries)}</label>
                <select id="fc-series" data-testid="select-fc-series" on:change=move |ev| {
                    let code = event_target_value(&ev);
                    if let Some(s) = Series::from_code(&code) {
                        // A new series sets the model its channel needs; the user can change it after.
                        inputs.update(|f| {
                            f.model = suggested_model(&s, f.model);
                            f.series = code;
                        });
                    }
                }>{series_options}</select>
                <p class="hint">{move || i18n.t(Msg::ForecastSeriesModelHint)}</p>
            </div>
            <div class="field">
                <label for="fc-horizon">{move || i18n.t(Msg::ForecastHorizon)}</label>
                <select id="fc-horizon" data-testid="select-fc-horizon" on:change=move |ev| {
                    if let Some(h) = Horizon::from_code(&event_target_value(&ev)) {
                        inputs.update(|f| f.horizon = h);
                    }
                }>{horizons}</select>
            </div>
            <div class="field">
                <label for="fc-method">{move || i18n.t(Msg::ForecastMethod)}</label>
                <select id="fc-method" data-testid="select-fc-method" on:change=move |ev| {
                    let v = event_target_value(&ev);
                    inputs.update(|f| f.method = v.parse().ok());
                }>
                    <option value="best" selected=move || inputs.with(|f| f.method.is_none())>{move || i18n.t(Msg::ForecastMethodBest)}</option>
                    {method_options}
                </select>
            </div>
            <div class="field">
                <label for="fc-model">{move || i18n.t(Msg::ForecastModel)}</label>
                <select id="fc-model" data-testid="select-fc-model" on:change=move |ev| {
                    if let Some(m) = QueueChoice::from_code(&event_target_value(&ev)) {
                        inputs.update(|f| f.model = m);
                    }
                }>
                    <option value="c" selected=move || inputs.with(|f| f.model == QueueChoice::ErlangC)>{move || i18n.t(Msg::ForecastModelC)}</option>
                    <option value="a" selected=move || inputs.with(|f| f.model == QueueChoice::ErlangA)>{move || i18n.t(Msg::ForecastModelA)}</option>
                    <option value="x" selected=move || inputs.with(|f| f.model == QueueChoice::ErlangX)>{move || i18n.t(Msg::ForecastModelX)}</option>
                    <option value="chat" selected=move || inputs.with(|f| f.model == QueueChoice::Chat)>{move || i18n.t(Msg::ForecastModelChat)}</option>
                    <option value="deferred" selected=move || inputs.with(|f| f.model == QueueChoice::Deferred)>{move || i18n.t(Msg::ForecastDeferredModel)}</option>
                </select>
            </div>
            <Show when=queue>
                <TextField label=Msg::ForecastSl name="fc_sl" value=sl on_input=set_sl error=field_error(parsed, "fc_sl") />
                <TextField label=Msg::ForecastThreshold name="fc_threshold" value=thr on_input=set_thr error=field_error(parsed, "fc_threshold") />
            </Show>
            <Show when=move || inputs.with(|f| f.model == QueueChoice::Deferred)>
                <TextField label=Msg::ForecastDeferredDeadline name="fc_deadline" value=ddl on_input=set_ddl error=field_error(parsed, "fc_deadline") />
                <TextField label=Msg::ForecastDeferredOccupancy name="fc_deferred_occupancy" value=docc on_input=set_docc error=field_error(parsed, "fc_deferred_occupancy") />
                <TextField label=Msg::ForecastDeferredOpen name="fc_deferred_open" value=dopen on_input=set_dopen error=field_error(parsed, "fc_deferred_open") />
                <p class="hint" data-testid="fc-deferred-note">{move || i18n.t(Msg::ForecastDeferredHint)}</p>
                <p class="hint" data-testid="fc-deferred-open-note">{move || i18n.t(Msg::ForecastDeferredOpenHint)}</p>
            </Show>
            <Show when=move || inputs.with(|f| !matches!(f.model, QueueChoice::ErlangC | QueueChoice::Deferred))>
                <TextField label=Msg::ForecastPatience name="fc_patience" value=pat on_input=set_pat error=field_error(parsed, "fc_patience") />
            </Show>
            <Show when=move || inputs.with(|f| f.model == QueueChoice::ErlangX)>
                <TextField label=Msg::ForecastRedial name="fc_redial" value=red on_input=set_red error=field_error(parsed, "fc_redial") />
                <p class="hint" data-testid="fc-x-week-note">{move || i18n.t(Msg::ForecastXWeekOnly)}</p>
            </Show>
            <Show when=move || inputs.with(|f| f.model == QueueChoice::Chat)>
                <TextField label=Msg::ForecastChatFactors name="fc_chat_factors" value=fac on_input=set_fac error=field_error(parsed, "fc_chat_factors") />
                <p class="hint" data-testid="fc-chat-note">{move || i18n.t(Msg::ForecastChatHint)}</p>
            </Show>
            <TextField label=Msg::ForecastShrinkage name="fc_shrinkage" value=shr on_input=set_shr error=field_error(parsed, "fc_shrinkage") />
        </fieldset>
    }
}
