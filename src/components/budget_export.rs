//! Export and sharing: the budget workbook (XLSX: monthly, drivers,
//! scenarios, formulas, customer economics), the monthly sheet as CSV (`;`, decimal comma), the
//! form and scenarios saved to / loaded from a file, a link that carries
//! them in the hash, and printing the justification report.

use callcalc_engine::export::{to_csv, to_xlsx, CsvStyle};
use callcalc_engine::{BudgetModel, FieldError};
use leptos::prelude::*;
use leptos::task::spawn_local;
use wasm_bindgen::JsCast;

use crate::download::{download, CSV, XLSX};
use crate::i18n::{use_i18n, Msg};
use crate::state::budget::{workbook, BudgetInputs, Comparison, SavedBudget, ScenarioInputs};
use crate::state::customer::{customer_sheet, CustomerEconomics, CustomerInputs};

/// File names of the downloads.
pub const XLSX_NAME: &str = "callcalc-budget.xlsx";
pub const CSV_NAME: &str = "callcalc-budget.csv";
pub const SAVE_NAME: &str = "callcalc-budget.txt";

async fn read_text(input: web_sys::HtmlInputElement) -> Option<String> {
    let file = input.files()?.get(0)?;
    let buf = wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await.ok()?;
    String::from_utf8(js_sys::Uint8Array::new(&buf).to_vec()).ok()
}

#[component]
pub fn BudgetExport(
    inputs: RwSignal<BudgetInputs>,
    scenarios: RwSignal<Vec<ScenarioInputs>>,
    customer: RwSignal<CustomerInputs>,
    economics: Memo<Result<CustomerEconomics, Vec<FieldError>>>,
    parsed: Memo<Result<BudgetModel, Vec<FieldError>>>,
    #[prop(into)] comparison: Signal<Option<Comparison>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let load_failed = RwSignal::new(false);
    let link = RwSignal::new(String::new());
    let sheets = move || {
        let currency = inputs.with_untracked(|i| i.currency);
        parsed.with_untracked(|p| {
            let m = p.as_ref().ok()?;
            let mut sheets = comparison.with_untracked(|c| c.as_ref().map(|c| workbook(m, c, currency)))?;
            // Customer economics as its own sheet, when its form computes.
            economics.with_untracked(|e| {
                if let Ok(e) = e {
                    sheets.push(customer.with_untracked(|ci| customer_sheet(ci, e, currency.code())));
                }
            });
            Some(sheets)
        })
    };
    let on_xlsx = move |_| {
        if let Some(s) = sheets() {
            download(XLSX_NAME, XLSX, &to_xlsx(&s));
        }
    };
    let on_csv = move |_| {
        if let Some(s) = sheets() {
            download(CSV_NAME, CSV, to_csv(&s[0], CsvStyle::RU_EXCEL).as_bytes());
        }
    };
    let saved = move || SavedBudget {
        inputs: inputs.get_untracked(),
        scenarios: scenarios.get_untracked(),
        customer: customer.get_untracked(),
    };
    let on_save = move |_| {
        download(SAVE_NAME, "text/plain;charset=utf-8", saved().encode().as_bytes());
    };
    let on_load = move |ev: leptos::ev::Event| {
        let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) else { return };
        spawn_local(async move {
            match read_text(input).await.as_deref().and_then(SavedBudget::decode) {
                Some(s) => {
                    load_failed.set(false);
                    inputs.set(s.inputs);
                    scenarios.set(s.scenarios);
                    customer.set(s.customer);
                }
                None => load_failed.set(true),
            }
        });
    };
    let on_link = move |_| {
        let base = web_sys::window()
            .and_then(|w| w.location().href().ok())
            .map(|h| h.split('#').next().unwrap_or_default().to_string())
            .unwrap_or_default();
        link.set(format!("{base}{}", saved().to_hash()));
    };
    let on_print = move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    };
    view! {
        <section class="budget-export no-print">
            <h2>{move || i18n.t(Msg::BudgetExport)}</h2>
            <div class="buttons">
                <button type="button" data-testid="budget-export-xlsx" on:click=on_xlsx>
                    {move || i18n.t(Msg::BudgetExportXlsx)}
                </button>
                <button type="button" data-testid="budget-export-csv" on:click=on_csv>
                    {move || i18n.t(Msg::BudgetExportCsv)}
                </button>
                <button type="button" data-testid="budget-save-file" on:click=on_save>
                    {move || i18n.t(Msg::BudgetSaveFile)}
                </button>
                <label class="file">
                    {move || i18n.t(Msg::BudgetLoadFile)}
                    <input type="file" accept=".txt,text/plain" data-testid="budget-load-file" on:change=on_load />
                </label>
                <button type="button" data-testid="budget-share" on:click=on_link>
                    {move || i18n.t(Msg::BudgetShareLink)}
                </button>
                <button type="button" data-testid="budget-print" on:click=on_print>
                    {move || i18n.t(Msg::BudgetPrint)}
                </button>
            </div>
            <Show when=move || load_failed.get()>
                <p class="error" data-testid="budget-load-error">{move || i18n.t(Msg::BudgetLoadFailed)}</p>
            </Show>
            <Show when=move || !link.get().is_empty()>
                <input type="text" readonly class="share-link" data-testid="budget-share-url" prop:value=move || link.get() />
            </Show>
        </section>
    }
}
