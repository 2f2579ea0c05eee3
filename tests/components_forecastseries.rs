//! Component tests of the forecast page's series choice (all contacts, a
//! channel, a queue), in headless Chromium.
//! Run: `cargo test -p callcalc-app --target wasm32-unknown-unknown --test components_forecastseries`.

#![cfg(target_arch = "wasm32")]

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, history_aht, requirement, ForecastInputs, Horizon, QueueChoice, Requirement,
};
use callcalc_app::state::forecast_series::{history_for, Series};
use callcalc_app::App;
use callcalc_engine::Channel;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

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

fn select_el(root: &HtmlElement, id: &str) -> HtmlSelectElement {
    by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into()
}

fn select(root: &HtmlElement, id: &str, value: &str) {
    let s = select_el(root, id);
    s.set_value(value);
    s.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

/// The net numbers the heatmap shows, cell by cell (`heat-<day>-<slot>`), next to the state's.
fn heat_cells(root: &HtmlElement, r: &Requirement) -> Vec<(String, String)> {
    let first = r.rows[0].day;
    let mut out = Vec::new();
    for row in r.rows.iter().filter(|x| x.day < first + 7) {
        let id = format!("heat-{}-{}", row.day - first, row.slot);
        out.push((text(root, &id).trim().to_string(), row.net.to_string()));
    }
    out
}

/// The week's requirement of `series` as the state computes it.
fn state_requirement(series: &Series, inputs: ForecastInputs) -> Requirement {
    let h = history_for(&demo_dataset(), series).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Week.days(&h)).unwrap();
    let p = inputs.parse().unwrap();
    requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap()
}

fn total_calls(r: &Requirement) -> String {
    format::number(Lang::En, r.total_calls(), 0)
}

#[wasm_bindgen_test]
async fn a_channel_forecasts_its_own_volumes_and_chat_switches_the_model() {
    let (root, _h) = mount();
    tick().await;
    // The options: all contacts and the demo's channels.
    let sel = select_el(&root, "select-fc-series");
    let codes: Vec<String> =
        (0..sel.length()).map(|i| sel.item(i).unwrap().get_attribute("value").unwrap_or_default()).collect();
    assert_eq!(codes, vec!["all", "ch:phone", "ch:email", "ch:chat"]);
    assert_eq!(sel.value(), "all");
    assert!(text(&root, "fc-series-note").contains("All contacts"));
    assert!(by_testid(&root, "fc-series-missing").is_none());
    let all = state_requirement(&Series::All, ForecastInputs::default());
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&all));

    // Phone: its own volumes and AHT; the queue model stays.
    select(&root, "select-fc-series", "ch:phone");
    tick().await;
    assert_eq!(select_el(&root, "select-fc-model").value(), "c");
    assert!(text(&root, "fc-series-note").contains("Channel: phone"), "{}", text(&root, "fc-series-note"));
    let phone = Series::Channel(Channel::Phone);
    let rp = state_requirement(&phone, ForecastInputs::default());
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&rp));
    assert!(rp.total_calls() < all.total_calls());
    let cells = heat_cells(&root, &rp);
    assert!(cells.iter().all(|(shown, state)| shown == state), "phone heatmap = state");

    // Chat: the chat model is selected with its factors field; the numbers are the chat series' under it.
    select(&root, "select-fc-series", "ch:chat");
    tick().await;
    assert_eq!(select_el(&root, "select-fc-model").value(), "chat");
    assert!(by_testid(&root, "input-fc_chat_factors").is_some());
    let chat = Series::Channel(Channel::Chat);
    let rc = state_requirement(&chat, ForecastInputs { model: QueueChoice::Chat, ..Default::default() });
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&rc));
    let cells = heat_cells(&root, &rc);
    assert!(cells.iter().all(|(shown, state)| shown == state), "chat heatmap = state");

    // The user may still change the model; e-mail keeps it (deferred model not wired yet).
    select(&root, "select-fc-model", "a");
    tick().await;
    select(&root, "select-fc-series", "ch:email");
    tick().await;
    assert_eq!(select_el(&root, "select-fc-model").value(), "a");
    let email = Series::Channel(Channel::Email);
    let re = state_requirement(&email, ForecastInputs { model: QueueChoice::ErlangA, ..Default::default() });
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&re));

    // Back to all contacts: today's numbers.
    select(&root, "select-fc-model", "c");
    select(&root, "select-fc-series", "all");
    tick().await;
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&all));
    let cells = heat_cells(&root, &all);
    assert!(cells.iter().all(|(shown, state)| shown == state), "all-contacts heatmap = state");
}
