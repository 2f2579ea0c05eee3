//! Rejected rows with their location and what was expected, downloadable.

use leptos::prelude::*;

use crate::download::{download, CSV};
use crate::i18n::{use_i18n, Msg};
use crate::state::import::{rejected_csv, shown_of, ImportView};

#[component]
pub fn RejectedRows(#[prop(into)] view: Signal<Option<ImportView>>) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        view.get().filter(|v| !v.rejected.is_empty()).map(|v| {
            let all = v.rejected_all.clone();
            let on_download = move |_| {
                // Every rejected row, not only the listed ones; BOM so Excel reads UTF-8.
                let csv = format!("\u{feff}{}", rejected_csv(&all));
                download("rejected-rows.csv", CSV, csv.as_bytes());
            };
            let shown = shown_of(v.rejected.len(), v.summary.rejected).map(|(n, total)| {
                view! {
                    <p class="hint" data-testid="rejected-shown">
                        {n} " " {Msg::ImportxOf.text(lang)} " " {total} " " {Msg::ImportxShownOf.text(lang)}
                    </p>
                }
            });
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
                    <button type="button" data-testid="download-rejected" on:click=on_download>{Msg::ImportDownloadRejected.text(lang)}</button>
                    {shown}
                    <table tabindex="0" class="agents-table rejected" data-testid="rejected-table">
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
