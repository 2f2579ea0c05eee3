//! The practice exam can be trusted: its own fresh paper, no solutions, key
//! or print until it is submitted, the calculator beside it in a new tab, a
//! deadline in real time that survives a reload and submits by itself, and
//! dated results in the history.

use callcalc_app::state::practice::{decode_history, ExamState, PracticeForm, EXAM_KEY, HISTORY_KEY};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlButtonElement, HtmlElement};

use crate::common::*;

fn now_ms() -> u64 {
    js_sys::Date::now() as u64
}

/// The stored exam in progress.
fn stored_exam() -> Option<ExamState> {
    storage().get_item(EXAM_KEY).unwrap().and_then(|t| ExamState::decode(&t))
}

fn print_disabled(root: &HtmlElement) -> bool {
    let b: HtmlButtonElement = by_testid(root, "practice-print").expect("the print button").unchecked_into();
    b.disabled()
}

/// Settings: only the first topic (traffic and staffing: typed numbers, and
/// every exercise opens in the calculator), `count` exercises, `minutes`.
async fn settings(root: &HtmlElement, count: &str, minutes: &str) {
    for i in 1..7 {
        click(root, &format!("practice-topic-{i}"));
    }
    type_testid(root, "practice-count", count);
    type_testid(root, "practice-minutes", minutes);
    tick().await;
}

