//! Rejected rows with their location and what was expected, downloadable.

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::import::{rejected_csv, ImportView};

#[component]
pub fn RejectedRows(#[prop(into)] view: Signal<Option<ImportView>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        view.get().filter(|v| !v.rejected.is_empty()).map(|v| {
            let href = format!("data:text/csv;charset=utf-8,{}", String::from(js_sys::encode_uri_component(&rejected_csv(&v.rejected))));
            let rows = v
                .rejected
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    view! {
                        <tr data-testid=format!("rejected-{i}")>
                            <td>{r.file.clone()}</td>
                            <td>{r.row}</td>
                            <td>{r.column_name.clone()}</td>
                            <td><code>{r.value.clone()}</code></td>
                            <td>{r.expected()}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section>
                    <h3>{Msg::ImportRejectedHeading.text(lang)} " (" {v.summary.rejected} ")"</h3>
                    <a href=href download="rejected-rows.csv" data-testid="download-rejected">{Msg::ImportDownloadRejected.text(lang)}</a>
                    <table class="agents-table rejected" data-testid="rejected-table">
                        <thead><tr>
                            <th scope="col">{Msg::ImportFileCol.text(lang)}</th>
                            <th scope="col">{Msg::ImportRow.text(lang)}</th>
                            <th scope="col">{Msg::ImportColumn.text(lang)}</th>
                            <th scope="col">{Msg::ImportValue.text(lang)}</th>
                            <th scope="col">{Msg::ImportExpected.text(lang)}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </section>
            }
        })
    }
}
