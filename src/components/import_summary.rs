//! What an import found: encoding, delimiter, report kind, row counts (the
//! column mapping is edited in `ColumnMapping`).

use leptos::prelude::*;

use crate::i18n::{use_i18n, Msg};
use crate::state::import::ImportView;
use crate::state::import_values::warning_text;

#[component]
pub fn ImportSummaryPanel(#[prop(into)] view: Signal<Option<ImportView>>) -> impl IntoView {
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
                (Msg::ImpExcluded, "excluded", s.excluded.to_string()),
                (Msg::ImpIgnored, "ignored", s.ignored.to_string()),
            ];
            let summary = rows
                .into_iter()
                .map(|(label, key, value)| view! { <dt>{label.text(lang)}</dt><dd data-testid=format!("import-{key}")>{value}</dd> })
                .collect_view();
            // Callers who left in the IVR: not offered, not abandons.
            let not_queued = (s.not_queued > 0).then(|| {
                view! {
                    <p class="hint" data-testid="import-not-queued">
                        {Msg::ImpNotQueued.text(lang)} ": " <strong data-testid="import-not-queued-count">{s.not_queued}</strong>
                        " — " {Msg::ImpNotQueuedExplain.text(lang)}
                    </p>
                }
            });
            let warnings = (!s.warnings.is_empty()).then(|| {
                let items = s
                    .warnings
                    .iter()
                    .enumerate()
                    .map(|(i, w)| view! { <li data-testid=format!("import-warning-{i}")>{warning_text(lang, w)}</li> })
                    .collect_view();
                view! {
                    <div class="error" role="alert" data-testid="import-warnings">
                        <strong>{Msg::ImpWarnings.text(lang)}</strong>
                        <ul>{items}</ul>
                    </div>
                }
            });
            view! {
                <section class="check-given">
                    <h3>{Msg::ImportSummaryHeading.text(lang)} ": " {s.file.clone()}</h3>
                    <dl class="check">{summary}</dl>
                    {not_queued}
                    {warnings}
                </section>
            }
        })
    }
}
