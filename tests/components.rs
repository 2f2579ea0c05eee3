//! Component tests in a real headless Chromium (wasm-bindgen-test).
//! Run: `cargo test -p callcalc-app --target wasm32-unknown-unknown` (see Makefile).

#![cfg(target_arch = "wasm32")]

use callcalc_app::App;
use callcalc_engine::{required_agents, Load, Targets};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// Mounts the whole app with nothing stored but the language and the given
/// staffing form. The app opens on the KPI dashboard by default; these tests
/// are about the staffing page unless a test chose another page's hash (the
/// test runner's own hash is not a page).
fn mount(saved_staffing: Option<&str>, lang: &str) -> (HtmlElement, impl Drop) {
    let hash = web_sys::window().unwrap().location().hash().unwrap_or_default();
    let hash = hash.trim_start_matches('#').to_string();
    let page = if callcalc_app::app::Page::ALL.iter().any(|p| hash == p.hash()) { hash } else { "staffing".into() };
    let stored: Vec<(&str, &str)> = saved_staffing.map(|s| ("callcalc.staffing", s)).into_iter().collect();
    mount_app(&page, lang, &stored)
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

#[wasm_bindgen_test]
async fn practice_checks_answers_against_the_engine_and_shows_the_solution() {
    use callcalc_engine::{Answer, Difficulty, Exercise, Paper, Topic};
    let location = web_sys::window().unwrap().location();
    location.set_hash("#practice").unwrap();
    let (root, _h) = mount(None, "en");
    tick().await;
    type_testid(&root, "practice-seed", "4242");
    click(&root, "practice-generate");
    tick().await;
    let paper = Paper::generate(4242, &Topic::ALL, 7, Difficulty::Basic).unwrap();
    assert_eq!(text(&root, "exercise-0-text"), paper.exercises[0].prompt.en);

    // Answers exercise `i` right (the engine's stored answer) or wrong.
    let answer = |i: usize, e: &Exercise, right: bool| match e.answer {
        Answer::Number { value, .. } => type_testid(
            &root,
            &format!("exercise-{i}-answer"),
            &format!("{}", if right { value } else { value * 3.0 + 7.0 }),
        ),
        Answer::Choice { correct } => {
            let j = if right { correct } else { (correct + 1) % e.options.len() };
            click(&root, &format!("exercise-{i}-option-{j}"));
        }
    };
    answer(0, &paper.exercises[0], true);
    tick().await;
    click(&root, "exercise-0-check");
    tick().await;
    assert!(text(&root, "exercise-0-verdict").starts_with("Correct"), "{}", text(&root, "exercise-0-verdict"));
    assert!(by_testid(&root, "exercise-0-solution").is_some());

    answer(1, &paper.exercises[1], false);
    tick().await;
    assert!(by_testid(&root, "exercise-1-solution").is_none(), "no solution before checking");
    click(&root, "exercise-1-check");
    tick().await;
    assert!(text(&root, "exercise-1-verdict").starts_with("Wrong"), "{}", text(&root, "exercise-1-verdict"));
    let solution = text(&root, "exercise-1-solution");
    assert!(solution.contains(paper.exercises[1].solution[0].trace.formula), "{solution}");
    assert!(text(&root, "practice-score-total").contains("1 / 7"), "{}", text(&root, "practice-score-total"));
    location.set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn practice_exam_submits_all_and_keeps_a_history_despite_a_corrupt_record() {
    let window = web_sys::window().unwrap();
    let storage = window.local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("callcalc.lang", "en").unwrap();
    storage.set_item("callcalc.practice.history", "{corrupt").unwrap();
    window.location().set_hash("#practice").unwrap();
    let root: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&root).unwrap();
    let _h = leptos::mount::mount_to(root.clone(), App);
    tick().await;
    assert!(by_testid(&root, "notice-practice-history").is_some());
    assert!(by_testid(&root, "history-empty").is_some());

    type_testid(&root, "practice-count", "3");
    type_testid(&root, "practice-minutes", "2");
    click(&root, "practice-start-exam");
    tick().await;
    let clock = text(&root, "exam-timer");
    assert!(clock == "02:00" || clock == "01:59", "{clock}");
    assert!(by_testid(&root, "exercise-0-check").is_none(), "no per-exercise check during an exam");
    click(&root, "practice-submit-all");
    tick().await;
    assert!(by_testid(&root, "exam-over").is_some());
    assert!(by_testid(&root, "exam-timer").is_none());
    assert!(by_testid(&root, "exercise-2-verdict").is_none(), "unanswered: no verdict");
    assert!(by_testid(&root, "exercise-2-solution").is_some(), "the solution is shown after submitting");
    assert!(text(&root, "practice-score-total").contains("0 / 3"), "{}", text(&root, "practice-score-total"));
    assert!(text(&root, "history-0").contains("2026"), "{}", text(&root, "history-0"));
    let stored = storage.get_item("callcalc.practice.history").unwrap().unwrap_or_default();
    let history = callcalc_app::state::practice::decode_history(&stored).unwrap();
    assert_eq!((history[0].seed, history[0].total, history[0].minutes), (2026, 3, 2));
    window.location().set_hash("").unwrap();
}
