//! What each value of a coded column means: for outcome, channel,
//! transferred, resolved and queue columns, the distinct values found with
//! their row counts and current reading, and a select to read a value
//! otherwise (answered / abandoned / … / not a call; phone / chat / …;
//! yes / no; empty). A choice re-imports the file at once.

use callcalc_engine::Layout;
use leptos::prelude::*;

use crate::i18n::{field_text, use_i18n, Msg};
use crate::state::import::ImportView;
use crate::state::import_values::{choice_text, choices_for, current_choice, reading_text, with_choice, ValueChoice};

#[component]
pub fn ValueMappingPanel(#[prop(into)] view: Signal<Option<ImportView>>, on_apply: Callback<Layout>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        view.get().filter(|v| !v.summary.coded.is_empty()).map(|v| {
            let columns = v
                .summary
                .coded
                .iter()
                .map(|col| {
                    let field = col.field;
                    let rows = col
                        .values
                        .iter()
                        .enumerate()
                        .map(|(i, vc)| {
                            let raw = vc.value.clone();
                            let current = current_choice(&v.layout, field, &raw);
                            let options = choices_for(field)
                                .into_iter()
                                .map(|c| view! { <option value=c.token() selected=c == current>{choice_text(lang, c)}</option> })
                                .collect_view();
                            let base = v.layout.clone();
                            let id = format!("value-{}-{i}", field.name());
                            view! {
                                <tr data-testid=id.clone()>
                                    <td><code data-testid=format!("{id}-value")>{vc.value.clone()}</code></td>
                                    <td data-testid=format!("{id}-count")>{vc.count}</td>
                                    <td data-testid=format!("{id}-reading")>{reading_text(lang, field, vc.reading.as_deref())}</td>
                                    <td>
                                        <select
                                            data-testid=format!("{id}-choice")
                                            on:change=move |ev| {
                                                if let Some(c) = ValueChoice::from_token(&event_target_value(&ev)) {
                                                    on_apply.run(with_choice(&base, field, &raw, c));
                                                }
                                            }
                                        >
                                            {options}
                                        </select>
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view();
                    view! {
                        <h4>{field_text(lang, field)} ": «" {v.layout.column_label(col.column)} "»"</h4>
                        <table class="agents-table value-mapping" data-testid=format!("values-{}", field.name())>
                            <thead><tr>
                                <th scope="col">{Msg::ImpValuesValue.text(lang)}</th>
                                <th scope="col">{Msg::ImpValuesCount.text(lang)}</th>
                                <th scope="col">{Msg::ImpValuesReading.text(lang)}</th>
                                <th scope="col">{Msg::ImpValuesChoice.text(lang)}</th>
                            </tr></thead>
                            <tbody>{rows}</tbody>
                        </table>
                        {col.truncated.then(|| view! { <p class="hint">{Msg::ImpValuesTruncated.text(lang)}</p> })}
                    }
                })
                .collect_view();
            view! {
                <details class="how value-mapping" open data-testid="value-mapping">
                    <summary>{Msg::ImpValuesTitle.text(lang)}</summary>
                    <p class="hint">{Msg::ImpValuesHint.text(lang)}</p>
                    {columns}
                </details>
            }
        })
    }
}
