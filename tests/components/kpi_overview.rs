//! Component tests of the KPI page's headline cards in a real browser: the
//! page opens on the cards of the latest month; each card's value equals
//! `state::kpi_overview` on the demo and the table's row of that month; the
//! period selector changes them; a plan target gives a status word; a card
//! opens its trace; the settings are open on the first visit and folded on
//! the next.

use callcalc_app::format;
use callcalc_app::i18n::Lang;
use callcalc_app::state::dataset::{demo_dataset, SL_THRESHOLD_S};
use callcalc_app::state::kpi::{kpi_data, KpiForm};
use callcalc_app::state::kpi_overview::{overview, Overview, OverviewPeriod, CARD_KEYS};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use crate::common::*;

fn expected(period: OverviewPeriod) -> Overview {
    let data = kpi_data(&demo_dataset(), SL_THRESHOLD_S);
    overview(&data, &KpiForm::default().parse().unwrap(), period, None).expect("the demo has intervals")
}

fn value_of(root: &HtmlElement, key: &str) -> f64 {
    attr(root, &format!("kpi-card-{key}-value"), "data-value").parse().expect("a value")
}

#[wasm_bindgen_test]
async fn the_page_opens_on_the_cards_of_the_latest_month() {
    let (root, _h) = mount_app("", "en", &[]);
    tick().await;
    let want = expected(OverviewPeriod::LatestMonth);
    let label = want.row.label.clone().unwrap();
    assert!(text(&root, "kpi-overview-label").starts_with(&label), "{}", text(&root, "kpi-overview-label"));
    // The cards come before the settings and the table in the page.
    let html = root.inner_html();
    let pos = |id: &str| html.find(&format!("data-testid=\"{id}\"")).unwrap_or_else(|| panic!("{id}"));
    assert!(pos("kpi-overview") < pos("kpi-settings-fold") && pos("kpi-overview") < pos("kpi-table"));
    for card in &want.cards {
        let k = card.key.name();
        let Some(v) = card.value() else {
            // A KPI the data cannot support: "—" and why.
            assert_eq!(text(&root, &format!("kpi-card-{k}-value")), "—", "{k}");
            assert!(by_testid(&root, &format!("kpi-card-{k}-missing")).is_some(), "{k}");
            continue;
        };
        assert!((value_of(&root, k) - v).abs() < 1e-12, "{k}");
        // The shown text is the table's format of the same number.
        let shown = callcalc_app::components::kpi_table::show(Lang::En, card.key, Some(v));
        assert_eq!(text(&root, &format!("kpi-card-{k}-value")), shown, "{k}");
        let d = card.delta.expect("a previous month");
        let delta: f64 = attr(&root, &format!("kpi-card-{k}-delta"), "data-delta").parse().unwrap();
        assert!((delta - d).abs() < 1e-12, "{k}");
        let shown = callcalc_app::components::kpi_overview::delta_text(Lang::En, card.key, d);
        assert!(shown.starts_with(if d > 0.0 { ['▲', '='] } else { ['▼', '='] }), "{shown}");
        assert!(text(&root, &format!("kpi-card-{k}-delta")).contains(&shown), "{k}");
        assert_eq!(
            attr(&root, &format!("kpi-card-{k}-spark"), "data-points"),
            card.spark.iter().flatten().count().to_string()
        );
        // No plan yet: no status.
        assert!(by_testid(&root, &format!("kpi-card-{k}-plan")).is_none());
    }
    // Rates change in percentage points.
    assert!(text(&root, "kpi-card-service_level-delta").contains("pp"));
    // The latest month's card equals the table's last month row (grouping by month).
    let n = (0..).find(|i| by_testid(&root, &format!("kpi-row-{i}")).is_none()).unwrap();
    assert_eq!(
        text(&root, "kpi-card-service_level-value"),
        text(&root, &format!("kpi-cell-{}-service_level", n - 1)),
        "the last month row"
    );
    for k in CARD_KEYS {
        assert!(by_testid(&root, &format!("kpi-card-{}", k.name())).is_some(), "{k:?}");
    }
    // No inline style anywhere in the cards (the CSP forbids it).
    let overview_el = by_testid(&root, "kpi-overview").unwrap();
    assert!(overview_el.query_selector("[style]").unwrap().is_none());
}

#[wasm_bindgen_test]
async fn the_period_selector_plan_status_and_trace() {
    let (root, _h) = mount_app("", "en", &[]);
    tick().await;
    select(&root, "kpi-overview-period", "latest_day");
    tick().await;
    let day = expected(OverviewPeriod::LatestDay);
    assert!(text(&root, "kpi-overview-label").starts_with(day.row.label.as_deref().unwrap()));
    assert!((value_of(&root, "asa") - day.cards[1].value().unwrap()).abs() < 1e-12);
    select(&root, "kpi-overview-period", "whole");
    tick().await;
    // The whole data set: the total row, no previous period.
    assert_eq!(text(&root, "kpi-card-service_level-value"), text(&root, "kpi-cell-total-service_level"));
    assert!(text(&root, "kpi-card-service_level-delta").contains("no previous period"));
    select(&root, "kpi-overview-period", "latest_month");
    tick().await;

    // A plan SL target just above the actual (within 5 %): near; far above: missed; below: met.
    let sl = expected(OverviewPeriod::LatestMonth).cards[0].value().unwrap() * 100.0;
    for (target, status, word) in
        [(sl * 1.02, "near", "near"), ((sl * 1.3).min(100.0), "missed", "missed"), (sl - 1.0, "met", "met")]
    {
        type_testid(&root, "input-plan_service_level", &format::number(Lang::En, target, 2).replace(',', ""));
        tick().await;
        assert_eq!(attr(&root, "kpi-card-service_level-plan", "data-status"), status, "target {target}");
        assert!(text(&root, "kpi-card-service_level-plan").contains(word), "a word, not colour alone");
        assert!(by_testid(&root, "kpi-card-service_level").unwrap().class_list().contains(status));
    }
    assert!(by_testid(&root, "kpi-card-occupancy-plan").is_none(), "no occupancy target");

    // A card opens the same trace as the table.
    click(&root, "kpi-card-service_level-value");
    tick().await;
    let trace = by_testid(&root, "kpi-overview-trace").unwrap();
    let formula = trace.query_selector("[data-testid='kpi-trace-formula']").unwrap().expect("a trace");
    assert_eq!(formula.text_content().unwrap(), "SL = Aₜ / O");
    let row = trace.query_selector("[data-testid='kpi-trace-row']").unwrap().unwrap();
    assert_eq!(row.text_content().unwrap(), expected(OverviewPeriod::LatestMonth).row.label.unwrap());
}

#[wasm_bindgen_test]
async fn settings_are_open_on_the_first_visit_and_folded_later() {
    let (root, h) = mount_app("", "ru", &[]);
    tick().await;
    let fold = by_testid(&root, "kpi-settings-fold").unwrap();
    assert!(fold.has_attribute("open"), "open on the first visit");
    // The summary states the current choice, in Russian.
    assert!(text(&root, "kpi-settings-summary").contains("по месяцам"), "{}", text(&root, "kpi-settings-summary"));
    select(&root, "kpi-grouping", "week");
    tick().await;
    assert!(text(&root, "kpi-settings-summary").contains("по неделям"), "{}", text(&root, "kpi-settings-summary"));
    assert!(text(&root, "kpi-overview").contains("п.п."), "Russian units");
    drop(h);
    root.remove();
    let (root, _h) = remount("");
    tick().await;
    assert!(!by_testid(&root, "kpi-settings-fold").unwrap().has_attribute("open"), "folded on the next visit");
}
