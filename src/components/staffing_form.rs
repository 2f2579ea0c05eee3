//! The inputs of the staffing page.

use callcalc_engine::FieldError;
use leptos::prelude::*;

use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Msg};
use crate::state::staffing::{ParsedStaffing, StaffingInputs, StaffingModel, TargetKind};

type Parsed = Memo<Result<ParsedStaffing, Vec<FieldError>>>;

#[component]
pub fn StaffingForm(inputs: RwSignal<StaffingInputs>, parsed: Parsed) -> impl IntoView {
    let i18n = use_i18n();
    let field = move |label: Msg, name: &'static str, (value, on_input): (Signal<String>, Callback<String>)| {
        view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
    };
    let is_sl = move || inputs.with(|i| i.target == TargetKind::ServiceLevel);
    view! {
        <form class="staffing-form" on:submit=|ev| ev.prevent_default()>
            <h2>{move || i18n.t(Msg::InputsHeading)}</h2>
            <div class="field">
                <label for="field-model">{move || i18n.t(Msg::StaffingModelLabel)}</label>
                <select
                    id="field-model"
                    data-testid="input-model"
                    prop:value=move || inputs.with(|i| i.model.code())
                    on:change=move |ev| {
                        if let Some(m) = StaffingModel::from_code(&event_target_value(&ev)) {
                            inputs.update(|i| i.model = m);
                        }
                    }
                >
                    <option value="c">{move || i18n.t(Msg::ModelC)}</option>
                    <option value="a">{move || i18n.t(Msg::ModelA)}</option>
                    <option value="x">{move || i18n.t(Msg::ModelX)}</option>
                    <option value="chat">{move || i18n.t(Msg::ModelChat)}</option>
                    <option value="deferred">{move || i18n.t(Msg::ModelDeferred)}</option>
                </select>
            </div>
            {field(Msg::Calls, "calls", bind(inputs, |i| &i.calls, |i, v| i.calls = v))}
            {field(Msg::IntervalMin, "interval_min", bind(inputs, |i| &i.interval_min, |i, v| i.interval_min = v))}
            {field(Msg::Aht, "aht", bind(inputs, |i| &i.aht, |i, v| i.aht = v))}
            <div class="field">
                <label for="field-target">{move || i18n.t(Msg::TargetKind)}</label>
                <select
                    id="field-target"
                    data-testid="input-target"
                    prop:value=move || inputs.with(|i| i.target.code())
                    on:change=move |ev| {
                        if let Some(k) = TargetKind::from_code(&event_target_value(&ev)) {
                            inputs.update(|i| i.target = k);
                        }
                    }
                >
                    <option value="sl">{move || i18n.t(Msg::TargetSl)}</option>
                    <option value="asa">{move || i18n.t(Msg::TargetAsa)}</option>
                </select>
            </div>
            <Show when=is_sl>
                {field(Msg::SlPercent, "sl_percent", bind(inputs, |i| &i.sl_percent, |i, v| i.sl_percent = v))}
            </Show>
            <Show when=move || !is_sl()>
                {field(Msg::AsaSeconds, "asa_seconds", bind(inputs, |i| &i.asa_seconds, |i, v| i.asa_seconds = v))}
            </Show>
            {field(Msg::SlSeconds, "sl_seconds", bind(inputs, |i| &i.sl_seconds, |i, v| i.sl_seconds = v))}
            <Show when=move || inputs.with(|i| matches!(i.model, StaffingModel::A | StaffingModel::X))>
                {field(Msg::Patience, "patience", bind(inputs, |i| &i.patience, |i, v| i.patience = v))}
            </Show>
            <Show when=move || inputs.with(|i| i.model == StaffingModel::X)>
                {field(Msg::Lines, "lines", bind(inputs, |i| &i.lines, |i, v| i.lines = v))}
                {field(Msg::RedialPercent, "redial_percent", bind(inputs, |i| &i.redial_percent, |i, v| i.redial_percent = v))}
            </Show>
            <Show when=move || inputs.with(|i| i.model == StaffingModel::Chat)>
                {field(Msg::ChatAht, "chat_aht", bind(inputs, |i| &i.chat_aht, |i, v| i.chat_aht = v))}
                {field(Msg::PatienceOptional, "patience", bind(inputs, |i| &i.patience, |i, v| i.patience = v))}
            </Show>
            <Show when=move || inputs.with(|i| i.model == StaffingModel::Deferred)>
                {field(Msg::DeadlineH, "deadline_h", bind(inputs, |i| &i.deadline_h, |i, v| i.deadline_h = v))}
                {field(Msg::ProductivePercent, "productive_percent", bind(inputs, |i| &i.productive_percent, |i, v| i.productive_percent = v))}
            </Show>
            {field(Msg::MaxOccupancy, "max_occupancy", bind(inputs, |i| &i.max_occupancy, |i, v| i.max_occupancy = v))}
            {field(Msg::Shrinkage, "shrinkage", bind(inputs, |i| &i.shrinkage, |i, v| i.shrinkage = v))}
            {field(Msg::AgentsOnHand, "agents_on_hand", bind(inputs, |i| &i.agents_on_hand, |i, v| i.agents_on_hand = v))}
        </form>
    }
}