#[wasm_bindgen_test]
async fn an_exam_hides_the_key_print_and_solutions_until_submitted_and_dates_the_result() {
    let (root, _h) = mount_app("practice", "en", &[]);
    tick().await;
    settings(&root, "3", "2").await;

    // Practise the settings' paper (seed 2026) and see a solution.
    click(&root, "practice-generate");
    tick().await;
    type_testid(&root, "exercise-0-answer", "1");
    click(&root, "exercise-0-check");
    tick().await;
    assert!(by_testid(&root, "exercise-0-solution").is_some());
    assert!(by_testid(&root, "answer-key").is_some(), "the key is there for printing a practice paper");
    assert!(!print_disabled(&root));

    click(&root, "practice-start-exam");
    tick().await;
    let seed: u64 = text(&root, "exam-seed").parse().unwrap();
    assert_ne!(seed, 2026, "the exam is not the paper just practised");
    assert!(by_testid(&root, "answer-key").is_none(), "no key during the exam (not even for printing)");
    assert!(print_disabled(&root), "print is disabled during the exam");
    assert!(by_testid(&root, "practice-print-after").is_some());
    assert!(by_testid(&root, "exercise-0-solution").is_none(), "no solution during the exam");
    assert!(by_testid(&root, "exercise-0-verdict").is_none());
    assert!(by_testid(&root, "exercise-0-check").is_none());
    assert_eq!(input_value(&root, "exercise-0-answer"), "", "a fresh answer sheet");
    // The calculator opens beside the exam, in a new tab.
    assert_eq!(attr(&root, "exercise-0-open", "target"), "_blank");
    assert_eq!(attr(&root, "exercise-0-open", "rel"), "noopener");
    assert_eq!(attr(&root, "exercise-0-open", "href"), "#staffing");

    // The answer and the real-time deadline are kept in storage as typed.
    type_testid(&root, "exercise-1-answer", "42,5");
    tick().await;
    let exam = stored_exam().expect("the exam in progress is stored");
    assert_eq!(exam.spec.seed, seed);
    assert_eq!(exam.answers[1], "42,5");
    assert_eq!(exam.deadline_ms - exam.started_ms, 2 * 60_000);
    assert!(exam.deadline_ms > now_ms() + 100_000 && exam.deadline_ms <= now_ms() + 120_000);

    let before = now_ms();
    click(&root, "practice-submit-all");
    tick().await;
    let after = now_ms();
    assert!(stored_exam().is_none(), "a submitted exam is forgotten");
    assert!(by_testid(&root, "answer-key").is_some(), "the key after submitting");
    assert!(text(&root, "answer-key").contains(&seed.to_string()));
    assert!(!print_disabled(&root));
    assert!(by_testid(&root, "exercise-0-solution").is_some());
    assert_eq!(attr(&root, "exercise-0-open", "target"), "", "after the exam: the calculator in this tab");

    // The result is dated: stored in ms, shown as a local date and time.
    let history = decode_history(&storage().get_item(HISTORY_KEY).unwrap().unwrap()).unwrap();
    assert_eq!(history[0].seed, seed);
    let at = history[0].submitted_ms.expect("dated");
    assert!((before..=after).contains(&at), "{before} ≤ {at} ≤ {after}");
    assert_eq!(attr(&root, "history-0-date", "data-ms"), at.to_string());
    let shown = text(&root, "history-0-date");
    let year = js_sys::Date::new(&(at as f64).into()).get_full_year().to_string();
    let minute = format!("{:02}", js_sys::Date::new(&(at as f64).into()).get_minutes());
    assert!(shown.starts_with("submitted ") && shown.contains(&year[2..]) && shown.contains(&minute), "{shown}");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_exam_survives_a_reload_with_its_answers_and_its_deadline() {
    let (root, h) = mount_app("practice", "ru", &[]);
    tick().await;
    settings(&root, "3", "20").await;
    click(&root, "practice-start-exam");
    tick().await;
    let seed = text(&root, "exam-seed");
    type_testid(&root, "exercise-2-answer", "17");
    tick().await;
    let deadline = stored_exam().unwrap().deadline_ms;
    drop(h);
    root.remove();

    // A reload (or a visit to the calculator in this tab and back).
    let (root, _h) = remount("practice");
    tick().await;
    assert!(by_testid(&root, "notice-exam-restored").is_some());
    assert_eq!(text(&root, "exam-seed"), seed);
    assert_eq!(input_value(&root, "exercise-2-answer"), "17");
    assert!(by_testid(&root, "answer-key").is_none());
    let clock = text(&root, "exam-timer");
    assert!(clock == "20:00" || clock == "19:59", "{clock}");
    assert_eq!(stored_exam().unwrap().deadline_ms, deadline, "the deadline does not move");
    root.remove();
}

#[wasm_bindgen_test]
async fn the_time_left_is_the_deadline_minus_now() {
    // An exam started 5 minutes ago (e.g. the tab was frozen or closed since).
    let spec = PracticeForm { count: "2".into(), ..PracticeForm::default() }.parse().unwrap();
    let exam = ExamState::start(spec, now_ms() - 5 * 60_000);
    let (root, _h) = mount_app("practice", "en", &[(EXAM_KEY, &exam.encode())]);
    tick().await;
    let clock = text(&root, "exam-timer");
    assert!(clock == "15:00" || clock == "14:59", "20 min − 5 min: {clock}");
    root.remove();
}

#[wasm_bindgen_test]
async fn an_exam_past_its_deadline_submits_itself() {
    let spec = PracticeForm { count: "2".into(), minutes: "10".into(), ..PracticeForm::default() }.parse().unwrap();
    let mut exam = ExamState::start(spec, now_ms() - 11 * 60_000);
    exam.answers[0] = "3".into();
    let (root, _h) = mount_app("practice", "en", &[(EXAM_KEY, &exam.encode())]);
    tick().await;
    assert!(by_testid(&root, "exam-timer").is_none());
    assert!(text(&root, "exam-over").starts_with("Time is up"), "{}", text(&root, "exam-over"));
    assert!(by_testid(&root, "exercise-0-solution").is_some());
    assert!(stored_exam().is_none());
    let history = decode_history(&storage().get_item(HISTORY_KEY).unwrap().unwrap()).unwrap();
    assert_eq!((history[0].seed, history[0].minutes, history[0].total), (exam.spec.seed, 10, 2));
    assert_eq!(history[0].submitted_ms, Some(exam.deadline_ms), "submitted at the deadline");
    root.remove();
}
