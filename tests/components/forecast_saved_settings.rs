//! Component tests: the forecast page's settings, special days and shift
//! templates survive a reload (localStorage), and a damaged record gives the
//! defaults with a notice. In headless Chromium.

use callcalc_app::state::forecast_store::{SavedForecast, STORAGE_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the app on `#forecast` in English, keeping whatever is stored.
fn mount() -> (HtmlElement, impl Drop) {
    storage().set_item("callcalc.lang", "en").unwrap();
    remount("forecast")
}

#[wasm_bindgen_test]
async fn settings_special_days_and_shifts_survive_a_reload() {
    storage().clear().unwrap();
    let (root, handle) = mount();
    tick().await;
    assert_eq!(select_value(&root, "select-fc-horizon"), "week", "defaults first");
    select(&root, "select-fc-horizon", "1m");
    select(&root, "select-fc-model", "a");
    tick().await;
    type_testid(&root, "input-fc_sl", "90");
    type_testid(&root, "input-fc_patience", "75");
    type_testid(&root, "input-fc_special", "2003-01-01, 2003-05-09");
    type_testid(&root, "shift-0-name", "Ранняя");
    type_testid(&root, "shift-0-start", "07:00");
    tick().await;
    let stored = storage().get_item(STORAGE_KEY).unwrap().expect("the page saved its settings");
    assert!(stored.contains("sl_percent=90"), "{stored}");
    // A reload: the page is mounted afresh from what is stored.
    drop(handle);
    root.remove();
    let (root, _h) = mount();
    tick().await;
    assert_eq!(select_value(&root, "select-fc-horizon"), "1m");
    assert_eq!(select_value(&root, "select-fc-model"), "a");
    assert_eq!(input_value(&root, "input-fc_sl"), "90");
    assert_eq!(input_value(&root, "input-fc_patience"), "75");
    assert_eq!(input_value(&root, "input-fc_special"), "2003-01-01, 2003-05-09");
    assert_eq!(input_value(&root, "shift-0-name"), "Ранняя");
    assert_eq!(input_value(&root, "shift-0-start"), "07:00");
    assert!(by_testid(&root, "notice-storage").is_none(), "a good record gives no notice");
    // The restored settings drive the page: special days are marked in the history.
    assert!(by_testid(&root, "fc-special-count").is_some() || by_testid(&root, "fc-special-outside").is_some());
}

#[wasm_bindgen_test]
async fn a_damaged_record_gives_defaults_and_a_notice() {
    storage().clear().unwrap();
    storage().set_item(STORAGE_KEY, "forecast v1\nshifts=Early\t08:00\n").unwrap();
    let (root, _h) = mount();
    tick().await;
    assert!(by_testid(&root, "notice-storage").is_some(), "the user is told");
    assert_eq!(select_value(&root, "select-fc-horizon"), "week");
    let d = SavedForecast::default();
    assert_eq!(input_value(&root, "input-fc_sl"), d.inputs.sl_percent);
    assert_eq!(input_value(&root, "shift-0-name"), d.shifts[0].name);
}

#[wasm_bindgen_test]
async fn the_peak_reports_hourly_cost_comes_from_the_saved_budget() {
    use callcalc_app::state::budget::{kpi_cost_from_budget, SavedBudget};
    use callcalc_app::state::dataset::demo_dataset;
    storage().clear().unwrap();
    let (root, _h) = mount();
    tick().await;
    let before = input_value(&root, "input-fc_hourly_cost");
    let cost_before = by_testid(&root, "peak-cost-target").unwrap().text_content().unwrap();
    let button: HtmlElement = by_testid(&root, "fc-cost-from-budget").unwrap().unchecked_into();
    button.click();
    tick().await;
    // No budget saved: the budget page's defaults on the demo data set.
    let (saved, _) = SavedBudget::load();
    let want = kpi_cost_from_budget(&saved, &demo_dataset()).unwrap().labour_per_agent_hour();
    let got = input_value(&root, "input-fc_hourly_cost");
    assert_eq!(got, format!("{want:.2}"));
    assert_ne!(got, before, "the budget's hourly labour differs from the default field");
    assert!(by_testid(&root, "fc-cost-from-budget-error").is_none());
    // The peak costs follow the new hourly cost.
    let cost_after = by_testid(&root, "peak-cost-target").unwrap().text_content().unwrap();
    assert_ne!(cost_after, cost_before);
}
