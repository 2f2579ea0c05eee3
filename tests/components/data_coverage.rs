//! Short and partial data sets in headless Chromium: every analysis page
//! says what the data covers; a one-day data set is refused by the budget
//! and the forecast backtest (with what is needed, in Russian) and its month
//! row on the KPI page is marked partial; a ten-day data set is budgeted
//! with its month scaled to a whole one.

use std::sync::Arc;

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::budget::{dataset_workload, BudgetInputs};
use callcalc_app::state::dataset::{demo_dataset, encode_dataset, DataSet, Part, SAVED_KEY};
use callcalc_app::state::import::Source;
use callcalc_engine::demo;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Demo call records of `days` days from `start` (a fifth of the demo's
/// volume, to keep the browser record small), as an imported data set.
fn cdr_days(start: (i32, u32, u32), days: u32) -> DataSet {
    let centre = demo::DemoCentre { start, volume_scale: 0.2, ..Default::default() };
    let bytes = demo::cdr_csv(&centre, days).into_bytes();
    let part = Part::import(Source { name: "short.csv".into(), bytes: Arc::new(bytes) }).unwrap();
    demo_dataset().with_part(part)
}

/// Mounts the app in Russian on `hash` with `ds` saved in the browser (a reload after importing it).
fn mount_with(hash: &str, ds: &DataSet) -> (HtmlElement, impl Drop) {
    let record = encode_dataset(ds).unwrap();
    mount_app(hash, "ru", &[(SAVED_KEY, &record)])
}

#[wasm_bindgen_test]
async fn a_one_day_data_set_is_shown_as_one_day_and_refused_where_it_is_too_short() {
    let ds = cdr_days((2024, 7, 3), 1);
    let coverage = "Период: 03.07.2024 – 03.07.2024, 1 день с обращениями; календарных дней в периоде: 1";

    let (root, _h) = mount_with("#budget", &ds);
    wait_for(&root, "data-coverage").await;
    assert_eq!(text(&root, "data-coverage"), coverage);
    wait_for(&root, "budget-too-short").await;
    assert!(
        text(&root, "budget-too-short").starts_with("Для бюджета нужна история не менее 7 дней; в данных 1 день"),
        "{}",
        text(&root, "budget-too-short")
    );
    // No budget is shown for it: no totals, no scaling.
    assert_eq!(text(&root, "budget-cash"), "—");
    assert!(by_testid(&root, "budget-scaling").is_none());

    web_sys::window().unwrap().location().set_hash("#forecast").unwrap();
    wait_for(&root, "backtest-too-short").await;
    assert_eq!(text(&root, "data-coverage"), coverage);
    let t = text(&root, "backtest-too-short");
    assert!(t.starts_with("Для прогноза нужна история не менее 2 недель (14 дней); в данных 1 день"), "{t}");
    let page = root.text_content().unwrap_or_default();
    assert!(!page.contains("must be at most"), "no validator text on the page");

    web_sys::window().unwrap().location().set_hash("#kpi").unwrap();
    wait_for(&root, "kpi-partial").await;
    assert_eq!(text(&root, "data-coverage"), coverage);
    assert_eq!(text(&root, "kpi-partial-0"), "2024-07 — неполный период: 1 из 31 дн.");
}

#[wasm_bindgen_test]
async fn a_ten_day_data_set_is_budgeted_as_a_whole_month_and_says_so() {
    let ds = cdr_days((2024, 7, 10), 10);
    let w = dataset_workload(&ds).unwrap();
    let totals = BudgetInputs::default().parse(&w).unwrap().evaluate().totals;

    let (root, _h) = mount_with("#budget", &ds);
    wait_for(&root, "budget-scaling-0").await;
    assert_eq!(
        text(&root, "data-coverage"),
        "Период: 10.07.2024 – 19.07.2024, 10 дней с обращениями; календарных дней в периоде: 10"
    );
    assert_eq!(text(&root, "budget-scaling-0"), "июль 2024: 10 дней данных из 31; объём масштабирован ×3,10");
    assert!(by_testid(&root, "budget-too-short").is_none());
    // The page's FTE is the state's on the scaled workload.
    assert_eq!(text(&root, "budget-avg-fte"), format::number(Lang::Ru, totals.average_required_fte, 1));

    // The forecast: ten days are still too short for the backtest.
    web_sys::window().unwrap().location().set_hash("#forecast").unwrap();
    wait_for(&root, "backtest-too-short").await;
    assert!(text(&root, "backtest-too-short").contains("в данных 10 дней"));
}
