//! Agents N−3 … N+5 with service level, ASA and occupancy per row.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};
use crate::state::staffing::KpiRow;

#[component]
pub fn AgentsTable(#[prop(into)] rows: Signal<Vec<KpiRow>>, #[prop(into)] required: Signal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table tabindex="0" class="agents-table" data-testid="agents-table">
            <caption>{move || i18n.t(Msg::TableHeading)}</caption>
            <thead>
                <tr>
                    <th scope="col">{move || i18n.t(Msg::Agents)}</th>
                    <th scope="col">{move || i18n.t(Msg::ServiceLevel)}</th>
                    <th scope="col">{move || i18n.t(Msg::Asa)}</th>
                    <th scope="col">{move || i18n.t(Msg::Occupancy)}</th>
                </tr>
            </thead>
            <tbody>
                {move || {
                    let lang = i18n.lang.get();
                    let req = required.get();
                    let na = || Msg::NotApplicable.text(lang).to_string();
                    rows.get()
                        .into_iter()
                        .map(|r| {
                            let n = r.agents;
                            let cells = if r.unstable {
                                view! {
                                    <td colspan="3" class="unstable" data-testid=format!("row-{n}-unstable")>
                                        {Msg::Unstable.text(lang)}
                                    </td>
                                }
                                .into_any()
                            } else {
                                view! {
                                    <td data-testid=format!("row-{n}-sl")>{r.service_level.map(|x| format::percent(lang, x, 1)).unwrap_or_else(na)}</td>
                                    <td data-testid=format!("row-{n}-asa")>{r.asa_s.map(|x| format::number(lang, x, 1)).unwrap_or_else(na)}</td>
                                    <td data-testid=format!("row-{n}-occupancy")>{r.occupancy.map(|x| format::percent(lang, x, 1)).unwrap_or_else(na)}</td>
                                }
                                .into_any()
                            };
                            view! {
                                <tr class:required=n == req data-testid=format!("row-{n}")>
                                    <th scope="row">{n}</th>
                                    {cells}
                                </tr>
                            }
                        })
                        .collect_view()
                }}
            </tbody>
        </table>
    }
}
