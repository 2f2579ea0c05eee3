//! Component tests of the forecast page's queue models Erlang X and chat,
//! in headless Chromium.

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, history, history_aht, long_term, requirement, ForecastInputs, Horizon, QueueChoice,
    Requirement,
};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the app on `#forecast` in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("forecast", "en", &[])
}

fn state_requirement(inputs: ForecastInputs) -> Requirement {
    week_requirement(&history(&demo_dataset()).unwrap(), inputs)
}

/// The 12-month plan's required FTE per month, as the state computes it for
/// the demo year with `inputs`' model, formatted as the page shows it.
fn state_year_plan(inputs: ForecastInputs) -> Vec<String> {
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Year.days(&h)).unwrap();
    let p = inputs.parse().unwrap();
    let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
    long_term(&r, &h, &p).unwrap().months.iter().map(|m| format::number(Lang::En, m.required_fte, 1)).collect()
}

/// The required FTE per month the hiring plan shows (`hire-<i>-required`).
fn shown_year_plan(root: &HtmlElement, months: usize) -> Vec<String> {
    (0..months).map(|i| text(root, &format!("hire-{i}-required")).trim().to_string()).collect()
}

#[wasm_bindgen_test]
async fn erlang_x_and_chat_change_the_heatmap_net_requirement() {
    let (root, _h) = mount();
    tick().await;
    let rc = state_requirement(ForecastInputs::default());
    let c_cells = heat_cells(&root, &rc);
    assert!(c_cells.iter().all(|(shown, state)| shown == state), "Erlang C heatmap = state");
    assert!(by_testid(&root, "input-fc_redial").is_none());

    select(&root, "select-fc-model", "x");
    tick().await;
    assert!(by_testid(&root, "input-fc_redial").is_some());
    assert!(by_testid(&root, "input-fc_patience").is_some());
    assert!(text(&root, "fc-x-week-note").contains("whole horizon"));
    let rx = state_requirement(ForecastInputs { model: QueueChoice::ErlangX, ..Default::default() });
    let x_cells = heat_cells(&root, &rx);
    assert!(x_cells.iter().all(|(shown, state)| shown == state), "Erlang X heatmap = state");
    assert_ne!(x_cells, c_cells, "Erlang X changes the net requirement");
    // The 12-month plan is staffed with Erlang X too (no longer Erlang A): every
    // month's required FTE is the state's Erlang X year, and differs from Erlang A's.
    let x_plan = state_year_plan(ForecastInputs { model: QueueChoice::ErlangX, ..Default::default() });
    let a_plan = state_year_plan(ForecastInputs { model: QueueChoice::ErlangA, ..Default::default() });
    assert!(x_plan.len() >= 12);
    assert_eq!(shown_year_plan(&root, x_plan.len()), x_plan, "hiring plan = state's Erlang X year");
    assert_ne!(x_plan, a_plan, "the year plan is not Erlang A's");
    // The year as the horizon (one staffing shared by the heatmap and the plan): the same plan,
    // and the heatmap's first week is still Erlang X's.
    select(&root, "select-fc-horizon", "12m");
    tick().await;
    assert_eq!(shown_year_plan(&root, x_plan.len()), x_plan, "12-month horizon: the same Erlang X plan");
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let fy = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Year.days(&h)).unwrap();
    let px = ForecastInputs { model: QueueChoice::ErlangX, ..Default::default() }.parse().unwrap();
    let ry = requirement(&fy, history_aht(&h), &px.model, px.shrinkage).unwrap();
    assert!(heat_cells(&root, &ry).iter().all(|(shown, state)| shown == state), "year horizon heatmap = state");
    select(&root, "select-fc-horizon", "week");
    tick().await;
    // A bad redial share is reported next to its field; the heatmap keeps the last good model.
    type_into(&root, "fc_redial", "100");
    tick().await;
    assert!(!text(&root, "error-fc_redial").is_empty());
    type_into(&root, "fc_redial", "20");
    tick().await;
    assert!(by_testid(&root, "error-fc_redial")
        .map(|e| e.text_content().unwrap_or_default().is_empty())
        .unwrap_or(true));

    select(&root, "select-fc-model", "chat");
    tick().await;
    assert!(by_testid(&root, "input-fc_chat_factors").is_some());
    let rch = state_requirement(ForecastInputs { model: QueueChoice::Chat, ..Default::default() });
    let ch_cells = heat_cells(&root, &rch);
    assert!(ch_cells.iter().all(|(shown, state)| shown == state), "chat heatmap = state");
    assert_ne!(ch_cells, c_cells);
    type_into(&root, "fc_chat_factors", "1; 0");
    tick().await;
    assert!(!text(&root, "error-fc_chat_factors").is_empty());
}
