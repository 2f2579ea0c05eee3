//! Component tests of the KPI dashboard in a real browser (wasm-bindgen-test):
//! it is the default page; a cell opens its trace; the global SL variant
//! changes the table and the trace; cost errors sit next to their field; a
//! reported figure is explained.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

use crate::common::*;

/// Mounts the app on its first page (the KPI dashboard) in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("", "en", &[])
}

#[wasm_bindgen_test]
async fn the_dashboard_is_the_first_screen_and_cells_open_traces() {
    let (root, _h) = mount();
    tick().await;
    assert!(by_testid(&root, "kpi-table").is_some(), "the KPI dashboard opens first");
    let negative = number(&text(&root, "kpi-cell-total-service_level"));
    click(&root, "kpi-cell-total-service_level");
    tick().await;
    assert_eq!(text(&root, "kpi-trace-formula"), "SL = Aₜ / O");
    assert!(by_testid(&root, "kpi-trace-other-kpi.service_level.aban_positive").is_some());

    // The global variant changes the table and the open trace.
    select(&root, "kpi-sl-variant", "aban_ignored");
    tick().await;
    let ignored = number(&text(&root, "kpi-cell-total-service_level"));
    assert!(ignored > negative, "abandons excluded: {ignored} > {negative}");
    assert_eq!(text(&root, "kpi-trace-formula"), "SL = Aₜ / (O − Bₜ)");

    click(&root, "kpi-trace-close");
    tick().await;
    assert!(by_testid(&root, "kpi-trace").is_none());

    // One channel: the total row equals that channel's line in "contacts by channel".
    select(&root, "kpi-channel", "phone");
    tick().await;
    assert_eq!(text(&root, "kpi-cell-total-offered"), text(&root, "kpi-channel-phone-offered"));
}

#[wasm_bindgen_test]
async fn cost_errors_sit_next_to_the_field_and_a_reported_aht_is_explained() {
    let (root, _h) = mount();
    tick().await;
    type_testid(&root, "input-labour_per_hour", "-5");
    tick().await;
    assert!(by_testid(&root, "error-labour_per_hour").is_some());
    type_testid(&root, "input-labour_per_hour", "450");
    tick().await;
    assert!(by_testid(&root, "error-labour_per_hour").is_none());
    assert_ne!(text(&root, "kpi-cell-total-cost"), "—");

    // Reported "AHT" equal to talk time only: flagged as that mistake.
    select(&root, "kpi-sl-variant", "aban_negative");
    let sel: HtmlSelectElement = by_testid(&root, "kpi-reported-kpi").unwrap().unchecked_into();
    sel.set_value("aht");
    sel.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
    select(&root, "kpi-aht-variant", "talk_only");
    tick().await;
    let talk_only = text(&root, "kpi-cell-total-aht").replace(',', "");
    select(&root, "kpi-aht-variant", "talk_hold_acw");
    type_testid(&root, "input-reported_value", &talk_only);
    tick().await;
    let verdict = by_testid(&root, "kpi-reported-verdict").expect("a verdict");
    assert_eq!(verdict.get_attribute("data-verdict").as_deref(), Some("explained"));
    assert!(by_testid(&root, "kpi-reported-explained-kpi.aht.talk_only").is_some());
}

#[wasm_bindgen_test]
async fn plan_targets_are_checked_per_row_and_saved() {
    let (root, _h) = mount();
    tick().await;
    assert!(by_testid(&root, "kpi-plan-empty").is_some(), "no targets at first");
    let actual = number(&text(&root, "kpi-cell-total-service_level"));
    // A target 1 point above the actual SL is missed; one 1 point below is met.
    type_testid(&root, "input-plan_service_level", &format!("{:.1}", actual + 1.0));
    tick().await;
    let cell = by_testid(&root, "kpi-plan-total-service_level").expect("the total against the plan");
    assert_eq!(cell.get_attribute("data-met").as_deref(), Some("missed"));
    assert_eq!(text(&root, "kpi-plan-total-service_level-actual"), text(&root, "kpi-cell-total-service_level"));
    assert!(by_testid(&root, "kpi-plan-row-0").is_some(), "every row of the grouping");
    type_testid(&root, "input-plan_service_level", &format!("{:.1}", actual - 1.0));
    tick().await;
    let cell = by_testid(&root, "kpi-plan-total-service_level").unwrap();
    assert_eq!(cell.get_attribute("data-met").as_deref(), Some("met"));
    // A bad value sits next to its field.
    type_testid(&root, "input-plan_aht", "abc");
    tick().await;
    assert!(by_testid(&root, "error-plan_aht").is_some());
    type_testid(&root, "input-plan_aht", "3:00");
    tick().await;
    // Saved in localStorage as a versioned record.
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("callcalc.kpi-plan").unwrap();
    let stored = stored.expect("the plan is saved");
    assert!(stored.starts_with("kpi-plan v1\n"), "{stored}");
    assert!(stored.contains("aht=3:00"), "{stored}");
}
