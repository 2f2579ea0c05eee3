//! Component tests of the forecast page in headless Chromium.

use callcalc_app::state::dataset::demo_dataset;
use callcalc_app::state::forecast::{
    backtest, chosen_method, history, history_aht, requirement, ForecastInputs, Horizon,
};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, HtmlInputElement};

use crate::common::*;

/// Mounts the app on `#forecast` in English with nothing stored.
fn mount() -> (HtmlElement, impl Drop) {
    mount_app("forecast", "en", &[])
}

#[wasm_bindgen_test]
async fn forecast_page_backtest_heatmap_peaks_and_shifts() {
    let (root, _h) = mount();
    tick().await;
    assert!(by_testid(&root, "backtest-table").is_some(), "backtest table");
    for key in ["seasonal_naive", "profile_trend_4w", "profile_trend_8w", "holt_winters_fixed", "holt_winters_grid"] {
        assert!(by_testid(&root, &format!("backtest-row-{key}")).is_some(), "{key}");
    }
    assert!(by_testid(&root, "backtest-best").is_some());

    // The heatmap's net cells equal the state's requirement for the same settings.
    let h = history(&demo_dataset()).unwrap();
    let bt = backtest(&h).unwrap();
    let f = h.forecast(chosen_method(None, Some(&bt)), &Horizon::Week.days(&h)).unwrap();
    let p = ForecastInputs::default().parse().unwrap();
    let r = requirement(&f, history_aht(&h), &p.model, p.shrinkage).unwrap();
    let peak = r.peak().unwrap().clone();
    let d = r.rows.iter().position(|x| x.day == peak.day).unwrap() / h.slots_per_day() as usize;
    let cell = format!("heat-{d}-{}", peak.slot);
    assert_eq!(text(&root, &cell), peak.net.to_string());
    assert_eq!(text(&root, "fc-peak"), peak.net.to_string());
    click(&root, "heatmap-gross");
    tick().await;
    assert_eq!(text(&root, &cell), format!("{:.1}", peak.gross));
    assert_eq!(text(&root, "peak-0-net"), peak.net.to_string());

    // A higher target needs more agents at the peak; a bad target is reported at its field.
    type_into(&root, "fc_sl", "95");
    tick().await;
    let higher: u32 = text(&root, "fc-peak").parse().unwrap();
    assert!(higher > peak.net, "{higher} vs {}", peak.net);
    type_into(&root, "fc_sl", "150");
    tick().await;
    assert!(by_testid(&root, "error-fc_sl").is_some());
    type_into(&root, "fc_sl", "80");
    tick().await;
    assert!(by_testid(&root, "error-fc_sl").is_none());

    // Hiring plan over 12 months.
    assert!(by_testid(&root, "hire-11-hires").is_some());
    assert!(text(&root, "hire-total").parse::<u32>().is_ok());

    // Shifts: the defaults cover the week; a template that ends outside the week is reported at its row.
    click(&root, "shift-run");
    tick().await;
    let agents: u64 = text(&root, "shift-agents").parse().unwrap();
    assert!(agents > 0);
    assert_eq!(text(&root, "shift-unmet").trim(), "0");
    let start: HtmlInputElement = by_testid(&root, "shift-0-start").unwrap().unchecked_into();
    start.set_value("8:07");
    start.dispatch_event(&web_sys::Event::new("input").unwrap()).unwrap();
    click(&root, "shift-run");
    tick().await;
    assert!(!text(&root, "shift-0-error").is_empty());
}
