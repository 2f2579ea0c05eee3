//! Component tests of the forecast page's deferred-work model (e-mail, back
//! office: reply within a deadline in open hours), in headless Chromium.
//! Run: `cargo test -p callcalc-app --target wasm32-unknown-unknown --test components_forecastdeferred`.

#![cfg(target_arch = "wasm32")]

use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, history, history_aht, requirement, ForecastInputs, Horizon, QueueChoice, Requirement,
};
use callcalc_app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

async fn tick() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

/// Mounts the app on `#forecast` in English.
fn mount() -> (HtmlElement, impl Drop) {
    let w = web_sys::window().unwrap();
    let storage = w.local_storage().unwrap().unwrap();
    storage.clear().unwrap();
    storage.set_item("callcalc.lang", "en").unwrap();
    w.location().set_hash("forecast").unwrap();
    let div: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&div).unwrap();
    let handle = leptos::mount::mount_to(div.clone(), App);
    (div, handle)
}

fn by_testid(root: &HtmlElement, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap()
}

fn text(root: &HtmlElement, id: &str) -> String {
    by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).text_content().unwrap_or_default()
}

fn type_into(root: &HtmlElement, id: &str, value: &str) {
    let input: HtmlInputElement = by_testid(root, &format!("input-{id}")).unwrap().unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

fn select(root: &HtmlElement, id: &str, value: &str) {
    let s: HtmlSelectElement = by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into();
    s.set_value(value);
    s.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
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
}
