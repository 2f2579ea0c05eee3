//! Operators page component tests in a real headless Chromium.

use std::sync::Arc;

use callcalc_app::i18n::{I18n, Lang};
use callcalc_app::pages::operators::OperatorsPage;
use callcalc_app::state::dataset::{provide_dataset, DataSet, Part};
use callcalc_app::state::import::Source;
use callcalc_engine::demo;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

/// Mounts the operators page with a one-day demo data set (a month of call
/// records is too slow for a debug build), with the given saved scores.
fn mount(saved_scores: Option<&str>) -> (HtmlElement, impl Drop) {
    storage().clear().unwrap();
    if let Some(s) = saved_scores {
        storage().set_item("callcalc.operators.scores", s).unwrap();
    }
    mount_view(|| {
        provide_context(I18n { lang: RwSignal::new(Lang::En) });
        let centre = demo::DemoCentre::default();
        let part = |name: &str, text: String| {
            Part::import(Source { name: name.to_string(), bytes: Arc::new(text.into_bytes()) }).ok()
        };
        provide_dataset(Some(DataSet {
            demo: false,
            interval_report: None,
            cdr: part("cdr.csv", demo::cdr_csv(&centre, 1)),
            agent_report: part("agents.csv", demo::agent_report_csv(&centre, 1)),
        }));
        view! { <OperatorsPage /> }
    })
}

#[wasm_bindgen_test]
async fn table_sorts_and_planted_gamers_are_flagged() {
    let (root, _h) = mount(None);
    tick().await;
    assert!(by_testid(&root, "operators-table").is_some());
    assert!(by_testid(&root, "op-row-0").is_some());
    assert!(number(&text(&root, "operators-kept")) > 0.0);

    click(&root, "sort-acw");
    tick().await;
    let a = number(&text(&root, "op-row-0-acw"));
    let b = number(&text(&root, "op-row-1-acw"));
    assert!(a >= b, "descending: {a} {b}");
    click(&root, "sort-acw");
    tick().await;
    let a = number(&text(&root, "op-row-0-acw"));
    let b = number(&text(&root, "op-row-1-acw"));
    assert!(a <= b, "ascending: {a} {b}");

    click(&root, "operators-source-planted");
    tick().await;
    let op = text(&root, "flag-0-operator");
    assert!(op.starts_with("op0"), "{op}");
    assert!(by_testid(&root, "flag-evidence-0").is_some());
    assert!(by_testid(&root, "how-flag").is_some());
    // a threshold no-one reaches removes every flag; a bad one is reported next to its field
    type_into(&root, "short_share_ratio", "1000000");
    type_into(&root, "transfer_share_ratio", "1000000");
    type_into(&root, "acw_z", "1000");
    type_into(&root, "hold_z", "1000");
    type_into(&root, "not_ready_z", "1000");
    type_into(&root, "near_sl_ratio", "1000000");
    type_into(&root, "repeat_ratio", "1000000");
    tick().await;
    assert!(by_testid(&root, "operators-no-flags").is_some());
    type_into(&root, "fdr", "150");
    tick().await;
    assert!(by_testid(&root, "error-fdr").is_some());
}

#[wasm_bindgen_test]
async fn qa_plan_follows_its_inputs_and_scores_are_kept() {
    let (root, _h) = mount(Some("operator-scores v1\nevaluations=5545op001\n"));
    tick().await;
    click(&root, "operators-source-planted");
    tick().await;
    let n10 = number(&text(&root, "qa-row-0-n"));
    type_into(&root, "margin", "5");
    tick().await;
    let n5 = number(&text(&root, "qa-row-0-n"));
    assert!(n5 > n10, "{n5} > {n10}");
    // 384.15 for an infinite population at 95 %, ±5 %, p = 50 %
    assert!(text(&root, "qa-n0").contains("384.15"), "{}", text(&root, "qa-n0"));
    type_into(&root, "confidence", "100");
    tick().await;
    assert!(by_testid(&root, "error-confidence").is_some());

    // the saved evaluation is read back; a second one for the same operator adds an interval
    assert_eq!(text(&root, "score-row-0-n"), "1");
    type_into(&root, "politeness", "3");
    tick().await;
    click(&root, "score-add");
    tick().await;
    assert_eq!(text(&root, "score-row-0-n"), "2");
    assert!(text(&root, "score-row-0-mean").contains('±'));
    let stored = web_sys::window().unwrap().local_storage().unwrap().unwrap().get_item("callcalc.operators.scores");
    assert!(stored.unwrap().unwrap().contains("3555op001"));
}

