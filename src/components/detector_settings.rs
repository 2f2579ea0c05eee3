//! The editable thresholds of the operator detectors, validated field by
//! field (errors next to their field).

use callcalc_engine::{DetectorSettings, FieldError, PeerGrouping};
use leptos::prelude::*;

use crate::components::operator_table::channel_text;
use crate::components::text_field::{bind, field_error, TextField};
use crate::i18n::{use_i18n, Msg};
use crate::state::operators::{DetectorForm, CHANNELS};

#[component]
pub fn DetectorSettingsForm(
    form: RwSignal<DetectorForm>,
    parsed: Memo<Result<DetectorSettings, Vec<FieldError>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let field =
        move |label: Msg, name: &'static str, get: fn(&DetectorForm) -> &String, set: fn(&mut DetectorForm, String)| {
            let (value, on_input) = bind(form, get, set);
            view! { <TextField label=label name=name value=value on_input=on_input error=field_error(parsed, name) /> }
        };
    view! {
        <fieldset class="detector-settings" data-testid="detector-settings">
            <legend>{move || i18n.t(Msg::OperatorsSettingsTitle)}</legend>
            <div class="field">
                <label for="field-op-channel">{move || i18n.t(Msg::OperatorsChannelAnalysed)}</label>
                <select
                    id="field-op-channel"
                    data-testid="op-channel"
                    prop:value=move || form.with(|f| f.channel.clone())
                    on:change=move |ev| form.update(|f| f.channel = event_target_value(&ev))
                >
                    <option value="">{move || i18n.t(Msg::OperatorsAllChannels)}</option>
                    {CHANNELS
                        .into_iter()
                        .map(|c| view! { <option value=c.name()>{move || channel_text(i18n.lang.get(), c)}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for="field-op-peers">{move || i18n.t(Msg::OperatorsPeers)}</label>
                <select
                    id="field-op-peers"
                    data-testid="op-peers"
                    prop:value=move || form.with(|f| f.peers.name())
                    on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(g) = PeerGrouping::ALL.into_iter().find(|g| g.name() == v) {
                            form.update(|f| f.peers = g);
                        }
                    }
                >
                    {PeerGrouping::ALL
                        .into_iter()
                        .map(|g| {
                            let label = match g {
                                PeerGrouping::Queue => Msg::OperatorsPeersQueue,
                                PeerGrouping::Channel => Msg::OperatorsPeersChannel,
                                PeerGrouping::Centre => Msg::OperatorsPeersCentre,
                            };
                            view! { <option value=g.name()>{move || i18n.t(label)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            {field(Msg::OperatorsShortContactS, "short_contact_s", |f| &f.short_contact_s, |f, v| f.short_contact_s = v)}
            {field(Msg::OperatorsMinContacts, "min_contacts", |f| &f.min_contacts, |f, v| f.min_contacts = v)}
            {field(Msg::OperatorsFdr, "fdr", |f| &f.fdr_percent, |f, v| f.fdr_percent = v)}
            {field(Msg::OperatorsShortRatio, "short_share_ratio", |f| &f.short_share_ratio, |f, v| f.short_share_ratio = v)}
            {field(Msg::OperatorsTransferRatio, "transfer_share_ratio", |f| &f.transfer_share_ratio, |f, v| f.transfer_share_ratio = v)}
            {field(Msg::OperatorsAcwZ, "acw_z", |f| &f.acw_z, |f, v| f.acw_z = v)}
            {field(Msg::OperatorsHoldZ, "hold_z", |f| &f.hold_z, |f, v| f.hold_z = v)}
            {field(Msg::OperatorsNotReadyZ, "not_ready_z", |f| &f.not_ready_z, |f, v| f.not_ready_z = v)}
            {field(Msg::OperatorsSlThreshold, "sl_threshold_s", |f| &f.sl_threshold_s, |f, v| f.sl_threshold_s = v)}
            {field(Msg::OperatorsNearSlWindow, "near_sl_window_s", |f| &f.near_sl_window_s, |f, v| f.near_sl_window_s = v)}
            {field(Msg::OperatorsNearSlRatio, "near_sl_ratio", |f| &f.near_sl_ratio, |f, v| f.near_sl_ratio = v)}
            {field(Msg::OperatorsRepeatRatio, "repeat_ratio", |f| &f.repeat_ratio, |f, v| f.repeat_ratio = v)}
        </fieldset>
    }
}
