//! Contacts by channel: offered, answered and each channel's share of all
//! offered contacts, over the whole data set.

use callcalc_engine::ChannelVolume;
use leptos::prelude::*;

use crate::components::kpi_settings::channel_msg;
use crate::components::kpi_table::column_msg;
use crate::format;
use crate::i18n::{use_i18n, Msg};

#[component]
pub fn ChannelVolumes(#[prop(into)] volumes: Signal<Vec<ChannelVolume>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        let v = volumes.get();
        (!v.is_empty()).then(|| {
            let rows = v
                .into_iter()
                .map(|c| {
                    let n = c.channel.name();
                    view! {
                        <tr>
                            <th scope="row">{i18n.t(channel_msg(c.channel))}</th>
                            <td class="num" data-testid=format!("kpi-channel-{n}-offered")>
                                {format::number(lang, c.offered as f64, 0)}
                            </td>
                            <td class="num">{format::number(lang, c.answered as f64, 0)}</td>
                            <td class="num" data-testid=format!("kpi-channel-{n}-share")>
                                {c.share.map_or("—".to_string(), |s| format::percent(lang, s, 1))}
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="kpi-channels" data-testid="kpi-channels">
                    <h2>{i18n.t(Msg::KpiChannels)}</h2>
                    <table tabindex="0" class="kpi-peak-table">
                        <thead>
                            <tr>
                                <th scope="col">{i18n.t(Msg::KpiChannel)}</th>
                                <th scope="col">{i18n.t(column_msg(callcalc_engine::KpiKey::Offered))}</th>
                                <th scope="col">{i18n.t(column_msg(callcalc_engine::KpiKey::Answered))}</th>
                                <th scope="col">{i18n.t(Msg::KpiShare)}</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}
