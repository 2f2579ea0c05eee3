//! Component tests of the KPI dashboard additions: queue/channel
//! filters and an editable SL threshold on imported call records; the
//! interval report's threshold read-only; per-month plan targets from CSV
//! text with located errors; customer-side KPIs with traces and the Pareto
//! of contact reasons on the demo data.

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement, HtmlSelectElement};

use crate::common::*;

/// Mounts the app on its first page in English with `dataset` saved, if given.
fn mount_with(dataset: Option<String>) -> (HtmlElement, impl Drop) {
    let stored: Vec<(&str, &str)> =
        dataset.as_deref().map(|d| (callcalc_app::state::dataset::SAVED_KEY, d)).into_iter().collect();
    mount_app("", "en", &stored)
}

/// A data set of only the call-record fixture (queues Общая, Чат сайта, Почта).
fn cdr_only() -> String {
    use callcalc_app::state::dataset::{encode_dataset, DataSet, Part};
    use callcalc_app::state::import::Source;
    let bytes = include_bytes!("../../engine/tests/fixtures/import/cdr_ru_cp1251.csv").to_vec();
    let part = Part::import(Source { name: "cdr.csv".into(), bytes: std::sync::Arc::new(bytes) }).unwrap();
    encode_dataset(&DataSet::default().with_part(part)).unwrap()
}

#[wasm_bindgen_test]
async fn imported_call_records_filter_by_queue_and_channel_and_take_a_threshold() {
    let (root, _h) = mount_with(Some(cdr_only()));
    tick().await;
    let all = number(&text(&root, "kpi-cell-total-offered"));
    assert!(all >= 5.0, "{all}");
    let sel: HtmlSelectElement = by_testid(&root, "kpi-queue").unwrap().unchecked_into();
    assert!(!sel.disabled(), "call records have queues");
    select(&root, "kpi-queue", "Общая");
    tick().await;
    let general = number(&text(&root, "kpi-cell-total-offered"));
    assert!(general < all && general > 0.0, "{general} of {all}");
    select(&root, "kpi-queue", "all");
    select(&root, "kpi-channel", "chat");
    tick().await;
    assert_eq!(number(&text(&root, "kpi-cell-total-offered")), 1.0, "one chat in the fixture");
    select(&root, "kpi-channel", "all");
    tick().await;

    // The threshold is editable for call records; a longer T raises the SL.
    assert!(by_testid(&root, "kpi-threshold-why").is_none());
    let sl20 = number(&text(&root, "kpi-cell-total-service_level"));
    type_testid(&root, "input-sl_threshold", "3600");
    tick().await;
    assert_eq!(attr(&root, "kpi-threshold", "data-threshold"), "3600");
    let sl_hour = number(&text(&root, "kpi-cell-total-service_level"));
    assert!(sl_hour > sl20, "{sl_hour} > {sl20}");
    type_testid(&root, "input-sl_threshold", "-1");
    tick().await;
    assert!(by_testid(&root, "error-sl_threshold").is_some());
}

#[wasm_bindgen_test]
async fn the_demo_shows_customer_kpis_pareto_and_a_fixed_threshold() {
    let (root, _h) = mount_with(None);
    tick().await;
    // The interval report's T is its own: read-only, with the reason.
    assert!(by_testid(&root, "input-sl_threshold").is_none());
    assert!(by_testid(&root, "kpi-threshold-why").is_some());

    // Customer side: values where the data have them, a trace per cell.
    for key in ["transfer_rate", "fcr_flagged", "fcr_repeat_window", "csat_mean", "csat_top2_box", "nps"] {
        let v = attr(&root, &format!("kpi-cust-total-{key}"), "data-value");
        assert!(!v.is_empty(), "{key} has data in the demo");
    }
    click(&root, "kpi-cust-total-nps");
    tick().await;
    assert_eq!(text(&root, "formula-kpi-customer"), "NPS = (P − D) / N × 100");
    assert!(text(&root, "kpi-cust-trace").contains("Reichheld"));

    // Pareto: bars sorted, the first is vital, the cumulative share ends at 100 %.
    let n = (0..).take_while(|i| by_testid(&root, &format!("kpi-pareto-bar-{i}")).is_some()).count();
    assert!(n >= 3, "{n} reasons");
    assert_eq!(attr(&root, "kpi-pareto-bar-0", "data-vital"), "true");
    let last = format!("kpi-pareto-bar-{}", n - 1);
    assert!((attr(&root, &last, "data-cumulative").parse::<f64>().unwrap() - 1.0).abs() < 1e-9);
    let c0: u64 = attr(&root, "kpi-pareto-bar-0", "data-contacts").parse().unwrap();
    let c1: u64 = attr(&root, "kpi-pareto-bar-1", "data-contacts").parse().unwrap();
    assert!(c0 >= c1);

    // Plan per month from CSV text: a good month kept, a bad row located.
    let month = text(&root, "kpi-row-0").chars().take(7).collect::<String>();
    let area = by_testid(&root, "input-plan_months").unwrap();
    let csv = format!("month;sl;aht;cost_per_call;budget\n{month};99;;;\n2024-xx;80;;;\n");
    js_sys::Reflect::set(&area, &"value".into(), &csv.into()).unwrap();
    area.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    tick().await;
    assert!(by_testid(&root, &format!("kpi-plan-month-{month}")).is_some(), "month {month}");
    assert_eq!(attr(&root, "kpi-plan-file-error-0", "data-row"), "3");
    assert_eq!(attr(&root, "kpi-plan-file-error-0", "data-column"), "month");
    assert_eq!(attr(&root, "kpi-plan-0-service_level", "data-met"), "missed", "99 % is missed");
    assert!(text(&root, "kpi-plan-0-service_level-plan").contains("99"));
}

#[wasm_bindgen_test]
async fn cost_from_the_budget_fills_both_cost_fields() {
    let (root, _h) = mount_with(None);
    tick().await;
    click(&root, "kpi-cost-from-budget");
    tick().await;
    // The default budget on the demo data, as the budget page evaluates it.
    let ds = callcalc_app::state::dataset::demo_dataset();
    let want = callcalc_app::state::budget::kpi_cost_from_budget(&Default::default(), &ds).unwrap();
    let value = |id: &str| -> String {
        let i: HtmlInputElement = by_testid(&root, id).unwrap().unchecked_into();
        i.value()
    };
    assert_eq!(value("input-labour_per_hour"), format!("{:.2}", want.labour_per_agent_hour()));
    assert_eq!(value("input-other_per_hour"), format!("{:.2}", want.other_per_agent_hour()));
    assert!(by_testid(&root, "kpi-cost-from-budget-error").is_none());
    root.remove();
}
