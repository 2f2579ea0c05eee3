//! Helpers shared by the component tests (`tests/components/`): mounting
//! the app in a fresh container, letting Leptos run its effects, and reading
//! and driving elements by their `data-testid`. Each feature module uses a part.
#![allow(dead_code)]

use callcalc_app::App;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// Lets Leptos run its scheduled effects.
pub async fn tick() {
    for _ in 0..3 {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 0).unwrap();
        });
        wasm_bindgen_futures::JsFuture::from(p).await.unwrap();
    }
}

/// Mounts `view` into a fresh container appended to the body.
pub fn mount_view<V: IntoView + 'static>(view: impl FnOnce() -> V + 'static) -> (HtmlElement, impl Drop) {
    let div: HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&div).unwrap();
    let handle = leptos::mount::mount_to(div.clone(), view);
    (div, handle)
}

/// Mounts the whole app on `hash` ("" for the first page) keeping whatever
/// is stored (a reload).
pub fn remount(hash: &str) -> (HtmlElement, impl Drop) {
    web_sys::window().unwrap().location().set_hash(hash).unwrap();
    mount_view(App)
}

/// Mounts the whole app on `hash` with storage cleared, the language `lang`
/// and the given records stored (`(key, text)`).
pub fn mount_app(hash: &str, lang: &str, stored: &[(&str, &str)]) -> (HtmlElement, impl Drop) {
    let s = storage();
    s.clear().unwrap();
    s.set_item("callcalc.lang", lang).unwrap();
    for (k, v) in stored {
        s.set_item(k, v).unwrap();
    }
    remount(hash)
}

pub fn by_testid(root: &HtmlElement, id: &str) -> Option<web_sys::Element> {
    root.query_selector(&format!("[data-testid='{id}']")).unwrap()
}

pub fn text(root: &HtmlElement, id: &str) -> String {
    by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).text_content().unwrap_or_default()
}

pub fn attr(root: &HtmlElement, id: &str, name: &str) -> String {
    by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).get_attribute(name).unwrap_or_default()
}

/// The value of the input with test id `id`.
pub fn input_value(root: &HtmlElement, id: &str) -> String {
    let i: HtmlInputElement = by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into();
    i.value()
}

/// The value of the select with test id `id`.
pub fn select_value(root: &HtmlElement, id: &str) -> String {
    let s: HtmlSelectElement = by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into();
    s.value()
}

/// Types into the input with test id `id`, as a user would (an `input` event).
pub fn type_testid(root: &HtmlElement, id: &str, value: &str) {
    let input: HtmlInputElement = by_testid(root, id).unwrap_or_else(|| panic!("no input {id}")).unchecked_into();
    input.set_value(value);
    input.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
}

/// Types into the text field named `name` (test id `input-{name}`).
pub fn type_into(root: &HtmlElement, name: &str, value: &str) {
    type_testid(root, &format!("input-{name}"), value)
}

pub fn click(root: &HtmlElement, id: &str) {
    let el: HtmlElement = by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into();
    el.click();
}

/// Chooses `value` in the select with test id `id` (a `change` event).
pub fn select(root: &HtmlElement, id: &str, value: &str) {
    let s: HtmlSelectElement = by_testid(root, id).unwrap_or_else(|| panic!("no element {id}")).unchecked_into();
    s.set_value(value);
    s.dispatch_event(&web_sys::Event::new("change").unwrap()).unwrap();
}

/// A displayed number or percentage in English format ("1,234.5", "80.1%").
pub fn number(t: &str) -> f64 {
    t.trim().trim_end_matches('%').replace(',', "").parse().unwrap_or_else(|_| panic!("a number: {t:?}"))
}

/// Waits up to `ticks` rounds of effects for an element to appear.
pub async fn wait_long(root: &HtmlElement, id: &str, ticks: usize) {
    for _ in 0..ticks {
        if by_testid(root, id).is_some() {
            return;
        }
        tick().await;
    }
    panic!("{id} never appeared");
}

/// Waits (a few seconds at most) for an element to appear.
pub async fn wait_for(root: &HtmlElement, id: &str) {
    wait_long(root, id, 200).await
}

/// The forecast page's heatmap, cell by cell (`heat-<day>-<slot>`, first
/// week of `r`): what is shown next to the state's net requirement.
pub fn heat_cells(root: &HtmlElement, r: &callcalc_app::state::forecast::Requirement) -> Vec<(String, String)> {
    let first = r.rows[0].day;
    let mut out = Vec::new();
    for row in r.rows.iter().filter(|x| x.day < first + 7) {
        let id = format!("heat-{}-{}", row.day - first, row.slot);
        out.push((text(root, &id).trim().to_string(), row.net.to_string()));
    }
    out
}

/// The week's requirement as the forecast state computes it from history
/// `h` with the page's settings `inputs` (the backtest's best method).
pub fn week_requirement(
    h: &callcalc_engine::IntervalHistory,
    inputs: callcalc_app::state::forecast::ForecastInputs,
) -> callcalc_app::state::forecast::Requirement {
    use callcalc_app::state::forecast::{backtest, chosen_method, history_aht, requirement, Horizon};
    let bt = backtest(h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Week.days(h)).unwrap();
    let p = inputs.parse().unwrap();
    requirement(&f, history_aht(h), &p.model, p.shrinkage).unwrap()
}

/// The budget page's comparison of the default budget on the demo data set
/// with `scenarios`, as the state computes it.
pub fn expected_comparison(
    scenarios: &[callcalc_app::state::budget::ScenarioInputs],
) -> callcalc_app::state::budget::Comparison {
    use callcalc_app::state::budget::{compare, workload, BudgetInputs};
    let w = workload(&callcalc_app::state::dataset::demo_dataset().intervals().unwrap().unwrap()).unwrap();
    compare(&BudgetInputs::default().parse(&w).unwrap(), scenarios)
}
