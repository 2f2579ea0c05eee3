//! The practice page in a real headless Chromium against the release build:
//! answers checked against the engine's own paper for the same seed.

use callcalc_e2e::Session;
use callcalc_engine::{Answer, Difficulty, Exercise, Paper, Topic};

/// Answers exercise `i` with the engine's stored answer, or with a wrong one.
async fn answer(s: &Session, i: usize, e: &Exercise, right: bool) {
    match e.answer {
        Answer::Number { value, .. } => {
            let v = if right { value } else { value * 3.0 + 7.0 };
            s.type_into(&format!("exercise-{i}-answer"), &format!("{v}")).await;
        }
        Answer::Choice { correct } => {
            let j = if right { correct } else { (correct + 1) % e.options.len() };
            s.click(&format!("exercise-{i}-option-{j}")).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn practice_paper_is_checked_scored_explained_and_translated() {
    let (seed, count) = (31_337_u64, 5_usize);
    let paper = Paper::generate(seed, &Topic::ALL, count, Difficulty::Basic).unwrap();
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#practice", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("practice-settings").await;

    s.type_into("practice-seed", &seed.to_string()).await;
    s.type_into("practice-count", &count.to_string()).await;
    s.click("practice-generate").await;
    assert_eq!(s.text("exercise-0-text").await, paper.exercises[0].prompt.en);

    // Right answer.
    answer(&s, 0, &paper.exercises[0], true).await;
    s.click("exercise-0-check").await;
    let v0 = s.text_when("exercise-0-verdict", |t| !t.is_empty()).await;
    assert!(v0.starts_with("Correct"), "{v0}");

    // Wrong answer: the verdict, then the engine's worked solution.
    answer(&s, 1, &paper.exercises[1], false).await;
    s.click("exercise-1-check").await;
    let v1 = s.text_when("exercise-1-verdict", |t| !t.is_empty()).await;
    assert!(v1.starts_with("Wrong"), "{v1}");
    let solution = s.text("exercise-1-solution").await;
    assert!(solution.contains(paper.exercises[1].solution[0].trace.formula), "{solution}");

    // Score by topic and in total.
    assert!(s.exists("practice-score").await);
    let total = s.text("practice-score-total").await;
    assert!(total.contains(&format!("1 / {count}")), "{total}");
    let first_topic = s.text("score-topic-0").await;
    assert!(first_topic.contains(&paper.exercises[0].topic.title().en), "{first_topic}");

    // Russian.
    s.click("lang-ru").await;
    let ru = s.text_when("exercise-0-text", |t| t == paper.exercises[0].prompt.ru).await;
    assert_eq!(ru, paper.exercises[0].prompt.ru);
    let v0_ru = s.text("exercise-0-verdict").await;
    assert!(v0_ru.starts_with("Верно"), "{v0_ru}");
    // A traffic or staffing exercise opens in the calculator with its numbers.
    if let Some((i, calls)) = paper.exercises.iter().enumerate().find_map(|(i, e)| match &e.givens {
        callcalc_engine::Givens::Traffic { calls, .. } | callcalc_engine::Givens::Staffing { calls, .. } => {
            Some((i, *calls))
        }
        _ => None,
    }) {
        s.click(&format!("exercise-{i}-open")).await;
        s.wait_for("result-agents").await;
        let shown = s.wait_for("input-calls").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(shown.parse::<f64>().unwrap(), calls);
    }
    s.close().await;
}

/// The exam in the release build: a fresh paper, no key or print while it
/// runs, its answers and deadline surviving a reload of the page, the
/// calculator in a new tab beside it, and a dated result.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_exam_survives_a_reload_and_opens_the_calculator_beside_it() {
    let s = Session::start().await;
    s.open().await;
    s.client.execute("localStorage.clear(); localStorage.setItem('callcalc.lang','en');", vec![]).await.unwrap();
    s.client.goto(&format!("{}#practice", s.base)).await.unwrap();
    s.client.refresh().await.unwrap();
    s.wait_for("practice-settings").await;
    s.type_into("practice-count", "7").await;
    s.click("practice-start-exam").await;

    let seed: u64 = s.text("exam-seed").await.parse().unwrap();
    assert_ne!(seed, 2026, "not the paper in the settings");
    let paper = Paper::generate(seed, &Topic::ALL, 7, Difficulty::Basic).unwrap();
    assert_eq!(s.text("exercise-0-text").await, paper.exercises[0].prompt.en, "the engine's paper for that seed");
    assert!(!s.exists("answer-key").await, "no key during the exam");
    let print = s.wait_for("practice-print").await;
    assert_eq!(print.prop("disabled").await.unwrap().as_deref(), Some("true"));

    // An answer, then a reload: the exam goes on with it and the same deadline.
    let typed = paper.exercises.iter().position(|e| matches!(e.answer, Answer::Number { .. }));
    if let Some(i) = typed {
        s.type_into(&format!("exercise-{i}-answer"), "12,5").await;
    }
    s.client.refresh().await.unwrap();
    s.wait_for("notice-exam-restored").await;
    assert_eq!(s.text("exam-seed").await, seed.to_string());
    assert!(!s.text("exam-timer").await.is_empty());
    if let Some(i) = typed {
        let v = s.wait_for(&format!("exercise-{i}-answer")).await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(v, "12,5");
    }

    // The calculator opens in a new tab; the exam stays here.
    let calc = paper.exercises.iter().enumerate().find_map(|(i, e)| match &e.givens {
        callcalc_engine::Givens::Traffic { calls, .. } | callcalc_engine::Givens::Staffing { calls, .. } => {
            Some((i, *calls))
        }
        _ => None,
    });
    if let Some((i, calls)) = calc {
        let here = s.client.window().await.unwrap();
        s.click(&format!("exercise-{i}-open")).await;
        let mut windows = s.client.windows().await.unwrap();
        for _ in 0..50 {
            if windows.len() > 1 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            windows = s.client.windows().await.unwrap();
        }
        assert_eq!(windows.len(), 2, "a new tab");
        let other = windows.into_iter().find(|w| *w != here).unwrap();
        s.client.switch_to_window(other).await.unwrap();
        s.wait_for("result-agents").await;
        let shown = s.wait_for("input-calls").await.prop("value").await.unwrap().unwrap_or_default();
        assert_eq!(shown.parse::<f64>().unwrap(), calls);
        s.client.close_window().await.unwrap();
        s.client.switch_to_window(here).await.unwrap();
        assert!(s.exists("exam-timer").await, "the exam goes on");
    }

    s.click("practice-submit-all").await;
    s.wait_for("exam-over").await;
    assert!(s.exists("answer-key").await);
    let when = s.text("history-0-date").await;
    assert!(when.starts_with("submitted "), "{when}");
    s.close().await;
}
