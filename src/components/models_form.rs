//! The inputs shared by the model-comparison and capacity pages.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Msg};
use crate::state::models::{ModelInputs, ParsedModels};

#[component]
pub fn ModelsForm(inputs: RwSignal<ModelInputs>, parsed: Memo<Result<ParsedModels, Vec<FieldError>>>) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |label: Msg, name: &'static str, (value, on_input): (Signal<String>, Callback<String>)| {
        view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
    };
    view! {
        <form class="staffing-form" on:submit=|ev| ev.prevent_default()>
            <h2>{move || i18n.t(Msg::InputsHeading)}</h2>
            {field(Msg::Calls, "calls", bind(inputs, |i| &i.calls, |i, v| i.calls = v))}
            {field(Msg::IntervalMin, "interval_min", bind(inputs, |i| &i.interval_min, |i, v| i.interval_min = v))}
            {field(Msg::Aht, "aht", bind(inputs, |i| &i.aht, |i, v| i.aht = v))}
            {field(Msg::SlPercent, "sl_percent", bind(inputs, |i| &i.sl_percent, |i, v| i.sl_percent = v))}
            {field(Msg::SlSeconds, "sl_seconds", bind(inputs, |i| &i.sl_seconds, |i, v| i.sl_seconds = v))}
            {field(Msg::Patience, "patience", bind(inputs, |i| &i.patience, |i, v| i.patience = v))}
            {field(Msg::Lines, "lines", bind(inputs, |i| &i.lines, |i, v| i.lines = v))}
            {field(Msg::RedialPercent, "redial_percent", bind(inputs, |i| &i.redial_percent, |i, v| i.redial_percent = v))}
            {field(Msg::AgentsGiven, "agents", bind(inputs, |i| &i.agents, |i, v| i.agents = v))}
        </form>
    }
}
