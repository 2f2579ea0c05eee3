//! Export buttons: XLSX (KPI, Intervals and Formulas sheets), CSV for RU
//! Excel or plain, JSON, and Print. The chosen variants are in every file.

use callcalc_engine::PlanBook;
use leptos::prelude::*;

use crate::download::download;
use crate::i18n::{use_i18n, Msg};
use crate::state::kpi::{export_file, Dashboard, ExportFormat, KpiData};

#[component]
pub fn KpiExport(
    #[prop(into)] dash: Signal<Option<Dashboard>>,
    #[prop(into)] data: Signal<KpiData>,
    /// The plan (targets per month), exported as plan columns and a Plan sheet.
    #[prop(into)]
    plan: Signal<Option<PlanBook>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let save = move |format: ExportFormat| {
        dash.with_untracked(|d| {
            if let Some(d) = d {
                data.with_untracked(|data| {
                    plan.with_untracked(|plan| {
                        let (name, mime, bytes) = export_file(d, data, plan.as_ref(), format);
                        download(name, mime, &bytes);
                    })
                });
            }
        })
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="kpi-export no-print" data-testid="kpi-export">
            <h2>{move || i18n.t(Msg::KpiExport)}</h2>
            <div class="buttons">
                <button type="button" data-testid="kpi-export-xlsx" on:click=move |_| save(ExportFormat::Xlsx)>
                    {move || i18n.t(Msg::KpiExportXlsx)}
                </button>
                <button type="button" data-testid="kpi-export-csv-ru" on:click=move |_| save(ExportFormat::CsvRu)>
                    {move || i18n.t(Msg::KpiExportCsvRu)}
                </button>
                <button type="button" data-testid="kpi-export-csv" on:click=move |_| save(ExportFormat::CsvPlain)>
                    {move || i18n.t(Msg::KpiExportCsv)}
                </button>
                <button type="button" data-testid="kpi-export-json" on:click=move |_| save(ExportFormat::Json)>
                    {move || i18n.t(Msg::KpiExportJson)}
                </button>
                <button type="button" data-testid="kpi-print" on:click=print>
                    {move || i18n.t(Msg::KpiPrint)}
                </button>
            </div>
            <p class="note">{move || i18n.t(Msg::KpiExportVariants)}</p>
        </section>
    }
}