/// Elements `{prefix}0`, `{prefix}1`, … present, counted up to the first missing.
fn count(root: &HtmlElement, prefix: &str) -> u32 {
    (0..).take_while(|j| by_testid(root, &format!("{prefix}{j}")).is_some()).count() as u32
}

#[wasm_bindgen_test]
async fn operator_detail_opens_with_distributions_and_flags() {
    let (root, _h) = mount(None);
    tick().await;
    assert!(by_testid(&root, "detail-hint").is_some());
    // demo data (phone): peers are the operators of the same queue
    let mut i = 0;
    while number(&text(&root, &format!("op-row-{i}-contacts"))) == 0.0 {
        i += 1;
    }
    let row = |c: &str| text(&root, &format!("op-row-{i}-{c}"));
    assert!(row("peers").starts_with("queue: "), "{}", row("peers"));
    assert!(text(&root, "operators-peers-note").contains("queue: "));
    let name = row("name");
    click(&root, &format!("op-row-{i}-open"));
    tick().await;
    assert_eq!(text(&root, "detail-operator"), name);
    assert_eq!(text(&root, "detail-contacts"), row("contacts"));
    assert_eq!(text(&root, "detail-aht"), row("aht"));
    assert!(by_testid(&root, "detail-channel-0").is_some());
    assert!(text(&root, "detail-channel-0-share-op").ends_with('%'));
    assert!(by_testid(&root, "detail-reason-0").is_some());
    // the demo's optional call-record columns: repeats, resolution, complexity weights
    assert!(row("repeats").ends_with("%)"), "{}", row("repeats"));
    assert_eq!(text(&root, "detail-repeats"), row("repeats"));
    assert!(text(&root, "detail-resolved").contains(" / "), "{}", text(&root, "detail-resolved"));
    assert_eq!(text(&root, "detail-resolved-weighted"), row("resolved-weighted"));
    assert_eq!(count(&root, "detail-hist-handle-bar-"), 12);
    assert_eq!(count(&root, "detail-hist-handle-peer-"), 12);
    assert_eq!(text(&root, "detail-hist-handle-n"), text(&root, "detail-contacts"));
    assert!(by_testid(&root, "detail-hist-wait-marker").is_some());
    assert!(number(&text(&root, "detail-peers-count")) >= 2.0);

    // grouping by the whole centre is stated in the table and the detail
    select(&root, "op-peers", "centre");
    tick().await;
    assert_eq!(text(&root, "detail-peers"), "whole centre");

    // the planted centre: a flagged operator's detail lists the flag with its evidence
    click(&root, "operators-source-planted");
    select(&root, "op-peers", "queue");
    tick().await;
    let flagged = text(&root, "flag-0-operator");
    let pattern = text(&root, "flag-0-pattern");
    assert_eq!(text(&root, "flag-peers"), "channel: phone");
    let mut i = 0;
    while text(&root, &format!("op-row-{i}-name")) != flagged {
        i += 1;
    }
    click(&root, &format!("op-row-{i}-open"));
    tick().await;
    assert_eq!(text(&root, "detail-operator"), flagged);
    assert_eq!(text(&root, "detail-peers"), "channel: phone");
    assert_eq!(text(&root, "detail-peers-count"), "40");
    assert_eq!(text(&root, "detail-flag-0-pattern"), pattern);
    assert!(!text(&root, "detail-flag-0-evidence").is_empty());
    click(&root, "detail-close");
    tick().await;
    assert!(by_testid(&root, "detail-hint").is_some());
}
