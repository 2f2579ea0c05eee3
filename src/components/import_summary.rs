//! What an import found: encoding, delimiter, report kind, row counts, and the
//! column mapping, which the user can change.

use callcalc_engine::{Field, Layout};
use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::import::ImportView;

#[component]
pub fn ImportSummaryPanel(
    #[prop(into)] view: Signal<Option<ImportView>>,
    layout_override: RwSignal<Option<Layout>>,
) -> impl IntoView {
    let i18n = use_i18n();
    move || {
        let lang = i18n.lang.get();
        view.get().map(|v| {
            let s = &v.summary;
            let skipped = s.totals_skipped + s.repeated_headers_skipped + s.empty_rows + s.preamble_rows;
            let rows: Vec<(Msg, &'static str, String)> = vec![
                (Msg::ImportEncoding, "encoding", s.encoding.map(|e| e.name().to_string()).unwrap_or_default()),
                (Msg::ImportDelimiter, "delimiter", s.delimiter.name().to_string()),
                (Msg::ImportKind, "kind", s.kind.name().to_string()),
                (Msg::ImportRowsRead, "rows-read", s.rows_read.to_string()),
                (Msg::ImportKept, "kept", s.kept.to_string()),
                (Msg::ImportRejected, "rejected", s.rejected.to_string()),
                (Msg::ImportSkipped, "skipped", skipped.to_string()),
            ];
            let summary = rows
                .into_iter()
                .map(|(label, key, value)| view! { <dt>{label.text(lang)}</dt><dd data-testid=format!("import-{key}")>{value}</dd> })
                .collect_view();
            let columns = v.layout.columns.clone();
            let mapping = v
                .fields
                .iter()
                .map(|field| {
                    let field: Field = *field;
                    let current = v.layout.map.get(field);
                    let options = columns
                        .iter()
                        .enumerate()
                        .map(|(i, c)| view! { <option value=i.to_string() selected=current == Some(i)>{c.clone()}</option> })
                        .collect_view();
                    let base = v.layout.clone();
                    view! {
                        <tr>
                            <th scope="row">{field.name()}</th>
                            <td>
                                <select
                                    aria-label=field.name()
                                    data-testid=format!("map-{}", field.name())
                                    on:change=move |ev| {
                                        let value = event_target_value(&ev);
                                        let mut layout = base.clone();
                                        layout.map.set(field, value.parse::<usize>().ok());
                                        layout_override.set(Some(layout));
                                    }
                                >
                                    <option value="" selected=current.is_none()>{Msg::ImportNotMapped.text(lang)}</option>
                                    {options}
                                </select>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <section class="check-given">
                    <h3>{Msg::ImportSummaryHeading.text(lang)} ": " {s.file.clone()}</h3>
                    <dl class="check">{summary}</dl>
                </section>
                <details class="how" open>
                    <summary>{Msg::ImportMapping.text(lang)}</summary>
                    <table class="agents-table mapping" data-testid="import-mapping">
                        <thead><tr><th scope="col">{Msg::ImportField.text(lang)}</th><th scope="col">{Msg::ImportColumn.text(lang)}</th></tr></thead>
                        <tbody>{mapping}</tbody>
                    </table>
                </details>
            }
        })
    }
}
