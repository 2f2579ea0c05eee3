//! The imported intervals with their KPIs; any interval can be sent to the
//! staffing page.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::import::{ImportView, IntervalLine, MAX_LISTED};

fn opt(lang: Lang, x: Option<f64>, show: fn(Lang, f64) -> String) -> String {
    x.map(|v| show(lang, v)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())
}

fn pct(l: Lang, x: f64) -> String {
    format::percent(l, x, 1)
}

fn num1(l: Lang, x: f64) -> String {
    format::number(l, x, 1)
}

fn cells(lang: Lang, l: &IntervalLine, id: &str) -> impl IntoView {
    view! {
        <td data-testid=format!("{id}-offered")>{l.offered}</td>
        <td>{l.answered}</td>
        <td>{l.abandoned.map(|a| a.to_string()).unwrap_or_else(|| Msg::NotApplicable.text(lang).into())}</td>
        <td data-testid=format!("{id}-aht")>{opt(lang, l.aht_s, num1)}</td>
        <td>{opt(lang, l.asa_s, num1)}</td>
        <td>{opt(lang, l.sl_negative, pct)}</td>
        <td>{opt(lang, l.sl_ignored, pct)}</td>
        <td>{opt(lang, l.mean_patience_s, num1)}</td>
    }
}

#[component]
pub fn IntervalTable(#[prop(into)] view: Signal<Option<ImportView>>, on_use: Callback<IntervalLine>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        view.get().filter(|v| v.interval_count > 0).map(|v| {
            let rows = v
                .intervals
                .iter()
                .enumerate()
                .map(|(i, l)| {
                    let id = format!("interval-{i}");
                    let line = l.clone();
                    let usable = l.aht_s.is_some();
                    view! {
                        <tr data-testid=id.clone()>
                            <td>{l.start.clone()}</td>
                            <td>{format!("{} {}", l.queue, l.channel).trim().to_string()}</td>
                            {cells(lang, l, &id)}
                            <td>
                                <button type="button" disabled=!usable data-testid=format!("{id}-use") on:click=move |_| on_use.run(line.clone())>
                                    {Msg::ImportUse.text(lang)}
                                </button>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let total = v.total.as_ref().map(|t| {
                view! {
                    <tr class="required">
                        <th scope="row" colspan="2">{Msg::ImportTotal.text(lang)}</th>
                        {cells(lang, t, "interval-total")}
                        <td></td>
                    </tr>
                }
            });
            view! {
                <section>
                    <h3>{Msg::ImportIntervals.text(lang)} " (" {v.interval_count} ")"</h3>
                    {(v.interval_count > MAX_LISTED).then(|| view! { <p class="hint">{Msg::ImportShown.text(lang)} " " {v.interval_count}</p> })}
                    <table class="agents-table intervals" data-testid="interval-table">
                        <thead><tr>
                            <th scope="col">{Msg::ImportStart.text(lang)}</th>
                            <th scope="col">{Msg::ImportQueue.text(lang)}</th>
                            <th scope="col">{Msg::ImportOffered.text(lang)}</th>
                            <th scope="col">{Msg::ImportAnswered.text(lang)}</th>
                            <th scope="col">{Msg::ImportAbandoned.text(lang)}</th>
                            <th scope="col">"AHT, " {Msg::Seconds.text(lang)}</th>
                            <th scope="col">"ASA, " {Msg::Seconds.text(lang)}</th>
                            <th scope="col">{Msg::ImportSlNegative.text(lang)}</th>
                            <th scope="col">{Msg::ImportSlIgnored.text(lang)}</th>
                            <th scope="col">{Msg::ImportPatience.text(lang)}</th>
                            <th></th>
                        </tr></thead>
                        <tbody>{total}{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}
