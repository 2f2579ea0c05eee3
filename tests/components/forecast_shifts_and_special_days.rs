//! Component tests of the forecast page's week picker for shifts and the
//! special days, in headless Chromium.

use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, date, history, history_aht, requirement, shift_weeks, ForecastInputs, Horizon,
};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the app on `#forecast` in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("forecast", "en", &[])
}

#[wasm_bindgen_test]
async fn shifts_for_any_week_of_the_horizon() {
    let (root, _h) = mount();
    tick().await;
    select(&root, "select-fc-horizon", "1m");
    tick().await;
    // The weeks offered are the state's calendar weeks of the month's requirement.
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Month.days(&h)).unwrap();
    let p = ForecastInputs::default().parse().unwrap();
    let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
    let weeks = shift_weeks(&r);
    assert!(weeks.len() >= 4, "{weeks:?}");
    let options = by_testid(&root, "select-shift-week").unwrap().child_element_count();
    assert_eq!(options as usize, weeks.len());
    // Week 1 (the first) and week 3 give plans of their own days.
    click(&root, "shift-run");
    tick().await;
    let first_plan = text(&root, "shift-starts");
    assert!(first_plan.contains(&date(weeks[0].0)), "{first_plan}");
    select(&root, "select-shift-week", "2");
    tick().await;
    assert!(by_testid(&root, "shift-agents").is_none(), "another week makes the plan stale");
    click(&root, "shift-run");
    tick().await;
    let third = text(&root, "shift-starts");
    assert!(third.contains(&date(weeks[2].0)) && third.contains(&date(weeks[2].1)), "{third}");
    assert!(!third.contains(&date(weeks[0].0)), "{third}");
    assert_eq!(text(&root, "shift-unmet").trim(), "0");
    assert!(by_testid(&root, "shift-export").is_some());
}

#[wasm_bindgen_test]
async fn special_days_are_validated_and_change_the_backtest() {
    let (root, _h) = mount();
    tick().await;
    assert!(by_testid(&root, "fc-special-count").is_none(), "nothing marked yet");
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let key = callcalc_app::state::forecast::method_key(&chosen_method(None, Some(&bt)));
    let table_before = text(&root, &format!("backtest-wape-{key}"));
    // Not a calendar date: reported at the field.
    type_into(&root, "fc_special", "2026-02-30");
    tick().await;
    assert!(by_testid(&root, "error-fc_special").is_some());
    // Three days in the backtest window (up to three days before the history ends) and one outside the history.
    let last = h.days().last().unwrap().day;
    let marked: Vec<i64> = (last - 5..=last - 3).collect();
    let list: Vec<String> = marked.iter().map(|&d| date(d)).collect();
    type_into(&root, "fc_special", &format!("{}, 1999-01-01", list.join(", ")));
    tick().await;
    assert!(by_testid(&root, "error-fc_special").is_none());
    let in_history = marked.iter().filter(|&&d| h.days().iter().any(|x| x.day == d)).count();
    assert!(in_history > 0);
    assert_eq!(text(&root, "fc-special-count"), in_history.to_string());
    assert!(text(&root, "fc-special-outside").contains("1999-01-01"));
    let before = text(&root, "fc-special-wape-before");
    let after = text(&root, "fc-special-wape-after");
    assert!(!before.is_empty() && before != after, "{before} vs {after}");
    // The backtest table shows the marked history's scores.
    assert_ne!(text(&root, &format!("backtest-wape-{key}")), table_before, "the table changed with the marks");
    // Clearing the list restores the unmarked backtest.
    type_into(&root, "fc_special", "");
    tick().await;
    assert!(by_testid(&root, "fc-special-count").is_none());
    assert_eq!(text(&root, &format!("backtest-wape-{key}")), table_before);
}

#[wasm_bindgen_test]
async fn peaks_show_the_data_sets_own_staffing_next_to_the_flat_one() {
    let (root, _h) = mount();
    tick().await;
    let ds = demo_dataset();
    let h = history(&ds).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Week.days(&h)).unwrap();
    let p = ForecastInputs::default().parse().unwrap();
    let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
    let pat = callcalc_app::state::forecast::staffed_pattern(&ds).unwrap();
    let rep = callcalc_app::state::forecast::peaks(&r, &p, Some(&pat)).unwrap();
    assert!(by_testid(&root, "peak-staffed-note").is_some());
    for (i, x) in rep.rows.iter().enumerate() {
        let (a, k) = x.staffed.unwrap();
        let shown: f64 = text(&root, &format!("peak-{i}-staffed")).replace(',', "").parse().unwrap();
        assert!((shown - a).abs() <= 0.05 + 1e-9, "{shown} vs {a}");
        let sl = text(&root, &format!("peak-{i}-sl-staffed"));
        assert_eq!(sl, callcalc_app::format::percent(callcalc_app::i18n::Lang::En, k.service_level, 1), "row {i}");
        // The flat option is still there.
        assert!(!text(&root, &format!("peak-{i}-sl")).is_empty());
    }
    // The flat staffing still changes with its input; the data's staffing does not.
    let staffed_before = text(&root, "peak-0-sl-staffed");
    let flat_before = text(&root, "peak-0-sl");
    type_into(&root, "fc_flat_agents", "60");
    tick().await;
    assert_ne!(text(&root, "peak-0-sl"), flat_before);
    assert_eq!(text(&root, "peak-0-sl-staffed"), staffed_before);
}

#[wasm_bindgen_test]
async fn the_twelve_month_forecast_states_its_long_range_and_stays_near_the_history() {
    let (root, _h) = mount();
    tick().await;
    select(&root, "select-fc-horizon", "12m");
    tick().await;
    // The demo has a year of history: beyond 8 weeks, last year's same weekday.
    let note = by_testid(&root, "fc-long-range").expect("the long range is stated");
    let growth: f64 = note.get_attribute("data-growth").unwrap().parse().unwrap();
    assert_eq!(growth, 1.0, "the history does not reach the same weeks a year earlier: no growth");
    // The year's forecast is within 10 % of the history's contacts (the demo has no trend).
    let ds = callcalc_app::state::dataset::demo_dataset();
    let history: f64 = ds.intervals().unwrap().unwrap().iter().map(|c| c.offered as f64).sum();
    let total: f64 =
        text(&root, "fc-total-calls").chars().filter(|c| c.is_ascii_digit()).collect::<String>().parse().unwrap();
    assert!((total / history - 1.0).abs() < 0.1, "forecast {total} vs history {history}");
    root.remove();
}
