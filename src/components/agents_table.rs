//! Agents N−3 … N+5 with service level, ASA and occupancy per row.

use callcalc_engine::Queue;
use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Msg};

#[component]
pub fn AgentsTable(#[prop(into)] rows: Signal<Vec<Queue>>, #[prop(into)] required: Signal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <table class="agents-table" data-testid="agents-table">
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
                    rows.get()
                        .into_iter()
                        .map(|q| {
                            let n = q.agents();
                            let cells = match q {
                                Queue::Stable(k) => view! {
                                    <td data-testid=format!("row-{n}-sl")>{format::percent(lang, k.service_level, 1)}</td>
                                    <td data-testid=format!("row-{n}-asa")>{format::number(lang, k.asa_s, 1)}</td>
                                    <td data-testid=format!("row-{n}-occupancy")>{format::percent(lang, k.occupancy, 1)}</td>
                                }
                                .into_any(),
                                Queue::Unstable(_) => view! {
                                    <td colspan="3" class="unstable" data-testid=format!("row-{n}-unstable")>
                                        {Msg::Unstable.text(lang)}
                                    </td>
                                }
                                .into_any(),
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
