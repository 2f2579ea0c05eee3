//! Erlang B, C, A and X side by side: agents required, and every KPI at the
//! given agents, with a one-line note on what each model assumes.

use leptos::prelude::*;

use crate::format;
use crate::i18n::{use_i18n, Lang, Msg};
use crate::state::models::{Model, ModelColumn, ModelKpis};

fn model_name(m: Model) -> Msg {
    match m {
        Model::ErlangB => Msg::ModelB,
        Model::ErlangC => Msg::ModelC,
        Model::ErlangA => Msg::ModelA,
        Model::ErlangX => Msg::ModelX,
    }
}

fn model_note(m: Model) -> Msg {
    match m {
        Model::ErlangB => Msg::NoteB,
        Model::ErlangC => Msg::NoteC,
        Model::ErlangA => Msg::NoteA,
        Model::ErlangX => Msg::NoteX,
    }
}

/// A KPI cell's text: the value, "unstable" or "n/a".
fn cell(lang: Lang, k: &ModelKpis, v: Option<f64>, show: fn(Lang, f64) -> String) -> String {
    if k.unstable {
        return Msg::Unstable.text(lang).to_string();
    }
    v.map(|x| show(lang, x)).unwrap_or_else(|| Msg::NotApplicable.text(lang).to_string())
}

fn pct(lang: Lang, x: f64) -> String {
    format::percent(lang, x, 1)
}

fn secs(lang: Lang, x: f64) -> String {
    format!("{} {}", format::number(lang, x, 1), Msg::Seconds.text(lang))
}

#[component]
pub fn ModelCompareTable(#[prop(into)] columns: Signal<Vec<ModelColumn>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        let cols = columns.get();
        let header =
            cols.iter().map(|c| view! { <th scope="col">{model_name(c.model).text(lang)}</th> }).collect_view();
        let required = cols
            .iter()
            .map(|c| {
                let text = c.required.map(|n| n.to_string()).unwrap_or_else(|| Msg::Unreachable.text(lang).to_string());
                view! { <td data-testid=format!("cmp-{}-required", c.model.key())>{text}</td> }
            })
            .collect_view();
        type Row = (Msg, &'static str, fn(&ModelKpis) -> Option<f64>, fn(Lang, f64) -> String);
        let rows: [Row; 5] = [
            (Msg::SlOverOffered, "sl", |k| k.service_level, pct),
            (Msg::Asa, "asa", |k| k.asa_s, secs),
            (Msg::PAbandon, "abandon", |k| k.p_abandon, pct),
            (Msg::PBlock, "block", |k| k.p_block, pct),
            (Msg::Occupancy, "occupancy", |k| k.occupancy, pct),
        ];
        let body = rows
            .iter()
            .map(|&(label, key, get, show)| {
                let cells = cols
                    .iter()
                    .map(|c| {
                        let k = c.at_agents;
                        view! {
                            <td class:unstable=k.unstable data-testid=format!("cmp-{}-{key}", c.model.key())>
                                {cell(lang, &k, get(&k), show)}
                            </td>
                        }
                    })
                    .collect_view();
                view! { <tr><th scope="row">{label.text(lang)}</th>{cells}</tr> }
            })
            .collect_view();
        let notes = cols
            .iter()
            .map(|c| view! { <li><strong>{model_name(c.model).text(lang)}</strong> " — " {model_note(c.model).text(lang)}</li> })
            .collect_view();
        view! {
            <table tabindex="0" class="agents-table compare-table" data-testid="compare-table">
                <thead><tr><th scope="col">{Msg::Model.text(lang)}</th>{header}</tr></thead>
                <tbody>
                    <tr class="required"><th scope="row">{Msg::RequiredForTarget.text(lang)}</th>{required}</tr>
                    <tr><th scope="row" colspan="5" class="subhead">{Msg::AtAgents.text(lang)}</th></tr>
                    {body}
                </tbody>
            </table>
            <ul class="model-notes">{notes}</ul>
        }
    }
}
