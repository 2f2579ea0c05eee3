//! Component tests of the forecast page's deferred-work model (e-mail, back
//! office: reply within a deadline in open hours), in headless Chromium.

use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{history, ForecastInputs, QueueChoice, Requirement};
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

#[wasm_bindgen_test]
async fn deferred_work_changes_the_heatmap_and_reports_field_errors() {
    let (root, _h) = mount();
    tick().await;
    let rc = state_requirement(ForecastInputs::default());
    let c_cells = heat_cells(&root, &rc);
    assert!(c_cells.iter().all(|(shown, state)| shown == state), "Erlang C heatmap = state");
    assert!(by_testid(&root, "input-fc_deadline").is_none());
    assert!(by_testid(&root, "fc-deferred-note").is_none());

    select(&root, "select-fc-model", "deferred");
    tick().await;
    assert!(by_testid(&root, "input-fc_deadline").is_some());
    assert!(by_testid(&root, "input-fc_deferred_occupancy").is_some());
    // The call targets do not apply: hidden.
    assert!(by_testid(&root, "input-fc_sl").is_none());
    assert!(by_testid(&root, "input-fc_patience").is_none());
    assert!(text(&root, "fc-deferred-note").contains("open intervals"));
    let rd = state_requirement(ForecastInputs { model: QueueChoice::Deferred, ..Default::default() });
    let d_cells = heat_cells(&root, &rd);
    assert!(d_cells.iter().all(|(shown, state)| shown == state), "deferred heatmap = state");
    assert_ne!(d_cells, c_cells, "deferred work changes the net requirement");
    // The peak report speaks of deadlines.
    assert!(text(&root, "peak-col-sl").contains("deadline"), "{}", text(&root, "peak-col-sl"));
    assert!(by_testid(&root, "peak-deferred-note").is_some());

    // A longer deadline: the heatmap follows the state.
    type_into(&root, "fc_deadline", "8");
    tick().await;
    let r8 = state_requirement(ForecastInputs {
        model: QueueChoice::Deferred,
        deadline_h: "8".into(),
        ..Default::default()
    });
    let cells8 = heat_cells(&root, &r8);
    assert!(cells8.iter().all(|(shown, state)| shown == state), "8 h heatmap = state");
    assert_ne!(cells8, d_cells);

    // A bad deadline is reported next to its field.
    type_into(&root, "fc_deadline", "0,1");
    tick().await;
    assert!(!text(&root, "error-fc_deadline").is_empty());
    type_into(&root, "fc_deadline", "4");
    tick().await;
    assert!(by_testid(&root, "error-fc_deadline")
        .map(|e| e.text_content().unwrap_or_default().is_empty())
        .unwrap_or(true));
    type_into(&root, "fc_deferred_occupancy", "0");
    tick().await;
    assert!(!text(&root, "error-fc_deferred_occupancy").is_empty());
    type_into(&root, "fc_deferred_occupancy", "90");

    // The current backlog: planned within the deadline from the start; a negative count is refused at its field.
    type_into(&root, "fc_deferred_open", "300");
    tick().await;
    let ro = state_requirement(ForecastInputs {
        model: QueueChoice::Deferred,
        deferred_open_items: "300".into(),
        ..Default::default()
    });
    let open_cells = heat_cells(&root, &ro);
    assert!(open_cells.iter().all(|(shown, state)| shown == state), "backlog heatmap = state");
    assert_ne!(open_cells, d_cells, "the backlog adds work at the start");
    type_into(&root, "fc_deferred_open", "-5");
    tick().await;
    assert!(!text(&root, "error-fc_deferred_open").is_empty());
}
