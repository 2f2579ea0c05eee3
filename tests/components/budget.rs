//! Budget page component tests in a real headless Chromium (wasm-bindgen-test).

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::budget::{BudgetInputs, SavedBudget, ScenarioInputs};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the whole app on `hash` with nothing stored, in English.
fn mount(hash: &str) -> (HtmlElement, impl Drop) {
    mount_app(hash, "en", &[])
}

#[wasm_bindgen_test]
async fn the_demo_budget_shows_the_engines_totals_with_traces() {
    let (root, _h) = mount("#budget");
    tick().await;
    let c = expected_comparison(&[]);
    let cash = format!("{} ₽", format::number(Lang::En, c.baseline.totals.cash, 0));
    assert_eq!(text(&root, "budget-cash"), cash);
    assert_eq!(text(&root, "budget-avg-fte"), format::number(Lang::En, c.baseline.totals.average_required_fte, 1));
    assert!(by_testid(&root, "how-cash").is_some());
    assert!(text(&root, "formula-cost-per-call").contains("contacts offered"));
    assert!(by_testid(&root, "budget-month-cash-12").is_some());
    assert!(by_testid(&root, "tornado-row-10").is_some(), "eleven drivers in the tornado");
    assert!(!text(&root, "inv-npv").is_empty());
}

#[wasm_bindgen_test]
async fn a_bad_field_shows_its_error_and_a_scenario_shows_its_delta() {
    let (root, _h) = mount("#budget");
    tick().await;
    type_into(&root, "sl_percent", "abc");
    tick().await;
    assert!(by_testid(&root, "error-sl_percent").is_some());
    assert!(by_testid(&root, "budget-errors").is_some());
    type_into(&root, "sl_percent", "80");
    tick().await;
    assert!(by_testid(&root, "error-sl_percent").is_none());

    type_into(&root, "sc_name", "Volume +10%");
    type_into(&root, "sc_volume_pct", "10");
    tick().await;
    click(&root, "sc-add");
    tick().await;
    let sc = ScenarioInputs { name: "Volume +10%".into(), volume_pct: "10".into(), ..Default::default() };
    let c = expected_comparison(&[sc]);
    let s = c.rows[0].as_ref().unwrap().outcome.as_ref().unwrap();
    assert_eq!(text(&root, "sc-name-0"), "Volume +10%");
    assert_eq!(text(&root, "sc-dcash-0"), format!("+{}", format::number(Lang::En, s.delta_cash, 0)));
    click(&root, "sc-remove-0");
    tick().await;
    assert!(by_testid(&root, "sc-name-0").is_none());
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_its_scenarios() {
    let saved = SavedBudget {
        inputs: BudgetInputs::default(),
        scenarios: vec![ScenarioInputs {
            name: "SL 90/10".into(),
            sl_percent: "90".into(),
            sl_seconds: "10".into(),
            ..Default::default()
        }],
        ..Default::default()
    };
    let (root, _h) = mount(&saved.to_hash());
    tick().await;
    assert!(by_testid(&root, "budget-from-link").is_some());
    assert_eq!(text(&root, "sc-name-0"), "SL 90/10");
    assert_eq!(text(&root, "sc-sl-0"), "90/10");
    assert!(text(&root, "sc-dfte-0").starts_with('+'));
}

#[wasm_bindgen_test]
async fn customer_economics_shows_the_engines_values_traces_and_field_errors() {
    use callcalc_app::state::customer::CustomerInputs;
    let (root, _h) = mount("#budget");
    tick().await;
    let c = CustomerInputs::default().evaluate().unwrap();
    let money = |x: f64| format!("{} ₽", format::number(Lang::En, x, 0));
    assert_eq!(text(&root, "ce-cac-blended"), money(c.cac_blended.value.unwrap()));
    assert_eq!(text(&root, "ce-cac-paid"), money(c.cac_paid.value.unwrap()));
    assert_eq!(text(&root, "ce-clv-farris"), money(c.clv_farris.value));
    assert_eq!(text(&root, "ce-clv-simple"), money(c.clv_simple.value));
    assert!(text(&root, "formula-clv-farris").contains("m·r / (1 + d − r)"));
    assert!(text(&root, "formula-retention-cost").contains("S / R"));
    // Paid customers above all new customers: the error sits at that field.
    type_into(&root, "ce_new_customers_paid", "140");
    tick().await;
    assert!(by_testid(&root, "error-ce_new_customers_paid").is_some());
    assert!(by_testid(&root, "error-ce_paid_spend").is_none());
    type_into(&root, "ce_new_customers_paid", "40");
    type_into(&root, "ce_new_customers", "0");
    type_into(&root, "ce_new_customers_paid", "0");
    tick().await;
    assert_eq!(text(&root, "ce-cac-blended"), "—");
}

#[wasm_bindgen_test]
async fn tornado_toggles_to_cost_per_call_and_abandons_add_revenue() {
    let (root, _h) = mount("#budget");
    tick().await;
    let select: web_sys::HtmlSelectElement = by_testid(&root, "tornado-measure").unwrap().unchecked_into();
    select.set_value("cpc");
    select.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    tick().await;
    assert!(text(&root, "tornado-note").contains("cost per call"));
    assert_eq!(text(&root, "inv-revenue-retained"), "0 ₽");
    type_into(&root, "inv_abandon_before", "8");
    type_into(&root, "inv_abandon_after", "5");
    type_into(&root, "inv_buy_share", "20");
    type_into(&root, "inv_margin_per_sale", "1000");
    tick().await;
    assert_ne!(text(&root, "inv-revenue-retained"), "0 ₽");
    type_into(&root, "inv_abandon_after", "9");
    tick().await;
    assert!(by_testid(&root, "error-inv_abandon_after").is_some());
}
