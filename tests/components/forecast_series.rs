//! Component tests of the forecast page's series choice (all contacts, a
//! channel, a queue), in headless Chromium.

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{ForecastInputs, QueueChoice, Requirement};
use callcalc_app::state::forecast_series::{history_for, Series};
use callcalc_engine::Channel;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlSelectElement};

use crate::common::*;

/// Mounts the app on `#forecast` in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("forecast", "en", &[])
}

fn select_el(root: &HtmlElement, id: &str) -> HtmlSelectElement {
    by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into()
}

/// The week's requirement of `series` as the state computes it.
fn state_requirement(series: &Series, inputs: ForecastInputs) -> Requirement {
    week_requirement(&history_for(&demo_dataset(), series).unwrap(), inputs)
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

    // E-mail: deferred work (deadline, not a queue) with its fields; the heatmap is that plan's.
    select(&root, "select-fc-series", "ch:email");
    tick().await;
    assert_eq!(select_el(&root, "select-fc-model").value(), "deferred");
    assert!(by_testid(&root, "input-fc_deadline").is_some());
    let email = Series::Channel(Channel::Email);
    let re = state_requirement(&email, ForecastInputs { model: QueueChoice::Deferred, ..Default::default() });
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&re));
    let cells = heat_cells(&root, &re);
    assert!(cells.iter().all(|(shown, state)| shown == state), "e-mail heatmap = deferred plan");
    // The user may still change the model after the suggestion.
    select(&root, "select-fc-model", "a");
    tick().await;
    assert_eq!(select_el(&root, "select-fc-model").value(), "a");
    let ra = state_requirement(&email, ForecastInputs { model: QueueChoice::ErlangA, ..Default::default() });
    let cells = heat_cells(&root, &ra);
    assert!(cells.iter().all(|(shown, state)| shown == state), "e-mail heatmap under Erlang A = state");

    // Back to all contacts: today's numbers.
    select(&root, "select-fc-model", "c");
    select(&root, "select-fc-series", "all");
    tick().await;
    assert_eq!(text(&root, "fc-total-calls"), total_calls(&all));
    let cells = heat_cells(&root, &all);
    assert!(cells.iter().all(|(shown, state)| shown == state), "all-contacts heatmap = state");
}
