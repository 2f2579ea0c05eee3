//! The practice page mounted in headless Chromium: answers checked against
//! the engine with the worked solution, and the exam with its history.

use callcalc_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the whole app on the practice page with nothing stored but the language.
fn mount(_saved_staffing: Option<&str>, lang: &str) -> (HtmlElement, impl Drop) {
    mount_app("practice", lang, &[])
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
    // The exam has its own paper (never the one in the settings, 2026).
    let seed: u64 = text(&root, "exam-seed").parse().unwrap();
    assert_ne!(seed, 2026);
    assert!(by_testid(&root, "exercise-0-check").is_none(), "no per-exercise check during an exam");
    click(&root, "practice-submit-all");
    tick().await;
    assert!(by_testid(&root, "exam-over").is_some());
    assert!(by_testid(&root, "exam-timer").is_none());
    assert!(by_testid(&root, "exercise-2-verdict").is_none(), "unanswered: no verdict");
    assert!(by_testid(&root, "exercise-2-solution").is_some(), "the solution is shown after submitting");
    assert!(text(&root, "practice-score-total").contains("0 / 3"), "{}", text(&root, "practice-score-total"));
    assert!(text(&root, "history-0").contains(&seed.to_string()), "{}", text(&root, "history-0"));
    let stored = storage.get_item("callcalc.practice.history").unwrap().unwrap_or_default();
    let history = callcalc_app::state::practice::decode_history(&stored).unwrap();
    assert_eq!((history[0].seed, history[0].total, history[0].minutes), (seed, 3, 2));
    window.location().set_hash("").unwrap();
}
