//! The staffing page mounted in headless Chromium: the engine's staffing
//! shown, errors at their field, unstable queues, language switch, a corrupt
//! saved form, decimal comma, traces, and every queue model.

use callcalc_engine::{required_agents, Load, Targets};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the whole app on the staffing page with nothing stored but the
/// language and the given staffing form.
fn mount(saved_staffing: Option<&str>, lang: &str) -> (HtmlElement, impl Drop) {
    let stored: Vec<(&str, &str)> = saved_staffing.map(|s| ("callcalc.staffing", s)).into_iter().collect();
    mount_app("staffing", lang, &stored)
}

#[wasm_bindgen_test]
async fn default_page_shows_the_engines_staffing() {
    let (root, _h) = mount(None, "en");
    tick().await;
    let expected =
        required_agents(&Load::new(360.0, 1800.0, 240.0).unwrap(), &Targets::service_level(0.8, 20.0).unwrap());
    assert_eq!(text(&root, "result-agents"), expected.agents.to_string());
    assert_eq!(text(&root, "result-traffic"), "48.00 Erl");
    assert_eq!(text(&root, "result-gross-fte"), "78"); // 54 / 0.7 = 77.14 → 78
    assert!(by_testid(&root, "agents-table").is_some());
    assert!(by_testid(&root, &format!("row-{}", expected.agents + 5)).is_some());
}

#[wasm_bindgen_test]
async fn typing_updates_results_and_errors_sit_next_to_their_field() {
    let (root, _h) = mount(None, "en");
    tick().await;
    type_into(&root, "calls", "100");
    type_into(&root, "interval_min", "30");
    type_into(&root, "aht", "3:00");
    tick().await;
    assert_eq!(text(&root, "result-agents"), "14"); // reference pub-rs-02
    type_into(&root, "aht", "0");
    tick().await;
    assert!(text(&root, "error-aht").contains("greater than 0"), "{}", text(&root, "error-aht"));
    assert!(by_testid(&root, "results-invalid").is_some());
    assert_eq!(text(&root, "result-agents"), "");
    type_into(&root, "aht", "180");
    tick().await;
    assert!(by_testid(&root, "error-aht").is_none());
    assert_eq!(text(&root, "result-agents"), "14");
}

#[wasm_bindgen_test]
async fn too_few_agents_are_reported_as_an_unstable_queue() {
    let (root, _h) = mount(None, "en");
    tick().await;
    type_into(&root, "agents_on_hand", "48");
    tick().await;
    let msg = text(&root, "check-unstable");
    assert!(msg.contains("Queue unstable"), "{msg}");
    assert!(by_testid(&root, "check-asa").is_none(), "no wait is shown as a number");
    type_into(&root, "agents_on_hand", "55");
    tick().await;
    assert!(by_testid(&root, "check-unstable").is_none());
    assert!(text(&root, "check-sl").ends_with('%'));
}

#[wasm_bindgen_test]
async fn language_switch_translates_and_formats_numbers() {
    let (root, _h) = mount(None, "en");
    tick().await;
    assert_eq!(text(&root, "result-traffic"), "48.00 Erl");
    click(&root, "lang-ru");
    tick().await;
    assert_eq!(text(&root, "result-traffic"), "48,00 Эрл");
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("callcalc.lang").unwrap();
    assert_eq!(stored.as_deref(), Some("ru"));
}

#[wasm_bindgen_test]
async fn a_corrupt_saved_form_gives_defaults_and_a_notice() {
    let (root, _h) = mount(Some("{not a record"), "en");
    tick().await;
    assert!(by_testid(&root, "notice-storage").is_some());
    assert_eq!(text(&root, "result-traffic"), "48.00 Erl");
}

#[wasm_bindgen_test]
async fn decimal_comma_is_accepted() {
    let (root, _h) = mount(None, "ru");
    tick().await;
    type_into(&root, "calls", "100,5");
    tick().await;
    assert!(by_testid(&root, "error-calls").is_none());
    assert_eq!(text(&root, "result-traffic"), "13,40 Эрл");
}

#[wasm_bindgen_test]
async fn how_is_this_computed_shows_the_formula() {
    let (root, _h) = mount(None, "en");
    tick().await;
    let formula = text(&root, "formula-sl");
    assert!(formula.contains("SL = 1 − C"), "{formula}");
}

#[wasm_bindgen_test]
async fn model_selector_staffs_with_erlang_a_x_chat_and_deferred() {
    use callcalc_engine::{Chat, ErlangA, QueueTargets, SlDefinition};
    let (root, _h) = mount(None, "en");
    tick().await;
    let load = Load::new(360.0, 1800.0, 240.0).unwrap();
    let qt = QueueTargets::service_level(SlDefinition::AnsweredOverOffered, 0.8).unwrap();

    select(&root, "input-model", "a");
    tick().await;
    let a = ErlangA::new(load, 120.0, 20.0).unwrap().required_agents(&qt).agents().unwrap();
    assert_eq!(text(&root, "result-agents"), a.to_string());
    assert!(text(&root, "result-abandon").ends_with('%'));
    type_into(&root, "patience", "0");
    tick().await;
    assert!(by_testid(&root, "error-patience").is_some());
    type_into(&root, "patience", "120");

    select(&root, "input-model", "chat");
    tick().await;
    let chat = Chat::new(360.0, 1800.0, &[240.0, 300.0, 380.0], Some(120.0), 20.0)
        .unwrap()
        .required_agents(&qt)
        .agents()
        .unwrap();
    assert_eq!(text(&root, "result-agents"), chat.to_string());

    select(&root, "input-model", "deferred");
    tick().await;
    assert_eq!(text(&root, "result-agents"), "8");
    assert_eq!(text(&root, "result-sl"), "n/a");
    assert!(by_testid(&root, "agents-table").is_none());

    select(&root, "input-model", "c");
    tick().await;
    assert!(by_testid(&root, "result-abandon").is_none());
}
