//! Component tests of the forecast page's queue models Erlang X and chat,
//! in headless Chromium.
//! Run: `cargo test -p callcalc-app --target wasm32-unknown-unknown --test components_forecast4`.

#![cfg(target_arch = "wasm32")]

use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, history, history_aht, requirement, ForecastInputs, Horizon, QueueChoice, Requirement,
};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

mod common;
use common::*;

/// Mounts the app on `#forecast` in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("forecast", "en", &[])
}

/// The net numbers the heatmap shows, cell by cell (`heat-<day>-<slot>`).
fn heat_cells(root: &HtmlElement, r: &Requirement) -> Vec<(String, String)> {
    let first = r.rows[0].day;
    let mut out = Vec::new();
    for row in r.rows.iter().filter(|x| x.day < first + 7) {
        let id = format!("heat-{}-{}", row.day - first, row.slot);
        out.push((text(root, &id).trim().to_string(), row.net.to_string()));
    }
    out
}

fn state_requirement(inputs: ForecastInputs) -> Requirement {
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Week.days(&h)).unwrap();
    let p = inputs.parse().unwrap();
    requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap()
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
    assert!(text(&root, "fc-x-week-note").contains("first week"));
    let rx = state_requirement(ForecastInputs { model: QueueChoice::ErlangX, ..Default::default() });
    let x_cells = heat_cells(&root, &rx);
    assert!(x_cells.iter().all(|(shown, state)| shown == state), "Erlang X heatmap = state");
    assert_ne!(x_cells, c_cells, "Erlang X changes the net requirement");
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
