//! Export of the forecast, requirement, monthly plan and shift plan (XLSX,
//! CSV of the forecast) and printing the page.

use callcalc_engine::export::{to_csv, to_xlsx, CsvStyle, Sheet};
use leptos::prelude::*;

use crate::download::{download, CSV, XLSX};
use crate::i18n::{use_i18n, Lang, Msg};

/// File names of the downloads.
pub const XLSX_NAME: &str = "callcalc-forecast.xlsx";
pub const CSV_NAME: &str = "callcalc-forecast.csv";

#[component]
pub fn ForecastExport(sheets: Callback<(), Vec<Sheet>>) -> impl IntoView {
    let i18n = use_i18n();
    let xlsx = move |_| {
        let s = sheets.run(());
        download(XLSX_NAME, XLSX, &to_xlsx(&s));
    };
    let csv = move |_| {
        let s = sheets.run(());
        let style = if i18n.lang.get_untracked() == Lang::Ru { CsvStyle::RU_EXCEL } else { CsvStyle::PLAIN };
        if let Some(first) = s.first() {
            download(CSV_NAME, CSV, to_csv(first, style).as_bytes());
        }
    };
    let print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="forecast-export no-print" data-testid="forecast-export">
            <h2>{move || i18n.t(Msg::ForecastExport)}</h2>
            <button type="button" data-testid="fc-export-xlsx" on:click=xlsx>{move || i18n.t(Msg::ForecastExportXlsx)}</button>
            " "
            <button type="button" data-testid="fc-export-csv" on:click=csv>{move || i18n.t(Msg::ForecastExportCsv)}</button>
            " "
            <button type="button" data-testid="fc-print" on:click=print>{move || i18n.t(Msg::ForecastPrint)}</button>
        </section>
    }
}
