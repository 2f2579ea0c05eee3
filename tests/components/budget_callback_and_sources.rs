//! Budget page component tests (callback scenario, customer economics in the
//! saved record and the link, the FTE source) in a real headless Chromium.

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::budget::{workload, BudgetInputs, SavedBudget, ScenarioInputs};
use callcalc_app::state::customer::CustomerInputs;
use callcalc_app::state::dataset::demo_dataset;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

use crate::common::*;

/// Mounts the whole app on `hash` with nothing stored, in English.
fn mount(hash: &str) -> (HtmlElement, impl Drop) {
    mount_app(hash, "en", &[])
}

#[wasm_bindgen_test]
async fn a_callback_scenario_shows_callback_fte_and_fewer_abandons_with_traces() {
    let (root, _h) = mount("#budget");
    tick().await;
    type_into(&root, "sc_name", "Callback 20%");
    type_into(&root, "sc_callback_minutes", "30");
    tick().await;
    // A deadline without a share is an error at the share.
    assert!(by_testid(&root, "error-sc_callback_pct").is_some());
    type_into(&root, "sc_callback_pct", "20");
    tick().await;
    assert!(by_testid(&root, "error-sc_callback_pct").is_none());
    click(&root, "sc-add");
    tick().await;
    let sc = ScenarioInputs {
        name: "Callback 20%".into(),
        callback_pct: "20".into(),
        callback_minutes: "30".into(),
        ..Default::default()
    };
    let c = expected_comparison(&[sc]);
    let s = c.rows[0].as_ref().unwrap().outcome.as_ref().unwrap();
    let t = &s.budget.totals;
    assert!(t.average_callback_fte > 0.0 && t.abandons < c.baseline.totals.abandons);
    assert_eq!(text(&root, "sc-cbfte-0"), format::number(Lang::En, t.average_callback_fte, 1));
    assert_eq!(text(&root, "sc-abandons-0"), format::number(Lang::En, t.abandons, 0));
    assert_eq!(text(&root, "sc-abandons-base"), format::number(Lang::En, c.baseline.totals.abandons, 0));
    assert_eq!(text(&root, "sc-cbfte-base"), format::number(Lang::En, 0.0, 1));
    assert!(text(&root, "formula-sc-cbfte-0").contains("FTE_cb"));
    assert!(text(&root, "formula-sc-abandons-0").contains("abandons = N_rt · a"));
    // The tornado has the callback share as a driver.
    assert!(by_testid(&root, "tornado-row-10").is_some());
}

#[wasm_bindgen_test]
async fn a_link_carries_customer_economics_and_an_old_link_still_opens() {
    let saved =
        SavedBudget { customer: CustomerInputs { margin: "20000".into(), ..Default::default() }, ..Default::default() };
    let (root, _h) = mount(&saved.to_hash());
    tick().await;
    let input: HtmlInputElement = by_testid(&root, "input-ce_margin").unwrap().unchecked_into();
    assert_eq!(input.value(), "20000");
    let econ = saved.customer.evaluate().unwrap();
    assert_eq!(text(&root, "ce-clv-farris"), format!("{} ₽", format::number(Lang::En, econ.clv_farris.value, 0)));
    // The page keeps it in the browser (the record read back has it).
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("callcalc.budget").unwrap();
    assert_eq!(SavedBudget::decode(&stored.unwrap()).unwrap().customer.margin, "20000");
    drop(_h);
    root.remove();

    // A link written before customer economics (record v1) still opens, with the defaults.
    let v1 = "budget v1\nmonths=24\nscenario.000=Old|5||||||||\n";
    let (root, _h) = mount(&format!("#budget?s={}", callcalc_app::state::budget::percent_encode(v1)));
    tick().await;
    assert!(by_testid(&root, "budget-from-link").is_some());
    assert_eq!(text(&root, "sc-name-0"), "Old");
    let input: HtmlInputElement = by_testid(&root, "input-ce_margin").unwrap().unchecked_into();
    assert_eq!(input.value(), CustomerInputs::default().margin);
}

#[wasm_bindgen_test]
async fn the_forecast_source_is_shown_and_gives_the_states_fte() {
    use callcalc_app::state::budget::{forecast_work, FteSource};
    let (root, _h) = mount("#budget");
    tick().await;
    assert!(text(&root, "budget-source-used").contains("data history"));
    let select: web_sys::HtmlSelectElement = by_testid(&root, "input-source").unwrap().unchecked_into();
    select.set_value("forecast");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    let ds = demo_dataset();
    let w = workload(&ds.intervals().unwrap().unwrap()).unwrap();
    let fw = forecast_work(&ds).unwrap();
    let f = BudgetInputs { source: FteSource::Forecast, ..Default::default() };
    let b = f.parse_with(&w, Some(&fw)).unwrap().evaluate();
    assert!(text(&root, "budget-source-used").contains("forecast"), "{}", text(&root, "budget-source-used"));
    assert!(text(&root, "budget-source-used").contains(&fw.method));
    assert_eq!(text(&root, "budget-avg-fte"), format::number(Lang::En, b.totals.average_required_fte, 1));
    assert!(by_testid(&root, "error-source").is_none());
}
